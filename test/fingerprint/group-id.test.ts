// GroupId, NetworkId, stable id and the group-configuration digests (consensus, state sync,
// ticket ids), each against an independent re-statement of mosaik.md §3.2–§3.5 and §3.9.
import { blake3 } from "@noble/hashes/blake3.js";
import { describe, expect, it } from "vitest";
import { toHex } from "../../compiler/fingerprint/bytes.js";
import { id } from "../../compiler/fingerprint/digest.js";
import { groupId, networkId, stableId } from "../../compiler/fingerprint/group-id.js";
import {
  consensusDigest,
  DEFAULT_CONSENSUS,
  logReplaySyncSignature,
  NOOP_STATE_MACHINE,
  snapshotSyncSignature,
  ticketId,
} from "../../compiler/fingerprint/mosaik-digest.js";
import { tdxValidatorSignature } from "../../compiler/fingerprint/validator-signatures.js";

const te = new TextEncoder();
const cat = (...parts: (string | Uint8Array)[]): Uint8Array => {
  const bs = parts.map((p) => (typeof p === "string" ? te.encode(p) : p));
  const out = new Uint8Array(bs.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of bs) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};
const d = (x: Uint8Array, y: string | Uint8Array) => blake3(cat(x, y));
const le = (n: bigint, width: number) => {
  const out = new Uint8Array(width);
  for (let i = 0, v = n; i < width; i++, v >>= 8n) out[i] = Number(v & 255n);
  return out;
};

describe("consensusDigest", () => {
  it("is from_parts of three u128 LE fields and takes mosaik's defaults", () => {
    expect(DEFAULT_CONSENSUS).toEqual({ heartbeatIntervalMs: 500, heartbeatJitterMs: 150, maxMissedHeartbeats: 10 });
    expect(consensusDigest({ heartbeatIntervalMs: 1000 })).toEqual(blake3(cat(le(1000n, 16), le(150n, 16), le(10n, 16))));
    expect(consensusDigest(DEFAULT_CONSENSUS)).toEqual(consensusDigest());
  });
});

describe("state sync signatures", () => {
  it("LogReplaySync folds type name, u64 batch and u64 fetch-timeout seconds (defaults 2000, 25 s)", () => {
    const expected = d(d(d(blake3(te.encode("mosaik_log_replay_sync")), "smalt::Auction"), le(2000n, 8)), le(25n, 8));
    expect(logReplaySyncSignature("smalt::Auction")).toEqual(expected);
    expect(logReplaySyncSignature("smalt::Auction", 2000, 25)).toEqual(expected);
    expect(logReplaySyncSignature("smalt::Auction", 100, 25)).not.toEqual(expected);
  });

  it("SnapshotSync folds type name, u64 batch and three u128 millisecond durations", () => {
    let expected = d(blake3(te.encode("mosaik_collections_snapshot_sync")), "T");
    for (const part of [le(2000n, 8), le(10_000n, 16), le(15_000n, 16), le(5_000n, 16)]) expected = d(expected, part);
    expect(snapshotSyncSignature("T")).toEqual(expected);
    expect(snapshotSyncSignature("T", { fetchTimeoutMs: 6_000 })).not.toEqual(expected);
  });
});

describe("ticketId", () => {
  it("is class.derive(data) for string and byte data", () => {
    const cls = id("my-app.auth");
    expect(ticketId(cls, "abc")).toEqual(d(cls, "abc"));
    expect(ticketId(cls, Uint8Array.of(1, 2))).toEqual(d(cls, Uint8Array.of(1, 2)));
  });
});

describe("groupId", () => {
  const secret = id("group-secret");
  const consensus = consensusDigest();
  const sm = id("smalt.organism.v1");
  const sync = logReplaySyncSignature("smalt::O");
  const v1 = tdxValidatorSignature({ baseline: {}, variants: [] });
  const v2 = id("another validator");

  it("hashes the secret, then derives consensus, state machine, sync and each validator in order", () => {
    const expected = d(d(d(d(d(blake3(secret), consensus), sm), sync), v1), v2);
    expect(groupId({ secret, consensus, stateMachineSignature: sm, stateSyncSignature: sync, validatorSignatures: [v1, v2] })).toEqual(
      expected,
    );
  });

  it("depends on validator order and on every input", () => {
    const base = { secret, consensus, stateMachineSignature: sm, stateSyncSignature: sync, validatorSignatures: [v1, v2] };
    const ids = [
      base,
      { ...base, validatorSignatures: [v2, v1] },
      { ...base, validatorSignatures: [] },
      { ...base, secret: id("other") },
      { ...base, consensus: consensusDigest({ maxMissedHeartbeats: 11 }) },
      { ...base, stateMachineSignature: NOOP_STATE_MACHINE },
      { ...base, stateSyncSignature: logReplaySyncSignature("smalt::P") },
    ].map((g) => toHex(groupId(g)));
    expect(new Set(ids).size).toBe(7);
  });

  it("with a GroupKey made from a validator, the secret is that validator's signature", () => {
    const g = groupId({ secret: v1, consensus, stateMachineSignature: sm, stateSyncSignature: sync, validatorSignatures: [v1] });
    expect(g).toEqual(d(d(d(d(blake3(v1), consensus), sm), sync), v1));
  });
});

describe("networkId and stableId", () => {
  it("networkId is id(name)", () => {
    expect(networkId("universe")).toEqual(blake3(te.encode("universe")));
    expect(toHex(networkId("my-network"))).toBe("3a15da9332ddf3c130882c97f6674a45edf90ecbe482c92f51b1822ec7dcf0d5");
  });

  it('stableId = blake3("instance|" ‖ name ‖ "|" ‖ network id bytes)', () => {
    const net = networkId("universe");
    expect(stableId("searcher-α.accuracy-reputation", net)).toEqual(blake3(cat("instance|searcher-α.accuracy-reputation|", net)));
    expect(stableId("a.b", net)).not.toEqual(stableId("a.b", networkId("testnet")));
  });

  it("refuses a network id that is not 32 bytes (a Smalt bug)", () => {
    expect(() => stableId("a", new Uint8Array(3))).toThrow(RangeError);
  });
});
