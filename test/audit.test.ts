import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import {
  addCommit,
  gitIn,
  incidentDoc,
  gitRepo,
  md,
  sms,
  smsInProcess,
  testEnv,
  tmp,
  writeFiles,
  type CommitSpec,
  type Person,
} from './helpers.js';
import {
  CLOSED_INCIDENT,
  PARTIES,
  PATHS,
  STAFF,
  ana,
  approval,
  ben,
  c,
  ci,
  doc,
  cleo,
  dan,
  eve,
  goodCommits,
  gus,
  incident,
  record,
  rfcDoc,
  roles,
  sam,
  schedule,
  sla,
} from './audit-fixture.js';

/** A customer contact whose organisation the roles document does not record. */
const kim: Person = { name: 'Kim Vogt', email: 'kim@example.org' };

/**
 * The audit against fixtures whose verdicts are worked out by hand from the standard's tasks: one
 * history where every obligation is met (all 40 tasks conformant), and clones of it where one
 * obligation at a time is broken, with the exact verdict and finding each break must produce.
 */

interface Instance {
  record?: { id: string };
  subject?: string;
  ok: boolean;
  lacks: string[];
  evidence: { what: string; actor?: string; actorRoles?: string[]; heldTaskRole?: boolean; commit?: string; date?: string }[];
}
interface Task {
  id: string;
  verdict: string;
  counts: { ok: number; total: number };
  notApplicable?: string;
  notTriggered?: string;
  obligations: { check: string; instances: Instance[] }[];
}
interface Finding {
  id: string;
  source: string;
  task?: string;
  severity: string;
  record?: string;
  what: string;
  todo?: string;
}
interface Audit {
  summary: Record<string, number>;
  summaryRows: { id: string; verdict: string; note?: string }[];
  processes: { code: string; objectives: { code: string; conclusion: string }[]; tasks: Task[] }[];
  findings: Finding[];
  fitsm: { code: string; verdict: string; records: { type: string; count: number }[]; missingRecords: string[] }[];
  provenance: { commit?: string; workingTree: boolean; historyBegins?: string; toolVersion: string; generated: string };
}

// Built once for the file (tmp() directories go after each test): the clones below start from it.
let good: string;
beforeAll(() => {
  good = realpathSync(mkdtempSync(path.join(tmpdir(), 'sms-audit-good-')));
  gitRepo(good, goodCommits());
}, 60_000);
afterAll(() => rmSync(good, { recursive: true, force: true }));

/** A clone of the conforming history with more commits on top. */
function broken(commits: CommitSpec[]): { dir: string; shas: string[] } {
  const dir = tmp();
  gitIn(tmp(), ['clone', '-q', good, dir]);
  gitIn(dir, ['config', 'commit.gpgsign', 'false']);
  return { dir, shas: commits.map((x) => addCommit(dir, x)) };
}

async function audit(dir: string, args: string[] = [], env = testEnv()): Promise<Audit> {
  const r = await smsInProcess(['report', 'audit', '--format', 'json', ...args], dir, env);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Audit;
}

const task = (d: Audit, id: string): Task => d.processes.flatMap((p) => p.tasks).find((t) => t.id === id)!;
const findingsOf = (d: Audit, id: string): [string, string][] =>
  d.findings.filter((f) => f.task === id).map((f) => [f.id, f.what] as [string, string]);
const okOf = (t: Task): Record<string, boolean> =>
  Object.fromEntries(t.obligations.flatMap((o) => o.instances.map((i) => [i.record?.id ?? i.subject ?? '', i.ok])));

/** No FitSM requirement is met unless every record type it needs exists. */
function fitsmNeverMetWithoutRecords(d: Audit): void {
  for (const f of d.fitsm)
    if (f.verdict === 'met')
      expect(
        f.records.every((r) => r.count > 0),
        f.code,
      ).toBe(true);
}

describe('the audit: obligations met', () => {
  it('a history that meets every obligation: all 40 tasks conformant, every objective achieved, no finding', async () => {
    const d = await audit(good);
    expect(d.summaryRows.filter((r) => r.verdict !== 'conformant')).toEqual([]);
    expect(d.summary).toMatchObject({ tasks: 40, conformant: 40, partial: 0, gap: 0, notApplicable: 0, findings: 0, validationErrors: 0 });
    expect(d.findings).toEqual([]);
    expect(d.processes.flatMap((p) => p.objectives.map((o) => o.conclusion))).toEqual(Array(10).fill('achieved'));
    // Conditional tasks with nothing to do say why, and count as conformant.
    expect(task(d, 'GO.4.1').counts).toEqual({ ok: 1, total: 1 });
    expect(task(d, 'RE.2.4').notTriggered).toMatch(/no agreement in force promises reports/);
    // Who did the work, and whether they held a role of the task at the time.
    const drafted = task(d, 'CO.1.2').obligations[0]!.instances[0]!.evidence[0]!;
    expect(drafted).toMatchObject({ what: 'drafted', actor: 'Ben Okafor', actorRoles: ['CM'], heldTaskRole: true, date: '2026-01-19' });
    const approved = task(d, 'GO.1.1').obligations[0]!.instances[0]!.evidence[0]!;
    expect(approved).toMatchObject({ what: 'approved', actor: 'Eve Ross', heldTaskRole: true, date: '2026-01-09' });
    // What an incident shows for its classification and its closure, not only that it was opened.
    const evidenceOf = (id: string) =>
      task(d, id).obligations.flatMap((o) => o.instances.filter((i) => i.record?.id === 'INC-0001').flatMap((i) => i.evidence));
    expect(evidenceOf('IN.2.2').map((e) => e.what)).toEqual(['opened', 'classified hardware', 'linked to SVC-0001, CI-0001']);
    expect(evidenceOf('IN.2.5')).toContainEqual(expect.objectContaining({ what: 'closed, confirmed by Gus Baker', date: '2026-04-01' }));
    const reviewed = task(d, 'CO.3.5').obligations[0]!.instances[0]!.evidence;
    expect(reviewed).toContainEqual(
      expect.objectContaining({ what: 'post-implementation review', actor: 'Ben Okafor', date: '2026-03-16' }),
    );
    // FitSM: met only with records; no management review or internal audit here.
    expect(d.fitsm.find((f) => f.code === 'PR10')).toMatchObject({ verdict: 'met', missingRecords: [] });
    expect(d.fitsm.find((f) => f.code === 'GR1')).toMatchObject({ verdict: 'partly met', missingRecords: ['management-review'] });
    expect(d.fitsm.find((f) => f.code === 'PR4')!.verdict).toBe('not covered by the repository');
    fitsmNeverMetWithoutRecords(d);
    // Provenance: HEAD, the tool version, the pinned generation date; documents are the working tree's.
    expect(d.provenance).toMatchObject({ commit: gitIn(good, ['rev-parse', 'HEAD']).trim(), workingTree: true, generated: '2026-06-01' });
  });
});

