// Unit tests of the quiz's answer logic (kaart_course/static/quiz/types.js and logic.js). Run: node --test tests/js/
import { test } from "node:test";
import assert from "node:assert/strict";

import { grade } from "../../kaart_course/static/quiz/types.js";
import {
  displayOrder, loadProgress, saveProgress, scoreOf, seededShuffle, trainerRequested,
} from "../../kaart_course/static/quiz/logic.js";
import { parseNumber } from "../../kaart_course/static/common/format.js";
import { memoryStorage } from "../../kaart_course/static/common/storage.js";

const single = { id: "s", type: "single", answer: "b", options: [{ id: "a" }, { id: "b" }, { id: "c" }], shuffle: true };
const multiple = { id: "m", type: "multiple", answer: ["a", "c"], options: [{ id: "a" }, { id: "b" }, { id: "c" }], shuffle: true };
const trueFalse = { id: "t", type: "true-false", answer: false };
const numericAbs = { id: "n", type: "numeric", answer: 34875, tolerance: { kind: "absolute", value: 100 } };
const numericRel = { id: "r", type: "numeric", answer: 2.7, tolerance: { kind: "relative", value: 0.1 } };
const ordering = { id: "o", type: "ordering", items: [{ id: "x" }, { id: "y" }, { id: "z" }] };

test("parseNumber reads French and English numbers", () => {
  assert.equal(parseNumber("34 875"), 34875);
  assert.equal(parseNumber("34\u202f875"), 34875);
  assert.equal(parseNumber("2,7"), 2.7);
  assert.equal(parseNumber(" 2.7 "), 2.7);
  assert.equal(parseNumber("-3"), -3);
  assert.equal(parseNumber(""), null);
  assert.equal(parseNumber("environ 30"), null);
  assert.equal(parseNumber("1,2,3"), null);
});

test("single choice: only the right option", () => {
  assert.equal(grade(single, "b"), true);
  assert.equal(grade(single, "a"), false);
  assert.equal(grade(single, undefined), false);
});

test("multiple choice: exactly the right set", () => {
  assert.equal(grade(multiple, ["a", "c"]), true);
  assert.equal(grade(multiple, ["c", "a"]), true);
  assert.equal(grade(multiple, ["a"]), false);
  assert.equal(grade(multiple, ["a", "b", "c"]), false);
  assert.equal(grade(multiple, "a"), false);
});

test("true/false compares booleans", () => {
  assert.equal(grade(trueFalse, false), true);
  assert.equal(grade(trueFalse, true), false);
  assert.equal(grade(trueFalse, "false"), false);
});

test("numeric answers accept the tolerance, absolute or relative", () => {
  assert.equal(grade(numericAbs, 34875), true);
  assert.equal(grade(numericAbs, 34975), true);
  assert.equal(grade(numericAbs, 34976), false);
  assert.equal(grade(numericRel, 2.97), true);
  assert.equal(grade(numericRel, 2.43), true);
  assert.equal(grade(numericRel, 3.0), false);
  assert.equal(grade(numericAbs, Number.NaN), false);
  assert.equal(grade({ ...numericAbs, tolerance: undefined }, 34875), true);
});

test("ordering must match the written order", () => {
  assert.equal(grade(ordering, ["x", "y", "z"]), true);
  assert.equal(grade(ordering, ["y", "x", "z"]), false);
  assert.equal(grade(ordering, ["x", "y"]), false);
});

test("score counts right and answered questions", () => {
  const questions = [single, multiple, trueFalse, numericAbs, ordering];
  assert.deepEqual(scoreOf(questions, {}), { correct: 0, answered: 0, total: 5 });
  assert.deepEqual(scoreOf(questions, { s: "b", m: ["a"], t: false }), { correct: 2, answered: 3, total: 5 });
});

test("shuffling is a permutation fixed by the seed", () => {
  const list = Array.from({ length: 20 }, (_, i) => i);
  const once = seededShuffle(list, "lecteur-1:q");
  assert.deepEqual(seededShuffle(list, "lecteur-1:q"), once);
  assert.deepEqual([...once].sort((a, b) => a - b), list);
  assert.notDeepEqual(seededShuffle(list, "lecteur-2:q"), once);
});

test("display order keeps written order when shuffle is off, and never shows an ordering solved", () => {
  assert.deepEqual(displayOrder({ ...single, shuffle: false }, "seed").map((o) => o.id), ["a", "b", "c"]);
  for (let seed = 0; seed < 200; seed += 1) {
    const shown = displayOrder(ordering, `s${seed}`).map((i) => i.id);
    assert.notDeepEqual(shown, ["x", "y", "z"]);
    assert.deepEqual([...shown].sort(), ["x", "y", "z"]);
  }
});

test("progress round-trips through storage and survives garbage", () => {
  const storage = memoryStorage();
  assert.deepEqual(loadProgress(storage, "bank").answers, {});
  const saved = saveProgress(storage, "bank", [single, trueFalse], { s: "b", t: true });
  assert.deepEqual(saved.score, { correct: 1, answered: 2, total: 2 });
  assert.deepEqual(loadProgress(storage, "bank").answers, { s: "b", t: true });
  storage.setItem("kaart:quiz:broken", "{not json");
  assert.deepEqual(loadProgress(storage, "broken").answers, {});
});

test("trainer mode is asked by ?formateur or #formateur", () => {
  assert.equal(trainerRequested({ search: "?formateur", hash: "" }), true);
  assert.equal(trainerRequested({ search: "?formateur=1&x=2", hash: "" }), true);
  assert.equal(trainerRequested({ search: "", hash: "#formateur" }), true);
  assert.equal(trainerRequested({ search: "?x=1", hash: "#quiz" }), false);
});
