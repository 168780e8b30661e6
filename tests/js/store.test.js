/* The phone's storage (monitor/static/js/offline/store.js) on a real IndexedDB implementation. */
import assert from "node:assert/strict";
import { test } from "node:test";

import { openStore } from "../../monitor/static/js/offline/store.js";
import { phone, record } from "./support.js";

test("a saved checklist is there when the app opens again", async () => {
  const device = phone();
  const store = await openStore(7, device);
  await store.save(record("a", { hearing: { stage: "appeal" } }));
  const reopened = await openStore(7, device);
  assert.deepEqual(reopened.get("a").hearing, { stage: "appeal" });
  assert.equal(reopened.all().length, 1);
});

test("each monitor has a storage of their own on a shared phone", async () => {
  const device = phone();
  await (await openStore(1, device)).save(record("mine"));
  const other = await openStore(2, device);
  assert.equal(other.get("mine"), null);
  assert.deepEqual(other.all(), []);
});

test("the number of unsent checklists is kept for the sign-out warning", async () => {
  const device = phone();
  const store = await openStore(3, device);
  await store.save(record("a"));
  await store.save(record("b", { sync: { state: "sent", sent_rev: 1, errors: {}, attempts: 0 } }));
  assert.equal(device.localStorage.getItem("court-monitor-unsent-3"), "1");
  await store.remove("a");
  assert.equal(device.localStorage.getItem("court-monitor-unsent-3"), "0");
  assert.equal((await openStore(3, device)).get("a"), null, "removed from the phone, not only from memory");
});

test("newest checklists come first", async () => {
  const store = await openStore(4, phone());
  await store.save(record("old", { started_at: "2026-11-01T08:00:00Z" }));
  await store.save(record("new", { started_at: "2026-11-20T08:00:00Z" }));
  assert.deepEqual(store.all().map((r) => r.uuid), ["new", "old"]);
});

test("a definition is kept per language, and a copy in every language serves any", async () => {
  const device = phone();
  const store = await openStore(5, device);
  await store.putDefinition({ key: "fair_trial", version: 1, language: "km", title: { km: "ខ្មែរ" } });
  await store.putDefinition({ key: "fair_trial", version: 2, title: { en: "Both", km: "ទាំងពីរ" } });
  const reopened = await openStore(5, device);
  assert.deepEqual((await reopened.getDefinition("fair_trial", 1, "km")).title, { km: "ខ្មែរ" });
  assert.equal(await reopened.getDefinition("fair_trial", 1, "en"), null);
  assert.deepEqual((await reopened.getDefinition("fair_trial", 2, "en")).title, { en: "Both", km: "ទាំងពីរ" });
});

test("small facts such as the last send are kept", async () => {
  const device = phone();
  await (await openStore(6, device)).putMeta("last_sent", "2026-11-25T09:00:00Z");
  const reopened = await openStore(6, device);
  assert.equal(await reopened.getMeta("last_sent"), "2026-11-25T09:00:00Z");
  assert.equal(await reopened.getMeta("nothing"), null);
});
