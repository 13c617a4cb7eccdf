import { ALWAYS, describeClock, localDate, serviceTime, zonedInstant, type Clock } from '../calendar.js';
import { addDays, formatInstant, HOUR_MS, parseInstant } from '../dates.js';
import { calendarPeriodsOf, quarterLabel, type Period } from '../period.js';
import type { SmsDocument } from '../repo/documents.js';
import { idsInFileNames } from '../repo/ids.js';
import {
  AGREEMENT_TYPES,
  agreementView,
  answersTo,
  customerAgreementOf,
  namesAgreement,
  supplierAgreementOf,
  withinTerm,
  type AgreementView,
  type Attribution,
  type AgreementHistory,
} from '../repo/sla.js';
import { own, ownString, stringValues, valuesAtPath } from '../repo/values.js';
import { isFinished, isInForce, sealedChanges } from '../model/policy.js';
import { eventsOfLineage, type DocEvent } from '../history/timeline.js';
import type { DocState } from '../history/extract.js';
import {
  agreementIdHolders,
  earlierHolders,
  deletedDocuments,
  deletions,
  formerIds,
  inForceOn,
  isEarlierHolder,
  termOn,
  recordCurrentHolders,
  localDay,
  versionsOver,
  type ReportContext,
} from './context.js';

/**
 * Service-level measurements, as an agreement defines them: per incident the response and
 * resolution time in the agreement's service hours against its targets, and availability per
 * service per calendar month from outage records. Pure: documents and a period in, numbers out.
 *
 * Which incidents a period counts:
 * - resolution: incidents resolved in the period (a breach is reported in the period it ends);
 * - response: incidents answered in the period (a late answer is a breach of the period it came
 *   in); one resolved with no response recorded was answered by its resolution at the latest, so it
 *   met a response target its resolution met, and otherwise whether it did is not known; one not
 *   answered by the end of the period and past its target is a breach already;
 * - backlog: incidents open at the end of the period, whenever they were opened, with their age;
 *   one open past its target is a breach already.
 */

const MINUTE_MS = 60_000;
const round2 = (x: number): number => Math.round(x * 100) / 100;

/** The instants a period of local dates covers in a time zone: [start, end). */
export function periodInstants(p: Period, timezone: string): { start: number; end: number } {
  return { start: zonedInstant(p.since, 0, timezone), end: zonedInstant(addDays(p.until, 1), 0, timezone) };
}

export interface IncidentMeasure {
  id: string;
  title: string;
  file: string;
  priority: string;
  services: string[];
  opened: string;
  responded?: string;
  resolved?: string;
  /** Measured for a supplier agreement from the supplier's own times (supplier_opened, _responded, _resolved). */
  supplierTimes?: boolean;
  /** The customer agreement it is measured against, and how that was decided. */
  agreement?: string;
  attribution: Attribution['how'];
  /** Set when it names an agreement not in force on the day it was opened: that agreement and day (see `agreement` for the one measured against, if any). */
  namedNotInForce?: { agreement: string; openedOn: string };
  supplierAgreement?: string;
  /** The clock its targets run on ("Mon, Tue, … 08:00–18:00 Europe/Berlin" or "24×7"). */
  clock: string;
  responseTargetHours?: number;
  /**
   * Service hours to the first response (to the end of the period when there was none yet);
   * undefined when the incident was resolved with no response recorded.
   */
  responseHours?: number;
  /** Within the response target; undefined while not answered and not yet late, or not known. */
  responseMet?: boolean;
  /** False when the incident records no response (`responded`). */
  responseRecorded?: boolean;
  /** Answered in the period (or resolved in it with no response recorded): counted in its response figures. */
  responseInPeriod: boolean;
  resolutionTargetHours?: number;
  /** Service hours to resolution (to the end of the period while still open). */
  resolutionHours?: number;
  resolutionMet?: boolean;
  /** Wall-clock hours to resolution, for comparison. */
  clockHours?: number;
  openedInPeriod: boolean;
  resolvedInPeriod: boolean;
  /** Still unresolved at the end of the period. */
  openAtEnd: boolean;
  /**
   * A target of it ran out inside the period (a late response, or resolution, or none by the
   * period's end): each breach counts in one period only, for trends; `breach` lists it in every
   * period it shows in.
   */
  breachedInPeriod: boolean;
  /** Days from opening to the end of the period, for an incident open at the end. */
  ageDays?: number;
  breach: boolean;
  /** Set for a closed incident whose measured fields were changed after it was closed: it is measured as closed. */
  changedAfterClosing?: ChangedAfterClosing;
  /** Set when its priority is not the one it was first committed with: what the first one's targets make of it. */
  reclassified?: Reclassified;
  /** Set for an incident deleted from the repository after the period: measured as it stood before. */
  deleted?: DeletedIncident;
  /** Set when its opening time is not the one it was first committed with (`from`): measured from `to`. */
  openedMoved?: PriorityChange;
  /**
   * Set when a time of it was moved, since it was first committed, the way that makes a figure
   * better (an answer, resolution or outage end earlier, an outage start later): measured by the
   * times recorded, with what the times first recorded make of it.
   */
  timesMoved?: TimesMoved;
}

/**
 * A time of an incident as first committed (`from`) and as measured (`to`; `removed` where the
 * record no longer gives one), and the commit that set the one measured, or removed it.
 */
export interface TimeMoved {
  field: 'responded' | 'resolved' | 'outage_start' | 'outage_end';
  from: string;
  to?: string;
  removed?: true;
  /** The last commit that set the value measured; absent while that is not committed. */
  commit?: string;
  author?: string;
  /** That commit's day in the organisation's time zone. */
  date?: string;
}

/**
 * The times of an incident moved since they were first committed, each the way that makes a figure
 * better, and, where the answer or the resolution moved, what the times first recorded make of it
 * against the targets it is measured by (its outage: see the availability rows' `firstRecorded`).
 * A time may be corrected, but one moved once the outcome is known can turn a breach into a met
 * target: the customer sees both.
 */
export interface TimesMoved extends FiguresThen {
  fields: TimeMoved[];
}

/**
 * What an incident's first recorded values (its priority's targets, its times) make of it: the
 * response and the resolution against their targets. `open`: not resolved by the end of the period
 * by those values, its resolution hours running to then.
 */
export interface FiguresThen {
  responseTargetHours?: number;
  responseHours?: number;
  responseMet?: boolean;
  resolutionTargetHours?: number;
  resolutionHours?: number;
  resolutionMet?: boolean;
  open?: true;
}

/**
 * The times whose move makes a figure better, and which way: earlier for the answer, the resolution
 * and the end of an outage, later for its start. A time moved the other way makes a figure worse,
 * which needs no note.
 */
const TIMES_THAT_FLATTER: readonly (readonly [TimeMoved['field'], -1 | 1, 'removal flatters'?])[] = [
  // Removed, an answer given late leaves the response "not known", and an outage start the outage.
  ['responded', -1, 'removal flatters'],
  ['resolved', -1],
  ['outage_start', 1, 'removal flatters'],
  ['outage_end', -1],
];

/** What changed in a closed record's measured (`sealed`) fields since it was closed, from history. */
export interface ChangedAfterClosing {
  fields: { field: string; closed: string[]; now: string[] }[];
  /** The first commit after the closing that changed them; absent while the change is not committed. */
  commit?: string;
  author?: string;
  /** That commit's day in the organisation's time zone. */
  date?: string;
}

/**
 * An incident measured at another priority than the one it was first committed with. A priority may
 * be corrected, but one lowered once the outcome is known can turn a breach into a met target:
 * the customer sees both, measured on the first priority's clock.
 */
