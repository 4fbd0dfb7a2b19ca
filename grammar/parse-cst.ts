// Text -> CST + syntax diagnostics. The single place where chevrotain's offsets, lexer
// errors and recognition exceptions become Smalt Spans and Diagnostics (E0xxx).
import { EOF, type CstNode, type IRecognitionException, type IToken, type TokenType } from "chevrotain";
import type { Diagnostic } from "../compiler/diagnostics/diagnostic.js";
import { error } from "../compiler/diagnostics/make.js";
import type { SourceFile, Span } from "../compiler/source.js";
import { smaltParser } from "./parser.js";
import { displayTokenType, expectationFor } from "./token-names.js";
import { smaltLexer, UnterminatedString } from "./tokens.js";

export interface CstResult {
  readonly cst: CstNode;
  readonly tokens: readonly IToken[];
  readonly comments: readonly IToken[];
  readonly diagnostics: readonly Diagnostic[];
}

export function tokenSpan(file: string, token: IToken): Span {
  return { file, start: token.startOffset, end: (token.endOffset ?? token.startOffset) + 1 };
}

export function parseCst(source: SourceFile): CstResult {
  const diagnostics: Diagnostic[] = [];
  const lexed = smaltLexer.tokenize(source.text);
  for (const e of lexed.errors) {
    const ch = source.text.slice(e.offset, e.offset + e.length);
    diagnostics.push(
      error("E0004", `unrecognised character \`${printable(ch)}\``, { file: source.path, start: e.offset, end: e.offset + e.length }, {
        label: "Smalt has no token starting here",
        help: ch.startsWith("/*") ? "comments start with `//` and run to the end of the line" : undefined,
      }),
    );
  }
  const tokens: IToken[] = [];
  for (const t of lexed.tokens) {
    if (t.tokenType === UnterminatedString) {
      diagnostics.push(
        error("E0003", "unterminated string", tokenSpan(source.path, t), {
          label: "this string is never closed",
          help: 'close it with `"` on the same line',
        }),
      );
      continue;
    }
    tokens.push(t);
  }
  const parser = smaltParser();
  parser.input = tokens;
  const cst = parser.program();
  diagnostics.push(...dedupe(parser.errors.map((e) => recognitionDiagnostic(source, e))));
  return { cst, tokens, comments: lexed.groups["comments"] ?? [], diagnostics };
}

function recognitionDiagnostic(source: SourceFile, e: IRecognitionException): Diagnostic {
  const token = e.token;
  const rule = e.context.ruleStack[e.context.ruleStack.length - 1] ?? "program";
  const expected = expectedFromMessage(e) ?? expectationFor(rule);
  if (token.tokenType === EOF || isNaN(token.startOffset)) {
    const end = source.text.length;
    return error("E0002", `unexpected end of file, expected ${expected}`, { file: source.path, start: end, end }, {
      label: `expected ${expected} here`,
      help: "a `{` may be missing its `}`",
    });
  }
  const found = token.image.length > 30 ? `${token.image.slice(0, 27)}...` : token.image;
  return error("E0001", `unexpected \`${found}\`, expected ${expected}`, tokenSpan(source.path, token), {
    label: `expected ${expected}`,
    help: hintFor(token, e),
  });
}

/** chevrotain's MismatchedTokenException names the one token it wanted; the others list alternatives. */
function expectedFromMessage(e: IRecognitionException): string | undefined {
  const m = /Expecting token of type --> (\w+) <--/.exec(e.message);
  return m ? displayTokenType(m[1]) : undefined;
}

function hintFor(token: IToken, e: IRecognitionException): string | undefined {
  if (token.tokenType.name.startsWith("Kw_") && /Identifier/.test(e.message)) {
    return `\`${token.image}\` is a reserved word; choose another name`;
  }
  if (token.image === ";") return "statements need no `;`";
  return undefined;
}

function dedupe(ds: Diagnostic[]): Diagnostic[] {
  const seen = new Set<number>();
  return ds.filter((d) => {
    if (seen.has(d.primary.span.start)) return false;
    seen.add(d.primary.span.start);
    return true;
  });
}

function printable(s: string): string {
  return [...s].map((c) => (c.charCodeAt(0) < 32 ? `\\u{${c.charCodeAt(0).toString(16)}}` : c)).join("");
}

export type { TokenType };
