// Determinism and boundedness (docs/language.md §10): floats, the clock, randomness,
// capacities, loops, recursion, `sender`, foreign writes and debits, state writes outside
// handlers, and clearing-rule signatures — each rule with a passing and a failing program.
import { describe, expect, it } from "vitest";
import { check, codes, ok, only, organism, show, under } from "./support.js";

const KEY = "11".repeat(32);
const validator = (req: string) => `validator V { jwt { key hs256 0x${KEY} issuer "x" } ${req} }\n`;

describe("E3001 floating point", () => {
  it("refuses float literals and float types", () => {
    const text = "fn f() -> u64 { let x = 1.5\n return 1 }";
    const d = only(text, "E3001");
    expect(under(text, d)).toBe("1.5");
    expect(codes("record R { x: f64 }")).toEqual(["E3001"]);
    ok("fn f(a: u64, r: bps) -> u64 { return apply_bps(a, r) }");
  });
});

describe("E3002 clock", () => {
  it("lets validators read `now`, nothing else", () => {
    ok(validator('require now > @2025-01-01T00:00:00Z else "early"'));
    const text = organism('    require now > @2025-01-01T00:00:00Z else "early"');
    expect(only(text, "E3002").message).toBe("clock read in replicated code: `now` in handler `h`");
    expect(codes("fn f() -> timestamp { return now }")).toEqual(["E3002"]);
  });
});

describe("E3003 randomness", () => {
  it("refuses `random` as a name or a call", () => {
    expect(codes("fn f() -> u64 { return random }")).toEqual(["E3003"]);
    expect(codes("fn f() -> u64 { return random(6) }")).toEqual(["E3003"]);
    ok("fn f(beacon: digest) -> digest { return hash(beacon) }");
  });
});

describe("E3004 capacities", () => {
  it("requires a capacity on every collection type", () => {
    const text = "record R { xs: list<u64> }";
    const d = only(text, "E3004");
    expect(d.help).toBe("give its maximum size: `list<u64, N>`");
    expect(codes("record R { m: map<peer, u64> }")).toEqual(["E3004"]);
    ok("const N: u64 = 8\nrecord R { xs: list<u64, N>, s: set<peer, 4> }");
  });
});

describe("E3005 unbounded loops", () => {
  it("refuses while and loop, and still checks their bodies", () => {
    expect(codes("fn f(a: u64) { while a > 1 { } }")).toEqual(["E3005"]);
    expect(codes("fn f() { loop { let x = nope } }")).toEqual(["E3005", "E1001"]);
    ok("fn f(xs: list<u64, 4>) -> u64 { var t: u64 = 0\n for x in xs { t += x }\n return t }");
  });
});

describe("E3006 recursion", () => {
  it("reports each call cycle once, naming its path", () => {
    const text = "fn a(x: u64) -> u64 { return b(x) }\nfn b(x: u64) -> u64 { return a(x) + 1 }\nfn c(x: u64) -> u64 { return c(x) }";
    expect(show(text, check(text).diagnostics)).toEqual(['E3006 recursion: `a` -> `b` -> `a` @ "a(x)"', 'E3006 recursion: `c` -> `c` @ "c(x)"']);
    ok("fn a(x: u64) -> u64 { return b(x) + b(x) }\nfn b(x: u64) -> u64 { return x }");
  });

  it("refuses records that contain themselves", () => {
    expect(codes("record Node { next: option<Node> }")).toEqual(["E3006"]);
    ok("record Node { next: option<digest> }");
  });
});

describe("E3007 sender", () => {
  it("is available in handlers only", () => {
    ok(organism("    n = credits.balance(sender)"));
    const text = organism("    n = a", "  query mine() -> u64 { return m[sender] }");
    expect(only(text, "E3007").message).toBe("`sender` outside a handler: used in query `mine`");
    expect(codes("fn f() -> peer { return sender }")).toEqual(["E3007"]);
    expect(codes(organism("    n = a", "  invariant x { m[sender] == 0 }"))).toEqual(["E3007"]);
  });
});

