/* One section of a checklist as a form (#/c/<uuid>/<level>/...), and a new checklist's first
   section (#/new), which is kept on the phone from its first answer. Every change is saved on the
   phone at once, as a change to the checklist as stored (so another tab's answers are kept). */
import { displayDate } from "./dates.js";
import { h } from "./dom.js";
import { field, plainProblem, readField, showError } from "./fields.js";
import * as R from "./rules.js";
import { ChangeRefused } from "./store.js";
import {
  app, connectionBanner, edit, go, localCourtName, newUuid, noticeHere, plannedStepCount, render, sendDraftsSoon, statusText, stepHash,
  stepTitle, today
} from "./state.js";
import { t as T } from "./texts.js";

const LAST_COURT = "court-monitor-last-court-";

/* A new checklist opens on its first section, with the court above it. It is kept on the phone,
   with its uuid, from the first answer; a screen left untouched leaves nothing behind. */
export function startScreen(choice) {
  if (!app.current.length || !app.courts.length) {
    return render([h("h1", { text: T("Start a checklist") }),
      h("p", { class: "error-summary", text: T("This phone has not got the checklist yet. Open this page once with a connection.") })]);
  }
  const definition = app.current[choice || 0];
  const record = {
    uuid: null, checklist: definition.key, version: definition.version, court: "", status: "draft",
    hearing: { hearing_date: today() }, accused: [], started_at: null, updated_at: null, rev: 0,
    sync: { state: "pending", sent_rev: 0, errors: {}, attempts: 0 }, server: null, server_copy: null
  };
  R.normalise(definition, record);
  const step = R.steps(definition, record)[0];
  sectionScreen(record, definition, step.level, step.index, step.section.key, choice || 0);
}

/* The court a monitor chose last on this phone, shown as chosen (and said so); else none: the
   monitor chooses, nothing is preset silently. */
function lastCourt() {
  const key = localStorage.getItem(LAST_COURT + app.user.id);
  return app.courts.some((c) => c.key === key) ? key : "";
}

/* The court chooser; `refused`, a court the server no longer accepts (closed since the list on
   this phone was fetched), is left out. */
export function courtSelect(chosen, onChange, refused) {
  const courts = app.courts.filter((c) => c.key !== refused);
  const select = h("select", { id: "court", required: true },
    h("option", { value: "", text: T("— Choose the court —") }),
    courts.map((c) => h("option", { value: c.key, text: localCourtName(c), selected: c.key === chosen })));
  if (chosen && !courts.some((c) => c.key === chosen)) select.value = "";
  select.addEventListener("change", () => {
    if (select.value) localStorage.setItem(LAST_COURT + app.user.id, select.value);
    onChange(select.value);
  });
  return select;
}

/* The start screen's own fields: the checklist (when there are several) and the court. */
function startFields(record, choice, save, drawn) {
  drawn = drawn && app.root.querySelector("[data-court]");
  const remembered = lastCourt();
  const onChange = (key) => {
    record.court = key;
    courtField.classList.remove("has-error");
    courtError.hidden = true;
    if (hint) hint.hidden = true;
    if (record.uuid) save();
  };
  const court = drawn ? drawn.querySelector("select") : courtSelect(remembered, onChange);
  if (drawn) {
    if (!court.value && remembered) court.value = remembered;
    court.addEventListener("change", () => {
      if (court.value) localStorage.setItem(LAST_COURT + app.user.id, court.value);
      onChange(court.value);
    });
  }
  record.court = court.value;
  const hint = court.value && court.value === remembered ? h("p", { class: "hint", "data-court-hint": true, text: T("The court you chose last time. Change it if this hearing is elsewhere.") }) : null;
  const courtError = h("p", { class: "error", id: "court-error", role: "alert", hidden: true, text: T("Choose the court.") });
  const courtField = drawn || h("div", { class: "field", "data-court": true }, h("label", { for: "court", text: T("Court") }), court);
  courtField.append(...[hint, courtError].filter(Boolean));
  const fields = drawn ? [] : [courtField];
  if (app.current.length > 1) {
    const which = h("select", { id: "new-checklist", onchange: () => startScreen(Number(which.value)) }, app.current.map((d, i) =>
      h("option", { value: i, text: R.translate(d.title, app.language), selected: i === choice })));
    fields.unshift(h("div", { class: "field" }, h("label", { for: "new-checklist", text: T("Checklist") }), which));
  }
  if (drawn) drawn.before(...fields);
  /* `check`: whether a court is chosen; if not, say so at the court. */
  return {
    nodes: drawn ? [] : fields,
    check: () => {
      if (record.court) return true;
      courtField.classList.add("has-error");
      courtError.hidden = false;
      court.focus();
      return false;
    }
  };
}

