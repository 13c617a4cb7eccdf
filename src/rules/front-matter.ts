import { reportParseIssues } from './parse-findings.js';
import { defineRule } from './registry.js';

export default defineRule({
  id: 'front-matter',
  description: 'The file starts with a closed --- YAML front matter block holding one mapping; other languages are never executed.',
  help:
    'Every document starts with a line containing only ---, then YAML key: value lines, then a closing --- line. ' +
    'A language tag such as ---js is reported and never executed; a leading blank line, an unclosed block, a list or ' +
    'a second YAML document are reported. !! tags warn and are read as plain text. Front matter over 32 KB is ' +
    'reported and not parsed (YAML costs far more to read than Markdown; long text belongs in the body).',
  severity: 'error',
  needs: [],
  check: (ctx, report) => reportParseIssues(ctx, report, 'front-matter'),
});
