// Governance (GO), the catalogue and the agreements (RE) of the sample organisation, approved in the
// order their inputs require: goals, scope, roles, policy, customer experience approach, document
// procedure, catalogue, change procedure, agreements.
import { APPROVAL, C, HOLIDAYS, P, commit, doc, final, put, stage, table } from './lib.mjs';

export const ORG = 'Harbour Lane IT';

// --- repository files ------------------------------------------------------------------------------
put(
  'sms.config.yaml',
  `# sms configuration: see "Configuration" in the sms README.
organisation: ${ORG}
timezone: Europe/Berlin

rules:
  review-overdue: warn
  agreement-expired: warn
  unknown-person: warn
  joint-approval: error

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
  'README.md',
  `# ${ORG}: service management system (sample)

A fictional managed service provider of five people in Hamburg, kept as an SMS repository for
\`sms\`: two customers (Bluebell Bakery and Kessler Legal), four services, two suppliers (CloudMail
and FibreNet), and two years of records from January 2025 to November 2026, committed by the people
in \`governance/roles.md\`.

What to read first:

| Where | What it shows |
|---|---|
| \`governance/\` | goals, scope, roles, the policy and SMS plan (objectives as data), the customer experience approach |
| \`procedures/change-procedure.md\` | change types, and the pre-approved change models each proven by one full pass |
| \`changes/\` | change requests with design, build, test report, schedule entry and post-implementation review |
| \`incidents/\`, \`problems/\` | incidents with cause, restoration and confirmation; three major incidents and their problem records |
| \`reports/\` | quarterly and monthly performance reports per agreement, supplier reports, two improvement reports |
| \`reviews/\`, \`audits/\`, \`nonconformities/\`, \`risks/\`, \`people/training/\` | management reviews, an internal audit, corrective actions, the risk register, training records |

Try:

\`\`\`sh
sms validate --history     # every status change and approval in history is checked
sms log RFC-0003           # the timeline of an emergency change
sms log ROLES              # the roles document: the bootstrap, then each re-approval
sms report review --since 2025-10-01 --until 2026-09-30
sms report audit
\`\`\`

## One deliberate violation to try

RFC-0015 (upgrade the firewall firmware) is approved and scheduled. Change its scope and commit the
edit as Jonas, who is a practitioner, without sending it back to \`draft\`:

\`\`\`sh
sed -i 's/during the change window/during office hours/' changes/RFC-0015-upgrade-the-kessler-legal-firewall-to-firmware-7-2-4.md
git -c user.name="Jonas Weber" -c user.email=jonas@harbourlane.example commit -am "Tweak RFC-0015"
sms validate --history     # modified-after-approval: approved content changed without re-approval
\`\`\`

Or try to approve RFC-0018 as Jonas: \`sms set-status RFC-0018 approved --as "Jonas Weber <jonas@harbourlane.example>"\`
is refused, because only a Control Manager (CM) may approve a change request.
`,
);

// --- people and roles --------------------------------------------------------------------------------
const staff = [
  { name: P.maria.name, email: P.maria.email, roles: ['SM', 'MGT'] },
  { name: P.tom.name, email: P.tom.email, roles: ['CM'] },
  { name: P.priya.name, email: P.priya.email, roles: ['IM', 'RM'] },
  { name: P.jonas.name, email: P.jonas.email, roles: ['PT'], practitioner_areas: ['change', 'incident'] },
];
const lea = { name: P.lea.name, email: P.lea.email, roles: ['PT'], practitioner_areas: ['change', 'incident'] };
const contacts = ['sam', 'eva', 'helena', 'markus', 'anna', 'piet'].map((k) => ({
  name: C[k].name,
  email: C[k].email,
  roles: [C[k].role],
  organisation: C[k].org,
}));
const peopleV10 = staff;
const peopleV11 = [...staff, ...contacts];
const peopleV12 = [...staff, lea, ...contacts];

const ROLES = 'governance/roles.md';
const JONAS_ONLY =
  '- **Jonas Weber**: practitioner (PT). Designs, builds and tests changes (never building and testing the same change), and\n  resolves incidents.';
const BOTH_PT =
  '- **Jonas Weber** and **Lea Fischer**: practitioners (PT). Design, build and test changes (never the same person building\n  and testing one change), and resolve incidents.';
/** The responsibilities as they stood: with Lea, with the customer and supplier contacts, with the internal auditor. */
const rolesText = ({ lea, contacts, auditor }) =>
  [
    `- **Maria Santos**, managing director: Service Manager (SM) and Management (MGT). Leads the SMS, approves the policy, the
  agreements and the reports, and chairs the management review.
- **Tom Becker**: Control Manager (CM). Approves or rejects change requests, keeps the change schedule and the
  configuration records, and approves deployment after testing. Never designs, builds or tests a change himself.
- **Priya Nair**: Incident Manager (IM) and Relationship Manager (RM). Coordinates major incidents and problem records,
  owns the catalogue, the agreements and the feedback log, and writes the performance reports. Does not resolve
  incidents herself.${auditor ? ' Internal auditor for governance (GO) and service control (CO) since May 2026.' : ''}`,
    lea ? BOTH_PT : JONAS_ONLY,
    contacts
      ? `- Customer contacts (CUS) report incidents, request changes and sign their agreement: Sam Clarke (owner) and Eva Brandt
  (office and shop manager) for Bluebell Bakery; Dr. Helena Kessler (managing partner) and Markus Roth (office
  manager) for Kessler Legal.
- Supplier contacts (SUP) sign the underpinning agreements and receive escalations: Anna Lenz (CloudMail account
  manager) and Piet de Vries (FibreNet business sales).

Customer and supplier contacts are listed for their roles only; write access to this repository is for the staff (see the
document procedure).`
      : '',
  ]
    .filter(Boolean)
    .join('\n');
const trainingText = ({ lea, contacts, auditor, records }) =>
  records
    ? `| Person | Role | Training need | Record |
|---|---|---|---|
| Maria Santos | SM, MGT | ISO/IEC 20000-1 foundation; ISO/IEC TR 29110-5-3 service manager | TRN-0001 |
| Tom Becker | CM | Change and configuration management (FitSM foundation) | TRN-0005 |
| Priya Nair | IM, RM | Incident and major-incident management; personal-data breaches as a processor${auditor ? '; internal auditor' : ''} | TRN-0006${auditor ? ', TRN-0014' : ''} |
| Jonas Weber | PT | The procedures and sms; firewall and VPN administration | TRN-0002, TRN-0012 |
| Lea Fischer | PT | On-boarding (shadowing Jonas); firewall and VPN cross-training | TRN-0011, TRN-0013 |
| Customer contacts | CUS | How to report incidents, what the priorities mean, how to request a change | TRN-0007 to TRN-0010 |
| Supplier contacts | SUP | Our escalation path and major-incident contacts | TRN-0003, TRN-0004 |

Every person who holds a role has a training record under \`people/training/\` before or soon after taking the role.`
    : [
        '- Maria Santos: ISO/IEC 20000-1 foundation (February 2025).',
        '- Tom Becker: change and configuration management, FitSM foundation (March 2025).',
        '- Priya Nair: incident and major-incident management; personal-data breaches as a processor (March 2025).',
        '- Jonas Weber: on-boarding to the procedures and sms (March 2025); firewall and VPN certification (2025).',
        lea ? '- Lea Fischer: on-boarding by shadowing Jonas (June 2025).' : '',
        contacts ? '- Customer and supplier contacts: a briefing on how to report incidents and escalate (March 2025).' : '',
        '\nEach completed training gets a training record under `people/training/`.',
      ]
        .filter(Boolean)
        .join('\n');
const rolesSections = (o) => ({ Responsibilities: rolesText(o), 'Training and development': trainingText(o) });

put(
  ROLES,
  doc(
    {
      id: 'ROLES',
      type: 'roles',
      title: 'Roles of Harbour Lane IT',
      status: 'updated',
      version: '1.3',
      owner: P.maria.email,
      people: peopleV12,
      approved_by: P.maria.email,
      approved_on: '2026-05-18',
      reviewed_on: '2026-01-19',
    },
    [
      ['Responsibilities', rolesText({ lea: true, contacts: true, auditor: true })],
      ['Training and development', trainingText({ lea: true, contacts: true, auditor: true, records: true })],
    ],
  ),
);

