// KAART quiz — the single home of the answer logic (grading, score, shuffling, saved progress) and of the
// quiz's interface. Runs unchanged in Jupyter (anywidget) and on the static book (kaart-mount.js).
//
// Model trait "state" (built and escaped by kaart_course/quiz.py):
//   { bank, title, description, questions: [Question] }            a quiz bank
//   { progress: [{ bank, title, href, total }] }                      the "Ma progression" table
// Question: { id, type: "single"|"multiple"|"true-false"|"numeric"|"ordering", typeLabel, prompt,
//   explanation, source: {title, url, date}|null, feedback: {correct, incorrect}, shuffle,
//   options|items: [{id, text, feedback}], answer, tolerance: {kind: "absolute"|"relative", value}, unit }
// Rich text fields are inline trees: {t: "text"|"code", v} | {t: "br"} | {t: "strong"|"em"|"span", c}
//   | {t: "link", href, c}. They are turned into DOM nodes, never into HTML strings.
// Saved progress, localStorage "kaart:quiz:<bank>": { answers: {questionId: response}, score, updated }.

import { element, renderInline } from "./kaart-dom.js";

const STORAGE_PREFIX = "kaart:quiz:";
const SEED_KEY = "kaart:seed";

// ---------------------------------------------------------------------------------------------------
// Pure logic (tested with node --test)

/** A number typed the French way ("34 875", "2,7", "1 200,5") or the English way; null if none. */
export function parseNumber(text) {
  const cleaned = String(text ?? "")
    .trim()
    .replace(/[\s\u00a0\u202f]/g, "")
    .replace(",", ".");
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(cleaned)) return null;
  return Number(cleaned);
}

/** Whether `response` answers `question` right. */
export function grade(question, response) {
  if (response === undefined || response === null) return false;
  switch (question.type) {
    case "single":
    case "true-false":
      return response === question.answer;
    case "multiple": {
      const expected = new Set(question.answer);
      return Array.isArray(response) && response.length === expected.size && response.every((id) => expected.has(id));
    }
    case "numeric": {
      if (typeof response !== "number" || Number.isNaN(response)) return false;
      const { kind, value } = question.tolerance ?? { kind: "absolute", value: 0 };
      const allowed = kind === "relative" ? Math.abs(question.answer) * value : value;
      return Math.abs(response - question.answer) <= allowed + 1e-9;
    }
    case "ordering":
      return Array.isArray(response) && response.join("\n") === question.items.map((item) => item.id).join("\n");
    default:
      return false;
  }
}

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
  const list = question.type === "ordering" ? question.items : question.options ?? [];
  if (question.type !== "ordering" && !question.shuffle) return [...list];
  const shuffled = seededShuffle(list, `${seed}:${question.id}`);
  if (question.type === "ordering" && shuffled.every((item, i) => item.id === list[i].id)) {
    shuffled.push(shuffled.shift());
  }
  return shuffled;
}

/** Saved progress of a bank, or an empty one when nothing (or something unreadable) is stored. */
export function loadProgress(storage, bank) {
  try {
    const saved = JSON.parse(storage.getItem(STORAGE_PREFIX + bank) ?? "null");
    if (saved && typeof saved.answers === "object" && saved.answers !== null) return saved;
  } catch {
    // unreadable storage: start afresh rather than break the page
  }
  return { answers: {}, score: null, updated: null };
}

export function saveProgress(storage, bank, questions, answers) {
  const progress = { answers, score: scoreOf(questions, answers), updated: new Date().toISOString() };
  try {
    storage.setItem(STORAGE_PREFIX + bank, JSON.stringify(progress));
  } catch {
    // storage full or forbidden: the quiz still works for this visit
  }
  return progress;
}

export function clearProgress(storage, bank) {
  try {
    storage.removeItem(STORAGE_PREFIX + bank);
  } catch {
    // nothing to clear
  }
}

