// docs/state-encoding.md carries golden vectors so a third party can check an independent
// implementation; this test recomputes them and fails when the document and the code
// disagree (on mismatch it prints the block to paste).
import { blake3 as nobleBlake3 } from "@noble/hashes/blake3.js";
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { mapCodec } from "../../stdlib/prelude/codec.js";
import { encode } from "../../stdlib/prelude/encode.js";
import { DOMAINS, domainKey, fromHex, hashIn, toHex, u32be } from "../../stdlib/prelude/hash.js";
import { PMap } from "../../stdlib/prelude/pmap.js";
import { stateRoot, stateSubRoots } from "../../stdlib/prelude/state-root.js";
import { T } from "../../stdlib/prelude/types.js";
import { propertyRuns, propertySeed } from "../support/properties.js";

function vectors(): string[] {
  const lines: string[] = [];
  for (const d of DOMAINS) lines.push(`key.${d} = ${toHex(domainKey(d))}`);
  const Bid = T.record("Bid", [["amount", T.u64], ["qty", T.u8]]);
  const alice = new Uint8Array(32).fill(0xaa);
  const bob = new Uint8Array(32).fill(0xbb);
  lines.push(`encode.bid = ${toHex(encode(Bid, { amount: 1_000_000n, qty: 2n }))}`);
  const bids = PMap.fromEntries(mapCodec<Uint8Array, unknown>(T.peer, Bid), [
    [bob, { amount: 7n, qty: 1n }],
    [alice, { amount: 1_000_000n, qty: 2n }],
  ]);
  for (const [name, k, v] of [["alice", alice, { amount: 1_000_000n, qty: 2n }], ["bob", bob, { amount: 7n, qty: 1n }]] as const) {
    lines.push(`entry.${name} = ${toHex(hashIn("entry", u32be(32), k, encode(Bid, v)))}`);
  }
  lines.push(`bids.root = ${toHex(bids.rootHash())}`);
  const schema = [
    { name: "round", type: T.u64 },
    { name: "bids", type: T.map(T.peer, Bid, 4096) },
  ];
  const state = { round: 3n, bids };
  for (const s of stateSubRoots(schema, state)) lines.push(`subroot.${s.name} = ${toHex(s.root)}`);
  lines.push(`state.root = ${toHex(stateRoot(schema, state))}`);
  return lines;
}

/** The worked example of the document, computed from its formulas with @noble/hashes only. */
function independentRoot(): string {
  const keyed = (domain: string, ...parts: string[]) =>
    nobleBlake3(fromHex(parts.join("")), { key: nobleBlake3(new TextEncoder().encode(`smalt.state.v1.${domain}`)) });
  const h = (b: Uint8Array) => toHex(b);
  const zero = "00".repeat(32);
  const alice = "aa".repeat(32);
  const bob = "bb".repeat(32);
  const entryAlice = h(keyed("entry", "00000020", alice, "00000000000f4240", "02"));
  const entryBob = h(keyed("entry", "00000020", bob, "0000000000000007", "01"));
  // A peer-keyed map is a trie; alice and bob differ in their first nibble (a, b): one branch, bitmap 2^10 + 2^11.
  const bidsRoot = h(keyed("branch", entryAlice, entryBob, "0c00"));
  const roundRoot = h(keyed("field", "0000000000000003"));
  const name = (n: string) => toHex(Uint8Array.from(u32be(n.length))) + toHex(new TextEncoder().encode(n));
  return h(keyed("root", "0002", "00000002", name("bids"), bidsRoot, name("round"), roundRoot));
}

/**
 * §4 from scratch: the root is the key of highest priority (ties: smaller key), smaller
 * keys go left; digests with a stock BLAKE3. Independent of pmap.ts by construction.
 */
function referenceTreapRoot(entries: readonly (readonly [bigint, bigint])[]): string {
  const key = (d: string) => nobleBlake3(new TextEncoder().encode(`smalt.state.v1.${d}`));
  const u64 = (x: bigint) => fromHex(x.toString(16).padStart(16, "0"));
  const prio = (k: bigint) => BigInt("0x" + toHex(nobleBlake3(u64(k), { key: key("priority") }).subarray(0, 8)));
  const digest = (es: readonly (readonly [bigint, bigint])[]): Uint8Array => {
    if (es.length === 0) return new Uint8Array(32);
    const top = es.reduce((a, b) => (prio(b[0]) > prio(a[0]) || (prio(b[0]) === prio(a[0]) && b[0] < a[0]) ? b : a));
    const entry = nobleBlake3(fromHex("00000008" + toHex(u64(top[0])) + toHex(u64(top[1]))), { key: key("entry") });
    const left = digest(es.filter(([k]) => k < top[0]));
    const right = digest(es.filter(([k]) => k > top[0]));
    return nobleBlake3(new Uint8Array([...left, ...entry, ...right]), { key: key("node") });
  };
  return toHex(digest(entries));
}

