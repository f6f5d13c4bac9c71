// KAART projection view — a session's steps, one per screen in large type, for the room. Runs unchanged in
// Jupyter (anywidget) and on the static book (kaart-mount.js), also from file://.
//
// Model trait "state" (built by kaart_course/sessions.py projection_state):
//   { session, title, duration, durationText, objectives: [str],
//     steps: [{ number, title, minutes, start, participants, trainer (inline trees), material: [str], quiz }] }
// A step's `quiz` is a quiz bank's state: the quiz widget draws it in trainer mode (one question at a time).
// Keys while projecting (or with the focus in the view): → ← (PageDown PageUp) Home End, F full screen, Échap.
// Hooks (data-kaart-…): projection, step-current (the step on screen, 1 for the first), action, timer, quiz-host.
// The address « #projeter » opens the view projected.

import { element, renderInline } from "../common/dom.js";
import { plainModel } from "../common/model.js";
import quizWidget from "../quiz/quiz.js";
import { keyAction, moveTo, slot, timerText } from "./logic.js";

export { clock, keyAction, moveTo, timerText } from "./logic.js";

const HASH = "#projeter";

function button(action, text, extra = {}) {
  return element("button", { type: "button", class: "kaart-button", "data-kaart-action": action, text, ...extra });
}

function isTyping(target) {
  return target instanceof Element && (target.matches("input, textarea, select") || target.isContentEditable);
}

function renderProjection(el, state) {
  const total = state.steps.length;
  let current = 1;
  let shownAt = Date.now();
  let projecting = false;
  let timer = null;

  const heading = element("p", { class: "kaart-projection-session", text: `Séance ${state.session} — ${state.title}` });
  const counter = element("p", { class: "kaart-projection-counter", "aria-live": "polite" });
  const title = element("p", { class: "kaart-projection-title" });
  const body = element("div", { class: "kaart-projection-body" });
  const clockNode = element("p", { class: "kaart-projection-timer", "data-kaart-timer": "", role: "timer" });
  const progress = element("div", { class: "kaart-projection-progress", "aria-hidden": "true" }, element("span"));
  const prev = button("prev", "← Étape précédente");
  const next = button("next", "Étape suivante →", { class: "kaart-button kaart-primary" });
  const project = button("project", "Projeter la séance", { class: "kaart-button kaart-primary", "aria-pressed": "false" });
  const fullscreen = button("fullscreen", "Plein écran (F)");
  const stage = element("section", {
    class: "kaart-projection-stage", "data-kaart-step-current": "1", tabindex: "0",
    "aria-roledescription": "vue de projection", "aria-label": `Séance ${state.session}, vue de projection`,
  }, element("div", { class: "kaart-projection-top" }, heading, counter), title, body,
  element("div", { class: "kaart-projection-bottom" }, clockNode, progress));
  const help = element("p", { class: "kaart-projection-help",
    text: "Au clavier : flèches → et ← pour changer d'étape, Début et Fin pour la première et la dernière, F pour le plein écran, Échap pour quitter." });
  const root = element("div", { class: "kaart-projection kaart-ui", "data-kaart-projection": String(state.session) },
    element("div", { class: "kaart-projection-toolbar" }, project, fullscreen), stage,
    element("div", { class: "kaart-projection-nav" }, prev, next), help);
  el.append(root);

  const tick = () => {
    const step = state.steps[current - 1];
    const { text, over } = timerText((Date.now() - shownAt) / 1000, step.minutes);
    clockNode.textContent = text;
    clockNode.classList.toggle("kaart-projection-over", over);
  };

  const show = (number) => {
    current = number;
    const step = state.steps[current - 1];
    shownAt = Date.now();
    stage.dataset.kaartStepCurrent = String(current);
    counter.textContent = `Étape ${current} sur ${total} · ${slot(step.start, step.minutes)}`;
    title.textContent = step.title;
    const parts = [element("p", { class: "kaart-projection-participants" }, renderInline(step.participants))];
    if (step.material.length) {
      parts.push(element("ul", { class: "kaart-projection-material" },
        ...step.material.map((text) => element("li", { text }))));
    }
    if (step.quiz) {
      const host = element("div", { class: "kaart-projection-quiz", "data-kaart-quiz-host": step.quiz.bank });
      parts.push(host);
      quizWidget.render({ model: plainModel({ state: step.quiz, trainer: true }), el: host });
    }
    parts.push(element("p", { class: "kaart-projection-trainer" },
      element("strong", { text: "Le formateur : " }), renderInline(step.trainer)));
    body.replaceChildren(...parts);
    stage.classList.toggle("kaart-projection-has-quiz", Boolean(step.quiz));
    progress.firstChild.style.width = `${(100 * current) / total}%`;
    prev.disabled = current === 1;
    next.disabled = current === total;
    tick();
  };

  const setProjecting = (on) => {
    projecting = on;
    root.classList.toggle("kaart-projecting", on);
    document.documentElement.classList.toggle("kaart-projection-open", on);
    project.setAttribute("aria-pressed", String(on));
    project.textContent = on ? "Quitter la projection (Échap)" : "Projeter la séance";
    if (on) stage.focus();
    else if (document.fullscreenElement === root) document.exitFullscreen?.();
  };

  const toggleFullscreen = () => {
    if (!projecting) setProjecting(true);
    if (document.fullscreenElement) document.exitFullscreen?.();
    else root.requestFullscreen?.().catch(() => {});
  };

  const act = (action) => {
    if (action === "fullscreen") return toggleFullscreen();
    if (action === "project") return setProjecting(!projecting);
    if (action === "exit") return projecting && !document.fullscreenElement && setProjecting(false);
    const target = moveTo(action, current, total);
    if (target !== current) show(target);
  };

  root.addEventListener("click", (event) => {
    const clicked = event.target.closest("button[data-kaart-action]");
    if (clicked && !clicked.closest(".kaart-quiz") && root.contains(clicked)) act(clicked.dataset.kaartAction);
  });
  const onKey = (event) => {
    if (!projecting && !root.contains(event.target)) return;
    if (isTyping(event.target)) return;
    const action = keyAction(event);
    if (!action) return;
    event.preventDefault();
    act(action);
  };
  document.addEventListener("keydown", onKey);
  timer = setInterval(tick, 1000);

  show(1);
  if (globalThis.location?.hash === HASH) setProjecting(true);
  return () => {
    clearInterval(timer);
    document.removeEventListener("keydown", onKey);
  };
}

function render({ model, el }) {
  return renderProjection(el, model.get("state"));
}

export default { render };
