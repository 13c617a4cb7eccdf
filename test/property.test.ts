import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { stringify } from 'yaml';
import { ROOT } from './helpers.js';
import { SmsError } from '../src/errors.js';
import { FORMATTERS } from '../src/formatters/index.js';
import { NO_PAINT } from '../src/formatters/types.js';
import { extractState } from '../src/history/extract.js';
import { extractOptions } from '../src/history/read.js';
import { buildTimeline } from '../src/history/timeline.js';
import type { HistoryCommit } from '../src/git/history.js';
import type { Loaded } from '../src/load.js';
import { processModel } from '../src/model/processes.js';
import { rolesType } from '../src/model/types.js';
import { parseConfig } from '../src/repo/config.js';
import { readDocument, type LoadIssue } from '../src/repo/documents.js';
import { reportContext } from '../src/report/context.js';
import { REPORTS } from '../src/report/registry.js';
import { renderReport } from '../src/report/render.js';
import { RULES } from '../src/rules/index.js';
import { buildRuleContext, type ValidationResult } from '../src/validate.js';
import { runRule } from '../src/rules/registry.js';
import { compareDiagnostics } from '../src/diagnostic.js';
import { SchemaSet } from '../src/model/schemas.js';

/**
 * Generated repositories of hostile documents: random YAML values at every field any schema
 * knows, control characters, huge and deeply nested values, broken front matter, odd file names
 * and a generated Git history. Every rule, every formatter and every report (in every format)
 * runs on each, and must not throw; every finding must point at a line of its file; JSON, SARIF
 * and JUnit XML output must parse. `npm run fuzz -- --runs N` runs the same property longer.
 */
const RUNS = Number(process.env.SMS_FUZZ_RUNS ?? 40);
const SEED = process.env.SMS_FUZZ_SEED === undefined ? undefined : Number(process.env.SMS_FUZZ_SEED);
const PATH = process.env.SMS_FUZZ_PATH;

const CONFIG_TEXT = [
  'organisation: "Acme <b>IT</b> | %%{init}%%"',
  'extra_fields: { incident: { ticket: { type: string } } }',
  'custom_types:',
  '  - key: risk',
  '    title: Risk',
  '    folder: risks',
  '    id: { prefix: RISK, digits: 4 }',
  '    statuses: [open, closed]',
  '    initial: [open]',
  '    transitions: { open: [closed] }',
  '    sections: ["{{#each", Treatment]',
  '',
].join('\n');
// No such folder: report templates are the shipped ones and no file is ever read from here.
const config = parseConfig(CONFIG_TEXT, '/nonexistent/sms-property');
const TYPES = config.types;
const SCHEMAS = new SchemaSet(config.extraFields, true);

/** Every field name any schema declares. */
const FIELDS = (() => {
  const keys = new Set<string>();
  const collect = (s: Record<string, unknown>): void => {
    for (const k of Object.keys((s.properties as object | undefined) ?? {})) keys.add(k);
    for (const d of Object.values((s.$defs as Record<string, Record<string, unknown>> | undefined) ?? {})) collect(d);
  };
  for (const f of readdirSync(path.join(ROOT, 'schemas')))
    if (f !== 'config.schema.json') collect(JSON.parse(readFileSync(path.join(ROOT, 'schemas', f), 'utf8')) as Record<string, unknown>);
  return [...keys].sort();
})();

const PEOPLE = ['ana@acme.example', 'ben@acme.example', 'cleo@acme.example', 'Ana Costa'];
const HOSTILE = [
  '<script>alert(1)</script>',
  '%%{init: {"securityLevel": "loose"}}%%',
  'click A call alert()',
  ']]><x/>',
  '"\'`|*_#[](x)',
  '\u0000\u0001\u001b[31m\u007f\u0085\u2028\ufeff\ufffe',
  '::error file=x::y',
  '%0A%25',
  '{{constructor}}',
  '__proto__',
  '\ud800',
  '😀',
];

