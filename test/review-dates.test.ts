import { describe, expect, it } from 'vitest';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  PEOPLE,
  addCommit,
  gitRepo,
  md,
  rfc,
  rolesCommits,
  rolesDoc,
  smsInProcess,
  testEnv,
  tmp,
  writeFiles,
  type CommitSpec,
} from './helpers.js';

/**
 * The management review pack places what history records (an approval, a change raised, a
 * deployment) on the organisation's calendar, and judges open items on the day it claims to.
 */

const { ana, ben, cleo } = PEOPLE;
const BERLIN = 'organisation: Acme IT\ntimezone: Europe/Berlin\n';
const SVC = md(
  {
    id: 'SVC-0001',
    type: 'service',
    title: 'Mail',
    status: 'approved',
    owner: ana.email,
    approved_by: ana.email,
    approved_on: '2026-01-05',
  },
  '\n## Description\n\n## Service hours\n\n## Quality measures\n\n## How to use\n',
);
const sla = (status: string): string =>
  md(
    {
      id: 'SLA-0001',
      type: 'customer-agreement',
      title: 'Agreement with Alpha',
      status,
      customer: 'Alpha',
      owner: ana.email,
      start: '2025-01-01',
      review: '2027-01-01',
      services: ['SVC-0001'],
      ...(status === 'approved' ? { approved_by: ana.email, approved_on: '2026-04-01' } : {}),
    },
    '\n## Scope\n\n## Service hours\n\n## Targets\n\n## Communication\n\n## Responsibilities\n',
  );

async function review(dir: string, period: string, today: string) {
  const r = await smsInProcess(['report', 'review', '--period', period, '--format', 'json'], dir, testEnv({ SMS_TODAY: today }));
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout);
}

describe('sms report review: dates from history are days in the organisation’s time zone', () => {
  it('a commit at 00:30 on 1 April in Berlin, recorded in UTC as 31 March, belongs to the second quarter; one at 21:30 on 31 March recorded as +05:00 on 1 April, to the first', async () => {
    const dir = tmp();
    const commits: CommitSpec[] = [
      ...rolesCommits('2026-01-05'),
      { files: { 'sms.config.yaml': BERLIN, 'catalogue/SVC-0001-mail.md': SVC }, author: ana, date: '2026-01-05T10:00:00+01:00' },
      { files: { 'agreements/customers/SLA-0001.md': sla('draft') }, author: ana, date: '2026-03-20T10:00:00+01:00' },
      // 22:30 UTC on 31 March = 00:30 on 1 April in Berlin (summer time, +02:00).
      {
        files: { 'agreements/customers/SLA-0001.md': sla('approved'), 'changes/RFC-0001.md': rfc({ requested_by: cleo.email }) },
        author: ana,
        date: '2026-03-31T22:30:00+00:00',
      },
      // 00:30 on 1 April at +05:00 = 19:30 UTC = 21:30 on 31 March in Berlin.
      {
        files: { 'changes/RFC-0002.md': rfc({ id: 'RFC-0002', requested_by: cleo.email }) },
        author: ben,
        date: '2026-04-01T00:30:00+05:00',
      },
    ];
    gitRepo(dir, commits);

    const q1 = await review(dir, '2026-Q1', '2026-07-15');
    // The roles and the service were approved in January; the agreement only on 1 April.
    expect(q1.issues.governanceChanges.map((g: { id: string; date: string }) => [g.id, g.date])).toEqual([
      ['ROLES', '2026-01-05'],
      ['SVC-0001', '2026-01-05'],
    ]);
    expect(q1.changes.items.map((c: { id: string }) => c.id)).toEqual(['RFC-0002']);
    expect(q1.changes.total).toBe(1);
    // Ana's four commits from January to 20 March and Ben's are Q1's; Ana's of 31 March (UTC) is April's in Berlin.
    expect(q1.contributors.map((c: { name: string; commits: number }) => [c.name, c.commits])).toEqual([
      ['Ana Costa', 4],
      ['Ben Okafor', 1],
    ]);

    const q2 = await review(dir, '2026-Q2', '2026-07-15');
    expect(q2.issues.governanceChanges.map((g: { id: string; status: string; date: string }) => [g.id, g.status, g.date])).toEqual([
      ['SLA-0001', 'approved', '2026-04-01'],
    ]);
    expect(q2.changes.items.map((c: { id: string }) => c.id)).toEqual(['RFC-0001']);
    expect(q2.contributors.map((c: { name: string; commits: number }) => [c.name, c.commits])).toEqual([['Ana Costa', 1]]);
    // The pack's table shows the day in Berlin too.
    expect(q2.changes.items[0].requestedOn).toBe('2026-04-01');
    const text = (await smsInProcess(['report', 'review', '--period', '2026-Q2'], dir, testEnv({ SMS_TODAY: '2026-07-15' }))).stdout;
    expect(text).toContain('| RFC-0001 | Upgrade mail | normal | pending |  | 2026-04-01 | – | – |  |');
  });
});

