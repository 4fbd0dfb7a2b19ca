// Small helpers shared by the validator and organism-structure checks: the bytes of a hex
// literal, the span of an item's leading keyword, counted nouns, "did you mean" help texts.
import { fromHex } from "../../fingerprint/bytes.js";
import type { BytesLit } from "../../syntax/ast.js";
import type { Span } from "../../source.js";

/**
 * The bytes of a hex literal, or undefined when the literal is malformed (empty or an odd
 * number of digits): the parser has already reported E0005 there, so size checks stay quiet.
 */
export function literalBytes(lit: BytesLit): Uint8Array | undefined {
  if (lit.hex.length === 0) return undefined;
  return fromHex(lit.hex);
}

/** The span of the keyword an item starts with (`state`, `jwt`, …): items' spans begin at it. */
export function keywordSpan(itemSpan: Span, keyword: string): Span {
  return { file: itemSpan.file, start: itemSpan.start, end: Math.min(itemSpan.end, itemSpan.start + keyword.length) };
}

/** The span of the keyword an item ends with (`exact` in a `uses` without a hash). */
export function trailingKeywordSpan(itemSpan: Span, keyword: string): Span {
  return { file: itemSpan.file, start: Math.max(itemSpan.start, itemSpan.end - keyword.length), end: itemSpan.end };
}

/** "1 byte", "48 bytes". */
export function bytesNoun(n: number): string {
  return `${n} byte${n === 1 ? "" : "s"}`;
}

/** A help text opening with "did you mean `x`?" when there is a suggestion. */
export function withSuggestion(suggestion: string | undefined, rest: string): string {
  return suggestion === undefined ? rest : `${suggestion} ${rest}`;
}
