import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { builtInTypes, idPattern, ROLE_CODES } from '../src/model/types.js';
import { SchemaSet, createAjv } from '../src/model/schemas.js';
import { boundedRegExp, linearEnough } from '../src/model/bounded-regexp.js';
import { renderTemplate } from '../src/model/render.js';
import { readDocument } from '../src/repo/documents.js';
import { parseConfig } from '../src/repo/config.js';
import { buildRuleContext } from '../src/validate.js';
import { RULES } from '../src/rules/index.js';
import { runRule } from '../src/rules/registry.js';
import { ROOT } from './helpers.js';

const TYPES = builtInTypes();
const EXPECTED_KEYS: [string, string][] = [
  ['WP.01', 'business-goals'],
  ['WP.02', 'configuration-item'],
  ['WP.03', 'customer-agreement'],
  ['WP.04', 'customer-experience-approach'],
  ['WP.05', 'document-procedure'],
  ['WP.06', 'feedback'],
  ['WP.07', 'improvement-report'],
  ['WP.08', 'roles'],
  ['WP.09', 'secure-component-procedure'],
  ['WP.10', 'service'],
  ['WP.11', 'change-request'],
  ['WP.12', 'change-schedule'],
  ['WP.13', 'service-change-build'],
  ['WP.14', 'policy'],
  ['WP.15', 'scope'],
  ['WP.16', 'service-design'],
  ['WP.17', 'change-procedure'],
  ['WP.18', 'incident'],
  ['WP.19', 'performance-report'],
  ['WP.20', 'test-report'],
  ['WP.21', 'supplier-agreement'],
];
/** Table 14 status codes of ISO/IEC TR 29110-5-3: each type must offer at least these. */
const TABLE_14: Record<string, string[]> = {
  'business-goals': ['approved'],
  'configuration-item': ['stored', 'updated'],
  'customer-agreement': ['draft', 'approved', 'updated'],
  'customer-experience-approach': ['approved'],
  'document-procedure': ['draft', 'approved'],
  feedback: ['maintained', 'updated'],
  'improvement-report': ['draft', 'approved'],
  roles: ['approved', 'updated'],
  'secure-component-procedure': ['draft', 'approved'],
  service: ['draft', 'approved', 'updated'],
  'change-request': ['draft', 'approved', 'rejected', 'updated'],
  'change-schedule': ['draft', 'initial', 'approved', 'updated'],
  'service-change-build': ['initial', 'final'],
  policy: ['draft', 'approved', 'updated'],
  scope: ['approved'],
  'service-design': ['approved'],
  'change-procedure': ['draft', 'approved', 'updated'],
  incident: ['opened', 'updated', 'closed'],
  'performance-report': ['draft', 'approved'],
  'test-report': ['published'],
  'supplier-agreement': ['draft', 'approved', 'updated'],
};

describe('work-product model', () => {
  it('has the 21 public type keys with their WP codes, in order, then the extensions', () => {
    expect(TYPES.slice(0, 21).map((t) => [t.wp, t.key])).toEqual(EXPECTED_KEYS);
    expect(TYPES.slice(21).map((t) => t.key)).toEqual([
      'risk',
      'nonconformity',
      'problem',
      'training-record',
      'internal-audit',
      'management-review',
    ]);
    for (const t of TYPES.slice(21)) {
      expect(t.wp, t.key).toMatch(/^X\./);
      expect(t.extension?.serves.length, t.key).toBeGreaterThan(0);
    }
  });

  it.each(TYPES.map((t) => [t.key, t] as const))('%s: statuses, transitions and authority are consistent', (key, t) => {
    if (!t.extension) expect(t.statuses).toEqual(expect.arrayContaining(TABLE_14[key]!));
    expect(t.initial.length).toBeGreaterThan(0);
    for (const s of t.initial) expect(t.statuses).toContain(s);
    for (const [from, to] of Object.entries(t.transitions)) {
      expect(t.statuses).toContain(from);
      for (const s of to) expect(t.statuses).toContain(s);
    }
    for (const s of t.approving) expect(t.authority[s]?.length ?? 0).toBeGreaterThan(0);
    for (const roles of Object.values(t.authority)) for (const r of roles) expect(ROLE_CODES).toContain(r);
    for (const spec of Object.values(t.refs)) for (const target of spec.split('|')) expect(TYPES.map((x) => x.key)).toContain(target);
    expect(t.extension ? ['X'] : ['GO', 'CO', 'RE', 'IN']).toContain(t.process);
  });

  it('change-request lifecycle: starts in draft, draft → approved | rejected, rejected final, approved → updated', () => {
    const cr = TYPES.find((t) => t.key === 'change-request')!;
    expect(cr.initial).toEqual(['draft']);
    expect(cr.transitions.draft).toEqual(['approved', 'rejected']);
    expect(cr.transitions.rejected ?? []).toEqual([]);
    expect(cr.transitions.approved).toContain('updated');
    expect(cr.authority.approved).toEqual(['CM']);
  });

  it('incident lifecycle uses opened/updated/closed and closed is terminal', () => {
    const inc = TYPES.find((t) => t.key === 'incident')!;
    expect(inc.statuses).toEqual(['opened', 'updated', 'closed']);
    expect(inc.initial).toEqual(['opened']);
    expect(inc.transitions.closed ?? []).toEqual([]);
  });

  it('ID schemes: RFC-0001, INC-0001, SLA-0001, CI-0001, FB-0001 and singletons', () => {
    const id = (k: string): RegExp => idPattern(TYPES.find((t) => t.key === k)!);
    expect(id('change-request').test('RFC-0007')).toBe(true);
    expect(id('change-request').test('RFC-7')).toBe(false);
    expect(id('incident').test('INC-0001')).toBe(true);
    expect(id('customer-agreement').test('SLA-0001')).toBe(true);
    expect(id('configuration-item').test('CI-0042')).toBe(true);
    expect(id('feedback').test('FB-0001')).toBe(true);
    expect(id('policy').test('POLICY')).toBe(true);
  });
});

