import { commitLabel } from './history-support.js';
import { defineRule } from './registry.js';

const quoted = (line: string): string => `"${line.length > 80 ? `${line.slice(0, 77)}…` : line}"`;

export default defineRule({
  id: 'merge-resolution',
  description: "With --base, a merge that holds the other side's change only in lines of its own is shown for review.",
  help:
    "A conflict resolved by hand writes lines that are in neither side's version. Where a side's changed line is " +
    "missing from the merge's result but a line of the merge's own takes its place (at least half of its words, every " +
    'word that side brought and none it took away), the change may have been kept, but words cannot show that its ' +
    'meaning was ("not passed" written as "passed … not unusable"). The merge is shown with those lines, for a reviewer ' +
    "to read against both sides (git show --cc on the merge). A result that fails even that test is unrecorded-change's " +
    'error.',
  severity: 'warning',
  needs: ['commits'],
  check(ctx, report) {
    for (const u of ctx.changes!.unrecorded ?? []) {
      if (u.kind !== 'resolved') continue;
      const doc = ctx.documents.find((d) => d.file === u.path);
      const lines = u.lines ?? [];
      report({
        ...(doc ? { doc } : { file: u.path }),
        at: { line: 1, column: 1 },
        message: `the merge ${commitLabel({ commit: u.merge })} holds the change the other side (${u.side.slice(0, 7)}) made to this document only in ${lines.length === 1 ? 'a line' : 'lines'} of its own: ${lines.map(quoted).join('; ')}`,
        hint: `check that ${lines.length === 1 ? 'it keeps' : 'they keep'} what that side changed: git show --cc ${u.merge.sha.slice(0, 7)}`,
      });
    }
  },
});