export interface Reclassified extends FiguresThen {
  from: string;
  to: string;
  /** The last commit that set the priority it is measured at; absent while that is not committed. */
  commit?: string;
  author?: string;
  /** That commit's day in the organisation's time zone. */
  date?: string;
}

/**
 * An incident deleted from the repository, as it stood before its deletion (the fields history
 * keeps of it). Deleted by a period's last day, it is not counted, since whether it was a mistake is
 * the deleter's word, but listed, so that no figure leaves it out in silence; deleted after it, it
 * was there all through the period and is measured as it stood.
 */
export interface DeletedIncident {
  id: string;
  file: string;
  title: string;
  status?: string;
  priority?: string;
  opened: string;
  agreement?: string;
  /** The commit that deleted it. */
  commit: string;
  author: string;
  /** That commit's day in the organisation's time zone. */
  date: string;
}

/** A deleted incident with what decides which period and agreement it belongs to. */
interface Deleted {
  shown: DeletedIncident;
  /** As it stood before its deletion: measured where it was deleted after the period. */
  doc: SmsDocument;
  /** The day it was deleted. */
  day: string;
  /** Its ID was given to another incident since: listed, never measured. */
  reused?: true;
  opened: number;
  resolved?: number;
  services: readonly string[];
  supplierAgreement?: string;
}

/** What history recorded of an incident whose opening moved: every opening committed, the agreements it first named. */
export interface Recorded {
  agreement?: string;
  supplierAgreement?: string;
  openings: number[];
}

/** The value an incident was first committed with (priority, opening time), and who set the one it is measured by. */
export type PriorityChange = Pick<Reclassified, 'from' | 'to' | 'commit' | 'author' | 'date'>;

/**
 * What the measures read. From history (AgreementHistory): whether an agreement was in force on a
 * day, and for one an incident names, before the history of one that took its ID from a deleted
 * document, in force (whose the ID was then is `heldBy`'s to say); the term it gave on a day; whose
 * an agreement ID was when an incident was opened.
 */
export interface SlaInputs extends AgreementHistory {
  documents: readonly SmsDocument[];
  timezone?: string;
  /** Closed incidents measured as they were closed, by id: what has changed since. */
  afterClosing?: ReadonlyMap<string, ChangedAfterClosing>;
  /** Incidents whose priority is not the one they were first committed with, by id (from history). */
  firstPriority?: ReadonlyMap<string, PriorityChange>;
  /** Incidents whose opening time is not the one they were first committed with, by id (from history). */
  firstOpened?: ReadonlyMap<string, PriorityChange>;
  /** Incidents whose times were moved, since first committed, the way that makes a figure better, by id (from history). */
  firstTimes?: ReadonlyMap<string, TimeMoved[]>;
  /** For those, every opening history recorded, and the agreements they first named: whose report lists the opening moved out. */
  recorded?: ReadonlyMap<string, Recorded>;
  /** Incidents deleted from the repository (from history). */
  deleted?: readonly Deleted[];
  /** Documents in files sms does not read (stray-document). */
  outside?: readonly SmsDocument[];
  /** The folder incident records are kept in (uncountedIncidents). */
  incidentFolder?: string;
  /** An agreement as it stood at a period's end, and how it was read (from history); without it, as it is now. */
  atEnd?: (a: AgreementView, period: Period) => { view: AgreementView; over: AgreementOver };
  /** The earlier IDs of documents whose ID was changed in a commit (from history), by their ID now. */
  formerIds?: ReadonlyMap<string, readonly string[]>;
  /** Agreements that held an ID before another party's agreement took it, as history last had them. */
  earlierHolders?: readonly AgreementView[];
}

/** The fields an agreement's incidents and availability are measured by. */
const MEASURED_TERMS = ['services', 'start', 'end', 'calendar', 'targets', 'availability', 'availability_period', 'availability_clock'];

/**
 * Whether two versions of an agreement measure the same: a revision that changed its review date,
 * version or wording changed no target, so the incidents before it were measured as they would
 * have been. Without the versions' front matter, any change of content counts.
 */
function sameTerms(a: DocState, b: DocState): boolean {
  if (!a.data || !b.data) return a.contentHash === b.contentHash;
  const terms = (d: Record<string, unknown>) => JSON.stringify(MEASURED_TERMS.map((k) => own(d, k) ?? null));
  return terms(a.data) === terms(b.data);
}

/** How a period reads an agreement: the version in force at its end, and what has happened to it since. */
export interface AgreementOver {
  doc: SmsDocument;
  /** Set when the agreement has changed what it says since: the version read (committed by the period's end). */
  /** `uncommitted` when the change since is an edit in the working tree (changedSince is then today). */
  asCommitted?: { commit: string; date: string; changedSince: string; uncommitted?: boolean };
  /** Set when a revision in force came in during the period: the day it did. */
  revisedDuring?: string;
}

/**
 * An agreement as a period is measured against it: the last version in force committed by the
 * period's end. Targets relaxed since do not undo the period's breaches, nor stricter ones make
 * new ones. Without history, the agreement as it is now.
 */
export function agreementOver(ctx: ReportContext, now: SmsDocument, period: Period): AgreementOver {
  const edited = (last: DocState): boolean => last.data !== undefined && now.data !== null && !sameTerms(last, { ...last, data: now.data });
  const { then, revisedDuring } = versionsOver(ctx, now, period, (v) => isInForce(now.type, v.status), sameTerms, edited);
  return {
    doc: then?.doc ?? now,
    ...(then
      ? {
          asCommitted: {
            commit: then.event.commit.sha,
            date: localDay(ctx, then.event.commit.date) ?? '',
            changedSince: then.changedSince,
            ...(then.uncommitted ? { uncommitted: true } : {}),
          },
        }
      : {}),
    ...(revisedDuring ? { revisedDuring } : {}),
  };
}

/**
 * The inputs of a report's service-level figures: its documents, the organisation's time zone,
 * and each agreement's status on a day from history (an agreement retired since still covered the
 * days it was in force).
 */
export function slaInputs(ctx: ReportContext): SlaInputs {
  // The audit asks once per obligation about incidents: the inputs are the same for one reading.
  const known = builtInputs.get(ctx.documents);
  if (known && known.timeline === ctx.timeline && known.config === ctx.config) return known.inputs;
  const inputs = buildInputs(ctx);
  builtInputs.set(ctx.documents, { timeline: ctx.timeline, config: ctx.config, inputs });
  return inputs;
}

const builtInputs = new WeakMap<
  readonly SmsDocument[],
  { timeline: ReportContext['timeline']; config: ReportContext['config']; inputs: SlaInputs }
>();

