import { PEOPLE, md, type CommitSpec, type Person } from './helpers.js';

/**
 * A small provider whose every obligation of the audit is met, built commit by commit with fixed
 * dates (2026-01-05 … 2026-05-20), so that each test can break one thing and see exactly that.
 * Everyone acts in their role: Ana (SM, MGT) runs the SMS, Eve (MGT, RM) approves what Ana drafts,
 * Ben (CM) controls changes, Dan (PT) builds, Cleo (IM, PT) handles incidents; Gus signs for the
 * customer, Sam for the supplier.
 */

export const { ana, ben, cleo } = PEOPLE;
export const dan: Person = { name: 'Dan Ito', email: 'dan@acme.example' };
export const eve: Person = { name: 'Eve Ross', email: 'eve@acme.example' };
export const gus: Person = { name: 'Gus Baker', email: 'gus@bakery.example' };
export const sam: Person = { name: 'Sam Cloud', email: 'sam@cloud.example' };

export const STAFF: { person: Person; roles: string[] }[] = [
  { person: ana, roles: ['SM', 'MGT'] },
  { person: ben, roles: ['CM'] },
  { person: cleo, roles: ['IM', 'PT'] },
  { person: dan, roles: ['PT'] },
  { person: eve, roles: ['MGT', 'RM'] },
];
export const PARTIES: { person: Person; roles: string[]; organisation?: string }[] = [
  { person: gus, roles: ['CUS'], organisation: 'Bakery' },
  { person: sam, roles: ['SUP'], organisation: 'Cloud Co' },
];

/** Section text long enough to count as written content. */
const FILLED = 'Written for this record, with the detail the task asks for.';

/** A document of a type: front matter, then every section with content. */
export function doc(front: Record<string, unknown>, sections: string[]): string {
  // A field set to undefined is left out (tests remove a field that way).
  const fields = Object.fromEntries(Object.entries(front).filter(([, v]) => v !== undefined));
  return md(fields, sections.map((s) => `\n## ${s}\n\n${FILLED}\n`).join(''));
}

export function roles(
  people: { person: Person; roles: string[]; organisation?: string }[] = [...STAFF, ...PARTIES],
  status = 'draft',
  approvedBy?: Person,
  on?: string,
): string {
  return doc(
    {
      id: 'ROLES',
      type: 'roles',
      title: 'Roles',
      status,
      ...(approvedBy ? { approved_by: approvedBy.email, approved_on: on } : {}),
      people: people.map((p) => ({
        name: p.person.name,
        email: p.person.email,
        roles: p.roles,
        ...(p.organisation ? { organisation: p.organisation } : {}),
      })),
    },
    ['Responsibilities', 'Training and development'],
  );
}

const SECTIONS: Record<string, string[]> = {
  'business-goals': ['Goals', 'Objectives'],
  scope: ['Services offered', 'Boundaries', 'Technology', 'Exclusions'],
  policy: [
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
  ],
  'customer-experience-approach': ['Measuring customer experience', 'Handling steps', 'Log entry fields'],
  'document-procedure': ['Versioning', 'Storage and location', 'Change controls', 'Backup and retention'],
  'change-procedure': [
    'Change types',
    'Requesting a change',
    'Updating the change schedule',
    'Emergency changes',
    'Design, build and test',
    'Deployment',
    'Configuration record update',
    'Removal',
  ],
  'secure-component-procedure': ['Admission rule', 'Steps', 'Authorization'],
  'change-schedule': ['Change windows', 'Maintenance windows', 'Key business events'],
  service: ['Description', 'Service hours', 'Quality measures', 'How to use'],
  'configuration-item': ['Description'],
  'customer-agreement': ['Scope', 'Service hours', 'Targets', 'Communication', 'Responsibilities'],
  'supplier-agreement': ['Scope', 'Deliverables', 'Terms and conditions', 'Communication'],
  'training-record': ['Content', 'Evidence'],
  'change-request': ['Purpose', 'Business impact', 'Scope'],
  'service-design': ['Scope', 'Resources', 'Risks', 'Quality and performance measures'],
  'service-change-build': ['Artifacts', 'Master copy'],
  'test-report': ['Summary', 'Errors and resolutions', 'Interpretation'],
  incident: ['Description', 'Restoration steps', 'Solution'],
  problem: ['Description', 'Root cause', 'Workaround'],
  feedback: ['Comment'],
  'improvement-report': ['Customer view', 'Provider view', 'Improvement actions', 'Security improvements'],
  'performance-report': ['Performance', 'Previous actions', 'Proposed actions'],
};

