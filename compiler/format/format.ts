// The formatter: SourceFile -> its canonical text. A token-stream formatter: it re-emits the
// lexer's tokens and comments (comments.ts) under canonical whitespace rules (layout-rules.ts),
// reading the parsed AST only for what tokens alone cannot tell (token-roles.ts). It refuses
// files with syntax errors, and re-lexes its own output: a file whose tokens or comments would
// change is left alone, with an internal diagnostic instead.
import { smaltLexer } from "../../grammar/tokens.js";
import { hasErrors, type Diagnostic, type Result } from "../diagnostics/diagnostic.js";
import type { SourceFile } from "../source.js";
import { parse } from "../syntax/parse.js";
import { interleave, type Element } from "./comments.js";
import { decideBreaks, render } from "./layout-rules.js";
import { assignRoles, syntaxFacts } from "./token-roles.js";

/** Internal-error code for a formatter that would have changed a file's tokens or comments. */
export const FORMAT_INTERNAL_ERROR = "E9001";

/**
 * The canonical form of `file`, or `undefined` with the parser's diagnostics when the file
 * has syntax errors (or with an internal diagnostic if the formatter would corrupt it).
 * Byte-deterministic and idempotent: `format` of a formatted file returns the same text.
 */
export function format(file: SourceFile): Result<string | undefined> {
  const parsed = parse(file);
  if (hasErrors(parsed.diagnostics)) return { value: undefined, diagnostics: parsed.diagnostics };
  const { elements } = lexElements(file.text);
  const tokens = assignRoles(elements, syntaxFacts(parsed.value));
  const text = render(tokens, decideBreaks(tokens));
  const broken = verifyFormatted(file, elements, text);
  if (broken) return { value: undefined, diagnostics: [...parsed.diagnostics, broken] };
  return { value: text, diagnostics: parsed.diagnostics };
}

// The safety net ----------------------------------------------------------------

/** The element stream of `text`, and whether it lexed without errors. */
export function lexElements(text: string): { elements: Element[]; clean: boolean } {
  const lexed = smaltLexer.tokenize(text);
  return { elements: interleave(text, lexed.tokens, lexed.groups["comments"] ?? []), clean: lexed.errors.length === 0 };
}

/** The first element where `formatted` departs from `original` (kind, type or text), if any. */
function firstDifference(original: readonly Element[], formatted: readonly Element[]): number | undefined {
  const n = Math.max(original.length, formatted.length);
  for (let i = 0; i < n; i++) {
    const a = original[i];
    const b = formatted[i];
    if (!a || !b || a.kind !== b.kind || a.type !== b.type || a.image !== b.image) return i;
  }
  return undefined;
}

/** An internal diagnostic if `formatted` does not have exactly the tokens and comments of `original`. */
export function verifyFormatted(file: SourceFile, original: readonly Element[], formatted: string): Diagnostic | undefined {
  const relexed = lexElements(formatted);
  const at = firstDifference(original, relexed.elements);
  if (relexed.clean && at === undefined) return undefined;
  const offset = at === undefined ? 0 : (original[at]?.start ?? file.text.length);
  const what = !relexed.clean ? "would not lex" : original[at ?? 0]?.kind === "comment" ? "would change a comment" : "would change the tokens";
  return {
    code: FORMAT_INTERNAL_ERROR,
    severity: "error",
    message: `internal error: the formatted text ${what}; the file was left unchanged`,
    primary: { span: { file: file.path, start: offset, end: offset }, message: "the formatter goes wrong near here" },
    secondary: [],
    help: "this is a bug in Smalt's formatter; please report it with this file",
  };
}
