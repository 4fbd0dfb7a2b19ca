// Vitest setup file: every fast-check property runs with the same seed (SMALT_PROP_SEED,
// default 42) so CI is reproducible; SMALT_PROP_RUNS raises the run count for long local runs.
import fc from "fast-check";
import { propertyRuns, propertySeed } from "./properties.js";

fc.configureGlobal({ seed: propertySeed(), numRuns: propertyRuns(100) });
