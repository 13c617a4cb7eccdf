import { describe, expect, it } from 'vitest';
import {
  existsSync,
  mkdirSync,
  symlinkSync,
  writeFileSync,
  openSync,
  ftruncateSync,
  closeSync,
  readdirSync,
  readFileSync,
  statSync,
} from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import {
  CONFIG,
  SERVICE,
  agreementDoc,
  baseSms,
  gitRepo,
  incidentDoc,
  md,
  rfc,
  rolesCommits,
  rolesDoc,
  sms,
  smsInProcess,
  testEnv,
  tmp,
  writeFiles,
} from './helpers.js';
import type { Finding } from './helpers.js';
import { parseConfig } from '../src/repo/config.js';
import { readDocument } from '../src/repo/documents.js';
import { auditCsv, type AuditData } from '../src/report/audit.js';
import { buildRuleContext } from '../src/validate.js';
import { RULES } from '../src/rules/index.js';
import { runRule } from '../src/rules/registry.js';

async function check(files: Record<string, string | Buffer>): Promise<{ code: number; diagnostics: Finding[]; stderr: string }> {
  const dir = tmp();
  baseSms(dir, files);
  const r = await smsInProcess(['validate', '--format', 'json'], dir);
  expect(r.stderr).toBe('');
  return { code: r.code, diagnostics: (JSON.parse(r.stdout) as { diagnostics: Finding[] }).diagnostics, stderr: r.stderr };
}

const F = 'changes/RFC-0001-a.md';
const only = (ds: Finding[], file = F): [string, number][] => ds.filter((d) => d.file === file).map((d) => [d.rule, d.line]);

