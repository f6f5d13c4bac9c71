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

import {
  communeCard, decodeCommunes, noResultMessage, normaliseName, resultLabel, searchCommunes, territoryRecord,
} from "../../kaart_course/static/territoire/search.js";

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

// --- the finder's cases, on the real derived data ------------------------------------------------------------

let site = null;
/** The two site files, written once by Python into a temporary folder, and the decoded communes. */
function siteData() {
  if (site) return site;
  const out = mkdtempSync(path.join(tmpdir(), "kaart-finder-"));
  execFileSync(python(), ["-c", "import sys\nfrom pathlib import Path\nfrom kaart_course.territories import load_territories, write_compact\nwrite_compact(load_territories(), Path(sys.argv[1]))", out],
    { cwd: REPO, encoding: "utf8" });
  const context = { globalThis: {} };
  vm.runInNewContext(readFileSync(path.join(out, "kaart-communes-data.js"), "utf8"), context);
  vm.runInNewContext(readFileSync(path.join(out, "kaart-communes-fiches.js"), "utf8"), context);
  // Into this realm's objects (the files ran in another context), as a page's script would give them.
  const data = JSON.parse(JSON.stringify(context.globalThis.kaartCommunesData));
  const fiches = JSON.parse(JSON.stringify(context.globalThis.kaartCommunesFiches));
  site = { data, fiches, communes: decodeCommunes(data) };
  return site;
}

const find = (query, limit = 10) => {
  const { communes, data } = siteData();
  return searchCommunes(communes, query, data.search, limit);
};
const first = (query) => find(query)[0]?.insee;
const byInsee = (insee) => siteData().communes.find((c) => c.insee === insee);
const card = (insee, answers) => {
  const { communes, fiches } = siteData();
  return communeCard(communes, fiches, byInsee(insee).index, answers);
};
const skip = !existsSync(PACKAGE);

test("finder: accents, case, hyphens, « St », « Le / La » make no difference", { skip }, () => {
  for (const query of ["saint etienne", "Saint-Étienne", "ST ETIENNE", "st-etienne", "St Étienne"]) {
    assert.equal(first(query), "42218", query);
  }
  for (const query of ["le havre", "havre", "LE HAVRE"]) assert.equal(first(query), "76351", query);
  assert.equal(first("briancon"), "05023");
  assert.equal(first("l hay les roses"), "94038");
  assert.equal(first("villeneuve d ascq"), "59009");
});

test("finder: a postal code lists every commune that shares it; an INSEE code finds its commune", { skip }, () => {
  const shared = find("35460", 50).map((c) => c.insee);
  assert.ok(shared.length >= 5, "35460 is shared by several communes");
  for (const insee of shared) assert.ok(byInsee(insee).postalCodes.includes("35460"), insee);
  const sizes = shared.map((insee) => byInsee(insee).sizeRank);
  assert.deepEqual(sizes, [...sizes].sort((a, b) => b - a), "the biggest first");
  // A code that is both an INSEE code and a postal code: that commune first, then those of the postal code.
  const both = find("05100", 50);
  assert.equal(both[0].insee, "05100");
  assert.deepEqual(both.slice(1, 3).map((c) => c.insee).includes("05023"), true);
  for (const commune of both.slice(1)) assert.ok(commune.postalCodes.includes("05100"), commune.insee);
  assert.equal(first("05023"), "05023");
  assert.equal(first("2A004"), "2A004", "Ajaccio, a Corsican INSEE code");
  assert.equal(first("2a004"), "2A004");
});

