// Fault tests of the committee runtime with real processes: `smalt run` killed with
// SIGKILL mid-stream and restarted; a minority of members crashed and restarted; a
// majority crashed; one member's state corrupted; a torn last log record. After each,
// `smalt replay` re-derives every receipt and root from the data directory alone.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { BIN, CLI_TEST_TIMEOUT, removeDir, runSmalt, scratchDir } from "../../support/cli.js";
import { addLines, certificatesOf, certifiedRoots, receiptsOf, TALLY } from "./run-support.js";

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) removeDir(d);
  dirs = [];
});
function workspace(lines: readonly string[] = []): string {
  const d = scratchDir({ "tally.smalt": TALLY, "s.jsonl": `${lines.join("\n")}\n` });
  dirs.push(d);
  return d;
}

function expectReplayMatches(cwd: string, entries: number): string {
  const r = runSmalt(["replay", "data"], { cwd });
  expect(r.stdout).toContain(`replayed ${entries} log entries`);
  expect(r.stdout).toContain("replay matches");
  expect(r.status).toBe(0);
  return r.stdout;
}

describe("smalt run under faults", { timeout: CLI_TEST_TIMEOUT * 2 }, () => {
  it("loses no acknowledged command when killed with SIGKILL mid-stream, and resumes to the same roots", async () => {
    const cwd = workspace();
    const child = spawn(process.execPath, [BIN, "run", "tally.smalt", "--data", "data"], { cwd, env: { ...process.env, NO_COLOR: "1" }, stdio: ["pipe", "pipe", "pipe"] });
    let out = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (s: string) => (out += s));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_code, signal) => resolve(signal)));
    const acknowledged = async (index: number) => {
      for (let waited = 0; !out.includes(`certified #${index}:`); waited += 20) {
        if (waited > 60_000) throw new Error(`no commit ${index}; output so far:\n${out}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    const lines = addLines(40);
    for (let i = 0; i < 10; i++) {
      child.stdin.write(`${lines[i]}\n`);
      await acknowledged(i + 1);
    }
    for (const l of lines.slice(10)) child.stdin.write(`${l}\n`); // in flight when the kill lands
    child.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");
    const acked = certifiedRoots(out);
    expect(acked.size).toBeGreaterThanOrEqual(10);

    const resumed = runSmalt(["run", "tally.smalt", "--data", "data"], { cwd });
    expect(resumed.status).toBe(0);
    const at = Number(/resumed at index (\d+)/.exec(resumed.stdout)?.[1]);
    expect(at).toBeGreaterThanOrEqual(Math.max(...acked.keys()));
    const receipts = new Map(receiptsOf(path.join(cwd, "data")).map((r) => [r.index, r.root]));
    for (const [index, root] of acked) expect(receipts.get(index)?.slice(0, 16), `index ${index}`).toBe(root);
    expect([...receipts.keys()]).toEqual(Array.from({ length: at }, (_, i) => i + 1));
    expectReplayMatches(cwd, at);
  });

  it("keeps committing while a minority member is down, and the restarted member catches up", () => {
    const cwd = workspace(addLines(12));
    const r = runSmalt(["run", "tally.smalt", "--scenario", "s.jsonl", "--data", "data", "--fault", "stop:2@4,restart:2@9"], { cwd });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("fault  member 2 stopped before index 4");
    expect(r.stdout).toMatch(/fault  member 2 restarted from (the log|snapshot at \d+), caught up to index 8, root [0-9a-f]{16}…/);
    expect(r.stdout).toMatch(/certified #5: root [0-9a-f]{16}…, signed by 2 of 3/);
    expect(r.stdout).toMatch(/certified #12: root [0-9a-f]{16}…, signed by 3 of 3/);
    const data = JSON.parse(fs.readFileSync(path.join(cwd, "data", "organism.json"), "utf8")) as { members: string[] };
    for (const c of certificatesOf(path.join(cwd, "data"))) {
      const signers = c.signatures.map((s) => s.publicKey);
      expect(signers.includes(data.members[2]), `index ${c.index}`).toBe(c.index < 4 || c.index >= 9);
    }
    expectReplayMatches(cwd, 12);
  });

  it("certifies nothing while a majority is down", () => {
    const cwd = workspace(addLines(6));
    const r = runSmalt(["run", "tally.smalt", "--scenario", "s.jsonl", "--data", "data", "--fault", "stop:0@4,stop:1@4"], { cwd });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("committed through #3 of 6");
    expect(r.stdout).toContain("indexes 4 to 6 are not certified: fewer than 2 live, agreeing members");
    expect(certificatesOf(path.join(cwd, "data")).map((c) => c.index)).toEqual([1, 2, 3]);
    const replay = expectReplayMatches(cwd, 6);
    expect(replay).toContain("certified through #3");
  });

  it("names the corrupted member, index and state field, and never lets it sign again", () => {
    const cwd = workspace(addLines(8));
    const r = runSmalt(["run", "tally.smalt", "--scenario", "s.jsonl", "--data", "data", "--fault", "corrupt:1@5:count"], { cwd });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/DIVERGENCE member 1 \([0-9a-f]{8}…\) quarantined: root-mismatch first at index 5; state field count differ/);
    expect(r.stdout).toContain("1 member quarantined");
    const members = (JSON.parse(fs.readFileSync(path.join(cwd, "data", "organism.json"), "utf8")) as { members: string[] }).members;
    const certs = certificatesOf(path.join(cwd, "data"));
    expect(certs.map((c) => c.index)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    for (const c of certs.filter((x) => x.index >= 5)) expect(c.signatures.map((s) => s.publicKey)).not.toContain(members[1]);
    expectReplayMatches(cwd, 8);
  });

  it("with batching, records roots only where certified, and still names the corrupted index inside a batch", () => {
    const cwd = workspace(addLines(8));
    const r = runSmalt(["run", "tally.smalt", "--scenario", "s.jsonl", "--data", "data", "--batch", "4", "--fault", "corrupt:1@6:count"], { cwd });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/DIVERGENCE member 1 \([0-9a-f]{8}…\) quarantined: root-mismatch first at index 6; state field count differ/);
    const certs = certificatesOf(path.join(cwd, "data"));
    expect(certs.map((c) => c.index)).toEqual([4, 8]);
    const receipts = receiptsOf(path.join(cwd, "data"));
    expect(receipts.map((x) => x.index)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(receipts.filter((x) => x.root !== null).map((x) => [x.index, x.root])).toEqual(certs.map((c) => [c.index, c.root]));
    expectReplayMatches(cwd, 8);
  });

  it("detects and cuts a torn last log record, keeping every committed entry", () => {
    const cwd = workspace(addLines(6));
    expect(runSmalt(["run", "tally.smalt", "--scenario", "s.jsonl", "--data", "data"], { cwd }).status).toBe(0);
    const log = path.join(cwd, "data", "commands.log");
    const intact = fs.readFileSync(log);
    fs.appendFileSync(log, intact.subarray(0, 11)); // the start of a record, as a crash mid-write leaves it
    const replay = expectReplayMatches(cwd, 6);
    expect(replay).toMatch(/torn last log record cut: 11 bytes/);
    expect(fs.readFileSync(log)).toEqual(intact);
    const resumed = runSmalt(["run", "tally.smalt", "--data", "data"], { cwd, input: `${addLines(1, 6)[0]}\n` });
    expect(resumed.status).toBe(0);
    expect(resumed.stdout).toMatch(/#7 +ok/);
    expectReplayMatches(cwd, 7);
  });
});
