import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { addCommit, gitIn, gitRepo, md, smsInProcess, testEnv, tmp, writeFiles } from './helpers.js';

/**
 * The management review pack on a small provider, every number worked out by hand below. The
 * review covers the third quarter of 2026 (`--period 2026-Q3`); open items are judged as of its end.
 */

const doc = (front: Record<string, unknown>): string => md(front, '\n## Notes\n\nText.\n');
/** A closed feedback log entry received on `day` with a satisfaction score, as [path, text]. */
const feedback = (n: number, day: string, score: number, kind: string, extra: Record<string, unknown> = {}): [string, string] => [
  `feedback/FB-000${n}.md`,
  doc({
    id: `FB-000${n}`,
    type: 'feedback',
    title: `Feedback ${n}`,
    status: 'updated',
    kind,
    received: `${day}T10:00:00Z`,
    handling: 'closed',
    recorded_by: 'ana@acme.example',
    satisfaction: score,
    ...extra,
  }),
];
const FILES: Record<string, string> = {
  'sms.config.yaml': 'organisation: Acme IT\ntimezone: UTC\n',
  'governance/roles.md': doc({
    id: 'ROLES',
    type: 'roles',
    title: 'Roles',
    status: 'approved',
    people: [
      { name: 'Ana Costa', email: 'ana@acme.example', roles: ['SM', 'MGT'] },
      { name: 'Ben Okafor', email: 'ben@acme.example', roles: ['CM'] },
      { name: 'Cleo Park', email: 'cleo@acme.example', roles: ['PT'] },
    ],
  }),
  'governance/policy.md': doc({
    id: 'POLICY',
    type: 'policy',
    title: 'Policy',
    status: 'approved',
    objectives: [
      { id: 'AV', text: 'Available 99.5% of each month', measure: 'availability', target: 99.5 },
      { id: 'RES', text: '90% resolved in time', measure: 'resolution-compliance', target: 90 },
      { id: 'RESP1', text: 'Every P1 answered in time', measure: 'response-compliance', priority: 'P1', target: 100 },
      { id: 'SAT', text: 'Satisfaction 4 of 5', measure: 'satisfaction', target: 4 },
      { id: 'CHG', text: '90% of changes successful', measure: 'changes-successful', target: 90 },
      { id: 'NC', text: 'Nonconformities closed on time', measure: 'nonconformities-closed-on-time', target: 100 },
      { id: 'TXT', text: 'Be kind to customers' },
    ],
  }),
  'catalogue/SVC-0001-desk.md': doc({ id: 'SVC-0001', type: 'service', title: 'Desk', status: 'approved', owner: 'ana@acme.example' }),
  'agreements/customers/SLA-0001-a.md': doc({
    id: 'SLA-0001',
    type: 'customer-agreement',
    title: 'Bakery',
    status: 'approved',
    customer: 'Bakery',
    services: ['SVC-0001'],
    start: '2025-01-01',
    review: '2027-01-01',
    owner: 'ana@acme.example',
    availability: 99.5,
    targets: { P1: { response_hours: 0.5, resolution_hours: 4 }, P3: { resolution_hours: 8 } },
  }),
  'agreements/suppliers/UA-0001-a.md': doc({
    id: 'UA-0001',
    type: 'supplier-agreement',
    title: 'Hosting',
    status: 'approved',
    supplier: 'Hosting Co',
    services: ['SVC-0001'],
    start: '2025-01-01',
    review: '2027-01-01',
    owner: 'ana@acme.example',
    targets: { P3: { resolution_hours: 4, clock: '24x7' } },
  }),
};
const POLICY = 'governance/policy.md';
/** The policy of FILES with its next review due on `day`. */
const dueOn = (day: string): string => FILES[POLICY]!.replace('status: "approved"', `status: "approved"\nnext_review: "${day}"`);

const incident = (n: number, f: Record<string, unknown>) =>
  doc({
    id: `INC-000${n}`,
    type: 'incident',
    title: `Incident ${n}`,
    status: 'closed',
    reported_by: 'x@bakery.example',
    services: ['SVC-0001'],
    ...f,
  });
