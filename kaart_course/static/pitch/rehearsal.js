// The pitch studio's rehearsal: the timer to say the text aloud, the objection deck for the role play, and the
// self-assessment grid; with the download of the volunteer's whole sheet.

import { debounce, downloadText, element, renderInline } from "../common/dom.js";
import { formatSeconds } from "../common/format.js";
import { loadJSON, saveJSON } from "../common/storage.js";
import { analyse, sceneBudget } from "./analysis.js";
import { drawObjection, likelyObjections, pitchSheet, timerAnnouncement, timerView } from "./practice.js";
import { heading } from "./scene.js";

/** Saves the volunteer's sheet (everything kept in this browser) as a Markdown file. */
export function downloadSheet({ state, storage, keys, getScene }) {
  const scene = getScene();
  const text = loadJSON(storage, keys.draft, { text: "" }).text ?? "";
  const sheet = pitchSheet(state, {
    scene, text, analysis: state.structure ? analyse(text, state, scene) : null,
    answers: loadJSON(storage, keys.answers, {}).answers ?? {}, ratings: loadJSON(storage, keys.ratings, {}),
  });
  downloadText("ma-prise-de-parole.md", sheet, "text/markdown;charset=utf-8");
}

export function renderTimer({ state, uid, getScene, onScene }) {
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
    display.setAttribute("aria-label", view.phase === "over" ? `Dépassement de ${formatSeconds(-view.remaining)}` : `Reste ${formatSeconds(Math.ceil(view.remaining))}`);
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
      spoken.textContent = elapsed ? "Chrono relancé." : `Chrono lancé : ${formatSeconds(total)}.`;
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
      ? `Compte à rebours de ${formatSeconds(budget.max)} (${budget.label.toLowerCase()}).`
      : `Compte à rebours de ${formatSeconds(budget.max)} : vous êtes dans le temps à partir de ${formatSeconds(budget.min)} (${budget.label.toLowerCase()}).`;
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

export function renderObjections({ state, model, uid, storage, keys, getScene, onScene, saveDelay }) {
  const box = element("div", { class: "kaart-pitch-block kaart-pitch-objections" });
  const saved = loadJSON(storage, keys.answers, { answers: {}, drawn: [] });
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
    saveJSON(storage, keys.answers, { answers, drawn });
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
      ...state.moves.map((move) => element("li", { "data-kaart-move": move.id }, element("strong", { text: `${move.label} : ` }), renderInline(objection.advice[move.id]))));
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
    const persistText = debounce(() => { entry.text = textarea.value; persist(); showProgress(); }, saveDelay);
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

export function renderGrid(studio) {
  const { state, model, uid, storage, keys, saveDelay } = studio;
  const grid = state.grid;
  const box = element("div", { class: "kaart-pitch-block kaart-pitch-grid" });
  if (!grid) return box;
  const ratings = loadJSON(storage, keys.ratings, { levels: {}, notes: "" });
  ratings.levels ??= {};
  const persist = () => {
    saveJSON(storage, keys.ratings, ratings);
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
  notes.addEventListener("input", debounce(() => { ratings.notes = notes.value; persist(); }, saveDelay));
  const download = element("button", { type: "button", class: "kaart-button kaart-primary", "data-kaart-action": "download-grid", text: "Télécharger ma fiche (.md)" });
  download.addEventListener("click", () => downloadSheet(studio));
  const print = element("button", { type: "button", class: "kaart-button", "data-kaart-action": "print", text: "Imprimer la fiche vierge" });
  print.addEventListener("click", () => globalThis.print?.());
  box.append(element("label", { for: `${uid}-notes`, class: "kaart-pitch-label", text: "Ce que je garde, ce que je change" }), notes,
    element("div", { class: "kaart-pitch-actions" }, download, print),
    element("p", { class: "kaart-pitch-hint", text: "La fiche téléchargée reprend votre texte, vos réponses aux objections et votre grille remplie. La fiche vierge (grille, cartes d'objections à découper, tableau des temps) s'imprime avec la page." }));
  return box;
}
