// Order books and allocations as short text for clearing witnesses:
// `A 2 @ 900, B 1 @ 850` and `A gets 1 for 850; price 850`. Agents are three fixed peers.
import type { Value } from "../ir/values.js";
import { showInt } from "./show-ir.js";

/** The peers a generated order book draws its agents from. */
export const AGENTS: readonly { readonly name: string; readonly hex: string }[] = [
  { name: "A", hex: "aa".repeat(32) },
  { name: "B", hex: "bb".repeat(32) },
  { name: "C", hex: "cc".repeat(32) },
];

function field(v: Value, name: string): Value | undefined {
  return v.kind === "Record" ? v.fields.find((f) => f.name === name)?.value : undefined;
}

function int(v: Value | undefined): string {
  return v?.kind === "Int" ? showInt(v.value) : "?";
}

function agent(v: Value | undefined): string {
  if (v?.kind !== "Bytes") return "?";
  return AGENTS.find((a) => a.hex === v.hex)?.name ?? `0x${v.hex.slice(0, 8)}…`;
}

/** `A 2 @ 900, B 1 @ 850` (agent, quantity, unit price, in log order); `(empty)` for no orders. */
export function showBook(book: Value): string {
  if (book.kind !== "List" || book.elements.length === 0) return "(empty)";
  return book.elements.map((o) => `${agent(field(o, "agent"))} ${int(field(o, "qty"))} @ ${int(field(o, "price"))}`).join(", ");
}

/** `A gets 1 for 850, B gets 2 for 1_700; price 850`, or `nothing allocated; no price`. */
export function showAllocation(a: Value): string {
  const fills = field(a, "fills");
  const price = field(a, "price");
  const list = fills?.kind === "List" ? fills.elements : [];
  const fillText = list.length === 0 ? "nothing allocated" : list.map((f) => `${agent(field(f, "agent"))} gets ${int(field(f, "qty"))} for ${int(field(f, "pay"))}`).join(", ");
  const priceText = price?.kind === "Some" ? `price ${int(price.value)}` : "no price";
  return `${fillText}; ${priceText}`;
}