/* The phone keeps the new checklist from now on, under an address that reopens it. Its uuid is
   made at once; the returned function writes it. */
function begin(record, definition) {
  const now = new Date().toISOString();
  Object.assign(record, { uuid: newUuid(), started_at: now, updated_at: now, rev: 1 });
  history.replaceState(null, "", app.urls.app + stepHash(record, R.steps(definition, record)[0]));
  const copy = JSON.parse(JSON.stringify(record));
  return () => app.store.add(copy);
}

/* The server's fields for the start screen: the date of today on this phone. */
function servedFields(section) {
  const form = app.served.form;
  const hearingDate = form.querySelector('[data-item="hearing_date"] input');
  if (hearingDate && hearingDate.value === hearingDate.defaultValue) hearingDate.value = displayDate(today());
  return section.items.map((item) => form.querySelector(`[data-item="${item.key}"]`));
}

/* "Juvenile annex added: accused 2 was 15 at the time of the offence" for each accused whose
   annex appeared (or went) with this change. */
function annexNews(before, record) {
  const news = [];
  record.accused.forEach((accused, index) => {
    const had = before[index], has = Boolean(accused[R.ANNEX]);
    if (had === undefined || had === has) return;
    const age = accused.age_at_offence;
    const values = { number: index + 1, age };
    if (has && typeof age === "number" && age < 18) news.push(T("Juvenile annex added: accused %(number)s was %(age)s at the time of the offence.", values));
    else if (has && accused.claimed_minor === "yes") news.push(T("Juvenile annex added: accused %(number)s claimed or appears to be under 18 at the time of the offence.", values));
    else if (has) news.push(T("Juvenile annex added for accused %(number)s.", values));
    else news.push(T("Juvenile annex removed for accused %(number)s: not under 18 at the time of the offence.", values));
  });
  return news;
}

