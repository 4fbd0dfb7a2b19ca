// Check stage: unary and binary operators -> typed IR. Integer widths never mix implicitly
// (E2001); an operator a type lacks is E2013. Durations and timestamps have their own arithmetic.
import { error } from "../diagnostics/make.js";
import type { BinaryOp, Expr as IrExpr } from "../ir/expressions.js";
import { BOOL, ERROR, isIntType, isIntValued, prim, sameType, showType, type Type, isAssignable } from "../ir/types.js";
import type { Span } from "../source.js";
import type { BinaryExpr, UnaryExpr } from "../syntax/ast.js";
import { checkExpr, inferExpr, isContextual } from "./check-expressions.js";
import type { Cx } from "./context.js";

/** `hint`: the type the context expects; `-(3 + 4)` where an `i64` is expected types its operand as `i64`. */
export function checkUnary(cx: Cx, e: UnaryExpr, hint?: Type): IrExpr {
  if (e.op === "!") {
    const operand = checkExpr(cx, e.operand, BOOL);
    return { kind: "Unary", op: "!", operand, type: BOOL, span: e.span };
  }
  const operand = inferExpr(cx, e.operand, hint);
  const t = operand.type;
  if (t.kind !== "Error" && !(t.kind === "Prim" && t.name === "i64")) {
    cx.report(error("E2013", `cannot negate a value of type \`${showType(t)}\``, e.span, { help: isIntType(t) ? "only `i64` is signed" : undefined }));
    return { kind: "Unary", op: "-", operand, type: ERROR, span: e.span };
  }
  return { kind: "Unary", op: "-", operand, type: t, span: e.span };
}

const ARITHMETIC: readonly BinaryOp[] = ["+", "-", "*", "/", "%"];
const ORDERING: readonly BinaryOp[] = ["<", "<=", ">", ">="];

export function checkBinary(cx: Cx, e: BinaryExpr, hint?: Type): IrExpr {
  if (e.op === "&&" || e.op === "||") {
    const left = checkExpr(cx, e.left, BOOL);
    const right = checkExpr(cx, e.right, BOOL);
    return { kind: "Binary", op: e.op, left, right, type: BOOL, span: e.span };
  }
  // Arithmetic passes its context down; comparisons type one side from the other.
  const outer = ARITHMETIC.includes(e.op) ? hint : undefined;
  let left: IrExpr;
  let right: IrExpr;
  if (isContextual(e.left) && !isContextual(e.right)) {
    right = inferExpr(cx, e.right, outer);
    left = inferExpr(cx, e.left, operandHint(e.op, right.type, "left"));
  } else {
    left = inferExpr(cx, e.left, outer);
    right = inferExpr(cx, e.right, operandHint(e.op, left.type, "right"));
  }
  const type = binaryResultType(cx, e.op, left.type, right.type, e.span);
  return { kind: "Binary", op: e.op, left, right, type, span: e.span };
}

/** The type a literal operand should take, given the other operand (`ts + 1h`: a duration). */
function operandHint(op: BinaryOp, other: Type, side: "left" | "right"): Type | undefined {
  if (other.kind === "Prim" && other.name === "timestamp" && (op === "+" || op === "-") && side === "right") return prim("duration");
  return other.kind === "Error" ? undefined : other;
}

/** The result type of `l op r`, or ERROR after reporting. */
export function binaryResultType(cx: Cx, op: BinaryOp, l: Type, r: Type, span: Span): Type {
  if (l.kind === "Error" || r.kind === "Error") return op === "&&" || op === "||" || op === "==" || op === "!=" || ORDERING.includes(op) ? BOOL : ERROR;
  if (op === "==" || op === "!=") {
    if (l.kind === "Claim" || r.kind === "Claim") return claimComparable(l) && claimComparable(r) ? BOOL : mismatch(cx, op, l, r, span);
    if (!isAssignable(l, r) && !isAssignable(r, l)) return mismatch(cx, op, l, r, span);
    return l.kind === "Clearing" || l.kind === "Unit" ? invalidOperator(cx, op, l, span) : BOOL;
  }
  if (ORDERING.includes(op)) {
    if (l.kind === "Claim" || r.kind === "Claim") {
      return (l.kind === "Claim" || isIntType(l)) && (r.kind === "Claim" || isIntType(r)) ? BOOL : mismatch(cx, op, l, r, span);
    }
    if (!sameType(l, r)) return mismatch(cx, op, l, r, span);
    return isIntValued(l) ? BOOL : invalidOperator(cx, op, l, span);
  }
  if (op === "&&" || op === "||") return sameType(l, BOOL) && sameType(r, BOOL) ? BOOL : mismatch(cx, op, l, r, span);
  const name = (t: Type) => (t.kind === "Prim" ? t.name : "");
  const [a, b] = [name(l), name(r)];
  if (a === "timestamp" && b === "duration" && (op === "+" || op === "-")) return l;
  if (a === "duration" && b === "timestamp" && op === "+") return r;
  if (a === "timestamp" && b === "timestamp" && op === "-") return prim("duration");
  if (!sameType(l, r)) return mismatch(cx, op, l, r, span);
  if (isIntType(l)) return l;
  if ((a === "bps" || a === "duration") && (op === "+" || op === "-")) return l;
  return invalidOperator(cx, op, l, span);
}

/** A JWT claim is a JSON string, integer or bool: it compares with those. */
function claimComparable(t: Type): boolean {
  return t.kind === "Claim" || isIntType(t) || (t.kind === "Prim" && (t.name === "string" || t.name === "bool"));
}

function mismatch(cx: Cx, op: BinaryOp, l: Type, r: Type, span: Span): Type {
  cx.report(
    error("E2001", `type mismatch: \`${showType(l)}\` ${op} \`${showType(r)}\``, span, {
      help: isIntValued(l) && isIntValued(r) ? `integer types never mix implicitly: convert one side, e.g. \`${showType(l)}(…)\`` : undefined,
    }),
  );
  return op === "==" || op === "!=" || ORDERING.includes(op) || op === "&&" || op === "||" ? BOOL : ERROR;
}

function invalidOperator(cx: Cx, op: BinaryOp, t: Type, span: Span): Type {
  const help =
    t.kind === "Prim" && t.name === "bps"
      ? "scale an amount by basis points with `apply_bps(amount, b)`"
      : t.kind === "Prim" && t.name === "duration"
        ? "convert to seconds first: `u64(d)`"
        : undefined;
  cx.report(error("E2013", `operator \`${op}\` is not defined for \`${showType(t)}\``, span, { help }));
  return ORDERING.includes(op) || op === "==" || op === "!=" ? BOOL : ERROR;
}
