import { describe, expect, it } from 'vitest';
import { CONFIG, FILES, inc } from './sla-fixture.js';
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
