// Prelude: the single hashing entry point. Everything Smalt hashes at run time (map
// nodes, state sub-roots, state roots, `hash(x)`) goes through this file, so the BLAKE3
// implementation can be swapped after measurement without touching callers. Each kind
// of object is hashed in BLAKE3 keyed mode under its own domain key, so digests of
// different kinds can never be confused (docs/state-encoding.md §1, §4, §5).
import { blake3 as nobleBlake3 } from "@noble/hashes/blake3.js";
import { blake3ChunkWords, bytesToWords, CHUNK_LEN, keyedDigestsAndTrailer, nodeWords, wordsToBytes, type Bytes, type Words } from "./blake3-chunk.js";

export { bytesToWords, wordsToBytes, type Bytes, type Words };

export const HASH_ALGORITHM = "blake3-256";
export const DIGEST_LENGTH = 32;

/** The kinds of object hashed into state roots. */
export type Domain = "priority" | "entry" | "node" | "branch" | "field" | "root";
export const DOMAINS: readonly Domain[] = ["priority", "entry", "node", "branch", "field", "root"];

/** BLAKE3-256 of `data` (plain, unkeyed). */
export function blake3(data: Uint8Array): Uint8Array {
  return data.length <= CHUNK_LEN ? wordsToBytes(blake3ChunkWords([data], null)) : nobleBlake3(data);
}

function concat(parts: readonly Bytes[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The 32-byte key of a domain: BLAKE3(utf8("smalt.state.v1." + domain)). */
export function domainKey(domain: Domain): Uint8Array {
  return blake3(new TextEncoder().encode(`smalt.state.v1.${domain}`));
}

const KEYS: { readonly [D in Domain]: Words } = {
  priority: bytesToWords(domainKey("priority")),
  entry: bytesToWords(domainKey("entry")),
  node: bytesToWords(domainKey("node")),
  branch: bytesToWords(domainKey("branch")),
  field: bytesToWords(domainKey("field")),
  root: bytesToWords(domainKey("root")),
};

/** BLAKE3-256 keyed with `domainKey(domain)`, of the concatenation of `parts`, as words. */
export function hashInWords(domain: Domain, ...parts: Bytes[]): Words {
  let len = 0;
  for (const p of parts) len += p.length;
  if (len <= CHUNK_LEN) return blake3ChunkWords(parts, KEYS[domain]);
  return bytesToWords(nobleBlake3(concat(parts), { key: wordsToBytes(KEYS[domain]) }));
}

/** BLAKE3-256 keyed with `domainKey(domain)`, of the concatenation of `parts`. */
export function hashIn(domain: Domain, ...parts: Bytes[]): Uint8Array {
  return wordsToBytes(hashInWords(domain, ...parts));
}

/** A tree node's digest from word digests: keyed("node", left ‖ entry ‖ right); null is 32 zero bytes. */
export function hashNodeWords(left: Words | null, entry: Words, right: Words | null): Words {
  return nodeWords(left, entry, right, KEYS.node);
}

/**
 * A trie branch's digest from its children's word digests, in nibble order:
 * keyed("branch", H(child 1) ‖ … ‖ H(child m) ‖ u16be(bitmap)).
 */
export function hashBranchWords(children: readonly Words[], bitmap: number): Words {
  // u16be(bitmap): the bytes bitmap >> 8, bitmap & 0xff, as a little-endian word.
  return keyedDigestsAndTrailer(children, (bitmap >>> 8) | ((bitmap & 0xff) << 8), KEYS.branch);
}

/** The same on byte digests (for tests and independent checks). */
export function hashNode(left: Uint8Array | null, entry: Uint8Array, right: Uint8Array | null): Uint8Array {
  const w = (b: Uint8Array | null) => (b === null ? null : bytesToWords(b));
  return wordsToBytes(hashNodeWords(w(left), bytesToWords(entry), w(right)));
}

/** Four bytes: `n` as an unsigned 32-bit big-endian integer (a plain array: a hash input segment). */
export function u32be(n: number): number[] {
  return [n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/** Lower-case hex, for reports and golden vectors. */
export function toHex(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i++) s += HEX[bytes[i]];
  return s;
}

/** Parse hex (even length, no prefix). Throws RangeError on malformed text. */
export function fromHex(hex: string): Uint8Array {
  if (hex.length % 2 !== 0) throw new RangeError("fromHex: malformed hex string");
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) {
    const hi = NIBBLE[hex.charCodeAt(2 * i)] ?? -1;
    const lo = NIBBLE[hex.charCodeAt(2 * i + 1)] ?? -1;
    if (hi < 0 || lo < 0) throw new RangeError("fromHex: malformed hex string");
    out[i] = (hi << 4) | lo;
  }
  return out;
}

/** Value of each hex digit by char code; -1 for every other character below 128. */
const NIBBLE: Int8Array = (() => {
  const t = new Int8Array(128).fill(-1);
  for (let d = 0; d < 10; d++) t[48 + d] = d;
  for (let d = 0; d < 6; d++) {
    t[65 + d] = 10 + d;
    t[97 + d] = 10 + d;
  }
  return t;
})();
