import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { gitIn, sms, tmp, ROOT } from './helpers.js';
import { stageText } from '../src/cli/sample.js';

describe('sms init --sample', () => {
  const history = parse(readFileSync(path.join(ROOT, 'sample-sms/history.yaml'), 'utf8'));

  it('creates the sample organisation with its backdated history, and it validates with exit 0', () => {
    const dir = path.join(tmp(), 'sample');
    const r = sms(['init', '--sample', dir], path.dirname(dir));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Harbour Lane IT');
    const log = gitIn(dir, ['log', '--format=%an|%ae|%aI']).trim().split('\n');
    expect(log.length).toBe(history.commits.length);
    const authors = new Set(log.map((l) => l.split('|')[0]));
    expect(authors.size).toBeGreaterThanOrEqual(3);
    expect(authors.size).toBeLessThanOrEqual(5);
    expect(log.at(-1)).toMatch(/\|2025-01-06T09:00:00\+00:00$/);
    expect(gitIn(dir, ['status', '--porcelain'])).toBe('');
    const v = sms(['validate', '--format', 'json'], dir);
    expect(JSON.parse(v.stdout)).toMatchObject({ errorCount: 0, warningCount: 0 });
    expect(v.code).toBe(0);
    const h = sms(['validate', '--history', '--format', 'json'], dir);
    expect(JSON.parse(h.stdout)).toMatchObject({ errorCount: 0, warningCount: 0 });
    expect(h.code).toBe(0);
  });

  it("the README's deliberate violation fires: an approved change edited by a practitioner", () => {
    const dir = path.join(tmp(), 'sample');
    sms(['init', '--sample', dir], path.dirname(dir));
    const readme = readFileSync(path.join(dir, 'README.md'), 'utf8');
    const file = 'changes/RFC-0007-upgrade-firewall-firmware.md';
    expect(readme).toContain(file);
    const text = readFileSync(path.join(dir, file), 'utf8');
    expect(text).toContain('during the change window');
    writeFileSync(path.join(dir, file), text.replace('during the change window', 'during office hours'));
    gitIn(dir, ['-c', 'user.name=Jonas Weber', '-c', 'user.email=jonas@harbourlane.example', 'commit', '-qam', 'Tweak RFC-0007']);
    const h = sms(['validate', '--history', '--format', 'json'], dir);
    expect(JSON.parse(h.stdout).diagnostics.map((d: { rule: string; docId: string }) => [d.rule, d.docId])).toEqual([
      ['modified-after-approval', 'RFC-0007'],
    ]);
    expect(h.code).toBe(1);
    const approve = sms(['set-status', 'RFC-0009', 'approved', '--as', 'Jonas Weber <jonas@harbourlane.example>'], dir);
    expect(approve.code).toBe(2);
    expect(approve.stderr).toMatch(/needs CM/);
  });

  it('holds what the issue asks for: services, agreements, 10+ RFCs of every change type, 20+ incidents', () => {
    const dir = path.join(tmp(), 'sample');
    sms(['init', '--sample', dir], path.dirname(dir));
    const files = gitIn(dir, ['ls-files']).split('\n');
    const count = (re: RegExp): number => files.filter((f) => re.test(f)).length;
    expect(count(/^catalogue\/SVC-/)).toBeGreaterThanOrEqual(3);
    expect(count(/^agreements\/customers\/SLA-/)).toBeGreaterThanOrEqual(1);
    expect(count(/^agreements\/suppliers\//)).toBeGreaterThanOrEqual(1);
    expect(count(/^changes\/RFC-/)).toBeGreaterThanOrEqual(10);
    expect(count(/^incidents\/INC-/)).toBeGreaterThanOrEqual(20);
    expect(count(/^configuration\/CI-/)).toBeGreaterThanOrEqual(1);
    expect(count(/^feedback\/FB-/)).toBeGreaterThanOrEqual(1);
    expect(count(/^reports\/performance\//)).toBe(1);
    expect(count(/^reports\/improvement\//)).toBe(1);
    const types = new Set(
      files.filter((f) => f.startsWith('changes/RFC-')).map((f) => /change_type: (\S+)/.exec(readFileSync(path.join(dir, f), 'utf8'))![1]),
    );
    expect([...types].sort()).toEqual(['emergency', 'normal', 'pre-approved']);
    const statuses = new Set(
      files.filter((f) => f.startsWith('changes/RFC-')).map((f) => /^status: (\S+)/m.exec(readFileSync(path.join(dir, f), 'utf8'))![1]),
    );
    expect([...statuses].sort()).toEqual(['approved', 'draft', 'rejected', 'updated']);
  });

  it('refuses a non-empty directory', () => {
    const dir = tmp();
    sms(['init', '--sample', dir], dir);
    const again = sms(['init', '--sample', dir], dir);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/not empty/);
  });

  it('stageText changes the status and drops fields, leaving the body as it was', () => {
    const text = '---\nid: RFC-0001\nstatus: approved\napproved_by: tom@x.example\napproved_on: "2025-01-01"\n---\n\n## Purpose\n\nBody.\n';
    expect(stageText(text, { path: 'x', status: 'draft', drop: ['approved_by', 'approved_on'] })).toBe(
      '---\nid: RFC-0001\nstatus: draft\n---\n\n## Purpose\n\nBody.\n',
    );
    expect(stageText(text, { path: 'x' })).toBe(text);
  });
});
