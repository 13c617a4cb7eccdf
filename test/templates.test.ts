import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { CONFIG, ROOT, baseSms, commitFiles, md, rolesDoc, smsInProcess, tmp, writeFiles } from './helpers.js';

/** Text that would act in one output format or another if it reached it unescaped. */
const HOSTILE = [
  '<script>alert(1)</script>',
  '<img src=x onerror="alert(2)">',
  '%%{init: {"theme": "dark", "securityLevel": "loose"}}%%',
  'click A call alert()',
  '```mermaid',
  '~~~',
  '| a | b |',
  '# Heading',
  '[link](javascript:alert(3))',
  '{{constructor}}',
  'R&D <b>x</b>',
  'line one\nline two\r\n---',
];
const H = (i: number): string => HOSTILE[i % HOSTILE.length]!;

/** A repository where every text field a report shows carries hostile text. */
function hostileRepo(): string {
  const dir = tmp();
  const incidents: Record<string, string> = {};
  for (let i = 0; i < HOSTILE.length; i++) {
    const n = String(i + 1).padStart(4, '0');
    incidents[`incidents/INC-${n}-x.md`] = md(
      {
        id: `INC-${n}`,
        type: 'incident',
        title: H(i),
        status: 'closed',
        priority: i % 3 ? 'P1' : H(i),
        opened: `2026-03-${String(i + 1).padStart(2, '0')}T08:00:00Z`,
        resolved: `2026-03-${String(i + 1).padStart(2, '0')}T18:00:00Z`,
        closed: `2026-03-${String(i + 1).padStart(2, '0')}T18:00:00Z`,
        reported_by: H(i + 1),
        services: ['SVC-0001', H(i), H(i + 5)],
      },
      '\n## Description\n\n## Restoration steps\n\n## Solution\n',
    );
    incidents[`changes/RFC-${n}-x.md`] = md(
      {
        id: `RFC-${n}`,
        type: 'change-request',
        title: H(i + 2),
        status: i % 2 ? 'approved' : H(i),
        change_type: H(i + 3),
        priority: 'P2',
        requested_by: H(i),
        approved_on: '2026-03-10',
        planned_date: '2026-03-20',
      },
      '\n## Purpose\n\n## Business impact\n\n## Scope\n',
    );
    incidents[`feedback/FB-${n}-x.md`] = md(
      { id: `FB-${n}`, type: 'feedback', title: H(i + 4), status: 'updated', kind: H(i), received: '2026-03-05', handling: H(i + 1) },
      '\n## Comment\n',
    );
  }
  writeFiles(dir, {
    'sms.config.yaml': `organisation: ${JSON.stringify(`Acme ${H(0)} ${H(7)}`)}\n`,
    'governance/roles.md': rolesDoc(),
    'catalogue/SVC-0001-a.md': md(
      { id: 'SVC-0001', type: 'service', title: H(8), status: 'approved', owner: H(1) },
      '\n## Description\n\n## Service hours\n\n## Quality measures\n\n## How to use\n',
    ),
    'agreements/customers/SLA-0001-a.md': md(
      `id: SLA-0001\ntype: customer-agreement\ntitle: ${JSON.stringify(H(2))}\nstatus: approved\ncustomer: ${JSON.stringify(H(3))}\nservices: [SVC-0001]\nstart: "2026-01-01"\nend: "2027-01-01"\nreview: "2026-02-01"\nowner: x\ntargets:\n  P1: { resolution_hours: 4 }\n  ${JSON.stringify(H(2))}: { resolution_hours: 1 }`,
      '\n## Scope\n',
    ),
    'improvement/IMP-0001-a.md': md(
      `id: IMP-0001\ntype: improvement-report\ntitle: ${JSON.stringify(H(4))}\nstatus: approved\nperiod_end: "2025-12-31"\nactions:\n${HOSTILE.map((h, i) => `  - { id: ${JSON.stringify(h)}, action: ${JSON.stringify(H(i + 1))}, owner: ${JSON.stringify(H(i + 2))}, due: ${JSON.stringify(H(i + 3))}, status: ${JSON.stringify(H(i + 4))} }`).join('\n')}`,
      '\n## Actions\n',
    ),
    ...incidents,
  });
  // The audit rests on history: the records are committed.
  commitFiles(dir);
  return dir;
}

