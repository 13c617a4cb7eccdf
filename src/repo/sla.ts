import { ALWAYS, readCalendar, type CalendarProblem, type Clock, type ServiceCalendar } from '../calendar.js';
import { parseDate, parseInstant } from '../dates.js';
import { isInForce, sameParty } from '../model/policy.js';
import type { SmsDocument } from './documents.js';
import { own, ownNumber, ownRecord, ownString, stringValues } from './values.js';

/**
 * Agreements as the service-level measurements read them: which services and period they cover,
 * their service-hour calendar and their targets per priority, each with the clock it is measured
 * on. Built once per document; every report and rule reads the same view.
 */

export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;

export interface Target {
  responseHours?: number;
  resolutionHours?: number;
  /** The clock the target is measured on: the agreement's calendar, or around the clock. */
  clock: Clock;
  /** True when the target asks for the calendar but the agreement has none (measured 24×7 then). */
  clockMissing: boolean;
}

export interface AgreementView {
  id: string;
  title: string;
  kind: 'customer' | 'supplier';
  /** The customer or the supplier. */
  party: string;
  status: string;
  inForce: boolean;
  services: string[];
  start?: string;
  end?: string;
  calendar?: ServiceCalendar;
  calendarProblems: CalendarProblem[];
  targets: Partial<Record<(typeof PRIORITIES)[number], Target>>;
  availability?: number;
  availabilityPeriod: 'month' | 'quarter';
  /**
   * The clock availability is measured on (availability_clock): the service hours of its calendar
   * by default, or around the clock where the agreement promises availability at all hours.
   */
  availabilityClock: 'service-hours' | '24x7';
  reporting?: string;
  doc: SmsDocument;
  /** The IDs it had before (from history): incidents closed under an earlier ID are still its. */
  formerIds?: readonly string[];
}

/**
 * Whose an agreement ID was when an incident was opened and recorded (from history): the names
 * (customer or supplier) the agreement that held it then has had, or undefined where history shows
 * one holder only. An ID given to another party's agreement after a deletion, or by a
 * renumbering, names the earlier agreement in what was recorded before.
 */
export type IdHolder = (id: string, incident: SmsDocument) => ReadonlySet<string> | undefined;

/**
 * Which holder of its ID an agreement document is, where history shows several: the names set
 * IdHolder answers with for that holder. Two holders of one party (its agreement given away and
 * taken back) are told apart by this, not by the party's name.
 */
const holderOfDocument = new WeakMap<SmsDocument, ReadonlySet<string>>();

/** Records which holder of its ID a document is (see holderOfDocument). */
export function recordHolder(doc: SmsDocument, holder: ReadonlySet<string>): void {
  holderOfDocument.set(doc, holder);
}

/** The types whose documents are agreements a service is measured against: the customer's and the supplier's. */
export const AGREEMENT_TYPES: readonly string[] = ['customer-agreement', 'supplier-agreement'];

/** The other party an agreement of this type names: its customer, or its supplier. */
export function partyOf(typeKey: string, data: Readonly<Record<string, unknown>>): string {
  return ownString(data, typeKey === 'customer-agreement' ? 'customer' : 'supplier') ?? '';
}

/** The other parties the agreements among `documents` name, customers and suppliers: what sameParty tells namesakes apart by. */
export function agreementParties(documents: readonly SmsDocument[]): string[] {
  return documents.flatMap((d) => {
    const key = d.type?.key;
    const party = d.data && key && AGREEMENT_TYPES.includes(key) ? partyOf(key, d.data) : '';
    return party ? [party] : [];
  });
}

