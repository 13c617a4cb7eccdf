#!/usr/bin/env node
// Writes sample-sms/: the fictional provider "Harbour Lane IT" shipped for `sms init --sample`.
// Deterministic: the same script always writes the same files and history. Run it after changing
// the sample, commit its output; `sms init --sample` replays sample-sms/history.yaml.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'sample-sms');
const ORG = 'Harbour Lane IT';
const P = {
  maria: { name: 'Maria Santos', email: 'maria@harbourlane.example' },
  tom: { name: 'Tom Becker', email: 'tom@harbourlane.example' },
  priya: { name: 'Priya Nair', email: 'priya@harbourlane.example' },
  jonas: { name: 'Jonas Weber', email: 'jonas@harbourlane.example' },
  lea: { name: 'Lea Fischer', email: 'lea@harbourlane.example' },
};
const files = new Map();
const commits = [];

// --- small helpers -----------------------------------------------------------------------------
const fm = (data) => `---\n${stringify(data, { lineWidth: 0 })}---\n`;
const doc = (data, sections) => `${fm(data)}\n# ${data.title}\n\n${sections.map(([h, t]) => `## ${h}\n\n${t.trim()}\n`).join('\n')}`;
const put = (p, text) => files.set(p, text);
/** One commit: steps are [path, stage] where stage is {status, drop} or 'final'. */
const commit = (date, who, message, steps) => commits.push({ date, author: who, message, steps });
const stage = (p, status, drop = []) => ({ path: p, status, drop });
const final = (p) => ({ path: p });
const APPROVAL = ['approved_by', 'approved_on'];

// --- repository files --------------------------------------------------------------------------
put(
  'sms.config.yaml',
  `# sms configuration: see "Configuration" in the sms README.
organisation: ${ORG}
timezone: Europe/Berlin

rules:
  review-overdue: warn
  agreement-expired: warn
  unknown-person: warn

review_months:
  policy: 12
  scope: 12
  roles: 12

history:
  attribution: [author, committer, trailer]
  requester_may_approve: false

ignore: []
`,
);
put(
  '.github/workflows/sms.yml',
  `# Runs "sms validate" on every push and pull request (full history: the history checks need it).
name: sms
on:
  push:
  pull_request:
jobs:
  validate:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0
      - uses: actions/setup-node@v4
        with:
          node-version: 20
      - name: Validate the service management system
        run: |
          if [ "$EVENT" = "pull_request" ]; then
            npx --yes sms-cli validate --format github --base "origin/$BASE_REF"
          else
            npx --yes sms-cli validate --format github --history
          fi
        env:
          EVENT: \${{ github.event_name }}
          BASE_REF: \${{ github.base_ref }}
`,
);
put(
  'README.md',
  `# ${ORG}: service management system (sample)

A fictional managed service provider of five people, kept as an SMS repository for \`sms\`: four
services, two customer agreements, two supplier agreements, change requests of all three change
types, incidents, configuration items, feedback, a performance report and an improvement report,
with a backdated Git history by the people in \`governance/roles.md\`.

Try:

\`\`\`sh
sms validate --history     # every status change and approval in history is checked
sms log RFC-0003           # the timeline of an emergency change
sms report review          # input for the management review
\`\`\`

## One deliberate violation to try

RFC-0007 (upgrade the firewall firmware) is approved. Change its scope and commit the edit as Jonas,
who is a practitioner, without sending it back to \`draft\`:

\`\`\`sh
sed -i 's/during the change window/during office hours/' changes/RFC-0007-upgrade-firewall-firmware.md
git -c user.name="Jonas Weber" -c user.email=jonas@harbourlane.example commit -am "Tweak RFC-0007"
sms validate --history     # modified-after-approval: approved content changed without re-approval
\`\`\`

Or try to approve RFC-0009 as Jonas: \`sms set-status RFC-0009 approved --as "Jonas Weber <jonas@harbourlane.example>"\`
is refused, because only a Control Manager (CM) may approve a change request.
`,
);

// --- governance ----------------------------------------------------------------------------------
const GOV = (key, extra) => ({
  id: extra.id,
  type: key,
  title: extra.title,
  status: extra.status ?? 'approved',
  version: extra.version ?? '1.0',
  owner: P.maria.email,
  ...extra.fields,
});
const policySections = [
  [
    'Document control',
    'Owner: Maria Santos (SM). Approver: the Service Manager. Next review: at least yearly. The change history is the Git history of this file.',
  ],
  [
    'Purpose, users and references',
    'This policy and plan direct how Harbour Lane IT delivers its managed IT services. Staff, customers and suppliers use it. It follows ISO/IEC TR 29110-5-3.',
  ],
  ['Scope', 'See the scope document: managed workplace, e-mail, backup and network services for small businesses in the harbour district.'],
  [
    'Measurable objectives',
    '- 99.5% monthly availability for every service\n- P1 incidents resolved within 4 hours\n- Customer satisfaction of 4 out of 5 or better',
  ],
  [
    'Requirements and obligations',
    'Customer agreements SLA-0001 and SLA-0002; supplier agreements UA-0001 and UA-0002; data protection law.',
  ],
  ['Limitations', 'No 24/7 on-site support; out-of-hours support is for P1 incidents only.'],
  ['Roles', 'See the roles document. The Control Manager is never the Incident Manager.'],
  ['Resources', 'Five staff; a monitoring server; this repository; a training budget of five days per person per year.'],
  [
    'Processes in scope',
    'Governance (GO), Service Control (CO), Service Relationship (RE) and Service Incident (IN), each owned by its manager role.',
  ],
  [
    'Process interfaces',
    'Incidents that need a permanent fix raise a change request; deployed changes update configuration items and the catalogue.',
  ],
  [
    'Processes run by other parties',
    'E-mail hosting (UA-0001) and internet connectivity (UA-0002) are run by suppliers and reviewed quarterly.',
  ],
  [
    'Policy essentials',
    '| Priority | Impact | Target |\n|---|---|---|\n| P1 | service down for a customer | 4 h |\n| P2 | degraded, workaround exists | 8 h |\n| P3 | one user affected | 40 h |\n| P4 | question or cosmetic | 120 h |\n\nChanges are pre-approved, emergency or normal (see the change procedure). Standard messages are sent when an incident is opened and resolved, and before every change. Confidentiality, integrity and availability are protected by MFA, encrypted backups and least privilege.',
  ],
  ['Risk management', 'Risks are reviewed at each management review and tracked as improvement actions.'],
  ['Measurement, reporting and audit', 'Quarterly service performance reports per customer agreement; a yearly improvement report.'],
  ['Management review and improvement', 'Once a year, in October, with the improvement report as input.'],
  ['Tools', 'This Git repository and sms; a ticket mailbox; the monitoring server.'],
  [
    'Plan changes and validity',
    'Changes are proposed by the Service Manager in a pull request and approved by her. Reviewed at least once a year.',
  ],
];
put(
  'governance/business-goals.md',
  doc(
    GOV('business-goals', {
      id: 'GOALS',
      title: 'Business goals of Harbour Lane IT',
      fields: {
        goals: ['Be the trusted IT partner of small businesses in the harbour district'],
        objectives: ['Grow to eight managed customers by 2027', 'Keep every customer for at least three years'],
        approved_by: P.maria.email,
        approved_on: '2025-01-13',
      },
    }),
    [
      ['Goals', 'Be the trusted IT partner of small businesses in the harbour district.'],
      ['Objectives', '- Grow to eight managed customers by 2027\n- Keep every customer for at least three years'],
    ],
  ),
);
put(
  'governance/scope.md',
  doc(
    GOV('scope', {
      id: 'SCOPE',
      title: 'Service delivery scope',
      fields: {
        services: ['SVC-0001', 'SVC-0002', 'SVC-0003', 'SVC-0004'],
        customers: ['Bluebell Bakery', 'Kessler Legal'],
        approved_by: P.maria.email,
        approved_on: '2025-01-20',
        reviewed_on: '2026-01-19',
      },
    }),
    [
      [
        'Services offered',
        'Managed workplace (SVC-0001), e-mail and collaboration (SVC-0002), backup and restore (SVC-0003), network and VPN (SVC-0004).',
      ],
      ['Boundaries', 'Customers with up to 50 users within 30 km of the office; EU data residency.'],
      ['Technology', 'Windows and macOS desktops, a hosted mail tenant, a backup server, firewalls, switches and VPN appliances.'],
      ['Exclusions', 'Line-of-business applications and printers.'],
    ],
  ),
);
const rolesData = (people, extra = {}) =>
  GOV('roles', {
    id: 'ROLES',
    title: 'Roles of Harbour Lane IT',
    status: extra.status ?? 'updated',
    version: extra.version ?? '1.2',
    fields: { people, approved_by: P.maria.email, approved_on: extra.approved_on ?? '2025-06-02' },
  });
