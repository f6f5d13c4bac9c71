// The pitch studio's analysis of a draft: word count, speaking time, the structure checklist and the wording
// flags. Pure functions, no page (tested with node --test). The rules are data (data/pitch/*.yml and the
// glossary, validated by kaart_course/_pitch_data.py, handed over in the widget's state); this module applies them.

import rules from "../common/rules.json" with { type: "json" };

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
// Letters that no accent-stripping turns into ASCII (shared with Python).
const LETTERS = rules.letters;

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
    found.push({ start, end, foldedStart: match.index, foldedEnd: match.index + match[0].length,
      excerpt: folded.source.slice(start, end) });
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

/** The state's rules with their regular expressions built (memoised per state object). */
export function compileRules(state) {
  if (COMPILED.has(state)) return COMPILED.get(state);
  const wording = state.wording ?? { rules: [], longSentence: { maxWords: Infinity }, jargon: {}, acronyms: {} };
  const glossary = (state.glossary ?? []).map((entry) => {
    const names = [entry.term, ...(entry.aliases ?? [])];
    return {
      ...entry,
      names,
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

/** Seconds of each step of the structure for the scene: the situation's plan, or for a custom duration the
 * plan of the longest situation scaled to it (to the nearest 5 s). */
export function stepSeconds(state, scene) {
  const steps = state.structure ?? [];
  const situation = (state.situations ?? []).find((s) => s.id === scene?.situation);
  if (situation) return Object.fromEntries(steps.map((step) => [step.id, step.seconds?.[situation.id] ?? 0]));
  const model = [...(state.situations ?? [])].sort((a, b) => b.max_seconds - a.max_seconds)[0];
  const budget = sceneBudget(state, scene).max;
  return Object.fromEntries(steps.map((step) => [step.id,
    model ? Math.round(((step.seconds?.[model.id] ?? 0) * budget) / model.max_seconds / 5) * 5 : 0]));
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

// ---------------------------------------------------------------------------------------------------
// The structure checklist and the wording flags

/** Each structure item: "done" when every group matched, "partial" when some did, else "missing". */
export function checkStructure(folded, compiled, profile) {
  const extra = profileRegex(compiled, profile);
  return compiled.structure.map((item) => {
    const asked = item.groups.map((group) => ({ label: group.label, regex: group.regex }));
    // Once an élu is chosen, a step that asks for it must also speak of the élu's own domain.
    if (extra && item.profileKeywords) asked.push({ label: item.profileKeywords, regex: extra });
    const groups = asked.map((group) => ({
      label: group.label, matches: uniqueExcerpts(findMatches(group.regex, folded)).slice(0, MAX_EXCERPTS),
    }));
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

const ACRONYM_TOKEN = new RegExp(rules.acronym.token, "g");
const LOWER_RUN = new RegExp(rules.acronym.lowerRun);
const ROMAN = new RegExp(rules.acronym.roman);
const IGNORED = new Set(rules.acronym.ignored);

/** Whether a token (folded, capitals kept) is an acronym — the rule kaart_course/_rules.py applies to the
 * course's prose: two capitals or more, no two lower-case letters in a row, not a roman numeral, not a word of
 * emphasis in capitals (« CATASTROPHE »), not a format everybody knows (PDF). */
export function isAcronym(token) {
  if (IGNORED.has(token) || ROMAN.test(token) || token.length > rules.acronym.maxLength) return false;
  return (token.match(/[A-Z]/g) ?? []).length >= 2 && !LOWER_RUN.test(token);
}

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
      // « il a plu » is not the PLU, « Notre commune » not the loi NOTRe: an acronym counts only when
      // written as one.
      if (entry.acronym && !isAcronym(folded.cased.slice(match.foldedStart, match.foldedEnd))) continue;
      if (explainedAfter(folded, match)) continue;
      flags.push({
        kind: "jargon", rule: entry.term, label: wording.jargon.label ?? "Jargon", ...match,
        suggestion: fill(wording.jargon.suggestion ?? "Dites plutôt : « {plain} ».", entry),
      });
    }
  }
  for (const match of findMatches(ACRONYM_TOKEN, { ...folded, text: folded.cased })) {
    const token = folded.cased.slice(match.foldedStart, match.foldedEnd);
    const key = token.toUpperCase();
    if (!isAcronym(token) || compiled.knownAcronyms.has(key) || explainedAfter(folded, match)) continue;
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

