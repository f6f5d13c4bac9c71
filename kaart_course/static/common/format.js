// French formatting of dates, numbers and durations: the browser's one place, mirroring kaart_course/_french.py.
// Both are tested on the same cases (tests/fixtures/shared-cases.json).

const MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
  "novembre", "décembre"];
const THIN_SPACE = "\u202f";

/** « 2026 », « 2024-08 », « 2026-11-27 » or a Date → « 2026 », « août 2024 », « 27 novembre 2026 » (« 1er »). */
export function formatDate(value) {
  let text = value;
  if (value instanceof Date) {
    const pad = (n) => String(n).padStart(2, "0");
    text = `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
  }
  text = String(text ?? "");
  const parts = text.split("-");
  if (parts.length < 1 || parts.length > 3 || !parts.every((p) => /^\d+$/.test(p)) || parts[0].length !== 4) return text;
  const numbers = parts.map(Number);
  if (numbers.length === 1) return parts[0];
  if (numbers[1] < 1 || numbers[1] > 12) return text;
  const month = `${MONTHS[numbers[1] - 1]} ${numbers[0]}`;
  if (numbers.length === 2) return month;
  return `${numbers[2] === 1 ? "1er" : numbers[2]} ${month}`;
}

/** « 1 234,5 »: decimal comma, narrow no-break spaces between thousands of the integer part only.
 * `decimals` rounds; by default an integer has none and a decimal keeps its own (up to 6). */
export function formatNumber(value, decimals = null) {
  if (typeof value !== "number" || !Number.isFinite(value)) return String(value);
  let text = decimals === null
    ? (Number.isInteger(value) ? String(value) : value.toFixed(6).replace(/0+$/, "").replace(/\.$/, ""))
    : value.toFixed(decimals);
  let sign = text.startsWith("-") ? "-" : "";
  text = text.replace(/^-/, "");
  const [whole, fraction = ""] = text.split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, THIN_SPACE);
  if (sign && /^[0\u202f]*$/.test(grouped + fraction)) sign = "";
  return `${sign}${grouped}${fraction ? `,${fraction}` : ""}`;
}

/** A number typed the French way (« 34 875 », « 2,7 ») or the English way; null if none. */
export function parseNumber(text) {
  const cleaned = String(text ?? "").trim().replace(/[\s\u00a0\u202f]/g, "").replace(",", ".");
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(cleaned)) return null;
  return Number(cleaned);
}

/** A speaking time: « 45 s », « 1 min 05 s », « 2 min ». */
export function formatSeconds(total) {
  const seconds = Math.max(0, Math.round(total));
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  if (!minutes) return `${rest} s`;
  return rest ? `${minutes} min ${String(rest).padStart(2, "0")} s` : `${minutes} min`;
}

/** A duration in minutes: « 20 min », « 1 h », « 1 h 05 ». */
export function formatMinutes(total) {
  const minutes = Math.max(0, Math.round(total));
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (!hours) return `${rest} min`;
  return rest ? `${hours} h ${String(rest).padStart(2, "0")}` : `${hours} h`;
}

/** « 30 s » when both ends are the same, else « 3 min à 5 min ». */
export function formatSecondsRange(low, high) {
  return Math.round(low) === Math.round(high) ? formatSeconds(high) : `${formatSeconds(low)} à ${formatSeconds(high)}`;
}

/** « 1 question », « 3 questions » (the plural of `word` is `word` + s unless given). */
export function plural(count, word, pluralWord = `${word}s`) {
  return `${count} ${count > 1 ? pluralWord : word}`;
}
