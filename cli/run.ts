// `smalt run FILE [--organism NAME] [--replicas N] [--scenario FILE] [--data DIR]
// [--batch N] [--fault SPEC,…] [--quiet] [TDX flags]`: compiles the organism, admits its
// replicas on TDX tickets when it declares measurements and the flags give tickets
// (run-membership.ts), starts a committee of N replicas on the embedded durable log in
// DIR (in memory without --data), submits the commands (the scenario file's JSON lines,
// or stdin's as they arrive) and prints each commit. Every input line is checked before
// it is appended: a bad one is reported with its line number and never reaches the log.
import path from "node:path";
import { plural } from "../compiler/diagnostics/render-text.js";
import { openDataDir, DataDirError, type OpenedDataDir } from "../runtime/data-dir/data-dir.js";
import { LogOpenError } from "../runtime/ordering/embedded-log.js";
import { ReplicaKey } from "../runtime/replica/replica-key.js";
import { CommitteeRun } from "../runtime/run/committee-run.js";
import { FaultSpecError, parseFault, type Fault } from "../runtime/run/faults.js";
import { AdmissionSetupError } from "../runtime/admission/codes.js";
import { organismAdmission, organismNetworkId } from "../runtime/admission/organism-admission.js";
import { ProgramIndex } from "../compiler/eval/program-index.js";
import { AdmissionGate } from "../runtime/run/admission-gate.js";
import { admissionOptions } from "./admission-options.js";
import { parseCommandArgs } from "./args.js";
import { checkEntryFile } from "./check-entry.js";
import { readScenario, stdinItems, type InputItem } from "./run-input.js";
import { RunFeeder } from "./run-feeder.js";
import { certificateLine, divergenceLines, painter, stepLine } from "./commit-lines.js";
import { compileOrganism, pickOrganism } from "./compile-organism.js";
import { committeeShape } from "./committee-shape.js";
import { EXIT, usageError, type Io } from "./io.js";
import { Progress } from "./progress.js";
import { runMembership } from "./run-membership.js";
import { attestsMembership, tdxRunSetup, type TdxRunFlags } from "./tdx-run-setup.js";

const FLAGS = {
  organism: { type: "string" },
  replicas: { type: "string" },
  scenario: { type: "string" },
  data: { type: "string" },
  batch: { type: "string" },
  fault: { type: "string" },
  quiet: { type: "boolean" },
  now: { type: "string" },
  "tdx-collateral": { type: "string" },
  "tdx-collateral-pin": { type: "string" },
  "trust-test-root": { type: "string" },
  "member-tickets": { type: "string" },
  "tdx-test-pki": { type: "boolean" },
} as const;

