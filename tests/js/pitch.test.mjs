// Unit tests of the pitch studio's logic (kaart_course/static/pitch/analysis.js and practice.js). Run: node --test tests/js/
// The course's own rules are read from data/pitch through Python (KAART_PYTHON, else .venv/bin/python,
// else python3), so that every rule is tested against the examples it carries.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

import {
  analyse, budgetStatus, checkStructure, compilePatterns, compileRules, countWords, findFlags, findMatches, foldText,
  patternSource, sceneBudget, sentences, speakingSeconds, stepSeconds,
} from "../../kaart_course/static/pitch/analysis.js";
import {
  drawObjection, formatClock, likelyObjections, normaliseScene, pitchSheet, timerAnnouncement, timerView,
} from "../../kaart_course/static/pitch/practice.js";
import { loadJSON as loadSaved, memoryStorage, saveJSON as save } from "../../kaart_course/static/common/storage.js";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

function python() {
  if (process.env.KAART_PYTHON) return process.env.KAART_PYTHON;
  const venv = path.join(REPO, ".venv", "bin", "python");
  return existsSync(venv) ? venv : "python3";
}

const COURSE = JSON.parse(execFileSync(python(), ["-c",
  "import json; from kaart_course import pitch; print(json.dumps(pitch.load_data().to_state('all', examples=True)))"],
{ cwd: REPO, encoding: "utf8" }));

const match = (patterns, text) => findMatches(compilePatterns(patterns), foldText(text)).map((m) => m.excerpt);

// A small rule set written here, so that the engine's behaviour does not depend on the course's wording.
const RULES = {
  rate: { wordsPerMinute: 120 },
  margin: { under: 0.25, over: 0.1 },
  situations: [
    { id: "court", label: "Court", min_seconds: 30, max_seconds: 30 },
    { id: "long", label: "Long", min_seconds: 180, max_seconds: 300 },
  ],
  custom: { label: "Durée libre", min_seconds: 10, max_seconds: 600, default_seconds: 90 },
  territories: [{ id: "littoral", label: "Littoral" }, { id: "montagne", label: "Montagne" }],
  profiles: [{ id: "maire", label: "Maire", territories: ["littoral"], concerns: ["a", "b"], competences: ["c", "d"], constraints: ["e", "f"], keywords: ["trait de côte", "plage*"] }],
  structure: [
    { id: "moi", label: "Qui je suis", looksFor: "…", missing: "Présentez-vous.", profileKeywords: "",
      seconds: { court: 10, long: 100 },
      groups: [{ label: "présentation", patterns: ["je m'appelle"] }, { label: "ancrage", patterns: ["habit*", "non partisan*"] }] },
    { id: "lien", label: "Compétences", looksFor: "…", missing: "Reliez.", profileKeywords: "son domaine",
      seconds: { court: 20, long: 200 },
      groups: [{ label: "levier", patterns: ["compétence*"] }] },
  ],
  wording: {
    longSentence: { maxWords: 12, label: "Phrase longue", suggestion: "Coupez." },
    jargon: { label: "Jargon", suggestion: "Dites plutôt : « {plain} »." },
    acronyms: { label: "Sigle", suggestion: "Expliquez.", allowed: ["ONU"] },
    rules: [{ id: "alarme", kind: "alarmist", label: "Alarmiste", patterns: ["catastroph*", "trop tard"], suggestion: "Calmement." }],
  },
  glossary: [
    { term: "PLU", expansion: "plan local d'urbanisme", plain: "les règles d'urbanisme", aliases: [], acronym: true },
    { term: "SCoT", expansion: "schéma de cohérence territoriale", plain: "le projet du bassin de vie", aliases: ["SCOT"], acronym: true },
  ],
};

// --- Folding and patterns -----------------------------------------------------------------------------

test("folding drops accents, unifies apostrophes and maps back to the original", () => {
  const folded = foldText("L’été à Saint‑Étienne, cœur, ŒUVRE");
  assert.equal(folded.text, "l'ete a saint-etienne, coeur, oeuvre");
  assert.equal(folded.cased, "L'ete a Saint-Etienne, coeur, OEUVRE", "capitals are kept aside for acronyms");
  assert.equal(folded.map.length, folded.text.length + 1);
  assert.equal(folded.source.slice(folded.map[2], folded.map[5]), "été");
  assert.equal(foldText("e\u0301te\u0301").text, "ete", "decomposed accents are dropped too");
  assert.equal(foldText("Straße, Łódź").text, "strasse, lodz", "letters without an ASCII base are spelled out");
});

