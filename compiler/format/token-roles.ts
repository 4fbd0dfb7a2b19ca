// Formatter, step 2: the parsed AST + the element stream -> tokens with roles. The AST tells
// what the token stream alone cannot: `<` as a generic bracket or a comparison, `-` unary or
// binary, `(` a call or a group, and which tokens begin a sequence element (a declaration,
// item, statement, field, argument…). The AST walk is generic (any object with a `kind` and a
// `span`), so new node kinds need no change here. Layout rules read only these roles.
import type { Program } from "../syntax/ast.js";
import type { Element } from "./comments.js";

export interface SyntaxFacts {
  /** Half-open offset ranges of generic types (`list<T, N>`): every `<`/`>` inside is a type bracket. */
  readonly genericRanges: readonly (readonly [number, number])[];
  /** Offsets of unary `-` and `!` operators. */
  readonly unaryAt: ReadonlySet<number>;
  /** Offsets of the `)`/`]` that close a call, an index or a pattern binding: their opener hugs what precedes it. */
  readonly postfixCloserAt: ReadonlySet<number>;
  /** Offsets of tokens (a declared name, a test step's handler, `sort`) whose following `(` hugs them. */
  readonly hugsParenAt: ReadonlySet<number>;
  /** Start offsets of every element of a sequence: a line starting here starts something new. */
  readonly unitStarts: ReadonlySet<number>;
}

interface AstNode {
  readonly kind: string;
  readonly span: { readonly start: number; readonly end: number };
  readonly [field: string]: unknown;
}

function isNode(x: unknown): x is AstNode {
  return typeof x === "object" && x !== null && typeof (x as AstNode).kind === "string" && typeof (x as AstNode).span === "object";
}

/** Declarations and items whose parameter list follows their `name`. */
const nameThenParams = new Set(["FnDecl", "ClearingDecl", "HandlerItem", "QueryItem"]);

export function syntaxFacts(program: Program): SyntaxFacts {
  const genericRanges: [number, number][] = [];
  const unaryAt = new Set<number>();
  const postfixCloserAt = new Set<number>();
  const hugsParenAt = new Set<number>();
  const unitStarts = new Set<number>();

  const visit = (node: AstNode, inSequence: boolean): void => {
    // Identifiers in sequences are path segments, binders or name lists: never a fresh line's subject.
    if (inSequence && node.kind !== "Ident") unitStarts.add(node.span.start);
    switch (node.kind) {
      case "GenericType":
        genericRanges.push([node.span.start, node.span.end]);
        break;
      case "UnaryExpr":
        unaryAt.add(node.span.start);
        break;
      case "CallExpr":
      case "IndexExpr":
      case "SomePattern":
        postfixCloserAt.add(node.span.end - 1);
        break;
      case "VariantPattern":
        if (node["binding"] !== undefined) postfixCloserAt.add(node.span.end - 1);
        break;
      case "TestStep":
        if (isNode(node["handler"])) hugsParenAt.add(node["handler"].span.start);
        break;
      case "SortExpr":
        hugsParenAt.add(node.span.start);
        break;
      default:
        if (nameThenParams.has(node.kind) && isNode(node["name"])) hugsParenAt.add(node["name"].span.start);
    }
    for (const [key, value] of Object.entries(node)) {
      if (key === "span") continue;
      if (Array.isArray(value)) {
        for (const v of value) if (isNode(v)) visit(v, true);
      } else if (isNode(value)) {
        visit(value, false);
      }
    }
  };

  visit(program as unknown as AstNode, false);
  return { genericRanges, unaryAt, postfixCloserAt, hugsParenAt, unitStarts };
}

// Roles -----------------------------------------------------------------------

export interface Token extends Element {
  readonly bracket: "open" | "close" | "none";
  /** Index (in the element stream) of the matching bracket, or -1. */
  readonly partner: number;
  /** `<`/`>` of a generic type (`list<T, N>`), as opposed to a comparison. */
  readonly generic: boolean;
  /** `-`/`!` as a prefix operator. */
  readonly unary: boolean;
  /** An opener written tight against the token before it: `f(x)`, `xs[i]`, `list<T>`, `fn f(…)`. */
  readonly hugs: boolean;
  /** The first token of a declaration, item, statement, field, argument, element or arm. */
  readonly unitStart: boolean;
}

/** Opener type -> closer type. Generic `<`/`>` count only where the AST says so. */
const openers: ReadonlyMap<string, string> = new Map([["LBrace", "RBrace"], ["LParen", "RParen"], ["LBracket", "RBracket"], ["Lt", "Gt"]]);
const closers = new Set(openers.values());

function insideAny(offset: number, ranges: SyntaxFacts["genericRanges"]): boolean {
  return ranges.some(([start, end]) => offset >= start && offset < end);
}

export function assignRoles(elements: readonly Element[], facts: SyntaxFacts): Token[] {
  const generic = elements.map((e) => (e.type === "Lt" || e.type === "Gt") && e.kind === "code" && insideAny(e.start, facts.genericRanges));
  const isBracket = (i: number): boolean => elements[i].kind === "code" && (elements[i].type === "Lt" || elements[i].type === "Gt" ? generic[i] : true);

  // Pair brackets. The parse succeeded, so they nest; a stray closer is left unpaired rather than trusted.
  const partner = elements.map(() => -1);
  const stack: number[] = [];
  elements.forEach((e, i) => {
    if (!isBracket(i)) return;
    if (openers.has(e.type)) stack.push(i);
    else if (closers.has(e.type)) {
      const top = stack[stack.length - 1];
      if (top !== undefined && openers.get(elements[top].type) === e.type) {
        stack.pop();
        partner[top] = i;
        partner[i] = top;
      }
    }
  });

  let previousCode = -1;
  return elements.map((e, i) => {
    const bracket = partner[i] < 0 ? "none" : openers.has(e.type) ? "open" : "close";
    const before = previousCode;
    if (e.kind === "code") previousCode = i;
    // Fields listed one by one: object spread is several times slower here, on every token.
    return {
      kind: e.kind,
      type: e.type,
      image: e.image,
      start: e.start,
      sourceBreaks: e.sourceBreaks,
      bracket,
      partner: partner[i],
      generic: generic[i],
      unary: e.kind === "code" && (e.type === "Minus" || e.type === "Bang") && facts.unaryAt.has(e.start),
      hugs: bracket === "open" && hugs(e, elements, partner[i], before, generic[i], facts),
      unitStart: e.kind === "code" && (facts.unitStarts.has(e.start) || startsExpiresClause(elements, i)),
    };
  });
}

function hugs(e: Element, elements: readonly Element[], closer: number, before: number, isGeneric: boolean, facts: SyntaxFacts): boolean {
  if (isGeneric) return true;
  if (e.type === "LBrace") return false;
  if (facts.postfixCloserAt.has(elements[closer].start)) return true;
  return e.type === "LParen" && before >= 0 && facts.hugsParenAt.has(elements[before].start);
}

/** `expires within 1h` in a validator is a clause without an AST node of its own. */
function startsExpiresClause(elements: readonly Element[], i: number): boolean {
  if (elements[i].type !== "Kw_expires") return false;
  const next = elements.slice(i + 1).find((e) => e.kind === "code");
  return next?.type === "Kw_within";
}
