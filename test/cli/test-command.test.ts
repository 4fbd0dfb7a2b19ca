// `smalt test`: test blocks run on the emitted organism; passing and failing steps of every
// kind (ok, emits, rejects with a reason, expect), --match, and the exit codes.
import { afterAll, describe, expect, it } from "vitest";
import { CLI_TEST_TIMEOUT, removeDir, runSmalt, scratchDir } from "../support/cli.js";

const VAULT = `organism Vault {
  instance "demo.vault"
  committee 2 of 3
  state {
    total: u64 = 0
  }

  event Stored { by: peer, amount: u64 }

  on store(amount: u64) {
    require amount > 0 else "nothing to store"
    require amount <= 1_000 else "too much at once"
    total += amount
    emit Stored { by: sender, amount: amount }
  }

  query twice() -> u64 {
    return total * 2
  }
}
`;

const PASSING = `${VAULT}
test "stores and refuses" for Vault {
  as alice store(5) ok emits Stored
  as bob store(0) rejects "nothing to store"
  as bob store(1_001) rejects "too much at once"
  expect total == 5
  expect twice() == 10
}
`;

const FAILING = `${VAULT}
test "wrong reason" for Vault {
  as alice store(0) rejects "nothing stored"
}

test "wrong total" for Vault {
  as alice store(5) ok
  expect total == 6
}

test "expected a rejection" for Vault {
  as alice store(1_000) rejects
}

test "fine" for Vault {
  as alice store(1) ok emits Stored
}
`;

/** The 1-based line of FAILING holding `text`. */
function lineOf(text: string): number {
  return FAILING.split("\n").findIndex((l) => l.includes(text)) + 1;
}

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));
function inScratch(files: Record<string, string>): string {
  const dir = scratchDir(files);
  dirs.push(dir);
  return dir;
}

describe("smalt test", { timeout: CLI_TEST_TIMEOUT }, () => {
  it("passes a test whose every step holds, and exits 0", () => {
    const r = runSmalt(["test", "vault.smalt"], { cwd: inScratch({ "vault.smalt": PASSING }) });
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("vault.smalt\n  ✓ stores and refuses (Vault, 5 steps)\n\n1 test: 1 passed, 0 failed\n");
    expect(r.status).toBe(0);
  });

  it("shows the failing step, its source, what was expected and what happened", () => {
    const r = runSmalt(["test", "."], { cwd: inScratch({ "vault.smalt": FAILING }) });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(
      [
        "  ✗ wrong reason (Vault)",
        `      step 1 at vault.smalt:${lineOf('as alice store(0) rejects "nothing stored"')}:3`,
        '        as alice store(0) rejects "nothing stored"',
        '      expected: rejected: "nothing stored"',
        '      actual:   rejected (require): "nothing to store"',
      ].join("\n"),
    );
    expect(r.stdout).toContain(
      [`      step 2 at vault.smalt:${lineOf("expect total == 6")}:3`, "        expect total == 6", "      expected: true", "      actual:   false: the left side is 5, the right side 6"].join("\n"),
    );
    expect(r.stdout).toContain(["  ✗ expected a rejection (Vault)", `      step 1 at vault.smalt:${lineOf("store(1_000) rejects")}:3`].join("\n"));
    expect(r.stdout).toContain("      expected: rejected\n      actual:   ok, emitted Stored\n");
    expect(r.stdout).toContain("  ✓ fine (Vault, 1 step)");
    expect(r.stdout).toMatch(/\n4 tests: 1 passed, 3 failed\n$/);
    expect(r.stdout).not.toContain("disagree");
  });

  it("runs only the tests whose name contains --match", () => {
    const r = runSmalt(["test", "vault.smalt", "--match", "fine"], { cwd: inScratch({ "vault.smalt": FAILING }) });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/1 test: 1 passed, 0 failed\n$/);
  });

  it("exits 1 when there are no tests to run, and when the program has errors", () => {
    const dir = inScratch({ "vault.smalt": VAULT, "broken.smalt": `${VAULT}\ntest "t" for Vault {\n  as alice stor(1) ok\n}\n` });
    const none = runSmalt(["test", "vault.smalt"], { cwd: dir });
    expect(none.status).toBe(1);
    expect(none.stderr).toBe("no tests in 1 file\n");
    const broken = runSmalt(["test", "broken.smalt"], { cwd: dir });
    expect(broken.status).toBe(1);
    expect(broken.stderr).toContain("E1010");
    expect(broken.stderr).toContain("did you mean `store`?");
    expect(broken.stderr).toContain("no tests run: the program has errors");
  });

  it("is a usage error without a path or with an unknown flag", () => {
    expect(runSmalt(["test"]).status).toBe(2);
    const r = runSmalt(["test", "examples", "--bogus"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^error: /);
  });
});
