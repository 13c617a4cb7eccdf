import { describe, expect, it } from 'vitest';
import { spawnSync, execFileSync } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  existsSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { BIN, baseSms, rfc, testEnv, tmp, type Finding } from './helpers.js';
import { readHead, readRegularFile } from '../src/repo/files.js';

/**
 * Files that are not what their name says. Every run here has a time limit, so a regression that
 * makes sms wait on a FIFO fails the test instead of hanging the suite.
 */
const LIMIT_MS = 30_000;

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], cwd: string, env = testEnv(), prefix: string[] = []): Run {
  const cmd = prefix.length ? prefix[0]! : process.execPath;
  const argv = prefix.length ? [...prefix.slice(1), process.execPath, BIN, ...args] : [BIN, ...args];
  const r = spawnSync(cmd, argv, { cwd, env, encoding: 'utf8', timeout: LIMIT_MS, killSignal: 'SIGKILL' });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

function findings(r: Run): Finding[] {
  expect(r.signal, 'sms was killed: it did not finish in time').toBeNull();
  return (JSON.parse(r.stdout) as { diagnostics: Finding[] }).diagnostics;
}

const F = 'changes/RFC-0001-a.md';
const BROKEN = { [F]: rfc({ priority: 'P9' }) };

describe('odd files in the document folders', () => {
  it('a FIFO named *.md is a file-type finding; validate and new do not wait on it', () => {
    const dir = tmp();
    baseSms(dir, BROKEN);
    execFileSync('mkfifo', [path.join(dir, 'changes/RFC-0002-pipe.md')]);
    const v = run(['validate', '--format', 'json'], dir);
    const ds = findings(v);
    expect(ds.map((d) => [d.file, d.rule])).toEqual([
      [F, 'schema'],
      ['changes/RFC-0002-pipe.md', 'file-type'],
    ]);
    expect(ds[1]!.message).toBe('file is a FIFO (named pipe), not a regular file; it was not read');
    expect(v.code).toBe(1);

    const n = run(['new', 'change-request', 'Next'], dir);
    expect(n.signal).toBeNull();
    expect(n.code).toBe(0);
    // The FIFO's name holds RFC-0002, so the new change request gets the number after it.
    expect(n.stdout.trim()).toBe('changes/RFC-0003-next.md');
  });

  it('a symbolic link to a FIFO inside the repository is a file-type finding, not a hang', () => {
    const dir = tmp();
    baseSms(dir, BROKEN);
    execFileSync('mkfifo', [path.join(dir, 'pipe')]);
    symlinkSync('../pipe', path.join(dir, 'changes/link.md'));
    const ds = findings(run(['validate', '--format', 'json'], dir));
    expect(ds.find((d) => d.file === 'changes/link.md')).toMatchObject({
      rule: 'file-type',
      line: 1,
      message: 'file is a symbolic link to a FIFO (named pipe), not a regular file; it was not read',
    });
    expect(ds.find((d) => d.file === F)?.rule).toBe('schema');
  });

  it('a symbolic link to /dev/zero is not followed (it points outside the repository)', () => {
    const dir = tmp();
    baseSms(dir, BROKEN);
    symlinkSync('/dev/zero', path.join(dir, 'changes/zero.md'));
    const ds = findings(run(['validate', '--format', 'json'], dir));
    expect(ds.map((d) => [d.file, d.rule])).toEqual([
      [F, 'schema'],
      ['changes/zero.md', 'symlink'],
    ]);
  });

  it('a file name that is not UTF-8 is one file-access finding and the run goes on', () => {
    const dir = tmp();
    baseSms(dir, BROKEN);
    writeFileSync(Buffer.from(path.join(dir, 'changes/caf\xe9.md'), 'latin1'), rfc({ id: 'RFC-0003' }));
    mkdirSync(Buffer.from(path.join(dir, 'changes/d\xefr'), 'latin1'));
    const r = run(['validate', '--format', 'json'], dir);
    expect(r.stderr).toBe('');
    expect(findings(r).map((d) => [d.file, d.rule, d.message])).toEqual([
      [F, 'schema', expect.any(String)],
      ['changes/caf\\xE9.md', 'file-access', 'file name is not valid UTF-8; it was not read'],
      ['changes/d\\xEFr', 'file-access', 'folder name is not valid UTF-8; it was not read'],
    ]);
    expect(r.code).toBe(1);
    // The stylish output names it the same way and stays one line per finding.
    const s = run(['validate'], dir);
    expect(s.stdout).toContain('changes/caf\\xE9.md');
  });

  it('front matter nested past what yaml can recurse, in two files, is two located findings, not an aborted process', () => {
    // After a document marker the nesting scan read the brackets as text; yaml then ran out of
    // stack on the first file, and on the second V8 aborted the whole process (exit 134).
    const dir = tmp();
    baseSms(dir, BROKEN);
    const deep = `---\n--- ${'['.repeat(1500)}${']'.repeat(1500)}\n---\nbody\n`;
    writeFileSync(path.join(dir, 'changes/RFC-0005-a.md'), deep);
    writeFileSync(path.join(dir, 'changes/RFC-0006-b.md'), deep);
    const r = run(['validate', '--format', 'json'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const nested = findings(r).filter((d) => d.rule === 'yaml-syntax');
    expect(nested.map((d) => [d.file, d.line, d.column, d.message])).toEqual([
      ['changes/RFC-0005-a.md', 2, 70, 'YAML nested more than 64 levels deep; it was not read'],
      ['changes/RFC-0006-b.md', 2, 70, 'YAML nested more than 64 levels deep; it was not read'],
    ]);
  });

  it('a 1 GB file is judged by its size alone: not one byte of it is read', () => {
    const dir = tmp();
    const file = path.join(dir, 'huge.md');
    const fd = openSync(file, 'w');
    ftruncateSync(fd, 1024 ** 3);
    closeSync(fd);
    // /proc/self/io counts the bytes this process read: a measure of work, not of time.
    const readSoFar = (): number | undefined => {
      if (!existsSync('/proc/self/io')) return undefined;
      return Number(/rchar: (\d+)/.exec(readFileSync('/proc/self/io', 'utf8'))?.[1]);
    };
    const before = readSoFar();
    expect(readRegularFile(file, 1024 * 1024)).toEqual({ reason: 'size', size: 1024 ** 3 });
    const after = readSoFar();
    if (before !== undefined && after !== undefined) expect(after - before).toBeLessThan(4096);
  });

  it('the reader refuses devices and FIFOs without opening them for a blocking read', () => {
    const dir = tmp();
    execFileSync('mkfifo', [path.join(dir, 'p.md')]);
    expect(readRegularFile(path.join(dir, 'p.md'), 1024)).toEqual({ reason: 'type', kind: 'a FIFO (named pipe)' });
    expect(readHead(path.join(dir, 'p.md'), 1024)).toEqual({ reason: 'type', kind: 'a FIFO (named pipe)' });
    expect(readRegularFile('/dev/zero', 1024)).toEqual({ reason: 'type', kind: 'a character device' });
    expect(readRegularFile(dir, 1024)).toEqual({ reason: 'type', kind: 'a directory' });
    symlinkSync('/dev/zero', path.join(dir, 'z.md'));
    expect(readRegularFile(path.join(dir, 'z.md'), 1024)).toEqual({ reason: 'type', kind: 'a symbolic link' });
    expect(readRegularFile(path.join(dir, 'none.md'), 1024)).toEqual({ reason: 'gone' });
  });
});

describe('unreadable files and folders', () => {
  // Permissions do not bind root, so the binary runs as the unprivileged user "nobody".
  const canDrop = process.getuid?.() === 0 && existsSync('/usr/bin/setpriv');
  const AS_NOBODY = ['/usr/bin/setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'];

  it('an unreadable file and an unreadable folder are one file-access finding each; the rest is checked', (ctx) => {
    if (process.getuid?.() === 0) {
      if (!canDrop) ctx.skip('running as root without /usr/bin/setpriv: permissions cannot be denied to this process');
      // The checkout itself must be readable by that user (a clone in a private directory is not).
      const probe = spawnSync(AS_NOBODY[0]!, [
        ...AS_NOBODY.slice(1),
        process.execPath,
        '-e',
        `require('fs').accessSync(${JSON.stringify(BIN)})`,
      ]);
      if (probe.status !== 0) ctx.skip('the user "nobody" cannot read this checkout, so the binary cannot run as that user');
    }
    const dir = tmp();
    baseSms(dir, {
      ...BROKEN,
      'changes/RFC-0002-secret.md': rfc({ id: 'RFC-0002' }),
      'incidents/INC-0001-a.md': '# not readable anyway\n',
    });
    for (const d of ['', 'governance', 'catalogue', 'changes']) chmodSync(path.join(dir, d), 0o755);
    for (const f of readdirSync(dir, { recursive: true }) as string[])
      if (f.endsWith('.md') || f.endsWith('.yaml')) chmodSync(path.join(dir, f), 0o644);
    chmodSync(path.join(dir, 'changes/RFC-0002-secret.md'), 0o000);
    chmodSync(path.join(dir, 'incidents'), 0o000);
    const r = run(['validate', '--format', 'json', '--no-git'], dir, testEnv({ HOME: '/tmp' }), canDrop ? AS_NOBODY : []);
    expect(r.stderr).toBe('');
    expect(findings(r).map((d) => [d.file, d.rule, d.message])).toEqual([
      [F, 'schema', expect.any(String)],
      ['changes/RFC-0002-secret.md', 'file-access', 'file cannot be read (permission denied); it was not checked'],
      ['incidents', 'file-access', 'folder cannot be read (permission denied); the documents in it were not checked'],
    ]);
    expect(r.code).toBe(1);
  });
});
