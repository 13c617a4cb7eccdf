import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openConfig, load, type Loaded } from '../src/load.js';
import type { SmsDocument } from '../src/repo/documents.js';
import { parseFrontMatter } from '../src/repo/frontmatter.js';
import { localDate } from '../src/calendar.js';
import { ROOT, smsInProcess, testEnv } from './helpers.js';

/*
 * The sample organisation is what a new provider copies, so it is held to what an assessor would
 * check record by record (ISO/IEC TR 29110-5-3 task by task): the sample is created with
 * `sms init --sample` and read through the library, documents and Git history alike.
 */

type Data = Record<string, unknown>;
const TZ = 'Europe/Berlin';
let dir: string;
let loaded: Loaded;
let docs: SmsDocument[];
const byId = new Map<string, SmsDocument>();
const ofType = (key: string): SmsDocument[] => docs.filter((d) => d.type?.key === key);
const data = (d: SmsDocument | undefined): Data => (d?.data ?? {}) as Data;
const str = (d: SmsDocument | undefined, k: string): string | undefined => data(d)[k] as string | undefined;
const list = (d: SmsDocument | undefined, k: string): string[] => (data(d)[k] as string[] | undefined) ?? [];
const git = (...args: string[]): string => execFileSync('git', args, { cwd: dir, encoding: 'utf8', env: testEnv() });
/** The commits of a document, oldest first: sha, Berlin date, status, and its front matter then. */
const versions = (id: string): { sha: string; day: string; at: number; status?: string; data: Data }[] =>
  loaded
    .timeline!.events.filter((e) => e.id === id && e.after)
    .map((e) => ({
      sha: e.commit.sha,
      at: Date.parse(e.commit.date),
      day: localDate(Date.parse(e.commit.date), TZ),
      status: e.after!.status,
      data: (parseFrontMatter(git('show', `${e.commit.sha}:${e.path}`)).data ?? {}) as Data,
    }));
const firstWith = (id: string, pred: (v: { status?: string; data: Data }) => boolean) => versions(id).find(pred);

let people: { name: string; email: string; roles: string[]; organisation?: string }[];
const person = (who: string | undefined) => people.find((p) => p.email === who || p.name === who);

beforeAll(async () => {
  dir = path.join(realpathSync(mkdtempSync(path.join(tmpdir(), 'sms-sample-consistency-'))), 'sample');
  const r = await smsInProcess(['init', '--sample', dir], path.dirname(dir));
  expect(r.code).toBe(0);
  loaded = await load(openConfig(dir), { history: 'all', env: testEnv() });
  docs = loaded.repository.documents;
  for (const d of docs) if (d.id) byId.set(d.id, d);
  people = list(byId.get('ROLES'), 'people') as unknown as typeof people;
}, 120_000);
afterAll(() => rmSync(path.dirname(dir), { recursive: true, force: true }));

