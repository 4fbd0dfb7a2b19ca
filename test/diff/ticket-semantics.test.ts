// Exact admission diffs of validators: every class comes with a witness ticket that the
// two versions really treat differently, and the classes are the ones a reviewer expects.
import { describe, expect, it } from "vitest";
import type { ValidatorDef } from "../../compiler/ir/declarations.js";
import { DiffSide } from "../../compiler/diff/diff-side.js";
import { jwtFactory } from "../../compiler/diff/jwt-model.js";
import { tdxFactory, tdxSpecOfValidator } from "../../compiler/diff/tdx-model.js";
import { compareAdmission, outcome, type Comparison } from "../../compiler/diff/ticket-enumeration.js";
import { DomainBuilder } from "../../compiler/diff/ticket-model.js";
import { diffValidator } from "../../compiler/diff/validator-diff.js";
import { diffInput } from "../support/fingerprint-source.js";

const KEY = "0x1111111111111111111111111111111111111111111111111111111111111111";
const KEY2 = "0x2222222222222222222222222222222222222222222222222222222222222222";
const MRTD = `0x${"2f".repeat(48)}`;
const R2A = `0x${"a6".repeat(48)}`;
const R2B = `0x${"db".repeat(48)}`;

function side(src: string): { side: DiffSide; def: ValidatorDef } {
  const s = new DiffSide(diffInput("v.smalt", src));
  const def = s.entryValidators().get("V");
  if (!def) throw new Error("no validator V");
  return { side: s, def };
}

function compare(oldSrc: string, newSrc: string): { cmp: Comparison; check: () => void } {
  const [a, b] = [side(oldSrc), side(newSrc)];
  const jwt = a.def.decl.clauses[0].kind === "JwtClause";
  const factory = jwt ? jwtFactory((d) => (d === a.def ? a.side.index : b.side.index)) : undefined;
  const tdx = tdxFactory();
  const specs = jwt ? [a.def, b.def] : [tdxSpecOfValidator(a.def, a.side.index), tdxSpecOfValidator(b.def, b.side.index)];
  const cmp = factory
    ? compareAdmission(factory, specs[0] as ValidatorDef, specs[1] as ValidatorDef, new DomainBuilder())
    : compareAdmission(tdx, specs[0] as ReturnType<typeof tdxSpecOfValidator>, specs[1] as ReturnType<typeof tdxSpecOfValidator>, new DomainBuilder());
  const models = factory ? [factory.model(a.def), factory.model(b.def)] : [tdx.model(specs[0] as never), tdx.model(specs[1] as never)];
  return {
    cmp,
    check: () => {
      for (const c of cmp.classes) {
        const [o, n] = [outcome(models[0], c.witness), outcome(models[1], c.witness)];
        if (c.kind === "admitted") expect([o.admitted, n.admitted]).toEqual([false, true]);
        if (c.kind === "refused") expect([o.admitted, n.admitted]).toEqual([true, false]);
        if (c.kind === "expiration") expect(o.admitted && n.admitted && o.expiresIn !== n.expiresIn).toBe(true);
      }
    },
  };
}

const jwt = (items: string, tail = "") => `validator V {\n  jwt {\n${items}\n  }\n${tail}\n}\n`;
const kinds = (c: Comparison) => c.classes.map((x) => x.kind).sort();

