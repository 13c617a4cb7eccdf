import { isApproval, isApprovingStatus } from '../model/policy.js';
import { changedApprovalFields, commitLabel, eventDoc, uncommitted } from './history-support.js';
import { defineRule } from './registry.js';

export default defineRule({
  id: 'approval-rewritten',
  description:
    'The approval fields of an approved document (approved_by, approved_on, a countersignature) change only when it is approved again.',
  help:
    "The approval fields are evidence: they name who approved and when (and, for agreements, the other party's " +
    'signatory). Changing them while the document stays approved, in a commit that does not approve it (naming a ' +
    'different approver afterwards, back-dating approved_on), rewrites that evidence. To correct a mistake, take the ' +
    'document back through its lifecycle and approve it again.',
  severity: 'error',
  needs: ['changes'],
  check(ctx, report) {
    for (const e of ctx.changes!.events) {
      const t = e.after?.type ? ctx.config.typeByKey.get(e.after.type) : undefined;
      if (!t || !e.before || !e.after) continue;
      // Only a recorded approval is evidence: before approval (a draft) the fields may be prepared,
      // and a document leaving approval for a revision may keep or clear them.
      if (!isApprovingStatus(t, e.after.status) || isApproval(t, e.before, e.after)) continue;
      const changed = changedApprovalFields(t, e);
      if (changed.length === 0) continue;
      const what = changed
        .map((f) => {
          const [was, now] = [e.before!.fields[f], e.after!.fields[f]];
          if (was === undefined) return `${f} set to ${JSON.stringify(now)}`;
          if (now === undefined) return `${f} removed (it was ${JSON.stringify(was)})`;
          return `${f} from ${JSON.stringify(was)} to ${JSON.stringify(now)}`;
        })
        .join(', ');
      // Not committed yet: the edit can still go in with an approval, in one commit.
      const again = uncommitted(e) ? (t.transitions[e.after.status!] ?? []).find((x) => t.approving.includes(x)) : undefined;
      report({
        ...eventDoc(ctx, e),
        field: [changed[0]!],
        message: `${e.id}: ${what} in ${commitLabel(e)}, which does not approve it`,
        hint: again
          ? `approval fields change only in the commit that approves the document: leave the edit uncommitted and run "sms set-status ${e.id} ${again} --commit"`
          : 'approval fields change only when the document is approved: take it back through its lifecycle and approve it again',
      });
    }
  },
});
