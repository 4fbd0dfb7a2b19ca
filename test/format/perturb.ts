// Whitespace perturbations for formatter properties, built straight on the lexer (not on the
// formatter's own modules, so the test is an independent oracle). A text is cut into its
// tokens and comments and the gaps between them; edits rewrite gaps only, in ways the
// formatter's rules promise to normalise away, or (for layouts) in any way at all.
import { smaltLexer } from "../../grammar/tokens.js";

export interface Piece {
  readonly type: string; // token type name; "LineComment" for comments
  readonly image: string; // comments without trailing blanks
  readonly comment: boolean;
}

/** One gap: line breaks, plus the blanks on the same line (no breaks) or around the breaks. */
interface Gap {
  breaks: number;
  inline: string; // used when breaks === 0
  trailing: string; // before the first break
  indent: string; // after the last break
}

/** What fast-check draws for each gap (cyclically, when there are more gaps than edits). */
export interface Edit {
  /** Leave the gap alone when false. */
  readonly apply: boolean;
  /** Which of the operations that apply to this gap. */
  readonly pick: number;
  readonly size: number;
}

export function lexPieces(text: string): { pieces: Piece[]; gaps: string[]; clean: boolean } {
  const lexed = smaltLexer.tokenize(text);
  const all = [...lexed.tokens, ...(lexed.groups["comments"] ?? [])].sort((a, b) => a.startOffset - b.startOffset);
  const gaps: string[] = [];
  let end = 0;
  for (const t of all) {
    gaps.push(text.slice(end, t.startOffset));
    end = t.startOffset + t.image.length;
  }
  gaps.push(text.slice(end));
  const pieces = all.map((t) => {
    const comment = t.tokenType.name === "LineComment";
    return { type: t.tokenType.name, image: comment ? t.image.replace(/[ \t]+$/, "") : t.image, comment };
  });
  return { pieces, gaps, clean: lexed.errors.length === 0 };
}

const breaksIn = (ws: string): number => (ws.match(/\r\n|\r|\n/g) ?? []).length;
const blanks = (size: number): string => (size % 2 === 0 ? " ".repeat(size) : "\t" + " ".repeat(size - 1));

function render(pieces: readonly Piece[], gaps: readonly Gap[], newline: string): string {
  let out = "";
  gaps.forEach((g, i) => {
    out += g.breaks === 0 ? g.inline : g.trailing + newline.repeat(g.breaks) + g.indent;
    if (i < pieces.length) out += pieces[i].image;
  });
  return out;
}

/** Can `a` and `b` touch without lexing differently? */
function canTouch(a: Piece, b: Piece): boolean {
  const touching = lexPieces(a.image + b.image);
  return touching.clean && sameImages(touching.pieces, [a, b]);
}

export function sameImages(a: readonly Piece[], b: readonly Piece[]): boolean {
  return a.length === b.length && a.every((p, i) => p.type === b[i].type && p.image === b[i].image);
}

const opens = new Set(["LBrace", "LParen", "LBracket"]);
const closes = new Set(["RBrace", "RParen", "RBracket"]);

/** A break the formatter removes: before `{`, between `}` and `else`, between `else` and `if`. */
function joinable(p: Piece | undefined, n: Piece | undefined): boolean {
  if (!p || !n || p.comment || n.comment) return false;
  return n.type === "LBrace" || (p.type === "RBrace" && n.type === "Kw_else") || (p.type === "Kw_else" && n.type === "Kw_if");
}

type Operation = (g: Gap, size: number) => void;

/**
 * Rewrites gaps of `text` so that its formatted form must not change: blanks on a line,
 * indentation, trailing blanks, the number of blank lines where there is at least one, breaks
 * next to brackets, before `{` and around `else`, inside `{}`; with `canonical` (the text is
 * formatter output), also the break after a `{` or before a `}` of a pair that keeps another break.
 */
export function perturbKeepingLayout(text: string, edits: readonly Edit[], options: { crlf: boolean; canonical: boolean }): string {
  const { pieces, gaps: raw } = lexPieces(text);
  const gaps: Gap[] = raw.map((ws) => ({ breaks: breaksIn(ws), inline: ws, trailing: "", indent: ws.replace(/^[^]*[\r\n]/, "") }));
  const partner = bracePartners(pieces);
  gaps.forEach((g, i) => {
    const edit = edits[i % edits.length];
    if (!edit.apply) return;
    const ops = operations(pieces, gaps, partner, i, options.canonical);
    if (ops.length > 0) ops[edit.pick % ops.length](g, edit.size);
  });
  const out = render(pieces, gaps, options.crlf ? "\r\n" : "\n");
  if (sameImages(lexPieces(out).pieces, pieces)) return out;
  // Three tokens can merge where no two do (`1` `.` `5`): then no two tokens touch.
  for (const g of gaps) if (g.breaks === 0 && g.inline === "") g.inline = " ";
  return render(pieces, gaps, options.crlf ? "\r\n" : "\n");
}