const PERIOD = ['--since', '2026-01-01', '--until', '2026-05-31'];

/** The lines of Mermaid blocks, and everything outside them. */
function splitMermaid(text: string): { mermaid: string[]; rest: string[] } {
  const mermaid: string[] = [];
  const rest: string[] = [];
  let inside = false;
  for (const line of text.split('\n')) {
    if (line === '```mermaid') inside = true;
    else if (inside && line === '```') inside = false;
    else (inside ? mermaid : rest).push(line);
  }
  expect(inside, 'a Mermaid block is not closed').toBe(false);
  return { mermaid, rest };
}

describe('reports escape document text for their output format', () => {
  // One repository for the whole table (tmp() folders are removed after each test).
  let dir = '';
  beforeAll(() => {
    const made = hostileRepo();
    dir = mkdtempSync(path.join(tmpdir(), 'sms-hostile-'));
    cpSync(made, dir, { recursive: true });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const kinds: [string, string[]][] = [
    ['review', []],
    ['audit', []],
    ['performance', ['--agreement', 'SLA-0001']],
    ['changes', []],
  ];

  it.each(kinds)('%s as Markdown: no raw HTML, no Mermaid directive, no heading or table row from a value', async (kind, extra) => {
    const r = await smsInProcess(['report', kind, '--format', 'md', ...PERIOD, ...extra], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const { mermaid, rest } = splitMermaid(r.stdout);
    // Every Mermaid line is one of the chart statements, with labels of letters, digits and a few marks.
    const LABEL = '"[\\p{L}\\p{N} ._/+-]*"';
    const statement = new RegExp(
      `^(?:xychart-beta|pie title [\\p{L}\\p{N} ._/+-]*| {2}title ${LABEL}| {2}x-axis \\[(?:${LABEL}(?:, )?)*\\]| {2}y-axis ${LABEL} 0 --> \\d+| {2}(?:bar|line) \\[[\\d., ]*\\]| {2}${LABEL} : \\d+)$`,
      'u',
    );
    for (const line of mermaid) expect(line).toMatch(statement);
    const text = rest.join('\n');
    expect(text).toContain('\\<script\\>alert\\(1\\)\\</script\\>');
    expect(text).not.toMatch(/(?<!\\)<(?:script|img|b)\b/i);
    expect(text).not.toContain('%%{');
    expect(text).not.toMatch(/(?<!\\)\[link\]/);
    // No value starts a line: every heading is one of the template's, values only where it puts them.
    const template = readFileSync(path.join(ROOT, 'templates/reports', `${kind}.md.hbs`), 'utf8');
    const headings = template
      .split('\n')
      .filter((l) => l.startsWith('#'))
      .map(
        (l) =>
          new RegExp(
            `^${l
              .split(/\{\{[^}]*\}\}/)
              .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
              .join('.*')}$`,
          ),
      );
    for (const line of rest.filter((l) => l.startsWith('#')))
      expect(
        headings.some((h) => h.test(line)),
        line,
      ).toBe(true);
    // Raw HTML only where the template writes it (anchors such as <a id="go-1-1"></a>), filled with escaped ids.
    const html = template
      .split('\n')
      .filter((l) => l.startsWith('<'))
      .map(
        (l) =>
          new RegExp(
            `^${l
              .split(/\{\{[^}]*\}\}/)
              .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
              .join('[\\w.-]*')}$`,
          ),
      );
    for (const line of rest.filter((l) => l.startsWith('<')))
      expect(
        html.some((h) => h.test(line)),
        line,
      ).toBe(true);
    for (const line of rest) expect(line).not.toMatch(/^(?:line two|---|%%|click)/);
    expect(rest.filter((l) => /^(?:```|~~~)/.test(l))).toEqual([]);
    // Each table row has as many cells as its header: a "|" in a value cannot add a column.
    let columns = 0;
    for (const line of rest) {
      if (!line.startsWith('|')) {
        columns = 0;
        continue;
      }
      const cells = line.split(/(?<!\\)\|/).length;
      if (columns === 0) columns = cells;
      else expect(cells, line).toBe(columns);
    }
  });

  it.each(kinds)('%s as HTML: every value is text, nothing runs', async (kind, extra) => {
    const r = await smsInProcess(['report', kind, '--format', 'html', ...PERIOD, ...extra], dir);
    expect(r.code).toBe(0);
    // Only the template's own elements, and no event handler in any of them.
    const template = readFileSync(path.join(ROOT, 'templates/reports', `${kind}.html.hbs`), 'utf8');
    const allowed = new Set([...template.matchAll(/<\/?([a-z][a-z0-9]*)/gi)].map((m) => m[1]!.toLowerCase()));
    for (const t of ['svg', 'title', 'text', 'line', 'rect', 'style']) allowed.add(t);
    for (const m of r.stdout.matchAll(/<\/?([a-z][a-z0-9]*)/gi)) expect(allowed, m[0]).toContain(m[1]!.toLowerCase());
    expect(r.stdout).not.toMatch(/<[^>]*\son\w+\s*=/i);
    expect(r.stdout).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe('override templates', () => {
  it('a symbolic link is never followed: not to a private key, not to a FIFO', async () => {
    const dir = tmp();
    baseSms(dir);
    const outside = tmp();
    writeFileSync(path.join(outside, 'id_rsa'), '-----BEGIN OPENSSH PRIVATE KEY-----\nsecret\n');
    mkdirSync(path.join(dir, '.sms/templates/reports'), { recursive: true });
    symlinkSync(path.join(outside, 'id_rsa'), path.join(dir, '.sms/templates/reports/style.css'));
    symlinkSync(path.join(outside, 'id_rsa'), path.join(dir, '.sms/templates/reports/review.md.hbs'));
    execFileSync('mkfifo', [path.join(dir, '.sms/templates/reports/review.html.hbs')]);
    for (const format of ['md', 'html']) {
      const r = await smsInProcess(['report', 'review', '--format', format], dir);
      expect(r.code).toBe(0);
      expect(r.stdout).not.toContain('PRIVATE KEY');
      expect(r.stdout).toContain('Management review input');
    }
    // A folder link out of the repository is not followed either.
    const dir2 = tmp();
    baseSms(dir2);
    mkdirSync(path.join(outside, 'reports'));
    writeFileSync(path.join(outside, 'reports/review.md.hbs'), 'LEAKED {{organisation}}');
    mkdirSync(path.join(dir2, '.sms'));
    symlinkSync(outside, path.join(dir2, '.sms/templates'));
    expect((await smsInProcess(['report', 'review'], dir2)).stdout).not.toContain('LEAKED');
  });
});

describe('templates of custom types', () => {
  it('section names, statuses and keys are data, never template source', async () => {
    const dir = tmp();
    writeFiles(dir, {
      'sms.config.yaml': [
        CONFIG.trim(),
        'custom_types:',
        '  - key: risk',
        '    title: Risk',
        '    folder: risks',
        '    id: { prefix: RISK, digits: 4 }',
        '    statuses: ["a: b", closed]',
        '    initial: ["a: b"]',
        '    transitions: { "a: b": [closed] }',
        '    sections: ["{{#each", "{{> partial}}", "{{constructor.name}}", "Plain"]',
        '',
      ].join('\n'),
      'governance/roles.md': rolesDoc(),
    });
    const r = await smsInProcess(['new', 'risk', 'Flood'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const text = readFileSync(path.join(dir, r.stdout.trim()), 'utf8');
    expect(parse(text.split('---\n')[1]!)).toMatchObject({ id: 'RISK-0001', type: 'risk', title: 'Flood', status: 'a: b' });
    expect(text).toContain('\n## {{#each\n\n## {{> partial}}\n\n## {{constructor.name}}\n\n## Plain\n');
    expect((await smsInProcess(['validate', '--format', 'json', '--no-git'], dir)).code).toBe(0);
  });
});
