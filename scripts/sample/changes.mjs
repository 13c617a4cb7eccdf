// Service control (CO): configuration items, change requests with their design, build and test, and
// the change schedule. Every normal change that was deployed has a design by a practitioner, a build
// by a practitioner, a test report performed by someone else (never the Control Manager), an entry in
// the schedule committed before its deployment date, approval to deploy (the build set to final),
// and a post-implementation review in the change request.
import { APPROVAL, C, P, at, commit, dayOf, doc, final, isWorkingDay, put, slug, stage, table } from './lib.mjs';

const ciPath = (id, title) => `configuration/${id}-${slug(title)}.md`;
export const CI_PATHS = new Map();
const CI_VERSIONS = [];

/**
 * A configuration item: its final record and the versions before it, in time order, each keyed by
 * the event whose commit writes it ('first', 'build:RFC-…', 'deploy:RFC-…', or an incident or
 * training id). The last version is the final text.
 */
function ci(data, sections, versions) {
  const p = ciPath(data.id, data.title);
  CI_PATHS.set(data.id, p);
  put(p, doc({ type: 'configuration-item', version: '1.0', owner: P.tom.email, ...data }, sections));
  versions.forEach(([key, o], i) => CI_VERSIONS.push({ key, path: p, last: i === versions.length - 1, o: o ?? {} }));
}
/** The CI steps an event's commit carries. */
export const ciStepsFor = (key) =>
  CI_VERSIONS.filter((v) => v.key === key).map((v) => (v.last ? final(v.path) : stage(v.path, v.o.status, v.o)));

const ROWS_HEAD = ['Device', 'Model', 'Since', 'Notes'];
const bbRow = {
  pc: (ssd) => [
    'office PC bb-pc-01',
    `Dell OptiPlex 7010, Windows 11 Pro 23H2${ssd ? ', 512 GB SSD (new on 2026-09-23, INC-0023)' : ''}`,
    '2023-09-04',
    'accounting, backup client',
  ],
  till: [
    'till PC bb-till-01',
    'Dell OptiPlex 3000 thin client, Windows 11 IoT',
    '2023-09-04',
    "runs the till vendor's software (not our service)",
  ],
  nb1: ['laptop bb-nb-01', 'Lenovo ThinkPad T14 Gen 3', '2023-09-04', "owner's laptop"],
  nb2: ['laptop bb-nb-02', 'Lenovo ThinkPad T14 Gen 4, standard image 2025.06', '2025-06-17', 'office assistant (RFC-0002)'],
  nb3: [
    'laptop bb-nb-03',
    'Lenovo ThinkPad T14 Gen 4, standard image 2025.06',
    '2025-09-16',
    "owner's laptop, replaces the stolen bb-nb-01 (RFC-0007)",
  ],
};
ci(
  {
    id: 'CI-0001',
    title: 'Bluebell Bakery workplace devices',
    status: 'updated',
    ci_type: 'hardware',
    location:
      'Bluebell Bakery, Fischmarktweg 3: back office (office PC), shop counter (till PC), laptops with the owner and the office assistant',
    date_of_service: '2023-09-04',
    services: ['SVC-0001'],
    change_requests: ['RFC-0002', 'RFC-0007'],
    incidents: ['INC-0023'],
  },
  [
    ['Description', table(ROWS_HEAD, [bbRow.pc(true), bbRow.till, bbRow.nb2, bbRow.nb3])],
    [
      'Relations',
      'Part of SVC-0001 for SLA-0001. The laptops are BitLocker-encrypted (TPM and PIN) and enrolled in the device management\nconsole; the stolen bb-nb-01 was wiped remotely (INC-0010).',
    ],
  ],
  [
    [
      'first',
      {
        status: 'stored',
        drop: ['change_requests', 'incidents'],
        sections: { Description: table(ROWS_HEAD, [bbRow.pc(false), bbRow.till, bbRow.nb1]), Relations: 'Part of SVC-0001 for SLA-0001.' },
      },
    ],
    [
      'deploy:RFC-0002',
      {
        status: 'updated',
        drop: ['incidents'],
        set: { change_requests: ['RFC-0002'] },
        sections: {
          Description: table(ROWS_HEAD, [bbRow.pc(false), bbRow.till, bbRow.nb1, bbRow.nb2]),
          Relations:
            'Part of SVC-0001 for SLA-0001. The laptops are BitLocker-encrypted (TPM and PIN) and enrolled in the device management\nconsole.',
        },
      },
    ],
    [
      'deploy:RFC-0007',
      {
        status: 'updated',
        drop: ['incidents'],
        sections: { Description: table(ROWS_HEAD, [bbRow.pc(false), bbRow.till, bbRow.nb2, bbRow.nb3]) },
      },
    ],
    ['INC-0023', null],
  ],
);

const klNb = (mfa) =>
  `16 Lenovo ThinkPad T14 Gen 4 (kl-nb-01 to kl-nb-16, two of them spares), ${mfa ? 'Windows 11 Pro 24H2 since the March 2026 update' : 'Windows 11 Pro 23H2'},\nBitLocker with TPM and PIN, the VPN client with auto-reconnect, enrolled in the device management console.${mfa ? "\nSign-in to CloudMail with multi-factor authentication since RFC-0008 (2026-02-10); the authenticator app runs on the\nstaff's company phones." : ''}`;
ci(
  {
    id: 'CI-0002',
    title: 'Kessler Legal laptops',
    status: 'updated',
    ci_type: 'hardware',
    location: 'With the 14 staff of Kessler Legal; two spares in our office, Quay Street 4',
    date_of_service: '2024-03-11',
    services: ['SVC-0001'],
    change_requests: ['RFC-0008'],
  },
  [
    ['Description', klNb(true)],
    ['Relations', 'Part of SVC-0001 for SLA-0002; VPN access through CI-0005.'],
  ],
  [
    ['first', { status: 'stored', drop: ['change_requests'], sections: { Description: klNb(false) } }],
    ['deploy:RFC-0008', null],
  ],
);

const cmRows = (n) =>
  table(
    ['Part', 'Configuration'],
    [
      [
        'Bluebell Bakery',
        n >= 1
          ? '6 mailboxes, 2 shared mailboxes (orders, office); mail plan 50 GB with online archive'
          : 'tenant prepared; mailboxes still at the old host',
      ],
      [
        'Kessler Legal',
        n >= 3
          ? '14 mailboxes, 3 shared mailboxes (reception since RFC-0006, accounts, court filings)'
          : n >= 1
            ? '14 mailboxes, 2 shared mailboxes (accounts, court filings)'
            : 'tenant prepared; mailboxes still at the old host',
      ],
      [
        'Security',
        n >= 4
          ? "MFA enforced for every account since 2026-02-10 (RFC-0008); the shop kiosk account limited to the shop's IP address"
          : 'passwords of at least 14 characters; no MFA yet',
      ],
      ...(n >= 2 ? [['Object storage', 'bucket hl-offsite-backup, object lock 30 days, since 2025-08-12 (RFC-0005)']] : []),
    ],
  );
ci(
  {
    id: 'CI-0003',
    title: 'CloudMail tenant',
    status: 'updated',
    ci_type: 'software',
    location: "CloudMail's data centres in Frankfurt and Amsterdam (EU); administered in the CloudMail partner portal",
    date_of_service: '2025-05-06',
    services: ['SVC-0002', 'SVC-0003'],
    supplier: 'CloudMail',
    change_requests: ['RFC-0001', 'RFC-0005', 'RFC-0006', 'RFC-0008'],
  },
  [
    ['Description', cmRows(4)],
    ['Relations', 'Hosted under UA-0001. Mail for both customers moved here from their old host on 2025-05-06 (RFC-0001).'],
  ],
  [
    [
      'first',
      {
        status: 'stored',
        drop: ['change_requests'],
        set: { services: ['SVC-0002'], date_of_service: '2025-03-03' },
        sections: { Description: cmRows(0), Relations: 'Hosted under UA-0001 from April 2025. Mailboxes move here with RFC-0001.' },
      },
    ],
    [
      'deploy:RFC-0001',
      { status: 'updated', set: { services: ['SVC-0002'], change_requests: ['RFC-0001'] }, sections: { Description: cmRows(1) } },
    ],
    ['deploy:RFC-0005', { status: 'updated', set: { change_requests: ['RFC-0001', 'RFC-0005'] }, sections: { Description: cmRows(2) } }],
    [
      'deploy:RFC-0006',
      { status: 'updated', set: { change_requests: ['RFC-0001', 'RFC-0005', 'RFC-0006'] }, sections: { Description: cmRows(3) } },
    ],
    ['deploy:RFC-0008', null],
  ],
);

const bkp = (offsite) =>
  `Rack server with 4 × 8 TB disks in RAID 6, backup software 12.1, nightly jobs from 22:00 for both customers, 30 restore\npoints.${offsite ? " Since RFC-0005 (2025-08-12) every night's backup is copied encrypted to CloudMail object storage with a\n30-day object lock." : ''}`;
ci(
  {
    id: 'CI-0004',
    title: 'Backup server hl-bkp-01',
    status: 'updated',
    ci_type: 'hardware',
    location: 'Harbour Lane IT, Quay Street 4, server rack A (locked); off-site copy in CloudMail object storage',
    date_of_service: '2024-02-15',
    services: ['SVC-0003'],
    change_requests: ['RFC-0005'],
  },
  [
    ['Description', bkp(true)],
    ['Relations', 'SVC-0003 for SLA-0001 and SLA-0002; the component store of the secure component procedure lives here.'],
  ],
  [
    [
      'first',
      {
        status: 'stored',
        drop: ['change_requests'],
        set: { location: 'Harbour Lane IT, Quay Street 4, server rack A (locked)' },
        sections: { Description: bkp(false) },
      },
    ],
    ['deploy:RFC-0005', null],
  ],
);

const fwRows = (n) =>
  table(
    ['Item', 'Value'],
    [
      ['Model', 'Firewall appliance, 8 ports, serial FW60-2311-4471'],
      ['Firmware', n >= 1 ? `7.0.14 since 2025-06-03 (RFC-0003)${n >= 4 ? '; 7.2.4 planned for 2026-12-08 (RFC-0015)' : ''}` : '7.0.12'],
      [
        'VPN',
        n >= 1 ? 'IPsec for 6 remote lawyers; SSL-VPN portal disabled since RFC-0003' : 'IPsec and SSL-VPN portal for 6 remote lawyers',
      ],
      ['WAN', n >= 3 ? 'port 1: FibreNet fibre; port 2: LTE router CI-0013 as failover (since RFC-0009)' : 'port 1: FibreNet fibre'],
      ...(n >= 4 ? [['Rules', 'allow list for the e-filing client since RFC-0016 (2026-10-14)']] : []),
    ],
  );
