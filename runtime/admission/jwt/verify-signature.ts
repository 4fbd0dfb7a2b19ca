// Steps 1–3 of mosaik's JWT validation (mosaik.md §4.3): the ticket is a UTF-8 compact
// JWS, its `alg` is one Smalt accepts and some configured key has, and the signature
// verifies against one of those keys (several allow rotation). jose does the crypto.
import { compactVerify, decodeProtectedHeader, errors } from "jose";
import { type AdmissionCode, type Refusal, refusal } from "../codes.js";
import type { VerifyingKey } from "./verifying-keys.js";

/** The `alg` values Smalt keys verify: HS256/384/512, ES256/384 and EdDSA (Ed25519). */
export const ACCEPTED_ALGORITHMS: readonly string[] = ["HS256", "HS384", "HS512", "ES256", "ES384", "EdDSA"];

export type SignatureVerdict = { readonly ok: true; readonly payload: Record<string, unknown> } | ({ readonly ok: false } & Refusal);

const refuse = (code: AdmissionCode, reason: string): SignatureVerdict => ({ ok: false, ...refusal(code, reason) });

export async function verifySignature(data: Uint8Array, keys: readonly VerifyingKey[]): Promise<SignatureVerdict> {
  const token = utf8(data);
  if (token === undefined) return refuse("A1000", "the ticket is not UTF-8 text");
  if (token.split(".").length !== 3) return refuse("A1000", "the ticket is not a compact JWS (header.payload.signature)");
  let alg: unknown;
  try {
    alg = decodeProtectedHeader(token).alg;
  } catch (e) {
    return refuse("A1000", `the JWS header cannot be read: ${message(e)}`);
  }
  if (typeof alg !== "string") return refuse("A1000", "the JWS header has no `alg`");
  if (!ACCEPTED_ALGORITHMS.includes(alg)) {
    return refuse("A1014", `alg ${JSON.stringify(alg)} is not accepted; Smalt verifies ${ACCEPTED_ALGORITHMS.join(", ")}`);
  }
  const candidates = keys.filter((k) => k.alg === alg);
  if (candidates.length === 0) {
    const configured = [...new Set(keys.map((k) => k.alg))].join(", ");
    return refuse("A1002", `no configured key verifies ${alg} (the validator's keys are ${configured})`);
  }
  for (const { key } of candidates) {
    try {
      const { payload } = await compactVerify(token, key, { algorithms: [alg] });
      return claimsObject(payload);
    } catch (e) {
      if (e instanceof errors.JWSSignatureVerificationFailed) continue;
      return refuse("A1000", `the token is not a valid JWS: ${message(e)}`);
    }
  }
  const tried = candidates.length === 1 ? "the configured key" : `any of the ${candidates.length} configured ${alg} keys`;
  return refuse("A1001", `the ${alg} signature does not verify against ${tried}`);
}

function claimsObject(payload: Uint8Array): SignatureVerdict {
  const text = utf8(payload);
  if (text === undefined) return refuse("A1000", "the JWT payload is not UTF-8 text");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return refuse("A1000", "the JWT payload is not JSON");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return refuse("A1000", "the JWT payload is not a JSON object");
  return { ok: true, payload: value as Record<string, unknown> };
}

function utf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
