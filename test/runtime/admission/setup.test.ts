// Building admission from a checked program: tdx clauses go through the TicketCheck the
// caller supplies (the TDX check lives in runtime/admission/tdx/), and a policy the
// runtime cannot serve is an AdmissionSetupError with a stable code.
import { describe, expect, it } from "vitest";
import { AdmissionSetupError } from "../../../runtime/admission/codes.js";
import { organismAdmission } from "../../../runtime/admission/organism-admission.js";
import { type ClauseVerdict, jwtTicket, type TicketCheck, type TicketContext } from "../../../runtime/admission/ticket.js";
import { toHex } from "../../../compiler/fingerprint/bytes.js";
import { networkId } from "../../../compiler/fingerprint/group-id.js";
import { bondTable, jwtValidator, NOW, PEER, T } from "./fixture.js";
import { compilePolicy } from "./policy-source.js";
import { hmacKey, signToken } from "./test-keys.js";

const hs = hmacKey();
const TDX = `validator Host {\n  tdx {\n    mrtd = 0x${"2f".repeat(48)}\n    max_age 1h\n  }\n}`;

/** A test double for the TDX check: its "quote" is JSON {peer, exp}; it checks the peer and expiry. */
class JsonQuoteCheck implements TicketCheck {
  readonly ticketClass = "tdx" as const;
  readonly seen: TicketContext[] = [];
  async check(data: Uint8Array, cx: TicketContext): Promise<ClauseVerdict> {
    this.seen.push(cx);
    const q = JSON.parse(new TextDecoder().decode(data)) as { peer: string; exp: number };
    if (q.peer !== cx.peer) return { admitted: false, code: "T-PEER", reason: "quote is for another peer" };
    if (BigInt(q.exp) <= cx.now) return { admitted: false, code: "T-EXP", reason: "quote expired" };
    return { admitted: true, expires: { kind: "at", unix: BigInt(q.exp) }, facts: { claims: new Map() } };
  }
}
const quote = (exp: bigint, peer = PEER) => ({ class: "tdx" as const, data: new TextEncoder().encode(JSON.stringify({ peer, exp: T(exp) })) });

describe("tdx clauses through the TicketCheck interface", () => {
  it("a surface requiring a jwt and a tdx validator needs both tickets; the earliest expiry wins", async () => {
    const check = new JsonQuoteCheck();
    const table = bondTable(
      { validators: `${jwtValidator("Members", [hs.line])}\n${TDX}`, surfaces: "stream bids requires Members, Host" },
      { tdx: (def) => (def.ref.name === "Host" ? check : new JsonQuoteCheck()) },
    );
    const jwt = jwtTicket(await signToken(hs, { sub: PEER, exp: T(300n) }));
    expect(await table.bond(PEER, "bids", [jwt, quote(120n)], NOW)).toMatchObject({ admitted: true, expires: { kind: "at", unix: NOW + 120n } });
    expect(check.seen).toEqual([{ peer: PEER, networkId: toHex(networkId("universe")), now: NOW }]);
    expect(await table.bond(PEER, "bids", [jwt], NOW)).toMatchObject({ admitted: false, code: "A1030" });
    expect(await table.bond(PEER, "bids", [jwt, quote(120n, "ef".repeat(32))], NOW)).toMatchObject({ admitted: false, code: "T-PEER" });
  });

  it("A1060 when a surface needs a tdx validator and no TDX check is given", () => {
    const program = compilePolicy({ validators: TDX, surfaces: "stream bids requires Host" });
    expect(() => organismAdmission(program.modules, "Board")).toThrow(new AdmissionSetupError("A1060", "validator `Host` has a tdx clause, but no TDX check was given (AdmissionOptions.tdx)"));
  });
});

describe("setup errors", () => {
  it("A1061 an organism the program does not have", () => {
    const program = compilePolicy({ validators: jwtValidator("Members", [hs.line]), surfaces: "stream bids requires Members" });
    expect(() => organismAdmission(program.modules, "Nope")).toThrow(/^A1061 no organism `Nope` in the program \(organisms: Board\)$/);
  });

  it("A1063 an es256 key whose bytes are no point on P-256", () => {
    const program = compilePolicy({ validators: jwtValidator("Members", [`key es256 0x02${"ff".repeat(32)}`]), surfaces: "stream bids requires Members" });
    try {
      organismAdmission(program.modules, "Board");
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AdmissionSetupError);
      expect((e as AdmissionSetupError).code).toBe("A1063");
    }
  });

  it("validators nobody requires are not compiled; surfaces without requires are open", async () => {
    const table = bondTable({ validators: `${jwtValidator("Members", [hs.line])}\n${TDX}`, surfaces: "stream bids requires Members\nstream open_board" });
    expect(await table.bond(PEER, "open_board", [], NOW)).toMatchObject({ admitted: true, expires: { kind: "never" } });
  });
});
