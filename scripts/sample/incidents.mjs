// Service incidents (IN) and problem records. Every incident belongs to one customer agreement and
// is reported by a contact of that customer; closures and non-P1 work fall in service hours; P1s
// record the outage, the cause and their problem record.
import { C, P, assertServiceHours, at, commit, doc, final, put, slug, stage } from './lib.mjs';

const B = 'SLA-0001';
const K = 'SLA-0002';
/**
 * [id, title, agreement, priority, services, cis, classification, reporter, resolver,
 *  opened, responded, resolved, closed, confirmer, extra, texts]
 */
export const INCIDENTS = [
  {
    id: 'INC-0001',
    title: 'Two laptops cannot open the file share after a password change',
    agreement: K,
    priority: 'P3',
    services: ['SVC-0001'],
    cis: ['CI-0002', 'CI-0007'],
    classification: 'configuration',
    reporter: C.markus,
    resolver: 'jonas',
    times: ['2025-04-08 09:12', '2025-04-08 09:25', '2025-04-08 11:40', '2025-04-09 09:30'],
    description:
      'Markus Roth called at 09:12: after changing their passwords on Monday, two lawyers get "access denied" on drive K:\n(the client files on kl-fs-01). Mail and everything else work.',
    open: 'Jonas Weber called back at 09:25 and connected remotely to the first laptop.',
    restoration:
      '- 09:40 Jonas found the old password cached in the Windows credential manager for kl-fs-01 on both laptops.\n- 11:20 Removed the stale entries and re-mapped drive K: on both laptops, with the users at their desks.\n- 11:40 Both users opened client files.',
    solution:
      'Stale cached credentials after a password change. Solution: cached entries removed; the password-change note for\nKessler Legal staff now says to sign out and in once after a change.',
    confirmation: 'Markus Roth confirmed on 2025-04-09 at 09:30 that both lawyers work normally.',
  },
  {
    id: 'INC-0002',
    title: 'The till PC does not start',
    agreement: B,
    priority: 'P2',
    services: ['SVC-0001'],
    cis: ['CI-0001'],
    classification: 'hardware',
    reporter: C.eva,
    resolver: 'jonas',
    times: ['2025-04-15 08:05', '2025-04-15 08:12', '2025-04-15 10:55', '2025-04-16 09:05'],
    description:
      "Eva Brandt called at 08:05 (our service hours start at 08:00): the till PC at the counter shows no light since the shop\nopened at 06:30. The shop takes cash with handwritten receipts and cards on the terminal's stand-alone mode.",
    open: 'Jonas Weber answered at 08:12 and left for the bakery with the spare power supply.',
    restoration:
      "- 08:50 Jonas on site: no power at the unit, the outlet works, the power supply is dead.\n- 10:30 Replaced the power supply from the spare pool; the till PC started and the till software synchronised\n  the morning's card payments.\n- 10:55 Eva Brandt rang up a test sale.",
    solution: 'Failed external power supply of the till PC. Solution: replaced from the spare pool; a new spare ordered the same day.',
    confirmation: 'Eva Brandt confirmed on 2025-04-16 at 09:05 that the till has worked all day.',
  },
  {
    id: 'INC-0003',
    title: 'Mail from some senders arrives hours late after the migration',
    agreement: K,
    priority: 'P2',
    services: ['SVC-0002'],
    cis: ['CI-0003', 'CI-0008'],
    classification: 'configuration',
    reporter: C.markus,
    resolver: 'jonas',
    times: ['2025-05-07 08:40', '2025-05-07 08:50', '2025-05-07 15:30', '2025-05-08 10:00'],
    change_requests: ['RFC-0001'],
    description:
      "The morning after the mail migration (RFC-0001), Markus Roth reported that a court's and two clients' messages sent\nlast evening have not arrived; their senders got no bounce.",
    open: 'Jonas Weber answered at 08:50 and checked the message traces of CloudMail and the old host.',
    restoration:
      "- 09:30 The missing messages sit at the old host: the MX TTL of kessler-legal.example had stayed at 24 hours (only\n  the bakery's zone had been lowered), so some senders still used the old MX.\n- 10:10 Forwarding from the old host to CloudMail switched on for all Kessler Legal mailboxes; the 37 waiting\n  messages delivered by 10:25.\n- 15:30 Checked that no new mail reached the old host since 10:10; forwarding left on until 2025-06-30.",
    solution:
      'MX TTL not lowered before the cut-over for one of the two zones. Solution: forwarding from the old host; the lesson is\nin the post-implementation review of RFC-0001.',
    confirmation: 'Markus Roth confirmed on 2025-05-08 at 10:00 that the court and both clients received their replies.',
  },
  {
    id: 'INC-0004',
    title: 'The nightly backup of the office PC failed twice',
    agreement: B,
    priority: 'P3',
    services: ['SVC-0003'],
    cis: ['CI-0004', 'CI-0001'],
    classification: 'capacity',
    reporter: C.sam,
    resolver: 'jonas',
    times: ['2025-05-20 08:20', '2025-05-20 08:45', '2025-05-20 13:50', '2025-05-21 09:15'],
    description: 'Sam Clarke saw two red lines in the daily backup e-mail: the backup of the office PC failed on Sunday and Monday night.',
    open: 'Jonas Weber answered at 08:45 and opened the job log on hl-bkp-01.',
    restoration:
      '- 09:10 Both jobs ended with "insufficient space in repository": the repository was 96% full.\n- 11:30 Found the retention of the bakery\'s job set to 90 instead of 30 restore points since it was created; reduced\n  it to 30 as the catalogue says and let the cleanup run.\n- 13:20 Repository at 61%; ran the office PC backup by hand: successful at 13:50.',
    solution:
      "Retention misconfigured at 90 restore points filled the repository. Solution: retention set to 30 as designed; the\nother customers' jobs checked (all at 30).",
    confirmation: 'Sam Clarke confirmed on 2025-05-21 at 09:15 that the backup e-mail was green.',
  },
  {
    id: 'INC-0005',
    title: 'VPN unreachable for all remote staff of Kessler Legal',
    agreement: K,
    priority: 'P1',
    services: ['SVC-0004'],
    cis: ['CI-0005'],
    classification: 'security',
    security: true,
    major: true,
    reporter: C.helena,
    resolver: 'jonas',
    times: ['2025-06-03 07:05', '2025-06-03 07:12', '2025-06-03 09:40', '2025-06-04 10:00'],
    outage: ['2025-06-03 06:50', '2025-06-03 09:40'],
    cause: 'Exploit attempts against a vulnerability published the day before crashed the SSL-VPN service of firmware 7.0.12',
    problem: 'PRB-0001',
    change_requests: ['RFC-0003'],
    description:
      'Dr. Helena Kessler called the on-call line at 07:05: no VPN connection from home for her or two colleagues since about\n06:50; a hearing at 10:00 needs the case files. Major incident: Priya Nair coordinated and informed Kessler Legal hourly.',
    open: 'Jonas Weber (on call) answered at 07:12 and connected to the appliance over its management line.',
    restoration:
      '- 07:30 The SSL-VPN daemon restarts every few minutes; the log shows requests matching the vendor advisory of\n  2025-06-02 (remote code execution, exploited in the wild) from a dozen foreign addresses.\n- 08:05 Tom Becker approved an emergency patch by phone (RFC-0003, for 12:10).\n- 08:40 Until then: access to the SSL-VPN portal restricted to German addresses, IPsec tunnels for the six remote\n  lawyers kept running.\n- 09:40 No more crashes; all three users connected. Priya Nair informed Dr. Kessler.\n- 12:10–12:25 Firmware 7.0.14 installed (RFC-0003), SSL-VPN portal switched off.',
    solution:
      'Cause: the appliance ran firmware 7.0.12, vulnerable to the advisory of 2025-06-02; exploit attempts crashed the VPN\nservice. Service restored at 09:40 by restricting the portal; the vulnerability removed by RFC-0003. Logs show no sign\nof a successful exploit (no new accounts, no configuration change). Follow-up in PRB-0001.',
    confirmation: 'Dr. Helena Kessler confirmed on 2025-06-04 at 10:00 that all remote staff work normally.',
  },
  {
    id: 'INC-0006',
    title: 'The new laptop cannot print to the office printer',
    agreement: B,
    priority: 'P4',
    services: ['SVC-0001'],
    cis: ['CI-0001', 'CI-0011'],
    classification: 'software',
    reporter: C.eva,
    resolver: 'lea',
    times: ['2025-06-18 13:00', '2025-06-18 13:40', '2025-06-19 10:30', '2025-06-19 15:00'],
    change_requests: ['RFC-0002'],
    description: "The office assistant's new laptop (RFC-0002) sends print jobs that the back-office printer never prints.",
    open: 'Lea Fischer answered at 13:40 and found the jobs stuck in the queue with a generic driver.',
    restoration:
      "- 2025-06-19 09:30 The printer needs the vendor's PCL6 driver, which Windows Update does not install.\n- 10:30 Lea installed the driver remotely; a test page printed.",
    solution:
      "Printer driver missing from the standard laptop build. Solution: driver installed; the checklist of the laptop model\nnow installs each customer's printer drivers (post-implementation review of RFC-0002).",
    confirmation: 'Eva Brandt confirmed on 2025-06-19 at 15:00.',
  },
  {
    id: 'INC-0007',
    title: "The partners' shared calendar does not sync to their phones",
    agreement: K,
    supplier_agreement: 'UA-0001',
    priority: 'P3',
    services: ['SVC-0002'],
    cis: ['CI-0003'],
    classification: 'supplier',
    reporter: C.markus,
    resolver: 'lea',
    times: ['2025-07-09 10:30', '2025-07-09 10:55', '2025-07-10 15:20', '2025-07-11 09:10'],
    // CloudMail's ticket CM-55120: raised and fixed (no first answer is recorded).
    supplier: ['2025-07-09 11:40', undefined, '2025-07-10 14:50'],
    description:
      "Markus Roth: since this morning new appointments in the partners' shared calendar do not appear on their phones;\nOutlook on the laptops shows them.",
    open: 'Lea Fischer answered at 10:55 and reproduced it with a test phone.',
    restoration:
      "- 11:40 Other calendars sync; only shared calendars are affected, for both customers. Ticket CM-55120 opened with\n  CloudMail (P3 under UA-0001).\n- 12:30 Workaround sent to the partners: open the shared calendar in the phone's browser.\n- 2025-07-10 14:50 CloudMail deployed a fix for its mobile sync service; 15:20 the test phone and two partners' phones\n  show the new appointments.",
    solution:
      "A defect in CloudMail's mobile sync for shared calendars (their ticket CM-55120), fixed by CloudMail within its P3\ntarget. Counted in the supplier performance report.",
    confirmation: 'Markus Roth confirmed on 2025-07-11 at 09:10.',
  },
  {
    id: 'INC-0008',
    title: 'Wi-Fi drops in the meeting room',
    agreement: K,
    priority: 'P3',
    services: ['SVC-0004'],
    cis: ['CI-0006'],
    classification: 'configuration',
    reporter: C.markus,
    resolver: 'lea',
    times: ['2025-08-04 08:30', '2025-08-04 08:50', '2025-08-04 11:45', '2025-08-05 09:00'],
    description: 'Markus Roth: laptops in the meeting room lose Wi-Fi every few minutes; a client meeting is at 14:00.',
    open: 'Lea Fischer answered at 08:50 and went on site.',
    restoration:
      '- 10:00 The access point in the meeting room shares channel 36 with a strong new network of the neighbouring office.\n- 11:30 Moved it to channel 44 and lowered its transmit power to match the other two access points.\n- 11:45 No drop in 15 minutes of testing with two laptops.',
    solution: "Channel overlap with a neighbour's new network. Solution: channel and power changed; recorded in CI-0006's survey\nnotes.",
    confirmation: 'Markus Roth confirmed on 2025-08-05 at 09:00 that the client meeting had no drops.',
  },
  {
    id: 'INC-0009',
    title: 'A deleted client folder needs restoring',
    agreement: K,
    priority: 'P3',
    services: ['SVC-0003'],
    cis: ['CI-0004', 'CI-0007'],
    classification: 'user-error',
    reporter: C.markus,
    resolver: 'lea',
    times: ['2025-08-27 14:20', '2025-08-27 14:35', '2025-08-27 16:50', '2025-08-28 08:45'],
    description: 'A lawyer deleted the folder of a client matter on drive K: while tidying up (about 2,300 files).',
    open: "Lea Fischer answered at 14:35 and started a restore from last night's backup.",
    restoration:
      '- 15:10 Restored the folder from the backup of 2025-08-26 22:00 to its original place.\n- 16:30 Three documents changed today were not in it; the lawyer had them as mail attachments and saved them again.\n- 16:50 File count checked against the backup catalogue.',
    solution: 'Folder deleted by a user. Solution: restored from the nightly backup; three documents of the same day recovered from\nmail.',
    confirmation: 'Markus Roth confirmed on 2025-08-28 at 08:45.',
  },
  {
    id: 'INC-0010',
    title: "The owner's laptop was stolen from a car",
    agreement: B,
    priority: 'P2',
    services: ['SVC-0001'],
    cis: ['CI-0001'],
    classification: 'security',
    security: true,
    reporter: C.sam,
    resolver: 'jonas',
    times: ['2025-09-15 08:10', '2025-09-15 08:15', '2025-09-15 11:30', '2025-09-17 10:00'],
    change_requests: ['RFC-0007'],
    description:
      'Sam Clarke called at 08:10: his laptop bb-nb-01 was stolen from his car overnight (police report filed at 07:30). It\nholds the customer order list (about 300 private customers: names, phone numbers, delivery addresses) and the payroll\nfiles of 14 employees in its synchronised file folder.',
    open: 'Jonas Weber answered at 08:15 and started the steps for a lost device.',
    restoration:
      "- 08:25 Remote wipe sent from the device management console (it runs as soon as the laptop connects to the internet;\n  still pending on 2025-09-17).\n- 08:30 Sam's CloudMail password reset, all sessions and app passwords revoked, the laptop's device certificate\n  removed, so the laptop can no longer sync.\n- 08:45 The console shows bb-nb-01 fully encrypted (BitLocker XTS-AES 128, TPM and PIN) since 2023-09-04; last\n  contact 2025-09-14 21:12.\n- 09:10 Personal-data breach assessment by Priya Nair with Sam Clarke (Bluebell is the controller): the data on the\n  laptop cannot be read without the PIN, and the sync was cut before anyone could use it, so the breach is unlikely\n  to result in a risk to the people concerned (GDPR Art. 33(1)). Sam decided not to notify the supervisory authority\n  and recorded the breach and the reasons in Bluebell's breach register at 10:40.\n- 11:30 Sam works on the office PC; a replacement laptop follows as a pre-approved change (RFC-0007).",
    solution:
      'Theft of an encrypted laptop. Access to data and accounts contained by 08:45 (credentials reset, sync cut, wipe\npending); the breach was assessed as unlikely to result in a risk and documented by the controller; replacement laptop\nhanded over on 2025-09-16 (RFC-0007).',
    confirmation: 'Sam Clarke confirmed on 2025-09-17 at 10:00 that he works on the new laptop and the breach register entry is done.',
  },
  {
    id: 'INC-0011',
    title: 'Phishing: a password entered on a fake CloudMail login page',
    agreement: K,
    priority: 'P2',
    services: ['SVC-0002'],
    cis: ['CI-0003'],
    classification: 'security',
    security: true,
    reporter: C.markus,
    resolver: 'lea',
    times: ['2025-10-07 10:05', '2025-10-07 10:10', '2025-10-07 15:30', '2025-10-09 11:00'],
    description:
      'Markus Roth called at 10:05: a legal assistant opened a mail "shared document" at 09:40 and entered her password on\nthe page it linked to, which looked like the CloudMail login. 14 staff received the same mail.',
    open: 'Lea Fischer answered at 10:10 and secured the account.',
    restoration:
      "- 10:12 Password reset, all sessions revoked, app passwords removed.\n- 10:30 The sign-in log shows sign-ins from an unknown foreign address from 09:46 to 10:11; an inbox rule created at\n  09:48 forwarded new mail to an outside address: 9 messages were forwarded, 6 of them with client correspondence of\n  two clients. Rule removed.\n- 10:45 The phishing mail purged from all 14 mailboxes; no one else entered a password (checked with each recipient);\n  the sender's domain blocked.\n- 11:00 Priya Nair informed Dr. Helena Kessler (controller) of the breach and what was disclosed; the log extract\n  followed at 14:00.\n- 15:30 No further sign-ins from the address; account back in use.",
    solution:
      'A phished password without multi-factor authentication gave an attacker the mailbox for 25 minutes; 9 messages were\nforwarded. Personal-data breach assessment: client correspondence of two clients was disclosed to an unknown party,\nlikely to result in a risk. Dr. Kessler notified the supervisory authority on 2025-10-08 at 16:20 (within 72 hours)\nand informed both clients on 2025-10-09. We were told of the incident at 10:05 and informed the controller at 11:00.\nPrevention: multi-factor authentication (RFC-0008, risk RISK-0004).',
    confirmation: 'Markus Roth confirmed on 2025-10-09 at 11:00, after the notifications were made.',
  },
  {
    id: 'INC-0012',
    title: 'The file server disk is almost full',
    agreement: K,
    priority: 'P3',
    services: ['SVC-0001'],
    cis: ['CI-0007'],
    classification: 'capacity',
    reporter: C.markus,
    resolver: 'jonas',
    times: ['2025-11-04 09:00', '2025-11-04 09:20', '2025-11-04 15:40', '2025-11-05 09:30'],
    description: 'Markus Roth: staff get "disk almost full" warnings when saving to drive K:.',
    open: 'Jonas Weber answered at 09:20: 1.86 of 2 TB used, up 180 GB in three weeks.',
    restoration:
      "- 10:30 The growth is the scanner: since a firmware update its profile saves every scan twice, in colour and in\n  black and white, to two folders.\n- 13:00 With Markus Roth's approval, removed 174 GB of duplicate colour scans (kept in last night's backup for 30\n  days); scanner profile set back to one black-and-white copy.\n- 15:40 1.69 TB used; growth back to normal.",
    solution:
      "Scanner saving every scan twice after its firmware update. Solution: duplicates removed, profile corrected. The\nserver's age is risk RISK-0006.",
    confirmation: 'Markus Roth confirmed on 2025-11-05 at 09:30.',
  },
  {
    id: 'INC-0013',
    title: 'Internet down at the Kessler Legal office',
    agreement: K,
    supplier_agreement: 'UA-0002',
    priority: 'P1',
    services: ['SVC-0004'],
    cis: ['CI-0009'],
    classification: 'supplier',
    major: true,
    reporter: C.markus,
    resolver: 'lea',
    times: ['2025-12-09 10:00', '2025-12-09 10:06', '2025-12-09 21:20', '2025-12-10 09:30'],
    outage: ['2025-12-09 09:52', '2025-12-09 21:10'],
    // FibreNet's ticket FN-INC-778120: raised, first answered, repaired.
    supplier: ['2025-12-09 10:15', '2025-12-09 12:30', '2025-12-09 21:10'],
    cause: 'Fibre cut by third-party roadworks 800 m from the office; a single internet line without failover',
    problem: 'PRB-0002',
    description:
      'Markus Roth called at 10:00: no internet in the office since about 09:50; no mail, no cloud files, no e-filing. Remote\nstaff are not affected. Major incident: Priya Nair coordinated and updated Markus Roth every hour.',
    open: 'Lea Fischer answered at 10:06 and checked the line remotely over the management connection.',
    restoration:
      "- 10:10 The fibre modem has no optical signal since 09:52; the firewall is fine.\n- 10:15 Fault ticket FN-INC-778120 opened with FibreNet (P1 under UA-0002).\n- 10:40 Workaround: staff use their phones' hotspots for mail and urgent filings.\n- 12:30 FibreNet: the fibre was cut by roadworks 800 m away; repair crew booked for the afternoon.\n- 14:00 Priya Nair escalated to Piet de Vries (FibreNet): the 8-hour repair target would be missed; new ETA 20:00.\n- 21:10 Fibre spliced; line back. 21:20 Lea checked mail flow and the VPN remotely.",
    solution:
      'Cause: a fibre cut by third-party roadworks; FibreNet repaired it after 11 h 18 min, beyond its 8-hour target (service\ncredit claimed). Our P1 target of 4 hours was missed because the office has a single line: problem PRB-0002 and the\nLTE backup line (RFC-0009).',
    confirmation: 'Markus Roth confirmed on 2025-12-10 at 09:30 that the office worked normally since the morning.',
  },
  {
    id: 'INC-0014',
    title: 'Mail to the bakery bounces and its web shop is unreachable',
    agreement: B,
    priority: 'P1',
    services: ['SVC-0002'],
    cis: ['CI-0008'],
    classification: 'configuration',
    major: true,
    reporter: C.eva,
    resolver: 'jonas',
    times: ['2026-02-11 06:30', '2026-02-11 06:38', '2026-02-11 08:05', '2026-02-11 11:00'],
    confirmer: C.sam,
    outage: ['2026-02-10 16:52', '2026-02-11 07:55'],
    // The zone was the bakery's own: mail shares the service with Kessler Legal, not this outage.
    outage_agreements: [B],
    cause: 'An unrecorded edit of the DNS zone on 2026-02-10 at 16:52 replaced the whole zone instead of adding one record',
    problem: 'PRB-0003',
    description:
      'Eva Brandt called the on-call line at 06:30: the pre-order page of the web shop does not load, and customers say their\nmails to the bakery come back. Major incident: Priya Nair coordinated from 07:30.',
    open: 'Jonas Weber (on call) answered at 06:38 and looked at the zone.',
    restoration:
      "- 06:45 The bluebell-bakery.example zone holds only SOA, NS and one TXT record: the MX, web and SPF records are gone\n  since 2026-02-10 16:52, when a verification record for the web shop's payment provider was added through the\n  console's zone import, which replaces the zone.\n- 06:55 Restored the zone from the nightly export of 2026-02-10 02:00 and added the verification record again. No\n  change request: this put back the records that were there (a restoration), it did not change them.\n- 07:55 The web shop loads and mail is accepted again; senders' servers retry bounced mail for up to five days.\n- 08:05 Test mails from three outside providers arrived.",
    solution:
      'Cause: an unrecorded zone edit the day before replaced the zone; 15 hours without mail and web records (most of it\noutside service hours). Restored from the nightly export. Permanent fix through a change (RFC-0011) after problem\nPRB-0003; the unrecorded change is nonconformity NC-0001.',
    confirmation: 'Sam Clarke confirmed on 2026-02-11 at 11:00 that orders and mail arrive again.',
  },
  {
    id: 'INC-0015',
    title: 'Laptops slow every morning after the March update',
    agreement: K,
    priority: 'P3',
    services: ['SVC-0001'],
    cis: ['CI-0002'],
    classification: 'software',
    reporter: C.markus,
    resolver: 'lea',
    times: ['2026-03-04 08:45', '2026-03-04 09:05', '2026-03-05 12:00', '2026-03-06 09:15'],
    description: "Markus Roth: since Tuesday's update every laptop is very slow between 09:00 and about 09:40.",
    open: 'Lea Fischer answered at 09:05 and watched a laptop at 09:10: the disk is busy with the endpoint protection.',
    restoration:
      '- 2026-03-04 11:00 The update reset the full scan of the endpoint protection to daily at 09:00 (it was weekly, Friday\n  12:30).\n- 2026-03-05 11:30 The policy set back to weekly on Friday at 12:30 for all Kessler laptops; 12:00 checked on three\n  laptops that the scan schedule changed.',
    solution: 'The March update reset the scan schedule of the endpoint protection. Solution: the previous schedule restored.',
    confirmation: 'Markus Roth confirmed on 2026-03-06 at 09:15 that the morning was normal.',
  },
  {
    id: 'INC-0016',
    title: 'Two desks in the new office have no network',
    agreement: K,
    priority: 'P3',
    services: ['SVC-0004'],
    cis: ['CI-0012'],
    classification: 'configuration',
    reporter: C.markus,
    resolver: 'jonas',
    times: ['2026-03-17 09:10', '2026-03-17 09:20', '2026-03-17 11:30', '2026-03-18 09:00'],
    change_requests: ['RFC-0010'],
    description: 'On the second day in the new office (RFC-0010) two desks in the back office have no network; the users work on Wi-Fi.',
    open: 'Jonas Weber answered at 09:20 and went on site.',
    restoration:
      '- 10:15 The two outlets are patched to ports 23 and 24 of the second switch, which are in the guest network: the patch\n  list used the numbering of the old floor plan.\n- 11:20 Re-patched to the staff ports; patch list corrected. 11:30 both desks connected.',
    solution: 'Wrong patching from an outdated floor plan. Solution: re-patched; lesson in the post-implementation review of RFC-0010.',
    confirmation: 'Markus Roth confirmed on 2026-03-18 at 09:00.',
  },
  {
    id: 'INC-0017',
    title: 'Restore of the January invoices fails',
    agreement: B,
    priority: 'P2',
    services: ['SVC-0003'],
    cis: ['CI-0004'],
    classification: 'software',
    reporter: C.sam,
    resolver: 'jonas',
    times: ['2026-04-08 09:00', '2026-04-08 09:10', '2026-04-08 15:10', '2026-04-09 10:00'],
    description:
      'Sam Clarke needs the January invoices folder for the tax adviser by tomorrow; he deleted it in February. The restore\nfrom the backup of 2026-01-31 fails with a checksum error.',
    open: 'Jonas Weber answered at 09:10 and retried the restore.',
    restoration:
      "- 10:00 The restore point of 2026-01-31 is damaged: that night's job was cut by a power failure in our office (the UPS\n  was in a battery test) and still marked successful.\n- 13:30 Restored the folder from the off-site copy of the same night (RFC-0005), which had been taken from the\n  completed previous chain; 1,212 files, checksums correct.\n- 15:10 Folder back on the office PC.",
    solution:
      'A restore point damaged by a power cut during the backup job. Solution: restored from the off-site copy. The damaged\nchain was deleted and a new full backup taken on 2026-04-08. The quarterly restore test (IR-0001 action A2) would\nhave found it; see NC-0002.',
    confirmation: 'Sam Clarke confirmed on 2026-04-09 at 10:00 that the tax adviser has the invoices.',
  },
  {
    id: 'INC-0018',
    title: "The owner's mailbox is full and rejects mail",
    agreement: B,
    priority: 'P3',
    services: ['SVC-0002'],
    cis: ['CI-0003'],
    classification: 'capacity',
    reporter: C.sam,
    resolver: 'lea',
    times: ['2026-05-11 12:00', '2026-05-11 12:20', '2026-05-11 16:00', '2026-05-12 09:30'],
    description: 'Sam Clarke: customers say their mails bounce with "mailbox full"; his mailbox is at 50 GB (photos of cake orders).',
    open: 'Lea Fischer answered at 12:20.',
    restoration:
      '- 13:00 Enabled the online archive included in the plan and an archive policy for mail older than two years.\n- 16:00 The mailbox is at 21 GB; a test mail from outside arrived.',
    solution: 'Mailbox at its quota. Solution: the archive included in the plan switched on.',
    confirmation: 'Sam Clarke confirmed on 2026-05-12 at 09:30.',
  },
  {
    id: 'INC-0019',
    title: 'VPN drops during a video court hearing',
    agreement: K,
    priority: 'P3',
    services: ['SVC-0004'],
    cis: ['CI-0005'],
    classification: 'software',
    reporter: C.helena,
    resolver: 'jonas',
    times: ['2026-05-20 14:00', '2026-05-20 14:15', '2026-05-21 11:00', '2026-05-22 09:30'],
    description:
      'Dr. Helena Kessler: her VPN connection dropped twice during a video hearing from home this morning; the hearing went\non by phone.',
    open: 'Jonas Weber answered at 14:15 and read the appliance log.',
    restoration:
      "- 15:30 Both drops came exactly at a re-key of the IPsec tunnel, minutes after her laptop switched from the home Wi-Fi\n  to her phone's hotspot.\n- 2026-05-21 10:30 Turned on the VPN client's auto-reconnect on her laptop; a tunnel now comes back in about 15\n  seconds. 11:00 Tested with a roaming laptop in our office.",
    solution:
      'Tunnel drop at re-key after the client changed networks. Restored with auto-reconnect on the client; the cause was not\nknown yet.',
    confirmation: 'Dr. Helena Kessler confirmed on 2026-05-22 at 09:30.',
  },
  {
    id: 'INC-0020',
    title: 'VPN disconnects every hour for remote staff',
    agreement: K,
    priority: 'P2',
    services: ['SVC-0004'],
    cis: ['CI-0005'],
    classification: 'software',
    reporter: C.markus,
    resolver: 'lea',
    times: ['2026-06-15 08:20', '2026-06-15 08:30', '2026-06-15 15:00', '2026-06-16 10:00'],
    problem: 'PRB-0004',
    description:
      'Markus Roth: four of the six remote lawyers lose the VPN about once an hour since the weekend; open documents on the\nfile server close with errors.',
    open: 'Lea Fischer answered at 08:30; the same pattern as INC-0019, now for several users.',
    restoration:
      '- 10:00 Each drop is at a phase-2 re-key of a client that has changed networks; Priya Nair opened problem PRB-0004 and\n  a vendor case.\n- 14:30 Auto-reconnect turned on in the VPN client of all six remote laptops through the device management console.\n- 15:00 Drops now last 15 seconds and documents stay open.',
    solution:
      'Known error PRB-0004 (vendor bug in firmware 7.0.14). Workaround applied for all remote users; the fix is a firmware\nupgrade (RFC-0015).',
    confirmation: 'Markus Roth confirmed on 2026-06-16 at 10:00 that the lawyers can work with the workaround.',
  },
  {
    id: 'INC-0021',
    title: 'The office PC keyboard stopped working after a coffee spill',
    agreement: B,
    priority: 'P4',
    services: ['SVC-0001'],
    cis: ['CI-0001'],
    classification: 'hardware',
    reporter: C.eva,
    resolver: 'lea',
    times: ['2026-07-07 10:00', '2026-07-07 10:40', '2026-07-07 14:30', '2026-07-08 09:00'],
    description: "Eva Brandt: coffee was spilled over the office PC's keyboard; several keys do not work.",
    open: 'Lea Fischer answered at 10:40; a spare keyboard goes with the afternoon visit.',
    restoration: '- 14:30 Keyboard replaced from stock; the PC was not affected.',
    solution: 'Keyboard damaged by liquid. Solution: replaced.',
    confirmation: 'Eva Brandt confirmed on 2026-07-08 at 09:00.',
  },
  {
    id: 'INC-0022',
    title: "Mail to a court's domain is rejected (SPF)",
    agreement: K,
    priority: 'P3',
    services: ['SVC-0002'],
    cis: ['CI-0008', 'CI-0003'],
    classification: 'configuration',
    reporter: C.markus,
    resolver: 'lea',
    times: ['2026-08-19 13:30', '2026-08-19 13:45', '2026-08-20 10:00', '2026-08-20 14:00'],
    change_requests: ['RFC-0014'],
    description: 'Markus Roth: mails to one court come back with "SPF fail"; other recipients receive them.',
    open: 'Lea Fischer answered at 13:45 and read the bounce.',
    restoration:
      "- 14:20 The mail left CloudMail from an address range added in July, which Kessler Legal's SPF record does not list;\n  that court rejects on SPF failure.\n- 14:30 Change request RFC-0014 (pre-approved DNS model) raised; until it is live, Markus sends urgent mail to the\n  court through its web portal.\n- 2026-08-20 09:05 SPF record published (RFC-0014); 10:00 a test mail to the court was accepted.",
    solution: "SPF record missing CloudMail's new sending range. Solution: record added through RFC-0014.",
    confirmation: 'Markus Roth confirmed on 2026-08-20 at 14:00 that the court received the filings.',
  },
  {
    id: 'INC-0023',
    title: 'The office PC reports a failing disk',
    agreement: B,
    priority: 'P3',
    services: ['SVC-0001'],
    cis: ['CI-0001'],
    classification: 'hardware',
    reporter: C.eva,
    resolver: 'jonas',
    times: ['2026-09-22 08:30', '2026-09-22 08:50', '2026-09-23 16:00', '2026-09-24 09:00'],
    description: 'Eva Brandt: the office PC shows a warning that its disk is failing.',
    open: "Jonas Weber answered at 08:50: the disk's health data shows reallocated sectors growing since Sunday.",
    restoration:
      "- 2026-09-22 Checked last night's backup of the PC (complete).\n- 2026-09-23 14:00 On site: new 512 GB SSD fitted, the PC restored from last night's image; 16:00 accounting software\n  and files checked with Eva.",
    solution: 'Failing disk. Solution: replaced and restored from backup; CI-0001 updated.',
    confirmation: 'Eva Brandt confirmed on 2026-09-24 at 09:00.',
  },
  {
    id: 'INC-0024',
    title: 'The firewall blocks the new e-filing client',
    agreement: K,
    priority: 'P2',
    services: ['SVC-0004'],
    cis: ['CI-0005'],
    classification: 'configuration',
    reporter: C.markus,
    resolver: 'lea',
    times: ['2026-10-14 09:00', '2026-10-14 09:05', '2026-10-14 13:45', '2026-10-15 09:00'],
    change_requests: ['RFC-0016'],
    description:
      "Markus Roth: since the courts' e-filing client was updated yesterday it cannot connect at the office; two filings are\ndue on Friday.",
    open: 'Lea Fischer answered at 09:05 and found the blocked connections in the firewall log.',
    restoration:
      '- 09:45 The new client version connects to a new address range of its vendor; the firewall allows only the old one.\n- 10:00 Workaround: the web client of the e-filing service (slower, works).\n- 10:50 Emergency change RFC-0016 approved by Tom Becker by phone; 13:15 rule added; 13:45 a test filing went through.',
    solution: 'New e-filing client version using a new address range. Solution: allow rule added by emergency change RFC-0016.',
    confirmation: 'Markus Roth confirmed on 2026-10-15 at 09:00 that both filings were sent.',
  },
  {
    id: 'INC-0025',
    title: 'VPN drops again during calls',
    agreement: K,
    priority: 'P3',
    services: ['SVC-0004'],
    cis: ['CI-0005', 'CI-0002'],
    classification: 'software',
    reporter: C.helena,
    resolver: 'jonas',
    times: ['2026-11-17 10:00', '2026-11-17 10:15', '2026-11-17 11:30', '2026-11-18 09:00'],
    problem: 'PRB-0004',
    description: 'Dr. Helena Kessler: her VPN drops for a minute or more during calls again.',
    open: 'Jonas Weber answered at 10:15.',
    restoration:
      "- 10:40 Her laptop was reinstalled last week (new SSD under warranty) and the VPN client's auto-reconnect was off.\n- 11:30 Auto-reconnect turned on again; the device management profile now sets it, so a reinstall keeps it.",
    solution:
      'Known error PRB-0004; the workaround was missing after a reinstall. Solution: workaround restored and enforced by\nprofile. The fix (RFC-0015) is scheduled for 2026-12-08.',
    confirmation: 'Dr. Helena Kessler confirmed on 2026-11-18 at 09:00.',
  },
  {
    id: 'INC-0026',
    title: 'The reception scanner cannot save to the file share',
    agreement: K,
    priority: 'P3',
    services: ['SVC-0001'],
    cis: ['CI-0007'],
    classification: 'configuration',
    reporter: C.markus,
    resolver: 'jonas',
    times: ['2026-11-24 09:40', '2026-11-24 09:55'],
    status: 'updated',
    description: 'Markus Roth: the reception scanner shows "cannot connect to server" when scanning to a folder; scanning to e-mail works.',
    open: 'Jonas Weber answered at 09:55.',
    restoration:
      "- 2026-11-24 11:00 The scanner cannot sign in to kl-fs-01 since the server's SMB1 support was switched off by the\n  November update; the scanner's firmware supports SMB2 from version 4.2. Firmware download requested from the\n  scanner's vendor. Until then the reception scans to e-mail.",
    solution: 'Not resolved yet: waiting for the scanner firmware (the file server itself is retired with RFC-0017).',
    update: '2026-11-24 11:10',
  },
  {
    id: 'INC-0027',
    title: 'The office laptop battery is swelling',
    agreement: B,
    priority: 'P3',
    services: ['SVC-0001'],
    cis: ['CI-0001'],
    classification: 'hardware',
    reporter: C.eva,
    resolver: 'lea',
    times: ['2026-11-26 08:50', '2026-11-26 09:10'],
    status: 'opened',
    description: "Eva Brandt: the touchpad of the office assistant's laptop bb-nb-02 bulges; the battery seems swollen.",
    open: 'Lea Fischer answered at 09:10: switch the laptop off and do not charge it; she brings the spare laptop tomorrow and\nsends bb-nb-02 in under warranty.',
  },
];

