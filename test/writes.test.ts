import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { baseSms, sms, smsInProcess, tmp } from './helpers.js';

/** `--output` of a report and of validate: each takes the same path through the writer. */
const COMMANDS: [string, string[]][] = [
  ['report', ['report', 'changes', '--format', 'json', '--output']],
  ['validate', ['validate', '--format', 'json', '--no-git', '--output']],
];

describe.each(COMMANDS)('%s --output writes only a regular file', (_name, args) => {
  it('refuses a symbolic link: the link and the file it points to stay as they were', async () => {
    const dir = tmp();
    baseSms(dir);
    writeFileSync(path.join(dir, 'target.txt'), 'keep me\n');
    symlinkSync('target.txt', path.join(dir, 'out.json'));
    const r = await smsInProcess([...args, 'out.json'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^sms: cannot write out\.json: it is a symbolic link, not a regular file; nothing was written\n/);
    expect(lstatSync(path.join(dir, 'out.json')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(path.join(dir, 'out.json'))).toBe('target.txt');
    expect(readFileSync(path.join(dir, 'target.txt'), 'utf8')).toBe('keep me\n');
  });

  it('refuses a FIFO, a directory and a path ending in a slash', async () => {
    const dir = tmp();
    baseSms(dir);
    execFileSync('mkfifo', [path.join(dir, 'pipe')]);
    mkdirSync(path.join(dir, 'folder'));
    for (const [target, what] of [
      ['pipe', 'a FIFO \\(named pipe\\)'],
      ['folder', 'a directory'],
      ['new/', 'a folder \\(the path ends with a slash\\)'],
    ] as const) {
      const r = await smsInProcess([...args, target], dir);
      expect(r.code, target).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`^sms: cannot write ${target}: it is ${what}, not a regular file; nothing was written\\n`));
    }
    expect(statSync(path.join(dir, 'pipe')).isFIFO()).toBe(true);
    expect(readdirSync(path.join(dir, 'folder'))).toEqual([]);
    expect(existsSync(path.join(dir, 'new'))).toBe(false);
  });

  // A device node of its own (the null device's numbers) in a temporary folder, never one in /dev.
  const canMknod = process.getuid?.() === 0 && spawnSync('mknod', ['--help']).status === 0;
  it.runIf(canMknod)('refuses a device node and leaves it in place', async (ctx) => {
    const dir = tmp();
    baseSms(dir);
    if (spawnSync('mknod', [path.join(dir, 'null'), 'c', '1', '3']).status !== 0) ctx.skip();
    const r = await smsInProcess([...args, 'null'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^sms: cannot write null: it is a character device, not a regular file; nothing was written\n/);
    expect(statSync(path.join(dir, 'null')).isCharacterDevice()).toBe(true);
  });

  it('replaces a regular file atomically and keeps its permissions', async () => {
    const dir = tmp();
    baseSms(dir);
    writeFileSync(path.join(dir, 'out.json'), 'old\n');
    chmodSync(path.join(dir, 'out.json'), 0o600);
    const r = await smsInProcess([...args, 'out.json'], dir);
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(path.join(dir, 'out.json'), 'utf8'))).toBeTypeOf('object');
    expect(statSync(path.join(dir, 'out.json')).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('a write that fails removes the folders it created for the file', async () => {
    const dir = tmp();
    baseSms(dir);
    // The file name is too long (the rename fails), or a folder name is (mkdir fails half-way).
    for (const target of [`new/deeper/${'x'.repeat(300)}.json`, `new/deeper/${'x'.repeat(300)}/out.json`]) {
      const r = await smsInProcess([...args, target], dir);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^sms: cannot write .*: the file name is too long\n/);
      expect(readdirSync(dir).sort(), target).toEqual(['catalogue', 'governance', 'sms.config.yaml']);
    }
  });

  it('a folder that cannot be made (under /proc, or through a symbolic link to nothing) is one line and exit 2, not a loop', async () => {
    const dir = tmp();
    baseSms(dir);
    symlinkSync(path.join(dir, 'nowhere'), path.join(dir, 'dangling'));
    // Node's recursive mkdir retries /proc/nope for ever; the binary, so that a loop would show as a timeout.
    for (const target of [...(existsSync('/proc/self') ? ['/proc/nope/x.json'] : []), 'dangling/x.json']) {
      const r = spawnSync(process.execPath, [path.resolve('bin/sms.js'), ...args, target], { cwd: dir, encoding: 'utf8', timeout: 20_000 });
      expect(r.signal, target).toBeNull();
      expect(r.status, target).toBe(2);
      expect(r.stderr, target).toMatch(
        /^sms: cannot write .*x\.json: a folder on the way cannot be made there \(a symbolic link to nothing, or a system folder such as \/proc\): choose another path\n/,
      );
    }
    expect(readdirSync(dir).sort()).toEqual(['catalogue', 'dangling', 'governance', 'sms.config.yaml']);
  });

  it('creates the folders of a new path', async () => {
    const dir = tmp();
    baseSms(dir);
    const r = await smsInProcess([...args, 'out/reports/x.json'], dir);
    expect(r.code).toBe(0);
    expect(existsSync(path.join(dir, 'out/reports/x.json'))).toBe(true);
  });
});

describe('init --force in a folder that is not yet a repository', () => {
  it('commits only the files it wrote; what was there before stays untracked', () => {
    const dir = tmp();
    writeFileSync(path.join(dir, '.env'), 'SECRET=1\n');
    mkdirSync(path.join(dir, 'private'));
    writeFileSync(path.join(dir, 'private/salaries.xlsx'), 'x');
    writeFileSync(path.join(dir, 'README.md'), '# mine\n');
    const r = sms(['init', '.', '--yes', '--force', '--ci', 'none', '--manager', 'Ana Costa <ana@acme.example>'], dir);
    expect(r.code, r.stderr).toBe(0);
    const tracked = execFileSync('git', ['ls-files'], { cwd: dir, encoding: 'utf8' }).trim().split('\n');
    expect(tracked).not.toContain('.env');
    expect(tracked).not.toContain('private/salaries.xlsx');
    // README.md was there before (and kept as it was): it is not the tool's to commit either.
    expect(tracked).not.toContain('README.md');
    expect(readFileSync(path.join(dir, 'README.md'), 'utf8')).toBe('# mine\n');
    expect(tracked).toContain('sms.config.yaml');
    expect(tracked).toContain('governance/roles.md');
    const status = execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: dir, encoding: 'utf8' });
    expect(status.split('\n').filter(Boolean).sort()).toEqual(['?? .env', '?? README.md', '?? private/salaries.xlsx']);
  });
});
