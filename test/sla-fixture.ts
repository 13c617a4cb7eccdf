import { md, SERVICE } from './helpers.js';

/**
 * Hand-computed service levels. Two customers share SVC-0001: Bluebell Bakery (SLA-0001: SVC-0001,
 * SVC-0002) and Kessler Legal (SLA-0002: SVC-0001, SVC-0003). Both agreements: Mon–Fri 08:00–18:00
 * Europe/Berlin without 25 December; P1 around the clock (resolution 4 h, response 0.5 h), P2 8 h,
 * P3 20 h (response 4 h); availability 99.5% per month within service hours.
 */
export const CONFIG = 'organisation: Harbour Lane IT\ntimezone: Europe/Berlin\n';
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
export const sla = (id: string, customer: string, services: string[], extra: Record<string, unknown> = {}): string =>
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
      ...extra,
    },
    SLA_BODY,
  );
export const inc = (n: number, title: string, f: Record<string, unknown>): string =>
  md({ id: `INC-000${n}`, type: 'incident', title, status: 'closed', reported_by: 'x@y.example', ...f }, INC_BODY);

export const FILES = {
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
