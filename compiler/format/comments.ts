// Formatter, step 1: lexer output -> one stream of elements, code tokens and `//` comments
// interleaved by offset, each knowing how many line breaks the author put before it.
// Comments are the only trivia that survive formatting; everything else is whitespace.

/** The part of a lexer token the formatter reads (structurally a chevrotain IToken). */
export interface LexedToken {
  readonly image: string;
  readonly startOffset: number;
  readonly tokenType: { readonly name: string };
}

export type ElementKind = "code" | "comment";

/** One code token or comment, in source order. */
export interface Element {
  readonly kind: ElementKind;
  /** The lexer's token type name (`LineComment` for comments). */
  readonly type: string;
  /** The token's text; a comment's trailing spaces and tabs are dropped (they are whitespace). */
  readonly image: string;
  readonly start: number;
  /** Line breaks in the source between the previous element (or the file start) and this one. */
  readonly sourceBreaks: number;
}

/** `\r\n`, a lone `\r` and `\n` each end a line (the lexer's whitespace token accepts all three). */
export function countLineBreaks(whitespace: string): number {
  let n = 0;
  for (let i = 0; i < whitespace.length; i++) {
    const c = whitespace.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13 && whitespace.charCodeAt(i + 1) !== 10) n++;
  }
  return n;
}

/** The text a comment keeps: everything from `//` to the end of its line, minus trailing blanks. */
export function commentText(image: string): string {
  return image.replace(/[ \t]+$/, "");
}

/** Merge code tokens and comments (both already in offset order) into one element stream. */
export function interleave(text: string, code: readonly LexedToken[], comments: readonly LexedToken[]): Element[] {
  const out: Element[] = [];
  let i = 0;
  let j = 0;
  let previousEnd = 0;
  while (i < code.length || j < comments.length) {
    const takeComment = i >= code.length || (j < comments.length && comments[j].startOffset < code[i].startOffset);
    const t = takeComment ? comments[j++] : code[i++];
    out.push({
      kind: takeComment ? "comment" : "code",
      type: t.tokenType.name,
      image: takeComment ? commentText(t.image) : t.image,
      start: t.startOffset,
      sourceBreaks: countLineBreaks(text.slice(previousEnd, t.startOffset)),
    });
    previousEnd = t.startOffset + t.image.length;
  }
  return out;
}

/** The comments of a stream, as the formatter promises to keep them: same texts, same order. */
export function commentTexts(elements: readonly Element[]): string[] {
  return elements.filter((e) => e.kind === "comment").map((e) => e.image);
}
