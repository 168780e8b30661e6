/* The offline checklist app at /app: start, fill and submit checklists with or without a
   connection. Every change is written to the phone (IndexedDB) as the monitor answers; the outbox
   (sync.js) sends drafts and submitted checklists whenever there is a connection. Screens are
   chosen by the address after "#": #/ (outbox), #/new, #/c/<uuid> and its sections.
   /app/new is the start screen too: from the network it arrives drawn by the server, with the
   first section's questions and what the app needs to take them over (monitor/filing/first_screen.py).
   This is the entry module: the server joins it and its imports into one script
   (monitor/filing/script_bundle.py). */
import { h } from "./dom.js";
import { homeScreen } from "./home.js";
import { overviewScreen } from "./overview.js";
import { definitionFor, fetchReferenceData, getJSON, loadReferenceData } from "./reference.js";
import { sectionScreen, startScreen } from "./section_screen.js";
import { app, render, statusText } from "./state.js";
import { openStore } from "./store.js";
import { Outbox } from "./sync.js";
import { t as T, useWords } from "./texts.js";

const USER_KEY = "court-monitor-user";
const root = app.root;

function hashParts() {
  return location.hash.replace(/^#\/?/, "").split("/").filter(Boolean);
}

function route() {
  app.saving.then(draw, draw);
}

function draw() {
  const parts = hashParts();
  if (parts[0] === "new") return startScreen(0);
  if (parts[0] !== "c") return homeScreen();
  const record = app.store.get(parts[1]);
  if (!record) return homeScreen();
  definitionFor(record.checklist, record.version).then((definition) => {
    if (!definition) {
      return render([h("p", { class: "error-summary", text: T("This checklist's questions are not on this phone yet. Open it again with a connection.") })]);
    }
    if (parts.length === 2) return overviewScreen(record, definition);
    if (parts[2] === "hearing") return sectionScreen(record, definition, "hearing", null, parts[3]);
    return sectionScreen(record, definition, parts[2], Number(parts[3]) - 1, parts[4]);
  });
}

/* Outbox progress: refresh the list, or just the status line while the monitor is answering. */
async function outboxChanged() {
  app.lastSent = await app.store.getMeta("last_sent");
  checkMissing();
  const parts = hashParts();
  if (!parts.length) homeScreen();
  else if (parts[0] === "c" && parts.length === 2) route();
  else {
    const record = parts[0] === "c" && app.store.get(parts[1]), line = root.querySelector("[data-save-state]");
    if (record && line) line.textContent = statusText(record);
  }
}

/* Checklists that were waiting to be sent but are gone from IndexedDB: those the server has are
   safe; the others are lost, and the monitor is told (home.js). */
function checkMissing() {
  const onServer = app.outbox && app.outbox.onServer;
  if (!onServer) {
    app.lost = app.store.missing;
    return;
  }
  app.store.forgetMissing(app.store.missing.filter((uuid) => onServer.has(uuid)));
  app.lost = app.store.missing;
}

/* Another tab changed a checklist: show this screen again with the latest answers, unless the
   monitor is typing in it (their next change is saved on top of the other tab's). */
function otherTabChanged(uuid) {
  const parts = hashParts();
  if (!parts.length) return homeScreen();
  if (parts[0] === "c" && parts[1] === uuid && parts.length === 2) route();
}

/* Ask the browser to keep this phone's storage even when space runs short, and remember its answer. */
async function askForPersistence() {
  if (!navigator.storage || !navigator.storage.persist) return;
  try {
    app.persisted = (await navigator.storage.persisted()) || (await navigator.storage.persist());
  } catch (refused) {
    app.persisted = false;
  }
}

function storageUnavailable() {
  render([h("h1", { text: T("This phone cannot keep checklists") }),
    h("div", { class: "error-summary", role: "alert", "data-storage-unavailable": true },
      h("p", { text: T("The browser's storage cannot be opened (private browsing, storage turned off, or the phone is full), so this app cannot keep your answers.") }),
      h("p", {}, T("Use the pages that save on the server instead, while you have a connection:") + " ",
        h("a", { href: app.urls.serverList, text: T("All my checklists on the server") })))]);
  root.dataset.ready = "true";
}

/* ---- Start: who is signed in decides whose checklists this phone shows. */

function signedInUser(remembered) {
  const served = app.served;
  if (served) {  // the page came from the server just now, for this user
    app.api.csrf = served.csrf;
    localStorage.setItem(USER_KEY, JSON.stringify(served.user));
    return Promise.resolve(served.user);
  }
  if (!navigator.onLine) return Promise.resolve(remembered);
  return app.api.session().then((user) => {
    if (user) localStorage.setItem(USER_KEY, JSON.stringify(user));
    else localStorage.removeItem(USER_KEY);
    return user;
  }, () => remembered);
}

function showAccount(user) {
  const form = document.querySelector("form[data-logout]");
  if (!form) return;
  form.dataset.userId = user.id;
  form.querySelector("[data-who]").textContent = user.display_name;
  if (app.api.csrf) form.querySelector("input[name=csrf_token]").value = app.api.csrf;
  form.hidden = false;
}

/* A page kept from before a language switch: take the words of the monitor's language and show
   the top bar in it too (its language links stay on this page). */
async function useLanguage(wanted) {
  try {
    if (wanted !== app.pageLanguage) useWords(await getJSON(app.urls.textsUrl.replace("LANG", wanted)), wanted);
  } catch (offline) {
    return;  // no words for that language on this phone: stay in the page's
  }
  app.language = wanted;
  document.documentElement.lang = wanted;
  document.title = T("Checklists on this phone") + " · " + T("Court Monitor");
  const signOut = document.querySelector("form[data-logout] button");
  if (signOut) signOut.textContent = T("Sign out");
  document.querySelectorAll("nav.languages [lang]").forEach((link) => {
    const code = link.getAttribute("lang");
    const replacement = code === wanted ? h("span", { lang: code, "aria-current": "true", text: link.textContent })
      : h("a", { lang: code, hreflang: code, href: location.pathname + "?lang=" + code, text: link.textContent });
    link.replaceWith(replacement);
  });
}

async function start() {
  const requested = new URLSearchParams(location.search).get("lang");
  const current = JSON.parse(root.dataset.current || "[]");
  useWords(JSON.parse(root.dataset.texts || "{}"), app.pageLanguage);
  /* A start screen drawn by the server: its form, who is signed in, the courts and the definition. */
  app.served = root.hasAttribute("data-first-screen") ? {
    user: JSON.parse(root.dataset.user), csrf: root.dataset.csrf, courts: JSON.parse(root.dataset.courts),
    definition: JSON.parse(root.querySelector("script[data-definition]").textContent), form: document.getElementById("section-form")
  } : null;
  if (location.pathname === app.urls.start) history.replaceState(null, "", app.urls.app + "#/new");
  app.language = requested || app.pageLanguage;

  let remembered = null;
  try { remembered = JSON.parse(localStorage.getItem(USER_KEY)); } catch (ignored) { /* none */ }
  const served = app.served;
  const guess = requested || (served ? served.user.language : remembered && remembered.language) || app.pageLanguage;
  /* The start screen drawn by the server carries the definition in its language: no request. */
  const early = served && guess === app.pageLanguage ? Promise.resolve({ courts: served.courts, definitions: [served.definition] })
    : fetchReferenceData(current, guess);

  const user = await signedInUser(remembered);
  if (!user) {
    if (navigator.onLine) { location.href = app.urls.login; return; }
    return render([h("h1", { text: T("Signed out") }), h("p", { text: T("Sign in when you have a connection to see your checklists.") })]);
  }
  app.user = user;
  const wanted = requested || user.language || app.pageLanguage;
  if (requested && user.language !== requested) {  // chosen here while offline: remember it on this phone
    user.language = requested;
    localStorage.setItem(USER_KEY, JSON.stringify(user));
  }
  showAccount(user);
  let store;
  try {
    [, store] = await Promise.all([useLanguage(wanted), openStore(user.id), askForPersistence()]);
  } catch (unavailable) {
    return storageUnavailable();
  }
  app.store = store;
  store.onOtherTab = otherTabChanged;
  app.outbox = new Outbox(store, app.api, outboxChanged, { user });
  if (served) app.outbox.confirmedAt = Date.now();  // the server drew this page for this user just now
  checkMissing();
  const [, lastSent] = await Promise.all([
    loadReferenceData(current, app.language === guess ? early : fetchReferenceData(current, app.language)), store.getMeta("last_sent")]);
  app.lastSent = lastSent;
  app.route = route;
  window.addEventListener("hashchange", route);
  const connection = () => {
    const banner = root.querySelector("[data-connection]");
    if (banner) { banner.hidden = navigator.onLine; banner.dataset.connection = navigator.onLine ? "online" : "offline"; }
    if (navigator.onLine) app.outbox.run(true);
  };
  window.addEventListener("online", connection);
  window.addEventListener("offline", connection);
  setInterval(() => app.outbox.run(false), 15000);
  route();
  root.dataset.ready = "true";
  document.dispatchEvent(new CustomEvent("court-monitor:ready"));
  app.outbox.run(true);
}

if (root) start();
