// Type checking: contextual integer literals, widths that never mix, byte-string lengths,
// options, capacity widening, records and enums, match, quantifiers, sort, methods, assets,
// calls through a `clearing` config, and every E2xxx code (one positive and one negative each).
import { describe, expect, it } from "vitest";
import type { Expr } from "../../compiler/ir/expressions.js";
import { showType } from "../../compiler/ir/types.js";
import { check, codes, HEX32, ok, only, organism, show, under } from "./support.js";

/** The type of `e` in `fn f(params) -> ret { let x = e … }`, as the checker sees it. */
function typeOf(expr: string, params = "", annotation = ""): string {
  const p = ok(`fn f(${params}) { let x${annotation} = ${expr}\n return }\nrecord Bid { amount: u64, qty: u64 }`);
  const body = p.modules[0].fns[0].body;
  const first = body[0];
  if (first.kind !== "Let") throw new Error("not a let");
  return showType(first.value.type);
}

describe("integer literals", () => {
  it("take the type their context needs, u64 otherwise", () => {
    expect(typeOf("1")).toBe("u64");
    expect(typeOf("255", "", ": u8")).toBe("u8");
    expect(typeOf("-5", "", ": i64")).toBe("i64");
    expect(typeOf("x + 1", "x: u32")).toBe("u32");
    expect(typeOf("1 + x", "x: u16")).toBe("u16");
    expect(typeOf("10_000", "", ": bps")).toBe("bps");
  });

  it("are range-checked (E2004)", () => {
    const text = "const A: u8 = 256";
    const d = only(text, "E2004");
    expect(d.message).toBe("integer literal `256` is out of range for `u8`");
    expect(d.help).toBe("`u8` holds 0..=255");
    expect(codes("fn f() -> u64 { return -1 }")).toEqual(["E2004"]);
    expect(codes("const B: bps = 10_001")).toEqual(["E2004"]);
  });

  it("never mix widths implicitly (E2001), but convert explicitly", () => {
    const text = "fn f(a: u64, b: u32) -> u64 { return a + b }";
    const d = only(text, "E2001");
    expect(under(text, d)).toBe("a + b");
    expect(d.help).toContain("convert one side");
    ok("fn f(a: u64, b: u32, r: bps) -> u64 { return a + u64(b) + u64(r) + apply_bps(a, r) }");
  });
});

describe("byte strings, durations and timestamps", () => {
  it("type 0x… by length and context", () => {
    expect(typeOf(`0x${HEX32}`)).toBe("digest");
    expect(typeOf(`0x${"cd".repeat(48)}`)).toBe("measurement");
    expect(typeOf("0xabcd")).toBe("bytes");
    expect(typeOf(`0x${HEX32}`, "", ": peer")).toBe("peer");
    const text = "const D: digest = 0xabcd";
    expect(only(text, "E2001").message).toBe("type mismatch: expected `digest` (32 bytes), found a 2-byte literal");
  });

  it("add durations to timestamps, never bare integers", () => {
    expect(typeOf("t + 1h", "t: timestamp")).toBe("timestamp");
    expect(typeOf("t - u", "t: timestamp, u: timestamp")).toBe("duration");
    expect(codes("fn f(t: timestamp) -> timestamp { return t + 1 }")).toEqual(["E2001"]);
  });
});

describe("options, collections and widening", () => {
  it("types `none` and `[]` from context only", () => {
    expect(typeOf("none", "", ": option<u64>")).toBe("option<u64>");
    expect(typeOf("some(3)")).toBe("option<u64>");
    expect(typeOf("[1, 2, 3]")).toBe("list<u64, 3>");
    expect(codes("fn f() { let x = none }")).toEqual(["E2001"]);
    expect(codes("fn f() { let x = [] }")).toEqual(["E2001"]);
  });

  it("widens list<T, N> to list<T, M ≥ N>, never narrower", () => {
    const callee = "fn total(xs: list<u64, 8>) -> u64 { return sum x in xs: x }\n";
    ok(callee + "fn f(ys: list<u64, 4>) -> u64 { return total(ys) + total([1, 2]) }");
    const text = callee + "fn f(ys: list<u64, 16>) -> u64 { return total(ys) }";
    const d = only(text, "E2001");
    expect(d.message).toBe("type mismatch: expected `list<u64, 8>`, found `list<u64, 16>`");
  });

  it("checks methods by receiver type", () => {
    ok(
      organism(`    xs.push(a)
    let last = xs.pop()
    require last.unwrap_or(0) == a else "lost"
    require xs.contains(a) || m.get(p).is_none() else "?"
    require len(m.keys()) <= 16 else "full"
    m.remove(p)`),
    );
    const text = organism("    xs.psh(a)");
    const d = only(text, "E1004");
    expect(d.message).toBe("`list<u64, 8>` has no method `psh`");
    expect(d.help).toBe("did you mean `push`?");
  });
});

