/* The offline checklist app at /app: start, fill and submit checklists with or without a
   connection. Every change is written to the phone (IndexedDB) as the monitor answers; the outbox
   (sync.js) sends drafts and submitted checklists whenever there is a connection. Screens are
   chosen by the address after "#": #/ (outbox), #/new, #/c/<uuid> and its sections.
   /app/new is the start screen too: from the network it arrives drawn by the server, with the
   first section's questions and what the app needs to take them over (monitor/filing/first_screen.py). */
(function () {
  "use strict";
  var R = window.CourtMonitorRules, V = window.CourtMonitorViews, S = window.CourtMonitorSync, h = V.h;
  var Texts = window.CourtMonitorTexts, T = Texts.t;
  var root = document.getElementById("app");
  if (!root || !window.indexedDB) return;
  var USER_KEY = "court-monitor-user";
  var urls = {
    app: root.dataset.appUrl, start: root.dataset.newUrl,
    session: root.dataset.sessionUrl, checklists: root.dataset.checklistsUrl, courts: root.dataset.courtsUrl,
    submissions: root.dataset.submissionsUrl, login: root.dataset.loginUrl, serverList: root.dataset.serverListUrl,
    textsUrl: root.dataset.textsUrl
  };
  var api = new S.Api(urls);
  var app = { user: null, store: null, outbox: null, definitions: {}, current: [], courts: [], notice: null };
  /* The language: a ?lang= choice, else the account's, else the page's. */
  var pageLanguage = root.dataset.language || "en";
  var requested = new URLSearchParams(location.search).get("lang");
  var language = requested || pageLanguage;
  var current = JSON.parse(root.dataset.current || "[]");
  Texts.use(JSON.parse(root.dataset.texts || "{}"));
  var draftTimer = null;
  /* A start screen drawn by the server: its form, who is signed in, the courts and the definition. */
  var served = root.hasAttribute("data-first-screen") ? {
    user: JSON.parse(root.dataset.user), csrf: root.dataset.csrf, courts: JSON.parse(root.dataset.courts),
    definition: JSON.parse(root.querySelector("script[data-definition]").textContent), form: document.getElementById("section-form")
  } : null;
  if (location.pathname === urls.start) history.replaceState(null, "", urls.app + "#/new");

  function today() {
    var now = new Date();
    return new Date(now.getTime() - now.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
  }

  function newUuid() {
    if (window.crypto.randomUUID) return window.crypto.randomUUID();
    var bytes = window.crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.from(bytes, function (b) { return (b + 0x100).toString(16).slice(1); }).join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
  }

  function getJSON(url) {
    return api.request("GET", url).then(function (answer) {
      if (answer.status !== 200) throw new Error(String(answer.status));
      return answer.body;
    });
  }

  /* ---- Loading what the app needs: network (through the service worker's cache), else the phone. */

  function definitionUrl(key, version, lang) {
    return urls.checklists + "/" + key + "?" + (version ? "version=" + version + "&" : "") + "lang=" + lang;
  }

  /* The current definitions (listed in the page) and the courts, asked for all at once and while
     the session is being checked: on a slow link each round trip costs about half a second. */
  function fetchReferenceData(lang) {
    var definitions = current.map(function (pair) { return getJSON(definitionUrl(pair[0], null, lang)); });
    return Promise.all([getJSON(urls.courts)].concat(definitions)).catch(function () { return null; /* offline */ });
  }

  function loadReferenceData(fetched) {
    var store = app.store;
    return fetched.then(function (answers) {
      if (!answers) return null;
      return Promise.all(answers.slice(1).map(function (d) { return store.putDefinition(d); }).concat([
        store.putMeta("current", current), store.putMeta("courts", answers[0])]));
    }).then(function () {
      return Promise.all([store.getMeta("current"), store.getMeta("courts")]);
    }).then(function (kept) {
      app.courts = kept[1] || [];
      return Promise.all((kept[0] || []).map(function (pair) { return definitionFor(pair[0], pair[1]); }));
    }).then(function (definitions) {
      app.current = definitions.filter(Boolean);
    });
  }

  function definitionFor(key, version) {
    var id = key + "@" + version + "@" + language;
    if (app.definitions[id]) return Promise.resolve(app.definitions[id]);
    return app.store.getDefinition(key, version, language).then(function (definition) {
      return definition || getJSON(definitionUrl(key, version, language)).then(function (fetched) {
        return app.store.putDefinition(fetched).then(function () { return fetched; });
      }).catch(function () { return null; });
    }).then(function (definition) {
      if (definition) app.definitions[id] = definition;
      return definition;
    });
  }

  function courtName(key) {
    var court = app.courts.find(function (c) { return c.key === key; });
    return court ? court.name : key;
  }

  /* ---- Saving: every change goes to the phone at once and marks the checklist for sending. */

  function touch(record) {
    record.rev += 1;
    record.updated_at = new Date().toISOString();
    if (record.sync.state !== "conflict" && record.sync.state !== "invalid") {
      record.sync.state = "pending";
      record.sync.next_try = null;
    }
    return app.store.save(record);
  }

  function sendDraftsSoon() {
    clearTimeout(draftTimer);
    draftTimer = setTimeout(function () { app.outbox.run(true); }, 3000);
  }

  /* ---- Words for the monitor. */

  function statusText(record) {
    var sync = record.sync;
    if (sync.state === "conflict") return T("Changed on the server: your copy is kept. Open it to choose what to do.");
    if (sync.state === "invalid") return T("Needs correcting: open it to see what to change.");
    if (sync.state === "error") return T("Could not send: %(reason)s. Will try again.", { reason: sync.message || T("no connection") });
    if (record.status === "draft") {
      return T(sync.state === "sent" ? "Draft · also saved on the server" : "Draft · saved on this phone, will send when online");
    }
    return T(sync.state === "sent" ? "Sent" : "Saved on this phone, will send when online");
  }

  function groupOf(record) {
    if (record.sync.state === "conflict" || record.sync.state === "invalid") return "attention";
    if (record.status === "draft") return "drafts";
    return record.sync.state === "sent" ? "sent" : "waiting";
  }

  function describePath(record, definition, path) {
    var document = { hearing: record.hearing, accused: record.accused };
    var step = R.steps(definition, document).find(function (s) { return R.owns(s, path); });
    if (!step) return path === "accused" ? T("Accused") : path === "court" ? T("Court") : path;
    var key = path.slice(path.lastIndexOf(".") + 1);
    var item = step.section.items.find(function (i) { return i.key === key; });
    return stepTitle(definition, step) + ": " + R.translate(item.label, language);
  }

  function stepTitle(definition, step) {
    var title = R.translate(step.section.title, language);
    if (step.level === "hearing") return title;
    return R.translate(R.blockOf(definition, step.level).title, language) + " " + (step.index + 1) + ": " + title;
  }

  function stepHash(record, step) {
    var base = "#/c/" + record.uuid + "/" + step.level;
    return base + (step.level === "hearing" ? "" : "/" + (step.index + 1)) + "/" + step.section.key;
  }

  /* ---- Screens. */

  function render(children) {
    var nodes = [connectionBanner()].concat(children).flat(3).filter(function (node) { return node !== null && node !== undefined && node !== false; });
    root.replaceChildren.apply(root, nodes);
    window.scrollTo(0, 0);
  }

  function connectionBanner() {
    return h("p", { class: "connection", "data-connection": navigator.onLine ? "online" : "offline", hidden: navigator.onLine,
      text: T("No connection. Keep working: everything is saved on this phone.") });
  }

  function card(record) {
    var hearingDate = record.hearing.hearing_date || T("no date");
    return h("li", { "data-uuid": record.uuid, "data-state": record.sync.state, "data-status": record.status },
      h("a", { href: "#/c/" + record.uuid },
        h("strong", { text: courtName(record.court) }),
        h("span", { text: hearingDate + " · " + T("%(count)s accused", { count: record.accused.length }) }),
        h("span", { class: "sync-status", text: statusText(record) })));
  }

  function outboxSummary() {
    var waiting = app.store.all().filter(function (r) { return r.sync.state !== "sent"; }).length;
    var lastSent = app.lastSent ? new Date(app.lastSent).toLocaleString() : null;
    return h("div", { class: "outbox-summary", "data-outbox": waiting },
      h("p", { text: waiting ? T("%(count)s checklist(s) on this phone not yet on the server.", { count: waiting }) : T("Everything on this phone is on the server.") }),
      h("p", { class: "muted", "data-last-sent": app.lastSent || "", text: lastSent ? T("Last sent: %(when)s", { when: lastSent }) : T("Nothing sent from this phone yet.") }),
      app.outbox.blocked ? h("p", { class: "error-summary" }, T("Sign in again to send your checklists.") + " ", h("a", { href: urls.login, text: T("Sign in") })) : null,
      waiting && navigator.onLine ? h("button", { type: "button", class: "button secondary", "data-send-now": true, text: T("Send now"),
        onclick: function () { app.outbox.run(true); } }) : null);
  }

  function homeScreen() {
    var groups = { attention: [], waiting: [], drafts: [], sent: [] };
    app.store.all().forEach(function (record) { groups[groupOf(record)].push(record); });
    var titles = { attention: T("Needs your attention"), waiting: T("Waiting to send"), drafts: T("Drafts"), sent: T("Sent") };
    var lists = Object.keys(groups).filter(function (g) { return groups[g].length; }).map(function (g) {
      return [h("h2", { text: titles[g] }), h("ul", { class: "cards", "data-group": g }, groups[g].slice(0, g === "sent" ? 30 : undefined).map(card))];
    });
    render([
      h("h1", { text: T("Checklists on this phone") }),
      app.notice ? h("p", { class: "flash", role: "status", text: app.notice }) : null,
      outboxSummary(),
      h("p", {}, h("a", { class: "button", href: "#/new", text: T("Start a checklist") })),
      lists.length ? lists : h("p", { class: "muted", text: T("No checklists on this phone yet.") }),
      h("p", {}, h("a", { href: urls.serverList, text: T("All my checklists on the server") }))
    ]);
    app.notice = null;
  }

  /* A new checklist opens on its first section, with the court above it. It is kept on the phone,
     with its uuid, from the first answer; a screen left untouched leaves nothing behind. */
  function startScreen(choice) {
    if (!app.current.length || !app.courts.length) {
      return render([h("h1", { text: T("Start a checklist") }),
        h("p", { class: "error-summary", text: T("This phone has not got the checklist yet. Open this page once with a connection.") })]);
    }
    var definition = app.current[choice || 0];
    var record = {
      uuid: null, checklist: definition.key, version: definition.version, court: app.courts[0].key, status: "draft",
      hearing: { hearing_date: today() }, accused: [], started_at: null, updated_at: null, rev: 0,
      sync: { state: "pending", sent_rev: 0, errors: {}, attempts: 0 }, server_copy: null
    };
    R.normalise(definition, record);
    var step = R.steps(definition, record)[0];
    sectionScreen(record, definition, step.level, step.index, step.section.key, choice || 0);
  }

  /* The start screen's own fields: the checklist (when there are several) and the court. */
  function startFields(record, choice, save, drawn) {
    drawn = drawn && root.querySelector("[data-court]");
    var court = drawn ? drawn.querySelector("select") : h("select", { id: "court" }, app.courts.map(function (c) {
      return h("option", { value: c.key, text: c.name });
    }));
    record.court = court.value;
    court.addEventListener("change", function () { record.court = court.value; save(); });
    var fields = drawn ? [] : [h("div", { class: "field", "data-court": true }, h("label", { for: "court", text: T("Court") }), court)];
    if (app.current.length > 1) {
      var which = h("select", { id: "new-checklist", onchange: function () { startScreen(Number(which.value)); } }, app.current.map(function (d, i) {
        return h("option", { value: i, text: R.translate(d.title, language), selected: i === choice });
      }));
      fields.unshift(h("div", { class: "field" }, h("label", { for: "new-checklist", text: T("Checklist") }), which));
    }
    if (drawn) drawn.before.apply(drawn, fields);
    return fields;
  }

  /* The phone keeps the new checklist from now on, under an address that reopens it. */
  function begin(record, definition) {
    var now = new Date().toISOString();
    Object.assign(record, { uuid: newUuid(), started_at: now, updated_at: now, rev: 1 });
    history.replaceState(null, "", urls.app + stepHash(record, R.steps(definition, record)[0]));
    return app.store.save(record);
  }

  /* The server's fields for the start screen, made ready for the rules below: the date of today on
     this phone, and an empty error line in each field. */
  function servedFields(section) {
    var form = served.form;
    form.querySelectorAll("input[type=date][value]").forEach(function (input) {
      if (input.value === input.defaultValue && input.name === "hearing_date") input.value = today();
    });
    return section.items.map(function (item) {
      var wrapper = form.querySelector('[data-item="' + item.key + '"]');
      if (item.not_in_future) wrapper.querySelector("input").max = today();
      if (!wrapper.querySelector(".error")) wrapper.append(h("p", { class: "error", role: "alert", hidden: true }));
      if (item.compute && !wrapper.querySelector("[data-compute-hint]")) wrapper.append(h("p", { class: "hint", "data-compute-hint": true }));
      return wrapper;
    });
  }

  function problemList(record, definition, problems) {
    return h("ul", {}, Object.keys(problems).map(function (path) {
      var message = path === "court" ? T("This court is no longer on the list. Choose the court again above.") : V.plainProblem(problems[path]);
      return h("li", { "data-path": path, text: describePath(record, definition, path) + " — " + message });
    }));
  }

  function conflictBox(record, definition) {
    var server = record.server_copy;
    return h("div", { class: "error-summary", role: "alert", "data-conflict": true },
      h("p", { text: T("This checklist was changed on the server. Your copy is kept on this phone; nothing has been overwritten.") }),
      h("p", { text: T(server ? "Choose what to do:" : "The server has a different checklist with this number. Keep your answers as a new checklist:") }),
      h("div", { class: "actions-inline" },
        h("button", { type: "button", class: "button", text: T("Keep my answers as a new checklist"), onclick: function () { keepAsNew(record); } }),
        server ? h("button", { type: "button", class: "button secondary", text: T("Use the server's version"), onclick: function () {
          if (window.confirm(T("Replace your copy on this phone with the server's version?"))) useServerCopy(record);
        } }) : null));
  }

  function keepAsNew(record) {
    var copy = JSON.parse(JSON.stringify(record));
    var now = new Date().toISOString();
    Object.assign(copy, { uuid: newUuid(), status: "draft", started_at: now, rev: 1, server_copy: null,
      sync: { state: "pending", sent_rev: 0, errors: {}, attempts: 0 } });
    var original = record.server_copy ? useServerCopy(record, true) : app.store.remove(record.uuid);
    Promise.all([app.store.save(copy), original]).then(function () {
      app.notice = T("Your answers are kept as a new checklist (draft). Check them and submit it again.");
      location.hash = "#/c/" + copy.uuid;
      sendDraftsSoon();
    });
  }

  function useServerCopy(record, quiet) {
    var server = record.server_copy;
    Object.assign(record, { status: server.status, court: server.court, hearing: server.hearing, accused: server.accused, server_copy: null });
    record.sync = { state: "sent", sent_rev: record.rev, errors: {}, attempts: 0 };
    return app.store.save(record).then(function () { if (!quiet) route(); });
  }

  function overviewScreen(record, definition) {
    R.normalise(definition, record);  // a stale annex from an older copy is dropped before showing it
    var document = record, steps = R.steps(definition, document);
    var editable = record.status === "draft" && record.sync.state !== "conflict";
    var problems = R.validate(definition, document, true, today(), language);
    var serverErrors = record.sync.state === "invalid" ? record.sync.errors : {};
    var rows = steps.map(function (step) {
      var here = R.blockAnswers(document, step.level, step.index);
      var started = step.section.items.some(function (item) { return R.isAnswered(here[item.key]); });
      var missing = Object.keys(problems).concat(Object.keys(serverErrors)).filter(function (path) { return R.owns(step, path); }).length;
      var status = missing ? "missing" : started ? "done" : "empty";
      var title = stepTitle(definition, step);
      return h("li", { class: "step step-" + status },
        editable ? h("a", { href: stepHash(record, step), text: title }) : h("span", { text: title }),
        h("span", { class: "badge", text: missing ? T("%(count)s to complete", { count: missing }) : T(started ? "done" : "not started") }));
    });
    render([
      h("nav", { class: "crumbs" }, h("a", { href: "#/", text: T("← Checklists on this phone") })),
      h("h1", { text: courtName(record.court) }),
      h("p", { class: "muted" }, (record.hearing.hearing_date || "") + " · ", h("span", { class: "sync-status", "data-state": record.sync.state, text: statusText(record) })),
      app.notice ? h("p", { class: "flash", role: "status", text: app.notice }) : null,
      record.sync.state === "conflict" ? conflictBox(record, definition) : null,
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

  function courtChooser(record) {
    var select = h("select", { id: "court", onchange: function () {
      record.court = select.value;
      delete record.sync.errors.court;
      touch(record).then(function () { sendDraftsSoon(); route(); });
    } }, app.courts.map(function (c) { return h("option", { value: c.key, text: c.name, selected: c.key === record.court }); }));
    if (!app.courts.some(function (c) { return c.key === record.court; })) select.prepend(h("option", { value: "", text: "—", selected: true }));
    return h("div", { class: "field" }, h("label", { for: "court", text: T("Court") }), select);
  }

  function accusedPart(record, definition) {
    var list = record.accused.map(function (accused, index) {
      return h("li", {}, h("span", { text: T(accused[R.ANNEX] ? "Accused %(number)s · juvenile" : "Accused %(number)s", { number: index + 1 }) }),
        h("button", { type: "button", class: "link danger", text: T("Remove"), onclick: function () {
          if (!window.confirm(T("Remove accused %(number)s and all their answers?", { number: index + 1 }))) return;
          record.accused.splice(index, 1);
          touch(record).then(function () { sendDraftsSoon(); route(); });
        } }));
    });
    return [
      h("h2", { text: T("Accused") }),
      h("ul", { class: "accused-list" }, list.length ? list : h("li", { class: "muted", text: T("No accused yet.") })),
      record.accused.length < definition.accused.max ? h("button", { type: "button", class: "button secondary", text: T("Add an accused"), onclick: function () {
        record.accused.push({});
        touch(record).then(function () {
          location.hash = "#/c/" + record.uuid + "/accused/" + record.accused.length + "/" + definition.accused.sections[0].key;
        });
      } }) : null,
      h("div", { class: "submit-form" }, h("button", { type: "button", class: "button", "data-submit": true, text: T("Submit checklist"), onclick: function () {
        submitChecklist(record, definition);
      } }))
    ];
  }

  function submitChecklist(record, definition) {
    R.normalise(definition, record);
    if (Object.keys(R.validate(definition, record, true, today(), language)).length) {
      app.showProblems = true;
      return overviewScreen(record, definition);
    }
    record.status = "submitted";
    record.sync.errors = {};
    record.sync.state = "pending";
    touch(record).then(function () {
      app.notice = T(navigator.onLine ? "Checklist submitted. Sending it now." : "Checklist submitted. Saved on this phone, will send when online.");
      location.hash = "#/";
      app.outbox.run(true);
    });
  }

  function answersPart(record, definition) {
    var blocks = [["hearing", record.hearing, ""]];
    record.accused.forEach(function (accused, i) {
      blocks.push(["accused", accused, " " + (i + 1)]);
      if (accused[R.ANNEX]) blocks.push(["juvenile", accused[R.ANNEX], " " + (i + 1)]);
    });
    return [h("h2", { text: T("Answers") })].concat(blocks.map(function (entry) {
      var block = R.blockOf(definition, entry[0]), answers = entry[1], rows = [];
      block.sections.forEach(function (section) {
        section.items.forEach(function (item) {
          if (item.key in answers) rows.push(h("dt", { text: R.translate(item.label, language) }), h("dd", { text: V.answerText(item, answers[item.key], language) }));
        });
      });
      return h("section", { class: "answers" }, h("h3", { text: R.translate(block.title, language) + entry[2] }), h("dl", {}, rows));
    }));
  }

  /* One section as a form. `start` (the chosen checklist) marks a new checklist's first section,
     not yet kept on the phone; when the server drew it, its form is taken over as it stands. */
  function sectionScreen(record, definition, level, index, sectionKey, start) {
    var fresh = start !== undefined;
    var steps = R.steps(definition, record);
    var position = steps.findIndex(function (s) { return s.level === level && s.index === index && s.section.key === sectionKey; });
    if (!fresh && (position < 0 || record.status !== "draft" || record.sync.state === "conflict")) {
      location.replace("#/c/" + record.uuid);
      return;
    }
    var step = steps[position], section = step.section, day = today();
    var block = R.blockAnswers(record, level, index);
    var takeOver = fresh && served && language === pageLanguage && served.definition.key === definition.key
      && served.definition.version === definition.version;
    var wrappers = takeOver ? servedFields(section) : section.items.map(function (item) { return V.field(item, language, block[item.key], day); });
    var form = takeOver ? document.getElementById("section-form") : h("form", { id: "section-form", novalidate: true }, wrappers,
      h("div", { class: "actions" }, h("button", { type: "submit", class: "button", value: "next", text: T("Save and continue") })));
    var saved = takeOver ? root.querySelector("[data-save-state]") : h("p", { class: "hint", "data-save-state": true, role: "status", hidden: fresh, text: statusText(record) });
    var summary = takeOver ? root.querySelector(".error-summary") : h("p", { class: "error-summary", role: "alert", hidden: true,
      text: T("Please correct the answers marked below. Nothing you typed has been lost.") });
    served = null;

    /* Every change is kept on the phone; the first one of a new checklist starts it. */
    function save() {
      var kept = record.uuid ? touch(record) : begin(record, definition);
      return kept.then(function () { saved.textContent = statusText(record); saved.hidden = false; sendDraftsSoon(); });
    }

    function problemsHere() {
      var problems = R.validate(definition, record, false, day, language);
      var server = record.sync.state === "invalid" ? record.sync.errors : {};
      var mine = {};
      Object.keys(server).concat(Object.keys(problems)).forEach(function (path) {
        if (R.owns(step, path)) mine[path.slice(path.lastIndexOf(".") + 1)] = problems[path] || server[path];
      });
      return mine;
    }

    function refresh(showProblems) {
      var scope = R.scopeOf(record, level, index);
      var problems = problemsHere();
      section.items.forEach(function (item, i) {
        var wrapper = wrappers[i], shown = R.isShownInSection(section, item, scope);
        wrapper.hidden = !shown;
        wrapper.querySelectorAll("input, select").forEach(function (input) { input.disabled = !shown; });
        if (item.compute) {
          var input = wrapper.querySelector("input"), value = R.computedValue(item, scope);
          if (value !== null) { input.value = value; input.readOnly = true; }
          else if (input.readOnly) { input.readOnly = false; input.value = ""; }
          wrapper.querySelector("[data-compute-hint]").textContent = T(value !== null ? "Worked out from the dates you entered."
            : "Filled in automatically when both dates are known; otherwise enter it.");
        }
        if (showProblems || wrapper.classList.contains("has-error")) V.showError(wrapper, problems[item.key] && V.plainProblem(problems[item.key]));
      });
      if (!Object.keys(problems).length) summary.hidden = true;
      return problems;
    }

    /* `unsaved`: only read the answers (those typed before the script took the form over are kept
       with the next change or tap, never while a plain form post may be on its way). */
    function changed(event, unsaved) {
      var before = JSON.stringify([record.hearing, record.accused]);
      section.items.forEach(function (item, i) {
        var value = V.readField(wrappers[i], item);
        if (value === null) delete block[item.key];
        else block[item.key] = value;
      });
      R.normalise(definition, record);
      block = R.blockAnswers(record, level, index);
      var target = event && event.target.closest("[data-item]");
      if (target) {
        V.showError(target, null);
        delete record.sync.errors[step.prefix + "." + target.dataset.item];
      }
      refresh(false);
      if (target) {
        var problem = problemsHere()[target.dataset.item];
        if (problem && event.type === "change") V.showError(target, V.plainProblem(problem));
      }
      if (unsaved || JSON.stringify([record.hearing, record.accused]) === before) return;
      save();
    }

    form.addEventListener("change", changed);
    form.addEventListener("input", function (event) { if (event.target.type !== "radio" && event.target.type !== "checkbox") changed(event); });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      changed();
      if (Object.keys(refresh(true)).length) {
        summary.hidden = false;
        summary.scrollIntoView();
        return;
      }
      (record.uuid ? Promise.resolve() : save()).then(function () {
        var next = R.steps(definition, record);
        var here = next.findIndex(function (s) { return s.level === level && s.index === index && s.section.key === sectionKey; });
        go(here >= 0 && here + 1 < next.length ? stepHash(record, next[here + 1]) : "#/c/" + record.uuid);
      });
    });

    var crumbs = fresh ? h("nav", { class: "crumbs" }, h("a", { href: urls.app + "#/", text: T("← Checklists on this phone") }))
      : h("nav", { class: "crumbs" }, position > 0 ? h("a", { href: stepHash(record, steps[position - 1]), text: T("← Back") }) : h("span"),
        h("a", { href: "#/c/" + record.uuid, text: T("All sections") }));
    var startHere = fresh ? startFields(record, start, save, takeOver) : [];
    if (takeOver) {
      root.prepend(connectionBanner());
    } else {
      render([crumbs, h("div", { class: "progress-row" },
        h("progress", { max: steps.length, value: position + 1 }), h("span", { text: T("Step %(number)s of %(total)s", { number: position + 1, total: steps.length }) })),
        h("h1", { text: stepTitle(definition, step) }), saved, summary, startHere, form]);
    }
    if (takeOver) changed(null, true);
    refresh(record.sync.state === "invalid" || (takeOver && !summary.hidden));
  }

  /* ---- Routing. */

  /* Show the next screen at once, in the same task as the tap (no wait for "hashchange"). */
  function go(hash) {
    history.pushState(null, "", hash);
    route();
  }

  function route() {
    var parts = location.hash.replace(/^#\/?/, "").split("/").filter(Boolean);
    if (parts[0] === "new") return startScreen(0);
    if (parts[0] !== "c") return homeScreen();
    var record = app.store.get(parts[1]);
    if (!record) return homeScreen();
    definitionFor(record.checklist, record.version).then(function (definition) {
      if (!definition) {
        return render([h("p", { class: "error-summary", text: T("This checklist's questions are not on this phone yet. Open it again with a connection.") })]);
      }
      if (parts.length === 2) return overviewScreen(record, definition);
      if (parts[2] === "hearing") return sectionScreen(record, definition, "hearing", null, parts[3]);
      return sectionScreen(record, definition, parts[2], Number(parts[3]) - 1, parts[4]);
    });
  }

  /* Outbox progress: refresh the list, or just the status line while the monitor is answering. */
  function outboxChanged() {
    app.store.getMeta("last_sent").then(function (value) {
      app.lastSent = value;
      var parts = location.hash.replace(/^#\/?/, "").split("/").filter(Boolean);
      if (!parts.length) homeScreen();
      else if (parts[0] === "c" && parts.length === 2) route();
      else {
        var record = parts[0] === "c" && app.store.get(parts[1]), line = root.querySelector("[data-save-state]");
        if (record && line) line.textContent = statusText(record);
      }
    });
  }

  /* ---- Start: who is signed in decides whose checklists this phone shows. */

  function signedInUser() {
    if (served) {  // the page came from the server just now, for this user
      api.csrf = served.csrf;
      localStorage.setItem(USER_KEY, JSON.stringify(served.user));
      return Promise.resolve(served.user);
    }
    if (!navigator.onLine) return Promise.resolve(remembered);
    return api.session().then(function (user) {
      if (user) localStorage.setItem(USER_KEY, JSON.stringify(user));
      else localStorage.removeItem(USER_KEY);
      return user;
    }, function () { return remembered; });
  }

  function showAccount(user) {
    var form = document.querySelector("form[data-logout]");
    if (!form) return;
    form.dataset.userId = user.id;
    form.querySelector("[data-who]").textContent = user.display_name;
    if (api.csrf) form.querySelector("input[name=csrf_token]").value = api.csrf;
    form.hidden = false;
  }

  /* A page kept from before a language switch: take the words of the monitor's language and show
     the top bar in it too (its language links stay on this page). */
  function useLanguage(wanted) {
    var ready = wanted === pageLanguage ? Promise.resolve() : getJSON(urls.textsUrl.replace("LANG", wanted)).then(Texts.use);
    return ready.then(function () {
      language = wanted;
      document.documentElement.lang = wanted;
      document.title = T("Checklists on this phone") + " · " + T("Court Monitor");
      var signOut = document.querySelector("form[data-logout] button");
      if (signOut) signOut.textContent = T("Sign out");
      document.querySelectorAll("nav.languages [lang]").forEach(function (link) {
        var here = link.getAttribute("lang") === wanted;
        var replacement = here ? h("span", { lang: link.getAttribute("lang"), "aria-current": "true", text: link.textContent })
          : h("a", { lang: link.getAttribute("lang"), hreflang: link.getAttribute("lang"), href: location.pathname + "?lang=" + link.getAttribute("lang"), text: link.textContent });
        link.replaceWith(replacement);
      });
    }, function () { /* no words for that language on this phone: stay in the page's */ });
  }

  var remembered = null;
  try { remembered = JSON.parse(localStorage.getItem(USER_KEY)); } catch (ignored) { /* none */ }
  var guess = requested || (served ? served.user.language : remembered && remembered.language) || pageLanguage;
  /* The start screen drawn by the server carries the definition in its language: no request. */
  var early = served && guess === pageLanguage ? Promise.resolve([served.courts, served.definition]) : fetchReferenceData(guess);

  signedInUser().then(function (user) {
    if (!user) {
      if (navigator.onLine) { location.href = urls.login; return; }
      return render([h("h1", { text: T("Signed out") }), h("p", { text: T("Sign in when you have a connection to see your checklists.") })]);
    }
    app.user = user;
    var wanted = requested || user.language || pageLanguage;
    if (requested && user.language !== requested) {  // chosen here while offline: remember it on this phone
      user.language = requested;
      localStorage.setItem(USER_KEY, JSON.stringify(user));
    }
    showAccount(user);
    return Promise.all([useLanguage(wanted), window.CourtMonitorStore.open(user.id)]).then(function (both) {
      var store = both[1];
      app.store = store;
      store.countUnsent();
      app.outbox = new S.Outbox(store, api, outboxChanged);
      return Promise.all([loadReferenceData(language === guess ? early : fetchReferenceData(language)), store.getMeta("last_sent")]);
    }).then(function (loaded) {
      app.lastSent = loaded[1];
      window.addEventListener("hashchange", route);
      var connection = function () {
        var banner = root.querySelector("[data-connection]");
        if (banner) { banner.hidden = navigator.onLine; banner.dataset.connection = navigator.onLine ? "online" : "offline"; }
        if (navigator.onLine) app.outbox.run(true);
      };
      window.addEventListener("online", connection);
      window.addEventListener("offline", connection);
      setInterval(function () { app.outbox.run(false); }, 15000);
      route();
      root.dataset.ready = "true";
      document.dispatchEvent(new CustomEvent("court-monitor:ready"));
      app.outbox.run(true);
    });
  });
})();
