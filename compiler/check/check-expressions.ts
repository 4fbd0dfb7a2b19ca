// Check stage: AST expressions -> typed IR expressions. Bidirectional: a hint types literals
// (`1` becomes the integer type its context needs); `checkExpr` also demands assignability (E2001).
import { error } from "../diagnostics/make.js";
import type { Expr as IrExpr, ValueBlock } from "../ir/expressions.js";
import { BOOL, ERROR, INT_RANGES, isAssignable, isIntValued, joinTypes, prim, showType, type Type } from "../ir/types.js";
import type { Span } from "../source.js";
import { type Block, type Expr, type IfExpr, unreachable } from "../syntax/ast.js";
import { checkField, checkIndex, checkName } from "./check-access.js";
import { checkCall } from "./check-calls.js";
import { checkQuant, checkSort } from "./check-iteration.js";
import { checkBinary, checkUnary } from "./check-operators.js";
import { checkIs, checkRecordLit } from "./check-records.js";
import { checkStmts } from "./check-statements.js";
import type { Cx } from "./context.js";

export function invalid(span: Span, type: Type = ERROR): IrExpr {
  return { kind: "Invalid", type, span };
}

/** Type `e` only for its own diagnostics, after an error around it (its type is not needed). */
export function recover(cx: Cx, e: Expr): void {
  inferExpr(cx, e, ERROR);
}

/** Type `e` and require it to fit `expected` (capacity widening allowed). */
export function checkExpr(cx: Cx, e: Expr, expected: Type): IrExpr {
  const ir = inferExpr(cx, e, expected);
  if (!isAssignable(ir.type, expected)) {
    cx.report(
      error("E2001", `type mismatch: expected \`${showType(expected)}\`, found \`${showType(ir.type)}\``, e.span, {
        label: `this is \`${showType(ir.type)}\``,
        help: mismatchHelp(ir.type, expected),
      }),
    );
  }
  return ir;
}

function mismatchHelp(found: Type, expected: Type): string | undefined {
  if (isIntValued(found) && isIntValued(expected)) return `convert explicitly: \`${showType(expected)}(…)\``;
  if (expected.kind === "Option" && isAssignable(found, expected.inner)) return "wrap it: `some(…)`";
  if ((found.kind === "List" || found.kind === "Set" || found.kind === "Map") && found.kind === expected.kind) {
    return "a collection only widens to one of at least the same capacity";
  }
  return undefined;
}

/** Literals whose type comes from their context; the other operand of an operator is typed first. */
export function isContextual(e: Expr): boolean {
  return (
    e.kind === "IntLit" ||
    e.kind === "NoneLit" ||
    e.kind === "BytesLit" ||
    (e.kind === "ListLit" && e.elements.length === 0) ||
    (e.kind === "UnaryExpr" && e.op === "-" && e.operand.kind === "IntLit")
  );
}

export function inferExpr(cx: Cx, e: Expr, hint?: Type): IrExpr {
  switch (e.kind) {
    case "IntLit":
      return intLiteral(cx, e.value, e.span, hint);
    case "FloatLit":
      cx.report(
        error("E3001", `floating-point literal \`${e.text}\``, e.span, {
          help: "Smalt has no floating point: use integers with explicit rounding, or `bps` for fractions",
        }),
      );
      return invalid(e.span);
    case "StringLit":
      return { kind: "Literal", value: { kind: "String", value: e.value }, type: prim("string"), span: e.span };
    case "BytesLit":
      return bytesLiteral(cx, e.hex, e.span, hint);
    case "BoolLit":
      return { kind: "Literal", value: { kind: "Bool", value: e.value }, type: BOOL, span: e.span };
    case "DurationLit":
      return { kind: "Literal", value: { kind: "Int", value: e.seconds }, type: prim("duration"), span: e.span };
    case "TimestampLit":
      return { kind: "Literal", value: { kind: "Int", value: e.unixSeconds }, type: prim("timestamp"), span: e.span };
    case "NoneLit":
      if (hint?.kind === "Option") return { kind: "Literal", value: { kind: "None" }, type: hint, span: e.span };
      if (hint?.kind !== "Error") {
        cx.report(error("E2001", "cannot infer the type of `none`", e.span, { help: "add a type annotation, e.g. `let x: option<u64> = none`" }));
      }
      return invalid(e.span);
    case "NameExpr":
      return checkName(cx, e, hint);
    case "FieldExpr":
      return checkField(cx, e, hint);
    case "IndexExpr":
      return checkIndex(cx, e);
    case "CallExpr":
      return checkCall(cx, e, hint);
    case "UnaryExpr":
      if (e.op === "-" && e.operand.kind === "IntLit") return intLiteral(cx, -e.operand.value, e.span, hint);
      return checkUnary(cx, e, hint);
    case "BinaryExpr":
      return checkBinary(cx, e, hint);
    case "RecordLit":
      return checkRecordLit(cx, e);
    case "IsExpr":
      return checkIs(cx, e);
    case "IfExpr":
      return checkIfExpr(cx, e, hint);
    case "QuantExpr":
      return checkQuant(cx, e, hint);
    case "SortExpr":
      return checkSort(cx, e);
    case "ListLit":
      return checkListLit(cx, e, hint);
    default:
      return unreachable(e);
  }
}