/** A document of `type` with its sections filled. */
export function record(type: string, id: string, title: string, status: string, fields: Record<string, unknown> = {}): string {
  return doc({ id, type, title, status, ...fields }, SECTIONS[type] ?? []);
}

export const approval = (who: Person, on: string) => ({ approved_by: who.email, approved_on: on });

export const PATHS = {
  goals: 'governance/business-goals.md',
  scope: 'governance/scope.md',
  roles: 'governance/roles.md',
  policy: 'governance/policy.md',
  cea: 'governance/customer-experience-approach.md',
  docproc: 'procedures/document-procedure.md',
  chgproc: 'procedures/change-procedure.md',
  secproc: 'procedures/secure-component-procedure.md',
  schedule: 'changes/change-schedule.md',
  svc: 'catalogue/SVC-0001-desk.md',
  ci: 'configuration/CI-0001-server.md',
  sla: 'agreements/customers/SLA-0001-bakery.md',
  ua: 'agreements/suppliers/UA-0001-cloud.md',
  rfc: 'changes/RFC-0001-upgrade.md',
  sd: 'changes/designs/SD-0001-upgrade.md',
  bld: 'changes/builds/BLD-0001-upgrade.md',
  tr: 'changes/tests/TR-0001-upgrade.md',
  inc1: 'incidents/INC-0001-printer.md',
  inc2: 'incidents/INC-0002-outage.md',
  prb: 'problems/PRB-0001-disk.md',
  fb: 'feedback/FB-0001-thanks.md',
  ir: 'reports/improvement/IR-0001-spring.md',
};

const PROC = {
  goals: (status: string, by?: Person, on?: string) =>
    record('business-goals', 'GOALS', 'Business goals', status, by ? approval(by, on!) : {}),
  scope: (status: string, by?: Person, on?: string) => record('scope', 'SCOPE', 'Scope', status, by ? approval(by, on!) : {}),
  policy: (status: string, by?: Person, on?: string, extra: Record<string, unknown> = {}) =>
    record('policy', 'POLICY', 'Policy and plan', status, { ...(by ? approval(by, on!) : {}), ...extra }),
  single: (type: string, id: string, status: string, by?: Person, on?: string, extra: Record<string, unknown> = {}) =>
    record(type, id, id, status, { ...(by ? approval(by, on!) : {}), ...extra }),
};

export function schedule(status: string, changes: unknown[], by?: Person, on?: string): string {
  return record('change-schedule', 'SCHEDULE', 'Change schedule', status, {
    ...(by ? approval(by, on!) : {}),
    changes,
    change_windows: ['Thu 19-22'],
  });
}

export function service(status: string, by?: Person, on?: string): string {
  return record('service', 'SVC-0001', 'Service desk', status, { owner: eve.email, ...(by ? approval(by, on!) : {}) });
}

export function ci(status: string, changeRequests: string[] = []): string {
  return record('configuration-item', 'CI-0001', 'Server', status, {
    ci_type: 'hardware',
    owner: ben.email,
    services: ['SVC-0001'],
    ...(changeRequests.length ? { change_requests: changeRequests } : {}),
  });
}

export function sla(id: string, status: string, extra: Record<string, unknown> = {}): string {
  return record('customer-agreement', id, `Agreement ${id}`, status, {
    customer: 'Bakery',
    services: ['SVC-0001'],
    start: '2026-02-01',
    review: '2026-12-01',
    end: '2027-01-31',
    owner: eve.email,
    ...extra,
  });
}

export function ua(status: string, extra: Record<string, unknown> = {}): string {
  return record('supplier-agreement', 'UA-0001', 'Cloud hosting', status, {
    supplier: 'Cloud Co',
    services: ['SVC-0001'],
    start: '2026-02-01',
    review: '2026-12-01',
    owner: ana.email,
    ...extra,
  });
}

export function rfcDoc(id: string, status: string, extra: Record<string, unknown> = {}): string {
  return record('change-request', id, `Change ${id}`, status, {
    change_type: 'normal',
    priority: 'P2',
    requested_by: cleo.email,
    impacted_cis: ['CI-0001'],
    services: ['SVC-0001'],
    ...extra,
  });
}

export function incident(id: string, status: string, extra: Record<string, unknown> = {}): string {
  return record('incident', id, `Incident ${id}`, status, {
    priority: 'P3',
    opened: '2026-04-01T09:00:00Z',
    responded: '2026-04-01T09:20:00Z',
    reported_by: gus.email,
    services: ['SVC-0001'],
    cis: ['CI-0001'],
    classification: 'hardware',
    ...extra,
  });
}