describe('hostile and broken front matter', () => {
  it('invalid YAML: located yaml-syntax', async () => {
    const r = await check({ [F]: '---\nid: RFC-0001\ntitle: [unclosed\n---\n' });
    expect(only(r.diagnostics)[0]).toEqual(['yaml-syntax', 3]);
    expect(r.code).toBe(1);
  });

  it('alias bomb ("billion laughs") is refused quickly', async () => {
    let y = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i < 12; i++)
      y += `a${i}: &a${i} [${Array(10)
        .fill(`*a${i - 1}`)
        .join(', ')}]\n`;
    const t = Date.now();
    const r = await check({ [F]: `---\n${y}---\n` });
    expect(Date.now() - t).toBeLessThan(10_000);
    expect(r.diagnostics.find((d) => d.file === F)).toMatchObject({ rule: 'yaml-syntax', message: expect.stringMatching(/alias/i) });
  });

  it('nesting 5000 deep', async () => {
    const r = await check({ [F]: `---\nid: ${'['.repeat(5000)}${']'.repeat(5000)}\n---\n` });
    expect(only(r.diagnostics)[0]?.[0]).toBe('yaml-syntax');
    expect(r.code).toBe(1);
  });

  it('duplicate keys', async () => {
    const r = await check({ [F]: rfc().replace('priority: "P2"', 'priority: "P2"\npriority: "P1"') });
    expect(only(r.diagnostics)).toEqual([['yaml-syntax', 8]]);
  });

  it('duplicate null and boolean keys (null: and NULL:, TRUE: and true:) are duplicates, as in yaml', async () => {
    const r = await check({
      [F]: rfc().replace('---\n\n##', 'null: 1\nNULL: 2\n---\n\n##'),
      'changes/RFC-0002-b.md': rfc({ id: 'RFC-0002' }).replace('---\n\n##', 'TRUE: 1\ntrue: 2\n---\n\n##'),
    });
    expect(only(r.diagnostics)).toEqual([['yaml-syntax', 10]]);
    expect(only(r.diagnostics, 'changes/RFC-0002-b.md')).toEqual([['yaml-syntax', 10]]);
  });

  it('front matter over 32 KB is reported and not parsed; the file limit is separate', async () => {
    const keys = Array.from({ length: 4000 }, (_, i) => `k${i}: v`).join('\n');
    const r = await check({ [F]: rfc().replace('---\n\n##', `${keys}\n---\n\n##`) });
    expect(r.diagnostics.filter((d) => d.file === F)).toEqual([
      expect.objectContaining({
        rule: 'front-matter',
        line: 1,
        message: expect.stringMatching(/^front matter is \d+ KB, over the 32 KB limit/),
      }),
    ]);
  });

  it('__proto__ and constructor keys do not pollute prototypes', async () => {
    const r = await check({
      [F]: rfc().replace('---\n\n##', '__proto__: { polluted: yes }\nconstructor: { prototype: { polluted: yes } }\n---\n\n##'),
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
    expect(only(r.diagnostics).map((d) => d[0])).toEqual(['schema', 'schema']);
  });

  it.each(['js', 'javascript'])('---%s front matter is never executed', async (lang) => {
    const dir = tmp();
    const marker = path.join(dir, 'executed');
    const payload = `---${lang}\n{ id: require('fs').writeFileSync(${JSON.stringify(marker)}, 'x') }\n---\n`;
    baseSms(dir, { [F]: payload });
    const r = sms(['validate', '--format', 'json'], dir);
    expect(existsSync(marker)).toBe(false);
    const d = (JSON.parse(r.stdout) as { diagnostics: Finding[] }).diagnostics.find((x) => x.file === F)!;
    expect(d).toMatchObject({ rule: 'front-matter', line: 1, message: expect.stringContaining('nothing in it was executed') });
    expect(r.code).toBe(1);
  });

  it('front matter not closed, and ---- as a closer', async () => {
    const a = await check({ [F]: '---\nid: RFC-0001\n' });
    expect(only(a.diagnostics)).toEqual([['front-matter', 1]]);
    const b = await check({ [F]: '---\nid: RFC-0001\n----\n# body\n' });
    expect(b.diagnostics.find((d) => d.file === F)).toMatchObject({
      rule: 'front-matter',
      line: 3,
      message: expect.stringContaining('"----" is not a closing delimiter'),
    });
  });

  it('leading blank line before the front matter', async () => {
    const r = await check({ [F]: `\n${rfc()}` });
    expect(r.diagnostics.find((d) => d.file === F)).toMatchObject({
      rule: 'front-matter',
      message: expect.stringContaining('blank line before the front matter'),
    });
  });

  it('BOM and CRLF are accepted, and lines stay right', async () => {
    const crlf = `\uFEFF${rfc({ priority: 'P9' })}`.replace(/\n/g, '\r\n');
    const r = await check({ [F]: crlf });
    expect(only(r.diagnostics)).toEqual([['schema', 7]]);
    const clean = await check({ [F]: `\uFEFF${rfc()}`.replace(/\n/g, '\r\n') });
    expect(clean.code).toBe(0);
  });

  it('empty file, empty front matter, second document, non-mapping root', async () => {
    const r = await check({
      'changes/empty.md': '',
      'changes/empty-fm.md': '---\n---\n# x\n',
      'changes/two-docs.md': '---\nid: RFC-0002\n--- second: 1\n---\n',
      'changes/list.md': '---\n- a\n- b\n---\n',
      'changes/scalar.md': '---\njust text\n---\n',
    });
    const byFile = Object.fromEntries(r.diagnostics.map((d) => [d.file, d]));
    expect(byFile['changes/empty.md']).toMatchObject({ rule: 'front-matter', message: expect.stringContaining('empty file') });
    expect(byFile['changes/empty-fm.md']).toMatchObject({ rule: 'front-matter', message: 'front matter is empty' });
    expect(byFile['changes/list.md']).toMatchObject({ rule: 'front-matter', line: 2, message: expect.stringContaining('found a list') });
    expect(byFile['changes/scalar.md']).toMatchObject({ rule: 'front-matter', message: expect.stringContaining('found string') });
    expect(byFile['changes/two-docs.md']).toMatchObject({
      rule: 'front-matter',
      message: expect.stringContaining('more than one YAML document'),
    });
  });

  it('YAML 1.1 traps: yes/on stay strings, unquoted dates stay dates, !!timestamp warns, version 1.10, ~ as status', async () => {
    const inc =
      '---\nid: INC-0001\ntype: incident\ntitle: x\nstatus: opened\npriority: P2\nopened: 2026-05-01T08:00:00Z\nreported_by: ana@acme.example\nservices: [SVC-0001]\nsecurity: yes\nversion: 1.10\n---\n\n## Description\n\n## Restoration steps\n\n## Solution\n';
    const r = await check({
      'incidents/INC-0001-a.md': inc,
      [F]: rfc({ approved_on: '2026-05-01' }).replace('"2026-05-01"', '!!timestamp 2026-05-01').replace('status: "draft"', 'status: ~'),
      'changes/RFC-0002-b.md': rfc({ id: 'RFC-0002' }).replace('"draft"', 'draft\ndate_needed: 2026-07-01'),
    });
    const incFindings = r.diagnostics.filter((d) => d.file === 'incidents/INC-0001-a.md');
    expect(incFindings.map((d) => [d.rule, d.line, d.message])).toEqual([
      ['schema', 10, '"security" must be a boolean, found string'],
      ['schema', 11, '"version" must be a string, found number'],
    ]);
    expect(
      only(r.diagnostics)
        .map((d) => d[0])
        .sort(),
    ).toEqual(['front-matter', 'status-value']);
    expect(r.diagnostics.find((d) => d.rule === 'status-value')!.message).toMatch(/status is empty/);
    expect(only(r.diagnostics, 'changes/RFC-0002-b.md')).toEqual([]);
  });

  it("the yaml library's warnings (unresolved tags, collection keys) never reach stderr as Node process warnings", () => {
    const dir = tmp();
    const odd = rfc({ id: 'RFC-0002' }).replace('status: "draft"', 'status: "draft"\n? [a, b]\n: 1\nx: !!js/function f');
    baseSms(dir, { 'changes/RFC-0002-odd.md': odd });
    gitRepo(dir, [{ files: {} }]);
    const noWarning = (stderr: string): void => expect(stderr).not.toMatch(/\(node:\d+\)|Warning|trace-warnings/);
    const tag = sms(['new', 'change-request', 'X', '--set', 'priority=!!js/function "f"'], dir);
    expect(tag.code).toBe(2);
    expect(tag.stderr).toMatch(/^sms: changes\/RFC-0003-x\.md was not created: "priority" must be one of: P1, P2, P3, P4\n$/);
    const key = sms(['new', 'change-request', 'X', '--set', 'priority={[a]: 1}'], dir);
    expect(key.code).toBe(2);
    noWarning(key.stderr);
    const v = sms(['validate', '--history'], dir);
    expect(v.code).toBe(1);
    expect(v.stdout).toContain('Unresolved tag: tag:yaml.org,2002:js/function');
    expect(v.stderr).toBe('');
    for (const args of [
      ['set-status', 'RFC-0002', 'rejected'],
      ['log', 'RFC-0002'],
      ['report', 'review'],
    ])
      noWarning(sms(args, dir).stderr);
  });

  it('a 50 MB .md file is skipped with a diagnostic', async () => {
    const dir = tmp();
    baseSms(dir);
    mkdirSync(path.join(dir, 'changes'));
    const fd = openSync(path.join(dir, 'changes/huge.md'), 'w');
    ftruncateSync(fd, 50 * 1024 * 1024);
    closeSync(fd);
    const r = sms(['validate', '--format', 'json'], dir);
    expect((JSON.parse(r.stdout) as { diagnostics: Finding[] }).diagnostics).toEqual([
      expect.objectContaining({ file: 'changes/huge.md', rule: 'file-size', message: expect.stringContaining('50.0 MB') }),
    ]);
    expect(r.code).toBe(1);
  });

  it('binary content and invalid UTF-8', async () => {
    const r = await check({
      'changes/bin.md': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]),
      'changes/latin1.md': Buffer.from('---\nid: caf\xe9\n---\n', 'latin1'),
    });
    expect(r.diagnostics.map((d) => [d.file, d.rule])).toEqual([
      ['changes/bin.md', 'file-encoding'],
      ['changes/latin1.md', 'file-encoding'],
    ]);
  });

  it('odd file names: spaces, quotes, Unicode, a leading dash', async () => {
    const names = ['changes/with space.md', `changes/quote"'.md`, 'changes/ünïcødé.md', 'changes/-leading.md'];
    const r = await check(Object.fromEntries(names.map((n) => [n, '# no front matter\n'])));
    expect(r.diagnostics.map((d) => d.file).sort()).toEqual([...names].sort());
    const dir = tmp();
    baseSms(dir, { 'changes/-leading.md': '# x\n' });
    const one = sms(['validate', '--format', 'json', '--', 'changes/-leading.md'], dir);
    expect((JSON.parse(one.stdout) as { diagnostics: Finding[] }).diagnostics.map((d) => d.file)).toEqual(['changes/-leading.md']);
  });

  it('symlink loops and links out of the repository are not followed', async () => {
    const dir = tmp();
    const outside = tmp();
    writeFileSync(path.join(outside, 'secret.md'), '---\nid: SECRET\n---\n');
    baseSms(dir);
    mkdirSync(path.join(dir, 'changes'));
    symlinkSync(path.join(outside, 'secret.md'), path.join(dir, 'changes/secret.md'));
    symlinkSync(outside, path.join(dir, 'changes/outdir'));
    symlinkSync('loop-b.md', path.join(dir, 'changes/loop-a.md'));
    symlinkSync('loop-a.md', path.join(dir, 'changes/loop-b.md'));
    symlinkSync('.', path.join(dir, 'changes/self'));
    // Inside the repository a link is followed, and the document read through it is reported:
    // git records the link, not the document.
    mkdirSync(path.join(dir, 'store'));
    writeFileSync(path.join(dir, 'store/RFC-0009-x.md'), rfc({ id: 'RFC-0009' }));
    symlinkSync('../store', path.join(dir, 'changes/inside'));
    // A link to a document folder walked later (catalogue/ is walked before changes/): the real
    // documents are read under their own names, the link adds nothing.
    mkdirSync(path.join(dir, 'catalogue'), { recursive: true });
    symlinkSync('../changes', path.join(dir, 'catalogue/all-changes'));
    writeFileSync(path.join(dir, 'changes/RFC-0001-real.md'), rfc());
    const r = sms(['validate', '--format', 'json'], dir);
    const ds = (JSON.parse(r.stdout) as { diagnostics: Finding[] }).diagnostics;
    expect(ds.map((d) => [d.file, d.rule, /outside|loop|git records the link/.exec(d.message)?.[0]])).toEqual([
      ['changes/inside/RFC-0009-x.md', 'symlink', 'git records the link'],
      ['changes/loop-a.md', 'symlink', 'loop'],
      ['changes/loop-b.md', 'symlink', 'loop'],
      ['changes/outdir', 'symlink', 'outside'],
      ['changes/secret.md', 'symlink', 'outside'],
    ]);
    expect(r.stderr).toBe('');
  });

  it('a document folder that is itself a symbolic link: inside, its documents are reported as linked; outside, it is not read', async () => {
    const dir = tmp();
    baseSms(dir);
    mkdirSync(path.join(dir, 'store'));
    writeFileSync(path.join(dir, 'store/RFC-0009-x.md'), rfc({ id: 'RFC-0009' }));
    symlinkSync('store', path.join(dir, 'changes'));
    const inside = sms(['validate', '--format', 'json'], dir);
    expect((JSON.parse(inside.stdout) as { diagnostics: Finding[] }).diagnostics.map((d) => [d.file, d.rule, d.severity])).toEqual([
      ['changes/RFC-0009-x.md', 'symlink', 'warning'],
    ]);
    const outside = tmp();
    writeFileSync(path.join(outside, 'RFC-0008-y.md'), rfc({ id: 'RFC-0008', status: 'bogus' }));
    const far = tmp();
    baseSms(far);
    symlinkSync(outside, path.join(far, 'changes'));
    const r = sms(['validate', '--format', 'json'], far);
    expect(
      (JSON.parse(r.stdout) as { diagnostics: Finding[] }).diagnostics.map((d) => [d.file, d.rule, /outside/.exec(d.message)?.[0]]),
    ).toEqual([['changes', 'symlink', 'outside']]);
  });

  it('a path named through a symbolic link above the repository is inside it; a path outside is refused', () => {
    const top = tmp();
    const real = path.join(top, 'real');
    mkdirSync(real);
    baseSms(real, { 'changes/RFC-0001-a.md': rfc({ status: 'bogus' }) });
    symlinkSync(real, path.join(top, 'link'));
    const viaLink = sms(['validate', '--format', 'json', path.join(top, 'link', 'changes', 'RFC-0001-a.md')], real);
    expect(viaLink.stderr).toBe('');
    expect((JSON.parse(viaLink.stdout) as { diagnostics: Finding[] }).diagnostics.map((d) => [d.file, d.rule])).toEqual([
      ['changes/RFC-0001-a.md', 'status-value'],
    ]);
    const outside = sms(['validate', path.join(top, 'elsewhere.md')], real);
    expect(outside.stderr).toMatch(/elsewhere\.md is outside the SMS repository/);
    expect(outside.code).toBe(2);
  });

  it('validate writes nothing into the repository', () => {
    const dir = tmp();
    baseSms(dir, { [F]: rfc({ status: 'bogus' }) });
    // Every path with its modification time and content, before and after.
    const snapshot = (): string[] =>
      (readdirSync(dir, { recursive: true }) as string[]).sort().map((p) => {
        const st = statSync(path.join(dir, p));
        return `${p} ${st.mtimeMs} ${st.isFile() ? readFileSync(path.join(dir, p), 'utf8') : 'dir'}`;
      });
    const before = snapshot();
    const r = sms(['validate'], dir);
    expect(r.code).toBe(1);
    expect(snapshot()).toEqual(before);
  });
});