const OLD_OFFICE = 'Kessler Legal, comms cabinet at Kehrwieder 9';
ci(
  {
    id: 'CI-0005',
    title: 'Kessler Legal firewall and VPN appliance kl-fw-01',
    status: 'updated',
    ci_type: 'hardware',
    location: 'Kessler Legal, comms room of the new office at Große Elbstraße 140 (since 2026-03-14)',
    date_of_service: '2023-11-20',
    services: ['SVC-0004'],
    change_requests: ['RFC-0003', 'RFC-0009', 'RFC-0010', 'RFC-0016'],
  },
  [
    ['Description', fwRows(4)],
    ['Relations', 'SVC-0004 for SLA-0002. The configuration is exported to the component store after every change.'],
  ],
  [
    ['first', { status: 'stored', drop: ['change_requests'], set: { location: OLD_OFFICE }, sections: { Description: fwRows(0) } }],
    [
      'deploy:RFC-0003',
      { status: 'updated', set: { location: OLD_OFFICE, change_requests: ['RFC-0003'] }, sections: { Description: fwRows(1) } },
    ],
    ['deploy:RFC-0010', { status: 'updated', set: { change_requests: ['RFC-0003', 'RFC-0010'] }, sections: { Description: fwRows(2) } }],
    [
      'deploy:RFC-0009',
      { status: 'updated', set: { change_requests: ['RFC-0003', 'RFC-0009', 'RFC-0010'] }, sections: { Description: fwRows(3) } },
    ],
    ['deploy:RFC-0016', null],
  ],
);

ci(
  {
    id: 'CI-0006',
    title: 'Kessler Legal switch and Wi-Fi at Kehrwieder 9',
    status: 'updated',
    ci_type: 'hardware',
    location: 'Harbour Lane IT, Quay Street 4, spares cabinet (since 2026-03-16); the access points went back to the lessor',
    date_of_service: '2019-05-02',
    services: ['SVC-0004'],
    change_requests: ['RFC-0010'],
  },
  [
    [
      'Description',
      "One 24-port PoE switch (firmware 2.4.7) and, until the move, three Wi-Fi access points (meeting room, partners' offices,\nopen office) at the old office. Since the move (RFC-0010) the switch is the cold spare for the stack CI-0012; it is\nretired when the stack's warranty replacement is confirmed.",
    ],
  ],
  [
    [
      'first',
      {
        status: 'stored',
        drop: ['change_requests'],
        set: { location: 'Kessler Legal, comms cabinet and ceilings at Kehrwieder 9' },
        sections: {
          Description:
            "One 24-port PoE switch (firmware 2.4.7) and three Wi-Fi access points (meeting room, partners' offices, open office).",
        },
      },
    ],
    ['deploy:RFC-0010', null],
  ],
);

ci(
  {
    id: 'CI-0007',
    title: 'Kessler Legal file server kl-fs-01',
    status: 'updated',
    ci_type: 'hardware',
    location: 'Kessler Legal, comms room of the new office (moved from Kehrwieder 9 on 2026-03-14)',
    date_of_service: '2017-02-01',
    services: ['SVC-0001', 'SVC-0003'],
    change_requests: ['RFC-0010'],
  },
  [
    [
      'Description',
      'Tower server with Windows Server 2016 (extended support ends on 2027-01-12), 2 × 2 TB mirrored, holding the client\nfiles and the scanner folders. To be retired by RFC-0017 (planned for 2026-12-08): the files move to the CloudMail file\nstore. Risk RISK-0006.',
    ],
  ],
  [
    [
      'first',
      {
        status: 'stored',
        drop: ['change_requests'],
        set: { location: OLD_OFFICE },
        sections: {
          Description:
            'Tower server with Windows Server 2016 (extended support ends on 2027-01-12), 2 × 2 TB mirrored, holding the client\nfiles and the scanner folders.',
        },
      },
    ],
    [
      'deploy:RFC-0010',
      {
        status: 'updated',
        sections: {
          Description:
            'Tower server with Windows Server 2016 (extended support ends on 2027-01-12), 2 × 2 TB mirrored, holding the client\nfiles and the scanner folders. Its retirement is risk RISK-0006.',
        },
      },
    ],
    ['schedule:RFC-0017', null],
  ],
);

const dns = (n) =>
  [
    'The zones bluebell-bakery.example and kessler-legal.example: MX, SPF, DKIM and DMARC records',
    n >= 1 ? ' for CloudMail' : ' (still at the old mail host)',
    ", the web records of the\nbakery's web shop (hosted by its agency), the VPN host name of Kessler Legal.",
    n >= 2
      ? ' Since RFC-0011 every edit is made in the zone\nrepository, reviewed by a second practitioner and published by its pipeline (model PA-3); the nightly export of the\npublished zones is kept 90 days.'
      : ' Edited in the CloudMail DNS console; exported nightly to the\nconfiguration backup.',
    n >= 3
      ? `\n\nRecords changed since: the web shop's payment verification record (RFC-0013)${n >= 4 ? "; CloudMail's new sending range in\nKessler Legal's SPF record (RFC-0014)" : ''}.`
      : '',
  ].join('');
ci(
  {
    id: 'CI-0008',
    title: 'Customer DNS zones',
    status: 'updated',
    ci_type: 'information',
    location: 'Hosted by CloudMail DNS (UA-0001); zone files in the zone repository since 2026-03-10 (RFC-0011)',
    date_of_service: '2025-05-06',
    services: ['SVC-0002'],
    supplier: 'CloudMail',
    change_requests: ['RFC-0001', 'RFC-0011', 'RFC-0013', 'RFC-0014'],
  },
  [['Description', dns(4)]],
  [
    [
      'first',
      {
        status: 'stored',
        drop: ['change_requests', 'supplier'],
        set: { location: 'Hosted by the old mail host (moving to CloudMail DNS with RFC-0001)' },
        sections: { Description: dns(0) },
      },
    ],
    [
      'deploy:RFC-0001',
      {
        status: 'updated',
        set: { change_requests: ['RFC-0001'], location: 'Hosted by CloudMail DNS (UA-0001)' },
        sections: { Description: dns(1) },
      },
    ],
    ['deploy:RFC-0011', { status: 'updated', set: { change_requests: ['RFC-0001', 'RFC-0011'] }, sections: { Description: dns(2) } }],
    [
      'deploy:RFC-0013',
      { status: 'updated', set: { change_requests: ['RFC-0001', 'RFC-0011', 'RFC-0013'] }, sections: { Description: dns(3) } },
    ],
    ['deploy:RFC-0014', null],
  ],
);

ci(
  {
    id: 'CI-0009',
    title: 'Kessler Legal fibre line FN-HH-220417',
    status: 'updated',
    ci_type: 'service',
    location: 'Kessler Legal, fibre termination in the comms room of the new office (since 2026-03-13)',
    date_of_service: '2022-06-01',
    services: ['SVC-0004'],
    supplier: 'FibreNet',
    change_requests: ['RFC-0010'],
  },
  [
    [
      'Description',
      'FibreNet business fibre 500/100 Mbit/s, one fixed IPv4 address, circuit FN-HH-220417, contract FN-B-88213 (UA-0002).\nMoved to the new office by FibreNet on 2026-03-13 (relocation order FN-R-1203) for RFC-0010. On-site access for FibreNet\ntechnicians: Markus Roth or, outside office hours, our on-call number (since FB-0008).',
    ],
  ],
  [
    [
      'first',
      {
        status: 'stored',
        drop: ['change_requests'],
        set: { location: 'Kessler Legal, fibre termination in the comms cabinet at Kehrwieder 9' },
        sections: {
          Description:
            'FibreNet business fibre 500/100 Mbit/s, one fixed IPv4 address, circuit FN-HH-220417, contract FN-B-88213 (UA-0002).',
        },
      },
    ],
    ['deploy:RFC-0010', null],
  ],
);

ci(
  {
    id: 'CI-0012',
    title: 'Kessler Legal switch stack and Wi-Fi at Große Elbstraße 140',
    status: 'updated',
    ci_type: 'hardware',
    location: 'Kessler Legal, comms room and ceilings of the new office, Große Elbstraße 140',
    date_of_service: '2026-03-14',
    services: ['SVC-0004'],
    change_requests: ['RFC-0010'],
  },
  [
    [
      'Description',
      "Two stacked 24-port PoE switches (firmware 3.1.2, serials SW24-2602-0113 and -0114) and four Wi-Fi 6 access points\n(reception, meeting room, partners' corridor, open office). Configuration built and tested in our office before the\nmove (BLD-0006, TR-0006).",
    ],
  ],
  [
    [
      'build:RFC-0010',
      {
        status: 'stored',
        drop: ['change_requests', 'date_of_service'],
        set: { location: 'Harbour Lane IT, Quay Street 4, on the bench for the move of Kessler Legal' },
      },
    ],
    ['deploy:RFC-0010', null],
  ],
);

ci(
  {
    id: 'CI-0013',
    title: 'Kessler Legal LTE backup router',
    status: 'updated',
    ci_type: 'hardware',
    location: 'Kessler Legal, comms room of the new office; antenna at the reception window',
    date_of_service: '2026-04-21',
    services: ['SVC-0004'],
    change_requests: ['RFC-0009'],
  },
  [
    [
      'Description',
      'LTE router (firmware 1.8.3) with a business data SIM on a separate mobile contract of Kessler Legal, on port 2 of the\nfirewall CI-0005; the firewall fails over within 60 seconds when the fibre is down. Failover tested on 2026-04-15\n(TR-0007).',
    ],
  ],
  [
    [
      'build:RFC-0009',
      { status: 'stored', drop: ['change_requests', 'date_of_service'], set: { location: 'Harbour Lane IT, Quay Street 4, on the bench' } },
    ],
    ['deploy:RFC-0009', null],
  ],
);