// --- business goals and scope ----------------------------------------------------------------------
const GOALS = 'governance/business-goals.md';
put(
  GOALS,
  doc(
    {
      id: 'GOALS',
      type: 'business-goals',
      title: 'Business goals of Harbour Lane IT 2025–2027',
      status: 'approved',
      version: '1.0',
      owner: P.maria.email,
      goals: [
        'Be the IT partner that small businesses in Hamburg trust with their daily work and their data',
        'Grow without losing the personal service that keeps customers',
      ],
      objectives: [
        'Four managed customers by the end of 2027 (two in January 2025)',
        'Renew every customer agreement at the end of its term',
        'No customer loses data through an incident we are responsible for',
        'Run the SMS to ISO/IEC TR 29110-5-3 and be ready for an ISO/IEC 20000-1 audit in 2027',
      ],
      source_ref: 'Business plan 2025–2027, adopted by the shareholders on 2024-12-12',
      approved_by: P.maria.email,
      approved_on: '2025-01-10',
      reviewed_on: '2026-01-19',
    },
    [
      [
        'Goals',
        'Harbour Lane IT looks after the IT of small businesses (up to 50 staff) in Hamburg: workplaces, e-mail, backups and\nnetworks. We want to be the partner they trust with their daily work and with their data, and to grow without losing\nthe personal service that keeps our customers.',
      ],
      [
        'Objectives',
        '- Four managed customers by the end of 2027 (two in January 2025).\n- Renew every customer agreement at the end of its term.\n- No customer loses data through an incident we are responsible for.\n- Run the SMS to ISO/IEC TR 29110-5-3 and be ready for an ISO/IEC 20000-1 audit in 2027.\n\nThe goals come from the business plan 2025–2027 that the shareholders adopted on 12 December 2024.',
      ],
    ],
  ),
);

const SCOPE = 'governance/scope.md';
put(
  SCOPE,
  doc(
    {
      id: 'SCOPE',
      type: 'scope',
      title: 'Service delivery scope',
      status: 'approved',
      version: '1.0',
      owner: P.maria.email,
      services: ['SVC-0001', 'SVC-0002', 'SVC-0003', 'SVC-0004'],
      customers: ['Bluebell Bakery', 'Kessler Legal'],
      approved_by: P.maria.email,
      approved_on: '2025-01-15',
      reviewed_on: '2026-01-19',
    },
    [
      [
        'Services offered',
        'Managed workplace (SVC-0001), e-mail and collaboration (SVC-0002), backup and restore (SVC-0003) for both customers, and\nnetwork and VPN (SVC-0004) for Kessler Legal. Both current customers, Bluebell Bakery and Kessler Legal, are in scope; each\nconfirmed the list of its services in the scoping call (Sam Clarke on 2025-01-13, Markus Roth on 2025-01-14).',
      ],
      [
        'Boundaries',
        "- Customers: businesses with up to 50 users in Hamburg, served from our office at Quay Street 4.\n- Locations: the customers' premises, our office (backup server), and the EU data centres of CloudMail.\n- Legal: we process personal data on behalf of our customers under a data processing agreement (GDPR Art. 28); customer\n  data stays in the EU.",
      ],
      [
        'Technology',
        "Windows 11 laptops and desktops, hosted mail, calendars and files (moving to a CloudMail tenant in spring 2025) and the\ncustomers' DNS zones, our backup server, and at Kessler Legal a firewall with VPN, switches, Wi-Fi access points and\nthe internet line.",
      ],
      [
        'Exclusions',
        "Line-of-business applications (the bakery's till software, the law firm's case management system), printers and\ncopiers, telephony, and the bakery's web shop, which its agency hosts (we look after its DNS records only).",
      ],
    ],
  ),
);

// --- policy and SMS plan ---------------------------------------------------------------------------
const POLICY = 'governance/policy.md';
const objectivesV10 = [
  { id: 'AVAIL', text: 'Every service available at least 99.5% of its service hours in each month', measure: 'availability', target: 99.5 },
  {
    id: 'RESOLVE',
    text: 'At least 90% of incidents resolved within the resolution time their agreement sets',
    measure: 'resolution-compliance',
    target: 90,
  },
  {
    id: 'RESPOND',
    text: 'At least 95% of incidents answered within the response time their agreement sets',
    measure: 'response-compliance',
    target: 95,
  },
  { id: 'SATISFY', text: 'Average customer satisfaction of at least 4 out of 5', measure: 'satisfaction', target: 4 },
  { id: 'CHANGES', text: 'At least 90% of deployed changes successful', measure: 'changes-successful', target: 90 },
];
const objectivesV11 = [
  ...objectivesV10,
  { id: 'NC-ON-TIME', text: 'Every nonconformity closed by its due date', measure: 'nonconformities-closed-on-time', target: 100 },
];
const securityV10 = `Confidentiality, integrity and availability are protected by:
- Physical: the backup server in a locked rack in our office; customer equipment in locked cabinets.
- Technical: full-disk encryption (BitLocker with PIN) on every laptop; encrypted nightly backups; the customers' firewall
  managed by us; administrator accounts separate from everyday accounts; patches within 14 days, critical security
  advisories within 48 hours.
- Administrative: least privilege; a data processing agreement with each customer; incidents involving personal data are
  reported to the customer (the controller) within 24 hours of discovery.

Multi-factor authentication is not in place for customer accounts yet.`;
const securityV11 = `Confidentiality, integrity and availability are protected by:
- Physical: the backup server in a locked rack in our office; customer equipment in locked cabinets.
- Technical: full-disk encryption (BitLocker with PIN) on every laptop; encrypted nightly backups with an off-site copy
  that cannot be deleted for 30 days (RFC-0005); multi-factor authentication on every CloudMail account since
  2026-02-10 (RFC-0008), except the bakery's shop kiosk account, which can sign in only from the shop's internet
  address; the customers' firewall managed by us; administrator accounts separate from everyday accounts; patches within
  14 days, critical security advisories within 48 hours.
- Administrative: least privilege; a data processing agreement with each customer; incidents involving personal data are
  reported to the customer (the controller) within 24 hours of discovery.`;
const reportingV10 = `- A service performance report per customer agreement at the cadence the agreement sets (quarterly unless it says
  otherwise), sent within 10 working days after the period; a supplier performance report each quarter for both supplier
  agreements. Each report is drafted by the Relationship Manager and approved by the Service Manager.
- An improvement report every year (October to September), approved by management in the management review.
- Objectives are measured with \`sms report review\`; internal audits follow a yearly programme set by the management
  review.`;
const reportingV11 = `- A service performance report per customer agreement at the cadence the agreement sets: quarterly for Bluebell Bakery,
  monthly for Kessler Legal since April 2026. Each is sent within 10 working days after the period. A supplier
  performance report each quarter covers both supplier agreements. Reports are drafted by the Relationship Manager and
  approved by the Service Manager.
- An improvement report every year (October to September), approved by management in the management review.
- Objectives are measured with \`sms report review\`; internal audits follow a yearly programme set by the management
  review (AUD-0001 covered governance and service control in 2026; service relationship and incidents follow in 2027).`;
