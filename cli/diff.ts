// `smalt diff OLD NEW [--json] [--exit-code]`: checks two versions of a policy (files or
// folders) and prints what the change means: per organism its status, identifiers old ->
// new, the parts that moved, ticket classes and order books that now fare differently, the
// change class and the consumer action. `--exit-code` exits 1 when anything changed.
import { hasErrors } from "../compiler/diagnostics/diagnostic.js";
import { renderText } from "../compiler/diagnostics/render-text.js";
import { diffPrograms, type DiffInput } from "../compiler/diff/diff-program.js";
import { renderDiffText } from "../compiler/diff/render-diff-text.js";
import { parseCommandArgs } from "./args.js";
import { checkFiles } from "./check.js";
import { findSmaltFiles } from "./files.js";
import { EXIT, usageError, type Io } from "./io.js";
import { FileAccessError } from "./loader.js";

type Side = { readonly ok: true; readonly input: DiffInput } | { readonly ok: false; readonly code: number };

export function runDiff(argv: readonly string[], io: Io): number {
  const args = parseCommandArgs("diff", argv, { json: { type: "boolean" }, "exit-code": { type: "boolean" } });
  if (!args.ok) return usageError(io, args.message, "diff");
  if (args.positionals.length !== 2) return usageError(io, "`smalt diff` takes two paths: OLD and NEW", "diff");
  const [oldPath, newPath] = args.positionals;
  const old = load(oldPath, io);
  if (!old.ok) return old.code;
  const now = load(newPath, io);
  if (!now.ok) return now.code;
  const report = diffPrograms(old.input, now.input);
  io.out(args.flags.json ? JSON.stringify(report, null, 2) + "\n" : renderDiffText(report));
  return args.flags["exit-code"] && report.changed ? EXIT.problems : EXIT.ok;
}

/** Checks one version; a version with errors is reported on stderr and ends the command (exit 1). */
function load(given: string, io: Io): Side {
  const selection = findSmaltFiles([given], io.cwd);
  if (!selection.ok) return { ok: false, code: usageError(io, selection.message, "diff") };
  try {
    const run = checkFiles(selection.files, io.cwd);
    if (!run.program || hasErrors(run.diagnostics)) {
      io.err(renderText(run.diagnostics, run.sources, { color: io.errColor }));
      io.err(`error: ${given} does not check; fix it before comparing\n`);
      return { ok: false, code: EXIT.problems };
    }
    return { ok: true, input: { label: given, modules: run.program.modules, entries: run.program.graph.entries, sources: run.sources } };
  } catch (e) {
    if (e instanceof FileAccessError) return { ok: false, code: usageError(io, e.message, "diff") };
    throw e;
  }
}
