// The pitch studio's scene: the situation (and its time budget), the territory and the élu met, with the
// élu's briefing. One picker per page; the other studios of the page show a summary that links to it.

import { element } from "../common/dom.js";
import { formatNumber, formatSecondsRange } from "../common/format.js";
import { loadTerritory, onTerritory } from "../common/territory.js";
import { sceneBudget } from "./analysis.js";
import { proposeScene } from "./practice.js";

/** One visible scene picker per page: the first (in page order) that offers the time budget, else the first;
 * the other studios show the chosen scene with a link to that picker. */
export function arrangeScenePickers() {
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

export function heading(text, id) {
  return element("h3", { class: "kaart-pitch-heading", id, text });
}

function sceneText(state, scene) {
  const budget = sceneBudget(state, scene);
  const profile = (state.profiles ?? []).find((p) => p.id === scene.profile);
  const territory = (state.territories ?? []).find((t) => t.id === scene.territory);
  return [`${budget.label} (${formatSecondsRange(budget.min, budget.max)})`, territory?.label ?? "territoire non précisé",
    profile?.label ?? "élu non précisé"].join(" · ");
}

export function renderSceneSummary({ state, getScene, onScene }) {
  const text = element("span", { "data-kaart-scene-summary": "" });
  onScene(() => { text.textContent = sceneText(state, getScene()); });
  return element("p", { class: "kaart-pitch-scene-summary", "data-kaart-scene-summary-box": "", hidden: true },
    element("strong", { text: "Votre scène : " }), text, document.createTextNode(" "),
    element("a", { href: "#", text: "modifier la scène" }));
}

export function renderScenePicker({ state, uid, setScene, onScene }, withSituation) {
  const box = element("div", { class: "kaart-pitch-block kaart-pitch-scene", id: `${uid}-scene`, "data-kaart-scene-picker": "",
    "data-kaart-with-situation": String(withSituation) });
  box.append(heading("La scène", `${uid}-scene-title`),
    element("p", { class: "kaart-pitch-hint", text: withSituation
      ? "Choisissez la situation, le territoire et l'élu : le temps prévu, la liste de vérification et les objections s'y adaptent."
      : "Choisissez le territoire et l'élu : le paquet d'objections s'y adapte." }));

  const situations = element("fieldset", { class: "kaart-pitch-situations" }, element("legend", { text: "Situation et temps de parole" }));
  const custom = state.custom ?? { label: "Durée libre", min_seconds: 10, max_seconds: 1200, default_seconds: 90 };
  const choices = [...(state.situations ?? []).map((s) => ({ id: s.id, label: s.label, budgetText: s.budgetText,
    words: s.words && (s.words[0] === s.words[1] ? `${s.words[1]}` : `${s.words[0]} à ${s.words[1]}`), description: s.description })),
  { id: "custom", label: custom.label, budgetText: null, description: "Réglez vous-même la durée." }];
  for (const choice of choices) {
    const id = `${uid}-situation-${choice.id}`;
    const input = element("input", { type: "radio", name: `${uid}-situation`, id, value: choice.id, "data-kaart-situation": choice.id, "aria-describedby": `${id}-desc` });
    situations.append(element("div", { class: "kaart-pitch-choice" }, input,
      element("label", { for: id }, element("strong", { text: choice.label }),
        choice.budgetText ? document.createTextNode(` — ${choice.budgetText}${choice.words ? ` (≈ ${choice.words} mots)` : ""}`) : null),
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
  const commune = element("div", { class: "kaart-pitch-commune", "data-kaart-pitch-commune": "" });
  box.append(commune, situations, selects, briefing);

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

  // The commune chosen in the finder: a scene proposed for it, applied at once if none was chosen yet.
  let chosen = loadTerritory();
  let lastScene = null;
  const showCommune = (scene) => {
    lastScene = scene ?? lastScene ?? read();
    const proposal = proposeScene(state, chosen);
    commune.hidden = !proposal;
    if (!proposal) return commune.replaceChildren();
    const current = lastScene;
    const label = (list, id) => (list ?? []).find((x) => x.id === id)?.label;
    const facts = [chosen.population ? `${formatNumber(chosen.population)} habitants` : null,
      chosen.epciName ? `intercommunalité : ${chosen.epciName}` : null].filter(Boolean).join(", ");
    const apply = element("button", { type: "button", class: "kaart-button", "data-kaart-pitch-propose": "", text: "Utiliser cette scène" });
    apply.addEventListener("click", () => setScene({ ...read(), territory: proposal.territory, profile: proposal.profile }));
    const inUse = current.territory === proposal.territory && current.profile === proposal.profile;
    commune.replaceChildren(
      element("p", {}, element("strong", { text: `Votre commune : ${chosen.name}` }), document.createTextNode(facts ? ` (${facts}).` : ".")),
      element("p", { text: `Scène proposée : ${label(state.territories, proposal.territory)} · ${label(state.profiles, proposal.profile) ?? "élu à choisir"}.` }),
      proposal.others.length ? element("p", { class: "kaart-pitch-hint", text: `Autres élus de ce territoire : ${proposal.others.map((id) => label(state.profiles, id)).join(" ; ")}.` }) : null,
      inUse ? element("p", { class: "kaart-pitch-hint", text: "C'est la scène choisie ci-dessous." }) : apply);
  };
  onScene(showCommune);
  onTerritory((next) => { chosen = next; showCommune(); });
  queueMicrotask(() => {
    const proposal = proposeScene(state, chosen);
    const current = read();
    if (proposal && !current.territory && !current.profile) setScene({ ...current, territory: proposal.territory, profile: proposal.profile });
    else showCommune();
  });

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

