import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { withFileLock } from '../src/cli/write.js';
import { SmsError } from '../src/errors.js';
import { BIN, baseSms, gitIn, sms, smsInProcess, testEnv, tmp } from './helpers.js';

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

/** A pre-commit hook that says it started, then waits until the test lets it go. */
function waitingHook(dir: string): void {
  const hook = path.join(dir, '.git', 'hooks', 'pre-commit');
  writeFileSync(hook, '#!/bin/sh\ntouch .git/hook-started\nwhile [ ! -f .git/hook-go ]; do sleep 0.05; done\ntouch .git/hook-done\n');
  chmodSync(hook, 0o755);
}

async function until(cond: () => boolean, what: string, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

function start(args: string[], cwd: string, env: NodeJS.ProcessEnv) {
  // Its own process group, as a shell's foreground job is: a signal to the group reaches git and the hook too.
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env, detached: true });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done };
}

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
    expect(r.stderr).toMatch(/^sms: another sms run \(process \d+\) is changing .*INC-0001-first\.md; nothing was changed\n/);
    expect(r.stderr).toContain(lock);
    expect(readFileSync(path.join(dir, files[0]!), 'utf8')).toBe(before);
    expect(readFileSync(lock, 'utf8')).toBe(content);
  });

  it('a busy commit lock is named by its real path, with what to do', async () => {
    const dir = tmp();
    const lock = path.join(dir, '.sms-commit.lock');
    writeFileSync(lock, holder(process.pid));
    const err = await withFileLock(path.join(dir, 'sms-commit'), () => Promise.resolve(), {
      waitMs: 100,
      what: 'committing in this repository',
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SmsError);
    expect((err as SmsError).code).toBe('BUSY');
    expect((err as SmsError).message).toBe(
      `another sms run (process ${process.pid}) is committing in this repository; nothing was changed`,
    );
    expect((err as SmsError).hint).toContain(lock);
    expect((err as SmsError).message).not.toContain(`${path.join(dir, 'sms-commit')};`);
    expect(readFileSync(lock, 'utf8')).toBe(holder(process.pid));
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

  it('after an sms run is killed (SIGKILL) during its commit, the next --commit run goes ahead at once', async () => {
    const env = testEnv();
    const { dir, files } = repo(env);
    waitingHook(dir);
    const a = start(['set-status', 'INC-0001', 'updated', '--commit'], dir, env);
    await until(() => existsSync(path.join(dir, '.git/hook-started')), 'the hook to start');
    // Only sms dies, as with "kill -9": git and its hook run on and finish the commit.
    a.child.kill('SIGKILL');
    await a.done;
    writeFileSync(path.join(dir, '.git/hook-go'), '');
    await until(() => existsSync(path.join(dir, '.git/hook-done')) && !existsSync(path.join(dir, '.git/index.lock')), 'git to finish');
    await until(() => gitIn(dir, ['log', '-1', '--format=%s'], env).startsWith('INC-0001'), 'the orphaned commit');
    expect(existsSync(path.join(dir, LOCK))).toBe(true);
    const t0 = Date.now();
    const r = await smsInProcess(['set-status', 'INC-0002', 'updated', '--commit'], dir, env);
    expect(r.code, r.stderr).toBe(0);
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(gitIn(dir, ['log', '-1', '--format=%s'], env)).toBe('INC-0002: opened → updated\n');
    expect(existsSync(path.join(dir, LOCK))).toBe(false);
    expect(readFileSync(path.join(dir, files[1]!), 'utf8')).toMatch(/^status: updated$/m);
  }, 90_000);
});

describe('set-status --commit interrupted', () => {
  it('Ctrl-C while the pre-commit hook runs: the change is undone, the locks released, exit 130', async () => {
    const env = testEnv();
    const { dir, files } = repo(env);
    waitingHook(dir);
    const before = readFileSync(path.join(dir, files[0]!), 'utf8');
    const head = gitIn(dir, ['rev-parse', 'HEAD'], env);
    const a = start(['set-status', 'INC-0001', 'updated', '--commit'], dir, env);
    await until(() => existsSync(path.join(dir, '.git/hook-started')), 'the hook to start');
    // Ctrl-C in a terminal signals the whole foreground process group: sms, git and the hook.
    process.kill(-a.child.pid!, 'SIGINT');
    const r = await a.done;
    expect(r.code, r.stderr).toBe(130);
    expect(r.stderr).toMatch(/^sms: interrupted: the change to incidents\/INC-0001-first\.md was undone and nothing was committed\n$/);
    expect(r.stderr.match(/\n/g)).toHaveLength(1);
    expect(r.stdout).toBe('');
    expect(readFileSync(path.join(dir, files[0]!), 'utf8')).toBe(before);
    expect(gitIn(dir, ['rev-parse', 'HEAD'], env)).toBe(head);
    expect(gitIn(dir, ['status', '--porcelain'], env)).toBe('');
    expect(existsSync(path.join(dir, LOCK))).toBe(false);
    expect(readdirSync(path.join(dir, 'incidents')).filter((f) => f.startsWith('.'))).toEqual([]);
  }, 60_000);
});
