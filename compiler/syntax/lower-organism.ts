// CST organism and test declarations -> AST OrganismDecl and TestDecl nodes.
import type { CstNode } from "chevrotain";
import type { Expectation, FieldDecl, OrganismDecl, OrganismItem, TestDecl, TestExpect, TestStep } from "./ast.js";
import { child, children, isToken, type LowerContext, ordered, token, tokens } from "./cst-access.js";
import { lowerFields, lowerMeasurementSet, lowerParams } from "./lower-decls.js";
import { lowerArgs, lowerExpr, lowerType } from "./lower-expressions.js";
import { lowerHex, lowerInt, lowerString } from "./lower-literals.js";
import { lowerBlock } from "./lower-statements.js";

export function lowerOrganism(cx: LowerContext, d: CstNode): OrganismDecl {
  const items: OrganismItem[] = [];
  for (const wrapper of children(d, "organismItem")) {
    const item = lowerItem(cx, wrapper);
    if (item) items.push(item);
  }
  return { kind: "OrganismDecl", name: cx.ident(token(d, "Identifier")), items, span: cx.nodeSpan(d) };
}

function lowerItem(cx: LowerContext, wrapper: CstNode): OrganismItem | undefined {
  const [first] = ordered(wrapper, Object.keys(wrapper.children));
  if (!first || isToken(first.element)) return undefined;
  const n = first.element;
  const span = cx.nodeSpan(n);
  const name = cx.ident(token(n, "Identifier"));
  switch (first.name) {
    case "instanceItem":
      return { kind: "InstanceItem", name: lowerString(cx, token(n, "StringLiteral")), span };
    case "committeeItem":
      return { kind: "CommitteeItem", quorum: lowerInt(cx, token(n, "quorum")), size: lowerInt(cx, token(n, "size")), span };
    case "measurementsItem":
      return { kind: "MeasurementsItem", set: lowerMeasurementSet(cx, child(n, "measurementSet")), span };
    case "configItem":
      return { kind: "ConfigItem", fields: lowerFieldDecls(cx, child(n, "fieldDeclBlock")), span };
    case "stateItem":
      return { kind: "StateItem", fields: lowerFieldDecls(cx, child(n, "fieldDeclBlock")), span };
    case "usesItem": {
      const hash = token(n, "HexLiteral");
      return {
        kind: "UsesItem",
        alias: cx.ident(token(n, "alias")),
        target: lowerString(cx, token(n, "StringLiteral")),
        pin: token(n, "Kw_follow") ? "follow" : "exact",
        contentHash: hash ? lowerHex(cx, hash) : undefined,
        span,
      };
    }
    case "assetItem":
      return { kind: "AssetItem", name, span };
    case "streamItem":
      return { kind: "StreamItem", name, requires: requiresOf(cx, n), span };
    case "collectionItem":
      return { kind: "CollectionItem", name, type: lowerType(cx, child(n, "type")), requires: requiresOf(cx, n), span };
    case "eventItem":
      return { kind: "EventItem", name, fields: lowerFields(cx, child(n, "fieldBlock")), span };
    case "handlerItem": {
      const via = token(n, "via");
      return {
        kind: "HandlerItem",
        name,
        params: lowerParams(cx, child(n, "paramList")),
        via: via ? cx.ident(via) : undefined,
        body: lowerBlock(cx, child(n, "block")),
        span,
      };
    }
    case "queryItem":
      return {
        kind: "QueryItem",
        name,
        params: lowerParams(cx, child(n, "paramList")),
        returnType: lowerType(cx, child(n, "type")),
        body: lowerBlock(cx, child(n, "block")),
        span,
      };
    case "invariantItem":
      return { kind: "InvariantItem", name, cond: lowerExpr(cx, child(n, "expression")), span };
    default:
      return undefined;
  }
}

function requiresOf(cx: LowerContext, n: CstNode) {
  return tokens(child(n, "requiresList"), "Identifier").map((t) => cx.ident(t));
}

function lowerFieldDecls(cx: LowerContext, n: CstNode | undefined): FieldDecl[] {
  return children(n, "fieldDecl").map((f) => {
    const value = child(f, "expression");
    return {
      kind: "FieldDecl",
      name: cx.ident(token(f, "Identifier")),
      type: lowerType(cx, child(f, "type")),
      value: value ? lowerExpr(cx, value) : undefined,
      span: cx.nodeSpan(f),
    };
  });
}

export function lowerTest(cx: LowerContext, d: CstNode): TestDecl {
  const steps: (TestStep | TestExpect)[] = [];
  for (const { name, element } of ordered(d, ["testStep", "testExpect"])) {
    if (isToken(element)) continue;
    if (name === "testExpect") {
      steps.push({ kind: "TestExpect", cond: lowerExpr(cx, child(element, "expression")), span: cx.nodeSpan(element) });
    } else {
      steps.push(lowerStep(cx, element));
    }
  }
  return {
    kind: "TestDecl",
    name: lowerString(cx, token(d, "StringLiteral")),
    organism: cx.ident(token(d, "Identifier")),
    steps,
    span: cx.nodeSpan(d),
  };
}

function lowerStep(cx: LowerContext, s: CstNode): TestStep {
  const senderName = token(s, "senderName");
  const sender = senderName
    ? { kind: "NameExpr" as const, name: cx.ident(senderName), span: cx.tokenSpan(senderName) }
    : lowerHex(cx, token(s, "senderHex"));
  const reason = token(s, "StringLiteral");
  const expectation: Expectation = token(s, "Kw_rejects")
    ? { kind: "ExpectRejects", reason: reason ? lowerString(cx, reason) : undefined, span: cx.tokenSpan(token(s, "Kw_rejects")) }
    : { kind: "ExpectOk", emits: tokens(s, "event").map((t) => cx.ident(t)), span: cx.tokenSpan(token(s, "Kw_ok")) };
  return {
    kind: "TestStep",
    sender,
    handler: cx.ident(token(s, "handler")),
    args: lowerArgs(cx, child(s, "argList")),
    expectation,
    span: cx.nodeSpan(s),
  };
}
