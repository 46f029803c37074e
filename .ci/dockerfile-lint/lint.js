// Lints the Dockerfile with dockerfile-utils and fails on any diagnostic, warnings included: a deprecated or
// ambiguous instruction is worth fixing before it becomes an error in a newer Docker.
"use strict";
const fs = require("fs");
const { validate } = require("dockerfile-utils");

const path = process.argv[2] || "Dockerfile";
const text = fs.readFileSync(path, "utf8");
const lines = text.split(/\r?\n/);
const diagnostics = validate(text);
for (const d of diagnostics) {
  const line = d.range.start.line;
  const severity = d.severity === 1 ? "error" : "warning";
  console.log(`${path}:${line + 1}:${d.range.start.character + 1}: ${severity}: ${d.message}`);
  console.log(`    ${lines[line]}`);
}
console.log(`dockerfile lint: ${diagnostics.length} problem(s) in ${path}`);
process.exit(diagnostics.length === 0 ? 0 : 1);
