// Typed IR expressions: what the checker builds from AST expressions and every later stage
// (emitter, interpreter, fingerprint) walks. Each node carries its type; names are resolved.
import type { Span } from "../source.js";
import type { Stmt, LocalDecl, Place } from "./statements.js";
import type { DeclRef, PrimName, Type } from "./types.js";
import type { Value } from "./values.js";

interface ExprBase {
  readonly span: Span; // for diagnostics only: never needed for meaning
  readonly type: Type;
}

export type BuiltinFn = "len" | "min" | "max" | "div_floor" | "div_ceil" | "mul_div" | "apply_bps" | "hash";
/** Read-only methods on lists, maps, sets and options. */
export type QueryMethod = "contains" | "get" | "keys" | "is_some" | "is_none" | "unwrap_or";
/** Methods that change the collection they are called on (the receiver is a Place). */
export type MutatingMethod = "push" | "pop" | "insert" | "remove";
export type AssetOpName = "mint" | "burn" | "transfer" | "balance" | "total" | "supply";
/** What a collection-shaped source iterates: list elements, set elements, map entries. */
export type IterKind = "list" | "set" | "map";
export type Container = "list" | "map";
export type TicketField = "peer" | "issuer" | "subject";

export type Expr =
  | ({ readonly kind: "Literal"; readonly value: Value } & ExprBase)
  | ({ readonly kind: "Local"; readonly name: string; readonly local: number } & ExprBase)
  | ({ readonly kind: "Param"; readonly name: string; readonly index: number } & ExprBase)
  | ({ readonly kind: "ConstRef"; readonly ref: DeclRef; readonly value: Value } & ExprBase)
  | ({ readonly kind: "ConfigRef"; readonly name: string; readonly value: Value } & ExprBase)
  | ({ readonly kind: "StateRef"; readonly name: string } & ExprBase)
  | ({ readonly kind: "CollectionRef"; readonly name: string } & ExprBase)
  /** `reputation.stable_id` / `reputation.content_hash` of a `uses` reference. */
  | ({ readonly kind: "UsesRef"; readonly alias: string; readonly field: "stable_id" | "content_hash" } & ExprBase)
  | ({ readonly kind: "Sender" } & ExprBase)
  | ({ readonly kind: "SelfRef" } & ExprBase)
  | ({ readonly kind: "Now" } & ExprBase)
  /** Validators only: `ticket.claims.name`. */
  | ({ readonly kind: "TicketClaim"; readonly claim: string } & ExprBase)
  /** Validators only: `ticket.peer`, `ticket.issuer`, `ticket.subject`. */
  | ({ readonly kind: "TicketField"; readonly field: TicketField } & ExprBase)
  /** Tests only: a peer written by name (`alice`), standing for the hash of the name. */
  | ({ readonly kind: "NamedPeer"; readonly name: string } & ExprBase)
  /** A record field, or a field of a variant payload bound by a match arm. */
  | ({ readonly kind: "Field"; readonly target: Expr; readonly field: string } & ExprBase)
  /** `xs[i]` (out of range aborts) or `m[k]` (a missing key reads as the zero value). */
  | ({ readonly kind: "Index"; readonly target: Expr; readonly index: Expr; readonly container: Container } & ExprBase)
  | ({ readonly kind: "Call"; readonly callee: Callee; readonly args: readonly Expr[] } & ExprBase)
  /** Tests only: `expect best() == some(5)` calls a query of the organism under test. */
  | ({ readonly kind: "QueryCall"; readonly query: string; readonly args: readonly Expr[] } & ExprBase)
  | ({ readonly kind: "Builtin"; readonly fn: BuiltinFn; readonly args: readonly Expr[] } & ExprBase)
  /** `u64(x)`, `bps(x)`, …: narrowing conversions are checked at run time. */
  | ({ readonly kind: "Convert"; readonly to: PrimName; readonly arg: Expr } & ExprBase)
  | ({
      readonly kind: "Method";
      readonly on: IterKind | "option";
      readonly method: QueryMethod;
      readonly receiver: Expr;
      readonly args: readonly Expr[];
    } & ExprBase)
  | ({ readonly kind: "Mutate"; readonly on: IterKind; readonly method: MutatingMethod; readonly place: Place; readonly args: readonly Expr[] } & ExprBase)
  | ({ readonly kind: "AssetOp"; readonly asset: string; readonly op: AssetOpName; readonly args: readonly Expr[] } & ExprBase)
  | ({ readonly kind: "Some"; readonly value: Expr } & ExprBase)
  | ({ readonly kind: "ListExpr"; readonly elements: readonly Expr[] } & ExprBase)
  /** Fields in declaration order. */
  | ({ readonly kind: "RecordExpr"; readonly ref: DeclRef; readonly fields: readonly FieldValue[] } & ExprBase)
  | ({ readonly kind: "VariantExpr"; readonly ref: DeclRef; readonly variant: string; readonly fields: readonly FieldValue[] } & ExprBase)
  | ({ readonly kind: "Unary"; readonly op: "-" | "!"; readonly operand: Expr } & ExprBase)
  | ({ readonly kind: "Binary"; readonly op: BinaryOp; readonly left: Expr; readonly right: Expr } & ExprBase)
  | ({ readonly kind: "Is"; readonly target: Expr; readonly ref: DeclRef; readonly variant: string } & ExprBase)
  | ({ readonly kind: "If"; readonly cond: Expr; readonly then: ValueBlock; readonly else: ValueBlock } & ExprBase)
  | ({
      readonly kind: "Quant";
      readonly quantifier: "all" | "any" | "sum" | "count";
      readonly binders: readonly LocalDecl[];
      readonly over: IterKind;
      readonly source: Expr;
      readonly body: Expr;
    } & ExprBase)
  /** Sorted by record fields; ties beyond the keys keep insertion order (a stable sort). */
  | ({ readonly kind: "Sort"; readonly source: Expr; readonly keys: readonly SortKey[] } & ExprBase)
  /** Only in programs with errors (checkProgram never returns one). */
  | ({ readonly kind: "Invalid" } & ExprBase);

export type BinaryOp = "+" | "-" | "*" | "/" | "%" | "==" | "!=" | "<" | "<=" | ">" | ">=" | "&&" | "||";

export interface FieldValue {
  readonly name: string;
  readonly value: Expr;
}

export interface SortKey {
  readonly field: string;
  readonly direction: "asc" | "desc";
}

/** Calls to user code: a `fn`, or a clearing rule (named directly or through a `clearing` config). */
export type Callee = { readonly kind: "Fn"; readonly ref: DeclRef } | { readonly kind: "Clearing"; readonly ref: DeclRef; readonly viaConfig?: string };

/** A block used as a value: statements, then the value (`if c { a } else { b }`). */
export interface ValueBlock {
  readonly stmts: readonly Stmt[];
  readonly value: Expr;
}
