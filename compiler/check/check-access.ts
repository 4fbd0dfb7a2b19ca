// Check stage: names, dotted paths, field access and indexing -> typed IR. Resolves what a
// name denotes (local, state, config, uses reference, constant, variant, ticket claim, …).
import { error } from "../diagnostics/make.js";
import type { Expr as IrExpr } from "../ir/expressions.js";
import { DIGEST, ERROR, PEER, prim, showType, type Type, U64 } from "../ir/types.js";
import type { Span } from "../source.js";
import { type Expr, type FieldExpr, type Ident, type IndexExpr, type NameExpr, unreachable } from "../syntax/ast.js";
import { TICKET_FIELDS, USES_FIELDS } from "./builtins.js";
import { checkExpr, inferExpr, invalid } from "./check-expressions.js";
import { fieldsOfType, variantValue } from "./check-records.js";
import type { Cx } from "./context.js";
import { constInfo } from "./declaration-table.js";
import { type NameTarget, resolveName, unknownName, walkPath, type DeclItem } from "./resolve-names.js";
import { didYouMean, suggestOrList } from "./suggest.js";

/** `a.b.c` as identifiers, when the expression is only names and dots. */
export function exprPath(e: Expr): Ident[] | undefined {
  if (e.kind === "NameExpr") return [e.name];
  if (e.kind === "FieldExpr") {
    const base = exprPath(e.target);
    return base && [...base, e.field];
  }
  return undefined;
}

const spanTo = (start: Span, end: Ident): Span => ({ file: start.file, start: start.start, end: end.span.end });

export function checkName(cx: Cx, e: NameExpr, hint?: Type): IrExpr {
  const name = e.name.name;
  if (name === "") return invalid(e.span);
  const target = resolveName(cx, name);
  if (!target) {
    // In tests a peer may be written by name: it stands for the hash of the name.
    if (cx.body === "test" && hint?.kind === "Prim" && hint.name === "peer") return { kind: "NamedPeer", name, type: PEER, span: e.span };
    if (cx.body === "test" && hint?.kind === "Error") return invalid(e.span); // maybe a peer, in a step already in error
    unknownName(cx, e.name);
    return invalid(e.span);
  }
  return nameValue(cx, target, e.name, hint);
}

function nameValue(cx: Cx, target: NameTarget, id: Ident, hint?: Type): IrExpr {
  const span = id.span;
  switch (target.kind) {
    case "Local": {
      const decl = cx.lookup(target.name)?.decl;
      const type = decl?.type ?? ERROR;
      return target.isParam
        ? { kind: "Param", name: target.name, index: target.local, type, span }
        : { kind: "Local", name: target.name, local: target.local, type, span };
    }
    case "Special":
      return special(cx, target.which, span);
    case "State":
      return { kind: "StateRef", name: target.name, type: cx.organism?.state.get(target.name)?.type ?? ERROR, span };
    case "Collection":
      return { kind: "CollectionRef", name: target.name, type: cx.organism?.collections.get(target.name)?.type ?? ERROR, span };
    case "Asset":
      cx.report(
        error("E2001", `asset \`${target.name}\` is not a value`, span, {
          help: `use \`${target.name}.balance(who)\`, \`${target.name}.total()\` or \`${target.name}.supply()\``,
        }),
      );
      return invalid(span);
    case "Uses":
      cx.report(
        error("E2001", `\`${target.name}\` is a \`uses\` reference, not a value`, span, {
          help: `read \`${target.name}.stable_id\` or \`${target.name}.content_hash\``,
        }),
      );
      return invalid(span);
    case "TopLevel":
      if (target.item.kind === "Module" || target.item.kind === "Namespace") {
        cx.report(error("E2001", `\`${id.name}\` is a module, not a value`, span));
        return invalid(span);
      }
      return itemValue(cx, target.item, [], span, hint);
    case "Query":
      cx.report(error("E2001", `query \`${target.name}\` is not a value`, span, { help: `call it: \`${target.name}(…)\`` }));
      return invalid(span);
    case "Builtin":
      cx.report(error("E2001", `\`${target.name}\` is a built-in function, not a value`, span, { help: `call it: \`${target.name}(…)\`` }));
      return invalid(span);
    default:
      return unreachable(target);
  }
}

