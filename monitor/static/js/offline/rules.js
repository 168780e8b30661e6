/* The checklist rules of monitor/checklists/answers.py, computed.py and monitor/filing/steps.py, for the
   offline app: which sections and items are asked, computed items, the juvenile annex, and the
   problems that stop a save or a submission. Same meaning and same messages as the server, which
   checks everything again when the checklist arrives. `definition` is GET /api/v1/checklists/<key>. */
import { evaluate } from "../conditions.js";
import { compute, parseDate } from "../computed.js";
import { t as T } from "./texts.js";

export const ANNEX = "juvenile";
var TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export function isAnswered(value) {
  return value !== null && value !== undefined && value !== "" && !(Array.isArray(value) && value.length === 0);
}

/* Python's ChainMap.get: the first map that has the key wins, answered or not. */
function chain(maps) {
  return function (key) {
    for (var i = 0; i < maps.length; i++) {
      if (Object.prototype.hasOwnProperty.call(maps[i], key)) return maps[i][key];
    }
    return undefined;
  };
}

function valueOf(scope) {
  return function (key) { var value = scope(key); return isAnswered(value) ? value : null; };
}

function holds(condition, scope) {
  return !condition || evaluate(condition.tree, valueOf(scope));
}

export function blockOf(definition, level) {
  return level === "hearing" ? definition.hearing : level === "accused" ? definition.accused : definition.accused.annex;
}

function itemsOf(block) {
  return block.sections.reduce(function (all, section) { return all.concat(section.items); }, []);
}

function sectionOf(block, key) {
  return block.sections.find(function (section) { return section.items.some(function (item) { return item.key === key; }); });
}

export function isShownInSection(section, item, scope) {
  return holds(section.show_when, scope) && holds(item.show_when, scope);
}

function annexIsShown(definition, accused, hearing) {
  return holds(definition.accused.annex.show_when, chain([accused, hearing]));
}

export function computedValue(item, scope) {
  var values = item.compute.args.map(scope);
  if (!values.every(isAnswered)) return null;
  return compute(item.compute.function, values[0], values[1]);
}

function isComputed(item, scope) {
  return Boolean(item.compute) && computedValue(item, scope) !== null;
}

/* Every filled block: [level, answers, scope, path prefix]. */
function scopes(document) {
  var hearing = document.hearing = document.hearing || {};
  var list = [["hearing", hearing, chain([hearing]), "hearing"]];
  (document.accused = document.accused || []).forEach(function (accused, index) {
    list.push(["accused", accused, chain([accused, hearing]), "accused[" + index + "]"]);
    var annex = accused[ANNEX];
    if (annex && typeof annex === "object" && !Array.isArray(annex)) {
      list.push(["juvenile", annex, chain([annex, accused, hearing]), "accused[" + index + "]." + ANNEX]);
    }
  });
  return list;
}

/* answers.settle: computed items first, then what is asked (the juvenile annex, hidden items),
   repeated until nothing more is removed; a removed answer is never put back. A computed item
   keeps the value it came with only while its dates are not both known. */
export function normalise(definition, document) {
  document.hearing = document.hearing || {};
  document.accused = document.accused || [];
  var removed = {}, sentComputed = {};
  scopes(document).forEach(function (entry) {
    itemsOf(blockOf(definition, entry[0])).forEach(function (item) {
      if (item.compute && item.key in entry[1]) sentComputed[entry[3] + "." + item.key] = entry[1][item.key];
    });
  });
  for (;;) {
    fillComputed(definition, document, removed, sentComputed);
    if (!removeUnasked(definition, document, removed)) return document;
  }
}

function fillComputed(definition, document, removed, sentComputed) {
  scopes(document).forEach(function (entry) {
    var answers = entry[1], scope = entry[2], prefix = entry[3];
    itemsOf(blockOf(definition, entry[0])).forEach(function (item) {
      var path = prefix + "." + item.key;
      if (!item.compute || removed[path]) return;
      var value = computedValue(item, scope);
      if (value === null && item.compute.fallback === "entered" && path in sentComputed) value = sentComputed[path];
      if (value === null || value === undefined) delete answers[item.key];
      else answers[item.key] = value;
    });
  });
}

/* Attach or remove each juvenile annex, remove answers to items not asked; true if anything changed. */
function removeUnasked(definition, document, removed) {
  var changed = false, hearing = document.hearing;
  document.accused.forEach(function (accused, index) {
    var path = "accused[" + index + "]." + ANNEX, shown = annexIsShown(definition, accused, hearing);
    if (shown && !(ANNEX in accused) && !removed[path]) {
      accused[ANNEX] = {};
      changed = true;
    } else if (!shown && ANNEX in accused) {
      delete accused[ANNEX];
      removed[path] = true;
      changed = true;
    }
  });
  scopes(document).forEach(function (entry) {
    var answers = entry[1], scope = entry[2], prefix = entry[3];
    blockOf(definition, entry[0]).sections.forEach(function (section) {
      var sectionShown = holds(section.show_when, scope);
      section.items.forEach(function (item) {
        if (!(item.key in answers) || (sectionShown && holds(item.show_when, scope))) return;
        delete answers[item.key];
        removed[prefix + "." + item.key] = true;
        changed = true;
      });
    });
  });
  return changed;
}

/* wording.shortened: a sent value as a message quotes it, at most 60 characters. */
function shortened(value) {
  var characters = Array.from(String(value));
  return characters.length <= 60 ? characters.join("") : characters.slice(0, 60).join("") + "…";
}

function answerKeys(item) {
  return item.answers || [];
}

