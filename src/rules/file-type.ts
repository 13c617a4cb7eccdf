import { reportLoadIssues } from './parse-findings.js';
import { defineRule } from './registry.js';

export default defineRule({
  id: 'file-type',
  description: 'Documents are regular files: a FIFO, socket or device named *.md is not read.',
  help:
    'sms opens only regular files. A FIFO (named pipe), socket or device with a .md name, or a symbolic link to one, ' +
    'would make a reader wait forever or read without end, so it is reported and skipped without being read. ' +
    'Remove it, or rename it so that its name does not end in .md.',
  severity: 'error',
  needs: [],
  check: (ctx, report) => reportLoadIssues(ctx, report, 'file-type'),
});
