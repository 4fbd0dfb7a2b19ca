// Reading chevrotain CST nodes during lowering: children by name, spans, source order.
// Recovered CSTs can lack any child, so every accessor tolerates absence.
import type { CstElement, CstNode, IToken } from "chevrotain";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Span } from "../source.js";
import type { Ident } from "./ast.js";

export function isToken(e: CstElement): e is IToken {
  return (e as IToken).image !== undefined;
}

export class LowerContext {
  readonly diagnostics: Diagnostic[] = [];
  constructor(readonly file: string) {}

  tokenSpan(t: IToken | undefined): Span {
    if (!t || Number.isNaN(t.startOffset)) return { file: this.file, start: 0, end: 0 };
    return { file: this.file, start: t.startOffset, end: (t.endOffset ?? t.startOffset) + 1 };
  }

  nodeSpan(n: CstNode | undefined): Span {
    const loc = n?.location;
    if (!loc || Number.isNaN(loc.startOffset)) return { file: this.file, start: 0, end: 0 };
    const end = loc.endOffset === undefined || Number.isNaN(loc.endOffset) ? loc.startOffset : loc.endOffset + 1;
    return { file: this.file, start: loc.startOffset, end };
  }

  elementSpan(e: CstElement): Span {
    return isToken(e) ? this.tokenSpan(e) : this.nodeSpan(e);
  }

  ident(t: IToken | undefined): Ident {
    return { kind: "Ident", name: t?.image ?? "", span: this.tokenSpan(t) };
  }

  spanBetween(a: Span, b: Span): Span {
    return { file: this.file, start: a.start, end: Math.max(a.end, b.end) };
  }
}

export function child(n: CstNode | undefined, name: string, i = 0): CstNode | undefined {
  const c = n?.children[name]?.[i];
  return c && !isToken(c) ? c : undefined;
}

export function children(n: CstNode | undefined, name: string): CstNode[] {
  return (n?.children[name] ?? []).filter((c): c is CstNode => !isToken(c));
}

export function token(n: CstNode | undefined, name: string, i = 0): IToken | undefined {
  const c = n?.children[name]?.[i];
  return c && isToken(c) ? c : undefined;
}

export function tokens(n: CstNode | undefined, name: string): IToken[] {
  return (n?.children[name] ?? []).filter(isToken);
}

function offsetOf(e: CstElement): number {
  if (isToken(e)) return e.startOffset;
  const s = e.location?.startOffset;
  return s === undefined || Number.isNaN(s) ? Number.MAX_SAFE_INTEGER : s;
}

/** The named children of `n`, merged in source order (chevrotain groups them by name). */
export function ordered(n: CstNode | undefined, names: readonly string[]): { name: string; element: CstElement }[] {
  const out: { name: string; element: CstElement }[] = [];
  for (const name of names) for (const element of n?.children[name] ?? []) out.push({ name, element });
  return out.sort((a, b) => offsetOf(a.element) - offsetOf(b.element));
}

/** The first token (of any name) directly under `n` among `names`, e.g. which operator was used. */
export function firstToken(n: CstNode | undefined, names: readonly string[]): IToken | undefined {
  for (const name of names) {
    const t = token(n, name);
    if (t) return t;
  }
  return undefined;
}