test("patterns ignore case and accents both ways, and keep whole words", () => {
  assert.deepEqual(match(["ecole"], "L'École ferme."), ["École"]);
  assert.deepEqual(match(["école"], "l'ecole ferme"), ["ecole"]);
  assert.deepEqual(match(["ici"], "Icitte, mais pas ici."), ["ici"]);
  assert.deepEqual(match(["crue"], "les crues, la crue"), ["crue"]);
});

test("a star stands for any letters: plurals and derived words", () => {
  assert.deepEqual(match(["habit*"], "J'habite ici, les habitants aussi."), ["habite", "habitants"]);
  assert.deepEqual(match(["crue*"], "les crues, la crue"), ["crues", "crue"]);
  assert.deepEqual(match(["inondation*"], "une inondation"), ["inondation"]);
});

test("typographic and straight apostrophes match each other; hyphens match spaces", () => {
  assert.deepEqual(match(["je m'appelle"], "Je m’appelle Lou"), ["Je m’appelle"]);
  assert.deepEqual(match(["d’après"], "d'après l'Insee"), ["d'après"]);
  assert.deepEqual(match(["pourrions-nous"], "Pourrions nous ? Pourrions-nous ?"), ["Pourrions nous", "Pourrions-nous"]);
  assert.deepEqual(match(["l'ete dernier"], "l’été   dernier"), ["l’été   dernier"]);
});

test("re: patterns are regular expressions on the folded text", () => {
  assert.deepEqual(match(["re:\\d+\\s?%"], "Près de 70 % des actifs"), ["70 %"]);
  assert.deepEqual(match(["re:\\b\\d{1,2}\\s+fevrier\\b"], "le 12 février"), ["12 février"]);
  assert.match(patternSource("re:abc"), /^abc$/);
});

test("pattern text is escaped, never run as a regular expression", () => {
  assert.deepEqual(match(["(ha)+"], "haha (ha)+"), ["(ha)+"]);
  assert.deepEqual(match(["a.b"], "axb a.b"), ["a.b"]);
  assert.doesNotThrow(() => compilePatterns(["[", "\\", "$^"]));
});

// --- Words, time, budget ------------------------------------------------------------------------------

test("words are counted as a reader counts them", () => {
  assert.equal(countWords(""), 0);
  assert.equal(countWords("   \n "), 0);
  assert.equal(countWords("Bonjour Madame la Maire."), 4);
  assert.equal(countWords("l'école, c’est-à-dire aujourd'hui"), 3);
  assert.equal(countWords("En 2024, 70 % des actifs"), 5);
  assert.equal(countWords("<script>alert(1)</script>"), 4, "markup typed in the text is just words");
});

test("long texts are counted word for word, whatever their length", () => {
  for (const n of [49, 50, 51, 130, 1000, 5000]) {
    assert.equal(countWords(Array.from({ length: n }, (_, i) => (i % 7 === 0 ? "l'élu" : `mot${i}`)).join(" ")), n);
    assert.equal(countWords(Array.from({ length: n }, () => "Bonjour.").join("\n")), n, "one word per line");
  }
});

test("speaking time follows the rate", () => {
  assert.equal(speakingSeconds(130, 130), 60);
  assert.equal(speakingSeconds(65, 130), 30);
  assert.equal(speakingSeconds(10, 0), 0);
});

test("a scene's budget comes from its situation, or from the custom duration within bounds", () => {
  assert.deepEqual(sceneBudget(RULES, { situation: "court" }), { min: 30, max: 30, label: "Court" });
  assert.deepEqual(sceneBudget(RULES, { situation: "long" }), { min: 180, max: 300, label: "Long" });
  assert.equal(sceneBudget(RULES, { situation: "custom", customSeconds: 75 }).max, 75);
  assert.equal(sceneBudget(RULES, { situation: "custom", customSeconds: 2 }).max, 10);
  assert.equal(sceneBudget(RULES, { situation: "custom", customSeconds: 9999 }).max, 600);
  assert.equal(sceneBudget(RULES, { situation: "custom", customSeconds: "n'importe quoi" }).max, 90);
});

