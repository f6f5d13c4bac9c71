// KAART « Mon territoire » — reading the site's commune data, searching it, and the facts of a commune's card.
// Pure functions, no DOM: the finder widget (./territoire.js) calls them. The data files and their contract are described at the top of
// kaart_course/territories.py (kaart-communes-data.js → globalThis.kaartCommunesData, the search data;
// kaart-communes-fiches.js → globalThis.kaartCommunesFiches, the card facts). The name normalisation follows
// data/territoires/recherche.json, shipped inside the data as `search`; kaart_course.territories
// .normalise_name is its Python twin and both are tested on the file's `cases`. The ranking is the one of
// Territories.search in Python, the reference (tests/js/territoires.test.mjs compares them).

/**
 * A name as the search compares it: "Saint-Étienne", "st etienne" → "saint etienne".
 * @param {string} text
 * @param {{replace: Object<string,string>, token: string, synonyms: Object<string,string>, ignored: string[]}} rules
 * @returns {string}
 */
export function normaliseName(text, rules) {
  let folded = text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  for (const [from, to] of Object.entries(rules.replace)) folded = folded.split(from).join(to);
  const ignored = new Set(rules.ignored);
  const words = folded.match(new RegExp(rules.token, "g")) || [];
  return words.map((word) => rules.synonyms[word] || word).filter((word) => !ignored.has(word)).join(" ");
}

/**
 * The communes of the search data, one object per commune, in the file's order (index = position).
 * @param {object} data globalThis.kaartCommunesData
 * @returns {{index: number, insee: string, name: string, departement: string, departementName: string,
 *            regionName: string, zone: string, postalCodes: string[], sizeRank: number, parent: number|null,
 *            formerNames: string[], keys: string[], haystack: string, codes: string}[]}
 */
export function decodeCommunes(data) {
  const suffixes = data.insee.split("|");
  const names = data.names.split("|");
  const postal = data.postalCodes.split("|");
  const communes = [];
  for (const [code, departementName, zone, regionName, count] of data.departements) {
    for (let k = 0; k < count; k += 1) {
      const index = communes.length;
      const insee = code + suffixes[index];
      communes.push({
        index, insee, name: names[index], departement: code, departementName, regionName, zone,
        postalCodes: postal[index] ? postal[index].split(" ").map((p) => (p.length === 3 ? insee.slice(0, 2) + p : p)) : [],
        sizeRank: data.sizeRanks.charCodeAt(index) - 97,
        parent: index in data.parents ? data.parents[index] : null,
        formerNames: [],
        keys: [],
        haystack: "",
        codes: "",
      });
    }
  }
  const former = data.formerNames ? data.formerNames.split("|") : [];
  const owners = data.formerOf ? data.formerOf.split(",").map(Number) : [];
  former.forEach((name, i) => communes[owners[i]].formerNames.push(name));
  for (const commune of communes) {
    commune.keys = [...new Set([commune.name, ...commune.formerNames].map((n) => normaliseName(n, data.search)))];
    // Every key after a space, once: a name matches only if this holds « " " + query » (a quick first test).
    commune.haystack = commune.keys.map((k) => ` ${k}`).join("|");
    // Its INSEE code and postal codes, each after a space: a code query matches the start of one of them.
    commune.codes = [commune.insee, ...commune.postalCodes].map((c) => ` ${c}`).join("");
  }
  return communes;
}

const CODE = /^(\d{2,5}|2[AB]\d{0,3})$/i;

/**
 * Communes for what a reader types: a name, an INSEE code or a postal code (or their start).
 * @param {ReturnType<typeof decodeCommunes>} communes
 * @param {string} query
 * @param {object} rules data.search
 * @param {number} [limit]
 */
export function searchCommunes(communes, query, rules, limit = 10) {
  const text = query.trim();
  if (CODE.test(text)) {
    const code = text.toUpperCase();
    const spacedCode = ` ${code}`;
    const found = communes.filter((c) => c.codes.includes(spacedCode));
    const rank = (c) => [c.insee === code ? 0 : 1, c.postalCodes.includes(code) ? 0 : 1, -c.sizeRank, c.index];
    return found.sort((a, b) => compare(rank(a), rank(b))).slice(0, limit);
  }
  const key = normaliseName(text, rules);
  if (!key) return [];
  const ranked = [];
  const spaced = ` ${key}`;
  for (const commune of communes) {
    if (!commune.haystack.includes(spaced)) continue;
    let best = 3;
    for (const k of commune.keys) {
      const rank = k === key ? 0 : k.startsWith(key) ? 1 : ` ${k}`.includes(spaced) ? 2 : 3;
      if (rank < best) best = rank;
    }
    if (best < 3) ranked.push([best, -commune.sizeRank, commune.index]);
  }
  return ranked.sort(compare).slice(0, limit).map((r) => communes[r[2]]);
}

