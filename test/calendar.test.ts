import { describe, expect, it } from 'vitest';
import {
  ALWAYS,
  describeClock,
  isTimeZone,
  localDate,
  readCalendar,
  serviceHours,
  zonedInstant,
  zoneOffset,
  wallByFormatter,
  wallByLocalTime,
  wallByParts,
  type ServiceCalendar,
} from '../src/calendar.js';
import { calendarPeriodsOf, lastCompleteMonth, lastCompleteQuarter, namedPeriod, quarterLabel } from '../src/period.js';
import { parseDate, parseInstant } from '../src/dates.js';

const t = (s: string): number => Date.parse(s);
const BERLIN = readCalendar(
  { timezone: 'Europe/Berlin', days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '08:00', to: '18:00', holidays: ['2026-12-25'] },
  undefined,
).calendar as ServiceCalendar;

describe('service-hour clocks (Mon–Fri 08:00–18:00 Europe/Berlin, 25 December off)', () => {
  it('reads the calendar', () => {
    expect(describeClock(BERLIN)).toBe('Mon, Tue, Wed, Thu, Fri 08:00–18:00 Europe/Berlin, 1 holiday');
  });

  it('across a night: Tue 16:00 → Wed 10:00 local (CEST) is 2 h + 2 h = 4 service hours', () => {
    expect(serviceHours(BERLIN, t('2026-10-20T14:00:00Z'), t('2026-10-21T08:00:00Z'))).toBe(4);
  });

  it('across a weekend: Fri 17:00 → Mon 09:30 is 1 h (Fri) + 1.5 h (Mon) = 2.5 service hours', () => {
    expect(serviceHours(BERLIN, t('2026-10-16T15:00:00Z'), t('2026-10-19T07:30:00Z'))).toBe(2.5);
  });

  it('across a holiday: Thu 24 Dec 17:00 → Mon 28 Dec 09:00 (CET) is 1 h + 1 h = 2 service hours; 25 Dec counts nothing', () => {
    expect(serviceHours(BERLIN, t('2026-12-24T16:00:00Z'), t('2026-12-28T08:00:00Z'))).toBe(2);
  });

  it('across the last Sunday of October (clocks go back 03:00 → 02:00 on 25 Oct 2026)', () => {
    // Fri 23 Oct 17:00 CEST (15:00Z) → Mon 26 Oct 09:00 CET (08:00Z): 1 h on Friday + 1 h on Monday.
    expect(serviceHours(BERLIN, t('2026-10-23T15:00:00Z'), t('2026-10-26T08:00:00Z'))).toBe(2);
    // Around the clock the same span is 65 real hours (the local clock shows only 64).
    expect(serviceHours(ALWAYS, t('2026-10-23T15:00:00Z'), t('2026-10-26T08:00:00Z'))).toBe(65);
    // Monday's window starts at 08:00 CET, which is 07:00Z (it was 06:00Z before the change).
    expect(zonedInstant('2026-10-26', 8 * 60, 'Europe/Berlin')).toBe(t('2026-10-26T07:00:00Z'));
    expect(zonedInstant('2026-10-23', 8 * 60, 'Europe/Berlin')).toBe(t('2026-10-23T06:00:00Z'));
  });

  it('a 24×7 target across the last Sunday of March: Sat 22:00 CET → Sun 06:00 CEST is 7 real hours', () => {
    expect(serviceHours(ALWAYS, t('2026-03-28T21:00:00Z'), t('2026-03-29T04:00:00Z'))).toBe(7);
    expect(zoneOffset(t('2026-03-29T00:30:00Z'), 'Europe/Berlin')).toBe(3_600_000);
    expect(zoneOffset(t('2026-03-29T01:30:00Z'), 'Europe/Berlin')).toBe(7_200_000);
    // 02:30 does not exist that night: moved forward by the gap, to 03:30 CEST (01:30Z).
    expect(zonedInstant('2026-03-29', 150, 'Europe/Berlin')).toBe(t('2026-03-29T01:30:00Z'));
    // 02:30 on 25 October exists twice: the earlier one (CEST, 00:30Z).
    expect(zonedInstant('2026-10-25', 150, 'Europe/Berlin')).toBe(t('2026-10-25T00:30:00Z'));
  });

  it('a P3 from Tuesday 07:10 to Thursday 03:10 is 44 clock hours but 20 service hours', () => {
    // Tue 2026-09-15 07:10 CEST = 05:10Z; Thu 2026-09-17 03:10 CEST = 01:10Z.
    expect(serviceHours(ALWAYS, t('2026-09-15T05:10:00Z'), t('2026-09-17T01:10:00Z'))).toBe(44);
    // Tue 08:00–18:00 (10 h) + Wed 08:00–18:00 (10 h) + Thu before opening (0 h).
    expect(serviceHours(BERLIN, t('2026-09-15T05:10:00Z'), t('2026-09-17T01:10:00Z'))).toBe(20);
  });

  it('an interval entirely outside service hours is 0; a reversed one is 0', () => {
    expect(serviceHours(BERLIN, t('2026-10-24T10:00:00Z'), t('2026-10-25T10:00:00Z'))).toBe(0);
    expect(serviceHours(BERLIN, t('2026-10-21T10:00:00Z'), t('2026-10-20T10:00:00Z'))).toBe(0);
  });

  it('local dates of instants near midnight', () => {
    expect(localDate(t('2026-09-30T23:30:00Z'), 'Europe/Berlin')).toBe('2026-10-01');
    expect(localDate(t('2026-10-01T01:00:00Z'), 'America/Chicago')).toBe('2026-09-30');
  });
});