/** An integer literal takes the integer type its context needs (u64 otherwise) and must fit it (E2004). */
export function intLiteral(cx: Cx, value: bigint, span: Span, hint?: Type): IrExpr {
  if (hint?.kind === "Prim" && (hint.name === "duration" || hint.name === "timestamp")) {
    cx.report(
      error("E2001", `type mismatch: expected \`${hint.name}\`, found an integer literal`, span, {
        help: hint.name === "duration" ? "write a duration with its unit: `30s`, `5m`, `2h`, `1d`" : "write a timestamp: `@2025-06-01T00:00:00Z`",
      }),
    );
    return invalid(span, hint);
  }
  const type: Type = hint && isIntValued(hint) ? hint : prim("u64");
  const name = type.kind === "Prim" ? (type.name as keyof typeof INT_RANGES) : "u64";
  const [lo, hi] = INT_RANGES[name];
  if (value < lo || value > hi) {
    cx.report(error("E2004", `integer literal \`${value}\` is out of range for \`${name}\``, span, { help: `\`${name}\` holds ${lo}..=${hi}` }));
    return invalid(span, type);
  }
  return { kind: "Literal", value: { kind: "Int", value }, type, span };
}

const FIXED_BYTES: Readonly<Record<string, number>> = { digest: 32, peer: 32, measurement: 48 };

/** `0x…` is a byte string: `digest`/`peer` need 32 bytes, `measurement` 48; alone, 32 bytes make a digest. */
function bytesLiteral(cx: Cx, hex: string, span: Span, hint?: Type): IrExpr {
  const length = hex.length / 2;
  const value = { kind: "Bytes" as const, hex };
  if (hint?.kind === "Prim" && hint.name in FIXED_BYTES) {
    if (length !== FIXED_BYTES[hint.name]) {
      cx.report(
        error("E2001", `type mismatch: expected \`${hint.name}\` (${FIXED_BYTES[hint.name]} bytes), found a ${length}-byte literal`, span, {
          help: `write exactly ${FIXED_BYTES[hint.name] * 2} hex digits`,
        }),
      );
      return invalid(span, hint);
    }
    return { kind: "Literal", value, type: hint, span };
  }
  const type = hint?.kind === "Prim" && hint.name === "bytes" ? hint : prim(length === 32 ? "digest" : length === 48 ? "measurement" : "bytes");
  return { kind: "Literal", value, type, span };
}

function checkListLit(cx: Cx, e: Extract<Expr, { kind: "ListLit" }>, hint?: Type): IrExpr {
  const capacity = BigInt(e.elements.length);
  if (hint?.kind === "List" || hint?.kind === "Set") {
    const elements = e.elements.map((x) => checkExpr(cx, x, hint.element));
    return { kind: "ListExpr", elements, type: { kind: hint.kind, element: hint.element, capacity }, span: e.span };
  }
  if (e.elements.length === 0) {
    if (hint?.kind !== "Error")
      cx.report(error("E2001", "cannot infer the type of `[]`", e.span, { help: "add a type annotation, e.g. `let xs: list<u64, 4> = []`" }));
    return invalid(e.span);
  }
  const first = inferExpr(cx, e.elements[0]);
  let element = first.type;
  const rest = e.elements.slice(1).map((x) => {
    const ir = inferExpr(cx, x, element);
    const joined = joinTypes(element, ir.type);
    if (joined) element = joined;
    else cx.report(error("E2001", `list elements differ in type: \`${showType(element)}\` and \`${showType(ir.type)}\``, x.span));
    return ir;
  });
  return { kind: "ListExpr", elements: [first, ...rest], type: { kind: "List", element, capacity }, span: e.span };
}

function checkIfExpr(cx: Cx, e: IfExpr, hint?: Type): IrExpr {
  const cond = checkExpr(cx, e.cond, BOOL);
  const then = valueBlock(cx, e.then, hint);
  let otherwise: ValueBlock;
  if (!e.else) {
    cx.report(error("E2001", "an `if` used as a value needs an `else` branch", e.span));
    otherwise = { stmts: [], value: invalid(e.span) };
  } else if (e.else.kind === "IfExpr") {
    otherwise = { stmts: [], value: checkIfExpr(cx, e.else, hint) };
  } else {
    otherwise = valueBlock(cx, e.else, hint);
  }
  const type = joinTypes(then.value.type, otherwise.value.type);
  if (!type) {
    cx.report(error("E2001", `\`if\` branches have different types: \`${showType(then.value.type)}\` and \`${showType(otherwise.value.type)}\``, e.span));
  }
  return { kind: "If", cond, then, else: otherwise, type: type ?? ERROR, span: e.span };
}

/** A block used as a value: its last statement must be an expression. */
function valueBlock(cx: Cx, block: Block, hint?: Type): ValueBlock {
  return cx.inScope(() => {
    const last = block.stmts[block.stmts.length - 1];
    if (!last || last.kind !== "ExprStmt") {
      cx.report(error("E2001", "this branch must end in a value", last?.span ?? block.span, { help: "end the block with an expression" }));
      return { stmts: checkStmts(cx, block.stmts, false), value: invalid(block.span) };
    }
    const stmts = checkStmts(cx, block.stmts.slice(0, -1), false);
    return { stmts, value: inferExpr(cx, last.expr, hint) };
  });
}
