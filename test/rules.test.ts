import { describe, expect, it } from 'vitest';
import {
  baseSms,
  changeProcedure,
  incidentDoc,
  md,
  provenChange,
  rfc,
  rolesDoc,
  PEOPLE,
  sms,
  smsBuilt,
  smsInProcess,
  tmp,
  writeFiles,
  SERVICE,
} from './helpers.js';
import type { Finding } from './helpers.js';

const SLA_BODY = '\n## Scope\n\n## Service hours\n\n## Targets\n\n## Communication\n\n## Responsibilities\n';
const sla = (f: Record<string, unknown> = {}): string =>
  md(
    {
      id: 'SLA-0001',
      type: 'customer-agreement',
      title: 'Gold',
      status: 'draft',
      customer: 'Bakery',
      services: ['SVC-0001'],
      start: '2026-01-01',
      review: '2026-12-01',
      end: '2027-12-31',
      owner: 'ana@acme.example',
      ...f,
    },
    SLA_BODY,
  );
const inc = incidentDoc;

/** The customer's signatory of an approved agreement (rule joint-approval). */
const COUNTERSIGNED = { customer_approved_by: 'Bea Baker', customer_approved_on: '2026-01-01', customer_approval_ref: 'signed PDF' };

interface Scenario {
  name: string;
  files: Record<string, string>;
  /** [rule, file, line] expected, or [] for a clean run. */
  expect: [string, string, number?][];
  code: number;
}

