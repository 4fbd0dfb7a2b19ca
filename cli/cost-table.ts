// The `--costs` table: each organism's handlers and queries with their static worst-case
// cost in abstract units, sorted by organism, kind, then name, numbers right-aligned.
import type { CostEntry } from "../compiler/index.js";

export type CostRow = CostEntry;

export function sortCosts(costs: readonly CostRow[]): CostRow[] {
  const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...costs].sort((a, b) => order(a.organism, b.organism) || order(a.kind, b.kind) || order(a.item, b.item));
}

/** Plain-text table; `indent` prefixes every line (the demo nests it under an example). */
export function formatCostTable(costs: readonly CostRow[], indent = ""): string {
  if (costs.length === 0) return `${indent}(no handlers or queries)\n`;
  const header = ["organism", "kind", "item", "cost"];
  const rows = sortCosts(costs).map((c) => [c.organism, c.kind, c.item, c.cost.toString()]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    indent + cells.map((c, i) => (i === cells.length - 1 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ");
  return [line(header), ...rows.map(line)].join("\n") + "\n";
}

/** The costs as JSON values (costs are bounded by the budget, far below 2^53). */
export function costsToJson(costs: readonly CostRow[]): { organism: string; kind: string; item: string; cost: number }[] {
  return sortCosts(costs).map((c) => ({ organism: c.organism, kind: c.kind, item: c.item, cost: Number(c.cost) }));
}
