import type { Formatter, FormatContext } from './types.js';
import { repoPath } from './types.js';
import type { ValidationResult } from '../validate.js';
import { forTerminal } from './terminal.js';
import { escapeMarkdown } from '../markdown.js';
import { BIDI_MARKS, LINE_CONTROLS } from '../strings.js';

/** Workflow-command escaping from the GitHub Actions toolkit (`escapeData` / `escapeProperty`). */
const escapeData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

const UNPRINTABLE = new RegExp(`[${LINE_CONTROLS}${BIDI_MARKS}]`, 'g');

/**
 * A file name as the `file` property. It must name the real file, so it cannot lose characters as
 * messages do: removing them could name another file that exists (`a<ESC>[31mb.md` would become
 * `ab.md`). Control and bidirectional characters are percent-encoded as UTF-8 instead, in the
 * toolkit's own style (it writes CR and LF as %0D and %0A), so no escape sequence reaches the log or
 * a terminal and the name stays unambiguous in the output, `%` itself being %25. The runner decodes
 * only %0D, %0A, %3A, %2C and %25 in properties, so the annotation of such a file is listed with
 * the run but not placed on the file's lines: the price of never writing the raw bytes. Tabs stay:
 * they move nothing, and a name with one still attaches.
 */
const fileProperty = (file: string): string => escapeProperty(file).replace(UNPRINTABLE, (c) => (c === '\t' ? c : encodeURIComponent(c)));

/**
 * `::error file=…,line=…,col=…,title=rule::message` workflow commands, with paths relative to the
 * repository root (GitHub attaches annotations by that path). The job log renders escape
 * sequences, so document text loses its control characters first.
 */
export const github: Formatter = (result, ctx) =>
  result.diagnostics
    .map((d) => {
      const cmd = d.severity === 'error' ? 'error' : 'warning';
      const props = `file=${fileProperty(repoPath(ctx, d.file))},line=${d.line},col=${d.column},title=${escapeProperty(d.rule)}`;
      return `::${cmd} ${props}::${escapeData(forTerminal(d.message + (d.hint ? ` (hint: ${d.hint})` : '')))}\n`;
    })
    .join('');

/**
 * Beyond the Markdown syntax escapeMarkdown escapes: the `:` of a URL and the `.` of a www. name
 * that GitHub would autolink, and `-`. CommonMark lets a backslash escape any ASCII punctuation.
 */
const AUTOLINK_PUNCTUATION = /[-.:]/g;

/**
 * An @ that GitHub would read as a mention of a user or team: at the start or after a character
 * that is not part of a word (so not an e-mail address). GitHub finds mentions in the rendered
 * text, after escapes are gone, so a backslash does not stop them; a zero-width joiner after the @
 * does, and the text reads the same.
 */
const MENTION = /(?<![A-Za-z0-9_])@(?=[A-Za-z0-9])/g;

/** Text for a Markdown table cell that shows as it is written: one line, no syntax, no mention. */
const markdownCell = (s: string): string =>
  escapeMarkdown(forTerminal(s).replace(MENTION, '@\u200d')).replace(AUTOLINK_PUNCTUATION, '\\$&');

/** Markdown for $GITHUB_STEP_SUMMARY: a count and a table of findings. */
export function githubSummary(result: ValidationResult, ctx?: Pick<FormatContext, 'pathPrefix'>): string {
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
      lines.push(
        `| ${markdownCell(`${ctx?.pathPrefix ?? ''}${d.file}`)} | ${d.line} | ${d.severity} | ${d.rule} | ${markdownCell(d.message)} |`,
      );
    if (result.diagnostics.length > 500) lines.push('', `… and ${result.diagnostics.length - 500} more.`);
  }
  return `${lines.join('\n')}\n`;
}
