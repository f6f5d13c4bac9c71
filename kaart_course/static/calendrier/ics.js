// The cycle's calendar as an iCalendar file (RFC 5545): the only place the course writes one. Pure functions,
// tested by node --test and, through a real download, by Python's icalendar package.

const WEEKDAYS = ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"];
export const RHYTHMS = { hebdomadaire: 7, "quinze-jours": 14 };

// Europe/Paris since 1996: summer time from the last Sunday of March to the last Sunday of October.
const PARIS = [
  "BEGIN:VTIMEZONE", "TZID:Europe/Paris",
  "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "TZNAME:CEST", "DTSTART:19700329T020000",
  "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
  "BEGIN:STANDARD", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "TZNAME:CET", "DTSTART:19701025T030000",
  "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD",
  "END:VTIMEZONE",
];

/** Weekday names, Monday first, with their number (0 is Sunday, as Date.getUTCDay). */
export const WEEKDAY_CHOICES = [1, 2, 3, 4, 5, 6, 0].map((day) => ({ day, label: WEEKDAYS[day] }));

function parseDate(text) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text ?? "");
  if (!match) return null;
  const date = new Date(Date.UTC(+match[1], +match[2] - 1, +match[3]));
  return date.getUTCMonth() === +match[2] - 1 ? date : null;
}

function parseTime(text) {
  const match = /^(\d{2}):(\d{2})$/.exec(text ?? "");
  if (!match || +match[1] > 23 || +match[2] > 59) return null;
  return { hours: +match[1], minutes: +match[2] };
}

/** The dates (AAAA-MM-JJ) of `count` sessions: the first `weekday` on or after `first`, then every `rhythm`.
 * Throws an Error with a French message when an input is unusable. */
export function sessionDates({ first, weekday, rhythm, count }) {
  const start = parseDate(first);
  if (!start) throw new Error("Choisissez la date de la première séance.");
  if (!Number.isInteger(weekday) || weekday < 0 || weekday > 6) throw new Error("Choisissez le jour de la semaine.");
  const step = RHYTHMS[rhythm];
  if (!step) throw new Error("Choisissez le rythme des séances.");
  const offset = (weekday - start.getUTCDay() + 7) % 7;
  return Array.from({ length: count }, (_, index) => {
    const day = new Date(start.getTime() + (offset + index * step) * 86400000);
    return day.toISOString().slice(0, 10);
  });
}

function stamp(date, time) {
  return `${date.replaceAll("-", "")}T${String(time.hours).padStart(2, "0")}${String(time.minutes).padStart(2, "0")}00`;
}

/** Wall-clock end of an event: the same day unless it passes midnight. */
function addMinutes(date, time, minutes) {
  const total = time.hours * 60 + time.minutes + minutes;
  const day = new Date(parseDate(date).getTime() + Math.floor(total / 1440) * 86400000).toISOString().slice(0, 10);
  return [day, { hours: Math.floor((total % 1440) / 60), minutes: total % 60 }];
}

/** Text escaped for an iCalendar value. */
export function escapeText(text) {
  return String(text).replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
}

/** A content line folded at 75 octets (UTF-8), never inside a character. */
export function fold(line) {
  const encoder = new TextEncoder();
  const parts = [];
  let current = "";
  let size = 0;
  for (const char of line) {
    const bytes = encoder.encode(char).length;
    if (size + bytes > (parts.length ? 74 : 75)) {
      parts.push(current);
      current = "";
      size = 0;
    }
    current += char;
    size += bytes;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

/** The .ics text of the cycle. `sessions`: [{number, title, minutes, before: [page titles]}]; `now`: a Date
 * (the file's DTSTAMP); `place`: optional room or video-call link. */
export function buildIcs({ sessions, first, weekday, rhythm, time, place = "", now = new Date(), name = "Cycle KAART" }) {
  const at = parseTime(time);
  if (!at) throw new Error("Choisissez l'heure de début (hh:mm).");
  const dates = sessionDates({ first, weekday, rhythm, count: sessions.length });
  const dtstamp = now.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//KAART//Guide du formateur//FR", "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH", `X-WR-CALNAME:${escapeText(name)}`, "X-WR-TIMEZONE:Europe/Paris", ...PARIS];
  sessions.forEach((session, index) => {
    const [endDay, endTime] = addMinutes(dates[index], at, session.minutes);
    const before = session.before?.length ? ` À lire avant : ${session.before.join(" ; ")}.` : "";
    lines.push("BEGIN:VEVENT",
      `UID:kaart-seance-${session.number}-${dates[index]}@kaart`,
      `DTSTAMP:${dtstamp}`,
      `DTSTART;TZID=Europe/Paris:${stamp(dates[index], at)}`,
      `DTEND;TZID=Europe/Paris:${stamp(endDay, endTime)}`,
      `SUMMARY:${escapeText(`KAART — séance ${session.number} : ${session.title}`)}`,
      `DESCRIPTION:${escapeText(`Cycle de formation KAART, séance ${session.number} sur ${sessions.length}.${before}`)}`,
      ...(place.trim() ? [`LOCATION:${escapeText(place.trim())}`] : []),
      "END:VEVENT");
  });
  lines.push("END:VCALENDAR");
  return lines.map(fold).join("\r\n") + "\r\n";
}
