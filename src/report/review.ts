import { own, ownString, records, stringValues } from '../repo/values.js';
import { addDays, addMonths, daysBetween, parseDate } from '../dates.js';
import { localDate } from '../calendar.js';
import { lastCompleteQuarter, quarterLabel, type Period } from '../period.js';
import { isApproval, isInForce } from '../model/policy.js';
import { RolesIndex } from '../model/roles.js';
import type { SmsDocument } from '../repo/documents.js';
import type { DocEvent } from '../history/timeline.js';
import {
  committedDays,
  createdAt,
  customerScores,
  deletions,
  formerIds,
  docsOfType,
  eventsOf,
  eventsUntil,
  findingOf,
  firstEntered,
  inPeriod,
  localDay,
  num,
  statusAt,
  str,
  type Deletion,
  type ReportContext,
} from './context.js';
import {
  agreementsInTurn,
  availability,
  deletedDuring,
  inForceDuring,
  measureIncidents,
  slaInputs,
  strayIncidents,
  uncountedIncidents,
  type IncidentMeasure,
} from './sla.js';
import type { AgreementView } from '../repo/sla.js';
import { evaluateObjectives } from './objectives.js';
import { countBy, median, monthsBetween, percentile, round1 } from './stats.js';
import { defineReport } from './define.js';
import { counted } from '../strings.js';

const PRIORITIES = ['P1', 'P2', 'P3', 'P4'];
/** The statuses of an improvement action not yet done or rejected. */
const IMPROVEMENT_OPEN = new Set(['proposed', 'approved', 'in-progress']);
const STATUS_OUTCOME: Record<string, string> = { draft: 'pending', approved: 'approved', updated: 'deployed', rejected: 'rejected' };
const STAFF_ROLES = ['SM', 'CM', 'IM', 'RM', 'MGT', 'PT'];

export interface ChangeFact {
  id: string;
  title: string;
  changeType: string;
  status: string;
  /** Where it stands: pending, approved, deployed, rejected (kept from 0.1). */
  outcome: string;
  /** How the deployment went, as recorded: successful, failed, backed-out, partial. */
  result?: string;
  requested?: string;
  approved?: string;
  deployed?: string;
  /** The day it was raised, in the organisation's time zone. */
  requestedOn?: string;
  /** The day it was approved, in the organisation's time zone. */
  approvedOn?: string;
  /** The day it was deployed, in the organisation's time zone: deployed_on, else the day it moved to `updated`. */
  deployedOn?: string;
  reviewed?: string;
  daysToApproval?: number;
  daysToDeployment?: number;
  /** Deleted from the repository after the period: counted as it stood before. */
  deleted?: { date: string; author: string; commit: string };
}

/** A record as the pack judges it: today's, or as it stood on a past day; `deleted` when removed since. */
type Rec = Pick<SmsDocument, 'id' | 'title' | 'file' | 'status' | 'data'> & { deleted: boolean };

/** A record deleted from the repository after the period, as the pack marks it: when and by whom. */
const deletedBy = (x: Deletion | undefined): { deleted?: { date: string; author: string; commit: string } } =>
  x ? { deleted: { date: x.day, author: x.event.commit.authorName, commit: x.event.commit.sha } } : {};

/**
 * The management review input pack (29110-5-3 GO.4, WP.07; ISO/IEC 20000-1 9.3), in the order of
 * the standard's review inputs, each built from records: the status of actions from previous
 * reviews, changes in external and internal issues, customer satisfaction and feedback,
 * performance against the policy's objectives, incidents and their trend, changes and their
 * success, nonconformities and corrective actions, audit results, supplier performance, risks,
 * resources and competence; with a red/amber/green summary per objective. A pure function of the
 * context and the period.
 */
