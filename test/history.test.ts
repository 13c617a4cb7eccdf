import { describe, expect, it, vi } from 'vitest';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import {
  CONFIG,
  PEOPLE,
  SERVICE,
  addCommit,
  baseSms,
  changeProcedure,
  gitIn,
  gitRepo,
  md,
  provenChange,
  rfc,
  rolesCommits,
  rolesDoc,
  writeFiles,
  sms,
  smsInProcess,
  testEnv,
  tmp,
  type CommitSpec,
} from './helpers.js';
import type { Finding } from './helpers.js';
import type { HistoryCommit } from '../src/git/history.js';
import { stampMerges } from '../src/history/timeline.js';

const { ana, ben, cleo } = PEOPLE;

/** The environment of git run as `who` (author and committer), at `date` where given. */
const as = (who: { name: string; email: string }, date?: string): NodeJS.ProcessEnv =>
  testEnv({
    GIT_AUTHOR_NAME: who.name,
    GIT_AUTHOR_EMAIL: who.email,
    GIT_COMMITTER_NAME: who.name,
    GIT_COMMITTER_EMAIL: who.email,
    ...(date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {}),
  });
const BASE = { 'sms.config.yaml': CONFIG, 'catalogue/SVC-0001-service-desk.md': SERVICE };
const R = 'changes/RFC-0001-a.md';
const approved = (by = ben.email, extra: Record<string, unknown> = {}): string =>
  rfc({ status: 'approved', approved_by: by, approved_on: '2026-02-01', ...extra });

/**
 * Commits the working tree as `who` at the instant `iso`, shown in `offset` (author and committer): made
 * with git hash-object, which takes an offset git commit refuses (+9959).
 */
function commitShownAt(dir: string, who: { name: string; email: string }, iso: string, offset: string): void {
  gitIn(dir, ['add', '--all']);
  const tree = gitIn(dir, ['write-tree']).trim();
  const parent = gitIn(dir, ['rev-parse', 'HEAD']).trim();
  const at = `${Date.parse(iso) / 1000} ${offset}`;
  const raw = `tree ${tree}\nparent ${parent}\nauthor ${who.name} <${who.email}> ${at}\ncommitter ${who.name} <${who.email}> ${at}\n\napprove\n`;
  const input = { cwd: dir, input: raw, env: testEnv(), encoding: 'utf8' as const };
  gitIn(dir, ['update-ref', 'HEAD', execFileSync('git', ['hash-object', '-t', 'commit', '-w', '--stdin'], input).trim()]);
  gitIn(dir, ['reset', '-q', '--hard']);
}

/** The roles as revised on 1 February: Ben holds CM until 1 March. */
const BEN_LEAVES = md(
  {
    id: 'ROLES',
    type: 'roles',
    title: 'Roles',
    status: 'updated',
    approved_by: ana.email,
    approved_on: '2026-02-01',
    people: [
      { ...ana, roles: ['SM', 'MGT'] },
      { ...ben, roles: ['CM'], until: '2026-03-01' },
      { ...cleo, roles: ['IM', 'PT'] },
    ],
  },
  '\n## Responsibilities\n\n## Training and development\n',
);

function repo(commits: CommitSpec[]): string {
  const dir = tmp();
  gitRepo(dir, [...rolesCommits(), { files: BASE, date: '2026-01-01T09:00:00Z', message: 'start' }, ...commits]);
  return dir;
}

/**
 * `sms validate --format json` in-process: the same code as the binary below its launcher. The
 * binary itself runs `validate --history` in the shallow-clone and no-commits tests below.
 */
async function history(dir: string, args: string[] = ['--history']): Promise<{ code: number; findings: Finding[]; stderr: string }> {
  const r = await smsInProcess(['validate', '--format', 'json', ...args], dir);
  return { code: r.code, findings: r.stdout ? (JSON.parse(r.stdout) as { diagnostics: Finding[] }).diagnostics : [], stderr: r.stderr };
}

const rules = (fs: Finding[]): string[] => fs.map((f) => f.rule).sort();

