// The text and JSON renderers on hand-built diagnostics: layout of primary and secondary
// labels, multi-line spans, other files, tabs, wide characters, CRLF, end of file,
// colour, the summary line and the JSON shape. Pure functions, so exact strings.
import { describe, expect, it } from "vitest";
import type { Diagnostic, Label } from "../compiler/diagnostics/diagnostic.js";
import { renderJson, toJsonDiagnostics } from "../compiler/diagnostics/render-json.js";
import { renderText, summaryLine } from "../compiler/diagnostics/render-text.js";
import type { SourceFile } from "../compiler/source.js";

function at(file: SourceFile, needle: string, length = needle.length, nth = 0): Label["span"] {
  let start = -1;
  for (let i = 0; i <= nth; i++) start = file.text.indexOf(needle, start + 1);
  if (start < 0) throw new Error(`${needle} not in ${file.path}`);
  return { file: file.path, start, end: start + length };
}

function diag(code: string, message: string, primary: Label, more: Partial<Diagnostic> = {}): Diagnostic {
  return { code, severity: "error", message, primary, secondary: [], ...more };
}

const auction: SourceFile = {
  path: "auction.smalt",
  text: [
    "organism Auction {",
    "  config { reserve: u64 = 100 }",
    "  on bid(amount: u64) {",
    '    require amount >= reserv else "below reserve"',
    '    let total = amount + "fee"',
    "  }",
    "}",
    "",
  ].join("\n"),
};

const plain = (ds: Diagnostic[], files: SourceFile[] = [auction]) => renderText(ds, files, { color: false });

