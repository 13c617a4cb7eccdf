import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, baseSms, gitIn, gitRepo, md, smsInProcess, testEnv, tmp, writeFiles, type Finding } from './helpers.js';

const INC = (priority: string, status = 'opened'): string =>
  md(
    {
      id: 'INC-0001',
      type: 'incident',
      title: 'VPN down',
      status,
      priority,
      opened: '2026-05-01T08:00:00Z',
      reported_by: 'cleo@acme.example',
      services: ['SVC-0001'],
    },
    '\n## Description\n\n## Restoration steps\n\n## Solution\n',
  );

describe('sms validate --staged', () => {
  it('checks what the next commit will contain, not the working tree', async () => {
    const dir = tmp();
    baseSms(dir);
    gitRepo(dir, [{ files: {} }]);
    const f = path.join(dir, 'incidents', 'INC-0001-vpn.md');
    mkdirSync(path.dirname(f));
    writeFileSync(f, INC('P9'));
    gitIn(dir, ['add', '--all']);
    writeFileSync(f, INC('P3')); // fixed only in the working tree
    const staged = await smsInProcess(['validate', '--staged', '--format', 'json'], dir);
    expect(staged.code).toBe(1);
    const found = (JSON.parse(staged.stdout) as { diagnostics: Finding[] }).diagnostics;
    expect(found.map((d) => [d.rule, d.file, d.line])).toEqual([['schema', 'incidents/INC-0001-vpn.md', 6]]);
    expect((await smsInProcess(['validate'], dir)).code).toBe(0);
  });

  it('judges by the staged sms.config.yaml: a loosening left unstaged does not let a bad staged document through', async () => {
    const dir = tmp();
    baseSms(dir);
    gitRepo(dir, [{ files: {} }]);
    const config = readFileSync(path.join(dir, 'sms.config.yaml'), 'utf8');
    writeFiles(dir, { 'incidents/INC-0001-vpn.md': INC('P9'), 'incidents/INC-0002-mail.md': INC('P9').replace(/INC-0001/g, 'INC-0002') });
    gitIn(dir, ['add', '--all']);
    // Neither change to the configuration is staged: the commit would not carry it.
    for (const loosened of [`${config}\nrules:\n  schema: off\n`, `${config}\nignore: ['incidents/**']\n`]) {
      writeFileSync(path.join(dir, 'sms.config.yaml'), loosened);
      const r = await smsInProcess(['validate', '--staged', '--format', 'json'], dir);
      expect(r.code, loosened).toBe(1);
      const found = (JSON.parse(r.stdout) as { diagnostics: Finding[] }).diagnostics;
      expect(found.map((d) => [d.rule, d.file])).toEqual([
        ['schema', 'incidents/INC-0001-vpn.md'],
        ['schema', 'incidents/INC-0002-mail.md'],
      ]);
    }
    // Staged, the loosening is what the commit carries, and is judged as such.
    gitIn(dir, ['add', 'sms.config.yaml']);
    expect((await smsInProcess(['validate', '--staged'], dir)).code).toBe(0);
    // A tightening left unstaged does not count either: the staged configuration decides.
    writeFileSync(path.join(dir, 'sms.config.yaml'), config);
    expect((await smsInProcess(['validate', '--staged'], dir)).code).toBe(0);
  });

  it('an unfinished edit of sms.config.yaml left unstaged does not stop the commit; a staged one that is broken is said to be the staged one', async () => {
    const dir = tmp();
    baseSms(dir);
    gitRepo(dir, [{ files: {} }]);
    const config = readFileSync(path.join(dir, 'sms.config.yaml'), 'utf8');
    writeFiles(dir, { 'incidents/INC-0001-vpn.md': INC('P9') });
    gitIn(dir, ['add', '--all']);
    writeFileSync(path.join(dir, 'sms.config.yaml'), `${config}rules: [\n`);
    const r = await smsInProcess(['validate', '--staged', '--format', 'json'], dir);
    expect(r.code, r.stderr).toBe(1);
    expect((JSON.parse(r.stdout) as { diagnostics: Finding[] }).diagnostics.map((d) => d.rule)).toEqual(['schema']);
    // Staged broken, the working tree's fine: the error names the staged file.
    gitIn(dir, ['add', 'sms.config.yaml']);
    writeFileSync(path.join(dir, 'sms.config.yaml'), config);
    const staged = await smsInProcess(['validate', '--staged'], dir);
    expect(staged.code).toBe(2);
    expect(staged.stderr).toMatch(/^sms: sms\.config\.yaml:\d+:\d+: .* \(in sms\.config\.yaml as staged for the commit\)\n/);
    // Staged for deletion, or never added: the commit would leave the repository without one.
    gitIn(dir, ['rm', '-q', '--cached', '-f', 'sms.config.yaml']);
    const gone = await smsInProcess(['validate', '--staged'], dir);
    expect(gone.code).toBe(2);
    expect(gone.stderr).toMatch(/^sms: sms\.config\.yaml is not staged: the commit would have no configuration/);
  });

  it('a staged status change is checked against HEAD, and the index file is left as it was', async () => {
    const dir = tmp();
    baseSms(dir, { 'incidents/INC-0001-vpn.md': INC('P2', 'closed') });
    gitRepo(dir, [{ files: {} }]);
    writeFileSync(path.join(dir, 'incidents', 'INC-0001-vpn.md'), INC('P2', 'opened'));
    gitIn(dir, ['add', '--all']);
    const before = gitIn(dir, ['ls-files', '--stage', '--debug']);
    const r = await smsInProcess(['validate', '--staged', '--format', 'json'], dir);
    expect(r.code).toBe(1);
    const found = (JSON.parse(r.stdout) as { diagnostics: Finding[] }).diagnostics;
    expect(found.map((d) => d.rule)).toEqual(['status-transition']);
    expect(found[0]!.message).toMatch(/went from "closed" to "opened" \(staged change\)/);
    expect(gitIn(dir, ['ls-files', '--stage', '--debug'])).toBe(before);
  });

  it('in an SMS kept in a subfolder, with many documents: each staged change is checked against its own version in HEAD', async () => {
    const top = tmp();
    const dir = path.join(top, 'docs', 'sms');
    const incident = (n: number, status: string): string => INC('P2', status).replace('INC-0001', `INC-${String(n).padStart(4, '0')}`);
    const files: Record<string, string> = {};
    for (let n = 1; n <= 40; n++) files[`incidents/INC-${String(n).padStart(4, '0')}-x.md`] = incident(n, 'closed');
    baseSms(dir, files);
    // The same paths at the top of the repository, outside the SMS, must not be taken for its documents.
    baseSms(top, { 'incidents/INC-0007-x.md': incident(7, 'opened') });
    gitRepo(top, [{ files: {} }]);
    for (const n of [7, 23]) writeFileSync(path.join(dir, `incidents/INC-00${String(n).padStart(2, '0')}-x.md`), incident(n, 'opened'));
    gitIn(top, ['add', '--all']);
    const r = await smsInProcess(['validate', '--staged', '--format', 'json'], dir);
    const found = (JSON.parse(r.stdout) as { diagnostics: Finding[] }).diagnostics;
    expect(found.map((d) => [d.rule, d.file])).toEqual([
      ['status-transition', 'incidents/INC-0007-x.md'],
      ['status-transition', 'incidents/INC-0023-x.md'],
    ]);
    expect(found[0]!.message).toMatch(/went from "closed" to "opened" \(staged change\)/);
    expect(r.code).toBe(1);
  });

  describe('as a real pre-commit hook: what git is about to commit, however the commit is made', () => {
    /** A repository whose pre-commit hook runs sms validate --staged, and INC-0001 closed in HEAD. */
    function hooked(): string {
      const dir = tmp();
      baseSms(dir, { 'incidents/INC-0001-vpn.md': INC('P2', 'closed'), 'notes.txt': 'x\n' });
      gitRepo(dir, [{ files: {} }]);
      const hook = path.join(dir, '.git', 'hooks', 'pre-commit');
      writeFileSync(hook, `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} validate --staged\n`);
      chmodSync(hook, 0o755);
      // The regression the hook must refuse: closed back to opened.
      writeFileSync(path.join(dir, 'incidents', 'INC-0001-vpn.md'), INC('P2', 'opened'));
      return dir;
    }
    const commit = (dir: string, args: string[]) =>
      spawnSync('git', ['commit', '-q', '-m', 'reopen', ...args], { cwd: dir, env: testEnv(), encoding: 'utf8' });
    const headStatus = (dir: string): string => /status: "?(\w+)/.exec(gitIn(dir, ['show', 'HEAD:incidents/INC-0001-vpn.md']))![1]!;

    it.each([
      ['git add, then git commit', (dir: string) => (gitIn(dir, ['add', '--all']), commit(dir, []))],
      ['git commit -a (git commits a temporary index)', (dir: string) => commit(dir, ['-a'])],
      ['git commit <path> (git commits another temporary index)', (dir: string) => commit(dir, ['--', 'incidents/INC-0001-vpn.md'])],
    ])('%s: refused, and HEAD keeps the closed incident', (_, how) => {
      const dir = hooked();
      const r = how(dir);
      expect(r.stdout + r.stderr).toMatch(/went from "closed" to "opened" \(staged change\)/);
      expect(r.status).not.toBe(0);
      expect(headStatus(dir)).toBe('closed');
    });

    it("an index file of another repository in GIT_INDEX_FILE is not read: sms reads its own repository's index", async () => {
      const dir = hooked();
      gitIn(dir, ['add', '--all']);
      const other = tmp();
      gitRepo(other, [{ files: { 'README.md': 'other\n' } }]);
      const r = await smsInProcess(
        ['validate', '--staged', '--format', 'json'],
        dir,
        testEnv({ GIT_INDEX_FILE: path.join(other, '.git', 'index') }),
      );
      expect((JSON.parse(r.stdout) as { diagnostics: Finding[] }).diagnostics.map((d) => d.rule)).toEqual(['status-transition']);
      expect(r.code).toBe(1);
    });
  });

  it('staged files over the size limit are reported and skipped; the others are read, in any order of sizes', async () => {
    const dir = tmp();
    const big = (n: number): string => INC('P2').replace('INC-0001', `INC-000${n}`) + 'y'.repeat(3 * 1024 * 1024);
    baseSms(dir, { 'incidents/INC-0002-a.md': big(2), 'incidents/INC-0001-vpn.md': INC('P9'), 'incidents/INC-0003-b.md': big(3) });
    gitRepo(dir, [{ files: {} }]);
    const r = await smsInProcess(['validate', '--staged', '--format', 'json'], dir);
    const found = (JSON.parse(r.stdout) as { diagnostics: Finding[] }).diagnostics;
    expect(found.map((d) => [d.rule, d.file])).toEqual([
      ['schema', 'incidents/INC-0001-vpn.md'],
      ['file-size', 'incidents/INC-0002-a.md'],
      ['file-size', 'incidents/INC-0003-b.md'],
    ]);
    expect(found[1]!.message).toMatch(/file is 3\.0 MB, over the 1\.0 MB limit/);
  });

  it('pathspec variables of the environment (GIT_GLOB_PATHSPECS, GIT_ICASE_PATHSPECS) do not change what is read', async () => {
    const dir = tmp();
    baseSms(dir, { 'incidents/INC-0001-vpn.md': INC('P9') });
    gitRepo(dir, [{ files: {} }]);
    for (const v of ['GIT_GLOB_PATHSPECS', 'GIT_ICASE_PATHSPECS', 'GIT_NOGLOB_PATHSPECS', 'GIT_LITERAL_PATHSPECS']) {
      for (const args of [['--staged'], []]) {
        const r = await smsInProcess(['validate', ...args, '--format', 'json'], dir, testEnv({ [v]: '1' }));
        expect(r.stderr, `${v} ${args.join(' ')}`).toBe('');
        expect((JSON.parse(r.stdout) as { diagnostics: Finding[] }).diagnostics.map((d) => d.rule)).toEqual(['schema']);
      }
    }
  });

  it('cannot be combined with --history', async () => {
    const dir = tmp();
    baseSms(dir);
    gitRepo(dir, [{ files: {} }]);
    const r = await smsInProcess(['validate', '--staged', '--history'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--staged checks the index against HEAD/);
  });

  it('--base and --history, or either with --no-git, are a usage error: which would apply was not said', async () => {
    const dir = tmp();
    baseSms(dir);
    gitRepo(dir, [{ files: {} }]);
    for (const [args, said] of [
      [['--base', 'HEAD', '--history'], '--base checks the commits of a pull request, --history every commit: choose one'],
      [['--no-git', '--history'], '--no-git reads no history: it cannot be combined with --history'],
      [['--no-git', '--base', 'HEAD'], '--no-git reads no history: it cannot be combined with --base'],
    ] as const) {
      const r = await smsInProcess(['validate', ...args], dir);
      expect(r.stderr, args.join(' ')).toMatch(new RegExp(`^sms: ${said}\n`));
      expect(r.code, args.join(' ')).toBe(2);
    }
  });
});
