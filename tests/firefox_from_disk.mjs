// The built site opened from disk (file://) in Debian's Firefox ESR, driven over WebDriver BiDi by
// puppeteer-core (Playwright needs its own patched Firefox). Called by tests/test_file_copy_firefox.py:
//
//   node tests/firefox_from_disk.mjs SITE_DIR PAGE...
//
// For each page: no request leaves the disk, none fails, no console error or uncaught exception, every
// widget mounts with content; on a quiz a question is answered and gets its feedback, in the pitch studio a
// sentence is typed and its words are counted (or, on a page of objections only, one is drawn, answered and
// advised on), on the survey form an answer survives a reload (the draft kept on the device); the search page
// finds a word and its first result opens; every file the page refers to or links to exists. The same checks
// as tests/test_file_copy.py makes in Chromium. Prints one JSON line per page:
// {"page": …, "problems": […]}.
import { existsSync, statSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import path from "node:path";
import puppeteer from "puppeteer-core";

const FIREFOX = process.env.KAART_FIREFOX || "/usr/bin/firefox-esr";
const [siteDir, ...pages] = process.argv.slice(2);
const base = pathToFileURL(path.resolve(siteDir)).href + "/";

async function answerAQuizQuestion(page) {
  const question = await page.$("[data-kaart-question]:has(input[type=radio])");
  if (!question) return ["quiz: no question with choices"];
  await (await question.$("input[type=radio]")).click();
  await (await question.$("[data-kaart-action=check]")).click();
  const [result, feedback] = await question.evaluate((el) => [
    el.getAttribute("data-kaart-result"), el.querySelector("[data-kaart-feedback]")?.textContent.trim() ?? ""]);
  if (!["correct", "incorrect"].includes(result)) return ["quiz: no feedback after answering"];
  return feedback ? [] : ["quiz: empty feedback"];
}

async function answerAnObjection(page) {
  await (await page.$("[data-kaart-action=draw]")).click();
  const answer = await page.$("[data-kaart-objection-answer]");
  await answer.type("Je comprends, et justement le cahier propose des pistes.");
  await (await page.$("[data-kaart-action=advice]")).click();
  const advice = await page.$eval("[data-kaart-advice]", (el) => [el.checkVisibility(), el.textContent.trim()]);
  return advice[0] && advice[1] ? [] : ["pitch studio: no advice after answering an objection"];
}

async function typeInThePitchStudio(page) {
  const box = await page.$("[data-kaart-pitch-text]");
  if (!box) return answerAnObjection(page);
  await box.click({ count: 3 });
  await page.keyboard.press("Backspace");
  await box.type("Bonjour, je suis bénévole.");
  try {
    await page.waitForFunction(
      () => document.querySelector("[data-kaart-word-count]")?.textContent.trim() === "4", { timeout: 5000 });
    return [];
  } catch {
    const shown = await page.$eval("[data-kaart-word-count]", (el) => el.textContent.trim()).catch(() => "nothing");
    return [`pitch studio: word count shows ${JSON.stringify(shown)} for 4 words`];
  }
}

async function searchFindsAWord(page) {
  try {
    await page.waitForFunction(() => document.querySelectorAll("#search-results ul.search li a").length > 3,
      { timeout: 15000 });
  } catch {
    return ["search: fewer than 4 results for « résilience »"];
  }
  const target = await page.$eval("#search-results ul.search li a", (a) => a.href.split("#")[0]);
  await Promise.all([page.waitForNavigation({ waitUntil: "load" }), page.click("#search-results ul.search li a")]);
  return page.url().startsWith(target) ? [] : [`search: the first result opened ${page.url()}, not ${target}`];
}

// The survey form keeps its draft on the device: an answer is still there after a reload.
async function surveyDraftSurvivesAReload(page) {
  const option = '[data-kaart-enquete-question="type-collectivite"] input[value="commune"]';
  await page.click(option);
  await new Promise((resolve) => setTimeout(resolve, 400)); // the draft is saved as the form changes
  await page.reload({ waitUntil: "load" });
  await page.waitForSelector(`[data-kaart-enquete] ${option}`);
  return await page.$eval(option, (input) => input.checked)
    ? [] : ["survey form: the answer is not kept in the draft after a reload"];
}

// Firefox reports no network event for a file:// load that fails: each file the page refers to must exist.
async function missingFiles(page) {
  const refs = await page.$$eval(
    "script[src], link[href][rel~=stylesheet], link[href][rel~=preload], link[href][rel~=icon], img[src]",
    (els) => els.map((el) => el.src || el.href));
  return [...new Set(refs)].filter((ref) => ref.startsWith("file:"))
    .map((ref) => fileURLToPath(ref.split(/[?#]/)[0]))
    .filter((file) => !existsSync(file))
    .map((file) => `missing file: ${path.relative(siteDir, file)}`);
}

// Links to the site's own files (a page, a notebook, a PDF, the archive): each must be a file (from disk, a
// folder shows a listing).
async function missingLinkTargets(page) {
  const hrefs = await page.$$eval("a[href]", (els) => els.map((el) => el.href));
  return [...new Set(hrefs)].filter((href) => href.startsWith("file:"))
    .map((href) => fileURLToPath(href.split(/[?#]/)[0]))
    .filter((file) => !existsSync(file) || !statSync(file).isFile())
    .map((file) => `link to a missing file: ${path.relative(siteDir, file)}`);
}

async function check(browser, pagePath) {
  const page = await browser.newPage();
  const problems = [];
  page.on("console", (message) => { if (message.type() === "error") problems.push(`console: ${message.text()}`); });
  page.on("pageerror", (error) => problems.push(`exception: ${error.message ?? error}`));
  page.on("requestfailed", (request) => problems.push(`failed: ${request.url()}`));
  page.on("request", (request) => {
    const url = request.url();
    if (!/^(file|data|blob|about):/.test(url)) problems.push(`left the disk: ${url}`);
  });
  try {
    const search = pagePath.startsWith("search.html");
    await page.goto(base + (search ? "search.html?q=r%C3%A9silience" : pagePath), { waitUntil: "load", timeout: 30000 });
    await page.waitForFunction(() => [...document.querySelectorAll("[data-kaart-widget]")]
      .every((el) => el.dataset.kaartMounted === "true" || el.dataset.kaartError), { timeout: 10000 }).catch(() => {});
    const widgets = await page.$$eval("[data-kaart-widget]", (els) => els.map((el) => [
      el.dataset.kaartWidget, el.dataset.kaartMounted ?? "", el.dataset.kaartError ?? "",
      el.querySelector(":scope > .kaart-widget-host")?.childElementCount ?? 0]));
    for (const [name, mounted, error, children] of widgets) {
      if (mounted !== "true" || error || !children) problems.push(`widget ${name} not mounted (${error || "empty"})`);
    }
    problems.push(...await missingFiles(page), ...await missingLinkTargets(page));
    const names = new Set(widgets.map(([name]) => name));
    if (names.has("quiz")) problems.push(...await answerAQuizQuestion(page));
    if (names.has("pitch")) problems.push(...await typeInThePitchStudio(page));
    if (names.has("enquete")) problems.push(...await surveyDraftSurvivesAReload(page));
    if (search) problems.push(...await searchFindsAWord(page));
  } catch (error) {
    problems.push(`could not check: ${error.message}`);
  } finally {
    await page.close();
  }
  return problems;
}

const browser = await puppeteer.launch({ browser: "firefox", executablePath: FIREFOX, headless: true });
try {
  for (const pagePath of pages) {
    console.log(JSON.stringify({ page: pagePath, problems: await check(browser, pagePath) }));
  }
} finally {
  await browser.close();
}