describe("records, enums and match", () => {
  const decls = "record Bid { amount: u64, qty: u64 }\nenum Status { Open, Won { buyer: peer, price: u64 }, Lost }\n";

  it("builds records and variants, binds payloads in match arms", () => {
    ok(
      decls +
        `fn price(s: Status) -> u64 {
  match s {
    Status.Won(w) => { return w.price }
    _ => { return 0 }
  }
}
fn make(p: peer) -> Status { return Status.Won { buyer: p, price: Bid { amount: 2, qty: 1 }.amount } }`,
    );
  });

  it("reports missing fields (E2005) and non-exhaustive matches (E2008)", () => {
    expect(codes(decls + "fn f() -> Bid { return Bid { amount: 1 } }")).toEqual(["E2005"]);
    expect(codes(decls + "fn f() -> Status { return Status.Won }")).toEqual(["E2005"]);
    const text = decls + "fn f(s: Status) -> u64 { match s { Status.Open => { return 1 } Status.Lost => { return 2 } }\n return 0 }";
    expect(only(text, "E2008").message).toBe("non-exhaustive match: `Status.Won` is not covered");
    expect(codes("fn f(o: option<u64>) -> u64 { match o { some(v) => { return v } }\n return 0 }")).toEqual(["E2008"]);
    ok("fn f(o: option<u64>) -> u64 { match o { some(v) => { return v } none => { return 0 } } }");
  });

  it("tests variants with `is` only on the matching enum", () => {
    ok(decls + "fn f(s: Status) -> bool { return s is Status.Lost }");
    expect(codes(decls + "fn f(b: Bid) -> bool { return b is Status.Lost }")).toEqual(["E2001"]);
  });
});

describe("functions and calls", () => {
  it("accepts a tail expression as the returned value", () => {
    const p = ok("fn f(x: u64) -> u64 { if x > 1 { x } else { 0 } }");
    expect(p.modules[0].fns[0].body[0].kind).toBe("If");
  });

  it("reports wrong argument counts (E2002), non-callables (E2003) and missing returns (E2006)", () => {
    expect(codes("fn g(a: u64, b: u64) -> u64 { return a }\nfn f() -> u64 { return g(1) }")).toEqual(["E2002"]);
    expect(codes("fn f(a: u64) -> u64 { return a(1) }")).toEqual(["E2003"]);
    const text = "fn f(x: u64) -> u64 { if x > 1 { return x } }";
    const d = only(text, "E2006");
    expect(under(text, d)).toBe("f");
  });

  it("calls the clearing rule a config parameter names, with its signature", () => {
    const market = (call: string) =>
      `import std.clearing
organism M {
  instance "m.market"
  committee 2 of 3
  config { rule: clearing = std.clearing.second_price, units: u64 = 4 }
  state { last: option<u64> }
  on close(orders: list<Order, 64>) {
    let a = ${call}
    last = a.price
  }
}`;
    ok(market("config.rule(orders, config.units, 0)"));
    expect(codes(market("config.rule(orders)"))).toEqual(["E2002"]);
    expect(codes(market("config.rule(orders, 1, true)"))).toEqual(["E2001"]);
  });
});

