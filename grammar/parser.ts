// Tokens -> CST. The chevrotain CstParser for the whole language, with error recovery on.
// Rule names are the CST node names lower-cst.ts reads; expression rules take `allowRecord`
// (false in `if`/`for`/`match` heads, where `{` opens the block, as in Rust).
import { CstParser, type CstNode, type IToken, type TokenType } from "chevrotain";
import * as T from "./tokens.js";

const K = T.Keywords;

export class SmaltParser extends CstParser {
  constructor() {
    super(T.allTokens, { recoveryEnabled: true, maxLookahead: 3, nodeLocationTracking: "onlyOffset" });
    this.performSelfAnalysis();
  }

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

  // Validators --------------------------------------------------------------

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

  // Organisms ---------------------------------------------------------------

  organismDecl = this.RULE("organismDecl", () => {
    this.CONSUME(K.organism);
    this.CONSUME(T.Identifier);
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.organismItem));
    this.CONSUME(T.RBrace);
  });

  organismItem = this.RULE("organismItem", () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.instanceItem) },
      { ALT: () => this.SUBRULE(this.committeeItem) },
      { ALT: () => this.SUBRULE(this.measurementsItem) },
      { ALT: () => this.SUBRULE(this.configItem) },
      { ALT: () => this.SUBRULE(this.usesItem) },
      { ALT: () => this.SUBRULE(this.stateItem) },
      { ALT: () => this.SUBRULE(this.assetItem) },
      { ALT: () => this.SUBRULE(this.streamItem) },
      { ALT: () => this.SUBRULE(this.collectionItem) },
      { ALT: () => this.SUBRULE(this.eventItem) },
      { ALT: () => this.SUBRULE(this.handlerItem) },
      { ALT: () => this.SUBRULE(this.queryItem) },
      { ALT: () => this.SUBRULE(this.invariantItem) },
    ]);
  });

  instanceItem = this.RULE("instanceItem", () => {
    this.CONSUME(K.instance);
    this.CONSUME(T.StringLiteral);
  });

  committeeItem = this.RULE("committeeItem", () => {
    this.CONSUME(K.committee);
    this.CONSUME(T.IntLiteral, { LABEL: "quorum" });
    this.CONSUME(K.of);
    this.CONSUME2(T.IntLiteral, { LABEL: "size" });
  });

  measurementsItem = this.RULE("measurementsItem", () => {
    this.CONSUME(K.measurements);
    this.SUBRULE(this.measurementSet);
  });

  configItem = this.RULE("configItem", () => {
    this.CONSUME(K.config);
    this.SUBRULE(this.fieldDeclBlock);
  });

  stateItem = this.RULE("stateItem", () => {
    this.CONSUME(K.state);
    this.SUBRULE(this.fieldDeclBlock);
  });

  fieldDeclBlock = this.RULE("fieldDeclBlock", () => {
    this.CONSUME(T.LBrace);
    this.MANY(() => {
      this.SUBRULE(this.fieldDecl);
      this.OPTION(() => this.CONSUME(T.Comma));
    });
    this.CONSUME(T.RBrace);
  });

  fieldDecl = this.RULE("fieldDecl", () => {
    this.CONSUME(T.Identifier);
    this.CONSUME(T.Colon);
    this.SUBRULE(this.type);
    this.OPTION(() => {
      this.CONSUME(T.Eq);
      this.SUBRULE(this.expression, { ARGS: [true] });
    });
  });

  usesItem = this.RULE("usesItem", () => {
    this.CONSUME(K.uses);
    this.CONSUME(T.Identifier, { LABEL: "alias" });
    this.CONSUME(T.Eq);
    this.CONSUME(K.organism);
    this.CONSUME(T.StringLiteral);
    this.OR([
      { ALT: () => this.CONSUME(K.follow) },
      {
        ALT: () => {
          this.CONSUME(K.exact);
          this.OPTION(() => this.CONSUME(T.HexLiteral));
        },
      },
    ]);
  });

  assetItem = this.RULE("assetItem", () => {
    this.CONSUME(K.asset);
    this.CONSUME(T.Identifier);
  });

  streamItem = this.RULE("streamItem", () => {
    this.CONSUME(K.stream);
    this.CONSUME(T.Identifier);
    this.OPTION(() => this.SUBRULE(this.requiresList));
  });

  collectionItem = this.RULE("collectionItem", () => {
    this.CONSUME(K.collection);
    this.CONSUME(T.Identifier);
    this.CONSUME(T.Colon);
    this.SUBRULE(this.type);
    this.OPTION(() => this.SUBRULE(this.requiresList));
  });

  requiresList = this.RULE("requiresList", () => {
    this.CONSUME(K.requires);
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.CONSUME(T.Identifier) });
  });

  eventItem = this.RULE("eventItem", () => {
    this.CONSUME(K.event);
    this.CONSUME(T.Identifier);
    this.SUBRULE(this.fieldBlock);
  });

  handlerItem = this.RULE("handlerItem", () => {
    this.CONSUME(K.on);
    this.CONSUME(T.Identifier);
    this.SUBRULE(this.paramList);
    this.OPTION(() => {
      this.CONSUME(K.via);
      this.CONSUME2(T.Identifier, { LABEL: "via" });
    });
    this.SUBRULE(this.block);
  });

  queryItem = this.RULE("queryItem", () => {
    this.CONSUME(K.query);
    this.CONSUME(T.Identifier);
    this.SUBRULE(this.paramList);
    this.CONSUME(T.Arrow);
    this.SUBRULE(this.type);
    this.SUBRULE(this.block);
  });

  invariantItem = this.RULE("invariantItem", () => {
    this.CONSUME(K.invariant);
    this.CONSUME(T.Identifier);
    this.CONSUME(T.LBrace);
    this.SUBRULE(this.expression, { ARGS: [true] });
    this.CONSUME(T.RBrace);
  });

  // Tests -------------------------------------------------------------------

  testDecl = this.RULE("testDecl", () => {
    this.CONSUME(K.test);
    this.CONSUME(T.StringLiteral);
    this.CONSUME(K.for);
    this.CONSUME(T.Identifier);
    this.CONSUME(T.LBrace);
    this.MANY(() =>
      this.OR([{ ALT: () => this.SUBRULE(this.testStep) }, { ALT: () => this.SUBRULE(this.testExpect) }]),
    );
    this.CONSUME(T.RBrace);
  });

  testStep = this.RULE("testStep", () => {
    this.CONSUME(K.as);
    this.OR([
      { ALT: () => this.CONSUME(T.Identifier, { LABEL: "senderName" }) },
      { ALT: () => this.CONSUME(T.HexLiteral, { LABEL: "senderHex" }) },
    ]);
    this.CONSUME2(T.Identifier, { LABEL: "handler" });
    this.SUBRULE(this.argList);
    this.OR2([
      {
        ALT: () => {
          this.CONSUME(K.ok);
          this.OPTION(() => {
            this.CONSUME(K.emits);
            this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.CONSUME3(T.Identifier, { LABEL: "event" }) });
          });
        },
      },
      {
        ALT: () => {
          this.CONSUME(K.rejects);
          this.OPTION2(() => this.CONSUME(T.StringLiteral));
        },
      },
    ]);
  });

  testExpect = this.RULE("testExpect", () => {
    this.CONSUME(K.expect);
    this.SUBRULE(this.expression, { ARGS: [true] });
  });

  // Types -------------------------------------------------------------------

  type = this.RULE("type", () => {
    this.SUBRULE(this.path);
    this.OPTION(() => {
      this.CONSUME(T.Lt);
      this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.typeArg) });
      this.CONSUME(T.Gt);
    });
  });

  typeArg = this.RULE("typeArg", () => {
    this.OR([{ ALT: () => this.CONSUME(T.IntLiteral) }, { ALT: () => this.SUBRULE(this.type) }]);
  });

  // Statements --------------------------------------------------------------

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

  // Expressions (lowest to highest precedence) ------------------------------

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

/** One parser per process: chevrotain parsers are reusable via `input =`, and self-analysis is costly. */
let shared: SmaltParser | undefined;

export function smaltParser(): SmaltParser {
  shared ??= new SmaltParser();
  return shared;
}

export type { CstNode, IToken };
