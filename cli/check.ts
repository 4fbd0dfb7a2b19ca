// `smalt check PATH… [--format text|json] [--costs]`: reads the files, runs the compiler's
// checkProgram with the file-system loader, prints diagnostics (and the cost table).
import { checkProgram, type CheckedProgram, type Diagnostic, type SourceFile } from "../compiler/index.js";
import { hasErrors } from "../compiler/diagnostics/diagnostic.js";
import { toJsonDiagnostics } from "../compiler/diagnostics/render-json.js";
import { plural, renderText } from "../compiler/diagnostics/render-text.js";
import { parseCommandArgs } from "./args.js";
import { costsToJson, formatCostTable } from "./cost-table.js";
import { findSmaltFiles } from "./files.js";
import { EXIT, usageError, type Io } from "./io.js";
import { createFsLoader, FileAccessError } from "./loader.js";

export interface CheckRun {
  /** The files named on the command line, in order. */
  readonly entries: readonly SourceFile[];
  /** Entries and every module they import: what the renderers need. */
  readonly sources: readonly SourceFile[];
  readonly diagnostics: readonly Diagnostic[];
  /** Present when the program has no errors. */
  readonly program: CheckedProgram | undefined;
}

/** Checks the given files (absolute paths) as one program; paths in output are relative to `cwd`. */
export function checkFiles(files: readonly string[], cwd: string): CheckRun {
  const loader = createFsLoader({ cwd });
  const entries = files.map((f) => loader.readEntry(f));
  const result = checkProgram(entries, loader);
  return { entries, sources: loader.sources(), diagnostics: result.diagnostics, program: result.value };
}

export function runCheck(argv: readonly string[], io: Io): number {
  const args = parseCommandArgs("check", argv, {
    format: { type: "string", values: ["text", "json"] },
    costs: { type: "boolean" },
  });
  if (!args.ok) return usageError(io, args.message, "check");
  const selection = findSmaltFiles(args.positionals, io.cwd);
  if (!selection.ok) return usageError(io, selection.message, "check");

  let run: CheckRun;
  try {
    run = checkFiles(selection.files, io.cwd);
  } catch (e) {
    if (e instanceof FileAccessError) return usageError(io, e.message, "check");
    throw e;
  }
  const failed = hasErrors(run.diagnostics);
  if (args.flags.format === "json") io.out(jsonReport(run, args.flags.costs === true));
  else io.out(textReport(run, args.flags.costs === true, io.color));
  return failed ? EXIT.problems : EXIT.ok;
}

function jsonReport(run: CheckRun, costs: boolean): string {
  const diagnostics = toJsonDiagnostics(run.diagnostics, run.sources);
  if (!costs) return JSON.stringify(diagnostics, null, 2) + "\n";
  const table = run.program ? costsToJson(run.program.costs) : null;
  return JSON.stringify({ diagnostics, costs: table }, null, 2) + "\n";
}

function textReport(run: CheckRun, costs: boolean, color: boolean): string {
  let out = renderText(run.diagnostics, run.sources, { color });
  if (costs) {
    if (out !== "") out += "\n";
    out += run.program ? formatCostTable(run.program.costs) : "costs are not available: the program has errors\n";
  }
  if (!hasErrors(run.diagnostics)) {
    const imported = run.sources.length - run.entries.length;
    const extra = imported > 0 ? ` (and ${plural(imported, "imported module")})` : "";
    out += `${out === "" ? "" : "\n"}Checked ${plural(run.entries.length, "file")}${extra}: no errors\n`;
  }
  return out;
}