const policySections = (v11) => [
  [
    'Document control',
    `Owner: Maria Santos (SM). Approved by the Service Manager; reviewed at least once a year and after every management
review. Version ${v11 ? '1.1 (2026-03-16): MFA in force, monthly reports for Kessler Legal, nonconformity objective' : '1.0 (2025-01-27): first issue'}.
The change history is the Git history of this file.`,
  ],
  [
    'Purpose, users and references',
    'This policy and plan direct how Harbour Lane IT delivers its managed IT services: what we promise, how we measure it\nand how we improve. Its users are our staff, our customers and our suppliers. References: ISO/IEC TR 29110-5-3 (the\nprocesses and work products we follow), FitSM-2 and ISO/IEC 20000-1 (for the records beyond them), the business goals\n(GOALS) and the scope (SCOPE).',
  ],
  ['Scope', 'As in the scope document (SCOPE): four services for Bluebell Bakery and Kessler Legal, delivered from Hamburg.'],
  [
    'Measurable objectives',
    `The objectives are data in the front matter, each with the measure \`sms\` computes and its target:

${table(
  ['Id', 'Objective', 'Target'],
  (v11 ? objectivesV11 : objectivesV10).map((o) => [o.id, o.text, String(o.target)]),
)}`,
  ],
  [
    'Requirements and obligations',
    v11
      ? 'The customer agreements (SLA-0001, SLA-0002) and their data processing agreements, the supplier agreements (UA-0001\nCloudMail, UA-0002 FibreNet), the GDPR (we are a processor; our customers are controllers), and the professional secrecy\nof our law-firm customer, which its staff and ours keep under their confidentiality undertakings.'
      : 'The customer agreements with Bluebell Bakery and Kessler Legal and their data processing agreements (to be signed by\nApril 2025), the supplier agreements with CloudMail and FibreNet, the GDPR (we are a processor; our customers are\ncontrollers), and the professional secrecy of our law-firm customer, which its staff and ours keep under their\nconfidentiality undertakings.',
  ],
  ['Limitations', 'Five staff: on-site support in Hamburg only; outside service hours only P1 incidents are handled (on call by phone).'],
  [
    'Roles',
    'As in the roles document (ROLES). The Control Manager is never the Incident Manager, and no manager does the practitioner\nwork of their own area: changes are designed, built and tested by practitioners, never by the Control Manager, and the\ntester of a change is never its builder.',
  ],
  [
    'Resources',
    v11
      ? 'Five staff (four until Lea Fischer joined on 2025-06-02), a training budget of five days per person per year, a spare pool\nof two laptops and one power supply per customer desktop model, our backup server, this repository and `sms`.'
      : 'Four staff and a second practitioner to be hired in spring 2025, a training budget of five days per person per year, a\nspare pool of two laptops and one power supply per customer desktop model, our backup server, this repository and `sms`.',
  ],
  [
    'Processes in scope',
    'Governance (GO, owner Maria), Service Control (CO, owner Tom), Service Relationship (RE, owner Priya) and Service\nIncident (IN, owner Priya), with problem records for major and recurring incidents, a risk register, internal audits and\nmanagement reviews.',
  ],
  [
    'Process interfaces',
    'Incidents that need a mitigation or a permanent fix raise a change request (IN.1.3, IN.2.5); major and recurring\nincidents get a problem record. Deployed changes update the configuration records and, where a service changes, the\ncatalogue. Feedback and performance reports feed the improvement report and the management review.',
  ],
  [
    'Processes run by other parties',
    v11
      ? 'Mail hosting, DNS hosting and, since August 2025, off-site backup storage are run by CloudMail (UA-0001); the internet\nline of Kessler Legal by FibreNet (UA-0002). We keep control through the agreements, the quarterly supplier performance\nreport and a yearly review with each supplier.'
      : 'Mail and DNS hosting will be run by CloudMail and the internet line of Kessler Legal by FibreNet, each under a supplier\nagreement. We keep control through the agreements, the quarterly supplier performance report and a yearly review with\neach supplier.',
  ],
  [
    'Policy essentials',
    `Priorities (used for incidents and changes):

| Priority | Impact | Response | Resolution |
|---|---|---|---|
| P1 | a service is down for a whole customer, or a security incident is in progress | 1 h, around the clock | 4 h, around the clock |
| P2 | a service is degraded for many users, or down for one user who cannot work | 2 service hours | 8 service hours |
| P3 | one user affected, a workaround exists | 8 service hours | 40 service hours |
| P4 | a question or a cosmetic fault | 24 service hours | 120 service hours |

Incident classification: hardware, software, configuration, capacity, security, supplier, user-error.

Changes are pre-approved, emergency or normal as the change procedure (CHGPROC) defines them. The catalogue is drafted by
the Relationship Manager and approved by the Service Manager. Standard messages: an e-mail when an incident is opened and
when it is resolved (with a request to confirm); for P1 incidents an update at least every hour; a notice three working
days before every change that interrupts a service.

${v11 ? securityV11 : securityV10}`,
  ],
  [
    'Risk management',
    'Risks to the services are recorded in the risk register (`risks/`, RISK-…), each with likelihood and impact from 1 to 5,\nan owner, a treatment and a next review date. A rating (likelihood × impact) of 12 or more is treated within three months,\n6 to 11 within a year; below 6 the Service Manager may accept it. The register is reviewed at every management review and\nwhenever an incident, a problem or a change shows a new risk.',
  ],
  ['Measurement, reporting and audit', v11 ? reportingV11 : reportingV10],
  [
    'Management review and improvement',
    'Once a year in October, chaired by Maria Santos, with the improvement report, `sms report review` and the open actions of\nthe previous review as input. Its minutes (MR-…) record decisions and actions with owners and due dates; open actions are\ncarried to the next review until they are done.',
  ],
  ['Tools', 'This Git repository and `sms`; the service mailbox and phone line; the monitoring server; the device management console.'],
  [
    'Plan changes and validity',
    'Anyone may propose a change to this policy; the Service Manager approves it. The policy is reviewed at least once a year.',
  ],
];
put(
  POLICY,
  doc(
    {
      id: 'POLICY',
      type: 'policy',
      title: 'Service delivery policy and SMS plan',
      status: 'updated',
      version: '1.1',
      owner: P.maria.email,
      objectives: objectivesV11,
      approved_by: P.maria.email,
      approved_on: '2026-03-16',
      reviewed_on: '2026-10-15',
    },
    policySections(true),
  ),
);
const policyV10Sections = Object.fromEntries(policySections(false).map(([h, t]) => [h, t]));

// --- customer experience approach, document procedure -----------------------------------------------
const CEA = 'governance/customer-experience-approach.md';
put(
  CEA,
  doc(
    {
      id: 'CEA',
      type: 'customer-experience-approach',
      title: 'Customer experience approach',
      status: 'approved',
      version: '1.0',
      owner: P.priya.email,
      experience_measurement: [
        'A satisfaction score (1 to 5) and a comment asked for in the closing e-mail of every P1 and P2 incident',
        'A satisfaction score asked for in the yearly review of each customer agreement',
        'Compliments, complaints and comments recorded whenever they come, by phone, e-mail or in person',
      ],
      approved_by: P.maria.email,
      approved_on: '2025-02-03',
      reviewed_on: '2026-01-19',
    },
    [
      [
        'Measuring customer experience',
        "- The closing e-mail of every P1 and P2 incident asks for a score from 1 (very dissatisfied) to 5 (very satisfied) and a\n  comment; each answer is a feedback entry with `satisfaction`.\n- The yearly review of each customer agreement asks the customer's signatory for a score.\n- The average score is the policy objective SATISFY (target 4).",
      ],
      [
        'Handling steps',
        'Receive; acknowledge within one working day; record as a feedback entry (`sms new feedback`); investigate; respond; escalate\nto the Service Manager when the customer is not satisfied with the response or a complaint is open for more than ten working\ndays; close once the customer accepts the outcome. The Relationship Manager reviews the log before each management review\n(the entries move from `updated` to `maintained`).',
      ],
      [
        'Log entry fields',
        'Who (contact and company, or supplier), any special needs (language, accessibility), the comment, when it was received,\nthe services concerned, the satisfaction score if given, the handling state, the investigation outcome and who signed it\noff.',
      ],
    ],
  ),
);

const DOCPROC = 'procedures/document-procedure.md';
put(
  DOCPROC,
  doc(
    {
      id: 'DOCPROC',
      type: 'document-procedure',
      title: 'Data and document management procedure',
      status: 'approved',
      version: '1.0',
      owner: P.tom.email,
      location: 'This Git repository, hosted privately, mirrored nightly to the backup server',
      approved_by: P.maria.email,
      approved_on: '2025-02-04',
      reviewed_on: '2026-01-19',
    },
    [
      [
        'Versioning',
        'Every document has an id, a version and a status; Git keeps every earlier version and who changed it. Approvals are\ncommits by the approver (`sms set-status … --commit`); `sms validate --history` checks them in CI on every push.',
      ],
      [
        'Storage and location',
        'This repository, hosted privately. Write access: the five staff in the roles document. Customer and supplier contacts are\nlisted in the roles document for their roles, not for access; they receive reports and agreements as PDF. Signed\nagreements and certificates are kept as PDF in the contracts folder of the file store, referenced from the documents.',
      ],
      [
        'Change controls',
        'Changes are made on a branch and merged after `sms validate` passes; approved documents are changed only by taking them\nback to draft (or, where the lifecycle allows it, by a re-approval).',
      ],
      [
        'Backup and retention',
        'The repository is mirrored nightly to the backup server and from there to the off-site copy. Records are kept for seven\nyears after the end of the customer relationship; incident records with personal data for three years.',
      ],
    ],
  ),
);

