// The survey form's logic that needs no page: answer ids, values as typed and as exported, the checks of a
// wrong answer (the questionnaire's rules and messages, computed by kaart_course/survey/form.py), and what is
// kept in the browser. Tested by tests/js/enquete.test.mjs.
//
// Kept in localStorage under state.storageKey, and nowhere else:
//   {version: 1, draft: Draft | null, answers: [Answer]}
//   Draft:  {uuid, started, values: {question id: raw value}, prefilled: {question id: value}, editing: bool}
//   Answer: {uuid, started, ended, submitted, values: {question id: exported value}} (the JSON export's)
// A raw value is what the form holds: a choice id, an array of choice ids, a number (scale) or the text typed.

import { askedQuestions } from "./conditions.js";
import { formatDate, parseNumber } from "../common/format.js";
import { loadJSON, saveJSON } from "../common/storage.js";

export const STORE_VERSION = 1;
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/** A random RFC 4122 version 4 UUID: crypto.randomUUID where the page may use it (it needs a secure
 * context), else one made from crypto.getRandomValues, else from Math.random. */
export function newUuid(cryptoImpl = globalThis.crypto) {
  if (typeof cryptoImpl?.randomUUID === "function") {
    try {
      return cryptoImpl.randomUUID();
    } catch {
      // not a secure context: make one below
    }
  }
  const bytes = new Uint8Array(16);
  if (typeof cryptoImpl?.getRandomValues === "function") cryptoImpl.getRandomValues(bytes);
  else for (let i = 0; i < 16; i += 1) bytes[i] = Math.floor(Math.random() * 256);
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => HEX[b]).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const pad = (n) => String(n).padStart(2, "0");

