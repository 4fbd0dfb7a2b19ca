// A tdx validator — or an organism's `measurements` — as checks over ticket features, in
// mosaik's order (mosaik.md §4.4): baseline registers, any-of variants, max_age,
// not_before, max_lifetime, not expired; then Smalt's quote policy (pinned collateral,
// accepted TCB statuses; UpToDate only when no `accept` is written) and `require`s.
import type { MeasurementsDef, ValidatorDef, ValidatorRequire } from "../ir/declarations.js";
import type { Expr } from "../ir/expressions.js";
import { toHex } from "../fingerprint/bytes.js";
import { measurementsConfig, validatorClause } from "../fingerprint/canonical-validators.js";
import { tdxConfigFromAst } from "../fingerprint/validator-config.js";
import { MEASUREMENT_REGISTERS, type MeasurementsCriteriaConfig } from "../fingerprint/validator-signatures.js";
import { TCB_STATUSES } from "../check/validators/check-tdx.js";
import type { ProgramIndex } from "../eval/program-index.js";
import { contributeLiterals, durationSeconds, featuresRead, holds, type AdmissionContext } from "./admission-eval.js";
import { capped } from "./jwt-model.js";
import { DEFAULT_NOW, DEFAULT_PEER, type Check, type ModelFactory, type Ticket } from "./ticket-model.js";

/** Everything a tdx check reads, from a tdx clause or from `measurements` (no limits, no policy). */
export interface TdxSpec {
  readonly baseline: MeasurementsCriteriaConfig;
  readonly variants: readonly MeasurementsCriteriaConfig[];
  readonly maxAgeSecs?: bigint;
  readonly notBeforeUnix?: bigint;
  readonly maxLifetimeSecs?: bigint;
  readonly collateral?: string;
  readonly accept?: readonly string[];
  readonly requires: readonly ValidatorRequire[];
  readonly expiresWithin?: Expr;
  readonly index: ProgramIndex;
  /** `measurements` only constrain registers: no quote age, expiry or TCB status. */
  readonly registersOnly?: boolean;
}

export function tdxSpecOfValidator(def: ValidatorDef, index: ProgramIndex): TdxSpec {
  const clause = validatorClause(def);
  if (clause.kind !== "TdxClause") throw new Error(`internal error: ${def.ref.name} is not a tdx validator`);
  const cfg = tdxConfigFromAst(clause);
  let collateral: string | undefined;
  let accept: string[] | undefined;
  for (const item of clause.items) {
    if (item.kind === "TdxCollateral") collateral = item.value.hex.toLowerCase();
    if (item.kind === "TdxAcceptStatus") accept = item.statuses.map((s) => s.name);
  }
  return { ...cfg, collateral, accept, requires: def.requires, expiresWithin: def.expiresWithin, index };
}

/** `measurements` gate who may run the committee: every other setting is absent. */
export function tdxSpecOfMeasurements(def: MeasurementsDef | undefined, index: ProgramIndex): TdxSpec {
  return { ...(def ? measurementsConfig(def) : { baseline: {}, variants: [] }), requires: [], index, registersOnly: true };
}

const REGISTERS = MEASUREMENT_REGISTERS;
const OTHER_REGISTER = "00".repeat(48);

function matches(criteria: MeasurementsCriteriaConfig, t: Ticket): boolean {
  return REGISTERS.every((r) => criteria[r] === undefined || toHex(criteria[r] as Uint8Array) === t[r]);
}