describe('schemas', () => {
  it('every schema file compiles in strict mode', () => {
    const ajv = createAjv();
    const files = readdirSync(path.join(ROOT, 'schemas')).filter((f) => f.endsWith('.schema.json') && f !== 'common.schema.json');
    expect(files.length).toBe(28);
    for (const f of files) {
      const schema = JSON.parse(readFileSync(path.join(ROOT, 'schemas', f), 'utf8'));
      expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(() => ajv.compile(schema), f).not.toThrow();
    }
  });

  it('the strict validator rejects an unknown keyword (strict mode is really on)', () => {
    expect(() => createAjv().compile({ type: 'object', notAKeyword: true })).toThrow(/strict mode/);
  });
});

describe('templates', () => {
  const config = parseConfig('organisation: Acme IT\n', '/nonexistent');
  const schemas = new SchemaSet();
  it.each(TYPES.map((t) => [t.key, t] as const))('%s renders to a document that passes its schema and required sections', (key, t) => {
    const text = renderTemplate(t, {
      id: t.id.singleton ?? `${t.id.prefix}-0001`,
      title: 'A "quoted": title # with: colons',
      org: 'Acme IT',
      me: 'ana@acme.example',
      manager: { name: 'Ana Costa', email: 'ana@acme.example', ref: 'ana@acme.example' },
      firstService: 'SVC-0001',
      firstAgreement: 'SLA-0001',
      changeRequest: 'RFC-0001',
      today: '2026-06-01',
      now: '2026-06-01T09:00:00Z',
    });
    const doc = readDocument(`${t.folder}/x.md`, text, config);
    expect(doc.fm.issues).toEqual([]);
    expect(doc.type?.key).toBe(key);
    expect(doc.title).toBe('A "quoted": title # with: colons');
    const validate = schemas.validator(t);
    expect(validate(doc.data), JSON.stringify(validate.errors)).toBe(true);
    const ctx = buildRuleContext({ config, repository: { documents: [doc], issues: [] } }, '2026-06-01', () => false);
    for (const rule of RULES.filter((r) =>
      ['missing-section', 'status-value', 'id-format', 'schema', 'front-matter', 'yaml-syntax'].includes(r.id),
    )) {
      expect(runRule(rule, ctx), rule.id).toEqual([]);
    }
  });
});

describe('patterns from the configuration', () => {
  it('run as they are only when no repeated group, back-reference or lookaround can make them backtrack badly', () => {
    const table: [string, boolean][] = [
      ['^T-[0-9]+$', true],
      ['^([A-Z]{2}-)?[0-9]{4}$', true],
      ['^[(]+[a-z)]{2}$', true],
      ['^\\(a+\\)$', true],
      ['^(ACR|RFC)-\\d{4,}$', true],
      ['^[a-z]+-[0-9]+$', false],
      ['^\\(a+\\)+$', false],
      ['a+b', false],
      ['^(a+){9}$', false],
      ['^a*a*b$', false],
      ['^a{1,500}$', true],
      ['^a{1,500}b{1,500}$', false],
      ['^(a+)+$', false],
      ['^[a-z]+(-[a-z]+)*$', false],
      ['^(a|a){2,}$', false],
      ['^(ab){12}$', false],
      ['^(a)\\1$', false],
      ['^(?<x>a)\\k<x>$', false],
      ['^(?=a)a$', false],
      ['^(?<!b)a$', false],
    ];
    for (const [pattern, linear] of table) expect(linearEnough(pattern), pattern).toBe(linear);
  });

  it('tested in the worker: the same answers as the engine, within a budget per pattern for the whole run', () => {
    const slug = boundedRegExp('^[a-z]+(-[a-z]+)*$', 'u');
    expect([slug.test('mail-server'), slug.test('mail--server'), slug.test('Mail')]).toEqual([true, false, false]);
    // A budget the first test already spends: the run ends, naming the pattern.
    const spent = boundedRegExp('^(b|c)+x$', 'u', { oneMs: 2000, totalMs: 0, slowMs: 0 });
    expect(() => spent.test('bcbc')).toThrow(
      /the pattern "\^\(b\|c\)\+x\$" in sms.config.yaml took 0 s or more over the values of this run/,
    );
  });
});
