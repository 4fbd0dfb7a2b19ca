// `smalt fmt` end to end on scratch copies: printing, --check, --write, and refusing a
// file with syntax errors without touching it.
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { CLI_TEST_TIMEOUT, removeDir, runSmalt, scratchDir } from "../support/cli.js";
import { GOOD, SYNTAX_ERROR, UNFORMATTED } from "./sources.js";

let dir = "";
afterEach(() => removeDir(dir));

const fmt = (...args: string[]) => runSmalt(["fmt", ...args], { cwd: dir });
const read = (name: string) => fs.readFileSync(path.join(dir, name), "utf8");

describe("smalt fmt", { timeout: CLI_TEST_TIMEOUT }, () => {
  it("prints the canonical form without changing the file", () => {
    dir = scratchDir({ "messy.smalt": UNFORMATTED });
    const r = fmt("messy.smalt");
    expect(r.status).toBe(0);
    expect(r.stdout).not.toBe(UNFORMATTED);
    expect(r.stdout).toContain("organism Counter {");
    expect(read("messy.smalt")).toBe(UNFORMATTED);
  });

  it("--check lists unformatted files and exits 1, touching nothing", () => {
    dir = scratchDir({ "messy.smalt": UNFORMATTED, "sub/also-messy.smalt": UNFORMATTED });
    const r = fmt(".", "--check");
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("messy.smalt\nsub/also-messy.smalt\n");
    expect(r.stderr).toContain("2 files not formatted");
    expect(read("messy.smalt")).toBe(UNFORMATTED);
  });

  it("--write rewrites to the printed form, after which --check passes", () => {
    dir = scratchDir({ "messy.smalt": UNFORMATTED });
    const printed = fmt("messy.smalt").stdout;
    const r = fmt("--write", "messy.smalt");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("formatted messy.smalt\n");
    expect(read("messy.smalt")).toBe(printed);
    const again = fmt("--check", "messy.smalt");
    expect(again.status).toBe(0);
    expect(again.stdout).toBe("1 file already formatted\n");
  });

  it("leaves formatted files alone with --write", () => {
    dir = scratchDir({ "messy.smalt": UNFORMATTED });
    fmt("--write", "messy.smalt");
    const before = fs.statSync(path.join(dir, "messy.smalt")).mtimeMs;
    const r = fmt("--write", "messy.smalt");
    expect(r.stdout).toBe("0 files rewritten, 1 already formatted\n");
    expect(fs.statSync(path.join(dir, "messy.smalt")).mtimeMs).toBe(before);
  });

  it("refuses a file with syntax errors: diagnostics, exit 1, file untouched", () => {
    dir = scratchDir({ "broken.smalt": SYNTAX_ERROR, "messy.smalt": UNFORMATTED });
    const r = fmt("--write", ".");
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^error\[E000\d\]: /);
    expect(r.stderr).toContain("broken.smalt: not formatted because it has syntax errors");
    expect(read("broken.smalt")).toBe(SYNTAX_ERROR);
    expect(read("messy.smalt")).not.toBe(UNFORMATTED);
  });

  it("heads each file's output with its path when given several", () => {
    dir = scratchDir({ "a.smalt": GOOD, "b.smalt": GOOD });
    const r = fmt("a.smalt", "b.smalt");
    expect(r.status).toBe(0);
    expect(r.stdout.startsWith("==> a.smalt <==\n")).toBe(true);
    expect(r.stdout).toContain("\n==> b.smalt <==\n");
  });

  it("rejects --write with --check, and no paths, with exit 2", () => {
    dir = scratchDir({ "a.smalt": GOOD });
    expect(fmt("--write", "--check", "a.smalt").status).toBe(2);
    const r = fmt();
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("error: no path given");
  });
});