export function tdxFactory(): ModelFactory<TdxSpec> {
  const context = (spec: TdxSpec): AdmissionContext => ({
    index: spec.index,
    now: (t) => (t.quotedAt as bigint) + (t.age as bigint),
    nowFeatures: ["quotedAt", "age"],
  });
  return {
    kind: "tdx",
    couplings: [[...REGISTERS], ["age", "lifetime"]],
    nowFeatures: ["quotedAt", "age"],
    contribute(spec, d) {
      for (const c of [spec.baseline, ...spec.variants]) for (const r of REGISTERS) if (c[r]) d.add(r, toHex(c[r] as Uint8Array));
      d.add("age", 0n);
      if (spec.maxAgeSecs !== undefined) d.add("age", spec.maxAgeSecs, spec.maxAgeSecs + 1n);
      if (spec.notBeforeUnix !== undefined) d.add("quotedAt", spec.notBeforeUnix - 1n, spec.notBeforeUnix);
      d.add("lifetime", null);
      if (spec.maxLifetimeSecs !== undefined) d.add("lifetime", spec.maxLifetimeSecs, spec.maxLifetimeSecs + 1n);
      const cap = spec.expiresWithin ? durationSeconds(spec.expiresWithin, spec.index) : undefined;
      if (cap !== undefined) d.add("capSeconds", cap);
      if (spec.collateral !== undefined) d.add("collateral", spec.collateral);
      d.add("peer", DEFAULT_PEER);
      for (const r of spec.requires) contributeLiterals(r.cond, context(spec), d);
    },
    finish(d) {
      for (const r of REGISTERS) {
        let other = OTHER_REGISTER;
        for (let b = 1; d.get(r).includes(other); b++) other = b.toString(16).padStart(2, "0").repeat(48);
        d.add(r, other);
      }
      const latest = [...d.get("quotedAt"), ...d.nowLiterals].reduce<bigint>((m, v) => (typeof v === "bigint" && v > m ? v : m), DEFAULT_NOW);
      d.add("quotedAt", latest, ...d.nowLiterals);
      // Lifetimes just past every age (so a ticket is not expired), and at every cap.
      for (const a of d.get("age")) {
        if (typeof a !== "bigint") continue;
        d.add("lifetime", a + 1n);
        for (const c of d.get("capSeconds")) if (typeof c === "bigint") d.add("lifetime", a + c, a + c + 1n);
      }
      d.addOther("collateral", "ff".repeat(32));
      d.add("status", ...TCB_STATUSES);
      d.drop("capSeconds");
    },
    model(spec) {
      const cx = context(spec);
      const accepted = new Set(spec.accept ?? ["UpToDate"]);
      const checks: Check[] = [{ features: [...REGISTERS], reason: "measurements differ from the baseline", ok: (t) => matches(spec.baseline, t) }];
      if (spec.variants.length > 0) checks.push({ features: [...REGISTERS], reason: "measurements match no variant", ok: (t) => spec.variants.some((v) => matches(v, t)) });
      if (spec.maxAgeSecs !== undefined) {
        const max = spec.maxAgeSecs;
        checks.push({ features: ["age"], reason: "quote older than max_age", ok: (t) => (t.age as bigint) <= max });
      }
      if (spec.notBeforeUnix !== undefined) {
        const nb = spec.notBeforeUnix;
        checks.push({ features: ["quotedAt"], reason: "quote taken before not_before", ok: (t) => (t.quotedAt as bigint) >= nb });
      }
      if (spec.maxLifetimeSecs !== undefined) {
        const max = spec.maxLifetimeSecs;
        checks.push({ features: ["lifetime"], reason: "expiration beyond max_lifetime", ok: (t) => t.lifetime !== null && (t.lifetime as bigint) <= max });
      }
      if (!spec.registersOnly) {
        checks.push({ features: ["age", "lifetime"], reason: "expired", ok: (t) => t.lifetime === null || (t.lifetime as bigint) > (t.age as bigint) });
        checks.push({ features: ["status"], reason: "TCB status not accepted", ok: (t) => accepted.has(String(t.status)) });
      }
      if (spec.collateral !== undefined) {
        const pinned = spec.collateral;
        checks.push({ features: ["collateral"], reason: "quote verified against other collateral", ok: (t) => t.collateral === pinned });
      }
      for (const r of spec.requires) checks.push({ features: featuresRead(r.cond, cx), reason: r.reason ?? "require predicate failed", ok: (t) => holds(r.cond, t, cx) });
      const cap = spec.expiresWithin ? durationSeconds(spec.expiresWithin, spec.index) : undefined;
      return {
        checks,
        expiryFeatures: spec.registersOnly ? [] : ["age", "lifetime"],
        expiresIn: (t) => (spec.registersOnly || t.lifetime === null || t.lifetime === undefined ? capped(null, cap) : capped((t.lifetime as bigint) - (t.age as bigint), cap)),
      };
    },
  };
}
