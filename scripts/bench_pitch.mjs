// Benchmark of the pitch studio's live feedback on a 1,000-word text (target: 16 ms per keystroke, one frame).
//   node scripts/bench_pitch.mjs            (run by `make bench`)
// 1. Analysis: the pure function that runs on every keystroke, in Node, one added character at a time.
// 2. Render: the same in headless Chromium (/usr/bin/chromium, driven over its DevTools pipe, no network):
//    analysis + DOM update of the widget per keystroke, then the browser's style and layout pass.
// The course's rules come from data/pitch through Python (KAART_PYTHON, else .venv/bin/python, else python3).
import { execFileSync, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { analyse, countWords } from "../kaart_course/static/pitch/analysis.js";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const KEYSTROKES = 200;
const TARGET_MS = 16;

const python = process.env.KAART_PYTHON ?? (existsSync(path.join(REPO, ".venv/bin/python")) ? path.join(REPO, ".venv/bin/python") : "python3");
const stateJson = execFileSync(python, ["-c",
  "import json; from kaart_course import pitch; print(json.dumps(pitch.load_data().to_state('writer')))"],
{ cwd: REPO, encoding: "utf8" });
const state = JSON.parse(stateJson);

const PARAGRAPH = "Bonjour Madame la Maire, je m’appelle Claire et j’habite le quartier de la gare depuis dix ans. "
  + "Lors de la canicule de l’été dernier, l’école a dû fermer deux jours. Selon Météo-France, les jours de forte "
  + "chaleur ont doublé en trente ans dans notre département. Le PCAET de l’agglomération prévoit des actions, et "
  + "le SRCAE aussi, mais il faudrait aller plus loin sans attendre la catastrophe. En tant que maire, vous pouvez "
  + "porter ce sujet au conseil municipal. Je vous propose de vous présenter le cahier consacré aux villes moyennes. "
  + "Pourrions-nous en parler vingt minutes le mois prochain ?\n";
let text = "";
while (countWords(text) < 1000) text += PARAGRAPH;
const scene = { situation: "reunion-publique", territory: "villes-moyennes", profile: "adjointe-transition-ville-moyenne" };

function summary(times) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { median: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] };
}
const ms = (value) => `${value.toFixed(2)} ms`;

// --- 1. Analysis in Node ---------------------------------------------------------------------------------
const cold = performance.now();
analyse(text, state, scene);
const coldMs = performance.now() - cold;
const times = [];
let typed = text;
for (let i = 0; i < KEYSTROKES; i += 1) {
  typed += i % 6 === 5 ? " " : "e";
  const start = performance.now();
  analyse(typed, state, scene);
  times.push(performance.now() - start);
}
const analysis = summary(times);
console.log(`Texte : ${countWords(text)} mots, ${text.length} caractères ; ${KEYSTROKES} frappes.`);
console.log(`Analyse (Node ${process.version}) : premier passage ${ms(coldMs)}, puis par frappe médiane ${ms(analysis.median)}, `
  + `95e centile ${ms(analysis.p95)}, max ${ms(analysis.max)} (objectif ≤ ${TARGET_MS} ms).`);

// --- 2. Render in headless Chromium ----------------------------------------------------------------------
const BENCH_PAGE = `<!doctype html><html lang="fr"><head><meta charset="utf-8">
<link rel="stylesheet" href="/kaart_course/static/widget.css"><link rel="stylesheet" href="/kaart_course/static/pitch/pitch.css"></head><body><div id="host"></div>
<script type="module">
import widget from "/kaart_course/static/pitch/pitch.js";
const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
window.__bench = (async () => {
  localStorage.clear();
  const values = { state: await (await fetch("/state.json")).json() };
  const model = { get: (k) => values[k], set: (k, v) => { values[k] = v; }, on() {}, off() {}, save_changes() {}, send() {} };
  let start = performance.now();
  widget.render({ model, el: document.getElementById("host") });
  document.body.offsetHeight;
  const mount = performance.now() - start;
  const box = document.querySelector("[data-kaart-pitch-text]");
  const root = document.querySelector(".kaart-pitch");
  box.value = await (await fetch("/text.txt")).text();
  box.dispatchEvent(new Event("input", { bubbles: true }));
  await frame();
  const feedback = [], layout = [];
  for (let i = 0; i < ${KEYSTROKES}; i += 1) {
    box.value += i % 6 === 5 ? " " : "e";
    box.dispatchEvent(new Event("input", { bubbles: true }));
    await frame();  // the widget updates in the frame after the keystroke
    feedback.push(Number(root.dataset.kaartFeedbackMs));
    start = performance.now();
    document.body.offsetHeight;  // style and layout of what the update changed
    layout.push(performance.now() - start);
  }
  return { mount, feedback, layout, flags: document.querySelectorAll("[data-kaart-flag]").length };
})();
</script></body></html>`;

