// Which way a behaviour change goes, when it can be told from the IR alone:
// - a config value read only as a threshold of `require`s and invariants (`x >= config.p`,
//   `config.allowed.contains(x)`): raising or growing it narrows or widens;
// - a handler body that only gains (or loses) top-level `require`s, or whose requires only
//   move a literal threshold. Anything else has no direction (the caller calls it breaking).
import type { OrganismDef } from "../ir/declarations.js";
import type { Expr } from "../ir/expressions.js";
import type { Stmt } from "../ir/statements.js";
import { walkExpr, walkStmts } from "../ir/walk.js";
import { valueEquals, type Value } from "../ir/values.js";
import { BodyEncoder } from "../fingerprint/canonical-bodies.js";
import type { CanonContext } from "../fingerprint/canonical-context.js";
import { encodeTerm } from "../fingerprint/canonical-sexp.js";
import { toHex } from "../fingerprint/bytes.js";

type Direction = "narrowing" | "widening";
const flip = (d: Direction): Direction => (d === "narrowing" ? "widening" : "narrowing");

function agree(ds: readonly (Direction | undefined)[]): Direction | undefined {
  if (ds.length === 0 || ds.some((d) => d === undefined)) return undefined;
  return ds.every((d) => d === ds[0]) ? ds[0] : undefined;
}

function conjuncts(e: Expr): Expr[] {
  return e.kind === "Binary" && e.op === "&&" ? [...conjuncts(e.left), ...conjuncts(e.right)] : [e];
}

const strip = (e: Expr): Expr => (e.kind === "Convert" ? strip(e.arg) : e);

/** What raising the right operand of `l op r` does to the set of states that pass. */
function raiseRight(op: string): Direction | undefined {
  return op === ">=" || op === ">" ? "narrowing" : op === "<=" || op === "<" ? "widening" : undefined;
}

/** Direction of moving config field `name` from `old` to `now`, or undefined when it cannot be told. */
export function configDirection(o: OrganismDef, name: string, old: Value, now: Value): Direction | undefined {
  const isParam = (e: Expr) => strip(e).kind === "ConfigRef" && (strip(e) as Extract<Expr, { kind: "ConfigRef" }>).name === name;
  let total = 0;
  const count = (e: Expr) => walkExpr(e, { expr: (x) => void (x.kind === "ConfigRef" && x.name === name && total++) });
  for (const body of [...o.handlers.map((h) => h.body), ...o.queries.map((q) => q.body)]) walkStmts(body, { expr: (x) => void (x.kind === "ConfigRef" && x.name === name && total++) });
  for (const i of o.invariants) count(i.cond);
  const conds: Expr[] = [];
  for (const h of o.handlers) walkStmts(h.body, { stmt: (s) => void (s.kind === "Require" && conds.push(s.cond)) });
  conds.push(...o.invariants.map((i) => i.cond));
  const found: (Direction | undefined)[] = [];
  for (const c of conds.flatMap(conjuncts)) {
    const negated = c.kind === "Unary" && c.op === "!";
    const inner = negated ? c.operand : c;
    if (inner.kind === "Binary" && (isParam(inner.left) || isParam(inner.right))) {
      const paramRight = isParam(inner.right);
      const raise = raiseRight(inner.op);
      const d = raise === undefined ? undefined : paramRight ? raise : flip(raise);
      found.push(d && numericMove(old, now, d));
    } else if (inner.kind === "Method" && inner.method === "contains" && isParam(inner.receiver)) {
      const d = membershipMove(old, now);
      found.push(d && (negated ? flip(d) : d));
    }
  }
  if (found.length !== total) return undefined;
  return agree(found);
}

function numericMove(old: Value, now: Value, raise: Direction): Direction | undefined {
  if (old.kind !== "Int" || now.kind !== "Int" || old.value === now.value) return undefined;
  return now.value > old.value ? raise : flip(raise);
}

/** Growing an allow-list widens what `contains` admits; shrinking narrows; anything else has no direction. */
function membershipMove(old: Value, now: Value): Direction | undefined {
  if (old.kind !== "List" || now.kind !== "List") return undefined;
  const within = (a: readonly Value[], b: readonly Value[]) => a.every((x) => b.some((y) => valueEquals(x, y)));
  if (within(old.elements, now.elements) && !within(now.elements, old.elements)) return "widening";
  if (within(now.elements, old.elements) && !within(old.elements, now.elements)) return "narrowing";
  return undefined;
}

/** Statement keys for alignment: canonical terms with locals named, so one statement compares on its own. */
function stmtKeys(canon: CanonContext, o: OrganismDef, body: readonly Stmt[]): string[] {
  const enc = new BodyEncoder(canon, new Map(o.uses.map((u) => [u.alias, u.target])), { localNames: true });
  return body.map((s) => toHex(encodeTerm(enc.stmt(s))));
}

function exprKey(canon: CanonContext, e: Expr): string {
  return toHex(encodeTerm(new BodyEncoder(canon, new Map(), { localNames: true }).expr(e)));
}

