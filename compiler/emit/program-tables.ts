// Emit stage, lookups: the checked modules indexed by DeclRef (records, enums, fns,
// constants), the built-in records, and the fns and clearing rules an organism reaches.
import { BUILTIN_RECORDS } from "../ir/builtin-records.js";
import type { CheckedModule, EnumDef, FnDef, OrganismDef, RecordDef } from "../ir/declarations.js";
import type { Expr, ValueBlock } from "../ir/expressions.js";
import type { Place, Stmt } from "../ir/statements.js";
import { BUILTIN_MODULE, type DeclRef, refKey, type Type } from "../ir/types.js";
import { type TypeTables, type Value, zeroValue } from "../ir/values.js";
import { unreachable } from "../syntax/ast.js";

export class ProgramTables implements TypeTables {
  private readonly records = new Map<string, RecordDef>();
  private readonly enums = new Map<string, EnumDef>();
  private readonly fns = new Map<string, FnDef>();
  private readonly networks = new Map<string, string>();

  constructor(readonly modules: readonly CheckedModule[]) {
    for (const r of BUILTIN_RECORDS) this.records.set(refKey(r.ref), r);
    for (const m of modules) {
      this.networks.set(m.key, m.network);
      for (const r of m.records) this.records.set(refKey(r.ref), r);
      for (const e of m.enums) this.enums.set(refKey(e.ref), e);
      for (const f of m.fns) this.fns.set(refKey(f.ref), f);
    }
  }

  record(ref: DeclRef): RecordDef {
    return must(this.records.get(refKey(ref)), ref);
  }

  enumDef(ref: DeclRef): EnumDef {
    return must(this.enums.get(refKey(ref)), ref);
  }

  fn(ref: DeclRef): FnDef {
    return must(this.fns.get(refKey(ref)), ref);
  }

  networkOf(moduleKey: string): string {
    return this.networks.get(moduleKey) ?? "universe";
  }

  recordFields(ref: DeclRef): readonly { readonly name: string; readonly type: Type }[] {
    return this.record(ref).fields;
  }

  enumVariants(ref: DeclRef): readonly { readonly name: string; readonly fields: readonly { readonly name: string; readonly type: Type }[] }[] {
    return this.enumDef(ref).variants;
  }

  variantFields(ref: DeclRef, variant: string): readonly { readonly name: string; readonly type: Type }[] {
    return this.enumVariants(ref).find((v) => v.name === variant)?.fields ?? [];
  }

  zero(t: Type): Value {
    return zeroValue(t, this);
  }

  /** Fns and clearing rules reachable from the organism's bodies, ordered by module short name and name. */
  reachableFns(o: OrganismDef): FnDef[] {
    const seen = new Map<string, FnDef>();
    const visit = (ref: DeclRef): void => {
      const key = refKey(ref);
      if (seen.has(key)) return;
      const f = this.fn(ref);
      seen.set(key, f);
      for (const callee of calleesOfStmts(f.body)) visit(callee);
    };
    const roots = [
      ...o.handlers.flatMap((h) => calleesOfStmts(h.body)),
      ...o.queries.flatMap((q) => calleesOfStmts(q.body)),
      ...o.invariants.flatMap((i) => calleesOfExpr(i.cond)),
    ];
    for (const r of [...roots].sort(byRef)) visit(r);
    return [...seen.values()].sort((a, b) => byRef(a.ref, b.ref));
  }
}

/** A short, path-free name for a module: `std.clearing` -> `clearing`, `dir/other.smalt` -> `other`. */
export function moduleShortName(key: string): string {
  if (key === BUILTIN_MODULE) return "builtin";
  const last = key.split(/[/\\]/).pop() ?? key;
  const base = last.startsWith("std.") ? last.slice(4) : last.replace(/\.smalt$/, "");
  const clean = base.replace(/[^A-Za-z0-9_]/g, "_");
  return /^[A-Za-z_]/.test(clean) ? clean : `m_${clean}`;
}

/**
 * Declarations ordered by module short name, then name: module keys are paths relative to
 * where the compiler was run, so they only break ties (same short name, same declaration name).
 */
