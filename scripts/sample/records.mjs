// Feedback, risks, nonconformities, the internal audit, training records, performance and
// improvement reports, and the management reviews of the sample organisation.
import { APPROVAL, C, P, at, commit, dayOf, doc, final, put, slug, stage } from './lib.mjs';

// --- feedback log (WP.06): surveys after P1/P2 incidents, yearly reviews, complaints --------------------
const FEEDBACK = [
  {
    title: 'The till PC was back before the lunch rush',
    kind: 'compliment',
    who: C.eva,
    received: '2025-04-16 09:20',
    services: ['SVC-0001'],
    satisfaction: 5,
    comment: 'Answer to the closing e-mail of INC-0002: "Jonas was here within the hour and the till worked before the lunch rush."',
    outcome: 'Thanked Eva Brandt; passed on to Jonas Weber.',
  },
  {
    title: 'Mail delays after the migration were not announced',
    kind: 'complaint',
    who: C.markus,
    received: '2025-05-09 10:00',
    services: ['SVC-0002'],
    satisfaction: 2,
    comment:
      'Markus Roth: a court\'s message arrived a day late after the migration (INC-0003); "we were told it would be an\nevening without mail, not that mail could go missing".',
    acknowledged: 'Acknowledged by phone on 2025-05-09; investigating with the review of RFC-0001.',
    closedAt: '2025-05-14 11:00',
    outcome:
      'Investigated with the post-implementation review of RFC-0001: the TTL of the Kessler Legal zone had not been\nlowered. Apology by Priya Nair on 2025-05-12; the announcement template for mail changes now names the risk of\ndelays and whom to call. Markus Roth accepted the response on 2025-05-14.',
  },
  {
    title: 'Quick help with the VPN, but we learned of the vulnerability from the news',
    kind: 'comment',
    who: C.helena,
    received: '2025-06-05 11:00',
    services: ['SVC-0004'],
    satisfaction: 4,
    comment:
      'Answer to the closing e-mail of INC-0005: fast and calm, but a partner read about the vulnerability in the news\nbefore we had called.',
    outcome: 'Explained the new 48-hour rule for critical advisories (PRB-0001); P1 notices now go out within the first hour.',
  },
  {
    title: 'Could the service report come every month?',
    kind: 'comment',
    who: C.markus,
    received: '2025-09-11 14:00',
    services: ['SVC-0001', 'SVC-0002', 'SVC-0003', 'SVC-0004'],
    related: ['SLA-0002'],
    comment: 'Markus Roth: the quarterly report comes too late to discuss problems with the partners; he asks for a monthly report.',
    acknowledged: 'Answered on 2025-09-12: we will propose monthly reports in the management review and amend SLA-0002.',
    closedAt: '2026-03-12 11:15',
    outcome: 'Decided in MR-0001 (action R1.4); SLA-0002 amendment 1 (signed 2026-03-11) promises monthly reports from April 2026.',
  },
  {
    title: 'Wiped and replaced within a day',
    kind: 'compliment',
    who: C.sam,
    received: '2025-09-17 10:30',
    services: ['SVC-0001'],
    satisfaction: 5,
    comment: 'Answer to the closing e-mail of INC-0010: "You had my accounts locked before I was back from the police station."',
    outcome: 'Thanked Sam Clarke.',
  },
  {
    title: 'Please turn on multi-factor authentication for all our accounts',
    kind: 'comment',
    who: C.helena,
    received: '2025-10-09 14:30',
    services: ['SVC-0002'],
    comment:
      'Dr. Helena Kessler after the phishing incident INC-0011: she wants a second factor for every account "before it\nhappens again".',
    acknowledged: 'Answered on 2025-10-10: change request RFC-0008 raised, deployment planned after the year-end freeze.',
    closedAt: '2026-02-12 14:00',
    outcome: 'MFA enforced for all accounts on 2026-02-10 (RFC-0008); Dr. Kessler informed on 2026-02-12.',
  },
  {
    title: 'Eleven hours without internet',
    kind: 'complaint',
    who: C.helena,
    received: '2025-12-11 10:00',
    services: ['SVC-0004'],
    satisfaction: 2,
    comment: 'Dr. Helena Kessler answered the closing e-mail of INC-0013: a day of lost work; "four hours was the promise".',
    acknowledged: 'Acknowledged on 2025-12-11; Priya Nair called Dr. Kessler the same day.',
    closedAt: '2026-01-21 11:00',
    outcome:
      "The fibre cut was FibreNet's, but our target assumed a single line could be repaired in 4 hours. Service credit of 5%\nfor December; LTE backup line offered and accepted (RFC-0009, approved 2026-01-20); FibreNet's credit passed on.\nDr. Kessler accepted on 2026-01-21.",
  },
  {
    title: 'FibreNet asks for a named on-site contact for repairs',
    kind: 'comment',
    who: C.piet,
    party: 'supplier',
    received: '2026-01-21 15:00',
    services: ['SVC-0004'],
    related: ['UA-0002'],
    comment:
      'Piet de Vries in the preparation of the yearly review: on 2025-12-09 the repair crew lost 40 minutes finding someone\nto open the comms cabinet; FibreNet asks for a named contact and access instructions.',
    acknowledged: 'Agreed on the phone on 2026-01-21; to be written into the UA-0002 review.',
    closedAt: '2026-01-22 16:00',
    outcome: 'Markus Roth (office hours) and our on-call number (outside) named in the UA-0002 review of 2026-01-22 and in CI-0009.',
  },
  {
    title: 'Fixed fast once you knew, but we lost a night of web orders',
    kind: 'comment',
    who: C.sam,
    received: '2026-02-12 09:50',
    services: ['SVC-0002'],
    satisfaction: 3,
    comment:
      'Answer to the closing e-mail of INC-0014: the restore was quick, but the zone had been broken since the afternoon\nbefore and nobody noticed.',
    outcome: 'Explained the permanent fix (RFC-0011: reviewed zone edits with checks) and the service credit for February.',
  },
  {
    title: 'Yearly review of SLA-0002: a good year apart from the outage',
    kind: 'comment',
    who: C.helena,
    received: '2026-03-10 16:00',
    services: ['SVC-0001', 'SVC-0002', 'SVC-0003', 'SVC-0004'],
    satisfaction: 4,
    comment:
      'Dr. Helena Kessler in the yearly review: satisfied with the support and MFA; the December outage and the VPN drops are\nthe two things that hurt; monthly reports welcome.',
    outcome: 'Recorded with SLA-0002 amendment 1.',
  },
  {
    title: 'Yearly review of SLA-0001: happy overall, careful with the web shop',
    kind: 'comment',
    who: C.sam,
    received: '2026-03-24 15:00',
    services: ['SVC-0001', 'SVC-0002', 'SVC-0003'],
    satisfaction: 4,
    comment:
      "Sam Clarke in the yearly review: happy with the support; the DNS outage cost web orders; wants changes to the web\nshop's records announced.",
    outcome: 'DNS record changes for the web shop are announced to Sam Clarke one day ahead (noted in the model PA-3 checklist).',
  },
  {
    title: 'Glad the off-site copy existed',
    kind: 'compliment',
    who: C.sam,
    received: '2026-04-10 09:00',
    services: ['SVC-0003'],
    satisfaction: 5,
    comment: 'Answer to the closing e-mail of INC-0017: the invoices reached the tax adviser in time.',
    outcome: 'Thanked Sam Clarke.',
  },
  {
    title: 'VPN disconnects are frustrating',
    kind: 'complaint',
    who: C.helena,
    received: '2026-06-16 11:00',
    services: ['SVC-0004'],
    satisfaction: 2,
    comment: 'Dr. Helena Kessler: after INC-0019 and INC-0020 the lawyers lose calls every day; she wants a date for a fix.',
    acknowledged: 'Acknowledged on 2026-06-16; investigating with the vendor (PRB-0004).',
    closedAt: '2026-06-30 14:00',
    outcome:
      "Responded on 2026-06-18: the vendor confirmed the bug (PRB-0004); the workaround keeps files open; the fix follows the\nvendor's release, expected in the third quarter. Dr. Kessler accepted the workaround and the plan on 2026-06-30.",
  },
  {
    title: 'Quick e-filing fix, please warn us before rule changes',
    kind: 'comment',
    who: C.markus,
    received: '2026-10-16 09:20',
    services: ['SVC-0004'],
    satisfaction: 4,
    comment: 'Answer to the closing e-mail of INC-0024: the filings went out in time.',
    outcome: 'Agreed that Kessler Legal tells us before installing new versions of the e-filing client (RFC-0016 review).',
  },
];
// The feedback log is reviewed before each management review (RE.2.3, GO.2.4): entries move to `maintained`.
const FB_REVIEWS = ['2025-10-13 10:00', '2026-04-13 10:00', '2026-10-12 10:00'];
FEEDBACK.forEach((f, n) => {
  f.id = `FB-${String(n + 1).padStart(4, '0')}`;
  f.path = `feedback/${f.id}-${slug(f.title)}.md`;
});
for (const f of FEEDBACK) {
  const lastChange = f.closedAt ?? f.received;
  const reviewedAfter = FB_REVIEWS.some((r) => at(r) > at(lastChange));
  const data = {
    id: f.id,
    type: 'feedback',
    title: f.title,
    status: reviewedAfter ? 'maintained' : 'updated',
    party: f.party ?? 'customer',
    kind: f.kind,
    received: at(f.received),
    handling: 'closed',
    closed: at(lastChange),
    contact: `${f.who.name} <${f.who.email}>`,
    client_company: f.who.org,
    services: f.services,
    ...(f.satisfaction ? { satisfaction: f.satisfaction } : {}),
    // The agreement an entry asks to change (RE.2.5): the audit follows this link.
    ...(f.related ? { related: f.related } : {}),
    recorded_by: P.priya.email,
    signature: 'Priya Nair',
    signed_on: dayOf(at(lastChange)),
  };
  put(
    f.path,
    doc(data, [
      ['Comment', f.comment],
      ['Investigation and response', `${f.acknowledged ? `${f.acknowledged}\n\n` : ''}${f.outcome}`],
    ]),
  );
}
// Each entry's versions: recorded (still open for a complaint or a request), closed, and moved to
// `maintained` by each review of the log that follows.
const fbState = (f, status, open) =>
  open
    ? stage(f.path, status, {
        set: { handling: f.kind === 'complaint' ? 'investigating' : 'responded' },
        drop: ['closed', 'signature', 'signed_on'],
        sections: { 'Investigation and response': f.acknowledged },
      })
    : stage(f.path, status);