function buildInputs(ctx: ReportContext): SlaInputs {
  // Per agreement, whether it was in force on a day.
  const changes = new Map<SmsDocument, (day: string) => boolean>();
  const namedChanges = new Map<SmsDocument, (day: string) => boolean>();
  const terms = new Map<SmsDocument, ReturnType<typeof termOn>>();
  const afterClosing = new Map<string, ChangedAfterClosing>();
  // An agreement deleted since still covered the days it was in force: whose incident was whose
  // then does not change by taking it out of the repository.
  const documents = ctx.timeline
    ? [...ctx.documents.map((d) => asClosed(ctx, d, afterClosing)), ...deletedDocuments(ctx, AGREEMENT_TYPES)]
    : ctx.documents;
  // A deleted incident, too, is measured as it was closed where it was closed.
  recordCurrentHolders(ctx, documents);
  const deleted = ctx.timeline ? deletedIncidents(ctx, afterClosing) : undefined;
  const first = ctx.timeline ? firstRecorded(ctx, [...documents, ...(deleted ?? []).flatMap((x) => (x.reused ? [] : [x.doc]))]) : undefined;
  const versions = new Map<string, { view: AgreementView; over: AgreementOver }>();
  return {
    documents,
    timezone: ctx.config.timezone,
    incidentFolder: ctx.config.typeByKey.get('incident')?.folder,
    formerIds: formerIds(ctx),
    heldBy: agreementIdHolders(ctx),
    earlierHolders: earlierHolders(ctx).flatMap((d) => agreementView(d, ctx.config.timezone) ?? []),
    afterClosing,
    firstPriority: first?.priority,
    firstOpened: first?.opened,
    firstTimes: first?.times,
    recorded: first?.recorded,
    deleted,
    outside: ctx.outside,
    inForceOn: (a, day) => {
      // By document: an ID's earlier holder is in force on days of its own.
      let on = changes.get(a.doc);
      if (!on) changes.set(a.doc, (on = inForceOn(ctx, a.doc)));
      return on(day);
    },
    namedInForceOn: (a, day) => {
      let on = namedChanges.get(a.doc);
      if (!on) namedChanges.set(a.doc, (on = inForceOn(ctx, a.doc, true)));
      return on(day);
    },
    ...(ctx.timeline
      ? {
          termOn: (a: AgreementView, day: string) => {
            let on = terms.get(a.doc);
            if (!on) terms.set(a.doc, (on = termOn(ctx, a.doc)));
            return on(day);
          },
        }
      : {}),
    ...(ctx.timeline
      ? {
          atEnd: (a: AgreementView, period: Period) => {
            // An ID's earlier holder is read as history last had it: its ID's versions since are another's.
            if (isEarlierHolder(a.doc)) return { view: a, over: { doc: a.doc } };
            // Asked once per incident: one answer per agreement file and period.
            const key = `${a.doc.file}\0${a.id}\0${period.since}\0${period.until}`;
            let v = versions.get(key);
            if (!v) {
              const over = agreementOver(ctx, a.doc, period);
              versions.set(key, (v = { view: agreementView(over.doc, ctx.config.timezone) ?? a, over }));
            }
            return v;
          },
        }
      : {}),
  };
}

/**
 * A finished record (an incident closed) as it was when it was closed: the fields it is measured by
 * (`sealed`) take the values history shows in the commit that closed it. What the affected parties
 * confirmed then is what the figures rest on; a later change is recorded in `out`, not counted.
 */
function asClosed(ctx: ReportContext, d: SmsDocument, out: Map<string, ChangedAfterClosing>): SmsDocument {
  const t = d.type;
  if (!t?.sealed?.length || !d.data || !d.id || !isFinished(t, d.status)) return d;
  const events = eventsOfLineage(ctx.timeline!, d.id);
  const at = events.findIndex((e) => e.after?.status === d.status);
  if (at < 0) return d;
  const closed = events[at]!.after!.lists ?? {};
  const now = Object.fromEntries(t.sealed.map((f) => [f, valuesAtPath(d.data!, f).map((v) => v.value)]));
  const fields = sealedChanges(t, closed, now);
  if (fields.length === 0) return d;
  const by = events.slice(at + 1).find((e, k) => sealedChanges(t, events[at + k]!.after?.lists, e.after?.lists).length > 0);
  const data: Record<string, unknown> = Object.fromEntries(Object.entries(d.data).filter(([k]) => !fields.includes(k)));
  for (const f of fields) {
    const v = closed[f] ?? [];
    if (v.length) data[f] = Array.isArray(own(d.data, f)) || v.length > 1 ? [...v] : v[0];
  }
  out.set(d.id, {
    fields: fields.map((f) => ({ field: f, closed: [...(closed[f] ?? [])], now: now[f]! })),
    ...(by ? { commit: by.commit.sha, author: by.commit.authorName, date: localDay(ctx, by.commit.date) } : {}),
  });
  return { ...d, data };
}

/**
 * Per incident whose priority or opening time is not what it was first committed with (under an
 * earlier ID too: a renumbering does not make a new first value): that first value, the one
 * measured, and the commit that set the one measured. An opening moved later shortens every time
 * measured from it, as a lowered priority loosens the targets. The same for the times whose move
 * makes a figure better (TIMES_THAT_FLATTER), where they were moved that way.
 */
function firstRecorded(
  ctx: ReportContext,
  documents: readonly SmsDocument[],
): {
  priority: Map<string, PriorityChange>;
  opened: Map<string, PriorityChange>;
  recorded: Map<string, Recorded>;
  times: Map<string, TimeMoved[]>;
} {
  const out = {
    priority: new Map<string, PriorityChange>(),
    opened: new Map<string, PriorityChange>(),
    recorded: new Map<string, Recorded>(),
    times: new Map<string, TimeMoved[]>(),
  };
  for (const d of documents) {
    if (d.type?.key !== 'incident' || !d.data || !d.id) continue;
    const events = eventsOfLineage(ctx.timeline!, d.id);
    for (const [field, map, same] of [
      ['priority', out.priority, (a: string, b: string) => a === b],
      ['opened', out.opened, (a: string, b: string) => parseInstant(a) === parseInstant(b)],
    ] as const) {
      const to = ownString(d.data, field);
      const valueOf = (e: DocEvent, side: 'before' | 'after'): string | undefined => e[side]?.lists?.[field]?.[0];
      const from = events.map((e) => valueOf(e, 'after')).find((v) => v !== undefined);
      if (from === undefined || to === undefined || same(from, to)) continue;
      let by: DocEvent | undefined;
      for (const e of events) {
        const now = valueOf(e, 'after');
        const was = valueOf(e, 'before');
        if (now !== undefined && same(now, to) && (was === undefined || !same(was, to))) by = e;
      }
      // An instant as every other in the report (UTC, to the second), where it is one.
      const shown = (v: string): string => {
        const at = field === 'opened' ? parseInstant(v) : undefined;
        return at === undefined ? v : formatInstant(at);
      };
      map.set(d.id, {
        from: shown(from),
        to: shown(to),
        ...(by ? { commit: by.commit.sha, author: by.commit.authorName, date: localDay(ctx, by.commit.date) } : {}),
      });
    }
    const times = timesMoved(ctx, d.data, events);
    if (times.length) out.times.set(d.id, times);
    if (out.opened.has(d.id)) {
      const firstOf = (field: string): string | undefined => events.map((e) => e.after?.lists?.[field]?.[0]).find((v) => v !== undefined);
      const openings = events.flatMap((e) => e.after?.lists?.opened ?? []).map((v) => parseInstant(v));
      out.recorded.set(d.id, {
        agreement: firstOf('agreement'),
        supplierAgreement: firstOf('supplier_agreement'),
        openings: [...new Set(openings.filter((ms): ms is number => ms !== undefined))],
      });
    }
  }
  return out;
}

/**
 * The times of an incident (TIMES_THAT_FLATTER) measured now at another instant than the first one
 * committed, moved the way that makes a figure better, or removed where that does. The first
 * committed is the first version's value that reads as an instant.
 */
function timesMoved(ctx: ReportContext, data: Record<string, unknown>, events: readonly DocEvent[]): TimeMoved[] {
  const out: TimeMoved[] = [];
  for (const [field, better, removal] of TIMES_THAT_FLATTER) {
    const to = parseInstant(ownString(data, field));
    const at = (e: DocEvent, side: 'before' | 'after'): number | undefined => parseInstant(e[side]?.lists?.[field]?.[0]);
    const from = events.map((e) => at(e, 'after')).find((ms) => ms !== undefined);
    if (from === undefined || (to === undefined ? !removal : Math.sign(to - from) !== better)) continue;
    let by: DocEvent | undefined;
    for (const e of events) if (at(e, 'after') === to && at(e, 'before') !== to) by = e;
    out.push({
      field,
      from: formatInstant(from),
      ...(to === undefined ? { removed: true as const } : { to: formatInstant(to) }),
      ...(by ? { commit: by.commit.sha, author: by.commit.authorName, date: localDay(ctx, by.commit.date) } : {}),
    });
  }
  return out;
}

