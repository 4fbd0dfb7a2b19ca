// Properties of the content encoding over every example (issue 3, acceptance): formatting,
// comments, blank lines and reordering order-irrelevant declarations keep every fingerprint;
// changing any literal in config, a validator, a measurement or a handler moves the content
// hash of the organism it belongs to (and a validator's own digest).
import fc from "fast-check";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { format } from "../../compiler/format/format.js";
import { toHex } from "../../compiler/fingerprint/bytes.js";
import type { ProgramFingerprints } from "../../compiler/fingerprint/fingerprint-program.js";
import { fingerprintsToJson } from "../../compiler/fingerprint/render-fingerprints.js";
import { EXAMPLES_DIR, listExamples } from "../../scripts/fingerprint-diff-cases.js";
import { checkText, fingerprintText } from "../support/fingerprint-source.js";
import { fingerprintProgram } from "../../compiler/fingerprint/fingerprint-program.js";
import { addCommentsAndBlankLines, literalSites, reorderDeclarations } from "./source-transforms.js";

const RUNS = 6;

function exampleText(name: string): { file: string; text: string } {
  const dir = path.join(EXAMPLES_DIR, name);
  const file = fs.readdirSync(dir).filter((f) => f.endsWith(".smalt"))[0];
  return { file, text: fs.readFileSync(path.join(dir, file), "utf8") };
}

/** Every identifier of the program, with each validator's full digest too. */
function everything(fp: ProgramFingerprints): unknown {
  return { json: fingerprintsToJson(fp), digests: fp.validators.map((v) => [v.name, toHex(v.digest)]) };
}

describe.each(listExamples())("example %s", (name) => {
  const { file, text } = exampleText(name);
  const expected = everything(fingerprintText(text, file));

  it("keeps every fingerprint when formatted", () => {
    const formatted = format({ path: file, text });
    expect(formatted.value).toBeDefined();
    expect(everything(fingerprintText(formatted.value as string, file))).toEqual(expected);
  });

  it("keeps every fingerprint under comments and blank lines", () => {
    fc.assert(
      fc.property(fc.nat(), (seed) => {
        expect(everything(fingerprintText(addCommentsAndBlankLines(text, seed), file))).toEqual(expected);
      }),
      { numRuns: RUNS },
    );
  });

  it("keeps every fingerprint when declarations, organism items and fields are reordered", () => {
    fc.assert(
      fc.property(fc.nat(), (seed) => {
        expect(everything(fingerprintText(reorderDeclarations(text, seed), file))).toEqual(expected);
      }),
      { numRuns: RUNS },
    );
  });

  it("moves the content hash when any literal of config, a validator, a measurement or a handler changes", () => {
    const base = fingerprintText(text, file);
    const sites = literalSites(text);
    let checked = 0;
    for (const site of sites) {
      const changed = checkText(site.mutate(), file);
      if (typeof changed === "string") continue; // the new value does not check (e.g. out of range)
      checked++;
      const fp = fingerprintProgram(changed.modules, { entries: changed.entries });
      const owner = site.owner;
      const where = `${site.where} at ${site.span.start}`;
      if ("organism" in owner) {
        const [a, b] = [base, fp].map((p) => p.organisms.find((o) => o.name === owner.organism));
        expect(toHex(b?.contentHash ?? new Uint8Array()), where).not.toBe(toHex(a?.contentHash ?? new Uint8Array()));
      } else {
        const [a, b] = [base, fp].map((p) => p.validators.find((v) => v.name === owner.validator));
        expect(toHex(b?.digest ?? new Uint8Array()), where).not.toBe(toHex(a?.digest ?? new Uint8Array()));
        for (const o of base.organisms.filter((x) => x.validators.some((v) => v.name === owner.validator))) {
          const after = fp.organisms.find((x) => x.name === o.name);
          expect(toHex(after?.contentHash ?? new Uint8Array()), `${where} (gating ${o.name})`).not.toBe(toHex(o.contentHash));
        }
      }
    }
    expect(checked).toBeGreaterThan(sites.length > 0 ? 0 : -1);
  });
});
