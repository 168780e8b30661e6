/* Test helpers for the offline app's modules in node: an in-memory IndexedDB (fake-indexeddb, a
   complete implementation of the API, so the store runs its real transactions), localStorage, and
   a fake server answering the app's requests. */
import { IDBFactory } from "fake-indexeddb";

export class MemoryStorage {
  constructor() { this.items = new Map(); }
  getItem(key) { return this.items.has(key) ? this.items.get(key) : null; }
  setItem(key, value) { this.items.set(key, String(value)); }
  removeItem(key) { this.items.delete(key); }
}

/* A phone: its IndexedDB and localStorage, kept across "reloads" (stores opened again). No
   BroadcastChannel unless a test asks for one (an open channel keeps node running). */
export function phone({ tabs = false } = {}) {
  return { indexedDB: new IDBFactory(), localStorage: new MemoryStorage(), BroadcastChannel: tabs ? BroadcastChannel : null };
}

export function record(uuid, fields = {}) {
  return {
    uuid, checklist: "fair_trial", version: 1, court: "pp", status: "draft", hearing: { hearing_date: "2026-11-25" },
    accused: [], started_at: "2026-11-25T08:00:00Z", updated_at: "2026-11-25T08:00:00Z", rev: 1,
    sync: { state: "pending", sent_rev: 0, errors: {}, attempts: 0 }, server_copy: null, ...fields
  };
}

/* A server: `handlers[METHOD path]` returns [status, body] or throws to drop the connection.
   Every request is kept in `requests`. */
export function fakeServer(handlers) {
  const requests = [];
  const fetch = async (url, options) => {
    const method = options.method || "GET";
    const body = options.body ? JSON.parse(options.body) : undefined;
    requests.push({ method, url, body, headers: options.headers });
    const handler = handlers[method + " " + url] || handlers[method + " " + url.replace(/\/[^/]+$/, "/*")];
    if (!handler) return new Response(JSON.stringify({ error: "not_found" }), { status: 404 });
    const [status, answer] = await handler(body, url);
    return new Response(answer === undefined ? null : JSON.stringify(answer), { status });
  };
  return { fetch, requests };
}

export const URLS = { session: "/api/v1/session", submissions: "/api/v1/submissions" };
