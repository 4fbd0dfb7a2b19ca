// One row of the escrow scaling benchmark (apply-scaling.ts), in a process of its own:
// prints the row as one line of JSON.
import { scalingRow } from "./apply-scaling.js";

const n = Number(process.argv[2]);
if (!Number.isInteger(n) || n <= 0) throw new Error(`usage: apply-scaling-row.ts ENTRIES (got ${process.argv[2]})`);
process.stdout.write(`${JSON.stringify(await scalingRow(n))}\n`);
