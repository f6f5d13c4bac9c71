// CSV files the widgets write for the reader to download: RFC 4180 quoting, and no cell that a spreadsheet
// would run as a formula (the rule of rules.json « spreadsheetFormula », shared with kaart_course/_rules.py).

import rules from "./rules.json" with { type: "json" };

const FORMULA_START = new RegExp(rules.spreadsheetFormula.start);
const PLAIN_NUMBER = new RegExp(rules.spreadsheetFormula.plainNumber);

// An apostrophe before such a cell is a spreadsheet's « this is text » mark: typed there by someone, it needs
// one more, or reading the file back would take it for ours.
function runsAsFormula(text) {
  if (text.startsWith("'")) return runsAsFormula(text.slice(1));
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text);
}

/** « =1+2 » → « '=1+2 » (shown as text by a spreadsheet); « -3 », « Rennes » unchanged. */
export function neutraliseCell(text) {
  const value = String(text ?? "");
  return runsAsFormula(value) ? `'${value}` : value;
}

/** One CSV record: cells neutralised, quoted when they hold the separator, a quote or a line break. */
export function csvRecord(cells, separator = ",") {
  return cells.map((cell) => {
    const value = neutraliseCell(cell);
    return /["\r\n]/.test(value) || value.includes(separator) ? `"${value.replaceAll('"', '""')}"` : value;
  }).join(separator);
}

/** A whole CSV file: header and rows, CRLF line ends (RFC 4180), a byte-order mark when `bom` so that a
 * spreadsheet reads UTF-8 accents right. */
export function csvText(header, rows, { separator = ",", bom = false } = {}) {
  const lines = [header, ...rows].map((cells) => csvRecord(cells, separator));
  return `${bom ? "\ufeff" : ""}${lines.join("\r\n")}\r\n`;
}
