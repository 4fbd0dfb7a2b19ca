// Emit stage, expressions: typed IR Expr -> a TypeScript expression, after writing into the
// body any statements it needs first (quantifier loops, mutations, if-expressions with
// blocks, short-circuit operands with blocks). Operands are evaluated left to right: when a
// later operand needs statements, earlier ones are first saved in temporaries.
import type { Expr } from "../ir/expressions.js";
import { INT_RANGES, type Type } from "../ir/types.js";
import { unreachable } from "../syntax/ast.js";
import { hashValue, toHex, T } from "../../stdlib/prelude/index.js";
import type { BodyEmitter } from "./emit-body.js";
import { mutate } from "./emit-places.js";
import { eagerIf } from "./emit-cost.js";
import { lowerStmts } from "./emit-statements.js";
import { hasIdentityEquality, isBytesType, isIntegerType, propertyName } from "./emit-types.js";

type Binary = Extract<Expr, { kind: "Binary" }>;

const ARITHMETIC: Readonly<Record<string, string>> = { "+": "add", "-": "sub", "*": "mul", "/": "div", "%": "mod" };
const ORDERING = new Set(["<", "<=", ">", ">="]);

/**
 * Does the lowered `e` (code `code`) give the same value wherever it is evaluated? Temporaries
 * (`const`) and values fixed for the whole command: literals, constants, config, `sender`, `self`.
 */
export function isStable(e: Expr, code: string): boolean {
  return /^\$\d+$/.test(code) || FIXED_KINDS.has(e.kind);
}

const FIXED_KINDS: ReadonlySet<Expr["kind"]> = new Set(["Literal", "ConstRef", "ConfigRef", "UsesRef", "NamedPeer", "Sender", "SelfRef"]);

/** Lowers operands in order; see the file comment for the spilling rule. */
export function operands(b: BodyEmitter, es: readonly Expr[]): string[] {
  const codes: string[] = [];
  es.forEach((e, i) => {
    const at = b.mark();
    const code = lowerExpr(b, e);
    if (b.mark() > at) {
      const spills: string[] = [];
      for (let j = 0; j < i; j++) {
        if (isStable(es[j], codes[j])) continue;
        const t = b.temp();
        spills.push(`const ${t}: ${b.env.types.ts(es[j].type)} = ${codes[j]};`);
        codes[j] = t;
      }
      b.insertAt(at, spills);
    }
    codes.push(code);
  });
  return codes;
}

/** Lowers `e`; Unit-valued expressions (push, mint, …) return "" after writing their statement. */
export function lowerExpr(b: BodyEmitter, e: Expr): string {
  const env = b.env;
  const types = env.types;
  switch (e.kind) {
    case "Literal":
      return types.literal(e.value, e.type);
    case "Local":
      return b.local(e.local);
    case "Param":
      return b.local(e.index);
    case "ConstRef":
      return types.literal(e.value, e.type, `K_${e.ref.name}`);
    case "ConfigRef":
      return `CONFIG.${e.name}`;
    case "StateRef":
    case "CollectionRef":
      return env.stateField(e.name);
    case "UsesRef":
      return env.usesValue(e.alias, e.field);
    case "Sender":
      return "$f.sender";
    case "SelfRef":
      return "$f.self";
    case "NamedPeer":
      return types.literal({ kind: "Bytes", hex: toHex(hashValue(T.string, e.name)) }, e.type);
    case "Now":
    case "TicketClaim":
    case "TicketField":
      throw new Error(`internal error: ${e.kind} belongs to validators, which are not emitted into organisms`);
    case "Invalid":
      throw new Error("internal error: an invalid expression reached the emitter");
    case "Field":
      return `${lowerExpr(b, e.target)}.${propertyName(e.field)}`;
    case "Index": {
      const [target, index] = operands(b, [e.target, e.index]);
      return e.container === "list" ? `$.at(${target}, ${index})` : `${target}.getOr(${index}, ${types.zero(e.type)})`;
    }
    case "Call":
      return `${env.callee(e.callee.ref)}($m${operands(b, e.args).map((a) => `, ${a}`).join("")})`;
    case "QueryCall":
      if (b.kind === "fn") throw new Error("internal error: a query call outside an organism");
      return `query_${e.query}($s, $f, $m${operands(b, e.args).map((a) => `, ${a}`).join("")})`;
    case "Builtin":
      return builtin(b, e);
    case "Convert":
      return convert(b, e);
    case "Method":
      return method(b, e);
    case "Mutate":
      return mutate(b, e);
    case "AssetOp":
      return assetOp(b, e);
    case "Some":
      return `({ value: ${lowerExpr(b, e.value)} })`;
    case "ListExpr":
      return `[${operands(b, e.elements).join(", ")}]`;
    case "RecordExpr": {
      const vals = operands(b, e.fields.map((f) => f.value));
      return `({ ${e.fields.map((f, i) => `${propertyName(f.name)}: ${vals[i]}`).join(", ")} })`;
    }
    case "VariantExpr": {
      if (types.tables.variantFields(e.ref, e.variant).length === 0) return `({ tag: ${JSON.stringify(e.variant)} })`;
      const vals = operands(b, e.fields.map((f) => f.value));
      return `({ tag: ${JSON.stringify(e.variant)}, fields: { ${e.fields.map((f, i) => `${propertyName(f.name)}: ${vals[i]}`).join(", ")} } })`;
    }
    case "Unary": {
      const x = lowerExpr(b, e.operand);
      return e.op === "!" ? `(!${x})` : `$.int.neg(${JSON.stringify(intName(e.type))}, ${x})`;
    }
    case "Binary":
      return binary(b, e);
    case "Is":
      return `(${lowerExpr(b, e.target)}.tag === ${JSON.stringify(e.variant)})`;
    case "If":
      return ifExpr(b, e);
    case "Quant":
      return quantifier(b, e);
    case "Sort":
      return `$.sortBy(${lowerExpr(b, e.source)}, ${sortKeys(b, e)})`;
    default:
      return unreachable(e);
  }
}