const people = [
  { name: P.maria.name, email: P.maria.email, roles: ['SM', 'MGT'] },
  { name: P.tom.name, email: P.tom.email, roles: ['CM'] },
  { name: P.priya.name, email: P.priya.email, roles: ['IM', 'RM'] },
  { name: P.jonas.name, email: P.jonas.email, roles: ['PT'], practitioner_areas: ['change', 'incident'] },
  { name: P.lea.name, email: P.lea.email, roles: ['PT'], practitioner_areas: ['incident'] },
  { name: 'Sam Clarke', email: 'sam@bluebell.example', roles: ['CUS'], organisation: 'Bluebell Bakery' },
  { name: 'Kessler Legal office', email: 'office@kessler-legal.example', roles: ['CUS'], organisation: 'Kessler Legal' },
];
const rolesSections = [
  [
    'Responsibilities',
    '- **Maria Santos** (SM, MGT) leads the SMS and approves policies and agreements.\n- **Tom Becker** (CM) approves or rejects change requests and manages test and deployment.\n- **Priya Nair** (IM, RM) owns incidents, the catalogue and customer relations.\n- **Jonas Weber** and **Lea Fischer** (PT) build changes and handle incidents.',
  ],
  ['Training and development', 'Maria: ISO/IEC 20000 foundation. Tom: firewall vendor certification in 2026. Lea: on-boarding with Jonas.'],
];
put('governance/roles.md', doc(rolesData(people), rolesSections));
put(
  'governance/policy.md',
  doc(
    GOV('policy', {
      id: 'POLICY',
      title: 'Service delivery policy and SMS plan',
      version: '1.1',
      status: 'updated',
      fields: {
        objectives: ['99.5% monthly availability', 'P1 incidents resolved within 4 hours', 'Customer satisfaction of 4/5 or better'],
        approved_by: P.maria.email,
        approved_on: '2026-01-19',
        reviewed_on: '2026-01-19',
      },
    }),
    policySections,
  ),
);
put(
  'governance/customer-experience-approach.md',
  doc(
    GOV('customer-experience-approach', {
      id: 'CEA',
      title: 'Customer experience approach',
      fields: {
        experience_measurement: ['Two-question survey after every closed incident', 'Yearly review meeting with every customer'],
        approved_by: P.maria.email,
        approved_on: '2025-02-10',
      },
    }),
    [
      [
        'Measuring customer experience',
        'A two-question survey after every closed incident and a yearly review meeting with every customer.',
      ],
      [
        'Handling steps',
        'Receive, acknowledge within one working day, record as a feedback entry, investigate, respond, escalate to the Service Manager if the customer is not satisfied, close.',
      ],
      [
        'Log entry fields',
        'Contact, client company, special needs, the comment, when it was received, the investigation outcome, who signed it off.',
      ],
    ],
  ),
);
put(
  'procedures/document-procedure.md',
  doc(
    GOV('document-procedure', {
      id: 'DOCPROC',
      title: 'Data and document management procedure',
      fields: {
        location: 'This Git repository, mirrored nightly to the backup server',
        approved_by: P.maria.email,
        approved_on: '2025-02-03',
      },
    }),
    [
      ['Versioning', 'Every document has an id and a version; Git keeps every earlier version.'],
      ['Storage and location', 'This repository, hosted privately; only the people in the roles document have write access.'],
      ['Change controls', 'All changes go through pull requests checked by sms validate; approvals are recorded by sms set-status.'],
      ['Backup and retention', 'Mirrored nightly; records are kept for seven years.'],
    ],
  ),
);
put(
  'procedures/change-procedure.md',
  doc(
    GOV('change-procedure', {
      id: 'CHGPROC',
      title: 'Change procedure',
      fields: { approved_by: P.maria.email, approved_on: '2025-02-17' },
    }),
    [
      [
        'Change types',
        '- **Pre-approved**: new-hire laptop, shared mailbox, office move of up to five desks.\n- **Emergency**: security patches and fixes for a P1 incident.\n- **Normal**: everything else.',
      ],
      ['Requesting a change', 'Anyone raises a change request with sms new change-request; Tom writes up verbal requests.'],
      ['Updating the change schedule', 'Approved changes get a planned date in changes/change-schedule.md.'],
      ['Emergency changes', 'Tom approves by phone and records the approval in the change request within one working day.'],
      ['Design, build and test', 'Normal changes get a service design, a build record and a test report.'],
      ['Deployment', 'Only with a published test report and approval to deploy.'],
      ['Configuration record update', 'The practitioner updates the configuration items after deployment.'],
      ['Removal', 'Retiring a service or component is a normal change.'],
    ],
  ),
);
put(
  'procedures/secure-component-procedure.md',
  doc(
    GOV('secure-component-procedure', {
      id: 'SECPROC',
      title: 'Secure component procedure',
      fields: { approved_by: P.tom.email, approved_on: '2025-03-10' },
    }),
    [
      ['Admission rule', 'Only images and configurations that passed their tests are stored in the component vault.'],
      ['Steps', 'Add, move, modify or remove a component by pull request to the vault repository.'],
      ['Authorization', "Every add, move, modify or remove needs the Control Manager's approval."],
    ],
  ),
);

