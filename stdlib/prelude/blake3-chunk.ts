// Prelude: BLAKE3-256 (plain or keyed) of a single-chunk input (at most 1024 bytes),
// read from several segments without concatenating them. State hashing feeds BLAKE3
// many short inputs (a tree node is three digests), where @noble/hashes spends most of
// its time in per-call setup and large temporary buffers cost GC; this is the reference
// algorithm for the one-chunk case, checked against noble (both modes) in tests.

/** Largest input handled here: one BLAKE3 chunk. Longer inputs go to the general hasher. */
export const CHUNK_LEN = 1024;

const IV: readonly number[] = [
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
];

const CHUNK_START = 1;
const CHUNK_END = 2;
const ROOT = 8;
const KEYED_HASH = 16;

/** Message word order for each of the 7 rounds: round r applies the permutation r times. */
const SCHEDULE: readonly (readonly number[])[] = (() => {
  const permutation = [2, 6, 3, 10, 7, 0, 4, 13, 1, 11, 12, 5, 9, 14, 15, 8];
  const rounds: number[][] = [];
  let order = Array.from({ length: 16 }, (_, i) => i);
  for (let r = 0; r < 7; r++) {
    rounds.push(order);
    order = permutation.map((p) => order[p]);
  }
  return rounds;
})();

/**
 * The BLAKE3 compression function on chunk 0; writes the new chaining value into `cv`.
 * The state lives in 16 locals and each G is written out, which is what lets V8 keep
 * it in registers (a typed-array state ran about 2x slower).
 */
