/* One section of a checklist as a form (#/c/<uuid>/<level>/...), and a new checklist's first
   section (#/new), which is kept on the phone from its first answer. Every change is saved on the
   phone at once. */
import { h } from "./dom.js";
import { field, plainProblem, readField, showError } from "./fields.js";
import * as R from "./rules.js";
import { app, connectionBanner, go, newUuid, render, sendDraftsSoon, statusText, stepHash, stepTitle, today, touch } from "./state.js";
import { t as T } from "./texts.js";

/* A new checklist opens on its first section, with the court above it. It is kept on the phone,
   with its uuid, from the first answer; a screen left untouched leaves nothing behind. */
export function startScreen(choice) {
  if (!app.current.length || !app.courts.length) {
    return render([h("h1", { text: T("Start a checklist") }),
      h("p", { class: "error-summary", text: T("This phone has not got the checklist yet. Open this page once with a connection.") })]);
  }
  const definition = app.current[choice || 0];
  const record = {
    uuid: null, checklist: definition.key, version: definition.version, court: app.courts[0].key, status: "draft",
    hearing: { hearing_date: today() }, accused: [], started_at: null, updated_at: null, rev: 0,
    sync: { state: "pending", sent_rev: 0, errors: {}, attempts: 0 }, server_copy: null
  };
  R.normalise(definition, record);
  const step = R.steps(definition, record)[0];
  sectionScreen(record, definition, step.level, step.index, step.section.key, choice || 0);
}

/* The start screen's own fields: the checklist (when there are several) and the court. */
function startFields(record, choice, save, drawn) {
  drawn = drawn && app.root.querySelector("[data-court]");
  const court = drawn ? drawn.querySelector("select") : h("select", { id: "court" }, app.courts.map((c) => h("option", { value: c.key, text: c.name })));
  record.court = court.value;
  court.addEventListener("change", () => { record.court = court.value; save(); });
  const fields = drawn ? [] : [h("div", { class: "field", "data-court": true }, h("label", { for: "court", text: T("Court") }), court)];
  if (app.current.length > 1) {
    const which = h("select", { id: "new-checklist", onchange: () => startScreen(Number(which.value)) }, app.current.map((d, i) =>
      h("option", { value: i, text: R.translate(d.title, app.language), selected: i === choice })));
    fields.unshift(h("div", { class: "field" }, h("label", { for: "new-checklist", text: T("Checklist") }), which));
  }
  if (drawn) drawn.before(...fields);
  return fields;
}

/* The phone keeps the new checklist from now on, under an address that reopens it. */
function begin(record, definition) {
  const now = new Date().toISOString();
  Object.assign(record, { uuid: newUuid(), started_at: now, updated_at: now, rev: 1 });
  history.replaceState(null, "", app.urls.app + stepHash(record, R.steps(definition, record)[0]));
  return app.store.save(record);
}

/* The server's fields for the start screen, made ready for the rules below: the date of today on
   this phone. */
function servedFields(section) {
  const form = app.served.form;
  form.querySelectorAll("input[type=date][value]").forEach((input) => {
    if (input.value === input.defaultValue && input.name === "hearing_date") input.value = today();
  });
  return section.items.map((item) => {
    const wrapper = form.querySelector(`[data-item="${item.key}"]`);
    if (item.not_in_future) wrapper.querySelector("input").max = today();
    return wrapper;
  });
}

/* One section as a form. `start` (the chosen checklist) marks a new checklist's first section,
   not yet kept on the phone; when the server drew it, its form is taken over as it stands. */
