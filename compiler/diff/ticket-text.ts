// Words for ticket classes, witnesses and outcomes in diff reports: `iss "beta"`,
// `iat 3601s..2h ago`, `mrtd = 0x2fada80c…2a46`, "refused: iss not allowed". Pure.
import { showDuration, showTimestamp, shortHex } from "./show-ir.js";
import { byRank, type ClassValue, type Outcome, type RawClass } from "./ticket-enumeration.js";
import { BEARER, type FValue, OTHER_KEY, type Ticket } from "./ticket-model.js";
import type { TicketClass } from "./diff-report.js";

/** `measurements` are tdx criteria that admit hosts to the committee: no expiry to speak of. */
export type TicketKind = "jwt" | "tdx" | "measurements";

const isRange = (v: ClassValue): v is { lo: bigint; hi: bigint } => typeof v === "object" && v !== null;

/** `top` is the largest point of the feature's domain: a class reaching it covers every larger value too. */
function span(v: ClassValue, show: (n: bigint) => string, top?: bigint): string {
  const [lo, hi] = isRange(v) ? [v.lo, v.hi] : [v as bigint, v as bigint];
  if (top !== undefined && hi === top && lo > 0n) return `${show(lo)} or more`;
  return lo === hi ? show(lo) : `${show(lo)}..${show(hi)}`;
}

function text(v: FValue): string {
  return typeof v === "string" ? JSON.stringify(v) : String(v);
}

/** One feature of a class, as a reader would say it. */
export function describeFeature(kind: TicketKind, f: string, v: ClassValue, top?: bigint): string {
  if (f.startsWith("claims.")) return v === null ? `no ${f}` : `${f} = ${isRange(v) ? span(v, String, top) : text(v as FValue)}`;
  switch (f) {
    case "key":
      return v === OTHER_KEY ? "signed by a key neither version configures" : `signed by ${keyText(String(v), false)}`;
    case "iss":
    case "aud":
      return v === null ? `no ${f}` : `${f} ${text(v as FValue)}`;
    case "sub":
      return v === BEARER ? "sub = the bearer's peer id" : `sub ${text(v as FValue)}`;
    case "peer":
      return `bearer ${shortHex(String(v))}`;
    case "age":
      return kind === "jwt" ? (v === null ? "no iat" : `iat ${span(v, showDuration, top)} ago`) : `quoted ${span(v, showDuration, top)} ago`;
    case "lifetime":
      if (v === null) return kind === "jwt" ? "no exp" : "never expires";
      return kind === "jwt" ? `exp in ${span(v, showDuration, top)}` : `expires ${span(v, showDuration, top)} after the quote`;
    case "now":
      return `now = ${span(v, showTimestamp)}`;
    case "quotedAt":
      return `quoted at ${span(v, showTimestamp)}`;
    case "collateral":
      return `verified against collateral ${shortHex(String(v))}`;
    case "status":
      return `TCB status ${String(v)}`;
    default:
      return `${f} = ${typeof v === "string" && /^[0-9a-f]{64,}$/.test(v) ? shortHex(v) : String(v)}`;
  }
}

function keyText(id: string, full: boolean): string {
  const [alg, hex] = id.split(" ");
  return `${alg} ${full ? `0x${hex}` : shortHex(hex)}`;
}

/** A complete witness ticket, field by field (full hex, times relative to `now`). */
export function witnessFields(kind: TicketKind, t: Ticket): Record<string, string> {
  const out: Record<string, string> = {};
  const keys = Object.keys(t).sort(byRank);
  const now = kind === "jwt" ? (t.now as bigint | undefined) : t.quotedAt !== undefined && t.age !== undefined ? (t.quotedAt as bigint) + (t.age as bigint) : undefined;
  for (const f of keys) {
    const v = t[f];
    if (f.startsWith("claims.")) out[f] = v === null ? "(absent)" : text(v);
    else if (f === "key") out.key = v === OTHER_KEY ? "(a key neither version configures)" : keyText(String(v), true);
    else if (f === "iss" || f === "aud") out[f] = v === null ? "(absent)" : text(v);
    else if (f === "sub") out.sub = v === BEARER ? "(the bearer's peer id)" : v === null ? "(absent)" : text(v);
    else if (f === "peer") out.peer = `0x${String(v)}`;
    else if (f === "age" && kind === "jwt") out.iat = v === null ? "(absent)" : v === 0n ? "now" : `now-${showDuration(v as bigint)}`;
    else if (f === "age") continue;
    else if (f === "lifetime") out[kind === "jwt" ? "exp" : "expiration"] = v === null ? (kind === "jwt" ? "(absent)" : "never") : kind === "jwt" ? `now+${showDuration(v as bigint)}` : `quoted_at+${showDuration(v as bigint)}`;
    else if (f === "now") out.now = showTimestamp(v as bigint);
    else if (f === "quotedAt") out.quoted_at = showTimestamp(v as bigint);
    else if (f === "collateral") out.collateral = `0x${String(v)}`;
    else if (f === "status") out.tcb_status = String(v);
    else if (/^(mrtd|rtmr[0-3])$/.test(f)) out[f] = `0x${String(v)}`;
    else out[f] = v === null ? "(absent)" : String(v);
  }
  if (kind === "tdx" && now !== undefined) out.now = showTimestamp(now);
  if (kind === "tdx" && t.quotedAt === undefined && t.age !== undefined) out.quote_age = showDuration(t.age as bigint);
  return out;
}

export function outcomeText(o: Outcome, kind: TicketKind): string {
  if (!o.admitted) return `refused: ${o.reason}`;
  if (kind === "measurements") return "admitted";
  return o.expiresIn === null ? "admitted, never expires" : `admitted, expires in ${showDuration(o.expiresIn)}`;
}

/** A class for the report: its description names only features that can vary (domain > 1). */
export function ticketClass(kind: TicketKind, c: RawClass, domain: (f: string) => readonly FValue[]): TicketClass {
  const parts = Object.entries(c.values)
    .filter(([f]) => domain(f).length > 1)
    .map(([f, v]) => {
      const ints = domain(f).filter((x): x is bigint => typeof x === "bigint");
      const top = f === "now" || f === "quotedAt" || ints.length === 0 ? undefined : ints.reduce((m, x) => (x > m ? x : m));
      return describeFeature(kind, f, v, top);
    });
  return {
    description: parts.length > 0 ? parts.join(", ") : "every ticket",
    old: outcomeText(c.old, kind),
    new: outcomeText(c.new, kind),
    witness: witnessFields(kind, c.witness),
  };
}