// --- catalogue ------------------------------------------------------------------------------------------
export const TARGETS = {
  P1: { response_hours: 1, resolution_hours: 4, clock: '24x7' },
  P2: { response_hours: 2, resolution_hours: 8 },
  P3: { response_hours: 8, resolution_hours: 40 },
  P4: { response_hours: 24, resolution_hours: 120 },
};
const targetTable = table(
  ['Priority', 'Response', 'Resolution', 'Clock'],
  Object.entries(TARGETS).map(([p, t]) => [
    p,
    `${t.response_hours} h`,
    `${t.resolution_hours} h`,
    t.clock === '24x7' ? '24x7' : 'service hours',
  ]),
);
const SERVICE_HOURS = 'Mon–Fri 08:00–18:00 Europe/Berlin, except public holidays in Hamburg, 24 and 31 December; P1 around the clock';
const qualityText = (
  extra,
) => `Availability target 99.5% of the service hours in each month, the same as in both customer agreements. Response and
resolution targets (identical to SLA-0001 and SLA-0002):

${targetTable}

${extra}Performance is reported per customer agreement, quarterly or monthly as the agreement says.`;

export const SERVICES = [
  {
    id: 'SVC-0001',
    title: 'Managed workplace',
    customers: ['Bluebell Bakery', 'Kessler Legal'],
    description:
      'Laptops and desktops installed from our standard image, patched monthly, encrypted and supported by phone, remotely or on\nsite; the Kessler Legal file server; the spare pool for quick replacements.',
    costs: 'EUR 45 per device per month',
    use: 'Call the service line or write to the service mailbox; new devices and users are requested by e-mail (a pre-approved\nchange where the change procedure lists one).',
    deps: 'None outside Harbour Lane IT; device management console licensed per device.',
  },
  {
    id: 'SVC-0002',
    title: 'E-mail and collaboration',
    customers: ['Bluebell Bakery', 'Kessler Legal'],
    description:
      "Mailboxes, shared mailboxes, calendars and shared files on the CloudMail tenant, the customers' DNS zones, spam and\nphishing filtering.",
    descriptionV2:
      "Mailboxes, shared mailboxes, calendars and shared files on the CloudMail tenant, the customers' DNS zones, spam and\nphishing filtering. Every account signs in with multi-factor authentication (since 2026-02-10).",
    costs: 'EUR 9 per mailbox per month, shared mailboxes free',
    use: 'Mailboxes and shared mailboxes are requested by e-mail (pre-approved change); problems are reported by phone or to the\nservice mailbox.',
    deps: 'Hosted by CloudMail (UA-0001), including DNS hosting.',
  },
  {
    id: 'SVC-0003',
    title: 'Backup and restore',
    customers: ['Bluebell Bakery', 'Kessler Legal'],
    description:
      'Nightly encrypted backups of the office PCs, the file server and the mailboxes to our backup server, kept 30 days;\nrestores on request; a restore test per customer each quarter.',
    descriptionV2:
      'Nightly encrypted backups of the office PCs, the file server and the mailboxes to our backup server, kept 30 days, with\nan off-site copy in CloudMail object storage that cannot be deleted for 30 days (since 2025-08-12); restores on request; a\nrestore test per customer each quarter.',
    costs: 'EUR 60 per customer per month plus EUR 4 per 100 GB',
    use: 'Ask for a restore by phone or e-mail with the file, folder or mailbox and the date to restore from.',
    deps: 'Off-site copy in CloudMail object storage (UA-0001) since August 2025.',
  },
  {
    id: 'SVC-0004',
    title: 'Network and VPN',
    customers: ['Kessler Legal'],
    description: 'Firewall with VPN for remote staff, switches and Wi-Fi at the Kessler Legal office, and management of the internet line.',
    descriptionV2:
      'Firewall with VPN for remote staff, a stacked switch pair and Wi-Fi at the Kessler Legal office (new office since\n2026-03-14), management of the fibre line and an LTE backup line that takes over within a minute when the fibre fails\n(since 2026-04-21).',
    costs: 'EUR 180 per site per month',
    use: 'Report problems by phone; VPN access for a new user is requested by e-mail.',
    deps: 'Internet line from FibreNet (UA-0002); the LTE backup line on a separate mobile contract.',
  },
];
export const svcPath = (s) => `catalogue/${s.id}-${s.title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.md`;
// Final state of each entry: which were updated after a deployment (CO.3.4), by whom and when.
const SVC_FINAL = {
  'SVC-0001': { status: 'approved', version: '1.0' },
  'SVC-0002': { status: 'updated', version: '1.1', approved_by: P.priya.email, approved_on: '2026-02-12' },
  'SVC-0003': { status: 'updated', version: '1.1', approved_by: P.priya.email, approved_on: '2025-08-14' },
  'SVC-0004': { status: 'updated', version: '1.1', approved_by: P.priya.email, approved_on: '2026-04-23' },
};
const svcSections = (s, v2) => [
  ['Description', v2 && s.descriptionV2 ? s.descriptionV2 : s.description],
  ['Service hours', `${SERVICE_HOURS}.`],
  [
    'Quality measures',
    qualityText(s.id === 'SVC-0003' ? 'Restore test: one per customer each quarter, recorded by the Control Manager.\n\n' : ''),
  ],
  ['How to use', s.use],
  ['Dependencies and standards', s.deps],
];
for (const s of SERVICES) {
  const f = SVC_FINAL[s.id];
  put(
    svcPath(s),
    doc(
      {
        id: s.id,
        type: 'service',
        title: s.title,
        status: f.status,
        version: f.version,
        owner: P.priya.email,
        service_hours: SERVICE_HOURS,
        availability_target: 99.5,
        customers: s.customers,
        costs: s.costs,
        approved_by: f.approved_by ?? P.maria.email,
        approved_on: f.approved_on ?? '2025-02-12',
        reviewed_on: '2026-01-19',
      },
      svcSections(s, f.status === 'updated'),
    ),
  );
}
/** The catalogue entry as first approved (before a deployment updated it). */
const svcV1 = (s) => ({ Description: s.description });

// --- change procedure, secure component procedure --------------------------------------------------------
const CHGPROC = 'procedures/change-procedure.md';
// The models as the front matter lists them (rule pre-approved-model), the first n of them.
const preApprovedModels = (n) =>
  [
    { id: 'PA-1', title: 'Mailbox, shared mailbox or distribution list in CloudMail', proven_by: 'RFC-0001', since: '2025-05-13' },
    {
      id: 'PA-2',
      title: 'Laptop or desktop from the standard image for a named user, new or replacement',
      proven_by: 'RFC-0002',
      since: '2025-06-24',
    },
    {
      id: 'PA-3',
      title: 'DNS record change made in the zone repository and reviewed by a second practitioner before it is published',
      proven_by: 'RFC-0011',
      since: '2026-03-12',
    },
  ].slice(0, n);
const preApprovedV = (n) =>
  [
    '- **Pre-approved**: a change that follows a model listed here. A model is added only after one change of its kind has\n  gone through the full normal process (design, build, test, schedule, review) and the Control Manager has proposed it\n  and Maria Santos agreed it for the business. Pre-approved changes still get a change request (the CM approves that it\n  fits the model) and a schedule entry, but no separate design, build or test report.',
    n >= 1
      ? '  - PA-1 Mailbox, shared mailbox or distribution list in CloudMail (proven by RFC-0001; since 2025-05-13).'
      : '  - No model yet (January 2025). Candidates: mailboxes, standard laptops.',
    n >= 2
      ? '  - PA-2 Laptop or desktop from the standard image for a named user, new or replacement (proven by RFC-0002; since 2025-06-24).'
      : '',
    n >= 3
      ? '  - PA-3 DNS record change made in the zone repository and reviewed by a second practitioner before it is published\n    (proven by RFC-0011; since 2026-03-12).'
      : '',
    '- **Emergency**: a change needed at once to restore or protect a vital service (a fix for a P1 incident, a critical\n  security advisory). The CM approves by phone and the approval is recorded in the change request the same day; the\n  post-implementation review happens within three working days.',
    '- **Normal**: every other change. It needs a service design, a build, a published test report performed by someone other\n  than the builder (never the CM), approval to deploy and a schedule entry before it is deployed.',
    n >= 2
      ? '\nCritical vendor security advisories for the firewall or VPN are patched within 48 hours as emergency changes (lesson of\nRFC-0003).'
      : '',
    n >= 3 ? '\nEvery edit of a DNS zone is a change, however small (lesson of INC-0014 and NC-0001).' : '',
  ]
    .filter(Boolean)
    .join('\n');
