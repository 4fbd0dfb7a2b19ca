// The simulation report: per-strategy outcomes, and charts over time of the clearing
// price, the cumulative allocation, and each bidder's reputation against the floor — as
// one self-contained HTML file with inline SVG (no scripts, no network).
import type { SlotRecord } from "./market-sim.js";
import { REPUTATION_FLOOR, STRATEGIES } from "./population.js";
import { lineChart } from "./svg-chart.js";

export interface ReportContext {
  readonly organism: string;
  readonly contentHash: string;
  readonly committee: { readonly quorum: number; readonly size: number };
  readonly seed: number;
}

export interface StrategyOutcome {
  readonly name: string;
  readonly wins: number;
  readonly refused: number;
  readonly paid: number;
  readonly utility: number;
  readonly failedDeliveries: number;
  readonly finalScore: number;
}

const COLORS = ["#1f77b4", "#ff7f0e", "#d62728", "#2ca02c", "#9467bd", "#8c564b"];
const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const gwei = (n: number) => n.toLocaleString("en-US");

export function outcomes(records: readonly SlotRecord[]): StrategyOutcome[] {
  return STRATEGIES.map((s) => {
    const won = records.filter((r) => r.winner === s.name);
    const last = records[records.length - 1];
    return {
      name: s.name,
      wins: won.length,
      refused: records.filter((r) => s.name in r.refused).length,
      paid: won.reduce((t, r) => t + r.pay, 0),
      utility: won.reduce((t, r) => t + r.values[s.name] - r.pay, 0),
      failedDeliveries: won.filter((r) => r.delivered === false).length,
      finalScore: last ? last.scores[s.name] : 0,
    };
  });
}

export function renderReport(cx: ReportContext, records: readonly SlotRecord[]): string {
  const slots = records.map((r) => r.slot);
  const price = lineChart({
    title: "Clearing price per slot (second price)",
    yLabel: "gwei",
    series: [
      { name: "clearing price", color: "#000", style: "line", points: records.map((r) => [r.slot, r.price]) },
      { name: "highest value", color: "#999", style: "points", points: records.map((r) => [r.slot, Math.max(...Object.values(r.values))]) },
    ],
  });
  const allocation = lineChart({
    title: "Slots won so far, by strategy",
    yLabel: "slots",
    series: STRATEGIES.map((s, i) => {
      let wins = 0;
      return { name: s.name, color: COLORS[i % COLORS.length], style: "line" as const, points: records.map((r) => [r.slot, (wins += r.winner === s.name ? 1 : 0)] as const) };
    }),
  });
  const reputation = lineChart({
    title: "Reputation relayed to the market (bps)",
    yLabel: "score, bps",
    series: STRATEGIES.map((s, i) => ({ name: s.name, color: COLORS[i % COLORS.length], style: "line" as const, points: records.map((r) => [r.slot, r.scores[s.name]] as const) })),
    markers: [{ y: REPUTATION_FLOOR, label: `floor ${REPUTATION_FLOOR}` }],
  });
  const rows = outcomes(records)
    .map((o) => `<tr><td>${o.name}</td><td>${esc(STRATEGIES.find((s) => s.name === o.name)!.description)}</td><td>${o.wins}</td><td>${o.refused}</td><td>${gwei(o.paid)}</td><td>${gwei(o.utility)}</td><td>${o.failedDeliveries}</td><td>${o.finalScore}</td></tr>`)
    .join("\n");
  const last = records[records.length - 1];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Smalt market simulation: ${esc(cx.organism)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:900px;margin:2em auto;color:#222}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}td:first-child,th:first-child,td:nth-child(2){text-align:left}</style>
</head><body>
<h1>Market simulation: ${esc(cx.organism)}</h1>
<p>${slots.length} slots of the reputation-gated second-price slot auction (<code>examples/reputation-gated-market</code>, content hash <code>${cx.contentHash}</code>) on a committee of ${cx.committee.size} replicas, quorum ${cx.committee.quorum}; seed ${cx.seed}. Every slot was certified; the last certificate covers index ${last?.certificate.index ?? 0} with root <code>${last?.certificate.root ?? ""}</code>, signed by ${last?.certificate.signers ?? 0} members.</p>
<p>Each bidder draws a private value per slot (2–4 million gwei) and bids by its strategy. A winner delivers the slot with its strategy's reliability; the reputation feed moves the winner's score towards 10000 (delivered) or 0 (failed) by 20 %, and every other score 5 % back towards 8000. Bids from a bidder below the floor are refused by the policy.</p>
<h2>Outcomes</h2>
<table><tr><th>strategy</th><th>behaviour</th><th>slots won</th><th>slots refused</th><th>paid, gwei</th><th>utility, gwei</th><th>failed deliveries</th><th>final score</th></tr>
${rows}
</table>
<h2>Over time</h2>
${price}
${allocation}
${reputation}
</body></html>
`;
}
