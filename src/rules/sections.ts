import type { Diagnostic } from '../diagnostic.js';
import { at, type Rule } from './context.js';

const HEADING = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const FENCE = /^\s{0,3}(```|~~~)/;

/** Heading texts of a Markdown body, ignoring fenced code. */
export function headings(body: string): string[] {
  const out: string[] = [];
  let fenced = false;
  for (const line of body.split(/\r?\n/)) {
    if (FENCE.test(line)) fenced = !fenced;
    else if (!fenced) {
      const m = HEADING.exec(line);
      if (m) out.push(normaliseHeading(m[2]!));
    }
  }
  return out;
}

export function normaliseHeading(h: string): string {
  return h
    .replace(/^\d+(\.\d+)*\.?\s+/, '')
    .trim()
    .toLowerCase();
}

export const missingSection: Rule = {
  id: 'missing-section',
  description: "The body has every heading the type requires (numbering such as '3.' before it is ignored).",
  defaultSeverity: 'error',
  check(ctx) {
    const out: Diagnostic[] = [];
    for (const doc of ctx.documents) {
      if (!doc.data || !doc.type || doc.type.sections.length === 0) continue;
      const present = new Set(headings(doc.fm.body));
      const missing = doc.type.sections.filter((s) => !present.has(normaliseHeading(s)));
      if (missing.length === 0) continue;
      out.push(
        at(
          doc,
          'missing-section',
          'error',
          { line: doc.fm.bodyStartLine, column: 1 },
          `missing section${missing.length > 1 ? 's' : ''}: ${missing.map((s) => `"## ${s}"`).join(', ')}`,
          'add the heading(s); "sms new" writes them from the type template',
        ),
      );
    }
    return out;
  },
};
