/* On every signed-in page: install the offline app (service worker), show the way to it, say so
   when this address cannot have it (plain http:// on a network address), offer the dark theme,
   and warn before signing out while checklists on this phone have not reached the server.
   The offline app keeps the number of unsent checklists per user in localStorage for this. */
(function () {
  "use strict";
  var script = document.currentScript;
  var THEME_KEY = "court-monitor-theme";

  /* Dark or light as chosen on this phone (remembered here and, for the server's pages, in a
     cookie), else as the phone's own setting says. */
  function applyTheme(theme) {
    if (theme === "dark" || theme === "light") document.documentElement.dataset.theme = theme;
  }
  function shownTheme() {
    var chosen = document.documentElement.dataset.theme;
    if (chosen) return chosen;
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  }
  applyTheme(localStorage.getItem(THEME_KEY));
  var switcher = document.querySelector("[data-theme-switch]");
  if (switcher) {
    var label = function () {
      var dark = shownTheme() === "dark";
      switcher.textContent = dark ? script.dataset.themeLight : script.dataset.themeDark;
      switcher.setAttribute("aria-pressed", String(dark));
    };
    switcher.addEventListener("click", function () {
      var next = shownTheme() === "dark" ? "light" : "dark";
      applyTheme(next);
      localStorage.setItem(THEME_KEY, next);
      document.cookie = "theme=" + next + "; path=/; max-age=31536000; samesite=lax";
      label();
    });
    label();
    switcher.hidden = false;
  }

  var offlinePossible = "serviceWorker" in navigator && window.indexedDB && window.isSecureContext;
  if (!window.isSecureContext) {
    /* Browsers only let a secure page keep an app for offline use: say so, instead of quietly
       falling back to pages that need a connection. */
    var warning = document.querySelector("p[data-insecure]");
    if (warning) { warning.textContent = script.dataset.insecureText; warning.hidden = false; }
  }
  if (offlinePossible && script && script.dataset.serviceWorker) {
    /* Installing downloads every file the app needs; on a slow link that waits until this page,
       or the offline app's first screen, is on screen. */
    var register = function () {
      navigator.serviceWorker.register(script.dataset.serviceWorker).catch(function () { /* the plain pages still work */ });
    };
    var app = document.getElementById("app");
    if (app && !app.dataset.ready) document.addEventListener("court-monitor:ready", register, { once: true });
    else if (document.readyState === "complete") register();
    else window.addEventListener("load", register, { once: true });
    document.querySelectorAll("[data-offline-only]").forEach(function (element) { element.hidden = false; });
    /* "Start a checklist" opens the offline app, which keeps working without signal. */
    document.querySelectorAll("a[data-app-href]").forEach(function (link) { link.href = link.dataset.appHref; });
  }

  var form = document.querySelector("form[data-logout]");
  if (!form) return;
  form.addEventListener("submit", function (event) {
    if (!navigator.onLine) {
      event.preventDefault();
      window.alert(script.dataset.signOutOffline);
      return;
    }
    var unsent = Number(localStorage.getItem("court-monitor-unsent-" + form.dataset.userId) || 0);
    if (unsent > 0) {
      var form_ = new Intl.PluralRules(document.documentElement.lang).select(unsent) === "one" ? "signOutUnsentOne" : "signOutUnsentOther";
      if (!window.confirm(script.dataset[form_].replace("%(count)s", unsent))) {
        event.preventDefault();
        return;
      }
    }
    localStorage.removeItem("court-monitor-user");
  });
})();
