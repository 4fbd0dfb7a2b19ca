// A compiled `jwt { … }` clause as a TicketCheck: signature (jose), then the claim checks,
// in mosaik's order. Built from the same JwtValidatorConfig the fingerprint folds, so the
// runtime admits exactly what the content hash describes.
import type { JwtClause } from "../../../compiler/syntax/ast.js";
import { jwtConfigFromAst } from "../../../compiler/fingerprint/validator-config.js";
import type { JwtValidatorConfig } from "../../../compiler/fingerprint/validator-signatures.js";
import type { ClauseVerdict, TicketCheck, TicketContext } from "../ticket.js";
import { checkClaims } from "./check-claims.js";
import { ticketFacts } from "./claim-values.js";
import { verifySignature } from "./verify-signature.js";
import { type VerifyingKey, verifyingKey } from "./verifying-keys.js";

export class JwtCheck implements TicketCheck {
  readonly ticketClass = "jwt" as const;
  private readonly keys: readonly VerifyingKey[];

  constructor(private readonly config: JwtValidatorConfig) {
    this.keys = config.keys.map(verifyingKey);
  }

  static fromClause(clause: JwtClause): JwtCheck {
    return new JwtCheck(jwtConfigFromAst(clause));
  }

  async check(data: Uint8Array, cx: TicketContext): Promise<ClauseVerdict> {
    const signed = await verifySignature(data, this.keys);
    if (!signed.ok) return { admitted: false, code: signed.code, reason: signed.reason };
    const claims = checkClaims(signed.payload, this.config, cx.peer, cx.now);
    if (!claims.ok) return { admitted: false, code: claims.code, reason: claims.reason };
    return { admitted: true, expires: claims.expires, facts: ticketFacts(signed.payload) };
  }
}