export function buildReview(ctx: ReportContext, period: Period) {
  const tz = ctx.config.timezone ?? 'UTC';
  // Counts are of the period; where things stand (open actions, ages, overdue) is as of the day the
  // pack is built for: --until when given, else today.
  const asOf = ctx.today > period.until ? ctx.today : period.until;
  const inputs = slaInputs(ctx);
  const inForceInPeriod = (a: AgreementView): boolean => inForceDuring(inputs, a, period);
  // Instants (commit dates, feedback received) are counted on the organisation's calendar.
  const dayOfInstant = (v: string | undefined): string | undefined => localDay(ctx, v);

  // Where a record stood at the end of asOf. With history, the record as it was committed by then
  // (types that keep their history keep every version's front matter); a record closed since with
  // a date by asOf still says when. Without history, the record's own dates (closed_on, done_on,
  // completed_on): a pack for a day before today cannot read the record as it stood then, today's
  // state is not shown in its place, and the pack says what it cannot know.
  const current = asOf >= ctx.provenance.generated;
  const statusOn = (d: SmsDocument): { status?: string; known: boolean } => {
    if (current) return { status: d.status, known: true };
    if (ctx.timeline?.byId.has(d.id!)) return { status: statusAt(ctx, d, asOf), known: true };
    return { status: d.status, known: false };
  };
  // A record whose ID was changed in a commit goes on under the new ID: its history is the old
  // ID's, then the new one's.
  const former = formerIds(ctx);
  const renamedInto = new Set([...former.values()].flat());
  const historyOf = (id: string): DocEvent[] => [id, ...(former.get(id) ?? [])].reverse().flatMap((at) => ctx.timeline?.byId.get(at) ?? []);
  /**
   * The version of a record committed by the end of asOf: `known` when history has the record,
   * with no `rec` when it was not in the repository then (added later, or deleted by then).
   */
  const versionOn = (d: Rec): { known: boolean; rec?: Rec } => {
    if (current && !d.deleted) return { known: true, rec: d };
    const evs = historyOf(d.id!);
    if (!evs.length) return { known: false, rec: d };
    const days = committedDays(ctx, evs);
    const after = evs.filter((_, k) => days[k]! <= asOf).at(-1)?.after;
    if (!after) return { known: true };
    return { known: true, rec: { ...d, status: after.status, title: after.title ?? d.title, data: after.data ?? d.data } };
  };
  /**
   * A record with open and closed statuses on asOf: `absent` (raised after it, or not recorded by
   * then), `open` with its status then, `closed`, or `unknown`; with the record as it stood then
   * where history has it (`rec`). A record open today and raised by asOf is taken to have been
   * open then (`statusKnown` false where its status then is not known); one closed today needs a
   * date or history to say when. `statusOf` reads the status (feedback keeps it in `handling`).
   */
  const stateOn = (
    d: Rec,
    how: {
      open: (status: string) => boolean;
      raised: (r: Rec) => string | undefined;
      closed?: (r: Rec) => string | undefined;
      statusOf?: (r: Rec) => string;
    },
  ): { state: 'absent' | 'open' | 'closed' | 'unknown'; status: string; statusKnown: boolean; rec: Rec } => {
    const statusOf = how.statusOf ?? ((r: Rec) => r.status ?? '');
    const now = statusOf(d);
    const then = versionOn(d);
    // Raised after asOf by the record as it stood then (a date moved later since does not hide it).
    const raised = how.raised(then.known && then.rec ? then.rec : d);
    if (raised && raised > asOf) return { state: 'absent', status: '', statusKnown: true, rec: d };
    const openNow = how.open(now);
    // A closing date left in a record open now (reopened) no longer says when it closed.
    const closedOn = openNow ? undefined : how.closed?.(d);
    if (then.known && then.rec) {
      const status = statusOf(then.rec);
      if (!how.open(status)) return { state: 'closed', status, statusKnown: true, rec: then.rec };
      // Open as committed by then; a closure recorded since, dated by then, says it closed then.
      if (closedOn && closedOn <= asOf) return { state: 'closed', status: now, statusKnown: true, rec: d };
      return { state: 'open', status, statusKnown: true, rec: then.rec };
    }
    // Not in the repository on asOf by history: there only if its own date says it was raised by then.
    if (then.known && (d.deleted || !raised)) return { state: 'absent', status: '', statusKnown: true, rec: d };
    if (closedOn && closedOn <= asOf) return { state: 'closed', status: now, statusKnown: true, rec: d };
    if (closedOn) return { state: 'open', status: '', statusKnown: false, rec: d };
    return openNow
      ? { state: 'open', status: now, statusKnown: true, rec: d }
      : { state: 'unknown', status: now, statusKnown: false, rec: d };
  };
  /**
   * The records of a type to judge on asOf: today's, and those deleted since asOf as they stood
   * before their deletion (`deleted`): a record removed after the period was still there in it.
   */
  const recordsOn = (key: string): Rec[] => {
    const out: Rec[] = docsOfType(ctx, key).map((d) => ({ ...d, deleted: false }));
    if (current || !ctx.timeline) return out;
    const files = new Set(ctx.documents.map((d) => d.file));
    for (const [id, evs] of ctx.timeline.byId) {
      // Gone from the working tree: deleted in a commit after asOf, or not committed yet. A record
      // whose ID changed goes on under its new ID; a file that now holds another ID was renamed.
      if (ctx.byId.has(id) || renamedInto.has(id)) continue;
      const last = evs.at(-1)!;
      const state = last.after ?? last.before;
      if (state?.type !== key) continue;
      if (last.after ? files.has(last.path) : committedDays(ctx, evs).at(-1)! <= asOf) continue;
      out.push({ id, file: last.path, title: state.title, status: state.status, data: state.data ?? null, deleted: true });
    }
    return out;
  };
  /** The records of a type as they stood on asOf: one added since is left out, one deleted since is in. */
  const recordsThen = (key: string): Rec[] =>
    recordsOn(key).flatMap((d) => {
      const then = versionOn(d);
      return then.known && !then.rec ? [] : [then.rec ?? d];
    });

  /**
   * The policy whose objectives the pack rates: the last version in force by asOf (approved, from
   * history), else the version committed by then; today's without history of it. A revision
   * approved after asOf does not rate a period it did not govern.
   */
  const policyOn = (d: SmsDocument | undefined): SmsDocument | undefined => {
    if (!d || current || !ctx.timeline?.byId.has(d.id!)) return d;
    const until = eventsUntil(ctx, d.id!, asOf);
    const then = [...until].reverse().find((e) => e.after && isInForce(d.type, e.after.status))?.after ?? until.at(-1)?.after;
    return then ? { ...d, status: then.status, data: then.data ?? d.data } : undefined;
  };

  // --- service levels: every incident against its own customer agreement --------------------------
  const measures = measureIncidents(inputs, period);
  // Every agreement as it stood at the period's end, as its own performance report reads it.
  // An ID handed to another party since: the party that held it in the period is the one shown.
  const inForceAgreements = agreementsInTurn(inputs).inTurn.filter(inForceInPeriod);
  const atEnd = (a: AgreementView): AgreementView => inputs.atEnd?.(a, period).view ?? a;
  const versions = inForceAgreements
    .map((a) => ({ agreement: a.id, ...inputs.atEnd?.(a, period).over }))
    .sort((a, b) => (a.agreement < b.agreement ? -1 : 1));
  const customerAgreements = inForceAgreements.filter((a) => a.kind === 'customer').map(atEnd);
  const availabilityRows = customerAgreements.flatMap((a) =>
    availability(inputs, a, period, ctx.provenance.generated).map((r) => ({ ...r, agreement: a.id })),
  );

  // Feedback of the period: with an entry deleted after the period as it stood (it was there all
  // through it); one deleted by the period's last day is listed, not counted.
  const receivedInPeriod = (d: Pick<SmsDocument, 'data'>): boolean => inPeriod(dayOfInstant(str(d, 'received')), period);
  const feedbackDeletions = deletions(ctx, ['feedback']).filter((x) => !x.reused && receivedInPeriod(x.doc));
  const feedbackDeletedSince = new Map(feedbackDeletions.filter((x) => x.day > period.until).map((x) => [x.doc, x]));
  const feedback = [...docsOfType(ctx, 'feedback'), ...feedbackDeletedSince.keys()].filter(receivedInPeriod);
  // The changes of the period, which the changes-successful objective is measured on too.
  // Change requests deleted from the repository (whose ID no other holds): read once for both uses.
  const changeDeletions = deletions(ctx, ['change-request']).filter((x) => !x.reused);
  const changes = changeFacts(ctx, period, changeDeletions);
  const deployedInPeriod = changes.filter((c) => inPeriod(c.deployedOn, period));
  const ncs = docsOfType(ctx, 'nonconformity');
  const policy = policyOn(docsOfType(ctx, 'policy')[0]);
  const objectives = evaluateObjectives(policy, {
    period,
    incidents: measures,
    availability: availabilityRows,
    feedback,
    deployments: deployedInPeriod,
    nonconformities: ncs,
  });

  const NC_OPEN = new Set(['open', 'action-planned']);
  const ncOn = (d: Rec) =>
    stateOn(d, {
      open: (status) => NC_OPEN.has(status),
      raised: (r) => parseDate(str(r, 'detected_on')),
      closed: (r) => parseDate(str(r, 'closed_on')),
    });
  /** A nonconformity's status on asOf as a reference to it shows it (an action's record, an audit's finding). */
  const ncStatusOn = (d: SmsDocument): string => {
    const on = ncOn({ ...d, deleted: false });
    return on.state === 'unknown' ? 'not known' : on.state === 'absent' ? 'not yet recorded' : on.status || on.state;
  };

  // --- 1. actions from previous reviews --------------------------------------------------------------
  const reviews = docsOfType(ctx, 'management-review')
    .filter((d) => (parseDate(str(d, 'held_on')) ?? '9999') <= asOf)
    .sort((a, b) => ((str(a, 'held_on') ?? '') < (str(b, 'held_on') ?? '') ? -1 : 1));
  const lastReview = reviews.at(-1);
  const rolesIndex = RolesIndex.fromData(ctx.documents.find((d) => d.type?.grants_roles)?.data);
  const nameOf = (who: string | undefined): string => (who ? (rolesIndex.resolve(who)?.name ?? who) : '');
  const refStatus = (id: string | undefined): string | undefined => {
    const d = id ? ctx.byId.get(id) : undefined;
    if (!d) return undefined;
    if (d.type?.key === 'nonconformity') return ncStatusOn(d);
    const on = statusOn(d);
    return on.known ? (on.status ?? 'not yet recorded') : 'not known';
  };
  // The minutes as they stood on asOf: from history where it has them; else today's, read with
  // their dates, which say as much only where nothing changed them since.
  const minutesThen = lastReview ? versionOn({ ...lastReview, deleted: false }) : undefined;
  const fromHistory = minutesThen?.known === true && minutesThen.rec !== undefined;
  const actionsNow = lastReview ? records(own(lastReview.data, 'actions')) : [];
  const actionsThen = fromHistory ? records(own(minutesThen.rec!.data, 'actions')) : actionsNow;
  // An action carried into later minutes (`from:` this review) is recorded there from then on:
  // the latest minutes that carry it say whether, and on which day, it was done.
  const carriedOver = new Map<string, Record<string, unknown>>();
  if (lastReview)
    for (const later of docsOfType(ctx, 'management-review')
      .filter((d) => (parseDate(str(d, 'held_on')) ?? '') > asOf)
      .sort((a, b) => ((str(a, 'held_on') ?? '') < (str(b, 'held_on') ?? '') ? -1 : 1)))
      for (const x of records(own(later.data, 'actions')))
        if (ownString(x, 'from') === lastReview.id && ownString(x, 'id') !== undefined) carriedOver.set(ownString(x, 'id')!, x);
  const reviewActions = lastReview
    ? actionsThen.map((a) => {
        const id = ownString(a, 'id') ?? '';
        const now = carriedOver.get(id) ?? (fromHistory ? actionsNow.find((x) => ownString(x, 'id') === id) : a);
        const recorded = now ? (ownString(now, 'status') ?? 'open') : 'removed';
        const due = parseDate(ownString(a, 'due'));
        // The done date the minutes give now, shown beside the status they record now.
        const doneOn = now ? parseDate(ownString(now, 'done_on')) : undefined;
        const doneNow = recorded === 'done' ? doneOn : undefined;
        const then = ownString(a, 'status') ?? 'open';
        // With history (and for today): its status in the minutes then, or done where the minutes
        // now date it by then. Without: an action open today was open on asOf; one done says when
        // in done_on; for the rest, minutes that may have changed since cannot tell.
        const status = fromHistory
          ? (then === 'open' || then === 'in-progress') && doneNow && doneNow <= asOf
            ? 'done'
            : then
          : recorded === 'open' || recorded === 'in-progress'
            ? recorded
            : doneNow
              ? doneNow <= asOf
                ? 'done'
                : 'open'
              : 'not known';
        const open = status === 'open' || status === 'in-progress';
        return {
          id,
          action: ownString(a, 'action') ?? '',
          owner: ownString(a, 'owner') ?? '',
          /** The owner's name from the roles document, for people reading the pack. */
          ownerName: nameOf(ownString(a, 'owner')),
          due,
          /** Where the action stood on asOf; `not known` when neither the minutes nor history can tell. */
          status,
          /** The status the minutes record now (`removed` when the minutes no longer list it). */
          recordedStatus: recorded,
          statusKnown: status !== 'not known',
          doneOn,
          from: ownString(a, 'from') ?? lastReview.id,
          ref: ownString(a, 'ref'),
          /** Where the record that carries the action out stood on asOf (`not known` when nothing tells). */
          refStatus: refStatus(ownString(a, 'ref')),
          overdue: open && due !== undefined && due < asOf,
          daysOverdue: open && due !== undefined && due < asOf ? daysBetween(due, asOf) : undefined,
        };
      })
    : [];
  // The last improvement report approved by asOf whose period ended before this one, as it stood
  // then: its actions' statuses are those its owners had recorded by asOf, not today's.
  const previousImprovement = recordsThen('improvement-report')
    .filter((r) => r.status === 'approved' && (str(r, 'period_end') ?? '') < period.since)
    .sort((a, b) => ((str(a, 'period_end') ?? '') < (str(b, 'period_end') ?? '') ? -1 : 1))
    .pop();
  const improvementActions = previousImprovement
    ? actionsOf(own(previousImprovement.data, 'actions')).map((a) => {
        const due = parseDate(a.due);
        const overdue = IMPROVEMENT_OPEN.has(a.status) && due !== undefined && due < asOf;
        return {
          ...a,
          ownerName: nameOf(a.owner),
          /** Not done or rejected by asOf, and due before it. */
          overdue,
          daysOverdue: overdue ? daysBetween(due, asOf) : undefined,
        };
      })
    : [];

  // --- 2. changes in external and internal issues -----------------------------------------------------
  const ISSUE_TYPES = new Set([
    'business-goals',
    'scope',
    'policy',
    'roles',
    'service',
    'customer-agreement',
    'supplier-agreement',
    'change-procedure',
    'document-procedure',
    'secure-component-procedure',
    'customer-experience-approach',
  ]);
  const governanceChanges: { id: string; title: string; type: string; status: string; date: string; file: string }[] = [];
  for (const e of ctx.timeline?.events ?? []) {
    const t = e.after?.type ? ctx.config.typeByKey.get(e.after.type) : undefined;
    // A clean merge of approved changes approves nothing: its sides' commits did.
    if (!t || e.merged || !ISSUE_TYPES.has(t.key) || !isApproval(t, e.before, e.after)) continue;
    const date = dayOfInstant(e.commit.date);
    if (!date || date < period.since || date > period.until) continue;
    // Named as it is now, unless the ID has been given to another document since: then as it was.
    const now = ctx.byId.get(e.id);
    const d = now && eventsOf(ctx, e.id).includes(e) ? now : undefined;
    governanceChanges.push({
      id: e.id,
      title: d?.title ?? e.after!.title ?? e.id,
      type: t.title,
      status: e.after!.status!,
      date,
      file: d?.file ?? e.path,
    });
  }
  const RISK_OPEN = new Set(['open', 'treated']);
  const riskStates = recordsOn('risk').map((d) => ({
    d,
    on: stateOn(d, { open: (status) => RISK_OPEN.has(status), raised: (r) => parseDate(str(r, 'identified_on')) }),
  }));
  // As they stood on asOf, as the open risks are shown.
  const newRisks = riskStates
    .filter(({ d }) => inPeriod(parseDate(str(d, 'identified_on')) ?? dayOfInstant(createdAt(ctx, d.id!)), period))
    .map(({ d, on }) => (on.state === 'open' || on.state === 'closed' ? riskOf(asOf)(on.rec, on.status) : riskOf(asOf)(d, 'not known')));

  // --- 3. customer satisfaction and feedback ----------------------------------------------------------
  // Open on asOf: received by then and not closed by then, with its handling then (from history;
  // without it, handling is known only where the entry is open today).
  const feedbackOpen: { d: Rec; handling: string }[] = [];
  const feedbackUnknown: Rec[] = [];
  for (const d of recordsOn('feedback')) {
    const on = stateOn(d, {
      open: (handling) => handling !== 'closed',
      raised: (r) => dayOfInstant(str(r, 'received')),
      closed: (r) => dayOfInstant(str(r, 'closed')),
      statusOf: (r) => str(r, 'handling') ?? '',
    });
    if (on.state === 'open') feedbackOpen.push({ d: on.rec, handling: on.statusKnown ? on.status : 'not known' });
    else if (on.state === 'unknown') feedbackUnknown.push(d);
  }
  const openHandling = new Map(feedbackOpen.map(({ d, handling }) => [d.id!, handling]));
  const unknownFeedback = new Set(feedbackUnknown.map((d) => d.id!));
  const scores = customerScores(feedback);
  const feedbackSection = {
    total: feedback.length,
    byKind: countBy(feedback, (d) => str(d, 'kind') ?? 'comment', ['compliment', 'complaint', 'comment']),
    satisfaction: {
      responses: scores.length,
      average: scores.length ? Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 100) / 100 : undefined,
      byScore: countBy(scores, (s) => String(s), ['1', '2', '3', '4', '5']),
    },
    complaints: feedback
      .filter((d) => str(d, 'kind') === 'complaint')
      .map((d) => ({
        id: d.id!,
        title: d.title ?? '',
        file: d.file,
        // As of asOf: open then with its handling then (where known), else closed by then.
        handling: current ? (str(d, 'handling') ?? '') : (openHandling.get(d.id!) ?? (unknownFeedback.has(d.id!) ? 'not known' : 'closed')),
        received: dayOfInstant(str(d, 'received')),
        ...deletedBy(feedbackDeletedSince.get(d)),
      })),
    /** Entries of the period deleted from the repository by its last day: listed, not counted. */
    deleted: feedbackDeletions
      .filter((x) => x.day <= period.until)
      .map(({ doc: d, event, day }) => ({
        id: d.id!,
        file: d.file,
        title: d.title ?? '',
        kind: str(d, 'kind') ?? 'comment',
        received: dayOfInstant(str(d, 'received')),
        date: day,
        author: event.commit.authorName,
        commit: event.commit.sha,
      })),
    open: feedbackOpen.map(({ d, handling }) => {
      const received = dayOfInstant(str(d, 'received'));
      return {
        id: d.id!,
        title: d.title ?? '',
        file: d.file,
        kind: str(d, 'kind') ?? '',
        handling,
        received: received ?? '',
        ageDays: received ? daysBetween(received, asOf) : undefined,
        /** Deleted from the repository since asOf: shown as it stood before. */
        deleted: d.deleted,
      };
    }),
    /** Closed by now without a `closed` time: whether still open on asOf is not known. */
    notKnown: feedbackUnknown.map((d) => ({ id: d.id!, title: d.title ?? '', file: d.file, handling: str(d, 'handling') ?? '' })),
  };

  // --- 5. incidents and their trend --------------------------------------------------------------------
  const opened = measures.filter((m) => m.openedInPeriod);
  const resolvedHours = measures.filter((m) => m.resolvedInPeriod && m.resolutionHours !== undefined).map((m) => m.resolutionHours!);
  const quarters = lastFourQuarters(period.until).map((q) => {
    // Every quarter as the pack stands on its last day: an incident deleted by then counts in none.
    const ms = measureIncidents(inputs, q, undefined, undefined, period.until);
    const resolved = ms.filter((m) => m.resolvedInPeriod && m.resolutionMet !== undefined);
    return {
      quarter: q.label,
      since: q.since,
      until: q.until,
      opened: ms.filter((m) => m.openedInPeriod).length,
      resolved: ms.filter((m) => m.resolvedInPeriod).length,
      resolutionMetPercent: resolved.length
        ? Math.floor((resolved.filter((m) => m.resolutionMet).length / resolved.length) * 10_000) / 100
        : undefined,
      // Each breach in the quarter its target ran out in, once.
      breaches: ms.filter((m) => m.breachedInPeriod).length,
    };
  });
  const before = previousPeriod(period);
  const prior = measureIncidents(inputs, before, undefined, undefined, period.until);
  const incidentDocs = new Map(docsOfType(ctx, 'incident').map((d) => [d.id!, d]));
  const openedDocs = opened.map((m) => incidentDocs.get(m.id)).filter((d): d is SmsDocument => d !== undefined);
  const top = (key: (d: SmsDocument) => string[]) =>
    Object.entries(
      countBy(
        openedDocs.flatMap((d) => key(d).map((k) => ({ k }))),
        (x) => x.k,
      ),
    )
      .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
      .slice(0, 5)
      .map(([id, count]) => ({ id, title: ctx.byId.get(id)?.title, count }));

  // --- 6. changes and their success --------------------------------------------------------------------
  const withResult = deployedInPeriod.filter((c) => c.result);
  const toApproval = changes.map((c) => c.daysToApproval).filter((x): x is number => x !== undefined);
  const toDeployment = changes.map((c) => c.daysToDeployment).filter((x): x is number => x !== undefined);

  // --- 7. nonconformities, 8. audits ---------------------------------------------------------------------
  const ncRecords = recordsOn('nonconformity');
  const ncStates = ncRecords.map((d) => ({ d, on: ncOn(d) }));
  const openNcs = ncStates
    .filter(({ on }) => on.state === 'open')
    .map(({ on }) => {
      const r = on.rec;
      const detected = parseDate(str(r, 'detected_on'));
      const due = parseDate(str(r, 'due'));
      return {
        id: r.id!,
        title: r.title ?? '',
        file: r.file,
        /** Its status on asOf. */
        status: on.status || 'open',
        severity: str(r, 'severity'),
        source: str(r, 'source'),
        detected,
        due,
        ageDays: detected ? daysBetween(detected, asOf) : undefined,
        overdue: due !== undefined && due < asOf,
        /** Deleted from the repository since asOf: shown as it stood before. */
        deleted: r.deleted,
      };
    })
    .sort((a, b) => (b.ageDays ?? 0) - (a.ageDays ?? 0));
  const unknownNcs = ncStates
    .filter(({ on }) => on.state === 'unknown')
    .map(({ d }) => ({ id: d.id!, title: d.title ?? '', file: d.file, status: d.status ?? '' }));
  /**
   * The days a nonconformity was closed on: with history, each spell it spent closed, on the
   * closed_on its last version in that spell gives (a corrected date replaces the first); today's
   * record gives the last. Without history, the closed_on it records.
   */
  const closings = (d: Rec): string[] => {
    const own = parseDate(str(d, 'closed_on'));
    const evs = historyOf(d.id!);
    if (!evs.length) return own ? [own] : [];
    const days: string[] = [];
    let spell: string | undefined;
    let closed = false;
    for (const e of evs) {
      const isClosed = e.after !== undefined && !NC_OPEN.has(e.after.status ?? '');
      if (closed && !isClosed && spell) days.push(spell);
      if (!isClosed) spell = undefined;
      else spell = (e.after?.data ? parseDate(ownString(e.after.data, 'closed_on')) : undefined) ?? spell;
      closed = isClosed;
    }
    // The spell still running ends on the date today's record gives, where it is closed today.
    const closedNow = !d.deleted && !NC_OPEN.has(d.status ?? '');
    if (closed) spell = (closedNow ? own : undefined) ?? spell;
    else spell = closedNow ? own : undefined;
    if (spell) days.push(spell);
    return days;
  };
  const closedNcs = ncRecords.flatMap((d) => {
    const closed = closings(d)
      .filter((day) => inPeriod(day, period))
      .at(-1);
    if (!closed) return [];
    // Its status on asOf (closed, or verified by then), not today's.
    const on = ncOn(d);
    const status = on.statusKnown && on.status ? on.status : (d.status ?? '');
    return [{ id: d.id!, title: d.title ?? '', status, closed, due: parseDate(str(d, 'due')) }];
  });
  const audit = docsOfType(ctx, 'internal-audit')
    .filter((d) => (parseDate(str(d, 'performed_on')) ?? '9999') <= asOf)
    .sort((a, b) => ((str(a, 'performed_on') ?? '') < (str(b, 'performed_on') ?? '') ? -1 : 1))
    .pop();

  // --- 9. supplier performance -------------------------------------------------------------------------------
  const suppliers = inForceAgreements
    .filter((a) => a.kind === 'supplier')
    .map(atEnd)
    .map((a) => {
      const ms = measureIncidents(inputs, period, a);
      const resolved = ms.filter((m) => m.resolvedInPeriod && m.resolutionMet !== undefined);
      const months = availability(inputs, a, period, ctx.provenance.generated);
      return {
        id: a.id,
        title: a.title,
        supplier: a.party,
        services: a.services,
        incidents: ms.length,
        breaches: ms.filter((m) => m.breach).length,
        resolutionMetPercent: resolved.length
          ? Math.floor((resolved.filter((m) => m.resolutionMet).length / resolved.length) * 10_000) / 100
          : undefined,
        availabilityWorstPercent: months
          .filter((m) => m.percent !== undefined && !m.open)
          .reduce<number | undefined>((w, m) => (w === undefined || m.percent! < w ? m.percent : w), undefined),
        availabilityTargetPercent: a.availability,
        downtimeMinutes: months.reduce((n, m) => n + m.downtimeMinutes, 0),
        /** Whether any outage of the supplier's was recorded in the period: else its downtime is not known to be 0. */
        outageRecorded: months.some((m) => m.outages.length > 0),
        reviewDue: a.doc.data ? parseDate(ownString(a.doc.data, 'review')) : undefined,
      };
    });

  // --- 10. risks ------------------------------------------------------------------------------------------------
  const openRisks = riskStates
    .filter(({ on }) => on.state === 'open')
    .map(({ on }) => riskOf(asOf)(on.rec, on.status))
    .sort((a, b) => (b.rating ?? 0) - (a.rating ?? 0) || (a.id < b.id ? -1 : 1));

  // --- 11. resources and competence --------------------------------------------------------------------------
  // The role holders of asOf: the roles in force then (the roles document's last approved version
  // by then, from history; today's document where it is approved or history does not have it). A
  // roles document never approved puts no one in a role: its draft's names are shown, and said to
  // be a draft's, as the audit (which finds no roles in force) would have it.
  const rolesDocument = ctx.documents.find((d) => d.type?.grants_roles);
  const rolesThen = ((): { index: RolesIndex; inForce: boolean; status?: string } => {
    if (!rolesDocument) return { index: rolesIndex, inForce: false };
    const worktree = { index: rolesIndex, inForce: isInForce(rolesDocument.type, rolesDocument.status), status: rolesDocument.status };
    if (!rolesDocument.id || !ctx.timeline?.byId.has(rolesDocument.id) || (current && worktree.inForce)) return worktree;
    const versions = eventsUntil(ctx, rolesDocument.id, asOf).filter((e) => e.after?.data);
    const approved = versions.filter((e) => isInForce(rolesDocument.type, e.after!.status)).at(-1);
    if (approved) return { index: RolesIndex.fromData(approved.after!.data), inForce: true, status: approved.after!.status };
    if (current) return worktree;
    const last = versions.at(-1);
    return { index: RolesIndex.fromData(last?.after?.data), inForce: false, status: last?.after?.status };
  })();
  const roles = rolesThen.index;
  const training = docsOfType(ctx, 'training-record');
  const people = roles.people
    .filter((p) => (!p.until || p.until >= asOf) && p.roles.some((r) => STAFF_ROLES.includes(r)))
    .map((p) => {
      const mine = training.filter((t) => roles.resolve(str(t, 'person') ?? '') === p);
      // Completed by asOf: completed_on says when; else history; else it is not known.
      const completedBy = (t: SmsDocument): boolean | undefined => {
        if (t.status !== 'completed') return false;
        const on = parseDate(str(t, 'completed_on'));
        if (on) return on <= asOf;
        const then = statusOn(t);
        return then.known ? then.status === 'completed' : undefined;
      };
      const completed = mine.filter((t) => completedBy(t) === true);
      const notKnown = mine.filter((t) => completedBy(t) === undefined);
      const valid = completed.filter((t) => {
        const until = parseDate(str(t, 'valid_until'));
        return until === undefined || until >= asOf;
      });
      return {
        name: p.name,
        email: p.email,
        roles: [...p.roles],
        trainingRecords: completed.map((t) => t.id!),
        trained: completed.length > 0,
        current: valid.length > 0,
        /** Training records completed by now on a day neither they nor history give. */
        notKnown: notKnown.map((t) => t.id!),
        planned: mine
          .filter((t) => t.status === 'planned')
          .map((t) => ({ id: t.id!, topic: str(t, 'topic'), plannedOn: parseDate(str(t, 'planned_on')) })),
      };
    });

  // --- kept from 0.1 -------------------------------------------------------------------------------------------
  const soon = addDays(period.until, ctx.config.expiryWarningDays);
  // Every agreement as it stood on asOf: one signed since is not listed, one retired or deleted
  // since is shown with its status and dates then.
  const agreements = (['customer-agreement', 'supplier-agreement'] as const).flatMap((key) => {
    const type = ctx.config.typeByKey.get(key);
    return recordsThen(key).map((r) => {
      const end = str(r, 'end');
      const review = str(r, 'review');
      const active = isInForce(type, r.status) && (str(r, 'start') ?? '') <= period.until && (!end || end >= period.until);
      return {
        id: r.id!,
        title: r.title ?? '',
        kind: key === 'customer-agreement' ? 'customer' : 'supplier',
        party: str(r, 'customer') ?? str(r, 'supplier') ?? '',
        status: r.status ?? '',
        start: str(r, 'start'),
        review,
        end,
        active,
        expiringSoon: active && Boolean(end && end <= soon),
        reviewOverdue: active && Boolean(review && review < period.until),
      };
    });
  });
  const contributors = new Map<string, { name: string; email: string; commits: number }>();
  const seen = new Set<string>();
  for (const e of ctx.timeline?.events ?? []) {
    if (!inPeriod(dayOfInstant(e.commit.date), period) || seen.has(e.commit.sha)) continue;
    seen.add(e.commit.sha);
    const key = e.commit.authorEmail.toLowerCase();
    const c = contributors.get(key) ?? { name: e.commit.authorName, email: e.commit.authorEmail, commits: 0 };
    c.commits++;
    contributors.set(key, c);
  }
  const findings = ctx.findings.diagnostics;

  const rag = countBy(objectives, (o) => o.rag, ['green', 'amber', 'red', 'no data', 'not measured']);
  const historyBegins = localDay(ctx, ctx.timeline?.events[0]?.commit.date);
  return {
    kind: 'review' as const,
    organisation: ctx.config.organisation,
    period,
    /** The organisation's time zone, which days and months are counted in (availability rows: each agreement's calendar's). */
    timezone: ctx.config.timezone ?? 'UTC',
    /** Set when that zone is the one sms.config.yaml gave at the period's end, not today's. */
    ...(ctx.provenance.zone ? { zone: ctx.provenance.zone } : {}),
    /** Where open items stand is judged as of this day. */
    asOf,
    history: Boolean(ctx.timeline),
    /** The day of the SMS's first commit, from history. */
    ...(historyBegins ? { historyBegins } : {}),
    /**
     * Whether the period ended before that day: a new SMS's first review covers a quarter it did
     * not exist in, and its empty figures say nothing about how the services went.
     */
    periodBeforeHistory: historyBegins !== undefined && historyBegins > period.until,
    /** Red/amber/green per policy objective, with the rule of each colour. */
    summary: {
      objectives: objectives.map((o) => ({ id: o.id, text: o.text, rag: o.rag, value: o.value, unit: o.unit, target: o.target })),
      rag,
      // Objectives of a policy no one has approved yet (by asOf) are a draft's: the pack says so.
      ...(policy?.type && !isInForce(policy.type, policy.status)
        ? { policyNotInForce: { id: policy.id!, status: policy.status ?? '' } }
        : {}),
    },
    previousReview: lastReview
      ? {
          id: lastReview.id!,
          title: lastReview.title ?? '',
          file: lastReview.file,
          heldOn: parseDate(str(lastReview, 'held_on')),
          actions: reviewActions,
          overdue: reviewActions.filter((a) => a.overdue).length,
          /** Actions whose status on asOf cannot be established. */
          notKnown: reviewActions.filter((a) => !a.statusKnown).length,
        }
      : undefined,
    issues: { governanceChanges, newRisks },
    feedback: feedbackSection,
    objectives,
    incidents: {
      total: opened.length,
      active: measures.length,
      open: measures.filter((m) => m.openAtEnd).length,
      byPriority: countBy(opened, (m) => m.priority, PRIORITIES),
      byService: Object.fromEntries(
        Object.entries(
          countBy(
            opened.flatMap((m) => m.services.map((s) => ({ s }))),
            (x) => x.s,
          ),
        ).sort(([a], [b]) => (a < b ? -1 : 1)),
      ),
      resolution: {
        count: measures.length,
        resolved: resolvedHours.length,
        medianHours: round1(median(resolvedHours)),
        p90Hours: round1(percentile(resolvedHours, 90)),
      },
      priorities: PRIORITIES.map((p) => {
        const items = measures.filter((m) => m.priority === p);
        const hours = items.filter((m) => m.resolvedInPeriod && m.resolutionHours !== undefined).map((m) => m.resolutionHours!);
        const targets = [
          ...new Set(customerAgreements.map((a) => a.targets[p as 'P1']?.resolutionHours).filter((t): t is number => t !== undefined)),
        ].sort((a, b) => a - b);
        const judged = items.filter((m) => m.resolvedInPeriod && m.resolutionMet !== undefined);
        return {
          priority: p,
          count: items.filter((m) => m.openedInPeriod).length,
          resolved: hours.length,
          medianHours: round1(median(hours)),
          p90Hours: round1(percentile(hours, 90)),
          targetHours: targets.length === 1 ? targets[0] : undefined,
          targets,
          resolutionMetPercent: judged.length
            ? Math.floor((judged.filter((m) => m.resolutionMet).length / judged.length) * 10_000) / 100
            : undefined,
          breaches: items.filter((m) => m.breach).length,
        };
      }),
      breaches: measures.filter((m) => m.breach).map(breachOf),
      perMonth: monthsBetween(period.since, period.until).map((month) => ({
        month,
        count: opened.filter((m) => localDate(Date.parse(m.opened), tz).startsWith(month)).length,
      })),
      quarters,
      previousPeriod: {
        since: before.since,
        until: before.until,
        opened: prior.filter((m) => m.openedInPeriod).length,
        breaches: prior.filter((m) => m.breach).length,
      },
      topCis: top((d) => stringValues(own(d.data, 'cis'))),
      topClassifications: top((d) => stringValues(own(d.data, 'classification'))),
      unattributed: opened.filter((m) => m.attribution === 'ambiguous').map((m) => m.id),
      /** Incidents of the period deleted from the repository by its last day: listed, not counted. */
      deleted: deletedDuring(inputs, period, tz),
      /** Incidents of the period in files sms does not read (stray-document): listed, not counted. */
      outsideFolders: strayIncidents(inputs, period, tz),
      notCounted: uncountedIncidents(inputs),
      /** Incidents deleted after the period: measured as they stood. */
      deletedAfterPeriod: measures.flatMap((m) => (m.deleted ? [m.deleted] : [])),
      /**
       * Incidents whose answer, resolution or outage was moved, since first committed, the way that
       * makes a figure better: as the performance report lists them (timesMoved[]).
       */
      timesMoved: measures.flatMap((m) => (m.timesMoved ? [{ id: m.id, file: m.file, ...m.timesMoved }] : [])),
      /** The availability rows such a move changed: the figure recorded, and the one by the times first recorded. */
      availabilityFirstRecorded: availabilityRows.flatMap((r) =>
        r.firstRecorded
          ? [
              {
                agreement: r.agreement,
                service: r.service,
                label: r.label,
                downtimeMinutes: r.downtimeMinutes,
                percent: r.percent,
                met: r.met,
                firstRecorded: r.firstRecorded,
              },
            ]
          : [],
      ),
      /** Agreements that have changed what they say since the period: the version measured against (committed by its end). */
      agreementsAsCommitted: versions.flatMap((v) => (v.asCommitted ? [{ agreement: v.agreement, ...v.asCommitted }] : [])),
      /** Agreements revised in force during the period: the whole period is measured against the version in force at its end. */
      agreementsRevisedDuring: versions.flatMap((v) => (v.revisedDuring ? [{ agreement: v.agreement, date: v.revisedDuring }] : [])),
      items: measures,
    },
    changes: {
      total: changes.length,
      byType: countBy(changes, (c) => c.changeType, ['normal', 'emergency', 'pre-approved']),
      byOutcome: countBy(changes, (c) => c.outcome, ['pending', 'approved', 'deployed', 'rejected']),
      deployed: deployedInPeriod.length,
      byResult: countBy(withResult, (c) => c.result!, ['successful', 'failed', 'backed-out', 'partial']),
      successPercent: withResult.length
        ? Math.floor((withResult.filter((c) => c.result === 'successful').length / withResult.length) * 10_000) / 100
        : undefined,
      reviewed: deployedInPeriod.filter((c) => c.reviewed).length,
      emergency: deployedInPeriod.filter((c) => c.changeType === 'emergency').length,
      leadTimes: {
        daysToApprovalMedian: round1(median(toApproval)),
        daysToDeploymentMedian: round1(median(toDeployment)),
        approvals: toApproval.length,
        deployments: toDeployment.length,
      },
      items: changes,
      /** Change requests of the period deleted from the repository by its last day: listed, not counted. */
      deleted: deletedChanges(ctx, period, changeDeletions),
    },
    nonconformities: {
      open: openNcs,
      overdue: openNcs.filter((n) => n.overdue).length,
      closedInPeriod: closedNcs,
      /** Closed by now on a day neither the record nor history gives: whether open on asOf is not known. */
      notKnown: unknownNcs,
    },
    audit: audit
      ? {
          id: audit.id!,
          title: audit.title ?? '',
          file: audit.file,
          status: audit.status ?? '',
          performedOn: parseDate(str(audit, 'performed_on')),
          scope: str(audit, 'scope'),
          result: str(audit, 'result'),
          // Their status on asOf, as the open nonconformities are judged.
          nonconformities: stringValues(own(audit.data, 'nonconformities')).map((id) => {
            const d = ctx.byId.get(id);
            return { id, title: d?.title ?? '', status: d ? ncStatusOn(d) : 'missing' };
          }),
        }
      : undefined,
    suppliers,
    risks: {
      open: openRisks,
      high: openRisks.filter((r) => r.level === 'high').length,
      /** Of the risks not closed: those still open (untreated) and those treated. */
      untreated: openRisks.filter((r) => r.status === 'open').length,
      treated: openRisks.filter((r) => r.status === 'treated').length,
      /** High once treated: the residual rating where the record gives one, else the rating. */
      highResidual: openRisks.filter((r) => (r.residualLevel ?? r.level) === 'high').length,
      overdueTreatments: openRisks.filter((r) => r.treatmentOverdue).length,
      /** Closed by now, on a day history does not give (a risk records no date for it): whether open on asOf is not known. */
      notKnown: riskStates
        .filter(({ on }) => on.state === 'unknown')
        .map(({ d }) => ({ id: d.id!, title: d.title ?? '', file: d.file, status: d.status ?? '' })),
    },
    people: {
      holders: people,
      /** Whether the holders are of roles in force on asOf (an approved roles document), not of a draft. */
      rolesInForce: rolesThen.inForce,
      /** The status of the roles document the holders are read from, when there is one. */
      ...(rolesThen.status ? { rolesStatus: rolesThen.status } : {}),
      untrained: people.filter((p) => !p.trained && !p.notKnown.length).map((p) => p.name),
      outOfDate: people.filter((p) => p.trained && !p.current && !p.notKnown.length).map((p) => p.name),
      /** People whose training on asOf is not known (a record completed by now, undated). */
      notKnown: people.filter((p) => !p.current && p.notKnown.length).map((p) => p.name),
      coveragePercent: people.length ? Math.floor((people.filter((p) => p.current).length / people.length) * 10_000) / 100 : undefined,
    },
    // Each service as it stood on asOf: one added since is not listed, one deleted since is.
    services: recordsThen('service').map((r) => ({
      id: r.id!,
      title: r.title ?? '',
      status: r.status ?? '',
      owner: str(r, 'owner') ?? '',
      ownerName: nameOf(str(r, 'owner')),
      availabilityTarget: num(r, 'availability_target'),
    })),
    agreements,
    /** The improvement report before the period and its actions (kept from 0.1). */
    previousReport: previousImprovement
      ? {
          id: previousImprovement.id!,
          title: previousImprovement.title ?? '',
          file: previousImprovement.file,
          periodEnd: str(previousImprovement, 'period_end'),
          /** Its actions not done or rejected by asOf and due before it. */
          overdue: improvementActions.filter((a) => a.overdue).length,
        }
      : undefined,
    previousActions: improvementActions,
    overdueReviews: findings.filter((d) => d.rule === 'review-overdue' || d.rule === 'agreement-expired').map(findingOf),
    findings: {
      errorCount: ctx.findings.errorCount,
      warningCount: ctx.findings.warningCount,
      items: findings.slice(0, 200).map(findingOf),
      /**
       * For a pack about an earlier day, validation reads the repository as it stood at the end
       * of that day (`revision`) where Git history has it. Without history it reads the
       * documents as they are today, judged on asOf, so a lapse closed since does not show, and
       * the pack says so.
       */
      fromTodaysDocuments: !current && !ctx.validatedAsOf,
      /** The day of the documents validated: today (or SMS_TODAY), or asOf when read as they stood. */
      documentsOn: ctx.validatedAsOf?.day ?? ctx.provenance.generated,
      /** The commit validated for an earlier day. */
      ...(ctx.validatedAsOf?.revision ? { revision: ctx.validatedAsOf.revision } : {}),
      /** For an earlier day before the first commit: nothing had been committed, nothing was validated. */
      ...(ctx.validatedAsOf && !ctx.validatedAsOf.revision ? { nothingCommitted: true } : {}),
      /** Commits dated before that day's end but made on top of one dated after it: not in what was validated. */
      ...(ctx.validatedAsOf?.heldBack ? { heldBack: ctx.validatedAsOf.heldBack } : {}),
    },
    contributors: [...contributors.values()].sort((a, b) => b.commits - a.commits || (a.name < b.name ? -1 : 1)),
  };
}

