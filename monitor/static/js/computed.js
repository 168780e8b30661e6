/* The functions a definition may name in `compute`, with the meaning of
   monitor/checklists/computed.py: ages and detention lengths from ISO dates ("YYYY-MM-DD").
   Each returns null when a date is missing, not a real date, or the dates are reversed. */

export function parseDate(text) {
  var parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(typeof text === "string" ? text : "");
  if (!parts) return null;
  var y = +parts[1], m = +parts[2], d = +parts[3], t = Date.UTC(y, m - 1, d);
  var check = new Date(t);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return null;
  return { y: y, m: m, d: d, t: t };
}

var FUNCTIONS = {
  years_between: function (a, b) {
    if (!a || !b || b.t < a.t) return null;
    return b.y - a.y - ((b.m < a.m || (b.m === a.m && b.d < a.d)) ? 1 : 0);
  },
  days_between: function (a, b) {
    return (!a || !b || b.t < a.t) ? null : Math.round((b.t - a.t) / 86400000);
  }
};

export function compute(name, earlier, later) {
  return FUNCTIONS[name](parseDate(earlier), parseDate(later));
}
