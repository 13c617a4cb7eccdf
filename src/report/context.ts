import type { HeldBack, ZoneChange } from '../history/read.js';
import type { SmsConfig } from '../repo/config.js';
import { readDocument, type SmsDocument } from '../repo/documents.js';
import { own, ownString, stringValues } from '../repo/values.js';
import { AGREEMENT_TYPES, partyOf, recordHolder, type IdHolder } from '../repo/sla.js';
import type { ValidationResult } from '../validate.js';
import type { Diagnostic } from '../diagnostic.js';
import type { Loaded } from '../load.js';
import { isInForce } from '../model/policy.js';
import type { ProcessesModel } from '../model/processes.js';
import { eventsOfLineage, gitInstant, LAST_DAY, takesOverId, type Timeline, type DocEvent } from '../history/timeline.js';
import type { DocState } from '../history/extract.js';
import { localDate, zonedInstant } from '../calendar.js';
import { addDays, parseDate, parseInstant } from '../dates.js';

/** Everything a report builder reads; builders are pure functions of this. */
export interface ReportContext {
  config: SmsConfig;
  documents: SmsDocument[];
  /** Documents in files sms does not read (stray-document): not counted, named where they are a report's. */
  outside?: readonly SmsDocument[];
  byId: Map<string, SmsDocument>;
  timeline?: Timeline;
  findings: ValidationResult;
  /**
   * Set when `findings` are of the repository as it stood at the end of an earlier day (see
   * `validatesAsOf`): that day, and the commit read. Without a commit, nothing had been committed
   * by then and `findings` are empty: there was nothing to validate.
   */
  validatedAsOf?: { day: string; revision?: string; heldBack?: HeldBack };
  today: string;
  /** The processes, objectives and tasks of the standard. */
  processes: ProcessesModel;
  /** Where the report comes from, printed in it so that a reader can reproduce it. */
  provenance: Provenance;
}

export interface Provenance {
  /** The commit the documents were read from ("as of" reports), or HEAD with the working tree on top. */
  commit?: string;
  /** True when the documents are the working tree's (which may hold uncommitted changes). */
  workingTree: boolean;
  /**
   * Set when the report is as of a day before the repository's first commit: that commit's day.
   * No document existed yet, so there is no commit to build from and nothing was read.
   */
  historyBegins?: string;
  toolVersion: string;
  /** The day the report was generated (SMS_TODAY pins it, for reproducible output). */
  generated: string;
  /**
   * For a report as of a day: commits on the main line dated before its end but made on top of a
   * commit dated after it, which the view does not include (a commit stands no earlier than the
   * one it was made on).
   */
  heldBack?: HeldBack;
  /**
   * Set when the report is counted in another time zone than sms.config.yaml gives now: the one it
   * gave at the end of the period (`counted`), and today's (`now`). See inZoneOfPeriod.
   */
  zone?: { counted: string; now: string };
}

/**
 * The context counted in the time zone sms.config.yaml gave, on the main line, at the end of
 * `until` (`zones`, from history), where that is another zone than today's: a period is counted,
 * its days, months and service hours alike, as it was then, so that changing `timezone` does not
 * re-count every period before the change. Provenance says so.
 */
export function inZoneOfPeriod(ctx: ReportContext, zones: readonly ZoneChange[] | undefined, until: string): ReportContext {
  const now = ctx.config.timezone ?? 'UTC';
  const end = zonedInstant(addDays(until, 1), 0, now);
  const counted = zones?.filter((z) => z.at < end).at(-1)?.timezone;
  if (counted === undefined || counted === now) return ctx;
  return { ...ctx, config: { ...ctx.config, timezone: counted }, provenance: { ...ctx.provenance, zone: { counted, now } } };
}

/** A document is in force while its status is one of its type's approving statuses. */
export function inForce(d: SmsDocument): boolean {
  return isInForce(d.type, d.status);
}

import type { Period } from '../period.js';
export type { Period };

/**
 * The context of a report from what the load edge read and what validation found. Pure: the CLI
 * (or a library user) loads and validates, builders only read.
 */
