import { parseDate } from '../dates.js';
import { localDate } from '../calendar.js';
import { smsError } from '../errors.js';

/** What a command may touch of the outside world; tests pass their own. */
export interface CliIO {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown; isTTY?: boolean };
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  /** Files this run has written so far, so a failure can say truthfully what changed. */
  written?: string[];
}

/**
 * Whether to colour a stream. `--no-color` and NO_COLOR (set and not empty, https://no-color.org)
 * always win. FORCE_COLOR follows Node's own reading (tty.getColorDepth): "", "1", "2", "3" and
 * "true" force colour; "0", "false" and any other value turn it off. Otherwise: colour on a
 * terminal only, and not when TERM is "dumb".
 */
export function useColor(io: CliIO, stream: 'stdout' | 'stderr', flag?: boolean): boolean {
  if (flag === false) return false;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined) return ['', '1', '2', '3', 'true'].includes(force);
  // A terminal that says it cannot show colour.
  if (io.env.TERM === 'dumb') return false;
  return Boolean(io[stream].isTTY);
}

/**
 * Today's date in the organisation's time zone (UTC without one), or SMS_TODAY when set, so CI
 * runs and tests can pin the date the checks use.
 */
export function today(io: CliIO, timezone?: string): string {
  const pinned = io.env.SMS_TODAY;
  if (pinned !== undefined && pinned !== '') {
    const d = parseDate(pinned);
    if (d === undefined) throw smsError('SMS_TODAY', { value: pinned.slice(0, 40) });
    return d;
  }
  return timezone ? localDate(Date.now(), timezone) : new Date().toISOString().slice(0, 10);
}