const POLICY = md(
  {
    id: 'POLICY',
    type: 'policy',
    title: 'Policy',
    status: 'approved',
    objectives: [{ id: 'CHANGES', text: 'At least 90% of deployed changes successful', measure: 'changes-successful', target: 90 }],
  },
  '\n## Policy\n',
);

describe('sms report review: the changes section and the changes-successful objective count the same deployments', () => {
  it('a change moved to updated with outcome failed and no deployed_on is a failed deployment for both, on the day it moved, in the organisation’s time zone', async () => {
    const dir = tmp();
    const R1 = 'changes/RFC-0001.md';
    const R2 = 'changes/RFC-0002.md';
    const R3 = 'changes/RFC-0003.md';
    const approval = { status: 'approved', approved_by: ben.email, approved_on: '2026-01-20' };
    gitRepo(dir, [
      ...rolesCommits('2026-01-05'),
      {
        files: {
          'sms.config.yaml': BERLIN,
          'governance/policy.md': POLICY,
          [R1]: rfc({ id: 'RFC-0001' }),
          [R2]: rfc({ id: 'RFC-0002' }),
          [R3]: rfc({ id: 'RFC-0003' }),
        },
        author: cleo,
        date: '2026-01-10T10:00:00+01:00',
      },
      {
        files: {
          [R1]: rfc({ id: 'RFC-0001', ...approval }),
          [R2]: rfc({ id: 'RFC-0002', ...approval }),
          [R3]: rfc({ id: 'RFC-0003', ...approval }),
        },
        author: ben,
        date: '2026-01-20T10:00:00+01:00',
      },
      // Deployed on 10 February, successful, with its deployment date.
      {
        files: { [R1]: rfc({ id: 'RFC-0001', ...approval, status: 'updated', deployed_on: '2026-02-10', outcome: 'successful' }) },
        author: ben,
        date: '2026-02-10T20:00:00+01:00',
      },
      // Deployed on 5 March and failed; no deployed_on: the day it moved to updated.
      {
        files: { [R2]: rfc({ id: 'RFC-0002', ...approval, status: 'updated', outcome: 'failed' }) },
        author: ben,
        date: '2026-03-05T20:00:00+01:00',
      },
      // Moved to updated at 01:30 on 1 April in Berlin (23:30 UTC on 31 March): the second quarter's.
      {
        files: { [R3]: rfc({ id: 'RFC-0003', ...approval, status: 'updated', outcome: 'successful' }) },
        author: ben,
        date: '2026-03-31T23:30:00+00:00',
      },
    ]);

    // Q1: RFC-0001 successful, RFC-0002 failed: 1 of 2 = 50%, red (amber from 80%).
    const q1 = await review(dir, '2026-Q1', '2026-05-15');
    expect(q1.changes).toMatchObject({
      deployed: 2,
      byResult: { successful: 1, failed: 1, 'backed-out': 0, partial: 0 },
      successPercent: 50,
    });
    expect(q1.changes.items.map((c: { id: string; deployedOn?: string; result?: string }) => [c.id, c.deployedOn, c.result])).toEqual([
      ['RFC-0001', '2026-02-10', 'successful'],
      ['RFC-0002', '2026-03-05', 'failed'],
      ['RFC-0003', undefined, undefined],
    ]);
    expect(q1.objectives[0]).toMatchObject({ id: 'CHANGES', rag: 'red', value: 50, basis: '1 of 2 deployed changes successful' });

    // Q2: RFC-0003 alone, 1 of 1.
    const q2 = await review(dir, '2026-Q2', '2026-07-15');
    expect(q2.changes).toMatchObject({ deployed: 1, successPercent: 100 });
    expect(q2.objectives[0]).toMatchObject({ rag: 'green', value: 100, basis: '1 of 1 deployed changes successful' });
  });
});

