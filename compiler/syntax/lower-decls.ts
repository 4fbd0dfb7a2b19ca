// CST top-level declarations -> AST Decl nodes (records, enums, functions, clearing rules,
// validators and their jwt/tdx clauses). Organisms and tests are in lower-organism.ts.
import type { CstNode } from "chevrotain";
import type {
  Decl,
  Field,
  JwtClause,
  JwtItem,
  MeasurementEntry,
  MeasurementSet,
  MeasurementVariant,
  Param,
  Program,
  TdxClause,
  TdxItem,
  ValidatorDecl,
} from "./ast.js";
import { child, children, firstToken, isToken, type LowerContext, ordered, token, tokens } from "./cst-access.js";
import { lowerExpr, lowerPath, lowerSortKeys, lowerType } from "./lower-expressions.js";
import { lowerHex, lowerString } from "./lower-literals.js";
import { lowerOrganism, lowerTest } from "./lower-organism.js";
import { lowerBlock, lowerRequire } from "./lower-statements.js";
import { error } from "../diagnostics/make.js";

export function lowerProgram(cx: LowerContext, n: CstNode): Program {
  const decls: Decl[] = [];
  for (const d of children(n, "topDecl")) {
    const lowered = lowerDecl(cx, d);
    if (lowered) decls.push(lowered);
  }
  return { kind: "Program", decls, span: { file: cx.file, start: 0, end: cx.nodeSpan(n).end } };
}

function lowerDecl(cx: LowerContext, top: CstNode): Decl | undefined {
  const [first] = ordered(top, Object.keys(top.children));
  if (!first || isToken(first.element)) return undefined;
  const d = first.element;
  const span = cx.nodeSpan(d);
  const name = cx.ident(token(d, "Identifier"));
  switch (first.name) {
    case "networkDecl":
      return { kind: "NetworkDecl", name: lowerString(cx, token(d, "StringLiteral")), span };
    case "importDecl": {
      const file = token(d, "StringLiteral");
      const alias = token(d, "alias");
      return {
        kind: "ImportDecl",
        module: file ? undefined : lowerPath(cx, child(d, "path")),
        file: file ? lowerString(cx, file) : undefined,
        alias: alias ? cx.ident(alias) : undefined,
        span,
      };
    }
    case "recordDecl":
      return { kind: "RecordDecl", name, fields: lowerFields(cx, child(d, "fieldBlock")), span };
    case "enumDecl":
      return {
        kind: "EnumDecl",
        name,
        variants: children(d, "variant").map((v) => ({
          kind: "Variant",
          name: cx.ident(token(v, "Identifier")),
          fields: lowerFields(cx, child(v, "fieldBlock")),
          span: cx.nodeSpan(v),
        })),
        span,
      };
    case "constDecl":
      return { kind: "ConstDecl", name, type: lowerType(cx, child(d, "type")), value: lowerExpr(cx, child(d, "expression")), span };
    case "fnDecl": {
      const ret = child(d, "type");
      return {
        kind: "FnDecl",
        name,
        params: lowerParams(cx, child(d, "paramList")),
        returnType: ret ? lowerType(cx, ret) : undefined,
        body: lowerBlock(cx, child(d, "block")),
        span,
      };
    }
    case "clearingDecl":
      return {
        kind: "ClearingDecl",
        name,
        params: lowerParams(cx, child(d, "paramList")),
        returnType: lowerType(cx, child(d, "type")),
        tieBreak: lowerSortKeys(cx, child(d, "sortKeys")),
        body: lowerBlock(cx, child(d, "block")),
        span,
      };
    case "validatorDecl":
      return lowerValidator(cx, d);
    case "organismDecl":
      return lowerOrganism(cx, d);
    case "testDecl":
      return lowerTest(cx, d);
    default:
      return undefined;
  }
}

export function lowerFields(cx: LowerContext, n: CstNode | undefined): Field[] {
  return children(n, "field").map((f) => ({
    kind: "Field",
    name: cx.ident(token(f, "Identifier")),
    type: lowerType(cx, child(f, "type")),
    span: cx.nodeSpan(f),
  }));
}

export function lowerParams(cx: LowerContext, n: CstNode | undefined): Param[] {
  return children(n, "param").map((p) => ({
    kind: "Param",
    name: cx.ident(token(p, "Identifier")),
    type: lowerType(cx, child(p, "type")),
    span: cx.nodeSpan(p),
  }));
}

// Validators -------------------------------------------------------------------

function lowerValidator(cx: LowerContext, d: CstNode): ValidatorDecl {
  const clauses: (JwtClause | TdxClause)[] = [];
  for (const { name, element } of ordered(d, ["jwtClause", "tdxClause"])) {
    if (isToken(element)) continue;
    clauses.push(name === "jwtClause" ? lowerJwt(cx, element) : lowerTdx(cx, element));
  }
  const expires = child(d, "expiresClause");
  return {
    kind: "ValidatorDecl",
    name: cx.ident(token(d, "Identifier")),
    clauses,
    requires: children(d, "requireStmt").map((r) => lowerRequire(cx, r)),
    expiresWithin: expires ? lowerExpr(cx, child(expires, "expression")) : undefined,
    span: cx.nodeSpan(d),
  };
}

