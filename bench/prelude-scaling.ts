// Benchmark: how the cost of one state update grows with map size. For maps of 10^3,
// 10^5 and 10^6 entries it times `set` followed by `rootHash` (the per-command work of
// the prelude: path copy plus O(log n) rehashing), for updates of existing keys and for
// inserts of new keys, and a plain `get`. Reports the median wall time per operation and
// the mean CPU time per operation (robust when other processes share the machine), and
// the load average so the numbers can be judged. Asserts nothing.
// Run: npx tsx bench/prelude-scaling.ts [sizes…]   (default 1000 100000 1000000)
import os from "node:os";
import { PMap, T, blake3, mapCodec } from "../stdlib/prelude/index.js";

const Bid = T.record("Bid", [
  ["amount", T.u64],
  ["qty", T.u64],
]);
type BidValue = { readonly amount: bigint; readonly qty: bigint };
const codec = mapCodec<Uint8Array, BidValue>(T.peer, Bid);

/** A deterministic 32-byte peer id for index i. */
function peer(i: number): Uint8Array {
  const seed = new Uint8Array(8);
  new DataView(seed.buffer).setFloat64(0, i);
  return blake3(seed);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

interface Cost {
  readonly medianNs: number;
  readonly cpuNs: number;
}

function timeEach(samples: number, op: (i: number) => void): Cost {
  const ns: number[] = [];
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < samples; i++) {
    const t0 = process.hrtime.bigint();
    op(i);
    ns.push(Number(process.hrtime.bigint() - t0));
  }
  const cpu = process.cpuUsage(cpu0);
  return { medianNs: median(ns), cpuNs: ((cpu.user + cpu.system) * 1000) / samples };
}

const fmt = (c: Cost, width: number) => `${c.medianNs.toFixed(0)} / ${c.cpuNs.toFixed(0)}`.padStart(width);

/** The map of n entries, built in bulk (as a snapshot load would) and fully hashed once. */
function build(n: number): PMap<Uint8Array, BidValue> {
  const m = PMap.fromEntries<Uint8Array, BidValue>(codec, Array.from({ length: n }, (_, i) => [peer(i), { amount: BigInt(i), qty: 1n }] as const));
  m.rootHash();
  return m;
}

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const rows: string[] = [];
for (const n of sizes.length > 0 ? sizes : [1_000, 100_000, 1_000_000]) {
  const t0 = performance.now();
  let m = build(n);
  const buildMs = performance.now() - t0;
  const samples = 5000;
  const existing = Array.from({ length: samples }, (_, i) => peer((i * 7919) % n));
  const fresh = Array.from({ length: samples }, (_, i) => peer(n + i));
  // Warm-up on a throwaway version, then measure: each command builds on the previous one.
  for (let i = 0; i < 2000; i++) m.set(existing[i % samples], { amount: 1n, qty: 2n }).rootHash();
  const update = timeEach(samples, (i) => {
    m = m.set(existing[i], { amount: BigInt(i), qty: 3n });
    m.rootHash();
  });
  const insert = timeEach(samples, (i) => {
    m = m.set(fresh[i], { amount: BigInt(i), qty: 4n });
    m.rootHash();
  });
  const get = timeEach(samples, (i) => {
    m.get(existing[i]);
  });
  const heapMb = process.memoryUsage().heapUsed / 2 ** 20;
  rows.push(
    `| ${n.toLocaleString("en-US").padStart(9)} | ${String(m.height()).padStart(6)} | ${fmt(update, 15)} | ${fmt(insert, 15)} | ${fmt(get, 11)} | ${(buildMs / 1000).toFixed(1).padStart(7)} | ${heapMb.toFixed(0).padStart(7)} |`,
  );
}
const load = os.loadavg().map((x) => x.toFixed(1)).join(" ");
console.log(`prelude scaling: map<peer, Bid>; ns per op as "median wall / mean CPU"; ${process.version}, ${os.cpus().length} CPUs, load ${load}`);
console.log("| entries   | height | update+root ns   | insert+root ns  | get ns      | build s | heap MB |");
console.log("|-----------|--------|-----------------|-----------------|-------------|---------|---------|");
for (const r of rows) console.log(r);
