// The abstract syntax tree: what lower-cst.ts builds from the CST and every later pass reads.
// Every node has a `kind` and a `span`; trees are readonly and never mutated after lowering.
import type { Span } from "../source.js";

export interface Node {
  readonly kind: string;
  readonly span: Span;
}

export interface Ident extends Node {
  readonly kind: "Ident";
  readonly name: string;
}

// ---------------------------------------------------------------------------
// Types

export type TypeExpr = NamedType | GenericType;

/** `u64`, `Bid`, `std.clearing.Order` (path has one element unless qualified). */
export interface NamedType extends Node {
  readonly kind: "NamedType";
  readonly path: readonly Ident[];
}

/** `option<T>`, `list<T, N>`, `map<K, V, N>`, `set<T, N>`; capacity is absent when not written. */
export interface GenericType extends Node {
  readonly kind: "GenericType";
  readonly name: Ident; // option | list | map | set (anything else is reported by the checker)
  readonly args: readonly TypeExpr[];
  readonly capacity?: Expr;
}

// ---------------------------------------------------------------------------
// Expressions

export type Expr =
  | IntLit
  | FloatLit
  | StringLit
  | BytesLit
  | BoolLit
  | DurationLit
  | TimestampLit
  | NameExpr
  | FieldExpr
  | IndexExpr
  | CallExpr
  | UnaryExpr
  | BinaryExpr
  | RecordLit
  | IsExpr
  | IfExpr
  | QuantExpr
  | SortExpr
  | ListLit
  | NoneLit;

export interface IntLit extends Node {
  readonly kind: "IntLit";
  readonly value: bigint;
}
/** Parsed only so the checker can refuse it with E3001. */
export interface FloatLit extends Node {
  readonly kind: "FloatLit";
  readonly text: string;
}
export interface StringLit extends Node {
  readonly kind: "StringLit";
  readonly value: string;
}
/** `0x…` — a byte string; `hex` is lowercase without the prefix. */
export interface BytesLit extends Node {
  readonly kind: "BytesLit";
  readonly hex: string;
}
export interface BoolLit extends Node {
  readonly kind: "BoolLit";
  readonly value: boolean;
}
export interface DurationLit extends Node {
  readonly kind: "DurationLit";
  readonly seconds: bigint;
  readonly text: string;
}
export interface TimestampLit extends Node {
  readonly kind: "TimestampLit";
  readonly unixSeconds: bigint;
  readonly text: string;
}
export interface NoneLit extends Node {
  readonly kind: "NoneLit";
}
/** A bare name: local, parameter, constant, state field, `sender`, `self`, `config`, `now`, … */
export interface NameExpr extends Node {
  readonly kind: "NameExpr";
  readonly name: Ident;
}
export interface FieldExpr extends Node {
  readonly kind: "FieldExpr";
  readonly target: Expr;
  readonly field: Ident;
}
export interface IndexExpr extends Node {
  readonly kind: "IndexExpr";
  readonly target: Expr;
  readonly index: Expr;
}
/** `f(a)`, `m.get(k)`, `std.clearing.second_price(b)`, `some(x)`: the callee is any expression. */
export interface CallExpr extends Node {
  readonly kind: "CallExpr";
  readonly callee: Expr;
  readonly args: readonly Expr[];
}
export type UnaryOp = "-" | "!";
export interface UnaryExpr extends Node {
  readonly kind: "UnaryExpr";
  readonly op: UnaryOp;
  readonly operand: Expr;
}
export type BinaryOp = "+" | "-" | "*" | "/" | "%" | "==" | "!=" | "<" | "<=" | ">" | ">=" | "&&" | "||";
export interface BinaryExpr extends Node {
  readonly kind: "BinaryExpr";
  readonly op: BinaryOp;
  readonly left: Expr;
  readonly right: Expr;
}
export interface FieldInit extends Node {
  readonly kind: "FieldInit";
  readonly name: Ident;
  readonly value: Expr;
}
/** `Bid { amount: 1 }` or `Status.Completed { buyer: sender }` (type path of 1+ idents). */
export interface RecordLit extends Node {
  readonly kind: "RecordLit";
  readonly type: readonly Ident[];
  readonly fields: readonly FieldInit[];
}
/** `e is Status.Active` */
export interface IsExpr extends Node {
  readonly kind: "IsExpr";
  readonly target: Expr;
  readonly variant: readonly Ident[];
}
export interface IfExpr extends Node {
  readonly kind: "IfExpr";
  readonly cond: Expr;
  readonly then: Block;
  readonly else?: Block | IfExpr;
}
export type Quantifier = "all" | "any" | "sum" | "count";
/** `all x in xs: p`, `sum k, v in m: e` */
export interface QuantExpr extends Node {
  readonly kind: "QuantExpr";
  readonly quantifier: Quantifier;
  readonly binders: readonly Ident[]; // 1 (element) or 2 (key, value)
  readonly source: Expr;
  readonly body: Expr;
}
export interface SortKey extends Node {
  readonly kind: "SortKey";
  readonly field: Ident;
  readonly direction: "asc" | "desc";
}
/** `[a, b, c]` — a list value (config parameters, constants, locals). */
export interface ListLit extends Node {
  readonly kind: "ListLit";
  readonly elements: readonly Expr[];
}
/** `sort(xs by price desc, seq asc)` */
export interface SortExpr extends Node {
  readonly kind: "SortExpr";
  readonly source: Expr;
  readonly keys: readonly SortKey[];
}

