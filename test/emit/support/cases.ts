// Golden emit cases (test/cases/emit/<case>/input.smalt) and other sources: checking them
// the way `smalt build` does, emitting their organisms, and loading the bundled modules so
// tests can run them (Sucrase-style: emitted code is tested by running it).
import fs from "node:fs";
import path from "node:path";
import { checkProgram, type CheckedProgram } from "../../../compiler/index.js";
import { loadEmitted } from "../../../compiler/scenario/load-emitted.js";
import { emit, type EmittedModule } from "../../../compiler/emit/emit.js";
import type { OrganismDef } from "../../../compiler/ir/declarations.js";
import { createFsLoader } from "../../../cli/loader.js";
import type { EmittedApi } from "../../../compiler/emit/emitted-api.js";

export const ROOT = path.resolve(import.meta.dirname, "..", "..", "..");
export const CASES_DIR = path.join(ROOT, "test", "cases", "emit");

export function listCases(): string[] {
  return fs
    .readdirSync(CASES_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(CASES_DIR, d.name, "input.smalt")))
    .map((d) => d.name)
    .sort();
}

export interface CheckedSource {
  readonly program: CheckedProgram;
  readonly entryKey: string;
  readonly organisms: readonly OrganismDef[];
}

/** Checks a file as `smalt build` does (module keys relative to the file's folder); throws on errors. */
export function checkSourceFile(abs: string): CheckedSource {
  const loader = createFsLoader({ cwd: path.dirname(abs) });
  const entry = loader.readEntry(abs);
  const result = checkProgram([entry], loader);
  if (!result.value) throw new Error(`${abs} does not check:\n${result.diagnostics.map((d) => `${d.code} ${d.message}`).join("\n")}`);
  const organisms = result.value.modules.find((m) => m.key === entry.path)?.organisms ?? [];
  return { program: result.value, entryKey: entry.path, organisms };
}

export function caseInput(name: string): string {
  return path.join(CASES_DIR, name, "input.smalt");
}

/** The golden file: the input echoed as a comment, then every emitted module of the case. */
export function goldenText(name: string, modules: readonly EmittedModule[]): string {
  const input = fs.readFileSync(caseInput(name), "utf8").replace(/\n$/, "");
  const echoed = input.split("\n").map((l) => (l === "" ? "//" : `// ${l}`));
  const head = [
    `// Golden emitted code of test/cases/emit/${name}/input.smalt, echoed here:`,
    "//",
    ...echoed,
    "//",
    "// Regenerate with `SMALT_ACCEPT=1 npx vitest run test/emit/golden.test.ts` and review the diff.",
    "",
  ].join("\n");
  return [head, ...modules.map((m) => m.text)].join("\n");
}

export async function emitAll(source: CheckedSource): Promise<EmittedModule[]> {
  const out: EmittedModule[] = [];
  for (const o of source.organisms) out.push(await emit(source.program, o));
  return out;
}

export { loadEmitted };

export interface LoadedOrganism {
  readonly source: CheckedSource;
  readonly organism: OrganismDef;
  readonly emitted: EmittedModule;
  readonly api: EmittedApi;
}

/** Checks, emits, bundles and imports the organism `name` of a file. */
export async function loadOrganism(abs: string, name: string): Promise<LoadedOrganism> {
  const source = checkSourceFile(abs);
  const organism = source.organisms.find((o) => o.ref.name === name);
  if (!organism) throw new Error(`no organism ${name} in ${abs}`);
  const emitted = await emit(source.program, organism);
  return { source, organism, emitted, api: await loadEmitted(emitted) };
}
