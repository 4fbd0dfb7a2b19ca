// Canonical encoding, part 3: validators and measurements. A validator's mosaik signature
// (validator-signatures.ts) is folded as is; what mosaik does not fold — Smalt's `require`
// predicates, `expires within`, a tdx clause's `collateral` and `accept` — is folded beside
// it, so every setting that changes admission moves the content hash.
import type { MeasurementEntryDef, MeasurementsDef, ValidatorDef } from "../ir/declarations.js";
import type { JwtClause, TdxClause } from "../syntax/ast.js";
import { BodyEncoder } from "./canonical-bodies.js";
import { hexBytes, type CanonContext } from "./canonical-context.js";
import { node, type Term } from "./canonical-sexp.js";
import type { Digest } from "./digest.js";
import { jwtConfigFromAst, tdxConfigFromAst } from "./validator-config.js";
import {
  jwtValidatorSignature,
  MEASUREMENT_REGISTERS,
  type MeasurementRegister,
  type MeasurementsCriteriaConfig,
  tdxValidatorSignature,
  type TdxValidatorConfig,
} from "./validator-signatures.js";

/** The single jwt or tdx clause of a checked validator (E4005 guarantees exactly one). */
export function validatorClause(def: ValidatorDef): JwtClause | TdxClause {
  const clause = def.decl.clauses[0];
  if (!clause || def.decl.clauses.length !== 1) throw new Error(`internal error: validator ${def.ref.name} has ${def.decl.clauses.length} clauses`);
  return clause;
}

/** `TicketValidator::signature()` exactly as mosaik computes it (mosaik.md §3.7). */
export function validatorSignature(def: ValidatorDef): Digest {
  const clause = validatorClause(def);
  return clause.kind === "JwtClause" ? jwtValidatorSignature(jwtConfigFromAst(clause)) : tdxValidatorSignature(tdxConfigFromAst(clause));
}

/**
 * `(validator (signature <32 bytes>) (quote-policy …) (requires …) (expires …))`. The
 * validator's name is not part of it: renaming a validator changes nothing it admits.
 */
export function validatorTerm(cx: CanonContext, def: ValidatorDef): Term {
  const clause = validatorClause(def);
  const body = new BodyEncoder(cx, undefined);
  return node(
    "validator",
    node("signature", validatorSignature(def)),
    clause.kind === "TdxClause" ? quotePolicyTerm(clause) : node("no-quote-policy"),
    node("requires", def.requires.map((r) => node("require", body.expr(r.cond), r.reason === undefined ? node("no-reason") : node("reason", r.reason)))),
    def.expiresWithin ? node("expires-within", body.expr(def.expiresWithin)) : node("no-expiry-cap"),
  );
}

/** Smalt's quote-verification settings: the pinned collateral digest and the accepted TCB statuses (a set). */
function quotePolicyTerm(clause: TdxClause): Term {
  let collateral: Term = node("no-collateral");
  const statuses = new Set<string>();
  for (const item of clause.items) {
    if (item.kind === "TdxCollateral") collateral = node("collateral", hexBytes(item.value.hex.toLowerCase()));
    if (item.kind === "TdxAcceptStatus") for (const s of item.statuses) statuses.add(s.name);
  }
  return node("quote-policy", collateral, node("accept", [...statuses].sort()));
}

/** An organism's `measurements` as mosaik's Tdx config: baseline, variants in order, no time limits. */
export function measurementsConfig(def: MeasurementsDef): TdxValidatorConfig {
  return { baseline: criteria(def.entries), variants: def.variants.map(criteria) };
}

function criteria(entries: readonly MeasurementEntryDef[]): MeasurementsCriteriaConfig {
  const out: Partial<Record<MeasurementRegister, Uint8Array>> = {};
  for (const e of entries) {
    if (!(MEASUREMENT_REGISTERS as readonly string[]).includes(e.register) || e.hex === undefined) {
      throw new Error(`internal error: measurement ${e.register} reached the fingerprint stage unpinned or unknown`);
    }
    out[e.register as MeasurementRegister] = hexBytes(e.hex);
  }
  return out;
}

/** The Tdx validator signature of an organism's measurements: what gates its committee. */
export function measurementsSignature(def: MeasurementsDef): Digest {
  return tdxValidatorSignature(measurementsConfig(def));
}
