// checkOrganismStructure on parsed Smalt: instance, committee, uses pins, duplicate items
// (singletons, and names within one kind), and the organism's measurements set.
import { describe, expect, it } from "vitest";
import { checkOrganismStructure } from "../../../compiler/check/validators/check-organism-structure.js";
import type { OrganismDecl, UsesItem } from "../../../compiler/syntax/ast.js";
import { expectWellFormed, HEX32, HEX48, parseDecl, render } from "./support.js";

const BASE = `instance "team.role" committee 3 of 5`;

function check(body: string): string[] {
  const { text, decl } = parseDecl(`organism O { ${body} }`, "OrganismDecl");
  const diagnostics = checkOrganismStructure(decl);
  expectWellFormed(text, diagnostics);
  return render(text, diagnostics);
}

function helpOf(body: string): string[] {
  const { decl } = parseDecl(`organism O { ${body} }`, "OrganismDecl");
  return checkOrganismStructure(decl).map((d) => d.help ?? "");
}

describe("a well-formed organism", () => {
  it("has no structural diagnostics", () => {
    expect(
      check(`instance "searcher-auction.slots" committee 3 of 5
        measurements { mrtd = 0x${HEX48}, rtmr2 = 0x${HEX48}, variant { rtmr2 = 0x${"bb".repeat(48)} } }
        config { reserve: u64 = 1_000_000 }
        uses reputation = organism "searcher-α.reputation" exact 0x${HEX32}
        uses clock = organism "${"ab".repeat(32)}" follow
        state { round: u64 = 0 }
        asset credits stream bids_in requires Coalition
        on tick(n: u64) { round = n }`),
    ).toEqual([]);
  });
});

describe("E5001 missing instance", () => {
  it("points at the organism's name", () => {
    expect(check(`committee 3 of 5`)).toEqual(['E5001 organism `O` has no `instance` @ "O"']);
  });
});

describe("E5002 committee", () => {
  it("requires a committee", () => {
    expect(check(`instance "a.b"`)).toEqual(['E5002 organism `O` has no `committee` @ "O"']);
  });
  it("refuses size 0, quorum 0 and a quorum above the size", () => {
    expect(check(`instance "a.b" committee 0 of 0`)).toEqual(['E5002 committee of size 0 has no replicas @ "0"']);
    expect(check(`instance "a.b" committee 0 of 3`)).toEqual(['E5002 committee quorum of 0 certifies without any signature @ "0"']);
    expect(check(`instance "a.b" committee 6 of 5`)).toEqual(['E5002 committee quorum 6 exceeds its size 5 @ "6"']);
  });
  it("refuses a quorum that is not a strict majority, explaining the split", () => {
    expect(check(`instance "a.b" committee 2 of 4`)).toEqual(['E5002 committee quorum 2 of 4 is not a strict majority @ "2"']);
    expect(check(`instance "a.b" committee 2 of 5`)).toEqual(['E5002 committee quorum 2 of 5 is not a strict majority @ "2"']);
    const help = helpOf(`instance "a.b" committee 2 of 4`)[0];
    expect(help).toContain("two disjoint groups of replicas can each certify a different state root");
    expect(help).toContain("`committee 3 of 4`");
  });
  it("accepts every strict majority up to unanimity", () => {
    for (const c of ["1 of 1", "2 of 2", "2 of 3", "3 of 3", "3 of 4", "3 of 5", "5 of 5", "4 of 7"]) {
      expect(check(`instance "a.b" committee ${c}`)).toEqual([]);
    }
  });
});

describe("E5003 uses pins", () => {
  it("wants a content hash after exact, of 32 bytes", () => {
    expect(check(`${BASE} uses r = organism "x.y" exact`)).toEqual(['E5003 `uses r` is pinned `exact` without a content hash @ "exact"']);
    expect(check(`${BASE} uses r = organism "x.y" exact 0x12`)).toEqual([
      'E5003 content hash of `uses r` has 1 byte; a content hash is 32 bytes @ "0x12"',
    ]);
  });
  it("refuses follow with a content hash (possible only in a built tree: the grammar cannot say it)", () => {
    const { text, decl } = parseDecl(`organism O { ${BASE} uses r = organism "x.y" exact 0x${HEX32} }`, "OrganismDecl");
    const items = decl.items.map((i) => (i.kind === "UsesItem" ? ({ ...i, pin: "follow" } satisfies UsesItem) : i));
    const followed: OrganismDecl = { ...decl, items };
    expect(render(text, checkOrganismStructure(followed))).toEqual([
      `E5003 \`uses r\` follows rotations but also pins a content hash @ "0x${HEX32}"`,
    ]);
  });
  it("wants the target to be an instance name or a 64-hex stable id", () => {
    expect(check(`${BASE} uses r = organism "" follow`)).toEqual([
      'E5003 `uses r` names "", which is neither an instance name nor a stable id @ "\\"\\""',
    ]);
    expect(check(`${BASE} uses r = organism "0x${"ab".repeat(32)}" follow`)).toHaveLength(1);
    expect(helpOf(`${BASE} uses r = organism "0x${"ab".repeat(32)}" follow`)[0]).toContain("without `0x`");
    expect(check(`${BASE} uses r = organism "${"ab".repeat(31)}a" follow`)).toHaveLength(1);
    expect(helpOf(`${BASE} uses r = organism "${"ab".repeat(31)}a" follow`)[0]).toContain("this has 63");
    expect(check(`${BASE} uses r = organism "team role" follow`)).toHaveLength(1);
    expect(check(`${BASE} uses r = organism "${"AB".repeat(32)}" follow uses s = organism "cafe" follow`)).toEqual([]);
  });
});