/** The view of an agreement document (customer or supplier), or undefined for any other document. */
export function agreementView(doc: SmsDocument, defaultTimeZone: string | undefined): AgreementView | undefined {
  const key = doc.type?.key;
  if (!doc.data || !doc.id || !key || !AGREEMENT_TYPES.includes(key)) return undefined;
  const data = doc.data;
  const rawCalendar = own(data, 'calendar');
  const cal = rawCalendar === undefined ? { problems: [] as CalendarProblem[] } : readCalendar(rawCalendar, defaultTimeZone);
  const targets: AgreementView['targets'] = {};
  const rawTargets = ownRecord(data, 'targets');
  for (const p of PRIORITIES) {
    const t = rawTargets ? ownRecord(rawTargets, p) : undefined;
    if (!t) continue;
    const wants24x7 = ownString(t, 'clock') === '24x7';
    targets[p] = {
      responseHours: ownNumber(t, 'response_hours'),
      resolutionHours: ownNumber(t, 'resolution_hours'),
      clock: wants24x7 || !cal.calendar ? ALWAYS : cal.calendar,
      clockMissing: !wants24x7 && !cal.calendar,
    };
  }
  return {
    id: doc.id,
    title: doc.title ?? '',
    kind: key === 'customer-agreement' ? 'customer' : 'supplier',
    party: partyOf(key, data),
    status: doc.status ?? '',
    inForce: isInForce(doc.type, doc.status),
    services: stringValues(own(data, 'services')),
    start: parseDate(ownString(data, 'start')),
    end: parseDate(ownString(data, 'end')),
    calendar: cal.calendar,
    calendarProblems: cal.problems,
    targets,
    availability: ownNumber(data, 'availability'),
    availabilityPeriod: ownString(data, 'availability_period') === 'quarter' ? 'quarter' : 'month',
    availabilityClock: ownString(data, 'availability_clock') === '24x7' ? '24x7' : 'service-hours',
    reporting: ownString(data, 'reporting'),
    doc,
  };
}

/**
 * Whether an agreement in force covers `day`: in force on that day by `inForceOn` (its status then,
 * from history) where given, else by its status now; and within its start and end dates. An
 * agreement retired since still covered the days it was in force, and a draft spell covers nothing.
 */
export function coversDay(a: AgreementView, day: string, history: AgreementHistory = {}, inForceOn = history.inForceOn): boolean {
  return (inForceOn ? inForceOn(a, day) : a.inForce) && withinTerm(history.termOn?.(a, day) ?? a, day);
}

/** What history says of agreements, where it was read (see SlaInputs, which carries the same). */
export interface AgreementHistory {
  /** Whether an agreement was in force on a day (its status then); without it, its status now. */
  inForceOn?: (a: AgreementView, day: string) => boolean;
  /** The same for an agreement an incident names (see SlaInputs.namedInForceOn). */
  namedInForceOn?: (a: AgreementView, day: string) => boolean;
  /** The term (start, end) an agreement gave on a day: a renewal's new term is not its past's. Without it, its term now. */
  termOn?: (a: AgreementView, day: string) => { start?: string; end?: string };
  /** Whose an agreement ID was when an incident was opened. */
  heldBy?: IdHolder;
}

/** Whether a day lies within an agreement's term: on or after its start, on or before its end. */
export function withinTerm(term: { start?: string; end?: string }, day: string): boolean {
  return (term.start === undefined || term.start <= day) && (term.end === undefined || day <= term.end);
}

export type Attribution =
  | { how: 'named'; agreement: AgreementView }
  | { how: 'inferred'; agreement: AgreementView }
  | {
      how: 'ambiguous';
      candidates: AgreementView[];
      /** Another customer's agreement for the service, still a draft. */ pending?: AgreementView[];
    }
  | { how: 'unknown'; id: string }
  /** It names an ID that was another party's agreement when it was opened (`party`), not the one holding it now. */
  | { how: 'former'; id: string; party: string }
  /**
   * It names an agreement (`id`) not in force on the day it was opened (`day`): measured against
   * `agreement`, the same party's agreement in force then, where there is exactly one.
   */
  | { how: 'not-in-force'; id: string; day: string; agreement?: AgreementView }
  | { how: 'none' };

/**
 * The customer agreement an incident is measured against: the one it names (`agreement:`), or,
 * when it names none, the only customer agreement in force on the day it opened that covers one of
 * its services. Two or more candidates are ambiguous: the incident must name one, and it is
 * never counted for any customer meanwhile (one customer's incident never shows in another's report).
 * So is one candidate while another customer's agreement for one of those services is still a
 * draft: that customer already uses the service while its agreement is negotiated.
 */
