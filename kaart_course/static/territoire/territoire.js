// KAART « Mon territoire » — find one's commune among all of France's and see its card: population, its
// intercommunality, its municipal council, the cahier(s) that fit and why. Runs unchanged in Jupyter
// (anywidget) and on the static book (kaart-mount.js), also from a copy opened with file://.
//
// Model trait "state" (built by kaart_course/finder.py):
//   { files: {search: [file, global], fiches: [file, global]}, siteUrl, pages: {<key>: {page, label}},
//     met: {<INSEE code or SIREN>: text}, metNote, example }
// The commune data is loaded on first use (./loader.js): the search data when the reader first focuses the
// field, the card data once a commune is picked. The search and the card's facts are pure functions
// (./search.js, tested by node --test); this file draws the combobox and the card.
// The choice is kept in the browser, « kaart:territoire » (static/common/territory.js), read by the pitch
// studio, the meeting-request models and the survey form. Nothing is sent anywhere.
// Hooks (data-kaart-…): finder-input, insee (each result), finder-card, finder-status, finder-question,
// finder-clear, finder-link.

import { element } from "../common/dom.js";
import { formatDate, formatNumber, plural } from "../common/format.js";
import { clearTerritory, loadTerritory, onTerritory, saveTerritory } from "../common/territory.js";
import { dataLoader, siteRoot } from "./loader.js";
import { communeCard, decodeCommunes, noResultMessage, resultLabel, searchCommunes, territoryRecord } from "./search.js";

const LIMIT = 10;
let finderCount = 0;
let decoded = null;

function pageHref(state, page) {
  const root = siteRoot();
  const path = `${page}.html`;
  return root ? new URL(path, root).href : `${state.siteUrl}${path}`;
}

function today() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function fact(term, ...details) {
  return [element("dt", { text: term }), element("dd", {}, ...details)];
}

function councilText(council) {
  if (!council) return "inconnu";
  if (council.members === null || council.members === undefined) return council.note;
  const label = council.label === "conseil municipal" ? "conseillers municipaux" : `membres du ${council.label}`;
  let text = `${formatNumber(council.members)} ${label}`;
  if (council.completeFrom) {
    text += ` ; dans une commune de moins de 1 000 habitants, le conseil est « réputé complet » dès ${formatNumber(council.completeFrom)} membres`;
  }
  return council.note ? `${text}. ${council.note}` : `${text}.`;
}