// ---------------------------------------------------------------------------
// Statements

export type Stmt =
  | LetStmt
  | AssignStmt
  | RequireStmt
  | IfStmt
  | ForStmt
  | WhileStmt
  | MatchStmt
  | ReturnStmt
  | EmitStmt
  | CiteStmt
  | ExprStmt;

export interface Block extends Node {
  readonly kind: "Block";
  readonly stmts: readonly Stmt[];
}
export interface LetStmt extends Node {
  readonly kind: "LetStmt";
  readonly mutable: boolean; // `var` vs `let`
  readonly name: Ident;
  readonly type?: TypeExpr;
  readonly value: Expr;
}
export type AssignOp = "=" | "+=" | "-=" | "*=";
export interface AssignStmt extends Node {
  readonly kind: "AssignStmt";
  readonly target: Expr; // NameExpr | FieldExpr | IndexExpr (others reported by the checker)
  readonly op: AssignOp;
  readonly value: Expr;
}
export interface RequireStmt extends Node {
  readonly kind: "RequireStmt";
  readonly cond: Expr;
  readonly reason?: StringLit;
}
export interface IfStmt extends Node {
  readonly kind: "IfStmt";
  readonly cond: Expr;
  readonly then: Block;
  readonly else?: Block | IfStmt;
}
export interface ForStmt extends Node {
  readonly kind: "ForStmt";
  readonly binders: readonly Ident[]; // 1 or 2
  readonly source: Expr;
  readonly body: Block;
}
/** `while` / `loop`: parsed only so the checker can refuse them with E3005. */
export interface WhileStmt extends Node {
  readonly kind: "WhileStmt";
  readonly keyword: "while" | "loop";
  readonly cond?: Expr;
  readonly body: Block;
}
export type Pattern = VariantPattern | SomePattern | NonePattern | WildcardPattern;
/** `Status.Active`, `Status.Completed(c)` */
export interface VariantPattern extends Node {
  readonly kind: "VariantPattern";
  readonly variant: readonly Ident[];
  readonly binding?: Ident;
}
export interface SomePattern extends Node {
  readonly kind: "SomePattern";
  readonly binding: Ident;
}
export interface NonePattern extends Node {
  readonly kind: "NonePattern";
}
export interface WildcardPattern extends Node {
  readonly kind: "WildcardPattern";
}
export interface MatchArm extends Node {
  readonly kind: "MatchArm";
  readonly pattern: Pattern;
  readonly body: Block;
}
export interface MatchStmt extends Node {
  readonly kind: "MatchStmt";
  readonly subject: Expr;
  readonly arms: readonly MatchArm[];
}
export interface ReturnStmt extends Node {
  readonly kind: "ReturnStmt";
  readonly value?: Expr;
}
export interface EmitStmt extends Node {
  readonly kind: "EmitStmt";
  readonly event: RecordLit;
}
export interface CiteStmt extends Node {
  readonly kind: "CiteStmt";
  readonly value: Expr;
}
export interface ExprStmt extends Node {
  readonly kind: "ExprStmt";
  readonly expr: Expr;
}

// ---------------------------------------------------------------------------
// Declarations

