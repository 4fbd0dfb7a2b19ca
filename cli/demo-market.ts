// The demo's main act: the reputation-gated slot auction (examples/reputation-gated-
// market) on a committee of 3 replicas over the embedded durable log, for several slots.
// Each slot prints the bids (and the ones refused, with the policy's reason), the second-
// price allocation, and the commit certificate, verified offline. Fault drills crash and
// restart one member and corrupt another's state, to show the committee carry on and name
// the divergence. At the end the data
// directory is replayed from its log alone and every receipt, root and certificate checks.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { namedPeer } from "../compiler/scenario/test-peers.js";
import { verifyCertificate, type CommitCertificate } from "../runtime/committee/certificate.js";
import type { CommittedStep } from "../runtime/committee/divergence.js";
import { openDataDir } from "../runtime/data-dir/data-dir.js";
import type { OrganismReceipt } from "../runtime/organism/emitted-machine.js";
import type { Json } from "../runtime/replica/state-machine.js";
import { CommitteeRun } from "../runtime/run/committee-run.js";
import type { Fault } from "../runtime/run/faults.js";
import { replayDataDir } from "../runtime/run/replay.js";
import { admittedCommittee } from "../runtime/run/attested-members.js";
import { appendAdmission } from "../runtime/data-dir/admissions-file.js";
import { checkEntryFile } from "./check-entry.js";
import { admitDemo, DEMO_NOW } from "./demo-admission.js";
import { compileOrganism, pickOrganism } from "./compile-organism.js";
import { LEADER, SEARCHERS, slotCommands, valueOf } from "./demo-market-scenario.js";
import type { Io } from "./io.js";

export const MARKET_POLICY = path.resolve(import.meta.dirname, "..", "examples", "reputation-gated-market", "reputation-gated-market.smalt");
export const DEMO_SLOTS = 5;
const REPLICAS = 3;
const QUORUM = 2;
/** Member 2 crashes in slot 3 and comes back in slot 4; member 1's state is corrupted in slot 5. */
const DRILLS: readonly Fault[] = [
  { kind: "stop", member: 2, index: 20 },
  { kind: "restart", member: 2, index: 28 },
  { kind: "corrupt", member: 1, index: 37, field: "next_seq" },
];

const NAMES = new Map([LEADER, "mallory", ...SEARCHERS.map((s) => s.name)].map((n) => [namedPeer(n), n]));
const impostorBid = () => ({ sender: namedPeer("mallory"), command: { handler: "bid", args: { qty: "1", price: "9000000" } } });
const who = (peer: string) => NAMES.get(peer) ?? `${peer.slice(0, 8)}…`;
const gwei = (v: Json | bigint) => BigInt(String(v)).toLocaleString("en-US");

