import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { withFileLock } from '../src/cli/write.js';
import { baseSms, gitIn, sms, smsInProcess, testEnv, tmp } from './helpers.js';

/**
 * The locks that serialise writes: who holds one is recorded in it, so a lock whose holder is gone
 * is taken over at once, and one whose holder is alive is never taken, however long it is held (a
 * pre-commit hook running a test suite, a signing passphrase prompt).
 */

const LOCK = '.git/.sms-commit.lock';

/** A committed SMS with two incidents, which `set-status ... updated --commit` can move without any approval policy. */
function repo(env = testEnv()): { dir: string; files: string[] } {
  const dir = tmp();
  baseSms(dir);
  const files = ['First', 'Second'].map((t) => sms(['new', 'incident', t], dir, env).stdout.trim());
  gitIn(dir, ['init', '-q', '-b', 'main'], env);
  gitIn(dir, ['add', '--all'], env);
  gitIn(dir, ['commit', '-q', '-m', 'start'], env);
  return { dir, files };
}

/** The id of a process that has ended. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid!;
}

const holder = (pid: number, host = hostname()): string => JSON.stringify({ pid, host, token: 'someone-else' });

describe('the commit lock and the document lock', () => {
  it('a commit lock left by a process that has ended is taken over at once', async () => {
    const env = testEnv();
    const { dir, files } = repo(env);
    writeFileSync(path.join(dir, LOCK), holder(deadPid()));
    const t0 = Date.now();
    const r = await smsInProcess(['set-status', 'INC-0001', 'updated', '--commit'], dir, env);
    expect(r.code, r.stderr).toBe(0);
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(gitIn(dir, ['log', '-1', '--format=%s'], env)).toBe('INC-0001: opened → updated\n');
    expect(existsSync(path.join(dir, LOCK))).toBe(false);
    expect(gitIn(dir, ['status', '--porcelain'], env)).toBe('');
    expect(readFileSync(path.join(dir, files[0]!), 'utf8')).toMatch(/^status: updated$/m);
  });

  it('a document lock held by a live process is not taken over, however old it is', async () => {
    const env = testEnv();
    const { dir, files } = repo(env);
    const lock = path.join(dir, 'incidents', `.${path.basename(files[0]!)}.lock`);
    const content = holder(process.pid);
    writeFileSync(lock, content);
    const old = new Date(Date.now() - 3_600_000);
    utimesSync(lock, old, old);
    const before = readFileSync(path.join(dir, files[0]!), 'utf8');
    const r = await smsInProcess(['set-status', 'INC-0001', 'updated'], dir, env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^sms: another sms run .*is changing .*INC-0001-first\.md; nothing was changed\n/);
    expect(readFileSync(path.join(dir, files[0]!), 'utf8')).toBe(before);
    expect(readFileSync(lock, 'utf8')).toBe(content);
  });

  it('a lock another run has taken over meanwhile is not removed by the run that held it before', async () => {
    const dir = tmp();
    const file = path.join(dir, 'doc.md');
    const lock = path.join(dir, '.doc.md.lock');
    const theirs = holder(process.pid);
    await withFileLock(file, () => {
      // Recorded as this run's while it is held.
      expect(JSON.parse(readFileSync(lock, 'utf8'))).toMatchObject({ pid: process.pid, host: hostname() });
      writeFileSync(lock, theirs);
      return Promise.resolve();
    });
    expect(readFileSync(lock, 'utf8')).toBe(theirs);
  });

  it('a lock with no holder recorded (an older sms) is judged by its age', async () => {
    const dir = tmp();
    const file = path.join(dir, 'doc.md');
    const lock = path.join(dir, '.doc.md.lock');
    writeFileSync(lock, '');
    await expect(withFileLock(file, () => Promise.resolve(1))).rejects.toMatchObject({ code: 'BUSY' });
    const old = new Date(Date.now() - 3_600_000);
    utimesSync(lock, old, old);
    await expect(withFileLock(file, () => Promise.resolve(1))).resolves.toBe(1);
    expect(existsSync(lock)).toBe(false);
  });
});