export interface Field extends Node {
  readonly kind: "Field";
  readonly name: Ident;
  readonly type: TypeExpr;
}
/** A field with an optional initial value (config parameters, state fields). */
export interface FieldDecl extends Node {
  readonly kind: "FieldDecl";
  readonly name: Ident;
  readonly type: TypeExpr;
  readonly value?: Expr;
}
export interface Param extends Node {
  readonly kind: "Param";
  readonly name: Ident;
  readonly type: TypeExpr;
}

export interface NetworkDecl extends Node {
  readonly kind: "NetworkDecl";
  readonly name: StringLit;
}
/** `import std.clearing [as c]` (module) or `import "./x.smalt" as x` (file). */
export interface ImportDecl extends Node {
  readonly kind: "ImportDecl";
  readonly module?: readonly Ident[];
  readonly file?: StringLit;
  readonly alias?: Ident;
}
export interface RecordDecl extends Node {
  readonly kind: "RecordDecl";
  readonly name: Ident;
  readonly fields: readonly Field[];
}
export interface Variant extends Node {
  readonly kind: "Variant";
  readonly name: Ident;
  readonly fields: readonly Field[]; // empty for a payload-less variant
}
export interface EnumDecl extends Node {
  readonly kind: "EnumDecl";
  readonly name: Ident;
  readonly variants: readonly Variant[];
}
export interface ConstDecl extends Node {
  readonly kind: "ConstDecl";
  readonly name: Ident;
  readonly type: TypeExpr;
  readonly value: Expr;
}
export interface FnDecl extends Node {
  readonly kind: "FnDecl";
  readonly name: Ident;
  readonly params: readonly Param[];
  readonly returnType?: TypeExpr;
  readonly body: Block;
}
export interface ClearingDecl extends Node {
  readonly kind: "ClearingDecl";
  readonly name: Ident;
  readonly params: readonly Param[];
  readonly returnType: TypeExpr;
  readonly tieBreak: readonly SortKey[]; // empty when not declared (E3011)
  readonly body: Block;
}

// Validators -----------------------------------------------------------------

export type JwtAlgorithm = "hs256" | "hs384" | "hs512" | "es256" | "es384" | "eddsa";

export type JwtItem =
  | { readonly kind: "JwtKey"; readonly span: Span; readonly algorithm: Ident; readonly key: BytesLit }
  | { readonly kind: "JwtIssuer"; readonly span: Span; readonly value: StringLit }
  | { readonly kind: "JwtAudience"; readonly span: Span; readonly value: StringLit }
  | { readonly kind: "JwtSubject"; readonly span: Span; readonly value: StringLit }
  | { readonly kind: "JwtClaim"; readonly span: Span; readonly name: Ident; readonly value: Expr }
  | { readonly kind: "JwtMaxAge"; readonly span: Span; readonly value: Expr }
  | { readonly kind: "JwtMaxLifetime"; readonly span: Span; readonly value: Expr }
  | { readonly kind: "JwtAllowNonExpiring"; readonly span: Span };

export interface JwtClause extends Node {
  readonly kind: "JwtClause";
  readonly items: readonly JwtItem[];
}

/** `mrtd = 0x…`; `value` is absent when written `= own` (read from local hardware: unpinned, E4002). */
export interface MeasurementEntry extends Node {
  readonly kind: "MeasurementEntry";
  readonly register: Ident; // mrtd | rtmr0..rtmr3
  readonly value?: BytesLit;
}
export interface MeasurementSet extends Node {
  readonly kind: "MeasurementSet";
  readonly entries: readonly MeasurementEntry[];
  readonly variants: readonly MeasurementVariant[];
}
export interface MeasurementVariant extends Node {
  readonly kind: "MeasurementVariant";
  readonly entries: readonly MeasurementEntry[];
}

export type TdxItem =
  | MeasurementEntry
  | MeasurementVariant
  | { readonly kind: "TdxMaxAge"; readonly span: Span; readonly value: Expr }
  | { readonly kind: "TdxNotBefore"; readonly span: Span; readonly value: Expr }
  | { readonly kind: "TdxMaxLifetime"; readonly span: Span; readonly value: Expr }
  | { readonly kind: "TdxCollateral"; readonly span: Span; readonly value: BytesLit }
  | { readonly kind: "TdxAcceptStatus"; readonly span: Span; readonly statuses: readonly Ident[] };

export interface TdxClause extends Node {
  readonly kind: "TdxClause";
  readonly items: readonly TdxItem[];
}

