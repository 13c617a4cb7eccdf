import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { md } from './helpers.js';
import {
  CONFIG as BARE_CONFIG,
  SERVICE,
  addCommit,
  agreementDoc,
  gitIn,
  gitRepo,
  incidentDoc,
  rolesCommits,
  smsInProcess,
  testEnv,
  tmp,
  writeFiles,
  type CommitSpec,
} from './helpers.js';
import { CONFIG, FILES, inc, sla } from './sla-fixture.js';

/**
 * sms report performance end to end, on the hand-computed fixture of the service-level tests (two
 * customers sharing SVC-0001; Mon–Fri 08:00–18:00 Europe/Berlin; P1 around the clock), plus a
 * breach and a supplier agreement. Today is 29 November 2026.
 */

// Mon 19 Oct 08:00 CEST, answered 10:00 (2 service hours, target 1 h), resolved Tue 20 Oct 10:00
// CEST: Monday 08:00–18:00 (10 h) + Tuesday 08:00–10:00 (2 h) = 12 service hours over the 8 h
// target; 26 hours on the clock. The supplier's part: UA-0001 promises 4 h around the clock.
const BREACH_FIELDS = {
  agreement: 'SLA-0001',
  supplier_agreement: 'UA-0001',
  priority: 'P2',
  services: ['SVC-0002'],
  opened: '2026-10-19T06:00:00Z',
  responded: '2026-10-19T08:00:00Z',
  resolved: '2026-10-20T08:00:00Z',
};
const BREACH = inc(8, 'Mail tenant slow all day', BREACH_FIELDS);
/** The mail tenant's supplier agreement, with `extra` fields over its own. */
const uaDoc = (extra: Record<string, unknown> = {}): string =>
  md(
    {
      id: 'UA-0001',
      type: 'supplier-agreement',
      title: 'Mail tenant',
      status: 'approved',
      supplier: 'CloudMail',
      services: ['SVC-0002'],
      start: '2026-01-01',
      review: '2027-01-01',
      owner: 'ana@acme.example',
      approved_by: 'ana@acme.example',
      approved_on: '2026-01-01',
      targets: { P2: { resolution_hours: 4, clock: '24x7' } },
      ...extra,
    },
    '\n## Scope\n\n## Deliverables\n\n## Terms and conditions\n\n## Communication\n',
  );
const UA = uaDoc();

// Tue 10 Feb, P1 around the clock (4 h): 10:00 → 15:00 CET, 5 h: a breach; down 10:00 → 13:00.
const CAFE_TILL_DOWN = {
  priority: 'P1',
  services: ['SVC-0003'],
  opened: '2026-02-10T09:00:00Z',
  responded: '2026-02-10T09:10:00Z',
  resolved: '2026-02-10T14:00:00Z',
  outage_start: '2026-02-10T09:00:00Z',
  outage_end: '2026-02-10T12:00:00Z',
};

/** Tue 10 Mar, the café's till down again for 3 h, naming SLA-0003 (committed that day). */
const TILL_DOWN_AGAIN: CommitSpec = {
  files: {
    'incidents/INC-0009-i.md': inc(9, 'Café till down again', {
      ...CAFE_TILL_DOWN,
      agreement: 'SLA-0003',
      opened: '2026-03-10T09:00:00Z',
      responded: '2026-03-10T09:10:00Z',
      resolved: '2026-03-10T12:00:00Z',
      outage_start: '2026-03-10T09:00:00Z',
      outage_end: '2026-03-10T12:00:00Z',
    }),
  },
  date: '2026-03-10T13:00:00Z',
};

const CAFE_SLA = 'agreements/customers/SLA-0003-cafe.md';
/** The café's targets revised: P1 answered within 1 h and resolved within 12 h (from 0.5 h and 4 h). */
const LAX_P1 = {
  P1: { response_hours: 1, resolution_hours: 12, clock: '24x7' },
  P2: { response_hours: 1, resolution_hours: 8 },
  P3: { response_hours: 4, resolution_hours: 20 },
  P4: { resolution_hours: 40 },
};

/** A repository with the catalogue and the café's agreement (SLA-0003) committed on 2 December 2025, then `commits`. */
function cafeRepo(commits: CommitSpec[]): string {
  const dir = tmp();
  const services = Object.fromEntries(Object.entries(FILES).filter(([f]) => f.startsWith('catalogue/')));
  gitRepo(dir, [
    {
      files: {
        'sms.config.yaml': CONFIG,
        ...services,
        [CAFE_SLA]: sla('SLA-0003', 'Corner Café', ['SVC-0003']),
      },
      date: '2025-12-02T09:00:00Z',
    },
    ...commits,
  ]);
  return dir;
}

/** The café's performance report for 2026-Q1, made on 15 May 2026: its JSON, and its text in another format. */
async function cafeQ1(dir: string): Promise<{ d: ReturnType<typeof JSON.parse>; text: (format?: string) => Promise<string> }> {
  const args = ['report', 'performance', '--agreement', 'SLA-0003', '--period', '2026-Q1'];
  const env = testEnv({ SMS_TODAY: '2026-05-15' });
  const r = await smsInProcess([...args, '--format', 'json'], dir, env);
  expect(r.code, r.stderr).toBe(0);
  return { d: JSON.parse(r.stdout), text: async (format = 'md') => (await smsInProcess([...args, '--format', format], dir, env)).stdout };
}

/** Kessler Legal's agreement (SLA-0002) with its P2 resolution target in hours, and `extra` fields. */
const LAW = 'agreements/customers/SLA-0002-law.md';
const law = (p2Hours: number, extra: Record<string, unknown> = {}): string =>
  sla('SLA-0002', 'Kessler Legal', ['SVC-0001', 'SVC-0003'], {
    targets: {
      P1: { response_hours: 0.5, resolution_hours: 4, clock: '24x7' },
      P2: { response_hours: 1, resolution_hours: p2Hours },
      P3: { response_hours: 4, resolution_hours: 20 },
      P4: { resolution_hours: 40 },
    },
    ...extra,
  });
const lawP2 = (n: number, title: string, opened: string, responded: string, resolved: string): string =>
  inc(n, title, { agreement: 'SLA-0002', priority: 'P2', services: ['SVC-0001'], opened, responded, resolved });

/**
 * A repository with the catalogue and SLA-0002 (P2 resolved within 8 h) committed on 1 September
 * 2026 (`start`), then, on `recorded`, two P2 incidents of October (`incidents`): one resolved in
 * 3 service hours, one in 16, a breach.
 */
function lawRepo(recorded: string): { dir: string; start: string; incidents: string } {
  const dir = tmp();
  const services = Object.fromEntries(Object.entries(FILES).filter(([f]) => f.startsWith('catalogue/')));
  const [start, incidents] = gitRepo(dir, [
    { files: { 'sms.config.yaml': CONFIG, ...services, [LAW]: law(8) }, date: '2026-09-01T09:00:00Z' },
    {
      files: {
        // Mon 12 Oct 09:00 → 12:00 CEST: 3 service hours, within 8.
        'incidents/INC-0001-a.md': lawP2(1, 'Scanner offline', '2026-10-12T07:00:00Z', '2026-10-12T07:30:00Z', '2026-10-12T10:00:00Z'),
        // Tue 20 Oct 09:00 CEST → Wed 21 Oct 15:00 CEST: 9 + 7 = 16 service hours, over 8 (within 24).
        'incidents/INC-0002-b.md': lawP2(
          2,
          'File share unreachable',
          '2026-10-20T07:00:00Z',
          '2026-10-20T07:10:00Z',
          '2026-10-21T13:00:00Z',
        ),
      },
      date: recorded,
    },
  ]);
  return { dir, start: start!, incidents: incidents! };
}

/** Commits the working tree on the branch checked out, with author and committer dated `date`. */
const commitAt = (dir: string, date: string, message: string): string =>
  gitIn(dir, ['add', '--all']) + gitIn(dir, ['commit', '-q', '-m', message], testEnv({ GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date }));
/** Merges `branch` into main (no fast-forward), the merge dated `date`. */
const mergeAt = (dir: string, branch: string, date: string): void => {
  gitIn(dir, ['checkout', '-q', 'main']);
  gitIn(dir, ['merge', '-q', '--no-ff', branch, '-m', `Merge ${branch}`], testEnv({ GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date }));
};

const BAKERY_TITLES = [
  'Till PC slow at the bakery',
  'Mail down for the bakery',
  'Backup report missing',
  'Mail tenant outage',
  'Mail tenant slow all day',
];
const LAW_TITLES = ['Teams calls drop at the law office'];
const AMBIGUOUS_TITLE = 'Printer offline somewhere';

function repo(extra: Record<string, string> = {}): string {
  const dir = tmp();
  writeFiles(dir, {
    'sms.config.yaml': CONFIG,
    ...FILES,
    'incidents/INC-0008-h.md': BREACH,
    'agreements/suppliers/UA-0001-mail.md': UA,
    ...extra,
  });
  return dir;
}

const env = testEnv({ SMS_TODAY: '2026-11-29' });
const report = (dir: string, args: string[]) => smsInProcess(['report', 'performance', ...args], dir, env);

/** The bakery's October report counts INC-0004 (shared SVC-0001, no agreement named) for no one, and never shows its title. */
async function expectAmbiguousInBakerysOctober(dir: string): Promise<void> {
  const r = await report(dir, ['--agreement', 'SLA-0001', '--period', '2026-10', '--format', 'json']);
  expect(r.code, r.stderr).toBe(0);
  const d = JSON.parse(r.stdout);
  expect(d.incidents.items.map((m: { id: string }) => m.id)).not.toContain('INC-0004');
  expect(d.unattributed).toEqual(['INC-0004']);
  expect(r.stdout).not.toContain(AMBIGUOUS_TITLE);
}

