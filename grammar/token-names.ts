// How syntax errors name what the parser expected: token types and grammar rules in user words.

const punctuation: Readonly<Record<string, string>> = {
  Arrow: "`->`",
  FatArrow: "`=>`",
  EqEq: "`==`",
  NotEq: "`!=`",
  LtEq: "`<=`",
  GtEq: "`>=`",
  PlusEq: "`+=`",
  MinusEq: "`-=`",
  StarEq: "`*=`",
  AndAnd: "`&&`",
  OrOr: "`||`",
  Lt: "`<`",
  Gt: "`>`",
  Eq: "`=`",
  Plus: "`+`",
  Minus: "`-`",
  Star: "`*`",
  Slash: "`/`",
  Percent: "`%`",
  Bang: "`!`",
  LBrace: "`{`",
  RBrace: "`}`",
  LParen: "`(`",
  RParen: "`)`",
  LBracket: "`[`",
  RBracket: "`]`",
  Comma: "`,`",
  Colon: "`:`",
  Semicolon: "`;`",
  Dot: "`.`",
  Identifier: "a name",
  IntLiteral: "an integer",
  StringLiteral: "a string",
  HexLiteral: "a hex literal (`0x…`)",
  DurationLiteral: "a duration (`30s`, `1h`)",
  TimestampLiteral: "a timestamp (`@2025-06-01T00:00:00Z`)",
};

export function displayTokenType(name: string): string {
  if (name.startsWith("Kw_")) return `\`${name.slice(3)}\``;
  return punctuation[name] ?? name;
}

const rules: Readonly<Record<string, string>> = {
  program: "a declaration (`organism`, `validator`, `record`, `fn`, …)",
  topDecl: "a declaration (`organism`, `validator`, `record`, `fn`, …)",
  organismDecl: "an organism item (`instance`, `state`, `on`, `query`, …)",
  organismItem: "an organism item (`instance`, `state`, `on`, `query`, …)",
  validatorDecl: "a `jwt` or `tdx` clause, `require` or `expires within`",
  jwtClause: "a jwt setting (`key`, `issuer`, `audience`, `claim`, `max_age`, …)",
  jwtItem: "a jwt setting (`key`, `issuer`, `audience`, `claim`, `max_age`, …)",
  tdxClause: "a tdx setting (`mrtd = 0x…`, `variant`, `max_age`, …)",
  measurementSet: "a measurement (`mrtd = 0x…`) or `variant { … }`",
  measurementEntry: "a measurement (`mrtd = 0x…`)",
  usesItem: "`follow` or `exact 0x…`",
  block: "a statement",
  statement: "a statement",
  type: "a type",
  typeArg: "a type or a capacity",
  pattern: "a pattern (`Enum.Variant`, `some(x)`, `none`, `_`)",
  matchArm: "a match arm (`pattern => { … }`)",
  sortKey: "`asc` or `desc`",
  testDecl: "a test step (`as peer handler(…) ok`) or `expect …`",
  testStep: "`ok` or `rejects`",
};

const expressionRules = new Set([
  "expression",
  "andExpr",
  "compareExpr",
  "addExpr",
  "mulExpr",
  "unaryExpr",
  "postfixExpr",
  "primary",
  "parenExpr",
  "listLiteral",
  "quantExpr",
  "sortExpr",
  "ifExpr",
  "argList",
  "fieldInit",
  "recordBody",
  "indexSuffix",
  "exprStmt",
]);

export function expectationFor(rule: string): string {
  if (expressionRules.has(rule)) return "an expression";
  return rules[rule] ?? "something else";
}