export type ReviewData = ReturnType<typeof buildReview>;

/** A risk rating's level: high from 15, medium from 8, else low. */
function levelOf(rating: number | undefined): 'high' | 'medium' | 'low' | undefined {
  return rating === undefined ? undefined : rating >= 15 ? 'high' : rating >= 8 ? 'medium' : 'low';
}

/** A risk as the review shows it: rating = likelihood × impact (1–25): high from 15, medium from 8. */
function riskOf(asOf: string) {
  return (d: Rec, status = d.status) => {
    const l = num(d, 'likelihood');
    const i = num(d, 'impact');
    const rating = l !== undefined && i !== undefined ? l * i : undefined;
    const rl = num(d, 'residual_likelihood');
    const ri = num(d, 'residual_impact');
    // What is left once treated, where the record rates it (residual_likelihood × residual_impact).
    const residual = rl !== undefined && ri !== undefined ? rl * ri : undefined;
    const due = parseDate(str(d, 'treatment_due'));
    return {
      id: d.id!,
      title: d.title ?? '',
      file: d.file,
      status: status ?? '',
      category: str(d, 'category'),
      likelihood: l,
      impact: i,
      rating,
      level: levelOf(rating),
      residualRating: residual,
      residualLevel: levelOf(residual),
      treatment: str(d, 'treatment'),
      treatmentDue: due,
      treatmentOverdue: status === 'open' && due !== undefined && due < asOf,
      /** Deleted from the repository since asOf: shown as it stood before. */
      deleted: d.deleted,
    };
  };
}

