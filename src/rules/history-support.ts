import { assessEvent, type DocEvent } from '../history/timeline.js';
import type { ApprovalAssessment } from '../model/policy.js';
import { approvalFields, type WorkType } from '../model/types.js';
import type { FindingInput, RuleContext } from './registry.js';

/** Whether the change is not committed yet: in the working tree, or staged for the next commit. */
export function uncommitted(e: Pick<DocEvent, 'commit'>): boolean {
  return e.commit.sha === 'WORKTREE' || e.commit.sha === 'INDEX';
}

/** How a finding names the commit it is about. */
export function commitLabel(e: Pick<DocEvent, 'commit'>): string {
  if (e.commit.sha === 'INDEX') return 'staged change';
  return e.commit.sha === 'WORKTREE'
    ? 'uncommitted change'
    : `commit ${e.commit.sha.slice(0, 7)} by ${e.commit.authorName} <${e.commit.authorEmail}> on ${e.commit.date.slice(0, 10)}`;
}

/** The approval fields (approved_by, approved_on, a countersignature) the change sets to another value. */
export function changedApprovalFields(t: WorkType, e: Pick<DocEvent, 'before' | 'after'>): string[] {
  return approvalFields(t).filter((f) => e.before?.fields[f] !== e.after?.fields[f]);
}

/** Points a history finding at the document as it is now (by id), or at its last known path. */
export function eventDoc(ctx: RuleContext, e: DocEvent): Pick<FindingInput, 'doc' | 'file' | 'docId'> {
  const doc = ctx.byId.get(e.id)?.[0];
  return doc ? { doc, docId: e.id } : { file: e.path, docId: e.id };
}

/** What history proves about the approval or decision in an event (policy.assessApproval with the rule context's settings). */
export function assess(ctx: RuleContext, e: DocEvent, t: WorkType): ApprovalAssessment {
  return assessEvent(e, t, ctx.config.history);
}
