import { describe, expect, it } from 'vitest';
import { CONFIG, FILES, inc, sla } from './sla-fixture.js';
import { SERVICE } from './helpers.js';
import { memoryRepository, runInMemory } from './rule-tester.js';
import { agreementsOf, availability, compliance, measureIncidents } from '../src/report/sla.js';
import { ruleById } from '../src/rules/index.js';

const loaded = memoryRepository(FILES, CONFIG);
const inputs = { documents: loaded.repository.documents, timezone: 'Europe/Berlin' };
const agreements = agreementsOf(inputs);
const bakery = agreements.find((a) => a.id === 'SLA-0001')!;
const law = agreements.find((a) => a.id === 'SLA-0002')!;
const OCTOBER = { since: '2026-10-01', until: '2026-10-31' };

describe('service levels per agreement, in service hours', () => {
  it("one customer's report holds only its own incidents: never the other's, never an ambiguous one", () => {
    const b = measureIncidents(inputs, OCTOBER, bakery);
    expect(b.map((m) => m.id)).toEqual(['INC-0006', 'INC-0005', 'INC-0001', 'INC-0003']);
    expect(b.map((m) => m.title)).not.toContain('Teams calls drop at the law office');
    const l = measureIncidents(inputs, OCTOBER, law);
    expect(l.map((m) => m.id)).toEqual(['INC-0002']);
  });

  it('INC-0002 took 44 clock hours but 20 service hours: not a breach of 20 h', () => {
    const m = measureIncidents(inputs, OCTOBER, law)[0]!;
    expect(m).toMatchObject({ clockHours: 44, resolutionHours: 20, resolutionTargetHours: 20, resolutionMet: true, breach: false });
    // response: 07:10 → 08:05 CEST, before opening hours until 08:00: 5 minutes of service time.
    expect(m.responseHours).toBe(0.08);
  });

  it('a target missed by seconds is missed: judged on the exact time, not on the hours shown to two places', () => {
    const late = memoryRepository(
      {
        ...FILES,
        // P2, 8 service hours: Tue 10 Nov 10:00 CET → Wed 08:00 is 8 h exactly; resolved 17 s later.
        'incidents/INC-0007-g.md': inc(7, 'Resolved seventeen seconds late', {
          agreement: 'SLA-0001',
          priority: 'P2',
          services: ['SVC-0001'],
          opened: '2026-11-10T09:00:00Z',
          responded: '2026-11-10T09:30:00Z',
          resolved: '2026-11-11T07:00:17Z',
        }),
        // P1 around the clock, 0.5 h response: answered after 30 min 17 s, resolved after 1 h.
        'incidents/INC-0008-h.md': inc(8, 'Answered seventeen seconds late', {
          agreement: 'SLA-0001',
          priority: 'P1',
          services: ['SVC-0001'],
          opened: '2026-11-17T09:00:00Z',
          responded: '2026-11-17T09:30:17Z',
          resolved: '2026-11-17T10:00:00Z',
        }),
      },
      CONFIG,
    );
    const at = { documents: late.repository.documents, timezone: 'Europe/Berlin' };
    const measured = measureIncidents(
      at,
      { since: '2026-11-01', until: '2026-11-30' },
      agreementsOf(at).find((a) => a.id === 'SLA-0001')!,
    );
    const row = (id: string): unknown => measured.find((m) => m.id === id);
    // Shown to two places as 8 h and 0.5 h, but over their targets, and breaches.
    expect(row('INC-0007')).toMatchObject({ resolutionHours: 8, resolutionTargetHours: 8, resolutionMet: false, breach: true });
    expect(row('INC-0008')).toMatchObject({ responseHours: 0.5, responseMet: false, breach: true });
  });

  it('across the night the clocks go back: 2 service hours, 65 clock hours', () => {
    const m = measureIncidents(inputs, OCTOBER, bakery).find((x) => x.id === 'INC-0001')!;
    expect(m).toMatchObject({ resolutionHours: 2, clockHours: 65, resolutionMet: true, responseHours: 0.5, responseMet: true });
  });

  it('a P1 around the clock: open at the end of October within target, a breach in November', () => {
    const oct = measureIncidents(inputs, OCTOBER, bakery).find((x) => x.id === 'INC-0003')!;
    expect(oct).toMatchObject({
      openAtEnd: true,
      resolutionHours: 2,
      resolutionMet: true,
      breach: false,
      clock: '24×7',
      attribution: 'inferred',
    });
    const nov = measureIncidents(inputs, { since: '2026-11-01', until: '2026-11-30' }, bakery);
    expect(nov.map((m) => [m.id, m.resolutionHours, m.breach])).toEqual([['INC-0003', 6.5, true]]);
  });

  it('an offset timestamp is compared as an instant: 30 Sep 20:00 -05:00 is October in Berlin', () => {
    expect(measureIncidents(inputs, { since: '2026-09-01', until: '2026-09-30' }, bakery).map((m) => m.id)).toEqual(['INC-0006']);
    const m = measureIncidents(inputs, OCTOBER, bakery).find((x) => x.id === 'INC-0005')!;
    // 03:00 → 08:00 CEST is outside service hours: the response at 08:00 took 0 service hours; resolved 12:00: 4 h.
    expect(m).toMatchObject({ openedInPeriod: true, responseHours: 0, resolutionHours: 4 });
  });

  it('met % per priority, in service hours', () => {
    const c = compliance(measureIncidents(inputs, OCTOBER, bakery), bakery);
    // P3 resolved in October: INC-0005 (4 h) and INC-0001 (2 h), both within 20 h.
    expect(c.find((x) => x.priority === 'P3')).toMatchObject({
      resolved: 2,
      resolutionMet: 2,
      resolutionMetPercent: 100,
      medianResolutionHours: 3,
      breaches: 0,
    });
    // P2: INC-0006 resolved 1 Oct 09:40 CEST, 17:00–18:00 + 08:00–09:40 = 2.67 h of 8.
    expect(c.find((x) => x.priority === 'P2')).toMatchObject({ resolved: 1, resolutionMet: 1, medianResolutionHours: 2.67 });
  });

  it('availability per calendar month from outage records, split at the month boundary, in service hours', () => {
    const rows = availability(inputs, bakery, { since: '2026-09-01', until: '2026-10-31' });
    const svc2 = rows.filter((r) => r.service === 'SVC-0002');
    // September 2026 has 22 weekdays: 22 × 600 = 13,200 service minutes, 60 down: 99.5454…% → 99.54.
    expect(svc2[0]).toMatchObject({ since: '2026-09-01', serviceMinutes: 13200, downtimeMinutes: 60, percent: 99.54, met: true });
    // October 2026 has 22 weekdays too: 90 minutes down: 99.318…% → 99.31, below 99.5.
    expect(svc2[1]).toMatchObject({ since: '2026-10-01', serviceMinutes: 13200, downtimeMinutes: 90, percent: 99.31, met: false });
    // SVC-0001 had no outage recorded: said so, with no figure invented for it.
    const quiet = rows.find((r) => r.service === 'SVC-0001' && r.since === '2026-10-01')!;
    expect(quiet).toMatchObject({ downtimeMinutes: 0, note: 'no outage recorded' });
    expect(quiet.percent).toBeUndefined();
    expect(quiet.met).toBeUndefined();
  });

  it('a P1 without an outage record makes the month unknown, not 100%', () => {
    const rows = availability(inputs, bakery, { since: '2026-10-01', until: '2026-10-31' });
    expect(rows.find((r) => r.service === 'SVC-0002')).toMatchObject({ percent: 99.31 });
    const withP1 = {
      ...FILES,
      'incidents/INC-0007-g.md': inc(7, 'Mail down again', {
        agreement: 'SLA-0001',
        priority: 'P1',
        services: ['SVC-0002'],
        opened: '2026-10-20T09:00:00Z',
        resolved: '2026-10-20T10:00:00Z',
      }),
    };
    const octP1 = availability({ ...inputs, documents: memoryRepository(withP1, CONFIG).repository.documents }, bakery, OCTOBER).find(
      (r) => r.service === 'SVC-0002',
    )!;
    expect(octP1.percent).toBeUndefined();
    expect(octP1.note).toBe('not known: P1 incident INC-0007 without an outage record');
  });
});

