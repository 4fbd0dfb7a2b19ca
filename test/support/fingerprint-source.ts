// Fingerprinting Smalt text in-process, for the fingerprint and diff tests: the entry is
// held in memory (its path is only a name), `import std.x` reads the real stdlib, and
// `import "./y.smalt"` reads from the `files` given.
import path from "node:path";
import { checkProgram, type SourceFile } from "../../compiler/index.js";
import type { CheckedModule } from "../../compiler/ir/declarations.js";
import type { ModuleLoader } from "../../compiler/load.js";
import { fingerprintProgram, type ProgramFingerprints } from "../../compiler/fingerprint/fingerprint-program.js";
import type { DiffInput } from "../../compiler/diff/diff-program.js";
import { createFsLoader } from "../../cli/loader.js";
import { ROOT } from "./cli.js";

export interface Checked {
  readonly modules: readonly CheckedModule[];
  readonly entries: readonly string[];
  readonly sources: readonly SourceFile[];
}

/** Checks `text` as the file `name`; undefined (with the first message) when it has errors. */
export function checkText(text: string, name = "policy.smalt", files: Readonly<Record<string, string>> = {}): Checked | string {
  const std = createFsLoader({ cwd: ROOT });
  const entry: SourceFile = { path: name, text };
  const loader: ModuleLoader = {
    load(req) {
      if (req.kind === "std") return std.load(req);
      const p = path.posix.normalize(path.posix.join(path.posix.dirname(req.from), req.spec));
      return files[p] === undefined ? undefined : { path: p, text: files[p] };
    },
  };
  const r = checkProgram([entry], loader);
  if (!r.value) return r.diagnostics.map((d) => `${d.code} ${d.message}`).join("; ") || "no program";
  const sources = [entry, ...Object.entries(files).map(([p, t]) => ({ path: p, text: t }))];
  return { modules: r.value.modules, entries: r.value.graph.entries, sources };
}

export function mustCheck(text: string, name?: string, files?: Readonly<Record<string, string>>): Checked {
  const c = checkText(text, name, files);
  if (typeof c === "string") throw new Error(`does not check: ${c}`);
  return c;
}

export function fingerprintText(text: string, name?: string, files?: Readonly<Record<string, string>>): ProgramFingerprints {
  const c = mustCheck(text, name, files);
  return fingerprintProgram(c.modules, { entries: c.entries });
}

export function diffInput(label: string, text: string, files?: Readonly<Record<string, string>>): DiffInput {
  const c = mustCheck(text, label, files);
  return { label, modules: c.modules, entries: c.entries, sources: c.sources };
}
