/* A checklist's overview (#/c/<uuid>): its sections and their state, the court, the accused, the
   problems left, the manager's comment on a returned checklist, and Submit; the answers only,
   once submitted. */
import { conflictBox } from "./conflict.js";
import { displayDate } from "./dates.js";
import { h } from "./dom.js";
import { answerText, plainProblem } from "./fields.js";
import * as R from "./rules.js";
import { courtSelect } from "./section_screen.js";
import { ChangeRefused } from "./store.js";
import {
  app, courtName, describePath, edit, hearingDateText, isEditable, noticeHere, render, reviewState, sendDraftsSoon, statusText, stepHash, stepTitle, today
} from "./state.js";
import { t as T } from "./texts.js";

/* Checklists whose missing answers the monitor asked to see (by tapping Submit): the list stays
   until they are answered. */
const problemsAsked = new Set();

/* Each problem in words, as a link that opens its question (the court is on this screen). */
function problemList(record, definition, problems) {
  return h("ul", {}, Object.keys(problems).map((path) => {
    const message = path === "court" ? T("This court is no longer on the list. Choose the court again above.") : plainProblem(problems[path]);
    const { where, step, key } = describePath(record, definition, path);
    const target = step && isEditable(record) ? h("a", { href: stepHash(record, step), "data-focus": key, text: where, onclick: () => { app.focus = key; } })
      : path === "court" ? h("a", { href: "#court", text: where, onclick: (event) => { event.preventDefault(); document.getElementById("court").focus(); } })
        : h("span", { text: where });
    return h("li", { "data-path": path }, target, " — " + message);
  }));
}

function refused(error) {
  if (!(error instanceof ChangeRefused)) throw error;
  app.notice = T("This checklist was submitted in another tab on this phone; it can no longer be changed here.");
  app.route();
}

function courtChooser(record) {
  const closed = record.sync.errors && record.sync.errors.court ? record.court : null;
  const select = courtSelect(record.court, (key) => {
    edit(record.uuid, (stored) => {
      stored.court = key;
      delete stored.sync.errors.court;
    }).then(() => { sendDraftsSoon(); app.route(); }, refused);
  }, closed);
  return h("div", { class: "field", "data-court": true }, h("label", { for: "court", text: T("Court") }), select,
    record.court ? null : h("p", { class: "error", role: "alert", text: T("Choose the court.") }));
}

function accusedPart(record, definition) {
  const list = record.accused.map((accused, index) => h("li", {},
    h("span", { text: T(accused[R.ANNEX] ? "Accused %(number)s · juvenile" : "Accused %(number)s", { number: index + 1 }) }),
    h("button", { type: "button", class: "link danger", text: T("Remove"), onclick: () => {
      if (!window.confirm(T("Remove accused %(number)s and all their answers?", { number: index + 1 }))) return;
      edit(record.uuid, (stored) => { stored.accused.splice(index, 1); }).then(() => { sendDraftsSoon(); app.route(); }, refused);
    } })));
  return [
    h("h2", { text: T("Accused") }),
    h("ul", { class: "accused-list" }, list.length ? list : h("li", { class: "muted", text: T("No accused yet.") })),
    record.accused.length < definition.accused.max ? h("button", { type: "button", class: "button secondary", text: T("Add an accused"), onclick: () => {
      edit(record.uuid, (stored) => { stored.accused.push({}); }).then((stored) => {
        location.hash = "#/c/" + record.uuid + "/accused/" + stored.accused.length + "/" + definition.accused.sections[0].key;
      }, refused);
    } }) : null,
    h("div", { class: "submit-form" }, h("button", { type: "button", class: "button", "data-submit": true,
      text: T(reviewState(record) === "returned" ? "Submit again" : "Submit checklist"), onclick: () => submitChecklist(record, definition) }))
  ];
}

function submitChecklist(record, definition) {
  let incomplete = false;
  edit(record.uuid, (stored) => {
    R.normalise(definition, stored);
    if (!stored.court || Object.keys(R.validate(definition, stored, true, today(), app.language)).length) {
      incomplete = true;
      return false;
    }
    stored.status = "submitted";
    stored.sync.errors = {};
    stored.sync.state = "pending";
  }).then(() => {
    if (incomplete) {
      problemsAsked.add(record.uuid);
      return app.route();
    }
    problemsAsked.delete(record.uuid);
    app.notice = T(navigator.onLine ? "Checklist submitted. Sending it now." : "Checklist submitted. Saved on this phone, will send when online.");
    location.hash = "#/";
    app.outbox.run(true);
  }, refused);
}

