/* A checklist whose copy on the server differs from the phone's: both are kept, and the monitor
   chooses what to do. */
import { h } from "./dom.js";
import { app, newUuid, sendDraftsSoon } from "./state.js";
import { t as T } from "./texts.js";

export function conflictBox(record) {
  const server = record.server_copy;
  return h("div", { class: "error-summary", role: "alert", "data-conflict": true },
    h("p", { text: T("This checklist was changed on the server. Your copy is kept on this phone; nothing has been overwritten.") }),
    h("p", { text: T(server ? "Choose what to do:" : "The server has a different checklist with this number. Keep your answers as a new checklist:") }),
    h("div", { class: "actions-inline" },
      h("button", { type: "button", class: "button", text: T("Keep my answers as a new checklist"), onclick: () => keepAsNew(record) }),
      server ? h("button", { type: "button", class: "button secondary", text: T("Use the server's version"), onclick: () => {
        if (window.confirm(T("Replace your copy on this phone with the server's version?"))) useServerCopy(record);
      } }) : null));
}

function keepAsNew(record) {
  const copy = JSON.parse(JSON.stringify(record));
  const now = new Date().toISOString();
  Object.assign(copy, { uuid: newUuid(), status: "draft", started_at: now, rev: 1, server_copy: null,
    sync: { state: "pending", sent_rev: 0, errors: {}, attempts: 0 } });
  const original = record.server_copy ? useServerCopy(record, true) : app.store.remove(record.uuid);
  Promise.all([app.store.save(copy), original]).then(() => {
    app.notice = T("Your answers are kept as a new checklist (draft). Check them and submit it again.");
    location.hash = "#/c/" + copy.uuid;
    sendDraftsSoon();
  });
}

function useServerCopy(record, quiet) {
  const server = record.server_copy;
  Object.assign(record, { status: server.status, court: server.court, hearing: server.hearing, accused: server.accused, server_copy: null });
  record.sync = { state: "sent", sent_rev: record.rev, errors: {}, attempts: 0 };
  return app.store.save(record).then(() => { if (!quiet) app.route(); });
}
