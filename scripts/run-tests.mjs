#!/usr/bin/env node
// What `npm test` runs: vitest with its usual output plus a JSON report, then one plain
// final line "N passed, N failed" that CI log parsers recognise. Extra arguments are passed
// to vitest (`npm test -- test/cli`). Exits non-zero if vitest failed, any test failed, or
// the report is missing.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const report = path.join(root, ".smalt-test-results.json");
const vitest = path.join(root, "node_modules", "vitest", "vitest.mjs");

fs.rmSync(report, { force: true });
const run = spawnSync(
  process.execPath,
  [vitest, "run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...process.argv.slice(2)],
  { cwd: root, stdio: "inherit" },
);
if (run.error) {
  console.error(`could not start vitest: ${run.error.message}`);
  process.exit(1);
}

let results;
try {
  results = JSON.parse(fs.readFileSync(report, "utf8"));
} catch (e) {
  console.error(`no test report at ${path.relative(root, report)} (${e.code ?? e.message}); vitest exited with ${run.status ?? run.signal}`);
  process.exit(1);
}
const passed = results.numPassedTests ?? 0;
const failed = results.numFailedTests ?? 0;
console.log(`${passed} passed, ${failed} failed`);
process.exit(run.status !== 0 || failed > 0 || results.success === false ? 1 : 0);