describe('sms report performance', () => {
  it("a customer's report in md, html and json holds its own incidents only: no title of the other customer's or of an unattributed one", async () => {
    const dir = repo();
    for (const [agreement, own, other] of [
      ['SLA-0001', BAKERY_TITLES, LAW_TITLES],
      ['SLA-0002', LAW_TITLES, BAKERY_TITLES],
    ] as const) {
      for (const format of ['md', 'html', 'json']) {
        const r = await report(dir, ['--agreement', agreement, '--period', '2026-10', '--format', format]);
        expect(r.code, r.stderr).toBe(0);
        for (const t of other) expect(r.stdout, `${agreement} ${format}: ${t}`).not.toContain(t);
        expect(r.stdout).not.toContain(AMBIGUOUS_TITLE);
        // Every incident of its own active in October is in the data.
        if (format === 'json') {
          for (const t of own) expect(r.stdout).toContain(t);
          continue;
        }
        // Its own incidents are shown where they matter: breaches and the backlog.
        if (agreement === 'SLA-0001')
          for (const t of ['Mail tenant slow all day', 'Mail down for the bakery']) expect(r.stdout).toContain(t);
      }
    }
  });

  it('SLA-0001 in October, every number worked out by hand: service hours, met %, breaches, backlog, availability per month', async () => {
    const r = await report(repo(), ['--agreement', 'SLA-0001', '--period', '2026-10', '--format', 'json']);
    const d = JSON.parse(r.stdout);
    expect(d.period).toEqual({ since: '2026-10-01', until: '2026-10-31' });
    // INC-0006 opened in September and resolved in October; INC-0003 opened on 31 October, open at its end.
    expect(d.incidents.items.map((m: { id: string }) => m.id)).toEqual(['INC-0006', 'INC-0005', 'INC-0008', 'INC-0001', 'INC-0003']);
    const p = (priority: string) => d.targets.find((t: { priority: string }) => t.priority === priority);
    // P3: INC-0001 2 service hours (across the night the clocks go back), INC-0005 4 (03:00 → 12:00
    // Berlin, counted from 08:00): both within 20 h; median 3.
    expect(p('P3')).toMatchObject({ resolved: 2, resolutionMet: 2, resolutionMetPercent: 100, medianResolutionHours: 3, breaches: 0 });
    // P2: INC-0006 Wed 17:00–18:00 + Thu 08:00–09:40 = 2.67 h, within 8; INC-0008 12 h, over. Only
    // INC-0008 was opened in October: its response took 2 h against 1 h.
    expect(p('P2')).toMatchObject({
      resolved: 2,
      resolutionMet: 1,
      resolutionMetPercent: 50,
      responded: 1,
      responseMet: 0,
      responseMetPercent: 0,
      medianResolutionHours: 7.33,
      breaches: 1,
    });
    expect(d.breaches).toEqual([
      {
        id: 'INC-0008',
        title: 'Mail tenant slow all day',
        file: 'incidents/INC-0008-h.md',
        priority: 'P2',
        opened: '2026-10-19T06:00:00Z',
        resolved: '2026-10-20T08:00:00Z',
        clock: 'Mon, Tue, Wed, Thu, Fri 08:00–18:00 Europe/Berlin, 1 holiday',
        responseHours: 2,
        responseTargetHours: 1,
        responseMet: false,
        resolutionHours: 12,
        resolutionTargetHours: 8,
        resolutionMet: false,
        clockHours: 26,
        open: false,
      },
    ]);
    // The P1 of 31 October 22:00 CET is open at the end of October: 2 h of its 4 h around the clock.
    expect(d.backlog).toEqual([
      {
        id: 'INC-0003',
        title: 'Mail down for the bakery',
        file: 'incidents/INC-0003-c.md',
        priority: 'P1',
        opened: '2026-10-31T21:00:00Z',
        ageDays: 0,
      },
    ]);
    // SVC-0002: the outage of 30 Sep 17:00 → 1 Oct 09:30 CEST has 90 October minutes in service
    // hours; the weekend outage of INC-0003 none. 22 weekdays × 600 = 13,200 minutes: 99.318…% → 99.31.
    const svc2 = d.availability.months.find((m: { service: string }) => m.service === 'SVC-0002');
    expect(svc2).toMatchObject({
      since: '2026-10-01',
      until: '2026-10-31',
      serviceMinutes: 13200,
      downtimeMinutes: 90,
      percent: 99.31,
      met: false,
    });
    const svc1 = d.availability.months.find((m: { service: string }) => m.service === 'SVC-0001');
    expect(svc1).toMatchObject({ downtimeMinutes: 0, note: 'no outage recorded' });
    expect(svc1.percent).toBeUndefined();
    expect(d.availability).toMatchObject({ known: true, measuredPercent: 99.31, downtimeMinutes: 90, targetPercent: 99.5 });
    expect(d.unattributed).toEqual(['INC-0004']);
    expect(d.suppliers).toEqual([{ id: 'UA-0001', supplier: 'CloudMail', incidents: 1, breaches: 1 }]);
    expect(d.proposedActions).toContain('Review the handling of P2 incidents: 1 breach of the agreed times.');
  });

  it("deleting the other customer's agreement after the month does not make the shared service's incident this customer's", async () => {
    const dir = tmp();
    gitRepo(dir, [
      { files: { 'sms.config.yaml': CONFIG, ...FILES }, date: '2026-09-01T09:00:00Z' },
      { files: { 'agreements/customers/SLA-0002-law.md': null }, date: '2026-11-05T09:00:00Z' },
    ]);
    // In October both agreements covered SVC-0001: INC-0004 names neither and is counted for no one.
    await expectAmbiguousInBakerysOctober(dir);
  });

  it('an agreement deleted since still has its reports for the months it was in force, which say it was deleted', async () => {
    const dir = cafeRepo([
      {
        files: { 'incidents/INC-0008-h.md': inc(8, 'Café till down', { ...CAFE_TILL_DOWN, agreement: 'SLA-0003' }) },
        date: '2026-02-11T09:00:00Z',
      },
      {
        files: { [CAFE_SLA]: null },
        author: { name: 'Tom Berg', email: 'tom@acme.example' },
        date: '2026-04-02T09:00:00Z',
      },
    ]);
    const { d, text } = await cafeQ1(dir);
    expect(d.agreement).toMatchObject({ id: 'SLA-0003', customer: 'Corner Café', status: 'approved' });
    expect(d.agreement.deleted).toEqual({ commit: expect.stringMatching(/^[0-9a-f]{40}$/), author: 'Tom Berg', date: '2026-04-02' });
    // The same figures as before the deletion: the P1 resolved in 5 h against 4 h.
    expect(d.breaches.map((b: { id: string }) => b.id)).toEqual(['INC-0008']);
    expect(d.availability.months.length).toBeGreaterThan(0);
    expect(await text()).toContain(
      'SLA-0003 was deleted from the repository on 2026-04-02 by Tom Berg: this report reads it as it was last committed.',
    );
    expect(await text('html')).toContain('SLA-0003 was deleted from the repository on 2026-04-02 by Tom Berg');
    // An ID that never was an agreement is still refused.
    const r = await smsInProcess(
      ['report', 'performance', '--agreement', 'SLA-0009', '--period', '2026-Q1'],
      dir,
      testEnv({ SMS_TODAY: '2026-05-15' }),
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('sms: SLA-0009 is not a customer or supplier agreement in this repository\n     the agreements here: SLA-0003\n');
  });

  it('a period is measured against the agreement as committed by its end: targets relaxed afterwards do not undo its breaches', async () => {
    const dir = cafeRepo([
      {
        files: { 'incidents/INC-0008-h.md': inc(8, 'Café till down', { ...CAFE_TILL_DOWN, agreement: 'SLA-0003' }) },
        date: '2026-02-11T09:00:00Z',
      },
      // Revised from 20 March in draft, approved on 2 April: P1 resolution 4 h → 12 h.
      {
        files: { [CAFE_SLA]: sla('SLA-0003', 'Corner Café', ['SVC-0003'], { status: 'draft', targets: LAX_P1 }) },
        date: '2026-03-20T09:00:00Z',
      },
      {
        files: {
          [CAFE_SLA]: sla('SLA-0003', 'Corner Café', ['SVC-0003'], { status: 'updated', targets: LAX_P1, approved_on: '2026-04-02' }),
        },
        author: { name: 'Tom Berg', email: 'tom@acme.example' },
        date: '2026-04-02T09:00:00Z',
      },
    ]);
    const { d, text } = await cafeQ1(dir);
    // Q1 against the agreement in force on 31 March (the revision was a draft then): 5 h against 4 h, a breach.
    expect(d.breaches.map((b: { id: string; resolutionTargetHours: number }) => [b.id, b.resolutionTargetHours])).toEqual([
      ['INC-0008', 4],
    ]);
    expect(d.agreement.asCommitted).toEqual({
      commit: expect.stringMatching(/^[0-9a-f]{40}$/),
      date: '2025-12-02',
      changedSince: '2026-03-20',
    });
    expect(await text()).toContain(
      'Measured against SLA-0003 as committed on 2025-12-02, in force at the end of the period; it has changed since (on 2026-03-20).',
    );
    // Q2's report uses the revision.
    const env = testEnv({ SMS_TODAY: '2026-08-15' });
    const q2 = JSON.parse(
      (await smsInProcess(['report', 'performance', '--agreement', 'SLA-0003', '--period', '2026-Q2', '--format', 'json'], dir, env))
        .stdout,
    );
    expect(q2.targets.find((t: { priority: string }) => t.priority === 'P1').resolutionTargetHours).toBe(12);
    expect(q2.agreement.asCommitted).toBeUndefined();
  });

  it('the review pack measures a period against the agreements as they stood at its end, as the performance report does', async () => {
    // The café's supplier promises P1 resolved within 4 h around the clock, relaxed to 12 h on 2 April.
    const ua = (hours: number, approvedOn: string) =>
      UA.replace(/UA-0001/g, 'UA-0003')
        .replace(/SVC-0002/g, 'SVC-0003')
        .replace('approved_on: 2026-01-01', `approved_on: ${approvedOn}`)
        .replace(/targets:[\s\S]*?\n---/, `targets:\n  P1:\n    resolution_hours: ${hours}\n    clock: 24x7\n---`);
    const dir = cafeRepo([
      { files: { 'agreements/suppliers/UA-0003-till.md': ua(4, '2026-01-01') }, date: '2026-01-05T09:00:00Z' },
      {
        files: {
          'incidents/INC-0008-h.md': inc(8, 'Café till down', { ...CAFE_TILL_DOWN, agreement: 'SLA-0003', supplier_agreement: 'UA-0003' }),
        },
        date: '2026-02-11T09:00:00Z',
      },
      {
        files: {
          [CAFE_SLA]: sla('SLA-0003', 'Corner Café', ['SVC-0003'], { status: 'updated', targets: LAX_P1, approved_on: '2026-04-02' }),
          'agreements/suppliers/UA-0003-till.md': ua(12, '2026-04-02'),
        },
        author: { name: 'Tom Berg', email: 'tom@acme.example' },
        date: '2026-04-02T09:00:00Z',
      },
    ]);
    expect(readFileSync(path.join(dir, 'agreements/suppliers/UA-0003-till.md'), 'utf8')).toContain('resolution_hours: 12');
    const { d: performance } = await cafeQ1(dir);
    expect(performance.breaches.map((b: { id: string }) => b.id)).toEqual(['INC-0008']);

    const review = async (period: string, today: string, format = 'json') => {
      const r = await smsInProcess(['report', 'review', '--period', period, '--format', format], dir, testEnv({ SMS_TODAY: today }));
      expect(r.code, r.stderr).toBe(0);
      return r.stdout;
    };
    const q1 = JSON.parse(await review('2026-Q1', '2026-05-15'));
    // Q1 against the versions in force on 31 March: 5 h against 4 h, for the customer and for the supplier.
    expect(q1.incidents.breaches.map((b: { id: string; targetHours: number }) => [b.id, b.targetHours])).toEqual([['INC-0008', 4]]);
    expect(q1.incidents.priorities.find((p: { priority: string }) => p.priority === 'P1')).toMatchObject({ targets: [4], breaches: 1 });
    expect(q1.suppliers.map((s: { id: string; breaches: number }) => [s.id, s.breaches])).toEqual([['UA-0003', 1]]);
    expect(q1.incidents.agreementsAsCommitted).toEqual([
      { agreement: 'SLA-0003', commit: expect.stringMatching(/^[0-9a-f]{40}$/), date: '2025-12-02', changedSince: '2026-04-02' },
      { agreement: 'UA-0003', commit: expect.stringMatching(/^[0-9a-f]{40}$/), date: '2026-01-05', changedSince: '2026-04-02' },
    ]);
    const said =
      'Measured against the versions in force at the end of the period, changed since: SLA-0003 as committed on 2025-12-02 (changed on 2026-04-02); UA-0003 as committed on 2026-01-05 (changed on 2026-04-02).';
    expect(await review('2026-Q1', '2026-05-15', 'md')).toContain(said);
    expect(await review('2026-Q1', '2026-05-15', 'html')).toContain(said);

    // Q2's pack: Q1's row and the period before are measured against what was in force then too.
    const q2 = JSON.parse(await review('2026-Q2', '2026-08-15'));
    expect(q2.incidents.quarters.find((q: { quarter: string }) => q.quarter === '2026-Q1')).toMatchObject({ opened: 1, breaches: 1 });
    expect(q2.incidents.previousPeriod).toMatchObject({ opened: 1, breaches: 1 });
    expect(q2.incidents.agreementsAsCommitted).toEqual([]);
  });

  it('a revision in force during the period that kept every term it is measured by (a new review date and version) is not named as one', async () => {
    const dir = cafeRepo([
      {
        // Re-approved on 2 April after the yearly review: new version and review date, the same targets.
        files: { [CAFE_SLA]: sla('SLA-0003', 'Corner Café', ['SVC-0003'], { status: 'updated', version: '1.1', review: '2027-04-01' }) },
        date: '2026-04-02T09:00:00Z',
      },
      {
        // Revised again on 20 April: P1 relaxed.
        files: {
          [CAFE_SLA]: sla('SLA-0003', 'Corner Café', ['SVC-0003'], {
            status: 'updated',
            version: '1.2',
            review: '2027-04-01',
            targets: LAX_P1,
          }),
        },
        date: '2026-04-20T09:00:00Z',
      },
    ]);
    const env = testEnv({ SMS_TODAY: '2026-05-15' });
    const json = async (args: string[]) =>
      JSON.parse((await smsInProcess(['report', 'performance', '--agreement', 'SLA-0003', ...args, '--format', 'json'], dir, env)).stdout);
    // 1–10 April: the only revision kept the terms.
    expect((await json(['--since', '2026-04-01', '--until', '2026-04-10'])).agreement.revisedDuring).toBeUndefined();
    // The whole of April: the revision of the 20th changed the P1 targets.
    expect((await json(['--period', '2026-04'])).agreement.revisedDuring).toBe('2026-04-20');
  });

  it('an edit of the agreement not committed yet (relaxed targets, set back to draft) is no version any period is measured against', async () => {
    const dir = cafeRepo([
      {
        files: { 'incidents/INC-0008-h.md': inc(8, 'Café till down', { ...CAFE_TILL_DOWN, agreement: 'SLA-0003' }) },
        date: '2026-02-11T09:00:00Z',
      },
    ]);
    // In the working tree only: P1 relaxed to 12 h, and the status set back to draft.
    writeFiles(dir, { [CAFE_SLA]: sla('SLA-0003', 'Corner Café', ['SVC-0003'], { status: 'draft', targets: LAX_P1 }) });
    const { d, text } = await cafeQ1(dir);
    // 10:00 → 15:00 CET around the clock: 5 h against the committed 4 h, still a breach.
    expect(d.breaches.map((b: { id: string; resolutionTargetHours: number }) => [b.id, b.resolutionTargetHours])).toEqual([
      ['INC-0008', 4],
    ]);
    expect(d.agreement.asCommitted).toMatchObject({ uncommitted: true, date: '2025-12-02' });
    for (const format of ['md', 'html'])
      expect(await text(format), format).toContain(
        'the working tree holds an edit of its terms that is not committed, which no period is measured against',
      );
    // An edit that keeps the terms (a new review date) changes nothing and is not named.
    writeFiles(dir, { [CAFE_SLA]: sla('SLA-0003', 'Corner Café', ['SVC-0003'], { review: '2027-06-01' }) });
    expect((await cafeQ1(dir)).d.agreement.asCommitted).toBeUndefined();
  });

  it('an agreement renumbered in a commit keeps the incidents closed under its earlier ID', async () => {
    const NEW = 'agreements/customers/SLA-0004-cafe.md';
    const dir = cafeRepo([
      {
        files: { 'incidents/INC-0008-h.md': inc(8, 'Café till down', { ...CAFE_TILL_DOWN, agreement: 'SLA-0003' }) },
        date: '2026-02-11T09:00:00Z',
      },
      // In April the café's agreement is renumbered SLA-0004; the closed incident still names SLA-0003.
      { files: { [CAFE_SLA]: null, [NEW]: sla('SLA-0004', 'Corner Café', ['SVC-0003']) }, date: '2026-04-10T09:00:00Z' },
    ]);
    const r = await smsInProcess(
      ['report', 'performance', '--agreement', 'SLA-0004', '--period', '2026-Q1', '--format', 'json'],
      dir,
      testEnv({ SMS_TODAY: '2026-05-15' }),
    );
    expect(r.code, r.stderr).toBe(0);
    const d = JSON.parse(r.stdout);
    // 10:00 → 15:00 CET around the clock: 5 h against 4, the breach it was under SLA-0003.
    expect(d.incidents.items).toMatchObject([{ id: 'INC-0008', agreement: 'SLA-0004', resolutionHours: 5, resolutionMet: false }]);
    expect(d.breaches.map((b: { id: string }) => b.id)).toEqual(['INC-0008']);
    // Asked for by its earlier ID: exit 2, saying which ID it has now.
    const old = await smsInProcess(
      ['report', 'performance', '--agreement', 'SLA-0003', '--period', '2026-Q1'],
      dir,
      testEnv({ SMS_TODAY: '2026-05-15' }),
    );
    expect(old.code).toBe(2);
    // Whose report counts which incidents: those that named SLA-0003 while the café's agreement held it
    // (not "all its incidents": the ID may have been another party's before).
    expect(old.stderr).toContain(
      'SLA-0003 is no agreement now: history shows it renumbered SLA-0004, whose report counts the incidents that named SLA-0003 while it held that ID',
    );
    expect(old.stderr).toContain('sms report performance --agreement SLA-0004');
    expect(old.stdout).toBe('');
  });

  it('a revision dated back into a period counts from the day it was committed; one in force during the period is named', async () => {
    const dir = cafeRepo([
      {
        files: { 'incidents/INC-0008-h.md': inc(8, 'Café till down', { ...CAFE_TILL_DOWN, agreement: 'SLA-0003' }) },
        date: '2026-02-11T09:00:00Z',
      },
    ]);
    // Committed on 2 April, with an author date of 20 February.
    writeFiles(dir, {
      [CAFE_SLA]: sla('SLA-0003', 'Corner Café', ['SVC-0003'], { status: 'updated', targets: LAX_P1, approved_on: '2026-02-20' }),
    });
    gitIn(dir, ['add', '--all']);
    gitIn(
      dir,
      ['commit', '-q', '-m', 'Relax P1'],
      testEnv({ GIT_AUTHOR_DATE: '2026-02-20T09:00:00Z', GIT_COMMITTER_DATE: '2026-04-02T09:00:00Z' }),
    );
    const { d } = await cafeQ1(dir);
    expect(d.breaches.map((b: { id: string; resolutionTargetHours: number }) => [b.id, b.resolutionTargetHours])).toEqual([
      ['INC-0008', 4],
    ]);
    expect(d.agreement.asCommitted).toMatchObject({ changedSince: '2026-04-02' });
    expect(d.agreement.revisedDuring).toBeUndefined();
    // April's report is measured against the revision, which came in force during it: it says so.
    const env = testEnv({ SMS_TODAY: '2026-05-15' });
    const args = ['report', 'performance', '--agreement', 'SLA-0003', '--period', '2026-04'];
    const april = JSON.parse((await smsInProcess([...args, '--format', 'json'], dir, env)).stdout);
    expect(april.agreement.revisedDuring).toBe('2026-04-02');
    expect((await smsInProcess(args, dir, env)).stdout).toContain(
      'SLA-0003 was revised during the period (in force from 2026-04-02): the whole period is measured against the version in force at its end',
    );
    // The review pack for April says so too.
    const pack = ['report', 'review', '--period', '2026-04'];
    expect(JSON.parse((await smsInProcess([...pack, '--format', 'json'], dir, env)).stdout).incidents.agreementsRevisedDuring).toEqual([
      { agreement: 'SLA-0003', date: '2026-04-02' },
    ]);
    expect((await smsInProcess(pack, dir, env)).stdout).toContain(
      'Revised during the period: SLA-0003 (in force from 2026-04-02). The whole period is measured against the version in force at its end',
    );
  });

  it('a revision made on a branch dated back into a period counts from the day it was merged into the main line', async () => {
    const { dir, start } = lawRepo('2026-11-27T09:00:00Z');
    // On a branch from the first commit, P2 relaxed to 24 h, author and committer dated 28 September;
    // merged into main on 28 November. Throughout October, main said 8 h.
    gitIn(dir, ['checkout', '-q', '-b', 'relax', start]);
    writeFiles(dir, { [LAW]: law(24, { status: 'updated', approved_on: '2026-09-28' }) });
    commitAt(dir, '2026-09-28T16:00:00Z', 'P2 resolution 24 h');
    mergeAt(dir, 'relax', '2026-11-28T09:00:00Z');
    const env = testEnv({ SMS_TODAY: '2026-11-30' });
    const r = await smsInProcess(['report', 'performance', '--agreement', 'SLA-0002', '--period', '2026-10', '--format', 'json'], dir, env);
    expect(r.code, r.stderr).toBe(0);
    const d = JSON.parse(r.stdout);
    expect(d.targets.find((t: { priority: string }) => t.priority === 'P2')).toMatchObject({
      resolutionTargetHours: 8,
      resolved: 2,
      resolutionMet: 1,
    });
    expect(d.breaches.map((b: { id: string; resolutionHours: number }) => [b.id, b.resolutionHours])).toEqual([['INC-0002', 16]]);
    // The agreement says 24 h now: the report names the version it measured October against.
    expect(d.agreement.asCommitted).toMatchObject({ commit: start, changedSince: '2026-11-28' });
    expect(d.agreement.revisedDuring).toBeUndefined();
    // The review pack of October measures the same.
    const pack = JSON.parse((await smsInProcess(['report', 'review', '--period', '2026-10', '--format', 'json'], dir, env)).stdout);
    expect(pack.incidents.breaches.map((b: { id: string }) => b.id)).toEqual(['INC-0002']);
    expect(pack.incidents.agreementsAsCommitted).toMatchObject([{ agreement: 'SLA-0002', commit: start, changedSince: '2026-11-28' }]);
    // November's report is measured against the merged revision, which came in force during it.
    const nov = JSON.parse(
      (await smsInProcess(['report', 'performance', '--agreement', 'SLA-0002', '--period', '2026-11', '--format', 'json'], dir, env))
        .stdout,
    );
    expect(nov.agreement.revisedDuring).toBe('2026-11-28');
    expect(nov.agreement.asCommitted).toBeUndefined();
  });

  it('an incident deleted on a branch dated back into a period stood through it until the merge: measured, not listed as deleted', async () => {
    const { dir, incidents } = lawRepo('2026-10-22T09:00:00Z');
    // Deleted on a branch, dated 23 October; merged on 28 November.
    gitIn(dir, ['checkout', '-q', '-b', 'tidy', incidents]);
    gitIn(dir, ['rm', '-q', 'incidents/INC-0002-b.md']);
    commitAt(dir, '2026-10-23T09:00:00Z', 'Remove INC-0002');
    mergeAt(dir, 'tidy', '2026-11-28T09:00:00Z');
    const env = testEnv({ SMS_TODAY: '2026-11-30' });
    const r = await smsInProcess(['report', 'performance', '--agreement', 'SLA-0002', '--period', '2026-10', '--format', 'json'], dir, env);
    expect(r.code, r.stderr).toBe(0);
    const d = JSON.parse(r.stdout);
    expect(d.targets.find((t: { priority: string }) => t.priority === 'P2')).toMatchObject({ resolved: 2, resolutionMet: 1 });
    expect(d.breaches.map((b: { id: string }) => b.id)).toEqual(['INC-0002']);
    const pack = JSON.parse((await smsInProcess(['report', 'review', '--period', '2026-10', '--format', 'json'], dir, env)).stdout);
    expect(pack.incidents.breaches.map((b: { id: string }) => b.id)).toEqual(['INC-0002']);
  });

  it('an incident outside the folders sms reads, or saved as .MD, is listed as not counted in the report of its agreement, and only there', async () => {
    const dir = repo({
      // A P1 of the bakery's, 12 hours against 4: a breach, in a folder nothing reads.
      'incident/INC-0009-router.md': inc(9, 'Router down at the bakery', {
        agreement: 'SLA-0001',
        priority: 'P1',
        services: ['SVC-0002'],
        opened: '2026-10-10T08:00:00Z',
        responded: '2026-10-10T08:10:00Z',
        resolved: '2026-10-10T20:00:00Z',
      }),
      // In its folder, but saved as .MD: read by nothing either.
      'incidents/INC-0010-printer.MD': inc(10, 'Printer jam at the law office', {
        id: 'INC-0010',
        agreement: 'SLA-0002',
        priority: 'P3',
        services: ['SVC-0003'],
        opened: '2026-10-12T08:00:00Z',
        resolved: '2026-10-12T09:00:00Z',
      }),
      // An editor's second save of an incident sms reads and counts: not "not counted".
      'incidents/INC-0008-h.MD': BREACH,
      // The bakery's, but over before October.
      'incident/INC-0011-old.md': inc(11, 'Scanner slow at the bakery', {
        id: 'INC-0011',
        agreement: 'SLA-0001',
        priority: 'P3',
        services: ['SVC-0001'],
        opened: '2026-09-01T08:00:00Z',
        resolved: '2026-09-01T09:00:00Z',
      }),
    });
    const json = async (agreement: string) => {
      const r = await report(dir, ['--agreement', agreement, '--period', '2026-10', '--format', 'json']);
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(r.stdout);
    };
    const bakery = await json('SLA-0001');
    expect(bakery.outsideFolders).toEqual([{ id: 'INC-0009', file: 'incident/INC-0009-router.md' }]);
    expect(bakery.incidents.items.map((m: { id: string }) => m.id)).not.toContain('INC-0009');
    expect((await json('SLA-0002')).outsideFolders).toEqual([{ id: 'INC-0010', file: 'incidents/INC-0010-printer.MD' }]);
    for (const format of ['md', 'html']) {
      const r = await report(dir, ['--agreement', 'SLA-0001', '--period', '2026-10', '--format', format]);
      expect(r.stdout, format).toContain('Not counted: ');
      expect(r.stdout, format).toMatch(/INC-0009.{0,80}is in incident\/INC-0009-router\.md, a file sms does not read/);
      expect(r.stdout, format).not.toContain('INC-0010');
    }
  });

  it('an incident record whose front matter or opening time cannot be read is listed as not counted, never left out without a word', async () => {
    const dir = repo({
      // A key given twice: the front matter does not read, so whose it is cannot be told.
      'incidents/INC-0013-broken.md': '---\nid: INC-0013\ntype: incident\nreported_by: a@b.example\nreported_by: c@d.example\n---\n',
      // The bakery's, opened at a time with no offset: no figure can measure it.
      'incidents/INC-0014-noofs.md': inc(14, 'Till offline at the bakery', {
        id: 'INC-0014',
        agreement: 'SLA-0001',
        priority: 'P1',
        services: ['SVC-0002'],
        opened: '2026-10-21T09:00:00',
        resolved: '2026-10-21T17:00:00Z',
      }),
    });
    const json = async (agreement: string) => {
      const r = await report(dir, ['--agreement', agreement, '--period', '2026-10', '--format', 'json']);
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(r.stdout);
    };
    const broken = { id: 'INC-0013', reason: 'its front matter cannot be read' };
    const bakery = await json('SLA-0001');
    expect(bakery.notCounted).toEqual([
      broken,
      { id: 'INC-0014', file: 'incidents/INC-0014-noofs.md', reason: 'its opening time, opened, cannot be read' },
    ]);
    // INC-0013 may hold an outage of any service in any month: no month's availability is known.
    expect(
      bakery.availability.months.map((m: { service: string; percent?: number; met?: boolean; note?: string }) => [
        m.service,
        m.percent,
        m.met,
        m.note,
      ]),
    ).toEqual([
      ['SVC-0001', undefined, undefined, 'not known: INC-0013 cannot be read as an incident record, and may record an outage'],
      ['SVC-0002', undefined, undefined, 'not known: INC-0013 cannot be read as an incident record, and may record an outage'],
    ]);
    // The law office's report lists the record no one can attribute, by its ID alone, and not the bakery's.
    expect((await json('SLA-0002')).notCounted).toEqual([broken]);
    const md = (await report(dir, ['--agreement', 'SLA-0001', '--period', '2026-10', '--format', 'md'])).stdout;
    expect(md).toContain(
      'Not counted: INC-0014 (incidents/INC-0014-noofs.md), an incident record whose figures cannot be read: its opening time, opened, cannot be read.',
    );
    expect(md).toContain('Not counted: INC-0013, an incident record whose figures cannot be read: its front matter cannot be read.');
    const html = (await report(dir, ['--agreement', 'SLA-0002', '--period', '2026-10', '--format', 'html'])).stdout;
    expect(html).toContain('Not counted: INC-0013, an incident record whose figures cannot be read');
    expect(html).not.toContain('INC-0014');
    const r = await smsInProcess(['report', 'review', '--since', '2026-10-01', '--until', '2026-10-31', '--format', 'json'], dir, env);
    expect(r.code, r.stderr).toBe(0);
    const review = JSON.parse(r.stdout);
    expect(review.incidents.notCounted.map((x: { id: string; file: string }) => `${x.id} ${x.file}`)).toEqual([
      'INC-0013 incidents/INC-0013-broken.md',
      'INC-0014 incidents/INC-0014-noofs.md',
    ]);
  });

  it('an incident outside the folders sms reads that names no agreement, on a service two customers share, is listed by ID in both their reports', async () => {
    const dir = repo({
      // On SVC-0001, which the bakery and the law office share, naming neither: in a folder nothing reads.
      'incident/INC-0012-switch.md': inc(12, 'Switch down at one of them', {
        id: 'INC-0012',
        priority: 'P2',
        services: ['SVC-0001'],
        opened: '2026-10-14T08:00:00Z',
        resolved: '2026-10-14T09:00:00Z',
      }),
    });
    for (const agreement of ['SLA-0001', 'SLA-0002']) {
      const r = await report(dir, ['--agreement', agreement, '--period', '2026-10', '--format', 'json']);
      expect(r.code, r.stderr).toBe(0);
      const d = JSON.parse(r.stdout);
      expect(d.unattributedOutsideFolders, agreement).toEqual(['INC-0012']);
      expect(d.outsideFolders, agreement).toEqual([]);
      expect(d.proposedActions, agreement).toContain(
        'Move INC-0012 where sms reads it and name its agreement (agreement:), so that it is counted.',
      );
      for (const format of ['md', 'html']) {
        const text = (await report(dir, ['--agreement', agreement, '--period', '2026-10', '--format', format])).stdout;
        expect(text, `${agreement} ${format}`).toContain(
          'Not counted: INC-0012, in files sms does not read, on services that more than one agreement in force covers, naming none of them.',
        );
        // Its title and file name may be the other customer's: neither is shown.
        expect(text).not.toContain('Switch down');
        expect(text).not.toContain('INC-0012-switch');
      }
    }
  });

  it("an incident naming no agreement is not inferred to be a customer's while another customer's agreement for the service is still a draft", async () => {
    const dir = repo({
      'agreements/customers/SLA-0002-law.md': sla('SLA-0002', 'Kessler Legal', ['SVC-0001', 'SVC-0003'], { status: 'draft' }),
    });
    // INC-0004 on the shared SVC-0001 may be the law office's, whose agreement is being negotiated.
    await expectAmbiguousInBakerysOctober(dir);
    // validate asks for the agreement to be named.
    const v = await smsInProcess(['validate', '--no-git', '--format', 'json'], dir, env);
    const found = JSON.parse(v.stdout).diagnostics.filter((f: { rule: string }) => f.rule === 'ambiguous-agreement');
    expect(found.map((f: { docId: string }) => f.docId)).toEqual(['INC-0004']);
  });

  it("one customer's report counts its months in the agreement's time zone, for incidents as for availability, and says which", async () => {
    // The provider is in New York; the bakery's agreement runs on Berlin time. 21:00 on 30 September
    // in New York is 03:00 on 1 October in Berlin: an October incident for the bakery.
    const dir = repo({
      'sms.config.yaml': 'organisation: Harbour Lane IT\ntimezone: America/New_York\n',
      // The supplier's agreement runs on Tokyo time, where this is 10:00 on 1 October.
      'agreements/suppliers/UA-0001-mail.md': UA.replace(
        '\ntargets: ',
        '\ncalendar: {"timezone": "Asia/Tokyo", "days": ["mon"], "from": "09:00", "to": "17:00"}\ntargets: ',
      ),
      'incidents/INC-0009-i.md': inc(9, 'Night outage', {
        supplier_agreement: 'UA-0001',
        agreement: 'SLA-0001',
        priority: 'P1',
        services: ['SVC-0001'],
        opened: '2026-09-30T21:00:00-04:00',
        responded: '2026-09-30T21:10:00-04:00',
        resolved: '2026-09-30T22:00:00-04:00',
        outage_start: '2026-09-30T21:00:00-04:00',
        outage_end: '2026-09-30T22:00:00-04:00',
      }),
    });
    const ids = async (period: string) => {
      const r = await report(dir, ['--agreement', 'SLA-0001', '--period', period, '--format', 'json']);
      expect(r.code, r.stderr).toBe(0);
      const d = JSON.parse(r.stdout);
      expect(d.timezone).toBe('Europe/Berlin');
      return d.incidents.items.map((m: { id: string }) => m.id);
    };
    expect(await ids('2026-09')).not.toContain('INC-0009');
    expect(await ids('2026-10')).toContain('INC-0009');
    const md = await report(dir, ['--agreement', 'SLA-0001', '--period', '2026-10']);
    expect(md.stdout).toMatch(/period 2026-10-01 to 2026-10-31 \(Europe\/Berlin\)/);
    // The review pack counts the organisation's month throughout, its supplier and agreement rows too:
    // INC-0009 is a September incident there, and no row says otherwise.
    const review = await smsInProcess(['report', 'review', '--since', '2026-09-01', '--until', '2026-09-30', '--format', 'json'], dir, env);
    expect(review.code, review.stderr).toBe(0);
    const rv = JSON.parse(review.stdout);
    expect(rv.incidents.items.map((m: { id: string }) => m.id)).toContain('INC-0009');
    expect(rv.suppliers.find((x: { id: string }) => x.id === 'UA-0001')).toMatchObject({ incidents: 1 });
    // It says which zone it counts in.
    expect(rv.timezone).toBe('America/New_York');
    const reviewMd = await smsInProcess(['report', 'review', '--since', '2026-09-01', '--until', '2026-09-30'], dir, env);
    expect(reviewMd.stdout).toContain(
      "Period 2026-09-01 to 2026-09-30 (America/New\\_York; availability in each agreement's own time zone)",
    );
  });

  it('a P1 with no outage record leaves its month not known, unless it was opened and resolved wholly outside service hours', async () => {
    const p1 = (n: number, opened: string, resolved: string) =>
      inc(n, `P1 number ${n}`, { agreement: 'SLA-0001', priority: 'P1', services: ['SVC-0001'], opened, responded: opened, resolved });
    const september = async (files: Record<string, string>) => {
      const r = await report(repo(files), ['--agreement', 'SLA-0001', '--period', '2026-09', '--format', 'json']);
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(r.stdout).availability.months.find((m: { service: string }) => m.service === 'SVC-0001');
    };
    // Saturday 12 September, 10:00 to 12:00 in Berlin: the service hours are Monday to Friday.
    expect((await september({ 'incidents/INC-0009-i.md': p1(9, '2026-09-12T08:00:00Z', '2026-09-12T10:00:00Z') })).note).toBe(
      'no outage recorded',
    );
    // Friday 11 September 17:00 to Saturday: one hour of it in service hours, so the month is not known.
    expect((await september({ 'incidents/INC-0009-i.md': p1(9, '2026-09-11T15:00:00Z', '2026-09-12T10:00:00Z') })).note).toBe(
      'not known: P1 incident INC-0009 without an outage record',
    );
  });

  it('a supplier agreement retired before the period is not shown as underpinning the services any more', async () => {
    const dir = tmp();
    const files: Record<string, string> = {
      'sms.config.yaml': CONFIG,
      ...FILES,
      'incidents/INC-0008-h.md': BREACH,
      'agreements/suppliers/UA-0001-mail.md': UA,
    };
    gitRepo(dir, [
      { files, date: '2026-01-02T09:00:00Z' },
      {
        files: { 'agreements/suppliers/UA-0001-mail.md': UA.replace('status: "approved"', 'status: "retired"') },
        date: '2026-09-10T09:00:00Z',
      },
    ]);
    const suppliers = async (period: string) => {
      const r = await report(dir, ['--agreement', 'SLA-0001', '--period', period, '--format', 'json']);
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(r.stdout).suppliers.map((x: { id: string }) => x.id);
    };
    expect(UA).toContain('status: "approved"');
    // In force all August, and for part of September; retired all of October.
    expect(await suppliers('2026-08')).toEqual(['UA-0001']);
    expect(await suppliers('2026-09')).toEqual(['UA-0001']);
    expect(await suppliers('2026-10')).toEqual([]);
  });

  it("a supplier agreement's report: the incidents attributed to it, on its own clock", async () => {
    const r = await report(repo(), ['--agreement', 'UA-0001', '--period', '2026-10', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const d = JSON.parse(r.stdout);
    expect(d.agreement).toMatchObject({ id: 'UA-0001', kind: 'supplier', party: 'CloudMail' });
    // 26 hours around the clock against 4.
    expect(d.breaches.map((b: { id: string; resolutionHours: number }) => [b.id, b.resolutionHours])).toEqual([['INC-0008', 26]]);
    expect(d.incidents.items.map((m: { id: string }) => m.id)).toEqual(['INC-0008']);
    const md = await report(repo(), ['--agreement', 'UA-0001', '--period', '2026-10']);
    expect(md.stdout).toContain('CloudMail (supplier agreement)');
  });

  it('Law in October: INC-0002 took 44 clock hours but 20 service hours, not a breach of 20 h', async () => {
    const d = JSON.parse((await report(repo(), ['--agreement', 'SLA-0002', '--period', '2026-10', '--format', 'json'])).stdout);
    expect(d.incidents.items).toMatchObject([{ id: 'INC-0002', resolutionHours: 20, clockHours: 44, resolutionMet: true, breach: false }]);
    expect(d.breaches).toEqual([]);
    expect(d.availability).toMatchObject({ known: false, basis: 'no outage recorded in the period' });
  });

  it('an agreement retired since keeps the incidents of the months it was in force: they are inferred by its status then, from history', async () => {
    const dir = tmp();
    const services = Object.fromEntries(Object.entries(FILES).filter(([f]) => f.startsWith('catalogue/')));
    const agreement = (extra: Record<string, unknown>) => sla('SLA-0003', 'Corner Café', ['SVC-0003'], extra);
    const A = 'agreements/customers/SLA-0003-cafe.md';
    gitRepo(dir, [
      {
        files: {
          'sms.config.yaml': CONFIG,
          ...services,
          [A]: agreement({ end: '2026-03-31' }),
          'governance/policy.md': md(
            {
              id: 'POLICY',
              type: 'policy',
              title: 'Policy',
              status: 'approved',
              objectives: [{ id: 'AV', text: 'Available 99.5% of each month', measure: 'availability', target: 99.5 }],
            },
            '\n## Notes\n',
          ),
        },
        date: '2025-12-02T09:00:00Z',
      },
      {
        // A breach that names no agreement: the café's was the only one in force covering SVC-0003 that day.
        files: {
          'incidents/INC-0008-h.md': inc(8, 'Café till down', CAFE_TILL_DOWN),
        },
        date: '2026-02-11T09:00:00Z',
      },
      { files: { [A]: agreement({ end: '2026-03-31', status: 'retired' }) }, date: '2026-04-10T09:00:00Z' },
    ]);
    const { d } = await cafeQ1(dir);
    expect(d.incidents.items.map((m: { id: string; attribution: string }) => [m.id, m.attribution])).toEqual([['INC-0008', 'inferred']]);
    expect(d.breaches.map((b: { id: string }) => b.id)).toEqual(['INC-0008']);
    // February: 20 weekdays × 600 = 12,000 service minutes, 10:00 → 13:00 CET down: 98.5%.
    const feb = d.availability.months.find((m: { since: string }) => m.since === '2026-02-01');
    expect(feb).toMatchObject({ serviceMinutes: 12000, downtimeMinutes: 180, percent: 98.5, met: false });
    // The review pack of the quarter counts it the same way.
    const review = await smsInProcess(
      ['report', 'review', '--period', '2026-Q1', '--format', 'json'],
      dir,
      testEnv({ SMS_TODAY: '2026-05-15' }),
    );
    expect(review.code, review.stderr).toBe(0);
    const rv = JSON.parse(review.stdout);
    expect(rv.incidents.items.map((m: { id: string; agreement?: string }) => [m.id, m.agreement])).toEqual([['INC-0008', 'SLA-0003']]);
    expect(rv.objectives.find((o: { id: string }) => o.id === 'AV')).toMatchObject({ value: 98.5, rag: 'red' });
  });

  it('the time zone is moved in a branch merged into the main line: periods after the merge are counted in the new zone, those before in the old', async () => {
    const dir = cafeRepo([]);
    const env = testEnv();
    gitIn(dir, ['checkout', '-q', '-b', 'zone'], env);
    addCommit(dir, { files: { 'sms.config.yaml': CONFIG.replace('Europe/Berlin', 'America/New_York') }, date: '2026-11-09T09:00:00Z' });
    gitIn(dir, ['checkout', '-q', 'main'], env);
    addCommit(dir, { files: { 'notes.md': '# notes\n' }, date: '2026-11-09T10:00:00Z' });
    mergeAt(dir, 'zone', '2026-11-10T09:00:00Z');
    const zoneOf = async (period: string) => {
      const r = await smsInProcess(
        ['report', 'performance', '--agreement', 'SLA-0003', '--period', period, '--format', 'json'],
        dir,
        testEnv({ SMS_TODAY: '2027-01-15' }),
      );
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(r.stdout).zone;
    };
    expect(await zoneOf('2026-10')).toEqual({ counted: 'Europe/Berlin', now: 'America/New_York' });
    expect(await zoneOf('2026-12')).toBeUndefined();
  });

  it('links to a file whose name has spaces and parentheses stay links: each segment is percent-encoded, in Markdown and HTML', async () => {
    const I = 'incidents/INC-0008 till down (café).md';
    const dir = cafeRepo([
      { files: { [I]: inc(8, 'Café till down', { agreement: 'SLA-0003', ...CAFE_TILL_DOWN }) }, date: '2026-02-11T09:00:00Z' },
    ]);
    const { text } = await cafeQ1(dir);
    const target = 'incidents/INC-0008%20till%20down%20%28caf%C3%A9%29.md';
    expect(await text('md')).toContain(`| [INC-0008](${target}) |`);
    expect(await text('html')).toContain(`href="${target}"`);
  });

  it('a time-zone change dated back, on top of later work, counts from that work: the periods before it are not counted again', async () => {
    const dir = cafeRepo([{ files: { 'notes.md': '# notes\n' }, date: '2026-11-20T09:00:00Z' }]);
    // Committed on top of 20 November, dated 1 January.
    addCommit(dir, { files: { 'sms.config.yaml': CONFIG.replace('Europe/Berlin', 'America/New_York') }, date: '2026-01-01T09:00:00Z' });
    const r = await smsInProcess(
      ['report', 'performance', '--agreement', 'SLA-0003', '--period', '2026-10', '--format', 'json'],
      dir,
      testEnv({ SMS_TODAY: '2027-01-15' }),
    );
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).zone).toEqual({ counted: 'Europe/Berlin', now: 'America/New_York' });
  });

  it('a revision committed with a date past the year 9999 counts in no period: the quarter keeps the targets it had', async () => {
    const I = 'incidents/INC-0008-h.md';
    const dir = cafeRepo([
      { files: { [I]: inc(8, 'Café till down', { agreement: 'SLA-0003', ...CAFE_TILL_DOWN }) }, date: '2026-02-11T09:00:00Z' },
    ]);
    // 2 January 10000, which git takes and prints as 10000-01-02T00:00:00+00:00.
    writeFileSync(
      path.join(dir, CAFE_SLA),
      sla('SLA-0003', 'Corner Café', ['SVC-0003'], { status: 'updated', targets: LAX_P1, approved_on: '2026-02-12' }),
    );
    gitIn(
      dir,
      ['commit', '-qam', 'Relax the P1 target'],
      testEnv({ GIT_AUTHOR_DATE: '@253402387200 +0000', GIT_COMMITTER_DATE: '@253402387200 +0000' }),
    );
    const { d } = await cafeQ1(dir);
    // Measured against the 4 h it had: 5 h, a breach.
    expect(d.breaches.map((b: { id: string }) => b.id)).toEqual(['INC-0008']);
  });

  it('a deletion dated back, on top of later work, counts from that work: the incident stays in the quarter it was deleted after', async () => {
    const I = 'incidents/INC-0008-h.md';
    const dir = cafeRepo([
      { files: { [I]: inc(8, 'Café till down', { agreement: 'SLA-0003', ...CAFE_TILL_DOWN }) }, date: '2026-02-11T09:00:00Z' },
      { files: { 'notes.md': '# notes\n' }, date: '2026-04-20T09:00:00Z' },
      // Committed on top of 20 April, dated 1 March: inside the quarter.
      { files: { [I]: null }, date: '2026-03-01T09:00:00Z' },
    ]);
    const { d } = await cafeQ1(dir);
    expect(d.incidents.items.map((m: { id: string }) => m.id)).toEqual(['INC-0008']);
    expect(d.deletedAfterPeriod.map((x: { id: string; date: string }) => [x.id, x.date])).toEqual([['INC-0008', '2026-04-20']]);
  });

  it('an agreement renewed with a later term keeps the incidents that named it while its earlier term ran', async () => {
    // The café's SLA-0003 (from 2026-01-01) is renewed in November for 2027–2028. A February P1
    // that names it (5 h to resolve, 24×7, against 4 h) was in its term then: a breach of Q1.
    const I = 'incidents/INC-0008-h.md';
    const dir = cafeRepo([
      { files: { [I]: inc(8, 'Café till down', { agreement: 'SLA-0003', ...CAFE_TILL_DOWN }) }, date: '2026-02-11T09:00:00Z' },
      {
        files: { [CAFE_SLA]: sla('SLA-0003', 'Corner Café', ['SVC-0003'], { status: 'updated', start: '2027-01-01', end: '2028-12-31' }) },
        date: '2026-11-20T09:00:00Z',
      },
    ]);
    const { d } = await cafeQ1(dir);
    expect(d.incidents.items).toMatchObject([{ id: 'INC-0008', attribution: 'named', agreement: 'SLA-0003', resolutionMet: false }]);
    expect(d.breaches.map((b: { id: string }) => b.id)).toEqual(['INC-0008']);
    expect(d.namedNotInForce).toEqual([]);
    // Validation does not judge the past term from the term now.
    const v = await smsInProcess(['validate', '--format', 'json'], dir, testEnv({ SMS_TODAY: '2026-11-30' }));
    expect(JSON.parse(v.stdout).diagnostics.filter((f: { rule: string }) => f.rule === 'ambiguous-agreement')).toEqual([]);
  });

  it('a past period is counted in the time zone sms.config.yaml gave at its end: moving timezone later does not re-count its service hours', async () => {
    // The café's calendar gives no zone: Mon–Fri 08:00–18:00 in the organisation's, Europe/Berlin
    // when the agreement was signed and all through October. A P2 (resolved within 8 service hours)
    // from Tue 20 Oct 08:00 to 18:30 CEST: 10 service hours, a breach. Read in America/New_York, where
    // sms.config.yaml was moved on 10 November, the same instants are 02:00–12:30: 4.5 hours, met.
    const I = 'incidents/INC-0008-h.md';
    const calendar = { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '08:00', to: '18:00' };
    const dir = cafeRepo([
      { files: { [CAFE_SLA]: sla('SLA-0003', 'Corner Café', ['SVC-0003'], { calendar }) }, date: '2025-12-03T09:00:00Z' },
      {
        files: {
          [I]: inc(8, 'Café printer down', {
            agreement: 'SLA-0003',
            priority: 'P2',
            services: ['SVC-0003'],
            opened: '2026-10-20T06:00:00Z',
            responded: '2026-10-20T06:30:00Z',
            resolved: '2026-10-20T16:30:00Z',
            closed: '2026-10-21T09:00:00Z',
          }),
        },
        date: '2026-10-21T10:00:00Z',
      },
      { files: { 'sms.config.yaml': CONFIG.replace('Europe/Berlin', 'America/New_York') }, date: '2026-11-10T09:00:00Z' },
    ]);
    const run = async (kind: string[], format: string): Promise<string> => {
      const r = await smsInProcess(
        ['report', ...kind, '--period', '2026-10', '--format', format],
        dir,
        testEnv({ SMS_TODAY: '2026-11-30' }),
      );
      expect(r.code, r.stderr).toBe(0);
      return r.stdout;
    };
    const d = JSON.parse(await run(['performance', '--agreement', 'SLA-0003'], 'json'));
    expect(d.timezone).toBe('Europe/Berlin');
    expect(d.zone).toEqual({ counted: 'Europe/Berlin', now: 'America/New_York' });
    expect(d.incidents.items).toMatchObject([{ id: 'INC-0008', resolutionHours: 10, resolutionTargetHours: 8, resolutionMet: false }]);
    expect(await run(['performance', '--agreement', 'SLA-0003'], 'md')).toContain(
      // Markdown escapes the underscore.
      "The organisation's time zone here is Europe/Berlin, the one sms.config.yaml gave at the end of the period; it gives America/New\\_York now.",
    );
    const review = JSON.parse(await run(['review'], 'json'));
    expect(review.zone).toEqual({ counted: 'Europe/Berlin', now: 'America/New_York' });
    expect(review.incidents.breaches.map((b: { id: string }) => b.id)).toEqual(['INC-0008']);
  });

  it("an incident naming the customer's retired agreement is measured against the agreement in force the day it opened, not the retired one's looser targets", async () => {
    // The café's SLA-0003 (P1 resolved within 4 h) is replaced by SLA-0004 (within 2 h) from 1 March,
    // and retired on 28 February. A March P1 names the retired SLA-0003: 3 h to resolve (24×7), a
    // breach of SLA-0004's 2 h, met only by SLA-0003's 4 h.
    const SLA4 = 'agreements/customers/SLA-0004-cafe.md';
    const strict = { ...LAX_P1, P1: { response_hours: 0.5, resolution_hours: 2, clock: '24x7' } };
    const dir = cafeRepo([
      {
        files: { [SLA4]: sla('SLA-0004', 'Corner Café', ['SVC-0003'], { start: '2026-03-01', targets: strict }) },
        date: '2026-02-27T09:00:00Z',
      },
      { files: { [CAFE_SLA]: sla('SLA-0003', 'Corner Café', ['SVC-0003'], { status: 'retired' }) }, date: '2026-02-28T09:00:00Z' },
      TILL_DOWN_AGAIN,
    ]);
    const env = testEnv({ SMS_TODAY: '2026-05-15' });
    const perf = async (id: string, format = 'json'): Promise<string> => {
      const r = await smsInProcess(['report', 'performance', '--agreement', id, '--period', '2026-03', '--format', format], dir, env);
      expect(r.code, r.stderr).toBe(0);
      return r.stdout;
    };
    const listed = [{ id: 'INC-0009', named: 'SLA-0003', openedOn: '2026-03-10', measuredAgainst: 'SLA-0004' }];
    const now = JSON.parse(await perf('SLA-0004'));
    expect(now.incidents.items).toMatchObject([
      {
        id: 'INC-0009',
        agreement: 'SLA-0004',
        attribution: 'not-in-force',
        namedNotInForce: { agreement: 'SLA-0003', openedOn: '2026-03-10' },
        resolutionHours: 3,
        resolutionTargetHours: 2,
        resolutionMet: false,
      },
    ]);
    expect(now.breaches.map((b: { id: string }) => b.id)).toEqual(['INC-0009']);
    expect(now.namedNotInForce).toEqual(listed);
    expect(await perf('SLA-0004', 'md')).toContain(
      'INC-0009 names SLA-0003, which was not in force on 2026-03-10, when it was opened: it is counted under SLA-0004, the agreement in force then.',
    );
    const old = JSON.parse(await perf('SLA-0003'));
    expect(old.incidents.items).toEqual([]);
    expect(old.breaches).toEqual([]);
    expect(old.namedNotInForce).toEqual(listed);
    // The review pack counts it under SLA-0004 too.
    const rv = JSON.parse((await smsInProcess(['report', 'review', '--period', '2026-Q1', '--format', 'json'], dir, env)).stdout);
    expect(rv.incidents.items.filter((m: { id: string }) => m.id === 'INC-0009')).toMatchObject([
      { agreement: 'SLA-0004', resolutionMet: false },
    ]);
  });

  it("an incident naming the customer's expired agreement is measured against its renewal, which names the customer with its legal form", async () => {
    // The café's SLA-0003 ("Corner Café") ends on 28 February; its renewal SLA-0004 names the
    // customer "Corner Café GmbH", the same party, from 1 March (P1 resolved within 2 h around the
    // clock). A March P1 names the expired SLA-0003: opened 09:00, answered 09:10 (10 min, within
    // 0.5 h), resolved 12:00 UTC: 3 h, a breach of SLA-0004's 2 h, counted in the café's figures.
    const SLA4 = 'agreements/customers/SLA-0004-cafe.md';
    const strict = { ...LAX_P1, P1: { response_hours: 0.5, resolution_hours: 2, clock: '24x7' } };
    const commits = (more: Record<string, string> = {}): CommitSpec[] => [
      {
        files: {
          [CAFE_SLA]: sla('SLA-0003', 'Corner Café', ['SVC-0003'], { end: '2026-02-28' }),
          [SLA4]: sla('SLA-0004', 'Corner Café GmbH', ['SVC-0003'], { start: '2026-03-01', targets: strict }),
          ...more,
        },
        date: '2026-02-27T09:00:00Z',
      },
      TILL_DOWN_AGAIN,
    ];
    const env = testEnv({ SMS_TODAY: '2026-05-15' });
    const perf = async (dir: string, id: string): Promise<ReturnType<typeof JSON.parse>> => {
      const r = await smsInProcess(['report', 'performance', '--agreement', id, '--period', '2026-03', '--format', 'json'], dir, env);
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(r.stdout);
    };
    const dir = cafeRepo(commits());
    const listed = [{ id: 'INC-0009', named: 'SLA-0003', openedOn: '2026-03-10', measuredAgainst: 'SLA-0004' }];
    const renewal = await perf(dir, 'SLA-0004');
    expect(renewal.incidents.items).toMatchObject([
      {
        id: 'INC-0009',
        agreement: 'SLA-0004',
        attribution: 'not-in-force',
        resolutionHours: 3,
        resolutionTargetHours: 2,
        resolutionMet: false,
      },
    ]);
    expect(renewal.breaches.map((b: { id: string }) => b.id)).toEqual(['INC-0009']);
    expect(renewal.namedNotInForce).toEqual(listed);
    const expired = await perf(dir, 'SLA-0003');
    expect(expired.incidents.items).toEqual([]);
    expect(expired.namedNotInForce).toEqual(listed);
    // Where another customer's agreement names "Corner Café AG", the legal form tells the two apart
    // and "Corner Café" could be either: the incident is measured against neither.
    const AG = sla('SLA-0005', 'Corner Café AG', ['SVC-0001']).replace('Services for Corner Café AG', 'Services for the other café');
    const namesakes = cafeRepo(commits({ 'agreements/customers/SLA-0005-cafe-ag.md': AG }));
    expect((await perf(namesakes, 'SLA-0004')).incidents.items).toEqual([]);
    expect((await perf(namesakes, 'SLA-0003')).namedNotInForce).toEqual([{ id: 'INC-0009', named: 'SLA-0003', openedOn: '2026-03-10' }]);
  });

  it('a closed incident is measured as it was closed: a priority lowered and an outage shortened afterwards do not undo its breach', async () => {
    const I = 'incidents/INC-0008-h.md';
    const closed = { agreement: 'SLA-0003', ...CAFE_TILL_DOWN };
    const dir = cafeRepo([
      { files: { [I]: inc(8, 'Café till down', closed) }, date: '2026-02-11T09:00:00Z' },
      // A month later: P4 (no target), and the outage cut to ten minutes.
      {
        files: { [I]: inc(8, 'Café till down', { ...closed, priority: 'P4', outage_end: '2026-02-10T09:10:00Z' }) },
        date: '2026-03-12T09:00:00Z',
      },
    ]);
    const { d, text } = await cafeQ1(dir);
    expect(d.breaches.map((b: { id: string; priority: string }) => [b.id, b.priority])).toEqual([['INC-0008', 'P1']]);
    expect(d.incidents.items[0]).toMatchObject({
      id: 'INC-0008',
      priority: 'P1',
      resolutionHours: 5,
      breach: true,
      changedAfterClosing: {
        fields: [
          { field: 'priority', closed: ['P1'], now: ['P4'] },
          { field: 'outage_end', closed: ['2026-02-10T12:00:00Z'], now: ['2026-02-10T09:10:00Z'] },
        ],
        date: '2026-03-12',
      },
    });
    // February: 20 weekdays × 600 = 12,000 service minutes, 180 down as closed: 98.5%.
    const feb = d.availability.months.find((m: { since: string }) => m.since === '2026-02-01');
    expect(feb).toMatchObject({ downtimeMinutes: 180, percent: 98.5 });
    // The Markdown says so where the customer reads it (its text escaped for Markdown).
    const md = { stdout: await text() };
    expect(md.stdout).toContain(
      'INC-0008 was changed after it was closed (on 2026-03-12): priority P1 → P4; outage\\_end 2026-02-10T12:00:00Z → 2026-02-10T09:10:00Z. It is measured as it was closed.',
    );
  });

  it('an incident opened as P1 and closed as P4 is measured as P4, and the report says what P1 would have made of it', async () => {
    const I = 'incidents/INC-0008-h.md';
    const opening = { priority: 'P1', services: ['SVC-0003'], opened: CAFE_TILL_DOWN.opened };
    const dir = cafeRepo([
      { files: { [I]: inc(8, 'Café till down', { agreement: 'SLA-0003', ...opening, status: 'opened' }) }, date: '2026-02-10T09:05:00Z' },
      // Closed the next day as P4, in the commit that records the resolution.
      {
        files: { [I]: inc(8, 'Café till down', { agreement: 'SLA-0003', ...CAFE_TILL_DOWN, priority: 'P4' }) },
        date: '2026-02-11T09:00:00Z',
        author: { name: 'Tom Berg', email: 'tom@acme.example' },
      },
    ]);
    const { d, text } = await cafeQ1(dir);
    // As P4 (40 service hours, Mon–Fri 08:00–18:00): 10:00 → 15:00 CET is 5 service hours, met.
    expect(d.breaches).toEqual([]);
    expect(d.incidents.items[0]).toMatchObject({ id: 'INC-0008', priority: 'P4', resolutionHours: 5, resolutionMet: true });
    // As P1 (4 h around the clock, answered within 0.5 h): 5 h to resolve is over, the 10-minute answer met.
    const reclassified = {
      from: 'P1',
      to: 'P4',
      date: '2026-02-11',
      author: 'Tom Berg',
      responseTargetHours: 0.5,
      responseHours: 0.17,
      responseMet: true,
      resolutionTargetHours: 4,
      resolutionHours: 5,
      resolutionMet: false,
    };
    expect(d.incidents.items[0].reclassified).toMatchObject(reclassified);
    expect(d.reclassified).toEqual([{ id: 'INC-0008', file: I, commit: expect.stringMatching(/^[0-9a-f]{40}$/), ...reclassified }]);
    const md = { stdout: await text() };
    expect(md.stdout).toContain(
      'INC-0008 was opened as P1 and is recorded as P4 (on 2026-02-11, by Tom Berg). Against the targets of P1 it was answered in 0.17 h (target 0.5 h) and resolved in 5 h, **over** the 4 h target.',
    );
    const html = { stdout: await text('html') };
    expect(html.stdout).toContain('resolved in 5 h, <strong>over</strong> the 4 h target.');
  });

  it('an opening time moved after it was first committed is shown beside the one measured', async () => {
    const I = 'incidents/INC-0008-h.md';
    const opening = { agreement: 'SLA-0003', priority: 'P1', services: ['SVC-0003'], opened: CAFE_TILL_DOWN.opened };
    const dir = cafeRepo([
      { files: { [I]: inc(8, 'Café till down', { ...opening, status: 'opened' }) }, date: '2026-02-10T09:05:00Z' },
      // Closed with its opening moved two hours later: 5 h to resolve becomes 3 h, within the 4 h target.
      {
        files: {
          [I]: inc(8, 'Café till down', {
            ...CAFE_TILL_DOWN,
            agreement: 'SLA-0003',
            opened: '2026-02-10T11:00:00Z',
            outage_start: '2026-02-10T11:00:00Z',
          }),
        },
        author: { name: 'Tom Berg', email: 'tom@acme.example' },
        date: '2026-02-11T09:00:00Z',
      },
    ]);
    const { d, text } = await cafeQ1(dir);
    expect(d.incidents.items[0]).toMatchObject({ id: 'INC-0008', resolutionHours: 3, resolutionMet: true });
    const moved = { from: '2026-02-10T09:00:00Z', to: '2026-02-10T11:00:00Z', author: 'Tom Berg', date: '2026-02-11' };
    expect(d.incidents.items[0].openedMoved).toMatchObject(moved);
    expect(d.openedMoved).toMatchObject([{ id: 'INC-0008', ...moved }]);
    const md = { stdout: await text() };
    expect(md.stdout).toContain(
      'INC-0008 was first recorded as opened at 2026-02-10T09:00:00Z and now says 2026-02-10T11:00:00Z (on 2026-02-11, by Tom Berg).',
    );
  });

  it('an answer and an outage removed in the commit that closes an incident: the report shows what the times first recorded make of them', async () => {
    // P1 (answered within 1 h, around the clock) on Tue 20 Oct 2026, 10:00 CEST, answered at 11:30
    // (1.5 h, late) and down 10:00–15:00 (300 of October's 13,200 service minutes: 97.72%). The
    // closing commit removes the answer and the outage: the response is "not known", nothing is down.
    const I = 'incidents/INC-0008-h.md';
    const P1 = { P1: { response_hours: 1, resolution_hours: 8, clock: '24x7' } };
    const opening = { agreement: 'SLA-0003', priority: 'P1', services: ['SVC-0003'], opened: '2026-10-20T10:00:00+02:00' };
    const recorded = {
      responded: '2026-10-20T11:30:00+02:00',
      resolved: '2026-10-20T15:00:00+02:00',
      outage_start: '2026-10-20T10:00:00+02:00',
      outage_end: '2026-10-20T15:00:00+02:00',
    };
    const services = Object.fromEntries(Object.entries(FILES).filter(([f]) => f.startsWith('catalogue/')));
    const dir = tmp();
    gitRepo(dir, [
      {
        files: { 'sms.config.yaml': CONFIG, ...services, [CAFE_SLA]: sla('SLA-0003', 'Corner Café', ['SVC-0003'], { targets: P1 }) },
        date: '2025-12-02T09:00:00Z',
      },
      { files: { [I]: inc(8, 'Café till down', { ...opening, status: 'updated', ...recorded }) }, date: '2026-10-20T13:05:00Z' },
      {
        files: { [I]: inc(8, 'Café till down', { ...opening, resolved: recorded.resolved, closed: '2026-10-21T09:00:00+02:00' }) },
        author: { name: 'Tom Berg', email: 'tom@acme.example' },
        date: '2026-10-21T07:00:00Z',
      },
    ]);
    const run = async (format: string): Promise<string> => {
      const r = await smsInProcess(
        ['report', 'performance', '--agreement', 'SLA-0003', '--period', '2026-10', '--format', format],
        dir,
        testEnv({ SMS_TODAY: '2026-11-30' }),
      );
      expect(r.code, r.stderr).toBe(0);
      return r.stdout;
    };
    const d = JSON.parse(await run('json'));
    expect(d.incidents.items[0]).toMatchObject({ id: 'INC-0008', responseRecorded: false });
    const oct = d.availability.months.find((m: { service: string }) => m.service === 'SVC-0003');
    expect(oct).toMatchObject({ serviceMinutes: 13200, downtimeMinutes: 0 });
    expect(oct.firstRecorded).toEqual({ incidents: ['INC-0008'], downtimeMinutes: 300, percent: 97.72, met: false });
    expect(d.timesMoved).toMatchObject([
      {
        id: 'INC-0008',
        fields: [
          { field: 'responded', from: '2026-10-20T09:30:00Z', removed: true, author: 'Tom Berg', date: '2026-10-21' },
          { field: 'outage_start', from: '2026-10-20T08:00:00Z', removed: true, author: 'Tom Berg', date: '2026-10-21' },
        ],
        responseHours: 1.5,
        responseTargetHours: 1,
        responseMet: false,
      },
    ]);
    expect(await run('md')).toContain(
      'INC-0008 was first recorded with responded 2026-10-20T09:30:00Z, since removed (on 2026-10-21, by Tom Berg)',
    );
  });

  it('times moved earlier in the commit that closes an incident: the report shows what the times first recorded make of it', async () => {
    // P1 (answered within 1 h, resolved within 4 h, around the clock) on Tue 20 Oct 2026, 10:00 CEST,
    // down from then; SVC-0003 is measured in its service hours, Mon–Fri 08:00–18:00 Europe/Berlin.
    const I = 'incidents/INC-0008-h.md';
    const P1 = { P1: { response_hours: 1, resolution_hours: 4, clock: '24x7' } };
    const opening = {
      agreement: 'SLA-0003',
      priority: 'P1',
      services: ['SVC-0003'],
      opened: '2026-10-20T10:00:00+02:00',
      outage_start: '2026-10-20T10:00:00+02:00',
    };
    const resolved = { resolved: '2026-10-20T15:00:00+02:00', outage_end: '2026-10-20T15:00:00+02:00' };
    const services = Object.fromEntries(Object.entries(FILES).filter(([f]) => f.startsWith('catalogue/')));
    const dir = tmp();
    const [, , , closing] = gitRepo(dir, [
      {
        files: {
          'sms.config.yaml': CONFIG,
          ...services,
          [CAFE_SLA]: sla('SLA-0003', 'Corner Café', ['SVC-0003'], { targets: P1 }),
          'governance/policy.md': md({
            id: 'POLICY',
            type: 'policy',
            title: 'Policy',
            status: 'approved',
            objectives: ['availability', 'resolution-compliance', 'response-compliance'].map((measure, k) => ({
              id: `O${k + 1}`,
              text: measure,
              measure,
              target: 95,
            })),
          }),
        },
        date: '2025-12-02T09:00:00Z',
      },
      // Answered at 11:30: 1.5 h, over the 1 h target.
      {
        files: { [I]: inc(8, 'Café till down', { ...opening, status: 'opened', responded: '2026-10-20T11:30:00+02:00' }) },
        date: '2026-10-20T09:35:00Z',
      },
      // Resolved at 15:00: 5 h, over the 4 h target; down 10:00–15:00, 300 minutes of service hours.
      {
        files: { [I]: inc(8, 'Café till down', { ...opening, status: 'updated', responded: '2026-10-20T11:30:00+02:00', ...resolved }) },
        date: '2026-10-20T13:05:00Z',
      },
      // The closing commit moves all three earlier: answered 10:45, resolved 13:30, up again at 10:40.
      {
        files: {
          [I]: inc(8, 'Café till down', {
            ...opening,
            responded: '2026-10-20T10:45:00+02:00',
            resolved: '2026-10-20T13:30:00+02:00',
            outage_end: '2026-10-20T10:40:00+02:00',
            closed: '2026-10-21T09:00:00+02:00',
          }),
        },
        author: { name: 'Tom Berg', email: 'tom@acme.example' },
        date: '2026-10-21T07:00:00Z',
      },
    ]);
    const args = ['report', 'performance', '--agreement', 'SLA-0003', '--period', '2026-10'];
    const out = async (kind: string, format: string, more: string[] = []) => {
      const r = await smsInProcess(
        [...(kind === 'review' ? ['report', 'review', '--period', '2026-10'] : args), '--format', format, ...more],
        dir,
        testEnv({ SMS_TODAY: '2026-11-30' }),
      );
      expect(r.code, r.stderr).toBe(0);
      return r.stdout;
    };
    const d = JSON.parse(await out('performance', 'json'));
    // The figures count the times recorded, which the closing confirmed: 0.75 h, 3.5 h, 40 minutes down.
    expect(d.incidents.items[0]).toMatchObject({
      id: 'INC-0008',
      responseHours: 0.75,
      responseMet: true,
      resolutionHours: 3.5,
      resolutionMet: true,
    });
    expect(d.breaches).toEqual([]);
    // October 2026: 22 weekdays × 600 = 13,200 service minutes; 40 down is 99.69%, 300 down 97.72%.
    const oct = d.availability.months.find((m: { service: string }) => m.service === 'SVC-0003');
    expect(oct).toMatchObject({ serviceMinutes: 13200, downtimeMinutes: 40, percent: 99.69, met: true });
    // Beside them, what the times first recorded make of it: a late answer, a late resolution, 300 minutes down.
    expect(oct.firstRecorded).toEqual({ incidents: ['INC-0008'], downtimeMinutes: 300, percent: 97.72, met: false });
    const by = { commit: closing, author: 'Tom Berg', date: '2026-10-21' };
    const moved = {
      fields: [
        { field: 'responded', from: '2026-10-20T09:30:00Z', to: '2026-10-20T08:45:00Z', ...by },
        { field: 'resolved', from: '2026-10-20T13:00:00Z', to: '2026-10-20T11:30:00Z', ...by },
        { field: 'outage_end', from: '2026-10-20T13:00:00Z', to: '2026-10-20T08:40:00Z', ...by },
      ],
      responseTargetHours: 1,
      responseHours: 1.5,
      responseMet: false,
      resolutionTargetHours: 4,
      resolutionHours: 5,
      resolutionMet: false,
    };
    expect(d.timesMoved).toEqual([{ id: 'INC-0008', file: I, ...moved }]);
    expect(d.incidents.items[0].timesMoved).toEqual(moved);
    const said =
      'INC-0008 was first recorded with responded 2026-10-20T09:30:00Z, now 2026-10-20T08:45:00Z (on 2026-10-21, by Tom Berg); resolved 2026-10-20T13:00:00Z, now 2026-10-20T11:30:00Z (on 2026-10-21, by Tom Berg); outage_end 2026-10-20T13:00:00Z, now 2026-10-20T08:40:00Z (on 2026-10-21, by Tom Berg). By the times first recorded it was answered in 1.5 h (target 1 h, over) and resolved in 5 h, over the 4 h target. The figures count the times recorded now.';
    const plain = (s: string) => s.replace(/\\_/g, '_').replace(/\*\*|<[^>]*>/g, '');
    const mdText = plain(await out('performance', 'md'));
    expect(mdText).toContain(said);
    expect(mdText).toContain('by the times first recorded (INC-0008): 300 min down, 97.72%, not met');
    expect(plain(await out('performance', 'html'))).toContain(said);
    // The review pack's incident section carries the same note.
    const rv = JSON.parse(await out('review', 'json'));
    expect(rv.incidents.timesMoved).toEqual([{ id: 'INC-0008', file: I, ...moved }]);
    // Its objectives say which figures rest on moved times.
    const basis = (measure: string) => rv.objectives.find((o: { measure: string }) => o.measure === measure)?.basis;
    expect(basis('response-compliance')).toContain('1 of them (INC-0008) only by times moved since first recorded');
    expect(basis('resolution-compliance')).toContain('1 of them (INC-0008) only by times moved since first recorded');
    expect(basis('availability')).toContain(
      'by the outage times first recorded, moved since: SVC-0003 under SLA-0003, 2026-10: 97.72% (INC-0008)',
    );
    // The audit's evidence for the incident's answer and resolution says what the first times made of them.
    const audit = await smsInProcess(
      ['report', 'audit', '--since', '2026-10-01', '--until', '2026-10-31', '--format', 'json'],
      dir,
      testEnv({ SMS_TODAY: '2026-11-30' }),
    );
    const evidence: unknown[] = [];
    JSON.parse(audit.stdout, (key, value) => {
      if (key === 'evidence' && Array.isArray(value)) evidence.push(...value);
      return value;
    });
    for (const what of [
      'first recorded as answered after 1.5 hours (around the clock), over the 1 h target: responded moved from 2026-10-20T09:30:00Z to 2026-10-20T08:45:00Z',
      'first recorded as resolved after 5 hours (around the clock), over the 4 h target: resolved moved from 2026-10-20T13:00:00Z to 2026-10-20T11:30:00Z',
    ])
      expect(evidence).toContainEqual({ what, date: '2026-10-21', commit: closing, actor: 'Tom Berg' });
    const availabilitySaid =
      'By the times first recorded: SVC-0003 under SLA-0003 in 2026-10 300 min down, 97.72%, not met (recorded: 40 min, 99.69%).';
    for (const format of ['md', 'html']) {
      const text = plain(await out('review', format));
      expect(text).toContain(said);
      expect(text).toContain(availabilitySaid);
    }
  });

  it("an opening moved out of the period: the period's report lists it as first recorded, and does not count it", async () => {
    const I = 'incidents/INC-0008-h.md';
    const J = 'incidents/INC-0009-j.md';
    const K = 'incidents/INC-00010-k.md';
    const open = { agreement: 'SLA-0003', priority: 'P2', services: ['SVC-0003'], status: 'opened' };
    const tom = { name: 'Tom Berg', email: 'tom@acme.example' };
    const dir = cafeRepo([
      // Open since Tue 10 Feb 10:00 CET, P2 (8 service hours): over its target by the next afternoon.
      {
        files: {
          [I]: inc(8, 'Café till down', { ...open, opened: '2026-02-10T09:00:00Z' }),
          [J]: inc(9, 'Café card reader', { ...open, opened: '2026-02-10T09:00:00Z' }),
          // First committed with an opening sms cannot read, corrected ten minutes later.
          [K]: inc(10, 'Café printer', { ...open, opened: '10.02.2026 10:00' }),
          'agreements/customers/SLA-0002-law.md': sla('SLA-0002', 'Kessler Legal', ['SVC-0001']),
        },
        date: '2026-02-10T09:05:00Z',
      },
      { files: { [K]: inc(10, 'Café printer', { ...open, opened: '2026-02-10T09:00:00Z' }) }, date: '2026-02-10T09:15:00Z' },
      // Its opening moved into April: February's report would no longer see it. The other is
      // moved too, and given to the other customer's agreement and service in the same commit.
      {
        files: {
          [I]: inc(8, 'Café till down', { ...open, opened: '2026-04-01T09:00:00Z' }),
          [J]: inc(9, 'Café card reader', { ...open, agreement: 'SLA-0002', services: ['SVC-0001'], opened: '2026-04-01T09:00:00Z' }),
          [K]: inc(10, 'Café printer', { ...open, opened: '2026-04-01T09:00:00Z' }),
        },
        author: tom,
        date: '2026-04-02T09:00:00Z',
      },
    ]);
    const env = testEnv({ SMS_TODAY: '2026-05-15' });
    const args = ['report', 'performance', '--agreement', 'SLA-0003', '--period', '2026-02'];
    const r = await smsInProcess([...args, '--format', 'json'], dir, env);
    expect(r.code, r.stderr).toBe(0);
    const d = JSON.parse(r.stdout);
    expect(d.incidents.items).toEqual([]);
    const moved = {
      id: 'INC-0008',
      file: I,
      from: '2026-02-10T09:00:00Z',
      to: '2026-04-01T09:00:00Z',
      author: 'Tom Berg',
      date: '2026-04-02',
    };
    // Listed for the agreement it was first recorded for.
    expect(d.openedMovedOut).toEqual([
      { ...moved, id: 'INC-00010', file: K, commit: expect.stringMatching(/^[0-9a-f]{40}$/) },
      { ...moved, commit: expect.stringMatching(/^[0-9a-f]{40}$/) },
      { ...moved, id: 'INC-0009', file: J, commit: expect.stringMatching(/^[0-9a-f]{40}$/) },
    ]);
    expect(d.openedMoved).toEqual([]);
    const text = (await smsInProcess(args, dir, env)).stdout;
    expect(text).toContain(
      'Not counted: INC-0008 was first recorded as opened at 2026-02-10T09:00:00Z, in this period, and now says 2026-04-01T09:00:00Z (on 2026-04-02, by Tom Berg).',
    );
    // April's report measures it from the opening it records now, and shows the first.
    const april = JSON.parse((await smsInProcess([...args.slice(0, -1), '2026-04', '--format', 'json'], dir, env)).stdout);
    expect(april.openedMoved).toMatchObject([
      { id: 'INC-00010', to: '2026-04-01T09:00:00Z' },
      { id: 'INC-0008', from: '2026-02-10T09:00:00Z', to: '2026-04-01T09:00:00Z' },
    ]);
    expect(april.openedMovedOut).toEqual([]);
    // Another customer's report does not list it.
    const law = JSON.parse(
      (await smsInProcess(['report', 'performance', '--agreement', 'SLA-0002', '--period', '2026-02', '--format', 'json'], dir, env))
        .stdout,
    );
    expect(law.openedMovedOut).toEqual([]);
  });

  it('an open incident renumbered in its file while its opening is moved out of the period is not lost without a trace', async () => {
    const I = 'incidents/INC-0008-h.md';
    const open = { agreement: 'SLA-0003', priority: 'P2', services: ['SVC-0003'], status: 'opened' };
    const tom = { name: 'Tom Berg', email: 'tom@acme.example' };
    const dir = cafeRepo([
      { files: { [I]: inc(8, 'Café till down', { ...open, opened: '2026-02-10T09:00:00Z' }) }, date: '2026-02-10T09:05:00Z' },
      { files: { [I]: inc(9, 'Café till down', { ...open, opened: '2026-04-01T09:00:00Z' }) }, author: tom, date: '2026-04-02T09:00:00Z' },
    ]);
    const env = testEnv({ SMS_TODAY: '2026-05-15' });
    const args = ['report', 'performance', '--agreement', 'SLA-0003', '--period', '2026-02', '--format', 'json'];
    const d = JSON.parse((await smsInProcess(args, dir, env)).stdout);
    expect(d.incidents.items).toEqual([]);
    expect(d.openedMovedOut).toMatchObject([
      { id: 'INC-0009', from: '2026-02-10T09:00:00Z', to: '2026-04-01T09:00:00Z', author: 'Tom Berg' },
    ]);
    expect(d.deleted).toEqual([]);
  });

  it("an incident deleted and its ID given to the next one: the next one is not the deleted one's reclassification", async () => {
    const tom = { name: 'Tom Berg', email: 'tom@acme.example' };
    const dir = cafeRepo([
      // A P1 entered by mistake and deleted a quarter of an hour later; the next incident gets its ID.
      {
        files: {
          'incidents/INC-0008-a.md': inc(8, 'Whole shop offline', {
            agreement: 'SLA-0003',
            priority: 'P1',
            services: ['SVC-0003'],
            opened: '2026-02-10T09:00:00Z',
            status: 'opened',
          }),
        },
        author: tom,
        date: '2026-02-10T09:05:00Z',
      },
      { files: { 'incidents/INC-0008-a.md': null }, author: tom, date: '2026-02-10T09:20:00Z' },
      {
        files: {
          'incidents/INC-0008-b.md': inc(8, 'Printer jams', {
            agreement: 'SLA-0003',
            priority: 'P3',
            services: ['SVC-0003'],
            opened: '2026-02-10T10:00:00Z',
            responded: '2026-02-10T10:10:00Z',
            resolved: '2026-02-10T13:00:00Z',
          }),
        },
        author: tom,
        date: '2026-02-10T13:05:00Z',
      },
    ]);
    const { d } = await cafeQ1(dir);
    expect(d.incidents.items.map((m: { id: string; priority: string }) => [m.id, m.priority])).toEqual([['INC-0008', 'P3']]);
    expect(d.reclassified).toEqual([]);
    expect(d.openedMoved).toEqual([]);
    expect(d.deleted).toMatchObject([
      { id: 'INC-0008', title: 'Whole shop offline', priority: 'P1', date: '2026-02-10', author: 'Tom Berg' },
    ]);
  });

  it('a priority lowered in the commit that renumbers the incident is still measured against the first one', async () => {
    const I = 'incidents/INC-0008-h.md';
    const dir = cafeRepo([
      {
        files: {
          [I]: inc(8, 'Café till down', {
            agreement: 'SLA-0003',
            priority: 'P1',
            services: ['SVC-0003'],
            opened: CAFE_TILL_DOWN.opened,
            status: 'opened',
          }),
        },
        date: '2026-02-10T09:05:00Z',
      },
      // Answered two hours late for a P1, then renumbered (in its file) and lowered in one commit.
      {
        files: {
          [I]: inc(9, 'Café till down', {
            agreement: 'SLA-0003',
            ...CAFE_TILL_DOWN,
            responded: '2026-02-10T11:00:00Z',
            priority: 'P4',
          }),
        },
        date: '2026-02-11T09:00:00Z',
      },
    ]);
    const { d, text } = await cafeQ1(dir);
    expect(d.reclassified).toMatchObject([
      { id: 'INC-0009', from: 'P1', to: 'P4', responseHours: 2, responseMet: false, resolutionHours: 5, resolutionMet: false },
    ]);
    const md = { stdout: await text() };
    expect(md.stdout).toContain('answered in 2 h (target 0.5 h, **over**) and resolved in 5 h, **over** the 4 h target.');
  });

  it('an incident deleted from the repository is not counted, and both reports say who deleted it and when', async () => {
    const I = 'incidents/INC-0008-h.md';
    const J = 'incidents/INC-0009-i.md';
    const K = 'incidents/INC-00010-k.md';
    const dir = cafeRepo([
      // Open since Tue 10 Feb 10:00 CET, P2 (8 service hours): over its target by the next evening.
      {
        files: {
          [I]: inc(8, 'Café till down', { priority: 'P2', services: ['SVC-0003'], opened: '2026-02-10T09:00:00Z', status: 'opened' }),
          // Another customer's service, named by no agreement of this report: not this report's.
          [J]: inc(9, 'Law office printer', { priority: 'P3', services: ['SVC-0001'], opened: '2026-02-10T09:00:00Z', status: 'opened' }),
          [K]: inc(10, 'Café card reader', { priority: 'P2', services: ['SVC-0003'], opened: '2026-02-10T09:00:00Z', status: 'opened' }),
        },
        date: '2026-02-10T09:05:00Z',
      },
      { files: { [I]: null, [J]: null }, author: { name: 'Tom Berg', email: 'tom@acme.example' }, date: '2026-02-20T09:00:00Z' },
      // Deleted after February: it was there all month, and February's reports measure it as it stood.
      { files: { [K]: null }, author: { name: 'Tom Berg', email: 'tom@acme.example' }, date: '2026-03-05T09:00:00Z' },
    ]);
    const env = testEnv({ SMS_TODAY: '2026-05-15' });
    const args = ['report', 'performance', '--agreement', 'SLA-0003', '--period', '2026-02'];
    const r = await smsInProcess([...args, '--format', 'json'], dir, env);
    expect(r.code, r.stderr).toBe(0);
    const d = JSON.parse(r.stdout);
    expect(
      d.incidents.items.map((m: { id: string; breach: boolean; deleted?: { date: string } }) => [m.id, m.breach, m.deleted?.date]),
    ).toEqual([['INC-00010', true, '2026-03-05']]);
    const deleted = {
      id: 'INC-0008',
      file: I,
      title: 'Café till down',
      status: 'opened',
      priority: 'P2',
      opened: '2026-02-10T09:00:00Z',
      author: 'Tom Berg',
      date: '2026-02-20',
    };
    expect(d.deleted).toEqual([{ ...deleted, commit: expect.stringMatching(/^[0-9a-f]{40}$/) }]);
    const md = await smsInProcess(args, dir, env);
    expect(md.stdout).toContain(
      'Not counted: INC-0008 (P2, opened at 2026-02-10T09:00:00Z, status opened), deleted from the repository on 2026-02-20 by Tom Berg. The rule `record-deleted` reports such deletions.',
    );
    expect(md.stdout).toContain(
      'Measured as it stood: INC-00010, deleted from the repository on 2026-03-05 by Tom Berg, after the period.',
    );
    // The review pack of the month lists both, and counts neither.
    const review = await smsInProcess(['report', 'review', '--period', '2026-02', '--format', 'json'], dir, env);
    expect(review.code, review.stderr).toBe(0);
    const rv = JSON.parse(review.stdout);
    expect(rv.incidents.total).toBe(1);
    expect(rv.incidents.deleted.map((x: { id: string }) => x.id)).toEqual(['INC-0008', 'INC-0009']);
    const rmd = await smsInProcess(['report', 'review', '--period', '2026-02'], dir, env);
    expect(rmd.stdout).toContain(
      'Not counted: INC-0008 (P2, opened at 2026-02-10T09:00:00Z, status opened), deleted from the repository on 2026-02-20 by Tom Berg',
    );
  });

  it('an incident deleted after the period keeps what it was measured by: its values when closed, its first priority', async () => {
    const I = 'incidents/INC-0008-h.md';
    const J = 'incidents/INC-0009-j.md';
    const closed = { agreement: 'SLA-0003', ...CAFE_TILL_DOWN };
    const { outage_start: _s, outage_end: _e, resolved: _r, ...opening } = CAFE_TILL_DOWN;
    const tom = { name: 'Tom Berg', email: 'tom@acme.example' };
    const dir = cafeRepo([
      // INC-0008: the P1 breach, closed; INC-0009: opened as P1, the same times, still open.
      {
        files: {
          [I]: inc(8, 'Café till down', closed),
          [J]: inc(9, 'Café till slow', { agreement: 'SLA-0003', status: 'opened', ...opening }),
        },
        date: '2026-02-11T09:00:00Z',
      },
      // After the quarter: INC-0008's resolution moved back to within its target, INC-0009 lowered
      // to P4 and resolved; both deleted a week later.
      {
        files: {
          [I]: inc(8, 'Café till down', { ...closed, resolved: '2026-02-10T12:00:00Z' }),
          [J]: inc(9, 'Café till slow', {
            ...opening,
            agreement: 'SLA-0003',
            status: 'updated',
            priority: 'P4',
            resolved: CAFE_TILL_DOWN.resolved,
          }),
        },
        author: tom,
        date: '2026-04-02T09:00:00Z',
      },
      { files: { [I]: null, [J]: null }, author: tom, date: '2026-04-09T09:00:00Z' },
    ]);
    const { d } = await cafeQ1(dir);
    expect(d.deletedAfterPeriod.map((x: { id: string }) => x.id)).toEqual(['INC-0008', 'INC-0009']);
    // INC-0008 as it was closed: 5 h against 4 h, a breach, and the change after closing said.
    expect(d.breaches.map((b: { id: string }) => b.id)).toContain('INC-0008');
    expect(d.changedAfterClosing).toMatchObject([
      {
        id: 'INC-0008',
        fields: [{ field: 'resolved', closed: ['2026-02-10T14:00:00Z'], now: ['2026-02-10T12:00:00Z'] }],
        date: '2026-04-02',
      },
    ]);
    // INC-0009 as it stood before its deletion: P4, first committed as P1.
    expect(d.reclassified).toMatchObject([{ id: 'INC-0009', from: 'P1', to: 'P4', author: 'Tom Berg', date: '2026-04-02' }]);
    // And its outage, as it stood: Tue 10 Feb 10:00 → 13:00 CET, 180 service minutes down.
    const february = d.availability.months.find(
      (m: { service: string; label: string }) => m.service === 'SVC-0003' && m.label === '2026-02',
    );
    expect(february).toMatchObject({ downtimeMinutes: 180 });
  });

  it('an incident open past its target at the end of the period is named beside the Met figure that does not count it yet', async () => {
    const dir = repo({
      // Mon 26 Oct 09:00 CET, answered 09:30, still open: by the end of October, Monday 9 h and
      // Tuesday to Friday 4 × 10 h = 49 service hours against 20 h.
      'incidents/INC-0009-i.md': inc(9, 'Scanner cannot save', {
        status: 'updated',
        agreement: 'SLA-0002',
        priority: 'P3',
        services: ['SVC-0001'],
        opened: '2026-10-26T08:00:00Z',
        responded: '2026-10-26T08:30:00Z',
      }),
      // Fri 30 Oct 16:00 CET, not answered: 2 service hours by the end of October against 1 h (and
      // within its resolution time of 8 h).
      'incidents/INC-0010-j.md': inc(10, 'Printer queue stuck', {
        id: 'INC-0010',
        status: 'opened',
        agreement: 'SLA-0002',
        priority: 'P2',
        services: ['SVC-0001'],
        opened: '2026-10-30T15:00:00Z',
      }),
    });
    const r = await report(dir, ['--agreement', 'SLA-0002', '--period', '2026-10', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const d = JSON.parse(r.stdout);
    const p3 = d.targets.find((t: { priority: string }) => t.priority === 'P3');
    const p2 = d.targets.find((t: { priority: string }) => t.priority === 'P2');
    // INC-0002 (20 service hours of 20) is the only P3 resolved: 1 of 1 met, and INC-0009 a breach.
    expect(p3).toMatchObject({ resolved: 1, resolutionMet: 1, resolutionMetPercent: 100, breaches: 1, openPastTarget: ['INC-0009'] });
    expect(p2).toMatchObject({ responded: 0, unansweredPastTarget: ['INC-0010'], openPastTarget: [] });
    for (const format of ['md', 'html']) {
      const text = (await report(dir, ['--agreement', 'SLA-0002', '--period', '2026-10', '--format', format])).stdout;
      const quote = format === 'md' ? ['"', '"'] : ['“', '”'];
      expect(text, format).toContain(
        `P3: still open at the end of the period and past the resolution target, so not yet in ${quote[0]}Met${quote[1]}: INC-0009.`,
      );
      expect(text, format).toContain(
        `P2: not answered by the end of the period and past the response target, so not yet in ${quote[0]}Responses within${quote[1]}: INC-0010.`,
      );
    }
  });

  it('a supplier agreement that promises availability around the clock is measured around the clock, not in its support hours', async () => {
    // Support hours Mon–Fri 08:00–18:00 Berlin, for the P2 clock.
    const calendar = { timezone: 'Europe/Berlin', days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '08:00', to: '18:00' };
    const ua = (extra: Record<string, unknown>): string => uaDoc({ calendar, availability: 99.5, ...extra });
    // Sat 24 Oct 22:00 → Sun 25 Oct 02:00 CEST: 240 minutes down, all outside the support hours.
    const night = inc(9, 'Mail tenant down overnight', {
      agreement: 'SLA-0001',
      supplier_agreement: 'UA-0001',
      priority: 'P2',
      services: ['SVC-0002'],
      opened: '2026-10-24T20:00:00Z',
      responded: '2026-10-24T20:10:00Z',
      resolved: '2026-10-25T00:00:00Z',
      outage_start: '2026-10-24T20:00:00Z',
      outage_end: '2026-10-25T00:00:00Z',
    });
    const october = async (extra: Record<string, unknown>) => {
      const dir = repo({ 'agreements/suppliers/UA-0001-mail.md': ua(extra), 'incidents/INC-0009-night.md': night });
      const r = await report(dir, ['--agreement', 'UA-0001', '--period', '2026-10', '--format', 'json']);
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(r.stdout).availability;
    };
    // Around the clock: October has 31 days and the hour the clocks go back, 745 h = 44,700 minutes;
    // 1 − 240 / 44,700 = 99.463% → 99.46%, under 99.5%.
    const always = await october({ availability_clock: '24x7' });
    expect(always.months).toMatchObject([{ service: 'SVC-0002', serviceMinutes: 44700, downtimeMinutes: 240, percent: 99.46, met: false }]);
    expect(always.basis).toContain('around the clock');
    // In its support hours (the default), the same night took none of them: no minute down.
    const support = await october({});
    expect(support.months).toMatchObject([{ service: 'SVC-0002', downtimeMinutes: 0, percent: 100, met: true }]);
    expect(support.basis).toContain('within its service hours');
  });

  it("times are shown on the wall clock of the agreement's time zone, which the table names; the JSON keeps the instants", async () => {
    const dir = repo();
    const args = ['--agreement', 'UA-0001', '--period', '2026-10'];
    // BREACH was opened at 06:00 UTC on Monday 19 October: 08:00 in Berlin (CEST, UTC+2).
    const text = (await report(dir, args)).stdout;
    expect(text).toContain('| Incident | Title | Priority | Opened (Europe/Berlin) | Response |');
    expect(text).toContain('| [INC-0008](incidents/INC-0008-h.md) | Mail tenant slow all day | P2 | 2026-10-19 08:00 |');
    const html = (await report(dir, [...args, '--format', 'html'])).stdout;
    expect(html).toContain('<th>Opened (Europe/Berlin)</th>');
    expect(html).toContain('<td>2026-10-19 08:00</td>');
    const d = JSON.parse((await report(dir, [...args, '--format', 'json'])).stdout);
    expect(d.breaches[0]).toMatchObject({ id: 'INC-0008', opened: '2026-10-19T06:00:00Z' });
    // A zone whose name Markdown escapes: 06:00 UTC is 02:00 in New York (EDT, UTC−4).
    const calendar = { timezone: 'America/New_York', days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '08:00', to: '18:00' };
    const ny = repo({
      'agreements/customers/SLA-0001-bakery.md': sla('SLA-0001', 'Bluebell Bakery', ['SVC-0001', 'SVC-0002'], { calendar }),
    });
    const nyText = (await report(ny, ['--agreement', 'SLA-0001', '--period', '2026-10'])).stdout;
    expect(nyText).toContain('| Opened (America/New\\_York) |');
    expect(nyText).toContain('| Mail tenant slow all day | P2 | 2026-10-19 02:00 |');
  });

  it("an outage of a shared service that the record limits to one customer's agreement (outage_agreements) takes no time from the other's", async () => {
    // Tue 13 Oct 10:00–11:00 CEST on SVC-0001, which both agreements cover: the bakery's own fault.
    const fault = (extra: Record<string, unknown>) =>
      inc(9, "The bakery's file share is down", {
        agreement: 'SLA-0001',
        priority: 'P2',
        services: ['SVC-0001'],
        opened: '2026-10-13T08:00:00Z',
        responded: '2026-10-13T08:10:00Z',
        resolved: '2026-10-13T09:00:00Z',
        outage_start: '2026-10-13T08:00:00Z',
        outage_end: '2026-10-13T09:00:00Z',
        ...extra,
      });
    const down = async (dir: string, agreement: string): Promise<number> => {
      const r = await report(dir, ['--agreement', agreement, '--period', '2026-10', '--format', 'json']);
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(r.stdout).availability.months.find((m: { service: string }) => m.service === 'SVC-0001').downtimeMinutes;
    };
    const before = { bakery: await down(repo(), 'SLA-0001'), law: await down(repo(), 'SLA-0002') };
    // Unscoped, a shared service down is down for both customers: 60 minutes each.
    const shared = repo({ 'incidents/INC-0009-i.md': fault({}) });
    expect([await down(shared, 'SLA-0001'), await down(shared, 'SLA-0002')]).toEqual([before.bakery + 60, before.law + 60]);
    // Limited to the bakery's agreement: the law office's month keeps its minutes.
    const scoped = repo({ 'incidents/INC-0009-i.md': fault({ outage_agreements: ['SLA-0001'] }) });
    expect([await down(scoped, 'SLA-0001'), await down(scoped, 'SLA-0002')]).toEqual([before.bakery + 60, before.law]);
    // The law office's report names what it left out, so that the limit can be checked.
    const law = JSON.parse((await report(scoped, ['--agreement', 'SLA-0002', '--period', '2026-10', '--format', 'json'])).stdout);
    const row = law.availability.months.find((m: { service: string }) => m.service === 'SVC-0001');
    expect(row.limitedToOthers).toEqual([{ incident: 'INC-0009', agreements: ['SLA-0001'] }]);
    for (const format of ['md', 'html'])
      expect((await report(scoped, ['--agreement', 'SLA-0002', '--period', '2026-10', '--format', format])).stdout, format).toContain(
        'no outage recorded; not counted: INC-0009, limited to SLA-0001 (outage_agreements)',
      );
    // A limit that names no customer agreement covering the service (a typo, a supplier agreement)
    // hides nothing, nor does one that leaves out the agreement the incident itself names.
    for (const extra of [
      { outage_agreements: ['SLA-0009'] },
      { outage_agreements: ['UA-0001'] },
      { agreement: 'SLA-0002', outage_agreements: ['SLA-0001'] },
    ]) {
      const loose = repo({ 'incidents/INC-0009-i.md': fault(extra) });
      expect([await down(loose, 'SLA-0001'), await down(loose, 'SLA-0002')], JSON.stringify(extra)).toEqual([
        before.bakery + 60,
        before.law + 60,
      ]);
    }
    // The field names agreements: a typo is a broken reference.
    const typo = repo({ 'incidents/INC-0009-i.md': fault({ outage_agreements: ['SLA-0009'] }) });
    const v = await smsInProcess(['validate', 'incidents/INC-0009-i.md', '--format', 'json', '--no-git'], typo, env);
    const found = JSON.stringify(JSON.parse(v.stdout));
    expect(found).toContain('broken-reference');
    expect(found).toContain('SLA-0009');
  });

  it("a supplier agreement is measured on the supplier's own times where the incident records them; the customer's on the incident's", async () => {
    const ua = uaDoc({ targets: { P2: { response_hours: 1, resolution_hours: 4, clock: '24x7' } } });
    // The mail tenant slow all day (opened 06:00 UTC, ours resolved the next day at 08:00); the
    // ticket raised with CloudMail at 09:00, answered at 09:30 and fixed at 12:00: 0.5 h of 1 and
    // 3 h of 4 around the clock.
    const ticket = inc(8, 'Mail tenant slow all day', {
      ...BREACH_FIELDS,
      supplier_opened: '2026-10-19T09:00:00Z',
      supplier_responded: '2026-10-19T09:30:00Z',
      supplier_resolved: '2026-10-19T12:00:00Z',
    });
    const dir = repo({ 'agreements/suppliers/UA-0001-mail.md': ua, 'incidents/INC-0008-h.md': ticket });
    const supplier = JSON.parse((await report(dir, ['--agreement', 'UA-0001', '--period', '2026-10', '--format', 'json'])).stdout);
    expect(supplier.incidents.items).toMatchObject([
      {
        id: 'INC-0008',
        opened: '2026-10-19T09:00:00Z',
        responseHours: 0.5,
        responseMet: true,
        resolutionHours: 3,
        resolutionMet: true,
        supplierTimes: true,
      },
    ]);
    expect(supplier.breaches).toEqual([]);
    expect(supplier.incidents.supplierTimes).toBe(1);
    expect((await report(dir, ['--agreement', 'UA-0001', '--period', '2026-10'])).stdout).toContain(
      "Measured on the supplier's own times where an incident records them: from the ticket raised with it (`supplier_opened`) to its first answer (`supplier_responded`) and its repair (`supplier_resolved`); 1 of 1 incident record them",
    );
    // A ticket whose answer is not recorded is not answered by our own response (08:00, before the
    // ticket): fixed 3 h after it, past the 1 h, whether it was answered in time is not known.
    const unanswered = repo({
      'agreements/suppliers/UA-0001-mail.md': ua,
      'incidents/INC-0008-h.md': ticket.replace(/^supplier_responded: .*\n/m, ''),
    });
    const item = JSON.parse((await report(unanswered, ['--agreement', 'UA-0001', '--period', '2026-10', '--format', 'json'])).stdout)
      .incidents.items[0];
    expect(item).toMatchObject({ id: 'INC-0008', supplierTimes: true, resolutionHours: 3 });
    expect([item.responded, item.responseMet]).toEqual([undefined, undefined]);
    // A ticket that cannot be the supplier's part of this incident is not measured as one: raised
    // after our resolution with no repair of its own (it would be met in 0 h), or not a time at all
    // (the incident would vanish from the report). Both are measured on the incident's own times,
    // 26 h around the clock against 4.
    for (const opened of ['2026-10-20T09:00:00Z', '2026-10-19 09:00']) {
      const odd = inc(8, 'Mail tenant slow all day', { ...BREACH_FIELDS, supplier_opened: opened });
      const oddDir = repo({ 'agreements/suppliers/UA-0001-mail.md': ua, 'incidents/INC-0008-h.md': odd });
      const r = JSON.parse((await report(oddDir, ['--agreement', 'UA-0001', '--period', '2026-10', '--format', 'json'])).stdout);
      expect(r.incidents.items, opened).toMatchObject([
        { id: 'INC-0008', opened: '2026-10-19T06:00:00Z', resolutionHours: 26, resolutionMet: false },
      ]);
      expect(r.incidents.items[0].supplierTimes, opened).toBeUndefined();
    }
    // A ticket dated before the incident was opened is a date-order error.
    const late = repo({
      'agreements/suppliers/UA-0001-mail.md': ua,
      'incidents/INC-0008-h.md': inc(8, 'Mail tenant slow all day', { ...BREACH_FIELDS, supplier_opened: '2026-10-19T05:00:00Z' }),
    });
    const v = await smsInProcess(['validate', 'incidents/INC-0008-h.md', '--format', 'json', '--no-git'], late, env);
    expect(v.stdout).toContain('supplier_opened');
    expect(v.code).toBe(1);
    // The bakery's report measures our handling: 12 service hours against 8, as before.
    const customer = JSON.parse((await report(dir, ['--agreement', 'SLA-0001', '--period', '2026-10', '--format', 'json'])).stdout);
    expect(customer.incidents.items.find((m: { id: string }) => m.id === 'INC-0008')).toMatchObject({
      opened: '2026-10-19T06:00:00Z',
      resolutionHours: 12,
      resolutionMet: false,
    });
    expect(customer.incidents.items.find((m: { id: string }) => m.id === 'INC-0008').supplierTimes).toBeUndefined();
  });

  it('a period the agreement was not in force on any day of says so, and claims no target met', async () => {
    const dir = cafeRepo([]);
    const run = async (period: string, format: string): Promise<string> => {
      const r = await smsInProcess(
        ['report', 'performance', '--agreement', 'SLA-0003', '--period', period, '--format', format],
        dir,
        testEnv({ SMS_TODAY: '2026-05-15' }),
      );
      expect(r.code, r.stderr).toBe(0);
      return r.stdout;
    };
    // Committed on 2 December 2025: not in force in 2020.
    expect(JSON.parse(await run('2020-Q1', 'json')).agreement).toMatchObject({ inForceInPeriod: false });
    for (const format of ['md', 'html']) {
      const text = await run('2020-Q1', format);
      expect(text, format).toContain('SLA-0003 was not in force on any day of this period');
      expect(text, format).not.toContain('every target was met');
      expect(text, format).not.toContain('within the agreed times');
    }
    expect(JSON.parse(await run('2026-Q1', 'json')).agreement).toMatchObject({ inForceInPeriod: true });
    // In force, with nothing to measure: no incident and no outage, so no target was measured (nor missed, nor met).
    const quiet = await run('2026-Q1', 'md');
    expect(quiet).not.toContain('not in force');
    expect(quiet).toContain('None: no incident of this agreement was open in the period.');
    expect(quiet).toContain('None: no incident and no outage were recorded in the period, so no target was measured.');
    expect(quiet).not.toContain('within the agreed times');
  });

  it('a revision drafted after the agreement was approved leaves the approved version in force: the month is measured whole', async () => {
    const dir = cafeRepo([
      // Set back to draft for a revision on Mon 9 Feb, approved again on Thu 12 Feb; the till is down on Tue 10th.
      { files: { [CAFE_SLA]: sla('SLA-0003', 'Corner Café', ['SVC-0003'], { status: 'draft' }) }, date: '2026-02-09T08:00:00Z' },
      {
        files: { 'incidents/INC-0008-h.md': inc(8, 'Café till down', { ...CAFE_TILL_DOWN, agreement: 'SLA-0003' }) },
        date: '2026-02-11T09:00:00Z',
      },
      { files: { [CAFE_SLA]: sla('SLA-0003', 'Corner Café', ['SVC-0003']) }, date: '2026-02-12T16:00:00Z' },
    ]);
    const { d } = await cafeQ1(dir);
    // February: 20 weekdays × 600 = 12,000 service minutes, 10:00 → 13:00 CET down: 98.5%, as without the revision.
    const feb = d.availability.months.find((m: { label: string }) => m.label === '2026-02');
    expect(feb).toMatchObject({ since: '2026-02-01', until: '2026-02-28', serviceMinutes: 12000, downtimeMinutes: 180, percent: 98.5 });
    expect(d.incidents.items.map((m: { id: string }) => m.id)).toEqual(['INC-0008']);
  });

  it("an agreement counts for the days history shows it in force: not before its first approval, not after it was retired, and months are over by the report's day", async () => {
    const services = Object.fromEntries(Object.entries(FILES).filter(([f]) => f.startsWith('catalogue/')));
    const A = 'agreements/customers/SLA-0003-cafe.md';
    const B = 'agreements/customers/SLA-0004-deli.md';
    const cafe = (status: string) => sla('SLA-0003', 'Corner Café', ['SVC-0003'], { status });
    const deli = sla('SLA-0004', 'Deli', ['SVC-0003']);
    // Mon 2 Mar 10:00 → 13:00 CET on SVC-0003, no agreement named, 3 service hours down.
    const outage = (n: number, day: string) =>
      inc(n, `Till down ${day}`, {
        priority: 'P2',
        services: ['SVC-0003'],
        opened: `${day}T09:00:00Z`,
        responded: `${day}T09:05:00Z`,
        resolved: `${day}T12:00:00Z`,
        outage_start: `${day}T09:00:00Z`,
        outage_end: `${day}T12:00:00Z`,
      });
    const dir = tmp();
    gitRepo(dir, [
      // The café's agreement is drafted in December and first approved on 2 March.
      { files: { 'sms.config.yaml': CONFIG, ...services, [A]: cafe('draft'), [B]: deli }, date: '2025-12-02T09:00:00Z' },
      { files: { [A]: cafe('draft').replace('## Scope', '## Scope\n\nThe till.') }, date: '2026-02-01T09:00:00Z' },
      { files: { 'incidents/INC-0008-h.md': outage(8, '2026-02-10') }, date: '2026-02-10T13:00:00Z' },
      { files: { [A]: cafe('approved') }, date: '2026-03-02T08:00:00Z' },
      // The deli's agreement is retired on 16 March (no end date); an outage after it.
      {
        files: { [B]: deli.replace('"status":"approved"', '"status":"retired"').replace('status: "approved"', 'status: "retired"') },
        date: '2026-03-16T09:00:00Z',
      },
      { files: { 'incidents/INC-0009-i.md': outage(9, '2026-03-18') }, date: '2026-03-18T13:00:00Z' },
    ]);
    const run = async (args: string[], today: string) => {
      const r = await smsInProcess(['report', ...args, '--format', 'json'], dir, testEnv({ SMS_TODAY: today }));
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(r.stdout);
    };
    // February: only the deli's agreement was in force, so INC-0008 is the deli's alone (not ambiguous).
    const febDeli = await run(['performance', '--agreement', 'SLA-0004', '--period', '2026-02'], '2026-05-15');
    expect(febDeli.incidents.items.map((m: { id: string; attribution: string }) => [m.id, m.attribution])).toEqual([
      ['INC-0008', 'inferred'],
    ]);
    expect(febDeli.unattributed).toEqual([]);
    // The café in Q1: not measured before its first approval (January, February and 1 March).
    const cafeQ1 = await run(['performance', '--agreement', 'SLA-0003', '--period', '2026-Q1'], '2026-05-15');
    expect(cafeQ1.availability.months.map((m: { since: string; until: string }) => [m.since, m.until])).toEqual([
      ['2026-03-02', '2026-03-31'],
    ]);
    // The deli in March: measured to the day before it was retired (a day counts as it stood at its end), 1–15 March: 10 weekdays, 6,000 minutes, the outage of the 18th outside it.
    const deliMarch = await run(['performance', '--agreement', 'SLA-0004', '--period', '2026-03'], '2026-05-15');
    expect(
      deliMarch.availability.months.map((m: { since: string; until: string; serviceMinutes: number; downtimeMinutes: number }) => [
        m.since,
        m.until,
        m.serviceMinutes,
        m.downtimeMinutes,
      ]),
    ).toEqual([['2026-03-01', '2026-03-15', 6000, 0]]);
    // The review pack of February counts INC-0008 for the deli too (by today's statuses it would be the café's).
    const review = await run(['review', '--period', '2026-02'], '2026-05-15');
    expect(review.incidents.items.map((m: { id: string; agreement?: string }) => [m.id, m.agreement])).toEqual([['INC-0008', 'SLA-0004']]);
    // --until does not make a month over: on 15 May, April is over, whatever the period's end.
    const cut = await run(['performance', '--agreement', 'SLA-0003', '--since', '2026-03-15', '--until', '2026-04-14'], '2026-05-15');
    expect(
      cut.availability.months.map((m: { label: string; since: string; until: string; open?: boolean }) => [
        m.label,
        m.since,
        m.until,
        m.open ?? false,
      ]),
    ).toEqual([
      ['2026-03', '2026-03-02', '2026-03-31', false],
      ['2026-04', '2026-04-01', '2026-04-30', false],
    ]);
  });

  it('periods: the last complete month by default, the quarter an agreement promises, --period, and refusals', async () => {
    const dir = repo();
    let d = JSON.parse((await report(dir, ['--agreement', 'SLA-0001', '--format', 'json'])).stdout);
    expect(d.period).toEqual({ since: '2026-10-01', until: '2026-10-31' });
    const quarterly = repo({
      'agreements/customers/SLA-0002-law.md': FILES['agreements/customers/SLA-0002-law.md'].replace(
        'availability: 99.5',
        'availability: 99.5\nreporting: quarterly',
      ),
    });
    d = JSON.parse((await report(quarterly, ['--agreement', 'SLA-0002', '--format', 'json'])).stdout);
    expect(d.period).toEqual({ since: '2026-07-01', until: '2026-09-30' });
    // --until alone: from the start of the agreement's reporting period that holds it.
    d = JSON.parse((await report(quarterly, ['--agreement', 'SLA-0002', '--until', '2026-08-15', '--format', 'json'])).stdout);
    expect(d.period).toEqual({ since: '2026-07-01', until: '2026-08-15' });
    d = JSON.parse((await report(dir, ['--agreement', 'SLA-0001', '--until', '2026-08-15', '--format', 'json'])).stdout);
    expect(d.period).toEqual({ since: '2026-08-01', until: '2026-08-15' });
    d = JSON.parse((await report(dir, ['--agreement', 'SLA-0001', '--period', '2026-Q3', '--format', 'json'])).stdout);
    expect(d.period).toEqual({ since: '2026-07-01', until: '2026-09-30' });

    const refusals: [string[], RegExp][] = [
      [['--period', '2026-13'], /^sms: --period needs a month \(2026-10\), a quarter \(2026-Q3\) or a year \(2026\), got "2026-13"$/m],
      [['--period', '2026-Q4'], /^sms: the period ends on 2026-12-31, after today \(2026-11-29\)/m],
      [['--until', '2026-11-30'], /^sms: the period ends on 2026-11-30, after today \(2026-11-29\)/m],
      [['--since', '2026-02-30'], /^sms: --since needs a real calendar date as YYYY-MM-DD, got "2026-02-30"$/m],
      [['--period', '2026-10', '--since', '2026-10-01'], /^sms: --period cannot be combined with --since or --until$/m],
    ];
    for (const [args, message] of refusals) {
      const r = await report(dir, ['--agreement', 'SLA-0001', ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
    }
  });
});

describe('an agreement ID given to another agreement after a deletion', () => {
  /** The roles, then on 2 January the configuration, the service desk and the agreements given. */
  const opening = (files: Record<string, string>): CommitSpec[] => [
    ...rolesCommits(),
    {
      files: { 'sms.config.yaml': BARE_CONFIG, 'catalogue/SVC-0001-service-desk.md': SERVICE, ...files },
      date: '2026-01-02T09:00:00Z',
    },
  ];
  it("the incidents that named the deleted one are not the new one's: not in its report, and attributed as such", async () => {
    const dir = tmp();
    const bakery = 'agreements/customers/SLA-0001-bakery.md';
    const law = 'agreements/customers/SLA-0001-law.md';
    const targets = { P2: { response_hours: 4, resolution_hours: 8 } };
    gitRepo(dir, [
      ...rolesCommits(),
      {
        files: { 'sms.config.yaml': BARE_CONFIG, 'catalogue/SVC-0001-service-desk.md': SERVICE, [bakery]: agreementDoc({ targets }) },
        date: '2026-01-02T09:00:00Z',
      },
      // The bakery's incident: resolved after 74 hours against 8.
      {
        files: {
          'incidents/INC-0001-a.md': incidentDoc({
            agreement: 'SLA-0001',
            status: 'closed',
            opened: '2026-02-02T08:00:00Z',
            responded: '2026-02-02T09:00:00Z',
            resolved: '2026-02-05T10:00:00Z',
            closed: '2026-02-05T11:00:00Z',
          }),
        },
        date: '2026-02-06T09:00:00Z',
      },
      { files: { [bakery]: null }, date: '2026-06-01T09:00:00Z' },
      // The law firm's agreement gets the ID on 1 August.
      {
        files: { [law]: agreementDoc({ customer: 'Law firm', title: 'Law', start: '2026-08-01', targets }) },
        date: '2026-08-01T09:00:00Z',
      },
    ]);
    const e = testEnv({ SMS_TODAY: '2026-11-30' });
    const q1 = JSON.parse(
      (await smsInProcess(['report', 'performance', '--agreement', 'SLA-0001', '--period', '2026-Q1', '--format', 'json'], dir, e)).stdout,
    );
    expect(q1.agreement.party ?? q1.agreement.customer).toBe('Law firm');
    // The law firm's agreement took the ID in August: it was not in force in the first quarter.
    expect(q1.agreement.inForceInPeriod).toBe(false);
    expect(q1.incidents.items).toEqual([]);
    const md = (await smsInProcess(['report', 'performance', '--agreement', 'SLA-0001', '--period', '2026-Q1'], dir, e)).stdout;
    expect(md).not.toContain('INC-0001');
    const review = JSON.parse((await smsInProcess(['report', 'review', '--period', '2026-Q1', '--format', 'json'], dir, e)).stdout);
    expect(
      review.incidents.items.map((m: { id: string; attribution: string; agreement?: string }) => [m.id, m.attribution, m.agreement]),
    ).toEqual([['INC-0001', 'former', 'SLA-0001']]);
    // The management review still sees the bakery's breach: measured against the bakery's agreement.
    expect(review.incidents.breaches.map((b: { id: string }) => b.id)).toEqual(['INC-0001']);
    // Its log says where the ID went to the law firm's agreement.
    const log = JSON.parse((await smsInProcess(['log', 'SLA-0001', '--format', 'json'], dir, e)).stdout);
    expect(log.entries.map((x: { event: string; takesOverId?: boolean }) => [x.event, x.takesOverId ?? false])).toEqual([
      ['created', false],
      ['deleted', false],
      ['readded', true],
    ]);
    expect((await smsInProcess(['log', 'SLA-0001'], dir, e)).stdout).toMatch(
      /2026-08-01 .*readded .*the ID given to another document: the entries above are the deleted one's; title was "Gold"/,
    );
    // The agreement approved in the quarter is the bakery's: its title and file, not the law firm's that holds the ID now.
    expect(
      review.issues.governanceChanges
        .filter((g: { id: string }) => g.id === 'SLA-0001')
        .map((g: { title: string; file: string }) => [g.title, g.file]),
    ).toEqual([['Gold', bakery]]);
    // The audit does not hold it against the incident, which named the agreement of its time.
    const audit = JSON.parse((await smsInProcess(['report', 'audit', '--format', 'json'], dir, e)).stdout);
    type Instance = { record?: { id: string }; lacks: string[]; evidence: { what: string }[] };
    type Task = { id: string; obligations: { instances: Instance[] }[] };
    const [recorded] = audit.processes
      .flatMap((p: { tasks: Task[] }) => p.tasks)
      .filter((t: Task) => t.id === 'IN.2.1')
      .flatMap((t: Task) => t.obligations.flatMap((o) => o.instances))
      .filter((i: Instance) => i.record?.id === 'INC-0001');
    expect(recorded.lacks.filter((l: string) => l.includes('names agreement'))).toEqual([]);
    expect(recorded.evidence.map((x: { what: string }) => x.what)).toContain(
      "names agreement SLA-0001, Bakery's when it was opened (the ID is another agreement's now)",
    );
  });

  // Each scenario: commits after the roles and the bakery's agreement (2 January), and whether the
  // bakery's incident (opened at 06:00 on the day given) is in the report of the agreement that holds
  // SLA-0001 now (or `id`) for the period it was opened in.
  const bakery = 'agreements/customers/SLA-0001-bakery.md';
  const law = 'agreements/customers/SLA-0001-law.md';
  const targets = { P2: { response_hours: 4, resolution_hours: 8 } };
  const lawDoc = (f: Record<string, unknown> = {}) =>
    agreementDoc({ customer: 'Law firm', title: 'Law', start: '2026-01-01', targets, ...f });
  const incident = (opened: string) =>
    incidentDoc({
      agreement: 'SLA-0001',
      status: 'closed',
      opened: `${opened}T06:00:00Z`,
      responded: `${opened}T07:00:00Z`,
      resolved: `${opened}T20:00:00Z`,
      closed: `${opened}T21:00:00Z`,
    });
  const I = 'incidents/INC-0001-a.md';
  const scenarios: {
    name: string;
    commits: CommitSpec[];
    period: string;
    id?: string;
    counted: boolean;
    reviewBreaches?: string[];
    inForce?: boolean;
    /** Evidence the audit gives for the incident's record (IN.2.1). */
    audit?: string;
  }[] = [
    {
      name: 'the customer renamed in place in the middle of the quarter: its incidents stay its own',
      commits: [
        { files: { [I]: incident('2026-02-02') }, date: '2026-02-06T09:00:00Z' },
        { files: { [bakery]: agreementDoc({ targets, customer: 'Bluebell Bakery Ltd' }) }, date: '2026-03-01T09:00:00Z' },
      ],
      period: '2026-Q1',
      counted: true,
    },
    {
      name: "the law firm's agreement renumbered onto the ID of the bakery's, deleted before",
      commits: [
        { files: { [I]: incident('2026-02-02') }, date: '2026-02-06T09:00:00Z' },
        { files: { [bakery]: null, 'agreements/customers/SLA-0002-law.md': lawDoc({ id: 'SLA-0002' }) }, date: '2026-06-01T09:00:00Z' },
        { files: { 'agreements/customers/SLA-0002-law.md': null, [law]: lawDoc() }, date: '2026-08-01T09:00:00Z' },
      ],
      period: '2026-Q1',
      counted: false,
      // The review measures it against the bakery's agreement, as history last had it.
      reviewBreaches: ['INC-0001'],
    },
    {
      name: 'the same customer deleted by mistake and restored with an edit: its incidents stay its own',
      commits: [
        { files: { [I]: incident('2026-02-02') }, date: '2026-02-06T09:00:00Z' },
        { files: { [bakery]: null }, date: '2026-06-01T09:00:00Z' },
        { files: { [bakery]: agreementDoc({ targets, review: '2027-01-01' }) }, date: '2026-06-02T09:00:00Z' },
      ],
      period: '2026-Q1',
      counted: true,
    },
    {
      name: 'taken over later on the day the incident opened',
      commits: [
        { files: { [I]: incident('2026-08-01') }, date: '2026-08-01T06:30:00Z' },
        { files: { [bakery]: null }, date: '2026-08-01T07:00:00Z' },
        { files: { [law]: lawDoc() }, date: '2026-08-01T15:00:00Z' },
      ],
      period: '2026-Q3',
      counted: false,
    },
    {
      name: 'taken over in a commit dated back before the incident, but made after it was recorded',
      commits: [
        { files: { [I]: incident('2026-02-02') }, date: '2026-02-06T09:00:00Z' },
        { files: { [bakery]: null }, date: '2026-01-15T09:00:00Z' },
        { files: { [law]: lawDoc() }, date: '2026-01-15T10:00:00Z' },
      ],
      period: '2026-Q1',
      counted: false,
    },
    {
      name: "the bakery's agreement renumbered SLA-0005, then its old ID given to the law firm",
      commits: [
        { files: { [I]: incident('2026-02-02') }, date: '2026-02-06T09:00:00Z' },
        {
          files: { [bakery]: null, 'agreements/customers/SLA-0005-bakery.md': agreementDoc({ id: 'SLA-0005', targets }) },
          date: '2026-04-01T09:00:00Z',
        },
        { files: { [law]: lawDoc({ start: '2026-06-01' }) }, date: '2026-06-01T09:00:00Z' },
      ],
      period: '2026-Q1',
      id: 'SLA-0005',
      counted: true,
      reviewBreaches: ['INC-0001'],
      audit: 'names agreement SLA-0001, now SLA-0005 (renumbered since)',
    },
    {
      name: 'given back to the bakery, unchanged, after the law firm held it: the agreement holding it now held nothing in the first quarter',
      commits: [
        { files: { [I]: incident('2026-02-02') }, date: '2026-02-06T09:00:00Z' },
        { files: { [bakery]: null }, date: '2026-04-01T09:00:00Z' },
        { files: { [law]: lawDoc({ start: '2026-04-01' }) }, date: '2026-04-02T09:00:00Z' },
        { files: { [law]: null }, date: '2026-07-01T09:00:00Z' },
        { files: { [bakery]: agreementDoc({ targets }) }, date: '2026-07-02T09:00:00Z' },
      ],
      period: '2026-Q1',
      counted: false,
      inForce: false,
      // The review measures it against the bakery's first agreement, as history last had it.
      reviewBreaches: ['INC-0001'],
    },
    {
      name: 'the law firm takes the ID over and is then renumbered',
      commits: [
        { files: { [I]: incident('2026-02-02') }, date: '2026-02-06T09:00:00Z' },
        { files: { [bakery]: null }, date: '2026-06-01T09:00:00Z' },
        { files: { [law]: lawDoc() }, date: '2026-08-01T09:00:00Z' },
        { files: { [law]: null, 'agreements/customers/SLA-0005-law.md': lawDoc({ id: 'SLA-0005' }) }, date: '2026-08-02T09:00:00Z' },
      ],
      period: '2026-Q1',
      id: 'SLA-0005',
      counted: false,
    },
  ];
  for (const c of scenarios) {
    it(`${c.name}: ${c.counted ? 'counted' : 'not counted'} in ${c.id ?? 'SLA-0001'}'s report`, async () => {
      const dir = tmp();
      gitRepo(dir, [
        ...rolesCommits(),
        {
          files: { 'sms.config.yaml': BARE_CONFIG, 'catalogue/SVC-0001-service-desk.md': SERVICE, [bakery]: agreementDoc({ targets }) },
          date: '2026-01-02T09:00:00Z',
        },
        ...c.commits,
      ]);
      const e = testEnv({ SMS_TODAY: '2026-11-30' });
      const r = await smsInProcess(
        ['report', 'performance', '--agreement', c.id ?? 'SLA-0001', '--period', c.period, '--format', 'json'],
        dir,
        e,
      );
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout).incidents.items.map((m: { id: string }) => m.id)).toEqual(c.counted ? ['INC-0001'] : []);
      // Its report and its own period agree: not in force, and then no incident counted either.
      if (c.inForce !== undefined) expect(JSON.parse(r.stdout).agreement.inForceInPeriod).toBe(c.inForce);
      if (c.audit) {
        const audit = JSON.parse((await smsInProcess(['report', 'audit', '--format', 'json'], dir, e)).stdout);
        const evidence = audit.processes
          .flatMap(
            (p: { tasks: { id: string; obligations: { instances: { record?: { id: string }; evidence: { what: string }[] }[] }[] }[] }) =>
              p.tasks,
          )
          .filter((t: { id: string }) => t.id === 'IN.2.1')
          .flatMap((t: { obligations: { instances: { record?: { id: string }; evidence: { what: string }[] }[] }[] }) =>
            t.obligations.flatMap((o) => o.instances),
          )
          .filter((i: { record?: { id: string } }) => i.record?.id === 'INC-0001')
          .flatMap((i: { evidence: { what: string }[] }) => i.evidence.map((x) => x.what));
        expect(evidence).toContain(c.audit);
      }
      if (c.reviewBreaches) {
        const review = JSON.parse((await smsInProcess(['report', 'review', '--period', c.period, '--format', 'json'], dir, e)).stdout);
        expect(review.incidents.breaches.map((b: { id: string }) => b.id)).toEqual(c.reviewBreaches);
      }
    });
  }

  describe('a supplier agreement ID held by several suppliers in turn: each period counts each supplier once, with its own incidents', () => {
    // HostCo's UA-0001 from 1 January (4 h around the clock). Each incident opens at 06:00 on its day, is
    // resolved `hours` later with an outage over the same time, names SLA-0001 and the supplier
    // agreement given, and is committed the next day: over 4 hours is a breach of the supplier's target.
    const host = 'agreements/suppliers/UA-0001-host.md';
    const cloud = 'agreements/suppliers/UA-0001-cloud.md';
    const supplier = (name: string, f: Record<string, unknown> = {}) =>
      uaDoc({ supplier: name, title: name, services: ['SVC-0001'], availability: 99.9, ...f });
    const day = (d: string) => `${d}T09:00:00Z`;
    const incident = (n: number, opened: string, hours: number, ua: string): CommitSpec => {
      const at = Date.parse(`${opened}T06:00:00Z`);
      const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
      const id = `INC-000${n}`;
      return {
        files: {
          [`incidents/${id}-x.md`]: incidentDoc({
            id,
            agreement: 'SLA-0001',
            supplier_agreement: ua,
            status: 'closed',
            opened: iso(at),
            responded: iso(at + 1_800_000),
            resolved: iso(at + hours * 3_600_000),
            closed: iso(at + (hours + 1) * 3_600_000),
            outage_start: iso(at),
            outage_end: iso(at + hours * 3_600_000),
          }),
        },
        date: `${new Date(at + 86_400_000).toISOString().slice(0, 10)}T09:00:00Z`,
      };
    };
    type Row = [string, string, number, number];
    const cases: {
      name: string;
      commits: CommitSpec[];
      review: Record<string, Row[]>;
      own?: [string, string, string[]][];
      deleted?: [string, string, string[]][];
    }[] = [
      {
        name: 'handed over in the middle of a quarter: both suppliers in its review, and in the customer report',
        commits: [
          incident(1, '2026-02-02', 10, 'UA-0001'),
          // HostCo's incident deleted within the quarter: listed in HostCo's reports only, not CloudCo's.
          incident(5, '2026-02-05', 1, 'UA-0001'),
          { files: { 'incidents/INC-0005-x.md': null }, date: day('2026-02-15') },
          { files: { [host]: null }, date: day('2026-02-20') },
          { files: { [cloud]: supplier('CloudCo', { start: '2026-03-01' }) }, date: day('2026-03-01') },
          incident(2, '2026-03-10', 2, 'UA-0001'),
        ],
        review: {
          '2026-Q1': [
            ['UA-0001', 'CloudCo', 1, 0],
            ['UA-0001', 'HostCo', 1, 1],
          ],
        },
        own: [['UA-0001', '2026-Q1', ['INC-0002']]],
        deleted: [['UA-0001', '2026-Q1', []]],
      },
      {
        name: 'taken over in August by an agreement that says it started in January: not in force before it held the ID',
        commits: [
          incident(1, '2026-02-02', 10, 'UA-0001'),
          { files: { [host]: null }, date: day('2026-06-01') },
          { files: { [cloud]: supplier('CloudCo') }, date: day('2026-08-01') },
          incident(2, '2026-08-10', 2, 'UA-0001'),
        ],
        review: { '2026-Q1': [['UA-0001', 'HostCo', 1, 1]], '2026-Q3': [['UA-0001', 'CloudCo', 1, 0]] },
        own: [
          ['UA-0001', '2026-Q1', []],
          ['UA-0001', '2026-Q3', ['INC-0002']],
        ],
      },
      {
        name: 'taken over, then renumbered: the new holder keeps the incidents that named the ID while it held it',
        commits: [
          incident(1, '2026-02-02', 10, 'UA-0001'),
          { files: { [host]: null }, date: day('2026-03-31') },
          { files: { [cloud]: supplier('CloudCo', { start: '2026-04-01' }) }, date: day('2026-04-01') },
          incident(2, '2026-05-05', 2, 'UA-0001'),
          {
            files: { [cloud]: null, 'agreements/suppliers/UA-0003-cloud.md': supplier('CloudCo', { id: 'UA-0003', start: '2026-04-01' }) },
            date: day('2026-06-15'),
          },
          incident(3, '2026-07-07', 6, 'UA-0003'),
          incident(4, '2026-07-09', 1, 'UA-0001'),
        ],
        review: {
          '2026-Q1': [['UA-0001', 'HostCo', 1, 1]],
          '2026-Q2': [['UA-0003', 'CloudCo', 1, 0]],
          '2026-Q3': [['UA-0003', 'CloudCo', 2, 1]],
        },
        own: [
          ['UA-0003', '2026-Q2', ['INC-0002']],
          ['UA-0003', '2026-Q3', ['INC-0003', 'INC-0004']],
        ],
      },
      ...[
        [
          'given back to the first supplier (edited) after another held it: three spells, each its own',
          { start: '2026-07-01', review: '2027-06-01' },
        ],
        ['given back to the first supplier unchanged: still one row a period', {}],
      ].map(([name, back]) => ({
        name: name as string,
        commits: [
          incident(1, '2026-02-02', 10, 'UA-0001'),
          { files: { [host]: null }, date: day('2026-04-01') },
          { files: { [cloud]: supplier('CloudCo', { start: '2026-04-01' }) }, date: day('2026-04-02') },
          incident(2, '2026-05-05', 2, 'UA-0001'),
          { files: { [cloud]: null }, date: day('2026-07-01') },
          { files: { [host]: supplier('HostCo', back as Record<string, unknown>) }, date: day('2026-07-02') },
          incident(3, '2026-08-04', 6, 'UA-0001'),
        ],
        review: {
          '2026-Q1': [['UA-0001', 'HostCo', 1, 1]] as Row[],
          '2026-Q2': [['UA-0001', 'CloudCo', 1, 0]] as Row[],
          '2026-Q3': [['UA-0001', 'HostCo', 1, 1]] as Row[],
        },
      })),
      {
        name: 'renumbered away, then its old ID given to another supplier: the renumbered agreement keeps its incidents, once',
        commits: [
          incident(1, '2026-02-02', 10, 'UA-0001'),
          {
            files: { [host]: null, 'agreements/suppliers/UA-0002-host.md': supplier('HostCo', { id: 'UA-0002' }) },
            date: day('2026-04-01'),
          },
          { files: { [cloud]: supplier('CloudCo', { start: '2026-06-01' }) }, date: day('2026-06-01') },
          incident(2, '2026-07-07', 2, 'UA-0001'),
          incident(3, '2026-07-09', 6, 'UA-0002'),
        ],
        review: {
          '2026-Q1': [['UA-0002', 'HostCo', 1, 1]],
          '2026-Q3': [
            ['UA-0001', 'CloudCo', 1, 0],
            ['UA-0002', 'HostCo', 1, 1],
          ],
        },
        own: [
          ['UA-0002', '2026-Q1', ['INC-0001']],
          ['UA-0001', '2026-Q3', ['INC-0002']],
        ],
      },
      {
        name: 'no handover: renewed from July (a new start date) on 25 June, it still underpinned the first two quarters, to their end',
        commits: [
          incident(1, '2026-02-02', 10, 'UA-0001'),
          { files: { [host]: supplier('HostCo', { end: '2026-06-30', status: 'draft' }) }, date: day('2026-06-20') },
          {
            files: { [host]: supplier('HostCo', { start: '2026-07-01', end: '2027-06-30', review: '2027-06-01' }) },
            date: day('2026-06-25'),
          },
          // After the renewal was committed and before it starts: the version before it still covers the day.
          incident(3, '2026-06-27', 6, 'UA-0001'),
        ],
        review: { '2026-Q1': [['UA-0001', 'HostCo', 1, 1]], '2026-Q2': [['UA-0001', 'HostCo', 1, 1]] },
        own: [['UA-0001', '2026-Q2', ['INC-0003']]],
      },
    ];
    for (const c of cases) {
      it(c.name, async () => {
        const dir = tmp();
        gitRepo(dir, [
          ...opening({
            [bakery]: agreementDoc({ targets }),
            [host]: supplier('HostCo', c.name.startsWith('no handover') ? { end: '2026-06-30' } : {}),
          }),
          ...c.commits,
        ]);
        const e = testEnv({ SMS_TODAY: '2026-11-30' });
        const json = async (args: string[]) => {
          const r = await smsInProcess([...args, '--format', 'json'], dir, e);
          expect(r.code, r.stderr).toBe(0);
          return JSON.parse(r.stdout);
        };
        for (const [period, rows] of Object.entries(c.review)) {
          const review = await json(['report', 'review', '--period', period]);
          const got = review.suppliers.map((x: { id: string; supplier: string; incidents: number; breaches: number }) => [
            x.id,
            x.supplier,
            x.incidents,
            x.breaches,
          ]);
          expect(got.sort(), period).toEqual([...rows].sort());
          // Every incident here records an outage: a supplier's row with incidents has its outages, and only those.
          for (const x of review.suppliers as { supplier: string; incidents: number; outageRecorded: boolean }[])
            expect(x.outageRecorded, `${period} ${x.supplier}`).toBe(x.incidents > 0);
          // The customer's own report counts the same incidents per supplier (its breaches are of the customer's 8 hours).
          const customer = await json(['report', 'performance', '--agreement', 'SLA-0001', '--period', period]);
          const bySupplier = customer.suppliers.map((x: { id: string; supplier: string; incidents: number }) => [
            x.id,
            x.supplier,
            x.incidents,
          ]);
          expect(bySupplier.sort(), `SLA-0001 ${period}`).toEqual(rows.map((r) => r.slice(0, 3)).sort());
        }
        for (const [id, period, incidents] of c.own ?? []) {
          const own = await json(['report', 'performance', '--agreement', id, '--period', period]);
          expect(
            own.incidents.items.map((m: { id: string }) => m.id),
            `${id} ${period}`,
          ).toEqual(incidents);
          expect(own.agreement.inForceInPeriod, `${id} ${period}`).toBe(incidents.length > 0);
        }
        for (const [id, period, deleted] of c.deleted ?? []) {
          const own = await json(['report', 'performance', '--agreement', id, '--period', period]);
          expect(
            own.deleted.map((x: { id: string }) => x.id),
            `${id} ${period}`,
          ).toEqual(deleted);
        }
      });
    }
  });

  it("an outage limited to the bakery's agreement does not count against the law firm's, which took the ID later", async () => {
    const dir = tmp();
    gitRepo(dir, [
      ...opening({
        [bakery]: agreementDoc({ targets, availability: 99.5 }),
        'agreements/customers/SLA-0002-cafe.md': agreementDoc({
          id: 'SLA-0002',
          customer: 'Cafe',
          title: 'Cafe',
          targets,
          availability: 99.5,
        }),
      }),
      {
        files: {
          [I]: incidentDoc({
            agreement: 'SLA-0001',
            status: 'closed',
            priority: 'P1',
            opened: '2026-07-30T10:00:00Z',
            responded: '2026-07-30T10:10:00Z',
            resolved: '2026-08-02T10:00:00Z',
            closed: '2026-08-02T11:00:00Z',
            outage_start: '2026-07-30T10:00:00Z',
            outage_end: '2026-08-02T10:00:00Z',
            outage_agreements: ['SLA-0001'],
          }),
        },
        date: '2026-07-31T09:00:00Z',
      },
      // The bakery's outage runs on into August, when the law firm's agreement holds the ID.
      { files: { [bakery]: null }, date: '2026-07-31T10:00:00Z' },
      { files: { [law]: lawDoc({ start: '2026-08-01', availability: 99.5 }) }, date: '2026-08-01T09:00:00Z' },
    ]);
    const e = testEnv({ SMS_TODAY: '2026-11-30' });
    const d = JSON.parse(
      (await smsInProcess(['report', 'performance', '--agreement', 'SLA-0001', '--period', '2026-Q3', '--format', 'json'], dir, e)).stdout,
    );
    // The quarter is measured against the law firm's agreement, in force at its end (from August).
    expect(d.agreement.party).toBe('Law firm');
    const august = d.availability.months.find((a: { label: string }) => a.label === '2026-08');
    expect(august.limitedToOthers).toEqual([
      { incident: 'INC-0001', agreements: ['SLA-0001'], heldThen: [{ id: 'SLA-0001', party: 'Bakery' }] },
    ]);
    expect(d.availability.downtimeMinutes).toBe(0);
    // Read in the law firm's own report, a limit to "SLA-0001" says whose SLA-0001 it was.
    const text = (await smsInProcess(['report', 'performance', '--agreement', 'SLA-0001', '--period', '2026-Q3'], dir, e)).stdout;
    expect(text).toContain("not counted: INC-0001, limited to SLA-0001 (outage_agreements), SLA-0001 being Bakery's agreement then");
  });
});
