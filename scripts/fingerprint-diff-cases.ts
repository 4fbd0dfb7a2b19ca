// Golden cases of the fingerprint and diff stages, shared by their tests and by
// `npm run gen` (accept-goldens.ts):
// - test/cases/fingerprint/<example>/expected.json: `smalt fingerprint --json` of every
//   example under examples/<example>/;
// - test/cases/diff/<case>/{old,new}(.smalt or folder) with expected.txt (the changed lines
//   echoed, then the human report) and expected.json (the JSON report).
// Everything runs in-process from the case folder, so paths in the output are short.
import fs from "node:fs";
import path from "node:path";
import { checkFiles } from "../cli/check.js";
import { findSmaltFiles } from "../cli/files.js";
import { diffPrograms, type DiffInput } from "../compiler/diff/diff-program.js";
import { renderDiffText } from "../compiler/diff/render-diff-text.js";
import { fingerprintProgram } from "../compiler/fingerprint/fingerprint-program.js";
import { fingerprintsToJson } from "../compiler/fingerprint/render-fingerprints.js";

const ROOT = path.resolve(import.meta.dirname, "..");
export const EXAMPLES_DIR = path.join(ROOT, "examples");
export const FINGERPRINT_CASES_DIR = path.join(ROOT, "test", "cases", "fingerprint");
export const DIFF_CASES_DIR = path.join(ROOT, "test", "cases", "diff");

export interface GoldenFile {
  readonly file: string; // absolute path of the expected file
  readonly actual: string; // what it must contain
}

const sortedDirs = (dir: string) =>
  fs.existsSync(dir)
    ? fs
        .readdirSync(dir, { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => e.name)
        .sort()
    : [];

/** Every example folder that holds .smalt files, by name. */
export function listExamples(): string[] {
  return sortedDirs(EXAMPLES_DIR).filter((name) => fs.readdirSync(path.join(EXAMPLES_DIR, name)).some((f) => f.endsWith(".smalt")));
}

/** The fingerprint JSON of one example (all its .smalt files as one program). */
export function fingerprintExample(name: string): string {
  const dir = path.join(EXAMPLES_DIR, name);
  const selection = findSmaltFiles([dir], ROOT);
  if (!selection.ok) throw new Error(selection.message);
  const run = checkFiles(selection.files, ROOT);
  if (!run.program) throw new Error(`example ${name} does not check: ${run.diagnostics[0]?.message ?? "?"}`);
  const fp = fingerprintProgram(run.program.modules, { entries: run.program.graph.entries });
  return JSON.stringify(fingerprintsToJson(fp), null, 2) + "\n";
}

export function fingerprintGoldens(): GoldenFile[] {
  return listExamples().map((name) => ({ file: path.join(FINGERPRINT_CASES_DIR, name, "expected.json"), actual: fingerprintExample(name) }));
}

export function listDiffCases(): string[] {
  return sortedDirs(DIFF_CASES_DIR);
}

/** `old.smalt` or the folder `old/` (likewise `new`), relative to the case folder. */
function versionPath(dir: string, which: "old" | "new"): string {
  return fs.existsSync(path.join(dir, `${which}.smalt`)) ? `${which}.smalt` : which;
}

function load(dir: string, given: string): DiffInput {
  const selection = findSmaltFiles([given], dir);
  if (!selection.ok) throw new Error(selection.message);
  const run = checkFiles(selection.files, dir);
  if (!run.program) throw new Error(`${given} in ${dir} does not check: ${run.diagnostics[0]?.message ?? "?"}`);
  return { label: given, modules: run.program.modules, entries: run.program.graph.entries, sources: run.sources };
}

export interface DiffCaseOutput {
  readonly text: string;
  readonly json: string;
  readonly changed: boolean;
}

export function runDiffCase(name: string): DiffCaseOutput {
  const dir = path.join(DIFF_CASES_DIR, name);
  const [o, n] = [versionPath(dir, "old"), versionPath(dir, "new")];
  const report = diffPrograms(load(dir, o), load(dir, n));
  const echo = changedLines(dir, o, n);
  return { text: `----- CHANGE\n${echo}----- REPORT\n${renderDiffText(report)}`, json: JSON.stringify(report, null, 2) + "\n", changed: report.changed };
}

export function diffGoldens(): GoldenFile[] {
  return listDiffCases().flatMap((name) => {
    const out = runDiffCase(name);
    const dir = path.join(DIFF_CASES_DIR, name);
    return [
      { file: path.join(dir, "expected.txt"), actual: out.text },
      { file: path.join(dir, "expected.json"), actual: out.json },
    ];
  });
}

/** The input echoed as a line diff of each file pair (`-` old, `+` new, two lines of context). */
function changedLines(dir: string, o: string, n: string): string {
  const files = (p: string) => {
    const abs = path.join(dir, p);
    if (fs.statSync(abs).isFile()) return new Map([["", fs.readFileSync(abs, "utf8")]]);
    const sel = findSmaltFiles([abs], abs);
    return new Map(sel.ok ? sel.files.map((f) => [path.relative(abs, f).split(path.sep).join("/"), fs.readFileSync(f, "utf8")] as const) : []);
  };
  const [a, b] = [files(o), files(n)];
  let out = "";
  for (const f of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    const [x, y] = [a.get(f) ?? "", b.get(f) ?? ""];
    if (x === y) continue;
    out += `-- ${f === "" ? `${o} -> ${n}` : `${o}/${f} -> ${n}/${f}`}\n${lineDiff(x.split("\n"), y.split("\n"))}`;
  }
  return out === "" ? "(the files are identical)\n" : out;
}

function lineDiff(a: readonly string[], b: readonly string[]): string {
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) for (let j = b.length - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const ops: [" " | "-" | "+", string][] = [];
  let [i, j] = [0, 0];
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) ops.push([" ", a[i++]]), j++;
    else if (i < a.length && (j === b.length || lcs[i + 1][j] >= lcs[i][j + 1])) ops.push(["-", a[i++]]);
    else ops.push(["+", b[j++]]);
  }
  const keep = ops.map((_, k) => ops.slice(Math.max(0, k - 2), k + 3).some(([op]) => op !== " "));
  let out = "";
  ops.forEach(([op, line], k) => {
    if (keep[k]) out += `${op} ${line}`.trimEnd() + "\n";
    else if (keep[k - 1]) out += "  …\n";
  });
  return out;
}

/** Writes every golden file whose content differs; returns the files written. */
export function acceptGoldens(goldens: readonly GoldenFile[]): string[] {
  const written: string[] = [];
  for (const g of goldens) {
    if (fs.existsSync(g.file) && fs.readFileSync(g.file, "utf8") === g.actual) continue;
    fs.mkdirSync(path.dirname(g.file), { recursive: true });
    fs.writeFileSync(g.file, g.actual);
    written.push(path.relative(ROOT, g.file));
  }
  return written;
}
