import { describe, expect, it } from 'vitest';
import { chmodSync, existsSync, mkdirSync, readdirSync, statSync, symlinkSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { BIN, baseSms, sms, testEnv, tmp } from './helpers.js';

// bin/sms.js turns on Node's compile cache in a private directory of the OS temp directory. It
// must never write into the SMS repository, must leave a directory it cannot trust alone, and a
// temp directory it cannot write must not make any command fail.

const hasCache = typeof (await import('node:module')).default.enableCompileCache === 'function';
const uid = process.getuid?.();
const cacheName = uid === undefined ? 'sms-compile-cache' : `sms-compile-cache-${uid}`;

/** Every path under dir with its modification time. */
function snapshot(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).sort().map((p) => `${p} ${statSync(path.join(dir, p)).mtimeMs}`);
}

function repo(): string {
  const dir = tmp();
  baseSms(dir);
  return dir;
}

describe.runIf(hasCache)('compile cache', () => {
  it('goes into a private directory of the temp directory; a second run writes nothing at all', () => {
    const temp = tmp();
    const dir = repo();
    const env = testEnv({ TMPDIR: temp });
    const before = snapshot(dir);
    expect(sms(['validate'], dir, env).code).toBe(0);
    const cache = path.join(temp, cacheName);
    expect(statSync(cache).mode & 0o777).toBe(0o700);
    expect(readdirSync(cache, { recursive: true }).length).toBeGreaterThan(1);
    expect(snapshot(dir)).toEqual(before);

    const warm = snapshot(temp);
    expect(sms(['validate'], dir, env).code).toBe(0);
    expect(snapshot(temp)).toEqual(warm);
    expect(snapshot(dir)).toEqual(before);
  });

  it('leaves a cache directory alone that others may write to, or that is a symbolic link', () => {
    const dir = repo();
    const open = tmp();
    mkdirSync(path.join(open, cacheName));
    chmodSync(path.join(open, cacheName), 0o777);
    expect(sms(['validate'], dir, testEnv({ TMPDIR: open })).code).toBe(0);
    expect(readdirSync(path.join(open, cacheName))).toEqual([]);

    const linked = tmp();
    const target = tmp();
    symlinkSync(target, path.join(linked, cacheName));
    expect(sms(['validate'], dir, testEnv({ TMPDIR: linked })).code).toBe(0);
    expect(readdirSync(target)).toEqual([]);
  });

  it('a temp directory that does not exist or cannot be written leaves the cache off, and commands work', () => {
    const dir = repo();
    for (const temp of ['/nonexistent/sms-test', '/proc']) {
      const r = sms(['validate'], dir, testEnv({ TMPDIR: temp }));
      expect(r.stderr, temp).toBe('');
      expect(r.code, temp).toBe(0);
      expect(existsSync(path.join(temp, cacheName))).toBe(false);
    }
  });

  it('NODE_DISABLE_COMPILE_CACHE turns it off', () => {
    const temp = tmp();
    expect(sms(['validate'], repo(), testEnv({ TMPDIR: temp, NODE_DISABLE_COMPILE_CACHE: '1' })).code).toBe(0);
    expect(readdirSync(temp)).toEqual([]);
  });

  // Permissions do not bind root, so this runs the binary as the unprivileged user "nobody".
  const canDrop = uid === 0 && existsSync('/usr/bin/setpriv');
  it.runIf(canDrop)('a temp directory the user may not write: the command works, nothing is written', (ctx) => {
    const probe = spawnSync('/usr/bin/setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, BIN, '--version']);
    if (probe.status !== 0) ctx.skip();
    const dir = repo();
    chmodSync(dir, 0o755);
    const temp = tmp();
    chmodSync(temp, 0o755);
    const r = spawnSync(
      '/usr/bin/setpriv',
      ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, BIN, 'validate', '--no-git'],
      {
        cwd: dir,
        env: testEnv({ HOME: '/nonexistent', TMPDIR: temp }),
        encoding: 'utf8',
      },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(readdirSync(temp)).toEqual([]);
  });
});
