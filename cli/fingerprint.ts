// `smalt fingerprint FILE [--json]`: checks FILE and prints each organism's identities
// (stable id, content hash, GroupId, state-machine signature, validator signatures) and
// each top-level validator's mosaik signature, as a table or as issue 3's JSON shape.
import { hasErrors } from "../compiler/diagnostics/diagnostic.js";
import { renderText } from "../compiler/diagnostics/render-text.js";
import { fingerprintProgram } from "../compiler/fingerprint/fingerprint-program.js";
import { fingerprintsToJson, renderFingerprintsText } from "../compiler/fingerprint/render-fingerprints.js";
import { parseCommandArgs } from "./args.js";
import { checkFiles, type CheckRun } from "./check.js";
import { findSmaltFiles } from "./files.js";
import { EXIT, usageError, type Io } from "./io.js";
import { FileAccessError } from "./loader.js";

export function runFingerprint(argv: readonly string[], io: Io): number {
  const args = parseCommandArgs("fingerprint", argv, { json: { type: "boolean" } });
  if (!args.ok) return usageError(io, args.message, "fingerprint");
  if (args.positionals.length !== 1) return usageError(io, "`smalt fingerprint` takes exactly one file", "fingerprint");
  const selection = findSmaltFiles(args.positionals, io.cwd);
  if (!selection.ok) return usageError(io, selection.message, "fingerprint");
  let run: CheckRun;
  try {
    run = checkFiles(selection.files, io.cwd);
  } catch (e) {
    if (e instanceof FileAccessError) return usageError(io, e.message, "fingerprint");
    throw e;
  }
  if (!run.program || hasErrors(run.diagnostics)) {
    io.err(renderText(run.diagnostics, run.sources, { color: io.errColor }));
    return EXIT.problems;
  }
  const fingerprints = fingerprintProgram(run.program.modules, { entries: run.program.graph.entries });
  io.out(args.flags.json ? JSON.stringify(fingerprintsToJson(fingerprints), null, 2) + "\n" : renderFingerprintsText(fingerprints));
  return EXIT.ok;
}
