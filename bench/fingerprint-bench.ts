// Fingerprint and diff benchmark: `smalt fingerprint` of a generated 5,000-line policy, and
// `smalt diff` of two realistic versions of the coordination-market example (six changes:
// an issuer, a claim threshold, a measurement variant, a quote age, a config cap and the
// clearing rule), with the exact ticket witnesses and the order-book search included.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { checkProgram, type SourceFile } from "../compiler/index.js";
import { diffPrograms, type DiffInput } from "../compiler/diff/diff-program.js";
import { fingerprintProgram } from "../compiler/fingerprint/fingerprint-program.js";
import { createFsLoader } from "../cli/loader.js";
import { generateSmaltPolicy } from "./gen-policy.js";
import { ms, table, timeAsync, timeCommand, type Timing } from "./harness.js";

const LINES = 5000;
const root = path.resolve(import.meta.dirname, "..");
const MARKET = path.join(root, "examples", "coordination-market", "coordination-market.smalt");

/** The second version of the market: each edit must apply, or the benchmark is broken. */
const EDITS: readonly (readonly [string, string])[] = [
  ['issuer "gpu-market.coalition"', 'issuer "gpu-market.coalition"\n    issuer "gpu-market.partners"'],
  ["ticket.claims.reputation_bps >= 6_000", "ticket.claims.reputation_bps >= 7_000"],
  ["rule: clearing = std.clearing.uniform_price_first_rejected", "rule: clearing = std.clearing.uniform_price_last_accepted"],
  ["max_bids_per_agent: u64 = 4", "max_bids_per_agent: u64 = 3"],
  ["    max_age 1h\n    not_before", "    max_age 30m\n    not_before"],
];
const VARIANT = `    variant { rtmr2 = 0x${"a6".repeat(48)} }\n`;

function secondVersion(text: string): string {
  let out = text;
  for (const [from, to] of EDITS) {
    if (!out.includes(from)) throw new Error(`benchmark input moved: ${JSON.stringify(from)} not found in the market example`);
    out = out.replace(from, to);
  }
  const at = out.indexOf("  measurements {\n");
  const close = out.indexOf("  }\n", at);
  if (at < 0 || close < 0) throw new Error("benchmark input moved: no measurements block in the market example");
  return out.slice(0, close) + VARIANT + out.slice(close);
}

function check(file: SourceFile): DiffInput {
  const loader = createFsLoader({ cwd: root });
  const r = checkProgram([file], loader);
  if (!r.value) throw new Error(`${file.path} does not check: ${r.diagnostics[0]?.message}`);
  return { label: file.path, modules: r.value.modules, entries: r.value.graph.entries, sources: [file] };
}

const row = (what: string, input: string, t: Timing) => [what, input, ms(t.medianMs), `${ms(t.p10Ms)}–${ms(t.p90Ms)}`];

export async function benchFingerprint(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "smalt-fp-bench-"));
  try {
    const policy = generateSmaltPolicy(LINES);
    const policyFile = path.join(dir, "policy.smalt");
    fs.writeFileSync(policyFile, policy);
    const big = check({ path: policyFile, text: policy });
    const organisms = fingerprintProgram(big.modules, { entries: big.entries }).organisms.length;
    const warmFingerprint = await timeAsync(() => fingerprintProgram(big.modules, { entries: big.entries }), { warmup: 3, runs: 15 });
    const warmCheckAndFingerprint = await timeAsync(() => {
      const c = check({ path: policyFile, text: policy });
      fingerprintProgram(c.modules, { entries: c.entries });
    }, { warmup: 2, runs: 10 });

    const v1Text = fs.readFileSync(MARKET, "utf8");
    const v2Text = secondVersion(v1Text);
    const [v1File, v2File] = [path.join(dir, "market-v1.smalt"), path.join(dir, "market-v2.smalt")];
    fs.writeFileSync(v1File, v1Text);
    fs.writeFileSync(v2File, v2Text);
    const v1 = check({ path: v1File, text: v1Text });
    const v2 = check({ path: v2File, text: v2Text });
    const report = diffPrograms(v1, v2);
    const market = report.organisms[0];
    const tickets = market.admission.reduce((n, a) => n + (a.semantics?.domainSize ?? 0), 0);
    const witnesses = market.admission.reduce((n, a) => n + (a.semantics ? a.semantics.newlyAdmitted.length + a.semantics.newlyRefused.length + a.semantics.expirationChanged.length : 0), 0);
    if (!market.clearing[0]?.witness) throw new Error("the benchmark diff found no clearing witness");
    const warmDiff = await timeAsync(() => diffPrograms(v1, v2), { warmup: 3, runs: 21 });
    const warmCheckAndDiff = await timeAsync(() => diffPrograms(check({ path: v1File, text: v1Text }), check({ path: v2File, text: v2Text })), { warmup: 2, runs: 10 });

    const cli = path.join(root, "bin", "smalt.js");
    const coldFingerprint = timeCommand(process.execPath, [cli, "fingerprint", policyFile, "--json"], { runs: 5 });
    const coldDiff = timeCommand(process.execPath, [cli, "diff", v1File, v2File, "--json"], { runs: 5 });

    const rows = [
      row("fingerprint stage (in process, warm)", `${policy.split("\n").length - 1} lines, ${organisms} organisms`, warmFingerprint),
      row("check + fingerprint (in process, warm)", "same policy", warmCheckAndFingerprint),
      row("`smalt fingerprint --json` (new process)", "same policy", coldFingerprint),
      row("diff stage with witnesses (in process, warm)", "market v1 -> v2", warmDiff),
      row("check both + diff (in process, warm)", "market v1 -> v2", warmCheckAndDiff),
      row("`smalt diff --json` (new process)", "market v1 -> v2", coldDiff),
    ];
    return [
      "## `smalt fingerprint` and `smalt diff`",
      "",
      `The fingerprint input is the generated ${LINES}-line policy of \`bench/gen-policy.ts\`. The diff compares the coordination-market example with a second version carrying six edits (an issuer added, a claim threshold raised, a measurement variant added, a quote \`max_age\` halved, a config cap lowered, the clearing rule swapped to \`uniform_price_last_accepted\`). The diff stage enumerates ${tickets} representative tickets exactly (${witnesses} ticket classes with witnesses) and runs the seeded order-book search (seed ${market.clearing[0].seed}, at most ${market.clearing[0].runs} books, the first difference shrunk); its class is \`${market.class}\`.`,
      "",
      table(["what", "input", "median ms", "p10–p90 ms"], rows),
      "",
      `Target: diff well under 100 ms (Cedar's SMT-based analysis averages 75 ms). Median of the diff stage: ${ms(warmDiff.medianMs)} ms; with both versions checked: ${ms(warmCheckAndDiff.medianMs)} ms. The new-process figures include starting Node and the tsx loader.`,
    ].join("\n");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
