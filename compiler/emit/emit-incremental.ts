// Emit stage, incremental invariant checks: for an invariant of the shape found by
// compiler/check/incremental-invariants.ts, a function `invariant_<name>_at` that evaluates its
// body at one entry, and the expression checkInvariants uses: unless the command changed a
// guard field, the prelude's `allAtChanged` over the keys that changed (between the state
// before, `$b`, and `$s`) in the source and in every map the body reads at the bound key,
// metered as the checker priced it (invariant-costs.ts); and, when `$b` is not known to
// satisfy every invariant (`$checked` false), the full check as well, unmetered.
import type { InvariantDef } from "../ir/declarations.js";
import { BodyEmitter } from "./emit-body.js";
import type { EmitEnv } from "./emit-env.js";
import { lowerExpr } from "./emit-expressions.js";
import { incrementalShape } from "../check/incremental-invariants.js";

export interface IncrementalCheck {
  readonly name: string;
  /** The `invariant_<name>_at` function. */
  readonly fn: string;
  /** A boolean expression over `$s`, `$b` (the state before), `$checked` (`$b` satisfies every invariant), `$f` and `$m`. */
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
  // The checker priced the body as one fixed charge per entry; a lazy charge inside would break that.
  if (body.lines.some((l) => l.includes("$m.charge"))) throw new Error(`internal error: invariant ${inv.name} of incremental shape charges lazily`);
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
  const full = `invariant_${inv.name}($s, $f, $m)`;
  const checked = `${incremental} && ($checked || invariant_${inv.name}($s, $f, $.Meter.unlimited()))`;
  const check = unchanged.length === 0 ? checked : `${unchanged.join(" && ")} ? ${checked} : ${full}`;
  return { name: inv.name, fn, check };
}