export const incPath = (i) => `incidents/${i.id}-${slug(i.title)}.md`;
const LATER = [
  'resolved',
  'resolved_by',
  'closed',
  'confirmed_by',
  'outage_end',
  'cause',
  'problem',
  'supplier_opened',
  'supplier_responded',
  'supplier_resolved',
];
for (const i of INCIDENTS) {
  const [opened, responded, resolved, closed] = i.times.map(at);
  const status = i.status ?? 'closed';
  const p1 = i.priority === 'P1';
  for (const t of [opened, responded, resolved, closed]) if (t && !p1) assertServiceHours(t, i.id);
  if (closed) assertServiceHours(closed, `${i.id} closure`);
  const data = {
    id: i.id,
    type: 'incident',
    title: i.title,
    status,
    priority: i.priority,
    opened,
    responded,
    reported_by: i.reporter.email,
    agreement: i.agreement,
    ...(i.supplier_agreement ? { supplier_agreement: i.supplier_agreement } : {}),
    services: i.services,
    cis: i.cis,
    classification: i.classification,
    ...(i.security ? { security: true } : {}),
    ...(i.major ? { major: true } : {}),
    ...(i.change_requests ? { change_requests: i.change_requests } : {}),
    ...(i.outage ? { outage_start: at(i.outage[0]), outage_end: at(i.outage[1]) } : {}),
    ...(i.outage_agreements ? { outage_agreements: i.outage_agreements } : {}),
    ...(i.supplier
      ? {
          supplier_opened: at(i.supplier[0]),
          ...(i.supplier[1] ? { supplier_responded: at(i.supplier[1]) } : {}),
          supplier_resolved: at(i.supplier[2]),
        }
      : {}),
    ...(resolved ? { resolved, resolved_by: P[i.resolver].email } : {}),
    ...(i.cause ? { cause: i.cause } : {}),
    ...(i.problem ? { problem: i.problem } : {}),
    ...(closed ? { closed, confirmed_by: (i.confirmer ?? i.reporter).email } : {}),
  };
  const p = incPath(i);
  const solution = i.confirmation ? `${i.solution}\n\n${i.confirmation}` : i.solution;
  put(
    p,
    doc(data, [
      ['Description', i.description],
      ['Restoration steps', status === 'opened' ? i.open : `${i.open}\n\n${i.restoration}`],
      ['Solution', status === 'opened' ? 'Not resolved yet.' : solution],
    ]),
  );
  const o = { anyTime: p1 };
  const openedStep = stage(p, 'opened', {
    drop: [
      ...LATER,
      ...(i.change_requests && i.id !== 'INC-0003' && i.id !== 'INC-0006' && i.id !== 'INC-0016' ? ['change_requests'] : []),
    ],
    sections: { 'Restoration steps': i.open, Solution: 'Not resolved yet.' },
  });
  const who = i.resolver;
  if (status === 'opened') {
    commit(i.times[1], who, `Open ${i.id}: ${i.title}`, [final(p)], o);
    continue;
  }
  commit(i.times[1], who, `Open ${i.id}: ${i.title}`, [openedStep], o);
  if (status === 'updated') {
    commit(i.update, who, `Investigate ${i.id}`, [final(p)]);
    continue;
  }
  // The problem record is linked when the incident is closed (it is opened during or just after the incident).
  const resolvedStep = stage(p, 'updated', {
    drop: ['closed', 'confirmed_by', ...(i.problem && i.id !== 'INC-0020' ? ['problem'] : [])],
    sections: { Solution: i.solution },
  });
  commit(i.times[2], who, `Resolve ${i.id}`, [resolvedStep], o);
  commit(i.times[3], who, `Close ${i.id}: confirmed by ${(i.confirmer ?? i.reporter).name}`, [final(p)]);
}

