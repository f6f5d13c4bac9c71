// Unit tests of the survey form's logic (kaart_course/static/enquete/). Run: node --test tests/js/
// The relevance cases are those Python answers too (tests/fixtures/enquete/conditions-cases.json); the form's
// state is built by Python (KAART_PYTHON, else .venv/bin/python, else python3) from the course's
// questionnaire and from tests/fixtures/enquete/good.yml, exactly as the page gets it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

import { askedQuestions, evaluate } from "../../kaart_course/static/enquete/conditions.js";
import {
  answerValues, hasContent, isoLocal, loadStore, newDraft, newUuid, problemOf, questionList, saveDraft, validate,
} from "../../kaart_course/static/enquete/answers.js";
import { answersCsv, answersJson, exportName } from "../../kaart_course/static/enquete/export.js";
import { memoryStorage } from "../../kaart_course/static/common/storage.js";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const CASES = JSON.parse(readFileSync(path.join(REPO, "tests", "fixtures", "enquete", "conditions-cases.json"), "utf8"));
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function python() {
  if (process.env.KAART_PYTHON) return process.env.KAART_PYTHON;
  const venv = path.join(REPO, ".venv", "bin", "python");
  return existsSync(venv) ? venv : "python3";
}

function formState(questionnairePath = "") {
  const code = "import json, sys; from kaart_course.survey import load_questionnaire; from kaart_course.survey.form "
    + "import form_state; args = sys.argv[1:]; "
    + "print(json.dumps(form_state(load_questionnaire(*args)), ensure_ascii=False))";
  return JSON.parse(execFileSync(python(), ["-c", code, ...(questionnairePath ? [questionnairePath] : [])],
    { cwd: REPO, encoding: "utf8" }));
}

const COURSE = formState();
const SMALL = formState(path.join(REPO, "tests", "fixtures", "enquete", "good.yml"));
const TODAY = "2026-12-02";

/** A complete answer of a commune, as the form holds it (raw values). */
function complete(extra = {}) {
  return {
    "date-rencontre": "2026-11-30", "type-collectivite": "commune", "code-insee": "35238", fonction: "maire",
    "consentement-synthese": "oui", risques: ["chaleur", "secheresse"], dependances: ["energie"], preparation: 2,
    demarches: ["pcaet"], "personnes-ressources": "3", priorites: ["eau"], besoins: ["donnees"],
    cahiers: ["grandes-villes"], "cahier-utile": 4, suite: ["documents"], "consentement-recontact": "non", ...extra,
  };
}

test("relevance conditions: every shared case", () => {
  for (const { condition, tree, answers, expected } of CASES.conditions) {
    assert.equal(evaluate(tree, answers), expected, `${condition} with ${JSON.stringify(answers)}`);
  }
});

test("questions asked: an answer to a question not asked counts as none (shared cases)", () => {
  for (const { answers, asked } of CASES.asked) assert.deepEqual(askedQuestions(SMALL, answers), asked, JSON.stringify(answers));
});

test("answer ids are RFC 4122 version 4, with or without crypto.randomUUID", () => {
  assert.match(newUuid(), UUID_V4);
  const noRandomUuid = { getRandomValues: (bytes) => globalThis.crypto.getRandomValues(bytes) };
  const insecure = { randomUUID() { throw new Error("not a secure context"); }, getRandomValues: noRandomUuid.getRandomValues };
  const made = new Set();
  for (let i = 0; i < 500; i += 1) {
    for (const impl of [noRandomUuid, insecure, null]) {
      const id = newUuid(impl);
      assert.match(id, UUID_V4);
      made.add(id);
    }
  }
  assert.equal(made.size, 1500, "no id repeats");
});

test("a complete answer has no problem; its export keeps only the questions asked", () => {
  const values = complete({ "siren-epci": "200000172", "besoin-precis": "  Un diagnostic partagé.  " });
  assert.deepEqual(validate(COURSE, values, TODAY), []);
  const exported = answerValues(COURSE, values);
  assert.equal(exported["siren-epci"], undefined, "the SIREN of an EPCI is not asked for a commune");
  assert.equal(exported["personnes-ressources"], 3);
  assert.equal(exported["besoin-precis"], "Un diagnostic partagé.");
  assert.deepEqual(exported.risques, ["chaleur", "secheresse"]);
  assert.equal("message" in exported, false, "an unanswered question is left out");
});

