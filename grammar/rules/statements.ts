// Statements: blocks and every statement form (let/var, require, if, for, while/loop,
// match with its arms and patterns, return, emit, cite, expression and assignment).
// Heads of `if`/`for`/`while`/`match` parse their expression with `allowRecord` false.
import type { CstNode, ParserMethod } from "chevrotain";
import * as T from "../tokens.js";
import { TypeRules } from "./types.js";

const K = T.Keywords;

export abstract class StatementRules extends TypeRules {
  // Defined by a later layer (expressions); declared here so these rules can name it.
  abstract recordBody: ParserMethod<[], CstNode>;

  block = this.RULE("block", () => {
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.statement));
    this.CONSUME(T.RBrace);
  });

  statement = this.RULE("statement", () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.letStmt) },
      { ALT: () => this.SUBRULE(this.requireStmt) },
      // `if` at statement start is a statement, never an if-expression statement.
      { ALT: () => this.SUBRULE(this.ifStmt), IGNORE_AMBIGUITIES: true },
      { ALT: () => this.SUBRULE(this.forStmt) },
      { ALT: () => this.SUBRULE(this.whileStmt) },
      { ALT: () => this.SUBRULE(this.matchStmt) },
      { ALT: () => this.SUBRULE(this.returnStmt) },
      { ALT: () => this.SUBRULE(this.emitStmt) },
      { ALT: () => this.SUBRULE(this.citeStmt) },
      { ALT: () => this.SUBRULE(this.exprStmt) },
      { ALT: () => this.CONSUME(T.Semicolon) },
    ]);
  });

  letStmt = this.RULE("letStmt", () => {
    this.OR([{ ALT: () => this.CONSUME(K.let) }, { ALT: () => this.CONSUME(K.var) }]);
    this.CONSUME(T.Identifier);
    this.OPTION(() => {
      this.CONSUME(T.Colon);
      this.SUBRULE(this.type);
    });
    this.CONSUME(T.Eq);
    this.SUBRULE(this.expression, { ARGS: [true] });
  });

  requireStmt = this.RULE("requireStmt", () => {
    this.CONSUME(K.require);
    this.SUBRULE(this.expression, { ARGS: [true] });
    this.OPTION(() => {
      this.CONSUME(K.else);
      this.CONSUME(T.StringLiteral);
    });
  });

  ifStmt = this.RULE("ifStmt", () => {
    this.CONSUME(K.if);
    this.SUBRULE(this.expression, { ARGS: [false] });
    this.SUBRULE(this.block);
    this.OPTION(() => {
      this.CONSUME(K.else);
      this.OR([{ ALT: () => this.SUBRULE(this.ifStmt) }, { ALT: () => this.SUBRULE2(this.block) }]);
    });
  });

  forStmt = this.RULE("forStmt", () => {
    this.CONSUME(K.for);
    this.SUBRULE(this.binders);
    this.CONSUME(K.in);
    this.SUBRULE(this.expression, { ARGS: [false] });
    this.SUBRULE(this.block);
  });

  binders = this.RULE("binders", () => {
    this.CONSUME(T.Identifier);
    this.OPTION(() => {
      this.CONSUME(T.Comma);
      this.CONSUME2(T.Identifier);
    });
  });

  whileStmt = this.RULE("whileStmt", () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(K.while);
          this.SUBRULE(this.expression, { ARGS: [false] });
        },
      },
      { ALT: () => this.CONSUME(K.loop) },
    ]);
    this.SUBRULE(this.block);
  });

  matchStmt = this.RULE("matchStmt", () => {
    this.CONSUME(K.match);
    this.SUBRULE(this.expression, { ARGS: [false] });
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.matchArm));
    this.CONSUME(T.RBrace);
  });

  matchArm = this.RULE("matchArm", () => {
    this.SUBRULE(this.pattern);
    this.CONSUME(T.FatArrow);
    this.SUBRULE(this.block);
    this.OPTION(() => this.CONSUME(T.Comma));
  });

  pattern = this.RULE("pattern", () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(K.some);
          this.CONSUME(T.LParen);
          this.CONSUME(T.Identifier, { LABEL: "binding" });
          this.CONSUME(T.RParen);
        },
      },
      { ALT: () => this.CONSUME(K.none) },
      {
        ALT: () => {
          this.SUBRULE(this.path);
          this.OPTION(() => {
            this.CONSUME2(T.LParen);
            this.CONSUME2(T.Identifier, { LABEL: "binding" });
            this.CONSUME2(T.RParen);
          });
        },
      },
    ]);
  });

  returnStmt = this.RULE("returnStmt", () => {
    this.CONSUME(K.return);
    this.OPTION(() => this.SUBRULE(this.expression, { ARGS: [true] }));
  });

  emitStmt = this.RULE("emitStmt", () => {
    this.CONSUME(K.emit);
    this.SUBRULE(this.path);
    this.SUBRULE(this.recordBody);
  });

  citeStmt = this.RULE("citeStmt", () => {
    this.CONSUME(K.cite);
    this.SUBRULE(this.expression, { ARGS: [true] });
  });

  exprStmt = this.RULE("exprStmt", () => {
    this.SUBRULE(this.expression, { ARGS: [true] });
    this.OPTION(() => {
      this.OR([
        { ALT: () => this.CONSUME(T.Eq) },
        { ALT: () => this.CONSUME(T.PlusEq) },
        { ALT: () => this.CONSUME(T.MinusEq) },
        { ALT: () => this.CONSUME(T.StarEq) },
      ]);
      this.SUBRULE2(this.expression, { ARGS: [true] });
    });
  });
}