const fbReviewSteps = new Map(FB_REVIEWS.map((r) => [r, []]));
for (const f of FEEDBACK) {
  const events = [[f.received, 'created'], ...(f.closedAt ? [[f.closedAt, 'closed']] : [])];
  for (const r of FB_REVIEWS) if (at(r) > at(f.received)) events.push([r, 'review']);
  events.sort((a, b) => (at(a[0]) < at(b[0]) ? -1 : 1));
  let open = Boolean(f.closedAt);
  let status = 'updated';
  events.forEach(([when, what], i) => {
    if (what === 'closed') open = false;
    status = what === 'review' ? 'maintained' : 'updated';
    const step = i === events.length - 1 ? final(f.path) : fbState(f, status, open);
    if (what === 'review') fbReviewSteps.get(when).push(step);
    else if (what === 'created')
      commit(when, 'priya', `Log feedback ${f.id} from ${f.who.name}${f.satisfaction ? ` (satisfaction ${f.satisfaction}/5)` : ''}`, [
        step,
      ]);
    else commit(when, 'priya', `Close feedback ${f.id}`, [step]);
  });
}
for (const [r, steps] of fbReviewSteps) commit(r, 'priya', 'Review the feedback log before the management review', steps);
export { FEEDBACK };

// --- risk register ---------------------------------------------------------------------------------------
export const RISK_PATHS = [];
const MR1_RISKS = [];
const RISKS = [
  {
    id: 'RISK-0001',
    title: 'CloudMail fails for days or we must leave it',
    category: 'supplier',
    owner: P.priya.email,
    likelihood: 2,
    impact: 4,
    treatment: 'accept',
    residual: [2, 4],
    identified: ['2025-02-20 11:00', 'priya'],
    treated: ['2025-03-17 10:30', '2025-03-17'],
    next_review: '2027-02-28',
    services: ['SVC-0002'],
    cis: ['CI-0003'],
    description:
      'Mail, calendars, files and DNS of both customers depend on one supplier. A long outage or a sudden end of the\nservice (insolvency, price change) would stop SVC-0002 for both customers.',
    treatment_text:
      "Accepted by Maria Santos on 2025-03-17: CloudMail's availability record and EU data centres make a long outage\nunlikely, and a second provider would double the cost. Controls: UA-0001 requires export in standard formats within\n30 days at the end; our nightly backups of the mailboxes are independent of CloudMail. Reviewed yearly with UA-0001.",
  },
  {
    id: 'RISK-0002',
    title: 'The Kessler Legal office has a single internet line',
    category: 'availability',
    owner: P.priya.email,
    likelihood: 3,
    impact: 4,
    treatment: 'mitigate',
    treatment_due: '2026-04-30',
    residual: [3, 1],
    identified: ['2025-03-18 14:00', 'priya'],
    treated: ['2026-04-23 11:30', '2026-04-23'],
    next_review: '2027-04-30',
    services: ['SVC-0004'],
    cis: ['CI-0009', 'CI-0013'],
    change_requests: ['RFC-0009'],
    description:
      'A fault on the fibre line stops mail, cloud files and e-filing at the office; FibreNet repairs within 8 hours, our P1\ntarget is 4. Recorded while drafting SLA-0002. It happened on 2025-12-09 (INC-0013, 11 hours).',
    treatment_text:
      'Mitigate with a second line. Offered to Kessler Legal in March 2025 and declined for cost; decided after INC-0013 and\nMR-0001 action R1.1: LTE backup line with automatic failover (RFC-0009, deployed 2026-04-21). Residual: the fibre still\nfails now and then (likelihood 3), but the office keeps working on LTE (impact 1). Treatment accepted by Maria Santos on\n2026-04-23.',
  },
  {
    id: 'RISK-0003',
    title: 'Ransomware or a fire destroys the backups with the originals',
    category: 'continuity',
    owner: P.tom.email,
    likelihood: 2,
    impact: 5,
    treatment: 'mitigate',
    treatment_due: '2025-09-30',
    residual: [1, 4],
    identified: ['2025-06-30 10:00', 'tom'],
    treated: ['2025-08-15 14:00', '2025-08-15'],
    next_review: '2027-02-15',
    services: ['SVC-0003'],
    cis: ['CI-0004'],
    change_requests: ['RFC-0005'],
    description:
      'All backups are on hl-bkp-01 in our office. Ransomware with our credentials, a fire or a theft would destroy the\nbackups together with our copy of customer data.',
    treatment_text:
      'Mitigated by an encrypted off-site copy with a 30-day object lock (RFC-0005, deployed 2025-08-12). Residual: losing\nboth sites is very unlikely; a restore from the off-site copy takes a day (impact 4). Accepted by Maria Santos on\n2025-08-15.',
  },
  {
    id: 'RISK-0004',
    title: 'A phished password opens a mailbox',
    category: 'security',
    owner: P.tom.email,
    likelihood: 4,
    impact: 4,
    treatment: 'mitigate',
    treatment_due: '2026-02-28',
    residual: [2, 3],
    identified: ['2025-10-08 10:00', 'priya'],
    treated: ['2026-02-13 15:00', '2026-02-13'],
    next_review: '2027-02-28',
    services: ['SVC-0002'],
    cis: ['CI-0003'],
    change_requests: ['RFC-0008'],
    description:
      'Without a second factor a password entered on a fake login page gives an attacker the mailbox, with client and\ncustomer data. It happened on 2025-10-07 (INC-0011).',
    treatment_text:
      'Mitigated by MFA for every account (RFC-0008, 2026-02-10); the kiosk account may sign in only from the shop. Residual:\nfatigue attacks and stolen sessions remain possible (likelihood 2, impact 3). Accepted by Maria Santos on 2026-02-13.',
  },
  {
    id: 'RISK-0005',
    title: 'Only one person can administer the Kessler Legal firewall',
    category: 'people',
    owner: P.tom.email,
    likelihood: 3,
    impact: 3,
    treatment: 'mitigate',
    treatment_due: '2026-03-31',
    residual: [2, 2],
    identified: ['2025-10-16 16:30', 'maria'],
    treated: ['2026-03-23 11:00', '2026-03-23'],
    next_review: '2027-03-31',
    services: ['SVC-0004'],
    cis: ['CI-0010'],
    description:
      'Only Jonas Weber knows the firewall and VPN. If he is away during a P1, or builds a firewall change, nobody else can\nrestore or test it. Raised in MR-0001.',
    treatment_text:
      'Mitigated by cross-training Lea Fischer (TRN-0013, completed 2026-03-20) and runbooks in the component store (IR-0001\naction I1.4). Accepted by Maria Santos on 2026-03-23.',
  },
  {
    id: 'RISK-0006',
    title: 'The Kessler Legal file server runs out of support',
    category: 'compliance',
    owner: P.tom.email,
    likelihood: 4,
    impact: 3,
    treatment: 'avoid',
    treatment_due: '2026-12-31',
    identified: ['2025-10-16 16:35', 'maria'],
    next_review: '2027-01-15',
    services: ['SVC-0001'],
    cis: ['CI-0007'],
    change_requests: ['RFC-0017'],
    description:
      'kl-fs-01 runs Windows Server 2016, whose extended support ends on 2027-01-12; after that it gets no security fixes\nwhile it holds the client files. Raised in MR-0001.',
    treatment_text:
      'Avoid: move the files to the CloudMail file store and retire the server (MR-0001 action R1.3; RFC-0017 approved\n2026-10-27, planned for 2026-12-08). Open until the server is retired.',
  },
];
for (const r of RISKS) {
  const p = `risks/${r.id}-${slug(r.title)}.md`;
  const treated = Boolean(r.treated);
  put(
    p,
    doc(
      {
        id: r.id,
        type: 'risk',
        title: r.title,
        status: treated ? 'treated' : 'open',
        version: '1.0',
        owner: r.owner,
        category: r.category,
        likelihood: r.likelihood,
        impact: r.impact,
        treatment: r.treatment,
        ...(r.treatment_due ? { treatment_due: r.treatment_due } : {}),
        ...(r.residual ? { residual_likelihood: r.residual[0], residual_impact: r.residual[1] } : {}),
        identified_on: dayOf(at(r.identified[0])),
        next_review: r.next_review,
        services: r.services,
        cis: r.cis,
        ...(r.change_requests ? { change_requests: r.change_requests } : {}),
        ...(treated ? { approved_by: P.maria.email, approved_on: r.treated[1] } : {}),
      },
      [
        ['Description', r.description],
        ['Treatment', r.treatment_text],
      ],
    ),
  );
  // Risks are reviewed in each management review (October): the first review after they were identified.
  const firstReview = dayOf(at(r.identified[0])) < '2025-10-16' ? '2025-10-16' : '2026-10-15';
  const reviewedAtMr1 = firstReview === '2025-10-16';
  commit(r.identified[0], r.identified[1], `Risk ${r.id}: ${r.title}`, [
    stage(p, 'open', {
      drop: [...APPROVAL, 'residual_likelihood', 'residual_impact', 'change_requests'],
      set: { next_review: firstReview },
      sections: { Treatment: 'To be decided.' },
    }),
  ]);
  const treatedBeforeMr1 = treated && r.treated[1] < '2025-10-16';
  if (treatedBeforeMr1)
    commit(r.treated[0], 'maria', `Accept the treatment of ${r.id}`, [stage(p, 'treated', { set: { next_review: firstReview } })]);
  if (reviewedAtMr1)
    MR1_RISKS.push(
      stage(p, treatedBeforeMr1 ? 'treated' : 'open', {
        set: { next_review: '2026-10-15' },
        ...(treatedBeforeMr1
          ? {}
          : {
              drop: [...APPROVAL, 'residual_likelihood', 'residual_impact', 'change_requests'],
              sections: { Treatment: 'To be decided.' },
            }),
      }),
    );
  if (treated && !treatedBeforeMr1)
    commit(r.treated[0], 'maria', `Accept the treatment of ${r.id}`, [stage(p, 'treated', { set: { next_review: '2026-10-15' } })]);
  if (r.id === 'RISK-0006') commit('2026-10-27 11:30', 'tom', `${r.id}: treatment through RFC-0017`, [final(p)]);
  RISK_PATHS.push(p);
}
commit('2025-10-16 17:00', 'maria', 'Risk register reviewed in MR-0001: next review dates', MR1_RISKS);
// Every risk is reviewed in the management review of October 2026, which sets the next review dates.
commit(
  '2026-10-16 11:00',
  'maria',
  'Risk register reviewed in MR-0002: next review dates',
  RISK_PATHS.filter((p) => !p.includes('RISK-0006')).map(final),
);