function compress(cv: number[], m: number[], blockLen: number, flags: number): void {
  let v0 = cv[0], v1 = cv[1], v2 = cv[2], v3 = cv[3], v4 = cv[4], v5 = cv[5], v6 = cv[6], v7 = cv[7];
  let v8 = IV[0], v9 = IV[1], v10 = IV[2], v11 = IV[3];
  let v12 = 0, v13 = 0, v14 = blockLen, v15 = flags; // counter is 0: always the first chunk
  for (let r = 0; r < 7; r++) {
    const s = SCHEDULE[r];
    v0 = (v0 + v4 + m[s[0]]) | 0; v12 ^= v0; v12 = (v12 >>> 16) | (v12 << 16);
    v8 = (v8 + v12) | 0; v4 ^= v8; v4 = (v4 >>> 12) | (v4 << 20);
    v0 = (v0 + v4 + m[s[1]]) | 0; v12 ^= v0; v12 = (v12 >>> 8) | (v12 << 24);
    v8 = (v8 + v12) | 0; v4 ^= v8; v4 = (v4 >>> 7) | (v4 << 25);
    v1 = (v1 + v5 + m[s[2]]) | 0; v13 ^= v1; v13 = (v13 >>> 16) | (v13 << 16);
    v9 = (v9 + v13) | 0; v5 ^= v9; v5 = (v5 >>> 12) | (v5 << 20);
    v1 = (v1 + v5 + m[s[3]]) | 0; v13 ^= v1; v13 = (v13 >>> 8) | (v13 << 24);
    v9 = (v9 + v13) | 0; v5 ^= v9; v5 = (v5 >>> 7) | (v5 << 25);
    v2 = (v2 + v6 + m[s[4]]) | 0; v14 ^= v2; v14 = (v14 >>> 16) | (v14 << 16);
    v10 = (v10 + v14) | 0; v6 ^= v10; v6 = (v6 >>> 12) | (v6 << 20);
    v2 = (v2 + v6 + m[s[5]]) | 0; v14 ^= v2; v14 = (v14 >>> 8) | (v14 << 24);
    v10 = (v10 + v14) | 0; v6 ^= v10; v6 = (v6 >>> 7) | (v6 << 25);
    v3 = (v3 + v7 + m[s[6]]) | 0; v15 ^= v3; v15 = (v15 >>> 16) | (v15 << 16);
    v11 = (v11 + v15) | 0; v7 ^= v11; v7 = (v7 >>> 12) | (v7 << 20);
    v3 = (v3 + v7 + m[s[7]]) | 0; v15 ^= v3; v15 = (v15 >>> 8) | (v15 << 24);
    v11 = (v11 + v15) | 0; v7 ^= v11; v7 = (v7 >>> 7) | (v7 << 25);
    v0 = (v0 + v5 + m[s[8]]) | 0; v15 ^= v0; v15 = (v15 >>> 16) | (v15 << 16);
    v10 = (v10 + v15) | 0; v5 ^= v10; v5 = (v5 >>> 12) | (v5 << 20);
    v0 = (v0 + v5 + m[s[9]]) | 0; v15 ^= v0; v15 = (v15 >>> 8) | (v15 << 24);
    v10 = (v10 + v15) | 0; v5 ^= v10; v5 = (v5 >>> 7) | (v5 << 25);
    v1 = (v1 + v6 + m[s[10]]) | 0; v12 ^= v1; v12 = (v12 >>> 16) | (v12 << 16);
    v11 = (v11 + v12) | 0; v6 ^= v11; v6 = (v6 >>> 12) | (v6 << 20);
    v1 = (v1 + v6 + m[s[11]]) | 0; v12 ^= v1; v12 = (v12 >>> 8) | (v12 << 24);
    v11 = (v11 + v12) | 0; v6 ^= v11; v6 = (v6 >>> 7) | (v6 << 25);
    v2 = (v2 + v7 + m[s[12]]) | 0; v13 ^= v2; v13 = (v13 >>> 16) | (v13 << 16);
    v8 = (v8 + v13) | 0; v7 ^= v8; v7 = (v7 >>> 12) | (v7 << 20);
    v2 = (v2 + v7 + m[s[13]]) | 0; v13 ^= v2; v13 = (v13 >>> 8) | (v13 << 24);
    v8 = (v8 + v13) | 0; v7 ^= v8; v7 = (v7 >>> 7) | (v7 << 25);
    v3 = (v3 + v4 + m[s[14]]) | 0; v14 ^= v3; v14 = (v14 >>> 16) | (v14 << 16);
    v9 = (v9 + v14) | 0; v4 ^= v9; v4 = (v4 >>> 12) | (v4 << 20);
    v3 = (v3 + v4 + m[s[15]]) | 0; v14 ^= v3; v14 = (v14 >>> 8) | (v14 << 24);
    v9 = (v9 + v14) | 0; v4 ^= v9; v4 = (v4 >>> 7) | (v4 << 25);
  }
  cv[0] = (v0 ^ v8) >>> 0; cv[1] = (v1 ^ v9) >>> 0; cv[2] = (v2 ^ v10) >>> 0; cv[3] = (v3 ^ v11) >>> 0;
  cv[4] = (v4 ^ v12) >>> 0; cv[5] = (v5 ^ v13) >>> 0; cv[6] = (v6 ^ v14) >>> 0; cv[7] = (v7 ^ v15) >>> 0;
}

/** A digest or key as eight little-endian 32-bit words, BLAKE3's native form (no ArrayBuffer). */
export type Words = readonly number[];

/** A hash input segment: a byte array, or a plain array of byte values. */
export type Bytes = Uint8Array | readonly number[];