/** The local day of `date`, AAAA-MM-JJ. */
export function localDay(date) {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** `date` in ISO 8601 with the local offset: 2026-11-30T14:02:11+01:00. */
export function isoLocal(date) {
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? "+" : "-";
  const zone = `${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
  return `${localDay(date)}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}${zone}`;
}

export function questionList(state) {
  return state.groups.flatMap((group) => group.questions);
}

export function isEmpty(raw) {
  return raw === undefined || raw === null || (typeof raw === "string" && !raw.trim()) || (Array.isArray(raw) && !raw.length);
}

/** What a raw value means for its question (null: unanswered, or not readable as an answer): the values
 * relevance conditions are evaluated on and the export writes. */
export function typedValue(question, raw) {
  if (isEmpty(raw)) return null;
  const ids = question.choices.map((choice) => choice.id);
  switch (question.type) {
    case "single":
      return ids.includes(raw) ? raw : null;
    case "multiple": {
      const chosen = ids.filter((id) => raw.includes(id));
      return chosen.length ? chosen : null;
    }
    case "scale":
    case "number": {
      const number = typeof raw === "number" ? raw : parseNumber(raw);
      return Number.isInteger(number) ? number : null;
    }
    case "insee":
      return String(raw).replace(/\s/g, "").toUpperCase();
    case "siren":
      return String(raw).replace(/[\s.\u00a0\u202f]/g, "");
    default:
      return String(raw).trim();
  }
}

export function typedValues(state, values) {
  const typed = {};
  for (const question of questionList(state)) typed[question.id] = typedValue(question, values[question.id]);
  return typed;
}

function missingMessage(question) {
  if (question.role === "consent") return "Accord à recueillir : cochez « Oui » ou « Non ».";
  if (question.type === "multiple") return "Cochez au moins une réponse.";
  if (question.type === "single" || question.type === "scale") return "Choisissez une réponse.";
  return "Réponse obligatoire.";
}

function validDay(text) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Why the answer to `question` cannot be saved, or null. `today` is AAAA-MM-JJ. */
export function problemOf(question, raw, { today, earliestDate }) {
  if (isEmpty(raw)) return question.required ? missingMessage(question) : null;
  const typed = typedValue(question, raw);
  const messages = question.messages ?? {};
  switch (question.type) {
    case "insee":
    case "siren":
      return new RegExp(question.pattern).test(typed) ? null : messages.pattern;
    case "number":
      return typed === null || typed < question.min || typed > question.max ? messages.bounds : null;
    case "scale":
      return typed === null || typed < question.min || typed > question.max ? "Choisissez une réponse." : null;
    case "date":
      if (!validDay(typed)) return "Une date au format jj/mm/aaaa.";
      if (typed > today) return messages.past;
      if (typed < earliestDate) return `Une date à partir du ${formatDate(earliestDate)}.`;
      return null;
    case "multiple": {
      const chosen = typed ?? [];
      const exclusive = question.choices.filter((c) => c.exclusive && chosen.includes(c.id));
      if (exclusive.length && chosen.length > 1) return messages.exclusive;
      if (question.maxChoices && chosen.length > question.maxChoices) return messages.max_choices;
      return null;
    }
    case "text":
      return question.maxLength && typed.length > question.maxLength ? messages.length : null;
    default:
      return typed === null ? "Choisissez une réponse." : null;
  }
}

/** Every problem of the draft's values, in the order of the questions asked: [{id, message}]. */
export function validate(state, values, today) {
  const asked = new Set(askedQuestions(state, typedValues(state, values)));
  const context = { today, earliestDate: state.earliestDate };
  return questionList(state)
    .filter((question) => asked.has(question.id))
    .map((question) => ({ id: question.id, message: problemOf(question, values[question.id], context) }))
    .filter((problem) => problem.message);
}

/** The values an answer keeps: those of the questions asked, typed, unanswered ones left out. */
export function answerValues(state, values) {
  const typed = typedValues(state, values);
  const result = {};
  for (const id of askedQuestions(state, typed)) if (typed[id] !== null) result[id] = typed[id];
  return result;
}

/** The raw values of a saved answer, to edit it in the form. */
export function rawValues(state, answer) {
  const raw = {};
  for (const question of questionList(state)) {
    const value = answer.values?.[question.id];
    if (value === undefined || value === null) continue;
    raw[question.id] = question.type === "number" ? String(value) : value;
  }
  return raw;
}

/** A new draft, started `now`: the meeting's date is today, and what the reader told the course about the
 * commune they chose (`territory`, contract « kaart:territoire »: codes, littoral and montagne) is filled in. */
export function newDraft(state, now, territory, uuid = newUuid()) {
  const prefilled = {};
  for (const question of questionList(state)) {
    if (question.type === "date") prefilled[question.id] = localDay(now);
    if (question.prefill === "insee" && territory?.insee) prefilled[question.id] = String(territory.insee);
    if (question.prefill === "epci" && territory?.epci) prefilled[question.id] = String(territory.epci);
    if (question.prefill === "geography" && territory?.answers) {
      // The reader's own answers to the finder's questions, whose ids are those of the geographic cahiers.
      const said = question.choices.filter((c) => !c.exclusive && territory.answers[c.id] === true).map((c) => c.id);
      if (said.length) prefilled[question.id] = said;
    }
  }
  return { uuid, started: isoLocal(now), values: { ...prefilled }, prefilled, editing: false };
}

/** Whether the draft holds anything besides what was filled in for the volunteer. */
export function hasContent(draft) {
  if (!draft) return false;
  if (draft.editing) return true;
  return Object.entries(draft.values).some(([id, raw]) => !isEmpty(raw) && JSON.stringify(raw) !== JSON.stringify(draft.prefilled?.[id]));
}

/** The store with the draft saved as an answer (replacing the answer of the same id when it was being
 * edited) and no draft. */
export function saveDraft(state, store, now) {
  const { draft } = store;
  const ended = isoLocal(now);
  const previous = store.answers.find((answer) => answer.uuid === draft.uuid);
  const answer = { uuid: draft.uuid, started: previous?.started ?? draft.started, ended, submitted: ended,
    values: answerValues(state, draft.values) };
  const answers = previous ? store.answers.map((a) => (a.uuid === draft.uuid ? answer : a)) : [...store.answers, answer];
  return { ...store, draft: null, answers };
}

/** A saved answer in one line: « Commune 35238 · rencontre du 30 novembre 2026 · Maire ». */
export function describeAnswer(state, answer) {
  const questions = questionList(state);
  const byType = (type) => questions.find((q) => q.type === type);
  const kind = questions.find((q) => q.role === "identification" && q.type === "single");
  const parts = [];
  const code = answer.values[byType("insee")?.id] ?? answer.values[byType("siren")?.id];
  const kindValue = answer.values[kind?.id];
  if (code) parts.push(`${kindValue === "epci" ? "Intercommunalité" : "Commune"} ${code}`);
  const day = answer.values[byType("date")?.id];
  if (day) parts.push(`rencontre du ${formatDate(day)}`);
  const role = questions.find((q) => q.id !== kind?.id && q.type === "single" && !q.role);
  const roleChoice = role?.choices.find((c) => c.id === answer.values[role.id]);
  if (roleChoice) parts.push(roleChoice.label);
  return parts.join(" · ") || "Réponse sans collectivité";
}

function isStore(value) {
  return value && value.version === STORE_VERSION && Array.isArray(value.answers)
    && value.answers.every((a) => a && typeof a.uuid === "string" && a.values && typeof a.values === "object")
    && (value.draft === null || (typeof value.draft?.uuid === "string" && typeof value.draft.values === "object"));
}

/** What the browser keeps for this questionnaire, or an empty store (nothing kept, or unreadable). */
export function loadStore(storage, key) {
  const value = loadJSON(storage, key, {});
  return isStore(value) ? value : { version: STORE_VERSION, draft: null, answers: [] };
}

export function saveStore(storage, key, store) {
  saveJSON(storage, key, store);
}
