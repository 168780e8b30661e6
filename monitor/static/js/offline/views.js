/* Building the offline app's screens from the checklist definition, with the same markup and CSS
   classes as the server's section pages. Text goes in through textContent only. */
(function () {
  "use strict";
  var T = window.CourtMonitorTexts.t;
  var YESNO_LABELS = { yes: "Yes", no: "No", na: "N/A", unknown: "Unknown" };

  /* h("p", {class: "hint", text: "..."}, child, ...): attributes, `on*` listeners, then children. */
  function h(tag, props) {
    var element = document.createElement(tag);
    Object.keys(props || {}).forEach(function (name) {
      var value = props[name];
      if (value === null || value === undefined || value === false) return;
      if (name === "text") element.textContent = value;
      else if (name.slice(0, 2) === "on") element.addEventListener(name.slice(2), value);
      else if (name === "hidden" || name === "checked" || name === "disabled" || name === "readOnly" || name === "value") element[name] = value;
      else element.setAttribute(name, value === true ? "" : value);
    });
    for (var i = 2; i < arguments.length; i++) {
      [].concat(arguments[i]).forEach(function (child) {
        if (child !== null && child !== undefined && child !== false) element.append(child);
      });
    }
    return element;
  }

  function choicesOf(item, language) {
    var tr = window.CourtMonitorRules.translate;
    if (item.type === "yesno") return item.answers.map(function (key) { return [key, T(YESNO_LABELS[key])]; });
    return item.choices.map(function (choice) { return [choice.key, tr(choice.label, language)]; });
  }

  function optionList(item, language, value, multiple) {
    var id = "f-" + item.key;
    var inputs = choicesOf(item, language).map(function (pair, i) {
      var checked = multiple ? (value || []).indexOf(pair[0]) >= 0 : value === pair[0];
      var input = h("input", { type: multiple ? "checkbox" : "radio", name: item.key, id: id + "-" + i, value: pair[0], checked: checked });
      return multiple ? h("li", {}, input, h("label", { for: id + "-" + i, text: pair[1] }))
        : h("label", { class: "option" }, input, h("span", { text: pair[1] }));
    });
    return h("div", { class: "options" + (item.type === "yesno" ? " yesno" : "") }, multiple ? h("ul", { id: id }, inputs) : inputs);
  }

  function control(item, language, value, today) {
    var id = "f-" + item.key, shown = value === undefined || value === null ? "" : String(value);
    if (item.type === "choice" && item.choices.length > 7) {
      return h("select", { id: id, name: item.key },
        h("option", { value: "", text: "—" }),
        choicesOf(item, language).map(function (pair) { return h("option", { value: pair[0], text: pair[1], selected: pair[0] === value }); }));
    }
    var attributes = { id: id, name: item.key, value: shown };
    if (item.type === "integer") Object.assign(attributes, { type: "number", inputmode: "numeric", min: item.min, max: item.max, step: 1 });
    else if (item.type === "date") Object.assign(attributes, { type: "date", max: item.not_in_future ? today : null });
    else if (item.type === "time") attributes.type = "time";
    else Object.assign(attributes, { type: "text", maxlength: item.max_length });
    return h("input", attributes);
  }

  /* One question, as .field with data-item/data-type like the server's section page. */
  function field(item, language, value, today) {
    var tr = window.CourtMonitorRules.translate;
    var label = tr(item.label, language), required = item.required ? h("span", { class: "req", title: T("required"), text: " *" }) : null;
    var wrapper = h("div", { class: "field", "data-item": item.key, "data-type": item.type });
    var radios = item.type === "yesno" || item.type === "multichoice" || (item.type === "choice" && item.choices.length <= 7);
    if (radios) {
      wrapper.append(h("fieldset", {}, h("legend", { text: label }, required), optionList(item, language, value, item.type === "multichoice")));
    } else {
      var unit = tr(item.unit, language);
      wrapper.append(h("label", { for: "f-" + item.key, text: label + (unit ? " (" + unit + ")" : "") }, required), control(item, language, value, today));
      if (item.compute) wrapper.append(h("p", { class: "hint", "data-compute-hint": true }));
    }
    wrapper.append(h("p", { class: "error", id: "f-" + item.key + "-error", role: "alert", hidden: true }));
    var help = tr(item.help, language);
    if (help) {
      wrapper.append(h("details", { class: "help" }, h("summary", { text: T("Guidance") }), h("p", { text: help }),
        item.legal_basis.length ? h("p", { class: "legal", text: item.legal_basis.join("; ") }) : null));
    }
    return wrapper;
  }

  /* The answer in a field: a string, a number, a list of keys, or null when not answered. */
  function readField(wrapper, item) {
    if (item.type === "multichoice") {
      var keys = Array.prototype.map.call(wrapper.querySelectorAll("input:checked"), function (input) { return input.value; });
      return keys.length ? keys : null;
    }
    var radio = wrapper.querySelector("input[type=radio]:checked");
    if (radio) return radio.value;
    var input = wrapper.querySelector("input:not([type=radio]), select");
    var raw = input ? input.value.trim() : "";
    if (raw === "") return null;
    if (item.type === "integer") return /^-?\d+$/.test(raw) ? Number(raw) : raw;
    return raw;
  }

  function showError(wrapper, message) {
    var error = wrapper.querySelector(".error");
    error.textContent = message || "";
    error.hidden = !message;
    wrapper.classList.toggle("has-error", Boolean(message));
  }

  /* A problem from answers.validate in words for the monitor. */
  function plainProblem(message) {
    if (message === T("is required") || message === "is required") return T("Please answer this question.");
    if (/^[a-z]/.test(message)) return T("This answer %(problem)s.", { problem: message });  // an English phrase from the rules
    return message;
  }

  function answerText(item, value, language) {
    if (value === null || value === undefined) return "";
    if (item.type === "yesno" || item.type === "choice" || item.type === "multichoice") {
      var labels = {};
      choicesOf(item, language).forEach(function (pair) { labels[pair[0]] = pair[1]; });
      return [].concat(value).map(function (key) { return labels[key] || key; }).join(", ");
    }
    return String(value);
  }

  window.CourtMonitorViews = { h: h, field: field, readField: readField, showError: showError, plainProblem: plainProblem, answerText: answerText };
})();
