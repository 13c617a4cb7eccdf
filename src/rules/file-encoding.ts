import { reportLoadIssues } from './parse-findings.js';
import { defineRule } from './registry.js';

export default defineRule({
  id: 'file-encoding',
  description: 'Documents are UTF-8 text, not binary.',
  help: 'A .md file that contains NUL bytes or is not valid UTF-8 is skipped and reported. Re-save it as UTF-8 text.',
  severity: 'error',
  needs: [],
  check: (ctx, report) => reportLoadIssues(ctx, report, 'file-encoding'),
});
