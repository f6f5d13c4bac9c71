// The pitch studio's practice logic that needs no page (tested with node --test): the rehearsal timer, the
// objection deck, the scene, and the preparation sheet the volunteer downloads.

import { plainText } from "../common/dom.js";
import { formatDate, formatSeconds, formatSecondsRange } from "../common/format.js";
import { mainCahier } from "../common/territory.js";
import { compileRules, sceneBudget } from "./analysis.js";

// ---------------------------------------------------------------------------------------------------
// Timer

/** « 1:05 » for a clock. */
export function formatClock(totalSeconds) {
  const seconds = Math.max(0, Math.round(totalSeconds));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

/** What the rehearsal clock shows after `elapsedMs`: remaining time, then the overrun. */
export function timerView(totalSeconds, elapsedMs) {
  const remaining = totalSeconds - elapsedMs / 1000;
  if (remaining > 0) {
    return { phase: remaining <= 10 ? "final" : "running", remaining, display: formatClock(Math.ceil(remaining)) };
  }
  return { phase: "over", remaining, display: `+${formatClock(Math.floor(-remaining))}` };
}

/** What the timer says aloud when time passes from `before` to `after` remaining seconds: only the last
 * ten seconds and the end, never each second. */
export function timerAnnouncement(before, after, totalSeconds) {
  if (totalSeconds > 10 && before > 10 && after <= 10 && after > 0) return "Plus que 10 secondes.";
  if (before > 0 && after <= 0) return "Temps écoulé.";
  return "";
}

// ---------------------------------------------------------------------------------------------------
// Objections

function fits(list, id) {
  return !id || list.includes("all") || list.includes(id);
}

/** Objections likely for this élu and territory, those named for them first. */
export function likelyObjections(objections, profileId, territoryId) {
  const score = (o) => (o.profiles.includes(profileId) ? 2 : 0) + (o.territories.includes(territoryId) ? 1 : 0);
  return objections
    .filter((o) => fits(o.profiles, profileId) && fits(o.territories, territoryId))
    .map((o, index) => ({ o, index, s: score(o) }))
    .sort((a, b) => b.s - a.s || a.index - b.index)
    .map(({ o }) => o);
}

/** An objection of the deck not drawn yet (the deck starts again once all are drawn). */
export function drawObjection(deck, drawn, random = Math.random) {
  if (!deck.length) return null;
  const fresh = deck.filter((o) => !drawn.includes(o.id));
  const pool = fresh.length ? fresh : deck;
  return pool[Math.min(pool.length - 1, Math.floor(random() * pool.length))];
}

// ---------------------------------------------------------------------------------------------------
// The scene

/** The scene, completed with defaults: {situation, customSeconds, territory, profile}. */
export function normaliseScene(state, scene) {
  const situations = state.situations ?? [];
  const custom = state.custom ?? { default_seconds: 90 };
  const wanted = scene ?? {};
  const situation = wanted.situation === "custom" || situations.some((s) => s.id === wanted.situation)
    ? wanted.situation : situations[0]?.id ?? "custom";
  const customSeconds = Number.isFinite(Number(wanted.customSeconds)) && Number(wanted.customSeconds) > 0
    ? Number(wanted.customSeconds) : custom.default_seconds;
  const territory = (state.territories ?? []).some((t) => t.id === wanted.territory) ? wanted.territory : "";
  const profile = (state.profiles ?? []).some((p) => p.id === wanted.profile) ? wanted.profile : "";
  return { situation, customSeconds, territory, profile };
}

/**
 * The scene the studio proposes for the commune chosen in the finder (contract 1, static/common/territory.js):
 * its territory type (geography first, else size) and the first profile listed for that type whose population
 * range holds the commune's (data/pitch/profiles.yml); `others` are the other profiles of the commune's types.
 * Null when no commune is chosen.
 */
export function proposeScene(state, territory) {
  if (!territory?.insee) return null;
  const territories = new Set((state.territories ?? []).map((t) => t.id));
  const main = mainCahier(territory);
  if (!territories.has(main)) return null;
  const population = Number.isFinite(territory.population) ? territory.population : null;
  const fits = (p) => population === null
    || ((p.populationMin ?? 0) <= population && population <= (p.populationMax ?? Infinity));
  const profiles = state.profiles ?? [];
  const profile = profiles.find((p) => p.territories.includes(main) && fits(p)) ?? null;
  const types = territory.cahiers ?? [];
  const others = profiles.filter((p) => p !== profile && fits(p) && p.territories.some((t) => types.includes(t)));
  return { territory: main, profile: profile?.id ?? "", others: others.map((p) => p.id) };
}

// ---------------------------------------------------------------------------------------------------
// The printable sheet (Markdown, downloaded by the volunteer)

/** The volunteer's preparation sheet in Markdown: scene, text, feedback, objections, grid. */
export function pitchSheet(state, { scene, text, analysis, answers = {}, ratings = {}, date = new Date() }) {
  const lines = ["# Ma prise de parole devant un élu", "", `*Fiche préparée le ${formatDate(date)} avec le studio KAART.*`, ""];
  const profile = (state.profiles ?? []).find((p) => p.id === scene.profile);
  const territory = (state.territories ?? []).find((t) => t.id === scene.territory);
  const budget = sceneBudget(state, scene);
  if (state.situations) {
    lines.push("## La scène", "", `- Situation : ${budget.label} (${formatSecondsRange(budget.min, budget.max)})`,
      `- Territoire : ${territory?.label ?? "non précisé"}`, `- Élu : ${profile?.label ?? "non précisé"}`, "");
  }
  if (profile) {
    lines.push("### Briefing", "");
    for (const [title, key] of [["Ses préoccupations", "concerns"], ["Ses compétences", "competences"], ["Ses contraintes", "constraints"]]) {
      lines.push(`**${title}**`, "", ...profile[key].map((line) => `- ${line}`), "");
    }
  }
  if (analysis) {
    lines.push("## Mon texte", "", ...String(text ?? "").split("\n").map((line) => `> ${line}`), "",
      `${analysis.words} mots, environ ${formatSeconds(analysis.seconds)} à voix haute (${compileRules(state).wordsPerMinute} mots par minute) pour un temps prévu de ${formatSecondsRange(budget.min, budget.max)}.`, "",
      "## Structure", "");
    for (const item of analysis.structure) {
      const mark = item.status === "done" ? "[x]" : "[ ]";
      const found = item.groups.flatMap((g) => g.matches.map((m) => `« ${m.excerpt} »`));
      lines.push(`- ${mark} ${item.label}${found.length ? ` — ${found.join(", ")}` : ""}`);
    }
    lines.push("", "## Points d'attention", "");
    if (!analysis.flags.length) lines.push("Aucun point signalé.");
    for (const flag of analysis.flags) lines.push(`- **${flag.label}** : « ${flag.excerpt} » — ${flag.suggestion}`);
    lines.push("");
  }
  const worked = (state.objections ?? []).filter((o) => answers[o.id]?.text);
  if (worked.length) {
    lines.push("## Mes réponses aux objections", "");
    for (const objection of worked) {
      lines.push(`### « ${objection.objection} »`, "", ...answers[objection.id].text.split("\n").map((l) => `> ${l}`), "",
        ...(state.moves ?? []).map((move) => `- ${move.label} : ${plainText(objection.advice[move.id])}`), "");
    }
  }
  if (state.grid) {
    lines.push(`## ${state.grid.title}`, "");
    for (const section of state.grid.sections) {
      lines.push(`### ${section.title}`, "");
      for (const criterion of section.criteria) {
        const level = ratings.levels?.[criterion.id];
        lines.push(`- ${criterion.text} — ${level === undefined ? "……" : state.grid.scale[level]}`);
      }
      lines.push("");
    }
    if (ratings.notes) lines.push("### Mes notes", "", ratings.notes, "");
  }
  return `${lines.join("\n").replace(/\n{3,}/g, "\n\n").trim()}\n`;
}
