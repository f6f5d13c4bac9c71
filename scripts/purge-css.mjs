// Keeps only the CSS rules that the built site can use (PurgeCSS), for kaart_course/sphinxext/performance.py.
//   node scripts/purge-css.mjs <site dir> <output.css> <input.css>…
// The inputs are concatenated in the order given; what counts as used is every word of the site's HTML pages
// and of its scripts (classes that the theme's and the widgets' JavaScript add at run time are in them), so a
// rule is dropped only when no page and no script can ever produce its selector.
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PurgeCSS } from "purgecss";

const [siteDir, output, ...inputs] = process.argv.slice(2);
if (!siteDir || !output || inputs.length === 0) {
  console.error("usage: node scripts/purge-css.mjs <site dir> <output.css> <input.css>…");
  process.exit(2);
}
// fontawesome.js carries the name of every icon: reading it would keep every icon's rule.
const SKIPPED = new Set(["fontawesome.js", "searchindex.js"]);
const content = [];
const walk = (dir) => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full);
    else if (/\.(html|js)$/.test(entry.name) && !SKIPPED.has(entry.name) && !entry.name.endsWith(".esm.js")) {
      content.push({ raw: readFileSync(full, "utf8"), extension: path.extname(entry.name).slice(1) });
    }
  }
};
walk(path.resolve(siteDir));

const css = inputs.map((file) => readFileSync(file, "utf8")).join("\n");
const [result] = await new PurgeCSS().purge({
  content,
  css: [{ raw: css }],
  fontFace: true,
  keyframes: true,
  // States and attributes set by the browser or by scripts from values no file spells out whole.
  safelist: { standard: [/^:/], greedy: [/data-theme/, /data-mode/, /prefers-color-scheme/] },
});
writeFileSync(output, result.css);
console.log(`${inputs.length} feuilles, ${css.length} octets -> ${result.css.length} octets`);
