// Performance reports (RE.2.4) at the cadence each agreement promises, improvement reports (GO.4)
// and the management reviews that approve them. A report's figures are computed from the incident
// records by scripts/build-sample.mjs and written between the FIGURES markers.
import { APPROVAL, P, at, commit, dayOf, doc, final, put, slug, stage } from './lib.mjs';

export const FIGURES_START = '<!-- figures: computed from the incident records by scripts/build-sample.mjs -->';
export const FIGURES_END = '<!-- end of figures -->';
const FIGURES = `${FIGURES_START}\n${FIGURES_END}`;

const Q = (y, q) => [
  `${y}-${String(q * 3 - 2).padStart(2, '0')}-01`,
  { 1: `${y}-03-31`, 2: `${y}-06-30`, 3: `${y}-09-30`, 4: `${y}-12-31` }[q],
];
const M = (y, m) => {
  const end = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return [`${y}-${String(m).padStart(2, '0')}-01`, `${y}-${String(m).padStart(2, '0')}-${end}`];
};
const BB = ['SLA-0001'];
const KL = ['SLA-0002'];
const SUP = ['UA-0001', 'UA-0002'];

/** [agreements, label, period, drafted, approved, what happened, previous actions, proposed actions] */
export const REPORTS = [
  [
    BB,
    'Bluebell Bakery, Q2 2025',
    Q(2025, 2),
    '2025-07-07 10:00',
    '2025-07-09 11:00',
    "The first quarter under SLA-0001. Three incidents, all within target: the till PC's power supply (INC-0002, P2), a\nbackup repository filled by a wrong retention setting (INC-0004, P3) and a printer driver missing on the new laptop\n(INC-0006, P4). Mail moved to CloudMail on 2025-05-06 (RFC-0001) without an incident at the bakery.",
    'None: this is the first report under the agreement.',
    '- Off-site copy of the nightly backups (RFC-0005), planned for 2025-08-12. Owner: Tom Becker.',
  ],
  [
    KL,
    'Kessler Legal, Q2 2025',
    Q(2025, 2),
    '2025-07-07 10:30',
    '2025-07-09 11:10',
    "The first quarter under SLA-0002. The VPN outage of 2025-06-03 (INC-0005, P1) was resolved in 2 h 35 min, within the\n4-hour target, but it was in service hours from 08:00 to 09:40, so network and VPN missed the 99.5% availability target\nin June: a service credit of 5% of June's network fee is on the July invoice. Mail delays after the migration\n(INC-0003) were fixed the same day.",
    'None: this is the first report under the agreement.',
    '- Critical vendor advisories patched within 48 hours (change procedure 1.2, done 2025-06-24). Owner: Tom Becker.\n- Post-incident notice to the partners within the first hour of a P1. Owner: Priya Nair.',
  ],
  [
    SUP,
    'suppliers, Q2 2025',
    Q(2025, 2),
    '2025-07-07 11:00',
    '2025-07-09 11:20',
    "No incident was caused by or escalated to a supplier. CloudMail's own monthly reports show 100.00%, 99.98% and 100.00%\navailability for April to June (target 99.9%); FibreNet had no fault.",
    'None: this is the first supplier report.',
    '- Amend UA-0001 for object storage for the off-site backup copy. Owner: Priya Nair.',
  ],
  [
    BB,
    'Bluebell Bakery, Q3 2025',
    Q(2025, 3),
    '2025-10-06 10:00',
    '2025-10-08 11:00',
    "One incident: the owner's laptop was stolen (INC-0010, P2). Accounts were secured within 35 minutes, the encrypted\nlaptop's data could not be read, and the breach was documented by Bluebell as not notifiable; a replacement laptop\nfollowed the next day (RFC-0007).",
    '- Off-site copy of the backups: done on 2025-08-12 (RFC-0005).',
    '- Multi-factor authentication for every account, to be proposed in the management review. Owner: Tom Becker.',
  ],
  [
    KL,
    'Kessler Legal, Q3 2025',
    Q(2025, 3),
    '2025-10-06 10:30',
    '2025-10-08 11:10',
    "Three P3 incidents, all within target: the partners' shared calendar (INC-0007, a CloudMail defect), Wi-Fi in the\nmeeting room (INC-0008) and a deleted client folder restored the same afternoon (INC-0009). A shared mailbox for the\nreception was set up as a pre-approved change (RFC-0006).",
    '- Critical advisories within 48 hours: done; no critical advisory in the quarter.\n- P1 notice within the first hour: in the incident procedure since July.',
    '- Monthly service reports, as Markus Roth asked (FB-0004): proposed to the management review. Owner: Priya Nair.',
  ],
  [
    SUP,
    'suppliers, Q3 2025',
    Q(2025, 3),
    '2025-10-06 11:00',
    '2025-10-08 11:20',
    "One supplier incident: CloudMail's shared-calendar sync defect (INC-0007), fixed by CloudMail within its P3 target.\nCloudMail reports 99.99%, 100.00% and 99.97% availability for July to September. UA-0001 amendment A1 (object storage)\nsigned on 2025-07-29.",
    '- UA-0001 amendment for object storage: done on 2025-07-30.',
    'None.',
  ],
  [
    BB,
    'Bluebell Bakery, Q4 2025',
    Q(2025, 4),
    '2026-01-07 10:00',
    '2026-01-09 11:00',
    'No incident at the bakery this quarter. No change during the Christmas trade, as agreed.',
    '- Multi-factor authentication: approved (RFC-0008), scheduled for 2026-02-10 after the freeze.',
    'None.',
  ],
  [
    KL,
    'Kessler Legal, Q4 2025',
    Q(2025, 4),
    '2026-01-07 10:30',
    '2026-01-09 11:10',
    "A difficult quarter. The phishing incident of 2025-10-07 (INC-0011, P2) was contained in 25 minutes; Dr. Kessler\nnotified the supervisory authority. The internet outage of 2025-12-09 (INC-0013, P1) lasted 11 h 18 min: a fibre cut\nby roadworks, repaired by FibreNet beyond its own target. Our 4-hour target was missed and network availability in\nDecember is far below 99.5%: a service credit of 5% of December's network fee, and FibreNet's credit passed on\n(complaint FB-0007).",
    '- Monthly reports: agreed in MR-0001; the amendment of SLA-0002 is being drafted.',
    '- LTE backup line for the office (problem PRB-0002), change request in January. Owner: Priya Nair.\n- Multi-factor authentication on 2026-02-10 (RFC-0008). Owner: Tom Becker.',
  ],
  [
    SUP,
    'suppliers, Q4 2025',
    Q(2025, 4),
    '2026-01-07 11:00',
    '2026-01-09 11:20',
    'FibreNet missed its targets for the fibre cut of 2025-12-09 (INC-0013): it answered our ticket after 2 h 15 min against\n1 hour and repaired the line 10 h 55 min after it (down 11 h 18 min in all) against 8 hours, and it missed its\nmonthly availability for December. Service credit of 20% claimed on 2026-01-05, to be settled in the yearly review. CloudMail: 100.00%,\n99.99%, 100.00%.',
    'None open.',
    '- Yearly review with FibreNet in January: on-site access for repairs. Owner: Priya Nair.\n- Yearly review with CloudMail in February. Owner: Priya Nair.',
  ],
  [
    BB,
    'Bluebell Bakery, Q1 2026',
    Q(2026, 1),
    '2026-04-07 10:00',
    '2026-04-09 11:00',
    "The DNS outage of 2026-02-10/11 (INC-0014, P1) left the bakery without mail and web shop records for 15 hours, mostly\noutside service hours; resolved in 1 h 35 min after it was reported. E-mail availability in February is below the\ntarget because of the hour from 16:52 to 18:00 on 2026-02-10: a service credit of 5% of February's e-mail fee is on the\nApril invoice. MFA is in force since 2026-02-10; the shop kiosk account is the agreed exception.",
    '- Multi-factor authentication: done on 2026-02-10 (RFC-0008, partial: kiosk exception).',
    '- DNS edits only through the reviewed zone repository: done on 2026-03-10 (RFC-0011).\n- Quarterly restore test of the office PC. Owner: Tom Becker.',
  ],
  [
    KL,
    'Kessler Legal, Q1 2026',
    Q(2026, 1),
    '2026-04-07 10:30',
    '2026-04-09 11:10',
    "Two P3 incidents, both within target: slow laptops after the March update (INC-0015) and two desks without network after\nthe office move (INC-0016). The move on 2026-03-14 (RFC-0010) went to plan. The DNS outage of 2026-02-10 (INC-0014)\nwas in Bluebell Bakery's own zone: the office's e-mail, on the same service, was not affected, and the incident limits\nits outage to the bakery's agreement. From April the reports are monthly (SLA-0002 amendment 1).",
    '- LTE backup line: approved (RFC-0009), scheduled for 2026-04-21.\n- Multi-factor authentication: done on 2026-02-10.',
    '- None new.',
  ],
  [
    SUP,
    'suppliers, Q1 2026',
    Q(2026, 1),
    '2026-04-07 11:00',
    '2026-04-09 11:20',
    'No supplier incident. FibreNet relocated the line to the new office on 2026-03-13 as ordered. Yearly reviews held with\nFibreNet (2026-01-22) and CloudMail (2026-02-19); both agreements kept. CloudMail: 100.00%, 99.95%, 100.00%.',
    '- Yearly reviews with both suppliers: done.',
    'None.',
  ],
  [
    KL,
    'Kessler Legal, April 2026',
    M(2026, 4),
    '2026-05-07 10:00',
    '2026-05-11 11:00',
    'No incident. The LTE backup line went live on 2026-04-21 (RFC-0009); a failover test on site took 48 seconds.',
    '- LTE backup line: done on 2026-04-21.',
    'None.',
  ],
  [
    KL,
    'Kessler Legal, May 2026',
    M(2026, 5),
    '2026-06-05 10:00',
    '2026-06-09 11:00',
    'One P3: the VPN dropped during a video hearing (INC-0019), restored with auto-reconnect; the cause is not known yet.\nRFC-0012 (a monitoring agent) was rejected after the partners declined it.',
    'None open.',
    '- Watch for further VPN drops; open a problem record if they recur. Owner: Priya Nair.',
  ],
  [
    KL,
    'Kessler Legal, June 2026',
    M(2026, 6),
    '2026-07-06 10:30',
    '2026-07-08 11:10',
    "One P2: hourly VPN drops for four remote lawyers (INC-0020), resolved in service hours with a workaround. The vendor\nconfirmed a firmware bug (known error PRB-0004). Dr. Kessler's complaint (FB-0013) was answered and closed.",
    '- Problem record for the VPN drops: opened (PRB-0004).',
    '- Firmware upgrade once the vendor releases the fix. Owner: Tom Becker.',
  ],
  [
    BB,
    'Bluebell Bakery, Q2 2026',
    Q(2026, 2),
    '2026-07-06 10:00',
    '2026-07-08 11:00',
    "Two incidents within target: the January invoices restored from the off-site copy after a damaged restore point\n(INC-0017, P2) and a full mailbox (INC-0018, P3). The web shop's payment record was added as a pre-approved change\n(RFC-0013).",
    '- DNS zone repository: in use since 2026-03-10.\n- Quarterly restore test: not done this quarter (found again in the internal audit, NC-0002).',
    '- Restore test of the office PC in the third quarter. Owner: Tom Becker.',
  ],
  [
    SUP,
    'suppliers, Q2 2026',
    Q(2026, 2),
    '2026-07-06 11:00',
    '2026-07-08 11:20',
    "No supplier incident. FibreNet's planned maintenance on 2026-05-19 was announced 14 days ahead and used for a second\nfailover test. CloudMail: 100.00%, 100.00%, 99.98%.",
    'None open.',
    'None.',
  ],
  [
    KL,
    'Kessler Legal, July 2026',
    M(2026, 7),
    '2026-08-06 10:00',
    '2026-08-10 11:00',
    'No incident. The VPN workaround holds; the vendor plans the fix for its September release.',
    '- Firmware upgrade: waiting for the vendor.',
    'None.',
  ],
  [
    KL,
    'Kessler Legal, August 2026',
    M(2026, 8),
    '2026-09-04 10:00',
    '2026-09-08 11:00',
    "One P3: a court rejected mail because CloudMail's new sending range was missing from the SPF record (INC-0022), fixed the\nnext morning by a pre-approved DNS change (RFC-0014).",
    '- Firmware upgrade: waiting for the vendor.',
    '- Supplier notices go to the service mailbox (lesson of RFC-0014). Owner: Priya Nair.',
  ],
  [
    KL,
    'Kessler Legal, September 2026',
    M(2026, 9),
    '2026-10-06 10:30',
    '2026-10-08 11:10',
    'No incident. Firmware 7.2.4 with the fix for PRB-0004 was released on 2026-09-15; the upgrade was requested on\n2026-09-28 (RFC-0015).',
    '- Supplier notices to the service mailbox: done.',
    '- Upgrade the firewall to 7.2.4 in a change window after testing. Owner: Tom Becker.',
  ],
  [
    BB,
    'Bluebell Bakery, Q3 2026',
    Q(2026, 3),
    '2026-10-06 10:00',
    '2026-10-08 11:00',
    'Two incidents within target: a keyboard after a coffee spill (INC-0021, P4) and a failing disk in the office PC, replaced\nand restored from backup (INC-0023, P3). Restore tests for the bakery done on 2026-09-24 (NC-0002).',
    '- Restore test of the office PC: done on 2026-09-24.',
    '- Replace the till PC after the Christmas trade (change request to follow). Owner: Priya Nair.',
  ],
  [
    SUP,
    'suppliers, Q3 2026',
    Q(2026, 3),
    '2026-10-06 11:00',
    '2026-10-08 11:20',
    'No supplier incident. CloudMail announced its new sending range 30 days ahead as UA-0001 promises, but to an old address\nof ours (see RFC-0014). CloudMail: 100.00%, 99.99%, 100.00%.',
    'None open.',
    '- Renewal talks with CloudMail before the review of 2027-01-15. Owner: Priya Nair.',
  ],
  [
    KL,
    'Kessler Legal, October 2026',
    M(2026, 10),
    '2026-11-05 10:00',
    '2026-11-09 11:00',
    'One P2: the new e-filing client was blocked by the firewall (INC-0024); resolved in 4 h 45 min with an emergency change\n(RFC-0016) because filings were due. The firewall upgrade (RFC-0015) is scheduled for 2026-12-08.',
    '- Firewall upgrade: approved and scheduled.',
    '- Kessler Legal announces new e-filing client versions to us a week ahead. Owner: Markus Roth with Priya Nair.',
  ],
];

