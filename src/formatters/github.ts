import type { Formatter } from './types.js';
import type { ValidationResult } from '../validate.js';

/** Workflow-command escaping from the GitHub Actions toolkit (`escapeData` / `escapeProperty`). */
const escapeData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export const github: Formatter = (result) =>
  result.diagnostics
    .map((d) => {
      const cmd = d.severity === 'error' ? 'error' : 'warning';
      const props = `file=${escapeProperty(d.file)},line=${d.line},col=${d.column},title=${escapeProperty(d.rule)}`;
      return `::${cmd} ${props}::${escapeData(d.message + (d.hint ? ` (hint: ${d.hint})` : ''))}\n`;
    })
    .join('');

/** Markdown for $GITHUB_STEP_SUMMARY: a count and a table of findings. */
export function githubSummary(result: ValidationResult): string {
  const cell = (s: string): string =>
    s
      .replace(/\|/g, '\\|')
      .replace(/[\r\n]+/g, ' ')
      .replace(/[<>]/g, (c) => (c === '<' ? '&lt;' : '&gt;'));
  const lines = ['## sms validate', ''];
  if (result.diagnostics.length === 0) lines.push(`✅ ${result.fileCount} files checked, no problems.`);
  else {
    lines.push(
      `**${result.errorCount} errors, ${result.warningCount} warnings** in ${result.fileCount} files.`,
      '',
      '| File | Line | Severity | Rule | Message |',
      '|---|---|---|---|---|',
    );
    for (const d of result.diagnostics.slice(0, 500))
      lines.push(`| ${cell(d.file)} | ${d.line} | ${d.severity} | ${d.rule} | ${cell(d.message)} |`);
    if (result.diagnostics.length > 500) lines.push('', `… and ${result.diagnostics.length - 500} more.`);
  }
  return `${lines.join('\n')}\n`;
}