describe('property: random front matter never crashes validate', () => {
  const config = parseConfig('organisation: Acme\n', '/nonexistent');
  const run = (text: string): void => {
    const doc = readDocument('changes/x.md', text, config);
    const ctx = buildRuleContext({ config, repository: { documents: [doc], issues: [] } }, '2026-06-01', () => false);
    for (const rule of RULES) {
      for (const d of runRule(rule, ctx)) {
        expect(d.line).toBeGreaterThanOrEqual(1);
        expect(d.column).toBeGreaterThanOrEqual(1);
        expect(typeof d.message).toBe('string');
      }
    }
  };
  const KEYS = [
    'id',
    'type',
    'title',
    'status',
    'services',
    'approved_by',
    'requested_by',
    'priority',
    'opened',
    'closed',
    'people',
    '__proto__',
    'constructor',
    'change_type',
  ];
  const value = fc.letrec((tie) => ({
    v: fc.oneof(
      { depthSize: 'small' },
      fc.string(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.constantFrom('change-request', 'incident', 'roles', 'RFC-0001', 'approved', 'SVC-0001', '2026-01-01'),
      fc.array(tie('v'), { maxLength: 4 }),
      fc.dictionary(fc.constantFrom(...KEYS), tie('v'), { maxKeys: 4 }),
    ),
  })).v;

  it('structured random front matter', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...KEYS), value, { maxKeys: 10 }), fc.string(), (data, body) => {
        run(`---\n${stringify(data)}---\n${body}`);
      }),
      { numRuns: 400 },
    );
  });

  it('arbitrary text between the delimiters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => {
        run(`---\n${s}\n---\n`);
        run(s);
      }),
      { numRuns: 400 },
    );
  });
});

