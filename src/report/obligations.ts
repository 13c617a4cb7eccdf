import { localDate } from '../calendar.js';
import { addDays, addMonths, daysBetween, parseDate, parseInstant } from '../dates.js';
import { lines, readerLine, sectionText } from '../markdown.js';
import { actingRoles, claimsExemption, exemptionGap, isApproval, isInForce, needsAuthority, sameParty } from '../model/policy.js';
import type { Obligation, TaskModel } from '../model/processes.js';
import { RolesIndex, samePerson, type Person } from '../model/roles.js';
import type { RoleCode, WorkType } from '../model/types.js';
import { assessEvent, decisionDay, type DocEvent } from '../history/timeline.js';
import type { SmsDocument } from '../repo/documents.js';
import { exemptionModels } from '../repo/models.js';
import { modelsAtEvents } from '../rules/history-support.js';
import { agreementsOf, measureIncidents, slaInputs, type IncidentMeasure } from './sla.js';
import { counted } from '../strings.js';
import { AGREEMENT_TYPES, agreementParties, customerAgreementOf } from '../repo/sla.js';
import { own, ownString, records, stringValues } from '../repo/values.js';
import { quarterLabel } from '../period.js';
import { aType } from '../strings.js';
import { deletedDocuments, eventsOf, firstEntered, localDay, type Period, type ReportContext } from './context.js';

/**
 * The audit's vocabulary: what a conforming record looks like, check by check. model/processes.yaml
 * says which checks apply to which task, with which types and roles; each check looks at the
 * records one by one (per instance where the task is per instance) and says what each lacks, in
 * an assessor's words, with the dated evidence and who did the work.
 */

/** One piece of dated evidence: an act on a record, who did it, and whether they held a role of the task. */
export interface Evidence {
  what: string;
  date?: string;
  commit?: string;
  /** Who did it (the commit author, or the person the record names). */
  actor?: string;
  /** The roles the actor held at that time (from the roles in force). */
  actorRoles?: string[];
  /** Whether the actor held one of the task's roles; undefined when it could not be told. */
  heldTaskRole?: boolean;
  /** How an approver was attributed (author, committer, signature, trusted-trailer, self-asserted). */
  attribution?: string;
}

export interface RecordRef {
  id: string;
  title: string;
  file: string;
  type: string;
}

export interface Instance {
  record?: RecordRef;
  /** What the instance is, when it is not one record (a month of reports, a person's training). */
  subject?: string;
  ok: boolean;
  lacks: string[];
  /** What to do about it. */
  todo?: string;
  evidence: Evidence[];
}

export interface CheckResult {
  instances: Instance[];
  /** For a conditional task with nothing to do in the period: why (counts as conformant). */
  notTriggered?: string;
}

export interface AuditContext extends ReportContext {
  period: Period;
  /** The date the audit is as of (the end of the period). */
  asOf: string;
}

export interface CheckDef {
  /** Parameters the check takes in model/processes.yaml. */
  params: string[];
  /** Values of `require` the check understands. */
  requires?: string[];
  /** What the check looks for, one line. */
  describe(o: Obligation): string;
  run(ctx: AuditContext, o: Obligation, task: TaskModel): CheckResult;
}

// --- helpers -------------------------------------------------------------------------------------

const ref = (d: SmsDocument): RecordRef => ({ id: d.id ?? d.file, title: d.title ?? '', file: d.file, type: d.type?.key ?? '' });

/**
 * Lookups built once per set of documents (or per history) and kept beside it: the checks ask for
 * the records of a type, and for the records that link to one, for every instance they judge, and
 * asking the whole set each time makes an audit of 100,000 documents quadratic. The results are
 * shared, hence readonly.
 */
const memos = new WeakMap<object, Map<string, unknown>>();
function memo<T>(owner: object, key: string, make: () => T): T {
  let m = memos.get(owner);
  if (!m) memos.set(owner, (m = new Map()));
  if (!m.has(key)) m.set(key, make());
  return m.get(key) as T;
}

/** The records of a type (with front matter and an id), in the order of the documents. */
const docs = (ctx: ReportContext, key: string | undefined): readonly SmsDocument[] =>
  memo(ctx.documents, `type\0${key}`, () => ctx.documents.filter((d) => d.type?.key === key && d.data && d.id));
const typeTitle = (ctx: ReportContext, key: string | undefined): string =>
  key ? (ctx.config.typeByKey.get(key)?.title ?? key).toLowerCase() : 'record';
// A commit's date carries its committer's clock offset: the day it counts on is the organisation's.
const day = (ctx: Pick<ReportContext, 'config'>, iso: string | undefined): string | undefined => localDay(ctx, iso);
const inPeriod = (ctx: AuditContext, date: string | undefined): boolean =>
  date !== undefined && date >= ctx.period.since && date <= ctx.period.until;

/** The one finding when a task's record does not exist at all, with what to do: "draft it (sms new risk)". */
function noneExists(ctx: ReportContext, type: string | undefined, verb: 'create' | 'draft', then = ''): CheckResult {
  return {
    instances: [
      { subject: type, ok: false, lacks: [`no ${typeTitle(ctx, type)} exists`], todo: `${verb} it (sms new ${type})${then}`, evidence: [] },
    ],
  };
}

function typeOf(ctx: ReportContext, e: DocEvent): WorkType | undefined {
  return e.after?.type ? ctx.config.typeByKey.get(e.after.type) : undefined;
}

/** The roles a person held at an event (in the roles in force before it). */
function rolesAt(e: DocEvent, who: string): { person?: Person; roles: string[] } {
  const person = e.roles.resolve(who);
  return { person, roles: person ? [...person.roles] : [] };
}

function actEvidence(ctx: ReportContext, what: string, e: DocEvent, task: TaskModel): Evidence {
  const who = `${e.commit.authorName} <${e.commit.authorEmail}>`;
  const { roles } = rolesAt(e, who);
  return {
    what,
    date: day(ctx, e.commit.date),
    commit: e.commit.sha,
    actor: e.commit.authorName,
    actorRoles: roles,
    heldTaskRole: e.roles.people.length ? actingRoles(roles).some((r) => task.roles.includes(r as RoleCode)) : undefined,
  };
}

/**
 * Who set a field to its current value: the author of the commit that first gave it that value,
 * with the date the field states. Undefined without history, or when history never saw the value.
 */
function whoSet(ctx: ReportContext, d: SmsDocument, field: string, what: string, task: TaskModel): Evidence | undefined {
  const value = ownString(d.data, field);
  const e = setIn(ctx, d, field);
  return e ? { ...actEvidence(ctx, what, e, task), date: parseDate(value) ?? day(ctx, e.commit.date) } : undefined;
}

/** The commit that first gave a field its current value, from history. */
function setIn(ctx: ReportContext, d: SmsDocument, field: string): DocEvent | undefined {
  const value = ownString(d.data, field);
  return value === undefined
    ? undefined
    : eventsOf(ctx, d.id).find((x) => x.after?.fields[field] === value && x.before?.fields[field] !== value);
}

/**
 * The review date a record gives (reviewed_on) where it can count: a review is recorded once it
 * is held, so a date after the day audited, or after the day of the commit that recorded it, is
 * a review not yet held (`lack` says which).
 */
function reviewedOn(ctx: AuditContext, d: SmsDocument): { date?: string; lack?: string } {
  const value = parseDate(ownString(d.data, 'reviewed_on'));
  if (!value) return {};
  if (value > ctx.asOf) return { lack: `reviewed_on ${value} is after ${ctx.asOf}, the day audited: a review not yet held does not count` };
  // Recorded on the organisation's day, or on the committer's own (a review recorded abroad).
  const commit = setIn(ctx, d, 'reviewed_on')?.commit.date;
  const recorded = [day(ctx, commit), commit?.slice(0, 10)]
    .filter((x): x is string => x !== undefined)
    .sort()
    .pop();
  if (recorded && value > recorded) return { lack: `reviewed_on ${value} was recorded on ${recorded}, before the review it claims` };
  return { date: value };
}

/** A person named in a record, with the roles they hold in the working tree's roles document. */
function namedEvidence(ctx: ReportContext, what: string, who: string | undefined, date: string | undefined, task: TaskModel): Evidence {
  const person = who ? rolesIndex(ctx).resolve(who) : undefined;
  const roles = person ? [...person.roles] : [];
  return {
    what,
    date,
    actor: person ? person.name : who,
    actorRoles: roles,
    heldTaskRole: person ? actingRoles(roles).some((r) => task.roles.includes(r as RoleCode)) : undefined,
  };
}

/** The parties of every agreement (customers and suppliers), for telling organisations apart. */
function partiesOf(ctx: ReportContext): string[] {
  return memo(ctx.documents, 'parties', () => agreementParties(ctx.documents));
}

/** The roles document of the documents audited (built once per set of documents). */
function rolesIndex(ctx: ReportContext): RolesIndex {
  return memo(ctx.documents, 'roles', () => RolesIndex.fromData(ctx.documents.find((d) => d.type?.grants_roles)?.data));
}

export interface Approval {
  event: DocEvent;
  date: string;
  status: string;
  approvers: Person[];
  /** The roles that could approve this step. */
  allowed: readonly string[];
  how: string;
  bootstrap: boolean;
  selfAsserted: string[];
}