export interface BodyVersion {
  /** The version's canonical context (its program's declarations). */
  readonly canon: CanonContext;
  readonly organism: OrganismDef;
  readonly body: readonly Stmt[];
  /** The source text of a statement, whitespace collapsed. */
  quote(s: Stmt): string;
}

/** One statement rewritten: the differing middle of the two texts, with a little context. */
function rewrite(a: string, b: string): string {
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) p++;
  let q = 0;
  while (q < a.length - p && q < b.length - p && a[a.length - 1 - q] === b[b.length - 1 - q]) q++;
  const from = Math.max(0, p - 24);
  const cut = (t: string) => `${from > 0 ? "…" : ""}${t.slice(from, Math.min(t.length, t.length - q + 12))}${t.length - q + 12 < t.length ? "…" : ""}`;
  return `\`${cut(a)}\` became \`${cut(b)}\``;
}

const clip = (text: string) => (text.length > 72 ? `${text.slice(0, 71)}…` : text);

/** What moved in a body, for a reader: the statements added, removed or rewritten (top level). */
export function bodySummary(old: BodyVersion, now: BodyVersion): string {
  const a = stmtKeys(old.canon, old.organism, old.body);
  const b = stmtKeys(now.canon, now.organism, now.body);
  if (a.join() === b.join()) return "a function or rule it calls changed";
  const parts: string[] = [];
  let [i, j] = [0, 0];
  while (i < a.length && j < b.length && a[i] === b[j]) [i, j] = [i + 1, j + 1];
  let [x, y] = [a.length, b.length];
  while (x > i && y > j && a[x - 1] === b[y - 1]) [x, y] = [x - 1, y - 1];
  const removed = old.body.slice(i, x).map((s) => `\`${clip(old.quote(s))}\``);
  const added = now.body.slice(j, y).map((s) => `\`${clip(now.quote(s))}\``);
  if (x - i === 1 && y - j === 1 && old.quote(old.body[i]) === now.quote(now.body[j])) parts.push(`\`${clip(now.quote(now.body[j]))}\` calls a fn or rule that changed`);
  else if (x - i === 1 && y - j === 1) parts.push(rewrite(old.quote(old.body[i]), now.quote(now.body[j])));
  else if (removed.length > 0 && added.length > 0) parts.push(`${removed.join("; ")} became ${added.join("; ")}`);
  else if (added.length > 0) parts.push(`adds ${added.join("; ")}`);
  else if (removed.length > 0) parts.push(`drops ${removed.join("; ")}`);
  return parts.join("; ");
}

/** Direction of a handler body change, or undefined when it is not only about `require`s. */
export function bodyDirection(old: BodyVersion, now: BodyVersion): Direction | undefined {
  const a = stmtKeys(old.canon, old.organism, old.body);
  const b = stmtKeys(now.canon, now.organism, now.body);
  const onlyRequires = (longer: readonly Stmt[], lk: string[], sk: string[]) => {
    const extra = subsequenceExtras(lk, sk);
    return extra !== undefined && extra.every((i) => longer[i].kind === "Require");
  };
  if (b.length > a.length && onlyRequires(now.body, b, a)) return "narrowing";
  if (a.length > b.length && onlyRequires(old.body, a, b)) return "widening";
  if (a.length !== b.length) return undefined;
  const moves: (Direction | undefined)[] = [];
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    const [s, t] = [old.body[i], now.body[i]];
    moves.push(s.kind === "Require" && t.kind === "Require" ? thresholdMove(old.canon, s.cond, now.canon, t.cond) : undefined);
  }
  return agree(moves);
}

/** Positions of `longer` left over when `shorter` is matched as a subsequence, or undefined if it is not one. */
function subsequenceExtras(longer: readonly string[], shorter: readonly string[]): number[] | undefined {
  const extras: number[] = [];
  let j = 0;
  for (let i = 0; i < longer.length; i++) {
    if (j < shorter.length && longer[i] === shorter[j]) j++;
    else extras.push(i);
  }
  return j === shorter.length ? extras : undefined;
}

/** `x op K` -> `x op K'` with the same x and op: the literal moved one way. */
function thresholdMove(mOld: CanonContext, a: Expr, mNew: CanonContext, b: Expr): Direction | undefined {
  if (a.kind !== "Binary" || b.kind !== "Binary" || a.op !== b.op) return undefined;
  const lit = (e: Expr) => (strip(e).kind === "Literal" || strip(e).kind === "ConstRef" ? (strip(e) as { value: Value }).value : undefined);
  for (const right of [true, false]) {
    const [ka, kb] = right ? [lit(a.right), lit(b.right)] : [lit(a.left), lit(b.left)];
    const [xa, xb] = right ? [a.left, b.left] : [a.right, b.right];
    if (!ka || !kb || exprKey(mOld, xa) !== exprKey(mNew, xb)) continue;
    const raise = raiseRight(a.op);
    if (raise === undefined) return undefined;
    return numericMove(ka, kb, right ? raise : flip(raise));
  }
  return undefined;
}