test("budget status: under, ok, over, with the data's margins", () => {
  const fixed = { min: 120, max: 120 };
  const margin = { under: 0.25, over: 0.1 };
  assert.equal(budgetStatus(0, fixed, margin).status, "empty");
  assert.equal(budgetStatus(89, fixed, margin).status, "under");
  assert.equal(budgetStatus(90, fixed, margin).status, "ok");
  assert.equal(budgetStatus(132, fixed, margin).status, "ok");
  assert.equal(budgetStatus(133, fixed, margin).status, "over");
  const range = budgetStatus(250, { min: 180, max: 300 }, margin);
  assert.deepEqual([range.status, range.low, range.high], ["ok", 135, 330]);
});

test("the rehearsal clock reads minutes and seconds", () => {
  assert.equal(formatClock(65), "1:05");
  assert.equal(formatClock(0), "0:00");
  assert.equal(formatClock(-3), "0:00");
});

// --- Structure checklist ------------------------------------------------------------------------------

test("an item is done when every group matches, partial when some do, and shows what matched", () => {
  const compiled = compileRules(RULES);
  const check = (text) => checkStructure(foldText(text), compiled, null)[0];
  assert.equal(check("Bonjour.").status, "missing");
  const partial = check("Je m’appelle Lou.");
  assert.equal(partial.status, "partial");
  assert.deepEqual(partial.groups.map((g) => g.matches.map((m) => m.excerpt)), [["Je m’appelle"], []]);
  const done = check("Je m’appelle Lou, j’habite ici, comme les autres habitants, habitants, HABITANTS.");
  assert.equal(done.status, "done");
  assert.deepEqual(done.groups[1].matches.map((m) => m.excerpt), ["habite", "habitants"], "excerpts are de-duplicated");
});

test("at most three excerpts per group are shown", () => {
  const compiled = compileRules(RULES);
  const result = checkStructure(foldText("habite habitant habitants habitation habitude"), compiled, null)[0];
  assert.equal(result.groups[1].matches.length, 3);
});

test("once an élu is chosen, the competences step also asks for a word of the élu's domain", () => {
  const compiled = compileRules(RULES);
  const topic = foldText("La plage recule.");
  assert.equal(checkStructure(topic, compiled, null)[1].status, "missing");
  const topicOnly = checkStructure(topic, compiled, RULES.profiles[0])[1];
  assert.equal(topicOnly.status, "partial", "a topic of the élu is not a lever");
  assert.deepEqual(topicOnly.groups.map((g) => g.label), ["levier", "son domaine"]);
  assert.deepEqual(topicOnly.groups[1].matches.map((m) => m.excerpt), ["plage"]);
  const both = checkStructure(foldText("La plage recule : c'est une compétence de la commune."), compiled, RULES.profiles[0])[1];
  assert.equal(both.status, "done");
  assert.equal(checkStructure(foldText("C'est une compétence."), compiled, null)[1].status, "done", "no élu chosen: the lever suffices");
});

test("each step lasts what the situation's plan says, scaled for a custom duration", () => {
  assert.deepEqual(stepSeconds(RULES, { situation: "court" }), { moi: 10, lien: 20 });
  assert.deepEqual(stepSeconds(RULES, { situation: "custom", customSeconds: 150 }), { moi: 50, lien: 100 });
});

// --- Wording flags ------------------------------------------------------------------------------------

const flagsOf = (text, state = RULES) => findFlags(foldText(text), compileRules(state));

test("jargon from the glossary is flagged with its plain alternative", () => {
  const [flag] = flagsOf("Le PLU interdit cela.");
  assert.deepEqual([flag.kind, flag.rule, flag.excerpt], ["jargon", "PLU", "PLU"]);
  assert.equal(flag.suggestion, "Dites plutôt : « les règles d'urbanisme ».");
  assert.deepEqual(flagsOf("Le SCOT et le SCoT").map((f) => f.rule), ["SCoT", "SCoT"], "aliases too");
});

test("jargon explained in the text is not flagged", () => {
  assert.deepEqual(flagsOf("Le PLU (les règles d'urbanisme) interdit cela."), []);
  assert.deepEqual(flagsOf("Le plan local d’urbanisme, ou PLU, interdit cela."), []);
});