/** The approvals of a document in history, each judged by the policy (once per history). */
export function approvalsOf(ctx: ReportContext, id: string | undefined): readonly Approval[] {
  if (!id || !ctx.timeline) return [];
  // Judged under the configuration's history policy, so kept per history and configuration.
  const byConfig = memo(ctx.timeline, 'approvals', () => new WeakMap<object, Map<string, Approval[]>>());
  let judged = byConfig.get(ctx.config);
  if (!judged) byConfig.set(ctx.config, (judged = new Map()));
  let list = judged.get(id);
  if (!list) judged.set(id, (list = judgeApprovals(ctx, id)));
  return list;
}

function judgeApprovals(ctx: ReportContext, id: string): Approval[] {
  const out: Approval[] = [];
  for (const e of eventsOf(ctx, id)) {
    const t = typeOf(ctx, e);
    // A clean merge of approved changes approves nothing: its sides' commits did.
    if (!t || e.merged || !isApproval(t, e.before, e.after)) continue;
    const a = assessEvent(e, t, ctx.config.history);
    out.push({
      event: e,
      date: day(ctx, e.commit.date)!,
      status: e.after!.status!,
      approvers: a.people,
      allowed: a.allowed,
      how:
        [...new Set(a.people.map((p) => a.how.get(p)!))].join(', ') ||
        (a.evidence.some((x) => x.how === 'self-asserted') ? 'self-asserted' : 'none'),
      bootstrap: a.bootstrap,
      selfAsserted: a.evidence.filter((x) => x.how === 'self-asserted').map((x) => x.ref),
    });
  }
  return out;
}

function approvalEvidence(a: Approval, task: TaskModel): Evidence {
  const roles = [...new Set(a.approvers.flatMap((p) => p.roles))];
  return {
    what: `${a.status}${a.bootstrap ? ' (roles bootstrap)' : ''}`,
    date: a.date,
    commit: a.event.commit.sha,
    actor: a.approvers.map((p) => p.name).join(', ') || `${a.event.commit.authorName} (no deciding role)`,
    actorRoles: roles,
    heldTaskRole: actingRoles(roles).some((r) => task.roles.includes(r as RoleCode)),
    attribution: a.how,
  };
}

/** The first time a document entered one of its approving statuses with evidence, from history (else its approved_on). */
function firstApproval(ctx: ReportContext, d: SmsDocument): string | undefined {
  const a = approvalsOf(ctx, d.id).find((x) => x.approvers.length > 0);
  if (a) return a.date;
  return ctx.timeline ? undefined : parseDate(ownString(d.data, 'approved_on'));
}

/** The day the first document of a type was first approved: when that input of a task came into force. */
function firstApprovalOf(ctx: ReportContext, key: string): string | undefined {
  return docs(ctx, key)
    .map((x) => firstApproval(ctx, x))
    .filter((x): x is string => x !== undefined)
    .sort()[0];
}

function lastApproval(ctx: ReportContext, d: SmsDocument): string | undefined {
  const list = approvalsOf(ctx, d.id).filter((x) => x.approvers.length > 0);
  if (list.length) return list.at(-1)!.date;
  return ctx.timeline ? undefined : parseDate(ownString(d.data, 'approved_on'));
}

/** A month after a day: a month's last day gives the next month's last (30 November: 31 December). */
const monthAfter = (date: string): string => addDays(addMonths(addDays(date, 1), 1), -1);

/** How hours on a clock read: around the clock, or in the agreement's service hours. */
const hoursOn = (clock: string): string => (clock === '24×7' ? 'hours (around the clock)' : 'service hours');

