import type { Diagnostic } from '../diagnostic.js';
import type { Rule, RuleContext } from './context.js';

/** Reports what the front-matter reader found: `yaml-syntax` and `front-matter` findings. */
function parseFindings(ctx: RuleContext, rule: 'yaml-syntax' | 'front-matter'): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const doc of ctx.documents) {
    for (const i of doc.fm.issues) {
      if (i.rule !== rule) continue;
      out.push({
        file: doc.file,
        line: i.line,
        column: i.column,
        rule,
        severity: i.severity,
        message: i.message,
        ...(i.hint ? { hint: i.hint } : {}),
      });
    }
  }
  return out;
}

export const yamlSyntax: Rule = {
  id: 'yaml-syntax',
  description: 'Front matter is valid YAML 1.2 (no duplicate keys, no alias bombs).',
  defaultSeverity: 'error',
  check: (ctx) => parseFindings(ctx, 'yaml-syntax'),
};

export const frontMatter: Rule = {
  id: 'front-matter',
  description: 'The file starts with a closed --- YAML front matter block holding one mapping.',
  defaultSeverity: 'error',
  check: (ctx) => parseFindings(ctx, 'front-matter'),
};
