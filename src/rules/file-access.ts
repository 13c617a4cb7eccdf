import { reportLoadIssues } from './parse-findings.js';
import { defineRule } from './registry.js';

export default defineRule({
  id: 'file-access',
  description: 'Every document file and folder can be read, and its name is valid UTF-8.',
  help:
    'A document or folder that the user running sms may not read, or whose name is not valid UTF-8, cannot be ' +
    'checked. Each one is reported once (a folder once, not each file in it) and the run goes on with the rest. ' +
    'Fix the permissions or rename it; to leave it out on purpose, add it to ignore in sms.config.yaml.',
  severity: 'error',
  needs: [],
  check: (ctx, report) => reportLoadIssues(ctx, report, 'file-access'),
});
