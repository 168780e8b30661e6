/* A checklist whose copy on the server differs from the phone's (changed on another device, or by
   a manager): both are kept, the differences are listed, and the monitor chooses which to keep.
   Nothing is replaced without that choice. */
import { h } from "./dom.js";
import { answerText } from "./fields.js";
import * as R from "./rules.js";
import { serverState } from "./sync.js";
import { app, courtName, describePath, newUuid, sendDraftsSoon } from "./state.js";
import { t as T } from "./texts.js";

/* Every answer that differs between the phone's copy and the server's: [where, phone, server]. */
function differences(record, definition, server) {
  const rows = [];
  if (record.court !== server.court) rows.push([T("Court"), courtName(record.court), courtName(server.court)]);
  const blocks = (copy) => {
    const found = { hearing: copy.hearing || {} };
    (copy.accused || []).forEach((accused, index) => {
      found["accused[" + index + "]"] = accused;
      if (accused[R.ANNEX]) found["accused[" + index + "]." + R.ANNEX] = accused[R.ANNEX];
    });
    return found;
  };
  const mine = blocks(record), theirs = blocks(server);
  const levelOf = (prefix) => (prefix === "hearing" ? "hearing" : prefix.endsWith(R.ANNEX) ? "juvenile" : "accused");
  new Set([...Object.keys(mine), ...Object.keys(theirs)]).forEach((prefix) => {
    const block = R.blockOf(definition, levelOf(prefix));
    block.sections.forEach((section) => section.items.forEach((item) => {
      const a = (mine[prefix] || {})[item.key], b = (theirs[prefix] || {})[item.key];
      if (JSON.stringify(a) === JSON.stringify(b)) return;
      const described = describePath(record.accused.length >= (server.accused || []).length ? record : server, definition, prefix + "." + item.key);
      rows.push([described.where, answerText(item, a, app.language) || "—", answerText(item, b, app.language) || "—"]);
    }));
  });
  return rows;
}

export function conflictBox(record, definition) {
  const server = record.server_copy;
  if (!server) {
    return h("div", { class: "error-summary", role: "alert", "data-conflict": true },
      h("p", { text: T("The server has a different checklist with this number. Your answers are kept on this phone; keep them as a new checklist:") }),
      h("div", { class: "actions-inline" },
        h("button", { type: "button", class: "button", text: T("Keep my answers as a new checklist"), onclick: () => keepAsNew(record) })));
  }
  const rows = differences(record, definition, server);
  const editable = server.status === "draft" || server.status === "returned";
  return h("div", { class: "error-summary", role: "alert", "data-conflict": true },
    h("p", { text: T(editable ? "This checklist was changed on the server (on another device, or by a manager) since this phone last sent it. Your copy is kept on this phone; nothing has been overwritten. Review the differences:"
      : "This checklist was already submitted from another device with other answers. Your copy is kept on this phone; nothing has been overwritten. Review the differences:") }),
    h("dl", { class: "differences", "data-differences": true }, rows.map(([where, mine, theirs]) => [
      h("dt", { text: where }), h("dd", { text: T("On this phone: %(answer)s", { answer: mine }) }), h("dd", { text: T("On the server: %(answer)s", { answer: theirs }) })])),
    h("div", { class: "actions-inline" },
      editable ? h("button", { type: "button", class: "button", "data-keep-mine": true, text: T("Send my answers"), onclick: () => keepMine(record) }) : null,
      h("button", { type: "button", class: "button secondary", "data-use-server": true, text: T("Use the server's answers"), onclick: () => {
        if (window.confirm(T("Replace your copy on this phone with the server's answers?"))) useServerCopy(record);
      } })));
}

/* The monitor keeps the phone's answers: they are sent on the server's current copy. */
function keepMine(record) {
  app.store.update(record.uuid, (stored) => {
    stored.server = { ...(stored.server || {}), ...serverState(stored.server_copy) };
    stored.server_copy = null;
    stored.status = "draft";
    Object.assign(stored.sync, { state: "pending", next_try: null, message: null, origin: null });
    stored.rev += 1;
    return stored;
  }).then(() => { app.route(); app.outbox.run(true); });
}

function keepAsNew(record) {
  const copy = JSON.parse(JSON.stringify(record));
  const now = new Date().toISOString();
  Object.assign(copy, { uuid: newUuid(), status: "draft", started_at: now, rev: 1, server: null, server_copy: null,
    sync: { state: "pending", sent_rev: 0, errors: {}, attempts: 0 } });
  Promise.all([app.store.add(copy), app.store.remove(record.uuid)]).then(() => {
    app.notice = T("Your answers are kept as a new checklist (draft). Check them and submit it again.");
    location.hash = "#/c/" + copy.uuid;
    sendDraftsSoon();
  });
}

function useServerCopy(record) {
  return app.store.update(record.uuid, (stored) => {
    const server = stored.server_copy;
    Object.assign(stored, { status: server.status === "draft" || server.status === "returned" ? "draft" : "submitted",
      court: server.court, hearing: server.hearing, accused: server.accused, server_copy: null, server: serverState(server) });
    stored.rev += 1;
    stored.sync = { state: "sent", sent_rev: stored.rev, errors: {}, attempts: 0 };
    return stored;
  }).then(() => app.route());
}