function serve() {
  const types = { ".js": "text/javascript", ".css": "text/css", ".json": "application/json" };
  const server = http.createServer((request, response) => {
    const url = new URL(request.url, "http://127.0.0.1");
    const bodies = { "/bench.html": [BENCH_PAGE, "text/html"], "/state.json": [stateJson, "application/json"], "/text.txt": [text, "text/plain"] };
    if (bodies[url.pathname]) {
      response.writeHead(200, { "content-type": `${bodies[url.pathname][1]}; charset=utf-8` });
      response.end(bodies[url.pathname][0]);
      return;
    }
    const file = path.join(REPO, path.normalize(url.pathname));
    if (url.pathname.startsWith("/kaart_course/static/") && existsSync(file)) {
      response.writeHead(200, { "content-type": types[path.extname(file)] ?? "application/octet-stream" });
      response.end(readFileSync(file));
      return;
    }
    response.writeHead(404).end();
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

/** A minimal DevTools-protocol client over Chromium's --remote-debugging-pipe (file descriptors 3 and 4). */
function devtools(child) {
  let buffer = "";
  let next = 0;
  const pending = new Map();
  child.stdio[4].on("data", (chunk) => {
    buffer += chunk.toString("utf8");
    let end;
    while ((end = buffer.indexOf("\0")) >= 0) {
      const message = JSON.parse(buffer.slice(0, end));
      buffer = buffer.slice(end + 1);
      if (message.id !== undefined && pending.has(message.id)) {
        const { resolve, reject } = pending.get(message.id);
        pending.delete(message.id);
        if (message.error) reject(new Error(message.error.message));
        else resolve(message.result);
      }
    }
  });
  return (method, params = {}, sessionId = undefined) => new Promise((resolve, reject) => {
    next += 1;
    pending.set(next, { resolve, reject });
    child.stdio[3].write(`${JSON.stringify({ id: next, method, params, sessionId })}\0`);
  });
}

async function renderBench() {
  if (!existsSync(CHROMIUM)) {
    console.log(`Rendu : non mesuré (${CHROMIUM} absent).`);
    return;
  }
  const server = await serve();
  const url = `http://127.0.0.1:${server.address().port}/bench.html`;
  const child = spawn(CHROMIUM, ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--remote-debugging-pipe", "--window-size=1280,900", "about:blank"], { stdio: ["ignore", "ignore", "ignore", "pipe", "pipe"] });
  const send = devtools(child);
  const deadline = setTimeout(() => {
    console.log("Rendu : délai dépassé.");
    child.kill();
    process.exit(1);
  }, 120_000);
  try {
    const { targetId } = await send("Target.createTarget", { url });
    const { sessionId } = await send("Target.attachToTarget", { targetId, flatten: true });
    let result = null;
    for (let attempt = 0; attempt < 100 && !result; attempt += 1) {
      const answer = await send("Runtime.evaluate", { expression: "window.__bench", awaitPromise: true, returnByValue: true }, sessionId);
      result = answer.result?.value ?? null;
      if (!result) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (!result) throw new Error("la page de mesure n'a pas répondu");
    const feedback = summary(result.feedback);
    const layout = summary(result.layout);
    console.log(`Rendu (Chromium, ${result.flags} points d'attention affichés) : montage du studio ${ms(result.mount)} ; par frappe, `
      + `analyse + mise à jour du DOM médiane ${ms(feedback.median)}, 95e centile ${ms(feedback.p95)}, max ${ms(feedback.max)} ; `
      + `style et mise en page médiane ${ms(layout.median)}, 95e centile ${ms(layout.p95)}.`);
    const total = feedback.median + layout.median;
    console.log(`Total par frappe (médiane) : ${ms(total)} — ${total <= TARGET_MS ? "dans" : "HORS de"} l'objectif de ${TARGET_MS} ms.`);
  } finally {
    clearTimeout(deadline);
    child.kill();
    server.close();
  }
}

await renderBench();
if (analysis.median > TARGET_MS) process.exitCode = 1;
