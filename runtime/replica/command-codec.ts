// The one codec for log payloads: a command envelope `{ sender, command }` as UTF-8 JSON.
// `encodeCommand` checks an envelope before it is appended (so bad input never reaches
// the log); `decodeCommand` checks a payload read back (every replica decodes the same
// bytes the same way, so even a foreign, malformed entry is handled deterministically).
import { isHex32, type Json } from "./state-machine.js";

export interface CommandEnvelope {
  /** The author's peer id, 64 lower-case hex digits. */
  readonly sender: string;
  readonly command: Json;
}

export class CommandCodecError extends Error {
  override readonly name = "CommandCodecError";
}

/** Nesting deeper than this is refused, so a hostile payload cannot exhaust the stack. */
export const MAX_COMMAND_DEPTH = 64;

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

export function encodeCommand(envelope: CommandEnvelope): Uint8Array {
  checkEnvelope(envelope as unknown);
  // Buffer.from encodes UTF-8 several times faster than TextEncoder on short strings; the
  // payload is handed on as a plain Uint8Array view of it.
  const bytes = Buffer.from(JSON.stringify({ sender: envelope.sender, command: envelope.command }), "utf8");
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
}

/** Decodes a payload; throws CommandCodecError saying what is wrong with it. */
export function decodeCommand(payload: Uint8Array): CommandEnvelope {
  let text: string;
  try {
    text = strictUtf8.decode(payload);
  } catch {
    throw new CommandCodecError("payload is not valid UTF-8");
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new CommandCodecError(`payload is not JSON: ${(e as Error).message}`);
  }
  checkEnvelope(value);
  return value as CommandEnvelope;
}

/** A payload decoded once per log entry and shared by every member applying it: the envelope, or why it is malformed. */
export type DecodedPayload = { readonly ok: true; readonly envelope: CommandEnvelope } | { readonly ok: false; readonly reason: string };

/** `decodeCommand` without the throw: a malformed payload is a value, as every replica must treat it the same way. */
export function decodePayload(payload: Uint8Array): DecodedPayload {
  try {
    return { ok: true, envelope: decodeCommand(payload) };
  } catch (e) {
    if (e instanceof CommandCodecError) return { ok: false, reason: e.message };
    throw e;
  }
}

/** Parses one line of a command stream (`{"sender": …, "command": …}`), with the same checks. */
export function parseCommandLine(line: string): CommandEnvelope {
  return decodeCommand(Buffer.from(line, "utf8"));
}

function checkEnvelope(value: unknown): void {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new CommandCodecError("a command must be an object { sender, command }");
  }
  let count = 0;
  for (const k in value) if (Object.hasOwn(value, k)) count++;
  if (count !== 2 || !Object.hasOwn(value, "sender") || !Object.hasOwn(value, "command")) {
    const keys = Object.keys(value).sort();
    throw new CommandCodecError(`a command has exactly the fields sender and command, not ${keys.join(", ") || "none"}`);
  }
  const { sender, command } = value as { sender: unknown; command: unknown };
  if (!isHex32(sender)) throw new CommandCodecError("sender must be a peer id: 64 lower-case hex digits");
  checkJson(command, []);
}

/** Checks that `v` is plain JSON; `path` holds the keys down to it (read only to word an error). */
function checkJson(v: unknown, path: (string | number)[]): void {
  if (path.length > MAX_COMMAND_DEPTH) throw new CommandCodecError(`${where(path)}: nested deeper than ${MAX_COMMAND_DEPTH}`);
  switch (typeof v) {
    case "boolean":
    case "string":
      return;
    case "number":
      if (!Number.isFinite(v)) throw new CommandCodecError(`${where(path)}: ${v} is not a JSON number`);
      return;
    case "object":
      if (v === null) return;
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) {
          path.push(i);
          checkJson(v[i], path);
          path.pop();
        }
        return;
      }
      if (Object.getPrototypeOf(v) !== Object.prototype && Object.getPrototypeOf(v) !== null) {
        throw new CommandCodecError(`${where(path)}: only plain objects are JSON`);
      }
      for (const k of Object.keys(v)) {
        path.push(k);
        checkJson((v as Record<string, unknown>)[k], path);
        path.pop();
      }
      return;
    default:
      throw new CommandCodecError(`${where(path)}: a ${typeof v} is not JSON (write big integers as strings)`);
  }
}

/** `command.a[0].b` for the path ["a", 0, "b"]. */
function where(path: readonly (string | number)[]): string {
  return path.reduce<string>((at, k) => (typeof k === "number" ? `${at}[${k}]` : `${at}.${k}`), "command");
}
