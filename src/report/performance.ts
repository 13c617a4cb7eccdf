import { smsError } from '../errors.js';
import { sectionText } from '../markdown.js';
import { lastReportingPeriod, reportingPeriodStart, type Period } from '../period.js';
import { AGREEMENT_TYPES, agreementView, customerAgreementOf } from '../repo/sla.js';
import { describeClock, localDate } from '../calendar.js';
import { parseInstant } from '../dates.js';
import { own, ownString, stringValues } from '../repo/values.js';
import { defineReport } from './define.js';
import { deletions, docsOfType, list, str, type Deletion, type ReportContext } from './context.js';
import type { SmsDocument } from '../repo/documents.js';
import {
  agreementOver,
  agreementsOf,
  agreementsInTurn,
  availability,
  compliance,
  deletedDuring,
  inForceDuring,
  sameAgreement,
  supplierOf,
  measureIncidents,
  openedMovedOut,
  reportZone,
  slaInputs,
  strayIncidentDocuments,
  strayIncidents,
  uncountedIncidents,
  type IncidentMeasure,
} from './sla.js';

/**
 * A service performance report (WP.19, RE.2.4) for one agreement, customer or supplier: only the
 * incidents attributed to it, measured in its own clock (service hours or around the clock, per
 * target), met % per priority, every breach, the backlog with ages, availability per service and
 * calendar month from outage records, the previous report's actions and proposed ones.
 */
