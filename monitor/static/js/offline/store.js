/* The phone's own storage for one monitor: an IndexedDB database per user, so another person
   signing in on the same phone never opens it. Stores:
   - checklists: one record per checklist (keyed by its uuid, made on the phone), with the answers
     and the outbox state (`sync`);
   - definitions: every checklist definition version used, so a checklist stays editable offline;
   - meta: small facts such as the time of the last successful send.
   Records are held in memory once loaded. Every change is a read-modify-write inside one IndexedDB
   transaction (`update`): the change is applied to the record as stored, not to this tab's copy,
   so two tabs (or the outbox and a tab) never overwrite each other's changes, and each edit gets
   the next local revision of the stored record. Other tabs are told through a BroadcastChannel.
   The uuids of checklists not yet on the server are also kept in localStorage, outside IndexedDB:
   if the browser clears the site's IndexedDB, the app can tell the monitor what went missing.
   `openStore(userId, {indexedDB, localStorage, BroadcastChannel})` takes the browser's own unless
   given others (the unit tests give an in-memory IndexedDB). */
const VERSION = 1;
const OPEN_TIMEOUT_MS = 8000;

/* IndexedDB could not be opened (private browsing, storage blocked or full, a broken profile). */
export class StorageUnavailable extends Error {}

/* A change refused because the stored record no longer allows it (e.g. submitted in another tab). */
export class ChangeRefused extends Error {
  constructor(reason, record) {
    super(reason);
    this.reason = reason;
    this.record = record;
  }
}

function promised(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function openDatabase(indexedDB, userId) {
  return new Promise((resolve, reject) => {
    if (!indexedDB) return reject(new StorageUnavailable("no IndexedDB"));
    const timer = setTimeout(() => reject(new StorageUnavailable("IndexedDB did not open")), OPEN_TIMEOUT_MS);
    let request;
    try {
      request = indexedDB.open("court-monitor-user-" + userId, VERSION);
    } catch (error) {
      clearTimeout(timer);
      return reject(new StorageUnavailable(String(error)));
    }
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains("checklists")) db.createObjectStore("checklists", { keyPath: "uuid" });
      if (!db.objectStoreNames.contains("definitions")) db.createObjectStore("definitions", { keyPath: "id" });
      if (!db.objectStoreNames.contains("meta")) db.createObjectStore("meta", { keyPath: "key" });
    };
    request.onsuccess = () => { clearTimeout(timer); resolve(request.result); };
    request.onerror = () => { clearTimeout(timer); reject(new StorageUnavailable(String(request.error))); };
  });
}

function clone(value) {
  return value === undefined || value === null ? value : JSON.parse(JSON.stringify(value));
}

export function isUnsent(record) {
  return record.sync.state !== "sent";
}

class Store {
  constructor(db, userId, localStorage, Channel) {
    this.db = db;
    this.userId = userId;
    this.localStorage = localStorage;
    this.records = new Map();
    /* Called with a uuid when another tab changed that checklist (set by the app). */
    this.onOtherTab = () => {};
    /* Uuids that were waiting to be sent but are no longer in IndexedDB (see `load`). */
    this.missing = [];
    this.channel = Channel ? new Channel("court-monitor-user-" + userId) : null;
    if (this.channel) this.channel.onmessage = (event) => this.reload(event.data.uuid).then(() => this.onOtherTab(event.data.uuid));
  }

  objects(name, mode) {
    return this.db.transaction(name, mode || "readonly").objectStore(name);
  }

  key(name) {
    return "court-monitor-" + name + "-" + this.userId;
  }

  async load() {
    const rows = await promised(this.objects("checklists").getAll());
    rows.forEach((row) => this.records.set(row.uuid, row));
    const listed = this.unsentListed();
    const lost = JSON.parse(this.localStorage.getItem(this.key("missing")) || "[]");
    this.missing = [...new Set([...lost, ...listed.filter((uuid) => !this.records.has(uuid))])];
    this.localStorage.setItem(this.key("missing"), JSON.stringify(this.missing));
    this.countUnsent();
    return this;
  }

  unsentListed() {
    try {
      return JSON.parse(this.localStorage.getItem(this.key("unsent-ids")) || "[]");
    } catch (unreadable) {
      return [];
    }
  }

  /* The monitor has seen the warning about `uuids` (or the server turned out to have them). */
  forgetMissing(uuids) {
    this.missing = this.missing.filter((uuid) => !uuids.includes(uuid));
    this.localStorage.setItem(this.key("missing"), JSON.stringify(this.missing));
  }

  /* Newest first. */
  all() {
    return Array.from(this.records.values()).sort((a, b) => (a.started_at < b.started_at ? 1 : -1));
  }

  get(uuid) {
    return this.records.get(uuid) || null;
  }

  /* Read a checklist again from IndexedDB (another tab changed it). */
  async reload(uuid) {
    const row = await promised(this.objects("checklists").get(uuid));
    if (row) this.records.set(uuid, row);
    else this.records.delete(uuid);
    this.countUnsent();
    return row || null;
  }

  /* Apply `change(record)` to the checklist as stored, in one transaction, and write it back.
     `change` may return false to leave the record as it is, or throw ChangeRefused. A missing
     record is passed as null (`change` returns the new record). Resolves with the stored record
     once written: from then on a closed tab loses nothing. */
  update(uuid, change) {
    return new Promise((resolve, reject) => {
      const transaction = this.db.transaction("checklists", "readwrite");
      const objects = transaction.objectStore("checklists");
      let result = null, failure = null;
      objects.get(uuid).onsuccess = (event) => {
        const stored = event.target.result || null;
        try {
          const changed = change(stored ? clone(stored) : null);
          if (changed === false || changed === undefined || changed === null) {
            result = stored;
            return;
          }
          result = changed;
          objects.put(changed);
        } catch (error) {
          failure = error;
          transaction.abort();
        }
      };
      transaction.oncomplete = () => {
        if (result) this.records.set(uuid, result);
        this.countUnsent();
        if (this.channel && result) this.channel.postMessage({ uuid });
        resolve(clone(result));  // the caller's copy: changing it changes nothing stored
      };
      transaction.onabort = () => {
        if (failure instanceof ChangeRefused && failure.record === undefined) failure.record = this.records.get(uuid) || null;
        reject(failure || transaction.error);
      };
    });
  }

  /* A whole new checklist; refused if one with its uuid is already stored. */
  add(record) {
    return this.update(record.uuid, (stored) => {
      if (stored) throw new ChangeRefused("exists", stored);
      return clone(record);
    });
  }

  async remove(uuid) {
    await promised(this.objects("checklists", "readwrite").delete(uuid));
    this.records.delete(uuid);
    this.countUnsent();
    if (this.channel) this.channel.postMessage({ uuid });
  }

  /* For the sign-out warning on every page (boot.js), and to notice a cleared IndexedDB. */
  countUnsent() {
    const unsent = this.all().filter(isUnsent).map((record) => record.uuid);
    this.localStorage.setItem(this.key("unsent"), String(unsent.length));
    this.localStorage.setItem(this.key("unsent-ids"), JSON.stringify(unsent));
    return unsent.length;
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

  close() {
    if (this.channel) this.channel.close();
    this.db.close();
  }
}

export async function openStore(userId, {
  indexedDB = globalThis.indexedDB, localStorage = globalThis.localStorage, BroadcastChannel = globalThis.BroadcastChannel
} = {}) {
  const db = await openDatabase(indexedDB, userId);
  return new Store(db, userId, localStorage, BroadcastChannel).load();
}
