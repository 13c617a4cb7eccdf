import type { Diagnostic } from '../diagnostic.js';
import type { Formatter, FormatContext } from './types.js';
import { forTerminal } from './terminal.js';

/** Rules whose findings are easier to act on with the offending line shown. */
const FRAMED = new Set(['schema', 'yaml-syntax', 'front-matter']);

/** For a terminal: messages, hints and file names come from documents, so they lose control characters. */
export const stylish: Formatter = (result, ctx) => {
  const { paint } = ctx;
  const out: string[] = [];
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of result.diagnostics) {
    const list = byFile.get(d.file);
    if (list) list.push(d);
    else byFile.set(d.file, [d]);
  }
  for (const [file, list] of byFile) {
    out.push(paint.underline(forTerminal(file)));
    for (const d of list) {
      const sev = d.severity === 'error' ? paint.red('error  ') : paint.yellow('warning');
      out.push(`  ${paint.dim(`${d.line}:${d.column}`.padEnd(7))} ${sev}  ${forTerminal(d.message)}  ${paint.dim(d.rule)}`);
      if (d.hint) out.push(`  ${' '.repeat(7)} ${paint.dim(`hint: ${forTerminal(d.hint)}`)}`);
      if (FRAMED.has(d.rule)) out.push(...codeFrame(ctx, d));
    }
    out.push('');
  }
  const total = result.errorCount + result.warningCount;
  const files = `${result.fileCount} file${result.fileCount === 1 ? '' : 's'}`;
  const hidden = result.hiddenWarningCount ?? 0;
  if (total === 0 && hidden > 0)
    out.push(paint.green(`✔ ${files} checked, no errors (${hidden} warning${hidden === 1 ? '' : 's'} not shown: --quiet)`));
  else if (total === 0) out.push(paint.green(`✔ ${files} checked, no problems`));
  else {
    const summary = `✖ ${total} problem${total === 1 ? '' : 's'} (${result.errorCount} error${result.errorCount === 1 ? '' : 's'}, ${result.warningCount} warning${result.warningCount === 1 ? '' : 's'}) in ${files} checked`;
    out.push(result.errorCount > 0 ? paint.red(paint.bold(summary)) : paint.yellow(paint.bold(summary)));
  }
  return `${out.join('\n')}\n`;
};

function codeFrame(ctx: FormatContext, d: Diagnostic): string[] {
  const text = ctx.source(d.file);
  if (text === undefined) return [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const from = Math.max(1, d.line - 1);
  const to = Math.min(lines.length, d.line + 1);
  const width = String(to).length;
  const frame: string[] = [];
  for (let n = from; n <= to; n++) {
    const src = truncate(lines[n - 1] ?? '');
    const mark = n === d.line ? '>' : ' ';
    frame.push(ctx.paint.dim(`  ${' '.repeat(7)} ${mark} ${String(n).padStart(width)} | `) + src);
    if (n === d.line)
      frame.push(
        ctx.paint.dim(`  ${' '.repeat(7)}   ${' '.repeat(width)} | `) +
          ctx.paint.red(`${' '.repeat(Math.max(0, Math.min(d.column - 1, 160)))}^`),
      );
  }
  return frame;
}

function truncate(s: string): string {
  // Control characters would let a hostile file rewrite the terminal; '?' keeps the column count.
  const clean = forTerminal(s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '?'));
  return clean.length > 160 ? `${clean.slice(0, 160)}…` : clean;
}
