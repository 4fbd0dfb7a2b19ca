// The check stage entry point: entry sources -> module graph -> typed IR per module, with
// determinism, recursion and cost rules applied. A value is returned only when there are no errors.
import { hasErrors, sortDiagnostics, type Diagnostic, type Result } from "../diagnostics/diagnostic.js";
import type { CheckedModule } from "../ir/declarations.js";
import { refKey } from "../ir/types.js";
import { loadProgram, type ModuleGraph, type ModuleLoader } from "../load.js";
import type { SourceFile } from "../source.js";
import { attachCosts, type CostEntry } from "./attach-costs.js";
import { checkDeterminism } from "./check-determinism.js";
import { checkModule, type ModuleDraft } from "./check-module.js";
import { checkCallRecursion, checkTypeRecursion } from "./check-recursion.js";
import { checkStructure } from "./check-structure.js";
import { collectDeclarations } from "./collect-declarations.js";
import { typeTables } from "./declaration-table.js";
import { ProgramEnv } from "./environment.js";
import { buildOrganismEnv } from "./organism-members.js";

export interface CheckedProgram {
  readonly graph: ModuleGraph;
  readonly modules: readonly CheckedModule[]; // sorted by key
  /** Worst-case cost of every handler and query, sorted by organism, kind, then item. */
  readonly costs: readonly CostEntry[];
}

export type { CostEntry };

export function checkProgram(entries: readonly SourceFile[], loader: ModuleLoader): Result<CheckedProgram | undefined> {
  const loaded = loadProgram(entries, loader);
  // A tree with syntax errors is partial: checking it would mostly report the same mistakes again.
  if (loaded.diagnostics.some((d) => d.code.startsWith("E0"))) return { value: undefined, diagnostics: loaded.diagnostics };
  const graph = loaded.value;
  const env = new ProgramEnv();
  for (const m of graph.modules) env.modules.set(m.key, collectDeclarations(env, m));
  for (const module of env.modules.values()) {
    for (const item of module.items.values()) {
      if (item.kind === "Organism") env.organisms.set(refKey(item.ref), buildOrganismEnv(env, module, item.decl, item.ref));
    }
  }
  const drafts = [...env.modules.values()].map((m) => checkModule(env, m));
  checkStructure(env, [...env.modules.values()]);
  checkCallRecursion(
    env,
    drafts.flatMap((d) => d.fns),
  );
  checkTypeRecursion(
    env,
    drafts.flatMap((d) => d.records),
    drafts.flatMap((d) => d.enums),
  );
  for (const d of drafts) checkBodies(env, d);
  const { modules, costs } = attachCosts(env, drafts, typeTables(env));
  const diagnostics: Diagnostic[] = sortDiagnostics(dedupe([...loaded.diagnostics, ...env.diagnostics]));
  return { value: hasErrors(diagnostics) ? undefined : { graph, modules, costs }, diagnostics };
}

/** Determinism and effect rules, body by body. */
function checkBodies(env: ProgramEnv, d: ModuleDraft): void {
  for (const f of d.fns) checkDeterminism(env, { kind: f.kind, name: f.ref.name, stmts: f.body });
  for (const v of d.validators) {
    checkDeterminism(env, { kind: "validator", name: v.ref.name, exprs: [...v.requires.map((r) => r.cond), ...(v.expiresWithin ? [v.expiresWithin] : [])] });
  }
  for (const o of d.organisms) {
    for (const h of o.handlers) checkDeterminism(env, { kind: "handler", name: h.name, stmts: h.body });
    for (const q of o.queries) checkDeterminism(env, { kind: "query", name: q.name, stmts: q.body });
    for (const i of o.invariants) checkDeterminism(env, { kind: "invariant", name: i.name, exprs: [i.cond] });
  }
  for (const t of d.tests) {
    const exprs = t.steps.flatMap((s) => (s.kind === "Expect" ? [s.cond] : s.args));
    checkDeterminism(env, { kind: "test", name: t.name, exprs });
  }
}

/** The same fact found twice (e.g. a type resolved from two places) is reported once. */
function dedupe(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.code}|${d.primary.span.file}|${d.primary.span.start}|${d.primary.span.end}|${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
