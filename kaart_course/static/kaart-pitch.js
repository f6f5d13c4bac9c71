// KAART pitch studio — the single home of the pitch analysis (word count, speaking time, structure checklist,
// wording flags), the rehearsal timer, the objection role-play and the self-assessment grid. The rules are
// data (data/pitch/*.yml and the glossary, validated by kaart_course/_pitch_data.py); this module applies
// them. Runs unchanged in Jupyter (anywidget) and on the static book (kaart-mount.js).
//
// Model trait "state" (built by kaart_course/pitch.py; "sections" says which parts this studio shows):
//   { part, sections: ["scene"|"writer"|"timer"|"objections"|"grid"],
//     situations: [{id, label, min_seconds, max_seconds, description}],
//     custom: {label, min_seconds, max_seconds, default_seconds},
//     territories: [{id, label}], margin: {under, over},
//     profiles: [{id, label, territories, concerns, competences, constraints, keywords}],
//     rate: {wordsPerMinute, usualRange: [low, high], note, source: {title, url, date}},
//     structure: [{id, label, looksFor, missing, profileKeywords, groups: [{label, patterns}]}],
//     wording: {longSentence: {maxWords, label, suggestion}, jargon: {label, suggestion},
//               acronyms: {label, suggestion, allowed}, rules: [{id, kind, label, patterns, suggestion}]},
//     glossary: [{term, expansion, plain, aliases}],
//     objections: [{id, objection, profiles, territories, behind, advice: {acknowledge, reframe, territory},
//                   elements, example}],
//     grid: {title, intro, scale, sections: [{id, title, criteria: [{id, text}]}]} }
// Rich text (objection advice…) is an inline tree turned into DOM nodes, never into HTML. The volunteer's
// own text only ever reaches the page through textContent / createTextNode.
// Other traits, readable from Python in Jupyter: draft (text), scene, answers, ratings.
// Saved in the browser (localStorage): "kaart:pitch:scene", "kaart:pitch:draft", "kaart:pitch:objections",
// "kaart:pitch:grid".
// Stable hooks for tests and trainers' tools (data-kaart-…): pitch-text, word-count, speaking-time, budget
// (with budget-status = empty|under|ok|over), rate, check="<item id>" (with status = done|partial|missing),
// excerpt, flag="jargon|acronym|long-sentence|alarmist|guilt|partisan" (with rule), flag-count, situation,
// territory, profile, briefing, scene-summary, timer (with phase), timer-action, timer-announce, card,
// objection-answer, advice, element, level, criterion, grid-notes, action, announce, feedback-ms.

import { element, renderInline } from "./kaart-dom.js";

const KEYS = {
  scene: "kaart:pitch:scene",
  draft: "kaart:pitch:draft",
  answers: "kaart:pitch:objections",
  ratings: "kaart:pitch:grid",
};
const SCENE_EVENT = "kaart-pitch-scene";
const ANNOUNCE_DELAY_MS = 2000;
const SAVE_DELAY_MS = 400;
const MAX_EXCERPTS = 3;

// ---------------------------------------------------------------------------------------------------
// Text folding: matching ignores case and accents, and treats ’ as '. The text is folded once per keystroke
// to plain lower-case letters, so that the rules are simple ASCII regular expressions (expressions with
// Unicode classes cost milliseconds each to build, on every page load). The map leads back from each
// character of the folded text to the original, so that every match shows the volunteer's own words.

const FOLD_CACHE = new Map();
const APOSTROPHES = new Set(["\u2019", "\u2018", "\u02bc", "\u2032", "`", "\u00b4"]);
const HYPHENS = new Set(["\u2010", "\u2011"]);
const SPACES = new Set(["\u00a0", "\u202f", "\u2009"]);
// Letters that no accent-stripping turns into ASCII.
const LETTERS = { "œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i" };

function foldChar(ch) {
  if (APOSTROPHES.has(ch)) return ["'", "'"];
  if (HYPHENS.has(ch)) return ["-", "-"];
  if (SPACES.has(ch)) return [" ", " "];
  const lower = ch.toLowerCase();
  if (lower in LETTERS) {
    const plain = LETTERS[lower];
    return [ch === lower ? plain : plain.toUpperCase().slice(0, plain.length), plain];
  }
  const cased = ch.normalize("NFD").replace(/\p{M}/gu, "");
  const folded = cased.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "");
  return [folded.length === cased.length ? cased : folded, folded];
}

/** The text in lower case without accents (``text``), the same with its capitals (``cased``), and for each
 * of their characters the index in the original (``map``, one longer than the text). */
export function foldText(text) {
  const source = String(text ?? "");
  const lower = [];
  const cased = [];
  const map = [];
  for (let i = 0; i < source.length; i += 1) {
    const code = source.charCodeAt(i);
    if (code < 0x80) {
      cased.push(source[i]);
      lower.push(code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : source[i]);
      map.push(i);
      continue;
    }
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < source.length) {
      const pair = source[i] + source[i + 1];
      cased.push(pair);
      lower.push(pair);
      map.push(i, i + 1);
      i += 1;
      continue;
    }
    let folded = FOLD_CACHE.get(code);
    if (folded === undefined) {
      folded = foldChar(source[i]);
      FOLD_CACHE.set(code, folded);
    }
    cased.push(folded[0]);
    lower.push(folded[1]);
    for (let k = 0; k < folded[1].length; k += 1) map.push(i);
  }
  map.push(source.length);
  return { text: lower.join(""), cased: cased.join(""), map, source };
}

// ---------------------------------------------------------------------------------------------------
// Patterns (see data/pitch/structure.yml): words and phrases matched as whole words, "*" for any letters,
// "re:" for a regular expression on the folded text (lower case, no accents).

const LETTER = "[a-z0-9]";
const BEFORE_WORD = "(?<![a-z0-9])";
const AFTER_WORD = "(?![a-z0-9])";

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/** The regular expression source of one pattern. */
export function patternSource(pattern) {
  const raw = String(pattern);
  if (raw.startsWith("re:")) return raw.slice(3);
  const folded = foldText(raw.trim().replace(/\s+/g, " ")).text;
  let source = "";
  for (const ch of folded) {
    if (ch === "*") source += `${LETTER}*`;
    else if (ch === " ") source += "\\s+";
    else if (ch === "-") source += "(?:-|\\s+)";
    else if (ch === "'") source += "'\\s*";
    else source += escapeRegExp(ch);
  }
  const wordStart = /^[a-z0-9*]/.test(folded);
  const wordEnd = /[a-z0-9*]$/.test(folded);
  return `${wordStart ? BEFORE_WORD : ""}${source}${wordEnd ? AFTER_WORD : ""}`;
}

/** One regular expression matching any of the patterns in a folded text. */
export function compilePatterns(patterns) {
  const sources = (patterns ?? []).map((p) => `(?:${patternSource(p)})`);
  return new RegExp(sources.length ? sources.join("|") : "(?!)", "g");
}

/** Matches of a compiled pattern in a folded text, as {start, end, excerpt} in the original text. */
export function findMatches(regex, folded, limit = Infinity) {
  const found = [];
  regex.lastIndex = 0;
  let match;
  while (found.length < limit && (match = regex.exec(folded.text)) !== null) {
    if (match[0].length === 0) {
      regex.lastIndex += 1;
      continue;
    }
    const start = folded.map[match.index];
    const end = folded.map[match.index + match[0].length];
    found.push({ start, end, foldedEnd: match.index + match[0].length, excerpt: folded.source.slice(start, end) });
  }
  return found;
}

