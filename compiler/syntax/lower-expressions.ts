// CST expression and type rules -> AST Expr and TypeExpr nodes (precedence is already
// in the CST shape; here operators become BinaryExpr chains, suffixes become postfix nodes).
import type { CstNode, IToken } from "chevrotain";
import type {
  BinaryOp,
  Expr,
  FieldInit,
  Ident,
  IfExpr,
  NamedType,
  SortKey,
  TypeExpr,
} from "./ast.js";
import { child, children, firstToken, isToken, type LowerContext, ordered, token, tokens } from "./cst-access.js";
import { lowerDuration, lowerHex, lowerInt, lowerString, lowerTimestamp } from "./lower-literals.js";
import { lowerBlock } from "./lower-statements.js";

const errorExpr = (cx: LowerContext, n: CstNode | undefined): Expr => ({
  kind: "NameExpr",
  name: { kind: "Ident", name: "", span: cx.nodeSpan(n) },
  span: cx.nodeSpan(n),
});

export function lowerExpr(cx: LowerContext, n: CstNode | undefined): Expr {
  if (!n) return errorExpr(cx, n);
  return lowerBinaryChain(cx, n, "andExpr", ["OrOr"], (c) => lowerAnd(cx, c));
}

function lowerAnd(cx: LowerContext, n: CstNode): Expr {
  return lowerBinaryChain(cx, n, "compareExpr", ["AndAnd"], (c) => lowerCompare(cx, c));
}

const opImages: Readonly<Record<string, BinaryOp>> = {
  OrOr: "||",
  AndAnd: "&&",
  EqEq: "==",
  NotEq: "!=",
  LtEq: "<=",
  GtEq: ">=",
  Lt: "<",
  Gt: ">",
  Plus: "+",
  Minus: "-",
  Star: "*",
  Slash: "/",
  Percent: "%",
};

/** Left-associative `operand (op operand)*`, operators merged back into source order. */
function lowerBinaryChain(
  cx: LowerContext,
  n: CstNode,
  operandRule: string,
  opNames: readonly string[],
  lowerOperand: (c: CstNode) => Expr,
): Expr {
  const operands = children(n, operandRule);
  const ops = ordered(n, opNames).map((o) => o.name);
  let acc = operands.length > 0 ? lowerOperand(operands[0]) : errorExpr(cx, n);
  for (let i = 1; i < operands.length; i++) {
    const right = lowerOperand(operands[i]);
    acc = { kind: "BinaryExpr", op: opImages[ops[i - 1] ?? "Plus"], left: acc, right, span: cx.spanBetween(acc.span, right.span) };
  }
  return acc;
}

function lowerCompare(cx: LowerContext, n: CstNode): Expr {
  const sides = children(n, "addExpr");
  const left = sides[0] ? lowerAdd(cx, sides[0]) : errorExpr(cx, n);
  const isKw = token(n, "Kw_is");
  if (isKw) {
    const path = lowerPath(cx, child(n, "path"));
    return { kind: "IsExpr", target: left, variant: path, span: cx.nodeSpan(n) };
  }
  const op = firstToken(n, ["EqEq", "NotEq", "LtEq", "GtEq", "Lt", "Gt"]);
  if (!op || !sides[1]) return left;
  const right = lowerAdd(cx, sides[1]);
  return { kind: "BinaryExpr", op: opImages[op.tokenType.name], left, right, span: cx.nodeSpan(n) };
}

function lowerAdd(cx: LowerContext, n: CstNode): Expr {
  return lowerBinaryChain(cx, n, "mulExpr", ["Plus", "Minus"], (c) => lowerMul(cx, c));
}

function lowerMul(cx: LowerContext, n: CstNode): Expr {
  return lowerBinaryChain(cx, n, "unaryExpr", ["Star", "Slash", "Percent"], (c) => lowerUnary(cx, c));
}

function lowerUnary(cx: LowerContext, n: CstNode): Expr {
  const inner = child(n, "unaryExpr");
  const op = firstToken(n, ["Minus", "Bang"]);
  if (inner && op) {
    return { kind: "UnaryExpr", op: op.image === "!" ? "!" : "-", operand: lowerUnary(cx, inner), span: cx.nodeSpan(n) };
  }
  const postfix = child(n, "postfixExpr");
  return postfix ? lowerPostfix(cx, postfix) : errorExpr(cx, n);
}

function lowerPostfix(cx: LowerContext, n: CstNode): Expr {
  let acc = lowerPrimary(cx, child(n, "primary"));
  for (const { name, element } of ordered(n, ["fieldSuffix", "indexSuffix", "argList", "recordBody"])) {
    if (isToken(element)) continue;
    const span = cx.spanBetween(acc.span, cx.nodeSpan(element));
    switch (name) {
      case "fieldSuffix":
        acc = { kind: "FieldExpr", target: acc, field: cx.ident(token(element, "Identifier")), span };
        break;
      case "indexSuffix":
        acc = { kind: "IndexExpr", target: acc, index: lowerExpr(cx, child(element, "expression")), span };
        break;
      case "argList":
        acc = { kind: "CallExpr", callee: acc, args: lowerArgs(cx, element), span };
        break;
      default:
        acc = { kind: "RecordLit", type: exprToPath(acc), fields: lowerRecordBody(cx, element), span };
    }
  }
  return acc;
}

/** `A.B { … }`: the record type was parsed as a name/field chain; turn it back into a path. */
function exprToPath(e: Expr): Ident[] {
  if (e.kind === "NameExpr") return [e.name];
  if (e.kind === "FieldExpr") return [...exprToPath(e.target), e.field];
  return [{ kind: "Ident", name: "", span: e.span }];
}

