// Helpers for checker tests: run real Smalt source through the real parser and checker with
// an in-memory loader (std modules read from stdlib/), and show diagnostics compactly.
import fs from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import { checkProgram, type CheckedProgram } from "../../compiler/check/check-program.js";
import type { Diagnostic, Result } from "../../compiler/diagnostics/diagnostic.js";
import type { ModuleLoader, ModuleRequest } from "../../compiler/load.js";
import type { SourceFile } from "../../compiler/source.js";

const STDLIB = path.resolve(import.meta.dirname, "..", "..", "stdlib");

export const HEX32 = "ab".repeat(32);

/** Loads `import "./x.smalt"` from `files` (by spec) and `import std.x` from the real stdlib/. */
export function memoryLoader(files: Readonly<Record<string, string>> = {}, requests: ModuleRequest[] = []): ModuleLoader {
  return {
    load(req) {
      requests.push(req);
      if (req.kind === "file") {
        const text = files[req.spec];
        return text === undefined ? undefined : { path: req.spec.replace(/^\.\//, ""), text };
      }
      const file = path.join(STDLIB, ...req.path) + ".smalt";
      return fs.existsSync(file) ? { path: `std/${req.path.join("/")}.smalt`, text: fs.readFileSync(file, "utf8") } : undefined;
    },
  };
}

export function check(text: string, files: Readonly<Record<string, string>> = {}): Result<CheckedProgram | undefined> {
  const entry: SourceFile = { path: "main.smalt", text };
  return checkProgram([entry], memoryLoader(files));
}

/** `CODE message @ "source under the primary span"`, in diagnostic order. */
export function show(text: string, diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => {
    const under =
      d.primary.span.file === "main.smalt" ? ` @ ${JSON.stringify(text.slice(d.primary.span.start, d.primary.span.end))}` : ` @ ${d.primary.span.file}`;
    return `${d.code} ${d.message}${under}`;
  });
}

/** The checked program, failing the test with every diagnostic when there are any. */
export function ok(text: string, files: Readonly<Record<string, string>> = {}): CheckedProgram {
  const r = check(text, files);
  expect(show(text, r.diagnostics)).toEqual([]);
  if (!r.value) throw new Error("no program without diagnostics");
  return r.value;
}

/** The codes reported, in order. */
export function codes(text: string, files: Readonly<Record<string, string>> = {}): string[] {
  return check(text, files).diagnostics.map((d) => d.code);
}

/** The single diagnostic of the source, which must have `code`. */
export function only(text: string, code: string): Diagnostic {
  const r = check(text);
  expect(show(text, r.diagnostics)).toHaveLength(1);
  expect(r.diagnostics[0].code).toBe(code);
  expect(r.value).toBeUndefined();
  return r.diagnostics[0];
}

/** The source text under a diagnostic's primary span. */
export function under(text: string, d: Diagnostic): string {
  return text.slice(d.primary.span.start, d.primary.span.end);
}

/** Wraps handler statements in a minimal organism with state `n: u64`, `xs: list<u64, 8>`, `m: map<peer, u64, 16>`. */
export function organism(body: string, extra = ""): string {
  return `organism O {
  instance "test.o"
  committee 2 of 3
  state { n: u64 = 0, xs: list<u64, 8>, m: map<peer, u64, 16> }
  asset credits
  event Done { who: peer, amount: u64 }
${extra}
  on h(a: u64, p: peer) {
${body}
  }
}
`;
}
