/* Live conditions and computed items on a checklist section of the server's pages (loaded as a
   native module). The server applies the same rules when the section is saved, so the page also
   works without this script. */
import { evaluate } from "./conditions.js";
import { compute } from "./computed.js";
import { typedDate } from "./offline/dates.js";

const form = document.getElementById("section-form");
const context = form ? JSON.parse(form.dataset.context || "{}") : {};

function fieldValue(key) {
  const wrapper = form.querySelector(`[data-item="${key}"]`);
  if (!wrapper) return undefined;
  if (wrapper.hidden) return null;
  if (wrapper.dataset.type === "multichoice") {
    const checked = Array.from(wrapper.querySelectorAll("input:checked"), (input) => input.value);
    return checked.length ? checked : null;
  }
  if (wrapper.querySelector('input[type="radio"]')) {
    const chosen = wrapper.querySelector('input[type="radio"]:checked');
    return chosen ? chosen.value : null;
  }
  const input = wrapper.querySelector("input, select");
  const raw = input ? input.value.trim() : "";
  if (raw === "") return null;
  if (wrapper.dataset.type === "date") return typedDate(raw) || raw;  // typed 25/11/2026, compared as ISO
  return wrapper.dataset.type === "integer" ? Number(raw) : raw;
}

function valueOf(key) {
  const value = fieldValue(key);
  return value === undefined ? (context[key] === undefined ? null : context[key]) : value;
}

function refresh() {
  form.querySelectorAll("[data-compute]").forEach((wrapper) => {
    const spec = JSON.parse(wrapper.dataset.compute);
    const input = wrapper.querySelector("input");
    const result = compute(spec.function, valueOf(spec.args[0]), valueOf(spec.args[1]));
    if (result !== null) { input.value = result; input.readOnly = true; }
    else if (input.readOnly) { input.readOnly = false; input.value = ""; }
  });
  form.querySelectorAll("[data-show-when]").forEach((wrapper) => {
    const shown = evaluate(JSON.parse(wrapper.dataset.showWhen), valueOf);
    wrapper.hidden = !shown;
    wrapper.querySelectorAll("input, select, textarea").forEach((element) => { element.disabled = !shown; });
  });
}

/* Answers typed but not saved are never dropped silently: leaving by a link or closing the tab
   asks first, and the language switch saves them, then shows the section in the other language. */
let unsaved = Boolean(document.querySelector(".error-summary"));  // answers sent back with errors are not saved yet

function keepUnsavedAnswers() {
  form.addEventListener("input", () => { unsaved = true; });
  form.addEventListener("change", () => { unsaved = true; });
  form.addEventListener("submit", () => { unsaved = false; });
  window.addEventListener("beforeunload", (event) => {
    if (unsaved) { event.preventDefault(); event.returnValue = ""; }
  });
  document.querySelectorAll("nav.languages a[hreflang]").forEach((link) => {
    link.addEventListener("click", (event) => {
      if (!unsaved) return;
      event.preventDefault();
      form.action = link.href;  // the section's own address with ?lang=: saved, then shown in that language
      form.requestSubmit(form.querySelector('button[value="save"]'));
    });
  });
}

if (form) {
  form.addEventListener("input", refresh);
  form.addEventListener("change", refresh);
  refresh();
  keepUnsavedAnswers();
}