const text = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 16 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 24 }) },
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE, ...PEOPLE, 'SVC-0001', 'RFC-0001', 'SLA-0001', 'INC-0001', 'P1', 'P9') },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '2026-03-01',
      '2026-02-30',
      '2026-13-01',
      '2026-01-32 Jan',
      '0000-00-00',
      '2026-03-01T08:00:00Z',
      '2026-03-01T25:00:00+02:00',
      '2026-03-04T10:00:00-05:00',
      '9999-12-31T23:59:59Z',
    ),
  },
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 30_000 }).map((n) => 'x'.repeat(n)) },
);

const value = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    text,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('v'), { maxLength: 4 }),
    fc.dictionary(
      fc.oneof(fc.constantFrom(...FIELDS, 'P1', 'P2', 'resolution_hours', 'toString', 'valueOf', '__proto__'), fc.string({ maxLength: 6 })),
      tie('v'),
      {
        maxKeys: 4,
      },
    ),
  ),
})).v;

/** A value nested deeper than any real document. */
const deep = fc.integer({ min: 50, max: 400 }).map((n) => {
  let v: unknown = 'bottom';
  for (let i = 0; i < n; i++) v = i % 2 ? [v] : { k: v };
  return v;
});

interface Version {
  text: string;
  author: number;
}
interface GenDoc {
  file: string;
  versions: Version[];
}

const body = fc
  .tuple(
    fc.boolean(),
    fc.array(
      fc.oneof(
        text,
        fc.constantFrom('## Purpose', '## Description', '```', '[a](../../x.md)', '[b](missing.md)', '![c](img.png)', '# Heading'),
      ),
      { maxLength: 8 },
    ),
  )
  .map(([, parts]) => `\n${parts.join('\n')}\n`);

/** One version of a document: mostly YAML front matter of a known type, sometimes anything at all. */
const version = fc.oneof(
  {
    weight: 9,
    arbitrary: fc
      .record({
        type: fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...TYPES) }, { weight: 1, arbitrary: fc.constant(undefined) }),
        n: fc.integer({ min: 1, max: 4 }),
        status: fc.option(value, { freq: 4 }),
        pickStatus: fc.nat(),
        fields: fc.dictionary(fc.constantFrom(...FIELDS), fc.oneof({ weight: 10, arbitrary: value }, { weight: 1, arbitrary: deep }), {
          maxKeys: 8,
        }),
        body,
        crlf: fc.boolean(),
        bom: fc.boolean(),
      })
      .map((g) => {
        const t = g.type;
        const data: Record<string, unknown> = {
          id: t ? (t.id.singleton ?? `${t.id.prefix}-${String(g.n).padStart(t.id.digits ?? 4, '0')}`) : 'X-1',
          type: t ? t.key : 'no-such-type',
          title: 'Generated',
          status: g.status ?? (t ? t.statuses[g.pickStatus % t.statuses.length] : 'draft'),
          ...g.fields,
        };
        const sections = t ? t.sections.map((s) => `## ${s}\n`).join('\n') : '';
        let doc = `---\n${stringify(data, { aliasDuplicateObjects: false, lineWidth: 0 })}---\n${sections}${g.body}`;
        if (g.crlf) doc = doc.replace(/\n/g, '\r\n');
        return { text: g.bom ? `\ufeff${doc}` : doc, type: t };
      }),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }).map((s) => ({ text: s, type: undefined })) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }).map((s) => ({ text: `---\n${s}\n---\n`, type: undefined })) },
);

const repository = fc.record({
  docs: fc.array(
    fc.tuple(
      fc.array(version, { minLength: 1, maxLength: 3 }),
      fc.array(fc.nat(4), { minLength: 3, maxLength: 3 }),
      fc.string({ maxLength: 8 }),
    ),
    {
      minLength: 1,
      maxLength: 6,
    },
  ),
  issues: fc.array(
    fc.record({
      rule: fc.constantFrom<LoadIssue['rule']>('file-size', 'file-encoding', 'symlink', 'file-type', 'file-access'),
      file: fc.oneof(fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }), fc.constantFrom(...HOSTILE)),
      message: text,
    }),
    { maxLength: 2 },
  ),
  today: fc.constantFrom('2026-06-01', '2026-01-01', '2027-03-31'),
  period: fc.option(
    fc.tuple(fc.constantFrom('2025-01-01', '2026-03-01', '2026-06-30'), fc.constantFrom('2026-03-31', '2026-12-31', '2027-06-30')),
  ),
  agreement: fc.constantFrom('SLA-0001', 'SLA-0002', 'RFC-0001', 'nope'),
});

