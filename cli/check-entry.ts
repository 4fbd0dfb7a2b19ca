// Checks one policy file the way `smalt build` and `smalt run` need it: module paths
// relative to the file's own folder (so emitted code and fingerprints never depend on the
// working folder). Problems are printed; the caller gets the exit code to return.
import fs from "node:fs";
import path from "node:path";
import { checkProgram, type CheckedProgram } from "../compiler/index.js";
import { hasErrors } from "../compiler/diagnostics/diagnostic.js";
import { renderText } from "../compiler/diagnostics/render-text.js";
import { checkFiles } from "./check.js";
import { EXIT, usageError, type Io } from "./io.js";
import { createFsLoader, FileAccessError } from "./loader.js";

export type CheckedEntry =
  | { readonly ok: true; readonly program: CheckedProgram; readonly entryKey: string }
  | { readonly ok: false; readonly exit: number };

/** `file` as given on the command line; `what` completes "not … : the program has errors". */
export function checkEntryFile(file: string, io: Io, command: string, what: string): CheckedEntry {
  const abs = path.resolve(io.cwd, file);
  if (!fs.existsSync(abs) || !fs.statSync(abs).isFile()) return { ok: false, exit: usageError(io, `no such file: ${file}`, command) };
  const loader = createFsLoader({ cwd: path.dirname(abs) });
  let entryKey: string;
  let result: ReturnType<typeof checkProgram>;
  try {
    const entry = loader.readEntry(abs);
    entryKey = entry.path;
    result = checkProgram([entry], loader);
  } catch (e) {
    if (e instanceof FileAccessError) return { ok: false, exit: usageError(io, e.message, command) };
    throw e;
  }
  if (!result.value || hasErrors(result.diagnostics)) {
    const run = checkFiles([abs], io.cwd); // again, for paths shown relative to the working folder
    io.err(renderText(run.diagnostics, run.sources, { color: io.errColor }));
    io.err(`${what}: the program has errors\n`);
    return { ok: false, exit: EXIT.problems };
  }
  return { ok: true, program: result.value, entryKey };
}
