// A small organism and command lines for the `smalt run` / `smalt replay` tests: a tally
// with integer state fields (so a corruption drill has something to move), one handler
// that can be rejected, and a committee of 2 of 3.
import fs from "node:fs";
import path from "node:path";

export const TALLY = `network "universe"

organism Tally {
  instance "test.tally"
  committee 2 of 3
  state {
    total: u64 = 0
    count: u64 = 0
  }

  event Added { who: peer, n: u64 }

  on add(n: u64) {
    require n > 0 else "nothing to add"
    total += n
    count += 1
    emit Added { who: sender, n: n }
  }
}
`;

export const addLine = (who: string, n: number | string) => JSON.stringify({ sender: who, command: { handler: "add", args: { n: String(n) } } });

/** `count` add commands by alternating senders; every fifth adds zero (rejected). */
export function addLines(count: number, from = 0): string[] {
  return Array.from({ length: count }, (_, k) => addLine(["alice", "bob", "carol"][(from + k) % 3], (from + k) % 5 === 4 ? 0 : from + k + 1));
}

export interface ReceiptLine {
  readonly index: number;
  /** Null at the indexes of a batch other than its last (no root was computed there). */
  readonly root: string | null;
  readonly receipt: { readonly status: string; readonly receipt?: { readonly outcome: string } };
}

export function readLines<T>(file: string): T[] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l) as T);
}

export const receiptsOf = (dir: string) => readLines<ReceiptLine>(path.join(dir, "receipts.jsonl"));
export const certificatesOf = (dir: string) => readLines<{ index: number; root: string; signatures: { publicKey: string }[] }>(path.join(dir, "certificates.jsonl"));

/** `certified #I: root R…` lines of a run's output, as index → root prefix. */
export function certifiedRoots(stdout: string): Map<number, string> {
  return new Map([...stdout.matchAll(/certified #(\d+): root ([0-9a-f]{16})…/g)].map((m) => [Number(m[1]), m[2]]));
}
