// Emit stage entry point: a checked program and one of its organisms -> an EmittedModule
// (the organism's TypeScript module, formatted with Prettier, its fingerprints and its JSON
// Schemas). Pure apart from Prettier's asynchronous API; the output depends only on the program.
import * as prettier from "prettier";
import type { CheckedProgram } from "../check/check-program.js";
import type { OrganismDef } from "../ir/declarations.js";
import { formatFingerprint, mosaikFingerprint } from "../fingerprint/fingerprint.js";
import { fingerprintProgram } from "../fingerprint/fingerprint-program.js";
import { emitOrganismSource } from "./emit-organism.js";
import type { JsonSchema } from "./emit-schemas.js";
import { moduleShortName, ProgramTables } from "./program-tables.js";

export interface EmittedModule {
  readonly organism: string;
  /** `<Name>.ts` */
  readonly fileName: string;
  readonly text: string;
  /** Formatted fingerprints (`blake3-256/mosaik@1:<hex>`): contentHash, groupId, stableId, stateMachineSignature. */
  readonly fingerprints: Readonly<Record<string, string>>;
  /** The document written to `<Name>.schema.json`. */
  readonly schemas: JsonSchema;
  readonly schemaFileName: string;
}

export interface EmitOptions {
  /** The module specifier of the prelude in the emitted import (the bundler maps it). */
  readonly preludeImport?: string;
}

export const PRELUDE_IMPORT = "@smalt/prelude";

/** Prettier settings of emitted code; fixed here so no config file on disk changes the output. */
export const PRETTIER_OPTIONS: prettier.Options = { parser: "typescript", printWidth: 120, trailingComma: "all", endOfLine: "lf" };

/** The organisms of the program's entry modules (not of imported ones), in module then name order. */
export function organismsOf(checked: CheckedProgram, entryKeys?: readonly string[]): OrganismDef[] {
  return checked.modules.filter((m) => !entryKeys || entryKeys.includes(m.key)).flatMap((m) => m.organisms);
}

/** The organism's identities from the fingerprint stage, formatted: stable id, content hash, state-machine signature, GroupId. */
export function organismFingerprints(checked: CheckedProgram, organism: OrganismDef): Record<string, string> {
  const all = fingerprintProgram(checked.modules, { entries: [organism.ref.module] });
  const f = all.organisms.find((x) => x.name === organism.ref.name && x.module === organism.ref.module);
  if (!f) throw new Error(`internal error: no fingerprint for organism ${organism.ref.name}`);
  const show = (d: Uint8Array) => formatFingerprint(mosaikFingerprint(d));
  return { contentHash: show(f.contentHash), groupId: show(f.groupId), stableId: show(f.stableId), stateMachineSignature: show(f.stateMachineSignature) };
}

export async function emit(checked: CheckedProgram, organism: OrganismDef | string, options: EmitOptions = {}): Promise<EmittedModule> {
  const def = typeof organism === "string" ? checked.modules.flatMap((m) => m.organisms).find((o) => o.ref.name === organism) : organism;
  if (!def) throw new Error(`internal error: no organism named ${String(organism)}`);
  const tables = new ProgramTables(checked.modules);
  const fingerprints = organismFingerprints(checked, def);
  const source = emitOrganismSource(tables, def, def.ref.module, {
    preludeImport: options.preludeImport ?? PRELUDE_IMPORT,
    sourceName: `${moduleShortName(def.ref.module)}.smalt`,
    fingerprints,
  });
  const text = await prettier.format(source.text, PRETTIER_OPTIONS);
  return {
    organism: def.ref.name,
    fileName: `${def.ref.name}.ts`,
    text,
    fingerprints,
    schemas: source.schemas,
    schemaFileName: `${def.ref.name}.schema.json`,
  };
}

/** The text of `<Name>.schema.json`. */
export function schemaText(m: EmittedModule): string {
  return `${JSON.stringify(m.schemas, null, 2)}\n`;
}