const at = (day: string, hour = 9): string => `${day}T${String(hour).padStart(2, '0')}:00:00Z`;
export const c = (day: string, author: Person, files: Record<string, string | null>, message = 'change', hour = 9): CommitSpec => ({
  files,
  author,
  date: at(day, hour),
  message,
});

export const CLOSED_INCIDENT = {
  resolved: '2026-04-01T11:00:00Z',
  closed: '2026-04-01T12:00:00Z',
  resolved_by: cleo.email,
  confirmed_by: gus.email,
};

/** The conforming history. */
export function goodCommits(): CommitSpec[] {
  const trained = Object.fromEntries(
    STAFF.map((s, i) => [
      `people/training/TRN-000${i + 1}.md`,
      record('training-record', `TRN-000${i + 1}`, `Training of ${s.person.name}`, 'completed', {
        person: s.person.email,
        topic: 'The SMS and its procedures',
        roles: s.roles,
        completed_on: '2026-02-05',
        valid_until: '2027-02-05',
      }),
    ]),
  );
  return [
    c('2026-01-05', ana, { [PATHS.roles]: roles() }, 'Roles: draft', 8),
    c('2026-01-05', ana, { [PATHS.roles]: roles(undefined, 'approved', ana, '2026-01-05') }, 'Roles: approved', 10),
    c('2026-01-06', ana, { 'sms.config.yaml': 'organisation: Acme IT\n', [PATHS.goals]: PROC.goals('draft') }),
    c('2026-01-07', eve, { [PATHS.goals]: PROC.goals('approved', eve, '2026-01-07') }),
    c('2026-01-08', ana, { [PATHS.scope]: PROC.scope('draft') }),
    c('2026-01-09', eve, { [PATHS.scope]: PROC.scope('approved', eve, '2026-01-09') }),
    c('2026-01-10', ana, { [PATHS.roles]: roles(undefined, 'updated', ana, '2026-01-10') }, 'Roles: confirmed for the scope'),
    c('2026-01-12', ana, { [PATHS.policy]: PROC.policy('draft') }),
    c('2026-01-13', ana, { [PATHS.policy]: PROC.policy('approved', ana, '2026-01-13') }),
    c('2026-01-14', ana, { [PATHS.cea]: PROC.single('customer-experience-approach', 'CEA', 'draft') }),
    c('2026-01-15', eve, { [PATHS.cea]: PROC.single('customer-experience-approach', 'CEA', 'approved', eve, '2026-01-15') }),
    c('2026-01-16', ana, { [PATHS.docproc]: PROC.single('document-procedure', 'DOCPROC', 'draft') }),
    c('2026-01-17', ana, { [PATHS.docproc]: PROC.single('document-procedure', 'DOCPROC', 'approved', ana, '2026-01-17') }),
    c('2026-01-19', ben, { [PATHS.chgproc]: PROC.single('change-procedure', 'CHGPROC', 'draft') }),
    c('2026-01-20', ana, { [PATHS.chgproc]: PROC.single('change-procedure', 'CHGPROC', 'approved', ana, '2026-01-20') }),
    c('2026-01-21', ben, { [PATHS.secproc]: PROC.single('secure-component-procedure', 'SECPROC', 'draft') }),
    c('2026-01-22', ana, { [PATHS.secproc]: PROC.single('secure-component-procedure', 'SECPROC', 'approved', ana, '2026-01-22') }),
    c('2026-01-23', ben, { [PATHS.schedule]: schedule('draft', []) }),
    c('2026-01-24', ana, { [PATHS.schedule]: schedule('approved', [], ana, '2026-01-24') }),
    c('2026-01-26', eve, { [PATHS.svc]: service('draft') }),
    c('2026-01-27', ana, { [PATHS.svc]: service('approved', ana, '2026-01-27') }),
    c('2026-01-28', ben, { [PATHS.ci]: ci('stored') }),
    c('2026-02-02', eve, { [PATHS.sla]: sla('SLA-0001', 'draft') }),
    c('2026-02-03', ana, {
      [PATHS.sla]: sla('SLA-0001', 'approved', {
        ...approval(ana, '2026-02-03'),
        customer_approved_by: gus.email,
        customer_approved_on: '2026-02-03',
        customer_approval_ref: 'signed order form 2026-17',
      }),
    }),
    c('2026-02-04', ana, { [PATHS.ua]: ua('draft') }),
    c('2026-02-04', eve, {
      [PATHS.ua]: ua('approved', { ...approval(eve, '2026-02-04'), supplier_approved_by: sam.email, supplier_approved_on: '2026-02-04' }),
    }),
    c('2026-02-05', ana, trained, 'Training records'),
    // RFC-0001: requested, approved, designed, built, tested, scheduled, deployed, reviewed.
    c('2026-03-02', cleo, { [PATHS.rfc]: rfcDoc('RFC-0001', 'draft') }),
    c('2026-03-03', ben, { [PATHS.rfc]: rfcDoc('RFC-0001', 'approved', approval(ben, '2026-03-03')) }),
    c('2026-03-04', ben, {
      [PATHS.sd]: record('service-design', 'SD-0001', 'Design', 'draft', { change_request: 'RFC-0001', designed_by: dan.email }),
    }),
    c('2026-03-05', gus, {
      [PATHS.sd]: record('service-design', 'SD-0001', 'Design', 'approved', {
        change_request: 'RFC-0001',
        designed_by: dan.email,
        ...approval(gus, '2026-03-05'),
      }),
    }),
    c('2026-03-06', dan, {
      [PATHS.bld]: record('service-change-build', 'BLD-0001', 'Build', 'initial', {
        change_request: 'RFC-0001',
        design: 'SD-0001',
        built_by: dan.email,
      }),
    }),
    c('2026-03-09', ben, {
      [PATHS.tr]: record('test-report', 'TR-0001', 'Tests', 'published', {
        outcome: 'pass',
        change_request: 'RFC-0001',
        build: 'BLD-0001',
        collected_on: '2026-03-09',
        performed_by: cleo.email,
      }),
      [PATHS.bld]: record('service-change-build', 'BLD-0001', 'Build', 'final', {
        change_request: 'RFC-0001',
        design: 'SD-0001',
        built_by: dan.email,
        test_report: 'TR-0001',
        ...approval(ben, '2026-03-09'),
      }),
    }),
    c('2026-03-10', ben, {
      [PATHS.schedule]: schedule(
        'updated',
        [{ change_request: 'RFC-0001', planned_date: '2026-03-12', window: 'Thu 19-22' }],
        ben,
        '2026-03-10',
      ),
    }),
    c('2026-03-12', ben, {
      [PATHS.rfc]: rfcDoc('RFC-0001', 'updated', { ...approval(ben, '2026-03-12'), deployed_on: '2026-03-12' }),
      [PATHS.ci]: ci('updated', ['RFC-0001']),
    }),
    c('2026-03-16', ben, {
      [PATHS.rfc]: rfcDoc('RFC-0001', 'updated', {
        ...approval(ben, '2026-03-12'),
        deployed_on: '2026-03-12',
        reviewed_on: '2026-03-16',
        review_outcome: 'no change needed',
      }),
    }),
    // Incidents: one routine, one major with its cause analysed in a problem record.
    c('2026-04-01', cleo, { [PATHS.inc1]: incident('INC-0001', 'opened') }, 'INC-0001 opened', 9),
    c('2026-04-01', cleo, { [PATHS.inc1]: incident('INC-0001', 'closed', CLOSED_INCIDENT) }, 'INC-0001 closed', 13),
    c('2026-04-10', ana, {
      [PATHS.fb]: record('feedback', 'FB-0001', 'Thanks', 'updated', {
        kind: 'compliment',
        received: '2026-04-10T10:00:00Z',
        handling: 'closed',
        recorded_by: ana.email,
      }),
    }),
    c(
      '2026-04-20',
      cleo,
      { [PATHS.inc2]: incident('INC-0002', 'opened', { priority: 'P1', opened: '2026-04-20T08:00:00Z' }) },
      'INC-0002 opened',
      8,
    ),
    c(
      '2026-04-20',
      cleo,
      {
        [PATHS.inc2]: incident('INC-0002', 'closed', {
          priority: 'P1',
          opened: '2026-04-20T08:00:00Z',
          responded: '2026-04-20T08:05:00Z',
          resolved: '2026-04-20T10:00:00Z',
          closed: '2026-04-20T11:00:00Z',
          resolved_by: cleo.email,
          confirmed_by: gus.email,
          cause: 'a full disk stopped the database',
          problem: 'PRB-0001',
        }),
        [PATHS.prb]: record('problem', 'PRB-0001', 'Disk fills up', 'open', { owner: cleo.email, incidents: ['INC-0002'] }),
      },
      'INC-0002 closed',
      12,
    ),
    c('2026-05-18', ana, {
      [PATHS.ir]: record('improvement-report', 'IR-0001', 'Spring', 'draft', { period_start: '2026-01-01', period_end: '2026-04-30' }),
    }),
    c('2026-05-20', eve, {
      [PATHS.ir]: record('improvement-report', 'IR-0001', 'Spring', 'approved', {
        period_start: '2026-01-01',
        period_end: '2026-04-30',
        ...approval(eve, '2026-05-20'),
      }),
    }),
  ];
}
