// The cycle's calendar as an iCalendar file (RFC 5545): the only place the course writes one. Pure functions,
// tested by node --test and, through a real download, by Python's icalendar package.

const WEEKDAYS = ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"];
export const RHYTHMS = { hebdomadaire: 7, "quinze-jours": 14 };

// The summer-time rules in use where France has one: the European Union's since 1996 (last Sunday of March to
// last Sunday of October, at 01:00 UTC) and North America's since 2007, followed by Saint-Pierre-et-Miquelon
// (second Sunday of March to first Sunday of November, at 02:00 local time).
const EU_SUMMER = { starts: ["19700329T020000", "BYMONTH=3;BYDAY=-1SU"], ends: ["19701025T030000", "BYMONTH=10;BYDAY=-1SU"] };
const NORTH_AMERICAN_SUMMER = { starts: ["19700308T020000", "BYMONTH=3;BYDAY=2SU"], ends: ["19701101T020000", "BYMONTH=11;BYDAY=1SU"] };

/** France's time zones (IANA names, as calendar applications know them), métropole first: a trainer overseas
 * gives the cycle's times in local time. `offset` is the standard offset from UTC; overseas only
 * Saint-Pierre-et-Miquelon has summer time. */
export const TIME_ZONES = [
  { tzid: "Europe/Paris", label: "Métropole et Corse", offset: "+0100", summer: EU_SUMMER },
  { tzid: "America/Guadeloupe", label: "Guadeloupe, Saint-Martin, Saint-Barthélemy", offset: "-0400" },
  { tzid: "America/Martinique", label: "Martinique", offset: "-0400" },
  { tzid: "America/Cayenne", label: "Guyane", offset: "-0300" },
  { tzid: "Indian/Reunion", label: "La Réunion", offset: "+0400" },
  { tzid: "Indian/Mayotte", label: "Mayotte", offset: "+0300" },
  { tzid: "America/Miquelon", label: "Saint-Pierre-et-Miquelon", offset: "-0300", summer: NORTH_AMERICAN_SUMMER },
  { tzid: "Pacific/Noumea", label: "Nouvelle-Calédonie", offset: "+1100" },
  { tzid: "Pacific/Tahiti", label: "Polynésie française (Tahiti)", offset: "-1000" },
  { tzid: "Pacific/Wallis", label: "Wallis-et-Futuna", offset: "+1200" },
];

/** The time zone of `tzid`, or null when France has none of that name. */
export function timeZone(tzid) {
  return TIME_ZONES.find((zone) => zone.tzid === tzid) ?? null;
}

/** "+0100" moved by whole hours: the summer offset. */
function shifted(offset, hours) {
  const minutes = (offset[0] === "-" ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(3))) + hours * 60;
  const sign = minutes < 0 ? "-" : "+";
  const size = Math.abs(minutes);
  return `${sign}${String(Math.floor(size / 60)).padStart(2, "0")}${String(size % 60).padStart(2, "0")}`;
}

/** The VTIMEZONE component of a zone: one standard offset, or standard and summer time with their rules. */
function vtimezone(zone) {
  if (!zone.summer) {
    return ["BEGIN:VTIMEZONE", `TZID:${zone.tzid}`, "BEGIN:STANDARD", `TZOFFSETFROM:${zone.offset}`,
      `TZOFFSETTO:${zone.offset}`, "DTSTART:19700101T000000", "END:STANDARD", "END:VTIMEZONE"];
  }
  const summer = shifted(zone.offset, 1);
  return ["BEGIN:VTIMEZONE", `TZID:${zone.tzid}`,
    "BEGIN:DAYLIGHT", `TZOFFSETFROM:${zone.offset}`, `TZOFFSETTO:${summer}`, `DTSTART:${zone.summer.starts[0]}`,
    `RRULE:FREQ=YEARLY;${zone.summer.starts[1]}`, "END:DAYLIGHT",
    "BEGIN:STANDARD", `TZOFFSETFROM:${summer}`, `TZOFFSETTO:${zone.offset}`, `DTSTART:${zone.summer.ends[0]}`,
    `RRULE:FREQ=YEARLY;${zone.summer.ends[1]}`, "END:STANDARD",
    "END:VTIMEZONE"];
}

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
 * (the file's DTSTAMP); `place`: optional room or video-call link; `zone`: the IANA name of the time zone
 * (one of TIME_ZONES) in which `time` is given. */
export function buildIcs({ sessions, first, weekday, rhythm, time, place = "", zone = "Europe/Paris", now = new Date(),
  name = "Cycle KAART" }) {
  const at = parseTime(time);
  if (!at) throw new Error("Choisissez l'heure de début (hh:mm).");
  const where = timeZone(zone);
  if (!where) throw new Error("Choisissez le fuseau horaire.");
  const dates = sessionDates({ first, weekday, rhythm, count: sessions.length });
  const dtstamp = now.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//KAART//Guide du formateur//FR", "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH", `X-WR-CALNAME:${escapeText(name)}`, `X-WR-TIMEZONE:${where.tzid}`, ...vtimezone(where)];
  sessions.forEach((session, index) => {
    const [endDay, endTime] = addMinutes(dates[index], at, session.minutes);
    const before = session.before?.length ? ` À lire avant : ${session.before.join(" ; ")}.` : "";
    lines.push("BEGIN:VEVENT",
      `UID:kaart-seance-${session.number}-${dates[index]}@kaart`,
      `DTSTAMP:${dtstamp}`,
      `DTSTART;TZID=${where.tzid}:${stamp(dates[index], at)}`,
      `DTEND;TZID=${where.tzid}:${stamp(endDay, endTime)}`,
      `SUMMARY:${escapeText(`KAART — séance ${session.number} : ${session.title}`)}`,
      `DESCRIPTION:${escapeText(`Cycle de formation KAART, séance ${session.number} sur ${sessions.length}.${before}`)}`,
      ...(place.trim() ? [`LOCATION:${escapeText(place.trim())}`] : []),
      "END:VEVENT");
  });
  lines.push("END:VCALENDAR");
  return lines.map(fold).join("\r\n") + "\r\n";
}
