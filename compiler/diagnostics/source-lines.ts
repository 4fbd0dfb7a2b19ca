// Rendering support: turns the offsets of a Span into 1-based lines and columns, and a
// source line into display text (tabs expanded, control characters made visible) with a
// map from UTF-16 columns to terminal columns. Used by render-text.ts and render-json.ts.
import { lineColumnAt, lineStarts, type LineColumn, type SourceFile, type Span } from "../source.js";

export const TAB_WIDTH = 4;

/** A source file with its line table, built once per render. */
export interface IndexedFile {
  readonly path: string;
  readonly text: string;
  readonly starts: readonly number[];
}

export interface SpanPosition {
  readonly start: LineColumn;
  /** Exclusive end. A span whose last character is a newline ends on that newline's line. */
  readonly end: LineColumn;
}

export function indexFiles(files: readonly SourceFile[]): ReadonlyMap<string, IndexedFile> {
  const byPath = new Map<string, IndexedFile>();
  for (const f of files) byPath.set(f.path, { path: f.path, text: f.text, starts: lineStarts(f.text) });
  return byPath;
}

/**
 * Lines and columns of a span. An empty span at the very end of the file is moved back
 * over trailing whitespace, so "unexpected end of file" points after the last token
 * rather than at a line past the end that no editor shows.
 */
export function locateSpan(file: IndexedFile, span: Span): SpanPosition {
  const text = file.text;
  let start = clamp(span.start, 0, text.length);
  let end = clamp(span.end, start, text.length);
  if (start === end && start === text.length) {
    while (start > 0 && /\s/.test(text[start - 1])) start--;
    end = start;
  }
  const startLc = lineColumnAt(file.starts, start);
  if (end === start) return { start: startLc, end: startLc };
  const last = lineColumnAt(file.starts, end - 1);
  return { start: startLc, end: { line: last.line, column: last.column + 1 } };
}

export function lineCount(file: IndexedFile): number {
  return file.starts.length;
}

/** The text of a 1-based line, without its line terminator. */
export function lineText(file: IndexedFile, line: number): string {
  const from = file.starts[line - 1] ?? file.text.length;
  const next = file.starts[line];
  let to = next === undefined ? file.text.length : next - 1;
  if (to > from && file.text.charCodeAt(to - 1) === 13) to--;
  return file.text.slice(from, to);
}

/** A line as it is printed, and where each UTF-16 column of the source lands on screen. */
export interface DisplayLine {
  readonly text: string;
  /** Terminal column (0-based) of a 1-based UTF-16 source column; past the end it extends by one per unit. */
  displayColumn(column: number): number;
}

export function displayLine(source: string): DisplayLine {
  const cols: number[] = new Array(source.length + 1);
  let out = "";
  let col = 0;
  let i = 0;
  while (i < source.length) {
    const cp = source.codePointAt(i)!;
    const units = cp > 0xffff ? 2 : 1;
    for (let u = 0; u < units; u++) cols[i + u] = col;
    if (cp === 9) {
      const width = TAB_WIDTH - (col % TAB_WIDTH);
      out += " ".repeat(width);
      col += width;
    } else if (cp < 32 || cp === 127) {
      out += "\uFFFD";
      col += 1;
    } else {
      out += String.fromCodePoint(cp);
      col += charWidth(cp);
    }
    i += units;
  }
  cols[source.length] = col;
  return {
    text: out,
    displayColumn(column: number): number {
      const idx = column - 1;
      if (idx <= 0) return 0;
      if (idx <= source.length) return cols[idx];
      return col + (idx - source.length);
    },
  };
}

/** Terminal width of a code point: 0 for combining marks, 2 for East Asian wide and emoji, else 1. */
export function charWidth(cp: number): number {
  if ((cp >= 0x0300 && cp <= 0x036f) || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0xfe00 && cp <= 0xfe0f)) return 0;
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  ) {
    return 2;
  }
  return 1;
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, n));
}
