/* Evaluates checklist conditions in the browser so the form can show and hide questions as the
   monitor answers, with exactly the meaning of monitor/checklists/conditions.py. The AST is
   Condition.to_json(); its shape is described in that module's docstring.
   valueOf(key) returns a string, a number, an array of answer keys, or null when unanswered. */

/* Unanswered: null, undefined, NaN, "" or []. */
function isUnanswered(value) {
  return value === null || value === undefined || value === "" ||
    (typeof value === "number" && Number.isNaN(value)) ||
    (Array.isArray(value) && value.length === 0);
}

function operand(side, valueOf) {
  const value = side[0] === "item" ? valueOf(side[1]) : side[1];
  return isUnanswered(value) ? null : value;
}

/* A multichoice answer may arrive as an array or as a pipe-delimited string. */
function multichoiceKeys(value) {
  return Array.isArray(value) ? value : String(value).split("|");
}

/* Like Python, order only numbers with numbers and text with text: a malformed answer (a list
   where a date belongs) satisfies no comparison instead of being turned into text. */
const kind = (v) => (typeof v === "boolean" ? "number" : Array.isArray(v) ? "list" : typeof v);
const ordered = (compare) => (a, b) => kind(a) === kind(b) && kind(a) !== "list" && compare(a, b);

const COMPARATORS = {
  "=": (a, b) => a === b,
  "!=": (a, b) => a !== b,
  "<": ordered((a, b) => a < b),
  "<=": ordered((a, b) => a <= b),
  ">": ordered((a, b) => a > b),
  ">=": ordered((a, b) => a >= b),
  "in": (a, values) => values.includes(a),
  "has": (a, key) => multichoiceKeys(a).includes(key),
};

/* A comparison with an unanswered side is false; not/and/or are plain logic on top. */
export function evaluate(ast, valueOf) {
  const op = ast[0];
  if (op === "and") return ast.slice(1).every((part) => evaluate(part, valueOf));
  if (op === "or") return ast.slice(1).some((part) => evaluate(part, valueOf));
  if (op === "not") return !evaluate(ast[1], valueOf);
  if (op === "answered") return operand(ast[1], valueOf) !== null;
  const compare = COMPARATORS[op];
  if (!compare) throw new Error("unknown condition operator " + JSON.stringify(op));
  const left = operand(ast[1], valueOf);
  const right = operand(ast[2], valueOf);
  return left !== null && right !== null && compare(left, right);
}
