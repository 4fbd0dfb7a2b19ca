// The code table and the golden cases cover each other exactly: every code in
// compiler/diagnostics/codes.ts has a case folder, every folder names a real code, and
// each case's input really produces the code it is named after.
import { describe, expect, it } from "vitest";
import { ALL_CODES } from "../compiler/diagnostics/codes.js";
import { listDiagnosticCases, runCase } from "../scripts/diagnostic-cases.js";

const cases = listDiagnosticCases();

describe("diagnostic code coverage", () => {
  it("every code has a golden case", () => {
    const folders = new Set(cases.map((c) => c.code));
    expect(ALL_CODES.filter((code) => !folders.has(code))).toEqual([]);
  });

  it("every golden case is named after a code", () => {
    const codes = new Set<string>(ALL_CODES);
    expect(cases.map((c) => c.code).filter((name) => !codes.has(name))).toEqual([]);
  });

  for (const c of cases) {
    it(`${c.code} is produced by its input`, () => {
      expect(runCase(c).codes).toContain(c.code);
    });
  }
});