export function reportContext(
  loaded: Loaded,
  findings: ValidationResult,
  today: string,
  processes: ProcessesModel,
  meta: { toolVersion: string; generated: string },
): ReportContext {
  const byId = new Map<string, SmsDocument>();
  for (const d of loaded.repository.documents) if (d.id && !byId.has(d.id)) byId.set(d.id, d);
  const historyBegins = loaded.historyBegins === undefined ? undefined : localDate(loaded.historyBegins, loaded.config.timezone ?? 'UTC');
  const provenance: Provenance = {
    commit: loaded.revision ?? loaded.head,
    workingTree: loaded.revision === undefined && historyBegins === undefined,
    ...(historyBegins ? { historyBegins } : {}),
    ...(loaded.heldBack ? { heldBack: loaded.heldBack } : {}),
    ...meta,
  };
  return {
    config: loaded.config,
    documents: loaded.repository.documents,
    outside: loaded.repository.outside,
    byId,
    timeline: loaded.timeline,
    findings,
    today,
    processes,
    provenance,
  };
}

/** Documents by type key, built in one pass the first time a report asks for any type. */
const byType = new WeakMap<ReportContext, Map<string, SmsDocument[]>>();

/**
 * The documents of one type that have front matter and an ID, in repository order. Builders ask
 * for types inside loops (an incident's agreement, a change's schedule entry): the index makes
 * each question cost its answer, not a scan of every document.
 */
export function docsOfType(ctx: ReportContext, key: string): readonly SmsDocument[] {
  let index = byType.get(ctx);
  if (!index) {
    index = new Map();
    for (const d of ctx.documents) {
      if (!d.type || !d.data || !d.id) continue;
      const list = index.get(d.type.key);
      if (list) list.push(d);
      else index.set(d.type.key, [d]);
    }
    byType.set(ctx, index);
  }
  return index.get(key) ?? [];
}

export function str(d: Pick<SmsDocument, 'data'>, key: string): string | undefined {
  const v = d.data ? own(d.data, key) : undefined;
  return typeof v === 'string' ? v : undefined;
}

export function num(d: Pick<SmsDocument, 'data'>, key: string): number | undefined {
  const v = d.data ? own(d.data, key) : undefined;
  return typeof v === 'number' ? v : undefined;
}

export function list(d: Pick<SmsDocument, 'data'>, key: string): string[] {
  return stringValues(d.data ? own(d.data, key) : undefined);
}

/**
 * The day an instant falls on in the organisation's time zone; a plain date as it is. A commit's
 * date carries the offset of the committer's clock (a CI job in UTC, a colleague abroad): its own
 * calendar day is not the organisation's.
 */
export function localDay(ctx: Pick<ReportContext, 'config'>, value: string | undefined): string | undefined {
  // A commit's date may carry an offset no time zone uses (git takes any): the instant git keeps.
  const ms = parseInstant(value) ?? gitInstant(value);
  return ms === undefined ? parseDate(value) : localDate(ms, ctx.config.timezone ?? 'UTC');
}

/**
 * A document's events from history: under its ID, and under the IDs it had before a renumbering
 * (its approval and its creation are there), not those of another document that held its ID.
 */
export function eventsOf(ctx: Pick<ReportContext, 'timeline'>, id: string | undefined): DocEvent[] {
  return id && ctx.timeline ? eventsOfLineage(ctx.timeline, id) : [];
}

/** Events of a document up to the end of `until` in the organisation's time zone. */
export function eventsUntil(ctx: ReportContext, id: string, until: string): DocEvent[] {
  const events = eventsOf(ctx, id);
  const days = committedDays(ctx, events);
  return events.filter((_, k) => days[k]! <= until);
}

const formerIdsCache = new WeakMap<object, Map<string, string[]>>();

/**
 * Each renumbered document's earlier IDs, the latest first, by its ID now (from history): a record
 * whose ID was changed in a commit goes on under the new ID, its history the old ID's, then the new
 * one's.
 */
export function formerIds(ctx: Pick<ReportContext, 'timeline'>): ReadonlyMap<string, readonly string[]> {
  const timeline = ctx.timeline;
  if (!timeline) return new Map();
  const known = formerIdsCache.get(timeline);
  if (known) return known;
  const previous = new Map<string, string>();
  for (const [id, evs] of timeline.byId) {
    const was = evs[0]?.before?.id;
    if (was !== undefined && was !== id) previous.set(id, was);
  }
  const out = new Map<string, string[]>();
  for (const id of previous.keys()) {
    const chain: string[] = [];
    for (let at = previous.get(id); at !== undefined && at !== id && !chain.includes(at); at = previous.get(at)) chain.push(at);
    out.set(id, chain);
  }
  formerIdsCache.set(timeline, out);
  return out;
}