const sorted = [...REPORTS].sort((a, b) => (at(a[3]) < at(b[3]) ? -1 : 1));
const lastOf = new Map();
export const PR_LIST = [];
sorted.forEach(([agreements, label, [start, end], drafted, approved, happened, previous, proposed], n) => {
  const id = `PR-${String(n + 1).padStart(4, '0')}`;
  const key = agreements.join(',');
  const prev = lastOf.get(key);
  lastOf.set(key, id);
  const p = `reports/performance/${id}-${slug(label)}.md`;
  PR_LIST.push({ id, path: p, agreements, start, end });
  put(
    p,
    doc(
      {
        id,
        type: 'performance-report',
        title: `Service performance report: ${label}`,
        status: 'approved',
        version: '1.0',
        owner: P.priya.email,
        period_start: start,
        period_end: end,
        agreements,
        ...(prev ? { previous: prev } : {}),
        approved_by: P.maria.email,
        approved_on: dayOf(at(approved)),
      },
      [
        ['Performance', `${FIGURES}\n\n${happened}`],
        ['Previous actions', previous],
        ['Proposed actions', proposed],
      ],
    ),
  );
  commit(drafted, 'priya', `Draft the performance report ${id}: ${label}`, [stage(p, 'draft', { drop: APPROVAL })]);
  commit(approved, 'maria', `Approve the performance report ${id}`, [final(p)]);
});

