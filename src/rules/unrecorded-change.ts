import { defineRule } from './registry.js';

const WHAT = {
  older:
    'differs from the base, but no commit of the pull request made this version: a merge took it from one of its sides, which git lists as no change',
  restored: 'the base removed this document, and a merge brought it back: no commit of the pull request adds it',
  removed: 'the base has this document, and a merge removed it: no commit of the pull request deletes it',
} as const;

export default defineRule({
  id: 'unrecorded-change',
  description: 'With --base, every document a pull request changes is changed by one of its commits, not quietly by a merge.',
  help:
    'Git lists a merge as changing only the paths that differ from every side of it. A merge that keeps one ' +
    "side's older version of a document (a roles document from before a role was taken away, an agreement before " +
    "it was amended) or one side's lack of it therefore shows no change: no status transition, no approval, no one " +
    'who decided it, and no other rule sees it. With --base, sms compares each document at HEAD with the base and ' +
    'with where the pull request left the base (a branch that is only behind its base is not reported), and reports ' +
    'a difference that no commit of the pull request made: a commit on the branch, a revert, a cherry-pick or a ' +
    'merge that resolved a conflict all count, and are judged by the other rules. Merge the base again keeping its ' +
    'version, then make the change in a commit of its own, approved as its lifecycle requires.',
  severity: 'error',
  needs: ['commits'],
  check(ctx, report) {
    for (const u of ctx.changes!.unrecorded ?? []) {
      const doc = u.kind === 'removed' ? undefined : ctx.documents.find((d) => d.file === u.path);
      report({
        ...(doc ? { doc } : { file: u.path }),
        at: { line: 1, column: 1 },
        message: WHAT[u.kind],
        hint: 'merge the base again keeping its version, then make the change in a commit of its own, approved as its lifecycle requires',
      });
    }
  },
});