function intName(t: Type): string {
  if (!isIntegerType(t) || t.kind !== "Prim") throw new Error("internal error: arithmetic on a non-integer type");
  return t.name;
}

function binary(b: BodyEmitter, e: Binary): string {
  if (e.op === "&&" || e.op === "||") {
    const left = lowerExpr(b, e.left);
    const right = b.capture(() => lowerExpr(b, e.right));
    if (right.lines.length === 0) return `(${left} ${e.op} ${right.value})`;
    const t = b.temp();
    b.line(`let ${t}: boolean = ${left};`);
    b.line(`if (${e.op === "&&" ? t : `!${t}`}) {`);
    for (const l of right.lines) b.line(l);
    b.line(`${t} = ${right.value};`);
    b.line("}");
    return t;
  }
  const [l, r] = operands(b, [e.left, e.right]);
  const fn = ARITHMETIC[e.op];
  if (fn) return `$.int.${fn}(${JSON.stringify(intName(e.type))}, ${l}, ${r})`;
  const t = e.left.type;
  if (e.op === "==" || e.op === "!=") {
    if (hasIdentityEquality(t)) return `(${l} ${e.op}= ${r})`;
    return `(${e.op === "!=" ? "!" : ""}${b.env.types.equals(t)}(${l}, ${r}))`;
  }
  if (!ORDERING.has(e.op)) throw new Error(`internal error: unknown operator ${e.op}`);
  if (isIntegerType(t)) return `(${l} ${e.op} ${r})`;
  return `(${b.env.types.compare(t)}(${l}, ${r}) ${e.op} 0)`;
}

function builtin(b: BodyEmitter, e: Extract<Expr, { kind: "Builtin" }>): string {
  const args = operands(b, e.args);
  const t = JSON.stringify(e.type.kind === "Prim" ? e.type.name : "");
  switch (e.fn) {
    case "len": {
      const at = e.args[0].type;
      if (at.kind === "Set" || at.kind === "Map") return `BigInt(${args[0]}.size)`;
      if (at.kind === "Prim" && at.name === "string") return `${b.env.helper("$utf8Length")}(${args[0]})`;
      return `BigInt(${args[0]}.length)`;
    }
    case "min":
    case "max":
      return `$.int.${e.fn}(${args[0]}, ${args[1]})`;
    case "div_floor":
      return `$.int.divFloor(${t}, ${args[0]}, ${args[1]})`;
    case "div_ceil":
      return `$.int.divCeil(${t}, ${args[0]}, ${args[1]})`;
    case "mul_div":
      return `$.int.mulDiv(${t}, ${args[0]}, ${args[1]}, ${args[2]})`;
    case "apply_bps":
      return `$.int.applyBps(${t}, ${args[0]}, ${args[1]})`;
    case "hash":
      return `$.blake3(${b.env.types.encoder(e.args[0].type)}(${args[0]}))`;
    default:
      return unreachable(e.fn);
  }
}

function convert(b: BodyEmitter, e: Extract<Expr, { kind: "Convert" }>): string {
  const x = lowerExpr(b, e.arg);
  const from = e.arg.type.kind === "Prim" ? e.arg.type.name : undefined;
  const fromRange = from ? (INT_RANGES as Record<string, readonly [bigint, bigint]>)[from] : undefined;
  const toRange = (INT_RANGES as Record<string, readonly [bigint, bigint]>)[e.to];
  if (!fromRange || !toRange) throw new Error(`internal error: conversion from ${from} to ${e.to}`);
  if (fromRange[0] >= toRange[0] && fromRange[1] <= toRange[1]) return x; // widening never fails
  return `$.int.convert(${JSON.stringify(from)}, ${JSON.stringify(e.to)}, ${x})`;
}