function renderFinder(model, el, state) {
  finderCount += 1;
  const uid = `kaart-territoire-${finderCount}`;
  const loader = dataLoader(model, state.files);
  let communes = null;
  let fiches = null;
  let results = [];
  let active = -1;
  let record = loadTerritory();

  const hintId = `${uid}-hint`;
  const listId = `${uid}-list`;
  const input = element("input", {
    type: "text", id: `${uid}-input`, role: "combobox", "aria-autocomplete": "list", "aria-expanded": "false",
    "aria-controls": listId, "aria-describedby": hintId, autocomplete: "off", autocapitalize: "off", spellcheck: "false",
    enterkeyhint: "search", "data-kaart-finder-input": "",
  });
  const list = element("ul", { id: listId, role: "listbox", class: "kaart-territoire-results", "aria-label": "Communes trouvées", hidden: true });
  const status = element("p", { class: "kaart-territoire-status", role: "status", "aria-live": "polite", "data-kaart-finder-status": "" });
  const cardSlot = element("div", { class: "kaart-territoire-card-slot" });
  const root = element("section", { class: "kaart-territoire kaart-ui", "aria-labelledby": `${uid}-title`, "data-kaart-territoire": "" },
    element("h3", { class: "kaart-territoire-title", id: `${uid}-title`, text: "Trouver ma commune" }),
    element("label", { for: input.id, class: "kaart-territoire-label", text: "Nom de la commune, code postal ou code INSEE" }),
    element("p", { id: hintId, class: "kaart-territoire-hint",
      text: `Par exemple : ${state.example}. Accents, tirets, majuscules, « St » ou « Le » n'y changent rien. Flèches haut et bas pour parcourir les communes trouvées, Entrée pour choisir.` }),
    element("div", { class: "kaart-territoire-combobox" }, input, list),
    status, cardSlot);
  el.append(root);

  const say = (text) => { status.textContent = text; };

  async function ensureSearch() {
    if (communes) return communes;
    const data = await loader.search();
    decoded ??= { data, communes: decodeCommunes(data) };
    communes = decoded.communes;
    return communes;
  }

  async function ensureFiches() {
    fiches ??= await loader.fiches();
    return fiches;
  }

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function highlight(next) {
    const options = [...list.children];
    if (!options.length) return;
    active = (next + options.length) % options.length;
    options.forEach((option, i) => option.setAttribute("aria-selected", String(i === active)));
    input.setAttribute("aria-activedescendant", options[active].id);
    options[active].scrollIntoView?.({ block: "nearest" });
  }

  function showResults(query) {
    results = searchCommunes(communes, query, decoded.data.search, LIMIT);
    list.replaceChildren(...results.map((commune, i) => {
      const option = element("li", { id: `${uid}-option-${i}`, role: "option", "aria-selected": "false", class: "kaart-territoire-option",
        "data-kaart-insee": commune.insee },
      element("span", { class: "kaart-territoire-option-name", text: commune.name }),
      element("span", { class: "kaart-territoire-option-place", text: ` — ${commune.departementName} (${commune.departement})` }),
      commune.postalCodes.length ? element("span", { class: "kaart-territoire-option-codes", text: ` · ${commune.postalCodes.slice(0, 3).join(", ")}${commune.postalCodes.length > 3 ? "…" : ""}` }) : null);
      option.addEventListener("mousedown", (event) => event.preventDefault());
      option.addEventListener("click", () => pick(commune.index));
      return option;
    }));
    active = -1;
    input.removeAttribute("aria-activedescendant");
    if (!query.trim()) {
      close();
      say("");
      return;
    }
    if (!results.length) {
      close();
      say(noResultMessage(query));
      return;
    }
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
    const homonyms = new Set(results.map((c) => c.name)).size < results.length ? " Plusieurs portent le même nom : le département les distingue." : "";
    say(results.length === LIMIT
      ? `Les ${LIMIT} premières communes trouvées ; précisez pour affiner.${homonyms}`
      : `${plural(results.length, "commune trouvée", "communes trouvées")}.${homonyms}`);
  }

  let typed = 0;
  async function onInput() {
    const query = input.value;
    const ticket = ++typed;
    if (!communes) say("Chargement de la liste des 35 000 communes…");
    try {
      await ensureSearch();
    } catch (error) {
      say(`La liste des communes n'a pas pu être chargée (${error.message}). Rechargez la page.`);
      return;
    }
    if (ticket === typed) showResults(query);
  }

  async function pick(index) {
    close();
    const commune = communes[index];
    input.value = commune.name;
    say(`Chargement de la fiche de ${commune.name}…`);
    try {
      await ensureFiches();
    } catch (error) {
      say(`La fiche n'a pas pu être chargée (${error.message}). Rechargez la page.`);
      return;
    }
    const previous = record?.insee === commune.insee ? record.answers : {};
    record = territoryRecord(communeCard(communes, fiches, index, previous), today());
    saveTerritory(record);
    showCard(index, true);
    say(`${resultLabel(commune)} choisie : sa fiche est affichée sous le champ de recherche, et le cours s'en souviendra sur cet appareil.`);
  }

  function answer(questionId, value) {
    record = { ...record, answers: { ...record.answers, [questionId]: value } };
    const index = communes.findIndex((c) => c.insee === record.insee);
    record = territoryRecord(communeCard(communes, fiches, index, record.answers), record.chosen);
    saveTerritory(record);
    showCard(index, false);
  }

  function clear() {
    clearTerritory();
    record = null;
    cardSlot.replaceChildren();
    input.value = "";
    input.focus();
    say("Choix effacé : le cours ne retient plus aucune commune sur cet appareil.");
  }

  function showCard(index, moveFocus) {
    const card = communeCard(communes, fiches, index, record?.answers ?? {});
    const titleId = `${uid}-card-title`;
    const where = [`${card.departementName} (${card.departement})`, card.regionName].filter(Boolean).join(", ");
    const postal = card.postalCodes.length > 1 ? "codes postaux" : "code postal";
    const codes = `code INSEE ${card.insee}${card.postalCodes.length ? ` · ${postal} ${card.postalCodes.join(", ")}` : ""}`;
    const facts = element("dl", { class: "kaart-territoire-facts" });
    facts.append(...fact("Population", card.population === null ? "non publiée" : `${formatNumber(card.population)} habitants (population municipale ${card.populationYear}, Insee)`));
    if (card.parent) facts.append(...fact("Commune", `arrondissement municipal de ${card.parent.name} (${card.parent.insee})`));
    if (card.epci) {
      facts.append(...fact("Intercommunalité", element("strong", { text: card.epci.name }),
        ` : ${card.epci.typeLabel}, ${plural(card.epci.communes, "commune")}, ${formatNumber(card.epci.population)} habitants (SIREN ${card.epci.siren}).`));
    } else {
      facts.append(...fact("Intercommunalité", "aucune : la commune n'appartient à aucune intercommunalité à fiscalité propre."));
    }
    facts.append(...fact("Conseil municipal", councilText(card.council)));

    const cahiers = element("ul", { class: "kaart-territoire-cahiers" }, ...card.cahiers.map((cahier) => element("li", { "data-kaart-finder-cahier": cahier.id },
      element("a", { href: pageHref(state, cahier.page), "data-kaart-finder-link": "cahier" }, element("strong", { text: cahier.title })),
      document.createTextNode(` — cahier « ${cahier.shiftCahier} » de The Shift Project`),
      element("ul", { class: "kaart-territoire-why" }, ...cahier.reasons.map((reason) => element("li", { text: `Pourquoi : ${reason}` }))))));

    const questions = card.questions.map((question) => {
      const name = `${uid}-${question.id}`;
      const choice = (value, label) => {
        const id = `${name}-${String(value)}`;
        const radio = element("input", { type: "radio", name, id, value: String(value), checked: question.answer === value });
        radio.addEventListener("change", () => answer(question.id, value));
        return element("label", { for: id, class: "kaart-territoire-choice" }, radio, document.createTextNode(` ${label}`));
      };
      return element("fieldset", { class: "kaart-territoire-question", "data-kaart-finder-question": question.id },
        element("legend", { text: question.question }),
        element("p", { class: "kaart-territoire-hint", text: `${question.explanation} Le cours n'a pas cette liste hors connexion : il vous pose la question plutôt que de deviner.` }),
        element("div", { class: "kaart-territoire-choices" }, choice(true, "Oui"), choice(false, "Non"), choice(null, "Je ne sais pas")));
    });

    const met = [card.insee, card.epci?.siren].map((code) => code && state.met?.[code] ? [code, state.met[code]] : null).filter(Boolean);
    const metNodes = met.length ? [element("p", { class: "kaart-territoire-met", "data-kaart-finder-met": "" },
      element("strong", { text: "Déjà rencontrée par le réseau : " }),
      document.createTextNode(met.map(([code, text]) => `${code === card.insee ? card.name : card.epci.name} ${text}`).join(" ; ")
        + `.${state.metNote ? ` ${state.metNote}` : ""} Renseignez-vous auprès de votre coordinateur avant de demander un rendez-vous.`))] : [];

    const links = element("ul", { class: "kaart-territoire-next" }, ...Object.entries(state.pages).map(([key, link]) =>
      element("li", {}, element("a", { href: pageHref(state, link.page), "data-kaart-finder-link": key, text: link.label }))));
    const clearButton = element("button", { type: "button", class: "kaart-button", "data-kaart-finder-clear": "", text: "Effacer mon choix" });
    clearButton.addEventListener("click", clear);
    const source = fiches.source;
    const councilSource = element("a", { href: fiches.councilSource.url, text: fiches.councilSource.title });

    const article = element("article", { class: "kaart-territoire-card", "aria-labelledby": titleId, "data-kaart-finder-card": card.insee },
      element("h3", { id: titleId, tabindex: "-1", class: "kaart-territoire-card-title", text: card.name }),
      element("p", { class: "kaart-territoire-where", text: `${where} · ${codes}` }),
      facts,
      element("h4", { text: card.cahiers.length > 1 ? "Les cahiers à lire pour cette commune" : "Le cahier à lire pour cette commune" }),
      cahiers, ...questions, ...metNodes,
      element("h4", { text: "Et ensuite" }), links,
      element("p", { class: "kaart-territoire-remember", text: `Choisie le ${formatDate(record?.chosen ?? today())} : le studio de présentation, les modèles de demande de rendez-vous et le formulaire de l'enquête la reprennent, sur cet appareil seulement.` }),
      clearButton,
      element("p", { class: "kaart-territoire-source" },
        document.createTextNode(`Données : ${source.package} ${source.version} (Etalab, d'après l'Insee, la DGCL et La Poste, ${source.vintage}), ${source.licenceData}. Nombre de conseillers : `),
        councilSource, document.createTextNode(".")));
    cardSlot.replaceChildren(article);
    if (moveFocus) article.querySelector("h3").focus();
  }

  input.addEventListener("focus", () => { ensureSearch().catch(() => {}); });
  input.addEventListener("input", onInput);
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (list.hidden && results.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
      }
      highlight(active + (event.key === "ArrowDown" ? 1 : -1) + (active < 0 && event.key === "ArrowUp" ? 1 : 0));
    } else if (event.key === "Enter") {
      if (!list.hidden && results.length) {
        event.preventDefault();
        pick(results[Math.max(active, 0)].index);
      }
    } else if (event.key === "Escape") {
      if (!list.hidden) {
        event.preventDefault();
        close();
      } else input.value = "";
    }
  });
  input.addEventListener("blur", () => setTimeout(close, 150));

  onTerritory((next) => {
    if (next?.insee === record?.insee) return;
    record = next;
    if (!record) cardSlot.replaceChildren();
    else restore(false);
  });

  async function restore(announce) {
    try {
      await ensureSearch();
      await ensureFiches();
    } catch (error) {
      say(`La fiche de ${record.name} n'a pas pu être chargée (${error.message}).`);
      return;
    }
    const index = communes.findIndex((c) => c.insee === record.insee);
    if (index < 0) {
      say(`La commune gardée (${record.name}, ${record.insee}) n'existe plus dans la liste : cherchez-la à nouveau.`);
      return;
    }
    showCard(index, false);
    if (announce) say(`Commune retrouvée : ${resultLabel(communes[index])}.`);
  }
  if (record) restore(true);
}

function render({ model, el }) {
  renderFinder(model, el, model.get("state"));
}

export default { render };