function compare(a, b) {
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}

/**
 * What the card says about the commune at `index`: its population and year, its intercommunality, its
 * council, and the cahiers that fit with why. Python applied the rules (the profile); the only thing added
 * here is the reader's own answers to the questions (``answers``: question id → true | false | null): a « oui »
 * adds that question's cahier with its reason, as kaart_course.territories.Territories.cahiers does.
 * @param {ReturnType<typeof decodeCommunes>} communes
 * @param {object} fiches globalThis.kaartCommunesFiches
 * @param {number} index
 * @param {Object<string, boolean|null>} [answers]
 */
export function communeCard(communes, fiches, index, answers = {}) {
  const columns = fichesColumns(fiches);
  const commune = communes[index];
  const population = columns.populations[index] === "" ? null : Number(columns.populations[index]);
  const populationYear = fiches.populationYears[commune.departement] ?? fiches.populationYears.default;
  const epciIndex = columns.epci[index];
  let epci = null;
  if (epciIndex !== "" && epciIndex !== undefined) {
    const [siren, name, type, size, epciPopulation] = fiches.epcis[Number(epciIndex)];
    epci = { siren, name, type, typeLabel: fiches.epciTypes[type] ?? type, communes: size, population: epciPopulation };
  }
  const profile = fiches.profileTable[Number(columns.profiles[index])];
  const found = new Map(profile.cahiers.map(([cahier, codes]) => [cahier, codes.map((code) => fiches.reasons[code] ?? code)]));
  for (const question of fiches.questions) {
    if (answers?.[question.id] !== true) continue;
    const cahier = fiches.cahiers.findIndex((c) => c.id === question.cahier);
    if (cahier >= 0 && !found.has(cahier)) found.set(cahier, [fiches.reasons[question.yesReason] ?? question.yesReason]);
  }
  const cahiers = [...found.keys()].sort((a, b) => a - b).map((i) => ({ ...fiches.cahiers[i], reasons: found.get(i) }));
  const parent = commune.parent === null ? null : { insee: communes[commune.parent].insee, name: communes[commune.parent].name };
  return {
    insee: commune.insee, name: commune.name, departement: commune.departement,
    departementName: commune.departementName, regionName: commune.regionName, zone: commune.zone,
    postalCodes: commune.postalCodes, population, populationYear, epci, council: profile.council, cahiers,
    questions: fiches.questions.map((q) => ({ ...q, answer: answers?.[q.id] ?? null })), parent,
  };
}

const COLUMNS = new WeakMap();

function fichesColumns(fiches) {
  if (!COLUMNS.has(fiches)) {
    COLUMNS.set(fiches, { populations: fiches.populations.split(","), epci: fiches.epci.split(","),
      profiles: fiches.profiles.split(",") });
  }
  return COLUMNS.get(fiches);
}

/**
 * What the course keeps of the chosen commune (contract 1, localStorage « kaart:territoire »), read by the
 * pitch studio, the meeting-request models and the survey form.
 * @param {ReturnType<typeof communeCard>} card
 * @param {string} chosen the day of the choice, AAAA-MM-JJ
 */
export function territoryRecord(card, chosen) {
  const answers = Object.fromEntries(card.questions.map((q) => [q.id, q.answer]));
  return {
    insee: card.insee, name: card.name, departement: card.departement, departementName: card.departementName,
    zone: card.zone, epci: card.epci?.siren ?? null, epciName: card.epci?.name ?? null,
    epciType: card.epci?.type ?? null, population: card.population, populationYear: card.populationYear,
    cahiers: card.cahiers.map((c) => c.id), answers, chosen,
  };
}

/** The label of a result: « Saint-Martin (Hautes-Alpes, 05) », with the département to tell homonyms apart. */
export function resultLabel(commune) {
  return `${commune.name} (${commune.departementName}, ${commune.departement})`;
}

/** Why nothing was found, and what to try: a code that matches nothing, or a name. */
export function noResultMessage(query) {
  const text = query.trim();
  if (CODE.test(text)) {
    return `Aucune commune n'a le code postal ou le code INSEE « ${text} ». Un code postal a cinq chiffres ` +
      "(celui de la Corse commence par 20) ; vous pouvez aussi taper le nom de la commune.";
  }
  return `Aucune commune ne s'appelle « ${text} ». Vérifiez l'orthographe (les accents et les tirets ne ` +
    "comptent pas), essayez le début du nom, ou tapez le code postal. Une ancienne commune fusionnée se " +
    "trouve aussi par son nom.";
}
