// Benchmark: what a rejected command costs the emitted escrow next to an accepted one, on
// the state 1000 rounds of the escrow workload leave: a `register` of an artifact that
// exists, a `purchase` of a completed listing (each fails a `require`), and the accepted
// stream itself. A rejection runs the handler up to the failing guard, then returns the
// state before; refusals are common (a market refuses most late or low bids) and cheap
// rejections keep a flood of invalid commands from costing more than valid ones.
import type { EmittedApi, State } from "../compiler/emit/emitted-api.js";
import { commandJson, decodeStream, runStream, SELF } from "./emitted-stream.js";
import { AGENTS, workload } from "./escrow-workload.js";
import type { Command } from "./handwritten/escrow.js";
import { benchId } from "./ids.js";
import { timeAsync } from "./harness.js";

const COUNT = 4000;

/** Median µs per command of `COUNT` applications of `cmd` to `state`, each rejected. */
async function rejectedUs(api: EmittedApi, state: State, cmd: unknown, sender: string): Promise<number> {
  const run = () => {
    for (let i = 0; i < COUNT; i++) {
      const r = api.apply(state, cmd as Parameters<EmittedApi["apply"]>[1], { sender, self: SELF, index: BigInt(i) });
      if (r.receipt.outcome !== "rejected") throw new Error("a command meant to be rejected was accepted");
    }
  };
  return ((await timeAsync(run, { warmup: 2, runs: 9 })).medianMs * 1000) / COUNT;
}

export async function benchRejected(api: EmittedApi): Promise<string> {
  const decoded = decodeStream(api, workload(1000));
  const end = runStream(api, api.initialState(), decoded, false, "escrow");
  const accepted = ((await timeAsync(() => runStream(api, api.initialState(), decoded, false, "escrow"), { warmup: 3, runs: 9 })).medianMs * 1000) / decoded.length;
  const artifact = benchId("artifact", 0);
  const asJson = (c: Command) => api.decodeCommand(commandJson(c));
  const register = asJson({ handler: "register", artifact });
  const purchase = asJson({ handler: "purchase", artifact });
  const exists = await rejectedUs(api, end, register, AGENTS[5]);
  const inactive = await rejectedUs(api, end, purchase, AGENTS[5]);
  return `Rejected commands (median of 9 samples of ${COUNT.toLocaleString("en-US")}, on the state 1000 rounds leave): a \`register\` of an existing artifact ${exists.toFixed(2)} µs, a \`purchase\` of a completed listing ${inactive.toFixed(2)} µs, against ${accepted.toFixed(2)} µs for an accepted command of the 1000-round stream. An abort carries no stack trace (stdlib/prelude/abort.ts): capturing one made a rejection cost about three accepted commands.`;
}
