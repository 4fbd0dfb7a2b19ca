// `smalt replay DIR`: re-derives every receipt and root of a data directory written by
// `smalt run --data DIR` and checks them, and every certificate, against the records.
import path from "node:path";
import { plural } from "../compiler/diagnostics/render-text.js";
import { DataDirError } from "../runtime/data-dir/data-dir.js";
import { LogOpenError } from "../runtime/ordering/embedded-log.js";
import { replayDataDir, type ReplayReport } from "../runtime/run/replay.js";
import { parseCommandArgs } from "./args.js";
import { painter } from "./commit-lines.js";
import { EXIT, usageError, type Io } from "./io.js";

export async function runReplay(argv: readonly string[], io: Io): Promise<number> {
  const args = parseCommandArgs("replay", argv, {});
  if (!args.ok) return usageError(io, args.message, "replay");
  if (args.positionals.length !== 1) return usageError(io, args.positionals.length === 0 ? "no data directory given" : "`smalt replay` takes one data directory", "replay");
  const dir = path.resolve(io.cwd, args.positionals[0]);
  let report: ReplayReport;
  try {
    report = await replayDataDir(dir);
  } catch (e) {
    if (e instanceof DataDirError || e instanceof LogOpenError) return usageError(io, e.message, "replay");
    throw e;
  }
  const paint = painter(io.color);
  const lines = [`${report.organism} (content hash ${report.contentHash.slice(0, 16)}…): replayed ${`${report.entries} log ${report.entries === 1 ? "entry" : "entries"}`} from ${args.positionals[0]}`];
  if (report.recovery.kind === "torn-tail") lines.push(`  torn last log record cut: ${report.recovery.tornBytes} bytes (${report.recovery.reason}); ${report.recovery.keptEntries} entries kept`);
  for (const f of report.tornRecords) lines.push(`  ${f}: a last line cut short by a crash was ignored`);
  lines.push(`  ${plural(report.receiptsChecked, "recorded receipt")} re-derived and compared`);
  const attested = report.attestationRecords === null ? "" : `, every signer against the ${plural(report.attestationRecords, "admission record")} of admissions.jsonl`;
  lines.push(`  ${plural(report.certificatesChecked, "certificate")} verified${attested}; certified through #${report.certifiedThrough}`);
  lines.push(`  final state root ${report.finalRoot}`);
  for (const p of report.problems) lines.push(paint("31", `  MISMATCH at #${p.index}: ${p.message}`));
  lines.push(report.problems.length === 0 ? paint("32", "replay matches: every receipt, root and certificate agrees") : paint("31", `${plural(report.problems.length, "problem")} found`));
  io.out(`${lines.join("\n")}\n`);
  return report.problems.length === 0 ? EXIT.ok : EXIT.problems;
}