export function buildPerformance(ctx: ReportContext, agreementId: string, period: Period) {
  const { doc: now, deletion } = agreementDocument(ctx, agreementId);
  if (!now) {
    // An ID the agreement had before it was renumbered: its report is made under the ID it has now.
    const renumbered = [...(slaInputs(ctx).formerIds ?? [])].find(
      ([id, was]) => was.includes(agreementId) && agreementDocument(ctx, id).doc,
    );
    if (renumbered) throw smsError('AGREEMENT_RENUMBERED', { id: agreementId, to: renumbered[0] });
    throw smsError('NOT_AN_AGREEMENT', { id: agreementId, known: agreementIds(ctx) });
  }
  const { doc: version, asCommitted, revisedDuring } = agreementOver(ctx, now, period);
  const agreement = agreementView(version, ctx.config.timezone);
  if (!agreement) throw smsError('NOT_AN_AGREEMENT', { id: agreementId, known: agreementIds(ctx) });
  const inputs = slaInputs(ctx);
  // One agreement's months are its own: in its calendar's time zone, as its availability is.
  const tz = reportZone(inputs, agreement);
  const measures = measureIncidents(inputs, period, agreement, tz);
  const perPriority = compliance(measures, agreement);
  const months = availability(inputs, agreement, period, ctx.provenance.generated);

  // Incidents on the agreement's services that name no agreement while more than one could apply:
  // counted for no one until they name theirs. Only their ids are shown, never their titles, as
  // they may be another customer's.
  const unattributed: string[] = [];
  // The same in files sms does not read (stray-document), copies of an incident it reads aside.
  const unattributedOutside: string[] = [];
  // Incidents of the period that name an agreement not in force on the day they were opened, this
  // one or another that this one stands in for: measured against the agreement in force then.
  const namedNotInForce: { id: string; named: string; openedOn: string; measuredAgainst?: string }[] = [];
  if (agreement.kind === 'customer') {
    const all = agreementsOf(inputs);
    const day = (ms: number): string => localDate(ms, tz);
    const mayBeOurs = (d: SmsDocument): boolean => {
      const opened = parseInstant(ownString(d.data, 'opened'));
      if (opened === undefined || day(opened) < period.since || day(opened) > period.until) return false;
      if (!stringValues(own(d.data!, 'services')).some((s) => agreement.services.includes(s))) return false;
      const a = customerAgreementOf(d, all, day, inputs);
      return a.how === 'ambiguous' && a.candidates.some((c) => c.id === agreement.id);
    };
    for (const d of docsOfType(ctx, 'incident')) if (mayBeOurs(d)) unattributed.push(d.id!);
    for (const d of docsOfType(ctx, 'incident')) {
      const opened = parseInstant(ownString(d.data, 'opened'));
      if (opened === undefined || day(opened) < period.since || day(opened) > period.until) continue;
      const a = customerAgreementOf(d, all, day, inputs);
      if (a.how !== 'not-in-force' || (a.id !== agreement.id && a.agreement?.id !== agreement.id)) continue;
      namedNotInForce.push({ id: d.id!, named: a.id, openedOn: a.day, ...(a.agreement ? { measuredAgainst: a.agreement.id } : {}) });
    }
    for (const d of strayIncidentDocuments(inputs)) if (mayBeOurs(d)) unattributedOutside.push(d.id);
  }

  // Supplier agreements that underpin this customer's services: how the incidents of this
  // agreement that name them went (counts only).
  const suppliers =
    agreement.kind === 'customer'
      ? agreementsInTurn(inputs)
          .inTurn.filter(
            (a) => a.kind === 'supplier' && a.services.some((s) => agreement.services.includes(s)) && inForceDuring(inputs, a, period),
          )
          .map((a) => {
            // Its own incidents: where its ID was another supplier's before, not those of that one.
            const mine = measures.filter((m) => sameAgreement(a, supplierOf(m)));
            return { id: a.id, supplier: a.party, incidents: mine.length, breaches: mine.filter((m) => m.breach).length };
          })
      : [];

  const breaches = measures.filter((m) => m.breach).map(breachOf);
  const backlog = measures
    .filter((m) => m.openAtEnd)
    .map((m) => ({ id: m.id, title: m.title, file: m.file, priority: m.priority, opened: m.opened, ageDays: m.ageDays! }));

  // Over the period: the months with a figure (an outage recorded); none when a month is unknown.
  const measuredMonths = months.filter((m) => m.percent !== undefined);
  const down = measuredMonths.reduce((n, m) => n + m.downtimeMinutes, 0);
  const total = measuredMonths.reduce((n, m) => n + m.serviceMinutes, 0);
  const known = measuredMonths.length > 0 && !months.some((m) => m.note?.startsWith('not known'));
  const recorded = measuredMonths.length > 0;

  const previous = docsOfType(ctx, 'performance-report')
    .filter((d) => d.status === 'approved' && list(d, 'agreements').includes(agreement.id) && (str(d, 'period_end') ?? '') < period.since)
    .sort((a, b) => ((str(a, 'period_end') ?? '') < (str(b, 'period_end') ?? '') ? -1 : 1))
    .pop();

  const proposed: string[] = [];
  for (const p of perPriority) {
    const over = measures.filter((m) => m.priority === p.priority && m.breach).length;
    if (over) proposed.push(`Review the handling of ${p.priority} incidents: ${over} breach${over > 1 ? 'es' : ''} of the agreed times.`);
  }
  for (const m of months)
    if (m.met === false)
      proposed.push(`${m.service} was available ${m.percent}% in ${m.label} against ${m.targetPercent}%: analyse its outages.`);
  if (months.some((m) => m.note?.startsWith('not known')))
    proposed.push('Record the outage (outage_start, outage_end) of every P1 incident.');
  if (unattributed.length) proposed.push(`Name the agreement of ${unattributed.join(', ')} (agreement:), so that they are counted.`);
  for (const n of namedNotInForce)
    proposed.push(
      `Correct the agreement ${n.id} names: ${n.named} was not in force on ${n.openedOn}, when it was opened${n.measuredAgainst ? ` (${n.measuredAgainst} was)` : ''}.`,
    );
  if (unattributedOutside.length)
    proposed.push(
      unattributedOutside.length === 1
        ? `Move ${unattributedOutside[0]} where sms reads it and name its agreement (agreement:), so that it is counted.`
        : `Move ${unattributedOutside.join(', ')} where sms reads them and name their agreements (agreement:), so that they are counted.`,
    );
  if (backlog.length) proposed.push(`Close the ${backlog.length} incident${backlog.length > 1 ? 's' : ''} still open.`);

  return {
    kind: 'performance' as const,
    organisation: ctx.config.organisation,
    period,
    /** The time zone its days and months are counted in: the agreement calendar's, else the organisation's. */
    timezone: tz,
    /** Set when the organisation's zone it is counted in is the one sms.config.yaml gave at the period's end, not today's. */
    ...(ctx.provenance.zone ? { zone: ctx.provenance.zone } : {}),
    agreement: {
      id: agreement.id,
      title: agreement.title,
      kind: agreement.kind,
      party: agreement.party,
      /** The customer (kept from 0.1; the supplier for a supplier agreement). */
      customer: agreement.party,
      services: agreement.services,
      status: agreement.status,
      serviceHours: str(agreement.doc, 'service_hours'),
      /** The service hours its clock runs on ("Mon, Tue, … 08:00–18:00 Europe/Berlin"), when it states them. */
      calendar: agreement.calendar ? describeClock(agreement.calendar) : undefined,
      /** Per priority, the clock its targets run on. */
      clocks: Object.fromEntries(Object.entries(agreement.targets).map(([p, t]) => [p, describeClock(t.clock)])),
      availabilityTarget: agreement.availability,
      reporting: agreement.reporting,
      /** Set when the agreement was deleted from the repository: the report reads it as last committed. */
      deleted: deletion ? { commit: deletion.event.commit.sha, author: deletion.event.commit.authorName, date: deletion.day } : undefined,
      /** Set when the agreement has changed what it says since the period: the version measured against (committed by the period's end). */
      asCommitted,
      /** Set when a revision of the agreement came in force during the period: the whole period is measured against the version in force at its end. */
      revisedDuring,
      /** Whether it was in force on a day of the period (its start and end, its status from history): else it promised nothing to measure there. */
      inForceInPeriod: inForceDuring(inputs, agreement, period),
    },
    /** Per priority: targets (hours on the agreement's clock), met % and breaches. */
    targets: perPriority.map((p) => {
      const items = measures.filter((m) => m.priority === p.priority);
      return {
        ...p,
        /** The agreement states a target for the priority, or incidents of it were measured. */
        listed: p.responseTargetHours !== undefined || p.resolutionTargetHours !== undefined || items.length > 0,
        // The 0.1 names: the resolution target, incidents counted, within target, compliance (%).
        targetHours: p.resolutionTargetHours,
        count: items.length,
        withinTarget: p.resolutionMet,
        compliance: p.resolutionMetPercent,
        medianHours: p.medianResolutionHours,
        /**
         * Open at the period's end and already past the resolution target: a breach the Met figure
         * counts only in the period each is resolved.
         */
        openPastTarget: items.filter((m) => m.openAtEnd && m.resolutionMet === false).map((m) => m.id),
        /** Not answered by the period's end and past the response target: counted once answered. */
        unansweredPastTarget: items.filter((m) => !m.responseInPeriod && m.responseMet === false).map((m) => m.id),
      };
    }),
    breaches,
    backlog,
    availability: {
      targetPercent: agreement.availability,
      /** Whether every month's availability is known (a P1 without an outage record makes it unknown). */
      known: known && total > 0,
      /** Over the months with recorded outages; undefined when none was recorded or a month is not known. */
      measuredPercent: known && total > 0 ? Math.floor((1 - down / total) * 10_000) / 100 : undefined,
      /** What availability is measured over (availability_period): each calendar month, or quarter, per service. */
      unit: agreement.availabilityPeriod,
      /** Rows judged against the target (a row not over yet, not known, or with no outage recorded is not), and how many met it. */
      judged: months.filter((m) => m.met !== undefined).length,
      met: months.filter((m) => m.met === true).length,
      /** Rows not over yet on the day the report was made: measured so far. */
      open: months.filter((m) => m.open).length,
      downtimeMinutes: down,
      downtimeHours: Math.round((down / 60) * 100) / 100,
      basis: months.some((m) => m.note?.startsWith('not known'))
        ? 'not known: a P1 incident of the period has no outage record (see the months below)'
        : recorded
          ? `outage records ${agreement.kind === 'customer' ? 'of its services' : 'of the incidents naming it'}, ${agreement.availabilityClock === '24x7' || !agreement.calendar ? 'around the clock' : 'within its service hours'}, per service and calendar ${agreement.availabilityPeriod}, while it was in force`
          : 'no outage recorded in the period',
      months,
    },
    incidents: {
      total: measures.length,
      openedInPeriod: measures.filter((m) => m.openedInPeriod).length,
      resolvedInPeriod: measures.filter((m) => m.resolvedInPeriod).length,
      open: backlog.length,
      /** For a supplier agreement: the incidents measured on the supplier's own times (its ticket, answer and repair). */
      supplierTimes: measures.filter((m) => m.supplierTimes).length,
      items: measures,
    },
    unattributed,
    /** The same in files sms does not read (stray-document): by ID only, as they may be another customer's. */
    unattributedOutsideFolders: unattributedOutside,
    namedNotInForce,
    /** Closed incidents whose priority, times, services or agreement changed after closing: measured as closed. */
    changedAfterClosing: measures.flatMap((m) => (m.changedAfterClosing ? [{ id: m.id, file: m.file, ...m.changedAfterClosing }] : [])),
    /** Incidents measured at another priority than they were first committed with, and what the first one's targets make of them. */
    reclassified: measures.flatMap((m) => (m.reclassified ? [{ id: m.id, file: m.file, ...m.reclassified }] : [])),
    /** Incidents whose opening time was moved after it was first committed: what was first recorded. */
    openedMoved: measures.flatMap((m) => (m.openedMoved ? [{ id: m.id, file: m.file, ...m.openedMoved }] : [])),
    /**
     * Incidents whose answer, resolution or outage was moved, since first committed, the way that
     * makes a figure better: each time as first recorded and now, who moved it, and what the times
     * first recorded make of the incident (its outage: availability.months[].firstRecorded).
     */
    timesMoved: measures.flatMap((m) => (m.timesMoved ? [{ id: m.id, file: m.file, ...m.timesMoved }] : [])),
    /** Incidents first recorded as opened in the period whose opening now lies outside it: listed, not counted. */
    openedMovedOut: openedMovedOut(inputs, period, tz, agreement),
    /** Incidents of the agreement open in the period in files sms does not read (stray-document): listed, not counted. */
    outsideFolders: strayIncidents(inputs, period, tz, agreement),
    /** Incident records the figures cannot count (front matter or opening time unreadable): listed, not counted. */
    notCounted: uncountedIncidents(inputs, agreement),
    /** Incidents of the agreement in the period deleted from the repository since: listed, not counted. */
    deleted: deletedDuring(inputs, period, tz, agreement),
    /** Incidents of the agreement deleted from the repository after the period: measured as they stood. */
    deletedAfterPeriod: measures.flatMap((m) => (m.deleted ? [m.deleted] : [])),
    suppliers,
    previousReport: previous
      ? {
          id: previous.id!,
          title: previous.title ?? '',
          periodEnd: str(previous, 'period_end'),
          proposedActions: sectionText(previous.fm.body, 'Proposed actions'),
        }
      : undefined,
    proposedActions: proposed,
  };
}

