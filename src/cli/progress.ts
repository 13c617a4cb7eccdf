import type { CliIO } from './io.js';

export interface Progress {
  update(n: number): void;
  /** Clears the progress line, if one was shown. */
  done(): void;
}

/**
 * Progress for long work, shown only when stderr is a terminal and cleared when done, so it never
 * mixes with the output or lands in a log file.
 */
export function progress(io: CliIO, label: string): Progress {
  let shown = false;
  return {
    update(n) {
      if (!io.stderr.isTTY) return;
      shown = true;
      io.stderr.write(`\r${label}… ${n} commits`);
    },
    done() {
      if (shown) io.stderr.write('\r\x1b[K');
      shown = false;
    },
  };
}