interface Holder {
  since: number;
  at: number;
  names: Set<string>;
  /** Its last version under the ID. */
  last: DocEvent;
  /** Its events under the ID, its deletion included: up to the next holder's first. */
  events: DocEvent[];
}

/** The events of an earlier holder's document (see earlierHolders): its own, not the ID's later holder's. */
const heldEvents = new WeakMap<SmsDocument, readonly DocEvent[]>();

const holdersCache = new WeakMap<Timeline, ReturnType<typeof holderTable>>();

/**
 * Whose each agreement ID was when (see IdHolder), from the agreement versions history holds under
 * the ID. Another party's agreement holds it from the commit that gave it the ID after a deletion
 * (put back with other content) or by a renumbering (its author date, never before an earlier
 * version's). An edit of the party's name in place (a customer renamed) is the same holder under
 * another name; so is the same party's agreement deleted and restored. An incident belongs to the
 * holder of the ID when it was opened, and never to one that took the ID in a commit after the
 * incident was first recorded (a takeover dated back).
 */
export function agreementIdHolders(ctx: Pick<ReportContext, 'timeline'>): IdHolder {
  return ctx.timeline ? holderTable(ctx.timeline).heldBy : () => undefined;
}

/**
 * The agreements that held an ID before another party's agreement took it (see
 * agreementIdHolders), each as history last had it under the ID: a deleted one whose ID was given
 * to another document, or taken by a renumbering.
 */
export function earlierHolders(ctx: Pick<ReportContext, 'timeline' | 'config'>): SmsDocument[] {
  if (!ctx.timeline) return [];
  return holderTable(ctx.timeline).earlier.map((h) => {
    const doc = documentAsCommitted(ctx, h.last.path, h.last.after!.id!, h.last.after!);
    heldEvents.set(doc, h.events);
    recordHolder(doc, h.names);
    return doc;
  });
}

/**
 * Records, for documents holding an ID that history shows held by others before, that they are its
 * last holder (see recordHolder): an earlier holder of the same party is another agreement.
 */
export function recordCurrentHolders(ctx: Pick<ReportContext, 'timeline'>, documents: readonly SmsDocument[]): void {
  if (!ctx.timeline) return;
  const { current } = holderTable(ctx.timeline);
  for (const d of documents) {
    const holder = d.id && !heldEvents.has(d) ? current.get(d.id) : undefined;
    if (holder) recordHolder(d, holder);
  }
}

/** A document's events: an earlier holder's own (see earlierHolders), else those of its ID (eventsOf). */
function ownEvents(ctx: Pick<ReportContext, 'timeline'>, d: SmsDocument): readonly DocEvent[] {
  return heldEvents.get(d) ?? eventsOf(ctx, d.id);
}

/** Whether a document is an earlier holder's (see earlierHolders), not the one holding its ID now. */
export function isEarlierHolder(d: SmsDocument): boolean {
  return heldEvents.has(d);
}

/**
 * Whether a holder's document gave the ID up by being renumbered (it goes on under another ID, as
 * that document) before the next holder took it: then it is no earlier holder of its own.
 */
function renumberedAway(timeline: Timeline, id: string, holder: Holder, next: Holder): boolean {
  const from = timeline.events.indexOf(holder.events[0]!);
  const until = timeline.events.indexOf(next.events[0]!);
  for (let k = from + 1; k < until; k++) {
    const e = timeline.events[k]!;
    if (e.before?.id === id && e.after?.id !== undefined && e.after.id !== id) return true;
  }
  return false;
}

