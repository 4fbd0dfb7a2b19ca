// Feeds `smalt run`'s input items to the committee in order: a clock line moves the
// admission clock, a bond line presents tickets (and prints who was admitted, on which
// validators, until when — or why not; for an attested committee it also ends the
// admission of members whose tickets expired), and a command passes the admission gate before
// it is appended; commands are appended in batches of up to `batch`.
import type { BondLine } from "./command-lines.js";
import type { CommandEnvelope } from "../runtime/replica/command-codec.js";
import type { AdmissionGate } from "../runtime/run/admission-gate.js";
import type { CommitteeRun } from "../runtime/run/committee-run.js";
import type { Expiration } from "../runtime/admission/decision.js";
import type { Paint } from "./commit-lines.js";
import type { InputItem } from "./run-input.js";
import type { Io } from "./io.js";

export function showUntil(e: Expiration): string {
  return e.kind === "never" ? "no expiry" : `until ${new Date(Number(e.unix) * 1000).toISOString().replace(".000Z", "Z")}`;
}

export class RunFeeder {
  private pending: CommandEnvelope[] = [];
  /** Commands refused at the gate (never appended). */
  refused = 0;

  constructor(
    private readonly run: CommitteeRun<unknown>,
    private readonly gate: AdmissionGate,
    private readonly io: Io,
    private readonly paint: Paint,
    private readonly batch: number,
    private now: bigint,
    private readonly names: (peer: string) => string,
  ) {}

  async take(item: InputItem, where: string): Promise<void> {
    if (item.kind === "command") {
      const verdict = this.gate.check(item.envelope, this.now);
      if (!verdict.admitted) {
        this.refused++;
        await this.flush();
        this.io.out(`${this.paint("31", "refused")}  ${where}:${item.line}: ${this.names(item.envelope.sender)} on ${verdict.surface}: ${verdict.code} ${verdict.reason} (not appended)\n`);
        return;
      }
      this.pending.push(item.envelope);
      if (this.pending.length >= this.batch) await this.flush();
      return;
    }
    await this.flush();
    if (item.kind === "now") {
      this.now = item.now;
      for (const line of this.run.advanceClock(item.now)) this.io.out(`${this.paint("33", "admission")}  ${line}\n`);
    } else await this.bond(item.bond);
  }

  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const chunk = this.pending;
    this.pending = [];
    await this.run.submit(chunk);
  }

  private async bond(b: BondLine): Promise<void> {
    const out = await this.gate.bond(b.peer, b.surface, b.tickets, this.now);
    const who = this.names(b.peer);
    const tickets = b.tickets.map((t) => t.class).join(" + ") || "no tickets";
    if (out.admitted) {
      const by = out.decisions.map((d) => d.validator).join(", ") || "no validators (open surface)";
      this.io.out(`${this.paint("32", "admitted")} ${who} on ${b.surface} with ${tickets}: ${by}; ${showUntil(out.expires)}\n`);
    } else {
      this.io.out(`${this.paint("31", "refused")}  ${who} on ${b.surface} with ${tickets}: ${out.code} ${out.reason}\n`);
    }
  }
}