/** The first day of the month, quarter or year that contains `date`. */
function alignedStart(date: string, months: 1 | 3 | 12): string {
  const month = Number(date.slice(5, 7));
  if (months === 12) return `${date.slice(0, 4)}-01-01`;
  if (months === 3) return `${date.slice(0, 4)}-${String(Math.floor((month - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;
  return `${date.slice(0, 7)}-01`;
}

/**
 * The reporting cadence an agreement promised on each day, from history: an agreement may move
 * from quarterly to monthly reports, and the earlier quarters are still owed quarterly. Before its
 * first commit, the first value it was recorded with; without history, its current value.
 */
function cadenceIn(ctx: ReportContext, a: SmsDocument): (date: string) => string | undefined {
  const changes = eventsOf(ctx, a.id)
    .filter((e) => e.after)
    .map((e) => ({ date: day(ctx, e.commit.date)!, value: e.after!.fields.reporting }));
  if (changes.length === 0) {
    const now = ownString(a.data, 'reporting');
    return () => now;
  }
  return (date) => {
    let value = changes[0]!.value;
    for (const c of changes) if (c.date <= date) value = c.value;
    return value;
  };
}

/** The day of the last commit that took a document out of force (retired, deleted); undefined when history shows none. */
function endedOn(ctx: ReportContext, d: SmsDocument): string | undefined {
  let ended: string | undefined;
  for (const e of eventsOf(ctx, d.id))
    if (isInForce(d.type, e.before?.status) && !isInForce(d.type, e.after?.status)) ended = day(ctx, e.commit.date);
  return ended;
}

/** A Markdown section has content of its own (not empty, not the template's guidance). */
function sectionFilled(d: SmsDocument, heading: string): boolean {
  const guidance = new Set((d.type?.template_text ?? []).map(readerLine));
  const own = lines(sectionText(d.fm.body, heading))
    .filter((l) => !guidance.has(readerLine(l)))
    .join('\n')
    .trim();
  return own.length >= 20;
}

// --- change requests -----------------------------------------------------------------------------

interface Deployment {
  doc: SmsDocument;
  changeType: string;
  /** The day it was deployed (deployed_on, else the day it was approved to deploy). */
  deployed: string;
  /** The day of the approval to deploy (the move to `updated`), from history. */
  approvedToDeploy?: string;
  /** The commit of that approval. */
  toDeploy?: DocEvent;
}

function deployments(ctx: AuditContext, where?: Record<string, string[]>): Deployment[] {
  const out: Deployment[] = [];
  for (const d of docs(ctx, 'change-request')) {
    const changeType = ownString(d.data, 'change_type') ?? 'normal';
    if (where?.change_type && !where.change_type.includes(changeType)) continue;
    const toDeploy = firstEntered(ctx, d.id!, 'updated');
    const approvedToDeploy = day(ctx, toDeploy?.commit.date);
    const deployed = parseDate(ownString(d.data, 'deployed_on')) ?? (d.status === 'updated' ? (approvedToDeploy ?? undefined) : undefined);
    if (!deployed || !inPeriod(ctx, deployed)) continue;
    out.push({ doc: d, changeType, deployed, approvedToDeploy, toDeploy });
  }
  return out;
}

/** The first record of a type with this id. */
function byId(ctx: ReportContext, type: string, id: string): SmsDocument | undefined {
  const index = memo(ctx.documents, `id\0${type}`, () => {
    const m = new Map<string, SmsDocument>();
    for (const x of docs(ctx, type)) if (!m.has(x.id!)) m.set(x.id!, x);
    return m;
  });
  return index.get(id);
}

/** The records of a type whose `field` names `id`, in the order of the documents. */
function linked(ctx: ReportContext, type: string, field: string, id: string): readonly SmsDocument[] {
  const index = memo(ctx.documents, `linked\0${type}\0${field}`, () => {
    const byNamed = new Map<string, SmsDocument[]>();
    for (const x of docs(ctx, type)) {
      for (const named of new Set(stringValues(own(x.data, field)))) {
        const list = byNamed.get(named);
        if (list) list.push(x);
        else byNamed.set(named, [x]);
      }
    }
    return byNamed;
  });
  return index.get(id) ?? [];
}

/** When a change first appeared in the change schedule, from history (else whether the schedule lists it now). */
function scheduledOn(ctx: ReportContext, id: string): { date?: string; listedNow: boolean; window?: string; event?: DocEvent } {
  const schedule = docs(ctx, 'change-schedule')[0];
  const entries = schedule ? records(own(schedule.data, 'changes')).filter((c) => c.change_request === id) : [];
  const window = entries
    .map((c) => (typeof c.window === 'string' ? c.window : typeof c.planned_date === 'string' ? c.planned_date : undefined))
    .find(Boolean);
  const listedNow = entries.length > 0;
  if (!schedule || !ctx.timeline) return { listedNow, window };
  const first = eventsOf(ctx, schedule.id).find((e) => e.after?.lists?.['changes[].change_request']?.includes(id));
  return { date: day(ctx, first?.commit.date), listedNow, window, event: first };
}

/**
 * The roles that may do the work of a design or test task. The standard lists CM (with CUS, SUP)
 * for CO.2.3 and CO.3.1, yet forbids the CM to be a design or testing practitioner: the CM oversees
 * and a practitioner executes, so a PT doing the work holds a role of the task.
 */
function executing(task: TaskModel): TaskModel {
  return { ...task, roles: [...task.roles, 'PT'] };
}

/** The day a record was first committed as published, from history. */
function publishedOn(ctx: ReportContext, x: SmsDocument): string | undefined {
  return day(ctx, eventsOf(ctx, x.id).find((e) => e.after?.status === 'published')?.commit.date);
}

/**
 * The first approval, with evidence, of a design while it was the design of `change` (a design
 * approved for another change and moved over later was approved for this one only then).
 */
function designApprovedFor(ctx: ReportContext, sd: SmsDocument, change: string): string | undefined {
  if (!ctx.timeline) return firstApproval(ctx, sd);
  return approvalsOf(ctx, sd.id).find((a) => a.approvers.length > 0 && a.event.after?.lists?.change_request?.includes(change))?.date;
}

/**
 * The latest published test report of a change (by the day its results were collected; undated
 * ones count as the oldest), of those collected by `by` when given: a re-test replaces the test
 * before it, whichever way it went.
 */
function lastTest(ctx: ReportContext, id: string, by?: string): SmsDocument | undefined {
  const dated = linked(ctx, 'test-report', 'change_request', id)
    .filter((x) => x.status === 'published')
    .map((x, i) => ({ x, i, on: parseDate(ownString(x.data, 'collected_on')) ?? '' }))
    // By `by`: collected, and (with history) published by then; a report committed later was not
    // there to be reviewed, whatever date it gives.
    .filter((t) => by === undefined || (t.on <= by && (publishedOn(ctx, t.x) ?? '') <= by));
  dated.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : a.i - b.i));
  return dated.at(-1)?.x;
}

function changeCheck(ctx: AuditContext, o: Obligation, task: TaskModel): CheckResult {
  const instances: Instance[] = [];
  const cm = (who: string | undefined): boolean => Boolean(who && rolesIndex(ctx).resolve(who)?.roles.includes('CM'));
  for (const dep of deployments(ctx, o.where)) {
    const d = dep.doc;
    const lacks: string[] = [];
    const evidence: Evidence[] = [{ what: `deployed (${dep.changeType} change)`, date: dep.deployed }];
    let todo: string | undefined;
    switch (o.require) {
      case 'scheduled': {
        const s = scheduledOn(ctx, d.id!);
        // Who entered it counts too (CO.2.2 is the Control Manager's): the commit that first listed it.
        const entered = s.event ? actEvidence(ctx, 'entered in the change schedule', s.event, task) : undefined;
        if (entered) evidence.push(entered);
        if (entered?.heldTaskRole === false)
          lacks.push(`entered in the change schedule by ${entered.actor}, who held none of the task's roles (${task.roles.join(', ')})`);
        if (!s.listedNow && !s.date) {
          lacks.push('never entered in the change schedule');
          todo = `add ${d.id} to the change schedule before deploying it`;
        } else if (s.date && s.date > dep.deployed) {
          lacks.push(`entered in the change schedule on ${s.date}, after its deployment on ${dep.deployed}`);
          todo = 'enter changes in the schedule before their deployment date';
        } else if (!s.date && ctx.timeline) lacks.push('listed in the schedule now, but history does not show when it was entered');
        break;
      }
      case 'schedule-window': {
        const s = scheduledOn(ctx, d.id!);
        if (!s.window) {
          lacks.push('no planned date or window in the change schedule');
          todo = 'give the change its planned date and window in the schedule';
        } else evidence.push({ what: `scheduled: ${s.window}` });
        break;
      }
      case 'design': {
        const sd = linked(ctx, 'service-design', 'change_request', d.id!).find((x) => x.status === 'approved');
        if (!sd) {
          lacks.push('no approved service design');
          todo = `record the design of ${d.id} (sms new service-design) and have it approved`;
        } else {
          // The design is done before the change is built and deployed (CO.2.3 before CO.2.4 and
          // CO.3.4), and approved by someone who may: history says who and when, not approved_on.
          const approvedOn = designApprovedFor(ctx, sd, d.id!);
          if (ctx.timeline && !approvedOn) lacks.push(`design ${sd.id}: no commit evidences its approval`);
          else if (approvedOn && approvedOn > dep.deployed)
            lacks.push(`design ${sd.id} approved on ${approvedOn}, after the deployment on ${dep.deployed}`);
          if (lacks.length) todo = `have the design of ${d.id} approved by the Control Manager or the customer before the change is built`;
          evidence.push({ what: `design ${sd.id} approved`, date: approvedOn });
          const by = ownString(sd.data, 'designed_by');
          if (by) evidence.push(namedEvidence(ctx, `designed by`, by, undefined, executing(task)));
        }
        break;
      }
      case 'build': {
        const b = linked(ctx, 'service-change-build', 'change_request', d.id!)[0];
        if (!b) {
          lacks.push('no build record');
          todo = `record the build of ${d.id} (sms new service-change-build)`;
        } else {
          const by = ownString(b.data, 'built_by');
          evidence.push(namedEvidence(ctx, `built (${b.id})`, by, undefined, { ...task, roles: ['PT'] }));
          if (!by) lacks.push(`build ${b.id} does not say who built it`);
          else if (cm(by)) lacks.push(`built by the Control Manager (${by}), who also controls the change`);
        }
        break;
      }
      case 'tested': {
        const tr = lastTest(ctx, d.id!);
        if (!tr) {
          lacks.push('no published test report');
          todo = `run the documented tests and publish the report (sms new test-report) before deploying`;
        } else {
          const by = ownString(tr.data, 'performed_by');
          evidence.push(
            namedEvidence(
              ctx,
              `tested (${tr.id}, outcome ${ownString(tr.data, 'outcome') ?? '?'})`,
              by,
              parseDate(ownString(tr.data, 'collected_on')),
              executing(task),
            ),
          );
          if (ownString(tr.data, 'outcome') === 'fail') lacks.push(`test report ${tr.id} records a failed test`);
          // As for the build (CO.2.4): the CM oversees the test, a practitioner runs it.
          if (cm(by)) lacks.push(`tested by the Control Manager (${by}), who also controls the change`);
          const builder = linked(ctx, 'service-change-build', 'change_request', d.id!).map((b) => ownString(b.data, 'built_by'))[0];
          if (by && builder && rolesIndex(ctx).resolve(by) && rolesIndex(ctx).resolve(by) === rolesIndex(ctx).resolve(builder))
            lacks.push(`tested by the person who built it (${by})`);
        }
        break;
      }
      case 'tested-before-deployment': {
        // The approval to deploy (the move to updated, CO.3.2) comes before the deployment (CO.3.4):
        // one committed after it, or none at all, approved nothing.
        const gate = dep.approvedToDeploy ?? dep.deployed;
        if (d.status !== 'updated' && !dep.approvedToDeploy)
          lacks.push(`deployed on ${dep.deployed} without an approval to deploy (it never moved to updated)`);
        else if (ctx.timeline && !dep.approvedToDeploy) lacks.push('no commit records its approval to deploy');
        else if (dep.approvedToDeploy && dep.approvedToDeploy > dep.deployed)
          lacks.push(`approved to deploy on ${dep.approvedToDeploy}, after its deployment on ${dep.deployed}`);
        const tr = lastTest(ctx, d.id!, gate) ?? lastTest(ctx, d.id!);
        const collected = tr ? parseDate(ownString(tr.data, 'collected_on')) : undefined;
        const published = tr ? publishedOn(ctx, tr) : undefined;
        if (!tr) lacks.push('no published test report to review before deployment');
        else if (!collected) lacks.push(`test report ${tr.id} has no date (collected_on)`);
        else if (collected > gate) lacks.push(`test report ${tr.id} dated ${collected}, after the approval to deploy on ${gate}`);
        else if (published && published > gate)
          lacks.push(`test report ${tr.id} published on ${published}, after the approval to deploy on ${gate}`);
        else if (ownString(tr.data, 'outcome') === 'fail')
          lacks.push(`the last test report before the approval to deploy, ${tr.id} (${collected}), records a failed test`);
        else if (!lacks.length)
          evidence.push({ what: `test report ${tr.id} (${collected}) reviewed before the approval to deploy`, date: gate });
        const b = linked(ctx, 'service-change-build', 'change_request', d.id!)[0];
        if (b && b.status !== 'final') lacks.push(`build ${b.id} is not final`);
        if (dep.toDeploy) {
          const a = approvalsOf(ctx, d.id).find((x) => x.event === dep.toDeploy);
          if (a) evidence.push(approvalEvidence(a, task));
        }
        if (lacks.length) todo = 'review a published test report before approving deployment (set the change to updated only then)';
        break;
      }
      case 'deployed': {
        const cis = stringValues(own(d.data, 'impacted_cis'));
        if (!parseDate(ownString(d.data, 'deployed_on'))) lacks.push('no deployment date (deployed_on)');
        if (cis.length === 0) lacks.push('no configuration items named (impacted_cis)');
        for (const ci of cis) {
          const rec = byId(ctx, 'configuration-item', ci);
          if (rec && !stringValues(own(rec.data, 'change_requests')).includes(d.id!)) lacks.push(`${ci} does not record the change`);
        }
        if (lacks.length) todo = `update the configuration records (change_requests: [${d.id}]) and deployed_on`;
        break;
      }
      case 'reviewed': {
        const claimed = reviewedOn(ctx, d);
        const reviewed = claimed.date;
        const outcome = ownString(d.data, 'review_outcome');
        if (claimed.lack) lacks.push(claimed.lack);
        else if (!reviewed) {
          lacks.push(
            dep.changeType === 'emergency'
              ? 'an emergency change not reviewed after the fact'
              : 'no post-implementation review (reviewed_on)',
          );
        } else if (reviewed < dep.deployed) lacks.push(`reviewed on ${reviewed}, before its deployment on ${dep.deployed}`);
        else {
          evidence.push(
            whoSet(ctx, d, 'reviewed_on', 'post-implementation review', task) ?? { what: 'post-implementation review', date: reviewed },
          );
          if (!outcome)
            lacks.push('the review does not say whether the change procedure was updated or nothing needed to change (review_outcome)');
          else if (outcome === 'procedure updated') {
            // The claim holds only if the procedure was in fact revised since the deployment.
            const procedure = docs(ctx, 'change-procedure')[0];
            const revisedOn = procedure
              ? [lastApproval(ctx, procedure), reviewedOn(ctx, procedure).date]
                  .filter((x): x is string => x !== undefined)
                  .sort()
                  .pop()
              : undefined;
            if (!revisedOn || revisedOn < dep.deployed)
              lacks.push(`says the change procedure was updated, but it was last revised ${revisedOn ?? 'never'}, before the deployment`);
            else evidence.push({ what: `change procedure ${procedure!.id} revised`, date: revisedOn });
          } else evidence.push({ what: 'no change to the procedure needed' });
        }
        if (lacks.length)
          todo =
            'review the deployment, set reviewed_on and review_outcome ("procedure updated" once the change procedure is revised, or "no change needed")';
        break;
      }
    }
    instances.push({ record: ref(d), ok: lacks.length === 0, lacks, todo, evidence });
  }
  if (instances.length === 0)
    return {
      instances,
      notTriggered: `no ${o.where?.change_type?.join(' or ') ?? ''} change was deployed in the period`.replace('  ', ' '),
    };
  return { instances };
}

