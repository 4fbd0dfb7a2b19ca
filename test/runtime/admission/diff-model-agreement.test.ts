// The runtime and `smalt diff` agree on what a jwt validator admits: tickets drawn from the
// diff model's own feature domains (compiler/diff/jwt-model.ts) are turned into real signed
// tokens, and the JWT check admits exactly those the model admits, with the same expiry.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jwtFactory } from "../../../compiler/diff/jwt-model.js";
import { outcome } from "../../../compiler/diff/ticket-enumeration.js";
import { BEARER, DomainBuilder, type FValue, OTHER_KEY, type Ticket } from "../../../compiler/diff/ticket-model.js";
import { ProgramIndex } from "../../../compiler/eval/program-index.js";
import { toHex } from "../../../compiler/fingerprint/bytes.js";
import { JWT_ALGORITHM_NAME } from "../../../compiler/fingerprint/validator-signatures.js";
import { jwtConfigFromAst } from "../../../compiler/fingerprint/validator-config.js";
import { validatorClause } from "../../../compiler/fingerprint/canonical-validators.js";
import { organismAdmission } from "../../../runtime/admission/organism-admission.js";
import { jwtTicket } from "../../../runtime/admission/ticket.js";
import { jwtValidator } from "./fixture.js";
import { compilePolicy } from "./policy-source.js";
import { ecKey, hmacKey, type SigningKey, signToken } from "./test-keys.js";

async function agreement(items: (keys: SigningKey[]) => string[], tail: string[]): Promise<void> {
  const keys = [hmacKey(), await ecKey()];
  const foreign = hmacKey();
  const program = compilePolicy({ validators: jwtValidator("Members", items(keys), tail), surfaces: "stream bids requires Members" });
  const def = program.modules.flatMap((m) => m.validators).find((v) => v.ref.name === "Members")!;
  const index = new ProgramIndex(program.modules);
  const factory = jwtFactory(() => index);
  const domains = new DomainBuilder();
  factory.contribute(def, domains);
  factory.finish(domains);
  const model = factory.model(def);
  const [validator] = organismAdmission(program.modules, "Board").surfaces.get("bids")!;
  // The model names keys `<alg> <hex of mosaik's key bytes>`; map them back to the signing keys.
  const clause = validatorClause(def);
  if (clause.kind !== "JwtClause") throw new Error("Members is a jwt validator");
  const cfg = jwtConfigFromAst(clause);
  const signerOf = new Map(cfg.keys.map((k, i) => [`${k.alg} ${toHex(k.keyBytes)}`, keys[i]]));
  expect(cfg.keys.map((k) => JWT_ALGORITHM_NAME[k.alg])).toEqual(keys.map((k) => k.alg));

  const features = domains.features();
  const ticketArb = fc.record(Object.fromEntries(features.map((f) => [f, fc.constantFrom(...domains.get(f))]))) as fc.Arbitrary<Ticket>;
  await fc.assert(
    fc.asyncProperty(ticketArb, async (t) => {
      const now = t.now as bigint;
      const peer = String(t.peer);
      const claims: Record<string, unknown> = {};
      const set = (name: string, v: FValue) => {
        if (v !== null) claims[name] = typeof v === "bigint" ? Number(v) : v;
      };
      set("iss", t.iss ?? null);
      set("aud", t.aud ?? null);
      set("sub", t.sub === BEARER ? peer : (t.sub ?? null));
      if (t.age !== null && t.age !== undefined) claims.iat = Number(now - (t.age as bigint));
      if (t.lifetime !== null && t.lifetime !== undefined) claims.exp = Number(now + (t.lifetime as bigint));
      for (const f of features) if (f.startsWith("claims.")) set(f.slice("claims.".length), t[f]);
      const signer = t.key === OTHER_KEY ? foreign : signerOf.get(String(t.key))!;
      const decision = await validator.decide([jwtTicket(await signToken(signer, claims))], { peer, networkId: "00".repeat(32), now });
      const expected = outcome(model, t);
      expect(decision.admitted).toBe(expected.admitted);
      if (decision.admitted && expected.admitted) {
        expect(decision.expires).toEqual(expected.expiresIn === null ? { kind: "never" } : { kind: "at", unix: now + expected.expiresIn });
      }
    }),
    { numRuns: 300 },
  );
}

describe("runtime JWT check vs the diff model", () => {
  it("issuers, audience, claims, max_age, max_lifetime, a require predicate and a cap", async () => {
    await agreement(
      (keys) => [...keys.map((k) => k.line), 'issuer "coalition"', 'issuer "backup"', 'audience "committee"', 'claim tier = "gold"', "max_age 1h", "max_lifetime 2h"],
      ['require ticket.claims.level >= 3 else "level"', "expires within 30m"],
    );
  });

  it("a configured subject and non-expiring tokens allowed", async () => {
    await agreement((keys) => [...keys.map((k) => k.line), 'subject "indexer"', "allow_non_expiring", "claim vip = true"], []);
  });
});
