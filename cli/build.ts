// `smalt build FILE [-o DIR]`: checks FILE, then writes for each of its organisms the emitted
// `<Name>.ts`, the bundled `<Name>.js` the runtime loads, `<Name>.schema.json`, and one
// `manifest.json` (organisms, fingerprints, every file with its sha256). The output depends
// only on the sources: modules are keyed relative to FILE's folder, never to the working
// folder, and nothing records a time or an absolute path.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { CheckedProgram } from "../compiler/index.js";
import { plural } from "../compiler/diagnostics/render-text.js";
import { bundleEmitted, PROJECT_ROOT } from "../compiler/scenario/load-emitted.js";
import { emit, schemaText } from "../compiler/emit/emit.js";
import { parseCommandArgs } from "./args.js";
import { checkEntryFile } from "./check-entry.js";
import { displayPath } from "./files.js";
import { EXIT, usageError, type Io } from "./io.js";


export interface BuiltFile {
  readonly path: string; // relative to the output folder
  readonly sha256: string;
}

export interface BuildResult {
  readonly manifest: Manifest;
  /** Every file written, manifest.json last, by path relative to the output folder. */
  readonly files: ReadonlyMap<string, string>;
}

export interface Manifest {
  readonly manifestVersion: 1;
  readonly compiler: string;
  readonly source: string;
  readonly organisms: readonly {
    readonly name: string;
    readonly instance: string;
    readonly network: string;
    readonly committee: { readonly quorum: number; readonly size: number } | null;
    readonly fingerprints: Readonly<Record<string, string>>;
    readonly files: readonly BuiltFile[];
  }[];
}

function sha256(text: string): string {
  return crypto.createHash("sha256").update(text, "utf8").digest("hex");
}

function compilerVersion(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8")) as { version: string };
  return `smalt ${pkg.version}`;
}

/** Emits and bundles every organism of the entry module `entryKey` of a checked program. */
export async function buildProgram(program: CheckedProgram, entryKey: string): Promise<BuildResult> {
  const files = new Map<string, string>();
  const organisms: Manifest["organisms"][number][] = [];
  const module = program.modules.find((m) => m.key === entryKey);
  for (const o of [...(module?.organisms ?? [])].sort((a, b) => (a.ref.name < b.ref.name ? -1 : a.ref.name > b.ref.name ? 1 : 0))) {
    const emitted = await emit(program, o);
    const js = await bundleEmitted(emitted);
    const own: [string, string][] = [
      [emitted.fileName, emitted.text],
      [`${o.ref.name}.js`, js],
      [emitted.schemaFileName, schemaText(emitted)],
    ];
    for (const [name, text] of own) files.set(name, text);
    organisms.push({
      name: o.ref.name,
      instance: o.instance,
      network: module?.network ?? "universe",
      committee: o.committee ? { quorum: Number(o.committee.quorum), size: Number(o.committee.size) } : null,
      fingerprints: emitted.fingerprints,
      files: own.map(([p, text]) => ({ path: p, sha256: sha256(text) })),
    });
  }
  const manifest: Manifest = { manifestVersion: 1, compiler: compilerVersion(), source: path.posix.basename(entryKey), organisms };
  files.set("manifest.json", `${JSON.stringify(manifest, null, 2)}\n`);
  return { manifest, files };
}

export async function runBuild(argv: readonly string[], io: Io): Promise<number> {
  const args = parseCommandArgs("build", argv, { out: { type: "string", short: "o" } });
  if (!args.ok) return usageError(io, args.message, "build");
  if (args.positionals.length !== 1) return usageError(io, args.positionals.length === 0 ? "no file given" : "`smalt build` takes one file", "build");
  const outDir = path.resolve(io.cwd, typeof args.flags.out === "string" ? args.flags.out : "build");
  const checked = checkEntryFile(args.positionals[0], io, "build", "not built");
  if (!checked.ok) return checked.exit;

  const built = await buildProgram(checked.program, checked.entryKey);
  const shown = displayPath(outDir, io.cwd);
  try {
    fs.mkdirSync(outDir, { recursive: true });
    for (const [name, text] of built.files) fs.writeFileSync(path.join(outDir, name), text);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (!code) throw e;
    return usageError(io, `cannot write into ${shown}: ${code}`, "build");
  }
  for (const o of built.manifest.organisms) io.out(`built ${o.name}: ${o.files.map((f) => f.path).join(", ")}\n`);
  io.out(`${plural(built.manifest.organisms.length, "organism")} built into ${shown}/ (with manifest.json)\n`);
  return EXIT.ok;
}
