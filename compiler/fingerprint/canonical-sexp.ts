// Canonical S-expressions (Rivest's "csexp"): the byte layout of every Smalt content
// encoding (docs/fingerprints.md, "Canonical Config.content encoding"). An atom is its
// decimal byte length, `:`, then the bytes; a list is `(`, its items, `)`. Every atom is
// length-prefixed, so the encoding is injective without escaping (mosaik.md §3.1 caution).
import { blake3 } from "@noble/hashes/blake3.js";
import { toHex, utf8 } from "./bytes.js";
import type { Digest } from "./digest.js";

/** A string is an atom of its UTF-8 bytes; a Uint8Array an atom of raw bytes; an array a list. */
export type Term = string | Uint8Array | readonly Term[];

/** `(tag item…)`: the shape of every node in the encoding. */
export function node(tag: string, ...items: readonly Term[]): Term {
  return [tag, ...items];
}

/** An integer as a decimal atom: `-` for negatives, no leading zeros, `0` for zero. */
export function intAtom(n: bigint): string {
  return n.toString(10);
}

export function boolAtom(b: boolean): string {
  return b ? "true" : "false";
}

const OPEN = 0x28;
const CLOSE = 0x29;
const COLON = 0x3a;

/** A growable byte buffer for one encoding. */
class Sink {
  private buf = new Uint8Array(256);
  private len = 0;

  private reserve(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  byte(b: number): void {
    this.reserve(1);
    this.buf[this.len++] = b;
  }

  bytes(bs: Uint8Array): void {
    this.reserve(bs.length);
    this.buf.set(bs, this.len);
    this.len += bs.length;
  }

  ascii(s: string): void {
    this.reserve(s.length);
    for (let i = 0; i < s.length; i++) this.buf[this.len++] = s.charCodeAt(i);
  }

  result(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}

/** True when every code unit is ASCII, so the UTF-8 bytes are the code units themselves. */
function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

function write(sink: Sink, t: Term): void {
  if (typeof t === "string") {
    if (isAscii(t)) {
      sink.ascii(String(t.length));
      sink.byte(COLON);
      sink.ascii(t);
      return;
    }
    const bytes = utf8(t);
    sink.ascii(String(bytes.length));
    sink.byte(COLON);
    sink.bytes(bytes);
  } else if (t instanceof Uint8Array) {
    sink.ascii(String(t.length));
    sink.byte(COLON);
    sink.bytes(t);
  } else {
    sink.byte(OPEN);
    for (const item of t) write(sink, item);
    sink.byte(CLOSE);
  }
}

/** The canonical bytes of a term. */
export function encodeTerm(t: Term): Uint8Array {
  const sink = new Sink();
  write(sink, t);
  return sink.result();
}

/** BLAKE3-256 of the canonical bytes of a term. */
export function termDigest(t: Term): Digest {
  return blake3(encodeTerm(t));
}

/**
 * A readable rendering for documentation and debugging (never hashed): atoms that are
 * printable ASCII tokens print bare, other text quoted, raw bytes as `#hex#`.
 */
export function showTerm(t: Term): string {
  if (typeof t === "string") return /^[A-Za-z0-9_.\-+:/@]+$/.test(t) ? t : JSON.stringify(t);
  if (t instanceof Uint8Array) return `#${toHex(t)}#`;
  return `(${t.map(showTerm).join(" ")})`;
}