describe('the audit: each obligation broken', () => {
  it('changes: schedule, design, build, tests before deployment, CI records, post-implementation review, the decision', async () => {
    const { dir, shas } = broken([
      // RFC-0002: approved and deployed with nothing else.
      c('2026-05-21', cleo, { 'changes/RFC-0002-b.md': rfcDoc('RFC-0002', 'draft') }, 'RFC-0002', 8),
      c('2026-05-21', ben, { 'changes/RFC-0002-b.md': rfcDoc('RFC-0002', 'approved', approval(ben, '2026-05-21')) }, 'approve', 10),
      c('2026-05-22', ben, {
        'changes/RFC-0002-b.md': rfcDoc('RFC-0002', 'updated', { ...approval(ben, '2026-05-22'), deployed_on: '2026-05-22' }),
      }),
      // RFC-0003: an emergency change never reviewed.
      c('2026-05-23', cleo, { 'changes/RFC-0003-c.md': rfcDoc('RFC-0003', 'draft', { change_type: 'emergency' }) }, 'RFC-0003', 8),
      c('2026-05-23', ben, {
        'changes/RFC-0003-c.md': rfcDoc('RFC-0003', 'approved', { change_type: 'emergency', ...approval(ben, '2026-05-23') }),
      }),
      c(
        '2026-05-23',
        ben,
        {
          'changes/RFC-0003-c.md': rfcDoc('RFC-0003', 'updated', {
            change_type: 'emergency',
            ...approval(ben, '2026-05-23'),
            deployed_on: '2026-05-23',
          }),
        },
        'deployed',
        11,
      ),
      // RFC-0004: tested by its builder after the approval to deploy, scheduled after deployment,
      // a review claiming a procedure update that never happened.
      c('2026-05-24', cleo, { 'changes/RFC-0004-d.md': rfcDoc('RFC-0004', 'draft') }, 'RFC-0004', 8),
      c('2026-05-24', ben, { 'changes/RFC-0004-d.md': rfcDoc('RFC-0004', 'approved', approval(ben, '2026-05-24')) }),
      c(
        '2026-05-24',
        dan,
        {
          'changes/designs/SD-0004.md': record('service-design', 'SD-0004', 'D', 'draft', {
            change_request: 'RFC-0004',
            designed_by: dan.email,
          }),
        },
        'd',
        10,
      ),
      c(
        '2026-05-24',
        gus,
        {
          'changes/designs/SD-0004.md': record('service-design', 'SD-0004', 'D', 'approved', {
            change_request: 'RFC-0004',
            designed_by: dan.email,
            ...approval(gus, '2026-05-24'),
          }),
        },
        'design approved',
        11,
      ),
      c(
        '2026-05-25',
        dan,
        {
          'changes/builds/BLD-0004.md': record('service-change-build', 'BLD-0004', 'B', 'initial', {
            change_request: 'RFC-0004',
            built_by: dan.email,
          }),
        },
        'b',
        8,
      ),
      c(
        '2026-05-25',
        ben,
        {
          'changes/RFC-0004-d.md': rfcDoc('RFC-0004', 'updated', { ...approval(ben, '2026-05-25'), deployed_on: '2026-05-25' }),
          [PATHS.ci]: ci('updated', ['RFC-0001', 'RFC-0004']),
        },
        'deploy',
        10,
      ),
      c('2026-05-26', ben, {
        'changes/tests/TR-0004.md': record('test-report', 'TR-0004', 'T', 'published', {
          outcome: 'pass',
          change_request: 'RFC-0004',
          collected_on: '2026-05-26',
          performed_by: dan.email,
        }),
        'changes/builds/BLD-0004.md': record('service-change-build', 'BLD-0004', 'B', 'final', {
          change_request: 'RFC-0004',
          built_by: dan.email,
          ...approval(ben, '2026-05-26'),
        }),
      }),
      c('2026-05-27', ben, {
        [PATHS.schedule]: schedule(
          'updated',
          [
            { change_request: 'RFC-0001', planned_date: '2026-03-12', window: 'Thu 19-22' },
            { change_request: 'RFC-0004', planned_date: '2026-05-25', window: 'Mon 19-22' },
          ],
          ben,
          '2026-05-27',
        ),
      }),
      c('2026-05-28', ben, {
        'changes/RFC-0004-d.md': rfcDoc('RFC-0004', 'updated', {
          ...approval(ben, '2026-05-25'),
          deployed_on: '2026-05-25',
          reviewed_on: '2026-05-28',
          review_outcome: 'procedure updated',
        }),
      }),
      // RFC-0005: approved by someone who does not hold CM.
      c('2026-05-29', cleo, { 'changes/RFC-0005-e.md': rfcDoc('RFC-0005', 'draft') }, 'RFC-0005', 8),
      c('2026-05-29', cleo, { 'changes/RFC-0005-e.md': rfcDoc('RFC-0005', 'approved', approval(cleo, '2026-05-29')) }),
    ]);
    const d = await audit(dir);
    expect(task(d, 'CO.2.2')).toMatchObject({ verdict: 'partial', counts: { ok: 1, total: 3 } });
    expect(findingsOf(d, 'CO.2.2')).toEqual([
      ['CO.2.2/RFC-0002/scheduled', 'never entered in the change schedule'],
      ['CO.2.2/RFC-0004/scheduled', 'entered in the change schedule on 2026-05-27, after its deployment on 2026-05-25'],
    ]);
    expect(findingsOf(d, 'CO.2.3')).toEqual([['CO.2.3/RFC-0002/design', 'no approved service design']]);
    expect(findingsOf(d, 'CO.2.4')).toEqual([['CO.2.4/RFC-0002/build', 'no build record']]);
    expect(findingsOf(d, 'CO.3.1')).toEqual([
      ['CO.3.1/RFC-0002/tested', 'no published test report'],
      ['CO.3.1/RFC-0004/tested', 'tested by the person who built it (dan@acme.example)'],
    ]);
    expect(findingsOf(d, 'CO.3.2')).toEqual([
      ['CO.3.2/RFC-0002/tested-before-deployment', 'no published test report to review before deployment'],
      ['CO.3.2/RFC-0004/tested-before-deployment', 'test report TR-0004 dated 2026-05-26, after the approval to deploy on 2026-05-25'],
    ]);
    expect(findingsOf(d, 'CO.3.3')).toEqual([['CO.3.3/RFC-0002/schedule-window', 'no planned date or window in the change schedule']]);
    // Every deployment, whatever its type, must be in the configuration records.
    expect(task(d, 'CO.3.4')).toMatchObject({ verdict: 'partial', counts: { ok: 2, total: 4 } });
    expect(findingsOf(d, 'CO.3.4')).toEqual([
      ['CO.3.4/RFC-0002/deployed', 'CI-0001 does not record the change'],
      ['CO.3.4/RFC-0003/deployed', 'CI-0001 does not record the change'],
    ]);
    expect(findingsOf(d, 'CO.3.5')).toEqual([
      ['CO.3.5/RFC-0002/reviewed', 'no post-implementation review (reviewed_on)'],
      ['CO.3.5/RFC-0003/reviewed', 'an emergency change not reviewed after the fact'],
      ['CO.3.5/RFC-0004/reviewed', 'says the change procedure was updated, but it was last revised 2026-01-20, before the deployment'],
    ]);
    expect(findingsOf(d, 'CO.2.1')).toEqual([
      [
        'CO.2.1/RFC-0005/changes-decided',
        `approved in ${shas.at(-1)!.slice(0, 7)} by Cleo Park, who did not hold CM or SM; sms validate --history reports 2 errors in this record (approval-evidence: RFC-0005 was moved to "approved" in commit ${shas.at(-1)!.slice(0, 7)} by Cleo Park <cleo@acme.example> on 2026-05-29, but no one in that commit (Cleo Park <cleo@acme.example>) held CM or SM in the roles document in force at that time (Cleo Park held IM, PT))`,
      ],
    ]);
    // The approval to deploy RFC-0004 names who gave it and the role they held.
    const gate = task(d, 'CO.3.2').obligations[0]!.instances.find((i) => i.record?.id === 'RFC-0001')!.evidence;
    expect(gate).toContainEqual(expect.objectContaining({ what: 'updated', actor: 'Ben Okafor', actorRoles: ['CM'], heldTaskRole: true }));
    // The validation findings are findings too (the change approved without the role).
    expect(d.findings.some((f) => f.source === 'validation' && f.record === 'RFC-0005')).toBe(true);
    fitsmNeverMetWithoutRecords(d);
  });

  it('changes: an entry in the change schedule made by someone without the Control Manager role is no CO.2.2 evidence', async () => {
    const { dir } = broken([
      c('2026-05-21', cleo, { 'changes/RFC-0006-f.md': rfcDoc('RFC-0006', 'draft') }, 'RFC-0006', 8),
      c('2026-05-21', ben, { 'changes/RFC-0006-f.md': rfcDoc('RFC-0006', 'approved', approval(ben, '2026-05-21')) }, 'approve', 10),
      // Cleo (IM, PT) enters it in the schedule herself.
      c('2026-05-22', cleo, {
        [PATHS.schedule]: schedule(
          'updated',
          [
            { change_request: 'RFC-0001', planned_date: '2026-03-12', window: 'Thu 19-22' },
            { change_request: 'RFC-0006', planned_date: '2026-05-26', window: 'Tue 19-22' },
          ],
          ben,
          '2026-03-10',
        ),
      }),
      c('2026-05-26', ben, {
        'changes/RFC-0006-f.md': rfcDoc('RFC-0006', 'updated', { ...approval(ben, '2026-05-25'), deployed_on: '2026-05-26' }),
      }),
    ]);
    const d = await audit(dir);
    expect(findingsOf(d, 'CO.2.2')).toEqual([
      ['CO.2.2/RFC-0006/scheduled', "entered in the change schedule by Cleo Park, who held none of the task's roles (CM)"],
    ]);
    // The schedule is the Control Manager's to change (CO.3.3): every change to it, not only new entries.
    expect(findingsOf(d, 'CO.3.3')).toEqual([
      ['CO.3.3/SCHEDULE/edits-by', 'changed on 2026-05-22 by Cleo Park, who held IM, PT, not CM or SM'],
    ]);
  });

  it('changes: deployed before its approval to deploy or without one, the last test failed, a design approved only in its front matter or after the deployment', async () => {
    const test = (id: string, rfc: string, outcome: string, on: string, by = dan) =>
      record('test-report', id, 'T', 'published', { outcome, change_request: rfc, collected_on: on, performed_by: by.email });
    const raised = (id: string, file: string, day: string): CommitSpec[] => [
      c(day, cleo, { [file]: rfcDoc(id, 'draft') }, id, 8),
      c(day, ben, { [file]: rfcDoc(id, 'approved', approval(ben, day)) }, 'approve', 9),
    ];
    const { dir } = broken([
      // RFC-0006: tested, then deployed on 22 May while still only approved.
      ...raised('RFC-0006', 'changes/RFC-0006-f.md', '2026-05-21'),
      c('2026-05-21', dan, { 'changes/tests/TR-0006.md': test('TR-0006', 'RFC-0006', 'pass', '2026-05-21') }, 't', 10),
      c('2026-05-22', ben, {
        'changes/RFC-0006-f.md': rfcDoc('RFC-0006', 'approved', { ...approval(ben, '2026-05-21'), deployed_on: '2026-05-22' }),
      }),
      // RFC-0007: deployed on 22 May, approved to deploy only on 24 May.
      ...raised('RFC-0007', 'changes/RFC-0007-g.md', '2026-05-21'),
      c('2026-05-21', dan, { 'changes/tests/TR-0007.md': test('TR-0007', 'RFC-0007', 'pass', '2026-05-21') }, 't', 10),
      c('2026-05-24', ben, {
        'changes/RFC-0007-g.md': rfcDoc('RFC-0007', 'updated', { ...approval(ben, '2026-05-24'), deployed_on: '2026-05-22' }),
      }),
      // RFC-0008: passed on 21 May, failed the re-test on 22 May, deployed on 23 May. RFC-0010 the
      // other way round: failed, then passed the re-test.
      ...raised('RFC-0008', 'changes/RFC-0008-h.md', '2026-05-21'),
      ...raised('RFC-0010', 'changes/RFC-0010-j.md', '2026-05-21'),
      c(
        '2026-05-22',
        dan,
        {
          'changes/tests/TR-0008.md': test('TR-0008', 'RFC-0008', 'pass', '2026-05-21'),
          'changes/tests/TR-0009.md': test('TR-0009', 'RFC-0008', 'fail', '2026-05-22'),
          'changes/tests/TR-0011.md': test('TR-0011', 'RFC-0010', 'fail', '2026-05-21'),
          // The re-test run by the Control Manager, who controls the change.
          'changes/tests/TR-0012.md': test('TR-0012', 'RFC-0010', 'pass', '2026-05-22', ben),
        },
        't',
        10,
      ),
      c('2026-05-23', ben, {
        'changes/RFC-0008-h.md': rfcDoc('RFC-0008', 'updated', { ...approval(ben, '2026-05-23'), deployed_on: '2026-05-23' }),
        'changes/RFC-0010-j.md': rfcDoc('RFC-0010', 'updated', { ...approval(ben, '2026-05-23'), deployed_on: '2026-05-23' }),
      }),
      // After the deployments: RFC-0008's design committed as approved by a practitioner, dated
      // back; RFC-0010's approved by the Control Manager on 25 May.
      c('2026-05-25', dan, {
        'changes/designs/SD-0008.md': record('service-design', 'SD-0008', 'D', 'approved', {
          change_request: 'RFC-0008',
          designed_by: dan.email,
          ...approval(dan, '2026-05-20'),
        }),
        'changes/designs/SD-0010.md': record('service-design', 'SD-0010', 'D', 'draft', {
          change_request: 'RFC-0010',
          designed_by: dan.email,
        }),
      }),
      c('2026-05-25', ben, {
        'changes/designs/SD-0010.md': record('service-design', 'SD-0010', 'D', 'approved', {
          change_request: 'RFC-0010',
          designed_by: dan.email,
          ...approval(ben, '2026-05-25'),
        }),
      }),
    ]);
    const d = await audit(dir);
    const of = (taskId: string, ...ids: string[]) => findingsOf(d, taskId).filter(([id]) => ids.some((x) => id.includes(`/${x}/`)));
    expect(of('CO.3.2', 'RFC-0006', 'RFC-0007', 'RFC-0008', 'RFC-0010')).toEqual([
      ['CO.3.2/RFC-0006/tested-before-deployment', 'deployed on 2026-05-22 without an approval to deploy (it never moved to updated)'],
      [
        'CO.3.2/RFC-0007/tested-before-deployment',
        'approved to deploy on 2026-05-24, after its deployment on 2026-05-22; sms validate reports an error in this record (date-order: "deployed_on" (2026-05-22) is before "approved_on" (2026-05-24))',
      ],
      [
        'CO.3.2/RFC-0008/tested-before-deployment',
        'the last test report before the approval to deploy, TR-0009 (2026-05-22), records a failed test',
      ],
    ]);
    expect(of('CO.3.1', 'RFC-0008', 'RFC-0010')).toEqual([
      ['CO.3.1/RFC-0008/tested', 'test report TR-0009 records a failed test'],
      ['CO.3.1/RFC-0010/tested', 'tested by the Control Manager (ben@acme.example), who also controls the change'],
    ]);
    expect(of('CO.2.3', 'RFC-0008', 'RFC-0010')).toEqual([
      ['CO.2.3/RFC-0008/design', 'design SD-0008: no commit evidences its approval'],
      ['CO.2.3/RFC-0010/design', 'design SD-0010 approved on 2026-05-25, after the deployment on 2026-05-23'],
    ]);
  });

  it('changes: a passing re-test published after the approval to deploy, a design approved for another change and moved over later', async () => {
    const test = (id: string, rfc: string, outcome: string, on: string) =>
      record('test-report', id, 'T', 'published', { outcome, change_request: rfc, collected_on: on, performed_by: dan.email });
    const design = (id: string, rfc: string, status: string, on?: string) =>
      record('service-design', id, 'D', status, { change_request: rfc, designed_by: dan.email, ...(on ? approval(ben, on) : {}) });
    const { dir } = broken([
      c(
        '2026-05-21',
        cleo,
        { 'changes/RFC-0013-m.md': rfcDoc('RFC-0013', 'draft'), 'changes/RFC-0016-p.md': rfcDoc('RFC-0016', 'draft') },
        'r',
        8,
      ),
      c('2026-05-21', ben, {
        'changes/RFC-0013-m.md': rfcDoc('RFC-0013', 'approved', approval(ben, '2026-05-21')),
        'changes/RFC-0016-p.md': rfcDoc('RFC-0016', 'approved', approval(ben, '2026-05-21')),
        'changes/designs/SD-0013.md': design('SD-0013', 'RFC-0013', 'approved', '2026-05-21'),
        'changes/designs/SD-0016.md': design('SD-0016', 'RFC-0016', 'approved', '2026-05-21'),
      }),
      c('2026-05-21', dan, { 'changes/tests/TR-0013.md': test('TR-0013', 'RFC-0013', 'fail', '2026-05-21') }, 't', 10),
      c('2026-05-22', ben, {
        'changes/RFC-0013-m.md': rfcDoc('RFC-0013', 'updated', { ...approval(ben, '2026-05-22'), deployed_on: '2026-05-23' }),
      }),
      // RFC-0015 deployed with no design.
      c('2026-05-22', cleo, { 'changes/RFC-0015-o.md': rfcDoc('RFC-0015', 'draft') }, 'r', 11),
      c('2026-05-22', ben, { 'changes/RFC-0015-o.md': rfcDoc('RFC-0015', 'approved', approval(ben, '2026-05-22')) }, 'a', 12),
      c('2026-05-23', ben, {
        'changes/RFC-0015-o.md': rfcDoc('RFC-0015', 'updated', { ...approval(ben, '2026-05-23'), deployed_on: '2026-05-23' }),
      }),
      // Afterwards: a passing re-test of RFC-0013 dated before the approval; RFC-0016's design moved over to RFC-0015.
      c('2026-05-26', dan, { 'changes/tests/TR-0014.md': test('TR-0014', 'RFC-0013', 'pass', '2026-05-21') }),
      c('2026-05-26', ben, { 'changes/designs/SD-0016.md': design('SD-0016', 'RFC-0015', 'draft') }, 'd', 10),
      c('2026-05-26', ben, { 'changes/designs/SD-0016.md': design('SD-0016', 'RFC-0015', 'approved', '2026-05-26') }, 'a', 11),
    ]);
    const d = await audit(dir);
    const of = (taskId: string, id: string) => findingsOf(d, taskId).filter(([f]) => f.includes(`/${id}/`));
    expect(of('CO.3.2', 'RFC-0013')).toEqual([
      [
        'CO.3.2/RFC-0013/tested-before-deployment',
        'the last test report before the approval to deploy, TR-0013 (2026-05-21), records a failed test',
      ],
    ]);
    expect(of('CO.2.3', 'RFC-0015')).toEqual([
      ['CO.2.3/RFC-0015/design', 'design SD-0016 approved on 2026-05-26, after the deployment on 2026-05-23'],
    ]);
  });

  it('incidents: classification, first response and restoration within the agreed service hours, confirmation, the cause of a major incident', async () => {
    const { dir } = broken([
      c('2026-05-21', cleo, {
        'incidents/INC-0003-x.md': incident('INC-0003', 'opened', {
          opened: '2026-05-21T09:00:00Z',
          responded: undefined,
          classification: undefined,
          cis: undefined,
        }),
      }),
      c(
        '2026-05-21',
        cleo,
        {
          'incidents/INC-0003-x.md': incident('INC-0003', 'closed', {
            ...CLOSED_INCIDENT,
            opened: '2026-05-21T09:00:00Z',
            resolved: '2026-05-21T11:00:00Z',
            closed: '2026-05-21T12:00:00Z',
            responded: undefined,
            classification: undefined,
            cis: undefined,
            confirmed_by: undefined,
          }),
        },
        'closed',
        13,
      ),
      c('2026-05-22', cleo, {
        'incidents/INC-0004-y.md': incident('INC-0004', 'opened', {
          priority: 'P1',
          opened: '2026-05-22T08:00:00Z',
          responded: '2026-05-22T08:20:00Z',
        }),
      }),
      // An agreement with targets in service hours: Monday to Friday, 08:00 to 18:00 UTC.
      ...[
        { status: 'draft', extra: {} },
        {
          status: 'approved',
          extra: { ...approval(ana, '2026-05-23'), customer_approved_by: gus.email, customer_approved_on: '2026-05-23' },
        },
      ].map((v, i) =>
        c(
          '2026-05-23',
          i ? ana : eve,
          {
            'agreements/customers/SLA-0002-f.md': sla('SLA-0002', v.status, {
              customer: 'Florist',
              start: '2026-05-24',
              calendar: { timezone: 'UTC', days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '08:00', to: '18:00' },
              targets: { P2: { response_hours: 1, resolution_hours: 8 } },
              ...v.extra,
            }),
          },
          v.status,
          8 + i,
        ),
      ),
      // Opened Monday 09:00, resolved 19:00: 9 service hours, over the 8 h target.
      ...(['opened', 'closed'] as const).map((status, i) =>
        c(
          '2026-05-25',
          cleo,
          {
            'incidents/INC-0006-w.md': incident('INC-0006', status, {
              priority: 'P2',
              agreement: 'SLA-0002',
              opened: '2026-05-25T09:00:00Z',
              responded: '2026-05-25T09:30:00Z',
              ...(i ? { ...CLOSED_INCIDENT, resolved: '2026-05-25T19:00:00Z', closed: '2026-05-25T19:30:00Z' } : {}),
            }),
          },
          'INC-0006',
          i ? 20 : 9,
        ),
      ),
      // Opened Friday 16:00, answered 17:30 (1.5 service hours), resolved Monday 10:00: 4 service
      // hours (66 on the clock), within 8.
      ...(['opened', 'closed'] as const).map((status, i) =>
        c(
          i ? '2026-06-01' : '2026-05-29',
          cleo,
          {
            'incidents/INC-0005-z.md': incident('INC-0005', status, {
              priority: 'P2',
              agreement: 'SLA-0002',
              opened: '2026-05-29T16:00:00Z',
              responded: '2026-05-29T17:30:00Z',
              ...(i ? { ...CLOSED_INCIDENT, resolved: '2026-06-01T10:00:00Z', closed: '2026-06-01T10:30:00Z' } : {}),
            }),
          },
          status,
          i ? 11 : 17,
        ),
      ),
    ]);
    const d = await audit(dir);
    expect(findingsOf(d, 'IN.2.4')).toEqual([
      ['IN.2.4/INC-0006/restored', 'resolved after 9 service hours, over the 8 h target of SLA-0002'],
    ]);
    expect(findingsOf(d, 'IN.2.2')).toEqual([['IN.2.2/INC-0003/classified', 'not classified; no configuration item named']]);
    expect(findingsOf(d, 'IN.2.3')).toEqual([
      ['IN.2.3/INC-0003/responded', 'no first response recorded (responded)'],
      ['IN.2.3/INC-0005/responded', 'first response after 1.5 service hours, over the 1 h target of SLA-0002'],
    ]);
    expect(findingsOf(d, 'IN.2.5')).toEqual([
      ['IN.2.5/INC-0003/confirmed', 'closed without confirmation from the affected party (confirmed_by)'],
    ]);
    expect(findingsOf(d, 'IN.1.3')).toEqual([
      ['IN.1.3/INC-0004/major-incidents-analysed', 'no cause recorded; no problem record and no change request for the mitigation'],
    ]);
    expect(task(d, 'IN.1.3')).toMatchObject({ verdict: 'partial', counts: { ok: 1, total: 2 } });
    // Still open: not yet due for restoration or confirmation.
    expect(okOf(task(d, 'IN.2.5'))).toEqual({ 'INC-0001': true, 'INC-0002': true, 'INC-0003': false, 'INC-0005': true, 'INC-0006': true });
    expect(task(d, 'IN.2.1').verdict).toBe('conformant');
  });

  it('reports at the promised cadence: an agreement retired or deleted since still owed the reports of the months it was in force', async () => {
    const A = 'agreements/customers/SLA-0002-f.md';
    const florist = (status: string, extra: Record<string, unknown> = {}) =>
      sla('SLA-0002', status, { customer: 'Florist', review: '2026-05-25', reporting: 'monthly', ...extra });
    const report = (status: string, extra: Record<string, unknown> = {}) =>
      record('performance-report', 'PR-0001', 'February', status, {
        period_start: '2026-02-01',
        period_end: '2026-02-28',
        agreements: ['SLA-0002'],
        ...extra,
      });
    const retired = c('2026-05-25', ana, { [A]: florist('retired', approval(ana, '2026-05-22')) });
    const deleted = c('2026-05-26', ana, { [A]: null });
    for (const end of [[retired], [deleted], [retired, deleted]]) {
      const { dir } = broken([
        c('2026-05-21', eve, { [A]: florist('draft') }),
        c('2026-05-22', ana, { [A]: florist('approved', approval(ana, '2026-05-22')) }),
        c('2026-05-23', eve, { 'reports/performance/PR-0001-feb.md': report('draft') }),
        c('2026-05-24', ana, { 'reports/performance/PR-0001-feb.md': report('approved', approval(ana, '2026-05-24')) }),
        // Taken out of force before May is over: May is not owed, March and April still are.
        ...end,
      ]);
      const d = await audit(dir);
      expect(findingsOf(d, 'RE.2.4').filter(([id]) => id.includes('SLA-0002'))).toEqual(
        ['03', '04'].map((m) => {
          const last = m === '04' ? '30' : '31';
          return [
            `RE.2.4/SLA-0002/2026-${m}-01-2026-${m}-${last}/reporting-cadence`,
            `no approved performance report for 2026-${m}-01 – 2026-${m}-${last} (monthly promised)`,
          ];
        }),
      );
    }
  });

  it('agreements and feedback: countersignature, review date, reports at the promised cadence, complaints, revision after feedback', async () => {
    const { dir } = broken([
      c('2026-05-21', eve, {
        'agreements/customers/SLA-0002-f.md': sla('SLA-0002', 'draft', { customer: 'Florist', review: '2026-05-25', reporting: 'monthly' }),
      }),
      c('2026-05-22', ana, {
        'agreements/customers/SLA-0002-f.md': sla('SLA-0002', 'approved', {
          customer: 'Florist',
          review: '2026-05-25',
          reporting: 'monthly',
          ...approval(ana, '2026-05-22'),
        }),
      }),
      c('2026-05-23', eve, {
        'reports/performance/PR-0001-feb.md': record('performance-report', 'PR-0001', 'February', 'draft', {
          period_start: '2026-02-01',
          period_end: '2026-02-28',
          agreements: ['SLA-0002'],
        }),
      }),
      c('2026-05-24', ana, {
        'reports/performance/PR-0001-feb.md': record('performance-report', 'PR-0001', 'February', 'approved', {
          period_start: '2026-02-01',
          period_end: '2026-02-28',
          agreements: ['SLA-0002'],
          ...approval(ana, '2026-05-24'),
        }),
      }),
      c('2026-05-25', ana, {
        'feedback/FB-0002-x.md': record('feedback', 'FB-0002', 'Slow answers', 'updated', {
          kind: 'complaint',
          received: '2026-04-15T10:00:00Z',
          handling: 'acknowledged',
          recorded_by: ana.email,
          related: ['SLA-0001'],
        }),
      }),
    ]);
    const d = await audit(dir);
    expect(findingsOf(d, 'RE.2.2')).toEqual([
      ['RE.2.2/SLA-0002/agreements-approved', 'no signatory of the customer recorded (customer_approved_by)'],
    ]);
    // February is reported; March and April have no report a month after their end. May's report
    // is not due before 30 June.
    expect(task(d, 'RE.2.4')).toMatchObject({ verdict: 'partial', counts: { ok: 1, total: 3 } });
    expect(findingsOf(d, 'RE.2.4')).toEqual(
      ['03', '04'].map((m) => {
        const end = m === '04' ? '30' : '31';
        return [
          `RE.2.4/SLA-0002/2026-${m}-01-2026-${m}-${end}/reporting-cadence`,
          `no approved performance report for 2026-${m}-01 – 2026-${m}-${end} (monthly promised)`,
        ];
      }),
    );
    expect(findingsOf(d, 'RE.2.3')).toEqual([['RE.2.3/FB-0002/feedback-handled', 'a complaint still acknowledged after 47 days']]);
    expect(findingsOf(d, 'RE.2.5')).toEqual([
      [
        'RE.2.5/SLA-0001/after-FB-0002/agreements-revised',
        'FB-0002 (2026-04-15) asked about SLA-0001, which has not been revised or reviewed since',
      ],
      ['RE.2.5/SLA-0002/agreements-reviewed', 'review was due on 2026-05-25'],
    ]);
  });

  it('revision after feedback: feedback that names no agreement is said to name none, not to have asked for nothing', async () => {
    const { dir } = broken([
      c('2026-05-25', ana, {
        'feedback/FB-0002-x.md': record('feedback', 'FB-0002', 'Monthly reports, please', 'updated', {
          kind: 'comment',
          received: '2026-04-15T10:00:00Z',
          handling: 'closed',
          closed: '2026-04-16T10:00:00Z',
          recorded_by: ana.email,
        }),
      }),
    ]);
    const revised = (d: Audit) => task(d, 'RE.2.5').obligations.find((o) => o.check === 'agreements-revised') as { notTriggered?: string };
    // Received in the period: FB-0001 of the conforming history (10 April) and FB-0002 (15 April), neither naming an agreement.
    expect(revised(await audit(dir)).notTriggered).toBe(
      'none of the 2 feedback entries received in the period names an agreement it asks to change (related: [SLA-…])',
    );
    // A period with no feedback at all says that instead.
    expect(revised(await audit(dir, ['--since', '2026-01-01', '--until', '2026-01-02'])).notTriggered).toBe(
      'no feedback was received in the period',
    );
  });

  it('signatories and confirmations: the customer signs for itself, on a day that has come; the affected party confirms, not the resolver', async () => {
    const signed = (id: string, customer: string, by: Person, on: string) =>
      sla(id, 'approved', { customer, ...approval(ana, '2026-05-22'), customer_approved_by: by.email, customer_approved_on: on });
    const closedBy = (id: string, confirmer: Person) =>
      incident(id, 'closed', {
        ...CLOSED_INCIDENT,
        opened: '2026-05-21T09:00:00Z',
        responded: '2026-05-21T09:10:00Z',
        resolved: '2026-05-21T10:00:00Z',
        closed: '2026-05-21T11:00:00Z',
        confirmed_by: confirmer.email,
      });
    // Two repositories: agreements of one service for two customers would make its incidents ambiguous.
    const agreements = broken([
      c('2026-05-21', eve, {
        'agreements/customers/SLA-0003.md': sla('SLA-0003', 'draft', { customer: 'Florist' }),
        'agreements/customers/SLA-0004.md': sla('SLA-0004', 'draft', { customer: 'Bakery' }),
        'agreements/customers/SLA-0005.md': sla('SLA-0005', 'draft', { customer: 'Bakery GmbH' }),
      }),
      // SLA-0003 signed for the florist by the bakery's contact; SLA-0004 said to be signed in July.
      c('2026-05-22', ana, {
        'agreements/customers/SLA-0003.md': signed('SLA-0003', 'Florist', gus, '2026-05-22'),
        'agreements/customers/SLA-0004.md': signed('SLA-0004', 'Bakery', gus, '2026-07-01'),
        // The bakery's legal name on the agreement, its short name in the roles document: the same party.
        'agreements/customers/SLA-0005.md': signed('SLA-0005', 'Bakery GmbH', gus, '2026-05-22'),
      }),
    ]).dir;
    const june = testEnv({ SMS_TODAY: '2026-06-01' });
    expect(findingsOf(await audit(agreements, [], june), 'RE.2.2')).toEqual([
      ['RE.2.2/SLA-0003/agreements-approved', 'signed for Florist by Gus Baker, of Bakery'],
      ['RE.2.2/SLA-0004/agreements-approved', 'countersigned on 2026-07-01, after the day audited (2026-06-01)'],
    ]);
    // INC-0010: reported and confirmed by an end user the roles document does not list, named two ways.
    const tim = 'Tim Wolf <tim.wolf@bakery.example>';
    const incidents = broken([
      c(
        '2026-05-21',
        cleo,
        {
          'incidents/INC-0010.md': incident('INC-0010', 'opened', {
            reported_by: tim,
            opened: '2026-05-21T09:00:00Z',
            responded: '2026-05-21T09:10:00Z',
          }),
        },
        'INC-0010',
        8,
      ),
      c(
        '2026-05-21',
        cleo,
        {
          'incidents/INC-0010.md': incident('INC-0010', 'closed', {
            ...CLOSED_INCIDENT,
            reported_by: tim,
            opened: '2026-05-21T09:00:00Z',
            responded: '2026-05-21T09:10:00Z',
            resolved: '2026-05-21T10:00:00Z',
            closed: '2026-05-21T11:00:00Z',
            confirmed_by: 'tim.wolf@bakery.example',
          }),
        },
        'close INC-0010',
        8,
      ),
      ...(['INC-0007', 'INC-0008', 'INC-0009'] as const).flatMap((id, n) => [
        c(
          '2026-05-21',
          cleo,
          { [`incidents/${id}.md`]: incident(id, 'opened', { opened: '2026-05-21T09:00:00Z', responded: '2026-05-21T09:10:00Z' }) },
          id,
          9 + n,
        ),
        // Confirmed by the resolver, by the supplier's contact, by a practitioner who did not report it.
        c('2026-05-21', cleo, { [`incidents/${id}.md`]: closedBy(id, [cleo, sam, dan][n]!) }, `close ${id}`, 12 + n),
      ]),
      // A customer contact whose organisation is not recorded, while there are two parties (the
      // bakery, Cloud Co): not shown to speak for the bakery.
      c(
        '2026-05-21',
        ana,
        { 'governance/roles.md': roles([...STAFF, ...PARTIES, { person: kim, roles: ['CUS'] }], 'updated', ana, '2026-05-21') },
        'Kim',
        15,
      ),
      c(
        '2026-05-21',
        cleo,
        { 'incidents/INC-0011.md': incident('INC-0011', 'opened', { opened: '2026-05-21T09:00:00Z', responded: '2026-05-21T09:10:00Z' }) },
        'INC-0011',
        16,
      ),
      c('2026-05-21', cleo, { 'incidents/INC-0011.md': closedBy('INC-0011', kim) }, 'close INC-0011', 17),
    ]).dir;
    expect(findingsOf(await audit(incidents, [], june), 'IN.2.5')).toEqual([
      ['IN.2.5/INC-0007/confirmed', 'confirmed by Cleo Park, who resolved it'],
      ['IN.2.5/INC-0008/confirmed', 'confirmed by Sam Cloud of Cloud Co, not of Bakery, whose incident it is'],
      ['IN.2.5/INC-0009/confirmed', 'confirmed by Dan Ito, who neither reported it nor speaks for a customer or supplier (CUS, SUP)'],
      [
        'IN.2.5/INC-0011/confirmed',
        'confirmed by Kim Vogt, whose organisation the roles document does not record, so not shown to speak for Bakery, whose incident it is',
      ],
    ]);
  });

  it('an agreement starting mid-month owes its first report from its start; a record deleted since does not sink the records that named it', async () => {
    const florist = (status: string, extra: Record<string, unknown> = {}) =>
      sla('SLA-0005', status, { customer: 'Florist', services: ['SVC-0002'], start: '2026-04-15', reporting: 'monthly', ...extra });
    const report = (status: string, extra: Record<string, unknown> = {}) =>
      record('performance-report', 'PR-0006', 'April', status, {
        period_start: '2026-04-15',
        period_end: '2026-04-30',
        agreements: ['SLA-0005'],
        ...extra,
      });
    const { dir } = broken([
      c('2026-04-10', eve, { 'agreements/customers/SLA-0005.md': florist('draft') }, 'd', 8),
      c('2026-04-10', ana, {
        'agreements/customers/SLA-0005.md': florist('approved', {
          ...approval(ana, '2026-04-10'),
          customer_approved_by: gus.email,
          customer_approved_on: '2026-04-10',
        }),
      }),
      c('2026-05-05', eve, { 'reports/performance/PR-0006.md': report('draft') }, 'd', 8),
      c('2026-05-05', ana, { 'reports/performance/PR-0006.md': report('approved', approval(ana, '2026-05-05')) }),
    ]);
    const d = await audit(dir, [], testEnv({ SMS_TODAY: '2026-06-01' }));
    // April from the 15th is reported; May's report is not due before 30 June.
    expect(findingsOf(d, 'RE.2.4').filter(([id]) => id.includes('SLA-0005'))).toEqual([]);
    expect(
      task(d, 'RE.2.4')
        .obligations[0]!.instances.filter((i) => i.record?.id === 'SLA-0005')
        .map((i) => i.ok),
    ).toEqual([true]);

    // The retired server's record deleted: the records that named it keep their verdicts.
    const before = (await audit(good)).summaryRows.map((r) => [r.id, r.verdict]);
    const gone = broken([c('2026-05-25', ben, { [PATHS.ci]: null })]).dir;
    const after = await audit(gone);
    expect(after.summary.validationErrors).toBeGreaterThan(0);
    // Only CO.1.4 changes: no configuration item is recorded any more.
    const rows = after.summaryRows.map((r) => [r.id, r.verdict]);
    expect(rows.filter(([id]) => id !== 'CO.1.4')).toEqual(before.filter(([id]) => id !== 'CO.1.4'));
    expect(task(after, 'CO.1.4').verdict).toBe('gap');

    // A second customer's agreement for the same service, signed after the incidents: they were
    // attributed to the only agreement in force on their day, and stay evidence.
    const second = broken([
      c('2026-05-25', eve, { 'agreements/customers/SLA-0006.md': sla('SLA-0006', 'draft', { customer: 'Florist' }) }, 'd', 8),
      c('2026-05-25', ana, {
        'agreements/customers/SLA-0006.md': sla('SLA-0006', 'approved', { customer: 'Florist', ...approval(ana, '2026-05-25') }),
      }),
    ]).dir;
    const incidentsThen = (await audit(second)).summaryRows.filter((r) => r.id.startsWith('IN.2'));
    expect(incidentsThen.map((r) => [r.id, r.verdict])).toEqual(before.filter(([id]) => id!.startsWith('IN.2')));
  });

  it('reports are owed at the cadence the agreement promised at the time: quarterly, then monthly from the change', async () => {
    const kessler = (status: string, reporting: string, extra: Record<string, unknown> = {}) =>
      sla('SLA-0002', status, { customer: 'Florist', start: '2026-01-01', review: '2026-12-01', reporting, ...extra });
    const signed = { customer_approved_by: gus.email, customer_approved_on: '2026-05-21' };
    const { dir } = broken([
      c('2026-05-21', eve, { 'agreements/customers/SLA-0002-f.md': kessler('draft', 'quarterly') }, 'draft', 8),
      c('2026-05-21', ana, {
        'agreements/customers/SLA-0002-f.md': kessler('approved', 'quarterly', { ...approval(ana, '2026-05-21'), ...signed }),
      }),
      // The customer asked for monthly reports: agreed on 22 May.
      c('2026-05-22', ana, {
        'agreements/customers/SLA-0002-f.md': kessler('updated', 'monthly', { ...approval(ana, '2026-05-22'), ...signed }),
      }),
      c('2026-05-23', eve, {
        'reports/performance/PR-0001-q1.md': record('performance-report', 'PR-0001', 'Q1', 'draft', {
          period_start: '2026-01-01',
          period_end: '2026-03-31',
          agreements: ['SLA-0002'],
        }),
      }),
      c('2026-05-24', ana, {
        'reports/performance/PR-0001-q1.md': record('performance-report', 'PR-0001', 'Q1', 'approved', {
          period_start: '2026-01-01',
          period_end: '2026-03-31',
          agreements: ['SLA-0002'],
          ...approval(ana, '2026-05-24'),
        }),
      }),
    ]);
    const d = await audit(dir, [], testEnv({ SMS_TODAY: '2026-09-05' }));
    // Q1 and Q2 began under the quarterly promise (Q1 is reported, within a month of the
    // agreement that promised it); June and July began under the monthly one. May began before the
    // change: it is part of Q2. August's report is due by 30 September.
    expect(task(d, 'RE.2.4').counts).toEqual({ ok: 1, total: 4 });
    expect(findingsOf(d, 'RE.2.4').map((f) => f[1])).toEqual([
      'no approved performance report for 2026-04-01 – 2026-06-30 (quarterly promised)',
      'no approved performance report for 2026-06-01 – 2026-06-30 (monthly promised)',
      'no approved performance report for 2026-07-01 – 2026-07-31 (monthly promised)',
    ]);

    // One report for June to August does not stand in for the monthly reports of June and July;
    // July's own report, approved on 3 September, came more than a month after July.
    const report = (id: string, since: string, until: string, status: string, by?: string) =>
      record('performance-report', id, id, status, {
        period_start: since,
        period_end: until,
        agreements: ['SLA-0002'],
        ...(by ? approval(ana, by) : {}),
      });
    const more = [
      c('2026-09-01', eve, {
        'reports/performance/PR-0002.md': report('PR-0002', '2026-06-01', '2026-08-31', 'draft'),
        'reports/performance/PR-0003.md': report('PR-0003', '2026-07-01', '2026-07-31', 'draft'),
      }),
      c(
        '2026-09-01',
        ana,
        { 'reports/performance/PR-0002.md': report('PR-0002', '2026-06-01', '2026-08-31', 'approved', '2026-09-01') },
        'approve',
        10,
      ),
      c('2026-09-03', ana, { 'reports/performance/PR-0003.md': report('PR-0003', '2026-07-01', '2026-07-31', 'approved', '2026-09-03') }),
    ];
    for (const x of more) addCommit(dir, x);
    const late = await audit(dir, [], testEnv({ SMS_TODAY: '2026-09-05' }));
    expect(task(late, 'RE.2.4').counts).toEqual({ ok: 1, total: 4 });
    expect(findingsOf(late, 'RE.2.4').map((f) => f[1])).toEqual([
      'no approved performance report for 2026-04-01 – 2026-06-30 (quarterly promised)',
      'no approved performance report for 2026-06-01 – 2026-06-30 (monthly promised)',
      'PR-0003 approved on 2026-09-03, more than a month after the period ended on 2026-07-31',
    ]);

    // August's report approved on 20 August, before August was over: it reports on days to come.
    addCommit(
      dir,
      c('2026-08-20', eve, { 'reports/performance/PR-0004.md': report('PR-0004', '2026-08-01', '2026-08-31', 'draft') }, 'd', 8),
    );
    addCommit(
      dir,
      c('2026-08-20', ana, { 'reports/performance/PR-0004.md': report('PR-0004', '2026-08-01', '2026-08-31', 'approved', '2026-08-20') }),
    );
    // June's report approved on 31 July: a month after 30 June is the end of July.
    addCommit(
      dir,
      c('2026-07-31', eve, { 'reports/performance/PR-0005.md': report('PR-0005', '2026-06-01', '2026-06-30', 'draft') }, 'd', 8),
    );
    addCommit(
      dir,
      c('2026-07-31', ana, { 'reports/performance/PR-0005.md': report('PR-0005', '2026-06-01', '2026-06-30', 'approved', '2026-07-31') }),
    );
    const early = await audit(dir, [], testEnv({ SMS_TODAY: '2026-10-05' }));
    expect(findingsOf(early, 'RE.2.4').map((f) => f[1])).toContain(
      'PR-0004 approved on 2026-08-20, before the period it reports on ended (2026-08-31)',
    );
    expect(findingsOf(early, 'RE.2.4').map((f) => f[1])).not.toContain(
      'no approved performance report for 2026-06-01 – 2026-06-30 (monthly promised)',
    );
    expect(findingsOf(early, 'RE.2.4').map((f) => f[0])).not.toContain('RE.2.4/SLA-0002/2026-06-01-2026-06-30/reporting-cadence');
  });

  it('people: a role holder without training, training out of date; a formula in a name stays text in CSV', async () => {
    const frank = { name: '=HYPERLINK("https://evil.example")', email: 'frank@acme.example' };
    const { dir } = broken([
      c('2026-05-21', ana, {
        [PATHS.roles]: roles([...STAFF, { person: frank, roles: ['PT'] }, ...PARTIES], 'updated', ana, '2026-05-21'),
      }),
      c('2026-05-22', ana, {
        'people/training/TRN-0005.md': record('training-record', 'TRN-0005', 'Training of Eve Ross', 'completed', {
          person: eve.email,
          topic: 'The SMS and its procedures',
          completed_on: '2024-02-05',
          valid_until: '2026-05-30',
        }),
      }),
    ]);
    addCommit(
      dir,
      c('2026-05-23', ana, {
        'reports/improvement/IR-0002-x.md': record('improvement-report', 'IR-0002', 'May', 'draft', {
          period_start: '2026-05-01',
          period_end: '2026-05-20',
        }),
      }),
    );
    addCommit(
      dir,
      c('2026-05-24', ana, {
        'reports/improvement/IR-0002-x.md': record('improvement-report', 'IR-0002', 'May', 'approved', {
          period_start: '2026-05-01',
          period_end: '2026-05-20',
          ...approval(ana, '2026-05-24'),
        }),
      }),
    );
    const d = await audit(dir);
    // Eve held MGT too: Ana approving her own report was avoidable.
    expect(findingsOf(d, 'GO.4.2')).toEqual([
      ['GO.4.2/IR-0002/approved-each', 'approved only by its author, Ana Costa, though Eve Ross could have approved it'],
    ]);
    expect(task(d, 'IN.1.1')).toMatchObject({ verdict: 'partial', counts: { ok: 5, total: 6 } });
    expect(findingsOf(d, 'IN.1.1')).toEqual([
      ['IN.1.1/HYPERLINK-https-evil.example-PT/trained', 'no training record for =HYPERLINK("https://evil.example") (PT)'],
    ]);
    expect(findingsOf(d, 'IN.1.2').map((f) => f[1])).toEqual([
      'training out of date (last: 2024-02-05)',
      'no training record for =HYPERLINK("https://evil.example") (PT)',
    ]);
    const csv = await smsInProcess(['report', 'audit', '--format', 'csv'], dir, testEnv());
    expect(csv.code).toBe(0);
    const rows = parseCsv(csv.stdout, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(d.findings.length);
    const row = rows.find((r) => r.id === 'IN.1.1/HYPERLINK-https-evil.example-PT/trained')!;
    expect(row).toMatchObject({ source: 'obligation', task: 'IN.1.1', severity: 'partial' });
    // A spreadsheet would run a cell that starts with "=": it is written as text.
    expect(row.record).toBe(`'=HYPERLINK("https://evil.example") (PT)`);
  });

  it('inputs before outputs, and the work done by someone in the role: a procedure approved before the policy, drafted by a non-CM', async () => {
    const dir = tmp();
    // A smaller team: Ana alone holds SM and MGT.
    const team = STAFF.filter((x) => x.person !== dan && x.person !== eve);
    gitRepo(dir, [
      c('2026-01-05', ana, { [PATHS.roles]: roles(team) }, 'Roles', 8),
      c('2026-01-05', ana, {
        [PATHS.roles]: roles(team, 'approved', ana, '2026-01-05'),
        'sms.config.yaml': 'organisation: Acme IT\n',
      }),
      c('2026-01-06', ana, { [PATHS.policy]: record('policy', 'POLICY', 'Policy', 'draft') }),
      c('2026-01-07', cleo, { [PATHS.chgproc]: record('change-procedure', 'CHGPROC', 'Change procedure', 'draft') }),
      c('2026-01-10', ana, {
        [PATHS.chgproc]: record('change-procedure', 'CHGPROC', 'Change procedure', 'approved', approval(ana, '2026-01-10')),
      }),
      c('2026-01-12', ana, { [PATHS.policy]: record('policy', 'POLICY', 'Policy', 'approved', approval(ana, '2026-01-12')) }),
      c('2026-01-13', ana, {
        [PATHS.ir]: record('improvement-report', 'IR-0001', 'Start', 'draft', { period_start: '2026-01-01', period_end: '2026-01-12' }),
      }),
      c('2026-01-14', ana, {
        [PATHS.ir]: record('improvement-report', 'IR-0001', 'Start', 'approved', {
          period_start: '2026-01-01',
          period_end: '2026-01-12',
          ...approval(ana, '2026-01-14'),
        }),
      }),
    ]);
    const d = await audit(dir);
    expect(findingsOf(d, 'CO.1.1')).toEqual([
      [
        'CO.1.1/CHGPROC/approved',
        'approved on 2026-01-10, before its input, the service delivery policy, objectives and plan (sms plan), was approved on 2026-01-12',
      ],
    ]);
    expect(findingsOf(d, 'CO.1.2')).toEqual([
      ['CO.1.2/CHGPROC/drafted', "drafted by Cleo Park, who held none of the task's roles (CM) but IM, PT"],
      ['CO.1.2/change-schedule/exists', 'no service change schedule exists'],
    ]);
    // The improvement report drafted and approved by Ana, the only one holding MGT or SM here:
    // duties are separated where possible, and here it was not.
    expect(task(d, 'GO.4.2').verdict).toBe('conformant');
    expect(task(d, 'GO.4.2').obligations[0]!.instances[0]!.evidence.map((e) => e.what)).toContain(
      'approved by its author, the only one who held MGT or SM at the time',
    );
    // No problem record and no major incident: problem management is neither met nor partly met on absence.
    expect(task(d, 'IN.1.3').notTriggered).toBe('no major incident in the period');
    expect(d.fitsm.find((f) => f.code === 'PR10')).toMatchObject({
      verdict: 'nothing to check in the period',
      missingRecords: ['problem'],
    });
    fitsmNeverMetWithoutRecords(d);
  });

  it('reviews at their interval (reviewed_on counts) and the improvement report at least once a year', async () => {
    const late = testEnv({ SMS_TODAY: '2027-02-10' });
    let d = await audit(good, [], late);
    expect(findingsOf(d, 'GO.2.4')).toEqual([['GO.2.4/POLICY/revised', 'last reviewed 2026-01-13: due by 2027-01-13 (every 12 months)']]);
    expect(task(d, 'GO.4.1').verdict).toBe('conformant');
    const policy = (reviewedOn: string) =>
      record('policy', 'POLICY', 'Policy and plan', 'approved', { ...approval(ana, '2026-01-13'), reviewed_on: reviewedOn });
    const reviewedIn = (reviewedOn: string, day: string): CommitSpec => ({
      files: { [PATHS.policy]: policy(reviewedOn) },
      author: ana,
      date: `${day}T09:00:00Z`,
    });
    const { dir } = broken([reviewedIn('2027-01-20', '2027-01-20')]);
    d = await audit(dir, [], late);
    expect(task(d, 'GO.2.4').verdict).toBe('conformant');
    expect(task(d, 'GO.2.4').obligations[0]!.instances[0]!.evidence[0]).toMatchObject({
      what: 'reviewed',
      actor: 'Ana Costa',
      date: '2027-01-20',
    });
    d = await audit(dir, [], testEnv({ SMS_TODAY: '2027-07-01' }));
    expect(findingsOf(d, 'GO.4.1')).toEqual([['GO.4.1/since-2026-05-20/annual', 'no improvement report approved for 407 days']]);
    // A review date after the day it was recorded, or after the audit's day, is a review not yet held.
    // Recorded at 07:00 in Tokyo on 20 January (22:00 UTC on the 19th): recorded on its own day.
    const abroad = broken([{ ...reviewedIn('2027-01-20', '2027-01-20'), date: '2027-01-20T07:00:00+09:00' }]).dir;
    expect(findingsOf(await audit(abroad, [], late), 'GO.2.4')).toEqual([]);
    const ahead = broken([reviewedIn('2027-01-25', '2027-01-20')]).dir;
    expect(findingsOf(await audit(ahead, [], late), 'GO.2.4')).toEqual([
      [
        'GO.2.4/POLICY/revised',
        'reviewed_on 2027-01-25 was recorded on 2027-01-20, before the review it claims; last reviewed 2026-01-13: due by 2027-01-13 (every 12 months)',
      ],
    ]);
    // Edited in the working tree, not committed: a review dated after the day audited.
    const future = broken([]).dir;
    writeFiles(future, { [PATHS.policy]: policy('2027-03-01') });
    expect(findingsOf(await audit(future, [], late), 'GO.2.4')).toEqual([
      [
        'GO.2.4/POLICY/revised',
        'reviewed_on 2027-03-01 is after 2027-02-10, the day audited: a review not yet held does not count; last reviewed 2026-01-13: due by 2027-01-13 (every 12 months)',
      ],
    ]);
  });
});

describe('the audit: applicability, period and "as of"', () => {
  it('tasks and processes declared not applicable are neither gaps nor conformant, and show the justification', async () => {
    const { dir } = broken([
      c('2026-05-21', ana, {
        'sms.config.yaml':
          'organisation: Acme IT\nnot_applicable:\n  RE.2.5: "Customers sign our standard terms; agreements are not negotiated."\n  IN: "The customer\'s own service desk handles incidents under its contract."\n',
      }),
    ]);
    const d = await audit(dir);
    expect(d.summary).toMatchObject({ conformant: 31, notApplicable: 9, gap: 0, partial: 0 });
    expect(d.summaryRows.find((r) => r.id === 'RE.2.5')).toEqual({
      id: 'RE.2.5',
      title: expect.any(String),
      verdict: 'not applicable',
      nothingToCheck: false,
      ok: 0,
      total: 0,
      note: 'Customers sign our standard terms; agreements are not negotiated.',
    });
    expect(task(d, 'IN.2.1')).toMatchObject({
      verdict: 'not applicable',
      notApplicable: "The customer's own service desk handles incidents under its contract.",
    });
    expect(d.processes.find((p) => p.code === 'IN')!.objectives.map((o) => o.conclusion)).toEqual(['not applicable', 'not applicable']);
    expect(d.fitsm.find((f) => f.code === 'PR9')!.verdict).toBe('not applicable');
    const html = await smsInProcess(['report', 'audit', '--format', 'html'], dir, testEnv());
    expect(html.stdout).toMatch(
      />RE\.2\.5<\/a>[^<]*<\/td><td[^>]*>not applicable<\/td><td[^>]*>[^<]*<\/td><td[^>]*>Customers sign our standard terms; agreements are not negotiated\.<\/td>/,
    );

    writeFileSync(
      path.join(dir, 'sms.config.yaml'),
      'organisation: Acme IT\nnot_applicable:\n  RE.25: "Customers sign our standard terms."\n',
    );
    const typo = await smsInProcess(['report', 'audit'], dir, testEnv());
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(
      /^sms: sms\.config\.yaml:3:3: "RE\.25" under not_applicable is not a process or task of ISO\/IEC TR 29110-5-3; did you mean "RE\.2\.5"\?/m,
    );
  });

  it('--until builds from the history as it stood that day: the same output after later commits and edits', async () => {
    const { dir } = broken([]);
    const env = testEnv();
    const args = ['report', 'audit', '--until', '2026-03-10'];
    const before = await Promise.all(['json', 'md', 'html', 'csv'].map((f) => smsInProcess([...args, '--format', f], dir, env)));
    // Documents added and approved after that day, and an uncommitted edit.
    addCommit(dir, c('2026-05-25', cleo, { 'changes/RFC-0009-z.md': rfcDoc('RFC-0009', 'draft') }));
    addCommit(dir, c('2026-05-26', ben, { 'changes/RFC-0009-z.md': rfcDoc('RFC-0009', 'approved', approval(ben, '2026-05-26')) }));
    writeFileSync(path.join(dir, PATHS.policy), 'broken: [\n');
    const after = await Promise.all(['json', 'md', 'html', 'csv'].map((f) => smsInProcess([...args, '--format', f], dir, env)));
    for (let i = 0; i < before.length; i++) {
      expect(before[i]!.code).toBe(0);
      expect(after[i]!.stdout).toBe(before[i]!.stdout);
    }
    const d = JSON.parse(before[0]!.stdout) as Audit;
    // The commit of that day, not HEAD; nothing later is cited.
    expect(d.provenance).toMatchObject({
      commit: gitIn(dir, ['rev-list', '-1', '--before=2026-03-11T00:00:00Z', 'HEAD']).trim(),
      workingTree: false,
    });
    expect(findingsOf(d, 'GO.4.2')).toEqual([['GO.4.2/improvement-report/approved-each', 'no approved improvement report']]);
    expect(task(d, 'CO.3.5').notTriggered).toBe('no change was deployed in the period');
    expect(task(d, 'IN.2.1').notTriggered).toBe('no incident in the period');
    expect(JSON.stringify(d)).not.toMatch(/RFC-0009|IR-0001|INC-000/);
  });

  it("commit days are the organisation's: an approval at 23:00 UTC on 26 May is 27 May in Berlin, in the period from 27 May", async () => {
    const { dir } = broken([
      c('2026-05-24', ana, { 'sms.config.yaml': 'organisation: Acme IT\ntimezone: Europe/Berlin\n' }),
      c('2026-05-25', cleo, { 'changes/RFC-0009-z.md': rfcDoc('RFC-0009', 'draft') }),
      c('2026-05-26', ben, { 'changes/RFC-0009-z.md': rfcDoc('RFC-0009', 'approved', approval(ben, '2026-05-27')) }, 'change', 23),
    ]);
    const d = await audit(dir, ['--since', '2026-05-27']);
    const decided = task(d, 'CO.2.1').obligations[0]!.instances.find((i) => i.record?.id === 'RFC-0009');
    expect(decided?.evidence[0]).toMatchObject({ what: 'approved', date: '2026-05-27' });
  });

  it('a change request renumbered in place keeps its decision; an ID once held by a rejected request lends it none', async () => {
    const { dir } = broken([
      c('2026-05-24', cleo, { 'changes/RFC-0019-w.md': rfcDoc('RFC-0019', 'draft') }),
      c('2026-05-24', ben, { 'changes/RFC-0019-w.md': rfcDoc('RFC-0019', 'rejected') }, 'change', 12),
      c('2026-05-25', cleo, { 'changes/RFC-0009-z.md': rfcDoc('RFC-0009', 'draft'), 'changes/RFC-0019-w.md': null }),
      c('2026-05-26', ben, { 'changes/RFC-0009-z.md': rfcDoc('RFC-0009', 'approved', approval(ben, '2026-05-26')) }),
      // Renumbered in its file onto the ID the rejected request had.
      c('2026-05-27', cleo, {
        'changes/RFC-0009-z.md': rfcDoc('RFC-0019', 'approved', { ...approval(ben, '2026-05-26'), title: 'Change RFC-0009' }),
      }),
    ]);
    const d = await audit(dir, ['--since', '2026-05-26']);
    const decided = task(d, 'CO.2.1').obligations[0]!.instances.filter((i) => ['RFC-0009', 'RFC-0019'].includes(i.record?.id ?? ''));
    expect(decided.map((i) => [i.record?.id, i.ok, i.evidence[0]?.what, i.evidence[0]?.date])).toEqual([
      ['RFC-0019', true, 'approved', '2026-05-26'],
    ]);
  });

  it('CO.2.1: a change approved as pre-approved follows a listed model, proven by a normal change that went the whole way (NOTE 3)', async () => {
    const preApproved = (model?: string): CommitSpec[] => {
      const fields = { change_type: 'pre-approved', ...(model ? { pre_approved_model: model } : {}) };
      return [
        c('2026-05-25', cleo, { 'changes/RFC-0009-z.md': rfcDoc('RFC-0009', 'draft', fields) }),
        c('2026-05-26', ben, { 'changes/RFC-0009-z.md': rfcDoc('RFC-0009', 'approved', { ...approval(ben, '2026-05-26'), ...fields }) }),
      ];
    };
    // PA-1, proven by RFC-0001 (deployed on 2026-03-12; its outcome recorded only where given), agreed on 2026-05-20
    // by Ana (SM) in a revision of the change procedure.
    const listed = (outcome?: string): CommitSpec =>
      c('2026-05-20', ana, {
        [PATHS.chgproc]: record('change-procedure', 'CHGPROC', 'Change procedure', 'updated', {
          ...approval(ana, '2026-05-20'),
          pre_approved_models: [{ id: 'PA-1', title: 'Mailboxes', proven_by: 'RFC-0001', since: '2026-05-20' }],
        }),
        ...(outcome
          ? {
              [PATHS.rfc]: rfcDoc('RFC-0001', 'updated', {
                ...approval(ben, '2026-03-12'),
                deployed_on: '2026-03-12',
                outcome,
                reviewed_on: '2026-03-16',
                review_outcome: 'no change needed',
              }),
            }
          : {}),
      });
    const judged = async (commits: CommitSpec[]): Promise<unknown[]> => {
      const d = await audit(broken(commits).dir, ['--since', '2026-05-26']);
      const o = task(d, 'CO.2.1').obligations.find((x) => x.check === 'pre-approved-models')!;
      return o.instances.map((i) => [i.record?.id, i.ok, i.lacks]);
    };
    expect(await judged(preApproved())).toEqual([['RFC-0009', false, ['names no pre-approved model']]]);
    expect(await judged([listed(), ...preApproved('PA-1')])).toEqual([
      ['RFC-0009', false, ['model PA-1 does not count: RFC-0001 has outcome not set, where a proof needs successful']],
    ]);
    expect(await judged([listed('successful'), ...preApproved('PA-1')])).toEqual([['RFC-0009', true, []]]);
  });

  it('--since limits the per-instance checks to the records of the period', async () => {
    const d = await audit(good, ['--since', '2026-04-15']);
    expect(task(d, 'IN.2.1').counts).toEqual({ ok: 1, total: 1 });
    expect(okOf(task(d, 'IN.2.1'))).toEqual({ 'INC-0002': true });
    expect(task(d, 'CO.2.2')).toMatchObject({
      verdict: 'conformant',
      notTriggered: 'no normal or pre-approved change was deployed in the period',
    });
    const r = await smsInProcess(['report', 'audit', '--format', 'json', '--since', '2026-04-15'], good, testEnv());
    expect(JSON.parse(r.stdout).periodLabel).toBe('2026-04-15 to 2026-06-01');
  });
});

describe('the audit of work products the configuration redefines', () => {
  it('a built-in type replaced in custom_types is named in each task that reads or writes it, never silently conformant', async () => {
    const config = readFileSync(path.join(good, 'sms.config.yaml'), 'utf8');
    const custom = [
      'custom_types:',
      '  - key: change-request',
      '    title: Change request',
      '    folder: changes',
      '    id: { prefix: RFC, digits: 4 }',
      '    statuses: [draft, approved, updated]',
      '    initial: [draft]',
      '    transitions: { draft: [approved], approved: [updated] }',
      '',
    ].join('\n');
    const { dir } = broken([c('2026-05-21', ana, { 'sms.config.yaml': `${config}${custom}` })]);
    const d = await audit(dir);
    for (const id of ['CO.2.1', 'CO.3.2']) {
      expect(task(d, id).verdict, id).not.toBe('conformant');
      expect(findingsOf(d, id), id).toContainEqual([
        `${id}/change-request/defined-as-standard`,
        "the change-request type is defined in sms.config.yaml (custom_types), replacing WP.11: its lifecycle and who may decide are that definition's, not the standard's",
      ]);
    }
    // A task that neither reads nor writes change requests is not touched.
    expect(findingsOf(d, 'GO.1.1').map(([id]) => id)).not.toContain('GO.1.1/change-request/defined-as-standard');
  });
});

describe('the audit without history', () => {
  it('an export of the files with no Git repository, or a repository with no commit, is refused: exit 2, one line, nothing written', async () => {
    const exported = tmp();
    gitIn(tmp(), ['clone', '-q', good, exported]);
    rmSync(path.join(exported, '.git'), { recursive: true, force: true });
    const fresh = tmp();
    gitIn(fresh, ['init', '-q']);
    writeFiles(fresh, { 'sms.config.yaml': 'organisation: Acme IT\n' });
    for (const dir of [exported, fresh]) {
      const r = await smsInProcess(['report', 'audit', '--format', 'html', '--output', 'audit.html'], dir);
      expect(r.code, dir).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(
        `sms: sms report audit rests on Git history, and ${dir} has none: approvals and who did the work are evidenced by commits\n` +
          '     run it in a clone of the SMS repository with its full history, not in an export of its files\n',
      );
      expect(existsSync(path.join(dir, 'audit.html'))).toBe(false);
    }
    // The other reports still read what the files say, and say that history was missing.
    const review = await smsInProcess(['report', 'review', '--format', 'json'], exported, testEnv({ SMS_TODAY: '2026-06-01' }));
    expect(review.code).toBe(0);
    expect(JSON.parse(review.stdout).history).toBe(false);
  });
});

describe('the audit of a repository just made by sms init', () => {
  it('claims nothing that was not done: no task conformant on inputs never approved or services never in force', async () => {
    const dir = path.join(tmp(), 'o');
    const env = testEnv({ SMS_TODAY: '2026-01-05' });
    expect(
      (
        await smsInProcess(
          ['init', dir, '--yes', '--org', 'Acme IT', '--manager', 'Ana Costa <ana@acme.example>', '--service', 'Mail', '--ci', 'none'],
          tmp(),
          env,
        )
      ).code,
    ).toBe(0);
    const d = JSON.parse((await smsInProcess(['report', 'audit', '--format', 'json'], dir, env)).stdout) as Audit;
    const verdicts = Object.fromEntries(['GO.2.1', 'RE.1.1', 'CO.1.4'].map((id) => [id, task(d, id).verdict]));
    expect(verdicts).toEqual({ 'GO.2.1': 'gap', 'RE.1.1': 'gap', 'CO.1.4': 'gap' });
    const lacks = (id: string) => task(d, id).obligations.flatMap((o) => o.instances.flatMap((i) => i.lacks));
    expect(lacks('GO.2.1')).toEqual(
      expect.arrayContaining([
        'its input, the business goals and objectives, was never approved',
        'its input, the service delivery scope, was never approved',
      ]),
    );
    expect(lacks('CO.1.4')).toEqual(['no service in force, so no components are identified for one']);
    // A complaint answered and closed while the customer experience approach is still the draft
    // sms init wrote: handled by no approved procedure.
    addCommit(dir, {
      files: {
        'feedback/FB-0001-slow.md': doc(
          {
            id: 'FB-0001',
            type: 'feedback',
            title: 'Slow answers',
            status: 'updated',
            kind: 'complaint',
            received: '2026-01-03T10:00:00Z',
            handling: 'closed',
            closed: '2026-01-04T10:00:00Z',
            recorded_by: 'ana@acme.example',
          },
          ['Comment', 'Investigation and response'],
        ),
        // Closed with the template's guidance left where the restoration steps go.
        'incidents/INC-0001-mail.md': md(
          {
            id: 'INC-0001',
            type: 'incident',
            title: 'Mail down',
            status: 'closed',
            priority: 'P3',
            opened: '2026-01-03T09:00:00Z',
            responded: '2026-01-03T09:10:00Z',
            resolved: '2026-01-03T10:00:00Z',
            closed: '2026-01-03T11:00:00Z',
            reported_by: 'ana@acme.example',
            services: ['SVC-0001'],
          },
          '\n## Description\n\nNo mail for anyone in the office since nine.\n\n## Restoration steps\n\nWhat was done to restore the service, with times.\n\n## Solution\n\nRestarted the mail transport service at 09:55; mail flowed again.\n',
        ),
        // Marked closed with no closing time, the template's guidance where the investigation goes.
        'feedback/FB-0002-noise.md': md(
          {
            id: 'FB-0002',
            type: 'feedback',
            title: 'Noise',
            status: 'updated',
            kind: 'complaint',
            received: '2026-01-03T11:00:00Z',
            handling: 'closed',
            recorded_by: 'ana@acme.example',
          },
          '\n## Comment\n\nThe server room fan is loud during calls.\n\n## Investigation and response\n\nWhat was found and what was answered.\n',
        ),
      },
      author: ana,
      date: '2026-01-04T11:00:00Z',
    });
    const after = JSON.parse((await smsInProcess(['report', 'audit', '--format', 'json'], dir, env)).stdout) as Audit;
    expect(findingsOf(after, 'IN.2.4').map(([, what]) => what)).toEqual([expect.stringContaining('no restoration steps recorded')]);
    expect(task(after, 'RE.2.3').verdict).toBe('gap');
    expect(findingsOf(after, 'RE.2.3')).toEqual([
      ['RE.2.3/FB-0001/feedback-handled', 'handled while the customer experience approach it follows was never approved'],
      [
        'RE.2.3/FB-0002/feedback-handled',
        'a complaint marked closed with no closing time (closed); a complaint marked closed with no investigation and response recorded; handled while the customer experience approach it follows was never approved',
      ],
    ]);
  });
});

describe('the audit as a document', () => {
  it('a period that ended before the first commit: built from no commit, and says when history begins, not that there is none', async () => {
    const first = gitIn(good, ['log', '--reverse', '--format=%cs']).split('\n')[0];
    expect(first >= '2026-01-01').toBe(true);
    const before = await audit(good, ['--since', '2025-01-01', '--until', '2025-12-31']);
    expect(before.provenance).toMatchObject({ workingTree: false, historyBegins: first });
    expect(before.provenance).not.toHaveProperty('commit');
    const mdOut = (await smsInProcess(['report', 'audit', '--since', '2025-01-01', '--until', '2025-12-31'], good, testEnv())).stdout;
    expect(mdOut).toContain('Built from no commit (none was made by the end of the period), by sms ');
    expect(mdOut).toContain(`The repository's history begins on ${first}, after this period ended: no document existed as of its end`);
    expect(mdOut).not.toContain("working tree's documents");
    expect(mdOut).not.toContain('No Git history was available');
    const html = (
      await smsInProcess(['report', 'audit', '--format', 'html', '--since', '2025-01-01', '--until', '2025-12-31'], good, testEnv())
    ).stdout;
    expect(html).toContain(`The repository's history begins on ${first}, after this period ended`);
    // A period the history covers says nothing of the kind.
    const within = await audit(good, ['--since', '2026-01-01', '--until', '2026-05-31']);
    expect(within.provenance).not.toHaveProperty('historyBegins');
    expect(within.provenance.commit).toMatch(/^[0-9a-f]{40}$/);
  });

  it('Markdown and HTML: full titles, links to documents and commits from the URL templates, provenance, no stray separators', async () => {
    const { dir } = broken([
      c('2026-05-21', ana, {
        'sms.config.yaml':
          'organisation: Acme IT\nlinks:\n  document: "https://git.example/acme/sms/-/blob/{commit}/{path}"\n  commit: "https://git.example/acme/sms/-/commit/{commit}"\n',
      }),
    ]);
    const head = gitIn(dir, ['rev-parse', 'HEAD']).trim();
    const mdOut = (await smsInProcess(['report', 'audit'], dir, testEnv())).stdout;
    expect(mdOut).toContain(
      `Built from commit [\`${head}\`](https://git.example/acme/sms/-/commit/${head}) with the working tree's documents, by sms `,
    );
    expect(mdOut).toContain(
      '| [GO.2.1](#go-2-1) Draft the business-based service delivery and information security policy, objectives and plan\\(s\\), using existing customer feedback. | conformant | 1 / 1 |  |',
    );
    expect(mdOut).toContain(`[RFC-0001](https://git.example/acme/sms/-/blob/${head}/changes/RFC-0001-upgrade.md)`);
    const approvedScope = gitIn(dir, ['log', '--format=%H', '-1', '--', PATHS.scope]).trim();
    expect(mdOut).toContain(
      `approved 2026-01-09 by Eve Ross (MGT/RM) [\`${approvedScope.slice(0, 7)}\`](https://git.example/acme/sms/-/commit/${approvedScope})`,
    );
    for (const line of mdOut.split('\n')) {
      expect(line, line).not.toMatch(/ · $| · \)| · {2}· |,\s*\||;\s*\|/);
    }
    const html = (await smsInProcess(['report', 'audit', '--format', 'html'], dir, testEnv())).stdout;
    expect(html).toContain(`<a href="https://git.example/acme/sms/-/blob/${head}/changes/RFC-0001-upgrade.md">RFC-0001</a>`);
    expect(html).toMatch(/@bottom-right \{ content: "page " counter\(page\) " of " counter\(pages\)/);
    // Without templates: a relative link, each segment encoded.
    const plain = (await smsInProcess(['report', 'audit', '--format', 'html'], good, testEnv())).stdout;
    expect(plain).toContain('<a href="changes/RFC-0001-upgrade.md">RFC-0001</a>');
  });

  const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
  const havePoppler = spawnSync('pdfinfo', ['-v']).error === undefined;
  const printTest = (CHROMIUM && havePoppler) || process.env.SMS_CI_TOOLS ? it : it.skip;

  printTest(
    "the sample's audit prints on A4 in at most 12 pages, with a running header and page numbers, and no heading left at a page bottom",
    async () => {
      expect(CHROMIUM, 'Chromium is needed (apt-get install chromium)').toBeTruthy();
      expect(havePoppler, 'pdfinfo and pdftotext are needed (apt-get install poppler-utils)').toBe(true);
      const dir = path.join(tmp(), 'sample');
      // The sample is only the input here: the binary makes the HTML that Chromium prints.
      expect((await smsInProcess(['init', '--sample', dir], tmp())).code).toBe(0);
      const html = path.join(tmp(), 'audit.html');
      expect(sms(['report', 'audit', '--format', 'html', '--output', html], dir).code).toBe(0);
      const pdf = path.join(tmp(), 'audit.pdf');
      const r = spawnSync(
        CHROMIUM!,
        [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--no-first-run',
          '--disable-background-networking',
          '--no-pdf-header-footer',
          `--user-data-dir=${tmp('sms-chromium-')}`,
          `--print-to-pdf=${pdf}`,
          `file://${html}`,
        ],
        { encoding: 'utf8', timeout: 90_000 },
      );
      expect(r.status, r.stderr).toBe(0);
      const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
      expect(info).toMatch(/Page size:\s+594\.\d+ x 841\.\d+ pts \(A4\)/);
      const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
      expect(pages).toBeGreaterThan(3);
      expect(pages).toBeLessThanOrEqual(12);
      const source = readFileSync(html, 'utf8');
      const entities: Record<string, string> = { '&amp;': '&', '&#x27;': "'", '&quot;': '"', '&lt;': '<', '&gt;': '>', '&#x3D;': '=' };
      const headings = [...source.matchAll(/<h[23][^>]*>([^<]+)<\/h[23]>/g)].map((m) =>
        m[1]!.replace(/&[#\w]+;/g, (e) => entities[e] ?? e).trim(),
      );
      for (let p = 1; p <= pages; p++) {
        const text = execFileSync('pdftotext', ['-f', String(p), '-l', String(p), pdf, '-'], { encoding: 'utf8' });
        expect(text, `page ${p}`).toContain('ISO/IEC TR 29110-5-3 conformance evidence');
        expect(text, `page ${p}`).toContain(`page ${p} of ${pages}`);
        // The page's text in reading order, without the running header and footer: a heading left
        // at the bottom is what the page ends with (a table row ends with its last cell instead).
        const body = text
          .split('\n')
          .filter((l) => !/conformance evidence$|^as of \d{4}-\d\d-\d\d$|^page \d+ of \d+$/.test(l.trim()))
          .join(' ')
          .replace(/\s+/g, ' ')
          .trim();
        const stranded = headings.find((h) => body.endsWith(h.replace(/\s+/g, ' ')));
        expect(stranded, `page ${p} ends with a heading`).toBeUndefined();
      }
    },
    120_000,
  );
});

describe('a check that nothing in the period triggers says why', () => {
  it('incidents opened in the period but none closed yet: IN.2.5 says so, not "no incident in the period"', async () => {
    const { dir } = broken([
      {
        files: {
          'incidents/INC-0101-a.md': incidentDoc({
            id: 'INC-0101',
            opened: '2030-07-06T08:00:00Z',
            status: 'updated',
            resolved: '2030-07-06T09:00:00Z',
          }),
          'incidents/INC-0102-b.md': incidentDoc({ id: 'INC-0102', opened: '2030-07-08T08:00:00Z' }),
        },
        date: '2030-07-08T10:00:00Z',
      },
    ]);
    const d = await audit(dir, ['--since', '2030-07-01', '--until', '2030-07-31'], testEnv({ SMS_TODAY: '2030-08-05' }));
    expect(task(d, 'IN.2.5').notTriggered).toBe('no incident opened in the period is closed yet (2 opened)');
    // Where none was opened at all, that is what it says.
    const before = await audit(dir, ['--since', '2030-06-01', '--until', '2030-06-30'], testEnv({ SMS_TODAY: '2030-08-05' }));
    expect(task(before, 'IN.2.5').notTriggered).toBe('no incident in the period');
  });
});