test("finder: a commune in each DROM, by name and by code", { skip }, () => {
  const drom = [["les abymes", "97101", "971"], ["fort de france", "97209", "972"], ["cayenne", "97302", "973"],
    ["saint denis", "93066", null], ["mamoudzou", "97611", "976"]];
  for (const [query, insee, departement] of drom) {
    if (departement) {
      assert.equal(first(query), insee, query);
      assert.equal(byInsee(insee).zone, "drom");
      assert.ok(card(insee).cahiers.some((c) => c.id === "outre-mer"), `${query}: outre-mer`);
    }
  }
  const reunion = find("saint denis", 30).find((c) => c.insee === "97411");
  assert.ok(reunion, "Saint-Denis de La Réunion among the Saint-Denis");
  assert.equal(resultLabel(reunion), "Saint-Denis (La Réunion, 974)");
  assert.equal(first("97411"), "97411");
});

test("finder: Paris, Lyon, Marseille and their arrondissements", { skip }, () => {
  assert.equal(first("paris"), "75056");
  assert.equal(first("lyon"), "69123");
  assert.equal(first("marseille"), "13055");
  assert.equal(first("paris 1er"), "75101");
  assert.equal(first("marseille 13"), "13213");
  assert.equal(first("lyon 3e"), "69383");
  const arrondissement = card("13213");
  assert.deepEqual(arrondissement.parent, { insee: "13055", name: "Marseille" });
  assert.deepEqual(arrondissement.cahiers.map((c) => c.id), card("13055").cahiers.map((c) => c.id));
  assert.equal(card("75056").council.label, "conseil de Paris");
});

test("finder: homonyms are told apart by their département", { skip }, () => {
  const results = find("saint martin", 10).filter((c) => c.name === "Saint-Martin");
  assert.ok(results.length >= 4);
  const labels = results.map(resultLabel);
  assert.equal(new Set(labels).size, labels.length, "each label is unique");
  assert.ok(labels.includes("Saint-Martin (Gers, 32)"));
});

test("finder: a name that does not exist finds nothing and says what to try", { skip }, () => {
  assert.deepEqual(find("xyzzyville"), []);
  assert.match(noResultMessage("xyzzyville"), /Aucune commune ne s'appelle « xyzzyville »/);
  assert.match(noResultMessage("xyzzyville"), /code postal/);
  assert.deepEqual(find("99999"), []);
  assert.match(noResultMessage("99999"), /Aucune commune n'a le code postal ou le code INSEE « 99999 »/);
});

test("finder card: Briançon, with why, and the reader's answers adding a cahier", { skip }, () => {
  const briancon = card("05023");
  assert.equal(briancon.name, "Briançon");
  assert.equal(briancon.populationYear, 2023);
  assert.equal(briancon.epci.type, "CC");
  assert.equal(briancon.epci.typeLabel, "une communauté de communes");
  assert.equal(briancon.council.members, 33);
  assert.deepEqual(briancon.cahiers.map((c) => c.id), ["petites-villes"]);
  assert.ok(briancon.cahiers[0].reasons.includes("membre d'une communauté de communes"));
  assert.deepEqual(briancon.questions.map((q) => [q.id, q.answer]), [["littoral", null], ["montagne", null]]);
  const mountain = card("05023", { montagne: true, littoral: false });
  assert.deepEqual(mountain.cahiers.map((c) => c.id), ["petites-villes", "montagne"]);
  assert.deepEqual(mountain.cahiers[1].reasons, ["commune en zone de montagne, d'après votre réponse"]);
  const record = territoryRecord(mountain, "2026-12-02");
  assert.deepEqual(record, {
    insee: "05023", name: "Briançon", departement: "05", departementName: "Hautes-Alpes", zone: "metropole",
    epci: briancon.epci.siren, epciName: briancon.epci.name, epciType: "CC", population: briancon.population,
    populationYear: 2023, cahiers: ["petites-villes", "montagne"], answers: { littoral: false, montagne: true },
    chosen: "2026-12-02",
  });
});

test("finder card: Mamoudzou's population year is Mayotte's census, an overseas collectivity shows no council size", { skip }, () => {
  assert.equal(card("97611").populationYear, 2017);
  const saintMartin = card("97801");
  assert.equal(saintMartin.zone, "com");
  assert.equal(saintMartin.council.members, null);
  assert.ok(saintMartin.council.note.length > 10);
});
