/* The outbox: sends every checklist on the phone that the server has not got yet, drafts too,
   through POST /api/v1/submissions. The server stores a checklist once per uuid and answers a
   repeat with what it has, so sending again after a lost answer is always safe. A checklist
   leaves the outbox only when the server confirmed the very revision the phone holds.
   Record states (`record.sync.state`): pending, error (will try again, with a growing pause),
   invalid (the server found answers to correct), conflict (the server's copy differs), sent. */
(function () {
  "use strict";
  var TIMEOUT_MS = 20000;
  var FIRST_PAUSE_MS = 5000;
  var LONGEST_PAUSE_MS = 5 * 60 * 1000;

  function Api(urls) {
    this.urls = urls;
    this.csrf = null;
  }

  /* Resolves with {status, body}; rejects when there is no connection or it times out. */
  Api.prototype.request = function (method, url, body) {
    var controller = new AbortController();
    var timer = setTimeout(function () { controller.abort(); }, TIMEOUT_MS);
    /* The server's messages (a refused answer, a conflict) in the language the monitor reads. */
    var headers = { Accept: "application/json", "Accept-Language": document.documentElement.lang || "en" };
    if (body !== undefined) {
      headers["Content-Type"] = "application/json";
      headers["X-CSRFToken"] = this.csrf || "";
    }
    return fetch(url, {
      method: method, headers: headers, credentials: "same-origin", cache: "no-store", redirect: "manual",
      body: body === undefined ? undefined : JSON.stringify(body), signal: controller.signal
    }).then(function (response) {
      return response.json().catch(function () { return null; }).then(function (json) {
        return { status: response.status || 401, body: json };
      });
    }).finally(function () { clearTimeout(timer); });
  };

  /* Who is signed in (null when nobody is); also fetches the CSRF token writes need. */
  Api.prototype.session = function () {
    var api = this;
    return this.request("GET", this.urls.session).then(function (answer) {
      if (answer.status !== 200 || !answer.body) return null;
      api.csrf = answer.body.csrf_token;
      return answer.body.user;
    });
  };

  function payloadOf(record) {
    return {
      uuid: record.uuid, checklist: record.checklist, version: record.version, court: record.court,
      status: record.status, hearing: record.hearing, accused: record.accused
    };
  }

  function Outbox(store, api, onChange) {
    this.store = store;
    this.api = api;
    this.onChange = onChange;
    this.running = null;
    this.again = false;
    /* Set when sending must wait for the monitor (signed out); shown on the outbox. */
    this.blocked = null;
  }

  Outbox.prototype.waiting = function (force) {
    var now = Date.now();
    return this.store.all().filter(function (record) {
      var sync = record.sync;
      if (sync.state !== "pending" && sync.state !== "error") return false;
      return force || !sync.next_try || sync.next_try <= now;
    });
  };

  /* Send what is due; `force` ignores the pause after failures (reconnect, "Send now"). */
  Outbox.prototype.run = function (force) {
    var outbox = this;
    if (this.running) {
      this.again = this.again || force || true;
      return this.running;
    }
    if (!navigator.onLine || !this.waiting(force).length) return Promise.resolve();
    var work = function () { return outbox.sendAll(force); };
    this.running = (navigator.locks ? navigator.locks.request("court-monitor-outbox-" + this.store.userId, work) : work())
      .catch(function () { /* a failure is recorded on the record itself */ })
      .then(function () {
        outbox.running = null;
        if (outbox.again) {
          outbox.again = false;
          return outbox.run(false);
        }
      });
    return this.running;
  };

  Outbox.prototype.sendAll = function (force) {
    var outbox = this;
    var records = this.waiting(force);
    var next = function () {
      var record = records.shift();
      if (!record || outbox.blocked) return Promise.resolve();
      return outbox.send(record).then(next);
    };
    this.blocked = null;
    var ready = this.api.csrf ? Promise.resolve(true) : this.api.session().then(function (user) {
      if (!user || String(user.id) !== String(outbox.store.userId)) outbox.blocked = "signed-out";
      return !outbox.blocked;
    });
    return ready.then(function (ok) { outbox.onChange(); return ok ? next() : null; }, function () { return null; });
  };

  Outbox.prototype.send = function (record) {
    var outbox = this;
    var revision = record.rev;
    record.sync.last_try = new Date().toISOString();
    return this.api.request("POST", this.api.urls.submissions, payloadOf(record)).then(function (answer) {
      return outbox.received(record, revision, answer);
    }, function () {
      return outbox.failed(record, window.CourtMonitorTexts.t("no connection"));
    }).then(function () { outbox.onChange(); });
  };

  Outbox.prototype.received = function (record, revision, answer) {
    var sync = record.sync, body = answer.body || {};
    if (answer.status === 200 || answer.status === 201) {
      if (record.rev === revision) {
        sync.state = "sent";
        sync.sent_rev = revision;
      }
      sync.attempts = 0;
      sync.next_try = null;
      sync.message = null;
      sync.errors = {};
      var now = new Date().toISOString();
      return Promise.all([this.store.save(record), this.store.putMeta("last_sent", now)]);
    }
    if (answer.status === 422) {
      sync.state = "invalid";
      sync.errors = body.errors || {};
      sync.message = body.message || null;
      record.status = "draft";  // reopened, so the monitor can correct and submit again
      return this.store.save(record);
    }
    if (answer.status === 409) return this.conflict(record, body.message);
    if (answer.status === 401 || (answer.status === 400 && body.error === "csrf")) {
      this.api.csrf = null;
      this.blocked = "signed-out";
      return this.store.save(record);
    }
    return this.failed(record, body.message || window.CourtMonitorTexts.t("the server answered %(status)s", { status: answer.status }));
  };

  /* Keep the phone's copy untouched, fetch the server's, and let the monitor decide. */
  Outbox.prototype.conflict = function (record, message) {
    var outbox = this;
    record.sync.state = "conflict";
    record.sync.message = message || null;
    return this.api.request("GET", this.api.urls.submissions + "/" + record.uuid).then(function (answer) {
      record.server_copy = answer.status === 200 ? answer.body : null;
    }, function () { /* fetched again on the next conflict */ }).then(function () { return outbox.store.save(record); });
  };

  Outbox.prototype.failed = function (record, reason) {
    var sync = record.sync;
    sync.state = "error";
    sync.message = reason;
    sync.attempts = (sync.attempts || 0) + 1;
    var pause = Math.min(LONGEST_PAUSE_MS, FIRST_PAUSE_MS * Math.pow(2, sync.attempts - 1));
    sync.next_try = Date.now() + pause * (0.75 + Math.random() / 2);
    return this.store.save(record);
  };

  window.CourtMonitorSync = { Api: Api, Outbox: Outbox };
})();
