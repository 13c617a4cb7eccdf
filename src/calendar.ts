import { DAY_MS, HOUR_MS, LAST_DAY, parseDate } from './dates.js';

/**
 * Service-hour clocks. An agreement's hours ("Mon-Fri 08:00-18:00, Europe/Berlin, not on public
 * holidays") turn the time between two instants into the service time that counts against a
 * target. Local times are converted with the platform's time-zone database (Intl), so daylight
 * saving changes fall where they really fall; nothing about time zones is computed by hand.
 */

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface ServiceCalendar {
  timezone: string;
  days: Weekday[];
  /** Start of service each service day, minutes after local midnight. */
  from: number;
  /** End of service each service day, minutes after local midnight (1440 = midnight at the end). */
  to: number;
  holidays: ReadonlySet<string>;
}

/** Around the clock: every minute counts. */
export const ALWAYS = '24x7';
export type Clock = ServiceCalendar | typeof ALWAYS;

const zoneCheck = new Map<string, boolean>();
let zones: ReadonlySet<string> | undefined;
const canonicalZones = (): ReadonlySet<string> => (zones ??= new Set(Intl.supportedValuesOf('timeZone')));

/** Whether `tz` is a time zone the platform knows (IANA name such as Europe/Berlin, or UTC). */
export function isTimeZone(tz: unknown): tz is string {
  if (typeof tz !== 'string' || tz.length === 0 || tz.length > 64) return false;
  let ok = zoneCheck.get(tz);
  // The platform's list of canonical names answers most names in a few milliseconds; building a
  // formatter costs 20-30 ms at start-up, so it is only asked about names off that list (aliases
  // such as Asia/Calcutta, which it also accepts).
  if (ok === undefined && (tz === 'UTC' || canonicalZones().has(tz))) ok = true;
  if (ok === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
      ok = true;
    } catch {
      ok = false;
    }
    zoneCheck.set(tz, ok);
  }
  return ok;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** The wall-clock time in `tz` at an instant, as if it were UTC (so offset = result - ms), to the second. */
function wallAsUtc(ms: number, tz: string): number {
  if (tz === 'UTC') return Math.floor(ms / 1000) * 1000;
  if (localTimeLookupsLeft > 0) {
    const wall = wallByLocalTime(ms, tz);
    if (wall !== undefined) {
      localTimeLookupsLeft--;
      return wall;
    }
  }
  return wallByFormatter(ms, tz);
}

/** What en-US formats as "MM/DD/YYYY, hh:mm:ss" with the options of formatter(). */
const FORMATTED = /^(\d{2})\/(\d{2})\/(\d+), (\d{2}):(\d{2}):(\d{2})$/;

/** The wall-clock time read from an Intl formatter (see wallAsUtc). */
export function wallByFormatter(ms: number, tz: string): number {
  const f = formatter(tz);
  // format() is several times faster than formatToParts() and gives the same digits; the parts
  // answer whatever the pattern does not recognise.
  const m = FORMATTED.exec(f.format(ms));
  if (m) return utc(Number(m[3]), Number(m[1]) - 1, Number(m[2]), Number(m[4]), Number(m[5]), Number(m[6]));
  return wallByParts(ms, tz);
}

