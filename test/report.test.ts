import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import {
  CONFIG,
  PEOPLE,
  ROOT,
  gitRepo,
  md,
  rfc,
  rolesCommits,
  rolesDoc,
  sms,
  smsInProcess,
  testEnv,
  tmp,
  type CommitSpec,
  writeFiles,
} from './helpers.js';
import { REPORT_KINDS } from '../src/report/registry.js';
import Handlebars from 'handlebars';
import { registerReportHelpers, renderReport, reportJson } from '../src/report/render.js';
import { SmsError } from '../src/errors.js';

const { ana, ben, cleo } = PEOPLE;
const SVC = (id: string, title: string): string =>
  md(
    { id, type: 'service', title, status: 'approved', owner: ana.email, approved_by: ana.email, approved_on: '2026-01-05' },
    '\n## Description\n\n## Service hours\n\n## Quality measures\n\n## How to use\n',
  );
const SLA = md(
  `id: SLA-0001\ntype: customer-agreement\ntitle: Gold\nstatus: approved\ncustomer: Bakery\nservices: [SVC-0001]\nstart: "2026-01-01"\nreview: "2026-12-01"\nend: "2027-12-31"\nowner: ana@acme.example\navailability: 99.5\napproved_by: ana@acme.example\ntargets:\n  P1: { resolution_hours: 4 }\n  P2: { resolution_hours: 8 }\n  P3: { resolution_hours: 40 }`,
  '\n## Scope\n\n## Service hours\n\n## Targets\n\n## Communication\n\n## Responsibilities\n',
);
const inc = (n: number, title: string, priority: string, service: string, opened: string, resolved?: string): string =>
  md(
    {
      id: `INC-000${n}`,
      type: 'incident',
      title,
      status: resolved ? 'closed' : 'opened',
      priority,
      opened,
      reported_by: cleo.email,
      services: [service],
      ...(resolved ? { resolved, closed: resolved } : {}),
    },
    '\n## Description\n\n## Restoration steps\n\n## Solution\n',
  );
const fb = (n: number, kind: string, received: string, handling: string): string =>
  md(
    { id: `FB-000${n}`, type: 'feedback', title: `Feedback ${n}`, status: 'updated', kind, received, handling, recorded_by: ana.email },
    '\n## Comment\n',
  );

const XSS = 'Printer <script>document.title="pwned"</script><img src=x onerror="document.body.dataset.pwned=1"> R&D | *bold*';

/** A scripted repository whose numbers are worked out by hand in the tests below. */
function scripted(): string {
  const dir = tmp();
  const R1 = 'changes/RFC-0001-a.md';
  const R2 = 'changes/RFC-0002-b.md';
  const commits: CommitSpec[] = [
    ...rolesCommits('2026-01-15'),
    {
      files: {
        'sms.config.yaml': CONFIG,
        'catalogue/SVC-0001-a.md': SVC('SVC-0001', 'Desk'),
        'catalogue/SVC-0002-b.md': SVC('SVC-0002', 'Mail'),
        'agreements/customers/SLA-0001-gold.md': SLA,
        'incidents/INC-0006-x.md': inc(6, 'Old one', 'P2', 'SVC-0001', '2026-02-20T08:00:00Z', '2026-02-20T09:00:00Z'),
        'feedback/FB-0002-x.md': fb(2, 'compliment', '2026-02-01T10:00:00Z', 'closed'),
      },
      author: ana,
      date: '2026-02-01T09:00:00Z',
    },
    { files: { [R1]: rfc() }, author: cleo, date: '2026-03-01T09:00:00Z' },
    {
      files: { [R1]: rfc({ status: 'approved', approved_by: ben.email, approved_on: '2026-03-03' }) },
      author: ben,
      date: '2026-03-03T09:00:00Z',
    },
    {
      files: { [R1]: rfc({ status: 'updated', approved_by: ben.email, approved_on: '2026-03-03' }) },
      author: ben,
      date: '2026-03-06T09:00:00Z',
    },
    { files: { [R2]: rfc({ id: 'RFC-0002', change_type: 'emergency' }) }, author: cleo, date: '2026-03-10T09:00:00Z' },
    { files: { [R2]: rfc({ id: 'RFC-0002', change_type: 'emergency', status: 'rejected' }) }, author: ben, date: '2026-03-11T09:00:00Z' },
    {
      files: {
        'incidents/INC-0001-x.md': inc(1, 'Server down', 'P1', 'SVC-0001', '2026-03-02T08:00:00Z', '2026-03-02T10:00:00Z'),
        // The title of a breached incident is shown in every report: it carries the hostile text.
        'incidents/INC-0002-x.md': inc(2, XSS, 'P1', 'SVC-0001', '2026-03-05T08:00:00Z', '2026-03-05T14:00:00Z'),
        'incidents/INC-0003-x.md': inc(3, 'Slow', 'P2', 'SVC-0001', '2026-03-10T09:00:00Z', '2026-03-10T12:00:00Z'),
        'incidents/INC-0004-x.md': inc(4, 'Mail', 'P2', 'SVC-0002', '2026-03-11T09:00:00Z', '2026-03-11T19:00:00Z'),
        'incidents/INC-0005-x.md': inc(5, 'Flaky', 'P3', 'SVC-0001', '2026-03-20T09:00:00Z'),
        'feedback/FB-0001-x.md': fb(1, 'complaint', '2026-03-15T10:00:00Z', 'responded'),
      },
      author: cleo,
      date: '2026-03-25T09:00:00Z',
    },
  ];
  gitRepo(dir, commits);
  return dir;
}

const PERIOD = ['--since', '2026-03-01', '--until', '2026-03-31'];