/* The questions of a step still unanswered that a submission needs, by their labels. */
function unansweredHere(definition, record, step) {
  const problems = R.validate(definition, record, true, today(), app.language);
  return step.section.items.filter((item) => {
    const message = problems[step.prefix + "." + item.key];
    return message === T("is required") || message === "is required";
  }).map((item) => R.translate(item.label, app.language));
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
  const comments = (record.server && record.server.item_comments) || {};
  const wrappers = takeOver ? servedFields(section) : section.items.map((item) => {
    const wrapper = field(item, app.language, block[item.key]);
    const comment = comments[step.prefix + "." + item.key];
    if (comment) wrapper.querySelector(".error").before(h("p", { class: "item-comment", "data-item-comment": true, text: T("Manager: %(comment)s", { comment }) }));
    return wrapper;
  });
  const form = takeOver ? document.getElementById("section-form") : h("form", { id: "section-form", novalidate: true }, wrappers,
    h("div", { class: "actions" }, h("button", { type: "submit", class: "button", value: "next", text: T("Save and continue") })));
  const saved = takeOver ? app.root.querySelector("[data-save-state]") : h("p", { class: "hint", "data-save-state": true, role: "status", hidden: fresh, text: statusText(record) });
  const summary = takeOver ? app.root.querySelector(".error-summary") : h("p", { class: "error-summary", role: "alert", hidden: true,
    text: T("Please correct the answers marked below. Nothing you typed has been lost.") });
  const notice = noticeHere();
  const announce = h("p", { class: "announce", role: "status", "data-announce": true, hidden: !notice, text: notice || "" });
  app.served = null;
  /* The answers of this section as this screen last saved them, to send only what changed here. */
  let shown = JSON.stringify(block);

  function say(news) {
    if (!news.length) return;
    announce.textContent = news.join(" ");
    announce.hidden = false;
  }

  /* Keep this screen's changes on the phone; the first one of a new checklist starts it. Only the
     answers changed here are written, on the checklist as stored (another tab's stay). */
  let pending = 0;
  function save(changedKeys) {
    const values = {};
    changedKeys.forEach((key) => { values[key] = block[key] === undefined ? undefined : JSON.parse(JSON.stringify(block[key])); });
    const court = record.court;
    const adding = record.uuid ? null : begin(record, definition);
    pending += 1;
    app.saving = app.saving.then(async () => {
      let stored;
      if (adding) {
        stored = await adding();
      } else {
        stored = await edit(record.uuid, (current) => {
          if (level !== "hearing" && !current.accused[index]) throw new ChangeRefused("gone", current);
          const here = R.blockAnswers(current, level, index);
          Object.entries(values).forEach(([key, value]) => { if (value === undefined) delete here[key]; else here[key] = value; });
          if (fresh) current.court = court;
          R.normalise(definition, current);
          Object.keys(values).forEach((key) => delete current.sync.errors[step.prefix + "." + key]);
        });
      }
      pending -= 1;
      if (!pending) {  // nothing newer typed meanwhile: take the checklist as stored (for the rules;
        // what this screen shows stays the base of its next change, so another tab's answer is kept)
        Object.assign(record, stored);
        block = R.blockAnswers(record, level, index);
      }
      saved.textContent = statusText(record);
      saved.hidden = false;
      sendDraftsSoon();
    }).catch((error) => {
      pending = 0;
      if (!(error instanceof ChangeRefused)) {
        saved.textContent = T("Could not save on this phone: %(reason)s", { reason: String(error && error.message || error) });
        saved.hidden = false;
        return;
      }
      app.notice = T(error.reason === "gone" ? "This part of the checklist was removed in another tab on this phone."
        : "This checklist was submitted in another tab on this phone; it can no longer be changed here.");
      location.replace("#/c/" + record.uuid);
    });
    return app.saving;
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
      const wrapper = wrappers[i], shownHere = R.isShownInSection(section, item, scope);
      wrapper.hidden = !shownHere;
      wrapper.querySelectorAll("input, select").forEach((input) => { input.disabled = !shownHere; });
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
    const annexBefore = record.accused.map((accused) => Boolean(accused[R.ANNEX]));
    section.items.forEach((item, i) => {
      const value = readField(wrappers[i], item);
      if (value === null) delete block[item.key];
      else block[item.key] = value;
    });
    R.normalise(definition, record);
    block = R.blockAnswers(record, level, index);
    const target = event && event.target.closest("[data-item]");
    if (target) showError(target, null);
    refresh(false);
    if (target) {
      const problem = problemsHere()[target.dataset.item];
      if (problem && event.type === "change") showError(target, plainProblem(problem));
    }
    say(annexNews(annexBefore, record));
    const before = JSON.parse(shown);
    const changedKeys = section.items.map((item) => item.key)
      .filter((key) => JSON.stringify(before[key]) !== JSON.stringify(block[key]));
    if (unsaved || !changedKeys.length) return;
    shown = JSON.stringify(block);
    save(changedKeys);
  }

  form.addEventListener("change", changed);
  form.addEventListener("input", (event) => { if (event.target.type !== "radio" && event.target.type !== "checkbox") changed(event); });
  let courtChosen = () => true;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    changed();
    const problems = refresh(true);
    const hasCourt = courtChosen();
    if (Object.keys(problems).length || !hasCourt) {
      summary.hidden = false;
      summary.scrollIntoView();
      return;
    }
    if (!record.uuid) save([]);
    const next = R.steps(definition, record);
    const here = next.findIndex((s) => s.level === level && s.index === index && s.section.key === sectionKey);
    const missing = unansweredHere(definition, record, step);
    if (missing.length) {
      app.notice = T("Not answered yet in “%(section)s”: %(questions)s. You can come back to them before submitting.",
        { section: stepTitle(definition, step), questions: missing.join("; ") });
    }
    go(here >= 0 && here + 1 < next.length ? stepHash(record, next[here + 1]) : "#/c/" + record.uuid);
  });

  const crumbs = fresh ? h("nav", { class: "crumbs" }, h("a", { href: app.urls.app + "#/", text: T("← Checklists on this phone") }))
    : h("nav", { class: "crumbs" }, position > 0 ? h("a", { href: stepHash(record, steps[position - 1]), text: T("← Back") }) : h("span"),
      h("a", { href: "#/c/" + record.uuid, text: T("All sections") }));
  const total = plannedStepCount(definition, record);
  const startHere = fresh ? startFields(record, start, () => save([]), takeOver) : { nodes: [], check: () => true };
  courtChosen = startHere.check;
  if (takeOver) {
    app.root.prepend(connectionBanner());
    app.root.querySelector("h1").after(announce);
    const progress = app.root.querySelector(".progress-row span");
    if (progress) progress.textContent = T("Step %(number)s of %(total)s", { number: 1, total });
  } else {
    render([crumbs, h("div", { class: "progress-row" },
      h("progress", { max: total, value: position + 1 }), h("span", { "data-progress": true, text: T("Step %(number)s of %(total)s", { number: position + 1, total }) })),
      h("h1", { text: stepTitle(definition, step) }), announce, saved, summary, startHere.nodes, form]);
  }
  if (takeOver) changed(null, true);
  refresh(record.sync.state === "invalid" || (takeOver && !summary.hidden));
  if (app.focus) {
    const target = form.querySelector(`[data-item="${app.focus}"]`);
    app.focus = null;
    if (target) {
      target.scrollIntoView({ block: "center" });
      const input = target.querySelector("input, select, textarea");
      if (input) input.focus({ preventScroll: true });
    }
  }
}