ci(
  {
    id: 'CI-0010',
    title: 'Firewall and VPN administration competence',
    status: 'updated',
    ci_type: 'competence',
    location: 'Jonas Weber (certified 2025-11-20, TRN-0012) and Lea Fischer (cross-trained 2026-03-20, TRN-0013)',
    date_of_service: '2025-01-16',
    services: ['SVC-0004'],
  },
  [
    [
      'Description',
      'The ability to change and troubleshoot the Kessler Legal firewall and VPN (CI-0005). Held by two practitioners since\nMarch 2026, so that one can build and the other test every firewall change (risk RISK-0005).',
    ],
  ],
  [
    [
      'first',
      {
        status: 'stored',
        set: { location: 'Jonas Weber (vendor certification planned for 2025)' },
        sections: {
          Description:
            'The ability to change and troubleshoot the Kessler Legal firewall and VPN (CI-0005). Held by one practitioner only.',
        },
      },
    ],
    ['TRN-0013', null],
  ],
);

ci(
  {
    id: 'CI-0011',
    title: 'Standard laptop image',
    status: 'updated',
    ci_type: 'software',
    location: 'Component store on hl-bkp-01, folder images/laptop/2025.06',
    date_of_service: '2025-06-17',
    services: ['SVC-0001'],
    change_requests: ['RFC-0002'],
  },
  [
    [
      'Description',
      'Windows 11 Pro image 2025.06 with the device management agent, the BitLocker policy (TPM and PIN), the VPN client and\nthe office suite. Built and tested with RFC-0002 (BLD-0002, TR-0002); the master copy of the pre-approved model PA-2.',
    ],
  ],
  [
    [
      'build:RFC-0002',
      {
        status: 'stored',
        drop: ['change_requests', 'date_of_service'],
        sections: {
          Description:
            'Windows 11 Pro image 2025.06 with the device management agent, the BitLocker policy (TPM and PIN), the VPN client and\nthe office suite (BLD-0002).',
        },
      },
    ],
    ['deploy:RFC-0002', null],
  ],
);