function breachOf(m: IncidentMeasure) {
  return {
    id: m.id,
    title: m.title,
    file: m.file,
    priority: m.priority,
    services: m.services,
    agreement: m.agreement,
    clock: m.clock,
    responseHours: m.responseHours,
    responseTargetHours: m.responseTargetHours,
    responseMet: m.responseMet,
    resolutionHours: m.resolutionHours,
    resolutionTargetHours: m.resolutionTargetHours,
    resolutionMet: m.resolutionMet,
    /** The resolution target (kept from 0.1). */
    targetHours: m.resolutionTargetHours,
    open: m.openAtEnd,
  };
}

function actionsOf(v: unknown) {
  return records(v).map((a) => ({
    id: ownString(a, 'id') ?? '',
    action: ownString(a, 'action') ?? '',
    owner: ownString(a, 'owner') ?? '',
    due: ownString(a, 'due') ?? '',
    status: ownString(a, 'status') ?? '',
  }));
}

/**
 * The period before, to compare with: the same number of calendar months when the period is whole
 * months (the quarter before a quarter), else as many days.
 */
function previousPeriod(p: Period): Period {
  const wholeMonths = p.since.endsWith('-01') && addDays(p.until, 1).endsWith('-01');
  if (wholeMonths) {
    const months = monthsBetween(p.since, p.until).length;
    return { since: addMonths(p.since, -months), until: addDays(p.since, -1) };
  }
  const days = daysBetween(p.since, p.until) + 1;
  return { since: addDays(p.since, -days), until: addDays(p.since, -1) };
}