// Pre-approved change models: RFC-0001, requested by Cleo and approved by Ben, deployed successfully on
// 21 February, proves PA-1; RFC-0002 is a change Ben requests as pre-approved and approves himself on 3 March.
const R2 = 'changes/RFC-0002-b.md';
const PROOF: CommitSpec[] = [
  { files: { [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z' },
  { files: { [R]: approved(ben.email) }, author: ben, date: '2026-02-01T09:00:00Z' },
  {
    files: { [R]: provenChange({ approved_on: '2026-02-20', deployed_on: '2026-02-21' }) },
    author: ben,
    date: '2026-02-20T09:00:00Z',
  },
];
/** The change procedure committed by Ana (SM), or `by`, on `day`, listing PA-1 (or `models`). */
function chgproc(day: string, o: { status?: string; since?: string; models?: unknown[]; by?: typeof ana } = {}): CommitSpec {
  const status = o.status ?? 'approved';
  const by = o.by ?? ana;
  return {
    files: {
      'procedures/change-procedure.md': changeProcedure(
        o.models ?? [{ id: 'PA-1', title: 'Mailboxes', proven_by: 'RFC-0001', since: o.since ?? day }],
        status === 'draft'
          ? { status, approved_by: undefined, approved_on: undefined }
          : { status, approved_by: by.email, approved_on: day },
        '',
      ),
    },
    author: by,
    date: `${day}T09:00:00Z`,
  };
}
function preApproved(model?: string): CommitSpec[] {
  const fields = { id: 'RFC-0002', requested_by: ben.email, change_type: 'pre-approved', ...(model ? { pre_approved_model: model } : {}) };
  return [
    { files: { [R2]: rfc(fields) }, author: ben, date: '2026-03-02T09:00:00Z' },
    { files: { [R2]: approved(ben.email, { ...fields, approved_on: '2026-03-03' }) }, author: ben, date: '2026-03-03T09:00:00Z' },
  ];
}
const onModels = (fs: Finding[]): string[][] =>
  fs.filter((f) => ['self-approval', 'pre-approved-model'].includes(f.rule)).map((f) => [f.rule, f.message.replace(/ \(commit .*\)$/, '')]);

/** An open P3 incident on SVC-0001, reported by Cleo on 2 January. */
const openIncident = (id: string, title: string): string =>
  md(
    {
      id,
      type: 'incident',
      title,
      status: 'opened',
      priority: 'P3',
      opened: '2026-01-02T09:00:00Z',
      reported_by: cleo.email,
      services: ['SVC-0001'],
    },
    '\n## Description\n\n## Restoration steps\n\n## Solution\n',
  );

/** A repository whose SMS lives in `sms/`: roles, the service and a draft RFC-0001. */
function smsInSubfolder(): string {
  const top = tmp();
  const under = (files: Record<string, string | null>): Record<string, string | null> =>
    Object.fromEntries(Object.entries(files).map(([f, c]) => [`sms/${f}`, c]));
  gitRepo(
    top,
    [
      ...rolesCommits(),
      { files: BASE, date: '2026-01-01T09:00:00Z', message: 'start' },
      { files: { [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z' },
    ].map((c) => ({ ...c, files: under(c.files) })),
  );
  return top;
}

describe('history rules', () => {
  it('quiet: draft by the requester, approved by the CM, deployed', async () => {
    const dir = repo([
      { files: { [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z' },
      { files: { [R]: approved() }, author: ben, date: '2026-01-03T09:00:00Z' },
      { files: { [R]: approved(ben.email, { status: 'updated', deployed_on: '2026-02-05' }) }, author: ben, date: '2026-02-05T09:00:00Z' },
    ]);
    const r = await history(dir);
    expect(r.findings).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('status-transition: an illegal transition (rejected → approved) is found and named', async () => {
    const dir = repo([
      { files: { [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z' },
      { files: { [R]: rfc({ status: 'rejected' }) }, author: ben, date: '2026-01-03T09:00:00Z' },
      { files: { [R]: approved() }, author: ben, date: '2026-01-04T09:00:00Z' },
    ]);
    const r = await history(dir);
    expect(rules(r.findings)).toEqual(['status-transition']);
    expect(r.findings[0]!.message).toMatch(
      /went from "rejected" to "approved" \(commit [0-9a-f]{7} by Ben Okafor <ben@acme.example> on 2026-01-04\)/,
    );
    expect(r.findings[0]).toMatchObject({ file: R, line: 5 });
    expect(r.code).toBe(1);
  });

  it('status-transition: a change request cannot appear already approved', async () => {
    const dir = repo([{ files: { [R]: approved() }, author: ben, date: '2026-01-02T09:00:00Z' }]);
    expect(rules((await history(dir)).findings)).toEqual(['status-transition']);
  });

  it('approval-evidence: approval committed by someone without the CM role', async () => {
    const dir = repo([
      { files: { [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z' },
      { files: { [R]: approved(ben.email) }, author: cleo, date: '2026-01-03T09:00:00Z' },
    ]);
    const r = await history(dir);
    expect(rules(r.findings)).toEqual(['approval-evidence']);
    expect(r.findings[0]!.message).toMatch(/no one in that commit \(Cleo Park <cleo@acme.example>.*\) held CM or SM/);
  });

  it('approval-evidence: an Approved-by trailer nothing vouches for is self-asserted; approved_by must agree with the evidence', async () => {
    const dir = repo([
      { files: { [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z' },
      {
        files: { [R]: approved(ben.email) },
        author: cleo,
        date: '2026-01-03T09:00:00Z',
        message: 'Approve RFC-0001\n\nApproved-by: Ben Okafor <ben@acme.example>',
      },
    ]);
    const forged = (await history(dir)).findings;
    expect(rules(forged)).toEqual(['approval-evidence']);
    expect(forged[0]!.message).toMatch(/the Approved-by trailer naming Ben Okafor <ben@acme.example> is self-asserted/);
    const wrongName = repo([
      { files: { [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z' },
      { files: { [R]: approved(ana.email) }, author: ben, date: '2026-01-03T09:00:00Z' },
    ]);
    const r = await history(wrongName);
    expect(
      r.findings.map((f) => [
        f.rule,
        /^approved_by says "ana@acme.example", but RFC-0001 was approved by Ben Okafor \(commit [0-9a-f]{7} by .* on \d{4}-\d\d-\d\d\)$/.test(
          f.message,
        ),
      ]),
    ).toContainEqual(['approval-evidence', true]);
  });

  it('approval-evidence: the roles as they were at the commit count, not as they are now', async () => {
    const later = rolesDoc([
      { ...ana, roles: ['SM', 'MGT'] },
      { ...ben, roles: ['PT'] },
      { ...cleo, roles: ['CM'] },
    ]);
    const dir = repo([
      { files: { [R]: rfc({ requested_by: ana.email }) }, author: ana, date: '2026-01-02T09:00:00Z' },
      // Cleo approves while she holds IM/PT only; she becomes CM afterwards.
      { files: { [R]: approved(cleo.email, { requested_by: ana.email }) }, author: cleo, date: '2026-01-03T09:00:00Z' },
      { files: { 'governance/roles.md': later }, author: ana, date: '2026-01-04T09:00:00Z' },
    ]);
    const r = await history(dir);
    expect(rules(r.findings)).toEqual(['approval-evidence']);
    expect(r.findings[0]!.message).toMatch(/Cleo Park held IM, PT/);
    // The static rule, which reads the roles as they are now, has nothing to say.
    expect((await history(dir, ['--no-git'])).findings).toEqual([]);
  });

  it('self-approval: a requester who took their own name off the request before approving it still asked for it', async () => {
    // Ben requests, puts Cleo's name on the request the day before, and approves.
    const commits: CommitSpec[] = [
      { files: { [R]: rfc({ requested_by: ben.email }) }, author: ben, date: '2026-01-02T09:00:00Z' },
      { files: { [R]: rfc({ requested_by: cleo.email }) }, author: ben, date: '2026-01-03T09:00:00Z' },
    ];
    const pending = repo(commits);
    const s = await smsInProcess(['set-status', 'RFC-0001', 'approved'], pending, as(ben));
    expect(s.code, s.stderr).toBe(0);
    expect(s.stderr).toContain('Ben Okafor requested RFC-0001 and approves it (self-approval)');
    const dir = repo([
      ...commits,
      { files: { [R]: approved(ben.email, { requested_by: cleo.email }) }, author: ben, date: '2026-01-04T09:00:00Z' },
    ]);
    const found = (await history(dir)).findings;
    expect(rules(found)).toEqual(['self-approval']);
    expect(found[0]!.message).toMatch(/^RFC-0001 was approved by Ben Okafor, who also requested or drafted it/);
    // Honest corrections are not that: Ben's name put on Cleo's request by mistake and corrected by
    // Ana; or Ben writing up Cleo's request with a typo in her address, fixed before he approves.
    for (const [name, first, fixer] of [
      ['corrected by someone else', { requester: ben.email, by: cleo }, ana],
      ['a typo fixed by the drafter', { requester: 'cleo@acme.exmple', by: ben }, ben],
    ] as const) {
      const honest = repo([
        { files: { [R]: rfc({ requested_by: first.requester }) }, author: first.by, date: '2026-01-02T09:00:00Z' },
        { files: { [R]: rfc({ requested_by: cleo.email }) }, author: fixer, date: '2026-01-03T09:00:00Z' },
        { files: { [R]: approved(ben.email, { requested_by: cleo.email }) }, author: ben, date: '2026-01-04T09:00:00Z' },
      ]);
      expect(
        (await history(honest)).findings.filter((f) => f.rule === 'self-approval'),
        name,
      ).toEqual([]);
    }
  });

  it('self-approval: a requester the roles document does not list does not hide the drafter who approves', async () => {
    // Ben drafts and approves; requested_by names him in a way no entry of the roles document matches.
    for (const [requester, expected] of [
      ['ben+rfc@acme.example', ['self-approval']],
      ['ben@acme.example.', ['self-approval']],
      ['ben', ['self-approval']],
      // Someone the roles document lists: Ben wrote up Cleo's request, and may decide on it.
      [cleo.email, []],
    ] as const) {
      const dir = repo([
        { files: { [R]: rfc({ requested_by: requester }) }, author: ben, date: '2026-01-02T09:00:00Z' },
        { files: { [R]: approved(ben.email, { requested_by: requester }) }, author: ben, date: '2026-01-03T09:00:00Z' },
      ]);
      const found = (await history(dir)).findings.filter((f) => f.rule !== 'unknown-person');
      expect(rules(found), requester).toEqual(expected);
      if (expected.length) expect(found[0]!.message).toMatch(/^RFC-0001 was approved by Ben Okafor, who also requested or drafted it/);
    }
    // set-status says the same before the approval is made, and what the requester named is.
    const pending = repo([{ files: { [R]: rfc({ requested_by: 'ben+rfc@acme.example' }) }, author: ben, date: '2026-01-02T09:00:00Z' }]);
    const s = await smsInProcess(['set-status', 'RFC-0001', 'approved'], pending, as(ben));
    expect(s.code, s.stderr).toBe(0);
    expect(s.stderr).toContain(
      'Ben Okafor drafted RFC-0001, which names as requester ben+rfc@acme.example, whom the roles document does not list, and approves it (self-approval)',
    );
    // Cleo drafts for an outsider the roles document does not list; Ben approves: not his own.
    const dir = repo([
      { files: { [R]: rfc({ requested_by: 'bea@bakery.example' }) }, author: cleo, date: '2026-01-02T09:00:00Z' },
      { files: { [R]: approved(ben.email, { requested_by: 'bea@bakery.example' }) }, author: ben, date: '2026-01-03T09:00:00Z' },
    ]);
    expect((await history(dir)).findings.filter((f) => f.rule === 'self-approval')).toEqual([]);
  });

  it('self-approval: the approver requested the change (pre-approved changes under a proven model exempt)', async () => {
    const dir = repo([
      { files: { [R]: rfc({ requested_by: 'Ben Okafor' }) }, author: ben, date: '2026-01-02T09:00:00Z' },
      { files: { [R]: approved(ben.email, { requested_by: 'Ben Okafor' }) }, author: ben, date: '2026-01-03T09:00:00Z' },
    ]);
    // One finding for one approval: the commit that made it (the working tree says the same again).
    const found = (await history(dir)).findings;
    expect(rules(found)).toEqual(['self-approval']);
    expect(found[0]!.message).toMatch(/^RFC-0001 was approved by Ben Okafor, who also requested or drafted it \(commit /);
    // Without history, the working tree's approved_by is the finding.
    expect((await history(dir, ['--no-git'])).findings.map((f) => f.message)).toEqual([
      'the requester (Ben Okafor) approved their own change-request',
    ]);
    // Labelled pre-approved with no model behind the label: not exempt. Under a model the change
    // procedure lists, proven by RFC-0001 (a normal change deployed successfully) before the approval: exempt.
    expect(onModels((await history(repo([...PROOF, chgproc('2026-02-25'), ...preApproved()]))).findings)).toEqual([
      ['pre-approved-model', 'RFC-0002 is pre-approved but names no model (pre_approved_model)'],
      ['self-approval', 'RFC-0002 was approved by Ben Okafor, who also requested or drafted it'],
    ]);
    expect(onModels((await history(repo([...PROOF, chgproc('2026-02-25'), ...preApproved('PA-1')]))).findings)).toEqual([]);
    // The model agreed (since) only after the approving commit: that approval had no model behind it.
    expect(
      onModels((await history(repo([...PROOF, chgproc('2026-02-25', { since: '2026-03-10' }), ...preApproved('PA-1')]))).findings),
    ).toEqual([
      ['self-approval', 'RFC-0002 was approved by Ben Okafor, who also requested or drafted it'],
      ['pre-approved-model', 'RFC-0002 was approved on 2026-03-03, before pre-approved model PA-1 was agreed (since 2026-03-10)'],
    ]);
  });

  it('self-approval: a commit date with an out-of-range offset (+99:59, which git takes) counts from the instant git keeps', async () => {
    const [draft, approval] = preApproved('PA-1');
    const dir = repo([...PROOF, chgproc('2026-02-25', { since: '2026-03-03' }), draft!]);
    writeFileSync(path.join(dir, R2), approval!.files[R2]!);
    // 2 March 2026, 12:00 UTC, before PA-1 was agreed; shown at +99:59, it reads 6 March.
    commitShownAt(dir, ben, '2026-03-02T12:00:00Z', '+9959');
    const found = (await history(dir)).findings;
    expect(onModels(found)).toContainEqual(['self-approval', 'RFC-0002 was approved by Ben Okafor, who also requested or drafted it']);
    expect(found.filter((f) => f.rule === 'commit-date').map((f) => f.message)).toEqual([
      expect.stringMatching(/\+99:59", in a time zone offset no clock has: it stands for 2026-03-02T12:00:00Z, which is what counts$/),
    ]);
  });

  it('set-status dates an approval in the time zone of the configuration as committed, as history will, not of an uncommitted edit', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      // 2 March, 12:00 UTC: 01:00 on 2 March in Pago Pago (UTC-11), 02:00 on 3 March in Kiritimati (UTC+14).
      vi.setSystemTime(new Date('2026-03-02T12:00:00Z'));
      const [draft] = preApproved('PA-1');
      const config = (zone: string): string => `${CONFIG}timezone: ${zone}\nrules:\n  self-approval: error\n`;
      const dir = repo([
        ...PROOF,
        { files: { 'sms.config.yaml': config('Pacific/Pago_Pago') }, date: '2026-02-24T09:00:00Z' },
        chgproc('2026-02-25', { since: '2026-03-03' }),
        draft!,
      ]);
      writeFileSync(path.join(dir, 'sms.config.yaml'), config('Pacific/Kiritimati'));
      const env = { ...as(ben, '2026-03-02T12:00:00Z'), SMS_TODAY: '' };
      const r = await smsInProcess(['set-status', 'RFC-0002', 'approved', '--commit'], dir, env);
      expect(r.stderr).toMatch(/it is not exempt: it was approved on 2026-03-02, and model PA-1 was agreed since 2026-03-03/);
      expect(r.code).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('an approver who commits their own approval made it no earlier than the commit: git commit --date does not move it into their term', async () => {
    // Ben holds CM until 1 March (the roles as revised on 1 February).
    const made = (committer: typeof ana): string => {
      const dir = repo([
        { files: { 'governance/roles.md': BEN_LEAVES }, author: ana, date: '2026-02-01T09:00:00Z' },
        { files: { [R]: rfc() }, author: cleo, date: '2026-02-20T09:00:00Z' },
      ]);
      writeFileSync(path.join(dir, R), approved(ben.email, { approved_on: '2026-02-28' }));
      gitIn(dir, ['add', '--all']);
      // Written on 28 February, in Ben's term; committed on 5 March, after it.
      gitIn(dir, ['commit', '-q', '-m', 'approve'], {
        ...testEnv(),
        GIT_AUTHOR_NAME: ben.name,
        GIT_AUTHOR_EMAIL: ben.email,
        GIT_COMMITTER_NAME: committer.name,
        GIT_COMMITTER_EMAIL: committer.email,
        GIT_AUTHOR_DATE: '2026-02-28T09:00:00Z',
        GIT_COMMITTER_DATE: '2026-03-05T09:00:00Z',
      });
      return dir;
    };
    // Ben committed it himself on 5 March, dated back: judged on 5 March, when he no longer held CM.
    const own = (await history(made(ben))).findings.filter((f) => f.severity === 'error').map((f) => `${f.rule}: ${f.message}`);
    expect(own).toContainEqual(expect.stringMatching(/^approval-evidence: .*on 2026-03-05.*Ben Okafor/));
    // Ana committed it (a rebase, a merge of his branch): his decision stays dated 28 February.
    expect((await history(made(ana))).findings.filter((f) => f.rule === 'approval-evidence')).toEqual([]);
  });

  it('an approval dated back before the commit it was made on top of counts from that commit: a leaver cannot date it into their term', async () => {
    // Ben holds CM until 1 March; on 5 March Cleo commits on main. On 10 March Ben approves on top of
    // it, with author and committer dates of 28 February.
    const dir = repo([
      { files: { 'governance/roles.md': BEN_LEAVES }, author: ana, date: '2026-02-01T09:00:00Z' },
      { files: { [R]: rfc() }, author: cleo, date: '2026-02-20T09:00:00Z' },
      {
        files: { 'catalogue/SVC-0001-service-desk.md': SERVICE.replace('## Description', '## Description\n\nThe desk.') },
        author: cleo,
        date: '2026-03-05T09:00:00Z',
      },
    ]);
    const base = gitIn(dir, ['rev-parse', 'HEAD']).trim();
    addCommit(dir, { files: { [R]: approved(ben.email, { approved_on: '2026-02-28' }) }, author: ben, date: '2026-02-28T09:00:00Z' });
    const evidence = (fs: Finding[]): string[] =>
      fs.filter((f) => f.rule === 'approval-evidence').map((f) => f.message.replace(/commit [0-9a-f]{7} /, 'commit … '));
    const full = evidence((await history(dir)).findings);
    expect(full).toEqual([
      expect.stringMatching(
        /Ben Okafor.* held CM or SM .*; the commit is dated 2026-02-28 but comes after a commit dated 2026-03-05 under it, so it counts from that day$/,
      ),
    ]);
    // As a pull request, the base is the commit under it.
    expect(evidence((await history(dir, ['--base', base])).findings)).toEqual(full);
    // A base whose own last commit is dated back (a note Ben landed, dated 27 February) stands no
    // earlier than the commits under it either.
    gitIn(dir, ['reset', '-q', '--hard', base]);
    addCommit(dir, { files: { 'notes.txt': 'x\n' }, author: ben, date: '2026-02-27T09:00:00Z' });
    const backDated = gitIn(dir, ['rev-parse', 'HEAD']).trim();
    addCommit(dir, { files: { [R]: approved(ben.email, { approved_on: '2026-02-28' }) }, author: ben, date: '2026-02-28T09:00:00Z' });
    expect(evidence((await history(dir, ['--base', backDated])).findings)).toEqual(full);
  });

  it('a line of history of its own cannot bootstrap roles: with approved roles merged in from an unrelated branch, no bootstrap counts', async () => {
    // Main: Ana's roles are approved (the bootstrap) and Cleo drafts a change request.
    const dir = repo([{ files: { [R]: rfc({ requested_by: ana.email }) }, author: cleo, date: '2026-01-02T09:00:00Z' }]);
    const asCleo = (date: string): NodeJS.ProcessEnv =>
      testEnv({
        GIT_AUTHOR_NAME: cleo.name,
        GIT_AUTHOR_EMAIL: cleo.email,
        GIT_COMMITTER_NAME: cleo.name,
        GIT_COMMITTER_EMAIL: cleo.email,
        GIT_AUTHOR_DATE: date,
        GIT_COMMITTER_DATE: date,
      });
    // Cleo (IM, PT) starts a history of her own with a roles document naming her SM, and approves it herself.
    gitIn(dir, ['checkout', '-q', '--orphan', 'own']);
    gitIn(dir, ['rm', '-rq', '--cached', '.']);
    gitIn(dir, ['clean', '-fdxq']);
    const mine = [{ ...cleo, roles: ['SM', 'CM'] }];
    writeFiles(dir, { 'sms.config.yaml': CONFIG, 'governance/roles.md': rolesDoc(mine) });
    gitIn(dir, ['add', '-A']);
    gitIn(dir, ['commit', '-q', '-m', 'Roles: draft'], asCleo('2026-01-03T09:00:00Z'));
    writeFiles(dir, { 'governance/roles.md': rolesDoc(mine, 'approved', cleo.email) });
    gitIn(dir, ['commit', '-qam', 'Roles: approved'], asCleo('2026-01-03T09:30:00Z'));
    // She merges main in, keeping her roles, approves the change request, and main is moved to her line.
    gitIn(dir, ['merge', '-q', '--allow-unrelated-histories', '-X', 'ours', 'main', '-m', 'Merge main'], asCleo('2026-01-04T09:00:00Z'));
    writeFiles(dir, { [R]: approved(cleo.email, { requested_by: ana.email }) });
    gitIn(dir, ['commit', '-qam', 'Approve'], asCleo('2026-01-04T10:00:00Z'));
    gitIn(dir, ['checkout', '-q', '-B', 'main', 'own']);
    const evidence = (fs: Finding[]): string[] => fs.filter((f) => f.rule === 'approval-evidence').map((f) => `${f.docId}: ${f.message}`);
    const found = evidence((await history(dir)).findings);
    // Neither line's bootstrap counts (which came first, only their dates would say): her roles never
    // came into force, Ana's do not either, and her approval of the change request is not evidenced.
    const neither = /^ROLES: .* held SM or MGT .*another line approved one of its own while none was in force too, so neither counts/;
    expect(found.filter((f) => neither.test(f)).map((f) => /by (\w+)/.exec(f)![1])).toEqual(['Ana', 'Cleo']);
    expect(found).toContainEqual(
      expect.stringMatching(/^RFC-0001: .*Cleo Park <cleo@acme.example>\) held CM or SM in the roles document in force/),
    );
    // A pull request after it: the roles in force at the base are still Ana's.
    const base = gitIn(dir, ['rev-parse', 'HEAD']).trim();
    writeFiles(dir, { [R]: approved(cleo.email, { requested_by: ana.email, status: 'rejected' }) });
    gitIn(dir, ['commit', '-qam', 'Reject'], asCleo('2026-01-05T10:00:00Z'));
    expect(evidence((await history(dir, ['--base', base])).findings)).toEqual([
      expect.stringMatching(/^RFC-0001: .*Cleo Park <cleo@acme.example>\) held CM or SM in the roles document in force/),
    ]);
  });

  it("self-approval: an approval is judged by its model's proof as it stood then, not as corrected since", async () => {
    // RFC-0001, the proof of PA-1, is recorded on 10 March as having failed after all: Ben's approval of
    // 3 March rested on the record as it stood, and stays exempt. A model proven only since covers nothing before.
    const corrected = {
      files: { [R]: provenChange({ approved_on: '2026-02-20', deployed_on: '2026-02-21', outcome: 'failed' }) },
      author: cleo,
      date: '2026-03-10T09:00:00Z',
    };
    const found = (await history(repo([...PROOF, chgproc('2026-02-25'), ...preApproved('PA-1'), corrected]))).findings;
    expect(found.filter((f) => f.rule === 'self-approval')).toEqual([]);
    // Proven only after the approval (the proof recorded successful on 10 March): not exempt then.
    const late = [
      PROOF[0]!,
      PROOF[1]!,
      { ...PROOF[2]!, files: { [R]: provenChange({ approved_on: '2026-02-20', deployed_on: '2026-02-21', outcome: 'failed' }) } },
    ];
    const fixed = { ...corrected, files: { [R]: provenChange({ approved_on: '2026-02-20', deployed_on: '2026-02-21' }) } };
    expect(onModels((await history(repo([...late, chgproc('2026-02-25'), ...preApproved('PA-1'), fixed]))).findings)).toContainEqual([
      'self-approval',
      'RFC-0002 was approved by Ben Okafor, who also requested or drafted it',
    ]);
  });

  it("self-approval: an approval counts from the organisation's day, not the day its commit's time zone offset gives", async () => {
    const approvedAt = (date: string): CommitSpec[] => {
      const [draft, approval] = preApproved('PA-1');
      return [draft!, { ...approval!, date }];
    };
    // PA-1 agreed since 3 March; the organisation counts days in UTC (no time zone configured).
    const since = chgproc('2026-02-25', { since: '2026-03-03' });
    // 05:00 on 3 March at +14:00 is 15:00 on 2 March: before the model was agreed, whatever the offset says.
    expect(onModels((await history(repo([...PROOF, since, ...approvedAt('2026-03-03T05:00:00+14:00')]))).findings)).toContainEqual([
      'self-approval',
      'RFC-0002 was approved by Ben Okafor, who also requested or drafted it',
    ]);
    // 23:30 on 2 March at -08:00 is 07:30 on 3 March: the day it was agreed.
    expect(onModels((await history(repo([...PROOF, since, ...approvedAt('2026-03-02T23:30:00-08:00')]))).findings)).toEqual([]);
  });

  it('self-approval: a pre-approved change made a normal one in a later approval owes the requester check its first approval was spared', async () => {
    const normalNow = (by: typeof ana): CommitSpec => ({
      files: {
        [R2]: rfc({
          id: 'RFC-0002',
          requested_by: ben.email,
          status: 'updated',
          approved_by: by.email,
          approved_on: '2026-03-05',
          deployed_on: '2026-03-05',
          outcome: 'successful',
        }),
      },
      author: by,
      date: '2026-03-05T09:00:00Z',
    });
    const base = [...PROOF, chgproc('2026-02-25'), ...preApproved('PA-1')];
    expect(onModels((await history(repo([...base, normalNow(ben)]))).findings)).toEqual([
      ['self-approval', 'RFC-0002 was approved by Ben Okafor, who also requested or drafted it'],
    ]);
    // Approved to deploy by someone else: nothing to say.
    expect(onModels((await history(repo([...base, normalNow(ana)]))).findings)).toEqual([]);
  });

  it('self-approval: the models as the business agreed them, whoever committed; a revision in progress before a --base range takes none away', async () => {
    const selfApproved = [['self-approval', 'RFC-0002 was approved by Ben Okafor, who also requested or drafted it']];
    const base = [...PROOF, chgproc('2026-02-25')];
    // At the approval to deploy, Ben moves his change to PA-2, a model he listed and approved himself.
    const pa2 = [
      { id: 'PA-1', title: 'Mailboxes', proven_by: 'RFC-0001', since: '2026-02-25' },
      { id: 'PA-2', title: 'Anything', proven_by: 'RFC-0001', since: '2026-02-26' },
    ];
    const movedModel: CommitSpec = {
      files: {
        [R2]: rfc({
          id: 'RFC-0002',
          requested_by: ben.email,
          change_type: 'pre-approved',
          pre_approved_model: 'PA-2',
          status: 'updated',
          approved_by: ben.email,
          approved_on: '2026-03-05',
          deployed_on: '2026-03-05',
          outcome: 'successful',
        }),
      },
      author: ben,
      date: '2026-03-05T09:00:00Z',
    };
    expect(
      onModels(
        (
          await history(
            repo([...base, chgproc('2026-02-26', { status: 'updated', by: ben, models: pa2 }), ...preApproved('PA-1'), movedModel]),
          )
        ).findings,
      ),
    ).toEqual(selfApproved);
    // Ben redefines PA-1, agreed since 2026-03-10, to count since 2026-02-25, in an update he approves himself.
    const redefined = [
      chgproc('2026-02-24', { since: '2026-03-10' }),
      chgproc('2026-02-26', { status: 'updated', by: ben, since: '2026-02-25' }),
      ...preApproved('PA-1'),
    ];
    expect(onModels((await history(repo([...PROOF, ...redefined]))).findings)).toEqual(selfApproved);
    // A normal change Ben requested and approved, in a commit Ana committed: still his own approval.
    const committedByAna = repo([
      ...base,
      { files: { [R2]: rfc({ id: 'RFC-0002', requested_by: ben.email }) }, author: ben, date: '2026-03-02T09:00:00Z' },
      {
        files: { [R2]: approved(ben.email, { id: 'RFC-0002', requested_by: ben.email, approved_on: '2026-03-03' }) },
        author: ben,
        committer: ana,
        date: '2026-03-03T09:00:00Z',
      },
    ]);
    expect(onModels((await history(committedByAna)).findings).map(([rule]) => rule)).toEqual(['self-approval']);
    // A revision of the change procedure begun before the range read: its models still stand.
    const revising = repo([...base, chgproc('2026-02-28', { status: 'draft', since: '2026-02-25' }), ...preApproved('PA-1')]);
    const draftCommit = gitIn(revising, ['rev-list', '-n', '1', '--before=2026-03-01T00:00:00Z', 'HEAD']).trim();
    expect(onModels((await history(revising, ['--base', draftCommit])).findings)).toEqual([]);
  });

  it('self-approval: a model agreed on another line of history covers no approval made on this one before the merge', async () => {
    // main: the change procedure without models; side: Ben requests and approves his own change under PA-1;
    // main again: Ana lists PA-1 (since 1 March, before the approval); then side is merged.
    const dir = repo([...PROOF, chgproc('2026-02-20', { models: [] })]);
    gitIn(dir, ['checkout', '-q', '-b', 'side']);
    for (const c of preApproved('PA-1')) addCommit(dir, c);
    gitIn(dir, ['checkout', '-q', 'main']);
    addCommit(dir, chgproc('2026-03-04', { status: 'updated', since: '2026-03-01' }));
    gitIn(dir, ['merge', '-q', '--no-ff', '--no-edit', 'side'], as(ana, '2026-03-05T09:00:00Z'));
    expect(onModels((await history(dir)).findings)).toEqual([
      ['self-approval', 'RFC-0002 was approved by Ben Okafor, who also requested or drafted it'],
    ]);
    // The same approval made after the merge of the model onto its line: exempt.
    const after = repo([
      ...PROOF,
      chgproc('2026-02-20', { models: [] }),
      chgproc('2026-03-01', { status: 'updated' }),
      ...preApproved('PA-1'),
    ]);
    expect(onModels((await history(after)).findings)).toEqual([]);
  });

  it('self-approval: an approval counts under a model only once an approved version of the change procedure listed it, before the approving commit', async () => {
    const selfApproved = [['self-approval', 'RFC-0002 was approved by Ben Okafor, who also requested or drafted it']];
    // Approved under PA-1 while no version listed it; the model added afterwards, dated back: still a self-approval.
    expect(
      onModels((await history(repo([...PROOF, ...preApproved('PA-1'), chgproc('2026-03-05', { since: '2026-02-25' })]))).findings),
    ).toEqual(selfApproved);
    // Listed only in a draft of the change procedure when approved; the draft approved afterwards.
    const draftThenApproved = [
      chgproc('2026-02-25', { status: 'draft' }),
      ...preApproved('PA-1'),
      chgproc('2026-03-05', { since: '2026-02-25' }),
    ];
    expect(onModels((await history(repo([...PROOF, ...draftThenApproved]))).findings)).toEqual(selfApproved);
    // Listed in the approving commit itself.
    const sameCommit: CommitSpec = {
      ...preApproved('PA-1')[1]!,
      files: { ...preApproved('PA-1')[1]!.files, ...chgproc('2026-03-03').files },
    };
    expect(onModels((await history(repo([...PROOF, preApproved('PA-1')[0]!, sameCommit]))).findings)).toEqual(selfApproved);
    // The Control Manager lists the model in a revision he approves himself (updated), then approves his own
    // change under it: the business never agreed the model. Agreed by Ana (SM) in the same revision: exempt.
    const listedBy = (by: typeof ana): CommitSpec[] => [
      chgproc('2026-02-24', { models: [] }),
      chgproc('2026-02-25', { status: 'updated', by }),
      ...preApproved('PA-1'),
    ];
    expect(onModels((await history(repo([...PROOF, ...listedBy(ben)]))).findings)).toEqual(selfApproved);
    expect(onModels((await history(repo([...PROOF, ...listedBy(ana)]))).findings)).toEqual([]);
    // Exempt when approved: a revision of the change procedure begun since (draft), or the model retired
    // since, does not make that approval a self-approval, in history or in the working tree.
    const exempt = [...PROOF, chgproc('2026-02-25'), ...preApproved('PA-1')];
    const revising = repo([...exempt, chgproc('2026-03-10', { status: 'draft', since: '2026-02-25' })]);
    const retired = repo([...exempt, chgproc('2026-03-10', { models: [] })]);
    for (const dir of [revising, retired]) {
      expect(onModels((await history(dir)).findings).filter(([rule]) => rule === 'self-approval')).toEqual([]);
    }
  });

  it('closed-record-changed: a closed incident whose priority or times change afterwards is a warning; a link or text added is not', async () => {
    const I = 'incidents/INC-0001-mail.md';
    const body = '\n## Description\n\nMail down.\n\n## Restoration steps\n\n## Solution\n';
    const inc = (f: Record<string, unknown>, text = body): string =>
      md(
        {
          id: 'INC-0001',
          type: 'incident',
          title: 'Mail down',
          status: 'opened',
          priority: 'P1',
          opened: '2026-01-02T09:00:00Z',
          reported_by: cleo.email,
          services: ['SVC-0001'],
          ...f,
        },
        text,
      );
    const closed = { status: 'closed', responded: '2026-01-02T09:10:00Z', resolved: '2026-01-02T15:00:00Z' };
    const dir = repo([
      { files: { [I]: inc({}) }, author: cleo, date: '2026-01-02T09:05:00Z' },
      // While open, the priority may still change.
      { files: { [I]: inc({ priority: 'P2' }) }, author: cleo, date: '2026-01-02T10:00:00Z' },
      { files: { [I]: inc({ ...closed, priority: 'P2' }) }, author: cleo, date: '2026-01-02T15:05:00Z' },
      // After closing: the solution written down is no change to what it is measured by.
      {
        files: { [I]: inc({ ...closed, priority: 'P2' }, body.replace('## Solution\n', '## Solution\n\nReplaced the disk.\n')) },
        author: cleo,
        date: '2026-01-03T09:00:00Z',
      },
      // Lowered to P4 and the resolution moved earlier, a week later.
      {
        files: { [I]: inc({ ...closed, priority: 'P4', resolved: '2026-01-02T10:00:00Z' }) },
        author: ana,
        date: '2026-01-09T09:00:00Z',
      },
    ]);
    const r = await history(dir);
    expect(r.code, r.stderr).toBe(0);
    const found = r.findings.filter((f) => f.rule === 'closed-record-changed');
    expect(found.map((f) => [f.severity, f.message])).toEqual([
      [
        'warning',
        expect.stringMatching(
          /^INC-0001 was changed after it was closed \(commit [0-9a-f]{7} by Ana Costa <ana@acme\.example> on 2026-01-09\): priority from P2 to P4; resolved from 2026-01-02T15:00:00Z to 2026-01-02T10:00:00Z$/,
        ),
      ],
    ]);
    // The same edit not yet committed is reported by a plain validate, before it lands.
    writeFileSync(path.join(dir, I), inc({ ...closed, priority: 'P4' }));
    const plain = await history(dir, []);
    expect(plain.findings.filter((f) => f.rule === 'closed-record-changed').map((f) => f.message)).toEqual([
      'INC-0001 was changed after it was closed (uncommitted change): resolved from 2026-01-02T10:00:00Z to 2026-01-02T15:00:00Z',
    ]);
  });

  it('closed-record-changed: a detour through a missing status and a deletion are reported; the same instant or list written otherwise is not', async () => {
    const I = 'incidents/INC-0001-mail.md';
    // A field given as undefined is left out.
    const inc = (f: Record<string, unknown>): string =>
      md(
        Object.fromEntries(
          Object.entries({
            id: 'INC-0001',
            type: 'incident',
            title: 'Mail down',
            status: 'closed',
            priority: 'P1',
            opened: '2026-01-02T09:00:00Z',
            responded: '2026-01-02T09:10:00Z',
            resolved: '2026-01-02T15:00:00Z',
            reported_by: cleo.email,
            services: ['SVC-0001', 'SVC-0002'],
            ...f,
          }).filter(([, v]) => v !== undefined),
        ),
        '\n## Description\n\n## Restoration steps\n\n## Solution\n',
      );
    const base = { ...BASE, 'catalogue/SVC-0002-mail.md': SERVICE.replace(/SVC-0001/g, 'SVC-0002') };
    const dir = tmp();
    gitRepo(dir, [
      ...rolesCommits(),
      { files: base, date: '2026-01-01T09:00:00Z', message: 'start' },
      { files: { [I]: inc({ status: 'opened', resolved: undefined }) }, author: cleo, date: '2026-01-02T09:05:00Z' },
      { files: { [I]: inc({}) }, author: cleo, date: '2026-01-02T15:05:00Z' },
      // The same instants with another offset and to the millisecond, the services in another order.
      {
        files: {
          [I]: inc({ opened: '2026-01-02T10:00:00+01:00', resolved: '2026-01-02T15:00:00.000Z', services: ['SVC-0002', 'SVC-0001'] }),
        },
        author: cleo,
        date: '2026-01-03T09:00:00Z',
      },
      // Lowered while the status line is gone, then closed again.
      { files: { [I]: inc({ status: undefined, priority: 'P4' }) }, author: ana, date: '2026-01-09T09:00:00Z' },
      { files: { [I]: inc({ priority: 'P4' }) }, author: ana, date: '2026-01-09T10:00:00Z' },
      { files: { [I]: null }, author: ana, date: '2026-01-10T09:00:00Z' },
    ]);
    const r = await history(dir);
    expect(r.findings.filter((f) => f.rule === 'closed-record-changed').map((f) => f.message)).toEqual([
      expect.stringMatching(
        /^INC-0001 was changed after it was closed \(commit [0-9a-f]{7} by Ana Costa .* on 2026-01-09\): priority from P1 to P4$/,
      ),
      expect.stringMatching(/^INC-0001 was deleted after it was closed \(commit [0-9a-f]{7} by Ana Costa .* on 2026-01-10\)$/),
    ]);
  });

  it('record-deleted: a record or an approved document taken out of the repository is reported; a draft, a renumbering and a record put back are not', async () => {
    const I1 = 'incidents/INC-0001-mail.md';
    const I2 = 'incidents/INC-0002-vpn.md';
    const I3 = 'incidents/INC-0003-printer.md';
    const R2 = 'changes/RFC-0002-b.md';
    const R3 = 'changes/RFC-0003-c.md';
    const dir = repo([
      {
        files: {
          [I1]: openIncident('INC-0001', 'Mail down'),
          [I2]: openIncident('INC-0002', 'VPN drops'),
          [I3]: openIncident('INC-0003', 'Printer jams'),
          [R]: rfc(),
          [R2]: rfc({ id: 'RFC-0002' }),
        },
        author: cleo,
        date: '2026-01-02T09:05:00Z',
      },
      {
        files: { [R2]: rfc({ id: 'RFC-0002', status: 'approved', approved_by: ben.email, approved_on: '2026-01-03' }) },
        author: ben,
        date: '2026-01-03T09:00:00Z',
      },
      // The open incident deleted; another moved out of every folder the SMS reads; a draft dropped.
      { files: { [I1]: null, [R]: null }, author: ana, date: '2026-01-10T09:00:00Z' },
      {
        files: { [I2]: null, 'archive/INC-0002-vpn.md': openIncident('INC-0002', 'VPN drops') },
        author: ana,
        date: '2026-01-10T10:00:00Z',
      },
      // Renumbered in place, and an approved change request deleted and put back.
      { files: { [I3]: openIncident('INC-0004', 'Printer jams') }, author: ana, date: '2026-01-11T09:00:00Z' },
      { files: { [R2]: null }, author: ana, date: '2026-01-12T09:00:00Z' },
      {
        files: { [R2]: rfc({ id: 'RFC-0002', status: 'approved', approved_by: ben.email, approved_on: '2026-01-03' }) },
        author: ana,
        date: '2026-01-12T10:00:00Z',
      },
      {
        files: { [R3]: rfc({ id: 'RFC-0003', status: 'approved', approved_by: ben.email, approved_on: '2026-01-13' }) },
        author: ben,
        date: '2026-01-13T09:00:00Z',
      },
    ]);
    const r = await history(dir);
    expect(r.findings.filter((f) => f.rule === 'record-deleted').map((f) => [f.severity, f.docId, f.file, f.message])).toEqual([
      [
        'warning',
        'INC-0001',
        I1,
        expect.stringMatching(/^INC-0001 was deleted while it was opened \(commit [0-9a-f]{7} by Ana Costa .* on 2026-01-10\)$/),
      ],
      [
        'warning',
        'INC-0002',
        I2,
        expect.stringMatching(/^INC-0002 was deleted while it was opened \(commit [0-9a-f]{7} by Ana Costa .* on 2026-01-10\)$/),
      ],
    ]);
    // Before it is committed, the pre-commit check says the same.
    rmSync(path.join(dir, R3));
    const plain = await history(dir, []);
    expect(plain.findings.filter((f) => f.rule === 'record-deleted').map((f) => f.message)).toEqual([
      'RFC-0003 was deleted while it was approved (uncommitted change)',
    ]);
    expect(plain.findings.find((f) => f.rule === 'record-deleted')!.hint).toBe(
      'keep it: it is evidence of what happened (git checkout its last version back); if it should not count, say why in its text and end it through its lifecycle',
    );
    // And the pre-commit hook, once the deletion is staged.
    gitIn(dir, ['rm', '-q', '--cached', R3]);
    const staged = await history(dir, ['--staged']);
    expect(staged.findings.filter((f) => f.rule === 'record-deleted').map((f) => f.message)).toEqual([
      'RFC-0003 was deleted while it was approved (staged change)',
    ]);
  });

  it('record-deleted: a document whose front matter no longer reads is not reported deleted: its own error says what is wrong', async () => {
    const I1 = 'incidents/INC-0001-mail.md';
    const dir = repo([{ files: { [I1]: openIncident('INC-0001', 'Mail down') }, author: cleo, date: '2026-01-02T09:05:00Z' }]);
    const text = readFileSync(path.join(dir, I1), 'utf8');
    const end = text.indexOf('\n---', 4);
    for (const [what, broken] of [
      ['a tab indenting a list', text.replace('services:', 'cis:\n\t- CI-0001\nservices:')],
      ['the closing line removed', text.slice(0, end) + text.slice(end + 4)],
    ] as const) {
      writeFileSync(path.join(dir, I1), broken);
      for (const args of [[], ['--staged']]) {
        if (args.length) gitIn(dir, ['add', '--', I1]);
        const r = await history(dir, args);
        expect(r.code, `${what} ${args}`).toBe(1);
        expect(r.findings.filter((f) => f.file === I1 && f.severity === 'error').length, `${what} ${args}`).toBeGreaterThan(0);
        expect(
          r.findings.filter((f) => f.rule === 'record-deleted'),
          `${what} ${args}`,
        ).toEqual([]);
      }
      // Committed so: the commit did not delete it either.
      addCommit(dir, { files: { [I1]: broken }, author: cleo, date: '2026-01-03T09:00:00Z' });
      expect(
        (await history(dir)).findings.filter((f) => f.rule === 'record-deleted'),
        what,
      ).toEqual([]);
      addCommit(dir, { files: { [I1]: text }, author: cleo, date: '2026-01-04T09:00:00Z' });
    }
    // Deleted for real, it is reported.
    rmSync(path.join(dir, I1));
    expect((await history(dir, [])).findings.filter((f) => f.rule === 'record-deleted').map((f) => f.docId)).toEqual(['INC-0001']);
  });

  it('record-deleted: a renumbering with the file renamed is followed; a record replaced by a link, reopened then deleted, or set back to draft then deleted is reported', async () => {
    const I5 = 'incidents/INC-0005-disk.md';
    const I7 = 'incidents/INC-0007-wifi.md';
    const I8 = 'incidents/INC-0008-ups.md';
    const closedIncident = md(
      {
        id: 'INC-0008',
        type: 'incident',
        title: 'UPS beeps',
        status: 'closed',
        priority: 'P3',
        opened: '2026-01-02T09:00:00Z',
        resolved: '2026-01-02T11:00:00Z',
        reported_by: cleo.email,
        services: ['SVC-0001'],
      },
      '\n## Description\n\n## Restoration steps\n\n## Solution\n',
    );
    const dir = repo([
      {
        files: { [I5]: openIncident('INC-0005', 'Disk full'), [I7]: openIncident('INC-0007', 'Wi-Fi slow'), [I8]: closedIncident },
        author: cleo,
        date: '2026-01-02T09:05:00Z',
      },
      {
        files: { [R]: rfc({ status: 'approved', approved_by: ben.email, approved_on: '2026-01-03' }) },
        author: ben,
        date: '2026-01-03T09:00:00Z',
      },
    ]);
    gitIn(dir, ['branch', 'base']);
    // Renumbered, and its file renamed to match, in one commit (git mv).
    addCommit(dir, {
      files: { [I5]: null, 'incidents/INC-0006-disk.md': openIncident('INC-0006', 'Disk full') },
      author: ana,
      date: '2026-01-10T09:00:00Z',
    });
    // A record replaced by a link to another one.
    rmSync(path.join(dir, I7));
    symlinkSync('INC-0006-disk.md', path.join(dir, I7));
    addCommit(dir, { files: {}, author: ana, date: '2026-01-10T10:00:00Z' });
    // An open incident deleted, and another added in its place with its title, closed and lowered: no renumbering.
    addCommit(dir, {
      files: {
        'incidents/INC-0010-fan.md': openIncident('INC-0010', 'Fan noise'),
      },
      author: cleo,
      date: '2026-01-10T11:00:00Z',
    });
    addCommit(dir, {
      files: {
        'incidents/INC-0010-fan.md': null,
        'incidents/INC-0011-fan.md': openIncident('INC-0011', 'Fan noise').replace('priority: "P3"', 'priority: "P4"'),
      },
      author: ana,
      date: '2026-01-10T12:00:00Z',
    });
    // An open incident deleted, and its ID given to another incident a day later.
    addCommit(dir, {
      files: { 'incidents/INC-0012-ups.md': openIncident('INC-0012', 'Beeping UPS') },
      author: cleo,
      date: '2026-01-10T13:00:00Z',
    });
    addCommit(dir, { files: { 'incidents/INC-0012-ups.md': null }, author: ana, date: '2026-01-10T14:00:00Z' });
    addCommit(dir, {
      files: { 'incidents/INC-0012-router.md': openIncident('INC-0012', 'Router reboots') },
      author: ana,
      date: '2026-01-11T08:00:00Z',
    });
    // A closed incident reopened, then deleted; an approved change request set back to draft, then deleted.
    addCommit(dir, {
      files: { [I8]: closedIncident.replace('status: closed', 'status: updated') },
      author: ana,
      date: '2026-01-11T09:00:00Z',
    });
    addCommit(dir, { files: { [R]: rfc({ status: 'draft' }) }, author: ana, date: '2026-01-11T10:00:00Z' });
    addCommit(dir, { files: { [I8]: null, [R]: null }, author: ana, date: '2026-01-12T09:00:00Z' });
    for (const args of [['--history'], ['--base', 'base']]) {
      const r = await history(dir, args);
      expect(r.findings.filter((f) => f.rule === 'record-deleted').map((f) => f.message.replace(/ \(commit [^)]*\)$/, ''))).toEqual([
        'RFC-0001 was deleted while it was draft, after it had been approved',
        'INC-0007 was deleted while it was opened',
        'INC-0010 was deleted while it was opened',
        expect.stringMatching(
          /^INC-0012 was deleted while it was opened \(commit [0-9a-f]{7} .* on 2026-01-10\), and its ID given to another document$/,
        ),
      ]);
      expect(r.findings.filter((f) => f.message.includes('INC-0006') || f.message.includes('INC-0005'))).toEqual([]);
      // The closed incident's deletion is closed-record-changed's to report, once.
      expect(r.findings.filter((f) => f.rule === 'closed-record-changed').map((f) => f.message)).toEqual([
        expect.stringMatching(/^INC-0008 was deleted after it was closed /),
      ]);
    }
    // The same renumbering before it is committed, and once it is staged.
    rmSync(path.join(dir, 'incidents/INC-0006-disk.md'));
    writeFileSync(path.join(dir, 'incidents/INC-0009-disk.md'), openIncident('INC-0009', 'Disk full'));
    for (const args of [[], ['--staged']]) {
      if (args.length) gitIn(dir, ['add', '--all']);
      const r = await history(dir, args);
      expect(r.findings.filter((f) => f.rule === 'record-deleted' || f.rule === 'status-transition')).toEqual([]);
    }
  });

  it('a document moved to another file name (git mv, same ID) is followed before it is committed and once it is staged, as history follows it', async () => {
    const I8 = 'incidents/INC-0008-ups.md';
    const closedIncident = openIncident('INC-0008', 'UPS beeps')
      .replace('status: "opened"', 'status: "closed"')
      .replace('opened: ', 'resolved: "2026-01-02T11:00:00Z"\nopened: ');
    const dir = repo([
      { files: { [I8]: openIncident('INC-0008', 'UPS beeps') }, author: cleo, date: '2026-01-02T09:05:00Z' },
      { files: { [I8]: closedIncident }, author: cleo, date: '2026-01-02T11:05:00Z' },
      { files: { [R]: rfc({ status: 'draft' }) }, author: cleo, date: '2026-01-02T12:00:00Z' },
      {
        files: { [R]: rfc({ status: 'approved', approved_by: ben.email, approved_on: '2026-01-03' }) },
        author: ben,
        date: '2026-01-03T09:00:00Z',
      },
    ]);
    // Slugs fixed: the approved change request and the closed incident renamed, nothing else.
    gitIn(dir, ['mv', R, 'changes/RFC-0001-upgrade.md']);
    gitIn(dir, ['mv', I8, 'incidents/INC-0008-ups-beeping.md']);
    const relevant = (fs: Finding[]) =>
      fs.filter((f) => ['status-transition', 'record-deleted', 'closed-record-changed', 'modified-after-approval'].includes(f.rule));
    for (const args of [[], ['--staged']]) {
      const r = await history(dir, args);
      expect(relevant(r.findings), args.join(' ')).toEqual([]);
    }
    // The same move with the incident's priority changed is still an edit of a closed record.
    writeFileSync(path.join(dir, 'incidents/INC-0008-ups-beeping.md'), closedIncident.replace('priority: "P3"', 'priority: "P4"'));
    gitIn(dir, ['add', '--all']);
    for (const args of [[], ['--staged']]) {
      const r = await history(dir, args);
      expect(
        relevant(r.findings).map((f) => [f.rule, f.docId]),
        args.join(' '),
      ).toEqual([['closed-record-changed', 'INC-0008']]);
    }
    addCommit(dir, { files: {}, author: ana, date: '2026-01-04T09:00:00Z' });
    expect(relevant((await history(dir)).findings).map((f) => [f.rule, f.docId])).toEqual([['closed-record-changed', 'INC-0008']]);
  });

  it('status-transition: a change request squash-merged with its approval appears approved by whoever merged, and the hint says why', async () => {
    const dir = repo([]);
    gitIn(dir, ['checkout', '-q', '-b', 'side']);
    addCommit(dir, { files: { [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z' });
    addCommit(dir, { files: { [R]: approved() }, author: ben, date: '2026-02-01T09:00:00Z' });
    // The pull request passed: the draft and Ben's approval are separate commits.
    expect((await history(dir, ['--base', 'main'])).findings.filter((f) => f.rule === 'status-transition')).toEqual([]);
    gitIn(dir, ['checkout', '-q', 'main']);
    const env = as(ana, '2026-02-02T09:00:00Z');
    gitIn(dir, ['merge', '-q', '--squash', 'side'], env);
    gitIn(dir, ['commit', '-q', '-m', 'Upgrade mail (#1)'], env);
    const found = (await history(dir)).findings.filter((f) => f.rule === 'status-transition');
    expect(found.map((f) => f.message)).toEqual([
      expect.stringMatching(/^RFC-0001 appeared already "approved" \(commit [0-9a-f]{7} by Ana Costa/),
    ]);
    expect((found[0] as Finding & { hint?: string }).hint).toBe(
      "create it as draft and change its status in a later commit; a squash merge puts a pull request's commits into one by whoever merges it: merge with a merge commit, or rebase",
    );
  });

  it('closed-record-changed: an incident type of its own that replaces the built-in one keeps its sealed fields', async () => {
    const custom = [
      'custom_types:',
      '  - key: incident',
      '    title: Incident',
      '    folder: incidents',
      '    id: { prefix: INC, digits: 4 }',
      '    statuses: [opened, updated, closed]',
      '    initial: [opened]',
      '    transitions: { opened: [updated, closed], updated: [updated, closed] }',
      '    fields: { priority: { type: string }, opened: { type: string }, resolved: { type: string }, reported_by: { type: string } }',
      '',
    ].join('\n');
    const I = 'incidents/INC-0001-mail.md';
    const inc = (status: string, priority: string): string =>
      md(
        {
          id: 'INC-0001',
          type: 'incident',
          title: 'Mail down',
          status,
          priority,
          opened: '2026-01-02T09:00:00Z',
          resolved: '2026-01-02T15:00:00Z',
          reported_by: cleo.email,
        },
        '\n## Notes\n',
      );
    const dir = repo([
      { files: { 'sms.config.yaml': `${CONFIG}${custom}`, [I]: inc('opened', 'P1') }, author: cleo, date: '2026-01-02T09:05:00Z' },
      { files: { [I]: inc('closed', 'P1') }, author: cleo, date: '2026-01-02T15:05:00Z' },
      { files: { [I]: inc('closed', 'P4') }, author: ana, date: '2026-01-09T09:00:00Z' },
    ]);
    const r = await history(dir);
    expect(r.findings.filter((f) => f.rule === 'closed-record-changed').map((f) => f.message)).toEqual([
      expect.stringMatching(/^INC-0001 was changed after it was closed \(commit [0-9a-f]{7} by Ana Costa .*\): priority from P1 to P4$/),
    ]);
  });

  it('modified-after-approval: approved content edited; a bookkeeping change is not an edit', async () => {
    const body = '\n## Purpose\n\nUpgrade.\n\n## Business impact\n\n## Scope\n';
    const dir = repo([
      { files: { [R]: rfc({}, body) }, author: cleo, date: '2026-01-02T09:00:00Z' },
      { files: { [R]: approved(ben.email).replace(/\n## Purpose[\s\S]*$/, body) }, author: ben, date: '2026-01-03T09:00:00Z' },
      {
        files: { [R]: approved(ben.email, { version: '1.1' }).replace(/\n## Purpose[\s\S]*$/, body) },
        author: ana,
        date: '2026-01-04T09:00:00Z',
      },
      // After the deployment: how it went and what the post-implementation review concluded.
      {
        files: {
          [R]: approved(ben.email, {
            version: '1.1',
            deployed_on: '2026-02-02',
            outcome: 'successful',
            reviewed_on: '2026-02-03',
            review_outcome: 'no change needed',
          }).replace(/\n## Purpose[\s\S]*$/, body),
        },
        author: ben,
        date: '2026-01-04T15:00:00Z',
      },
      {
        files: {
          [R]: approved(ben.email, {
            version: '1.1',
            deployed_on: '2026-02-02',
            outcome: 'successful',
            reviewed_on: '2026-02-03',
            review_outcome: 'no change needed',
          }).replace(/\n## Purpose[\s\S]*$/, body.replace('Upgrade.', 'Upgrade everything.')),
        },
        author: cleo,
        date: '2026-01-05T09:00:00Z',
      },
    ]);
    // (A deployment recorded while the change is only approved is step-field's warning, apart from this.)
    const r = await history(dir);
    expect(rules(r.findings.filter((f) => f.rule !== 'step-field'))).toEqual(['modified-after-approval']);
    expect(r.findings.find((f) => f.rule === 'modified-after-approval')!.message).toMatch(
      /edited in commit [0-9a-f]{7} by Cleo Park .* on 2026-01-05 while "approved"/,
    );
  });

  it('modified-after-approval: a git revert that restores the approved content is no edit; editing it away again is', async () => {
    const body = (purpose: string): string => `\n## Purpose\n\n${purpose}\n\n## Business impact\n\n## Scope\n`;
    const dir = repo([
      { files: { [R]: rfc({}, body('Upgrade.')) }, author: cleo, date: '2026-01-02T09:00:00Z' },
      { files: { [R]: approved(ben.email).replace(/\n## Purpose[\s\S]*$/, body('Upgrade.')) }, author: ben, date: '2026-01-03T09:00:00Z' },
    ]);
    const approval = gitIn(dir, ['rev-parse', 'HEAD']).trim();
    addCommit(dir, {
      files: { [R]: approved(ben.email).replace(/\n## Purpose[\s\S]*$/, body('Upgrade everything.')) },
      author: cleo,
      date: '2026-01-04T09:00:00Z',
    });
    const edit = gitIn(dir, ['rev-parse', 'HEAD']).trim();
    gitIn(dir, ['revert', '--no-edit', 'HEAD'], as(cleo, '2026-01-05T09:00:00Z'));
    const edits = async (args: string[]): Promise<string[]> =>
      (await history(dir, args)).findings.filter((f) => f.rule === 'modified-after-approval').map((f) => f.message.split(' ')[5]!);
    // The edit is reported, where it was made; the revert, which gives back what Ben approved, is not.
    expect(await edits(['--history'])).toEqual([edit.slice(0, 7)]);
    expect(await edits(['--base', approval])).toEqual([edit.slice(0, 7)]);
    // A pull request whose base already holds the edit: its revert gives back what Ben approved.
    expect(await edits(['--base', edit])).toEqual([]);
    // Reverting the revert edits the approved content again.
    gitIn(dir, ['revert', '--no-edit', 'HEAD'], as(cleo, '2026-01-06T09:00:00Z'));
    const again = gitIn(dir, ['rev-parse', 'HEAD']).trim();
    expect(await edits(['--base', edit])).toEqual([again.slice(0, 7)]);
    expect((await edits(['--history'])).sort()).toEqual([edit.slice(0, 7), again.slice(0, 7)].sort());
  });

  it('modified-after-approval: giving a document the approved content of another is an edit, and an approval on a merged branch counts', async () => {
    const body = (purpose: string): string => `\n## Purpose\n\n${purpose}\n\n## Business impact\n\n## Scope\n`;
    const R2 = 'changes/RFC-0002-b.md';
    const approvedWith = (purpose: string, extra: Record<string, unknown> = {}, fields: Record<string, unknown> = {}): string =>
      approved(ben.email, extra)
        .replace(/^id: "RFC-0001"/m, `id: ${JSON.stringify(fields.id ?? 'RFC-0001')}`)
        .replace(/\n## Purpose[\s\S]*$/, body(purpose));
    const dir = repo([
      {
        files: { [R]: rfc({}, body('Upgrade.')), [R2]: rfc({ id: 'RFC-0002' }, body('Backup.')) },
        author: cleo,
        date: '2026-01-02T09:00:00Z',
      },
      {
        files: { [R]: approvedWith('Upgrade.'), [R2]: approvedWith('Backup.', {}, { id: 'RFC-0002' }) },
        author: ben,
        date: '2026-01-03T09:00:00Z',
      },
    ]);
    // RFC-0001's approved text written over RFC-0002's file, and RFC-0001's own file deleted: the
    // approved RFC-0002 is gone, and RFC-0001 was not given back anything.
    addCommit(dir, { files: { [R2]: approvedWith('Upgrade.'), [R]: null }, author: cleo, date: '2026-01-04T09:00:00Z' });
    const overwritten = (await history(dir)).findings.filter((f) => f.rule === 'modified-after-approval');
    expect(overwritten.map((f) => f.docId)).toEqual(['RFC-0001']);

    // A revision approved on a branch, and a bookkeeping change on another, both merged: the
    // content last approved is the branch's, and a pull request taking it back to the old text edits it.
    const dir2 = repo([
      { files: { [R]: rfc({}, body('Upgrade.')) }, author: cleo, date: '2026-01-02T09:00:00Z' },
      { files: { [R]: approvedWith('Upgrade.') }, author: ben, date: '2026-01-03T09:00:00Z' },
    ]);
    gitIn(dir2, ['checkout', '-q', '-b', 'revise']);
    addCommit(dir2, { files: { [R]: rfc({}, body('Upgrade.')) }, author: cleo, date: '2026-01-04T09:00:00Z' });
    addCommit(dir2, { files: { [R]: rfc({}, body('Upgrade everything.')) }, author: cleo, date: '2026-01-05T09:00:00Z' });
    addCommit(dir2, { files: { [R]: approvedWith('Upgrade everything.') }, author: ben, date: '2026-01-08T09:00:00Z' });
    gitIn(dir2, ['checkout', '-q', '-b', 'review', 'main']);
    addCommit(dir2, { files: { [R]: approvedWith('Upgrade.', { version: '1.0.1' }) }, author: ben, date: '2026-01-07T09:00:00Z' });
    gitIn(dir2, ['checkout', '-q', 'main']);
    for (const branch of ['revise', 'review'])
      gitIn(dir2, ['merge', '-q', '--no-ff', '--no-edit', branch], as(ben, '2026-01-09T09:00:00Z'));
    expect(readFileSync(path.join(dir2, R), 'utf8')).toContain('Upgrade everything.');
    const base = gitIn(dir2, ['rev-parse', 'HEAD']).trim();
    addCommit(dir2, { files: { [R]: approvedWith('Upgrade.', { version: '1.0.1' }) }, author: cleo, date: '2026-01-10T09:00:00Z' });
    const back = (await history(dir2, ['--base', base])).findings.filter((f) => f.rule === 'modified-after-approval');
    expect(back.map((f) => f.docId)).toEqual(['RFC-0001']);
  });

  it('approval-evidence: a clean merge of two approved edits decides nothing; a merge that adds a change of its own is judged', async () => {
    // Ana (SM) re-approves an edit of the roles document on each of two branches, in different
    // sections; Ben (CM) merges both. Git merges them cleanly: the result holds both and nothing else.
    const roles = rolesDoc(undefined, 'approved', ana.email);
    const edited = (section: string, text: string): string =>
      roles
        .replace('status: approved', 'status: updated')
        .replace('"2026-01-01"', '"2026-01-03"')
        .replace(`## ${section}\n`, `## ${section}\n\n${text}\n`);
    const setUp = (): string => {
      const dir = repo([]);
      for (const [branch, section, text] of [
        ['duties', 'Responsibilities', 'The SM owns the SMS.'],
        ['training', 'Training and development', 'One course a year.'],
      ]) {
        gitIn(dir, ['checkout', '-q', '-b', branch!, 'main']);
        addCommit(dir, { files: { 'governance/roles.md': edited(section!, text!) }, author: ana, date: '2026-01-03T09:00:00Z' });
      }
      gitIn(dir, ['checkout', '-q', 'main']);
      gitIn(dir, ['merge', '-q', '--no-ff', '-m', 'Merge duties', 'duties'], as(ben, '2026-01-04T09:00:00Z'));
      gitIn(dir, ['merge', '-q', '--no-ff', '--no-commit', 'training'], as(ben));
      return dir;
    };
    const commit = (dir: string, edit?: (text: string) => string): Promise<{ findings: Finding[] }> => {
      const file = path.join(dir, 'governance/roles.md');
      if (edit) writeFileSync(file, edit(readFileSync(file, 'utf8')));
      gitIn(dir, ['add', '--all']);
      addCommit(dir, { files: {}, author: ben, date: '2026-01-04T10:00:00Z', message: 'Merge training' });
      return history(dir);
    };
    const clean = setUp();
    const merged = await commit(clean);
    expect(readFileSync(path.join(clean, 'governance/roles.md'), 'utf8')).toMatch(/The SM owns the SMS\.[\s\S]*One course a year\./);
    expect(gitIn(clean, ['show', '--format=', '--name-only', 'HEAD']).trim()).toBe('governance/roles.md');
    expect(merged.findings).toEqual([]);
    // Nor do the reports count the merge as an approval: the review pack lists the two approvals,
    // and the audit names no approval of Ben's.
    const env = testEnv({ SMS_TODAY: '2026-02-15' });
    const review = JSON.parse((await smsInProcess(['report', 'review', '--period', '2026-01', '--format', 'json'], clean, env)).stdout);
    expect(review.issues.governanceChanges.filter((g: { id: string }) => g.id === 'ROLES').map((g: { date: string }) => g.date)).toEqual([
      '2026-01-01',
      '2026-01-03',
      '2026-01-03',
    ]);
    // The audit's approvals of ROLES: both sides' commits, not the merge (which its timeline lists as a change).
    const commits: string[] = [];
    JSON.parse((await smsInProcess(['report', 'audit', '--format', 'json'], clean, env)).stdout, (key, value) => {
      if (key === 'approvals') commits.push(...(value as { commit: string }[]).map((a) => a.commit));
      return value;
    });
    const approvals = commits.join(' ');
    expect(approvals).toContain(gitIn(clean, ['rev-parse', 'HEAD^2']).trim());
    expect(approvals).not.toContain(gitIn(clean, ['rev-parse', 'HEAD']).trim());
    // A line of Ben's own in the merge, or a role he gives himself: his change, judged as his approval.
    for (const [name, edit] of [
      ['a line of his own', (t: string) => t.replace('One course a year.', 'One course a year.\n\nBen keeps the keys.')],
      ['a role of his own', (t: string) => t.replace('roles: [CM]', 'roles: [CM, SM]')],
    ] as const) {
      const r = await commit(setUp(), edit);
      expect(
        r.findings.filter((f) => f.rule === 'approval-evidence').map((f) => f.message.replace(/[0-9a-f]{7}/, 'SHA')),
        name,
      ).toEqual([
        'ROLES was edited while "updated", which approves it again, in commit SHA by Ben Okafor <ben@acme.example> on 2026-01-04, but no one in that commit (Ben Okafor <ben@acme.example>) held SM or MGT in the roles document in force at that time (Ben Okafor held CM)',
      ]);
    }
  });

  it("approval-evidence: a clean merge that puts one side's approval on the other side's draft edit is the merger's decision", async () => {
    const approvalsOfMerge = async (dir: string): Promise<string[]> =>
      (await history(dir)).findings
        .filter((f) => f.rule === 'approval-evidence')
        .map((f) => f.message.replace(/commit [0-9a-f]{7}/, 'commit SHA').replace(/ in the roles document.*/, ''));
    // Ben (CM) approves the change request on a branch; Cleo adds to the draft's scope on main and merges.
    const rfcDir = repo([{ files: { [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z' }]);
    gitIn(rfcDir, ['checkout', '-q', '-b', 'approve']);
    addCommit(rfcDir, { files: { [R]: approved() }, author: ben, date: '2026-01-03T09:00:00Z' });
    gitIn(rfcDir, ['checkout', '-q', 'main']);
    const scope = '\n## Purpose\n\n## Business impact\n\n## Scope\n\nThe firewall is opened to any address.\n';
    addCommit(rfcDir, { files: { [R]: rfc({}, scope) }, author: cleo, date: '2026-01-03T10:00:00Z' });
    gitIn(rfcDir, ['merge', '-q', '--no-ff', '-m', 'Merge approve', 'approve'], as(cleo, '2026-01-03T11:00:00Z'));
    expect(readFileSync(path.join(rfcDir, R), 'utf8')).toMatch(/status: "?approved"?[\s\S]*The firewall is opened to any address\./);
    expect(await approvalsOfMerge(rfcDir)).toEqual([
      'RFC-0001 was moved to "approved" in commit SHA by Cleo Park <cleo@acme.example> on 2026-01-03, but no one in that commit (Cleo Park <cleo@acme.example>) held CM or SM',
    ]);
    // Ana sets the roles back to draft and approves them again on a branch; Cleo gives herself MGT in the draft on main and merges.
    const rolesDir = repo([{ files: { 'governance/roles.md': rolesDoc() }, author: ana, date: '2026-01-02T09:00:00Z' }]);
    gitIn(rolesDir, ['checkout', '-q', '-b', 'approve']);
    addCommit(rolesDir, {
      files: { 'governance/roles.md': rolesDoc(undefined, 'approved', ana.email) },
      author: ana,
      date: '2026-01-03T09:00:00Z',
    });
    gitIn(rolesDir, ['checkout', '-q', 'main']);
    const mine = rolesDoc().replace('roles: [IM, PT]', 'roles: [IM, PT, MGT]');
    addCommit(rolesDir, { files: { 'governance/roles.md': mine }, author: cleo, date: '2026-01-03T10:00:00Z' });
    gitIn(rolesDir, ['merge', '-q', '--no-ff', '-m', 'Merge approve', 'approve'], as(cleo, '2026-01-03T11:00:00Z'));
    expect(readFileSync(path.join(rolesDir, 'governance/roles.md'), 'utf8')).toMatch(/status: approved[\s\S]*roles: \[IM, PT, MGT\]/);
    expect(await approvalsOfMerge(rolesDir)).toEqual([
      'ROLES was moved to "approved" in commit SHA by Cleo Park <cleo@acme.example> on 2026-01-03, but no one in that commit (Cleo Park <cleo@acme.example>) held SM or MGT',
    ]);
  });

  describe('roles along each line of history', () => {
    const withRoles = (ben_: string[], cleo_: string[]): string =>
      rolesDoc(
        [
          { ...ana, roles: ['SM', 'MGT'] },
          { ...ben, roles: ben_ },
          { ...cleo, roles: cleo_ },
        ],
        'updated',
        ana.email,
      );
    const approvalErrors = async (dir: string): Promise<string[]> =>
      (await history(dir)).findings
        .filter((f) => f.rule === 'approval-evidence')
        .map((f) => `${f.file}: ${f.message.replace(/[0-9a-f]{7}/, 'SHA')}`);

    it('an approval is judged by the roles of its own line: a role granted on another line later does not authorise it, whichever side a merge lists first', async () => {
      for (const into of ['main', 'side']) {
        // Cleo (IM, PT) approves Ben's change request on a branch; on main, Ana later makes her CM.
        const dir = repo([{ files: { [R]: rfc({ requested_by: ben.email }) }, author: ben, date: '2026-01-02T09:00:00Z' }]);
        gitIn(dir, ['branch', 'side']);
        addCommit(dir, {
          files: { 'governance/roles.md': withRoles(['CM'], ['IM', 'PT', 'CM']) },
          author: ana,
          date: '2026-01-05T09:00:00Z',
        });
        gitIn(dir, ['checkout', '-q', 'side']);
        addCommit(dir, { files: { [R]: approved(cleo.email, { requested_by: ben.email }) }, author: cleo, date: '2026-01-03T09:00:00Z' });
        gitIn(dir, ['checkout', '-q', into]);
        gitIn(dir, ['merge', '-q', '--no-ff', '-m', 'Merge', into === 'main' ? 'side' : 'main'], as(ana, '2026-01-06T09:00:00Z'));
        expect(readFileSync(path.join(dir, R), 'utf8'), into).toMatch(/approved_by: "?cleo@acme\.example/);
        expect(await approvalErrors(dir), into).toEqual([
          `${R}: RFC-0001 was moved to "approved" in commit SHA by Cleo Park <cleo@acme.example> on 2026-01-03, but no one in that commit (Cleo Park <cleo@acme.example>) held CM or SM in the roles document in force at that time (Cleo Park held IM, PT)`,
        ]);
      }
    });

    it('a role taken away on another line does not undo an approval given while it was held, whichever side a merge lists first', async () => {
      for (const into of ['main', 'side']) {
        // Ben (CM) approves on a branch; on main, Ana takes his CM role away the next day.
        const dir = repo([{ files: { [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z' }]);
        gitIn(dir, ['branch', 'side']);
        addCommit(dir, { files: { 'governance/roles.md': withRoles(['PT'], ['IM', 'PT']) }, author: ana, date: '2026-01-03T09:00:00Z' });
        gitIn(dir, ['checkout', '-q', 'side']);
        addCommit(dir, { files: { [R]: approved(ben.email) }, author: ben, date: '2026-01-04T09:00:00Z' });
        gitIn(dir, ['checkout', '-q', into]);
        gitIn(dir, ['merge', '-q', '--no-ff', '-m', 'Merge', into === 'main' ? 'side' : 'main'], as(ana, '2026-01-06T09:00:00Z'));
        expect(await approvalErrors(dir), into).toEqual([]);
      }
    });

    it('two revisions of the roles, each approved on its own branch and merged cleanly, are both in force after the merge', async () => {
      const dir = repo([{ files: { [R]: rfc({ requested_by: ben.email }) }, author: ben, date: '2026-01-02T09:00:00Z' }]);
      gitIn(dir, ['branch', 'side']);
      // On main Ana makes Ben RM as well; on the branch (the merge's second parent) she makes Cleo CM.
      addCommit(dir, {
        files: { 'governance/roles.md': withRoles(['CM', 'RM'], ['IM', 'PT']) },
        author: ana,
        date: '2026-01-03T09:00:00Z',
      });
      gitIn(dir, ['checkout', '-q', 'side']);
      addCommit(dir, {
        files: { 'governance/roles.md': withRoles(['CM'], ['IM', 'PT', 'CM']) },
        author: ana,
        date: '2026-01-04T09:00:00Z',
      });
      gitIn(dir, ['checkout', '-q', 'main']);
      gitIn(dir, ['merge', '-q', '--no-ff', '-m', 'Merge', 'side'], as(ana, '2026-01-05T09:00:00Z'));
      expect(readFileSync(path.join(dir, 'governance/roles.md'), 'utf8')).toMatch(/roles: \[CM, RM\][\s\S]*roles: \[IM, PT, CM\]/);
      // After the merge Cleo approves as CM, in a pull request too.
      const base = gitIn(dir, ['rev-parse', 'HEAD']).trim();
      addCommit(dir, { files: { [R]: approved(cleo.email, { requested_by: ben.email }) }, author: cleo, date: '2026-01-06T09:00:00Z' });
      expect(await approvalErrors(dir)).toEqual([]);
      expect((await history(dir, ['--base', base])).findings.filter((f) => f.file === R)).toEqual([]);
    });
  });

  it('modified-after-approval: the hint gives the way the lifecycle has (re-approve in the same commit, revise from draft, or none)', async () => {
    const roles = rolesDoc(undefined, 'approved', ana.email);
    const dir = repo([
      { files: { 'governance/roles.md': roles }, author: ana, date: '2026-01-02T09:00:00Z' },
      { files: { [R]: rfc() }, author: cleo, date: '2026-01-02T10:00:00Z' },
      { files: { [R]: approved(ben.email) }, author: ben, date: '2026-01-03T09:00:00Z' },
      // Both edited while approved, each in a commit of its own.
      {
        files: { 'governance/roles.md': roles.replace(/\n## Training/, '\nA new paragraph.\n\n## Training') },
        author: ana,
        date: '2026-01-04T09:00:00Z',
      },
      { files: { [R]: approved(ben.email, { title: 'Upgrade all mail' }) }, author: cleo, date: '2026-01-05T09:00:00Z' },
    ]);
    const r = await history(dir);
    const hint = (file: string) =>
      (r.findings.find((f) => f.rule === 'modified-after-approval' && f.file === file) as (Finding & { hint?: string }) | undefined)?.hint;
    const pushed = '; already pushed, record commit [0-9a-f]{40} in a nonconformity \\(commits\\) and have SM or MGT verify it$';
    expect(hint('governance/roles.md')).toMatch(
      new RegExp(
        `^an edit and its re-approval go in one commit: leave the edit uncommitted and run "sms set-status ROLES updated --commit", or set it to "draft" to revise it over several commits${pushed}`,
      ),
    );
    expect(hint(R)).toMatch(new RegExp(`^"approved" has no revision in its lifecycle: record the correction in a new document${pushed}`));
  });

  it('modified-after-approval: an uncommitted edit of a document kept "updated" is a re-approval waiting for its commit: a warning with the command that records it', async () => {
    const roles = rolesDoc(undefined, 'updated', ana.email);
    const dir = repo([{ files: { 'governance/roles.md': roles }, author: ana, date: '2026-01-02T09:00:00Z' }]);
    writeFileSync(path.join(dir, 'governance/roles.md'), roles.replace(/\n## Training/, '\nA new paragraph.\n\n## Training'));
    const expected = [
      'warning',
      'ROLES is edited while "updated": committing the edit approves it again, in the name of whoever commits it',
      'run "sms set-status ROLES updated --commit" to approve it with the edit (it records approved_by and approved_on), or have someone who may approve it commit it',
    ];
    for (const args of [[], ['--staged']]) {
      if (args.length) gitIn(dir, ['add', '--', 'governance/roles.md']);
      const r = await history(dir, args);
      expect(r.code, JSON.stringify(r.findings)).toBe(0);
      expect(
        r.findings
          .filter((f) => f.rule === 'modified-after-approval')
          .map((f) => [f.severity, f.message, (f as Finding & { hint?: string }).hint]),
        `${args}`,
      ).toEqual([expected]);
    }
    // Taken in by set-status, as the hint says: nothing left to say.
    const done = await smsInProcess(
      ['set-status', 'ROLES', 'updated', '--commit'],
      dir,
      testEnv({ GIT_AUTHOR_NAME: ana.name, GIT_AUTHOR_EMAIL: ana.email, GIT_COMMITTER_NAME: ana.name, GIT_COMMITTER_EMAIL: ana.email }),
    );
    expect(done.code, done.stderr).toBe(0);
    expect((await history(dir, [])).findings.filter((f) => f.rule === 'modified-after-approval')).toEqual([]);
  });

  it('modified-after-approval: a post-implementation review written last, after the approval, is not an edit; a change outside it is', async () => {
    const body =
      '\n## Purpose\n\nUpgrade.\n\n## Business impact\n\nNone.\n\n## Scope\n\nThe mail server.\n\n## Plan and rollback\n\nRoll back by snapshot.\n';
    const pir = '\n## Post-implementation review\n\nWent as planned.\n\n### Lessons\n\n```\n## Scope\n```\n';
    const at = (text: string) => approved(ben.email).replace(/\n## Purpose[\s\S]*$/, text);
    const start = [
      { files: { [R]: rfc({}, body) }, author: cleo, date: '2026-01-02T09:00:00Z' },
      { files: { [R]: at(body) }, author: ben, date: '2026-01-03T09:00:00Z' },
    ];
    // The review written last, then revised: not an edit.
    const dir = repo([
      ...start,
      { files: { [R]: at(body + pir) }, author: ben, date: '2026-01-04T09:00:00Z' },
      { files: { [R]: at(body + pir.replace('as planned', 'as planned, an hour late')) }, author: ben, date: '2026-01-05T09:00:00Z' },
    ]);
    expect((await history(dir)).findings).toEqual([]);
    // The scope changed in the same commit as the review: an edit.
    addCommit(dir, {
      files: { [R]: at(body.replace('The mail server.', 'Every server.') + pir) },
      author: cleo,
      date: '2026-01-06T09:00:00Z',
    });
    const r = await history(dir);
    expect(rules(r.findings)).toEqual(['modified-after-approval']);
    expect(r.findings[0]!.message).toMatch(/on 2026-01-06 while "approved"/);

    // What a reader could take for another section after the review, or a section moved under
    // it, or an approved section commented out from it: each an edit.
    const plan = '\n## Plan and rollback\n\nRoll back by snapshot.\n';
    const before = body.replace(plan, '');
    const attacks: [string, string][] = [
      ['a setext heading after the review', `${body}${pir}\nPlan and rollback (amended)\n---------------------------\n\nNo rollback.\n`],
      ['a level-1 setext heading', `${body}${pir}\nAmended scope\n=============\n\nEvery server.\n`],
      ['an HTML heading', `${body}${pir}\n<h2>Plan and rollback (amended)</h2>\n\nNo rollback.\n`],
      ['a heading in a quote', `${body}${pir}\n> ## Plan and rollback (amended)\n`],
      ['the review moved above an approved section', `${before}${pir}${plan}`],
      ['a fence the review never closes', `${before}\n## Post-implementation review\n\n\`\`\`\n${plan}`],
      [
        'a heading after a fence closed by its own kind, a tilde fence inside it read as text',
        `${body}\n## Post-implementation review\n\n\`\`\`text\n~~~\n\`\`\`\n\n## Plan and rollback (revised)\n\nNo rollback.\n\n~~~\n`,
      ],
      [
        'an approved section commented out below a second review heading',
        `${before}\n## Post-implementation review\n\nPlan and rollback (as deployed)\n-----\n\nNone.\n\n<!--${plan}\n## Post-implementation review\n-->\n\nWent as planned.\n`,
      ],
    ];
    for (const [name, text] of attacks) {
      const d = repo([...start, { files: { [R]: at(text) }, author: ben, date: '2026-01-04T09:00:00Z' }]);
      expect(rules((await history(d)).findings), name).toEqual(['modified-after-approval']);
    }
  });

  it('an agreement approved, properly revised through draft and re-approved stays quiet', async () => {
    const SLA = 'agreements/customers/SLA-0001-gold.md';
    const sla = (status: string, avail: number, extra: Record<string, unknown> = {}): string =>
      md(
        {
          id: 'SLA-0001',
          type: 'customer-agreement',
          title: 'Gold',
          status,
          customer: 'Bakery',
          services: ['SVC-0001'],
          start: '2026-01-01',
          review: '2026-12-01',
          owner: ana.email,
          availability: avail,
          ...extra,
        },
        '\n## Scope\n\n## Service hours\n\n## Targets\n\n## Communication\n\n## Responsibilities\n',
      );
    const signed = {
      customer_approved_by: 'Bea Baker',
      customer_approved_on: '2026-01-03',
      customer_approval_ref: 'signed PDF, sha256 3f1a…',
    };
    const dir = repo([
      { files: { [SLA]: sla('draft', 99) }, author: cleo, date: '2026-01-02T09:00:00Z' },
      { files: { [SLA]: sla('approved', 99, { approved_by: ana.email, ...signed }) }, author: ana, date: '2026-01-03T09:00:00Z' },
      { files: { [SLA]: sla('draft', 99.5, { approved_by: ana.email, ...signed }) }, author: cleo, date: '2026-02-03T09:00:00Z' },
      // The revised terms carry the customer's signature of them.
      {
        files: { [SLA]: sla('approved', 99.5, { approved_by: ana.email, ...signed, customer_approved_on: '2026-02-04' }) },
        author: ana,
        date: '2026-02-04T09:00:00Z',
      },
    ]);
    expect((await history(dir)).findings.map((f) => `${f.rule}: ${f.message}`)).toEqual([]);
  });

  it('a status change made inside a merge commit (evil merge) is seen and attributed to the merge', async () => {
    const dir = repo([{ files: { [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z' }]);
    const env = testEnv();
    gitIn(dir, ['checkout', '-q', '-b', 'side'], env);
    addCommit(dir, { files: { 'changes/RFC-0002-b.md': rfc({ id: 'RFC-0002' }) }, author: cleo, date: '2026-01-03T09:00:00+00:00' });
    gitIn(dir, ['checkout', '-q', 'main'], env);
    addCommit(dir, { files: { 'catalogue/notes.md': '# notes\n' }, author: ana, date: '2026-01-04T09:00:00Z' });
    gitIn(dir, ['-c', 'user.name=Cleo Park', '-c', 'user.email=cleo@acme.example', 'merge', '-q', '--no-ff', '--no-commit', 'side'], env);
    writeFileSync(path.join(dir, R), approved(ben.email));
    gitIn(dir, ['add', '-A'], env);
    gitIn(dir, ['-c', 'user.name=Cleo Park', '-c', 'user.email=cleo@acme.example', 'commit', '-q', '-m', 'Merge side'], {
      ...env,
      GIT_AUTHOR_NAME: 'Cleo Park',
      GIT_AUTHOR_EMAIL: cleo.email,
      GIT_COMMITTER_NAME: 'Cleo Park',
      GIT_COMMITTER_EMAIL: cleo.email,
      GIT_AUTHOR_DATE: '2026-01-05T09:00:00Z',
      GIT_COMMITTER_DATE: '2026-01-05T09:00:00Z',
    });
    expect(gitIn(dir, ['rev-list', '--merges', 'HEAD']).trim().split('\n')).toHaveLength(1);
    const r = await history(dir);
    const ev = r.findings.filter((f) => f.rule === 'approval-evidence');
    expect(ev).toHaveLength(1);
    expect(ev[0]!.message).toMatch(/RFC-0001 was moved to "approved" in commit [0-9a-f]{7} by Cleo Park/);
    // The side branch's RFC-0002 is counted once, not again in the merge.
    expect(r.findings.filter((f) => f.message.includes('RFC-0002'))).toEqual([]);
  });

  it('rename with a status change keeps one timeline; delete and re-add continues it', async () => {
    const dir = repo([
      { files: { [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z' },
      { files: { [R]: null, 'changes/RFC-0001-renamed.md': approved() }, author: ben, date: '2026-01-03T09:00:00Z' },
      { files: { 'changes/RFC-0001-renamed.md': null }, author: ben, date: '2026-01-04T09:00:00Z' },
      { files: { 'changes/RFC-0001-back.md': approved() }, author: ben, date: '2026-01-05T09:00:00Z' },
    ]);
    expect((await history(dir)).findings).toEqual([]);
    const log = JSON.parse((await smsInProcess(['log', 'RFC-0001', '--format', 'json'], dir)).stdout) as {
      entries: { event: string; statusBefore?: string; statusAfter?: string; renamedFrom?: string }[];
    };
    expect(log.entries.map((e) => [e.event, e.statusBefore, e.statusAfter, e.renamedFrom])).toEqual([
      ['created', undefined, 'draft', undefined],
      ['renamed', 'draft', 'approved', R],
      ['deleted', 'approved', undefined, undefined],
      ['readded', 'approved', 'approved', undefined],
    ]);
  });

  it('--base REF reports only what the branch did', async () => {
    const dir = repo([{ files: { [R]: approved() }, author: ben, date: '2026-01-02T09:00:00Z' }]);
    gitIn(dir, ['branch', 'base']);
    addCommit(dir, {
      files: { 'changes/RFC-0002-b.md': rfc({ id: 'RFC-0002', status: 'rejected' }) },
      author: ben,
      date: '2026-01-03T09:00:00Z',
    });
    const all = await history(dir);
    expect(all.findings.map((f) => f.file).sort()).toEqual(['changes/RFC-0001-a.md', 'changes/RFC-0002-b.md']);
    const pr = await history(dir, ['--base', 'base']);
    expect(pr.findings.map((f) => [f.file, f.rule])).toEqual([['changes/RFC-0002-b.md', 'status-transition']]);
  });

  it('default mode checks an uncommitted status change against HEAD', async () => {
    const dir = repo([{ files: { [R]: rfc({ status: 'rejected' }) }, author: ben, date: '2026-01-02T09:00:00Z' }]);
    writeFileSync(path.join(dir, R), approved());
    const r = await history(dir, []);
    expect(r.findings.map((f) => f.rule)).toEqual(['status-transition']);
    expect(r.findings[0]!.message).toMatch(/uncommitted change/);
  });

  it('default mode in an SMS kept in a subfolder of its repository: the changed document is checked against HEAD, the others are not', async () => {
    const top = tmp();
    const under = (files: Record<string, string>): Record<string, string> =>
      Object.fromEntries(Object.entries(files).map(([f, c]) => [`docs/sms/${f}`, c]));
    gitRepo(
      top,
      [
        ...rolesCommits(),
        { files: BASE, date: '2026-01-01T09:00:00Z', message: 'start' },
        { files: { [R]: rfc({ status: 'rejected' }) }, author: ben, date: '2026-01-02T09:00:00Z' },
      ].map((c) => ({ ...c, files: under(c.files) })),
    );
    // A file outside the SMS with the same path relative to the repository root as a document.
    addCommit(top, { files: { [R]: approved() }, author: ben, date: '2026-01-03T09:00:00+00:00' });
    const dir = path.join(top, 'docs/sms');
    expect((await history(dir, [])).findings).toEqual([]);
    writeFileSync(path.join(dir, R), approved());
    const r = await history(dir, []);
    expect(r.findings.map((f) => [f.rule, f.file])).toEqual([['status-transition', R]]);
    expect(r.findings[0]!.message).toMatch(/uncommitted change/);
  });

  it('files the reader does not take as documents (hidden, or matched by ignore) are not documents in history either', async () => {
    const dir = tmp();
    const notes = {
      'changes/.scratch/RFC-0009-x.md': rfc({ id: 'RFC-0009', status: 'approved' }),
      'changes/drafts/RFC-0008-y.md': rfc({ id: 'RFC-0008', status: 'approved' }),
    };
    gitRepo(dir, [
      ...rolesCommits(),
      { files: { ...BASE, 'sms.config.yaml': `${CONFIG}ignore:\n  - changes/drafts\n` }, date: '2026-01-01T09:00:00Z', message: 'start' },
      { files: notes, author: cleo, date: '2026-01-02T09:00:00Z' },
    ]);
    const r = await history(dir);
    expect(r.findings).toEqual([]);
    expect(r.code).toBe(0);
    // The same files under a name the reader takes are documents, and reported.
    addCommit(dir, {
      files: { 'changes/RFC-0009-x.md': notes['changes/.scratch/RFC-0009-x.md'] },
      author: cleo,
      date: '2026-01-03T09:00:00Z',
    });
    expect((await history(dir)).findings.map((f) => f.docId)).toContain('RFC-0009');
  });

  it('a document folder named like a hidden one is read in history as the reader reads it', async () => {
    const F = '.rfcs/RFC-0001-a.md';
    const dir = tmp();
    gitRepo(dir, [
      ...rolesCommits(),
      {
        files: { ...BASE, 'sms.config.yaml': `${CONFIG}folders:\n  change-request: .rfcs\n` },
        date: '2026-01-01T09:00:00Z',
        message: 'start',
      },
      { files: { [F]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z' },
      { files: { [F]: approved(cleo.email) }, author: cleo, date: '2026-01-03T09:00:00Z' },
    ]);
    const r = await history(dir);
    expect(r.findings.filter((f) => f.rule === 'approval-evidence').map((f) => f.file)).toEqual([F]);
  });

  it('an SMS moved into a subfolder keeps its history: documents are followed across the move, not seen appearing already approved', async () => {
    const dir = repo([
      { files: { [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z', message: 'Request RFC-0001' },
      { files: { [R]: approved() }, author: ben, date: '2026-01-03T09:00:00Z', message: 'Approve RFC-0001' },
    ]);
    const top = readdirSync(dir).filter((f) => f !== '.git');
    mkdirSync(path.join(dir, 'sms'));
    gitIn(dir, ['mv', ...top, 'sms/']);
    gitIn(
      dir,
      ['commit', '-q', '-m', 'Move the SMS into sms/'],
      testEnv({ GIT_AUTHOR_DATE: '2026-01-04T09:00:00Z', GIT_COMMITTER_DATE: '2026-01-04T09:00:00Z' }),
    );
    const sub = path.join(dir, 'sms');
    const beforeMove = await history(sub);
    expect(beforeMove.findings).toEqual([]);
    expect(beforeMove.code).toBe(0);
    const log = JSON.parse((await smsInProcess(['log', 'RFC-0001', '--format', 'json'], sub)).stdout);
    expect(log.entries.map((e: { event: string; statusAfter?: string }) => [e.event, e.statusAfter])).toEqual([
      ['created', 'draft'],
      ['changed', 'approved'],
    ]);
    expect(log.entries[1].decision.approvers).toMatchObject([{ name: 'Ben Okafor', attribution: 'author' }]);
    // The pull request that moved it is clean too.
    expect((await history(sub, ['--base', 'HEAD~1'])).findings).toEqual([]);
    // What history proves still holds after the move: an edit of approved content in a later commit.
    addCommit(dir, {
      files: { [`sms/${R}`]: approved(ben.email, {}).replace('## Scope', '## Scope\n\nMore.') },
      author: cleo,
      date: '2026-01-05T09:00:00Z',
    });
    expect(rules((await history(sub)).findings)).toEqual(['modified-after-approval']);
    // A document moved and edited in the same commit is still compared with its version before.
    const moved = repo([
      { files: { [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z' },
      { files: { [R]: approved() }, author: ben, date: '2026-01-03T09:00:00Z' },
    ]);
    mkdirSync(path.join(moved, 'sms'));
    gitIn(moved, ['mv', ...readdirSync(moved).filter((f) => f !== '.git' && f !== 'sms'), 'sms/']);
    writeFileSync(path.join(moved, 'sms', R), approved(ben.email, { title: 'Upgrade all mail' }));
    gitIn(moved, ['add', '--all']);
    gitIn(
      moved,
      ['commit', '-q', '-m', 'Move and edit'],
      testEnv({ GIT_AUTHOR_DATE: '2026-01-04T09:00:00Z', GIT_COMMITTER_DATE: '2026-01-04T09:00:00Z' }),
    );
    const edited = await history(path.join(moved, 'sms'));
    expect(edited.findings.map((f) => [f.rule, f.file])).toEqual([['modified-after-approval', R]]);
  });

  it('a document folder renamed through sms.config.yaml keeps its history: incidents are followed into the new folder, not seen appearing closed', async () => {
    const [I1, I2] = ['INC-0001-mail.md', 'INC-0002-vpn.md'];
    const closed = (id: string, title: string, priority = 'P3'): string =>
      openIncident(id, title).replace(
        'status: "opened"\npriority: "P3"',
        `status: "closed"\npriority: "${priority}"\nresponded: "2026-01-02T09:10:00Z"\nresolved: "2026-01-02T15:00:00Z"`,
      );
    const dir = repo([
      { files: { [`incidents/${I1}`]: openIncident('INC-0001', 'Mail down') }, author: cleo, date: '2026-01-02T09:05:00Z' },
      { files: { [`incidents/${I2}`]: openIncident('INC-0002', 'VPN drops') }, author: cleo, date: '2026-01-02T09:06:00Z' },
      {
        files: { [`incidents/${I1}`]: closed('INC-0001', 'Mail down'), [`incidents/${I2}`]: closed('INC-0002', 'VPN drops') },
        author: cleo,
        date: '2026-01-02T15:05:00Z',
      },
    ]);
    const beforeMove = gitIn(dir, ['rev-parse', 'HEAD']).trim();
    // One commit moves the folder and tells the configuration where the incidents are now.
    gitIn(dir, ['mv', 'incidents', 'tickets']);
    writeFileSync(path.join(dir, 'sms.config.yaml'), `${CONFIG}folders:\n  incident: tickets\n`);
    gitIn(dir, ['add', '--all']);
    gitIn(
      dir,
      ['commit', '-q', '-m', 'Keep incidents in tickets/'],
      testEnv({ GIT_AUTHOR_DATE: '2026-01-04T09:00:00Z', GIT_COMMITTER_DATE: '2026-01-04T09:00:00Z' }),
    );
    const r = await history(dir);
    expect(r.findings).toEqual([]);
    expect(r.code).toBe(0);
    // The pull request that moved them is clean too.
    expect((await history(dir, ['--base', beforeMove])).findings).toEqual([]);
    const log = JSON.parse((await smsInProcess(['log', 'INC-0001', '--format', 'json'], dir)).stdout);
    expect(log.entries.map((e: { event: string; statusAfter?: string }) => [e.event, e.statusAfter])).toEqual([
      ['created', 'opened'],
      ['changed', 'closed'],
      ['renamed', 'closed'],
    ]);
    // What history proves still holds in the new folder: a closed incident lowered to P4 afterwards.
    addCommit(dir, { files: { [`tickets/${I1}`]: closed('INC-0001', 'Mail down', 'P4') }, author: ana, date: '2026-01-09T09:00:00Z' });
    const lowered = [['closed-record-changed', 'INC-0001']];
    expect((await history(dir)).findings.map((f) => [f.rule, f.docId])).toEqual(lowered);
    expect((await history(dir, ['--base', beforeMove])).findings.map((f) => [f.rule, f.docId])).toEqual(lowered);
    // Moved back. tickets/ is read only while a configuration in force named it: a record moved
    // there now has left the SMS, and a file put there now is no version of a record.
    gitIn(dir, ['mv', 'tickets', 'incidents']);
    writeFileSync(path.join(dir, 'sms.config.yaml'), CONFIG);
    addCommit(dir, { files: {}, author: ana, date: '2026-01-10T09:00:00Z' });
    expect((await history(dir)).findings.map((f) => [f.rule, f.docId])).toEqual(lowered);
    mkdirSync(path.join(dir, 'tickets'));
    gitIn(dir, ['mv', `incidents/${I2}`, `tickets/${I2}`]);
    addCommit(dir, {
      files: { [`tickets/INC-0001-notes.md`]: closed('INC-0001', 'Mail down', 'P1') },
      author: cleo,
      date: '2026-01-11T09:00:00Z',
    });
    const after = (await history(dir)).findings;
    // In the working tree both files are where nothing reads them: each is a stray document.
    expect(after.map((f) => [f.rule, f.docId])).toEqual([
      ...lowered,
      ['closed-record-changed', 'INC-0002'],
      ['stray-document', 'INC-0001'],
      ['stray-document', 'INC-0002'],
    ]);
    expect(after.find((f) => f.docId === 'INC-0002')!.message).toMatch(/^INC-0002 was deleted after it was closed /);
  });

  it('an SMS moved in two steps (configuration first, documents after), and a branch started before the move, keep their history', async () => {
    const setUp = (): string =>
      repo([
        { files: { [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z' },
        { files: { [R]: approved() }, author: ben, date: '2026-01-03T09:00:00Z' },
      ]);
    const moveAll = (dir: string, date: string, only?: string[]): void => {
      mkdirSync(path.join(dir, 'sms'), { recursive: true });
      const what = only ?? readdirSync(dir).filter((f) => f !== '.git' && f !== 'sms');
      gitIn(dir, ['mv', ...what, 'sms/']);
      gitIn(dir, ['commit', '-q', '-m', `Move ${what.join(', ')}`], testEnv({ GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date }));
    };
    const twoSteps = setUp();
    moveAll(twoSteps, '2026-01-04T09:00:00Z', ['sms.config.yaml']);
    moveAll(twoSteps, '2026-01-04T10:00:00Z');
    expect((await history(path.join(twoSteps, 'sms'))).findings).toEqual([]);
    // Cleo (PT) approves RFC-0002 on a branch started before the move; Ana merges it after.
    const branch = setUp();
    const B2 = 'changes/RFC-0002-b.md';
    addCommit(branch, { files: { [B2]: rfc({ id: 'RFC-0002', requested_by: ana.email }) }, author: ana, date: '2026-01-03T10:00:00Z' });
    gitIn(branch, ['branch', 'side']);
    moveAll(branch, '2026-01-04T09:00:00Z');
    gitIn(branch, ['checkout', '-q', 'side']);
    addCommit(branch, {
      files: { [B2]: approved(cleo.email, { id: 'RFC-0002', requested_by: ana.email }) },
      author: cleo,
      date: '2026-01-05T09:00:00Z',
    });
    gitIn(branch, ['checkout', '-q', 'main']);
    gitIn(
      branch,
      ['merge', '-q', '--no-ff', '-m', 'Merge side', 'side'],
      testEnv({ GIT_AUTHOR_DATE: '2026-01-06T09:00:00Z', GIT_COMMITTER_DATE: '2026-01-06T09:00:00Z' }),
    );
    expect(existsSync(path.join(branch, 'sms', B2))).toBe(true);
    const r = await history(path.join(branch, 'sms'));
    // Judged at Cleo's commit, and only there: the merge that brought her version in made no change of its own.
    expect(rules(r.findings.filter((f) => f.docId === 'RFC-0002'))).toEqual(['approval-authority', 'approval-evidence']);
    expect(r.findings.find((f) => f.rule === 'approval-evidence')!.message).toMatch(/in commit [0-9a-f]{7} by Cleo Park/);

    // After the move, Cleo takes RFC-0002 back to the old root, approves it there and brings it back.
    const parked = setUp();
    addCommit(parked, { files: { [B2]: rfc({ id: 'RFC-0002', requested_by: ana.email }) }, author: ana, date: '2026-01-03T10:00:00Z' });
    moveAll(parked, '2026-01-04T09:00:00Z');
    const at = (date: string): NodeJS.ProcessEnv => as(cleo, date);
    mkdirSync(path.join(parked, 'changes'));
    gitIn(parked, ['mv', `sms/${B2}`, B2]);
    gitIn(parked, ['commit', '-q', '-m', 'Park it'], at('2026-01-05T09:00:00Z'));
    writeFileSync(path.join(parked, B2), approved(cleo.email, { id: 'RFC-0002', requested_by: ana.email }));
    gitIn(parked, ['commit', '-q', '-am', 'Approve it'], at('2026-01-05T10:00:00Z'));
    gitIn(parked, ['mv', B2, `sms/${B2}`]);
    gitIn(parked, ['commit', '-q', '-m', 'Bring it back'], at('2026-01-05T11:00:00Z'));
    const back = await history(path.join(parked, 'sms'));
    expect(back.findings.filter((f) => f.rule === 'approval-evidence').map((f) => f.docId)).toEqual(['RFC-0002']);

    // The SMS moved on a branch; main edits a document at the old root meanwhile, then merges the branch.
    const merged = setUp();
    gitIn(merged, ['branch', 'move']);
    addCommit(merged, {
      files: { [R]: approved(ben.email, { status: 'updated', deployed_on: '2026-02-05' }) },
      author: ben,
      date: '2026-01-04T09:00:00Z',
    });
    gitIn(merged, ['checkout', '-q', 'move']);
    moveAll(merged, '2026-01-04T10:00:00Z');
    gitIn(merged, ['checkout', '-q', 'main']);
    gitIn(
      merged,
      ['merge', '-q', '--no-ff', '-m', 'Merge the move', 'move'],
      testEnv({ GIT_AUTHOR_DATE: '2026-01-05T09:00:00Z', GIT_COMMITTER_DATE: '2026-01-05T09:00:00Z' }),
    );
    expect(readFileSync(path.join(merged, 'sms', R), 'utf8')).toContain('deployed_on');
    expect((await history(path.join(merged, 'sms'))).findings).toEqual([]);

    // Folder by folder, the configuration last: sms log shows no renames.
    const folders = setUp();
    for (const [i, f] of ['catalogue', 'changes', 'governance'].entries()) moveAll(folders, `2026-01-04T0${i + 1}:00:00Z`, [f]);
    moveAll(folders, '2026-01-04T09:00:00Z');
    const log = JSON.parse((await smsInProcess(['log', 'RFC-0001', '--format', 'json'], path.join(folders, 'sms'))).stdout);
    expect(log.entries.map((e: { event: string }) => e.event)).toEqual(['created', 'changed']);
    expect((await history(path.join(folders, 'sms'))).findings).toEqual([]);
  });

  it('--base in an SMS kept in a subfolder: the roles in force at the base are found, and an approval by the CM is clean', async () => {
    const top = smsInSubfolder();
    const base = gitIn(top, ['rev-parse', 'HEAD']).trim();
    addCommit(top, { files: { [`sms/${R}`]: approved() }, author: ben, date: '2026-01-03T09:00:00+00:00' });
    const r = await history(path.join(top, 'sms'), ['--base', base]);
    expect(r.findings).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('--base judges the roles at the base as --history does: a role Cleo gave herself in an edit that no one entitled approved grants her nothing', async () => {
    const dir = repo([
      { files: { [R]: rfc({ requested_by: ben.email }) }, author: ben, date: '2026-01-02T09:00:00Z' },
      // Kept "updated", her edit approves the roles again, in her name: she holds neither SM nor MGT.
      {
        files: {
          'governance/roles.md': rolesDoc(
            [
              { ...ana, roles: ['SM', 'MGT'] },
              { ...ben, roles: ['CM'] },
              { ...cleo, roles: ['IM', 'PT', 'CM'] },
            ],
            'updated',
            ana.email,
          ),
        },
        author: cleo,
        date: '2026-01-03T09:00:00Z',
      },
    ]);
    const base = gitIn(dir, ['rev-parse', 'HEAD']).trim();
    // The pull request: Cleo approves the change request as CM.
    addCommit(dir, { files: { [R]: approved(cleo.email, { requested_by: ben.email }) }, author: cleo, date: '2026-01-04T09:00:00Z' });
    const approvals = (fs: Finding[]): string[] => fs.filter((f) => f.file === R).map((f) => `${f.rule}: ${f.message}`);
    const full = approvals((await history(dir)).findings);
    expect(full).toEqual([expect.stringMatching(/^approval-evidence: RFC-0001 was moved to "approved" .* held CM or SM/)]);
    const r = await history(dir, ['--base', base]);
    expect(approvals(r.findings)).toEqual(full);
    expect(r.code).toBe(1);
  });

  it('--base on a pull request that moves the SMS: the base is read where it was, and a folder left behind is reported', async () => {
    const top = smsInSubfolder();
    const base = gitIn(top, ['rev-parse', 'HEAD']).trim();
    // The pull request moves the SMS to the top of the repository, but not its catalogue.
    gitIn(top, ['mv', 'sms/sms.config.yaml', 'sms/governance', 'sms/changes', '.']);
    gitIn(
      top,
      ['commit', '-q', '-m', 'Move the SMS up'],
      testEnv({ GIT_AUTHOR_DATE: '2026-01-03T09:00:00Z', GIT_COMMITTER_DATE: '2026-01-03T09:00:00Z' }),
    );
    addCommit(top, { files: { [R]: approved() }, author: ben, date: '2026-01-04T09:00:00Z' });
    const r = await history(top, ['--base', base]);
    // Ben's approval is judged against the roles in force where the base kept them: clean.
    expect(r.findings.map((f) => [f.rule, f.file])).toEqual([['document-scope', 'sms/catalogue/SVC-0001-service-desk.md']]);
  });

  it('--base after a move of the SMS that landed: the roles in force at the base are followed to where they were approved', async () => {
    const asCleo = testEnv({
      GIT_AUTHOR_NAME: cleo.name,
      GIT_AUTHOR_EMAIL: cleo.email,
      GIT_COMMITTER_NAME: cleo.name,
      GIT_COMMITTER_EMAIL: cleo.email,
      GIT_AUTHOR_DATE: '2026-01-03T09:00:00Z',
      GIT_COMMITTER_DATE: '2026-01-03T09:00:00Z',
    });
    const moved = (selfGranted: boolean): { top: string; base: string } => {
      const top = smsInSubfolder();
      // Cleo (IM and PT) gives herself CM in the approved roles document: an edit no one approved.
      const granted = [
        { ...ana, roles: ['SM', 'MGT'] },
        { ...ben, roles: ['CM'] },
        { ...cleo, roles: ['IM', 'PT', 'CM'] },
      ];
      if (selfGranted)
        addCommit(top, {
          files: { 'sms/governance/roles.md': rolesDoc(granted, 'approved', ana.email) },
          author: cleo,
          date: '2026-01-02T10:00:00Z',
        });
      // Cleo (no SM or MGT role) moves the whole SMS to the top of the repository, on main.
      gitIn(top, ['mv', 'sms/sms.config.yaml', 'sms/governance', 'sms/changes', 'sms/catalogue', '.']);
      gitIn(top, ['commit', '-q', '-m', 'Move the SMS up'], asCleo);
      return { top, base: gitIn(top, ['rev-parse', 'HEAD']).trim() };
    };
    // The next pull request: Ben, the CM, approves the change request. The roles were approved by
    // Ana before the move: they are in force at the base as well.
    const clean = moved(false);
    addCommit(clean.top, { files: { [R]: approved() }, author: ben, date: '2026-01-04T09:00:00Z' });
    expect((await history(clean.top)).findings).toEqual([]);
    const r = await history(clean.top, ['--base', clean.base]);
    expect(r.findings).toEqual([]);
    expect(r.code).toBe(0);
    // Followed, the old place's history is judged as --history judges it: Cleo's own grant is not in force.
    const granted = moved(true);
    addCommit(granted.top, { files: { [R]: approved(cleo.email) }, author: cleo, date: '2026-01-04T09:00:00Z' });
    const evidence = (fs: Finding[]): string[] => fs.filter((f) => f.rule === 'approval-evidence').map((f) => f.message);
    const full = evidence((await history(granted.top)).findings);
    expect(full).toEqual([expect.stringMatching(/held CM or SM in the roles document in force at that time \(Cleo Park held IM, PT\)$/)]);
    const pr = await history(granted.top, ['--base', granted.base]);
    expect(evidence(pr.findings)).toEqual(full);
    expect(pr.code).toBe(1);
  });

  it("HEAD's blobs are read relative to the SMS, and a folder named like pathspec magic matches nothing outside it", async () => {
    const { headBlobsHere } = await import('../src/git/history.js');
    const top = tmp();
    gitRepo(top, [{ files: { 'top.md': '# top\n', 'docs/sms/changes/a.md': '# a\n' }, date: '2026-01-01T09:00:00Z' }]);
    const ctx = { cwd: path.join(top, 'docs/sms'), env: testEnv() };
    expect([...(await headBlobsHere(ctx, ['changes']))!.keys()]).toEqual(['changes/a.md']);
    // Read as pathspec magic, ":(top)" would list ../../top.md.
    expect([...(await headBlobsHere(ctx, [':(top)']))!.keys()]).toEqual([]);
  });

  it("default mode: when HEAD's tree cannot be read, validate fails with git's reason (exit 2), not as if there were no repository", async () => {
    const dir = repo([{ files: { [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z' }]);
    const tree = gitIn(dir, ['rev-parse', 'HEAD^{tree}']).trim();
    rmSync(path.join(dir, '.git/objects', tree.slice(0, 2), tree.slice(2)), { force: true });
    const r = await smsInProcess(['validate'], dir);
    expect(r.stderr).toMatch(/^sms: git ls-tree failed: .*\n/);
    expect(r.code).toBe(2);
  });

  it('default mode: a HEAD that names a tree, not a commit, is no commit to compare with (as before the first commit)', async () => {
    const dir = repo([{ files: { [R]: rfc({ status: 'rejected' }) }, author: ben, date: '2026-01-02T09:00:00Z' }]);
    writeFileSync(path.join(dir, R), approved());
    expect((await history(dir, [])).findings.map((f) => f.rule)).toEqual(['status-transition']);
    writeFileSync(path.join(dir, '.git', 'HEAD'), `${gitIn(dir, ['rev-parse', 'HEAD^{tree}']).trim()}\n`);
    const r = await history(dir, []);
    expect(r.findings).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('a repository git refuses to read (owned by another user) is exit 2 with the remedy, never "no repository" with checks skipped', async () => {
    const dir = repo([{ files: { [R]: rfc({ status: 'rejected' }) }, author: ben, date: '2026-01-02T09:00:00Z' }]);
    writeFileSync(path.join(dir, R), approved());
    // Git's own switch for its ownership check, as when a CI container checks out as another user.
    const env = testEnv({ GIT_TEST_ASSUME_DIFFERENT_OWNER: '1' });
    for (const args of [
      ['validate'],
      ['validate', '--staged'],
      ['validate', '--history'],
      ['report', 'review', '--until', '2026-02-28'],
      ['log', 'RFC-0001'],
    ]) {
      const r = await smsInProcess(args, dir, env);
      expect(r.stderr, args.join(' ')).toMatch(
        /^sms: git refuses to read this repository: detected dubious ownership in repository at '.*'\n/,
      );
      expect(r.stderr, args.join(' ')).toContain(`run "git config --global --add safe.directory ${dir}"`);
      expect(r.code, args.join(' ')).toBe(2);
    }
    expect((await smsInProcess(['validate', '--no-git'], dir, env)).code).toBe(0);
  });

  it('a HEAD whose commit object is missing is a damaged clone (exit 2, the object named), not a repository without commits', async () => {
    const dir = repo([{ files: { [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z' }]);
    const head = gitIn(dir, ['rev-parse', 'HEAD']).trim();
    rmSync(path.join(dir, '.git/objects', head.slice(0, 2), head.slice(2)));
    for (const args of [['validate'], ['validate', '--staged'], ['validate', '--history']]) {
      const r = await smsInProcess(args, dir);
      expect(r.stderr, args.join(' ')).toMatch(new RegExp(`^sms: git object ${head} is missing from this repository`));
      expect(r.code, args.join(' ')).toBe(2);
    }
  });

  it('shallow clone: exit 2 with the fetch-depth hint', async () => {
    const dir = repo([
      { files: { [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z' },
      { files: { [R]: approved() }, author: ben, date: '2026-01-03T09:00:00Z' },
    ]);
    const clone = path.join(tmp(), 'shallow');
    gitIn(path.dirname(clone), ['clone', '-q', '--depth', '1', `file://${dir}`, clone]);
    const r = await smsInProcess(['validate', '--history'], clone);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/shallow/);
    expect(r.stderr).toMatch(/fetch-depth: 0/);
    expect(r.stderr).toMatch(/GIT_DEPTH: 0/);
    expect((await smsInProcess(['validate'], clone)).code).toBe(0);
    // Reports learn that the clone is shallow from the same git process that finds the repository.
    for (const args of [
      ['report', 'review', '--until', '2026-01-31'],
      ['report', 'audit', '--until', '2026-01-31'],
    ]) {
      const rr = await smsInProcess(args, clone);
      expect(rr.stderr, args.join(' ')).toMatch(/^sms: this clone is shallow: the full history this command reads .* is not present\n/);
      expect(rr.stderr, args.join(' ')).not.toMatch(/--history/);
      expect(rr.code, args.join(' ')).toBe(2);
    }
  });

  it('shallow clone with --base: the roles where the clone begins are taken as labelled, and what follows is judged', async () => {
    const cleoCm = rolesDoc(
      [
        { ...ana, roles: ['SM', 'MGT'] },
        { ...ben, roles: ['CM'] },
        { ...cleo, roles: ['IM', 'PT', 'CM'] },
      ],
      'updated',
      ana.email,
    );
    const dir = repo([
      { files: { [R]: rfc({ requested_by: ben.email }) }, author: ben, date: '2026-01-02T09:00:00Z' },
      { files: {}, author: ben, date: '2026-01-02T10:00:00Z', message: 'where the clone begins' },
      // Cleo names herself CM in an edit that approves the roles again in her name.
      { files: { 'governance/roles.md': cleoCm }, author: cleo, date: '2026-01-03T09:00:00Z' },
    ]);
    const base = gitIn(dir, ['rev-parse', 'HEAD']).trim();
    const pr = (approver: typeof ana): string => {
      const clone = path.join(tmp(), 'shallow');
      gitIn(path.dirname(clone), ['clone', '-q', '--depth', '2', `file://${dir}`, clone]);
      addCommit(clone, {
        files: { [R]: approved(approver.email, { requested_by: ben.email }) },
        author: approver,
        date: '2026-01-04T09:00:00Z',
      });
      return clone;
    };
    const onR = async (clone: string): Promise<string[]> =>
      (await history(clone, ['--base', base])).findings.filter((f) => f.file === R).map((f) => f.rule);
    // The clone holds Ana's approved roles (taken as labelled) and Cleo's edit, judged: no CM for her.
    expect(await onR(pr(cleo))).toEqual(['approval-evidence']);
    expect(await onR(pr(ana))).toEqual([]);
  });

  it('shallow clone: set-status reads history only for a decision that needs it', async () => {
    const I = 'incidents/INC-0001-a.md';
    const incident = openIncident('INC-0001', 'Mail down');
    const dir = repo([
      { files: { [I]: incident, [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z' },
      { files: {}, author: cleo, date: '2026-01-03T09:00:00Z', message: 'later' },
    ]);
    const clone = path.join(tmp(), 'shallow');
    gitIn(path.dirname(clone), ['clone', '-q', '--depth', '1', `file://${dir}`, clone]);
    expect((await smsInProcess(['validate'], clone)).code).toBe(0);
    // A move no decision rests on is judged as plain validate judges it: against HEAD's tree.
    const moved = await smsInProcess(['set-status', 'INC-0001', 'updated'], clone, testEnv());
    expect(moved.code, moved.stderr).toBe(0);
    expect(moved.stdout).toBe(`INC-0001: opened → updated\n${I}\n`);
    expect(readFileSync(path.join(clone, I), 'utf8')).toMatch(/^status: "updated"$/m);
    expect((await smsInProcess(['validate'], clone)).code).toBe(0);
    // An approval is judged by the roles in force, which only the full history holds.
    const approval = await smsInProcess(
      ['set-status', 'RFC-0001', 'approved'],
      clone,
      testEnv({ GIT_AUTHOR_NAME: ben.name, GIT_AUTHOR_EMAIL: ben.email }),
    );
    expect(approval.code).toBe(2);
    expect(approval.stderr).toMatch(/^sms: this clone is shallow/);
    expect(readFileSync(path.join(clone, R), 'utf8')).toBe(rfc());
  });

  it.each(['--output=/tmp/sms-pwned', '-c', '--upload-pack=touch /tmp/sms-pwned2', 'HEAD; rm -rf /', 'a\nb'])(
    'hostile ref %j is rejected with exit 2 and runs nothing',
    async (ref) => {
      const dir = repo([]);
      const r = await smsInProcess(['validate', '--base', ref], dir);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/is not (a commit in this repository|a valid revision)/);
      expect(existsSync('/tmp/sms-pwned')).toBe(false);
      expect(existsSync('/tmp/sms-pwned2')).toBe(false);
    },
  );

  it('a repository without commits, and a directory outside git', async () => {
    const dir = tmp();
    for (const [f, c] of Object.entries({ ...BASE, 'governance/roles.md': rolesDoc() })) {
      const abs = path.join(dir, f);
      mkdirSync(path.dirname(abs), { recursive: true });
      writeFileSync(abs, c);
    }
    expect((await smsInProcess(['validate'], dir)).code).toBe(0);
    const noGit = await smsInProcess(['validate', '--history'], dir);
    expect(noGit.code).toBe(2);
    expect(noGit.stderr).toMatch(/not inside a git repository/);
    gitIn(dir, ['init', '-q', '-b', 'main']);
    expect((await smsInProcess(['validate', '--history'], dir)).code).toBe(0);
    expect((await smsInProcess(['validate'], dir)).code).toBe(0);
  });

  it('non-UTF-8 author names and a commit touching hundreds of documents', async () => {
    const files: Record<string, string> = {};
    for (let i = 1; i <= 300; i++)
      files[`incidents/INC-${String(i).padStart(4, '0')}-x.md`] = openIncident(`INC-${String(i).padStart(4, '0')}`, `i${i}`);
    const dir = repo([{ files, author: { name: 'J\xf6rg M\xfcller', email: 'j@x.example' }, date: '2026-01-02T09:00:00Z' }]);
    gitIn(dir, ['-c', 'i18n.commitEncoding=ISO-8859-1', 'commit', '-q', '--allow-empty', '-m', 'latin1'], {
      ...testEnv(),
      GIT_AUTHOR_NAME: Buffer.from('J\xf6rg', 'latin1').toString('latin1'),
    });
    const r = await history(dir);
    expect(r.findings).toEqual([]);
    expect(r.code).toBe(0);
  });
});

describe('commit-date: commits dated ahead', () => {
  const dated = async (dir: string): Promise<string[]> =>
    (await history(dir)).findings.filter((f) => f.rule === 'commit-date').map((f) => `${f.severity} ${f.file}: ${f.message}`);

  it('a commit dated more than a day after the commit made on top of it is reported as a warning', async () => {
    // The middle commit says 20 May, but the approval made on top of it says 3 February: the reports
    // would count the approval from 20 May.
    const ahead = repo([
      { files: { [R]: rfc() }, author: cleo, date: '2026-02-01T09:00:00Z', message: 'request' },
      { files: { [R]: rfc({ title: 'Upgrade mail now' }) }, author: cleo, date: '2026-05-20T09:00:00Z', message: 'retitle' },
      { files: { [R]: approved() }, author: ben, date: '2026-02-03T09:00:00Z', message: 'approve' },
    ]);
    expect(await dated(ahead)).toEqual([
      expect.stringMatching(
        /^warning changes\/RFC-0001-a\.md: commit [0-9a-f]{7} by Cleo Park <cleo@acme\.example> on 2026-05-20 is dated 2026-05-20, after commit [0-9a-f]{7}, made on top of it, which is dated 2026-02-03: the reports count its changes, and later changes of the documents it touched, from 2026-05-20$/,
      ),
    ]);
    // A warning: validation still passes.
    expect((await history(ahead)).findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('clocks a few hours apart, a rebased commit (its author date older, its committer date newer) and a branch merged later are not reported', async () => {
    const skew = repo([
      { files: { [R]: rfc() }, author: cleo, date: '2026-02-01T15:00:00Z', message: 'request' },
      { files: { [R]: rfc({ title: 'Upgrade mail now' }) }, author: cleo, date: '2026-02-01T09:00:00Z', message: 'retitle' },
    ]);
    expect(await dated(skew)).toEqual([]);
    // Rebased: authored on 1 March, committed on 5 March on top of a commit of 4 March.
    const rebased = repo([{ files: { [R]: rfc() }, author: cleo, date: '2026-03-04T09:00:00Z', message: 'request' }]);
    writeFileSync(path.join(rebased, R), rfc({ title: 'Upgrade mail now' }));
    gitIn(rebased, ['add', '--all']);
    gitIn(rebased, ['commit', '-q', '-m', 'retitle'], {
      ...as(cleo),
      GIT_AUTHOR_DATE: '2026-03-01T09:00:00Z',
      GIT_COMMITTER_DATE: '2026-03-05T09:00:00Z',
    });
    expect(await dated(rebased)).toEqual([]);
    // A branch made on 5 February and merged on 11 February, after a commit of 10 February on main.
    const merged = repo([{ files: { [R]: rfc() }, author: cleo, date: '2026-02-01T09:00:00Z', message: 'request' }]);
    gitIn(merged, ['checkout', '-q', '-b', 'side']);
    addCommit(merged, { files: { 'changes/RFC-0002-b.md': rfc({ id: 'RFC-0002' }) }, author: cleo, date: '2026-02-05T09:00:00Z' });
    gitIn(merged, ['checkout', '-q', 'main']);
    addCommit(merged, { files: { [R]: rfc({ title: 'Upgrade mail now' }) }, author: cleo, date: '2026-02-10T09:00:00Z' });
    gitIn(merged, ['merge', '-q', '--no-ff', '-m', 'merge side', 'side'], as(ana, '2026-02-11T09:00:00Z'));
    expect(await dated(merged)).toEqual([]);
  });

  it('a chain of commits, each dated less than a day after the one on top of it, is ahead by their sum', async () => {
    // The approval says 20 May; twenty commits on top of it each step back 20 hours, to 3 May.
    const steps: CommitSpec[] = Array.from({ length: 21 }, (_, k) => ({
      files: { [R]: approved(undefined, { title: `Upgrade mail, step ${k}` }) },
      author: ben,
      date: new Date(Date.parse('2026-05-20T09:00:00Z') - k * 20 * 3_600_000).toISOString().replace('.000Z', 'Z'),
    }));
    const chain = repo([{ files: { [R]: rfc() }, author: cleo, date: '2026-05-01T09:00:00Z' }, ...steps]);
    // One finding where the dates turn back by more than a day in all: the last commit still a day and
    // more after the end of the chain (5 May, 40 hours before it), not one for every commit under it.
    expect(await dated(chain)).toEqual([
      expect.stringMatching(/on 2026-05-05 is dated 2026-05-05, after commit [0-9a-f]{7}, made on top of it, which is dated 2026-05-03:/),
    ]);
  });

  it('one commit whose clock reads 2001, on top of a long history, is one finding, not one for every commit under it', async () => {
    const honest: CommitSpec[] = Array.from({ length: 12 }, (_, k) => ({
      files: { [R]: rfc({ title: `Upgrade mail, step ${k}` }) },
      author: cleo,
      date: `2026-05-${String(k + 1).padStart(2, '0')}T09:00:00Z`,
    }));
    const dir = repo([
      ...honest,
      { files: { [R]: rfc({ title: 'Upgrade mail, wrong clock' }) }, author: ben, date: '2001-01-01T09:00:00Z' },
    ]);
    expect(await dated(dir)).toEqual([
      expect.stringMatching(/on 2026-05-12 is dated 2026-05-12, after commit [0-9a-f]{7}, made on top of it, which is dated 2001-01-01:/),
    ]);
  });

  it('a date git took in an offset no clock has (+99:59) is reported, and counts from the instant git keeps', async () => {
    const dir = repo([{ files: { [R]: rfc() }, author: cleo, date: '2026-05-01T09:00:00Z' }]);
    writeFileSync(path.join(dir, R), approved());
    // 1 May 2026, 12:00 UTC, at +99:59: git hash-object takes it, and git log prints it.
    commitShownAt(dir, ben, '2026-05-01T12:00:00Z', '+9959');
    expect(await dated(dir)).toEqual([
      expect.stringMatching(
        /^warning changes\/RFC-0001-a\.md: commit [0-9a-f]{7} by Ben Okafor <ben@acme\.example> on 2026-05-01 has the date "2026-05-05T[^"]*\+99:59", in a time zone offset no clock has: it stands for 2026-05-01T12:00:00Z, which is what counts$/,
      ),
    ]);
  });

  it('a date past the year 9999 (git takes it) is reported as one sms cannot read, counting as 9999-12-31', async () => {
    const dir = repo([{ files: { [R]: rfc() }, author: cleo, date: '2026-05-01T09:00:00Z' }]);
    writeFileSync(path.join(dir, R), approved());
    gitIn(
      dir,
      ['commit', '-qam', 'approve'],
      testEnv({ GIT_AUTHOR_DATE: '@253402300800 +0000', GIT_COMMITTER_DATE: '@253402300800 +0000' }),
    );
    expect(await dated(dir)).toEqual([
      expect.stringMatching(
        /^warning changes\/RFC-0001-a\.md: commit [0-9a-f]{7} by Ana Costa <ana@acme\.example> on 9999-12-31 has the date "10000-01-01T00:00:00\+00:00", which names no day sms can read: it counts as 9999-12-31, by which every role given an end \(until\) has ended, and no report counts its changes in a period$/,
      ),
    ]);
  });

  it('a commit with nothing on top of it dated after the day after today is reported; one late on the next day is not', async () => {
    // Today is 1 June (SMS_TODAY): an approval dated 10 June would count from 10 June in every report, and
    // nothing made after it exists yet to show that it was not made then.
    const future = repo([
      { files: { [R]: rfc() }, author: cleo, date: '2026-05-02T09:00:00Z', message: 'request' },
      { files: { [R]: approved() }, author: ben, date: '2026-06-10T09:00:00Z', message: 'approve' },
    ]);
    expect(await dated(future)).toEqual([
      expect.stringMatching(
        /^warning changes\/RFC-0001-a\.md: commit [0-9a-f]{7} by Ben Okafor <ben@acme\.example> on 2026-06-10 is dated 2026-06-10, after today \(2026-06-01\), with no commit on top of it: the reports count its changes, and later changes of the documents it touched, from 2026-06-10$/,
      ),
    ]);
    // 2 June, late in UTC, is still today somewhere (UTC-12 until noon UTC); 3 June at 01:00 UTC is not, anywhere.
    const edge = (date: string): CommitSpec[] => [
      { files: { [R]: rfc() }, author: cleo, date: '2026-05-02T09:00:00Z', message: 'request' },
      { files: { [R]: approved() }, author: ben, date, message: 'approve' },
    ];
    expect(await dated(repo(edge('2026-06-02T23:00:00Z')))).toEqual([]);
    expect(await dated(repo(edge('2026-06-03T01:00:00Z')))).toHaveLength(1);
    // Dated ahead of the commit on top of it as well: one finding, naming that commit.
    const both = repo([
      ...edge('2026-06-10T09:00:00Z'),
      { files: { [R]: approved(undefined, { title: 'Upgrade mail now' }) }, author: ben, date: '2026-05-20T09:00:00Z' },
    ]);
    expect(await dated(both)).toEqual([expect.stringMatching(/is dated 2026-06-10, after commit [0-9a-f]{7}, made on top of it/)]);
  });
});

describe('sms log', () => {
  it('outside a git repository: exit 2, with a hint that fits log as well as validate', async () => {
    const dir = tmp();
    baseSms(dir);
    for (const args of [
      ['log', 'ROLES'],
      ['validate', '--history'],
    ]) {
      const r = await smsInProcess(args, dir);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toBe(
        `sms: ${dir} is not inside a git repository; history cannot be checked\n     run "git init" and commit (sms log and the reports need history; sms validate without --base or --history does not)\n`,
      );
    }
  });

  it('prints the timeline of a document with authors, status changes and approvals', async () => {
    const dir = repo([
      { files: { [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z', message: 'Request RFC-0001' },
      { files: { [R]: approved() }, author: ben, date: '2026-01-03T09:00:00Z', message: 'Approve RFC-0001' },
    ]);
    const r = await smsInProcess(['log', 'RFC-0001'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/2026-01-02 {2}[0-9a-f]{7} {2}Cleo Park +created +draft +Request RFC-0001/);
    expect(r.stdout).toMatch(
      /2026-01-03 {2}[0-9a-f]{7} {2}Ben Okafor +changed +draft → approved +Approve RFC-0001 +\[approved_by ben@acme.example; decided by Ben Okafor \(CM, by author\)\]/,
    );
    expect((await smsInProcess(['log', 'RFC-0099'], dir)).code).toBe(2);
  });

  it('shows who committed when it was not the author, and a rewritten approved_by as no decision', async () => {
    const dir = repo([
      { files: { [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z', message: 'Request RFC-0001' },
      // Cleo commits with Ben as the author: only the committer says who made the commit.
      { files: { [R]: approved() }, author: ben, committer: cleo, date: '2026-01-03T09:00:00Z', message: 'Approve RFC-0001' },
      // Cleo puts Ana's address in approved_by; the status stays: nobody decided anything.
      { files: { [R]: approved(ana.email) }, author: cleo, date: '2026-01-04T09:00:00Z', message: 'Fix front matter' },
    ]);
    const text = (await smsInProcess(['log', 'RFC-0001'], dir)).stdout;
    expect(text).toMatch(
      /Ben Okafor +changed +draft → approved +Approve RFC-0001 +\[committed by Cleo Park on 2026-01-03; approved_by ben@acme.example; decided by/,
    );
    expect(text).toMatch(
      /Cleo Park +changed +approved +Fix front matter +\[approved_by ben@acme.example → ana@acme.example, no decision in this commit\]/,
    );
    const json = JSON.parse((await smsInProcess(['log', 'RFC-0001', '--format', 'json'], dir)).stdout);
    expect(json.entries[1].committer).toEqual({ name: cleo.name, email: cleo.email, date: '2026-01-03T09:00:00+00:00' });
    expect(json.entries[2]).toMatchObject({ approvedBy: ana.email, approvedByBefore: ben.email });
    expect(json.entries[2].decision).toBeUndefined();
    // approved_by written in where there was none, without a decision; a commit made days after its author date.
    addCommit(dir, { files: { [R]: rfc({ status: 'approved' }) }, author: cleo, date: '2026-01-06T09:00:00Z', message: 'Drop' });
    addCommit(dir, { files: { [R]: approved(ben.email) }, author: cleo, date: '2026-01-07T09:00:00Z', message: 'Add approver' });
    addCommit(dir, {
      files: { [R]: approved(ben.email, { version: '1.1' }) },
      author: ben,
      date: '2026-01-08T09:00:00Z',
      message: 'Version',
    });
    gitIn(
      dir,
      ['commit', '--amend', '-q', '--no-edit'],
      testEnv({ GIT_COMMITTER_NAME: ben.name, GIT_COMMITTER_EMAIL: ben.email, GIT_COMMITTER_DATE: '2026-01-20T09:00:00Z' }),
    );
    const later = (await smsInProcess(['log', 'RFC-0001'], dir)).stdout;
    expect(later).toMatch(/Add approver +\[approved_by ben@acme.example, no decision in this commit\]/);
    expect(later).toMatch(/2026-01-08 .*Version +\[committed on 2026-01-20\]/);
  });

  it('follows a document renumbered inside its file, and shows a re-added document with another title', async () => {
    const dir = repo([
      { files: { [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z', message: 'Request RFC-0001' },
      { files: { [R]: approved() }, author: ben, date: '2026-01-03T09:00:00Z', message: 'Approve RFC-0001' },
      { files: { [R]: approved(ben.email, { id: 'RFC-0030' }) }, author: cleo, date: '2026-01-04T09:00:00Z', message: 'tidy' },
      { files: { [R]: null }, author: cleo, date: '2026-01-05T09:00:00Z', message: 'remove' },
      {
        files: { [R]: approved(ben.email, { id: 'RFC-0030', title: 'Open RDP to the internet' }) },
        author: cleo,
        date: '2026-01-06T09:00:00Z',
        message: 'RFC-0030',
      },
    ]);
    const old = (await smsInProcess(['log', 'RFC-0001'], dir)).stdout;
    expect(old).toMatch(/2026-01-04 .*Cleo Park +changed +approved +tidy +\[id changed to RFC-0030\]/);
    const renumbered = (await smsInProcess(['log', 'RFC-0030'], dir)).stdout;
    expect(renumbered).toMatch(/2026-01-04 .*Cleo Park +changed +approved +tidy +\[id changed from RFC-0001\]/);
    // Re-added with other content: the ID went to another document, whose entries follow.
    expect(renumbered).toMatch(
      /2026-01-06 .*Cleo Park +readded +approved +RFC-0030 +\[the ID given to another document: the entries above are the deleted one's; title was "Upgrade mail"\]/,
    );
    const json = JSON.parse((await smsInProcess(['log', 'RFC-0030', '--format', 'json'], dir)).stdout);
    expect(
      json.entries.map((e: { event: string; idBefore?: string; titleBefore?: string }) => [e.event, e.idBefore, e.titleBefore]),
    ).toEqual([
      ['changed', 'RFC-0001', undefined],
      ['deleted', undefined, undefined],
      ['readded', undefined, 'Upgrade mail'],
    ]);
  });
});

describe('sms set-status', () => {
  const CRLF_DOC =
    '---\r\nid: RFC-0001 # keep this comment\r\ntype: change-request\r\ntitle: "Upgrade mail"\r\nstatus: draft   # lifecycle\r\nchange_type: normal\r\npriority: P2\r\nrequested_by: cleo@acme.example\r\n---\r\n\r\n## Purpose\r\n\r\n## Business impact\r\n\r\n## Scope\r\n';

  it('approves as the CM: changes only the lines it must (comments, order, CRLF kept) and commits', async () => {
    const dir = repo([{ files: { [R]: CRLF_DOC }, author: cleo, date: '2026-01-02T09:00:00Z' }]);
    const env = testEnv({
      GIT_AUTHOR_NAME: ben.name,
      GIT_AUTHOR_EMAIL: ben.email,
      GIT_COMMITTER_NAME: ben.name,
      GIT_COMMITTER_EMAIL: ben.email,
    });
    const r = sms(['set-status', 'RFC-0001', 'approved', '--commit'], dir, env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n').pop()).toBe(R);
    const after = readFileSync(path.join(dir, R), 'utf8');
    expect(after).toBe(
      CRLF_DOC.replace(
        'status: draft   # lifecycle\r\n',
        'status: approved   # lifecycle\r\napproved_by: ben@acme.example\r\napproved_on: "2026-06-01"\r\n',
      ),
    );
    const msg = gitIn(dir, ['log', '-1', '--format=%an|%B']);
    expect(msg).toMatch(/^Ben Okafor\|RFC-0001: draft → approved/);
    expect(msg).toContain('Approved-by: Ben Okafor <ben@acme.example>');
    expect((await history(dir)).findings).toEqual([]);
  });

  it('refuses a forbidden transition, an unknown status, and an approver without the role', async () => {
    const dir = repo([{ files: { [R]: rfc({ status: 'rejected' }) }, author: ben, date: '2026-01-02T09:00:00Z' }]);
    const before = readFileSync(path.join(dir, R), 'utf8');
    const t = await smsInProcess(['set-status', 'RFC-0001', 'approved', '--as', 'Ben Okafor <ben@acme.example>'], dir);
    expect(t.code).toBe(2);
    expect(t.stderr).toMatch(/cannot go from "rejected" to "approved"/);
    expect((await smsInProcess(['set-status', 'RFC-0001', 'done'], dir)).stderr).toMatch(/"done" is not a change-request status/);
    const fresh = repo([{ files: { [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z' }]);
    const who = await smsInProcess(['set-status', 'RFC-0001', 'approved', '--as', 'Cleo Park <cleo@acme.example>'], fresh);
    expect(who.code).toBe(2);
    expect(who.stderr).toMatch(/Cleo Park holds IM, PT; moving a change-request to "approved" needs CM, SM/);
    const own = await smsInProcess(['set-status', 'RFC-0001', 'approved', '--as', 'Cleo Park <cleo@acme.example>'], fresh);
    expect(own.code).toBe(2);
    expect(readFileSync(path.join(dir, R), 'utf8')).toBe(before);
  });
});

describe('git cat-file --batch reader', () => {
  it('reads large blobs whole, answers a blob over a limit with its size, and keeps the order of requests', async () => {
    const { BlobReader } = await import('../src/git/history.js');
    const dir = tmp();
    const big = Buffer.alloc(5 * 1024 * 1024 + 3, 'ab');
    big.write('\nheader line\n', 1000);
    gitRepo(dir, [{ files: { 'big.md': big.toString('latin1'), 'small.md': 'small\n' } }]);
    const id = (p: string): string => gitIn(dir, ['rev-parse', `HEAD:${p}`]).trim();
    const reader = new BlobReader({ cwd: dir, env: testEnv() });
    try {
      const [a, b, c, d, e] = await Promise.all([
        reader.read(id('big.md')),
        reader.readUpTo(id('big.md'), 1024),
        reader.read('0000000000000000000000000000000000000000'),
        reader.readUpTo(id('small.md'), 1024),
        reader.read(id('small.md')),
      ]);
      expect(Buffer.compare(a!, Buffer.from(big.toString('latin1'), 'utf8'))).toBe(0);
      expect(b).toBe(Buffer.byteLength(big.toString('latin1'), 'utf8'));
      expect(c).toBeUndefined();
      expect(d!.toString()).toBe('small\n');
      expect(e!.toString()).toBe('small\n');
    } finally {
      reader.close();
    }
  });
});

describe('a revision read as a report "as of" a date reads it', () => {
  it('documents of a past commit in order, and one over the size limit reported with its size, not read', async () => {
    const { readRevision } = await import('../src/history/read.js');
    const { loadConfig } = await import('../src/repo/config.js');
    const dir = repo([
      {
        files: { [R]: rfc(), 'changes/RFC-0002-big.md': rfc({ id: 'RFC-0002' }) + 'y'.repeat(2 * 1024 * 1024) },
        author: cleo,
        date: '2026-01-02T09:00:00Z',
      },
    ]);
    const before = gitIn(dir, ['rev-parse', 'HEAD']).trim();
    addCommit(dir, { files: { [R]: rfc({ title: 'Changed later' }) }, author: cleo, date: '2026-01-03T09:00:00+00:00' });
    const read = await readRevision(loadConfig(dir), before, testEnv());
    expect(read.documents.map((d) => d.file)).toEqual(['catalogue/SVC-0001-service-desk.md', R, 'governance/roles.md']);
    expect(read.documents.find((d) => d.file === R)!.data!.title).toBe('Upgrade mail');
    expect(read.issues.map((i) => [i.rule, i.file, i.message])).toEqual([
      ['file-size', 'changes/RFC-0002-big.md', expect.stringMatching(/^file is 2\.0 MB, over the 1\.0 MB limit/)],
    ]);
  });
});

describe('freeze-exemption: who lets a change go ahead during a key business event', () => {
  const S = 'changes/change-schedule.md';
  const schedule = (status: string, allowed: string[] = []): string =>
    md(
      [
        'id: SCHEDULE',
        'type: change-schedule',
        'title: Schedule',
        `status: ${status}`,
        ...(status === 'draft' ? [] : [`approved_by: ${ben.email}`, 'approved_on: "2026-02-03"']),
        'key_business_events:',
        `  - { date: "2026-12-14", until: "2026-12-24", event: "Christmas trade", configuration_items: [CI-0001]${allowed.length ? `, allowed_changes: [${allowed.join(', ')}]` : ''} }`,
      ].join('\n'),
      '\n## Change windows\n\n## Maintenance windows\n\n## Key business events\n',
    );
  const scheduleCommits: CommitSpec[] = [
    { files: { [S]: schedule('draft') }, author: ben, date: '2026-02-02T09:00:00Z' },
    { files: { [S]: schedule('approved') }, author: ben, date: '2026-02-03T09:00:00Z' },
  ];
  const exemptions = async (dir: string) => (await history(dir)).findings.filter((f) => f.rule === 'freeze-exemption');

  it('added by someone without authority over the schedule it is an error; by the Change Manager it is not', async () => {
    // RFC-0001 was requested by Cleo (a practitioner) and approved by Ben (the Change Manager).
    const change: CommitSpec = { files: { [R]: approved(ben.email) }, author: ben, date: '2026-02-01T09:00:00Z' };
    const byCleo = repo([
      change,
      ...scheduleCommits,
      { files: { [S]: schedule('updated', ['RFC-0001']) }, author: cleo, date: '2026-03-01T09:00:00Z' },
    ]);
    const found = await exemptions(byCleo);
    // Pointed at the allowed_changes that grants it (in the event on line 9 of the schedule).
    expect(found.map((f) => [f.file, f.line, f.severity])).toEqual([[S, 9, 'error']]);
    expect(found[0]!.message).toMatch(
      /^RFC-0001 was let go ahead during a key business event \(allowed_changes\) in commit [0-9a-f]{7} by Cleo Park <cleo@acme\.example> on 2026-03-01, but no one in that commit held CM or SM in the roles document in force$/,
    );
    const byBen = repo([
      change,
      ...scheduleCommits,
      { files: { [S]: schedule('updated', ['RFC-0001']) }, author: ben, date: '2026-03-01T09:00:00Z' },
    ]);
    expect(await exemptions(byBen)).toEqual([]);
  });

  it("the change's own requester may not exempt it; an exemption withdrawn since is not judged", async () => {
    // Ben, the Change Manager, requested RFC-0001 himself; Ana approved it; then Ben exempted it.
    const dir = repo([
      { files: { [R]: approved(ana.email, { requested_by: ben.email }) }, author: ana, date: '2026-02-01T09:00:00Z' },
      ...scheduleCommits,
      { files: { [S]: schedule('updated', ['RFC-0001']) }, author: ben, date: '2026-03-01T09:00:00Z' },
    ]);
    expect((await exemptions(dir)).map((f) => f.message)).toEqual([
      expect.stringMatching(
        /^RFC-0001 was let go ahead during a key business event \(allowed_changes\) by its own requester, Ben Okafor \(commit /,
      ),
    ]);
    addCommit(dir, { files: { [S]: schedule('updated') }, author: ben, date: '2026-03-02T09:00:00Z' });
    expect(await exemptions(dir)).toEqual([]);
  });

  it('an exemption is for one event: moved to another by someone without authority, it is decided anew', async () => {
    const two = (allowedIn: 1 | 2): string =>
      schedule('updated', ['RFC-0001']).replace(
        /allowed_changes: \[RFC-0001\] \}/,
        allowedIn === 1
          ? 'allowed_changes: [RFC-0001] }\n  - { date: "2026-12-28", until: "2026-12-30", event: "Year-end" }'
          : '}\n  - { date: "2026-12-28", until: "2026-12-30", event: "Year-end", allowed_changes: [RFC-0001] }',
      );
    expect(two(2)).toContain('event: "Year-end", allowed_changes: [RFC-0001]');
    const dir = repo([
      { files: { [R]: approved(ben.email) }, author: ben, date: '2026-02-01T09:00:00Z' },
      ...scheduleCommits,
      { files: { [S]: two(1) }, author: ben, date: '2026-03-01T09:00:00Z' },
      { files: { [S]: two(2) }, author: cleo, date: '2026-03-02T09:00:00Z' },
    ]);
    expect((await exemptions(dir)).map((f) => f.message)).toEqual([expect.stringMatching(/^RFC-0001 .* by Cleo Park .* held CM or SM/)]);
  });

  it('the requester counts as they were when it was exempted; an exemption made in a draft is judged when the schedule next needs authority', async () => {
    // Ben requests RFC-0001 and exempts it in a draft of the schedule, approves the schedule, then
    // names Cleo as the requester.
    const draftFirst = repo([
      { files: { [R]: approved(ana.email, { requested_by: ben.email }) }, author: ana, date: '2026-02-01T09:00:00Z' },
      { files: { [S]: schedule('draft', ['RFC-0001']) }, author: ben, date: '2026-02-02T09:00:00Z' },
      { files: { [S]: schedule('approved', ['RFC-0001']) }, author: ben, date: '2026-02-03T09:00:00Z' },
      { files: { [R]: approved(ana.email, { requested_by: cleo.email }) }, author: ana, date: '2026-02-04T09:00:00Z' },
    ]);
    expect((await exemptions(draftFirst)).map((f) => f.message)).toEqual([expect.stringMatching(/by its own requester, Ben Okafor/)]);
  });

  it('withdrawn and added again by the Change Manager, it is theirs; a schedule imported in force in one commit warns', async () => {
    const dir = repo([
      { files: { [R]: approved(ben.email) }, author: ben, date: '2026-02-01T09:00:00Z' },
      ...scheduleCommits,
      { files: { [S]: schedule('updated', ['RFC-0001']) }, author: cleo, date: '2026-03-01T09:00:00Z' },
    ]);
    expect((await exemptions(dir)).map((f) => f.severity)).toEqual(['error']);
    addCommit(dir, { files: { [S]: schedule('updated') }, author: ben, date: '2026-03-02T09:00:00Z' });
    addCommit(dir, { files: { [S]: schedule('updated', ['RFC-0001']) }, author: ben, date: '2026-03-03T09:00:00Z' });
    expect(await exemptions(dir)).toEqual([]);
    // Everything in one commit, the roles document with it: no role was in force yet.
    const imported = tmp();
    gitRepo(imported, [
      {
        files: {
          ...BASE,
          'governance/roles.md': rolesDoc(undefined, 'approved', ana.email),
          [R]: approved(ben.email),
          [S]: schedule('updated', ['RFC-0001']),
        },
        author: ben,
        date: '2026-02-01T09:00:00Z',
      },
    ]);
    expect((await exemptions(imported)).map((f) => f.severity)).toEqual(['warning']);
  });
});

describe('stampMerges: the main-line commit that brought each branch commit in', () => {
  it('marks every commit off the first parents of the newest with the merge that brought it, nested branches too', () => {
    const c = (sha: string, parents: string[], date: string): HistoryCommit => ({
      sha,
      parents,
      authorName: 'Ana Costa',
      authorEmail: ana.email,
      committerName: 'Ana Costa',
      committerEmail: ana.email,
      date,
      committerDate: date,
      approvedBy: [],
      subject: sha,
      changes: [],
    });
    // A─B───────M1─C───M2   (main, first parents)
    //  ├S1─S2──┘ │   T1─┘   (T1 from B)
    //  └N1─┘                 (N1 merged into the branch first)
    const commits = [
      c('A', [], '2026-01-01T09:00:00Z'),
      c('B', ['A'], '2026-01-02T09:00:00Z'),
      c('S1', ['A'], '2025-12-01T09:00:00Z'),
      c('N1', ['A'], '2025-12-02T09:00:00Z'),
      c('S2', ['S1', 'N1'], '2025-12-03T09:00:00Z'),
      c('M1', ['B', 'S2'], '2026-02-01T09:00:00Z'),
      c('C', ['M1'], '2026-02-02T09:00:00Z'),
      c('T1', ['B'], '2026-01-03T09:00:00Z'),
      c('M2', ['C', 'T1'], '2026-03-01T09:00:00Z'),
    ];
    stampMerges(commits);
    expect(Object.fromEntries(commits.map((x) => [x.sha, x.mergedBy?.sha]))).toEqual({
      A: undefined,
      B: undefined,
      S1: 'M1',
      N1: 'M1',
      S2: 'M1',
      M1: undefined,
      C: undefined,
      T1: 'M2',
      M2: undefined,
    });
    expect(commits[2]!.mergedBy).toEqual({ sha: 'M1', date: '2026-02-01T09:00:00Z', committerDate: '2026-02-01T09:00:00Z' });
  });
});
