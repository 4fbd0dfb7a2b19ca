// serde_json::Value::to_string() reproduced: the text a JWT claim value folds as.
import { describe, expect, it } from "vitest";
import { isJsonInteger, serdeJsonText } from "../../compiler/fingerprint/json-text.js";

describe("serdeJsonText", () => {
  it("prints scalars as serde_json does", () => {
    expect(serdeJsonText(null)).toBe("null");
    expect(serdeJsonText(true)).toBe("true");
    expect(serdeJsonText(false)).toBe("false");
    expect(serdeJsonText(3n)).toBe("3");
    expect(serdeJsonText(-42n)).toBe("-42");
    expect(serdeJsonText(7)).toBe("7");
    expect(serdeJsonText((1n << 64n) - 1n)).toBe("18446744073709551615");
    expect(serdeJsonText(-(1n << 63n))).toBe("-9223372036854775808");
  });

  it("escapes only quote, backslash and control characters; keeps non-ASCII, `/` and DEL raw", () => {
    expect(serdeJsonText("gold")).toBe('"gold"');
    expect(serdeJsonText('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(serdeJsonText("\b\t\n\f\r")).toBe('"\\b\\t\\n\\f\\r"');
    expect(serdeJsonText("\u0000\u001f\u000b")).toBe('"\\u0000\\u001f\\u000b"');
    expect(serdeJsonText("α/é\u007f\u2028😀")).toBe('"α/é\u007f\u2028😀"');
  });

  it("prints arrays and objects compactly with keys in BTreeMap (code point) order", () => {
    expect(serdeJsonText([1n, "a", [true]])).toBe('[1,"a",[true]]');
    expect(serdeJsonText({ b: 1n, a: { d: null, c: [] } })).toBe('{"a":{"c":[],"d":null},"b":1}');
  });

  it("refuses numbers serde_json would hold as floats (no Smalt literal produces one)", () => {
    expect(() => serdeJsonText(1.5)).toThrow(RangeError);
    expect(() => serdeJsonText(1n << 64n)).toThrow(RangeError);
    expect(() => serdeJsonText(2 ** 60)).toThrow(RangeError);
  });

  it("knows serde_json's integer range: i64::MIN ..= u64::MAX", () => {
    expect(isJsonInteger(-(1n << 63n))).toBe(true);
    expect(isJsonInteger(-(1n << 63n) - 1n)).toBe(false);
    expect(isJsonInteger((1n << 64n) - 1n)).toBe(true);
    expect(isJsonInteger(1n << 64n)).toBe(false);
  });
});
