// The replica on its own: in-order application with receipts and roots after each index,
// signed roots over the documented message, malformed entries, rebuild from a real log
// file, and snapshot + replay = full replay (a property over random command sequences).
import crypto from "node:crypto";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { EmbeddedLog } from "../../../runtime/ordering/embedded-log.js";
import { MemoryLog } from "../../../runtime/ordering/memory-log.js";
import { encodeCommand } from "../../../runtime/replica/command-codec.js";
import { Replica, ReplicaOrderError } from "../../../runtime/replica/replica.js";
import { commitVoteMessage, COMMIT_VOTE_MESSAGE_BYTES, verifyRootSignature } from "../../../runtime/replica/signed-root.js";
import { SnapshotError } from "../../../runtime/replica/snapshot.js";
import { commandStream, ledgerCommand, memberKeys, mint, peer, removeTempDirs, tempDir, transfer } from "../support/committee-fixture.js";
import { LEDGER_CONTENT_HASH, ledgerMachine } from "../support/ledger-machine.js";

afterEach(removeTempDirs);

const [keyA, keyB] = memberKeys(2);
const replicaWith = (key = keyA) => new Replica({ machine: ledgerMachine(), key });
const logOf = (commands: Parameters<typeof encodeCommand>[0][]) => MemoryLog.of(commands.map(encodeCommand));

