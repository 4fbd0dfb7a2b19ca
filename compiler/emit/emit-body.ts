// Emit stage, one body (handler, query, invariant, fn or clearing rule) being lowered to
// TypeScript statements: the output buffer, local and temporary names, and cost charges.
// Expressions that need statements (quantifiers, mutations, if-expressions with blocks)
// write them into the buffer before the statement that uses their value.
import type { Expr, ValueBlock } from "../ir/expressions.js";
import type { LocalDecl, Place, Stmt } from "../ir/statements.js";
import { unreachable } from "../syntax/ast.js";
import type { EmitEnv } from "./emit-env.js";
import { isReservedValueName, Namer } from "./module-scope.js";

/** handler: writes `$s`, has `$f` (sender, self, events, cites); query/invariant: reads `$s`, has `$f.self`; fn: neither. */
export type BodyKind = "handler" | "query" | "invariant" | "fn";

/** Prefixes of module-level names; a local that starts with one is renamed so it cannot shadow them. */
const MODULE_PREFIXES = /^(T|Z|V|B|EQ|CMP|CODEC|ENC|SORT|READ|WRITE|USES|on|query|fn|clearing|invariant|ledger)_/;
const MODULE_NAMES = new Set(["CONFIG", "ORGANISM", "FINGERPRINTS", "STATE_FIELDS", "HANDLERS", "QUERIES", "EVENTS"]);

export class BodyEmitter {
  private out: string[] = [];
  private temps = 0;
  private readonly names = new Map<number, string>();

  constructor(
    readonly env: EmitEnv,
    readonly kind: BodyKind,
    params: readonly LocalDecl[],
    stmts: readonly Stmt[],
    exprs: readonly Expr[] = [],
  ) {
    const decls = [...params, ...stmts.flatMap(localsOfStmt), ...exprs.flatMap(localsOfExpr)];
    const counts = new Map<string, number>();
    for (const d of decls) counts.set(d.name, (counts.get(d.name) ?? 0) + 1);
    const clashes = (name: string) => isReservedValueName(name) || MODULE_PREFIXES.test(name) || MODULE_NAMES.has(name);
    const namer = new Namer(new Set());
    const later: LocalDecl[] = [];
    for (const d of decls) {
      if (this.names.has(d.id)) continue;
      if (counts.get(d.name) === 1 && !clashes(d.name)) this.names.set(d.id, namer.claim(d.name));
      else later.push(d);
    }
    for (const d of later) if (!this.names.has(d.id)) this.names.set(d.id, namer.claim(`${d.name}_${d.id}`));
  }

  local(id: number): string {
    const name = this.names.get(id);
    if (name === undefined) throw new Error(`internal error: local ${id} was not declared in this body`);
    return name;
  }

  /** A fresh temporary (`$1`, `$2`, …): Smalt names cannot contain `$`, so these never clash. */
  temp(): string {
    this.temps += 1;
    return `$${this.temps}`;
  }

  line(code: string): void {
    this.out.push(code);
  }

  /** Where the next line goes; `insertAt` puts lines there later (spilling operands before a hoisted statement). */
  mark(): number {
    return this.out.length;
  }

  insertAt(at: number, lines: readonly string[]): void {
    this.out.splice(at, 0, ...lines);
  }

  /** Runs `f` with an empty buffer and returns what it wrote, leaving the outer buffer unchanged. */
  capture<T>(f: () => T): { readonly lines: string[]; readonly value: T } {
    const outer = this.out;
    this.out = [];
    try {
      const value = f();
      return { lines: this.out, value };
    } finally {
      this.out = outer;
    }
  }

  /** `$m.charge(n)` for n > 0 units, folded into a charge on the line just before. */
  charge(units: bigint): void {
    if (units === 0n) return;
    const before = /^\$m\.charge\((\d+)\);$/.exec(this.out[this.out.length - 1] ?? "");
    if (before) this.out[this.out.length - 1] = `$m.charge(${BigInt(before[1]) + units});`;
    else this.line(`$m.charge(${units});`);
  }

  text(): string {
    return this.out.join("\n");
  }
}

/** Every local a statement list declares (let/var, loop and quantifier binders, match bindings). */
export function localsOfStmt(s: Stmt): LocalDecl[] {
  switch (s.kind) {
    case "Let":
      return [s.local, ...localsOfExpr(s.value)];
    case "Assign":
      return [...localsOfPlace(s.target), ...localsOfExpr(s.value)];
    case "Require":
      return localsOfExpr(s.cond);
    case "If":
      return [...localsOfExpr(s.cond), ...s.then.flatMap(localsOfStmt), ...s.else.flatMap(localsOfStmt)];
    case "For":
      return [...localsOfExpr(s.source), ...s.binders, ...s.body.flatMap(localsOfStmt)];
    case "Match":
      return [
        ...localsOfExpr(s.subject),
        ...s.arms.flatMap((a) => [...(a.pattern.kind === "SomePattern" || (a.pattern.kind === "VariantPattern" && a.pattern.binding) ? [a.pattern.binding!] : []), ...a.body.flatMap(localsOfStmt)]),
      ];
    case "Return":
      return s.value ? localsOfExpr(s.value) : [];
    case "Emit":
      return s.fields.flatMap((f) => localsOfExpr(f.value));
    case "Cite":
      return localsOfExpr(s.value);
    case "Eval":
      return localsOfExpr(s.expr);
    default:
      return unreachable(s);
  }
}

function localsOfPlace(p: Place): LocalDecl[] {
  return p.kind === "IndexPlace" ? [...localsOfPlace(p.base), ...localsOfExpr(p.index)] : p.kind === "FieldPlace" ? localsOfPlace(p.base) : [];
}

function localsOfBlock(b: ValueBlock): LocalDecl[] {
  return [...b.stmts.flatMap(localsOfStmt), ...localsOfExpr(b.value)];
}

export function localsOfExpr(e: Expr): LocalDecl[] {
  const all = (es: readonly Expr[]) => es.flatMap(localsOfExpr);
  switch (e.kind) {
    case "Quant":
      return [...localsOfExpr(e.source), ...e.binders, ...localsOfExpr(e.body)];
    case "If":
      return [...localsOfExpr(e.cond), ...localsOfBlock(e.then), ...localsOfBlock(e.else)];
    case "Field":
      return localsOfExpr(e.target);
    case "Index":
      return [...localsOfExpr(e.target), ...localsOfExpr(e.index)];
    case "Call":
    case "QueryCall":
    case "Builtin":
    case "AssetOp":
      return all(e.args);
    case "Convert":
      return localsOfExpr(e.arg);
    case "Method":
      return [...localsOfExpr(e.receiver), ...all(e.args)];
    case "Mutate":
      return [...localsOfPlace(e.place), ...all(e.args)];
    case "Some":
      return localsOfExpr(e.value);
    case "ListExpr":
      return all(e.elements);
    case "RecordExpr":
    case "VariantExpr":
      return all(e.fields.map((f) => f.value));
    case "Unary":
      return localsOfExpr(e.operand);
    case "Binary":
      return [...localsOfExpr(e.left), ...localsOfExpr(e.right)];
    case "Is":
      return localsOfExpr(e.target);
    case "Sort":
      return localsOfExpr(e.source);
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
    default:
      return unreachable(e);
  }
}