/** The four calendar quarters ending with the one that contains `until` (the last one up to `until`). */
function lastFourQuarters(until: string): (Period & { label: string })[] {
  const out: (Period & { label: string })[] = [];
  let q = lastCompleteQuarter(addDays(until, 1));
  // The quarter that contains `until` when it ends that quarter; else the one in progress, cut at `until`.
  if (q.until < until) q = { since: addDays(q.until, 1), until };
  for (let n = 0; n < 4; n++) {
    out.unshift({ ...q, label: quarterLabel(q.since) });
    q = lastCompleteQuarter(q.since);
  }
  return out;
}

/** Change requests requested, decided or deployed in the period, with their lead times. */
export function changeFacts(ctx: ReportContext, period: Period, deleted: readonly Deletion[]): ChangeFact[] {
  // A change request deleted after the period was there all through it: counted as it stood.
  const deletedSince = deleted.filter((x) => x.day > period.until);
  const out: ChangeFact[] = [];
  for (const d of docsOfType(ctx, 'change-request')) {
    const fact = changeFact(ctx, d, period);
    if (fact) out.push(fact);
  }
  for (const x of deletedSince) {
    const fact = changeFact(ctx, x.doc, period);
    if (fact) out.push({ ...fact, ...deletedBy(x) });
  }
  return out.sort((x, y) => (x.id < y.id ? -1 : 1));
}

