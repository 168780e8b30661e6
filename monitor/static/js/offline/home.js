/* The first screen of the app (#/): the checklists on this phone, grouped by what they need
   (returned ones first), the outbox's state, and whether this phone keeps them safely. */
import { dateAndTime } from "./dates.js";
import { h } from "./dom.js";
import { isUnsent } from "./store.js";
import { app, courtName, hearingDateText, noticeHere, render, reviewState, statusText } from "./state.js";
import { t as T } from "./texts.js";

function groupOf(record) {
  if (reviewState(record) === "returned") return "returned";
  if (record.sync.state === "conflict" || record.sync.state === "invalid") return "attention";
  if (record.status === "draft") return "drafts";
  return record.sync.state === "sent" ? "sent" : "waiting";
}

function card(record) {
  const review = reviewState(record), comment = review && record.server.review && record.server.review.comment;
  return h("li", { "data-uuid": record.uuid, "data-state": record.sync.state, "data-status": record.status, "data-review": review || "" },
    h("a", { href: "#/c/" + record.uuid },
      h("strong", { text: record.court ? courtName(record.court) : T("Court not chosen yet") }),
      h("span", { text: hearingDateText(record) + " · " + T("%(count)s accused", { count: record.accused.length }) }),
      h("span", { class: "sync-status" + (review ? " status-" + review : ""), text: statusText(record) }),
      comment ? h("span", { class: "card-comment", text: "“" + comment + "”" }) : null));
}

/* Checklists that were waiting to be sent and are no longer in this phone's storage (the browser
   cleared it) and that the server does not have either. */
function lostWarning() {
  const lost = app.lost || [];
  if (!lost.length) return null;
  const checked = Boolean(app.outbox.onServer);
  return h("div", { class: "error-summary", role: "alert", "data-lost": lost.length, "data-checked": String(checked) },
    h("p", {}, h("strong", { text: checked ? T("%(count)s checklist waiting to be sent is no longer on this phone, and the server does not have it.", { count: lost.length })
      : T("%(count)s checklist waiting to be sent is no longer on this phone. Connect to check whether the server has it.", { count: lost.length }) })),
    h("p", { text: T("The browser cleared this phone's storage. Tell your manager, and fill the checklist again from your notes if you can.") }),
    h("button", { type: "button", class: "button secondary", text: T("I have noted this"), onclick: () => {
      app.store.forgetMissing(lost);
      app.lost = [];
      homeScreen();
    } }));
}

/* Whether the browser promised to keep this phone's storage (navigator.storage.persist). */
function storageLine() {
  if (app.persisted === undefined) return null;
  return h("p", { class: app.persisted ? "hint" : "notice", "data-persisted": String(app.persisted),
    text: T(app.persisted ? "This phone keeps your checklists until they are sent."
      : "This browser may clear its storage when the phone runs short of space. Send your checklists when you can.") });
}

function outboxSummary() {
  const waiting = app.store.all().filter(isUnsent).length;
  const lastSent = app.lastSent ? dateAndTime(app.lastSent) : null;
  const blocked = app.outbox.blocked;
  const signedIn = app.outbox.signedIn;
  return h("div", { class: "outbox-summary", "data-outbox": waiting },
    h("p", { text: waiting ? T("%(count)s checklist on this phone is not yet on the server.", { count: waiting })
      : (app.lost || []).length ? "" : T("Everything on this phone is on the server.") }),
    h("p", { class: "muted", "data-last-sent": app.lastSent || "", text: lastSent ? T("Last sent: %(when)s", { when: lastSent }) : T("Nothing sent from this phone yet.") }),
    blocked === "signed-out" ? h("p", { class: "error-summary", "data-blocked": blocked }, T("Sign in again to send your checklists.") + " ", h("a", { href: app.urls.login, text: T("Sign in") })) : null,
    blocked === "other-user" ? h("p", { class: "error-summary", "data-blocked": blocked },
      T("%(name)s is signed in now, in another tab. These checklists are %(owner)s's: nothing is sent until %(owner)s signs in again.",
        { name: signedIn ? signedIn.display_name : "?", owner: app.user.display_name }) + " ", h("a", { href: app.urls.login, text: T("Sign in") })) : null,
    waiting && navigator.onLine ? h("button", { type: "button", class: "button secondary", "data-send-now": true, text: T("Send now"),
      onclick: () => app.outbox.run(true) }) : null,
    storageLine());
}

export function homeScreen() {
  const groups = { returned: [], attention: [], waiting: [], drafts: [], sent: [] };
  app.store.all().forEach((record) => groups[groupOf(record)].push(record));
  const titles = { returned: T("Returned to you"), attention: T("Needs your attention"), waiting: T("Waiting to send"), drafts: T("Drafts"), sent: T("Sent") };
  const lists = Object.keys(groups).filter((g) => groups[g].length).map((g) => [
    h("h2", { text: titles[g] }), h("ul", { class: "cards", "data-group": g }, groups[g].slice(0, g === "sent" ? 30 : undefined).map(card))]);
  render([
    h("h1", { text: T("Checklists on this phone") }),
    noticeHere() ? h("p", { class: "flash", role: "status", text: noticeHere() }) : null,
    lostWarning(),
    outboxSummary(),
    h("p", {}, h("a", { class: "button", href: "#/new", text: T("Start a checklist") })),
    lists.length ? lists : h("p", { class: "muted", text: T("No checklists on this phone yet.") }),
    h("p", {}, h("a", { href: app.urls.serverList, text: T("All my checklists on the server") }))
  ]);
}
