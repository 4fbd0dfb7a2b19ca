// Properties of emitted code under random command sequences (fixed seed in CI; longer with
// SMALT_PROP_RUNS): every step agrees with the reference evaluator (receipt and state root),
// state roots do not depend on the order entries were inserted in, and cost metering is
// deterministic and monotonic: a command commits exactly when its budget covers its charge.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { propertyRuns, propertySeed } from "../support/properties.js";
import { caseInput, loadOrganism, type LoadedOrganism } from "./support/cases.js";
import { peer, Replica } from "./support/replica.js";

const settings = (runs: number) => ({ seed: propertySeed(), numRuns: propertyRuns(runs) });

const loaded: Record<string, LoadedOrganism> = {};
beforeAll(async () => {
  for (const [c, o] of [["counter", "Counter"], ["bank", "Bank"], ["registry", "Registry"], ["auction", "Auction"]]) loaded[c] = await loadOrganism(caseInput(c), o);
});

type Cmd = { readonly sender: string; readonly command: { readonly handler: string; readonly args: Record<string, unknown> } };

const who = fc.integer({ min: 1, max: 4 }).map(peer);
const amount = fc.oneof(fc.bigInt({ min: 0n, max: 50n }), fc.constantFrom(2n ** 64n - 1n, 2n ** 63n)).map(String);
const u8 = fc.bigInt({ min: 0n, max: 255n }).map(String);
const cmd = (handler: string, args: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<Cmd> =>
  fc.record({ sender: who, command: args.map((a) => ({ handler, args: a })) });

const counterCmd = fc.oneof(
  cmd("bump", fc.record({ n: u8 })),
  cmd("set", fc.record({ n: u8 })),
  cmd("step", fc.constant({})),
);
const bankCmd = fc.oneof(
  cmd("grant", fc.record({ to: who, amount })),
  cmd("pay", fc.record({ to: who, amount })),
  cmd("pay_fee", fc.record({ amount })),
  cmd("destroy", fc.record({ amount })),
);
const kind = fc.oneof(fc.constant({ tag: "Plain" }), fc.record({ label: fc.string({ maxLength: 6 }), weight: fc.bigInt({ min: 0n, max: 10000n }).map(String) }).map((fields) => ({ tag: "Tagged", fields })));
const data = fc.constantFrom("", "00", "01", "cafe", "beef");
const registryCmd = fc.oneof(
  cmd("add", fc.record({ data, kind, score: fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map(String) })),
  cmd("forget", fc.constant({})),
  cmd("leave", fc.constant({})),
);
const auctionCmd = fc.oneof(
  cmd("bid", fc.record({ qty: fc.bigInt({ min: 0n, max: 3n }).map(String), price: fc.bigInt({ min: 0n, max: 60n }).map(String) })),
  cmd("bid", fc.record({ qty: fc.constant("1"), price: fc.bigInt({ min: 10n, max: 60n }).map(String) })),
  cmd("close", fc.constant({})),
);

function run(l: LoadedOrganism, cmds: readonly Cmd[]): Replica {
  const r = new Replica(l);
  for (const c of cmds) r.send(c.sender, c.command);
  return r;
}

describe("emitted code agrees with the reference evaluator", () => {
  const cases: [string, fc.Arbitrary<Cmd>][] = [["counter", counterCmd], ["bank", bankCmd], ["registry", registryCmd], ["auction", auctionCmd]];
  for (const [name, arb] of cases) {
    it(`${name}: random command sequences give the same receipts and roots`, () => {
      fc.assert(fc.property(fc.array(arb, { maxLength: 14 }), (cmds) => void run(loaded[name], cmds)), settings(40));
    });
  }
});

describe("state roots", () => {
  it("do not depend on the order entries were inserted in", () => {
    const grants = fc.uniqueArray(fc.integer({ min: 1, max: 200 }), { minLength: 1, maxLength: 12 }).chain((ids) =>
      fc.tuple(fc.constant(ids), fc.shuffledSubarray(ids, { minLength: ids.length, maxLength: ids.length })),
    );
    fc.assert(
      fc.property(grants, ([ids, shuffled]) => {
        const grant = (id: number): Cmd => ({ sender: peer(1), command: { handler: "grant", args: { to: peer(id), amount: String(id) } } });
        const a = run(loaded.bank, ids.map(grant));
        const b = run(loaded.bank, shuffled.map(grant));
        expect(b.root()).toBe(a.root());
        expect(b.api.subRoots(b.state).map((s) => s.name)).toEqual(["$coins.balances", "$coins.supply", "fees"]);
      }),
      settings(30),
    );
  });
});

describe("cost metering", () => {
  it("aborts with code cost exactly below the units a command needs, leaving the state untouched", () => {
    const arb = fc.tuple(fc.array(bankCmd, { maxLength: 6 }), bankCmd);
    fc.assert(
      fc.property(arb, ([prefix, last]) => {
        const r = run(loaded.bank, prefix);
        const api = r.api;
        const ctx = { sender: last.sender, self: peer(0x5e), index: 99n };
        const command = api.decodeCommand(last.command);
        const full = api.apply(r.state, command, ctx);
        if (full.receipt.outcome !== "ok") return;
        const at = (budget: number) => api.apply(r.state, command, ctx, { budget });
        let lo = 0;
        let hi = api.HANDLERS[last.command.handler].cost;
        while (lo < hi) {
          const mid = Math.floor((lo + hi) / 2);
          if (at(mid).receipt.outcome === "ok") hi = mid;
          else lo = mid + 1;
        }
        expect(api.receiptToJson(at(lo).receipt)).toEqual(api.receiptToJson(full.receipt));
        if (lo > 0) {
          const short = at(lo - 1);
          expect(short.receipt).toMatchObject({ outcome: "rejected", code: "cost" });
          expect(short.state).toBe(r.state);
          for (let b = 0; b < lo; b += Math.max(1, Math.floor(lo / 7))) expect(at(b).receipt.outcome).toBe("rejected");
        }
      }),
      settings(40),
    );
  });
});
