// The table of every diagnostic code Smalt can emit. Codes are stable and never reused;
// a retired code stays here marked retired. test/diagnostics-coverage.test.ts checks that
// every code has a golden case under test/cases/diagnostics/<code>/ and vice versa.
//
// Ranges: E0xxx syntax, E1xxx names, E2xxx types, E3xxx determinism and cost,
// E4xxx validators/TDX, E5xxx organism structure, E6xxx tests.

export interface CodeInfo {
  readonly code: string;
  readonly title: string; // short noun phrase, shown in docs/diagnostics.md
}

export const CODES = {
  // Syntax
  E0001: "unexpected token",
  E0002: "unexpected end of file",
  E0003: "unterminated string",
  E0004: "unrecognised character",
  E0005: "malformed literal",
  // Names
  E1001: "unknown name",
  E1002: "duplicate declaration",
  E1003: "unknown type",
  E1004: "unknown field",
  E1005: "unknown module",
  E1006: "import cycle",
  E1007: "unknown validator",
  E1008: "unknown stream",
  E1009: "unknown event",
  E1010: "unknown handler",
  E1011: "unknown organism",
  E1012: "unknown variant",
  // Types
  E2001: "type mismatch",
  E2002: "wrong number of arguments",
  E2003: "not callable",
  E2004: "integer literal out of range",
  E2005: "missing field in record literal",
  E2006: "missing return",
  E2007: "assignment to an immutable value",
  E2008: "non-exhaustive match",
  E2009: "invalid assignment target",
  E2010: "not a constant expression",
  E2011: "wrong type arguments",
  E2012: "not iterable",
  E2013: "invalid operator for type",
  // Determinism and cost
  E3001: "floating point",
  E3002: "clock read in replicated code",
  E3003: "randomness",
  E3004: "collection without capacity",
  E3005: "unbounded loop",
  E3006: "recursion",
  E3007: "`sender` outside a handler",
  E3008: "write to another organism",
  E3009: "debit of a foreign account",
  E3010: "cost exceeds budget",
  E3011: "clearing rule without tie-break",
  E3012: "state write outside a handler",
  // Validators and TDX
  E4001: "malformed measurement",
  E4002: "unpinned measurement",
  E4003: "malformed JWT key",
  E4004: "unknown JWT algorithm",
  E4005: "validator needs exactly one jwt or tdx clause",
  E4006: "duplicate measurement register",
  E4007: "unknown measurement register",
  E4008: "state read in a validator",
  E4009: "duplicate validator setting",
  E4010: "invalid validator setting value",
  // Organism structure
  E5001: "missing instance",
  E5002: "invalid committee",
  E5003: "malformed `uses` pin",
  E5004: "duplicate organism item",
  E5005: "invalid clearing rule signature",
  // Tests
  E6001: "malformed test step",
} as const satisfies Record<string, string>;

export type Code = keyof typeof CODES;

export const ALL_CODES: readonly Code[] = Object.keys(CODES).sort() as Code[];