/* answers.value_problem, word for word. */
function valueProblem(item, value, today) {
  var keys = answerKeys(item);
  if (item.type === "yesno" || item.type === "choice") {
    if (typeof value !== "string" || keys.indexOf(value) < 0) return T("must be one of: %(answers)s", { answers: keys.join(", ") });
  } else if (item.type === "multichoice") {
    if (!Array.isArray(value) || !value.every(function (v) { return typeof v === "string"; })) return T("must be a list of choices");
    if (value.length > keys.length) return T("lists %(count)s choices; there are only %(choices)s", { count: value.length, choices: keys.length });
    var unknown = value.filter(function (v) { return keys.indexOf(v) < 0; });
    if (unknown.length) return T("unknown choice %(unknown)s; choose from: %(answers)s", { unknown: unknown.map(shortened).join(", "), answers: keys.join(", ") });
    if (new Set(value).size !== value.length) return T("lists a choice twice");
  } else if (item.type === "integer") {
    if (typeof value !== "number" || !Number.isInteger(value)) return T("must be a whole number");
    if (item.min !== null && item.min !== undefined && value < item.min) return T("must be at least %(min)s", { min: item.min });
    if (item.max !== null && item.max !== undefined && value > item.max) return T("must be at most %(max)s", { max: item.max });
  } else if (item.type === "date") {
    if (!parseDate(value)) return T("must be a date written YYYY-MM-DD");
    if (item.not_in_future && value > today) return T("cannot be in the future");
  } else if (item.type === "time") {
    if (typeof value !== "string" || !TIME.test(value)) return T("must be a time written HH:MM (24-hour clock)");
  } else if (item.type === "text") {
    if (typeof value !== "string") return T("must be text");
    if (value.length > item.max_length) return T("must be at most %(count)s characters", { count: item.max_length });
  }
  return null;
}

function namesIn(tree, names) {
  names = names || [];
  if (Array.isArray(tree)) {
    if (tree[0] === "item" && typeof tree[1] === "string") names.push(tree[1]);
    else tree.forEach(function (part) { namesIn(part, names); });
  }
  return names;
}

export function translate(text, language) {
  return text ? (text[language] || text.en || "") : "";
}

/* answers.validate: every problem of a normalised document, by path. */
export function validate(definition, document, submitting, today, language) {
  var problems = {};
  var everyItem = {};
  ["hearing", "accused", "juvenile"].forEach(function (level) {
    itemsOf(blockOf(definition, level)).forEach(function (item) { everyItem[item.key] = item; });
  });
  /* answers._can_check: a check applies only when each answer it names is given and well formed. */
  function canCheck(check, scope) {
    return namesIn(check.rule.tree).every(function (name) {
      var value = scope(name);
      return isAnswered(value) && valueProblem(everyItem[name], value, today) === null;
    });
  }
  var accusedList = document.accused || [];
  if (accusedList.length > definition.accused.max) problems.accused = T("at most %(count)s accused per checklist", { count: definition.accused.max });
  if (submitting && accusedList.length < definition.accused.min) problems.accused = T("add at least %(count)s accused", { count: definition.accused.min });
  scopes(document).forEach(function (entry) {
    var level = entry[0], answers = entry[1], scope = entry[2], prefix = entry[3];
    var block = blockOf(definition, level), items = itemsOf(block);
    var known = {};
    items.forEach(function (item) { known[item.key] = item; });
    Object.keys(answers).forEach(function (key) {
      if (!known[key] && !(level === "accused" && key === ANNEX)) problems[prefix + "." + key] = T("is not an item of this part of the checklist");
    });
    items.forEach(function (item) {
      var path = prefix + "." + item.key, value = answers[item.key];
      if (isAnswered(value)) {
        var problem = valueProblem(item, value, today);
        if (problem) { problems[path] = problem; return; }
      } else if (submitting && item.required && isShownInSection(sectionOf(block, item.key), item, scope) && !isComputed(item, scope)) {
        problems[path] = T("is required");
        return;
      }
      (item.checks || []).some(function (check) {
        if (canCheck(check, scope) && !evaluate(check.rule.tree, valueOf(scope))) {
          problems[path] = translate(check.message, language || "en");
          return true;
        }
        return false;
      });
    });
  });
  return problems;
}

export function blockAnswers(document, level, index) {
  if (level === "hearing") return document.hearing;
  var accused = document.accused[index];
  if (level === "accused") return accused;
  accused[ANNEX] = accused[ANNEX] || {};
  return accused[ANNEX];
}

export function scopeOf(document, level, index) {
  var hearing = document.hearing;
  if (level === "hearing") return chain([hearing]);
  var accused = document.accused[index];
  return level === "accused" ? chain([accused, hearing]) : chain([accused[ANNEX] || {}, accused, hearing]);
}

function pathPrefix(level, index) {
  if (level === "hearing") return "hearing";
  return "accused[" + index + "]" + (level === "juvenile" ? "." + ANNEX : "");
}

/* steps.steps_of: one step per section shown, hearing first, then each accused and their annex. */
export function steps(definition, document) {
  var list = [];
  function add(level, index) {
    var scope = scopeOf(document, level, index);
    blockOf(definition, level).sections.forEach(function (section) {
      if (holds(section.show_when, scope)) list.push({ level: level, index: index, section: section, prefix: pathPrefix(level, index) });
    });
  }
  add("hearing", null);
  document.accused.forEach(function (accused, index) {
    add("accused", index);
    if (annexIsShown(definition, accused, document.hearing)) add("juvenile", index);
  });
  return list;
}

/* Whether a problem path such as "accused[0].gender" belongs to a step. */
export function owns(step, path) {
  var cut = path.lastIndexOf(".");
  var prefix = path.slice(0, cut), key = path.slice(cut + 1);
  return prefix === step.prefix && step.section.items.some(function (item) { return item.key === key; });
}
