// Diagnostics as data: built where a problem is found, worded by the code table,
// laid out only by the renderers. Stages return { value, diagnostics }.
import type { Span } from "../source.js";

export type Severity = "error" | "warning";

export interface Label {
  readonly span: Span;
  readonly message?: string;
}

export interface Diagnostic {
  readonly code: string; // stable, e.g. "E1001"; see codes.ts
  readonly severity: Severity;
  readonly message: string; // one line
  readonly primary: Label;
  readonly secondary: readonly Label[];
  readonly help?: string;
}

export interface Result<T> {
  readonly value: T;
  readonly diagnostics: readonly Diagnostic[];
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

/** Sort by file, then position, then code: the order every renderer prints. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      cmp(a.primary.span.file, b.primary.span.file) ||
      a.primary.span.start - b.primary.span.start ||
      a.primary.span.end - b.primary.span.end ||
      cmp(a.code, b.code) ||
      cmp(a.message, b.message),
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
