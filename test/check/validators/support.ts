// Helpers for the validator and organism-structure check tests: parse real Smalt source
// with the real parser (refusing syntax errors, so a test never checks a half-built tree),
// pick a declaration, and render diagnostics compactly with the source text under each span.
import { expect } from "vitest";
import type { Diagnostic } from "../../../compiler/diagnostics/diagnostic.js";
import type { OrganismDecl, ValidatorDecl } from "../../../compiler/syntax/ast.js";
import { parse } from "../../../compiler/syntax/parse.js";

export const HEX32 = "11".repeat(32);
export const HEX48 = "aa".repeat(48);

export function parseDecl<K extends "ValidatorDecl" | "OrganismDecl">(
  text: string,
  kind: K,
): { text: string; decl: K extends "ValidatorDecl" ? ValidatorDecl : OrganismDecl } {
  const r = parse({ path: "t.smalt", text });
  expect(r.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([]);
  const decl = r.value.decls.find((d) => d.kind === kind);
  if (!decl) throw new Error(`no ${kind} in test source`);
  return { text, decl: decl as K extends "ValidatorDecl" ? ValidatorDecl : OrganismDecl };
}

/** `CODE message @ "text under the primary span"` — with secondary spans as `[+ "text"]`. */
export function render(text: string, diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => {
    const under = JSON.stringify(text.slice(d.primary.span.start, d.primary.span.end));
    const secondary = d.secondary.map((s) => ` [+ ${JSON.stringify(text.slice(s.span.start, s.span.end))}]`).join("");
    return `${d.code} ${d.message} @ ${under}${secondary}`;
  });
}

/** Every diagnostic is well-formed: one-line message, a help text, spans inside the file. */
export function expectWellFormed(text: string, diagnostics: readonly Diagnostic[]): void {
  for (const d of diagnostics) {
    expect(d.severity).toBe("error");
    expect(d.message).not.toMatch(/\n/);
    expect(d.help ?? "").not.toBe("");
    for (const s of [d.primary.span, ...d.secondary.map((l) => l.span)]) {
      expect(s.file).toBe("t.smalt");
      expect(s.start).toBeLessThan(s.end);
      expect(s.end).toBeLessThanOrEqual(text.length);
    }
  }
}
