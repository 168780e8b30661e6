/* The phone's own storage for one monitor: an IndexedDB database per user, so another person
   signing in on the same phone never opens it. Stores:
   - checklists: one record per checklist (keyed by its uuid, made on the phone), with the answers
     and the outbox state (`sync`);
   - definitions: every checklist definition version used, so a checklist stays editable offline;
   - meta: small facts such as the time of the last successful send.
   Records are held in memory once loaded; every change is written through at once. */
(function () {
  "use strict";
  var VERSION = 1;

  function promised(request) {
    return new Promise(function (resolve, reject) {
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }

  function openDatabase(userId) {
    var request = indexedDB.open("court-monitor-user-" + userId, VERSION);
    request.onupgradeneeded = function () {
      var db = request.result;
      if (!db.objectStoreNames.contains("checklists")) db.createObjectStore("checklists", { keyPath: "uuid" });
      if (!db.objectStoreNames.contains("definitions")) db.createObjectStore("definitions", { keyPath: "id" });
      if (!db.objectStoreNames.contains("meta")) db.createObjectStore("meta", { keyPath: "key" });
    };
    return promised(request);
  }

  function Store(db, userId) {
    this.db = db;
    this.userId = userId;
    this.records = new Map();
  }

  Store.prototype.objects = function (name, mode) {
    return this.db.transaction(name, mode || "readonly").objectStore(name);
  };

  Store.prototype.load = function () {
    var store = this;
    return promised(this.objects("checklists").getAll()).then(function (rows) {
      rows.forEach(function (row) { store.records.set(row.uuid, row); });
      return store;
    });
  };

  Store.prototype.all = function () {
    return Array.from(this.records.values()).sort(function (a, b) { return a.started_at < b.started_at ? 1 : -1; });
  };

  Store.prototype.get = function (uuid) {
    return this.records.get(uuid) || null;
  };

  /* Written through before the promise resolves: once it does, a closed tab loses nothing. */
  Store.prototype.save = function (record) {
    this.records.set(record.uuid, record);
    var store = this;
    var transaction = this.db.transaction("checklists", "readwrite");
    transaction.objectStore("checklists").put(record);
    return new Promise(function (resolve, reject) {
      transaction.oncomplete = function () { store.countUnsent(); resolve(record); };
      transaction.onerror = function () { reject(transaction.error); };
    });
  };

  Store.prototype.remove = function (uuid) {
    this.records.delete(uuid);
    this.countUnsent();
    return promised(this.objects("checklists", "readwrite").delete(uuid));
  };

  /* For the sign-out warning on every page (boot.js). */
  Store.prototype.countUnsent = function () {
    var unsent = this.all().filter(function (record) { return record.sync.state !== "sent"; }).length;
    localStorage.setItem("court-monitor-unsent-" + this.userId, String(unsent));
    return unsent;
  };

  /* Definitions are kept per language (`definition.language`, from ?lang=); one kept with every
     language (an older copy) serves any language. */
  Store.prototype.getDefinition = function (key, version, language) {
    var objects = this.objects("definitions");
    return promised(objects.get(key + "@" + version + "@" + language)).then(function (row) {
      return row || promised(objects.get(key + "@" + version));
    }).then(function (row) { return row ? row.definition : null; });
  };

  Store.prototype.putDefinition = function (definition) {
    return promised(this.objects("definitions", "readwrite").put({ id: definition.key + "@" + definition.version + (definition.language ? "@" + definition.language : ""), definition: definition }));
  };

  Store.prototype.getMeta = function (key) {
    return promised(this.objects("meta").get(key)).then(function (row) { return row ? row.value : null; });
  };

  Store.prototype.putMeta = function (key, value) {
    return promised(this.objects("meta", "readwrite").put({ key: key, value: value }));
  };

  window.CourtMonitorStore = {
    open: function (userId) {
      return openDatabase(userId).then(function (db) { return new Store(db, userId).load(); });
    }
  };
})();
