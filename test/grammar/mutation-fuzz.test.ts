// Robustness: random token-level mutations of real policies never crash the front end.
// Every outcome is either a clean parse or diagnostics whose spans lie inside the file.
import fc from "fast-check";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { smaltLexer } from "../../grammar/tokens.js";
import { checkSource } from "../support/check-source.js";
import { corpusFiles } from "../support/corpus.js";
import { propertyRuns, propertySeed } from "../support/properties.js";

type Mutation = { op: "delete" | "duplicate" | "swap" | "replace"; at: number; with: number };

const vocabulary = ["{", "}", "(", ")", "=", "==", ",", ":", ".", "->", "0x1", "1", '"s"', "on", "let", "organism", "state", "if", "sender", "now", "while", "1.5", "<", ">", "[", "]"];

function mutate(text: string, mutations: readonly Mutation[]): string {
  const toks = smaltLexer.tokenize(text).tokens.map((t) => t.image);
  for (const m of mutations) {
    if (toks.length === 0) break;
    const i = m.at % toks.length;
    if (m.op === "delete") toks.splice(i, 1);
    else if (m.op === "duplicate") toks.splice(i, 0, toks[i]);
    else if (m.op === "swap" && i + 1 < toks.length) [toks[i], toks[i + 1]] = [toks[i + 1], toks[i]];
    else if (m.op === "replace") toks[i] = vocabulary[m.with % vocabulary.length];
  }
  return toks.join(" ");
}

const mutationArb = fc.array(
  fc.record({
    op: fc.constantFrom("delete", "duplicate", "swap", "replace"),
    at: fc.nat(),
    with: fc.nat(),
  }) as fc.Arbitrary<Mutation>,
  { minLength: 1, maxLength: 4 },
);

describe("token-level mutation fuzzing", () => {
  const files = corpusFiles();
  it("has a corpus", () => expect(files.length).toBeGreaterThan(0));
  for (const file of files) {
    it(`never crashes on mutations of ${path.relative(process.cwd(), file)}`, () => {
      const text = fs.readFileSync(file, "utf8");
      fc.assert(
        fc.property(mutationArb, (mutations) => {
          const mutated = mutate(text, mutations);
          const diagnostics = checkSource(file, mutated);
          for (const d of diagnostics) {
            expect(d.code).toMatch(/^E\d{4}$/);
            expect(d.primary.span.start).toBeGreaterThanOrEqual(0);
            expect(d.primary.span.end).toBeLessThanOrEqual(mutated.length);
          }
        }),
        { seed: propertySeed(), numRuns: propertyRuns(30) },
      );
    });
  }
});
