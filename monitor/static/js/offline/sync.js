/* The outbox: sends every checklist on the phone that the server has not got yet, drafts too,
   through POST /api/v1/submissions, then asks the server how the monitor's checklists stand
   (returned with a comment, approved, rejected). The server stores a checklist once per uuid and
   answers a repeat with what it has, so sending again after a lost answer is always safe. A
   checklist leaves the outbox only when the server confirmed the very revision the phone holds.
   Every send belongs to the monitor who owns this phone's storage: before each batch the outbox
   asks who is signed in, and each payload names its author, which the server checks too. Each
   payload also names the server's copy it started from (`base_revision`, `base_hash`), so a copy
   changed on the server meanwhile is never silently replaced.
   Record states (`record.sync.state`): pending, error (will try again, with a growing pause),
   invalid (the server found answers to correct), conflict (the server's copy differs), sent.
   What the server last said of a checklist is in `record.server`.
   The browser's fetch, connection state, locks and clock are used unless others are given
   (the unit tests give a fake server and clock). */
import { t as T } from "./texts.js";

const TIMEOUT_MS = 20000;
const FIRST_PAUSE_MS = 5000;
const LONGEST_PAUSE_MS = 5 * 60 * 1000;

export class Api {
  constructor(urls, { fetch = globalThis.fetch && globalThis.fetch.bind(globalThis) } = {}) {
    this.urls = urls;
    this.fetch = fetch;
    this.csrf = null;
  }

  /* Resolves with {status, body}; rejects when there is no connection or it times out. */
  async request(method, url, body) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
    /* The server's messages (a refused answer, a conflict) in the language the monitor reads. */
    const headers = { Accept: "application/json", "Accept-Language": (globalThis.document && document.documentElement.lang) || "en" };
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

/* What the server said of a checklist, as the phone keeps it. */
export function serverState(described) {
  return {
    status: described.status, revision: described.revision, content_hash: described.content_hash,
    review: described.review || null, item_comments: described.item_comments || {}
  };
}

/* JSON with its keys in order, to compare two copies of a checklist whatever order their keys came in. */
function canonical(value) {
  if (Array.isArray(value)) return "[" + value.map(canonical).join(",") + "]";
  if (value && typeof value === "object") return "{" + Object.keys(value).sort().map((k) => JSON.stringify(k) + ":" + canonical(value[k])).join(",") + "}";
  return JSON.stringify(value);
}

function contentOf(copy) {
  return canonical([copy.court, copy.status, copy.hearing, copy.accused]);
}

export function payloadOf(record, author) {
  const { uuid, checklist, version, court, status, hearing, accused } = record;
  const server = record.server || {};
  return {
    uuid, checklist, version, court, status, hearing, accused, author,
    base_revision: server.revision === undefined ? null : server.revision, base_hash: server.content_hash || null
  };
}

/* A checklist as the server returned it, as a record of this phone (a returned checklist, or one
   the phone no longer had). Editable again when it is returned. */
export function recordFromServer(described, now) {
  return {
    uuid: described.uuid, checklist: described.checklist, version: described.version, court: described.court,
    status: described.status === "returned" || described.status === "draft" ? "draft" : "submitted",
    hearing: described.hearing, accused: described.accused, started_at: described.created_at || now, updated_at: now, rev: 1,
    sync: { state: "sent", sent_rev: 1, errors: {}, attempts: 0 }, server: serverState(described), server_copy: null
  };
}

export class Outbox {
  constructor(store, api, onChange, {
    user = { id: store.userId, username: null },
    online = () => globalThis.navigator.onLine, locks = globalThis.navigator && globalThis.navigator.locks,
    now = () => Date.now(), random = Math.random
  } = {}) {
    Object.assign(this, { store, api, onChange, user, online, locks, now, random });
    this.running = null;
    this.again = false;
    /* Set when sending must wait for the monitor: "signed-out", or "other-user" (this.signedIn is who). */
    this.blocked = null;
    this.signedIn = null;
  }

  waiting(force) {
    const now = this.now();
    return this.store.all().filter((record) => {
      const sync = record.sync;
      if ((sync.state !== "pending" && sync.state !== "error") || !record.court) return false;
      return force || !sync.next_try || sync.next_try <= now;
    });
  }