function holderTable(timeline: Timeline): { heldBy: IdHolder; earlier: Holder[]; current: Map<string, ReadonlySet<string>> } {
  const known = holdersCache.get(timeline);
  if (known) return known;
  // Commits in history's order: where one stands among the others, whatever date it gives.
  const order = new Map<string, number>();
  for (const [i, e] of timeline.events.entries()) if (!order.has(e.commit.sha)) order.set(e.commit.sha, i);
  const holders = new Map<string, Holder[]>();
  for (const [id, events] of timeline.byId) {
    const list: Holder[] = [];
    let last = -Infinity;
    for (const e of events) {
      const s = e.after;
      if (!s?.data || s.id !== id || !s.type || !AGREEMENT_TYPES.includes(s.type)) {
        list.at(-1)?.events.push(e);
        continue;
      }
      last = Math.max(last, gitInstant(e.commit.date) ?? last);
      const name = partyOf(s.type, s.data);
      const holder = list.at(-1);
      const handedOver = takesOverId(e) || (e.before !== undefined && e.before.id !== id);
      if (holder && (holder.names.has(name) || !handedOver)) {
        holder.names.add(name);
        holder.last = e;
        holder.events.push(e);
      } else list.push({ since: last, at: order.get(e.commit.sha) ?? -1, names: new Set([name]), last: e, events: [e] });
    }
    if (list.length > 1) holders.set(id, list);
  }
  const heldBy: IdHolder = (id, incident) => {
    const list = holders.get(id);
    if (!list) return undefined;
    const opened = parseInstant(ownString(incident.data, 'opened'));
    const first = incident.id ? timeline.byId.get(incident.id)?.[0] : undefined;
    const recorded = first ? order.get(first.commit.sha) : undefined;
    let holder = list[0]!;
    for (const h of list.slice(1)) {
      if ((opened !== undefined && h.since > opened) || (recorded !== undefined && h.at > recorded)) break;
      holder = h;
    }
    return holder.names;
  };
  const table = {
    heldBy,
    earlier: [...holders].flatMap(([id, list]) => list.slice(0, -1).filter((h, i) => !renumberedAway(timeline, id, h, list[i + 1]!))),
    current: new Map([...holders].map(([id, list]) => [id, list.at(-1)!.names])),
  };
  holdersCache.set(timeline, table);
  return table;
}

/**
 * The day each of a document's events counts from, in the organisation's time zone: the later of
 * its author and committer dates, and never before an event committed ahead of it. An author date
 * written into the past (git commit --date) does not put a change into a period it came after.
 * A commit made on a branch counts from the day the merge that brought it into the main line was
 * committed (HistoryCommit.mergedBy): until then the main line said what it said before, however
 * the branch's commits are dated. No commit counts from before a main-line commit under it
 * (HistoryCommit.standsAt): a deletion dated back on top of later work is not counted earlier.
 */
export function committedDays(ctx: Pick<ReportContext, 'config'>, events: readonly DocEvent[]): string[] {
  let day = '';
  return events.map((e) => {
    const { mergedBy } = e.commit;
    for (const v of [e.commit.date, e.commit.committerDate, mergedBy?.date, mergedBy?.committerDate, e.commit.standsAt]) {
      // A date no day can be read from (a year past 9999) counts as the last day, as for decisions.
      const own = v === undefined ? '' : (localDay(ctx, v) ?? LAST_DAY);
      if (own > day) day = own;
    }
    return day;
  });
}

/** A document's status at the end of a day, from history; its current status without history. */
export function statusAt(ctx: ReportContext, d: SmsDocument, until: string): string | undefined {
  if (!ctx.timeline) return d.status;
  const evs = eventsUntil(ctx, d.id!, until);
  if (evs.length === 0) return ctx.timeline.byId.has(d.id!) ? undefined : d.status;
  return evs.at(-1)!.after?.status;
}

/**
 * Whether a document was in force at the end of a day, from history (its status then); before its
 * first commit, as first recorded (an SMS put into Git after its agreements started), unless it took
 * its ID from a document deleted before: an ID is one agreement's at a time. An earlier holder of
 * an ID (see earlierHolders) is read from its own events, not the ID's later holder's.
 * Without history of it, its status now.
 */
