// A validator's `require` predicates and `expires within`, evaluated on an abstract ticket.
// Ticket reads (`ticket.claims.x`, `ticket.issuer`, `now`…) come from the ticket; anything
// that reads none is handed to the reference evaluator (compiler/eval). Fail-closed: a
// comparison reading a missing claim, or a claim of another JSON type, is unknown; unknown
// goes through `!`, `&&`, `||` as in Kleene logic, and a predicate left unknown refuses.
import { evalExpr } from "../eval/eval-expr.js";
import { Frame, Meter } from "../eval/frame.js";
import type { ProgramIndex } from "../eval/program-index.js";
import { Abort } from "../eval/value-ops.js";
import type { Expr } from "../ir/expressions.js";
import { walkExpr } from "../ir/walk.js";
import type { Value } from "../ir/values.js";
import { BEARER, boundaries, type DomainBuilder, type FValue, type Ticket } from "./ticket-model.js";

const MISSING = Symbol("missing");
type Result = Value | typeof MISSING;

export interface AdmissionContext {
  readonly index: ProgramIndex;
  /** The instant a ticket is checked at, from its features. */
  now(t: Ticket): bigint;
  /** Features standing for `now`. */
  readonly nowFeatures: readonly string[];
}

/** The ticket feature an expression reads directly, if it is one (`ticket.claims.tier` -> `claims.tier`). */
function featureOf(e: Expr): string | undefined {
  if (e.kind === "TicketClaim") return `claims.${e.claim}`;
  if (e.kind === "TicketField") return e.field === "issuer" ? "iss" : e.field === "subject" ? "sub" : "peer";
  if (e.kind === "Convert") return featureOf(e.arg);
  return undefined;
}

/** Every feature an expression reads. */
export function featuresRead(e: Expr, cx: AdmissionContext): string[] {
  const out = new Set<string>();
  walkExpr(e, {
    expr: (x) => {
      const f = featureOf(x);
      if (f) out.add(f);
      if (f === "sub") out.add("peer");
      if (x.kind === "Now") for (const n of cx.nowFeatures) out.add(n);
    },
  });
  return [...out];
}

function readsTicket(e: Expr): boolean {
  let reads = false;
  walkExpr(e, { expr: (x) => void (reads ||= x.kind === "TicketClaim" || x.kind === "TicketField" || x.kind === "Now") });
  return reads;
}

/** The value of an expression that reads no ticket, or undefined if it aborts. */
export function constantValue(e: Expr, index: ProgramIndex): Value | undefined {
  if (readsTicket(e)) return undefined;
  try {
    return evalExpr(new Frame(index, new Meter(undefined), undefined, undefined, undefined), e);
  } catch (err) {
    if (err instanceof Abort) return undefined;
    throw err;
  }
}

/** Adds the literal boundaries of `feature op constant` comparisons to the feature domains. */
export function contributeLiterals(e: Expr, cx: AdmissionContext, domains: DomainBuilder): void {
  walkExpr(e, {
    expr: (x) => {
      if (x.kind !== "Binary" || ["&&", "||", "+", "-", "*", "/", "%"].includes(x.op)) return;
      const ordered = x.op !== "==" && x.op !== "!=";
      for (const [side, other] of [[x.left, x.right], [x.right, x.left]] as const) {
        const k = constantValue(other, cx.index);
        if (!k) continue;
        const feature = side.kind === "Now" ? "now" : featureOf(side);
        if (!feature) continue;
        if (k.kind === "Int") {
          const values = ordered ? boundaries(k.value) : [k.value, k.value + 1n];
          if (feature === "now") domains.nowLiterals.push(...values);
          else domains.add(feature, ...values);
        } else if (k.kind === "String") domains.add(feature, k.value);
        else if (k.kind === "Bool") domains.add(feature, true, false);
        else if (k.kind === "Bytes") domains.add(feature, k.hex);
      }
    },
  });
}

function toValue(v: FValue, feature: string, t: Ticket): Result {
  if (v === null) return MISSING;
  if (feature === "peer") return { kind: "Bytes", hex: String(v) };
  if (feature === "sub" && v === BEARER) return { kind: "String", value: String(t.peer) };
  if (typeof v === "bigint") return { kind: "Int", value: v };
  if (typeof v === "boolean") return { kind: "Bool", value: v };
  return { kind: "String", value: v };
}