describe("E5004 duplicate singleton items", () => {
  it("points at the repeated keyword with the first as secondary", () => {
    expect(
      check(`${BASE} instance "c.d" committee 2 of 3 measurements { } measurements { } config { } config { } state { } state { }`),
    ).toEqual([
      'E5004 duplicate `instance` in organism `O` @ "instance" [+ "instance"]',
      'E5004 duplicate `committee` in organism `O` @ "committee" [+ "committee"]',
      'E5004 duplicate `measurements` in organism `O` @ "measurements" [+ "measurements"]',
      'E5004 duplicate `config` in organism `O` @ "config" [+ "config"]',
      'E5004 duplicate `state` in organism `O` @ "state" [+ "state"]',
    ]);
  });
  it("lets repeatable items repeat under different names", () => {
    expect(check(`${BASE} asset a asset b stream s1 requires V stream s2 requires V event E {} event F {}`)).toEqual([]);
  });
  it("reports a name given twice to items of one kind, at the second name", () => {
    expect(
      check(`${BASE} uses r = organism "a.b" follow uses r = organism "c.d" follow asset a asset a stream s requires V stream s requires W
        collection c: map<u64, u64, 4> requires V collection c: set<u64, 4> requires V event E {} event E { x: u64 }
        on bid(n: u64) { } on bid() { } query q() -> u64 { return 1 } query q() -> u64 { return 2 }
        invariant ok { true } invariant ok { false }`),
    ).toEqual([
      'E5004 duplicate `uses` alias `r` in organism `O` @ "r" [+ "r"]',
      'E5004 duplicate asset `a` in organism `O` @ "a" [+ "a"]',
      'E5004 duplicate stream `s` in organism `O` @ "s" [+ "s"]',
      'E5004 duplicate collection `c` in organism `O` @ "c" [+ "c"]',
      'E5004 duplicate event `E` in organism `O` @ "E" [+ "E"]',
      'E5004 duplicate handler `bid` in organism `O` @ "bid" [+ "bid"]',
      'E5004 duplicate query `q` in organism `O` @ "q" [+ "q"]',
      'E5004 duplicate invariant `ok` in organism `O` @ "ok" [+ "ok"]',
    ]);
  });
  it("leaves clashes across kinds to name resolution", () => {
    expect(check(`${BASE} on best() { } query best() -> u64 { return 1 } event best {}`)).toEqual([]);
  });
  it("still checks every committee", () => {
    expect(check(`${BASE} committee 1 of 4`)).toContain('E5002 committee quorum 1 of 4 is not a strict majority @ "1"');
  });
});

describe("measurements", () => {
  it("runs the measurement-set checks on the organism's measurements", () => {
    expect(check(`${BASE} measurements { mrtd = own rtmr2 = 0x${HEX32} mr_config_id = 0x${HEX48} variant { rtmr2 = 0x${HEX48} rtmr2 = own } }`)).toEqual([
      'E4002 `mrtd = own` leaves the measurement unpinned @ "mrtd = own"',
      `E4001 \`rtmr2\` has 32 bytes; a TDX measurement register is exactly 48 bytes @ "0x${HEX32}"`,
      'E4007 unknown measurement register `mr_config_id` @ "mr_config_id"',
      'E4006 register `rtmr2` is given twice in this variant @ "rtmr2" [+ "rtmr2"]',
      'E4002 `rtmr2 = own` leaves the measurement unpinned @ "rtmr2 = own"',
    ]);
    expect(helpOf(`${BASE} measurements { mr_config_id = 0x${HEX48} }`)[0]).toContain("MR_CONFIG_ID");
    expect(helpOf(`${BASE} measurements { rtmr = 0x${HEX48} }`)[0]).toMatch(/^did you mean `rtmr0`\?/);
  });
});
