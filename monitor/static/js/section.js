/* Live conditions and computed items on a checklist section. The server applies the same rules
   when the section is saved, so the page also works without this script. */
(function () {
  "use strict";
  var form = document.getElementById("section-form");
  if (!form || !window.CourtMonitorConditions || !window.CourtMonitorComputed) return;
  var context = JSON.parse(form.dataset.context || "{}");

  function fieldValue(key) {
    var wrapper = form.querySelector('[data-item="' + key + '"]');
    if (!wrapper) return undefined;
    if (wrapper.hidden) return null;
    var type = wrapper.dataset.type;
    if (type === "multichoice") {
      var checked = Array.prototype.map.call(wrapper.querySelectorAll("input:checked"), function (i) { return i.value; });
      return checked.length ? checked : null;
    }
    var radio = wrapper.querySelector('input[type="radio"]');
    if (radio) {
      var chosen = wrapper.querySelector('input[type="radio"]:checked');
      return chosen ? chosen.value : null;
    }
    var computed = wrapper.querySelector("[data-computed-value]");
    var input = wrapper.querySelector("input, select");
    var raw = computed ? computed.textContent.trim() : (input ? input.value.trim() : "");
    if (raw === "") return null;
    return type === "integer" ? Number(raw) : raw;
  }

  function valueOf(key) {
    var value = fieldValue(key);
    return value === undefined ? (context[key] === undefined ? null : context[key]) : value;
  }

  function refresh() {
    form.querySelectorAll("[data-compute]").forEach(function (wrapper) {
      var spec = JSON.parse(wrapper.dataset.compute);
      var input = wrapper.querySelector("input");
      if (!input) return;
      var result = window.CourtMonitorComputed.compute(spec.function, valueOf(spec.args[0]), valueOf(spec.args[1]));
      if (result !== null) { input.value = result; input.readOnly = true; }
      else if (input.readOnly) { input.readOnly = false; input.value = ""; }
    });
    form.querySelectorAll("[data-show-when]").forEach(function (wrapper) {
      var shown = window.CourtMonitorConditions.evaluate(JSON.parse(wrapper.dataset.showWhen), valueOf);
      wrapper.hidden = !shown;
      wrapper.querySelectorAll("input, select, textarea").forEach(function (el) { el.disabled = !shown; });
    });
  }

  form.addEventListener("input", refresh);
  form.addEventListener("change", refresh);
  refresh();
})();