/** Change requests of the period deleted from the repository by its last day: listed, not counted. */
function deletedChanges(ctx: ReportContext, period: Period, deleted: readonly Deletion[]) {
  return deleted
    .filter((x) => x.day <= period.until)
    .flatMap((x) => {
      const fact = changeFact(ctx, x.doc, period);
      return fact
        ? [
            {
              id: fact.id,
              title: fact.title,
              changeType: fact.changeType,
              status: fact.status,
              result: fact.result,
              date: x.day,
              author: x.event.commit.authorName,
              commit: x.event.commit.sha,
            },
          ]
        : [];
    });
}

/** What the pack says of one change request in a period; undefined when nothing of it fell in the period. */
function changeFact(ctx: ReportContext, d: SmsDocument, period: Period): ChangeFact | undefined {
  // What history records is placed on the organisation's calendar; dates the record states
  // (approved_on, deployed_on) are days already.
  const requested = createdAt(ctx, d.id!);
  const approvedEv = firstEntered(ctx, d.id!, 'approved');
  const approvedOn = parseDate(str(d, 'approved_on'));
  const approved = approvedEv?.commit.date ?? (approvedOn ? `${approvedOn}T00:00:00Z` : undefined);
  const approvedDay = approvedEv ? localDay(ctx, approvedEv.commit.date) : approvedOn;
  const deployedEv = firstEntered(ctx, d.id!, 'updated');
  const deployedOn = parseDate(str(d, 'deployed_on'));
  const deployed = deployedOn ? `${deployedOn}T00:00:00Z` : deployedEv?.commit.date;
  const deployedDay = deployedOn ?? localDay(ctx, deployedEv?.commit.date);
  const rejectedDay = localDay(ctx, firstEntered(ctx, d.id!, 'rejected')?.commit.date);
  if (![localDay(ctx, requested), approvedDay, deployedDay, rejectedDay].some((x) => inPeriod(x, period))) return undefined;
  const requestedDay = localDay(ctx, requested);
  const status = statusAt(ctx, d, period.until) ?? d.status ?? '';
  const a = approvedDay && approvedDay <= period.until ? approved : undefined;
  const dep = deployedDay && deployedDay <= period.until ? deployed : undefined;
  const reviewed = parseDate(str(d, 'reviewed_on'));
  return {
    id: d.id!,
    title: d.title ?? '',
    changeType: str(d, 'change_type') ?? 'normal',
    status,
    outcome: Object.hasOwn(STATUS_OUTCOME, status) ? STATUS_OUTCOME[status]! : status,
    result: dep ? str(d, 'outcome') : undefined,
    requested,
    approved: a,
    deployed: dep,
    requestedOn: requestedDay,
    approvedOn: a ? approvedDay : undefined,
    deployedOn: dep ? deployedDay : undefined,
    reviewed: reviewed && reviewed <= period.until ? reviewed : undefined,
    // Whole days between the days shown: a deployment is recorded as a day, and read as an instant
    // (midnight UTC) it made half-days that follow from no date in the table.
    daysToApproval: requestedDay && a && approvedDay ? Math.max(0, daysBetween(requestedDay, approvedDay)) : undefined,
    daysToDeployment: a && dep && approvedDay && deployedDay ? Math.max(0, daysBetween(approvedDay, deployedDay)) : undefined,
  };
}

