// fast-check parameters of the std.clearing property tests: the shared fixed seed, and a
// CI run count that SMALT_PROP_RUNS replaces for a longer local run (test/support/properties.ts).
import { propertyRuns, propertySeed } from "../../support/properties.js";

export const settings = (ciRuns: number) => ({ seed: propertySeed(), numRuns: propertyRuns(ciRuns) });
