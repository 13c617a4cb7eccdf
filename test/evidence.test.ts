import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CONFIG,
  agreementDoc,
  PEOPLE,
  SERVICE,
  addCommit,
  gitIn,
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
  type Finding,
} from './helpers.js';

/**
 * Each forgery an insider could try to get a change approved, in a real repository built commit by
 * commit, and the finding that must catch it.
 */
const { ana, ben, cleo } = PEOPLE;
const R = 'changes/RFC-0001-a.md';
const B2 = 'changes/RFC-0002-b.md';
const BASE = { 'sms.config.yaml': CONFIG, 'catalogue/SVC-0001-service-desk.md': SERVICE };
const approved = (by = ben.email, extra: Record<string, unknown> = {}): string =>
  rfc({ status: 'approved', approved_by: by, approved_on: '2026-02-01', ...extra });

function repo(commits: CommitSpec[], config = CONFIG): string {
  const dir = tmp();
  gitRepo(dir, [...rolesCommits(), { files: { ...BASE, 'sms.config.yaml': config }, date: '2026-01-01T09:00:00Z' }, ...commits]);
  return dir;
}

/** As repo, with sms.config.yaml committed before the roles document: history shows the configuration every decision was made under. */
function configuredFirst(commits: CommitSpec[], config = CONFIG): string {
  const dir = tmp();
  gitRepo(dir, [{ files: { ...BASE, 'sms.config.yaml': config }, date: '2026-01-01T07:00:00Z' }, ...rolesCommits(), ...commits]);
  return dir;
}

async function findings(dir: string, args = ['--history']): Promise<{ code: number; list: Finding[]; stderr: string }> {
  const r = await smsInProcess(['validate', '--format', 'json', ...args], dir);
  return { code: r.code, list: r.stdout ? (JSON.parse(r.stdout) as { diagnostics: Finding[] }).diagnostics : [], stderr: r.stderr };
}

const as = (p: { name: string; email: string }): NodeJS.ProcessEnv =>
  testEnv({ GIT_AUTHOR_NAME: p.name, GIT_AUTHOR_EMAIL: p.email, GIT_COMMITTER_NAME: p.name, GIT_COMMITTER_EMAIL: p.email });
/** As `who`, with both dates set: for git commands that commit (a merge). */
const at = (who: { name: string; email: string }, date: string): NodeJS.ProcessEnv => ({
  ...as(who),
  GIT_AUTHOR_DATE: date,
  GIT_COMMITTER_DATE: date,
});

/** An SSH signing key for `who`, and an allowed-signers file trusting it; configured in the repository. */
function sshSigning(dir: string, who: { email: string }): void {
  const keys = tmp('sms-keys-');
  const key = path.join(keys, 'id');
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', who.email, '-f', key]);
  const pub = readFileSync(`${key}.pub`, 'utf8').trim();
  writeFileSync(path.join(keys, 'allowed'), `${who.email} namespaces="git" ${pub}\n`);
  for (const [k, v] of [
    ['gpg.format', 'ssh'],
    ['user.signingkey', key],
    ['gpg.ssh.allowedSignersFile', path.join(keys, 'allowed')],
  ]) {
    gitIn(dir, ['config', k!, v!]);
  }
}

/**
 * sms.config.yaml lines defining a type of one's own for the change-request folder (draft → approved).
 * Only a type that replaces change-request may take its RFC prefix; another one has a prefix of its own.
 */
const rfcType = (key: string, extra: string[] = []): string =>
  [
    'custom_types:',
    `  - key: ${key}`,
    `    title: ${key}`,
    '    folder: changes',
    `    id: { prefix: ${key === 'change-request' ? 'RFC' : 'QCR'}, digits: 4 }`,
    '    statuses: [draft, approved]',
    '    initial: [draft]',
    '    transitions: { draft: [approved] }',
    ...extra,
    '    fields: { change_type: { type: string }, priority: { type: string }, requested_by: { type: string } }',
    '',
  ].join('\n');

/** The roles document with Ben's and Cleo's roles as given (Ana stays SM and MGT). */
const rolesWith = (benRoles: string[], cleoRoles: string[], status: string, approvedBy = ana.email): string =>
  rolesDoc(
    [
      { ...PEOPLE.ana, roles: ['SM', 'MGT'] },
      { ...PEOPLE.ben, roles: benRoles },
      { ...PEOPLE.cleo, roles: cleoRoles },
    ],
    status,
    approvedBy,
  );

/** Cleo commits Ben's approval of RFC-0001, signed with the repository's signing key, with a trailer naming Ben. */
function commitSignedApproval(dir: string): void {
  writeFileSync(path.join(dir, R), approved(ben.email));
  gitIn(dir, ['add', '--all'], as(cleo));
  gitIn(dir, ['commit', '-q', '-S', '-m', 'Approve RFC-0001\n\nApproved-by: Ben Okafor <ben@acme.example>'], {
    ...as(cleo),
    GIT_AUTHOR_DATE: '2026-01-03T09:00:00Z',
    GIT_COMMITTER_DATE: '2026-01-03T09:00:00Z',
  });
}

