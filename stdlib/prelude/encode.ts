// Prelude: the canonical binary encoding of Smalt values, driven by TypeDesc. It is
// injective for each type, deterministic, versioned (ENCODING_VERSION) and specified in
// docs/state-encoding.md so a third party can recompute a state root. Two views:
// "canonical" writes maps and sets entry by entry; "hash" (used inside state roots)
// writes their 32-byte Merkle root instead, so hashing a state value never walks a
// collection nested inside it.
import { SmaltAbort } from "./abort.js";
import { blake3 } from "./hash.js";
import { INT_RANGE, type IntType } from "./int.js";
import { PMap } from "./pmap.js";
import { PSet } from "./pset.js";
import { FIXED_BYTES, typeName, type EnumValue, type Option, type TypeDesc } from "./types.js";

/** Bumped on any change to the bytes below; it is part of every state root. */
export const ENCODING_VERSION = 2;

export type EncodingView = "canonical" | "hash";

/** A growable byte buffer; one per encoding, never shared. */
export class ByteWriter {
  private buf: Uint8Array;
  private len = 0;

  constructor(initialCapacity = 64) {
    this.buf = new Uint8Array(initialCapacity);
  }

  private reserve(n: number): void {
    if (this.len + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.len + n));
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  u8(x: number): void {
    this.reserve(1);
    this.buf[this.len++] = x;
  }

  u16(x: number): void {
    this.reserve(2);
    this.buf[this.len++] = x >>> 8;
    this.buf[this.len++] = x & 0xff;
  }

  u32(x: number): void {
    this.reserve(4);
    this.buf[this.len++] = x >>> 24;
    this.buf[this.len++] = (x >>> 16) & 0xff;
    this.buf[this.len++] = (x >>> 8) & 0xff;
    this.buf[this.len++] = x & 0xff;
  }

  /** An unsigned bigint, big-endian in exactly `width` bytes (a multiple of 4; caller checks the range). */
  uint(v: bigint, width: number): void {
    this.reserve(width);
    for (let i = this.len + width - 4; i >= this.len; i -= 4) {
      const word = Number(v & 0xffffffffn);
      v >>= 32n;
      this.buf[i] = word >>> 24;
      this.buf[i + 1] = (word >>> 16) & 0xff;
      this.buf[i + 2] = (word >>> 8) & 0xff;
      this.buf[i + 3] = word & 0xff;
    }
    this.len += width;
  }

  bytes(b: Uint8Array): void {
    this.reserve(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}

type Enc = (w: ByteWriter, v: unknown) => void;

export const INT_WIDTH: { readonly [T in IntType]: number } = {
  u8: 1, u16: 2, u32: 4, u64: 8, u128: 16, i64: 8, bps: 2, duration: 8, timestamp: 8,
};
export const I64_OFFSET = 1n << 63n;
const utf8 = new TextEncoder();

function invalid(t: TypeDesc, why: string): never {
  throw new SmaltAbort("invalid_value", `not a valid ${typeName(t)}: ${why}`);
}

/** True when `s` has no lone surrogate, i.e. it is a sequence of Unicode scalar values. */
export function isWellFormed(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c > 0xdbff || i + 1 >= s.length) return false;
    const d = s.charCodeAt(++i);
    if (d < 0xdc00 || d > 0xdfff) return false;
  }
  return true;
}

function intEncoder(t: TypeDesc & { kind: IntType }): Enc {
  const [lo, hi] = INT_RANGE[t.kind];
  const width = INT_WIDTH[t.kind];
  const offset = t.kind === "i64" ? I64_OFFSET : 0n; // i64: offset binary, so byte order = numeric order
  return (w, v) => {
    if (typeof v !== "bigint" || v < lo || v > hi) invalid(t, `${String(v)} is not in ${lo}..=${hi}`);
    if (width === 1) w.u8(Number(v));
    else if (width === 2) w.u16(Number(v));
    else if (width === 4) w.u32(Number(v));
    else w.uint(v + offset, width);
  };
}

function byteArray(t: TypeDesc, v: unknown, length?: number): Uint8Array {
  if (!(v instanceof Uint8Array)) return invalid(t, "expected a Uint8Array");
  if (length !== undefined && v.length !== length) invalid(t, `expected ${length} bytes, got ${v.length}`);
  return v;
}

function capacityCheck(t: TypeDesc & { capacity: number }, size: number): void {
  if (size > t.capacity) invalid(t, `${size} elements exceed the capacity ${t.capacity}`);
}