/** The wall-clock time read from the formatter's parts. */
export function wallByParts(ms: number, tz: string): number {
  const p: Record<string, number> = {};
  for (const part of formatter(tz).formatToParts(ms)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return utc(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
}

/** Date.UTC for every year: Date.UTC itself reads years 0-99 as 1900-1999. */
function utc(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month, day);
  d.setUTCHours(hour, minute, second, 0);
  return d.getTime();
}

/*
 * Building the first Intl formatter costs 20-30 ms (ICU loads its date-format data), which is most
 * of what a pre-commit check spends on "today" in the organisation's time zone; after that each
 * lookup costs about 8 microseconds. The platform's local-time functions (Date#getHours, ...) read
 * the same ICU time-zone data for the zone named by process.env.TZ, which Node re-reads whenever
 * TZ is set, at about 50 microseconds a lookup and no start-up cost. So the first lookups of a run
 * point TZ at the zone for one synchronous read and put it back, and later ones use a formatter.
 * Both give the same answer: docs/decisions/0005-local-time-at-start-up.md records the comparison
 * over every zone from 1970 to 2100 and at every transition, and a test repeats part of it.
 */
let localTimeLookupsLeft = 64;
/** From 1970 until 2100: the range compared, where every zone's offset is whole seconds. */
const LOCAL_TIME_RANGE: readonly [number, number] = [0, Date.UTC(2100, 0, 1)];
let localTimeFollowsTz: boolean | undefined;

function withTz<T>(tz: string, read: () => T): T {
  const env = process.env;
  const before = env.TZ;
  env.TZ = tz;
  try {
    return read();
  } finally {
    if (before === undefined) delete env.TZ;
    else env.TZ = before;
  }
}

/**
 * The wall-clock time read from the platform's local time with TZ pointed at `tz`; undefined
 * where that is not known to agree with the formatter: outside 1970-2100, for a name off the
 * platform's list of canonical zones (ICU would quietly read an unknown TZ as UTC), or where
 * setting TZ does not move local time (a worker thread has its own copy of the environment).
 */
export function wallByLocalTime(ms: number, tz: string): number | undefined {
  if (!(ms >= LOCAL_TIME_RANGE[0] && ms < LOCAL_TIME_RANGE[1]) || !canonicalZones().has(tz)) return undefined;
  localTimeFollowsTz ??=
    withTz('Etc/GMT-14', () => new Date(0).getTimezoneOffset()) === -840 &&
    withTz('Etc/GMT+12', () => new Date(0).getTimezoneOffset()) === 720;
  if (!localTimeFollowsTz) return undefined;
  return withTz(tz, () => {
    const d = new Date(ms);
    return utc(d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds());
  });
}

/** Offset of `tz` from UTC at an instant, in milliseconds (Europe/Berlin in summer: +7,200,000). */
export function zoneOffset(ms: number, tz: string): number {
  return wallAsUtc(Math.floor(ms / 1000) * 1000, tz) - Math.floor(ms / 1000) * 1000;
}

/**
 * The instant of a local date and time in `tz`. As Temporal's "compatible" disambiguation: a local
 * time that does not exist (skipped when clocks go forward) is moved forward by the length of the
 * gap; one that exists twice (clocks go back) is its earlier occurrence.
 */
export function zonedInstant(date: string, minutes: number, tz: string): number {
  // Service-time clocks ask for the same opening and closing times of the same days for every
  // incident: each answer takes several formatter calls, so answers are kept (the function is pure).
  const key = `${tz}\u0000${date}\u0000${minutes}`;
  let hit = instants.get(key);
  if (hit === undefined) {
    if (instants.size >= 100_000) instants.clear();
    hit = computeZonedInstant(date, minutes, tz);
    instants.set(key, hit);
  }
  return hit;
}

const instants = new Map<string, number>();

function computeZonedInstant(date: string, minutes: number, tz: string): number {
  const local = Date.parse(`${date}T00:00:00Z`) + minutes * 60_000;
  // A day either side is always outside a change, so these are the offsets before and after it.
  const before = local - zoneOffset(local - DAY_MS, tz);
  const after = local - zoneOffset(local + DAY_MS, tz);
  const exact = [before, after].filter((c) => wallAsUtc(c, tz) === local).sort((a, b) => a - b);
  // In a gap neither candidate shows the asked-for time: the pre-change offset moves it forward.
  return exact[0] ?? before;
}

/**
 * The local calendar date in `tz` of an instant; past the year 9999 (where a date would be written
 * "+010000-01-01" and sort before every other), the last day there is.
 */
export function localDate(ms: number, tz: string): string {
  const wall = wallAsUtc(ms, tz);
  return wall >= FIRST_AFTER_9999 ? LAST_DAY : new Date(wall).toISOString().slice(0, 10);
}

const FIRST_AFTER_9999 = Date.UTC(10000, 0, 1);

/** Weekday of a YYYY-MM-DD date. */
export function weekdayOf(date: string): Weekday {
  return WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()]!;
}

/** Milliseconds of service time between two instants on a clock. */
export function serviceTime(clock: Clock, start: number, end: number): number {
  if (!(end > start)) return 0;
  if (clock === ALWAYS) return end - start;
  let total = 0;
  let day = localDate(start, clock.timezone);
  const last = localDate(end, clock.timezone);
  // A local day is never more than 25 hours, so this walks one iteration per calendar day.
  for (let guard = 0; day <= last && guard < 400_000; guard++) {
    if (clock.days.includes(weekdayOf(day)) && !clock.holidays.has(day)) {
      const open = zonedInstant(day, clock.from, clock.timezone);
      const close = clock.to >= 1440 ? zonedInstant(nextDate(day), 0, clock.timezone) : zonedInstant(day, clock.to, clock.timezone);
      const a = Math.max(open, start);
      const b = Math.min(close, end);
      if (b > a) total += b - a;
    }
    day = nextDate(day);
  }
  return total;
}