export function customerAgreementOf(
  incident: SmsDocument,
  agreements: readonly AgreementView[],
  timeZoneDay: (ms: number) => string,
  history: AgreementHistory = {},
): Attribution {
  const { heldBy } = history;
  const data = incident.data;
  const named = ownString(data, 'agreement');
  const opened = parseInstant(ownString(data, 'opened'));
  const day = opened === undefined ? undefined : timeZoneDay(opened);
  const services = stringValues(own(data, 'services'));
  // One party however its agreements write its name (a renewal for "Alpha GmbH" is still Alpha's),
  // told apart from namesakes by every agreement's party (see sameParty).
  const parties = agreements.map((a) => a.party);
  const covering = (d: string): AgreementView[] =>
    agreements.filter((a) => a.kind === 'customer' && coversDay(a, d, history) && a.services.some((s) => services.includes(s)));
  if (named !== undefined) {
    // The one that held the ID when the incident was opened.
    const candidates = answeringTo(agreements, named, 'customer');
    if (!candidates.length) return { how: 'unknown', id: named };
    const a = candidates.find((c) => namesAgreement(c, named, incident, heldBy));
    if (!a) return { how: 'former', id: named, party: [...heldBy!(named, incident)!].at(-1)! };
    // An agreement not in force on the day the incident opened (retired, not yet begun) sets it no
    // target: naming a retired agreement's looser targets must not measure it by them. Its party's
    // agreement in force then, where there is one, is the one it is measured against, by the
    // status and the term history gives for that day. Without history nothing is judged: neither
    // the status now nor the term now (a renewal's) says what held on the day it opened.
    const namedInForceOn = history.namedInForceOn ?? history.inForceOn;
    const inForceThen = day === undefined || !namedInForceOn || coversDay(a, day, history, namedInForceOn);
    if (inForceThen) return { how: 'named', agreement: a };
    const instead = covering(day!).filter((c) => sameParty(c.party, a.party, parties));
    return { how: 'not-in-force', id: named, day: day!, ...(instead.length === 1 ? { agreement: instead[0]! } : {}) };
  }
  if (day === undefined) return { how: 'none' };
  const candidates = covering(day);
  if (candidates.length === 1) {
    const only = candidates[0]!;
    const pending = agreements.filter(
      (a) =>
        a.kind === 'customer' &&
        a.id !== only.id &&
        !sameParty(a.party, only.party, parties) &&
        a.status === 'draft' &&
        (a.end === undefined || day <= a.end) &&
        a.services.some((s) => services.includes(s)),
    );
    return pending.length ? { how: 'ambiguous', candidates, pending } : { how: 'inferred', agreement: only };
  }
  if (candidates.length > 1) return { how: 'ambiguous', candidates };
  return { how: 'none' };
}

/**
 * The supplier agreement an incident names (`supplier_agreement:`), when it exists and the ID was
 * that supplier's when the incident was opened.
 */
export function supplierAgreementOf(
  incident: SmsDocument,
  agreements: readonly AgreementView[],
  heldBy?: IdHolder,
): AgreementView | undefined {
  const named = ownString(incident.data, 'supplier_agreement');
  if (named === undefined) return undefined;
  // Among agreements that held the ID (one given to another supplier since), the one that held it then.
  return answeringTo(agreements, named, 'supplier').find((a) => namesAgreement(a, named, incident, heldBy));
}

/** Whether an ID an incident gives (an earlier one included) is this agreement's, and was when the incident was opened. */
export function namesAgreement(a: AgreementView, id: string, incident: SmsDocument, heldBy?: IdHolder): boolean {
  if (!answersTo(a, id)) return false;
  const then = heldBy?.(id, incident);
  if (then === undefined) return true;
  const holder = holderOfDocument.get(a.doc);
  return holder ? holder === then : then.has(a.party);
}

/** The agreements of a kind that answer to an ID: those under it first, then those renumbered from it. */
function answeringTo(agreements: readonly AgreementView[], id: string, kind: AgreementView['kind']): AgreementView[] {
  const ofKind = agreements.filter((a) => a.kind === kind);
  return [...ofKind.filter((a) => a.id === id), ...ofKind.filter((a) => a.id !== id && answersTo(a, id))];
}

/** Whether an agreement answers to an ID: its own, or one it had before it was renumbered. */
export function answersTo(a: AgreementView, id: string): boolean {
  return a.id === id || a.formerIds?.includes(id) === true;
}
