// Runs the real std.clearing rules from a test: test/stdlib/fixtures/clearing-harness.smalt
// exposes each rule as a query; every call goes through the emitted TypeScript (`runQuery`)
// and through the reference evaluator, and fails unless both give the same allocation (or
// the same abort code).
import path from "node:path";
import { expect } from "vitest";
import { OrganismEvaluator, type EvalState } from "../../../compiler/eval/eval-organism.js";
import { ProgramIndex } from "../../../compiler/eval/program-index.js";
import { Abort } from "../../../compiler/eval/value-ops.js";
import { jsonToValue, valueToJson } from "../../../compiler/scenario/json-values.js";
import { stableIdsIn, TEST_SELF } from "../../../compiler/scenario/test-peers.js";
import type { Json, State } from "../../../compiler/emit/emitted-api.js";
import { loadOrganism, type LoadedOrganism } from "../../emit/support/cases.js";
import { peer } from "../../emit/support/replica.js";
import type { Allocation, Order } from "./orders.js";

export const HARNESS_SOURCE = path.join(import.meta.dirname, "..", "fixtures", "clearing-harness.smalt");

export const ONE_SIDED_RULES = ["first_price", "second_price", "vcg", "uniform_price_first_rejected", "uniform_price_last_accepted"] as const;
export type OneSidedRule = (typeof ONE_SIDED_RULES)[number];

/** A rule call the rule itself refused (an abort), identical in both executions. */
export class RuleAborted extends Error {
  constructor(
    readonly code: string,
    readonly reason: string,
  ) {
    super(`rule aborted: ${code}: ${reason}`);
  }
}

const orderJson = (o: Order): Json => ({ agent: peer(o.agent), qty: String(o.qty), price: String(o.price), seq: String(o.seq) });

function agentOf(hex: string): number {
  const n = parseInt(hex.slice(0, 2), 16);
  if (peer(n) !== hex) throw new Error(`fill for an agent the test never made: ${hex}`);
  return n;
}

function allocationOf(j: Json): Allocation {
  const a = j as { fills: { agent: string; qty: string; pay: string }[]; price: string | null };
  return {
    fills: a.fills.map((f) => ({ agent: agentOf(f.agent), qty: BigInt(f.qty), pay: BigInt(f.pay) })),
    price: a.price === null ? null : BigInt(a.price),
  };
}

export class ClearingHarness {
  private readonly state: State;
  private readonly evaluator: OrganismEvaluator;
  private readonly evalState: EvalState;
  private readonly tables: ProgramIndex;

  private constructor(private readonly loaded: LoadedOrganism) {
    this.state = loaded.api.initialState();
    this.tables = new ProgramIndex(loaded.source.program.modules);
    this.evaluator = new OrganismEvaluator(loaded.source.program.modules, loaded.organism.ref.name, { self: TEST_SELF, stableIds: stableIdsIn("universe") });
    this.evalState = this.evaluator.initialState();
  }

  static async load(): Promise<ClearingHarness> {
    return new ClearingHarness(await loadOrganism(HARNESS_SOURCE, "ClearingHarness"));
  }

  /** `rule(bids, units, reserve)`, run by the emitted code and by the evaluator. */
  oneSided(rule: OneSidedRule, bids: readonly Order[], units: bigint, reserve: bigint): Allocation {
    return allocationOf(this.run(rule, { bids: bids.map(orderJson), units: String(units), reserve: String(reserve) }));
  }

  callMarket(bids: readonly Order[], asks: readonly Order[]): Allocation {
    return allocationOf(this.run("call_market_mid", { bids: bids.map(orderJson), asks: asks.map(orderJson) }));
  }

  marginalBidsNonIncreasing(bids: readonly Order[]): boolean {
    return this.run("marginal_bids_non_increasing", { bids: bids.map(orderJson) }) as boolean;
  }

  private run(query: string, args: Record<string, Json>): Json {
    const emitted = this.loaded.api.runQuery(this.state, { self: TEST_SELF }, { query, args }) as
      | { outcome: "ok"; value: Json }
      | { outcome: "rejected"; code: string; reason: string };
    const reference = this.evaluate(query, args);
    if (emitted.outcome === "rejected") {
      expect(reference, `the evaluator on ${query} where the emitted code aborted (${emitted.code})`).toBeInstanceOf(Abort);
      expect((reference as Abort).code).toBe(emitted.code);
      throw new RuleAborted(emitted.code, emitted.reason);
    }
    if (reference instanceof Abort) throw new Error(`${query}: the evaluator aborted (${reference.code}: ${reference.reason}) but the emitted code returned ${JSON.stringify(emitted.value)}`);
    expect(emitted.value, `${query}: emitted code vs reference evaluator`).toEqual(reference);
    return emitted.value;
  }

  private evaluate(query: string, args: Record<string, Json>): Json | Abort {
    const q = this.loaded.organism.queries.find((x) => x.name === query);
    if (!q) throw new Error(`no query ${query} in ${HARNESS_SOURCE}`);
    try {
      const values = q.params.map((p) => jsonToValue(args[p.name], p.type, this.tables));
      return valueToJson(this.evaluator.query(this.evalState, query, values), q.returnType, this.tables);
    } catch (e) {
      if (e instanceof Abort) return e;
      throw e;
    }
  }
}