const chgSections = (n) => [
  ['Change types', preApprovedV(n)],
  [
    'Requesting a change',
    'Anyone, including customer contacts, raises a change request (`sms new change-request`) or asks by phone; the Control\nManager writes up verbal requests. The request states purpose, business impact, scope, risk and rollback.',
  ],
  [
    'Updating the change schedule',
    'Once approved, the CM enters the change in the schedule (SCHEDULE) with its planned date and window, at least one working\nday before deployment (emergency changes: before deployment, on the same day). Changes that interrupt a service go into\nthe Tuesday window (19:00–22:00); changes that interrupt no one (a new device, a mailbox) may be done on any working day.\nKey business events of the customers are kept free of changes.',
  ],
  [
    'Emergency changes',
    'The practitioner calls the CM, who approves by phone; the change request is recorded the same day with the approval, and\nreviewed within three working days of the deployment.',
  ],
  [
    'Design, build and test',
    'Normal changes: a practitioner designs (SD-…, approved by the CM), a practitioner builds (BLD-…), and another practitioner\n(or the customer) tests against the design; the CM publishes the test report (TR-…) and reviews it. The CM never designs,\nbuilds or tests.',
  ],
  [
    'Deployment',
    'Approval to deploy: the CM sets the build to final after reviewing the published test report (CO.3.2). The practitioner\ndeploys in the scheduled window. After the deployment the CM records the date, the outcome (successful, failed,\nbacked-out or partial) and the post-implementation review in the change request, which then moves to `updated`.',
  ],
  [
    'Configuration record update',
    'The practitioner who deployed updates the configuration items the change touched (versions, locations, dates) and names\nthe change request in them; the RM updates the catalogue entry when the service itself changed.',
  ],
  [
    'Removal',
    'Retiring a service or a component is a normal change; the configuration item moves to `retired` with the change request\nthat removed it.',
  ],
];
put(
  CHGPROC,
  doc(
    {
      id: 'CHGPROC',
      type: 'change-procedure',
      title: 'Change procedure',
      status: 'updated',
      version: '1.3',
      owner: P.tom.email,
      approved_by: P.maria.email,
      approved_on: '2026-03-12',
      reviewed_on: '2026-01-19',
      pre_approved_models: preApprovedModels(3),
    },
    chgSections(3),
  ),
);
const chgStage = (n) => ({ 'Change types': preApprovedV(n) });

const SECPROC = 'procedures/secure-component-procedure.md';
put(
  SECPROC,
  doc(
    {
      id: 'SECPROC',
      type: 'secure-component-procedure',
      title: 'Secure component procedure',
      status: 'approved',
      version: '1.0',
      owner: P.tom.email,
      approved_by: P.maria.email,
      approved_on: '2025-02-24',
      reviewed_on: '2026-09-22',
    },
    [
      [
        'Admission rule',
        'Only components that passed their test report are stored as master copies: laptop images, firewall and switch\nconfigurations, DNS zone files, build runbooks. Each master copy names the build (BLD-…) it came from.',
      ],
      [
        'Steps',
        'Master copies live in the component store (an encrypted folder on the backup server, copied off site). Adding, moving,\nmodifying or removing one is done by a practitioner with the build it belongs to; firewall and switch configurations are\nexported after every change.',
      ],
      [
        'Authorization',
        "Every add, move, modify or remove needs the Control Manager's approval, given by setting the build to final. Access to\nthe store: the practitioners and the CM; the spare laptops and the spare power supplies are kept in a locked cabinet in\nour office.",
      ],
    ],
  ),
);

// --- agreements -----------------------------------------------------------------------------------------
const CAL = (from = '08:00', to = '18:00') => ({
  timezone: 'Europe/Berlin',
  days: ['mon', 'tue', 'wed', 'thu', 'fri'],
  from,
  to,
  holidays: HOLIDAYS,
});
const CUSTOMER_SIGNATURE = ['customer_approved_by', 'customer_approved_on', 'customer_approval_ref'];
const SUPPLIER_SIGNATURE = ['supplier_approved_by', 'supplier_approved_on', 'supplier_approval_ref'];

export const SLA1 = 'agreements/customers/SLA-0001-bluebell-bakery.md';
export const SLA2 = 'agreements/customers/SLA-0002-kessler-legal.md';
export const UA1 = 'agreements/suppliers/UA-0001-cloudmail.md';
export const UA2 = 'agreements/suppliers/UA-0002-fibrenet.md';

const slaCommon = {
  type: 'customer-agreement',
  owner: P.priya.email,
  start: '2025-04-01',
  end: '2027-03-31',
  approval_form: 'signature',
  service_hours: SERVICE_HOURS,
  calendar: CAL(),
  availability: 99.5,
  availability_period: 'month',
  targets: TARGETS,
};
const slaTargetsText = `Availability: 99.5% of the service hours of each calendar month, per service, measured from the outages recorded on
incidents. Response and resolution (P1 around the clock, the others in service hours):

${targetTable}

Service credit: 5% of the monthly fee for the affected service when its availability target is missed in a month.`;

put(
  SLA1,
  doc(
    {
      id: 'SLA-0001',
      title: 'Managed IT services for Bluebell Bakery',
      status: 'updated',
      version: '1.1',
      customer: 'Bluebell Bakery',
      customer_contact: C.eva.email,
      ...slaCommon,
      services: ['SVC-0001', 'SVC-0002', 'SVC-0003'],
      review: '2027-02-15',
      reporting: 'quarterly',
      communication_methods: ['service line by phone', 'service mailbox', 'quarterly service report by e-mail', 'yearly review meeting'],
      charging: 'Monthly in advance per device, mailbox and backup volume, as in the catalogue',
      approved_by: P.maria.email,
      approved_on: '2026-03-25',
      reviewed_on: '2026-03-24',
      customer_approved_by: C.sam.email,
      customer_approved_on: '2026-03-24',
      customer_approval_ref: 'Review minutes of 2026-03-24 signed by Sam Clarke (PDF in contracts/bluebell/)',
    },
    [
      [
        'Scope',
        "Managed workplace (the office PC, the till PC and two laptops), e-mail and collaboration, and backup and restore for\nBluebell Bakery's 12 staff at the shop and back office, Fischmarktweg 3. Network and the web shop are not included.",
      ],
      ['Service hours', `${SERVICE_HOURS}. The bakery opens at 06:30; P1 incidents are taken on the on-call line from 06:00.`],
      ['Targets', slaTargetsText],
      [
        'Communication',
        'Incidents by phone or to the service mailbox; an e-mail when an incident is opened and when it is resolved; a service\nperformance report every quarter within 10 working days; a yearly review meeting with the owner.',
      ],
      [
        'Responsibilities',
        "Bluebell Bakery names Eva Brandt as day-to-day contact and Sam Clarke as signatory, gives access to the premises before\n06:30 when needed, and keeps the till software's vendor contract. Harbour Lane IT provides the services, reports on them\nand processes personal data only on Bluebell's instructions (data processing agreement of 2025-03-20).",
      ],
      [
        'Change and incident procedures',
        'New devices and mailboxes are pre-approved changes requested by e-mail; other changes go through a change request\napproved by our Control Manager, announced three working days ahead. No changes from 15 to 24 December (Christmas\ntrade) or in the week before Easter.',
      ],
      [
        'Acceptance and approval',
        'Signed by Sam Clarke for Bluebell Bakery on 2025-03-20 and by Maria Santos on 2025-03-25. Reviewed yearly; the review\nof 2026-03-24 kept the terms and set the next review for February 2027, before renewal.',
      ],
    ],
  ),
);