// --- change requests -------------------------------------------------------------------------------
// Times are local (Berlin). `request` is committed by `by` (the Control Manager or a practitioner
// writes up a customer's request), the decision by Tom (CM). Normal changes that were deployed
// carry `dbt`: the design (designer), the build (builder) and the test report (tester, published by
// the CM), with their commit times; `deploy` is the deployment date with the commit that updates the
// configuration items; `review` is when the CM records the outcome and the post-implementation
// review (the change request moves to `updated`).
const WINDOW = 'Tuesday 19:00–22:00';
export const RFCS = [
  {
    id: 'RFC-0001',
    title: 'Migrate the mailboxes of both customers to CloudMail',
    type: 'normal',
    priority: 'P2',
    requester: P.priya.email,
    by: 'priya',
    origin: 'internal',
    services: ['SVC-0002'],
    cis: ['CI-0003', 'CI-0008'],
    needed: '2025-05-31',
    cost: 'About 24 hours of work; mailbox licences as in UA-0001',
    request: '2025-04-01 10:00',
    decision: ['2025-04-03 11:00', 'approved'],
    schedule: ['2025-04-10 09:30', '2025-05-06', WINDOW],
    dbt: {
      design: ['2025-04-07 14:00', 'jonas', '2025-04-09 10:00'],
      build: ['2025-04-24 16:00', 'jonas'],
      test: ['2025-04-29 15:00', C.markus.email, '2025-04-28', '2025-04-30 10:00'],
    },
    deploy: ['2025-05-06', '2025-05-07 08:30', 'jonas'],
    review: '2025-05-09 14:00',
    outcome: 'successful',
    purpose:
      "Both customers' mail is at an old shared host that ends its service on 2025-06-30 and offers no EU data-residency\nstatement. Move all 20 mailboxes, 4 shared mailboxes, calendars and the DNS zones to the CloudMail tenant under UA-0001.",
    impact:
      'Every user of both customers is affected. Doing it: an evening without mail and the risk of lost or delayed messages\nduring the cut-over. Not doing it: no mail after 2025-06-30.',
    scope:
      'CI-0003 (CloudMail tenant) and CI-0008 (DNS zones) for SVC-0002; Outlook profiles on every laptop are re-created\nautomatically by the device management console. Out of scope: archives older than 2019 (exported to the file server).',
    plan: 'Pilot with three Kessler Legal mailboxes (TR-0001), then both customers in one Tuesday window: lower the MX TTL to\n5 minutes 48 hours before, switch MX at 19:00, copy the delta, check every mailbox. Rollback: point MX back to the old\nhost (still running until 2025-06-30) and re-run the delta in the other direction.',
    pir: 'Deployed on 2025-05-06 between 19:00 and 21:40; all 20 mailboxes and 4 shared mailboxes were checked by Jonas against\nthe message counts of the old host. One problem: the MX TTL had only been lowered on the bakery\'s zone, so some senders\nkept delivering to the old host for Kessler Legal until the next morning (INC-0003, fixed by forwarding). Lessons: a\nchecklist line "lower the TTL of every zone and verify it" for mail cut-overs; customers are told of possible delays in\nthe announcement (complaint FB-0002). Mailboxes and shared mailboxes become pre-approved model PA-1 (change procedure\n1.1).',
  },
  {
    id: 'RFC-0002',
    title: 'Standard laptop for the new office assistant at Bluebell Bakery',
    type: 'normal',
    priority: 'P3',
    requester: C.eva.email,
    by: 'tom',
    origin: 'customer',
    services: ['SVC-0001'],
    cis: ['CI-0001', 'CI-0011'],
    needed: '2025-06-17',
    cost: 'Laptop EUR 1,150; 6 hours of work',
    request: '2025-05-27 09:00',
    decision: ['2025-05-28 10:00', 'approved'],
    schedule: ['2025-06-04 10:15', '2025-06-17', 'Tuesday 10:00–12:00 on site (interrupts no one)'],
    dbt: {
      design: ['2025-06-02 14:00', 'jonas', '2025-06-04 09:30'],
      build: ['2025-06-13 15:00', 'jonas'],
      test: ['2025-06-16 11:00', P.lea.email, '2025-06-16', '2025-06-16 15:00'],
    },
    deploy: ['2025-06-17', '2025-06-17 14:00', 'jonas'],
    review: '2025-06-20 10:00',
    outcome: 'successful',
    purpose:
      'Eva Brandt asked for a laptop for the office assistant who starts on 2025-06-17. It is also the first laptop built\nfrom a standard image, so it goes through the full normal process once to prove the image and the checklist before\nlaptops become a pre-approved change.',
    impact: 'Only the new user is affected; without it the assistant cannot work from the first day.',
    scope: 'A new laptop bb-nb-02 in CI-0001 and the new standard image CI-0011 for SVC-0001. The till PC is not touched.',
    plan: "Build the image, install it on the laptop, enrol it and encrypt it; Lea tests it against the design's checklist; hand\nit over on site. Rollback: the assistant uses the office PC until the laptop is fixed.",
    pir: "Handed over on 2025-06-17 at 10:30. The next day the laptop could not print (INC-0006): the bakery's printer needs the\nvendor's PCL6 driver, which is not in the image. Lesson: the checklist of the laptop model now installs each customer's\nprinter drivers. With that, laptops from the standard image become pre-approved model PA-2 (change procedure 1.2).",
  },
  {
    id: 'RFC-0003',
    title: 'Patch the Kessler Legal VPN appliance (vendor security advisory)',
    type: 'emergency',
    priority: 'P1',
    requester: P.jonas.email,
    by: 'jonas',
    origin: 'IN.2.2',
    services: ['SVC-0004'],
    cis: ['CI-0005'],
    incidents: ['INC-0005'],
    needed: '2025-06-03',
    cost: '2 hours of work; no licence cost',
    request: '2025-06-03 08:20',
    decision: ['2025-06-03 08:35', 'approved'],
    schedule: ['2025-06-03 08:40', '2025-06-03', 'emergency, 12:10–12:30 (lunch break, agreed with Markus Roth)'],
    deploy: ['2025-06-03', '2025-06-03 13:00', 'jonas'],
    review: '2025-06-05 10:00',
    outcome: 'successful',
    anyTime: true,
    purpose:
      'The vendor published a critical advisory on 2025-06-02 for the SSL-VPN service of firmware 7.0.12 (remote code\nexecution, exploited in the wild). Exploit attempts crashed the service this morning (INC-0005). Install 7.0.14 and\nswitch the SSL-VPN portal off: the lawyers use IPsec only.',
    impact:
      'The VPN is down for about 15 minutes during the reboot. Not patching leaves the appliance open to a known exploit,\nwith client files behind it.',
    scope: 'CI-0005 for SVC-0004. No configuration change other than the firmware and the disabled SSL-VPN portal.',
    plan: 'Export the configuration, install 7.0.14 at 12:10, check the IPsec tunnels of two remote users with Markus Roth.\nRollback: the appliance keeps the previous firmware in its second partition; boot from it.',
    pir: "Reviewed on 2025-06-05 after the fact, as the change procedure asks for emergency changes. Deployed 12:10–12:25; the\nIPsec tunnels came back at 12:24; no crash since. Approval by phone at 08:05 was recorded at 08:35, schedule entry at\n08:40. Lesson: we learned of the advisory from the crash, not from the vendor. Jonas subscribed to the vendor's\nadvisory feed and critical advisories are now patched within 48 hours (change procedure 1.2, problem PRB-0001).",
  },
  {
    id: 'RFC-0004',
    title: 'Replace the Kessler Legal core switch with a stacked pair',
    type: 'normal',
    priority: 'P3',
    requester: P.jonas.email,
    by: 'jonas',
    origin: 'internal',
    services: ['SVC-0004'],
    cis: ['CI-0006'],
    needed: '2025-09-30',
    cost: 'Two switches EUR 2,600; 10 hours of work',
    request: '2025-06-23 10:00',
    decision: ['2025-07-01 14:00', 'rejected'],
    purpose: 'The single switch at Kessler Legal is a single point of failure for every desk. Replace it with a stacked pair.',
    impact: 'An evening without the network at Kessler Legal; without it a switch failure stops the office until a spare arrives.',
    scope: 'CI-0006 for SVC-0004.',
    plan: 'Pre-configure the stack in our office, swap in a Tuesday window. Rollback: put the old switch back.',
    decision_text:
      'Rejected by Tom Becker on 2025-07-01: Kessler Legal plans to move office in spring 2026, and the new office needs new\ncabling and switches anyway. A spare switch is kept in our office meanwhile. To be taken up in the change for the move.',
  },
  {
    id: 'RFC-0005',
    title: 'Off-site copy of the nightly backups',
    type: 'normal',
    priority: 'P2',
    requester: P.priya.email,
    by: 'priya',
    origin: 'IN.1.3',
    services: ['SVC-0003'],
    cis: ['CI-0004', 'CI-0003'],
    needed: '2025-08-31',
    cost: 'Object storage about EUR 35 per month; 12 hours of work',
    request: '2025-07-08 09:00',
    decision: ['2025-07-10 11:00', 'approved'],
    schedule: ['2025-07-17 09:00', '2025-08-12', WINDOW],
    dbt: {
      design: ['2025-07-14 14:00', 'jonas', '2025-07-16 10:00'],
      build: ['2025-08-04 16:00', 'lea'],
      test: ['2025-08-07 15:00', P.jonas.email, '2025-08-07', '2025-08-08 10:00'],
    },
    deploy: ['2025-08-12', '2025-08-13 09:00', 'lea'],
    review: '2025-08-15 11:00',
    outcome: 'successful',
    purpose:
      "All backups are on one server in our office (risk RISK-0003: ransomware or a fire would take the backups with the\noriginals). Copy every night's backup, encrypted, to object storage in another data centre with a 30-day lock, so that\nnobody, including an attacker with our credentials, can delete it.",
    impact:
      'No user is affected; the copy runs after the nightly jobs. Not doing it leaves both customers without a backup if our\noffice is lost.',
    scope: 'CI-0004 (backup server) and CI-0003 (new object storage bucket under UA-0001 amendment A1) for SVC-0003.',
    plan: 'Create the bucket with object lock, add a copy job after the nightly jobs, restore a folder of each customer from the\ncopy (TR-0003). Rollback: disable the copy job; the local backups are not touched.',
    pir: 'The first copy job ran on 2025-08-12 at 23:40 and finished at 02:15 (1.1 TB); since then each night takes 25–40\nminutes. Nothing needed to change in the procedures. The off-site copy saved the January invoices of Bluebell Bakery in\nApril 2026 (INC-0017).',
  },
  {
    id: 'RFC-0006',
    model: 'PA-1',
    title: 'Shared mailbox for the Kessler Legal reception',
    type: 'pre-approved',
    priority: 'P4',
    requester: C.markus.email,
    by: 'lea',
    origin: 'customer',
    services: ['SVC-0002'],
    cis: ['CI-0003'],
    needed: '2025-09-10',
    cost: 'No licence cost; 30 minutes of work',
    request: '2025-09-08 09:00',
    decision: ['2025-09-08 11:00', 'approved'],
    schedule: ['2025-09-08 11:05', '2025-09-09', 'Tuesday 09:00–10:00 (interrupts no one)'],
    deploy: ['2025-09-09', '2025-09-09 10:00', 'lea'],
    review: '2025-09-09 15:00',
    outcome: 'successful',
    purpose:
      'Markus Roth asked for a shared mailbox empfang@ for the reception, readable by the two receptionists. Pre-approved model PA-1.',
    impact: 'No one is interrupted; the receptionists stop forwarding the general mail to each other.',
    scope: 'A shared mailbox in CI-0003 for SVC-0002.',
    plan: 'Create the mailbox and permissions as in the model. Rollback: delete the mailbox.',
    pir: 'Created on 2025-09-09 at 09:20 as the model describes; both receptionists confirmed access. Nothing to change.',
  },
  {
    id: 'RFC-0007',
    model: 'PA-2',
    title: 'Replacement laptop for Sam Clarke after the theft',
    type: 'pre-approved',
    priority: 'P2',
    requester: C.sam.email,
    by: 'jonas',
    origin: 'customer',
    services: ['SVC-0001'],
    cis: ['CI-0001'],
    incidents: ['INC-0010'],
    needed: '2025-09-16',
    cost: 'Laptop EUR 1,150 (spare pool, reordered); 2 hours of work',
    request: '2025-09-15 09:30',
    decision: ['2025-09-15 10:00', 'approved'],
    schedule: ['2025-09-15 10:05', '2025-09-16', 'Tuesday 09:00–11:00 on site (interrupts no one)'],
    deploy: ['2025-09-16', '2025-09-16 11:30', 'jonas'],
    review: '2025-09-17 11:00',
    outcome: 'successful',
    purpose:
      "Sam Clarke's laptop was stolen (INC-0010). Give him a laptop from the spare pool with the standard image. Pre-approved model PA-2.",
    impact: 'Sam works on the office PC until then; the spare pool is down to one laptop until the reorder arrives.',
    scope: 'A new laptop bb-nb-03 in CI-0001; the stolen bb-nb-01 is removed from CI-0001 and the device management console.',
    plan: "Install from the standard image, restore Sam's files from the CloudMail file store, hand over on site. Rollback: none needed.",
    pir: 'Handed over on 2025-09-16 at 09:40; Sam confirmed his files and mail. Spare reordered the same day. Nothing to change.',
  },
  {
    id: 'RFC-0008',
    title: 'Multi-factor authentication for every CloudMail account',
    type: 'normal',
    priority: 'P2',
    requester: P.priya.email,
    by: 'priya',
    origin: 'IN.1.3',
    services: ['SVC-0002', 'SVC-0001'],
    cis: ['CI-0003', 'CI-0002'],
    incidents: ['INC-0011'],
    needed: '2026-02-28',
    cost: 'Included in the CloudMail licences; about 20 hours of work including enrolment at the desks',
    request: '2025-10-14 10:00',
    decision: ['2025-10-21 11:00', 'approved'],
    schedule: ['2025-11-06 09:30', '2026-02-10', `${WINDOW} (enforcement); enrolment at the desks on 2026-02-11`],
    dbt: {
      design: ['2025-11-03 14:00', 'jonas', '2025-11-05 10:00'],
      build: ['2026-01-20 16:00', 'lea'],
      test: ['2026-01-28 15:00', P.jonas.email, '2026-01-27', '2026-01-30 10:00'],
    },
    deploy: ['2026-02-10', '2026-02-11 16:00', 'lea'],
    review: '2026-02-13 11:00',
    outcome: 'partial',
    purpose:
      'A password phished at Kessler Legal gave an attacker a mailbox for 25 minutes (INC-0011). With multi-factor\nauthentication a stolen password alone is not enough. Dr. Kessler asked for it (FB-0006); it treats risk RISK-0004.',
    impact:
      'Every user of both customers enrols an authenticator app once. Not doing it leaves every mailbox one phished password\naway from a data breach.',
    scope:
      'CI-0003 (sign-in policy) and CI-0002 (authenticator app on the company phones) for SVC-0002 and SVC-0001. Scheduled\nafter the Christmas and year-end freezes.',
    plan: 'Pilot with four users (TR-0004), announce two weeks ahead, enforce in the Tuesday window, enrol everyone at their desks\nthe next morning with Lea. Rollback: switch enforcement off per user or for the tenant.',
    pir: "Enforced on 2026-02-10 at 19:30; 19 of 20 users enrolled by 2026-02-11 16:00. Outcome partial: the bakery's shop kiosk\naccount (the order screen at the counter) cannot use an authenticator, so it is excluded and may sign in only from the\nshop's internet address, an exception Sam Clarke accepted in writing. The policy may now state MFA (policy 1.1). Lesson:\nask for shared and kiosk accounts in the design.",
  },
  {
    id: 'RFC-0009',
    title: 'LTE backup line for the Kessler Legal office',
    type: 'normal',
    priority: 'P2',
    requester: P.priya.email,
    by: 'priya',
    origin: 'IN.1.3',
    services: ['SVC-0004'],
    cis: ['CI-0005', 'CI-0013'],
    incidents: ['INC-0013'],
    needed: '2026-04-30',
    cost: 'Router EUR 420, data SIM EUR 39 per month (Kessler Legal); 8 hours of work',
    request: '2026-01-13 10:00',
    decision: ['2026-01-20 11:00', 'approved'],
    schedule: ['2026-02-05 09:30', '2026-04-21', WINDOW],
    dbt: {
      design: ['2026-02-02 14:00', 'jonas', '2026-02-04 10:00'],
      build: ['2026-04-08 16:00', 'lea'],
      test: ['2026-04-15 16:00', P.jonas.email, '2026-04-15', '2026-04-16 10:00'],
    },
    deploy: ['2026-04-21', '2026-04-22 09:00', 'lea'],
    review: '2026-04-23 09:30',
    outcome: 'successful',
    purpose:
      'A cut fibre left Kessler Legal without internet for 11 hours (INC-0013, problem PRB-0002). Add an LTE router as a\nsecond line on the firewall, which fails over automatically. Built for the new office, so deployed after the move.',
    impact:
      "A short interruption while the firewall's WAN settings are changed. Without it any fibre fault stops mail, files in\nthe cloud and the court e-filing at the office.",
    scope: 'CI-0005 (second WAN port, failover rules) and the new CI-0013 for SVC-0004.',
    plan: 'Configure the router on the bench, test failover and failback with a lab line (TR-0007), install it in the Tuesday\nwindow. Rollback: unplug port 2; the fibre configuration is unchanged.',
    pir: "Installed on 2026-04-21 from 19:10 to 20:05; failover tested on site by unplugging the fibre: 48 seconds to switch,\nVPN tunnels re-established by themselves. A second test on 2026-05-19 with FibreNet's planned maintenance confirmed it.\nNothing to change in the procedures; the catalogue entry of SVC-0004 was updated.",
  },
  {
    id: 'RFC-0010',
    title: 'Network for the Kessler Legal office move',
    type: 'normal',
    priority: 'P2',
    requester: C.markus.email,
    by: 'tom',
    origin: 'customer',
    services: ['SVC-0004', 'SVC-0001'],
    cis: ['CI-0005', 'CI-0006', 'CI-0007', 'CI-0009', 'CI-0012'],
    needed: '2026-03-14',
    cost: 'Switch stack and 4 access points EUR 4,900; 28 hours of work',
    request: '2026-01-27 10:00',
    decision: ['2026-01-29 11:00', 'approved'],
    schedule: [
      '2026-02-12 09:30',
      '2026-03-14',
      'Saturday 08:00–16:00, an exception to the windows agreed with Kessler Legal for the move',
    ],
    dbt: {
      design: ['2026-02-09 14:00', 'jonas', '2026-02-11 14:00'],
      build: ['2026-03-05 16:00', 'jonas'],
      test: ['2026-03-10 15:00', P.lea.email, '2026-03-10', '2026-03-11 10:00'],
    },
    deploy: ['2026-03-14', '2026-03-16 09:00', 'tom'],
    review: '2026-03-18 14:00',
    outcome: 'successful',
    purpose:
      'Kessler Legal moves from Kehrwieder 9 to Große Elbstraße 140 on Saturday 2026-03-14. Set up the network there: a\nstacked switch pair and four access points (the redundancy rejected in RFC-0004 for the old office), the firewall and\nthe file server moved, the fibre line relocated by FibreNet on 2026-03-13.',
    impact: 'The office is closed on the Saturday; everyone must be able to work on Monday 2026-03-16 at 08:00.',
    scope: 'CI-0005, CI-0007 and CI-0009 move; CI-0006 becomes the cold spare; the new CI-0012 for SVC-0004 and SVC-0001.',
    plan: 'Configure the stack and access points in our office (BLD-0006), test them with a floor plan and a copy of the firewall\n(TR-0006), move and connect on Saturday, walk every desk on Monday at 07:30. Rollback: none possible after the move;\nspare switch and access point on site.',
    pir: 'Moved on 2026-03-14 from 08:00 to 15:20; on Monday two desks in the back office had no network (INC-0016: patch\ncables to the wrong switch ports, the floor plan had an old port numbering). Lesson: the test walks every desk with\nthe final patch list, not the floor plan. Otherwise as designed; the old switch CI-0006 is now the cold spare.',
  },
  {
    id: 'RFC-0011',
    title: 'DNS zones in a repository with review before publishing',
    type: 'normal',
    priority: 'P2',
    requester: P.priya.email,
    by: 'priya',
    origin: 'IN.2.5',
    services: ['SVC-0002'],
    cis: ['CI-0008'],
    incidents: ['INC-0014'],
    needed: '2026-03-31',
    cost: 'About 14 hours of work; no licence cost',
    request: '2026-02-12 10:00',
    decision: ['2026-02-13 10:00', 'approved'],
    schedule: ['2026-02-19 09:30', '2026-03-10', WINDOW],
    dbt: {
      design: ['2026-02-17 14:00', 'lea', '2026-02-18 10:00'],
      build: ['2026-02-26 16:00', 'jonas'],
      test: ['2026-03-04 15:00', P.lea.email, '2026-03-04', '2026-03-05 10:00'],
    },
    deploy: ['2026-03-10', '2026-03-11 09:00', 'jonas'],
    review: '2026-03-12 11:00',
    outcome: 'successful',
    purpose:
      "The permanent fix after INC-0014 (problem PRB-0003): a zone edit in the console replaced the bakery's whole zone and\nnobody noticed for 14 hours. Keep both zones as files in a repository; every edit is a reviewed merge request, checked\n(MX, SPF and web records present) and published by a pipeline; the console becomes read-only for us.",
    impact: 'No interruption expected (the published records do not change). Without it the next console mistake can take mail down again.',
    scope: 'CI-0008 for SVC-0002; the CloudMail DNS API token for the pipeline.',
    plan: 'Import both zones, compare the generated zones with the live ones (TR-0005), switch publishing to the pipeline in the\nTuesday window. Rollback: re-enable console editing; the zones stay as they are.',
    pir: 'Switched on 2026-03-10 at 19:20; the pipeline published both zones without a difference. Lessons taken into change\nprocedure 1.3: every DNS edit is a change, and DNS record changes through the repository become pre-approved model PA-3\n(this change was its full pass). Corrective action of NC-0001.',
  },
  {
    id: 'RFC-0012',
    title: 'Monitoring agent on every Kessler Legal laptop',
    type: 'normal',
    priority: 'P4',
    requester: P.lea.email,
    by: 'lea',
    origin: 'IN.1.3',
    services: ['SVC-0001'],
    cis: ['CI-0002'],
    needed: '2026-07-31',
    cost: 'EUR 3 per laptop per month; 6 hours of work',
    request: '2026-05-04 09:00',
    decision: ['2026-05-12 16:00', 'rejected'],
    purpose: 'See disk, battery and update problems before users do, with an agent that reports device health every 15 minutes.',
    impact: 'Installed silently; it collects device data and the name of the signed-in user.',
    scope: 'CI-0002 for SVC-0001.',
    plan: 'Pilot on two laptops, then all. Rollback: uninstall through the device management console.',
    decision_text:
      "Rejected by Tom Becker on 2026-05-12: Kessler Legal's partners decided on 2026-05-11 not to allow an agent that records\nwho is signed in without a data-protection impact assessment. We will propose an agent without user data in 2027.",
  },
  {
    id: 'RFC-0013',
    model: 'PA-3',
    title: 'DNS record for the payment provider of the Bluebell web shop',
    type: 'pre-approved',
    priority: 'P3',
    requester: C.sam.email,
    by: 'jonas',
    origin: 'customer',
    services: ['SVC-0002'],
    cis: ['CI-0008'],
    needed: '2026-05-21',
    cost: '30 minutes of work',
    request: '2026-05-19 10:00',
    decision: ['2026-05-19 11:00', 'approved'],
    schedule: ['2026-05-19 11:05', '2026-05-20', 'Wednesday 10:00 (interrupts no one)'],
    deploy: ['2026-05-20', '2026-05-20 11:00', 'jonas'],
    review: '2026-05-20 15:00',
    outcome: 'successful',
    purpose: "The web shop's new payment provider needs a TXT record to verify the domain. Pre-approved model PA-3.",
    impact: 'None; without it the shop cannot take card payments from 2026-06-01.',
    scope: 'One TXT record in the bluebell-bakery.example zone (CI-0008) for SVC-0002.',
    plan: 'Jonas adds the record in the zone repository, Lea reviews the merge request, the pipeline publishes. Rollback: revert the merge.',
    pir: "Published on 2026-05-20 at 10:12 after Lea's review; the payment provider verified the domain at 10:40. Nothing to change.",
  },
  {
    id: 'RFC-0014',
    model: 'PA-3',
    title: "Add CloudMail's new sending range to Kessler Legal's SPF record",
    type: 'pre-approved',
    priority: 'P3',
    requester: P.lea.email,
    by: 'lea',
    origin: 'IN.2.2',
    services: ['SVC-0002'],
    cis: ['CI-0008'],
    incidents: ['INC-0022'],
    needed: '2026-08-20',
    cost: '30 minutes of work',
    request: '2026-08-19 14:30',
    decision: ['2026-08-19 15:00', 'approved'],
    schedule: ['2026-08-19 15:05', '2026-08-20', 'Thursday 09:00 (interrupts no one)'],
    deploy: ['2026-08-20', '2026-08-20 09:30', 'lea'],
    review: '2026-08-21 10:00',
    outcome: 'successful',
    purpose:
      "A court's mail server rejects mail from Kessler Legal (INC-0022): CloudMail sends from a new range announced on\n2026-07-15, which the SPF record does not list. Add it. Pre-approved model PA-3. Unlike the DNS restore of INC-0014,\nwhich put back records that had been there, this adds a record that never existed, so it is a change.",
    impact: "None; without it some recipients keep rejecting the firm's mail.",
    scope: 'The SPF record of kessler-legal.example (CI-0008) for SVC-0002.',
    plan: 'Lea edits the record in the zone repository, Jonas reviews, the pipeline publishes. Rollback: revert the merge.',
    pir: 'Published on 2026-08-20 at 09:05; the court accepted a test message at 09:50. Lesson: CloudMail announced the range\n30 days ahead as UA-0001 promises, but the notice went to an old address; the supplier contact address is now the\nservice mailbox.',
  },
  {
    id: 'RFC-0015',
    title: 'Upgrade the Kessler Legal firewall to firmware 7.2.4',
    type: 'normal',
    priority: 'P2',
    requester: P.jonas.email,
    by: 'jonas',
    origin: 'IN.1.3',
    services: ['SVC-0004'],
    cis: ['CI-0005'],
    incidents: ['INC-0019', 'INC-0020'],
    needed: '2026-12-11',
    cost: '8 hours of work; firmware included in the support contract',
    request: '2026-09-28 09:00',
    decision: ['2026-10-06 15:00', 'approved'],
    schedule: ['2026-10-07 09:30', '2026-12-08', WINDOW],
    partial: {
      design: ['2026-10-12 14:00', 'lea', '2026-10-13 10:00'],
      build: ['2026-11-10 16:00', 'jonas'],
    },
    purpose:
      'Firmware 7.0.14 drops IPsec tunnels at re-key when a client has roamed (vendor bug 1127734, known error PRB-0004).\n7.2.4, released on 2026-09-15, fixes it. Upgrade so the remote lawyers stop losing calls and hearings.',
    impact:
      'The VPN and internet at the office are down for about 20 minutes during the change window. Until then the\nworkaround (auto-reconnect) costs each remote user a dropped call now and then.',
    scope: 'CI-0005 for SVC-0004; the LTE failover and the e-filing rules are re-tested afterwards.',
    plan: 'Built on our spare appliance with the exported configuration (BLD-0008); Lea tests re-key with a roaming client for\n48 hours before approval to deploy. Deployed during the change window on 2026-12-08. Rollback: boot the previous\nfirmware from the second partition (5 minutes).',
  },
  {
    id: 'RFC-0016',
    title: 'Allow the new e-filing client through the Kessler Legal firewall',
    type: 'emergency',
    priority: 'P2',
    requester: P.lea.email,
    by: 'lea',
    origin: 'IN.2.2',
    services: ['SVC-0004'],
    cis: ['CI-0005'],
    incidents: ['INC-0024'],
    needed: '2026-10-14',
    cost: '1 hour of work',
    request: '2026-10-14 10:40',
    decision: ['2026-10-14 11:00', 'approved'],
    schedule: ['2026-10-14 11:10', '2026-10-14', 'emergency, 13:00–13:30 (lunch break, agreed with Markus Roth)'],
    deploy: ['2026-10-14', '2026-10-15 09:30', 'lea'],
    review: '2026-10-16 14:00',
    outcome: 'successful',
    purpose:
      "The new version of the courts' e-filing client, installed by Kessler Legal on 2026-10-13, connects to new addresses\nthe firewall blocks (INC-0024). Two filings are due on Friday; the web client is a slow workaround. Allow the vendor's\npublished address range on port 443 for the e-filing client only.",
    impact: 'No interruption. Not doing it risks missed court deadlines.',
    scope: 'One allow rule on CI-0005 for SVC-0004.',
    plan: 'Add the rule at 13:00, Markus Roth sends a test filing. Rollback: remove the rule.',
    pir: 'Reviewed on 2026-10-16 after the fact. Rule added at 13:15; Markus sent a test filing at 13:40. The emergency was\njustified by the court deadlines. Lesson: Kessler Legal now tells us before it installs a new version of the e-filing\nclient, so the rule can be a normal change.',
  },
  {
    id: 'RFC-0017',
    title: 'Retire the Kessler Legal file server',
    type: 'normal',
    priority: 'P3',
    requester: P.priya.email,
    by: 'priya',
    origin: 'internal',
    services: ['SVC-0001', 'SVC-0003'],
    // The file store is in the CloudMail tenant (CI-0003), which Bluebell Bakery shares: the change
    // is planned before the bakery's Christmas-trade freeze, which covers that tenant.
    cis: ['CI-0007', 'CI-0003'],
    needed: '2026-12-31',
    cost: 'About 16 hours of work; no new licences',
    request: '2026-10-19 10:00',
    decision: ['2026-10-27 11:00', 'approved'],
    schedule: ['2026-11-04 09:30', '2026-12-08', WINDOW],
    partial: { design: ['2026-10-29 14:00', 'jonas', '2026-11-03 10:00'] },
    purpose:
      'Windows Server 2016 on kl-fs-01 loses extended support on 2027-01-12 (risk RISK-0006, action R1.3 of MR-0001). Move the\nclient files and scanner folders to the CloudMail file store and retire the server.',
    impact: 'Users open files from the file store instead of the mapped drive; the scanner saves to a new folder.',
    scope: 'CI-0007 for SVC-0001 and SVC-0003; CI-0003 (file store).',
    plan: 'Copy, verify counts and permissions, switch the drive mapping in the Tuesday window. Rollback: map the old drive again.',
  },
  {
    id: 'RFC-0018',
    title: 'Replace the Bluebell Bakery till PC',
    type: 'normal',
    priority: 'P3',
    requester: C.eva.email,
    by: 'tom',
    origin: 'customer',
    services: ['SVC-0001'],
    cis: ['CI-0001'],
    needed: '2027-01-31',
    cost: 'Thin client EUR 640; 4 hours of work',
    request: '2026-11-25 11:00',
    purpose: 'The till PC is six years old; its power supply failed once (INC-0002). Replace it after the Christmas trade.',
    impact: 'The till is off for about an hour; done on a Monday afternoon when the shop is quiet.',
    scope: 'The till PC in CI-0001 for SVC-0001; the till software is moved by its vendor.',
    plan: 'To be designed with the till vendor. Rollback: the old till PC stays on site for a week.',
  },
];

