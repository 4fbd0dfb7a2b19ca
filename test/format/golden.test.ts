// Golden formatter cases: each test/cases/format/<name>/input.smalt formats to its
// expected.smalt (which is itself already canonical), or is refused as expected.refused says.
// To accept deliberate changes: `SMALT_ACCEPT=1 npx vitest run test/format/golden.test.ts`,
// then review the diff.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { format } from "../../compiler/format/format.js";
import { EXPECTED_REFUSAL, EXPECTED_TEXT, listFormatCases, readExpected, runFormatCase } from "./format-cases.js";

const accept = process.env.SMALT_ACCEPT === "1";

describe("golden formatter cases", () => {
  const cases = listFormatCases();

  it("has at least ten cases, refusals among them", () => {
    expect(cases.length).toBeGreaterThanOrEqual(10);
    expect(cases.some((c) => fs.existsSync(path.join(c.dir, EXPECTED_REFUSAL)))).toBe(true);
  });

  for (const c of cases) {
    it(c.name, () => {
      const actual = runFormatCase(c);
      if (accept) {
        for (const stale of [EXPECTED_TEXT, EXPECTED_REFUSAL]) fs.rmSync(path.join(c.dir, stale), { force: true });
        fs.writeFileSync(path.join(c.dir, actual.file), actual.snapshot);
      }
      const expected = readExpected(c, actual.file);
      expect(expected, `${c.name}: no ${actual.file}; check the output, then accept it (SMALT_ACCEPT=1)`).toBeDefined();
      expect(actual.snapshot).toBe(expected);
      if (actual.file === EXPECTED_TEXT) {
        // The expected text is a fixed point: formatting it changes nothing.
        expect(format({ path: EXPECTED_TEXT, text: actual.snapshot }).value).toBe(actual.snapshot);
      }
    });
  }
});
