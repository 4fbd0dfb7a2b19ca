// `smalt fmt PATH… [--write | --check]`: prints, rewrites or verifies the canonical form
// produced by compiler/format. A file with syntax errors is refused with its diagnostics
// and never touched.
import fs from "node:fs";
import { format } from "../compiler/format/format.js";
import { renderText, plural } from "../compiler/diagnostics/render-text.js";
import type { SourceFile } from "../compiler/index.js";
import { parseCommandArgs } from "./args.js";
import { findSmaltFiles } from "./files.js";
import { EXIT, usageError, type Io } from "./io.js";
import { createFsLoader, FileAccessError } from "./loader.js";

type Mode = "print" | "write" | "check";

interface Outcome {
  readonly file: SourceFile;
  readonly abs: string;
  /** The canonical text, or undefined when the formatter refused the file. */
  readonly formatted: string | undefined;
}

export function runFmt(argv: readonly string[], io: Io): number {
  const args = parseCommandArgs("fmt", argv, { write: { type: "boolean" }, check: { type: "boolean" } });
  if (!args.ok) return usageError(io, args.message, "fmt");
  if (args.flags.write && args.flags.check) return usageError(io, "`--write` and `--check` cannot be used together", "fmt");
  const mode: Mode = args.flags.write ? "write" : args.flags.check ? "check" : "print";
  const selection = findSmaltFiles(args.positionals, io.cwd);
  if (!selection.ok) return usageError(io, selection.message, "fmt");

  const loader = createFsLoader({ cwd: io.cwd });
  const outcomes: Outcome[] = [];
  let refused = 0;
  for (const abs of selection.files) {
    let file: SourceFile;
    try {
      file = loader.readEntry(abs);
    } catch (e) {
      if (e instanceof FileAccessError) return usageError(io, e.message, "fmt");
      throw e;
    }
    const result = format(file);
    if (result.value === undefined) {
      refused++;
      io.err(renderText(result.diagnostics, [file], { color: io.errColor, summary: false }));
      io.err(`${file.path}: not formatted because it has syntax errors\n\n`);
    }
    outcomes.push({ file, abs, formatted: result.value });
  }

  const status = mode === "print" ? printAll(outcomes, io) : mode === "write" ? writeChanged(outcomes, io) : checkAll(outcomes, io);
  return refused > 0 ? EXIT.problems : status;
}

/** Canonical text on stdout; with several files each is headed `==> path <==`, like `head`. */
function printAll(outcomes: readonly Outcome[], io: Io): number {
  const several = outcomes.length > 1;
  outcomes.forEach((o, i) => {
    if (o.formatted === undefined) return;
    if (several) io.out(`${i > 0 ? "\n" : ""}==> ${o.file.path} <==\n`);
    io.out(o.formatted);
  });
  return EXIT.ok;
}

function writeChanged(outcomes: readonly Outcome[], io: Io): number {
  const formattable = outcomes.filter((o) => o.formatted !== undefined);
  let changed = 0;
  for (const o of formattable) {
    if (o.formatted === o.file.text) continue;
    fs.writeFileSync(o.abs, o.formatted!);
    changed++;
    io.out(`formatted ${o.file.path}\n`);
  }
  io.out(`${plural(changed, "file")} rewritten, ${formattable.length - changed} already formatted\n`);
  return EXIT.ok;
}

function checkAll(outcomes: readonly Outcome[], io: Io): number {
  const formattable = outcomes.filter((o) => o.formatted !== undefined);
  const unformatted = formattable.filter((o) => o.formatted !== o.file.text);
  for (const o of unformatted) io.out(`${o.file.path}\n`);
  if (unformatted.length === 0) {
    io.out(`${plural(formattable.length, "file")} already formatted\n`);
    return EXIT.ok;
  }
  io.err(`${plural(unformatted.length, "file")} not formatted; run \`smalt fmt --write\` to fix\n`);
  return EXIT.problems;
}
