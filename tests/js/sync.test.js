/* The outbox (monitor/static/js/offline/sync.js): what it sends, what it keeps, and how it waits.
   The store is the real one on an in-memory IndexedDB; the server is a fake answering as ours does. */
import assert from "node:assert/strict";
import { test } from "node:test";

import { openStore } from "../../monitor/static/js/offline/store.js";
import { Api, Outbox } from "../../monitor/static/js/offline/sync.js";
import { URLS, fakeServer, phone, record } from "./support.js";

const MONITOR = { id: 7, username: "monitor" };

async function outboxWith(handlers, records, { online = true } = {}) {
  const device = phone();
  const store = await openStore(7, device);
  for (const r of records) await store.save(r);
  const server = fakeServer({ "GET /api/v1/session": () => [200, { user: MONITOR, csrf_token: "token" }], ...handlers });
  const api = new Api(URLS, { fetch: server.fetch });
  const clock = { now: 1_000_000 };
  const outbox = new Outbox(store, api, () => {}, { online: () => online, locks: null, now: () => clock.now, random: () => 0.5 });
  return { device, store, server, outbox, clock };
}

const stored = (body) => [201, { ...body, revision: body.status === "submitted" ? 1 : 0 }];
const posts = (server) => server.requests.filter((r) => r.method === "POST");

test("every checklist waiting is sent once, with its answers, and marked sent on the phone", async () => {
  const { device, server, outbox } = await outboxWith({ "POST /api/v1/submissions": stored },
    [record("a", { status: "submitted", hearing: { stage: "appeal" } }), record("b")]);
  await outbox.run(false);
  assert.deepEqual(posts(server).map((r) => r.body.uuid).sort(), ["a", "b"]);
  assert.deepEqual(posts(server).find((r) => r.body.uuid === "a").body.hearing, { stage: "appeal" });
  assert.equal(posts(server)[0].headers["X-CSRFToken"], "token");
  const reopened = await openStore(7, device);
  assert.deepEqual(reopened.all().map((r) => r.sync.state), ["sent", "sent"]);
  assert.ok(await reopened.getMeta("last_sent"));
  assert.equal(device.localStorage.getItem("court-monitor-unsent-7"), "0");
  await outbox.run(true);
  assert.equal(posts(server).length, 2, "nothing is sent twice");
});

test("a checklist changed while it was on its way stays in the outbox", async () => {
  const env = await outboxWith({ "POST /api/v1/submissions": (body) => { env.store.get("a").rev = 2; return stored(body); } }, [record("a")]);
  await env.outbox.run(false);
  assert.equal(env.store.get("a").sync.state, "pending");
  assert.equal(env.outbox.waiting(false).length, 1);
});

test("a refused checklist becomes a draft to correct, its answers untouched and its problems kept", async () => {
  const env = await outboxWith({
    "POST /api/v1/submissions": () => [422, { error: "invalid", message: "Some fields are not valid", errors: { court: "unknown court 'x'" } }]
  }, [record("a", { status: "submitted", hearing: { stage: "appeal" } })]);
  await env.outbox.run(false);
  const refused = (await openStore(7, env.device)).get("a");
  assert.equal(refused.sync.state, "invalid");
  assert.equal(refused.status, "draft");
  assert.deepEqual(refused.sync.errors, { court: "unknown court 'x'" });
  assert.deepEqual(refused.hearing, { stage: "appeal" });
  await env.outbox.run(true);
  assert.equal(posts(env.server).length, 1, "not sent again until corrected");
});

test("a conflict keeps the phone's copy and fetches the server's", async () => {
  const env = await outboxWith({
    "POST /api/v1/submissions": () => [409, { error: "conflict", message: "This checklist was already submitted with different answers." }],
    "GET /api/v1/submissions/*": () => [200, { uuid: "a", status: "submitted", hearing: { stage: "first_instance" }, accused: [] }]
  }, [record("a", { hearing: { stage: "appeal" } })]);
  await env.outbox.run(false);
  const kept = (await openStore(7, env.device)).get("a");
  assert.equal(kept.sync.state, "conflict");
  assert.deepEqual(kept.hearing, { stage: "appeal" });
  assert.deepEqual(kept.server_copy.hearing, { stage: "first_instance" });
});

test("without a connection it waits longer after each failure, unless asked to send now", async () => {
  let up = false;
  const env = await outboxWith({ "POST /api/v1/submissions": (body) => { if (!up) throw new TypeError("Failed to fetch"); return stored(body); } },
    [record("a")]);
  await env.outbox.run(false);
  const first = env.store.get("a").sync;
  assert.equal(first.state, "error");
  assert.equal(first.next_try - env.clock.now, 5000);
  await env.outbox.run(false);
  assert.equal(posts(env.server).length, 1, "not tried again before the pause is over");
  env.clock.now = first.next_try;
  await env.outbox.run(false);
  assert.equal(env.store.get("a").sync.next_try - env.clock.now, 10000, "the pause doubles");
  up = true;
  await env.outbox.run(true);
  assert.equal(env.store.get("a").sync.state, "sent");
  assert.equal(env.store.get("a").sync.attempts, 0);
});

test("nothing is sent when the phone is offline", async () => {
  const env = await outboxWith({ "POST /api/v1/submissions": stored }, [record("a")], { online: false });
  await env.outbox.run(true);
  assert.equal(env.server.requests.length, 0);
});

test("signed out, or signed in as someone else, nothing is sent and the monitor is told", async () => {
  const other = await outboxWith({ "GET /api/v1/session": () => [200, { user: { id: 8 }, csrf_token: "t" }], "POST /api/v1/submissions": stored },
    [record("a")]);
  await other.outbox.run(true);
  assert.equal(other.outbox.blocked, "signed-out");
  assert.equal(posts(other.server).length, 0);

  const expired = await outboxWith({ "POST /api/v1/submissions": () => [401, { error: "unauthorized" }] }, [record("a"), record("b")]);
  await expired.outbox.run(true);
  assert.equal(expired.outbox.blocked, "signed-out");
  assert.equal(posts(expired.server).length, 1, "it stops at the first refusal");
  assert.deepEqual(expired.store.all().map((r) => r.sync.state), ["pending", "pending"]);
});

test("a second run asked for while one is sending follows it", async () => {
  let release;
  const gate = new Promise((resolve) => { release = resolve; });
  const env = await outboxWith({ "POST /api/v1/submissions": async (body) => { await gate; return stored(body); } }, [record("a")]);
  const first = env.outbox.run(false);
  await env.store.save(record("b", { started_at: "2026-11-26T08:00:00Z" }));
  const second = env.outbox.run(true);
  assert.equal(first, second, "one run at a time");
  release();
  await first;
  assert.deepEqual(env.store.all().map((r) => r.sync.state), ["sent", "sent"]);
});
