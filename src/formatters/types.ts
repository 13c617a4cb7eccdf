import type { ValidationResult } from '../validate.js';

export interface Paint {
  red(s: string): string;
  yellow(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
  underline(s: string): string;
  green(s: string): string;
}

export const NO_PAINT: Paint = { red: (s) => s, yellow: (s) => s, dim: (s) => s, bold: (s) => s, underline: (s) => s, green: (s) => s };

export interface FormatContext {
  paint: Paint;
  /** Source text of a repository file, for code frames; undefined when not available. */
  source(file: string): string | undefined;
  rules: readonly { id: string; description: string; help?: string; severity?: 'error' | 'warning' }[];
  /** Where the rules are documented (one anchor per rule id), for links from SARIF; none when unknown. */
  docsUrl?: string;
  version: string;
}

export type Formatter = (result: ValidationResult, ctx: FormatContext) => string;
