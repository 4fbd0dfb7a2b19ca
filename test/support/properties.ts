// Property-test settings shared by every fast-check suite: a fixed seed in CI,
// longer runs locally with SMALT_PROP_RUNS=10000 (and another seed with SMALT_PROP_SEED).
export function propertySeed(): number {
  const s = Number(process.env.SMALT_PROP_SEED ?? "42");
  return Number.isFinite(s) ? s : 42;
}

export function propertyRuns(ciDefault: number): number {
  const n = Number(process.env.SMALT_PROP_RUNS ?? "");
  return Number.isFinite(n) && n > 0 ? n : ciDefault;
}
