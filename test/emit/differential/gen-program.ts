// Random well-typed Smalt organisms as source text, for differential testing of the emitter
// against the reference evaluator: a few state fields (integers of every width, bool), maps
// and sets with small capacities, config constants, events, 2–5 handlers with random bodies,
// and maybe a query and an invariant. The real parser and checker must accept every one.
import fc from "fast-check";
import { block } from "./gen-statements.js";
import { overMap, overSet, text } from "./gen-expressions.js";
import { INT_NAMES, intText, isInt, literalText, range, SCALARS, type IntName, type Env, type EventDef, type ListField, type MapField, type Scalar, type SetField, type Var } from "./gen-env.js";

export interface HandlerSig {
  readonly name: string;
  readonly params: readonly { readonly name: string; readonly type: Scalar }[];
}

export interface GeneratedProgram {
  readonly source: string;
  readonly organism: string;
  readonly handlers: readonly HandlerSig[];
  readonly queries: readonly string[];
}

export const ORGANISM = "Generated";

interface Layout {
  readonly config: readonly { readonly type: Scalar; readonly value: string }[];
  readonly state: readonly { readonly type: Scalar; readonly initial?: string }[];
  readonly maps: readonly MapField[];
  readonly sets: readonly SetField[];
  readonly lists: readonly ListField[];
  readonly assets: readonly string[];
  readonly events: readonly EventDef[];
  readonly handlers: readonly HandlerSig[];
}

const valueType = fc.constantFrom<Scalar>(...INT_NAMES, "bool");
const keyType = fc.constantFrom<Scalar>("peer", "u8", "u64", "i64");

const layout: fc.Arbitrary<Layout> = fc
  .record({
    config: fc.array(valueType.chain((type) => literalText(type).map((value) => ({ type, value }))), { maxLength: 2 }),
    state: fc.array(valueType.chain((type) => fc.option(literalText(type), { nil: undefined }).map((initial) => ({ type, initial }))), { minLength: 1, maxLength: 5 }),
    maps: fc.array(fc.record({ key: keyType, value: valueType, cap: fc.integer({ min: 1, max: 4 }) }), { minLength: 1, maxLength: 2 }),
    sets: fc.array(fc.record({ element: fc.constantFrom<Scalar>("peer", "u16", "u64"), cap: fc.integer({ min: 1, max: 3 }) }), { maxLength: 1 }),
    lists: fc.array(fc.record({ element: fc.constantFrom<Scalar>("u64", "u8", "i64", "peer"), cap: fc.integer({ min: 1, max: 3 }) }), { maxLength: 1 }),
    assets: fc.nat({ max: 1 }),
    events: fc.array(fc.array(fc.constantFrom(...SCALARS), { minLength: 1, maxLength: 2 }), { maxLength: 2 }),
    handlers: fc.array(fc.array(fc.constantFrom(...SCALARS), { maxLength: 3 }), { minLength: 2, maxLength: 5 }),
  })
  .map((r) => ({
    config: r.config,
    state: r.state,
    maps: r.maps.map((m, i) => ({ ...m, name: `m${i}` })),
    sets: r.sets.map((s, i) => ({ ...s, name: `t${i}` })),
    lists: r.lists.map((l, i) => ({ ...l, name: `xs${i}` })),
    assets: Array.from({ length: r.assets }, (_, i) => `coins${i}`),
    events: r.events.map((fs, i) => ({ name: `E${i}`, fields: fs.map((type, j) => ({ name: `f${j}`, type })) })),
    handlers: r.handlers.map((ps, i) => ({ name: `h${i}`, params: ps.map((type, j) => ({ name: `p${j}`, type })) })),
  }));

/** What every body of the organism may read: config, state fields, collections and `self`. */
function organismEnv(l: Layout): Env {
  const vars: Var[] = [
    ...l.config.map((c, i) => ({ name: `config.c${i}`, type: c.type, mutable: false })),
    ...l.state.map((s, i) => ({ name: `s${i}`, type: s.type, mutable: true })),
    { name: "self", type: "peer", mutable: false },
  ];
  return { vars, maps: l.maps, sets: l.sets, lists: l.lists, assets: l.assets, events: l.events, writes: false, fresh: 0, loops: 0 };
}

const readOnly = (env: Env): Env => ({ ...env, vars: env.vars.map((v) => ({ ...v, mutable: false })) });

function handlerEnv(base: Env, h: HandlerSig): Env {
  const params = h.params.map((p) => ({ name: p.name, type: p.type, mutable: false }));
  return { ...base, vars: [...base.vars, ...params, { name: "sender", type: "peer", mutable: false }], writes: true };
}

