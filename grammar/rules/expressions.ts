// Expressions, lowest to highest precedence, then their suffixes (field, index, call,
// record body) and primaries. Rules that may end in a record literal take `allowRecord`:
// false in `if`/`for`/`match` heads, where `{` opens the block, as in Rust.
import type { TokenType } from "chevrotain";
import * as T from "../tokens.js";
import { StatementRules } from "./statements.js";

const K = T.Keywords;

export abstract class ExpressionRules extends StatementRules {
  expression = this.RULE("expression", (allowRecord?: boolean) => {
    this.SUBRULE(this.andExpr, { ARGS: [allowRecord] });
    this.MANY(() => {
      this.CONSUME(T.OrOr);
      this.SUBRULE2(this.andExpr, { ARGS: [allowRecord] });
    });
  });

  andExpr = this.RULE("andExpr", (allowRecord?: boolean) => {
    this.SUBRULE(this.compareExpr, { ARGS: [allowRecord] });
    this.MANY(() => {
      this.CONSUME(T.AndAnd);
      this.SUBRULE2(this.compareExpr, { ARGS: [allowRecord] });
    });
  });

  compareExpr = this.RULE("compareExpr", (allowRecord?: boolean) => {
    this.SUBRULE(this.addExpr, { ARGS: [allowRecord] });
    this.OPTION(() =>
      this.OR([
        {
          ALT: () => {
            this.OR2([
              { ALT: () => this.CONSUME(T.EqEq) },
              { ALT: () => this.CONSUME(T.NotEq) },
              { ALT: () => this.CONSUME(T.LtEq) },
              { ALT: () => this.CONSUME(T.GtEq) },
              { ALT: () => this.CONSUME(T.Lt) },
              { ALT: () => this.CONSUME(T.Gt) },
            ]);
            this.SUBRULE2(this.addExpr, { ARGS: [allowRecord] });
          },
        },
        {
          ALT: () => {
            this.CONSUME(K.is);
            this.SUBRULE(this.path);
          },
        },
      ]),
    );
  });

  addExpr = this.RULE("addExpr", (allowRecord?: boolean) => {
    this.SUBRULE(this.mulExpr, { ARGS: [allowRecord] });
    this.MANY(() => {
      this.OR([{ ALT: () => this.CONSUME(T.Plus) }, { ALT: () => this.CONSUME(T.Minus) }]);
      this.SUBRULE2(this.mulExpr, { ARGS: [allowRecord] });
    });
  });

  mulExpr = this.RULE("mulExpr", (allowRecord?: boolean) => {
    this.SUBRULE(this.unaryExpr, { ARGS: [allowRecord] });
    this.MANY(() => {
      this.OR([
        { ALT: () => this.CONSUME(T.Star) },
        { ALT: () => this.CONSUME(T.Slash) },
        { ALT: () => this.CONSUME(T.Percent) },
      ]);
      this.SUBRULE2(this.unaryExpr, { ARGS: [allowRecord] });
    });
  });

  unaryExpr = this.RULE("unaryExpr", (allowRecord?: boolean) => {
    this.OR([
      {
        ALT: () => {
          this.OR2([{ ALT: () => this.CONSUME(T.Minus) }, { ALT: () => this.CONSUME(T.Bang) }]);
          this.SUBRULE(this.unaryExpr, { ARGS: [allowRecord] });
        },
      },
      { ALT: () => this.SUBRULE(this.postfixExpr, { ARGS: [allowRecord] }) },
    ]);
  });

  postfixExpr = this.RULE("postfixExpr", (allowRecord?: boolean) => {
    this.SUBRULE(this.primary, { ARGS: [allowRecord] });
    this.MANY({
      // In `if`/`for`/`match` heads a `{` opens the block, never a record literal.
      GATE: () => allowRecord !== false || this.LA(1).tokenType !== T.LBrace,
      DEF: () =>
        this.OR([
          { ALT: () => this.SUBRULE(this.fieldSuffix) },
          { ALT: () => this.SUBRULE(this.indexSuffix) },
          { ALT: () => this.SUBRULE(this.argList) },
          { ALT: () => this.SUBRULE(this.recordBody) },
        ]),
    });
  });

  fieldSuffix = this.RULE("fieldSuffix", () => {
    this.CONSUME(T.Dot);
    this.CONSUME(T.Identifier);
  });

