// Byte inputs that callers may give as bytes or as hex (optionally 0x-prefixed), read once
// here so every check compares bytes with bytes.
import { fromHex } from "../../../compiler/fingerprint/bytes.js";

/** The bytes of `value`, or undefined when it is a string that is not even-length hex. */
export function bytesOf(value: Uint8Array | string): Uint8Array | undefined {
  if (typeof value !== "string") return value;
  return fromHex(value.startsWith("0x") ? value.slice(2) : value);
}
