// serde_json's `Value::to_string()` for the JSON values a JWT claim can require: the text
// mosaik folds into the Jwt signature (mosaik.md §3.7). Compact (no spaces), object keys in
// BTreeMap order (serde_json without `preserve_order`), strings escaped exactly as serde_json
// escapes them. Non-integer numbers are refused: no Smalt literal produces one.
import { compareUtf8 } from "./bytes.js";

export type JsonValue =
  | null
  | boolean
  | string
  | bigint
  | number
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue };

const U64_MAX = (1n << 64n) - 1n;
const I64_MIN = -(1n << 63n);

/** The exact text `serde_json::Value::to_string()` prints for `value`. */
export function serdeJsonText(value: JsonValue): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "boolean":
      return value ? "true" : "false";
    case "string":
      return quoteJson(value);
    case "bigint":
      return integerText(value);
    case "number":
      if (!Number.isSafeInteger(value)) {
        throw new RangeError(`internal error: JSON number ${value} is not a safe integer`);
      }
      return integerText(BigInt(value));
    case "object":
      if (isArray(value)) return `[${value.map(serdeJsonText).join(",")}]`;
      return `{${Object.keys(value)
        .sort(compareUtf8)
        .map((k) => `${quoteJson(k)}:${serdeJsonText(value[k])}`)
        .join(",")}}`;
    default:
      throw new TypeError(`internal error: ${typeof value} is not a JSON value`);
  }
}

/** serde_json holds integers as u64 or i64; anything wider would have become an f64. */
export function isJsonInteger(n: bigint): boolean {
  return n >= I64_MIN && n <= U64_MAX;
}

function integerText(n: bigint): string {
  if (!isJsonInteger(n)) throw new RangeError(`internal error: ${n} is outside serde_json's integer range`);
  return n.toString();
}

const SHORT_ESCAPES: Readonly<Record<number, string>> = {
  0x08: "\\b",
  0x09: "\\t",
  0x0a: "\\n",
  0x0c: "\\f",
  0x0d: "\\r",
  0x22: '\\"',
  0x5c: "\\\\",
};

/** serde_json's string escaping: `"`, `\`, and control characters below 0x20 (as \b \t \n \f \r or \u00xx). */
function quoteJson(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    const short = SHORT_ESCAPES[c];
    if (short !== undefined) out += short;
    else if (c < 0x20) out += `\\u00${c.toString(16).padStart(2, "0")}`;
    else out += ch;
  }
  return `${out}"`;
}

function isArray(v: JsonValue): v is readonly JsonValue[] {
  return Array.isArray(v);
}
