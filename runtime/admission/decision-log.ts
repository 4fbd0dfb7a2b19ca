// Every admission decision, in the order it was taken: each validator's verdict on a
// presentation, and what happened to the bond (opened, renewed, refused, closed). Readable
// as data (`entries`) or as one line per entry (`formatDecisionLog`).
import type { Decision, Expiration } from "./decision.js";

export type BondEvent = "opened" | "renewed" | "refused" | "closed";

export type LogEntry =
  | { readonly kind: "validator"; readonly at: bigint; readonly peer: string; readonly surface: string; readonly decision: Decision }
  | {
      readonly kind: "bond";
      readonly at: bigint;
      readonly peer: string;
      readonly surface: string;
      readonly event: BondEvent;
      readonly expires?: Expiration;
      readonly code?: string;
      readonly reason?: string;
    };

export class DecisionLog {
  private readonly list: LogEntry[] = [];

  append(entry: LogEntry): void {
    this.list.push(entry);
  }

  entries(): readonly LogEntry[] {
    return this.list;
  }
}

export function showExpiration(e: Expiration): string {
  return e.kind === "never" ? "never" : `${e.unix}`;
}

/** `at=… peer=… surface=… validator=V admitted expires=…` / `… refused A1003 reason` / `… bond closed A1008 reason`. */
export function formatLogEntry(e: LogEntry): string {
  const head = `at=${e.at} peer=${e.peer} surface=${e.surface}`;
  if (e.kind === "validator") {
    const d = e.decision;
    return d.admitted
      ? `${head} validator=${d.validator} admitted expires=${showExpiration(d.expires)}`
      : `${head} validator=${d.validator} refused ${d.code} ${d.reason}`;
  }
  const tail = e.expires ? ` expires=${showExpiration(e.expires)}` : e.code ? ` ${e.code} ${e.reason ?? ""}`.trimEnd() : "";
  return `${head} bond ${e.event}${tail}`;
}

export function formatDecisionLog(entries: readonly LogEntry[]): string {
  return entries.map((e) => `${formatLogEntry(e)}\n`).join("");
}