// --- incidents -----------------------------------------------------------------------------------

/**
 * Evidence that an incident meets a target only by a time moved since it was first recorded
 * (IncidentMeasure.timesMoved): what the first time made of it, and who moved the time, when.
 */
function movedEvidence(m: IncidentMeasure, field: 'responded' | 'resolved', first: string): Evidence {
  const t = m.timesMoved!.fields.find((x) => x.field === field) ?? m.timesMoved!.fields[0]!;
  const target = field === 'responded' ? m.responseTargetHours : m.resolutionTargetHours;
  return {
    what: `first recorded as ${first}, over the ${target} h target: ${t.field} ${t.removed ? `${t.from} removed` : `moved from ${t.from} to ${t.to}`}${t.date ? '' : ' (not committed yet)'}`,
    ...(t.date ? { date: t.date } : {}),
    ...(t.commit ? { commit: t.commit } : {}),
    ...(t.author ? { actor: t.author } : {}),
  };
}

function incidentCheck(ctx: AuditContext, o: Obligation): CheckResult {
  const instances: Instance[] = [];
  // An incident's agreement is one in force on the day it opened, from history (one signed since
  // does not make an earlier incident ambiguous), as the performance report attributes it.
  const inputs = slaInputs(ctx);
  // Several obligations check incidents; the agreements and the measurements are the same for each.
  const agreements = memo(ctx.documents, `agreements\0${inputs.timezone}`, () => agreementsOf(inputs));
  // "As agreed": each incident against the targets of its agreement, in the agreement's service hours.
  const since = ctx.period.since < '1970-01-01' ? '1970-01-01' : ctx.period.since;
  const measured = (): ReadonlyMap<string, IncidentMeasure> =>
    memo(
      ctx.documents,
      `measured\0${inputs.timezone}\0${since}\0${ctx.asOf}`,
      () => new Map(measureIncidents(inputs, { since, until: ctx.asOf }).map((m) => [m.id, m])),
    );
  let opened = 0;
  for (const d of docs(ctx, 'incident')) {
    const at = parseInstant(ownString(d.data, 'opened'));
    const openedDay = at !== undefined ? localDate(at, ctx.config.timezone ?? 'UTC') : undefined;
    if (!inPeriod(ctx, openedDay)) continue;
    opened++;
    const lacks: string[] = [];
    const evidence: Evidence[] = [{ what: 'opened', date: openedDay }];
    let todo: string | undefined;
    switch (o.require) {
      case 'recorded': {
        const a = customerAgreementOf(d, agreements, (ms) => localDate(ms, ctx.config.timezone ?? 'UTC'), inputs);
        if (!ownString(d.data, 'reported_by')) lacks.push('no reporter');
        if (a.how === 'ambiguous') lacks.push(`not attributed to an agreement (${a.candidates.map((c) => c.id).join(' or ')})`);
        if (a.how === 'unknown') lacks.push(`names agreement ${a.id}, which does not exist`);
        if (a.how === 'not-in-force')
          lacks.push(
            `names agreement ${a.id}, not in force on ${a.day}, when it was opened${a.agreement ? ` (${a.agreement.id} was)` : ''}`,
          );
        // It named the agreement that held the ID then: recorded right, whoever holds the ID now.
        if (a.how === 'former')
          evidence.push({ what: `names agreement ${a.id}, ${a.party}'s when it was opened (the ID is another agreement's now)` });
        // It named an ID its agreement had before a renumbering: that agreement, under its ID now.
        const named = ownString(d.data, 'agreement');
        if (a.how === 'named' && named !== undefined && a.agreement.id !== named)
          evidence.push({ what: `names agreement ${named}, now ${a.agreement.id} (renumbered since)` });
        todo = lacks.length ? 'name the reporter and the agreement the incident is measured against' : undefined;
        break;
      }
      case 'classified': {
        // What the record shows, for the assessor: the class, the services and the items linked.
        const classification = stringValues(own(d.data, 'classification'));
        const services = stringValues(own(d.data, 'services'));
        const cis = stringValues(own(d.data, 'cis'));
        if (!classification.length) lacks.push('not classified');
        if (services.length === 0) lacks.push('no service named');
        if (cis.length === 0) lacks.push('no configuration item named');
        if (classification.length) evidence.push({ what: `classified ${classification.join(', ')}` });
        if (services.length || cis.length) evidence.push({ what: `linked to ${[...services, ...cis].join(', ')}` });
        todo = lacks.length ? 'classify it with the agreed criteria and link the services and configuration items' : undefined;
        break;
      }
      case 'responded': {
        const r = parseInstant(ownString(d.data, 'responded'));
        const m = measured().get(d.id!);
        if (r === undefined) lacks.push('no first response recorded (responded)');
        else evidence.push({ what: 'first response', date: localDate(r, ctx.config.timezone ?? 'UTC') });
        if (r !== undefined && m?.responseMet === false)
          lacks.push(
            `first response after ${m.responseHours} ${hoursOn(m.clock)}, over the ${m.responseTargetHours} h target of ${m.agreement ?? 'its agreement'}`,
          );
        // Met only by a time moved since it was first recorded: the assessor sees the first one.
        if (m?.responseMet === true && m.timesMoved?.responseMet === false)
          evidence.push(movedEvidence(m, 'responded', `answered after ${m.timesMoved.responseHours} ${hoursOn(m.clock)}`));
        todo = lacks.length ? 'answer within the agreed response time and record when (responded)' : undefined;
        break;
      }
      case 'restored': {
        const m = measured().get(d.id!);
        if (m?.resolutionMet === false)
          lacks.push(
            m.openAtEnd
              ? `still open after ${m.resolutionHours} ${hoursOn(m.clock)}, over the ${m.resolutionTargetHours} h target of ${m.agreement ?? 'its agreement'}`
              : `resolved after ${m.resolutionHours} ${hoursOn(m.clock)}, over the ${m.resolutionTargetHours} h target of ${m.agreement ?? 'its agreement'}`,
          );
        if (d.status !== 'opened') {
          if (!ownString(d.data, 'resolved') && d.status === 'closed') lacks.push('closed without a resolution time (resolved)');
          if (!sectionFilled(d, 'Restoration steps')) lacks.push('no restoration steps recorded');
        } else if (m?.resolutionMet !== false) continue;
        if (m?.resolutionHours !== undefined && !m.openAtEnd)
          evidence.push({ what: `restored in ${m.resolutionHours} ${hoursOn(m.clock)} (target ${m.resolutionTargetHours ?? '–'} h)` });
        if (m?.resolutionMet === true && m.timesMoved?.resolutionMet === false)
          evidence.push(movedEvidence(m, 'resolved', `resolved after ${m.timesMoved.resolutionHours} ${hoursOn(m.clock)}`));
        todo = lacks.length ? 'restore within the agreed time; record what was done and when' : undefined;
        break;
      }
      case 'confirmed': {
        if (d.status !== 'closed') continue;
        const confirmed = ownString(d.data, 'confirmed_by');
        const roles = rolesIndex(ctx);
        const p = confirmed ? roles.resolve(confirmed) : undefined;
        if (!confirmed) lacks.push('closed without confirmation from the affected party (confirmed_by)');
        else {
          // The affected party confirms: the person who reported it, or a contact of the customer
          // (or supplier) whose incident it is; never the person who resolved it.
          const resolver = ownString(d.data, 'resolved_by');
          const reporter = ownString(d.data, 'reported_by');
          const reported = reporter !== undefined && samePerson(roles, confirmed, reporter);
          const m = measured().get(d.id!);
          const customer = m?.agreement ? ownString(byId(ctx, 'customer-agreement', m.agreement)?.data, 'customer') : undefined;
          if (resolver && samePerson(roles, confirmed, resolver)) lacks.push(`confirmed by ${p?.name ?? confirmed}, who resolved it`);
          else if (!reported && !(p && roles.holdsAny(p, ['CUS', 'SUP'])))
            lacks.push(`confirmed by ${p?.name ?? confirmed}, who neither reported it nor speaks for a customer or supplier (CUS, SUP)`);
          else if (!reported && p?.organisation && customer && !sameParty(p.organisation, customer, partiesOf(ctx)))
            lacks.push(`confirmed by ${p.name} of ${p.organisation}, not of ${customer}, whose incident it is`);
          // With another party than the customer, a contact whose organisation is not recorded could speak for either.
          else if (!reported && p && !p.organisation && customer && partiesOf(ctx).some((x) => !sameParty(x, customer, partiesOf(ctx))))
            lacks.push(
              `confirmed by ${p.name}, whose organisation the roles document does not record, so not shown to speak for ${customer}, whose incident it is`,
            );
        }
        const closed = parseInstant(ownString(d.data, 'closed'));
        if (confirmed)
          evidence.push({
            what: `closed, confirmed by ${p?.name ?? confirmed}`,
            date: closed !== undefined ? localDate(closed, ctx.config.timezone ?? 'UTC') : undefined,
          });
        if (!sectionFilled(d, 'Solution')) lacks.push('no solution recorded');
        todo = lacks.length ? 'close incidents only with the resolution and the confirmation of the affected party' : undefined;
        break;
      }
    }
    instances.push({ record: ref(d), ok: lacks.length === 0, lacks, todo, evidence });
  }
  // Incidents opened in the period that none of the check applies to yet (none closed, say) are not "no incident".
  const none = o.require === 'confirmed' ? 'closed' : o.require === 'restored' ? 'resolved' : undefined;
  if (instances.length === 0)
    return {
      instances,
      notTriggered: opened && none ? `no incident opened in the period is ${none} yet (${opened} opened)` : 'no incident in the period',
    };
  return { instances };
}

