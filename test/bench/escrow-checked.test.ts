// The checked hand-written escrow (bench/handwritten/escrow-checked.ts) is the emitted
// escrow's logic: on the benchmark's stream and on one that hits every guard, the two give
// the same receipt (outcome, code, reason, events) for every command.
import { beforeAll, describe, expect, it } from "vitest";
import type { EmittedApi, State } from "../../compiler/emit/emitted-api.js";
import { checkPolicy, commandJson, loadEmitted, SELF } from "../../bench/emitted-stream.js";
import { AGENTS, workload } from "../../bench/escrow-workload.js";
import { CheckedEscrow, type CheckedCommand as Command, type CheckedReceipt } from "../../bench/handwritten/escrow-checked.js";
import { benchId } from "../../bench/ids.js";

let api: EmittedApi;
beforeAll(async () => {
  api = await loadEmitted(checkPolicy(new URL("../../examples/escrow/escrow.smalt", import.meta.url).pathname), "Escrow");
}, 60_000);

const json = (r: CheckedReceipt): unknown =>
  r.outcome === "rejected"
    ? r
    : { outcome: "ok", cites: [], events: r.events.map((e) => ({ name: e.name, fields: Object.fromEntries(Object.entries(e.fields).map(([k, v]) => [k, typeof v === "bigint" ? v.toString() : v])) })) };

/** Runs the stream through both; returns the codes and reasons of the rejected commands. */
function runBoth(stream: readonly { sender: string; cmd: Command }[]): string[] {
  const hand = new CheckedEscrow(SELF);
  let state: State = api.initialState();
  const rejected: string[] = [];
  stream.forEach((s, i) => {
    const r = api.apply(state, api.decodeCommand(commandJson(s.cmd)), { sender: s.sender, self: SELF, index: BigInt(i + 1) });
    const h = hand.apply(s.cmd, s.sender);
    expect(json(h), `command ${i}: ${JSON.stringify(commandJson(s.cmd))}`).toEqual(api.receiptToJson(r.receipt));
    state = r.state;
    if (h.outcome === "rejected") rejected.push(`${h.code}: ${h.reason}`);
  });
  return rejected;
}

describe("checked hand-written escrow vs emitted", () => {
  it("agrees on the benchmark's stream, every command accepted", () => {
    expect(runBoth(workload(300))).toEqual([]);
  });

  it("agrees on every guard, in order", () => {
    const [alice, bob, carol] = AGENTS;
    const art = benchId("artifact", 1);
    const other = benchId("artifact", 2);
    const s = (sender: string, cmd: Command) => ({ sender, cmd });
    const stream = [
      s(SELF, { handler: "endow", agent: alice, amount: 0n }),
      s(SELF, { handler: "endow", agent: alice, amount: 101n }),
      s(SELF, { handler: "endow", agent: alice, amount: 10n }),
      s(SELF, { handler: "endow", agent: carol, amount: 3n }),
      s(bob, { handler: "purchase", artifact: art }),
      s(alice, { handler: "register", artifact: art }),
      s(carol, { handler: "register", artifact: art }),
      s(carol, { handler: "delete", artifact: art }),
      s(alice, { handler: "delete", artifact: other }),
      s(alice, { handler: "deposit", artifact: art, price: 0n, buyer: null }),
      s(alice, { handler: "deposit", artifact: other, price: 5n, buyer: null }),
      s(carol, { handler: "deposit", artifact: art, price: 5n, buyer: null }),
      s(bob, { handler: "register", artifact: other }),
      s(bob, { handler: "deposit", artifact: other, price: 5n, buyer: null }), // no scrip for the fee
      s(alice, { handler: "deposit", artifact: art, price: 40n, buyer: bob }),
      s(alice, { handler: "deposit", artifact: art, price: 7n, buyer: null }),
      s(carol, { handler: "purchase", artifact: art }),
      s(alice, { handler: "purchase", artifact: art }),
      s(alice, { handler: "cancel", artifact: other }),
      s(carol, { handler: "cancel", artifact: art }),
      s(SELF, { handler: "endow", agent: bob, amount: 39n }),
      s(bob, { handler: "purchase", artifact: art }), // 39 < 40
      s(SELF, { handler: "endow", agent: bob, amount: 1n }),
      s(bob, { handler: "purchase", artifact: art }),
      s(bob, { handler: "purchase", artifact: art }),
      s(bob, { handler: "cancel", artifact: art }),
      s(alice, { handler: "delete", artifact: art }),
      s(bob, { handler: "delete", artifact: art }),
    ];
    expect(runBoth(stream)).toEqual([
      "require: Amount must be positive",
      "require: Amount exceeds the starting allocation",
      "require: No listing found for this artifact; see list_active",
      "require: Artifact already exists",
      "require: Only the artifact's writer can delete it",
      "require: Artifact not found",
      "require: Price must be positive (at least 1)",
      "require: Artifact not found",
      "require: Only the artifact's current writer can list it",
      "require: Insufficient scrip for the deposit fee",
      "require: Only the artifact's current writer can list it",
      "require: This listing is restricted to another buyer",
      "require: This listing is restricted to another buyer",
      "require: No listing found for this artifact; see list_active",
      "require: Only the seller can cancel a listing",
      "require: Insufficient scrip",
      "require: Listing is not active",
      "require: Only the seller can cancel a listing",
      "require: Only the artifact's writer can delete it",
    ]);
  });
});
