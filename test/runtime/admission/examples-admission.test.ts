// The example policies through the admission layer: every organism's surfaces build (each
// example key is a usable key), a token from a foreign key is refused on every jwt-guarded
// surface, and coordination-market, with its key swapped for one made here, admits a
// member whose ticket meets its issuer, audience, reputation floor and expiry cap.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { validatorClause } from "../../../compiler/fingerprint/canonical-validators.js";
import { BondTable } from "../../../runtime/admission/bonds.js";
import { organismAdmission } from "../../../runtime/admission/organism-admission.js";
import { type ClauseVerdict, jwtTicket, type TicketCheck } from "../../../runtime/admission/ticket.js";
import { checkSourceFile, ROOT } from "../../emit/support/cases.js";
import { mustCheck } from "../../support/fingerprint-source.js";
import { NOW, PEER, T } from "./fixture.js";
import { ecKey, edKey, hmacKey, type SigningKey, signToken } from "./test-keys.js";

/** Refuses every quote: these tests exercise only the jwt side. */
const noQuotes: TicketCheck = {
  ticketClass: "tdx",
  check: async (): Promise<ClauseVerdict> => ({ admitted: false, code: "T0000", reason: "no quotes in this test" }),
};

const foreignKey = (alg: string): SigningKey | Promise<SigningKey> =>
  alg.startsWith("hs") ? hmacKey(alg.toUpperCase() as "HS256") : alg === "eddsa" ? edKey() : ecKey(alg.toUpperCase() as "ES256");

const files = fs
  .readdirSync(path.join(ROOT, "examples"), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => fs.readdirSync(path.join(ROOT, "examples", d.name)).filter((f) => f.endsWith(".smalt")).map((f) => path.join(ROOT, "examples", d.name, f)))
  .sort();

describe("every example organism's admission", () => {
  for (const file of files) {
    const source = checkSourceFile(file);
    for (const organism of source.organisms) {
      it(`${path.relative(ROOT, file)} ${organism.ref.name}`, async () => {
        const admission = organismAdmission(source.program.modules, organism.ref.name, { tdx: () => noQuotes });
        expect([...admission.surfaces.keys()].sort()).toEqual([...organism.streams, ...organism.collections].map((s) => s.name).sort());
        const table = new BondTable(admission);
        const validators = new Map(source.program.modules.flatMap((m) => m.validators.map((v) => [v.ref.name, v] as const)));
        for (const s of [...organism.streams, ...organism.collections]) {
          const jwt = s.requires.map((r) => validators.get(r.name)!).find((v) => validatorClause(v).kind === "JwtClause");
          if (!jwt) continue;
          const clause = validatorClause(jwt);
          const alg = clause.kind === "JwtClause" && clause.items[0].kind === "JwtKey" ? clause.items[0].algorithm.name : "es256";
          const token = await signToken(await foreignKey(alg), { sub: PEER, exp: T(60n) });
          const out = await table.bond(PEER, s.name, [jwtTicket(token)], NOW);
          expect(out).toMatchObject({ admitted: false });
          expect(out.decisions.find((d) => d.validator === jwt.ref.name)).toMatchObject({ admitted: false, code: "A1001" });
          expect(table.admits(PEER, s.name, NOW)).toBe(false);
        }
      });
    }
  }
});

describe("coordination-market with a key made here", () => {
  const original = fs.readFileSync(path.join(ROOT, "examples/coordination-market/coordination-market.smalt"), "utf8");
  const exampleKey = /key es256 (0x[0-9a-f]+)/.exec(original)![1];

  it("admits a member above the reputation floor until the 1h cap, refuses one below it", async () => {
    const key = await ecKey();
    const checked = mustCheck(original.replace(exampleKey, key.policyHex), "coordination-market.smalt");
    const table = new BondTable(organismAdmission(checked.modules, "GpuHourMarket", { tdx: () => noQuotes }));
    const claims = { sub: PEER, iss: "gpu-market.coalition", aud: "gpu-market", iat: T(0n), exp: T(3600n) };
    const member = await table.bond(PEER, "bids_in", [jwtTicket(await signToken(key, { ...claims, reputation_bps: 6_500 }))], NOW);
    expect(member).toMatchObject({ admitted: true, expires: { kind: "at", unix: NOW + 3600n } });
    expect(table.admits(PEER, "bids_in", NOW + 3599n)).toBe(true);
    expect(table.admits(PEER, "bids_in", NOW + 3600n)).toBe(false);
    const low = await table.bond("ef".repeat(32), "bids_in", [jwtTicket(await signToken(key, { ...claims, sub: "ef".repeat(32), reputation_bps: 5_999 }))], NOW);
    expect(low).toMatchObject({ admitted: false, code: "A1020", reason: "validator MarketMember: require #1 does not hold: reputation below floor" });
    const long = await table.bond(PEER, "bids_in", [jwtTicket(await signToken(key, { ...claims, exp: T(3601n), reputation_bps: 9_000 }))], NOW);
    expect(long).toMatchObject({ admitted: false, code: "A1011" });
  });
});