export function bytesToWords(b: Uint8Array): number[] {
  if (b.length !== 32) throw new RangeError("a BLAKE3 digest or key is 32 bytes");
  const w: number[] = [];
  for (let i = 0; i < 32; i += 4) w.push((b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0);
  return w;
}

export function wordsToBytes(w: Words): Uint8Array {
  const out = new Uint8Array(32);
  for (let i = 0; i < 8; i++) {
    out[i * 4] = w[i] & 0xff;
    out[i * 4 + 1] = (w[i] >>> 8) & 0xff;
    out[i * 4 + 2] = (w[i] >>> 16) & 0xff;
    out[i * 4 + 3] = w[i] >>> 24;
  }
  return out;
}

/**
 * BLAKE3-256 of the concatenation of `parts` (at most CHUNK_LEN bytes in total), as
 * words: the plain hash when `key` is null, else the keyed hash with that key. The
 * working state lives in plain arrays: with a million live digests on the heap, every
 * typed array allocated per call showed up as garbage-collection time.
 */
export function blake3ChunkWords(parts: readonly Bytes[], key: Words | null): number[] {
  let len = 0;
  for (const p of parts) len += p.length;
  if (len > CHUNK_LEN) throw new RangeError(`blake3Chunk: input of ${len} bytes exceeds one chunk`);
  const cv = (key ?? IV).slice(0, 8);
  const mode = key === null ? 0 : KEYED_HASH;
  const m: number[] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
  const blocks = len === 0 ? 1 : Math.ceil(len / 64);
  let seg = 0;
  let off = 0;
  for (let b = 0; b < blocks; b++) {
    const blockLen = Math.min(64, len - b * 64);
    for (let w = 0; w < 16; w++) m[w] = 0;
    for (let i = 0; i < blockLen; ) {
      const p = parts[seg];
      if (off === p.length) {
        seg++;
        off = 0;
      } else if ((i & 3) === 0 && blockLen - i >= 4 && p.length - off >= 4) {
        m[i >> 2] = (p[off] | (p[off + 1] << 8) | (p[off + 2] << 16) | (p[off + 3] << 24)) >>> 0;
        i += 4;
        off += 4;
      } else {
        m[i >> 2] = (m[i >> 2] | (p[off++] << ((i & 3) * 8))) >>> 0;
        i++;
      }
    }
    let flags = mode | (b === 0 ? CHUNK_START : 0);
    if (b === blocks - 1) flags |= CHUNK_END | ROOT;
    compress(cv, m, blockLen, flags);
  }
  return cv;
}

/** Keyed BLAKE3 of `left ‖ entry ‖ right` (96 bytes, two blocks), straight from word digests; null is 32 zero bytes. */
export function nodeWords(left: Words | null, entry: Words, right: Words | null, key: Words): number[] {
  const cv = key.slice(0, 8);
  const m: number[] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
  for (let i = 0; i < 8; i++) {
    m[i] = left === null ? 0 : left[i];
    m[8 + i] = entry[i];
  }
  compress(cv, m, 64, KEYED_HASH | CHUNK_START);
  for (let i = 0; i < 8; i++) {
    m[i] = right === null ? 0 : right[i];
    m[8 + i] = 0;
  }
  compress(cv, m, 32, KEYED_HASH | CHUNK_END | ROOT);
  return cv;
}

/**
 * Keyed BLAKE3 of `d_1 ‖ … ‖ d_m ‖ trailer`, where the d_i are 32-byte digests given as
 * words and `trailer` is 2 bytes given as the little-endian word holding them; at most 31
 * digests (one chunk). The message is never materialized: each 64-byte block is filled
 * straight from two digests (or the trailer).
 */
export function keyedDigestsAndTrailer(digests: readonly Words[], trailer: number, key: Words): number[] {
  const count = digests.length;
  const len = 32 * count + 2;
  if (len > CHUNK_LEN) throw new RangeError(`keyedDigestsAndTrailer: input of ${len} bytes exceeds one chunk`);
  const cv = key.slice(0, 8);
  const m: number[] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
  const blocks = Math.ceil(len / 64);
  for (let b = 0; b < blocks; b++) {
    for (let half = 0; half < 2; half++) {
      const d = 2 * b + half;
      const at = 8 * half;
      if (d < count) {
        const w = digests[d];
        for (let i = 0; i < 8; i++) m[at + i] = w[i];
      } else {
        m[at] = d === count ? trailer : 0;
        for (let i = 1; i < 8; i++) m[at + i] = 0;
      }
    }
    let flags = KEYED_HASH | (b === 0 ? CHUNK_START : 0);
    if (b === blocks - 1) flags |= CHUNK_END | ROOT;
    compress(cv, m, Math.min(64, len - b * 64), flags);
  }
  return cv;
}
