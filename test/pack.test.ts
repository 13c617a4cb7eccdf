import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { ROOT, testEnv, tmp } from './helpers.js';

describe('the npm package', () => {
  it('npm pack ships what sms needs at run time, and the installed package works as npx sms', () => {
    const work = tmp();
    // dist/ is built by `npm test` before the tests run.
    const packed = JSON.parse(
      execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8' }),
    ) as { filename: string; files: { path: string }[] }[];
    const files = packed[0]!.files.map((f) => f.path);
    for (const f of [
      'bin/sms.js',
      'dist/cli/run.js',
      'dist/types.json',
      'model/types.yaml',
      'model/processes.yaml',
      'schemas/change-request.schema.json',
      'schemas/config.schema.json',
      'templates/incident.md.hbs',
      'templates/init/sms.yml.hbs',
      'templates/reports/review.html.hbs',
      'sample-sms/history.yaml',
      'sample-sms/files/governance/roles.md',
      'README.md',
    ]) {
      expect(files, f).toContain(f);
    }
    expect(files.filter((f) => f.startsWith('src/') || f.startsWith('test/') || f.startsWith('.bench/'))).toEqual([]);

    execFileSync('npm', ['init', '-y'], { cwd: work, stdio: 'ignore' });
    execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', path.join(work, packed[0]!.filename)], {
      cwd: work,
      stdio: 'ignore',
    });
    const env = {
      ...testEnv(),
      PATH: process.env.PATH,
      npm_config_cache: process.env.npm_config_cache ?? path.join(process.env.HOME ?? '/root', '.npm'),
    };
    const version = spawnSync('npx', ['--no-install', 'sms', '--version'], { cwd: work, env, encoding: 'utf8' });
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const init = spawnSync('npx', ['--no-install', 'sms', 'init', '--sample', 'demo'], { cwd: work, env, encoding: 'utf8' });
    expect(init.stderr).toBe('');
    expect(init.status).toBe(0);
    const v = spawnSync('npx', ['--no-install', 'sms', 'validate', '--history'], { cwd: path.join(work, 'demo'), env, encoding: 'utf8' });
    expect(v.stdout).toContain('no problems');
    expect(v.status).toBe(0);
    const report = spawnSync('npx', ['--no-install', 'sms', 'report', 'audit', '--format', 'html'], {
      cwd: path.join(work, 'demo'),
      env,
      encoding: 'utf8',
    });
    expect(report.status).toBe(0);
    expect(report.stdout).toMatch(/^<!doctype html>/);
    // The library entry: import('sms-cli') from the installed tarball, then validate through it.
    const lib = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const sms = await import('sms-cli');
         const config = sms.openConfig(${JSON.stringify(path.join(work, 'demo'))});
         const result = sms.validate(await sms.load(config, { history: 'none' }), { today: '2026-11-23' });
         console.log(JSON.stringify({ rules: sms.RULES.length, errors: result.errorCount, files: result.fileCount, version: sms.version() }));`,
      ],
      { cwd: work, env, encoding: 'utf8' },
    );
    expect(lib.stderr).toBe('');
    const out = JSON.parse(lib.stdout) as { rules: number; errors: number; files: number; version: string };
    expect(out.rules).toBeGreaterThan(20);
    expect(out.errors).toBe(0);
    expect(out.files).toBeGreaterThan(50);
    expect(out.version).toMatch(/^\d+\.\d+\.\d+$/);
  }, 180_000);
});