const SCENARIOS: Scenario[] = [
  { name: 'a clean repository', files: { 'changes/RFC-0001-a.md': rfc(), 'incidents/INC-0001-a.md': inc() }, expect: [], code: 0 },
  {
    name: 'yaml-syntax: bad indentation',
    files: { 'changes/RFC-0001-a.md': '---\nid: RFC-0001\ntype: change-request\n  title: x\n---\n' },
    expect: [['yaml-syntax', 'changes/RFC-0001-a.md', 3]],
    code: 1,
  },
  {
    name: 'yaml-syntax: duplicate key',
    files: { 'changes/RFC-0001-a.md': rfc().replace('status: "draft"', 'status: "draft"\nstatus: "approved"') },
    expect: [['yaml-syntax', 'changes/RFC-0001-a.md', 6]],
    code: 1,
  },
  {
    name: 'front-matter: missing',
    files: { 'changes/notes.md': '# just notes\n' },
    expect: [['front-matter', 'changes/notes.md', 1]],
    code: 1,
  },
  {
    name: 'unknown-type',
    files: { 'changes/RFC-0001-a.md': rfc({ type: 'ticket' }) },
    expect: [['unknown-type', 'changes/RFC-0001-a.md', 3]],
    code: 1,
  },
  {
    name: 'schema: a wrong enum value at its line',
    files: { 'changes/RFC-0001-a.md': rfc({ change_type: 'urgent' }) },
    expect: [['schema', 'changes/RFC-0001-a.md', 6]],
    code: 1,
  },
  {
    name: 'schema: unknown field at its key',
    files: { 'incidents/INC-0001-a.md': inc({ prioirty: 'P1' }) },
    expect: [['schema', 'incidents/INC-0001-a.md', 10]],
    code: 1,
  },
  {
    name: 'schema: missing required field',
    files: { 'incidents/INC-0001-a.md': inc().replace('priority: "P2"\n', '') },
    expect: [['schema', 'incidents/INC-0001-a.md', 2]],
    code: 1,
  },
  {
    name: 'id-format',
    files: { 'changes/RFC-0001-a.md': rfc({ id: 'RFC-1' }) },
    expect: [['id-format', 'changes/RFC-0001-a.md', 2]],
    code: 1,
  },
  {
    name: 'duplicate-id (two branches both created RFC-0001)',
    files: { 'changes/RFC-0001-a.md': rfc(), 'changes/RFC-0001-b.md': rfc({ title: 'Other' }) },
    expect: [
      ['duplicate-id', 'changes/RFC-0001-a.md', 2],
      ['duplicate-id', 'changes/RFC-0001-b.md', 2],
    ],
    code: 1,
  },
  {
    name: 'status-value',
    files: { 'changes/RFC-0001-a.md': rfc({ status: 'closed' }) },
    expect: [['status-value', 'changes/RFC-0001-a.md', 5]],
    code: 1,
  },
  {
    name: 'broken-reference: missing service',
    files: { 'incidents/INC-0001-a.md': inc({ services: ['SVC-0009'] }) },
    expect: [['broken-reference', 'incidents/INC-0001-a.md', 9]],
    code: 1,
  },
  {
    name: 'broken-reference: wrong type',
    files: { 'changes/RFC-0001-a.md': rfc({ impacted_cis: ['SVC-0001'] }) },
    expect: [['broken-reference', 'changes/RFC-0001-a.md', 9]],
    code: 1,
  },
  {
    name: 'broken-reference: relative link',
    files: {
      'changes/RFC-0001-a.md': rfc(
        {},
        '\n## Purpose\n\nSee [design](../designs/missing.md) and [ok](../catalogue/SVC-0001-service-desk.md), [web](https://x.example).\n\n## Business impact\n\n## Scope\n',
      ),
    },
    expect: [['broken-reference', 'changes/RFC-0001-a.md', 13]],
    code: 1,
  },
  {
    name: 'broken-reference: a retired service only warns',
    files: {
      'catalogue/SVC-0001-service-desk.md': SERVICE.replace('status: "draft"', 'status: "retired"'),
      'incidents/INC-0001-a.md': inc(),
    },
    expect: [['broken-reference', 'incidents/INC-0001-a.md', 9]],
    code: 0,
  },
  {
    name: 'broken-reference: a closed incident may name a service retired since (it records how things were)',
    files: {
      'catalogue/SVC-0001-service-desk.md': SERVICE.replace('status: "draft"', 'status: "retired"'),
      'incidents/INC-0001-a.md': inc({ status: 'closed', resolved: '2026-05-01T10:00:00Z', closed: '2026-05-01T11:00:00Z' }),
    },
    expect: [],
    code: 0,
  },
  {
    name: 'missing-section',
    files: { 'changes/RFC-0001-a.md': rfc({}, '\n## Purpose\n') },
    expect: [['missing-section', 'changes/RFC-0001-a.md', 10]],
    code: 1,
  },
  {
    name: 'approval-authority: approver without the CM (or SM) role',
    files: {
      'changes/RFC-0001-a.md': rfc({
        status: 'approved',
        requested_by: 'ana@acme.example',
        approved_by: 'cleo@acme.example',
        approved_on: '2026-05-01',
      }),
    },
    expect: [['approval-authority', 'changes/RFC-0001-a.md', 9]],
    code: 1,
  },
  {
    name: 'approval-authority quiet: a former CM approved while still in office',
    files: {
      'governance/roles.md': rolesDoc().replace(
        '    email: ben@acme.example\n    roles: [CM]',
        '    email: ben@acme.example\n    roles: [CM]\n    until: "2026-03-31"',
      ),
      'changes/RFC-0001-a.md': rfc({ status: 'approved', approved_by: 'ben@acme.example', approved_on: '2026-03-01' }),
    },
    expect: [],
    code: 0,
  },
  {
    name: 'approval-authority: an approval dated after the approver left',
    files: {
      'governance/roles.md': rolesDoc().replace(
        '    email: ben@acme.example\n    roles: [CM]',
        '    email: ben@acme.example\n    roles: [CM]\n    until: "2026-03-31"',
      ),
      'changes/RFC-0001-a.md': rfc({ status: 'approved', approved_by: 'ben@acme.example', approved_on: '2026-05-01' }),
    },
    expect: [['approval-authority', 'changes/RFC-0001-a.md', 9]],
    code: 1,
  },
  {
    name: 'approval-authority quiet: the CM approves',
    files: { 'changes/RFC-0001-a.md': rfc({ status: 'approved', approved_by: 'ben@acme.example', approved_on: '2026-05-01' }) },
    expect: [],
    code: 0,
  },
  {
    name: 'self-approval: requester approves their own change (a warning: good practice, not the standard)',
    files: {
      'changes/RFC-0001-a.md': rfc({
        status: 'approved',
        requested_by: 'Ben Okafor',
        approved_by: 'ben@acme.example',
        approved_on: '2026-05-01',
      }),
    },
    expect: [['self-approval', 'changes/RFC-0001-a.md', 9]],
    code: 0,
  },
  {
    name: 'self-approval: a change labelled pre-approved under no model is not exempt',
    files: {
      'changes/RFC-0001-a.md': rfc({
        status: 'approved',
        change_type: 'pre-approved',
        requested_by: 'ben@acme.example',
        approved_by: 'ben@acme.example',
        approved_on: '2026-05-01',
      }),
    },
    expect: [
      ['pre-approved-model', 'changes/RFC-0001-a.md', 6],
      ['self-approval', 'changes/RFC-0001-a.md', 9],
    ],
    code: 0,
  },
  {
    name: 'self-approval quiet: a pre-approved change under a proven model of the change procedure',
    files: {
      'changes/RFC-0001-a.md': rfc({
        status: 'approved',
        change_type: 'pre-approved',
        requested_by: 'ben@acme.example',
        approved_by: 'ben@acme.example',
        approved_on: '2026-05-01',
        pre_approved_model: 'PA-1',
      }),
      'changes/RFC-0002-b.md': provenChange({ id: 'RFC-0002', deployed_on: '2026-03-05' }),
      'procedures/change-procedure.md': changeProcedure(
        [{ id: 'PA-1', title: 'Mailboxes', proven_by: 'RFC-0002', since: '2026-03-10' }],
        { approved_on: '2026-03-10' },
        `\n# Change procedure\n\n${['Change types', 'Requesting a change', 'Updating the change schedule', 'Emergency changes', 'Design, build and test', 'Deployment', 'Configuration record update', 'Removal'].map((h) => `## ${h}\n\nAs agreed.\n`).join('\n')}`,
      ),
    },
    expect: [],
    code: 0,
  },
  {
    name: 'separation-of-duties: CM and IM in one person',
    files: {
      'governance/roles.md': rolesDoc([
        { ...PEOPLE.ana, roles: ['SM'] },
        { ...PEOPLE.ben, roles: ['CM', 'IM'] },
      ]),
    },
    expect: [['separation-of-duties', 'governance/roles.md', 12]],
    code: 1,
  },
  {
    name: 'required-role: no Service Manager',
    files: { 'governance/roles.md': rolesDoc([{ ...PEOPLE.ben, roles: ['CM'] }]) },
    expect: [
      ['required-role', 'governance/roles.md', 7],
      ['unknown-person', 'catalogue/SVC-0001-service-desk.md', 6],
    ],
    code: 1,
  },
  {
    name: 'unknown-person warns',
    files: { 'changes/RFC-0001-a.md': rfc({ requested_by: 'zoe@elsewhere.example' }) },
    expect: [['unknown-person', 'changes/RFC-0001-a.md', 8]],
    code: 0,
  },
  {
    name: 'date-order: closed before opened',
    files: { 'incidents/INC-0001-a.md': inc({ status: 'closed', closed: '2026-04-30T08:00:00Z' }) },
    expect: [['date-order', 'incidents/INC-0001-a.md', 10]],
    code: 1,
  },
  {
    name: 'date-order: agreement ends before it starts',
    files: { 'agreements/customers/SLA-0001-gold.md': sla({ end: '2025-12-31' }) },
    expect: [
      ['date-order', 'agreements/customers/SLA-0001-gold.md', 10],
      ['date-order', 'agreements/customers/SLA-0001-gold.md', 10],
    ],
    code: 1,
  },
  {
    name: 'review-overdue: agreement review date passed',
    files: {
      'agreements/customers/SLA-0001-gold.md': sla({
        status: 'approved',
        review: '2026-03-01',
        approved_by: 'ana@acme.example',
        approved_on: '2026-01-01',
        ...COUNTERSIGNED,
      }),
    },
    expect: [['review-overdue', 'agreements/customers/SLA-0001-gold.md', 9]],
    code: 0,
  },
  {
    name: 'review-overdue: policy approved more than 12 months ago',
    files: {
      'governance/policy.md': md(
        { id: 'POLICY', type: 'policy', title: 'Policy', status: 'approved', approved_by: 'ana@acme.example', approved_on: '2025-05-01' },
        [
          'Document control',
          'Purpose, users and references',
          'Scope',
          'Measurable objectives',
          'Requirements and obligations',
          'Roles',
          'Resources',
          'Processes in scope',
          'Policy essentials',
          'Risk management',
          'Measurement, reporting and audit',
          'Management review and improvement',
          'Plan changes and validity',
        ]
          .map((s) => `\n## ${s}\n`)
          .join(''),
      ),
    },
    expect: [['review-overdue', 'governance/policy.md', 7]],
    code: 0,
  },
  {
    name: 'agreement-expired',
    files: {
      'agreements/customers/SLA-0001-gold.md': sla({
        status: 'approved',
        start: '2025-01-01',
        review: '2026-12-01',
        end: '2026-05-01',
        approved_by: 'ana@acme.example',
        ...COUNTERSIGNED,
      }),
    },
    expect: [
      ['agreement-expired', 'agreements/customers/SLA-0001-gold.md', 10],
      ['date-order', 'agreements/customers/SLA-0001-gold.md', 10],
    ],
    code: 1,
  },
  {
    name: 'dependency: final build without a published test report',
    files: {
      'changes/RFC-0001-a.md': rfc(),
      'changes/builds/BLD-0001-a.md': md(
        {
          id: 'BLD-0001',
          type: 'service-change-build',
          title: 'b',
          status: 'final',
          change_request: 'RFC-0001',
          approved_by: 'ben@acme.example',
        },
        '\n## Artifacts\n\n## Master copy\n',
      ),
    },
    expect: [['dependency', 'changes/builds/BLD-0001-a.md', 5]],
    code: 1,
  },
];

