// Boundary types shared by every stage: source files and half-open UTF-16 spans.
// Lines and columns exist only when rendering (see diagnostics/render-*.ts).

export interface SourceFile {
  readonly path: string;
  readonly text: string;
}

/** Half-open range [start, end) of UTF-16 offsets into one SourceFile's text. */
export interface Span {
  readonly file: string;
  readonly start: number;
  readonly end: number;
}

export function span(file: string, start: number, end: number): Span {
  return { file, start, end };
}

/** The smallest span covering both. Both must be in the same file. */
export function joinSpans(a: Span, b: Span): Span {
  return { file: a.file, start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}

export interface LineColumn {
  readonly line: number; // 1-based
  readonly column: number; // 1-based, in UTF-16 code units
}

/** Offsets of the first character of every line of `text`. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

export function lineColumnAt(starts: readonly number[], offset: number): LineColumn {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo] + 1 };
}