test("an acronym written in lower case is an ordinary word: « il a plu » is not the PLU", () => {
  assert.deepEqual(flagsOf("Il a plu toute la nuit."), []);
  assert.deepEqual(flagsOf("Plu ou pas, nous viendrons."), [], "a capital at the start of a sentence is not an acronym");
});

test("unknown acronyms are flagged unless allowed, explained or roman numerals", () => {
  const flags = flagsOf("Le SRCAE et l’ONU. Au XXe siècle, Louis XIV. Le CCAS (centre communal d'action sociale).");
  assert.deepEqual(flags.map((f) => [f.kind, f.excerpt]), [["acronym", "SRCAE"]]);
  assert.deepEqual(flagsOf("L'État et Météo-France"), [], "one capital letter is not an acronym");
});

test("long sentences are flagged with their length; line breaks end a sentence", () => {
  const long = "Un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze.";
  const [flag] = flagsOf(long);
  assert.equal(flag.kind, "long-sentence");
  assert.match(flag.suggestion, /^14 mots\. Coupez\./);
  assert.ok(flag.excerpt.endsWith("…"));
  assert.deepEqual(flagsOf("Un deux trois quatre cinq six sept\nhuit neuf dix onze douze treize quatorze"), []);
  assert.deepEqual(sentences("Bonjour. Ça va ? Oui !").map((s) => s.words), [1, 2, 1]);
});

test("wording rules flag what matched, in reading order", () => {
  const flags = flagsOf("Il sera trop tard. Une CATASTROPHE, des catastrophes.");
  assert.deepEqual(flags.map((f) => [f.kind, f.excerpt]), [["alarmist", "trop tard"], ["alarmist", "CATASTROPHE"], ["alarmist", "catastrophes"]]);
  assert.ok(flags.every((f, i) => i === 0 || flags[i - 1].start <= f.start));
});

test("markup typed by the volunteer stays text in every result", () => {
  const text = "<img src=x onerror=alert(1)> <script>alert('PLU')</script> catastrophe";
  const result = analyse(text, RULES, { situation: "court" });
  const excerpts = result.flags.map((f) => f.excerpt).join(" ");
  assert.ok(excerpts.includes("catastrophe"));
  assert.ok(result.flags.every((f) => text.slice(f.start, f.end) === f.excerpt), "excerpts are slices of the text");
});

// --- The course's own rules: each one passes the examples it carries ----------------------------------

for (const item of COURSE.structure) {
  test(`structure item « ${item.id} » ticks its examples and only them`, () => {
    const compiled = compileRules(COURSE);
    assert.ok(item.examples.match.length, "au moins un exemple");
    for (const example of item.examples.match) {
      const result = checkStructure(foldText(example), compiled, null).find((r) => r.id === item.id);
      assert.equal(result.status, "done", `« ${example} » devrait cocher ${item.id}`);
      assert.ok(result.groups.every((g) => g.matches.every((m) => example.includes(m.excerpt))));
    }
    for (const example of item.examples.noMatch) {
      const result = checkStructure(foldText(example), compiled, null).find((r) => r.id === item.id);
      assert.notEqual(result.status, "done", `« ${example} » ne devrait pas cocher ${item.id}`);
    }
  });
}

for (const rule of COURSE.wording.rules) {
  test(`wording rule « ${rule.id} » flags its examples and only them`, () => {
    const compiled = compileRules(COURSE);
    for (const example of rule.examples.match) {
      assert.ok(findFlags(foldText(example), compiled).some((f) => f.rule === rule.id), `« ${example} » devrait être signalé`);
    }
    for (const example of rule.examples.noMatch) {
      assert.ok(!findFlags(foldText(example), compiled).some((f) => f.rule === rule.id), `« ${example} » ne devrait pas être signalé`);
    }
  });
}

test("every élu profile's keywords compile and find their own words", () => {
  const compiled = compileRules(COURSE);
  for (const profile of COURSE.profiles) {
    const sample = profile.keywords.map((k) => (k.startsWith("re:") ? "" : k.replace(/\*/g, ""))).join(". ");
    const result = checkStructure(foldText(`${sample}. Vous pouvez porter ce sujet.`), compiled, profile).find((r) => r.id === "competences");
    assert.equal(result.status, "done", profile.id);
    assert.equal(result.groups.at(-1).matches.length > 0, true, profile.id);
  }
});

