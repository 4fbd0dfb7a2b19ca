// Commands for `smalt run`, one JSON object per line: {"sender": …, "command": {"handler":
// …, "args": {…}}}. A sender is a peer id (64 hex digits) or a name, which stands for the
// hash of the name exactly as in `test` blocks (`alice`). Each line is checked against the
// organism's schema before anything is appended, so a bad line never reaches the log.
import { namedPeer } from "../compiler/scenario/test-peers.js";
import { CommandCodecError, encodeCommand, type CommandEnvelope } from "../runtime/replica/command-codec.js";
import { isHex32, type Json } from "../runtime/replica/state-machine.js";
import { jwtTicket, type PresentedTicket } from "../runtime/admission/ticket.js";

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A bond line: `{"sender": …, "bond": {"surface": "bids_in", "tickets": [{"jwt": "eyJ…"}, {"tdx": "<hex>"}]}}`. */
export interface BondLine {
  readonly peer: string;
  readonly surface: string;
  readonly tickets: readonly PresentedTicket[];
}

export type ParsedLine =
  | { readonly ok: true; readonly kind: "command"; readonly envelope: CommandEnvelope }
  | { readonly ok: true; readonly kind: "bond"; readonly bond: BondLine }
  /** A clock line, `{"now": UNIX_SECONDS}`: the admission clock from here on. */
  | { readonly ok: true; readonly kind: "now"; readonly now: bigint }
  | { readonly ok: false; readonly message: string };

/** Parses and checks one line; `validate` is the organism's schema check (a message naming the field, or null). */
export function parseCommandLine(text: string, validate: (command: Json) => string | null): ParsedLine {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, message: `not JSON: ${(e as Error).message}` };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return { ok: false, message: 'expected an object {"sender": …, "command": {"handler": …, "args": {…}}}' };
  const o = value as Record<string, unknown>;
  if ("now" in o) return parseNow(o);
  if ("bond" in o) return parseBond(o);
  const extra = Object.keys(o).filter((k) => k !== "sender" && k !== "command");
  if (extra.length > 0) return { ok: false, message: `unknown field ${extra.map((k) => `"${k}"`).join(", ")}; a line has "sender" and "command" (or "bond", or is {"now": …})` };
  if (!("sender" in o)) return { ok: false, message: 'missing "sender" (a peer id or a name)' };
  if (!("command" in o)) return { ok: false, message: 'missing "command" ({"handler": …, "args": {…}})' };
  const envelope = { sender: peerOf(o.sender), command: o.command } as CommandEnvelope;
  try {
    encodeCommand(envelope);
  } catch (e) {
    if (e instanceof CommandCodecError) return { ok: false, message: e.message };
    throw e;
  }
  const problem = validate(envelope.command);
  return problem === null ? { ok: true, kind: "command", envelope } : { ok: false, message: problem };
}

function peerOf(sender: unknown): unknown {
  return typeof sender === "string" && !isHex32(sender) && NAME.test(sender) ? namedPeer(sender) : sender;
}

function parseNow(o: Record<string, unknown>): ParsedLine {
  if (Object.keys(o).length !== 1 || typeof o.now !== "number" || !Number.isSafeInteger(o.now) || o.now < 0) {
    return { ok: false, message: 'a clock line is {"now": UNIX_SECONDS}, a whole number' };
  }
  return { ok: true, kind: "now", now: BigInt(o.now) };
}

function parseBond(o: Record<string, unknown>): ParsedLine {
  const extra = Object.keys(o).filter((k) => k !== "sender" && k !== "bond");
  if (extra.length > 0) return { ok: false, message: `unknown field ${extra.map((k) => `"${k}"`).join(", ")}; a bond line has "sender" and "bond"` };
  const peer = peerOf(o.sender);
  if (!isHex32(peer)) return { ok: false, message: "sender must be a peer id (64 lower-case hex digits) or a name" };
  const b = o.bond as { surface?: unknown; tickets?: unknown } | null;
  if (typeof b !== "object" || b === null || typeof b.surface !== "string" || !Array.isArray(b.tickets)) {
    return { ok: false, message: 'bond must be {"surface": NAME, "tickets": [{"jwt": TOKEN} | {"tdx": HEX}, …]}' };
  }
  const tickets: PresentedTicket[] = [];
  for (const [i, t] of b.tickets.entries()) {
    const entry = typeof t === "object" && t !== null ? Object.entries(t as Record<string, unknown>) : [];
    const [kind, data] = entry.length === 1 ? entry[0] : [undefined, undefined];
    if (kind === "jwt" && typeof data === "string") tickets.push(jwtTicket(data));
    else if (kind === "tdx" && typeof data === "string" && /^([0-9a-f]{2})+$/.test(data)) tickets.push({ class: "tdx", data: Buffer.from(data, "hex") });
    else return { ok: false, message: `bond.tickets[${i}] must be {"jwt": TOKEN} or {"tdx": LOWER_CASE_HEX}` };
  }
  return { ok: true, kind: "bond", bond: { peer, surface: b.surface, tickets } };
}
