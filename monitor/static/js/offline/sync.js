/* The outbox: sends every checklist on the phone that the server has not got yet, drafts too,
   through POST /api/v1/submissions. The server stores a checklist once per uuid and answers a
   repeat with what it has, so sending again after a lost answer is always safe. A checklist
   leaves the outbox only when the server confirmed the very revision the phone holds.
   Record states (`record.sync.state`): pending, error (will try again, with a growing pause),
   invalid (the server found answers to correct), conflict (the server's copy differs), sent.
   The browser's fetch, connection state, locks and clock are used unless others are given
   (the unit tests give a fake server and clock). */
import { t as T } from "./texts.js";

const TIMEOUT_MS = 20000;
const FIRST_PAUSE_MS = 5000;
const LONGEST_PAUSE_MS = 5 * 60 * 1000;

export class Api {
  constructor(urls, { fetch = globalThis.fetch.bind(globalThis) } = {}) {
    this.urls = urls;
    this.fetch = fetch;
    this.csrf = null;
  }

  /* Resolves with {status, body}; rejects when there is no connection or it times out. */
  async request(method, url, body) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
    const headers = { Accept: "application/json" };
    if (body !== undefined) {
      headers["Content-Type"] = "application/json";
      headers["X-CSRFToken"] = this.csrf || "";
    }
    try {
      const response = await this.fetch(url, {
        method, headers, credentials: "same-origin", cache: "no-store", redirect: "manual",
        body: body === undefined ? undefined : JSON.stringify(body), signal: controller.signal
      });
      const json = await response.json().catch(() => null);
      return { status: response.status || 401, body: json };
    } finally {
      clearTimeout(timer);
    }
  }

  /* Who is signed in (null when nobody is); also fetches the CSRF token writes need. */
  async session() {
    const answer = await this.request("GET", this.urls.session);
    if (answer.status !== 200 || !answer.body) return null;
    this.csrf = answer.body.csrf_token;
    return answer.body.user;
  }
}

function payloadOf(record) {
  const { uuid, checklist, version, court, status, hearing, accused } = record;
  return { uuid, checklist, version, court, status, hearing, accused };
}

export class Outbox {
  constructor(store, api, onChange, {
    online = () => globalThis.navigator.onLine, locks = globalThis.navigator && globalThis.navigator.locks,
    now = () => Date.now(), random = Math.random
  } = {}) {
    Object.assign(this, { store, api, onChange, online, locks, now, random });
    this.running = null;
    this.again = false;
    /* Set when sending must wait for the monitor (signed out); shown on the outbox. */
    this.blocked = null;
  }

  waiting(force) {
    const now = this.now();
    return this.store.all().filter((record) => {
      const sync = record.sync;
      if (sync.state !== "pending" && sync.state !== "error") return false;
      return force || !sync.next_try || sync.next_try <= now;
    });
  }

  /* Send what is due; `force` ignores the pause after failures (reconnect, "Send now"). */
  run(force) {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    if (!this.online() || !this.waiting(force).length) return Promise.resolve();
    const work = () => this.sendAll(force);
    this.running = (this.locks ? this.locks.request("court-monitor-outbox-" + this.store.userId, work) : work())
      .catch(() => { /* a failure is recorded on the record itself */ })
      .then(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          return this.run(false);
        }
      });
    return this.running;
  }

  async sendAll(force) {
    const records = this.waiting(force);
    this.blocked = null;
    let ready = true;
    if (!this.api.csrf) {
      try {
        const user = await this.api.session();
        if (!user || String(user.id) !== String(this.store.userId)) this.blocked = "signed-out";
        ready = !this.blocked;
      } catch (offline) {
        return;
      }
    }
    this.onChange();
    if (!ready) return;
    for (const record of records) {
      if (this.blocked) return;
      await this.send(record);
    }
  }

  async send(record) {
    const revision = record.rev;
    record.sync.last_try = new Date(this.now()).toISOString();
    let answer = null;
    try {
      answer = await this.api.request("POST", this.api.urls.submissions, payloadOf(record));
    } catch (offline) {
      await this.failed(record, T("no connection"));
    }
    if (answer) await this.received(record, revision, answer);
    this.onChange();
  }

  received(record, revision, answer) {
    const sync = record.sync, body = answer.body || {};
    if (answer.status === 200 || answer.status === 201) {
      if (record.rev === revision) {
        sync.state = "sent";
        sync.sent_rev = revision;
      }
      sync.attempts = 0;
      sync.next_try = null;
      sync.message = null;
      sync.errors = {};
      return Promise.all([this.store.save(record), this.store.putMeta("last_sent", new Date(this.now()).toISOString())]);
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
    return this.failed(record, body.message || T("the server answered %(status)s", { status: answer.status }));
  }

  /* Keep the phone's copy untouched, fetch the server's, and let the monitor decide. */
  async conflict(record, message) {
    record.sync.state = "conflict";
    record.sync.message = message || null;
    try {
      const answer = await this.api.request("GET", this.api.urls.submissions + "/" + record.uuid);
      record.server_copy = answer.status === 200 ? answer.body : null;
    } catch (offline) { /* fetched again on the next conflict */ }
    return this.store.save(record);
  }

  failed(record, reason) {
    const sync = record.sync;
    sync.state = "error";
    sync.message = reason;
    sync.attempts = (sync.attempts || 0) + 1;
    const pause = Math.min(LONGEST_PAUSE_MS, FIRST_PAUSE_MS * Math.pow(2, sync.attempts - 1));
    sync.next_try = this.now() + pause * (0.75 + this.random() / 2);
    return this.store.save(record);
  }
}
