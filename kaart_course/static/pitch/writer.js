// The pitch studio's writer: the volunteer's text, its length and speaking time against the scene's budget,
// the structure checklist (what was found, what is missing) and the wording flags, updated while typing.
// The volunteer's text only ever reaches the page through textContent.

import { debounce, element } from "../common/dom.js";
import { formatSeconds, formatSecondsRange, plural } from "../common/format.js";
import { loadJSON, saveJSON } from "../common/storage.js";
import { analyse, stepSeconds } from "./analysis.js";
import { heading } from "./scene.js";

const ANNOUNCE_DELAY_MS = 2000;
const STATUS_TEXT = { done: "présent", partial: "à compléter", missing: "absent" };
const STATUS_MARK = { done: "✔", partial: "◐", missing: "○" };
const FIT_TEXT = {
  empty: "Commencez à écrire : le temps s'affichera ici.",
  under: "Plus court que prévu : vous avez de la marge.",
  ok: "Dans le temps prévu.",
  over: "Trop long pour le temps prévu : coupez.",
};

function statsBlock() {
  const parts = {
    words: element("strong", { "data-kaart-word-count": "", text: "0" }),
    time: element("strong", { "data-kaart-speaking-time": "", text: "0 s" }),
    budget: element("span", { "data-kaart-budget-text": "" }),
    fit: element("p", { class: "kaart-pitch-fit", "data-kaart-budget": "", "data-kaart-budget-status": "empty" }),
    bar: element("div", { class: "kaart-pitch-bar", "aria-hidden": "true" },
      element("div", { class: "kaart-pitch-bar-zone" }), element("div", { class: "kaart-pitch-bar-fill" })),
  };
  parts.box = element("div", { class: "kaart-pitch-stats" },
    element("p", { class: "kaart-pitch-counts" }, parts.words, document.createTextNode(" mots · environ "), parts.time,
      document.createTextNode(" à voix haute · temps prévu : "), parts.budget),
    parts.bar, parts.fit);
  return parts;
}

function paintStats(parts, result) {
  parts.words.textContent = String(result.words);
  parts.time.textContent = formatSeconds(result.seconds);
  parts.budget.textContent = formatSecondsRange(result.budget.min, result.budget.max);
  parts.fit.dataset.kaartBudgetStatus = result.fit.status;
  parts.fit.textContent = FIT_TEXT[result.fit.status];
  const scale = Math.max(result.fit.high * 1.25, result.seconds, 1);
  parts.bar.style.setProperty("--kaart-zone-start", `${(result.fit.low / scale) * 100}%`);
  parts.bar.style.setProperty("--kaart-zone-end", `${(result.fit.high / scale) * 100}%`);
  parts.bar.style.setProperty("--kaart-fill", `${Math.min(100, (result.seconds / scale) * 100)}%`);
  parts.bar.dataset.kaartBudgetStatus = result.fit.status;
}

function rateLine(rate) {
  if (!rate) return null;
  return element("p", { class: "kaart-pitch-rate", "data-kaart-rate": String(rate.wordsPerMinute) },
    document.createTextNode(`${rate.note} Source : `),
    element("a", { href: rate.source.url, rel: "noopener", text: rate.source.title }),
    document.createTextNode(` (consulté le ${rate.source.dateText}).`));
}

function checklist(structure, titleId) {
  const list = element("ul", { class: "kaart-pitch-checklist", "aria-labelledby": titleId });
  const items = new Map();
  for (const item of structure ?? []) {
    const entry = {
      item,
      status: element("span", { class: "kaart-pitch-status", "aria-hidden": "true" }),
      statusText: element("span", { class: "kaart-sr-only" }),
      duration: element("span", { class: "kaart-pitch-step-time", "data-kaart-step-seconds": "" }),
      detail: element("div", { class: "kaart-pitch-detail" }),
    };
    entry.li = element("li", { "data-kaart-check": item.id, "data-kaart-status": "missing" }, entry.status,
      element("div", {}, element("span", { class: "kaart-pitch-item-label" }, element("strong", { text: item.label }), entry.statusText,
        entry.duration), element("p", { class: "kaart-pitch-says", text: item.says }),
        entry.detail, element("details", {}, element("summary", { text: "Ce que l'outil cherche" }), element("p", { text: item.looksFor }))));
    items.set(item.id, entry);
    list.append(entry.li);
  }
  return { list, items };
}

function paintChecklist(items, structure, seconds) {
  for (const result of structure) {
    const { li, status, statusText, detail, duration, item } = items.get(result.id);
    duration.textContent = seconds[result.id] ? ` · ${formatSeconds(seconds[result.id])}` : " · à sauter dans cette situation";
    li.dataset.kaartStepSkipped = String(!seconds[result.id]);
    li.dataset.kaartStatus = result.status;
    status.textContent = STATUS_MARK[result.status];
    statusText.textContent = ` (${STATUS_TEXT[result.status]})`;
    const lines = result.groups.filter((group) => group.matches.length).map((group) => element("p",
      { class: "kaart-pitch-found", "data-kaart-matched": "" }, document.createTextNode(`Trouvé (${group.label}) : `),
      ...group.matches.flatMap((match, index) => [index ? document.createTextNode(", ") : null,
        element("q", { "data-kaart-excerpt": "", text: match.excerpt })]).filter(Boolean)));
    if (result.status !== "done") {
      const missing = result.groups.filter((g) => !g.matches.length).map((g) => g.label).join(", ");
      lines.push(element("p", { class: "kaart-pitch-missing" }, element("strong", { text: `À ajouter (${missing}) : ` }),
        document.createTextNode(item.missing)));
    }
    detail.replaceChildren(...lines);
  }
}

