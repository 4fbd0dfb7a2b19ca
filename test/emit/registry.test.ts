// The registry case, run: enum payloads and match, options, sets, map removal and keys,
// list pop and index, hashing, evidence checked against a `uses` pin and cited, integer
// built-ins and checked conversions — each against the reference evaluator.
import { beforeAll, describe, expect, it } from "vitest";
import { stableId, networkId } from "../../compiler/fingerprint/group-id.js";
import { blake3, encode, T, toHex } from "../../stdlib/prelude/index.js";
import { caseInput, loadOrganism, type LoadedOrganism } from "./support/cases.js";
import { peer, Replica } from "./support/replica.js";

let loaded: LoadedOrganism;
beforeAll(async () => {
  loaded = await loadOrganism(caseInput("registry"), "Registry");
});

const plain = { tag: "Plain" };
const tagged = (label: string, weight: string) => ({ tag: "Tagged", fields: { label, weight } });
const add = (data: string, kind: unknown, score: string) => ({ handler: "add", args: { data, kind, score } });
const keyOf = (hex: string) => toHex(blake3(encode(T.bytes, Uint8Array.from(Buffer.from(hex, "hex")))));

describe("emitted Registry", () => {
  it("adds entries keyed by hash, with enum payloads", () => {
    const r = new Replica(loaded);
    const s = r.send(peer(1), add("cafe", tagged("héllo", "5000"), "-3"));
    expect(s.receipt).toEqual({ outcome: "ok", events: [{ name: "Added", fields: { key: keyOf("cafe"), owner: peer(1) } }], cites: [] });
    r.send(peer(1), add("beef", plain, "4"));
    expect(r.query("weight_of", { key: keyOf("cafe") })).toEqual({ outcome: "ok", value: "300" }); // 6 UTF-8 bytes × 100 × 50 %
    expect(r.query("weight_of", { key: keyOf("beef") })).toEqual({ outcome: "ok", value: "0" });
    expect(r.query("describe", { key: keyOf("cafe") })).toEqual({ outcome: "ok", value: "tagged" });
    expect(r.query("all_keys")).toEqual({ outcome: "ok", value: [keyOf("cafe"), keyOf("beef")].sort() });
    expect(r.query("first")).toEqual({ outcome: "ok", value: keyOf("cafe") });
    expect(r.query("all_positive")).toEqual({ outcome: "ok", value: true }); // -3 + 4
    expect(r.query("real_owners")).toEqual({ outcome: "ok", value: "1" });
    expect(r.send(peer(1), add("cafe", plain, "0")).receipt).toEqual({ outcome: "rejected", code: "require", reason: "duplicate" });
  });

  it("matches on options: only the owner removes, a missing entry is refused", () => {
    const r = new Replica(loaded);
    r.send(peer(1), add("01", plain, "1"));
    expect(r.send(peer(2), { handler: "remove", args: { key: keyOf("01") } }).receipt).toEqual({ outcome: "rejected", code: "require", reason: "not the owner" });
    expect(r.send(peer(1), { handler: "remove", args: { key: keyOf("01") } }).receipt).toMatchObject({ outcome: "ok" });
    expect(r.send(peer(1), { handler: "remove", args: { key: keyOf("01") } }).receipt).toEqual({ outcome: "rejected", code: "require", reason: "no such entry" });
  });

  it("pops the log and refuses a fifth entry and a third owner (capacities)", () => {
    const r = new Replica(loaded);
    for (const d of ["01", "02", "03", "04"]) r.send(peer(1), add(d, plain, "1"));
    expect(r.send(peer(1), add("05", plain, "1")).receipt).toEqual({ outcome: "rejected", code: "capacity", reason: "list is full (capacity 4)" });
    r.send(peer(1), { handler: "forget", args: {} });
    expect(r.send(peer(2), add("05", plain, "1")).receipt).toMatchObject({ outcome: "ok" });
    expect(r.send(peer(3), add("06", plain, "1")).receipt).toEqual({ outcome: "rejected", code: "capacity", reason: "set is full (capacity 2)" });
    r.send(peer(2), { handler: "leave", args: {} });
    expect(r.query("real_owners")).toEqual({ outcome: "ok", value: "1" });
    for (let i = 0; i < 5; i++) r.send(peer(1), { handler: "forget", args: {} });
    expect(r.query("first")).toEqual({ outcome: "rejected", code: "index", reason: "index 0 out of range for a list of length 0" });
  });

  it("checks evidence against the pinned upstream and cites it", () => {
    const r = new Replica(loaded);
    const upstream = toHex(stableId("tests.upstream", networkId("universe")));
    const ev = { organism: upstream, index: "7", root: "ab".repeat(32), commit: "cd".repeat(32) };
    expect(r.send(peer(1), { handler: "attest", args: { ev } }).receipt).toEqual({ outcome: "ok", events: [], cites: [{ kind: "evidence", value: ev }] });
    const wrong = { ...ev, organism: "00".repeat(32) };
    expect(r.send(peer(1), { handler: "attest", args: { ev: wrong } }).receipt).toEqual({ outcome: "rejected", code: "require", reason: "wrong upstream" });
  });

  it("evaluates integer built-ins with their rounding and checks", () => {
    const r = new Replica(loaded);
    expect(r.query("mix", { a: "7", b: "4" })).toEqual({ outcome: "ok", value: "6" }); // ceil(11/2) + floor(28/7) - 4
    expect(r.query("rem", { x: "10" })).toEqual({ outcome: "ok", value: "-3" }); // -10 % 7, sign of the dividend
    expect(r.query("fee_of", { amount: "1000" })).toEqual({ outcome: "ok", value: "25" });
    expect(r.query("narrow", { x: "255" })).toEqual({ outcome: "ok", value: "255" });
    expect(r.query("narrow", { x: "256" })).toMatchObject({ outcome: "rejected", code: "narrowing" });
    expect(r.query("mix", { a: (2n ** 64n - 1n).toString(), b: "1" })).toMatchObject({ outcome: "rejected", code: "overflow" });
    expect(r.query("rem", { x: (-(2n ** 63n)).toString() })).toMatchObject({ outcome: "rejected", code: "overflow" });
  });

  it("accumulates signed scores and reports a negative total", () => {
    const r = new Replica(loaded);
    r.send(peer(1), add("aa", plain, "-5"));
    expect(r.query("all_positive")).toEqual({ outcome: "ok", value: false });
    expect(r.send(peer(1), add("bb", plain, (-(2n ** 63n)).toString())).receipt).toEqual({ outcome: "rejected", code: "overflow", reason: "i64 underflow in +=" });
  });
});
