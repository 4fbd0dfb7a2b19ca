// Formatter properties over every real Smalt source (examples, stdlib, the all-constructs
// fixture) and every golden input: formatting is idempotent, keeps the token sequence and every
// comment, ignores whitespace changes its rules normalise, and reaches a fixed point from any
// layout at all. Seed: SMALT_PROP_SEED (default 42); runs per property and file:
// SMALT_PROP_RUNS, by default 100, scaled down for long files to about 3,000 source lines per
// property (at least 10): each run there rewrites hundreds of gaps at once, and parsing
// dominates the cost.
import fc from "fast-check";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { format } from "../../compiler/format/format.js";
import { corpusFiles } from "../support/corpus.js";
import { propertyRuns, propertySeed } from "../support/properties.js";
import { listFormatCases } from "./format-cases.js";
import { lexPieces, perturbKeepingLayout, relayout, sameImages, type Edit, type Piece } from "./perturb.js";

function settingsFor(text: string): fc.Parameters<unknown> {
  const lines = text.split("\n").length;
  return { seed: propertySeed(), numRuns: propertyRuns(Math.max(10, Math.min(100, Math.round(3000 / lines)))) };
}

interface Subject {
  readonly name: string;
  readonly text: string;
}

function subjects(): Subject[] {
  const root = path.resolve(import.meta.dirname, "..", "..");
  const corpus = corpusFiles().map((f) => ({ name: path.relative(root, f), text: fs.readFileSync(f, "utf8") }));
  const goldens = listFormatCases().map((c) => ({ name: `test/cases/format/${c.name}/input.smalt`, text: c.input }));
  return [...corpus, ...goldens];
}

const codeOf = (pieces: readonly Piece[]): Piece[] => pieces.filter((p) => !p.comment);
const commentsOf = (pieces: readonly Piece[]): string[] => pieces.filter((p) => p.comment).map((p) => p.image);

function formatted(name: string, text: string): string | undefined {
  return format({ path: name, text }).value;
}

const editArb: fc.Arbitrary<Edit> = fc.record({ apply: fc.boolean(), pick: fc.nat({ max: 5 }), size: fc.nat({ max: 3 }) });
const editsArb = fc.array(editArb, { minLength: 1, maxLength: 97 });

describe("formatter properties", () => {
  const all = subjects();

  it("has subjects: the corpus and the golden inputs", () => {
    expect(all.length).toBeGreaterThanOrEqual(10);
  });

  for (const s of all) {
    describe(s.name, () => {
      const result = format({ path: s.name, text: s.text });
      const out = result.value;
      const settings = settingsFor(s.text);

      if (out === undefined) {
        it("is refused only for syntax errors", () => {
          expect(result.diagnostics.length).toBeGreaterThan(0);
          for (const d of result.diagnostics) expect(d.code).toMatch(/^E0\d{3}$/);
        });
        return;
      }

      it("is idempotent, keeps the token sequence and every comment", () => {
        expect(formatted(s.name, out)).toBe(out);
        const before = lexPieces(s.text).pieces;
        const after = lexPieces(out);
        expect(after.clean).toBe(true);
        expect(sameImages(codeOf(after.pieces), codeOf(before))).toBe(true);
        expect(commentsOf(after.pieces)).toEqual(commentsOf(before));
        expect(out.endsWith("\n") && !out.endsWith("\n\n")).toBe(true);
        expect(out).not.toMatch(/[ \t]$/m);
      });

      it("ignores whitespace changes its rules normalise (perturbing the input)", () => {
        fc.assert(
          fc.property(editsArb, fc.boolean(), (edits, crlf) => {
            const perturbed = perturbKeepingLayout(s.text, edits, { crlf, canonical: false });
            expect(formatted(s.name, perturbed)).toBe(out);
          }),
          settings,
        );
      });

      it("ignores whitespace changes its rules normalise (perturbing the output)", () => {
        fc.assert(
          fc.property(editsArb, fc.boolean(), (edits, crlf) => {
            const perturbed = perturbKeepingLayout(out, edits, { crlf, canonical: true });
            expect(formatted(s.name, perturbed)).toBe(out);
          }),
          settings,
        );
      });

      it("reaches a fixed point with the same tokens and comments from any layout", () => {
        fc.assert(
          fc.property(fc.array(fc.nat({ max: 59 }), { minLength: 1, maxLength: 64 }), (choices) => {
            const laidOut = relayout(s.text, choices);
            const once = formatted(s.name, laidOut);
            expect(once).toBeDefined();
            expect(formatted(s.name, once as string)).toBe(once);
            const pieces = lexPieces(once as string).pieces;
            const original = lexPieces(s.text).pieces;
            expect(sameImages(codeOf(pieces), codeOf(original))).toBe(true);
            expect(commentsOf(pieces)).toEqual(commentsOf(original));
          }),
          settings,
        );
      });
    });
  }
});
