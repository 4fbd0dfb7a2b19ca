// JSON claim values: the required ones of a jwt clause (`claim tier = "gold"`), compared
// with serde_json equality; and the verified payload as facts for `require` predicates.
// JSON.parse reads numbers as doubles, so an integer outside ±(2^53 − 1) is not known
// exactly: it never equals a required integer and is not offered to predicates (fail closed).
import type { JsonValue } from "../../../compiler/fingerprint/json-text.js";
import type { JwtValidatorConfig } from "../../../compiler/fingerprint/validator-signatures.js";
import type { ClaimFact, TicketFacts } from "../ticket.js";

export function claimEntries(claims: JwtValidatorConfig["claims"]): [string, JsonValue][] {
  return claims instanceof Map ? [...claims.entries()] : Object.entries(claims);
}

/** serde_json `Value` equality of a required value and a parsed token value (integers exact). */
export function jsonEquals(required: JsonValue, actual: unknown): boolean {
  if (required === null) return actual === null;
  if (typeof required === "bigint" || typeof required === "number") {
    return typeof actual === "number" && Number.isSafeInteger(actual) && BigInt(actual) === BigInt(required);
  }
  if (typeof required !== "object") return required === actual;
  if (Array.isArray(required)) {
    return Array.isArray(actual) && actual.length === required.length && required.every((r: JsonValue, i) => jsonEquals(r, actual[i]));
  }
  if (typeof actual !== "object" || actual === null || Array.isArray(actual)) return false;
  const want = Object.entries(required as Record<string, JsonValue>);
  const have = actual as Record<string, unknown>;
  return Object.keys(have).length === want.length && want.every(([k, v]) => Object.hasOwn(have, k) && jsonEquals(v, have[k]));
}

/** The payload's top-level strings, booleans and exact integers; `iss` and `sub` when they are strings. */
export function ticketFacts(payload: Readonly<Record<string, unknown>>): TicketFacts {
  const claims = new Map<string, ClaimFact>();
  for (const [name, v] of Object.entries(payload)) {
    const fact = claimFact(v);
    if (fact !== undefined) claims.set(name, fact);
  }
  const text = (name: string) => (typeof payload[name] === "string" && Object.hasOwn(payload, name) ? (payload[name] as string) : undefined);
  const issuer = text("iss");
  const subject = text("sub");
  return { claims, ...(issuer === undefined ? {} : { issuer }), ...(subject === undefined ? {} : { subject }) };
}

function claimFact(v: unknown): ClaimFact | undefined {
  if (typeof v === "string" || typeof v === "boolean") return v;
  if (typeof v === "number" && Number.isSafeInteger(v)) return BigInt(v);
  return undefined;
}
