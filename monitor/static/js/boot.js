/* On every signed-in page: install the offline app (service worker), show the way to it, and warn before signing out while checklists on this phone have not reached the server.
   The offline app keeps the number of unsent checklists per user in localStorage for this. */
(function () {
  "use strict";
  var script = document.currentScript;
  if ("serviceWorker" in navigator && window.indexedDB && script && script.dataset.serviceWorker) {
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
    if (unsent > 0 && !window.confirm(script.dataset.signOutUnsent.replace("%(count)s", unsent))) {
      event.preventDefault();
      return;
    }
    localStorage.removeItem("court-monitor-user");
  });
})();
