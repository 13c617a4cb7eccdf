import type { HistoryCommit } from '../git/history.js';
import { assessApproval, isApproval, type ApprovalAssessment, type PolicySettings } from '../model/policy.js';
import { RolesIndex } from '../model/roles.js';
import type { WorkType } from '../model/types.js';
import type { DocState } from './extract.js';
import { localDate } from '../calendar.js';
import { LAST_DAY, parseDate, parseInstant } from '../dates.js';

/** One change to one document in one commit. Documents are followed by `id`, not by path. */
export interface DocEvent {
  id: string;
  commit: HistoryCommit;
  path: string;
  /** Set when the document was moved or renamed in this commit. */
  oldPath?: string;
  before?: DocState;
  /** Undefined when the document was deleted. */
  after?: DocState;
  /** Author of the commit that first created the document, when it is in the scanned range. */
  createdBy?: { name: string; email: string };
  /**
   * The roles in force before this commit: the last approved version of the roles document. No one
   * can grant themselves a role and use it in the same commit, and a roles document set back to
   * draft grants nothing new until it is approved again.
   */
  roles: RolesIndex;
  /**
   * The day (YYYY-MM-DD) of the commit that put those roles in force. This commit came after that
   * one, so nothing decided in it is earlier, whatever date its author gave it.
   */
  rolesSince?: string;
  /**
   * Set where no roles are in force before this commit and history holds more than one bootstrap
   * (an approval of the roles document, by a person it names itself, on a line with no roles in
   * force): none of them counts, since none can be proven first (see assignRoles).
   */
  bootstrapSpent?: true;
  /** True when a document was deleted earlier and this commit adds it again. */
  readded?: boolean;
  /** A merge that only put its sides' changes together (a clean three-way merge): it decided nothing. */
  merged?: true;
  /** With `merged`: the document as the merge's other side (second parent) had it. */
  theirs?: DocState;
}

/**
 * The day a commit counts from as a decision, in the organisation's time zone (see HistoryCommit.day),
 * as set-status dates what it records and the reports count days. The offset an author gives their
 * date (+14:00, or one git accepts and no clock has) does not move it.
 */
export function commitDay(c: Pick<HistoryCommit, 'date' | 'day'>): string {
  return c.day ?? parseDate(c.date.slice(0, 10)) ?? LAST_DAY;
}

/**
 * The day of a commit whose date names no instant sms can read (a year past 9999, which git takes,
 * or a date written by hand that git prints as it is): the last day there is. A day is compared as
 * text, and "10000-01-01" would sort before every real one, so that a person's role would not yet
 * have ended on it; taken last, no role has ended too early, and the reports count nothing of the
 * commit in any period. Rule commit-date reports such a commit.
 */
export { LAST_DAY };

/**
 * The instant of a date as git prints it, whatever its offset: git keeps the instant and shows it in
 * the offset it was given, so +99:59 (which git accepts) still names one.
 */
export function gitInstant(date: string | undefined): number | undefined {
  return date === undefined ? undefined : commitDate(date).ms;
}

/** Whether a date as git prints it is in an offset clocks use (-12:00 to +14:00), as documents must be. */
export function inClockOffset(date: string): boolean {
  return commitDate(date).usual;
}

/**
 * Commit dates read, by their text: each is asked for by the history reader, the merges' stamps,
 * the rules and the reports, for every commit. Commit dates are short strings of their own (not
 * slices of a larger text), so keeping them holds nothing else; cleared when full.
 */
const commitDates = new Map<string, { ms: number | undefined; usual: boolean }>();
const COMMIT_DATES_KEPT = 1_000_000;

function commitDate(date: string): { ms: number | undefined; usual: boolean } {
  let known = commitDates.get(date);
  if (known) return known;
  const ms = parseInstant(date);
  if (ms !== undefined) known = { ms, usual: true };
  else {
    const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)([+-])(\d\d):?(\d\d)$/.exec(date);
    const local = m ? Date.parse(`${m[1]}Z`) : NaN;
    known = {
      ms: !m || Number.isNaN(local) ? undefined : local - (m[2] === '-' ? -1 : 1) * (Number(m[3]) * 60 + Number(m[4])) * 60_000,
      usual: false,
    };
  }
  if (commitDates.size >= COMMIT_DATES_KEPT) commitDates.clear();
  commitDates.set(date, known);
  return known;
}