export interface ValidatorDecl extends Node {
  readonly kind: "ValidatorDecl";
  readonly name: Ident;
  readonly clauses: readonly (JwtClause | TdxClause)[]; // exactly one is valid (E4005)
  readonly requires: readonly RequireStmt[];
  readonly expiresWithin?: Expr;
}

// Organisms ------------------------------------------------------------------

export interface InstanceItem extends Node {
  readonly kind: "InstanceItem";
  readonly name: StringLit;
}
export interface CommitteeItem extends Node {
  readonly kind: "CommitteeItem";
  readonly quorum: IntLit;
  readonly size: IntLit;
}
export interface MeasurementsItem extends Node {
  readonly kind: "MeasurementsItem";
  readonly set: MeasurementSet;
}
export interface ConfigItem extends Node {
  readonly kind: "ConfigItem";
  readonly fields: readonly FieldDecl[];
}
export interface UsesItem extends Node {
  readonly kind: "UsesItem";
  readonly alias: Ident;
  readonly target: StringLit; // instance name or 64-hex stable id
  readonly pin: "follow" | "exact";
  readonly contentHash?: BytesLit; // required for `exact`
}
export interface StateItem extends Node {
  readonly kind: "StateItem";
  readonly fields: readonly FieldDecl[];
}
export interface AssetItem extends Node {
  readonly kind: "AssetItem";
  readonly name: Ident;
}
export interface StreamItem extends Node {
  readonly kind: "StreamItem";
  readonly name: Ident;
  readonly requires: readonly Ident[];
}
export interface CollectionItem extends Node {
  readonly kind: "CollectionItem";
  readonly name: Ident;
  readonly type: TypeExpr;
  readonly requires: readonly Ident[];
}
export interface EventItem extends Node {
  readonly kind: "EventItem";
  readonly name: Ident;
  readonly fields: readonly Field[];
}
export interface HandlerItem extends Node {
  readonly kind: "HandlerItem";
  readonly name: Ident;
  readonly params: readonly Param[];
  readonly via?: Ident; // stream name; absent = committee-injected
  readonly body: Block;
}
export interface QueryItem extends Node {
  readonly kind: "QueryItem";
  readonly name: Ident;
  readonly params: readonly Param[];
  readonly returnType: TypeExpr;
  readonly body: Block;
}
export interface InvariantItem extends Node {
  readonly kind: "InvariantItem";
  readonly name: Ident;
  readonly cond: Expr;
}

export type OrganismItem =
  | InstanceItem
  | CommitteeItem
  | MeasurementsItem
  | ConfigItem
  | UsesItem
  | StateItem
  | AssetItem
  | StreamItem
  | CollectionItem
  | EventItem
  | HandlerItem
  | QueryItem
  | InvariantItem;

export interface OrganismDecl extends Node {
  readonly kind: "OrganismDecl";
  readonly name: Ident;
  readonly items: readonly OrganismItem[];
}

// Tests ----------------------------------------------------------------------

export type Expectation =
  | { readonly kind: "ExpectOk"; readonly span: Span; readonly emits: readonly Ident[] }
  | { readonly kind: "ExpectRejects"; readonly span: Span; readonly reason?: StringLit };

/** `as alice bid(Bid { … }) ok emits BidAccepted` */
export interface TestStep extends Node {
  readonly kind: "TestStep";
  readonly sender: Expr; // NameExpr (a named peer) or BytesLit
  readonly handler: Ident;
  readonly args: readonly Expr[];
  readonly expectation: Expectation;
}
/** `expect len(bids) == 1` */
export interface TestExpect extends Node {
  readonly kind: "TestExpect";
  readonly cond: Expr;
}
export interface TestDecl extends Node {
  readonly kind: "TestDecl";
  readonly name: StringLit;
  readonly organism: Ident;
  readonly steps: readonly (TestStep | TestExpect)[];
}

export type Decl =
  | NetworkDecl
  | ImportDecl
  | RecordDecl
  | EnumDecl
  | ConstDecl
  | FnDecl
  | ClearingDecl
  | ValidatorDecl
  | OrganismDecl
  | TestDecl;

export interface Program extends Node {
  readonly kind: "Program";
  readonly decls: readonly Decl[];
}

/** Exhaustiveness helper: every `switch (node.kind)` ends with `default: return unreachable(node)`. */
export function unreachable(x: never): never {
  throw new Error(`internal error: unhandled node ${JSON.stringify((x as { kind?: string }).kind)}`);
}
