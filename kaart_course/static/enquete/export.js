// The files a volunteer downloads and sends to a coordinator: the CSV with the columns the importer reads (the
// KoboToolbox export's names) and the JSON of the contract kaart_course/survey/reading.py (JSON_CONTRACT).
// Both are made here, in the browser, from the answers saved on the device; nothing is sent anywhere.

import { csvText } from "../common/csv.js";

function cell(value) {
  if (value === undefined || value === null) return "";
  return Array.isArray(value) ? value.join(" ") : String(value);
}

/** The CSV export: one row per answer, the state's columns (_uuid, _submission_time, start, end, then one per
 * question), multiple answers as choice ids separated by spaces. */
export function answersCsv(state, answers) {
  const meta = (answer) => ({ _uuid: answer.uuid, _submission_time: answer.submitted, start: answer.started, end: answer.ended });
  const rows = answers.map((answer) => {
    const known = meta(answer);
    return state.columns.map((column) => cell(column in known ? known[column] : answer.values[column]));
  });
  return csvText(state.columns, rows, { separator: state.csv.separator, bom: true });
}

/** The JSON export (format « kaart-enquete »). */
export function answersJson(state, answers, exportedAt) {
  return `${JSON.stringify({
    format: state.json.format,
    version: state.json.version,
    questionnaire: state.id,
    questionnaire_version: state.version,
    exported_at: exportedAt,
    answers: answers.map((a) => ({ uuid: a.uuid, started: a.started, ended: a.ended, submitted: a.submitted, values: a.values })),
  }, null, 1)}\n`;
}

/** « kaart-enquete-reponses-2026-11-30-1412.csv »: the day and time keep successive exports apart. */
export function exportName(state, extension, now) {
  const pad = (n) => String(n).padStart(2, "0");
  const stamp = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}`;
  return `${state.fileStem}-${stamp}.${extension}`;
}
