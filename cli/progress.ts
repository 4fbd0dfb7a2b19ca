// A one-line progress bar on stderr for long runs, drawn only when stderr is a terminal
// (so logs and CI output stay clean). `clear` before printing anything else.
import type { Io } from "./io.js";

const WIDTH = 30;
const LONG_RUN = 200;

export class Progress {
  private done = 0;
  private shown = false;
  private readonly enabled: boolean;

  constructor(
    private readonly io: Io,
    private readonly total: number,
  ) {
    this.enabled = io.progress === true && total >= LONG_RUN;
  }

  update(more: number): void {
    this.done += more;
    if (!this.enabled) return;
    const filled = Math.min(WIDTH, Math.round((this.done / this.total) * WIDTH));
    this.io.err(`\r[${"#".repeat(filled)}${".".repeat(WIDTH - filled)}] ${this.done}/${this.total} committed`);
    this.shown = true;
  }

  clear(): void {
    if (!this.shown) return;
    this.io.err("\r\x1b[K");
    this.shown = false;
  }
}
