// Top-level declarations, the first layer of SmaltParser's rules: `program`, the
// `topDecl` dispatch, and network, import, record, enum, const, fn and clearing
// declarations with the pieces they share (paths, field blocks, parameter lists, sort keys).
// Validators, organisms and tests have layers of their own (see ../parser.ts for the order).
import { CstParser, type CstNode, type ParserMethod } from "chevrotain";
import * as T from "../tokens.js";

const K = T.Keywords;

export abstract class DeclarationRules extends CstParser {
  // Defined by later layers; declared here so these rules can name them.
  abstract validatorDecl: ParserMethod<[], CstNode>;
  abstract organismDecl: ParserMethod<[], CstNode>;
  abstract testDecl: ParserMethod<[], CstNode>;
  abstract type: ParserMethod<[], CstNode>;
  abstract block: ParserMethod<[], CstNode>;
  abstract expression: ParserMethod<[allowRecord?: boolean], CstNode>;

  program = this.RULE("program", () => {
    this.MANY(() => this.SUBRULE(this.topDecl));
  });

  topDecl = this.RULE("topDecl", () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.networkDecl) },
      { ALT: () => this.SUBRULE(this.importDecl) },
      { ALT: () => this.SUBRULE(this.recordDecl) },
      { ALT: () => this.SUBRULE(this.enumDecl) },
      { ALT: () => this.SUBRULE(this.constDecl) },
      { ALT: () => this.SUBRULE(this.fnDecl) },
      { ALT: () => this.SUBRULE(this.clearingDecl) },
      { ALT: () => this.SUBRULE(this.validatorDecl) },
      { ALT: () => this.SUBRULE(this.organismDecl) },
      { ALT: () => this.SUBRULE(this.testDecl) },
    ]);
  });

  networkDecl = this.RULE("networkDecl", () => {
    this.CONSUME(K.network);
    this.CONSUME(T.StringLiteral);
  });

  importDecl = this.RULE("importDecl", () => {
    this.CONSUME(K.import);
    this.OR([{ ALT: () => this.CONSUME(T.StringLiteral) }, { ALT: () => this.SUBRULE(this.path) }]);
    this.OPTION(() => {
      this.CONSUME(K.as);
      this.CONSUME(T.Identifier, { LABEL: "alias" });
    });
  });

  path = this.RULE("path", () => {
    this.CONSUME(T.Identifier);
    this.MANY(() => {
      this.CONSUME(T.Dot);
      this.CONSUME2(T.Identifier);
    });
  });

  recordDecl = this.RULE("recordDecl", () => {
    this.CONSUME(K.record);
    this.CONSUME(T.Identifier);
    this.SUBRULE(this.fieldBlock);
  });

  fieldBlock = this.RULE("fieldBlock", () => {
    this.CONSUME(T.LBrace);
    this.MANY(() => {
      this.SUBRULE(this.field);
      this.OPTION(() => this.CONSUME(T.Comma));
    });
    this.CONSUME(T.RBrace);
  });

  field = this.RULE("field", () => {
    this.CONSUME(T.Identifier);
    this.CONSUME(T.Colon);
    this.SUBRULE(this.type);
  });

  enumDecl = this.RULE("enumDecl", () => {
    this.CONSUME(K.enum);
    this.CONSUME(T.Identifier);
    this.CONSUME(T.LBrace);
    this.MANY(() => {
      this.SUBRULE(this.variant);
      this.OPTION(() => this.CONSUME(T.Comma));
    });
    this.CONSUME(T.RBrace);
  });

  variant = this.RULE("variant", () => {
    this.CONSUME(T.Identifier);
    this.OPTION(() => this.SUBRULE(this.fieldBlock));
  });

  constDecl = this.RULE("constDecl", () => {
    this.CONSUME(K.const);
    this.CONSUME(T.Identifier);
    this.CONSUME(T.Colon);
    this.SUBRULE(this.type);
    this.CONSUME(T.Eq);
    this.SUBRULE(this.expression, { ARGS: [true] });
  });

  fnDecl = this.RULE("fnDecl", () => {
    this.CONSUME(K.fn);
    this.CONSUME(T.Identifier);
    this.SUBRULE(this.paramList);
    this.OPTION(() => {
      this.CONSUME(T.Arrow);
      this.SUBRULE(this.type);
    });
    this.SUBRULE(this.block);
  });

  clearingDecl = this.RULE("clearingDecl", () => {
    this.CONSUME(K.clearing);
    this.CONSUME(T.Identifier);
    this.SUBRULE(this.paramList);
    this.CONSUME(T.Arrow);
    this.SUBRULE(this.type);
    this.OPTION(() => {
      this.CONSUME(K.tie_break);
      this.SUBRULE(this.sortKeys);
    });
    this.SUBRULE(this.block);
  });

  paramList = this.RULE("paramList", () => {
    this.CONSUME(T.LParen);
    this.OPTION(() => {
      this.SUBRULE(this.param);
      this.MANY({ GATE: () => this.LA(2).tokenType !== T.RParen, DEF: () => {
        this.CONSUME(T.Comma);
        this.SUBRULE2(this.param);
      } });
      this.OPTION2(() => this.CONSUME2(T.Comma));
    });
    this.CONSUME(T.RParen);
  });

  param = this.RULE("param", () => {
    this.CONSUME(T.Identifier);
    this.CONSUME(T.Colon);
    this.SUBRULE(this.type);
  });

  sortKeys = this.RULE("sortKeys", () => {
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.sortKey) });
  });

  sortKey = this.RULE("sortKey", () => {
    this.CONSUME(T.Identifier);
    this.OR([{ ALT: () => this.CONSUME(K.asc) }, { ALT: () => this.CONSUME(K.desc) }]);
  });
}
