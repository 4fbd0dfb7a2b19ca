// The message of whatever dcap-qvl (or a parser under it) threw, for a refusal's reason.
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
