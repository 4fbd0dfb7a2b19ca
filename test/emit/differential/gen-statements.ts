// Random well-typed handler bodies as source lines: lets and vars (which extend the scope of
// the statements after them), assignments to state and locals, map and set writes,
// `require … else`, if/else, one level of `for` over a map or a set, and `emit`.
import fc from "fast-check";
import { text } from "./gen-expressions.js";
import { isInt, SCALARS, withVars, type Env } from "./gen-env.js";

type Lines = readonly string[];
const indent = (lines: Lines): string[] => lines.map((l) => `  ${l}`);
const EXPR_DEPTH = 2;

/** A block of at most `maxLen` statements; `depth` bounds how deeply ifs and loops nest. */
export function block(env: Env, depth: number, maxLen: number): fc.Arbitrary<Lines> {
  if (maxLen <= 0) return fc.constant([]);
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant([]) },
    { weight: 4, arbitrary: statement(env, depth).chain(([lines, next]) => block(next, depth, maxLen - 1).map((rest) => [...lines, ...rest])) },
  );
}

type Stmt = fc.Arbitrary<[Lines, Env]>;
/** Nested blocks are built only when chosen (building every possible nesting up front is exponential). */
const lazy = <T>(build: () => fc.Arbitrary<T>): fc.Arbitrary<T> => fc.constant(null).chain(build);
const same = (env: Env) => (lines: Lines): [Lines, Env] => [lines, env];

function statement(env: Env, depth: number): Stmt {
  const options: fc.WeightedArbitrary<[Lines, Env]>[] = [
    { weight: 2, arbitrary: local(env) },
    { weight: 1, arbitrary: requireStmt(env) },
    ...assignments(env),
    ...collectionWrites(env),
    ...emits(env),
  ];
  if (depth > 0) options.push({ weight: 2, arbitrary: lazy(() => ifStmt(env, depth - 1)) });
  if (depth > 0 && env.loops === 0) options.push(...loops(env, depth - 1).map((o) => ({ weight: o.weight, arbitrary: lazy(() => o.arbitrary) })));
  return fc.oneof(...options);
}

function local(env: Env): Stmt {
  return fc.constantFrom(...SCALARS).chain((t) =>
    fc.tuple(fc.boolean(), text(t, env, EXPR_DEPTH)).map(([mutable, e]): [Lines, Env] => {
      const name = `l${env.fresh}`;
      return [[`${mutable ? "var" : "let"} ${name}: ${t} = ${e}`], withVars(env, { name, type: t, mutable })];
    }),
  );
}

function requireStmt(env: Env): Stmt {
  return fc.tuple(text("bool", env, EXPR_DEPTH), fc.nat({ max: 3 })).map(([c, n]) => same(env)([`require ${c} else "reason ${n}"`]));
}

function assignments(env: Env): fc.WeightedArbitrary<[Lines, Env]>[] {
  const targets = env.vars.filter((v) => v.mutable);
  if (targets.length === 0) return [];
  const assign = fc.constantFrom(...targets).chain((v) => {
    const op = isInt(v.type) ? fc.constantFrom("=", "+=", "-=", "*=") : fc.constant("=");
    return fc.tuple(op, text(v.type, env, EXPR_DEPTH)).map(([o, e]) => same(env)([`${v.name} ${o} ${e}`]));
  });
  return [{ weight: 4, arbitrary: assign }];
}