export function inForceOn(
  ctx: ReportContext,
  d: SmsDocument,
  /** Before the document's own history when it took its ID from a deleted one: in force (a restore of the same agreement), not the other's days. */
  takenOverInForce = false,
): (day: string) => boolean {
  // A deletion ends it, and so does a status that is neither approving nor where a document
  // starts (retired). Set back to its first status for a revision (RE.2.5), an agreement stays
  // in force as last approved until the revision is approved or it is retired.
  let was = false;
  const events = ownEvents(ctx, d);
  const days = committedDays(ctx, events);
  const steps = events.map((e, k) => {
    const status = e.after?.status;
    const revising = was && status !== undefined && (d.type?.initial ?? []).includes(status);
    was = isInForce(d.type, status) || revising;
    return { day: days[k]!, inForce: was };
  });
  if (steps.length === 0) {
    const now = isInForce(d.type, d.status);
    return () => now;
  }
  // One that took its ID from another document held nothing under it before: those days were the other's.
  const before = takesOverId(events[0]!) ? takenOverInForce : steps[0]!.inForce;
  return (day) => {
    let inForce = before;
    for (const s of steps) {
      if (s.day > day) break;
      inForce = s.inForce;
    }
    return inForce;
  };
}

/**
 * The term (`start`, `end`) an agreement gave on each day: that of its last version in force
 * committed by then (from history), unless that version's term begins later (a renewal): then the
 * version before it goes on until then. Before its first commit, its first version's. Without
 * history of it, its term now.
 */
export function termOn(ctx: ReportContext, d: SmsDocument): (day: string) => { start?: string; end?: string } {
  const term = (data: Record<string, unknown> | null | undefined) => ({
    start: parseDate(ownString(data, 'start')),
    end: parseDate(ownString(data, 'end')),
  });
  const versions = ownEvents(ctx, d).filter((e) => e.after?.data);
  const inForce = versions.filter((e) => isInForce(d.type, e.after!.status));
  const events = inForce.length ? inForce : versions;
  if (events.length === 0) {
    const now = term(d.data);
    return () => now;
  }
  const days = committedDays(ctx, events);
  const steps = events.map((e, k) => ({ day: days[k]!, ...term(e.after!.data) }));
  return (day) => {
    let k = -1;
    while (k + 1 < steps.length && steps[k + 1]!.day <= day) k++;
    if (k < 0) return steps[0]!;
    // A version whose term has not begun on that day (a renewal) leaves the day to the one before it.
    for (let i = k; i >= 0; i--) if (steps[i]!.start === undefined || steps[i]!.start! <= day) return steps[i]!;
    return steps[k]!;
  };
}

/** When the document first entered a status, from history. */
export function firstEntered(ctx: ReportContext, id: string, status: string): DocEvent | undefined {
  return eventsOf(ctx, id).find((e) => e.after?.status === status && e.before?.status !== status);
}

/** A document deleted from the repository, as history last had it, and the commit that deleted it. */
export interface Deletion {
  doc: SmsDocument;
  event: DocEvent;
  /**
   * The day the deletion counts from in the organisation's time zone (see committedDays): made on
   * a branch, the day it was merged into the main line.
   */
  day: string;
  /** Its ID was given to another document since: that one is in the repository now under the ID. */
  reused?: true;
}

/**
 * Documents of these types deleted from the repository (their last event is the deletion, or left
 * at their path something that is not them, and no document has their ID now), as history last
 * had them: their whole front matter where the type keeps it (`history_data`), else the fields and
 * lists history follows. A deleted agreement still owed what it promised while it was in force.
 */
export function deletions(ctx: ReportContext, keys: readonly string[]): Deletion[] {
  const out: Deletion[] = [];
  for (const [id, all] of ctx.timeline?.byId ?? []) {
    // Where another document took the ID after a deletion, the deleted one's events end before it.
    let from = all.length - 1;
    while (from > 0 && !takesOverId(all[from]!)) from--;
    const reused = from > 0;
    const events = reused ? all.slice(0, from) : all;
    const e = events.at(-1);
    const was = e?.before;
    if (!e || e.after?.id === id || !was?.type || !keys.includes(was.type) || (!reused && ctx.byId.has(id))) continue;
    out.push({
      doc: documentAsCommitted(ctx, e.path, id, was),
      event: e,
      day: committedDays(ctx, events).at(-1)!,
      ...(reused ? { reused: true as const } : {}),
    });
  }
  return out;
}

/**
 * A document as history had it in one version: its whole front matter where the type keeps it
 * (`history_data`), else the fields and lists history follows. Its body is not kept.
 */