  /* Send what is due and learn how the monitor's checklists stand; `force` ignores the pause
     after failures (reconnect, "Send now"). */
  run(force) {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    if (!this.online()) return Promise.resolve();
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

  /* Who is signed in now: the CSRF token fetched earlier outlives a sign-out in another tab. A
     page the server drew for this user a moment ago (`confirmedAt`) needs no second asking. */
  async confirmAccount() {
    if (this.confirmedAt && this.now() - this.confirmedAt < 10000 && this.api.csrf) return true;
    this.confirmedAt = null;
    const user = await this.api.session();
    this.signedIn = user;
    if (!user) this.blocked = "signed-out";
    else if (String(user.id) !== String(this.store.userId)) this.blocked = "other-user";
    else this.blocked = null;
    return !this.blocked;
  }

  async sendAll(force) {
    try {
      if (!(await this.confirmAccount())) return this.onChange();
    } catch (offline) {
      return;
    }
    this.onChange();
    for (const { uuid } of this.waiting(force)) {
      if (this.blocked) return;
      const record = await this.store.reload(uuid);  // as stored now: another tab may have changed it
      if (record && (record.sync.state === "pending" || record.sync.state === "error")) await this.send(record);
    }
    if (!this.blocked) await this.learnStates();
  }

  async send(record) {
    const revision = record.rev;
    let answer = null;
    try {
      answer = await this.api.request("POST", this.api.urls.submissions, payloadOf(record, this.user.username));
    } catch (offline) {
      await this.failed(record.uuid, T("no connection"), record);
    }
    if (answer) await this.received(record.uuid, revision, answer);
    this.onChange();
  }

  received(uuid, revision, answer) {
    const body = answer.body || {};
    if (answer.status === 200 || answer.status === 201) {
      return Promise.all([this.store.update(uuid, (record) => {
        if (!record) return false;
        const sync = record.sync;
        if (record.rev === revision) {
          sync.state = "sent";
          sync.sent_rev = revision;
        }
        Object.assign(sync, { attempts: 0, next_try: null, message: null, errors: {}, unconfirmed: null });
        record.server = { ...(record.server || {}), ...serverState(body) };
        return record;
      }), this.store.putMeta("last_sent", new Date(this.now()).toISOString())]);
    }
    if (answer.status === 422) {
      return this.store.update(uuid, (record) => {
        if (!record) return false;
        Object.assign(record.sync, { state: "invalid", errors: body.errors || {}, message: body.message || null });
        record.status = "draft";  // reopened, so the monitor can correct and submit again
        return record;
      });
    }
    if (answer.status === 409 && body.error === "wrong_author") {
      this.blocked = "other-user";
      return Promise.resolve();
    }
    if (answer.status === 409) return this.conflict(uuid, body.message, body.error);
    if (answer.status === 401 || (answer.status === 400 && body.error === "csrf")) {
      this.api.csrf = null;
      this.blocked = "signed-out";
      return Promise.resolve();
    }
    return this.failed(uuid, body.message || T("the server answered %(status)s", { status: answer.status }), this.store.get(uuid));
  }

  /* Keep the phone's copy untouched, fetch the server's, and let the monitor decide. A server copy
     that is what this phone sent when the answer got lost is no conflict: it is sent again on it. */
  async conflict(uuid, message, kind) {
    let copy;
    try {
      const answer = await this.api.request("GET", this.api.urls.submissions + "/" + uuid);
      copy = answer.status === 200 ? answer.body : null;
    } catch (offline) { /* fetched again on the next conflict */ }
    return this.store.update(uuid, (record) => {
      if (!record) return false;
      if (copy && kind === "stale" && record.sync.unconfirmed === contentOf(copy)) {
        record.server = { ...(record.server || {}), ...serverState(copy) };
        Object.assign(record.sync, { state: "pending", next_try: null, unconfirmed: null });
        this.again = true;
        return record;
      }
      Object.assign(record.sync, { state: "conflict", message: message || null, origin: kind === "stale" ? "server" : "server-different" });
      if (copy !== undefined) record.server_copy = copy;
      return record;
    });
  }

  /* Tried and not confirmed: try again after a pause. What was sent is noted, in case it did arrive. */
  failed(uuid, reason, sent) {
    return this.store.update(uuid, (record) => {
      if (!record) return false;
      const sync = record.sync;
      if (sent) sync.unconfirmed = contentOf(sent);
      sync.state = "error";
      sync.message = reason;
      sync.attempts = (sync.attempts || 0) + 1;
      const pause = Math.min(LONGEST_PAUSE_MS, FIRST_PAUSE_MS * Math.pow(2, sync.attempts - 1));
      sync.next_try = this.now() + pause * (0.75 + this.random() / 2);
      return record;
    });
  }

  /* How the monitor's own checklists stand on the server: the state and the manager's comment of
     each one on the phone; a returned checklist comes back as the server has it (with a
     manager's correction) unless the phone has edits not yet sent, and a returned checklist the
     phone does not have (a new phone, cleared storage) is brought to it. */
  async learnStates() {
    let answer;
    try {
      answer = await this.api.request("GET", this.api.urls.submissions + "?per_page=200");
    } catch (offline) {
      return;
    }
    if (answer.status !== 200 || !answer.body) return;
    const listed = new Map(answer.body.items.map((item) => [item.uuid, item]));
    this.onServer = listed;
    for (const [uuid, item] of listed) {
      const record = this.store.get(uuid);
      const comeBack = item.status === "returned" && (!record || (record.status === "submitted" && record.sync.state === "sent")
        || (record.server && record.server.revision !== item.revision && record.sync.state === "sent"));
      if (comeBack) await this.takeServerCopy(uuid);
      else if (record && JSON.stringify(record.server && record.server.review) !== JSON.stringify(item.review)
        || record && (record.server || {}).status !== item.status) {
        await this.store.update(uuid, (stored) => {
          if (!stored) return false;
          stored.server = { ...(stored.server || {}), status: item.status, revision: item.revision, review: item.review,
            content_hash: stored.sync.state === "sent" ? item.content_hash : (stored.server || {}).content_hash };
          return stored;
        });
      }
    }
    this.onChange();
  }

  async takeServerCopy(uuid) {
    let answer;
    try {
      answer = await this.api.request("GET", this.api.urls.submissions + "/" + uuid);
    } catch (offline) {
      return;
    }
    if (answer.status !== 200) return;
    const now = new Date(this.now()).toISOString();
    await this.store.update(uuid, (record) => {
      if (record && record.sync.state !== "sent") return false;  // unsent edits are never dropped
      const fresh = recordFromServer(answer.body, now);
      if (record) Object.assign(fresh, { started_at: record.started_at, rev: record.rev + 1, sync: { ...fresh.sync, sent_rev: record.rev + 1 } });
      return fresh;
    });
  }
}