/** localStorage when the browser allows it, else a memory stand-in for this visit. */
export function browserStorage() {
  try {
    const storage = globalThis.localStorage;
    const probe = `${STORAGE_PREFIX}probe`;
    storage.setItem(probe, "1");
    storage.removeItem(probe);
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

function readerSeed(storage) {
  let seed = storage.getItem(SEED_KEY);
  if (!seed) {
    seed = Math.floor(Math.random() * 2 ** 32).toString(36);
    storage.setItem(SEED_KEY, seed);
  }
  return seed;
}

/** Whether the page asks for the trainer's projection mode (?formateur or #formateur). */
export function trainerRequested(location) {
  if (!location) return false;
  const params = new URLSearchParams(location.search ?? "");
  return params.has("formateur") || (location.hash ?? "") === "#formateur";
}

function formatNumber(value) {
  return String(value).replace(".", ",").replace(/\B(?=(\d{3})+(?!\d))/g, "\u202f");
}

// ---------------------------------------------------------------------------------------------------
// Helpers (element() and renderInline() come from kaart-dom.js).

function sourceLine(source) {
  if (!source) return null;
  const link = element("a", { href: source.url, rel: "noopener" }, document.createTextNode(source.title));
  return element("p", { class: "kaart-source" }, document.createTextNode("Source : "), link,
    document.createTextNode(` (${source.date})`));
}

// ---------------------------------------------------------------------------------------------------
// The quiz

let quizCount = 0;

function readResponse(question, block) {
  switch (question.type) {
    case "single":
    case "true-false": {
      const checked = block.querySelector("input:checked");
      if (!checked) return undefined;
      return question.type === "true-false" ? checked.value === "true" : checked.value;
    }
    case "multiple": {
      const ids = [...block.querySelectorAll("input:checked")].map((input) => input.value);
      return ids.length ? ids.sort() : undefined;
    }
    case "numeric": {
      const value = parseNumber(block.querySelector("[data-kaart-numeric]").value);
      return value === null ? undefined : value;
    }
    case "ordering":
      return [...block.querySelectorAll("[data-kaart-order-item]")].map((item) => item.dataset.kaartOrderItem);
    default:
      return undefined;
  }
}

function buildInputs(question, uid, order) {
  const inputs = element("div", { class: "kaart-inputs" });
  if (question.type === "single" || question.type === "multiple") {
    for (const option of order) {
      const input = element("input", {
        type: question.type === "single" ? "radio" : "checkbox",
        name: uid,
        value: option.id,
        "data-kaart-option": option.id,
      });
      inputs.append(element("label", { class: "kaart-option" }, input, element("span", {}, renderInline(option.text))));
    }
  } else if (question.type === "true-false") {
    for (const [value, label] of [["true", "Vrai"], ["false", "Faux"]]) {
      const input = element("input", { type: "radio", name: uid, value, "data-kaart-option": value });
      inputs.append(element("label", { class: "kaart-option" }, input, element("span", { text: label })));
    }
  } else if (question.type === "numeric") {
    const id = `${uid}-value`;
    inputs.append(
      element("label", { for: id, class: "kaart-numeric-label", text: "Votre réponse" }),
      element("span", { class: "kaart-numeric" },
        element("input", { id, type: "text", inputmode: "decimal", autocomplete: "off", "data-kaart-numeric": "" }),
        question.unit ? element("span", { class: "kaart-unit", text: question.unit }) : null),
    );
  } else if (question.type === "ordering") {
    const list = element("ol", { class: "kaart-order", "aria-label": "Éléments à remettre dans l'ordre" });
    for (const item of order) {
      const text = element("span", { class: "kaart-order-text" }, renderInline(item.text));
      const label = text.textContent;
      list.append(element("li", { "data-kaart-order-item": item.id }, text,
        element("span", { class: "kaart-order-moves" },
          element("button", { type: "button", class: "kaart-move", "data-kaart-move": "up", "aria-label": `Monter « ${label} »`, text: "↑" }),
          element("button", { type: "button", class: "kaart-move", "data-kaart-move": "down", "aria-label": `Descendre « ${label} »`, text: "↓" }))));
    }
    inputs.append(list, element("p", { class: "kaart-order-status", role: "status", "aria-live": "polite" }));
  }
  return inputs;
}

function setResponse(question, block, response) {
  if (response === undefined) return;
  if (question.type === "numeric") {
    block.querySelector("[data-kaart-numeric]").value = formatNumber(response);
  } else if (question.type === "ordering") {
    const list = block.querySelector(".kaart-order");
    for (const id of response) {
      const item = list.querySelector(`[data-kaart-order-item="${CSS.escape(id)}"]`);
      if (item) list.append(item);
    }
  } else {
    const wanted = new Set([].concat(response).map(String));
    for (const input of block.querySelectorAll("input")) input.checked = wanted.has(input.value);
  }
}

function feedbackNodes(question, response, correct) {
  const parts = [element("p", { class: "kaart-verdict", text: correct ? "Bonne réponse." : "Pas tout à fait." })];
  if (question.type === "single" || question.type === "multiple") {
    const chosen = new Set([].concat(response));
    const expected = new Set([].concat(question.answer));
    const list = element("ul", { class: "kaart-option-feedback" });
    for (const option of question.options) {
      if (!chosen.has(option.id) && !expected.has(option.id)) continue;
      const mark = expected.has(option.id) ? "✔ " : "✘ ";
      list.append(element("li", {}, element("strong", {}, document.createTextNode(mark), renderInline(option.text)),
        document.createTextNode(" — "), renderInline(option.feedback)));
    }
    parts.push(list);
  } else {
    parts.push(element("p", {}, renderInline(correct ? question.feedback.correct : question.feedback.incorrect)));
    if (!correct && question.type === "numeric") {
      parts.push(element("p", { text: `Réponse attendue : ${formatNumber(question.answer)} ${question.unit ?? ""}`.trim() }));
    }
    if (!correct && question.type === "ordering") {
      const order = element("ol", {});
      for (const item of question.items) order.append(element("li", {}, renderInline(item.text)));
      parts.push(element("p", { text: "Le bon ordre :" }), order);
    }
    if (!correct && question.type === "true-false") {
      parts.push(element("p", { text: `Réponse attendue : ${question.answer ? "vrai" : "faux"}.` }));
    }
  }
  parts.push(element("p", { class: "kaart-explanation" }, renderInline(question.explanation)));
  parts.push(sourceLine(question.source));
  return parts.filter(Boolean);
}

function renderQuiz(model, el, state) {
  const storage = browserStorage();
  const seed = readerSeed(storage);
  const questions = state.questions;
  let answers = { ...loadProgress(storage, state.bank).answers };
  quizCount += 1;
  const prefix = `kaart-${state.bank}-${quizCount}`;

  const score = element("p", { class: "kaart-score", "data-kaart-score": "", role: "status", "aria-live": "polite" });
  const root = element("section", { class: "kaart-quiz", "data-kaart-quiz": state.bank, "aria-label": state.title });
  const header = element("div", { class: "kaart-quiz-header" },
    element("p", { class: "kaart-quiz-title", text: state.title }),
    state.description ? element("p", { class: "kaart-quiz-description", text: state.description }) : null,
    score);
  const list = element("ol", { class: "kaart-questions" });
  const blocks = new Map();

  questions.forEach((question, index) => {
    const uid = `${prefix}-${question.id}`;
    const legendId = `${uid}-legend`;
    const fieldset = element("fieldset", { "aria-labelledby": legendId },
      element("legend", { id: legendId },
        element("span", { class: "kaart-qnum", text: `Question ${index + 1} sur ${questions.length}` }),
        element("span", { class: "kaart-prompt" }, renderInline(question.prompt)),
        element("span", { class: "kaart-qtype", text: ` (${question.typeLabel})` })),
      buildInputs(question, uid, displayOrder(question, seed)));
    const check = element("button", { type: "button", class: "kaart-button kaart-primary", "data-kaart-action": "check", text: "Valider" });
    const reveal = element("button", { type: "button", class: "kaart-button kaart-reveal", "data-kaart-action": "reveal", text: "Révéler la réponse" });
    const feedback = element("div", { class: "kaart-feedback", "data-kaart-feedback": "", role: "status", "aria-live": "polite", tabindex: "-1" });
    const block = element("li", { class: "kaart-question", "data-kaart-question": question.id },
      fieldset, element("div", { class: "kaart-actions" }, check, reveal), feedback);
    blocks.set(question.id, block);
    list.append(block);
  });

  const retry = element("button", { type: "button", class: "kaart-button", "data-kaart-action": "retry-missed", text: "Recommencer les questions manquées" });
  const reset = element("button", { type: "button", class: "kaart-button", "data-kaart-action": "reset", text: "Effacer mes réponses" });
  const trainer = element("button", { type: "button", class: "kaart-button", "data-kaart-action": "trainer", "aria-pressed": "false", text: "Mode formateur (projection)" });
  const prev = element("button", { type: "button", class: "kaart-button", "data-kaart-action": "prev", text: "← Précédente" });
  const next = element("button", { type: "button", class: "kaart-button", "data-kaart-action": "next", text: "Suivante →" });
  const counter = element("p", { class: "kaart-trainer-counter", "aria-live": "polite" });
  const trainerNav = element("div", { class: "kaart-trainer-nav" }, prev, counter, next);
  const footer = element("div", { class: "kaart-quiz-footer" }, retry, reset, trainer);
  root.append(header, trainerNav, list, footer);
  el.append(root);

  let trainerMode = false;
  let current = 0;

  function showQuestion(question, block, correct) {
    const response = answers[question.id];
    block.dataset.kaartResult = correct ? "correct" : "incorrect";
    const feedback = block.querySelector("[data-kaart-feedback]");
    feedback.replaceChildren(...feedbackNodes(question, response, correct));
    for (const control of block.querySelectorAll("fieldset input, fieldset button")) control.disabled = true;
    block.querySelector("[data-kaart-action=check]").disabled = true;
  }

  function clearQuestion(block) {
    delete block.dataset.kaartResult;
    block.querySelector("[data-kaart-feedback]").replaceChildren();
    for (const control of block.querySelectorAll("fieldset input, fieldset button")) control.disabled = false;
    block.querySelector("[data-kaart-action=check]").disabled = false;
    block.classList.remove("kaart-revealed");
  }

  function updateScore() {
    const { correct, answered, total } = scoreOf(questions, answers);
    score.textContent = answered === total
      ? `Score : ${correct} sur ${total}. ${correct === total ? "Bravo, tout est juste !" : "Vous pouvez recommencer les questions manquées."}`
      : `Score : ${correct} sur ${total} (${answered} question${answered > 1 ? "s" : ""} répondue${answered > 1 ? "s" : ""}).`;
    retry.disabled = answered === 0 || correct === answered;
  }

  function persist() {
    if (trainerMode) return;
    const progress = saveProgress(storage, state.bank, questions, answers);
    model.set("answers", progress.answers);
    model.save_changes();
  }

  function check(question, block) {
    const response = readResponse(question, block);
    const feedback = block.querySelector("[data-kaart-feedback]");
    if (response === undefined) {
      feedback.replaceChildren(element("p", { class: "kaart-verdict",
        text: question.type === "numeric" ? "Saisissez un nombre (par exemple 2,7 ou 34 875)." : "Choisissez une réponse avant de valider." }));
      feedback.focus();
      return;
    }
    answers[question.id] = response;
    showQuestion(question, block, grade(question, response));
    persist();
    updateScore();
    feedback.focus();
  }

  function revealAnswer(question, block) {
    block.classList.add("kaart-revealed");
    const expected = new Set([].concat(question.answer ?? []).map(String));
    for (const input of block.querySelectorAll("input[data-kaart-option]")) {
      input.closest(".kaart-option").classList.toggle("kaart-expected", expected.has(input.value));
    }
    const feedback = block.querySelector("[data-kaart-feedback]");
    const response = question.type === "ordering" ? question.items.map((i) => i.id) : question.answer;
    feedback.replaceChildren(...feedbackNodes(question, response, true).slice(1));
    if (question.type === "numeric") {
      feedback.prepend(element("p", { class: "kaart-verdict", text: `Réponse : ${formatNumber(question.answer)} ${question.unit ?? ""}`.trim() }));
    }
    if (question.type === "ordering") setResponse(question, block, response);
    feedback.focus();
  }

  function showTrainerQuestion() {
    questions.forEach((question, index) => { blocks.get(question.id).hidden = trainerMode && index !== current; });
    counter.textContent = `Question ${current + 1} sur ${questions.length}`;
    prev.disabled = current === 0;
    next.disabled = current === questions.length - 1;
  }

  function setTrainerMode(on) {
    trainerMode = on;
    root.classList.toggle("kaart-trainer", on);
    trainer.setAttribute("aria-pressed", String(on));
    trainer.textContent = on ? "Quitter le mode formateur" : "Mode formateur (projection)";
    for (const [id, block] of blocks) {
      clearQuestion(block);
      const question = questions.find((q) => q.id === id);
      if (!on && id in answers) {
        setResponse(question, block, answers[id]);
        showQuestion(question, block, grade(question, answers[id]));
      }
    }
    current = 0;
    showTrainerQuestion();
    if (!on) for (const block of blocks.values()) block.hidden = false;
  }

  root.addEventListener("click", (event) => {
    const button = event.target.closest("button");
    if (!button || !root.contains(button)) return;
    const block = button.closest("[data-kaart-question]");
    const question = block && questions.find((q) => q.id === block.dataset.kaartQuestion);
    const action = button.dataset.kaartAction;
    if (button.dataset.kaartMove) {
      const item = button.closest("[data-kaart-order-item]");
      const sibling = button.dataset.kaartMove === "up" ? item.previousElementSibling : item.nextElementSibling;
      if (!sibling) return;
      if (button.dataset.kaartMove === "up") sibling.before(item);
      else sibling.after(item);
      button.focus();
      const position = [...item.parentElement.children].indexOf(item) + 1;
      block.querySelector(".kaart-order-status").textContent =
        `« ${item.querySelector(".kaart-order-text").textContent} » est maintenant en position ${position}.`;
    } else if (action === "check") check(question, block);
    else if (action === "reveal") revealAnswer(question, block);
    else if (action === "retry-missed") {
      let first = null;
      for (const q of questions) {
        if (q.id in answers && !grade(q, answers[q.id])) {
          delete answers[q.id];
          clearQuestion(blocks.get(q.id));
          first ??= blocks.get(q.id);
        }
      }
      persist();
      updateScore();
      first?.querySelector("input, button")?.focus();
    } else if (action === "reset") {
      answers = {};
      clearProgress(storage, state.bank);
      model.set("answers", {});
      model.save_changes();
      for (const b of blocks.values()) {
        clearQuestion(b);
        for (const input of b.querySelectorAll("input")) {
          if (input.type === "text") input.value = "";
          else input.checked = false;
        }
      }
      updateScore();
      score.focus?.();
    } else if (action === "trainer") setTrainerMode(!trainerMode);
    else if (action === "prev" || action === "next") {
      current = Math.max(0, Math.min(questions.length - 1, current + (action === "next" ? 1 : -1)));
      showTrainerQuestion();
      blocks.get(questions[current].id).querySelector("legend").scrollIntoView?.({ block: "nearest" });
    }
  });

  root.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && event.target.matches("[data-kaart-numeric]")) {
      event.preventDefault();
      const block = event.target.closest("[data-kaart-question]");
      check(questions.find((q) => q.id === block.dataset.kaartQuestion), block);
    }
  });

  for (const question of questions) {
    if (question.id in answers) {
      const block = blocks.get(question.id);
      setResponse(question, block, answers[question.id]);
      showQuestion(question, block, grade(question, answers[question.id]));
    }
  }
  updateScore();
  if (trainerRequested(globalThis.location)) setTrainerMode(true);
  else showTrainerQuestion();
  for (const block of blocks.values()) block.hidden = trainerMode && block !== blocks.get(questions[current].id);
}