export const rfcPath = (r) => `changes/${r.id}-${slug(r.title)}.md`;
const sdPath = (n, r) => `changes/designs/SD-${n}-${slug(r.title)}.md`;
const bldPath = (n, r) => `changes/builds/BLD-${n}-${slug(r.title)}.md`;
const trPath = (n, r) => `changes/tests/TR-${n}-${slug(r.title)}.md`;

// Design, build and test records, numbered in the order they were created.
const DBT = {
  'RFC-0001': {
    sd: 'SD-0001',
    bld: 'BLD-0001',
    tr: 'TR-0001',
    design: {
      scope:
        'Move 20 mailboxes, 4 shared mailboxes, calendars and contacts of both customers, and their DNS zones, from the old host\nto the CloudMail tenant; keep every address and every folder.',
      design:
        'Migration tool of CloudMail in two passes (bulk copy a week ahead, delta in the window); MX switch at 19:00 after the\nTTL has been 5 minutes for 48 hours; Outlook profiles re-created by the device management console.',
      resources:
        'Jonas Weber (design and build), a pilot with three Kessler Legal users tested by Markus Roth, Tom Becker (review);\nabout 24 hours in total.',
      risks:
        'Lost mail during the switch (mitigated: old host keeps accepting mail until 2025-06-30); delays from cached MX records\n(mitigated: low TTL); large archives exceeding the window (mitigated: bulk pass a week ahead).',
      quality:
        'Message counts per folder equal on both sides; each pilot user sends and receives internal and external mail and sees\ncalendars and shared mailboxes.',
    },
    build: {
      artifacts: ['migration batch definitions for 24 mailboxes', 'DNS zone files with CloudMail records', 'cut-over runbook'],
      master: 'Component store on hl-bkp-01, folder changes/RFC-0001',
      text: 'Batch definitions for 20 mailboxes and 4 shared mailboxes; the new DNS zones with CloudMail MX, SPF, DKIM and DMARC\nrecords; the cut-over runbook with the check of message counts.',
    },
    test: {
      summary:
        'Pilot migration of three Kessler Legal mailboxes (2 lawyers, reception) on 2025-04-28; Markus Roth checked with the\nthree users: mail in and out, calendars, shared mailbox access, Outlook and phones.',
      levels: ['pilot migration', 'user acceptance'],
      measurement: 'Message counts per folder from both hosts; a test message to and from an external address per user',
      errors: 'The reception mailbox lost its folder colour categories: accepted (cosmetic). Otherwise none.',
      interpretation: 'Counts equal for all three mailboxes; all checks passed. Meets the quality measures of SD-0001.',
    },
  },
  'RFC-0002': {
    sd: 'SD-0002',
    bld: 'BLD-0002',
    tr: 'TR-0002',
    design: {
      scope:
        "A Windows 11 standard image for both customers and its installation on one laptop for Bluebell Bakery's office\nassistant; the image and its checklist are meant to become a pre-approved model after this pass.",
      design:
        'Image 2025.06: Windows 11 Pro 23H2, the device management agent, BitLocker (TPM and PIN), the VPN client, the office\nsuite; a 20-point checklist from enrolment to handover.',
      resources: 'Jonas Weber (design and build), Lea Fischer (test), Tom Becker (review); 6 hours.',
      risks:
        'A missing application or driver on the first day (mitigated: the checklist); an unencrypted device (mitigated:\nBitLocker enforced by policy before enrolment completes).',
      quality: 'All 20 checklist points pass; BitLocker reports "protected"; the user signs in to mail and files on the first try.',
    },
    build: {
      artifacts: ['image 2025.06 (CI-0011)', 'laptop bb-nb-02 enrolled and encrypted', 'checklist for the laptop model'],
      master: 'Component store on hl-bkp-01, folder images/laptop/2025.06',
      text: 'The image 2025.06 and the laptop bb-nb-02 installed from it, enrolled and encrypted; the checklist.',
    },
    test: {
      summary: 'Lea Fischer ran the 20-point checklist on bb-nb-02 on 2025-06-16 with a test account.',
      levels: ['functional', 'security configuration'],
      measurement: 'The checklist, BitLocker status and the device compliance report of the device management console',
      errors: 'The VPN client was missing from the start menu (installed but not pinned): fixed in the image and re-tested.',
      interpretation:
        '20 of 20 points pass after the fix. Meets SD-0002. The printer of the bakery was not in the checklist (see INC-0006).',
    },
  },
  'RFC-0005': {
    sd: 'SD-0003',
    bld: 'BLD-0003',
    tr: 'TR-0003',
    design: {
      scope:
        'A nightly encrypted copy of every backup of both customers to object storage in another data centre, protected\nagainst deletion for 30 days.',
      design:
        'A copy job after the nightly jobs to the bucket hl-offsite-backup (CloudMail object storage, Amsterdam) with object\nlock in compliance mode for 30 days; encryption with a key kept in our password safe and sealed on paper in the office\nsafe.',
      resources: 'Jonas Weber (design), Lea Fischer (build), Jonas Weber (test), Tom Becker (review); UA-0001 amendment A1.',
      risks:
        'The first copy (1.1 TB) saturating our line (mitigated: first run in the change window, throttled); a lost encryption\nkey making the copy useless (mitigated: two copies of the key).',
      quality: 'A folder of each customer restored from the copy with identical checksums; copy job finished before 06:00.',
    },
    build: {
      artifacts: ['bucket hl-offsite-backup with object lock', 'copy job definition', 'encryption key escrow note'],
      master: 'Component store on hl-bkp-01, folder changes/RFC-0005; key escrow in the office safe',
      text: 'The bucket with object lock, the copy job after the nightly jobs, the key escrow.',
    },
    test: {
      summary:
        "On 2025-08-07 Jonas Weber copied one night's backup of a test folder per customer and restored it from the bucket to\nan empty disk; he also tried to delete an object (refused by the lock).",
      levels: ['restore', 'security'],
      measurement: "SHA-256 checksums of the restored files against the originals; the bucket's refusal to delete",
      errors: 'None.',
      interpretation: 'Both restores identical, deletion refused. Meets SD-0003.',
    },
  },
  'RFC-0008': {
    sd: 'SD-0004',
    bld: 'BLD-0004',
    tr: 'TR-0004',
    design: {
      scope: 'Multi-factor authentication for all 20 accounts of both customers in the CloudMail tenant.',
      design:
        "An authenticator app on the company phones (Kessler Legal) and the staff's own phones (Bluebell Bakery, with consent);\nnumber matching; a conditional access policy that requires MFA for every sign-in; two break-glass accounts held by\nTom Becker and Maria Santos in the safe.",
      resources: 'Jonas Weber (design), Lea Fischer (build and enrolment), Jonas Weber (test), Tom Becker (review).',
      risks:
        'Users locked out (mitigated: enrolment at the desk, break-glass accounts); accounts that cannot use an app (to be\nfound in the pilot).',
      quality: 'Every account enrolled; sign-in without a second factor refused; legacy protocols blocked.',
    },
    build: {
      artifacts: ['conditional access policy (report-only mode)', 'enrolment guide for users', 'break-glass accounts'],
      master: 'Component store on hl-bkp-01, folder changes/RFC-0008 (policy export)',
      text: 'The sign-in policy in report-only mode, the one-page enrolment guide, the break-glass accounts.',
    },
    test: {
      summary:
        'Pilot on 2026-01-27 with four users (Markus Roth, Eva Brandt and two of our own accounts): enrolment, sign-in on\nlaptop and phone, sign-in with a password only, an old mail client.',
      levels: ['pilot', 'security'],
      measurement: 'The sign-in log of the tenant for the pilot accounts',
      errors: "The bakery's shop kiosk account cannot run an authenticator; to be excluded and limited to the shop's address.",
      interpretation:
        'Passed for personal accounts; the kiosk exception goes to the customer for approval. Meets SD-0004 with that exception.',
    },
  },
  'RFC-0011': {
    sd: 'SD-0007',
    bld: 'BLD-0005',
    tr: 'TR-0005',
    design: {
      scope: "Both customer zones as files in a repository; publishing only through a pipeline after a second practitioner's review.",
      design:
        'A private repository with one file per zone; a check that fails without MX, SPF, DKIM and the web records; the\npipeline publishes through the CloudMail DNS API with a token limited to the two zones; console editing rights removed.',
      resources: 'Lea Fischer (design), Jonas Weber (build), Lea Fischer (test), Tom Becker (review).',
      risks:
        "The first publish changing records (mitigated: compare generated and live zones first); the API token leaking\n(mitigated: scoped token in the pipeline's secret store).",
      quality:
        'Generated zones identical to the live ones; a merge request without a review cannot be merged; the check rejects a\nzone without MX.',
    },
    build: {
      artifacts: ['zone repository with both zones', 'pipeline with check and publish steps', 'scoped API token'],
      master: 'The zone repository itself, mirrored to the component store nightly',
      text: 'The repository, the pipeline and the scoped token.',
    },
    test: {
      summary:
        'Lea Fischer compared the generated zones with the live ones and tried three faulty merge requests (no MX, no review,\na typo in SPF) on 2026-03-04.',
      levels: ['functional', 'negative'],
      measurement: 'A diff of the zone transfer output against the generated zones; the pipeline results',
      errors: 'None; all three faulty requests were stopped.',
      interpretation: 'No difference between generated and live zones; the safeguards work. Meets SD-0007.',
    },
  },
  'RFC-0010': {
    sd: 'SD-0006',
    bld: 'BLD-0006',
    tr: 'TR-0006',
    design: {
      scope: "The network of Kessler Legal's new office for 14 desks, two meeting rooms and the reception.",
      design:
        'Two stacked 24-port PoE switches in the comms room, four Wi-Fi 6 access points, the firewall and file server moved,\nthe fibre relocated by FibreNet; VLANs for staff, guests and printers as before.',
      resources: 'Jonas Weber (design and build), Lea Fischer (test), Tom Becker (review), Markus Roth for access; Saturday 2026-03-14.',
      risks:
        'Fibre not ready on Monday (mitigated: FibreNet relocates on Friday 2026-03-13, LTE stick as fallback); wrong patching\n(mitigated: patch list).',
      quality: 'Every desk has network and Wi-Fi coverage of at least -67 dBm in every room; VPN and e-filing work on Monday.',
    },
    build: {
      artifacts: ['switch stack configuration', 'access point configuration', 'patch list and floor plan'],
      master: 'Component store on hl-bkp-01, folder network/kessler/2026-03',
      text: 'The stack and access points configured on our bench with a copy of the firewall configuration; the patch list.',
    },
    test: {
      summary:
        'Lea Fischer tested the bench set-up on 2026-03-10: VLANs, failover of the stack, roaming between access points, and a\nsurvey of the new office with the floor plan.',
      levels: ['functional', 'site survey'],
      measurement: 'Wi-Fi survey app readings per room; ping and VLAN checks from a test laptop',
      errors: 'One access point on an old firmware: upgraded and re-tested.',
      interpretation: 'All checks passed. Meets SD-0006 (the patch list was later found to use the old port numbering, see RFC-0010).',
    },
  },
  'RFC-0009': {
    sd: 'SD-0005',
    bld: 'BLD-0007',
    tr: 'TR-0007',
    design: {
      scope: 'A second internet line for Kessler Legal over LTE, used automatically when the fibre fails.',
      design:
        'An LTE router on port 2 of the firewall; link monitoring every 10 seconds against two public addresses; failover and\nfailback rules; VPN tunnels bound to both lines.',
      resources: 'Jonas Weber (design), Lea Fischer (build), Jonas Weber (test), Tom Becker (review).',
      risks:
        'Weak signal in the comms room (mitigated: antenna at the reception window); data costs (mitigated: business SIM with\n100 GB).',
      quality: 'Failover within 60 seconds, failback within 5 minutes, VPN tunnels up again without user action.',
    },
    build: {
      artifacts: ['LTE router configuration', 'firewall WAN and failover configuration'],
      master: 'Component store on hl-bkp-01, folder network/kessler/lte',
      text: 'The LTE router and the firewall failover settings prepared on our bench.',
    },
    test: {
      summary: 'On 2026-04-15 Jonas Weber unplugged the lab fibre ten times with a VPN client connected.',
      levels: ['functional', 'failover'],
      measurement: 'Timestamps in the firewall log; a continuous ping from the VPN client',
      errors: 'None.',
      interpretation: 'Failover 42–55 seconds, failback under 3 minutes, tunnels re-established each time. Meets SD-0005.',
    },
  },
  'RFC-0015': {
    sd: 'SD-0008',
    bld: 'BLD-0008',
    design: {
      scope: 'Firmware 7.2.4 on the Kessler Legal firewall, with the same configuration.',
      design:
        'Upgrade path 7.0.14 → 7.2.4 as the vendor documents it; configuration exported before and compared after; IPsec\nphase-2 settings unchanged.',
      resources: 'Lea Fischer (design and test), Jonas Weber (build on the spare appliance), Tom Becker (review).',
      risks:
        'Configuration items renamed by the upgrade (mitigated: compare exports); the LTE failover rules behaving differently\n(mitigated: failover re-test).',
      quality: 'No tunnel drop at re-key over 48 hours with a roaming client; failover as before; e-filing rule works.',
    },
    build: {
      artifacts: ['spare appliance with 7.2.4 and the production configuration', 'configuration diff'],
      master: 'Component store on hl-bkp-01, folder network/kessler/fw-7.2.4',
      text: 'The spare appliance upgraded and loaded with the exported configuration; the diff shows two renamed settings.',
    },
  },
  'RFC-0017': {
    sd: 'SD-0009',
    design: {
      scope: 'Move 1.4 TB of client files and the scanner folders to the CloudMail file store and retire kl-fs-01.',
      design:
        'One library per practice area with the same permissions as the shares; the scanner saves to a library through its\ncloud connector; the server is wiped and recycled with a certificate.',
      resources: 'Jonas Weber (design and build), Lea Fischer (test), Tom Becker (review).',
      risks:
        'Permissions differing after the move (mitigated: permission report compared before and after); long paths (mitigated:\nscan in advance).',
      quality: 'File counts and permissions equal; every user opens a sample file; the scanner delivers to its library.',
    },
  },
};