function special(cx: Cx, which: Extract<NameTarget, { kind: "Special" }>["which"], span: Span): IrExpr {
  switch (which) {
    case "sender":
      return { kind: "Sender", type: PEER, span };
    case "now":
      return { kind: "Now", type: prim("timestamp"), span };
    case "self":
      if (cx.organism) return { kind: "SelfRef", type: PEER, span };
      cx.report(error("E1001", "`self` is only available inside an organism", span, { help: "`self` is the organism's own account" }));
      return invalid(span);
    case "random":
      cx.report(
        error("E3003", "randomness: `random` is not available", span, {
          help: "replicas must agree: pass randomness in as a committed command parameter (e.g. a beacon value)",
        }),
      );
      return invalid(span);
    case "ticket":
      cx.report(error("E2001", "`ticket` is not a value", span, { help: "read `ticket.claims.<name>`, `ticket.peer`, `ticket.issuer` or `ticket.subject`" }));
      return invalid(span);
    case "config":
      cx.report(error("E2001", "`config` is not a value", span, { help: "read a parameter: `config.<name>`" }));
      return invalid(span);
    default:
      return unreachable(which);
  }
}

/** A module declaration used as a value: a constant (then fields of it), a variant, or a clearing rule. */
function itemValue(cx: Cx, item: DeclItem, rest: readonly Ident[], span: Span, hint?: Type): IrExpr {
  if (item.kind === "Const") {
    const info = constInfo(cx.env, item.ref);
    const base: IrExpr = info.value ? { kind: "ConstRef", ref: item.ref, value: info.value, type: info.type, span } : invalid(span, info.type);
    return rest.reduce((acc, f) => fieldOf(cx, acc, f, spanTo(span, f)), base);
  }
  if (item.kind === "Enum" && rest.length >= 1) {
    const value = variantValue(cx, item.ref, rest[0], spanTo(span, rest[0]));
    return rest.slice(1).reduce((acc, f) => fieldOf(cx, acc, f, spanTo(span, f)), value);
  }
  if (item.kind === "Clearing" && rest.length === 0 && hint?.kind === "Clearing") {
    return { kind: "Literal", value: { kind: "Rule", rule: item.ref }, type: { kind: "Clearing" }, span };
  }
  const what: Record<DeclItem["kind"], string> = {
    Record: "a record type (build one with `Name { … }`)",
    Enum: "an enum type (name a variant: `Enum.Variant`)",
    Const: "a constant",
    Fn: "a function (call it)",
    Clearing: "a clearing rule (call it, or name it in a `clearing` config parameter)",
    Validator: "a validator",
    Organism: "an organism (organisms share no state: reference it with `uses`)",
  };
  const shown = `${item.ref.name}${rest.map((r) => `.${r.name}`).join("")}`;
  const whole = rest.length > 0 ? spanTo(span, rest[rest.length - 1]) : span;
  if (item.kind === "Organism" && cx.body === "validator") {
    cx.report(
      error("E4008", `state read in a validator: \`${shown}\``, whole, {
        help: "validators run at admission, before any command: they see only the ticket (`ticket.…`) and the clock (`now`)",
      }),
    );
    return invalid(span);
  }
  cx.report(error(item.kind === "Organism" ? "E1001" : "E2001", `\`${shown}\` is ${what[item.kind]}, not a value`, whole));
  return invalid(span);
}

export function checkField(cx: Cx, e: FieldExpr, hint?: Type): IrExpr {
  const path = exprPath(e);
  const head = path?.[0];
  if (path && head) {
    if (head.name === "") return invalid(e.span);
    const target = resolveName(cx, head.name);
    if (!target) {
      unknownName(cx, head);
      return invalid(e.span);
    }
    if (target.kind === "TopLevel") {
      const found = walkPath(cx.env, cx.module, path, { code: "E1001", what: "name" });
      if (found.kind === "Unknown") return invalid(e.span);
      if (found.kind === "Module") {
        cx.report(error("E2001", `\`${found.name}\` is a module, not a value`, e.span));
        return invalid(e.span);
      }
      const consumed = path.length - found.rest.length;
      return itemValue(cx, found.item, found.rest, spanTo(e.span, path[consumed - 1]), hint);
    }
    if (target.kind === "Special" || target.kind === "Uses" || target.kind === "Asset") {
      const { expr, consumed } = memberAccess(cx, target, path);
      return path.slice(consumed).reduce((acc, f) => fieldOf(cx, acc, f, spanTo(e.span, f)), expr);
    }
  }
  const target = inferExpr(cx, e.target);
  return fieldOf(cx, target, e.field, e.span);
}

