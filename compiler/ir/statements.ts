// Typed IR statements, assignment places and match patterns. A body is a readonly Stmt[];
// implicit tail values of fns and queries are made explicit `Return`s by the checker.
import type { Span } from "../source.js";
import { unreachable } from "../syntax/ast.js";
import type { Expr, FieldValue, IterKind } from "./expressions.js";
import type { DeclRef, Type } from "./types.js";

/** A local binding (let, var, loop/quantifier binder, match binding); `id` is unique within its body. */
export interface LocalDecl {
  readonly name: string;
  readonly id: number;
  readonly type: Type;
  readonly mutable: boolean;
  readonly span: Span;
}

interface StmtBase {
  readonly span: Span;
}

export type Stmt =
  | ({ readonly kind: "Let"; readonly local: LocalDecl; readonly value: Expr } & StmtBase)
  | ({ readonly kind: "Assign"; readonly target: Place; readonly op: "=" | "+=" | "-=" | "*="; readonly value: Expr } & StmtBase)
  | ({ readonly kind: "Require"; readonly cond: Expr; readonly reason?: string } & StmtBase)
  | ({ readonly kind: "If"; readonly cond: Expr; readonly then: readonly Stmt[]; readonly else: readonly Stmt[] } & StmtBase)
  | ({
      readonly kind: "For";
      readonly binders: readonly LocalDecl[];
      readonly over: IterKind;
      readonly source: Expr;
      readonly body: readonly Stmt[];
    } & StmtBase)
  | ({ readonly kind: "Match"; readonly subject: Expr; readonly arms: readonly MatchArm[] } & StmtBase)
  | ({ readonly kind: "Return"; readonly value?: Expr } & StmtBase)
  /** Fields in the event's declaration order. */
  | ({ readonly kind: "Emit"; readonly event: string; readonly fields: readonly FieldValue[] } & StmtBase)
  | ({ readonly kind: "Cite"; readonly value: Expr } & StmtBase)
  | ({ readonly kind: "Eval"; readonly expr: Expr } & StmtBase);

export interface MatchArm {
  readonly pattern: Pattern;
  readonly body: readonly Stmt[];
  readonly span: Span;
}

export type Pattern =
  | { readonly kind: "VariantPattern"; readonly ref: DeclRef; readonly variant: string; readonly binding?: LocalDecl }
  | { readonly kind: "SomePattern"; readonly binding: LocalDecl }
  | { readonly kind: "NonePattern" }
  | { readonly kind: "WildcardPattern" };

interface PlaceBase {
  readonly span: Span;
  readonly type: Type;
}

/** Something that can be written: a `var` local, a state field or collection, and paths into them. */
export type Place =
  | ({ readonly kind: "LocalPlace"; readonly name: string; readonly local: number } & PlaceBase)
  | ({ readonly kind: "StatePlace"; readonly name: string } & PlaceBase)
  | ({ readonly kind: "CollectionPlace"; readonly name: string } & PlaceBase)
  | ({ readonly kind: "FieldPlace"; readonly base: Place; readonly field: string } & PlaceBase)
  /** Writing `m[k]` inserts the key; `xs[i]` out of range aborts. */
  | ({ readonly kind: "IndexPlace"; readonly base: Place; readonly index: Expr; readonly container: "list" | "map" } & PlaceBase);

/** The variable, state field or collection a place writes into. */
export function placeRoot(p: Place): Extract<Place, { kind: "LocalPlace" | "StatePlace" | "CollectionPlace" }> {
  switch (p.kind) {
    case "LocalPlace":
    case "StatePlace":
    case "CollectionPlace":
      return p;
    case "FieldPlace":
    case "IndexPlace":
      return placeRoot(p.base);
    default:
      return unreachable(p);
  }
}
