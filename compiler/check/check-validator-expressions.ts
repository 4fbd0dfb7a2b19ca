// Check stage: a validator's `require` predicates and `expires within`, typed in the admission
// context (`ticket`, `now`, constants; never state). Its jwt/tdx clauses are checked by validators/.
import type { Expr as IrExpr } from "../ir/expressions.js";
import type { ValidatorDef } from "../ir/declarations.js";
import { BOOL, prim } from "../ir/types.js";
import type { ModuleEnv, ModuleItem, ProgramEnv } from "./environment.js";
import { checkExpr } from "./check-expressions.js";
import { Cx } from "./context.js";

export function checkValidatorExpressions(env: ProgramEnv, module: ModuleEnv, item: Extract<ModuleItem, { kind: "Validator" }>): ValidatorDef {
  const cx = new Cx(env, module, "validator");
  const { decl } = item;
  const requires = decl.requires.map((r) => ({ cond: checkExpr(cx, r.cond, BOOL), ...(r.reason ? { reason: r.reason.value } : {}) }));
  const expiresWithin: IrExpr | undefined = decl.expiresWithin && checkExpr(cx, decl.expiresWithin, prim("duration"));
  return { ref: item.ref, decl, requires, ...(expiresWithin ? { expiresWithin } : {}), span: decl.span };
}
