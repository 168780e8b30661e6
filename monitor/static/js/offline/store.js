/* The phone's own storage for one monitor: an IndexedDB database per user, so another person
   signing in on the same phone never opens it. Stores:
   - checklists: one record per checklist (keyed by its uuid, made on the phone), with the answers
     and the outbox state (`sync`);
   - definitions: every checklist definition version used, so a checklist stays editable offline;
   - meta: small facts such as the time of the last successful send.
   Records are held in memory once loaded; every change is written through at once.
   `openStore(userId, {indexedDB, localStorage})` takes the browser's own unless given others
   (the unit tests give an in-memory IndexedDB). */
const VERSION = 1;

function promised(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function openDatabase(indexedDB, userId) {
  const request = indexedDB.open("court-monitor-user-" + userId, VERSION);
  request.onupgradeneeded = () => {
    const db = request.result;
    if (!db.objectStoreNames.contains("checklists")) db.createObjectStore("checklists", { keyPath: "uuid" });
    if (!db.objectStoreNames.contains("definitions")) db.createObjectStore("definitions", { keyPath: "id" });
    if (!db.objectStoreNames.contains("meta")) db.createObjectStore("meta", { keyPath: "key" });
  };
  return promised(request);
}

class Store {
  constructor(db, userId, localStorage) {
    this.db = db;
    this.userId = userId;
    this.localStorage = localStorage;
    this.records = new Map();
  }

  objects(name, mode) {
    return this.db.transaction(name, mode || "readonly").objectStore(name);
  }

  async load() {
    const rows = await promised(this.objects("checklists").getAll());
    rows.forEach((row) => this.records.set(row.uuid, row));
    return this;
  }

  /* Newest first. */
  all() {
    return Array.from(this.records.values()).sort((a, b) => (a.started_at < b.started_at ? 1 : -1));
  }

  get(uuid) {
    return this.records.get(uuid) || null;
  }

  /* Written through before the promise resolves: once it does, a closed tab loses nothing. */
  save(record) {
    this.records.set(record.uuid, record);
    const transaction = this.db.transaction("checklists", "readwrite");
    transaction.objectStore("checklists").put(record);
    return new Promise((resolve, reject) => {
      transaction.oncomplete = () => { this.countUnsent(); resolve(record); };
      transaction.onerror = () => reject(transaction.error);
    });
  }

  remove(uuid) {
    this.records.delete(uuid);
    this.countUnsent();
    return promised(this.objects("checklists", "readwrite").delete(uuid));
  }

  /* For the sign-out warning on every page (boot.js). */
  countUnsent() {
    const unsent = this.all().filter((record) => record.sync.state !== "sent").length;
    this.localStorage.setItem("court-monitor-unsent-" + this.userId, String(unsent));
    return unsent;
  }

  /* Definitions are kept per language (`definition.language`, from ?lang=); one kept with every
     language (an older copy) serves any language. */
  async getDefinition(key, version, language) {
    const read = (id) => promised(this.objects("definitions").get(id));
    const row = (await read(key + "@" + version + "@" + language)) || (await read(key + "@" + version));
    return row ? row.definition : null;
  }

  putDefinition(definition) {
    const id = definition.key + "@" + definition.version + (definition.language ? "@" + definition.language : "");
    return promised(this.objects("definitions", "readwrite").put({ id, definition }));
  }

  async getMeta(key) {
    const row = await promised(this.objects("meta").get(key));
    return row ? row.value : null;
  }

  putMeta(key, value) {
    return promised(this.objects("meta", "readwrite").put({ key, value }));
  }
}

export async function openStore(userId, { indexedDB = globalThis.indexedDB, localStorage = globalThis.localStorage } = {}) {
  const db = await openDatabase(indexedDB, userId);
  return new Store(db, userId, localStorage).load();
}
