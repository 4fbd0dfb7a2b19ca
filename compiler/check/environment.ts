// Check stage: the per-run environment every checking pass shares — module item tables,
// memoised declaration facts (record fields, enum variants, signatures, constants) and the diagnostics sink.
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { FieldDef, VariantDef } from "../ir/declarations.js";
import type { DeclRef, Type } from "../ir/types.js";
import type { Value } from "../ir/values.js";
import type { Span } from "../source.js";
import type {
  ClearingDecl,
  CollectionItem,
  ConstDecl,
  EnumDecl,
  EventItem,
  FieldDecl,
  FnDecl,
  HandlerItem,
  OrganismDecl,
  Program,
  QueryItem,
  RecordDecl,
  StreamItem,
  UsesItem,
  ValidatorDecl,
} from "../syntax/ast.js";

/** What a top-level name of a module denotes. */
export type ModuleItem =
  | { readonly kind: "Record"; readonly ref: DeclRef; readonly decl?: RecordDecl } // no decl: built-in
  | { readonly kind: "Enum"; readonly ref: DeclRef; readonly decl: EnumDecl }
  | { readonly kind: "Const"; readonly ref: DeclRef; readonly decl: ConstDecl }
  | { readonly kind: "Fn"; readonly ref: DeclRef; readonly decl: FnDecl }
  | { readonly kind: "Clearing"; readonly ref: DeclRef; readonly decl: ClearingDecl }
  | { readonly kind: "Validator"; readonly ref: DeclRef; readonly decl: ValidatorDecl }
  | { readonly kind: "Organism"; readonly ref: DeclRef; readonly decl: OrganismDecl }
  /** An import alias (`clr`, `other`) or the last step of `std.clearing`. */
  | { readonly kind: "Module"; readonly key: string }
  /** A path prefix shared by imports (`std` in `std.clearing`). */
  | { readonly kind: "Namespace"; readonly children: ReadonlyMap<string, ModuleItem> };

export interface ModuleEnv {
  readonly key: string;
  readonly path: string;
  readonly program: Program;
  /** Declarations and import names; built-in records are looked up after these. */
  readonly items: ReadonlyMap<string, ModuleItem>;
}

export interface RecordInfo {
  readonly ref: DeclRef;
  readonly fields: readonly FieldDef[];
  readonly span: Span;
}

export interface EnumInfo {
  readonly ref: DeclRef;
  readonly variants: readonly VariantDef[];
  readonly span: Span;
}

export interface Signature {
  readonly kind: "fn" | "clearing";
  readonly ref: DeclRef;
  readonly params: readonly { readonly name: string; readonly type: Type; readonly span: Span }[];
  readonly returnType: Type;
}

export interface ConstInfo {
  readonly ref: DeclRef;
  readonly type: Type;
  readonly value: Value | undefined; // undefined when it could not be folded (already reported)
}

/** The members of one organism that its bodies can name, with their resolved types. */
export interface OrganismEnv {
  readonly ref: DeclRef;
  readonly decl: OrganismDecl;
  readonly config: ReadonlyMap<string, { readonly decl: FieldDecl; readonly type: Type; readonly value: Value | undefined }>;
  readonly state: ReadonlyMap<string, { readonly decl: FieldDecl; readonly type: Type; readonly initial: Value | undefined }>;
  /** `requires`: the validators a surface names, resolved (unknown ones dropped after E1007). */
  readonly collections: ReadonlyMap<string, { readonly item: CollectionItem; readonly type: Type; readonly requires: readonly DeclRef[] }>;
  readonly assets: ReadonlySet<string>;
  readonly uses: ReadonlyMap<string, UsesItem>;
  readonly streams: ReadonlyMap<string, { readonly item: StreamItem; readonly requires: readonly DeclRef[] }>;
  readonly events: ReadonlyMap<string, { readonly item: EventItem; readonly fields: readonly FieldDef[] }>;
  readonly handlers: ReadonlyMap<string, { readonly item: HandlerItem; readonly params: readonly Type[] }>;
  readonly queries: ReadonlyMap<string, { readonly item: QueryItem; readonly params: readonly Type[]; readonly returnType: Type }>;
}

/** One run of the checker. Memo tables are filled on demand, so declaration order never matters. */
export class ProgramEnv {
  readonly modules = new Map<string, ModuleEnv>();
  readonly diagnostics: Diagnostic[] = [];
  readonly records = new Map<string, RecordInfo>();
  readonly enums = new Map<string, EnumInfo>();
  readonly signatures = new Map<string, Signature>();
  readonly consts = new Map<string, ConstInfo>();
  /** Constants whose initialiser is being checked: meeting one again is a cycle. */
  readonly pendingConsts = new Set<string>();
  readonly organisms = new Map<string, OrganismEnv>();

  report(d: Diagnostic): void {
    this.diagnostics.push(d);
  }

  module(key: string): ModuleEnv {
    const m = this.modules.get(key);
    if (!m) throw new Error(`internal error: module ${key} not registered`);
    return m;
  }
}
