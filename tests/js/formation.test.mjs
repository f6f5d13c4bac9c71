// Unit tests of the trainer's guide widgets: the projection view's keys and timer
// (kaart_course/static/projection/logic.js) and the cycle's calendar (kaart_course/static/calendrier/ics.js).
import { test } from "node:test";
import assert from "node:assert/strict";

import { clock, keyAction, moveTo, slot, timerText } from "../../kaart_course/static/projection/logic.js";
import { TIME_ZONES, buildIcs, escapeText, fold, sessionDates } from "../../kaart_course/static/calendrier/ics.js";

const key = (name, extra = {}) => ({ key: name, altKey: false, ctrlKey: false, metaKey: false, ...extra });

test("projection keys: arrows, Home, End and F; nothing with a modifier", () => {
  assert.equal(keyAction(key("ArrowRight")), "next");
  assert.equal(keyAction(key("ArrowLeft")), "prev");
  assert.equal(keyAction(key("Home")), "first");
  assert.equal(keyAction(key("End")), "last");
  assert.equal(keyAction(key("f")), "fullscreen");
  assert.equal(keyAction(key("F")), "fullscreen");
  assert.equal(keyAction(key("ArrowRight", { altKey: true })), null, "Alt+→ stays the browser's");
  assert.equal(keyAction(key("a")), null);
});

test("moves stay within the session's steps", () => {
  assert.equal(moveTo("next", 1, 7), 2);
  assert.equal(moveTo("next", 7, 7), 7);
  assert.equal(moveTo("prev", 1, 7), 1);
  assert.equal(moveTo("last", 2, 7), 7);
  assert.equal(moveTo("first", 5, 7), 1);
});

test("the timer shows elapsed and planned time, and when a step runs over", () => {
  assert.equal(clock(0), "00:00");
  assert.equal(clock(187.9), "03:07");
  assert.equal(clock(3720), "62:00");
  assert.deepEqual(timerText(61, 15), { text: "01:01 / 15 min prévues", over: false });
  assert.equal(timerText(15 * 60 + 1, 15).over, true);
  assert.equal(slot(70, 20), "1\u00a0h\u00a010 – 1\u00a0h\u00a030");
});

const SESSIONS = Array.from({ length: 10 }, (_, i) => ({ number: i + 1, title: `Séance, n° ${i + 1}; essai`, minutes: 120, before: [] }));

test("ten dates on the chosen weekday, weekly or every two weeks", () => {
  // 2027-01-06 is a Wednesday; Monday asked: the first session is Monday 11 January 2027.
  const weekly = sessionDates({ first: "2027-01-06", weekday: 1, rhythm: "hebdomadaire", count: 10 });
  assert.equal(weekly.length, 10);
  assert.equal(weekly[0], "2027-01-11");
  assert.equal(weekly[9], "2027-03-15");
  const fortnightly = sessionDates({ first: "2027-01-11", weekday: 1, rhythm: "quinze-jours", count: 10 });
  assert.deepEqual(fortnightly.slice(0, 3), ["2027-01-11", "2027-01-25", "2027-02-08"]);
  assert.equal(fortnightly[9], "2027-05-17");
  assert.throws(() => sessionDates({ first: "", weekday: 1, rhythm: "hebdomadaire", count: 10 }), /première séance/);
  assert.throws(() => sessionDates({ first: "2027-02-30", weekday: 1, rhythm: "hebdomadaire", count: 10 }), /première séance/);
  assert.throws(() => sessionDates({ first: "2027-01-11", weekday: 1, rhythm: "mensuel", count: 10 }), /rythme/);
});

test("the .ics has ten events in Europe/Paris wall time, escaped and folded", () => {
  const text = buildIcs({ sessions: SESSIONS, first: "2027-03-22", weekday: 1, rhythm: "hebdomadaire", time: "18:30",
    place: "Salle des fêtes, rue de la Mairie", now: new Date("2026-12-02T10:00:00Z") });
  assert.ok(text.endsWith("END:VCALENDAR\r\n"));
  assert.equal(text.split("BEGIN:VEVENT").length - 1, 10);
  assert.match(text, /DTSTART;TZID=Europe\/Paris:20270322T183000\r\n/);
  // Across the change to summer time (28 March 2027) the wall time stays 18:30.
  assert.match(text, /DTSTART;TZID=Europe\/Paris:20270329T183000\r\n/);
  assert.match(text, /DTEND;TZID=Europe\/Paris:20270329T203000\r\n/);
  assert.match(text, /TZID:Europe\/Paris\r\n/);
  assert.match(text, /LOCATION:Salle des fêtes\\, rue de la Mairie/);
  assert.match(text, /SUMMARY:KAART — séance 1 : Séance\\, n° 1\\; essai/);
  for (const line of text.split("\r\n")) assert.ok(new TextEncoder().encode(line).length <= 75, line);
  assert.throws(() => buildIcs({ sessions: SESSIONS, first: "2027-03-22", weekday: 1, rhythm: "hebdomadaire", time: "25:00" }), /heure/);
});

test("overseas, the .ics is in the trainer's own time zone", () => {
  const args = { sessions: SESSIONS, first: "2027-03-22", weekday: 1, rhythm: "hebdomadaire", time: "18:00",
    now: new Date("2026-12-02T10:00:00Z") };
  const reunion = buildIcs({ ...args, zone: "Indian/Reunion" });
  assert.match(reunion, /DTSTART;TZID=Indian\/Reunion:20270322T180000\r\n/);
  assert.match(reunion, /BEGIN:VTIMEZONE\r\nTZID:Indian\/Reunion\r\nBEGIN:STANDARD\r\nTZOFFSETFROM:\+0400\r\nTZOFFSETTO:\+0400\r\n/);
  assert.doesNotMatch(reunion, /DAYLIGHT|Europe\/Paris/, "no summer time in La Réunion, and no trace of Paris");
  const miquelon = buildIcs({ ...args, zone: "America/Miquelon" });
  assert.match(miquelon, /TZOFFSETFROM:-0300\r\nTZOFFSETTO:-0200\r\nDTSTART:19700308T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU/);
  assert.match(miquelon, /TZOFFSETFROM:-0200\r\nTZOFFSETTO:-0300\r\nDTSTART:19701101T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU/);
  assert.equal(new Set(TIME_ZONES.map((zone) => zone.tzid)).size, TIME_ZONES.length);
  assert.equal(TIME_ZONES[0].tzid, "Europe/Paris", "métropole first, the default");
  assert.throws(() => buildIcs({ ...args, zone: "Europe/London" }), /fuseau/);
});

test("escaping and folding follow RFC 5545", () => {
  assert.equal(escapeText("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
  const long = `SUMMARY:${"é".repeat(60)}`;
  const folded = fold(long);
  assert.ok(folded.split("\r\n ").every((part) => new TextEncoder().encode(part).length <= 75));
  assert.equal(folded.replaceAll("\r\n ", ""), long);
});