export default defineReport({
  kind: 'review',
  description: 'The management review input pack (WP.07; ISO/IEC 20000-1 9.3 inputs).',
  needsHistory: true,
  validatesAsOf: true,
  period(ctx, flags) {
    if (flags.since || flags.until) {
      const until = flags.until ?? ctx.today;
      // --until alone: from the start of the quarter it falls in.
      const month = Number(until.slice(5, 7));
      const quarterStart = `${until.slice(0, 4)}-${String(Math.floor((month - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;
      return { since: flags.since ?? quarterStart, until };
    }
    return lastCompleteQuarter(ctx.today);
  },
  build: (ctx, period) => buildReview(ctx, period),
  charts: (data) => [
    {
      id: 'incidentsPerMonth',
      kind: 'bars',
      title: 'Incidents opened per month',
      yLabel: 'incidents',
      bars: data.incidents.perMonth.map((m) => ({ label: m.month, value: m.count })),
    },
    {
      id: 'quarters',
      kind: 'bars',
      title: 'Incidents opened in the last four quarters',
      yLabel: 'incidents',
      bars: data.incidents.quarters.map((q) => ({ label: q.quarter, value: q.opened })),
    },
    {
      id: 'resolution',
      kind: 'bars',
      title: 'Median hours to resolve on each target clock against the target by priority',
      yLabel: 'hours',
      // A priority with nothing resolved has no median: a bar of 0 would say "resolved at once".
      bars: data.incidents.priorities
        .filter((p) => p.medianHours !== undefined)
        .map((p) => ({ label: p.priority, value: p.medianHours!, target: p.targetHours })),
    },
    {
      id: 'changesByType',
      kind: 'bars',
      title: 'Changes by type',
      yLabel: 'changes',
      bars: Object.entries(data.changes.byType).map(([label, value]) => ({ label, value })),
    },
    {
      // The id stays (templates name it); the title says what it plots: where each change stands
      // at the period's end. How deployments went is the sentence above the charts (byResult).
      id: 'changesByOutcome',
      kind: 'pie',
      title: 'Changes by status at the end of the period',
      yLabel: 'changes',
      bars: Object.entries(data.changes.byOutcome).map(([label, value]) => ({ label, value })),
    },
  ],
});

/**
 * What the minutes of the next management review start from (`sms new management-review`): the
 * period since the last review's, the headline of every input of the pack, and the open actions,
 * carried over with the review that decided them.
 */
export function minutesPrefill(ctx: ReportContext, today: string) {
  const last = docsOfType(ctx, 'management-review')
    .filter((d) => (parseDate(str(d, 'held_on')) ?? '9999') <= today)
    .sort((a, b) => ((str(a, 'held_on') ?? '') < (str(b, 'held_on') ?? '') ? -1 : 1))
    .pop();
  const lastEnd = last ? parseDate(str(last, 'period_end')) : undefined;
  const quarter = lastCompleteQuarter(today);
  // From the day after the last review's period, to the end of the last complete quarter (or today
  // when that quarter is already covered).
  const since = lastEnd && lastEnd < today ? addDays(lastEnd, 1) : quarter.since;
  const until = since <= quarter.until ? quarter.until : today;
  const data = buildReview(ctx, { since, until });
  return {
    periodStart: since,
    periodEnd: until,
    previousReview: last?.id,
    reviewReport: true,
    reviewInputs: reviewInputs(data),
    carriedActions: (data.previousReview?.actions ?? [])
      .filter((a) => a.status === 'open' || a.status === 'in-progress')
      .map((a) => ({ id: a.id, action: a.action, owner: a.owner, due: a.due ?? '', status: a.status, from: a.from })),
  };
}

/** One line per review input, with its headline figures, in the order of the pack. */
export function reviewInputs(d: ReviewData): string[] {
  const pr = d.previousReview;
  const openActions = pr ? pr.actions.filter((a) => a.status === 'open' || a.status === 'in-progress').length : 0;
  const ir = d.previousReport;
  const openImprovements = d.previousActions.filter((a) => IMPROVEMENT_OPEN.has(a.status)).length;
  const ids = (list: { id: string }[]) => list.map((x) => x.id).join(', ');
  const byRag = (rag: string) => d.objectives.filter((o) => o.rag === rag);
  const objectives = ['green', 'amber', 'red', 'no data']
    .map((rag) => [rag, byRag(rag)] as const)
    .filter(([, list]) => list.length)
    .map(([rag, list]) => `${list.length} ${rag}${rag === 'green' ? '' : ` (${ids(list)})`}`);
  return [
    (pr ? `Actions of ${pr.id}: ${openActions} open, ${pr.overdue} overdue` : 'Actions of previous reviews: none (first review)') +
      (ir ? `; of the improvement report ${ir.id}: ${openImprovements} open, ${ir.overdue} overdue` : ''),
    `Changes in issues: ${counted(d.issues.governanceChanges.length, 'governance document, service or agreement', 'governance documents, services or agreements')} approved or revised; ${d.issues.newRisks.length ? `new risks ${ids(d.issues.newRisks)}` : 'no new risk'}`,
    `Feedback: ${counted(d.feedback.total, 'entry', 'entries')}, ${counted(d.feedback.byKind.complaint ?? 0, 'complaint', 'complaints')}; satisfaction ${d.feedback.satisfaction.average ?? '–'} / 5 from ${counted(d.feedback.satisfaction.responses, 'score', 'scores')}`,
    `Objectives of the policy: ${objectives.join(', ') || 'none rated'}`,
    `Incidents: ${d.incidents.total} opened (${d.incidents.previousPeriod.opened} in the period before), ${counted(d.incidents.breaches.length, 'breach', 'breaches')} of agreed times${d.incidents.breaches.length ? ` (${ids(d.incidents.breaches)})` : ''}`,
    `Changes: ${d.changes.total} in the period, ${d.changes.deployed} deployed, ${d.changes.successPercent ?? '–'}% successful`,
    `Nonconformities: ${d.nonconformities.open.length} open, ${d.nonconformities.overdue} overdue`,
    d.audit
      ? `Internal audit ${d.audit.id} (${d.audit.performedOn ?? '?'}): ${d.audit.result ?? 'no result yet'}`
      : 'Internal audit: none performed yet',
    `Suppliers: ${d.suppliers.map((s) => `${s.id} ${s.supplier}, ${counted(s.breaches, 'breach', 'breaches')}`).join('; ') || 'no supplier agreement in force'}`,
    `Risks: ${d.risks.untreated} open and ${d.risks.treated} treated, ${d.risks.high} high before treatment and ${d.risks.highResidual} after, ${counted(d.risks.overdueTreatments, 'treatment', 'treatments')} overdue`,
    `Resources and competence: ${d.people.coveragePercent ?? '–'}% of role holders with current training${d.people.untrained.length ? `; without a record: ${d.people.untrained.join(', ')}` : ''}`,
  ];
}