  indexSuffix = this.RULE("indexSuffix", () => {
    this.CONSUME(T.LBracket);
    this.SUBRULE(this.expression, { ARGS: [true] });
    this.CONSUME(T.RBracket);
  });

  argList = this.RULE("argList", () => {
    this.CONSUME(T.LParen);
    this.SUBRULE(this.trailingCommaExprs, { ARGS: [T.RParen] });
    this.CONSUME(T.RParen);
  });

  recordBody = this.RULE("recordBody", () => {
    this.CONSUME(T.LBrace);
    this.MANY(() => {
      this.SUBRULE(this.fieldInit);
      this.OPTION(() => this.CONSUME(T.Comma));
    });
    this.CONSUME(T.RBrace);
  });

  fieldInit = this.RULE("fieldInit", () => {
    this.CONSUME(T.Identifier);
    this.CONSUME(T.Colon);
    this.SUBRULE(this.expression, { ARGS: [true] });
  });

  primary = this.RULE("primary", (allowRecord?: boolean) => {
    this.OR([
      { ALT: () => this.CONSUME(T.IntLiteral) },
      { ALT: () => this.CONSUME(T.FloatLiteral) },
      { ALT: () => this.CONSUME(T.StringLiteral) },
      { ALT: () => this.CONSUME(T.HexLiteral) },
      { ALT: () => this.CONSUME(T.DurationLiteral) },
      { ALT: () => this.CONSUME(T.TimestampLiteral) },
      { ALT: () => this.CONSUME(K.true) },
      { ALT: () => this.CONSUME(K.false) },
      { ALT: () => this.CONSUME(K.none) },
      { ALT: () => this.CONSUME(K.some) },
      { ALT: () => this.SUBRULE(this.parenExpr) },
      { ALT: () => this.SUBRULE(this.listLiteral) },
      { ALT: () => this.SUBRULE(this.ifExpr) },
      { ALT: () => this.SUBRULE(this.sortExpr) },
      { ALT: () => this.SUBRULE(this.quantExpr, { ARGS: [allowRecord] }) },
      { ALT: () => this.CONSUME(T.Identifier) },
    ]);
  });

  /** `a, b, c` with an optional trailing comma, up to the closing token `close`. */
  trailingCommaExprs = this.RULE("trailingCommaExprs", (close?: TokenType) => {
    this.OPTION(() => {
      this.SUBRULE(this.expression, { ARGS: [true] });
      this.MANY({
        GATE: () => this.LA(2).tokenType !== close,
        DEF: () => {
          this.CONSUME(T.Comma);
          this.SUBRULE2(this.expression, { ARGS: [true] });
        },
      });
      this.OPTION2(() => this.CONSUME2(T.Comma));
    });
  });

  parenExpr = this.RULE("parenExpr", () => {
    this.CONSUME(T.LParen);
    this.SUBRULE(this.expression, { ARGS: [true] });
    this.CONSUME(T.RParen);
  });

  listLiteral = this.RULE("listLiteral", () => {
    this.CONSUME(T.LBracket);
    this.SUBRULE(this.trailingCommaExprs, { ARGS: [T.RBracket] });
    this.CONSUME(T.RBracket);
  });

  ifExpr = this.RULE("ifExpr", () => {
    this.CONSUME(K.if);
    this.SUBRULE(this.expression, { ARGS: [false] });
    this.SUBRULE(this.block);
    this.OPTION(() => {
      this.CONSUME(K.else);
      this.OR([{ ALT: () => this.SUBRULE(this.ifExpr) }, { ALT: () => this.SUBRULE2(this.block) }]);
    });
  });

  sortExpr = this.RULE("sortExpr", () => {
    this.CONSUME(K.sort);
    this.CONSUME(T.LParen);
    this.SUBRULE(this.expression, { ARGS: [true] });
    this.CONSUME(K.by);
    this.SUBRULE(this.sortKeys);
    this.CONSUME(T.RParen);
  });

  quantExpr = this.RULE("quantExpr", (allowRecord?: boolean) => {
    this.OR([
      { ALT: () => this.CONSUME(K.all) },
      { ALT: () => this.CONSUME(K.any) },
      { ALT: () => this.CONSUME(K.sum) },
      { ALT: () => this.CONSUME(K.count) },
    ]);
    this.SUBRULE(this.binders);
    this.CONSUME(K.in);
    this.SUBRULE(this.expression, { ARGS: [false] });
    this.CONSUME(T.Colon);
    this.SUBRULE2(this.expression, { ARGS: [allowRecord] });
  });
}