describe('validate rules (in-process)', () => {
  it.each(SCENARIOS.map((s) => [s.name, s] as const))('%s', async (_name, s) => {
    const dir = tmp();
    baseSms(dir, s.files);
    const r = await smsInProcess(['validate', '--format', 'json'], dir);
    const out = JSON.parse(r.stdout) as { diagnostics: Finding[]; errorCount: number };
    const got = out.diagnostics.map((d) => [d.rule, d.file, d.line]);
    expect(got.sort(), r.stdout).toEqual(s.expect.map(([rule, file, line]) => [rule, file, line]).sort());
    expect(r.code).toBe(s.code);
  });
});

// The build's bundle (dist/sms.cjs, what bin/sms.js runs) in-process: the launcher around it is
// tested through the binary elsewhere, and starting Node once per rule here cost ten seconds.
describe('validate rules through the built program', () => {
  it.each(SCENARIOS.filter((s) => s.expect.length > 0).map((s) => [s.expect[0]![0], s] as const))(
    '%s fires with the same result',
    async (_rule, s) => {
      const dir = tmp();
      baseSms(dir, s.files);
      const r = await smsBuilt(['validate', '--format', 'json'], dir);
      expect(r.code).toBe(s.code);
      expect((JSON.parse(r.stdout) as { diagnostics: Finding[] }).diagnostics.map((d) => d.rule)).toContain(s.expect[0]![0]);
    },
  );
});