/** Incidents deleted from the repository (see deletions), with what their listing shows. */
function deletedIncidents(ctx: ReportContext, afterClosing: Map<string, ChangedAfterClosing>): Deleted[] {
  const out: Deleted[] = [];
  for (const deletion of deletions(ctx, ['incident'])) {
    const { event, day, reused } = deletion;
    // One whose ID another incident holds now is listed only: what history says of the ID now is that one's.
    const doc = reused ? deletion.doc : asClosed(ctx, deletion.doc, afterClosing);
    const opened = parseInstant(ownString(doc.data, 'opened'));
    if (opened === undefined || !doc.id) continue;
    const shown: DeletedIncident = {
      id: doc.id,
      file: doc.file,
      title: doc.title ?? '',
      opened: formatInstant(opened),
      commit: event.commit.sha,
      author: event.commit.authorName,
      date: day,
    };
    if (doc.status !== undefined) shown.status = doc.status;
    const priority = ownString(doc.data, 'priority');
    if (priority !== undefined) shown.priority = priority;
    const agreement = ownString(doc.data, 'agreement');
    if (agreement !== undefined) shown.agreement = agreement;
    out.push({
      shown,
      doc,
      day,
      ...(reused ? { reused } : {}),
      opened,
      resolved: parseInstant(ownString(doc.data, 'resolved') ?? ownString(doc.data, 'closed')),
      services: stringValues(own(doc.data!, 'services')),
      supplierAgreement: ownString(doc.data, 'supplier_agreement'),
    });
  }
  return out.sort((a, b) => a.opened - b.opened || (a.shown.id < b.shown.id ? -1 : 1));
}

/**
 * The deleted incidents that would have touched a period (opened before its end, not resolved
 * before its start), and with an agreement, that would have been its: named by it, or on its
 * services naming none (a customer's), or naming it (a supplier's).
 */
export function deletedDuring(inputs: SlaInputs, period: Period, tz: string, forAgreement?: AgreementView): DeletedIncident[] {
  const { start, end } = periodInstants(period, tz);
  // One deleted after the period stood through it: measured (measureIncidents), not listed here.
  return (inputs.deleted ?? [])
    .filter((d) => (d.reused || d.day <= period.until) && d.opened < end && (d.resolved === undefined || d.resolved >= start))
    .filter(
      (d) =>
        !forAgreement ||
        // An ID another party's agreement held when the incident was opened names that one.
        (forAgreement.kind === 'supplier'
          ? d.supplierAgreement === forAgreement.id && namesAgreement(forAgreement, forAgreement.id, d.doc, inputs.heldBy)
          : (d.shown.agreement === forAgreement.id && namesAgreement(forAgreement, forAgreement.id, d.doc, inputs.heldBy)) ||
            (d.shown.agreement === undefined && d.services.some((s) => forAgreement.services.includes(s)))),
    )
    .map((d) => d.shown);
}

/** The customer agreement an incident is attributed to (and how), and the supplier agreement it names. */
function whoseIncident(
  inputs: SlaInputs,
  d: SmsDocument,
  agreements: { now: AgreementView[]; inTurn: AgreementView[] },
  day: (ms: number) => string,
) {
  const attribution = customerAgreementOf(d, agreements.now, day, inputs);
  const customer =
    attribution.how === 'named' || attribution.how === 'inferred' || attribution.how === 'not-in-force' ? attribution.agreement : undefined;
  // A supplier agreement ID given to another supplier: the incident is the supplier's that held it then.
  const supplier = supplierAgreementOf(d, agreements.inTurn, inputs.heldBy);
  return { attribution, customer, supplier };
}

/**
 * Every agreement view (agreementsOf), and the same with the earlier holders of IDs given to
 * another party since (`inTurn`): an incident names the one that held its ID then.
 */
export function agreementsInTurn(inputs: SlaInputs): { now: AgreementView[]; inTurn: AgreementView[] } {
  const now = agreementsOf(inputs);
  return { now, inTurn: [...now, ...(inputs.earlierHolders ?? [])] };
}

/**
 * The agreement that held an ID when an incident named it, now another party's: the earlier
 * holder as history last had it under the ID, whether the ID was given to another document after
 * its deletion or taken by a renumbering.
 */
function formerHolder(inputs: SlaInputs, inTurn: readonly AgreementView[], id: string, d: SmsDocument): AgreementView | undefined {
  if (!inputs.heldBy?.(id, d)) return undefined;
  return inTurn.find((a) => a.kind === 'customer' && a.id === id && namesAgreement(a, id, d, inputs.heldBy));
}

/**
 * Whether two views are of one agreement: by ID, and where the ID had an earlier holder, the same
 * holder (an earlier holder's view is one object per report).
 */
export function sameAgreement(a: AgreementView, b: AgreementView | undefined): boolean {
  if (b?.id !== a.id || b.kind !== a.kind) return false;
  return isEarlierHolder(a.doc) || isEarlierHolder(b.doc) ? a === b : true;
}

/** Whether an incident's agreement (its customer's or its supplier's, as `a` is) is `a`. */
const isFor = (a: AgreementView, customer: AgreementView | undefined, supplier: AgreementView | undefined): boolean =>
  sameAgreement(a, a.kind === 'customer' ? customer : supplier);

/** The supplier agreement each measured incident was attributed to (its view), for the reports that count per supplier. */
const measuredSuppliers = new WeakMap<IncidentMeasure, AgreementView>();

/** The supplier agreement an incident measured by measureIncidents is attributed to. */
export function supplierOf(m: IncidentMeasure): AgreementView | undefined {
  return measuredSuppliers.get(m);
}

/**
 * Incidents that a committed version recorded as opened in a period, and that are recorded now as
 * opened after it, or resolved before it began: the period's figures no longer count them, and
 * its report lists what was recorded (with an agreement, those that are its).
 */
export function openedMovedOut(
  inputs: SlaInputs,
  period: Period,
  tz: string,
  forAgreement?: AgreementView,
): (PriorityChange & { id: string; file: string })[] {
  const { start, end } = periodInstants(period, tz);
  const agreements = agreementsInTurn(inputs);
  const out: (PriorityChange & { id: string; file: string })[] = [];
  for (const d of inputs.documents) {
    const moved = d.id ? inputs.firstOpened?.get(d.id) : undefined;
    // Any opening a committed version recorded in the period (the first may be a slip, or unreadable).
    const was = d.id ? inputs.recorded?.get(d.id)?.openings.find((ms) => ms >= start && ms < end) : undefined;
    if (!moved || was === undefined || d.type?.key !== 'incident' || !d.data) continue;
    if (openDuring(d, start, end) === true) continue;
    if (forAgreement) {
      // Whose it was as first recorded, where that named an agreement: moving the opening and the
      // agreement in one commit must not take it out of both customers' reports.
      const first = inputs.recorded?.get(d.id!);
      const named = forAgreement.kind === 'customer' ? first?.agreement : first?.supplierAgreement;
      if (named !== undefined) {
        // An ID given to another party's agreement since named the one that had it then.
        if (!namesAgreement(forAgreement, named, d, inputs.heldBy)) continue;
      } else {
        const { customer, supplier } = whoseIncident(inputs, d, agreements, (ms) => localDate(ms, tz));
        if (!isFor(forAgreement, customer, supplier)) continue;
      }
    }
    out.push({ id: d.id!, file: d.file, ...moved, from: formatInstant(was) });
  }
  return out;
}

/**
 * Whether an incident was open at some time in [start, end): opened before the end and not
 * resolved (or closed) before the start. Undefined when its opening cannot be read.
 */
