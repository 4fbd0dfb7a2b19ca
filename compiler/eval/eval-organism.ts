// The reference evaluator's entry point: an organism's initial state, transactional
// commands (all or nothing, invariants after each), queries and state roots — the oracle
// that the emitted code is differentially tested against (Cedar's reference-model idea).
import type { CheckedModule, OrganismDef } from "../ir/declarations.js";
import type { Expr } from "../ir/expressions.js";
import type { Type } from "../ir/types.js";
import type { Value } from "../ir/values.js";
import { stateSubRoots, combineSubRoots, toHex, type StateField } from "../../stdlib/prelude/index.js";
import { assetStateFields, BALANCES_TYPE } from "./assets.js";
import { runBody } from "./eval-stmt.js";
import { evalExpr } from "./eval-expr.js";
import { callQuery, type CommandContext, type EmittedEvent, Frame, Meter } from "./frame.js";
import { ProgramIndex } from "./program-index.js";
import { Abort, bool } from "./value-ops.js";
import { toPrelude, typeDescOf } from "./to-prelude.js";

export type EvalReceipt =
  | { readonly outcome: "ok"; readonly events: readonly EmittedEvent[]; readonly cites: readonly Value[] }
  | { readonly outcome: "rejected"; readonly code: string; readonly reason: string };

export interface EvalCommand {
  readonly handler: string;
  readonly args: readonly Value[];
}

export interface EvaluatorOptions {
  readonly self: string; // the organism's own account (hex)
  readonly stableIds?: (target: string) => string;
  readonly budget?: bigint; // cost units per command; none = unmetered
}

export type EvalState = ReadonlyMap<string, Value>;

const U128: Type = { kind: "Prim", name: "u128" };

export class OrganismEvaluator {
  readonly index: ProgramIndex;
  readonly organism: OrganismDef;

  constructor(
    modules: readonly CheckedModule[],
    organismName: string,
    private readonly options: EvaluatorOptions,
  ) {
    this.index = new ProgramIndex(modules);
    const o = this.index.organismNamed(organismName);
    if (!o) throw new Error(`no organism named ${organismName}`);
    this.organism = o;
  }

  /** Every state entry with its type: state fields, collections, and each asset's two ledger entries. */
  stateSchema(): { readonly name: string; readonly type: Type }[] {
    const o = this.organism;
    return [
      ...o.state.map((s) => ({ name: s.name, type: s.type })),
      ...o.collections.map((c) => ({ name: c.name, type: c.type })),
      ...o.assets.flatMap((a) => [
        { name: assetStateFields(a).balances, type: BALANCES_TYPE },
        { name: assetStateFields(a).supply, type: U128 },
      ]),
    ];
  }

  initialState(): EvalState {
    const state = new Map<string, Value>();
    for (const s of this.organism.state) state.set(s.name, s.initial);
    for (const c of this.organism.collections) state.set(c.name, this.index.zero(c.type));
    for (const a of this.organism.assets) {
      state.set(assetStateFields(a).balances, { kind: "Map", entries: [] });
      state.set(assetStateFields(a).supply, { kind: "Int", value: 0n });
    }
    return state;
  }

  apply(state: EvalState, command: EvalCommand, ctx: Omit<CommandContext, "self">): { state: EvalState; receipt: EvalReceipt } {
    const handler = this.organism.handlers.find((h) => h.name === command.handler);
    if (!handler) return { state, receipt: { outcome: "rejected", code: "unknown_command", reason: `no handler ${command.handler}` } };
    const working = new Map(state);
    const frame = this.frame(working, { ...ctx, self: this.options.self });
    try {
      handler.params.forEach((p, i) => frame.bind(p.id, command.args[i]));
      runBody(frame, handler.body);
      this.checkInvariants(frame);
      return { state: working, receipt: { outcome: "ok", events: frame.events, cites: frame.cites } };
    } catch (e) {
      if (e instanceof Abort) return { state, receipt: { outcome: "rejected", code: e.code, reason: e.reason } };
      throw e;
    }
  }

  query(state: EvalState, name: string, args: readonly Value[]): Value {
    return callQuery(this.frame(new Map(state), undefined), name, args);
  }

  /** An expression read over a state as a query body reads it (a test's `expect`, a test step's arguments). */
  evaluate(state: EvalState, e: Expr): Value {
    return evalExpr(this.frame(new Map(state), undefined), e);
  }

  /** The state root and per-field sub-roots, computed with the prelude's canonical encoding. */
  stateRoot(state: EvalState): { root: string; subRoots: Record<string, string> } {
    const schema: StateField[] = this.stateSchema().map((s) => ({ name: s.name, type: typeDescOf(s.type, this.index) }));
    const value = Object.fromEntries(this.stateSchema().map((s) => [s.name, toPrelude(state.get(s.name) ?? this.index.zero(s.type), s.type, this.index)]));
    const subs = stateSubRoots(schema, value);
    return { root: toHex(combineSubRoots(subs)), subRoots: Object.fromEntries(subs.map((s) => [s.name, toHex(s.root)])) };
  }

  private checkInvariants(frame: Frame): void {
    for (const inv of [...this.organism.invariants].sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (!bool(evalExpr(frame, inv.cond))) throw new Abort("invariant", `invariant ${inv.name} does not hold`);
    }
  }

  private frame(state: Map<string, Value>, ctx: CommandContext | undefined): Frame {
    const f = new Frame(this.index, new Meter(this.options.budget), this.organism, state, ctx);
    f.stableIds = this.options.stableIds;
    f.selfAccount = this.options.self;
    return f;
  }
}
