// KAART quiz — the quiz's interface. The question types (asking, reading, grading) are in ./types.js, the logic
// that needs no page (score, shuffle, saved progress) in ./logic.js. Runs unchanged in Jupyter (anywidget) and
// on the static book (kaart-mount.js).
//
// Model trait "state" (built by kaart_course/quiz.py): { bank, title, description, questions: [Question] }
// Question: { id, type, typeLabel, prompt, explanation, source: {title, url, date, dateText}|null, shuffle,
//   and its type's fields: options|items: [{id, text, feedback}], answer, tolerance, unit, feedback }
// Rich text fields are inline trees turned into DOM nodes (common/dom.js), never into HTML strings.
// Trait "trainer" (optional): true opens the quiz in trainer mode.
// Trait "answers" (readable from Python in Jupyter) mirrors the saved progress, localStorage "kaart:quiz:<bank>".
// Hooks (data-kaart-…): quiz, question, option, numeric, order-item, move, action, feedback, score, result.

import { element, renderInline } from "../common/dom.js";
import { browserStorage } from "../common/storage.js";
import { TYPES, grade } from "./types.js";
import { clearProgress, displayOrder, loadProgress, readerSeed, saveProgress, scoreOf, trainerRequested } from "./logic.js";

export { grade } from "./types.js";
export { displayOrder, loadProgress, saveProgress, scoreOf, seededShuffle, trainerRequested } from "./logic.js";
export { parseNumber } from "../common/format.js";

let quizCount = 0;

function button(action, text, extra = {}) {
  return element("button", { type: "button", class: "kaart-button", "data-kaart-action": action, text, ...extra });
}

function sourceLine(source) {
  if (!source) return null;
  return element("p", { class: "kaart-source" }, document.createTextNode("Source : "),
    element("a", { href: source.url, rel: "noopener", text: source.title }),
    document.createTextNode(` (${source.dateText ?? source.date})`));
}

function feedbackNodes(question, response, correct) {
  return [element("p", { class: "kaart-verdict", text: correct ? "Bonne réponse." : "Pas tout à fait." }),
    ...TYPES[question.type].feedback(question, response, correct),
    element("p", { class: "kaart-explanation" }, renderInline(question.explanation)),
    sourceLine(question.source)].filter(Boolean);
}

function questionBlock(question, index, total, uid, seed) {
  const legendId = `${uid}-legend`;
  const fieldset = element("fieldset", { "aria-labelledby": legendId },
    element("legend", { id: legendId },
      element("span", { class: "kaart-qnum", text: `Question ${index + 1} sur ${total}` }),
      element("span", { class: "kaart-prompt" }, renderInline(question.prompt)),
      element("span", { class: "kaart-qtype", text: ` (${question.typeLabel})` })),
    TYPES[question.type].inputs(question, uid, displayOrder(question, seed)));
  return element("li", { class: "kaart-question", "data-kaart-question": question.id }, fieldset,
    element("div", { class: "kaart-actions" }, button("check", "Valider", { class: "kaart-button kaart-primary" }),
      button("reveal", "Révéler la réponse", { class: "kaart-button kaart-reveal" })),
    element("div", { class: "kaart-feedback", "data-kaart-feedback": "", role: "status", "aria-live": "polite", tabindex: "-1" }));
}

/** Shows a question answered (its feedback, inputs locked) or clears it. */
function showResult(question, block, response) {
  const correct = grade(question, response);
  block.dataset.kaartResult = correct ? "correct" : "incorrect";
  block.querySelector("[data-kaart-feedback]").replaceChildren(...feedbackNodes(question, response, correct));
  for (const control of block.querySelectorAll("fieldset input, fieldset button, [data-kaart-action=check]")) control.disabled = true;
}

function clearResult(block) {
  delete block.dataset.kaartResult;
  block.classList.remove("kaart-revealed");
  block.querySelector("[data-kaart-feedback]").replaceChildren();
  for (const control of block.querySelectorAll("fieldset input, fieldset button, [data-kaart-action=check]")) control.disabled = false;
}

/** Trainer mode: shows the right answer without grading anyone. */
function revealAnswer(question, block) {
  const type = TYPES[question.type];
  const expected = new Set(type.expected(question).map(String));
  block.classList.add("kaart-revealed");
  for (const input of block.querySelectorAll("input[data-kaart-option]")) {
    input.closest(".kaart-option").classList.toggle("kaart-expected", expected.has(input.value));
  }
  if (type.solution) type.set(question, block, type.solution(question));
  const nodes = feedbackNodes(question, type.solution ? type.solution(question) : question.answer, true).slice(1);
  if (type.revealed) nodes.unshift(element("p", { class: "kaart-verdict", text: type.revealed(question) }));
  const feedback = block.querySelector("[data-kaart-feedback]");
  feedback.replaceChildren(...nodes);
  feedback.focus();
}

function scoreText(questions, answers) {
  const { correct, answered, total } = scoreOf(questions, answers);
  if (answered === total) {
    return `Score : ${correct} sur ${total}. ${correct === total ? "Bravo, tout est juste !" : "Vous pouvez recommencer les questions manquées."}`;
  }
  return `Score : ${correct} sur ${total} (${answered} question${answered > 1 ? "s" : ""} répondue${answered > 1 ? "s" : ""}).`;
}

function moveOrderItem(moveButton) {
  const item = moveButton.closest("[data-kaart-order-item]");
  const up = moveButton.dataset.kaartMove === "up";
  const sibling = up ? item.previousElementSibling : item.nextElementSibling;
  if (!sibling) return;
  if (up) sibling.before(item);
  else sibling.after(item);
  moveButton.focus();
  const position = [...item.parentElement.children].indexOf(item) + 1;
  item.closest("[data-kaart-question]").querySelector(".kaart-order-status").textContent =
    `« ${item.querySelector(".kaart-order-text").textContent} » est maintenant en position ${position}.`;
}

