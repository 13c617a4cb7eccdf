/** How serious a finding is. `off` only appears in configuration, never in a Diagnostic. */
export type Severity = 'error' | 'warning';
export type RuleSetting = 'off' | 'warn' | 'error';

/**
 * One finding. `file` is relative to the SMS root with POSIX separators; `line` and `column` are
 * 1-based and point into the `.md` file itself. This shape is the public JSON contract.
 */
export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  rule: string;
  severity: Severity;
  message: string;
  docId?: string;
  hint?: string;
  /** The commit a finding of history is about (its full id): what a nonconformity records it by. */
  commit?: string;
}

export interface Position {
  line: number;
  column: number;
}

/** Stable order: file, line, column, rule, message. Output is diffable between runs. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return cmp(a.file, b.file) || a.line - b.line || a.column - b.column || cmp(a.rule, b.rule) || cmp(a.message, b.message);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Exit codes are a public interface: 0 clean (warnings allowed), 1 findings, 2 usage/config/environment. */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;
