// Check stage: determinism and effect rules over typed IR bodies — the clock only in
// validators (E3002), `sender` only in handlers (E3007), debits only from `sender`/`self`
// (E3009), state, asset, event and evidence writes only in handlers (E3012).
import { error } from "../diagnostics/make.js";
import type { Expr } from "../ir/expressions.js";
import { placeRoot, type Place, type Stmt } from "../ir/statements.js";
import { walkExpr, walkStmts } from "../ir/walk.js";
import { ASSET_OPS, DEBITING_OPS } from "./builtins.js";
import type { BodyKind } from "./context.js";
import type { ProgramEnv } from "./environment.js";

/** One body to check: its statements or expressions, what kind of body it is, and its name for messages. */
export interface Body {
  readonly kind: BodyKind;
  readonly name: string;
  readonly stmts?: readonly Stmt[];
  readonly exprs?: readonly Expr[];
}

const DESCRIBED: Readonly<Record<BodyKind, string>> = {
  handler: "handler",
  query: "query",
  invariant: "invariant",
  fn: "function",
  clearing: "clearing rule",
  validator: "validator",
  const: "constant",
  test: "test",
};

export function checkDeterminism(env: ProgramEnv, body: Body): void {
  const where = `${DESCRIBED[body.kind]} \`${body.name}\``;
  const writes = body.kind === "handler";
  const refuseWrite = (what: string, span: Expr["span"]) =>
    env.report(
      error("E3012", `state write outside a handler: ${what} in ${where}`, span, {
        help:
          body.kind === "query" || body.kind === "invariant"
            ? `a ${DESCRIBED[body.kind]} only reads state; change it in a handler`
            : "only handlers change state",
      }),
    );
  const checkPlace = (p: Place) => {
    const root = placeRoot(p);
    if (!writes && root.kind !== "LocalPlace") refuseWrite(`\`${root.name}\` is changed`, p.span);
  };
  const visitor = {
    expr: (e: Expr) => {
      switch (e.kind) {
        case "Now":
          if (body.kind !== "validator") {
            env.report(
              error("E3002", `clock read in replicated code: \`now\` in ${where}`, e.span, {
                help: "replicas must agree: time reaches an organism as a committed command parameter (e.g. `on tick(t: timestamp)`)",
              }),
            );
          }
          return;
        case "Sender":
          if (body.kind !== "handler") {
            env.report(
              error("E3007", `\`sender\` outside a handler: used in ${where}`, e.span, {
                help: "only a command has an author; take the peer as a parameter",
              }),
            );
          }
          return;
        case "AssetOp":
          if (DEBITING_OPS.includes(e.op)) {
            const from = e.args[0];
            if (from && from.kind !== "Sender" && from.kind !== "SelfRef" && from.kind !== "Invalid") {
              env.report(
                error("E3009", `debit of a foreign account: \`${e.asset}.${e.op}\` may only debit \`sender\` or \`self\``, from.span, {
                  label: "this account is not the command's author or the organism",
                  help: "code never debits anyone else: have that peer send the command",
                }),
              );
            }
          }
          if (ASSET_OPS[e.op].writes && !writes) refuseWrite(`\`${e.asset}.${e.op}\``, e.span);
          return;
        case "Mutate":
          return checkPlace(e.place);
        default:
          return;
      }
    },
    stmt: (s: Stmt) => {
      if (s.kind === "Assign") checkPlace(s.target);
      else if ((s.kind === "Emit" || s.kind === "Cite") && !writes) refuseWrite(`\`${s.kind === "Emit" ? "emit" : "cite"}\``, s.span);
    },
  };
  if (body.stmts) walkStmts(body.stmts, visitor);
  for (const e of body.exprs ?? []) walkExpr(e, visitor);
}