describe("assignments, iteration and operators", () => {
  it("refuses writes to immutable values (E2007) and non-places (E2009)", () => {
    const text = "fn f(xs: list<u64, 4>) -> u64 { let s: u64 = 0\n for x in xs { s += x }\n return s }";
    expect(only(text, "E2007").message).toBe("cannot assign to `s`: it is not declared with `var`");
    expect(codes("fn f(a: u64) { a = 1 }")).toEqual(["E2007"]);
    expect(codes("const K: u64 = 1\nfn f() { K = 2 }")).toEqual(["E2007"]);
    expect(codes(organism("    sender = p"))).toEqual(["E2007"]);
    expect(codes("fn f(a: u64) { var b = a\n b + 1 = 2 }")).toEqual(["E2009"]);
    ok("fn f(a: u64) -> u64 { var b = a\n b *= 2\n return b }");
  });

  it("checks type arguments (E2011)", () => {
    expect(codes("record R { a: option<u64, u8> }")).toEqual(["E2011"]);
    expect(codes("record R { a: list }")).toEqual(["E2011"]);
    expect(codes("record R { a: u64<u8> }")).toEqual(["E2011"]);
  });

  it("iterates only collections, with the right binders (E2012)", () => {
    ok(
      "fn f(m: map<peer, u64, 4>, s: set<u64, 4>) -> u64 { var t: u64 = 0\n for k, v in m { t += v }\n for x in s { t += x }\n return t + (count k, v in m: v > 1) }",
    );
    expect(codes("fn f(n: u64) { for x in n { } }")).toEqual(["E2012"]);
    expect(codes("fn f(m: map<peer, u64, 4>) { for x in m { } }")).toEqual(["E2012"]);
  });

  it("types a negated expression from its context: `-(3 + 4)` where an i64 is expected", () => {
    expect(typeOf("-(3 + 4)", "", ": i64")).toBe("i64");
    expect(codes("fn f() -> i64 { return -(3 + 4) * 2 }")).toEqual([]);
  });

  it("refuses operators a type lacks (E2013)", () => {
    expect(codes('fn f(s: string) -> string { return s + "x" }')).toEqual(["E2013"]);
    expect(codes("fn f(a: u64) -> u64 { return -a }")).toEqual(["E2013"]);
    expect(codes("fn f() -> u64 { let x = -(3 + 4)\n return 0 }")).toEqual(["E2013"]);
    expect(codes("fn f(a: bps, b: bps) -> bps { return a * b }")).toEqual(["E2013"]);
    expect(codes("fn f(s: set<u64, 4>) -> u64 { return s[0] }")).toEqual(["E2013"]);
    ok("fn f(a: i64, b: bps, c: bps) -> i64 { return -a }\nfn g(b: bps, c: bps) -> bps { return b + c }");
  });

  it("types quantifiers and sort", () => {
    expect(typeOf("sum x in xs: x", "xs: list<u32, 4>")).toBe("u32");
    expect(typeOf("count x in xs: x > 1", "xs: list<u32, 4>")).toBe("u64");
    expect(typeOf("sort(bs by amount desc, qty asc)", "bs: list<Bid, 4>")).toBe("list<Bid, 4>");
    expect(codes("fn f(xs: list<u64, 4>) -> bool { return all x in xs: x }")).toEqual(["E2001"]);
    expect(codes("record Bid { amount: u64 }\nfn f(bs: list<Bid, 4>) -> list<Bid, 4> { return sort(bs by amont asc) }")).toEqual(["E1004"]);
    expect(codes("fn f(xs: list<u64, 4>) -> list<u64, 4> { return sort(xs by amount asc) }")).toEqual(["E2001"]);
  });
});

describe("the typed IR", () => {
  it("resolves every name to what it denotes", () => {
    const text =
      organism(
        `    let k = LIMIT + config.fee + a
    n = k
    m[sender] = credits.balance(self)
    require reputation.stable_id != hash(p) else "x"`,
        '  config { fee: u64 = 2 }\n  uses reputation = organism "rep.scores" follow',
      ) + "const LIMIT: u64 = 10";
    const p = ok(text);
    const kinds: string[] = [];
    const visit = (e: Expr): void => {
      kinds.push(e.kind);
      if (e.kind === "Binary") (visit(e.left), visit(e.right));
      if (e.kind === "AssetOp" || e.kind === "Builtin") e.args.forEach(visit);
    };
    const h = p.modules[0].organisms[0].handlers[0];
    for (const s of h.body) {
      if (s.kind === "Let") visit(s.value);
      if (s.kind === "Assign") visit(s.value);
      if (s.kind === "Require") visit(s.cond);
    }
    expect(kinds).toEqual(["Binary", "Binary", "ConstRef", "ConfigRef", "Param", "Local", "AssetOp", "SelfRef", "Binary", "UsesRef", "Builtin", "Param"]);
    expect(h.body.map((s) => (s.kind === "Assign" ? s.target.kind : s.kind))).toEqual(["Let", "StatePlace", "IndexPlace", "Require"]);
  });

  it("folds constants and config values into the tree", () => {
    const p = ok("const A: u64 = 2 * B + 1\nconst B: u64 = mul_div(10, 3, 2)\nconst C: list<u8, 4> = [1, 2]");
    expect(p.modules[0].consts.map((c) => `${c.ref.name}=${JSON.stringify(c.value, (_k, v) => (typeof v === "bigint" ? Number(v) : v))}`)).toEqual([
      'A={"kind":"Int","value":31}',
      'B={"kind":"Int","value":15}',
      'C={"kind":"List","elements":[{"kind":"Int","value":1},{"kind":"Int","value":2}]}',
    ]);
  });

  it("reports each problem once and keeps going after errors", () => {
    const text = "fn f(a: u64) -> u64 { let b = nope + 1\n let c = b.x + a\n return c + zip }";
    expect(show(text, check(text).diagnostics)).toEqual(['E1001 unknown name `nope` @ "nope"', 'E1001 unknown name `zip` @ "zip"']);
  });
});
