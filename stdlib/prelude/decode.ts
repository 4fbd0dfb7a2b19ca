// Prelude: the inverse of the canonical encoding (encode.ts), driven by the same TypeDesc.
// It accepts exactly the bytes `encode(t, ·, "canonical")` produces: values in range, map
// keys and set elements strictly ascending (so no duplicates), well-formed UTF-8, no
// trailing bytes. Anything else throws DecodeError saying where, so a damaged snapshot is
// refused rather than loaded as a different state.
import { comparatorFor } from "./compare.js";
import { emptyMap, emptySet, mapCodec, setCodec } from "./codec.js";
import { I64_OFFSET, INT_WIDTH } from "./encode.js";
import { INT_RANGE, type IntType } from "./int.js";
import { PMap } from "./pmap.js";
import { PSet } from "./pset.js";
import { FIXED_BYTES, typeName, type TypeDesc } from "./types.js";

export class DecodeError extends Error {
  override readonly name = "DecodeError";
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

class ByteReader {
  offset = 0;
  constructor(private readonly bytes: Uint8Array) {}

  take(n: number, what: string): Uint8Array {
    if (this.offset + n > this.bytes.length) throw new DecodeError(`${what}: needs ${n} bytes at offset ${this.offset}, only ${this.bytes.length - this.offset} left`);
    const out = this.bytes.subarray(this.offset, this.offset + n);
    this.offset += n;
    return out;
  }

  uint(width: number, what: string): bigint {
    let v = 0n;
    for (const b of this.take(width, what)) v = (v << 8n) | BigInt(b);
    return v;
  }

  u32(what: string): number {
    return Number(this.uint(4, what));
  }

  end(): void {
    if (this.offset !== this.bytes.length) throw new DecodeError(`${this.bytes.length - this.offset} trailing bytes after offset ${this.offset}`);
  }
}

type Dec = (r: ByteReader) => unknown;

function intDecoder(kind: IntType): Dec {
  const [lo, hi] = INT_RANGE[kind];
  const offset = kind === "i64" ? I64_OFFSET : 0n;
  return (r) => {
    const v = r.uint(INT_WIDTH[kind], kind) - offset;
    if (v < lo || v > hi) throw new DecodeError(`${kind} ${v} at offset ${r.offset} is out of range`);
    return v;
  };
}

function count(r: ByteReader, t: TypeDesc & { capacity: number }): number {
  const n = r.u32(typeName(t));
  if (n > t.capacity) throw new DecodeError(`${typeName(t)} has ${n} elements, over its capacity ${t.capacity}`);
  return n;
}

function ascending<T>(compare: (a: T, b: T) => number, t: TypeDesc, r: ByteReader): (prev: T | undefined, next: T) => void {
  return (prev, next) => {
    if (prev !== undefined && compare(prev, next) >= 0) throw new DecodeError(`${typeName(t)}: keys not strictly ascending before offset ${r.offset}`);
  };
}

function build(t: TypeDesc): Dec {
  switch (t.kind) {
    case "bool":
      return (r) => {
        const b = r.take(1, "bool")[0];
        if (b > 1) throw new DecodeError(`bool byte ${b} at offset ${r.offset - 1}`);
        return b === 1;
      };
    case "string":
      return (r) => {
        const b = r.take(r.u32("string length"), "string");
        try {
          return strictUtf8.decode(b);
        } catch {
          throw new DecodeError(`string before offset ${r.offset} is not valid UTF-8`);
        }
      };
    case "bytes":
      return (r) => r.take(r.u32("bytes length"), "bytes").slice();
    case "digest":
    case "peer":
    case "measurement": {
      const n = FIXED_BYTES[t.kind];
      return (r) => r.take(n, t.kind).slice();
    }
    case "option": {
      const inner = build(t.of);
      return (r) => {
        const tag = r.take(1, "option tag")[0];
        if (tag === 0) return null;
        if (tag !== 1) throw new DecodeError(`option tag ${tag} at offset ${r.offset - 1}`);
        return { value: inner(r) };
      };
    }
    case "list": {
      const inner = build(t.of);
      return (r) => Array.from({ length: count(r, t) }, () => inner(r));
    }
    case "map": {
      const key = build(t.key);
      const value = build(t.value);
      const codec = mapCodec<unknown, unknown>(t.key, t.value);
      return (r) => {
        const n = count(r, t);
        if (n === 0) return emptyMap(t);
        const check = ascending(codec.compare, t, r);
        const entries: [unknown, unknown][] = [];
        for (let i = 0; i < n; i++) {
          const k = key(r);
          check(entries[i - 1]?.[0], k);
          entries.push([k, value(r)]);
        }
        return PMap.fromEntries(codec, entries);
      };
    }
    case "set": {
      const elem = build(t.of);
      const codec = setCodec<unknown>(t.of);
      const compare = comparatorFor<unknown>(t.of);
      return (r) => {
        const n = count(r, t);
        if (n === 0) return emptySet(t);
        const check = ascending(compare, t, r);
        const xs: unknown[] = [];
        for (let i = 0; i < n; i++) {
          const x = elem(r);
          check(xs[i - 1], x);
          xs.push(x);
        }
        return PSet.from(codec, xs);
      };
    }
    case "record": {
      const fields = t.fields.map((f) => [f.name, build(f.type)] as const);
      return (r) => Object.fromEntries(fields.map(([name, dec]) => [name, dec(r)]));
    }
    case "enum": {
      const variants = t.variants.map((v) => ({ name: v.name, fields: v.fields.map((f) => [f.name, build(f.type)] as const) }));
      return (r) => {
        const i = Number(r.uint(2, "enum tag"));
        const v = variants[i];
        if (v === undefined) throw new DecodeError(`${t.name} has no variant ${i} (offset ${r.offset - 2})`);
        return v.fields.length === 0 ? { tag: v.name } : { tag: v.name, fields: Object.fromEntries(v.fields.map(([name, dec]) => [name, dec(r)])) };
      };
    }
    default:
      return intDecoder(t.kind);
  }
}

/** A reusable decoder of the canonical encoding of `t`; throws DecodeError on any other bytes. */
export function decoderFor<T = unknown>(t: TypeDesc): (bytes: Uint8Array) => T {
  const dec = build(t);
  return (bytes) => {
    const r = new ByteReader(bytes);
    const v = dec(r);
    r.end();
    return v as T;
  };
}

export function decode<T = unknown>(t: TypeDesc, bytes: Uint8Array): T {
  return decoderFor<T>(t)(bytes);
}