describe("replica", () => {
  it("applies entries in order, with the receipt and roots after each index", async () => {
    const log = logOf([mint(1, 100), transfer(1, 2, 30), transfer(2, 3, 500)]);
    const r = replicaWith();
    const steps = (await log.read(1)).map((e) => r.apply(e));
    expect(steps.map((s) => s.index)).toEqual([1, 2, 3]);
    expect(steps[0].receipt).toEqual({ status: "applied", receipt: { outcome: "ok", events: [{ name: "mint", amount: "100" }] } });
    expect(steps[2].receipt).toMatchObject({ status: "applied", receipt: { outcome: "rejected", code: "require" } });
    // A rejected command leaves the state, and so the root, as it was.
    expect(steps[2].roots).toEqual(steps[1].roots);
    expect(steps[1].roots!.root).not.toBe(steps[0].roots!.root);
    expect(Object.keys(steps[0].roots!.subRoots).sort()).toEqual(["balances", "supply"]);
    expect(r.appliedIndex).toBe(3);
    expect(r.state.balances.get(peer(2))).toBe(30n);
    expect(r.step(2)).toBe(steps[1]);
  });

  it("refuses an entry out of order", async () => {
    const log = logOf([mint(1, 1), mint(1, 2)]);
    const r = replicaWith();
    const [, second] = await log.read(1);
    expect(() => r.apply(second)).toThrow(ReplicaOrderError);
  });

  it("signs (organism, index, root) over the documented 93-byte message, verifiable with node:crypto alone", async () => {
    const r = replicaWith();
    await r.replay(logOf([mint(1, 5), mint(2, 6)]));
    const vote = r.vote(1);
    const root = r.step(1)!.roots!.root;
    const expected = Buffer.concat([
      Buffer.from("smalt/commit-vote/v1\0", "ascii"),
      Buffer.from(LEDGER_CONTENT_HASH, "hex"),
      Buffer.from([0, 0, 0, 0, 0, 0, 0, 1]),
      Buffer.from(root, "hex"),
    ]);
    const message = commitVoteMessage(LEDGER_CONTENT_HASH, 1, root);
    expect(message.length).toBe(COMMIT_VOTE_MESSAGE_BYTES);
    expect(Buffer.from(message).equals(expected)).toBe(true);
    const publicKey = crypto.createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: Buffer.from(vote.publicKey, "hex").toString("base64url") }, format: "jwk" });
    expect(crypto.verify(null, expected, publicKey, Buffer.from(vote.signature, "hex"))).toBe(true);
    expect(vote).toMatchObject({ organism: LEDGER_CONTENT_HASH, index: 1, root, publicKey: keyA.publicKey });
    expect(verifyRootSignature(vote.publicKey, LEDGER_CONTENT_HASH, 2, root, vote.signature)).toBe(false);
  });

  it("computes the same roots on replicas with different keys; their signatures differ and both verify", async () => {
    const log = logOf(commandStream(40));
    const a = replicaWith(keyA);
    const b = replicaWith(keyB);
    await a.replay(log);
    await b.replay(log);
    expect(b.stateRoots).toEqual(a.stateRoots);
    const [va, vb] = [a.vote(), b.vote()];
    expect(va.signature).not.toBe(vb.signature);
    for (const v of [va, vb]) expect(verifyRootSignature(v.publicKey, v.organism, v.index, v.root, v.signature)).toBe(true);
  });

  it("records a malformed entry the same way everywhere and leaves the state unchanged", async () => {
    const log = new MemoryLog();
    await log.append([encodeCommand(mint(1, 9)), new TextEncoder().encode("{not json"), new Uint8Array([0xff, 0xfe])]);
    const a = replicaWith(keyA);
    const b = replicaWith(keyB);
    await a.replay(log);
    await b.replay(log);
    expect(a.step(2)!.receipt).toMatchObject({ status: "malformed" });
    expect(a.step(3)!.receipt).toEqual({ status: "malformed", reason: "payload is not valid UTF-8" });
    expect(a.step(3)!.command).toBeNull();
    expect(a.stateRoots).toEqual(a.step(1)!.roots);
    expect(b.stateRoots).toEqual(a.stateRoots);
  });

  it("rebuilds from a real log file to the same root, after reopening it", async () => {
    const dir = tempDir();
    const log = EmbeddedLog.open(dir);
    await log.append(commandStream(120).map(encodeCommand));
    const live = replicaWith();
    await live.replay(log);
    await log.close();
    const reopened = EmbeddedLog.open(dir);
    const rebuilt = replicaWith(keyB);
    expect(await rebuilt.replay(reopened)).toBe(120);
    expect(rebuilt.stateRoots).toEqual(live.stateRoots);
    rebuilt.reset();
    expect(rebuilt.appliedIndex).toBe(0);
    await rebuilt.replay(reopened, 60);
    expect(rebuilt.stateRoots.root).toBe(live.step(60)!.roots!.root);
    await reopened.close();
  });

  it("snapshot at k + replay of the rest = full replay, for any commands and any k", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(ledgerCommand, { minLength: 1, maxLength: 40 }), fc.nat(), async (commands, k) => {
        const log = logOf(commands);
        const at = k % (commands.length + 1);
        const full = replicaWith();
        await full.replay(log);
        const source = replicaWith();
        await source.replay(log, at);
        const snap = source.snapshot();
        const restored = replicaWith(keyB);
        restored.restore(snap);
        expect(restored.appliedIndex).toBe(at);
        await restored.replay(log);
        expect(restored.stateRoots).toEqual(full.stateRoots);
        expect(restored.machine.encodeState(restored.state)).toEqual(full.machine.encodeState(full.state));
      }),
      { numRuns: 60 },
    );
  });

  it("refuses a snapshot whose state does not reproduce its root, or of another organism", async () => {
    const r = replicaWith();
    await r.replay(logOf([mint(1, 10), mint(2, 20)]));
    const snap = r.snapshot();
    const forged = { ...snap, state: new TextEncoder().encode(JSON.stringify({ balances: [[peer(1), "999"]], supply: "30" })) };
    expect(() => replicaWith().restore(forged)).toThrow(SnapshotError);
    expect(() => replicaWith().restore({ ...snap, organism: "ab".repeat(32) })).toThrow(/organism/);
    expect(() => replicaWith().restore({ ...snap, state: new Uint8Array([1, 2, 3]) })).toThrow(/does not decode/);
  });
});
