// Check stage: the context of one body being checked (a handler, query, invariant, fn,
// clearing rule, validator, constant or test) — what it may name, and its local scopes.
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { error } from "../diagnostics/make.js";
import type { LocalDecl } from "../ir/statements.js";
import type { Type } from "../ir/types.js";
import type { Ident } from "../syntax/ast.js";
import type { ModuleEnv, OrganismEnv, ProgramEnv } from "./environment.js";

/**
 * handler/query/invariant: inside an organism; fn/clearing: pure top-level code; validator:
 * admission context (`ticket`, `now`); const: compile-time initialisers and capacities; test: scenarios.
 */
export type BodyKind = "handler" | "query" | "invariant" | "fn" | "clearing" | "validator" | "const" | "test";

/** Names that always mean the same thing and can never be declared. */
export const RESERVED_NAMES: readonly string[] = ["sender", "self", "now", "random"];

export interface CxOptions {
  readonly organism?: OrganismEnv;
  readonly returnType?: Type; // fns, clearing rules, queries
}

export class Cx {
  private readonly scopes: Map<string, LocalDecl>[] = [new Map()];
  private nextLocal = 0;
  private paramCount = 0;

  constructor(
    readonly env: ProgramEnv,
    readonly module: ModuleEnv,
    readonly body: BodyKind,
    readonly options: CxOptions = {},
  ) {}

  get organism(): OrganismEnv | undefined {
    return this.options.organism;
  }

  report(d: Diagnostic): void {
    this.env.report(d);
  }

  /** Declare the body's parameters: locals 0..n-1, before anything else. */
  declareParams(params: readonly { readonly name: Ident; readonly type: Type }[]): LocalDecl[] {
    const decls = params.map((p) => this.declare(p.name, p.type, false));
    this.paramCount = decls.length;
    return decls;
  }

  declare(name: Ident, type: Type, mutable: boolean): LocalDecl {
    if (RESERVED_NAMES.includes(name.name)) {
      this.report(error("E1002", `\`${name.name}\` is reserved and cannot be declared`, name.span, { help: "choose another name" }));
    }
    const decl: LocalDecl = { name: name.name, id: this.nextLocal++, type, mutable, span: name.span };
    if (name.name !== "") this.scopes[this.scopes.length - 1].set(name.name, decl);
    return decl;
  }

  lookup(name: string): { readonly decl: LocalDecl; readonly isParam: boolean } | undefined {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const decl = this.scopes[i].get(name);
      if (decl) return { decl, isParam: decl.id < this.paramCount };
    }
    return undefined;
  }

  /** Every local name in scope, for suggestions. */
  localNames(): string[] {
    return this.scopes.flatMap((s) => [...s.keys()]);
  }

  inScope<T>(f: () => T): T {
    this.scopes.push(new Map());
    try {
      return f();
    } finally {
      this.scopes.pop();
    }
  }
}