const ROLES_DOC = `---\nid: ROLES\ntype: roles\ntitle: Roles\nstatus: approved\npeople:\n  - { name: Ana Costa, email: ana@acme.example, roles: [SM, MGT] }\n  - { name: Ben Okafor, email: ben@acme.example, roles: [CM, IM] }\n  - { name: Cleo Park, email: cleo@acme.example, roles: [PT, "<b>"] }\n---\n\n## Responsibilities\n\n## Training and development\n`;

/** Builds the loaded repository (documents, load issues, history) the way the load edge would. */
function loadedOf(g: typeof repository extends fc.Arbitrary<infer T> ? T : never): { loaded: Loaded; texts: Map<string, string> } {
  const docs: GenDoc[] = [{ file: 'governance/roles.md', versions: [{ text: ROLES_DOC, author: 0 }] }];
  g.docs.forEach(([versions, authors, name], i) => {
    const t = versions.at(-1)!.type;
    const folder = t?.folder ?? 'changes';
    docs.push({
      file: `${folder}/${i}-${Buffer.from(name.replace(/[/\0]/g, '_'), 'utf8').toString('utf8')}.md`,
      versions: versions.map((v, k) => ({ text: v.text, author: authors[k]! })),
    });
  });
  const texts = new Map(docs.map((d) => [d.file, d.versions.at(-1)!.text]));
  const documents = docs.map((d) => readDocument(d.file, d.versions.at(-1)!.text, config));
  // History: version k of every document in commit k, by one of the people (or a stranger).
  const blobs = new Map<string, string>();
  const commits: HistoryCommit[] = [];
  const depth = Math.max(...docs.map((d) => d.versions.length));
  for (let k = 0; k < depth; k++) {
    const changes = [];
    for (const d of docs) {
      if (k >= d.versions.length) continue;
      const blob = `${d.file}@${k}`;
      blobs.set(blob, d.versions[k]!.text);
      changes.push({ path: d.file, oldBlob: k > 0 ? `${d.file}@${k - 1}` : undefined, newBlob: blob });
    }
    const who = [
      'Ana Costa <ana@acme.example>',
      'Ben Okafor <ben@acme.example>',
      'Cleo Park <cleo@acme.example>',
      'X <x@evil.example>',
      '<b> <%0A>',
    ][docs[1 + (k % (docs.length - 1))]?.versions[k]?.author ?? 0]!;
    const [name, email] = [who.slice(0, who.indexOf(' <')), who.slice(who.indexOf(' <') + 2, -1)];
    commits.push({
      sha: `${k}`.padStart(40, '0'),
      parents: k ? [`${k - 1}`.padStart(40, '0')] : [],
      authorName: name,
      authorEmail: email,
      committerName: name,
      committerEmail: email,
      date: `2026-0${1 + k}-15T10:00:00Z`,
      approvedBy: k % 2 ? [who] : [],
      subject: HOSTILE[k % HOSTILE.length]!,
      changes,
    });
  }
  const opts = extractOptions(config);
  const states = new Map([...blobs].map(([b, t]) => [b, extractState(t, opts)]));
  const timeline = buildTimeline(commits, (b) => states.get(b), undefined, rolesType(config.types));
  // File names come from the file system or git, decoded as UTF-8: never a lone surrogate.
  const issues: LoadIssue[] = g.issues.map((i) => ({ ...i, file: `odd/${Buffer.from(i.file, 'utf8').toString('utf8')}` }));
  return {
    loaded: { config, repository: { documents, issues }, timeline, changes: { mode: 'commits', events: timeline.events } },
    texts,
  };
}

function lineCount(s: string): number {
  let n = 1;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 10) n++;
  return n;
}