/** Complaint FB-0001, received on 1 March, with its handling and, where given, when it was closed. */
const complaint = (handling: string, closed?: string): string =>
  md(
    {
      id: 'FB-0001',
      type: 'feedback',
      title: 'Slow answers',
      status: 'updated',
      kind: 'complaint',
      received: '2026-03-01T10:00:00Z',
      handling,
      ...(closed ? { closed } : {}),
      recorded_by: ana.email,
    },
    '\n## Notes\n\nText.\n',
  );

const nc = (id: string, f: Record<string, unknown>): string =>
  md(
    { id, type: 'nonconformity', title: `NC ${id}`, source: 'audit', owner: ana.email, detected_on: '2026-02-01', ...f },
    '\n## Nonconformity\n\n## Correction\n\n## Root cause\n\n## Corrective action\n',
  );
/** The minutes of management review MR-0001 with these actions. */
const minutesWith = (actions: Record<string, unknown>[]): string =>
  md(
    {
      id: 'MR-0001',
      type: 'management-review',
      title: 'Management review 2025',
      status: 'approved',
      held_on: '2026-01-15',
      approved_by: ana.email,
      approved_on: '2026-01-15',
      actions,
    },
    '\n## Inputs reviewed\n\n## Decisions\n\n## Actions\n',
  );
const minutes = (a2: string, a3: Record<string, unknown>): string =>
  minutesWith([
    { id: 'A1', action: 'one', owner: ana.email, due: '2026-03-15', status: 'open' },
    { id: 'A2', action: 'two', owner: ana.email, due: '2026-04-15', status: a2 },
    { id: 'A3', action: 'three', owner: ana.email, due: '2026-03-01', ...a3 },
  ]);
const risk = (status: string): string =>
  md(
    {
      id: 'RISK-0001',
      type: 'risk',
      title: 'Phishing',
      status,
      likelihood: 4,
      impact: 4,
      treatment: 'mitigate',
      treatment_due: '2026-03-01',
      identified_on: '2026-01-20',
    },
    '\n## Risk\n',
  );
const AUDIT = md(
  {
    id: 'AUD-0001',
    type: 'internal-audit',
    title: 'Audit Q1',
    status: 'reported',
    performed_on: '2026-03-10',
    result: 'minor-findings',
    nonconformities: ['NC-0002', 'NC-0004'],
  },
  '\n## Findings\n',
);
/** The records as they stand on 15 May, after what was done in April. */
const LATER: Record<string, string> = {
  // Closed on 2 April; closed in April without a date; raised on 5 April.
  'nonconformities/NC-0002.md': nc('NC-0002', { status: 'closed', due: '2026-03-31', closed_on: '2026-04-02' }),
  'nonconformities/NC-0004.md': nc('NC-0004', { status: 'closed', due: '2026-06-30' }),
  'nonconformities/NC-0005.md': nc('NC-0005', { status: 'open', detected_on: '2026-04-05', due: '2026-06-30' }),
  // A3 done on 20 April; A2 dropped in April (the minutes give no date for that).
  'reviews/MR-0001.md': minutes('dropped', { status: 'done', done_on: '2026-04-20' }),
  'risks/RISK-0001.md': risk('closed'),
};