// Governance history: drafted by Maria in January 2025, approved over the first months.
commit('2025-01-06T09:00:00Z', 'maria', 'Start the service management system of Harbour Lane IT', [
  final('sms.config.yaml'),
  final('README.md'),
  final('.github/workflows/sms.yml'),
  stage('governance/scope.md', 'draft', [...APPROVAL, 'reviewed_on']),
  stage('governance/policy.md', 'draft', [...APPROVAL, 'reviewed_on']),
  { path: 'governance/roles.md', status: 'draft', drop: [...APPROVAL, 'reviewed_on'], set: { version: '0.1', people: people.slice(0, 1) } },
]);
commit('2025-01-08T09:00:00Z', 'maria', 'Approve the roles: Maria is Service Manager', [
  {
    path: 'governance/roles.md',
    status: 'approved',
    drop: ['reviewed_on'],
    set: { version: '0.2', approved_on: '2025-01-08', people: people.slice(0, 1) },
  },
]);
commit('2025-01-09T09:00:00Z', 'maria', 'Draft the business goals', [stage('governance/business-goals.md', 'draft', APPROVAL)]);
commit('2025-01-13T10:00:00Z', 'maria', 'Approve the business goals', [final('governance/business-goals.md')]);
commit('2025-01-20T10:00:00Z', 'maria', 'Approve the service delivery scope', [stage('governance/scope.md', 'approved', ['reviewed_on'])]);

// --- services ----------------------------------------------------------------------------------
const SERVICES = [
  ['SVC-0001', 'Managed workplace', 'Desktops and laptops, installed, patched and supported.', 99.5],
  ['SVC-0002', 'E-mail and collaboration', 'Mailboxes, calendars and shared files on a hosted tenant.', 99.9],
  ['SVC-0003', 'Backup and restore', 'Nightly encrypted backups of servers and mailboxes, with tested restores.', 99.0],
  ['SVC-0004', 'Network and VPN', 'Firewall, switches, Wi-Fi and remote access for staff.', 99.5],
];
const svcPath = (id, title) =>
  `catalogue/${id}-${title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/-+$/, '')}.md`;
for (const [id, title, what, avail] of SERVICES) {
  put(
    svcPath(id, title),
    doc(
      {
        id,
        type: 'service',
        title,
        status: 'approved',
        version: '1.0',
        owner: P.priya.email,
        service_hours: 'Mon-Fri 08:00-18:00',
        availability_target: avail,
        depends_on: id === 'SVC-0003' ? ['SVC-0004'] : [],
        customers: id === 'SVC-0004' ? ['Kessler Legal'] : ['Bluebell Bakery', 'Kessler Legal'],
        approved_by: P.maria.email,
        approved_on: '2025-02-24',
      },
      [
        ['Description', what],
        ['Service hours', 'Monday to Friday, 08:00 to 18:00; P1 incidents also out of hours.'],
        ['Quality measures', `Availability target ${avail}% per month; response and resolution times per the customer agreement.`],
        ['How to use', 'Request through the service mailbox or by phone; report incidents the same way.'],
        [
          'Dependencies and standards',
          id === 'SVC-0002' ? 'Hosted by CloudMail (UA-0001).' : 'Internet connectivity from FibreNet (UA-0002).',
        ],
      ],
    ),
  );
}
commit('2025-01-27T09:30:00Z', 'maria', 'Draft the document procedure', [stage('procedures/document-procedure.md', 'draft', APPROVAL)]);
commit('2025-02-03T09:30:00Z', 'maria', 'Approve the document procedure', [final('procedures/document-procedure.md')]);
commit(
  '2025-02-04T11:00:00Z',
  'priya',
  'Draft the service catalogue',
  SERVICES.map(([id, t]) => stage(svcPath(id, t), 'draft', APPROVAL)),
);
commit('2025-02-05T10:00:00Z', 'priya', 'Draft the customer experience approach', [
  stage('governance/customer-experience-approach.md', 'draft', APPROVAL),
]);
commit('2025-02-10T10:00:00Z', 'maria', 'Approve the customer experience approach', [final('governance/customer-experience-approach.md')]);
commit('2025-02-12T09:00:00Z', 'maria', 'Draft the change procedure', [stage('procedures/change-procedure.md', 'draft', APPROVAL)]);
commit('2025-02-17T16:00:00Z', 'maria', 'Approve the change procedure', [final('procedures/change-procedure.md')]);
commit(
  '2025-02-24T15:00:00Z',
  'maria',
  'Approve and publish the service catalogue',
  SERVICES.map(([id, t]) => final(svcPath(id, t))),
);
commit('2025-02-26T09:00:00Z', 'maria', 'Roles: Maria SM, Tom CM, Priya IM and RM, Jonas PT', [
  {
    path: 'governance/roles.md',
    status: 'updated',
    drop: [],
    set: { version: '1.0', approved_on: '2025-02-26', people: people.slice(0, 4) },
  },
]);
commit('2025-03-20T09:00:00Z', 'maria', 'Roles: add the customer contacts', [
  {
    path: 'governance/roles.md',
    status: 'updated',
    drop: [],
    set: { version: '1.0.1', approved_on: '2025-03-20', people: [...people.slice(0, 4), ...people.slice(5)] },
  },
]);
commit('2025-03-03T10:00:00Z', 'maria', 'Approve the service delivery policy and SMS plan', [
  { path: 'governance/policy.md', status: 'approved', drop: ['reviewed_on'], set: { version: '1.0', approved_on: '2025-03-03' } },
]);
commit('2025-03-05T14:00:00Z', 'tom', 'Draft the secure component procedure', [
  stage('procedures/secure-component-procedure.md', 'draft', APPROVAL),
]);
commit('2025-03-10T14:00:00Z', 'tom', 'Approve the secure component procedure', [final('procedures/secure-component-procedure.md')]);

// --- configuration items -----------------------------------------------------------------------
const CIS = [
  ['CI-0001', 'Laptop fleet', 'hardware', ['SVC-0001']],
  ['CI-0002', 'Hosted mail tenant', 'software', ['SVC-0002']],
  ['CI-0003', 'Backup server', 'hardware', ['SVC-0003']],
  ['CI-0004', 'VPN appliance', 'hardware', ['SVC-0004']],
  ['CI-0005', 'Core switch', 'hardware', ['SVC-0004']],
  ['CI-0006', 'Firewall', 'hardware', ['SVC-0004']],
  ['CI-0007', 'File server', 'hardware', ['SVC-0001']],
  ['CI-0008', 'DNS service', 'software', ['SVC-0002', 'SVC-0004']],
];
const ciPath = (id, t) => `configuration/${id}-${t.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.md`;
for (const [id, title, kind, svcs] of CIS) {
  put(
    ciPath(id, title),
    doc(
      {
        id,
        type: 'configuration-item',
        title,
        status: 'updated',
        version: '1.0',
        ci_type: kind,
        owner: P.tom.email,
        location: kind === 'software' ? 'Hosted' : 'Server room, Quay Street 4',
        date_of_service: '2024-09-01',
        services: svcs,
      },
      [
        ['Description', `${title}, managed by Harbour Lane IT for ${svcs.join(' and ')}.`],
        ['Relations', 'Changes and incidents that involve this item name it in their front matter.'],
      ],
    ),
  );
}
commit(
  '2025-03-17T09:00:00Z',
  'tom',
  'Record the configuration items',
  CIS.map(([id, t]) => stage(ciPath(id, t), 'stored')),
);
commit(
  '2025-06-16T09:00:00Z',
  'jonas',
  'Update configuration items after the spring changes',
  CIS.map(([id, t]) => final(ciPath(id, t))),
);