export function sectionScreen(record, definition, level, index, sectionKey, start) {
  const fresh = start !== undefined;
  const steps = R.steps(definition, record);
  const position = steps.findIndex((s) => s.level === level && s.index === index && s.section.key === sectionKey);
  if (!fresh && (position < 0 || record.status !== "draft" || record.sync.state === "conflict")) {
    location.replace("#/c/" + record.uuid);
    return;
  }
  const step = steps[position], section = step.section, day = today();
  let block = R.blockAnswers(record, level, index);
  const served = app.served;
  const takeOver = fresh && served && app.language === app.pageLanguage && served.definition.key === definition.key
    && served.definition.version === definition.version;
  const wrappers = takeOver ? servedFields(section) : section.items.map((item) => field(item, app.language, block[item.key], day));
  const form = takeOver ? document.getElementById("section-form") : h("form", { id: "section-form", novalidate: true }, wrappers,
    h("div", { class: "actions" }, h("button", { type: "submit", class: "button", value: "next", text: T("Save and continue") })));
  const saved = takeOver ? app.root.querySelector("[data-save-state]") : h("p", { class: "hint", "data-save-state": true, role: "status", hidden: fresh, text: statusText(record) });
  const summary = takeOver ? app.root.querySelector(".error-summary") : h("p", { class: "error-summary", role: "alert", hidden: true,
    text: T("Please correct the answers marked below. Nothing you typed has been lost.") });
  app.served = null;

  /* Every change is kept on the phone; the first one of a new checklist starts it. */
  function save() {
    const kept = record.uuid ? touch(record) : begin(record, definition);
    return kept.then(() => { saved.textContent = statusText(record); saved.hidden = false; sendDraftsSoon(); });
  }

  function problemsHere() {
    const problems = R.validate(definition, record, false, day, app.language);
    const server = record.sync.state === "invalid" ? record.sync.errors : {};
    const mine = {};
    Object.keys(server).concat(Object.keys(problems)).forEach((path) => {
      if (R.owns(step, path)) mine[path.slice(path.lastIndexOf(".") + 1)] = problems[path] || server[path];
    });
    return mine;
  }

  function refresh(showProblems) {
    const scope = R.scopeOf(record, level, index);
    const problems = problemsHere();
    section.items.forEach((item, i) => {
      const wrapper = wrappers[i], shown = R.isShownInSection(section, item, scope);
      wrapper.hidden = !shown;
      wrapper.querySelectorAll("input, select").forEach((input) => { input.disabled = !shown; });
      if (item.compute) {
        const input = wrapper.querySelector("input"), value = R.computedValue(item, scope);
        if (value !== null) { input.value = value; input.readOnly = true; }
        else if (input.readOnly) { input.readOnly = false; input.value = ""; }
        wrapper.querySelector("[data-compute-hint]").textContent = T(value !== null ? "Worked out from the dates you entered."
          : "Filled in automatically when both dates are known; otherwise enter it.");
      }
      if (showProblems || wrapper.classList.contains("has-error")) showError(wrapper, problems[item.key] && plainProblem(problems[item.key]));
    });
    if (!Object.keys(problems).length) summary.hidden = true;
    return problems;
  }

  /* `unsaved`: only read the answers (those typed before the script took the form over are kept
     with the next change or tap, never while a plain form post may be on its way). */
  function changed(event, unsaved) {
    const before = JSON.stringify([record.hearing, record.accused]);
    section.items.forEach((item, i) => {
      const value = readField(wrappers[i], item);
      if (value === null) delete block[item.key];
      else block[item.key] = value;
    });
    R.normalise(definition, record);
    block = R.blockAnswers(record, level, index);
    const target = event && event.target.closest("[data-item]");
    if (target) {
      showError(target, null);
      delete record.sync.errors[step.prefix + "." + target.dataset.item];
    }
    refresh(false);
    if (target) {
      const problem = problemsHere()[target.dataset.item];
      if (problem && event.type === "change") showError(target, plainProblem(problem));
    }
    if (unsaved || JSON.stringify([record.hearing, record.accused]) === before) return;
    save();
  }

  form.addEventListener("change", changed);
  form.addEventListener("input", (event) => { if (event.target.type !== "radio" && event.target.type !== "checkbox") changed(event); });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    changed();
    if (Object.keys(refresh(true)).length) {
      summary.hidden = false;
      summary.scrollIntoView();
      return;
    }
    (record.uuid ? Promise.resolve() : save()).then(() => {
      const next = R.steps(definition, record);
      const here = next.findIndex((s) => s.level === level && s.index === index && s.section.key === sectionKey);
      go(here >= 0 && here + 1 < next.length ? stepHash(record, next[here + 1]) : "#/c/" + record.uuid);
    });
  });

  const crumbs = fresh ? h("nav", { class: "crumbs" }, h("a", { href: app.urls.app + "#/", text: T("← Checklists on this phone") }))
    : h("nav", { class: "crumbs" }, position > 0 ? h("a", { href: stepHash(record, steps[position - 1]), text: T("← Back") }) : h("span"),
      h("a", { href: "#/c/" + record.uuid, text: T("All sections") }));
  const startHere = fresh ? startFields(record, start, save, takeOver) : [];
  if (takeOver) {
    app.root.prepend(connectionBanner());
  } else {
    render([crumbs, h("div", { class: "progress-row" },
      h("progress", { max: steps.length, value: position + 1 }), h("span", { text: T("Step %(number)s of %(total)s", { number: position + 1, total: steps.length }) })),
      h("h1", { text: stepTitle(definition, step) }), saved, summary, startHere, form]);
  }
  if (takeOver) changed(null, true);
  refresh(record.sync.state === "invalid" || (takeOver && !summary.hidden));
}