export function documentAsCommitted(ctx: Pick<ReportContext, 'config'>, file: string, id: string, was: DocState): SmsDocument {
  const lists = Object.entries(was.lists ?? {}).filter(([k, v]) => /^[a-z_]+$/.test(k) && v.length > 0);
  const front: Record<string, unknown> = was.data ?? {
    ...was.fields,
    ...Object.fromEntries(lists.map(([k, v]) => [k, v.length === 1 ? v[0] : v])),
    id,
    type: was.type,
    title: was.title ?? '',
    ...(was.status !== undefined ? { status: was.status } : {}),
  };
  // JSON is YAML: the values are read back exactly as history kept them.
  const yaml = Object.entries(front).map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`);
  return readDocument(file, `---\n${yaml.join('\n')}\n---\n`, ctx.config);
}

/**
 * The versions of a document that were in force over a period (those that `count`): the last one
 * committed by its end, where the document has changed what it says since (with the day of the
 * first change after it), and the day it was revised in force during the period, if it was. A
 * version counts from the day it was committed, never before a version committed ahead of it: an
 * author date written into the past does not make a revision older than the one it replaced.
 */
export function versionsOver(
  ctx: ReportContext,
  d: SmsDocument,
  period: Period,
  counts: (state: DocState) => boolean,
  /** Whether two versions say the same for the period's figures (by default: the same content). */
  same: (a: DocState, b: DocState) => boolean = (a, b) => a.contentHash === b.contentHash,
  /** Whether the working tree says something else than the last committed version: a change not committed yet. */
  uncommitted?: (last: DocState) => boolean,
): { then?: { doc: SmsDocument; event: DocEvent; changedSince: string; uncommitted?: true }; revisedDuring?: string } {
  if (!d.id || !ctx.timeline) return {};
  const events = eventsOf(ctx, d.id);
  const days = committedDays(ctx, events);
  let at = -1;
  for (let k = 0; k < events.length && days[k]! <= period.until; k++) if (events[k]!.after && counts(events[k]!.after!)) at = k;
  if (at < 0) return {};
  const then = events[at]!;
  // Revised in force during the period: an earlier version in force said something else.
  let revisedDuring: string | undefined;
  for (let k = at; k > 0 && days[k]! >= period.since; k--) {
    const e = events[k]!;
    const before = events
      .slice(0, k)
      .reverse()
      .find((x) => x.after && counts(x.after));
    if (e.after && counts(e.after) && before && !same(before.after!, e.after) && days[k]! > period.since) {
      revisedDuring = days[k];
      break;
    }
  }
  const change = events.slice(at + 1).find((e) => e.after && e.after.contentHash !== then.after!.contentHash);
  // An edit in the working tree is no version in force: the period keeps the one committed.
  const last = events.at(-1)?.after;
  const pending = !change && last !== undefined && uncommitted?.(last) === true;
  return {
    ...(change || pending
      ? {
          then: {
            doc: documentAsCommitted(ctx, then.path, d.id, then.after!),
            event: then,
            changedSince: change ? days[events.indexOf(change)]! : ctx.today,
            ...(pending ? { uncommitted: true as const } : {}),
          },
        }
      : {}),
    ...(revisedDuring ? { revisedDuring } : {}),
  };
}

/** The documents of deletions() whose ID no other document holds now: what they were. */
export function deletedDocuments(ctx: ReportContext, keys: readonly string[]): SmsDocument[] {
  return deletions(ctx, keys).flatMap((d) => (d.reused ? [] : [d.doc]));
}

export function createdAt(ctx: ReportContext, id: string): string | undefined {
  return eventsOf(ctx, id)[0]?.commit.date;
}

/**
 * The satisfaction scores customers gave (feedback with no party is a customer's): a supplier's or
 * another stakeholder's score is feedback, but not customer satisfaction.
 */
export function customerScores(feedback: readonly Pick<SmsDocument, 'data'>[]): number[] {
  return feedback
    .filter((d) => (str(d, 'party') ?? 'customer') === 'customer')
    .map((d) => num(d, 'satisfaction'))
    .filter((x): x is number => x !== undefined && Number.isInteger(x));
}

export function inPeriod(date: string | undefined, p: Period): boolean {
  if (!date) return false;
  const d = date.slice(0, 10);
  return d >= p.since && d <= p.until;
}

/** A validation finding as reports show it. */
export function findingOf(d: Diagnostic) {
  return { file: d.file, line: d.line, rule: d.rule, severity: d.severity, message: d.message, docId: d.docId };
}
