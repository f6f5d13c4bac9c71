// KAART pitch studio — the volunteer's scene, pitch writer, rehearsal timer, objection role-play and
// self-assessment grid. Runs unchanged in Jupyter (anywidget) and on the static book (kaart-mount.js). The
// analysis is in ./analysis.js, the practice logic in ./practice.js (both tested with node --test); this file
// and ./scene.js, ./writer.js, ./rehearsal.js draw the interface.
//
// Model trait "state" (built by kaart_course/pitch.py; "sections" says which parts this studio shows):
//   { part, sections: ["scene"|"writer"|"timer"|"objections"|"grid"],
//     situations: [{id, label, min_seconds, max_seconds, description, budgetText, words: [low, high]}],
//     custom: {label, min_seconds, max_seconds, default_seconds},
//     territories: [{id, label}], margin: {under, over},
//     profiles: [{id, label, territories, concerns, competences, constraints, keywords}],
//     rate: {wordsPerMinute, usualRange: [low, high], note, source: {title, url, date, dateText}},
//     structure: [{id, label, looksFor, missing, profileKeywords, groups: [{label, patterns}]}],
//     wording: {longSentence: {maxWords, label, suggestion}, jargon: {label, suggestion},
//               acronyms: {label, suggestion, allowed}, rules: [{id, kind, label, patterns, suggestion}]},
//     glossary: [{term, expansion, plain, aliases, acronym}],
//     objections: [{id, objection, profiles, territories, behind, advice: {<move id>: text}, elements, example}],
//     moves: [{id, label}],
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

import { element } from "../common/dom.js";
import { browserStorage, loadJSON, saveJSON } from "../common/storage.js";
import { normaliseScene } from "./practice.js";
import { downloadSheet, renderGrid, renderObjections, renderTimer } from "./rehearsal.js";
import { arrangeScenePickers, renderScenePicker, renderSceneSummary } from "./scene.js";
import { renderWriter } from "./writer.js";

const KEYS = {
  scene: "kaart:pitch:scene",
  draft: "kaart:pitch:draft",
  answers: "kaart:pitch:objections",
  ratings: "kaart:pitch:grid",
};
// Studios of one page share the scene: choosing it in one updates the others.
const SCENE_EVENT = "kaart-pitch-scene";
const SAVE_DELAY_MS = 400;
const ALL_SECTIONS = ["scene", "writer", "timer", "objections", "grid"];

let studioCount = 0;

/** Everything the parts of one studio share: its data, model, storage, and the scene with its listeners. */
function studioContext(model, state) {
  studioCount += 1;
  const storage = browserStorage();
  const saved = model.get("scene");
  let scene = normaliseScene(state, saved && Object.keys(saved).length ? saved : loadJSON(storage, KEYS.scene, {}));
  const listeners = [];
  const studio = {
    state, model, storage, keys: KEYS, saveDelay: SAVE_DELAY_MS, uid: `kaart-pitch-${studioCount}`,
    announcer: element("p", { class: "kaart-sr-only", role: "status", "aria-live": "polite", "data-kaart-announce": "" }),
    getScene: () => scene,
    onScene: (callback) => listeners.push(callback),
    setScene(next, { broadcast = true } = {}) {
      scene = normaliseScene(state, next);
      for (const callback of listeners) callback(scene);
      if (!broadcast) return;
      saveJSON(storage, KEYS.scene, scene);
      model.set("scene", { ...scene });
      model.save_changes();
      globalThis.dispatchEvent?.(new CustomEvent(SCENE_EVENT, { detail: { scene, from: studio.uid } }));
    },
    notify: () => { for (const callback of listeners) callback(scene); },
  };
  return studio;
}

function render({ model, el }) {
  const state = model.get("state");
  const sections = new Set(state.sections ?? ALL_SECTIONS);
  const studio = studioContext(model, state);
  const root = element("section", { class: "kaart-pitch kaart-ui", "data-kaart-pitch": state.part ?? "all",
    "aria-label": "Studio de prise de parole" }, studio.announcer);
  el.append(root);
  const onOtherScene = (event) => {
    if (event.detail?.from !== studio.uid) studio.setScene(event.detail.scene, { broadcast: false });
  };
  globalThis.addEventListener?.(SCENE_EVENT, onOtherScene);

  if (sections.has("scene")) {
    // Every studio that needs a scene builds a picker and a summary; arrangeScenePickers shows one picker
    // per page and the summary elsewhere (studios mount in no guaranteed order, so the page decides).
    root.append(element("div", { "data-kaart-scene-box": "" },
      renderScenePicker(studio, sections.has("writer") || sections.has("timer")), renderSceneSummary(studio)));
  }
  if (sections.has("writer")) root.append(renderWriter(studio, () => downloadSheet(studio)));
  if (sections.has("timer")) root.append(renderTimer(studio));
  if (sections.has("objections")) root.append(renderObjections(studio));
  if (sections.has("grid")) root.append(renderGrid(studio));
  studio.notify();
  arrangeScenePickers();
  return () => {
    globalThis.removeEventListener?.(SCENE_EVENT, onOtherScene);
    root.remove();
    arrangeScenePickers();
  };
}

export default { render };
