// Steps 4–12 of mosaik's JWT validation (mosaik.md §4.3), on a payload whose signature
// has verified: iss, sub, nbf, exp, max_lifetime, max_age, aud, required claims, in that
// order, against `now` from the caller. The Expiration is `exp` (exclusive), or never.
import { showDuration, showTimestamp } from "../../../compiler/diff/show-ir.js";
import type { JwtValidatorConfig } from "../../../compiler/fingerprint/validator-signatures.js";
import { type AdmissionCode, type Refusal, refusal } from "../codes.js";
import type { Expiration } from "../decision.js";
import { claimEntries, jsonEquals } from "./claim-values.js";

type Payload = Readonly<Record<string, unknown>>;
export type ClaimsVerdict = { readonly ok: true; readonly expires: Expiration } | ({ readonly ok: false } & Refusal);

const refuse = (code: AdmissionCode, reason: string): ClaimsVerdict => ({ ok: false, ...refusal(code, reason) });

export function checkClaims(payload: Payload, cfg: JwtValidatorConfig, peer: string, now: bigint): ClaimsVerdict {
  const iss = claim(payload, "iss");
  if (cfg.issuers.length > 0 && !(typeof iss === "string" && cfg.issuers.includes(iss))) {
    return refuse("A1003", `iss ${shown(iss)} is not an allowed issuer (${list(cfg.issuers)})`);
  }
  const sub = claim(payload, "sub");
  const subject = cfg.subject ?? peer;
  if (sub !== subject) {
    const whose = cfg.subject === undefined ? "the presenting peer's id" : "the validator's subject";
    return refuse("A1005", `sub ${shown(sub)} is not ${whose} ${JSON.stringify(subject)}`);
  }
  const times = { nbf: numericDate(payload, "nbf"), exp: numericDate(payload, "exp"), iat: numericDate(payload, "iat") };
  for (const [name, t] of Object.entries(times)) {
    if (t === "malformed") return refuse("A1015", `${name} ${shown(claim(payload, name))} is not a whole number of seconds`);
  }
  const { nbf, exp, iat } = times as Record<keyof typeof times, bigint | undefined>;
  if (nbf !== undefined && nbf > now) return refuse("A1013", `nbf ${at(nbf)} is after now ${at(now)}`);
  if (exp === undefined && !cfg.allowNonExpiring) return refuse("A1012", "the token has no exp and the validator does not allow_non_expiring");
  if (exp !== undefined && exp <= now) return refuse("A1008", `exp ${at(exp)} is not after now ${at(now)}`);
  if (cfg.maxLifetimeSecs !== undefined) {
    const max = showDuration(cfg.maxLifetimeSecs);
    if (exp === undefined) return refuse("A1011", `the token never expires, beyond max_lifetime ${max}`);
    if (exp - now > cfg.maxLifetimeSecs) return refuse("A1011", `exp ${at(exp)} is ${showDuration(exp - now)} after now, beyond max_lifetime ${max}`);
  }
  if (cfg.maxAgeSecs !== undefined) {
    const max = showDuration(cfg.maxAgeSecs);
    if (iat === undefined) return refuse("A1010", `the token has no iat, which max_age ${max} needs`);
    if (now - iat > cfg.maxAgeSecs) return refuse("A1009", `iat ${at(iat)} is ${showDuration(now - iat)} before now, beyond max_age ${max}`);
  }
  if (cfg.audiences.length > 0 && !audienceMatches(claim(payload, "aud"), cfg.audiences)) {
    return refuse("A1004", `aud ${shown(claim(payload, "aud"))} names no allowed audience (${list(cfg.audiences)})`);
  }
  for (const [name, required] of claimEntries(cfg.claims)) {
    if (!Object.hasOwn(payload, name)) return refuse("A1006", `the token has no claim ${JSON.stringify(name)} (required: ${shown(required)})`);
    const actual = payload[name];
    if (!jsonEquals(required, actual)) return refuse("A1007", `claim ${JSON.stringify(name)} is ${shown(actual)}, not ${shown(required)}`);
  }
  return { ok: true, expires: exp === undefined ? { kind: "never" } : { kind: "at", unix: exp } };
}

/** RFC 7519 §4.1.3: `aud` is one string or an array of them; one allowed audience suffices. */
function audienceMatches(aud: unknown, allowed: readonly string[]): boolean {
  if (typeof aud === "string") return allowed.includes(aud);
  return Array.isArray(aud) && aud.some((a) => typeof a === "string" && allowed.includes(a));
}

function claim(payload: Payload, name: string): unknown {
  return Object.hasOwn(payload, name) ? payload[name] : undefined;
}

/** A NumericDate as mosaik reads it: absent, or a whole number of seconds that JSON carries exactly. */
function numericDate(payload: Payload, name: string): bigint | undefined | "malformed" {
  const v = claim(payload, name);
  if (v === undefined) return undefined;
  return typeof v === "number" && Number.isSafeInteger(v) ? BigInt(v) : "malformed";
}

function shown(v: unknown): string {
  if (v === undefined) return "(absent)";
  if (typeof v === "bigint") return v.toString();
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === "bigint" ? Number(x) : x)) ?? String(v);
}

const at = (unix: bigint) => `${unix} (${showTimestamp(unix).slice(1)})`;
const list = (xs: readonly string[]) => xs.map((x) => JSON.stringify(x)).join(", ");