function openDuring(d: SmsDocument, start: number, end: number): boolean | undefined {
  const opened = parseInstant(ownString(d.data, 'opened'));
  if (opened === undefined) return undefined;
  const resolved = parseInstant(ownString(d.data, 'resolved') ?? ownString(d.data, 'closed'));
  return opened < end && (resolved === undefined || resolved >= start);
}

/**
 * Incidents in files sms does not read (stray-document) that were open during the period and
 * are the agreement's: nothing checks them and the figures do not count them, so the report lists
 * them. One whose opening cannot be read is listed too.
 */
export function strayIncidents(
  inputs: SlaInputs,
  period: Period,
  tz: string,
  forAgreement?: AgreementView,
): { id: string; file: string }[] {
  const { start, end } = periodInstants(period, tz);
  const agreements = agreementsInTurn(inputs);
  const out: { id: string; file: string }[] = [];
  for (const d of strayIncidentDocuments(inputs)) {
    if (openDuring(d, start, end) === false) continue;
    if (forAgreement) {
      const { customer, supplier } = whoseIncident(inputs, d, agreements, (ms) => localDate(ms, tz));
      if (!isFor(forAgreement, customer, supplier)) continue;
    }
    out.push({ id: d.id, file: d.file });
  }
  return out;
}

const OPENING_UNREADABLE = 'its opening time, opened, cannot be read';

/** A record in the incidents' folder that no figure can count, and why. `file` only where it is the agreement's. */
export interface UncountedIncident {
  id: string;
  file?: string;
  reason: string;
}

/**
 * Incident records the figures cannot count, where sms reads them: one whose front matter cannot be
 * read (or does not say it is an incident), and one whose opening time cannot be read. Validation
 * reports each; a report that left them out without a word would read as complete. Whose a record
 * with no readable front matter is cannot be told: every agreement's report lists it, by the ID
 * its file name gives. One with front matter is listed where it names the agreement, or names
 * none and is on its services (its file only where it names it: a shared service's incident may
 * be another customer's).
 */
export function uncountedIncidents(inputs: SlaInputs, forAgreement?: AgreementView): UncountedIncident[] {
  const folder = inputs.incidentFolder;
  if (folder === undefined) return [];
  const out: UncountedIncident[] = [];
  for (const d of inputs.documents) {
    if (!d.file.startsWith(`${folder}/`)) continue;
    const id = d.id ?? idsInFileNames([d.file])[0] ?? d.file;
    if (!d.data || d.type?.key !== 'incident') {
      const reason = d.data ? 'it does not say type: incident' : 'its front matter cannot be read';
      out.push({ id, ...(forAgreement ? {} : { file: d.file }), reason });
      continue;
    }
    if (parseInstant(ownString(d.data, 'opened')) !== undefined) continue;
    const reason = OPENING_UNREADABLE;
    if (!forAgreement) {
      out.push({ id, file: d.file, reason });
      continue;
    }
    const named = ownString(d.data, forAgreement.kind === 'supplier' ? 'supplier_agreement' : 'agreement');
    if (named === forAgreement.id) out.push({ id, file: d.file, reason });
    else if (named === undefined && forAgreement.kind === 'customer') {
      const services = stringValues(own(d.data, 'services'));
      if (services.some((s) => forAgreement.services.includes(s))) out.push({ id, reason });
    }
  }
  return out;
}

/**
 * The incidents in files sms does not read (stray-document), with an ID; not a copy of an incident
 * sms reads (an editor's second save as .MD), which is counted under its ID already.
 */
export function strayIncidentDocuments(inputs: Pick<SlaInputs, 'documents' | 'outside'>): (SmsDocument & { id: string })[] {
  const read = new Set(inputs.documents.map((d) => d.id));
  return (inputs.outside ?? []).filter(
    (d): d is SmsDocument & { id: string } => d.type?.key === 'incident' && !!d.data && !!d.id && !read.has(d.id),
  );
}

/**
 * Whether an agreement was in force on some day of a period: a day within the term its version of
 * that day gave (start, end), by its status then (from history). One retired since still counts;
 * one that starts after the period promised nothing for it, and a renewal that starts later does
 * not take back the days before it.
 */
export function inForceDuring(inputs: SlaInputs, a: AgreementView, period: Period): boolean {
  for (let day = period.since; day <= period.until; day = addDays(day, 1)) {
    if (!withinTerm(inputs.termOn?.(a, day) ?? a, day)) continue;
    if (inputs.inForceOn ? inputs.inForceOn(a, day) : a.inForce) return true;
  }
  return false;
}

/** The time zone an agreement's report counts its days and months in: its calendar's, else the organisation's. */
export function reportZone(inputs: Pick<SlaInputs, 'timezone'>, a: AgreementView): string {
  return a.calendar?.timezone ?? inputs.timezone ?? 'UTC';
}

/** Agreement views of every agreement document. */
export function agreementsOf(inputs: SlaInputs): AgreementView[] {
  return inputs.documents.flatMap((d) => {
    const a = agreementView(d, inputs.timezone);
    if (!a) return [];
    const former = inputs.formerIds?.get(a.id);
    return [former ? { ...a, formerIds: former } : a];
  });
}

const hours = (ms: number): number => round2(ms / HOUR_MS);
/** Whether a time on the clock is over a target: judged on the exact time, not on the hours shown to two places. */
const over = (ms: number, targetHours: number): boolean => ms > Math.round(targetHours * HOUR_MS);

/** Unrounded service hours to resolution, so that a median is rounded once, not twice. */
const exactResolution = new WeakMap<IncidentMeasure, number>();

/**
 * Every incident that touches the period (opened before its end and not resolved before its
 * start), measured against the agreement given (a customer's or a supplier's) or, without one,
 * against the customer agreement each incident is attributed to.
 */
