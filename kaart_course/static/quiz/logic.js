// The quiz's logic that needs no page: score, the reader's shuffle, saved progress, trainer mode.

import { TYPES, grade } from "./types.js";
import { loadJSON, removeKey, saveJSON } from "../common/storage.js";

const STORAGE_PREFIX = "kaart:quiz:";
const SEED_KEY = "kaart:seed";

/** Score of saved answers: how many right, how many answered, out of how many. */
export function scoreOf(questions, answers) {
  let correct = 0;
  let answered = 0;
  for (const question of questions) {
    if (!(question.id in answers)) continue;
    answered += 1;
    if (grade(question, answers[question.id])) correct += 1;
  }
  return { correct, answered, total: questions.length };
}

function hashString(text) {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 16777619);
  }
  return hash >>> 0;
}

/** The same list in an order fixed by `seed` (mulberry32 + Fisher-Yates). */
export function seededShuffle(list, seed) {
  let state = hashString(String(seed));
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const result = [...list];
  for (let i = result.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [result[i], result[j]] = [result[j], result[i]];
  }
  return result;
}

/** Display order of a question's options or items for this reader. Ordering items never start solved. */
export function displayOrder(question, seed) {
  const type = TYPES[question.type];
  const list = type.choices?.(question) ?? [];
  if (!type.scrambled && !question.shuffle) return [...list];
  const shuffled = seededShuffle(list, `${seed}:${question.id}`);
  if (type.scrambled && shuffled.length > 1 && shuffled.every((item, i) => item.id === list[i].id)) {
    shuffled.push(shuffled.shift());
  }
  return shuffled;
}

/** Saved progress of a bank, or an empty one when nothing (or something unreadable) is stored. */
export function loadProgress(storage, bank) {
  const saved = loadJSON(storage, STORAGE_PREFIX + bank, {});
  return saved.answers && typeof saved.answers === "object" && !Array.isArray(saved.answers)
    ? saved : { answers: {}, score: null, updated: null };
}

export function saveProgress(storage, bank, questions, answers) {
  const progress = { answers, score: scoreOf(questions, answers), updated: new Date().toISOString() };
  saveJSON(storage, STORAGE_PREFIX + bank, progress);
  return progress;
}

export function clearProgress(storage, bank) {
  removeKey(storage, STORAGE_PREFIX + bank);
}

/** This reader's seed for shuffling, kept so that the order stays the same from one visit to the next. */
export function readerSeed(storage) {
  let seed = storage.getItem(SEED_KEY);
  if (!seed) {
    seed = Math.floor(Math.random() * 2 ** 32).toString(36);
    try {
      storage.setItem(SEED_KEY, seed);
    } catch {
      // storage forbidden: a new order on each visit
    }
  }
  return seed;
}

/** Whether the page asks for the trainer's projection mode (?formateur or #formateur). */
export function trainerRequested(location) {
  if (!location) return false;
  const params = new URLSearchParams(location.search ?? "");
  return params.has("formateur") || (location.hash ?? "") === "#formateur";
}