// --- improvement reports and management reviews (GO.4.1, GO.4.2) -------------------------------------------
const IR1 = 'reports/improvement/IR-0001-2025.md';
const IR2 = 'reports/improvement/IR-0002-2025-2026.md';
const MR1 = 'reviews/MR-0001-management-review-2025.md';
const MR2 = 'reviews/MR-0002-management-review-2026.md';
const ATTENDEES = [P.maria.email, P.tom.email, P.priya.email, P.jonas.email, P.lea.email];

const ir1Actions = [
  {
    id: 'I1.1',
    action: 'Multi-factor authentication for every CloudMail account',
    owner: P.tom.email,
    due: '2026-03-31',
    status: 'approved',
  },
  {
    id: 'I1.2',
    action: 'A restore test per customer each quarter, with a record',
    owner: P.tom.email,
    due: '2025-12-31',
    status: 'approved',
  },
  {
    id: 'I1.3',
    action: 'Ask for a satisfaction score after every P1 and P2 closure, as the customer experience approach says',
    owner: P.priya.email,
    due: '2025-11-30',
    status: 'approved',
  },
  {
    id: 'I1.4',
    action: 'A second practitioner able to administer the Kessler Legal firewall',
    owner: P.jonas.email,
    due: '2026-03-31',
    status: 'approved',
  },
];
put(
  IR1,
  doc(
    {
      id: 'IR-0001',
      type: 'improvement-report',
      title: 'Improvement report, January to September 2025',
      status: 'approved',
      version: '1.0',
      owner: P.maria.email,
      period_start: '2025-01-01',
      period_end: '2025-09-30',
      actions: ir1Actions,
      approved_by: P.maria.email,
      approved_on: '2025-10-16',
    },
    [
      [
        'Customer view',
        'Written by Priya Nair from the feedback log and the performance reports. Both customers value the quick help on site\n(FB-0001, FB-0005) and would like to hear from us first when something is wrong (FB-0002, FB-0003). Scores so far: 5, 2,\n4, 5 (average 4.0), but only four answers: the survey after P1 and P2 closures was not asked for every time. Kessler\nLegal wants monthly reports (FB-0004). All resolution targets were met except availability of network and VPN in June\n(INC-0005).',
      ],
      [
        'Provider view',
        "Written by Maria Santos and Tom Becker. The SMS was set up from January to March 2025 in the order the standard's inputs\nrequire; the documents are used. Change control works: one normal change fully through design, build, test and review\n(RFC-0001), the first standard laptop proving the pre-approved model (RFC-0002), an emergency change reviewed after the\nfact (RFC-0003). Weak points: only Jonas knows the firewall; restore tests are not done regularly; the phishing incident\nof 2025-10-07 (after the period) showed that a phished password is enough to open a mailbox.",
      ],
      [
        'Improvement actions',
        'The four actions in the front matter (I1.1 to I1.4), proposed here and approved in the management review MR-0001 on\n2025-10-16, with owners and due dates.',
      ],
      [
        'Security improvements',
        'Critical advisories patched within 48 hours (since 2025-06-24); the SSL-VPN portal switched off; an off-site backup copy\nthat cannot be deleted (RFC-0005). Proposed: multi-factor authentication (I1.1).',
      ],
    ],
  ),
);
const ir1Stage = (step) =>
  stage(IR1, 'draft', {
    drop: APPROVAL,
    set: { actions: ir1Actions.map((a) => ({ ...a, status: 'proposed' })) },
    sections: {
      ...(step < 2 ? { 'Customer view': 'To be written by Priya Nair from the feedback log and the performance reports.' } : {}),
      ...(step < 3
        ? {
            'Provider view':
              "Written by Maria Santos. The SMS was set up from January to March 2025 in the order the standard's inputs require;\nthe documents are used. Service control to be added by Tom Becker.",
          }
        : {}),
      'Improvement actions': 'The four actions in the front matter (I1.1 to I1.4), proposed to the management review.',
    },
  });
