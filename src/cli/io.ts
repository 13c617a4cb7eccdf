import { DAY_MS, parseDate } from '../dates.js';
import { localDate, zonedInstant, zoneOffset } from '../calendar.js';
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

/**
 * Now, to the second, as a new record or a status is stamped with: the clock's instant, which falls
 * on today in the organisation's time zone. With SMS_TODAY pinning another day, that day at the
 * clock's time of day there, so that the stamp falls on the day the checks use (a day joined to the
 * clock's UTC time of day would be up to a day off in a zone far from UTC).
 */
export function nowStamp(io: CliIO, timezone?: string): number {
  const zone = timezone ?? 'UTC';
  const clock = Math.floor(Date.now() / 1000) * 1000;
  const day = today(io, timezone);
  if (localDate(clock, zone) === day) return clock;
  const wall = (((clock + zoneOffset(clock, zone)) % DAY_MS) + DAY_MS) % DAY_MS;
  return zonedInstant(day, Math.floor(wall / 60_000), zone) + (wall % 60_000);
}