describe('config file hazards', () => {
  it('a broken config: exit 2 with a located line', () => {
    const dir = tmp();
    writeFiles(dir, { 'sms.config.yaml': 'organisation: [\n' });
    const r = sms(['validate'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^sms: sms.config.yaml:\d+:\d+: /);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  const customType = (over: Record<string, string> = {}): string =>
    [
      'organisation: Acme IT',
      'custom_types:',
      '  - key: access-review',
      `    title: ${over.title ?? 'Access review'}`,
      `    folder: ${over.folder ?? 'security/reviews'}`,
      '    id: { prefix: ACR, digits: 4 }',
      `    statuses: [planned, ${over.status ?? 'done'}]`,
      '    initial: [planned]',
      '',
    ].join('\n');

  it('a type folder outside the repository or in .git is refused where it is written (exit 2, nothing read)', async () => {
    for (const folder of [
      '../outside',
      'docs/../../outside',
      '/etc',
      '.git/refs/heads',
      '.git',
      './.git/hooks',
      './/.git/info',
      'a/./b',
      'sub/.GIT',
    ]) {
      const dir = tmp();
      gitRepo(dir, [{ files: { 'sms.config.yaml': customType({ folder: JSON.stringify(folder) }) } }]);
      const r = await smsInProcess(['validate'], dir);
      expect(r.code, folder).toBe(2);
      expect(r.stderr, folder).toMatch(/^sms: sms.config.yaml:5:\d+: "custom_types\.0\.folder" must be a folder inside the repository/);
      const moved = await smsInProcess(['validate'], dir);
      expect(moved.code).toBe(2);
    }
    const dir = tmp();
    gitRepo(dir, [{ files: { 'sms.config.yaml': 'organisation: Acme IT\nfolders:\n  incident: .git/objects\n' } }]);
    const r = await smsInProcess(['new', 'incident', 'Printer'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/"folders\.incident" must be a folder inside the repository/);
    // A folder that is a link into .git: nothing is written there.
    const linked = tmp();
    gitRepo(linked, [{ files: { 'sms.config.yaml': 'organisation: Acme IT\nfolders:\n  incident: hk\n' } }]);
    symlinkSync('.git/hooks', path.join(linked, 'hk'));
    const before = readdirSync(path.join(linked, '.git', 'hooks')).sort();
    const n = await smsInProcess(['new', 'incident', 'Printer'], linked);
    expect(n.code).toBe(2);
    expect(n.stderr).toMatch(/^sms: hk leads into the repository's .git folder/);
    expect(readdirSync(path.join(linked, '.git', 'hooks')).sort()).toEqual(before);
  });

  it('control characters in a custom type are refused: a status or title cannot paint on a terminal', async () => {
    for (const over of [
      { status: '"do\\rne"' },
      { status: '"plan\\e[2Jned"' },
      { title: '"Access \\e]0;PWNED\\a review"' },
      { title: '"Access \\u202Eweiver"' },
    ]) {
      const dir = tmp();
      gitRepo(dir, [{ files: { 'sms.config.yaml': customType(over) } }]);
      const r = await smsInProcess(['types'], dir);
      expect(r.code, JSON.stringify(over)).toBe(2);
      expect(r.stderr).toMatch(/^sms: sms.config.yaml:\d+:\d+: "custom_types\.0\.(statuses\.1|title)" must not contain control characters/);
      expect(r.stderr).not.toMatch(/[\u001b\r\u202e]/);
    }
  });

  it('a pattern from the configuration that backtracks without end stops the run with an error, not a hang', async () => {
    const cfg = (pattern: string): string =>
      [
        'organisation: Acme IT',
        'custom_types:',
        '  - key: access-review',
        '    title: Access review',
        '    folder: security/reviews',
        '    id: { prefix: ACR, digits: 4 }',
        '    statuses: [planned, done]',
        '    initial: [planned]',
        `    fields: { system: { type: string, pattern: ${JSON.stringify(pattern)} } }`,
        '',
      ].join('\n');
    const review = (system: string): string =>
      md(`id: ACR-0001\ntype: access-review\ntitle: x\nstatus: planned\nsystem: ${JSON.stringify(system)}`, '\n# x\n');
    const dir = tmp();
    writeFiles(dir, { 'sms.config.yaml': cfg('^(a+)+$'), 'security/reviews/ACR-0001-x.md': review(`${'a'.repeat(40)}!`) });
    const started = Date.now();
    const r = await smsInProcess(['validate', '--no-git'], dir);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/^sms: the pattern "\^\(a\+\)\+\$" in sms.config.yaml took more than 2 s on a value of 41 characters/);
    expect(Date.now() - started).toBeLessThan(20_000);
    // A repeated group that cannot backtrack badly still checks what it says, in the worker.
    for (const [value, errors] of [
      ['mail-server', 0],
      ['mail--server', 1],
    ] as const) {
      writeFiles(dir, { 'sms.config.yaml': cfg('^[a-z]+(-[a-z]+)*$'), 'security/reviews/ACR-0001-x.md': review(value) });
      const ok = await smsInProcess(['validate', '--no-git', '--format', 'json'], dir);
      const found = (JSON.parse(ok.stdout) as { diagnostics: Finding[] }).diagnostics.filter((f) => f.rule === 'schema');
      expect(found, value).toHaveLength(errors);
    }
    // Not a regular expression at all: the configuration is refused where the pattern is written.
    writeFiles(dir, { 'sms.config.yaml': cfg('^(ab') });
    const broken = await smsInProcess(['validate', '--no-git'], dir);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/^sms: sms.config.yaml:9:\d+: "custom_types\.0\.fields\.system\.pattern" is not a regular expression \(/);
  });

  it('set-status writes no control character from a file name, a status or a warning', async () => {
    const dir = tmp();
    const hostile = 'incidents/INC-0001-\u001b]0;PWN\u0007\u001b[2J\rx.md';
    const inc = (status: string): string =>
      md(
        `id: INC-0001\ntype: incident\ntitle: Printer\nstatus: ${status}\npriority: P3\nopened: 2026-05-01T09:00:00Z\nreported_by: ana@acme.example\nservices: [SVC-0001]`,
        '\n## Description\n\n## Restoration steps\n\n## Solution\n',
      );
    gitRepo(dir, [
      {
        files: {
          'sms.config.yaml': 'organisation: Acme IT\nrules:\n  status-transition: warn\n',
          'governance/roles.md': rolesDoc(),
          'catalogue/SVC-0001-service-desk.md': SERVICE,
          [hostile]: inc('"opened\\e]0;PWNED\\a\\e[1;31mAPPROVED\\e[0m"'),
        },
      },
    ]);
    writeFiles(dir, { [hostile]: inc('opened') });
    const r = await smsInProcess(['set-status', 'INC-0001', 'updated'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^sms: warning: INC-0001 is "openedAPPROVED"/);
    expect(r.stdout).toMatch(/INC-0001: opened → updated/);
    expect(r.stdout).toContain('incidents/INC-0001- x.md');
    expect(r.stdout + r.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
  });
});

describe('reports carry no control character from a document', () => {
  // A title pasted from a ticket mail: escape sequences that clear a terminal and set its title, a
  // right-to-left override that reorders what a browser or editor shows of the evidence, an ESC before
  // a table's column bar, a line separator, and a string introducer (U+0090) that a terminal reads as
  // the start of a sequence running to the end of everything after it.
  const evil = 'Evil \u001b[2J\u001b]0;pwned\u0007 title \u202e reversed \u001b| approved |\u2028next \u0090';
  const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069]/;

  /** SLA-0001 and one incident of May under it, titled `title`. */
  function repoWith(title: string): string {
    const dir = tmp();
    gitRepo(dir, [
      ...rolesCommits(),
      {
        files: {
          'sms.config.yaml': CONFIG,
          'catalogue/SVC-0001-service-desk.md': SERVICE,
          'agreements/customers/SLA-0001-gold.md': agreementDoc({
            targets: { P2: { response_hours: 4, resolution_hours: 8, clock: '24x7' } },
          }),
        },
        date: '2026-01-02T09:00:00Z',
      },
      {
        files: {
          'incidents/INC-0001-evil.md': incidentDoc({
            title,
            classification: 'hw\u001b[31m',
            agreement: 'SLA-0001',
            resolved: '2026-05-03T08:00:00Z',
          }),
        },
        date: '2026-05-03T09:00:00Z',
      },
    ]);
    return dir;
  }

  it('in Markdown and HTML, written to a file or a pipe: the text and the rest of the report stay, the controls go', async () => {
    const dir = repoWith(evil);
    const plain = repoWith('Evil title reversed approved next');
    const runs: [string, string[]][] = [
      ['audit', ['md', 'html']],
      ['review', ['md', 'html']],
      ['performance', ['md', 'html']],
    ];
    for (const [kind, formats] of runs)
      for (const format of formats) {
        const args = [
          'report',
          kind,
          '--format',
          format,
          '--period',
          '2026-05',
          ...(kind === 'performance' ? ['--agreement', 'SLA-0001'] : []),
        ];
        const r = await smsInProcess(args, dir, testEnv({ SMS_TODAY: '2026-06-15' }));
        expect(r.code, `${kind} ${format}: ${r.stderr}`).toBe(0);
        expect(r.stdout, `${kind} ${format}`).not.toMatch(CONTROL);
        // Not vacuous: the incident is in the report, its title without the controls (Markdown escapes the
        // brackets of a sequence, so what is left of it after its ESC stays as text).
        expect(r.stdout, `${kind} ${format}`).toMatch(/INC-0001[^\n]*Evil [^\n]*title {1,2}reversed/);
        // The bar after the ESC is no column of a Markdown table, and nothing after the title is lost.
        expect(r.stdout, `${kind} ${format}`).not.toMatch(/reversed +\| approved/);
        const same = await smsInProcess(args, plain, testEnv({ SMS_TODAY: '2026-06-15' }));
        expect(r.stdout.split('\n').length, `${kind} ${format}`).toBe(same.stdout.split('\n').length);
      }
  });

  it("from the repository's own report template and style too (written by whoever opened the pull request)", async () => {
    const dir = repoWith('Printer offline');
    writeFiles(dir, {
      // OSC 52 writes the reader's clipboard; ESC [2J clears the screen; OSC 8 makes a hidden link.
      '.sms/templates/reports/style.css': 'body { font-family: sans-serif; } /* \u001b]52;c;Y3VybA==\u0007\u001b[2J */\n',
      '.sms/templates/reports/changes.md.hbs': '# Change schedule\u001b]8;;https://evil.example/\u0007 (signed off)\u001b]8;;\u0007\n',
    });
    for (const format of ['md', 'html']) {
      const r = await smsInProcess(
        ['report', 'changes', '--format', format, '--period', '2026-05'],
        dir,
        testEnv({ SMS_TODAY: '2026-06-15' }),
      );
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout, format).not.toMatch(CONTROL);
      // Not vacuous: the own template and style are the ones used.
      expect(r.stdout, format).toContain(format === 'md' ? '# Change schedule (signed off)' : 'font-family: sans-serif');
    }
  });

  it('in the audit CSV, one line per finding without controls', () => {
    const csv = auditCsv({
      findings: [{ id: 'F1', source: 'audit', severity: 'gap', what: evil, todo: 'fix\r\nit' }],
    } as unknown as AuditData);
    // Rows end in CR LF (RFC 4180); nothing else is a control character.
    expect(csv.replaceAll('\r\n', '\n')).not.toMatch(CONTROL);
    expect(csv.split('\r\n')[1]).toBe('F1,audit,,gap,,,Evil  title  reversed  approved | next ,fix it');
  });
});

describe('content that once crashed a run or took minutes: validate and every report finish with findings', () => {
  const SLA_BODY = '\n## Scope\n\n## Service hours\n\n## Targets\n\n## Communication\n\n## Responsibilities\n';
  const INC_BODY = '\n## Description\n\n## Restoration steps\n\n## Solution\n';
  const files = (): Record<string, string> => ({
    'sms.config.yaml': 'organisation: Acme IT\n',
    'governance/roles.md': rolesDoc(),
    'catalogue/SVC-0001-service-desk.md': SERVICE,
    // A mapping where text is expected: String() of it would call the document's own "toString".
    'changes/RFC-0001-a.md': rfc().replace('id: "RFC-0001"', 'id: {toString: x}').replace('status: "draft"', 'status: {toString: x}'),
    'changes/RFC-0002-b.md': rfc({ id: 'RFC-0002' }).replace('type: "change-request"', 'type: {toString: 1}'),
    // Dates a loose parser accepts and date arithmetic then throws on.
    'changes/RFC-0003-c.md': rfc({ id: 'RFC-0003', status: 'approved', approved_by: 'ben@acme.example', approved_on: '2026-01-32 Jan' }),
    'changes/RFC-0004-d.md': rfc({ id: 'RFC-0004', status: 'approved', approved_by: 'ben@acme.example', approved_on: '2026-02-35junk' }),
    'incidents/INC-0001-a.md': md(
      {
        id: 'INC-0001',
        type: 'incident',
        title: 'x',
        status: 'closed',
        priority: 'P1',
        opened: '2026-01-32T00:00:00Z',
        resolved: 'junk',
        reported_by: 'ana@acme.example',
        services: ['SVC-0001'],
      },
      INC_BODY,
    ),
    'agreements/customers/SLA-0001-a.md': md(
      {
        id: 'SLA-0001',
        type: 'customer-agreement',
        title: 'x',
        status: 'approved',
        customer: 'c',
        services: ['SVC-0001'],
        start: '2026-13-01',
        end: { toString: 1 },
        review: '2026-02-30',
        owner: 'ana@acme.example',
        targets: { P1: { resolution_hours: 'four' } },
      },
      SLA_BODY,
    ),
    // 995 KB of empty links (spreading them into one push overflowed the stack), and a body of spaces.
    'changes/RFC-0005-e.md': rfc({ id: 'RFC-0005' }, `\n## Purpose\n\n## Business impact\n\n## Scope\n${'[](x)'.repeat(199_000)}\n`),
    'changes/RFC-0006-f.md': rfc({ id: 'RFC-0006' }, `\n## Purpose\n\n## Business impact\n\n## Scope\n${' '.repeat(200_000)}x\n`),
    // Statuses that are names of Object's members: a lookup by status must find nothing, not a function.
    'changes/RFC-0007-g.md': rfc({ id: 'RFC-0007', status: 'constructor', change_type: 'toString' }),
    // Mappings with their own toString/valueOf: the schema validator's deep equality would call them.
    'changes/RFC-0008-h.md': rfc({ id: 'RFC-0008', services: [{ toString: 'x' }, { valueOf: 'y' }] }),
    'changes/RFC-0009-i.md': rfc({ id: 'RFC-0009', type: 'constructor' }),
  });

  it('with history: validate --history, and every report in every format', async () => {
    const dir = tmp();
    const f = files();
    gitRepo(dir, [
      { files: f, date: '2026-01-05T10:00:00Z' },
      {
        files: {
          'changes/RFC-0006-f.md': f['changes/RFC-0006-f.md']!.replace('x\n', 'y\n'),
          'changes/RFC-0005-e.md': `${f['changes/RFC-0005-e.md']!} `,
          'changes/RFC-0007-g.md': rfc({ id: 'RFC-0007', status: '__proto__', change_type: 'constructor' }),
        },
        date: '2026-02-05T10:00:00Z',
      },
    ]);
    const v = await smsInProcess(['validate', '--history', '--format', 'json'], dir);
    expect(v.stderr).toBe('');
    expect(v.code).toBe(1);
    const ds = (JSON.parse(v.stdout) as { diagnostics: Finding[] }).diagnostics;
    // Fifty broken links are listed, then one line says the rest were not.
    const links = ds.filter((d) => d.file === 'changes/RFC-0005-e.md' && d.rule === 'broken-reference');
    expect(links).toHaveLength(51);
    expect(links.at(-1)!.message).toBe('more broken links in this document were not listed (limit 50)');
    expect(ds.find((d) => d.file === 'changes/RFC-0003-c.md' && d.rule === 'schema')?.message).toMatch(/approved_on/);
    expect(ds.filter((d) => d.file === 'changes/RFC-0008-h.md').map((d) => d.message)).toContain(
      '"services.0.toString" is not allowed: no field may be named toString or valueOf',
    );
    for (const [kind, extra] of [
      ['review', []],
      ['audit', []],
      ['changes', []],
      ['performance', ['--agreement', 'SLA-0001']],
    ] as const) {
      for (const format of ['json', 'md', 'html']) {
        const r = await smsInProcess(['report', kind, '--format', format, '--until', '2026-05-31', ...extra], dir);
        expect(r.stderr, `${kind} ${format}`).toBe('');
        expect(r.code, `${kind} ${format}`).toBe(0);
      }
    }
    const move = await smsInProcess(['set-status', 'RFC-0007', 'approved', '--as', 'Ben Okafor <ben@acme.example>'], dir);
    expect(move.stderr).toMatch(/^sms: a change-request cannot go from "__proto__" to "approved"\n/);
    expect(move.code).toBe(2);
  });

  it('SMS_TODAY that is not a real date: one line, exit 2, for validate and reports alike', async () => {
    const dir = tmp();
    baseSms(dir);
    for (const args of [['validate'], ['report', 'review']]) {
      const r = await smsInProcess(args, dir, testEnv({ SMS_TODAY: '2026-99-99' }));
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(
        'sms: SMS_TODAY is "2026-99-99", which is not a real calendar date (YYYY-MM-DD)\n     unset SMS_TODAY, or set it to a date such as 2026-06-30\n',
      );
    }
  });
});

describe('custom type definitions are checked where they are written', () => {
  // Lines 3-8 of the configuration are the type's key, title, folder, id, statuses and initial.
  const TYPE: Record<string, string> = {
    key: 'access-review',
    title: 'Access review',
    folder: 'security/reviews',
    id: '{ prefix: ACR, digits: 4 }',
    statuses: '[planned, done]',
    initial: '[planned]',
  };
  const typeLines = (over: Record<string, string | undefined> = {}): string[] => {
    const entries = Object.entries({ ...TYPE, ...over }).filter((e): e is [string, string] => e[1] !== undefined);
    return entries.map(([k, v], i) => `${i === 0 ? '  - ' : '    '}${k}: ${v}`);
  };
  const configOf = (...types: string[][]): string => ['organisation: Acme IT', 'custom_types:', ...types.flat(), ''].join('\n');

  /** Runs `args` on a repository with this configuration: refused (exit 2), the first line of the error returned. */
  async function refused(config: string, args = ['types']): Promise<string> {
    const dir = tmp();
    writeFiles(dir, { 'sms.config.yaml': config });
    const r = await smsInProcess(args, dir);
    expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(2);
    expect(r.stdout).toBe('');
    expect(readdirSync(dir)).toEqual(['sms.config.yaml']);
    return r.stderr.split('\n')[0]!;
  }

  it('an initial status that is not one of the statuses is refused by every command, not written by sms new', async () => {
    const config = configOf(typeLines({ initial: '[planed]' }));
    for (const args of [['types'], ['validate', '--no-git'], ['new', 'access-review', 'Quarterly'], ['report', 'review']]) {
      expect(await refused(config, args), args.join(' ')).toMatch(
        /^sms: sms.config.yaml:8:\d+: "custom_types\.0\.initial\.0" is "planed", not one of the type's statuses \(planned, done\): add it to statuses or correct it$/,
      );
    }
  });

  it('a transition from or to a status the type does not have is refused where it is written', async () => {
    expect(await refused(configOf(typeLines({ transitions: '{ planed: [done] }' })))).toMatch(
      /^sms: sms.config.yaml:9:20: "custom_types\.0\.transitions" has the key "planed", not one of the type's statuses \(planned, done\): add it to statuses or correct it$/,
    );
    expect(await refused(configOf(typeLines({ transitions: '{ planned: [done, dne] }' })))).toMatch(
      /^sms: sms.config.yaml:9:\d+: "custom_types\.0\.transitions\.planned\.1" is "dne", not one of the type's statuses/,
    );
  });

  it("approving and authority name the type's own statuses and known role codes", async () => {
    expect(await refused(configOf(typeLines({ approving: '[approved]' })))).toMatch(
      /^sms: sms.config.yaml:9:\d+: "custom_types\.0\.approving\.0" is "approved", not one of the type's statuses \(planned, done\)/,
    );
    expect(await refused(configOf(typeLines({ authority: '{ approved: [SM] }' })))).toMatch(
      /^sms: sms.config.yaml:9:\d+: "custom_types\.0\.authority" has the key "approved", not one of the type's statuses/,
    );
    expect(await refused(configOf(typeLines({ authority: '{ done: [SM, QM] }' })))).toMatch(
      /^sms: sms.config.yaml:9:\d+: "custom_types\.0\.authority\.done\.1" must be one of SM, CM, IM, RM, MGT, PT, CUS, SUP$/,
    );
  });

  it('an id scheme needs a singleton or a prefix, not neither and not both', async () => {
    for (const id of ['{}', '{ digits: 4 }', '{ singleton: ACR, prefix: ACR }']) {
      for (const args of [['types'], ['new', 'access-review', 'Quarterly']]) {
        expect(await refused(configOf(typeLines({ id })), args), `${id} ${args.join(' ')}`).toMatch(
          /^sms: sms.config.yaml:6:\d+: "custom_types\.0\.id" must have either singleton \(one document, e\.g\. \{ singleton: PLAN \}\) or prefix \(numbered, e\.g\. \{ prefix: ACR, digits: 4 \}\), not both$/,
        );
      }
    }
  });

  it('a custom key defined twice is refused at the second definition', async () => {
    expect(await refused(configOf(typeLines(), typeLines({ id: '{ prefix: ACS }' })))).toMatch(
      /^sms: sms.config.yaml:9:\d+: "custom_types\.1\.key" is "access-review", which custom_types\.0 defines already: give each custom type a key of its own$/,
    );
  });

  it('a refs target must be a type key, with a suggestion for a typo', async () => {
    expect(await refused(configOf(typeLines({ refs: '{ system: configuraton-item }' })))).toMatch(
      /^sms: sms.config.yaml:9:\d+: "custom_types\.0\.refs\.system" is "configuraton-item", not a type key; did you mean "configuration-item"\?$/,
    );
    // Another custom type is a target too.
    const dir = tmp();
    writeFiles(dir, {
      'sms.config.yaml': configOf(
        typeLines({ refs: '{ system: system }' }),
        typeLines({ key: 'system', title: 'System', folder: 'systems', id: '{ prefix: SYS }' }),
      ),
    });
    expect((await smsInProcess(['types'], dir)).code).toBe(0);
  });

  it('a field that is not a JSON Schema sms can compile is a located configuration error, not an unexpected failure', async () => {
    const typo = configOf(typeLines({ fields: '{ system: { type: strng } }' }));
    for (const args of [['types'], ['validate', '--no-git']]) {
      expect(await refused(typo, args), args.join(' ')).toMatch(
        /^sms: sms.config.yaml:9:\d+: "custom_types\.0\.fields\.system\.type" is not valid in a JSON Schema: must be one of array, boolean, integer, null, number, object, string$/,
      );
    }
    // A keyword ajv does not know is refused by its strict mode, on the type's fields.
    expect(await refused(configOf(typeLines({ fields: '{ system: { typ: string } }' })))).toMatch(
      /^sms: sms.config.yaml:9:5: "custom_types\.0\.fields" holds a JSON Schema sms cannot use \(strict mode: unknown keyword: "typ"\): field schemas are read as strict JSON Schema 2020-12, in the type's schema$/,
    );
    // A reference is resolved as at run time, in the type's schema: one to the shared definitions
    // works; one to definitions of the field's own does not, and is refused here, not when the
    // first document is read.
    const dir = tmp();
    writeFiles(dir, {
      'sms.config.yaml': configOf(typeLines({ fields: "{ system: { type: string }, due: { $ref: 'common.schema.json#/$defs/date' } }" })),
    });
    expect((await smsInProcess(['types'], dir)).code).toBe(0);
    expect(
      await refused(configOf(typeLines({ fields: "{ system: { $defs: { l: { type: string } }, $ref: '#/$defs/l' } }" })), [
        'validate',
        '--no-git',
      ]),
    ).toMatch(
      /^sms: sms.config.yaml:9:5: "custom_types\.0\.fields" holds a JSON Schema sms cannot use \(can't resolve reference #\/\$defs\/l/,
    );
    // Extra fields of a built-in type are schemas from the configuration too.
    expect(await refused('organisation: Acme IT\nextra_fields:\n  incident: { ticket: { type: strng } }\n')).toMatch(
      /^sms: sms.config.yaml:3:\d+: "extra_fields\.incident\.ticket\.type" is not valid in a JSON Schema: must be one of/,
    );
  });

  it('a field of a custom type cannot redefine a field every document has', async () => {
    for (const field of ['id', 'type', 'title', 'status']) {
      expect(await refused(configOf(typeLines({ fields: `{ system: { type: string }, ${field}: { type: string } }` }))), field).toMatch(
        new RegExp(
          `^sms: sms.config.yaml:9:\\d+: "custom_types\\.0\\.fields" redefines "${field}", a field every document has \\(id, type, title, status\\): give the field another name$`,
        ),
      );
    }
  });

  it("a custom id prefix or singleton that is a built-in type's is refused, unless the custom type replaces that type", async () => {
    expect(await refused(configOf(typeLines({ id: '{ prefix: RFC }' })))).toMatch(
      /^sms: sms.config.yaml:6:\d+: "custom_types\.0\.id\.prefix" is "RFC", the prefix of change-request IDs: choose another prefix, or give the type the key change-request to replace that type$/,
    );
    expect(await refused(configOf(typeLines({ id: '{ singleton: POLICY }' })))).toMatch(
      /^sms: sms.config.yaml:6:\d+: "custom_types\.0\.id\.singleton" is "POLICY", the id of the policy document: choose another id, or give the type the key policy to replace that type$/,
    );
    const dir = tmp();
    writeFiles(dir, { 'sms.config.yaml': configOf(typeLines({ key: 'change-request', id: '{ prefix: RFC }' })) });
    expect((await smsInProcess(['types'], dir)).code).toBe(0);
  });
});
