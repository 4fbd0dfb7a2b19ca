// `npm run gen`: rewrites every golden diagnostic case's expected.txt from the current
// output, so a change in wording or layout is reviewed in `git diff`. A case whose input
// does not (yet) produce its own code is reported and left alone: an expected file is
// never written for output that does not demonstrate the case.
import fs from "node:fs";
import path from "node:path";
import { EXPECTED, listDiagnosticCases, readExpected, runCase } from "./diagnostic-cases.js";
import { acceptGoldens, diffGoldens, fingerprintGoldens } from "./fingerprint-diff-cases.js";

let written = 0;
let unchanged = 0;
const skipped: string[] = [];
for (const c of listDiagnosticCases()) {
  const out = runCase(c);
  if (!out.codes.includes(c.code)) {
    skipped.push(`${c.code} (produces ${out.codes.length > 0 ? out.codes.join(", ") : "no diagnostics"})`);
    continue;
  }
  if (readExpected(c) === out.snapshot) {
    unchanged++;
    continue;
  }
  fs.writeFileSync(path.join(c.dir, EXPECTED), out.snapshot);
  written++;
  console.log(`wrote ${path.relative(process.cwd(), path.join(c.dir, EXPECTED))}`);
}
console.log(`${written} written, ${unchanged} unchanged, ${skipped.length} skipped`);
for (const s of skipped) console.log(`  skipped ${s}`);
process.exitCode = skipped.length > 0 ? 1 : 0;

// Fingerprint goldens (one per example) and diff goldens (test/cases/diff/<case>/expected.*).
const goldens = [...fingerprintGoldens(), ...diffGoldens()];
const accepted = acceptGoldens(goldens);
for (const f of accepted) console.log(`wrote ${f}`);
console.log(`fingerprint and diff goldens: ${accepted.length} written, ${goldens.length - accepted.length} unchanged`);
