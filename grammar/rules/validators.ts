// Validator declarations: `validator Name { … }` with its jwt and tdx clauses, their
// settings, `expires within`, and the tdx measurement sets (also used by organisms'
// `measurements`).
import type { CstNode, ParserMethod } from "chevrotain";
import * as T from "../tokens.js";
import { DeclarationRules } from "./declarations.js";

const K = T.Keywords;

export abstract class ValidatorRules extends DeclarationRules {
  // Defined by a later layer (statements); declared here so these rules can name it.
  abstract requireStmt: ParserMethod<[], CstNode>;

  validatorDecl = this.RULE("validatorDecl", () => {
    this.CONSUME(K.validator);
    this.CONSUME(T.Identifier);
    this.CONSUME(T.LBrace);
    this.MANY(() =>
      this.OR([
        { ALT: () => this.SUBRULE(this.jwtClause) },
        { ALT: () => this.SUBRULE(this.tdxClause) },
        { ALT: () => this.SUBRULE(this.requireStmt) },
        { ALT: () => this.SUBRULE(this.expiresClause) },
      ]),
    );
    this.CONSUME(T.RBrace);
  });

  expiresClause = this.RULE("expiresClause", () => {
    this.CONSUME(K.expires);
    this.CONSUME(K.within);
    this.SUBRULE(this.expression, { ARGS: [true] });
  });

  jwtClause = this.RULE("jwtClause", () => {
    this.CONSUME(K.jwt);
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.jwtItem));
    this.CONSUME(T.RBrace);
  });

  jwtItem = this.RULE("jwtItem", () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(K.key);
          this.CONSUME(T.Identifier, { LABEL: "algorithm" });
          this.CONSUME(T.HexLiteral);
        },
      },
      { ALT: () => this.SUBRULE(this.stringSetting) },
      {
        ALT: () => {
          this.CONSUME(K.claim);
          this.CONSUME2(T.Identifier, { LABEL: "claimName" });
          this.CONSUME(T.Eq);
          this.SUBRULE(this.expression, { ARGS: [true] });
        },
      },
      { ALT: () => this.SUBRULE(this.valueSetting) },
      { ALT: () => this.CONSUME(K.allow_non_expiring) },
    ]);
  });

  /** `issuer "…"`, `audience "…"`, `subject "…"` */
  stringSetting = this.RULE("stringSetting", () => {
    this.OR([
      { ALT: () => this.CONSUME(K.issuer) },
      { ALT: () => this.CONSUME(K.audience) },
      { ALT: () => this.CONSUME(K.subject) },
    ]);
    this.CONSUME(T.StringLiteral);
  });

  /** `max_age 1h`, `max_lifetime 1d`, `not_before @…` */
  valueSetting = this.RULE("valueSetting", () => {
    this.OR([
      { ALT: () => this.CONSUME(K.max_age) },
      { ALT: () => this.CONSUME(K.max_lifetime) },
      { ALT: () => this.CONSUME(K.not_before) },
    ]);
    this.SUBRULE(this.expression, { ARGS: [true] });
  });

  tdxClause = this.RULE("tdxClause", () => {
    this.CONSUME(K.tdx);
    this.CONSUME(T.LBrace);
    this.MANY(() =>
      this.OR([
        { ALT: () => this.SUBRULE(this.valueSetting) },
        {
          ALT: () => {
            this.CONSUME(K.collateral);
            this.CONSUME(T.HexLiteral);
          },
        },
        {
          ALT: () => {
            this.CONSUME(K.accept);
            this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.CONSUME(T.Identifier, { LABEL: "status" }) });
          },
        },
        { ALT: () => this.SUBRULE(this.measurementVariant) },
        { ALT: () => this.SUBRULE(this.measurementEntry) },
      ]),
    );
    this.CONSUME(T.RBrace);
  });

  measurementEntry = this.RULE("measurementEntry", () => {
    this.CONSUME(T.Identifier);
    this.CONSUME(T.Eq);
    this.OR([{ ALT: () => this.CONSUME(T.HexLiteral) }, { ALT: () => this.CONSUME(K.own) }]);
    this.OPTION(() => this.CONSUME(T.Comma));
  });

  measurementVariant = this.RULE("measurementVariant", () => {
    this.CONSUME(K.variant);
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.measurementEntry));
    this.CONSUME(T.RBrace);
    this.OPTION(() => this.CONSUME(T.Comma));
  });

  measurementSet = this.RULE("measurementSet", () => {
    this.CONSUME(T.LBrace);
    this.MANY(() =>
      this.OR([{ ALT: () => this.SUBRULE(this.measurementVariant) }, { ALT: () => this.SUBRULE(this.measurementEntry) }]),
    );
    this.CONSUME(T.RBrace);
  });
}
