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
  /**
   * Where the SMS root is inside the Git repository, as a POSIX prefix ending in "/" ("docs/sms/"),
   * or "" when the SMS is at the repository root. The CI formats (github, sarif, junit, gitlab)
   * put it before every path, so annotations attach to the files a pull request changed; stylish
   * and json keep paths relative to the SMS root.
   */
  pathPrefix?: string;
  /** The repository root as an absolute path, for SARIF's originalUriBaseIds; none when unknown. */
  repositoryRoot?: string;
}

/** The path of a finding's file as the CI formats report it: relative to the repository root. */
export const repoPath = (ctx: FormatContext, file: string): string => `${ctx.pathPrefix ?? ''}${file}`;

export type Formatter = (result: ValidationResult, ctx: FormatContext) => string;