function lowerJwt(cx: LowerContext, n: CstNode): JwtClause {
  const items = children(n, "jwtItem").flatMap((i) => lowerJwtItem(cx, i) ?? []);
  return { kind: "JwtClause", items, span: cx.nodeSpan(n) };
}

function lowerJwtItem(cx: LowerContext, i: CstNode): JwtItem | undefined {
  const span = cx.nodeSpan(i);
  if (token(i, "Kw_key")) return { kind: "JwtKey", algorithm: cx.ident(token(i, "algorithm")), key: lowerHex(cx, token(i, "HexLiteral")), span };
  if (token(i, "Kw_claim")) return { kind: "JwtClaim", name: cx.ident(token(i, "claimName")), value: lowerExpr(cx, child(i, "expression")), span };
  if (token(i, "Kw_allow_non_expiring")) return { kind: "JwtAllowNonExpiring", span };
  const str = child(i, "stringSetting");
  if (str) {
    const value = lowerString(cx, token(str, "StringLiteral"));
    const which = firstToken(str, ["Kw_issuer", "Kw_audience", "Kw_subject"])?.image;
    return { kind: which === "audience" ? "JwtAudience" : which === "subject" ? "JwtSubject" : "JwtIssuer", value, span };
  }
  const setting = child(i, "valueSetting");
  const notBefore = token(setting, "Kw_not_before");
  if (notBefore) {
    cx.diagnostics.push(
      error("E0001", "unexpected `not_before`, expected a jwt setting", cx.tokenSpan(notBefore), {
        label: "`not_before` is a tdx setting",
        help: "a JWT's own `nbf` claim is always checked; to refuse old tokens use `max_age`",
      }),
    );
    return undefined;
  }
  const value = lowerExpr(cx, child(setting, "expression"));
  return { kind: token(setting, "Kw_max_lifetime") ? "JwtMaxLifetime" : "JwtMaxAge", value, span };
}

function lowerTdx(cx: LowerContext, n: CstNode): TdxClause {
  const items: TdxItem[] = [];
  const parts = ordered(n, ["valueSetting", "Kw_collateral", "Kw_accept", "measurementVariant", "measurementEntry"]);
  parts.forEach(({ name, element }, at) => {
    const nextStart = at + 1 < parts.length ? cx.elementSpan(parts[at + 1].element).start : Number.MAX_SAFE_INTEGER;
    if (name === "Kw_collateral" && isToken(element)) {
      const hex = tokens(n, "HexLiteral").find((h) => h.startOffset > element.startOffset);
      items.push({ kind: "TdxCollateral", value: lowerHex(cx, hex), span: cx.spanBetween(cx.tokenSpan(element), cx.tokenSpan(hex)) });
    } else if (name === "Kw_accept" && isToken(element)) {
      const statuses = tokens(n, "status")
        .filter((t) => t.startOffset > element.startOffset && t.startOffset < nextStart)
        .map((t) => cx.ident(t));
      const last = statuses[statuses.length - 1]?.span ?? cx.tokenSpan(element);
      items.push({ kind: "TdxAcceptStatus", statuses, span: cx.spanBetween(cx.tokenSpan(element), last) });
    } else if (!isToken(element)) {
      if (name === "measurementVariant") items.push(lowerVariant(cx, element));
      else if (name === "measurementEntry") items.push(lowerEntry(cx, element));
      else {
        const value = lowerExpr(cx, child(element, "expression"));
        const kw = firstToken(element, ["Kw_max_age", "Kw_max_lifetime", "Kw_not_before"])?.image;
        const kind = kw === "max_lifetime" ? "TdxMaxLifetime" : kw === "not_before" ? "TdxNotBefore" : "TdxMaxAge";
        items.push({ kind, value, span: cx.nodeSpan(element) });
      }
    }
  });
  return { kind: "TdxClause", items, span: cx.nodeSpan(n) };
}

function lowerEntry(cx: LowerContext, e: CstNode): MeasurementEntry {
  const hex = token(e, "HexLiteral");
  return { kind: "MeasurementEntry", register: cx.ident(token(e, "Identifier")), value: hex ? lowerHex(cx, hex) : undefined, span: cx.nodeSpan(e) };
}

function lowerVariant(cx: LowerContext, v: CstNode): MeasurementVariant {
  return { kind: "MeasurementVariant", entries: children(v, "measurementEntry").map((e) => lowerEntry(cx, e)), span: cx.nodeSpan(v) };
}

export function lowerMeasurementSet(cx: LowerContext, n: CstNode | undefined): MeasurementSet {
  return {
    kind: "MeasurementSet",
    entries: children(n, "measurementEntry").map((e) => lowerEntry(cx, e)),
    variants: children(n, "measurementVariant").map((v) => lowerVariant(cx, v)),
    span: cx.nodeSpan(n),
  };
}