// --- training records (IN.1.1, IN.1.2): everyone who holds a role --------------------------------------------
const TRAINING = [
  [
    'Maria Santos',
    P.maria.email,
    'ISO/IEC 20000-1 foundation and ISO/IEC TR 29110-5-3 for service managers',
    ['SM', 'MGT'],
    null,
    '2025-02-20',
    'Certificate ISO20K-F 2025-0212-114 (PDF in people/certificates/)',
    'Three-day course by an accredited training provider, with exam: the SMS, its processes, management review.',
  ],
  [
    'Jonas Weber',
    P.jonas.email,
    'The service management procedures and sms',
    ['PT'],
    P.tom.email,
    '2025-03-05',
    'Attendance and a practice change request, signed off by Tom Becker',
    'Half a day with Tom Becker: change, incident and feedback records, sms new, validate and set-status.',
  ],
  [
    'Anna Lenz',
    C.anna.email,
    'Harbour Lane IT escalation path and major-incident contacts',
    ['SUP'],
    P.priya.email,
    '2025-03-06',
    'Call minutes of 2025-03-06',
    "A one-hour call with CloudMail's account manager: our priorities, who calls whom in a P1, how tickets refer to UA-0001.",
  ],
  [
    'Piet de Vries',
    C.piet.email,
    'Harbour Lane IT escalation path and major-incident contacts',
    ['SUP'],
    P.priya.email,
    '2025-03-06',
    'Call minutes of 2025-03-06',
    "A one-hour call with FibreNet's business sales: our priorities, the fault line, who may open a fault for Kessler Legal.",
  ],
  [
    'Tom Becker',
    P.tom.email,
    'Change and configuration management (FitSM foundation)',
    ['CM'],
    null,
    '2025-03-14',
    'Certificate FitSM-F 25-03-7781 (PDF in people/certificates/)',
    'Two-day FitSM foundation course with exam, focus on change, release and configuration management.',
  ],
  [
    'Priya Nair',
    P.priya.email,
    'Incident and major-incident management; personal-data breaches as a processor',
    ['IM', 'RM'],
    null,
    '2025-03-21',
    'Certificates of both courses (PDF in people/certificates/)',
    'A one-day major-incident course and a half-day GDPR course on breach assessment and notification (Art. 33, 34).',
  ],
  [
    'Sam Clarke',
    C.sam.email,
    'How to report incidents and request changes at Harbour Lane IT',
    ['CUS'],
    P.priya.email,
    '2025-03-27',
    'Attendance list of 2025-03-27 signed by Sam Clarke',
    'One hour at the bakery: the service line, what P1 to P4 mean, the on-call line for P1, how to ask for a change.',
  ],
  [
    'Eva Brandt',
    C.eva.email,
    'How to report incidents and request changes at Harbour Lane IT',
    ['CUS'],
    P.priya.email,
    '2025-03-27',
    'Attendance list of 2025-03-27 signed by Eva Brandt',
    'One hour at the bakery: the service line, what P1 to P4 mean, the on-call line for P1, how to ask for a change.',
  ],
  [
    'Dr. Helena Kessler',
    C.helena.email,
    'How to report incidents and request changes at Harbour Lane IT',
    ['CUS'],
    P.priya.email,
    '2025-03-31',
    'Attendance list of 2025-03-31 signed by Dr. Helena Kessler',
    'One hour at the law office with the partners: priorities, the on-call line, breach reporting as controller.',
  ],
  [
    'Markus Roth',
    C.markus.email,
    'How to report incidents and request changes at Harbour Lane IT',
    ['CUS'],
    P.priya.email,
    '2025-03-31',
    'Attendance list of 2025-03-31 signed by Markus Roth',
    'One hour at the law office: the service line, priorities, the on-call line, change requests and pre-approved requests.',
  ],
  [
    'Lea Fischer',
    P.lea.email,
    'On-boarding: procedures, sms and both customer environments',
    ['PT'],
    P.jonas.email,
    '2025-06-27',
    'Checklist of 24 observed tasks signed off by Jonas Weber',
    "Four weeks shadowing Jonas Weber: incidents, pre-approved changes, backups and restores, the customers' sites.",
    '2025-06-02 09:30',
  ],
  [
    'Jonas Weber',
    P.jonas.email,
    'Firewall and VPN administration (vendor certification)',
    ['PT'],
    null,
    '2025-11-20',
    'Vendor certificate NSE4-2025-44810 (PDF in people/certificates/)',
    'Vendor course and exam for the firewall family of CI-0005.',
    '2025-10-20 10:00',
  ],
  [
    'Lea Fischer',
    P.lea.email,
    'Firewall and VPN administration (cross-training)',
    ['PT'],
    P.jonas.email,
    '2026-03-20',
    'Three firewall changes built under supervision and an observed restore drill, signed off by Jonas Weber',
    'Cross-training from Jonas Weber (IR-0001 action I1.4, risk RISK-0005): rules, VPN, failover, restore from the exported configuration.',
    '2025-10-20 10:05',
  ],
  [
    'Priya Nair',
    P.priya.email,
    'Internal auditor for ISO/IEC 20000-1',
    [],
    null,
    '2026-05-13',
    'Certificate ISO20K-IA 2026-0511-031 (PDF in people/certificates/)',
    'Two-day internal auditor course: audit programme, sampling, findings and nonconformities.',
    '2026-04-20 10:00',
  ],
];
TRAINING.forEach(([name, email, topic, roles, trainer, completed, evidence, content, plannedAt], n) => {
  const id = `TRN-${String(n + 1).padStart(4, '0')}`;
  const p = `people/training/${id}-${slug(`${name} ${topic}`).slice(0, 60).replace(/-$/, '')}.md`;
  put(
    p,
    doc(
      {
        id,
        type: 'training-record',
        title: `${name}: ${topic}`,
        status: 'completed',
        version: '1.0',
        person: email,
        topic,
        ...(roles.length ? { roles } : {}),
        competence: topic,
        ...(trainer ? { trainer } : {}),
        ...(plannedAt ? { planned_on: completed } : {}),
        completed_on: completed,
        evidence,
      },
      [
        ['Content', content],
        ['Evidence', `${evidence}.`],
      ],
    ),
  );
  if (plannedAt) {
    commit(plannedAt, 'maria', `Plan training ${id} for ${name}`, [
      stage(p, 'planned', { drop: ['completed_on', 'evidence'], sections: { Evidence: 'To follow on completion.' } }),
    ]);
  }
  // Recorded by Maria in the afternoon of the last day, one record after the other.
  const recordAt = `${completed} 16:${String(n * 2).padStart(2, '0')}`;
  commit(recordAt, 'maria', `Training record ${id}: ${name} completed "${topic}"`, [final(p)]);
});

