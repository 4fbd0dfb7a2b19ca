// Text -> tokens. The Smalt lexer: every token type, keywords before identifiers,
// comments kept in their own group so the formatter can see them.
import { createToken, Lexer, type TokenType } from "chevrotain";

export const Identifier = createToken({ name: "Identifier", pattern: /[A-Za-z_][A-Za-z0-9_]*/ });

/** Reserved words: never identifiers. */
const hardKeywordNames = [
  "as", "for", "in", "let", "var", "require", "else", "if", "match",
  "return", "emit", "cite", "while", "loop", "true", "false", "none", "some", "is", "sort",
] as const;

/** Contextual words: keywords where the grammar expects them, identifiers everywhere else. */
const softKeywordNames = [
  "network", "import", "record", "enum", "const", "fn", "validator", "organism", "test", "on",
  "query", "invariant", "clearing", "tie_break", "jwt", "tdx", "instance", "committee", "of", "measurements", "variant", "config",
  "uses", "follow", "exact", "state", "asset", "stream", "collection", "requires", "event", "via",
  "all", "any", "sum", "count", "by", "asc", "desc", "expires", "within", "key", "issuer",
  "audience", "subject", "claim", "max_age", "max_lifetime", "allow_non_expiring", "not_before",
  "collateral", "accept", "own", "expect", "ok", "rejects", "emits",
] as const;

export type KeywordName = (typeof hardKeywordNames)[number] | (typeof softKeywordNames)[number];

function keyword(name: string, soft: boolean): TokenType {
  return createToken({
    name: `Kw_${name}`,
    pattern: new RegExp(`${name}\\b`),
    longer_alt: Identifier,
    categories: soft ? [Identifier] : [],
  });
}

export const Keywords: Readonly<Record<KeywordName, TokenType>> = Object.fromEntries([
  ...hardKeywordNames.map((n) => [n, keyword(n, false)]),
  ...softKeywordNames.map((n) => [n, keyword(n, true)]),
]) as Record<KeywordName, TokenType>;

export const WhiteSpace = createToken({ name: "WhiteSpace", pattern: /[ \t\r\n]+/, group: Lexer.SKIPPED, line_breaks: true });
export const LineComment = createToken({ name: "LineComment", pattern: /\/\/[^\n\r]*/, group: "comments" });

// Literals. Order matters: longer/more specific patterns first.
export const TimestampLiteral = createToken({ name: "TimestampLiteral", pattern: /@\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z/ });
export const HexLiteral = createToken({ name: "HexLiteral", pattern: /0x[0-9A-Fa-f_]*/ });
export const FloatLiteral = createToken({ name: "FloatLiteral", pattern: /\d[\d_]*\.\d[\d_]*/ });
export const DurationLiteral = createToken({ name: "DurationLiteral", pattern: /\d[\d_]*[smhd]\b/ });
export const IntLiteral = createToken({ name: "IntLiteral", pattern: /\d[\d_]*/ });
export const StringLiteral = createToken({ name: "StringLiteral", pattern: /"(?:[^"\\\n\r]|\\.)*"/ });
/** An unterminated string: matched only so the lexer can report it precisely (E0003). */
export const UnterminatedString = createToken({ name: "UnterminatedString", pattern: /"(?:[^"\\\n\r]|\\.)*/ });

// Punctuation.
export const Arrow = createToken({ name: "Arrow", pattern: /->/ });
export const FatArrow = createToken({ name: "FatArrow", pattern: /=>/ });
export const EqEq = createToken({ name: "EqEq", pattern: /==/ });
export const NotEq = createToken({ name: "NotEq", pattern: /!=/ });
export const LtEq = createToken({ name: "LtEq", pattern: /<=/ });
export const GtEq = createToken({ name: "GtEq", pattern: />=/ });
export const PlusEq = createToken({ name: "PlusEq", pattern: /\+=/ });
export const MinusEq = createToken({ name: "MinusEq", pattern: /-=/ });
export const StarEq = createToken({ name: "StarEq", pattern: /\*=/ });
export const AndAnd = createToken({ name: "AndAnd", pattern: /&&/ });
export const OrOr = createToken({ name: "OrOr", pattern: /\|\|/ });
export const Lt = createToken({ name: "Lt", pattern: /</ });
export const Gt = createToken({ name: "Gt", pattern: />/ });
export const Eq = createToken({ name: "Eq", pattern: /=/ });
export const Plus = createToken({ name: "Plus", pattern: /\+/ });
export const Minus = createToken({ name: "Minus", pattern: /-/ });
export const Star = createToken({ name: "Star", pattern: /\*/ });
export const Slash = createToken({ name: "Slash", pattern: /\// });
export const Percent = createToken({ name: "Percent", pattern: /%/ });
export const Bang = createToken({ name: "Bang", pattern: /!/ });
export const LBrace = createToken({ name: "LBrace", pattern: /\{/ });
export const RBrace = createToken({ name: "RBrace", pattern: /\}/ });
export const LParen = createToken({ name: "LParen", pattern: /\(/ });
export const RParen = createToken({ name: "RParen", pattern: /\)/ });
export const LBracket = createToken({ name: "LBracket", pattern: /\[/ });
export const RBracket = createToken({ name: "RBracket", pattern: /\]/ });
export const Comma = createToken({ name: "Comma", pattern: /,/ });
export const Colon = createToken({ name: "Colon", pattern: /:/ });
export const Semicolon = createToken({ name: "Semicolon", pattern: /;/ });
export const Dot = createToken({ name: "Dot", pattern: /\./ });

export const allTokens: TokenType[] = [
  WhiteSpace,
  LineComment,
  TimestampLiteral,
  HexLiteral,
  FloatLiteral,
  DurationLiteral,
  IntLiteral,
  StringLiteral,
  UnterminatedString,
  Arrow,
  FatArrow,
  EqEq,
  NotEq,
  LtEq,
  GtEq,
  PlusEq,
  MinusEq,
  StarEq,
  AndAnd,
  OrOr,
  Lt,
  Gt,
  Eq,
  Plus,
  Minus,
  Star,
  Slash,
  Percent,
  Bang,
  LBrace,
  RBrace,
  LParen,
  RParen,
  LBracket,
  RBracket,
  Comma,
  Colon,
  Semicolon,
  Dot,
  ...Object.values(Keywords),
  Identifier,
];

/** One lexer for the whole process: chevrotain lexers are immutable after construction. */
export const smaltLexer = new Lexer(allTokens, { positionTracking: "full", ensureOptimizations: false });
