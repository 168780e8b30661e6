/* The outbox (monitor/static/js/offline/sync.js): what it sends, what it keeps, how it waits, and
   what it learns from the server. The store is the real one on an in-memory IndexedDB; the server
   is a fake answering as ours does. */
import assert from "node:assert/strict";
import { test } from "node:test";

import { openStore } from "../../monitor/static/js/offline/store.js";
import { Api, Outbox } from "../../monitor/static/js/offline/sync.js";
import { URLS, fakeServer, phone, record } from "./support.js";

const MONITOR = { id: 7, username: "monitor", display_name: "Demo Monitor" };
const HASH = "a".repeat(64), OTHER_HASH = "b".repeat(64);

async function outboxWith(handlers, records, { online = true } = {}) {
  const device = phone();
  const store = await openStore(7, device);
  for (const r of records) await store.add(r);
  const server = fakeServer({
    "GET /api/v1/session": () => [200, { user: MONITOR, csrf_token: "token" }],
    "GET /api/v1/submissions?per_page=200": () => [200, { items: [], page: 1, pages: 1, total: 0 }],
    ...handlers
  });
  const api = new Api(URLS, { fetch: server.fetch });
  const clock = { now: 1_000_000 };
  const outbox = new Outbox(store, api, () => {}, { user: MONITOR, online: () => online, locks: null, now: () => clock.now, random: () => 0.5 });
  return { device, store, server, outbox, clock };
}

const stored = (body) => [201, { ...body, revision: body.status === "submitted" ? 1 : 0, content_hash: HASH }];
const posts = (server) => server.requests.filter((r) => r.method === "POST");

test("every checklist waiting is sent once, with its answers and its author, and marked sent on the phone", async () => {
  const { device, server, outbox } = await outboxWith({ "POST /api/v1/submissions": stored },
    [record("a", { status: "submitted", hearing: { stage: "appeal" } }), record("b")]);
  await outbox.run(false);
  assert.deepEqual(posts(server).map((r) => r.body.uuid).sort(), ["a", "b"]);
  const first = posts(server).find((r) => r.body.uuid === "a").body;
  assert.deepEqual(first.hearing, { stage: "appeal" });
  assert.equal(first.author, "monitor");
  assert.equal(posts(server)[0].headers["X-CSRFToken"], "token");
  const reopened = await openStore(7, device);
  assert.deepEqual(reopened.all().map((r) => r.sync.state), ["sent", "sent"]);
  assert.equal(reopened.get("b").server.content_hash, HASH, "the server's copy it now matches");
  assert.ok(await reopened.getMeta("last_sent"));
  assert.equal(device.localStorage.getItem("court-monitor-unsent-7"), "0");
  await outbox.run(true);
  assert.equal(posts(server).length, 2, "nothing is sent twice");
});

test("a send names the server's copy it started from", async () => {
  const env = await outboxWith({ "POST /api/v1/submissions": stored },
    [record("a", { server: { status: "returned", revision: 2, content_hash: HASH } })]);
  await env.outbox.run(false);
  assert.equal(posts(env.server)[0].body.base_revision, 2);
  assert.equal(posts(env.server)[0].body.base_hash, HASH);
});

