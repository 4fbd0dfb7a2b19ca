// Golden diagnostics: every case under test/cases/diagnostics/ is checked through the real
// parser, checker and fs loader, and its text rendering compared with expected.txt.
// To accept a deliberate change: `npm run gen`, then review the diff.
import { describe, expect, it } from "vitest";
import { listDiagnosticCases, readExpected, runCase } from "../scripts/diagnostic-cases.js";

describe("golden diagnostics", () => {
  for (const c of listDiagnosticCases()) {
    it(c.code, () => {
      const expected = readExpected(c);
      const actual = runCase(c);
      expect(expected, `${c.code} has no expected.txt; check the output, then run \`npm run gen\``).toBeDefined();
      expect(actual.snapshot).toBe(expected);
    });
  }
});
