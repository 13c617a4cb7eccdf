import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { builtInTypes, type WorkType } from '../src/model/types.js';
import { CONFIG_EXPORT, PRECOMPILED_FILE, SchemaSet, configValidator, createAjv, type Validator } from '../src/model/schemas.js';
import { parseConfig } from '../src/repo/config.js';
import { readDocument } from '../src/repo/documents.js';
import { ROOT, smsInProcess, tmp, writeFiles } from './helpers.js';

// The shipped schemas are compiled at build time into standalone validators (dist/validators.cjs).
// These tests hold them to ajv compiling the same schemas at run time: same verdict and the very same
// error objects (instancePath, keyword, params, schemaPath, message), so no diagnostic can change.

const TYPES = builtInTypes();
const config = parseConfig('organisation: Acme IT\n', '/nonexistent');
const load = createRequire(import.meta.url);

/** Runtime compilation with the options sms uses; the shipped schemas need no meta-validation here. */
function runtimeValidator(type: WorkType, set = new SchemaSet()): Validator {
  return createAjv({ validateSchema: false }).compile(set.schemaFor(type));
}

function sameResult(pre: Validator, rt: Validator, data: unknown, what: string): boolean {
  const valid = pre(data);
  expect(valid, what).toBe(rt(data));
  expect(pre.errors ?? null, what).toEqual(rt.errors ?? null);
  return valid;
}

/**
 * Every type's template as sms renders it: in a repository set up by `sms init` (whose governance
 * starter set is rendered from the same templates), `sms new` for each type, or for a singleton
 * type that init already wrote, init's document.
 */
async function renderedTemplates(): Promise<Map<string, string>> {
  const dir = tmp();
  const init = await smsInProcess(
    [
      'init',
      dir,
      '--yes',
      '--no-git',
      '--ci',
      'none',
      '--org',
      'Acme IT',
      '--manager',
      'Ana Costa <ana@acme.example>',
      '--service',
      'Mail',
    ],
    dir,
  );
  expect(init.code, init.stderr).toBe(0);
  const out = new Map<string, string>();
  // Documents that others refer to come first, so the later templates fill in their IDs.
  const first = ['customer-agreement', 'change-request'];
  for (const t of [...first.map((k) => TYPES.find((t) => t.key === k)!), ...TYPES.filter((t) => !first.includes(t.key))]) {
    const r = await smsInProcess(['new', t.key, 'A "quoted": title # with: colons'], dir);
    let rel = r.stdout.trim().split('\n').pop()!;
    if (r.code !== 0 && t.id.singleton && /already exists/.test(r.stderr)) rel = `${t.folder}/${t.key}.md`;
    else expect(r.code, `${t.key}: ${r.stderr}`).toBe(0);
    out.set(t.key, readFileSync(path.join(dir, rel), 'utf8'));
  }
  return out;
}

const BAD_VALUES: unknown[] = [
  42,
  1.5,
  true,
  null,
  {},
  [],
  [42],
  [{}],
  ['SVC-0001', 'SVC-0001'],
  '',
  'x'.repeat(20_001),
  'lower-case id',
  'P9',
  '2026-02-30',
  '2026-6-1',
  '2026-06-01T09:00:00',
  '2026-06-01T25:00:00Z',
  'not an e-mail',
  'ana@',
  // Values that are valid for some fields, so the mutations also produce valid documents.
  'SVC-0001',
  ['SVC-0001'],
  '2026-06-01',
  '2026-06-01T09:00:00Z',
  'ana@acme.example',
  'P1',
  ['SM'],
];

/**
 * Deliberately broken variants of a front matter: every value anywhere in it replaced by each bad
 * value, every key removed, an unknown key added to every mapping, and every field the schema knows
 * but the document lacks added with each value.
 */