// --- nonconformities and the internal audit ---------------------------------------------------------------------
const NC = [
  {
    id: 'NC-0001',
    title: 'A DNS zone was edited without a change request',
    source: 'incident',
    source_ref: 'INC-0014',
    requirement: 'Change procedure (CHGPROC): every change to a configuration item goes through a change request (CO.1.1, CO.2.1)',
    severity: 'major',
    detected_on: '2026-02-11',
    owner: P.tom.email,
    due: '2026-03-31',
    closed_on: '2026-03-12',
    verified_on: '2026-05-21',
    status: 'verified',
    nonconformity:
      'On 2026-02-10 a practitioner added a verification record to the bluebell-bakery.example zone in the DNS console\nwithout a change request; the console replaced the zone and caused the P1 incident INC-0014.',
    correction:
      'Zone restored from the nightly export on 2026-02-11 (INC-0014). Until the fix, console edits only with a second person\nwatching.',
    cause:
      'Small DNS edits were seen as "not a change": the change procedure did not say otherwise, and the console made a\none-line edit look harmless (problem PRB-0003).',
    action:
      'Change procedure 1.3 (2026-03-12): every DNS edit is a change; DNS record changes go through the zone repository with a\nreview (model PA-3, RFC-0011). Effectiveness check: the next DNS changes follow the model, and the console audit log\nshows no direct edits.',
    verification:
      "Verified by Maria Santos on 2026-05-21: RFC-0013 (2026-05-20) followed model PA-3 with Lea Fischer's review; the\nconsole audit log shows no edit by us since 2026-03-10.",
    history: [
      ['2026-02-12 09:45', 'tom', 'open'],
      ['2026-02-13 10:30', 'tom', 'action-planned'],
      ['2026-03-12 16:00', 'tom', 'closed'],
      ['2026-05-21 10:30', 'maria', 'verified'],
    ],
  },
  {
    id: 'NC-0002',
    title: 'No restore test was recorded in the second quarter of 2026',
    source: 'audit',
    source_ref: 'AUD-0001',
    requirement: 'Catalogue entry SVC-0003 and improvement action I1.2 of IR-0001: a restore test per customer each quarter',
    severity: 'minor',
    detected_on: '2026-09-16',
    owner: P.tom.email,
    due: '2026-12-31',
    status: 'action-planned',
    nonconformity:
      "AUD-0001 found restore test records for Q4 2025 and Q1 2026 but none between 2026-04-01 and 2026-09-15. The restore\nfailure of INC-0017 (April) would have been found by the Q1 test had it covered the bakery's office PC.",
    correction: 'Restore tests for both customers done on 2026-09-24 and 2026-09-25 (records in the component store).',
    cause:
      'The test was a personal reminder of the Control Manager, lost during the office move work in March; nobody else saw it\nwas due.',
    action:
      "A quarterly restore test as a recurring task in the shared calendar with Lea Fischer as deputy, each with a test record,\nand the catalogue's promise listed in the quarterly performance report. Effective when the Q4 2026 and Q1 2027 tests are\nrecorded on time.",
    history: [
      ['2026-09-17 09:00', 'priya', 'open'],
      ['2026-09-21 11:00', 'tom', 'action-planned'],
    ],
  },
  {
    id: 'NC-0003',
    title: 'The secure component procedure was not reviewed for 19 months',
    source: 'audit',
    source_ref: 'AUD-0001',
    requirement: 'Policy and document procedure: every procedure is reviewed at least once a year (WP.09, CO.1.5)',
    severity: 'minor',
    detected_on: '2026-09-16',
    owner: P.tom.email,
    due: '2026-10-31',
    closed_on: '2026-09-22',
    status: 'closed',
    nonconformity:
      'SECPROC was approved on 2025-02-24 and not reviewed since; the yearly review of 2026-01-19 left it out. sms validate\nhad warned (review-overdue) since 2026-02-24, and nobody acted on the warning.',
    correction: 'SECPROC reviewed on 2026-09-22: still fits, no change.',
    cause: 'The yearly review used a hand-made list of documents; CI warnings were not read because they do not fail the build.',
    action:
      'The yearly review takes its list from `sms types` (every type with a review interval); review-overdue findings are read\nin the weekly team meeting. To be checked in the next audit.',
    history: [
      ['2026-09-17 09:00', 'priya', 'open'],
      ['2026-09-18 10:00', 'tom', 'action-planned'],
      ['2026-09-22 10:05', 'tom', 'closed'],
    ],
  },
];
const ncPath = (n) => `nonconformities/${n.id}-${slug(n.title)}.md`;
for (const n of NC) {
  put(
    ncPath(n),
    doc(
      {
        id: n.id,
        type: 'nonconformity',
        title: n.title,
        status: n.status,
        version: '1.0',
        source: n.source,
        source_ref: n.source_ref,
        requirement: n.requirement,
        severity: n.severity,
        detected_on: n.detected_on,
        owner: n.owner,
        due: n.due,
        ...(n.closed_on ? { closed_on: n.closed_on } : {}),
        ...(n.verified_on ? { verified_on: n.verified_on, approved_by: P.maria.email, approved_on: n.verified_on } : {}),
      },
      [
        ['Nonconformity', n.nonconformity],
        ['Correction', n.correction],
        ['Root cause', n.cause],
        ['Corrective action', n.action],
        ['Verification', n.verification],
      ],
    ),
  );
}
const ncStage = (n, status) =>
  stage(ncPath(n), status, {
    drop: [
      ...(status === 'verified' ? [] : [...APPROVAL, 'verified_on']),
      ...(status === 'closed' || status === 'verified' ? [] : ['closed_on']),
    ],
    sections: {
      ...(n.verification && status !== 'verified' ? { Verification: null } : {}),
      ...(status === 'open' ? { 'Root cause': 'To be analysed.', 'Corrective action': 'To be decided.' } : {}),
    },
  });