put(
  SLA2,
  doc(
    {
      id: 'SLA-0002',
      title: 'Managed IT services for Kessler Legal',
      status: 'approved',
      version: '1.1',
      customer: 'Kessler Legal',
      customer_contact: C.markus.email,
      ...slaCommon,
      services: ['SVC-0001', 'SVC-0002', 'SVC-0003', 'SVC-0004'],
      review: '2027-02-15',
      reporting: 'monthly',
      communication_methods: ['service line by phone', 'service mailbox', 'monthly service report by e-mail', 'yearly review meeting'],
      charging: 'Monthly in advance per device, mailbox, backup volume and site, as in the catalogue',
      approved_by: P.maria.email,
      approved_on: '2026-03-12',
      customer_approved_by: C.helena.email,
      customer_approved_on: '2026-03-11',
      customer_approval_ref: 'Amendment 1 signed by Dr. Helena Kessler on 2026-03-11 (PDF in contracts/kessler/)',
    },
    [
      [
        'Scope',
        "Managed workplace (16 laptops and the file server), e-mail and collaboration, backup and restore, and network and VPN for\nKessler Legal's 14 staff at its office (Große Elbstraße 140 since 14 March 2026) and working remotely.",
      ],
      ['Service hours', `${SERVICE_HOURS}. P1 incidents are taken on the on-call line around the clock.`],
      ['Targets', slaTargetsText],
      [
        'Communication',
        'Incidents by phone or to the service mailbox; an e-mail when an incident is opened and when it is resolved, and hourly\nupdates during a P1; a service performance report every month within 10 working days (every quarter until March 2026);\na yearly review meeting with the managing partner.',
      ],
      [
        'Responsibilities',
        "Kessler Legal names Markus Roth as day-to-day contact and Dr. Helena Kessler as signatory, and decides as controller on\nevery personal-data breach we report. Harbour Lane IT provides the services, reports on them, keeps client data\nconfidential under its staff's written undertakings and processes personal data only on Kessler Legal's instructions\n(data processing agreement of 2025-03-24).",
      ],
      [
        'Change and incident procedures',
        'New devices, mailboxes and VPN users are pre-approved changes requested by e-mail; other changes go through a change\nrequest approved by our Control Manager and announced three working days ahead. No changes in the last three working\ndays of the year (year-end closing).',
      ],
      [
        'Acceptance and approval',
        'First signed by Dr. Helena Kessler on 2025-03-24 and by Maria Santos on 2025-03-25. Amendment 1 (monthly reports from\nApril 2026, asked for in FB-0004; the new office address) signed on 2026-03-11 and 2026-03-12; it also served as the\nyearly review.',
      ],
    ],
  ),
);

put(
  UA1,
  doc(
    {
      id: 'UA-0001',
      type: 'supplier-agreement',
      title: 'CloudMail hosting and storage agreement',
      status: 'updated',
      version: '1.2',
      supplier: 'CloudMail',
      supplier_contact: C.anna.email,
      agreement_kind: 'ua',
      owner: P.priya.email,
      services: ['SVC-0002', 'SVC-0003'],
      start: '2025-04-01',
      review: '2027-01-15',
      end: '2027-03-31',
      approval_form: 'signature',
      calendar: CAL('07:00', '19:00'),
      availability: 99.9,
      availability_period: 'month',
      // "99.9% per calendar month, around the clock": the calendar is the P2 and P3 support hours.
      availability_clock: '24x7',
      reporting: 'quarterly',
      targets: {
        P1: { response_hours: 0.5, resolution_hours: 4, clock: '24x7' },
        P2: { response_hours: 2, resolution_hours: 12 },
        P3: { response_hours: 8, resolution_hours: 48 },
      },
      approved_by: P.maria.email,
      approved_on: '2026-02-19',
      reviewed_on: '2026-02-19',
      supplier_approved_by: C.anna.email,
      supplier_approved_on: '2025-07-29',
      supplier_approval_ref: 'CloudMail order CM-2025-0417, amendment A1 of 2025-07-29 (PDF in contracts/cloudmail/)',
    },
    [
      [
        'Scope',
        'CloudMail hosts the mail tenant of both customers (mailboxes, calendars, files, spam filtering), the DNS zones\nbluebell-bakery.example and kessler-legal.example, and since amendment A1 (August 2025) the object storage for our\noff-site backup copy, in its Frankfurt and Amsterdam data centres.',
      ],
      [
        'Deliverables',
        '- Availability of mail and DNS: 99.9% per calendar month, around the clock, with a monthly availability report.\n- Support for partners: P1 answered within 30 minutes around the clock and fixed within 4 hours; P2 and P3 in their\n  support hours (Mon–Fri 07:00–19:00).\n- Object storage with object lock (30 days), in the EU.\n- Notice of changes to sending IP ranges and DNS requirements at least 30 days ahead.',
      ],
      [
        'Terms and conditions',
        'Per-mailbox licences billed monthly; object storage per TB per month; service credits of 10% of the monthly fee per\n0.1% of availability missed, up to 50%. A data processing agreement (GDPR Art. 28) with CloudMail as our sub-processor;\nboth customers were told of it when they signed.',
      ],
      [
        'Communication',
        'Partner support portal for tickets; Anna Lenz (account manager) for escalations; a review call each year before the\nreview date.',
      ],
      [
        'Reviews',
        'Supplier performance is reported by us each quarter (with UA-0002). The yearly review of 2026-02-19 checked the\nperformance of the first year (one supplier-caused incident, INC-0007, fixed within target) and kept the terms.',
      ],
      [
        'Procedures',
        'Changes to the service announced 30 days ahead; disputes escalated to the account manager, then to both managing\ndirectors; at the end, mailboxes and zones exported in standard formats within 30 days.',
      ],
    ],
  ),
);

put(
  UA2,
  doc(
    {
      id: 'UA-0002',
      type: 'supplier-agreement',
      title: 'FibreNet business fibre for Kessler Legal',
      status: 'updated',
      version: '1.1',
      supplier: 'FibreNet',
      supplier_contact: C.piet.email,
      agreement_kind: 'contract',
      owner: P.priya.email,
      services: ['SVC-0004'],
      start: '2025-04-01',
      review: '2027-01-20',
      end: '2027-12-31',
      approval_form: 'signature',
      availability: 99.5,
      availability_period: 'month',
      // "Availability 99.5% per calendar month, around the clock": the calendar is the P2 clock.
      availability_clock: '24x7',
      reporting: 'quarterly',
      targets: {
        P1: { response_hours: 1, resolution_hours: 8, clock: '24x7' },
        P2: { response_hours: 4, resolution_hours: 24 },
      },
      calendar: CAL(),
      approved_by: P.maria.email,
      approved_on: '2026-01-22',
      reviewed_on: '2026-01-22',
      supplier_approved_by: C.piet.email,
      supplier_approved_on: '2025-03-14',
      supplier_approval_ref: 'FibreNet contract FN-B-88213 signed 2025-03-14 (PDF in contracts/fibrenet/)',
    },
    [
      [
        'Scope',
        "A business fibre line (500/100 Mbit/s, one fixed IPv4 address) at Kessler Legal's office, managed by us on the\ncustomer's behalf. The line moves with the office in March 2026 under the same contract (relocation order FN-R-1203 of\n2026-01-22).",
      ],
      [
        'Deliverables',
        '- Availability 99.5% per calendar month, around the clock.\n- Fault line around the clock: a line-down fault (P1) answered within 1 hour and repaired within 8 hours; a degraded\n  line (P2) answered within 4 and repaired within 24 service hours.\n- A fault report with the cause for every P1.',
      ],
      [
        'Terms and conditions',
        'Fixed monthly fee; 36-month term to 2027-12-31; service credit of 10% of the monthly fee for each started 4 hours beyond\nthe repair time, and 25% when monthly availability is missed. The line is paid by Kessler Legal and managed by us under\nits authorisation of 2025-03-10.',
      ],
      [
        'Communication',
        'Fault line by phone with the circuit id FN-HH-220417; Piet de Vries for escalations and the yearly review; planned work\nannounced 14 days ahead.',
      ],
      [
        'Reviews',
        'Supplier performance is reported by us each quarter (with UA-0001). The review of 2026-01-22 after the outage of\n2025-12-09 (INC-0013, 11 hours against 8) agreed a service credit of 20% for December and a named on-site contact and\naccess instructions for repairs (FB-0008); the terms stay as they are.',
      ],
      ['Procedures', "Relocation and changes ordered in writing 30 days ahead; disputes escalated to FibreNet's business service manager."],
    ],
  ),
);

// --- history: governance and agreements, in the order inputs before outputs ------------------------------
const rolesStage = (status, version, people, approvedOn, sectionsOf, reviewed) => ({
  path: ROLES,
  status,
  drop: [...(approvedOn ? [] : APPROVAL), ...(reviewed ? [] : ['reviewed_on'])],
  set: { version, people, ...(approvedOn ? { approved_on: approvedOn } : {}) },
  sections: sectionsOf,
});
const rolesFounder = {
  Responsibilities:
    '- **Maria Santos**, managing director: Service Manager (SM) and Management (MGT). The other roles are assigned once the\n  scope is approved (GO.1.2).',
  'Training and development': '- Maria Santos: ISO/IEC 20000-1 foundation course booked for February 2025.',
};
export const slaV10Comm = ['service line by phone', 'service mailbox', 'quarterly service report by e-mail', 'yearly review meeting'];

