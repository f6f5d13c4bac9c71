// KAART survey form — the interface. Runs unchanged in Jupyter (anywidget) and on the static book
// (kaart-mount.js), offline, from file:// too. The logic without a page is in ./answers.js (values, checks,
// what is kept), ./conditions.js (relevance) and ./export.js (the files to send).
//
// Model trait "state" (built by kaart_course/survey/form.py, documented there). Trait "answers" (readable from
// Python in Jupyter) mirrors the answers saved on the device. Everything typed stays in the browser
// (localStorage state.storageKey) until the volunteer downloads a file; nothing is ever sent.
// Hooks (data-kaart-enquete-…): question, error, errors, status, action, answer, territory, editing, saved.

import { element, downloadText } from "../common/dom.js";
import { browserStorage, loadJSON } from "../common/storage.js";
import { plural } from "../common/format.js";
import { askedQuestions } from "./conditions.js";
import {
  describeAnswer, hasContent, isEmpty, localDay, loadStore, newDraft, questionList, rawValues, saveDraft, saveStore,
  typedValues, validate,
} from "./answers.js";
import { answersCsv, answersJson, exportName } from "./export.js";

export { evaluate, askedQuestions } from "./conditions.js";
export { answersCsv, answersJson } from "./export.js";
export { newUuid, validate, answerValues } from "./answers.js";

let formCount = 0;

function button(action, text, extra = {}) {
  return element("button", { type: "button", class: "kaart-button", "data-kaart-enquete-action": action, text, ...extra });
}

function requiredMark(question) {
  return question.required ? element("span", { class: "kaart-enquete-required", text: " (obligatoire)" }) : null;
}

function questionTitle(question) {
  return [element("span", { class: "kaart-enquete-number", text: `${question.number}. ` }),
    document.createTextNode(question.label), requiredMark(question)];
}

/** The block of one question: a fieldset for choices, a label and a field otherwise; its hint and its error
 * message are tied to its controls with aria-describedby. */
function questionBlock(question, uid) {
  const hintId = `${uid}-hint`;
  const errorId = `${uid}-error`;
  const hint = question.hint ? element("p", { class: "kaart-enquete-hint", id: hintId, text: question.hint }) : null;
  const error = element("p", { class: "kaart-enquete-error", id: errorId, "data-kaart-enquete-error": "", hidden: true });
  const describedBy = [hint ? hintId : null, errorId].filter(Boolean).join(" ");
  const block = element("div", { class: `kaart-enquete-question kaart-enquete-${question.type}`, "data-kaart-enquete-question": question.id });
  if (question.type === "single" || question.type === "multiple" || question.type === "scale") {
    const kind = question.type === "multiple" ? "checkbox" : "radio";
    const options = question.type === "scale"
      ? Array.from({ length: question.max - question.min + 1 }, (_, i) => {
        const value = question.min + i;
        const end = value === question.min ? question.minLabel : value === question.max ? question.maxLabel : "";
        return { id: String(value), label: end ? `${value} — ${end}` : String(value) };
      })
      : question.choices;
    const list = element("div", { class: "kaart-enquete-options" }, ...options.map((option, index) => {
      const id = `${uid}-${index}`;
      return element("label", { class: "kaart-enquete-option", for: id },
        element("input", { type: kind, id, name: uid, value: option.id, "aria-describedby": describedBy }),
        element("span", { text: option.label }));
    }));
    block.append(element("fieldset", { "aria-describedby": describedBy },
      element("legend", {}, ...questionTitle(question)), hint, list, error));
    return block;
  }
  const fieldId = `${uid}-field`;
  const attributes = { id: fieldId, name: uid, "aria-describedby": describedBy, autocomplete: "off" };
  let field;
  if (question.type === "text") {
    field = element("textarea", { ...attributes, rows: 3, maxlength: question.maxLength ?? false, spellcheck: "true" });
  } else if (question.type === "date") {
    field = element("input", { ...attributes, type: "date" });
  } else {
    const numeric = question.type === "number" || question.type === "siren";
    field = element("input", { ...attributes, type: "text", inputmode: numeric ? "numeric" : "text",
      autocapitalize: question.type === "insee" ? "characters" : false, spellcheck: "false" });
  }
  const counter = question.type === "text"
    ? element("p", { class: "kaart-enquete-counter", "data-kaart-enquete-counter": "", "aria-hidden": "true" }) : null;
  block.append(...[element("label", { for: fieldId, class: "kaart-enquete-label" }, ...questionTitle(question)), hint, field,
    counter, error].filter(Boolean));
  return block;
}

