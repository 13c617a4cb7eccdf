import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { ROOT, rfc, testEnv } from './helpers.js';

/**
 * sms as a new provider gets it, with nothing published: from the packed tarball and from a git URL
 * with a tag, each into an SMS repository made by `sms init`, running the workflow's own commands;
 * and through Debian's pre-commit framework. The installs are slow (a git install compiles sms), so
 * each happens once, and the three run side by side. npm works from its cache where it can.
 */

const VERSION = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const MANAGER = ['--yes', '--org', 'Acme IT', '--manager', 'Ana Costa <ana@acme.example>'];

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

// The helpers' tmp() removes every folder after each test, which would pull the folders from under
// the tests still running beside it: these tests share one folder, removed after all of them.
let base: string;
let counter = 0;
function scratch(prefix = 'd'): string {
  const d = path.join(base, `${prefix}-${++counter}`);
  mkdirSync(d, { recursive: true });
  return d;
}

/** The machine's npm and TLS settings (registry certificates, proxies) reach npm; the rest is testEnv's. */
const PASS = /^(npm_config_|NODE_EXTRA_CA_CERTS$|SSL_CERT_(FILE|DIR)$|(https?|no)_proxy$)/i;

function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const passed = Object.fromEntries(Object.entries(process.env).filter(([k]) => PASS.test(k)));
  return {
    ...passed,
    ...testEnv(),
    // testEnv's HOME is empty: npm keeps the user's configuration and cache, so installs need no network.
    npm_config_userconfig: process.env.npm_config_userconfig ?? path.join(homedir(), '.npmrc'),
    npm_config_cache: process.env.npm_config_cache ?? path.join(homedir(), '.npm'),
    npm_config_prefer_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    ...extra,
  };
}

/** Runs a command without blocking the other tests of this file. */
function run(cmd: string, args: string[], cwd: string, e: NodeJS.ProcessEnv = env()): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env: e, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString('utf8')));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString('utf8')));
    child.on('error', (err) => resolve({ code: -1, stdout, stderr: `${stderr}${String(err)}` }));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const sms = (args: string[], cwd: string): Promise<Run> => run(process.execPath, [path.join(ROOT, 'bin', 'sms.js'), ...args], cwd);

/**
 * Runs the `run:` steps of the generated GitHub workflow, in order and as written (bash, in the
 * job's working directory), for a push: the event the workflow sees as `github.event_name`.
 */
async function runWorkflow(repo: string): Promise<Run[]> {
  const wf = parse(readFileSync(path.join(repo, '.github/workflows/sms.yml'), 'utf8')) as {
    jobs: { validate: { steps: { run?: string; env?: Record<string, string> }[] } };
  };
  const results: Run[] = [];
  for (const step of wf.jobs.validate.steps) {
    if (!step.run) continue;
    const stepEnv: Record<string, string> = {};
    for (const [k, v] of Object.entries(step.env ?? {}))
      stepEnv[k] = v.replace('${{ github.event_name }}', 'push').replace('${{ github.base_ref }}', '');
    const r = await run('bash', ['-e', '-c', step.run], repo, env(stepEnv));
    results.push(r);
    if (r.code !== 0) break;
  }
  return results;
}

/** A change request with a priority the schema refuses. */
const BAD = rfc({ id: 'RFC-0001', priority: 'P9', requested_by: 'ana@acme.example' });

let source: string;
let tarball: string;
let packedFiles: string[];

afterAll(() => rmSync(base, { recursive: true, force: true }));