commit('2025-10-06 14:00', 'maria', 'Draft the improvement report for January to September 2025', [ir1Stage(1)]);
commit('2025-10-08 15:00', 'priya', 'IR-0001: the customer view', [ir1Stage(2)]);
commit('2025-10-09 14:00', 'tom', 'IR-0001: service control in the provider view', [ir1Stage(3)]);
commit('2025-10-16 16:00', 'maria', 'Approve IR-0001 in the management review', [final(IR1)]);

const mr1Actions = [
  {
    id: 'R1.1',
    action: 'Agree a backup internet line for the Kessler Legal office with the customer',
    owner: P.priya.email,
    due: '2025-12-19',
    status: 'open',
    ref: 'RISK-0002',
  },
  {
    id: 'R1.2',
    action: 'Internal audit of governance and service control before the next review',
    owner: P.maria.email,
    due: '2026-09-30',
    status: 'open',
  },
  {
    id: 'R1.3',
    action: 'Retire the Kessler Legal file server before its support ends in January 2027',
    owner: P.tom.email,
    due: '2026-12-31',
    status: 'open',
    ref: 'RISK-0006',
  },
  {
    id: 'R1.4',
    action: 'Monthly service reports for Kessler Legal through an amendment of SLA-0002',
    owner: P.priya.email,
    due: '2026-03-31',
    status: 'open',
  },
];
put(
  MR1,
  doc(
    {
      id: 'MR-0001',
      type: 'management-review',
      title: 'Management review 2025',
      status: 'approved',
      version: '1.0',
      held_on: '2025-10-16',
      attendees: ATTENDEES,
      period_start: '2025-01-01',
      period_end: '2025-09-30',
      improvement_report: 'IR-0001',
      inputs: [
        'Improvement report IR-0001 (draft) and the report sms report review --since 2025-01-01 --until 2025-09-30',
        'Objectives of the policy: availability missed once (network, June), resolution and response targets met',
        'Customer feedback FB-0001 to FB-0006: average satisfaction 4.0 from four answers',
        'Incidents: 10, one P1 (INC-0005); changes: 7 requested, 6 deployed and successful, 1 rejected',
        'Performance reports of Q2 and Q3 2025 for both customers and the suppliers',
        'Risks RISK-0001 to RISK-0004; no internal audit yet',
        'Resources: Lea Fischer joined on 2025-06-02; training records TRN-0001 to TRN-0011',
      ],
      decisions: [
        'IR-0001 approved with its actions I1.1 to I1.4',
        'A backup internet line is needed at Kessler Legal; the first offer was declined for cost and will be made again',
        'Monthly reports for Kessler Legal from the next agreement review',
        'New risks: RISK-0005 (one person knows the firewall) and RISK-0006 (file server out of support in January 2027)',
        'An internal audit of GO and CO in 2026; Priya Nair to be trained as auditor',
      ],
      actions: mr1Actions,
      approved_by: P.maria.email,
      approved_on: '2025-10-20',
    },
    [
      [
        'Inputs reviewed',
        'The first management review, held on 2025-10-16 from 14:00 to 16:00 with all five staff. Inputs as listed in the front\nmatter; `sms report review --since 2025-01-01 --until 2025-09-30` was the input pack.',
      ],
      [
        'Decisions',
        'As listed in the front matter. The policy stays as it is; the secure component procedure, scope and roles need no\nchange.',
      ],
      ['Actions', 'Four actions with owners and due dates (R1.1 to R1.4), carried to the next review until done.'],
    ],
  ),
);
commit('2025-10-17 10:00', 'priya', 'Minutes of the management review MR-0001', [stage(MR1, 'draft', { drop: APPROVAL })]);
commit('2025-10-20 11:00', 'maria', 'Approve the minutes MR-0001', [final(MR1)]);

