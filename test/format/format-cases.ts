// Golden formatter cases: test/cases/format/<name>/input.smalt and either expected.smalt
// (the canonical text) or expected.refused (the file has syntax errors: one line per
// diagnostic, `CODE line:column message`). Shared by the golden and property tests.
import fs from "node:fs";
import path from "node:path";
import type { Diagnostic } from "../../compiler/diagnostics/diagnostic.js";
import { format } from "../../compiler/format/format.js";
import { lineColumnAt, lineStarts } from "../../compiler/source.js";

export const CASES_DIR = path.resolve(import.meta.dirname, "..", "cases", "format");
export const INPUT = "input.smalt";
export const EXPECTED_TEXT = "expected.smalt";
export const EXPECTED_REFUSAL = "expected.refused";

export interface FormatCase {
  readonly name: string;
  readonly dir: string;
  readonly input: string;
}

export function listFormatCases(): FormatCase[] {
  if (!fs.existsSync(CASES_DIR)) return [];
  return fs
    .readdirSync(CASES_DIR, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort()
    .map((name) => {
      const dir = path.join(CASES_DIR, name);
      return { name, dir, input: fs.readFileSync(path.join(dir, INPUT), "utf8") };
    });
}

/** What the case's expected file must hold, and which file that is. */
export function runFormatCase(c: FormatCase): { file: string; snapshot: string } {
  const result = format({ path: INPUT, text: c.input });
  if (result.value !== undefined) return { file: EXPECTED_TEXT, snapshot: result.value };
  return { file: EXPECTED_REFUSAL, snapshot: refusalSnapshot(c.input, result.diagnostics) };
}

export function readExpected(c: FormatCase, file: string): string | undefined {
  const p = path.join(c.dir, file);
  return fs.existsSync(p) ? fs.readFileSync(p, "utf8") : undefined;
}

export function refusalSnapshot(text: string, diagnostics: readonly Diagnostic[]): string {
  const starts = lineStarts(text);
  return diagnostics
    .map((d) => {
      const { line, column } = lineColumnAt(starts, d.primary.span.start);
      return `${d.code} ${line}:${column} ${d.message}\n`;
    })
    .join("");
}
