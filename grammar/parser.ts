// Tokens -> CST. The chevrotain CstParser for the whole language, with error recovery on.
// Rule names are the CST node names lower-cst.ts reads. The rules live in rules/, one
// layer per concern, each class extending the one before so that class-field order is
// rule definition order: declarations, validators, organisms, tests, types, statements,
// expressions. The constructor here runs after every layer's rules are defined, so
// self-analysis comes last.
import type { CstNode, IToken } from "chevrotain";
import { ExpressionRules } from "./rules/expressions.js";
import * as T from "./tokens.js";

export class SmaltParser extends ExpressionRules {
  constructor() {
    super(T.allTokens, { recoveryEnabled: true, maxLookahead: 3, nodeLocationTracking: "onlyOffset" });
    this.performSelfAnalysis();
  }
}

/** One parser per process: chevrotain parsers are reusable via `input =`, and self-analysis is costly. */
let shared: SmaltParser | undefined;

export function smaltParser(): SmaltParser {
  shared ??= new SmaltParser();
  return shared;
}

export type { CstNode, IToken };
