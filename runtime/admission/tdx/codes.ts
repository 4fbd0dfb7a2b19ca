// The stable refusal codes of TDX ticket checks (docs/admission-tdx.md) and the one way a
// refusal is built, so every refusal carries its code, the validator's name and a reason.
import type { Decision } from "../decision.js";

export const TDX_CODES = {
  malformed: "T2000",
  quoteInvalid: "T2001",
  collateralExpired: "T2002",
  collateralDigest: "T2003",
  mrtdMismatch: "T2004",
  rtmrMismatch: "T2005",
  variantNotAllowed: "T2006",
  tooOld: "T2007",
  beforeNotBefore: "T2008",
  otherPeer: "T2009",
  otherContentHash: "T2010",
  testRootUntrusted: "T2011",
  tcbStatus: "T2012",
  extraNotBound: "T2013",
  otherNetwork: "T2014",
  lifetime: "T2015",
  expired: "T2016",
  noCollateralPin: "T2017",
} as const;

export type TdxCode = (typeof TDX_CODES)[keyof typeof TDX_CODES];

/** A refusal as a value: the checks return these and the top level turns them into Decisions. */
export class TdxRefusal {
  constructor(
    readonly code: TdxCode,
    readonly reason: string,
  ) {}
}

export function refusal(code: TdxCode, reason: string): TdxRefusal {
  return new TdxRefusal(code, reason);
}

export function isRefusal(x: unknown): x is TdxRefusal {
  return x instanceof TdxRefusal;
}

export function refusedDecision(validator: string, r: TdxRefusal): Decision {
  return { admitted: false, validator, code: r.code, reason: r.reason };
}
