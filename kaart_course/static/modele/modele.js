// KAART message template to fill in (« modele »): one field per « [Champ] » of the template, the message
// filled as you type (wrapped to the screen), a copy button always visible, and a .txt download whose
// paragraphs have no hard line breaks. Runs unchanged in Jupyter (anywidget) and on the static book.
//
// Model trait "state" (built by kaart_course/modeles.py):
//   {id, title, file, text, storageKey, wrapFrom, fields: [{name, options, prefill}], cahiers: {id: {title, shiftCahier}}}
// The commune chosen in the finder fills in its fields (static/common/territory.js); what the reader types
// is kept on this device only (localStorage state.storageKey, shared by every template). Nothing is sent.
// Hooks (data-kaart-modele-…): field="<name>", text, copy, download, status, clear.

import { downloadText, element } from "../common/dom.js";
import { browserStorage, loadJSON, removeKey, saveJSON } from "../common/storage.js";
import { loadTerritory, onTerritory } from "../common/territory.js";
import { missingFields, territoryValues, unwrap } from "./fill.js";

let count = 0;

async function copyText(text, fallbackNode) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // No clipboard API (an old browser, some file:// pages): select the text and copy it the old way.
    const area = element("textarea", { class: "kaart-sr-only", "aria-hidden": "true", tabindex: "-1" });
    area.value = text;
    fallbackNode.append(area);
    area.select();
    let done = false;
    try {
      done = document.execCommand("copy");
    } catch {
      done = false;
    }
    area.remove();
    return done;
  }
}

function renderTemplate(model, el, state) {
  count += 1;
  const uid = `kaart-modele-${count}`;
  const storage = browserStorage();
  let typed = loadJSON(storage, state.storageKey, {});
  let territory = loadTerritory(storage);

  const values = () => ({ ...territoryValues(state.fields, territory, state.cahiers), ...typed });
  const inputs = new Map();
  const fieldBoxes = state.fields.map((field, i) => {
    const id = `${uid}-field-${i}`;
    let control;
    if (field.options.length) {
      control = element("select", { id, "data-kaart-modele-field": field.name },
        element("option", { value: "", text: "— choisir —" }), ...field.options.map((o) => element("option", { value: o, text: o })));
    } else {
      control = element("input", { type: "text", id, "data-kaart-modele-field": field.name, autocomplete: autocompleteOf(field.name) });
    }
    control.addEventListener("input", () => {
      typed = { ...typed, [field.name]: control.value };
      if (!control.value) delete typed[field.name];
      saveJSON(storage, state.storageKey, typed);
      update();
    });
    inputs.set(field.name, control);
    return element("div", { class: "kaart-modele-field" }, element("label", { for: id, text: field.name }), control);
  });

  const textBox = element("div", { class: "kaart-modele-text", id: `${uid}-text`, "data-kaart-modele-text": "", tabindex: "0",
    role: "region", "aria-label": `Votre message : ${state.title}` });
  const status = element("p", { class: "kaart-modele-status", role: "status", "aria-live": "polite", "data-kaart-modele-status": "" });
  const missing = element("p", { class: "kaart-modele-missing" });
  const territoryNote = element("p", { class: "kaart-modele-territory" });
  const copy = element("button", { type: "button", class: "kaart-button kaart-primary", "data-kaart-modele-copy": "", text: "Copier le message" });
  const download = element("button", { type: "button", class: "kaart-button", "data-kaart-modele-download": "", text: "Télécharger (.txt)" });
  const clear = element("button", { type: "button", class: "kaart-button", "data-kaart-modele-clear": "", text: "Effacer mes saisies" });

  const root = element("section", { class: "kaart-modele kaart-ui", "aria-labelledby": `${uid}-title`, "data-kaart-modele": state.id },
    element("h3", { id: `${uid}-title`, class: "kaart-modele-title", text: state.title }),
    territoryNote,
    element("p", { class: "kaart-modele-hint", text: "Complétez les champs : le message se remplit en dessous. Vos saisies restent sur cet appareil, rien n'est envoyé ; le message part de votre propre messagerie." }),
    element("div", { class: "kaart-modele-fields" }, ...fieldBoxes),
    element("h4", { text: "Votre message" }),
    textBox, missing,
    element("div", { class: "kaart-modele-actions" }, copy, download, clear),
    status);
  el.append(root);

  function update() {
    const current = values();
    for (const [name, control] of inputs) {
      if (document.activeElement !== control) control.value = current[name] ?? "";
    }
    textBox.textContent = unwrap(state.text, current, state.wrapFrom);
    const left = missingFields(state.text, current);
    missing.textContent = left.length ? `Encore à compléter : ${left.join(", ")}.` : "Tous les champs sont complétés : relisez le message à voix haute avant de l'envoyer.";
    territoryNote.textContent = territory
      ? `Commune choisie dans le cours : ${territory.name}${territory.epciName ? ` (${territory.epciName})` : ""}. Ses champs sont déjà remplis ; vous pouvez les modifier.`
      : "Astuce : choisissez votre commune dans l'exercice « Trouver mon territoire » et ses champs se rempliront seuls.";
  }

  copy.addEventListener("click", async () => {
    const done = await copyText(unwrap(state.text, values(), state.wrapFrom), root);
    status.textContent = done ? "Message copié : collez-le dans votre messagerie." : "La copie a échoué : sélectionnez le texte du message et copiez-le.";
  });
  download.addEventListener("click", () => {
    downloadText(state.file, unwrap(state.text, values(), state.wrapFrom));
    status.textContent = `Fichier ${state.file} enregistré sur votre appareil.`;
  });
  clear.addEventListener("click", () => {
    typed = {};
    removeKey(storage, state.storageKey);
    update();
    status.textContent = "Vos saisies sont effacées de cet appareil (la commune choisie reste).";
  });
  onTerritory((next) => {
    territory = next;
    update();
  }, storage);
  update();
}

function autocompleteOf(name) {
  return { "Prénom Nom": "name", "Adresse électronique": "email", "Téléphone": "tel", "Adresse postale": "street-address" }[name] ?? "off";
}

function render({ model, el }) {
  renderTemplate(model, el, model.get("state"));
}

export default { render };
