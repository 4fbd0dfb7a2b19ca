// A checked program's organism -> what admission needs at run time: each stream's and
// collection's validators (AND-ed, in `requires` order) and the organism's network id.
// Clauses are compiled once here; a policy the runtime cannot serve is an AdmissionSetupError.
import { ProgramIndex } from "../../compiler/eval/program-index.js";
import { toHex } from "../../compiler/fingerprint/bytes.js";
import { validatorClause } from "../../compiler/fingerprint/canonical-validators.js";
import { networkId } from "../../compiler/fingerprint/group-id.js";
import type { CheckedModule, ValidatorDef } from "../../compiler/ir/declarations.js";
import { refKey } from "../../compiler/ir/types.js";
import { AdmissionSetupError } from "./codes.js";
import { JwtCheck } from "./jwt/jwt-check.js";
import type { TicketCheck } from "./ticket.js";
import { ValidatorRuntime } from "./validator.js";

/** Builds the check of a `tdx { … }` clause (implemented in runtime/admission/tdx/). */
export type TdxCheckFactory = (def: ValidatorDef) => TicketCheck;

export interface AdmissionOptions {
  /** Needed only when a surface requires a validator with a tdx clause. */
  readonly tdx?: TdxCheckFactory;
}

export interface OrganismAdmission {
  readonly organism: string;
  /** mosaik `NetworkId` of the organism's module, 64 lowercase hex digits. */
  readonly networkId: string;
  /** Every stream and collection by name, with its validators (empty = open to every peer). */
  readonly surfaces: ReadonlyMap<string, readonly ValidatorRuntime[]>;
}

export function organismAdmission(modules: readonly CheckedModule[], organism: string, options: AdmissionOptions = {}): OrganismAdmission {
  const index = new ProgramIndex(modules);
  const { def, module } = organismModule(modules, index, organism);
  const validators = new Map(modules.flatMap((m) => m.validators.map((v) => [refKey(v.ref), v] as const)));
  const compiled = new Map<string, ValidatorRuntime>();
  const runtimeOf = (key: string): ValidatorRuntime => {
    const v = validators.get(key);
    if (!v) throw new Error(`internal error: validator ${key} required by ${organism} is not in the checked program`);
    const done = compiled.get(key) ?? validatorRuntime(v, index, options);
    compiled.set(key, done);
    return done;
  };
  const surfaces = new Map<string, readonly ValidatorRuntime[]>();
  for (const s of [...def.streams, ...def.collections]) surfaces.set(s.name, s.requires.map((r) => runtimeOf(refKey(r))));
  return { organism, networkId: toHex(networkId(module.network)), surfaces };
}

/** The organism's mosaik NetworkId (hex), which TDX tickets bind; A1061 for an unknown organism. */
export function organismNetworkId(modules: readonly CheckedModule[], organism: string): string {
  return toHex(networkId(organismModule(modules, new ProgramIndex(modules), organism).module.network));
}

function organismModule(modules: readonly CheckedModule[], index: ProgramIndex, organism: string) {
  const def = index.organismNamed(organism);
  const module = def && modules.find((m) => m.organisms.includes(def));
  if (!def || !module) {
    const known = modules.flatMap((m) => m.organisms.map((o) => o.ref.name));
    throw new AdmissionSetupError("A1061", `no organism \`${organism}\` in the program (organisms: ${known.join(", ") || "none"})`);
  }
  return { def, module };
}

export function validatorRuntime(def: ValidatorDef, index: ProgramIndex, options: AdmissionOptions): ValidatorRuntime {
  const name = def.ref.name;
  const clause = validatorClause(def);
  let check: TicketCheck;
  if (clause.kind === "JwtClause") check = JwtCheck.fromClause(clause);
  else if (options.tdx) check = options.tdx(def);
  else throw new AdmissionSetupError("A1060", `validator \`${name}\` has a tdx clause, but no TDX check was given (AdmissionOptions.tdx)`);
  return new ValidatorRuntime({ name, clause: check, requires: def.requires, index, ...(def.expiresWithin ? { cap: def.expiresWithin } : {}) });
}
