// Formatter, step 3: the canonical whitespace rules over role-tagged tokens, and the printer
// that applies them. Where lines break (the author's breaks, normalised), how tokens on one
// line are spaced, how lines are indented. Every rule reads tokens and line breaks only, so
// formatting a formatted file changes nothing.
import type { Token } from "./token-roles.js";

/** Line breaks before an element: 0 = same line, 1 = next line, 2 = after one blank line. */
export type Breaks = readonly number[];

/**
 * The author's line breaks, normalised:
 * - at most one blank line anywhere; none at the start of the file, none right after an
 *   opening bracket (or its end-of-line comment), none right before a closing one;
 * - `{`, `else` after `}`, and `if` after `else` join the line before (unless a comment ends it);
 * - an empty `{ }` becomes `{}`; a `{ … }` spanning lines gets its contents on lines of their own;
 * - a comment always ends its line.
 */
export function decideBreaks(tokens: readonly Token[]): number[] {
  const breaks = tokens.map((t, i) => (i === 0 ? 0 : Math.min(t.sourceBreaks, 2)));
  for (let i = 1; i < tokens.length; i++) {
    const prev = tokens[i - 1];
    if (prev.kind === "comment") breaks[i] = Math.max(breaks[i], 1);
    else if (tokens[i].kind === "code" && joinsLineBefore(prev, tokens[i])) breaks[i] = 0;
  }

  const braces = tokens.flatMap((t, open) => (t.type === "LBrace" && t.bracket === "open" ? [{ open, close: t.partner }] : []));
  for (const { open, close } of braces) if (close === open + 1) breaks[close] = 0;
  // Breaks forced inside a pair never change whether an enclosing pair spans lines, so one count suffices.
  const breaksUpTo: number[] = [];
  let seen = 0;
  for (const b of breaks) breaksUpTo.push((seen += b > 0 ? 1 : 0));
  for (const { open, close } of braces) {
    if (breaksUpTo[close] - breaksUpTo[open] > 0) {
      if (tokens[open + 1].kind === "code") breaks[open + 1] = Math.max(breaks[open + 1], 1);
      breaks[close] = Math.max(breaks[close], 1);
    }
  }

  for (let i = 1; i < tokens.length; i++) {
    if (breaks[i] === 2 && (tokens[i].bracket === "close" || lineEndsWithOpener(tokens, breaks, i - 1))) breaks[i] = 1;
  }
  return breaks;
}

function joinsLineBefore(prev: Token, cur: Token): boolean {
  if (cur.type === "LBrace") return true;
  if (cur.type === "Kw_else") return prev.type === "RBrace";
  return cur.type === "Kw_if" && prev.type === "Kw_else";
}

/** Is element `i` the last of a line whose last code token opens a bracket? */
function lineEndsWithOpener(tokens: readonly Token[], breaks: Breaks, i: number): boolean {
  const last = tokens[i].kind === "comment" && breaks[i] === 0 && i > 0 ? tokens[i - 1] : tokens[i];
  return last.kind === "code" && last.bracket === "open";
}

const tightBefore = new Set(["Comma", "Colon", "Semicolon", "Dot"]);

/**
 * The space between two code tokens on one line: one space, except none before `,` `:` `;`,
 * around `.`, inside `(…)` `[…]` `<…>`, before a hugging opener (`f(x)`, `xs[i]`,
 * `list<T>`), after a unary operator (`-x`, `!ok`), and inside an empty `{}`. Braces always
 * keep one space inside (`{ a: 1 }`, `{ ; }`).
 */
function spaceBetween(prev: Token, cur: Token): string {
  if (prev.type === "LBrace") return cur.type === "RBrace" ? "" : " ";
  if (tightBefore.has(cur.type) || prev.type === "Dot") return "";
  if (prev.bracket === "open" || (cur.bracket === "close" && cur.type !== "RBrace")) return "";
  return cur.hugs || prev.unary ? "" : " ";
}

/**
 * Does the line starting with code token `i` continue the construct of the line above
 * (and so take one extra indent)? No when it starts a sequence element, opens a block,
 * follows an opener, `,` or `;`, or is the `else` after a `}`.
 */
function continuesLineAbove(tokens: readonly Token[], i: number, previousCode: number): boolean {
  const t = tokens[i];
  if (t.unitStart || t.type === "LBrace" || previousCode < 0) return false;
  const p = tokens[previousCode];
  if (p.bracket === "open" || p.type === "Comma" || p.type === "Semicolon") return false;
  return !(t.type === "Kw_else" && p.type === "RBrace");
}

// Printing ------------------------------------------------------------------------

const INDENT = "  ";

/**
 * Tokens + decided breaks -> text. Indentation is two spaces per level: a line inside an open
 * bracket sits one level deeper than the line that opened it, a line starting with a closer
 * sits level with its opener's line, and a line continuing the one above takes one extra
 * level. Own-line comments are indented like the code line that follows them (like the
 * contents, when that line starts with a closer); end-of-line comments follow one space.
 */
export function render(tokens: readonly Token[], breaks: Breaks): string {
  if (tokens.length === 0) return "";
  const nextCode = nextCodeIndices(tokens);
  const lines: string[] = [];
  const openLineIndents: number[] = []; // for each open bracket, the indent of the line it is on
  let line = "";
  let lineIndent = 0;
  let previousCode = -1;

  const innerIndent = (): number => (openLineIndents.length === 0 ? 0 : openLineIndents[openLineIndents.length - 1] + 1);
  const indentOf = (i: number): number => {
    const lead = tokens[i].kind === "code" ? i : nextCode[i];
    if (lead < 0) return innerIndent(); // comments at the end of the file
    if (tokens[lead].bracket === "close") {
      // A closer sits level with its opener's line; comments just before it, with the contents.
      return lead === i ? openLineIndents[openLineIndents.length - 1] : innerIndent();
    }
    return innerIndent() + (continuesLineAbove(tokens, lead, previousCode) ? 1 : 0);
  };

  tokens.forEach((t, i) => {
    if (i === 0 || breaks[i] > 0) {
      if (i > 0) lines.push(line);
      if (breaks[i] > 1) lines.push("");
      lineIndent = indentOf(i);
      line = INDENT.repeat(lineIndent) + t.image;
    } else if (t.kind === "comment") {
      line += " " + t.image;
    } else {
      line += spaceBetween(tokens[i - 1], t) + t.image;
    }
    if (t.kind !== "code") return;
    if (t.bracket === "open") openLineIndents.push(lineIndent);
    else if (t.bracket === "close") openLineIndents.pop();
    previousCode = i;
  });
  lines.push(line);
  return lines.join("\n") + "\n";
}

/** For every element, the index of the first code token at or after it (-1 if none). */
function nextCodeIndices(tokens: readonly Token[]): number[] {
  const out = new Array<number>(tokens.length).fill(-1);
  let next = -1;
  for (let i = tokens.length - 1; i >= 0; i--) {
    if (tokens[i].kind === "code") next = i;
    out[i] = next;
  }
  return out;
}
