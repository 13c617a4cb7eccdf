import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERRORS, smsError, type ErrorCode } from '../src/errors.js';
import { RULES } from '../src/rules/index.js';
import { noLooserThan } from '../src/rules/registry.js';
import { processModel } from '../src/model/processes.js';
import { REPORTS } from '../src/report/registry.js';
import { ROOT, baseSms, commitFiles, smsInProcess, tmp } from './helpers.js';

describe('the rule registry', () => {
  it('ids are unique, and each rule says what it checks and why', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of RULES) {
      expect(r.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(r.description.length, r.id).toBeGreaterThan(20);
      expect(r.help.length, r.id).toBeGreaterThan(80);
    }
  });

  it('sms rules --format json lists every rule with its setting in this repository', async () => {
    const dir = tmp();
    baseSms(dir, { 'sms.config.yaml': 'organisation: Acme IT\nrules:\n  unknown-person: off\n  separation-of-duties: warn\n' });
    const r = await smsInProcess(['rules', '--format', 'json'], dir);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout) as { id: string; setting: string; defaultSeverity: string; aliases: string[] }[];
    expect(list.map((x) => x.id)).toEqual(RULES.map((x) => x.id));
    const by = Object.fromEntries(list.map((x) => [x.id, x]));
    expect(by['unknown-person']!.setting).toBe('off');
    expect(by['separation-of-duties']!.setting).toBe('warning');
    // The old id's setting reaches the rule that took its requester check over.
    expect(by['self-approval']!.setting).toBe('warning');
    expect(by['self-approval']!.aliases).toEqual(['separation-of-duties']);
    expect(by['schema']!.setting).toBe('error');
  });

  it('a rule set to "warning", the word sms rules prints, is a warning; the table says where the full explanations are', async () => {
    const dir = tmp();
    baseSms(dir, { 'sms.config.yaml': 'organisation: Acme IT\nrules:\n  required-role: warning\n' });
    rmSync(path.join(dir, 'governance/roles.md'));
    const list = JSON.parse((await smsInProcess(['rules', '--format', 'json'], dir)).stdout) as { id: string; setting: string }[];
    expect(list.find((x) => x.id === 'required-role')!.setting).toBe('warning');
    const table = await smsInProcess(['rules'], dir);
    expect(table.stdout).toMatch(/^required-role +warning /m);
    expect(table.stdout).toContain('"sms rules --format json" gives each rule\'s full explanation (help).');
    // The repository has no roles document: required-role's finding is a warning, and validate exits 0.
    const v = await smsInProcess(['validate', '--format', 'json'], dir);
    expect(v.code, v.stdout).toBe(0);
    expect(
      JSON.parse(v.stdout)
        .diagnostics.filter((d: { rule: string }) => d.rule === 'required-role')
        .map((d: { severity: string }) => d.severity),
    ).toContain('warning');
    // Anything else is still refused, with the choices.
    writeFileSync(path.join(dir, 'sms.config.yaml'), 'organisation: Acme IT\nrules:\n  required-role: warnings\n');
    const bad = await smsInProcess(['validate'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/sms\.config\.yaml:3/);
  });

  it('the README rule table, docs/rules.md and docs/types.md are generated from the registries and up to date', () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'docs.mjs'), '--check'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    for (const rule of RULES) expect(readme).toContain(`| \`${rule.id}\` |`);
  });
});

describe('the report registry', () => {
  it('each report kind loads a definition of that kind', async () => {
    for (const entry of REPORTS) {
      const def = await entry.load();
      expect(def.kind).toBe(entry.kind);
      expect(typeof def.build).toBe('function');
    }
  });
});