function collectionWrites(env: Env): fc.WeightedArbitrary<[Lines, Env]>[] {
  const out: fc.WeightedArbitrary<[Lines, Env]>[] = [];
  for (const m of env.maps) {
    const key = text(m.key, env, 1);
    const ops = isInt(m.value) ? fc.constantFrom("=", "+=", "-=") : fc.constant("=");
    out.push({ weight: 3, arbitrary: fc.tuple(key, ops, text(m.value, env, EXPR_DEPTH)).map(([k, o, v]) => same(env)([`${m.name}[${k}] ${o} ${v}`])) });
    out.push({ weight: 1, arbitrary: key.map((k) => same(env)([`${m.name}.remove(${k})`])) });
  }
  for (const s of env.sets) {
    const x = text(s.element, env, 1);
    out.push({ weight: 2, arbitrary: fc.tuple(fc.constantFrom("insert", "remove", "insert"), x).map(([m, v]) => same(env)([`${s.name}.${m}(${v})`])) });
  }
  for (const l of env.lists) {
    out.push({ weight: 2, arbitrary: text(l.element, env, EXPR_DEPTH).map((v) => same(env)([`${l.name}.push(${v})`])) });
    const ops = isInt(l.element) ? fc.constantFrom("=", "+=", "-=") : fc.constant("=");
    out.push({ weight: 1, arbitrary: fc.tuple(text("u64", env, 1), ops, text(l.element, env, EXPR_DEPTH)).map(([i, o, v]) => same(env)([`${l.name}[${i}] ${o} ${v}`])) });
  }
  for (const a of env.assets) {
    const amount = text("u64", env, 1);
    const debited = fc.constantFrom("sender", "self");
    out.push({ weight: 2, arbitrary: fc.tuple(text("peer", env, 1), amount).map(([p, n]) => same(env)([`${a}.mint(${p}, ${n})`])) });
    out.push({ weight: 2, arbitrary: fc.tuple(debited, text("peer", env, 1), amount).map(([f, p, n]) => same(env)([`${a}.transfer(${f}, ${p}, ${n})`])) });
    out.push({ weight: 1, arbitrary: fc.tuple(debited, amount).map(([f, n]) => same(env)([`${a}.burn(${f}, ${n})`])) });
  }
  return out;
}

function emits(env: Env): fc.WeightedArbitrary<[Lines, Env]>[] {
  if (env.events.length === 0) return [];
  const one = fc.constantFrom(...env.events).chain((ev) =>
    fc.tuple(...ev.fields.map((f) => text(f.type, env, 1).map((e) => `${f.name}: ${e}`))).map((fields) => same(env)([`emit ${ev.name} { ${fields.join(", ")} }`])),
  );
  return [{ weight: 2, arbitrary: one }];
}

function ifStmt(env: Env, depth: number): Stmt {
  const branch = block(env, depth, 3);
  // The then-branch may end the handler early.
  const then = fc.tuple(branch, fc.boolean()).map(([lines, ret]) => (ret ? [...lines, "return"] : lines));
  return fc.tuple(text("bool", env, EXPR_DEPTH), then, fc.option(branch, { nil: undefined })).map(([c, yes, no]) => {
    const lines = [`if ${c} {`, ...indent(yes), ...(no === undefined ? ["}"] : ["} else {", ...indent(no), "}"])];
    return same(env)(lines);
  });
}

function loops(env: Env, depth: number): fc.WeightedArbitrary<[Lines, Env]>[] {
  const out: fc.WeightedArbitrary<[Lines, Env]>[] = [];
  const n = env.fresh;
  for (const m of env.maps) {
    const inner = { ...withVars(env, { name: `k${n}`, type: m.key, mutable: false }, { name: `v${n}`, type: m.value, mutable: false }), loops: env.loops + 1 };
    out.push({ weight: 1, arbitrary: block(inner, depth, 3).map((body) => same(env)([`for k${n}, v${n} in ${m.name} {`, ...indent(body), "}"])) });
  }
  for (const s of [...env.sets, ...env.lists]) {
    const inner = { ...withVars(env, { name: `x${n}`, type: s.element, mutable: false }), loops: env.loops + 1 };
    out.push({ weight: 1, arbitrary: block(inner, depth, 3).map((body) => same(env)([`for x${n} in ${s.name} {`, ...indent(body), "}"])) });
  }
  return out;
}

