// The shape every admission check returns, shared by the JWT and TDX checks and by the
// bond table that AND-s them (mosaik semantics: every validator on a surface must admit).
// Times are Unix seconds as bigint; the runtime supplies `now`, nothing reads a clock.

/** When an admission stops holding: `never`, or a Unix time in seconds (exclusive). */
export type Expiration = { readonly kind: "never" } | { readonly kind: "at"; readonly unix: bigint };

/** One validator's verdict on one ticket. `code` is stable (documented in docs/admission.md). */
export type Decision =
  | { readonly admitted: true; readonly validator: string; readonly expires: Expiration }
  | { readonly admitted: false; readonly validator: string; readonly code: string; readonly reason: string };

/** The earlier of two expirations (`never` is later than any time). */
export function earlierExpiration(a: Expiration, b: Expiration): Expiration {
  if (a.kind === "never") return b;
  if (b.kind === "never") return a;
  return a.unix <= b.unix ? a : b;
}

/** The later of two expirations: what several tickets of one class give (mosaik takes the longest-lived). */
export function laterExpiration(a: Expiration, b: Expiration): Expiration {
  return earlierExpiration(a, b) === a ? b : a;
}

/** True while an admission holds at `now` (an `at` time is exclusive). */
export function holdsAt(e: Expiration, now: bigint): boolean {
  return e.kind === "never" || now < e.unix;
}
