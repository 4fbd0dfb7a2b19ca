// `smalt test PATH… [--match TEXT]`: checks the files as one program, then runs every
// `test` block of the named files against the emitted organism on one in-memory replica,
// with the reference evaluator in lockstep (compiler/scenario/run-test.ts). Prints each
// test, and for a failure the step, its source, what was expected and what happened.
import type { CheckedProgram } from "../compiler/index.js";
import { hasErrors } from "../compiler/diagnostics/diagnostic.js";
import { indexFiles, locateSpan, type IndexedFile } from "../compiler/diagnostics/source-lines.js";
import { plural, renderText } from "../compiler/diagnostics/render-text.js";
import { emit } from "../compiler/emit/emit.js";
import type { EmittedApi } from "../compiler/emit/emitted-api.js";
import type { OrganismDef } from "../compiler/ir/declarations.js";
import { refKey } from "../compiler/ir/types.js";
import { loadEmitted } from "../compiler/scenario/load-emitted.js";
import { runTest, type TestOutcome } from "../compiler/scenario/run-test.js";
import { parseCommandArgs } from "./args.js";
import { checkFiles, type CheckRun } from "./check.js";
import { findSmaltFiles } from "./files.js";
import { EXIT, usageError, type Io } from "./io.js";
import { FileAccessError } from "./loader.js";

export async function runTestCommand(argv: readonly string[], io: Io): Promise<number> {
  const args = parseCommandArgs("test", argv, { match: { type: "string" } });
  if (!args.ok) return usageError(io, args.message, "test");
  const selection = findSmaltFiles(args.positionals, io.cwd);
  if (!selection.ok) return usageError(io, selection.message, "test");
  let run: CheckRun;
  try {
    run = checkFiles(selection.files, io.cwd);
  } catch (e) {
    if (e instanceof FileAccessError) return usageError(io, e.message, "test");
    throw e;
  }
  if (!run.program || hasErrors(run.diagnostics)) {
    io.err(renderText(run.diagnostics, run.sources, { color: io.errColor }));
    io.err("no tests run: the program has errors\n");
    return EXIT.problems;
  }
  const match = typeof args.flags.match === "string" ? args.flags.match : undefined;
  const files = indexFiles(run.sources);
  const organisms = new Organisms(run.program);
  let passed = 0;
  let failed = 0;
  for (const entry of run.entries) {
    const tests = (run.program.modules.find((m) => m.key === entry.path)?.tests ?? []).filter((t) => match === undefined || t.name.includes(match));
    if (tests.length === 0) continue;
    io.out(`${entry.path}\n`);
    for (const test of tests) {
      const { def, api } = await organisms.load(refKey(test.organism));
      const outcome = runTest(run.program.modules, def, api, test);
      io.out(describeOutcome(outcome, files.get(outcome.span.file), io.color));
      if (outcome.failure) failed++;
      else passed++;
    }
  }
  if (passed + failed === 0) {
    io.err(`no tests${match === undefined ? "" : ` matching "${match}"`} in ${plural(run.entries.length, "file")}\n`);
    return EXIT.problems;
  }
  io.out(`\n${plural(passed + failed, "test")}: ${passed} passed, ${failed} failed\n`);
  return failed > 0 ? EXIT.problems : EXIT.ok;
}

/** Emits, bundles and imports each organism once, when its first test needs it. */
class Organisms {
  private readonly loaded = new Map<string, Promise<{ def: OrganismDef; api: EmittedApi }>>();
  constructor(private readonly program: CheckedProgram) {}

  load(key: string): Promise<{ def: OrganismDef; api: EmittedApi }> {
    let p = this.loaded.get(key);
    if (!p) {
      const def = this.program.modules.flatMap((m) => m.organisms).find((o) => refKey(o.ref) === key);
      if (!def) throw new Error(`internal error: no organism ${key}`);
      p = emit(this.program, def).then(async (m) => ({ def, api: await loadEmitted(m) }));
      this.loaded.set(key, p);
    }
    return p;
  }
}

function describeOutcome(o: TestOutcome, file: IndexedFile | undefined, color: boolean): string {
  const paint = (code: string, s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  if (!o.failure) return `  ${paint("32", "✓")} ${o.name} ${paint("2", `(${o.organism}, ${plural(o.steps, "step")})`)}\n`;
  const f = o.failure;
  const where = file ? locateSpan(file, f.span).start : undefined;
  const at = where ? `${f.span.file}:${where.line}:${where.column}` : f.span.file;
  const source = file ? file.text.slice(f.span.start, f.span.end).replace(/\s+/g, " ").trim() : "";
  const lines = [
    `  ${paint("31", "✗")} ${o.name} ${paint("2", `(${o.organism})`)}`,
    `      step ${f.step} at ${at}`,
    ...(source ? [`        ${source}`] : []),
    `      expected: ${f.expected}`,
    `      actual:   ${f.actual}`,
    ...(f.disagreement ? ["      the emitted code and the reference evaluator disagree: this is a bug in smalt, please report it"] : []),
  ];
  return `${lines.join("\n")}\n`;
}
