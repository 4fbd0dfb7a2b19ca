// The fingerprint stage entry point: checked modules -> every organism's identities
// (stable id, content hash, state-machine signature, GroupId) and every validator's mosaik
// signature. Pure; the same program always gives the same bytes (docs/fingerprints.md).
import type { CheckedModule, OrganismDef, ValidatorDef } from "../ir/declarations.js";
import { refKey, type DeclRef } from "../ir/types.js";
import { CanonContext } from "./canonical-context.js";
import { termDigest } from "./canonical-sexp.js";
import { validatorSignature, validatorTerm } from "./canonical-validators.js";
import { derive, id, type Digest } from "./digest.js";
import { groupId, networkId, stableId } from "./group-id.js";
import { consensusDigest, logReplaySyncSignature } from "./mosaik-digest.js";
import { measurementsSignature } from "./canonical-validators.js";
import { contentTerm, groupValidatorOrder, organismTerms, stateMachineTerm, surfaceValidators, type OrganismTerms } from "./organism-encoding.js";
import { toHex } from "./bytes.js";

/** The tag the state-machine signature starts from (mosaik's `id("my_orderbook_v2")` idiom). */
export const STATE_MACHINE_TAG = "smalt.state-machine.v1";
/** Stands for Rust's `type_name::<M>()` in the LogReplaySync signature of every Smalt organism. */
export const STATE_TYPE_DESCRIPTOR = "smalt.organism.v1";

export interface ValidatorFingerprint {
  readonly name: string;
  readonly ref: DeclRef;
  /** mosaik's `TicketValidator::signature()`. */
  readonly signature: Digest;
  /** BLAKE3 of the validator's full canonical term (signature plus Smalt-only settings). */
  readonly digest: Digest;
}

export interface OrganismFingerprint {
  readonly name: string;
  readonly module: string;
  readonly def: OrganismDef;
  readonly instance: string;
  readonly network: string;
  readonly stableId: Digest;
  readonly contentHash: Digest;
  readonly stateMachineSignature: Digest;
  readonly groupId: Digest;
  /** The Tdx validator built from `measurements`: the first validator folded into GroupId. */
  readonly committeeValidator?: Digest;
  readonly validators: readonly ValidatorFingerprint[];
  readonly terms: OrganismTerms;
}

export interface ProgramFingerprints {
  readonly network: string;
  readonly organisms: readonly OrganismFingerprint[];
  readonly validators: readonly ValidatorFingerprint[];
}

export interface FingerprintOptions {
  /** Module keys whose organisms and validators are reported; all modules when absent. */
  readonly entries?: readonly string[];
  /** A context over the same modules to share its memoised digests (the diff keeps one per side). */
  readonly context?: CanonContext;
}

export function fingerprintProgram(modules: readonly CheckedModule[], options: FingerprintOptions = {}): ProgramFingerprints {
  const cx = options.context ?? new CanonContext(modules);
  const validators = new Map<string, ValidatorDef>();
  for (const m of modules) for (const v of m.validators) validators.set(refKey(v.ref), v);
  const validatorOf = (ref: DeclRef): ValidatorDef => {
    const v = validators.get(refKey(ref));
    if (!v) throw new Error(`internal error: validator ${refKey(ref)} is not in the checked program`);
    return v;
  };
  const fingerprintValidator = (v: ValidatorDef): ValidatorFingerprint => ({
    name: v.ref.name,
    ref: v.ref,
    signature: validatorSignature(v),
    digest: termDigest(validatorTerm(cx, v)),
  });
  const wanted = options.entries ? modules.filter((m) => options.entries?.includes(m.key)) : modules;
  const organisms = wanted
    .flatMap((m) => m.organisms.map((o) => fingerprintOrganism(cx, m, o, validatorOf, fingerprintValidator)))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.module < b.module ? -1 : 1));
  const topLevel = wanted
    .flatMap((m) => m.validators.map(fingerprintValidator))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : refKey(a.ref) < refKey(b.ref) ? -1 : 1));
  return { network: wanted[0]?.network ?? "universe", organisms, validators: topLevel };
}

function fingerprintOrganism(
  cx: CanonContext,
  module: CheckedModule,
  o: OrganismDef,
  validatorOf: (ref: DeclRef) => ValidatorDef,
  fingerprintValidator: (v: ValidatorDef) => ValidatorFingerprint,
): OrganismFingerprint {
  const terms = organismTerms(cx, module, o, validatorOf);
  const stateMachineSignature = derive(id(STATE_MACHINE_TAG), termDigest(stateMachineTerm(terms)));
  const contentHash = termDigest(contentTerm(terms, stateMachineSignature));
  const stable = stableId(o.instance, networkId(module.network));
  const committeeValidator = o.measurements ? measurementsSignature(o.measurements) : undefined;
  const group = groupId({
    secret: stable,
    consensus: consensusDigest(),
    stateMachineSignature,
    stateSyncSignature: logReplaySyncSignature(STATE_TYPE_DESCRIPTOR),
    validatorSignatures: groupValidators(committeeValidator, groupValidatorOrder(o).map((r) => validatorSignature(validatorOf(r)))),
  });
  return {
    name: o.ref.name,
    module: module.key,
    def: o,
    instance: o.instance,
    network: module.network,
    stableId: stable,
    contentHash,
    stateMachineSignature,
    groupId: group,
    ...(committeeValidator ? { committeeValidator } : {}),
    validators: surfaceValidators(o).map((r) => fingerprintValidator(validatorOf(r))),
    terms,
  };
}

/**
 * The validators folded into GroupId (mosaik's `require_ticket` list): the Tdx validator of
 * the organism's `measurements` first, then every surface validator in group order; a
 * signature already folded is not folded twice.
 */
export function groupValidators(committee: Digest | undefined, surfaces: readonly Digest[]): Digest[] {
  const out: Digest[] = [];
  const seen = new Set<string>();
  for (const sig of committee ? [committee, ...surfaces] : surfaces) {
    if (seen.has(toHex(sig))) continue;
    seen.add(toHex(sig));
    out.push(sig);
  }
  return out;
}