describe('configuration of rules', () => {
  it('a rule set to off is silent, and warn turns its errors into warnings (exit 0)', async () => {
    const dir = tmp();
    baseSms(dir, { 'changes/RFC-0001-a.md': rfc({ status: 'closed' }), 'incidents/INC-0001-a.md': inc({ services: ['SVC-0009'] }) });
    writeFiles(dir, { 'sms.config.yaml': 'organisation: Acme IT\nrules:\n  status-value: off\n  broken-reference: warn\n' });
    const r = await smsInProcess(['validate', '--format', 'json'], dir);
    const out = JSON.parse(r.stdout) as { diagnostics: Finding[]; errorCount: number; warningCount: number };
    expect(out.diagnostics.map((d) => [d.rule, d.severity])).toEqual([['broken-reference', 'warning']]);
    expect(r.code).toBe(0);
  });

  it('--max-warnings turns too many warnings into exit 1; --quiet hides them', async () => {
    const dir = tmp();
    baseSms(dir, { 'changes/RFC-0001-a.md': rfc({ requested_by: 'zoe@x.example' }) });
    expect((await smsInProcess(['validate', '--max-warnings', '0'], dir)).code).toBe(1);
    expect((await smsInProcess(['validate', '--max-warnings', '1'], dir)).code).toBe(0);
    const q = await smsInProcess(['validate', '--quiet', '--format', 'json'], dir);
    expect(JSON.parse(q.stdout).diagnostics).toEqual([]);
    // Hidden, not gone: they still count for --max-warnings, and the summary says so rather than "no problems".
    expect(JSON.parse(q.stdout)).toMatchObject({ warningCount: 0, hiddenWarningCount: 1 });
    const both = await smsInProcess(['validate', '--quiet', '--max-warnings', '0'], dir);
    expect(both.code).toBe(1);
    expect(both.stdout).toBe('✔ 3 files checked, no errors (1 warning not shown: --quiet)\n');
    expect(both.stderr).toBe('sms: 1 warning, more than --max-warnings 0\n');
  });

  it('an invalid config is a located one-line error with exit 2', () => {
    const dir = tmp();
    baseSms(dir);
    writeFiles(dir, { 'sms.config.yaml': 'organisation: Acme\nrules:\n  schema: loud\n' });
    const r = sms(['validate'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe('sms: sms.config.yaml:3:11: "rules.schema" must be one of off, warn, warning, error');
    writeFiles(dir, { 'sms.config.yaml': 'organisation: Acme\nfolderz: {}\n' });
    expect(sms(['validate'], dir).stderr).toMatch(/^sms: sms.config.yaml:2:1: "folderz" is not a known setting/);
  });

  it('ignore globs and extra_fields', async () => {
    const dir = tmp();
    baseSms(dir, { 'changes/drafts/scratch.md': 'no front matter', 'incidents/INC-0001-a.md': inc({ ticket: 'T-1' }) });
    writeFiles(dir, {
      'sms.config.yaml': 'organisation: Acme\nignore: ["changes/drafts/**"]\nextra_fields:\n  incident:\n    ticket: { type: string }\n',
    });
    const r = await smsInProcess(['validate', '--format', 'json'], dir);
    expect(JSON.parse(r.stdout).diagnostics).toEqual([]);
  });

  it('with paths it reports only on those files, while cross-file rules still see everything', async () => {
    const dir = tmp();
    baseSms(dir, { 'changes/RFC-0001-a.md': rfc({ status: 'bogus' }), 'incidents/INC-0001-a.md': inc() });
    const r = await smsInProcess(['validate', '--format', 'json', 'incidents/INC-0001-a.md'], dir);
    const out = JSON.parse(r.stdout);
    expect(out.diagnostics).toEqual([]);
    expect(out.fileCount).toBe(1);
    expect(r.code).toBe(0);
    const outside = await smsInProcess(['validate', '/etc/passwd'], dir);
    expect(outside.code).toBe(2);
  });
});
