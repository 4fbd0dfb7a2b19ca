// Check stage: an organism -> IR OrganismDef draft: members from its OrganismEnv, handler,
// query and invariant bodies typed (costs are added by compute-costs.ts).
import { error } from "../diagnostics/make.js";
import type { HandlerDef, InvariantDef, MeasurementEntryDef, OrganismDef, QueryDef } from "../ir/declarations.js";
import { BOOL, showType } from "../ir/types.js";
import type { MeasurementEntry, OrganismItem } from "../syntax/ast.js";
import { checkExpr } from "./check-expressions.js";
import { alwaysReturns } from "./check-functions.js";
import { checkStmts } from "./check-statements.js";
import { Cx } from "./context.js";
import type { ModuleEnv, OrganismEnv, ProgramEnv } from "./environment.js";

type Uncosted<T> = Omit<T, "cost">;
export type OrganismDraft = Omit<OrganismDef, "handlers" | "queries" | "invariants"> & {
  readonly handlers: readonly Uncosted<HandlerDef>[];
  readonly queries: readonly Uncosted<QueryDef>[];
  readonly invariants: readonly Uncosted<InvariantDef>[];
};

const sortBy = <T>(xs: readonly T[], key: (x: T) => string): T[] => [...xs].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
const byName = <T extends { readonly name: string }>(xs: readonly T[]): T[] => sortBy(xs, (x) => x.name);

export function checkOrganism(env: ProgramEnv, module: ModuleEnv, org: OrganismEnv): OrganismDraft {
  const items = org.decl.items;
  const first = <K extends OrganismItem["kind"]>(kind: K) => items.find((i): i is Extract<OrganismItem, { kind: K }> => i.kind === kind);
  const committee = first("CommitteeItem");
  const measurements = first("MeasurementsItem");
  const entries = (es: readonly MeasurementEntry[]): MeasurementEntryDef[] =>
    es.map((m) => (m.value ? { register: m.register.name, hex: m.value.hex } : { register: m.register.name }));
  return {
    ref: org.ref,
    instance: first("InstanceItem")?.name.value ?? "",
    committee: committee && { quorum: committee.quorum.value, size: committee.size.value },
    measurements: measurements && { entries: entries(measurements.set.entries), variants: measurements.set.variants.map((v) => entries(v.entries)) },
    config: byName([...org.config].flatMap(([name, c]) => (c.value ? [{ name, type: c.type, value: c.value, span: c.decl.span }] : []))),
    uses: sortBy(
      [...org.uses].map(([alias, u]) => ({
        alias,
        target: u.target.value,
        pin: u.pin,
        ...(u.contentHash ? { contentHash: u.contentHash.hex } : {}),
        span: u.span,
      })),
      (u) => u.alias,
    ),
    state: byName([...org.state].flatMap(([name, f]) => (f.initial ? [{ name, type: f.type, initial: f.initial, span: f.decl.span }] : []))),
    assets: [...org.assets].sort(),
    streams: byName([...org.streams].map(([name, s]) => ({ name, requires: s.requires, span: s.item.span }))),
    collections: byName([...org.collections].map(([name, c]) => ({ name, type: c.type, requires: c.requires, span: c.item.span }))),
    events: byName([...org.events].map(([name, ev]) => ({ name, fields: ev.fields, span: ev.item.span }))),
    handlers: byName([...org.handlers.values()].map((h) => checkHandler(env, module, org, h))),
    queries: byName([...org.queries.values()].map((q) => checkQuery(env, module, org, q))),
    invariants: byName(items.flatMap((i) => (i.kind === "InvariantItem" ? [checkInvariant(env, module, org, i)] : []))),
    span: org.decl.span,
  };
}

type HandlerEntry = OrganismEnv["handlers"] extends ReadonlyMap<string, infer V> ? V : never;
type QueryEntry = OrganismEnv["queries"] extends ReadonlyMap<string, infer V> ? V : never;

function checkHandler(env: ProgramEnv, module: ModuleEnv, org: OrganismEnv, h: HandlerEntry): Uncosted<HandlerDef> {
  const cx = new Cx(env, module, "handler", { organism: org });
  const params = cx.declareParams(h.item.params.map((p, i) => ({ name: p.name, type: h.params[i] })));
  const body = cx.inScope(() => checkStmts(cx, h.item.body.stmts, false));
  return { name: h.item.name.name, params, ...(h.item.via ? { via: h.item.via.name } : {}), body, span: h.item.span, nameSpan: h.item.name.span };
}

function checkQuery(env: ProgramEnv, module: ModuleEnv, org: OrganismEnv, q: QueryEntry): Uncosted<QueryDef> {
  const cx = new Cx(env, module, "query", { organism: org, returnType: q.returnType });
  const params = cx.declareParams(q.item.params.map((p, i) => ({ name: p.name, type: q.params[i] })));
  const body = cx.inScope(() => checkStmts(cx, q.item.body.stmts, true));
  if (!alwaysReturns(body)) {
    cx.report(
      error("E2006", `query \`${q.item.name.name}\` does not return a value on every path`, q.item.name.span, {
        help: `end every path with \`return\` or a value of type \`${showType(q.returnType)}\``,
      }),
    );
  }
  return { name: q.item.name.name, params, returnType: q.returnType, body, span: q.item.span, nameSpan: q.item.name.span };
}

function checkInvariant(env: ProgramEnv, module: ModuleEnv, org: OrganismEnv, item: Extract<OrganismItem, { kind: "InvariantItem" }>): Uncosted<InvariantDef> {
  const cx = new Cx(env, module, "invariant", { organism: org });
  return { name: item.name.name, cond: checkExpr(cx, item.cond, BOOL), span: item.span };
}
