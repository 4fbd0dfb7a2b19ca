// Machine rendering of diagnostics for editors and CI: a JSON array, sorted like
// sortDiagnostics, with a fixed key order and 1-based lines and columns (UTF-16 units;
// `end` is exclusive). A pure function of (diagnostics, source files).
import type { SourceFile, Span } from "../source.js";
import { sortDiagnostics, type Diagnostic } from "./diagnostic.js";
import { indexFiles, locateSpan, type IndexedFile } from "./source-lines.js";

export interface JsonPosition {
  readonly line: number;
  readonly column: number;
}

export interface JsonRelated {
  readonly file: string;
  readonly start: JsonPosition;
  readonly end: JsonPosition;
  readonly message: string | null;
}

/** One diagnostic; every key is always present, in this order. */
export interface JsonDiagnostic {
  readonly code: string;
  readonly severity: "error" | "warning";
  readonly message: string;
  readonly file: string;
  readonly start: JsonPosition;
  readonly end: JsonPosition;
  readonly help: string | null;
  /** The text under the primary span, if any. */
  readonly label: string | null;
  /** Secondary labels, in the order the diagnostic lists them. */
  readonly related: readonly JsonRelated[];
}

export function toJsonDiagnostics(diagnostics: readonly Diagnostic[], files: readonly SourceFile[]): JsonDiagnostic[] {
  const indexed = indexFiles(files);
  return sortDiagnostics(diagnostics).map((d) => {
    const where = positions(indexed, d.primary.span);
    return {
      code: d.code,
      severity: d.severity,
      message: d.message,
      file: d.primary.span.file,
      start: where.start,
      end: where.end,
      help: d.help ?? null,
      label: d.primary.message ?? null,
      related: d.secondary.map((s) => ({ file: s.span.file, ...positions(indexed, s.span), message: s.message ?? null })),
    };
  });
}

/** The JSON text: pretty-printed with two spaces, ending in a newline. */
export function renderJson(diagnostics: readonly Diagnostic[], files: readonly SourceFile[]): string {
  return JSON.stringify(toJsonDiagnostics(diagnostics, files), null, 2) + "\n";
}

/**
 * Positions of a span; a span in a file the caller did not supply (a bug upstream, but
 * not worth losing the diagnostic over) is reported at line 1, column 1.
 */
function positions(files: ReadonlyMap<string, IndexedFile>, span: Span): { start: JsonPosition; end: JsonPosition } {
  const file = files.get(span.file);
  if (!file) return { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };
  const { start, end } = locateSpan(file, span);
  return { start: { line: start.line, column: start.column }, end: { line: end.line, column: end.column } };
}