/** The operations that may not change the formatted text, for gap `i` as it now stands. */
function operations(pieces: readonly Piece[], gaps: readonly Gap[], partner: readonly number[], i: number, canonical: boolean): Operation[] {
  const g = gaps[i];
  const p = pieces[i - 1];
  const n = pieces[i];
  const ops: Operation[] = [];
  if (g.breaks > 0) {
    ops.push((g, size) => (g.indent = blanks(size))); // indentation
    ops.push((g, size) => (g.trailing = blanks(size + 1))); // trailing blanks
  } else if (p && n) {
    ops.push((g, size) => (g.inline = size === 0 && !canTouch(p, n) ? " " : blanks(size))); // blanks on a line
  }
  if (!p || !n) ops.push((g, size) => setBreaks(g, size)); // blank lines at the ends of the file
  else if (g.breaks >= 2) ops.push((g, size) => (g.breaks = 2 + size)); // more blank lines where there is one
  if (g.breaks > 0 && ((p && !p.comment && opens.has(p.type)) || (n && !n.comment && closes.has(n.type)))) {
    ops.push((g, size) => (g.breaks = 1 + size)); // blank lines right inside brackets
  }
  if (joinable(p, n)) ops.push((g, size) => setBreaks(g, size % 3)); // breaks the formatter joins
  if (p?.type === "LBrace" && n?.type === "RBrace") ops.push((g, size) => setBreaks(g, size % 3)); // inside `{}`
  if (canonical && g.breaks > 0 && p && n && !p.comment && !n.comment) {
    // The break after `{` / before `}` of a pair that stays multi-line.
    const open = p.type === "LBrace" ? i - 1 : n.type === "RBrace" ? partner[i] : -1;
    if (open >= 0 && otherBreaks(pieces, gaps, open, partner[open], i)) ops.push((g) => setBreaks(g, 0));
  }
  return ops;
}

function setBreaks(g: Gap, breaks: number): void {
  g.breaks = breaks;
  if (breaks === 0) g.inline = " ";
}

/** Does the pair open..close keep a break the formatter will not join away, besides gap `except`? */
function otherBreaks(pieces: readonly Piece[], gaps: readonly Gap[], open: number, close: number, except: number): boolean {
  for (let j = open + 1; j <= close; j++) {
    if (j !== except && gaps[j].breaks > 0 && !removable(pieces[j - 1], pieces[j])) return true;
  }
  return false;
}

/** A break the formatter drops whatever the layout: a joinable one, or one inside an empty `{}`. */
function removable(p: Piece, n: Piece): boolean {
  return joinable(p, n) || (p.type === "LBrace" && n.type === "RBrace");
}

function bracePartners(pieces: readonly Piece[]): number[] {
  const partner = pieces.map(() => -1);
  const stack: number[] = [];
  pieces.forEach((p, i) => {
    if (p.type === "LBrace") stack.push(i);
    else if (p.type === "RBrace" && stack.length > 0) {
      const o = stack.pop() as number;
      partner[o] = i;
      partner[i] = o;
    }
  });
  return partner;
}

/**
 * Any layout at all: every gap gets 0–2 line breaks (a comment always ends its line) and
 * random blanks. The formatted text of such a layout must still be a fixed point with the
 * same tokens and comments.
 */
export function relayout(text: string, choices: readonly number[]): string {
  const { pieces } = lexPieces(text);
  const gaps: Gap[] = [{ breaks: 0, inline: "", trailing: "", indent: "" }];
  pieces.forEach((p, i) => {
    if (i === pieces.length - 1) return;
    const c = choices.length === 0 ? 0 : choices[i % choices.length];
    const breaks = p.comment ? 1 + (c % 2) : c % 3;
    gaps.push({ breaks, inline: breaks === 0 ? blanks(1 + (c % 3)) : "", trailing: "", indent: blanks(c % 5) });
  });
  gaps.push({ breaks: 1, inline: "", trailing: "", indent: "" });
  return render(pieces, gaps, "\n");
}
