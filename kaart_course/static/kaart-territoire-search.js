// KAART « Mon territoire » — reading the site's commune data and searching it. Pure functions, no DOM: the
// finder widget calls them. The data files and their contract are described at the top of
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
 *            zone: string, postalCodes: string[], sizeRank: number, parent: number|null,
 *            formerNames: string[], keys: string[]}[]}
 */
export function decodeCommunes(data) {
  const suffixes = data.insee.split("|");
  const names = data.names.split("|");
  const postal = data.postalCodes.split("|");
  const communes = [];
  for (const [code, departementName, zone, , count] of data.departements) {
    for (let k = 0; k < count; k += 1) {
      const index = communes.length;
      const insee = code + suffixes[index];
      communes.push({
        index, insee, name: names[index], departement: code, departementName, zone,
        postalCodes: postal[index] ? postal[index].split(" ").map((p) => (p.length === 3 ? insee.slice(0, 2) + p : p)) : [],
        sizeRank: data.sizeRanks.charCodeAt(index) - 97,
        parent: index in data.parents ? data.parents[index] : null,
        formerNames: [],
        keys: [],
      });
    }
  }
  const former = data.formerNames ? data.formerNames.split("|") : [];
  const owners = data.formerOf ? data.formerOf.split(",").map(Number) : [];
  former.forEach((name, i) => communes[owners[i]].formerNames.push(name));
  for (const commune of communes) {
    commune.keys = [...new Set([commune.name, ...commune.formerNames].map((n) => normaliseName(n, data.search)))];
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
    const found = communes.filter((c) => c.insee.startsWith(code) || c.postalCodes.some((p) => p.startsWith(code)));
    const rank = (c) => [c.insee === code ? 0 : 1, c.postalCodes.includes(code) ? 0 : 1, -c.sizeRank, c.index];
    return found.sort((a, b) => compare(rank(a), rank(b))).slice(0, limit);
  }
  const key = normaliseName(text, rules);
  if (!key) return [];
  const ranked = [];
  for (const commune of communes) {
    let best = 3;
    for (const k of commune.keys) {
      const rank = k === key ? 0 : k.startsWith(key) ? 1 : ` ${k}`.includes(` ${key}`) ? 2 : 3;
      best = Math.min(best, rank);
    }
    if (best < 3) ranked.push([best, -commune.sizeRank, commune.index]);
  }
  return ranked.sort(compare).slice(0, limit).map((r) => communes[r[2]]);
}

function compare(a, b) {
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}
