import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { gitIn, sms, smsInProcess, testEnv, tmp, ROOT, type CliResult } from './helpers.js';
import { stageText } from '../src/cli/sample.js';

// The sample is made once, through the binary, for the tests that only read it; a test that
// changes it works on a copy. tmp() folders go after each test, so this one is removed after all.
let shared: string;
let created: CliResult;
beforeAll(() => {
  shared = path.join(realpathSync(mkdtempSync(path.join(tmpdir(), 'sms-sample-'))), 'sample');
  created = sms(['init', '--sample', shared], path.dirname(shared));
}, 60_000);
afterAll(() => rmSync(path.dirname(shared), { recursive: true, force: true }));

/**
 * The sample's history runs to late November 2026: it is read as of the 30th, so that its last commits are not
 * dated after today, and a commit a test adds comes after them.
 */
const sampleEnv = (): NodeJS.ProcessEnv => testEnv({ SMS_TODAY: '2026-11-30' });

/** A copy of the sample made in beforeAll (its history included), for a test to change. */
function sampleCopy(): string {
  const dir = path.join(tmp(), 'sample');
  cpSync(shared, dir, { recursive: true });
  return dir;
}

describe('sms init --sample', () => {
  const history = parse(readFileSync(path.join(ROOT, 'sample-sms/history.yaml'), 'utf8'));

  it('creates the sample organisation with its backdated history, and it validates with exit 0', async () => {
    const dir = shared;
    const r = created;
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Harbour Lane IT');
    const log = gitIn(dir, ['log', '--format=%an|%ae|%aI']).trim().split('\n');
    expect(log.length).toBe(history.commits.length);
    const authors = new Set(log.map((l) => l.split('|')[0]));
    // The five people of the roles document, each in their local (Berlin) time.
    expect([...authors].sort()).toEqual(['Jonas Weber', 'Lea Fischer', 'Maria Santos', 'Priya Nair', 'Tom Becker']);
    expect(log.at(-1)).toBe('Maria Santos|maria@harbourlane.example|2025-01-06T09:30:00+01:00');
    expect(log[0]).toMatch(/\|2026-11-\d\dT\d\d:\d\d:00\+01:00$/);
    // Without a place to install sms from, no CI is written (a package.json pinning nothing would fail npm ci).
    expect(r.stdout).toMatch(/No CI was added: pass --cli-spec/);
    expect(existsSync(path.join(dir, 'package.json'))).toBe(false);
    expect(gitIn(dir, ['status', '--porcelain'])).toBe('');
    const v = await smsInProcess(['validate', '--format', 'json'], dir, sampleEnv());
    expect(JSON.parse(v.stdout)).toMatchObject({ errorCount: 0, warningCount: 0 });
    expect(v.code).toBe(0);
    const h = await smsInProcess(['validate', '--history', '--format', 'json'], dir, sampleEnv());
    expect(JSON.parse(h.stdout)).toMatchObject({ errorCount: 0, warningCount: 0 });
    expect(h.code).toBe(0);
  });

  it("the README's deliberate violation fires: an approved change edited by a practitioner", async () => {
    const dir = sampleCopy();
    const readme = readFileSync(path.join(dir, 'README.md'), 'utf8');
    const file = 'changes/RFC-0015-upgrade-the-kessler-legal-firewall-to-firmware-7-2-4.md';
    expect(readme).toContain(file);
    const text = readFileSync(path.join(dir, file), 'utf8');
    expect(text).toContain('during the change window');
    writeFileSync(path.join(dir, file), text.replace('during the change window', 'during office hours'));
    gitIn(
      dir,
      ['-c', 'user.name=Jonas Weber', '-c', 'user.email=jonas@harbourlane.example', 'commit', '-qam', 'Tweak RFC-0015'],
      sampleEnv(),
    );
    const h = await smsInProcess(['validate', '--history', '--format', 'json'], dir, sampleEnv());
    expect(JSON.parse(h.stdout).diagnostics.map((d: { rule: string; docId: string }) => [d.rule, d.docId])).toEqual([
      ['modified-after-approval', 'RFC-0015'],
    ]);
    expect(h.code).toBe(1);
    expect(readme).toContain('sms set-status RFC-0018 approved');
    const approve = await smsInProcess(['set-status', 'RFC-0018', 'approved', '--as', 'Jonas Weber <jonas@harbourlane.example>'], dir);
    expect(approve.code).toBe(2);
    expect(approve.stderr).toMatch(/needs CM/);
  });

  it('holds every kind of record: services, agreements, RFCs of every change type and status, incidents, reports, reviews', () => {
    const dir = shared;
    const files = gitIn(dir, ['ls-files']).split('\n');
    const count = (re: RegExp): number => files.filter((f) => re.test(f)).length;
    expect(count(/^catalogue\/SVC-/)).toBeGreaterThanOrEqual(3);
    expect(count(/^agreements\/customers\/SLA-/)).toBeGreaterThanOrEqual(1);
    expect(count(/^agreements\/suppliers\//)).toBeGreaterThanOrEqual(1);
    expect(count(/^changes\/RFC-/)).toBeGreaterThanOrEqual(10);
    expect(count(/^incidents\/INC-/)).toBeGreaterThanOrEqual(20);
    expect(count(/^configuration\/CI-/)).toBeGreaterThanOrEqual(1);
    expect(count(/^feedback\/FB-/)).toBeGreaterThanOrEqual(1);
    expect(count(/^reports\/performance\//)).toBe(23);
    expect(count(/^reports\/improvement\//)).toBe(2);
    expect(count(/^reviews\/MR-/)).toBe(2);
    expect(count(/^audits\/AUD-/)).toBe(1);
    expect(count(/^nonconformities\/NC-/)).toBe(3);
    expect(count(/^problems\/PRB-/)).toBe(4);
    expect(count(/^risks\/RISK-/)).toBe(6);
    expect(count(/^people\/training\/TRN-/)).toBe(14);
    const types = new Set(
      files.filter((f) => f.startsWith('changes/RFC-')).map((f) => /change_type: (\S+)/.exec(readFileSync(path.join(dir, f), 'utf8'))![1]),
    );
    expect([...types].sort()).toEqual(['emergency', 'normal', 'pre-approved']);
    const statuses = new Set(
      files.filter((f) => f.startsWith('changes/RFC-')).map((f) => /^status: (\S+)/m.exec(readFileSync(path.join(dir, f), 'utf8'))![1]),
    );
    expect([...statuses].sort()).toEqual(['approved', 'draft', 'rejected', 'updated']);
  });

  it('with --cli-spec, adds the CI sms init writes in one more commit, and the repository still validates', async () => {
    const dir = path.join(tmp(), 'sample');
    const env = sampleEnv();
    const r = await smsInProcess(['init', '--sample', dir, '--cli-spec', 'sms-cli@0.1.0', '--no-install'], path.dirname(dir), env);
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'))).toMatchObject({
      private: true,
      devDependencies: { 'sms-cli': '0.1.0' },
      engines: { node: '>=22' },
    });
    const workflow = readFileSync(path.join(dir, '.github/workflows/sms.yml'), 'utf8');
    expect(workflow).toContain('npm ci');
    expect(workflow).toContain('npx --no-install sms validate');
    expect(workflow).toContain('node-version: 22');
    expect(workflow).toContain('permissions:\n  contents: read');
    expect(workflow).toContain('push:\n    branches: [main]');
    expect(gitIn(dir, ['log', '-1', '--format=%an|%s'])).toBe('Ana Costa|Run sms validate in CI, with sms pinned in package.json\n');
    expect(gitIn(dir, ['status', '--porcelain'])).toBe('');
    const h = await smsInProcess(['validate', '--history', '--format', 'json'], dir, env);
    expect(JSON.parse(h.stdout)).toMatchObject({ errorCount: 0, warningCount: 0 });
  });

  it('refuses a --cli-spec it cannot pin before writing anything', async () => {
    const dir = path.join(tmp(), 'sample');
    const r = await smsInProcess(['init', '--sample', dir, '--cli-spec', 'not a spec'], path.dirname(dir));
    expect(r.code).toBe(2);
    expect(existsSync(dir)).toBe(false);
  });

  it('refuses a non-empty directory', async () => {
    const dir = sampleCopy();
    const again = await smsInProcess(['init', '--sample', dir], dir);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/not empty/);
  });

  it('stageText changes the status and drops fields, leaving the body as it was', () => {
    const text = '---\nid: RFC-0001\nstatus: approved\napproved_by: tom@x.example\napproved_on: "2025-01-01"\n---\n\n## Purpose\n\nBody.\n';
    expect(stageText(text, { path: 'x', status: 'draft', drop: ['approved_by', 'approved_on'] })).toBe(
      '---\nid: RFC-0001\nstatus: draft\n---\n\n## Purpose\n\nBody.\n',
    );
    expect(stageText(text, { path: 'x' })).toBe(text);
    // A section as it stood at that step, or not written yet.
    const two = `${text}\n## Post-implementation review\n\nDeployed.\n`;
    expect(stageText(two, { path: 'x', sections: { 'Post-implementation review': null } })).toBe(text);
    expect(stageText(two, { path: 'x', sections: { Purpose: 'Earlier body.' } })).toContain(
      '## Purpose\n\nEarlier body.\n\n## Post-implementation review',
    );
    expect(() => stageText(text, { path: 'x', sections: { Missing: 'y' } })).toThrow(/no section "Missing"/);
  });
});
