// Running the real `smalt` command in a child process, and scratch folders for it to work
// on: what the CLI tests use so they exercise bin/smalt.js exactly as a user's shell does.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "..", "..");
export const BIN = path.join(ROOT, "bin", "smalt.js");

/**
 * Per-test timeout for suites that spawn the CLI: one start costs about a second on an
 * idle machine (Node, tsx, chevrotain) but several under a fully parallel `npm test`.
 */
export const CLI_TEST_TIMEOUT = 120_000;

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliOptions {
  readonly cwd?: string;
  readonly env?: Readonly<Record<string, string>>;
  /** Modules preloaded with `node --import` (e.g. a fault injector). */
  readonly preload?: readonly string[];
  /** Written to the command's stdin (closed after it). */
  readonly input?: string;
}

/** Runs `node bin/smalt.js …args` with colour off unless the test's env asks for it. */
export function runSmalt(args: readonly string[], options: CliOptions = {}): CliResult {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, SMALT_DEBUG: undefined, ...options.env };
  const nodeArgs = [...(options.preload ?? []).flatMap((p) => ["--import", p]), BIN, ...args];
  const r = spawnSync(process.execPath, nodeArgs, { cwd: options.cwd ?? ROOT, env, encoding: "utf8", timeout: CLI_TEST_TIMEOUT, input: options.input ?? "" });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A fresh folder under the OS temp dir holding `files` (relative path -> text). */
export function scratchDir(files: Readonly<Record<string, string>>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "smalt-cli-"));
  for (const [name, text] of Object.entries(files)) {
    const p = path.join(dir, name);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, text);
  }
  return dir;
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}
