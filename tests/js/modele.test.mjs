// Unit tests of what the chosen commune carries through the course: the message templates filled in
// (kaart_course/static/modele/fill.js) and the pitch studio's proposed scene (static/pitch/practice.js), on the
// course's own templates and profiles (read through Python: KAART_PYTHON, else .venv/bin/python, else python3).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

import { fillTemplate, missingFields, territoryValues, unwrap } from "../../kaart_course/static/modele/fill.js";
import { proposeScene } from "../../kaart_course/static/pitch/practice.js";
import { mainCahier } from "../../kaart_course/static/common/territory.js";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const python = () => process.env.KAART_PYTHON
  || (existsSync(path.join(REPO, ".venv", "bin", "python")) ? path.join(REPO, ".venv", "bin", "python") : "python3");
const fromPython = (code) => JSON.parse(execFileSync(python(), ["-c", `import json\n${code}`], { cwd: REPO, encoding: "utf8" }));

const TEMPLATE = fromPython("from kaart_course import modeles\nprint(json.dumps(modeles.template_state('demande-rdv-maire', 'Courriel')))");
const PITCH = fromPython("from kaart_course import pitch\nprint(json.dumps(pitch.load_data().to_state('all')))");
const BRIANCON = { insee: "05023", name: "Briançon", epci: "240500439", epciName: "CC du Briançonnais", epciType: "CC",
  population: 11411, cahiers: ["petites-villes", "montagne"], answers: { montagne: true, littoral: false } };

test("the chosen commune fills in the commune, its intercommunality, the territory type and the cahier", () => {
  const values = territoryValues(TEMPLATE.fields, BRIANCON, TEMPLATE.cahiers);
  assert.equal(values["Nom de la commune"], "Briançon");
  assert.equal(values["Titre du cahier"], "Montagne");
  assert.equal(values["Type de territoire"], "Montagne");
  assert.deepEqual(territoryValues(TEMPLATE.fields, null, TEMPLATE.cahiers), {});
  const text = fillTemplate(TEMPLATE.text, values);
  assert.match(text, /la résilience de Briançon face aux crises/);
  assert.ok(!text.includes("[Nom de la commune]"));
  assert.ok(missingFields(TEMPLATE.text, values).includes("Prénom Nom"));
  assert.ok(!missingFields(TEMPLATE.text, values).includes("Nom de la commune"));
});

test("a field left empty stays visible between brackets; a value typed by the reader wins", () => {
  assert.equal(fillTemplate("À [Nom de la commune], [Prénom Nom].", { "Prénom Nom": "  " }), "À [Nom de la commune], [Prénom Nom].");
  assert.equal(fillTemplate("À [Nom de la commune].", { "Nom de la commune": "Gap" }), "À Gap.");
});

test("the download has no hard line break inside a paragraph, and keeps the short lines", () => {
  for (const file of ["demande-rdv-maire", "demande-rdv-president-intercommunalite", "demande-rdv-technicien", "courrier-demande-rdv"]) {
    const template = readFileSync(path.join(REPO, "data", "modeles", `${file}.txt`), "utf8");
    const out = unwrap(template, { "Prénom Nom": "Camille Martin" }, TEMPLATE.wrapFrom);
    const paragraphs = template.trim().split(/\n\n+/).length;
    assert.equal(out.trim().split(/\n\n+/).length, paragraphs, `${file}: same paragraphs`);
    // Every word is kept, in order.
    assert.equal(out.replace(/\s+/g, " ").replaceAll("Camille Martin", "[Prénom Nom]").trim(), template.replace(/\s+/g, " ").trim(), file);
    for (const line of out.split("\n")) {
      if (line.length >= TEMPLATE.wrapFrom) continue;
      // A short line is a line of its own in the template too (a salutation, a signature, an address).
      assert.ok(template.split("\n").some((t) => fillTemplate(t, { "Prénom Nom": "Camille Martin" }) === line), `${file}: « ${line} »`);
    }
  }
  const maire = unwrap(TEMPLATE.text, {}, TEMPLATE.wrapFrom).split("\n");
  assert.ok(maire.some((line) => line.startsWith("J'habite à [Nom de la commune]") && line.endsWith("approvisionnement alimentaire.")));
  assert.ok(maire.includes("[Prénom Nom]"), "the signature keeps its own line");
});

test("the main cahier is the commune's geography, else its size", () => {
  assert.equal(mainCahier(BRIANCON), "montagne");
  assert.equal(mainCahier({ cahiers: ["grandes-villes", "littoral"] }), "littoral");
  assert.equal(mainCahier({ cahiers: ["villes-moyennes"] }), "villes-moyennes");
  assert.equal(mainCahier({ cahiers: ["petites-villes", "outre-mer"] }), "outre-mer");
  assert.equal(mainCahier({}), null);
});

test("the pitch studio proposes the maire of the commune's type, by its population", () => {
  const propose = (territory) => proposeScene(PITCH, territory);
  assert.deepEqual(propose(BRIANCON).territory, "montagne");
  assert.equal(propose(BRIANCON).profile, "maire-commune-montagne");
  assert.ok(propose(BRIANCON).others.includes("president-communaute-de-communes"));
  const small = { insee: "05001", name: "Abriès-Ristolas", population: 400, cahiers: ["petites-villes"] };
  assert.equal(propose(small).profile, "maire-commune-rurale");
  assert.equal(propose({ ...small, population: 8000 }).profile, "maire-petite-ville");
  assert.equal(propose({ insee: "17300", name: "La Rochelle", population: 77000, cahiers: ["villes-moyennes", "littoral"] }).profile, "maire-commune-littorale");
  assert.equal(propose({ insee: "97411", name: "Saint-Denis", population: 150000, cahiers: ["grandes-villes", "outre-mer"] }).profile, "maire-commune-ultramarine");
  assert.equal(propose(null), null);
});