describe("renderText", () => {
  it("underlines the primary span, labels it and adds help", () => {
    const d = diag("E1001", "unknown name `reserv`", { span: at(auction, "reserv", 6, 1), message: "not found in this scope" }, { help: "did you mean `config.reserve`?" });
    expect(plain([d])).toBe(
      [
        "error[E1001]: unknown name `reserv`",
        " --> auction.smalt:4:23",
        "  |",
        '4 |     require amount >= reserv else "below reserve"',
        "  |                       ^^^^^^ not found in this scope",
        "  |",
        "help: did you mean `config.reserve`?",
        "",
        "1 error in 1 file",
        "",
      ].join("\n"),
    );
  });

  it("hangs secondary labels on the same line below, right to left", () => {
    const d = diag("E2013", "cannot add `u64` and `string`", { span: at(auction, "+", 1), message: "no `+` for these types" }, {
      secondary: [
        { span: at(auction, "amount +", 6), message: "u64" },
        { span: at(auction, '"fee"'), message: "string" },
      ],
    });
    expect(plain([d], [auction])).toBe(
      [
        "error[E2013]: cannot add `u64` and `string`",
        " --> auction.smalt:5:24",
        "  |",
        '5 |     let total = amount + "fee"',
        "  |                 ------ ^ ----- string",
        "  |                 |      |",
        "  |                 |      no `+` for these types",
        "  |                 u64",
        "",
        "1 error in 1 file",
        "",
      ].join("\n"),
    );
  });

  it("shows secondary labels on other lines and in other files in their own snippets", () => {
    const other: SourceFile = { path: "lib/bids.smalt", text: "record Bid { amount: u64 }\n" };
    const d = diag("E1002", "`reserve` is declared twice", { span: at(auction, "reserv", 6, 1), message: "used here" }, {
      secondary: [
        { span: at(auction, "reserve", 7), message: "declared here" },
        { span: at(other, "Bid"), message: "and here" },
      ],
    });
    expect(plain([d], [auction, other])).toBe(
      [
        "error[E1002]: `reserve` is declared twice",
        " --> auction.smalt:4:23",
        "  |",
        "2 |   config { reserve: u64 = 100 }",
        "  |            ------- declared here",
        "3 |   on bid(amount: u64) {",
        '4 |     require amount >= reserv else "below reserve"',
        "  |                       ^^^^^^ used here",
        " ::: lib/bids.smalt:1:8",
        "  |",
        "1 | record Bid { amount: u64 }",
        "  |        --- and here",
        "",
        "1 error in 1 file",
        "",
      ].join("\n"),
    );
  });

  it("draws a multi-line span with a bar from its first to its last character", () => {
    const start = auction.text.indexOf("on bid");
    const end = auction.text.indexOf("  }\n}") + 3;
    const d = diag("E2006", "handler `bid` is too long", { span: { file: auction.path, start, end }, message: "this handler" });
    expect(plain([d])).toBe(
      [
        "error[E2006]: handler `bid` is too long",
        " --> auction.smalt:3:3",
        "  |",
        "3 |     on bid(amount: u64) {",
        "  |  ___^",
        '4 | |     require amount >= reserv else "below reserve"',
        '5 | |     let total = amount + "fee"',
        "6 | |   }",
        "  | |___^ this handler",
        "",
        "1 error in 1 file",
        "",
      ].join("\n"),
    );
  });

  it("elides the middle of a long multi-line span", () => {
    const body = Array.from({ length: 12 }, (_, i) => `  let v${i} = ${i}`).join("\n");
    const file: SourceFile = { path: "long.smalt", text: `fn f() -> u64 {\n${body}\n  return 0\n}\n` };
    const d = diag("E3010", "too costly", { span: { file: file.path, start: 0, end: file.text.length - 1 } });
    const lines = plain([d], [file]).split("\n");
    expect(lines.slice(2, 10)).toEqual(["   |", " 1 |   fn f() -> u64 {", "   |  _^", " 2 | |   let v0 = 0", "...", "14 | |   return 0", "15 | | }", "   | |_^"]);
  });

  it("expands tabs, measures wide characters and ignores CRLF line ends", () => {
    const file: SourceFile = { path: "t.smalt", text: 'const A: string = "市場"\r\n\tlet x = 市場 + y\r\n' };
    const d = diag("E1001", "unknown name `y`", { span: at(file, "y", 1, 0) }, {
      secondary: [{ span: at(file, "市場", 2, 1) }],
    });
    const lines = plain([d], [file]).split("\n");
    expect(lines.slice(3, 5)).toEqual(["2 |     let x = 市場 + y", "  |             ----   ^"]);
  });

  it("points just past the last token for an error at the end of the file", () => {
    const file: SourceFile = { path: "eof.smalt", text: "organism O {\n  committee 2 of 3\n\n\n" };
    const d = diag("E0002", "unexpected end of file, expected `}`", { span: { file: file.path, start: file.text.length, end: file.text.length }, message: "expected `}` here" });
    expect(plain([d], [file]).split("\n").slice(1, 5)).toEqual([" --> eof.smalt:2:19", "  |", "2 |   committee 2 of 3", "  |                   ^ expected `}` here"]);
  });

  it("sorts by file and position and colours only when asked", () => {
    const late = diag("E2013", "late", { span: at(auction, "+", 1) });
    const early = diag("E1001", "early", { span: at(auction, "reserv", 6, 1) });
    const text = plain([late, early]);
    expect(text.indexOf("early")).toBeLessThan(text.indexOf("late"));
    expect(text).not.toContain("\x1b[");
    const coloured = renderText([early], [auction], { color: true });
    expect(coloured).toContain("\x1b[1;31merror[E1001]\x1b[0m");
    expect(coloured).toContain("\x1b[1;31m^^^^^^\x1b[0m");
  });

  it("summarises errors and warnings across files", () => {
    const e = (file: string): Diagnostic => diag("E1001", "x", { span: { file, start: 0, end: 1 } });
    const w: Diagnostic = { ...e("b.smalt"), severity: "warning" };
    expect(summaryLine([e("a.smalt")])).toBe("1 error in 1 file");
    expect(summaryLine([e("a.smalt"), e("a.smalt"), w])).toBe("2 errors and 1 warning in 2 files");
    expect(summaryLine([])).toBe("no problems");
    expect(renderText([], [])).toBe("");
    expect(renderText([e("a.smalt")], [{ path: "a.smalt", text: "x" }], { summary: false }).endsWith("^\n")).toBe(true);
  });
});

describe("renderJson", () => {
  it("gives every field, 1-based and end-exclusive, in sorted order", () => {
    const late = diag("E2013", "late", { span: at(auction, '"fee"'), message: "a string" }, { secondary: [{ span: at(auction, "amount +", 6) }] });
    const early = diag("E1001", "early", { span: at(auction, "reserv", 6, 1) }, { help: "did you mean `config.reserve`?" });
    const json = toJsonDiagnostics([late, early], [auction]);
    expect(json).toEqual([
      { code: "E1001", severity: "error", message: "early", file: "auction.smalt", start: { line: 4, column: 23 }, end: { line: 4, column: 29 }, help: "did you mean `config.reserve`?", label: null, related: [] },
      {
        code: "E2013",
        severity: "error",
        message: "late",
        file: "auction.smalt",
        start: { line: 5, column: 26 },
        end: { line: 5, column: 31 },
        help: null,
        label: "a string",
        related: [{ file: "auction.smalt", start: { line: 5, column: 17 }, end: { line: 5, column: 23 }, message: null }],
      },
    ]);
    expect(Object.keys(json[0])).toEqual(["code", "severity", "message", "file", "start", "end", "help", "label", "related"]);
    expect(JSON.parse(renderJson([late, early], [auction]))).toEqual(json);
  });
});
