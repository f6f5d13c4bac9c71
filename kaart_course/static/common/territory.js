// The commune the reader chose in the finder (« Mon territoire »), shared by every widget of the course
// through one key of the browser's storage (contract 1, « kaart:territoire »): the finder writes it, the
// pitch studio, the meeting-request models and the survey form read it. Nothing leaves the browser.
//
// Value: {insee, name, departement, departementName, zone, epci, epciName, epciType, population,
//         populationYear, cahiers: [cahier id], answers: {littoral, montagne: true|false|null}, chosen: AAAA-MM-JJ}

import { browserStorage, loadJSON, removeKey, saveJSON } from "./storage.js";

export const TERRITORY_KEY = "kaart:territoire";
// Sent on this page when the choice changes, with the new value (or {} once cleared) as `detail`.
export const TERRITORY_EVENT = "kaart-territoire";

/** The chosen commune, or null. */
export function loadTerritory(storage = browserStorage()) {
  const value = loadJSON(storage, TERRITORY_KEY, {});
  return typeof value.insee === "string" && value.insee ? value : null;
}

export function saveTerritory(territory, storage = browserStorage()) {
  saveJSON(storage, TERRITORY_KEY, territory);
  announce(territory);
}

export function clearTerritory(storage = browserStorage()) {
  removeKey(storage, TERRITORY_KEY);
  announce({});
}

/** Calls `callback(territory or null)` when the choice changes on this page or in another tab. */
export function onTerritory(callback, storage = browserStorage()) {
  globalThis.addEventListener?.(TERRITORY_EVENT, (event) => callback(event.detail?.insee ? event.detail : null));
  globalThis.addEventListener?.("storage", (event) => {
    if (event.key === TERRITORY_KEY || event.key === null) callback(loadTerritory(storage));
  });
}

function announce(detail) {
  if (typeof CustomEvent === "function") globalThis.dispatchEvent?.(new CustomEvent(TERRITORY_EVENT, { detail }));
}

// The geography of a commune says more about it than its size: the cahier to bring first.
const GEOGRAPHY_FIRST = ["outre-mer", "montagne", "littoral", "grandes-villes", "villes-moyennes", "petites-villes"];

/** The cahier that says most about the chosen commune: its geography if any, else its size (or null). */
export function mainCahier(territory) {
  const ids = territory?.cahiers ?? [];
  return GEOGRAPHY_FIRST.find((id) => ids.includes(id)) ?? ids[0] ?? null;
}