// --- agreements ----------------------------------------------------------------------------------
const targets = {
  P1: { response_hours: 1, resolution_hours: 4, clock: '24x7' },
  P2: { response_hours: 2, resolution_hours: 8 },
  P3: { response_hours: 8, resolution_hours: 40 },
  P4: { response_hours: 24, resolution_hours: 120 },
};
const slaSections = (c) => [
  ['Scope', `Managed IT services for ${c}, for all staff at its premises and working remotely.`],
  ['Service hours', 'Monday to Friday 08:00 to 18:00; P1 incidents around the clock.'],
  ['Targets', 'Availability 99.5% per month; response and resolution times per priority as in the front matter.'],
  [
    'Communication',
    'Incidents by phone or the service mailbox; a status e-mail when an incident opens and closes; a monthly service report.',
  ],
  [
    'Responsibilities',
    `${c} names a contact person and gives access to its premises; Harbour Lane IT provides the services and reports on them.`,
  ],
  [
    'Change and incident procedures',
    'Pre-approved changes by e-mail; other changes through a change request approved by our Control Manager.',
  ],
  ['Acceptance and approval', 'Signed by both managing directors.'],
];
const slas = [
  [
    'SLA-0001',
    'Bluebell Bakery',
    ['SVC-0001', 'SVC-0002', 'SVC-0003'],
    'agreements/customers/SLA-0001-bluebell-bakery.md',
    'sam@bluebell.example',
  ],
  [
    'SLA-0002',
    'Kessler Legal',
    ['SVC-0001', 'SVC-0002', 'SVC-0004'],
    'agreements/customers/SLA-0002-kessler-legal.md',
    'office@kessler-legal.example',
  ],
];
const CUSTOMER_SIGNATURE = ['customer_approved_by', 'customer_approved_on', 'customer_approval_ref'];
const SUPPLIER_SIGNATURE = ['supplier_approved_by', 'supplier_approved_on', 'supplier_approval_ref'];
for (const [id, customer, services, p, signatory] of slas) {
  put(
    p,
    doc(
      {
        id,
        type: 'customer-agreement',
        title: `Managed IT services for ${customer}`,
        status: 'approved',
        version: '1.0',
        customer,
        owner: P.priya.email,
        services,
        start: '2025-04-01',
        review: '2027-03-15',
        end: '2027-12-31',
        approval_form: 'signature',
        service_hours: 'Mon-Fri 08:00-18:00; P1 24/7',
        calendar: {
          timezone: 'Europe/Berlin',
          days: ['mon', 'tue', 'wed', 'thu', 'fri'],
          from: '08:00',
          to: '18:00',
          holidays: [
            '2025-12-24',
            '2025-12-25',
            '2025-12-26',
            '2026-01-01',
            '2026-04-03',
            '2026-04-06',
            '2026-05-01',
            '2026-12-24',
            '2026-12-25',
          ],
        },
        availability: 99.5,
        targets,
        communication_methods: ['phone', 'service mailbox', 'monthly report'],
        approved_by: P.maria.email,
        approved_on: '2025-03-28',
        customer_approved_by: signatory,
        customer_approved_on: '2025-03-27',
        customer_approval_ref: `Signed agreement ${id}, PDF in the contracts folder`,
      },
      slaSections(customer),
    ),
  );
}
const uas = [
  ['UA-0001', 'CloudMail', ['SVC-0002'], 'agreements/suppliers/UA-0001-cloudmail.md', 'Anna Roth (CloudMail account manager)'],
  ['UA-0002', 'FibreNet', ['SVC-0004'], 'agreements/suppliers/UA-0002-fibrenet.md', 'Piet de Vries (FibreNet sales)'],
];
for (const [id, supplier, services, p, signatory] of uas) {
  put(
    p,
    doc(
      {
        id,
        type: 'supplier-agreement',
        title: `${supplier} underpinning agreement`,
        status: 'approved',
        version: '1.0',
        supplier,
        agreement_kind: 'ua',
        owner: P.priya.email,
        services,
        start: '2025-01-01',
        review: '2027-01-15',
        end: '2027-12-31',
        approval_form: 'signature',
        approved_by: P.maria.email,
        approved_on: '2025-03-24',
        supplier_approved_by: signatory,
        supplier_approved_on: '2025-03-21',
        supplier_approval_ref: `${supplier} order confirmation, e-mail of 2025-03-21`,
      },
      [
        [
          'Scope',
          `${supplier} provides ${id === 'UA-0001' ? 'the hosted mail tenant' : 'internet connectivity'} for ${services.join(', ')}.`,
        ],
        ['Deliverables', '99.9% availability, a support line, a monthly availability report.'],
        ['Terms and conditions', 'Monthly fee per user; service credits when availability is missed.'],
        ['Communication', 'Support portal; quarterly review call.'],
        ['Procedures', 'Changes announced seven days ahead; disputes escalated to the account manager.'],
      ],
    ),
  );
}
commit(
  '2025-03-12T10:00:00Z',
  'priya',
  'Draft the supplier agreements',
  uas.map(([, , , p]) => stage(p, 'draft', [...APPROVAL, ...SUPPLIER_SIGNATURE])),
);
commit(
  '2025-03-19T10:00:00Z',
  'priya',
  'Draft the customer agreements',
  slas.map(([, , , p]) => stage(p, 'draft', [...APPROVAL, ...CUSTOMER_SIGNATURE])),
);
commit(
  '2025-03-24T16:00:00Z',
  'maria',
  'Approve the supplier agreements',
  uas.map(([, , , p]) => final(p)),
);
commit(
  '2025-03-28T16:30:00Z',
  'maria',
  'Approve the customer agreements (signed)',
  slas.map(([, , , p]) => final(p)),
);

