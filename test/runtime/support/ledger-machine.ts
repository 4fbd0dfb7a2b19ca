// A small hand-written deterministic state machine for runtime tests: a token ledger with
// two state fields on the prelude's persistent maps and state roots — `balances`
// (map<peer, u64>) and `supply` (u64). Commands (JSON): {op:"mint", amount}, {op:"burn",
// amount}, {op:"transfer", to, amount}; amounts are decimal strings. It plays the part an
// emitted organism module will play, behind the runtime's StateMachine interface.
import {
  attempt,
  blake3,
  combineSubRoots,
  emptyMap,
  PMap,
  requireThat,
  SmaltAbort,
  StateHasher,
  T,
  toHex,
  type StateField,
} from "../../../stdlib/prelude/index.js";
import type { ApplyContext, Json, StateMachine, StateRoots } from "../../../runtime/replica/state-machine.js";

export interface LedgerState {
  readonly balances: PMap<string, bigint>;
  readonly supply: bigint;
}

export type LedgerReceipt =
  | { readonly outcome: "ok"; readonly events: readonly { readonly name: string; readonly amount: string }[] }
  | { readonly outcome: "rejected"; readonly code: string; readonly reason: string };

const CAPACITY = 1_000_000;
const BALANCES = T.map(T.string, T.u64, CAPACITY);
const SCHEMA: readonly StateField[] = [
  { name: "balances", type: BALANCES },
  { name: "supply", type: T.u64 },
];
const U64_MAX = (1n << 64n) - 1n;

/** The content hash of this test organism. */
export const LEDGER_CONTENT_HASH = toHex(blake3(new TextEncoder().encode("smalt.test.ledger.v1")));

function amountOf(command: { readonly [k: string]: Json }): bigint {
  const a = command.amount;
  if (typeof a !== "string" || !/^(0|[1-9][0-9]{0,19})$/.test(a) || BigInt(a) > U64_MAX) {
    throw new SmaltAbort("invalid_value", "amount must be a u64 as a decimal string");
  }
  return BigInt(a);
}

function add(a: bigint, b: bigint): bigint {
  if (a + b > U64_MAX) throw new SmaltAbort("overflow", "u64 overflow");
  return a + b;
}

function run(state: LedgerState, command: Json, ctx: ApplyContext): LedgerState {
  if (typeof command !== "object" || command === null || Array.isArray(command)) {
    throw new SmaltAbort("invalid_value", "a ledger command is an object");
  }
  const c = command as { readonly [k: string]: Json };
  const amount = amountOf(c);
  const mine = state.balances.getOr(ctx.sender, 0n);
  switch (c.op) {
    case "mint":
      return { balances: state.balances.setWithin(CAPACITY, ctx.sender, add(mine, amount)), supply: add(state.supply, amount) };
    case "burn":
      requireThat(mine >= amount, "insufficient balance");
      return { balances: state.balances.set(ctx.sender, mine - amount), supply: state.supply - amount };
    case "transfer": {
      if (typeof c.to !== "string") throw new SmaltAbort("invalid_value", "transfer needs a recipient");
      requireThat(mine >= amount, "insufficient balance");
      const debited = state.balances.set(ctx.sender, mine - amount);
      return { balances: debited.set(c.to, add(debited.getOr(c.to, 0n), amount)), supply: state.supply };
    }
    default:
      throw new SmaltAbort("invalid_value", `unknown op ${JSON.stringify(c.op ?? null)}`);
  }
}

/** A fresh ledger machine (each has its own incremental state hasher, as a replica process would). */
export function ledgerMachine(): StateMachine<LedgerState, LedgerReceipt> {
  const hasher = new StateHasher(SCHEMA);
  return {
    contentHash: LEDGER_CONTENT_HASH,
    initialState: () => ({ balances: emptyMap<string, bigint>(BALANCES), supply: 0n }),
    apply(state, command, ctx) {
      const result = attempt(() => run(state, command, ctx));
      if (!result.ok) return { state, receipt: { outcome: "rejected", code: result.code, reason: result.reason } };
      const op = (command as { op: string }).op;
      return { state: result.value, receipt: { outcome: "ok", events: [{ name: op, amount: (command as { amount: string }).amount }] } };
    },
    stateRoot(state): StateRoots {
      const subs = hasher.subRoots(state);
      const subRoots: Record<string, string> = {};
      for (const s of subs) subRoots[s.name] = toHex(s.root);
      return { root: toHex(combineSubRoots(subs)), subRoots };
    },
    encodeState(state) {
      const balances: [string, string][] = [];
      state.balances.forEach((v, k) => balances.push([k, v.toString()]));
      return new TextEncoder().encode(JSON.stringify({ balances, supply: state.supply.toString() }));
    },
    decodeState(bytes) {
      const parsed = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes)) as { balances: [string, string][]; supply: string };
      if (!Array.isArray(parsed.balances) || typeof parsed.supply !== "string") throw new Error("not a ledger state");
      const balances = PMap.fromEntries(emptyMap<string, bigint>(BALANCES).codec, parsed.balances.map(([k, v]) => [k, BigInt(v)] as const));
      return { balances, supply: BigInt(parsed.supply) };
    },
  };
}