function renderQuiz(model, el, state) {
  const storage = browserStorage();
  const seed = readerSeed(storage);
  const { questions } = state;
  const byId = new Map(questions.map((q) => [q.id, q]));
  let answers = { ...loadProgress(storage, state.bank).answers };
  quizCount += 1;
  const prefix = `kaart-${state.bank}-${quizCount}`;

  const score = element("p", { class: "kaart-score", "data-kaart-score": "", role: "status", "aria-live": "polite", tabindex: "-1" });
  const blocks = new Map(questions.map((q, i) => [q.id, questionBlock(q, i, questions.length, `${prefix}-${q.id}`, seed)]));
  const retry = button("retry-missed", "Recommencer les questions manquées");
  const trainer = button("trainer", "Mode formateur (projection)", { "aria-pressed": "false" });
  const prev = button("prev", "← Précédente");
  const next = button("next", "Suivante →");
  const counter = element("p", { class: "kaart-trainer-counter", "aria-live": "polite" });
  const root = element("section", { class: "kaart-quiz kaart-ui", "data-kaart-quiz": state.bank, "aria-label": state.title },
    element("div", { class: "kaart-quiz-header" }, element("p", { class: "kaart-quiz-title", text: state.title }),
      state.description ? element("p", { class: "kaart-quiz-description", text: state.description }) : null, score),
    element("div", { class: "kaart-trainer-nav" }, prev, counter, next),
    element("ol", { class: "kaart-questions" }, ...blocks.values()),
    element("div", { class: "kaart-quiz-footer" }, retry, button("reset", "Effacer mes réponses"), trainer));
  el.append(root);

  let trainerMode = false;
  let current = 0;
  const updateScore = () => {
    score.textContent = scoreText(questions, answers);
    const { correct, answered } = scoreOf(questions, answers);
    retry.disabled = answered === 0 || correct === answered;
  };
  const persist = () => {
    if (trainerMode) return;
    model.set("answers", saveProgress(storage, state.bank, questions, answers).answers);
    model.save_changes();
  };
  const restore = () => {
    for (const [id, block] of blocks) {
      clearResult(block);
      if (!trainerMode && id in answers) {
        TYPES[byId.get(id).type].set(byId.get(id), block, answers[id]);
        showResult(byId.get(id), block, answers[id]);
      }
    }
  };
  const showTrainerQuestion = () => {
    questions.forEach((q, index) => { blocks.get(q.id).hidden = trainerMode && index !== current; });
    counter.textContent = `Question ${current + 1} sur ${questions.length}`;
    prev.disabled = current === 0;
    next.disabled = current === questions.length - 1;
  };
  const setTrainerMode = (on) => {
    trainerMode = on;
    root.classList.toggle("kaart-trainer", on);
    trainer.setAttribute("aria-pressed", String(on));
    trainer.textContent = on ? "Quitter le mode formateur" : "Mode formateur (projection)";
    current = 0;
    restore();
    showTrainerQuestion();
  };

  const actions = {
    check(question, block) {
      const response = TYPES[question.type].read(question, block);
      const feedback = block.querySelector("[data-kaart-feedback]");
      if (response === undefined) {
        feedback.replaceChildren(element("p", { class: "kaart-verdict", text: TYPES[question.type].missing ?? "Choisissez une réponse avant de valider." }));
      } else {
        answers[question.id] = response;
        showResult(question, block, response);
        persist();
        updateScore();
      }
      feedback.focus();
    },
    reveal: revealAnswer,
    "retry-missed"() {
      const missed = questions.filter((q) => q.id in answers && !grade(q, answers[q.id]));
      for (const q of missed) {
        delete answers[q.id];
        clearResult(blocks.get(q.id));
      }
      persist();
      updateScore();
      if (missed.length) blocks.get(missed[0].id).querySelector("input, button")?.focus();
    },
    reset() {
      answers = {};
      clearProgress(storage, state.bank);
      model.set("answers", {});
      model.save_changes();
      for (const block of blocks.values()) {
        clearResult(block);
        for (const input of block.querySelectorAll("input")) {
          if (input.type === "text") input.value = "";
          else input.checked = false;
        }
      }
      updateScore();
      score.focus();
    },
    trainer: () => setTrainerMode(!trainerMode),
    prev: () => actions.step(-1),
    next: () => actions.step(1),
    step(delta) {
      current = Math.max(0, Math.min(questions.length - 1, current + delta));
      showTrainerQuestion();
      blocks.get(questions[current].id).querySelector("legend").scrollIntoView?.({ block: "nearest" });
    },
  };

  root.addEventListener("click", (event) => {
    const clicked = event.target.closest("button");
    if (!clicked || !root.contains(clicked)) return;
    if (clicked.dataset.kaartMove) return moveOrderItem(clicked);
    const block = clicked.closest("[data-kaart-question]");
    actions[clicked.dataset.kaartAction]?.(block && byId.get(block.dataset.kaartQuestion), block);
  });
  root.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && event.target.matches("[data-kaart-numeric]")) {
      event.preventDefault();
      const block = event.target.closest("[data-kaart-question]");
      actions.check(byId.get(block.dataset.kaartQuestion), block);
    }
  });

  updateScore();
  // Trainer mode from the address (?formateur), or asked by the widget that draws this quiz (the projection).
  setTrainerMode(model.get("trainer") === true || trainerRequested(globalThis.location));
}

function render({ model, el }) {
  renderQuiz(model, el, model.get("state"));
}

export default { render };
