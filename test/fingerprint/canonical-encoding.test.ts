// The canonical Config.content encoding, piece by piece: csexp bytes, what is folded and
// what is not (names of locals and fns, module paths, unreachable declarations), the
// formulas of stable id, state-machine signature and GroupId recomputed by hand.
import { blake3 } from "@noble/hashes/blake3.js";
import { describe, expect, it } from "vitest";
import { toHex, utf8 } from "../../compiler/fingerprint/bytes.js";
import { encodeTerm, intAtom, node, showTerm, termDigest } from "../../compiler/fingerprint/canonical-sexp.js";
import { derive, id } from "../../compiler/fingerprint/digest.js";
import { STATE_MACHINE_TAG, STATE_TYPE_DESCRIPTOR } from "../../compiler/fingerprint/fingerprint-program.js";
import { contentTerm, stateMachineTerm } from "../../compiler/fingerprint/organism-encoding.js";
import { groupId, networkId, stableId } from "../../compiler/fingerprint/group-id.js";
import { consensusDigest, logReplaySyncSignature } from "../../compiler/fingerprint/mosaik-digest.js";
import { fingerprintText } from "../support/fingerprint-source.js";

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe("canonical S-expressions", () => {
  it("length-prefixes every atom and brackets lists", () => {
    expect(text(encodeTerm(node("int", intAtom(-42n))))).toBe("(3:int3:-42)");
    expect(text(encodeTerm(["a,b", ["", "é"]]))).toBe("(3:a,b(0:2:é))");
    expect(encodeTerm(Uint8Array.of(0, 255))).toEqual(Uint8Array.of(0x32, 0x3a, 0, 255));
  });

  it("is injective where plain joining is not", () => {
    expect(toHex(termDigest(["ab", "c"]))).not.toBe(toHex(termDigest(["a", "bc"])));
    expect(toHex(termDigest([["a"], "b"]))).not.toBe(toHex(termDigest(["a", ["b"]])));
  });

  it("digests are BLAKE3 of the bytes", () => {
    expect(toHex(termDigest(["x"]))).toBe(toHex(blake3(utf8("(1:x)"))));
  });

  it("renders readably for documentation", () => {
    expect(showTerm(node("param", "reserve", node("u64"), node("int", "1000")))).toBe("(param reserve (u64) (int 1000))");
    expect(showTerm(Uint8Array.of(1, 171))).toBe("#01ab#");
  });
});

const POLICY = (body: string, extra = "") => `
network "universe"
${extra}
fn double(x: u64) -> u64 { return x * 2 }
fn unused(x: u64) -> u64 { return x + 1 }
organism Counter {
  instance "tests.counter"
  committee 2 of 3
  config { step: u64 = 3 }
  state { total: u64 = 0 }
  on add(n: u64) {
    ${body}
  }
}
`;

const contentOf = (src: string, name?: string) => toHex(fingerprintText(src, name).organisms[0].contentHash);

describe("what the content hash folds", () => {
  const base = contentOf(POLICY("let amount = double(n)\n    total += amount"));

  it("ignores the names of locals", () => {
    expect(contentOf(POLICY("let twice = double(n)\n    total += twice"))).toBe(base);
  });

  it("folds the names of handler parameters (they are the command's wire format)", () => {
    const renamed = POLICY("let amount = double(n)\n    total += amount").replace("on add(n: u64)", "on add(k: u64)").replace("double(n)", "double(k)");
    expect(contentOf(renamed)).not.toBe(base);
  });

  it("ignores a fn's name but not its body", () => {
    const renamed = POLICY("let amount = twice(n)\n    total += amount").replace("fn double(", "fn twice(");
    expect(contentOf(renamed)).toBe(base);
    expect(contentOf(POLICY("let amount = double(n)\n    total += amount").replace("x * 2", "x * 3"))).not.toBe(base);
  });

  it("ignores declarations nothing reaches", () => {
    expect(contentOf(POLICY("let amount = double(n)\n    total += amount").replace("x + 1", "x + 5"))).toBe(base);
  });

  it("ignores the file's path", () => {
    expect(contentOf(POLICY("let amount = double(n)\n    total += amount"), "some/where/else.smalt")).toBe(base);
  });

  it("folds constants by value", () => {
    const withConst = POLICY("let amount = double(n) + ZERO\n    total += amount", "const ZERO: u64 = 0");
    const inline = POLICY("let amount = double(n) + 0\n    total += amount");
    expect(contentOf(withConst)).toBe(contentOf(inline));
  });

  it("keeps statement order", () => {
    const a = POLICY('require n > 0 else "a"\n    require n < 9 else "b"');
    const b = POLICY('require n < 9 else "b"\n    require n > 0 else "a"');
    expect(contentOf(a)).not.toBe(contentOf(b));
  });
});

