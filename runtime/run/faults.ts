// Fault drills for `smalt run --fault`: stop a member, restart it, or corrupt its state,
// each at a chosen log index, so the committee's fault handling can be watched (and
// tested) on a real organism in a real process — in the spirit of etcd's failpoints.
//   stop:M@I      member M crashes before entry I is appended
//   restart:M@I   member M is rebuilt (from the log or a snapshot) before entry I
//   corrupt:M@I:F after applying entry I, member M's integer state field F is off by one
import type { ApplyContext, Json, StateMachine } from "../replica/state-machine.js";

export type Fault =
  | { readonly kind: "stop" | "restart"; readonly member: number; readonly index: number }
  | { readonly kind: "corrupt"; readonly member: number; readonly index: number; readonly field: string };

export class FaultSpecError extends Error {
  override readonly name = "FaultSpecError";
}

const SPEC = /^(stop|restart):(\d+)@(\d+)$|^corrupt:(\d+)@(\d+):([A-Za-z_][A-Za-z0-9_]*)$/;

/** Parses one `--fault` value; members are numbered from 0 and must exist. */
export function parseFault(spec: string, members: number): Fault {
  const m = SPEC.exec(spec);
  if (!m) throw new FaultSpecError(`\`${spec}\` is not a fault; write stop:MEMBER@INDEX, restart:MEMBER@INDEX or corrupt:MEMBER@INDEX:FIELD`);
  const member = Number(m[2] ?? m[4]);
  const index = Number(m[3] ?? m[5]);
  if (member >= members) throw new FaultSpecError(`\`${spec}\`: the committee has members 0 to ${members - 1}`);
  if (index < 1) throw new FaultSpecError(`\`${spec}\`: log indexes start at 1`);
  return m[1] ? { kind: m[1] as "stop" | "restart", member, index } : { kind: "corrupt", member, index, field: m[6] };
}

/**
 * Wraps a member's machine so that, once, right after applying entry `index`, the integer
 * state field `field` is moved by one (down at its maximum). The member keeps running and
 * signs roots of the wrong state, which is what the committee must catch.
 */
export function corruptOnce<S, R>(machine: StateMachine<S, R>, fault: Fault & { kind: "corrupt" }, fired: { done: boolean }): StateMachine<S, R> {
  return {
    ...machine,
    apply(state: S, command: Json, ctx: ApplyContext) {
      const out = machine.apply(state, command, ctx);
      if (fired.done || ctx.index !== fault.index) return out;
      fired.done = true;
      const fields = out.state as Record<string, unknown>;
      const value = fields[fault.field];
      if (typeof value !== "bigint") throw new FaultSpecError(`cannot corrupt \`${fault.field}\`: it is not an integer state field`);
      const moved = value === 0n ? 1n : value - 1n;
      return { state: { ...fields, [fault.field]: moved } as S, receipt: out.receipt };
    },
  };
}
