// `smalt run` and `smalt replay` as a user runs them (real processes): commits printed
// with certificates, resumption from a data directory, and bad input — malformed command
// lines, unknown organisms, unusable or foreign data directories — refused with a clear
// message and the log left untouched.
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { CLI_TEST_TIMEOUT, removeDir, runSmalt, scratchDir } from "../../support/cli.js";
import { addLine, addLines, certificatesOf, receiptsOf, TALLY } from "./run-support.js";

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) removeDir(d);
  dirs = [];
});
function workspace(files: Record<string, string> = {}): string {
  const d = scratchDir({ "tally.smalt": TALLY, ...files });
  dirs.push(d);
  return d;
}

describe("smalt run", { timeout: CLI_TEST_TIMEOUT }, () => {
  it("prints each commit with its certificate, keeps a data directory, and resumes from it", () => {
    const cwd = workspace({ "s.jsonl": `${addLines(5).join("\n")}\n` });
    const first = runSmalt(["run", "tally.smalt", "--scenario", "s.jsonl", "--data", "data"], { cwd });
    expect(first.stderr).toBe("");
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/^Tally \(content hash [0-9a-f]{16}…\) on a committee of 2 of 3; new data directory\n/);
    expect(first.stdout).toMatch(/#1 +ok +add\(n: 1\) by [0-9a-f]{8}… → Added\{who: [0-9a-f]{8}…, n: 1\}/);
    expect(first.stdout).toMatch(/#5 +rejected add\(n: 0\) by [0-9a-f]{8}…: require "nothing to add"/);
    expect(first.stdout).toMatch(/certified #5: root [0-9a-f]{16}…, signed by 3 of 3 \(quorum 2\)/);
    expect(first.stdout).toContain("5 commands appended; committed through #5 of 5; data in data");
    const data = path.join(cwd, "data");
    expect(receiptsOf(data).map((r) => r.index)).toEqual([1, 2, 3, 4, 5]);
    expect(certificatesOf(data).map((c) => c.index)).toEqual([1, 2, 3, 4, 5]);

    const again = runSmalt(["run", "tally.smalt", "--data", "data"], { cwd, input: `${addLine("dave", 7)}\n` });
    expect(again.status).toBe(0);
    expect(again.stdout).toContain("resumed at index 5");
    expect(again.stdout).toMatch(/#6 +ok +add\(n: 7\)/);
    const replay = runSmalt(["replay", "data"], { cwd });
    expect(replay.stdout).toContain("replayed 6 log entries");
    expect(replay.stdout).toContain("6 recorded receipts re-derived and compared");
    expect(replay.stdout).toContain("replay matches");
    expect(replay.status).toBe(0);
  });

  it("refuses a scenario with bad lines before appending anything, naming each line", () => {
    const lines = [addLine("alice", 1), "{not json", addLine("bob", -3), JSON.stringify({ sender: "alice", command: { handler: "mul", args: {} } }), JSON.stringify({ sender: "alice" })];
    const cwd = workspace({ "bad.jsonl": `${lines.join("\n")}\n` });
    const r = runSmalt(["run", "tally.smalt", "--scenario", "bad.jsonl", "--data", "data"], { cwd });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("bad.jsonl:2: not JSON");
    expect(r.stderr).toMatch(/bad.jsonl:3: args\.n: .*u64/);
    expect(r.stderr).toContain(`bad.jsonl:4: handler: expected one of add (not "mul")`);
    expect(r.stderr).toContain('bad.jsonl:5: missing "command"');
    expect(r.stderr).toContain("nothing run: 4 bad command lines in bad.jsonl");
    expect(fs.existsSync(path.join(cwd, "data", "commands.log"))).toBe(false);
  });

  it("skips a bad stdin line with its line number and appends the good ones", () => {
    const cwd = workspace();
    const r = runSmalt(["run", "tally.smalt", "--data", "data"], { cwd, input: `${addLine("alice", 2)}\n{"sender": 5, "command": {}}\n${addLine("bob", 3)}\n` });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("stdin:2: sender must be a peer id");
    expect(r.stderr).toContain("1 bad command line not appended");
    expect(receiptsOf(path.join(cwd, "data")).map((x) => x.index)).toEqual([1, 2]);
  });

  it("names an unknown organism, with a suggestion", () => {
    const cwd = workspace();
    const r = runSmalt(["run", "tally.smalt", "--organism", "Taly"], { cwd });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("has no organism `Taly`; did you mean `Tally`?");
  });

  it("refuses unusable and foreign data directories, leaving them as they were", () => {
    const changed = TALLY.replace("total += n", "total += n * 2");
    const cwd = workspace({ "changed.smalt": changed, "other.smalt": TALLY.replace('"test.tally"', '"test.other"'), "junk/file.txt": "x", "s.jsonl": `${addLine("alice", 1)}\n` });
    expect(runSmalt(["run", "tally.smalt", "--scenario", "s.jsonl", "--data", "data"], { cwd }).status).toBe(0);
    const before = fs.readFileSync(path.join(cwd, "data", "commands.log"));
    const newVersion = runSmalt(["run", "changed.smalt", "--scenario", "s.jsonl", "--data", "data"], { cwd });
    expect(newVersion.status).toBe(2);
    expect(newVersion.stderr).toMatch(/holds organism Tally with content hash [0-9a-f]{16}…, not Tally with [0-9a-f]{16}…; a changed policy is a new organism version/);
    const foreign = runSmalt(["run", "other.smalt", "--scenario", "s.jsonl", "--data", "data"], { cwd });
    expect(foreign.status).toBe(2);
    expect(foreign.stderr).toContain("(another instance)");
    expect(fs.readFileSync(path.join(cwd, "data", "commands.log"))).toEqual(before);
    const junk = runSmalt(["run", "tally.smalt", "--data", "junk"], { cwd });
    expect(junk.status).toBe(2);
    expect(junk.stderr).toContain("is not empty and holds no organism.json");
    const notDir = runSmalt(["run", "tally.smalt", "--data", "tally.smalt"], { cwd });
    expect(notDir.status).toBe(2);
    expect(notDir.stderr).toMatch(/cannot use data directory .*tally\.smalt|is not a directory/);
    const missing = runSmalt(["replay", "nowhere"], { cwd });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/nowhere.*(no such file|not a Smalt data directory)/);
    const plain = runSmalt(["replay", "junk"], { cwd });
    expect(plain.status).toBe(2);
    expect(plain.stderr).toContain("is not a Smalt data directory: it has no organism.json");
  });

  it("refuses bad flags and fault drills", () => {
    const cwd = workspace();
    expect(runSmalt(["run", "tally.smalt", "--batch", "0"], { cwd }).stderr).toContain("`--batch` needs a whole number");
    expect(runSmalt(["run", "tally.smalt", "--fault", "stop:7@2"], { cwd }).stderr).toContain("the committee has members 0 to 2");
    expect(runSmalt(["run", "tally.smalt", "--fault", "explode:1@2"], { cwd }).stderr).toContain("is not a fault");
    expect(runSmalt(["run", "tally.smalt", "--fault", "corrupt:1@2:nothing"], { cwd }).stderr).toContain("no integer state field");
  });
});