describe('calendar problems are located', () => {
  it.each([
    [{ timezone: 'Europe/Berlinn', days: ['mon'], from: '08:00', to: '18:00' }, [['timezone'], 'is not a known time zone']],
    [{ timezone: 'UTC', days: ['mon'], from: '18:00', to: '08:00' }, [['to'], 'must be after from']],
    [{ timezone: 'UTC', days: ['mon', 'funday'], from: '08:00', to: '18:00' }, [['days', 1], 'is not a day']],
    [{ timezone: 'UTC', days: ['mon'], from: '8:00', to: '18:00' }, [['from'], 'must be a time HH:MM']],
    [{ timezone: 'UTC', days: ['mon'], from: '08:00', to: '18:00', holidays: ['2026-02-30'] }, [['holidays', 0], 'is not a date']],
    [{ days: ['mon'], from: '08:00', to: '18:00' }, [[], 'has no timezone']],
  ])('%j', (raw, [path, text]) => {
    const r = readCalendar(raw, undefined);
    expect(r.calendar).toBeUndefined();
    expect(r.problems[0]!.path).toEqual(path);
    expect(r.problems[0]!.message).toContain(text as string);
  });

  it('the organisation time zone fills a calendar without one; 24:00 is the end of the day', () => {
    const r = readCalendar({ days: ['sat', 'sun'], from: '00:00', to: '24:00' }, 'Europe/Vienna');
    expect(r.problems).toEqual([]);
    expect(r.calendar!.timezone).toBe('Europe/Vienna');
    expect(serviceHours(r.calendar!, t('2026-10-24T00:00:00Z'), t('2026-10-26T00:00:00Z'))).toBe(47); // Sat+Sun local = 49 h, minus the 2 h before 02:00 local on Saturday
    expect(isTimeZone('Not/AZone')).toBe(false);
  });
});

describe('periods', () => {
  it('names months, quarters and years, and refuses what does not exist', () => {
    expect(namedPeriod('2026-10')).toEqual({ since: '2026-10-01', until: '2026-10-31' });
    expect(namedPeriod('2026-02')).toEqual({ since: '2026-02-01', until: '2026-02-28' });
    expect(namedPeriod('2026-Q3')).toEqual({ since: '2026-07-01', until: '2026-09-30' });
    expect(namedPeriod('2026')).toEqual({ since: '2026-01-01', until: '2026-12-31' });
    for (const bad of ['2026-13', '2026-00', '2026-Q5', '26-10', '2026-1', 'last month']) expect(namedPeriod(bad), bad).toBeUndefined();
  });

  it('calendar-aligned defaults, and the whole months or quarters a period touches', () => {
    expect(lastCompleteMonth('2026-11-29')).toEqual({ since: '2026-10-01', until: '2026-10-31' });
    expect(lastCompleteMonth('2026-01-05')).toEqual({ since: '2025-12-01', until: '2025-12-31' });
    expect(lastCompleteQuarter('2026-11-29')).toEqual({ since: '2026-07-01', until: '2026-09-30' });
    expect(lastCompleteQuarter('2026-02-10')).toEqual({ since: '2025-10-01', until: '2025-12-31' });
    expect(calendarPeriodsOf({ since: '2026-09-15', until: '2026-11-10' }, 'month')).toEqual([
      { since: '2026-09-01', until: '2026-09-30' },
      { since: '2026-10-01', until: '2026-10-31' },
      { since: '2026-11-01', until: '2026-11-30' },
    ]);
    expect(calendarPeriodsOf({ since: '2026-02-15', until: '2026-04-10' }, 'quarter')).toEqual([
      { since: '2026-01-01', until: '2026-03-31' },
      { since: '2026-04-01', until: '2026-06-30' },
    ]);
    expect(['2026-01-01', '2026-03-31', '2026-04-01', '2026-12-31'].map(quarterLabel)).toEqual([
      '2026-Q1',
      '2026-Q1',
      '2026-Q2',
      '2026-Q4',
    ]);
  });
});