export function lowerArgs(cx: LowerContext, n: CstNode | undefined): Expr[] {
  return children(child(n, "trailingCommaExprs"), "expression").map((e) => lowerExpr(cx, e));
}

export function lowerRecordBody(cx: LowerContext, n: CstNode | undefined): FieldInit[] {
  return children(n, "fieldInit").map((f) => ({
    kind: "FieldInit",
    name: cx.ident(token(f, "Identifier")),
    value: lowerExpr(cx, child(f, "expression")),
    span: cx.nodeSpan(f),
  }));
}

function lowerPrimary(cx: LowerContext, n: CstNode | undefined): Expr {
  const span = cx.nodeSpan(n);
  const [first] = ordered(n, Object.keys(n?.children ?? {}));
  if (!first) return errorExpr(cx, n);
  const e = first.element;
  if (isToken(e)) return lowerPrimaryToken(cx, e);
  switch (first.name) {
    case "parenExpr":
      return lowerExpr(cx, child(e, "expression"));
    case "listLiteral":
      return { kind: "ListLit", elements: lowerArgs(cx, e), span };
    case "ifExpr":
      return lowerIfExpr(cx, e);
    case "sortExpr":
      return { kind: "SortExpr", source: lowerExpr(cx, child(e, "expression")), keys: lowerSortKeys(cx, child(e, "sortKeys")), span };
    case "quantExpr": {
      const [source, body] = children(e, "expression");
      const q = firstToken(e, ["Kw_all", "Kw_any", "Kw_sum", "Kw_count"]);
      return {
        kind: "QuantExpr",
        quantifier: (q?.image ?? "all") as "all" | "any" | "sum" | "count",
        binders: lowerBinders(cx, child(e, "binders")),
        source: lowerExpr(cx, source),
        body: lowerExpr(cx, body),
        span,
      };
    }
    default:
      return errorExpr(cx, n);
  }
}

function lowerPrimaryToken(cx: LowerContext, t: IToken): Expr {
  const span = cx.tokenSpan(t);
  switch (t.tokenType.name) {
    case "IntLiteral":
      return lowerInt(cx, t);
    case "FloatLiteral":
      return { kind: "FloatLit", text: t.image, span };
    case "StringLiteral":
      return lowerString(cx, t);
    case "HexLiteral":
      return lowerHex(cx, t);
    case "DurationLiteral":
      return lowerDuration(cx, t);
    case "TimestampLiteral":
      return lowerTimestamp(cx, t);
    case "Kw_true":
      return { kind: "BoolLit", value: true, span };
    case "Kw_false":
      return { kind: "BoolLit", value: false, span };
    case "Kw_none":
      return { kind: "NoneLit", span };
    default:
      // Identifiers, soft keywords used as names, and `some` (a call's callee).
      return { kind: "NameExpr", name: cx.ident(t), span };
  }
}

export function lowerIfExpr(cx: LowerContext, n: CstNode): IfExpr {
  const nested = child(n, "ifExpr");
  const blocks = children(n, "block");
  return {
    kind: "IfExpr",
    cond: lowerExpr(cx, child(n, "expression")),
    then: lowerBlock(cx, blocks[0]),
    else: nested ? lowerIfExpr(cx, nested) : blocks[1] ? lowerBlock(cx, blocks[1]) : undefined,
    span: cx.nodeSpan(n),
  };
}

export function lowerBinders(cx: LowerContext, n: CstNode | undefined): Ident[] {
  return tokens(n, "Identifier").map((t) => cx.ident(t));
}

export function lowerSortKeys(cx: LowerContext, n: CstNode | undefined): SortKey[] {
  return children(n, "sortKey").map((k) => ({
    kind: "SortKey",
    field: cx.ident(token(k, "Identifier")),
    direction: token(k, "Kw_desc") ? "desc" : "asc",
    span: cx.nodeSpan(k),
  }));
}

export function lowerPath(cx: LowerContext, n: CstNode | undefined): Ident[] {
  return tokens(n, "Identifier").map((t) => cx.ident(t));
}

// Types ------------------------------------------------------------------------

const capacityPosition: Readonly<Record<string, number>> = { list: 1, set: 1, map: 2 };

export function lowerType(cx: LowerContext, n: CstNode | undefined): TypeExpr {
  const span = cx.nodeSpan(n);
  const path = lowerPath(cx, child(n, "path"));
  const args = children(n, "typeArg");
  if (!token(n, "Lt")) return { kind: "NamedType", path, span };
  const name = path[path.length - 1] ?? { kind: "Ident", name: "", span };
  const capAt = capacityPosition[name.name];
  const typeArgs: TypeExpr[] = [];
  let capacity: Expr | undefined;
  args.forEach((a, i) => {
    const int = token(a, "IntLiteral");
    const inner = child(a, "type");
    if (i === capAt && args.length === capAt + 1) capacity = int ? lowerInt(cx, int) : typeAsCapacity(cx, lowerType(cx, inner));
    else typeArgs.push(int ? intAsType(cx, int) : lowerType(cx, inner));
  });
  return { kind: "GenericType", name, args: typeArgs, capacity, span };
}

/** `list<T, MAX>`: a capacity written as a constant's name parses as a type. */
function typeAsCapacity(cx: LowerContext, t: TypeExpr): Expr {
  if (t.kind === "NamedType" && t.path.length === 1) return { kind: "NameExpr", name: t.path[0], span: t.span };
  return { kind: "NameExpr", name: { kind: "Ident", name: "", span: t.span }, span: t.span };
}

/** An integer where a type belongs (`list<4>`): kept as a named type the checker will refuse. */
function intAsType(cx: LowerContext, t: IToken): NamedType {
  return { kind: "NamedType", path: [cx.ident(t)], span: cx.tokenSpan(t) };
}