// --- history of the changes, and the schedule ----------------------------------------------------------
const DROP_LATER = ['deployed_on', 'outcome', 'reviewed_on', 'review_outcome'];
// What the post-implementation review concluded for the change procedure: the reviews that led to a
// new version of it name that version.
const reviewOutcome = (r) => (/change procedure 1\.\d/.test(r.pir ?? '') ? 'procedure updated' : 'no change needed');
const scheduleEntries = [];
for (const r of RFCS) {
  const p = rfcPath(r);
  const deployed = r.deploy && r.review;
  const data = {
    id: r.id,
    type: 'change-request',
    title: r.title,
    status: deployed ? 'updated' : r.decision ? r.decision[1] : 'draft',
    version: '1.0',
    change_type: r.type,
    ...(r.model ? { pre_approved_model: r.model } : {}),
    priority: r.priority,
    requested_by: r.requester,
    date_needed: r.needed,
    origin: r.origin,
    services: r.services,
    impacted_cis: r.cis,
    ...(r.incidents ? { incidents: r.incidents } : {}),
    cost: r.cost,
    ...(r.decision?.[1] === 'approved' ? { approved_by: P.tom.email, approved_on: dayOf(at(r.decision[0])) } : {}),
    ...(deployed
      ? { deployed_on: r.deploy[0], outcome: r.outcome, reviewed_on: dayOf(at(r.review)), review_outcome: reviewOutcome(r) }
      : {}),
  };
  put(
    p,
    doc(data, [
      ['Purpose', r.purpose],
      ['Business impact', r.impact],
      ['Scope', r.scope],
      ['Plan and rollback', r.plan],
      ['Decision', r.decision_text],
      ['Post-implementation review', deployed ? r.pir : undefined],
    ]),
  );
  const later = deployed ? { 'Post-implementation review': null } : undefined;
  const o = { anyTime: r.anyTime };
  commit(
    r.request,
    r.by,
    `Request ${r.id}: ${r.title}`,
    [
      r.decision
        ? stage(p, 'draft', { drop: [...APPROVAL, ...DROP_LATER], sections: r.decision_text ? { Decision: null } : later })
        : final(p),
    ],
    o,
  );
  if (!r.decision) continue;
  const [when, verdict] = r.decision;
  if (verdict === 'rejected') {
    commit(when, 'tom', `Reject ${r.id}`, [final(p)]);
    continue;
  }
  const approvedStage = deployed ? stage(p, 'approved', { drop: DROP_LATER, sections: later }) : final(p);
  commit(
    when,
    'tom',
    `Approve ${r.id}${r.type === 'emergency' ? ' (approved by phone, recorded the same morning)' : r.type === 'pre-approved' ? ' (fits its pre-approved model)' : ''}`,
    [approvedStage],
    o,
  );
  if (r.schedule)
    scheduleEntries.push({
      at: r.schedule[0],
      rfc: r,
      entry: { change_request: r.id, planned_date: r.schedule[1], window: r.schedule[2] },
      path: p,
      later,
    });
  const d = DBT[r.id];
  const parts = r.dbt ?? r.partial;
  if (d && parts) {
    const sdP = sdPath(d.sd.slice(3), r);
    const [dAt, designer, dApproved] = parts.design;
    put(
      sdP,
      doc(
        {
          id: d.sd,
          type: 'service-design',
          title: `Design: ${r.title}`,
          status: 'approved',
          version: '1.0',
          owner: P.tom.email,
          change_request: r.id,
          services: r.services,
          issue_date: dayOf(at(dAt)),
          issuing_org: 'Harbour Lane IT',
          designed_by: P[designer].email,
          approved_by: P.tom.email,
          approved_on: dayOf(at(dApproved)),
        },
        [
          ['Scope', d.design.scope],
          ['Design', d.design.design],
          ['Resources', d.design.resources],
          ['Risks', d.design.risks],
          ['Quality and performance measures', d.design.quality],
        ],
      ),
    );
    commit(dAt, designer, `Design ${d.sd} for ${r.id}`, [stage(sdP, 'draft', { drop: APPROVAL })]);
    commit(dApproved, 'tom', `Approve the design ${d.sd} for ${r.id}`, [final(sdP)]);
    if (parts.build) {
      const [bAt, builder] = parts.build;
      const bP = bldPath(d.bld.slice(4), r);
      const test = r.dbt?.test;
      put(
        bP,
        doc(
          {
            id: d.bld,
            type: 'service-change-build',
            title: `Build: ${r.title}`,
            status: test ? 'final' : 'initial',
            version: '1.0',
            change_request: r.id,
            design: d.sd,
            ...(test ? { test_report: d.tr } : {}),
            built_by: P[builder].email,
            artifacts: d.build.artifacts,
            master_copy_location: d.build.master,
            ...(test ? { approved_by: P.tom.email, approved_on: dayOf(at(test[3])) } : {}),
          },
          [
            ['Artifacts', d.build.text],
            ['Master copy', d.build.master + '.'],
          ],
        ),
      );
      commit(bAt, builder, `Build ${d.bld} for ${r.id}`, [
        test ? stage(bP, 'initial', { drop: [...APPROVAL, 'test_report'] }) : final(bP),
        ...ciStepsFor(`build:${r.id}`),
      ]);
      if (test) {
        const [tAt, tester, collected, finalAt] = test;
        const tP = trPath(d.tr.slice(3), r);
        put(
          tP,
          doc(
            {
              id: d.tr,
              type: 'test-report',
              title: `Test report: ${r.title}`,
              status: 'published',
              version: '1.0',
              outcome: 'pass',
              change_request: r.id,
              build: d.bld,
              collected_on: collected,
              performed_by: tester,
              interpreted_by: P.tom.email,
              validated_by: r.requester.endsWith('harbourlane.example') ? P.tom.email : r.requester,
              levels_types: d.test.levels,
              measurement_system: d.test.measurement,
            },
            [
              ['Summary', d.test.summary],
              ['Errors and resolutions', d.test.errors],
              ['Interpretation', d.test.interpretation],
            ],
          ),
        );
        commit(tAt, 'tom', `Publish the test report ${d.tr} for ${r.id}`, [final(tP)]);
        // The approval to deploy (CO.3.2) is the move to updated, before the deployment; the
        // deployment and its review are recorded afterwards.
        const toDeploy = deployed ? [stage(p, 'updated', { drop: DROP_LATER, sections: later })] : [];
        commit(finalAt, 'tom', `Approve ${r.id} for deployment: ${d.bld} is final after ${d.tr}`, [final(bP), ...toDeploy]);
      }
    }
  }
  if (r.deploy) {
    const [, ciAt, ciWho] = r.deploy;
    const steps = ciStepsFor(`deploy:${r.id}`);
    if (steps.length) commit(ciAt, ciWho, `Configuration items after ${r.id} (deployed ${r.deploy[0]})`, steps, o);
  }
  if (deployed) commit(r.review, 'tom', `${r.id} deployed on ${r.deploy[0]} (${r.outcome}): post-implementation review`, [final(p)]);
}

