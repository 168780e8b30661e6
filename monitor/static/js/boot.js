/* On every signed-in page: install the offline app (service worker), show the way to it, and warn before signing out while checklists on this phone have not reached the server.
   The offline app keeps the number of unsent checklists per user in localStorage for this. */
(function () {
  "use strict";
  var script = document.currentScript;
  if ("serviceWorker" in navigator && script && script.dataset.serviceWorker) {
    navigator.serviceWorker.register(script.dataset.serviceWorker).catch(function () { /* the plain pages still work */ });
    document.querySelectorAll("[data-offline-only]").forEach(function (element) { element.hidden = false; });
  }

  var form = document.querySelector("form[data-logout]");
  if (!form) return;
  form.addEventListener("submit", function (event) {
    if (!navigator.onLine) {
      event.preventDefault();
      window.alert("Signing out needs a connection. Your checklists stay safe on this phone.");
      return;
    }
    var unsent = Number(localStorage.getItem("court-monitor-unsent-" + form.dataset.userId) || 0);
    var message = "{count} checklist(s) on this phone have not been sent yet. They stay on this phone and will be sent when you sign in again. Sign out anyway?";
    if (unsent > 0 && !window.confirm(message.replace("{count}", unsent))) {
      event.preventDefault();
      return;
    }
    localStorage.removeItem("court-monitor-user");
  });
})();
