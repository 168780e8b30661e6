/* Dates as a monitor types and reads them, in both languages: day/month/year (25/11/2026), as on
   the server's pages (monitor/i18n.py SHORT_DATE). Stored answers stay ISO (2026-11-25). */
const KHMER_DIGITS = "០១២៣៤៥៦៧៨៩";

export function displayDate(iso) {
  const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
  return parts ? parts[3] + "/" + parts[2] + "/" + parts[1] : iso || "";
}

/* What was typed as an ISO date ("25/11/2026", "25-11-2026", "25.11.2026", "2026-11-25", Khmer
   digits too), or null when it is not written as a date. */
export function typedDate(text) {
  const digits = String(text).trim().replace(/[០-៩]/g, (d) => String(KHMER_DIGITS.indexOf(d)));
  if (/^\d{4}-\d{2}-\d{2}$/.test(digits)) return digits;
  const parts = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(digits);
  if (!parts) return null;
  return parts[3] + "-" + parts[2].padStart(2, "0") + "-" + parts[1].padStart(2, "0");
}

/* A moment in the phone's own time: 25/11/2026 14:05. */
export function dateAndTime(iso) {
  const moment = new Date(iso);
  const local = new Date(moment.getTime() - moment.getTimezoneOffset() * 60000).toISOString();
  return displayDate(local.slice(0, 10)) + " " + local.slice(11, 16);
}
