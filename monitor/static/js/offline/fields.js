/* The questions of a section, drawn from the same markup as the server's pages: the app's page
   carries one <template data-field-kind> per kind of question, made by the server's field macro
   (templates/checklists/_field.html), and each question is a filled-in copy of one of them. */
import { displayDate, typedDate } from "./dates.js";
import { translate } from "./rules.js";
import { t as T } from "./texts.js";

const YESNO_LABELS = { yes: "Yes", no: "No", na: "N/A", unknown: "Unknown" };
/* Kept in step with monitor/filing/field_views.py (KIND_OF_TYPE, MOST_RADIO_CHOICES, kind_of). */
const KIND_OF_TYPE = { yesno: "radio", choice: "radio", multichoice: "checkbox", integer: "number", date: "date", time: "time", text: "text" };
const MOST_RADIO_CHOICES = 7;

export function kindOf(item) {
  if (item.type === "choice" && item.choices.length > MOST_RADIO_CHOICES) return "select";
  if (item.type === "text" && item.multiline) return "textarea";
  return KIND_OF_TYPE[item.type];
}

export function choicesOf(item, language) {
  if (item.type === "yesno") return item.answers.map((key) => [key, T(YESNO_LABELS[key])]);
  return item.choices.map((choice) => [choice.key, translate(choice.label, language)]);
}

function copyOf(kind) {
  const template = document.querySelector(`template[data-field-kind="${kind}"]`);
  return template.content.firstElementChild.cloneNode(true);
}

function setAttribute(element, name, value) {
  if (value === null || value === undefined) element.removeAttribute(name);
  else element.setAttribute(name, value);
}

/* One option per choice, copied from the template's single option. */
function fillOptions(wrapper, item, language, value, kind) {
  const chosen = [].concat(value === undefined || value === null ? [] : value);
  if (kind === "select") {
    const select = wrapper.querySelector("select");
    const model = select.options[1];
    model.remove();
    choicesOf(item, language).forEach(([key, label]) => {
      const option = model.cloneNode(true);
      option.value = key;
      option.textContent = label;
      option.selected = chosen.includes(key);
      select.append(option);
    });
    select.id = select.name = item.key;
    return;
  }
  const model = wrapper.querySelector(".option");
  const list = model.parentElement;
  model.remove();
  choicesOf(item, language).forEach(([key, label], index) => {
    const option = model.cloneNode(true);
    const input = option.querySelector("input");
    Object.assign(input, { id: item.key + "-" + index, name: item.key, value: key, checked: chosen.includes(key) });
    option.querySelector("span").textContent = label;
    list.append(option);
  });
}

/* One question, as the server's section page draws it. */
export function field(item, language, value) {
  const kind = kindOf(item);
  const wrapper = copyOf(kind);
  const label = translate(item.label, language), unit = translate(item.unit, language);
  wrapper.id = "field-" + item.key;
  wrapper.dataset.item = item.key;
  wrapper.dataset.type = item.type;
  delete wrapper.dataset.compute;
  wrapper.querySelector("[data-label]").textContent = label;
  const required = wrapper.querySelector(".req");
  if (item.required) required.title = T("required");
  else required.remove();
  const unitSpan = wrapper.querySelector("[data-unit]");
  if (unitSpan) unitSpan.textContent = unit && !label.includes("(" + unit + ")") ? " (" + unit + ")" : "";
  if (kind === "radio" || kind === "checkbox" || kind === "select") {
    fillOptions(wrapper, item, language, value, kind);
  } else {
    const input = wrapper.querySelector("input, textarea");
    input.id = input.name = item.key;
    input.value = value === undefined || value === null ? "" : kind === "date" ? displayDate(value) : String(value);
    wrapper.querySelector("label").htmlFor = item.key;
    if (kind === "number") { setAttribute(input, "min", item.min); setAttribute(input, "max", item.max); }
    if (kind === "text" || kind === "textarea") setAttribute(input, "maxlength", item.max_length);
    if (kind === "date") input.placeholder = T("DD/MM/YYYY");
  }
  if (kind === "select") wrapper.querySelector("label").htmlFor = item.key;
  const hint = wrapper.querySelector("[data-compute-hint]");
  if (hint && !item.compute) hint.remove();
  const error = wrapper.querySelector(".error");
  error.id = item.key + "-error";
  const help = translate(item.help, language);
  const details = wrapper.querySelector("details.help");
  if (!help) details.remove();
  else {
    details.querySelector("summary").textContent = T("Guidance");
    details.querySelector("[data-help]").textContent = help;
    const legal = details.querySelector("[data-legal]");
    legal.textContent = item.legal_basis.join("; ");
    legal.hidden = !item.legal_basis.length;
  }
  return wrapper;
}

/* The answer in a field: a string, a number, a list of keys, or null when not answered. */
export function readField(wrapper, item) {
  if (item.type === "multichoice") {
    const keys = Array.from(wrapper.querySelectorAll("input:checked"), (input) => input.value);
    return keys.length ? keys : null;
  }
  const radio = wrapper.querySelector("input[type=radio]:checked");
  if (radio) return radio.value;
  const input = wrapper.querySelector("input:not([type=radio]), select, textarea");
  const raw = input ? input.value.trim() : "";
  if (raw === "") return null;
  if (item.type === "integer") return /^-?\d+$/.test(raw) ? Number(raw) : raw;
  if (item.type === "date") return typedDate(raw) || raw;
  return raw;
}

export function showError(wrapper, message) {
  const error = wrapper.querySelector(".error");
  error.textContent = message || "";
  error.hidden = !message;
  wrapper.classList.toggle("has-error", Boolean(message));
}

/* A problem from answers.validate in words for the monitor. */
export function plainProblem(message) {
  if (message === T("is required") || message === "is required") return T("Please answer this question.");
  if (message === T("must be a date written YYYY-MM-DD")) return T("Write the date as day/month/year, for example 25/11/2026.");
  if (/^[a-z]/.test(message)) return T("This answer %(problem)s.", { problem: message });  // an English phrase from the rules
  return message;
}

export function answerText(item, value, language) {
  if (value === null || value === undefined) return "";
  if (item.type === "date") return displayDate(value);
  if (item.type === "yesno" || item.type === "choice" || item.type === "multichoice") {
    const labels = Object.fromEntries(choicesOf(item, language));
    return [].concat(value).map((key) => labels[key] || key).join(", ");
  }
  return String(value);
}
