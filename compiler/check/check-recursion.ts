// Check stage: no recursion (E3006) — cycles in the call graph of fns and clearing rules,
// and records or enums that contain themselves. Each cycle is reported once, naming its path.
import { error } from "../diagnostics/make.js";
import type { FnDef, RecordDef, EnumDef } from "../ir/declarations.js";
import type { Expr } from "../ir/expressions.js";
import { type DeclRef, refKey, type Type } from "../ir/types.js";
import { walkStmts } from "../ir/walk.js";
import type { Span } from "../source.js";
import type { ProgramEnv } from "./environment.js";
import { type Edge, findCycles } from "./find-cycles.js";

const sorted = (keys: Iterable<string>) => [...keys].sort();
const shortName = (key: string) => key.slice(key.lastIndexOf("::") + 2);

export function checkCallRecursion(env: ProgramEnv, fns: readonly Pick<FnDef, "ref" | "body">[]): void {
  const edges = new Map<string, Edge<Span>[]>();
  for (const fn of fns) {
    const out: Edge<Span>[] = [];
    walkStmts(fn.body, {
      expr: (e: Expr) => {
        if (e.kind === "Call") out.push({ to: refKey(e.callee.ref), site: e.span });
      },
    });
    edges.set(refKey(fn.ref), out);
  }
  for (const { path, site } of findCycles(sorted(edges.keys()), (k) => edges.get(k) ?? [])) {
    const shown = path.map((k) => `\`${shortName(k)}\``).join(" -> ");
    env.report(
      error("E3006", `recursion: ${shown}`, site, {
        label: "this call closes the cycle",
        help: "Smalt has no recursion, so every cost is bounded: iterate a bounded collection instead",
      }),
    );
  }
}

/** Record and enum types reachable from `t` without passing through another declaration. */
function referencedDecls(t: Type): DeclRef[] {
  switch (t.kind) {
    case "Option":
      return referencedDecls(t.inner);
    case "List":
    case "Set":
      return referencedDecls(t.element);
    case "Map":
      return [...referencedDecls(t.key), ...referencedDecls(t.value)];
    case "Record":
    case "Enum":
      return [t.ref];
    default:
      return [];
  }
}

export function checkTypeRecursion(env: ProgramEnv, records: readonly RecordDef[], enums: readonly EnumDef[]): void {
  const edges = new Map<string, Edge<Span>[]>();
  for (const r of records)
    edges.set(
      refKey(r.ref),
      r.fields.flatMap((f) => referencedDecls(f.type).map((d) => ({ to: refKey(d), site: f.span }))),
    );
  for (const e of enums) {
    const fields = e.variants.flatMap((v) => v.fields);
    edges.set(
      refKey(e.ref),
      fields.flatMap((f) => referencedDecls(f.type).map((d) => ({ to: refKey(d), site: f.span }))),
    );
  }
  for (const { path, site } of findCycles(sorted(edges.keys()), (k) => edges.get(k) ?? [])) {
    const shown = path.map((k) => `\`${shortName(k)}\``).join(" -> ");
    env.report(
      error("E3006", `recursive type: ${shown}`, site, {
        label: "this field closes the cycle",
        help: "a value must have a bounded size: refer to the other value by an id (e.g. a `digest`) instead",
      }),
    );
  }
}
