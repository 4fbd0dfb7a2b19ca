// Golden emitted code: every case under test/cases/emit/<case>/ is checked and emitted, and
// the result must equal expected.ts (the input echoed as a comment, then each organism's
// module). SMALT_ACCEPT=1 rewrites the expected files; review them in `git diff`.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import os from "node:os";
import { checkFiles } from "../../cli/check.js";
import { emit } from "../../compiler/emit/emit.js";
import { CASES_DIR, caseInput, checkSourceFile, emitAll, goldenText, listCases, ROOT } from "./support/cases.js";

const accept = process.env.SMALT_ACCEPT === "1";

describe("emitted code matches the golden files", () => {
  const cases = listCases();

  it("has cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(4);
  });

  for (const name of cases) {
    it(name, async () => {
      const modules = await emitAll(checkSourceFile(caseInput(name)));
      expect(modules.length).toBeGreaterThan(0);
      const actual = goldenText(name, modules);
      const file = path.join(CASES_DIR, name, "expected.ts");
      if (accept) fs.writeFileSync(file, actual);
      expect(fs.existsSync(file), `${file} is missing; run with SMALT_ACCEPT=1`).toBe(true);
      expect(actual).toBe(fs.readFileSync(file, "utf8"));
    });
  }

  it("emits the same text twice, whatever folder module paths are relative to", async () => {
    for (const name of ["auction", "registry"]) {
      const [a] = await emitAll(checkSourceFile(caseInput(name)));
      for (const cwd of [ROOT, os.tmpdir()]) {
        const run = checkFiles([caseInput(name)], cwd);
        const organism = run.program!.modules.flatMap((m) => m.organisms)[0];
        const b = await emit(run.program!, organism);
        expect(b.text).toBe(a.text);
        expect(b.fingerprints).toEqual(a.fingerprints);
        expect(b.schemas).toEqual(a.schemas);
      }
    }
  });
});