function uniqueExcerpts(matches) {
  const seen = new Set();
  const result = [];
  for (const match of matches) {
    const key = match.excerpt.toLocaleLowerCase("fr");
    if (seen.has(key)) continue;
    seen.add(key);
    result.push(match);
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------
// The rules, compiled once per state.

const COMPILED = new WeakMap();
const ACRONYM_LIKE = /\p{Lu}.*\p{Lu}/u;

/** The state's rules with their regular expressions built (memoised per state object). */
export function compileRules(state) {
  if (COMPILED.has(state)) return COMPILED.get(state);
  const wording = state.wording ?? { rules: [], longSentence: { maxWords: Infinity }, jargon: {}, acronyms: {} };
  const glossary = (state.glossary ?? []).map((entry) => {
    const names = [entry.term, ...(entry.aliases ?? [])];
    return {
      ...entry,
      names,
      acronym: ACRONYM_LIKE.test(entry.term),
      regex: compilePatterns(names),
      expansionRegex: entry.expansion ? compilePatterns([entry.expansion]) : null,
    };
  });
  const known = new Set();
  for (const entry of glossary) for (const name of entry.names) known.add(foldText(name).text.toUpperCase());
  for (const name of wording.acronyms.allowed ?? []) known.add(foldText(name).text.toUpperCase());
  const compiled = {
    wordsPerMinute: state.rate?.wordsPerMinute ?? 130,
    margin: state.margin ?? { under: 0.25, over: 0.1 },
    structure: (state.structure ?? []).map((item) => ({
      ...item,
      groups: item.groups.map((group) => ({ label: group.label, regex: compilePatterns(group.patterns) })),
    })),
    rules: wording.rules.map((rule) => ({ ...rule, regex: compilePatterns(rule.patterns) })),
    glossary,
    knownAcronyms: known,
    wording,
    profileRegex: new Map(),
  };
  COMPILED.set(state, compiled);
  return compiled;
}

function profileRegex(compiled, profile) {
  if (!profile?.keywords?.length) return null;
  if (!compiled.profileRegex.has(profile.id)) compiled.profileRegex.set(profile.id, compilePatterns(profile.keywords));
  return compiled.profileRegex.get(profile.id);
}

// ---------------------------------------------------------------------------------------------------
// Words, time, budget

const WORD_RE = /[\p{L}\p{N}]+(?:['’\-‐‑][\p{L}\p{N}]+)*/gu;

/** Words as a reader counts them: « l'école » and « c'est-à-dire » are one word each. */
export function countWords(text) {
  let count = 0;
  WORD_RE.lastIndex = 0;
  while (WORD_RE.exec(String(text ?? "")) !== null) count += 1;
  return count;
}

/** Seconds needed to say `words` words at `wordsPerMinute`. */
export function speakingSeconds(words, wordsPerMinute) {
  return wordsPerMinute > 0 ? (words / wordsPerMinute) * 60 : 0;
}

/** The time budget of a scene: {min, max} seconds, from its situation or its custom duration. */
export function sceneBudget(state, scene) {
  const situation = (state.situations ?? []).find((s) => s.id === scene?.situation);
  if (situation) return { min: situation.min_seconds, max: situation.max_seconds, label: situation.label };
  const custom = state.custom ?? { min_seconds: 10, max_seconds: 1200, default_seconds: 90, label: "Durée libre" };
  const wanted = Number(scene?.customSeconds ?? custom.default_seconds);
  const seconds = Math.round(Math.min(custom.max_seconds, Math.max(custom.min_seconds,
    Number.isFinite(wanted) ? wanted : custom.default_seconds)));
  return { min: seconds, max: seconds, label: custom.label };
}

/** Whether an estimated time fits the budget: "empty", "under", "ok" or "over", with the bounds used. */
export function budgetStatus(seconds, budget, margin) {
  const low = budget.min * (1 - (margin?.under ?? 0));
  const high = budget.max * (1 + (margin?.over ?? 0));
  let status = "ok";
  if (seconds <= 0) status = "empty";
  else if (seconds < low) status = "under";
  else if (seconds > high) status = "over";
  return { status, low, high };
}

/** « 45 s », « 1 min 05 s », « 2 min ». */
export function formatDuration(totalSeconds) {
  const seconds = Math.max(0, Math.round(totalSeconds));
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  if (!minutes) return `${rest} s`;
  return rest ? `${minutes} min ${String(rest).padStart(2, "0")} s` : `${minutes} min`;
}

/** A budget in words: « 30 s », « de 3 min à 5 min ». */
export function formatBudget(budget) {
  return budget.min === budget.max ? formatDuration(budget.max)
    : `de ${formatDuration(budget.min)} à ${formatDuration(budget.max)}`;
}

/** « 1:05 » for a clock. */
export function formatClock(totalSeconds) {
  const seconds = Math.max(0, Math.round(totalSeconds));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

// ---------------------------------------------------------------------------------------------------
// The structure checklist and the wording flags

/** Each structure item: "done" when every group matched, "partial" when some did, else "missing". */
export function checkStructure(folded, compiled, profile) {
  const extra = profileRegex(compiled, profile);
  return compiled.structure.map((item) => {
    const groups = item.groups.map((group, index) => {
      let matches = findMatches(group.regex, folded);
      if (extra && item.profileKeywords && index === item.groups.length - 1) {
        matches = matches.concat(findMatches(extra, folded)).sort((a, b) => a.start - b.start);
      }
      return { label: group.label, matches: uniqueExcerpts(matches).slice(0, MAX_EXCERPTS) };
    });
    const found = groups.filter((group) => group.matches.length).length;
    const status = found === groups.length ? "done" : found ? "partial" : "missing";
    return { id: item.id, label: item.label, status, groups };
  });
}

const SENTENCE_END = /[.!?…]+(?=[\s"»”)\]]|$)|\n/g;

/** Sentences of the text with their word counts: {start, end, words}. Line breaks end a sentence too. */
export function sentences(text) {
  const source = String(text ?? "");
  const ends = [];
  SENTENCE_END.lastIndex = 0;
  let match;
  while ((match = SENTENCE_END.exec(source)) !== null) ends.push(match.index + match[0].length);
  ends.push(source.length);
  const result = [];
  let start = 0;
  for (const end of ends) {
    if (end <= start) continue;
    const words = countWords(source.slice(start, end));
    if (words) {
      const lead = source.slice(start, end).search(/\S/);
      result.push({ start: start + Math.max(0, lead), end, words });
    }
    start = end;
  }
  return result;
}

function fill(template, values) {
  return String(template ?? "").replace(/\{(\w+)\}/g, (whole, key) => (key in values ? values[key] : whole));
}

/** Whether a parenthesis follows the match: « le PCAET (plan climat) » explains the term. */
function explainedAfter(folded, match) {
  return /^\s*\(/.test(folded.text.slice(match.foldedEnd, match.foldedEnd + 8));
}

function mentions(regex, folded) {
  if (!regex) return false;
  regex.lastIndex = 0;
  const found = regex.test(folded.text);
  regex.lastIndex = 0;
  return found;
}

const ACRONYM_RE = /(?<![A-Za-z0-9])[A-Z][A-Za-z]*[A-Z][A-Za-z]*(?![A-Za-z0-9])/g;
const ROMAN = /^[IVXLCDM]+(?:E|ER|EME)?$/;
// A word of eight capitals or more is emphasis (« CATASTROPHE »), not an acronym.
const LONGEST_ACRONYM = 7;

/** Every wording flag of the text, in reading order: {kind, rule, label, excerpt, start, end, suggestion}. */
export function findFlags(folded, compiled) {
  const flags = [];
  const { wording } = compiled;
  for (const rule of compiled.rules) {
    for (const match of findMatches(rule.regex, folded)) {
      flags.push({ kind: rule.kind, rule: rule.id, label: rule.label, suggestion: rule.suggestion, ...match });
    }
  }
  for (const entry of compiled.glossary) {
    const matches = findMatches(entry.regex, folded);
    // A term whose meaning is said somewhere in the text (its expansion) is explained everywhere.
    if (!matches.length || mentions(entry.expansionRegex, folded)) continue;
    for (const match of matches) {
      // « il a plu » is not the PLU: an acronym counts only when written with capitals.
      if (entry.acronym && match.excerpt === match.excerpt.toLocaleLowerCase("fr")) continue;
      if (explainedAfter(folded, match)) continue;
      flags.push({
        kind: "jargon", rule: entry.term, label: wording.jargon.label ?? "Jargon", ...match,
        suggestion: fill(wording.jargon.suggestion ?? "Dites plutôt : « {plain} ».", entry),
      });
    }
  }
  for (const match of findMatches(ACRONYM_RE, { ...folded, text: folded.cased })) {
    const key = foldText(match.excerpt).text.toUpperCase();
    if (compiled.knownAcronyms.has(key) || ROMAN.test(key) || key.length > LONGEST_ACRONYM
      || explainedAfter(folded, match)) continue;
    flags.push({ kind: "acronym", rule: key, label: wording.acronyms.label ?? "Sigle", suggestion: wording.acronyms.suggestion, ...match });
  }
  const max = wording.longSentence?.maxWords ?? Infinity;
  for (const sentence of sentences(folded.source)) {
    if (sentence.words <= max) continue;
    const text = folded.source.slice(sentence.start, sentence.end).trim();
    const shown = text.split(/\s+/).slice(0, 10).join(" ");
    flags.push({
      kind: "long-sentence", rule: "long-sentence", label: wording.longSentence.label, start: sentence.start,
      end: sentence.end, excerpt: shown.length < text.length ? `${shown}…` : text,
      suggestion: `${sentence.words} mots. ${wording.longSentence.suggestion}`,
    });
  }
  return flags.sort((a, b) => a.start - b.start || a.kind.localeCompare(b.kind));
}

/** The whole feedback on a draft for a scene. */
export function analyse(text, state, scene) {
  const compiled = compileRules(state);
  const folded = foldText(text);
  const words = countWords(text);
  const seconds = speakingSeconds(words, compiled.wordsPerMinute);
  const budget = sceneBudget(state, scene);
  const profile = (state.profiles ?? []).find((p) => p.id === scene?.profile);
  return {
    words,
    seconds,
    budget,
    fit: budgetStatus(seconds, budget, compiled.margin),
    structure: checkStructure(folded, compiled, profile),
    flags: findFlags(folded, compiled),
  };
}

// ---------------------------------------------------------------------------------------------------
// Timer

/** What the rehearsal clock shows after `elapsedMs`: remaining time, then the overrun. */
export function timerView(totalSeconds, elapsedMs) {
  const remaining = totalSeconds - elapsedMs / 1000;
  if (remaining > 0) {
    return { phase: remaining <= 10 ? "final" : "running", remaining, display: formatClock(Math.ceil(remaining)) };
  }
  return { phase: "over", remaining, display: `+${formatClock(Math.floor(-remaining))}` };
}

/** What the timer says aloud when time passes from `before` to `after` remaining seconds: only the last
 * ten seconds and the end, never each second. */
export function timerAnnouncement(before, after, totalSeconds) {
  if (totalSeconds > 10 && before > 10 && after <= 10 && after > 0) return "Plus que 10 secondes.";
  if (before > 0 && after <= 0) return "Temps écoulé.";
  return "";
}

// ---------------------------------------------------------------------------------------------------
// Objections

function fits(list, id) {
  return !id || list.includes("all") || list.includes(id);
}

/** Objections likely for this élu and territory, those named for them first. */
export function likelyObjections(objections, profileId, territoryId) {
  const score = (o) => (o.profiles.includes(profileId) ? 2 : 0) + (o.territories.includes(territoryId) ? 1 : 0);
  return objections
    .filter((o) => fits(o.profiles, profileId) && fits(o.territories, territoryId))
    .map((o, index) => ({ o, index, s: score(o) }))
    .sort((a, b) => b.s - a.s || a.index - b.index)
    .map(({ o }) => o);
}

/** An objection of the deck not drawn yet (the deck starts again once all are drawn). */
export function drawObjection(deck, drawn, random = Math.random) {
  if (!deck.length) return null;
  const fresh = deck.filter((o) => !drawn.includes(o.id));
  const pool = fresh.length ? fresh : deck;
  return pool[Math.min(pool.length - 1, Math.floor(random() * pool.length))];
}

// ---------------------------------------------------------------------------------------------------
// Saved work

export function loadSaved(storage, key, fallback) {
  try {
    const value = JSON.parse(storage.getItem(key) ?? "null");
    if (value !== null && typeof value === typeof fallback && Array.isArray(value) === Array.isArray(fallback)) return value;
  } catch {
    // unreadable storage: start afresh rather than break the page
  }
  return fallback;
}

export function save(storage, key, value) {
  try {
    storage.setItem(key, JSON.stringify(value));
  } catch {
    // storage full or forbidden: the studio still works for this visit
  }
}

/** localStorage when the browser allows it, else a memory stand-in for this visit. (Each widget module
 * is loaded on its own in Jupyter, so it cannot import this from the quiz module.) */
export function browserStorage() {
  try {
    const storage = globalThis.localStorage;
    storage.setItem("kaart:pitch:probe", "1");
    storage.removeItem("kaart:pitch:probe");
    return storage;
  } catch {
    const memory = new Map();
    return {
      getItem: (key) => (memory.has(key) ? memory.get(key) : null),
      setItem: (key, value) => memory.set(key, String(value)),
      removeItem: (key) => memory.delete(key),
    };
  }
}

/** The scene, completed with defaults: {situation, customSeconds, territory, profile}. */
export function normaliseScene(state, scene) {
  const situations = state.situations ?? [];
  const custom = state.custom ?? { default_seconds: 90 };
  const wanted = scene ?? {};
  const situation = wanted.situation === "custom" || situations.some((s) => s.id === wanted.situation)
    ? wanted.situation : situations[0]?.id ?? "custom";
  const customSeconds = Number.isFinite(Number(wanted.customSeconds)) && Number(wanted.customSeconds) > 0
    ? Number(wanted.customSeconds) : custom.default_seconds;
  const territory = (state.territories ?? []).some((t) => t.id === wanted.territory) ? wanted.territory : "";
  const profile = (state.profiles ?? []).some((p) => p.id === wanted.profile) ? wanted.profile : "";
  return { situation, customSeconds, territory, profile };
}

// ---------------------------------------------------------------------------------------------------
// The printable sheet (Markdown, downloaded by the volunteer)

function plain(nodes) {
  return (nodes ?? []).map((n) => (n.t === "text" || n.t === "code" ? n.v : n.t === "br" ? "\n" : plain(n.c))).join("");
}

/** The volunteer's preparation sheet in Markdown: scene, text, feedback, objections, grid. */
export function pitchSheet(state, { scene, text, analysis, answers = {}, ratings = {}, date = new Date() }) {
  const lines = ["# Ma prise de parole devant un élu", "", `*Fiche préparée le ${date.toLocaleDateString("fr-FR", { day: "numeric", month: "long", year: "numeric" })} avec le studio KAART.*`, ""];
  const profile = (state.profiles ?? []).find((p) => p.id === scene.profile);
  const territory = (state.territories ?? []).find((t) => t.id === scene.territory);
  const budget = sceneBudget(state, scene);
  if (state.situations) {
    lines.push("## La scène", "", `- Situation : ${budget.label} (${formatBudget(budget)})`,
      `- Territoire : ${territory?.label ?? "non précisé"}`, `- Élu : ${profile?.label ?? "non précisé"}`, "");
  }
  if (profile) {
    lines.push("### Briefing", "");
    for (const [title, key] of [["Ses préoccupations", "concerns"], ["Ses compétences", "competences"], ["Ses contraintes", "constraints"]]) {
      lines.push(`**${title}**`, "", ...profile[key].map((line) => `- ${line}`), "");
    }
  }
  if (analysis) {
    lines.push("## Mon texte", "", ...String(text ?? "").split("\n").map((line) => `> ${line}`), "",
      `${analysis.words} mots, environ ${formatDuration(analysis.seconds)} à voix haute (${compileRules(state).wordsPerMinute} mots par minute) pour un temps prévu ${budget.min === budget.max ? "de " : ""}${formatBudget(budget)}.`, "",
      "## Structure", "");
    for (const item of analysis.structure) {
      const mark = item.status === "done" ? "[x]" : "[ ]";
      const found = item.groups.flatMap((g) => g.matches.map((m) => `« ${m.excerpt} »`));
      lines.push(`- ${mark} ${item.label}${found.length ? ` — ${found.join(", ")}` : ""}`);
    }
    lines.push("", "## Points d'attention", "");
    if (!analysis.flags.length) lines.push("Aucun point signalé.");
    for (const flag of analysis.flags) lines.push(`- **${flag.label}** : « ${flag.excerpt} » — ${flag.suggestion}`);
    lines.push("");
  }
  const worked = (state.objections ?? []).filter((o) => answers[o.id]?.text);
  if (worked.length) {
    lines.push("## Mes réponses aux objections", "");
    for (const objection of worked) {
      lines.push(`### « ${objection.objection} »`, "", ...answers[objection.id].text.split("\n").map((l) => `> ${l}`), "",
        `- Reconnaître : ${plain(objection.advice.acknowledge)}`, `- Recadrer : ${plain(objection.advice.reframe)}`,
        `- Ramener au territoire : ${plain(objection.advice.territory)}`, "");
    }
  }
  if (state.grid) {
    lines.push(`## ${state.grid.title}`, "");
    for (const section of state.grid.sections) {
      lines.push(`### ${section.title}`, "");
      for (const criterion of section.criteria) {
        const level = ratings.levels?.[criterion.id];
        lines.push(`- ${criterion.text} — ${level === undefined ? "……" : state.grid.scale[level]}`);
      }
      lines.push("");
    }
    if (ratings.notes) lines.push("### Mes notes", "", ratings.notes, "");
  }
  return `${lines.join("\n").replace(/\n{3,}/g, "\n\n").trim()}\n`;
}

// ---------------------------------------------------------------------------------------------------
// Helpers (element() and renderInline() come from kaart-dom.js).

function debounce(callback, delay) {
  let timer = null;
  const run = (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => callback(...args), delay);
  };
  run.flush = (...args) => {
    clearTimeout(timer);
    callback(...args);
  };
  return run;
}

let studioCount = 0;

const STATUS_TEXT = { done: "présent", partial: "à compléter", missing: "absent" };
const STATUS_MARK = { done: "✔", partial: "◐", missing: "○" };
const FIT_TEXT = {
  empty: "Commencez à écrire : le temps s'affichera ici.",
  under: "Plus court que prévu : vous avez de la marge.",
  ok: "Dans le temps prévu.",
  over: "Trop long pour le temps prévu : coupez.",
};
const MOVES = [["acknowledge", "Reconnaître"], ["reframe", "Recadrer"], ["territory", "Ramener au territoire"]];

// ---------------------------------------------------------------------------------------------------
// The studio

function render({ model, el }) {
  const state = model.get("state");
  const sections = new Set(state.sections ?? ["scene", "writer", "timer", "objections", "grid"]);
  const storage = browserStorage();
  studioCount += 1;
  const uid = `kaart-pitch-${studioCount}`;
  const root = element("section", { class: "kaart-pitch", "data-kaart-pitch": state.part ?? "all", "aria-label": "Studio de prise de parole" });
  const announcer = element("p", { class: "kaart-sr-only", role: "status", "aria-live": "polite", "data-kaart-announce": "" });
  root.append(announcer);
  el.append(root);

  let scene = normaliseScene(state, model.get("scene") && Object.keys(model.get("scene")).length
    ? model.get("scene") : loadSaved(storage, KEYS.scene, {}));
  const sceneListeners = [];
  const onScene = (callback) => sceneListeners.push(callback);

  function setScene(next, { broadcast = true } = {}) {
    scene = normaliseScene(state, next);
    for (const callback of sceneListeners) callback(scene);
    if (!broadcast) return;
    save(storage, KEYS.scene, scene);
    model.set("scene", { ...scene });
    model.save_changes();
    globalThis.dispatchEvent?.(new CustomEvent(SCENE_EVENT, { detail: { scene, from: uid } }));
  }
  const onOtherScene = (event) => {
    if (event.detail?.from !== uid) setScene(event.detail.scene, { broadcast: false });
  };
  globalThis.addEventListener?.(SCENE_EVENT, onOtherScene);

  if (sections.has("scene")) {
    // Every studio that needs a scene builds a picker and a summary; arrangeScenePickers shows one picker
    // per page and the summary elsewhere (studios mount in no guaranteed order, so the page decides).
    root.append(element("div", { "data-kaart-scene-box": "" },
      renderScenePicker(state, uid, () => scene, setScene, onScene, sections.has("writer") || sections.has("timer")),
      renderSceneSummary(state, () => scene, onScene)));
  }
  if (sections.has("writer")) root.append(renderWriter(state, model, uid, storage, () => scene, onScene, announcer));
  if (sections.has("timer")) root.append(renderTimer(state, uid, () => scene, onScene));
  if (sections.has("objections")) root.append(renderObjections(state, model, uid, storage, () => scene, onScene));
  if (sections.has("grid")) root.append(renderGrid(state, model, uid, storage, () => scene));
  for (const callback of sceneListeners) callback(scene);
  arrangeScenePickers();
  return () => {
    globalThis.removeEventListener?.(SCENE_EVENT, onOtherScene);
    root.remove();
    arrangeScenePickers();
  };
}

/** One visible scene picker per page: the first (in page order) that offers the time budget, else the first;
 * the other studios show the chosen scene with a link to that picker. */
function arrangeScenePickers() {
  const boxes = [...document.querySelectorAll("[data-kaart-scene-box]")];
  const pickerOf = (box) => box.querySelector("[data-kaart-scene-picker]");
  const primary = boxes.find((box) => pickerOf(box).dataset.kaartWithSituation === "true") ?? boxes[0];
  for (const box of boxes) {
    pickerOf(box).hidden = box !== primary;
    const summary = box.querySelector("[data-kaart-scene-summary-box]");
    summary.hidden = box === primary;
    summary.querySelector("a").href = `#${pickerOf(primary).id}`;
  }
}

function heading(text, id) {
  return element("h3", { class: "kaart-pitch-heading", id, text });
}

function sceneText(state, scene) {
  const budget = sceneBudget(state, scene);
  const profile = (state.profiles ?? []).find((p) => p.id === scene.profile);
  const territory = (state.territories ?? []).find((t) => t.id === scene.territory);
  return [`${budget.label} (${formatBudget(budget)})`, territory?.label ?? "territoire non précisé",
    profile?.label ?? "élu non précisé"].join(" · ");
}

function renderSceneSummary(state, getScene, onScene) {
  const text = element("span", { "data-kaart-scene-summary": "" });
  onScene(() => { text.textContent = sceneText(state, getScene()); });
  return element("p", { class: "kaart-pitch-scene-summary", "data-kaart-scene-summary-box": "", hidden: true },
    element("strong", { text: "Votre scène : " }), text, document.createTextNode(" "),
    element("a", { href: "#", text: "modifier la scène" }));
}

function renderScenePicker(state, uid, getScene, setScene, onScene, withSituation) {
  const box = element("div", { class: "kaart-pitch-block kaart-pitch-scene", id: `${uid}-scene`, "data-kaart-scene-picker": "",
    "data-kaart-with-situation": String(withSituation) });
  box.append(heading("La scène", `${uid}-scene-title`),
    element("p", { class: "kaart-pitch-hint", text: withSituation
      ? "Choisissez la situation, le territoire et l'élu : le temps prévu, la liste de vérification et les objections s'y adaptent."
      : "Choisissez le territoire et l'élu : le paquet d'objections s'y adapte." }));

  const situations = element("fieldset", { class: "kaart-pitch-situations" }, element("legend", { text: "Situation et temps de parole" }));
  const custom = state.custom ?? { label: "Durée libre", min_seconds: 10, max_seconds: 1200, default_seconds: 90 };
  const choices = [...(state.situations ?? []).map((s) => ({ id: s.id, label: s.label, budget: { min: s.min_seconds, max: s.max_seconds }, description: s.description })),
    { id: "custom", label: custom.label, budget: null, description: "Réglez vous-même la durée." }];
  for (const choice of choices) {
    const id = `${uid}-situation-${choice.id}`;
    const input = element("input", { type: "radio", name: `${uid}-situation`, id, value: choice.id, "data-kaart-situation": choice.id, "aria-describedby": `${id}-desc` });
    situations.append(element("div", { class: "kaart-pitch-choice" }, input,
      element("label", { for: id }, element("strong", { text: choice.label }),
        choice.budget ? document.createTextNode(` — ${formatBudget(choice.budget)}`) : null),
      element("p", { id: `${id}-desc`, class: "kaart-pitch-choice-desc", text: choice.description })));
  }
  const minutes = element("input", { type: "number", id: `${uid}-custom-min`, min: 0, max: Math.floor(custom.max_seconds / 60), step: 1, inputmode: "numeric", "data-kaart-custom-minutes": "" });
  const seconds = element("input", { type: "number", id: `${uid}-custom-sec`, min: 0, max: 59, step: 5, inputmode: "numeric", "data-kaart-custom-seconds": "" });
  const customBox = element("div", { class: "kaart-pitch-custom", "data-kaart-custom-duration": "" },
    element("label", { for: `${uid}-custom-min`, text: "Minutes" }), minutes,
    element("label", { for: `${uid}-custom-sec`, text: "Secondes" }), seconds);
  situations.append(customBox);

  const territory = element("select", { id: `${uid}-territory`, "data-kaart-territory": "" },
    element("option", { value: "", text: "— choisir —" }),
    ...(state.territories ?? []).map((t) => element("option", { value: t.id, text: t.label })));
  const profile = element("select", { id: `${uid}-profile`, "data-kaart-profile": "" },
    element("option", { value: "", text: "— choisir —" }),
    ...(state.profiles ?? []).map((p) => element("option", { value: p.id, text: p.label })));
  const selects = element("div", { class: "kaart-pitch-selects" },
    element("div", {}, element("label", { for: `${uid}-territory`, text: "Type de territoire" }), territory),
    element("div", {}, element("label", { for: `${uid}-profile`, text: "Élu rencontré" }), profile));
  const briefing = element("div", { class: "kaart-pitch-briefing", "data-kaart-briefing": "" });
  // The objection deck alone needs the élu and the territory, not the time budget.
  situations.hidden = !withSituation;
  box.append(situations, selects, briefing);

  const read = () => ({
    situation: situations.querySelector("input[type=radio]:checked")?.value,
    customSeconds: (Number(minutes.value) || 0) * 60 + (Number(seconds.value) || 0),
    territory: territory.value,
    profile: profile.value,
  });
  situations.addEventListener("change", () => setScene(read()));
  for (const input of [minutes, seconds]) input.addEventListener("input", () => {
    const next = read();
    if (next.customSeconds > 0) setScene({ ...next, situation: "custom" });
  });
  territory.addEventListener("change", () => setScene(read()));
  profile.addEventListener("change", () => setScene(read()));

  onScene((current) => {
    for (const input of situations.querySelectorAll("input[type=radio]")) input.checked = input.value === current.situation;
    if (document.activeElement !== minutes && document.activeElement !== seconds) {
      const budget = sceneBudget(state, { ...current, situation: "custom" }).max;
      minutes.value = String(Math.floor(budget / 60));
      seconds.value = String(budget % 60);
    }
    customBox.classList.toggle("kaart-pitch-inactive", current.situation !== "custom");
    territory.value = current.territory;
    profile.value = current.profile;
    briefing.replaceChildren(...briefingNodes(state, current));
  });
  return box;
}

function briefingNodes(state, current) {
  const profile = (state.profiles ?? []).find((p) => p.id === current.profile);
  if (!profile) return [element("p", { class: "kaart-pitch-hint", text: "Choisissez un élu pour lire son briefing : ses préoccupations, ce qu'il peut décider, ce qui le limite." })];
  const territories = profile.territories.map((id) => state.territories.find((t) => t.id === id)?.label).filter(Boolean);
  const parts = [element("p", { class: "kaart-pitch-briefing-title" }, element("strong", { text: `Briefing : ${profile.label}` }),
    document.createTextNode(territories.length ? ` (courant en : ${territories.join(", ")})` : ""))];
  const lists = element("div", { class: "kaart-pitch-briefing-lists" });
  for (const [title, key] of [["Ses préoccupations", "concerns"], ["Ce qu'il ou elle peut décider", "competences"], ["Ses contraintes", "constraints"]]) {
    lists.append(element("div", {}, element("p", { class: "kaart-pitch-briefing-head", text: title }),
      element("ul", {}, ...profile[key].map((line) => element("li", { text: line })))));
  }
  parts.push(lists, element("p", { class: "kaart-pitch-hint", text: "Un profil type, pas un portrait : renseignez-vous sur votre élu réel." }));
  return parts;
}

function renderWriter(state, model, uid, storage, getScene, onScene, announcer) {
  const box = element("div", { class: "kaart-pitch-block kaart-pitch-writer" });
  box.append(heading("Votre texte", `${uid}-writer-title`));
  const saved = loadSaved(storage, KEYS.draft, { text: "", updated: null });
  const fromModel = model.get("draft");
  const textarea = element("textarea", {
    id: `${uid}-text`, rows: 10, spellcheck: "true", lang: "fr", "data-kaart-pitch-text": "",
    "aria-describedby": `${uid}-text-help`,
  });
  textarea.value = typeof fromModel === "string" && fromModel ? fromModel : saved.text ?? "";
  const rate = state.rate;
  const words = element("strong", { "data-kaart-word-count": "", text: "0" });
  const time = element("strong", { "data-kaart-speaking-time": "", text: "0 s" });
  const budgetText = element("span", { "data-kaart-budget-text": "" });
  const fit = element("p", { class: "kaart-pitch-fit", "data-kaart-budget": "", "data-kaart-budget-status": "empty" });
  const bar = element("div", { class: "kaart-pitch-bar", "aria-hidden": "true" }, element("div", { class: "kaart-pitch-bar-zone" }), element("div", { class: "kaart-pitch-bar-fill" }));
  const stats = element("div", { class: "kaart-pitch-stats" },
    element("p", { class: "kaart-pitch-counts" }, words, document.createTextNode(" mots · environ "), time,
      document.createTextNode(" à voix haute · temps prévu : "), budgetText),
    bar, fit);
  const rateLine = rate ? element("p", { class: "kaart-pitch-rate", "data-kaart-rate": String(rate.wordsPerMinute) },
    document.createTextNode(`${rate.note} Source : `),
    element("a", { href: rate.source.url, rel: "noopener", text: rate.source.title }),
    document.createTextNode(` (consulté le ${rate.source.date}).`)) : null;

  const checklist = element("ul", { class: "kaart-pitch-checklist", "aria-labelledby": `${uid}-check-title` });
  const items = new Map();
  for (const item of state.structure ?? []) {
    const status = element("span", { class: "kaart-pitch-status", "aria-hidden": "true" });
    const statusText = element("span", { class: "kaart-sr-only" });
    const detail = element("div", { class: "kaart-pitch-detail" });
    const li = element("li", { "data-kaart-check": item.id, "data-kaart-status": "missing" },
      status, element("div", {}, element("span", { class: "kaart-pitch-item-label" }, element("strong", { text: item.label }), statusText), detail,
        element("details", {}, element("summary", { text: "Ce que l'outil cherche" }), element("p", { text: item.looksFor }))));
    items.set(item.id, { li, status, statusText, detail, item });
    checklist.append(li);
  }
  const flagCount = element("span", { "data-kaart-flag-count": "", text: "0" });
  const flags = element("ul", { class: "kaart-pitch-flags", "aria-labelledby": `${uid}-flags-title` });
  const noFlag = element("p", { class: "kaart-pitch-hint", text: "Rien à signaler pour l'instant." });

  const download = element("button", { type: "button", class: "kaart-button kaart-primary", "data-kaart-action": "download", text: "Télécharger ma fiche (.md)" });
  const clear = element("button", { type: "button", class: "kaart-button", "data-kaart-action": "clear", text: "Effacer mon texte" });
  const savedNote = element("p", { class: "kaart-pitch-hint", "data-kaart-saved": "" });
  box.append(
    element("label", { for: `${uid}-text`, class: "kaart-pitch-label", text: "Écrivez ce que vous direz, tel que vous le direz" }),
    element("p", { id: `${uid}-text-help`, class: "kaart-pitch-hint", text: "Votre texte reste dans ce navigateur ; rien n'est envoyé. Les indications ci-dessous se mettent à jour pendant que vous écrivez." }),
    textarea, stats, rateLine,
    element("div", { class: "kaart-pitch-columns" },
      element("div", {}, element("h4", { id: `${uid}-check-title`, text: "Les six éléments d'une bonne prise de parole" }), checklist),
      element("div", {}, element("h4", { id: `${uid}-flags-title` }, document.createTextNode("Points d'attention ("), flagCount, document.createTextNode(")")), noFlag, flags)),
    element("div", { class: "kaart-pitch-actions" }, download, clear), savedNote);

  let last = null;
  let lastSpoken = "";
  const announce = debounce(() => {
    if (!last) return;
    const done = last.structure.filter((i) => i.status === "done").length;
    const message = last.words
      ? `${last.words} mots, environ ${formatDuration(last.seconds)}. ${FIT_TEXT[last.fit.status]} ${done} élément${done > 1 ? "s" : ""} sur ${last.structure.length}, ${last.flags.length} point${last.flags.length > 1 ? "s" : ""} d'attention.`
      : "";
    if (message !== lastSpoken) {
      announcer.textContent = message;
      lastSpoken = message;
    }
  }, ANNOUNCE_DELAY_MS);
  const persist = debounce(() => {
    const updated = new Date().toISOString();
    save(storage, KEYS.draft, { text: textarea.value, updated });
    savedNote.textContent = textarea.value ? "Brouillon enregistré dans ce navigateur." : "";
    model.set("draft", textarea.value);
    model.save_changes();
  }, SAVE_DELAY_MS);

  function update() {
    const started = performance.now();
    last = analyse(textarea.value, state, getScene());
    words.textContent = String(last.words);
    time.textContent = formatDuration(last.seconds);
    budgetText.textContent = formatBudget(last.budget);
    fit.dataset.kaartBudgetStatus = last.fit.status;
    fit.textContent = FIT_TEXT[last.fit.status];
    const scale = Math.max(last.fit.high * 1.25, last.seconds, 1);
    bar.style.setProperty("--kaart-zone-start", `${(last.fit.low / scale) * 100}%`);
    bar.style.setProperty("--kaart-zone-end", `${(last.fit.high / scale) * 100}%`);
    bar.style.setProperty("--kaart-fill", `${Math.min(100, (last.seconds / scale) * 100)}%`);
    bar.dataset.kaartBudgetStatus = last.fit.status;
    for (const result of last.structure) {
      const { li, status, statusText, detail, item } = items.get(result.id);
      li.dataset.kaartStatus = result.status;
      status.textContent = STATUS_MARK[result.status];
      statusText.textContent = ` (${STATUS_TEXT[result.status]})`;
      const lines = [];
      for (const group of result.groups) {
        if (!group.matches.length) continue;
        const line = element("p", { class: "kaart-pitch-found", "data-kaart-matched": "" }, document.createTextNode(`Trouvé (${group.label}) : `));
        group.matches.forEach((match, index) => {
          if (index) line.append(document.createTextNode(", "));
          line.append(element("q", { "data-kaart-excerpt": "", text: match.excerpt }));
        });
        lines.push(line);
      }
      if (result.status !== "done") {
        const missing = result.groups.filter((g) => !g.matches.length).map((g) => g.label).join(", ");
        lines.push(element("p", { class: "kaart-pitch-missing" }, element("strong", { text: `À ajouter (${missing}) : ` }), document.createTextNode(item.missing)));
      }
      detail.replaceChildren(...lines);
    }
    flagCount.textContent = String(last.flags.length);
    noFlag.hidden = last.flags.length > 0;
    flags.replaceChildren(...last.flags.map((flag) => {
      const show = element("button", { type: "button", class: "kaart-pitch-link", "data-kaart-action": "select", "aria-label": `Voir dans le texte : « ${flag.excerpt} »`, text: "Voir dans le texte" });
      show.addEventListener("click", () => {
        textarea.focus();
        textarea.setSelectionRange(flag.start, flag.end);
      });
      return element("li", { "data-kaart-flag": flag.kind, "data-kaart-rule": flag.rule },
        element("strong", { text: `${flag.label} : ` }), element("q", { "data-kaart-excerpt": "", text: flag.excerpt }),
        element("span", { text: ` — ${flag.suggestion} ` }), show);
    }));
    root().dataset.kaartFeedbackMs = (performance.now() - started).toFixed(2);
  }
  const root = () => box.closest(".kaart-pitch") ?? box;

  let frame = null;
  textarea.addEventListener("input", () => {
    if (frame === null) {
      frame = requestAnimationFrame(() => {
        frame = null;
        update();
        announce();
      });
    }
    persist();
  });
  download.addEventListener("click", () => {
    persist.flush();
    downloadSheet(state, storage, getScene());
  });
  let confirming = null;
  clear.addEventListener("click", () => {
    if (!confirming) {
      clear.textContent = "Confirmer : effacer le texte";
      confirming = setTimeout(() => { confirming = null; clear.textContent = "Effacer mon texte"; }, 5000);
      return;
    }
    clearTimeout(confirming);
    confirming = null;
    clear.textContent = "Effacer mon texte";
    textarea.value = "";
    persist.flush();
    update();
    announcer.textContent = "Texte effacé.";
    textarea.focus();
  });
  onScene(() => update());
  if (saved.updated && textarea.value) savedNote.textContent = "Brouillon retrouvé dans ce navigateur.";
  return box;
}

/** Saves the volunteer's sheet (everything kept in this browser) as a Markdown file. */
function downloadSheet(state, storage, scene) {
  const text = loadSaved(storage, KEYS.draft, { text: "" }).text ?? "";
  const sheet = pitchSheet(state, {
    scene, text, analysis: state.structure ? analyse(text, state, scene) : null,
    answers: loadSaved(storage, KEYS.answers, {}).answers ?? {}, ratings: loadSaved(storage, KEYS.ratings, {}),
  });
  const url = URL.createObjectURL(new Blob([sheet], { type: "text/markdown;charset=utf-8" }));
  const link = element("a", { href: url, download: "ma-prise-de-parole.md", hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function renderTimer(state, uid, getScene, onScene) {
  const box = element("div", { class: "kaart-pitch-block kaart-pitch-timer", "data-kaart-timer-block": "" });
  const display = element("p", { class: "kaart-pitch-clock", role: "timer", "aria-live": "off", "aria-atomic": "true", "data-kaart-timer": "", "data-kaart-phase": "idle" });
  const caption = element("p", { class: "kaart-pitch-timer-caption" });
  const toggle = element("button", { type: "button", class: "kaart-button kaart-primary", "data-kaart-timer-action": "toggle", text: "Démarrer" });
  const reset = element("button", { type: "button", class: "kaart-button", "data-kaart-timer-action": "reset", text: "Remettre à zéro" });
  const large = element("button", { type: "button", class: "kaart-button", "data-kaart-timer-action": "large", "aria-pressed": "false", text: "Très grand affichage" });
  const spoken = element("p", { class: "kaart-sr-only", role: "status", "aria-live": "assertive", "data-kaart-timer-announce": "" });
  box.append(heading("Répéter à voix haute", `${uid}-timer-title`),
    element("p", { class: "kaart-pitch-hint", text: "Posez le téléphone ou l'ordinateur devant vous, lancez le chrono et dites votre texte sans le lire. L'affichage se lit de loin ; il annonce seulement les dix dernières secondes et la fin." }),
    display, caption, element("div", { class: "kaart-pitch-actions" }, toggle, reset, large), spoken);

  let total = sceneBudget(state, getScene()).max;
  let elapsed = 0;
  let startedAt = null;
  let ticker = null;
  let previousRemaining = total;

  const elapsedNow = () => elapsed + (startedAt === null ? 0 : Date.now() - startedAt);
  function paint() {
    const view = timerView(total, elapsedNow());
    display.textContent = view.display;
    display.dataset.kaartPhase = startedAt === null && elapsedNow() === 0 ? "idle" : view.phase;
    display.setAttribute("aria-label", view.phase === "over" ? `Dépassement de ${formatDuration(-view.remaining)}` : `Reste ${formatDuration(Math.ceil(view.remaining))}`);
    const message = timerAnnouncement(previousRemaining, view.remaining, total);
    if (message) spoken.textContent = message;
    previousRemaining = view.remaining;
  }
  function stop() {
    if (startedAt !== null) elapsed += Date.now() - startedAt;
    startedAt = null;
    clearInterval(ticker);
    ticker = null;
  }
  toggle.addEventListener("click", () => {
    if (startedAt === null) {
      startedAt = Date.now();
      ticker = setInterval(paint, 200);
      toggle.textContent = "Pause";
      spoken.textContent = elapsed ? "Chrono relancé." : `Chrono lancé : ${formatDuration(total)}.`;
    } else {
      stop();
      toggle.textContent = "Reprendre";
    }
    paint();
  });
  reset.addEventListener("click", () => {
    stop();
    elapsed = 0;
    previousRemaining = total;
    toggle.textContent = "Démarrer";
    spoken.textContent = "";
    paint();
  });
  large.addEventListener("click", () => {
    const on = !box.classList.contains("kaart-pitch-large");
    box.classList.toggle("kaart-pitch-large", on);
    large.setAttribute("aria-pressed", String(on));
    large.textContent = on ? "Affichage normal" : "Très grand affichage";
  });
  onScene((current) => {
    const budget = sceneBudget(state, current);
    caption.textContent = budget.min === budget.max
      ? `Compte à rebours de ${formatBudget(budget)} (${budget.label.toLowerCase()}).`
      : `Compte à rebours de ${formatDuration(budget.max)} : vous êtes dans le temps à partir de ${formatDuration(budget.min)} (${budget.label.toLowerCase()}).`;
    if (startedAt === null && elapsed === 0) {
      total = budget.max;
      previousRemaining = total;
      paint();
    } else {
      total = budget.max;
    }
  });
  paint();
  return box;
}

function renderObjections(state, model, uid, storage, getScene, onScene) {
  const box = element("div", { class: "kaart-pitch-block kaart-pitch-objections" });
  const saved = loadSaved(storage, KEYS.answers, { answers: {}, drawn: [] });
  const answers = saved.answers ?? {};
  let drawn = Array.isArray(saved.drawn) ? saved.drawn : [];
  const all = state.objections ?? [];
  const onlyLikely = element("input", { type: "checkbox", id: `${uid}-likely`, checked: true, "data-kaart-likely": "" });
  const deckInfo = element("p", { class: "kaart-pitch-hint", "data-kaart-deck": "" });
  const draw = element("button", { type: "button", class: "kaart-button kaart-primary", "data-kaart-action": "draw", text: "Tirer une objection" });
  const progress = element("p", { class: "kaart-pitch-hint", "data-kaart-objection-progress": "" });
  const card = element("div", { class: "kaart-pitch-card", "data-kaart-card": "", tabindex: "-1", hidden: true });
  box.append(heading("Les objections", `${uid}-objections-title`),
    element("p", { class: "kaart-pitch-hint", text: "Tirez une objection que cet élu pourrait vous faire, écrivez (ou dites à voix haute) votre réponse, puis comparez-la aux conseils." }),
    element("div", { class: "kaart-pitch-choice" }, onlyLikely, element("label", { for: `${uid}-likely`, text: "Seulement les objections probables pour ma scène" })),
    deckInfo, element("div", { class: "kaart-pitch-actions" }, draw), card, progress);

  const deck = () => (onlyLikely.checked ? likelyObjections(all, getScene().profile, getScene().territory) : all);
  const persist = () => {
    save(storage, KEYS.answers, { answers, drawn });
    model.set("answers", JSON.parse(JSON.stringify(answers)));
    model.save_changes();
  };
  const showProgress = () => {
    const worked = all.filter((o) => answers[o.id]?.text).length;
    progress.textContent = `Objections travaillées : ${worked} sur ${all.length}.`;
  };
  onScene(() => {
    const size = deck().length;
    deckInfo.textContent = `${size} objection${size > 1 ? "s" : ""} dans le paquet.`;
  });
  onlyLikely.addEventListener("change", () => {
    const size = deck().length;
    deckInfo.textContent = `${size} objection${size > 1 ? "s" : ""} dans le paquet.`;
  });

  function showCard(objection) {
    const entry = answers[objection.id] ?? { text: "", checks: [], level: null };
    answers[objection.id] = entry;
    const answerId = `${uid}-answer`;
    const textarea = element("textarea", { id: answerId, rows: 4, lang: "fr", "data-kaart-objection-answer": "" });
    textarea.value = entry.text ?? "";
    const adviceButton = element("button", { type: "button", class: "kaart-button", "data-kaart-action": "advice", "aria-expanded": "false", "aria-controls": `${uid}-advice`, text: "Voir les conseils" });
    const advice = element("div", { id: `${uid}-advice`, class: "kaart-pitch-advice", "data-kaart-advice": "", hidden: true });
    const steps = element("ol", { class: "kaart-pitch-moves" },
      ...MOVES.map(([key, label]) => element("li", { "data-kaart-move": key }, element("strong", { text: `${label} : ` }), renderInline(objection.advice[key]))));
    const checks = element("fieldset", { class: "kaart-pitch-elements" }, element("legend", { text: "Cochez ce que votre réponse contient :" }));
    objection.elements.forEach((item, index) => {
      const id = `${uid}-element-${index}`;
      const input = element("input", { type: "checkbox", id, "data-kaart-element": String(index) });
      input.checked = (entry.checks ?? []).includes(index);
      input.addEventListener("change", () => {
        entry.checks = [...checks.querySelectorAll("input:checked")].map((i) => Number(i.dataset.kaartElement));
        persist();
      });
      checks.append(element("div", { class: "kaart-pitch-choice" }, input, element("label", { for: id }, renderInline(item))));
    });
    const level = element("fieldset", { class: "kaart-pitch-level" }, element("legend", { text: "Face à cette objection, je me sens…" }));
    ["à retravailler", "en bonne voie", "prêt·e"].forEach((label, index) => {
      const id = `${uid}-level-${index}`;
      const input = element("input", { type: "radio", name: `${uid}-level`, id, value: String(index), "data-kaart-level": String(index) });
      input.checked = entry.level === index;
      input.addEventListener("change", () => { entry.level = index; persist(); });
      level.append(element("div", { class: "kaart-pitch-choice" }, input, element("label", { for: id, text: label })));
    });
    advice.append(element("p", { class: "kaart-pitch-behind" }, element("strong", { text: "Ce qu'elle veut souvent dire : " }), renderInline(objection.behind)),
      element("p", { class: "kaart-pitch-advice-head", text: "Une bonne réponse en trois temps" }), steps,
      element("p", { class: "kaart-pitch-advice-head", text: "Exemple de réponse" }), element("blockquote", {}, renderInline(objection.example)),
      checks, level);
    const persistText = debounce(() => { entry.text = textarea.value; persist(); showProgress(); }, SAVE_DELAY_MS);
    textarea.addEventListener("input", persistText);
    adviceButton.addEventListener("click", () => {
      const open = advice.hidden;
      advice.hidden = !open;
      adviceButton.setAttribute("aria-expanded", String(open));
      adviceButton.textContent = open ? "Masquer les conseils" : "Voir les conseils";
      persistText.flush();
    });
    card.dataset.kaartObjection = objection.id;
    card.replaceChildren(
      element("p", { class: "kaart-pitch-card-label", text: "L'élu vous dit :" }),
      element("blockquote", { class: "kaart-pitch-quote", "data-kaart-objection-text": "", text: `«\u00a0${objection.objection}\u00a0»` }),
      element("label", { for: answerId, class: "kaart-pitch-label", text: "Votre réponse (quelques phrases, comme vous la diriez)" }),
      textarea, element("div", { class: "kaart-pitch-actions" }, adviceButton), advice);
    card.hidden = false;
    card.focus();
  }
  draw.addEventListener("click", () => {
    const objection = drawObjection(deck(), drawn);
    if (!objection) return;
    drawn = drawn.includes(objection.id) ? [objection.id] : [...drawn, objection.id];
    if (deck().every((o) => drawn.includes(o.id))) drawn = [];
    persist();
    draw.textContent = "Tirer une autre objection";
    showCard(objection);
  });
  showProgress();
  return box;
}

function renderGrid(state, model, uid, storage, getScene) {
  const grid = state.grid;
  const box = element("div", { class: "kaart-pitch-block kaart-pitch-grid" });
  if (!grid) return box;
  const ratings = loadSaved(storage, KEYS.ratings, { levels: {}, notes: "" });
  ratings.levels ??= {};
  const persist = () => {
    save(storage, KEYS.ratings, ratings);
    model.set("ratings", JSON.parse(JSON.stringify(ratings)));
    model.save_changes();
  };
  box.append(heading(grid.title, `${uid}-grid-title`), element("p", { class: "kaart-pitch-hint", text: grid.intro }));
  for (const section of grid.sections) {
    box.append(element("h4", { text: section.title }));
    for (const criterion of section.criteria) {
      const row = element("fieldset", { class: "kaart-pitch-criterion", "data-kaart-criterion": criterion.id }, element("legend", { text: criterion.text }));
      const options = element("div", { class: "kaart-pitch-scale" });
      grid.scale.forEach((label, index) => {
        const id = `${uid}-${criterion.id}-${index}`;
        const input = element("input", { type: "radio", name: `${uid}-${criterion.id}`, id, value: String(index), "data-kaart-level": String(index) });
        input.checked = ratings.levels[criterion.id] === index;
        input.addEventListener("change", () => { ratings.levels[criterion.id] = index; persist(); });
        options.append(element("div", { class: "kaart-pitch-choice" }, input, element("label", { for: id, text: label })));
      });
      row.append(options);
      box.append(row);
    }
  }
  const notes = element("textarea", { id: `${uid}-notes`, rows: 3, lang: "fr", "data-kaart-grid-notes": "" });
  notes.value = ratings.notes ?? "";
  notes.addEventListener("input", debounce(() => { ratings.notes = notes.value; persist(); }, SAVE_DELAY_MS));
  const download = element("button", { type: "button", class: "kaart-button kaart-primary", "data-kaart-action": "download-grid", text: "Télécharger ma fiche (.md)" });
  download.addEventListener("click", () => downloadSheet(state, storage, getScene()));
  const print = element("button", { type: "button", class: "kaart-button", "data-kaart-action": "print", text: "Imprimer la fiche vierge" });
  print.addEventListener("click", () => globalThis.print?.());
  box.append(element("label", { for: `${uid}-notes`, class: "kaart-pitch-label", text: "Ce que je garde, ce que je change" }), notes,
    element("div", { class: "kaart-pitch-actions" }, download, print),
    element("p", { class: "kaart-pitch-hint", text: "La fiche téléchargée reprend votre texte, vos réponses aux objections et votre grille remplie. La fiche vierge (grille, cartes d'objections à découper, tableau des temps) s'imprime avec la page." }));
  return box;
}

export default { render };
