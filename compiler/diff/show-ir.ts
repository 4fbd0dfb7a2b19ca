// Smalt-syntax text for IR values and types in diff reports: `1_000_000`, `1h`,
// `@2025-06-01T00:00:00Z`, `[0x8c2f…, 0x1d0c…]`, `std.clearing.second_price`. Pure.
import type { DeclRef, Type } from "../ir/types.js";
import { showType } from "../ir/types.js";
import type { Value } from "../ir/values.js";
import { unreachable } from "../syntax/ast.js";

/** A declaration as a reader names it: `std.clearing.second_price` for the stdlib, else its name. */
export function showRef(ref: DeclRef): string {
  return ref.module.startsWith("std.") ? `${ref.module}.${ref.name}` : ref.name;
}

/** `1_000_000` style grouping for integers of five digits or more. */
export function showInt(n: bigint): string {
  const sign = n < 0n ? "-" : "";
  const digits = (n < 0n ? -n : n).toString();
  if (digits.length < 5) return sign + digits;
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, "_");
}

/** A duration the way Smalt writes it when it can (`90s`, `5m`, `1h`, `2d`), else seconds. */
export function showDuration(seconds: bigint): string {
  for (const [unit, size] of [["d", 86_400n], ["h", 3_600n], ["m", 60n]] as const) {
    if (seconds >= size && seconds % size === 0n) return `${seconds / size}${unit}`;
  }
  return `${seconds}s`;
}

/** `@2025-06-01T00:00:00Z`. */
export function showTimestamp(unix: bigint): string {
  const ms = Number(unix) * 1000;
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return `@${unix}`;
  return `@${new Date(ms).toISOString().replace(".000Z", "Z")}`;
}

/** Hex shortened for prose: the first 8 digits, `…`, the last 4. */
export function shortHex(hex: string): string {
  return hex.length <= 16 ? `0x${hex}` : `0x${hex.slice(0, 8)}…${hex.slice(-4)}`;
}

export interface ShowOptions {
  /** Print byte strings in full (JSON) rather than shortened (prose). */
  readonly fullHex?: boolean;
}

export function showValue(v: Value, type?: Type, options: ShowOptions = {}): string {
  const hex = (h: string) => (options.fullHex ? `0x${h}` : shortHex(h));
  switch (v.kind) {
    case "Int":
      if (type?.kind === "Prim" && type.name === "duration") return showDuration(v.value);
      if (type?.kind === "Prim" && type.name === "timestamp") return showTimestamp(v.value);
      return showInt(v.value);
    case "Bool":
      return v.value ? "true" : "false";
    case "String":
      return JSON.stringify(v.value);
    case "Bytes":
      return hex(v.hex);
    case "None":
      return "none";
    case "Some":
      return `some(${showValue(v.value, type?.kind === "Option" ? type.inner : undefined, options)})`;
    case "List": {
      const element = type?.kind === "List" || type?.kind === "Set" ? type.element : undefined;
      return `[${v.elements.map((e) => showValue(e, element, options)).join(", ")}]`;
    }
    case "Map": {
      const [k, x] = type?.kind === "Map" ? [type.key, type.value] : [undefined, undefined];
      return `{${v.entries.map(([a, b]) => `${showValue(a, k, options)}: ${showValue(b, x, options)}`).join(", ")}}`;
    }
    case "Record":
      return `{ ${v.fields.map((f) => `${f.name}: ${showValue(f.value, undefined, options)}`).join(", ")} }`;
    case "Variant":
      return v.fields.length === 0 ? v.variant : `${v.variant} { ${v.fields.map((f) => `${f.name}: ${showValue(f.value, undefined, options)}`).join(", ")} }`;
    case "Rule":
      return showRef(v.rule);
    default:
      return unreachable(v);
  }
}

/** `reserve: u64 = 1_000_000`, the way a config field is written. */
export function showTyped(type: Type, value: Value): string {
  return `${showType(type)} = ${showValue(value, type)}`;
}