/**
 * Sets the day each commit counts from as a decision (HistoryCommit.day): its author date's, in the
 * organisation's time zone (UTC without one); the later of its author and committer dates where the
 * author committed it too. The author's date names the day of their decision and stays when someone
 * else rebases or merges it, but `git commit --date` moves only the author date: a person committing
 * their own approval made it no earlier than the commit, whatever day they wrote on it.
 */
export function stampDays(commits: readonly HistoryCommit[], timezone: string | undefined): void {
  for (const c of commits) stampDay(c, timezone);
}

/** stampDays for one commit: the history reader stamps each as git lists it, while git reads on. */
export function stampDay(c: HistoryCommit, timezone: string | undefined): void {
  const authored = gitInstant(c.date);
  const own = c.authorEmail.toLowerCase() === c.committerEmail.toLowerCase();
  const committed = own ? gitInstant(c.committerDate) : undefined;
  const at = authored === undefined || (committed !== undefined && committed > authored) ? committed : authored;
  // localDate gives LAST_DAY itself past the year 9999.
  c.day = at === undefined ? LAST_DAY : localDate(at, timezone ?? 'UTC');
}

/**
 * The main line of the commits read (oldest first in `commits`): the first parents of the newest,
 * oldest first.
 */
export function mainLine(commits: readonly HistoryCommit[]): HistoryCommit[] {
  const bySha = new Map(commits.map((c) => [c.sha, c]));
  const line: HistoryCommit[] = [];
  const seen = new Set<string>();
  for (let c = commits.at(-1); c && !seen.has(c.sha); c = bySha.get(c.parents[0] ?? '')) {
    line.push(c);
    seen.add(c.sha);
  }
  return line.reverse();
}

/**
 * Sets, on each commit that reached the main line through a merge, the main-line commit that
 * brought it there (HistoryCommit.mergedBy). The main line is the first parents of the newest
 * commit, as `git log --first-parent` walks it; commits come oldest first, parents before children,
 * as the history reader reads them. A commit made on a branch and dated back was not on the main
 * line until it was merged, so what it changed does not stand for the days before.
 *
 * Sets on every commit the instant it stands at on the main line (HistoryCommit.standsAt): the
 * latest date of the main-line commits up to the one that brought it there. A commit dated back on
 * top of later work does not take what it changed back in time, as `commitAsOf` reads the
 * repository at an instant.
 */
export function stampMerges(commits: readonly HistoryCommit[]): void {
  const bySha = new Map(commits.map((c) => [c.sha, c]));
  const line = mainLine(commits);
  const seen = new Set(line.map((c) => c.sha));
  let standing = -Infinity;
  // Oldest first: each merge takes the commits it brought that no earlier main-line commit had.
  for (const m of line) {
    for (const v of [m.date, m.committerDate]) standing = Math.max(standing, gitInstant(v) ?? standing);
    if (Number.isFinite(standing)) m.standsAt = new Date(standing).toISOString();
    const by = { sha: m.sha, date: m.date, ...(m.committerDate !== undefined ? { committerDate: m.committerDate } : {}) };
    const todo = m.parents.slice(1);
    while (todo.length) {
      const c = bySha.get(todo.pop()!);
      if (!c || seen.has(c.sha)) continue;
      seen.add(c.sha);
      c.mergedBy = by;
      if (m.standsAt !== undefined) c.standsAt = m.standsAt;
      todo.push(...c.parents);
    }
  }
}

/**
 * Sets on each commit the day of the latest committer date among the commits under it
 * (HistoryCommit.notBefore), in the organisation's time zone: a commit cannot be made before the
 * commits it is made on top of. `outside` gives, for parents that were not read (the base of a pull
 * request), the latest committer date among them and the commits under them. Commits come parents
 * first.
 */
