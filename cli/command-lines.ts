// Commands for `smalt run`, one JSON object per line: {"sender": …, "command": {"handler":
// …, "args": {…}}}. A sender is a peer id (64 hex digits) or a name, which stands for the
// hash of the name exactly as in `test` blocks (`alice`). Each line is checked against the
// organism's schema before anything is appended, so a bad line never reaches the log.
import { namedPeer } from "../compiler/scenario/test-peers.js";
import { CommandCodecError, encodeCommand, type CommandEnvelope } from "../runtime/replica/command-codec.js";
import { isHex32, type Json } from "../runtime/replica/state-machine.js";

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export type ParsedLine = { readonly ok: true; readonly envelope: CommandEnvelope } | { readonly ok: false; readonly message: string };

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
  const extra = Object.keys(o).filter((k) => k !== "sender" && k !== "command");
  if (extra.length > 0) return { ok: false, message: `unknown field ${extra.map((k) => `"${k}"`).join(", ")}; a line has "sender" and "command"` };
  if (!("sender" in o)) return { ok: false, message: 'missing "sender" (a peer id or a name)' };
  if (!("command" in o)) return { ok: false, message: 'missing "command" ({"handler": …, "args": {…}})' };
  const sender = typeof o.sender === "string" && !isHex32(o.sender) && NAME.test(o.sender) ? namedPeer(o.sender) : o.sender;
  const envelope = { sender, command: o.command } as CommandEnvelope;
  try {
    encodeCommand(envelope);
  } catch (e) {
    if (e instanceof CommandCodecError) return { ok: false, message: e.message };
    throw e;
  }
  const problem = validate(envelope.command);
  return problem === null ? { ok: true, envelope } : { ok: false, message: problem };
}
