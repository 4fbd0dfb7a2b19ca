// Entry point of the `smalt` command (bin/smalt.js loads it): picks the command, runs it,
// and turns any escaped exception into "internal error … (this is a bug in smalt)", exit 3.
import fs from "node:fs";
import path from "node:path";
import { closest } from "../compiler/check/suggest.js";
import { COMMAND_HELP, overviewText, runHelp } from "./help.js";
import { EXIT, usageError, type Io } from "./io.js";

export { processIo } from "./io.js";

type Command = (argv: readonly string[], io: Io) => number | Promise<number>;

/** Loaded on demand: `smalt fmt` never loads the checker, `--version` loads no compiler. */
const COMMANDS: Readonly<Record<string, () => Promise<Command>>> = {
  check: async () => (await import("./check.js")).runCheck,
  fmt: async () => (await import("./fmt.js")).runFmt,
  build: async () => (await import("./build.js")).runBuild,
  test: async () => (await import("./test.js")).runTestCommand,
  run: async () => (await import("./run.js")).runRun,
  replay: async () => (await import("./replay.js")).runReplay,
  simulate: async () => (await import("./simulate.js")).runSimulate,
  demo: async () => (await import("./demo.js")).runDemo,
  fingerprint: async () => (await import("./fingerprint.js")).runFingerprint,
  diff: async () => (await import("./diff.js")).runDiff,
  help: async () => runHelp,
};

export async function main(argv: readonly string[], io: Io): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (e) {
    io.err(`internal error: ${describe(e)} (this is a bug in smalt)\n`);
    if (process.env.SMALT_DEBUG && e instanceof Error && e.stack) io.err(`${e.stack}\n`);
    return EXIT.internal;
  }
}

async function dispatch(argv: readonly string[], io: Io): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    io.err(overviewText());
    return EXIT.usage;
  }
  if (first === "--version" || first === "-v") {
    io.out(`smalt ${version()}\n`);
    return EXIT.ok;
  }
  if (first === "--help" || first === "-h") return runHelp([], io);
  const load = COMMANDS[first];
  if (!load) {
    const near = closest(first, Object.keys(COMMANDS));
    return usageError(io, `unknown command \`${first}\`${near ? `; did you mean \`${near}\`?` : ""}`);
  }
  if (first !== "help" && (rest.includes("--help") || rest.includes("-h"))) {
    io.out(COMMAND_HELP[first]);
    return EXIT.ok;
  }
  const command = await load();
  return command(rest, io);
}

function version(): string {
  const pkg = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, "..", "package.json"), "utf8")) as { version: string };
  return pkg.version;
}

function describe(e: unknown): string {
  if (e instanceof Error) return e.message.split("\n")[0] || e.name;
  return String(e);
}
