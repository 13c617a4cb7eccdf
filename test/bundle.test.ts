import { describe, expect, it } from 'vitest';
import { cpSync, existsSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ROOT, baseSms, testEnv, tmp, type CliResult } from './helpers.js';

// The build bundles the command-line program into dist/sms.cjs and its chunks (scripts/bundle.mjs);
// bin/sms.js runs the bundle, or the compiled modules where there is none. These run copies of
// the built package, cut down in different ways.

/** A copy of the package as npm would install it; node_modules linked unless `modules` is false. */
function packageCopy(modules = true): string {
  const dir = path.join(tmp(), 'sms-cli');
  for (const p of ['bin', 'dist', 'model', 'templates', 'schemas', 'scripts', 'package.json'])
    cpSync(path.join(ROOT, p), path.join(dir, p), { recursive: true });
  if (modules) symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  return dir;
}

const run = (pkg: string, args: string[], cwd: string): CliResult => {
  const r = spawnSync(process.execPath, [path.join(pkg, 'bin', 'sms.js'), ...args], { cwd, env: testEnv(), encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
};

const bundled = (pkg: string): string[] => readdirSync(path.join(pkg, 'dist')).filter((f) => /^sms(-.*)?\.cjs$/.test(f));

function repo(): string {
  const dir = tmp();
  baseSms(dir, { 'changes/RFC-0001-x.md': '---\nid: RFC-0001\ntype: change-request\ntitle: X\nstatus: nonsense\n---\n' });
  return dir;
}

describe('the bundled command-line program', () => {
  it('runs on its own: with every other module of dist/ removed, validate and a report give what the compiled modules give', () => {
    const dir = repo();
    const full = packageCopy();
    const expected = run(full, ['validate', '--format', 'json'], dir);
    expect(expected.code).toBe(1);
    const report = run(full, ['report', 'review', '--until', '2026-05-31', '--format', 'json'], dir);
    expect(report.stderr).toBe('');
    expect(report.code).toBe(0);

    const pkg = packageCopy();
    expect(bundled(pkg)).toContain('sms.cjs');
    // Left: the bundle and the data the build writes (validators, report templates, model JSON).
    for (const f of readdirSync(path.join(pkg, 'dist'), { recursive: true }) as string[])
      if (/\.js$/.test(f) && !f.startsWith('report-templates')) rmSync(path.join(pkg, 'dist', f));
    expect(existsSync(path.join(pkg, 'dist', 'cli', 'run.js'))).toBe(false);
    expect(run(pkg, ['validate', '--format', 'json'], dir)).toEqual(expected);
    expect(run(pkg, ['report', 'review', '--until', '2026-05-31', '--format', 'json'], dir)).toEqual(report);
  });

  it('without the bundle, bin/sms.js loads the compiled modules and says the same', () => {
    const dir = repo();
    const pkg = packageCopy();
    const expected = run(pkg, ['validate'], dir);
    for (const f of bundled(pkg)) rmSync(path.join(pkg, 'dist', f));
    expect(run(pkg, ['validate'], dir)).toEqual(expected);
    expect(expected.code).toBe(1);
  });

  it('unbuilt, or without its packages: one line that says what to do (exit 2), no stack trace', () => {
    const dir = repo();
    const unbuilt = packageCopy();
    rmSync(path.join(unbuilt, 'dist'), { recursive: true });
    const r1 = run(unbuilt, ['validate'], dir);
    expect(r1.stderr).toBe(
      `sms: this copy of sms is not built (no dist/ in ${unbuilt}${path.sep}); run "npm install" there, or "npm run build"\n`,
    );
    expect(r1.code).toBe(2);

    const bare = packageCopy(false);
    const r2 = run(bare, ['validate'], dir);
    expect(r2.stderr).toMatch(/^sms: a module sms needs is missing \(Cannot find module 'commander'\); run "npm install" in .*\n$/);
    expect(r2.code).toBe(2);
  });

  it('a build removes what an earlier build bundled before bundling again', () => {
    const pkg = packageCopy();
    // Chunk names carry a content hash, which depends on where the package is: compare without it.
    const names = (): string[] =>
      bundled(pkg)
        .map((f) => f.replace(/-[\w-]{8}\.cjs$/, '.cjs'))
        .sort();
    const before = names();
    // A chunk of this build's kind, and the ES module bundle of builds before ADR 0008.
    for (const f of ['sms-stale-0000.cjs', 'sms-stale-0000.js', 'sms.js'])
      writeFileSync(path.join(pkg, 'dist', f), 'throw new Error("stale");\n');
    const r = spawnSync(process.execPath, [path.join(pkg, 'scripts', 'bundle.mjs')], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    for (const f of ['sms-stale-0000.cjs', 'sms-stale-0000.js', 'sms.js']) expect(existsSync(path.join(pkg, 'dist', f)), f).toBe(false);
    expect(names()).toEqual(before);
    const dir = repo();
    expect(run(pkg, ['validate'], dir).stdout).toMatch(/RFC-0001/);
  });
});
