// TicketValidator::signature() for mosaik's two validators, Jwt and Tdx, and for
// MeasurementsCriteria (mosaik.md §3.2, §3.7; mosaik:src/tickets/jwt.rs, src/tee/tdx/*.rs).
// Config objects in, 32-byte digests out; every field mosaik folds is folded, in its order.
import type { JwtAlgorithm } from "../syntax/ast.js";
import { compareUtf8, filled, i64LE, u64LE } from "./bytes.js";
import { type Digest, derive, deriveAll, id } from "./digest.js";
import { type JsonValue, serdeJsonText } from "./json-text.js";
import { JWT_CLASS, TDX_CLASS } from "./mosaik-digest.js";

export const MEASUREMENT_LENGTH = 48;

// JWT ------------------------------------------------------------------------

/** One verifying key as mosaik's key types hold it (HS secret, 33/49-byte compressed SEC1 point, Ed25519 key). */
export interface JwtKeyConfig {
  readonly alg: JwtAlgorithm;
  readonly keyBytes: Uint8Array;
}

export interface JwtValidatorConfig {
  readonly keys: readonly JwtKeyConfig[]; // in `add_key` order; mosaik needs at least one
  readonly allowNonExpiring: boolean;
  readonly issuers: readonly string[]; // in `allow_issuer` order
  readonly audiences: readonly string[]; // in `allow_audience` order
  readonly subject?: string;
  readonly maxLifetimeSecs?: bigint;
  readonly maxAgeSecs?: bigint;
  /** Required custom claims; folded in name order whatever the order here. */
  readonly claims: ReadonlyMap<string, JsonValue> | Readonly<Record<string, JsonValue>>;
}

/** The `alg` header value each key type verifies: what the signature chain folds. */
export const JWT_ALGORITHM_NAME: Readonly<Record<JwtAlgorithm, string>> = {
  hs256: "HS256",
  hs384: "HS384",
  hs512: "HS512",
  es256: "ES256",
  es384: "ES384",
  eddsa: "EdDSA",
};

/** The id prefix of each key fingerprint. mosaik spells the Ed25519 one `id!("EdDsa")`. */
export const JWT_KEY_FINGERPRINT_PREFIX: Readonly<Record<JwtAlgorithm, string>> = {
  hs256: "hs256",
  hs384: "hs384",
  hs512: "hs512",
  es256: "es256",
  es384: "es384",
  eddsa: "EdDsa",
};

/** `VerifyingKey.fingerprint` = id(alg prefix).derive(key bytes). */
export function jwtKeyFingerprint(key: JwtKeyConfig): Digest {
  return derive(id(JWT_KEY_FINGERPRINT_PREFIX[key.alg]), key.keyBytes);
}

/**
 * `Jwt::signature()`:
 *   CLASS, then per key .derive(alg name).derive(key fingerprint),
 *   .derive([allow_non_expiring]) .derive(issuers.join(",")) .derive(audiences.join(","))
 *   .derive(subject or "") .derive(u64LE(max_lifetime or 0)) .derive(u64LE(max_age or 0)),
 *   then per claim in name order .derive(name).derive(serde_json text of the value).
 */
export function jwtValidatorSignature(config: JwtValidatorConfig): Digest {
  let sig = JWT_CLASS;
  for (const key of config.keys) sig = deriveAll(sig, [JWT_ALGORITHM_NAME[key.alg], jwtKeyFingerprint(key)]);
  sig = deriveAll(sig, [
    Uint8Array.of(config.allowNonExpiring ? 1 : 0),
    config.issuers.join(","),
    config.audiences.join(","),
    config.subject ?? "",
    u64LE(config.maxLifetimeSecs ?? 0n),
    u64LE(config.maxAgeSecs ?? 0n),
  ]);
  for (const [name, value] of claimsInOrder(config.claims)) sig = deriveAll(sig, [name, serdeJsonText(value)]);
  return sig;
}

function claimsInOrder(claims: JwtValidatorConfig["claims"]): [string, JsonValue][] {
  const entries: [string, JsonValue][] = claims instanceof Map ? [...claims.entries()] : Object.entries(claims);
  return entries.sort((a, b) => compareUtf8(a[0], b[0]));
}

// TDX ------------------------------------------------------------------------

/** Required register values; a register left out means "any value". Each value is 48 bytes. */
export interface MeasurementsCriteriaConfig {
  readonly mrtd?: Uint8Array;
  readonly rtmr0?: Uint8Array;
  readonly rtmr1?: Uint8Array;
  readonly rtmr2?: Uint8Array;
  readonly rtmr3?: Uint8Array;
}

export const MEASUREMENT_REGISTERS = ["mrtd", "rtmr0", "rtmr1", "rtmr2", "rtmr3"] as const;
export type MeasurementRegister = (typeof MEASUREMENT_REGISTERS)[number];

/** The filler folded for an unconstrained register: `[9u8; 48]` for MR_TD, `[i+1; 48]` for RTMRi. */
const ANY_SENTINEL: Readonly<Record<MeasurementRegister, number>> = { mrtd: 9, rtmr0: 1, rtmr1: 2, rtmr2: 3, rtmr3: 4 };

/**
 * `MeasurementsCriteria::signature()` = id("mosaik.tee.tdx.measurements-criteria.v1")
 * .derive(mrtd ?? [9;48]).derive(rtmr0 ?? [1;48]) … .derive(rtmr3 ?? [4;48]).
 */
export function measurementsCriteriaSignature(criteria: MeasurementsCriteriaConfig): Digest {
  return deriveAll(
    id("mosaik.tee.tdx.measurements-criteria.v1"),
    MEASUREMENT_REGISTERS.map((r) => registerValue(criteria, r)),
  );
}

function registerValue(criteria: MeasurementsCriteriaConfig, register: MeasurementRegister): Uint8Array {
  const value = criteria[register];
  if (value === undefined) return filled(MEASUREMENT_LENGTH, ANY_SENTINEL[register]);
  if (value.length !== MEASUREMENT_LENGTH) {
    throw new RangeError(`internal error: ${register} must be 48 bytes, got ${value.length}`);
  }
  return value;
}

export interface TdxValidatorConfig {
  readonly baseline: MeasurementsCriteriaConfig;
  readonly variants: readonly MeasurementsCriteriaConfig[]; // any-of, in `allow_variant` order
  readonly maxAgeSecs?: bigint;
  readonly notBeforeUnix?: bigint;
  readonly maxLifetimeSecs?: bigint;
}

/**
 * `Tdx::signature()` = CLASS.derive(baseline sig), then .derive(variant sig) per variant,
 * then .derive(max_age ? u64LE(secs) : [0;8]) .derive(not_before ? i64LE(unix) : [0;8])
 * .derive(max_lifetime ? u64LE(secs) : [0;8]).
 */
export function tdxValidatorSignature(config: TdxValidatorConfig): Digest {
  let sig = derive(TDX_CLASS, measurementsCriteriaSignature(config.baseline));
  for (const variant of config.variants) sig = derive(sig, measurementsCriteriaSignature(variant));
  return deriveAll(sig, [
    config.maxAgeSecs === undefined ? filled(8, 0) : u64LE(config.maxAgeSecs),
    config.notBeforeUnix === undefined ? filled(8, 0) : i64LE(config.notBeforeUnix),
    config.maxLifetimeSecs === undefined ? filled(8, 0) : u64LE(config.maxLifetimeSecs),
  ]);
}
