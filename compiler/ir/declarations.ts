// Typed IR declarations: one CheckedModule per source module, with every declaration
// resolved, typed, folded and costed. Lists are sorted by name so walks are deterministic.
import type { Span } from "../source.js";
import type { ValidatorDecl } from "../syntax/ast.js";
import type { Expr, SortKey } from "./expressions.js";
import type { LocalDecl, Stmt } from "./statements.js";
import type { DeclRef, Type } from "./types.js";
import type { Value } from "./values.js";

export interface FieldDef {
  readonly name: string;
  readonly type: Type;
  readonly span: Span;
}

export interface RecordDef {
  readonly ref: DeclRef;
  readonly fields: readonly FieldDef[]; // declaration order
  readonly span: Span;
}

export interface VariantDef {
  readonly name: string;
  readonly fields: readonly FieldDef[]; // empty for a payload-less variant
  readonly span: Span;
}

export interface EnumDef {
  readonly ref: DeclRef;
  readonly variants: readonly VariantDef[]; // declaration order (the first is the zero value)
  readonly span: Span;
}

export interface ConstDef {
  readonly ref: DeclRef;
  readonly type: Type;
  readonly value: Value;
  readonly span: Span;
}

/** A fn or clearing rule: params are locals 0..n-1 of its body. Cost includes every callee. */
export interface FnDef {
  readonly kind: "fn" | "clearing";
  readonly ref: DeclRef;
  readonly params: readonly LocalDecl[];
  readonly returnType: Type;
  readonly body: readonly Stmt[];
  readonly tieBreak: readonly SortKey[]; // clearing rules only; empty for fns
  readonly cost: bigint;
  readonly span: Span;
}

export interface ValidatorRequire {
  readonly cond: Expr;
  readonly reason?: string;
}

/** The typed parts of a validator; its jwt/tdx clauses are plain data, kept as written. */
export interface ValidatorDef {
  readonly ref: DeclRef;
  readonly decl: ValidatorDecl;
  readonly requires: readonly ValidatorRequire[];
  readonly expiresWithin?: Expr;
  readonly span: Span;
}

export interface MeasurementEntryDef {
  readonly register: string;
  readonly hex?: string; // absent when written `= own` (unpinned)
}

export interface MeasurementsDef {
  readonly entries: readonly MeasurementEntryDef[];
  readonly variants: readonly (readonly MeasurementEntryDef[])[];
}

export interface ConfigParamDef {
  readonly name: string;
  readonly type: Type;
  readonly value: Value;
  readonly span: Span;
}

export interface StateFieldDef {
  readonly name: string;
  readonly type: Type;
  readonly initial: Value; // the zero value when no initialiser is written
  readonly span: Span;
}

export interface UsesDef {
  readonly alias: string;
  readonly target: string;
  readonly pin: "follow" | "exact";
  readonly contentHash?: string;
  readonly span: Span;
}

export interface SurfaceDef {
  readonly name: string;
  readonly requires: readonly DeclRef[]; // validators, AND-ed
  readonly span: Span;
}

export interface CollectionDef extends SurfaceDef {
  readonly type: Type;
}

export interface EventDef {
  readonly name: string;
  readonly fields: readonly FieldDef[];
  readonly span: Span;
}

/** Handlers and queries: params are locals 0..n-1. A handler's cost includes every invariant. */
export interface HandlerDef {
  readonly name: string;
  readonly params: readonly LocalDecl[];
  readonly via?: string; // stream; absent = committee-injected
  readonly body: readonly Stmt[];
  readonly cost: bigint;
  readonly span: Span;
  readonly nameSpan: Span;
}

export interface QueryDef {
  readonly name: string;
  readonly params: readonly LocalDecl[];
  readonly returnType: Type;
  readonly body: readonly Stmt[];
  readonly cost: bigint;
  readonly span: Span;
  readonly nameSpan: Span;
}

export interface InvariantDef {
  readonly name: string;
  readonly cond: Expr;
  readonly cost: bigint;
  readonly span: Span;
}

export interface OrganismDef {
  readonly ref: DeclRef;
  readonly instance: string;
  readonly committee?: { readonly quorum: bigint; readonly size: bigint };
  readonly measurements?: MeasurementsDef;
  readonly config: readonly ConfigParamDef[];
  readonly uses: readonly UsesDef[];
  readonly state: readonly StateFieldDef[];
  readonly assets: readonly string[];
  readonly streams: readonly SurfaceDef[];
  readonly collections: readonly CollectionDef[];
  readonly events: readonly EventDef[];
  readonly handlers: readonly HandlerDef[];
  readonly queries: readonly QueryDef[];
  readonly invariants: readonly InvariantDef[];
  readonly span: Span;
}

export type TestSender = { readonly kind: "Named"; readonly name: string } | { readonly kind: "Bytes"; readonly hex: string };

export type TestStepDef =
  | {
      readonly kind: "Command";
      readonly sender: TestSender;
      readonly handler: string;
      readonly args: readonly Expr[];
      readonly expect: { readonly kind: "Ok"; readonly emits: readonly string[] } | { readonly kind: "Rejects"; readonly reason?: string };
      readonly span: Span;
    }
  | { readonly kind: "Expect"; readonly cond: Expr; readonly span: Span };

export interface TestDef {
  readonly name: string;
  readonly organism: DeclRef;
  readonly steps: readonly TestStepDef[];
  readonly span: Span;
}

export interface CheckedModule {
  readonly key: string; // the module's source path (file modules) or `std.x` (standard library)
  readonly path: string;
  readonly network: string; // `universe` unless declared
  readonly records: readonly RecordDef[];
  readonly enums: readonly EnumDef[];
  readonly consts: readonly ConstDef[];
  readonly fns: readonly FnDef[]; // fns and clearing rules
  readonly validators: readonly ValidatorDef[];
  readonly organisms: readonly OrganismDef[];
  readonly tests: readonly TestDef[];
}
