// A single in-memory replica of an emitted organism for tests: sends JSON commands through
// `decodeCommand` and `apply`, and (by default) the same command to the reference evaluator,
// failing on any difference in outcome, abort code, events, cites or state root.
import { expect } from "vitest";
import { OrganismEvaluator, type EvalState } from "../../../compiler/eval/eval-organism.js";
import { ProgramIndex } from "../../../compiler/eval/program-index.js";
import { toHex } from "../../../stdlib/prelude/index.js";
import type { EmittedApi, Json, State } from "../../../compiler/emit/emitted-api.js";
import type { LoadedOrganism } from "./cases.js";
import { jsonToValue } from "../../../compiler/scenario/json-values.js";
import { referenceReceiptJson, REWORDED } from "./reference-receipt.js";

export { TEST_SELF as SELF } from "../../../compiler/scenario/test-peers.js";
import { TEST_SELF as SELF, stableIdsIn } from "../../../compiler/scenario/test-peers.js";

export interface Step {
  readonly receipt: Json;
  readonly rootBefore: string;
  readonly rootAfter: string;
  /** The state object `apply` returned is the very one it was given. */
  readonly untouched: boolean;
}

export interface SendOptions {
  readonly budget?: number;
  /** Also run the reference evaluator and compare (default: true unless a budget is set). */
  readonly differential?: boolean;
}

export class Replica {
  readonly api: EmittedApi;
  state: State;
  private evalState: EvalState;
  private readonly evaluator: OrganismEvaluator;
  private readonly tables: ProgramIndex;
  private index = 0n;

  constructor(private readonly loaded: LoadedOrganism) {
    this.api = loaded.api;
    this.state = this.api.initialState();
    this.tables = new ProgramIndex(loaded.source.program.modules);
    const network = loaded.source.program.modules.find((m) => m.key === loaded.organism.ref.module)?.network ?? "universe";
    this.evaluator = new OrganismEvaluator(loaded.source.program.modules, loaded.organism.ref.name, {
      self: SELF,
      stableIds: stableIdsIn(network),
    });
    this.evalState = this.evaluator.initialState();
    expect(this.root()).toBe(this.evaluator.stateRoot(this.evalState).root);
  }

  root(state: State = this.state): string {
    return toHex(this.api.stateRoot(state));
  }

  send(sender: string, command: { readonly handler: string; readonly args: Record<string, unknown> }, options: SendOptions = {}): Step {
    const before = this.state;
    const rootBefore = this.root();
    const decoded = this.api.decodeCommand(command);
    const canonical = this.api.commandToJson(decoded); // maps and sets come back in key order
    expect(this.api.commandToJson(this.api.decodeCommand(canonical))).toEqual(canonical);
    const ctx = { sender, self: SELF, index: this.index++ };
    const r = this.api.apply(before, decoded, ctx, options.budget === undefined ? {} : { budget: options.budget });
    const receipt = this.api.receiptToJson(r.receipt);
    this.state = r.state;
    const step = { receipt, rootBefore, rootAfter: this.root(), untouched: r.state === before };
    if (r.receipt.outcome === "rejected") {
      expect(step.untouched).toBe(true);
      expect(step.rootAfter).toBe(rootBefore);
    }
    if (options.differential ?? options.budget === undefined) this.compare(sender, command, ctx.index, receipt);
    return step;
  }

  query(name: string, args: Record<string, unknown> = {}): Json {
    return this.api.runQuery(this.state, { self: SELF }, { query: name, args });
  }

  private compare(sender: string, command: { readonly handler: string; readonly args: Record<string, unknown> }, index: bigint, receipt: Json): void {
    const o = this.loaded.organism;
    const h = o.handlers.find((x) => x.name === command.handler);
    if (!h) throw new Error(`no handler ${command.handler}`);
    const args = h.params.map((p) => jsonToValue(command.args[p.name], p.type, this.tables));
    const r = this.evaluator.apply(this.evalState, { handler: h.name, args }, { sender, index });
    this.evalState = r.state;
    const mine = receipt as { outcome: string; code?: string; reason?: string; events?: Json[]; cites?: Json[] };
    expect(mine.outcome, `outcome of ${command.handler}`).toBe(r.receipt.outcome);
    if (r.receipt.outcome === "rejected") {
      expect(mine.code).toBe(r.receipt.code);
      if (!REWORDED.has(r.receipt.code)) expect(mine.reason).toBe(r.receipt.reason);
    } else {
      const reference = referenceReceiptJson(r.receipt, o, this.tables) as { events: Json[]; cites: Json[] };
      expect(mine.events).toEqual(reference.events);
      expect(mine.cites).toEqual(reference.cites);
    }
    expect(this.root(), `state root after ${command.handler}`).toBe(this.evaluator.stateRoot(this.evalState).root);
  }
}

/** A peer id for a test name: 32 bytes of one repeated byte (`peer(1)` = 0101…). */
export function peer(n: number): string {
  return n.toString(16).padStart(2, "0").repeat(32);
}