// Reports run in-process (the same code below bin/sms.js) except where the binary is the point: one
// report through it, the byte-identical output of two separate runs, and the file a browser opens.
describe('sms report review', () => {
  it('computes the numbers worked out by hand', () => {
    const r = sms(['report', 'review', '--format', 'json', ...PERIOD], scripted());
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout);
    expect(d.period).toEqual({ since: '2026-03-01', until: '2026-03-31' });
    // INC-0006 opened in February is outside the period; INC-0005 is still open on 31 March.
    expect(d.incidents.total).toBe(5);
    expect(d.incidents.open).toBe(1);
    expect(d.incidents.byPriority).toEqual({ P1: 2, P2: 2, P3: 1, P4: 0 });
    expect(d.incidents.byService).toEqual({ 'SVC-0001': 4, 'SVC-0002': 1 });
    // Resolved in 2, 6, 3 and 10 hours: median (3 + 6) / 2 = 4.5; nearest-rank p90 of 4 values is the 4th = 10.
    expect(d.incidents.resolution).toEqual({ count: 5, resolved: 4, medianHours: 4.5, p90Hours: 10 });
    const p1 = d.incidents.priorities.find((p: { priority: string }) => p.priority === 'P1');
    expect(p1).toMatchObject({ count: 2, medianHours: 4, p90Hours: 6, targetHours: 4, breaches: 1 });
    // INC-0002 took 6 h against 4 h; INC-0005 (P3, 40 h) has been open longer than 40 h at the end of March;
    // INC-0004 is for SVC-0002, which no agreement covers, so it has no target.
    expect(d.incidents.breaches.map((b: { id: string; open: boolean }) => [b.id, b.open])).toEqual([
      ['INC-0002', false],
      ['INC-0005', true],
    ]);
    expect(d.incidents.perMonth).toEqual([{ month: '2026-03', count: 5 }]);
    // RFC-0001: requested 1 March 09:00, approved 3 March 09:00 (2 days), deployed 6 March 09:00 (3 days).
    expect(d.changes.total).toBe(2);
    expect(d.changes.byType).toEqual({ normal: 1, emergency: 1, 'pre-approved': 0 });
    expect(d.changes.byOutcome).toEqual({ pending: 0, approved: 0, deployed: 1, rejected: 1 });
    expect(d.changes.leadTimes).toEqual({ daysToApprovalMedian: 2, daysToDeploymentMedian: 3, approvals: 1, deployments: 1 });
    expect(d.feedback.total).toBe(1);
    expect(d.feedback.byKind).toEqual({ compliment: 0, complaint: 1, comment: 0 });
    expect(d.feedback.open.map((f: { id: string }) => f.id)).toEqual(['FB-0001']);
    // Three commits each in March; a tie is ordered by name.
    expect(d.contributors).toEqual([
      { name: 'Ben Okafor', email: 'ben@acme.example', commits: 3 },
      { name: 'Cleo Park', email: 'cleo@acme.example', commits: 3 },
    ]);
  });

  it('an earlier period sees the statuses as they were then', async () => {
    const d = JSON.parse(
      (await smsInProcess(['report', 'review', '--format', 'json', '--since', '2026-03-01', '--until', '2026-03-04'], scripted())).stdout,
    );
    expect(d.changes.items.map((c: { id: string; outcome: string }) => [c.id, c.outcome])).toEqual([['RFC-0001', 'approved']]);
  });

  it('Markdown: Mermaid charts, Markdown escaping (not HTML escaping), byte-identical between runs', () => {
    const dir = scripted();
    const a = sms(['report', 'review', ...PERIOD], dir);
    const b = sms(['report', 'review', ...PERIOD], dir);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).toMatch(/```mermaid\nxychart-beta\n {2}title "Incidents opened per month"/);
    // The pie plots where each change stands, not how its deployment went.
    expect(a.stdout).toContain('```mermaid\npie title Changes by status at the end of the period');
    expect(a.stdout).not.toContain('Changes by outcome');
    expect(a.stdout).toContain('R\\&D \\| \\*bold\\*');
    expect(a.stdout).not.toContain('&amp;');
    expect(a.stdout).not.toContain('<script>');
  });

  it('--out writes the file atomically and prints nothing on stdout; bad dates exit 2', async () => {
    const dir = scripted();
    const out = path.join(tmp(), 'review.md');
    const r = await smsInProcess(['report', 'review', ...PERIOD, '--out', out], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toMatch(/^# Management review input: Acme IT/);
    expect(readdirSync(path.dirname(out))).toEqual(['review.md']);
    expect((await smsInProcess(['report', 'review', '--since', '2026-13-45'], dir)).code).toBe(2);
    expect((await smsInProcess(['report', 'review', '--since', '2026-04-01', '--until', '2026-03-01'], dir)).stderr).toMatch(
      /period is empty/,
    );
    expect((await smsInProcess(['report', 'nonsense'], dir)).code).toBe(2);
  });

  it('a template in .sms/templates overrides the shipped one, without prototype access', async () => {
    const dir = scripted();
    mkdirSync(path.join(dir, '.sms', 'templates', 'reports'), { recursive: true });
    writeFileSync(
      path.join(dir, '.sms', 'templates', 'reports', 'review.md.hbs'),
      'Total: {{incidents.total}}|{{constructor.name}}|{{__proto__.polluted}}|{{#with "x"}}{{constructor.constructor}}{{/with}}\n',
    );
    const r = await smsInProcess(['report', 'review', ...PERIOD], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('Total: 5|||\n');
  });
});

describe('sms report performance, audit, changes', () => {
  it('performance: each target against the incidents of the agreement; availability only from outage records', async () => {
    const d = JSON.parse(
      (await smsInProcess(['report', 'performance', '--agreement', 'SLA-0001', '--format', 'json', ...PERIOD], scripted())).stdout,
    );
    expect(d.incidents.total).toBe(4);
    expect(d.targets.find((t: { priority: string }) => t.priority === 'P1')).toMatchObject({
      targetHours: 4,
      count: 2,
      withinTarget: 1,
      breaches: 1,
      compliance: 50,
    });
    // The two P1 incidents of March record no outage: March's availability is not known, not guessed
    // from how long the tickets were open.
    expect(d.availability).toMatchObject({ targetPercent: 99.5, known: false });
    expect(d.availability.months).toMatchObject([
      { service: 'SVC-0001', note: 'not known: P1 incidents INC-0001, INC-0002 without an outage record' },
    ]);
    expect(d.proposedActions).toEqual([
      'Review the handling of P1 incidents: 1 breach of the agreed times.',
      'Review the handling of P3 incidents: 1 breach of the agreed times.',
      'Record the outage (outage_start, outage_end) of every P1 incident.',
      'Close the 1 incident still open.',
    ]);
    expect((await smsInProcess(['report', 'performance', '--agreement', 'SLA-0099', ...PERIOD], scripted())).code).toBe(2);
    expect((await smsInProcess(['report', 'performance', ...PERIOD], scripted())).stderr).toMatch(/needs --agreement/);
  });

  it('audit: tasks with their evidence and approvals from history, gaps, FitSM view', async () => {
    const d = JSON.parse((await smsInProcess(['report', 'audit', '--format', 'json'], scripted())).stdout);
    const task = (id: string) => d.processes.flatMap((p: { tasks: unknown[] }) => p.tasks).find((t: { id: string }) => t.id === id);
    expect(d.summary.tasks).toBe(40);
    // The incidents here were committed already closed: validation rejects them (status-transition),
    // so they do not evidence IN.2.1, and the audit says why.
    expect(task('IN.2.1').evidenced).toBe(false);
    expect(
      task('IN.2.1').obligations.flatMap((o: { instances: { lacks: string[] }[] }) => o.instances.flatMap((i) => i.lacks)),
    ).toContainEqual(
      expect.stringMatching(
        /^sms validate --history reports an error in this record \(status-transition: INC-0001 appeared already "closed"/,
      ),
    );
    expect(task('GO.1.1').evidenced).toBe(false);
    expect(d.gaps.map((g: { id: string }) => g.id)).toContain('GO.1.1');
    const rfc1 = task('CO.2.1').outputs[0].documents.find((x: { id: string }) => x.id === 'RFC-0001');
    expect(rfc1.approvals[0]).toMatchObject({
      status: 'approved',
      approver: 'Ben Okafor',
      rolesHeld: ['CM'],
      evidenced: true,
      attribution: 'author',
      selfAsserted: [],
      bootstrap: false,
    });
    const roles = task('GO.1.2').outputs[0].documents.find((x: { id: string }) => x.id === 'ROLES');
    expect(roles.approvals[0]).toMatchObject({ approver: 'Ana Costa', bootstrap: true, attribution: 'author' });
    // The 0.1 fields keep working with the audit's verdicts: `evidenced` is "conformant". None of
    // PR9's tasks is: these incidents were committed already closed, none is classified, answered
    // with a recorded first response, restored with its steps written down or closed with a
    // confirmation.
    expect(d.fitsm.find((f: { code: string }) => f.code === 'PR9')).toMatchObject({
      evidencedTasks: 0,
      totalTasks: 5,
      verdict: 'partly met',
    });
    expect(task('IN.2.2')).toMatchObject({ evidenced: false, verdict: 'gap' });
    expect(d.summary.evidenced).toBe(d.summary.conformant);
    expect(d.timelines.find((t: { id: string }) => t.id === 'RFC-0001').events.map((e: { to: string }) => e.to)).toEqual([
      'draft',
      'approved',
      'updated',
    ]);
  });

  it('changes: the schedule view from the change schedule and approved change requests', async () => {
    const dir = tmp();
    gitRepo(dir, [
      {
        files: {
          'sms.config.yaml': CONFIG,
          'governance/roles.md': rolesDoc(),
          'changes/RFC-0001-a.md': rfc({ status: 'approved', approved_by: ben.email, planned_date: '2026-12-24' }),
          'changes/change-schedule.md': md(
            'id: SCHEDULE\ntype: change-schedule\ntitle: Schedule\nstatus: draft\nchanges: []\nchange_windows: ["Tue 19-22"]\nkey_business_events:\n  - { date: "2026-12-24", event: "Christmas" }',
            '\n## Change windows\n\n## Maintenance windows\n\n## Key business events\n',
          ),
        },
      },
    ]);
    const d = JSON.parse(
      (await smsInProcess(['report', 'changes', '--format', 'json', '--since', '2026-12-01', '--until', '2026-12-31'], dir)).stdout,
    );
    expect(d.changes).toHaveLength(1);
    expect(d.changes[0].warnings).toEqual(['not in the change schedule', 'planned on a key business event: Christmas']);
    expect(d.changeWindows).toEqual(['Tue 19-22']);
  });

  it('changes: a key business event runs from its date to its last day and covers the changes it names', async () => {
    const dir = tmp();
    const approved = { status: 'approved', approved_by: ben.email, approved_on: '2026-11-02' };
    gitRepo(dir, [
      {
        files: {
          'sms.config.yaml': CONFIG,
          'governance/roles.md': rolesDoc(),
          // Mail (SVC-0002) during the freeze that protects mail: flagged on its second day.
          'changes/RFC-0001-a.md': rfc({ ...approved, services: ['SVC-0002'] }),
          // Another service and another item during that freeze: not flagged.
          'changes/RFC-0002-a.md': rfc({ ...approved, id: 'RFC-0002', services: ['SVC-0004'], impacted_cis: ['CI-0009'] }),
          // The device the freeze protects, on its last day: flagged.
          'changes/RFC-0003-a.md': rfc({ ...approved, id: 'RFC-0003', impacted_cis: ['CI-0001'] }),
          // Agreed with the customer to go ahead during the freeze: not flagged.
          'changes/RFC-0004-a.md': rfc({ ...approved, id: 'RFC-0004', services: ['SVC-0002'] }),
          // The day after the freeze ended: not flagged.
          'changes/RFC-0005-a.md': rfc({ ...approved, id: 'RFC-0005', services: ['SVC-0002'] }),
          // During a freeze of every service that began before the period: flagged.
          'changes/RFC-0006-a.md': rfc({ ...approved, id: 'RFC-0006', services: ['SVC-0004'] }),
          // Names no service and no item, so nothing shows it stays clear of the freeze: flagged.
          'changes/RFC-0007-a.md': rfc({ ...approved, id: 'RFC-0007' }),
          // Names a service the freeze does not protect but no item: it may touch CI-0001, flagged.
          'changes/RFC-0008-a.md': rfc({ ...approved, id: 'RFC-0008', services: ['SVC-0004'] }),
          'changes/change-schedule.md': md(
            [
              'id: SCHEDULE',
              'type: change-schedule',
              'title: Schedule',
              'status: draft',
              'changes:',
              '  - { change_request: RFC-0001, planned_date: "2026-12-15", window: "Tue" }',
              '  - { change_request: RFC-0002, planned_date: "2026-12-15", window: "Tue" }',
              '  - { change_request: RFC-0003, planned_date: "2026-12-24", window: "Thu" }',
              '  - { change_request: RFC-0004, planned_date: "2026-12-16", window: "Wed" }',
              '  - { change_request: RFC-0005, planned_date: "2026-12-25", window: "Fri" }',
              '  - { change_request: RFC-0006, planned_date: "2026-12-02", window: "Wed" }',
              '  - { change_request: RFC-0007, planned_date: "2026-12-22", window: "Tue" }',
              '  - { change_request: RFC-0008, planned_date: "2026-12-23", window: "Wed" }',
              'key_business_events:',
              '  - date: "2026-11-28"',
              '    until: "2026-12-03"',
              '    event: Move of the office',
              '  - date: "2026-12-14"',
              '    until: "2026-12-24"',
              '    event: Christmas trade',
              '    services: [SVC-0002]',
              '    configuration_items: [CI-0001]',
              '    allowed_changes: [RFC-0004]',
            ].join('\n'),
            '\n## Change windows\n\n## Maintenance windows\n\n## Key business events\n',
          ),
        },
      },
    ]);
    const d = JSON.parse(
      (await smsInProcess(['report', 'changes', '--format', 'json', '--since', '2026-12-01', '--until', '2026-12-31'], dir)).stdout,
    );
    const warned = Object.fromEntries((d.changes as { id: string; warnings: string[] }[]).map((c) => [c.id, c.warnings]));
    expect(warned).toEqual({
      'RFC-0001': ['planned during a key business event: Christmas trade (2026-12-14 to 2026-12-24)'],
      'RFC-0002': [],
      'RFC-0003': ['planned during a key business event: Christmas trade (2026-12-14 to 2026-12-24)'],
      'RFC-0004': [],
      'RFC-0005': [],
      'RFC-0006': ['planned during a key business event: Move of the office (2026-11-28 to 2026-12-03)'],
      'RFC-0007': ['planned during a key business event: Christmas trade (2026-12-14 to 2026-12-24)'],
      'RFC-0008': ['planned during a key business event: Christmas trade (2026-12-14 to 2026-12-24)'],
    });
    // The move began before the period and runs into it: it is listed, with its last day.
    expect(d.keyBusinessEvents.map((e: { event: string; until?: string }) => [e.event, e.until])).toEqual([
      ['Move of the office', '2026-12-03'],
      ['Christmas trade', '2026-12-24'],
    ]);
    const text = (await smsInProcess(['report', 'changes', '--since', '2026-12-01', '--until', '2026-12-31'], dir)).stdout;
    expect(text).toContain('- 2026-12-14 to 2026-12-24: Christmas trade (protects SVC-0002, CI-0001; allowed: RFC-0004)');
  });

  it('changes: a change the schedule lists twice (deployed in two stages) shows on both planned dates', async () => {
    const dir = tmp();
    gitRepo(dir, [
      {
        files: {
          'sms.config.yaml': CONFIG,
          'governance/roles.md': rolesDoc(),
          'changes/RFC-0001-a.md': rfc({ status: 'approved', approved_by: ben.email, approved_on: '2026-05-05' }),
          // Listed out of date order, stage 2 first; the same stage written twice is one entry.
          'changes/change-schedule.md': md(
            [
              'id: SCHEDULE',
              'type: change-schedule',
              'title: Schedule',
              'status: draft',
              'change_windows: ["Tuesday 19:00-22:00"]',
              'key_business_events:',
              '  - { date: "2026-06-23", event: "Summer sale" }',
              'changes:',
              '  - { change_request: RFC-0001, planned_date: "2026-07-07", window: "Tuesday 19:00-22:00 (stage 2: everyone)" }',
              '  - { change_request: RFC-0001, planned_date: "2026-06-23", window: "Tuesday 19:00-22:00 (stage 1: pilot)" }',
              '  - { change_request: RFC-0001, planned_date: "2026-07-07", window: "Tuesday 19:00-22:00 (stage 2: everyone)" }',
            ].join('\n'),
            '\n## Change windows\n\n## Maintenance windows\n\n## Key business events\n',
          ),
        },
        date: '2026-05-06T10:00:00Z',
      },
    ]);
    const env = testEnv({ SMS_TODAY: '2026-05-15' });
    const entries = async (since: string, until: string) =>
      JSON.parse((await smsInProcess(['report', 'changes', '--format', 'json', '--since', since, '--until', until], dir, env)).stdout)
        .changes as { id: string; planned: string; window?: string; inSchedule: boolean; warnings: string[] }[];
    const june = ['RFC-0001', '2026-06-23', 'Tuesday 19:00-22:00 (stage 1: pilot)', true, ['planned on a key business event: Summer sale']];
    const july = ['RFC-0001', '2026-07-07', 'Tuesday 19:00-22:00 (stage 2: everyone)', true, []];
    const row = (c: { id: string; planned: string; window?: string; inSchedule: boolean; warnings: string[] }) => [
      c.id,
      c.planned,
      c.window,
      c.inSchedule,
      c.warnings,
    ];
    expect((await entries('2026-06-01', '2026-06-30')).map(row)).toEqual([june]);
    expect((await entries('2026-07-01', '2026-07-31')).map(row)).toEqual([july]);
    expect((await entries('2026-06-01', '2026-07-31')).map(row)).toEqual([june, july]);
    // A schedule may list a change once per stage: validate has nothing to say about it.
    const v = JSON.parse((await smsInProcess(['validate', 'changes', '--format', 'json'], dir, env)).stdout);
    expect(v.errorCount).toBe(0);
  });
});

describe('sms report changes: what the schedule and the change requests say together', () => {
  type Row = { id: string; planned: string; deployedOn?: string; window?: string; inSchedule: boolean; warnings: string[] };
  const schedule = (changes: string[], events: string[] = []): string =>
    md(
      [
        'id: SCHEDULE',
        'type: change-schedule',
        'title: Schedule',
        'status: updated',
        'change_windows: ["Tuesday 19:00-22:00"]',
        'changes:',
        ...changes,
        ...(events.length ? ['key_business_events:', ...events] : []),
      ].join('\n'),
      '\n## Change windows\n\n## Maintenance windows\n\n## Key business events\n',
    );
  const repo = (files: Record<string, string>): string => {
    const dir = tmp();
    gitRepo(dir, [{ files: { 'sms.config.yaml': CONFIG, 'governance/roles.md': rolesDoc(), ...files }, date: '2026-05-06T10:00:00Z' }]);
    return dir;
  };
  const rows = async (dir: string, today: string, args: string[] = []): Promise<Row[]> => {
    const r = await smsInProcess(['report', 'changes', '--format', 'json', ...args], dir, testEnv({ SMS_TODAY: today }));
    expect(r.stderr).toBe('');
    return JSON.parse(r.stdout).changes;
  };
  const warned = (list: Row[]) => list.map((c) => [c.id, c.planned, c.warnings]);
  const approved = { status: 'approved', approved_by: ben.email, approved_on: '2026-05-05' };

  it('shows when a change was deployed, and warns when that was on none of its planned days', async () => {
    const dir = repo({
      // Deployed early, on a Friday: the entry for the Tuesday is no longer a plan.
      'changes/RFC-0001-a.md': rfc({ ...approved, status: 'updated', deployed_on: '2026-11-20' }),
      // Deployed as planned.
      'changes/RFC-0002-a.md': rfc({ ...approved, id: 'RFC-0002', status: 'updated', deployed_on: '2026-11-24' }),
      // Deployed in two stages, on the day of the second.
      'changes/RFC-0003-a.md': rfc({ ...approved, id: 'RFC-0003', status: 'updated', deployed_on: '2026-11-17' }),
      'changes/change-schedule.md': schedule([
        '  - { change_request: RFC-0001, planned_date: "2026-12-08", window: "Tuesday 19:00-22:00" }',
        '  - { change_request: RFC-0002, planned_date: "2026-11-24", window: "Tuesday 19:00-22:00" }',
        '  - { change_request: RFC-0003, planned_date: "2026-11-10", window: "Tuesday 19:00-22:00 (pilot)" }',
        '  - { change_request: RFC-0003, planned_date: "2026-11-17", window: "Tuesday 19:00-22:00 (everyone)" }',
      ]),
    });
    const list = await rows(dir, '2026-11-30');
    expect(list.map((c) => [c.id, c.planned, c.deployedOn, c.warnings])).toEqual([
      ['RFC-0003', '2026-11-10', '2026-11-17', []],
      ['RFC-0003', '2026-11-17', '2026-11-17', []],
      ['RFC-0002', '2026-11-24', '2026-11-24', []],
      ['RFC-0001', '2026-12-08', '2026-11-20', ['deployed on 2026-11-20, not on the planned day']],
    ]);
    const env = testEnv({ SMS_TODAY: '2026-11-30' });
    const text = (await smsInProcess(['report', 'changes'], dir, env)).stdout;
    expect(text).toContain('| Planned | Deployed | Change |');
    expect(text).toContain('| 2026-12-08 | 2026-11-20 | RFC-0001 |');
    const html = (await smsInProcess(['report', 'changes', '--format', 'html'], dir, env)).stdout;
    expect(html).toContain('<th>Planned</th><th>Deployed</th>');
    expect(html).toContain('<td>2026-12-08</td><td>2026-11-20</td><td>RFC-0001</td>');
  });

  it('warns about a deployment on a day of a key business event that protects the change', async () => {
    const dir = repo({
      'changes/RFC-0001-a.md': rfc({ ...approved, status: 'updated', deployed_on: '2026-12-14' }),
      'changes/RFC-0002-a.md': rfc({ ...approved, id: 'RFC-0002', status: 'updated', deployed_on: '2026-12-28' }),
      // Allowed during the event: its deployment there is agreed.
      'changes/RFC-0003-a.md': rfc({ ...approved, id: 'RFC-0003', status: 'updated', deployed_on: '2026-12-15' }),
      'changes/change-schedule.md': schedule(
        [
          '  - { change_request: RFC-0001, planned_date: "2026-12-08", window: "Tuesday 19:00-22:00" }',
          '  - { change_request: RFC-0002, planned_date: "2026-12-01", window: "Tuesday 19:00-22:00" }',
          '  - { change_request: RFC-0003, planned_date: "2026-12-01", window: "Tuesday 19:00-22:00" }',
        ],
        [
          '  - { date: "2026-12-14", until: "2026-12-24", event: "Christmas trade", allowed_changes: [RFC-0003] }',
          '  - { date: "2026-12-28", event: "Year-end closing" }',
        ],
      ),
    });
    expect(warned(await rows(dir, '2026-12-31', ['--since', '2026-12-01', '--until', '2026-12-31']))).toEqual([
      ['RFC-0002', '2026-12-01', ['deployed on 2026-12-28, not on the planned day', 'deployed on a key business event: Year-end closing']],
      ['RFC-0003', '2026-12-01', ['deployed on 2026-12-15, not on the planned day']],
      [
        'RFC-0001',
        '2026-12-08',
        [
          'deployed on 2026-12-14, not on the planned day',
          'deployed during a key business event: Christmas trade (2026-12-14 to 2026-12-24)',
        ],
      ],
    ]);
    // Planned in November, deployed during the freeze: a view of December shows it there.
    writeFiles(dir, {
      'changes/RFC-0004-a.md': rfc({ ...approved, id: 'RFC-0004', status: 'updated', deployed_on: '2026-12-16' }),
      'changes/change-schedule.md': schedule(
        ['  - { change_request: RFC-0004, planned_date: "2026-11-24", window: "Tuesday 19:00-22:00" }'],
        ['  - { date: "2026-12-14", until: "2026-12-24", event: "Christmas trade" }'],
      ),
    });
    expect(
      warned(await rows(dir, '2026-12-31', ['--since', '2026-12-01', '--until', '2026-12-31'])).filter(([id]) => id === 'RFC-0004'),
    ).toEqual([
      [
        'RFC-0004',
        '2026-11-24',
        [
          'deployed on 2026-12-16, not on the planned day',
          'deployed during a key business event: Christmas trade (2026-12-14 to 2026-12-24)',
        ],
      ],
    ]);
  });

  it('warns when a planned date has passed without a deployment, and keeps such changes in view', async () => {
    const dir = repo({
      // Planned before the default period (today - 30 days), never deployed: still shown.
      'changes/RFC-0001-a.md': rfc(approved),
      // Planned in the period, passed, not deployed.
      'changes/RFC-0002-a.md': rfc({ ...approved, id: 'RFC-0002' }),
      // Planned for today: not passed yet.
      'changes/RFC-0003-a.md': rfc({ ...approved, id: 'RFC-0003' }),
      // Deployed as planned, long ago: out of the period.
      'changes/RFC-0004-a.md': rfc({ ...approved, id: 'RFC-0004', status: 'updated', deployed_on: '2026-10-10' }),
      // Rejected: it will never be deployed, and it is out of the period.
      'changes/RFC-0005-a.md': rfc({ id: 'RFC-0005', status: 'rejected' }),
      'changes/change-schedule.md': schedule([
        '  - { change_request: RFC-0001, planned_date: "2026-10-20", window: "Tuesday 19:00-22:00" }',
        '  - { change_request: RFC-0002, planned_date: "2026-11-24", window: "Tuesday 19:00-22:00" }',
        '  - { change_request: RFC-0003, planned_date: "2026-11-30" }',
        '  - { change_request: RFC-0004, planned_date: "2026-10-10" }',
        '  - { change_request: RFC-0005, planned_date: "2026-10-15" }',
      ]),
    });
    expect(warned(await rows(dir, '2026-11-30'))).toEqual([
      ['RFC-0001', '2026-10-20', ['planned date passed, not deployed']],
      ['RFC-0002', '2026-11-24', ['planned date passed, not deployed']],
      ['RFC-0003', '2026-11-30', []],
    ]);
    // A period that does not hold today shows only what is planned in it.
    expect(warned(await rows(dir, '2026-11-30', ['--since', '2026-11-01', '--until', '2026-11-29']))).toEqual([
      ['RFC-0002', '2026-11-24', ['planned date passed, not deployed']],
    ]);
    expect(warned(await rows(dir, '2026-11-30', ['--since', '2026-10-01', '--until', '2026-10-31']))).toEqual([
      ['RFC-0004', '2026-10-10', []],
      ['RFC-0005', '2026-10-15', ['status is rejected']],
      ['RFC-0001', '2026-10-20', ['planned date passed, not deployed']],
    ]);
  });

  it('lists an approved change that is neither scheduled nor deployed, undated and last', async () => {
    const dir = repo({
      'changes/RFC-0001-a.md': rfc(approved),
      'changes/RFC-0002-a.md': rfc({ ...approved, id: 'RFC-0002' }),
      'changes/RFC-0003-a.md': rfc({ id: 'RFC-0003', status: 'draft' }),
      'changes/RFC-0004-a.md': rfc({ id: 'RFC-0004', status: 'rejected' }),
      'changes/RFC-0005-a.md': rfc({ ...approved, id: 'RFC-0005', status: 'updated', deployed_on: '2026-11-02' }),
      'changes/change-schedule.md': schedule([
        '  - { change_request: RFC-0002, planned_date: "2026-12-08", window: "Tuesday 19:00-22:00" }',
      ]),
    });
    // RFC-0005 went in during the view's period without ever being scheduled: shown as such.
    expect(warned(await rows(dir, '2026-11-30'))).toEqual([
      ['RFC-0002', '2026-12-08', []],
      ['RFC-0001', '', ['not in the change schedule']],
      ['RFC-0005', '', ['not in the change schedule']],
    ]);
    expect(warned(await rows(dir, '2026-11-30', ['--since', '2026-12-01', '--until', '2026-12-31']))).toEqual([
      ['RFC-0002', '2026-12-08', []],
    ]);
  });

  it("warns when the change request's own planned date is none of the schedule's dates for it", async () => {
    const dir = repo({
      'changes/RFC-0001-a.md': rfc({ ...approved, planned_date: '2026-12-14' }),
      // Planned in two stages; the request names one of them.
      'changes/RFC-0002-a.md': rfc({ ...approved, id: 'RFC-0002', planned_date: '2026-12-15' }),
      'changes/RFC-0003-a.md': rfc({ ...approved, id: 'RFC-0003' }),
      'changes/change-schedule.md': schedule([
        '  - { change_request: RFC-0001, planned_date: "2026-12-08", window: "Tuesday 19:00-22:00" }',
        '  - { change_request: RFC-0002, planned_date: "2026-12-08", window: "Tuesday 19:00-22:00" }',
        '  - { change_request: RFC-0002, planned_date: "2026-12-15", window: "Tuesday 19:00-22:00" }',
        '  - { change_request: RFC-0003, planned_date: "2026-12-15", window: "Tuesday 19:00-22:00" }',
      ]),
    });
    expect(warned(await rows(dir, '2026-11-30', ['--since', '2026-12-01', '--until', '2026-12-31']))).toEqual([
      ['RFC-0001', '2026-12-08', ['the change request plans it for 2026-12-14']],
      ['RFC-0002', '2026-12-08', []],
      ['RFC-0002', '2026-12-15', []],
      ['RFC-0003', '2026-12-15', []],
    ]);
  });

  it('shows an emergency change planned during a key business event, in its own words', async () => {
    const dir = repo({
      'changes/RFC-0001-a.md': rfc({ ...approved, change_type: 'emergency' }),
      'changes/RFC-0002-a.md': rfc({ ...approved, id: 'RFC-0002', change_type: 'emergency' }),
      'changes/RFC-0003-a.md': rfc({ ...approved, id: 'RFC-0003' }),
      'changes/change-schedule.md': schedule(
        [
          '  - { change_request: RFC-0001, planned_date: "2026-12-15", window: "Tuesday 19:00-22:00" }',
          '  - { change_request: RFC-0002, planned_date: "2026-12-28", window: "emergency" }',
          '  - { change_request: RFC-0003, planned_date: "2026-12-28", window: "Monday 19:00-22:00" }',
        ],
        [
          '  - { date: "2026-12-14", until: "2026-12-24", event: "Christmas trade" }',
          '  - { date: "2026-12-28", event: "Year-end closing" }',
        ],
      ),
    });
    expect(warned(await rows(dir, '2026-11-30', ['--since', '2026-12-01', '--until', '2026-12-31']))).toEqual([
      ['RFC-0001', '2026-12-15', ['emergency change during a key business event: Christmas trade (2026-12-14 to 2026-12-24)']],
      ['RFC-0002', '2026-12-28', ['emergency change on a key business event: Year-end closing']],
      ['RFC-0003', '2026-12-28', ['planned on a key business event: Year-end closing']],
    ]);
  });

  it('warns when a window starts with a weekday that is not the weekday of the planned date', async () => {
    const windows: [string, string, string[]][] = [
      ['2027-01-14', 'Tuesday 19:00-22:00', ['the window says Tuesday; 2027-01-14 is a Thursday']],
      ['2027-01-12', 'tuesday 19:00-22:00', []],
      ['2027-01-15', 'SUNDAY, 02:00-04:00 (till offline)', ['the window says Sunday; 2027-01-15 is a Friday']],
      ['2027-01-16', 'Saturday 08:00-16:00, agreed with the customer', []],
      // Free text that does not start with a weekday name says nothing about the day.
      ['2027-01-13', 'Any working day 08:00-18:00', []],
      ['2027-01-13', 'Tue 19:00-22:00', []],
      ['2027-01-13', 'Tuesdays only', []],
      ['2027-01-13', 'emergency, Tuesday 19:00', []],
      // A window of several days names no one day.
      ['2027-01-14', 'Tuesday or Thursday 19:00-22:00', []],
      ['2027-01-20', 'Monday to Friday 08:00-18:00', []],
    ];
    const dir = repo({
      ...Object.fromEntries(windows.map((_, i) => [`changes/RFC-000${i + 1}-a.md`, rfc({ ...approved, id: `RFC-000${i + 1}` })])),
      'changes/change-schedule.md': schedule(
        windows.map(([date, window], i) => `  - { change_request: RFC-000${i + 1}, planned_date: "${date}", window: "${window}" }`),
      ),
    });
    const list = await rows(dir, '2026-11-30', ['--since', '2027-01-01', '--until', '2027-01-31']);
    expect(Object.fromEntries(list.map((c) => [c.window, c.warnings]))).toEqual(Object.fromEntries(windows.map(([, w, ws]) => [w, ws])));
  });

  it('warns when a change is planned before it was approved, emergency changes too', async () => {
    const dir = repo({
      'changes/RFC-0001-a.md': rfc({ ...approved, approved_on: '2026-10-27' }),
      'changes/RFC-0002-a.md': rfc({ ...approved, id: 'RFC-0002', change_type: 'emergency', approved_on: '2026-10-14' }),
      'changes/RFC-0003-a.md': rfc({ ...approved, id: 'RFC-0003', approved_on: '2026-10-27' }),
      'changes/change-schedule.md': schedule([
        '  - { change_request: RFC-0001, planned_date: "2026-10-20", window: "Tuesday 19:00-22:00" }',
        '  - { change_request: RFC-0002, planned_date: "2026-10-13", window: "emergency" }',
        '  - { change_request: RFC-0003, planned_date: "2026-10-27", window: "Tuesday 19:00-22:00" }',
      ]),
    });
    expect(warned(await rows(dir, '2026-09-01', ['--since', '2026-10-01', '--until', '2026-10-31']))).toEqual([
      ['RFC-0002', '2026-10-13', ['planned for 2026-10-13, before its approval on 2026-10-14']],
      ['RFC-0001', '2026-10-20', ['planned for 2026-10-20, before its approval on 2026-10-27']],
      ['RFC-0003', '2026-10-27', []],
    ]);
  });
});

describe('report JSON past the longest string Node can hold', () => {
  it('is refused as too large, with what to do instead, not an unexpected failure', () => {
    // 520 references to one string of 1 MiB: about 545 million characters of JSON, past V8's
    // limit of about 537 million, while the data itself holds only 1 MiB.
    const big = 'x'.repeat(1 << 20);
    const data = { findings: Array.from({ length: 520 }, () => big) };
    let err: unknown;
    try {
      reportJson('audit', data);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SmsError);
    expect((err as SmsError).code).toBe('REPORT_TOO_LARGE');
    expect((err as SmsError).message).toBe(
      'the audit report is too large to write as json (more text than Node can hold in one string); nothing was written',
    );
    // Below the limit the same data is written as before.
    expect(reportJson('audit', { findings: [big.slice(0, 3)] })).toBe('{\n  "findings": [\n    "xxx"\n  ]\n}\n');
    // Other failures are not mistaken for it.
    expect(() => reportJson('audit', { n: 1n })).toThrow(TypeError);
  });
});

describe('precompiled report templates', () => {
  // In-process: the rendering code is the same below the launcher, and 16 report runs of the
  // sample through separate processes take a minute on a busy machine.
  it('give every report kind in Markdown and HTML byte for byte as the same templates compiled at run time', async () => {
    const dir = path.join(tmp(), 'sample');
    expect((await smsInProcess(['init', '--sample', dir], path.dirname(dir))).code).toBe(0);
    const env = testEnv({ SMS_TODAY: '2026-11-30' });
    const args: Record<string, string[]> = {
      review: ['--since', '2025-10-01', '--until', '2026-09-30'],
      audit: ['--until', '2026-11-30'],
      performance: ['--agreement', 'SLA-0001', '--since', '2026-07-01', '--until', '2026-09-30'],
      changes: ['--since', '2026-12-01', '--until', '2026-12-31'],
    };
    // Every kind the CLI offers has its arguments here, so a new report cannot slip past this test.
    expect(Object.keys(args).sort()).toEqual([...REPORT_KINDS].sort());
    const render = async (): Promise<string[]> => {
      const out: string[] = [];
      for (const [kind, a] of Object.entries(args))
        for (const format of ['md', 'html']) {
          const r = await smsInProcess(['report', kind, '--format', format, ...a], dir, env);
          expect(r.stderr, `${kind} ${format}`).toBe('');
          expect(r.code, `${kind} ${format}`).toBe(0);
          out.push(r.stdout);
        }
      return out;
    };
    const precompiled = await render();
    expect(precompiled.every((t) => t.length > 300)).toBe(true);
    // A value a template could not find prints as one of these words, in a table a reader trusts.
    for (const t of precompiled) expect(t).not.toMatch(/\bundefined\b|\bNaN\b|\[object Object\]/);
    // The shipped templates, as the repository's own: now every one is compiled at run time.
    const own = path.join(dir, '.sms', 'templates', 'reports');
    mkdirSync(own, { recursive: true });
    for (const f of readdirSync(path.join(ROOT, 'templates', 'reports')))
      writeFileSync(path.join(own, f), readFileSync(path.join(ROOT, 'templates', 'reports', f)));
    expect(await render()).toEqual(precompiled);
  });
});

describe('audit of a period with nothing in it', () => {
  it('counts the conformant tasks with nothing to check apart, and scores no FitSM requirement by them', async () => {
    const dir = scripted();
    const env = testEnv({ SMS_TODAY: '2026-05-15' });
    const audit = async (format: string): Promise<string> => {
      const r = await smsInProcess(['report', 'audit', '--since', '2026-04-01', '--until', '2026-04-30', '--format', format], dir, env);
      expect(r.code, r.stderr).toBe(0);
      return r.stdout;
    };
    const d = JSON.parse(await audit('json'));
    // No incident in April: every incident task is conformant with nothing to check.
    const incidentRows = d.summaryRows.filter((t: { id: string }) => t.id.startsWith('IN.2.'));
    expect(incidentRows.length).toBeGreaterThan(2);
    for (const t of incidentRows) expect(t, t.id).toMatchObject({ verdict: 'conformant', nothingToCheck: true, total: 0 });
    const vacuous = d.summaryRows.filter((t: { nothingToCheck: boolean }) => t.nothingToCheck).length;
    expect(d.summary.nothingToCheck).toBe(vacuous);
    expect(d.summary.nothingToCheck).toBeLessThanOrEqual(d.summary.conformant);
    // PR9 (incident management) rests on those tasks alone: nothing evidences it either way.
    expect(d.fitsm.find((f: { code: string }) => f.code === 'PR9').verdict).toBe('nothing to check in the period');
    const md = await audit('md');
    expect(md).toContain(`**${d.summary.conformant}** conformant (${vacuous} of them with nothing to check in the period)`);
    expect(md).toMatch(/\| \[IN\.2\.1\]\(#in-2-1\) .* \| conformant \(nothing to check\) \|/);
    expect(await audit('html')).toContain('conformant (nothing to check)</td>');
  });
});

describe('audit: the yearly improvement report', () => {
  it('is due a year after the SMS began, whatever period is audited, and the reason given for nothing due is true', async () => {
    const dir = scripted(); // its first commit: 15 January 2026
    const go41 = async (since: string, until: string) => {
      const r = await smsInProcess(
        ['report', 'audit', '--since', since, '--until', until, '--format', 'json'],
        dir,
        testEnv({ SMS_TODAY: '2027-03-15' }),
      );
      expect(r.code, r.stderr).toBe(0);
      const d = JSON.parse(r.stdout);
      return d.processes.flatMap((p: { tasks: unknown[] }) => p.tasks).find((t: { id: string }) => t.id === 'GO.4.1');
    };
    // February 2027: 409 days since the SMS began on 15 January 2026, and no improvement report ever.
    const late = await go41('2027-02-01', '2027-02-28');
    expect(late.verdict).toBe('gap');
    expect(JSON.stringify(late.obligations)).toContain('approved for 409 days');
    // March 2026: nothing due yet, and the reason names when the SMS began, not the period's first day.
    const early = await go41('2026-03-01', '2026-03-31');
    expect(early).toMatchObject({ verdict: 'conformant', nothingToCheck: true });
    expect(early.notTriggered).toContain('the SMS began on 2026-01-15');
  });
});

describe('change lead times', () => {
  it('count whole days between the days the table shows: a deployment day is not midnight UTC', async () => {
    const dir = tmp();
    const R = 'changes/RFC-0001-a.md';
    gitRepo(dir, [
      ...rolesCommits('2026-01-15'),
      {
        files: { 'sms.config.yaml': CONFIG, 'catalogue/SVC-0001-a.md': SVC('SVC-0001', 'Desk') },
        author: ana,
        date: '2026-02-01T09:00:00Z',
      },
      { files: { [R]: rfc() }, author: cleo, date: '2026-03-02T16:00:00Z' },
      {
        files: { [R]: rfc({ status: 'approved', approved_by: ben.email, approved_on: '2026-03-03' }) },
        author: ben,
        date: '2026-03-03T15:00:00Z',
      },
      {
        files: {
          [R]: rfc({
            status: 'updated',
            approved_by: ben.email,
            approved_on: '2026-03-03',
            deployed_on: '2026-03-04',
            outcome: 'successful',
          }),
        },
        author: ben,
        date: '2026-03-04T17:00:00Z',
      },
    ]);
    const r = await smsInProcess(['report', 'review', '--format', 'json', ...PERIOD], dir, testEnv({ SMS_TODAY: '2026-04-30' }));
    expect(r.code, r.stderr).toBe(0);
    const d = JSON.parse(r.stdout);
    expect(d.changes.items).toMatchObject([
      { requestedOn: '2026-03-02', approvedOn: '2026-03-03', deployedOn: '2026-03-04', daysToApproval: 1, daysToDeployment: 1 },
    ]);
    expect(d.changes.leadTimes).toMatchObject({ daysToApprovalMedian: 1, daysToDeploymentMedian: 1 });
  });
});

describe('review of a period before the SMS', () => {
  it("says so where the period ends before the SMS's first commit, and not otherwise", async () => {
    const dir = scripted();
    const env = testEnv({ SMS_TODAY: '2026-04-30' });
    const review = async (args: string[], format = 'json'): Promise<string> => {
      const r = await smsInProcess(['report', 'review', '--format', format, ...args], dir, env);
      expect(r.code, r.stderr).toBe(0);
      return r.stdout;
    };
    const before = ['--since', '2025-10-01', '--until', '2025-12-31'];
    expect(JSON.parse(await review(before))).toMatchObject({ historyBegins: '2026-01-15', periodBeforeHistory: true });
    const note = "The SMS's history begins on 2026-01-15, after this period:";
    expect(await review(before, 'md')).toContain(note);
    expect(await review(before, 'html')).toContain(note);
    expect(JSON.parse(await review(PERIOD))).toMatchObject({ historyBegins: '2026-01-15', periodBeforeHistory: false });
    expect(await review(PERIOD, 'md')).not.toContain('history begins');
  });
});

describe('zero in a report', () => {
  // Handlebars' {{#if}} takes 0 for false: a value of 0 printed as "–" would hide the worst result.
  it('is printed as 0, never as the dash that means no value', () => {
    const objective = {
      id: 'RESOLVE',
      text: 'Resolve in time',
      measure: 'resolution-compliance',
      rag: 'red',
      value: 0,
      unit: '%',
      target: 0,
    };
    const data = {
      summary: { objectives: [objective], rag: {} },
      objectives: [{ ...objective, basis: '0 of 1', rule: 'red below 80 %' }],
      changes: { total: 1, deployed: 1, byResult: { failed: 1 }, successPercent: 0, leadTimes: {} },
    };
    for (const format of ['md', 'html'] as const) {
      const out = renderReport('review', format, data, [], tmp());
      const cells = format === 'md' ? ['| **red** | 0 % | 0 % |', '| 0 % | 0 % | **red** |'] : ['<td class="n">0 %</td>'];
      for (const c of cells) expect(out, format).toContain(c);
      expect(out, format).toContain('0% successful');
    }
  });
});

describe('one of a thing in a report', () => {
  it('is said in the singular, and none as none', () => {
    const data = (n: number) => ({
      incidents: { total: n, breaches: Array.from({ length: n }, () => ({})), previousPeriod: {}, resolution: {} },
      changes: { total: n, byResult: {}, leadTimes: {} },
      people: { holders: Array.from({ length: n }, () => 'x'), coveragePercent: 100 },
      findings: { errorCount: n, warningCount: n },
    });
    for (const format of ['md', 'html'] as const) {
      const one = renderReport('review', format, data(1), [], tmp());
      for (const t of [
        '1 incident opened',
        '1 breach of agreed times',
        '1 change request in the period',
        '1 person holds a role',
        'Validation: 1 error and 1 warning',
      ])
        expect(one, format).toContain(t);
      const two = renderReport('review', format, data(2), [], tmp());
      for (const t of [
        '2 incidents opened',
        '2 breaches of agreed times',
        '2 change requests',
        '2 people hold a role',
        '2 errors and 2 warnings',
      ])
        expect(two, format).toContain(t);
      expect(renderReport('review', format, data(0), [], tmp()), format).toContain('No one holds a role');
    }
    const audit = renderReport(
      'audit',
      'md',
      { summary: { gap: 1, findings: 1, tasks: 1, validationErrors: 1, validationWarnings: 1 } },
      [],
      tmp(),
    );
    expect(audit).toContain('**1** gap,');
    expect(audit).toContain("of 1 task; **1** finding from the tasks' checks; 1 error and 1 warning from validation.");
  });

  it('charts no bar for a priority with nothing resolved: a 0 would read as resolved at once', async () => {
    const r = await smsInProcess(['report', 'review', '--format', 'md', ...PERIOD], scripted(), testEnv({ SMS_TODAY: '2026-04-30' }));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /title "Median hours to resolve on each target clock against the target by priority"\n {2}x-axis \["P1", "P2"\]\n/,
    );
  });
});

describe('report template helpers', () => {
  // Handlebars calls a helper before it looks up a field of the same name: a bare `{{count}}` meant
  // as the row's count would print the helper's output instead.
  it('are never named as a field that a shipped template prints bare', () => {
    const env = Handlebars.create();
    const builtIn = new Set(Object.keys(env.helpers));
    registerReportHelpers(env);
    const ours = Object.keys(env.helpers).filter((h) => !builtIn.has(h));
    expect(ours.length).toBeGreaterThan(5);
    const clashes: string[] = [];
    for (const f of readdirSync(path.join(ROOT, 'templates', 'reports')).filter((n) => n.endsWith('.hbs')))
      for (const m of readFileSync(path.join(ROOT, 'templates', 'reports', f), 'utf8').matchAll(/\{\{\{?\s*([\w.]+)\s*\}?\}\}/g))
        if (ours.includes(m[1]!)) clashes.push(`${f}: ${m[0]}`);
    expect(clashes).toEqual([]);
  });
});

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const browserTest = CHROMIUM || process.env.CI === 'true' ? it : it.skip;

describe('HTML report in a real browser', () => {
  browserTest('loads in headless Chromium: charts and tables present, hostile titles shown as text, nothing executed', () => {
    expect(CHROMIUM, 'Chromium is needed for this test (apt-get install chromium)').toBeTruthy();
    const dir = scripted();
    const html = path.join(tmp(), 'review.html');
    expect(sms(['report', 'review', '--format', 'html', ...PERIOD, '--out', html], dir).code).toBe(0);
    const flags = [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--user-data-dir=${tmp('sms-chromium-')}`,
    ];
    const dom = spawnSync(CHROMIUM!, [...flags, '--dump-dom', `file://${html}`], { encoding: 'utf8', timeout: 60_000 });
    expect(dom.status).toBe(0);
    const out = dom.stdout;
    // Five charts: incidents per quarter and per month, resolution by priority, changes by type and by outcome.
    expect((out.match(/<svg /g) ?? []).length).toBe(5);
    expect(out).toMatch(/<table id="priorities">/);
    expect(out).toMatch(/<table id="breaches">/);
    expect(out).toContain('<title>Management review input: Acme IT</title>');
    expect(out).toContain(
      'Printer &lt;script&gt;document.title="pwned"&lt;/script&gt;&lt;img src=x onerror="document.body.dataset.pwned=1"&gt; R&amp;D',
    );
    expect(out).not.toMatch(/<script/);
    expect(out).not.toMatch(/data-pwned/);
    expect(out).not.toMatch(/<img/);
    const png = path.join(tmp(), 'shot.png');
    const shot = spawnSync(CHROMIUM!, [...flags, '--hide-scrollbars', '--window-size=1000,1400', `--screenshot=${png}`, `file://${html}`], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(shot.status).toBe(0);
    expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG');
    expect(statSync(png).size).toBeGreaterThan(10_000);
  });
});
