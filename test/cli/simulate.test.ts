// `smalt simulate`: the population runs against the market on a committee, the report is
// written with its charts and per-strategy outcomes, the same seed gives the same report
// byte for byte (and another seed another one), and bad flags are usage errors.
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CLI_TEST_TIMEOUT, removeDir, runSmalt, scratchDir } from "../support/cli.js";

const cwd = scratchDir({});
afterAll(() => removeDir(cwd));

describe("smalt simulate", { timeout: CLI_TEST_TIMEOUT }, () => {
  it("writes a deterministic report of the market run", () => {
    const a = runSmalt(["simulate", "--slots", "30", "--seed", "7", "--out", "a.html"], { cwd });
    expect(a.stderr).toBe("");
    expect(a.status).toBe(0);
    expect(a.stdout).toContain("SlotAuction on a committee of 2 of 3: 30 slots, seed 7");
    const wins = [...a.stdout.matchAll(/^ {2}(\w+) +won +(\d+) +refused +(\d+)/gm)].map((m) => [m[1], Number(m[2])] as const);
    expect(wins.map(([name]) => name)).toEqual(["truthful", "shader", "overbidder", "sniper", "jittery"]);
    expect(wins.reduce((t, [, n]) => t + n, 0)).toBe(30); // one slot, one winner: every bidder clears the reserve
    const report = fs.readFileSync(path.join(cwd, "a.html"), "utf8");
    expect(report.match(/<svg /g)?.length).toBe(3);
    expect(report.match(/<\/svg>/g)?.length).toBe(3);
    expect(report).toContain("Clearing price per slot");
    expect(report).toContain("Reputation relayed to the market (bps)");
    for (const [name, n] of wins) expect(report).toMatch(new RegExp(`<tr><td>${name}</td><td>[^<]*</td><td>${n}</td>`));
    expect(runSmalt(["simulate", "--slots", "30", "--seed", "7", "--out", "b.html"], { cwd }).status).toBe(0);
    expect(fs.readFileSync(path.join(cwd, "b.html"), "utf8")).toBe(report);
    expect(runSmalt(["simulate", "--slots", "30", "--seed", "8", "--out", "c.html"], { cwd }).status).toBe(0);
    expect(fs.readFileSync(path.join(cwd, "c.html"), "utf8")).not.toBe(report);
  });

  it("refuses bad flags", () => {
    const r = runSmalt(["simulate", "--slots", "0"], { cwd });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("`--slots` needs a whole number from 1 to 100000");
    expect(runSmalt(["simulate", "--out", path.join(cwd, "missing", "x.html"), "--slots", "1"], { cwd }).stderr).toContain("cannot write");
  });
});
