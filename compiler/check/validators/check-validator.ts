// Static checks of a `validator` declaration: exactly one jwt or tdx clause (E4005), and
// each clause configurable as the mosaik TicketValidator it stands for. A declaration with
// no diagnostics here can be turned into a mosaik config by fingerprint/validator-config.ts.
// The `require` predicates and `expires within` are type-checked by the main checker.
import { type Diagnostic, sortDiagnostics } from "../../diagnostics/diagnostic.js";
import { error } from "../../diagnostics/make.js";
import type { JwtClause, TdxClause, ValidatorDecl } from "../../syntax/ast.js";
import type { Span } from "../../source.js";
import { keywordSpan } from "./ast-readers.js";
import { checkJwtClause } from "./check-jwt.js";
import { checkTdxClause } from "./check-tdx.js";

export function checkValidatorDecl(decl: ValidatorDecl): Diagnostic[] {
  const diagnostics: Diagnostic[] = [...checkClauseCount(decl)];
  for (const clause of decl.clauses) {
    diagnostics.push(...(clause.kind === "JwtClause" ? checkJwtClause(clause) : checkTdxClause(clause)));
  }
  return sortDiagnostics(diagnostics);
}

function checkClauseCount(decl: ValidatorDecl): Diagnostic[] {
  const name = decl.name.name;
  if (decl.clauses.length === 0) {
    return [
      error("E4005", `validator \`${name}\` has no jwt or tdx clause`, decl.name.span, {
        label: "no jwt or tdx clause",
        help: "a validator is one mosaik TicketValidator: add `jwt { key … }` for signed tokens or `tdx { mrtd = 0x… }` for TDX quotes",
      }),
    ];
  }
  const [first, ...extra] = decl.clauses;
  return extra.map((clause) =>
    error("E4005", `validator \`${name}\` has ${decl.clauses.length} clauses; it needs exactly one jwt or tdx clause`, clauseKeyword(clause), {
      label: "a second clause",
      secondary: [{ span: clauseKeyword(first), message: "first clause here" }],
      help: `declare each clause as its own validator and list both in \`requires\`: mosaik ANDs the validators of a surface`,
    }),
  );
}

function clauseKeyword(clause: JwtClause | TdxClause): Span {
  return keywordSpan(clause.span, clause.kind === "JwtClause" ? "jwt" : "tdx");
}
