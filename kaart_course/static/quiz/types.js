// The quiz's question types, one table entry each: how the browser asks a question of that type, reads and
// restores the reader's response, grades it and explains the right answer. Adding a type is one entry here
// and one in kaart_course/_quiz_types.py (how it is validated and printed).

import { element, renderInline } from "../common/dom.js";
import { formatNumber, parseNumber } from "../common/format.js";

function choiceInputs(question, uid, order, kind) {
  const inputs = element("div", { class: "kaart-inputs" });
  for (const option of order) {
    const input = element("input", { type: kind, name: uid, value: option.id, "data-kaart-option": option.id });
    inputs.append(element("label", { class: "kaart-option" }, input, element("span", {}, renderInline(option.text))));
  }
  return inputs;
}

function checkInputs(block, values) {
  const wanted = new Set(values.map(String));
  for (const input of block.querySelectorAll("input")) input.checked = wanted.has(input.value);
}

function optionFeedback(question, response) {
  const chosen = new Set([].concat(response));
  const expected = new Set([].concat(question.answer));
  const list = element("ul", { class: "kaart-option-feedback" });
  for (const option of question.options) {
    if (!chosen.has(option.id) && !expected.has(option.id)) continue;
    list.append(element("li", {}, element("strong", {}, document.createTextNode(expected.has(option.id) ? "✔ " : "✘ "),
      renderInline(option.text)), document.createTextNode(" — "), renderInline(option.feedback)));
  }
  return [list];
}

function pairFeedback(question, correct) {
  return element("p", {}, renderInline(correct ? question.feedback.correct : question.feedback.incorrect));
}

const single = {
  choices: (question) => question.options,
  inputs: (question, uid, order) => choiceInputs(question, uid, order, "radio"),
  read: (question, block) => block.querySelector("input:checked")?.value,
  set: (question, block, response) => checkInputs(block, [response]),
  grade: (question, response) => response === question.answer,
  feedback: (question, response) => optionFeedback(question, response),
  expected: (question) => [question.answer],
};

export const TYPES = {
  single,
  multiple: {
    ...single,
    inputs: (question, uid, order) => choiceInputs(question, uid, order, "checkbox"),
    read(question, block) {
      const ids = [...block.querySelectorAll("input:checked")].map((input) => input.value);
      return ids.length ? ids.sort() : undefined;
    },
    set: (question, block, response) => checkInputs(block, response),
    grade(question, response) {
      const expected = new Set(question.answer);
      return Array.isArray(response) && response.length === expected.size && response.every((id) => expected.has(id));
    },
    expected: (question) => question.answer,
  },
  "true-false": {
    inputs(question, uid) {
      const inputs = element("div", { class: "kaart-inputs" });
      for (const [value, label] of [["true", "Vrai"], ["false", "Faux"]]) {
        const input = element("input", { type: "radio", name: uid, value, "data-kaart-option": value });
        inputs.append(element("label", { class: "kaart-option" }, input, element("span", { text: label })));
      }
      return inputs;
    },
    read(question, block) {
      const checked = block.querySelector("input:checked");
      return checked ? checked.value === "true" : undefined;
    },
    set: (question, block, response) => checkInputs(block, [response]),
    grade: (question, response) => response === question.answer,
    feedback: (question, response, correct) => [pairFeedback(question, correct),
      correct ? null : element("p", { text: `Réponse attendue : ${question.answer ? "vrai" : "faux"}.` })],
    expected: (question) => [question.answer],
  },
  numeric: {
    inputs(question, uid) {
      const id = `${uid}-value`;
      return element("div", { class: "kaart-inputs" },
        element("label", { for: id, class: "kaart-numeric-label", text: "Votre réponse" }),
        element("span", { class: "kaart-numeric" },
          element("input", { id, type: "text", inputmode: "decimal", autocomplete: "off", "data-kaart-numeric": "" }),
          question.unit ? element("span", { class: "kaart-unit", text: question.unit }) : null));
    },
    read(question, block) {
      const value = parseNumber(block.querySelector("[data-kaart-numeric]").value);
      return value === null ? undefined : value;
    },
    set(question, block, response) {
      block.querySelector("[data-kaart-numeric]").value = formatNumber(response);
    },
    grade(question, response) {
      if (typeof response !== "number" || Number.isNaN(response)) return false;
      const { kind, value } = question.tolerance ?? { kind: "absolute", value: 0 };
      const allowed = kind === "relative" ? Math.abs(question.answer) * value : value;
      return Math.abs(response - question.answer) <= allowed + 1e-9;
    },
    feedback: (question, response, correct) => [pairFeedback(question, correct),
      correct ? null : element("p", { text: `Réponse attendue : ${formatNumber(question.answer)} ${question.unit ?? ""}`.trim() })],
    expected: (question) => [question.answer],
    revealed: (question) => `Réponse : ${formatNumber(question.answer)} ${question.unit ?? ""}`.trim(),
    missing: "Saisissez un nombre (par exemple 2,7 ou 34 875).",
  },
  ordering: {
    choices: (question) => question.items,
    // Items to put in order are always shuffled, and never shown already in order.
    scrambled: true,
    inputs(question, uid, order) {
      const list = element("ol", { class: "kaart-order", "aria-label": "Éléments à remettre dans l'ordre" });
      for (const item of order) {
        const text = element("span", { class: "kaart-order-text" }, renderInline(item.text));
        const label = text.textContent;
        list.append(element("li", { "data-kaart-order-item": item.id }, text,
          element("span", { class: "kaart-order-moves" },
            element("button", { type: "button", class: "kaart-move", "data-kaart-move": "up", "aria-label": `Monter « ${label} »`, text: "↑" }),
            element("button", { type: "button", class: "kaart-move", "data-kaart-move": "down", "aria-label": `Descendre « ${label} »`, text: "↓" }))));
      }
      return element("div", { class: "kaart-inputs" }, list,
        element("p", { class: "kaart-order-status", role: "status", "aria-live": "polite" }));
    },
    read: (question, block) => [...block.querySelectorAll("[data-kaart-order-item]")].map((item) => item.dataset.kaartOrderItem),
    set(question, block, response) {
      const list = block.querySelector(".kaart-order");
      for (const id of response) {
        const item = [...list.children].find((li) => li.dataset.kaartOrderItem === id);
        if (item) list.append(item);
      }
    },
    grade: (question, response) => Array.isArray(response)
      && response.join("\n") === question.items.map((item) => item.id).join("\n"),
    feedback: (question, response, correct) => [pairFeedback(question, correct),
      ...(correct ? [] : [element("p", { text: "Le bon ordre :" }),
        element("ol", {}, ...question.items.map((item) => element("li", {}, renderInline(item.text))))])],
    expected: (question) => question.items.map((item) => item.id),
    solution: (question) => question.items.map((item) => item.id),
  },
};

/** Whether `response` answers `question` right. */
export function grade(question, response) {
  if (response === undefined || response === null) return false;
  return TYPES[question.type]?.grade(question, response) ?? false;
}