const ir2Actions = [
  { id: 'I1.1', action: 'Multi-factor authentication for every CloudMail account', owner: P.tom.email, due: '2026-03-31', status: 'done' },
  {
    id: 'I1.2',
    action: 'A restore test per customer each quarter, with a record',
    owner: P.tom.email,
    due: '2025-12-31',
    status: 'in-progress',
  },
  {
    id: 'I1.3',
    action: 'Ask for a satisfaction score after every P1 and P2 closure, as the customer experience approach says',
    owner: P.priya.email,
    due: '2025-11-30',
    status: 'done',
  },
  {
    id: 'I1.4',
    action: 'A second practitioner able to administer the Kessler Legal firewall',
    owner: P.jonas.email,
    due: '2026-03-31',
    status: 'done',
  },
  {
    id: 'I2.1',
    action: 'Remove the VPN known error PRB-0004 with firmware 7.2.4 (RFC-0015)',
    owner: P.tom.email,
    due: '2026-12-11',
    status: 'approved',
  },
  {
    id: 'I2.2',
    action: 'Raise satisfaction to 4: a call from the Relationship Manager after every complaint and every score below 3',
    owner: P.priya.email,
    due: '2027-03-31',
    status: 'approved',
  },
  {
    id: 'I2.3',
    action: 'Audit service relationship and incidents in the first quarter of 2027',
    owner: P.maria.email,
    due: '2027-03-31',
    status: 'approved',
  },
];
put(
  IR2,
  doc(
    {
      id: 'IR-0002',
      type: 'improvement-report',
      title: 'Improvement report, October 2025 to September 2026',
      status: 'approved',
      version: '1.0',
      owner: P.maria.email,
      period_start: '2025-10-01',
      period_end: '2026-09-30',
      previous: 'IR-0001',
      actions: ir2Actions,
      approved_by: P.maria.email,
      approved_on: '2026-10-15',
    },
    [
      [
        'Customer view',
        'Written by Priya Nair. Satisfaction scores of the period: 2, 3, 4, 4, 5, 2 (average 3.3; target 4): the scores follow\nthe three bad days, the internet outage (FB-0007), the DNS outage (FB-0009) and the VPN drops (FB-0013). Both customers\nrenewed their trust in the yearly reviews (FB-0010, FB-0011: 4 and 4). Kessler Legal has had monthly reports since\nApril 2026 as it asked. Targets missed: the P1 of 2025-12-09 (11 h 18 min) and availability in December (network,\nKessler Legal) and February (e-mail, Bluebell Bakery); service credits were paid.',
      ],
      [
        'Provider view',
        'Written by Maria Santos and Tom Becker. Each major incident has a problem record; two are closed with a fix\n(PRB-0002, PRB-0003) and one is a known error with a fix scheduled (PRB-0004). Changes: 8 requested, 6 deployed (5\nsuccessful, 1 partial), 1 rejected. The unrecorded DNS edit (NC-0001) was the main lapse of the period; the change\nprocedure now covers it and the correction is verified. The internal audit AUD-0001 found two minor nonconformities\n(NC-0002 restore tests, NC-0003 a review date).',
      ],
      [
        'Improvement actions',
        'I1.1, I1.3 and I1.4 of IR-0001 are done; I1.2 (restore tests) is in progress after NC-0002. New actions I2.1 to I2.3,\nproposed here and approved in MR-0002.',
      ],
      [
        'Security improvements',
        'MFA for every account since 2026-02-10 (RFC-0008); DNS edits only through the reviewed zone repository (RFC-0011); the\nphishing incident INC-0011 handled and notified within the legal deadline. Next: firmware 7.2.4 (RFC-0015) and the\nretirement of the unsupported file server (RFC-0017).',
      ],
    ],
  ),
);
const ir2Stage = (step) =>
  stage(IR2, 'draft', {
    drop: APPROVAL,
    set: { actions: ir2Actions.map((a) => (a.id.startsWith('I2') ? { ...a, status: 'proposed' } : a)) },
    sections: {
      ...(step < 2 ? { 'Customer view': 'To be written by Priya Nair from the feedback log and the performance reports.' } : {}),
      ...(step < 3 ? { 'Provider view': 'Written by Maria Santos. Service control to be added by Tom Becker.' } : {}),
    },
  });