describe("E3008 writes to another organism", () => {
  it("refuses writes through `uses` and into other organisms", () => {
    const uses = '  uses rep = organism "rep.scores" follow';
    expect(codes(organism("    rep.stable_id = hash(p)", uses))).toEqual(["E3008"]);
    const other = 'organism Other { instance "o.other"\n committee 1 of 1\n state { k: u64 = 0 } }\n';
    expect(codes(other + organism("    Other.k = 1"))).toEqual(["E3008"]);
    ok(organism('    require rep.content_hash.is_some() else "unpinned"', uses));
  });
});

describe("E3009 debits", () => {
  it("debits only `sender` or `self`", () => {
    ok(organism("    credits.transfer(sender, p, a)\n    credits.transfer(self, p, a)\n    credits.burn(sender, a)\n    credits.mint(p, a)"));
    const text = organism("    credits.transfer(p, sender, a)");
    const d = only(text, "E3009");
    expect(under(text, d)).toBe("p");
    expect(codes(organism("    credits.burn(p, a)"))).toEqual(["E3009"]);
  });
});

describe("E3011 and E5005 clearing rules", () => {
  const rule = (sig: string, tie = "tie_break price desc, seq asc") =>
    `clearing r(${sig}) -> Allocation ${tie} { return Allocation { fills: [], price: none } }`;

  it("needs a tie-break over Order fields", () => {
    ok(rule("orders: list<Order, 16>, units: u64"));
    expect(codes(rule("orders: list<Order, 16>", ""))).toEqual(["E3011"]);
    const text = rule("orders: list<Order, 16>", "tie_break prce desc");
    const d = only(text, "E5005");
    expect(d.message).toBe("tie-break field `prce` is not a field of `Order`");
    expect(d.help).toBe("did you mean `price`?");
  });

  it("takes a list<Order, N> and returns Allocation", () => {
    expect(codes(rule("units: u64"))).toEqual(["E5005"]);
    expect(codes("clearing r(o: list<Order, 4>) -> u64 tie_break seq asc { return 1 }")).toEqual(["E5005"]);
  });
});

describe("E3012 state writes outside handlers", () => {
  it("keeps queries, invariants and functions read-only", () => {
    ok(organism("    n = a", "  query peek() -> u64 { var t = n\n t += 1\n return t }"));
    const query = organism("    n = a", "  query bump() -> u64 { n += 1\n return n }");
    expect(only(query, "E3012").message).toBe("state write outside a handler: `n` is changed in query `bump`");
    expect(codes(organism("    n = a", "  query q() -> u64 { xs.push(1)\n return 1 }"))).toEqual(["E3012"]);
    expect(codes(organism("    n = a", "  query q() -> u64 { emit Done { who: self, amount: 1 }\n return 1 }"))).toEqual(["E3012"]);
    expect(codes(organism("    n = a", "  invariant i { credits.mint(self, 1) == credits.mint(self, 1) }"))).toContain("E3012");
    expect(codes("fn f() { emit Done { who: 0x00, amount: 1 } }")).toEqual(["E3012"]);
  });
});

describe("E2010 constants", () => {
  it("folds constant expressions and refuses the rest", () => {
    ok("const A: u64 = B * 2\nconst B: u64 = 21\nconst S: bps = bps(250)");
    const text = "fn g() -> u64 { return 1 }\nconst A: u64 = g()";
    const d = only(text, "E2010");
    expect(d.message).toBe("the value of constant `A` is not a constant expression");
    expect(under(text, d)).toBe("g()");
    expect(codes("const A: u64 = B\nconst B: u64 = A")).toEqual(["E2010"]);
    expect(codes(organism("    n = a", "  config { limit: u64 = len([1, 2]) + k }"))).toEqual(["E1001"]);
    expect(codes("fn f() { let k = 4\n var xs: list<u64, k> = [] }")).toEqual(["E2010"]);
  });

  it("checks constant arithmetic like run time does", () => {
    expect(codes("const A: u8 = 200 + 100")).toEqual(["E2004"]);
    expect(codes("const A: u64 = 1 / 0")).toEqual(["E2004"]);
  });
});
