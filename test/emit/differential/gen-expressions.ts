// Random well-typed Smalt expressions of a given scalar type over an Env, as source text.
// Every compound is parenthesised, so precedence never changes the meaning. An "anchored"
// expression has a type of its own (a variable, a conversion, a map read…); a bare literal
// takes its type from the context, so the checker gets a hint only where one exists: the left
// operand of a comparison, the operand of `-` and the argument of a conversion are anchored.
import fc from "fast-check";
import { INT_NAMES, intValue, isInt, literalText, range, SCALARS, varsOf, type Env, type IntName, type MapField, type Scalar, type SetField } from "./gen-env.js";

export interface Ex {
  readonly text: string;
  readonly anchored: boolean;
}

type Options = fc.WeightedArbitrary<Ex>[];
const ex = (text: string, anchored: boolean): Ex => ({ text, anchored });
const weighted = (weight: number, arbitrary: fc.Arbitrary<Ex>) => ({ weight, arbitrary });

/** Built once per scope, type, depth and anchoring: generation then costs what it generates. */
const built = new WeakMap<Env, Map<string, fc.Arbitrary<Ex>>>();

export function expr(t: Scalar, env: Env, depth: number, anchored = false): fc.Arbitrary<Ex> {
  const cache = built.get(env) ?? new Map<string, fc.Arbitrary<Ex>>();
  built.set(env, cache);
  const key = `${t}/${depth}/${anchored}`;
  const found = cache.get(key);
  if (found) return found;
  const options = leaves(t, env, anchored);
  if (depth > 0) options.push(...compounds(t, env, depth - 1, anchored));
  const arb = fc.oneof(...options);
  cache.set(key, arb);
  return arb;
}

export const text = (t: Scalar, env: Env, depth: number, anchored = false): fc.Arbitrary<string> => expr(t, env, depth, anchored).map((e) => e.text);

function leaves(t: Scalar, env: Env, anchored: boolean): Options {
  const names = varsOf(env, t);
  const out: Options = names.length > 0 ? [weighted(4, fc.constantFrom(...names).map((n) => ex(n, true)))] : [];
  if (t === "bool") out.push(weighted(1, fc.boolean().map((b) => ex(String(b), true))));
  else if (isInt(t)) out.push(weighted(3, anchored ? convertedLiteral(t) : literalText(t).map((s) => ex(s, false))));
  else if (!anchored || names.length === 0) out.push(weighted(1, literalText(t).map((s) => ex(s, false))));
  return out;
}

/** `T(n)`: a literal with a type of its own (the conversion gives the literal its type). */
function convertedLiteral(t: IntName): fc.Arbitrary<Ex> {
  return intValue(t).map((n) => ex(`${t}(${n})`, true));
}

/** Sets and lists: both have `len`, `contains` and quantifiers over their elements. */
const sequences = (env: Env): readonly SetField[] => [...env.sets, ...env.lists];

function compounds(t: Scalar, env: Env, d: number, anchored: boolean): Options {
  const out: Options = [...mapReads(t, env, d), ...listReads(t, env, d), ifExpr(t, env, d, anchored)];
  if (isInt(t)) out.push(...intCompounds(t, env, d, anchored));
  if (t === "bool") out.push(...boolCompounds(env, d));
  return out;
}

function intCompounds(t: IntName, env: Env, d: number, anchored: boolean): Options {
  const left = expr(t, env, d, anchored);
  const right = expr(t, env, d);
  const op = fc.constantFrom("+", "-", "*", "/", "%");
  const out: Options = [
    weighted(4, fc.tuple(left, op, right).map(([a, o, b]) => ex(`(${a.text} ${o} ${b.text})`, a.anchored))),
    weighted(2, fc.tuple(fc.constantFrom("min", "max", "div_floor", "div_ceil"), left, right).map(([f, a, b]) => ex(`${f}(${a.text}, ${b.text})`, a.anchored))),
    weighted(1, fc.tuple(left, right, right).map(([a, b, c]) => ex(`mul_div(${a.text}, ${b.text}, ${c.text})`, a.anchored))),
    weighted(2, fc.constantFrom(...INT_NAMES.filter((u) => u !== t)).chain((u) => expr(u, env, d, true)).map((a) => ex(`${t}(${a.text})`, true))),
  ];
  if (t === "i64") out.push(weighted(1, expr(t, env, d, true).map((a) => ex(`(-${a.text})`, true))));
  if (t === "u64") out.push(...counts(env, d), ...assetReads(env, d));
  if (env.maps.length > 0) out.push(weighted(1, fc.constantFrom(...env.maps).chain((m) => sumOver(t, m, env, d))));
  if (env.lists.length > 0) {
    const sum = fc.constantFrom(...env.lists).chain((l) => overSet(l, env, (e) => expr(t, e, d, true)).map(([b, body]) => ex(`(sum ${b}: ${body.text})`, true)));
    out.push(weighted(1, sum));
  }
  return out;
}

/** `a.balance(p)`, `a.total()`, `a.supply()` (u64). */
function assetReads(env: Env, d: number): Options {
  if (env.assets.length === 0) return [];
  const read = fc.constantFrom(...env.assets).chain((a) =>
    fc.oneof(
      text("peer", env, d).map((p) => `${a}.balance(${p})`),
      fc.constantFrom(`${a}.total()`, `${a}.supply()`),
    ),
  );
  return [weighted(1, read.map((s) => ex(s, true)))];
}

