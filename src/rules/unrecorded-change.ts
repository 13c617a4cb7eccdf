import type { UnrecordedChange } from '../history/timeline.js';
import { commitLabel } from './history-support.js';
import { defineRule } from './registry.js';

const WHAT: Record<Exclude<UnrecordedChange['kind'], 'resolved'>, string> = {
  older: 'dropped the change the other side ({side}) had made to this document since they diverged',
  restored: 'kept this document, which the other side ({side}) had deleted',
  removed: 'left out this document, which the other side ({side}) had changed or added',
};

export default defineRule({
  id: 'unrecorded-change',
  description: 'With --base, no merge of a pull request quietly drops a change the other side made to a document.',
  help:
    'Git lists a merge as changing only the paths that differ from every side of it. A merge that keeps one ' +
    "side's version of a document (a roles document from before a role was taken away, an agreement before it was " +
    "amended), or one side's lack of it, therefore shows no change: no status transition, no approval, no one who " +
    'decided it, and no other rule sees it. The same holds for sms.config.yaml, which says how the SMS is judged. ' +
    'With --base, sms judges each merge of the pull request as a three-way merge would: where a side had changed a ' +
    "document since the sides diverged, the merge's result must hold that change, line by line (a conflict resolved " +
    "by hand into lines of the merge's own is merge-resolution's, a warning); a result that " +
    'lacks it dropped it, whether by a conflict resolved with the other side\'s version ("ours", "theirs"), by a ' +
    'merge made to look like one, or by one with a line of its own added. A document the merge carried, with that ' +
    'change, to another path (a renamed folder) was moved, not dropped. Merge again keeping both changes; to undo ' +
    "the other side's change, make that a commit of its own, approved as its lifecycle requires.",
  severity: 'error',
  needs: ['commits'],
  check(ctx, report) {
    for (const u of ctx.changes!.unrecorded ?? []) {
      if (u.kind === 'resolved') continue;
      const doc = u.kind === 'removed' ? undefined : ctx.documents.find((d) => d.file === u.path);
      report({
        ...(doc ? { doc } : { file: u.path }),
        at: { line: 1, column: 1 },
        message: `the merge ${commitLabel({ commit: u.merge })} ${WHAT[u.kind].replace('{side}', u.side.slice(0, 7))}`,
        hint: "merge again keeping both sides' changes; where both changed one value (a status, a date), keep the other side's in the merge and make your own change in a commit of its own",
      });
    }
  },
});
