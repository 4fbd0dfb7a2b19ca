// Benchmark plumbing: timing with warm-up, medians and percentiles, machine facts, and
// spawning whole commands for cold-start numbers. Benchmarks report, they never assert.
import { spawnSync } from "node:child_process";
import os from "node:os";

export interface Timing {
  readonly medianMs: number;
  readonly p10Ms: number;
  readonly p90Ms: number;
  readonly runs: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.round((p / 100) * (sorted.length - 1))));
  return sorted[i];
}

export function summarize(samples: readonly number[]): Timing {
  const s = [...samples].sort((a, b) => a - b);
  return { medianMs: percentile(s, 50), p10Ms: percentile(s, 10), p90Ms: percentile(s, 90), runs: s.length };
}

export async function timeAsync(fn: () => unknown, opts: { warmup: number; runs: number }): Promise<Timing> {
  for (let i = 0; i < opts.warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < opts.runs; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return summarize(samples);
}

/** Wall time of a whole command, `runs` times; throws if the command fails (a broken benchmark must not report). */
export function timeCommand(cmd: string, args: readonly string[], opts: { runs: number; cwd?: string }): Timing {
  const samples: number[] = [];
  for (let i = 0; i < opts.runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(cmd, args, { cwd: opts.cwd, encoding: "utf8" });
    samples.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} exited ${r.status}: ${r.stderr || r.stdout}`);
  }
  return summarize(samples);
}

export function machineInfo(): string {
  const cpus = os.cpus();
  return [
    `- CPU: ${cpus[0]?.model ?? "unknown"} × ${cpus.length}`,
    `- Memory: ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `- OS: ${os.type()} ${os.release()} (${os.arch()})`,
    `- Node: ${process.version}`,
  ].join("\n");
}

export const ms = (x: number): string => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));

export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}
