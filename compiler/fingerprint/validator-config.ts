// AST validator clauses -> the mosaik config objects of validator-signatures.ts. Input must
// have passed checkValidatorDecl / checkMeasurementSet: a clause that did not is a Smalt bug
// here, so this throws instead of guessing a fingerprint. The literal readers are shared
// with the checks, so "what a setting means" is written once.
import {
  type Expr,
  type JwtClause,
  type MeasurementEntry,
  type MeasurementSet,
  type MeasurementVariant,
  type TdxClause,
  unreachable,
} from "../syntax/ast.js";
import { fromHex } from "./bytes.js";
import { isJsonInteger, type JsonValue } from "./json-text.js";
import { isJwtAlgorithm, isWellFormedKey, mosaikKeyBytes } from "./mosaik-keys.js";
import {
  type JwtKeyConfig,
  type JwtValidatorConfig,
  MEASUREMENT_LENGTH,
  MEASUREMENT_REGISTERS,
  type MeasurementRegister,
  type MeasurementsCriteriaConfig,
  type TdxValidatorConfig,
} from "./validator-signatures.js";

/** The seconds of a duration literal (`1h` = 3600), or undefined for any other expression. */
export function durationLiteralSeconds(e: Expr): bigint | undefined {
  return e.kind === "DurationLit" ? e.seconds : undefined;
}

/** The Unix seconds of a timestamp literal, or undefined for any other expression. */
export function timestampLiteralUnix(e: Expr): bigint | undefined {
  return e.kind === "TimestampLit" ? e.unixSeconds : undefined;
}

/**
 * The JSON value a `claim name = …` literal requires: a string, a boolean, or an integer
 * (optionally negated) within serde_json's integer range. Undefined for anything else.
 */
export function claimLiteralValue(e: Expr): JsonValue | undefined {
  switch (e.kind) {
    case "StringLit":
      return e.value;
    case "BoolLit":
      return e.value;
    case "IntLit":
      return isJsonInteger(e.value) ? e.value : undefined;
    case "UnaryExpr":
      if (e.op === "-" && e.operand.kind === "IntLit" && isJsonInteger(-e.operand.value)) return -e.operand.value;
      return undefined;
    default:
      return undefined;
  }
}

export function jwtConfigFromAst(clause: JwtClause): JwtValidatorConfig {
  const keys: JwtKeyConfig[] = [];
  const issuers: string[] = [];
  const audiences: string[] = [];
  const claims = new Map<string, JsonValue>();
  let subject: string | undefined;
  let maxAgeSecs: bigint | undefined;
  let maxLifetimeSecs: bigint | undefined;
  let allowNonExpiring = false;
  for (const item of clause.items) {
    switch (item.kind) {
      case "JwtKey": {
        const alg = item.algorithm.name;
        const bytes = fromHex(item.key.hex);
        if (!isJwtAlgorithm(alg) || !bytes || !isWellFormedKey(alg, bytes)) return unchecked(`jwt key ${alg} 0x${item.key.hex}`);
        keys.push({ alg, keyBytes: mosaikKeyBytes(alg, bytes) });
        break;
      }
      case "JwtIssuer":
        issuers.push(item.value.value);
        break;
      case "JwtAudience":
        audiences.push(item.value.value);
        break;
      case "JwtSubject":
        subject = item.value.value;
        break;
      case "JwtClaim": {
        const value = claimLiteralValue(item.value);
        if (value === undefined) return unchecked(`claim ${item.name.name}`);
        claims.set(item.name.name, value);
        break;
      }
      case "JwtMaxAge":
        maxAgeSecs = durationLiteralSeconds(item.value) ?? unchecked("jwt max_age");
        break;
      case "JwtMaxLifetime":
        maxLifetimeSecs = durationLiteralSeconds(item.value) ?? unchecked("jwt max_lifetime");
        break;
      case "JwtAllowNonExpiring":
        allowNonExpiring = true;
        break;
      default:
        return unreachable(item);
    }
  }
  if (keys.length === 0) return unchecked("a jwt clause without a key");
  return { keys, allowNonExpiring, issuers, audiences, subject, maxLifetimeSecs, maxAgeSecs, claims };
}

/** A tdx clause, or an organism's `measurements` set (which has no time limits). */
export function tdxConfigFromAst(clause: TdxClause | MeasurementSet): TdxValidatorConfig {
  if (clause.kind === "MeasurementSet") {
    return { baseline: criteriaFromEntries(clause.entries), variants: clause.variants.map(criteriaFromVariant) };
  }
  const baselineEntries: MeasurementEntry[] = [];
  const variants: MeasurementsCriteriaConfig[] = [];
  let maxAgeSecs: bigint | undefined;
  let notBeforeUnix: bigint | undefined;
  let maxLifetimeSecs: bigint | undefined;
  for (const item of clause.items) {
    switch (item.kind) {
      case "MeasurementEntry":
        baselineEntries.push(item);
        break;
      case "MeasurementVariant":
        variants.push(criteriaFromVariant(item));
        break;
      case "TdxMaxAge":
        maxAgeSecs = durationLiteralSeconds(item.value) ?? unchecked("tdx max_age");
        break;
      case "TdxNotBefore":
        notBeforeUnix = timestampLiteralUnix(item.value) ?? unchecked("tdx not_before");
        break;
      case "TdxMaxLifetime":
        maxLifetimeSecs = durationLiteralSeconds(item.value) ?? unchecked("tdx max_lifetime");
        break;
      case "TdxCollateral":
      case "TdxAcceptStatus":
        // Smalt's quote-verification policy: not part of mosaik's Tdx signature (see docs/fingerprints.md).
        break;
      default:
        return unreachable(item);
    }
  }
  return { baseline: criteriaFromEntries(baselineEntries), variants, maxAgeSecs, notBeforeUnix, maxLifetimeSecs };
}

function criteriaFromVariant(v: MeasurementVariant): MeasurementsCriteriaConfig {
  return criteriaFromEntries(v.entries);
}

function criteriaFromEntries(entries: readonly MeasurementEntry[]): MeasurementsCriteriaConfig {
  const criteria: Partial<Record<MeasurementRegister, Uint8Array>> = {};
  for (const entry of entries) {
    const register = entry.register.name;
    const bytes = entry.value ? fromHex(entry.value.hex) : undefined;
    if (!isRegister(register) || criteria[register] || !bytes || bytes.length !== MEASUREMENT_LENGTH) {
      return unchecked(`measurement ${register}`);
    }
    criteria[register] = bytes;
  }
  return criteria;
}

function isRegister(name: string): name is MeasurementRegister {
  return (MEASUREMENT_REGISTERS as readonly string[]).includes(name);
}

function unchecked(what: string): never {
  throw new Error(`internal error: ${what} reached the fingerprint stage without passing the validator checks`);
}
