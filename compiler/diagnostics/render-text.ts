// Human rendering of diagnostics, Elm/Gleam/rustc style: a one-line headline, the
// location, the source with the primary span underlined `^^^` and secondary spans `---`,
// then `help:`. A pure function of (diagnostics, source files, options): the caller
// decides colour; output is otherwise byte-for-byte deterministic (golden files rely on it).
import type { SourceFile } from "../source.js";
import { sortDiagnostics, type Diagnostic, type Label } from "./diagnostic.js";
import { indexFiles, locateSpan, type IndexedFile, type SpanPosition } from "./source-lines.js";
import { layoutSection, type Row, type SectionLabel } from "./text-layout.js";

export interface TextRenderOptions {
  /** ANSI colours; the CLI passes true only when stdout is a terminal. */
  readonly color?: boolean;
  /** Print the closing "2 errors in 1 file" line (default true). */
  readonly summary?: boolean;
}

type Style = "error" | "warning" | "secondary" | "gutter" | "bold" | "help";

const ANSI: Record<Style, string> = {
  error: "1;31",
  warning: "1;33",
  secondary: "1;34",
  gutter: "1;34",
  bold: "1",
  help: "1;36",
};

export function renderText(diagnostics: readonly Diagnostic[], files: readonly SourceFile[], options: TextRenderOptions = {}): string {
  if (diagnostics.length === 0) return "";
  const paint = painter(options.color ?? false);
  const indexed = indexFiles(files);
  const blocks = sortDiagnostics(diagnostics).map((d) => renderOne(d, indexed, paint));
  if (options.summary ?? true) blocks.push(paint("bold", summaryLine(diagnostics)));
  return blocks.join("\n\n") + "\n";
}

/** "1 error in 1 file", "2 errors and 1 warning in 2 files", "no problems". */
export function summaryLine(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.length - errors;
  if (diagnostics.length === 0) return "no problems";
  const files = new Set(diagnostics.map((d) => d.primary.span.file)).size;
  const parts: string[] = [];
  if (errors > 0) parts.push(plural(errors, "error"));
  if (warnings > 0) parts.push(plural(warnings, "warning"));
  return `${parts.join(" and ")} in ${plural(files, "file")}`;
}

export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

type Paint = (style: Style, text: string) => string;

function painter(color: boolean): Paint {
  return color ? (style, text) => (text === "" ? text : `\x1b[${ANSI[style]}m${text}\x1b[0m`) : (_style, text) => text;
}

interface Section {
  readonly file: IndexedFile;
  readonly labels: readonly SectionLabel[];
}

function renderOne(d: Diagnostic, files: ReadonlyMap<string, IndexedFile>, paint: Paint): string {
  const severityStyle: Style = d.severity === "error" ? "error" : "warning";
  const out: string[] = [`${paint(severityStyle, `${d.severity}[${d.code}]`)}${paint("bold", `: ${d.message}`)}`];
  const sections = sectionsOf(d, files);
  const laidOut = sections.map((s) => ({ section: s, rows: layoutSection(s.file, s.labels) }));
  const width = Math.max(1, ...laidOut.flatMap((l) => l.rows.map((r) => (r.line === undefined ? 0 : String(r.line).length))));
  const pad = " ".repeat(width);
  const primaryFile = files.get(d.primary.span.file);
  if (!primaryFile) out.push(`${pad}${paint("gutter", "-->")} ${d.primary.span.file} (offset ${d.primary.span.start})`);
  for (const [i, { section, rows }] of laidOut.entries()) {
    const first = section.labels.find((l) => l.primary) ?? section.labels[0];
    const arrow = i === 0 && primaryFile ? "-->" : ":::";
    out.push(`${pad}${paint("gutter", arrow)} ${section.file.path}:${first.pos.start.line}:${first.pos.start.column}`);
    out.push(paint("gutter", `${pad} |`));
    for (const row of rows) out.push(renderRow(row, width, paint, severityStyle));
  }
  if (d.help !== undefined) {
    if (laidOut.length > 0) out.push(paint("gutter", `${pad} |`));
    out.push(`${paint("help", "help")}: ${d.help.split("\n").join("\n      ")}`);
  }
  return out.join("\n");
}

/**
 * Groups labels by file (the primary's file first). Each section holds at most one
 * multi-line label, so the layout needs a single "lane" for its connecting bar; a second
 * multi-line label in the same file gets a section of its own.
 */
function sectionsOf(d: Diagnostic, files: ReadonlyMap<string, IndexedFile>): Section[] {
  const sections: { file: IndexedFile; labels: SectionLabel[]; multi: boolean }[] = [];
  const place = (label: Label, primary: boolean) => {
    const file = files.get(label.span.file);
    if (!file) return;
    const pos: SpanPosition = locateSpan(file, label.span);
    const multi = pos.start.line !== pos.end.line;
    const target = sections.find((s) => s.file === file && !(multi && s.multi));
    const item: SectionLabel = { pos, primary, message: label.message };
    if (target) {
      target.labels.push(item);
      target.multi ||= multi;
    } else sections.push({ file, labels: [item], multi });
  };
  place(d.primary, true);
  for (const s of d.secondary) place(s, false);
  return sections;
}

function renderRow(row: Row, width: number, paint: Paint, primaryStyle: Style): string {
  if (row.kind === "ellipsis") return paint("gutter", "...");
  const gutter = row.line === undefined ? `${" ".repeat(width)} |` : `${String(row.line).padStart(width)} |`;
  const body = row.segments
    .map((s) => (s.style === "primary" ? paint(primaryStyle, s.text) : s.style === "secondary" ? paint("secondary", s.text) : s.text))
    .join("");
  return body === "" ? paint("gutter", gutter) : `${paint("gutter", gutter)} ${body}`;
}