function* mutations(data: Record<string, unknown>, schemaFields: string[]): Generator<[string, unknown]> {
  const clone = (): Record<string, unknown> => structuredClone(data);
  const paths: (string | number)[][] = [];
  const walk = (node: unknown, at: (string | number)[]): void => {
    const children: [string | number, unknown][] = Array.isArray(node)
      ? node.map((v, i) => [i, v])
      : node && typeof node === 'object'
        ? Object.entries(node)
        : [];
    for (const [k, v] of children) {
      paths.push([...at, k]);
      walk(v, [...at, k]);
    }
  };
  walk(data, []);
  const parentOf = (root: Record<string, unknown>, p: (string | number)[]): Record<string | number, unknown> =>
    p.slice(0, -1).reduce<unknown>((n, k) => (n as Record<string | number, unknown>)[k], root) as Record<string | number, unknown>;
  for (const p of paths) {
    for (const bad of BAD_VALUES) {
      const d = clone();
      parentOf(d, p)[p[p.length - 1]!] = structuredClone(bad);
      yield [`${p.join('.')} = ${JSON.stringify(bad).slice(0, 40)}`, d];
    }
    const removed = clone();
    const parent = parentOf(removed, p);
    if (Array.isArray(parent)) parent.splice(Number(p[p.length - 1]), 1);
    else delete parent[p[p.length - 1]!];
    yield [`without ${p.join('.')}`, removed];
  }
  const mappings: (string | number)[][] = [
    [],
    ...paths.filter((p) => {
      const v = p.reduce<unknown>((n, k) => (n as Record<string | number, unknown>)[k], data);
      return v !== null && typeof v === 'object' && !Array.isArray(v);
    }),
  ];
  for (const p of mappings) {
    const d = clone();
    (p.reduce<unknown>((n, k) => (n as Record<string | number, unknown>)[k], d) as Record<string, unknown>).owner_typo = 'x';
    yield [`unknown key in ${p.join('.') || 'the front matter'}`, d];
  }
  for (const field of schemaFields.filter((f) => !(f in data))) {
    for (const v of BAD_VALUES) yield [`added ${field} = ${JSON.stringify(v).slice(0, 40)}`, { ...clone(), [field]: structuredClone(v) }];
  }
}

function schemaFields(type: WorkType): string[] {
  const common = JSON.parse(readFileSync(path.join(ROOT, 'schemas', 'common.schema.json'), 'utf8')) as {
    $defs: { base: { properties: Record<string, unknown> } };
  };
  const own = (new SchemaSet().schemaFor(type).properties ?? {}) as Record<string, unknown>;
  return [...Object.keys(common.$defs.base.properties), ...Object.keys(own)];
}

