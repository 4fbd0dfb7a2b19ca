// The escrow benchmark's command stream, shared by the apply and scaling benchmarks: rounds
// of register, deposit, purchase and a top-up endow over 64 agents, every command accepted.
import { SELF } from "./emitted-stream.js";
import { benchId } from "./ids.js";
import type { Command } from "./handwritten/escrow.js";

export const AGENTS = Array.from({ length: 64 }, (_, i) => benchId("agent", i + 1));

/** Rounds of register, deposit, purchase and a top-up endow, rotating over 64 agents: 4 commands a round, all accepted. */
export function workload(rounds: number): { sender: string; cmd: Command }[] {
  const agents = AGENTS;
  const out: { sender: string; cmd: Command }[] = agents.map((a) => ({ sender: SELF, cmd: { handler: "endow", agent: a, amount: 100n } }));
  for (let r = 0; r < rounds; r++) {
    const seller = agents[r % 64];
    const buyer = agents[(r + 1) % 64];
    const artifact = benchId("artifact", r);
    out.push({ sender: seller, cmd: { handler: "register", artifact } });
    out.push({ sender: seller, cmd: { handler: "deposit", artifact, price: 1n, buyer: null } });
    out.push({ sender: buyer, cmd: { handler: "purchase", artifact } });
    out.push({ sender: SELF, cmd: { handler: "endow", agent: buyer, amount: 1n } });
  }
  return out;
}