export function stampNotBefore(
  commits: readonly HistoryCommit[],
  timezone: string | undefined,
  outside: ReadonlyMap<string, number> = new Map(),
): void {
  const latest = new Map<string, number>(outside);
  for (const c of commits) {
    let bound = -Infinity;
    for (const p of c.parents) bound = Math.max(bound, latest.get(p) ?? -Infinity);
    // Only where it is later than the commit's own date: else it changes no day (and most commits come after their parents).
    if (Number.isFinite(bound) && !(bound <= (gitInstant(c.date) ?? -Infinity))) c.notBefore = localDate(bound, timezone ?? 'UTC');
    else delete c.notBefore;
    latest.set(c.sha, Math.max(bound, gitInstant(c.committerDate ?? c.date) ?? -Infinity));
  }
}

/**
 * The day a decision in this event counts as taken: the commit's own (author) date, but never
 * before the commit that put the roles in force, nor before a commit it was made on top of. An
 * author chooses the dates of their commit; a person whose leaving was recorded (`until`) cannot
 * date an approval back to before it and still have it judged against the roles document that
 * records it, nor to before the commits the approval was made on top of.
 */
export function decisionDay(e: Pick<DocEvent, 'commit' | 'rolesSince'>): string {
  return [commitDay(e.commit), e.rolesSince, e.commit.notBefore].reduce<string>((a, b) => (b !== undefined && b > a ? b : a), '');
}

/** What history proves about the approval or decision in an event, judged by the policy on its decision day. */
export function assessEvent(e: DocEvent, t: WorkType, settings: PolicySettings): ApprovalAssessment {
  const judged = e.bootstrapSpent ? { ...settings, rolesBootstrap: false } : settings;
  return assessApproval(e.roles, t, e.after!.status!, e.commit, decisionDay(e), judged, { data: e.after?.data });
}

/** Whether `after`, a new document, is `before` under another ID: same type, same content but for bookkeeping. */
export function renumbered(before: DocState, after: DocState | undefined): boolean {
  return after !== undefined && before.type === after.type && before.contentHash === after.contentHash && before.id !== after.id;
}

/** Whether an event gives a deleted document's ID to another document (added again with other content). */
export function takesOverId(e: DocEvent): boolean {
  return e.readded === true && e.before !== undefined && e.before.contentHash !== e.after?.contentHash;
}

/**
 * A document's events under its ID and, where a commit gave it that ID (renumbered), under the IDs
 * it had before: what a record was first committed as is in the oldest of them. Where the ID was
 * given to another document after a deletion (put back with other content), the events before
 * that belong to the document deleted, not to this one.
 */
export function eventsOfLineage(timeline: Pick<Timeline, 'events' | 'byId'>, id: string): DocEvent[] {
  let known = lineages.get(timeline);
  if (!known) lineages.set(timeline, (known = new Map()));
  let out = known.get(id);
  if (!out) known.set(id, (out = lineage(timeline, id, Infinity, new Set())));
  return out;
}

const lineages = new WeakMap<object, Map<string, DocEvent[]>>();

function lineage(timeline: Pick<Timeline, 'events' | 'byId'>, id: string, until: number, seen: Set<string>): DocEvent[] {
  if (seen.has(id)) return [];
  seen.add(id);
  let own = timeline.byId.get(id) ?? [];
  // Only the events before a later holder of the ID took it (the ID may be given again).
  if (until !== Infinity) own = own.filter((e) => timeline.events.indexOf(e) < until);
  const last = (test: (e: DocEvent) => boolean): number => {
    let k = own.length - 1;
    while (k >= 0 && !test(own[k]!)) k--;
    return k;
  };
  const reused = last(takesOverId);
  const at = last((e) => e.before?.id !== undefined && e.before.id !== id);
  if (at > reused) return [...lineage(timeline, own[at]!.before!.id!, timeline.events.indexOf(own[at]!), seen), ...own.slice(at)];
  return reused >= 0 ? own.slice(reused) : own;
}

/**
 * A document a merge of a pull request took from one side although the other side had changed it
 * since they diverged: git lists such a merge as no change at all.
 */
