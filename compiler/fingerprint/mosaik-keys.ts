// What mosaik's JWT key types hold (mosaik:src/tickets/jwt.rs): one fixed-size byte array
// per algorithm. The validator checks refuse other sizes; the config builder normalises an
// uncompressed SEC1 point to the compressed form mosaik's Es256/Es384 types take, so the
// key fingerprint is the one a Rust node configured with the same key computes.
import type { JwtAlgorithm } from "../syntax/ast.js";

/** The algorithms Smalt accepts, in the order diagnostics list them. */
export const JWT_ALGORITHMS: readonly JwtAlgorithm[] = ["hs256", "hs384", "hs512", "es256", "es384", "eddsa"];

export function isJwtAlgorithm(name: string): name is JwtAlgorithm {
  return (JWT_ALGORITHMS as readonly string[]).includes(name);
}

/**
 * mosaik's `Hs256([u8; 32])`, `Hs384([u8; 48])`, `Hs512([u8; 64])`: exactly the hash size,
 * which is also the minimum RFC 7518 §3.2 allows for an HMAC key.
 */
export const HMAC_SECRET_LENGTH = { hs256: 32, hs384: 48, hs512: 64 } as const;

/** SEC1 point sizes: 1 prefix byte + x (compressed, prefix 02/03) or + x + y (uncompressed, prefix 04). */
export const SEC1_POINT_LENGTH = {
  es256: { compressed: 33, uncompressed: 65 },
  es384: { compressed: 49, uncompressed: 97 },
} as const;

/** mosaik's `EdDsa([u8; 32])`: an Ed25519 public key. */
export const ED25519_KEY_LENGTH = 32;

export type KeyFamily = "hmac" | "sec1" | "ed25519";

export function keyFamily(alg: JwtAlgorithm): KeyFamily {
  switch (alg) {
    case "hs256":
    case "hs384":
    case "hs512":
      return "hmac";
    case "es256":
    case "es384":
      return "sec1";
    case "eddsa":
      return "ed25519";
  }
}

/** True when `bytes` have the shape mosaik's key type for `alg` can hold (after SEC1 compression). */
export function isWellFormedKey(alg: JwtAlgorithm, bytes: Uint8Array): boolean {
  switch (alg) {
    case "hs256":
    case "hs384":
    case "hs512":
      return bytes.length === HMAC_SECRET_LENGTH[alg];
    case "es256":
    case "es384": {
      const sizes = SEC1_POINT_LENGTH[alg];
      if (bytes.length === sizes.compressed) return bytes[0] === 0x02 || bytes[0] === 0x03;
      return bytes.length === sizes.uncompressed && bytes[0] === 0x04;
    }
    case "eddsa":
      return bytes.length === ED25519_KEY_LENGTH;
  }
}

/**
 * The bytes mosaik's key type holds for a well-formed key: an uncompressed SEC1 point
 * (04 ‖ x ‖ y) becomes 02/03 ‖ x, the prefix carrying the parity of y; everything else is kept.
 */
export function mosaikKeyBytes(alg: JwtAlgorithm, bytes: Uint8Array): Uint8Array {
  if (keyFamily(alg) !== "sec1" || bytes[0] !== 0x04) return bytes;
  const coordinate = (bytes.length - 1) / 2;
  const x = bytes.subarray(1, 1 + coordinate);
  const yIsOdd = (bytes[bytes.length - 1] & 1) === 1;
  const out = new Uint8Array(1 + coordinate);
  out[0] = yIsOdd ? 0x03 : 0x02;
  out.set(x, 1);
  return out;
}
