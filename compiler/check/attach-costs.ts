// Check stage: module drafts -> CheckedModules with every fn, handler, query and invariant
// costed; handlers and queries over the budget are E3010. Also lists costs for `--costs`.
import { error } from "../diagnostics/make.js";
import type { CheckedModule, OrganismDef } from "../ir/declarations.js";
import { refKey } from "../ir/types.js";
import type { TypeTables } from "../ir/values.js";
import type { ModuleDraft } from "./check-module.js";
import type { OrganismDraft } from "./check-organism.js";
import { CostCalculator } from "./compute-costs.js";
import { COST_BUDGET } from "./cost-model.js";
import { writeBounds } from "./handler-writes.js";
import { invariantCost } from "./invariant-costs.js";
import type { ProgramEnv } from "./environment.js";

export interface CostEntry {
  readonly organism: string;
  readonly item: string;
  readonly kind: "handler" | "query";
  readonly cost: bigint;
}

export function attachCosts(env: ProgramEnv, drafts: readonly ModuleDraft[], tables: TypeTables): { modules: CheckedModule[]; costs: CostEntry[] } {
  const fns = new Map(drafts.flatMap((d) => d.fns.map((f) => [refKey(f.ref), f] as const)));
  const calc = new CostCalculator(tables, fns);
  const costs: CostEntry[] = [];
  const modules = drafts.map((d): CheckedModule => ({
    ...d,
    fns: d.fns.map((f) => ({ ...f, cost: calc.fnCost(f.ref) })),
    organisms: d.organisms.map((o) => costOrganism(env, calc, o, costs)),
  }));
  costs.sort((a, b) => cmp(a.organism, b.organism) || cmp(a.kind, b.kind) || cmp(a.item, b.item));
  return { modules, costs };
}

function costOrganism(env: ProgramEnv, calc: CostCalculator, o: OrganismDraft, costs: CostEntry[]): OrganismDef {
  const invariants = o.invariants.map((i) => ({ ...i, cost: calc.expr(i.cond) }));
  const withinBudget = (kind: "handler" | "query", name: string, cost: bigint, nameSpan: OrganismDef["span"]) => {
    costs.push({ organism: o.ref.name, item: name, kind, cost });
    if (cost > COST_BUDGET) {
      env.report(
        error("E3010", `worst-case cost of ${kind} \`${name}\` is ${cost} units, over the budget of ${COST_BUDGET}`, nameSpan, {
          help: "lower the capacities of the collections it iterates or sorts, or split the work across several commands",
        }),
      );
    }
  };
  const handlers = o.handlers.map((h) => {
    const writes = writeBounds(h.body);
    const cost = invariants.reduce((acc, i) => acc + invariantCost(calc, i, writes), calc.stmts(h.body)); // invariants run after every command
    withinBudget("handler", h.name, cost, h.nameSpan);
    return { ...h, cost };
  });
  const queries = o.queries.map((q) => {
    const cost = calc.stmts(q.body);
    withinBudget("query", q.name, cost, q.nameSpan);
    return { ...q, cost };
  });
  return { ...o, handlers, queries, invariants };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
