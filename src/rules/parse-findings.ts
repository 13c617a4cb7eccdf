import type { LoadIssue } from '../repo/documents.js';
import type { FrontMatterIssue } from '../repo/frontmatter.js';
import type { Report, RuleContext } from './registry.js';

/** Reports what the front-matter reader found under one rule id (`yaml-syntax` or `front-matter`). */
export function reportParseIssues(ctx: RuleContext, report: Report, rule: FrontMatterIssue['rule']): void {
  for (const doc of ctx.documents) {
    for (const i of doc.fm.issues) {
      if (i.rule !== rule) continue;
      report({ doc, at: { line: i.line, column: i.column }, message: i.message, hint: i.hint, severity: i.severity });
    }
  }
}

/** Reports the loader's problems with files under one rule id (`file-size`, `symlink`, …). */
export function reportLoadIssues(ctx: RuleContext, report: Report, rule: LoadIssue['rule']): void {
  for (const i of ctx.loadIssues)
    if (i.rule === rule) report({ file: i.file, at: { line: 1, column: 1 }, message: i.message, hint: i.hint });
}
