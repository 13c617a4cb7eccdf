import type { UnrecordedChange } from '../history/timeline.js';
import { commitLabel } from './history-support.js';
import { defineRule } from './registry.js';

const WHAT: Record<UnrecordedChange['kind'], string> = {
  older: 'kept the version of one side and dropped the change the other side',
  restored: 'kept this document, which the other side',
  removed: 'left out this document, which the other side',
};
const DONE: Record<UnrecordedChange['kind'], string> = {
  older: 'had made to it since they diverged',
  restored: 'had deleted',
  removed: 'had changed or added',
};

export default defineRule({
  id: 'unrecorded-change',
  description: 'With --base, no merge of a pull request quietly drops a change the other side made to a document.',
  help:
    'Git lists a merge as changing only the paths that differ from every side of it. A merge that keeps one ' +
    "side's version of a document (a roles document from before a role was taken away, an agreement before it was " +
    "amended), or one side's lack of it, therefore shows no change: no status transition, no approval, no one who " +
    'decided it, and no other rule sees it. The same holds for sms.config.yaml, which says how the SMS is judged. ' +
    'With --base, sms judges each merge of the pull request as a three-way ' +
    'merge would: where the merge took a document from one side although the other side had changed it since the two ' +
    'diverged, that change was dropped, whether by a conflict resolved with one side\'s version ("ours", "theirs") or ' +
    'by a merge made to look like one. A document the merge carried, changed, to another path (a renamed folder) was ' +
    "moved, not dropped. Merge again keeping both changes; to undo the other side's change, make that a commit of " +
    'its own, approved as its lifecycle requires.',
  severity: 'error',
  needs: ['commits'],
  check(ctx, report) {
    for (const u of ctx.changes!.unrecorded ?? []) {
      const doc = u.kind === 'removed' ? undefined : ctx.documents.find((d) => d.file === u.path);
      report({
        ...(doc ? { doc } : { file: u.path }),
        at: { line: 1, column: 1 },
        message: `the merge ${commitLabel({ commit: u.merge })} ${WHAT[u.kind]} (${u.side.slice(0, 7)}) ${DONE[u.kind]}; git lists such a merge as no change`,
        hint: "merge again keeping both sides' changes; to undo the other side's change, make that a commit of its own",
      });
    }
  },
});
