// Emit stage, incremental invariant checks: for an invariant of the shape found by
// incremental-invariants.ts, a function `invariant_<name>_at` that evaluates its body at one
// entry, and the expression checkInvariants uses when the state before the command is known
// to satisfy every invariant (`$b`): the prelude's `allAtChanged` over the keys that changed
// in the source and in every map the body reads at the bound key, unless a guard field changed.
import type { InvariantDef } from "../ir/declarations.js";
import { BodyEmitter } from "./emit-body.js";
import type { EmitEnv } from "./emit-env.js";
import { lowerExpr } from "./emit-expressions.js";
import { incrementalShape } from "./incremental-invariants.js";

export interface IncrementalCheck {
  readonly name: string;
  /** The `invariant_<name>_at` function. */
  readonly fn: string;
  /** A boolean expression over `$s`, `$b` (the verified state before), `$f` and `$m`. */
  readonly check: string;
}

const fieldOf = (env: EmitEnv, state: "$s" | "$b", name: string): string => env.stateField(name, state);

/** The incremental check of an invariant, or null when only the full check applies. */
export function emitIncrementalCheck(env: EmitEnv, inv: InvariantDef): IncrementalCheck | null {
  const shape = incrementalShape(inv);
  if (shape === null) return null;
  const q = shape.quant;
  const b = new BodyEmitter(env, "invariant", [], [], [inv.cond]);
  const body = b.capture(() => lowerExpr(b, q.body));
  // The per-entry cost must be the one charge at the top of each iteration of the full loop.
  if (body.lines.some((l) => l.includes("$m.charge"))) return null;
  const binders = q.binders.map((x) => `${b.local(x.id)}: ${env.types.ts(x.type)}`);
  const name = `invariant_${inv.name}_at`;
  const fn = [
    `/** \`invariant ${inv.name}\` at one ${shape.over === "map" ? "entry" : "element"} of \`${shape.source}\`: its incremental check (the prelude's incremental.ts). */`,
    `function ${name}($s: State, $f: QueryFrame, $m: $.Meter, ${binders.join(", ")}): boolean {`,
    ...body.lines,
    `return ${body.value};`,
    "}",
  ].join("\n");
  const asMap = (state: "$s" | "$b", k: { name: string; over: "map" | "set" }) => fieldOf(env, state, k.name) + (k.over === "set" ? ".keyMap()" : "");
  const source = asMap("$s", { name: shape.source, over: shape.over });
  // The source's removed entries are no longer quantified over; elsewhere a removed key reads differently.
  const changed = shape.keyed.map((k, i) => `${asMap("$s", k)}.${i === 0 ? "changedKeys" : "touchedKeys"}(${asMap("$b", k)})`);
  const holds = shape.over === "map" ? `($k, $v) => ${name}($s, $f, $m, $k, $v)` : `($k) => ${name}($s, $f, $m, $k)`;
  const incremental = `$.allAtChanged($m, ${env.costs.expr(inv.cond)}, ${env.costs.expr(q.body)}, ${source}, [${changed.join(", ")}], ${holds})`;
  const unchanged = shape.guards.map((g) => `${fieldOf(env, "$b", g)} === ${fieldOf(env, "$s", g)}`);
  const check = `$b !== undefined${unchanged.map((u) => ` && ${u}`).join("")} ? ${incremental} : invariant_${inv.name}($s, $f, $m)`;
  return { name: inv.name, fn, check };
}
