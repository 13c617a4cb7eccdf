import { reportLoadIssues } from './parse-findings.js';
import { defineRule } from './registry.js';

export default defineRule({
  id: 'symlink',
  description: 'Symbolic links out of the repository, dangling or looping, are not followed.',
  help:
    'sms reads only files inside the SMS repository. A symbolic link that points outside it, points to nothing or ' +
    'loops is skipped and reported. Copy the file into the repository instead of linking it.',
  severity: 'error',
  needs: [],
  check: (ctx, report) => reportLoadIssues(ctx, report, 'symlink'),
});