export function measureIncidents(
  inputs: SlaInputs,
  period: Period,
  forAgreement?: AgreementView,
  /** The zone the period's days are in: the organisation's unless a report for one agreement says (reportZone). */
  tz: string = inputs.timezone ?? 'UTC',
  /** The day a report stands on: incidents deleted after it are measured as they stood, those deleted by then are not. */
  asOf: string = period.until,
): IncidentMeasure[] {
  const { start, end } = periodInstants(period, tz);
  const agreements = agreementsInTurn(inputs);
  const day = (ms: number): string => localDate(ms, tz);
  const out: IncidentMeasure[] = [];
  // An incident deleted after the period was there all through it: measured as it stood.
  const deletedSince = new Map((inputs.deleted ?? []).filter((x) => !x.reused && x.day > asOf).map((x) => [x.doc, x.shown]));
  // For a supplier agreement, the supplier's part where the record has it: from the ticket raised
  // with it (supplier_opened) to its first answer and its repair. Our own answer is not the
  // supplier's, so a ticket with no answer recorded is measured as unanswered, not as ours.
  const bySupplier = forAgreement?.kind === 'supplier';
  for (const d of [...inputs.documents, ...deletedSince.keys()]) {
    if (d.type?.key !== 'incident' || !d.data || !d.id) continue;
    const data = d.data;
    // The supplier's times are its part of this incident only where its ticket was raised once the
    // incident was open and before its repair (or our resolution): else, and for a value that is
    // not a time, the incident's own times, and validation reports the dates.
    const ticket = bySupplier ? parseInstant(ownString(data, 'supplier_opened')) : undefined;
    const theirs = ticket !== undefined && supplierTicketFits(data, ticket);
    const opened = parseInstant(ownString(data, theirs ? 'supplier_opened' : 'opened'));
    if (opened === undefined || opened >= end) continue;
    const resolvedAt = parseInstant(
      (theirs ? ownString(data, 'supplier_resolved') : undefined) ?? ownString(data, 'resolved') ?? ownString(data, 'closed'),
    );
    if (resolvedAt !== undefined && resolvedAt < start) continue;
    const { attribution, customer, supplier } = whoseIncident(inputs, d, agreements, day);
    // Each period against the agreement as it stood at its end, as its own report is. An incident
    // that named an ID another party's agreement holds now is measured, without an agreement of
    // its own to report in, against the one that held the ID then.
    const former = attribution.how === 'former' ? formerHolder(inputs, agreements.inTurn, attribution.id, d) : undefined;
    const measuredAgainst = forAgreement ?? (customer && inputs.atEnd ? inputs.atEnd(customer, period).view : customer) ?? former;
    if (forAgreement && !isFor(forAgreement, customer, supplier) && !(former !== undefined && former === forAgreement)) continue;
    const priority = ownString(d.data, 'priority') ?? 'P?';
    const target = measuredAgainst?.targets[priority as 'P1'];
    const clock: Clock = target?.clock ?? ALWAYS;
    const respondedAt = parseInstant(ownString(data, theirs ? 'supplier_responded' : 'responded'));
    const resolvedInPeriod = resolvedAt !== undefined && resolvedAt < end;
    const stop = resolvedInPeriod ? resolvedAt! : end;
    const m: IncidentMeasure = {
      id: d.id,
      title: d.title ?? '',
      file: d.file,
      priority,
      services: stringValues(own(d.data, 'services')),
      opened: formatInstant(opened),
      attribution: attribution.how,
      clock: describeClock(clock),
      openedInPeriod: opened >= start,
      responseInPeriod: false,
      resolvedInPeriod,
      openAtEnd: !resolvedInPeriod,
      breach: false,
      breachedInPeriod: false,
    };
    if (theirs) m.supplierTimes = true;
    if (respondedAt !== undefined) m.responded = formatInstant(respondedAt);
    if (resolvedAt !== undefined) m.resolved = formatInstant(resolvedAt);
    if (customer) m.agreement = customer.id;
    else if (former) m.agreement = former.id;
    if (attribution.how === 'not-in-force') m.namedNotInForce = { agreement: attribution.id, openedOn: attribution.day };
    if (supplier) {
      m.supplierAgreement = supplier.id;
      measuredSuppliers.set(m, supplier);
    }
    const changed = inputs.afterClosing?.get(d.id);
    if (changed) m.changedAfterClosing = changed;
    const gone = deletedSince.get(d);
    if (gone) m.deleted = gone;
    const moved = inputs.firstOpened?.get(d.id);
    if (moved) m.openedMoved = moved;
    const first = inputs.firstPriority?.get(d.id);
    if (first) {
      // On the first priority's own clock: to the response, and to the resolution (or the period's end).
      const was = measuredAgainst?.targets[first.from as 'P1'];
      const onClock = (until: number): number => serviceTime(was?.clock ?? ALWAYS, opened, until);
      m.reclassified = { ...first };
      if (was?.responseHours !== undefined && respondedAt !== undefined && respondedAt < end) {
        const ms = onClock(respondedAt);
        Object.assign(m.reclassified, {
          responseTargetHours: was.responseHours,
          responseHours: hours(ms),
          responseMet: !over(ms, was.responseHours),
        });
      }
      if (was?.resolutionHours !== undefined) {
        const ms = onClock(stop);
        Object.assign(m.reclassified, {
          resolutionTargetHours: was.resolutionHours,
          resolutionHours: hours(ms),
          resolutionMet: !over(ms, was.resolutionHours),
        });
      }
      if (!resolvedInPeriod) m.reclassified.open = true;
    }
    const times = inputs.firstTimes?.get(d.id);
    if (times) {
      m.timesMoved = { fields: times };
      // Measured on the supplier's own times, the incident's answer and resolution are not what is measured.
      const firstOf = (field: TimeMoved['field']): number | undefined => {
        const t = times.find((x) => x.field === field);
        return t ? parseInstant(t.from) : undefined;
      };
      const respondedFirst = firstOf('responded');
      const resolvedFirst = firstOf('resolved');
      if (!theirs && (respondedFirst !== undefined || resolvedFirst !== undefined)) {
        // On the clock and targets it is measured by: only the times differ.
        const r = respondedFirst ?? respondedAt;
        const z = resolvedFirst ?? resolvedAt;
        const untilFirst = z !== undefined && z < end ? z : end;
        if (target?.responseHours !== undefined && r !== undefined && r < end) {
          const ms = serviceTime(clock, opened, r);
          Object.assign(m.timesMoved, {
            responseTargetHours: target.responseHours,
            responseHours: hours(ms),
            responseMet: !over(ms, target.responseHours),
          });
        }
        if (target?.resolutionHours !== undefined) {
          const ms = serviceTime(clock, opened, untilFirst);
          Object.assign(m.timesMoved, {
            resolutionTargetHours: target.resolutionHours,
            resolutionHours: hours(ms),
            resolutionMet: !over(ms, target.resolutionHours),
          });
        }
        if (untilFirst === end) m.timesMoved.open = true;
      }
    }
    // Whether a target ran out inside the period: still within it at the period's start, over it at `until`.
    const ranOut = (targetHours: number, until: number): boolean =>
      over(serviceTime(clock, opened, until), targetHours) && (opened >= start || !over(serviceTime(clock, opened, start), targetHours));
    // Not answered by the end of the period (no response yet, or a later one): late once the target has run out.
    let unanswered = false;
    if (respondedAt === undefined) m.responseRecorded = false;
    if (target?.responseHours !== undefined) {
      m.responseTargetHours = target.responseHours;
      if (respondedAt !== undefined && respondedAt < end) {
        const ms = serviceTime(clock, opened, respondedAt);
        m.responseHours = hours(ms);
        m.responseMet = !over(ms, target.responseHours);
        m.responseInPeriod = respondedAt >= start;
        if (m.responseInPeriod && ranOut(target.responseHours, respondedAt)) m.breachedInPeriod = true;
      } else if (respondedAt === undefined && resolvedAt !== undefined) {
        // Answered by the resolution at the latest: met if that was within the response target, else
        // not known (nor, before the resolution, whether it had been answered by a period's end).
        if (resolvedInPeriod && !over(serviceTime(clock, opened, resolvedAt), target.responseHours)) m.responseMet = true;
        m.responseInPeriod = m.responseMet === true;
      } else {
        unanswered = true;
        const ms = serviceTime(clock, opened, end);
        m.responseHours = hours(ms);
        if (over(ms, target.responseHours)) m.responseMet = false;
        if (ranOut(target.responseHours, end)) m.breachedInPeriod = true;
      }
    }
    // Hours to resolution on the clock even without a target (measured around the clock then), so
    // that organisation-wide figures count every incident; "met" only against a target.
    const exact = serviceTime(clock, opened, stop);
    exactResolution.set(m, exact / HOUR_MS);
    m.resolutionHours = hours(exact);
    if (target?.resolutionHours !== undefined) {
      m.resolutionTargetHours = target.resolutionHours;
      m.resolutionMet = !over(exact, target.resolutionHours);
      if (ranOut(target.resolutionHours, stop)) m.breachedInPeriod = true;
    }
    if (resolvedInPeriod) m.clockHours = hours(resolvedAt! - opened);
    if (m.openAtEnd) m.ageDays = Math.floor((end - opened) / (24 * HOUR_MS));
    m.breach =
      ((m.responseInPeriod || unanswered) && m.responseMet === false) || ((m.resolvedInPeriod || m.openAtEnd) && m.resolutionMet === false);
    out.push(m);
  }
  return out.sort((a, b) => (a.opened < b.opened ? -1 : a.opened > b.opened ? 1 : a.id < b.id ? -1 : 1));
}

