/**
 * The one date module. Document values are untrusted: a date is exactly `YYYY-MM-DD` naming a real
 * calendar day, an instant is an RFC 3339 timestamp with `Z` or an offset. Anything else is not a
 * date, so no later arithmetic can throw. Instants are compared as numbers, never as strings
 * (`2026-09-30T20:00:00-05:00` is 1 October in UTC).
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?([Zz]|[+-]\d{2}:\d{2})$/;

export const HOUR_MS = 3_600_000;
/** The last day a date can be written as YYYY-MM-DD: what an instant past the year 9999 counts as. */
export const LAST_DAY = '9999-12-31';
export const DAY_MS = 86_400_000;

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function realDay(y: number, m: number, d: number): boolean {
  if (y < 1 || m < 1 || m > 12 || d < 1) return false;
  const leap = m === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= MONTH_DAYS[m - 1]! + (leap ? 1 : 0);
}

/** The value when it is a `YYYY-MM-DD` string naming a real day; undefined otherwise. */
export function parseDate(v: unknown): string | undefined {
  if (typeof v !== 'string' || v.length !== 10) return undefined;
  const m = DATE.exec(v);
  if (!m) return undefined;
  return realDay(Number(m[1]), Number(m[2]), Number(m[3])) ? v : undefined;
}

/**
 * Instants already read, by their text: history holds each incident's times and each commit's
 * dates in many versions, and the rules and reports read them again and again. Cleared when full,
 * so a hostile repository cannot make it grow without bound.
 */
const instants = new Map<string, number | undefined>();
const INSTANTS_KEPT = 100_000;

/** Epoch milliseconds of an RFC 3339 timestamp (with `Z` or an offset); undefined otherwise. */
export function parseInstant(v: unknown): number | undefined {
  if (typeof v !== 'string' || v.length > 40) return undefined;
  const known = instants.get(v);
  if (known !== undefined || instants.has(v)) return known;
  const ms = readInstant(v);
  if (instants.size >= INSTANTS_KEPT) instants.clear();
  instants.set(v, ms);
  return ms;
}

function readInstant(v: string): number | undefined {
  const m = INSTANT.exec(v);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s = '0', , zone] = m;
  if (!realDay(Number(y), Number(mo), Number(d)) || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return undefined;
  if (zone !== 'Z' && zone !== 'z') {
    // Only the offsets time zones use (-12:00 to +14:00): one beyond them is a typing error or a
    // trick, and would move the instant a day from what a reader sees.
    const [zh, zm] = zone!.slice(1).split(':').map(Number);
    const minutes = (zh! * 60 + zm!) * (zone![0] === '-' ? -1 : 1);
    if (zm! > 59 || minutes < -12 * 60 || minutes > 14 * 60) return undefined;
  }
  const t = Date.parse(v.replace(' ', 'T'));
  return Number.isNaN(t) ? undefined : t;
}

/**
 * Epoch milliseconds of a date (start of that day in UTC) or of an instant: for fields that accept
 * either, such as the bounds of a period.
 */
export function parseDateOrInstant(v: unknown): number | undefined {
  const d = parseDate(v);
  if (d !== undefined) return Date.parse(`${d}T00:00:00Z`);
  return parseInstant(v);
}

/** The UTC calendar day of an instant. */
export function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** `date` plus `days` (negative to go back). `date` must be a valid date. */
export function addDays(date: string, days: number): string {
  return dayOf(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS);
}

/** `date` plus whole months; the day is clipped to the end of a shorter month (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + months;
  const d = Number(date.slice(8, 10));
  const first = new Date(Date.UTC(y, m, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return dayOf(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, last)));
}

/** Whole days from `a` to `b` (both valid dates). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

/** Start of a day as epoch milliseconds (UTC). */
export function startOfDay(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

/** First instant after a day (UTC): the exclusive end of a period that includes the day. */
export function endOfDay(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) + DAY_MS;
}

/** An instant as an RFC 3339 UTC timestamp without milliseconds. */
export function formatInstant(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/** The English name of the weekday of a date (`YYYY-MM-DD`, a calendar day with no time zone); undefined when not a date. */
export function weekdayOf(date: string): string | undefined {
  return parseDate(date) === undefined ? undefined : WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()];
}

/**
 * The weekday a text names in its first word (`Tuesday 19:00`, `saturday, agreed`), in its English
 * spelling, when it names no other weekday; else undefined.
 */
export function leadingWeekday(text: string): string | undefined {
  const word = /^[A-Za-z]+(?=$|[\s,;:(])/.exec(text.trimStart())?.[0].toLowerCase();
  const day = WEEKDAYS.find((w) => w.toLowerCase() === word);
  // "Tuesday or Thursday", "Monday to Friday": a window of several days names no one day.
  const named = new Set((text.toLowerCase().match(/[a-z]+/g) ?? []).filter((w) => WEEKDAYS.some((d) => d.toLowerCase() === w)));
  return day && named.size === 1 ? day : undefined;
}
