// Bonds over an injected clock: a bond admits until exactly its earliest Expiration, a
// refreshed ticket extends it, re-validation at expiry closes it, every validator of a
// surface must admit, and each step is in the decision log.
import { describe, expect, it } from "vitest";
import { formatDecisionLog } from "../../../runtime/admission/decision-log.js";
import { jwtTicket } from "../../../runtime/admission/ticket.js";
import { bondTable, jwtValidator, membersTable, NOW, OTHER_PEER, PEER, T } from "./fixture.js";
import { edKey, hmacKey, signToken } from "./test-keys.js";

const hs = hmacKey();
const token = (exp: bigint, extra: Record<string, unknown> = {}) => signToken(hs, { sub: PEER, exp: T(exp), ...extra });

describe("a bond's lifetime", () => {
  it("admits commands up to the second before exp, not at exp; re-validation then closes it", async () => {
    const table = membersTable([hs.line]);
    expect(await table.bond(PEER, "bids", [jwtTicket(await token(100n))], NOW)).toMatchObject({ admitted: true, expires: { kind: "at", unix: NOW + 100n } });
    expect(table.nextExpiry()).toBe(NOW + 100n);
    expect(table.admits(PEER, "bids", NOW)).toBe(true);
    expect(table.admits(PEER, "bids", NOW + 99n)).toBe(true);
    expect(table.admits(PEER, "bids", NOW + 100n)).toBe(false);
    expect(table.check(PEER, "bids", NOW + 100n)).toMatchObject({ code: "A1041" });
    expect(table.admits(OTHER_PEER, "bids", NOW)).toBe(false);
    await table.revalidate(NOW + 100n);
    expect(table.check(PEER, "bids", NOW + 100n)).toMatchObject({ admitted: false, code: "A1042", reason: expect.stringMatching(/^the bond was closed: A1008 /) });
    expect(table.nextExpiry()).toBeUndefined();
    expect(formatDecisionLog(table.log.entries())).toBe(
      [
        `at=${NOW} peer=${PEER} surface=bids validator=Members admitted expires=${NOW + 100n}`,
        `at=${NOW} peer=${PEER} surface=bids bond opened expires=${NOW + 100n}`,
        `at=${NOW + 100n} peer=${PEER} surface=bids validator=Members refused A1008 exp ${NOW + 100n} (2025-07-01T00:01:40Z) is not after now ${NOW + 100n} (2025-07-01T00:01:40Z)`,
        `at=${NOW + 100n} peer=${PEER} surface=bids bond closed A1008 validator Members: exp ${NOW + 100n} (2025-07-01T00:01:40Z) is not after now ${NOW + 100n} (2025-07-01T00:01:40Z)`,
        "",
      ].join("\n"),
    );
  });

  it("a refreshed ticket before expiry extends the bond to the new exp", async () => {
    const table = membersTable([hs.line]);
    await table.bond(PEER, "bids", [jwtTicket(await token(100n))], NOW);
    const [renewed] = await table.refresh(PEER, [jwtTicket(await token(400n))], NOW + 50n);
    expect(renewed).toMatchObject({ admitted: true, expires: { kind: "at", unix: NOW + 400n } });
    expect(table.admits(PEER, "bids", NOW + 100n)).toBe(true);
    expect(table.admits(PEER, "bids", NOW + 399n)).toBe(true);
    expect(table.admits(PEER, "bids", NOW + 400n)).toBe(false);
    expect(table.log.entries().flatMap((e) => (e.kind === "bond" ? [e.event] : []))).toEqual(["opened", "renewed"]);
  });

  it("a ticket re-presented after expiry re-opens the bond; a refused refresh closes it at once", async () => {
    const table = membersTable([hs.line]);
    await table.bond(PEER, "bids", [jwtTicket(await token(100n))], NOW);
    expect(await table.bond(PEER, "bids", [jwtTicket(await token(300n))], NOW + 150n)).toMatchObject({ admitted: true });
    expect(table.admits(PEER, "bids", NOW + 150n)).toBe(true);
    const forged = await signToken(hmacKey(), { sub: PEER, exp: T(900n) });
    expect(await table.bond(PEER, "bids", [jwtTicket(forged)], NOW + 160n)).toMatchObject({ admitted: false, code: "A1001" });
    expect(table.admits(PEER, "bids", NOW + 160n)).toBe(false);
    expect(table.check(PEER, "bids", NOW + 160n)).toMatchObject({ code: "A1042" });
  });

  it("an `expires within` cap: at the cap, re-validation of the still-valid token renews the bond", async () => {
    const table = membersTable([hs.line], ["expires within 1m"]);
    await table.bond(PEER, "bids", [jwtTicket(await token(100n))], NOW);
    expect(table.admits(PEER, "bids", NOW + 60n)).toBe(false);
    await table.revalidate(NOW + 60n);
    expect(table.check(PEER, "bids", NOW + 60n)).toMatchObject({ admitted: true, expires: { kind: "at", unix: NOW + 100n } });
    await table.revalidate(NOW + 100n);
    expect(table.check(PEER, "bids", NOW + 100n)).toMatchObject({ admitted: false, code: "A1042" });
  });

  it("revalidate leaves bonds that have not expired alone", async () => {
    const table = membersTable([hs.line]);
    await table.bond(PEER, "bids", [jwtTicket(await token(100n))], NOW);
    await table.revalidate(NOW + 99n);
    expect(table.admits(PEER, "bids", NOW + 99n)).toBe(true);
    expect(table.log.entries()).toHaveLength(2);
  });
});

