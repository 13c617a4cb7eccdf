import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic, Position } from '../diagnostic.js';
import type { SmsConfig } from '../repo/config.js';
import type { Rule, RuleContext } from '../rules/context.js';
import type { CliIO } from '../cli/io.js';
import { isAllowedTransition, type WorkType } from '../model/types.js';
import { RolesIndex, samePerson, type Person } from '../model/roles.js';
import { gitAvailable, hasCommits, workTreeRoot } from '../git/git.js';
import { BlobReader, workingTreeChanges } from '../git/history.js';
import { extractState, type DocState } from './extract.js';
import { loadHistory } from './read.js';
import type { DocEvent } from './timeline.js';

/** History rule ids (public interface). */
export const HISTORY_RULE_INFO = [
  {
    id: 'status-transition',
    description: 'Every status change in history is an allowed transition; a new document starts in an initial status.',
  },
  {
    id: 'approval-evidence',
    description:
      'The commit that approves a document is attributable to someone who held an approving role at that time, and approved_by agrees.',
  },
  {
    id: 'modified-after-approval',
    description: 'Approved content is not edited without going back through a revision status and re-approval.',
  },
] as const;

export interface HistoryRuleOptions {
  base?: string;
  all: boolean;
  io: CliIO;
}

/**
 * Rules that need Git. Default: uncommitted status changes against HEAD. --base REF: the commits
 * REF..HEAD. --history: every commit. Without git or commits the default mode adds nothing.
 */
export async function historyRules(config: SmsConfig, opts: HistoryRuleOptions): Promise<Rule[]> {
  if (!opts.all && opts.base === undefined) {
    if (!(await gitAvailable(config.root)) || !(await workTreeRoot(config.root)) || !(await hasCommits(config.root))) return [];
    const events = await workingTreeEvents(config);
    return [transitionRule(config, events), modifiedRule(config, events)];
  }
  const tty = Boolean(opts.io.stderr.isTTY);
  const { timeline } = await loadHistory(config, {
    base: opts.base,
    all: opts.all,
    progress: tty ? (n) => opts.io.stderr.write(`\rReading history… ${n} commits`) : undefined,
  });
  if (tty && timeline.commitCount >= 2000) opts.io.stderr.write('\r\x1b[K');
  return timelineRules(config, timeline.events);
}

/** The history rules over an already-read timeline (reports reuse the one they read). */
export function timelineRules(config: SmsConfig, events: DocEvent[]): Rule[] {
  return [transitionRule(config, events), approvalRule(config, events), sodRule(config, events), modifiedRule(config, events)];
}

function commitLabel(e: DocEvent): string {
  return e.commit.sha === 'WORKTREE'
    ? 'uncommitted change'
    : `commit ${e.commit.sha.slice(0, 7)} by ${e.commit.authorName} <${e.commit.authorEmail}> on ${e.commit.date.slice(0, 10)}`;
}

/** Points a history finding at the document as it is now (by id), or at its last known path. */
function locate(ctx: RuleContext, e: DocEvent, field: string, rule: string, message: string, hint?: string): Diagnostic {
  const doc = ctx.byId.get(e.id)?.[0];
  let pos: Position = { line: 1, column: 1 };
  let file = e.path;
  if (doc) {
    file = doc.file;
    pos = doc.fm.locate([field]);
  }
  const d: Diagnostic = { file, line: pos.line, column: pos.column, rule, severity: 'error', message, docId: e.id };
  if (hint) d.hint = hint;
  return d;
}

function typeOf(config: SmsConfig, s: DocState | undefined): WorkType | undefined {
  return s?.type ? config.typeByKey.get(s.type) : undefined;
}