function byRef(a: DeclRef, b: DeclRef): number {
  return cmpStr(moduleShortName(a.module), moduleShortName(b.module)) || cmpStr(a.name, b.name) || cmpStr(a.module, b.module);
}

export function cmpStr(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function must<T>(x: T | undefined, ref: DeclRef): T {
  if (x === undefined) throw new Error(`internal error: ${refKey(ref)} is not in the checked program`);
  return x;
}

function calleesOfStmts(stmts: readonly Stmt[]): DeclRef[] {
  return stmts.flatMap(calleesOfStmt);
}

function calleesOfBlock(b: ValueBlock): DeclRef[] {
  return [...calleesOfStmts(b.stmts), ...calleesOfExpr(b.value)];
}

function calleesOfStmt(s: Stmt): DeclRef[] {
  switch (s.kind) {
    case "Let":
      return calleesOfExpr(s.value);
    case "Assign":
      return [...calleesOfPlace(s.target), ...calleesOfExpr(s.value)];
    case "Require":
      return calleesOfExpr(s.cond);
    case "If":
      return [...calleesOfExpr(s.cond), ...calleesOfStmts(s.then), ...calleesOfStmts(s.else)];
    case "For":
      return [...calleesOfExpr(s.source), ...calleesOfStmts(s.body)];
    case "Match":
      return [...calleesOfExpr(s.subject), ...s.arms.flatMap((a) => calleesOfStmts(a.body))];
    case "Return":
      return s.value ? calleesOfExpr(s.value) : [];
    case "Emit":
      return s.fields.flatMap((f) => calleesOfExpr(f.value));
    case "Cite":
      return calleesOfExpr(s.value);
    case "Eval":
      return calleesOfExpr(s.expr);
    default:
      return unreachable(s);
  }
}

function calleesOfPlace(p: Place): DeclRef[] {
  switch (p.kind) {
    case "LocalPlace":
    case "StatePlace":
    case "CollectionPlace":
      return [];
    case "FieldPlace":
      return calleesOfPlace(p.base);
    case "IndexPlace":
      return [...calleesOfPlace(p.base), ...calleesOfExpr(p.index)];
    default:
      return unreachable(p);
  }
}

/** Every DeclRef called inside `e` (in any order; callers sort). */
export function calleesOfExpr(e: Expr): DeclRef[] {
  const all = (es: readonly Expr[]) => es.flatMap(calleesOfExpr);
  switch (e.kind) {
    case "Literal":
    case "Local":
    case "Param":
    case "ConstRef":
    case "ConfigRef":
    case "StateRef":
    case "CollectionRef":
    case "UsesRef":
    case "Sender":
    case "SelfRef":
    case "Now":
    case "TicketClaim":
    case "TicketField":
    case "NamedPeer":
    case "Invalid":
      return [];
    case "Field":
      return calleesOfExpr(e.target);
    case "Index":
      return [...calleesOfExpr(e.target), ...calleesOfExpr(e.index)];
    case "Call":
      return [e.callee.ref, ...all(e.args)];
    case "QueryCall":
    case "Builtin":
    case "AssetOp":
      return all(e.args);
    case "Convert":
      return calleesOfExpr(e.arg);
    case "Method":
      return [...calleesOfExpr(e.receiver), ...all(e.args)];
    case "Mutate":
      return [...calleesOfPlace(e.place), ...all(e.args)];
    case "Some":
      return calleesOfExpr(e.value);
    case "ListExpr":
      return all(e.elements);
    case "RecordExpr":
    case "VariantExpr":
      return all(e.fields.map((f) => f.value));
    case "Unary":
      return calleesOfExpr(e.operand);
    case "Binary":
      return [...calleesOfExpr(e.left), ...calleesOfExpr(e.right)];
    case "Is":
      return calleesOfExpr(e.target);
    case "If":
      return [...calleesOfExpr(e.cond), ...calleesOfBlock(e.then), ...calleesOfBlock(e.else)];
    case "Quant":
      return [...calleesOfExpr(e.source), ...calleesOfExpr(e.body)];
    case "Sort":
      return calleesOfExpr(e.source);
    default:
      return unreachable(e);
  }
}
