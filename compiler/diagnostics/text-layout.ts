// Layout of one source snippet for render-text.ts: which lines to show, and the rows of
// underlines and label messages beneath them, as styled segments without colour codes.
// Invariant relied on: a section holds at most one multi-line label (one "lane").
import { displayLine, lineText, type DisplayLine, type IndexedFile, type SpanPosition } from "./source-lines.js";

export interface SectionLabel {
  readonly pos: SpanPosition;
  readonly primary: boolean;
  readonly message?: string;
}

export type MarkStyle = "primary" | "secondary";

export interface Segment {
  readonly text: string;
  readonly style?: MarkStyle;
}

/** A source line (with its number), a row of marks under it, or `...` for skipped lines. */
export interface Row {
  readonly kind: "source" | "marks" | "ellipsis";
  readonly line?: number;
  readonly segments: readonly Segment[];
}

/** Multi-line spans longer than this show their first and last two lines only. */
const MAX_FULL_SPAN_LINES = 6;

interface Mark {
  readonly from: number; // display columns, half-open
  readonly to: number;
  readonly style: MarkStyle;
  readonly message?: string;
}

interface Cell {
  ch: string;
  style?: MarkStyle;
}

export function layoutSection(file: IndexedFile, labels: readonly SectionLabel[]): Row[] {
  const multi = labels.find((l) => l.pos.start.line !== l.pos.end.line);
  const singles = labels.filter((l) => l !== multi);
  const rows: Row[] = [];
  let previous: number | undefined;
  for (const line of linesToShow(singles, multi)) {
    if (previous !== undefined && line > previous + 1) rows.push({ kind: "ellipsis", segments: [] });
    previous = line;
    const shown = displayLine(lineText(file, line));
    const laneStyle = multi ? styleOf(multi) : undefined;
    const inBar = multi !== undefined && line > multi.pos.start.line && line <= multi.pos.end.line;
    const lane = multi ? [{ ch: inBar ? "|" : " ", style: laneStyle }, { ch: " " }] : [];
    rows.push({ kind: "source", line, segments: toSegments([...lane, ...[...shown.text].map((ch) => ({ ch }))]) });

    const marks = singles.filter((l) => l.pos.start.line === line).map((l) => markOf(l, shown));
    if (multi && line === multi.pos.end.line) rows.push(endRow(multi, shown));
    // Marks under the span's first line come before its start row, so the bar is not drawn yet.
    const barBelow = multi !== undefined && line > multi.pos.start.line && line < multi.pos.end.line;
    const markLane = multi ? [{ ch: barBelow ? "|" : " ", style: laneStyle }, { ch: " " }] : [];
    for (const cells of markRows(marks)) rows.push({ kind: "marks", segments: toSegments([...markLane, ...cells]) });
    if (multi && line === multi.pos.start.line) rows.push(startRow(multi, shown));
  }
  return rows;
}

function linesToShow(singles: readonly SectionLabel[], multi: SectionLabel | undefined): number[] {
  const lines = new Set(singles.map((l) => l.pos.start.line));
  if (multi) {
    const { line: first } = multi.pos.start;
    const { line: last } = multi.pos.end;
    if (last - first < MAX_FULL_SPAN_LINES) for (let l = first; l <= last; l++) lines.add(l);
    else [first, first + 1, last - 1, last].forEach((l) => lines.add(l));
  }
  const sorted = [...lines].sort((a, b) => a - b);
  // A gap of exactly one line is cheaper to show than to elide.
  for (let i = 1; i < sorted.length; i++) if (sorted[i] === sorted[i - 1] + 2) lines.add(sorted[i] - 1);
  return [...lines].sort((a, b) => a - b);
}

function styleOf(label: SectionLabel): MarkStyle {
  return label.primary ? "primary" : "secondary";
}

function markChar(style: MarkStyle): string {
  return style === "primary" ? "^" : "-";
}

function markOf(label: SectionLabel, shown: DisplayLine): Mark {
  const from = shown.displayColumn(label.pos.start.column);
  const to = Math.max(from + 1, shown.displayColumn(label.pos.end.column));
  return { from, to, style: styleOf(label), message: label.message };
}

/**
 * Underlines for the single-line labels of one source line. The rightmost label's message
 * goes on the underline row; every other message hangs below its own mark on a `|`:
 *
 *     -   ^ rightmost message
 *     |
 *     left message
 */
function markRows(marks: readonly Mark[]): Cell[][] {
  if (marks.length === 0) return [];
  const sorted = [...marks].sort((a, b) => a.from - b.from || (a.style === b.style ? 0 : a.style === "primary" ? 1 : -1));
  const underline: Cell[] = [];
  // Secondary marks first so an overlapping primary mark wins.
  for (const m of [...sorted.filter((m) => m.style !== "primary"), ...sorted.filter((m) => m.style === "primary")]) {
    for (let c = m.from; c < m.to; c++) put(underline, c, markChar(m.style), m.style);
  }
  const rightmost = sorted[sorted.length - 1];
  if (rightmost.message) writeText(underline, underline.length + 1, rightmost.message, rightmost.style);
  const hanging = sorted.filter((m) => m !== rightmost && m.message);
  if (hanging.length === 0) return [underline];
  const rows: Cell[][] = [underline];
  const connectors: Cell[] = [];
  for (const m of hanging) put(connectors, m.from, "|", m.style);
  rows.push(connectors);
  for (let i = hanging.length - 1; i >= 0; i--) {
    const row: Cell[] = [];
    for (let j = 0; j < i; j++) put(row, hanging[j].from, "|", hanging[j].style);
    writeText(row, hanging[i].from, hanging[i].message!, hanging[i].style);
    rows.push(row);
  }
  return rows;
}

/** ` ______^` under the first line of a multi-line span, joining the lane to its start. */
function startRow(multi: SectionLabel, shown: DisplayLine): Row {
  const style = styleOf(multi);
  const col = shown.displayColumn(multi.pos.start.column);
  return { kind: "marks", segments: [{ text: " " }, { text: "_".repeat(col + 1) + markChar(style), style }] };
}

/** `|___^ message` under the last line of a multi-line span, at its last character. */
function endRow(multi: SectionLabel, shown: DisplayLine): Row {
  const style = styleOf(multi);
  const col = shown.displayColumn(multi.pos.end.column - 1);
  const message = multi.message ? ` ${multi.message}` : "";
  return { kind: "marks", segments: [{ text: `|${"_".repeat(col + 1)}${markChar(style)}${message}`, style }] };
}

function put(row: Cell[], col: number, ch: string, style?: MarkStyle): void {
  while (row.length < col) row.push({ ch: " " });
  row[col] = { ch, style };
}

function writeText(row: Cell[], col: number, text: string, style: MarkStyle): void {
  [...text].forEach((ch, i) => put(row, col + i, ch, style));
}

/** Joins cells into runs of one style, dropping trailing blanks (golden files keep no trailing spaces). */
function toSegments(cells: readonly Cell[]): Segment[] {
  let end = cells.length;
  while (end > 0 && /^\s*$/.test(cells[end - 1].ch)) end--;
  const segments: Segment[] = [];
  for (const cell of cells.slice(0, end)) {
    const last = segments[segments.length - 1];
    if (last && last.style === cell.style) segments[segments.length - 1] = { text: last.text + cell.ch, style: last.style };
    else segments.push({ text: cell.ch, style: cell.style });
  }
  return segments;
}
