// Reference evaluator, part 6: statements, mutating collection methods and the stable sort
// (places, read and written through nested immutable values, are in eval-places.ts).
import { unreachable } from "../syntax/ast.js";
import type { Expr, SortKey, ValueBlock } from "../ir/expressions.js";
import type { Stmt } from "../ir/statements.js";
import type { Type } from "../ir/types.js";
import type { Value } from "../ir/values.js";
import { listElements, listPush, mapRemove, setInsert, setRemove, iterationItems } from "./collections.js";
import { evalExpr } from "./eval-expr.js";
import { readPlace, resolvePlace, writePlace } from "./eval-places.js";
import { type Frame, ReturnSignal } from "./frame.js";
import { Abort, bool, compareValues, fieldOf, fit, int } from "./value-ops.js";

/** Runs statements; returns the value of a `return` (or undefined when the body ends or returns nothing). */
export function runBody(f: Frame, stmts: readonly Stmt[]): Value | undefined {
  try {
    runStmts(f, stmts);
    return undefined;
  } catch (e) {
    if (e instanceof ReturnSignal) return e.value;
    throw e;
  }
}

export function runStmts(f: Frame, stmts: readonly Stmt[]): void {
  for (const s of stmts) runStmt(f, s);
}

function runStmt(f: Frame, s: Stmt): void {
  f.meter.charge(1n);
  switch (s.kind) {
    case "Let":
      f.bind(s.local.id, evalExpr(f, s.value));
      return;
    case "Assign": {
      const v = evalExpr(f, s.value);
      const target = resolvePlace(f, s.target);
      if (s.op === "=") return writePlace(f, target, v);
      const old = int(readPlace(f, target));
      const op = s.op[0];
      const next = op === "+" ? old + int(v) : op === "-" ? old - int(v) : old * int(v);
      return writePlace(f, target, fit(next, s.target.type, s.op));
    }
    case "Require":
      if (!bool(evalExpr(f, s.cond))) throw new Abort("require", s.reason ?? "requirement failed");
      return;
    case "If":
      return runStmts(f, bool(evalExpr(f, s.cond)) ? s.then : s.else);
    case "For":
      for (const item of iterationItems(evalExpr(f, s.source), s.over)) {
        s.binders.forEach((b, i) => f.bind(b.id, item[i]));
        runStmts(f, s.body);
      }
      return;
    case "Match":
      return runMatch(f, s);
    case "Return":
      throw new ReturnSignal(s.value ? evalExpr(f, s.value) : undefined);
    case "Emit":
      f.events.push({ name: s.event, fields: s.fields.map((x) => ({ name: x.name, value: evalExpr(f, x.value) })) });
      return;
    case "Cite":
      f.cites.push(evalExpr(f, s.value));
      return;
    case "Eval":
      evalExpr(f, s.expr);
      return;
    default:
      return unreachable(s);
  }
}

function runMatch(f: Frame, s: Extract<Stmt, { kind: "Match" }>): void {
  const v = evalExpr(f, s.subject);
  for (const arm of s.arms) {
    const p = arm.pattern;
    switch (p.kind) {
      case "WildcardPattern":
        return runStmts(f, arm.body);
      case "NonePattern":
        if (v.kind === "None") return runStmts(f, arm.body);
        break;
      case "SomePattern":
        if (v.kind === "Some") {
          f.bind(p.binding.id, v.value);
          return runStmts(f, arm.body);
        }
        break;
      case "VariantPattern":
        if (v.kind === "Variant" && v.variant === p.variant) {
          if (p.binding) f.bind(p.binding.id, { kind: "Record", fields: v.fields });
          return runStmts(f, arm.body);
        }
        break;
      default:
        return unreachable(p);
    }
  }
}

export function evalBlockValue(f: Frame, b: ValueBlock): Value {
  runStmts(f, b.stmts);
  return evalExpr(f, b.value);
}

/** The receiver is read after the arguments, which may write it (`xs.push(xs.pop().unwrap_or(0))`). */
export function evalMutation(f: Frame, e: Extract<Expr, { kind: "Mutate" }>): Value {
  const place = resolvePlace(f, e.place);
  const args = e.args.map((a) => evalExpr(f, a));
  const current = readPlace(f, place);
  const t = e.place.type;
  let next = current;
  let result: Value = { kind: "None" };
  switch (e.method) {
    case "push":
      next = listPush(current, args[0], t);
      break;
    case "pop": {
      const elements = listElements(current);
      if (elements.length > 0) {
        result = { kind: "Some", value: elements[elements.length - 1] };
        next = { kind: "List", elements: elements.slice(0, -1) };
      }
      break;
    }
    case "insert":
      next = setInsert(current, args[0], t, f.index);
      result = { kind: "Bool", value: next !== current };
      break;
    case "remove":
      next = e.on === "map" ? mapRemove(current, args[0], t, f.index) : setRemove(current, args[0], t, f.index);
      result = { kind: "Bool", value: next !== current };
      break;
    default:
      return unreachable(e.method);
  }
  writePlace(f, place, next);
  return adaptResult(result, e.type);
}

/** Mutations return what their IR type says: an option, a bool, or nothing. */
function adaptResult(result: Value, t: Type): Value {
  if (t.kind === "Unit") return { kind: "None" };
  if (t.kind === "Prim" && t.name === "bool" && result.kind !== "Bool") return { kind: "Bool", value: result.kind === "Some" };
  return result;
}

/** A stable sort of a list of records by the given fields and directions. */
export function sortList(f: Frame, list: Value, listType: Type, keys: readonly SortKey[]): Value {
  const element = listType.kind === "List" ? listType.element : listType;
  const fieldTypes = element.kind === "Record" ? f.index.recordFields(element.ref) : [];
  const elements = listElements(list).map((v, i) => ({ v, i }));
  elements.sort((a, b) => {
    for (const k of keys) {
      const t = fieldTypes.find((x) => x.name === k.field)?.type ?? element;
      const c = compareValues(fieldOf(a.v, k.field), fieldOf(b.v, k.field), t, f.index);
      if (c !== 0) return k.direction === "asc" ? c : -c;
    }
    return a.i - b.i;
  });
  return { kind: "List", elements: elements.map((x) => x.v) };
}
