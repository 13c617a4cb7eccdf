import type { DocState } from './extract.js';
import { takesOverId, type DocEvent } from './timeline.js';

/** The JSON shape of `sms log --format json` (a public interface: add fields, never rename). */
export interface LogEntry {
  commit: string;
  date: string;
  author: { name: string; email: string };
  committer: { name: string; email: string; date?: string };
  subject: string;
  path: string;
  renamedFrom?: string;
  event: 'created' | 'changed' | 'renamed' | 'deleted' | 'readded';
  statusBefore?: string;
  statusAfter?: string;
  approvedBy?: string;
  /** What approved_by said before this commit changed it, where it said something. */
  approvedByBefore?: string;
  /** The ID the document had before this commit, when the commit changed it (renumbered). */
  idBefore?: string;
  /** In the log of the old ID: the ID the commit gave the document. */
  idAfter?: string;
  /** The title before this commit, when it changed (across a deletion and a re-adding too). */
  titleBefore?: string;
  /**
   * The commit gave the ID to another document: added again, after a deletion, with other content.
   * The entries before it are the earlier document's.
   */
  takesOverId?: true;
  approvedByTrailers: string[];
  /** For a commit that approves or decides: who is evidenced as the decider, and how. */
  decision?: LogDecision;
}

export interface LogDecision {
  approvers: { name: string; email?: string; roles: string[]; attribution: string }[];
  /** The first approval of the roles document, judged against the roles it names itself. */
  bootstrap: boolean;
  /** Approved-by trailers that nothing vouches for (no verified signature, no trusted committer). */
  selfAsserted: string[];
  /** Whether git verified a good signature on the commit (checked only where it matters). */
  signed?: boolean;
}

/**
 * `previous`: the document as it last stood before this commit, a deletion in between included;
 * `logId`: the ID whose log this is (a commit that renumbers shows in the logs of both IDs).
 */
export function logEntry(e: DocEvent, previous: DocState | undefined = e.before, logId = e.id): LogEntry {
  const event = !e.after ? 'deleted' : e.readded ? 'readded' : !e.before ? 'created' : e.oldPath ? 'renamed' : 'changed';
  const entry: LogEntry = {
    commit: e.commit.sha,
    date: e.commit.date,
    author: { name: e.commit.authorName, email: e.commit.authorEmail },
    committer: {
      name: e.commit.committerName,
      email: e.commit.committerEmail,
      ...(e.commit.committerDate ? { date: e.commit.committerDate } : {}),
    },
    subject: e.commit.subject,
    path: e.path,
    event,
    approvedByTrailers: e.commit.approvedBy,
  };
  if (e.oldPath) entry.renamedFrom = e.oldPath;
  if (e.before?.status) entry.statusBefore = e.before.status;
  if (e.after?.status) entry.statusAfter = e.after.status;
  const approvedBy = e.after?.fields.approved_by;
  const was = e.before?.fields.approved_by;
  if (approvedBy && approvedBy !== was) {
    entry.approvedBy = approvedBy;
    if (was) entry.approvedByBefore = was;
  }
  if (e.before?.id && e.after?.id && e.before.id !== e.after.id) {
    if (e.after.id === logId) entry.idBefore = e.before.id;
    else entry.idAfter = e.after.id;
  }
  if (previous?.title !== undefined && e.after?.title !== undefined && previous.title !== e.after.title) entry.titleBefore = previous.title;
  if (takesOverId(e)) entry.takesOverId = true;
  return entry;
}
