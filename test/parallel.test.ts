import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { BIN, PEOPLE, baseSms, gitIn, rfc, sms, testEnv, tmp } from './helpers.js';
import { idInFrontMatter } from '../src/repo/ids.js';

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Starts every command at once and waits for all of them; a run that hangs is killed and fails the test. */
function together(runs: { args: string[]; cwd: string; env: NodeJS.ProcessEnv }[], limitMs = 60_000): Promise<Result[]> {
  return Promise.all(
    runs.map(
      ({ args, cwd, env }) =>
        new Promise<Result>((resolve) => {
          const child = spawn(process.execPath, [BIN, ...args], { cwd, env });
          let stdout = '';
          let stderr = '';
          child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
          child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
          const timer = setTimeout(() => child.kill('SIGKILL'), limitMs);
          child.on('close', (code) => {
            clearTimeout(timer);
            resolve({ code, stdout, stderr });
          });
        }),
    ),
  );
}

/** Twenty runs at once for `sms new` and `set-status`; the race of init needs fewer to show. */
const N = 20;
const RACERS = 8;

describe('parallel runs', () => {
  it(`${N} parallel "sms new change-request": ${N} files, ${N} different IDs, every one exit 0`, async () => {
    const dir = tmp();
    baseSms(dir);
    const env = testEnv();
    const results = await together(
      Array.from({ length: N }, (_, i) => ({ args: ['new', 'change-request', `Change ${i}`], cwd: dir, env })),
    );
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    const files = readdirSync(path.join(dir, 'changes')).filter((f) => f.endsWith('.md'));
    expect(files).toHaveLength(N);
    const ids = files.map((f) => (parse(readFileSync(path.join(dir, 'changes', f), 'utf8').split('---\n')[1]!) as { id: string }).id);
    expect(new Set(ids).size).toBe(N);
    expect([...ids].sort()).toEqual(Array.from({ length: N }, (_, i) => `RFC-${String(i + 1).padStart(4, '0')}`));
    // Each file is named after the ID inside it, and each run printed the file it made.
    for (const f of files) expect(f.startsWith(ids[files.indexOf(f)]!)).toBe(true);
    expect(results.map((r) => r.stdout.trim()).sort()).toEqual(files.map((f) => `changes/${f}`).sort());
    expect(readdirSync(path.join(dir, 'changes')).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it(`${N} parallel set-status runs, approve against reject: exactly one wins, the document stays consistent`, async () => {
    const dir = tmp();
    const F = 'changes/RFC-0001-a.md';
    baseSms(dir, { [F]: rfc() });
    const env = testEnv({ GIT_AUTHOR_NAME: PEOPLE.ben.name, GIT_AUTHOR_EMAIL: PEOPLE.ben.email });
    const as = `${PEOPLE.ben.name} <${PEOPLE.ben.email}>`;
    const results = await together(
      Array.from({ length: N }, (_, i) => ({
        args: ['set-status', 'RFC-0001', i % 2 ? 'rejected' : 'approved', '--as', as],
        cwd: dir,
        env,
      })),
    );
    const winners = results.filter((r) => r.code === 0);
    expect(winners).toHaveLength(1);
    for (const r of results.filter((x) => x.code !== 0)) {
      expect(r.code).toBe(2);
      // Each loser says why in one line: the document was busy, changed meanwhile, or already decided.
      expect(r.stderr).toMatch(
        /^sms: (another sms run (\(process \d+\) )?is changing|.*changed while sms was working|RFC-0001 is already|a change-request cannot go from)/,
      );
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    const text = readFileSync(path.join(dir, F), 'utf8');
    const data = parse(text.split('---\n')[1]!) as Record<string, unknown>;
    const won = /→ (approved|rejected)/.exec(winners[0]!.stdout)![1];
    expect(data.status).toBe(won);
    if (won === 'approved') expect(data).toMatchObject({ approved_by: PEOPLE.ben.email, approved_on: '2026-06-01' });
    else expect(data.approved_by).toBeUndefined();
    expect(text.match(/^status:/gm)).toHaveLength(1);
    expect(sms(['validate', '--format', 'json', '--no-git'], dir).code).toBe(0);
    expect(readdirSync(path.join(dir, 'changes'))).toEqual(['RFC-0001-a.md']);
  });

  it(`${RACERS} parallel "set-status --commit" of different documents: each commits, or leaves its document and the index as they were`, async () => {
    const dir = tmp();
    baseSms(dir);
    const env = testEnv();
    const files = Array.from({ length: RACERS }, (_, i) => sms(['new', 'incident', `Incident ${i}`], dir, env).stdout.trim());
    gitIn(dir, ['init', '-q', '-b', 'main'], env);
    gitIn(dir, ['add', '--all'], env);
    gitIn(dir, ['commit', '-q', '-m', 'start'], env);
    const texts = files.map((f) => readFileSync(path.join(dir, f), 'utf8'));
    const results = await together(
      files.map((_, i) => ({ args: ['set-status', `INC-000${i + 1}`, 'updated', '--commit'], cwd: dir, env })),
    );
    for (const [i, r] of results.entries()) {
      if (r.code === 0) {
        expect(gitIn(dir, ['log', '-1', '--format=%s', '--', files[i]!], env)).toBe(`INC-000${i + 1}: opened → updated\n`);
        continue;
      }
      expect(r.code, r.stderr).toBe(2);
      expect(readFileSync(path.join(dir, files[i]!), 'utf8')).toBe(texts[i]);
    }
    // Nothing is left staged or changed: every document is as its last commit has it.
    expect(gitIn(dir, ['status', '--porcelain'], env)).toBe('');
    expect(results.filter((r) => r.code === 0).length).toBeGreaterThan(0);
  });

  it(`${RACERS} parallel "sms init" into one folder: one wins, the others exit 2 having written nothing`, async () => {
    const parent = tmp();
    const dir = path.join(parent, 'sms');
    const env = testEnv();
    const results = await together(
      Array.from({ length: RACERS }, (_, i) => ({
        args: ['init', 'sms', '--yes', '--no-git', '--ci', 'none', '--org', `Org ${i}`, '--manager', 'Ana Costa <ana@acme.example>'],
        cwd: parent,
        env,
      })),
    );
    const winners = results.map((r, i) => ({ ...r, i })).filter((r) => r.code === 0);
    expect(winners).toHaveLength(1);
    for (const r of results.filter((x) => x.code !== 0)) {
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^sms: (another sms run (\(process \d+\) )?is changing|.* is not empty; nothing was written)/);
    }
    // Every file is the winner's: its organisation name, and no leftovers of the others.
    expect(readFileSync(path.join(dir, 'sms.config.yaml'), 'utf8')).toContain(`Org ${winners[0]!.i}`);
    expect(readdirSync(dir).sort()).toEqual(['README.md', 'catalogue', 'governance', 'procedures', 'sms.config.yaml']);
    expect(existsSync(path.join(dir, '.sms.config.yaml.lock'))).toBe(false);
    expect(sms(['validate', '--no-git'], dir).code).toBe(0);
  });
});

describe('the ID scan of sms new', () => {
  it('reads the id line of the front matter, and of a file whose front matter is broken, never of a body', () => {
    expect(idInFrontMatter('---\ntitle: x\nid: RFC-0007 # c\n---\nid: RFC-0009\n')).toBe('RFC-0007');
    expect(idInFrontMatter('---\r\nid: "RFC-0008"\r\n---\r\n')).toBe('RFC-0008');
    expect(idInFrontMatter("\ufeff---\nid: 'INC-0002'\n---\n")).toBe('INC-0002');
    // A blank line before the front matter makes it invalid; its number is still taken.
    expect(idInFrontMatter('\n---\nid: RFC-0010\n---\n')).toBe('RFC-0010');
    expect(idInFrontMatter('---\ntitle: x\n---\nid: RFC-0011\n')).toBeUndefined();
    expect(idInFrontMatter('---\nid: {toString: x}\n---\n')).toBeUndefined();
    expect(idInFrontMatter(`---\nid: RFC-0012${' '.repeat(100_000)}\n---\n`)).toBe('RFC-0012');
  });
});
