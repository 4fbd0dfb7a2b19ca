// Real signing keys and tokens for the admission tests, generated per run with jose: an
// HMAC secret, P-256/P-384 and Ed25519 key pairs, and the hex a Smalt `key` line takes
// (the raw secret, the compressed SEC1 point, the 32-byte Ed25519 key).
import { randomBytes } from "node:crypto";
import { CompactSign, exportJWK, generateKeyPair } from "jose";

export interface SigningKey {
  /** The JOSE `alg` the key signs with. */
  readonly alg: string;
  /** What the policy writes after `key <alg>`: `0x…`. */
  readonly policyHex: string;
  /** The policy line: `key es256 0x…`. */
  readonly line: string;
  readonly sign: CryptoKey | Uint8Array;
}

export function hmacKey(alg: "HS256" | "HS384" | "HS512" = "HS256"): SigningKey {
  const secret = randomBytes({ HS256: 32, HS384: 48, HS512: 64 }[alg]);
  const policyHex = `0x${secret.toString("hex")}`;
  return { alg, policyHex, line: `key ${alg.toLowerCase()} ${policyHex}`, sign: new Uint8Array(secret) };
}

export async function ecKey(alg: "ES256" | "ES384" = "ES256", form: "compressed" | "uncompressed" = "compressed"): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const jwk = await exportJWK(publicKey);
  const x = Buffer.from(jwk.x as string, "base64url");
  const y = Buffer.from(jwk.y as string, "base64url");
  const point = form === "compressed" ? Buffer.concat([Buffer.from([(y[y.length - 1] & 1) === 1 ? 3 : 2]), x]) : Buffer.concat([Buffer.from([4]), x, y]);
  const policyHex = `0x${point.toString("hex")}`;
  return { alg, policyHex, line: `key ${alg.toLowerCase()} ${policyHex}`, sign: privateKey };
}

export async function edKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair("EdDSA", { crv: "Ed25519", extractable: true });
  const jwk = await exportJWK(publicKey);
  const policyHex = `0x${Buffer.from(jwk.x as string, "base64url").toString("hex")}`;
  return { alg: "EdDSA", policyHex, line: `key eddsa ${policyHex}`, sign: privateKey };
}

/** A compact JWS over exactly these claims (any JSON, so tests can write malformed ones). */
export async function signToken(key: SigningKey, claims: Record<string, unknown>, header: Record<string, unknown> = {}): Promise<string> {
  const payload = new TextEncoder().encode(JSON.stringify(claims));
  return new CompactSign(payload).setProtectedHeader({ alg: key.alg, ...header }).sign(key.sign);
}
