import { describe } from 'vitest';
import { ruleTester } from './rule-tester.js';
import { agreementDoc, changeProcedure, md, provenChange, rfc, rolesDoc, PEOPLE, SERVICE } from './helpers.js';
import { ruleById } from '../src/rules/index.js';

const rule = (id: string) => ruleById(id)!;
const ROLES = { 'governance/roles.md': rolesDoc(), 'catalogue/SVC-0001-service-desk.md': SERVICE };
const TEAM = [
  { ...PEOPLE.ana, roles: ['SM', 'MGT'] },
  { ...PEOPLE.ben, roles: ['CM'] },
  { ...PEOPLE.cleo, roles: ['IM', 'PT'] },
];
const R = 'changes/RFC-0001-a.md';
const sla = (f: Record<string, unknown> = {}): string =>
  agreementDoc({ end: '2027-12-31', approved_by: 'ana@acme.example', approved_on: '2026-01-01', ...f });

const scopeDoc = (status: string, outOfScope: string): string =>
  md(
    {
      id: 'SCOPE',
      type: 'scope',
      title: 'Scope',
      status,
      owner: 'ana@acme.example',
      ...(status === 'approved' ? { approved_by: 'ana@acme.example', approved_on: '2026-01-02' } : {}),
    },
    `\n# Scope\n\n## Services\n\nMail.\n\n## Customers\n\nBakery.\n\n## Exclusions\n\n${outOfScope}\n`,
  );

// A pre-approved change model (CO.2.1 NOTE 3): PA-1, proven by RFC-0001, a normal change deployed
// successfully on 2026-04-01, and agreed on 2026-04-10.
const P = 'procedures/change-procedure.md';
const R2 = 'changes/RFC-0002-b.md';
const chgproc = (models: unknown[]): string => changeProcedure(models);
const provingChange = provenChange;
const PA1 = { id: 'PA-1', title: 'Mailboxes', proven_by: 'RFC-0001', since: '2026-04-10' };
const PROVEN = { [P]: chgproc([PA1]), [R]: provingChange() };
const selfApprovedPre = (f: Record<string, unknown> = {}): string =>
  rfc({
    id: 'RFC-0002',
    status: 'approved',
    change_type: 'pre-approved',
    requested_by: PEOPLE.ben.email,
    approved_by: PEOPLE.ben.email,
    approved_on: '2026-05-01',
    ...f,
  });

