// Check stage: `match` over enums and options -> IR Match with resolved patterns and bindings.
// Every variant (or `some`/`none`) must be covered unless a `_` arm is present (E2008).
import { error } from "../diagnostics/make.js";
import type { MatchArm, Pattern, Stmt as IrStmt } from "../ir/statements.js";
import { ERROR, sameRef, showType, type Type } from "../ir/types.js";
import { type MatchStmt, type Pattern as AstPattern, unreachable } from "../syntax/ast.js";
import { inferExpr } from "./check-expressions.js";
import { resolveVariantPath } from "./check-records.js";
import { checkStmts } from "./check-statements.js";
import type { Cx } from "./context.js";
import { enumInfo } from "./declaration-table.js";

export function checkMatch(cx: Cx, s: MatchStmt, tail: boolean): IrStmt {
  const subject = inferExpr(cx, s.subject);
  const t = subject.type;
  if (t.kind !== "Error" && t.kind !== "Enum" && t.kind !== "Option") {
    cx.report(
      error("E2013", `cannot \`match\` on a value of type \`${showType(t)}\``, s.subject.span, {
        help: "match enums and options; compare other values with `if`",
      }),
    );
  }
  const covered = new Set<string>();
  let wildcard = false;
  const arms: MatchArm[] = s.arms.map((arm) =>
    cx.inScope(() => {
      const pattern = checkPattern(cx, arm.pattern, t);
      if (pattern.kind === "WildcardPattern") wildcard = true;
      else covered.add(pattern.kind === "VariantPattern" ? pattern.variant : pattern.kind === "SomePattern" ? "some" : "none");
      return { pattern, body: checkStmts(cx, arm.body.stmts, tail), span: arm.span };
    }),
  );
  if (!wildcard) {
    const all = t.kind === "Enum" ? enumInfo(cx.env, t.ref).variants.map((v) => v.name) : t.kind === "Option" ? ["some", "none"] : [];
    const missing = all.filter((v) => !covered.has(v));
    if (missing.length > 0) {
      const shown = missing.map((v) => (t.kind === "Enum" ? `\`${t.ref.name}.${v}\`` : `\`${v}\``)).join(", ");
      cx.report(
        error("E2008", `non-exhaustive match: ${shown} ${missing.length === 1 ? "is" : "are"} not covered`, s.subject.span, {
          help: "add an arm for each, or a `_ => { … }` arm",
        }),
      );
    }
  }
  return { kind: "Match", subject, arms, span: s.span };
}

function checkPattern(cx: Cx, p: AstPattern, subject: Type): Pattern {
  const wrongShape = (what: string): Pattern => {
    if (subject.kind !== "Error") cx.report(error("E2001", `type mismatch: ${what} cannot match a \`${showType(subject)}\``, p.span));
    return { kind: "WildcardPattern" };
  };
  switch (p.kind) {
    case "WildcardPattern":
      return p;
    case "NonePattern":
      return subject.kind === "Option" ? { kind: "NonePattern" } : wrongShape("`none`");
    case "SomePattern": {
      if (subject.kind !== "Option") {
        cx.declare(p.binding, ERROR, false);
        return wrongShape("`some(…)`");
      }
      return { kind: "SomePattern", binding: cx.declare(p.binding, subject.inner, false) };
    }
    case "VariantPattern": {
      const found = resolveVariantPath(cx, p.variant);
      const bindError = () => p.binding && cx.declare(p.binding, ERROR, false);
      if (!found) {
        bindError();
        return { kind: "WildcardPattern" };
      }
      const { ref, variant } = found;
      if (subject.kind !== "Error" && !(subject.kind === "Enum" && sameRef(subject.ref, ref))) {
        bindError();
        return wrongShape(`\`${ref.name}.${variant.name}\``);
      }
      if (!p.binding) return { kind: "VariantPattern", ref, variant: variant.name };
      if (variant.fields.length === 0) {
        cx.report(
          error("E2001", `variant \`${ref.name}.${variant.name}\` carries no fields to bind`, p.binding.span, {
            help: `write \`${ref.name}.${variant.name}\``,
          }),
        );
      }
      const binding = cx.declare(p.binding, { kind: "Payload", ref, variant: variant.name }, false);
      return { kind: "VariantPattern", ref, variant: variant.name, binding };
    }
    default:
      return unreachable(p);
  }
}