// --- change requests -----------------------------------------------------------------------------
const RFCS = [
  // id, title, type, priority, requester, [stages: [date, who, status]], services, cis, extra
  [
    'RFC-0001',
    'Migrate mailboxes to CloudMail',
    'normal',
    'P2',
    'priya',
    [
      ['2025-04-07T09:00:00Z', 'priya', 'draft'],
      ['2025-04-09T15:00:00Z', 'tom', 'approved'],
      ['2025-05-06T18:00:00Z', 'tom', 'updated'],
    ],
    ['SVC-0002'],
    ['CI-0002'],
    { deployed_on: '2025-05-06', origin: 'internal' },
  ],
  [
    'RFC-0002',
    'Laptop for a new hire at Bluebell Bakery',
    'pre-approved',
    'P3',
    'jonas',
    [
      ['2025-04-14T08:30:00Z', 'jonas', 'draft'],
      ['2025-04-14T11:00:00Z', 'tom', 'approved'],
      ['2025-04-16T16:00:00Z', 'tom', 'updated'],
    ],
    ['SVC-0001'],
    ['CI-0001'],
    { deployed_on: '2025-04-16', origin: 'customer' },
  ],
  [
    'RFC-0003',
    'Patch the VPN appliance (vendor security advisory)',
    'emergency',
    'P1',
    'lea',
    [
      ['2025-06-03T07:40:00Z', 'lea', 'draft'],
      ['2025-06-03T08:05:00Z', 'tom', 'approved'],
      ['2025-06-03T12:30:00Z', 'tom', 'updated'],
    ],
    ['SVC-0004'],
    ['CI-0004'],
    { deployed_on: '2025-06-03', origin: 'IN.2.2', incidents: ['INC-0005'] },
  ],
  [
    'RFC-0004',
    'Replace the core switch with a stacked pair',
    'normal',
    'P3',
    'jonas',
    [
      ['2025-06-23T10:00:00Z', 'jonas', 'draft'],
      ['2025-07-01T14:00:00Z', 'tom', 'rejected'],
    ],
    ['SVC-0004'],
    ['CI-0005'],
    { origin: 'internal' },
  ],
  [
    'RFC-0005',
    'Off-site copy of the nightly backups',
    'normal',
    'P2',
    'priya',
    [
      ['2025-07-14T09:00:00Z', 'priya', 'draft'],
      ['2025-07-18T10:00:00Z', 'tom', 'approved'],
      ['2025-08-12T17:00:00Z', 'tom', 'updated'],
    ],
    ['SVC-0003'],
    ['CI-0003'],
    { deployed_on: '2025-08-12', origin: 'IN.1.3' },
  ],
  [
    'RFC-0006',
    'Shared mailbox for Kessler Legal reception',
    'pre-approved',
    'P4',
    'lea',
    [
      ['2025-09-08T09:00:00Z', 'lea', 'draft'],
      ['2025-09-08T13:00:00Z', 'tom', 'approved'],
      ['2025-09-09T10:00:00Z', 'tom', 'updated'],
    ],
    ['SVC-0002'],
    ['CI-0002'],
    { deployed_on: '2025-09-09', origin: 'customer' },
  ],
  [
    'RFC-0007',
    'Upgrade firewall firmware',
    'normal',
    'P2',
    'jonas',
    [
      ['2026-09-28T09:00:00Z', 'jonas', 'draft'],
      ['2026-10-06T15:00:00Z', 'tom', 'approved'],
    ],
    ['SVC-0004'],
    ['CI-0006'],
    { origin: 'internal', planned_date: '2026-12-08' },
  ],
  [
    'RFC-0008',
    'Restore DNS zone after a faulty edit',
    'emergency',
    'P1',
    'lea',
    [
      ['2026-02-11T06:50:00Z', 'lea', 'draft'],
      ['2026-02-11T07:05:00Z', 'tom', 'approved'],
      ['2026-02-11T08:00:00Z', 'tom', 'updated'],
    ],
    ['SVC-0002', 'SVC-0004'],
    ['CI-0008'],
    { deployed_on: '2026-02-11', origin: 'IN.2.5', incidents: ['INC-0014'] },
  ],
  [
    'RFC-0009',
    'Multi-factor authentication for all users',
    'normal',
    'P2',
    'priya',
    [['2026-10-20T10:00:00Z', 'priya', 'draft']],
    ['SVC-0001', 'SVC-0002'],
    ['CI-0002'],
    { origin: 'RE.1.3' },
  ],
  [
    'RFC-0010',
    'Network for the Kessler Legal office move',
    'pre-approved',
    'P3',
    'jonas',
    [
      ['2026-03-02T09:00:00Z', 'jonas', 'draft'],
      ['2026-03-02T10:30:00Z', 'tom', 'approved'],
      ['2026-03-14T18:00:00Z', 'tom', 'updated'],
    ],
    ['SVC-0004'],
    ['CI-0005'],
    { deployed_on: '2026-03-14', origin: 'customer' },
  ],
  [
    'RFC-0011',
    'Retire the old file server',
    'normal',
    'P3',
    'priya',
    [
      ['2026-10-12T09:00:00Z', 'priya', 'draft'],
      ['2026-10-27T11:00:00Z', 'tom', 'approved'],
    ],
    ['SVC-0001'],
    ['CI-0007'],
    { origin: 'internal', planned_date: '2026-12-15' },
  ],
  [
    'RFC-0012',
    'Monitoring agent on every laptop',
    'normal',
    'P4',
    'lea',
    [
      ['2026-05-04T09:00:00Z', 'lea', 'draft'],
      ['2026-05-12T16:00:00Z', 'tom', 'rejected'],
    ],
    ['SVC-0001'],
    ['CI-0001'],
    { origin: 'IN.1.3' },
  ],
];
const slug = (t) =>
  t
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
const rfcPath = (id, t) => `changes/${id}-${slug(t)}.md`;
for (const [id, title, ct, prio, req, stages, services, cis, extra] of RFCS) {
  const last = stages[stages.length - 1];
  const decided = stages.find((s) => s[2] === 'approved' || s[2] === 'rejected');
  const data = {
    id,
    type: 'change-request',
    title,
    status: last[2],
    version: '1.0',
    change_type: ct,
    priority: prio,
    requested_by: P[req].email,
    date_needed: stages[0][0].slice(0, 10),
    services,
    impacted_cis: cis,
    ...extra,
  };
  if (decided && decided[2] === 'approved') Object.assign(data, { approved_by: P.tom.email, approved_on: decided[0].slice(0, 10) });
  put(
    rfcPath(id, title),
    doc(data, [
      ['Purpose', `${title}.`],
      [
        'Business impact',
        ct === 'emergency'
          ? 'A vital business service is affected until this is done.'
          : 'Short interruption during the change window; lower risk of incidents afterwards.',
      ],
      ['Scope', `${cis.join(', ')} for ${services.join(', ')}. Work is done during the change window.`],
      [
        'Plan and rollback',
        'Build and test on a spare unit, deploy in the window, roll back from the saved configuration if the tests fail.',
      ],
    ]),
  );
}
const rfcDrop = (status, extra) =>
  status === 'draft' || status === 'rejected'
    ? [...APPROVAL, 'deployed_on', 'planned_date']
    : status === 'approved' && extra.deployed_on
      ? ['deployed_on']
      : [];

