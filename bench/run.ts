// `npm run bench`: runs every benchmark in one process, one after another, and writes
// BENCHMARKS.md with the machine facts beside the numbers. Pass names to run a subset.
import fs from "node:fs";
import path from "node:path";
import { benchAdmission } from "./admission-bench.js";
import { benchApply } from "./apply-bench.js";
import { benchMarketApply } from "./apply-market-bench.js";
import { benchCheck } from "./check-bench.js";
import { benchCommittee } from "./committee-bench.js";
import { benchFingerprint } from "./fingerprint-bench.js";
import { machineInfo } from "./harness.js";

const benches: Record<string, () => Promise<string>> = {
  check: benchCheck,
  fingerprint: benchFingerprint,
  apply: benchApply,
  market: benchMarketApply,
  committee: benchCommittee,
  admission: benchAdmission,
};

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const names = wanted.length > 0 ? wanted : Object.keys(benches);
  const sections: string[] = [];
  for (const name of names) {
    const bench = benches[name];
    if (!bench) throw new Error(`unknown benchmark ${name}; known: ${Object.keys(benches).join(", ")}`);
    process.stderr.write(`running ${name}…\n`);
    sections.push(await bench());
  }
  const doc = [
    "# Benchmarks",
    "",
    "Produced by `npm run bench` (all numbers from one run on the machine below; this machine has 2 cores and is noisy, so read medians and ratios, not single values).",
    "",
    machineInfo(),
    "",
    ...sections.flatMap((s) => [s, ""]),
  ].join("\n");
  if (wanted.length === 0) fs.writeFileSync(path.resolve(import.meta.dirname, "..", "BENCHMARKS.md"), doc);
  process.stdout.write(doc);
}

main().catch((e: unknown) => {
  process.stderr.write(`benchmark failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