test("declining the synthesis leaves only the meeting and the recontact consent", () => {
  const values = complete({ "consentement-synthese": "non", "consentement-recontact": "oui" });
  assert.deepEqual(validate(COURSE, values, TODAY), []);
  assert.deepEqual(Object.keys(answerValues(COURSE, values)),
    ["date-rencontre", "type-collectivite", "code-insee", "fonction", "consentement-synthese", "consentement-recontact"]);
});

test("every rule of a wrong answer, with the questionnaire's own messages", () => {
  const question = (id) => questionList(COURSE).find((q) => q.id === id);
  const context = { today: TODAY, earliestDate: COURSE.earliestDate };
  const problems = (values) => Object.fromEntries(validate(COURSE, values, TODAY).map((p) => [p.id, p.message]));
  assert.deepEqual(Object.keys(problems({})), ["date-rencontre", "type-collectivite", "fonction", "consentement-synthese",
    "consentement-recontact"], "the required questions asked, in order; none of the groups after the consent");
  assert.equal(problemOf(question("code-insee"), "2a004", context), null, "Corsica, lower case");
  assert.equal(problemOf(question("code-insee"), "1001", context), question("code-insee").messages.pattern);
  assert.equal(problemOf(question("siren-epci"), "200 000 172", context), null);
  assert.equal(problemOf(question("siren-epci"), "20000017", context), "Un numéro SIREN a neuf chiffres.");
  assert.equal(problemOf(question("personnes-ressources"), "12,5", context), "Un nombre entier de 0 à 500.");
  assert.equal(problemOf(question("personnes-ressources"), "501", context), "Un nombre entier de 0 à 500.");
  assert.equal(problemOf(question("personnes-ressources"), "0", context), null);
  assert.equal(problemOf(question("date-rencontre"), "2026-12-03", context), "La rencontre a déjà eu lieu : une date passée.");
  assert.equal(problemOf(question("date-rencontre"), "2019-12-31", context), "Une date à partir du 1er janvier 2020.");
  assert.equal(problemOf(question("date-rencontre"), "2026-02-30", context), "Une date au format jj/mm/aaaa.");
  assert.match(problemOf(question("risques"), ["nsp", "chaleur"], context), /ne se combine pas/);
  assert.equal(problemOf(question("priorites"), ["eau", "energie", "chaleur", "mobilite"], context), "3 réponses au plus.");
  assert.equal(problemOf(question("message"), "x".repeat(281), context), "280 caractères au plus.");
  assert.equal(problemOf(question("consentement-synthese"), null, context), "Accord à recueillir : cochez « Oui » ou « Non ».");
  const wrong = problems(complete({ "code-insee": "75", "personnes-ressources": "beaucoup" }));
  assert.deepEqual(Object.keys(wrong), ["code-insee", "personnes-ressources"]);
});

test("a new draft: today's date, the chosen commune's codes, nothing else", () => {
  const now = new Date(2026, 10, 30, 14, 2, 11);
  const territory = { insee: "35238", name: "Rennes", epci: "243500139", epciName: "Rennes Métropole" };
  const draft = newDraft(COURSE, now, territory, "id-1");
  assert.deepEqual(draft.values, { "date-rencontre": "2026-11-30", "code-insee": "35238", "siren-epci": "243500139" });
  assert.equal(draft.started, isoLocal(now));
  assert.match(draft.started, /^2026-11-30T14:02:11[+-]\d{2}:\d{2}$/);
  assert.equal(hasContent(draft), false, "what the form filled in is not the volunteer's work");
  draft.values.fonction = "maire";
  assert.equal(hasContent(draft), true);
  assert.deepEqual(newDraft(COURSE, now, {}, "id-2").values, { "date-rencontre": "2026-11-30" });
  const mountain = newDraft(COURSE, now, { ...territory, answers: { littoral: false, montagne: true } }, "id-3");
  assert.deepEqual(mountain.values.geographie, ["montagne"], "the finder's answers, as the geography question's");
  const unknown = newDraft(COURSE, now, { ...territory, answers: { littoral: null, montagne: null } }, "id-4");
  assert.equal(unknown.values.geographie, undefined);
});