describe('sms report review: open items as of the end of the period', () => {
  const byAna = (date: string, files: Record<string, string | null>): CommitSpec => ({ files, author: ana, date });
  const row = (a: { id: string; status: string; recordedStatus: string; statusKnown: boolean; overdue: boolean; daysOverdue?: number }) => [
    a.id,
    a.status,
    a.recordedStatus,
    a.statusKnown,
    a.overdue,
    a.daysOverdue,
  ];

  it('from the records’ own dates and from history: what was done or closed after 31 March was open on it', async () => {
    const dir = tmp();
    gitRepo(dir, [
      ...rolesCommits('2026-01-05'),
      {
        files: {
          'sms.config.yaml': BERLIN,
          'nonconformities/NC-0002.md': nc('NC-0002', { status: 'open', due: '2026-03-31' }),
          'nonconformities/NC-0003.md': nc('NC-0003', { status: 'open', due: '2026-03-20' }),
          'nonconformities/NC-0004.md': nc('NC-0004', { status: 'open', due: '2026-06-30' }),
          'reviews/MR-0001.md': minutes('open', { status: 'open' }),
          'risks/RISK-0001.md': risk('open'),
          'audits/AUD-0001.md': AUDIT,
        },
        author: ana,
        date: '2026-02-01T10:00:00+01:00',
      },
      { files: { 'nonconformities/NC-0002.md': LATER['nonconformities/NC-0002.md']! }, author: ana, date: '2026-04-02T10:00:00+02:00' },
      {
        files: { 'nonconformities/NC-0004.md': LATER['nonconformities/NC-0004.md']!, 'risks/RISK-0001.md': LATER['risks/RISK-0001.md']! },
        author: ana,
        date: '2026-04-10T10:00:00+02:00',
      },
      { files: { 'nonconformities/NC-0005.md': LATER['nonconformities/NC-0005.md']! }, author: ana, date: '2026-04-05T10:00:00+02:00' },
      { files: { 'reviews/MR-0001.md': LATER['reviews/MR-0001.md']! }, author: ana, date: '2026-04-20T10:00:00+02:00' },
    ]);
    const d = await review(dir, '2026-Q1', '2026-05-15');
    expect(d.asOf).toBe('2026-03-31');
    // A1 due 15 March, 16 days overdue. A3 due 1 March and done only on 20 April: open and 30 days
    // overdue on 31 March. A2 was dropped in April: the minutes as committed by 31 March say it
    // was open then (due 15 April, not overdue).
    expect(d.previousReview.actions.map(row)).toEqual([
      ['A1', 'open', 'open', true, true, 16],
      ['A2', 'open', 'dropped', true, false, undefined],
      ['A3', 'open', 'done', true, true, 30],
    ]);
    expect(d.previousReview).toMatchObject({ overdue: 2, notKnown: 0 });
    // NC-0002 closed on 2 April and NC-0004 closed in April (history) were open on 31 March;
    // NC-0005 was raised after it. NC-0003, due 20 March, is the overdue one.
    expect(d.nonconformities.open.map((n: { id: string; status: string; overdue: boolean }) => [n.id, n.status, n.overdue])).toEqual([
      ['NC-0002', 'open', false],
      ['NC-0003', 'open', true],
      ['NC-0004', 'open', false],
    ]);
    expect(d.nonconformities).toMatchObject({ overdue: 1, notKnown: [] });
    expect(d.audit.nonconformities).toMatchObject([
      { id: 'NC-0002', status: 'open' },
      { id: 'NC-0004', status: 'open' },
    ]);
    // The risk was closed on 10 April: open, and its treatment overdue, on 31 March.
    expect(
      d.risks.open.map((r: { id: string; status: string; treatmentOverdue: boolean }) => [r.id, r.status, r.treatmentOverdue]),
    ).toEqual([['RISK-0001', 'open', true]]);
    expect(d.risks).toMatchObject({ overdueTreatments: 1, notKnown: [] });

    const text = (await smsInProcess(['report', 'review', '--period', '2026-Q1'], dir, testEnv({ SMS_TODAY: '2026-05-15' }))).stdout;
    expect(text).toContain('| A3 three | Ana Costa | 2026-03-01 | open (recorded now: done 2026-04-20) | **30 days** |');
    expect(text).toContain('| A2 two | Ana Costa | 2026-04-15 | open (recorded now: dropped) | – |');
  });

  it('a nonconformity or complaint reopened after it was closed is open: the closing date left in it no longer says when it closed', async () => {
    const dir = tmp();
    gitRepo(dir, [
      ...rolesCommits('2026-01-05'),
      {
        files: { 'sms.config.yaml': BERLIN, 'nonconformities/NC-0001.md': nc('NC-0001', { status: 'open', due: '2026-03-25' }) },
        author: ana,
        date: '2026-02-01T10:00:00+01:00',
      },
      {
        files: {
          'nonconformities/NC-0001.md': nc('NC-0001', { status: 'closed', due: '2026-03-25', closed_on: '2026-03-10' }),
          'feedback/FB-0001.md': complaint('closed', '2026-03-25T10:00:00Z'),
        },
        author: ana,
        date: '2026-03-10T10:00:00+01:00',
      },
      {
        files: {
          'nonconformities/NC-0001.md': nc('NC-0001', { status: 'open', due: '2026-03-25', closed_on: '2026-03-10' }),
          'feedback/FB-0001.md': complaint('investigating', '2026-03-25T10:00:00Z'),
        },
        author: ana,
        date: '2026-03-20T10:00:00+01:00',
      },
    ]);
    // Open on 31 March (by history) and today, and overdue since 25 March: in the quarter's pack and in today's.
    for (const [period, today] of [
      ['2026-Q1', '2026-05-15'],
      ['2026-04', '2026-05-15'],
    ]) {
      const d = await review(dir, period!, today!);
      expect(
        d.nonconformities.open.map((n: { id: string; overdue: boolean }) => [n.id, n.overdue]),
        period,
      ).toEqual([['NC-0001', true]]);
      expect(
        d.feedback.open.map((f: { id: string }) => f.id),
        period,
      ).toEqual(['FB-0001']);
    }
  });

  it("the complaints table of a pack shows a complaint's handling as of its as-of day, not today's", async () => {
    const dir = tmp();
    gitRepo(dir, [
      ...rolesCommits('2026-01-05'),
      {
        files: { 'sms.config.yaml': BERLIN, 'feedback/FB-0001.md': complaint('investigating') },
        author: ana,
        date: '2026-03-01T12:00:00+01:00',
      },
      { files: { 'feedback/FB-0001.md': complaint('closed', '2026-04-03T10:00:00Z') }, author: ana, date: '2026-04-03T12:00:00+02:00' },
    ]);
    const d = await review(dir, '2026-Q1', '2026-05-15');
    // Open on 31 March (closed on 3 April), and being investigated then, as history records.
    expect(d.feedback.open.map((f: { id: string }) => f.id)).toEqual(['FB-0001']);
    expect(d.feedback.complaints.map((c: { id: string; handling: string }) => [c.id, c.handling])).toEqual([['FB-0001', 'investigating']]);
  });

  it('the role holders of the pack are those of the roles document as it stood on its as-of day', async () => {
    const dir = tmp();
    const dan = { name: 'Dan Moss', email: 'dan@acme.example' };
    gitRepo(dir, [
      ...rolesCommits('2026-01-05'),
      { files: { 'sms.config.yaml': BERLIN }, author: ana, date: '2026-02-01T10:00:00+01:00' },
      // Dan joins as a practitioner on 20 April.
      {
        files: {
          'governance/roles.md': rolesDoc(
            [
              { ...ana, roles: ['SM', 'MGT'] },
              { ...ben, roles: ['CM'] },
              { ...cleo, roles: ['IM', 'PT'] },
              { ...dan, roles: ['PT'] },
            ],
            'approved',
            ana.email,
          ),
        },
        author: ana,
        date: '2026-04-20T10:00:00+02:00',
      },
    ]);
    const holders = async (period: string) =>
      (await review(dir, period, '2026-05-15')).people.holders.map((h: { name: string }) => h.name).sort();
    expect(await holders('2026-Q1')).toEqual(['Ana Costa', 'Ben Okafor', 'Cleo Park']);
    expect(await holders('2026-04')).toEqual(['Ana Costa', 'Ben Okafor', 'Cleo Park', 'Dan Moss']);
  });

  it('a roles document never approved puts no one in a role: its draft names are shown as a draft, not as the roles in force', async () => {
    const dir = tmp();
    gitRepo(dir, [
      {
        files: { 'sms.config.yaml': BERLIN, 'governance/roles.md': rolesDoc() },
        author: ana,
        date: '2026-01-05T08:00:00Z',
        message: 'Roles: draft',
      },
    ]);
    const d = await review(dir, '2026-Q1', '2026-05-15');
    expect(d.people).toMatchObject({ rolesInForce: false, rolesStatus: 'draft' });
    const md = await smsInProcess(['report', 'review', '--period', '2026-Q1', '--format', 'md'], dir, testEnv({ SMS_TODAY: '2026-05-15' }));
    expect(md.stdout).toMatch(
      new RegExp(
        `${d.people.holders.length} people hold a role in the roles document as drafted, which was not in force on 2026-03-31 \\(its status: draft\\): no roles were in force;`,
      ),
    );
    // Approved on 1 April: April's holders are of roles in force, and said so by omission.
    addCommit(dir, {
      files: { 'governance/roles.md': rolesDoc(undefined, 'approved', ana.email) },
      author: ana,
      date: '2026-04-01T08:00:00Z',
    });
    const q2 = await smsInProcess(['report', 'review', '--period', '2026-04', '--format', 'md'], dir, testEnv({ SMS_TODAY: '2026-05-15' }));
    expect(q2.stdout).toContain('people hold a role;');
    expect(q2.stdout).not.toContain('as drafted');
  });

  it('the current pack takes the roles in force, not a draft revision of them in the working tree', async () => {
    const dir = tmp();
    gitRepo(dir, [...rolesCommits('2026-01-05'), { files: { 'sms.config.yaml': BERLIN }, author: ana, date: '2026-02-01T10:00:00+01:00' }]);
    const dan = { name: 'Dan Moss', email: 'dan@acme.example' };
    writeFileSync(
      path.join(dir, 'governance/roles.md'),
      rolesDoc(
        [
          { ...ana, roles: ['SM', 'MGT'] },
          { ...dan, roles: ['PT'] },
        ],
        'draft',
      ),
    );
    const d = await review(dir, '2026-Q2', '2026-06-30');
    expect(d.people.holders.map((h: { name: string }) => h.name)).not.toContain('Dan Moss');
    expect(d.people.holders.map((h: { name: string }) => h.name)).toContain('Ben Okafor');
    expect(d.people.rolesInForce).toBe(true);
  });

  it('the minutes are read as they stood on the as-of day: an action done then and reopened since was done; one added since was not there', async () => {
    const dir = tmp();
    const mr = minutesWith;
    const a1 = { id: 'A1', action: 'one', owner: ana.email, due: '2026-03-15' };
    gitRepo(dir, [
      ...rolesCommits('2026-01-05'),
      byAna('2026-02-01T10:00:00+01:00', { 'sms.config.yaml': BERLIN, 'reviews/MR-0001.md': mr([{ ...a1, status: 'open' }]) }),
      byAna('2026-03-10T10:00:00+01:00', { 'reviews/MR-0001.md': mr([{ ...a1, status: 'done', done_on: '2026-03-10' }]) }),
      // On 20 April A1 is reopened and A2 added, with a due date already past.
      byAna('2026-04-20T10:00:00+02:00', {
        'reviews/MR-0001.md': mr([
          { ...a1, status: 'open' },
          { id: 'A2', action: 'added in April', owner: ana.email, due: '2026-03-01', status: 'open' },
        ]),
      }),
    ]);
    const q1 = await review(dir, '2026-Q1', '2026-05-15');
    expect(q1.previousReview.actions.map(row)).toEqual([['A1', 'done', 'open', true, false, undefined]]);
    expect(q1.previousReview).toMatchObject({ overdue: 0, notKnown: 0 });
    // On 30 April both were open: A1 46 days overdue, A2 60.
    const april = await review(dir, '2026-04', '2026-05-15');
    expect(april.previousReview.actions.map(row)).toEqual([
      ['A1', 'open', 'open', true, true, 46],
      ['A2', 'open', 'open', true, true, 60],
    ]);
  });

  it('a record deleted after the as-of day is shown as it stood then, marked deleted since', async () => {
    const dir = tmp();
    gitRepo(dir, [
      ...rolesCommits('2026-01-05'),
      byAna('2026-02-01T10:00:00+01:00', {
        'sms.config.yaml': BERLIN,
        'nonconformities/NC-0005.md': nc('NC-0005', { status: 'open', due: '2026-03-10' }),
        'risks/RISK-0001.md': risk('open'),
      }),
      byAna('2026-04-10T10:00:00+02:00', { 'nonconformities/NC-0005.md': null, 'risks/RISK-0001.md': null }),
    ]);
    const d = await review(dir, '2026-Q1', '2026-05-15');
    expect(
      d.nonconformities.open.map((n: { id: string; status: string; overdue: boolean; deleted: boolean }) => [
        n.id,
        n.status,
        n.overdue,
        n.deleted,
      ]),
    ).toEqual([['NC-0005', 'open', true, true]]);
    expect(d.nonconformities.overdue).toBe(1);
    expect(
      d.risks.open.map((r: { id: string; status: string; treatmentOverdue: boolean; deleted: boolean }) => [
        r.id,
        r.status,
        r.treatmentOverdue,
        r.deleted,
      ]),
    ).toEqual([['RISK-0001', 'open', true, true]]);
    const text = (await smsInProcess(['report', 'review', '--period', '2026-Q1'], dir, testEnv({ SMS_TODAY: '2026-05-15' }))).stdout;
    expect(text).toMatch(/NC-0005 NC NC-0005 \(deleted since\)/);
    expect(text).not.toContain('](nonconformities/NC-0005.md)');
    // Deleted before the period's end: not there on 31 March, and not in a later pack.
    const april = await review(dir, '2026-04', '2026-05-15');
    expect(april.nonconformities.open).toEqual([]);
    expect(april.risks.open).toEqual([]);
  });

  it('a nonconformity closed on the as-of day by history is closed then, though closed again later with a later date', async () => {
    const dir = tmp();
    gitRepo(dir, [
      ...rolesCommits('2026-01-05'),
      byAna('2026-02-01T10:00:00+01:00', {
        'sms.config.yaml': BERLIN,
        'nonconformities/NC-0001.md': nc('NC-0001', { status: 'open', due: '2026-03-20' }),
        'nonconformities/NC-0006.md': nc('NC-0006', { status: 'open', due: '2026-03-20' }),
      }),
      byAna('2026-03-15T10:00:00+01:00', {
        'nonconformities/NC-0001.md': nc('NC-0001', { status: 'closed', due: '2026-03-20', closed_on: '2026-03-15' }),
      }),
      // NC-0006's closure is recorded on 2 April, dated 30 March: the record says when.
      byAna('2026-04-05T10:00:00+02:00', {
        'nonconformities/NC-0001.md': nc('NC-0001', { status: 'open', due: '2026-03-20' }),
        'nonconformities/NC-0006.md': nc('NC-0006', { status: 'closed', due: '2026-03-20', closed_on: '2026-03-30' }),
      }),
      byAna('2026-04-30T10:00:00+02:00', {
        'nonconformities/NC-0001.md': nc('NC-0001', { status: 'closed', due: '2026-03-20', closed_on: '2026-04-30' }),
      }),
    ]);
    const q1 = await review(dir, '2026-Q1', '2026-05-15');
    expect(q1.nonconformities.open).toEqual([]);
    expect(q1.nonconformities.overdue).toBe(0);
    expect(q1.nonconformities.closedInPeriod.map((n: { id: string; closed: string }) => [n.id, n.closed])).toEqual([
      ['NC-0001', '2026-03-15'],
      ['NC-0006', '2026-03-30'],
    ]);
    const april = await review(dir, '2026-04', '2026-05-15');
    expect(april.nonconformities.open).toEqual([]);
    expect(april.nonconformities.closedInPeriod.map((n: { id: string; closed: string }) => [n.id, n.closed])).toEqual([
      ['NC-0001', '2026-04-30'],
    ]);
  });

  it('new risks and complaints are shown as they stood on the as-of day, as the open lists show them', async () => {
    const dir = tmp();
    gitRepo(dir, [
      ...rolesCommits('2026-01-05'),
      byAna('2026-03-01T12:00:00+01:00', {
        'sms.config.yaml': BERLIN,
        'risks/RISK-0001.md': risk('open'),
        'feedback/FB-0001.md': complaint('investigating'),
      }),
      byAna('2026-04-03T12:00:00+02:00', { 'feedback/FB-0001.md': complaint('closed', '2026-04-03T10:00:00Z') }),
      byAna('2026-04-20T10:00:00+02:00', { 'risks/RISK-0001.md': risk('closed') }),
    ]);
    const d = await review(dir, '2026-Q1', '2026-05-15');
    const risks = (list: { id: string; status: string; treatmentOverdue: boolean }[]) =>
      list.map((r) => [r.id, r.status, r.treatmentOverdue]);
    expect(risks(d.risks.open)).toEqual([['RISK-0001', 'open', true]]);
    expect(risks(d.issues.newRisks)).toEqual([['RISK-0001', 'open', true]]);
    expect(d.feedback.open.map((f: { id: string; handling: string }) => [f.id, f.handling])).toEqual([['FB-0001', 'investigating']]);
    expect(d.feedback.complaints.map((c: { id: string; handling: string }) => [c.id, c.handling])).toEqual([['FB-0001', 'investigating']]);
  });

  it('a record is followed through a change of its ID; a date moved later since, or a deletion not committed, does not hide it', async () => {
    const dir = tmp();
    gitRepo(dir, [
      ...rolesCommits('2026-01-05'),
      byAna('2026-02-01T10:00:00+01:00', {
        'sms.config.yaml': BERLIN,
        'nonconformities/NC-0001.md': nc('NC-0001', { status: 'open', due: '2026-03-20' }),
        'nonconformities/NC-0002.md': nc('NC-0002', { status: 'open', due: '2026-03-20' }),
        'nonconformities/NC-0003.md': nc('NC-0003', { status: 'open', due: '2026-03-20' }),
      }),
      byAna('2026-03-10T10:00:00+01:00', {
        'nonconformities/NC-0001.md': nc('NC-0001', { status: 'closed', due: '2026-03-20', closed_on: '2026-03-10' }),
      }),
      // After the quarter: NC-0002 said to be detected only in April; NC-0001 renumbered NC-0009, then reopened.
      byAna('2026-05-05T10:00:00+02:00', {
        'nonconformities/NC-0002.md': nc('NC-0002', { status: 'open', due: '2026-03-20', detected_on: '2026-04-06' }),
      }),
      byAna('2026-05-15T10:00:00+02:00', {
        'nonconformities/NC-0001.md': nc('NC-0009', { status: 'closed', due: '2026-03-20', closed_on: '2026-03-10' }),
      }),
      byAna('2026-05-20T10:00:00+02:00', { 'nonconformities/NC-0001.md': nc('NC-0009', { status: 'open', due: '2026-03-20' }) }),
    ]);
    // NC-0003 deleted in the working tree, not committed.
    rmSync(path.join(dir, 'nonconformities/NC-0003.md'));
    const d = await review(dir, '2026-Q1', '2026-05-25');
    expect(
      d.nonconformities.open.map((n: { id: string; overdue: boolean; deleted: boolean; detected: string }) => [
        n.id,
        n.overdue,
        n.deleted,
        n.detected,
      ]),
    ).toEqual([
      ['NC-0002', true, false, '2026-02-01'],
      ['NC-0003', true, true, '2026-02-01'],
    ]);
    expect(d.nonconformities.closedInPeriod.map((n: { id: string; closed: string }) => [n.id, n.closed])).toEqual([
      ['NC-0009', '2026-03-10'],
    ]);
  });

  it('without history, what no date tells is said to be not known, never shown as it is today', async () => {
    const dir = tmp();
    writeFiles(dir, {
      'sms.config.yaml': BERLIN,
      'governance/roles.md': rolesDoc(),
      'nonconformities/NC-0003.md': nc('NC-0003', { status: 'open', due: '2026-03-20' }),
      'audits/AUD-0001.md': AUDIT,
      ...LATER,
    });
    const d = await review(dir, '2026-Q1', '2026-05-15');
    expect(d.history).toBe(false);
    expect(d.previousReview.actions.map(row)).toEqual([
      ['A1', 'open', 'open', true, true, 16],
      ['A2', 'not known', 'dropped', false, false, undefined],
      ['A3', 'open', 'done', true, true, 30],
    ]);
    // NC-0002's closed_on says it was open; NC-0004 was closed on a day nothing records.
    expect(d.nonconformities.open.map((n: { id: string }) => n.id)).toEqual(['NC-0002', 'NC-0003']);
    expect(d.nonconformities.notKnown).toMatchObject([{ id: 'NC-0004', status: 'closed' }]);
    expect(d.audit.nonconformities).toMatchObject([
      { id: 'NC-0002', status: 'open' },
      { id: 'NC-0004', status: 'not known' },
    ]);
    // The risk is closed today; a risk records no date for that.
    expect(d.risks.open).toEqual([]);
    expect(d.risks.notKnown).toMatchObject([{ id: 'RISK-0001', status: 'closed' }]);
    const text = (await smsInProcess(['report', 'review', '--period', '2026-Q1'], dir, testEnv({ SMS_TODAY: '2026-05-15' }))).stdout;
    expect(text).toContain(
      'Not known whether open on 2026-03-31: [NC-0004](nonconformities/NC-0004.md) NC NC-0004 (closed by now, on a day no record gives).',
    );
    expect(text).toContain(
      'Not known whether open on 2026-03-31: [RISK-0001](risks/RISK-0001.md) Phishing (closed by now, on a day no record gives).',
    );
  });
});
