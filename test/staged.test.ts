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

  it('cannot be combined with --history', async () => {
    const dir = tmp();
    baseSms(dir);
    gitRepo(dir, [{ files: {} }]);
    const r = await smsInProcess(['validate', '--staged', '--history'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--staged checks the index against HEAD/);
  });
});