/** Service hours between two instants on a clock. */
export function serviceHours(clock: Clock, start: number, end: number): number {
  return serviceTime(clock, start, end) / HOUR_MS;
}

function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}

export interface CalendarProblem {
  path: (string | number)[];
  message: string;
}

/** `HH:MM` to minutes after midnight; `24:00` is allowed as an end. */
export function parseClockTime(v: unknown, allowMidnightEnd: boolean): number | undefined {
  if (typeof v !== 'string') return undefined;
  const m = /^(\d{2}):(\d{2})$/.exec(v);
  if (!m) return undefined;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h === 24 && min === 0 && allowMidnightEnd) return 1440;
  return h < 24 && min < 60 ? h * 60 + min : undefined;
}

/**
 * A calendar from front matter (`{ timezone, days, from, to, holidays }`), with every problem
 * located at its field. A calendar without a time zone takes `defaultTimeZone` (the
 * organisation's); without one at all it is a problem.
 */
export function readCalendar(
  raw: unknown,
  defaultTimeZone: string | undefined,
): { calendar?: ServiceCalendar; problems: CalendarProblem[] } {
  const problems: CalendarProblem[] = [];
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    return { problems: [{ path: [], message: 'the calendar must be a mapping of timezone, days, from, to and holidays' }] };
  const c = raw as Record<string, unknown>;
  const tz = c.timezone === undefined ? defaultTimeZone : c.timezone;
  if (tz === undefined) problems.push({ path: [], message: 'the calendar has no timezone, and sms.config.yaml sets none' });
  else if (!isTimeZone(tz))
    problems.push({
      path: ['timezone'],
      message: `"${String(typeof tz === 'string' ? tz : JSON.stringify(tz))}" is not a known time zone (use an IANA name such as Europe/Berlin)`,
    });
  const days: Weekday[] = [];
  if (!Array.isArray(c.days) || c.days.length === 0)
    problems.push({ path: ['days'], message: 'days must list the service days, e.g. [mon, tue, wed, thu, fri]' });
  else
    c.days.forEach((d, i) => {
      if (typeof d === 'string' && (WEEKDAYS as readonly string[]).includes(d.toLowerCase())) days.push(d.toLowerCase() as Weekday);
      else
        problems.push({
          path: ['days', i],
          message: `"${String(typeof d === 'string' ? d : JSON.stringify(d))}" is not a day (mon, tue, wed, thu, fri, sat, sun)`,
        });
    });
  const from = parseClockTime(c.from, false);
  const to = parseClockTime(c.to, true);
  if (from === undefined) problems.push({ path: ['from'], message: 'from must be a time HH:MM, e.g. "08:00" (quoted)' });
  if (to === undefined) problems.push({ path: ['to'], message: 'to must be a time HH:MM, e.g. "18:00" (quoted), or "24:00"' });
  if (from !== undefined && to !== undefined && from >= to)
    problems.push({ path: ['to'], message: `to (${String(c.to)}) must be after from (${String(c.from)})` });
  const holidays = new Set<string>();
  if (c.holidays !== undefined) {
    if (!Array.isArray(c.holidays)) problems.push({ path: ['holidays'], message: 'holidays must be a list of dates (YYYY-MM-DD)' });
    else
      c.holidays.forEach((h, i) => {
        const d = parseDate(h);
        if (d) holidays.add(d);
        else
          problems.push({
            path: ['holidays', i],
            message: `"${String(typeof h === 'string' ? h : JSON.stringify(h))}" is not a date (YYYY-MM-DD)`,
          });
      });
  }
  if (problems.length) return { problems };
  return { calendar: { timezone: tz as string, days, from: from!, to: to!, holidays }, problems };
}

/** A short description of a clock, for reports ("Mon–Fri 08:00–18:00 Europe/Berlin"). */
export function describeClock(clock: Clock): string {
  if (clock === ALWAYS) return '24×7';
  const hhmm = (m: number): string => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  const names = clock.days.map((d) => d[0]!.toUpperCase() + d.slice(1));
  return `${names.join(', ')} ${hhmm(clock.from)}–${hhmm(clock.to)} ${clock.timezone}${clock.holidays.size ? `, ${clock.holidays.size} holiday${clock.holidays.size > 1 ? 's' : ''}` : ''}`;
}