async function check(g: typeof repository extends fc.Arbitrary<infer T> ? T : never): Promise<void> {
  const { loaded, texts } = loadedOf(g);
  // The rules run one by one as validate runs them, with one schema set for all runs (compiling is the slow part).
  const rctx = buildRuleContext(loaded, g.today, (rel) => texts.has(rel), SCHEMAS);
  const diagnostics = RULES.flatMap((rule) => runRule(rule, rctx)).sort(compareDiagnostics);
  const result: ValidationResult = {
    diagnostics,
    errorCount: diagnostics.filter((d) => d.severity === 'error').length,
    warningCount: diagnostics.filter((d) => d.severity === 'warning').length,
    fileCount: texts.size + loaded.repository.issues.length,
  };
  for (const d of result.diagnostics) {
    expect(typeof d.file === 'string' && d.file.length > 0, JSON.stringify(d)).toBe(true);
    expect(Number.isInteger(d.line) && d.line >= 1 && Number.isInteger(d.column) && d.column >= 1, JSON.stringify(d)).toBe(true);
    const t = texts.get(d.file);
    // A finding about a document points at one of its lines; one about any other file, at line 1.
    expect(d.line, JSON.stringify(d)).toBeLessThanOrEqual(t === undefined ? 1 : lineCount(t));
    expect(RULES.some((r) => r.id === d.rule)).toBe(true);
    expect(typeof d.message).toBe('string');
  }

  const fctx = { paint: NO_PAINT, source: (f: string) => texts.get(f), rules: RULES, version: '0.0.0' };
  for (const [name, formatter] of Object.entries(FORMATTERS)) {
    const out = formatter(result, fctx);
    expect(typeof out).toBe('string');
    if (name === 'json') expect((JSON.parse(out) as { diagnostics: unknown[] }).diagnostics).toHaveLength(result.diagnostics.length);
    if (name === 'sarif') {
      const sarif = JSON.parse(out) as { version: string; runs: { results: unknown[] }[] };
      expect(sarif.version).toBe('2.1.0');
      expect(sarif.runs[0]!.results).toHaveLength(result.diagnostics.length);
    }
    if (name === 'junit') expect(XMLValidator.validate(out)).toBe(true);
    // One workflow command per finding: a value cannot start a line of its own.
    if (name === 'github') for (const line of out.split('\n').filter(Boolean)) expect(line).toMatch(/^::(?:error|warning) file=/);
  }

  const ctx = reportContext(loaded, result, g.today, processModel());
  for (const entry of REPORTS) {
    const def = await entry.load();
    const period = def.period(ctx, g.period ? { since: g.period[0], until: g.period[1] } : {}, { agreement: g.agreement });
    let data: object;
    try {
      data = def.build(ctx, period, { agreement: g.agreement });
    } catch (err) {
      // The refusals a report may make: --agreement naming something that is not an agreement, or
      // an ID the agreement had before history shows it renumbered (the report is under its new ID).
      expect(err instanceof SmsError && ['NOT_AN_AGREEMENT', 'AGREEMENT_RENUMBERED'].includes(err.code), String(err)).toBe(true);
      continue;
    }
    for (const format of ['md', 'html', 'json'] as const) {
      const out = renderReport(def.kind, format, data, format === 'json' ? [] : def.charts(data), config.root);
      expect(typeof out).toBe('string');
      if (format === 'json') JSON.parse(out);
    }
    if (def.csv) expect(typeof def.csv(data)).toBe('string');
  }
}

describe('property: hostile repositories', () => {
  it(`every rule, formatter and report on generated repositories (${RUNS} runs)`, async () => {
    const run = await fc.check(
      fc.asyncProperty(repository, (g) => check(g)),
      { numRuns: RUNS, seed: SEED, path: PATH, endOnFailure: true },
    );
    // The generated repository can be megabytes: report how to replay it and what broke, not the repository.
    if (run.failed) {
      const err = run.errorInstance as Error | undefined;
      throw new Error(
        `failed after ${run.numRuns} runs; replay with SMS_FUZZ_SEED=${run.seed} SMS_FUZZ_PATH=${run.counterexamplePath}\n${String(err?.stack ?? err).slice(0, 4000)}`,
      );
    }
  });
});