test("the course's one structure: six steps in the charter's order, filling each situation's time", () => {
  assert.deepEqual(COURSE.structure.map((s) => s.id), ["qui-je-suis", "accroche-locale", "deja-fait", "chiffre-source",
    "competences", "suite"]);
  const ids = COURSE.structure.map((s) => s.id);
  assert.ok(ids.indexOf("deja-fait") < ids.indexOf("competences"), "reconnaître ce qui est fait avant de suggérer");
  for (const situation of COURSE.situations) {
    const plan = stepSeconds(COURSE, { situation: situation.id });
    assert.equal(Object.values(plan).reduce((a, b) => a + b, 0), situation.max_seconds, situation.id);
  }
});

test("every glossary term of the course is flagged when used bare, and not when explained", () => {
  const compiled = compileRules(COURSE);
  for (const entry of COURSE.glossary) {
    const bare = findFlags(foldText(`Parlons du ${entry.term} demain.`), compiled);
    assert.ok(bare.some((f) => f.kind === "jargon" && f.rule === entry.term), entry.term);
    const explained = findFlags(foldText(`Parlons du ${entry.term} (${entry.plain}) demain.`), compiled);
    assert.ok(!explained.some((f) => f.kind === "jargon" && f.rule === entry.term), entry.term);
  }
  assert.ok(!COURSE.glossary.some((e) => e.term === "adjoint au maire"), "allowed terms are not jargon");
});

