// The rest of the command line: --version, help, unknown commands, the demo, and what
// happens when smalt itself fails (exit 3, one line, no stack trace).
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CLI_TEST_TIMEOUT, removeDir, ROOT, runSmalt, scratchDir } from "../support/cli.js";
import { GOOD } from "./sources.js";

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string };

describe("smalt --version and help", { timeout: CLI_TEST_TIMEOUT }, () => {
  it("prints the package version", () => {
    const r = runSmalt(["--version"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`smalt ${pkg.version}\n`);
  });

  it("lists every command", () => {
    const r = runSmalt(["help"]);
    expect(r.status).toBe(0);
    for (const command of ["check", "fmt", "demo", "help"]) expect(r.stdout).toMatch(new RegExp(`^  ${command}\\b`, "m"));
  });

  it("shows one command's usage, also as --help", () => {
    const a = runSmalt(["help", "check"]);
    const b = runSmalt(["check", "--help"]);
    expect(a.status).toBe(0);
    expect(a.stdout).toMatch(/^Usage: smalt check PATH…/);
    expect(b.stdout).toBe(a.stdout);
  });

  it("exits 2 for a missing or unknown command", () => {
    const none = runSmalt([]);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain("Usage: smalt <command>");
    const typo = runSmalt(["chek", "x.smalt"]);
    expect(typo.status).toBe(2);
    expect(typo.stderr).toContain("error: unknown command `chek`; did you mean `check`?");
    expect(runSmalt(["help", "nope"]).status).toBe(2);
  });
});

describe("smalt demo", { timeout: CLI_TEST_TIMEOUT }, () => {
  it("checks the standard library and every example, then runs the market on a committee", () => {
    const r = runSmalt(["demo"]);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("== Standard library");
    expect(r.stdout).toContain("== Examples");
    expect(r.stdout).toContain("== A reputation-gated slot auction on a committee of 3 replicas");
    for (let slot = 1; slot <= 5; slot++) expect(r.stdout).toMatch(new RegExp(`-- slot ${slot}\\n[^]*?allocation: \\w+ wins 1 slot, pays [\\d,]+ gwei; clearing price [\\d,]+ gwei\\n   certificate #\\d+: root [0-9a-f]{16}…, [23] of 3 attested members signed, verifies offline`));
    expect(r.stdout).toContain('dave 2,786,062 gwei refused: "reputation below floor"');
    expect(r.stdout).toContain("WARNING: this demo trusts the Smalt TEST root CA");
    expect(r.stdout.match(/admitted replica #\d [0-9a-f]{12}… to the committee on TDX quote [0-9a-f]{12}… \(MR_TD 2fada80c06b3…, committee measurements \[TEST ROOT\]\); until 2026-12-04T00:00:00Z/g)?.length).toBe(3);
    expect(r.stdout).toMatch(/refused {2}candidate replica eeeeeeeeeeee…: T2004 MR_TD/);
    for (const s of ["alice", "bob", "carol", "dave", "erin"]) expect(r.stdout).toContain(`admitted ${s} on bids_in with a jwt ticket: Searcher; until 2026-12-03T00:50:00Z`);
    expect(r.stdout).toContain("refused  mallory on bids_in: A1001 validator Searcher");
    expect(r.stdout).toMatch(/refused at admission: mallory on bids_in: A1040 .* \(not appended\)/);
    expect(r.stdout).toMatch(/fault drill: member 2 restarted from the log, caught up to index 27/);
    expect(r.stdout).toContain("DIVERGENCE detected: member 1 quarantined; first differing index #37, state field next_seq");
    expect(r.stdout).toMatch(/replay of the data directory: 42 log entries re-derived, 42 receipts and 42 certificates checked, every signer against its attestation record, everything matches/);
    expect(r.stdout).toMatch(/Demo finished: the standard library and \d+ examples? check; the market ran 5 slots on a committee of 3 and its replay matches\.\n$/);
    expect(r.status).toBe(0);
  });

  it("takes no arguments", () => {
    expect(runSmalt(["demo", "extra"]).status).toBe(2);
  });
});

describe("internal errors", { timeout: CLI_TEST_TIMEOUT }, () => {
  const dir = scratchDir({ "good.smalt": GOOD });
  afterAll(() => removeDir(dir));

  it("exit 3 with one line naming it a bug, and no stack trace", () => {
    const inject = path.join(ROOT, "test", "support", "inject-read-failure.mjs");
    const r = runSmalt(["check", "good.smalt"], { cwd: dir, preload: [inject] });
    expect(r.status).toBe(3);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe("internal error: injected failure while reading a source file (this is a bug in smalt)\n");
  });
});
