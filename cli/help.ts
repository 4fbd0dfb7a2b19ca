// `smalt help [command]` and `--help`: the usage text of every command, kept beside
// docs/cli.md (which says the same at more length).
import { EXIT, usageError, type Io } from "./io.js";

const OVERVIEW = `smalt: check, format and demo Smalt coordination policies

Usage: smalt <command> [arguments]

Commands:
  check PATH…       type-check files and folders (recursive on *.smalt)
  fmt PATH…         print, rewrite (--write) or verify (--check) the canonical form
  build FILE        emit, bundle and describe the organisms of a file (-o DIR)
  test PATH…        run the test blocks of policies against their emitted code
  run FILE          run an organism on a committee of replicas; print each commit
  replay DIR        re-derive and check every receipt, root and certificate of a run
  simulate          bidding strategies against the market on a committee; HTML report
  fingerprint FILE  print each organism's stable id, content hash, GroupId, signatures
  diff OLD NEW      what a policy change means: identifiers, moved parts, witnesses
  demo              check the standard library and every example, with costs
  help [COMMAND]    show this text, or the usage of one command

Flags:
  --version         print the version
  --help, -h        show this text

Exit codes: 0 success, 1 problems found, 2 bad usage, 3 internal error.
`;

export const COMMAND_HELP: Readonly<Record<string, string>> = {
  check: `Usage: smalt check PATH… [--format text|json] [--costs]

Type-checks the named files, and every *.smalt file under the named folders, as one
program, with their imports. Prints each problem with the source underlined.

  --format text  human-readable diagnostics (the default); colour on a terminal
  --format json  a JSON array of diagnostics on stdout
  --costs        also print each organism's handler and query worst-case cost

Exit codes: 0 no errors, 1 errors found, 2 bad usage, 3 internal error.
`,
  fmt: `Usage: smalt fmt PATH… [--write | --check]

Formats the named files, and every *.smalt file under the named folders.
Without a flag the canonical form is printed on stdout.

  --write   rewrite the files that are not in canonical form
  --check   list the files that are not in canonical form; exit 1 if there are any

A file with syntax errors is refused with its diagnostics and left untouched.
Exit codes: 0 done, 1 unformatted or unparsable files, 2 bad usage, 3 internal error.
`,
  build: `Usage: smalt build FILE [-o DIR]

Checks FILE and writes, for each of its organisms, into DIR (default: build):
  <Name>.ts           the emitted TypeScript state machine
  <Name>.js           the same, bundled with the prelude (what the runtime loads)
  <Name>.schema.json  JSON Schemas of its commands, queries, events and config
and manifest.json (organisms, fingerprints, every file with its sha256).
Two builds of the same source are byte-identical.

Exit codes: 0 built, 1 the program has errors, 2 bad usage, 3 internal error.
`,
  test: `Usage: smalt test PATH… [--match TEXT]

Checks the named files (folders: every *.smalt below them) as one program, then runs
each \`test\` block of those files on one in-memory replica of the emitted organism,
with the reference evaluator in lockstep. A step passes when its outcome (ok and the
named events, or the rejection reason) is as written, and an \`expect\` when it holds.
A failure shows the step, its source, what was expected and what happened.

  --match TEXT   run only the tests whose name contains TEXT

Exit codes: 0 every test passed, 1 a test failed, no tests ran, or the program has
errors, 2 bad usage, 3 internal error.
`,
  run: `Usage: smalt run FILE [--organism NAME] [--replicas N] [--scenario FILE]
                [--data DIR] [--batch N] [--fault SPEC,…] [--quiet] [--now UNIX]
                [--tdx-test-pki | --member-tickets FILE --tdx-collateral FILE
                 [--tdx-collateral-pin HEX] [--trust-test-root FILE]]

Compiles the organism and runs it on a committee of N replicas, each applying every
command in log order and signing (organism, index, state root); a commit is certified
when a quorum signed the same root. Commands are JSON lines
  {"sender": "alice", "command": {"handler": "bid", "args": {"qty": "1", "price": "3000000"}}}
from the scenario file (all checked before any is appended) or from stdin (each checked
as it arrives). A sender is a peer id (64 hex digits) or a name (its hash, as in tests).

  --organism NAME  the organism to run, when the file declares several
  --replicas N     committee size (default: the policy's \`committee q of n\`, else 3);
                   a size other than the declared one runs a strict majority quorum
  --scenario FILE  commands as JSON lines (blank lines and // comments skipped)
  --data DIR       keep the durable log, keys, receipts, certificates and snapshots in
                   DIR; run again with the same DIR to resume (default: in memory)
  --batch N        append up to N commands at a time; members vote once per batch
  --fault SPEC,…   fault drills: stop:M@I, restart:M@I (member M, before index I),
                   corrupt:M@I:FIELD (member M's integer FIELD is off by one after I)
  --quiet          print only faults, divergences and the summary
  --now UNIX       the admission clock at the start (default: the wall clock)

TDX tickets (an organism with \`measurements\` admits its replicas with these first,
printing who was admitted on which quote until when, and who was refused and why;
without them it runs unattested and says so):
  --tdx-collateral FILE     collateral JSON; its BLAKE3 digest must be the pinned one
  --tdx-collateral-pin HEX  the pin where the policy has none (measurements never do)
  --trust-test-root FILE    also trust this test root CA (DER or PEM); WARNING printed
  --member-tickets FILE     {"<replica public key>": "<TDX ticket hex>", …}
  --tdx-test-pki            generate a test PKI and tickets for the run's own replicas
                            (local development only; WARNING printed)

Exit codes: 0 every command committed, 1 a bad command line, an uncertified index, or
fewer replicas admitted than the quorum (A1070), 2 bad usage (unknown organism,
unusable data directory, unusable TDX flags: A1064), 3 internal error.
`,
  replay: `Usage: smalt replay DIR

Re-derives every receipt and state root in a data directory written by \`smalt run
--data DIR\` from its command log alone, compares them with the recorded ones, and
verifies every commit certificate offline against the recorded committee. A torn last
log record is reported and cut. A receipt or certificate for an index the log no longer
holds is reported as a lost acknowledged command.

Exit codes: 0 everything agrees, 1 a mismatch, 2 not a readable data directory.
`,
  simulate: `Usage: smalt simulate [--slots N] [--seed S] [--replicas N] [--out FILE]

Runs a population of bidding strategies (truthful, shader, overbidder, sniper, jittery)
against the reputation-gated slot auction (examples/reputation-gated-market) on a
committee of N replicas (default 3) for N slots (default 200). A reputation feed scores
each winner's delivery; bidders below the policy's floor are refused until they recover.
Writes an HTML report with inline SVG charts of the clearing price, the allocation and
each bidder's reputation over time (default simulate-report.html), and prints each
strategy's slots won, refusals, payments, utility and final score. The same seed gives
the same log, certificates and report, byte for byte.

Exit codes: 0 done, 2 bad usage or an unwritable report file, 3 internal error.
`,
  fingerprint: `Usage: smalt fingerprint FILE [--json]

Checks FILE and prints, for each of its organisms, the stable id, content hash, GroupId,
state-machine signature and the mosaik signature of every validator gating it, then the
signature of each top-level validator (docs/fingerprints.md says how each is computed).

  --json   {"network", "organisms": [{"name", "instance", "stableId", "contentHash",
           "groupId", "stateMachineSignature", "validators": [{"name", "signature"}]}],
           "validators": [{"name", "signature"}]}, hashes in lowercase hex

Exit codes: 0 printed, 1 FILE has errors, 2 bad usage, 3 internal error.
`,
  diff: `Usage: smalt diff OLD NEW [--json] [--exit-code]

Compares two versions of a policy (two files, or two folders of *.smalt files).
Organisms are matched by name; for each: added, removed, retired (new stable id),
changed or unchanged; every identifier old -> new; the parts that moved; the change
class (equivalent, narrowing, widening, breaking); the consumer action (none, follow,
republish). Changed validators come with the classes of tickets newly admitted or
refused, each with a witness ticket; changed clearing rules with an order book on
which they allocate or price differently.

  --json        the report as JSON (stable for tools)
  --exit-code   exit 1 when anything changed, 0 when nothing did

Exit codes: 0 compared, 1 changes found (with --exit-code) or a version has errors,
2 bad usage, 3 internal error.
`,
  demo: `Usage: smalt demo

Checks the standard library and every example under examples/, and prints each
example's organisms with the worst-case cost of every handler and query.
This is what \`npm start\` runs. Exit 0 when everything checks, 1 otherwise.
`,
  help: `Usage: smalt help [COMMAND]

Shows the list of commands, or the usage of one command.
`,
};

export function overviewText(): string {
  return OVERVIEW;
}

export function runHelp(argv: readonly string[], io: Io): number {
  if (argv.length === 0) {
    io.out(OVERVIEW);
    return EXIT.ok;
  }
  if (argv.length > 1) return usageError(io, "`smalt help` takes at most one command name", "help");
  const text = COMMAND_HELP[argv[0]];
  if (text === undefined) return usageError(io, `unknown command \`${argv[0]}\``);
  io.out(text);
  return EXIT.ok;
}
