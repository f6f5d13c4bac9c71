// Unit tests of the commune search (kaart_course/static/territoire/search.js). Run: node --test tests/js/
// The normalisation cases come from data/territoires/recherche.json, the file Python is tested on too; the
// site files are written by Python (KAART_PYTHON, else .venv/bin/python, else python3) into a temporary
// folder, and the JS ranking is compared with the Python reference, Territories.search.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";
import path from "node:path";
import vm from "node:vm";

import { decodeCommunes, normaliseName, searchCommunes } from "../../kaart_course/static/territoire/search.js";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const RULES = JSON.parse(readFileSync(path.join(REPO, "data", "territoires", "recherche.json"), "utf8"));
const PACKAGE = path.join(REPO, "node_modules", "@etalab", "decoupage-administratif", "data", "communes.json");

function python() {
  if (process.env.KAART_PYTHON) return process.env.KAART_PYTHON;
  const venv = path.join(REPO, ".venv", "bin", "python");
  return existsSync(venv) ? venv : "python3";
}

const QUERIES = ["saint etienne", "St-Étienne", "saint martin", "le havre", "briancon", "05100", "05023", "2A",
  "maen roch", "saint etienne en cogles", "paris 1er", "marseille 13", "97411", "la", "xyzzyville", "sainte marie",
  "les abymes", "mamoudzou", "l hay les roses", "973"];

test("normalisation: every case of recherche.json", () => {
  for (const [text, expected] of RULES.cases) assert.equal(normaliseName(text, RULES), expected, text);
});

test("search: the same results as the Python reference on the real data", { skip: !existsSync(PACKAGE) }, () => {
  const out = mkdtempSync(path.join(tmpdir(), "kaart-territoires-"));
  const script = [
    "import json, sys",
    "from pathlib import Path",
    "from kaart_course.territories import load_territories, write_compact",
    "t = load_territories()",
    "write_compact(t, Path(sys.argv[1]))",
    "print(json.dumps({q: [c.insee for c in t.search(q)] for q in json.loads(sys.argv[2])}))",
  ].join("\n");
  const expected = JSON.parse(execFileSync(python(), ["-c", script, out, JSON.stringify(QUERIES)],
    { cwd: REPO, encoding: "utf8" }));
  const context = { globalThis: {} };
  vm.runInNewContext(readFileSync(path.join(out, "kaart-communes-data.js"), "utf8"), context);
  const data = context.globalThis.kaartCommunesData;
  const communes = decodeCommunes(data);
  assert.equal(communes.length, 35008);
  for (const query of QUERIES) {
    assert.deepEqual(searchCommunes(communes, query, data.search).map((c) => c.insee), expected[query], query);
  }
  const briancon = communes.find((c) => c.insee === "05023");
  assert.deepEqual([briancon.name, briancon.departementName, briancon.postalCodes], ["Briançon", "Hautes-Alpes", ["05100"]]);
  const paris1 = communes.find((c) => c.insee === "75101");
  assert.equal(communes[paris1.parent].name, "Paris");
});
