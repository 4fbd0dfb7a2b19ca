// Who sits on the committee `smalt run` starts. For an organism with `measurements` run
// with --tdx-test-pki or --member-tickets, every replica presents its TDX ticket before
// anything touches the log: the admitted ones are the committee (their records go to
// admissions.jsonl and into every certificate), the refused ones are printed with their
// code and do not run. Fewer admitted than the quorum is A1070: exit 1, nothing run.
// Otherwise every replica runs, and an organism with measurements says it is unattested.
import type { OrganismDef } from "../compiler/ir/declarations.js";
import { plural } from "../compiler/diagnostics/render-text.js";
import { admitCommittee } from "../runtime/admission/committee-admission.js";
import { appendAdmission } from "../runtime/data-dir/admissions-file.js";
import type { OpenedDataDir } from "../runtime/data-dir/data-dir.js";
import type { ReplicaKey } from "../runtime/replica/replica-key.js";
import { admittedCommittee, type AttestedMembers } from "../runtime/run/attested-members.js";
import type { Fault } from "../runtime/run/faults.js";
import { committeeAdmissionLines } from "./committee-admission-lines.js";
import type { Paint } from "./commit-lines.js";
import { EXIT, usageError, type Io } from "./io.js";
import type { TdxRunSetup } from "./tdx-run-setup.js";

export interface RunMembershipInput {
  readonly def: OrganismDef;
  readonly file: string;
  readonly keys: readonly ReplicaKey[];
  readonly quorum: number;
  readonly faults: readonly Fault[];
  readonly setup: TdxRunSetup;
  readonly networkId: string;
  readonly now: bigint;
  readonly data?: OpenedDataDir;
}

export type RunMembership =
  | { readonly ok: true; readonly keys: readonly ReplicaKey[]; readonly faults: readonly Fault[]; readonly attested?: AttestedMembers; readonly note: string }
  | { readonly ok: false; readonly exit: number };

export async function runMembership(x: RunMembershipInput, io: Io, paint: Paint): Promise<RunMembership> {
  for (const w of x.setup.warnings) io.out(`${paint("33", w)}\n`);
  const { setup } = x;
  if (!setup.tickets || !setup.config || !x.def.measurements) {
    if (x.def.measurements) {
      io.out(
        `notice: ${x.def.ref.name} declares measurements, but this run does not admit its replicas on TDX tickets ` +
          "(give --tdx-test-pki, or --member-tickets with --tdx-collateral): its certificates list no attested members\n",
      );
    }
    return { ok: true, keys: x.keys, faults: x.faults, note: "" };
  }
  const replicas = new Set(x.keys.map((k) => k.publicKey));
  const stranger = setup.ticketFile?.keys.find((k) => !replicas.has(k));
  if (stranger !== undefined) {
    const list = x.keys.map((k, i) => `#${i} ${k.publicKey.slice(0, 12)}…`).join(", ");
    return { ok: false, exit: usageError(io, `A1064 --member-tickets ${setup.ticketFile!.shown}: ${stranger.slice(0, 12)}… is not a replica of this run (its replicas: ${list})`, "run") };
  }
  const tickets = setup.tickets;
  const presented = x.keys.map((k) => {
    const ticket = tickets(k.publicKey);
    return { publicKey: k.publicKey, ...(ticket ? { ticket } : {}) };
  });
  const admission = await admitCommittee(x.def, presented, { ...setup.config, now: x.now, networkId: x.networkId });
  if (!admission.attested) throw new Error("internal error: an organism with measurements has no attested membership");
  io.out(`committee admission of ${x.def.ref.name} at ${x.now}:\n${committeeAdmissionLines(admission, (m) => `replica #${m}`, paint).map((l) => `  ${l}\n`).join("")}`);
  const committee = admittedCommittee(admission, x.now);
  if (committee.admitted.length < x.quorum) {
    io.err(
      `error: A1070 ${x.file}: only ${committee.admitted.length} of ${x.keys.length} replicas of ${x.def.ref.name} were admitted to its committee, ` +
        `fewer than the quorum ${x.quorum}; nothing was run and the log is untouched\n`,
    );
    return { ok: false, exit: EXIT.problems };
  }
  const position = new Map(committee.admitted.map((candidate, i) => [candidate, i]));
  const faults: Fault[] = [];
  for (const f of x.faults) {
    const member = position.get(f.member);
    if (member === undefined) return { ok: false, exit: usageError(io, `--fault ${f.kind}:${f.member}@${f.index}: replica #${f.member} was not admitted to the committee`, "run") };
    faults.push({ ...f, member });
  }
  if (x.data) appendAdmission(x.data.dir, committee.record);
  const refused = x.keys.length - committee.admitted.length;
  return {
    ok: true,
    keys: committee.admitted.map((i) => x.keys[i]),
    faults,
    attested: committee.members,
    note: `; ${plural(committee.admitted.length, "attested member")}${refused > 0 ? ` (${plural(refused, "replica")} refused)` : ""}`,
  };
}