test("saving a draft adds an answer, saving an edited one replaces it", () => {
  const now = new Date(2026, 10, 30, 14, 12, 40);
  let store = { version: 1, draft: { ...newDraft(COURSE, now, {}, "a"), values: complete() }, answers: [] };
  store = saveDraft(COURSE, store, now);
  assert.equal(store.draft, null);
  assert.deepEqual(store.answers.map((a) => a.uuid), ["a"]);
  assert.equal(store.answers[0].submitted, store.answers[0].ended);
  store.draft = { uuid: "a", started: "x", values: complete({ fonction: "adjoint" }), prefilled: {}, editing: true };
  store = saveDraft(COURSE, store, now);
  assert.deepEqual(store.answers.map((a) => [a.uuid, a.values.fonction]), [["a", "adjoint"]]);
  assert.equal(store.answers[0].started, isoLocal(now), "an edited answer keeps when it was started");
});

test("what the browser keeps is read back, and anything else is ignored", () => {
  const storage = memoryStorage();
  storage.setItem("k", JSON.stringify({ version: 1, draft: null, answers: [{ uuid: "a", values: {} }] }));
  assert.equal(loadStore(storage, "k").answers.length, 1);
  for (const bad of ["{", "[]", JSON.stringify({ version: 2, answers: [] }), JSON.stringify({ version: 1, answers: [null], draft: null })]) {
    storage.setItem("k", bad);
    assert.deepEqual(loadStore(storage, "k"), { version: 1, draft: null, answers: [] }, bad);
  }
});

test("the CSV export: the importer's columns, French Excel's format, formulas neutralised", () => {
  const answers = [
    { uuid: "u-1", started: "2026-11-30T14:02:11+01:00", ended: "2026-11-30T14:12:40+01:00", submitted: "2026-11-30T14:12:40+01:00",
      values: answerValues(COURSE, complete({ message: "=HYPERLINK(\"http://x\";\"clic\")", "besoin-precis": "Eau; énergie\n« urgent »" })) },
  ];
  const text = answersCsv(COURSE, answers);
  assert.ok(text.startsWith("\ufeff"), "byte-order mark");
  const lines = text.slice(1).split("\r\n");
  assert.equal(lines[0], COURSE.columns.join(";"));
  assert.deepEqual(COURSE.columns.slice(0, 4), ["_uuid", "_submission_time", "start", "end"]);
  assert.ok(lines[1].startsWith("u-1;2026-11-30T14:12:40+01:00;2026-11-30T14:02:11+01:00;2026-11-30T14:12:40+01:00;2026-11-30;commune;35238;;maire"));
  assert.ok(text.includes("chaleur secheresse"), "multiple answers as ids separated by spaces");
  assert.ok(text.includes(`"'=HYPERLINK(""http://x"";""clic"")"`), "a formula is neutralised and quoted");
  assert.ok(text.includes("\"Eau; énergie\n« urgent »\""), "separator and line break quoted");
  assert.ok(text.endsWith("\r\n"));
});

test("the JSON export follows the contract", () => {
  const answer = { uuid: "u-1", started: "s", ended: "e", submitted: "e", values: { "code-insee": "35238", risques: ["eau"] } };
  const data = JSON.parse(answersJson(COURSE, [answer], "2026-12-02T10:00:00.000Z"));
  assert.deepEqual(Object.keys(data), ["format", "version", "questionnaire", "questionnaire_version", "exported_at", "answers"]);
  assert.equal(data.format, "kaart-enquete");
  assert.equal(data.version, 1);
  assert.equal(data.questionnaire, COURSE.id);
  assert.deepEqual(data.answers, [answer]);
  assert.equal(exportName(COURSE, "json", new Date(2026, 10, 30, 9, 5)), "kaart-enquete-reponses-2026-11-30-0905.json");
});