export interface UnrecordedChange {
  /** Path relative to the SMS root. */
  path: string;
  /**
   * `older`: the merge kept one side's version; `restored`: it kept a document the other side had
   * deleted; `removed`: it left out a document the other side had changed or added; `resolved`: it
   * holds that side's change only in lines of its own (a conflict resolved by hand), in `lines`.
   */
  kind: 'older' | 'restored' | 'removed' | 'resolved';
  /** For `resolved`: the merge's own lines that hold the change. */
  lines?: string[];
  merge: HistoryCommit;
  /** The parent whose change the merge dropped. */
  side: string;
}

/** A commit as the history graph needs it. */
export interface CommitLink {
  sha: string;
  parents: readonly string[];
}

export interface Timeline {
  events: DocEvent[];
  byId: Map<string, DocEvent[]>;
  commitCount: number;
  /**
   * The commits walked, parents before children, with their parents: what is decided on one line
   * of history follows that line (the roles, the models an exemption rests on), whatever order a
   * merge brings the lines together in.
   */
  graph?: readonly CommitLink[];
  /** The roles in force after the last commit: what the next commit will be judged against. */
  roles: RolesIndex;
  /** The day the commit that put `roles` in force was decided (see DocEvent.rolesSince). */
  rolesSince?: string;
  /** Set when an approval of the roles document in the history did not hold, so put nothing in force. */
  rolesRefused?: true;
  /** The front matter of the roles document's version in force after the last commit, where one is. */
  rolesData?: Record<string, unknown>;
}

/**
 * Walks commits oldest first and turns their blob changes into per-document events. A delete and
 * an add of the same id in one commit is a move; an add of an id deleted earlier (or left by a
 * document renumbered since) continues its timeline. Pure: blob states come in through `state`.
 */
export function buildTimeline(
  commits: HistoryCommit[],
  state: (blob: string) => DocState | undefined,
  initialRoles?: Record<string, unknown>,
  /**
   * The type of the roles document. Only an approval of it puts a version in force: a bookkeeping
   * edit (reviewed_on) of an older copy on a branch must not bring back the roles it lists.
   */
  rolesType?: WorkType,
  /** The day the initial roles came in force (the commit that approved them). */
  initialRolesSince?: string,
  /** Whether an approval of the roles document holds (see assignRoles); without it, none puts a version in force. */
  authorised: (e: DocEvent, t: WorkType) => boolean = () => false,
): Timeline {
  const events: DocEvent[] = [];
  const deleted = new Map<string, DocState>();
  const creators = new Map<string, { name: string; email: string }>();
  const roles = RolesIndex.fromData(initialRoles);
  const since = initialRolesSince !== undefined ? { rolesSince: initialRolesSince } : {};
  for (const commit of commits) {
    const removed: { path: string; before: DocState; id: string }[] = [];
    const rest: { path: string; before?: DocState; after?: DocState; id: string; merged?: true; theirs?: DocState }[] = [];
    for (const ch of commit.changes) {
      if (!ch.path.endsWith('.md')) continue;
      const before = ch.oldBlob ? state(ch.oldBlob) : undefined;
      const after = ch.newBlob ? state(ch.newBlob) : undefined;
      const id = after?.id ?? before?.id;
      if (!id) continue;
      if (before && !after) removed.push({ path: ch.path, before, id });
      else {
        const theirs = ch.theirs ? state(ch.theirs) : undefined;
        rest.push({ path: ch.path, before, after, id, ...(ch.merged ? { merged: ch.merged } : {}), ...(theirs ? { theirs } : {}) });
      }
    }
    for (const r of rest) {
      let oldPath: string | undefined;
      let before = r.before;
      let readded = false;
      if (!before) {
        const i = removed.findIndex((x) => x.id === r.id);
        if (i >= 0) {
          before = removed[i]!.before;
          oldPath = removed[i]!.path;
          removed.splice(i, 1);
        } else {
          // Renumbered and renamed in one commit (git mv to the new ID's file name): the one
          // document this commit removed with the same type and the same content but for its ID
          // and bookkeeping is this one under its old ID, as a renumbering inside the file would
          // be, even where the new ID was once another document's. Anything more changed with it
          // makes a deletion and a new document.
          const same = removed.filter((x) => renumbered(x.before, r.after));
          if (same.length === 1 && rest.filter((o) => !o.before && renumbered(same[0]!.before, o.after)).length === 1) {
            before = same[0]!.before;
            oldPath = same[0]!.path;
            removed.splice(removed.indexOf(same[0]!), 1);
          } else if (deleted.has(r.id)) {
            before = deleted.get(r.id);
            readded = true;
          }
        }
      }
      deleted.delete(r.id);
      // Renumbered: its old ID is left as a deleted one's, so that a document given that ID later
      // is another document that took it over, not this one's continuation.
      if (before?.id !== undefined && before.id !== r.id && r.after !== undefined) deleted.set(before.id, before);
      if (!before && !creators.has(r.id)) creators.set(r.id, { name: commit.authorName, email: commit.authorEmail });
      events.push({
        id: r.id,
        commit,
        path: r.path,
        oldPath,
        before,
        after: r.after,
        createdBy: creators.get(r.id),
        roles,
        ...since,
        ...(readded ? { readded } : {}),
        ...(r.merged ? { merged: r.merged } : {}),
        ...(r.theirs ? { theirs: r.theirs } : {}),
      });
    }
    for (const r of removed) {
      deleted.set(r.id, r.before);
      events.push({ id: r.id, commit, path: r.path, before: r.before, createdBy: creators.get(r.id), roles, ...since });
    }
  }
  const byId = new Map<string, DocEvent[]>();
  for (const e of events) {
    const list = byId.get(e.id);
    if (list) list.push(e);
    else byId.set(e.id, [e]);
  }
  const timeline: Timeline = {
    events,
    byId,
    commitCount: commits.length,
    graph: commits.map((c) => ({ sha: c.sha, parents: c.parents })),
    roles,
    ...since,
  };
  assignRoles(timeline, rolesType, authorised, initialRoles, initialRolesSince);
  return timeline;
}

