// Byte helpers for the fingerprint stage: hex, UTF-8, concatenation and the fixed-width
// little-endian integer encodings mosaik folds into its derive chains (mosaik.md §3.1).
// Out-of-range integers throw: callers pass checked values, so a throw is a Smalt bug.

const HEX_DIGITS = "0123456789abcdef";
const encoder = new TextEncoder();

/** Lowercase hex of `bytes` (no `0x` prefix): the human-readable form of every id. */
export function toHex(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes) out += HEX_DIGITS[b >> 4] + HEX_DIGITS[b & 15];
  return out;
}

/** The bytes of an even-length hex string (either case, no prefix); undefined if it is not one. */
export function fromHex(hex: string): Uint8Array | undefined {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) return undefined;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** True when `s` is exactly 64 hex characters: mosaik decodes such strings instead of hashing them. */
export function isHex64(s: string): boolean {
  return /^[0-9a-fA-F]{64}$/.test(s);
}

/**
 * UTF-8 bytes of `s`. A lone surrogate (which no Rust string can hold) becomes U+FFFD, as
 * TextEncoder does; the validator checks refuse such strings before they reach a fingerprint.
 */
export function utf8(s: string): Uint8Array {
  return encoder.encode(s);
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** `n` bytes all equal to `value` (mosaik's `[v; n]` arrays: sentinels and zero fillers). */
export function filled(length: number, value: number): Uint8Array {
  return new Uint8Array(length).fill(value);
}

/** Little-endian two's-complement encoding of `n` in `width` bytes; throws if it does not fit. */
export function intLE(n: bigint | number, width: number, signed: boolean): Uint8Array {
  const value = BigInt(n);
  const bits = BigInt(width * 8);
  const min = signed ? -(1n << (bits - 1n)) : 0n;
  const max = signed ? (1n << (bits - 1n)) - 1n : (1n << bits) - 1n;
  if (value < min || value > max) {
    throw new RangeError(`internal error: ${value} does not fit in ${signed ? "i" : "u"}${width * 8}`);
  }
  let x = value < 0n ? (1n << bits) + value : value;
  const out = new Uint8Array(width);
  for (let i = 0; i < width; i++) {
    out[i] = Number(x & 0xffn);
    x >>= 8n;
  }
  return out;
}

/** Rust `u64::to_le_bytes`. */
export function u64LE(n: bigint | number): Uint8Array {
  return intLE(n, 8, false);
}

/** Rust `i64::to_le_bytes`. */
export function i64LE(n: bigint | number): Uint8Array {
  return intLE(n, 8, true);
}

/** Rust `u128::to_le_bytes` (what `Duration::as_millis()` folds into). */
export function u128LE(n: bigint | number): Uint8Array {
  return intLE(n, 16, false);
}

/** Compare strings the way Rust's `BTreeMap<String, _>` orders keys: by UTF-8 bytes (= code points). */
export function compareUtf8(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const d = (x[i].codePointAt(0) ?? 0) - (y[i].codePointAt(0) ?? 0);
    if (d !== 0) return d;
  }
  return x.length - y.length;
}