describe("jwt validators", () => {
  it("an added issuer admits exactly the tickets from it", () => {
    const { cmp, check } = compare(jwt(`key hs256 ${KEY}\nissuer "a"`), jwt(`key hs256 ${KEY}\nissuer "a"\nissuer "b"`));
    check();
    expect(kinds(cmp)).toEqual(["admitted"]);
    expect(cmp.classes[0].values.iss).toBe("b");
  });

  it("a removed issuer refuses exactly the tickets from it", () => {
    const { cmp, check } = compare(jwt(`key hs256 ${KEY}\nissuer "a"\nissuer "b"`), jwt(`key hs256 ${KEY}\nissuer "a"`));
    check();
    expect(cmp.classes.map((c) => [c.kind, c.values.iss])).toEqual([["refused", "b"]]);
  });

  it("a tightened claim threshold refuses the values in between, as one range", () => {
    const { cmp, check } = compare(jwt(`key hs256 ${KEY}`, 'require ticket.claims.level >= 3 else "low"'), jwt(`key hs256 ${KEY}`, 'require ticket.claims.level >= 5 else "low"'));
    check();
    expect(cmp.classes.map((c) => [c.kind, c.values["claims.level"]])).toEqual([["refused", { lo: 3n, hi: 4n }]]);
  });

  it("a required claim added refuses tickets without it or with another value", () => {
    const { cmp, check } = compare(jwt(`key hs256 ${KEY}`), jwt(`key hs256 ${KEY}\nclaim tier = "gold"`));
    check();
    expect(cmp.classes.every((c) => c.kind === "refused")).toBe(true);
    expect(cmp.classes.map((c) => c.values["claims.tier"])).toEqual(expect.arrayContaining([null]));
  });

  it("a rotated-in key admits its tickets; removing the old one refuses them", () => {
    const { cmp, check } = compare(jwt(`key hs256 ${KEY}`), jwt(`key hs256 ${KEY2}`));
    check();
    expect(kinds(cmp)).toEqual(["admitted", "refused"]);
  });

  it("a shorter expires-within cap changes expirations, nothing else", () => {
    const { cmp, check } = compare(jwt(`key hs256 ${KEY}`, "expires within 1h"), jwt(`key hs256 ${KEY}`, "expires within 10m"));
    check();
    expect(new Set(kinds(cmp))).toEqual(new Set(["expiration"]));
  });

  it("reads a missing or mistyped claim as unknown, which `||` can still overrule", () => {
    const either = 'require ticket.issuer == "a" || ticket.claims.admin == true else "no"';
    const { cmp, check } = compare(jwt(`key hs256 ${KEY}`, either), jwt(`key hs256 ${KEY}`, 'require ticket.issuer == "a" else "no"'));
    check();
    expect(kinds(cmp)).toEqual(["refused", "refused"]);
    expect(cmp.classes.every((c) => c.values["claims.admin"] === true && c.values.iss !== "a")).toBe(true);
  });

  it("the same validator written differently has no class at all", () => {
    const { cmp } = compare(jwt(`key hs256 ${KEY}\nissuer "a"\nmax_age 1h`), jwt(`max_age 60m\nissuer "a"\nkey hs256 ${KEY}`));
    expect(cmp.classes).toEqual([]);
  });
});

const tdx = (items: string) => `validator V {\n  tdx {\n${items}\n  }\n}\n`;

describe("tdx validators", () => {
  it("an added variant admits exactly the hosts running it", () => {
    const { cmp, check } = compare(tdx(`mrtd = ${MRTD}\nvariant { rtmr2 = ${R2A} }`), tdx(`mrtd = ${MRTD}\nvariant { rtmr2 = ${R2A} }\nvariant { rtmr2 = ${R2B} }`));
    check();
    expect(cmp.classes.map((c) => [c.kind, c.values.mrtd, c.values.rtmr2])).toEqual([["admitted", "2f".repeat(48), "db".repeat(48)]]);
  });

  it("a later not_before refuses quotes taken in between", () => {
    const { cmp, check } = compare(tdx("not_before @2025-06-01T00:00:00Z"), tdx("not_before @2025-09-01T00:00:00Z"));
    check();
    expect(kinds(cmp)).toEqual(["refused"]);
  });

  it("accepting another TCB status admits quotes with it", () => {
    const { cmp, check } = compare(tdx(""), tdx("accept UpToDate, SWHardeningNeeded"));
    check();
    expect(cmp.classes.map((c) => [c.kind, c.values.status])).toEqual([["admitted", "SWHardeningNeeded"]]);
  });
});

describe("the validator report", () => {
  it("names the clause and the class", () => {
    const [a, b] = [side(jwt(`key hs256 ${KEY}\nissuer "a"`)), side(jwt(`key hs256 ${KEY}\nissuer "a"\nissuer "b"`))];
    const d = diffValidator("V", a, b);
    expect(d.class).toBe("widening");
    expect(d.clauses).toEqual([{ clause: 'issuer "b"', change: "added", new: '"b"' }]);
    expect(d.semantics?.newlyAdmitted[0].witness.iss).toBe('"b"');
  });

  it("calls a swap of issuers breaking (it narrows and widens)", () => {
    const d = diffValidator("V", side(jwt(`key hs256 ${KEY}\nissuer "a"`)), side(jwt(`key hs256 ${KEY}\nissuer "b"`)));
    expect(d.class).toBe("breaking");
  });
});