function answersPart(record, definition) {
  const blocks = [["hearing", record.hearing, ""]];
  record.accused.forEach((accused, i) => {
    blocks.push(["accused", accused, " " + (i + 1)]);
    if (accused[R.ANNEX]) blocks.push(["juvenile", accused[R.ANNEX], " " + (i + 1)]);
  });
  return [h("h2", { text: T("Answers") }), ...blocks.map(([level, answers, number]) => {
    const block = R.blockOf(definition, level), rows = [];
    block.sections.forEach((section) => section.items.forEach((item) => {
      if (item.key in answers) rows.push(h("dt", { text: R.translate(item.label, app.language) }), h("dd", { text: answerText(item, answers[item.key], app.language) }));
    }));
    return h("section", { class: "answers" }, h("h3", { text: R.translate(block.title, app.language) + number }), h("dl", {}, rows));
  })];
}

/* The manager's decision and comments, as the phone last heard them from the server. */
function reviewPart(record, definition) {
  const state = reviewState(record), review = record.server && record.server.review;
  if (!state || !review) return null;
  const heading = {
    returned: "Returned for changes by %(name)s on %(date)s:", approved: "Approved by %(name)s on %(date)s.", rejected: "Rejected by %(name)s on %(date)s:"
  }[state];
  const values = { name: review.actor_name || review.actor, date: displayDate((review.created_at || "").slice(0, 10)) };
  const comments = Object.entries((record.server && record.server.item_comments) || {});
  return h("div", { class: "review-comment", role: "status", "data-review": state },
    h("p", {}, h("strong", { class: "status-" + state, text: T(heading, values) })),
    review.comment ? h("blockquote", { text: review.comment }) : null,
    comments.length ? h("ul", { "data-item-comments": true }, comments.map(([path, text]) =>
      h("li", { text: describePath(record, definition, path).where + " — " + text }))) : null,
    state === "returned" && isEditable(record) ? h("p", { text: T("Change the answers below, then submit the checklist again.") }) : null);
}

export function overviewScreen(record, definition) {
  R.normalise(definition, record);  // a stale annex from an older copy is dropped before showing it
  const steps = R.steps(definition, record);
  const editable = isEditable(record);
  const problems = R.validate(definition, record, true, today(), app.language);
  if (!record.court) problems.court = T("Choose the court.");
  const serverErrors = record.sync.state === "invalid" ? record.sync.errors : {};
  const rows = steps.map((step) => {
    const here = R.blockAnswers(record, step.level, step.index);
    const started = step.section.items.some((item) => R.isAnswered(here[item.key]));
    const missing = Object.keys(problems).concat(Object.keys(serverErrors)).filter((path) => R.owns(step, path)).length;
    const status = missing ? "missing" : started ? "done" : "empty";
    const title = stepTitle(definition, step);
    return h("li", { class: "step step-" + status },
      editable ? h("a", { href: stepHash(record, step), text: title }) : h("span", { text: title }),
      h("span", { class: "badge", text: missing ? T("%(count)s to complete", { count: missing }) : T(started ? "done" : "not started") }));
  });
  const asked = editable && problemsAsked.has(record.uuid) && Object.keys(problems).length;
  render([
    h("nav", { class: "crumbs" }, h("a", { href: "#/", text: T("← Checklists on this phone") })),
    h("h1", { text: record.court ? courtName(record.court) : T("Checklist") }),
    h("p", { class: "muted" }, hearingDateText(record) + " · ", h("span", { class: "sync-status", "data-state": record.sync.state, text: statusText(record) })),
    noticeHere() ? h("p", { class: "flash", role: "status", text: noticeHere() }) : null,
    reviewPart(record, definition),
    record.sync.state === "conflict" ? conflictBox(record, definition) : null,
    Object.keys(serverErrors).length ? h("div", { class: "error-summary", role: "alert", "data-server-errors": true },
      h("p", { text: T("The server could not accept this checklist. Correct these answers, then submit again:") }),
      problemList(record, definition, serverErrors)) : null,
    asked ? h("div", { class: "error-summary", role: "alert", "data-missing": true },
      h("p", { text: T("Some answers are missing or need correcting. Tap one to answer it:") }), problemList(record, definition, problems)) : null,
    editable ? courtChooser(record) : null,
    h("h2", { text: T("Sections") }), h("ol", { class: "steps" }, rows),
    editable ? accusedPart(record, definition) : answersPart(record, definition)
  ]);
}
