// Canonical encoding, part 2: statements, expressions and places. Every expression carries
// its type. Locals are renumbered 0, 1, 2… in the order this encoding binds them (params
// first), so local names and the checker's own numbering never matter; constants are
// folded to their values; `uses` aliases become the reference they stand for.
import type { Callee, Expr, ValueBlock } from "../ir/expressions.js";
import type { LocalDecl, MatchArm, Pattern, Place, Stmt } from "../ir/statements.js";
import { unreachable } from "../syntax/ast.js";
import type { CanonContext } from "./canonical-context.js";
import { boolAtom, intAtom, node, type Term } from "./canonical-sexp.js";

export interface BodyEncoderOptions {
  /**
   * Name locals by their source names instead of numbers. Never used for fingerprints: only
   * `smalt diff` uses it, to compare single statements out of their bodies.
   */
  readonly localNames?: boolean;
}

export class BodyEncoder {
  private readonly locals = new Map<number, number>();

  /** `uses` maps an alias to the term of its reference (absent outside organisms). */
  constructor(
    private readonly cx: CanonContext,
    private readonly uses: ReadonlyMap<string, Term> | undefined,
    private readonly options: BodyEncoderOptions = {},
  ) {}

  /** Binds a local: `(local-decl n type mutable)`, n the next canonical number. */
  declare(d: LocalDecl): Term {
    const n = this.locals.size;
    this.locals.set(d.id, n);
    return node("local-decl", this.options.localNames ? d.name : intAtom(BigInt(n)), this.cx.typeTerm(d.type), boolAtom(d.mutable));
  }

  private local(id: number, name: string): Term {
    if (this.options.localNames) return name;
    const n = this.locals.get(id);
    if (n === undefined) throw new Error(`internal error: local ${id} used before it is bound`);
    return intAtom(BigInt(n));
  }

  stmts(ss: readonly Stmt[]): Term {
    return ss.map((s) => this.stmt(s));
  }

  stmt(s: Stmt): Term {
    switch (s.kind) {
      case "Let": {
        const value = this.expr(s.value);
        return node("let", value, this.declare(s.local));
      }
      case "Assign":
        return node("assign", s.op, this.place(s.target), this.expr(s.value));
      case "Require":
        return node("require", this.expr(s.cond), s.reason === undefined ? node("no-reason") : node("reason", s.reason));
      case "If":
        return node("if", this.expr(s.cond), this.stmts(s.then), this.stmts(s.else));
      case "For": {
        const source = this.expr(s.source);
        return node("for", s.over, source, s.binders.map((b) => this.declare(b)), this.stmts(s.body));
      }
      case "Match":
        return node("match", this.expr(s.subject), s.arms.map((a) => this.arm(a)));
      case "Return":
        return s.value === undefined ? node("return") : node("return", this.expr(s.value));
      case "Emit":
        return node("emit", s.event, s.fields.map((f) => node("field", f.name, this.expr(f.value))));
      case "Cite":
        return node("cite", this.expr(s.value));
      case "Eval":
        return node("eval", this.expr(s.expr));
      default:
        return unreachable(s);
    }
  }

  private arm(a: MatchArm): Term {
    return node("arm", this.pattern(a.pattern), this.stmts(a.body));
  }

  private pattern(p: Pattern): Term {
    switch (p.kind) {
      case "VariantPattern":
        return node("variant", this.cx.refTerm(p.ref), p.variant, p.binding ? this.declare(p.binding) : node("no-binding"));
      case "SomePattern":
        return node("some", this.declare(p.binding));
      case "NonePattern":
        return node("none");
      case "WildcardPattern":
        return node("wildcard");
      default:
        return unreachable(p);
    }
  }

  place(p: Place): Term {
    const type = this.cx.typeTerm(p.type);
    switch (p.kind) {
      case "LocalPlace":
        return node("local", type, this.local(p.local, p.name));
      case "StatePlace":
        return node("state", type, p.name);
      case "CollectionPlace":
        return node("collection", type, p.name);
      case "FieldPlace":
        return node("field", type, this.place(p.base), p.field);
      case "IndexPlace":
        return node("index", type, p.container, this.place(p.base), this.expr(p.index));
      default:
        return unreachable(p);
    }
  }

