import { headingTexts, normaliseHeading } from '../markdown.js';
import { defineRule } from './registry.js';

export default defineRule({
  id: 'missing-section',
  description: "The body has every heading the type requires (numbering such as '3.' before it is ignored).",
  help:
    'Each type lists the Markdown headings its content needs (the content items of its work product). ' +
    '"sms new" writes them from the type template; headings may be numbered and any level.',
  severity: 'error',
  needs: [],
  check(ctx, report) {
    for (const doc of ctx.documents) {
      if (!doc.data || !doc.type || doc.type.sections.length === 0) continue;
      const present = new Set(headingTexts(doc.fm.body));
      const missing = doc.type.sections.filter((s) => !present.has(normaliseHeading(s)));
      if (missing.length === 0) continue;
      report({
        doc,
        at: { line: doc.fm.bodyStartLine, column: 1 },
        message: `missing section${missing.length > 1 ? 's' : ''}: ${missing.map((s) => `"## ${s}"`).join(', ')}`,
        hint: 'add the heading(s); "sms new" writes them from the type template',
      });
    }
  },
});
