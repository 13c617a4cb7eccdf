import { commitLabel } from './history-support.js';
import { defineRule } from './registry.js';

export default defineRule({
  id: 'history-gap',
  description: 'Every document is as the changes in its history left it: no merge quietly took another version of it.',
  help:
    'Git lists a merge as changing only the paths that differ from every side of it. A merge that takes an older ' +
    'version of a document from one side (a roles document from before a role was taken away, an agreement before ' +
    'it was retired) therefore shows no change at all: no status transition, no approval, no one who decided it. ' +
    'With --base and --history, sms compares each document at the end of the checked history with what its last ' +
    'change there left (or, untouched, with its version at the base) and reports any difference. Put the document ' +
    'back as it was and make the change in an ordinary commit, approved as its lifecycle requires.',
  severity: 'error',
  needs: ['commits'],
  check(ctx, report) {
    for (const gap of ctx.changes!.gaps ?? []) {
      const doc = ctx.documents.find((d) => d.file === gap.path);
      report({
        ...(doc ? { doc } : { file: gap.path }),
        at: { line: 1, column: 1 },
        message: `this version is not the version its last change in the history left (${
          gap.lastCommit ? `last changed in ${commitLabel({ commit: gap.lastCommit })}` : 'not changed since the base'
        }): a merge took another version from one of its sides, which git shows as no change`,
        hint: 'put it back as it was and make the change in an ordinary commit, approved as its lifecycle requires',
      });
    }
  },
});
