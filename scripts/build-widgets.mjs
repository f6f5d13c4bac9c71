// Builds the widgets' browser code with esbuild (see kaart_course/_bundle.py, which runs this script).
//   node scripts/build-widgets.mjs <static dir> <output dir>
// For each widget folder <static>/<name>/<name>.js: kaart-<name>.js (classic script, minified, for the site,
// also from file://), <name>.esm.js (one ES module for anywidget in Jupyter) and kaart-<name>.css; plus
// kaart-mount.js and kaart-widget.css, shared by every widget.
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";

const [staticDir, outDir] = process.argv.slice(2).map((p) => path.resolve(p));
if (!staticDir || !outDir) {
  console.error("usage: node scripts/build-widgets.mjs <static dir> <output dir>");
  process.exit(2);
}
const common = { bundle: true, logLevel: "warning", target: ["es2020"], legalComments: "none", charset: "utf8" };
const widgets = readdirSync(staticDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(path.join(staticDir, entry.name, `${entry.name}.js`)))
  .map((entry) => entry.name);

const builds = [
  build({ ...common, entryPoints: [path.join(staticDir, "mount.js")], format: "iife", minify: true,
    outfile: path.join(outDir, "kaart-mount.js") }),
  build({ ...common, entryPoints: [path.join(staticDir, "widget.css")], minify: true,
    outfile: path.join(outDir, "kaart-widget.css") }),
];
for (const name of widgets) {
  const entry = path.join(staticDir, name, `${name}.js`);
  builds.push(
    build({ ...common, format: "iife", minify: true, outfile: path.join(outDir, `kaart-${name}.js`),
      stdin: {
        contents: `import widget from ${JSON.stringify(entry)};\n(globalThis.kaartWidgets ??= {})[${JSON.stringify(name)}] = widget;\n`,
        resolveDir: staticDir, sourcefile: `kaart-${name}.js`,
      } }),
    build({ ...common, entryPoints: [entry], format: "esm", outfile: path.join(outDir, `${name}.esm.js`) }),
  );
  const css = path.join(staticDir, name, `${name}.css`);
  if (existsSync(css)) {
    builds.push(build({ ...common, entryPoints: [css], minify: true, outfile: path.join(outDir, `kaart-${name}.css`) }));
  }
}
await Promise.all(builds);
console.log(`widgets : ${widgets.join(", ")}`);
