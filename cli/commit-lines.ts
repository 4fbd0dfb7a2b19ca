// How `smalt run` shows what the committee did: one line per committed index (outcome,
// command, events or the rejection), the certificate of each commit, fault drills and
// divergence reports. Peer ids and digests are shortened for reading; the data directory
// keeps them whole.
import type { Commit } from "../runtime/committee/commit-history.js";
import type { DivergenceReport } from "../runtime/committee/divergence.js";
import type { OrganismReceipt } from "../runtime/organism/emitted-machine.js";
import type { CommittedStep } from "../runtime/committee/divergence.js";
import type { Json } from "../runtime/replica/state-machine.js";

export interface Paint {
  (code: string, s: string): string;
}

export function painter(color: boolean): Paint {
  return (code, s) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
}

/** A JSON value for reading: long hex shortened, records as `{a: 1}`, strings unquoted when plain. */
export function showJson(v: Json): string {
  if (typeof v === "string") return /^[0-9a-f]{64,}$/.test(v) ? `${v.slice(0, 8)}…` : /^[\w.:-]*$/.test(v) ? v : JSON.stringify(v);
  if (v === null || typeof v !== "object") return String(v);
  if (Array.isArray(v)) return `[${v.map(showJson).join(", ")}]`;
  const o = v as Record<string, Json>;
  if ("some" in o && Object.keys(o).length === 1) return `some(${showJson(o.some)})`;
  if ("tag" in o) return `${String(o.tag)}${o.fields ? showJson(o.fields) : ""}`;
  return `{${Object.entries(o).map(([k, x]) => `${k}: ${showJson(x)}`).join(", ")}}`;
}

function showCommand(command: Json): string {
  const c = command as { handler?: Json; args?: Record<string, Json> };
  const args = c.args && typeof c.args === "object" ? Object.entries(c.args).map(([k, x]) => `${k}: ${showJson(x)}`) : [];
  return `${String(c.handler)}(${args.join(", ")})`;
}

function showEvent(e: Json): string {
  const ev = e as { name?: Json; fields?: Json };
  return `${String(ev.name)}${ev.fields ? showJson(ev.fields) : ""}`;
}

export function stepLine(step: CommittedStep<OrganismReceipt>, paint: Paint): string {
  const who = step.command ? `${step.command.sender.slice(0, 8)}…` : "?";
  const head = `#${step.index}`.padEnd(6);
  if (step.receipt.status === "malformed") return `${head} ${paint("33", "malformed")} ${step.receipt.reason}`;
  const r = step.receipt.receipt;
  const what = `${showCommand(step.command!.command)} by ${who}`;
  if (r.outcome === "rejected") return `${head} ${paint("31", "rejected")} ${what}: ${r.code} "${r.reason}"`;
  const events = r.events.length > 0 ? ` → ${r.events.map(showEvent).join(", ")}` : "";
  return `${head} ${paint("32", "ok")}       ${what}${events}`;
}

export function certificateLine(c: Commit<OrganismReceipt>, members: number, quorum: number, paint: Paint): string {
  const signers = c.certificate.signatures.length;
  const attested = c.certificate.at !== undefined ? "; every signer TDX-attested" : "";
  return paint("2", `       certified #${c.index}: root ${c.certificate.root.slice(0, 16)}…, signed by ${signers} of ${members} (quorum ${quorum})${attested}`);
}

export function divergenceLines(r: DivergenceReport, paint: Paint): string {
  const fields = r.fields.length > 0 ? `; state field${r.fields.length > 1 ? "s" : ""} ${r.fields.join(", ")} differ` : "";
  return `${paint("31", "DIVERGENCE")} member ${r.member} (${r.publicKey.slice(0, 8)}…) quarantined: ${r.kind} first at index ${r.index}${fields}\n           ${r.message}`;
}