/** The roles in force on a line of history, the day they came into force, the version that put them there and the roles it replaced. */
interface InForce {
  roles: RolesIndex;
  since?: string;
  data?: Record<string, unknown>;
  version?: DocState;
  /** The roles in force before (both sides' for a clean merge of two revisions). */
  priors: readonly InForce[];
}

/** The events grouped by their commit, and those commits in the order of the events. */
export function eventsByCommit(events: readonly DocEvent[]): { byCommit: Map<string, DocEvent[]>; ordered: HistoryCommit[] } {
  const byCommit = new Map<string, DocEvent[]>();
  const ordered: HistoryCommit[] = [];
  for (const e of events) {
    const list = byCommit.get(e.commit.sha);
    if (list) list.push(e);
    else {
      byCommit.set(e.commit.sha, [e]);
      ordered.push(e.commit);
    }
  }
  return { byCommit, ordered };
}

/**
 * Puts the roles in force commit by commit (each event's `roles` and `rolesSince`, and the
 * timeline's). A version of the roles document comes into force only by an approval that holds
 * against the roles in force before it (`authorised`): a person who edits a roles document that
 * stays approved ("updated") cannot grant themselves a role by it.
 *
 * Given the commits walked (parents before children), the roles follow each line of history: a
 * commit is judged by the roles in force on its own parents' line, so a role granted on another
 * branch, or taken away there, changes nothing of what was decided on this one, whichever order a
 * merge lists its parents in. At a merge, where one side's roles came from the other's by later
 * approvals, the later ones go on, whichever version of the document the merge kept: a merge that
 * keeps the older roles document does not undo a role taken away. A clean merge of two revisions,
 * each in force on its own side, puts the merged version in force; otherwise, where both sides
 * approved revisions of their own, the first parent's roles go on until the document is approved
 * again. A merge whose text equals a version approved once and revoked since brings nothing back.
 * Without the commits, they follow one another in the order of the events.
 */