function breachOf(m: IncidentMeasure) {
  return {
    id: m.id,
    title: m.title,
    file: m.file,
    priority: m.priority,
    opened: m.opened,
    resolved: m.resolved,
    clock: m.clock,
    responseHours: m.responseHours,
    responseTargetHours: m.responseTargetHours,
    responseMet: m.responseMet,
    resolutionHours: m.resolutionHours,
    resolutionTargetHours: m.resolutionTargetHours,
    resolutionMet: m.resolutionMet,
    clockHours: m.clockHours,
    open: m.openAtEnd,
  };
}

export type PerformanceData = ReturnType<typeof buildPerformance>;

/**
 * The agreement a report is asked for: in the repository, or deleted from it since (as history
 * last had it). A deleted agreement still owes the reports of the months it was in force, as the
 * audit says, so its report can still be made.
 */
function agreementDocument(ctx: ReportContext, id: string): { doc?: SmsDocument; deletion?: Deletion } {
  const doc = ctx.byId.get(id);
  if (doc) return { doc };
  const deletion = deletions(ctx, AGREEMENT_TYPES).find((x) => !x.reused && x.doc.id === id);
  return { doc: deletion?.doc, deletion };
}

/** The default period: the last complete period at the cadence the agreement promises (else a month). */
export function defaultPerformancePeriod(ctx: ReportContext, agreementId: string | undefined, today: string): Period {
  return lastReportingPeriod(cadenceOf(ctx, agreementId), today);
}