/**
 * §4.2 from scratch: group the keys by nibble until each is alone; a lone key is a leaf
 * (its entry digest), a group of two or more a branch. Independent of trie.ts by construction.
 */
function referenceTrieRoot(entries: readonly (readonly [Uint8Array, bigint])[]): string {
  const key = (d: string) => nobleBlake3(new TextEncoder().encode(`smalt.state.v1.${d}`));
  const u64 = (x: bigint) => x.toString(16).padStart(16, "0");
  const nib = (k: Uint8Array, d: number) => parseInt(toHex(k)[d], 16);
  const digest = (es: readonly (readonly [Uint8Array, bigint])[], d: number): string => {
    if (es.length === 1) return toHex(nobleBlake3(fromHex("00000020" + toHex(es[0][0]) + u64(es[0][1])), { key: key("entry") }));
    const children: string[] = [];
    let bitmap = 0;
    for (let x = 0; x < 16; x++) {
      const group = es.filter(([k]) => nib(k, d) === x);
      if (group.length === 0) continue;
      bitmap |= 1 << x;
      children.push(digest(group, d + 1));
    }
    return toHex(nobleBlake3(fromHex(children.join("") + bitmap.toString(16).padStart(4, "0")), { key: key("branch") }));
  };
  return entries.length === 0 ? "00".repeat(32) : digest(entries, 0);
}

describe("docs/state-encoding.md", () => {
  it("§4.2: roots of peer-keyed maps match an independent implementation of the documented trie", () => {
    const codec = mapCodec<Uint8Array, bigint>(T.peer, T.u64);
    // Keys from a few shared prefixes, so branches several nibbles deep (and chains of one-child branches) occur.
    const peerArb = fc.tuple(fc.constantFrom("", "ab", "abc", "abcd0123", "abcd0124"), fc.uint8Array({ minLength: 32, maxLength: 32 })).map(([prefix, rest]) => {
      const k = Uint8Array.from(rest);
      k.set(fromHex(prefix.length % 2 === 0 ? prefix : prefix + "0").subarray(0, prefix.length >> 1));
      if (prefix.length % 2 === 1) k[prefix.length >> 1] = (k[prefix.length >> 1] & 0x0f) | (parseInt(prefix[prefix.length - 1], 16) << 4);
      return k;
    });
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(peerArb, fc.bigInt({ min: 0n, max: 2n ** 64n - 1n })), { selector: ([k]) => toHex(k), maxLength: 25 }), (entries) => {
        const sorted = [...entries].sort(([a], [b]) => (toHex(a) < toHex(b) ? -1 : 1));
        expect(toHex(PMap.fromEntries(codec, entries).rootHash())).toBe(referenceTrieRoot(sorted));
        let m = PMap.empty(codec);
        for (const [k, v] of entries) m = m.set(k, v);
        expect(toHex(m.rootHash())).toBe(referenceTrieRoot(sorted));
      }),
      { seed: propertySeed(), numRuns: propertyRuns(60) },
    );
  });

  it("§4: map roots match an independent implementation of the documented treap", () => {
    const codec = mapCodec<bigint, bigint>(T.u64, T.u64);
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), fc.bigInt({ min: 0n, max: 2n ** 64n - 1n })), {
          selector: ([k]) => k,
          maxLength: 25,
        }),
        (entries) => {
          expect(toHex(PMap.fromEntries(codec, entries).rootHash())).toBe(referenceTreapRoot(entries));
        },
      ),
      { seed: propertySeed(), numRuns: propertyRuns(40) },
    );
  });

  it("describes the state root precisely enough to recompute it independently", () => {
    const line = vectors().find((l) => l.startsWith("state.root = "))!;
    expect(line).toBe(`state.root = ${independentRoot()}`);
  });

  it("lists the vectors the code computes", () => {
    const doc = readFileSync(new URL("../../docs/state-encoding.md", import.meta.url), "utf8");
    const block = /```text vectors\n([\s\S]*?)```/.exec(doc)?.[1] ?? "";
    const expected = vectors().join("\n") + "\n";
    if (block !== expected) console.log("```text vectors\n" + expected + "```");
    expect(block).toBe(expected);
  });
});