export async function runRun(argv: readonly string[], io: Io): Promise<number> {
  const args = parseCommandArgs("run", argv, FLAGS);
  if (!args.ok) return usageError(io, args.message, "run");
  if (args.positionals.length !== 1) return usageError(io, args.positionals.length === 0 ? "no policy file given" : "`smalt run` takes one policy file", "run");
  const flag = (name: keyof typeof FLAGS) => (typeof args.flags[name] === "string" ? (args.flags[name] as string) : undefined);
  const batch = positive(flag("batch") ?? "1");
  if (batch === undefined) return usageError(io, "`--batch` needs a whole number ≥ 1", "run");
  const replicas = flag("replicas") === undefined ? undefined : positive(flag("replicas")!);
  if (replicas === undefined && flag("replicas") !== undefined) return usageError(io, "`--replicas` needs a whole number ≥ 1", "run");

  const nowFlag = flag("now");
  if (nowFlag !== undefined && !/^\d{1,15}$/.test(nowFlag)) return usageError(io, "`--now` needs Unix seconds (a whole number)", "run");
  const now = nowFlag !== undefined ? BigInt(nowFlag) : BigInt(Math.floor(Date.now() / 1000));

  const checked = checkEntryFile(args.positionals[0], io, "run", "not run");
  if (!checked.ok) return checked.exit;
  const picked = pickOrganism(checked.program, checked.entryKey, flag("organism"));
  if (!picked.ok) return usageError(io, picked.message, "run");
  const organism = await compileOrganism(checked.program, picked.def);
  const { machine } = organism;
  const shape = committeeShape(picked.def, replicas);
  const tdxFlags: TdxRunFlags = {
    collateral: flag("tdx-collateral"),
    collateralPin: flag("tdx-collateral-pin"),
    trustTestRoot: flag("trust-test-root"),
    memberTickets: flag("member-tickets"),
    testPki: args.flags["tdx-test-pki"] === true,
  };
  const modules = checked.program.modules;
  const networkId = organismNetworkId(modules, picked.def.ref.name);
  const tdx = tdxRunSetup(tdxFlags, { cwd: io.cwd, def: picked.def, contentHash: machine.contentHash, networkId, now });
  if (!tdx.ok) return usageError(io, tdx.message, "run");
  const tdxConfig = tdx.setup.config;
  let gate: AdmissionGate;
  try {
    gate = new AdmissionGate(organismAdmission(modules, picked.def.ref.name, admissionOptions(tdxConfig && { index: new ProgramIndex(modules), config: tdxConfig })), machine.api.HANDLERS);
  } catch (e) {
    if (e instanceof AdmissionSetupError) return usageError(io, `cannot set up admission: ${e.message}`, "run");
    throw e;
  }

  let faults: Fault[];
  try {
    faults = (flag("fault") ?? "").split(",").filter((s) => s !== "").map((s) => parseFault(s.trim(), shape.size));
  } catch (e) {
    if (e instanceof FaultSpecError) return usageError(io, e.message, "run");
    throw e;
  }
  for (const f of faults) {
    if (f.kind !== "corrupt") continue;
    const field = machine.api.STATE_FIELDS.find((s) => s.name === f.field) as { name: string; type?: { kind: string } } | undefined;
    if (!field || !/^(u8|u16|u32|u64|u128|i64|bps|duration|timestamp)$/.test(field.type?.kind ?? "")) {
      return usageError(io, `cannot corrupt \`${f.field}\`: ${picked.def.ref.name} has no integer state field of that name`, "run");
    }
  }

  // All of a scenario file is checked before anything is appended.
  let scenario: readonly InputItem[] | undefined;
  const scenarioFile = flag("scenario");
  if (scenarioFile !== undefined) {
    const read = readScenario(path.resolve(io.cwd, scenarioFile), scenarioFile, machine.validate);
    if (!read.ok) {
      if (read.usage) return usageError(io, read.usage, "run");
      for (const p of read.problems) io.err(`${p}\n`);
      io.err(`nothing run: ${plural(read.problems.length, "bad command line")} in ${scenarioFile}\n`);
      return EXIT.problems;
    }
    scenario = read.items;
  }

  const dataFlag = flag("data");
  let data: OpenedDataDir | undefined;
  try {
    if (dataFlag !== undefined) {
      data = openDataDir(path.resolve(io.cwd, dataFlag), {
        name: picked.def.ref.name,
        contentHash: machine.contentHash,
        stableId: machine.self,
        bundleJs: organism.bundleJs,
        quorum: shape.quorum,
        size: shape.size,
        attested: attestsMembership(tdxFlags, picked.def),
      });
    }
  } catch (e) {
    if (e instanceof DataDirError) return usageError(io, e.message, "run");
    throw e;
  }
  const paint = painter(io.color);
  const membership = await runMembership(
    { def: picked.def, file: args.positionals[0], keys: data?.keys ?? Array.from({ length: shape.size }, () => ReplicaKey.generate()), quorum: shape.quorum, faults, setup: tdx.setup, networkId, now, ...(data ? { data } : {}) },
    io,
    paint,
  );
  if (!membership.ok) return membership.exit;
  const quiet = args.flags.quiet === true;
  let run: CommitteeRun<unknown>;
  const progress = new Progress(io, scenario?.length ?? 0);
  let committedThrough = 0;
  try {
    run = await CommitteeRun.open({
      createMachine: () => machine,
      keys: membership.keys,
      quorum: shape.quorum,
      ...(data ? { data } : {}),
      ...(membership.attested ? { attested: membership.attested } : {}),
      batch,
      faults: membership.faults,
      onCommit: (c) => {
        committedThrough = Math.max(committedThrough, c.index);
        if (!quiet) {
          const lines = c.steps.map((s) => stepLine(s, paint));
          lines.push(certificateLine(c, shape.size, shape.quorum, paint));
          progress.clear();
          io.out(`${lines.join("\n")}\n`);
        }
        progress.update(c.steps.length);
      },
      onDivergence: (r) => {
        progress.clear();
        io.out(`${divergenceLines(r, paint)}\n`);
      },
      onFault: (_f, outcome) => {
        progress.clear();
        io.out(`${paint("33", "fault")}  ${outcome}\n`);
      },
    });
  } catch (e) {
    if (e instanceof LogOpenError) return usageError(io, e.message, "run");
    throw e;
  }
  io.out(header(picked.def.ref.name, machine.contentHash, { ...shape, note: shape.note + membership.note }, data, run));
  const before = run.log.lastIndex();
  let badLines = 0;
  const feeder = new RunFeeder(run, gate, io, paint, batch, now, (peer) => `${peer.slice(0, 8)}…`);
  if (scenario) for (const item of scenario) await feeder.take(item, scenarioFile!);
  else {
    const bad = (message: string) => {
      badLines++;
      io.err(`${message}\n`);
    };
    for await (const item of stdinItems(io, machine.validate, bad)) await feeder.take(item, "stdin");
  }
  await feeder.flush();
  progress.clear();
  const appended = run.log.lastIndex() - before;
  const committed = run.committee.committedIndex;
  const end = run.log.lastIndex();
  const quarantined = run.committee.divergences().length;
  await run.close();
  io.out(
    `\n${plural(appended, "command")} appended; committed through #${committed} of ${end}` +
      `${quarantined > 0 ? `; ${plural(quarantined, "member")} quarantined` : ""}` +
      `${data ? `; data in ${dataFlag}` : ""}\n`,
  );
  if (committed < end) io.out(paint("31", `indexes ${committed + 1} to ${end} are not certified: fewer than ${shape.quorum} live, agreeing members\n`));
  if (badLines > 0) io.err(`${plural(badLines, "bad command line")} not appended\n`);
  if (feeder.refused > 0) io.out(`${plural(feeder.refused, "command")} refused at admission, not appended\n`);
  return badLines > 0 || feeder.refused > 0 || committed < end ? EXIT.problems : EXIT.ok;
}

function positive(s: string): number | undefined {
  return /^[1-9]\d{0,5}$/.test(s) ? Number(s) : undefined;
}

function header(name: string, contentHash: string, shape: { quorum: number; size: number; note: string }, data: OpenedDataDir | undefined, run: CommitteeRun<unknown>): string {
  const where = data
    ? data.created
      ? "new data directory"
      : `resumed at index ${run.log.lastIndex()}${run.recovery.kind === "torn-tail" ? ` (a torn last record of ${run.recovery.tornBytes} bytes was cut: ${run.recovery.reason})` : ""}`
    : "log in memory";
  return `${name} (content hash ${contentHash.slice(0, 16)}…) on a committee of ${shape.quorum} of ${shape.size}${shape.note}; ${where}\n`;
}