/** `config.x`, `ticket.claims.x`, `reputation.stable_id`: the steps after a special name (path has 2+ idents). */
function memberAccess(cx: Cx, target: Extract<NameTarget, { kind: "Special" | "Uses" | "Asset" }>, path: readonly Ident[]): { expr: IrExpr; consumed: number } {
  const [head, field] = path;
  const span = spanTo(head.span, field);
  const done = (expr: IrExpr, consumed = 2) => ({ expr, consumed });
  if (field.name === "") return done(invalid(span));
  if (target.kind === "Uses") {
    if (field.name === "stable_id") return done({ kind: "UsesRef", alias: target.name, field: "stable_id", type: DIGEST, span });
    if (field.name === "content_hash")
      return done({ kind: "UsesRef", alias: target.name, field: "content_hash", type: { kind: "Option", inner: DIGEST }, span });
    cx.report(
      error("E1004", `\`uses\` reference \`${target.name}\` has no field \`${field.name}\``, field.span, {
        help: didYouMean(field.name, USES_FIELDS) ?? "it exposes `stable_id` and `content_hash`",
      }),
    );
    return done(invalid(span));
  }
  if (target.kind === "Asset") {
    cx.report(error("E2001", `asset operation \`${target.name}.${field.name}\` must be called`, span, { help: `write \`${target.name}.${field.name}(…)\`` }));
    return done(invalid(span));
  }
  if (target.which === "config") {
    const param = cx.organism?.config.get(field.name);
    if (!param) {
      cx.report(
        error("E1004", `no config parameter \`${field.name}\``, field.span, {
          help: suggestOrList(field.name, cx.organism?.config.keys() ?? [], "config parameters"),
        }),
      );
      return done(invalid(span));
    }
    if (param.type.kind === "Clearing") {
      cx.report(
        error("E2001", `config parameter \`${field.name}\` is a clearing rule, not a value`, span, { help: `call it: \`config.${field.name}(orders, …)\`` }),
      );
      return done(invalid(span));
    }
    return done(param.value ? { kind: "ConfigRef", name: field.name, value: param.value, type: param.type, span } : invalid(span, param.type));
  }
  if (target.which === "ticket") {
    if (field.name === "claims") {
      const claim = path[2];
      if (claim)
        return done(claim.name === "" ? invalid(span) : { kind: "TicketClaim", claim: claim.name, type: { kind: "Claim" }, span: spanTo(head.span, claim) }, 3);
      cx.report(error("E2001", "`ticket.claims` is not a value", span, { help: "read one claim: `ticket.claims.<name>`" }));
      return done(invalid(span));
    }
    const known = TICKET_FIELDS.find((f) => f === field.name);
    if (known) return done({ kind: "TicketField", field: known, type: known === "peer" ? PEER : prim("string"), span });
    cx.report(error("E1004", `the ticket has no field \`${field.name}\``, field.span, { help: didYouMean(field.name, [...TICKET_FIELDS, "claims"]) }));
    return done(invalid(span));
  }
  return done(nameValue(cx, target, head), 1);
}

/** `x.f` on a record or variant payload. */
export function fieldOf(cx: Cx, target: IrExpr, field: Ident, span: Span): IrExpr {
  if (target.type.kind === "Error" || field.name === "") return invalid(span);
  const fields = fieldsOfType(cx, target.type);
  if (!fields) {
    const help = target.type.kind === "Option" ? "unwrap it first: `match x { some(v) => … }` or `x.unwrap_or(d)`" : undefined;
    cx.report(error("E1004", `type \`${showType(target.type)}\` has no field \`${field.name}\``, field.span, { help }));
    return invalid(span);
  }
  const found = fields.find((f) => f.name === field.name);
  if (!found) {
    cx.report(
      error("E1004", `\`${showType(target.type)}\` has no field \`${field.name}\``, field.span, {
        help: suggestOrList(
          field.name,
          fields.map((f) => f.name),
          `its fields`,
        ),
      }),
    );
    return invalid(span);
  }
  return { kind: "Field", target, field: field.name, type: found.type, span };
}

export function checkIndex(cx: Cx, e: IndexExpr): IrExpr {
  const target = inferExpr(cx, e.target);
  const t = target.type;
  if (t.kind === "List") {
    const index = checkExpr(cx, e.index, U64);
    return { kind: "Index", target, index, container: "list", type: t.element, span: e.span };
  }
  if (t.kind === "Map") {
    const index = checkExpr(cx, e.index, t.key);
    return { kind: "Index", target, index, container: "map", type: t.value, span: e.span };
  }
  inferExpr(cx, e.index);
  if (t.kind !== "Error") {
    cx.report(
      error("E2013", `cannot index a value of type \`${showType(t)}\``, e.span, {
        help: t.kind === "Set" ? "test membership with `s.contains(x)`" : undefined,
      }),
    );
  }
  return invalid(e.span);
}