export function assignRoles(
  timeline: Timeline,
  rolesType: WorkType | undefined,
  authorised: (e: DocEvent, t: WorkType) => boolean,
  initialRoles?: Record<string, unknown>,
  initialRolesSince?: string,
  commits?: readonly HistoryCommit[],
): void {
  const initial: InForce = {
    roles: RolesIndex.fromData(initialRoles),
    ...(initialRolesSince !== undefined ? { since: initialRolesSince } : {}),
    ...(initialRoles ? { data: initialRoles } : {}),
    priors: [],
  };
  const { byCommit, ordered } = eventsByCommit(timeline.events);
  /**
   * One walk; returns how many approvals of the roles document came into force while no roles
   * were, on their line (bootstraps). With `spent`, none may.
   */
  const walk = (spent = false): number => {
    delete timeline.rolesRefused;
    let bootstraps = 0;
    const inForce = new Map<string, InForce>();
    let last = initial;
    for (const c of commits ?? ordered) {
      const parents = commits ? c.parents.map((p) => inForce.get(p) ?? initial) : [last];
      const events = byCommit.get(c.sha) ?? [];
      // Every event of a commit is judged by the roles before it: no one grants a role and uses it at once.
      const before = parents.length < 2 ? (parents[0] ?? initial) : atMerge(parents);
      for (const e of events) {
        e.roles = before.roles;
        if (before.since !== undefined) e.rolesSince = before.since;
        else delete e.rolesSince;
        if (spent && before.roles.people.length === 0) e.bootstrapSpent = true;
        else delete e.bootstrapSpent;
      }
      let after = before;
      for (const e of events) {
        const v = e.after;
        if (!rolesType || v?.type !== rolesType.key || !v.data) continue;
        if (e.merged) {
          // Each side's revision was approved on its side: together they are in force.
          const [ours, theirs] = parents;
          if (parents.length === 2 && ours !== theirs && ours!.version === e.before && theirs!.version === e.theirs && e.theirs)
            after = {
              roles: RolesIndex.fromData(v.data),
              since: decisionDay({ commit: c, rolesSince: later(ours!.since, theirs!.since) }),
              data: v.data,
              version: v,
              priors: [ours!, theirs!],
            };
          continue;
        }
        if (!isApproval(rolesType, e.before, v)) continue;
        if (!authorised(e, rolesType)) {
          timeline.rolesRefused = true;
          continue;
        }
        if (after.roles.people.length === 0) bootstraps++;
        after = { roles: RolesIndex.fromData(v.data), since: decisionDay(e), data: v.data, version: v, priors: [after] };
      }
      inForce.set(c.sha, after);
      last = after;
    }
    timeline.roles = last.roles;
    if (last.data) timeline.rolesData = last.data;
    else delete timeline.rolesData;
    if (last.since !== undefined) timeline.rolesSince = last.since;
    else delete timeline.rolesSince;
    return bootstraps;
  };
  // Lines of history that each had no roles in force (one started on a branch of its own, or from
  // a commit before the first approval, and merged in) could each approve a roles document of their
  // own into force. Which came first, neither their dates nor the order of a merge's parents can
  // prove: their authors set both. With more than one, none counts.
  if (walk() > 1) walk(true);
}

/** The roles in force as a merge begins: where one side's came from the other's, the later; else the first parent's. */
function atMerge(parents: readonly InForce[]): InForce {
  const [first] = parents;
  if (parents.every((p) => p === first)) return first!;
  return parents.find((p) => parents.every((q) => q === p || follows(p, q))) ?? first!;
}

/** Whether `later` came into force, through approvals, from `earlier`. */
function follows(later: InForce, earlier: InForce): boolean {
  const seen = new Set<InForce>();
  const todo = [...later.priors];
  while (todo.length) {
    const x = todo.pop()!;
    if (x === earlier) return true;
    if (seen.has(x)) continue;
    seen.add(x);
    todo.push(...x.priors);
  }
  return false;
}

function later(a: string | undefined, b: string | undefined): string | undefined {
  return a === undefined ? b : b === undefined || a >= b ? a : b;
}