// NC-0001 comes from an incident; NC-0002 and NC-0003 are opened in the audit's commit below.
for (const [when, who, status] of NC[0].history) {
  const last = status === NC[0].status;
  commit(when, who, `${NC[0].id} ${status}`, [last ? final(ncPath(NC[0])) : ncStage(NC[0], status)]);
}

const AUD = 'audits/AUD-0001-governance-and-service-control-2026.md';
put(
  AUD,
  doc(
    {
      id: 'AUD-0001',
      type: 'internal-audit',
      title: 'Internal audit of governance and service control, 2026',
      status: 'reported',
      version: '1.0',
      auditor: P.priya.email,
      scope: 'Governance (GO) and service control (CO): documents and records from 2025-10-01 to 2026-08-31',
      criteria: [
        'ISO/IEC TR 29110-5-3 GO and CO tasks',
        'the policy and SMS plan (POLICY 1.1)',
        'the change procedure (CHGPROC 1.3)',
        'the catalogue (SVC-0001 to SVC-0004)',
      ],
      period_start: '2025-10-01',
      period_end: '2026-08-31',
      performed_on: '2026-09-16',
      nonconformities: ['NC-0002', 'NC-0003'],
      result: 'minor-findings',
      approved_by: P.maria.email,
      approved_on: '2026-09-21',
    },
    [
      [
        'Scope and criteria',
        "Governance and service control, records from 2025-10-01 to 2026-08-31, against the GO and CO tasks of ISO/IEC TR\n29110-5-3, the policy, the change procedure and the catalogue. Audited by Priya Nair, who does no work in these two\nprocesses. Service relationship and incidents, her own areas, are audited by Tom Becker in 2027 (MR-0002). Method:\nevery normal change of the period (RFC-0008 to RFC-0011), two pre-approved and one emergency change, the schedule's\nhistory (`sms log SCHEDULE`), the governance documents and their reviews, interviews with Tom Becker, Jonas Weber and\nLea Fischer on 2026-09-14 and 2026-09-15.",
      ],
      [
        'Findings',
        '- Conforming: each normal change has an approved design, a build by a practitioner, a test report by someone else\n  published before the build was set to final, a schedule entry before its deployment and a post-implementation\n  review; the emergency change RFC-0003 was reviewed within three days; pre-approved changes cite their model.\n- NC-0002 (minor): no restore test recorded between April and mid-September 2026, although SVC-0003 promises one per\n  quarter.\n- NC-0003 (minor): the secure component procedure was last reviewed in February 2025.\n- Observation: policy 1.1 states MFA only after RFC-0008 was deployed, as it should; keep that discipline when the\n  policy names controls.',
      ],
      [
        'Conclusion',
        'Governance and service control conform with two minor nonconformities; change control works as the procedure says.\nReported to Maria Santos on 2026-09-21 for the management review.',
      ],
    ],
  ),
);
commit('2026-08-24 10:00', 'priya', 'Plan the internal audit AUD-0001 (MR-0001 action R1.2)', [
  stage(AUD, 'planned', {
    drop: [...APPROVAL, 'performed_on', 'nonconformities', 'result'],
    sections: { Findings: 'To follow.', Conclusion: 'To follow.' },
  }),
]);
commit('2026-09-17 09:00', 'priya', 'AUD-0001 performed: two minor nonconformities', [
  stage(AUD, 'performed', {
    drop: APPROVAL,
    sections: {
      Conclusion: 'Governance and service control conform with two minor nonconformities; change control works as the procedure says.',
    },
  }),
  ncStage(NC[1], 'open'),
  ncStage(NC[2], 'open'),
]);
commit('2026-09-18 10:00', 'tom', 'NC-0003: action planned', [ncStage(NC[2], 'action-planned')]);
commit('2026-09-21 11:00', 'tom', 'NC-0002: corrective action planned', [final(ncPath(NC[1]))]);
commit('2026-09-21 15:00', 'maria', 'Accept the report of AUD-0001', [final(AUD)]);
commit('2026-09-22 10:05', 'tom', 'NC-0003 closed: the secure component procedure is reviewed', [final(ncPath(NC[2]))]);
