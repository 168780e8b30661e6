/* The phone's storage (monitor/static/js/offline/store.js) on a real IndexedDB implementation. */
import assert from "node:assert/strict";
import { test } from "node:test";

import { ChangeRefused, StorageUnavailable, openStore } from "../../monitor/static/js/offline/store.js";
import { phone, record } from "./support.js";

const sent = { state: "sent", sent_rev: 1, errors: {}, attempts: 0 };

test("a saved checklist is there when the app opens again", async () => {
  const device = phone();
  const store = await openStore(7, device);
  await store.add(record("a", { hearing: { stage: "appeal" } }));
  const reopened = await openStore(7, device);
  assert.deepEqual(reopened.get("a").hearing, { stage: "appeal" });
  assert.equal(reopened.all().length, 1);
});

test("each monitor has a storage of their own on a shared phone", async () => {
  const device = phone();
  await (await openStore(1, device)).add(record("mine"));
  const other = await openStore(2, device);
  assert.equal(other.get("mine"), null);
  assert.deepEqual(other.all(), []);
});

test("the checklists not yet sent are counted and listed outside IndexedDB", async () => {
  const device = phone();
  const store = await openStore(3, device);
  await store.add(record("a"));
  await store.add(record("b", { sync: sent }));
  assert.equal(device.localStorage.getItem("court-monitor-unsent-3"), "1");
  assert.deepEqual(JSON.parse(device.localStorage.getItem("court-monitor-unsent-ids-3")), ["a"]);
  await store.remove("a");
  assert.equal(device.localStorage.getItem("court-monitor-unsent-3"), "0");
  assert.equal((await openStore(3, device)).get("a"), null, "removed from the phone, not only from memory");
});

test("a cleared IndexedDB is noticed: what was waiting is named, and stays named until the monitor has seen it", async () => {
  const device = phone();
  const store = await openStore(4, device);
  await store.add(record("waiting"));
  await store.add(record("done", { sync: sent }));
  store.close();
  device.indexedDB.deleteDatabase("court-monitor-user-4");  // the browser evicts the site's data
  const cleared = await openStore(4, device);
  assert.deepEqual(cleared.all(), []);
  assert.deepEqual(cleared.missing, ["waiting"]);
  assert.deepEqual((await openStore(4, device)).missing, ["waiting"], "still named when the app opens again");
  cleared.forgetMissing(["waiting"]);
  assert.deepEqual((await openStore(4, device)).missing, []);
});

test("a change is applied to the checklist as stored, so two tabs keep each other's answers", async () => {
  const device = phone();
  const tab1 = await openStore(5, device), tab2 = await openStore(5, device);
  await tab1.add(record("a"));
  await tab2.reload("a");
  const answer = (key, value) => (stored) => { stored.hearing[key] = value; stored.rev += 1; return stored; };
  await Promise.all([tab1.update("a", answer("stage", "appeal")), tab2.update("a", answer("hearing_type", "trial"))]);
  const stored = (await openStore(5, device)).get("a");
  assert.deepEqual(stored.hearing, { hearing_date: "2026-11-25", stage: "appeal", hearing_type: "trial" });
  assert.equal(stored.rev, 3, "each change gets the next revision of the stored record");
});

test("a change the stored record no longer allows is refused and nothing is written", async () => {
  const device = phone();
  const store = await openStore(6, device);
  await store.add(record("a", { status: "submitted" }));
  await assert.rejects(store.update("a", (stored) => {
    if (stored.status !== "draft") throw new ChangeRefused("locked");
    stored.hearing.stage = "appeal";
    return stored;
  }), (error) => error instanceof ChangeRefused && error.reason === "locked");
  assert.equal((await openStore(6, device)).get("a").hearing.stage, undefined);
  await assert.rejects(store.add(record("a")), ChangeRefused, "a uuid is never stored twice");
});

test("another tab is told which checklist changed", async () => {
  const device = phone({ tabs: true });
  const tab1 = await openStore(8, device), tab2 = await openStore(8, device);
  const told = new Promise((resolve) => { tab2.onOtherTab = resolve; });
  await tab1.add(record("a", { hearing: { stage: "appeal" } }));
  assert.equal(await told, "a");
  assert.equal(tab2.get("a").hearing.stage, "appeal", "read again from IndexedDB before being told");
  tab1.close();
  tab2.close();
});

test("storage that cannot be opened is said so, not waited for", async () => {
  await assert.rejects(openStore(9, { indexedDB: null, localStorage: phone().localStorage }), StorageUnavailable);
  const broken = { open: () => { throw new Error("SecurityError"); } };
  await assert.rejects(openStore(9, { indexedDB: broken, localStorage: phone().localStorage }), StorageUnavailable);
});

test("newest checklists come first", async () => {
  const store = await openStore(10, phone());
  await store.add(record("old", { started_at: "2026-11-01T08:00:00Z" }));
  await store.add(record("new", { started_at: "2026-11-20T08:00:00Z" }));
  assert.deepEqual(store.all().map((r) => r.uuid), ["new", "old"]);
});

test("a definition is kept per language, and a copy in every language serves any", async () => {
  const device = phone();
  const store = await openStore(11, device);
  await store.putDefinition({ key: "fair_trial", version: 1, language: "km", title: { km: "ខ្មែរ" } });
  await store.putDefinition({ key: "fair_trial", version: 2, title: { en: "Both", km: "ទាំងពីរ" } });
  const reopened = await openStore(11, device);
  assert.deepEqual((await reopened.getDefinition("fair_trial", 1, "km")).title, { km: "ខ្មែរ" });
  assert.equal(await reopened.getDefinition("fair_trial", 1, "en"), null);
  assert.deepEqual((await reopened.getDefinition("fair_trial", 2, "en")).title, { en: "Both", km: "ទាំងពីរ" });
});

test("small facts such as the last send are kept", async () => {
  const device = phone();
  await (await openStore(12, device)).putMeta("last_sent", "2026-11-25T09:00:00Z");
  const reopened = await openStore(12, device);
  assert.equal(await reopened.getMeta("last_sent"), "2026-11-25T09:00:00Z");
  assert.equal(await reopened.getMeta("nothing"), null);
});