function flagItem(flag, textarea) {
  const show = element("button", { type: "button", class: "kaart-pitch-link", "data-kaart-action": "select",
    "aria-label": `Voir dans le texte : « ${flag.excerpt} »`, text: "Voir dans le texte" });
  show.addEventListener("click", () => {
    textarea.focus();
    textarea.setSelectionRange(flag.start, flag.end);
  });
  return element("li", { "data-kaart-flag": flag.kind, "data-kaart-rule": flag.rule },
    element("strong", { text: `${flag.label} : ` }), element("q", { "data-kaart-excerpt": "", text: flag.excerpt }),
    element("span", { text: ` — ${flag.suggestion} ` }), show);
}

function spokenSummary(result) {
  if (!result.words) return "";
  const done = result.structure.filter((i) => i.status === "done").length;
  return `${result.words} mots, environ ${formatSeconds(result.seconds)}. ${FIT_TEXT[result.fit.status]} `
    + `${done} élément${done > 1 ? "s" : ""} sur ${result.structure.length}, ${plural(result.flags.length, "point")} d'attention.`;
}

/** A button that asks for a second click within five seconds before acting. */
function confirmingButton(attributes, label, confirmLabel, action) {
  const control = element("button", { type: "button", class: "kaart-button", ...attributes, text: label });
  let pending = null;
  control.addEventListener("click", () => {
    if (!pending) {
      control.textContent = confirmLabel;
      pending = setTimeout(() => { pending = null; control.textContent = label; }, 5000);
      return;
    }
    clearTimeout(pending);
    pending = null;
    control.textContent = label;
    action();
  });
  return control;
}

export function renderWriter(studio, downloadSheet) {
  const { state, model, uid, storage, keys, getScene, onScene, announcer } = studio;
  const saved = loadJSON(storage, keys.draft, { text: "", updated: null });
  const fromModel = model.get("draft");
  const textarea = element("textarea", { id: `${uid}-text`, rows: 10, spellcheck: "true", lang: "fr",
    "data-kaart-pitch-text": "", "aria-describedby": `${uid}-text-help` });
  textarea.value = typeof fromModel === "string" && fromModel ? fromModel : saved.text ?? "";
  const stats = statsBlock();
  const checks = checklist(state.structure, `${uid}-check-title`);
  const flagCount = element("span", { "data-kaart-flag-count": "", text: "0" });
  const flags = element("ul", { class: "kaart-pitch-flags", "aria-labelledby": `${uid}-flags-title` });
  const noFlag = element("p", { class: "kaart-pitch-hint", text: "Rien à signaler pour l'instant." });
  const savedNote = element("p", { class: "kaart-pitch-hint", "data-kaart-saved": "" });
  const download = element("button", { type: "button", class: "kaart-button kaart-primary", "data-kaart-action": "download", text: "Télécharger ma fiche (.md)" });

  let last = null;
  let lastSpoken = "";
  const persist = debounce(() => {
    saveJSON(storage, keys.draft, { text: textarea.value, updated: new Date().toISOString() });
    savedNote.textContent = textarea.value ? "Brouillon enregistré dans ce navigateur." : "";
    model.set("draft", textarea.value);
    model.save_changes();
  }, studio.saveDelay);
  const announce = debounce(() => {
    const message = last ? spokenSummary(last) : "";
    if (message !== lastSpoken) announcer.textContent = lastSpoken = message;
  }, ANNOUNCE_DELAY_MS);
  const root = () => textarea.closest(".kaart-pitch");
  function update() {
    const started = performance.now();
    last = analyse(textarea.value, state, getScene());
    paintStats(stats, last);
    paintChecklist(checks.items, last.structure, stepSeconds(state, getScene()));
    flagCount.textContent = String(last.flags.length);
    noFlag.hidden = last.flags.length > 0;
    flags.replaceChildren(...last.flags.map((flag) => flagItem(flag, textarea)));
    if (root()) root().dataset.kaartFeedbackMs = (performance.now() - started).toFixed(2);
  }

  let frame = null;
  textarea.addEventListener("input", () => {
    if (frame === null) {
      frame = requestAnimationFrame(() => { frame = null; update(); announce(); });
    }
    persist();
  });
  download.addEventListener("click", () => { persist.flush(); downloadSheet(); });
  const clear = confirmingButton({ "data-kaart-action": "clear" }, "Effacer mon texte", "Confirmer : effacer le texte", () => {
    textarea.value = "";
    persist.flush();
    update();
    announcer.textContent = "Texte effacé.";
    textarea.focus();
  });
  onScene(() => update());
  if (saved.updated && textarea.value) savedNote.textContent = "Brouillon retrouvé dans ce navigateur.";

  return element("div", { class: "kaart-pitch-block kaart-pitch-writer" },
    heading("Votre texte", `${uid}-writer-title`),
    element("label", { for: `${uid}-text`, class: "kaart-pitch-label", text: "Écrivez ce que vous direz, tel que vous le direz" }),
    element("p", { id: `${uid}-text-help`, class: "kaart-pitch-hint", text: "Votre texte reste dans ce navigateur ; rien n'est envoyé. Les indications ci-dessous se mettent à jour pendant que vous écrivez." }),
    textarea, stats.box, rateLine(state.rate),
    element("div", { class: "kaart-pitch-columns" },
      element("div", {}, element("h4", { id: `${uid}-check-title`, text: "Les étapes de votre prise de parole" }), checks.list),
      element("div", {}, element("h4", { id: `${uid}-flags-title` }, document.createTextNode("Points d'attention ("), flagCount, document.createTextNode(")")), noFlag, flags)),
    element("div", { class: "kaart-pitch-actions" }, download, clear), savedNote);
}