/** Shows the raw value of a question in its block. */
function showValue(question, block, raw) {
  const inputs = [...block.querySelectorAll("input, textarea")];
  if (question.type === "multiple") {
    for (const input of inputs) input.checked = Array.isArray(raw) && raw.includes(input.value);
  } else if (question.type === "single" || question.type === "scale") {
    for (const input of inputs) input.checked = raw !== undefined && raw !== null && String(raw) === input.value;
  } else {
    inputs[0].value = isEmpty(raw) ? "" : String(raw);
  }
  updateCounter(question, block);
}

function updateCounter(question, block) {
  const counter = block.querySelector("[data-kaart-enquete-counter]");
  if (counter) counter.textContent = `${block.querySelector("textarea").value.length} / ${question.maxLength} caractères`;
}

/** The raw value the block holds now. */
function readValue(question, block) {
  const inputs = [...block.querySelectorAll("input, textarea")];
  if (question.type === "multiple") return inputs.filter((i) => i.checked).map((i) => i.value);
  if (question.type === "single" || question.type === "scale") {
    const checked = inputs.find((i) => i.checked);
    if (!checked) return null;
    return question.type === "scale" ? Number(checked.value) : checked.value;
  }
  return inputs[0].value;
}

/** An inline « are you sure? »: the question, a destructive button and a cancel button (focused). */
function confirmation(text, confirmLabel, onConfirm, onCancel) {
  const yes = element("button", { type: "button", class: "kaart-button kaart-danger", text: confirmLabel,
    "data-kaart-enquete-action": "confirm" });
  const no = element("button", { type: "button", class: "kaart-button", text: "Annuler", "data-kaart-enquete-action": "cancel" });
  const box = element("div", { class: "kaart-enquete-confirm", role: "group", "aria-label": text },
    element("p", { text }), element("div", { class: "kaart-enquete-actions" }, yes, no));
  yes.addEventListener("click", onConfirm);
  no.addEventListener("click", onCancel);
  return { box, focus: () => no.focus() };
}

