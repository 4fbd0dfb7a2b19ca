// A validator's settings as (name, text) pairs, one per thing a reviewer would call a
// clause: `issuer "beta"`, `claim tier`, `max_age`, `mrtd`, `variant 2`, `require …`.
// Repeatable settings carry their value in the name, so adding one reads as "added".
import type { MeasurementEntryDef, MeasurementsDef, ValidatorDef } from "../ir/declarations.js";
import { toHex } from "../fingerprint/bytes.js";
import { validatorClause } from "../fingerprint/canonical-validators.js";
import { serdeJsonText } from "../fingerprint/json-text.js";
import { jwtConfigFromAst, tdxConfigFromAst } from "../fingerprint/validator-config.js";
import { MEASUREMENT_REGISTERS, type MeasurementsCriteriaConfig } from "../fingerprint/validator-signatures.js";
import type { DiffSide } from "./diff-side.js";
import { shortHex, showDuration, showTimestamp } from "./show-ir.js";

export type Setting = readonly [name: string, text: string];

export function clauseSettings(def: ValidatorDef, side: DiffSide): Setting[] {
  const clause = validatorClause(def);
  const out: Setting[] = [];
  if (clause.kind === "JwtClause") {
    const cfg = jwtConfigFromAst(clause);
    for (const k of cfg.keys) out.push([`key ${k.alg} ${shortHex(toHex(k.keyBytes))}`, `${k.alg} 0x${toHex(k.keyBytes)}`]);
    for (const i of cfg.issuers) out.push([`issuer ${JSON.stringify(i)}`, JSON.stringify(i)]);
    for (const a of cfg.audiences) out.push([`audience ${JSON.stringify(a)}`, JSON.stringify(a)]);
    if (cfg.subject !== undefined) out.push(["subject", JSON.stringify(cfg.subject)]);
    const claims = cfg.claims instanceof Map ? [...cfg.claims.entries()] : Object.entries(cfg.claims);
    for (const [name, value] of claims) out.push([`claim ${name}`, serdeJsonText(value)]);
    if (cfg.maxAgeSecs !== undefined) out.push(["max_age", showDuration(cfg.maxAgeSecs)]);
    if (cfg.maxLifetimeSecs !== undefined) out.push(["max_lifetime", showDuration(cfg.maxLifetimeSecs)]);
    if (cfg.allowNonExpiring) out.push(["allow_non_expiring", "yes"]);
  } else {
    const cfg = tdxConfigFromAst(clause);
    out.push(...criteriaSettings(cfg.baseline, cfg.variants));
    if (cfg.maxAgeSecs !== undefined) out.push(["max_age", showDuration(cfg.maxAgeSecs)]);
    if (cfg.notBeforeUnix !== undefined) out.push(["not_before", showTimestamp(cfg.notBeforeUnix)]);
    if (cfg.maxLifetimeSecs !== undefined) out.push(["max_lifetime", showDuration(cfg.maxLifetimeSecs)]);
    for (const item of clause.items) {
      if (item.kind === "TdxCollateral") out.push(["collateral", `0x${item.value.hex.toLowerCase()}`]);
      if (item.kind === "TdxAcceptStatus") out.push(["accept", item.statuses.map((s) => s.name).sort().join(", ")]);
    }
  }
  for (const r of def.requires) {
    const text = `${side.quote(r.cond.span)}${r.reason === undefined ? "" : ` else ${JSON.stringify(r.reason)}`}`;
    out.push([`require ${text}`, text]);
  }
  if (def.expiresWithin) out.push(["expires within", side.quote(def.expiresWithin.span)]);
  return out;
}

/** Baseline registers by name, variants by their register values (so reordering is visible). */
function criteriaSettings(baseline: MeasurementsCriteriaConfig, variants: readonly MeasurementsCriteriaConfig[]): Setting[] {
  const out: Setting[] = [];
  for (const r of MEASUREMENT_REGISTERS) {
    const v = baseline[r];
    if (v) out.push([r, `0x${toHex(v)}`]);
  }
  variants.forEach((v, i) => {
    const text = MEASUREMENT_REGISTERS.flatMap((r) => (v[r] ? [`${r} = 0x${toHex(v[r] as Uint8Array)}`] : [])).join(", ");
    out.push([`variant { ${shortVariant(v)} }`, `#${i + 1}: ${text === "" ? "any" : text}`]);
  });
  return out;
}

function shortVariant(v: MeasurementsCriteriaConfig): string {
  const parts = MEASUREMENT_REGISTERS.flatMap((r) => (v[r] ? [`${r} = ${shortHex(toHex(v[r] as Uint8Array))}`] : []));
  return parts.length === 0 ? "any" : parts.join(", ");
}

/** An organism's `measurements` in the same vocabulary (no limits, no quote policy). */
export function measurementSettings(def: MeasurementsDef | undefined): Setting[] {
  if (!def) return [];
  const criteria = (entries: readonly MeasurementEntryDef[]): MeasurementsCriteriaConfig =>
    Object.fromEntries(entries.flatMap((e) => (e.hex === undefined ? [] : [[e.register, Uint8Array.from(Buffer.from(e.hex, "hex"))]])));
  return criteriaSettings(criteria(def.entries), def.variants.map(criteria));
}