// The schedule: windows, key business events, and each approved change entered before deployment.
const SCHEDULE = 'changes/change-schedule.md';
// Each customer's freezes protect its own configuration items and the ones both customers share
// (the CloudMail tenant, the backup server, the DNS zones): a change elsewhere may go ahead. The
// switch stack CI-0012 and the LTE router CI-0013 came with the move in 2026.
const cis = (...ids) => ({ configuration_items: [...ids].sort() });
const SHARED = ['CI-0003', 'CI-0004', 'CI-0008'];
const BLUEBELL = ['CI-0001', ...SHARED];
const KESSLER_2025 = ['CI-0002', ...SHARED, 'CI-0005', 'CI-0006', 'CI-0007', 'CI-0009'];
const EVENTS_2025 = [
  { date: '2025-04-14', until: '2025-04-19', event: 'Easter trade at Bluebell Bakery: no changes', ...cis(...BLUEBELL) },
  { date: '2025-12-15', until: '2025-12-24', event: 'Christmas trade at Bluebell Bakery: no changes', ...cis(...BLUEBELL) },
  { date: '2025-12-29', until: '2025-12-30', event: 'Year-end closing at Kessler Legal: no changes', ...cis(...KESSLER_2025) },
];
const EVENTS_2026 = [
  {
    date: '2026-03-13',
    until: '2026-03-16',
    event: 'Kessler Legal moves office: only the move itself',
    ...cis(...KESSLER_2025, 'CI-0012'),
    allowed_changes: ['RFC-0010'],
  },
  { date: '2026-03-30', until: '2026-04-04', event: 'Easter trade at Bluebell Bakery: no changes', ...cis(...BLUEBELL) },
  { date: '2026-12-14', until: '2026-12-24', event: 'Christmas trade at Bluebell Bakery: no changes', ...cis(...BLUEBELL) },
  {
    date: '2026-12-28',
    until: '2026-12-30',
    event: 'Year-end closing at Kessler Legal: no changes',
    ...cis(...KESSLER_2025, 'CI-0012', 'CI-0013'),
  },
];
// A version of the schedule names only the configuration items recorded by then (at their builds).
const RECORDED = { 'CI-0012': '2026-03-05 16:00', 'CI-0013': '2026-04-08 16:00' };
const eventsAt = (events, at) =>
  events.map((e) => ({ ...e, configuration_items: e.configuration_items.filter((c) => !RECORDED[c] || RECORDED[c] <= at) }));