commit('2025-01-06 09:30', 'maria', 'Start the service management system of Harbour Lane IT', [
  final('sms.config.yaml'),
  final('README.md'),
  rolesStage('draft', '0.1', [staff[0]], undefined, rolesFounder),
]);
commit('2025-01-07 10:00', 'maria', 'Roles: Maria Santos is Service Manager and Management (the bootstrap approval)', [
  rolesStage('approved', '0.2', [staff[0]], '2025-01-07', rolesFounder),
]);
commit('2025-01-08 14:00', 'priya', 'Draft the business goals from the business plan 2025–2027', [
  stage(GOALS, 'draft', { drop: [...APPROVAL, 'reviewed_on'] }),
]);
commit('2025-01-10 11:00', 'maria', 'Approve the business goals', [stage(GOALS, 'approved', { drop: ['reviewed_on'] })]);
commit('2025-01-13 15:00', 'priya', 'Draft the service delivery scope after the scoping calls with both customers', [
  stage(SCOPE, 'draft', { drop: [...APPROVAL, 'reviewed_on'] }),
]);
commit('2025-01-15 10:30', 'maria', 'Approve the service delivery scope', [stage(SCOPE, 'approved', { drop: ['reviewed_on'] })]);
commit('2025-01-16 09:00', 'maria', 'Roles: assign CM, IM, RM and PT for the approved scope', [
  rolesStage('updated', '1.0', peopleV10, '2025-01-16', rolesSections({})),
]);

// The policy: drafted by Maria, completed by Tom and Priya, approved by Maria (GO.2.1, GO.2.2).
const policyDraft = (step) => {
  const s = { ...policyV10Sections };
  const essentials = policyV10Sections['Policy essentials'];
  if (step === 1)
    s['Policy essentials'] = 'To be drafted: priorities and change definitions (Tom), standard messages (Priya), security measures (Tom).';
  if (step === 2) s['Policy essentials'] = `${essentials.split('Standard messages:')[0].trim()}\n\n${securityV10}`;
  if (step < 3) s['Measurement, reporting and audit'] = 'To be drafted by Priya.';
  return s;
};
const policyStage = (status, version, step, extra = {}) =>
  stage(POLICY, status, {
    drop: status === 'draft' ? [...APPROVAL, 'reviewed_on'] : extra.reviewed ? [] : ['reviewed_on'],
    set: { version, objectives: objectivesV10, ...(status === 'draft' ? {} : { approved_on: '2025-01-27' }), ...(extra.set ?? {}) },
    sections: policyDraft(step),
  });
commit('2025-01-20 10:00', 'maria', 'Draft the service delivery policy and SMS plan', [policyStage('draft', '0.1', 1)]);
commit('2025-01-22 14:30', 'tom', 'Policy: priorities, change definitions and security measures', [policyStage('draft', '0.2', 2)]);
commit('2025-01-23 11:00', 'priya', 'Policy: standard messages, reporting and audit', [policyStage('draft', '0.3', 3)]);
commit('2025-01-27 16:00', 'maria', 'Approve the service delivery policy and SMS plan 1.0', [policyStage('approved', '1.0', 3)]);

commit('2025-01-28 10:00', 'priya', 'Draft the customer experience approach', [
  stage(CEA, 'draft', { drop: [...APPROVAL, 'reviewed_on'] }),
]);
commit('2025-01-29 15:00', 'tom', 'Draft the document procedure', [stage(DOCPROC, 'draft', { drop: [...APPROVAL, 'reviewed_on'] })]);
commit('2025-02-03 11:00', 'maria', 'Approve the customer experience approach', [stage(CEA, 'approved', { drop: ['reviewed_on'] })]);
commit('2025-02-04 09:30', 'maria', 'Approve the document procedure', [stage(DOCPROC, 'approved', { drop: ['reviewed_on'] })]);

const svcStage = (s, status, o = {}) =>
  stage(svcPath(s), status, {
    drop: status === 'draft' ? [...APPROVAL, 'reviewed_on'] : o.reviewed ? [] : ['reviewed_on'],
    set: {
      version: status === 'draft' ? '0.1' : '1.0',
      ...(status === 'draft' ? {} : { approved_by: P.maria.email, approved_on: '2025-02-12' }),
    },
    sections: svcV1(s),
  });
commit(
  '2025-02-05 14:00',
  'priya',
  'Draft the service catalogue: four services, with the targets of the draft agreements',
  SERVICES.map((s) => svcStage(s, 'draft')),
);
const chgProcStage = (status, version, n, approvedOn, reviewed) =>
  stage(CHGPROC, status, {
    drop: [...(status === 'draft' ? APPROVAL : []), ...(reviewed ? [] : ['reviewed_on']), ...(n === 0 ? ['pre_approved_models'] : [])],
    set: {
      version,
      ...(n === 0 ? {} : { pre_approved_models: preApprovedModels(n) }),
      // Maria agrees each version for the business: the first, and each that lists a new model (CO.2.1).
      ...(status === 'draft' ? {} : { approved_by: P.maria.email, approved_on: approvedOn }),
    },
    sections: chgStage(n),
  });
commit('2025-02-10 10:00', 'tom', 'Draft the change procedure', [chgProcStage('draft', '0.1', 0)]);
commit(
  '2025-02-12 16:00',
  'maria',
  'Approve and publish the service catalogue',
  SERVICES.map((s) => svcStage(s, 'approved')),
);
commit('2025-02-17 11:00', 'maria', 'Approve the change procedure', [chgProcStage('approved', '1.0', 0, '2025-02-17')]);
commit('2025-02-18 10:00', 'tom', 'Draft the secure component procedure', [
  stage(SECPROC, 'draft', { drop: [...APPROVAL, 'reviewed_on'] }),
]);
commit('2025-02-24 15:00', 'maria', 'Approve the secure component procedure', [stage(SECPROC, 'approved', { drop: ['reviewed_on'] })]);
commit('2025-03-03 09:00', 'maria', 'Roles: add the customer and supplier contacts (signatories and reporters)', [
  rolesStage('updated', '1.1', peopleV11, '2025-03-03', rolesSections({ contacts: true })),
]);