/** Whether a supplier ticket raised at `ticket` lies within the incident: once it was opened, and by the repair or our resolution. */
function supplierTicketFits(data: Record<string, unknown>, ticket: number): boolean {
  const opened = parseInstant(ownString(data, 'opened'));
  const repaired =
    parseInstant(ownString(data, 'supplier_resolved')) ?? parseInstant(ownString(data, 'resolved') ?? ownString(data, 'closed'));
  return opened !== undefined && ticket >= opened && (repaired === undefined || ticket <= repaired);
}

export interface PriorityCompliance {
  priority: string;
  responseTargetHours?: number;
  resolutionTargetHours?: number;
  /** Incidents resolved in the period. */
  resolved: number;
  resolutionMet: number;
  /** Share of resolved incidents within the resolution target, in percent (two decimals). */
  resolutionMetPercent?: number;
  /** Incidents with a response target answered in the period (see measureIncidents), met or not. */
  responded: number;
  responseMet: number;
  responseMetPercent?: number;
  medianResolutionHours?: number;
  breaches: number;
}

/** Per priority: how many met their targets, in service hours. */
export function compliance(measures: readonly IncidentMeasure[], agreement: AgreementView | undefined): PriorityCompliance[] {
  return (['P1', 'P2', 'P3', 'P4'] as const).map((p) => {
    const items = measures.filter((m) => m.priority === p);
    const resolved = items.filter((m) => m.resolvedInPeriod && m.resolutionMet !== undefined);
    const responded = items.filter((m) => m.responseInPeriod && m.responseMet !== undefined);
    const resolutionMet = resolved.filter((m) => m.resolutionMet).length;
    const responseMet = responded.filter((m) => m.responseMet).length;
    const sorted = resolved.map((m) => exactResolution.get(m) ?? m.resolutionHours!).sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    const target = agreement?.targets[p];
    return {
      priority: p,
      responseTargetHours: target?.responseHours,
      resolutionTargetHours: target?.resolutionHours,
      resolved: resolved.length,
      resolutionMet,
      resolutionMetPercent: resolved.length ? round2((resolutionMet / resolved.length) * 100) : undefined,
      responded: responded.length,
      responseMet,
      responseMetPercent: responded.length ? round2((responseMet / responded.length) * 100) : undefined,
      medianResolutionHours: sorted.length ? round2(sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2) : undefined,
      breaches: items.filter((m) => m.breach).length,
    };
  });
}

export interface Outage {
  incident: string;
  start: string;
  end: string;
  /** Minutes of the outage inside the month and the agreement's service hours. */
  minutes: number;
}

export interface Availability {
  service: string;
  /**
   * The month or quarter the agreement measures availability over (availability_period), whole
   * even where the report's period cuts it, and only the part the agreement was in force, up to
   * today.
   */
  since: string;
  until: string;
  /** The month (2026-10) or quarter (2026-Q4) it is of. */
  label: string;
  /** Not over on the day the report was made: measured so far, not judged. */
  open?: boolean;
  /** Minutes of service time in it on the agreement's clock. */
  serviceMinutes: number;
  downtimeMinutes: number;
  /** Percent with two decimals, rounded down; undefined with no outage record or when it cannot be known (see note). */
  percent?: number;
  targetPercent?: number;
  met?: boolean;
  outages: Outage[];
  /** Outages of the service in the row that their incidents limit to other customers' agreements (outage_agreements): not counted here. */
  limitedToOthers?: { incident: string; agreements: string[]; heldThen?: { id: string; party: string }[] }[];
  /** "no outage recorded", which incidents lack outage records, or that the month is not over yet (then not judged). */
  note?: string;
  /**
   * Set when an outage of the row had its times moved, since they were first committed, the way
   * that takes less of it (its start later, its end or its incident's resolution earlier), and the
   * times first recorded make another figure: the incidents moved, and the row by those times.
   */
  firstRecorded?: { incidents: string[]; downtimeMinutes: number; percent?: number; met?: boolean };
}

/** Whether a move of an incident's times (TimeMoved) changes what its outage takes: its start, its end, or the resolution it may end with. */
function outageMoved(times: readonly TimeMoved[] | undefined): boolean {
  return times?.some((t) => t.field !== 'responded') ?? false;
}

/** An incident with its moved times (TimeMoved) as first recorded. */
function asFirstRecorded(d: SmsDocument, times: readonly TimeMoved[] | undefined): SmsDocument {
  if (!times?.length || !d.data) return d;
  return { ...d, data: { ...d.data, ...Object.fromEntries(times.map((t) => [t.field, t.from])) } };
}

/**
 * Availability of each of the agreement's services per calendar month, or quarter where the
 * agreement says so (availability_period), from outage records (`outage_start`/`outage_end`, for
 * `outage_services` or else the incident's services), counted within the agreement's service
 * hours. Each month or quarter the period touches is measured whole, as the agreement judges it,
 * over the part the agreement was in force (its start and end dates); one not over by `today` is
 * measured so far and not judged. An outage is the service's: for a customer agreement every
 * incident's outage of one of its services counts, whichever agreement the incident names (a
 * shared service down is down for every customer of it), unless the record limits the outage to
 * some customers' agreements (outage_agreements); for a supplier agreement only those of
 * the incidents that name it. An outage with no recorded end lasts until the incident was resolved
 * (else to the end of the month). Outages are merged where they overlap. A month with a P1
 * incident on the service but no outage record is unknown, not 100%; a month with no outage
 * recorded says so, with no figure.
 */