function transitionRule(config: SmsConfig, events: DocEvent[]): Rule {
  return {
    id: 'status-transition',
    description: HISTORY_RULE_INFO[0].description,
    defaultSeverity: 'error',
    check(ctx) {
      const out: Diagnostic[] = [];
      for (const e of events) {
        const t = typeOf(config, e.after);
        const to = e.after?.status;
        if (!t || !to || !t.statuses.includes(to)) continue;
        const from = e.before?.status;
        if (!e.before) {
          if (!t.initial.includes(to)) {
            out.push(
              locate(
                ctx,
                e,
                'status',
                'status-transition',
                `${e.id} appeared already "${to}" (${commitLabel(e)}); a new ${t.key} starts as ${t.initial.map((s) => `"${s}"`).join(' or ')}`,
                `create it as ${t.initial[0]} and change its status in a later commit`,
              ),
            );
          }
        } else if (from && from !== to && t.statuses.includes(from) && !isAllowedTransition(t, from, to)) {
          const allowed = t.transitions[from] ?? [];
          out.push(
            locate(
              ctx,
              e,
              'status',
              'status-transition',
              `${e.id} went from "${from}" to "${to}" (${commitLabel(e)}), which the ${t.key} lifecycle does not allow`,
              allowed.length ? `from "${from}" it may go to ${allowed.join(', ')}` : `"${from}" is a final status`,
            ),
          );
        }
      }
      return out;
    },
  };
}

/** A commit approves a document when it moves it into an approving status, or re-approves it (e.g. updated → updated with new content). */
export function isApproval(t: WorkType, e: DocEvent): boolean {
  const to = e.after?.status;
  if (!to || !t.approving.includes(to)) return false;
  const from = e.before?.status;
  if (from !== to) return true;
  return Boolean(e.before && e.after && e.before.contentHash !== e.after.contentHash && (t.transitions[to] ?? []).includes(to));
}

function evidence(config: SmsConfig, e: DocEvent): { label: string; ref: string }[] {
  const out: { label: string; ref: string }[] = [];
  for (const a of config.history.attribution) {
    if (a === 'author') out.push({ label: 'author', ref: `${e.commit.authorName} <${e.commit.authorEmail}>` });
    if (a === 'committer') out.push({ label: 'committer', ref: `${e.commit.committerName} <${e.commit.committerEmail}>` });
    if (a === 'trailer') for (const t of e.commit.approvedBy) out.push({ label: 'Approved-by trailer', ref: t });
  }
  return out;
}

/** People who, by the commit's evidence and the roles at that time, may have approved this event. */
export function approvers(config: SmsConfig, t: WorkType, e: DocEvent): { people: Person[]; allowed: string[] } {
  const allowed = t.authority[e.after!.status!] ?? [];
  const people: Person[] = [];
  for (const ev of evidence(config, e)) {
    const p = e.roles.resolve(ev.ref);
    if (p && e.roles.holdsAny(p, allowed) && !people.includes(p)) people.push(p);
  }
  return { people, allowed };
}

function approvalRule(config: SmsConfig, events: DocEvent[]): Rule {
  return {
    id: 'approval-evidence',
    description: HISTORY_RULE_INFO[1].description,
    defaultSeverity: 'error',
    check(ctx) {
      const out: Diagnostic[] = [];
      for (const e of events) {
        const t = typeOf(config, e.after);
        if (!t || !isApproval(t, e)) continue;
        const { people, allowed } = approvers(config, t, e);
        if (allowed.length === 0) continue;
        const status = e.after!.status!;
        if (people.length === 0) {
          const who = evidence(config, e).map((x) => x.ref);
          const held = who
            .map((w) => e.roles.resolve(w))
            .filter((p): p is Person => Boolean(p))
            .map((p) => `${p.name} held ${p.roles.join(', ') || 'no role'}`);
          out.push(
            locate(
              ctx,
              e,
              'status',
              'approval-evidence',
              `${e.id} was moved to "${status}" in ${commitLabel(e)}, but no one in that commit (${who.join(', ') || 'nobody'}) held ${allowed.join(' or ')} in the roles document at that time${held.length ? ` (${held.join('; ')})` : e.roles.people.length === 0 ? ' (there was no roles document yet)' : ''}`,
              `the approval must be committed by someone with ${allowed.join('/')}, or carry an "Approved-by: Name <email>" trailer`,
            ),
          );
          continue;
        }
        const named = e.after!.approvedBy;
        if (named && !people.some((p) => samePerson(e.roles, named, p.email ?? p.name))) {
          out.push(
            locate(
              ctx,
              e,
              'approved_by',
              'approval-evidence',
              `approved_by says "${named}", but ${e.id} was approved in ${commitLabel(e)} by ${people.map((p) => p.name).join(', ')}`,
              'approved_by must name the person whose commit approved it',
            ),
          );
        }
      }
      return out;
    },
  };
}