export async function runMarketDemo(io: Io): Promise<boolean> {
  const checked = checkEntryFile(MARKET_POLICY, io, "demo", "demo stopped");
  if (!checked.ok) return false;
  const picked = pickOrganism(checked.program, checked.entryKey, "SlotAuction");
  if (!picked.ok) {
    io.out(`${picked.message}\n`);
    return false;
  }
  const { machine, bundleJs } = await compileOrganism(checked.program, picked.def);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "smalt-demo-"));
  try {
    const data = openDataDir(dir, { name: "SlotAuction", contentHash: machine.contentHash, stableId: machine.self, bundleJs, quorum: QUORUM, size: REPLICAS, attested: true });
    io.out(`SlotAuction, content hash ${machine.contentHash.slice(0, 16)}…, on ${REPLICAS} replicas (quorum ${QUORUM}), embedded log in a temporary folder\n`);
    io.out(`members: ${data.record.members.map((m, i) => `#${i} ${m.slice(0, 12)}…`).join(", ")}\n`);
    io.out(`searchers: ${SEARCHERS.map((s) => `${s.name} (bids ${s.shadingBps / 100}% of value)`).join(", ")}; reputation floor 60.00%\n`);
    const admitted = await admitDemo(checked.program.modules, picked.def, machine, data.keys, SEARCHERS.map((s) => s.name));
    io.out(`\nadmission (at ${new Date(Number(DEMO_NOW) * 1000).toISOString()}):\n${admitted.lines.map((l) => `   ${l}\n`).join("")}`);
    const replicasAdmitted = admitted.committee.attested && admitted.committee.members.slice(0, REPLICAS).every((m) => m.decision.admitted);
    if (!admitted.committee.attested || !replicasAdmitted) return false;
    const committee = admittedCommittee(admitted.committee, DEMO_NOW);
    appendAdmission(dir, committee.record);
    const membership = { organism: machine.contentHash, quorum: QUORUM, members: data.record.members, attestations: committee.record.admitted };
    let steps: CommittedStep<OrganismReceipt>[] = [];
    let last: CommitCertificate | undefined;
    const notes: string[] = [];
    const run = await CommitteeRun.open({
      createMachine: () => machine,
      keys: data.keys,
      quorum: QUORUM,
      data,
      batch: 1,
      faults: DRILLS,
      attested: committee.members,
      onFault: (_f, outcome) => notes.push(`   fault drill: ${outcome}`),
      onDivergence: (r) => notes.push(`   DIVERGENCE detected: member ${r.member} quarantined; first differing index #${r.index}, state field ${r.fields.join(", ") || "?"}`),
      onCommit: (c) => {
        steps.push(...c.steps);
        last = c.certificate;
      },
    });
    for (let slot = 1; slot <= DEMO_SLOTS; slot++) {
      steps = [];
      const wanted = [...slotCommands(slot), ...(slot === 1 ? [impostorBid()] : [])];
      const allowed = wanted.filter((env) => {
        const v = admitted.gate.check(env, DEMO_NOW);
        if (!v.admitted) notes.push(`   refused at admission: ${who(env.sender)} on ${v.surface}: ${v.code} ${v.reason} (not appended)`);
        return v.admitted;
      });
      await run.submit(allowed);
      io.out(`\n-- slot ${slot}\n${describeSlot(slot, steps)}${notes.map((n) => `${n}\n`).join("")}`);
      notes.length = 0;
      const state = machine.api.stateToJson(run.committee.replica(0)!.state) as { last_cleared: { fills: { agent: string; qty: string; pay: string }[]; price: string | null } };
      const a = state.last_cleared;
      const price = a.price === null ? "none (nothing traded)" : `${gwei(a.price)} gwei`;
      const fills = a.fills.map((f) => `${who(f.agent)} wins ${f.qty} slot, pays ${gwei(f.pay)} gwei`).join("; ") || "no winner";
      io.out(`   allocation: ${fills}; clearing price ${price}\n`);
      if (last) {
        const check = verifyCertificate(last, membership);
        io.out(`   certificate #${last.index}: root ${last.root.slice(0, 16)}…, ${last.signatures.length} of ${REPLICAS} attested members signed, ${check.ok ? "verifies offline" : `DOES NOT VERIFY: ${check.reason}`}\n`);
        if (!check.ok) return false;
      }
    }
    const committed = run.committee.committedIndex;
    await run.close();
    const replay = await replayDataDir(dir);
    io.out(`\nreplay of the data directory: ${replay.entries} log entries re-derived, ${replay.receiptsChecked} receipts and ${replay.certificatesChecked} certificates checked${replay.attestationRecords === null ? "" : ", every signer against its attestation record"}, ${replay.problems.length === 0 ? "everything matches" : `${replay.problems.length} MISMATCHES`}\n`);
    io.out(`committed through #${committed}; final state root ${replay.finalRoot.slice(0, 16)}…\n`);
    return replay.problems.length === 0 && committed === replay.entries;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function describeSlot(slot: number, steps: readonly CommittedStep<OrganismReceipt>[]): string {
  const lines: string[] = [];
  for (const s of steps) {
    if (s.receipt.status !== "applied" || !s.command) continue;
    const r = s.receipt.receipt;
    const handler = (s.command.command as { handler: string }).handler;
    const sender = who(s.command.sender);
    if (handler === "eligibility_snapshot" && r.outcome === "ok") {
      const ev = r.events[0] as { fields: { agent: string; score: string } };
      lines.push(`   reputation: ${who(ev.fields.agent)} now ${(Number(ev.fields.score) / 100).toFixed(2)}%`);
      const withdrawn = r.events.find((e) => (e as { name: string }).name === "BidsWithdrawn");
      if (withdrawn) lines.push(`   (${who(ev.fields.agent)}'s open bids withdrawn: below the floor)`);
    } else if (handler === "bid") {
      const i = SEARCHERS.findIndex((x) => x.name === sender);
      const value = i >= 0 ? ` (value ${gwei(valueOf(i, slot))})` : "";
      const price = (s.command.command as { args: { price: string } }).args.price;
      lines.push(r.outcome === "ok" ? `   #${s.index} bid   ${sender} ${gwei(price)} gwei${value}` : `   #${s.index} bid   ${sender} ${gwei(price)} gwei refused: "${r.reason}"`);
    } else if (r.outcome === "rejected") {
      lines.push(`   #${s.index} ${handler} refused: "${r.reason}"`);
    }
  }
  return `${lines.join("\n")}\n`;
}