describe('forged approvals are caught', () => {
  it('a self-asserted Approved-by trailer: a practitioner commits the approval naming the Control Manager', async () => {
    const dir = repo([
      { files: { [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z' },
      {
        files: { [R]: approved(ben.email) },
        author: cleo,
        date: '2026-01-03T09:00:00Z',
        message: 'Approve\n\nApproved-by: Ben Okafor <ben@acme.example>',
      },
    ]);
    const r = await findings(dir);
    expect(r.list.map((f) => f.rule)).toEqual(['approval-evidence']);
    expect(r.list[0]!.message).toMatch(/Approved-by trailer naming Ben Okafor <ben@acme.example> is self-asserted/);
    const audit = JSON.parse((await smsInProcess(['report', 'audit', '--format', 'json'], dir)).stdout);
    const doc = audit.processes
      .flatMap((p: { tasks: { outputs: { documents: { id: string; approvals: unknown[] }[] }[] }[] }) => p.tasks)
      .flatMap((t: { outputs: { documents: { id: string; approvals: unknown[] }[] }[] }) => t.outputs)
      .flatMap((o: { documents: { id: string; approvals: unknown[] }[] }) => o.documents)
      .find((d: { id: string }) => d.id === 'RFC-0001');
    expect(doc.approvals[0]).toMatchObject({
      evidenced: false,
      attribution: 'self-asserted',
      selfAsserted: ['Ben Okafor <ben@acme.example>'],
    });
  });

  it('set-status --as someone else writes only a self-asserted trailer, which does not count', async () => {
    const dir = repo([{ files: { [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z' }]);
    const s = await smsInProcess(
      ['set-status', 'RFC-0001', 'approved', '--as', 'Ben Okafor <ben@acme.example>', '--commit'],
      dir,
      as(cleo),
    );
    // History would not count it, so set-status refuses it; made by hand, validate reports it.
    expect(s.code).toBe(2);
    expect(s.stderr).toMatch(/^sms: --as names Ben Okafor <ben@acme.example>, but the commit would be made by Cleo Park/);
    addCommit(dir, {
      files: { [R]: approved(ben.email) },
      author: cleo,
      date: '2026-01-03T09:00:00Z',
      message: 'Approve\n\nApproved-by: Ben Okafor <ben@acme.example>',
    });
    expect(gitIn(dir, ['log', '-1', '--format=%an|%(trailers:key=Approved-by,valueonly)']).trim()).toBe(
      'Cleo Park|Ben Okafor <ben@acme.example>',
    );
    const r = await findings(dir);
    expect(r.list.map((f) => f.rule)).toEqual(['approval-evidence']);
    expect(r.code).toBe(1);
  });

  it("set-status --commit by the approver: the approver's own trailer is not shown as self-asserted beside the author", async () => {
    const dir = repo([{ files: { [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z' }]);
    const s = await smsInProcess(['set-status', 'RFC-0001', 'approved', '--commit'], dir, as(ben));
    expect(s.code, s.stderr).toBe(0);
    expect(gitIn(dir, ['log', '-1', '--format=%an|%(trailers:key=Approved-by,valueonly)']).trim()).toBe(
      'Ben Okafor|Ben Okafor <ben@acme.example>',
    );
    const log = (await smsInProcess(['log', 'RFC-0001'], dir)).stdout;
    expect(log).toMatch(/decided by Ben Okafor \(CM, by author\)\]/);
    expect(log).not.toMatch(/self-asserted/);
    const json = JSON.parse((await smsInProcess(['log', 'RFC-0001', '--format', 'json'], dir)).stdout);
    expect(json.entries.at(-1).decision.selfAsserted).toEqual([]);
    // A trailer naming someone else in the same commit is still shown for what it is.
    addCommit(dir, { files: { [R]: rfc({ id: 'RFC-0001' }) }, author: ben, date: '2026-01-05T09:00:00Z' });
    addCommit(dir, {
      files: { [R]: approved(ben.email) },
      author: ben,
      date: '2026-01-06T09:00:00Z',
      message: 'Approve\n\nApproved-by: Ana Costa <ana@acme.example>',
    });
    expect((await smsInProcess(['log', 'RFC-0001'], dir)).stdout).toMatch(/self-asserted: Ana Costa <ana@acme.example>\]/);
  });

  it('a trailer in a commit signed with a key git verifies counts, and is shown as such', async () => {
    const dir = repo([{ files: { [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z' }]);
    sshSigning(dir, ben);
    commitSignedApproval(dir);
    expect(gitIn(dir, ['log', '-1', '--format=%G?'], as(ben)).trim()).toBe('G');
    expect((await findings(dir)).list).toEqual([]);
    const log = JSON.parse((await smsInProcess(['log', 'RFC-0001', '--format', 'json'], dir)).stdout);
    expect(log.entries[1].decision).toMatchObject({
      approvers: [{ name: 'Ben Okafor', attribution: 'trusted-trailer' }],
      signed: true,
      selfAsserted: [],
    });
  });

  it('a signed commit vouches for its signer only: a trailer naming someone else stays self-asserted, even with require_signed', async () => {
    // Every employee's key is trusted (CI's allowed-signers file); Cleo, the requester and no
    // Control Manager, signs with her own key and names Ben in the trailer.
    for (const config of [CONFIG, `${CONFIG}history:\n  require_signed: approvals\n`]) {
      const dir = repo([{ files: { [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z' }], config);
      sshSigning(dir, cleo);
      commitSignedApproval(dir);
      expect(gitIn(dir, ['log', '-1', '--format=%G?|%GS'], as(cleo)).trim()).toBe('G|cleo@acme.example');
      const r = await findings(dir);
      const rfcFindings = r.list.filter((f) => f.docId === 'RFC-0001');
      expect(
        rfcFindings.map((f) => f.rule),
        config,
      ).toContain('approval-evidence');
      expect(r.code).toBe(1);
      const log = JSON.parse((await smsInProcess(['log', 'RFC-0001', '--format', 'json'], dir)).stdout);
      expect(log.entries[1].decision).toMatchObject({ approvers: [], signed: true, selfAsserted: ['Ben Okafor <ben@acme.example>'] });
    }
  });

  it('a commit dated past the year 9999, which git takes, counts as 9999-12-31: a Control Manager whose role has ended cannot approve by it', async () => {
    const ended = rolesWith(['CM'], ['IM', 'PT'], 'updated').replace('roles: [CM]', 'roles: [CM]\n    until: "2026-01-10"');
    for (const [stamp, config] of [
      // 1 January 10000: git prints 10000-01-01T00:00:00+00:00, which names no day sms can read.
      ['@253402300800 +0000', CONFIG],
      // The last second of 9999, in a zone where it is already 10000.
      ['@253402300799 +0000', `${CONFIG}timezone: Pacific/Kiritimati\n`],
    ]) {
      const dir = repo(
        [
          { files: { [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z' },
          {
            files: { 'governance/roles.md': ended },
            author: ana,
            date: '2026-01-05T09:00:00Z',
            message: 'Roles: Ben leaves on 10 January',
          },
        ],
        config,
      );
      writeFileSync(path.join(dir, R), approved(ben.email));
      gitIn(dir, ['commit', '-qam', 'Approve RFC-0001'], { ...as(ben), GIT_AUTHOR_DATE: stamp, GIT_COMMITTER_DATE: stamp });
      const r = await findings(dir);
      const evidence = r.list.filter((f) => f.rule === 'approval-evidence');
      expect(
        evidence.map((f) => f.docId),
        stamp,
      ).toEqual(['RFC-0001']);
      expect(evidence[0]!.message, stamp).toMatch(/ on 9999-12-31, but no one in that commit .* \(Ben Okafor held CM until 2026-01-10\)$/);
      expect(r.code, stamp).toBe(1);
    }
  });

  it('require_signed: approvals refuses an unsigned approval, even by the Control Manager himself', async () => {
    const dir = repo(
      [
        { files: { [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z' },
        { files: { [R]: approved(ben.email) }, author: ben, date: '2026-01-03T09:00:00Z' },
      ],
      `${CONFIG}history:\n  require_signed: approvals\n`,
    );
    const r = await findings(dir);
    // The roles bootstrap was not signed either; this test is about the change request.
    const rfcFindings = r.list.filter((f) => f.docId === 'RFC-0001');
    expect(rfcFindings.map((f) => f.rule)).toEqual(['approval-evidence']);
    expect(rfcFindings[0]!.message).toMatch(/no verified signature \(history.require_signed: approvals\)/);
  });

  it('require_signed turned on in an existing repository: what reached the main line before it stands; after it, only a signature counts, a branch counting from its merge', async () => {
    const SIGNED = `${CONFIG}history:\n  require_signed: approvals\n`;
    const B3 = 'changes/RFC-0003-c.md';
    const dir = configuredFirst([
      { files: { [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z' },
      { files: { [R]: approved(ben.email) }, author: ben, date: '2026-01-03T09:00:00Z' },
    ]);
    // A branch begun before signatures were required, with an unsigned approval on it.
    gitIn(dir, ['checkout', '-q', '-b', 'early']);
    addCommit(dir, { files: { [B3]: rfc({ id: 'RFC-0003' }) }, author: cleo, date: '2026-01-03T10:00:00Z' });
    addCommit(dir, { files: { [B3]: approved(ben.email, { id: 'RFC-0003' }) }, author: ben, date: '2026-01-03T11:00:00Z' });
    gitIn(dir, ['checkout', '-q', 'main']);
    addCommit(dir, {
      files: { 'sms.config.yaml': SIGNED },
      author: ana,
      date: '2026-01-04T09:00:00Z',
      message: 'Require signed approvals',
    });
    // Before the branch is merged: the roles bootstrap and RFC-0001's approval, unsigned, came
    // before the setting and stand.
    let r = await findings(dir);
    expect(r.list).toEqual([]);
    expect(r.code).toBe(0);
    // Merged after the setting, the branch's unsigned approval counts from the merge: it needs a signature.
    gitIn(dir, ['merge', '-q', '--no-ff', '-m', 'Merge early', 'early'], at(ana, '2026-01-05T09:00:00Z'));
    // And an unsigned approval on the main line after the setting.
    addCommit(dir, { files: { [B2]: rfc({ id: 'RFC-0002' }) }, author: cleo, date: '2026-01-06T09:00:00Z' });
    addCommit(dir, { files: { [B2]: approved(ben.email, { id: 'RFC-0002' }) }, author: ben, date: '2026-01-07T09:00:00Z' });
    r = await findings(dir);
    expect(r.list.map((f) => [f.rule, f.docId])).toEqual([
      ['approval-evidence', 'RFC-0002'],
      ['approval-evidence', 'RFC-0003'],
    ]);
    for (const f of r.list)
      expect(f.message).toMatch(
        /held CM or SM in the roles document in force at that time; it has no verified signature \(history.require_signed: approvals\)$/,
      );
    expect(r.code).toBe(1);
  });

  it('require_signed: a branch begun before it and brought onto main as the first parent (main merged into it, then fast-forwarded) needs its signatures too', async () => {
    const SIGNED = `${CONFIG}history:\n  require_signed: approvals\n`;
    const B3 = 'changes/RFC-0003-c.md';
    const dir = configuredFirst([{ files: { [B3]: rfc({ id: 'RFC-0003' }) }, author: cleo, date: '2026-01-02T09:00:00Z' }]);
    gitIn(dir, ['branch', 'early']);
    addCommit(dir, {
      files: { 'sms.config.yaml': SIGNED },
      author: ana,
      date: '2026-01-03T09:00:00Z',
      message: 'Require signed approvals',
    });
    gitIn(dir, ['checkout', '-q', 'early']);
    addCommit(dir, { files: { [B3]: approved(ben.email, { id: 'RFC-0003' }) }, author: ben, date: '2026-01-03T08:00:00Z' });
    gitIn(dir, ['merge', '-q', '--no-ff', '-m', 'Merge main', 'main'], at(ben, '2026-01-04T09:00:00Z'));
    gitIn(dir, ['checkout', '-q', 'main']);
    gitIn(dir, ['merge', '-q', '--ff-only', 'early']);
    const r = await findings(dir);
    expect(r.list.map((f) => [f.rule, f.docId])).toEqual([['approval-evidence', 'RFC-0003']]);
    expect(r.code).toBe(1);
  });

  it('require_signed turned on in a pull request after an unsigned approval in it: --base and, once merged, --history agree', async () => {
    const SIGNED = `${CONFIG}history:\n  require_signed: approvals\n`;
    const dir = configuredFirst([{ files: { [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z' }]);
    gitIn(dir, ['checkout', '-q', '-b', 'pr']);
    addCommit(dir, { files: { [R]: approved(ben.email) }, author: ben, date: '2026-01-03T09:00:00Z' });
    addCommit(dir, {
      files: { 'sms.config.yaml': SIGNED },
      author: ana,
      date: '2026-01-03T10:00:00Z',
      message: 'Require signed approvals',
    });
    expect((await findings(dir, ['--base', 'main'])).list).toEqual([]);
    gitIn(dir, ['checkout', '-q', 'main']);
    gitIn(dir, ['merge', '-q', '--no-ff', '-m', 'Merge pr', 'pr'], at(ana, '2026-01-04T09:00:00Z'));
    const r = await findings(dir);
    expect(r.list).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('require_signed: a configuration not valid for a commit, or the SMS moved into a folder, changes nothing of what it asks; a move does not hide an earlier turn-on', async () => {
    const SIGNED = `${CONFIG}history:\n  require_signed: approvals\n`;
    const base = (): string =>
      configuredFirst([
        { files: { [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z' },
        { files: { [R]: approved(ben.email) }, author: ben, date: '2026-01-03T09:00:00Z' },
        { files: { 'sms.config.yaml': SIGNED }, author: ana, date: '2026-01-04T09:00:00Z', message: 'Signatures on' },
      ]);
    // Everything tracked moved into sms/, with sms.config.yaml as `config` there.
    const moveInto = (dir: string, config: string, date: string): void => {
      const files: Record<string, string | null> = {};
      for (const f of gitIn(dir, ['ls-files']).split('\n').filter(Boolean)) {
        files[f] = null;
        files[`sms/${f}`] = f === 'sms.config.yaml' ? config : readFileSync(path.join(dir, f), 'utf8');
      }
      addCommit(dir, { files, author: ana, date, message: 'Move the SMS into sms/' });
    };
    // A typo in the configuration, committed and put right.
    const typo = base();
    addCommit(typo, { files: { 'sms.config.yaml': `${SIGNED}timezone: Europe/Berlinn\n` }, author: ana, date: '2026-01-05T09:00:00Z' });
    addCommit(typo, { files: { 'sms.config.yaml': SIGNED }, author: ana, date: '2026-01-05T10:00:00Z' });
    expect((await findings(typo)).list).toEqual([]);
    // The SMS moved into a folder with the setting as it was.
    const moved = base();
    moveInto(moved, SIGNED, '2026-01-05T09:00:00Z');
    const r = await smsInProcess(['validate', '--history', '--format', 'json'], path.join(moved, 'sms'));
    expect(JSON.parse(r.stdout).diagnostics).toEqual([]);
    expect(r.code).toBe(0);
    // Moved with the setting off, an approval made then, and the setting on again: that approval needs its signature.
    const off = base();
    moveInto(off, CONFIG, '2026-01-05T09:00:00Z');
    addCommit(off, { files: { [`sms/${B2}`]: rfc({ id: 'RFC-0002' }) }, author: cleo, date: '2026-01-05T10:00:00Z' });
    addCommit(off, { files: { [`sms/${B2}`]: approved(ben.email, { id: 'RFC-0002' }) }, author: ben, date: '2026-01-05T11:00:00Z' });
    addCommit(off, {
      files: { 'sms/sms.config.yaml': SIGNED },
      author: cleo,
      date: '2026-01-05T12:00:00Z',
      message: 'Signatures on again',
    });
    // A copy of the configuration left at the old place, saying none, is not the SMS's configuration.
    const left = configuredFirst([{ files: { [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z' }]);
    moveInto(left, CONFIG, '2026-01-05T09:00:00Z');
    // Signatures turned on in sms/, with a copy saying none written at the old place in the same commit.
    addCommit(left, {
      files: { 'sms/sms.config.yaml': SIGNED, 'sms.config.yaml': CONFIG, [`sms/${B2}`]: rfc({ id: 'RFC-0002' }) },
      author: cleo,
      date: '2026-01-05T10:00:00Z',
    });
    addCommit(left, { files: { [`sms/${B2}`]: approved(ben.email, { id: 'RFC-0002' }) }, author: ben, date: '2026-01-05T11:00:00Z' });
    const l = await smsInProcess(['validate', '--history', '--format', 'json'], path.join(left, 'sms'));
    expect((JSON.parse(l.stdout).diagnostics as Finding[]).map((f) => [f.rule, f.docId])).toEqual([['approval-evidence', 'RFC-0002']]);
    const o = await smsInProcess(['validate', '--history', '--format', 'json'], path.join(off, 'sms'));
    expect((JSON.parse(o.stdout).diagnostics as Finding[]).map((f) => [f.rule, f.docId])).toEqual([['approval-evidence', 'RFC-0002']]);
    expect(o.code).toBe(1);
  });

  it('require_signed turned on, off and on again: an unsigned approval while it was off still needs its signature', async () => {
    const SIGNED = `${CONFIG}history:\n  require_signed: approvals\n`;
    const dir = configuredFirst([
      { files: { [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z' },
      { files: { 'sms.config.yaml': SIGNED }, author: ana, date: '2026-01-03T09:00:00Z', message: 'Signatures on' },
      { files: { 'sms.config.yaml': CONFIG }, author: cleo, date: '2026-01-04T09:00:00Z', message: 'Tidy the configuration' },
      { files: { [R]: approved(ben.email) }, author: ben, date: '2026-01-04T10:00:00Z' },
      { files: { 'sms.config.yaml': SIGNED }, author: cleo, date: '2026-01-04T11:00:00Z', message: 'Tidy it again' },
    ]);
    const r = await findings(dir);
    expect(r.list.map((f) => [f.rule, f.docId])).toEqual([['approval-evidence', 'RFC-0001']]);
    expect(r.code).toBe(1);
  });

  it('require_signed turned off and on again, or with no configuration committed at the time, excuses nothing that needed a signature', async () => {
    const SIGNED = `${CONFIG}history:\n  require_signed: approvals\n`;
    // The roles commits come before any sms.config.yaml: history shows no lower requirement for them.
    const dir = repo(
      [
        { files: { [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z' },
        { files: { [R]: approved(ben.email) }, author: ben, date: '2026-01-03T09:00:00Z' },
        { files: { 'sms.config.yaml': CONFIG }, author: ana, date: '2026-01-04T09:00:00Z', message: 'Signatures off' },
        { files: { 'sms.config.yaml': SIGNED }, author: ana, date: '2026-01-05T09:00:00Z', message: 'Signatures on' },
      ],
      SIGNED,
    );
    const r = await findings(dir);
    expect(r.list.filter((f) => f.rule === 'approval-evidence').map((f) => f.docId)).toEqual(['RFC-0001', 'ROLES']);
    expect(r.code).toBe(1);
  });

  it('with --base, require_signed turned on later: the roles approved before it stay in force, a roles change merged after it without a signature does not come in', async () => {
    const SIGNED = `${CONFIG}history:\n  require_signed: approvals\n`;
    /** Ben's CM role taken away on a branch begun before the setting, merged before or after it; then Ben signs an approval on a pull request. */
    const scenario = (mergedAfter: boolean): string => {
      const dir = configuredFirst([{ files: { [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z' }]);
      gitIn(dir, ['checkout', '-q', '-b', 'roles']);
      addCommit(dir, {
        files: { 'governance/roles.md': rolesWith(['PT'], ['IM', 'PT'], 'updated') },
        author: ana,
        date: '2026-01-02T10:00:00Z',
      });
      gitIn(dir, ['checkout', '-q', 'main']);
      const merge = (): void => void gitIn(dir, ['merge', '-q', '--no-ff', '-m', 'Merge roles', 'roles'], at(ana, '2026-01-02T12:00:00Z'));
      if (!mergedAfter) merge();
      addCommit(dir, {
        files: { 'sms.config.yaml': SIGNED },
        author: ana,
        date: '2026-01-02T11:00:00Z',
        message: 'Require signed approvals',
      });
      if (mergedAfter) merge();
      gitIn(dir, ['checkout', '-q', '-b', 'pr']);
      sshSigning(dir, ben);
      writeFileSync(path.join(dir, R), approved(ben.email));
      gitIn(dir, ['add', '--all'], as(ben));
      gitIn(dir, ['commit', '-q', '-S', '-m', 'Approve RFC-0001'], at(ben, '2026-01-03T09:00:00Z'));
      return dir;
    };
    // Merged after the setting, the unsigned roles change never came into force: Ben is still CM, and his signature counts.
    // (The static approval-authority reads the roles document as it now stands, PT, in both.)
    const evidence = (list: Finding[]): Finding[] => list.filter((f) => f.rule === 'approval-evidence');
    const after = await findings(scenario(true), ['--base', 'main']);
    expect(after.list.map((f) => f.rule)).toEqual(['approval-authority']);
    // Merged before it, the change stands: Ben holds PT only, whatever he signs.
    const before = await findings(scenario(false), ['--base', 'main']);
    expect(evidence(before.list).map((f) => f.docId)).toEqual(['RFC-0001']);
    expect(evidence(before.list)[0]!.message).toMatch(/\(Ben Okafor held PT\)/);
  });

  it('require_signed: all from a commit on: commit-signature reports the unsigned commits after it only', async () => {
    const dir = configuredFirst([{ files: { [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z' }]);
    addCommit(dir, {
      files: { 'sms.config.yaml': `${CONFIG}history:\n  require_signed: all\n` },
      author: ana,
      date: '2026-01-03T09:00:00Z',
    });
    expect((await findings(dir)).list).toEqual([]);
    addCommit(dir, { files: { [R]: rfc({ title: 'Upgrade the mail server' }) }, author: cleo, date: '2026-01-04T09:00:00Z' });
    const r = await findings(dir);
    expect(r.list.map((f) => [f.rule, f.docId])).toEqual([['commit-signature', 'RFC-0001']]);
  });

  it('require_signed: all reports every unsigned commit that changed a document', async () => {
    const dir = repo([{ files: { [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z' }], `${CONFIG}history:\n  require_signed: all\n`);
    const r = await findings(dir);
    // the two roles commits, the start commit and the RFC commit: four unsigned commits that changed documents
    expect(r.list.filter((f) => f.rule === 'commit-signature')).toHaveLength(4);
  });

  it('a trusted committer (the forge that merges) makes its Approved-by trailers count', async () => {
    const forge = { name: 'Forge', email: 'noreply@forge.example' };
    const commits = (): CommitSpec[] => [
      { files: { [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z' },
      {
        files: { [R]: approved(ben.email) },
        author: cleo,
        committer: forge,
        date: '2026-01-03T09:00:00Z',
        message: 'Merge !7\n\nApproved-by: Ben Okafor <ben@acme.example>',
      },
    ];
    expect((await findings(repo(commits(), `${CONFIG}history:\n  trusted_committers: [noreply@forge.example]\n`))).list).toEqual([]);
    expect((await findings(repo(commits()))).list.map((f) => f.rule)).toEqual(['approval-evidence']);
  });

  it("with require_signed, a trusted committer's trailers count only in a commit that committer signed: anyone's own key proves nothing of the forge", async () => {
    // Every employee's key is trusted (CI's allowed-signers file). Cleo, the requester, signs with
    // her own key, types the forge's identity as committer and names Ben in the trailer.
    const forge = { name: 'Forge', email: 'noreply@forge.example' };
    const config = `${CONFIG}history:\n  require_signed: approvals\n  trusted_committers: [noreply@forge.example]\n`;
    for (const signer of [cleo, forge]) {
      const dir = repo([{ files: { [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z' }], config);
      sshSigning(dir, signer);
      writeFileSync(path.join(dir, R), approved(ben.email));
      const env = {
        ...as(cleo),
        GIT_COMMITTER_NAME: forge.name,
        GIT_COMMITTER_EMAIL: forge.email,
        GIT_AUTHOR_DATE: '2026-01-03T09:00:00Z',
        GIT_COMMITTER_DATE: '2026-01-03T09:00:00Z',
      };
      gitIn(dir, ['add', '--all'], env);
      gitIn(dir, ['commit', '-q', '-S', '-m', 'Merge !7\n\nApproved-by: Ben Okafor <ben@acme.example>'], env);
      expect(gitIn(dir, ['log', '-1', '--format=%G?|%GS|%ce']).trim()).toBe(`G|${signer.email}|${forge.email}`);
      // The roles bootstrap is unsigned here, so no approval comes into force: what is tested is
      // whom the commit's evidence counts, as the decision in the log shows it.
      const log = JSON.parse((await smsInProcess(['log', 'RFC-0001', '--format', 'json'], dir)).stdout);
      expect(log.entries.at(-1).decision, signer.email).toMatchObject({
        signed: true,
        selfAsserted: signer === cleo ? ['Ben Okafor <ben@acme.example>'] : [],
      });
    }
  });

  it('a pull request cannot trust itself: with --base, the trust settings are those of the base', async () => {
    const forge = { name: 'Forge', email: 'noreply@forge.example' };
    const dir = repo([{ files: { [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z' }]);
    const base = gitIn(dir, ['rev-parse', 'HEAD']).trim();
    addCommit(dir, {
      files: { 'sms.config.yaml': `${CONFIG}history:\n  trusted_committers: [noreply@forge.example]\n`, [R]: approved(ben.email) },
      author: cleo,
      committer: forge,
      date: '2026-01-03T09:00:00Z',
      message: 'Approve\n\nApproved-by: Ben Okafor <ben@acme.example>',
    });
    const r = await findings(dir, ['--base', base]);
    expect(r.list.map((f) => f.rule)).toEqual(['approval-evidence']);
  });

  it('a pull request cannot switch off the rules it is judged by: with --base, each rule is as strict as at the base or stricter', async () => {
    const dir = repo([{ files: { [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z' }]);
    const base = gitIn(dir, ['rev-parse', 'HEAD']).trim();
    addCommit(dir, {
      files: {
        'sms.config.yaml': `${CONFIG}rules:\n  approval-evidence: off\n  approval-authority: off\n  self-approval: off\n  status-value: warn\n`,
        [R]: approved(cleo.email),
      },
      author: cleo,
      date: '2026-01-03T09:00:00Z',
    });
    const r = await findings(dir, ['--base', base]);
    expect(r.list.map((f) => f.rule)).toEqual(expect.arrayContaining(['approval-evidence', 'approval-authority', 'self-approval']));
    expect(r.code).toBe(1);
    // Once merged, the looser settings judge the next pull request: they are the base's then.
    const merged = gitIn(dir, ['rev-parse', 'HEAD']).trim();
    addCommit(dir, { files: { 'notes.txt': 'x\n' }, author: cleo, date: '2026-01-04T09:00:00Z' });
    expect((await findings(dir, ['--base', merged])).list.map((f) => f.rule)).not.toContain('approval-evidence');
    // A stricter setting in the pull request applies at once.
    const strict = repo([{ files: { [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z' }]);
    const strictBase = gitIn(strict, ['rev-parse', 'HEAD']).trim();
    addCommit(strict, {
      files: { 'sms.config.yaml': `${CONFIG}rules:\n  self-approval: error\n`, [R]: approved(ben.email, { requested_by: ben.email }) },
      author: ben,
      date: '2026-01-03T09:00:00Z',
    });
    const sr = await findings(strict, ['--base', strictBase]);
    expect(sr.list.filter((f) => f.rule === 'self-approval').map((f) => f.severity)).toContain('error');
  });

  it('a pull request cannot lengthen a review interval to hide an overdue review: with --base, the shorter of the two counts', async () => {
    // The roles document was approved on 1 January; the base reviews it every 3 months: due 1 April, overdue on 1 June.
    const strict = `${CONFIG}review_months:\n  roles: 3\nrules:\n  review-overdue: error\n`;
    const dir = repo([{ files: { [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z' }], strict);
    const base = gitIn(dir, ['rev-parse', 'HEAD']).trim();
    addCommit(dir, { files: { 'sms.config.yaml': strict.replace('roles: 3', 'roles: 120') }, author: cleo, date: '2026-01-03T09:00:00Z' });
    const overdue = (r: { list: Finding[] }): string[] =>
      r.list.filter((f) => f.rule === 'review-overdue').map((f) => `${f.docId}: ${f.message}`);
    expect(overdue(await findings(dir, ['--base', base]))).toEqual([
      'ROLES: last reviewed 2026-01-01; a roles document is reviewed every 3 months, so it was due on 2026-04-01',
    ]);
    // A shorter interval in the pull request applies at once.
    addCommit(dir, { files: { 'sms.config.yaml': strict.replace('roles: 3', 'roles: 1') }, author: cleo, date: '2026-01-04T09:00:00Z' });
    expect(overdue(await findings(dir, ['--base', base]))).toEqual([expect.stringMatching(/every 1 months, so it was due on 2026-02-01$/)]);
  });

  it('a pull request whose base has no configuration there (none yet, or the SMS was moved) is judged by the defaults', async () => {
    const dir = tmp();
    gitRepo(dir, [
      ...rolesCommits(),
      { files: { 'catalogue/SVC-0001-service-desk.md': SERVICE, [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z' },
    ]);
    const base = gitIn(dir, ['rev-parse', 'HEAD']).trim();
    addCommit(dir, {
      files: {
        'sms.config.yaml': `${CONFIG}rules:\n  approval-evidence: off\n  approval-authority: off\nhistory:\n  trusted_committers: [cleo@acme.example]\n`,
        [R]: approved(ben.email),
      },
      author: cleo,
      date: '2026-01-03T09:00:00Z',
      message: 'Approve\n\nApproved-by: Ben Okafor <ben@acme.example>',
    });
    const r = await findings(dir, ['--base', base]);
    // Neither the rule switched off nor the committer it trusts count: the base had no such settings.
    expect(r.list.filter((f) => f.rule === 'approval-evidence').map((f) => f.docId)).toEqual(['RFC-0001']);
    expect(r.list.find((f) => f.rule === 'approval-evidence')!.message).toMatch(/self-asserted/);
    expect(r.code).toBe(1);
  });

  it('a pull request cannot loosen a lifecycle it is judged by: with --base, who may approve comes from the types at the base', async () => {
    // Cleo (PT) replaces the change-request type with one whose approvals a practitioner may give,
    // and approves a change request in the same pull request.
    const custom = rfcType('change-request', ['    approving: [approved]', '    authority: { approved: [PT] }']);
    const B2 = 'changes/RFC-0002-b.md';
    const dir = repo([{ files: { [B2]: rfc({ id: 'RFC-0002', requested_by: ana.email }) }, author: ana, date: '2026-01-02T09:00:00Z' }]);
    const base = gitIn(dir, ['rev-parse', 'HEAD']).trim();
    addCommit(dir, { files: { 'sms.config.yaml': `${CONFIG}${custom}` }, author: cleo, date: '2026-01-03T09:00:00Z' });
    addCommit(dir, {
      files: {
        [B2]: rfc({ id: 'RFC-0002', requested_by: ana.email, status: 'approved', approved_by: cleo.email, approved_on: '2026-01-04' }),
      },
      author: cleo,
      date: '2026-01-04T09:00:00Z',
    });
    // Her own types allow it: once merged, they judge the pull requests after it.
    const own = await findings(dir, ['--history']);
    expect(own.list.filter((f) => f.rule === 'approval-evidence')).toEqual([]);
    const r = await findings(dir, ['--base', base]);
    expect(r.list.filter((f) => f.rule === 'approval-evidence').map((f) => f.docId)).toEqual(['RFC-0002']);
    expect(r.list.find((f) => f.rule === 'approval-evidence')!.message).toMatch(/held CM or SM|needs CM/);
    expect(r.code).toBe(1);
  });

  it('a base whose custom type an earlier version accepted (a refs typo) still judges the pull request; the pull request does not judge itself', async () => {
    // On main: a type of one's own only SM may approve, with a reference typo this version refuses.
    const strict = rfcType('access-request', [
      '    approving: [approved]',
      '    authority: { approved: [SM] }',
      '    refs: { system: configuration_item }',
    ]);
    const loose = rfcType('access-request', [
      '    approving: [approved]',
      '    authority: { approved: [PT] }',
      '    refs: { system: configuration-item }',
    ]);
    const A = 'changes/QCR-0001-a.md';
    const draft = rfc({ id: 'QCR-0001', type: 'access-request', requested_by: ana.email });
    const dir = repo([{ files: { 'sms.config.yaml': `${CONFIG}${strict}`, [A]: draft }, author: ana, date: '2026-01-02T09:00:00Z' }]);
    const base = gitIn(dir, ['rev-parse', 'HEAD']).trim();
    // Cleo (PT) fixes the typo, lets a practitioner approve, and approves.
    addCommit(dir, {
      files: {
        'sms.config.yaml': `${CONFIG}${loose}`,
        [A]: rfc({
          id: 'QCR-0001',
          type: 'access-request',
          requested_by: ana.email,
          status: 'approved',
          approved_by: cleo.email,
          approved_on: '2026-01-04',
        }),
      },
      author: cleo,
      date: '2026-01-04T09:00:00Z',
    });
    const r = await findings(dir, ['--base', base]);
    expect(r.list.filter((f) => f.rule === 'approval-evidence').map((f) => f.docId)).toEqual(['QCR-0001']);
    expect(r.code).toBe(1);
  });

  it('a document cannot choose a new type to be judged by: a status change under another type than it was created as is reported', async () => {
    // Cleo (PT) adds a type of her own for the change-request folder, with no authority, and moves
    // RFC-0002 to it in the commit that approves it.
    const quick = rfcType('quick-change');
    const B2 = 'changes/RFC-0002-b.md';
    const quickApproved = (day: string): string =>
      rfc({ id: 'RFC-0002', type: 'quick-change', requested_by: ana.email, status: 'approved', approved_by: cleo.email, approved_on: day });
    const dir = repo([{ files: { [B2]: rfc({ id: 'RFC-0002', requested_by: ana.email }) }, author: ana, date: '2026-01-02T09:00:00Z' }]);
    const base = gitIn(dir, ['rev-parse', 'HEAD']).trim();
    addCommit(dir, {
      files: {
        'sms.config.yaml': `${CONFIG}${quick}`,
        [B2]: quickApproved('2026-01-03'),
      },
      author: cleo,
      date: '2026-01-03T09:00:00Z',
    });
    for (const args of [['--base', base], ['--history']]) {
      const r = await findings(dir, args);
      const f = r.list.filter((x) => x.rule === 'status-transition' && x.docId === 'RFC-0002');
      expect(
        f.map((x) => x.message),
        args.join(' '),
      ).toEqual([
        expect.stringMatching(
          /moved to "approved" as a quick-change \(commit [0-9a-f]{7} by Cleo Park .*\), but was created as a change-request/,
        ),
      ]);
      expect(r.code).toBe(1);
    }
    // In two steps: the type changed while a draft, the approval in a later commit.
    const steps = repo([{ files: { [B2]: rfc({ id: 'RFC-0002', requested_by: ana.email }) }, author: ana, date: '2026-01-02T09:00:00Z' }]);
    const from = gitIn(steps, ['rev-parse', 'HEAD']).trim();
    addCommit(steps, {
      files: { 'sms.config.yaml': `${CONFIG}${quick}`, [B2]: rfc({ id: 'RFC-0002', type: 'quick-change', requested_by: ana.email }) },
      author: cleo,
      date: '2026-01-03T09:00:00Z',
    });
    addCommit(steps, {
      files: {
        [B2]: quickApproved('2026-01-04'),
      },
      author: cleo,
      date: '2026-01-04T09:00:00Z',
    });
    for (const args of [['--base', from], ['--history']]) {
      const r = await findings(steps, args);
      expect(
        r.list.filter((x) => x.rule === 'status-transition' && x.docId === 'RFC-0002').map((x) => x.message),
        args.join(' '),
      ).toEqual([expect.stringMatching(/but was created as a change-request/)]);
    }
  });

  it('a custom type renamed with its approved documents is no edit of what they say: nothing to approve again', async () => {
    const type = (key: string): string =>
      [
        `  - key: ${key}`,
        `    title: ${key}`,
        '    folder: reviews',
        '    id: { prefix: ACR, digits: 4 }',
        '    statuses: [planned, done]',
        '    initial: [planned]',
        '    approving: [done]',
        '    transitions: { planned: [done] }',
        '    authority: { done: [SM] }',
        '',
      ].join('\n');
    const cfg = (key: string): string => `${CONFIG}custom_types:\n${type(key)}`;
    const review = (key: string, status: string, extra: Record<string, unknown> = {}): string =>
      md({ id: 'ACR-0001', type: key, title: 'Mail accounts', status, ...extra }, '\n');
    const A = 'reviews/ACR-0001-mail.md';
    const done = { approved_by: ana.email, approved_on: '2026-01-03' };
    const dir = repo([
      {
        files: { 'sms.config.yaml': cfg('access-review'), [A]: review('access-review', 'planned') },
        author: ana,
        date: '2026-01-02T09:00:00Z',
      },
      { files: { [A]: review('access-review', 'done', done) }, author: ana, date: '2026-01-03T09:00:00Z' },
      // Cleo renames the key, with its document.
      {
        files: { 'sms.config.yaml': cfg('account-review'), [A]: review('account-review', 'done', done) },
        author: cleo,
        date: '2026-01-04T09:00:00Z',
      },
    ]);
    expect((await findings(dir)).list.filter((f) => f.file === A).map((f) => `${f.rule}: ${f.message}`)).toEqual([]);
    // An edit of what it says, in the same commit as a rename, is still one.
    addCommit(dir, {
      files: { 'sms.config.yaml': cfg('account-audit'), [A]: review('account-audit', 'done', { ...done, title: 'All accounts' }) },
      author: cleo,
      date: '2026-01-05T09:00:00Z',
    });
    expect((await findings(dir)).list.filter((f) => f.file === A).map((f) => f.rule)).toEqual(['modified-after-approval']);
  });

  it('a type renamed in the configuration, an id deleted and added again as another type, and duplicate ids are no type change', async () => {
    const type = (key: string, folder = 'memos'): string =>
      [
        `  - key: ${key}`,
        `    title: ${key}`,
        `    folder: ${folder}`,
        '    id: { prefix: MEMO, digits: 4 }',
        '    statuses: [open, wip, done]',
        '    initial: [open]',
        '    transitions: { open: [wip], wip: [done] }',
        '',
      ].join('\n');
    const cfg = (...types: string[]): string => `${CONFIG}custom_types:\n${types.join('')}`;
    const memo = (key: string, status: string): string => md({ id: 'MEMO-0001', type: key, title: 'Memo', status }, '\n');
    const M = 'memos/MEMO-0001-a.md';
    const statusTransitions = async (dir: string): Promise<string[]> =>
      (await findings(dir)).list.filter((f) => f.rule === 'status-transition').map((f) => f.message);
    // The key "memo" becomes "note", with its documents, in one commit; the memo then moves on.
    const renamed = repo([
      { files: { 'sms.config.yaml': cfg(type('memo')), [M]: memo('memo', 'open') }, author: ana, date: '2026-01-02T09:00:00Z' },
      { files: { [M]: memo('memo', 'wip') }, author: ana, date: '2026-01-03T09:00:00Z' },
      { files: { 'sms.config.yaml': cfg(type('note')), [M]: memo('note', 'wip') }, author: ana, date: '2026-01-04T09:00:00Z' },
      { files: { [M]: memo('note', 'done') }, author: ana, date: '2026-01-05T09:00:00Z' },
    ]);
    expect(await statusTransitions(renamed)).toEqual([]);
    // MEMO-0001 is deleted; a new MEMO-0001 of another type is created later and moves on.
    const readded = repo([
      {
        files: { 'sms.config.yaml': cfg(type('memo'), type('minute', 'minutes')), [M]: memo('memo', 'open') },
        author: ana,
        date: '2026-01-02T09:00:00Z',
      },
      { files: { [M]: memo('memo', 'wip') }, author: ana, date: '2026-01-03T09:00:00Z' },
      { files: { [M]: null }, author: ana, date: '2026-01-04T09:00:00Z' },
      { files: { 'minutes/MEMO-0001-b.md': memo('minute', 'open') }, author: ana, date: '2026-01-05T09:00:00Z' },
      { files: { 'minutes/MEMO-0001-b.md': memo('minute', 'wip') }, author: ana, date: '2026-01-06T09:00:00Z' },
    ]);
    expect(await statusTransitions(readded)).toEqual([]);
    // Two documents share the id (duplicate-id reports it); each moves on under its own type.
    const twins = repo([
      {
        files: {
          'sms.config.yaml': cfg(type('memo'), type('minute', 'minutes')),
          [M]: memo('memo', 'open'),
          'minutes/MEMO-0001-b.md': memo('minute', 'open'),
        },
        author: ana,
        date: '2026-01-02T09:00:00Z',
      },
      { files: { 'minutes/MEMO-0001-b.md': memo('minute', 'wip') }, author: ana, date: '2026-01-03T09:00:00Z' },
    ]);
    expect(await statusTransitions(twins)).toEqual([]);
    expect((await findings(twins)).list.some((f) => f.rule === 'duplicate-id')).toBe(true);
  });

  it('a type removed from the configuration is no rename into a type that was there already: its documents keep it once they have moved on', async () => {
    // Cleo (PT) approves RFC-0002 under a type of her own with no authority, then removes that type
    // and makes the approved document a change request: one no CM or SM approved.
    const quick = rfcType('quick-change');
    const B2 = 'changes/RFC-0002-b.md';
    const asQuick = (extra: Record<string, unknown> = {}): string =>
      rfc({ id: 'RFC-0002', type: 'quick-change', requested_by: ana.email, ...extra });
    const dir = repo([
      { files: { 'sms.config.yaml': `${CONFIG}${quick}`, [B2]: asQuick() }, author: ana, date: '2026-01-02T09:00:00Z' },
      {
        files: { [B2]: asQuick({ status: 'approved', approved_by: cleo.email, approved_on: '2026-01-03' }) },
        author: cleo,
        date: '2026-01-03T09:00:00Z',
      },
    ]);
    const base = gitIn(dir, ['rev-parse', 'HEAD']).trim();
    addCommit(dir, {
      files: {
        'sms.config.yaml': CONFIG,
        [B2]: rfc({ id: 'RFC-0002', requested_by: ana.email, status: 'approved', approved_by: cleo.email, approved_on: '2026-01-03' }),
      },
      author: cleo,
      date: '2026-01-04T09:00:00Z',
    });
    for (const args of [['--base', base], ['--history']]) {
      const r = await findings(dir, args);
      expect(
        r.list.filter((f) => f.rule === 'status-transition' && f.docId === 'RFC-0002').map((f) => f.message),
        args.join(' '),
      ).toEqual([expect.stringMatching(/changed its type from "quick-change" to "change-request" .* after leaving its first status/)]);
      expect(r.code, args.join(' ')).toBe(1);
    }
    // A draft whose type is removed becomes a change request while still a draft: nothing was decided under it.
    const draft = repo([{ files: { 'sms.config.yaml': `${CONFIG}${quick}`, [B2]: asQuick() }, author: ana, date: '2026-01-02T09:00:00Z' }]);
    const draftBase = gitIn(draft, ['rev-parse', 'HEAD']).trim();
    addCommit(draft, {
      files: { 'sms.config.yaml': CONFIG, [B2]: rfc({ id: 'RFC-0002', requested_by: ana.email }) },
      author: ana,
      date: '2026-01-03T09:00:00Z',
    });
    for (const args of [['--base', draftBase], ['--history']]) {
      const r = await findings(draft, args);
      expect(
        r.list.filter((f) => f.rule === 'status-transition'),
        args.join(' '),
      ).toEqual([]);
    }
    // The same into a type of the configuration's own that other documents had already.
    const memoType = (key: string): string =>
      [
        `  - key: ${key}`,
        `    title: ${key}`,
        `    folder: memos`,
        '    id: { prefix: MEMO, digits: 4 }',
        '    statuses: [open, done]',
        '    initial: [open]',
        '    transitions: { open: [done] }',
        '',
      ].join('\n');
    const cfg = (...keys: string[]): string => `${CONFIG}custom_types:\n${keys.map(memoType).join('')}`;
    const memo = (id: string, key: string, status: string): string => md({ id, type: key, title: 'Memo', status }, '\n');
    const M1 = 'memos/MEMO-0001-a.md';
    const M2 = 'memos/MEMO-0002-b.md';
    const into = repo([
      {
        files: {
          'sms.config.yaml': cfg('loose', 'strict'),
          [M1]: memo('MEMO-0001', 'loose', 'open'),
          [M2]: memo('MEMO-0002', 'strict', 'open'),
        },
        author: ana,
        date: '2026-01-02T09:00:00Z',
      },
      { files: { [M1]: memo('MEMO-0001', 'loose', 'done') }, author: ana, date: '2026-01-03T09:00:00Z' },
    ]);
    const intoBase = gitIn(into, ['rev-parse', 'HEAD']).trim();
    addCommit(into, {
      files: { 'sms.config.yaml': cfg('strict'), [M1]: memo('MEMO-0001', 'strict', 'done') },
      author: ana,
      date: '2026-01-04T09:00:00Z',
    });
    for (const args of [['--base', intoBase], ['--history']]) {
      const r = await findings(into, args);
      expect(
        r.list.filter((f) => f.rule === 'status-transition').map((f) => f.message),
        args.join(' '),
      ).toEqual([expect.stringMatching(/MEMO-0001 changed its type from "loose" to "strict"/)]);
    }
  });

  it('a pull request cannot take documents out of what sms reads: with --base, a document the base reads and the pull request does not is reported', async () => {
    const cases: [string, string, string][] = [
      ['a folder moved in the configuration only', `${CONFIG}folders:\n  service: elsewhere\n`, 'catalogue/SVC-0001-service-desk.md'],
      ['an ignore pattern', `${CONFIG}ignore:\n  - changes\n`, R],
    ];
    for (const [name, config, file] of cases) {
      const dir = repo([{ files: { [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z' }]);
      const base = gitIn(dir, ['rev-parse', 'HEAD']).trim();
      addCommit(dir, { files: { 'sms.config.yaml': config }, author: cleo, date: '2026-01-03T09:00:00Z' });
      // Unread, the change request could then be approved by anyone.
      addCommit(dir, { files: { [R]: approved(cleo.email) }, author: cleo, date: '2026-01-04T09:00:00Z' });
      const r = await findings(dir, ['--base', base]);
      expect(
        r.list.filter((f) => f.rule === 'document-scope').map((f) => [f.file, f.severity]),
        name,
      ).toEqual([[file, 'error']]);
      expect(r.code, name).toBe(1);
    }
    // A folder renamed with its documents moved along is no finding.
    const dir = repo([{ files: { [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z' }]);
    const base = gitIn(dir, ['rev-parse', 'HEAD']).trim();
    addCommit(dir, {
      files: { 'sms.config.yaml': `${CONFIG}folders:\n  change-request: rfcs\n`, [R]: null, 'rfcs/RFC-0001-a.md': rfc() },
      author: cleo,
      date: '2026-01-03T09:00:00Z',
    });
    const moved = await findings(dir, ['--base', base]);
    expect(moved.list.filter((f) => f.rule === 'document-scope')).toEqual([]);
  });

  it('a pull request cannot move the roles document out of sight: with --base, the roles in force are found where the base keeps them', async () => {
    const dir = repo([{ files: { [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z' }]);
    const base = gitIn(dir, ['rev-parse', 'HEAD']).trim();
    // Cleo (PT) says the roles document lives in another folder, names herself SM and approves
    // that roles document, then approves the change request.
    const cleoSm = rolesWith(['CM'], ['SM', 'CM'], 'approved', cleo.email);
    addCommit(dir, {
      files: {
        'sms.config.yaml': `${CONFIG}folders:\n  roles: org\n`,
        'governance/roles.md': cleoSm.replace('status: approved', 'status: updated'),
      },
      author: cleo,
      date: '2026-01-03T09:00:00Z',
    });
    addCommit(dir, { files: { [R]: approved(cleo.email) }, author: cleo, date: '2026-01-04T09:00:00Z' });
    const r = await findings(dir, ['--base', base]);
    // Her roles change is no bootstrap: it is judged against the roles at the base, where she is no SM.
    expect(r.list.filter((f) => f.rule === 'approval-evidence').map((f) => f.docId)).toContain('ROLES');
    expect(r.code).toBe(1);
  });

  it('--base follows the roles folder through the configuration: a move that also names the mover SM is judged by the roles before it', async () => {
    // Before the base, Cleo (PT) moves the roles folder in the configuration and, in the same
    // commit, names herself SM and CM in the moved document, kept "updated". Then one approval of
    // the change request, requested by Ben, in the pull request.
    const judged = async (approver: { email: string }): Promise<{ full: string[]; base: string[] }> => {
      const dir = repo([
        { files: { [R]: rfc({ requested_by: ben.email }) }, author: ben, date: '2026-01-02T09:00:00Z' },
        {
          files: {
            'sms.config.yaml': `${CONFIG}folders:\n  roles: org\n`,
            'governance/roles.md': null,
            'org/roles.md': rolesWith(['CM'], ['SM', 'CM'], 'updated', cleo.email),
          },
          author: cleo,
          date: '2026-01-03T09:00:00Z',
        },
      ]);
      const base = gitIn(dir, ['rev-parse', 'HEAD']).trim();
      const by = approver.email === cleo.email ? cleo : ana;
      addCommit(dir, { files: { [R]: approved(approver.email, { requested_by: ben.email }) }, author: by, date: '2026-01-04T09:00:00Z' });
      const onR = (list: Finding[]): string[] => list.filter((f) => f.file === R).map((f) => f.rule);
      return { full: onR((await findings(dir)).list), base: onR((await findings(dir, ['--base', base])).list) };
    };
    // Ana's approval (SM) holds in both: the move put nothing of Cleo's in force.
    expect(await judged(ana)).toEqual({ full: [], base: [] });
    // Cleo's fails in both, as the CM she never was.
    expect(await judged(cleo)).toEqual({ full: ['approval-evidence'], base: ['approval-evidence'] });
  });

  it('a bookkeeping edit of an older roles document does not put it back in force', async () => {
    // Ana takes Ben's CM role away on main. On a branch started before that, Ben only updates
    // reviewed_on in the roles document (bookkeeping: no approval needed), then approves.
    const revoked = rolesWith(['PT'], ['IM', 'PT'], 'updated');
    const dir = repo([{ files: { [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z' }]);
    const env = as(ben);
    gitIn(dir, ['branch', 'side'], env);
    addCommit(dir, { files: { 'governance/roles.md': revoked }, author: ana, date: '2026-01-03T09:00:00Z' });
    gitIn(dir, ['checkout', '-q', 'side'], env);
    const stale = readFileSync(path.join(dir, 'governance/roles.md'), 'utf8').replace(
      'approved_on: "2026-01-01"\n',
      'approved_on: "2026-01-01"\nreviewed_on: "2026-01-04"\n',
    );
    expect(stale).toContain('reviewed_on');
    addCommit(dir, { files: { 'governance/roles.md': stale }, author: ben, date: '2026-01-04T09:00:00Z' });
    addCommit(dir, { files: { [R]: approved(ben.email) }, author: ben, date: '2026-01-05T09:00:00Z' });
    // A merge-request pipeline: HEAD is the branch, the base is main.
    const r = await findings(dir, ['--base', 'main']);
    expect(r.list.filter((f) => f.rule === 'approval-evidence').map((f) => f.docId)).toEqual(['RFC-0001']);
    expect(r.code).toBe(1);
  });

  it('someone whose leaving was recorded cannot approve by dating the commit back to before it', async () => {
    // Ana records on 2 March that Ben (CM) left on 28 February. Ben's approval comes after that
    // commit, with author and committer dated 27 February.
    const left = rolesDoc(undefined, 'updated', ana.email).replace(
      'email: ben@acme.example\n    roles: [CM]',
      'email: ben@acme.example\n    roles: [CM]\n    until: "2026-02-28"',
    );
    expect(left).toContain('until: "2026-02-28"');
    const dir = repo([
      { files: { [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z' },
      { files: { 'governance/roles.md': left }, author: ana, date: '2026-03-02T09:00:00Z' },
      { files: { [R]: approved(ben.email, { approved_on: '2026-02-27' }) }, author: ben, date: '2026-02-27T09:00:00Z' },
    ]);
    const r = await findings(dir);
    const f = r.list.filter((x) => x.rule === 'approval-evidence' && x.docId === 'RFC-0001');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toMatch(/Ben Okafor held CM until 2026-02-28/);
    expect(f[0]!.message).toMatch(
      /the commit is dated 2026-02-27 but comes after the roles change of 2026-03-02, so it counts from that day/,
    );
    // Approved before the leaving was recorded, the same approval stands.
    const before = repo([
      { files: { [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z' },
      { files: { [R]: approved(ben.email, { approved_on: '2026-02-27' }) }, author: ben, date: '2026-02-27T09:00:00Z' },
      { files: { 'governance/roles.md': left }, author: ana, date: '2026-03-02T09:00:00Z' },
    ]);
    expect((await findings(before)).list.filter((x) => x.docId === 'RFC-0001')).toEqual([]);
    // In a pull request whose base already records the leaving, the same.
    const pr = repo([
      { files: { [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z' },
      { files: { 'governance/roles.md': left }, author: ana, date: '2026-03-02T09:00:00Z' },
    ]);
    const base = gitIn(pr, ['rev-parse', 'HEAD']).trim();
    addCommit(pr, { files: { [R]: approved(ben.email, { approved_on: '2026-02-27' }) }, author: ben, date: '2026-02-27T09:00:00Z' });
    const inPr = (await findings(pr, ['--base', base])).list.filter((x) => x.rule === 'approval-evidence');
    expect(inPr.map((x) => x.docId)).toEqual(['RFC-0001']);
    expect(inPr[0]!.message).toMatch(/\(Ben Okafor held CM until 2026-02-28\);/);
  });

  it('roles from a draft: a practitioner names himself Service Manager in a draft roles document and approves the policy', async () => {
    const POLICY = 'governance/policy.md';
    const policy = (status: string, extra: Record<string, unknown> = {}): string =>
      readFileSync(path.join(__dirname, '..', 'sample-sms', 'files', 'governance', 'policy.md'), 'utf8')
        .replace(/^status: .*$/m, `status: ${status}`)
        .replace(/^approved_by: .*\n/m, '')
        .replace(/^approved_on: .*\n/m, '')
        .replace(/^reviewed_on: .*\n/m, '')
        .replace(
          /^status: .*$/m,
          (l) =>
            `${l}${Object.entries(extra)
              .map(([k, v]) => `\n${k}: ${JSON.stringify(v)}`)
              .join('')}`,
        );
    const selfMade = rolesDoc([
      { ...ana, roles: ['SM', 'MGT'] },
      { ...ben, roles: ['CM'] },
      { ...cleo, roles: ['IM', 'PT', 'SM'] },
    ]);
    const dir = repo([
      { files: { [POLICY]: policy('draft') }, author: ana, date: '2026-01-02T09:00:00Z' },
      { files: { 'governance/roles.md': selfMade }, author: cleo, date: '2026-01-03T09:00:00Z', message: 'Roles: revise' },
      {
        files: { [POLICY]: policy('approved', { approved_by: cleo.email, approved_on: '2026-01-04' }) },
        author: cleo,
        date: '2026-01-04T09:00:00Z',
      },
    ]);
    const r = await findings(dir);
    const ev = r.list.filter((f) => f.rule === 'approval-evidence' && f.docId === 'POLICY');
    expect(ev).toHaveLength(1);
    expect(ev[0]!.message).toMatch(/Cleo Park held IM, PT/);
  });

  it('the bootstrap: the first approval of the roles document by its Service Manager is accepted and marked', async () => {
    const dir = repo([]);
    expect((await findings(dir)).list).toEqual([]);
    const log = JSON.parse((await smsInProcess(['log', 'ROLES', '--format', 'json'], dir)).stdout);
    expect(log.entries[1].decision).toMatchObject({ approvers: [{ name: 'Ana Costa', roles: ['SM', 'MGT'] }], bootstrap: true });
    expect((await smsInProcess(['log', 'ROLES'], dir)).stdout).toMatch(/roles bootstrap/);
    // A practitioner cannot bootstrap: the roles document he approves names him PT only.
    const other = tmp();
    gitRepo(other, [
      { files: { ...BASE, 'governance/roles.md': rolesDoc() }, author: cleo, date: '2026-01-01T08:00:00Z' },
      { files: { 'governance/roles.md': rolesDoc(undefined, 'approved', cleo.email) }, author: cleo, date: '2026-01-01T09:00:00Z' },
    ]);
    expect((await findings(other)).list.map((f) => `${f.rule}: ${f.message}`)).toEqual([
      expect.stringMatching(
        /^approval-evidence: ROLES was moved to "approved" .* no one in that commit \(Cleo Park <cleo@acme.example>\) held SM or MGT/,
      ),
      'approval-authority: Cleo Park holds IM, PT; moving a roles document to "approved" needs SM, MGT',
    ]);
  });

  it('a rewritten approved_by (or approved_on) on an approved document is a finding', async () => {
    const dir = repo([
      { files: { [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z' },
      { files: { [R]: approved(ben.email) }, author: ben, date: '2026-01-03T09:00:00Z' },
      { files: { [R]: approved(ana.email) }, author: cleo, date: '2026-01-04T09:00:00Z', message: 'fix typo' },
      { files: { [R]: approved(ana.email, { approved_on: '2026-01-15' }) }, author: cleo, date: '2026-01-05T09:00:00Z' },
    ]);
    const r = await findings(dir);
    const rewritten = r.list.filter((f) => f.rule === 'approval-rewritten');
    expect(rewritten.map((f) => f.message)).toEqual([
      expect.stringMatching(/^RFC-0001: approved_by from "ben@acme.example" to "ana@acme.example" in commit [0-9a-f]{7} by Cleo Park/),
      expect.stringMatching(/^RFC-0001: approved_on from "2026-02-01" to "2026-01-15"/),
    ]);
  });

  it('a rejection needs the deciding role too', async () => {
    const dir = repo([
      { files: { [R]: rfc() }, author: ana, date: '2026-01-02T09:00:00Z' },
      { files: { [R]: rfc({ status: 'rejected' }) }, author: cleo, date: '2026-01-03T09:00:00Z' },
    ]);
    const r = await findings(dir);
    expect(r.list.map((f) => [f.rule, /moved to "rejected"/.test(f.message)])).toEqual([['approval-evidence', true]]);
  });

  it.each([
    ['record separators', 'Mallory\x1eBen Okafor\x1fben@acme.example'],
    ['unit and group separators', 'Mallory\x1f\x1d\x1fBen Okafor'],
    ['control characters', 'Mallory\x07\x1b[2J'],
  ])('author names with %s cannot make the parser read a forged identity', async (_what, name) => {
    const dir = repo([{ files: { [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z' }]);
    writeFileSync(path.join(dir, R), approved(ben.email));
    gitIn(dir, ['add', '--all']);
    // A subject that imitates the old field separators, and a 1 MB body.
    const message =
      `Approve\x1eben@acme.example\x1fBen Okafor\x1d\x00\n\n${'x'.repeat(1_000_000)}\n\nApproved-by: Ben Okafor <ben@acme.example>`.replace(
        '\x00',
        '',
      );
    execFileSync('git', ['commit', '-q', '-F', '-'], {
      cwd: dir,
      input: message,
      env: testEnv({
        GIT_AUTHOR_NAME: name,
        GIT_AUTHOR_EMAIL: 'mallory@evil.example',
        GIT_COMMITTER_NAME: name,
        GIT_COMMITTER_EMAIL: 'mallory@evil.example',
      }),
    });
    const r = await findings(dir, ['--history']);
    expect(r.list.map((f) => f.rule)).toEqual(['approval-evidence']);
    const log = JSON.parse((await smsInProcess(['log', 'RFC-0001', '--format', 'json'], dir)).stdout);
    expect(log.entries.at(-1).author.email).toBe('mallory@evil.example');
  });
  it('a document that is a symbolic link: git keeps the link, not the document, so its approval cannot pass as proven', async () => {
    const dir = repo([{ files: { [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z' }]);
    const base = gitIn(dir, ['rev-parse', 'HEAD']).trim();
    // Cleo's pull request: RFC-0002 is a link to a file outside the document folders; she then
    // approves it "as Ben" by editing only the file it points to.
    const L = 'changes/RFC-0002-b.md';
    const commit = (message: string, date: string): void => {
      gitIn(dir, ['add', '--all'], as(cleo));
      gitIn(dir, ['commit', '-q', '-m', message], { ...as(cleo), GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date });
    };
    mkdirSync(path.join(dir, 'notes'));
    writeFileSync(path.join(dir, 'notes/rfc-0002.txt'), rfc({ id: 'RFC-0002' }));
    symlinkSync('../notes/rfc-0002.txt', path.join(dir, L));
    commit('Request RFC-0002', '2026-01-03T09:00:00Z');
    writeFileSync(path.join(dir, 'notes/rfc-0002.txt'), approved(ben.email, { id: 'RFC-0002' }));
    commit('notes', '2026-01-04T09:00:00Z');

    for (const args of [['--base', base], ['--history']]) {
      const r = await findings(dir, args);
      expect(
        r.list.filter((f) => f.file === L).map((f) => [f.rule, f.severity]),
        args.join(' '),
      ).toEqual([['symlink', 'error']]);
      expect(r.list.find((f) => f.file === L)!.message).toMatch(/symbolic link: git records the link, not the document/);
      expect(r.code, args.join(' ')).toBe(1);
    }
    // Without history the content is still checked as a document; the link is a warning there.
    const plain = await findings(dir, ['--no-git']);
    expect(plain.list.filter((f) => f.file === L).map((f) => [f.rule, f.severity])).toEqual([['symlink', 'warning']]);
    // The audit does not take the link's approval as evidence either: its finding is in the report.
    const audit = JSON.parse((await smsInProcess(['report', 'audit', '--format', 'json'], dir)).stdout);
    expect(JSON.stringify(audit.findings)).toMatch(/RFC-0002-b\.md.*symbolic link/);
  });
});

describe('no merge of a pull request quietly drops a change to a document', () => {
  const RULE = 'unrecorded-change';
  const B = 'changes/RFC-0002-b.md';
  const unrecorded = (list: Finding[]): [string, string | undefined, string][] =>
    list.filter((f) => f.rule === RULE).map((f) => [f.file, f.docId, f.severity]);
  /** A change request whose purpose says `text`. */
  const body = (text: string): string => rfc({}, `\n## Purpose\n\n${text}\n\n## Business impact\n\n## Scope\n`);
  /** Cleo commits `files` on main, then the branch `side` is checked out again. */
  const onMain = (dir: string, files: Record<string, string>): void => {
    gitIn(dir, ['checkout', '-q', 'main']);
    addCommit(dir, { files, author: cleo, date: '2026-01-04T09:00:00Z' });
    gitIn(dir, ['checkout', '-q', 'side']);
  };
  /** The roles document written with block lists (one line per role); `emails` changes someone's address. */
  const block = (roles: Record<string, string[]>, emails: Record<string, string> = {}): string =>
    rolesDoc(undefined, 'approved', ana.email).replace(
      /people:[\s\S]*?\n---/,
      `people:\n${Object.entries(roles)
        .map(([who, rs]) => {
          const p = PEOPLE[who as keyof typeof PEOPLE];
          return `  - name: ${p.name}\n    email: ${emails[who] ?? p.email}\n    roles:\n${rs.map((r) => `      - ${r}\n`).join('')}`;
        })
        .join('')}---`,
    );
  /** A repository where Ana takes Ben's CM role away on main after the branch `side` was started. */
  function revokedOnMain(): string {
    const dir = repo([{ files: { [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z' }]);
    gitIn(dir, ['branch', 'side']);
    addCommit(dir, {
      files: { 'governance/roles.md': rolesWith(['PT'], ['IM', 'PT'], 'updated') },
      author: ana,
      date: '2026-01-03T09:00:00Z',
    });
    gitIn(dir, ['checkout', '-q', 'side']);
    return dir;
  }

  it('a merge that takes the older roles document from its branch (a role taken away on main comes back) is reported', async () => {
    const dir = revokedOnMain();
    // Ben merges main into his branch but keeps his branch's roles document: git lists such a
    // merge as changing nothing, since the result matches one of its sides.
    gitIn(dir, ['merge', '-q', '--no-ff', '--no-commit', 'main'], at(ben, '2026-01-04T09:00:00Z'));
    gitIn(dir, ['checkout', 'HEAD', '--', 'governance/roles.md'], as(ben));
    gitIn(dir, ['commit', '-q', '-m', 'Merge main'], at(ben, '2026-01-04T09:00:00Z'));
    expect(gitIn(dir, ['show', '--format=', '--name-only', 'HEAD']).trim()).toBe('');
    const r = await findings(dir, ['--base', 'main']);
    expect(unrecorded(r.list)).toEqual([['governance/roles.md', 'ROLES', 'error']]);
    expect(r.list.find((f) => f.rule === RULE)!.message).toMatch(
      /^the merge commit [0-9a-f]{7} by Ben Okafor <ben@acme.example> on 2026-01-04 dropped the change the other side \([0-9a-f]{7}\) had made to this document since they diverged/,
    );
    expect(r.code).toBe(1);
    // A grafts file that hides the merge's second parent (git still reads .git/info/grafts) hides nothing.
    const merge = gitIn(dir, ['rev-parse', 'HEAD']).trim();
    writeFileSync(path.join(dir, '.git/info/grafts'), `${merge} ${gitIn(dir, ['rev-parse', 'HEAD^1']).trim()}\n`);
    expect(gitIn(dir, ['rev-list', '--parents', '-1', 'HEAD']).trim().split(' ')).toHaveLength(2);
    expect(unrecorded((await findings(dir, ['--base', 'main'])).list)).toEqual([['governance/roles.md', 'ROLES', 'error']]);
    rmSync(path.join(dir, '.git/info/grafts'));
    // Merged anyway, the restored roles never come into force: Ben's approval afterwards is no CM's.
    gitIn(dir, ['checkout', '-q', 'main']);
    gitIn(dir, ['merge', '-q', '--ff-only', 'side']);
    addCommit(dir, { files: { [R]: approved(ben.email) }, author: ben, date: '2026-01-05T09:00:00Z' });
    const later = await findings(dir, ['--history']);
    expect(later.list.filter((f) => f.rule === 'approval-evidence').map((f) => f.docId)).toEqual(['RFC-0001']);
  });

  it('a merge that drops a document the base added, and one that brings back a document the base removed, are reported', async () => {
    const dir = repo([{ files: { [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z' }]);
    gitIn(dir, ['branch', 'side']);
    addCommit(dir, { files: { [B]: rfc({ id: 'RFC-0002' }), [R]: null }, author: cleo, date: '2026-01-03T09:00:00Z' });
    gitIn(dir, ['checkout', '-q', 'side']);
    // `-s ours` keeps the branch's tree as it is: RFC-0002 never arrives, RFC-0001 stays.
    gitIn(dir, ['merge', '-q', '-s', 'ours', '-m', 'Merge main', 'main'], at(ben, '2026-01-04T09:00:00Z'));
    const r = await findings(dir, ['--base', 'main']);
    expect(unrecorded(r.list)).toEqual([
      [R, 'RFC-0001', 'error'],
      [B, undefined, 'error'],
    ]);
    const messages = r.list.filter((f) => f.rule === RULE).map((f) => f.message);
    expect(messages[0]).toMatch(/kept this document, which the other side \([0-9a-f]{7}\) had deleted/);
    expect(messages[1]).toMatch(/left out this document, which the other side \([0-9a-f]{7}\) had changed or added/);
  });

  it("a merge that keeps the branch's incident, dropping the priority main raised, is reported: the measured fields are what decides too", async () => {
    const I = 'incidents/INC-0001-mail.md';
    const incident = (priority: string): string =>
      md(
        {
          id: 'INC-0001',
          type: 'incident',
          title: 'Mail down',
          status: 'opened',
          priority,
          opened: '2026-01-02T09:00:00Z',
          reported_by: cleo.email,
          services: ['SVC-0001'],
        },
        '\n## Description\n\n## Restoration steps\n\n## Solution\n',
      );
    const dir = repo([{ files: { [I]: incident('P3') }, author: cleo, date: '2026-01-02T09:05:00Z' }]);
    gitIn(dir, ['branch', 'side']);
    // The customer calls back: the whole office is down. Main raises the incident to P1.
    addCommit(dir, { files: { [I]: incident('P1') }, author: cleo, date: '2026-01-02T10:00:00Z' });
    gitIn(dir, ['checkout', '-q', 'side']);
    gitIn(dir, ['merge', '-q', '-s', 'ours', '-m', 'Merge main', 'main'], at(ben, '2026-01-03T09:00:00Z'));
    expect(readFileSync(path.join(dir, I), 'utf8')).toContain('priority: "P3"');
    expect(unrecorded((await findings(dir, ['--base', 'main'])).list)).toEqual([[I, 'INC-0001', 'error']]);
    // The same instant written with another offset by each side, the conflict resolved with either: no change dropped.
    const honest = repo([{ files: { [I]: incident('P3') }, author: cleo, date: '2026-01-02T09:05:00Z' }]);
    gitIn(honest, ['branch', 'side']);
    const answered = (at: string): string => incident('P3').replace('opened: ', `responded: "${at}"\nopened: `);
    addCommit(honest, { files: { [I]: answered('2026-01-02T09:10:00Z') }, author: cleo, date: '2026-01-02T10:00:00Z' });
    gitIn(honest, ['checkout', '-q', 'side']);
    addCommit(honest, { files: { [I]: answered('2026-01-02T10:10:00+01:00') }, author: ben, date: '2026-01-02T10:01:00Z' });
    gitIn(honest, ['merge', '-q', '-X', 'ours', '-m', 'Merge main', 'main'], at(ben, '2026-01-03T09:00:00Z'));
    expect(readFileSync(path.join(honest, I), 'utf8')).toContain('responded: "2026-01-02T10:10:00+01:00"');
    expect(unrecorded((await findings(honest, ['--base', 'main'])).list)).toEqual([]);
  });

  it('a merge that keeps an older sms.config.yaml is reported as well', async () => {
    const dir = revokedOnMain();
    gitIn(dir, ['checkout', '-q', 'main']);
    addCommit(dir, { files: { 'sms.config.yaml': `${CONFIG}timezone: Europe/Berlin\n` }, author: ana, date: '2026-01-04T09:00:00Z' });
    gitIn(dir, ['checkout', '-q', 'side']);
    gitIn(dir, ['merge', '-q', '--no-ff', '--no-commit', 'main'], at(ben, '2026-01-05T09:00:00Z'));
    gitIn(dir, ['checkout', 'HEAD', '--', 'sms.config.yaml']);
    gitIn(dir, ['commit', '-q', '-m', 'Merge main'], at(ben, '2026-01-05T09:00:00Z'));
    expect(unrecorded((await findings(dir, ['--base', 'main'])).list)).toEqual([['sms.config.yaml', undefined, 'error']]);
  });

  it("a conflict resolved with one side's version drops the other side's change: reported; resolved keeping both, not", async () => {
    const conflicting = (): string => {
      const dir = revokedOnMain();
      onMain(dir, { [R]: body('Main says so.') });
      addCommit(dir, { files: { [R]: body('The branch says so.') }, author: cleo, date: '2026-01-05T09:00:00Z' });
      return dir;
    };
    const ours = conflicting();
    gitIn(ours, ['merge', '-q', '--no-ff', '-X', 'ours', '-m', 'Merge main', 'main'], at(cleo, '2026-01-06T09:00:00Z'));
    expect(unrecorded((await findings(ours, ['--base', 'main'])).list)).toEqual([[R, 'RFC-0001', 'error']]);
    const both = conflicting();
    expect(() => gitIn(both, ['merge', '-q', '--no-ff', '-m', 'Merge main', 'main'], at(cleo, '2026-01-06T09:00:00Z'))).toThrow();
    writeFileSync(path.join(both, R), body('The branch says so.\n\nMain says so.'));
    gitIn(both, ['add', R]);
    gitIn(both, ['commit', '-q', '--no-edit'], at(cleo, '2026-01-06T09:00:00Z'));
    expect(unrecorded((await findings(both, ['--base', 'main'])).list)).toEqual([]);
  });

  it("a conflict resolved by hand into a line of the merge's own is shown for review; one whose own line cannot hold a side's change is a drop", async () => {
    /** Main changes the base's line to `mainLine`, the branch to `sideLine`; the merge conflicts. */
    const conflicting = (baseLine: string, mainLine: string, sideLine: string): string => {
      const dir = repo([{ files: { [R]: body(baseLine) }, author: cleo, date: '2026-01-02T09:00:00Z' }]);
      gitIn(dir, ['branch', 'side']);
      addCommit(dir, { files: { [R]: body(mainLine) }, author: cleo, date: '2026-01-03T09:00:00Z' });
      gitIn(dir, ['checkout', '-q', 'side']);
      addCommit(dir, { files: { [R]: body(sideLine) }, author: ben, date: '2026-01-04T09:00:00Z' });
      expect(() => gitIn(dir, ['merge', '-q', '--no-ff', '-m', 'Merge main', 'main'], at(ben, '2026-01-05T09:00:00Z'))).toThrow();
      return dir;
    };
    const resolved = async (dir: string, text: string): Promise<[string, string, string][]> => {
      writeFileSync(path.join(dir, R), body(text));
      gitIn(dir, ['add', R]);
      gitIn(dir, ['commit', '-q', '--no-edit'], at(ben, '2026-01-05T09:00:00Z'));
      return (await findings(dir, ['--base', 'main'])).list
        .filter((f) => f.rule === RULE || f.rule === 'merge-resolution')
        .map((f) => [f.rule, f.severity, f.message.replace(/[0-9a-f]{7}/g, 'SHA')]);
    };
    const firmware = (backup: string, planned: string): string =>
      `Firmware 7.0.14 since 2025-06-03${backup}; 7.2.4 planned for ${planned}.`;
    const backupAndDate = (): string =>
      conflicting(firmware('', '2026-12-08'), firmware(', config backup 2026-11-27', '2026-12-08'), firmware('', '2026-12-10'));
    // Both changes on the one line: each side's change is held in it, shown once per side for review.
    const both = await resolved(backupAndDate(), firmware(', config backup 2026-11-27', '2026-12-10'));
    expect(both.map(([rule, severity]) => [rule, severity])).toEqual([
      ['merge-resolution', 'warning'],
      ['merge-resolution', 'warning'],
    ]);
    expect(both[0]![2]).toBe(
      `the merge commit SHA by Ben Okafor <ben@acme.example> on 2026-01-05 holds the change the other side (SHA) made to this document only in a line of its own: "${firmware(', config backup 2026-11-27', '2026-12-10').slice(0, 77)}…"`,
    );
    const drop = [[RULE, 'error']];
    const rulesOf = (list: [string, string, string][]) => list.map(([rule, severity]) => [rule, severity]);
    // A line of its own that leaves main's backup out drops main's change (the branch's is in it, for review).
    expect(rulesOf(await resolved(backupAndDate(), firmware(', checked', '2026-12-10')))).toEqual([
      ['merge-resolution', 'warning'],
      [RULE, 'error'],
    ]);
    // The branch's line kept, and a line of the merge's own added elsewhere, even one with main's date in it.
    expect(rulesOf(await resolved(backupAndDate(), `${firmware('', '2026-12-10')}\n\nResolved the conflict.`))).toEqual(drop);
    expect(rulesOf(await resolved(backupAndDate(), `${firmware('', '2026-12-10')}\n\nLast call with the customer on 2026-11-27.`))).toEqual(
      drop,
    );
    // Main took a right away (brings no word, takes "jonas" away): a line of the merge's own that
    // keeps jonas, or one about something else, does not hold that change.
    const revoked = () =>
      conflicting('Admin rights: tom, priya, jonas.', 'Admin rights: tom, priya.', 'Admin rights: tom, priya, jonas, sam.');
    expect(rulesOf(await resolved(revoked(), 'Admin rights: tom, priya, jonas, sam.\n\nConflict resolved with both edits.'))).toEqual([
      [RULE, 'error'],
    ]);
    expect(rulesOf(await resolved(revoked(), 'Admin rights: tom, priya, jonas, sam, and lea.'))).toEqual([
      ['merge-resolution', 'warning'],
      [RULE, 'error'],
    ]);
    expect(rulesOf(await resolved(revoked(), 'Admin rights: tom, priya, sam.'))).toEqual([
      ['merge-resolution', 'warning'],
      ['merge-resolution', 'warning'],
    ]);
    // A change of order alone brings and takes away no word: no line of the merge's own can be shown to hold it.
    const swapped = () =>
      conflicting('DNS 10.0.0.1, then 10.0.0.2.', 'DNS 10.0.0.2, then 10.0.0.1.', 'DNS 10.0.0.1, then 10.0.0.2, then 10.0.0.3.');
    expect(rulesOf(await resolved(swapped(), 'DNS 10.0.0.1, then 10.0.0.2, then 10.0.0.3 (checked).'))).toEqual([
      ['merge-resolution', 'warning'],
      [RULE, 'error'],
    ]);
  });

  it("the documents a record names are compared as values: a change request one side added to a configuration item's list is not lost in the merge", async () => {
    const C = 'configuration/CI-0001-router.md';
    const ciDoc = (changes: string[]): string =>
      md(
        `id: CI-0001\ntype: configuration-item\ntitle: Router\nstatus: updated\nci_type: hardware\nchange_requests:\n${changes.map((c) => `  - ${c}\n`).join('')}`.trimEnd(),
        '\n## Notes\n',
      );
    const listed = (): string => {
      const dir = repo([{ files: { [C]: ciDoc(['RFC-0003']) }, author: cleo, date: '2026-01-02T09:00:00Z' }]);
      gitIn(dir, ['branch', 'side']);
      addCommit(dir, { files: { [C]: ciDoc(['RFC-0003', 'RFC-0017']) }, author: cleo, date: '2026-01-03T09:00:00Z' });
      gitIn(dir, ['checkout', '-q', 'side']);
      addCommit(dir, { files: { [C]: ciDoc(['RFC-0003', 'RFC-0015']) }, author: ben, date: '2026-01-04T09:00:00Z' });
      return dir;
    };
    // -X ours keeps the branch's list: main's RFC-0017 is gone, and git shows no change.
    const ours = listed();
    gitIn(ours, ['merge', '-q', '--no-ff', '-X', 'ours', '-m', 'Merge main', 'main'], at(ben, '2026-01-05T09:00:00Z'));
    expect(unrecorded((await findings(ours, ['--base', 'main'])).list)).toEqual([[C, 'CI-0001', 'error']]);
    // Both kept, in any order: no drop.
    const both = listed();
    expect(() => gitIn(both, ['merge', '-q', '--no-ff', '-m', 'Merge main', 'main'], at(ben, '2026-01-05T09:00:00Z'))).toThrow();
    writeFileSync(path.join(both, C), ciDoc(['RFC-0003', 'RFC-0015', 'RFC-0017']));
    gitIn(both, ['add', C]);
    gitIn(both, ['commit', '-q', '--no-edit'], at(ben, '2026-01-05T09:00:00Z'));
    expect(unrecorded((await findings(both, ['--base', 'main'])).list)).toEqual([]);
    // The change schedule: main moves RFC-0001 to another day; a merge with -s ours keeps the old
    // day. Each entry is compared whole, not just the ID it names.
    const S = 'changes/change-schedule.md';
    const schedule = (day: string): string =>
      md(
        `id: SCHEDULE\ntype: change-schedule\ntitle: Change schedule\nstatus: updated\nowner: ana@acme.example\nchanges:\n  - change_request: RFC-0001\n    planned_date: ${day}\n    window: Tuesday 19:00–22:00`,
        '\n## Notes\n',
      );
    const moved = repo([{ files: { [S]: schedule('2026-12-08') }, author: ben, date: '2026-01-02T09:00:00Z' }]);
    gitIn(moved, ['branch', 'side']);
    addCommit(moved, { files: { [S]: schedule('2026-12-22') }, author: ben, date: '2026-01-03T09:00:00Z' });
    gitIn(moved, ['checkout', '-q', 'side']);
    addCommit(moved, { files: { [R]: rfc({ title: 'Upgrade all mail' }) }, author: cleo, date: '2026-01-04T09:00:00Z' });
    gitIn(moved, ['merge', '-q', '--no-ff', '-s', 'ours', '-m', 'Merge main', 'main'], at(cleo, '2026-01-05T09:00:00Z'));
    expect(unrecorded((await findings(moved, ['--base', 'main'])).list)).toEqual([[S, 'SCHEDULE', 'error']]);
  });

  it('a branch that touched the document first (its mode, a rename away and back) gets no pass for the merge that drops the change', async () => {
    const touches: [string, (dir: string) => void][] = [
      [
        'mode',
        (dir) => {
          chmodSync(path.join(dir, 'governance/roles.md'), 0o755);
          gitIn(dir, ['commit', '-q', '-am', 'x'], at(ben, '2026-01-04T08:00:00Z'));
          chmodSync(path.join(dir, 'governance/roles.md'), 0o644);
          gitIn(dir, ['commit', '-q', '-am', 'y'], at(ben, '2026-01-04T08:10:00Z'));
        },
      ],
      [
        'rename away and back',
        (dir) => {
          gitIn(dir, ['mv', 'governance/roles.md', 'governance/roles-tmp.md']);
          gitIn(dir, ['commit', '-q', '-m', 'x'], at(ben, '2026-01-04T08:00:00Z'));
          gitIn(dir, ['mv', 'governance/roles-tmp.md', 'governance/roles.md']);
          gitIn(dir, ['commit', '-q', '-m', 'y'], at(ben, '2026-01-04T08:10:00Z'));
        },
      ],
    ];
    for (const [name, touch] of touches) {
      const dir = revokedOnMain();
      touch(dir);
      gitIn(dir, ['merge', '-q', '--no-ff', '--no-commit', 'main'], at(ben, '2026-01-04T09:00:00Z'));
      gitIn(dir, ['checkout', 'HEAD', '--', 'governance/roles.md'], as(ben));
      gitIn(dir, ['commit', '-q', '-m', 'Merge main'], at(ben, '2026-01-04T09:00:00Z'));
      expect(unrecorded((await findings(dir, ['--base', 'main'])).list), name).toEqual([['governance/roles.md', 'ROLES', 'error']]);
    }
  });

  it('a renamed document or folder: changes git carries to the new path are no drop; a merge that leaves them behind is one', async () => {
    const renamed = 'changes/2026/RFC-0001-a.md';
    const setUp = (): string => {
      const dir = revokedOnMain();
      onMain(dir, { [R]: body('Main says so.') });
      mkdirSync(path.join(dir, 'changes/2026'));
      gitIn(dir, ['mv', R, renamed]);
      gitIn(dir, ['commit', '-q', '-m', 'File RFC-0001 under 2026'], at(cleo, '2026-01-05T09:00:00Z'));
      return dir;
    };
    const carried = setUp();
    gitIn(carried, ['merge', '-q', '--no-ff', '-m', 'Merge main', 'main'], at(cleo, '2026-01-06T09:00:00Z'));
    expect(readFileSync(path.join(carried, renamed), 'utf8')).toContain('Main says so.');
    expect(unrecorded((await findings(carried, ['--base', 'main'])).list)).toEqual([]);
    const left = setUp();
    gitIn(left, ['merge', '-q', '--no-ff', '--no-commit', 'main'], at(cleo, '2026-01-06T09:00:00Z'));
    gitIn(left, ['checkout', 'HEAD', '--', renamed]);
    gitIn(left, ['commit', '-q', '-m', 'Merge main'], at(cleo, '2026-01-06T09:00:00Z'));
    expect(unrecorded((await findings(left, ['--base', 'main'])).list)).toEqual([[R, undefined, 'error']]);
    // A folder renamed on the branch, a document added to it on main: git moves the new document.
    const folder = repo([{ files: { 'changes/old/RFC-0002-b.md': rfc({ id: 'RFC-0002' }) }, author: cleo, date: '2026-01-02T09:00:00Z' }]);
    gitIn(folder, ['branch', 'side']);
    addCommit(folder, { files: { 'changes/old/RFC-0003-c.md': rfc({ id: 'RFC-0003' }) }, author: cleo, date: '2026-01-04T09:00:00Z' });
    gitIn(folder, ['checkout', '-q', 'side']);
    gitIn(folder, ['mv', 'changes/old', 'changes/new']);
    gitIn(folder, ['commit', '-q', '-m', 'Rename the folder'], at(cleo, '2026-01-05T09:00:00Z'));
    // git moves it there (a "file location" conflict where merge.directoryRenames asks for one).
    try {
      gitIn(folder, ['merge', '-q', '--no-ff', '-m', 'Merge main', 'main'], at(cleo, '2026-01-06T09:00:00Z'));
    } catch {
      gitIn(folder, ['add', '--all']);
      gitIn(folder, ['commit', '-q', '--no-edit'], at(cleo, '2026-01-06T09:00:00Z'));
    }
    expect(existsSync(path.join(folder, 'changes/new/RFC-0003-c.md'))).toBe(true);
    expect(unrecorded((await findings(folder, ['--base', 'main'])).list)).toEqual([]);
  });

  it('a document renamed on one side (its ID renumbered or not) and edited on the other merges cleanly either way: no drop; a merge that keeps the renamed file without the edit is one', async () => {
    const purpose = (text: string, id = 'RFC-0001'): string => rfc({ id }, `\n## Purpose\n\n${text}\n\n## Business impact\n\n## Scope\n`);
    let slugRepo: string | undefined;
    let renumberedRepo: string | undefined;
    for (const [renumbered, into] of [
      [false, 'side'],
      [false, 'main'],
      [true, 'side'],
      [true, 'main'],
    ] as const) {
      const name = `${renumbered ? 'renumbered' : 'slug fixed'}, merged into ${into}`;
      const to = renumbered ? 'changes/RFC-0003-a.md' : 'changes/RFC-0001-a-2027.md';
      // Built once per kind of rename, and copied for each merge tried on it.
      let built = renumbered ? renumberedRepo : slugRepo;
      if (!built) {
        built = repo([{ files: { [R]: purpose('The till PC is six years old.') }, author: cleo, date: '2026-01-02T09:00:00Z' }]);
        gitIn(built, ['tag', 'base']);
        gitIn(built, ['branch', 'side']);
        addCommit(built, { files: { [R]: purpose('The till PC, six years old, fails.') }, author: cleo, date: '2026-01-03T09:00:00Z' });
        gitIn(built, ['checkout', '-q', 'side']);
        const renamed = purpose('The till PC is six years old.', renumbered ? 'RFC-0003' : 'RFC-0001');
        addCommit(built, { files: { [R]: null, [to]: renamed }, author: ben, date: '2026-01-04T09:00:00Z' });
        if (renumbered) renumberedRepo = built;
        else slugRepo = built;
      }
      const from = built;
      const setUp = (): string => {
        const dir = tmp();
        cpSync(from, dir, { recursive: true });
        gitIn(dir, ['checkout', '-q', into]);
        return dir;
      };
      const other = into === 'main' ? 'side' : 'main';
      const clean = setUp();
      gitIn(clean, ['merge', '-q', '--no-ff', '-m', `Merge ${other}`, other], at(ben, '2026-01-05T09:00:00Z'));
      expect(existsSync(path.join(clean, R)), name).toBe(false);
      expect(readFileSync(path.join(clean, to), 'utf8'), name).toContain('The till PC, six years old, fails.');
      expect(unrecorded((await findings(clean, ['--base', 'base'])).list), name).toEqual([]);
      // The renamed file taken as the branch has it: main's edit is lost.
      const left = setUp();
      gitIn(left, ['merge', '-q', '--no-ff', '--no-commit', other], at(ben, '2026-01-05T09:00:00Z'));
      gitIn(left, ['checkout', 'side', '--', to]);
      gitIn(left, ['commit', '-q', '-m', `Merge ${other}`], at(ben, '2026-01-05T09:00:00Z'));
      expect(unrecorded((await findings(left, ['--base', 'base'])).list), name).toEqual([[R, undefined, 'error']]);
      if (into === 'side') {
        const ours = setUp();
        gitIn(ours, ['merge', '-q', '-s', 'ours', '-m', 'Merge main', 'main'], at(ben, '2026-01-05T09:00:00Z'));
        expect(unrecorded((await findings(ours, ['--base', 'base'])).list), name).toEqual([[R, undefined, 'error']]);
      }
    }
  });

  it('a merge that keeps one side with a line of its own added, or drops a change by renaming an older version, is reported', async () => {
    const nearCopy = revokedOnMain();
    gitIn(nearCopy, ['merge', '-q', '--no-ff', '--no-commit', 'main'], at(ben, '2026-01-04T09:00:00Z'));
    gitIn(nearCopy, ['checkout', 'HEAD', '--', 'governance/roles.md'], as(ben));
    writeFileSync(
      path.join(nearCopy, 'governance/roles.md'),
      `${readFileSync(path.join(nearCopy, 'governance/roles.md'), 'utf8')}\nNoted.\n`,
    );
    gitIn(nearCopy, ['add', 'governance/roles.md']);
    gitIn(nearCopy, ['commit', '-q', '-m', 'Merge main'], at(ben, '2026-01-04T09:00:00Z'));
    expect(unrecorded((await findings(nearCopy, ['--base', 'main'])).list)).toEqual([['governance/roles.md', 'ROLES', 'error']]);
    // Main rejects RFC-0001; the branch's merge deletes it and adds its own older draft under a new name.
    const asMove = revokedOnMain();
    onMain(asMove, { [R]: rfc({ status: 'rejected' }) });
    gitIn(asMove, ['merge', '-q', '--no-ff', '--no-commit', 'main'], at(cleo, '2026-01-05T09:00:00Z'));
    gitIn(asMove, ['rm', '-q', '-f', R]);
    mkdirSync(path.join(asMove, 'changes'), { recursive: true });
    writeFileSync(path.join(asMove, 'changes/RFC-0001-renamed.md'), rfc());
    gitIn(asMove, ['add', '--all']);
    gitIn(asMove, ['commit', '-q', '-m', 'Merge main'], at(cleo, '2026-01-05T09:00:00Z'));
    expect(unrecorded((await findings(asMove, ['--base', 'main'])).list)).toEqual([[R, undefined, 'error']]);
  });

  it('a change both sides already hold is not dropped: a cherry-pick edited further, a rename beside the same fix', async () => {
    // A fix on main is cherry-picked to the branch; main then edits further; git merges cleanly.
    const picked = revokedOnMain();
    onMain(picked, { [R]: body('Fixed.') });
    gitIn(picked, ['cherry-pick', 'main'], at(cleo, '2026-01-05T09:00:00Z'));
    gitIn(picked, ['checkout', '-q', 'main']);
    const further = rfc({}, '\n## Purpose\n\nFixed.\n\n## Business impact\n\nNone.\n\n## Scope\n\nAll mailboxes.\n');
    addCommit(picked, { files: { [R]: further }, author: cleo, date: '2026-01-06T09:00:00Z' });
    gitIn(picked, ['checkout', '-q', 'side']);
    gitIn(picked, ['merge', '-q', '--no-ff', '-m', 'Merge main', 'main'], at(cleo, '2026-01-07T09:00:00Z'));
    expect(unrecorded((await findings(picked, ['--base', 'main'])).list)).toEqual([]);
    // Main fixes RFC-0001; the branch has the same fix and files the document under 2026.
    const renamed = revokedOnMain();
    onMain(renamed, { [R]: body('Fixed.') });
    gitIn(renamed, ['cherry-pick', 'main'], at(cleo, '2026-01-05T09:00:00Z'));
    mkdirSync(path.join(renamed, 'changes/2026'));
    gitIn(renamed, ['mv', R, 'changes/2026/RFC-0001-a.md']);
    gitIn(renamed, ['commit', '-q', '-m', 'File it'], at(cleo, '2026-01-06T09:00:00Z'));
    gitIn(renamed, ['merge', '-q', '--no-ff', '-m', 'Merge main', 'main'], at(cleo, '2026-01-07T09:00:00Z'));
    expect(unrecorded((await findings(renamed, ['--base', 'main'])).list)).toEqual([]);
  });

  it('what decides is compared as values: list items belong to their person, spaces and comments hide nothing', async () => {
    // The roles document written with block lists: one line per role, the same line for different people.
    const start = { ana: ['SM', 'MGT'], ben: ['CM'], cleo: ['IM', 'PT'] };
    const setUp = (): string => {
      const dir = repo([{ files: { 'governance/roles.md': block(start) }, author: ana, date: '2026-01-02T09:00:00Z' }]);
      gitIn(dir, ['branch', 'side']);
      // Main takes Cleo's IM role away.
      addCommit(dir, { files: { 'governance/roles.md': block({ ...start, cleo: ['PT'] }) }, author: ana, date: '2026-01-03T09:00:00Z' });
      gitIn(dir, ['checkout', '-q', 'side']);
      return dir;
    };
    // The branch gives Ben the IM role: git merges both, and the line "- IM" moved from Cleo to Ben.
    const both = setUp();
    addCommit(both, {
      files: { 'governance/roles.md': block({ ...start, ben: ['CM', 'IM'] }) },
      author: ana,
      date: '2026-01-04T09:00:00Z',
    });
    gitIn(both, ['merge', '-q', '--no-ff', '-m', 'Merge main', 'main'], at(ana, '2026-01-05T09:00:00Z'));
    expect(readFileSync(path.join(both, 'governance/roles.md'), 'utf8')).toContain(
      '      - CM\n      - IM\n  - name: Cleo Park\n    email: cleo@acme.example\n    roles:\n      - PT\n',
    );
    expect(unrecorded((await findings(both, ['--base', 'main'])).list)).toEqual([]);
    // A merge that keeps Cleo's IM role, written with a trailing space, dropped the revocation.
    const spaced = setUp();
    gitIn(spaced, ['merge', '-q', '--no-ff', '--no-commit', 'main'], at(cleo, '2026-01-05T09:00:00Z'));
    writeFileSync(path.join(spaced, 'governance/roles.md'), block(start).replace('      - IM\n', '      - IM \n'));
    gitIn(spaced, ['add', '--all']);
    gitIn(spaced, ['commit', '-q', '-m', 'Merge main'], at(cleo, '2026-01-05T09:00:00Z'));
    expect(unrecorded((await findings(spaced, ['--base', 'main'])).list)).toEqual([['governance/roles.md', 'ROLES', 'error']]);
  });

  it('a person is followed across an email change: a role taken away on one side stays taken away', async () => {
    const start = { ana: ['SM', 'MGT'], ben: ['CM'], cleo: ['IM', 'PT'] };
    const other = { cleo: 'cleo.park@acme.example' };
    const setUp = (main: string, branch: string): string => {
      const dir = repo([{ files: { 'governance/roles.md': block(start) }, author: ana, date: '2026-01-02T09:00:00Z' }]);
      gitIn(dir, ['branch', 'side']);
      addCommit(dir, { files: { 'governance/roles.md': main }, author: ana, date: '2026-01-03T09:00:00Z' });
      gitIn(dir, ['checkout', '-q', 'side']);
      addCommit(dir, { files: { 'governance/roles.md': branch }, author: ana, date: '2026-01-04T09:00:00Z' });
      return dir;
    };
    // Main takes Cleo's IM role away; the branch changes her email.
    const revoked = block({ ...start, cleo: ['PT'] });
    const moved = block(start, other);
    const clean = setUp(revoked, moved);
    gitIn(clean, ['merge', '-q', '--no-ff', '-m', 'Merge main', 'main'], at(ana, '2026-01-05T09:00:00Z'));
    expect(readFileSync(path.join(clean, 'governance/roles.md'), 'utf8')).toBe(block({ ...start, cleo: ['PT'] }, other));
    expect(unrecorded((await findings(clean, ['--base', 'main'])).list)).toEqual([]);
    const kept = setUp(revoked, moved);
    gitIn(kept, ['merge', '-q', '--no-ff', '--no-commit', 'main'], at(ana, '2026-01-05T09:00:00Z'));
    gitIn(kept, ['checkout', 'HEAD', '--', 'governance/roles.md']);
    gitIn(kept, ['commit', '-q', '-m', 'Merge main'], at(ana, '2026-01-05T09:00:00Z'));
    expect(unrecorded((await findings(kept, ['--base', 'main'])).list)).toEqual([['governance/roles.md', 'ROLES', 'error']]);
    // Main changes her email; the branch gives her the CM role too.
    const both = setUp(moved, block({ ...start, cleo: ['IM', 'PT', 'CM'] }));
    gitIn(both, ['merge', '-q', '--no-ff', '-m', 'Merge main', 'main'], at(ana, '2026-01-05T09:00:00Z'));
    expect(unrecorded((await findings(both, ['--base', 'main'])).list)).toEqual([]);
  });

  it("a status the merge dropped is found wherever its line went; a version both sides raised is the merge's to settle", async () => {
    // Main rejects RFC-0001; the merge keeps "draft" and parks the other side's line in a comment.
    const hidden = revokedOnMain();
    onMain(hidden, { [R]: rfc({ status: 'rejected' }) });
    gitIn(hidden, ['merge', '-q', '--no-ff', '--no-commit', 'main'], at(cleo, '2026-01-05T09:00:00Z'));
    writeFileSync(path.join(hidden, R), `${rfc().replace(/^status: (.*)$/m, 'status: $1 ')}\n<!--\nstatus: rejected\n-->\n`);
    gitIn(hidden, ['add', '--all']);
    gitIn(hidden, ['commit', '-q', '-m', 'Merge main'], at(cleo, '2026-01-05T09:00:00Z'));
    expect(unrecorded((await findings(hidden, ['--base', 'main'])).list)).toEqual([[R, 'RFC-0001', 'error']]);
    // Both sides raise the version and edit different sections; the conflict on the version line
    // is settled with a newer one, both edits kept. sms.config.yaml: both add to one list.
    const text = (version: string, purpose: string, scope: string): string =>
      rfc({ version }, `\n## Purpose\n\n${purpose}\n\n## Business impact\n\nNone.\n\n## Scope\n\n${scope}\n`);
    const settled = repo([{ files: { [R]: text('1.0', 'Mail.', 'All.') }, author: cleo, date: '2026-01-02T09:00:00Z' }]);
    gitIn(settled, ['branch', 'side']);
    gitIn(settled, ['checkout', '-q', 'side']);
    onMain(settled, { [R]: text('1.2', 'Mail, faster.', 'All.'), 'sms.config.yaml': `${CONFIG}ignore: ["drafts/**"]\n` });
    addCommit(settled, {
      files: { [R]: text('1.1', 'Mail.', 'All mailboxes.'), 'sms.config.yaml': `${CONFIG}ignore: ["scratch/**"]\n` },
      author: cleo,
      date: '2026-01-05T09:00:00Z',
    });
    expect(() => gitIn(settled, ['merge', '-q', '--no-ff', '-m', 'Merge main', 'main'], at(cleo, '2026-01-06T09:00:00Z'))).toThrow();
    writeFileSync(path.join(settled, R), text('1.3', 'Mail, faster.', 'All mailboxes.'));
    writeFileSync(path.join(settled, 'sms.config.yaml'), `${CONFIG}ignore: ["drafts/**", "scratch/**"]\n`);
    gitIn(settled, ['add', '--all']);
    gitIn(settled, ['commit', '-q', '--no-edit'], at(cleo, '2026-01-06T09:00:00Z'));
    expect(unrecorded((await findings(settled, ['--base', 'main'])).list)).toEqual([]);
  });

  it('ordinary pull requests are not reported: behind the base, merging it, a revert, a cherry-pick merged back, criss-cross merges', async () => {
    const cases: [string, (dir: string) => void][] = [
      ['behind the base', (dir) => addCommit(dir, { files: { [B]: rfc({ id: 'RFC-0002' }) }, author: ben, date: '2026-01-04T09:00:00Z' })],
      [
        'merging the base',
        (dir) => {
          addCommit(dir, { files: { [B]: rfc({ id: 'RFC-0002' }) }, author: ben, date: '2026-01-04T09:00:00Z' });
          gitIn(dir, ['merge', '-q', '--no-ff', '-m', 'Merge main', 'main'], at(ben, '2026-01-05T09:00:00Z'));
        },
      ],
      [
        'a revert on the branch',
        (dir) => {
          onMain(dir, { [R]: body('Main says so.') });
          gitIn(dir, ['merge', '-q', '--no-ff', '-m', 'Merge main', 'main'], at(cleo, '2026-01-05T09:00:00Z'));
          gitIn(dir, ['revert', '--no-edit', 'main'], at(cleo, '2026-01-06T09:00:00Z'));
        },
      ],
      [
        'a cherry-pick merged back',
        (dir) => {
          gitIn(dir, ['checkout', '-q', 'main']);
          addCommit(dir, { files: { [R]: body('Main says so.') }, author: cleo, date: '2026-01-04T09:00:00Z' });
          addCommit(dir, { files: { [B]: rfc({ id: 'RFC-0002' }) }, author: cleo, date: '2026-01-05T09:00:00Z' });
          gitIn(dir, ['checkout', '-q', 'side']);
          gitIn(dir, ['cherry-pick', 'main~1'], at(cleo, '2026-01-06T09:00:00Z'));
          gitIn(dir, ['merge', '-q', '--no-ff', '-m', 'Merge main', 'main'], at(cleo, '2026-01-07T09:00:00Z'));
        },
      ],
      [
        'criss-cross merges (two merge bases)',
        (dir) => {
          onMain(dir, { [R]: body('Main says so.') });
          addCommit(dir, { files: { [B]: rfc({ id: 'RFC-0002' }) }, author: cleo, date: '2026-01-04T10:00:00Z' });
          const sideTip = gitIn(dir, ['rev-parse', 'HEAD']).trim();
          gitIn(dir, ['merge', '-q', '--no-ff', '-m', 'Merge main', 'main'], at(cleo, '2026-01-05T09:00:00Z'));
          gitIn(dir, ['checkout', '-q', 'main']);
          gitIn(dir, ['merge', '-q', '--no-ff', '-m', 'Merge side', sideTip], at(cleo, '2026-01-05T10:00:00Z'));
          addCommit(dir, { files: { [R]: body('Main says more.') }, author: cleo, date: '2026-01-06T09:00:00Z' });
          gitIn(dir, ['checkout', '-q', 'side']);
          expect(gitIn(dir, ['merge-base', '--all', 'main', 'side']).trim().split('\n')).toHaveLength(2);
        },
      ],
    ];
    for (const [name, make] of cases) {
      const dir = revokedOnMain();
      make(dir);
      const r = await findings(dir, ['--base', 'main']);
      expect(unrecorded(r.list), name).toEqual([]);
      expect(r.stderr, name).toBe('');
    }
  });
});

describe('git runs only what sms asks for, and reading writes nothing', () => {
  function armed(dir: string): string {
    const marker = path.join(tmp('sms-marker-'), 'ran');
    const script = path.join(path.dirname(marker), 'mark.sh');
    writeFileSync(script, `#!/bin/sh\necho "$0 $@" >> ${marker}\nexit 0\n`);
    chmodSync(script, 0o755);
    writeFileSync(path.join(dir, '.git', 'hooks', 'post-index-change'), `#!/bin/sh\necho hook >> ${marker}\n`);
    chmodSync(path.join(dir, '.git', 'hooks', 'post-index-change'), 0o755);
    for (const [k, v] of [
      ['core.fsmonitor', script],
      ['log.showSignature', 'true'],
      ['gpg.program', script],
      ['gpg.ssh.program', script],
      ['core.pager', `${script} pager`],
      ['diff.external', script],
      ['filter.mark.clean', script],
    ]) {
      gitIn(dir, ['config', k!, v!]);
    }
    writeFileSync(path.join(dir, '.gitattributes'), '*.md filter=mark\n');
    return marker;
  }

  function snapshot(dir: string): string[] {
    const out: string[] = [];
    const walk = (d: string): void => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else out.push(`${path.relative(dir, p)} ${statSync(p).mtimeMs} ${readFileSync(p).toString('base64')}`);
      }
    };
    walk(path.join(dir, '.git'));
    return out.sort();
  }

  it('validate (default and --history), log and report leave .git byte-identical and run no hook, fsmonitor, filter or signature program', async () => {
    const dir = repo([
      { files: { [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z' },
      {
        files: { [R]: approved(ben.email) },
        author: ben,
        date: '2026-01-03T09:00:00Z',
        message: 'Approve\n\nApproved-by: Ben Okafor <ben@acme.example>',
      },
    ]);
    const marker = armed(dir);
    // an uncommitted change with a racy timestamp, so git would want to refresh the index
    writeFileSync(path.join(dir, R), approved(ben.email).replace('Upgrade mail', 'Upgrade mail now'));
    const before = snapshot(dir);
    const first = await smsInProcess(['validate', '--format', 'json'], dir);
    expect(first.code, first.stdout + first.stderr).toBe(1);
    // The committed history is clean: the problem is only in the uncommitted change.
    expect((await smsInProcess(['validate', '--history'], dir)).code).toBe(0);
    expect((await smsInProcess(['validate', '--staged'], dir)).code).toBe(0);
    expect((await smsInProcess(['log', 'RFC-0001'], dir)).code).toBe(0);
    expect((await smsInProcess(['report', 'audit', '--format', 'json'], dir)).code).toBe(0);
    expect(existsSync(marker), existsSync(marker) ? readFileSync(marker, 'utf8') : '').toBe(false);
    expect(snapshot(dir)).toEqual(before);
  });

  it('GIT_DIR, GIT_WORK_TREE and GIT_INDEX_FILE from a hook environment do not make sms read another repository', async () => {
    const dir = repo([{ files: { [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z' }]);
    const other = tmp();
    gitRepo(other, [{ files: { 'README.md': 'other\n' } }]);
    const env = testEnv({ GIT_DIR: path.join(other, '.git'), GIT_WORK_TREE: other, GIT_INDEX_FILE: path.join(other, '.git', 'index') });
    const r = await smsInProcess(['log', 'RFC-0001', '--format', 'json'], dir, env);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).entries).toHaveLength(1);
  });

  it('a missing object is an error (exit 2), never read as a deletion', async () => {
    const dir = repo([{ files: { [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z' }]);
    const blob = gitIn(dir, ['rev-parse', `HEAD:${R}`]).trim();
    rmSync(path.join(dir, '.git', 'objects', blob.slice(0, 2), blob.slice(2)));
    for (const args of [['--history'], ['--base', 'HEAD~1']]) {
      const r = await findings(dir, args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`^sms: .*git object ${blob} is missing`));
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('a partial clone fetches nothing: a missing object is an error, and no promisor remote runs', async () => {
    const remote = repo([
      { files: { [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z' },
      { files: { [R]: rfc({ title: 'Upgrade mail now' }) }, author: cleo, date: '2026-01-03T09:00:00Z' },
    ]);
    gitIn(remote, ['config', 'uploadpack.allowFilter', 'true']);
    const dir = tmp();
    // A blobless clone, as CI checkouts can be: the first version's blob is left on the remote.
    gitIn(path.dirname(dir), ['clone', '-q', '--filter=blob:none', `file://${remote}`, dir]);
    const marker = path.join(tmp('sms-marker-'), 'ran');
    const script = path.join(path.dirname(marker), 'upload-pack.sh');
    writeFileSync(script, `#!/bin/sh\necho ran >> ${marker}\nexec git-upload-pack "$@"\n`);
    chmodSync(script, 0o755);
    gitIn(dir, ['config', 'remote.origin.uploadpack', script]);
    gitIn(dir, ['config', 'protocol.file.allow', 'always']);
    const before = snapshot(dir);
    for (const args of [
      ['validate', '--history'],
      ['log', 'RFC-0001'],
      ['report', 'audit', '--format', 'json'],
    ]) {
      const r = await smsInProcess(args, dir);
      expect(r.code, args.join(' ') + r.stderr).toBe(2);
      expect(r.stderr).toMatch(/^sms: .*git object [0-9a-f]{40} is missing/);
    }
    expect(existsSync(marker), 'the promisor remote ran').toBe(false);
    expect(snapshot(dir)).toEqual(before);
  });

  it('a submodule (gitlink) where a document could be is no document and no missing object', async () => {
    const dir = repo([{ files: { [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z' }]);
    // The submodule's commit is in another repository, not in this one.
    gitIn(dir, ['update-index', '--add', '--cacheinfo', `160000,${'5'.repeat(40)},changes/RFC-0200-sub.md`]);
    gitIn(dir, ['commit', '-q', '-m', 'A submodule'], as(cleo));
    for (const args of [['--history'], ['--base', 'HEAD~1'], ['--staged'], []]) {
      const r = await findings(dir, args);
      expect(r.stderr, args.join(' ')).toBe('');
      expect(r.code, args.join(' ')).toBe(0);
    }
  });

  it('a bogus --base is exit 2 even in a repository without commits', async () => {
    const dir = tmp();
    gitIn(dir, ['init', '-q', '-b', 'main']);
    writeFileSync(path.join(dir, 'sms.config.yaml'), CONFIG);
    const r = await smsInProcess(['validate', '--base', 'origin/main'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/"origin\/main" is not a commit in this repository/);
  });
});

describe("set-status --commit keeps the organisation's controls", () => {
  it('a failing pre-commit hook: the commit is refused, the document restored, exit 2', async () => {
    const dir = repo([{ files: { [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z' }]);
    writeFileSync(path.join(dir, '.git', 'hooks', 'pre-commit'), '#!/bin/sh\necho "policy: no direct commits" >&2\nexit 1\n');
    chmodSync(path.join(dir, '.git', 'hooks', 'pre-commit'), 0o755);
    const before = readFileSync(path.join(dir, R), 'utf8');
    const head = gitIn(dir, ['rev-parse', 'HEAD']);
    const r = await smsInProcess(['set-status', 'RFC-0001', 'approved', '--commit'], dir, as(ben));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/the commit failed .*; changes\/RFC-0001-a.md was restored, nothing was changed/);
    // What the hook said is the reason shown, not a hint of git's.
    expect(r.stderr).toMatch(/^sms: the commit failed \(git commit failed: policy: no direct commits\)/);
    expect(r.stderr).not.toMatch(/hint:|grafts/);
    // Nothing on stdout says the document moved: it did not.
    expect(r.stdout).toBe('');
    expect(readFileSync(path.join(dir, R), 'utf8')).toBe(before);
    expect(gitIn(dir, ['rev-parse', 'HEAD'])).toBe(head);
    expect(gitIn(dir, ['status', '--porcelain'])).toBe('');
  });

  it("the commit's hooks may fetch: they get the caller's transport setting, not the one reading uses", async () => {
    const dir = repo([{ files: { [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z' }]);
    const seen = path.join(tmp('sms-marker-'), 'seen');
    writeFileSync(path.join(dir, '.git', 'hooks', 'pre-commit'), `#!/bin/sh\necho "\${GIT_ALLOW_PROTOCOL-unset}" > ${seen}\n`);
    chmodSync(path.join(dir, '.git', 'hooks', 'pre-commit'), 0o755);
    const r = await smsInProcess(['set-status', 'RFC-0001', 'approved', '--commit'], dir, as(ben));
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(seen, 'utf8')).toBe('unset\n');
  });

  it('re-approving an edited document in the same status ("updated" again) stamps the approval; without an edit it is refused', async () => {
    const roles = (extra: string): string => rolesWith(['CM'], ['IM', 'PT'], 'updated').replace('## Training', `${extra}## Training`);
    const dir = repo([{ files: { 'governance/roles.md': roles('') }, author: ana, date: '2026-01-02T09:00:00Z' }]);
    const unchanged = await smsInProcess(['set-status', 'ROLES', 'updated', '--commit'], dir, as(ana));
    expect(unchanged.code).toBe(2);
    expect(unchanged.stderr).toMatch(/ROLES is already "updated"/);
    expect(unchanged.stderr).toMatch(/edit it first: "updated" again approves a changed document/);
    // Ana adds a paragraph, then approves the edit: approved_on is the day of the re-approval.
    writeFileSync(path.join(dir, 'governance/roles.md'), roles('Dan covers the service desk on Fridays.\n\n'));
    const r = await smsInProcess(['set-status', 'ROLES', 'updated', '--commit'], dir, {
      ...as(ana),
      SMS_TODAY: '2026-01-05',
      GIT_AUTHOR_DATE: '2026-01-05T09:00:00Z',
      GIT_COMMITTER_DATE: '2026-01-05T09:00:00Z',
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^ROLES: updated → updated \(approved by Ana Costa\)\ncommitted [0-9a-f]{7}\n/);
    expect(readFileSync(path.join(dir, 'governance/roles.md'), 'utf8')).toMatch(/^approved_on: "?2026-01-05"?$/m);
    expect(gitIn(dir, ['status', '--porcelain'])).toBe('');
    const v = await findings(dir);
    expect(v.list).toEqual([]);
    expect(v.code).toBe(0);
    const log = JSON.parse((await smsInProcess(['log', 'ROLES', '--format', 'json'], dir)).stdout);
    expect(log.entries.at(-1)).toMatchObject({ statusBefore: 'updated', statusAfter: 'updated' });
    expect(log.entries.at(-1).decision.approvers).toMatchObject([{ name: 'Ana Costa', roles: ['SM', 'MGT'], attribution: 'author' }]);
  });

  it("a failed commit leaves the index as it was: the user's staged change to that document stays staged", async () => {
    const dir = repo([{ files: { [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z' }]);
    writeFileSync(path.join(dir, R), rfc({ priority: 'P1' }));
    gitIn(dir, ['add', '--', R]);
    writeFileSync(path.join(dir, 'notes.txt'), 'staged too\n');
    gitIn(dir, ['add', '--', 'notes.txt']);
    writeFileSync(path.join(dir, '.git', 'hooks', 'pre-commit'), '#!/bin/sh\nexit 1\n');
    chmodSync(path.join(dir, '.git', 'hooks', 'pre-commit'), 0o755);
    const index = gitIn(dir, ['ls-files', '--stage']);
    const status = gitIn(dir, ['status', '--porcelain']);
    const before = readFileSync(path.join(dir, R), 'utf8');
    const r = await smsInProcess(['set-status', 'RFC-0001', 'approved', '--commit'], dir, as(ben));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/changes\/RFC-0001-a.md was restored, nothing was changed/);
    expect(readFileSync(path.join(dir, R), 'utf8')).toBe(before);
    expect(gitIn(dir, ['ls-files', '--stage'])).toBe(index);
    expect(gitIn(dir, ['status', '--porcelain'])).toBe(status);
  });

  it("signing that fails: the reason shown is git's error line", async () => {
    const dir = repo([{ files: { [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z' }]);
    gitIn(dir, ['config', 'commit.gpgsign', 'true']);
    gitIn(dir, ['config', 'gpg.program', '/bin/false']);
    const before = readFileSync(path.join(dir, R), 'utf8');
    const r = await smsInProcess(['set-status', 'RFC-0001', 'approved', '--commit'], dir, as(ben));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^sms: the commit failed \(git commit failed: error: gpg failed to sign the data\)/);
    expect(r.stderr).not.toMatch(/hint:|grafts/);
    expect(readFileSync(path.join(dir, R), 'utf8')).toBe(before);
  });

  it('commit.gpgsign=true: the commit is signed', async () => {
    const dir = repo([{ files: { [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z' }]);
    sshSigning(dir, ben);
    gitIn(dir, ['config', 'commit.gpgsign', 'true']);
    const r = await smsInProcess(['set-status', 'RFC-0001', 'approved', '--commit'], dir, as(ben));
    expect(r.code, r.stderr).toBe(0);
    expect(gitIn(dir, ['log', '-1', '--format=%G? %GS']).trim()).toBe('G ben@acme.example');
    expect((await findings(dir)).list).toEqual([]);
  });

  it('with require_signed, an approval committed without a signature git verifies is said, with exit 1; signed, it is not', async () => {
    // Everything that must count is signed: Ana approves the roles with her key; the allowed
    // signers trust Ana's and Ben's keys. Ben commits his approval with or without signing.
    const keys = tmp('sms-keys-');
    const keyOf = (who: { email: string }): string => {
      const key = path.join(keys, who.email);
      execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', who.email, '-f', key]);
      writeFileSync(path.join(keys, 'allowed'), `${who.email} namespaces="git" ${readFileSync(`${key}.pub`, 'utf8').trim()}\n`, {
        flag: 'a',
      });
      return key;
    };
    const [anaKey, benKey] = [keyOf(ana), keyOf(ben)];
    for (const signed of [false, true]) {
      const dir = tmp();
      gitIn(dir, ['init', '-q', '-b', 'main']);
      for (const [k, v] of [
        ['gpg.format', 'ssh'],
        ['gpg.ssh.allowedSignersFile', path.join(keys, 'allowed')],
        ['user.signingkey', anaKey],
      ])
        gitIn(dir, ['config', k!, v!]);
      const commitAs = (who: typeof ana, date: string, files: Record<string, string>, sign: boolean): void => {
        for (const [f, text] of Object.entries(files)) {
          mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
          writeFileSync(path.join(dir, f), text);
        }
        const env = { ...as(who), GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date };
        gitIn(dir, ['add', '--all'], env);
        gitIn(dir, ['commit', '-q', ...(sign ? ['-S'] : []), '-m', 'x'], env);
      };
      commitAs(
        ana,
        '2026-01-01T08:00:00Z',
        { ...BASE, 'sms.config.yaml': `${CONFIG}history:\n  require_signed: approvals\n`, 'governance/roles.md': rolesDoc() },
        false,
      );
      commitAs(ana, '2026-01-01T08:30:00Z', { 'governance/roles.md': rolesDoc(undefined, 'approved', ana.email) }, true);
      commitAs(cleo, '2026-01-02T09:00:00Z', { [R]: rfc() }, false);
      if (signed) {
        gitIn(dir, ['config', 'user.signingkey', benKey]);
        gitIn(dir, ['config', 'commit.gpgsign', 'true']);
      }
      const r = await smsInProcess(
        ['set-status', 'RFC-0001', 'approved', '--commit'],
        dir,
        testEnv({ ...as(ben), SMS_TODAY: '2026-01-03' }),
      );
      const head = gitIn(dir, ['log', '-1', '--format=%h %G?']).trim();
      expect(r.stdout).toContain(`committed ${head.slice(0, 7)}`);
      if (signed) {
        expect(r.code, r.stderr).toBe(0);
        expect(head.endsWith(' G')).toBe(true);
        expect((await findings(dir)).list.filter((f) => f.docId === 'RFC-0001')).toEqual([]);
      } else {
        expect(r.code).toBe(1);
        expect(r.stderr).toContain(
          `sms: committed ${head.slice(0, 7)}, but git verifies no signature on it: with history.require_signed, sms validate --history will not count this approval of RFC-0001`,
        );
        expect((await findings(dir)).list.filter((f) => f.docId === 'RFC-0001').map((f) => f.rule)).toEqual(['approval-evidence']);
      }
    }
  });

  it("--as without --commit: the approval is written, with a warning that the commit must be the approver's own", async () => {
    const dir = repo([{ files: { [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z' }]);
    const r = await smsInProcess(['set-status', 'RFC-0001', 'approved', '--as', 'Ben Okafor <ben@acme.example>'], dir, as(ana));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(
      'sms: warning: approved_by names Ben Okafor: commit the change as Ben Okafor (author or committer), or through a committer listed in history.trusted_committers with an Approved-by trailer; a commit by anyone else does not count as the approval (rule approval-evidence)',
    );
    // As the warning says: committed by Ana, history does not count it.
    gitIn(dir, ['commit', '-qam', 'Approve RFC-0001'], at(ana, '2026-01-03T09:00:00Z'));
    expect((await findings(dir)).list.map((f) => f.rule)).toEqual(['approval-evidence']);
    // Approving as oneself says nothing of the kind.
    const own = repo([{ files: { [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z' }]);
    const mine = await smsInProcess(['set-status', 'RFC-0001', 'approved', '--as', 'Ben Okafor <ben@acme.example>'], own, as(ben));
    expect(mine.stderr).not.toContain('approved_by names');
  });

  it('--commit outside a git repository says so, and nothing is written', async () => {
    const dir = tmp();
    writeFiles(dir, { ...BASE, 'governance/roles.md': rolesDoc(undefined, 'approved', ana.email), [R]: rfc() });
    const before = readFileSync(path.join(dir, R), 'utf8');
    const r = await smsInProcess(['set-status', 'RFC-0001', 'approved', '--commit'], dir, as(ben));
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `sms: ${dir} is not inside a git repository: --commit has nothing to commit to; nothing was written\n` +
        '     run "git init" and commit the SMS first (history is what proves an approval), or leave out --commit\n',
    );
    expect(readFileSync(path.join(dir, R), 'utf8')).toBe(before);
  });

  it('without a git identity nothing is written', async () => {
    const dir = repo([{ files: { [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z' }]);
    const before = readFileSync(path.join(dir, R), 'utf8');
    const env = testEnv();
    delete env.GIT_AUTHOR_NAME;
    delete env.GIT_AUTHOR_EMAIL;
    for (const args of [['--as', 'Ben Okafor <ben@acme.example>', '--commit'], ['--commit']]) {
      const r = await smsInProcess(['set-status', 'RFC-0001', 'approved', ...args], dir, env);
      expect(r.code).toBe(2);
      // Passing --as would not help: it is the commit that needs an identity.
      expect(r.stderr).toBe(
        'sms: no git identity to make the commit with (--as names the approver, not who commits); nothing was changed\n' +
          '     set git config user.name and user.email, or leave out --commit and commit the change yourself\n',
      );
      expect(readFileSync(path.join(dir, R), 'utf8')).toBe(before);
    }
  });
});

describe('separation of duties per the standard', () => {
  it('a document created directly in a status that needs authority (a published test report) is checked for that authority, as a warning', async () => {
    const T = 'changes/tests/TR-0001-a.md';
    const report = md(
      {
        id: 'TR-0001',
        type: 'test-report',
        title: 'Test report: upgrade mail',
        status: 'published',
        outcome: 'pass',
        change_request: 'RFC-0001',
        collected_on: '2026-01-06',
        // Cleo (PT) tests, and publishes the report herself: publishing needs CM, CUS or SUP.
        performed_by: cleo.email,
      },
      '\n## Summary\n\n## Errors and resolutions\n\n## Interpretation\n',
    );
    const dir = repo([
      { files: { [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z' },
      { files: { [R]: approved(ben.email) }, author: ben, date: '2026-01-03T09:00:00Z' },
    ]);
    const base = gitIn(dir, ['rev-parse', 'HEAD']).trim();
    addCommit(dir, { files: { [T]: report }, author: cleo, date: '2026-01-06T09:00:00Z' });
    for (const args of [['--history'], ['--base', base]]) {
      const r = await findings(dir, args);
      // A warning: whoever tested often commits the report, and a Control Manager merges it.
      expect(
        r.list.filter((f) => f.file === T).map((f) => [f.rule, f.severity]),
        args.join(' '),
      ).toEqual([['approval-evidence', 'warning']]);
      expect(r.list.find((f) => f.file === T)!.message).toMatch(
        /TR-0001 was created as "published" in commit .* by Cleo Park .* held CM or CUS or SUP/,
      );
    }
    // Published by someone who holds CM, it passes.
    const ok = repo([
      { files: { [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z' },
      { files: { [R]: approved(ben.email) }, author: ben, date: '2026-01-03T09:00:00Z' },
      { files: { [T]: report }, author: ben, date: '2026-01-06T09:00:00Z' },
    ]);
    expect((await findings(ok)).list.filter((f) => f.file === T)).toEqual([]);
  });

  it('a requester who names someone else as requester in the commit that approves still approved their own request', async () => {
    const dir = repo([
      { files: { [R]: rfc({ requested_by: ben.email }) }, author: ben, date: '2026-01-02T09:00:00Z' },
      { files: { [R]: approved(ben.email, { requested_by: cleo.email }) }, author: ben, date: '2026-01-03T09:00:00Z' },
    ]);
    const r = await findings(dir);
    expect(r.list.map((f) => [f.rule, f.docId])).toEqual([['self-approval', 'RFC-0001']]);
    expect(r.list[0]!.message).toMatch(
      /^RFC-0001 was approved by Ben Okafor, who also requested or drafted it \(commit [0-9a-f]{7} by .* on \d{4}-\d\d-\d\d\)$/,
    );
  });

  it('a change made pre-approved in the commit that approves it is not exempt from the requester check', async () => {
    const dir = repo([
      { files: { [R]: rfc({ requested_by: ben.email }) }, author: ben, date: '2026-01-02T09:00:00Z' },
      {
        files: { [R]: approved(ben.email, { requested_by: ben.email, change_type: 'pre-approved' }) },
        author: ben,
        date: '2026-01-03T09:00:00Z',
      },
    ]);
    expect((await findings(dir)).list.map((f) => f.rule)).toContain('self-approval');
  });

  it('a Control Manager named as the tester of a change is found from the record, not only from declared areas', async () => {
    const TR = 'changes/tests/TR-0001-a.md';
    const dir = repo([
      {
        files: {
          [TR]: md(
            { id: 'TR-0001', type: 'test-report', title: 'Mail test', status: 'published', outcome: 'pass', performed_by: ben.email },
            '\n## Summary\n\n## Errors and resolutions\n\n## Interpretation\n',
          ),
        },
        author: ben,
        date: '2026-01-02T09:00:00Z',
      },
    ]);
    const r = await findings(dir, []);
    expect(r.list.map((f) => [f.rule, f.file])).toEqual([['separation-of-duties', TR]]);
    expect(r.list[0]!.message).toMatch(
      /Ben Okafor is Control Manager \(CM\) and did a practitioner's work in the change area here \(performed_by\)/,
    );
  });

  it('a supplier alone cannot approve a customer agreement; the customer countersigns beside the provider', async () => {
    const SLA = 'agreements/customers/SLA-0001-a.md';
    const sla = (extra: Record<string, unknown>): string => agreementDoc({ approved_on: '2026-01-02', ...extra });
    const dir = tmp();
    gitRepo(dir, [
      {
        files: {
          ...BASE,
          'governance/roles.md': rolesDoc([
            { ...ana, roles: ['SM', 'MGT'] },
            { name: 'Sid Supplier', email: 'sid@supplier.example', roles: ['SUP'] },
          ]),
          [SLA]: sla({ approved_by: 'sid@supplier.example' }),
        },
      },
    ]);
    const r = await findings(dir, ['--no-git']);
    expect(
      r.list
        .filter((f) => f.file === SLA)
        .map((f) => f.rule)
        .sort(),
    ).toEqual(['approval-authority', 'joint-approval']);
    writeFileSync(
      path.join(dir, SLA),
      sla({
        approved_by: ana.email,
        customer_approved_by: 'Bea Baker',
        customer_approved_on: '2026-01-02',
        customer_approval_ref: 'signed PDF',
      }),
    );
    expect((await findings(dir, ['--no-git'])).list.filter((f) => f.file === SLA)).toEqual([]);
  });
});

describe('a countersignature recorded after the approval, as the hint says', () => {
  it('goes in with a re-approval (set-status updated --commit) and leaves history clean', async () => {
    const SLA = 'agreements/customers/SLA-0001-a.md';
    const sla = (extra: Record<string, unknown>): string =>
      agreementDoc({ ...(extra.status === 'draft' ? {} : { approved_by: ana.email, approved_on: '2026-01-05' }), ...extra });
    const dir = tmp();
    const roles = rolesDoc(
      [
        { ...ana, roles: ['SM', 'MGT'] },
        { name: 'Bea Baker', email: 'bea@bakery.example', roles: ['CUS'] },
      ],
      'approved',
      ana.email,
    );
    gitRepo(dir, [
      { files: { ...BASE, 'governance/roles.md': roles }, author: ana, date: '2026-01-02T09:00:00Z' },
      {
        files: { [SLA]: sla({ status: 'draft' }) },
        author: ana,
        date: '2026-01-03T09:00:00Z',
      },
      { files: { [SLA]: sla({}) }, author: ana, date: '2026-01-05T09:00:00Z' },
    ]);
    const before = await findings(dir);
    const warning = before.list.find((f) => f.rule === 'joint-approval') as (Finding & { hint?: string }) | undefined;
    expect(warning?.hint).toMatch(
      /in the commit that approves it: leave the edit uncommitted and run "sms set-status SLA-0001 updated --commit"$/,
    );
    writeFileSync(
      path.join(dir, SLA),
      sla({ customer_approved_by: 'bea@bakery.example', customer_approved_on: '2026-01-06', customer_approval_ref: 'signed PDF' }),
    );
    // Until it is committed, validate says what the edit is and the one command that takes it in.
    const pending = (await findings(dir, [])).list.filter((f) => f.rule === 'approval-rewritten') as (Finding & { hint?: string })[];
    expect(pending.map((f) => [f.message, f.hint])).toEqual([
      [
        'SLA-0001: customer_approved_by set to "bea@bakery.example", customer_approved_on set to "2026-01-06", customer_approval_ref set to "signed PDF" in uncommitted change, which does not approve it',
        'approval fields change only in the commit that approves the document: leave the edit uncommitted and run "sms set-status SLA-0001 updated --commit"',
      ],
    ]);
    const move = await smsInProcess(
      ['set-status', 'SLA-0001', 'updated', '--commit'],
      dir,
      testEnv({ ...as(ana), SMS_TODAY: '2026-01-06' }),
    );
    expect(move.code, move.stderr).toBe(0);
    const after = await findings(dir);
    expect(after.list.filter((f) => f.file === SLA)).toEqual([]);
    // The same from "updated": a re-approval whose news is the signature alone is still one.
    const again = tmp();
    gitRepo(again, [
      { files: { ...BASE, 'governance/roles.md': roles }, author: ana, date: '2026-01-02T09:00:00Z' },
      { files: { [SLA]: sla({ status: 'draft' }) }, author: ana, date: '2026-01-03T09:00:00Z' },
      { files: { [SLA]: sla({}) }, author: ana, date: '2026-01-05T09:00:00Z' },
      { files: { [SLA]: sla({ status: 'updated', title: 'Gold plus' }) }, author: ana, date: '2026-01-06T09:00:00Z' },
    ]);
    writeFileSync(
      path.join(again, SLA),
      sla({
        status: 'updated',
        title: 'Gold plus',
        customer_approved_by: 'bea@bakery.example',
        customer_approved_on: '2026-01-07',
        customer_approval_ref: 'signed PDF',
      }),
    );
    const signed = await smsInProcess(
      ['set-status', 'SLA-0001', 'updated', '--commit'],
      again,
      testEnv({ ...as(ana), SMS_TODAY: '2026-01-07' }),
    );
    expect(signed.code, signed.stderr).toBe(0);
    expect((await findings(again)).list.filter((f) => f.file === SLA)).toEqual([]);
  });
});

describe('a finding of history recorded as a nonconformity', () => {
  const N = 'nonconformities/NC-0001-edit.md';
  const nc = (status: string, commits: string[], extra: Record<string, unknown> = {}): string =>
    md(
      {
        id: 'NC-0001',
        type: 'nonconformity',
        title: 'Approved change edited without re-approval',
        status,
        source: 'validation',
        detected_on: '2026-01-05',
        owner: ana.email,
        commits,
        ...extra,
      },
      '\n## Nonconformity\n\nx\n\n## Correction\n\nx\n\n## Root cause\n\nx\n\n## Corrective action\n\nx\n',
    );

  it('stays an error until SM or MGT verifies the nonconformity naming its commit; then it is a warning that names it', async () => {
    const dir = repo([
      { files: { [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z' },
      { files: { [R]: approved(ben.email) }, author: ben, date: '2026-01-03T09:00:00Z' },
      // Pushed by mistake: an edit of the approved change, not re-approved.
      { files: { [R]: approved(ben.email, { title: 'Upgrade mail and calendars' }) }, author: cleo, date: '2026-01-04T09:00:00Z' },
    ]);
    const edit = gitIn(dir, ['rev-parse', 'HEAD']).trim();
    let r = await findings(dir);
    expect(r.list.map((f) => [f.rule, f.severity, f.commit])).toEqual([['modified-after-approval', 'error', edit]]);
    expect(r.code).toBe(1);
    // Named by a few characters, which a commit made to match them could share: not taken.
    writeFiles(dir, { [N]: nc('open', [edit.slice(0, 7)]) });
    expect((await findings(dir)).list.map((f) => `${f.rule} ${f.docId} ${f.severity}`)).toEqual([
      'modified-after-approval RFC-0001 error',
      'schema NC-0001 error',
    ]);
    addCommit(dir, { files: { [N]: nc('open', [edit]) }, author: ana, date: '2026-01-05T09:00:00Z' });
    r = await findings(dir);
    expect(r.list.map((f) => [f.rule, f.severity])).toEqual([['modified-after-approval', 'error']]);
    expect(r.list[0]!.hint).toBe('recorded as NC-0001 (open, as committed): once it is verified in a commit, this is a warning');
    addCommit(dir, { files: { [N]: nc('closed', [edit]) }, author: ana, date: '2026-01-06T09:00:00Z' });
    // A practitioner cannot verify it: the verification is no SM's or MGT's, and the finding stays an error.
    const forged = tmp();
    cpSync(dir, forged, { recursive: true });
    addCommit(forged, {
      files: { [N]: nc('verified', [edit], { approved_by: cleo.email, approved_on: '2026-01-07' }) },
      author: cleo,
      date: '2026-01-07T09:00:00Z',
    });
    const f = await findings(forged);
    expect(
      f.list
        .filter((x) => x.severity === 'error')
        .map((x) => `${x.rule} ${x.docId}`)
        .sort(),
    ).toEqual(['approval-authority NC-0001', 'approval-evidence NC-0001', 'modified-after-approval RFC-0001']);
    expect(f.code).toBe(1);
    expect(f.list.find((x) => x.docId === 'RFC-0001')!.hint).toBe(
      'recorded as NC-0001, whose verified status does not hold: see its own findings',
    );
    // Reporting on the change request alone, the nonconformity's own findings still decide.
    const only = await findings(forged, ['--history', R]);
    expect(only.list.map((x) => `${x.rule} ${x.severity}`)).toEqual(['modified-after-approval error']);
    expect(only.code).toBe(1);
    // Verified in the working tree only: CI reads commits, so nothing is recorded yet.
    writeFiles(dir, { [N]: nc('verified', [edit], { approved_by: ana.email, approved_on: '2026-01-07' }) });
    const uncommitted = await findings(dir);
    expect(uncommitted.list.filter((x) => x.docId === 'RFC-0001').map((x) => x.severity)).toEqual(['error']);
    expect(uncommitted.code).toBe(1);
    // Verified by the Service Manager: the finding is a warning, and says where it is recorded.
    addCommit(dir, {
      files: { [N]: nc('verified', [edit], { approved_by: ana.email, approved_on: '2026-01-07' }) },
      author: ana,
      date: '2026-01-07T09:00:00Z',
    });
    r = await findings(dir);
    expect(r.list.map((x) => [x.rule, x.severity])).toEqual([['modified-after-approval', 'warning']]);
    expect(r.list[0]!.message).toMatch(/ \(recorded as NC-0001, verified\)$/);
    expect(r.code).toBe(0);
    // Another commit's finding is not covered by it.
    addCommit(dir, {
      files: { [R]: approved(ben.email, { title: 'Upgrade mail, calendars and contacts' }) },
      author: cleo,
      date: '2026-01-08T09:00:00Z',
    });
    r = await findings(dir);
    expect(r.list.map((x) => `${x.rule} ${x.severity}`).sort()).toEqual([
      'modified-after-approval error',
      'modified-after-approval warning',
    ]);
    const second = gitIn(dir, ['rev-parse', 'HEAD']).trim();
    expect(r.list.find((x) => x.severity === 'error')!.commit).toBe(second);
    // Adding it to the verified nonconformity by an edit, then renumbering the nonconformity so that
    // its edit's finding lies at the old path and ID: nothing is recorded by it any more.
    addCommit(dir, {
      files: { [N]: nc('verified', [edit, second], { approved_by: ana.email, approved_on: '2026-01-07' }) },
      author: cleo,
      date: '2026-01-09T09:00:00Z',
    });
    const moved = 'nonconformities/NC-0009-edit.md';
    addCommit(dir, {
      files: { [N]: null, [moved]: nc('verified', [edit, second], { id: 'NC-0009', approved_by: ana.email, approved_on: '2026-01-07' }) },
      author: cleo,
      date: '2026-01-09T10:00:00Z',
    });
    r = await findings(dir);
    expect(r.list.filter((x) => x.docId === 'RFC-0001').map((x) => x.severity)).toEqual(['error', 'error']);
    expect(r.code).toBe(1);
  });
});

describe('set-status says what validate would warn of once the move is made', () => {
  it("an agreement approved without the other party's signatory: joint-approval warns, as sms validate does after it", async () => {
    const SLA = 'agreements/customers/SLA-0001-a.md';
    const roles = rolesDoc([{ ...ana, roles: ['SM', 'MGT'] }], 'approved', ana.email);
    const dir = tmp();
    gitRepo(dir, [
      { files: { ...BASE, 'governance/roles.md': roles }, author: ana, date: '2026-01-02T09:00:00Z' },
      { files: { [SLA]: agreementDoc({ status: 'draft' }) }, author: ana, date: '2026-01-03T09:00:00Z' },
    ]);
    const r = await smsInProcess(['set-status', 'SLA-0001', 'approved'], dir, testEnv({ ...as(ana), SMS_TODAY: '2026-01-05' }));
    expect(r.code, r.stderr).toBe(0);
    const said = 'SLA-0001 is approved without the other party\'s signatory: "customer_approved_by" is missing (rule joint-approval)';
    expect(r.stderr).toContain(`sms: warning: ${said}`);
    const v = await findings(dir, ['--no-git']);
    expect(v.list.filter((f) => f.rule === 'joint-approval').map((f) => `${f.message} (rule ${f.rule})`)).toEqual([said]);
  });
});

describe("the other party's signatory speaks for that party", () => {
  it('a contact of "Alpha" signs for "Alpha GmbH"; one of "Beta" does not, nor one of "Alpha" or "Alpha AG" once an agreement names "Alpha AG" too', async () => {
    const SLA = 'agreements/customers/SLA-0001-a.md';
    const contacts = [
      { name: 'Alice Alpha', email: 'alice@alpha.example', organisation: 'Alpha' },
      { name: 'Bob Beta', email: 'bob@beta.example', organisation: 'Beta' },
      { name: 'Aga Alpha', email: 'aga@alpha-ag.example', organisation: 'Alpha AG' },
    ];
    const roles = contacts.reduce(
      (text, c) => text.replace(`    email: ${c.email}\n    roles: [CUS]`, `$&\n    organisation: ${c.organisation}`),
      rolesDoc([{ ...ana, roles: ['SM', 'MGT'] }, ...contacts.map((c) => ({ ...c, roles: ['CUS'] }))], 'approved', ana.email),
    );
    const signedBy = (who: string, status = 'draft'): string =>
      agreementDoc({
        status,
        ...(status === 'approved' ? { approved_by: ana.email, approved_on: '2026-01-05' } : {}),
        customer: 'Alpha GmbH',
        customer_approved_by: who,
        customer_approved_on: '2026-01-04',
        customer_approval_ref: 'signed PDF',
      });
    const namesake = agreementDoc({
      id: 'SLA-0002',
      customer: 'Alpha AG',
      approved_by: ana.email,
      approved_on: '2026-01-03',
      customer_approved_by: 'aga@alpha-ag.example',
      customer_approved_on: '2026-01-03',
      customer_approval_ref: 'signed PDF',
    });
    /**
     * set-status approving SLA-0001 signed by `who`, with joint-approval an error: its exit code,
     * what it said and the status it left; and what validate says of SLA-0001 approved with that signatory.
     */
    const approve = async (who: string, more: Record<string, string> = {}) => {
      const dir = tmp();
      gitRepo(dir, [
        {
          files: { ...BASE, 'sms.config.yaml': `${CONFIG}rules:\n  joint-approval: error\n`, 'governance/roles.md': roles, ...more },
          author: ana,
          date: '2026-01-02T09:00:00Z',
        },
        { files: { [SLA]: signedBy(who) }, author: ana, date: '2026-01-03T09:00:00Z' },
      ]);
      const r = await smsInProcess(['set-status', 'SLA-0001', 'approved'], dir, testEnv({ ...as(ana), SMS_TODAY: '2026-01-05' }));
      const status = /^status: "?(\w+)"?$/m.exec(readFileSync(path.join(dir, SLA), 'utf8'))?.[1];
      writeFileSync(path.join(dir, SLA), signedBy(who, 'approved'));
      const joint = (await findings(dir, ['--no-git'])).list.filter((f) => f.rule === 'joint-approval').map((f) => f.message);
      return { code: r.code, stderr: r.stderr, status, joint };
    };
    // The roles document names the contact's organisation without its legal form: the same party.
    expect(await approve('alice@alpha.example')).toMatchObject({ code: 0, joint: [], status: 'approved' });
    const refused = (who: string, of: string) => ({
      code: 2,
      stderr: expect.stringContaining(`${who} signed for the other party but speaks for ${of}, not Alpha GmbH (rule joint-approval)`),
      joint: [`${who} signed for the other party but speaks for ${of}, not Alpha GmbH`],
      status: 'draft',
    });
    expect(await approve('bob@beta.example')).toMatchObject(refused('Bob Beta', 'Beta'));
    // Two customers told apart by their legal form alone: "Alpha" could be either of them.
    const both = { 'agreements/customers/SLA-0002-b.md': namesake };
    expect(await approve('alice@alpha.example', both)).toMatchObject(refused('Alice Alpha', 'Alpha'));
    expect(await approve('aga@alpha-ag.example', both)).toMatchObject(refused('Aga Alpha', 'Alpha AG'));
  });
});

describe('changed terms need a new countersignature', () => {
  it("an agreement re-approved with looser targets and the customer's signature of the version before is reported; a new signature, or a change of no term, is not", async () => {
    const SLA = 'agreements/customers/SLA-0001-a.md';
    const signed = { customer_approved_by: 'bea@bakery.example', customer_approved_on: '2026-01-04', customer_approval_ref: 'signed PDF' };
    const eight = { P2: { response_hours: 1, resolution_hours: 8 } };
    const sla = (extra: Record<string, unknown>): string =>
      agreementDoc({ approved_by: ana.email, approved_on: '2026-01-05', targets: eight, ...signed, ...extra });
    const roles = rolesDoc(
      [
        { ...ana, roles: ['SM', 'MGT'] },
        { name: 'Bea Baker', email: 'bea@bakery.example', roles: ['CUS'] },
      ],
      'approved',
      ana.email,
    );
    const revised = (extra: Record<string, unknown>) => {
      const dir = tmp();
      gitRepo(dir, [
        { files: { ...BASE, 'governance/roles.md': roles }, author: ana, date: '2026-01-02T09:00:00Z' },
        { files: { [SLA]: sla({}) }, author: ana, date: '2026-01-05T09:00:00Z' },
        { files: { [SLA]: sla({ status: 'updated', approved_on: '2026-11-28', ...extra }) }, author: ana, date: '2026-11-28T09:00:00Z' },
      ]);
      return dir;
    };
    const jointFindings = async (dir: string, args = ['--history']) =>
      (await findings(dir, args)).list.filter((f) => f.rule === 'joint-approval').map((f) => f.message);
    const looser = { P2: { response_hours: 1, resolution_hours: 24 } };
    const dir = revised({ targets: looser });
    expect(await jointFindings(dir)).toEqual([
      expect.stringMatching(
        /^SLA-0001 was approved with changed terms \(targets\) in commit [0-9a-f]{7} by Ana Costa <ana@acme.example> on 2026-11-28, but the Customer \(CUS\)'s signature it records \(customer_approved_on 2026-01-04\) is not a new one, and no later version of those terms records a new one: no one signed them for the other party$/,
      ),
    ]);
    // A pull request that makes the change is judged the same way.
    expect(await jointFindings(dir, ['--base', 'HEAD~1'])).toHaveLength(1);
    expect(await jointFindings(revised({ targets: looser, customer_approved_on: '2026-11-27' }))).toEqual([]);
    expect(await jointFindings(revised({ review: '2027-06-01' }))).toEqual([]);
    // The same terms written in another order (a formatter's, a tidy-up) changed nothing.
    expect(await jointFindings(revised({ review: '2027-06-01', targets: { P2: { resolution_hours: 8, response_hours: 1 } } }))).toEqual([]);
    // set-status says so before it records such an approval, and refuses it where the rule is an error.
    for (const level of ['warning', 'error']) {
      const pending = tmp();
      gitRepo(pending, [
        { files: { ...BASE, 'governance/roles.md': roles }, author: ana, date: '2026-01-02T09:00:00Z' },
        { files: { [SLA]: sla({}) }, author: ana, date: '2026-01-05T09:00:00Z' },
      ]);
      if (level === 'error') writeFileSync(path.join(pending, 'sms.config.yaml'), `${CONFIG}rules:\n  joint-approval: error\n`);
      writeFileSync(path.join(pending, SLA), sla({ targets: looser }));
      const before = readFileSync(path.join(pending, SLA), 'utf8');
      const r = await smsInProcess(['set-status', 'SLA-0001', 'updated'], pending, testEnv({ ...as(ana), SMS_TODAY: '2026-11-28' }));
      const said =
        'SLA-0001 would be put in force with changed terms (targets) that the other party has not signed: the signature it records is one an earlier version recorded with other terms';
      expect(r.stderr, level).toContain(said);
      expect(r.code, level).toBe(level === 'error' ? 2 : 0);
      if (level === 'error') expect(readFileSync(path.join(pending, SLA), 'utf8')).toBe(before);
    }
    // The customer's old signature taken off with the change and put back in the next re-approval,
    // or written another way (the address in capitals, a space after the reference), or dated back
    // before the signature already recorded, signs nothing new.
    for (const [label, back] of [
      ['put back', signed],
      ['capitals', { ...signed, customer_approved_by: 'Bea@Bakery.example' }],
      ['a space', { ...signed, customer_approval_ref: 'signed PDF ' }],
      ['by name', { ...signed, customer_approved_by: 'Bea Baker' }],
      ['by name, in lower case', { ...signed, customer_approved_by: 'bea  baker' }],
      [
        'an invisible character',
        { ...signed, customer_approved_by: 'bea@bakery\u200b.example', customer_approval_ref: 'signed\u00ad PDF.' },
      ],
      ['dated back', { ...signed, customer_approved_on: '2025-03-24', customer_approval_ref: 'amendment' }],
    ] as const) {
      const off = tmp();
      const unsignedSla = sla({ status: 'updated', approved_on: '2026-11-27', targets: looser });
      gitRepo(off, [
        { files: { ...BASE, 'governance/roles.md': roles }, author: ana, date: '2026-01-02T09:00:00Z' },
        { files: { [SLA]: sla({}) }, author: ana, date: '2026-01-05T09:00:00Z' },
        {
          files: { [SLA]: unsignedSla.replace(/^customer_approv.*\n/gm, '') },
          author: ana,
          date: '2026-11-27T09:00:00Z',
        },
        {
          files: { [SLA]: sla({ status: 'updated', approved_on: '2026-11-28', targets: looser, ...back }) },
          author: ana,
          date: '2026-11-28T09:00:00Z',
        },
      ]);
      // The approval without a signature, then the one whose signature is not new: each put unsigned terms in force.
      const found = await jointFindings(off);
      expect(found, label).toHaveLength(2);
      expect(found, label).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/ on 2026-11-27, but without the Customer \(CUS\)'s signature, and no later version/),
          expect.stringMatching(
            / on 2026-11-28, but the Customer \(CUS\)'s signature it records \(customer_approved_on \d{4}-\d\d-\d\d\) is not a new one/,
          ),
        ]),
      );
      expect(await jointFindings(off, ['--base', 'HEAD~2']), label).toHaveLength(2);
    }
    // A signing date once mistyped far ahead (2036) and put right: an honest new signature after it still counts.
    const typo = tmp();
    gitRepo(typo, [
      { files: { ...BASE, 'governance/roles.md': roles }, author: ana, date: '2026-01-02T09:00:00Z' },
      { files: { [SLA]: sla({}) }, author: ana, date: '2026-01-05T09:00:00Z' },
      {
        files: { [SLA]: sla({ status: 'updated', approved_on: '2026-02-01', customer_approved_on: '2036-01-04' }) },
        author: ana,
        date: '2026-02-01T09:00:00Z',
      },
      { files: { [SLA]: sla({ status: 'updated', approved_on: '2026-02-02' }) }, author: ana, date: '2026-02-02T09:00:00Z' },
      {
        files: {
          [SLA]: sla({
            status: 'updated',
            approved_on: '2026-11-28',
            targets: looser,
            customer_approved_on: '2026-11-28',
            customer_approval_ref: 'amendment 2',
          }),
        },
        author: ana,
        date: '2026-11-28T09:00:00Z',
      },
    ]);
    expect(await jointFindings(typo)).toEqual([]);
    // The customer signs the next day, in a re-approval of the same terms: the change is signed.
    addCommit(dir, {
      files: { [SLA]: sla({ status: 'updated', approved_on: '2026-11-29', targets: looser, customer_approved_on: '2026-11-29' }) },
      author: ana,
      date: '2026-11-29T09:00:00Z',
    });
    expect(await jointFindings(dir)).toEqual([]);
  });
});

describe('set-status refuses what validate --history would reject', () => {
  const draftRoles = (): string => {
    const dir = tmp();
    gitRepo(dir, [{ files: { ...BASE, 'governance/roles.md': rolesDoc(), [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z' }]);
    return dir;
  };

  it('an approval while no roles document has been approved is refused, with or without --commit; after the roles, it goes through', async () => {
    const dir = draftRoles();
    const before = readFileSync(path.join(dir, R), 'utf8');
    const head = gitIn(dir, ['rev-parse', 'HEAD']);
    for (const args of [['--commit'], []]) {
      const r = await smsInProcess(['set-status', 'RFC-0001', 'approved', ...args], dir, as(ben));
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(
        /^sms: RFC-0001 cannot be moved to "approved" yet: no roles document has been approved in this repository's history/,
      );
      expect(r.stderr).toMatch(/approve the roles document first: sms set-status ROLES approved --commit/);
      expect(r.stdout).toBe('');
      expect(readFileSync(path.join(dir, R), 'utf8')).toBe(before);
      expect(gitIn(dir, ['rev-parse', 'HEAD'])).toBe(head);
    }
    // Roles approved in the working tree but not committed are not in force either.
    expect((await smsInProcess(['set-status', 'ROLES', 'approved'], dir, as(ana))).code).toBe(0);
    const early = await smsInProcess(['set-status', 'RFC-0001', 'approved'], dir, as(ben));
    expect(early.code).toBe(2);
    expect(early.stderr).toMatch(/no roles document has been approved/);
    gitIn(dir, ['checkout', '--', 'governance/roles.md']);
    expect((await smsInProcess(['set-status', 'ROLES', 'approved', '--commit'], dir, as(ana))).code).toBe(0);
    const ok = await smsInProcess(['set-status', 'RFC-0001', 'approved', '--commit'], dir, as(ben));
    expect(ok.code, ok.stderr).toBe(0);
    expect((await findings(dir)).list).toEqual([]);
  });

  it('a role someone grants themselves in a roles document kept "updated" never comes into force, committed directly or merged', async () => {
    // The roles are revised and approved by Ana ("updated"); Cleo (IM, PT) then adds CM to her own
    // entry, leaving the status as it is, and Ben requests a change.
    const grantsItself = (merged: boolean): string => {
      const dir = repo([
        { files: { 'governance/roles.md': rolesWith(['CM'], ['IM', 'PT'], 'updated') }, author: ana, date: '2026-01-02T09:00:00Z' },
        { files: { [R]: rfc({ requested_by: ben.email }) }, author: ben, date: '2026-01-03T09:00:00Z' },
      ]);
      if (merged) gitIn(dir, ['checkout', '-q', '-b', 'side']);
      addCommit(dir, {
        files: { 'governance/roles.md': rolesWith(['CM'], ['IM', 'PT', 'CM'], 'updated') },
        author: cleo,
        date: '2026-01-04T09:00:00Z',
      });
      if (merged) {
        gitIn(dir, ['checkout', '-q', 'main']);
        addCommit(dir, {
          files: { 'catalogue/SVC-0001-service-desk.md': SERVICE.replace('Service desk', 'Desk') },
          author: ana,
          date: '2026-01-04T10:00:00Z',
        });
        gitIn(dir, ['merge', '-q', '--no-ff', '-m', 'Merge side', 'side'], {
          ...as(ana),
          GIT_AUTHOR_DATE: '2026-01-04T11:00:00Z',
          GIT_COMMITTER_DATE: '2026-01-04T11:00:00Z',
        });
      }
      return dir;
    };
    for (const merged of [false, true]) {
      const dir = grantsItself(merged);
      // The roles commit is reported; the CM it lists is not in force, so Cleo cannot approve.
      const before = readFileSync(path.join(dir, R), 'utf8');
      const refused = await smsInProcess(['set-status', 'RFC-0001', 'approved', '--commit'], dir, as(cleo));
      expect(refused.code, `merged: ${merged}`).toBe(2);
      expect(refused.stderr).toMatch(/Cleo Park .*IM, PT/);
      expect(readFileSync(path.join(dir, R), 'utf8')).toBe(before);
      // Committed anyway, the approval is reported as no CM's.
      addCommit(dir, { files: { [R]: approved(cleo.email) }, author: cleo, date: '2026-01-05T09:00:00Z' });
      const r = await findings(dir);
      expect(r.list.filter((f) => f.rule === 'approval-evidence').map((f) => [f.docId, /Cleo Park held IM, PT\b/.test(f.message)])).toEqual(
        [
          ['RFC-0001', true],
          ['ROLES', true],
        ],
      );
      expect(r.list.find((f) => f.docId === 'ROLES')!.message).toMatch(
        /^ROLES was edited while "updated", which approves it again, in commit [0-9a-f]{7} by Cleo Park/,
      );
      // Once Ana approves the revision, it is in force: Cleo's next approval stands.
      addCommit(dir, {
        files: { 'governance/roles.md': rolesWith(['CM'], ['IM', 'PT', 'CM'], 'updated').replace('Roles', 'Roles of Acme') },
        author: ana,
        date: '2026-01-06T09:00:00Z',
      });
      addCommit(dir, { files: { [B2]: rfc({ id: 'RFC-0002', requested_by: ben.email }) }, author: ben, date: '2026-01-07T09:00:00Z' });
      addCommit(dir, {
        files: { [B2]: approved(cleo.email, { id: 'RFC-0002', requested_by: ben.email }) },
        author: cleo,
        date: '2026-01-08T09:00:00Z',
      });
      expect((await findings(dir)).list.filter((f) => f.rule === 'approval-evidence').map((f) => f.docId)).toEqual(['RFC-0001', 'ROLES']);
    }
  });

  it('a clean merge whose result is a roles version revoked since brings nothing back into force', async () => {
    const trained = (t: string): string =>
      t.replace('## Training and development\n', '## Training and development\n\nCleo: change advisory course.\n');
    const base = rolesWith(['CM'], ['PT'], 'updated');
    const v1 = trained(rolesWith(['CM'], ['PT', 'CM'], 'updated'));
    const dir = repo([
      { files: { 'governance/roles.md': base }, author: ana, date: '2026-01-02T09:00:00Z' },
      // Ana makes Cleo CM, then takes it back.
      { files: { 'governance/roles.md': v1 }, author: ana, date: '2026-01-03T09:00:00Z' },
      { files: { 'governance/roles.md': base }, author: ana, date: '2026-01-04T09:00:00Z' },
      { files: { [R]: rfc({ requested_by: ben.email }) }, author: ben, date: '2026-01-04T10:00:00Z' },
    ]);
    gitIn(dir, ['branch', 'side']);
    // On main Ana adds the training line again; on the branch Cleo makes herself CM once more.
    addCommit(dir, { files: { 'governance/roles.md': trained(base) }, author: ana, date: '2026-01-05T09:00:00Z' });
    gitIn(dir, ['checkout', '-q', 'side']);
    addCommit(dir, {
      files: { 'governance/roles.md': rolesWith(['CM'], ['PT', 'CM'], 'updated') },
      author: cleo,
      date: '2026-01-05T10:00:00Z',
    });
    gitIn(dir, ['checkout', '-q', 'main']);
    gitIn(dir, ['merge', '-q', '--no-edit', 'side'], {
      ...as(cleo),
      GIT_AUTHOR_DATE: '2026-01-06T09:00:00Z',
      GIT_COMMITTER_DATE: '2026-01-06T09:00:00Z',
    });
    // The merge gives exactly the version Ana once approved and then revoked.
    expect(readFileSync(path.join(dir, 'governance/roles.md'), 'utf8')).toBe(v1);
    const refused = await smsInProcess(['set-status', 'RFC-0001', 'approved', '--commit'], dir, as(cleo));
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/Cleo Park .*PT/);
    addCommit(dir, { files: { [R]: approved(cleo.email, { requested_by: ben.email }) }, author: cleo, date: '2026-01-07T09:00:00Z' });
    expect((await findings(dir)).list.filter((f) => f.rule === 'approval-evidence').map((f) => f.docId)).toEqual(['RFC-0001', 'ROLES']);
  });

  it('with history.roles_bootstrap: false the first approval of the roles document is refused for the reason history gives', async () => {
    const dir = tmp();
    gitRepo(dir, [
      {
        files: { ...BASE, 'sms.config.yaml': `${CONFIG}history:\n  roles_bootstrap: false\n`, 'governance/roles.md': rolesDoc() },
        author: ana,
        date: '2026-01-02T09:00:00Z',
      },
    ]);
    const before = readFileSync(path.join(dir, 'governance/roles.md'), 'utf8');
    const head = gitIn(dir, ['rev-parse', 'HEAD']);
    const r = await smsInProcess(['set-status', 'ROLES', 'approved', '--commit'], dir, as(ana));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^sms: ROLES cannot be moved to "approved": no roles document had been approved yet, .* history\.roles_bootstrap: false does not let/,
    );
    expect(r.stderr).not.toMatch(/signed|trusted/);
    expect(r.stderr).toMatch(/set history\.roles_bootstrap: true \(the default\)/);
    expect(readFileSync(path.join(dir, 'governance/roles.md'), 'utf8')).toBe(before);
    expect(gitIn(dir, ['rev-parse', 'HEAD'])).toBe(head);
    // Committed by hand, history gives that reason.
    addCommit(dir, {
      files: { 'governance/roles.md': rolesDoc(undefined, 'approved', ana.email) },
      author: ana,
      date: '2026-01-03T09:00:00Z',
    });
    const f = (await findings(dir)).list.filter((x) => x.rule === 'approval-evidence');
    expect(f.map((x) => x.message)).toEqual([expect.stringMatching(/\(no approval of the roles document had come into force yet\)/)]);
  });

  it('an approver who holds the role only in a roles change not yet approved is refused', async () => {
    const dir = repo([{ files: { [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z' }]);
    writeFileSync(path.join(dir, 'governance/roles.md'), rolesWith(['CM'], ['IM', 'PT', 'CM'], 'draft'));
    const r = await smsInProcess(['set-status', 'RFC-0001', 'approved', '--commit'], dir, as(cleo));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^sms: Cleo Park holds IM, PT; moving a change-request to "approved" needs CM, SM, in the roles document in force \(its last approved version in the history\)/,
    );
  });

  it('a document not committed yet cannot be committed straight into an approved status', async () => {
    const dir = tmp();
    writeFiles(dir, { ...BASE, 'governance/roles.md': rolesDoc() });
    gitIn(dir, ['init', '-q', '-b', 'main']);
    const r = await smsInProcess(['set-status', 'ROLES', 'approved', '--commit'], dir, as(ana));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^sms: ROLES is not in any commit yet, and history requires a new document to start as "draft"/);
    expect(r.stderr).toMatch(/commit governance\/roles\.md as it is first/);
    expect(readFileSync(path.join(dir, 'governance/roles.md'), 'utf8')).toBe(rolesDoc());
    expect(gitIn(dir, ['status', '--porcelain'])).toMatch(/^\?\? /);
    addCommit(dir, { files: {}, author: ana, date: '2026-01-02T09:00:00Z' });
    const ok = await smsInProcess(['set-status', 'ROLES', 'approved', '--commit'], dir, as(ana));
    expect(ok.code, ok.stderr).toBe(0);
    expect((await findings(dir)).list).toEqual([]);
  });

  it('--as with --commit is refused where history would not count the trailer; a trusted committer may use it', async () => {
    const dir = repo([{ files: { [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z' }]);
    const before = readFileSync(path.join(dir, R), 'utf8');
    const head = gitIn(dir, ['rev-parse', 'HEAD']);
    const r = await smsInProcess(['set-status', 'RFC-0001', 'approved', '--as', 'Ben Okafor <ben@acme.example>', '--commit'], dir, as(ana));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^sms: --as names Ben Okafor <ben@acme.example>, but the commit would be made by Ana Costa <ana@acme.example>: history counts who made an approving commit/,
    );
    expect(r.stderr).toMatch(/have Ben Okafor <ben@acme.example> run the command, or leave out --commit/);
    expect(readFileSync(path.join(dir, R), 'utf8')).toBe(before);
    expect(gitIn(dir, ['rev-parse', 'HEAD'])).toBe(head);

    const trusted = repo(
      [{ files: { [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z' }],
      `${CONFIG}history:\n  trusted_committers: [ana@acme.example]\n`,
    );
    const t = await smsInProcess(
      ['set-status', 'RFC-0001', 'approved', '--as', 'Ben Okafor <ben@acme.example>', '--commit'],
      trusted,
      as(ana),
    );
    expect(t.code, t.stderr).toBe(0);
    expect((await findings(trusted)).list).toEqual([]);
  });

  /**
   * A repository judged by `attribution: [trailer]`, whose roles approval counts under it: its
   * Approved-by trailer names Ana, who committed it and is a trusted committer. Cleo requested RFC-0001.
   */
  const trailerOnly = (): string => {
    const dir = tmp();
    const [draft, approval] = rolesCommits();
    gitRepo(dir, [
      draft!,
      { ...approval!, message: 'Roles: approved\n\nApproved-by: Ana Costa <ana@acme.example>' },
      {
        files: { ...BASE, 'sms.config.yaml': `${CONFIG}history:\n  attribution: [trailer]\n  trusted_committers: [ana@acme.example]\n` },
        date: '2026-01-01T09:00:00Z',
      },
      { files: { [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z' },
    ]);
    return dir;
  };

  it('a commit the history settings would not count (attribution: trailer only) is refused', async () => {
    const dir = trailerOnly();
    const r = await smsInProcess(['set-status', 'RFC-0001', 'approved', '--commit'], dir, as(ben));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^sms: a commit by Ben Okafor <ben@acme.example> would not count as evidence of this decision under the history: settings \(attribution: trailer\)/,
    );
    // Made by hand, validate --history reports it.
    addCommit(dir, { files: { [R]: approved(ben.email) }, author: ben, date: '2026-01-03T09:00:00Z' });
    expect((await findings(dir)).list.map((f) => f.rule)).toContain('approval-evidence');
    // Where the roles approval itself does not count under these settings, no roles are in force: set-status says so.
    const unproven = repo(
      [{ files: { [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z' }],
      `${CONFIG}history:\n  attribution: [trailer]\n`,
    );
    const u = await smsInProcess(['set-status', 'RFC-0001', 'approved', '--commit'], unproven, as(ben));
    expect(u.code).toBe(2);
    expect(u.stderr).toMatch(
      /^sms: RFC-0001 cannot be moved to "approved" yet: the roles document was approved in this repository's history, but by commits that do not count as evidence under its history settings/,
    );
    expect((await findings(unproven)).list.map((f) => [f.rule, f.docId])).toEqual([['approval-evidence', 'ROLES']]);
  });

  it('an uncommitted edit of sms.config.yaml does not loosen how the commit is judged: the settings committed in HEAD, or the stricter', async () => {
    const cfg = (dir: string, text: string): void => writeFileSync(path.join(dir, 'sms.config.yaml'), text);
    const unchanged = (dir: string, before: string, head: string): void => {
      expect(readFileSync(path.join(dir, R), 'utf8')).toBe(before);
      expect(gitIn(dir, ['rev-parse', 'HEAD'])).toBe(head);
    };
    // A committer trusted only in the working tree: CI, reading the committed file, would not count the trailer.
    const dir = repo([{ files: { [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z' }]);
    const before = readFileSync(path.join(dir, R), 'utf8');
    const head = gitIn(dir, ['rev-parse', 'HEAD']);
    cfg(dir, `${CONFIG}history:\n  trusted_committers: [ana@acme.example]\n`);
    const r = await smsInProcess(['set-status', 'RFC-0001', 'approved', '--as', 'Ben Okafor <ben@acme.example>', '--commit'], dir, as(ana));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^sms: --as names Ben Okafor <ben@acme.example>, but the commit would be made by Ana Costa <ana@acme.example>/,
    );
    unchanged(dir, before, head);

    // attribution: [trailer] committed; put back to the default, or the rule switched off, only in the working tree.
    const strict = trailerOnly();
    const sBefore = readFileSync(path.join(strict, R), 'utf8');
    const sHead = gitIn(strict, ['rev-parse', 'HEAD']);
    const trust = '  trusted_committers: [ana@acme.example]\n';
    for (const loose of [
      `${CONFIG}history:\n${trust}`,
      `${CONFIG}history:\n  attribution: [trailer]\n${trust}rules:\n  approval-evidence: off\n`,
    ]) {
      cfg(strict, loose);
      const s = await smsInProcess(['set-status', 'RFC-0001', 'approved', '--commit'], strict, as(ben));
      expect(s.code).toBe(2);
      expect(s.stderr).toMatch(
        /^sms: a commit by Ben Okafor <ben@acme.example> would not count as evidence of this decision .*\(attribution: trailer\)/,
      );
      unchanged(strict, sBefore, sHead);
    }
    // Stricter in the working tree than in HEAD: the stricter judges (it will, once committed).
    const loose = repo([{ files: { [R]: rfc() }, author: cleo, date: '2026-01-02T09:00:00Z' }]);
    cfg(loose, `${CONFIG}history:\n  attribution: [trailer]\n`);
    expect((await smsInProcess(['set-status', 'RFC-0001', 'approved', '--commit'], loose, as(ben))).code).toBe(2);

    // Made by hand with the uncommitted trust, validate --history (reading the committed file) reports it.
    cfg(dir, CONFIG);
    writeFileSync(path.join(dir, R), approved(ben.email));
    gitIn(dir, ['add', '--', R], as(ana));
    gitIn(dir, ['commit', '-q', '-m', 'Approve RFC-0001\n\nApproved-by: Ben Okafor <ben@acme.example>'], {
      ...as(ana),
      GIT_AUTHOR_DATE: '2026-01-03T09:00:00Z',
      GIT_COMMITTER_DATE: '2026-01-03T09:00:00Z',
    });
    expect((await findings(dir)).list.filter((f) => f.severity === 'error').map((f) => f.rule)).toEqual(['approval-evidence']);
  });

  it("following the generated README's order, every approval passes validate --history", async () => {
    const parent = tmp();
    const dir = path.join(parent, 'acme');
    const env = testEnv();
    const init = await smsInProcess(
      ['init', dir, '--yes', '--org', 'Acme IT', '--manager', 'Ana Costa <ana@acme.example>', '--cli-spec', 'x@1.0.0', '--no-install'],
      parent,
      env,
    );
    expect(init.code, init.stderr).toBe(0);
    const readme = readFileSync(path.join(dir, 'README.md'), 'utf8');
    const order = [...readme.matchAll(/^\d\. (?:`governance\/(\w+)\.md`|The (business goals))/gm)].map((m) => m[1] ?? m[2]);
    expect(order).toEqual(['roles', 'business goals', 'scope', 'roles', 'policy']);
    const step = async (args: string[]): Promise<void> => {
      const r = await smsInProcess(args, dir, env);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
    };
    await step(['set-status', 'ROLES', 'approved', '--commit']);
    await step(['new', 'business-goals', 'Business goals 2026']);
    gitIn(dir, ['add', '-A']);
    gitIn(dir, ['commit', '-q', '-m', 'Draft the business goals'], env);
    await step(['set-status', 'GOALS', 'approved', '--commit']);
    // Approved as the template wrote it: allowed, and said (the scope's guidance is still in it).
    const scope = await smsInProcess(['set-status', 'SCOPE', 'approved', '--commit'], dir, env);
    expect(scope.code, scope.stderr).toBe(0);
    expect(scope.stderr).toMatch(/^sms: warning: SCOPE is approved and still holds the template's guidance ".+" \(rule template-text\)$/m);
    // The roles again: the edit and its re-approval in one commit, as the README says.
    const roles = path.join(dir, 'governance', 'roles.md');
    writeFileSync(roles, `${readFileSync(roles, 'utf8')}\nThe Control Manager role is held by the Service Manager until we grow.\n`);
    await step(['set-status', 'ROLES', 'updated', '--commit']);
    await step(['set-status', 'POLICY', 'approved', '--commit']);
    expect((await findings(dir)).list.filter((f) => f.severity === 'error')).toEqual([]);
  });
});
