// KAART timed path (« parcours »): the steps of « Mon rendez-vous en 45 minutes », each with its computed
// time and a link to the exact place of the course, ticked off in a checklist kept in the browser.
// Runs unchanged in Jupyter (anywidget) and on the static book (kaart-mount.js).
//
// Model trait "state" (built by kaart_course/express.py):
//   {id, title, storageKey, total, budget, wordsPerMinute,
//    steps: [{id, title, href, target, do, minutes, readMinutes, exerciseMinutes}]}
// Saved in the browser (localStorage state.storageKey): {done: [step id]}. Hooks (data-kaart-parcours-…):
// step="<id>", check, progress, reset, total.

import { element, isSafeHref } from "../common/dom.js";
import { formatMinutes, plural } from "../common/format.js";
import { browserStorage, loadJSON, removeKey, saveJSON } from "../common/storage.js";
import { loadTerritory } from "../common/territory.js";

let count = 0;

/** Minutes left: the steps not ticked. */
export function minutesLeft(steps, done) {
  return steps.filter((s) => !done.includes(s.id)).reduce((sum, s) => sum + s.minutes, 0);
}

function render({ model, el }) {
  const state = model.get("state");
  count += 1;
  const uid = `kaart-parcours-${count}`;
  const storage = browserStorage();
  let done = loadJSON(storage, state.storageKey, { done: [] }).done ?? [];
  done = done.filter((id) => state.steps.some((s) => s.id === id));

  const progress = element("p", { class: "kaart-parcours-progress", role: "status", "aria-live": "polite", "data-kaart-parcours-progress": "" });
  const boxes = new Map();
  const list = element("ol", { class: "kaart-parcours-steps" }, ...state.steps.map((step) => {
    const id = `${uid}-${step.id}`;
    const box = element("input", { type: "checkbox", id, "data-kaart-parcours-check": step.id, checked: done.includes(step.id) });
    box.addEventListener("change", () => {
      done = box.checked ? [...new Set([...done, step.id])] : done.filter((d) => d !== step.id);
      saveJSON(storage, state.storageKey, { done });
      update();
    });
    boxes.set(step.id, box);
    const detail = step.exerciseMinutes
      ? `${step.minutes} min : ${step.readMinutes} min de lecture, ${step.exerciseMinutes} min d'exercice`
      : `${step.minutes} min de lecture`;
    return element("li", { class: "kaart-parcours-step", "data-kaart-parcours-step": step.id },
      element("div", { class: "kaart-parcours-head" }, box,
        element("label", { for: id }, element("strong", { text: step.title }), document.createTextNode(` — ${step.minutes} min`))),
      element("p", { class: "kaart-parcours-do", text: step.do }),
      element("p", { class: "kaart-parcours-where" },
        isSafeHref(step.href) || !/^[a-z]+:/i.test(step.href)
          ? element("a", { href: step.href, text: `Ouvrir : ${step.target}` }) : document.createTextNode(step.target),
        element("span", { class: "kaart-parcours-detail", text: ` (${detail})` })));
  }));
  const reset = element("button", { type: "button", class: "kaart-button", "data-kaart-parcours-reset": "", text: "Tout décocher" });
  reset.addEventListener("click", () => {
    done = [];
    removeKey(storage, state.storageKey);
    for (const box of boxes.values()) box.checked = false;
    update();
  });
  const territory = loadTerritory(storage);
  const root = element("section", { class: "kaart-parcours kaart-ui", "aria-labelledby": `${uid}-title`, "data-kaart-parcours": state.id },
    element("h3", { id: `${uid}-title`, class: "kaart-parcours-title", text: state.title }),
    element("p", { class: "kaart-parcours-total", "data-kaart-parcours-total": String(state.total) },
      element("strong", { text: `Durée totale : ${formatMinutes(state.total)}` }),
      document.createTextNode(` — ${plural(state.steps.length, "étape")}, lecture comptée à ${state.wordsPerMinute} mots par minute, plus le temps de chaque exercice.`)),
    territory ? element("p", { class: "kaart-parcours-territory", text: `Votre commune : ${territory.name}. Les étapes suivantes la reprennent.` }) : null,
    list, progress, reset);
  el.append(root);

  function update() {
    const left = minutesLeft(state.steps, done);
    progress.textContent = done.length === state.steps.length
      ? "Toutes les étapes sont faites : votre demande est prête à partir, et votre prise de parole répétée."
      : `${plural(done.length, "étape faite", "étapes faites")} sur ${state.steps.length} ; reste environ ${formatMinutes(left)}. Cochée, une étape le reste sur cet appareil.`;
  }
  update();
}

export default { render };
