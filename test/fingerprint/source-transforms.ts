// Text transformations for the fingerprint properties: moves that must keep every
// fingerprint (reordering order-irrelevant declarations and items, comments, blank lines)
// and the literal sites whose change must move one (config, validators, measurements,
// handler bodies). Works on spans of the parsed AST; never re-prints code.
import { parse } from "../../compiler/syntax/parse.js";
import type { Decl, OrganismDecl, OrganismItem, Program } from "../../compiler/syntax/ast.js";
import type { Span } from "../../compiler/source.js";

/** A small deterministic PRNG (mulberry32) so a fast-check seed drives every shuffle. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(xs: readonly T[], random: () => number): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function program(text: string): Program {
  const r = parse({ path: "policy.smalt", text });
  if (r.diagnostics.some((d) => d.severity === "error")) throw new Error(`does not parse: ${r.diagnostics[0].message}`);
  return r.value;
}

const slice = (text: string, s: Span) => text.slice(s.start, s.end);

/** `parent` rebuilt with its children (spans inside it) in a new order; gaps between children become newlines. */
function permuted(text: string, parent: Span, children: readonly { span: Span }[], render: (c: never) => string, random: () => number): string {
  if (children.length === 0) return slice(text, parent);
  const head = text.slice(parent.start, children[0].span.start);
  const tail = text.slice(children[children.length - 1].span.end, parent.end);
  return head + shuffle(children, random).map((c) => render(c as never)).join("\n") + tail;
}

/** Shuffles top-level declarations, organism items, and config and state fields. */
export function reorderDeclarations(text: string, seed: number): string {
  const random = rng(seed);
  const p = program(text);
  const item = (i: OrganismItem): string =>
    i.kind === "ConfigItem" || i.kind === "StateItem" ? permuted(text, i.span, i.fields, (f: { span: Span }) => slice(text, f.span), random) : slice(text, i.span);
  const organism = (o: OrganismDecl) => permuted(text, o.span, o.items, item, random);
  const decl = (d: Decl) => (d.kind === "OrganismDecl" ? organism(d) : slice(text, d.span));
  return shuffle(p.decls, random).map(decl).join("\n\n") + "\n";
}

/** Adds comment lines and blank lines between lines, and trailing comments where a line has no string or comment. */
export function addCommentsAndBlankLines(text: string, seed: number): string {
  const random = rng(seed);
  const out: string[] = [];
  for (const line of text.split("\n")) {
    const r = random();
    if (r < 0.15) out.push("");
    else if (r < 0.3) out.push(`${line.match(/^\s*/)?.[0] ?? ""}// a comment that means nothing`);
    const safe = line.trim() !== "" && !line.includes("//") && !line.includes('"');
    out.push(safe && random() < 0.3 ? `${line}   // trailing remark` : line);
  }
  return out.join("\n");
}

export type LiteralOwner = { readonly organism: string } | { readonly validator: string };

export interface LiteralSite {
  readonly span: Span;
  readonly owner: LiteralOwner;
  readonly where: string; // for messages: `config`, `handler bid`, `validator Searcher`…
  /** The text with this one literal changed. */
  mutate(): string;
}

const LITERALS = new Set(["IntLit", "StringLit", "BytesLit", "BoolLit", "DurationLit", "TimestampLit"]);

/** Every literal of organism config, measurements and handler bodies, and of validators. */
export function literalSites(text: string): LiteralSite[] {
  const p = program(text);
  const sites: LiteralSite[] = [];
  const collect = (node: unknown, owner: LiteralOwner, where: string) => {
    visit(node, (lit) => sites.push({ span: lit.span, owner, where, mutate: () => mutateLiteral(text, lit) }));
  };
  for (const d of p.decls) {
    if (d.kind === "ValidatorDecl") collect(d, { validator: d.name.name }, `validator ${d.name.name}`);
    if (d.kind !== "OrganismDecl") continue;
    for (const i of d.items) {
      const owner = { organism: d.name.name };
      if (i.kind === "ConfigItem") collect(i, owner, "config");
      if (i.kind === "MeasurementsItem") collect(i, owner, "measurements");
      if (i.kind === "HandlerItem") collect(i.body, owner, `handler ${i.name.name}`);
    }
  }
  return sites;
}

type Lit = { kind: string; span: Span; value?: unknown; hex?: string; seconds?: bigint; unixSeconds?: bigint };

function visit(node: unknown, found: (lit: Lit) => void): void {
  if (Array.isArray(node)) return node.forEach((n) => visit(n, found));
  if (node === null || typeof node !== "object") return;
  const n = node as Lit & Record<string, unknown>;
  if (typeof n.kind === "string" && LITERALS.has(n.kind) && n.span) return found(n);
  for (const [k, v] of Object.entries(n)) if (k !== "span") visit(v, found);
}

function mutateLiteral(text: string, lit: Lit): string {
  const before = text.slice(0, lit.span.start);
  const after = text.slice(lit.span.end);
  const original = text.slice(lit.span.start, lit.span.end);
  switch (lit.kind) {
    case "IntLit":
      return before + String((lit.value as bigint) + 1n) + after;
    case "StringLit":
      return before + original.slice(0, -1) + "x" + original.slice(-1) + after;
    case "BytesLit": {
      const last = original[original.length - 1];
      return before + original.slice(0, -1) + (last === "0" ? "1" : "0") + after;
    }
    case "BoolLit":
      return before + (original === "true" ? "false" : "true") + after;
    case "DurationLit":
      return before + `${(lit.seconds as bigint) + 1n}s` + after;
    case "TimestampLit":
      return before + `@${new Date((Number(lit.unixSeconds as bigint) + 1) * 1000).toISOString().replace(".000Z", "Z")}` + after;
    default:
      throw new Error(`not a literal: ${lit.kind}`);
  }
}
