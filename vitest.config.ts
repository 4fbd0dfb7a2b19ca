// Test runner settings: every test/**/*.test.ts, a 30 s default timeout (suites that spawn
// the CLI set a longer one, see test/support/cli.ts), and fast-check defaults fixed by
// test/support/fast-check-setup.ts.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["test/support/fast-check-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // CLI tests spawn `node bin/smalt.js`; keep parallelism modest on small CI machines.
    maxWorkers: 4,
  },
});