function build(t: TypeDesc, view: EncodingView): Enc {
  switch (t.kind) {
    case "bool":
      return (w, v) => (typeof v === "boolean" ? w.u8(v ? 1 : 0) : invalid(t, "expected a boolean"));
    case "u8":
    case "u16":
    case "u32":
    case "u64":
    case "u128":
    case "i64":
    case "bps":
    case "duration":
    case "timestamp":
      return intEncoder(t);
    case "string":
      return (w, v) => {
        if (typeof v !== "string" || !isWellFormed(v)) invalid(t, "expected well-formed UTF-16 text");
        const b = utf8.encode(v);
        w.u32(b.length);
        w.bytes(b);
      };
    case "bytes":
      return (w, v) => {
        const b = byteArray(t, v);
        w.u32(b.length);
        w.bytes(b);
      };
    case "digest":
    case "peer":
    case "measurement": {
      const length = FIXED_BYTES[t.kind];
      return (w, v) => w.bytes(byteArray(t, v, length));
    }
    case "option": {
      const inner = build(t.of, view);
      return (w, v) => {
        const o = v as Option<unknown>;
        if (o === null) return w.u8(0);
        if (typeof o !== "object" || !("value" in o)) invalid(t, "expected null or { value }");
        w.u8(1);
        inner(w, o.value);
      };
    }
    case "list": {
      const inner = build(t.of, view);
      return (w, v) => {
        if (!Array.isArray(v)) invalid(t, "expected an array");
        capacityCheck(t, v.length);
        w.u32(v.length);
        for (const x of v) inner(w, x);
      };
    }
    case "map": {
      const key = build(t.key, "canonical");
      const value = build(t.value, view);
      return (w, v) => {
        if (!(v instanceof PMap)) invalid(t, "expected a PMap");
        capacityCheck(t, v.size);
        if (view === "hash") return w.bytes(v.rootHash());
        w.u32(v.size);
        v.forEach((x, k) => {
          key(w, k);
          value(w, x);
        });
      };
    }
    case "set": {
      const elem = build(t.of, "canonical");
      return (w, v) => {
        if (!(v instanceof PSet)) invalid(t, "expected a PSet");
        capacityCheck(t, v.size);
        if (view === "hash") return w.bytes(v.rootHash());
        w.u32(v.size);
        v.forEach((x) => elem(w, x));
      };
    }
    case "record": {
      const fields = t.fields.map((f) => [f.name, build(f.type, view)] as const);
      return (w, v) => {
        if (typeof v !== "object" || v === null) invalid(t, "expected an object");
        const r = v as Record<string, unknown>;
        for (const [name, enc] of fields) {
          if (!(name in r)) invalid(t, `missing field ${name}`);
          enc(w, r[name]);
        }
      };
    }
    case "enum": {
      const variants = new Map(
        t.variants.map((vd, i) => [vd.name, { index: i, fields: vd.fields.map((f) => [f.name, build(f.type, view)] as const) }]),
      );
      return (w, v) => {
        const e = v as EnumValue;
        const variant = typeof e === "object" && e !== null ? variants.get(e.tag) : undefined;
        if (variant === undefined) return invalid(t, "unknown variant");
        w.u16(variant.index);
        for (const [name, enc] of variant.fields) {
          if (e.fields === undefined || !(name in e.fields)) invalid(t, `variant ${e.tag} lacks field ${name}`);
          enc(w, e.fields[name]);
        }
      };
    }
    default:
      return exhausted(t);
  }
}

function exhausted(t: never): never {
  throw new TypeError(`unknown type kind ${(t as { kind: string }).kind}`);
}

/**
 * A reusable encoder for one type. Build it once (emitted code keeps encoders in module
 * constants) and call it per value. Values that do not fit the type abort with
 * "invalid_value", so a malformed input rejects deterministically instead of crashing.
 */
export function encoderFor<T = unknown>(t: TypeDesc, view: EncodingView = "canonical"): (v: T) => Uint8Array {
  if (t.kind === "digest" || t.kind === "peer" || t.kind === "measurement") {
    // The encoding is the bytes themselves: hand back the (immutable) value, no copy.
    const length = FIXED_BYTES[t.kind];
    return (v) => byteArray(t, v, length);
  }
  const enc = build(t, view);
  return (v) => {
    const w = new ByteWriter();
    enc(w, v);
    return w.finish();
  };
}

export function encode(t: TypeDesc, v: unknown, view: EncodingView = "canonical"): Uint8Array {
  return encoderFor(t, view)(v);
}

/**
 * `hash(x)`: BLAKE3 of the canonical encoding of x, a digest. Its cost grows with the
 * size of x (collections included); the checker charges for that.
 */
export function hashValue(t: TypeDesc, v: unknown): Uint8Array {
  return blake3(encode(t, v, "canonical"));
}
