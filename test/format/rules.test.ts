// The formatter's rules one at a time, on small inline sources, plus its two refusals:
// files with syntax errors (the parser's diagnostics) and output that would not keep the
// file's tokens (an internal diagnostic, never a corrupted file).
import { describe, expect, it } from "vitest";
import { FORMAT_INTERNAL_ERROR, format, lexElements, verifyFormatted } from "../../compiler/format/format.js";
import { parse } from "../../compiler/syntax/parse.js";

const fmt = (text: string): string | undefined => format({ path: "rule.smalt", text }).value;

describe("spacing", () => {
  it.each([
    ["binary operators, `=`, `->`, `=>`, `,` and `:`", "fn f(a:u64,b:u64)->u64{return a+b*2}", "fn f(a: u64, b: u64) -> u64 { return a + b * 2 }\n"],
    ["field access, calls and indexing are tight", "fn f() { x . y ( 1 ) [ 2 ] . z = 3 }", "fn f() { x.y(1)[2].z = 3 }\n"],
    ["generic brackets are tight, comparisons are not", "fn f(xs: list < u64 , 4 >) -> bool { return a<b }", "fn f(xs: list<u64, 4>) -> bool { return a < b }\n"],
    ["nested generics close tight", "const M: map<u64,list<u64,2>> = none", "const M: map<u64, list<u64, 2>> = none\n"],
    ["unary operators hug their operand", "fn f() { let x = - a - - b }", "fn f() { let x = -a - -b }\n"],
    ["a parenthesised operand is not a call", "test \"t\" for O { expect (a) == b }", 'test "t" for O { expect (a) == b }\n'],
    ["a list literal is not an index", "fn f() { for x in [1 ,2] { } }", "fn f() { for x in [1, 2] {} }\n"],
    ["braces keep one space inside, none when empty", "record A {a:u64} record B {  }", "record A { a: u64 } record B {}\n"],
    ["patterns bind tight", "fn f() { match o { some ( x ) => { } S.A ( y ) => { } } }", "fn f() { match o { some(x) => {} S.A(y) => {} } }\n"],
    ["sort and quantifiers", "fn f() { let s = sort ( xs by p desc , q asc ) let n = count x in xs : x > 0 }", "fn f() { let s = sort(xs by p desc, q asc) let n = count x in xs: x > 0 }\n"],
    ["literals are kept verbatim", "const T: timestamp = @2025-06-01T00:00:00Z const D: duration = 1_0m const H: bytes = 0xAb_cD", "const T: timestamp = @2025-06-01T00:00:00Z const D: duration = 1_0m const H: bytes = 0xAb_cD\n"],
  ])("%s", (_, input, expected) => expect(fmt(input)).toBe(expected));
});

describe("lines", () => {
  it.each([
    ["`{` joins the line before", "fn f()\n{\n  return\n}", "fn f() {\n  return\n}\n"],
    ["`else` joins the `}` before it, `if` the `else`", "fn f() {\n  if a {\n    x = 1\n  }\n  else\n  if b { x = 2 }\n}", "fn f() {\n  if a {\n    x = 1\n  } else if b { x = 2 }\n}\n"],
    ["a comment keeps a brace on its own line", "fn f() // why\n{\n  return\n}", "fn f() // why\n{\n  return\n}\n"],
    ["a multi-line pair puts its contents on lines of their own", "fn f() { x = 1\n  y = 2 }", "fn f() {\n  x = 1\n  y = 2\n}\n"],
    ["blank lines collapse to one, none inside brackets or at the ends", "\n\nfn f() {\n\n\n  x = 1\n\n\n\n  y = 2\n\n}\n\n\n", "fn f() {\n  x = 1\n\n  y = 2\n}\n"],
    ["continuation lines take one extra level", "fn f() {\n  let x = a +\n  b\n  return x\n}", "fn f() {\n  let x = a +\n    b\n  return x\n}\n"],
    ["a line starting with a closer sits with its opener's line", "fn f() {\n  g(\n  a,\n      b\n    )\n}", "fn f() {\n  g(\n    a,\n    b\n  )\n}\n"],
    ["CRLF, lone CR and tabs become LF and spaces", "record A {\r\n\ta: u64\r\tb: u64\r\n}", "record A {\n  a: u64\n  b: u64\n}\n"],
    ["an empty file stays empty", " \n\t\n", ""],
  ])("%s", (_, input, expected) => expect(fmt(input)).toBe(expected));
});

describe("comments", () => {
  it.each([
    ["end-of-line comments follow one space; trailing blanks go", "record A { a: u64 }      // note   \n", "record A { a: u64 } // note\n"],
    ["own-line comments take the indentation of the code after them", "fn f() {\n// one\n        // two\n  return\n}", "fn f() {\n  // one\n  // two\n  return\n}\n"],
    ["a comment before a closer is indented with the contents", "fn f() {\n  x = 1\n// last\n}", "fn f() {\n  x = 1\n  // last\n}\n"],
    ["a comment inside an expression keeps its line", "fn f() {\n  let x = a + // why\n    b\n}", "fn f() {\n  let x = a + // why\n    b\n}\n"],
    ["a comment after `{` keeps the pair multi-line", "fn f() { // c\n}", "fn f() { // c\n}\n"],
    ["comment text is kept verbatim", "//x  y\t z\n//\n", "//x  y\t z\n//\n"],
  ])("%s", (_, input, expected) => expect(fmt(input)).toBe(expected));
});

describe("refusals", () => {
  it("refuses a file with syntax errors, with exactly the parser's diagnostics", () => {
    const file = { path: "bad.smalt", text: "organism O {\n  on h( {\n}\n" };
    const result = format(file);
    expect(result.value).toBeUndefined();
    expect(result.diagnostics).toEqual(parse(file).diagnostics);
    expect(result.diagnostics.length).toBeGreaterThan(0);
  });

  it("reports output that would change the tokens as an internal error instead of returning it", () => {
    const file = { path: "ok.smalt", text: "fn f() { return a - -b }\n" };
    const { elements } = lexElements(file.text);
    expect(verifyFormatted(file, elements, file.text)).toBeUndefined();
    for (const corrupted of ["fn f() { return a + -b }\n", "fn f() { return a -= b }\n", "fn f() { return a - - b // c\n}\n", "fn f() { return a - -b \n", 'fn f() { return "a }\n']) {
      const d = verifyFormatted(file, elements, corrupted);
      expect(d?.code).toBe(FORMAT_INTERNAL_ERROR);
      expect(d?.severity).toBe("error");
    }
  });

  it("reports a dropped or edited comment as an internal error", () => {
    const file = { path: "ok.smalt", text: "record A { a: u64 } // keep me\n" };
    const { elements } = lexElements(file.text);
    expect(verifyFormatted(file, elements, "record A { a: u64 }\n")?.code).toBe(FORMAT_INTERNAL_ERROR);
    expect(verifyFormatted(file, elements, "record A { a: u64 } // keep\n")?.message).toMatch(/comment/);
  });
});
