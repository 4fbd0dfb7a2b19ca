// Small Smalt programs the CLI tests run on: one that checks, one with a single error,
// one with a syntax error, and one that parses but is not in canonical form.
export const GOOD = `organism Counter {
  instance "demo.counter"
  committee 2 of 3
  state { count: u64 = 0 }

  on bump(by: u64) {
    count += by
  }

  query current() -> u64 {
    return count
  }
}
`;

export const GOOD_TWO = `organism Tally {
  instance "demo.tally"
  committee 2 of 3
  state { votes: u64 = 0 }

  on vote() {
    votes += 1
  }
}
`;

/** One error: `rat` is not defined (did you mean `rate`?). */
export const UNKNOWN_NAME = `fn fee(amount: u64, rate: bps) -> u64 {
  return apply_bps(amount, rat)
}
`;

/** A syntax error: the organism's closing brace is missing. */
export const SYNTAX_ERROR = `organism Counter {
  instance "demo.counter"
  committee 2 of 3
  state { count: u64 = 0 }
`;

/** Parses, but with spacing no formatter keeps. */
export const UNFORMATTED = `organism   Counter{instance "demo.counter"
committee 2 of 3
      state{count:u64=0}
on bump(by:u64){count+=by}}
`;
