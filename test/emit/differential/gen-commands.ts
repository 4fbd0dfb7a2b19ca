// Random command sequences for a generated organism. A raw command names its handler and
// arguments by numbers that are read against the program only when it runs (`commandsFor`),
// so fast-check shrinks the program and the commands independently and every shrunk pair is
// still well formed. Integers land within the declared width, often at its edges (where the
// handler's arithmetic overflows); senders and peer arguments come from a small pool.
import fc from "fast-check";
import { SELF } from "../support/replica.js";
import { isInt, PEERS, range, type Scalar } from "./gen-env.js";
import type { GeneratedProgram } from "./gen-program.js";

export interface Command {
  readonly sender: string;
  readonly command: { readonly handler: string; readonly args: Record<string, unknown> };
}

/** `small` is clamped into the type's range; `edge` picks max, max−1, min, min+1; `any` wraps into the range. */
export type RawArg = { readonly kind: "small" | "edge" | "any"; readonly n: bigint };
export interface RawCommand {
  readonly sender: number;
  readonly handler: number;
  readonly args: readonly RawArg[];
}

const rawArg: fc.Arbitrary<RawArg> = fc.oneof(
  { weight: 4, arbitrary: fc.bigInt({ min: -3n, max: 20n }).map((n) => ({ kind: "small" as const, n })) },
  { weight: 2, arbitrary: fc.bigInt({ min: 0n, max: 3n }).map((n) => ({ kind: "edge" as const, n })) },
  { weight: 1, arbitrary: fc.bigInt({ min: 0n, max: 2n ** 130n }).map((n) => ({ kind: "any" as const, n })) },
);

export const rawCommand: fc.Arbitrary<RawCommand> = fc.record({
  sender: fc.nat({ max: PEERS.length - 1 }),
  handler: fc.nat({ max: 7 }),
  args: fc.array(rawArg, { minLength: 3, maxLength: 3 }),
});

export const rawCommands = (maxLength: number): fc.Arbitrary<RawCommand[]> => fc.array(rawCommand, { minLength: 1, maxLength, size: "max" });

/** The JSON form of one argument of type `t` (integers as decimal strings, peers as hex). */
export function argumentJson(t: Scalar, a: RawArg): unknown {
  if (t === "bool") return a.n % 2n !== 0n;
  if (t === "peer") return a.kind === "edge" ? SELF : PEERS[Number((a.n < 0n ? -a.n : a.n) % BigInt(PEERS.length))];
  if (!isInt(t)) throw new Error(`no arguments of type ${t}`);
  const [lo, hi] = range(t);
  const v = a.kind === "small" ? (a.n < lo ? lo : a.n > hi ? hi : a.n) : a.kind === "edge" ? [hi, hi - 1n, lo, lo + 1n][Number(a.n)] : lo + (a.n % (hi - lo + 1n));
  return v.toString();
}

export function commandsFor(p: GeneratedProgram, raws: readonly RawCommand[]): Command[] {
  return raws.map((r) => {
    const h = p.handlers[r.handler % p.handlers.length];
    const args = Object.fromEntries(h.params.map((param, i) => [param.name, argumentJson(param.type, r.args[i] ?? { kind: "small", n: 0n })]));
    return { sender: PEERS[r.sender], command: { handler: h.name, args } };
  });
}
