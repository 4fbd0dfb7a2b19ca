// A child process for the crash test: appends numbered payloads in batches to the log in
// argv[2] and prints each acknowledged index on stdout, until it is killed.
import { EmbeddedLog } from "../../../runtime/ordering/embedded-log.js";

const log = EmbeddedLog.open(process.argv[2]);
let n = log.lastIndex();
process.stdout.write(`recovery ${JSON.stringify(log.recovery)}\n`);
for (;;) {
  const batch = [1, 2, 3].map(() => new TextEncoder().encode(`payload-${++n}`));
  const acked = await log.append(batch);
  process.stdout.write(`acked ${acked[acked.length - 1]}\n`);
}