// --- incidents -----------------------------------------------------------------------------------
// [id, title, prio, service, ci, opened, resolvedAfterHours, reporter, resolver, status]
const INCS = [
  ['INC-0001', 'Outlook keeps asking for the password', 'P3', 'SVC-0002', 'CI-0002', '2025-04-22T08:15:00Z', 6, 'lea', 'closed'],
  ['INC-0002', 'Bakery till PC does not start', 'P2', 'SVC-0001', 'CI-0001', '2025-05-02T06:40:00Z', 5.5, 'jonas', 'closed'],
  ['INC-0003', 'Mail delivery delayed after migration', 'P2', 'SVC-0002', 'CI-0002', '2025-05-07T09:10:00Z', 11, 'lea', 'closed'],
  ['INC-0004', 'Nightly backup failed', 'P3', 'SVC-0003', 'CI-0003', '2025-05-20T07:00:00Z', 20, 'jonas', 'closed'],
  ['INC-0005', 'VPN unreachable for Kessler Legal', 'P1', 'SVC-0004', 'CI-0004', '2025-06-03T07:05:00Z', 3.5, 'lea', 'closed'],
  ['INC-0006', 'Printer driver missing on new laptop', 'P4', 'SVC-0001', 'CI-0001', '2025-06-18T13:00:00Z', 30, 'jonas', 'closed'],
  ['INC-0007', 'Shared calendar not syncing', 'P3', 'SVC-0002', 'CI-0002', '2025-07-09T10:30:00Z', 52, 'lea', 'closed'],
  ['INC-0008', 'Wi-Fi drops in the bakery shop', 'P2', 'SVC-0001', 'CI-0005', '2025-08-04T08:00:00Z', 7, 'jonas', 'closed'],
  ['INC-0009', 'Restore request: deleted folder', 'P3', 'SVC-0003', 'CI-0003', '2025-08-27T14:20:00Z', 3, 'lea', 'closed'],
  ['INC-0010', 'Laptop stolen from a car', 'P2', 'SVC-0001', 'CI-0001', '2025-09-15T07:30:00Z', 6, 'jonas', 'closed'],
  ['INC-0011', 'Phishing mail reported by staff', 'P2', 'SVC-0002', 'CI-0002', '2025-10-06T11:00:00Z', 2, 'lea', 'closed'],
  ['INC-0012', 'File server disk nearly full', 'P3', 'SVC-0001', 'CI-0007', '2025-11-03T09:00:00Z', 26, 'jonas', 'closed'],
  ['INC-0013', 'Internet outage at Kessler Legal', 'P1', 'SVC-0004', 'CI-0006', '2025-12-09T10:00:00Z', 5.25, 'lea', 'closed'],
  ['INC-0014', 'Websites and mail unreachable (DNS)', 'P1', 'SVC-0002', 'CI-0008', '2026-02-11T06:30:00Z', 1.5, 'jonas', 'closed'],
  ['INC-0015', 'Slow laptops after update', 'P3', 'SVC-0001', 'CI-0001', '2026-03-04T08:45:00Z', 35, 'lea', 'closed'],
  ['INC-0016', 'Backup restore test failed', 'P2', 'SVC-0003', 'CI-0003', '2026-04-08T09:00:00Z', 9.5, 'jonas', 'closed'],
  ['INC-0017', 'Mailbox full for the bakery owner', 'P4', 'SVC-0002', 'CI-0002', '2026-05-11T12:00:00Z', 4, 'lea', 'closed'],
  ['INC-0018', 'VPN disconnects every hour', 'P2', 'SVC-0004', 'CI-0004', '2026-06-15T08:20:00Z', 7.5, 'jonas', 'closed'],
  ['INC-0019', 'Keyboard not working', 'P4', 'SVC-0001', 'CI-0001', '2026-07-07T10:00:00Z', 26, 'lea', 'closed'],
  ['INC-0020', 'Mail bounced by a customer domain', 'P3', 'SVC-0002', 'CI-0002', '2026-08-19T13:30:00Z', 18, 'jonas', 'closed'],
  ['INC-0021', 'Backup server fan alarm', 'P3', 'SVC-0003', 'CI-0003', '2026-09-22T07:10:00Z', 44, 'lea', 'closed'],
  ['INC-0022', 'Firewall rejecting the new payment terminal', 'P2', 'SVC-0004', 'CI-0006', '2026-10-14T09:00:00Z', 6, 'jonas', 'closed'],
  ['INC-0023', 'Teams calls drop at the law office', 'P3', 'SVC-0002', 'CI-0002', '2026-11-10T10:00:00Z', null, 'lea', 'updated'],
  ['INC-0024', 'Laptop battery swelling', 'P2', 'SVC-0001', 'CI-0001', '2026-11-18T08:00:00Z', null, 'jonas', 'opened'],
];
const REPORTERS = {
  'SVC-0001': 'sam@bluebell.example',
  'SVC-0002': 'office@kessler-legal.example',
  'SVC-0003': 'sam@bluebell.example',
  'SVC-0004': 'office@kessler-legal.example',
};
// Whose incident it is: named in the title, else the customer who uses the service.
const agreementOf = (title, svc) =>
  /bakery|bluebell|till|backup/i.test(title)
    ? 'SLA-0001'
    : /kessler|law office/i.test(title)
      ? 'SLA-0002'
      : REPORTERS[svc] === 'sam@bluebell.example'
        ? 'SLA-0001'
        : 'SLA-0002';
const CONTACT = { 'SLA-0001': 'sam@bluebell.example', 'SLA-0002': 'office@kessler-legal.example' };
const addHours = (iso, h) => new Date(Date.parse(iso) + h * 3600_000).toISOString().replace('.000Z', 'Z');
const incPath = (id, t) => `incidents/${id}-${slug(t)}.md`;
for (const [id, title, prio, svc, ci, opened, hours, resolver, status] of INCS) {
  const data = {
    id,
    type: 'incident',
    title,
    status,
    priority: prio,
    opened,
    reported_by: CONTACT[agreementOf(title, svc)],
    agreement: agreementOf(title, svc),
    responded: addHours(opened, prio === 'P1' ? 0.25 : 0.5),
    services: [svc],
    cis: [ci],
    classification: /phishing|stolen/i.test(title) ? 'security' : 'failure',
  };
  if (/phishing|stolen/i.test(title)) data.security = true;
  if (prio === 'P1') data.major = true;
  if (id === 'INC-0005') data.change_requests = ['RFC-0003'];
  if (id === 'INC-0014') data.change_requests = ['RFC-0008'];
  if (hours !== null)
    Object.assign(data, {
      resolved: addHours(opened, hours),
      resolved_by: P[resolver].email,
      closed: addHours(opened, hours + 20),
      confirmed_by: CONTACT[agreementOf(title, svc)],
    });
  // Major incidents record the outage they caused, for availability.
  if (prio === 'P1' && hours !== null) Object.assign(data, { outage_start: opened, outage_end: addHours(opened, hours - 0.25) });
  put(
    incPath(id, title),
    doc(data, [
      ['Description', `${title}. Reported by ${REPORTERS[svc]}.`],
      ['Restoration steps', hours === null ? 'Under investigation.' : `Diagnosed and restored by ${P[resolver].name}.`],
      ['Solution', hours === null ? 'Not yet resolved.' : 'Service restored and confirmed by the customer.'],
    ]),
  );
}
const INC_OPEN_DROP = ['resolved', 'resolved_by', 'closed', 'confirmed_by', 'outage_end'];