/** A predicate's verdict on a ticket: true admits, false (or a missing read) refuses. */
export function holds(e: Expr, t: Ticket, cx: AdmissionContext): boolean {
  const v = evalOn(e, t, cx);
  return v !== MISSING && v.kind === "Bool" && v.value;
}

/** An integer-valued expression on a ticket (e.g. `expires within @2026-01-01T00:00:00Z - now`), or undefined if unknown. */
export function intOn(e: Expr, t: Ticket, cx: AdmissionContext): bigint | undefined {
  const v = evalOn(e, t, cx);
  return v !== MISSING && v.kind === "Int" ? v.value : undefined;
}

/** A duration expression's seconds, or undefined if it cannot be known without a ticket. */
export function durationSeconds(e: Expr, index: ProgramIndex): bigint | undefined {
  const v = constantValue(e, index);
  return v?.kind === "Int" ? v.value : undefined;
}

function evalOn(e: Expr, t: Ticket, cx: AdmissionContext): Result {
  const feature = featureOf(e);
  if (feature && e.kind !== "Convert") return toValue(t[feature] ?? null, feature, t);
  switch (e.kind) {
    case "Now":
      return { kind: "Int", value: cx.now(t) };
    case "Convert":
      return evalOn(e.arg, t, cx);
    case "Unary": {
      const v = evalOn(e.operand, t, cx);
      if (v === MISSING) return MISSING;
      if (e.op === "!" && v.kind === "Bool") return { kind: "Bool", value: !v.value };
      if (e.op === "-" && v.kind === "Int") return { kind: "Int", value: -v.value };
      return MISSING;
    }
    case "Binary":
      return binary(e.op, evalOn(e.left, t, cx), evalOn(e.right, t, cx));
    default:
      return ticketFreeValue(e, cx.index);
  }
}

// A sub-expression that reads no ticket has one value per program: computed once (the IR
// is immutable), so a predicate checked on many tickets does not re-evaluate its literals.
const ticketFree = new WeakMap<ProgramIndex, WeakMap<Expr, Result>>();

function ticketFreeValue(e: Expr, index: ProgramIndex): Result {
  let known = ticketFree.get(index);
  if (!known) ticketFree.set(index, (known = new WeakMap()));
  let v = known.get(e);
  if (v === undefined) {
    v = readsTicket(e) ? MISSING : (constantValue(e, index) ?? MISSING);
    known.set(e, v);
  }
  return v;
}

/** Equality of two values of the same kind: scalars directly, anything else by its JSON form. */
function sameValue(l: Value, r: Value): boolean {
  if (l.kind === "Int" && r.kind === "Int") return l.value === r.value;
  if ((l.kind === "String" && r.kind === "String") || (l.kind === "Bool" && r.kind === "Bool")) return l.value === r.value;
  if (l.kind === "Bytes" && r.kind === "Bytes") return l.hex === r.hex;
  const json = (x: Value) => JSON.stringify(x, (_k, y: unknown) => (typeof y === "bigint" ? y.toString() : y));
  return json(l) === json(r);
}

/** Kleene logic: an unknown side (a missing or mistyped claim) decides nothing the other side does not. */
function logic(op: "&&" | "||", l: Result, r: Result): Result {
  const known = (x: Result) => (x !== MISSING && x.kind === "Bool" ? x.value : undefined);
  const [a, c] = [known(l), known(r)];
  const decisive = op === "||";
  if (a === decisive || c === decisive) return { kind: "Bool", value: decisive };
  if (a === undefined || c === undefined) return MISSING;
  return { kind: "Bool", value: !decisive };
}

function binary(op: string, l: Result, r: Result): Result {
  if (op === "&&" || op === "||") return logic(op, l, r);
  if (l === MISSING || r === MISSING) return MISSING;
  const b = (value: boolean): Value => ({ kind: "Bool", value });
  if (l.kind !== r.kind) return MISSING; // a claim of another JSON type never compares
  if (op === "==" || op === "!=") {
    const same = sameValue(l, r);
    return b(op === "==" ? same : !same);
  }
  if (l.kind !== "Int" || r.kind !== "Int") return MISSING;
  switch (op) {
    case "<":
      return b(l.value < r.value);
    case "<=":
      return b(l.value <= r.value);
    case ">":
      return b(l.value > r.value);
    case ">=":
      return b(l.value >= r.value);
    case "+":
      return { kind: "Int", value: l.value + r.value };
    case "-":
      return { kind: "Int", value: l.value - r.value };
    case "*":
      return { kind: "Int", value: l.value * r.value };
    default:
      return MISSING;
  }
}