describe("identifier formulas", () => {
  const fp = fingerprintText(POLICY("total += n")).organisms[0];

  it("stable id = blake3(\"instance|\" ‖ instance ‖ \"|\" ‖ NetworkId)", () => {
    const bytes = new Uint8Array([...utf8("instance|tests.counter|"), ...networkId("universe")]);
    expect(toHex(fp.stableId)).toBe(toHex(blake3(bytes)));
  });

  it("matches the reputation stable id the gatekeeper example pins", () => {
    expect(toHex(stableId("agent-ecology.reputation", networkId("universe")))).toBe("522f19c8e8d4d1783c4e748d08a2c6c4498f7c929b77d4c48b38321499f79d8a");
  });

  it("state-machine signature = id(tag).derive(blake3(encoding)); content hash = blake3(encoding)", () => {
    const sm = derive(id(STATE_MACHINE_TAG), termDigest(stateMachineTerm(fp.terms)));
    expect(toHex(fp.stateMachineSignature)).toBe(toHex(sm));
    expect(toHex(fp.contentHash)).toBe(toHex(termDigest(contentTerm(fp.terms, sm))));
  });

  it("GroupId = mosaik's group formula keyed by the stable id, no committee validator without measurements", () => {
    const expected = groupId({
      secret: fp.stableId,
      consensus: consensusDigest(),
      stateMachineSignature: fp.stateMachineSignature,
      stateSyncSignature: logReplaySyncSignature(STATE_TYPE_DESCRIPTOR),
      validatorSignatures: [],
    });
    expect(toHex(fp.groupId)).toBe(toHex(expected));
  });

  it("folds the measurements' Tdx validator, then each surface validator once, into the GroupId", () => {
    const src = `network "universe"
validator A { jwt { key hs256 0x${"11".repeat(32)} } }
validator B { tdx { } }
organism O {
  instance "tests.groups"
  committee 2 of 3
  measurements { mrtd = 0x${"2f".repeat(48)} }
  state { n: u64 = 0 }
  collection log: map<u64, u64, 8> requires B
  stream w requires A, B
  on put(x: u64) via w { n = x }
}
`;
    const o = fingerprintText(src).organisms[0];
    const sig = (name: string) => o.validators.find((v) => v.name === name)?.signature as Uint8Array;
    const expected = groupId({
      secret: o.stableId,
      consensus: consensusDigest(),
      stateMachineSignature: o.stateMachineSignature,
      stateSyncSignature: logReplaySyncSignature(STATE_TYPE_DESCRIPTOR),
      validatorSignatures: [o.committeeValidator as Uint8Array, sig("B"), sig("A")],
    });
    expect(toHex(o.groupId)).toBe(toHex(expected));
  });

  it("moves the GroupId with the committee size, the stable id with the instance only", () => {
    const resized = fingerprintText(POLICY("total += n").replace("committee 2 of 3", "committee 3 of 4")).organisms[0];
    expect(toHex(resized.groupId)).not.toBe(toHex(fp.groupId));
    expect(toHex(resized.stableId)).toBe(toHex(fp.stableId));
    const moved = fingerprintText(POLICY("total += n").replace("tests.counter", "tests.counter-2")).organisms[0];
    expect(toHex(moved.stableId)).not.toBe(toHex(fp.stableId));
    expect(toHex(moved.contentHash)).toBe(toHex(fp.contentHash));
  });
});

describe("the worked example of docs/fingerprints.md", () => {
  it("gives the documented identifiers", () => {
    const src = `network "universe"
organism Counter {
  instance "docs.counter"
  committee 2 of 3
  config { step: u64 = 3 }
  state { total: u64 = 0 }
  on add(n: u64) {
    let amount = n * config.step
    total += amount
  }
}
`;
    const fp = fingerprintText(src).organisms[0];
    expect(toHex(fp.stateMachineSignature)).toBe("487dfe17deb66d23ddb433bc0a6491b00405258bcb279995ad2d9c4109d741e1");
    expect(toHex(fp.contentHash)).toBe("f0a4d10c75360d42f336f2cf422b3f6190f7a44e161294abef12b877e1e2f32b");
    expect(toHex(fp.stableId)).toBe("55e8847929f4b64691b19bf1300f20a0e0a1ae85596133d191f92c03e64936ed");
    expect(toHex(fp.groupId)).toBe("741315fce2240629ab53ebab2cadd1854bf8dffef3a63c22db08488a34d8e47b");
  });
});
