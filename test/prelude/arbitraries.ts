// Test support for the prelude: fast-check arbitraries of random Smalt types (TypeDesc)
// and of values of a given type. Values come from deliberately small domains so that
// equal values (and near-misses such as prefixes) occur often enough to test injectivity.
import fc from "fast-check";
import { INT_RANGE, type IntType } from "../../stdlib/prelude/int.js";
import { mapCodec, setCodec } from "../../stdlib/prelude/codec.js";
import { PMap } from "../../stdlib/prelude/pmap.js";
import { PSet } from "../../stdlib/prelude/pset.js";
import { T, isOrderable, type TypeDesc } from "../../stdlib/prelude/types.js";

const INTS: readonly IntType[] = ["u8", "u16", "u32", "u64", "u128", "i64", "bps", "duration", "timestamp"];

const leafType: fc.Arbitrary<TypeDesc> = fc.constantFrom<TypeDesc>(
  T.bool, T.u8, T.u16, T.u32, T.u64, T.u128, T.i64, T.bps, T.duration, T.timestamp,
  T.string, T.bytes, T.digest, T.measurement, T.peer,
);

const fieldNames = fc.uniqueArray(fc.constantFrom("a", "b", "c", "tag", "value"), { minLength: 0, maxLength: 3 });

/** Random types up to a small depth; map keys and set elements are always orderable. */
export const typeArb: fc.Arbitrary<TypeDesc> = fc.letrec<{ t: TypeDesc }>((tie) => ({
  t: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leafType,
    tie("t").map((of) => T.option(of)),
    fc.tuple(tie("t"), fc.integer({ min: 0, max: 4 })).map(([of, n]) => T.list(of, n)),
    fc.tuple(leafType, tie("t"), fc.integer({ min: 0, max: 4 })).map(([k, v, n]) => T.map(k, v, n)),
    fc.tuple(leafType, fc.integer({ min: 0, max: 4 })).map(([e, n]) => T.set(e, n)),
    fc.tuple(fieldNames, fc.array(tie("t"), { minLength: 3, maxLength: 3 })).map(([names, ts]) =>
      T.record("R", names.map((n, i) => [n, ts[i]] as const)),
    ),
    fc.array(fc.tuple(fieldNames, fc.array(tie("t"), { minLength: 3, maxLength: 3 })), { minLength: 1, maxLength: 3 })
      .map((vs) => T.enum("E", vs.map(([names, ts], i) => [`V${i}`, names.map((n, j) => [n, ts[j]] as const)] as const))),
  ),
})).t;

export const orderableTypeArb: fc.Arbitrary<TypeDesc> = typeArb.filter(isOrderable);

/** Integers near the ends of the range and near zero: where encodings and order go wrong. */
export function intArb(t: IntType): fc.Arbitrary<bigint> {
  const [lo, hi] = INT_RANGE[t];
  const near = [lo, lo + 1n, hi - 1n, hi, 0n, 1n, 255n, 256n, -1n, -256n].filter((x) => x >= lo && x <= hi);
  return fc.oneof(fc.constantFrom(...near), fc.bigInt({ min: lo, max: hi }));
}

const smallString = fc.oneof(
  fc.constantFrom("", "a", "b", "ab", "é", "\u0000", "\uffff", "𝄞", "a𝄞", "\ue000"),
  fc.string({ unit: "binary", maxLength: 4 }),
);
const smallBytes = fc.oneof(fc.constantFrom(0, 1, 255).chain((b) => fc.uint8Array({ min: b, max: b, maxLength: 3 })), fc.uint8Array({ maxLength: 4 }));

function fixedBytes(n: number): fc.Arbitrary<Uint8Array> {
  return fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 255 }), fc.boolean()).map(([first, last, rand]) => {
    const b = new Uint8Array(n);
    b[0] = first;
    b[n - 1] = rand ? last : 0;
    return b;
  });
}

/** Values of type `t` (maps and sets built with the codec of that type). */
export function valueArb(t: TypeDesc): fc.Arbitrary<unknown> {
  switch (t.kind) {
    case "bool":
      return fc.boolean();
    case "string":
      return smallString;
    case "bytes":
      return smallBytes;
    case "digest":
    case "peer":
      return fixedBytes(32);
    case "measurement":
      return fixedBytes(48);
    case "option":
      return fc.option(valueArb(t.of).map((value) => ({ value })), { nil: null });
    case "list":
      return fc.array(valueArb(t.of), { maxLength: t.capacity });
    case "map": {
      const codec = mapCodec(t.key, t.value);
      return fc
        .array(fc.tuple(valueArb(t.key), valueArb(t.value)), { maxLength: t.capacity })
        .map((es) => PMap.fromEntries(codec, es));
    }
    case "set": {
      const codec = setCodec(t.of);
      return fc.array(valueArb(t.of), { maxLength: t.capacity }).map((xs) => PSet.from(codec, xs));
    }
    case "record":
      return fc.tuple(...t.fields.map((f) => valueArb(f.type))).map((vs) =>
        Object.fromEntries(t.fields.map((f, i) => [f.name, vs[i]])),
      );
    case "enum":
      return fc.oneof(
        ...t.variants.map((v) =>
          fc.tuple(...v.fields.map((f) => valueArb(f.type))).map((vs) =>
            v.fields.length === 0 ? { tag: v.name } : { tag: v.name, fields: Object.fromEntries(v.fields.map((f, i) => [f.name, vs[i]])) },
          ),
        ),
      );
    default:
      if ((INTS as readonly string[]).includes(t.kind)) return intArb(t.kind as IntType);
      throw new TypeError(`no arbitrary for ${t.kind}`);
  }
}

/** A type together with two values of it. */
export const typeAndTwoValues = typeArb.chain((t) => fc.tuple(fc.constant(t), valueArb(t), valueArb(t)));
