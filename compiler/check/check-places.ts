// Check stage: assignment targets and receivers of mutating methods -> IR places. Immutable
// values (E2007), non-places (E2009), and writes through `uses` or into another organism (E3008).
import { error } from "../diagnostics/make.js";
import type { Place } from "../ir/statements.js";
import { ERROR, showType, U64 } from "../ir/types.js";
import { type Expr, type Ident, unreachable } from "../syntax/ast.js";
import { exprPath } from "./check-access.js";
import { checkExpr, recover } from "./check-expressions.js";
import { fieldsOfType } from "./check-records.js";
import type { Cx } from "./context.js";
import { resolveName, unknownName } from "./resolve-names.js";
import { didYouMean } from "./suggest.js";

/** The place `e` denotes, or undefined after reporting why it cannot be written. `action`: "assign to", … */
export function checkPlace(cx: Cx, e: Expr, action = "assign to"): Place | undefined {
  const path = exprPath(e);
  if (path && path[0].name !== "" && (path.length === 1 || foreignHead(cx, path[0]))) return rootPlace(cx, path, e, action);
  switch (e.kind) {
    case "FieldExpr": {
      const base = checkPlace(cx, e.target, action);
      if (!base || e.field.name === "") return undefined;
      const fields = fieldsOfType(cx, base.type);
      const found = fields?.find((f) => f.name === e.field.name);
      if (!found) {
        if (base.type.kind !== "Error") {
          cx.report(
            error("E1004", `\`${showType(base.type)}\` has no field \`${e.field.name}\``, e.field.span, {
              help:
                fields &&
                didYouMean(
                  e.field.name,
                  fields.map((f) => f.name),
                ),
            }),
          );
        }
        return undefined;
      }
      return { kind: "FieldPlace", base, field: e.field.name, type: found.type, span: e.span };
    }
    case "IndexExpr": {
      const base = checkPlace(cx, e.target, action);
      if (!base) {
        recover(cx, e.index);
        return undefined;
      }
      const t = base.type;
      if (t.kind === "List") return { kind: "IndexPlace", base, index: checkExpr(cx, e.index, U64), container: "list", type: t.element, span: e.span };
      if (t.kind === "Map") return { kind: "IndexPlace", base, index: checkExpr(cx, e.index, t.key), container: "map", type: t.value, span: e.span };
      recover(cx, e.index);
      if (t.kind !== "Error") cx.report(error("E2013", `cannot index a value of type \`${showType(t)}\``, e.span));
      return undefined;
    }
    default:
      recover(cx, e);
      cx.report(error("E2009", `cannot ${action} this expression`, e.span, { help: "assign to a `var` local, a state field, or a field or element of one" }));
      return undefined;
  }
}

/** Heads that are never places but whose dotted paths need a specific message. */
function foreignHead(cx: Cx, head: Ident): boolean {
  const t = resolveName(cx, head.name);
  return t?.kind === "Uses" || t?.kind === "TopLevel" || (t?.kind === "Special" && (t.which === "config" || t.which === "ticket"));
}

function rootPlace(cx: Cx, path: readonly Ident[], e: Expr, action: string): Place | undefined {
  const head = path[0];
  const name = head.name;
  const target = resolveName(cx, name);
  const refuse = (code: "E2007" | "E2009" | "E3008", message: string, help?: string): undefined => {
    cx.report(error(code, message, e.span, { help }));
    return undefined;
  };
  if (!target) {
    unknownName(cx, head);
    return undefined;
  }
  switch (target.kind) {
    case "Local": {
      const decl = cx.lookup(name)?.decl;
      if (decl?.mutable) return { kind: "LocalPlace", name, local: decl.id, type: decl.type, span: e.span };
      if (target.isParam) return refuse("E2007", `cannot ${action} parameter \`${name}\``, "copy it into a local: `var x = …`");
      return refuse("E2007", `cannot ${action} \`${name}\`: it is not declared with \`var\``, `declare it with \`var ${name} = …\``);
    }
    case "State":
      return { kind: "StatePlace", name, type: cx.organism?.state.get(name)?.type ?? ERROR, span: e.span };
    case "Collection":
      return { kind: "CollectionPlace", name, type: cx.organism?.collections.get(name)?.type ?? ERROR, span: e.span };
    case "Uses":
      return refuse(
        "E3008",
        `cannot ${action} \`${path.map((i) => i.name).join(".")}\`: \`uses\` reference \`${name}\` is read-only`,
        "facts from another organism enter as command parameters of type `Evidence`",
      );
    case "Asset":
      return refuse("E2009", `cannot ${action} asset \`${name}\``, `assets change only through \`${name}.mint\`, \`${name}.burn\` and \`${name}.transfer\``);
    case "Special":
      if (target.which === "config") return refuse("E2007", `cannot ${action} \`${path.map((i) => i.name).join(".")}\`: config parameters are constants`);
      return refuse("E2007", `cannot ${action} \`${name}\``, target.which === "sender" ? "`sender` is the verified author of the command" : undefined);
    case "TopLevel":
      if (target.item.kind === "Organism" || (target.item.kind === "Module" && path.length > 1)) {
        return refuse(
          "E3008",
          `cannot ${action} \`${path.map((i) => i.name).join(".")}\`: no organism writes another's state`,
          "organisms compose by reference: declare a `uses` and pass facts in as `Evidence`",
        );
      }
      if (target.item.kind === "Const") return refuse("E2007", `cannot ${action} constant \`${name}\``);
      return refuse("E2009", `cannot ${action} \`${path.map((i) => i.name).join(".")}\``);
    case "Builtin":
      return refuse("E2009", `cannot ${action} built-in \`${name}\``);
    case "Query":
      return refuse("E2009", `cannot ${action} query \`${name}\``);
    default:
      return unreachable(target);
  }
}
