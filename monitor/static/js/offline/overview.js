/* A checklist's overview (#/c/<uuid>): its sections and their state, the court, the accused, the
   problems left, and Submit; the answers only, once submitted. */
import { conflictBox } from "./conflict.js";
import { h } from "./dom.js";
import { answerText, plainProblem } from "./fields.js";
import * as R from "./rules.js";
import { app, courtName, render, sendDraftsSoon, statusText, stepHash, stepTitle, today, touch } from "./state.js";
import { t as T } from "./texts.js";

export function describePath(record, definition, path) {
  const step = R.steps(definition, record).find((s) => R.owns(s, path));
  if (!step) return path === "accused" ? T("Accused") : path === "court" ? T("Court") : path;
  const key = path.slice(path.lastIndexOf(".") + 1);
  const item = step.section.items.find((i) => i.key === key);
  return stepTitle(definition, step) + ": " + R.translate(item.label, app.language);
}

function problemList(record, definition, problems) {
  return h("ul", {}, Object.keys(problems).map((path) => {
    const message = path === "court" ? T("This court is no longer on the list. Choose the court again above.") : plainProblem(problems[path]);
    return h("li", { "data-path": path, text: describePath(record, definition, path) + " — " + message });
  }));
}

function courtChooser(record) {
  const select = h("select", { id: "court", onchange: () => {
    record.court = select.value;
    delete record.sync.errors.court;
    touch(record).then(() => { sendDraftsSoon(); app.route(); });
  } }, app.courts.map((c) => h("option", { value: c.key, text: c.name, selected: c.key === record.court })));
  if (!app.courts.some((c) => c.key === record.court)) select.prepend(h("option", { value: "", text: "—", selected: true }));
  return h("div", { class: "field" }, h("label", { for: "court", text: T("Court") }), select);
}

function accusedPart(record, definition) {
  const list = record.accused.map((accused, index) => h("li", {},
    h("span", { text: T(accused[R.ANNEX] ? "Accused %(number)s · juvenile" : "Accused %(number)s", { number: index + 1 }) }),
    h("button", { type: "button", class: "link danger", text: T("Remove"), onclick: () => {
      if (!window.confirm(T("Remove accused %(number)s and all their answers?", { number: index + 1 }))) return;
      record.accused.splice(index, 1);
      touch(record).then(() => { sendDraftsSoon(); app.route(); });
    } })));
  return [
    h("h2", { text: T("Accused") }),
    h("ul", { class: "accused-list" }, list.length ? list : h("li", { class: "muted", text: T("No accused yet.") })),
    record.accused.length < definition.accused.max ? h("button", { type: "button", class: "button secondary", text: T("Add an accused"), onclick: () => {
      record.accused.push({});
      touch(record).then(() => {
        location.hash = "#/c/" + record.uuid + "/accused/" + record.accused.length + "/" + definition.accused.sections[0].key;
      });
    } }) : null,
    h("div", { class: "submit-form" }, h("button", { type: "button", class: "button", "data-submit": true, text: T("Submit checklist"),
      onclick: () => submitChecklist(record, definition) }))
  ];
}

function submitChecklist(record, definition) {
  R.normalise(definition, record);
  if (Object.keys(R.validate(definition, record, true, today(), app.language)).length) {
    app.showProblems = true;
    return overviewScreen(record, definition);
  }
  record.status = "submitted";
  record.sync.errors = {};
  record.sync.state = "pending";
  touch(record).then(() => {
    app.notice = T(navigator.onLine ? "Checklist submitted. Sending it now." : "Checklist submitted. Saved on this phone, will send when online.");
    location.hash = "#/";
    app.outbox.run(true);
  });
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

export function overviewScreen(record, definition) {
  R.normalise(definition, record);  // a stale annex from an older copy is dropped before showing it
  const steps = R.steps(definition, record);
  const editable = record.status === "draft" && record.sync.state !== "conflict";
  const problems = R.validate(definition, record, true, today(), app.language);
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
  render([
    h("nav", { class: "crumbs" }, h("a", { href: "#/", text: T("← Checklists on this phone") })),
    h("h1", { text: courtName(record.court) }),
    h("p", { class: "muted" }, (record.hearing.hearing_date || "") + " · ", h("span", { class: "sync-status", "data-state": record.sync.state, text: statusText(record) })),
    app.notice ? h("p", { class: "flash", role: "status", text: app.notice }) : null,
    record.sync.state === "conflict" ? conflictBox(record) : null,
    Object.keys(serverErrors).length ? h("div", { class: "error-summary", role: "alert", "data-server-errors": true },
      h("p", { text: T("The server could not accept this checklist. Correct these answers, then submit again:") }),
      problemList(record, definition, serverErrors)) : null,
    editable && app.showProblems && Object.keys(problems).length ? h("div", { class: "error-summary", role: "alert" },
      h("p", { text: T("Some answers are missing or need correcting; they are listed below.") }), problemList(record, definition, problems)) : null,
    editable ? courtChooser(record) : null,
    h("h2", { text: T("Sections") }), h("ol", { class: "steps" }, rows),
    editable ? accusedPart(record, definition) : answersPart(record, definition)
  ]);
  app.notice = null;
  app.showProblems = false;
}