describe('in-memory rule tables', () => {
  ruleTester(rule('self-approval'), {
    valid: [
      {
        name: 'the CM approves a change someone else requested',
        files: { ...ROLES, [R]: rfc({ status: 'approved', approved_by: PEOPLE.ben.email, approved_on: '2026-05-01' }) },
      },
      {
        name: 'a pre-approved change approved by its requester, under a proven model agreed before the approval',
        files: { ...ROLES, ...PROVEN, [R2]: selfApprovedPre({ pre_approved_model: 'PA-1' }) },
      },
      {
        name: 'history.requester_may_approve: true',
        config: 'organisation: Acme IT\nhistory:\n  requester_may_approve: true\n',
        files: {
          ...ROLES,
          [R]: rfc({ status: 'approved', requested_by: 'Ben Okafor', approved_by: PEOPLE.ben.email, approved_on: '2026-05-01' }),
        },
      },
      {
        name: 'a draft with a leftover approved_by is not an approval',
        files: { ...ROLES, [R]: rfc({ requested_by: PEOPLE.ben.email, approved_by: PEOPLE.ben.email }) },
      },
    ],
    invalid: [
      // A change labelled pre-approved is exempt only under a model the change procedure lists, proven by a
      // normal change that went the whole way, and agreed by the day of the approval: a label alone is no way
      // around the check.
      {
        name: 'a change its requester labels pre-approved, naming no model, approved by that requester',
        files: { ...ROLES, [R2]: selfApprovedPre() },
        errors: [[R2, 9]],
        message: /the requester \(ben@acme\.example\) approved their own change-request/,
      },
      {
        name: 'a pre-approved change naming a model the change procedure does not list',
        files: { ...ROLES, ...PROVEN, [R2]: selfApprovedPre({ pre_approved_model: 'PA-9' }) },
        errors: [[R2, 9]],
      },
      {
        name: 'a pre-approved change under a model whose proving change was never deployed',
        files: {
          ...ROLES,
          [P]: chgproc([{ id: 'PA-1', title: 'Mailboxes', proven_by: 'RFC-0001', since: '2026-04-10' }]),
          [R]: rfc({ status: 'approved', approved_by: PEOPLE.ben.email, approved_on: '2026-03-01' }),
          [R2]: selfApprovedPre({ pre_approved_model: 'PA-1' }),
        },
        errors: [[R2, 9]],
      },
      {
        name: 'a pre-approved change approved before its model was agreed',
        files: { ...ROLES, ...PROVEN, [R2]: selfApprovedPre({ pre_approved_model: 'PA-1', approved_on: '2026-04-09' }) },
        errors: [[R2, 9]],
      },
      {
        name: 'the requester, named by name, approved by e-mail',
        files: {
          ...ROLES,
          [R]: rfc({ status: 'approved', requested_by: 'Ben Okafor', approved_by: PEOPLE.ben.email, approved_on: '2026-05-01' }),
        },
        errors: [[R, 9]],
        message: /the requester \(Ben Okafor\) approved their own change-request/,
      },
    ],
  });

  const pre = (f: Record<string, unknown> = {}): string =>
    rfc({
      id: 'RFC-0002',
      status: 'approved',
      change_type: 'pre-approved',
      approved_by: PEOPLE.ben.email,
      approved_on: '2026-05-01',
      ...f,
    });
  ruleTester(rule('pre-approved-model'), {
    valid: [
      {
        name: 'a pre-approved change under a proven model agreed before its approval',
        files: { ...PROVEN, [R2]: pre({ pre_approved_model: 'PA-1' }) },
      },
      {
        name: 'a draft labelled pre-approved with no model yet (the approver names it)',
        files: { ...PROVEN, [R2]: pre({ status: 'draft' }) },
      },
      {
        name: 'a model with no since, proven by a deployed normal change',
        files: { [P]: chgproc([{ ...PA1, since: undefined }]), [R]: provingChange() },
      },
      { name: 'a normal change needs no model', files: { ...PROVEN, [R2]: pre({ change_type: 'normal' }) } },
      {
        // When the approval relied on an approved version of the list is history's to judge (--base, --history).
        name: 'a revision of the change procedure in progress (draft) leaves its models standing in the working tree',
        files: {
          ...PROVEN,
          [P]: chgproc([PA1]).replace('status: "approved"', 'status: "draft"'),
          [R2]: pre({ pre_approved_model: 'PA-1' }),
        },
      },
    ],
    invalid: [
      {
        name: 'an approved pre-approved change that names no model',
        files: { ...PROVEN, [R2]: pre() },
        errors: [[R2, 6]],
        message: /^RFC-0002 is pre-approved but names no model \(pre_approved_model\)$/,
      },
      {
        name: 'a model the change procedure does not list',
        files: { ...PROVEN, [R2]: pre({ pre_approved_model: 'PA-2' }) },
        errors: [[R2, 11]],
        message: /^RFC-0002 follows pre-approved model PA-2, which the change-procedure \(CHGPROC\) does not list$/,
      },
      {
        name: 'approved before the model was agreed',
        files: { ...PROVEN, [R2]: pre({ pre_approved_model: 'PA-1', approved_on: '2026-04-02' }) },
        errors: [[R2, 10]],
        message: /^RFC-0002 was approved on 2026-04-02, before pre-approved model PA-1 was agreed \(since 2026-04-10\)$/,
      },
      {
        name: 'a model proven by a change that is only approved (never through test, approval to deploy and deployment)',
        files: { [P]: chgproc([PA1]), [R]: provingChange({ status: 'approved', deployed_on: undefined, outcome: undefined }) },
        errors: [[P, 9]],
        message: /^pre-approved model PA-1 does not count: RFC-0001 is "approved", not through the whole process \(updated\)$/,
      },
      {
        name: 'a model proven by an emergency change (no full pass)',
        files: { [P]: chgproc([PA1]), [R]: provingChange({ change_type: 'emergency' }) },
        errors: [[P, 9]],
        message: /^pre-approved model PA-1 does not count: RFC-0001 has change_type "emergency", where a proof needs normal$/,
      },
      {
        name: 'a model proven by a failed deployment',
        files: { [P]: chgproc([PA1]), [R]: provingChange({ outcome: 'backed-out' }) },
        errors: [[P, 9]],
        message: /RFC-0001 has outcome "backed-out", where a proof needs successful$/,
      },
      {
        name: 'a model agreed before its proving change was deployed',
        files: { [P]: chgproc([{ ...PA1, since: '2026-03-15' }]), [R]: provingChange() },
        errors: [[P, 9]],
        message: /RFC-0001 was only done on 2026-04-01 \(deployed_on\), after the model was agreed \(since 2026-03-15\)$/,
      },
      {
        name: 'a model proven by a change that does not exist, and the changes under it',
        files: { [P]: chgproc([{ ...PA1, proven_by: 'RFC-0042' }]), [R2]: pre({ pre_approved_model: 'PA-1' }) },
        errors: [
          [P, 9],
          [R2, 11],
        ],
        message: /there is no change-request RFC-0042$/,
      },
      {
        name: 'a model whose since is no day: agreed on no day, not on every day',
        files: { [P]: chgproc([{ ...PA1, since: '2026-4-10' }]), [R]: provingChange(), [R2]: pre({ pre_approved_model: 'PA-1' }) },
        errors: [
          [P, 9],
          [R2, 11],
        ],
        message: /does not count: its since \("2026-4-10"\) is not a date \(YYYY-MM-DD\)$/,
      },
      {
        name: 'a model named where there is no change procedure',
        files: { [R2]: pre({ pre_approved_model: 'PA-1' }) },
        errors: [[R2, 11]],
        message: /^RFC-0002 follows pre-approved model PA-1, but there is no change-procedure to list it$/,
      },
      {
        name: 'a model listed twice',
        files: { [P]: chgproc([PA1, { ...PA1, title: 'Again' }]), [R]: provingChange() },
        errors: [[P, 9]],
        message: /^pre-approved model PA-1 is listed twice; the first entry counts$/,
      },
    ],
  });

  const svcId = (n: number): string => `SVC-${String(n).padStart(4, '0')}`;
  const svc = (n: number, dependsOn: string[]): [string, string] => [
    `catalogue/${svcId(n)}-s.md`,
    md(
      { id: svcId(n), type: 'service', title: `Service ${n}`, status: 'draft', owner: 'ana@acme.example', depends_on: dependsOn },
      '\n## Description\n\n## Service hours\n\n## Quality measures\n\n## How to use\n',
    ),
  ];
  ruleTester(rule('dependency-cycle'), {
    valid: [
      {
        name: 'a chain, and two services on one',
        files: { ...ROLES, ...Object.fromEntries([svc(2, ['SVC-0003']), svc(3, ['SVC-0004']), svc(4, []), svc(5, ['SVC-0004'])]) },
      },
      {
        name: "a dependency on a service that does not exist is broken-reference's",
        files: { ...ROLES, ...Object.fromEntries([svc(2, ['SVC-0009'])]) },
      },
    ],
    invalid: [
      {
        name: 'a service that names itself',
        files: { ...ROLES, ...Object.fromEntries([svc(2, ['SVC-0003', 'SVC-0002']), svc(3, [])]) },
        errors: [['catalogue/SVC-0002-s.md', 7]],
        message: /^SVC-0002 names itself in depends_on$/,
      },
      {
        name: 'a service that names itself three times, reported once',
        files: { ...ROLES, ...Object.fromEntries([svc(2, ['SVC-0002', 'SVC-0002', 'SVC-0002'])]) },
        errors: [['catalogue/SVC-0002-s.md', 7]],
        message: /^SVC-0002 names itself in depends_on$/,
      },
      {
        name: 'a loop of three, reported once',
        files: { ...ROLES, ...Object.fromEntries([svc(2, ['SVC-0003']), svc(3, ['SVC-0004']), svc(4, ['SVC-0002'])]) },
        errors: [['catalogue/SVC-0004-s.md', 7]],
        message: /^depends_on goes round in a loop: SVC-0002 → SVC-0003 → SVC-0004 → SVC-0002$/,
      },
      {
        name: 'a loop of twelve, shown by its first five and its end',
        files: {
          ...ROLES,
          // SVC-0002 → SVC-0003 → … → SVC-0013 → SVC-0002
          ...Object.fromEntries(Array.from({ length: 12 }, (_, i) => svc(i + 2, [svcId(i === 11 ? 2 : i + 3)]))),
        },
        errors: [['catalogue/SVC-0013-s.md', 7]],
        message:
          /^depends_on goes round in a loop: SVC-0002 → SVC-0003 → SVC-0004 → SVC-0005 → SVC-0006 → … \(6 more\) → SVC-0013 → SVC-0002$/,
      },
    ],
  });

  ruleTester(rule('separation-of-duties'), {
    valid: [{ name: 'CM and IM held by different people', files: ROLES }],
    invalid: [
      {
        name: 'one person is CM and IM',
        files: { 'governance/roles.md': rolesDoc([{ ...PEOPLE.ana, roles: ['SM', 'CM', 'IM'] }]) },
        errors: [['governance/roles.md', 9]],
        message: /Ana Costa is both Control Manager \(CM\) and Incident Manager \(IM\)/,
      },
      {
        name: 'one person listed twice, CM in one entry and IM in the other under the address in upper case',
        files: { 'governance/roles.md': rolesDoc([...TEAM, { name: 'Ben Okafor', email: 'BEN@acme.example', roles: ['IM'] }]) },
        errors: [['governance/roles.md', 18]],
        message: /Ben Okafor is both Control Manager \(CM\) and Incident Manager \(IM\)/,
      },
      {
        name: 'one person listed twice by name, under another address',
        files: { 'governance/roles.md': rolesDoc([...TEAM, { name: 'Ben Okafor', email: 'b.okafor@acme.example', roles: ['IM'] }]) },
        errors: [['governance/roles.md', 18]],
        message: /Ben Okafor is both Control Manager \(CM\) and Incident Manager \(IM\)/,
      },
    ],
  });

  ruleTester(rule('duplicate-person'), {
    valid: [
      { name: 'each person once', files: ROLES },
      {
        name: 'someone who left and came back: the past term ended (until) beside the entry held now',
        files: {
          'governance/roles.md': rolesDoc([...TEAM, { name: 'Ben Okafor', email: 'ben@acme.example', roles: ['IM'] }]).replace(
            '    roles: [CM]\n',
            '    roles: [CM]\n    until: "2025-12-31"\n',
          ),
        },
      },
    ],
    invalid: [
      {
        name: 'the same address in another case',
        files: { 'governance/roles.md': rolesDoc([...TEAM, { name: 'B. Okafor', email: 'BEN@acme.example', roles: ['IM'] }]) },
        errors: [['governance/roles.md', 17]],
        message:
          /^B\. Okafor is listed twice: entry 4 has the address of entry 2 \(ben@acme\.example\); one person's roles must be in one entry$/,
      },
      {
        name: 'the same name as a reader sees it: a no-break space, a zero-width space, another Unicode composition, another case',
        files: {
          'governance/roles.md': rolesDoc([
            ...TEAM,
            { name: 'ben\u00a0Okafor', email: 'b1@acme.example', roles: ['IM'] },
            { name: 'Ben\u200b Okafor', email: 'b2@acme.example', roles: ['PT'] },
            { name: 'Cle\u0301o Park', email: 'c1@acme.example', roles: ['PT'] },
            { name: 'Cléo Park', email: 'c2@acme.example', roles: ['PT'] },
          ]),
        },
        errors: [
          ['governance/roles.md', 16],
          ['governance/roles.md', 19],
          ['governance/roles.md', 25],
        ],
        message: /is listed twice: entry \d has the name of entry \d;/,
      },
      {
        name: 'the same name under another address',
        files: { 'governance/roles.md': rolesDoc([...TEAM, { name: 'Ben Okafor', email: 'b.okafor@acme.example', roles: ['PT'] }]) },
        errors: [['governance/roles.md', 16]],
        message: /^Ben Okafor is listed twice: entry 4 has the name of entry 2;/,
      },
      // Invisible characters that are not format characters: a combining grapheme joiner, a
      // variation selector, two Hangul fillers, and a Braille blank for a space.
      ...[
        ['U+034F', 'Ben\u034f Okafor'],
        ['U+FE0F', 'Ben Okafor\ufe0f'],
        ['U+3164', 'Ben\u3164 Okafor'],
        ['U+115F', 'Ben \u115fOkafor'],
        ['U+2800', 'Ben\u2800Okafor'],
      ].map(([code, name]) => ({
        name: `the same name with ${code}`,
        files: { 'governance/roles.md': rolesDoc([...TEAM, { name: name!, email: 'tbecker@acme.example', roles: ['IM'] }]) },
        errors: [['governance/roles.md', 16] as [string, number]],
        message: /is listed twice: entry 4 has the name of entry 2;/,
      })),
    ],
  });

  const incidentAt = (resolved: string): string =>
    md({
      id: 'INC-0001',
      type: 'incident',
      title: 'x',
      status: 'opened',
      priority: 'P1',
      reported_by: 'ana@acme.example',
      services: ['SVC-0001'],
      opened: '2026-10-20T09:00:00+02:00',
      resolved,
    });
  ruleTester(rule('schema'), {
    valid: [
      {
        name: 'the easternmost offset in use, +14:00',
        files: { ...ROLES, 'incidents/INC-0001-a.md': incidentAt('2026-10-21T09:00:00+14:00') },
      },
      { name: 'the westernmost, -12:00', files: { ...ROLES, 'incidents/INC-0001-a.md': incidentAt('2026-10-20T09:00:00-12:00') } },
    ],
    invalid: [
      {
        name: 'an offset no time zone uses, which RFC 3339 allows: +23:00 reads a day earlier than it looks',
        files: { ...ROLES, 'incidents/INC-0001-a.md': incidentAt('2026-10-21T14:00:00+23:00') },
        errors: [['incidents/INC-0001-a.md', 10]],
        message: /^"resolved" has the UTC offset \+23:00, which no time zone uses: offsets run from -12:00 to \+14:00$/,
      },
      {
        name: 'an offset without its colon, which the date-time format takes and sms could not read: the record would drop out of every figure',
        files: { ...ROLES, 'incidents/INC-0001-a.md': incidentAt('2026-10-21T14:00:00+0200') },
        errors: [['incidents/INC-0001-a.md', 10]],
        message: /^"resolved" must be a valid date-time \(YYYY-MM-DDThh:mm:ssZ, with a time zone\)$/,
      },
      {
        name: 'beyond the westernmost, -12:30',
        files: { ...ROLES, 'incidents/INC-0001-a.md': incidentAt('2026-10-20T09:00:00-12:30') },
        errors: [['incidents/INC-0001-a.md', 10]],
        message: /^"resolved" has the UTC offset -12:30,/,
      },
    ],
  });

  const namingIncident = (opened: string, agreement: string | null = 'SLA-0001'): string =>
    md({
      id: 'INC-0001',
      type: 'incident',
      title: 'x',
      status: 'opened',
      priority: 'P2',
      reported_by: 'ana@acme.example',
      services: ['SVC-0001'],
      ...(agreement ? { agreement } : {}),
      opened,
    });
  ruleTester(rule('ambiguous-agreement'), {
    valid: [
      {
        name: 'the agreement it names began before it was opened',
        files: { ...ROLES, 'agreements/customers/SLA-0001-a.md': sla(), 'incidents/INC-0001-a.md': namingIncident('2026-03-10T09:00:00Z') },
      },
      {
        // A renewal gives the agreement a later term: what held on the day is history's to say (the reports read it).
        name: 'the agreement it names gives a term now that begins after it was opened, as a renewal does',
        files: {
          ...ROLES,
          'agreements/customers/SLA-0001-a.md': sla({ start: '2027-04-01' }),
          'incidents/INC-0001-a.md': namingIncident('2026-03-10T09:00:00Z'),
        },
      },
      {
        name: "it names none while its customer's renewal, giving the customer's legal form, is still a draft: the customer's own",
        files: {
          ...ROLES,
          'agreements/customers/SLA-0001-a.md': sla(),
          'agreements/customers/SLA-0002-b.md': sla({ id: 'SLA-0002', customer: 'Bakery GmbH', status: 'draft' }),
          'incidents/INC-0001-a.md': namingIncident('2026-03-10T09:00:00Z', null),
        },
      },
    ],
    invalid: [
      {
        name: "two customers' agreements cover its service and it names neither",
        files: {
          ...ROLES,
          'agreements/customers/SLA-0001-a.md': sla(),
          'agreements/customers/SLA-0002-b.md': sla({ id: 'SLA-0002', customer: 'Law firm' }),
          'incidents/INC-0001-a.md': namingIncident('2026-03-10T09:00:00Z', null),
        },
        errors: [['incidents/INC-0001-a.md', 8]],
        message:
          /^its services are covered by 2 customer agreements in force \(SLA-0001 Bakery, SLA-0002 Law firm\): it counts for none of them$/,
      },
    ],
  });

  ruleTester(rule('date-order'), {
    valid: [
      {
        name: 'an offset timestamp later as an instant, though earlier as text',
        files: {
          ...ROLES,
          'incidents/INC-0001-a.md': md({
            id: 'INC-0001',
            type: 'incident',
            title: 'x',
            status: 'closed',
            opened: '2026-09-30T23:00:00Z',
            closed: '2026-09-30T20:00:00-05:00',
          }),
        },
      },
    ],
    invalid: [
      {
        name: 'closed before it opened, by instant',
        files: {
          ...ROLES,
          'incidents/INC-0001-a.md': md({
            id: 'INC-0001',
            type: 'incident',
            title: 'x',
            status: 'closed',
            opened: '2026-10-01T02:00:00+02:00',
            closed: '2026-09-30T23:30:00Z',
          }),
        },
        errors: [['incidents/INC-0001-a.md', 7]],
        message: /"closed" \(2026-09-30T23:30:00Z\) is before "opened"/,
      },
      {
        name: 'a key business event that ends before it starts',
        files: {
          ...ROLES,
          'changes/change-schedule.md': md(
            [
              'id: SCHEDULE',
              'type: change-schedule',
              'title: Schedule',
              'status: draft',
              'key_business_events:',
              '  - { date: "2026-12-14", until: "2026-12-24", event: "Christmas trade" }',
              '  - date: "2026-12-28"',
              '    until: "2026-12-20"',
              '    event: Year-end closing',
            ].join('\n'),
          ),
        },
        errors: [['changes/change-schedule.md', 9]],
        message: /"key_business_events\[1\]\.until" \(2026-12-20\) is before "key_business_events\[1\]\.date" \(2026-12-28\)/,
      },
    ],
  });

  const incident = (f: Record<string, unknown>): string =>
    md({
      id: 'INC-0001',
      type: 'incident',
      title: 'x',
      status: 'closed',
      priority: 'P2',
      opened: '2026-05-04T09:00:00Z',
      resolved: '2026-05-04T15:00:00Z',
      closed: '2026-05-04T16:00:00Z',
      ...f,
    });
  const I = 'incidents/INC-0001-a.md';
  ruleTester(rule('supplier-ticket'), {
    valid: [
      { name: 'no supplier ticket at all', files: { ...ROLES, [I]: incident({}) } },
      {
        name: 'a ticket under a named supplier agreement, raised while the incident was open',
        files: {
          ...ROLES,
          [I]: incident({
            supplier_agreement: 'SUP-0001',
            supplier_opened: '2026-05-04T09:30:00Z',
            supplier_responded: '2026-05-04T10:00:00Z',
            supplier_resolved: '2026-05-04T14:00:00Z',
          }),
        },
      },
      {
        name: 'a supplier agreement written as a list is there (the schema reports its form)',
        files: { ...ROLES, [I]: incident({ supplier_agreement: ['SUP-0001'], supplier_opened: '2026-05-04T09:30:00Z' }) },
      },
      {
        name: 'a supplier repair recorded after our own resolution',
        files: {
          ...ROLES,
          [I]: incident({
            supplier_agreement: 'SUP-0001',
            supplier_opened: '2026-05-04T14:00:00Z',
            supplier_resolved: '2026-05-05T09:00:00Z',
          }),
        },
      },
    ],
    invalid: [
      {
        name: 'ticket times without the supplier agreement they are measured against',
        files: { ...ROLES, [I]: incident({ supplier_opened: '2026-05-04T09:30:00Z', supplier_responded: '2026-05-04T12:00:00Z' }) },
        errors: [[I, 10]],
        message: /supplier_opened, supplier_responded without supplier_agreement/,
      },
      {
        name: "an answer of the supplier's with no ticket opening to measure it from",
        files: { ...ROLES, [I]: incident({ supplier_agreement: 'SUP-0001', supplier_responded: '2026-05-04T12:00:00Z' }) },
        errors: [[I, 11]],
        message: /supplier_responded without supplier_opened/,
      },
      {
        name: 'a ticket raised after the incident was resolved, with no repair of the supplier recorded',
        files: { ...ROLES, [I]: incident({ supplier_agreement: 'SUP-0001', supplier_opened: '2026-05-04T15:30:00Z' }) },
        errors: [[I, 11]],
        message: /supplier_opened is after the incident was resolved/,
      },
    ],
  });

  const S = 'changes/change-schedule.md';
  const schedule = (
    changes: string[],
    events = ['  - { date: "2026-12-14", until: "2026-12-24", event: "Christmas trade", configuration_items: [CI-0001] }'],
  ) =>
    md(
      [
        'id: SCHEDULE',
        'type: change-schedule',
        'title: Schedule',
        'status: approved',
        'changes:',
        ...changes,
        'key_business_events:',
        ...events,
      ].join('\n'),
    );
  const approved = (f: Record<string, unknown> = {}) =>
    rfc({ status: 'approved', approved_by: PEOPLE.ben.email, approved_on: '2026-11-20', impacted_cis: ['CI-0001'], ...f });
  const TODAY = '2026-12-01';
  ruleTester(rule('change-freeze'), {
    valid: [
      {
        name: 'planned the day after the event ends',
        files: { ...ROLES, [R]: approved(), [S]: schedule(['  - { change_request: RFC-0001, planned_date: "2026-12-25" }']) },
        today: TODAY,
      },
      {
        name: "named in the event's allowed_changes",
        files: {
          ...ROLES,
          [R]: approved(),
          [S]: schedule(
            ['  - { change_request: RFC-0001, planned_date: "2026-12-15" }'],
            [
              '  - { date: "2026-12-14", until: "2026-12-24", event: "Christmas trade", configuration_items: [CI-0001], allowed_changes: [RFC-0001] }',
            ],
          ),
        },
        today: TODAY,
      },
      {
        name: 'touches only an item the event does not protect',
        files: {
          ...ROLES,
          [R]: approved({ impacted_cis: ['CI-0002'] }),
          [S]: schedule(['  - { change_request: RFC-0001, planned_date: "2026-12-15" }']),
        },
        today: TODAY,
      },
      {
        name: 'already deployed (the changes report shows a deployment during an event)',
        files: {
          ...ROLES,
          [R]: approved({ deployed_on: '2026-12-15' }),
          [S]: schedule(['  - { change_request: RFC-0001, planned_date: "2026-12-15" }']),
        },
        today: '2026-12-20',
      },
      {
        name: 'a draft is judged once it is approved',
        files: { ...ROLES, [R]: rfc({ planned_date: '2026-12-15', impacted_cis: ['CI-0001'] }), [S]: schedule([]) },
        today: TODAY,
      },
      {
        name: "a planned day that is not text is the schema's to report, not a crash",
        files: {
          ...ROLES,
          [R]: approved({ planned_date: '2026-12-25' }),
          [S]: schedule(['  - { change_request: RFC-0001, planned_date: { toString: 1 } }']),
        },
        today: TODAY,
      },
      {
        name: 'an event with no day it starts on protects no day',
        files: {
          ...ROLES,
          [R]: approved(),
          [S]: schedule(
            ['  - { change_request: RFC-0001, planned_date: "2026-12-10" }'],
            ['  - { until: "2026-12-24", event: "Christmas trade" }'],
          ),
        },
        today: TODAY,
      },
      {
        name: 'deployed early, with no stage in the schedule still to come',
        files: { ...ROLES, [R]: approved({ planned_date: '2026-12-15', deployed_on: '2026-12-02' }), [S]: schedule([]) },
        today: '2026-12-03',
      },
      {
        name: 'a planned day gone by is late, not a clash to prevent',
        files: { ...ROLES, [R]: approved(), [S]: schedule(['  - { change_request: RFC-0001, planned_date: "2026-12-15" }']) },
        today: '2026-12-16',
      },
    ],
    invalid: [
      {
        name: 'the schedule plans it during the event: located on the schedule entry',
        files: {
          ...ROLES,
          [R]: approved(),
          [S]: schedule([
            '  - { change_request: RFC-0001, planned_date: "2026-12-25" }',
            '  - { change_request: RFC-0001, planned_date: "2026-12-15" }',
          ]),
        },
        today: TODAY,
        errors: [[S, 8]],
        message: /^RFC-0001 is planned during a key business event: Christmas trade \(2026-12-14 to 2026-12-24\)$/,
      },
      {
        name: 'the change request plans it during the event and the schedule does not list it',
        files: { ...ROLES, [R]: approved({ planned_date: '2026-12-14' }), [S]: schedule([]) },
        today: TODAY,
        errors: [[R, 12]],
        message: /^RFC-0001 is planned during a key business event/,
      },
      {
        name: 'a stage still to come after the pilot was deployed',
        files: {
          ...ROLES,
          [R]: approved({ status: 'updated', deployed_on: '2026-12-08' }),
          [S]: schedule([
            '  - { change_request: RFC-0001, planned_date: "2026-12-08" }',
            '  - { change_request: RFC-0001, planned_date: "2026-12-15" }',
          ]),
        },
        today: '2026-12-10',
        errors: [[S, 8]],
        message: /^RFC-0001 is planned during a key business event/,
      },
      {
        name: 'a deployed_on still ahead is a plan, not a way out of the freeze',
        files: {
          ...ROLES,
          [R]: approved({ status: 'updated', deployed_on: '2026-12-15' }),
          [S]: schedule(['  - { change_request: RFC-0001, planned_date: "2026-12-15" }']),
        },
        today: '2026-11-26',
        errors: [[S, 7]],
        message: /^RFC-0001 is planned during a key business event/,
      },
      {
        name: 'a change that does not say what it touches cannot show it stays clear',
        files: { ...ROLES, [R]: approved({ impacted_cis: [], planned_date: '2026-12-24', change_type: 'emergency' }), [S]: schedule([]) },
        today: TODAY,
        errors: [[R]],
        message: /^RFC-0001 is an emergency change planned during a key business event/,
      },
    ],
  });

  ruleTester(rule('template-text'), {
    valid: [
      {
        name: 'a draft may still hold the guidance',
        files: { ...ROLES, 'governance/scope.md': scopeDoc('draft', 'What is deliberately out of scope.') },
      },
      {
        name: 'an approved scope that says what is out of scope',
        files: { ...ROLES, 'governance/scope.md': scopeDoc('approved', 'Hardware repairs at the customer sites.') },
      },
      {
        name: 'the guidance kept in an HTML comment or a code block, the section written below it',
        files: {
          ...ROLES,
          'governance/scope.md': scopeDoc(
            'approved',
            '<!--\nWhat is deliberately out of scope.\n-->\n```\nWhat is deliberately out of scope.\n```\nHardware repairs.',
          ),
        },
      },
    ],
    invalid: [
      {
        name: 'an approved scope with the guidance line left in it (indented too)',
        files: { ...ROLES, 'governance/scope.md': scopeDoc('approved', '  What is deliberately out of scope.  ') },
        errors: [['governance/scope.md', 23]],
        message: /^SCOPE is approved and still holds the template's guidance "What is deliberately out of scope\."$/,
      },
      {
        name: 'the guidance rewrapped: a list item without its full stop, a quote with emphasis, a zero-width space',
        files: {
          ...ROLES,
          'governance/scope.md': scopeDoc(
            'approved',
            '- What  is deliberately out of scope\n> *What is deliberately out of scope.*\nWhat is deliberately\u200b out of scope.',
          ),
        },
        errors: [['governance/scope.md', 23]],
        message:
          /^SCOPE is approved and still holds the template's guidance "- What {2}is deliberately out of scope" \(and 2 more lines\)$/,
      },
      {
        name: "an approved agreement whose customer is still the template's placeholder",
        files: {
          ...ROLES,
          'agreements/customers/SLA-0001-a.md': agreementDoc({
            approved_by: 'ana@acme.example',
            approved_on: '2026-01-01',
            customer: 'Customer name',
          }),
        },
        errors: [['agreements/customers/SLA-0001-a.md', 6]],
        message: /^SLA-0001 is approved and still gives the template's customer "Customer name"$/,
      },
    ],
  });

  /** The roles with two customers' contacts, each speaking for their organisation. */
  const contacts = rolesDoc([
    ...TEAM,
    { name: 'Bea Baker', email: 'bea@bakery.example', roles: ['CUS'] },
    { name: 'Hal Kessler', email: 'hal@kessler.example', roles: ['CUS'] },
  ])
    .replace('    email: bea@bakery.example\n    roles: [CUS]', '    email: bea@bakery.example\n    roles: [CUS]\n    organisation: Bakery')
    .replace(
      '    email: hal@kessler.example\n    roles: [CUS]',
      '    email: hal@kessler.example\n    roles: [CUS]\n    organisation: Kessler Legal',
    );
  const signedBy = (who: string, customer = 'Bakery'): string =>
    sla({ customer, customer_approved_by: who, customer_approved_on: '2026-01-01', customer_approval_ref: 'signed PDF' });
  /** Another customer's agreement, whose name differs from "Bakery GmbH" by its legal form alone. */
  const bakeryAg = {
    'agreements/customers/SLA-0002-b.md': sla({
      id: 'SLA-0002',
      customer: 'Bakery AG',
      customer_approved_by: 'Max Ott',
      customer_approved_on: '2026-01-01',
      customer_approval_ref: 'signed PDF',
    }),
  };
  ruleTester(rule('joint-approval'), {
    valid: [
      {
        name: "signed by the customer's own contact",
        files: { 'governance/roles.md': contacts, 'agreements/customers/SLA-0001-a.md': signedBy('bea@bakery.example') },
      },
      {
        name: 'signed for "Bakery GmbH" by a contact of "Bakery": the legal form left out names the same party',
        files: { 'governance/roles.md': contacts, 'agreements/customers/SLA-0001-a.md': signedBy('bea@bakery.example', 'Bakery GmbH') },
      },
    ],
    invalid: [
      {
        name: "signed by another customer's contact",
        files: { 'governance/roles.md': contacts, 'agreements/customers/SLA-0001-a.md': signedBy('hal@kessler.example') },
        errors: [['agreements/customers/SLA-0001-a.md', 14]],
        message: /^Hal Kessler signed for the other party but speaks for Kessler Legal, not Bakery$/,
      },
      {
        name: "another customer's contact named in lower case, with two spaces",
        files: { 'governance/roles.md': contacts, 'agreements/customers/SLA-0001-a.md': signedBy('hal  kessler') },
        errors: [['agreements/customers/SLA-0001-a.md', 14]],
        message: /^Hal Kessler signed for the other party but speaks for Kessler Legal, not Bakery$/,
      },
      {
        name: 'signed for "Bakery GmbH" by a contact of "Bakery" while another agreement names "Bakery AG": either could be theirs',
        files: {
          'governance/roles.md': contacts,
          'agreements/customers/SLA-0001-a.md': signedBy('bea@bakery.example', 'Bakery GmbH'),
          ...bakeryAg,
        },
        errors: [['agreements/customers/SLA-0001-a.md', 14]],
        message: /^Bea Baker signed for the other party but speaks for Bakery, not Bakery GmbH$/,
      },
    ],
  });

  ruleTester(rule('step-field'), {
    valid: [
      {
        name: 'a change approved to deploy (updated) records its deployment',
        files: {
          ...ROLES,
          [R]: rfc({ status: 'updated', approved_by: PEOPLE.ben.email, approved_on: '2026-05-01', deployed_on: '2026-05-02' }),
        },
      },
      {
        name: 'an approved change with no deployment recorded yet',
        files: { ...ROLES, [R]: rfc({ status: 'approved', approved_by: PEOPLE.ben.email, approved_on: '2026-05-01' }) },
      },
    ],
    invalid: [
      {
        name: 'deployed while only approved: no approval to deploy',
        files: {
          ...ROLES,
          [R]: rfc({
            status: 'approved',
            approved_by: PEOPLE.ben.email,
            approved_on: '2026-05-01',
            deployed_on: '2026-05-02',
            outcome: 'successful',
          }),
        },
        errors: [[R], [R]],
        message: /^"(deployed_on|outcome)" is set while the change-request is "approved": it records a step that comes only in "updated"$/,
      },
    ],
  });

  const policy = (fields: Record<string, unknown>): string =>
    md({ id: 'POLICY', type: 'policy', title: 'Policy', status: 'approved', approved_by: 'ana@acme.example', ...fields });
  ruleTester(rule('review-overdue'), {
    valid: [
      { name: 'an agreement reviewed in time', files: { ...ROLES, 'agreements/customers/SLA-0001-a.md': sla() } },
      {
        name: 'a draft agreement is not in force',
        files: { ...ROLES, 'agreements/customers/SLA-0001-a.md': sla({ status: 'draft', review: '2026-01-02' }) },
      },
      {
        name: "a malformed review date is the schema rule's business, never a crash",
        files: { ...ROLES, 'agreements/customers/SLA-0001-a.md': sla({ review: '2026-02-35junk' }) },
      },
      {
        name: 'next_review within the interval (a policy is reviewed every 12 months)',
        files: { ...ROLES, 'governance/policy.md': policy({ approved_on: '2026-01-01', next_review: '2026-12-01' }) },
      },
    ],
    invalid: [
      {
        name: 'next_review put off past the interval counts for nothing: due 12 months after the approval',
        files: { ...ROLES, 'governance/policy.md': policy({ approved_on: '2025-01-01', next_review: '2099-12-31' }) },
        errors: [['governance/policy.md', 7]],
        message: /^last reviewed 2025-01-01; a policy is reviewed every 12 months, so it was due on 2026-01-01$/,
      },
      {
        name: 'next_review brings a review forward',
        files: { ...ROLES, 'governance/policy.md': policy({ approved_on: '2026-01-01', next_review: '2026-03-01' }) },
        errors: [['governance/policy.md', 8]],
        message: /^review was due on 2026-03-01$/,
      },
      {
        name: 'an agreement past its review date',
        files: { ...ROLES, 'agreements/customers/SLA-0001-a.md': sla({ review: '2026-05-01' }) },
        errors: [['agreements/customers/SLA-0001-a.md', 9]],
        message: /agreement review was due on 2026-05-01/,
      },
    ],
  });

  ruleTester(rule('agreement-expired'), {
    valid: [{ name: 'far from its end', files: { ...ROLES, 'agreements/customers/SLA-0001-a.md': sla() } }],
    invalid: [
      {
        name: 'within the warning window',
        today: '2027-12-01',
        files: { ...ROLES, 'agreements/customers/SLA-0001-a.md': sla() },
        errors: [['agreements/customers/SLA-0001-a.md', 11]],
        message: /ends on 2027-12-31, within 60 days/,
      },
    ],
  });

  ruleTester(rule('dependency'), {
    valid: [
      {
        name: 'a build still initial',
        files: {
          ...ROLES,
          'changes/builds/BLD-0001-a.md': md({ id: 'BLD-0001', type: 'service-change-build', title: 'b', status: 'initial' }),
        },
      },
    ],
    invalid: [
      {
        name: 'a final build without a test report',
        files: {
          ...ROLES,
          'changes/builds/BLD-0001-a.md': md({ id: 'BLD-0001', type: 'service-change-build', title: 'b', status: 'final' }),
        },
        errors: [['changes/builds/BLD-0001-a.md', 5]],
        message: /can be final only when "test_report" names a test-report that is published \(CO.3.2\)/,
      },
    ],
  });

  ruleTester(rule('broken-reference'), {
    valid: [
      {
        name: 'links inside code spans and fences are not links; brackets without links are text',
        files: {
          ...ROLES,
          [R]: rfc(
            {},
            '\n## Purpose\n\n`[x](missing.md)` and [[[[ not a link ]]]]\n\n```\n[y](missing.md)\n```\n\n## Business impact\n\n## Scope\n',
          ),
        },
      },
    ],
    invalid: [
      {
        name: 'an image link and a titled link to missing files',
        files: {
          ...ROLES,
          [R]: rfc({}, '\n## Purpose\n\n![d](img/none.png) and [t](../x/gone.md "title")\n\n## Business impact\n\n## Scope\n'),
        },
        errors: [
          [R, 13],
          [R, 13],
        ],
      },
      {
        name: 'a link after a fence closed by its own kind, a tilde fence inside it read as text',
        files: { ...ROLES, [R]: rfc({}, '\n## Purpose\n\n```\n~~~\n```\n[z](missing.md)\n\n## Business impact\n\n## Scope\n') },
        errors: [[R, 16]],
      },
    ],
  });

  ruleTester(rule('unknown-type'), {
    valid: [],
    invalid: [
      {
        name: 'a typo gets a suggestion',
        files: { [R]: rfc({ type: 'change-reqest' }) },
        errors: [[R, 3]],
        message: /did you mean "change-request"\?/,
      },
      {
        name: 'a mapping as type is reported, not converted',
        files: { [R]: rfc().replace('type: "change-request"', 'type: {toString: 1}') },
        errors: [[R, 3]],
        message: /must be a type key/,
      },
    ],
  });

  ruleTester(rule('id-format'), {
    valid: [{ name: 'a well-formed id', files: { [R]: rfc() } }],
    invalid: [
      {
        name: 'an id that is a mapping',
        files: { [R]: rfc().replace('id: "RFC-0001"', 'id: {toString: x}') },
        errors: [[R, 2]],
        message: /"id" must be text/,
      },
    ],
  });
});
