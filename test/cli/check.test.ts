// `smalt check` end to end: exit codes 0/1/2, the text and JSON renderings, folder
// recursion, colour control and the cost table, through the real bin/smalt.js.
import { afterAll, describe, expect, it } from "vitest";
import { CLI_TEST_TIMEOUT, removeDir, runSmalt, scratchDir } from "../support/cli.js";
import { GOOD, GOOD_TWO, UNKNOWN_NAME } from "./sources.js";

const dir = scratchDir({
  "good.smalt": GOOD,
  "bad.smalt": UNKNOWN_NAME,
  "tree/a/one.smalt": GOOD,
  "tree/two.smalt": GOOD_TWO,
  "tree/notes.txt": "not smalt",
  "tree/.hidden/broken.smalt": UNKNOWN_NAME,
  "tree/node_modules/dep/broken.smalt": UNKNOWN_NAME,
  "docs/readme.txt": "no Smalt here",
});
afterAll(() => removeDir(dir));

const check = (...args: string[]) => runSmalt(["check", ...args], { cwd: dir });

describe("smalt check", { timeout: CLI_TEST_TIMEOUT }, () => {
  it("exits 0 and says so when there are no errors", () => {
    const r = check("good.smalt");
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("Checked 1 file: no errors\n");
    expect(r.status).toBe(0);
  });

  it("exits 1 and renders each error with its source", () => {
    const r = check("bad.smalt");
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^error\[E1001\]: /);
    expect(r.stdout).toContain(" --> bad.smalt:2:28\n");
    expect(r.stdout).toContain("2 |   return apply_bps(amount, rat)\n");
    expect(r.stdout).toContain("  |                            ^^^");
    expect(r.stdout.trimEnd().split("\n").at(-1)).toBe("1 error in 1 file");
    expect(r.stdout).not.toContain("\x1b[");
  });

  it("prints JSON diagnostics with a fixed shape", () => {
    const r = check("good.smalt", "bad.smalt", "--format", "json");
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(out).toHaveLength(1);
    expect(Object.keys(out[0])).toEqual(["code", "severity", "message", "file", "start", "end", "help", "label", "related"]);
    expect(out[0]).toMatchObject({ code: "E1001", severity: "error", file: "bad.smalt", start: { line: 2, column: 28 }, end: { line: 2, column: 31 } });
  });

  it("prints an empty JSON array for a clean program", () => {
    const r = check("good.smalt", "--format=json");
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([]);
  });

  it("searches folders for *.smalt, skipping hidden folders and node_modules", () => {
    const r = check("tree");
    expect(r.stdout).toBe("Checked 2 files: no errors\n");
    expect(r.status).toBe(0);
  });

  it("prints each organism's costs, sorted, with --costs", () => {
    const r = check("tree", "--costs");
    expect(r.status).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toMatch(/^organism\s+kind\s+item\s+cost$/);
    const rows = lines.slice(1, 4).map((l) => l.split(/\s+/).slice(0, 3).join(" "));
    expect(rows).toEqual(["Counter handler bump", "Counter query current", "Tally handler vote"]);
    expect(lines.slice(1, 4).every((l) => /\s\d+$/.test(l))).toBe(true);
  });

  it("adds costs to the JSON output with --costs", () => {
    const r = check("good.smalt", "--format", "json", "--costs");
    const out = JSON.parse(r.stdout) as { diagnostics: unknown[]; costs: { organism: string; item: string; cost: number }[] };
    expect(out.diagnostics).toEqual([]);
    expect(out.costs.map((c) => `${c.organism}.${c.item}`)).toEqual(["Counter.bump", "Counter.current"]);
    expect(out.costs.every((c) => Number.isInteger(c.cost) && c.cost > 0)).toBe(true);
  });

  it("colours output only when asked to", () => {
    expect(runSmalt(["check", "bad.smalt"], { cwd: dir, env: { FORCE_COLOR: "1" } }).stdout).toContain("\x1b[1;31merror[E1001]");
    expect(runSmalt(["check", "bad.smalt"], { cwd: dir, env: { FORCE_COLOR: "1", NO_COLOR: "1" } }).stdout).not.toContain("\x1b[");
  });
});

describe("smalt check usage errors exit 2", { timeout: CLI_TEST_TIMEOUT }, () => {
  it.each([
    [[], "error: no path given"],
    [["missing.smalt"], "error: no such file or folder: missing.smalt"],
    [["good.smalt", "--frmat", "json"], "error: unknown flag `--frmat` for `smalt check`"],
    [["good.smalt", "--format", "yaml"], "error: `--format` must be `text` or `json`, not `yaml`"],
    [["good.smalt", "--format"], "error: `--format` needs a value"],
    [["good.smalt", "docs"], "error: no .smalt files in docs"],
  ])("smalt check %j", (args, message) => {
    const r = check(...args);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.split("\n")[0]).toBe(message);
    expect(r.stderr).toContain("smalt help check");
  });
});
