// From a checked program to one runnable organism: picked by name (or the file's only
// one), emitted, bundled exactly as `smalt build` bundles it, and loaded as a StateMachine.
import { closest } from "../compiler/check/suggest.js";
import type { CheckedProgram } from "../compiler/index.js";
import { emit } from "../compiler/emit/emit.js";
import type { OrganismDef } from "../compiler/ir/declarations.js";
import { bundleEmitted } from "../compiler/scenario/load-emitted.js";
import { loadBundledMachine } from "../runtime/organism/load-bundle.js";
import type { EmittedMachine } from "../runtime/organism/emitted-machine.js";

export interface CompiledOrganism {
  readonly def: OrganismDef;
  readonly bundleJs: string;
  readonly machine: EmittedMachine;
}

export type PickedOrganism = { readonly ok: true; readonly def: OrganismDef } | { readonly ok: false; readonly message: string };

export function pickOrganism(program: CheckedProgram, entryKey: string, name: string | undefined): PickedOrganism {
  const organisms = program.modules.find((m) => m.key === entryKey)?.organisms ?? [];
  const names = organisms.map((o) => o.ref.name);
  if (organisms.length === 0) return { ok: false, message: `${entryKey} declares no organism` };
  if (name === undefined) {
    if (organisms.length === 1) return { ok: true, def: organisms[0] };
    return { ok: false, message: `${entryKey} declares ${organisms.length} organisms (${names.join(", ")}); choose one with --organism NAME` };
  }
  const def = organisms.find((o) => o.ref.name === name);
  if (def) return { ok: true, def };
  const near = closest(name, names);
  return { ok: false, message: `${entryKey} has no organism \`${name}\`${near ? `; did you mean \`${near}\`?` : ""} (it declares ${names.join(", ")})` };
}

export async function compileOrganism(program: CheckedProgram, def: OrganismDef): Promise<CompiledOrganism> {
  const bundleJs = await bundleEmitted(await emit(program, def));
  return { def, bundleJs, machine: await loadBundledMachine(bundleJs) };
}