// Supplier agreements: drafted, signed by the supplier, approved by Maria (RE.2.1, RE.2.2).
const ua1V10 = {
  Scope:
    'CloudMail hosts the mail tenant of both customers (mailboxes, calendars, files, spam filtering) and the DNS zones\nbluebell-bakery.example and kessler-legal.example, in its Frankfurt and Amsterdam data centres.',
  Deliverables:
    '- Availability of mail and DNS: 99.9% per calendar month, around the clock, with a monthly availability report.\n- Support for partners: P1 answered within 30 minutes around the clock and fixed within 4 hours; P2 and P3 in their\n  support hours (Mon–Fri 07:00–19:00).\n- Notice of changes to sending IP ranges and DNS requirements at least 30 days ahead.',
  Reviews:
    'Supplier performance is reported by us each quarter (with UA-0002); a review call with CloudMail each year before the\nreview date.',
};
const ua1A1 = {
  Reviews:
    'Supplier performance is reported by us each quarter (with UA-0002); a review call with CloudMail each year before the\nreview date.',
};
const ua2V10 = {
  Scope:
    "A business fibre line (500/100 Mbit/s, one fixed IPv4 address) at Kessler Legal's office, managed by us on the\ncustomer's behalf.",
  Reviews: 'Supplier performance is reported by us each quarter (with UA-0001); a review with FibreNet each year before the review\ndate.',
};
const ua1First = {
  version: '1.0',
  services: ['SVC-0002'],
  review: '2026-02-28',
  supplier_approved_on: '2025-03-12',
  supplier_approval_ref: 'CloudMail order CM-2025-0417 signed 2025-03-12 (PDF in contracts/cloudmail/)',
};
commit('2025-03-04 10:00', 'priya', 'Draft the supplier agreements with CloudMail and FibreNet', [
  stage(UA1, 'draft', {
    drop: [...APPROVAL, ...SUPPLIER_SIGNATURE, 'reviewed_on'],
    set: { version: '1.0', services: ['SVC-0002'], review: '2026-02-28' },
    sections: ua1V10,
  }),
  stage(UA2, 'draft', {
    drop: [...APPROVAL, ...SUPPLIER_SIGNATURE, 'reviewed_on'],
    set: { version: '1.0', review: '2026-01-31' },
    sections: ua2V10,
  }),
]);
function sla2V10Sections(acceptance) {
  return {
    Scope:
      "Managed workplace (16 laptops and the file server), e-mail and collaboration, backup and restore, and network and VPN for\nKessler Legal's 14 staff at its office (Kehrwieder 9) and working remotely.",
    Communication:
      'Incidents by phone or to the service mailbox; an e-mail when an incident is opened and when it is resolved, and hourly\nupdates during a P1; a service performance report every quarter within 10 working days; a yearly review meeting with the\nmanaging partner.',
    'Acceptance and approval': acceptance,
  };
}
const sla1First = { version: '1.0', review: '2026-03-31' };
const sla2First = { version: '1.0', review: '2026-03-31', reporting: 'quarterly', communication_methods: slaV10Comm };
commit('2025-03-10 09:30', 'priya', 'Draft the customer agreements for Bluebell Bakery and Kessler Legal', [
  stage(SLA1, 'draft', {
    drop: [...APPROVAL, ...CUSTOMER_SIGNATURE, 'reviewed_on'],
    set: sla1First,
    sections: { 'Acceptance and approval': 'To be signed by Sam Clarke for Bluebell Bakery and by Maria Santos. Reviewed yearly.' },
  }),
  stage(SLA2, 'draft', {
    drop: [...APPROVAL, ...CUSTOMER_SIGNATURE],
    set: sla2First,
    sections: sla2V10Sections('To be signed by Dr. Helena Kessler for Kessler Legal and by Maria Santos. Reviewed yearly.'),
  }),
]);
commit('2025-03-17 10:00', 'maria', 'Approve the supplier agreements (signed by CloudMail on 2025-03-12 and FibreNet on 2025-03-14)', [
  stage(UA1, 'approved', { drop: ['reviewed_on'], set: { ...ua1First, approved_on: '2025-03-17' }, sections: ua1V10 }),
  stage(UA2, 'approved', {
    drop: ['reviewed_on'],
    set: { version: '1.0', review: '2026-01-31', approved_on: '2025-03-17' },
    sections: ua2V10,
  }),
]);
commit(
  '2025-03-25 16:00',
  'maria',
  'Approve the customer agreements (signed by Sam Clarke on 2025-03-20 and Dr. Helena Kessler on 2025-03-24)',
  [
    stage(SLA1, 'approved', {
      drop: ['reviewed_on'],
      set: {
        ...sla1First,
        approved_on: '2025-03-25',
        customer_approved_on: '2025-03-20',
        customer_approval_ref: 'Agreement signed by Sam Clarke on 2025-03-20 (PDF in contracts/bluebell/)',
      },
      sections: {
        'Acceptance and approval':
          'Signed by Sam Clarke for Bluebell Bakery on 2025-03-20 and by Maria Santos on 2025-03-25. Reviewed yearly.',
      },
    }),
    stage(SLA2, 'approved', {
      set: {
        ...sla2First,
        approved_on: '2025-03-25',
        customer_approved_on: '2025-03-24',
        customer_approval_ref: 'Agreement signed by Dr. Helena Kessler on 2025-03-24 (PDF in contracts/kessler/)',
      },
      sections: sla2V10Sections(
        'Signed by Dr. Helena Kessler for Kessler Legal on 2025-03-24 and by Maria Santos on 2025-03-25. Reviewed yearly.',
      ),
    }),
  ],
);

// Revisions: the change procedure after deployment reviews (CO.3.5), the catalogue after deployments
// (CO.3.4), supplier and customer agreements after reviews and feedback (RE.2.5).
commit('2025-05-13 11:00', 'maria', 'Change procedure 1.1: pre-approved model PA-1 for mailboxes, proven by RFC-0001', [
  chgProcStage('updated', '1.1', 1, '2025-05-13'),
]);
commit('2025-06-02 09:00', 'maria', 'Roles: Lea Fischer joins as practitioner', [
  rolesStage('updated', '1.2', peopleV12, '2025-06-02', rolesSections({ lea: true, contacts: true })),
]);
commit(
  '2025-06-24 10:00',
  'maria',
  'Change procedure 1.2: model PA-2 for standard laptops (RFC-0002); critical advisories within 48 h (RFC-0003)',
  [chgProcStage('updated', '1.2', 2, '2025-06-24')],
);
commit('2025-07-22 10:00', 'priya', 'UA-0001 amendment A1: object storage for the off-site backup copy (RFC-0005)', [
  stage(UA1, 'draft', {
    drop: [...APPROVAL, ...SUPPLIER_SIGNATURE, 'reviewed_on'],
    set: { version: '1.1', review: '2026-02-28' },
    sections: ua1A1,
  }),
]);
commit('2025-07-30 11:00', 'maria', 'Approve UA-0001 amendment A1 (signed by Anna Lenz on 2025-07-29)', [
  stage(UA1, 'approved', {
    drop: ['reviewed_on'],
    set: { version: '1.1', review: '2026-02-28', approved_on: '2025-07-30' },
    sections: ua1A1,
  }),
]);
commit('2025-08-14 10:00', 'priya', 'Catalogue: backup and restore has an off-site copy since RFC-0005', [
  stage(svcPath(SERVICES[2]), 'updated', { drop: ['reviewed_on'] }),
]);
commit('2026-01-19 11:00', 'maria', 'Yearly review of goals, scope, roles, policy, procedures and catalogue: no change needed', [
  final(GOALS),
  final(SCOPE),
  rolesStage('updated', '1.2', peopleV12, '2025-06-02', rolesSections({ lea: true, contacts: true }), true),
  policyStage('approved', '1.0', 3, { reviewed: true, set: { reviewed_on: '2026-01-19' } }),
  final(CEA),
  final(DOCPROC),
  chgProcStage('updated', '1.2', 2, '2025-06-24', true),
  ...SERVICES.map((s) => (s.id === 'SVC-0001' || s.id === 'SVC-0003' ? final(svcPath(s)) : svcStage(s, 'approved', { reviewed: true }))),
]);
commit('2026-01-22 15:00', 'maria', 'UA-0002 yearly review with FibreNet after the December outage: credit agreed, terms kept', [
  final(UA2),
]);
commit('2026-02-12 11:00', 'priya', 'Catalogue: every e-mail account signs in with MFA (RFC-0008)', [final(svcPath(SERVICES[1]))]);
commit('2026-02-19 14:00', 'maria', 'UA-0001 yearly review with CloudMail: terms kept, next review January 2027', [final(UA1)]);
commit('2026-03-09 10:00', 'priya', 'SLA-0002 amendment 1: monthly service reports (FB-0004) and the new office address', [
  stage(SLA2, 'draft', {
    drop: [...APPROVAL, ...CUSTOMER_SIGNATURE],
    sections: {
      'Acceptance and approval':
        'First signed by Dr. Helena Kessler on 2025-03-24 and by Maria Santos on 2025-03-25. Amendment 1 (monthly reports from\nApril 2026, asked for in FB-0004; the new office address from 14 March 2026) to be signed by Dr. Helena Kessler and Maria\nSantos; it also serves as the yearly review.',
    },
  }),
]);
commit('2026-03-12 10:00', 'maria', 'Approve SLA-0002 amendment 1 (signed by Dr. Helena Kessler on 2026-03-11)', [final(SLA2)]);
commit(
  '2026-03-12 15:00',
  'maria',
  'Change procedure 1.3: every DNS edit is a change; model PA-3 through the zone repository (RFC-0011, NC-0001)',
  [final(CHGPROC)],
);
commit('2026-03-16 10:00', 'maria', 'Policy 1.1: MFA in force, monthly reports for Kessler Legal, nonconformities objective', [
  stage(POLICY, 'updated', { set: { reviewed_on: '2026-01-19' } }),
]);
commit('2026-03-25 11:00', 'maria', 'SLA-0001 yearly review with Sam Clarke on 2026-03-24: terms kept, next review February 2027', [
  final(SLA1),
]);
commit('2026-04-23 10:00', 'priya', 'Catalogue: network and VPN at the new office with an LTE backup line (RFC-0009, RFC-0010)', [
  final(svcPath(SERVICES[3])),
]);
commit('2026-05-18 09:30', 'maria', 'Roles: Priya Nair is internal auditor for GO and CO (after TRN-0014)', [final(ROLES)]);
commit('2026-09-22 10:00', 'tom', 'Review the secure component procedure (NC-0003): it still fits, no change', [final(SECPROC)]);
commit('2026-10-15 16:30', 'maria', 'Policy reviewed in the management review MR-0002: no change', [final(POLICY)]);

export { CHGPROC, POLICY, ROLES, SCOPE, GOALS, CEA, DOCPROC, SECPROC };