export function availability(inputs: SlaInputs, agreement: AgreementView, period: Period, today?: string): Availability[] {
  const tz = reportZone(inputs, agreement);
  const clock: Clock = agreement.availabilityClock === '24x7' ? ALWAYS : (agreement.calendar ?? ALWAYS);
  const { now: agreements, inTurn } = agreementsInTurn(inputs);
  // An incident deleted after the period was there all through it: its outage counts as it stood,
  // as its times do in measureIncidents.
  const deletedSince = (inputs.deleted ?? []).filter((x) => !x.reused && x.day > period.until).map((x) => x.doc);
  const relevant = [...inputs.documents, ...deletedSince].filter((d) => {
    if (d.type?.key !== 'incident' || !d.data) return false;
    return agreement.kind === 'customer' || isFor(agreement, undefined, supplierAgreementOf(d, inTurn, inputs.heldBy));
  });
  // A record in the incidents' folder that does not read as an incident may hold an outage of any
  // service in any month: while there is one, no month is known.
  const unreadable = uncountedIncidents(inputs)
    .filter((x) => x.reason !== OPENING_UNREADABLE)
    .map((x) => x.id);
  // The months (or quarters) measured: each cut to the agreement's dates and to today (`open` when
  // today cut it: a month is over once its last day is), and to the days it was in force (from
  // history, where known: a draft spell, or the time after it was retired, is not measured).
  const measured: { span: Period; open: boolean; label: string; ranges: { start: number; end: number }[] }[] = [];
  for (const p of calendarPeriodsOf(period, agreement.availabilityPeriod)) {
    const until = agreement.end !== undefined && agreement.end < p.until ? agreement.end : p.until;
    const open = today !== undefined && today <= until;
    const last = open ? today : until;
    const label = agreement.availabilityPeriod === 'quarter' ? quarterLabel(p.since) : p.since.slice(0, 7);
    const days: Period[] = [];
    for (let day = p.since; day <= last; day = addDays(day, 1)) {
      // From history, within the term its version of that day gave: a renewal that starts later
      // does not take back the days before it.
      if (!withinTerm(inputs.termOn?.(agreement, day) ?? agreement, day)) continue;
      if (inputs.inForceOn && !inputs.inForceOn(agreement, day)) continue;
      const prev = days.at(-1);
      if (prev && addDays(prev.until, 1) === day) prev.until = day;
      else days.push({ since: day, until: day });
    }
    if (days.length === 0) continue;
    const ranges = days.map((r) => periodInstants(r, tz));
    measured.push({ span: { since: days[0]!.since, until: days.at(-1)!.until }, open, label, ranges });
  }
  // Service time of [a, b) inside the days measured.
  const within = (ranges: readonly { start: number; end: number }[], a: number, b: number): number =>
    ranges.reduce(
      (n, r) => (Math.min(b, r.end) > Math.max(a, r.start) ? n + serviceTime(clock, Math.max(a, r.start), Math.min(b, r.end)) : n),
      0,
    );
  const out: Availability[] = [];
  for (const service of agreement.services) {
    for (const { span, open, label, ranges } of measured) {
      const start = ranges[0]!.start;
      const end = ranges.at(-1)!.end;
      const total = within(ranges, start, end);
      // The outages of the row read from documents: as recorded, or by the times first recorded.
      const outagesOf = (docs: readonly SmsDocument[]) => {
        const spans: { incident: string; a: number; b: number; start: string; end: string }[] = [];
        const unrecorded: string[] = [];
        const limited: NonNullable<Availability['limitedToOthers']> = [];
        for (const d of docs) {
          const services = stringValues(own(d.data!, 'outage_services'));
          const affected = services.length ? services : stringValues(own(d.data!, 'services'));
          if (!affected.includes(service)) continue;
          const os = parseInstant(ownString(d.data!, 'outage_start'));
          const opened = parseInstant(ownString(d.data!, 'opened'));
          // An outage the record limits to other customers (outage_agreements) took none of this
          // agreement's time; the row names it, so that what was left out can be checked. A limit
          // counts only where it names a customer agreement covering the service, and never leaves
          // out the agreement the incident itself names: naming another ID hides no outage.
          // An ID may be one the agreement had before it was renumbered.
          // An ID given to another customer's agreement since names the one that had it then.
          const names = (a: AgreementView, id: string): boolean => namesAgreement(a, id, d, inputs.heldBy);
          // One that was another customer's agreement then, since deleted, is a limit too.
          const formerlyOthers = (id: string): boolean =>
            agreements.some((a) => a.kind === 'customer' && answersTo(a, id) && !names(a, id));
          const only = stringValues(own(d.data!, 'outage_agreements')).filter(
            (id) => agreements.some((a) => names(a, id) && a.kind === 'customer' && a.services.includes(service)) || formerlyOthers(id),
          );
          const named = ownString(d.data!, 'agreement');
          if (
            agreement.kind === 'customer' &&
            only.length &&
            !only.some((id) => names(agreement, id)) &&
            !(named !== undefined && names(agreement, named))
          ) {
            const oe = parseInstant(ownString(d.data!, 'outage_end')) ?? end;
            // This agreement's own ID, another party's when the incident was opened: whose it was then.
            const heldThen = only.flatMap((id) => {
              const then = answersTo(agreement, id) ? inputs.heldBy?.(id, d) : undefined;
              return then ? [{ id, party: [...then].at(-1)! }] : [];
            });
            if (os !== undefined && ranges.some((r) => oe > r.start && os < r.end))
              limited.push({ incident: d.id!, agreements: only, ...(heldThen.length ? { heldThen } : {}) });
            continue;
          }
          if (os === undefined) {
            // A P1 with no outage recorded leaves the month not known, unless it was opened and
            // resolved wholly outside service hours: then no outage of it can have taken any.
            const resolved = parseInstant(ownString(d.data!, 'resolved') ?? ownString(d.data!, 'closed')) ?? end;
            if (
              ownString(d.data!, 'priority') === 'P1' &&
              opened !== undefined &&
              ranges.some((r) => opened >= r.start && opened < r.end) &&
              within(ranges, opened, resolved) > 0
            )
              unrecorded.push(d.id!);
            continue;
          }
          const oe =
            parseInstant(ownString(d.data!, 'outage_end')) ??
            parseInstant(ownString(d.data!, 'resolved') ?? ownString(d.data!, 'closed')) ??
            end;
          const a = Math.max(os, start);
          const b = Math.min(oe, end);
          if (ranges.some((r) => b > r.start && a < r.end))
            spans.push({ incident: d.id!, a, b, start: formatInstant(os), end: formatInstant(oe) });
        }
        spans.sort((x, y) => x.a - y.a);
        return { spans, unrecorded, limited };
      };
      const { spans, unrecorded, limited } = outagesOf(relevant);
      // Merged where they overlap: a minute down is counted once.
      const downOf = (list: typeof spans): number => {
        let down = 0;
        let cursor = start;
        for (const s of list) {
          const from = Math.max(s.a, cursor);
          down += s.b > from ? within(ranges, from, s.b) : 0;
          cursor = Math.max(cursor, s.b);
        }
        return down;
      };
      // Rounded down, so that 99.996% never reads as a perfect 100.00%; none while a month is not
      // known or has no outage recorded; judged once it is over.
      const judge = (down: number, list: typeof spans, unknown: readonly string[]): { percent?: number; met?: boolean } => {
        if (unknown.length || list.length === 0 || total <= 0) return {};
        const percent = Math.floor((1 - down / total) * 10_000) / 100;
        return agreement.availability !== undefined && !open ? { percent, met: percent >= agreement.availability } : { percent };
      };
      const down = downOf(spans);
      const outages: Outage[] = spans.map((s) => ({
        incident: s.incident,
        start: s.start,
        end: s.end,
        minutes: Math.round(within(ranges, s.a, s.b) / MINUTE_MS),
      }));
      const row: Availability = {
        service,
        since: span.since,
        until: span.until,
        label,
        serviceMinutes: Math.round(total / MINUTE_MS),
        downtimeMinutes: Math.round(down / MINUTE_MS),
        targetPercent: agreement.availability,
        outages,
      };
      if (limited.length) row.limitedToOthers = limited;
      if (unrecorded.length)
        row.note = `not known: P1 incident${unrecorded.length > 1 ? 's' : ''} ${unrecorded.join(', ')} without an outage record`;
      else if (unreadable.length)
        row.note = `not known: ${unreadable.join(', ')} cannot be read as ${unreadable.length > 1 ? 'incident records' : 'an incident record'}, and may record an outage`;
      else if (spans.length === 0) row.note = 'no outage recorded';
      Object.assign(row, judge(down, spans, [...unrecorded, ...unreadable]));
      // An outage whose times were moved the way that takes less of the month (TIMES_THAT_FLATTER):
      // the row says what the times first recorded make of it, where that is another figure.
      const moved = relevant.filter((d) => outageMoved(inputs.firstTimes?.get(d.id!)));
      if (moved.length) {
        const first = outagesOf(relevant.map((d) => asFirstRecorded(d, inputs.firstTimes?.get(d.id!))));
        const firstDown = downOf(first.spans);
        const involved = moved
          .map((d) => d.id!)
          .filter((id) => [...spans, ...first.spans].some((s) => s.incident === id) || first.unrecorded.includes(id));
        if (involved.length && (firstDown !== down || first.unrecorded.length !== unrecorded.length || first.spans.length !== spans.length))
          row.firstRecorded = {
            incidents: [...new Set(involved)],
            downtimeMinutes: Math.round(firstDown / MINUTE_MS),
            ...judge(firstDown, first.spans, [...first.unrecorded, ...unreadable]),
          };
      }
      if (open) {
        row.open = true;
        row.note = `${row.note ? `${row.note}; ` : ''}not over on ${today}: measured so far, not judged`;
      }
      out.push(row);
    }
  }
  return out;
}
