import { isApproval, isEditOfApprovedContent } from '../model/policy.js';
import { changedApprovalFields, commitLabel, eventDoc, uncommitted } from './history-support.js';
import { defineRule } from './registry.js';

export default defineRule({
  id: 'modified-after-approval',
  description: 'Approved content is not edited without going back through a revision status and re-approval.',
  help:
    'An approved specification is what was approved: an edit of its body or of front matter other than the status, ' +
    'approval, review, version and deployment fields (deployed_on, outcome, review_outcome), while the status stays ' +
    'the same, changes what people rely on ' +
    "(a section a type writes after the approval as its last, such as a change request's Post-implementation review, is not part of it, unless it holds another heading of level 1 or 2 or an unclosed fence) " +
    'without a new approval. Set it back to its revision status (draft), edit, and approve it again. A type whose ' +
    'lifecycle allows updated → updated treats such an edit as a re-approval, which approval-evidence then checks; ' +
    'before it is committed, such an edit is a warning with the command that records the approval with it. ' +
    'An edit that gives back the document its own content as it was last approved (git revert of an edit) is not ' +
    'reported. With --base, an approval before the base is looked for in the history of the document at the base, ' +
    'along commits without a merge; where none is found there, the content at the base counts as approved.',
  severity: 'error',
  needs: ['changes'],
  check(ctx, report) {
    // Per document, the content as last approved: from its approval, or, where the approval came
    // before what was read (--base), as history before the base shows it (else as first seen in
    // its approving status).
    const approvedContent = new Map<string, string>();
    for (const e of ctx.changes!.events) {
      const t = e.after?.type ? ctx.config.typeByKey.get(e.after.type) : undefined;
      if (!t) continue;
      if (isApproval(t, e.before, e.after)) approvedContent.set(e.id, e.after!.contentHash);
      else if (!approvedContent.has(e.id) && e.before?.status && t.approving.includes(e.before.status))
        approvedContent.set(e.id, ctx.changes!.approvedAtBase?.get(e.id) ?? e.before.contentHash);
      if (!isEditOfApprovedContent(t, e.before, e.after)) {
        // Not committed yet, in a status whose edits are approvals (updated → updated): the commit
        // will approve it in the name of whoever makes it, while approved_by names the last approver.
        const s = e.after?.status;
        if (uncommitted(e) && s && e.before?.status === s && isApproval(t, e.before, e.after) && changedApprovalFields(t, e).length === 0)
          report({
            ...eventDoc(ctx, e),
            field: ['status'],
            severity: 'warning',
            message: `${e.id} is edited while "${s}": committing the edit approves it again, in the name of whoever commits it`,
            hint: `run "sms set-status ${e.id} ${s} --commit" to approve it with the edit (it records approved_by and approved_on), or have someone who may approve it commit it`,
          });
        continue;
      }
      // A revert (or any edit) that gives back the content as approved takes nothing away from the
      // approval; only for the same document (the file held it before), not another one's content
      // written over a document.
      if (e.before!.id === e.id && e.after!.id === e.id && e.after!.contentHash === approvedContent.get(e.id)) continue;
      const s = e.after!.status!;
      const next = t.transitions[s] ?? [];
      // A repeatable approval (updated → updated) takes the edit with it, in the same commit.
      const again = next.find((x) => t.approving.includes(x) && (t.transitions[x] ?? []).includes(x));
      const back = next.includes('draft') ? 'draft' : undefined;
      const hint = again
        ? `an edit and its re-approval go in one commit: leave the edit uncommitted and run "sms set-status ${e.id} ${again} --commit"${back ? `, or set it to "${back}" to revise it over several commits` : ''}`
        : back
          ? `set it to "${back}" to revise it, then approve it again`
          : `"${s}" has no revision in its lifecycle: record the correction in a new document`;
      report({
        ...eventDoc(ctx, e),
        field: ['status'],
        message: `${e.id} was edited in ${commitLabel(e)} while "${s}", without going back through a revision and re-approval`,
        // Once pushed, the commit stays in history: what is left is to record it.
        hint: uncommitted(e)
          ? hint
          : `${hint}; already pushed, record commit ${e.commit.sha} in a nonconformity (commits) and have SM or MGT verify it`,
      });
    }
  },
});
