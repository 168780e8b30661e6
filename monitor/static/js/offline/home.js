/* The first screen of the app (#/): the checklists on this phone, grouped by what they need, and
   the outbox's state. */
import { h } from "./dom.js";
import { app, courtName, render, statusText } from "./state.js";
import { t as T } from "./texts.js";

function groupOf(record) {
  if (record.sync.state === "conflict" || record.sync.state === "invalid") return "attention";
  if (record.status === "draft") return "drafts";
  return record.sync.state === "sent" ? "sent" : "waiting";
}

function card(record) {
  const hearingDate = record.hearing.hearing_date || T("no date");
  return h("li", { "data-uuid": record.uuid, "data-state": record.sync.state, "data-status": record.status },
    h("a", { href: "#/c/" + record.uuid },
      h("strong", { text: courtName(record.court) }),
      h("span", { text: hearingDate + " · " + T("%(count)s accused", { count: record.accused.length }) }),
      h("span", { class: "sync-status", text: statusText(record) })));
}

function outboxSummary() {
  const waiting = app.store.all().filter((r) => r.sync.state !== "sent").length;
  const lastSent = app.lastSent ? new Date(app.lastSent).toLocaleString() : null;
  return h("div", { class: "outbox-summary", "data-outbox": waiting },
    h("p", { text: waiting ? T("%(count)s checklist(s) on this phone not yet on the server.", { count: waiting }) : T("Everything on this phone is on the server.") }),
    h("p", { class: "muted", "data-last-sent": app.lastSent || "", text: lastSent ? T("Last sent: %(when)s", { when: lastSent }) : T("Nothing sent from this phone yet.") }),
    app.outbox.blocked ? h("p", { class: "error-summary" }, T("Sign in again to send your checklists.") + " ", h("a", { href: app.urls.login, text: T("Sign in") })) : null,
    waiting && navigator.onLine ? h("button", { type: "button", class: "button secondary", "data-send-now": true, text: T("Send now"),
      onclick: () => app.outbox.run(true) }) : null);
}

export function homeScreen() {
  const groups = { attention: [], waiting: [], drafts: [], sent: [] };
  app.store.all().forEach((record) => groups[groupOf(record)].push(record));
  const titles = { attention: T("Needs your attention"), waiting: T("Waiting to send"), drafts: T("Drafts"), sent: T("Sent") };
  const lists = Object.keys(groups).filter((g) => groups[g].length).map((g) => [
    h("h2", { text: titles[g] }), h("ul", { class: "cards", "data-group": g }, groups[g].slice(0, g === "sent" ? 30 : undefined).map(card))]);
  render([
    h("h1", { text: T("Checklists on this phone") }),
    app.notice ? h("p", { class: "flash", role: "status", text: app.notice }) : null,
    outboxSummary(),
    h("p", {}, h("a", { class: "button", href: "#/new", text: T("Start a checklist") })),
    lists.length ? lists : h("p", { class: "muted", text: T("No checklists on this phone yet.") }),
    h("p", {}, h("a", { href: app.urls.serverList, text: T("All my checklists on the server") }))
  ]);
  app.notice = null;
}
