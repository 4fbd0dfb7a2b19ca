// The log payload codec: envelopes round-trip, and anything that is not a well-formed
// `{ sender, command }` JSON envelope is refused with a message saying why.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CommandCodecError, decodeCommand, encodeCommand, MAX_COMMAND_DEPTH, parseCommandLine } from "../../../runtime/replica/command-codec.js";
import { peer } from "../support/committee-fixture.js";

const utf8 = new TextEncoder();

describe("command codec", () => {
  it("round-trips any JSON command", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), fc.nat(1000), (command, who) => {
        const envelope = { sender: peer(who), command: JSON.parse(JSON.stringify(command)) };
        expect(decodeCommand(encodeCommand(envelope))).toEqual(envelope);
      }),
    );
  });

  it("parses a command line", () => {
    expect(parseCommandLine(`{"sender":"${peer(1)}","command":{"op":"mint","amount":"5"}}`)).toEqual({
      sender: peer(1),
      command: { op: "mint", amount: "5" },
    });
  });

  it.each([
    ["not JSON", "{sender:", /not JSON/],
    ["an array", "[1,2]", /must be an object/],
    ["no command", `{"sender":"${peer(1)}"}`, /exactly the fields sender and command/],
    ["an extra field", `{"sender":"${peer(1)}","command":1,"x":2}`, /exactly the fields/],
    ["a short sender", `{"sender":"abc","command":1}`, /64 lower-case hex/],
    ["an upper-case sender", `{"sender":"${peer(1).toUpperCase().replace(/^0/, "A")}","command":1}`, /64 lower-case hex/],
  ])("refuses %s", (_, text, message) => {
    expect(() => parseCommandLine(text)).toThrow(CommandCodecError);
    expect(() => parseCommandLine(text)).toThrow(message);
  });

  it("refuses invalid UTF-8 and overly deep nesting", () => {
    expect(() => decodeCommand(new Uint8Array([0x7b, 0xff]))).toThrow(/UTF-8/);
    const deep = "[".repeat(MAX_COMMAND_DEPTH + 2) + "]".repeat(MAX_COMMAND_DEPTH + 2);
    expect(() => decodeCommand(utf8.encode(`{"sender":"${peer(1)}","command":${deep}}`))).toThrow(/nested deeper/);
  });

  it("refuses values JSON cannot carry before anything is encoded", () => {
    const bad = [10n, undefined, Number.NaN, Infinity, () => 1, new Date(0), new Uint8Array(2)];
    for (const command of bad) {
      expect(() => encodeCommand({ sender: peer(1), command: command as never })).toThrow(CommandCodecError);
    }
    expect(() => encodeCommand({ sender: peer(1), command: { nested: [1, { big: 2n }] } as never })).toThrow(/command\.nested\[1\]\.big/);
  });
});
