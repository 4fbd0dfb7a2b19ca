// Entry points of the validator and organism-structure checks, for the main checker:
// pure functions from one AST declaration to its diagnostics.
export { checkMeasurementSet } from "./check-measurements.js";
export { checkOrganismStructure } from "./check-organism-structure.js";
export { checkValidatorDecl } from "./check-validator.js";