// --- problem records (FitSM PR10): major and recurring incidents -------------------------------------
const PROBLEMS = [
  {
    id: 'PRB-0001',
    title: 'The VPN appliance stayed vulnerable between a vendor advisory and our patch',
    status: 'closed',
    incidents: ['INC-0005'],
    services: ['SVC-0004'],
    cis: ['CI-0005'],
    change_requests: ['RFC-0003'],
    known_error: false,
    identified_on: '2025-06-03',
    resolved_on: '2025-06-05',
    description:
      "INC-0005: exploit attempts against a published vulnerability crashed the VPN of Kessler Legal for three hours, the day\nafter the vendor's advisory.",
    cause:
      'We had no watch on vendor advisories: the appliance was one release behind for six weeks, and we learned of a critical\nadvisory from the outage it caused.',
    workaround: 'Restrict the SSL-VPN portal to German addresses until the patch is installed.',
    fix: 'Patched by emergency change RFC-0003 (2025-06-03). Jonas Weber subscribed to the advisory feeds of the firewall, VPN and\nlaptop vendors; critical advisories are patched within 48 hours (change procedure 1.2). Closed on 2025-06-24 after the\nprocedure was updated.',
    history: [
      [
        '2025-06-03 16:00',
        'priya',
        'Open PRB-0001 after the VPN outage INC-0005',
        { status: 'open', drop: ['resolved_on'], sections: { Fix: null } },
      ],
      [
        '2025-06-05 11:30',
        'priya',
        'PRB-0001 resolved by RFC-0003',
        { status: 'resolved', sections: { Fix: 'Patched by emergency change RFC-0003 (2025-06-03); advisory feeds subscribed.' } },
      ],
      ['2025-06-24 11:00', 'priya', 'Close PRB-0001: the 48-hour rule is in the change procedure', null],
    ],
  },
  {
    id: 'PRB-0002',
    title: 'The Kessler Legal office depends on a single internet line',
    status: 'closed',
    incidents: ['INC-0013'],
    services: ['SVC-0004'],
    cis: ['CI-0009', 'CI-0013'],
    change_requests: ['RFC-0009'],
    known_error: true,
    identified_on: '2025-12-10',
    resolved_on: '2026-04-21',
    description:
      'INC-0013: 11 hours without internet at the office (P1 target 4 hours missed). The same would happen with any fault of\nthe fibre; the risk was recorded in March 2025 (RISK-0002) but not yet treated.',
    cause:
      "A single fibre line without failover; FibreNet's repair target (8 hours) is longer than ours (4 hours), so our target\ncannot be met for a line fault whatever FibreNet does. Known error from the start.",
    workaround: "Staff use their phones' hotspots for mail and urgent filings; remote work for those who can.",
    fix: "An LTE backup line on the firewall with automatic failover (RFC-0009, deployed 2026-04-21, failover 48 seconds).\nRe-tested during FibreNet's maintenance on 2026-05-19. Closed on 2026-05-21.",
    history: [
      [
        '2025-12-10 09:00',
        'priya',
        'Open PRB-0002 after the internet outage INC-0013',
        { status: 'open', drop: ['resolved_on', 'change_requests'], set: { cis: ['CI-0009'] }, sections: { Fix: null } },
      ],
      [
        '2025-12-10 16:00',
        'priya',
        'PRB-0002 is a known error: single line, FibreNet target longer than ours',
        { status: 'known-error', drop: ['resolved_on', 'change_requests'], set: { cis: ['CI-0009'] }, sections: { Fix: null } },
      ],
      [
        '2026-01-13 10:30',
        'priya',
        'PRB-0002: fix through RFC-0009',
        {
          status: 'known-error',
          drop: ['resolved_on'],
          set: { cis: ['CI-0009'] },
          sections: { Fix: 'An LTE backup line on the firewall with automatic failover (RFC-0009).' },
        },
      ],
      [
        '2026-04-23 11:00',
        'priya',
        'PRB-0002 resolved: LTE failover deployed (RFC-0009)',
        {
          status: 'resolved',
          sections: {
            Fix: 'An LTE backup line on the firewall with automatic failover (RFC-0009, deployed 2026-04-21, failover 48 seconds).',
          },
        },
      ],
      ['2026-05-21 10:00', 'priya', 'Close PRB-0002 after the failover re-test of 2026-05-19', null],
    ],
  },
  {
    id: 'PRB-0003',
    title: "A DNS zone edit removed the bakery's mail and web records unnoticed",
    status: 'closed',
    incidents: ['INC-0014'],
    services: ['SVC-0002'],
    cis: ['CI-0008'],
    change_requests: ['RFC-0011'],
    known_error: true,
    identified_on: '2026-02-11',
    resolved_on: '2026-03-10',
    description: 'INC-0014: 15 hours without mail and web records for Bluebell Bakery after a zone edit in the DNS console.',
    cause:
      "The console's zone import replaces the zone; the edit was made without a change request (nonconformity NC-0001), without\na second pair of eyes and without a check that MX and web records are still there; nothing alerted us.",
    workaround: 'Restore the zone from the nightly export (as in INC-0014).',
    fix: 'Zones in a repository with review and checks before publishing (RFC-0011, deployed 2026-03-10); every DNS edit is a\nchange, pre-approved model PA-3 (change procedure 1.3). Closed on 2026-03-20.',
    history: [
      [
        '2026-02-11 10:30',
        'priya',
        'Open PRB-0003 after the DNS outage INC-0014',
        { status: 'open', drop: ['resolved_on', 'change_requests'], sections: { Fix: null } },
      ],
      [
        '2026-02-12 09:40',
        'priya',
        'PRB-0003 is a known error; fix through RFC-0011',
        {
          status: 'known-error',
          drop: ['resolved_on'],
          sections: { Fix: 'Zones in a repository with review and checks before publishing (RFC-0011).' },
        },
      ],
      [
        '2026-03-12 11:30',
        'priya',
        'PRB-0003 resolved by RFC-0011',
        {
          status: 'resolved',
          sections: { Fix: 'Zones in a repository with review and checks before publishing (RFC-0011, deployed 2026-03-10).' },
        },
      ],
      ['2026-03-20 10:00', 'priya', 'Close PRB-0003', null],
    ],
  },
  {
    id: 'PRB-0004',
    title: 'VPN tunnels drop at re-key after a client changes networks',
    status: 'known-error',
    incidents: ['INC-0019', 'INC-0020', 'INC-0025'],
    services: ['SVC-0004'],
    cis: ['CI-0005'],
    change_requests: ['RFC-0015'],
    known_error: true,
    identified_on: '2026-06-15',
    description:
      'Remote staff of Kessler Legal lose the VPN for seconds to minutes: INC-0019 (2026-05-20), INC-0020 (2026-06-15, four\nusers), INC-0025 (2026-11-17). It happens about once an hour for a user whose laptop has changed networks (home Wi-Fi\nto phone hotspot).',
    cause:
      'A bug in firmware 7.0.14 (vendor bug 1127734, confirmed by the vendor on 2026-06-17): at a phase-2 re-key the\nappliance drops the tunnel of a client whose public address has changed. Fixed in firmware 7.2.4 (released\n2026-09-15).',
    workaround:
      'Auto-reconnect in the VPN client: the tunnel comes back in about 15 seconds; calls may drop, open files stay open.\nEnforced by the device management profile since 2026-11-17, so a reinstall keeps it.',
    fix: 'Firmware 7.2.4 through RFC-0015, approved and scheduled for 2026-12-08. The problem is closed once no drop has been\nseen for a month after the upgrade.',
    history: [
      [
        '2026-06-15 14:00',
        'priya',
        'Open PRB-0004: the VPN drops of INC-0019 recur in INC-0020',
        {
          status: 'open',
          drop: ['change_requests'],
          set: { incidents: ['INC-0019', 'INC-0020'], known_error: false },
          sections: {
            Fix: null,
            'Root cause': 'Under investigation with the vendor (case 7734-KL).',
            Workaround: 'Auto-reconnect in the VPN client.',
          },
        },
      ],
      [
        '2026-06-17 11:00',
        'priya',
        'PRB-0004 is a known error: vendor bug 1127734',
        {
          status: 'known-error',
          drop: ['change_requests'],
          set: { incidents: ['INC-0019', 'INC-0020'] },
          sections: {
            Fix: 'Waiting for a firmware release with the fix.',
            Workaround:
              'Auto-reconnect in the VPN client: the tunnel comes back in about 15 seconds; calls may drop, open files stay open.',
          },
        },
      ],
      [
        '2026-09-28 11:00',
        'priya',
        'PRB-0004: fix through RFC-0015 (firmware 7.2.4)',
        {
          status: 'known-error',
          set: { incidents: ['INC-0019', 'INC-0020'] },
          sections: {
            Workaround:
              'Auto-reconnect in the VPN client: the tunnel comes back in about 15 seconds; calls may drop, open files stay open.',
          },
        },
      ],
      ['2026-11-18 09:30', 'priya', 'PRB-0004: INC-0025 recurred after a reinstall; the workaround is now enforced', null],
    ],
  },
];
for (const pr of PROBLEMS) {
  const p = `problems/${pr.id}-${slug(pr.title)}.md`;
  put(
    p,
    doc(
      {
        id: pr.id,
        type: 'problem',
        title: pr.title,
        status: pr.status,
        version: '1.0',
        owner: P.priya.email,
        identified_on: pr.identified_on,
        ...(pr.resolved_on ? { resolved_on: pr.resolved_on } : {}),
        known_error: pr.known_error,
        incidents: pr.incidents,
        services: pr.services,
        cis: pr.cis,
        change_requests: pr.change_requests,
      },
      [
        ['Description', pr.description],
        ['Root cause', pr.cause],
        ['Workaround', pr.workaround],
        ['Fix', pr.fix],
      ],
    ),
  );
  for (const [when, who, message, o] of pr.history) commit(when, who, message, [o ? stage(p, o.status, o) : final(p)]);
}