function renderForm(model, el, state) {
  const storage = browserStorage();
  const questions = questionList(state);
  const byId = new Map(questions.map((q) => [q.id, q]));
  formCount += 1;
  const prefix = `kaart-enquete-${formCount}`;
  let territory = loadJSON(storage, state.territoryKey, {});
  let store = loadStore(storage, state.storageKey);
  const now = () => new Date();
  // A draft the volunteer has not touched is made again: today's date, the commune chosen since.
  if (!hasContent(store.draft)) store.draft = newDraft(state, now(), territory);

  const blocks = new Map();
  const groupBoxes = state.groups.map((group) => {
    const box = element("fieldset", { class: "kaart-enquete-group", "data-kaart-enquete-group": group.id },
      element("legend", { text: group.label }));
    for (const question of group.questions) {
      const block = questionBlock(question, `${prefix}-${question.id}`);
      blocks.set(question.id, block);
      box.append(block);
    }
    return [group, box];
  });

  const status = element("p", { class: "kaart-enquete-status", role: "status", "aria-live": "polite", tabindex: "-1",
    "data-kaart-enquete-status": "" });
  const territoryNote = element("p", { class: "kaart-enquete-territory", "data-kaart-enquete-territory": "" });
  const editing = element("div", { class: "kaart-enquete-editing", "data-kaart-enquete-editing": "", hidden: true });
  const errors = element("div", { class: "kaart-enquete-errors", "data-kaart-enquete-errors": "", tabindex: "-1", hidden: true });
  const draftActions = element("div", { class: "kaart-enquete-actions" },
    element("button", { type: "submit", class: "kaart-button kaart-primary", text: "Enregistrer cette réponse",
      "data-kaart-enquete-action": "save" }),
    button("clear-draft", "Effacer ce brouillon"));
  const form = element("form", { class: "kaart-enquete-form", novalidate: true, "aria-label": "Questionnaire" },
    editing, errors, ...groupBoxes.map(([, box]) => box), draftActions);

  const savedTitleId = `${prefix}-saved`;
  const savedList = element("ol", { class: "kaart-enquete-saved-list" });
  const savedEmpty = element("p", { text: "Aucune réponse enregistrée sur cet appareil pour l'instant." });
  const savedTitle = element("h3", { id: savedTitleId, tabindex: "-1" });
  const exportTitleId = `${prefix}-export`;
  const exportStatus = element("p", { class: "kaart-enquete-export-status", role: "status", "aria-live": "polite" });
  const csvButton = button("export-csv", "Télécharger le fichier CSV", { class: "kaart-button kaart-primary" });
  const jsonButton = button("export-json", "Télécharger le fichier JSON");
  const eraseAll = button("erase-all", "Effacer toutes les réponses de cet appareil", { class: "kaart-button kaart-danger" });
  const eraseSlot = element("div", { class: "kaart-enquete-erase" }, eraseAll);

  const root = element("section", { class: "kaart-enquete kaart-ui", "data-kaart-enquete": state.id, "aria-label": state.title },
    element("div", { class: "kaart-enquete-intro" },
      element("p", { class: "kaart-enquete-title", text: state.title }),
      element("div", { class: "kaart-enquete-notice" },
        element("p", { class: "kaart-enquete-notice-title", text: "À lire à la personne rencontrée, avant la première question :" }),
        element("p", { text: state.notice })),
      territoryNote),
    form, status,
    element("section", { class: "kaart-enquete-saved", "aria-labelledby": savedTitleId }, savedTitle, savedEmpty, savedList),
    element("section", { class: "kaart-enquete-export", "aria-labelledby": exportTitleId },
      element("h3", { id: exportTitleId, text: "Envoyer les réponses au coordinateur" }),
      element("p", { text: "Le fichier est enregistré sur votre appareil : rien n'est envoyé nulle part. Transmettez-le "
        + "à votre coordinateur par le moyen convenu (courriel, messagerie du réseau, clé USB). Le CSV s'ouvre "
        + "dans un tableur ; le JSON est le format d'origine, complet." }),
      element("div", { class: "kaart-enquete-actions" }, csvButton, jsonButton), exportStatus,
      element("p", { text: "Une fois le fichier reçu par le coordinateur, effacez les réponses de cet appareil." }),
      eraseSlot));
  el.append(root);

  const persist = () => {
    saveStore(storage, state.storageKey, store);
    model.set("answers", store.answers);
    model.save_changes();
  };
  const say = (text, focus = false) => {
    status.textContent = text;
    if (focus) status.focus();
  };

  /** Questions and groups not asked are hidden (their values stay in the draft, never exported). */
  const updateVisibility = () => {
    const asked = new Set(askedQuestions(state, typedValues(state, store.draft.values)));
    for (const [group, box] of groupBoxes) {
      let shown = 0;
      for (const question of group.questions) {
        const visible = asked.has(question.id);
        blocks.get(question.id).hidden = !visible;
        shown += visible;
      }
      box.hidden = shown === 0;
    }
  };

  const clearErrors = () => {
    errors.hidden = true;
    errors.replaceChildren();
    for (const block of blocks.values()) {
      const error = block.querySelector("[data-kaart-enquete-error]");
      error.hidden = true;
      error.textContent = "";
      for (const control of block.querySelectorAll("input, textarea")) control.removeAttribute("aria-invalid");
    }
  };

  const showDraft = () => {
    clearErrors();
    for (const question of questions) showValue(question, blocks.get(question.id), store.draft.values[question.id]);
    updateVisibility();
    const edited = store.draft.editing ? store.answers.findIndex((a) => a.uuid === store.draft.uuid) : -1;
    editing.hidden = edited < 0;
    editing.replaceChildren();
    if (edited >= 0) {
      editing.append(element("p", { text: `Vous modifiez la réponse n° ${edited + 1} (${describeAnswer(state, store.answers[edited])}).` }),
        button("cancel-edit", "Abandonner la modification"));
    }
  };

  const showTerritory = () => {
    territoryNote.replaceChildren();
    if (!territory?.insee) {
      territoryNote.hidden = true;
      return;
    }
    territoryNote.hidden = false;
    const epci = territory.epci ? ` et le numéro SIREN de ${territory.epciName ?? "son intercommunalité"} (${territory.epci})` : "";
    territoryNote.append(document.createTextNode(`Commune choisie dans le cours : ${territory.name ?? ""} (${territory.insee}). `
      + `Son code INSEE${epci} sont déjà inscrits dans chaque nouvelle réponse ; changez-les si vous rencontrez une autre collectivité.`));
  };

  const showSaved = () => {
    savedTitle.textContent = `Réponses enregistrées sur cet appareil (${store.answers.length})`;
    savedEmpty.hidden = store.answers.length > 0;
    savedList.replaceChildren(...store.answers.map((answer, index) => {
      const item = element("li", { class: "kaart-enquete-answer", "data-kaart-enquete-answer": answer.uuid });
      const actions = element("div", { class: "kaart-enquete-actions" },
        button("edit", "Modifier", { "aria-label": `Modifier la réponse n° ${index + 1}` }),
        button("delete", "Supprimer", { "aria-label": `Supprimer la réponse n° ${index + 1}`, class: "kaart-button kaart-danger" }));
      item.append(element("p", {}, element("strong", { text: `Réponse n° ${index + 1} : ` }),
        document.createTextNode(describeAnswer(state, answer))), actions);
      return item;
    }));
    csvButton.disabled = jsonButton.disabled = eraseAll.disabled = store.answers.length === 0;
  };

  const startNewDraft = () => {
    store.draft = newDraft(state, now(), territory);
    persist();
    showDraft();
  };

  /** Shows every problem under its question and in a list at the top; focus goes to the first. */
  const showErrors = (problems) => {
    const list = element("ul");
    for (const problem of problems) {
      const block = blocks.get(problem.id);
      const question = byId.get(problem.id);
      const error = block.querySelector("[data-kaart-enquete-error]");
      error.textContent = problem.message;
      error.hidden = false;
      for (const control of block.querySelectorAll("input, textarea")) control.setAttribute("aria-invalid", "true");
      const link = element("a", { href: `#${block.querySelector("input, textarea").id}`, text: `${question.number}. ${question.label} : ${problem.message}` });
      link.addEventListener("click", (event) => {
        event.preventDefault();
        block.querySelector("input, textarea").focus();
      });
      list.append(element("li", {}, link));
    }
    errors.replaceChildren(element("p", { class: "kaart-enquete-errors-title",
      text: `${plural(problems.length, "réponse")} à compléter ou corriger avant d'enregistrer :` }), list);
    errors.hidden = false;
    const first = blocks.get(problems[0].id);
    (first.querySelector("input:checked") ?? first.querySelector("input, textarea")).focus();
  };

  const actions = {
    save() {
      const problems = validate(state, store.draft.values, localDay(now()));
      clearErrors();
      if (problems.length) {
        showErrors(problems);
        say(`${plural(problems.length, "réponse")} à compléter ou corriger : la réponse n'est pas enregistrée.`);
        return;
      }
      const wasEditing = store.draft.editing;
      store = saveDraft(state, store, now());
      store.draft = newDraft(state, now(), territory);
      persist();
      showDraft();
      showSaved();
      const saved = store.answers.length;
      say(wasEditing ? "Modification enregistrée sur cet appareil. Un nouveau brouillon est prêt."
        : `Réponse enregistrée sur cet appareil (${plural(saved, "réponse")} en tout). Un nouveau brouillon est prêt ; `
          + "pensez à envoyer le fichier au coordinateur.", true);
    },
    "clear-draft"(trigger) {
      const { box, focus } = confirmation("Effacer toutes les réponses de ce brouillon ?", "Oui, effacer le brouillon",
        () => {
          box.replaceWith(trigger);
          startNewDraft();
          say("Brouillon effacé.", true);
        },
        () => {
          box.replaceWith(trigger);
          trigger.focus();
        });
      trigger.replaceWith(box);
      focus();
    },
    "cancel-edit"() {
      startNewDraft();
      say("Modification abandonnée : la réponse enregistrée n'a pas changé.", true);
    },
    edit(trigger, uuid) {
      if (hasContent(store.draft) && store.draft.uuid !== uuid) {
        say("Un brouillon est en cours : enregistrez-le ou effacez-le avant de modifier une autre réponse.", true);
        return;
      }
      const answer = store.answers.find((a) => a.uuid === uuid);
      store.draft = { uuid, started: answer.started, values: rawValues(state, answer), prefilled: {}, editing: true };
      persist();
      showDraft();
      editing.querySelector("p").setAttribute("tabindex", "-1");
      editing.querySelector("p").focus();
    },
    delete(trigger, uuid) {
      const index = store.answers.findIndex((a) => a.uuid === uuid);
      const { box, focus } = confirmation(`Supprimer définitivement la réponse n° ${index + 1} de cet appareil ?`,
        "Oui, supprimer", () => {
          store.answers = store.answers.filter((a) => a.uuid !== uuid);
          if (store.draft.editing && store.draft.uuid === uuid) store.draft = newDraft(state, now(), territory);
          persist();
          showDraft();
          showSaved();
          say(`Réponse n° ${index + 1} supprimée.`);
          savedTitle.focus();
        }, () => {
          box.replaceWith(trigger);
          trigger.focus();
        });
      trigger.replaceWith(box);
      focus();
    },
    "export-csv"() {
      const name = exportName(state, "csv", now());
      downloadText(name, answersCsv(state, store.answers), "text/csv;charset=utf-8");
      exportStatus.textContent = `Fichier « ${name} » enregistré sur cet appareil (${plural(store.answers.length, "réponse")}). Rien n'a été envoyé.`;
    },
    "export-json"() {
      const when = now();
      const name = exportName(state, "json", when);
      downloadText(name, answersJson(state, store.answers, when.toISOString()), "application/json;charset=utf-8");
      exportStatus.textContent = `Fichier « ${name} » enregistré sur cet appareil (${plural(store.answers.length, "réponse")}). Rien n'a été envoyé.`;
    },
    "erase-all"(trigger) {
      const { box, focus } = confirmation(`Effacer les ${plural(store.answers.length, "réponse")} enregistrées sur cet appareil ? `
        + "Faites-le seulement quand le coordinateur a bien reçu le fichier.", "Oui, tout effacer", () => {
        store.answers = [];
        if (store.draft.editing) store.draft = newDraft(state, now(), territory);
        persist();
        box.replaceWith(trigger);
        showDraft();
        showSaved();
        exportStatus.textContent = "";
        say("Toutes les réponses enregistrées ont été effacées de cet appareil.");
        savedTitle.focus();
      }, () => {
        box.replaceWith(trigger);
        trigger.focus();
      });
      trigger.replaceWith(box);
      focus();
    },
  };

  const onChange = (event) => {
    const block = event.target.closest("[data-kaart-enquete-question]");
    if (!block) return;
    const question = byId.get(block.dataset.kaartEnqueteQuestion);
    store.draft.values[question.id] = readValue(question, block);
    updateCounter(question, block);
    updateVisibility();
    persist();
  };
  form.addEventListener("input", onChange);
  form.addEventListener("change", onChange);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    actions.save();
  });
  root.addEventListener("click", (event) => {
    const clicked = event.target.closest("button[data-kaart-enquete-action]");
    if (!clicked || !root.contains(clicked) || clicked.type === "submit") return;
    const action = actions[clicked.dataset.kaartEnqueteAction];
    if (!action) return;
    action(clicked, clicked.closest("[data-kaart-enquete-answer]")?.dataset.kaartEnqueteAnswer);
  });
  // The finder (another page or this one) may change the chosen commune: new drafts use the new codes.
  globalThis.addEventListener?.("kaart-territoire", (event) => {
    territory = event.detail ?? {};
    showTerritory();
    if (!hasContent(store.draft)) startNewDraft();
  });

  persist();
  showTerritory();
  showDraft();
  showSaved();
  if (hasContent(store.draft)) say("Brouillon retrouvé : il est gardé sur cet appareil à chaque saisie.");
}

function render({ model, el }) {
  renderForm(model, el, model.get("state"));
}

export default { render };