// --- the checks ----------------------------------------------------------------------------------

export const CHECKS: Record<string, CheckDef> = {
  approved: {
    params: ['type', 'by', 'after'],
    describe: (o) => `the ${o.type} approved${o.by ? ` by ${o.by.join(' or ')}` : ''}${o.after ? `, after ${o.after.join(' and ')}` : ''}`,
    run(ctx, o, task) {
      const list = docs(ctx, o.type);
      if (list.length === 0) return noneExists(ctx, o.type, 'create', ' and have it approved');
      return {
        instances: list.map((d) => {
          const lacks: string[] = [];
          const approvals = approvalsOf(ctx, d.id).filter((a) => a.approvers.length > 0);
          const evidence = approvals.map((a) => approvalEvidence(a, task));
          if (!ctx.timeline) {
            const by = ownString(d.data, 'approved_by');
            if (isInForce(d.type, d.status) && by)
              evidence.push(
                namedEvidence(
                  ctx,
                  `${d.status} (from the document; no Git history)`,
                  by,
                  parseDate(ownString(d.data, 'approved_on')),
                  task,
                ),
              );
            else lacks.push('not approved');
          } else if (approvals.length === 0)
            lacks.push(isInForce(d.type, d.status) ? 'approved, but no commit evidences the approval' : 'never approved');
          if (o.by && approvals.length && !approvals.some((a) => a.approvers.some((p) => p.roles.some((r) => o.by!.includes(r))))) {
            lacks.push(
              `approved by ${approvals.map((a) => a.approvers.map((p) => `${p.name} (${p.roles.join('/')})`).join(', ')).join('; ')}, not by ${o.by.join(' or ')}`,
            );
          }
          const last = lastApproval(ctx, d);
          for (const input of o.after ?? []) {
            const firstInput = firstApprovalOf(ctx, input);
            if (!firstInput) lacks.push(`its input, the ${typeTitle(ctx, input)}, was never approved`);
            else if (last && last < firstInput)
              lacks.push(`approved on ${last}, before its input, the ${typeTitle(ctx, input)}, was approved on ${firstInput}`);
          }
          return {
            record: ref(d),
            ok: lacks.length === 0,
            lacks,
            todo: lacks.length ? `have ${d.id} approved${o.by ? ` by ${o.by.join(' or ')}` : ''} once its inputs are approved` : undefined,
            evidence,
          };
        }),
      };
    },
  },

  'approved-each': {
    params: ['type', 'by'],
    describe: (o) => `every ${o.type} approved by ${o.by?.join(' or ') ?? 'a deciding role'}, not by its author alone`,
    run(ctx, o, task) {
      const list = docs(ctx, o.type).filter((d) => isInForce(d.type, d.status) || approvalsOf(ctx, d.id).length);
      if (list.length === 0)
        return { instances: [{ subject: o.type, ok: false, lacks: [`no approved ${typeTitle(ctx, o.type)}`], evidence: [] }] };
      return {
        instances: list.map((d) => {
          const lacks: string[] = [];
          const approvals = approvalsOf(ctx, d.id).filter((a) => a.approvers.length > 0);
          const author = eventsOf(ctx, d.id)[0];
          if (ctx.timeline && approvals.length === 0) lacks.push('no commit evidences its approval');
          if (o.by && approvals.length && !approvals.some((a) => a.approvers.some((p) => p.roles.some((r) => o.by!.includes(r)))))
            lacks.push(`not approved by ${o.by.join(' or ')}`);
          const evidence = [
            ...(author ? [actEvidence(ctx, 'drafted', author, task)] : []),
            ...approvals.map((a) => approvalEvidence(a, task)),
          ];
          const byAuthor = (email: string | undefined): boolean => email?.toLowerCase() === author?.commit.authorEmail.toLowerCase();
          if (author && approvals.length && approvals.every((a) => a.approvers.every((p) => byAuthor(p.email)))) {
            // Duties are separated "where possible": when the author was the only one holding a
            // role that may approve, approving alone is the only way, and is recorded as such.
            const last = approvals.at(-1)!;
            // The Service Manager may approve anything (the policy's authority rule).
            const may = [...(o.by ?? []), 'SM'];
            const others = last.event.roles.people.filter(
              (p) => !byAuthor(p.email) && (!p.until || p.until >= last.date) && p.roles.some((r) => may.includes(r)),
            );
            if (others.length)
              lacks.push(
                `approved only by its author, ${author.commit.authorName}, though ${others.map((p) => p.name).join(', ')} could have approved it`,
              );
            else evidence.push({ what: `approved by its author, the only one who held ${may.join(' or ')} at the time` });
          }
          return {
            record: ref(d),
            ok: lacks.length === 0,
            lacks,
            todo: lacks.length ? 'have a second person with the role review and approve it' : undefined,
            evidence,
          };
        }),
      };
    },
  },

  drafted: {
    params: ['type', 'after'],
    describe: (o) => `the ${o.type} drafted${o.after ? ` after ${o.after.join(' and ')} were approved` : ''}`,
    run(ctx, o, task) {
      const list = docs(ctx, o.type);
      if (list.length === 0) return noneExists(ctx, o.type, 'draft');
      return {
        instances: list.map((d) => {
          const lacks: string[] = [];
          const created = eventsOf(ctx, d.id)[0];
          const evidence = created ? [actEvidence(ctx, 'drafted', created, task)] : [];
          const draftedOn = day(ctx, created?.commit.date);
          const staff = task.roles.filter((r) => STAFF_ROLES.includes(r));
          if (evidence[0]?.heldTaskRole === false && staff.length)
            lacks.push(
              `drafted by ${evidence[0].actor}, who held none of the task's roles (${staff.join(', ')})${evidence[0].actorRoles?.length ? ` but ${evidence[0].actorRoles.join(', ')}` : ''}`,
            );
          for (const input of o.after ?? []) {
            const firstInput = firstApprovalOf(ctx, input);
            // Drafted "after its inputs were approved" is no claim to make when they never were.
            if (!firstInput) lacks.push(`its input, the ${typeTitle(ctx, input)}, was never approved`);
            else if (draftedOn && draftedOn < firstInput && lastApproval(ctx, d) !== undefined && lastApproval(ctx, d)! < firstInput) {
              lacks.push(`drafted and approved before its input, the ${typeTitle(ctx, input)}, was approved (${firstInput})`);
            }
          }
          return {
            record: ref(d),
            ok: lacks.length === 0,
            lacks,
            todo: lacks.length ? `have its inputs (${(o.after ?? []).join(', ')}) approved, then revise it` : undefined,
            evidence,
          };
        }),
      };
    },
  },

  revised: {
    params: ['type'],
    describe: (o) => `each ${o.type} in force reviewed within its review interval (reviewed_on counts)`,
    run(ctx, o, task) {
      const t = o.type ? ctx.config.typeByKey.get(o.type) : undefined;
      const months = t?.review_months || 12;
      const list = docs(ctx, o.type).filter((d) => isInForce(d.type, d.status));
      if (list.length === 0)
        return { instances: [{ subject: o.type, ok: false, lacks: [`no ${typeTitle(ctx, o.type)} in force`], evidence: [] }] };
      return {
        instances: list.map((d) => {
          const claimed = reviewedOn(ctx, d);
          const reviewed = claimed.date;
          const approved = lastApproval(ctx, d) ?? parseDate(ownString(d.data, 'approved_on'));
          const last = [reviewed, approved]
            .filter((x): x is string => x !== undefined)
            .sort()
            .pop();
          const lacks: string[] = [];
          const evidence: Evidence[] = [];
          if (reviewed) evidence.push(whoSet(ctx, d, 'reviewed_on', 'reviewed', task) ?? { what: 'reviewed', date: reviewed });
          if (approved) evidence.push({ what: 'approved', date: approved });
          if (claimed.lack) lacks.push(claimed.lack);
          if (!last) lacks.push('never reviewed or approved');
          else if (addMonths(last, months) < ctx.asOf)
            lacks.push(`last reviewed ${last}: due by ${addMonths(last, months)} (every ${months} months)`);
          return {
            record: ref(d),
            ok: lacks.length === 0,
            lacks,
            todo: lacks.length ? 'review it (or update it through its lifecycle) and set reviewed_on' : undefined,
            evidence,
          };
        }),
      };
    },
  },

  annual: {
    params: ['type'],
    describe: (o) => `${aType(o.type ?? 'record')} approved at least every 12 months`,
    run(ctx, o, task) {
      const approved = docs(ctx, o.type)
        .map((d) => ({ d, date: lastApproval(ctx, d) ?? (ctx.timeline ? undefined : parseDate(ownString(d.data, 'approved_on'))) }))
        .filter((x): x is { d: SmsDocument; date: string } => x.date !== undefined)
        .sort((a, b) => (a.date < b.date ? -1 : 1));
      const start = day(ctx, ctx.timeline?.events[0]?.commit.date) ?? ctx.period.since;
      const from = start > ctx.period.since ? start : ctx.period.since;
      const instances: Instance[] = [];
      // The year runs from the SMS's first commit, or the last approval before the period, not
      // from the period's first day: an audit of one month must still find a report a year overdue.
      let prev = start < from ? start : from;
      for (const a of approved) {
        if (a.date < from) {
          prev = a.date;
          continue;
        }
        const gap = daysBetween(prev, a.date);
        instances.push({
          record: ref(a.d),
          ok: gap <= 396,
          lacks: gap > 396 ? [`${gap} days since the previous one (${prev})`] : [],
          evidence: approvalsOf(ctx, a.d.id)
            .filter((x) => x.approvers.length)
            .map((x) => approvalEvidence(x, task)),
        });
        prev = a.date;
      }
      const since = daysBetween(prev, ctx.asOf);
      if (since > 396)
        instances.push({
          subject: `since ${prev}`,
          ok: false,
          lacks: [`no ${typeTitle(ctx, o.type)} approved for ${since} days`],
          todo: `prepare the ${typeTitle(ctx, o.type)} and have it approved`,
          evidence: [],
        });
      if (instances.length === 0)
        return {
          instances,
          notTriggered: `none was due by ${ctx.asOf}: ${prev === start ? `the SMS began on ${start}` : `the last was approved on ${prev}`}, less than a year before`,
        };
      return { instances };
    },
  },

  exists: {
    params: ['type'],
    describe: (o) => `${aType(o.type ?? 'record')} exists`,
    run(ctx, o, task) {
      const list = docs(ctx, o.type);
      if (list.length === 0) return noneExists(ctx, o.type, 'create');
      return {
        instances: list.map((d) => ({
          record: ref(d),
          ok: true,
          lacks: [],
          evidence: eventsOf(ctx, d.id)
            .slice(0, 1)
            .map((e) => actEvidence(ctx, 'created', e, task)),
        })),
      };
    },
  },

  'edits-by': {
    params: ['type', 'by'],
    describe: (o) => `every change to the ${o.type} made by ${o.by?.join(' or ') ?? 'a deciding role'} (or the SM)`,
    run(ctx, o) {
      const list = docs(ctx, o.type);
      if (list.length === 0) return noneExists(ctx, o.type, 'create');
      // The Service Manager may do anything the policy gives a role (its authority rule).
      const may = [...(o.by ?? []), 'SM'];
      return {
        instances: list.map((d) => {
          // Every commit that changed it, the first included: a document kept by one role is changed
          // by that role, whatever its status says (an entry, an event, an exemption added quietly).
          const edits = eventsOf(ctx, d.id).filter((e) => e.after && (!e.before || e.before.contentHash !== e.after.contentHash));
          const by = edits.map((e) => ({ e, ...rolesAt(e, `${e.commit.authorName} <${e.commit.authorEmail}>`) }));
          const others = by.filter((x) => x.e.roles.people.length > 0 && !actingRoles(x.roles).some((r) => may.includes(r)));
          const lacks = others
            .slice(0, 5)
            .map(
              (x) =>
                `changed on ${day(ctx, x.e.commit.date)} by ${x.e.commit.authorName}, who held ${x.roles.length ? x.roles.join(', ') : 'no role'}, not ${may.join(' or ')}`,
            );
          if (others.length > 5) lacks.push(`and ${others.length - 5} more changes by others`);
          return {
            record: ref(d),
            ok: lacks.length === 0,
            lacks,
            todo: lacks.length
              ? `have the ${o.by?.join(' or ')} make the changes to ${d.id}, or review and take them over in a commit of their own`
              : undefined,
            evidence: [
              {
                what: `${edits.length} change${edits.length === 1 ? '' : 's'} in history, ${edits.length - others.length} by ${may.join(' or ')}`,
              },
            ],
          };
        }),
      };
    },
  },

  'cis-identified': {
    params: [],
    describe: () => 'each service in force has its components recorded as configuration items',
    run(ctx) {
      const cis = docs(ctx, 'configuration-item');
      const services = docs(ctx, 'service').filter((d) => isInForce(d.type, d.status));
      // With no service in force, no component is identified for one: nothing here is evidence.
      if (services.length === 0)
        return {
          instances: [
            {
              subject: 'service',
              ok: false,
              lacks: ['no service in force, so no components are identified for one'],
              todo: 'approve the services of the catalogue, then record their components (sms new configuration-item)',
              evidence: [],
            },
          ],
        };
      return {
        instances: services.map((s) => {
          const mine = cis.filter((c) => stringValues(own(c.data, 'services')).includes(s.id!));
          return {
            record: ref(s),
            ok: mine.length > 0,
            lacks: mine.length ? [] : ['no configuration item records its components'],
            todo: mine.length ? undefined : `record its components (sms new configuration-item --set services=[${s.id}])`,
            evidence: mine.map((c) => ({ what: `${c.id} ${c.title ?? ''}`.trim() })),
          };
        }),
      };
    },
  },

  'changes-decided': {
    params: [],
    describe: () => 'each change request decided in the period (approved or rejected) by someone with the deciding role',
    run(ctx, _o, task) {
      const instances: Instance[] = [];
      for (const d of docs(ctx, 'change-request')) {
        for (const e of eventsOf(ctx, d.id)) {
          const t = typeOf(ctx, e);
          const to = e.after?.status;
          if (
            !t ||
            !to ||
            e.merged ||
            e.before?.status === to ||
            !(to === 'approved' || to === 'rejected') ||
            !needsAuthority(t, to) ||
            !inPeriod(ctx, day(ctx, e.commit.date))
          )
            continue;
          const a = assessEvent(e, t, ctx.config.history);
          const lacks = a.people.length
            ? []
            : [`${to} in ${e.commit.sha.slice(0, 7)} by ${e.commit.authorName}, who did not hold ${a.allowed.join(' or ')}`];
          instances.push({
            record: ref(d),
            ok: lacks.length === 0,
            lacks,
            evidence: [
              {
                what: to,
                date: day(ctx, e.commit.date),
                commit: e.commit.sha,
                actor: a.people.map((p) => p.name).join(', ') || e.commit.authorName,
                actorRoles: [...new Set(a.people.flatMap((p) => p.roles))],
                heldTaskRole: a.people.some((p) => actingRoles(p.roles).some((r) => task.roles.includes(r as RoleCode))),
                attribution: [...new Set(a.people.map((p) => a.how.get(p)!))].join(', ') || 'none',
              },
            ],
          });
        }
      }
      if (instances.length === 0) return { instances, notTriggered: 'no change request was decided in the period' };
      return { instances };
    },
  },

  'pre-approved-models': {
    params: [],
    describe: () =>
      'each change approved in the period as pre-approved follows a model the change procedure lists, proven by a normal change that went the whole way before the model was agreed (CO.2.1 NOTE 3)',
    run(ctx) {
      const instances: Instance[] = [];
      const models = memo(ctx.documents, 'exemption-models', () => exemptionModels(ctx.config.types, ctx.documents));
      // With history, each approval is judged against the models agreed before it, as validate judges it.
      const modelsAt = ctx.timeline
        ? modelsAtEvents({ config: ctx.config, documents: ctx.documents, models }, ctx.timeline.events, ctx.timeline.graph)
        : () => models;
      for (const t of ctx.config.types) {
        if (!t.exemption_model) continue;
        for (const d of docs(ctx, t.key)) {
          if (!claimsExemption(t, d.data!)) continue;
          // The day it was approved: the commit that approved it, or (without history) approved_on.
          const e = eventsOf(ctx, d.id).find((x) => !x.merged && isApproval(t, x.before, x.after) && x.before?.status !== x.after?.status);
          const approvedOn = ctx.timeline ? (e ? decisionDay(e) : undefined) : parseDate(ownString(d.data, 'approved_on'));
          if (approvedOn === undefined || !inPeriod(ctx, approvedOn)) continue;
          // The policy's account of the gap, in the audit's words.
          const gap = exemptionGap(t, d.data!, e ? modelsAt(e) : models, approvedOn);
          const lacks = !gap
            ? []
            : gap.kind === 'no-model'
              ? ['names no pre-approved model']
              : gap.kind === 'not-listed'
                ? [
                    `model ${gap.model} was not listed in the change procedure${e ? ', as approved by the business, before this approval' : ''}`,
                  ]
                : gap.kind === 'unproven'
                  ? [`model ${gap.model} does not count: ${gap.why}`]
                  : [`approved on ${approvedOn}, before model ${gap.model} was agreed (since ${gap.since})`];
          const modelId = ownString(d.data, t.exemption_model.field);
          instances.push({
            record: ref(d),
            ok: lacks.length === 0,
            lacks,
            ...(lacks.length
              ? {
                  todo: 'list its model in the change procedure (pre_approved_models) once a normal change has proven it, or handle it as a normal change',
                }
              : {}),
            evidence: [{ what: modelId ? `pre-approved under model ${modelId}` : 'pre-approved', date: approvedOn, commit: e?.commit.sha }],
          });
        }
      }
      if (instances.length === 0) return { instances, notTriggered: 'no pre-approved change was approved in the period' };
      return { instances };
    },
  },

  change: {
    params: ['require', 'where'],
    requires: ['scheduled', 'schedule-window', 'design', 'build', 'tested', 'tested-before-deployment', 'deployed', 'reviewed'],
    describe: (o) =>
      ({
        scheduled: 'each deployed change entered in the change schedule before its deployment',
        'schedule-window': 'each deployed change scheduled with its planned date and window',
        design: 'each deployed change designed first (a service design approved, as a commit evidences, by its deployment)',
        build: 'each deployed change built by a practitioner (a build record)',
        tested: 'each deployed change tested (its latest published test report passed, not run by its builder)',
        'tested-before-deployment': 'each deployment approved (moved to updated) by its deployment day, after a passed test report',
        deployed: 'each deployment recorded: date, and the configuration items it changed',
        reviewed: 'each deployment reviewed afterwards (post-implementation review)',
      })[o.require ?? ''] ??
      o.require ??
      '',
    run: changeCheck,
  },

  'agreements-approved': {
    params: [],
    describe: () => 'each agreement in force approved by the provider and countersigned by the other party',
    run(ctx, _o, task) {
      const list = [...docs(ctx, 'customer-agreement'), ...docs(ctx, 'supplier-agreement')].filter((d) => isInForce(d.type, d.status));
      if (list.length === 0) return { instances: [{ subject: 'agreements', ok: false, lacks: ['no agreement in force'], evidence: [] }] };
      return {
        instances: list.map((d) => {
          const lacks: string[] = [];
          const approvals = approvalsOf(ctx, d.id).filter((a) => a.approvers.length);
          if (ctx.timeline && approvals.length === 0) lacks.push("no commit evidences the provider's approval");
          const cs = d.type?.countersign;
          const who = cs ? ownString(d.data, cs.field) : undefined;
          const side = d.type!.key === 'customer-agreement' ? 'customer' : 'supplier';
          if (cs && !who) lacks.push(`no signatory of the ${side} recorded (${cs.field})`);
          // The other party's signatory speaks for that party, on a day that has come.
          const party = ownString(d.data, side);
          const signer = who ? rolesIndex(ctx).resolve(who) : undefined;
          if (signer?.organisation && party && !sameParty(signer.organisation, party, partiesOf(ctx)))
            lacks.push(`signed for ${party} by ${signer.name}, of ${signer.organisation}`);
          const signed = cs ? parseDate(ownString(d.data, cs.date)) : undefined;
          if (signed && signed > ctx.asOf) lacks.push(`countersigned on ${signed}, after the day audited (${ctx.asOf})`);
          const evidence = approvals.map((a) => approvalEvidence(a, task));
          if (cs && who)
            evidence.push({
              what: `countersigned${ownString(d.data, cs.ref) ? ` (${ownString(d.data, cs.ref)})` : ''}`,
              date: parseDate(ownString(d.data, cs.date)),
              actor: who,
            });
          return {
            record: ref(d),
            ok: lacks.length === 0,
            lacks,
            todo: lacks.length
              ? "record both signatures: the provider's approval (sms set-status) and the other party's signatory"
              : undefined,
            evidence,
          };
        }),
      };
    },
  },

  'feedback-handled': {
    params: ['after'],
    describe: (o) =>
      `each feedback received in the period handled and, for complaints, closed${o.after ? `, by an approved ${o.after.join(' and ')}` : ''}`,
    run(ctx, o) {
      const instances: Instance[] = [];
      // The procedure feedback is handled by (the customer experience approach) is an input of the
      // task: handled without one ever approved, it was handled by no agreed procedure.
      const unapproved = (o.after ?? []).filter((input) => {
        const first = firstApprovalOf(ctx, input);
        return first === undefined || first > ctx.asOf;
      });
      for (const d of docs(ctx, 'feedback')) {
        const received = parseInstant(ownString(d.data, 'received'));
        const receivedDay = received !== undefined ? localDate(received, ctx.config.timezone ?? 'UTC') : undefined;
        if (!inPeriod(ctx, receivedDay)) continue;
        const handling = ownString(d.data, 'handling') ?? 'received';
        const kind = ownString(d.data, 'kind') ?? 'comment';
        const lacks: string[] = [];
        const age = receivedDay ? daysBetween(receivedDay, ctx.asOf) : 0;
        if (kind === 'complaint' && handling !== 'closed') lacks.push(`a complaint still ${handling} after ${age} days`);
        else if (kind === 'complaint') {
          // Closed is a claim: the log records when, and what was found and answered (WP.04's log).
          if (parseInstant(ownString(d.data, 'closed')) === undefined)
            lacks.push('a complaint marked closed with no closing time (closed)');
          if (!sectionFilled(d, 'Investigation and response'))
            lacks.push('a complaint marked closed with no investigation and response recorded');
        } else if (!['responded', 'closed'].includes(handling) && age > 30) lacks.push(`still ${handling} after ${age} days`);
        for (const input of unapproved) lacks.push(`handled while the ${typeTitle(ctx, input)} it follows was never approved`);
        instances.push({
          record: ref(d),
          ok: lacks.length === 0,
          lacks,
          todo: lacks.length ? 'answer it, record the outcome and close it' : undefined,
          evidence: [{ what: `${kind} received`, date: receivedDay }, { what: `handling: ${handling}` }],
        });
      }
      if (instances.length === 0) return { instances, notTriggered: 'no feedback received in the period' };
      return { instances };
    },
  },

  'reporting-cadence': {
    params: [],
    describe: () =>
      'a performance report for each agreement at the cadence it promised (one per period), approved within a month of each period',
    run(ctx, _o, task) {
      const instances: Instance[] = [];
      const reports = docs(ctx, 'performance-report').filter((r) => isInForce(r.type, r.status));
      // An agreement retired (or deleted) since still owed the reports of the periods that ended
      // before it was taken out of force: retiring it does not take back what it promised then.
      const agreements = [...docs(ctx, 'customer-agreement'), ...docs(ctx, 'supplier-agreement')];
      for (const a of [...agreements, ...deletedDocuments(ctx, AGREEMENT_TYPES)]) {
        const ended = isInForce(a.type, a.status) ? undefined : (endedOn(ctx, a) ?? '');
        const start = parseDate(ownString(a.data, 'start')) ?? ctx.period.since;
        const from = start > ctx.period.since ? start : ctx.period.since;
        const promised = cadenceIn(ctx, a);
        const agreed = firstApproval(ctx, a);
        for (const [promise, months] of [
          ['monthly', 1],
          ['quarterly', 3],
          ['yearly', 12],
        ] as const) {
          // Periods of this cadence whose report was due by the as-of date (a month after the
          // period's end), inside the audited period and the agreement's life, that began while the
          // agreement promised this cadence.
          for (
            let p = alignedStart(from, months);
            addMonths(addDays(addMonths(p, months), -1), 1) <= ctx.asOf && p <= ctx.period.until;
            p = addMonths(p, months)
          ) {
            const end = addDays(addMonths(p, months), -1);
            if (end < start || promised(p < start ? start : p) !== promise || (ended !== undefined && end >= ended)) continue;
            // A report of this period at this cadence: one covering several periods does not
            // stand in for each of them.
            const covering = reports.filter((x) => {
              const since = parseDate(ownString(x.data, 'period_start'));
              const until = parseDate(ownString(x.data, 'period_end'));
              return (
                stringValues(own(x.data, 'agreements')).includes(a.id!) &&
                since !== undefined &&
                until !== undefined &&
                // The first period owed starts on the agreement's start.
                since <= (p < start ? start : p) &&
                until >= end &&
                until < addMonths(since, months)
              );
            });
            // Due within a month of the period's end, or of the agreement's first approval when
            // the agreement was recorded later (a report cannot precede what it reports on).
            const due = [monthAfter(end), agreed ? monthAfter(agreed) : ''].sort().pop()!;
            const timely = (x: SmsDocument): string | undefined => {
              const approved = firstApproval(ctx, x);
              if (!approved) return `${x.id}: no commit evidences its approval`;
              if (approved < end) return `${x.id} approved on ${approved}, before the period it reports on ended (${end})`;
              if (approved > due) return `${x.id} approved on ${approved}, more than a month after the period ended on ${end}`;
              return undefined;
            };
            const judged = covering.map((x) => ({ x, late: timely(x) }));
            const { x: r, late } = judged.find((j) => j.late === undefined) ?? judged[0] ?? { x: undefined, late: undefined };
            const lacks = !r ? [`no approved performance report for ${p} – ${end} (${promise} promised)`] : late ? [late] : [];
            instances.push({
              record: ref(a),
              subject: `${p} – ${end}`,
              ok: lacks.length === 0,
              lacks,
              todo: !lacks.length
                ? undefined
                : `sms report performance --agreement ${a.id} --period ${months === 1 ? p.slice(0, 7) : months === 3 ? quarterLabel(p) : p.slice(0, 4)}, then record and approve it${r ? ' within a month of the period' : ''}`,
              evidence: r
                ? approvalsOf(ctx, r.id)
                    .filter((x) => x.approvers.length)
                    .map((x) => ({ ...approvalEvidence(x, task), what: `${r.id} approved` }))
                : [],
            });
          }
        }
      }
      instances.sort((x, y) => (x.record!.id === y.record!.id ? (x.subject! < y.subject! ? -1 : 1) : x.record!.id < y.record!.id ? -1 : 1));
      if (instances.length === 0) {
        const promise = [...agreements, ...deletedDocuments(ctx, AGREEMENT_TYPES)].some(
          (a) => ownString(a.data, 'reporting') !== undefined,
        );
        return {
          instances,
          notTriggered: promise
            ? 'no reporting period an agreement promised (reporting:) ended while it was in force, in time to be judged by the as-of date'
            : 'no agreement in force promises reports (reporting:)',
        };
      }
      return { instances };
    },
  },

  'agreements-revised': {
    params: [],
    describe: () => 'agreements modified (re-approved or reviewed) after feedback that asked for it',
    run(ctx) {
      const instances: Instance[] = [];
      let feedback = 0;
      for (const f of docs(ctx, 'feedback')) {
        const received = parseInstant(ownString(f.data, 'received'));
        const receivedDay = received !== undefined ? localDate(received, ctx.config.timezone ?? 'UTC') : undefined;
        if (!inPeriod(ctx, receivedDay)) continue;
        feedback++;
        const targets = stringValues(own(f.data, 'related')).filter((id) => ctx.byId.get(id)?.type?.agreement);
        for (const id of targets) {
          const a = ctx.byId.get(id)!;
          const revised = [lastApproval(ctx, a), reviewedOn(ctx, a).date]
            .filter((x): x is string => x !== undefined)
            .sort()
            .pop();
          const ok = Boolean(revised && receivedDay && revised >= receivedDay);
          instances.push({
            record: ref(a),
            subject: `after ${f.id}`,
            ok,
            lacks: ok ? [] : [`${f.id} (${receivedDay}) asked about ${id}, which has not been revised or reviewed since`],
            todo: ok ? undefined : `review ${id} with the other party (RE.2.5: redraft and re-approve it, or record why not)`,
            evidence: revised ? [{ what: 'revised or reviewed', date: revised }] : [],
          });
        }
      }
      // A request to change an agreement is known only by the link the entry records: the entries
      // themselves are prose, so what is not linked is not claimed as "nothing asked".
      if (instances.length === 0)
        return {
          instances,
          notTriggered:
            feedback === 0
              ? 'no feedback was received in the period'
              : `none of the ${counted(feedback, 'feedback entry', 'feedback entries')} received in the period names an agreement it asks to change (related: [SLA-…])`,
        };
      return { instances };
    },
  },

  'agreements-reviewed': {
    params: [],
    describe: () => 'each agreement in force reviewed by its review date (review), reviewed_on recording when',
    run(ctx, _o, task) {
      const list = [...docs(ctx, 'customer-agreement'), ...docs(ctx, 'supplier-agreement')].filter((d) => isInForce(d.type, d.status));
      if (list.length === 0) return { instances: [], notTriggered: 'no agreement in force' };
      return {
        instances: list.map((d) => {
          const due = parseDate(ownString(d.data, 'review'));
          const claimed = reviewedOn(ctx, d);
          const reviewed = claimed.date;
          const lacks: string[] = [];
          if (claimed.lack) lacks.push(claimed.lack);
          const evidence: Evidence[] = [];
          if (reviewed) evidence.push(whoSet(ctx, d, 'reviewed_on', 'reviewed', task) ?? { what: 'reviewed', date: reviewed });
          if (due) evidence.push({ what: 'review due', date: due });
          if (!due) lacks.push('no review date (review)');
          // A review a month before the due date counts (it is usually held ahead); the next due
          // date then moves on, so an overdue one is a review date passed with no review since.
          else if (due < ctx.asOf && !(reviewed && reviewed >= addMonths(due, -1)))
            lacks.push(`review was due on ${due}${reviewed ? `; last reviewed ${reviewed}` : ''}`);
          return {
            record: ref(d),
            ok: lacks.length === 0,
            lacks,
            todo: lacks.length ? 'review the agreement with the other party, set reviewed_on and the next review date' : undefined,
            evidence,
          };
        }),
      };
    },
  },

  trained: {
    params: [],
    describe: () => 'every person holding a role has a completed training record',
    run(ctx) {
      return trainingCheck(ctx, false);
    },
  },

  competent: {
    params: [],
    describe: () => 'every person holding a role is kept competent: training valid on the audit date',
    run(ctx) {
      return trainingCheck(ctx, true);
    },
  },

  'major-incidents-analysed': {
    params: [],
    describe: () => 'each major (P1) incident has its cause and a problem record or a change request for the mitigation',
    run(ctx) {
      const instances: Instance[] = [];
      for (const d of docs(ctx, 'incident')) {
        const major = own(d.data, 'major') === true || ownString(d.data, 'priority') === 'P1';
        const opened = parseInstant(ownString(d.data, 'opened'));
        if (!major || opened === undefined || !inPeriod(ctx, localDate(opened, ctx.config.timezone ?? 'UTC'))) continue;
        const lacks: string[] = [];
        const problem = ownString(d.data, 'problem') ?? linked(ctx, 'problem', 'incidents', d.id!)[0]?.id;
        const changes = stringValues(own(d.data, 'change_requests'));
        if (!ownString(d.data, 'cause')) lacks.push('no cause recorded');
        if (!problem && changes.length === 0) lacks.push('no problem record and no change request for the mitigation');
        instances.push({
          record: ref(d),
          ok: lacks.length === 0,
          lacks,
          todo: lacks.length
            ? 'find the root cause (a problem record: sms new problem) and deliver the mitigation through a change request'
            : undefined,
          evidence: [...(problem ? [{ what: `problem ${problem}` }] : []), ...changes.map((c) => ({ what: `change ${c}` }))],
        });
      }
      if (instances.length === 0) return { instances, notTriggered: 'no major incident in the period' };
      return { instances };
    },
  },

  incident: {
    params: ['require'],
    requires: ['recorded', 'classified', 'responded', 'restored', 'confirmed'],
    describe: (o) =>
      ({
        recorded: 'each incident recorded with its reporter and the agreement it is measured against',
        classified: 'each incident classified and linked to its services and configuration items',
        responded: 'each incident answered within the agreed response time, the first response recorded',
        restored: 'each incident restored within the agreed time, with its restoration steps',
        confirmed: 'each closed incident closed with the solution and the confirmation of the affected party',
      })[o.require ?? ''] ??
      o.require ??
      '',
    run: incidentCheck,
  },
};