/** The IDs of the agreements a report can be made for (deleted ones too), for a message that names one that is not. */
function agreementIds(ctx: ReportContext): string[] {
  const here = ctx.documents.filter((d) => d.id && d.type && AGREEMENT_TYPES.includes(d.type.key)).map((d) => d.id!);
  const gone = deletions(ctx, AGREEMENT_TYPES).flatMap((x) => (x.doc.id && !x.reused ? [x.doc.id] : []));
  return [...new Set([...here, ...gone])].sort();
}

/** The reporting cadence an agreement sets (`reporting:`), if it is one in this repository. */
function cadenceOf(ctx: ReportContext, agreementId: string | undefined): string | undefined {
  const doc = agreementId ? agreementDocument(ctx, agreementId).doc : undefined;
  return doc ? str(doc, 'reporting') : undefined;
}

export default defineReport({
  kind: 'performance',
  description: 'A service performance report (WP.19) for one customer or supplier agreement.',
  needsHistory: true,
  needsAgreement: true,
  period(ctx, flags, options) {
    // --until alone: from the start of the agreement's reporting period that holds it.
    if (flags.since || flags.until)
      return {
        since: flags.since ?? reportingPeriodStart(cadenceOf(ctx, options?.agreement), flags.until!),
        until: flags.until ?? ctx.today,
      };
    return defaultPerformancePeriod(ctx, options?.agreement, ctx.today);
  },
  build: (ctx, period, options) => buildPerformance(ctx, options.agreement!, period),
  charts: (data) => [
    {
      id: 'resolution',
      kind: 'bars',
      title: 'Incidents resolved within the agreed time by priority',
      yLabel: 'percent',
      bars: data.targets.filter((t) => t.resolved > 0).map((t) => ({ label: t.priority, value: t.resolutionMetPercent ?? 0, target: 100 })),
    },
  ],
});
