// Reference evaluator, part 5: the evaluation frame (locals, the transaction's working
// state, the command context, events and cites) and calls into fns and clearing rules.
import type { Callee } from "../ir/expressions.js";
import type { OrganismDef } from "../ir/declarations.js";
import type { Value } from "../ir/values.js";
import { runBody } from "./eval-stmt.js";
import type { ProgramIndex } from "./program-index.js";
import { Abort } from "./value-ops.js";

export interface CommandContext {
  readonly sender: string; // peer id, lowercase hex
  readonly self: string; // the organism's own account, lowercase hex
  readonly index: bigint; // log index of the command
}

export interface EmittedEvent {
  readonly name: string;
  readonly fields: readonly { readonly name: string; readonly value: Value }[];
}

/** Counts cost units; aborts with code `cost` once a budget is exceeded. */
export class Meter {
  used = 0n;
  constructor(readonly budget: bigint | undefined) {}
  charge(units: bigint): void {
    this.used += units;
    if (this.budget !== undefined && this.used > this.budget) throw new Abort("cost", `cost budget of ${this.budget} units exhausted`);
  }
}

/** `return` unwinds to the enclosing fn, query or handler. */
export class ReturnSignal {
  constructor(readonly value: Value | undefined) {}
}

export class Frame {
  private readonly locals = new Map<number, Value>();
  readonly events: EmittedEvent[];
  readonly cites: Value[];

  constructor(
    readonly index: ProgramIndex,
    readonly meter: Meter,
    readonly organism: OrganismDef | undefined,
    readonly state: Map<string, Value> | undefined,
    private readonly context: CommandContext | undefined,
    shared?: { events: EmittedEvent[]; cites: Value[] },
  ) {
    this.events = shared?.events ?? [];
    this.cites = shared?.cites ?? [];
  }

  local(id: number): Value {
    const v = this.locals.get(id);
    if (v === undefined) throw new Error(`internal error: local ${id} read before it was bound`);
    return v;
  }

  bind(id: number, v: Value): void {
    this.locals.set(id, v);
  }

  readState(name: string): Value {
    const v = this.state?.get(name);
    if (v === undefined) throw new Error(`internal error: no state field ${name}`);
    return v;
  }

  writeState(name: string, v: Value): void {
    if (!this.state) throw new Error("internal error: state write outside an organism");
    this.state.set(name, v);
  }

  ctx(): CommandContext {
    if (!this.context) throw new Error("internal error: no command context here");
    return this.context;
  }

  usesRef(alias: string, field: "stable_id" | "content_hash"): Value {
    const u = this.organism?.uses.find((x) => x.alias === alias);
    if (!u) throw new Error(`internal error: no uses reference ${alias}`);
    if (field === "content_hash") return u.contentHash ? { kind: "Some", value: { kind: "Bytes", hex: u.contentHash } } : { kind: "None" };
    const stable = this.stableIds?.(u.target);
    if (!stable) throw new Error("internal error: stable ids are not available to this evaluation");
    return { kind: "Bytes", hex: stable };
  }

  /** The organism's own account where there is no command (queries, invariants read outside one, test expectations). */
  selfAccount?: string;

  self(): string {
    const self = this.context?.self ?? this.selfAccount;
    if (self === undefined) throw new Error("internal error: no organism account here");
    return self;
  }

  /** How `uses` targets become stable ids (supplied by the caller; the evaluator does no hashing of identities). */
  stableIds?: (target: string) => string;

  /** A frame for a query body: same organism, state and meter, no command context, fresh locals. */
  queryChild(): Frame {
    const f = new Frame(this.index, this.meter, this.organism, this.state, undefined);
    f.stableIds = this.stableIds;
    f.selfAccount = this.self();
    return f;
  }

  /** A frame for a fn body: same program and meter, no state, no sender, fresh locals. */
  child(): Frame {
    const f = new Frame(this.index, this.meter, undefined, undefined, undefined);
    f.stableIds = this.stableIds;
    return f;
  }
}

export function callFunction(f: Frame, callee: Callee, args: readonly Value[]): Value {
  const def = f.index.fn(callee.ref);
  const frame = f.child();
  def.params.forEach((p, i) => frame.bind(p.id, args[i]));
  const result = runBody(frame, def.body);
  if (result === undefined) throw new Error(`internal error: ${def.ref.name} finished without a value`);
  return result;
}

export function callQuery(f: Frame, name: string, args: readonly Value[]): Value {
  const def = f.organism?.queries.find((q) => q.name === name);
  if (!def) throw new Error(`internal error: no query ${name} in this organism`);
  const frame = f.queryChild();
  def.params.forEach((p, i) => frame.bind(p.id, args[i]));
  const result = runBody(frame, def.body);
  if (result === undefined) throw new Error(`internal error: query ${name} finished without a value`);
  return result;
}