function method(b: BodyEmitter, e: Extract<Expr, { kind: "Method" }>): string {
  const [recv, ...args] = operands(b, [e.receiver, ...e.args]);
  const t = e.receiver.type;
  switch (e.method) {
    case "contains":
      if (e.on === "map" || e.on === "set") return `${recv}.has(${args[0]})`;
      if (t.kind !== "List") throw new Error("internal error: contains on a non-collection");
      if (hasIdentityEquality(t.element)) return `${recv}.includes(${args[0]})`;
      return `$.contains(${recv}, ${args[0]}, ${isBytesType(t.element) ? "$.bytesEqual" : b.env.types.equals(t.element)})`;
    case "get":
      return `${b.env.helper("$some")}(${recv}.get(${args[0]}))`;
    case "keys":
      return `Array.from(${recv}.keys())`;
    case "is_some":
      return `(${recv} !== null)`;
    case "is_none":
      return `(${recv} === null)`;
    case "unwrap_or":
      return `$.unwrapOr(${recv}, ${args[0]})`;
    default:
      return unreachable(e.method);
  }
}

function assetOp(b: BodyEmitter, e: Extract<Expr, { kind: "AssetOp" }>): string {
  const args = operands(b, e.args);
  const f = b.env.assetFields(e.asset);
  switch (e.op) {
    case "mint":
    case "burn":
    case "transfer":
      b.line(`${b.env.assetOp(e.asset, e.op)}($s, ${args.join(", ")});`);
      return "";
    case "balance":
      return `$.int.fit("u64", ${f.balances}.getOr(${args[0]}, 0n), ${JSON.stringify(`${e.asset}.balance`)})`;
    case "total":
    case "supply":
      // Balances change only through mint, burn and transfer, which keep the supply equal to
      // the sum of balances: total() reads that running sum (the cost model prices it at 1).
      return `$.int.fit("u64", ${f.supply}, ${JSON.stringify(`${e.asset}.${e.op}`)})`;
    default:
      return unreachable(e.op);
  }
}

function ifExpr(b: BodyEmitter, e: Extract<Expr, { kind: "If" }>): string {
  const cond = lowerExpr(b, e.cond);
  const eager = eagerIf(e); // else each branch charges its value's up-front units when taken (emit-cost.ts)
  const branch = (block: typeof e.then) =>
    b.capture(() => {
      if (!eager) b.charge(b.env.costs.expr(block.value));
      lowerStmts(b, block.stmts);
      return lowerExpr(b, block.value);
    });
  const then = branch(e.then);
  const otherwise = branch(e.else);
  if (then.lines.length === 0 && otherwise.lines.length === 0) return `(${cond} ? ${then.value} : ${otherwise.value})`;
  const t = b.temp();
  b.line(`let ${t}: ${b.env.types.ts(e.type)};`);
  b.line(`if (${cond}) {`);
  for (const l of then.lines) b.line(l);
  b.line(`${t} = ${then.value};`);
  b.line("} else {");
  for (const l of otherwise.lines) b.line(l);
  b.line(`${t} = ${otherwise.value};`);
  b.line("}");
  return t;
}

/** `all/any/sum/count x in xs: body` as a loop; the body is charged once per iteration run. */
function quantifier(b: BodyEmitter, e: Extract<Expr, { kind: "Quant" }>): string {
  const source = lowerExpr(b, e.source);
  const acc = b.temp();
  const q = e.quantifier;
  b.line(q === "all" || q === "any" ? `let ${acc} = ${q === "all"};` : `let ${acc} = 0n;`);
  const binders = e.binders.map((x) => b.local(x.id));
  b.line(`for (const ${e.over === "map" ? `[${binders.join(", ")}]` : binders[0]} of ${source}) {`);
  b.charge(b.env.costs.expr(e.body));
  const body = lowerExpr(b, e.body);
  if (q === "all") b.line(`if (!${body}) {\n${acc} = false;\nbreak;\n}`);
  else if (q === "any") b.line(`if (${body}) {\n${acc} = true;\nbreak;\n}`);
  else if (q === "sum") b.line(`${acc} = $.int.fit(${JSON.stringify(intName(e.type))}, ${acc} + ${body}, "sum");`);
  else b.line(`if (${body}) ${acc} += 1n;`);
  b.line("}");
  return acc;
}

function sortKeys(b: BodyEmitter, e: Extract<Expr, { kind: "Sort" }>): string {
  const element = e.source.type.kind === "List" ? e.source.type.element : e.source.type;
  const types = b.env.types;
  const fields = element.kind === "Record" ? types.tables.recordFields(element.ref) : [];
  const key = `sort:${JSON.stringify(element, (k, v) => (k === "span" ? undefined : typeof v === "bigint" ? String(v) : v))}:${e.keys.map((k) => `${k.field} ${k.direction}`).join(",")}`;
  const ts = types.ts(element);
  const name = e.keys.map((k) => `${k.field}_${k.direction}`).join("_");
  return types.scope.constant(key, `SORT_${name}`, () => {
    const keys = e.keys.map((k) => {
      const ft = fields.find((f) => f.name === k.field)?.type;
      if (!ft) throw new Error(`internal error: sort key ${k.field} is not a field`);
      return `{ get: (x: ${ts}) => x.${propertyName(k.field)}, compare: ${types.compare(ft)} as $.Comparator<unknown>, descending: ${k.direction === "desc"} }`;
    });
    return `[${keys.join(", ")}]`;
  }, `readonly $.SortKey<${ts}>[]`);
}

