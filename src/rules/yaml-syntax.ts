import { reportParseIssues } from './parse-findings.js';
import { defineRule } from './registry.js';

export default defineRule({
  id: 'yaml-syntax',
  description: 'Front matter is valid YAML 1.2 (no duplicate keys, no alias bombs, no runaway nesting).',
  help:
    'The front matter between the --- lines is parsed as YAML 1.2 (core schema) with duplicate keys forbidden, ' +
    'aliases limited (16 at most) and nesting past 64 levels refused, so a hostile or mistyped file cannot hide a second value or exhaust memory. ' +
    'Fix the YAML at the reported line; quote values that contain ": " or start with a special character.',
  severity: 'error',
  needs: [],
  check: (ctx, report) => reportParseIssues(ctx, report, 'yaml-syntax'),
});
