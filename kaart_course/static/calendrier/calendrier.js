// KAART calendar form — the ten dates of a cycle from its first date, weekday, rhythm and time, and the .ics
// file that calendar applications import. Nothing leaves the reader's device. Runs in Jupyter (anywidget) and
// on the static book (kaart-mount.js), also from file://.
//
// Model trait "state" (kaart_course/sessions.py calendar_state):
//   { name, sessions: [{ number, title, minutes, before: [str] }] }
// Hooks (data-kaart-…): calendar, field (first, weekday, rhythm, time, zone, place), action (download), dates,
// status.

import { downloadText, element } from "../common/dom.js";
import { TIME_ZONES, WEEKDAY_CHOICES, buildIcs, sessionDates, timeZone } from "./ics.js";

export { buildIcs, escapeText, fold, sessionDates } from "./ics.js";

/** The device's time zone when it is one of France's (a trainer in La Réunion gets La Réunion), else Paris. */
function deviceZone() {
  const tzid = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return timeZone(tzid) ? tzid : "Europe/Paris";
}

let count = 0;
const DATE_FORMAT = new Intl.DateTimeFormat("fr-FR", { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

function field(id, label, control) {
  control.id = id;
  return element("div", { class: "kaart-calendar-field" }, element("label", { for: id, text: label }), control);
}

function renderCalendar(el, state) {
  count += 1;
  const uid = `kaart-calendrier-${count}`;
  const first = element("input", { type: "date", "data-kaart-field": "first", required: true });
  const weekday = element("select", { "data-kaart-field": "weekday" },
    ...WEEKDAY_CHOICES.map(({ day, label }) => element("option", { value: String(day), text: label })));
  const rhythm = element("select", { "data-kaart-field": "rhythm" },
    element("option", { value: "hebdomadaire", text: "chaque semaine" }),
    element("option", { value: "quinze-jours", text: "toutes les deux semaines" }));
  const time = element("input", { type: "time", value: "18:30", "data-kaart-field": "time", required: true });
  const zone = element("select", { "data-kaart-field": "zone" },
    ...TIME_ZONES.map(({ tzid, label }) => element("option", { value: tzid, text: label })));
  zone.value = deviceZone();
  const place = element("input", { type: "text", "data-kaart-field": "place", autocomplete: "off",
    placeholder: "Salle, adresse ou lien de la visio" });
  const download = element("button", { type: "button", class: "kaart-button kaart-primary", "data-kaart-action": "download",
    text: "Télécharger le calendrier (.ics)" });
  const status = element("p", { class: "kaart-calendar-status", role: "status", "aria-live": "polite", "data-kaart-status": "" });
  const dates = element("ol", { class: "kaart-calendar-dates", "data-kaart-dates": "" });
  const form = element("form", { class: "kaart-calendar kaart-ui", "data-kaart-calendar": "", "aria-label": "Dates du cycle" },
    element("div", { class: "kaart-calendar-grid" },
      field(`${uid}-first`, "Date de la première séance", first), field(`${uid}-weekday`, "Jour des séances", weekday),
      field(`${uid}-rhythm`, "Rythme", rhythm), field(`${uid}-time`, "Heure de début", time),
      field(`${uid}-zone`, "Fuseau horaire", zone), field(`${uid}-place`, "Lieu (facultatif)", place)),
    element("p", { class: "kaart-calendar-help", text: "L'heure de début est l'heure locale du fuseau choisi, heure d'été comprise : les agendas des participants l'affichent dans leur propre fuseau. Si la date choisie ne tombe pas le jour indiqué, la première séance a lieu le premier de ces jours qui suit." }),
    dates, download, status);
  el.append(form);

  const inputs = () => ({ sessions: state.sessions, first: first.value, weekday: Number(weekday.value), rhythm: rhythm.value,
    time: time.value, zone: zone.value, place: place.value, name: state.name });

  const preview = () => {
    try {
      const days = sessionDates({ ...inputs(), count: state.sessions.length });
      dates.replaceChildren(...days.map((day, index) => element("li", {
        text: `Séance ${state.sessions[index].number} : ${DATE_FORMAT.format(new Date(`${day}T00:00:00Z`))}${time.value ? ` à ${time.value.replace(":", "\u00a0h\u00a0")}` : ""}` })));
      status.textContent = "";
      return true;
    } catch (error) {
      dates.replaceChildren();
      return false;
    }
  };
  first.addEventListener("change", () => {
    const chosen = first.value && new Date(`${first.value}T00:00:00Z`);
    if (chosen && !Number.isNaN(chosen.getTime())) weekday.value = String(chosen.getUTCDay());
    preview();
  });
  for (const control of [weekday, rhythm, time, zone, place]) control.addEventListener("change", preview);
  form.addEventListener("submit", (event) => event.preventDefault());
  download.addEventListener("click", () => {
    try {
      const text = buildIcs(inputs());
      downloadText("kaart-cycle.ics", text, "text/calendar;charset=utf-8");
      status.textContent = "Calendrier téléchargé : ouvrez le fichier kaart-cycle.ics avec votre agenda, ou envoyez-le aux participants.";
    } catch (error) {
      status.textContent = error.message;
      first.focus();
    }
  });
  preview();
}

function render({ model, el }) {
  renderCalendar(el, model.get("state"));
}

export default { render };
