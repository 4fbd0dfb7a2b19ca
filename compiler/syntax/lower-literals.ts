// Literal tokens -> AST literal nodes: integers, hex bytes, strings, durations, timestamps.
// A literal that lexes but cannot mean anything is reported here as E0005.
import type { IToken } from "chevrotain";
import { error } from "../diagnostics/make.js";
import type { BytesLit, DurationLit, IntLit, StringLit, TimestampLit } from "./ast.js";
import type { LowerContext } from "./cst-access.js";

export function lowerInt(cx: LowerContext, t: IToken | undefined): IntLit {
  const digits = (t?.image ?? "0").replace(/_/g, "");
  return { kind: "IntLit", value: BigInt(digits === "" ? "0" : digits), span: cx.tokenSpan(t) };
}

export function lowerHex(cx: LowerContext, t: IToken | undefined): BytesLit {
  const span = cx.tokenSpan(t);
  const hex = (t?.image ?? "0x").slice(2).replace(/_/g, "").toLowerCase();
  if (hex.length === 0 || hex.length % 2 !== 0) {
    cx.diagnostics.push(
      error("E0005", `hex literal has ${hex.length} digit${hex.length === 1 ? "" : "s"}; bytes need an even number`, span, {
        label: "not a whole number of bytes",
        help: "hex literals are byte strings: write two hex digits per byte (`0x0a`, not `0xa`)",
      }),
    );
  }
  return { kind: "BytesLit", hex, span };
}

const escapes: Readonly<Record<string, string>> = { '"': '"', "\\": "\\", n: "\n", t: "\t", r: "\r" };

export function lowerString(cx: LowerContext, t: IToken | undefined): StringLit {
  const span = cx.tokenSpan(t);
  const raw = (t?.image ?? '""').slice(1, -1);
  let value = "";
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c !== "\\") {
      value += c;
      continue;
    }
    const next = raw[i + 1] ?? "";
    if (next in escapes) {
      value += escapes[next];
      i++;
      continue;
    }
    const unicode = /^u\{([0-9A-Fa-f]{1,6})\}/.exec(raw.slice(i + 1));
    if (unicode && parseInt(unicode[1], 16) <= 0x10ffff) {
      value += String.fromCodePoint(parseInt(unicode[1], 16));
      i += unicode[0].length;
      continue;
    }
    const at = span.start + 1 + i;
    cx.diagnostics.push(
      error("E0005", `unknown escape \`\\${next}\` in string`, { file: span.file, start: at, end: at + 1 + next.length }, {
        help: 'the escapes are \\" \\\\ \\n \\t \\r and \\u{…}',
      }),
    );
    i++;
  }
  return { kind: "StringLit", value, span };
}

const unitSeconds: Readonly<Record<string, bigint>> = { s: 1n, m: 60n, h: 3600n, d: 86400n };

export function lowerDuration(cx: LowerContext, t: IToken | undefined): DurationLit {
  const text = t?.image ?? "0s";
  const unit = text.slice(-1);
  const amount = BigInt(text.slice(0, -1).replace(/_/g, "") || "0");
  return { kind: "DurationLit", seconds: amount * (unitSeconds[unit] ?? 1n), text, span: cx.tokenSpan(t) };
}

export function lowerTimestamp(cx: LowerContext, t: IToken | undefined): TimestampLit {
  const span = cx.tokenSpan(t);
  const text = t?.image ?? "@1970-01-01T00:00:00Z";
  const m = /^@(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/.exec(text);
  const [y, mo, d, h, mi, s] = m ? m.slice(1).map(Number) : [1970, 1, 1, 0, 0, 0];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(ms);
  const valid =
    back.getUTCFullYear() === y &&
    back.getUTCMonth() === mo - 1 &&
    back.getUTCDate() === d &&
    back.getUTCHours() === h &&
    back.getUTCMinutes() === mi &&
    back.getUTCSeconds() === s;
  if (!valid) {
    cx.diagnostics.push(
      error("E0005", `\`${text.slice(1)}\` is not a valid UTC time`, span, {
        help: "write @YYYY-MM-DDTHH:MM:SSZ with a real date and time",
      }),
    );
  }
  return { kind: "TimestampLit", unixSeconds: BigInt(Math.floor(ms / 1000)), text, span };
}
