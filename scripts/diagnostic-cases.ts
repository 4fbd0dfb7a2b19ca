// Golden diagnostic cases: test/cases/diagnostics/<CODE>/input.smalt (plus any files it
// imports) and expected.txt, the Gleam-style snapshot: the sources echoed, then the text
// rendering without colour. Shared by test/diagnostics-*.test.ts and accept-goldens.ts.
import fs from "node:fs";
import path from "node:path";
import { checkFiles } from "../cli/check.js";
import { renderText } from "../compiler/diagnostics/render-text.js";

export const CASES_DIR = path.resolve(import.meta.dirname, "..", "test", "cases", "diagnostics");
export const INPUT = "input.smalt";
export const EXPECTED = "expected.txt";

export interface DiagnosticCase {
  /** The folder name: the code the case demonstrates. */
  readonly code: string;
  readonly dir: string;
}

export interface CaseOutput {
  /** What expected.txt must contain. */
  readonly snapshot: string;
  /** Every code the check produced, sorted, without repeats. */
  readonly codes: readonly string[];
}

export function listDiagnosticCases(): DiagnosticCase[] {
  if (!fs.existsSync(CASES_DIR)) return [];
  return fs
    .readdirSync(CASES_DIR, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => ({ code: e.name, dir: path.join(CASES_DIR, e.name) }))
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/**
 * Checks the case's input.smalt through the real front end and fs loader, run from the
 * case folder so paths in the output are short and machine-independent.
 */
export function runCase(c: DiagnosticCase): CaseOutput {
  const run = checkFiles([path.join(c.dir, INPUT)], c.dir);
  const rendered = renderText(run.diagnostics, run.sources, { color: false });
  const sources = caseSources(c.dir)
    .map((name) => `-- ${name}\n${ensureNewline(fs.readFileSync(path.join(c.dir, name), "utf8"))}`)
    .join("\n");
  const snapshot = `----- SOURCE CODE\n${sources}\n----- DIAGNOSTICS\n${rendered === "" ? "(none)\n" : rendered}`;
  return { snapshot, codes: [...new Set(run.diagnostics.map((d) => d.code))].sort() };
}

export function readExpected(c: DiagnosticCase): string | undefined {
  const file = path.join(c.dir, EXPECTED);
  return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
}

/** input.smalt first, then the other .smalt files of the case (imported modules) by name. */
function caseSources(dir: string): string[] {
  const others = fs
    .readdirSync(dir)
    .filter((n) => n.endsWith(".smalt") && n !== INPUT)
    .sort();
  return [INPUT, ...others];
}

function ensureNewline(text: string): string {
  return text.endsWith("\n") ? text : text + "\n";
}
