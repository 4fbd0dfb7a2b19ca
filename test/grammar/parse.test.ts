// The parse stage on real source: every construct lowers to the expected AST shape,
// spans point at the text they cover, and syntax errors carry stable codes.
import { describe, expect, it } from "vitest";
import { parse } from "../../compiler/syntax/parse.js";
import type { Decl, Expr, HandlerItem, OrganismDecl, Stmt } from "../../compiler/syntax/ast.js";

function parseOk(text: string) {
  const r = parse({ path: "t.smalt", text });
  expect(r.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([]);
  return r.value;
}

function codes(text: string): string[] {
  return parse({ path: "t.smalt", text }).diagnostics.map((d) => d.code);
}

function handlerBody(text: string): readonly Stmt[] {
  const org = parseOk(`organism O { on h() { ${text} } }`).decls[0] as OrganismDecl;
  return (org.items[0] as HandlerItem).body.stmts;
}

function expr(text: string): Expr {
  const [s] = handlerBody(`let x = ${text}`);
  if (s.kind !== "LetStmt") throw new Error("not a let");
  return s.value;
}

/** A compact rendering of an expression to check precedence and associativity. */
function show(e: Expr): string {
  switch (e.kind) {
    case "BinaryExpr":
      return `(${show(e.left)} ${e.op} ${show(e.right)})`;
    case "UnaryExpr":
      return `(${e.op}${show(e.operand)})`;
    case "NameExpr":
      return e.name.name;
    case "IntLit":
      return e.value.toString();
    case "FieldExpr":
      return `${show(e.target)}.${e.field.name}`;
    case "CallExpr":
      return `${show(e.callee)}(${e.args.map(show).join(", ")})`;
    case "IndexExpr":
      return `${show(e.target)}[${show(e.index)}]`;
    case "IsExpr":
      return `(${show(e.target)} is ${e.variant.map((v) => v.name).join(".")})`;
    default:
      return e.kind;
  }
}

describe("declarations", () => {
  it("parses every top-level declaration kind", () => {
    const p = parseOk(`
      network "universe"
      import std.clearing as clr
      import "./other.smalt" as other
      record Bid { amount: u64, qty: u64 }
      enum Status { Active, Completed { buyer: peer }, Cancelled }
      const MAX: u64 = 1_000
      fn twice(x: u64) -> u64 { return x * 2 }
      clearing best(bids: list<Order, 8>) -> Allocation tie_break price desc, seq asc { return Allocation { fills: [], price: none } }
      validator V { jwt { key hs256 0x11 issuer "a" } }
      organism O { instance "o" committee 1 of 1 }
      test "t" for O { expect true }
    `);
    expect(p.decls.map((d: Decl) => d.kind)).toEqual([
      "NetworkDecl", "ImportDecl", "ImportDecl", "RecordDecl", "EnumDecl", "ConstDecl",
      "FnDecl", "ClearingDecl", "ValidatorDecl", "OrganismDecl", "TestDecl",
    ]);
  });

  it("keeps integer literals exact beyond 2^53", () => {
    const e = expr("340_282_366_920_938_463_463_374_607_431_768_211_455");
    expect(e.kind === "IntLit" && e.value).toBe(2n ** 128n - 1n);
  });

  it("lowers types with capacities, including nested generics and named capacities", () => {
    const p = parseOk(`organism O { state { bids: map<peer, list<Bid, 4>, 4096>, xs: list<u8, MAX>, o: option<u64> } }`);
    const state = (p.decls[0] as OrganismDecl).items[0];
    if (state.kind !== "StateItem") throw new Error();
    const [bids, xs, o] = state.fields.map((f) => f.type);
    expect(bids.kind === "GenericType" && bids.args.length).toBe(2);
    expect(bids.kind === "GenericType" && bids.capacity?.kind === "IntLit" && bids.capacity.value).toBe(4096n);
    expect(xs.kind === "GenericType" && xs.capacity?.kind).toBe("NameExpr");
    expect(o.kind === "GenericType" && o.capacity).toBeUndefined();
  });

  it("reads literals: durations in seconds, timestamps in unix seconds, hex lowercased", () => {
    const p = parseOk(`validator V { tdx { mrtd = 0xAB_cd max_age 2h not_before @2025-06-01T00:00:00Z } }`);
    const v = p.decls[0];
    if (v.kind !== "ValidatorDecl" || v.clauses[0].kind !== "TdxClause") throw new Error();
    const [m, age, nb] = v.clauses[0].items;
    expect(m.kind === "MeasurementEntry" && m.value?.hex).toBe("abcd");
    expect(age.kind === "TdxMaxAge" && age.value.kind === "DurationLit" && age.value.seconds).toBe(7200n);
    expect(nb.kind === "TdxNotBefore" && nb.value.kind === "TimestampLit" && nb.value.unixSeconds).toBe(1748736000n);
  });
});

describe("expressions", () => {
  it("respects precedence and left associativity", () => {
    expect(show(expr("a + b * c - d"))).toBe("((a + (b * c)) - d)");
    expect(show(expr("a || b && c == d"))).toBe("(a || (b && (c == d)))");
    expect(show(expr("-a * !b"))).toBe("((-a) * (!b))");
    expect(show(expr("a - b - c"))).toBe("((a - b) - c)");
  });

  it("chains postfix suffixes in source order", () => {
    expect(show(expr("m[k].items.get(i)[0]"))).toBe("m[k].items.get(i)[0]");
  });

  it("parses `is`, quantifiers, sort and list literals", () => {
    expect(show(expr("s is Status.Active"))).toBe("(s is Status.Active)");
    expect(expr("all x in xs: x > 0").kind).toBe("QuantExpr");
    expect(expr("sort(xs by price desc, seq asc)").kind).toBe("SortExpr");
    expect(expr("[1, 2, 3]").kind).toBe("ListLit");
  });

  it("does not read `{` after an if/for/match head as a record literal", () => {
    const [s] = handlerBody(`if a == b { x = 1 }`);
    expect(s.kind).toBe("IfStmt");
    const [f] = handlerBody(`for x in xs { y += x }`);
    expect(f.kind === "ForStmt" && f.source.kind).toBe("NameExpr");
  });

  it("reads `{` after a name elsewhere as a record literal", () => {
    const e = expr("Status.Completed { buyer: sender }");
    expect(e.kind === "RecordLit" && e.type.map((i) => i.name)).toEqual(["Status", "Completed"]);
  });
});

describe("spans", () => {
  it("cover exactly the text of each node", () => {
    const text = `organism Auction { on bid(b: Bid) { require b.amount >= 5 else "low" } }`;
    const org = parseOk(text).decls[0] as OrganismDecl;
    const h = org.items[0] as HandlerItem;
    const req = h.body.stmts[0];
    expect(text.slice(org.name.span.start, org.name.span.end)).toBe("Auction");
    expect(text.slice(req.span.start, req.span.end)).toBe(`require b.amount >= 5 else "low"`);
    if (req.kind !== "RequireStmt") throw new Error();
    expect(text.slice(req.cond.span.start, req.cond.span.end)).toBe("b.amount >= 5");
  });
});

describe("syntax errors", () => {
  it("reports an unexpected token with E0001 and keeps parsing", () => {
    expect(codes(`record R { a: u64 b: }  organism O { on h() { x = } }`)).toEqual(["E0001", "E0001"]);
  });
  it("reports a missing closing brace at end of file with E0002", () => {
    expect(codes(`organism A { instance "x"`)).toEqual(["E0002"]);
  });
  it("reports an unterminated string with E0003", () => {
    expect(codes(`fn f() -> string { return "abc }\n}`)).toContain("E0003");
  });
  it("reports an unknown character with E0004", () => {
    expect(codes(`fn f() { let x = 1 # 2 }`)).toEqual(["E0004"]);
  });
  it("reports malformed literals with E0005", () => {
    expect(codes(`fn f() { let x = 0xabc }`)).toEqual(["E0005"]);
    expect(codes(`fn f() { let x = @2025-02-30T00:00:00Z }`)).toEqual(["E0005"]);
    expect(codes(`fn f() { let x = "a\\q" }`)).toEqual(["E0005"]);
  });
  it("explains reserved words used as names", () => {
    const d = parse({ path: "t.smalt", text: `fn f() { let in = 1 }` }).diagnostics[0];
    expect(d.help).toContain("reserved word");
  });
  it("accepts soft keywords as names", () => {
    parseOk(`record R { count: u64, key: bytes, state: u8, event: u8 } fn f(sum: u64) -> u64 { return sum }`);
  });
});

describe("lists and settings", () => {
  it("accepts trailing commas in lists, arguments and parameters", () => {
    expect(show(expr("f(a, b,)"))).toBe("f(a, b)");
    const e = expr("[1, 2,]");
    expect(e.kind === "ListLit" && e.elements.length).toBe(2);
    parseOk(`fn f(a: u64, b: u64,) -> u64 { return a }`);
  });
  it("refuses `not_before` in a jwt clause", () => {
    expect(codes(`validator V { jwt { not_before @2025-01-01T00:00:00Z } }`)).toEqual(["E0001"]);
  });
  it("gives each `accept` line only its own statuses", () => {
    const v = parseOk(`validator V { tdx { accept UpToDate accept SWHardeningNeeded, ConfigurationNeeded } }`).decls[0];
    if (v.kind !== "ValidatorDecl" || v.clauses[0].kind !== "TdxClause") throw new Error();
    const lists = v.clauses[0].items.map((i) => (i.kind === "TdxAcceptStatus" ? i.statuses.map((s) => s.name) : []));
    expect(lists).toEqual([["UpToDate"], ["SWHardeningNeeded", "ConfigurationNeeded"]]);
  });
});