describe('the error catalogue', () => {
  it('every error renders as one line, and its hint as one line', () => {
    const sample: Record<string, unknown> = {
      text: 'x',
      flag: '--x',
      value: 'v',
      since: '2026-01-02',
      until: '2026-01-01',
      path: 'p',
      root: '/r',
      dir: '/d',
      limit: 'RFC-999999999',
      reason: 'r',
      line: 3,
      column: 4,
      key: 'k',
      suggestion: 's',
      command: 'log',
      object: 'abc',
      base: 'main',
      ref: 'r',
      file: 'f',
      type: 't',
      known: ['a'],
      kind: 'review',
      today: '2026-01-01',
      format: 'csv',
      formats: 'md, html, json',
      id: 'RFC-0001',
      files: ['a', 'b'],
      folder: 'changes',
      status: 's',
      statuses: ['a'],
      from: 'a',
      to: 'b',
      allowed: [],
      person: 'P',
      what: 'a FIFO',
      remedy: 'git config --global --add safe.directory /d',
      who: 'P <p@x>',
      attribution: 'author',
      restore: 'r',
      as: 'P <p@x>',
      committer: 'Q <q@x>',
      head: 'a',
      initial: '"draft"',
      lock: '.git/.sms-commit.lock',
      count: 2,
      pattern: '^(a+)+$',
      length: 41,
      seconds: 2,
      starts: ['draft'],
      options: ['--org'],
      first: 'line 2: missing required field "requested_by" (rule schema)',
      terms: 'targets',
      sha: 'abc1234',
      field: 'customer_approved_on',
    };
    for (const code of Object.keys(ERRORS) as ErrorCode[]) {
      const e = (smsError as (c: ErrorCode, p: unknown) => Error & { hint?: string; code: string })(code, sample);
      expect(e.code).toBe(code);
      expect(e.message, code).not.toMatch(/\n|undefined|\[object/);
      if (e.hint !== undefined) expect(e.hint, code).not.toMatch(/\n|undefined/);
    }
  });
});

describe("the program's own data", () => {
  it('every task and objective title is a whole sentence, and the audit prints each in full', async () => {
    const model = processModel();
    const titles = model.processes.flatMap((p) => [...p.objectives.map((o) => o.text), ...p.tasks.map((t) => t.title)]);
    expect(titles).toHaveLength(10 + 40);
    for (const t of titles) expect(t).toMatch(/^[A-Z].{8,}\.$/);
    expect(model.processes.flatMap((p) => p.tasks).find((t) => t.id === 'GO.3.1')!.title).toBe(
      'Obtain, monitor and manage human resources.',
    );
    const dir = tmp();
    baseSms(dir);
    commitFiles(dir);
    const r = await smsInProcess(['report', 'audit'], dir);
    expect(r.code).toBe(0);
    const unescape = (s: string): string => s.replace(/\\(.)/g, '$1');
    const text = unescape(r.stdout);
    for (const t of titles) expect(text, t).toContain(t);
  });

  it('the build refuses a model file with a title cut short by a comma in a flow mapping', () => {
    const copy = tmp();
    for (const d of ['model', 'schemas']) cpSync(path.join(ROOT, d), path.join(copy, d), { recursive: true });
    const file = path.join(copy, 'model', 'processes.yaml');
    const text = readFileSync(file, 'utf8');
    const task = [
      '      - id: GO.3.1',
      "        title: 'Obtain, monitor and manage human resources.'",
      '        roles: [SM, SUP]',
      '        inputs: [WP.14, WP.08]',
      '        outputs: [{ wp: WP.08, statuses: [updated] }]',
      '        obligations:',
      '          - { check: revised, type: roles }',
      '',
    ].join('\n');
    // The same task as a flow mapping, its title unquoted: the comma ends it.
    expect(text).toContain(task);
    writeFileSync(
      file,
      text.replace(
        task,
        '      - { id: GO.3.1, title: Obtain, monitor and manage human resources, roles: [SM, SUP], inputs: [WP.14, WP.08], outputs: [{ wp: WP.08, statuses: [updated] }], obligations: [{ check: revised, type: roles }] }\n',
      ),
    );
    const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'check-model.mjs'), copy], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/model\/processes.yaml: \/processes\/0\/tasks\/6/);
  });

  it('the build refuses a lifecycle that names a status the type does not have', () => {
    const copy = tmp();
    for (const d of ['model', 'schemas']) cpSync(path.join(ROOT, d), path.join(copy, d), { recursive: true });
    const file = path.join(copy, 'model', 'types.yaml');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace('transitions: { opened: [updated, closed]', 'transitions: { opened: [updated, resolved]'),
    );
    const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'check-model.mjs'), copy], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('model/types.yaml: /incident/transitions/opened: "resolved" is not one of its statuses');
  });
});

describe('rule settings of a pull request against its base (noLooserThan)', () => {
  it('keeps what is as strict or stricter, takes the base where it is stricter, and falls back to defaults, not to an explicit level', () => {
    const merged = noLooserThan(
      RULES,
      // The pull request switches two rules off, makes one stricter and loosens one the base set.
      { 'approval-evidence': 'off', 'separation-of-duties': 'off', 'self-approval': 'error', 'broken-reference': 'warn' },
      { 'broken-reference': 'error' },
    );
    // Rules the base left at their defaults go back to them (no setting), so findings keep their
    // own milder severities; a stricter setting stays; the base's explicit level comes back.
    expect(merged).toEqual({ 'self-approval': 'error', 'broken-reference': 'error' });
    // separation-of-duties is also the old name of self-approval: switching it off loosens neither.
    expect(noLooserThan(RULES, { 'separation-of-duties': 'off' }, {})).toEqual({});
    expect(noLooserThan(RULES, { 'self-approval': 'off' }, { 'self-approval': 'off' })).toEqual({ 'self-approval': 'off' });
    // Loosening self-approval leaves the rule separation-of-duties (also its old name) as set.
    expect(
      noLooserThan(
        RULES,
        { 'self-approval': 'off', 'separation-of-duties': 'off' },
        { 'self-approval': 'warn', 'separation-of-duties': 'off' },
      ),
    ).toEqual({ 'self-approval': 'warn', 'separation-of-duties': 'off' });
  });
});