describe("validators of a surface are AND-ed", () => {
  it("the bond needs every validator and lasts until the earliest Expiration", async () => {
    const ed = await edKey();
    const table = bondTable({
      validators: `${jwtValidator("Members", [hs.line])}\n${jwtValidator("Staff", [ed.line, 'issuer "staff"'])}`,
      surfaces: "stream bids requires Members, Staff\ncollection seen: map<u64, u64, 16> requires Staff\nstream open_board",
    });
    const member = jwtTicket(await token(500n));
    const staff = jwtTicket(await signToken(ed, { sub: PEER, iss: "staff", exp: T(200n) }));
    const out = await table.bond(PEER, "bids", [member, staff], NOW);
    expect(out).toMatchObject({ admitted: true, expires: { kind: "at", unix: NOW + 200n } });
    expect(out.decisions.map((d) => d.validator)).toEqual(["Members", "Staff"]);
    expect(table.admits(PEER, "bids", NOW + 199n)).toBe(true);
    expect(table.admits(PEER, "bids", NOW + 200n)).toBe(false);
    expect(table.admits(PEER, "seen", NOW)).toBe(false);
    expect(await table.bond(OTHER_PEER, "bids", [member], NOW)).toMatchObject({ admitted: false, code: "A1005" });
    expect(await table.bond(PEER, "seen", [member], NOW)).toMatchObject({ admitted: false, code: "A1002" });
    expect(await table.bond(PEER, "seen", [], NOW)).toMatchObject({ admitted: false, code: "A1030" });
    expect(await table.bond(PEER, "open_board", [], NOW)).toMatchObject({ admitted: true, expires: { kind: "never" } });
    expect(table.admits(PEER, "open_board", NOW + 10n ** 9n)).toBe(true);
  });

  it("one refusing validator refuses the bond even when the other admits", async () => {
    const ed = await edKey();
    const table = bondTable({
      validators: `${jwtValidator("Members", [hs.line])}\n${jwtValidator("Staff", [ed.line])}`,
      surfaces: "stream bids requires Members, Staff",
    });
    const out = await table.bond(PEER, "bids", [jwtTicket(await token(500n))], NOW);
    expect(out).toMatchObject({ admitted: false, code: "A1002", reason: "validator Staff: no configured key verifies HS256 (the validator's keys are EdDSA)" });
    expect(out.decisions.map((d) => d.admitted)).toEqual([true, false]);
    expect(table.admits(PEER, "bids", NOW)).toBe(false);
    expect(await table.bond(PEER, "bids", [], NOW)).toMatchObject({ admitted: false, reason: "validator Members: no jwt ticket was presented" });
  });

  it("within one validator, the longest-lived of the tickets that pass wins; refused ones do not spoil it", async () => {
    const table = membersTable([hs.line]);
    const expired = jwtTicket(await token(-5n));
    const short = jwtTicket(await token(50n));
    const long = jwtTicket(await token(90n));
    expect(await table.bond(PEER, "bids", [expired, long, short], NOW)).toMatchObject({ admitted: true, expires: { kind: "at", unix: NOW + 90n } });
    const out = await table.bond(OTHER_PEER, "bids", [expired, short], NOW);
    expect(out).toMatchObject({ admitted: false, code: "A1005", reason: expect.stringMatching(/ \(and 1 more jwt ticket refused\)$/) });
  });
});

describe("bad presentations", () => {
  it("unknown surface, malformed peer id, no bond: clear codes, nothing thrown", async () => {
    const table = membersTable([hs.line]);
    const t = jwtTicket(await token(100n));
    expect(await table.bond(PEER, "nope", [t], NOW)).toMatchObject({ admitted: false, code: "A1050", reason: "Board has no stream or collection `nope` (unknown surface; surfaces: bids)" });
    expect(await table.bond("xyz", "bids", [t], NOW)).toMatchObject({ admitted: false, code: "A1051" });
    expect(table.check(PEER, "nope", NOW)).toMatchObject({ admitted: false, code: "A1050" });
    expect(table.check(PEER, "bids", NOW)).toMatchObject({ admitted: false, code: "A1040" });
    expect(table.log.entries().map((e) => (e.kind === "bond" ? `${e.event} ${e.code}` : "validator"))).toEqual(["refused A1050", "refused A1051"]);
  });

  it("peer ids are compared in lowercase hex", async () => {
    const table = membersTable([hs.line]);
    expect(await table.bond(PEER.toUpperCase(), "bids", [jwtTicket(await token(100n))], NOW)).toMatchObject({ admitted: true });
    expect(table.admits(PEER, "bids", NOW)).toBe(true);
  });
});
