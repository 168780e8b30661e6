/* What every screen of the offline app shares: the page's addresses, who is signed in, the phone's
   storage and outbox, the definitions and courts on the phone, and the helpers that word a
   checklist's state or save a change. `app.route` (set by app.js) draws the screen of the address. */
import { displayDate } from "./dates.js";
import { h } from "./dom.js";
import { blockOf, owns, steps, translate } from "./rules.js";
import { ChangeRefused } from "./store.js";
import { t as T } from "./texts.js";
import { Api } from "./sync.js";

const root = document.getElementById("app");

export const app = {
  root,
  urls: root ? {
    app: root.dataset.appUrl, start: root.dataset.newUrl,
    session: root.dataset.sessionUrl, checklists: root.dataset.checklistsUrl, courts: root.dataset.courtsUrl,
    submissions: root.dataset.submissionsUrl, login: root.dataset.loginUrl, serverList: root.dataset.serverListUrl,
    textsUrl: root.dataset.textsUrl
  } : {},
  api: null, user: null, store: null, outbox: null, definitions: {}, current: [], courts: [], notice: null,
  /* The page's own language, and the one the screens are drawn in (a ?lang= choice, else the account's). */
  pageLanguage: (root && root.dataset.language) || "en",
  language: (root && root.dataset.language) || "en",
  route: () => {},
  /* Changes being written to the phone, in order; a screen is drawn once they are (see app.js). */
  saving: Promise.resolve()
};
if (root) app.api = new Api(app.urls);

export function today() {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
}

export function newUuid() {
  if (window.crypto.randomUUID) return window.crypto.randomUUID();
  const bytes = window.crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => (b + 0x100).toString(16).slice(1)).join("");
  return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
}

/* Show the next screen at once, in the same task as the tap (no wait for "hashchange"); the
   screen left is cleared at once, and the next one drawn when the changes made on it are kept. */
export function go(hash) {
  history.pushState(null, "", hash);
  root.replaceChildren(connectionBanner());
  app.route();
}

/* ---- Saving: every change goes to the phone at once and marks the checklist for sending. */

/* Whether the monitor may change this checklist on the phone. */
export function isEditable(record) {
  return record.status === "draft" && record.sync.state !== "conflict";
}

/* Change a checklist as it is stored now (another tab may have changed it since this screen
   read it): `change(record)` applies this screen's change (and may return false for none); the
   local revision moves on and the checklist waits to be sent. Refused (ChangeRefused "locked")
   once the checklist is no longer a draft here, e.g. submitted in another tab. */
export function edit(uuid, change) {
  return app.store.update(uuid, (record) => {
    if (!record) throw new ChangeRefused("gone", null);
    if (!isEditable(record)) throw new ChangeRefused("locked", record);
    if (record.sync.state !== "invalid") {
      record.sync.state = "pending";
      record.sync.next_try = null;
    }
    if (change(record) === false) return false;
    record.rev += 1;
    record.updated_at = new Date().toISOString();
    return record;
  });
}

let draftTimer = null;

export function sendDraftsSoon() {
  clearTimeout(draftTimer);
  draftTimer = setTimeout(() => app.outbox.run(true), 3000);
}

/* ---- Words for the monitor. */

/* What the server last said of a checklist the phone sent: returned, approved or rejected. */
export function reviewState(record) {
  const server = record.server || {};
  if (server.status === "returned" && record.status === "draft") return "returned";
  if (server.status === "approved" || server.status === "rejected") return server.status;
  return null;
}

export function statusText(record) {
  const sync = record.sync;
  if (sync.state === "conflict") return T("Changed on the server: your copy is kept. Open it to review the differences.");
  if (sync.state === "invalid") return T("Needs correcting: open it to see what to change.");
  if (sync.state === "error") return T("Could not send: %(reason)s. Will try again.", { reason: sync.message || T("no connection") });
  const review = reviewState(record);
  if (review === "returned") {
    return T(sync.state === "sent" ? "Returned: open it to see the manager's comment" : "Returned · your changes are saved on this phone, will send when online");
  }
  if (review === "approved") return T("Approved");
  if (review === "rejected") return T("Rejected");
  if (record.status === "draft") {
    return T(sync.state === "sent" ? "Draft · also saved on the server" : "Draft · saved on this phone, will send when online");
  }
  return T(sync.state === "sent" ? "Sent" : "Saved on this phone, will send when online");
}

export function hearingDateText(record) {
  return record.hearing.hearing_date ? displayDate(record.hearing.hearing_date) : T("no date");
}

/* How many sections the whole checklist has so far, counting those of the accused still to be
   added up to the minimum (as monitor/filing/steps.py planned_step_count). */
export function plannedStepCount(definition, record) {
  const missing = Math.max(0, definition.accused.min - record.accused.length);
  const planned = missing ? { hearing: record.hearing, accused: record.accused.concat(Array.from({ length: missing }, () => ({}))) } : record;
  return steps(definition, planned).length;
}

export function courtName(key) {
  const court = app.courts.find((c) => c.key === key);
  return court ? localCourtName(court) : key;
}

/* A court's name in the app's language: the Khmer one where the server gives it. */
export function localCourtName(court) {
  return (app.language === "km" && court.name_km) || court.name;
}

export function stepTitle(definition, step) {
  const title = translate(step.section.title, app.language);
  if (step.level === "hearing") return title;
  return translate(blockOf(definition, step.level).title, app.language) + " " + (step.index + 1) + ": " + title;
}

/* Where a problem's path (e.g. "accused[0].gender") is asked, in words: {where, step, key}. */
export function describePath(record, definition, path) {
  const step = steps(definition, record).find((s) => owns(s, path));
  if (!step) return { where: path === "accused" ? T("Accused") : path === "court" ? T("Court") : path, step: null };
  const key = path.slice(path.lastIndexOf(".") + 1);
  const item = step.section.items.find((i) => i.key === key);
  return { where: stepTitle(definition, step) + ": " + translate(item.label, app.language), step, key };
}

export function stepHash(record, step) {
  const base = "#/c/" + record.uuid + "/" + step.level;
  return base + (step.level === "hearing" ? "" : "/" + (step.index + 1)) + "/" + step.section.key;
}

/* ---- Drawing a screen. */

/* The message for the screen being drawn (set before going to it): it stays while the monitor is
   on that screen, also when the screen is drawn again as the outbox reports progress, and is
   dropped on the next screen. */
export function noticeHere() {
  if (!app.notice) return null;
  const here = location.hash || "#/";
  if (app.notice !== app.noticeText) {  // a new message: it belongs to the screen drawn now
    app.noticeText = app.notice;
    app.noticeAt = null;
  }
  if (app.noticeAt === undefined || app.noticeAt === null) app.noticeAt = here;
  if (app.noticeAt !== here) {
    app.notice = null;
    app.noticeAt = null;
    return null;
  }
  return app.notice;
}

export function connectionBanner() {
  return h("p", { class: "connection", "data-connection": navigator.onLine ? "online" : "offline", hidden: navigator.onLine,
    text: T("No connection. Keep working: everything is saved on this phone.") });
}

export function render(children) {
  root.replaceChildren(connectionBanner(), ...[children].flat(3).filter((node) => node !== null && node !== undefined && node !== false));
  window.scrollTo(0, 0);
}
