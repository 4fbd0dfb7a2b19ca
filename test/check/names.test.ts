// Name resolution: every name in a body resolves to what it denotes, and every unknown or
// duplicate name is reported once at its own span, with a near-miss suggestion when one exists.
import { describe, expect, it } from "vitest";
import { check, codes, ok, only, organism, show, under } from "./support.js";

describe("unknown names (E1001)", () => {
  it("suggests the closest visible name", () => {
    const text = organism('    require a >= config.reserve else "low"\n    n = credits.balance(sendr)', "  config { reserve: u64 = 5 }");
    const r = check(text);
    expect(show(text, r.diagnostics)).toEqual(['E1001 unknown name `sendr` @ "sendr"']);
    expect(r.diagnostics[0].help).toBe("did you mean `sender`?");
  });

  it("accepts every kind of name a body can see", () => {
    ok(
      organism(
        `    let local = a + LIMIT
    var acc: u64 = config.reserve
    acc += local
    n = acc
    m[sender] = credits.balance(self)
    let s = Status.Open
    require s is Status.Open else "closed"
    require reputation.stable_id != hash(p) else "self"`,
        '  config { reserve: u64 = 5 }\n  uses reputation = organism "rep.scores" follow',
      ) + "const LIMIT: u64 = 10\nenum Status { Open, Closed }",
    );
  });

  it("refuses `self` outside organisms and names used before their declaration in a block", () => {
    expect(codes("fn f() -> peer { return self }")).toEqual(["E1001"]);
    expect(codes("fn f() -> u64 { let a = b\n let b = 1\n return a }")).toEqual(["E1001"]);
  });
});

describe("duplicates (E1002)", () => {
  it("reports a second top-level declaration with the first as a secondary label", () => {
    const text = "record Bid { a: u64 }\nenum Bid { X }";
    const d = only(text, "E1002");
    expect(under(text, d)).toBe("Bid");
    expect(d.secondary.map((s) => text.slice(s.span.start, s.span.end))).toEqual(["Bid"]);
  });

  it("reports built-in names, reserved names, repeated fields and cross-kind member clashes", () => {
    expect(codes("record Order { a: u64 }")).toEqual(["E1002"]);
    expect(codes("fn f(sender: peer) -> peer { return sender }")).toEqual(["E1002"]);
    expect(codes("record R { a: u64, a: u64 }")).toEqual(["E1002"]);
    expect(codes(organism("", "  asset n"))).toEqual(["E1002"]);
    expect(codes(organism("", "  query h() -> u64 { return 1 }"))).toEqual(["E1002"]);
  });
});

describe("types, fields, variants (E1003, E1004, E1012)", () => {
  it("names the unknown type and knows other languages' names", () => {
    const text = "record R { a: uint64, b: Bd }\nrecord Bid { x: u64 }";
    const r = check(text);
    expect(show(text, r.diagnostics)).toEqual(['E1003 unknown type `uint64` @ "uint64"', 'E1003 unknown type `Bd` @ "Bd"']);
    expect(r.diagnostics.map((d) => d.help)).toEqual(["Smalt calls this type `u64`", "did you mean `Bid`?"]);
  });

  it("lists the fields when no name is close", () => {
    const text = "record Bid { amount: u64, qty: u64 }\nfn f(b: Bid) -> u64 { return b.quantity }";
    const d = only(text, "E1004");
    expect(d.message).toBe("`Bid` has no field `quantity`");
    expect(d.help).toBe("its fields: `amount`, `qty`");
  });

  it("reports unknown variants in values, `is` and patterns", () => {
    const e = "enum S { Open, Closed }\n";
    expect(codes(e + "fn f() -> S { return S.Opn }")).toEqual(["E1012"]);
    expect(codes(e + "fn f(s: S) -> bool { return s is S.Shut }")).toEqual(["E1012"]);
    expect(codes(e + "fn f(s: S) -> u64 { match s { S.Open => { return 1 } S.Gone => { return 2 } _ => { return 3 } } }")).toEqual(["E1012"]);
    const d = check(e + "fn f() -> S { return S.Opn }").diagnostics[0];
    expect(d.help).toBe("did you mean `Open`?");
  });
});

describe("organism references (E1007–E1011)", () => {
  const validator = `validator Coalition { jwt { key hs256 0x${"11".repeat(32)} issuer "x" } }\n`;

  it("resolves validators, streams and events, and suggests near misses", () => {
    ok(
      validator +
        organism("    emit Done { who: sender, amount: a }", "  stream s requires Coalition").replace("on h(a: u64, p: peer)", "on h(a: u64, p: peer) via s"),
    );
    const text =
      validator +
      organism("    emit Don { who: sender, amount: a }", "  stream s requires Coaliton").replace("on h(a: u64, p: peer)", "on h(a: u64, p: peer) via t");
    const r = check(text);
    expect(show(text, r.diagnostics)).toEqual([
      'E1007 unknown validator `Coaliton` @ "Coaliton"',
      'E1008 unknown stream `t` @ "t"',
      'E1009 unknown event `Don` @ "Don"',
    ]);
    expect(r.diagnostics.map((d) => d.help)).toEqual(["did you mean `Coalition`?", "its streams: `s`", "did you mean `Done`?"]);
  });

  it("checks test steps against the organism's handlers and events", () => {
    const base = organism("    n = a");
    ok(base + 'test "t" for O {\n  as alice h(1, bob) ok\n  expect n == 1\n}');
    expect(codes(base + 'test "t" for Q { as alice h(1, bob) ok }')).toEqual(["E1011"]);
    expect(codes(base + 'test "t" for O { as alice hh(1, bob) ok }')).toEqual(["E1010"]);
    expect(codes(base + 'test "t" for O { as alice h(1, bob) ok emits Don }')).toEqual(["E1009"]);
  });
});
