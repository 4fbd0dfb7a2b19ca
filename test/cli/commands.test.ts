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
  it("checks the standard library and every example", () => {
    const r = runSmalt(["demo"]);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("== Standard library");
    expect(r.stdout).toContain("== Examples");
    expect(r.stdout).toMatch(/Demo finished: the standard library and \d+ examples? check\.\n$/);
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