test("a checklist changed while it was on its way stays in the outbox", async () => {
  const env = await outboxWith({ "POST /api/v1/submissions": async (body) => {
    await env.store.update("a", (r) => { r.rev = 2; return r; });
    return stored(body);
  } }, [record("a")]);
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

test("a copy changed on the server keeps the phone's answers and fetches the server's", async () => {
  const env = await outboxWith({
    "POST /api/v1/submissions": () => [409, { error: "stale", message: "This checklist changed on the server." }],
    "GET /api/v1/submissions/*": () => [200, { uuid: "a", status: "draft", court: "pp", hearing: { stage: "first_instance" }, accused: [], revision: 0, content_hash: OTHER_HASH }]
  }, [record("a", { hearing: { stage: "appeal" }, server: { revision: 0, content_hash: HASH } })]);
  await env.outbox.run(false);
  const kept = (await openStore(7, env.device)).get("a");
  assert.equal(kept.sync.state, "conflict");
  assert.equal(kept.sync.origin, "server");
  assert.deepEqual(kept.hearing, { stage: "appeal" });
  assert.deepEqual(kept.server_copy.hearing, { stage: "first_instance" });
});

test("an answer lost on the way is no conflict: what arrived was this phone's own", async () => {
  let call = 0;
  const onServer = { uuid: "a", status: "draft", court: "pp", hearing: { hearing_date: "2026-11-25", stage: "appeal" }, accused: [], revision: 0, content_hash: OTHER_HASH };
  const env = await outboxWith({
    "POST /api/v1/submissions": (body) => {
      call += 1;
      if (call === 1) throw new TypeError("the answer was lost");  // stored, but the phone never heard
      if (body.base_hash !== OTHER_HASH) return [409, { error: "stale", message: "changed" }];
      return stored(body);
    },
    "GET /api/v1/submissions/*": () => [200, onServer]
  }, [record("a", { hearing: { hearing_date: "2026-11-25", stage: "appeal" }, server: { revision: 0, content_hash: HASH } })]);
  await env.outbox.run(true);
  await env.store.update("a", (r) => { r.hearing.hearing_type = "trial"; r.rev += 1; r.sync.state = "pending"; return r; });
  await env.outbox.run(true);
  assert.equal(env.store.get("a").sync.state, "sent");
  assert.deepEqual(posts(env.server).at(-1).body.hearing, { hearing_date: "2026-11-25", stage: "appeal", hearing_type: "trial" });
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

test("nothing is sent when the phone is offline, nor a checklist without its court", async () => {
  const offline = await outboxWith({ "POST /api/v1/submissions": stored }, [record("a")], { online: false });
  await offline.outbox.run(true);
  assert.equal(offline.server.requests.length, 0);
  const courtless = await outboxWith({ "POST /api/v1/submissions": stored }, [record("a", { court: "" })]);
  await courtless.outbox.run(true);
  assert.equal(posts(courtless.server).length, 0);
});

test("the account is confirmed before every batch: another monitor signed in meanwhile gets nothing", async () => {
  let signedIn = MONITOR;
  const env = await outboxWith({ "GET /api/v1/session": () => [200, { user: signedIn, csrf_token: "t" }], "POST /api/v1/submissions": stored },
    [record("a")]);
  await env.outbox.run(true);
  assert.equal(posts(env.server).length, 1);
  await env.store.add(record("b", { started_at: "2026-11-26T08:00:00Z" }));
  signedIn = { id: 8, username: "monitor2", display_name: "Second" };  // A signed out in another tab, B signed in
  await env.outbox.run(true);
  assert.equal(env.outbox.blocked, "other-user");
  assert.equal(env.outbox.signedIn.username, "monitor2");
  assert.equal(posts(env.server).length, 1, "B's session never carries A's checklist");
  assert.equal(env.store.get("b").sync.state, "pending");
});

test("a server that refuses the author stops the outbox; a lapsed session asks to sign in", async () => {
  const wrong = await outboxWith({ "POST /api/v1/submissions": () => [409, { error: "wrong_author", message: "filled by monitor" }] }, [record("a")]);
  await wrong.outbox.run(true);
  assert.equal(wrong.outbox.blocked, "other-user");
  assert.equal(wrong.store.get("a").sync.state, "pending");

  const expired = await outboxWith({ "POST /api/v1/submissions": () => [401, { error: "unauthorized" }] }, [record("a"), record("b")]);
  await expired.outbox.run(true);
  assert.equal(expired.outbox.blocked, "signed-out");
  assert.equal(posts(expired.server).length, 1, "it stops at the first refusal");
  assert.deepEqual(expired.store.all().map((r) => r.sync.state), ["pending", "pending"]);
});

test("a returned checklist comes back with the manager's comment and correction; unsent edits are never dropped", async () => {
  const review = { action: "return", actor: "manager", actor_name: "Demo Manager", comment: "Check the stage.", created_at: "2026-11-26T09:00:00Z" };
  const returned = { uuid: "a", checklist: "fair_trial", version: 1, court: "pp", status: "returned", revision: 2, content_hash: OTHER_HASH,
    hearing: { hearing_date: "2026-11-25", stage: "first_instance" }, accused: [], review, item_comments: { "hearing.stage": "Was it an appeal?" } };
  const listing = [200, { items: [{ uuid: "a", status: "returned", revision: 2, content_hash: OTHER_HASH, review },
    { uuid: "b", status: "returned", revision: 2, content_hash: OTHER_HASH, review },
    { uuid: "c", status: "approved", revision: 1, content_hash: HASH, review: { ...review, action: "approve", comment: "" } },
    { uuid: "new-phone", status: "returned", revision: 1, content_hash: HASH, review }] }];
  const env = await outboxWith({
    "GET /api/v1/submissions?per_page=200": () => listing,
    "GET /api/v1/submissions/*": (body, url) => [200, { ...returned, uuid: url.split("/").at(-1) }]
  }, [record("a", { status: "submitted", hearing: { stage: "appeal" }, sync: { state: "sent", sent_rev: 1, errors: {}, attempts: 0 }, server: { status: "submitted", revision: 1 } }),
      record("b", { status: "draft", hearing: { stage: "supreme" }, sync: { state: "pending", sent_rev: 0, errors: {}, attempts: 0 }, server: { status: "returned", revision: 2 } }),
      record("c", { status: "submitted", sync: { state: "sent", sent_rev: 1, errors: {}, attempts: 0 }, server: { status: "submitted", revision: 1 } })]);
  env.server.requests.length = 0;
  await env.outbox.learnStates();
  const a = env.store.get("a");
  assert.equal(a.status, "draft", "editable again");
  assert.deepEqual(a.hearing, { hearing_date: "2026-11-25", stage: "first_instance" }, "the server's latest revision, with the correction");
  assert.deepEqual(a.server.review, review);
  assert.deepEqual(a.server.item_comments, { "hearing.stage": "Was it an appeal?" });
  assert.equal(a.server.revision, 2);
  assert.deepEqual(env.store.get("b").hearing, { stage: "supreme" }, "unsent edits are kept");
  assert.equal(env.store.get("b").server.review.comment, "Check the stage.");
  assert.equal(env.store.get("c").server.status, "approved");
  assert.equal(env.store.get("new-phone").status, "draft", "a returned checklist this phone did not have is brought to it");
});

test("a second run asked for while one is sending follows it", async () => {
  let release;
  const gate = new Promise((resolve) => { release = resolve; });
  const env = await outboxWith({ "POST /api/v1/submissions": async (body) => { await gate; return stored(body); } }, [record("a")]);
  const first = env.outbox.run(false);
  await env.store.add(record("b", { started_at: "2026-11-26T08:00:00Z" }));
  const second = env.outbox.run(true);
  assert.equal(first, second, "one run at a time");
  release();
  await first;
  assert.deepEqual(env.store.all().map((r) => r.sync.state), ["sent", "sent"]);
});