test("the course's speaking rate is stated with its source", () => {
  assert.ok(COURSE.rate.wordsPerMinute >= COURSE.rate.usualRange[0] && COURSE.rate.wordsPerMinute <= COURSE.rate.usualRange[1]);
  assert.match(COURSE.rate.source.url, /^https:\/\//);
  assert.match(COURSE.rate.source.date, /^\d{4}-\d{2}-\d{2}$/);
});

test("a full pitch for a real scene: counts, time, ticks and flags", () => {
  const text = [
    "Bonjour Madame l’adjointe, je m’appelle Claire, j’habite le quartier de la gare et je suis bénévole dans un collectif non partisan.",
    "Lors de la canicule de l’été dernier, l’école a fermé deux jours.",
    "J’ai lu que votre plan climat prévoit déjà de végétaliser les cours.",
    "Selon Météo-France, les jours de forte chaleur ont doublé en trente ans.",
    "En tant qu’adjointe à la transition, vous pouvez porter ce sujet de rénovation.",
    "Je vous propose de vous présenter le cahier des villes moyennes.",
    "Pourrions-nous en parler vingt minutes le mois prochain ?",
  ].join("\n");
  const result = analyse(text, COURSE, { situation: "rencontre-fortuite", profile: "adjointe-transition-ville-moyenne" });
  assert.equal(result.words, countWords(text));
  assert.equal(Math.round(result.seconds), Math.round((result.words / COURSE.rate.wordsPerMinute) * 60));
  assert.equal(result.fit.status, "over", "plus de 30 secondes");
  assert.deepEqual(result.structure.filter((r) => r.status !== "done").map((r) => r.id), []);
  assert.deepEqual(result.flags, []);
});

// --- Timer, objections, saved work, sheet --------------------------------------------------------------

test("the timer counts down, then shows the overrun", () => {
  assert.deepEqual(timerView(30, 0), { phase: "running", remaining: 30, display: "0:30" });
  assert.equal(timerView(30, 500).display, "0:30");
  assert.equal(timerView(30, 20500).phase, "final");
  assert.equal(timerView(30, 30000).phase, "over");
  assert.equal(timerView(30, 35200).display, "+0:05");
});

test("the timer speaks only for the last ten seconds and the end", () => {
  assert.equal(timerAnnouncement(30, 29.8, 30), "");
  assert.equal(timerAnnouncement(10.1, 9.9, 30), "Plus que 10 secondes.");
  assert.equal(timerAnnouncement(9.9, 9.7, 30), "");
  assert.equal(timerAnnouncement(0.1, -0.1, 30), "Temps écoulé.");
  assert.equal(timerAnnouncement(-0.1, -0.3, 30), "");
  assert.equal(timerAnnouncement(10, 9.8, 10), "", "a ten-second budget does not announce its start as the end");
});

test("likely objections fit the élu and territory, those named for them first", () => {
  const deck = [
    { id: "general", profiles: ["all"], territories: ["all"] },
    { id: "montagne", profiles: ["all"], territories: ["montagne"] },
    { id: "maire", profiles: ["maire"], territories: ["all"] },
    { id: "autre", profiles: ["president"], territories: ["littoral"] },
  ];
  assert.deepEqual(likelyObjections(deck, "maire", "littoral").map((o) => o.id), ["maire", "general"]);
  assert.deepEqual(likelyObjections(deck, "", "").map((o) => o.id), ["general", "montagne", "maire", "autre"]);
  assert.deepEqual(likelyObjections(deck, "", "montagne").map((o) => o.id), ["montagne", "general", "maire"]);
});

test("the course has at least twelve objections, and every scene has some", () => {
  assert.ok(COURSE.objections.length >= 12);
  for (const profile of COURSE.profiles) {
    for (const territory of profile.territories) {
      assert.ok(likelyObjections(COURSE.objections, profile.id, territory).length >= 5, `${profile.id} / ${territory}`);
    }
  }
});

test("drawing never repeats an objection before the deck is exhausted", () => {
  const deck = [{ id: "a" }, { id: "b" }, { id: "c" }];
  const drawn = [];
  for (let i = 0; i < 3; i += 1) drawn.push(drawObjection(deck, drawn, () => 0.99).id);
  assert.deepEqual([...drawn].sort(), ["a", "b", "c"]);
  assert.ok(["a", "b", "c"].includes(drawObjection(deck, drawn, () => 0).id));
  assert.equal(drawObjection([], []), null);
});

test("saved work round-trips and survives garbage", () => {
  const storage = memoryStorage();
  assert.deepEqual(loadSaved(storage, "k", { text: "" }), { text: "" });
  save(storage, "k", { text: "Bonjour" });
  assert.deepEqual(loadSaved(storage, "k", { text: "" }), { text: "Bonjour" });
  storage.setItem("k", "{pas du json");
  assert.deepEqual(loadSaved(storage, "k", { text: "" }), { text: "" });
  storage.setItem("k", "[1,2]");
  assert.deepEqual(loadSaved(storage, "k", {}), {}, "wrong shape is ignored");
});

test("a scene is completed with defaults and stripped of unknown ids", () => {
  assert.deepEqual(normaliseScene(RULES, {}), { situation: "court", customSeconds: 90, territory: "", profile: "" });
  assert.deepEqual(normaliseScene(RULES, { situation: "x", territory: "lune", profile: "maire", customSeconds: -4 }),
    { situation: "court", customSeconds: 90, territory: "", profile: "maire" });
  assert.equal(normaliseScene(RULES, { situation: "custom", customSeconds: 45 }).customSeconds, 45);
});

test("the downloadable sheet holds the scene, the text, the checklist, the flags and the grid", () => {
  const scene = { situation: "ouverture-rendez-vous", territory: "littoral", profile: "maire-commune-littorale", customSeconds: 90 };
  const text = "Je m'appelle Lou, j'habite ici.\nLe PCAET <b>gras</b>.";
  const sheet = pitchSheet(COURSE, {
    scene, text, analysis: analyse(text, COURSE, scene), date: new Date("2026-11-27T12:00:00Z"),
    answers: { "pas-de-budget": { text: "Je comprends." } }, ratings: { levels: { presentation: 2 }, notes: "Ralentir." },
  });
  assert.match(sheet, /^# Ma prise de parole devant un élu/);
  assert.match(sheet, /Situation : Présentation en rendez-vous \(5 min\)/);
  assert.match(sheet, /Élu : Maire d'une commune littorale/);
  assert.match(sheet, /> Le PCAET <b>gras<\/b>\./);
  assert.match(sheet, /- \[x\] Qui je suis — « Je m'appelle », « j'habite »/);
  assert.match(sheet, /\*\*Jargon\*\* : « PCAET »/);
  assert.match(sheet, /« Nous n'avons pas de budget pour ça\. »/);
  assert.match(sheet, /Je me suis présenté·e en une phrase.* — Acquis/);
  assert.match(sheet, /Ralentir\./);
});