function sampleDocuments(): { file: string; text: string }[] {
  const base = path.join(ROOT, 'sample-sms', 'files');
  return (readdirSync(base, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.md') && f !== 'README.md')
    .sort()
    .map((f) => ({ file: f.split(path.sep).join('/'), text: readFileSync(path.join(base, f), 'utf8') }));
}

describe('precompiled validators', () => {
  it('the build wrote one validator per built-in type plus the config validator, and nothing else', () => {
    const exported = load(PRECOMPILED_FILE) as Record<string, unknown>;
    expect(Object.keys(exported).sort()).toEqual([...TYPES.map((t) => t.key), CONFIG_EXPORT].sort());
    for (const v of Object.values(exported)) expect(typeof v).toBe('function');
  });

  it('every template rendered by sms new, and every broken variant of it, gets the same result and errors as ajv at run time', async () => {
    const templates = await renderedTemplates();
    const keywords = new Set<string>();
    const formats = new Set<string>();
    let invalid = 0;
    let valid = 0;
    for (const t of TYPES) {
      const set = new SchemaSet();
      const pre = set.validator(t);
      const rt = runtimeValidator(t);
      expect(pre, `${t.key} is not compiled at run time`).toBe((load(PRECOMPILED_FILE) as Record<string, Validator>)[t.key]);
      const doc = readDocument(`${t.folder}/x.md`, templates.get(t.key)!, config);
      expect(doc.data, t.key).toBeDefined();
      expect(sameResult(pre, rt, doc.data, `${t.key} template`), `${t.key} template: ${JSON.stringify(pre.errors)}`).toBe(true);
      for (const [what, data] of mutations(doc.data!, schemaFields(t))) {
        if (sameResult(pre, rt, data, `${t.key}: ${what}`)) valid++;
        else {
          invalid++;
          for (const e of pre.errors ?? []) {
            keywords.add(e.keyword);
            if (e.keyword === 'format') formats.add(String(e.params.format));
          }
        }
      }
    }
    // The mutations must really exercise the schemas, formats included (standalone code needs the
    // ajv-formats functions; a silently ignored format would pass every date here).
    expect(invalid).toBeGreaterThan(5000);
    expect(valid).toBeGreaterThan(500);
    expect([...formats].sort()).toEqual(['date', 'date-time', 'email']);
    for (const k of ['required', 'type', 'enum', 'pattern', 'maxLength', 'minLength', 'uniqueItems', 'unevaluatedProperties', 'format']) {
      expect([...keywords], k).toContain(k);
    }
  });

  it('rejects bad dates, date-times and e-mail addresses through the formats (not just the patterns)', () => {
    const incident = TYPES.find((t) => t.key === 'incident')!;
    const roles = TYPES.find((t) => t.key === 'roles')!;
    const v = new SchemaSet().validator(incident);
    const base = {
      id: 'INC-0001',
      type: 'incident',
      title: 'x',
      status: 'opened',
      priority: 'P1',
      reported_by: 'ana',
      services: ['SVC-0001'],
    };
    expect(v({ ...base, opened: '2026-06-01T09:00:00Z' })).toBe(true);
    for (const bad of ['2026-06-01T09:00:00', '2026-02-30T09:00:00Z', '2026-06-01 09:00']) {
      expect(v({ ...base, opened: bad }), bad).toBe(false);
      expect(v.errors).toContainEqual(
        expect.objectContaining({ instancePath: '/opened', keyword: 'format', params: { format: 'date-time' } }),
      );
    }
    expect(v({ ...base, opened: '2026-06-01T09:00:00Z', approved_on: '2026-02-30' })).toBe(false);
    expect(v.errors).toContainEqual(
      expect.objectContaining({ instancePath: '/approved_on', keyword: 'format', params: { format: 'date' } }),
    );
    const r = new SchemaSet().validator(roles);
    expect(
      r({ id: 'ROLES', type: 'roles', title: 'Roles', status: 'draft', people: [{ name: 'Ana', email: 'ana@', roles: ['SM'] }] }),
    ).toBe(false);
    expect(r.errors).toContainEqual(
      expect.objectContaining({ instancePath: '/people/0/email', keyword: 'format', params: { format: 'email' } }),
    );
  });

  it('every document of the sample organisation gets the same result and errors as ajv at run time', () => {
    const docs = sampleDocuments();
    expect(docs.length).toBeGreaterThan(50);
    for (const { file, text } of docs) {
      const doc = readDocument(file, text, config);
      if (!doc.type || !doc.data) continue;
      expect(sameResult(new SchemaSet().validator(doc.type), runtimeValidator(doc.type), doc.data, file), file).toBe(true);
    }
  });

  it('the config validator agrees with ajv at run time on good and broken configurations', () => {
    const pre = configValidator();
    const rt = createAjv({ validateSchema: false }).compile(
      JSON.parse(readFileSync(path.join(ROOT, 'schemas', 'config.schema.json'), 'utf8')) as object,
    );
    const good = {
      organisation: 'Harbour Lane IT',
      timezone: 'Europe/Lisbon',
      folders: { incident: 'tickets' },
      ignore: ['changes/drafts/**'],
      rules: { 'unknown-person': 'error', 'review-overdue': 'off' },
      review_months: { policy: 12, service: 6 },
      expiry_warning_days: 60,
      max_file_size: 1048576,
      extra_fields: { incident: { ticket: { type: 'string' } } },
      custom_types: [
        {
          key: 'hazard',
          title: 'Risk register entry',
          folder: 'risks',
          id: { prefix: 'RISK', digits: 4 },
          statuses: ['open', 'treated', 'closed'],
          initial: ['open'],
          transitions: { open: ['treated', 'closed'], treated: ['closed'] },
          sections: ['Description', 'Treatment'],
          fields: { likelihood: { enum: ['low', 'medium', 'high'] } },
        },
      ],
      history: {
        attribution: ['author', 'committer', 'trailer'],
        trusted_committers: ['GitHub <noreply@github.com>'],
        require_signed: 'approvals',
        requester_may_approve: false,
        roles_bootstrap: true,
      },
      not_applicable: { 'RE.2.5': 'Customers sign our standard terms; agreements are not negotiated.' },
      links: { document: 'https://github.com/acme/sms/blob/{commit}/{path}', commit: 'https://github.com/acme/sms/commit/{commit}' },
    };
    expect(sameResult(pre, rt, good, 'README example')).toBe(true);
    let invalid = 0;
    for (const [what, data] of mutations(good, [])) if (!sameResult(pre, rt, data, `config: ${what}`)) invalid++;
    expect(invalid).toBeGreaterThan(200);
    expect(sameResult(pre, rt, { organisation: 'x', folders: { incident: '../outside' } }, 'folder escaping the root')).toBe(false);
  });
});

describe('schemas from the configuration', () => {
  const extended = parseConfig(
    [
      'organisation: Acme IT',
      'extra_fields:',
      "  incident: { ticket: { type: string, pattern: '^T-[0-9]+$' } }",
      'custom_types:',
      '  - key: risk',
      '    title: Risk register entry',
      '    folder: risks',
      '    id: { prefix: RISK, digits: 4 }',
      '    statuses: [open, treated, closed]',
      '    initial: [open]',
      '    sections: [Description, Treatment]',
      '    fields: { likelihood: { enum: [low, medium, high] } }',
      '',
    ].join('\n'),
    '/nonexistent',
  );
  const type = (key: string): WorkType => extended.typeByKey.get(key)!;

  it('only the types whose schema the configuration changes are compiled at run time', () => {
    const set = new SchemaSet(extended.extraFields, true);
    const precompiled = load(PRECOMPILED_FILE) as Record<string, Validator>;
    expect(set.compiledAtRunTime(type('incident'))).toBe(true);
    expect(set.compiledAtRunTime(type('risk'))).toBe(true);
    for (const t of extended.types.filter((t) => !['incident', 'risk'].includes(t.key))) {
      expect(set.compiledAtRunTime(t), t.key).toBe(false);
      expect(set.validator(t), t.key).toBe(precompiled[t.key]);
    }
    expect(set.validator(type('incident'))).not.toBe(precompiled.incident);
    // The custom type has the key of a built-in one and replaces it: the shipped risk schema must not apply.
    expect(type('risk').custom).toBe(true);
    expect(set.validator(type('risk'))).not.toBe(precompiled.risk);
  });

  it('an extra field is checked, and the rest of the type still gives the errors of the shipped schema', async () => {
    const templates = await renderedTemplates();
    const set = new SchemaSet(extended.extraFields, true);
    const withExtra = set.validator(type('incident'));
    const shipped = new SchemaSet().validator(type('incident'));
    const doc = readDocument('incidents/x.md', templates.get('incident')!, extended);
    expect(withExtra({ ...doc.data, ticket: 'T-42' })).toBe(true);
    expect(withExtra({ ...doc.data, ticket: 'ticket 42' })).toBe(false);
    expect(withExtra.errors).toEqual([expect.objectContaining({ instancePath: '/ticket', keyword: 'pattern' })]);
    expect(shipped({ ...doc.data, ticket: 'T-42' })).toBe(false);
    expect(shipped.errors).toEqual([
      expect.objectContaining({ keyword: 'unevaluatedProperties', params: { unevaluatedProperty: 'ticket' } }),
    ]);
    let compared = 0;
    for (const [what, data] of mutations(doc.data!, schemaFields(type('incident')))) {
      expect(withExtra(data), what).toBe(shipped(data));
      expect(withExtra.errors ?? null, what).toEqual(shipped.errors ?? null);
      compared++;
    }
    expect(compared).toBeGreaterThan(500);
  });

  it('a custom type is validated against its fields and the shared base', () => {
    const v = new SchemaSet(extended.extraFields, true).validator(type('risk'));
    const risk = { id: 'RISK-0001', type: 'risk', title: 'Flood', status: 'open', likelihood: 'low' };
    expect(v(risk)).toBe(true);
    expect(v({ ...risk, likelihood: 'extreme' })).toBe(false);
    expect(v.errors).toEqual([expect.objectContaining({ instancePath: '/likelihood', keyword: 'enum' })]);
    const { title: _title, ...untitled } = risk;
    expect(v({ ...untitled, impact: 'high' })).toBe(false);
    expect(v.errors?.map((e) => e.keyword).sort()).toEqual(['required', 'unevaluatedProperties']);
  });

  it('sms validate checks the extra field and the custom type, and the shipped types as before', async () => {
    const dir = tmp();
    const templates = await renderedTemplates();
    const incident = templates
      .get('incident')!
      .replace(/^id: .*$/m, 'id: INC-0001')
      .replace(/^---\n/, '---\nticket: T-1\n');
    const risk = (id: string, likelihood: string): string =>
      `---\nid: ${id}\ntype: risk\ntitle: Flood\nstatus: open\nlikelihood: ${likelihood}\n---\n\n## Description\n\n## Treatment\n`;
    writeFiles(dir, {
      'sms.config.yaml': [
        'organisation: Acme IT',
        'extra_fields:',
        "  incident: { ticket: { type: string, pattern: '^T-[0-9]+$' } }",
        'custom_types:',
        '  - key: risk',
        '    title: Risk register entry',
        '    folder: risks',
        '    id: { prefix: RISK, digits: 4 }',
        '    statuses: [open, closed]',
        '    initial: [open]',
        '    sections: [Description, Treatment]',
        '    fields: { likelihood: { enum: [low, medium, high] } }',
        '',
      ].join('\n'),
      'incidents/INC-0001-a.md': incident,
      'incidents/INC-0002-b.md': incident
        .replace('id: INC-0001', 'id: INC-0002')
        .replace('ticket: T-1', 'ticket: 2')
        .replace(/^title:/m, 'titel: x\ntitle:'),
      'incidents/INC-0003-c.md': incident.replace('id: INC-0001', 'id: INC-0003').replace(/^priority: .*$/m, 'priority: P9'),
      'risks/RISK-0001-a.md': risk('RISK-0001', 'low'),
      'risks/RISK-0002-b.md': risk('RISK-0002', 'extreme'),
    });
    const r = await smsInProcess(['validate', '--no-git', '--format', 'json'], dir);
    expect(r.stderr).toBe('');
    const found = (JSON.parse(r.stdout) as { diagnostics: { file: string; rule: string; message: string }[] }).diagnostics.filter(
      (d) => d.rule === 'schema',
    );
    expect(found.map((d) => `${d.file}: ${d.message}`)).toEqual([
      'incidents/INC-0002-b.md: "ticket" must be a string, found number',
      'incidents/INC-0002-b.md: unknown field "titel"; did you mean "title"?',
      'incidents/INC-0003-c.md: "priority" must be one of: P1, P2, P3, P4',
      'risks/RISK-0002-b.md: "likelihood" must be one of: low, medium, high',
    ]);
  });
});