function sodRule(config: SmsConfig, events: DocEvent[]): Rule {
  return {
    id: 'separation-of-duties',
    description: 'From history: a change request is not approved by the person who requested it or wrote the draft.',
    defaultSeverity: 'error',
    check(ctx) {
      const out: Diagnostic[] = [];
      if (config.history.requesterMayApprove) return out;
      for (const e of events) {
        const t = typeOf(config, e.after);
        if (t?.key !== 'change-request' || e.after!.changeType === 'pre-approved' || !isApproval(t, e) || e.after!.status !== 'approved')
          continue;
        const { people } = approvers(config, t, e);
        if (people.length === 0) continue;
        const conflicted = (p: Person): boolean => {
          const ref = p.email ?? p.name;
          const req = e.after!.requestedBy;
          // The drafter counts only when no requester is named: a Control Manager who writes up
          // someone else's verbal request (as the standard expects) may still decide on it.
          if (req) return samePerson(e.roles, req, ref);
          return Boolean(e.createdBy && samePerson(e.roles, `${e.createdBy.name} <${e.createdBy.email}>`, ref));
        };
        if (people.every(conflicted)) {
          out.push(
            locate(
              ctx,
              e,
              'approved_by',
              'separation-of-duties',
              `${e.id} was approved in ${commitLabel(e)} by ${people.map((p) => p.name).join(', ')}, who also requested or drafted it`,
              'another Control Manager must approve it (pre-approved changes are exempt; history.requester_may_approve switches this off)',
            ),
          );
        }
      }
      return out;
    },
  };
}

function modifiedRule(config: SmsConfig, events: DocEvent[]): Rule {
  return {
    id: 'modified-after-approval',
    description: HISTORY_RULE_INFO[2].description,
    defaultSeverity: 'error',
    check(ctx) {
      const out: Diagnostic[] = [];
      for (const e of events) {
        const t = typeOf(config, e.after);
        if (!t || !e.before || !e.after) continue;
        const s = e.after.status;
        if (!s || s !== e.before.status || !t.approving.includes(s)) continue;
        if (e.before.contentHash === e.after.contentHash || (t.transitions[s] ?? []).includes(s)) continue;
        const back = Object.entries(t.transitions).filter(([, to]) => to.includes('draft')).length ? 'draft' : undefined;
        out.push(
          locate(
            ctx,
            e,
            'status',
            'modified-after-approval',
            `${e.id} was edited in ${commitLabel(e)} while "${s}", without going back through a revision and re-approval`,
            back ? `set it to "${back}" to revise it, then approve it again` : 'revise it through its lifecycle and approve it again',
          ),
        );
      }
      return out;
    },
  };
}

/**
 * Uncommitted changes: each document in the working tree against its version in HEAD (and new
 * files, which must start in an initial status). Approvals are checked once they are committed.
 */
async function workingTreeEvents(config: SmsConfig): Promise<DocEvent[]> {
  const cwd = config.root;
  const changes = await workingTreeChanges(cwd, config.documentFolders);
  const reader = new BlobReader(cwd);
  const commit = {
    sha: 'WORKTREE',
    parents: [],
    authorName: '',
    authorEmail: '',
    committerName: '',
    committerEmail: '',
    date: '',
    approvedBy: [],
    subject: '',
    changes: [],
  };
  const events: DocEvent[] = [];
  try {
    for (const ch of changes) {
      if (!ch.path.endsWith('.md')) continue;
      const blob = ch.oldBlob ? await reader.read(ch.oldBlob) : undefined;
      const before = blob ? extractState(blob.toString('utf8')) : undefined;
      let after: DocState | undefined;
      try {
        after = extractState(readFileSync(path.join(cwd, ...ch.path.split('/')), 'utf8'));
      } catch {
        after = undefined;
      }
      const id = after?.id ?? before?.id;
      if (!id || !after) continue;
      events.push({ id, commit, path: ch.path, before, after, roles: RolesIndex.fromData(undefined) });
    }
  } finally {
    reader.close();
  }
  return events;
}
