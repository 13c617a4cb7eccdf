import { reportLoadIssues } from './parse-findings.js';
import { defineRule } from './registry.js';

export default defineRule({
  id: 'symlink',
  description:
    'Symbolic links out of the repository, dangling or looping, are not followed; a document read through a link is reported (git records the link, not the document).',
  help:
    'sms reads only files inside the SMS repository. A symbolic link that points outside it, points to nothing or ' +
    'loops is skipped and reported. Copy the file into the repository instead of linking it. A document reached ' +
    'through a link inside the repository is read and checked, but git records the link, not the document: its ' +
    'history cannot show who changed or approved it, so an approval made by editing the file it points to would ' +
    'pass unseen. With history (--base, --history, reports) that is an error; without, a warning. Replace the link ' +
    'with the file it points to.',
  severity: 'error',
  needs: [],
  check(ctx, report) {
    reportLoadIssues(ctx, report, 'symlink');
    for (const doc of ctx.documents) {
      if (!doc.linked) continue;
      report({
        doc,
        at: { line: 1, column: 1 },
        message: 'symbolic link: git records the link, not the document, so its history cannot show who changed or approved it',
        hint: 'replace the link with the file it points to (git mv the file here)',
        severity: ctx.changes?.mode === 'commits' ? undefined : 'warning',
      });
    }
  },
});
