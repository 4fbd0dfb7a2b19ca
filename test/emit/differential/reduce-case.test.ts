// The text-level reducer of counterexamples: drops commands and whole statements (a block
// with its opening line) while the failure persists, and keeps what the failure needs.
import { describe, expect, it } from "vitest";
import { blockEnd, reduceCase } from "./reduce-case.js";

const source = ["organism O {", "  on h0() {", "    let a: u8 = 1", "    if c {", "      x = 1", "    } else {", "      y = 2", "    }", "    z = 3", "  }", "}"].join("\n");

describe("blockEnd", () => {
  const lines = source.split("\n");
  it("spans a single statement, or a block through its closing brace (else included)", () => {
    expect(blockEnd(lines, 2)).toBe(2);
    expect(blockEnd(lines, 3)).toBe(7);
    expect(blockEnd(lines, 1)).toBe(9);
  });
  it("never removes structure on its own", () => {
    expect(blockEnd(lines, 0)).toBeUndefined();
    expect(blockEnd(lines, 5)).toBeUndefined();
    expect(blockEnd(lines, 10)).toBeUndefined();
  });
});

describe("reduceCase", () => {
  it("keeps only the lines and commands the failure needs", async () => {
    const commands = [1, 2, 3].map((n) => ({ sender: "01", command: { handler: `h${n}`, args: {} } }));
    // "Fails" while the source still has `y = 2` inside its organism and a command h2 remains.
    const stillFails = async (s: string, cs: readonly { command: { handler: string } }[]) => s.includes("y = 2") && s.includes("organism O {") && cs.some((c) => c.command.handler === "h2");
    const reduced = await reduceCase({ name: "t", source, commands }, stillFails);
    expect(reduced.commands.map((c) => c.command.handler)).toEqual(["h2"]);
    expect(reduced.source).toBe(["organism O {", "  on h0() {", "    if c {", "    } else {", "      y = 2", "    }", "  }", "}"].join("\n"));
  });
});