// ---------------------------------------------------------------------------------------------------
// "Ma progression": every quiz of the course with its saved score

function renderProgress(el, entries) {
  const storage = browserStorage();
  const table = element("table", { class: "kaart-progress", "data-kaart-progress": "" },
    element("caption", { text: "Vos scores enregistrés dans ce navigateur" }),
    element("thead", {}, element("tr", {},
      element("th", { scope: "col", text: "Quiz" }),
      element("th", { scope: "col", text: "Score" }),
      element("th", { scope: "col", text: "Dernière activité" }))));
  const body = element("tbody");
  const fill = () => {
    body.replaceChildren();
    for (const entry of entries) {
      const saved = loadProgress(storage, entry.bank);
      const scored = saved.score && saved.score.answered > 0;
      const title = entry.href ? element("a", { href: entry.href, text: entry.title }) : element("span", { text: entry.title });
      body.append(element("tr", { "data-kaart-progress-bank": entry.bank },
        element("td", {}, title),
        element("td", { text: scored ? `${saved.score.correct} sur ${entry.total} (${saved.score.answered} répondue${saved.score.answered > 1 ? "s" : ""})` : "pas encore commencé" }),
        element("td", { text: saved.updated ? new Date(saved.updated).toLocaleDateString("fr-FR", { day: "numeric", month: "long", year: "numeric" }) : "—" })));
    }
  };
  table.append(body);
  const reset = element("button", { type: "button", class: "kaart-button", "data-kaart-action": "reset-all", text: "Effacer toute ma progression" });
  const status = element("p", { role: "status", "aria-live": "polite" });
  reset.addEventListener("click", () => {
    for (const entry of entries) clearProgress(storage, entry.bank);
    fill();
    status.textContent = "Votre progression a été effacée de ce navigateur.";
  });
  fill();
  el.append(element("div", { class: "kaart-quiz kaart-progress-wrap" }, table, reset, status));
}

function render({ model, el }) {
  const state = model.get("state");
  if (state.progress) renderProgress(el, state.progress);
  else renderQuiz(model, el, state);
}

export default { render };