  private exprs(es: readonly Expr[]): Term {
    return es.map((e) => this.expr(e));
  }

  private block(b: ValueBlock): Term {
    return node("block", this.stmts(b.stmts), this.expr(b.value));
  }

  private callee(c: Callee): Term {
    if (c.kind === "Clearing" && c.viaConfig !== undefined) return node("config-rule", c.viaConfig);
    return node(c.kind === "Fn" ? "fn" : "clearing", this.cx.refTerm(c.ref));
  }

  expr(e: Expr): Term {
    const t = this.cx.typeTerm(e.type);
    switch (e.kind) {
      case "Literal":
        return node("lit", t, this.cx.valueTerm(e.value));
      case "ConstRef":
        return node("lit", t, this.cx.valueTerm(e.value));
      case "Local":
        return node("local", t, this.local(e.local, e.name));
      case "Param":
        return node("local", t, this.local(e.index, e.name));
      case "ConfigRef":
        return node("config", t, e.name);
      case "StateRef":
        return node("state", t, e.name);
      case "CollectionRef":
        return node("collection", t, e.name);
      case "UsesRef": {
        const ref = this.uses?.get(e.alias);
        if (!ref) throw new Error(`internal error: no uses reference ${e.alias}`);
        return node("uses", t, ref, e.field);
      }
      case "Sender":
        return node("sender", t);
      case "SelfRef":
        return node("self", t);
      case "Now":
        return node("now", t);
      case "TicketClaim":
        return node("ticket-claim", t, e.claim);
      case "TicketField":
        return node("ticket-field", t, e.field);
      case "NamedPeer":
        return node("named-peer", t, e.name);
      case "Field":
        return node("field", t, this.expr(e.target), e.field);
      case "Index":
        return node("index", t, e.container, this.expr(e.target), this.expr(e.index));
      case "Call":
        return node("call", t, this.callee(e.callee), this.exprs(e.args));
      case "QueryCall":
        return node("query-call", t, e.query, this.exprs(e.args));
      case "Builtin":
        return node("builtin", t, e.fn, this.exprs(e.args));
      case "Convert":
        return node("convert", t, e.to, this.expr(e.arg));
      case "Method":
        return node("method", t, e.on, e.method, this.expr(e.receiver), this.exprs(e.args));
      case "Mutate":
        return node("mutate", t, e.on, e.method, this.place(e.place), this.exprs(e.args));
      case "AssetOp":
        return node("asset", t, e.asset, e.op, this.exprs(e.args));
      case "Some":
        return node("some", t, this.expr(e.value));
      case "ListExpr":
        return node("list", t, this.exprs(e.elements));
      case "RecordExpr":
        return node("record", t, this.cx.refTerm(e.ref), e.fields.map((f) => node("field", f.name, this.expr(f.value))));
      case "VariantExpr":
        return node("variant", t, this.cx.refTerm(e.ref), e.variant, e.fields.map((f) => node("field", f.name, this.expr(f.value))));
      case "Unary":
        return node("unary", t, e.op, this.expr(e.operand));
      case "Binary":
        return node("binary", t, e.op, this.expr(e.left), this.expr(e.right));
      case "Is":
        return node("is", t, this.expr(e.target), this.cx.refTerm(e.ref), e.variant);
      case "If":
        return node("if", t, this.expr(e.cond), this.block(e.then), this.block(e.else));
      case "Quant": {
        const source = this.expr(e.source);
        return node("quant", t, e.quantifier, e.over, source, e.binders.map((b) => this.declare(b)), this.expr(e.body));
      }
      case "Sort":
        return node("sort", t, this.expr(e.source), e.keys.map((k) => node("key", k.field, k.direction)));
      case "Invalid":
        throw new Error("internal error: an invalid expression reached the fingerprint stage");
      default:
        return unreachable(e);
    }
  }
}
