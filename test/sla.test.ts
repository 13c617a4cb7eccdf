import { describe, expect, it } from 'vitest';
import { md, SERVICE } from './helpers.js';
import { memoryRepository, runInMemory } from './rule-tester.js';
import { agreementsOf, availability, compliance, measureIncidents } from '../src/report/sla.js';
import { ruleById } from '../src/rules/index.js';

/**
 * Hand-computed service levels. Two customers share SVC-0001: Bluebell Bakery (SLA-0001: SVC-0001,
 * SVC-0002) and Kessler Legal (SLA-0002: SVC-0001, SVC-0003). Both agreements: Mon–Fri 08:00–18:00
 * Europe/Berlin without 25 December; P1 around the clock (resolution 4 h, response 0.5 h), P2 8 h,
 * P3 20 h (response 4 h); availability 99.5% per month within service hours.
 */
const CONFIG = 'organisation: Harbour Lane IT\ntimezone: Europe/Berlin\n';
const SLA_BODY = '\n## Scope\n\n## Service hours\n\n## Targets\n\n## Communication\n\n## Responsibilities\n';
const INC_BODY = '\n## Description\n\n## Restoration steps\n\n## Solution\n';
const calendar = {
  timezone: 'Europe/Berlin',
  days: ['mon', 'tue', 'wed', 'thu', 'fri'],
  from: '08:00',
  to: '18:00',
  holidays: ['2026-12-25'],
};
const targets = {
  P1: { response_hours: 0.5, resolution_hours: 4, clock: '24x7' },
  P2: { response_hours: 1, resolution_hours: 8 },
  P3: { response_hours: 4, resolution_hours: 20 },
  P4: { resolution_hours: 40 },
};
const sla = (id: string, customer: string, services: string[]): string =>
  md(
    {
      id,
      type: 'customer-agreement',
      title: `Services for ${customer}`,
      status: 'approved',
      customer,
      services,
      start: '2026-01-01',
      review: '2027-01-01',
      owner: 'ana@acme.example',
      approved_by: 'ana@acme.example',
      approved_on: '2026-01-01',
      calendar,
      targets,
      availability: 99.5,
    },
    SLA_BODY,
  );
const inc = (n: number, title: string, f: Record<string, unknown>): string =>
  md({ id: `INC-000${n}`, type: 'incident', title, status: 'closed', reported_by: 'x@y.example', ...f }, INC_BODY);

const FILES = {
  'catalogue/SVC-0001-a.md': SERVICE,
  'catalogue/SVC-0002-b.md': SERVICE.replace(/SVC-0001/g, 'SVC-0002'),
  'catalogue/SVC-0003-c.md': SERVICE.replace(/SVC-0001/g, 'SVC-0003'),
  'agreements/customers/SLA-0001-bakery.md': sla('SLA-0001', 'Bluebell Bakery', ['SVC-0001', 'SVC-0002']),
  'agreements/customers/SLA-0002-law.md': sla('SLA-0002', 'Kessler Legal', ['SVC-0001', 'SVC-0003']),
  // Fri 23 Oct 17:00 CEST → Mon 26 Oct 09:00 CET, across the night the clocks go back: 1 h + 1 h = 2 service hours (65 clock hours).
  'incidents/INC-0001-a.md': inc(1, 'Till PC slow at the bakery', {
    agreement: 'SLA-0001',
    priority: 'P3',
    services: ['SVC-0001'],
    opened: '2026-10-23T15:00:00Z',
    responded: '2026-10-23T15:30:00Z',
    resolved: '2026-10-26T08:00:00Z',
  }),
  // Tue 6 Oct 07:10 → Thu 8 Oct 03:10 CEST: 44 clock hours, 20 service hours: met (≤ 20).
  'incidents/INC-0002-b.md': inc(2, 'Teams calls drop at the law office', {
    agreement: 'SLA-0002',
    priority: 'P3',
    services: ['SVC-0001'],
    opened: '2026-10-06T05:10:00Z',
    responded: '2026-10-06T06:05:00Z',
    resolved: '2026-10-08T01:10:00Z',
  }),
  // P1 24×7, Sat 31 Oct 22:00 CET → Sun 1 Nov 04:30 CET: 6.5 h, a breach of 4 h, reported in November;
  // open at the end of October with 2 h elapsed. Inferred: only SLA-0001 covers SVC-0002.
  'incidents/INC-0003-c.md': inc(3, 'Mail down for the bakery', {
    priority: 'P1',
    services: ['SVC-0002'],
    opened: '2026-10-31T21:00:00Z',
    responded: '2026-10-31T21:20:00Z',
    resolved: '2026-11-01T03:30:00Z',
    // A weekend outage: outside the service hours availability is measured in.
    outage_start: '2026-10-31T21:05:00Z',
    outage_end: '2026-11-01T03:00:00Z',
  }),
  // SVC-0001 is shared and no agreement is named: ambiguous, counted for no one.
  'incidents/INC-0004-d.md': inc(4, 'Printer offline somewhere', {
    priority: 'P3',
    services: ['SVC-0001'],
    opened: '2026-10-12T08:00:00Z',
    resolved: '2026-10-12T09:00:00Z',
  }),
  // 20:00 on 30 September in Chicago is 03:00 on 1 October in Berlin: an October incident.
  'incidents/INC-0005-e.md': inc(5, 'Backup report missing', {
    agreement: 'SLA-0001',
    priority: 'P3',
    services: ['SVC-0002'],
    opened: '2026-09-30T20:00:00-05:00',
    responded: '2026-10-01T06:00:00Z',
    resolved: '2026-10-01T10:00:00Z',
  }),
  // An outage straddling the end of September: Wed 30 Sep 17:00 → Thu 1 Oct 09:30 CEST, in service
  // hours 60 minutes in September and 90 in October.
  'incidents/INC-0006-f.md': inc(6, 'Mail tenant outage', {
    agreement: 'SLA-0001',
    priority: 'P2',
    services: ['SVC-0002'],
    opened: '2026-09-30T15:00:00Z',
    responded: '2026-09-30T15:10:00Z',
    resolved: '2026-10-01T07:40:00Z',
    outage_start: '2026-09-30T15:00:00Z',
    outage_end: '2026-10-01T07:30:00Z',
  }),
};

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
    // SVC-0001 had no outage recorded: said so, not silently perfect.
    expect(rows.find((r) => r.service === 'SVC-0001' && r.since === '2026-10-01')).toMatchObject({
      downtimeMinutes: 0,
      percent: 100,
      note: 'no outage recorded',
    });
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