const STAFF_ROLES = ['SM', 'CM', 'IM', 'RM', 'MGT', 'PT'];

function trainingCheck(ctx: AuditContext, currentOnly: boolean): CheckResult {
  const roles = rolesIndex(ctx);
  const training = docs(ctx, 'training-record').filter((d) => d.status === 'completed');
  const people = roles.people.filter((p) => (!p.until || p.until >= ctx.asOf) && p.roles.some((r) => STAFF_ROLES.includes(r)));
  if (people.length === 0) return { instances: [{ subject: 'roles', ok: false, lacks: ['no one holds a role'], evidence: [] }] };
  return {
    instances: people.map((p) => {
      const mine = training.filter((t) => roles.resolve(ownString(t.data, 'person') ?? '') === p);
      const valid = mine.filter((t) => {
        const until = parseDate(ownString(t.data, 'valid_until'));
        const done = parseDate(ownString(t.data, 'completed_on'));
        return until ? until >= ctx.asOf : done !== undefined && addMonths(done, 24) >= ctx.asOf;
      });
      const set = currentOnly ? valid : mine;
      const lacks = set.length
        ? []
        : [
            mine.length && currentOnly
              ? `training out of date (last: ${mine
                  .map((t) => ownString(t.data, 'completed_on') ?? '?')
                  .sort()
                  .pop()})`
              : `no training record for ${p.name} (${p.roles.join(', ')})`,
          ];
      return {
        subject: `${p.name} (${p.roles.join(', ')})`,
        ok: lacks.length === 0,
        lacks,
        todo: lacks.length
          ? `train ${p.name} for their role and record it (sms new training-record --set person=${p.email ?? p.name})`
          : undefined,
        evidence: set.map((t) => ({
          what: `${t.id} ${ownString(t.data, 'topic') ?? t.title ?? ''}`.trim(),
          date: parseDate(ownString(t.data, 'completed_on')),
        })),
      };
    }),
  };
}
