// The Fingerprint boundary type: a digest that says how it was made. Raw `Digest`s flow
// inside the fingerprint stage; what leaves it (emitted modules, diff reports, the CLI)
// is a Fingerprint, so a reader can tell a mosaik-layout id from a future re-encoding.
import { bytesEqual, fromHex, toHex } from "./bytes.js";
import { DIGEST_LENGTH, type Digest } from "./digest.js";

export type FingerprintAlgorithm = "blake3-256";

/**
 * Which preimage layout produced the bytes:
 * - `mosaik`: mosaik's own derive chains (ids, validator signatures, GroupId, stable id);
 *   version 1 is the layout of mosaik.md §3, checked against its golden vectors.
 */
export type FingerprintEncoding = "mosaik";

export interface Fingerprint {
  readonly algorithm: FingerprintAlgorithm;
  readonly encoding: FingerprintEncoding;
  readonly encodingVersion: number;
  readonly bytes: Digest; // 32 bytes
}

/** The current version of the mosaik layout; bump it if a formula of mosaik.md §3 changes. */
export const MOSAIK_ENCODING_VERSION = 1;

/** Wrap a digest computed with mosaik's formulas. */
export function mosaikFingerprint(bytes: Digest): Fingerprint {
  if (bytes.length !== DIGEST_LENGTH) {
    throw new RangeError(`internal error: a fingerprint is 32 bytes, got ${bytes.length}`);
  }
  return { algorithm: "blake3-256", encoding: "mosaik", encodingVersion: MOSAIK_ENCODING_VERSION, bytes };
}

/** Lowercase hex of the bytes: mosaik's human-readable (serde) form of a Digest. */
export function fingerprintHex(f: Fingerprint): string {
  return toHex(f.bytes);
}

/** `blake3-256/mosaik@1:<64 hex>`: the self-describing text form written to goldens and reports. */
export function formatFingerprint(f: Fingerprint): string {
  return `${f.algorithm}/${f.encoding}@${f.encodingVersion}:${toHex(f.bytes)}`;
}

/** Inverse of `formatFingerprint`; undefined for text that is not one. */
export function parseFingerprint(text: string): Fingerprint | undefined {
  const m = /^blake3-256\/(mosaik)@(\d+):([0-9a-f]{64})$/.exec(text);
  if (!m) return undefined;
  return {
    algorithm: "blake3-256",
    encoding: m[1] as FingerprintEncoding,
    encodingVersion: Number(m[2]),
    bytes: fromHex(m[3]) as Uint8Array,
  };
}

/** Equal only when algorithm, encoding, version and bytes all agree. */
export function fingerprintsEqual(a: Fingerprint, b: Fingerprint): boolean {
  return (
    a.algorithm === b.algorithm &&
    a.encoding === b.encoding &&
    a.encodingVersion === b.encodingVersion &&
    bytesEqual(a.bytes, b.bytes)
  );
}