const scheduleSections = (events) => ({
  'Key business events': `${events.map((e) => `- ${e.event}, ${e.date} to ${e.until}.`).join('\n')}`,
});
const sortEntries = (list) => [...list].sort((a, b) => (a.planned_date < b.planned_date ? -1 : a.planned_date > b.planned_date ? 1 : 0));
const allEntries = sortEntries(scheduleEntries.map((s) => s.entry));
put(
  SCHEDULE,
  doc(
    {
      id: 'SCHEDULE',
      type: 'change-schedule',
      title: 'Change schedule',
      status: 'updated',
      version: `1.${scheduleEntries.length}`,
      owner: P.tom.email,
      changes: allEntries,
      change_windows: [
        'Tuesday 19:00–22:00 Europe/Berlin for changes that interrupt a service',
        'Any working day 08:00–18:00 for changes that interrupt no one (a new device, a mailbox, a DNS record)',
      ],
      maintenance_windows: ['Second Wednesday of the month 20:00–22:00 for the monthly patches of laptops and servers'],
      key_business_events: [...EVENTS_2025, ...EVENTS_2026],
      approved_by: P.maria.email,
      approved_on: '2025-03-03',
    },
    [
      [
        'Change windows',
        'Tuesday 19:00–22:00 for changes that interrupt a service (announced three working days ahead). Changes that\ninterrupt no one may be done on any working day 08:00–18:00. Emergency changes are done when needed and entered here\nbefore they are deployed. An exception to the windows is agreed with the customer and written in the entry.',
      ],
      ['Maintenance windows', 'Second Wednesday of the month, 20:00–22:00: monthly patches of laptops and servers.'],
      ['Key business events', scheduleSections([...EVENTS_2025, ...EVENTS_2026])['Key business events']],
      [
        'Entries',
        'Each approved change with its planned date and window, entered by the Control Manager (CO.2.2); past entries stay as the record.',
      ],
    ],
  ),
);
commit('2025-02-25 10:00', 'tom', 'Draft the change schedule: windows and the key business events of 2025', [
  stage(SCHEDULE, 'draft', {
    drop: APPROVAL,
    set: { version: '0.1', changes: [], key_business_events: EVENTS_2025 },
    sections: scheduleSections(EVENTS_2025),
  }),
]);
commit('2025-03-03 11:00', 'maria', 'Approve the change schedule (first baseline, no changes planned yet)', [
  stage(SCHEDULE, 'approved', {
    set: { version: '1.0', changes: [], key_business_events: EVENTS_2025 },
    sections: scheduleSections(EVENTS_2025),
  }),
]);
const byTime = [...scheduleEntries].sort((a, b) => (at(a.at) < at(b.at) ? -1 : 1));
let events = EVENTS_2025;
commit('2025-12-01 10:00', 'tom', 'Change schedule: key business events of 2026', [
  stage(SCHEDULE, 'updated', {
    set: {
      version: `1.${byTime.filter((s) => s.at < '2025-12-01').length}.1`,
      changes: sortEntries(byTime.filter((s) => s.at < '2025-12-01').map((s) => s.entry)),
      key_business_events: eventsAt([...EVENTS_2025, ...EVENTS_2026.filter((e) => e.date !== '2026-03-13')], '2025-12-01 10:00'),
    },
    sections: scheduleSections([...EVENTS_2025, ...EVENTS_2026.filter((e) => e.date !== '2026-03-13')]),
  }),
]);
byTime.forEach((s, i) => {
  const upto = byTime.slice(0, i + 1).map((x) => x.entry);
  if (s.at >= '2025-12-01') events = [...EVENTS_2025, ...EVENTS_2026.filter((e) => e.date !== '2026-03-13' || s.at >= '2026-02-12')];
  const isLast = i === byTime.length - 1;
  const r = s.rfc;
  // The entry is made at least a working day before deployment; emergency changes the same day, before it.
  const planned = s.entry.planned_date;
  if (r.type !== 'emergency' && dayOf(at(s.at)) >= planned) throw new Error(`${r.id}: scheduled on ${s.at}, not before ${planned}`);
  if (r.type === 'emergency' && dayOf(at(s.at)) > planned) throw new Error(`${r.id}: scheduled after its deployment`);
  if (!isWorkingDay(dayOf(at(s.at)))) throw new Error(`${r.id}: scheduled on a day off`);
  commit(
    s.at,
    'tom',
    `Schedule ${r.id} for ${planned}`,
    [
      isLast
        ? final(SCHEDULE)
        : stage(SCHEDULE, 'updated', {
            set: { version: `1.${i + 1}`, changes: sortEntries(upto), key_business_events: eventsAt(events, s.at) },
            sections: scheduleSections(events),
          }),
      ...ciStepsFor(`schedule:${r.id}`),
    ],
    { anyTime: r.anyTime },
  );
});

// Configuration items first recorded (CO.1.4), and updated by incidents and training.
commit('2025-02-19 10:00', 'tom', 'Record the configuration items of both customers and our backup server (CO.1.4)', ciStepsFor('first'));
commit('2026-03-23 10:00', 'tom', 'CI-0010: Lea Fischer now holds the firewall competence (TRN-0013)', ciStepsFor('TRN-0013'));
commit('2026-09-24 09:30', 'jonas', 'CI-0001: new SSD in the office PC after INC-0023', ciStepsFor('INC-0023'));