Object.assign(FILES, {
  // No calendar: every target runs around the clock.
  // Q3: a P1 answered in 20 minutes and resolved in 3 h, with 120 minutes of outage in July.
  'incidents/INC-0001.md': incident(1, {
    priority: 'P1',
    opened: '2026-07-06T10:00:00Z',
    responded: '2026-07-06T10:20:00Z',
    resolved: '2026-07-06T13:00:00Z',
    outage_start: '2026-07-06T10:00:00Z',
    outage_end: '2026-07-06T12:00:00Z',
    cis: ['CI-0001'],
    classification: 'network',
  }),
  // Q3: a P3 resolved in 10 h against 8: a breach.
  'incidents/INC-0002.md': incident(2, {
    priority: 'P3',
    opened: '2026-08-03T09:00:00Z',
    resolved: '2026-08-03T19:00:00Z',
    cis: ['CI-0001', 'CI-0002'],
    classification: 'software',
  }),
  // Q3: a P3 resolved in 4 h, which the supplier caused (its target: 4 h).
  'incidents/INC-0003.md': incident(3, {
    priority: 'P3',
    opened: '2026-09-10T09:00:00Z',
    resolved: '2026-09-10T13:00:00Z',
    supplier_agreement: 'UA-0001',
    cis: ['CI-0002'],
    classification: 'software',
  }),
  // Q2: 1 h. Q4 2025: 11 h against 8, a breach.
  'incidents/INC-0004.md': incident(4, { priority: 'P3', opened: '2026-05-05T09:00:00Z', resolved: '2026-05-05T10:00:00Z' }),
  'incidents/INC-0005.md': incident(5, { priority: 'P3', opened: '2025-11-03T09:00:00Z', resolved: '2025-11-03T20:00:00Z' }),
  // Satisfaction 5, 4 and 2 in the quarter: 11 / 3 = 3.67; a score from June does not count.
  ...Object.fromEntries(
    [
      [1, '2026-07-10', 5, 'compliment'],
      [2, '2026-08-12', 4, 'comment'],
      [3, '2026-09-02', 2, 'complaint'],
      [4, '2026-06-20', 1, 'complaint'],
    ].map(([n, day, score, kind]) => feedback(n as number, day as string, score as number, kind as string)),
  ),
  // Deployed in Q3: successful, failed, successful (2 of 3); one in June does not count.
  ...Object.fromEntries(
    [
      [1, '2026-07-20', 'successful'],
      [2, '2026-08-20', 'failed'],
      [3, '2026-09-05', 'successful'],
      [4, '2026-06-01', 'failed'],
    ].map(([n, day, outcome]) => [
      `changes/RFC-000${n}.md`,
      doc({
        id: `RFC-000${n}`,
        type: 'change-request',
        title: `Change ${n}`,
        status: 'updated',
        change_type: 'normal',
        requested_by: 'ana@acme.example',
        deployed_on: day,
        outcome,
        reviewed_on: day,
      }),
    ]),
  ),
  // Due in Q3: NC-0001 closed before its due date, NC-0002 still open past it (1 of 2 on time).
  'nonconformities/NC-0001.md': doc({
    id: 'NC-0001',
    type: 'nonconformity',
    title: 'Late report',
    status: 'closed',
    source: 'review',
    detected_on: '2026-07-01',
    due: '2026-08-31',
    closed_on: '2026-08-20',
  }),
  'nonconformities/NC-0002.md': doc({
    id: 'NC-0002',
    type: 'nonconformity',
    title: 'No restore test',
    status: 'open',
    source: 'audit',
    detected_on: '2026-07-15',
    due: '2026-09-15',
  }),
  'nonconformities/NC-0003.md': doc({
    id: 'NC-0003',
    type: 'nonconformity',
    title: 'Old procedure',
    status: 'action-planned',
    source: 'audit',
    detected_on: '2026-09-12',
    due: '2026-12-31',
  }),
  'audits/AUD-0001.md': doc({
    id: 'AUD-0001',
    type: 'internal-audit',
    title: 'Audit 2026',
    status: 'reported',
    performed_on: '2026-09-12',
    result: 'minor-findings',
    scope: 'CO',
    nonconformities: ['NC-0002', 'NC-0003'],
  }),
  'risks/RISK-0001.md': doc({
    id: 'RISK-0001',
    type: 'risk',
    title: 'Phishing',
    status: 'open',
    likelihood: 4,
    impact: 4,
    treatment: 'mitigate',
    treatment_due: '2026-09-01',
  }),
  'risks/RISK-0002.md': doc({
    id: 'RISK-0002',
    type: 'risk',
    title: 'Key person',
    status: 'treated',
    likelihood: 2,
    impact: 3,
    treatment: 'mitigate',
    treatment_due: '2026-06-01',
  }),
  'risks/RISK-0003.md': doc({ id: 'RISK-0003', type: 'risk', title: 'Old server', status: 'closed', likelihood: 5, impact: 5 }),
  // Ana is trained; Ben's training ran out on 1 September; Cleo has none.
  'people/training/TRN-0001.md': doc({
    id: 'TRN-0001',
    type: 'training-record',
    title: 'Ana',
    status: 'completed',
    person: 'ana@acme.example',
    topic: 'SMS',
    completed_on: '2026-01-10',
    valid_until: '2027-01-10',
  }),
  'people/training/TRN-0002.md': doc({
    id: 'TRN-0002',
    type: 'training-record',
    title: 'Ben',
    status: 'completed',
    person: 'ben@acme.example',
    topic: 'SMS',
    completed_on: '2024-09-01',
    valid_until: '2026-09-01',
  }),
  'reviews/MR-0001.md': doc({
    id: 'MR-0001',
    type: 'management-review',
    title: 'Review Q1',
    status: 'approved',
    held_on: '2026-04-10',
    period_start: '2026-01-01',
    period_end: '2026-03-31',
    actions: [
      { id: 'A1', action: 'Restore test', owner: 'ben@acme.example', due: '2026-06-30', status: 'open', ref: 'NC-0002' },
      { id: 'A2', action: 'New server', owner: 'ben@acme.example', due: '2026-12-31', status: 'in-progress' },
      { id: 'A3', action: 'Price list', owner: 'ana@acme.example', due: '2026-05-31', status: 'done', done_on: '2026-05-20' },
    ],
  }),
});

