// mosaik's Digest primitives (mosaik:src/primitives/id.rs, mosaik.md §3.1), byte for byte:
// every id, signature and GroupId the fingerprint stage computes is built from these five.
import { blake3 } from "@noble/hashes/blake3.js";
import { concatBytes, fromHex, intLE, isHex64, utf8 } from "./bytes.js";

/** A 32-byte BLAKE3 value: mosaik's Digest / UniqueId / NetworkId / GroupId. */
export type Digest = Uint8Array;

export const DIGEST_LENGTH = 32;

/** What `derive` accepts after a digest: a string (as UTF-8) or raw bytes (a digest, LE integer bytes, …). */
export type DeriveInfo = string | Uint8Array;

/**
 * `id!("…")` / `Digest::from(&str)`: a string of exactly 64 hex characters (either case) is
 * decoded to its 32 bytes; anything else is blake3 of its UTF-8 bytes.
 */
export function id(s: string): Digest {
  if (isHex64(s)) return fromHex(s) as Uint8Array;
  return blake3(utf8(s));
}

/** `x.derive(info)` = blake3(x ‖ info). */
export function derive(x: Digest, info: DeriveInfo): Digest {
  assertDigest(x, "derive");
  return blake3(concatBytes([x, typeof info === "string" ? utf8(info) : info]));
}

/** `x.hashed()` = blake3(x). */
export function hashed(x: Digest): Digest {
  assertDigest(x, "hashed");
  return blake3(x);
}

/** `Digest::from_parts([p0, p1, …])` = blake3(p0 ‖ p1 ‖ …): plain concatenation, no length prefixes. */
export function fromParts(parts: readonly DeriveInfo[]): Digest {
  return blake3(concatBytes(parts.map((p) => (typeof p === "string" ? utf8(p) : p))));
}

/**
 * `Digest::from_u64(n)`: **not hashed** — 32 zero bytes with the little-endian bytes of `n`
 * at the tail (the mosaik book says otherwise; the code is authoritative).
 */
export function fromU64(n: bigint | number): Digest {
  return fromLE(intLE(n, 8, false));
}

/** `Digest::from_u128(n)`: like `fromU64`, with 16 LE bytes at the tail. */
export function fromU128(n: bigint | number): Digest {
  return fromLE(intLE(n, 16, false));
}

/** `Digest::zero()`. */
export function zero(): Digest {
  return new Uint8Array(DIGEST_LENGTH);
}

/** A chain of derives: `x.derive(a).derive(b)…`, the shape of every mosaik signature. */
export function deriveAll(x: Digest, infos: readonly DeriveInfo[]): Digest {
  let acc = x;
  for (const info of infos) acc = derive(acc, info);
  return acc;
}

function fromLE(le: Uint8Array): Digest {
  const out = new Uint8Array(DIGEST_LENGTH);
  out.set(le, DIGEST_LENGTH - le.length);
  return out;
}

function assertDigest(x: Uint8Array, op: string): void {
  if (x.length !== DIGEST_LENGTH) {
    throw new RangeError(`internal error: ${op} needs a 32-byte digest, got ${x.length} bytes`);
  }
}
