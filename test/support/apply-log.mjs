// Child process of the cross-process determinism test: imports one bundled organism (as
// `smalt build` wrote it), applies a JSON-lines log of {sender, command} in order, and
// prints one line per entry, `index outcome root`, then `state <hex of encodeState>`.
// Plain JavaScript on purpose: no loader, nothing shared with the parent process.
// Usage: node apply-log.mjs BUNDLE.js LOG.jsonl
import fs from "node:fs";
import { pathToFileURL } from "node:url";

const [bundlePath, logPath] = process.argv.slice(2);
const api = await import(pathToFileURL(bundlePath).href);
const self = "5e".repeat(32);
const hex = (bytes) => Buffer.from(bytes).toString("hex");
let state = api.initialState();
const out = [];
const lines = fs.readFileSync(logPath, "utf8").split("\n").filter((l) => l !== "");
lines.forEach((line, i) => {
  const { sender, command } = JSON.parse(line);
  const r = api.apply(state, api.decodeCommand(command), { sender, self, index: BigInt(i + 1) });
  state = r.state;
  out.push(`${i + 1} ${r.receipt.outcome === "ok" ? "ok" : `rejected:${r.receipt.code}`} ${hex(api.stateRoot(state))}`);
});
out.push(`state ${hex(api.encodeState(state))}`);
process.stdout.write(`${out.join("\n")}\n`);