describe('which period a measure belongs to, and what an agreement measures availability over', () => {
  /** The bakery's fixture with more incidents (and agreements), measured for `agreement`. */
  const withFiles = (files: Record<string, string>) => {
    const docs = memoryRepository({ ...FILES, ...files }, CONFIG).repository.documents;
    const ins = { documents: docs, timezone: 'Europe/Berlin' };
    const views = agreementsOf(ins);
    return { ins, of: (id: string) => views.find((a) => a.id === id)! };
  };

  it('a response is measured in the period it was given: a late one across the month end is a breach in the next month', () => {
    // P2 (response 1 h): opened Tue 31 Mar 17:00 CEST, answered Wed 1 Apr 12:00 CEST: 1 h + 4 h = 5 service hours.
    const { ins, of } = withFiles({
      'incidents/INC-0008-h.md': inc(8, 'Shared mailbox gone', {
        agreement: 'SLA-0001',
        priority: 'P2',
        services: ['SVC-0002'],
        opened: '2026-03-31T15:00:00Z',
        responded: '2026-04-01T10:00:00Z',
        resolved: '2026-04-01T13:00:00Z',
      }),
    });
    const march = measureIncidents(ins, { since: '2026-03-01', until: '2026-03-31' }, of('SLA-0001'));
    // Not answered by the end of March, 1 h in: not late yet, and not "met" either.
    expect(march.map((m) => [m.id, m.responseHours, m.responseMet, m.breach])).toEqual([['INC-0008', 1, undefined, false]]);
    expect(compliance(march, of('SLA-0001')).find((c) => c.priority === 'P2')).toMatchObject({ responded: 0, responseMet: 0 });
    const april = measureIncidents(ins, { since: '2026-04-01', until: '2026-04-30' }, of('SLA-0001'));
    expect(april.map((m) => [m.id, m.responseHours, m.responseMet, m.breach])).toEqual([['INC-0008', 5, false, true]]);
    expect(compliance(april, of('SLA-0001')).find((c) => c.priority === 'P2')).toMatchObject({ responded: 1, responseMet: 0, breaches: 1 });
  });

  it('an incident resolved without a recorded response was answered by its resolution at the latest, and no later is known', () => {
    const { ins, of } = withFiles({
      // P3 (response 4 h): Mon 19 Oct 10:00 → 10:30 CEST, no response recorded: answered within 0.5 h, so met.
      'incidents/INC-0008-h.md': inc(8, 'Label printer', {
        agreement: 'SLA-0001',
        priority: 'P3',
        services: ['SVC-0002'],
        opened: '2026-10-19T08:00:00Z',
        resolved: '2026-10-19T08:30:00Z',
      }),
      // P3: Tue 20 Oct 10:00 → 16:00 CEST (6 service hours), no response recorded: whether within 4 h is not known.
      'incidents/INC-0009-i.md': inc(9, 'Scanner', {
        agreement: 'SLA-0001',
        priority: 'P3',
        services: ['SVC-0002'],
        opened: '2026-10-20T08:00:00Z',
        resolved: '2026-10-20T14:00:00Z',
      }),
    });
    const oct = measureIncidents(ins, OCTOBER, of('SLA-0001'));
    const byId = (id: string) => oct.find((m) => m.id === id)!;
    expect(byId('INC-0008')).toMatchObject({ responseMet: true, breach: false, responseRecorded: false });
    expect(byId('INC-0008').responseHours).toBeUndefined();
    expect(byId('INC-0009')).toMatchObject({ breach: false, responseRecorded: false });
    expect(byId('INC-0009').responseMet).toBeUndefined();
    expect(byId('INC-0009').responseHours).toBeUndefined();
    // P3 answered in October: INC-0001 and INC-0005 (recorded, met) and INC-0008 (met by its resolution).
    expect(compliance(oct, of('SLA-0001')).find((c) => c.priority === 'P3')).toMatchObject({ responded: 3, responseMet: 3, breaches: 0 });
  });

  it('an outage with no recorded end ends when the incident was resolved, not at the end of every month', () => {
    // P1 on SVC-0002: outage from Tue 20 Oct 10:00 CEST, resolved 13:00 CEST: 180 of 13,200 minutes: 98.636…% → 98.63.
    const { ins, of } = withFiles({
      'incidents/INC-0008-h.md': inc(8, 'Mail down', {
        agreement: 'SLA-0001',
        priority: 'P1',
        services: ['SVC-0002'],
        opened: '2026-10-20T08:00:00Z',
        responded: '2026-10-20T08:10:00Z',
        resolved: '2026-10-20T11:00:00Z',
        outage_start: '2026-10-20T08:00:00Z',
      }),
    });
    const rows = availability(ins, of('SLA-0001'), { since: '2026-10-01', until: '2026-11-30' }).filter((r) => r.service === 'SVC-0002');
    // October also has INC-0006's 90 minutes: 270 of 13,200: 97.954…% → 97.95.
    expect(rows.map((r) => [r.since, r.downtimeMinutes, r.percent])).toEqual([
      ['2026-10-01', 270, 97.95],
      // INC-0003's weekend outage on 1 November is outside service hours: 0 minutes, 100%.
      ['2026-11-01', 0, 100],
    ]);
  });

  it('availability counts only the service time the agreement was in force: one starting on 16 March is judged on its 12 service days', () => {
    const { ins, of } = withFiles({
      'catalogue/SVC-0004-d.md': SERVICE.replace(/SVC-0001/g, 'SVC-0004'),
      'agreements/customers/SLA-0003-cafe.md': sla('SLA-0003', 'Corner Café', ['SVC-0004'], { start: '2026-03-16' }),
      // Fri 20 Mar 10:00 → 10:45 CET: 45 of 12 × 600 = 7,200 minutes: 99.375% → 99.37, below 99.5.
      'incidents/INC-0008-h.md': inc(8, 'Till offline', {
        priority: 'P2',
        services: ['SVC-0004'],
        opened: '2026-03-20T09:00:00Z',
        responded: '2026-03-20T09:05:00Z',
        resolved: '2026-03-20T09:45:00Z',
        outage_start: '2026-03-20T09:00:00Z',
        outage_end: '2026-03-20T09:45:00Z',
      }),
    });
    const rows = availability(ins, of('SLA-0003'), { since: '2026-02-01', until: '2026-03-31' });
    // February: not in force at all, no row.
    expect(rows.map((r) => [r.since, r.until, r.serviceMinutes, r.downtimeMinutes, r.percent, r.met])).toEqual([
      ['2026-03-16', '2026-03-31', 7200, 45, 99.37, false],
    ]);
  });

  it('a period that cuts a month is measured over the whole month the agreement judges; a month not over yet is not judged', () => {
    // Fri 20 Mar 10:00 → 11:00 CET on SVC-0002: 60 of March's 22 × 600 = 13,200 minutes: 99.545…% → 99.54, met.
    const { ins, of } = withFiles({
      'incidents/INC-0008-h.md': inc(8, 'Mail slow', {
        agreement: 'SLA-0001',
        priority: 'P2',
        services: ['SVC-0002'],
        opened: '2026-03-20T09:00:00Z',
        responded: '2026-03-20T09:05:00Z',
        resolved: '2026-03-20T10:00:00Z',
        outage_start: '2026-03-20T09:00:00Z',
        outage_end: '2026-03-20T10:00:00Z',
      }),
    });
    const rows = availability(ins, of('SLA-0001'), { since: '2026-03-15', until: '2026-04-14' }, '2026-04-14').filter(
      (r) => r.service === 'SVC-0002',
    );
    expect(rows[0]).toMatchObject({
      since: '2026-03-01',
      until: '2026-03-31',
      serviceMinutes: 13200,
      downtimeMinutes: 60,
      percent: 99.54,
      met: true,
    });
    // April is not over on 14 April: measured so far, not judged.
    expect(rows[1]).toMatchObject({ since: '2026-04-01', until: '2026-04-14' });
    expect(rows[1]!.met).toBeUndefined();
    expect(rows[1]!.note).toMatch(/not over/);
  });

  it('a response not recorded stays not known in the month the incident opened, when it was resolved after that month', () => {
    // P3 (response 4 h): Fri 30 Oct 10:00 CET → resolved Tue 3 Nov 10:00 CET, no response recorded.
    const { ins, of } = withFiles({
      'incidents/INC-0008-h.md': inc(8, 'Scanner', {
        agreement: 'SLA-0001',
        priority: 'P3',
        services: ['SVC-0002'],
        opened: '2026-10-30T09:00:00Z',
        resolved: '2026-11-03T09:00:00Z',
      }),
    });
    const m = measureIncidents(ins, OCTOBER, of('SLA-0001')).find((x) => x.id === 'INC-0008')!;
    expect(m).toMatchObject({ breach: false, responseRecorded: false });
    expect(m.responseMet).toBeUndefined();
  });

  it('a month is over the day after its last day; on the last day it is measured so far, not judged', () => {
    const rows = availability(inputs, bakery, OCTOBER, '2026-10-31').filter((r) => r.service === 'SVC-0002');
    expect(rows[0]!.met).toBeUndefined();
    expect(rows[0]!.note).toMatch(/not over on 2026-10-31/);
    expect(availability(inputs, bakery, OCTOBER, '2026-11-01').find((r) => r.service === 'SVC-0002')).toMatchObject({
      met: false,
      label: '2026-10',
    });
  });

  it('a breach is counted in the period its target ran out in: an incident open across quarters is late in one of them', () => {
    // P4 (resolution 40 service hours): opened Mon 28 Sep 08:00 CEST, still open. By 30 Sep 18:00: 30 h; by 31 Oct: far over.
    const { ins, of } = withFiles({
      'incidents/INC-0008-h.md': inc(8, 'Old printer', {
        agreement: 'SLA-0001',
        priority: 'P4',
        services: ['SVC-0002'],
        status: 'opened',
        opened: '2026-09-28T06:00:00Z',
        responded: '2026-09-28T06:10:00Z',
      }),
    });
    const late = (since: string, until: string) =>
      measureIncidents(ins, { since, until }, of('SLA-0001')).find((x) => x.id === 'INC-0008')!;
    expect(late('2026-09-01', '2026-09-30')).toMatchObject({ breach: false, breachedInPeriod: false });
    expect(late('2026-10-01', '2026-10-31')).toMatchObject({ breach: true, breachedInPeriod: true });
    expect(late('2026-11-01', '2026-11-30')).toMatchObject({ breach: true, breachedInPeriod: false });
  });

  it('availability per quarter where the agreement says so', () => {
    // 120 minutes down on Tue 10 Feb; Q1 2026 has 22 + 20 + 22 weekdays = 38,400 service minutes: 99.6875% → 99.68, met.
    const { ins, of } = withFiles({
      'agreements/customers/SLA-0001-bakery.md': sla('SLA-0001', 'Bluebell Bakery', ['SVC-0001', 'SVC-0002'], {
        availability_period: 'quarter',
      }),
      'incidents/INC-0008-h.md': inc(8, 'Mail down', {
        agreement: 'SLA-0001',
        priority: 'P2',
        services: ['SVC-0002'],
        opened: '2026-02-10T09:00:00Z',
        responded: '2026-02-10T09:05:00Z',
        resolved: '2026-02-10T11:00:00Z',
        outage_start: '2026-02-10T09:00:00Z',
        outage_end: '2026-02-10T11:00:00Z',
      }),
    });
    const rows = availability(ins, of('SLA-0001'), { since: '2026-01-01', until: '2026-03-31' }).filter((r) => r.service === 'SVC-0002');
    expect(rows.map((r) => [r.since, r.until, r.serviceMinutes, r.downtimeMinutes, r.percent, r.met])).toEqual([
      ['2026-01-01', '2026-03-31', 38400, 120, 99.68, true],
    ]);
    expect(rows[0]!.label).toBe('2026-Q1');
  });

  it('an outage of a shared service counts for every customer agreement covering it, whichever agreement the incident names', () => {
    // SVC-0001 is shared by the bakery and the law office; the incident names the bakery's agreement.
    // Mon 19 Oct 10:00 → 13:00 CEST: 180 of 13,200 minutes for both: 98.636…% → 98.63.
    const { ins, of } = withFiles({
      'incidents/INC-0008-h.md': inc(8, 'Desk phones dead', {
        agreement: 'SLA-0001',
        priority: 'P2',
        services: ['SVC-0001'],
        opened: '2026-10-19T08:00:00Z',
        responded: '2026-10-19T08:05:00Z',
        resolved: '2026-10-19T11:00:00Z',
        outage_start: '2026-10-19T08:00:00Z',
        outage_end: '2026-10-19T11:00:00Z',
      }),
    });
    for (const id of ['SLA-0001', 'SLA-0002']) {
      const row = availability(ins, of(id), OCTOBER).find((r) => r.service === 'SVC-0001')!;
      expect(row, id).toMatchObject({ downtimeMinutes: 180, percent: 98.63, met: false });
    }
    // Its response and resolution are still the bakery's alone.
    expect(measureIncidents(ins, OCTOBER, of('SLA-0002')).map((m) => m.id)).toEqual(['INC-0002']);
  });
});

describe('validate: ambiguous attribution and calendars', () => {
  it('an incident on a shared service without its agreement is an error naming the candidates', () => {
    const found = runInMemory(ruleById('ambiguous-agreement')!, { files: FILES, config: CONFIG });
    expect(found.map((d) => [d.file, d.severity, d.message])).toEqual([
      [
        'incidents/INC-0004-d.md',
        'error',
        'its services are covered by 2 customer agreements in force (SLA-0001 Bluebell Bakery, SLA-0002 Kessler Legal): it counts for none of them',
      ],
    ]);
  });

  it('an unknown time zone and from after to are located at their fields', () => {
    const bad = FILES['agreements/customers/SLA-0001-bakery.md'].replace('"Europe/Berlin"', '"Europe/Berlinn"');
    const found = runInMemory(ruleById('agreement-calendar')!, {
      files: { ...FILES, 'agreements/customers/SLA-0001-bakery.md': bad },
      config: CONFIG,
    });
    expect(found.map((d) => d.message)).toEqual(['"Europe/Berlinn" is not a known time zone (use an IANA name such as Europe/Berlin)']);
  });
});
