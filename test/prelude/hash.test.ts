// The hashing entry point: the one-chunk BLAKE3 agrees with @noble/hashes for every
// length and split of the input, plain and keyed, and the domain keys are as documented.
import { blake3 as nobleBlake3 } from "@noble/hashes/blake3.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { blake3, DOMAINS, domainKey, fromHex, hashIn, hashNode, toHex } from "../../stdlib/prelude/hash.js";
import { propertyRuns, propertySeed } from "../support/properties.js";

const bytes = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 131 + n) & 0xff);

describe("blake3", () => {
  it("matches the published test vectors", () => {
    expect(toHex(blake3(new Uint8Array(0)))).toBe("af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262");
    expect(toHex(blake3(new TextEncoder().encode("abc")))).toBe(
      "6437b3ac38465133ffb63b75273a8db548c558465d79db03fd359c6cd5bd9d85",
    );
  });

  it("matches noble for every length of the one-chunk path and across the hand-over", () => {
    for (let n = 0; n <= 1100; n++) expect(toHex(blake3(bytes(n)))).toBe(toHex(nobleBlake3(bytes(n))));
    for (const n of [2047, 2048, 2049, 5000]) expect(toHex(blake3(bytes(n)))).toBe(toHex(nobleBlake3(bytes(n))));
  });

  it("keyed hashing of split inputs matches noble on the concatenation", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 1300 }), fc.array(fc.nat(), { maxLength: 4 }), fc.constantFrom(...DOMAINS), (data, cuts, d) => {
        const points = [...new Set(cuts.map((c) => c % (data.length + 1)))].sort((a, b) => a - b);
        const parts = [0, ...points, data.length].slice(1).map((end, i, ends) => data.subarray(i === 0 ? 0 : ends[i - 1], end));
        parts.unshift(data.subarray(0, 0));
        expect(toHex(hashIn(d, ...parts))).toBe(toHex(nobleBlake3(data, { key: domainKey(d) })));
      }),
      { seed: propertySeed(), numRuns: propertyRuns(300) },
    );
  });

  it("hashes a node as keyed(node, left ‖ entry ‖ right)", () => {
    const [l, e, r] = [bytes(32), bytes(33).subarray(1), new Uint8Array(32)];
    const joined = new Uint8Array([...l, ...e, ...r]);
    expect(toHex(hashNode(l, e, r))).toBe(toHex(nobleBlake3(joined, { key: domainKey("node") })));
  });

  it("derives distinct domain keys from their documented strings", () => {
    expect(toHex(domainKey("node"))).toBe(toHex(nobleBlake3(new TextEncoder().encode("smalt.state.v1.node"))));
    expect(new Set(DOMAINS.map((d) => toHex(domainKey(d)))).size).toBe(DOMAINS.length);
  });

  it("round-trips hex", () => {
    expect(toHex(fromHex("00ff10Ab"))).toBe("00ff10ab");
    expect(() => fromHex("abc")).toThrow(RangeError);
    expect(() => fromHex("zz")).toThrow(RangeError);
    expect(() => fromHex("\u00e90")).toThrow(RangeError);
  });
});
