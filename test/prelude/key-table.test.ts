// The latest version's hash table (stdlib/prelude/key-table.ts): keys that share a hash,
// as a sender can arrange (the hash is not secret), live in an array kept in key order, so
// lookups stay correct and logarithmic however many collide. Checked against a plain Map
// over random puts and removes, with a hash that sends every key to one of two slots.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareBytes } from "../../stdlib/prelude/compare.js";
import { bytesEqual, toHex } from "../../stdlib/prelude/hash.js";
import { hashBytes, hashFixedKey, KeyTable, type KeyIdentity } from "../../stdlib/prelude/key-table.js";
import { propertyRuns, propertySeed } from "../support/properties.js";

const settings = { seed: propertySeed(), numRuns: propertyRuns(200) };
const key = (k: number) => Uint8Array.from({ length: 32 }, (_, i) => (i === 31 ? k : i === 30 ? k >> 8 : 0xab));
const colliding: KeyIdentity<Uint8Array> = { hash: (k) => k[31] & 1, same: bytesEqual, order: compareBytes };

describe("KeyTable", () => {
  it("agrees with a Map when every key collides into one of two slots", () => {
    const op = fc.record({ k: fc.integer({ min: 0, max: 300 }), put: fc.boolean(), v: fc.nat(9) });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), (ops) => {
        const t = new KeyTable<Uint8Array, number>(colliding);
        const model = new Map<string, number>();
        for (const o of ops) {
          const k = key(o.k);
          if (o.put) {
            t.put({ key: k, value: o.v }, colliding.hash(k));
            model.set(toHex(k), o.v);
          } else {
            t.remove(key(o.k), colliding.hash(k));
            model.delete(toHex(k));
          }
          expect(t.get(key(o.k), colliding.hash(k))?.value).toBe(model.get(toHex(k)));
        }
        expect(t.size).toBe(model.size);
        expect(new Map(Array.from(t.all(), (e) => [toHex(e.key), e.value]))).toEqual(model);
        for (let k = 0; k <= 300; k++) expect(t.get(key(k), colliding.hash(key(k)))?.value).toBe(model.get(toHex(key(k))));
      }),
      settings,
    );
  });

  it("copies independently: edits to the copy's collision arrays leave the original alone", () => {
    const t = new KeyTable<Uint8Array, number>(colliding);
    for (let k = 0; k < 10; k++) t.put({ key: key(k), value: k }, colliding.hash(key(k)));
    const c = new KeyTable(colliding, t);
    c.remove(key(4), colliding.hash(key(4)));
    c.put({ key: key(6), value: 60 }, colliding.hash(key(6)));
    expect(t.get(key(4), 0)?.value).toBe(4);
    expect(t.get(key(6), 0)?.value).toBe(6);
    expect(c.get(key(4), 0)).toBeUndefined();
    expect(c.get(key(6), 0)?.value).toBe(60);
    expect([t.size, c.size]).toEqual([10, 9]);
  });

  it("hashes bytes deterministically (FNV-1a, four bytes a step)", () => {
    expect(hashBytes(new Uint8Array(0))).toBe(0x811c9dc5);
    expect(hashBytes(key(1))).toBe(hashBytes(key(1).slice()));
    expect(hashBytes(key(1))).not.toBe(hashBytes(key(2)));
  });

  it("hashes fixed-length keys by their first, middle and last words: ids counting in any of them spread", () => {
    const at = (pos: number) => (k: number) => Uint8Array.from({ length: 32 }, (_, i) => (i === pos ? k : 0x5c));
    for (const pos of [0, 3, 16, 19, 28, 31]) {
      const hashes = new Set(Array.from({ length: 256 }, (_, k) => hashFixedKey(at(pos)(k))));
      expect(hashes.size, `counter at byte ${pos}`).toBe(256);
    }
    const m48 = Uint8Array.from({ length: 48 }, (_, i) => i);
    expect(hashFixedKey(m48)).toBe(hashFixedKey(m48.slice()));
  });
});