beforeAll(() => {
  base = realpathSync(mkdtempSync(path.join(tmpdir(), 'sms-install-')));
  // The working tree as it is (tracked and new files, without what .gitignore excludes), as a
  // repository of its own with the tag of this version: what a clone of a release holds.
  source = path.join(scratch('source'), 'sms');
  mkdirSync(source);
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' })
    .split('\0')
    .filter(Boolean);
  for (const f of files) {
    try {
      cpSync(path.join(ROOT, f), path.join(source, f), { recursive: false });
    } catch {
      // deleted in the working tree but still in the index: not part of what is tested
    }
  }
  const g = (args: string[]): string => execFileSync('git', args, { cwd: source, env: testEnv(), encoding: 'utf8' });
  g(['init', '-q', '-b', 'main']);
  g(['add', '--all']);
  g(['-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'release']);
  g(['tag', `v${VERSION}`]);
  // dist/ is built by `npm test` before the tests run; npm pack ships it.
  const out = scratch('pack');
  const packed = JSON.parse(
    execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', out], { cwd: ROOT, encoding: 'utf8' }),
  ) as { filename: string; files: { path: string }[] }[];
  tarball = path.join(out, packed[0]!.filename);
  packedFiles = packed[0]!.files.map((f) => f.path);
}, 60_000);

describe.concurrent('installing sms with nothing published', () => {
  it('the tarball ships what sms needs, and in a repository made by sms init the workflow commands install it and validate', async () => {
    for (const f of [
      'bin/sms.js',
      'bin/package.json',
      'dist/sms.cjs',
      'dist/cli/run.js',
      'dist/types.json',
      'dist/validators.cjs',
      'dist/report-templates/review.md.cjs',
      'dist/report-templates/style.html.cjs',
      'model/types.yaml',
      'schemas/config.schema.json',
      'templates/init/sms.yml.hbs',
      'templates/init/gitlab-ci.yml.hbs',
      'templates/reports/review.html.hbs',
      'sample-sms/history.yaml',
      'LICENSE',
      'README.md',
    ])
      expect(packedFiles, f).toContain(f);
    expect(packedFiles.filter((f) => /^(src|test|\.bench)\//.test(f) || f === '.npmrc')).toEqual([]);

    const repo = path.join(scratch(), 'acme');
    const init = await sms(['init', repo, ...MANAGER, '--cli-spec', tarball], path.dirname(repo));
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    const lock = JSON.parse(readFileSync(path.join(repo, 'package-lock.json'), 'utf8'));
    expect(lock.packages['node_modules/sms-cli'].resolved).toBe(`file:.sms/${path.basename(tarball)}`);
    mkdirSync(path.join(repo, 'changes'));
    writeFileSync(path.join(repo, 'changes/RFC-0001-x.md'), BAD);
    execFileSync('git', ['add', 'changes'], { cwd: repo });
    execFileSync('git', ['-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'Add RFC-0001'], { cwd: repo, env: testEnv() });

    const steps = await runWorkflow(repo);
    expect(steps.map((s) => s.code)).toEqual([0, 1]);
    expect(steps[1]!.stdout).toMatch(/^::error file=changes\/RFC-0001-x\.md,line=\d+,col=\d+,title=schema::"priority" must be one of/m);

    // The installed package is also a library: import('sms-cli').
    const lib = await run(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const sms = await import('sms-cli');
         const result = sms.validate(await sms.load(sms.openConfig(process.cwd()), { history: 'none' }), { today: '2026-06-01' });
         console.log(JSON.stringify({ errors: result.errorCount, version: sms.version() }));`,
      ],
      repo,
    );
    expect(lib.stderr).toBe('');
    expect(JSON.parse(lib.stdout)).toEqual({ errors: 1, version: VERSION });

    // The sample organisation and a report, from the installed package.
    const sample = await run('npx', ['--no-install', 'sms', 'init', '--sample', 'demo'], repo);
    expect(sample.code).toBe(0);
    const report = await run('npx', ['--no-install', 'sms', 'report', 'audit', '--format', 'html'], path.join(repo, 'demo'));
    expect(report.code).toBe(0);
    expect(report.stdout).toMatch(/^<!doctype html>/);
  }, 300_000);

  it('from a git URL with a tag: npm builds sms (prepare) and the workflow commands validate', async () => {
    const repo = path.join(scratch(), 'acme');
    const spec = `git+file://${source}#v${VERSION}`;
    const init = await sms(['init', repo, ...MANAGER, '--cli-spec', spec], path.dirname(repo));
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    expect(JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')).devDependencies).toEqual({ 'sms-cli': spec });
    mkdirSync(path.join(repo, 'changes'));
    writeFileSync(path.join(repo, 'changes/RFC-0001-x.md'), BAD);
    execFileSync('git', ['add', 'changes'], { cwd: repo });
    execFileSync('git', ['-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'Add RFC-0001'], { cwd: repo, env: testEnv() });

    const steps = await runWorkflow(repo);
    expect(steps[0]!.stderr).not.toMatch(/ERR!|npm error/);
    expect(steps.map((s) => s.code)).toEqual([0, 1]);
    expect(steps[1]!.stdout).toMatch(/^::error file=changes\/RFC-0001-x\.md,line=\d+,col=\d+,title=schema::/m);
    expect(readFileSync(path.join(repo, 'node_modules/sms-cli/dist/cli/run.js'), 'utf8').length).toBeGreaterThan(0);
  }, 300_000);

  const havePreCommit = spawnSync('pre-commit', ['--version']).status === 0;
  // CI installs Debian's pre-commit (.ci/run sets SMS_CI_TOOLS): there, a missing one fails the test.
  (havePreCommit || process.env.SMS_CI_TOOLS ? it : it.skip)(
    `pre-commit: the hook, installed from a clone, refuses a commit whose staged document is bad and accepts a good one; offline (npm's cache), no reinstall once installed${havePreCommit ? '' : ' (skipped: Debian package pre-commit is not installed)'}`,
    async () => {
      // `pre-commit try-repo` installs the environment into a temporary store on every run, so it
      // never runs from a cached environment and would cost a second full build here; the hook as
      // a user installs it covers the same hook definition, and the reuse of its environment.
      /** An SMS repository with a bad document staged, fixed only in the working tree. */
      const stagedBad = async (): Promise<{ repo: string; file: string }> => {
        const repo = scratch();
        expect((await sms(['init', repo, ...MANAGER, '--ci', 'none'], repo)).code).toBe(0);
        const file = path.join(repo, 'changes/RFC-0001-x.md');
        mkdirSync(path.dirname(file));
        writeFileSync(file, BAD);
        await run('git', ['add', 'changes'], repo);
        writeFileSync(file, BAD.replace('P9', 'P2'));
        return { repo, file };
      };
      // npm may not use the network: everything the hook's environment needs comes from its cache.
      const offline = (home: string): NodeJS.ProcessEnv => env({ PRE_COMMIT_HOME: home, npm_config_offline: 'true' });

      // The hook as a user installs it: the environment is installed once and then reused.
      const installed = async (): Promise<void> => {
        const { repo } = await stagedBad();
        const home = scratch('home');
        const e = offline(home);
        writeFileSync(
          path.join(repo, '.pre-commit-config.yaml'),
          `repos:\n  - repo: ${source}\n    rev: v${VERSION}\n    hooks:\n      - id: sms-validate\n`,
        );
        await run('git', ['add', '.pre-commit-config.yaml'], repo, e);
        expect((await run('pre-commit', ['install'], repo, e)).code).toBe(0);
        const head = (await run('git', ['rev-parse', 'HEAD'], repo, e)).stdout;
        const refused = await run('git', ['-c', 'commit.gpgsign=false', 'commit', '-m', 'Add RFC-0001'], repo, e);
        expect(`${refused.stdout}${refused.stderr}`).toContain('"priority" must be one of');
        expect(refused.code).not.toBe(0);
        expect((await run('git', ['rev-parse', 'HEAD'], repo, e)).stdout).toBe(head);
        const environments = (): string[] => readdirSync(home).filter((d) => d.startsWith('repo'));
        expect(environments()).toHaveLength(1);

        await run('git', ['add', 'changes'], repo, e);
        const accepted = await run('git', ['-c', 'commit.gpgsign=false', 'commit', '-m', 'Add RFC-0001'], repo, e);
        expect(`${accepted.stdout}${accepted.stderr}`).toMatch(/sms validate\.+Passed/);
        expect(`${accepted.stdout}${accepted.stderr}`).not.toMatch(/Installing environment/);
        expect(accepted.code).toBe(0);
        expect(environments()).toHaveLength(1);
      };

      await installed();
    },
    300_000,
  );
});