describe('the sample organisation, record by record', () => {
  it("the review pack's suppliers for the fourth quarter of 2025: FibreNet's fibre cut measured on its own ticket, around the clock", async () => {
    const env = testEnv({ SMS_TODAY: '2026-11-30' });
    const r = await smsInProcess(['report', 'review', '--period', '2025-Q4', '--format', 'json'], dir, env);
    expect(r.stderr).toBe('');
    const d = JSON.parse(r.stdout);
    // INC-0013: ticket 10:15, first answer 12:30 (2.25 h against 1 h), repaired 21:10 (10.92 h
    // against 8 h): one incident, one breach, none resolved in time. The line was down 09:52–21:10,
    // 678 minutes of December's 31 × 1,440 = 44,640 around the clock: 98.48% against 99.5%.
    // CloudMail: no incident named it and no outage of its was recorded.
    expect(d.suppliers).toEqual([
      {
        id: 'UA-0001',
        title: 'CloudMail hosting and storage agreement',
        supplier: 'CloudMail',
        services: ['SVC-0002', 'SVC-0003'],
        incidents: 0,
        breaches: 0,
        availabilityTargetPercent: 99.9,
        downtimeMinutes: 0,
        outageRecorded: false,
        reviewDue: '2026-02-28',
      },
      {
        id: 'UA-0002',
        title: 'FibreNet business fibre for Kessler Legal',
        supplier: 'FibreNet',
        services: ['SVC-0004'],
        incidents: 1,
        breaches: 1,
        resolutionMetPercent: 0,
        availabilityWorstPercent: 98.48,
        availabilityTargetPercent: 99.5,
        downtimeMinutes: 678,
        outageRecorded: true,
        reviewDue: '2026-01-31',
      },
    ]);
    const text = (await smsInProcess(['report', 'review', '--period', '2025-Q4'], dir, env)).stdout;
    expect(text).toContain('| CloudMail | SVC-0002, SVC-0003 | 0 | 0 | – | – (99.90%) | none recorded | 2026-02-28 |');
    expect(text).toContain('| FibreNet | SVC-0004 | 1 | 1 | 0.00% | 98.48% (99.50%) | 678 min | 2026-01-31 |');
  });

  it('its review pack for the year before the 2026 review has every input with real data, and its audit is conformant but for two breaches', async () => {
    const env = testEnv({ SMS_TODAY: '2026-11-30' });
    const r = await smsInProcess(['report', 'review', '--since', '2025-10-01', '--until', '2026-09-30', '--format', 'json'], dir, env);
    expect(r.stderr).toBe('');
    const d = JSON.parse(r.stdout);
    // Every objective of the policy is rated from records; none is without data.
    expect(d.objectives.length).toBeGreaterThanOrEqual(5);
    for (const o of d.objectives) expect(['green', 'amber', 'red'], o.id).toContain(o.rag);
    expect(d.previousReview.actions.length).toBeGreaterThan(0);
    expect(d.issues.governanceChanges.length).toBeGreaterThan(0);
    expect(d.issues.newRisks.length).toBeGreaterThan(0);
    expect(d.feedback.satisfaction.responses).toBeGreaterThan(0);
    expect(d.incidents.quarters.every((q: { opened: number }) => q.opened > 0)).toBe(true);
    expect(d.incidents.topCis.length).toBeGreaterThan(0);
    expect(d.changes.deployed).toBeGreaterThan(0);
    expect(d.changes.successPercent).toBeDefined();
    expect(d.nonconformities.open.length + d.nonconformities.closedInPeriod.length).toBeGreaterThan(0);
    expect(d.audit.nonconformities.length).toBeGreaterThan(0);
    expect(d.suppliers.length).toBe(2);
    expect(d.risks.open.length).toBeGreaterThan(0);
    expect(d.people.holders.length).toBe(5);
    // The numbers the minutes of MR-0002 record are the pack's.
    const minutes = list(byId.get('MR-0002'), 'inputs').join('\n');
    expect(minutes).toContain(`Incidents: ${d.incidents.total} in the period`);
    expect(minutes).toContain(
      `${d.changes.deployed} deployed (${d.changes.byResult.successful} successful, ${d.changes.byResult.partial} partial)`,
    );

    // The README's excerpts are what the tool prints for the sample.
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const excerpt = (name: string): string[] => {
      const m = new RegExp(`<!-- excerpt: ${name} -->\\n\`\`\`markdown\\n([\\s\\S]*?)\`\`\``).exec(readme);
      expect(m, name).not.toBeNull();
      return m![1]!.split('\n').filter((l) => l.trim());
    };
    const md = (await smsInProcess(['report', 'review', '--since', '2025-10-01', '--until', '2026-09-30'], dir, env)).stdout.split('\n');
    for (const line of excerpt('review')) expect(md, line).toContain(line);
    const perf = (await smsInProcess(['report', 'performance', '--agreement', 'SLA-0002', '--period', '2025-12'], dir, env)).stdout.split(
      '\n',
    );
    for (const line of excerpt('performance')) expect(perf, line).toContain(line);

    const a = JSON.parse((await smsInProcess(['report', 'audit', '--format', 'json'], dir, env)).stdout);
    expect(a.summaryRows.filter((t: { verdict: string }) => t.verdict !== 'conformant').map((t: { id: string }) => t.id)).toEqual([
      'IN.2.4',
    ]);
    expect(a.findings.map((f: { id: string }) => f.id)).toEqual(['IN.2.4/INC-0013/restored', 'IN.2.4/INC-0026/restored']);
  });

  it('files every incident under an agreement that covers its services, reported and confirmed by that customer', () => {
    const incidents = ofType('incident');
    expect(incidents).toHaveLength(27);
    for (const inc of incidents) {
      const agreement = byId.get(str(inc, 'agreement')!);
      expect(agreement?.type?.key, inc.id).toBe('customer-agreement');
      for (const s of list(inc, 'services')) expect(list(agreement, 'services'), `${inc.id} ${s}`).toContain(s);
      const customer = str(agreement, 'customer');
      for (const field of ['reported_by', 'confirmed_by']) {
        const who = str(inc, field);
        if (!who) continue;
        // An individual contact of that customer, with the Customer role: never a shared mailbox or another customer.
        expect(person(who)?.roles, `${inc.id} ${field}`).toContain('CUS');
        expect(person(who)?.organisation, `${inc.id} ${field}`).toBe(customer);
      }
      if (inc.status === 'closed') expect(str(inc, 'confirmed_by'), inc.id).toBeDefined();
      expect(str(inc, 'classification'), inc.id).toMatch(/^(hardware|software|configuration|capacity|security|supplier|user-error)$/);
      expect(list(inc, 'cis').length, inc.id).toBeGreaterThan(0);
    }
    // Both customers' incidents are there, and the P1s carry an outage, a cause and a problem record.
    expect(new Set(incidents.map((i) => str(i, 'agreement')))).toEqual(new Set(['SLA-0001', 'SLA-0002']));
    const p1 = incidents.filter((i) => str(i, 'priority') === 'P1');
    expect(p1.map((i) => i.id)).toEqual(['INC-0005', 'INC-0013', 'INC-0014']);
    for (const i of p1) {
      expect(str(i, 'outage_start'), i.id).toBeDefined();
      expect(str(i, 'cause'), i.id).toBeDefined();
      expect(byId.get(str(i, 'problem')!)?.type?.key, i.id).toBe('problem');
    }
  });

  it('works and closes non-P1 incidents in service hours, Monday to Friday 08:00 to 18:00 in Berlin', () => {
    for (const inc of ofType('incident').filter((i) => str(i, 'priority') !== 'P1')) {
      for (const f of ['opened', 'responded', 'resolved', 'closed']) {
        const t = str(inc, f);
        if (!t) continue;
        const local = new Date(Date.parse(t)).toLocaleString('en-GB', { timeZone: TZ, weekday: 'short', hour: '2-digit', hour12: false });
        const [wd, hour] = local.split(' ');
        expect(['Sat', 'Sun'], `${inc.id} ${f} ${t}`).not.toContain(wd!.replace(',', ''));
        expect(Number(hour), `${inc.id} ${f} ${t}`).toBeGreaterThanOrEqual(8);
        expect(Number(hour), `${inc.id} ${f} ${t}`).toBeLessThan(18);
      }
    }
  });

  it('gives the catalogue the targets of the agreements that cover each service', () => {
    const agreements = ofType('customer-agreement');
    for (const svc of ofType('service')) {
      const covering = agreements.filter((a) => list(a, 'services').includes(svc.id!));
      expect(covering.length, svc.id).toBeGreaterThan(0);
      // The customers listed in the catalogue are exactly those whose agreements cover the service.
      expect(list(svc, 'customers').sort(), svc.id).toEqual(covering.map((a) => str(a, 'customer')).sort());
      for (const a of covering) {
        expect(data(svc).availability_target, `${svc.id} vs ${a.id}`).toBe(data(a).availability);
        // The quality measures table states the agreement's response and resolution targets.
        const targets = data(a).targets as Record<string, { response_hours: number; resolution_hours: number }>;
        for (const [p, t] of Object.entries(targets)) {
          expect(svc.text, `${svc.id} ${p}`).toMatch(new RegExp(`\\| ${p} \\| ${t.response_hours} h \\| ${t.resolution_hours} h \\|`));
        }
      }
    }
  });

  it('enters every deployed change in the schedule before its deployment (emergency changes before deploying, that day)', () => {
    const deployed = ofType('change-request').filter((c) => str(c, 'deployed_on'));
    expect(deployed.map((c) => c.id)).toEqual([
      'RFC-0001',
      'RFC-0002',
      'RFC-0003',
      'RFC-0005',
      'RFC-0006',
      'RFC-0007',
      'RFC-0008',
      'RFC-0009',
      'RFC-0010',
      'RFC-0011',
      'RFC-0013',
      'RFC-0014',
      'RFC-0016',
    ]);
    const schedule = versions('SCHEDULE');
    // The first approved version is a plausible baseline for its date: no events of later years, no changes yet.
    const baseline = schedule.find((v) => v.status === 'approved')!;
    expect(baseline.day).toBe('2025-03-03');
    expect((baseline.data.key_business_events as { date: string }[]).every((e) => e.date.startsWith('2025'))).toBe(true);
    for (const c of deployed) {
      const entered = schedule.find((v) => ((v.data.changes as { change_request: string }[]) ?? []).some((e) => e.change_request === c.id));
      expect(entered, `${c.id} is never in the schedule`).toBeDefined();
      if (str(c, 'change_type') === 'emergency') expect(entered!.day <= str(c, 'deployed_on')!, c.id).toBe(true);
      else expect(entered!.day < str(c, 'deployed_on')!, `${c.id} entered ${entered!.day}, deployed ${str(c, 'deployed_on')}`).toBe(true);
      // Deployed changes record their outcome and a post-implementation review.
      expect(str(c, 'outcome'), c.id).toMatch(/^(successful|failed|backed-out|partial)$/);
      expect(str(c, 'reviewed_on'), c.id).toBeDefined();
      expect(c.text, c.id).toContain('## Post-implementation review');
    }
  });

  it('gives every deployed normal change a design, a build and a test report by someone else than the builder and the CM, published before approval to deploy', () => {
    const cm = people.filter((p) => p.roles.includes('CM')).map((p) => p.email);
    const practitioners = people.filter((p) => p.roles.includes('PT')).map((p) => p.email);
    const normal = ofType('change-request').filter((c) => str(c, 'deployed_on') && str(c, 'change_type') === 'normal');
    expect(normal.map((c) => c.id)).toEqual(['RFC-0001', 'RFC-0002', 'RFC-0005', 'RFC-0008', 'RFC-0009', 'RFC-0010', 'RFC-0011']);
    for (const c of normal) {
      const design = ofType('service-design').find((d) => str(d, 'change_request') === c.id);
      const build = ofType('service-change-build').find((d) => str(d, 'change_request') === c.id);
      const test = ofType('test-report').find((d) => str(d, 'change_request') === c.id);
      expect(design?.status, c.id).toBe('approved');
      expect(practitioners, `${c.id} designer`).toContain(str(design, 'designed_by'));
      expect(build?.status, c.id).toBe('final');
      expect(practitioners, `${c.id} builder`).toContain(str(build, 'built_by'));
      expect(test?.status, c.id).toBe('published');
      expect(str(test, 'outcome'), c.id).toBe('pass');
      expect(str(test, 'performed_by'), c.id).not.toBe(str(build, 'built_by'));
      expect(cm, c.id).not.toContain(str(test, 'performed_by'));
      expect(cm, c.id).not.toContain(str(build, 'built_by'));
      expect(str(build, 'test_report'), c.id).toBe(test!.id);
      // The test report was published before the build was approved for deployment, and both before the deployment.
      const published = versions(test!.id!)[0]!;
      const final = firstWith(build!.id!, (v) => v.status === 'final')!;
      expect(published.at, c.id).toBeLessThan(final.at);
      expect(str(test, 'collected_on')! <= final.day, c.id).toBe(true);
      expect(final.day < str(c, 'deployed_on')!, c.id).toBe(true);
      const approvedToDeploy = firstWith(c.id!, (v) => v.status === 'updated')!;
      expect(published.at, c.id).toBeLessThan(approvedToDeploy.at);
    }
  });

  it('uses pre-approved changes only for models the change procedure listed before the request', () => {
    const procedure = versions('CHGPROC');
    const models: Record<string, RegExp> = {
      'RFC-0006': /PA-1 Mailbox/,
      'RFC-0007': /PA-2 Laptop/,
      'RFC-0013': /PA-3 DNS record/,
      'RFC-0014': /PA-3 DNS record/,
    };
    const pre = ofType('change-request').filter((c) => str(c, 'change_type') === 'pre-approved');
    expect(pre.map((c) => c.id)).toEqual(Object.keys(models));
    for (const c of pre) {
      const requested = versions(c.id!)[0]!;
      const inForce = procedure.filter((v) => v.at < requested.at && (v.status === 'approved' || v.status === 'updated')).at(-1)!;
      const text = git('show', `${inForce.sha}:procedures/change-procedure.md`);
      expect(text, c.id).toMatch(models[c.id!]!);
    }
  });

  it('gives every person who holds a role a completed training record with evidence', () => {
    const records = ofType('training-record').filter((t) => t.status === 'completed' && str(t, 'evidence'));
    expect(people).toHaveLength(11);
    for (const p of people)
      expect(
        records.some((t) => str(t, 'person') === p.email),
        p.name,
      ).toBe(true);
  });

  it('carries every action of a management review into the next one until it is done', () => {
    const reviews = ofType('management-review').sort((a, b) => (a.id! < b.id! ? -1 : 1));
    expect(reviews.map((r) => r.id)).toEqual(['MR-0001', 'MR-0002']);
    type Action = { id: string; status: string; from?: string; done_on?: string };
    for (let i = 1; i < reviews.length; i++) {
      const prev = reviews[i - 1]!;
      const cur = reviews[i]!;
      expect(str(cur, 'previous')).toBe(prev.id);
      const carried = data(cur).actions as Action[];
      for (const a of (data(prev).actions as Action[]).filter((x) => x.status !== 'done' && x.status !== 'dropped')) {
        const next = carried.find((x) => x.id === a.id);
        expect(next, `${a.id} of ${prev.id}`).toBeDefined();
        expect(next!.from).toBe(prev.id);
        if (next!.status === 'done') expect(next!.done_on, a.id).toBeDefined();
      }
    }
    // MR-0002 closes three of MR-0001's actions and keeps the fourth open.
    const mr2 = data(byId.get('MR-0002')).actions as Action[];
    expect(mr2.filter((a) => a.from === 'MR-0001').map((a) => [a.id, a.status])).toEqual([
      ['R1.1', 'done'],
      ['R1.2', 'done'],
      ['R1.3', 'open'],
      ['R1.4', 'done'],
    ]);
  });

  it('has yearly improvement reports over consecutive periods, approved by management, whose actions come from an earlier report or are new proposals', () => {
    const reports = ofType('improvement-report').sort((a, b) => (str(a, 'period_start')! < str(b, 'period_start')! ? -1 : 1));
    expect(reports.map((r) => [r.id, str(r, 'period_start'), str(r, 'period_end')])).toEqual([
      ['IR-0001', '2025-01-01', '2025-09-30'],
      ['IR-0002', '2025-10-01', '2026-09-30'],
    ]);
    const mgt = people.filter((p) => p.roles.includes('MGT')).map((p) => p.email);
    for (let i = 0; i < reports.length; i++) {
      const r = reports[i]!;
      expect(mgt).toContain(str(r, 'approved_by'));
      // Not approved by its only author: someone else committed to it before the approval.
      const authors = new Set(loaded.timeline!.events.filter((e) => e.id === r.id).map((e) => e.commit.authorEmail));
      expect(authors.size, r.id).toBeGreaterThan(1);
      if (i === 0) continue;
      const prev = reports[i - 1]!;
      const dayAfter = new Date(Date.parse(`${str(prev, 'period_end')}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
      expect(str(r, 'period_start')).toBe(dayAfter);
      expect(str(r, 'previous')).toBe(prev.id);
      const earlier = new Set((data(prev).actions as { id: string }[]).map((a) => a.id));
      for (const a of data(r).actions as { id: string; status: string }[]) {
        // An action reported on is one an earlier report defined; a new one can only be a proposal or just approved.
        if (!earlier.has(a.id)) expect(['proposed', 'approved'], `${r.id} ${a.id}`).toContain(a.status);
      }
    }
  });

  it('reports performance at the cadence each agreement promised at the time, approved by someone else than the author', () => {
    const reports = ofType('performance-report');
    expect(reports).toHaveLength(23);
    const covered = (id: string, since: string, until: string) =>
      reports.some((r) => list(r, 'agreements').includes(id) && str(r, 'period_start') === since && str(r, 'period_end') === until);
    // Quarterly for Bluebell, the suppliers, and Kessler Legal until its amendment asked for monthly reports.
    for (const [since, until] of [
      ['2025-04-01', '2025-06-30'],
      ['2025-07-01', '2025-09-30'],
      ['2025-10-01', '2025-12-31'],
      ['2026-01-01', '2026-03-31'],
      ['2026-04-01', '2026-06-30'],
      ['2026-07-01', '2026-09-30'],
    ]) {
      for (const id of ['SLA-0001', 'UA-0001', 'UA-0002']) expect(covered(id, since!, until!), `${id} ${since}`).toBe(true);
      if (since! < '2026-04-01') expect(covered('SLA-0002', since!, until!), `SLA-0002 ${since}`).toBe(true);
    }
    for (const m of ['04', '05', '06', '07', '08', '09', '10']) {
      const end = new Date(Date.UTC(2026, Number(m), 0)).toISOString().slice(0, 10);
      expect(covered('SLA-0002', `2026-${m}-01`, end), `SLA-0002 2026-${m}`).toBe(true);
    }
    const reporting = versions('SLA-0002').map((v) => [v.day, v.data.reporting]);
    expect(reporting[0]).toEqual(['2025-03-10', 'quarterly']);
    expect(reporting.at(-1)).toEqual(['2026-03-12', 'monthly']);
    for (const r of reports) {
      const author = loaded.timeline!.events.find((e) => e.id === r.id)!.commit.authorEmail;
      expect(str(r, 'approved_by'), r.id).not.toBe(author);
      expect(
        person(str(r, 'approved_by'))?.roles.some((x) => x === 'RM' || x === 'SM'),
        r.id,
      ).toBe(true);
    }
  });

  it('approves the governance documents after the inputs they depend on', () => {
    const approvedAt = (id: string) => firstWith(id, (v) => v.status === 'approved')!.at;
    const order = ['GOALS', 'SCOPE', 'POLICY', 'CEA', 'DOCPROC', 'SVC-0001', 'CHGPROC', 'UA-0001', 'SLA-0001'];
    for (let i = 1; i < order.length; i++)
      expect(approvedAt(order[i - 1]!), `${order[i - 1]} before ${order[i]}`).toBeLessThan(approvedAt(order[i]!));
    // The roles: the bootstrap by the Service Manager first, re-approved as `updated` after the scope.
    const roles = versions('ROLES');
    expect(roles.find((v) => v.status === 'approved')!.at).toBeLessThan(approvedAt('GOALS'));
    const assigned = roles.find((v) => v.status === 'updated')!;
    expect(assigned.at).toBeGreaterThan(approvedAt('SCOPE'));
    expect(assigned.at).toBeLessThan(approvedAt('POLICY'));
    // The policy claims MFA only once the MFA change is deployed.
    const mfa = str(byId.get('RFC-0008'), 'deployed_on')!;
    for (const v of versions('POLICY')) {
      const text = git('show', `${v.sha}:governance/policy.md`);
      if (/multi-factor authentication on every/i.test(text)) expect(v.day >= mfa, v.day).toBe(true);
    }
  });

  it('has countersigned agreements reviewed by their review date, and a verified and an open nonconformity', () => {
    for (const a of [...ofType('customer-agreement'), ...ofType('supplier-agreement')]) {
      const party = a.type!.key === 'customer-agreement' ? 'customer' : 'supplier';
      expect(str(a, `${party}_approved_by`), a.id).toBeDefined();
      expect(str(a, `${party}_approval_ref`), a.id).toBeDefined();
      expect(str(a, 'review')! >= '2026-11-30', a.id).toBe(true);
    }
    expect(ofType('nonconformity').map((n) => [n.id, n.status])).toEqual([
      ['NC-0001', 'verified'],
      ['NC-0002', 'action-planned'],
      ['NC-0003', 'closed'],
    ]);
    expect(list(byId.get('AUD-0001'), 'nonconformities')).toEqual(['NC-0002', 'NC-0003']);
  });

  it('validates with its whole history and no finding', async () => {
    const r = await smsInProcess(['validate', '--history', '--format', 'json'], dir, testEnv({ SMS_TODAY: '2026-11-30' }));
    expect(JSON.parse(r.stdout)).toMatchObject({ errorCount: 0, warningCount: 0 });
    expect(r.code).toBe(0);
  });
});