describe('local time without a formatter (the first lookups of a run) agrees with Intl', () => {
  const zones = Intl.supportedValuesOf('timeZone');
  const iso = (ms: number | undefined): string => (ms === undefined ? 'none' : new Date(ms).toISOString());

  it('every zone the platform lists, at instants spread over 1970-2100 (odd hours, minutes and seconds)', () => {
    expect(zones.length).toBeGreaterThan(300);
    const step = 3_287 * 86_400_000 + 7 * 3_600_000 + 13 * 60_000 + 17_000;
    const differ: string[] = [];
    for (const tz of zones)
      for (let ms = 0; ms < Date.UTC(2100, 0, 1); ms += step) {
        const fast = wallByLocalTime(ms, tz);
        if (fast !== wallByFormatter(ms, tz)) differ.push(`${tz} at ${iso(ms)}: ${iso(fast)}`);
      }
    expect(differ).toEqual([]);
  });

  it('a second before, at and after each change of offset, and an hour either side (DST, half-hour and 45-minute zones)', () => {
    const tzs = [
      'Europe/Berlin',
      'America/New_York',
      'America/St_Johns',
      'Australia/Lord_Howe',
      'Pacific/Chatham',
      'Africa/Casablanca',
      'America/Santiago',
      'Asia/Tehran',
    ];
    const differ: string[] = [];
    let changes = 0;
    for (const tz of tzs) {
      const offset = (ms: number): number => wallByFormatter(ms, tz) - ms;
      let prev = offset(Date.UTC(2015, 0, 1));
      for (let ms = Date.UTC(2015, 0, 1) + 86_400_000; ms < Date.UTC(2031, 0, 1); ms += 86_400_000) {
        if (offset(ms) === prev) continue;
        // The change is in the day before: find its second.
        let lo = ms - 86_400_000;
        let hi = ms;
        while (hi - lo > 1000) {
          const mid = Math.floor((lo + hi) / 2000) * 1000;
          if (offset(mid) === prev) lo = mid;
          else hi = mid;
        }
        changes++;
        for (const d of [-3_600_000, -1000, 0, 1000, 3_600_000])
          if (wallByLocalTime(hi + d, tz) !== wallByFormatter(hi + d, tz)) differ.push(`${tz} at ${iso(hi + d)}`);
        prev = offset(ms);
      }
    }
    expect(changes).toBeGreaterThan(150);
    expect(differ).toEqual([]);
  });

  it("the formatter's text and its parts give the same wall-clock time: every zone, 1970-2100 and the years at the ends of Date's range", () => {
    const step = 3_287 * 86_400_000 + 7 * 3_600_000 + 13 * 60_000 + 17_000;
    const far = [
      -8.64e15,
      -62_198_755_200_000,
      Date.UTC(-1, 0, 1),
      Date.UTC(0, 5, 1, 23, 59, 59),
      Date.parse('0050-06-01T12:00:00Z'),
      8.64e15,
    ];
    const differ: string[] = [];
    for (const tz of [...zones, 'UTC', 'US/Eastern', 'Asia/Calcutta'])
      for (const ms of [...far, ...Array.from({ length: 20 }, (_, k) => k * step)])
        if (!Object.is(wallByFormatter(ms, tz), wallByParts(ms, tz))) differ.push(`${tz} at ${ms}`);
    expect(differ).toEqual([]);
  });

  it('years 0-99 stay themselves (Date.UTC would read them as 1900-1999), in every zone', () => {
    for (const tz of ['UTC', 'Europe/Berlin', 'America/New_York'])
      expect(localDate(Date.parse('0050-06-01T12:00:00Z'), tz), tz).toBe('0050-06-01');
    expect(wallByFormatter(Date.parse('0004-02-29T10:00:00Z'), 'UTC')).toBe(Date.parse('0004-02-29T10:00:00Z'));
  });

  it('declines what it cannot vouch for, and leaves TZ and local time as they were', () => {
    const before = process.env.TZ;
    process.env.TZ = 'Asia/Tokyo';
    try {
      expect(wallByLocalTime(Date.UTC(2026, 5, 1), 'Europe/Berlin')).toBe(Date.UTC(2026, 5, 1, 2));
      expect(process.env.TZ).toBe('Asia/Tokyo');
      expect(new Date(0).getTimezoneOffset()).toBe(-540);
      // Before 1970 (offsets of seconds), an alias off the canonical list, a name ICU does not know.
      expect(wallByLocalTime(Date.UTC(1960, 0, 1), 'Africa/Monrovia')).toBeUndefined();
      expect(wallByLocalTime(Date.UTC(2026, 0, 1), 'US/Eastern')).toBeUndefined();
      expect(wallByLocalTime(Date.UTC(2026, 0, 1), 'Mars/Olympus_Mons')).toBeUndefined();
      // Without TZ before, there is none after.
      delete process.env.TZ;
      expect(wallByLocalTime(Date.UTC(2026, 5, 1), 'Asia/Tokyo')).toBe(Date.UTC(2026, 5, 1, 9));
      expect(Object.keys(process.env)).not.toContain('TZ');
      // The formatter still answers for the alias.
      expect(localDate(Date.UTC(2026, 0, 1, 3), 'US/Eastern')).toBe('2025-12-31');
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });
});

describe('instants in documents', () => {
  it('read only with the offsets time zones use, -12:00 to +14:00: +23:00 is not read as the day before', () => {
    expect(parseInstant('2026-10-21T14:00:00+14:00')).toBe(Date.parse('2026-10-21T00:00:00Z'));
    expect(parseInstant('2026-10-21T14:00:00-12:00')).toBe(Date.parse('2026-10-22T02:00:00Z'));
    for (const v of ['2026-10-21T14:00:00+23:00', '2026-10-21T14:00:00+14:30', '2026-10-21T14:00:00-12:30', '2026-10-21T14:00:00+05:60'])
      expect(parseInstant(v), v).toBeUndefined();
  });

  it('a date names a real day in every year from 1 to 2500, leap days by the Gregorian rule', () => {
    // The calendar's own answer, asked of Date with the year set exactly (Date.UTC reads 0–99 as 1900–1999).
    const oracle = (y: number, m: number, d: number): boolean => {
      const at = new Date(0);
      at.setUTCFullYear(y, m - 1, d);
      return at.getUTCFullYear() === y && at.getUTCMonth() === m - 1 && at.getUTCDate() === d;
    };
    const pad = (n: number, w: number): string => String(n).padStart(w, '0');
    let checked = 0;
    for (let y = 1; y <= 2500; y++) {
      for (let m = 1; m <= 12; m++) {
        for (const d of [0, 1, 28, 29, 30, 31, 32]) {
          const text = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
          const real = d >= 1 && oracle(y, m, d);
          if ((parseDate(text) !== undefined) !== real) throw new Error(`${text}: read as ${real ? 'no day' : 'a day'}`);
          checked++;
        }
      }
    }
    expect(checked).toBe(2500 * 12 * 7);
    expect(parseDate('2000-02-29')).toBe('2000-02-29');
    expect(parseDate('1900-02-29')).toBeUndefined();
    expect(parseDate('0004-02-29')).toBe('0004-02-29');
  });

  it('an instant read again, or after many others, reads the same: a day that does not exist stays unread', () => {
    const v = '2026-02-29T10:00:00Z';
    expect(parseInstant(v)).toBeUndefined();
    expect(parseInstant(v)).toBeUndefined();
    expect(parseInstant('2028-02-29T10:00:00+01:00')).toBe(Date.parse('2028-02-29T09:00:00Z'));
    // More distinct instants than are kept: the ones read before them still read right.
    for (let i = 0; i < 120_000; i++) parseInstant(new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString());
    expect(parseInstant(v)).toBeUndefined();
    expect(parseInstant('2028-02-29T10:00:00+01:00')).toBe(Date.parse('2028-02-29T09:00:00Z'));
    expect(parseInstant('2026-01-01T00:01:00.000Z')).toBe(Date.UTC(2026, 0, 1, 0, 1));
  });
});
