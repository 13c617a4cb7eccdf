import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { baseSms, gitIn, gitRepo, md, smsInProcess, tmp, type Finding } from './helpers.js';

const INC = (priority: string, status = 'opened'): string =>
  md(
    {
      id: 'INC-0001',
      type: 'incident',
      title: 'VPN down',
      status,
      priority,
      opened: '2026-05-01T08:00:00Z',
      reported_by: 'cleo@acme.example',
      services: ['SVC-0001'],
    },
    '\n## Description\n\n## Restoration steps\n\n## Solution\n',
  );

describe('sms validate --staged', () => {
  it('checks what the next commit will contain, not the working tree', async () => {
    const dir = tmp();
    baseSms(dir);
    gitRepo(dir, [{ files: {} }]);
    const f = path.join(dir, 'incidents', 'INC-0001-vpn.md');
    mkdirSync(path.dirname(f));
    writeFileSync(f, INC('P9'));
    gitIn(dir, ['add', '--all']);
    writeFileSync(f, INC('P3')); // fixed only in the working tree
    const staged = await smsInProcess(['validate', '--staged', '--format', 'json'], dir);
    expect(staged.code).toBe(1);
    const found = (JSON.parse(staged.stdout) as { diagnostics: Finding[] }).diagnostics;
    expect(found.map((d) => [d.rule, d.file, d.line])).toEqual([['schema', 'incidents/INC-0001-vpn.md', 6]]);
    expect((await smsInProcess(['validate'], dir)).code).toBe(0);
  });

  it('a staged status change is checked against HEAD, and the index file is left as it was', async () => {
    const dir = tmp();
    baseSms(dir, { 'incidents/INC-0001-vpn.md': INC('P2', 'closed') });
    gitRepo(dir, [{ files: {} }]);
    writeFileSync(path.join(dir, 'incidents', 'INC-0001-vpn.md'), INC('P2', 'opened'));
    gitIn(dir, ['add', '--all']);
    const before = gitIn(dir, ['ls-files', '--stage', '--debug']);
    const r = await smsInProcess(['validate', '--staged', '--format', 'json'], dir);
    expect(r.code).toBe(1);
    const found = (JSON.parse(r.stdout) as { diagnostics: Finding[] }).diagnostics;
    expect(found.map((d) => d.rule)).toEqual(['status-transition']);
    expect(found[0]!.message).toMatch(/went from "closed" to "opened" \(staged change\)/);
    expect(gitIn(dir, ['ls-files', '--stage', '--debug'])).toBe(before);
  });

  it('in an SMS kept in a subfolder, with many documents: each staged change is checked against its own version in HEAD', async () => {
    const top = tmp();
    const dir = path.join(top, 'docs', 'sms');
    const incident = (n: number, status: string): string => INC('P2', status).replace('INC-0001', `INC-${String(n).padStart(4, '0')}`);
    const files: Record<string, string> = {};
    for (let n = 1; n <= 40; n++) files[`incidents/INC-${String(n).padStart(4, '0')}-x.md`] = incident(n, 'closed');
    baseSms(dir, files);
    // The same paths at the top of the repository, outside the SMS, must not be taken for its documents.
    baseSms(top, { 'incidents/INC-0007-x.md': incident(7, 'opened') });
    gitRepo(top, [{ files: {} }]);
    for (const n of [7, 23]) writeFileSync(path.join(dir, `incidents/INC-00${String(n).padStart(2, '0')}-x.md`), incident(n, 'opened'));
    gitIn(top, ['add', '--all']);
    const r = await smsInProcess(['validate', '--staged', '--format', 'json'], dir);
    const found = (JSON.parse(r.stdout) as { diagnostics: Finding[] }).diagnostics;
    expect(found.map((d) => [d.rule, d.file])).toEqual([
      ['status-transition', 'incidents/INC-0007-x.md'],
      ['status-transition', 'incidents/INC-0023-x.md'],
    ]);
    expect(found[0]!.message).toMatch(/went from "closed" to "opened" \(staged change\)/);
    expect(r.code).toBe(1);
  });

  it('cannot be combined with --history', async () => {
    const dir = tmp();
    baseSms(dir);
    gitRepo(dir, [{ files: {} }]);
    const r = await smsInProcess(['validate', '--staged', '--history'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--staged checks the index against HEAD/);
  });
});
