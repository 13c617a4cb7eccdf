import { reportLoadIssues } from './parse-findings.js';
import { defineRule } from './registry.js';

export default defineRule({
  id: 'file-size',
  description: 'Files over max_file_size (1 MB by default) are skipped and reported.',
  help: 'A document larger than max_file_size in sms.config.yaml is not read at all. Split it, or raise max_file_size.',
  severity: 'error',
  needs: [],
  check: (ctx, report) => reportLoadIssues(ctx, report, 'file-size'),
});
