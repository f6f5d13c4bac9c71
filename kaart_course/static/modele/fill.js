// Filling a message template: pure functions, no DOM (tested by node --test). The template is plain text with
// fields written « [Nom du champ] »; a field « A / B » is a choice between A and B.

import { mainCahier } from "../common/territory.js";

const FIELD = /\[([^[\]\n]+)\]/g;

/** The text with each field replaced by its value; a field left empty stays « [Nom du champ] ». */
export function fillTemplate(text, values) {
  return text.replace(FIELD, (whole, name) => {
    const value = (values[name] ?? "").trim();
    return value || whole;
  });
}

/** The fields still to fill in the text (in order, once each). */
export function missingFields(text, values) {
  const names = [...text.matchAll(FIELD)].map((m) => m[1]);
  return [...new Set(names)].filter((name) => !(values[name] ?? "").trim());
}

/**
 * The text for a download or a paste: each paragraph on one line. A line of the TEMPLATE at least `wrapFrom`
 * characters long was wrapped by hand, so it is joined to the next line of its paragraph; shorter lines (a
 * salutation, a signature, an address) keep their break.
 */
export function unwrap(template, values, wrapFrom) {
  const lines = template.replace(/\n$/, "").split("\n");
  const out = [];
  let current = null;
  lines.forEach((line, i) => {
    const filled = fillTemplate(line, values);
    current = current === null ? filled : `${current} ${filled.trimStart()}`;
    const next = lines[i + 1];
    const joins = line.length >= wrapFrom && next !== undefined && next.trim() !== "";
    if (!joins) {
      out.push(current);
      current = null;
    }
  });
  return `${out.join("\n")}\n`;
}

/**
 * The values a chosen commune fills in (contract 1, static/common/territory.js): the commune, its
 * intercommunality, and the cahier to bring with the territory type: its geography first (outre-mer,
 * montagne, littoral), which says more about the territory than its size.
 */
export function territoryValues(fields, territory, cahiers) {
  if (!territory?.insee) return {};
  const main = mainCahier(territory);
  const values = {};
  for (const field of fields) {
    if (field.prefill === "commune") values[field.name] = territory.name ?? "";
    if (field.prefill === "epci" && territory.epciName) values[field.name] = territory.epciName;
    if (field.prefill === "type" && main && cahiers[main]) values[field.name] = cahiers[main].title;
    if (field.prefill === "cahier" && main && cahiers[main]) values[field.name] = cahiers[main].shiftCahier;
  }
  return values;
}
