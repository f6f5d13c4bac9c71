// The browser side of the rules Python applies too (see tests/test_shared_rules.py): both answer the cases of
// tests/fixtures/shared-cases.json. Run: node --test tests/js/
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import { isSafeHref, plainText } from "../../kaart_course/static/common/dom.js";
import { formatDate, formatMinutes, formatNumber, formatSeconds, formatSecondsRange } from "../../kaart_course/static/common/format.js";
import { neutraliseCell } from "../../kaart_course/static/common/csv.js";
import { foldText, isAcronym } from "../../kaart_course/static/pitch/analysis.js";
import rules from "../../kaart_course/static/common/rules.json" with { type: "json" };

const CASES = JSON.parse(readFileSync(new URL("../fixtures/shared-cases.json", import.meta.url), "utf8"));

test("dates", () => { for (const [text, expected] of CASES.formatDate) assert.equal(formatDate(text), expected, text); });
test("numbers", () => {
  for (const [value, decimals, expected] of CASES.formatNumber) assert.equal(formatNumber(value, decimals), expected, `${value}`);
});
test("seconds", () => { for (const [s, expected] of CASES.formatSeconds) assert.equal(formatSeconds(s), expected, `${s}`); });
test("minutes", () => { for (const [m, expected] of CASES.formatMinutes) assert.equal(formatMinutes(m), expected, `${m}`); });
test("second ranges", () => {
  for (const [low, high, expected] of CASES.formatSecondsRange) assert.equal(formatSecondsRange(low, high), expected);
});
test("a date object reads like its ISO form", () => {
  assert.equal(formatDate(new Date(2024, 7, 1, 12)), "1er août 2024");
});
test("safe links", () => { for (const [href, safe] of CASES.safeHref) assert.equal(isSafeHref(href), safe, JSON.stringify(href)); });
test("acronym tokens", () => {
  const token = new RegExp(rules.acronym.token, "g");
  for (const [text, tokens] of CASES.acronymTokens) assert.deepEqual(foldText(text).cased.match(token) ?? [], tokens, text);
});
test("acronyms", () => { for (const [t, acronym] of CASES.isAcronym) assert.equal(isAcronym(t), acronym, t); });
test("inline trees to text", () => { for (const [tree, text] of CASES.plainText) assert.equal(plainText(tree), text); });
test("spreadsheet formulas", () => {
  for (const [cell, written] of CASES.neutraliseCell) assert.equal(neutraliseCell(cell), written, JSON.stringify(cell));
});