// --- design, build, test for the normal changes --------------------------------------------------
const dbt = [
  ['RFC-0001', 'SD-0001', 'BLD-0001', 'TR-0001', 'mail migration', ['SVC-0002'], '2025-04-14', '2025-04-28', '2025-05-02'],
  ['RFC-0005', 'SD-0002', 'BLD-0002', 'TR-0002', 'off-site backup', ['SVC-0003'], '2025-07-22', '2025-08-01', '2025-08-08'],
];
for (const [rfcId, sd, bld, tr, what, svcs, dDesign, _dBuild, dTest] of dbt) {
  put(
    `changes/designs/${sd}-${slug(what)}.md`,
    doc(
      {
        id: sd,
        type: 'service-design',
        title: `Design: ${what}`,
        status: 'approved',
        version: '1.0',
        owner: P.tom.email,
        change_request: rfcId,
        services: svcs,
        issue_date: dDesign,
        approved_by: P.tom.email,
        approved_on: dDesign,
      },
      [
        ['Scope', `The ${what}: availability, capacity and security requirements.`],
        ['Resources', 'Jonas (build), Tom (test), two evenings.'],
        ['Risks', 'Data loss during cut-over; mitigated by a full backup first.'],
        ['Quality and performance measures', 'All mailboxes or backups verified by a sample restore.'],
      ],
    ),
  );
  put(
    `changes/builds/${bld}-${slug(what)}.md`,
    doc(
      {
        id: bld,
        type: 'service-change-build',
        title: `Build: ${what}`,
        status: 'final',
        version: '1.0',
        change_request: rfcId,
        design: sd,
        test_report: tr,
        built_by: P.jonas.email,
        artifacts: ['configuration export', 'runbook'],
        master_copy_location: 'component vault',
        approved_by: P.tom.email,
        approved_on: dTest,
      },
      [
        ['Artifacts', 'Configuration export and runbook.'],
        ['Master copy', 'Stored in the component vault.'],
      ],
    ),
  );
  put(
    `changes/tests/${tr}-${slug(what)}.md`,
    doc(
      {
        id: tr,
        type: 'test-report',
        title: `Test: ${what}`,
        status: 'published',
        version: '1.0',
        outcome: 'pass',
        change_request: rfcId,
        build: bld,
        collected_on: dTest,
        performed_by: P.jonas.email,
        interpreted_by: P.tom.email,
        validated_by: P.tom.email,
        levels_types: ['functional', 'restore'],
      },
      [
        ['Summary', `Functional and restore tests of the ${what}.`],
        ['Errors and resolutions', 'None blocking.'],
        ['Interpretation', 'Meets the performance criteria of the design.'],
      ],
    ),
  );
}

// --- schedule, feedback, reports -----------------------------------------------------------------
put(
  'changes/change-schedule.md',
  doc(
    {
      id: 'SCHEDULE',
      type: 'change-schedule',
      title: 'Change schedule',
      status: 'updated',
      version: '2.3',
      owner: P.tom.email,
      changes: [
        { change_request: 'RFC-0007', planned_date: '2026-12-08', window: 'Tuesday 19:00-22:00' },
        { change_request: 'RFC-0011', planned_date: '2026-12-15', window: 'Tuesday 19:00-22:00' },
      ],
      change_windows: ['Tuesdays 19:00-22:00'],
      maintenance_windows: ['First Sunday of the month 06:00-10:00'],
      key_business_events: [
        { date: '2026-12-24', event: 'Christmas trade at the bakery' },
        { date: '2026-12-31', event: 'Year-end closing at Kessler Legal' },
      ],
      approved_by: P.maria.email,
      approved_on: '2025-04-01',
    },
    [
      ['Change windows', 'Tuesdays 19:00 to 22:00.'],
      ['Maintenance windows', 'First Sunday of the month, 06:00 to 10:00.'],
      ['Key business events', 'No changes in the week before Christmas or at year end.'],
    ],
  ),
);
const FBS = [
  ['FB-0001', 'Quick help with the till PC', 'compliment', '2025-05-03T10:00:00Z', 'Bluebell Bakery', 'closed', ['SVC-0001']],
  ['FB-0002', 'Mail was slow after the migration', 'complaint', '2025-05-09T15:00:00Z', 'Kessler Legal', 'closed', ['SVC-0002']],
  ['FB-0003', 'Please send the monthly report earlier', 'comment', '2025-09-02T09:00:00Z', 'Kessler Legal', 'closed', ['SVC-0004']],
  ['FB-0004', 'Thanks for the fast DNS fix', 'compliment', '2026-02-12T08:30:00Z', 'Bluebell Bakery', 'closed', ['SVC-0002']],
  ['FB-0005', 'VPN disconnects are frustrating', 'complaint', '2026-06-16T11:00:00Z', 'Kessler Legal', 'responded', ['SVC-0004']],
  ['FB-0006', 'Would like MFA on all accounts', 'comment', '2026-10-15T14:00:00Z', 'Kessler Legal', 'acknowledged', ['SVC-0002']],
];
const fbPath = (id, t) => `feedback/${id}-${slug(t)}.md`;
for (const [id, title, kind, received, company, handling, svcs] of FBS) {
  const data = {
    id,
    type: 'feedback',
    title,
    status: received < '2026-10-01' ? 'maintained' : 'updated',
    kind,
    received,
    handling,
    client_company: company,
    contact: company === 'Kessler Legal' ? 'office@kessler-legal.example' : 'sam@bluebell.example',
    recorded_by: P.priya.email,
    services: svcs,
  };
  if (handling === 'closed') data.closed = addHours(received, 48);
  put(
    fbPath(id, title),
    doc(data, [
      ['Comment', `${title}.`],
      ['Investigation and response', handling === 'closed' ? 'Answered and closed with the customer.' : 'Answered; follow-up open.'],
    ]),
  );
}
put(
  'reports/performance/PR-0001-bluebell-bakery-2026-q3.md',
  doc(
    {
      id: 'PR-0001',
      type: 'performance-report',
      title: 'Service performance Bluebell Bakery, Q3 2026',
      status: 'approved',
      version: '1.0',
      owner: P.priya.email,
      period_start: '2026-07-01',
      period_end: '2026-09-30',
      agreements: ['SLA-0001'],
      approved_by: P.priya.email,
      approved_on: '2026-10-05',
    },
    [
      ['Performance', 'All incidents were resolved within target except INC-0021 (P3, 44 h against 40 h).'],
      ['Previous actions', 'Off-site backups (RFC-0005) in place since August 2025.'],
      ['Proposed actions', 'Replace the backup server fans before winter.'],
    ],
  ),
);
put(
  'reports/improvement/IR-0001-2025-2026.md',
  doc(
    {
      id: 'IR-0001',
      type: 'improvement-report',
      title: 'Improvement report 2025/2026',
      status: 'approved',
      version: '1.0',
      owner: P.maria.email,
      period_start: '2025-10-01',
      period_end: '2026-09-30',
      actions: [
        { id: 'A1', action: 'Introduce multi-factor authentication', owner: P.priya.email, due: '2026-12-31', status: 'in-progress' },
        { id: 'A2', action: 'Quarterly restore tests', owner: P.tom.email, due: '2026-06-30', status: 'done' },
        { id: 'A3', action: 'Hire a second practitioner', owner: P.maria.email, due: '2026-03-31', status: 'done' },
      ],
      approved_by: P.maria.email,
      approved_on: '2026-10-20',
    },
    [
      ['Customer view', 'Both customers rate the services 4 out of 5; VPN stability is the main complaint.'],
      ['Provider view', 'The change procedure works; incident records are complete; restore tests found one failure.'],
      ['Improvement actions', 'See the actions in the front matter.'],
      ['Security improvements', 'Multi-factor authentication for all users (RFC-0009).'],
    ],
  ),
);

