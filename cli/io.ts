// The CLI's view of the process: working folder, output streams, colour, exit codes.
// Commands take an Io instead of touching `process`, so tests can run them in-process.
export const EXIT = {
  /** Everything checked; no errors. */
  ok: 0,
  /** The input has problems: diagnostics, unformatted files. */
  problems: 1,
  /** The command line is wrong: unknown flag, missing or nonexistent path. */
  usage: 2,
  /** An exception escaped: a bug in smalt. */
  internal: 3,
} as const;

export interface Io {
  /** Absolute folder that relative paths on the command line are relative to. */
  readonly cwd: string;
  /** Colour on stdout / stderr (decided once, from the terminal and NO_COLOR / FORCE_COLOR). */
  readonly color: boolean;
  readonly errColor: boolean;
  out(text: string): void;
  err(text: string): void;
  /** Standard input, for commands that read a stream (`smalt run`); absent in most in-process tests. */
  readonly stdin?: NodeJS.ReadableStream;
  /** stderr is a terminal: progress bars may be drawn there. */
  readonly progress?: boolean;
}

/** The real process: colour only on terminals, NO_COLOR wins, FORCE_COLOR forces it on. */
export function processIo(): Io {
  const env = process.env;
  const decide = (isTty: boolean): boolean => {
    if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
    if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "0") return true;
    return isTty;
  };
  // `smalt check … | head` closes the pipe early: stop quietly. Any other failure of an
  // output stream leaves nowhere to report to, so exit with the internal-error code.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (e: NodeJS.ErrnoException) => process.exit(e.code === "EPIPE" ? Number(process.exitCode ?? 0) : EXIT.internal));
  }
  return {
    cwd: process.cwd(),
    color: decide(process.stdout.isTTY === true),
    errColor: decide(process.stderr.isTTY === true),
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
    stdin: process.stdin,
    progress: process.stderr.isTTY === true,
  };
}

/** Prints a usage problem the Unix way and returns the usage exit code. */
export function usageError(io: Io, message: string, command?: string): number {
  const hint = command ? `smalt help ${command}` : "smalt help";
  io.err(`error: ${message}\n(run \`${hint}\` for usage)\n`);
  return EXIT.usage;
}