commit('2026-10-09 14:00', 'maria', 'Draft the improvement report for October 2025 to September 2026', [ir2Stage(1)]);
commit('2026-10-12 15:00', 'priya', 'IR-0002: the customer view', [ir2Stage(2)]);
commit('2026-10-13 11:00', 'tom', 'IR-0002: service control in the provider view', [ir2Stage(3)]);
commit('2026-10-15 16:00', 'maria', 'Approve IR-0002 in the management review', [final(IR2)]);

put(
  MR2,
  doc(
    {
      id: 'MR-0002',
      type: 'management-review',
      title: 'Management review 2026',
      status: 'approved',
      version: '1.0',
      held_on: '2026-10-15',
      attendees: ATTENDEES,
      period_start: '2025-10-01',
      period_end: '2026-09-30',
      previous: 'MR-0001',
      improvement_report: 'IR-0002',
      inputs: [
        'Actions of MR-0001: R1.1, R1.2 and R1.4 done, R1.3 open',
        'Improvement report IR-0002 (draft) and sms report review --since 2025-10-01 --until 2026-09-30',
        'Objectives of the policy: availability missed in December 2025 and February 2026; satisfaction 3.3 against 4',
        'Incidents: 13 in the period, two P1 (INC-0013, INC-0014) with problem records; known error PRB-0004',
        'Changes: 8 requested, 6 deployed (5 successful, 1 partial), 1 rejected; NC-0001 verified',
        'Internal audit AUD-0001 with NC-0002 (open) and NC-0003 (closed)',
        'Supplier performance: FibreNet missed its repair target once; CloudMail met its targets',
        'Risks RISK-0001 to RISK-0006 reviewed; RISK-0006 still open',
        'Resources and competence: every role holder has a training record; Priya Nair trained as internal auditor',
      ],
      decisions: [
        'IR-0002 approved with its actions I2.1 to I2.3',
        'The policy, scope, roles and procedures stay as they are (reviewed today)',
        'Renew both customer agreements for two more years; start the talks in January 2027',
        'Tom Becker audits service relationship and incidents in the first quarter of 2027',
      ],
      actions: [
        {
          id: 'R1.1',
          action: 'Agree a backup internet line for the Kessler Legal office with the customer',
          owner: P.priya.email,
          due: '2025-12-19',
          status: 'done',
          done_on: '2026-01-20',
          from: 'MR-0001',
          ref: 'RFC-0009',
        },
        {
          id: 'R1.2',
          action: 'Internal audit of governance and service control before the next review',
          owner: P.maria.email,
          due: '2026-09-30',
          status: 'done',
          done_on: '2026-09-21',
          from: 'MR-0001',
        },
        {
          id: 'R1.3',
          action: 'Retire the Kessler Legal file server before its support ends in January 2027',
          owner: P.tom.email,
          due: '2026-12-31',
          status: 'open',
          from: 'MR-0001',
          ref: 'RISK-0006',
        },
        {
          id: 'R1.4',
          action: 'Monthly service reports for Kessler Legal through an amendment of SLA-0002',
          owner: P.priya.email,
          due: '2026-03-31',
          status: 'done',
          done_on: '2026-03-12',
          from: 'MR-0001',
        },
        {
          id: 'R2.1',
          action: 'Upgrade the Kessler Legal firewall to 7.2.4 to remove known error PRB-0004',
          owner: P.tom.email,
          due: '2026-12-11',
          status: 'open',
          ref: 'RFC-0015',
        },
        {
          id: 'R2.2',
          action: 'Quarterly restore tests with a record, and the corrective action of NC-0002',
          owner: P.tom.email,
          due: '2026-12-31',
          status: 'open',
          ref: 'NC-0002',
        },
        {
          id: 'R2.3',
          action: 'Renew SLA-0001 and SLA-0002 before they end on 2027-03-31',
          owner: P.priya.email,
          due: '2027-02-15',
          status: 'open',
        },
        {
          id: 'R2.4',
          action: 'Internal audit of service relationship and incidents, auditor Tom Becker',
          owner: P.maria.email,
          due: '2027-03-31',
          status: 'open',
        },
      ],
      approved_by: P.maria.email,
      approved_on: '2026-10-19',
    },
    [
      [
        'Inputs reviewed',
        'Held on 2026-10-15 from 13:30 to 16:00 with all five staff. The input pack was `sms report review --since 2025-10-01\n--until 2026-09-30`, the draft IR-0002, AUD-0001 and the open actions of MR-0001, in the order of ISO/IEC 20000-1 9.3.',
      ],
      [
        'Decisions',
        'As listed in the front matter. R1.3 of MR-0001 is not done: the file server is still in use; its retirement becomes\nRFC-0017 this month.',
      ],
      [
        'Actions',
        'The actions of MR-0001 with their state (R1.3 carried over), and the new actions R2.1 to R2.4 with owners and due\ndates; open actions are carried to the next review until done.',
      ],
    ],
  ),
);
commit('2026-10-16 10:00', 'priya', 'Minutes of the management review MR-0002', [stage(MR2, 'draft', { drop: APPROVAL })]);
commit('2026-10-19 09:30', 'maria', 'Approve the minutes MR-0002', [final(MR2)]);
