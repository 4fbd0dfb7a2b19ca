#!/usr/bin/env node
// Launcher for the `smalt` command: registers tsx so Node can load the TypeScript
// sources directly, then runs cli/main.ts. Kept tiny; everything else lives in cli/.
import { register } from "tsx/esm/api";

// Plain-JS dependencies made of many files load several times slower through tsx's
// loader hooks (every file crosses to the hooks thread): chevrotain with lodash-es took
// 2.5 s that way and 0.6 s natively. Loaded first, they are reused from Node's cache.
const NATIVE_PRELOAD = ["chevrotain"];

try {
  await Promise.all(NATIVE_PRELOAD.map((name) => import(name)));
  register();
  const { main, processIo } = await import("../cli/main.ts");
  process.exitCode = await main(process.argv.slice(2), processIo());
} catch (e) {
  // Only a broken installation gets here (main() catches everything it runs).
  process.stderr.write(`internal error: ${e instanceof Error ? e.message : String(e)} (this is a bug in smalt)\n`);
  process.exitCode = 3;
}