function generated(invariant: (l: Layout, env: Env) => fc.Arbitrary<string | undefined>): fc.Arbitrary<GeneratedProgram> {
  return layout.chain((l) => {
    const env = organismEnv(l);
    const bodies = fc.tuple(...l.handlers.map((h) => block(handlerEnv(env, h), 2, 6)));
    const query = fc.option(fc.constantFrom(...INT_NAMES, "bool" as const).chain((t) => text(t, readOnly(env), 2).map((e) => ({ t, e }))), { nil: undefined });
    return fc.tuple(bodies, query, invariant(l, readOnly(env))).map(([bs, q, inv]) => render(l, bs, q, inv));
  });
}

export const program: fc.Arbitrary<GeneratedProgram> = generated((l, env) =>
  fc.option(fc.oneof({ weight: 3, arbitrary: bound(l) }, { weight: 2, arbitrary: everyEntry(l, env) }, { weight: 1, arbitrary: text("bool", env, 1) }), { nil: undefined }),
);

/** Programs whose invariant quantifies over a map or set: most are checked incrementally by the emitted code. */
export const programWithEveryEntry: fc.Arbitrary<GeneratedProgram> = generated(everyEntry);

/**
 * `all k, v in m: …` or `all x in t: …`, the shape the emitter checks incrementally: a random
 * condition on the entry (which may read other maps at the bound key, or state whole), often
 * or-ed with a bound on an integer value so that it tends to hold.
 */
function everyEntry(l: Layout, env: Env): fc.Arbitrary<string> {
  const body = (e: Env) => {
    const random = text("bool", e, 1);
    const v = e.vars[e.vars.length - 1];
    if (!isInt(v.type)) return random;
    const [lo, hi] = range(v.type);
    const bounded = fc.tuple(fc.bigInt({ min: lo + (hi - lo) / 2n, max: hi }), random).map(([b, r]) => `${v.name} <= ${intText(b)} || ${r}`);
    return fc.oneof(bounded, random);
  };
  const sources = [...l.maps.map((m) => overMap(m, env, body)), ...l.sets.map((t) => overSet(t, env, body))];
  return fc.oneof(...sources).map(([binders, b]) => `all ${binders}: ${b}`);
}

/** An invariant that often holds: an integer state field stays in the upper half of its range. */
function bound(l: Layout): fc.Arbitrary<string> {
  const ints = l.state.flatMap((s, i) => (isInt(s.type) ? [{ name: `s${i}`, type: s.type }] : []));
  if (ints.length === 0) return fc.constant(`len(${l.maps[0].name}) <= ${l.maps[0].cap}`);
  return fc.constantFrom(...ints).chain((s) => {
    const [lo, hi] = range(s.type as IntName);
    return fc.bigInt({ min: lo + (hi - lo) / 2n, max: hi }).map((v) => `${s.name} <= ${intText(v)}`);
  });
}

function render(l: Layout, bodies: readonly (readonly string[])[], query: { t: Scalar; e: string } | undefined, invariant: string | undefined): GeneratedProgram {
  const out = ["// Generated by test/emit/differential/gen-program.ts.", 'network "universe"', "", `organism ${ORGANISM} {`, '  instance "tests.differential"', "  committee 1 of 1"];
  if (l.config.length > 0) out.push("  config {", ...l.config.map((c, i) => `    c${i}: ${c.type} = ${c.value}`), "  }");
  out.push("  state {");
  out.push(...l.state.map((s, i) => `    s${i}: ${s.type}${s.initial === undefined ? "" : ` = ${s.initial}`}`));
  out.push(...l.maps.map((m) => `    ${m.name}: map<${m.key}, ${m.value}, ${m.cap}>`));
  out.push(...l.sets.map((s) => `    ${s.name}: set<${s.element}, ${s.cap}>`));
  out.push(...l.lists.map((x) => `    ${x.name}: list<${x.element}, ${x.cap}>`));
  out.push("  }");
  out.push(...l.assets.map((a) => `  asset ${a}`));
  out.push(...l.events.map((e) => `  event ${e.name} { ${e.fields.map((f) => `${f.name}: ${f.type}`).join(", ")} }`));
  l.handlers.forEach((h, i) => {
    out.push(`  on ${h.name}(${h.params.map((p) => `${p.name}: ${p.type}`).join(", ")}) {`, ...bodies[i].map((line) => `    ${line}`), "  }");
  });
  if (query) out.push(`  query q0() -> ${query.t} {`, `    return ${query.e}`, "  }");
  if (invariant) out.push(`  invariant i0 { ${invariant} }`);
  out.push("}", "");
  return { source: out.join("\n"), organism: ORGANISM, handlers: l.handlers, queries: query ? ["q0"] : [] };
}