describe('sms report review: the management review pack', () => {
  it("a policy never approved is rated, and the pack says its objectives are a draft's, not in force", async () => {
    const dir = tmp();
    writeFiles(dir, { ...FILES, 'governance/policy.md': FILES['governance/policy.md']!.replace('status: "approved"', 'status: "draft"') });
    const env = testEnv({ SMS_TODAY: '2026-10-15' });
    const json = JSON.parse((await smsInProcess(['report', 'review', '--period', '2026-Q3', '--format', 'json'], dir, env)).stdout);
    expect(json.summary.policyNotInForce).toEqual({ id: 'POLICY', status: 'draft' });
    const text = (await smsInProcess(['report', 'review', '--period', '2026-Q3'], dir, env)).stdout;
    expect(text).toContain(
      'These objectives are a draft\'s: POLICY had not been approved by 2026-09-30 (its status was "draft"), so none of them was in force yet.',
    );
    writeFiles(dir, FILES);
    const approved = JSON.parse((await smsInProcess(['report', 'review', '--period', '2026-Q3', '--format', 'json'], dir, env)).stdout);
    expect(approved.summary.policyNotInForce).toBeUndefined();
  });

  it('every input section computed from the records, numbers worked out by hand', async () => {
    const dir = tmp();
    writeFiles(dir, FILES);
    const r = await smsInProcess(
      ['report', 'review', '--period', '2026-Q3', '--format', 'json'],
      dir,
      testEnv({ SMS_TODAY: '2026-10-15' }),
    );
    expect(r.stderr).toBe('');
    const d = JSON.parse(r.stdout);
    expect(d.period).toEqual({ since: '2026-07-01', until: '2026-09-30' });
    expect(d.asOf).toBe('2026-09-30');

    // 4. Objectives. AV: July has 44,640 minutes around the clock, 120 down: 99.731…% → 99.73 ≥ 99.5.
    // RES: 2 of 3 resolved in time = 66.66% < 80: red. RESP1: 1 of 1. SAT: 3.67, from 3.5: amber.
    // CHG: 2 of 3 = 66.66%: red. NC: 1 of 2 due in the quarter closed on time = 50%: red.
    const rag = Object.fromEntries(d.objectives.map((o: { id: string; rag: string; value?: number }) => [o.id, [o.rag, o.value]]));
    expect(rag).toEqual({
      AV: ['green', 99.73],
      RES: ['red', 66.66],
      RESP1: ['green', 100],
      SAT: ['amber', 3.67],
      CHG: ['red', 66.66],
      NC: ['red', 50],
      TXT: ['not measured', undefined],
    });
    expect(d.objectives.find((o: { id: string }) => o.id === 'SAT').rule).toBe('green at or above 4 / 5; amber from 3.5 / 5; red below');
    expect(d.summary.rag).toEqual({ green: 2, amber: 1, red: 3, 'no data': 0, 'not measured': 1 });

    // 1. Actions of the last review: A1 was due on 30 June, 92 days before 30 September.
    expect(
      d.previousReview.actions.map((a: { id: string; overdue: boolean; daysOverdue?: number; refStatus?: string }) => [
        a.id,
        a.overdue,
        a.daysOverdue,
        a.refStatus,
      ]),
    ).toEqual([
      ['A1', true, 92, 'open'],
      ['A2', false, undefined, undefined],
      ['A3', false, undefined, undefined],
    ]);
    expect(d.previousReview.overdue).toBe(1);

    // 3. Feedback of the quarter.
    expect(d.feedback.total).toBe(3);
    expect(d.feedback.satisfaction).toEqual({ responses: 3, average: 3.67, byScore: { 1: 0, 2: 1, 3: 0, 4: 1, 5: 1 } });

    // 5. Trend: Q4 2025 one incident over its target; Q1 none; Q2 one in time; Q3 two of three in time.
    expect(
      d.incidents.quarters.map(
        (q: { quarter: string; opened: number; resolved: number; resolutionMetPercent?: number; breaches: number }) => [
          q.quarter,
          q.opened,
          q.resolved,
          q.resolutionMetPercent,
          q.breaches,
        ],
      ),
    ).toEqual([
      ['2025-Q4', 1, 1, 0, 1],
      ['2026-Q1', 0, 0, undefined, 0],
      ['2026-Q2', 1, 1, 100, 0],
      ['2026-Q3', 3, 3, 66.66, 1],
    ]);
    expect(d.incidents.previousPeriod).toEqual({ since: '2026-04-01', until: '2026-06-30', opened: 1, breaches: 0 });
    expect(d.incidents.topCis).toEqual([
      { id: 'CI-0001', count: 2 },
      { id: 'CI-0002', count: 2 },
    ]);
    expect(d.incidents.topClassifications).toEqual([
      { id: 'software', count: 2 },
      { id: 'network', count: 1 },
    ]);

    // 6. Changes deployed in the quarter: 2 of 3 successful.
    expect(d.changes).toMatchObject({
      deployed: 3,
      byResult: { successful: 2, failed: 1, 'backed-out': 0, partial: 0 },
      successPercent: 66.66,
      reviewed: 3,
    });

    // 7. and 8. NC-0002 open 77 days (15 July to 30 September) and overdue; NC-0003 18 days, not yet due.
    expect(d.nonconformities.open.map((n: { id: string; ageDays: number; overdue: boolean }) => [n.id, n.ageDays, n.overdue])).toEqual([
      ['NC-0002', 77, true],
      ['NC-0003', 18, false],
    ]);
    expect(d.nonconformities.closedInPeriod.map((n: { id: string }) => n.id)).toEqual(['NC-0001']);
    expect(d.audit).toMatchObject({
      id: 'AUD-0001',
      result: 'minor-findings',
      nonconformities: [
        { id: 'NC-0002', status: 'open' },
        { id: 'NC-0003', status: 'action-planned' },
      ],
    });

    // 9. The supplier caused INC-0003, resolved in its 4 h.
    expect(d.suppliers).toMatchObject([{ id: 'UA-0001', supplier: 'Hosting Co', incidents: 1, breaches: 0, resolutionMetPercent: 100 }]);

    // 10. Risks: RISK-0001 4 × 4 = 16, high, treatment overdue; RISK-0002 treated, 6, low; RISK-0003 closed.
    expect(
      d.risks.open.map((x: { id: string; rating: number; level: string; treatmentOverdue: boolean }) => [
        x.id,
        x.rating,
        x.level,
        x.treatmentOverdue,
      ]),
    ).toEqual([
      ['RISK-0001', 16, 'high', true],
      ['RISK-0002', 6, 'low', false],
    ]);
    expect(d.risks).toMatchObject({ high: 1, overdueTreatments: 1 });

    // 11. One of three role holders has current training.
    expect(d.people).toMatchObject({ untrained: ['Cleo Park'], outOfDate: ['Ben Okafor'], coveragePercent: 33.33 });
  });

  it("customer satisfaction counts customers' scores: a supplier's or a stakeholder's compliment is feedback, not customer satisfaction", async () => {
    const dir = tmp();
    const other = (n: number, party: string) => feedback(n, '2026-08-20', 5, 'compliment', { party });
    writeFiles(dir, { ...FILES, ...Object.fromEntries([other(5, 'supplier'), other(6, 'stakeholder')]) });
    const r = await smsInProcess(
      ['report', 'review', '--period', '2026-Q3', '--format', 'json'],
      dir,
      testEnv({ SMS_TODAY: '2026-10-15' }),
    );
    expect(r.code, r.stderr).toBe(0);
    const d = JSON.parse(r.stdout);
    // Both are feedback of the quarter; the customers' three scores alone make the average: (5 + 4 + 2) / 3.
    expect(d.feedback.total).toBe(5);
    expect(d.feedback.satisfaction).toEqual({ responses: 3, average: 3.67, byScore: { 1: 0, 2: 1, 3: 0, 4: 1, 5: 1 } });
    expect(d.objectives.find((o: { id: string }) => o.id === 'SAT')).toMatchObject({ value: 3.67, rag: 'amber' });
  });

  it('a complaint deleted after the quarter is counted as it stood; one deleted within it is listed, not counted', async () => {
    const dir = tmp();
    const [f7, t7] = feedback(7, '2026-08-10', 1, 'complaint');
    const [f8, t8] = feedback(8, '2026-08-11', 1, 'complaint');
    const tom = { name: 'Tom Berg', email: 'tom@acme.example' };
    gitRepo(dir, [
      { files: FILES, date: '2026-06-01T09:00:00Z' },
      { files: { [f7]: t7, [f8]: t8 }, date: '2026-08-12T09:00:00Z' },
      { files: { [f7]: null }, author: tom, date: '2026-09-20T09:00:00Z' },
      { files: { [f8]: null }, author: tom, date: '2026-10-05T09:00:00Z' },
    ]);
    const env = testEnv({ SMS_TODAY: '2026-10-15' });
    const r = await smsInProcess(['report', 'review', '--period', '2026-Q3', '--format', 'json'], dir, env);
    expect(r.code, r.stderr).toBe(0);
    const d = JSON.parse(r.stdout);
    // The three entries of the fixture and FB-0008: (5 + 4 + 2 + 1) / 4.
    expect(d.feedback.total).toBe(4);
    expect(d.feedback.satisfaction).toEqual({ responses: 4, average: 3, byScore: { 1: 1, 2: 1, 3: 0, 4: 1, 5: 1 } });
    expect(d.objectives.find((o: { id: string }) => o.id === 'SAT')).toMatchObject({ value: 3, rag: 'red' });
    expect(d.feedback.complaints.find((c: { id: string }) => c.id === 'FB-0008')).toMatchObject({
      deleted: { date: '2026-10-05', author: 'Tom Berg' },
    });
    expect(d.feedback.deleted).toEqual([
      {
        id: 'FB-0007',
        file: f7,
        title: 'Feedback 7',
        kind: 'complaint',
        received: '2026-08-10',
        date: '2026-09-20',
        author: 'Tom Berg',
        commit: expect.any(String),
      },
    ]);
    const text = (await smsInProcess(['report', 'review', '--period', '2026-Q3'], dir, env)).stdout;
    expect(text).toContain('| FB-0008 Feedback 8 (deleted on 2026-10-05 by Tom Berg) | closed | 2026-08-11 |');
    expect(text).toContain('Not counted: FB-0007 (complaint, received 2026-08-10), deleted from the repository on 2026-09-20 by Tom Berg.');
  });

  it('a failed change deleted after the quarter still counts against the success rate; one deleted within it is listed', async () => {
    const dir = tmp();
    const R2 = 'changes/RFC-0002.md';
    const R3 = 'changes/RFC-0003.md';
    const tom = { name: 'Tom Berg', email: 'tom@acme.example' };
    const { [R2]: failed, [R3]: third, ...rest } = FILES;
    gitRepo(dir, [
      { files: rest, date: '2026-06-01T09:00:00Z' },
      { files: { [R2]: failed!, [R3]: third! }, date: '2026-08-20T09:00:00Z' },
      { files: { [R3]: null }, author: tom, date: '2026-09-20T09:00:00Z' },
      { files: { [R2]: null }, author: tom, date: '2026-10-05T09:00:00Z' },
    ]);
    const env = testEnv({ SMS_TODAY: '2026-10-15' });
    const r = await smsInProcess(['report', 'review', '--period', '2026-Q3', '--format', 'json'], dir, env);
    expect(r.code, r.stderr).toBe(0);
    const d = JSON.parse(r.stdout);
    // RFC-0001 successful and RFC-0002 failed, as it stood: 1 of 2.
    expect(d.changes.byResult).toMatchObject({ successful: 1, failed: 1 });
    expect(d.changes.successPercent).toBe(50);
    expect(d.changes.items.find((c: { id: string }) => c.id === 'RFC-0002')).toMatchObject({
      result: 'failed',
      deleted: { date: '2026-10-05', author: 'Tom Berg' },
    });
    expect(d.changes.deleted).toEqual([
      {
        id: 'RFC-0003',
        title: 'Change 3',
        changeType: 'normal',
        status: 'updated',
        result: 'successful',
        date: '2026-09-20',
        author: 'Tom Berg',
        commit: expect.any(String),
      },
    ]);
    const text = (await smsInProcess(['report', 'review', '--period', '2026-Q3'], dir, env)).stdout;
    expect(text).toContain('| RFC-0002 (deleted on 2026-10-05 by Tom Berg) | Change 2 |');
    expect(text).toContain(
      'Not counted: RFC-0003 Change 3 (normal, updated, successful), deleted from the repository on 2026-09-20 by Tom Berg.',
    );
  });

  it('an incident of the quarter outside the folders sms reads is listed as not counted; its figures are unchanged', async () => {
    const dir = tmp();
    writeFiles(dir, {
      ...FILES,
      'incident/INC-0009-router.md': incident(9, { priority: 'P1', opened: '2026-08-03T10:00:00Z', resolved: '2026-08-03T20:00:00Z' }),
      // Over before the quarter: not this review's.
      'incident/INC-0008-old.md': incident(8, { priority: 'P3', opened: '2026-05-03T10:00:00Z', resolved: '2026-05-03T11:00:00Z' }),
    });
    const run = (format: string) =>
      smsInProcess(['report', 'review', '--period', '2026-Q3', '--format', format], dir, testEnv({ SMS_TODAY: '2026-10-15' }));
    const d = JSON.parse((await run('json')).stdout);
    expect(d.incidents.outsideFolders).toEqual([{ id: 'INC-0009', file: 'incident/INC-0009-router.md' }]);
    expect(d.incidents.items.map((m: { id: string }) => m.id)).not.toContain('INC-0009');
    const plain = tmp();
    writeFiles(plain, FILES);
    const without = JSON.parse(
      (await smsInProcess(['report', 'review', '--period', '2026-Q3', '--format', 'json'], plain, testEnv({ SMS_TODAY: '2026-10-15' })))
        .stdout,
    );
    expect(d.incidents.total).toBe(without.incidents.total);
    for (const format of ['md', 'html'])
      expect((await run(format)).stdout, format).toContain(
        'Not counted: INC-0009 (incident/INC-0009-router.md): files sms does not read. The rule',
      );
  });

  it('the default period is the last complete quarter; Markdown lists every input in order', async () => {
    const dir = tmp();
    writeFiles(dir, FILES);
    const r = await smsInProcess(['report', 'review'], dir, testEnv({ SMS_TODAY: '2026-10-15' }));
    expect(r.stdout).toContain('Period 2026-07-01 to 2026-09-30');
    const headings = [...r.stdout.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    expect(headings).toEqual([
      "Summary: the policy's objectives",
      '1. Actions from previous reviews',
      '2. Changes in external and internal issues',
      '3. Customer satisfaction and feedback',
      "4. Performance against the policy's objectives",
      '5. Incidents and trends',
      '6. Changes and their success',
      '7. Nonconformities and corrective actions',
      '8. Audit results',
      '9. Supplier performance',
      '10. Risks and opportunities',
      '11. Resources and competence',
      '12. Decisions and actions',
      'Appendix: services, agreements, open findings',
    ]);
    expect(r.stdout).toContain('| SAT Satisfaction 4 of 5 | **amber** | 3.67 / 5 | 4 / 5 |');
    // Counts of one are singular; a breach shows each target beside its time, and which was over.
    expect(r.stdout).toContain(
      '3 entries received in the period: 1 compliment, 1 complaint, 1 comment. Satisfaction: 3.67 / 5 from 3 scores.',
    );
    expect(r.stdout).toContain('| Incident | Title | Priority | Agreement | Response | Response target | Resolution | Resolution target |');
    expect(r.stdout).toMatch(
      /\n\| \[INC-0002\]\(incidents\/INC-0002\.md\) \| [^|\n]+ \| P3 \| SLA-0001 \| – \| – \| 10\.00 h \*\*over\*\* \| 8 h \|\n/,
    );
    const html = (await smsInProcess(['report', 'review', '--format', 'html'], dir, testEnv({ SMS_TODAY: '2026-10-15' }))).stdout;
    expect(html).toContain('1 compliment, 1 complaint, 1 comment');
    expect(html).toMatch(/<td class="n">10\.00 h <strong>over<\/strong><\/td><td class="n">8 h<\/td>/);
  });

  it('an availability objective with no outage recorded is not rated: no figure, and each shared service counted once', async () => {
    const dir = tmp();
    // A second customer agreement covers the same desk service: one service, two agreements.
    const second = FILES['agreements/customers/SLA-0001-a.md']!.replace('SLA-0001', 'SLA-0002').replace(
      'customer: "Bakery"',
      'customer: "Cafe"',
    );
    writeFiles(dir, { ...FILES, 'agreements/customers/SLA-0002-b.md': second });
    // The second quarter: INC-0004 (a P3 in May) recorded no outage, and no P1 was open.
    const r = await smsInProcess(
      ['report', 'review', '--period', '2026-Q2', '--format', 'json'],
      dir,
      testEnv({ SMS_TODAY: '2026-10-15' }),
    );
    expect(r.stderr).toBe('');
    const av = JSON.parse(r.stdout).objectives.find((o: { id: string }) => o.id === 'AV');
    expect(av).toMatchObject({
      rag: 'no data',
      basis: 'no outage recorded for 1 service under 2 agreements in 3 months: no figure to judge',
    });
    expect(av.value).toBeUndefined();
    // The third quarter's July outage names the agreement of the worst month.
    const q3 = await smsInProcess(
      ['report', 'review', '--period', '2026-Q3', '--format', 'json'],
      dir,
      testEnv({ SMS_TODAY: '2026-10-15' }),
    );
    expect(JSON.parse(q3.stdout).objectives.find((o: { id: string }) => o.id === 'AV')).toMatchObject({
      rag: 'green',
      value: 99.73,
      basis: 'the worst of 2 service-month(s) with an outage (SVC-0001 under SLA-0001, 2026-07); 4 without',
    });
  });

  it("the improvement report's actions are shown as recorded by the as-of day, with those overdue then", async () => {
    const dir = tmp();
    const IR = 'reports/improvement/IR-0001.md';
    const report = (i1: string) =>
      doc({
        id: 'IR-0001',
        type: 'improvement-report',
        title: 'Improvement report 2025/26',
        status: 'approved',
        approved_by: 'ana@acme.example',
        approved_on: '2026-07-03',
        period_start: '2025-07-01',
        period_end: '2026-06-30',
        actions: [
          { id: 'I1', action: 'Restore tests each quarter', owner: 'ben@acme.example', due: '2026-08-31', status: i1 },
          { id: 'I2', action: 'New firewall', owner: 'ben@acme.example', due: '2026-12-31', status: 'approved' },
          { id: 'I3', action: 'Price list', owner: 'ana@acme.example', due: '2026-07-31', status: 'done' },
          { id: 'I4', action: 'MFA everywhere', owner: 'ben@acme.example', due: '2026-09-29', status: 'proposed' },
          { id: 'I5', action: 'Drop the fax', owner: 'ana@acme.example', due: '2026-07-01', status: 'rejected' },
        ],
      });
    gitRepo(dir, [
      { files: { ...FILES, [IR]: report('in-progress') }, date: '2026-07-05T09:00:00Z' },
      // I1 is recorded done in October, after the quarter the pack is for.
      { files: { [IR]: report('done') }, date: '2026-10-10T09:00:00Z' },
    ]);
    const env = testEnv({ SMS_TODAY: '2026-10-15' });
    const r = await smsInProcess(['report', 'review', '--period', '2026-Q3', '--format', 'json'], dir, env);
    expect(r.stderr).toBe('');
    const d = JSON.parse(r.stdout);
    // On 30 September: I1 in progress, due 31 August (30 days); I4 proposed, due 29 September (1 day).
    expect(d.previousReport).toMatchObject({ id: 'IR-0001', file: IR, overdue: 2 });
    expect(
      d.previousActions.map((a: { id: string; status: string; overdue: boolean; daysOverdue?: number }) => [
        a.id,
        a.status,
        a.overdue,
        a.daysOverdue,
      ]),
    ).toEqual([
      ['I1', 'in-progress', true, 30],
      ['I2', 'approved', false, undefined],
      ['I3', 'done', false, undefined],
      ['I4', 'proposed', true, 1],
      ['I5', 'rejected', false, undefined],
    ]);
    const text = (await smsInProcess(['report', 'review', '--period', '2026-Q3'], dir, env)).stdout;
    expect(text).toContain(
      'Actions of the improvement report [IR-0001](reports/improvement/IR-0001.md) Improvement report 2025/26, as recorded by 2026-09-30: 2 overdue.',
    );
    expect(text).toContain('| I1 Restore tests each quarter | Ben Okafor | 2026-08-31 | in-progress | **30 days** |');
    const html = (await smsInProcess(['report', 'review', '--period', '2026-Q3', '--format', 'html'], dir, env)).stdout;
    expect(html).toContain('<td>in-progress</td><td><span class="bad">30 days</span></td>');
    // The pack of today reads the report as it is now: I1 done.
    const now = JSON.parse(
      (await smsInProcess(['report', 'review', '--since', '2026-10-01', '--until', '2026-10-15', '--format', 'json'], dir, env)).stdout,
    );
    expect(now.previousActions.find((a: { id: string }) => a.id === 'I1')).toMatchObject({ status: 'done', overdue: false });
    expect(now.previousReport.overdue).toBe(1);

    // I4 recorded done in a commit made on 12 October with its author date set back to 20 September:
    // the pack for the quarter still reads I4 as proposed and overdue (a change counts from the
    // day it was committed).
    writeFiles(dir, { [IR]: report('done').replace('"status":"proposed"', '"status":"done"') });
    gitIn(dir, ['add', '--all']);
    gitIn(
      dir,
      ['commit', '-q', '-m', 'I4 done'],
      testEnv({ GIT_AUTHOR_DATE: '2026-09-20T09:00:00Z', GIT_COMMITTER_DATE: '2026-10-12T09:00:00Z' }),
    );
    const backdated = JSON.parse((await smsInProcess(['report', 'review', '--period', '2026-Q3', '--format', 'json'], dir, env)).stdout);
    expect(backdated.previousActions.find((a: { id: string }) => a.id === 'I4')).toMatchObject({
      status: 'proposed',
      overdue: true,
      daysOverdue: 1,
    });
    expect(backdated.previousReport.overdue).toBe(2);
  });

  it('the appendix lists the agreements as they stood on the as-of day: one retired since is shown in force, one signed since is not listed', async () => {
    const dir = tmp();
    const SLA = 'agreements/customers/SLA-0001-a.md';
    const third = FILES[SLA]!.replace('SLA-0001', 'SLA-0003')
      .replace('customer: "Bakery"', 'customer: "Cafe"')
      .replace('"2025-01-01"', '"2026-10-01"');
    gitRepo(dir, [
      { files: FILES, date: '2026-07-05T09:00:00Z' },
      // In October, after the quarter: the bakery's agreement ends early and the café's begins.
      {
        files: { [SLA]: FILES[SLA]!.replace('status: "approved"', 'status: "retired"'), 'agreements/customers/SLA-0003-c.md': third },
        date: '2026-10-05T09:00:00Z',
      },
    ]);
    const env = testEnv({ SMS_TODAY: '2026-10-15' });
    const q3 = JSON.parse((await smsInProcess(['report', 'review', '--period', '2026-Q3', '--format', 'json'], dir, env)).stdout);
    expect(q3.agreements.map((a: { id: string; status: string; active: boolean }) => [a.id, a.status, a.active])).toEqual([
      ['SLA-0001', 'approved', true],
      ['UA-0001', 'approved', true],
    ]);
    // Today's pack shows them as they are now.
    const now = JSON.parse(
      (await smsInProcess(['report', 'review', '--since', '2026-10-01', '--until', '2026-10-15', '--format', 'json'], dir, env)).stdout,
    );
    expect(now.agreements.map((a: { id: string; status: string; active: boolean }) => [a.id, a.status, a.active])).toEqual([
      ['SLA-0001', 'retired', false],
      ['SLA-0003', 'approved', true],
      ['UA-0001', 'approved', true],
    ]);
  });

  it('a quarter with no deployment and no data says so: "none deployed", and the HTML counts the objectives without data', async () => {
    const dir = tmp();
    writeFiles(dir, FILES);
    const env = testEnv({ SMS_TODAY: '2026-10-15' });
    // The first quarter of 2026: no change was deployed, no incident resolved, no feedback received,
    // no nonconformity due, no outage recorded: six objectives without data and one not measured.
    const text = (await smsInProcess(['report', 'review', '--period', '2026-Q1'], dir, env)).stdout;
    expect(text).toContain('0 change requests in the period; none deployed. Median days');
    expect(text).toContain('0 green, 0 amber, 0 red, 6 without data, 1 not measured.');
    const html = (await smsInProcess(['report', 'review', '--period', '2026-Q1', '--format', 'html'], dir, env)).stdout;
    expect(html).toContain('<b class="rag-no-data">6</b>without data');
    expect(html).toContain('none deployed.');
    // The third quarter: three deployed with a result each.
    const q3 = (await smsInProcess(['report', 'review', '--period', '2026-Q3'], dir, env)).stdout;
    expect(q3).toContain(
      '3 deployed (0 emergency), 2 successful, 1 failed, 0 backed out, 0 partial: 66.66% successful; 3 reviewed after deployment.',
    );
    expect((await smsInProcess(['report', 'review', '--period', '2026-Q3', '--format', 'html'], dir, env)).stdout).not.toContain(
      'without data',
    );
  });

  it('an incident still open past its agreed time at the end of the period is named beside the compliance figure it will count in', async () => {
    const dir = tmp();
    writeFiles(dir, {
      ...FILES,
      // Open since 29 September 09:00 UTC: 39 h around the clock by the quarter's end, against 8 h.
      'incidents/INC-0006.md': incident(6, { status: 'updated', priority: 'P3', opened: '2026-09-29T09:00:00Z' }),
      // Opened at 21:00 on the last day and not answered: 3 h against a response time of 0.5 h
      // (and within its resolution time of 4 h).
      'incidents/INC-0007.md': incident(7, { status: 'opened', priority: 'P1', opened: '2026-09-30T21:00:00Z' }),
    });
    const r = await smsInProcess(
      ['report', 'review', '--period', '2026-Q3', '--format', 'json'],
      dir,
      testEnv({ SMS_TODAY: '2026-10-15' }),
    );
    expect(r.stderr).toBe('');
    const byId = new Map(JSON.parse(r.stdout).objectives.map((o: { id: string }) => [o.id, o]));
    // Resolved in the quarter: INC-0001 (3 h of 4), INC-0002 (10 h of 8), INC-0003 (4 h of 8): 2 of 3.
    expect(byId.get('RES')).toMatchObject({
      value: 66.66,
      basis:
        '2 of 3 incidents resolved within the agreed time; 1 still open past the agreed resolution time (INC-0006), counted when resolved',
    });
    expect(byId.get('RESP1')).toMatchObject({
      value: 100,
      basis:
        '1 of 1 incident answered within the agreed time; 1 not answered by the end of the period and past the agreed response time (INC-0007), counted when answered',
    });
  });

  it('an action the next minutes carry over and record done by the as-of day is done in the pack for that day, not overdue', async () => {
    const dir = tmp();
    writeFiles(dir, {
      ...FILES,
      // Held on 10 October, after the quarter: A1 carried over and recorded done on 20 September.
      'reviews/MR-0002.md': doc({
        id: 'MR-0002',
        type: 'management-review',
        title: 'Review Q3',
        status: 'approved',
        held_on: '2026-10-10',
        period_start: '2026-04-01',
        period_end: '2026-09-30',
        previous: 'MR-0001',
        actions: [
          {
            id: 'A1',
            action: 'Restore test',
            owner: 'ben@acme.example',
            due: '2026-06-30',
            status: 'done',
            done_on: '2026-09-20',
            from: 'MR-0001',
          },
          { id: 'A2', action: 'New server', owner: 'ben@acme.example', due: '2026-12-31', status: 'in-progress', from: 'MR-0001' },
        ],
      }),
    });
    const env = testEnv({ SMS_TODAY: '2026-10-15' });
    const d = JSON.parse((await smsInProcess(['report', 'review', '--period', '2026-Q3', '--format', 'json'], dir, env)).stdout);
    expect(d.previousReview.id).toBe('MR-0001');
    expect(d.previousReview.actions.map((a: { id: string; status: string; overdue: boolean }) => [a.id, a.status, a.overdue])).toEqual([
      ['A1', 'done', false],
      ['A2', 'in-progress', false],
      ['A3', 'done', false],
    ]);
    expect(d.previousReview.overdue).toBe(0);
    // Recorded done on 20 September: a pack for 15 September still shows it open and overdue (77 days).
    const earlier = JSON.parse(
      (await smsInProcess(['report', 'review', '--since', '2026-07-01', '--until', '2026-09-15', '--format', 'json'], dir, env)).stdout,
    );
    expect(earlier.previousReview.actions[0]).toMatchObject({ id: 'A1', status: 'open', overdue: true, daysOverdue: 77 });
  });

  it("the objectives rated are those of the policy in force on the pack's day: one added by a revision approved later is not", async () => {
    const dir = tmp();
    const P = 'governance/policy.md';
    const revised = FILES[P]!.replace(
      '{"id":"TXT","text":"Be kind to customers"}',
      '{"id":"TXT","text":"Be kind to customers"},{"id":"NEW","text":"Answer the phone"}',
    );
    expect(revised).not.toBe(FILES[P]);
    gitRepo(dir, [
      { files: FILES, date: '2026-07-05T09:00:00Z' },
      // Approved on 10 October, after the quarter.
      { files: { [P]: revised.replace('status: "approved"', 'status: "updated"') }, date: '2026-10-10T09:00:00Z' },
    ]);
    const env = testEnv({ SMS_TODAY: '2026-10-15' });
    const ids = async (args: string[]) =>
      JSON.parse((await smsInProcess(['report', 'review', ...args, '--format', 'json'], dir, env)).stdout).objectives.map(
        (o: { id: string }) => o.id,
      );
    expect(await ids(['--period', '2026-Q3'])).toEqual(['AV', 'RES', 'RESP1', 'SAT', 'CHG', 'NC', 'TXT']);
    // NC-0001, closed on 20 August, was verified only on 12 October: closed on 30 September.
    writeFiles(dir, {
      'nonconformities/NC-0001.md': FILES['nonconformities/NC-0001.md']!.replace('status: "closed"', 'status: "verified"'),
    });
    gitIn(dir, ['add', '--all']);
    gitIn(
      dir,
      ['commit', '-q', '-m', 'Verify NC-0001'],
      testEnv({ GIT_AUTHOR_DATE: '2026-10-12T09:00:00Z', GIT_COMMITTER_DATE: '2026-10-12T09:00:00Z' }),
    );
    const q3 = JSON.parse((await smsInProcess(['report', 'review', '--period', '2026-Q3', '--format', 'json'], dir, env)).stdout);
    expect(q3.nonconformities.closedInPeriod).toMatchObject([{ id: 'NC-0001', status: 'closed', closed: '2026-08-20' }]);
    // The appendix's services as they stood on 30 September: the desk renamed and handed to Ben on
    // 13 October, and a second service added that day, are not shown.
    writeFiles(dir, {
      'catalogue/SVC-0001-desk.md': doc({
        id: 'SVC-0001',
        type: 'service',
        title: 'Service desk',
        status: 'updated',
        owner: 'ben@acme.example',
        availability_target: 99.9,
      }),
      'catalogue/SVC-0002-mail.md': doc({ id: 'SVC-0002', type: 'service', title: 'Mail', status: 'approved', owner: 'ana@acme.example' }),
    });
    gitIn(dir, ['add', '--all']);
    gitIn(
      dir,
      ['commit', '-q', '-m', 'Catalogue'],
      testEnv({ GIT_AUTHOR_DATE: '2026-10-13T09:00:00Z', GIT_COMMITTER_DATE: '2026-10-13T09:00:00Z' }),
    );
    const services = JSON.parse(
      (await smsInProcess(['report', 'review', '--period', '2026-Q3', '--format', 'json'], dir, env)).stdout,
    ).services;
    expect(services).toEqual([{ id: 'SVC-0001', title: 'Desk', status: 'approved', owner: 'ana@acme.example', ownerName: 'Ana Costa' }]);
    // A pack about an earlier day validates the repository as it stood then; without Git history
    // it can only read today's documents, and says so; today's pack needs no such word.
    const past = (await smsInProcess(['report', 'review', '--period', '2026-Q3'], dir, env)).stdout;
    expect(past).toContain('on the repository as it stood at the end of 2026-09-30 (commit ');
    expect(past).not.toContain('Validation reads the documents as they are today');
    const noGit = tmp();
    writeFiles(noGit, FILES);
    const pastNoGit = (await smsInProcess(['report', 'review', '--period', '2026-Q3'], noGit, env)).stdout;
    expect(pastNoGit).toContain('Validation reads the documents as they are today (2026-10-15), judged on 2026-09-30:');
    expect(pastNoGit).not.toContain('as it stood at the end of');
    const today = (await smsInProcess(['report', 'review', '--since', '2026-10-01', '--until', '2026-10-15'], dir, env)).stdout;
    expect(today).not.toContain('Validation reads the documents as they are today');
    expect(today).not.toContain('as it stood at the end of');
    expect(await ids(['--since', '2026-10-01', '--until', '2026-10-15'])).toEqual(['AV', 'RES', 'RESP1', 'SAT', 'CHG', 'NC', 'TXT', 'NEW']);
  });

  it("a pack about an earlier day validates the repository as it stood at that day's end: a lapse closed since is listed, a fault made since is not", async () => {
    const dir = tmp();
    const P = POLICY;
    expect(dueOn('2026-09-15')).not.toBe(FILES[P]);
    gitRepo(dir, [
      // The policy's review was due on 15 September: overdue at the quarter's end.
      { files: { ...FILES, [P]: dueOn('2026-09-15') }, date: '2026-07-05T09:00:00Z' },
      // Reviewed on 10 October, after the quarter.
      { files: { [P]: dueOn('2027-09-15') }, date: '2026-10-10T09:00:00Z' },
      // A fault made on 12 October: an entry with a status its type does not have.
      {
        files: { 'feedback/FB-0099.md': feedback(9, '2026-10-12', 5, 'comment', {})[1].replace('status: "updated"', 'status: "bogus"') },
        date: '2026-10-12T09:00:00Z',
      },
    ]);
    const env = testEnv({ SMS_TODAY: '2026-10-15' });
    const json = async (args: string[]) =>
      JSON.parse((await smsInProcess(['report', 'review', ...args, '--format', 'json'], dir, env)).stdout);
    type F = { file: string; rule: string; message: string };
    const q3 = await json(['--period', '2026-Q3']);
    expect(q3.overdueReviews.map((f: F) => [f.file, f.rule, f.message])).toEqual([[P, 'review-overdue', 'review was due on 2026-09-15']]);
    expect(q3.findings.items.filter((f: F) => f.file === 'feedback/FB-0099.md')).toEqual([]);
    expect(q3.findings).toMatchObject({ fromTodaysDocuments: false, documentsOn: '2026-09-30' });
    expect(q3.findings.revision).toMatch(/^[0-9a-f]{40}$/);
    const md = (await smsInProcess(['report', 'review', '--period', '2026-Q3'], dir, env)).stdout;
    expect(md).not.toContain('Validation reads the documents as they are today');
    // The findings are a list of their own, after the validation line.
    expect(md).toContain(
      `on the repository as it stood at the end of 2026-09-30 (commit ${q3.findings.revision.slice(0, 7)})).\n\n- error `,
    );
    // Today's pack reads today's documents: the review is recorded, the fault is there.
    const now = await json(['--since', '2026-10-01', '--until', '2026-10-15']);
    expect(now.overdueReviews).toEqual([]);
    expect(now.findings.items.filter((f: F) => f.file === 'feedback/FB-0099.md').map((f: F) => f.rule)).toContain('status-value');
    expect(now.findings).toMatchObject({ fromTodaysDocuments: false, documentsOn: '2026-10-15' });
    expect(now.findings.revision).toBeUndefined();
    // A quarter before the first commit: nothing had been committed, so nothing is said to be wrong.
    const before = await json(['--period', '2026-Q1']);
    expect(before.findings).toMatchObject({ errorCount: 0, warningCount: 0, items: [], nothingCommitted: true, documentsOn: '2026-03-31' });
    expect(before.overdueReviews).toEqual([]);
    const beforeMd = (await smsInProcess(['report', 'review', '--period', '2026-Q1'], dir, env)).stdout;
    expect(beforeMd).toContain('Validation: nothing had been committed by the end of 2026-03-31, so there was nothing to validate.');
  });

  it("the repository as it stood on a day is the main line's: not a branch merged later, not a commit backdated on top, not one at the next midnight", async () => {
    const dir = tmp();
    const P = POLICY;
    const at = (date: string) => testEnv({ GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date });
    // Main line: the policy's review was due on 15 March and not recorded by the quarter's end.
    gitRepo(dir, [{ files: { ...FILES, [P]: dueOn('2026-03-15') }, date: '2026-01-05T09:00:00Z' }]);
    // A branch records the review on 30 March; it is merged only on 1 June.
    gitIn(dir, ['checkout', '-q', '-b', 'review']);
    addCommit(dir, { files: { [P]: dueOn('2027-03-15') }, date: '2026-03-30T09:00:00Z', message: 'Review the policy' });
    gitIn(dir, ['checkout', '-q', 'main']);
    addCommit(dir, { files: { 'governance/notes.md': '# Notes\n' }, date: '2026-04-10T09:00:00Z', message: 'Notes' });
    gitIn(dir, ['merge', '-q', '--no-ff', '-m', 'Merge the review', 'review'], at('2026-06-01T09:00:00Z'));
    const env = testEnv({ SMS_TODAY: '2026-06-15' });
    const q1 = async () =>
      JSON.parse((await smsInProcess(['report', 'review', '--period', '2026-Q1', '--format', 'json'], dir, env)).stdout);
    const root = gitIn(dir, ['rev-list', '--max-parents=0', 'HEAD']).trim();
    let d = await q1();
    expect(d.findings.revision).toBe(root);
    expect(d.overdueReviews.map((f: { message: string }) => f.message)).toEqual(['review was due on 2026-03-15']);
    // A commit made at the next midnight is not the end of 31 March.
    addCommit(dir, { files: { [P]: dueOn('2027-03-15') }, date: '2026-04-01T00:00:00Z', message: 'At midnight' });
    // A commit backdated into the quarter on top of later ones does not take them back in time.
    addCommit(dir, { files: { 'governance/notes.md': '# Notes\n\nMore.\n' }, date: '2026-02-01T09:00:00Z', message: 'Backdated' });
    d = await q1();
    expect(d.findings.revision).toBe(root);
    expect(d.overdueReviews.map((f: { message: string }) => f.message)).toEqual(['review was due on 2026-03-15']);
  });

  it('commits held back by one dated after the day are named, not silently left out', async () => {
    const dir = tmp();
    const P = POLICY;
    const [root, future] = gitRepo(dir, [
      { files: { ...FILES, [P]: dueOn('2026-03-15') }, date: '2026-01-05T09:00:00Z' },
      { files: { 'governance/notes.md': '# Notes\n' }, date: '2099-01-01T09:00:00Z' },
      { files: { [P]: dueOn('2027-03-15') }, date: '2026-03-20T09:00:00Z' },
    ]);
    const env = testEnv({ SMS_TODAY: '2026-06-15' });
    const d = JSON.parse((await smsInProcess(['report', 'review', '--period', '2026-Q1', '--format', 'json'], dir, env)).stdout);
    expect(d.findings.revision).toBe(root);
    expect(d.findings.heldBack).toEqual({ by: future, date: '2099-01-01T09:00:00.000Z', commits: 1 });
    const md = (await smsInProcess(['report', 'review', '--period', '2026-Q1'], dir, env)).stdout;
    expect(md).toContain(
      `1 commit dated before the end of 2026-03-31 is not part of it: it was made on top of commit \`${future!.slice(0, 7)}\`, dated 2099-01-01, after that day`,
    );
    const audit = JSON.parse((await smsInProcess(['report', 'audit', '--until', '2026-03-31', '--format', 'json'], dir, env)).stdout);
    expect(audit.provenance).toMatchObject({ commit: root, heldBack: { by: future, commits: 1 } });
  });

  it('risks not closed are told apart: open and treated, high before treatment and after it by the residual rating', async () => {
    const dir = tmp();
    writeFiles(dir, {
      ...FILES,
      // RISK-0001 (4 × 4 = 16, high) treated, leaving 2 × 3 = 6; RISK-0002 stays treated at 6 with no residual recorded.
      'risks/RISK-0001.md': doc({
        id: 'RISK-0001',
        type: 'risk',
        title: 'Phishing',
        status: 'treated',
        likelihood: 4,
        impact: 4,
        residual_likelihood: 2,
        residual_impact: 3,
        treatment: 'mitigate',
        treatment_due: '2026-09-01',
      }),
    });
    const env = testEnv({ SMS_TODAY: '2026-10-15' });
    const d = JSON.parse((await smsInProcess(['report', 'review', '--period', '2026-Q3', '--format', 'json'], dir, env)).stdout);
    expect(d.risks).toMatchObject({ untreated: 0, treated: 2, high: 1, highResidual: 0 });
    expect(d.risks.open[0]).toMatchObject({ id: 'RISK-0001', rating: 16, level: 'high', residualRating: 6, residualLevel: 'low' });
    const text = (await smsInProcess(['report', 'review', '--period', '2026-Q3'], dir, env)).stdout;
    expect(text).toContain('2 risks not closed: 0 open, 2 treated; 1 rated high before treatment, 0 after it');
    expect(text).toMatch(/Phishing \|[^|]*\| treated \| 4 \| 4 \| 16 high \| 6 low \| mitigate \|/);
  });

  it('sms new management-review starts the minutes from the pack: its period, every input with its figures, the open actions carried over', async () => {
    const dir = tmp();
    writeFiles(dir, FILES);
    const r = await smsInProcess(['new', 'management-review', 'Review Q3'], dir, testEnv({ SMS_TODAY: '2026-10-15' }));
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('reviews/MR-0002-review-q3.md');
    const text = readFileSync(path.join(dir, 'reviews', 'MR-0002-review-q3.md'), 'utf8');
    const front = parse(text.split('---\n')[1]!) as Record<string, unknown>;
    // From the day after MR-0001's period to the end of the last complete quarter.
    expect(front).toMatchObject({ period_start: '2026-04-01', period_end: '2026-09-30', previous: 'MR-0001', held_on: '2026-10-15' });
    // A1 was due on 30 June and is still open; A2 is in progress; A3 is done and stays behind.
    expect(front.actions).toEqual([
      { id: 'A1', action: 'Restore test', owner: 'ben@acme.example', due: '2026-06-30', status: 'open', from: 'MR-0001' },
      { id: 'A2', action: 'New server', owner: 'ben@acme.example', due: '2026-12-31', status: 'in-progress', from: 'MR-0001' },
    ]);
    const inputs = front.inputs as string[];
    expect(inputs).toHaveLength(11);
    expect(inputs[0]).toBe('Actions of MR-0001: 2 open, 1 overdue');
    // April to September: INC-0004 and the three of the third quarter; October to March before it: INC-0005.
    expect(inputs[4]).toBe('Incidents: 4 opened (1 in the period before), 1 breach of agreed times (INC-0002)');
    // RISK-0001 open (16, high; no residual recorded, its treatment due on 1 September), RISK-0002 treated (6).
    expect(inputs[9]).toBe('Risks: 1 open and 1 treated, 1 high before treatment and 1 after, 1 treatment overdue');
    expect(text).toContain('The review input pack: `sms report review --since 2026-04-01 --until 2026-09-30`.');
    // The minutes pass their schema and the rules as they are.
    const v = await smsInProcess(
      ['validate', 'reviews/MR-0002-review-q3.md', '--format', 'json'],
      dir,
      testEnv({ SMS_TODAY: '2026-10-15' }),
    );
    expect(JSON.parse(v.stdout)).toMatchObject({ errorCount: 0, fileCount: 1 });
  });
});