// --- history of the rest, in date order -----------------------------------------------------------
const events = [];
const ev = (date, who, message, steps) => events.push({ date, author: who, message, steps });
for (const [id, title, , , , stages, , , extra] of RFCS) {
  const p = rfcPath(id, title);
  stages.forEach(([date, who, status], i) => {
    const last = i === stages.length - 1;
    ev(
      date,
      who,
      i === 0 ? `Request ${id}: ${title}` : `${status === 'updated' ? 'Deployed' : status[0].toUpperCase() + status.slice(1)} ${id}`,
      [last ? final(p) : stage(p, status, rfcDrop(status, extra))],
    );
  });
}
for (const [id, title, , , , opened, hours, resolver, status] of INCS) {
  const p = incPath(id, title);
  ev(addHours(opened, 0.25), resolver, `Open ${id}: ${title}`, [status === 'opened' ? final(p) : stage(p, 'opened', INC_OPEN_DROP)]);
  if (status === 'updated') ev(addHours(opened, 3), resolver, `Investigate ${id}`, [final(p)]);
  if (hours !== null) {
    ev(addHours(opened, hours), resolver, `Resolve ${id}`, [stage(`${p}`, 'updated', ['closed', 'confirmed_by'])]);
    ev(addHours(opened, hours + 20), resolver, `Close ${id} (confirmed by the customer)`, [final(p)]);
  }
}
for (const [rfcId, sd, bld, tr, what, , dDesign, dBuild, dTest] of dbt) {
  ev(`${dDesign}T09:00:00Z`, 'jonas', `Design for ${rfcId}`, [stage(`changes/designs/${sd}-${slug(what)}.md`, 'draft', APPROVAL)]);
  ev(`${dDesign}T16:00:00Z`, 'tom', `Approve the design for ${rfcId}`, [final(`changes/designs/${sd}-${slug(what)}.md`)]);
  ev(`${dBuild}T17:00:00Z`, 'jonas', `Build for ${rfcId}`, [
    stage(`changes/builds/${bld}-${slug(what)}.md`, 'initial', [...APPROVAL, 'test_report']),
  ]);
  ev(`${dTest}T15:00:00Z`, 'jonas', `Test report for ${rfcId}`, [final(`changes/tests/${tr}-${slug(what)}.md`)]);
  ev(`${dTest}T16:00:00Z`, 'tom', `Build for ${rfcId} is final`, [final(`changes/builds/${bld}-${slug(what)}.md`)]);
}
ev('2025-03-31T10:00:00Z', 'tom', 'Start the change schedule', [stage('changes/change-schedule.md', 'draft', [...APPROVAL, 'changes'])]);
ev('2025-04-01T10:00:00Z', 'maria', 'Approve the change schedule', [stage('changes/change-schedule.md', 'approved', ['changes'])]);
ev('2026-10-27T12:00:00Z', 'tom', 'Schedule RFC-0007 and RFC-0011', [final('changes/change-schedule.md')]);
for (const [id, title, , received] of FBS) {
  const p = fbPath(id, title);
  ev(addHours(received, 1), 'priya', `Log feedback ${id}`, [received < '2026-10-01' ? stage(p, 'updated', ['closed']) : final(p)]);
}
ev(
  '2026-10-01T09:00:00Z',
  'priya',
  'Review the feedback log',
  FBS.filter((f) => f[3] < '2026-10-01').map(([id, t]) => final(fbPath(id, t))),
);
ev('2026-09-29T09:00:00Z', 'priya', 'Draft the Q3 performance report for Bluebell Bakery', [
  stage('reports/performance/PR-0001-bluebell-bakery-2026-q3.md', 'draft', APPROVAL),
]);
ev('2026-10-05T10:00:00Z', 'priya', 'Approve the Q3 performance report', [final('reports/performance/PR-0001-bluebell-bakery-2026-q3.md')]);
ev('2026-10-13T09:00:00Z', 'maria', 'Draft the improvement report 2025/2026', [
  stage('reports/improvement/IR-0001-2025-2026.md', 'draft', APPROVAL),
]);
ev('2026-10-20T15:00:00Z', 'maria', 'Approve the improvement report after the management review', [
  final('reports/improvement/IR-0001-2025-2026.md'),
]);
ev('2025-06-02T09:00:00Z', 'maria', 'Roles: Lea joins as practitioner', [
  {
    path: 'governance/roles.md',
    status: 'updated',
    drop: [],
    set: {
      version: '1.1',
      approved_on: '2025-06-02',
      people: people.map((x) => (x.email === P.jonas.email ? { ...x, practitioner_areas: ['change'] } : x)),
    },
  },
]);
ev('2025-11-03T09:00:00Z', 'maria', 'Roles: Jonas also handles incidents', [final('governance/roles.md')]);
ev('2026-01-19T11:00:00Z', 'maria', 'Yearly review of the policy, plan and scope', [
  final('governance/policy.md'),
  final('governance/scope.md'),
]);

// The yearly review (January 2026) records reviewed_on on every document with a review interval.
const REVIEW_DATE = '2026-01-19';
const REVIEWED = [
  'governance/business-goals.md',
  'governance/customer-experience-approach.md',
  'governance/roles.md',
  'procedures/document-procedure.md',
  'procedures/change-procedure.md',
  'procedures/secure-component-procedure.md',
  ...SERVICES.map(([id, t]) => svcPath(id, t)),
];
for (const p of REVIEWED) {
  const text = files.get(p);
  files.set(
    p,
    text.replace(/^approved_on: .*$/m, (line) => `${line}\nreviewed_on: "${REVIEW_DATE}"`),
  );
}
for (const e of [...commits, ...events]) {
  if (e.date >= REVIEW_DATE) continue;
  e.steps = e.steps.map((st) => (REVIEWED.includes(st.path) ? { ...st, drop: [...(st.drop ?? []), 'reviewed_on'] } : st));
}
ev(`${REVIEW_DATE}T11:30:00Z`, 'maria', 'Yearly review of the governance documents, procedures and catalogue', REVIEWED.map(final));

events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
const all = [...commits, ...events].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));

// Every file's last step must leave it in its final state.
const lastStep = new Map();
for (const c of all) for (const s of c.steps) lastStep.set(s.path, s);
for (const [p] of files) {
  const s = lastStep.get(p);
  if (!s) throw new Error(`no commit adds ${p}`);
  if (s.status || s.set || s.drop?.length) throw new Error(`last commit of ${p} is not its final state`);
}

rmSync(path.join(root, 'files'), { recursive: true, force: true });
for (const [p, text] of files) {
  const abs = path.join(root, 'files', p);
  mkdirSync(path.dirname(abs), { recursive: true });
  writeFileSync(abs, text);
}
const history = {
  organisation: ORG,
  people: P,
  commits: all.map((c) => ({
    date: c.date,
    author: c.author,
    message: c.message,
    steps: c.steps.map((s) => ({
      path: s.path,
      ...(s.status ? { status: s.status } : {}),
      ...(s.drop?.length ? { drop: s.drop } : {}),
      ...(s.set ? { set: s.set } : {}),
    })),
  })),
};
writeFileSync(
  path.join(root, 'history.yaml'),
  `# Backdated history of the sample organisation, replayed by "sms init --sample".\n# Each step writes files/<path>, with its status set and the listed fields dropped when given.\n${stringify(history, { lineWidth: 0 })}`,
);
console.log(`sample-sms: ${files.size} files, ${all.length} commits`);