/** `len(c)` and `count … in c: p` (both u64). */
function counts(env: Env, d: number): Options {
  const out: Options = [];
  const lens = [...env.maps.map((m) => m.name), ...sequences(env).map((s) => s.name)];
  if (lens.length > 0) out.push(weighted(1, fc.constantFrom(...lens).map((n) => ex(`len(${n})`, true))));
  if (sequences(env).length > 0) out.push(weighted(1, fc.constantFrom(...sequences(env)).chain((s) => overSet(s, env, (e) => text("bool", e, d)).map(([b, body]) => ex(`(count ${b}: ${body})`, true)))));
  if (env.maps.length > 0) out.push(weighted(1, fc.constantFrom(...env.maps).chain((m) => overMap(m, env, (e) => text("bool", e, d)).map(([b, body]) => ex(`(count ${b}: ${body})`, true)))));
  return out;
}

function sumOver(t: IntName, m: MapField, env: Env, d: number): fc.Arbitrary<Ex> {
  return overMap(m, env, (e) => expr(t, e, d, true)).map(([b, body]) => ex(`(sum ${b}: ${body.text})`, true));
}

/** A quantifier's binding over a map (`qk<d>, qv<d> in m`) and its body in the extended scope. */
export function overMap<A>(m: MapField, env: Env, body: (e: Env) => fc.Arbitrary<A>): fc.Arbitrary<[string, A]> {
  const k = `qk${env.fresh}`;
  const v = `qv${env.fresh}`;
  const inner = { ...env, vars: [...env.vars, { name: k, type: m.key, mutable: false }, { name: v, type: m.value, mutable: false }], fresh: env.fresh + 1 };
  return body(inner).map((b) => [`${k}, ${v} in ${m.name}`, b]);
}

export function overSet<A>(s: SetField, env: Env, body: (e: Env) => fc.Arbitrary<A>): fc.Arbitrary<[string, A]> {
  const x = `qx${env.fresh}`;
  const inner = { ...env, vars: [...env.vars, { name: x, type: s.element, mutable: false }], fresh: env.fresh + 1 };
  return body(inner).map((b) => [`${x} in ${s.name}`, b]);
}

function boolCompounds(env: Env, d: number): Options {
  const b = text("bool", env, d);
  const compare = fc.constantFrom(...SCALARS).chain((u) => {
    const ops = isInt(u) ? ["==", "!=", "<", "<=", ">", ">="] : ["==", "!="];
    return fc.tuple(expr(u, env, d, true), fc.constantFrom(...ops), text(u, env, d)).map(([l, o, r]) => ex(`(${l.text} ${o} ${r})`, true));
  });
  const out: Options = [
    weighted(4, compare),
    weighted(1, b.map((x) => ex(`(!${x})`, true))),
    weighted(2, fc.tuple(b, fc.constantFrom("&&", "||"), b).map(([x, o, y]) => ex(`(${x} ${o} ${y})`, true))),
  ];
  for (const m of env.maps) {
    out.push(weighted(1, text(m.key, env, d).map((k) => ex(`${m.name}.contains(${k})`, true))));
    out.push(weighted(1, fc.tuple(fc.constantFrom("all", "any"), overMap(m, env, (e) => text("bool", e, d))).map(([q, [bind, p]]) => ex(`(${q} ${bind}: ${p})`, true))));
  }
  for (const s of sequences(env)) {
    out.push(weighted(1, text(s.element, env, d).map((x) => ex(`${s.name}.contains(${x})`, true))));
    out.push(weighted(1, fc.tuple(fc.constantFrom("all", "any"), overSet(s, env, (e) => text("bool", e, d))).map(([q, [bind, p]]) => ex(`(${q} ${bind}: ${p})`, true))));
  }
  return out;
}

/** `m[k]` (a missing key reads as zero) and `m.get(k).unwrap_or(x)`, for the maps holding `t`. */
function mapReads(t: Scalar, env: Env, d: number): Options {
  const maps = env.maps.filter((m) => m.value === t);
  if (maps.length === 0) return [];
  return [
    weighted(2, fc.constantFrom(...maps).chain((m) => text(m.key, env, d).map((k) => ex(`${m.name}[${k}]`, true)))),
    weighted(1, fc.constantFrom(...maps).chain((m) => fc.tuple(text(m.key, env, d), text(t, env, d)).map(([k, x]) => ex(`${m.name}.get(${k}).unwrap_or(${x})`, true)))),
  ];
}

/** `xs[i]` (out of range aborts) and, where state may be written, `xs.pop().unwrap_or(x)`. */
function listReads(t: Scalar, env: Env, d: number): Options {
  const lists = env.lists.filter((l) => l.element === t);
  if (lists.length === 0) return [];
  const out: Options = [weighted(1, fc.constantFrom(...lists).chain((l) => text("u64", env, d).map((i) => ex(`${l.name}[${i}]`, true))))];
  if (env.writes) out.push(weighted(1, fc.constantFrom(...lists).chain((l) => text(t, env, d).map((x) => ex(`${l.name}.pop().unwrap_or(${x})`, true)))));
  return out;
}

function ifExpr(t: Scalar, env: Env, d: number, anchored: boolean): fc.WeightedArbitrary<Ex> {
  return weighted(1, fc.tuple(text("bool", env, d), text(t, env, d, anchored), text(t, env, d, anchored)).map(([c, a, b]) => ex(`(if ${c} { ${a} } else { ${b} })`, anchored)));
}

