// `smalt simulate [--slots N] [--seed S] [--replicas N] [--out FILE]`: a population of
// bidding strategies against the reputation-gated slot auction on a committee, for many
// slots; writes an HTML report (clearing price, allocation and reputation over time) and
// prints each strategy's outcome.
import fs from "node:fs";
import path from "node:path";
import { ReplicaKey } from "../runtime/replica/replica-key.js";
import { CommitteeRun } from "../runtime/run/committee-run.js";
import { parseCommandArgs } from "./args.js";
import { checkEntryFile } from "./check-entry.js";
import { compileOrganism, pickOrganism } from "./compile-organism.js";
import { committeeShape } from "./committee-shape.js";
import { MARKET_POLICY } from "./demo-market.js";
import { EXIT, usageError, type Io } from "./io.js";
import { simulateMarket } from "./simulate/market-sim.js";
import { outcomes, renderReport } from "./simulate/report.js";

const wholeNumber = (s: string | undefined, fallback: number, max: number): number | undefined => {
  if (s === undefined) return fallback;
  return /^\d{1,7}$/.test(s) && Number(s) >= 1 && Number(s) <= max ? Number(s) : undefined;
};

export async function runSimulate(argv: readonly string[], io: Io): Promise<number> {
  const args = parseCommandArgs("simulate", argv, { slots: { type: "string" }, seed: { type: "string" }, replicas: { type: "string" }, out: { type: "string" } });
  if (!args.ok) return usageError(io, args.message, "simulate");
  if (args.positionals.length > 0) return usageError(io, `unexpected argument \`${args.positionals[0]}\``, "simulate");
  const str = (k: string) => (typeof args.flags[k] === "string" ? (args.flags[k] as string) : undefined);
  const slots = wholeNumber(str("slots"), 200, 100_000);
  const seed = wholeNumber(str("seed"), 1, 4_294_967_295);
  const replicas = wholeNumber(str("replicas"), 3, 99);
  if (slots === undefined) return usageError(io, "`--slots` needs a whole number from 1 to 100000", "simulate");
  if (seed === undefined) return usageError(io, "`--seed` needs a whole number from 1 to 4294967295", "simulate");
  if (replicas === undefined) return usageError(io, "`--replicas` needs a whole number from 1 to 99", "simulate");
  const out = path.resolve(io.cwd, str("out") ?? "simulate-report.html");

  const checked = checkEntryFile(MARKET_POLICY, io, "simulate", "not simulated");
  if (!checked.ok) return checked.exit;
  const picked = pickOrganism(checked.program, checked.entryKey, "SlotAuction");
  if (!picked.ok) return usageError(io, picked.message, "simulate");
  const { machine } = await compileOrganism(checked.program, picked.def);
  const shape = committeeShape(picked.def, replicas);
  // Member keys from the seed, so the same seed gives the same certificates and report.
  const keys = Array.from({ length: shape.size }, (_, i) => ReplicaKey.fromSeed(Buffer.from(`${seed}:${i}`.padEnd(32, "\0").slice(0, 32), "latin1")));
  const run = await CommitteeRun.open({ createMachine: () => machine, keys, quorum: shape.quorum, batch: 1, faults: [] });
  io.out(`SlotAuction on a committee of ${shape.quorum} of ${shape.size}: ${slots} slots, seed ${seed}\n`);
  const records = await simulateMarket(run, machine, slots, seed);
  await run.close();
  const report = renderReport({ organism: "SlotAuction", contentHash: machine.contentHash, committee: shape, seed }, records);
  try {
    fs.writeFileSync(out, report);
  } catch (e) {
    return usageError(io, `cannot write ${out}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, "simulate");
  }
  const lines = outcomes(records).map(
    (o) => `  ${o.name.padEnd(11)} won ${String(o.wins).padStart(4)}  refused ${String(o.refused).padStart(4)}  paid ${o.paid.toLocaleString("en-US").padStart(14)}  utility ${o.utility.toLocaleString("en-US").padStart(14)}  final score ${o.finalScore}`,
  );
  io.out(`${lines.join("\n")}\nevery slot certified; report written to ${path.relative(io.cwd, out) || out}\n`);
  return EXIT.ok;
}
