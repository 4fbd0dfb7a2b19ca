// Shared setup of the admission tests: a fixed `now`, two peers, a jwt validator written
// as Smalt source, and a bond table over the compiled organism `Board`.
import { expect } from "vitest";
import { BondTable, type BondOutcome } from "../../../runtime/admission/bonds.js";
import { type AdmissionOptions, organismAdmission } from "../../../runtime/admission/organism-admission.js";
import { jwtTicket } from "../../../runtime/admission/ticket.js";
import { compilePolicy, type PolicyParts } from "./policy-source.js";

/** 2025-07-01T00:00:00Z. */
export const NOW = 1_751_328_000n;
export const PEER = "ab".repeat(32);
export const OTHER_PEER = "cd".repeat(32);
export const T = (offset: bigint) => Number(NOW + offset);

export function jwtValidator(name: string, items: readonly string[], tail: readonly string[] = []): string {
  return [`validator ${name} {`, "  jwt {", ...items.map((i) => `    ${i}`), "  }", ...tail.map((t) => `  ${t}`), "}"].join("\n");
}

export function bondTable(parts: PolicyParts, options: AdmissionOptions = {}): BondTable {
  return new BondTable(organismAdmission(compilePolicy(parts).modules, "Board", options));
}

/** A table whose one stream `bids` requires the single jwt validator `Members`. */
export function membersTable(items: readonly string[], tail: readonly string[] = []): BondTable {
  return bondTable({ validators: jwtValidator("Members", items, tail), surfaces: "stream bids requires Members" });
}

/** Bonds PEER to `bids` with one token and checks that a refusal left no bond behind (closing one that was open). */
export async function presentToken(table: BondTable, token: string, now = NOW, peer = PEER): Promise<BondOutcome> {
  const before = table.check(peer, "bids", now);
  const hadBond = before.admitted || before.code === "A1041";
  const out = await table.bond(peer, "bids", [jwtTicket(token)], now);
  if (!out.admitted) {
    expect(table.admits(peer, "bids", now)).toBe(false);
    expect(table.check(peer, "bids", now)).toMatchObject({ admitted: false, code: hadBond ? "A1042" : before.code });
  }
  return out;
}
