import { addDays, addMonths, parseDate } from './dates.js';

/** A reporting period: inclusive calendar dates, in the organisation's time zone. */
export interface Period {
  since: string;
  until: string;
}

/**
 * A period named like `2026-10` (a month), `2026-Q3` (a quarter) or `2026` (a year); undefined when
 * the text is none of these or names no real month or quarter (`2026-13`, `2026-Q5`).
 */
export function namedPeriod(spec: string): Period | undefined {
  let m = /^(\d{4})$/.exec(spec);
  if (m) return { since: `${m[1]}-01-01`, until: `${m[1]}-12-31` };
  m = /^(\d{4})-Q([1-4])$/i.exec(spec);
  if (m) {
    const start = `${m[1]}-${String((Number(m[2]) - 1) * 3 + 1).padStart(2, '0')}-01`;
    return { since: start, until: addDays(addMonths(start, 3), -1) };
  }
  m = /^(\d{4})-(\d{2})$/.exec(spec);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) {
    const start = `${m[1]}-${m[2]}-01`;
    return { since: start, until: addDays(addMonths(start, 1), -1) };
  }
  return undefined;
}

/** The last calendar month that has ended by `today`. */
export function lastCompleteMonth(today: string): Period {
  const start = addMonths(`${today.slice(0, 7)}-01`, -1);
  return { since: start, until: addDays(addMonths(start, 1), -1) };
}

/** The last calendar quarter that has ended by `today`. */
export function lastCompleteQuarter(today: string): Period {
  const month = Number(today.slice(5, 7));
  const thisQuarter = `${today.slice(0, 4)}-${String(Math.floor((month - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;
  const start = addMonths(thisQuarter, -3);
  return { since: start, until: addDays(thisQuarter, -1) };
}

/**
 * The last period that has ended by `today` at an agreement's reporting cadence (`reporting`:
 * quarterly, yearly, else monthly): what its next performance report covers.
 */
export function lastReportingPeriod(cadence: unknown, today: string): Period {
  if (cadence === 'quarterly') return lastCompleteQuarter(today);
  if (cadence === 'yearly' || cadence === 'annually') {
    const year = Number(today.slice(0, 4)) - 1;
    return { since: `${year}-01-01`, until: `${year}-12-31` };
  }
  return lastCompleteMonth(today);
}

/** The first day of the period at an agreement's reporting cadence that `day` falls in (see lastReportingPeriod). */
export function reportingPeriodStart(cadence: unknown, day: string): string {
  if (cadence === 'quarterly')
    return `${day.slice(0, 4)}-${String(Math.floor((Number(day.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;
  if (cadence === 'yearly' || cadence === 'annually') return `${day.slice(0, 4)}-01-01`;
  return `${day.slice(0, 7)}-01`;
}

/** The calendar quarter a day falls in, as `--period` names it: 2026-Q3. */
export function quarterLabel(day: string): string {
  return `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
}

/** The whole calendar months, or quarters, that a period touches (not clipped to it). */
export function calendarPeriodsOf(p: Period, unit: 'month' | 'quarter'): Period[] {
  const out: Period[] = [];
  const month = Number(p.since.slice(5, 7));
  const first = unit === 'quarter' ? Math.floor((month - 1) / 3) * 3 + 1 : month;
  const step = unit === 'quarter' ? 3 : 1;
  for (let start = `${p.since.slice(0, 4)}-${String(first).padStart(2, '0')}-01`; start <= p.until; start = addMonths(start, step))
    out.push({ since: start, until: addDays(addMonths(start, step), -1) });
  return out;
}

/** Whether a value is a valid period of real dates with since ≤ until. */
export function isPeriod(p: { since?: unknown; until?: unknown }): p is Period {
  return parseDate(p.since) !== undefined && parseDate(p.until) !== undefined && (p.since as string) <= (p.until as string);
}
