import { isInForce } from '../model/policy.js';
import { own } from '../repo/values.js';
import { readerLine as plain, lines as splitLines, shownLines } from '../markdown.js';
import { defineRule } from './registry.js';

export default defineRule({
  id: 'template-text',
  description: "A document in force does not still hold its template's guidance text, or a placeholder of its front matter.",
  help:
    '"sms new" and "sms init" write each section with a line of guidance for the author to replace ("Which services ' +
    'and users this agreement covers, …"). A document approved, or otherwise in force, with that line still in it was ' +
    'approved without being written: a policy, an agreement or a procedure that says only what the template says. ' +
    'Reported once per document, at the first such line, with how many there are; a line counts as the guidance ' +
    'in a list item or a quote, with other spacing or without its full stop, but not in a code block or an HTML ' +
    'comment. A warning: the rest of the section may have been written around it. A field the template fills with a ' +
    'placeholder (an agreement\'s customer or supplier, "Customer name") still holding it is reported too.',
  severity: 'warning',
  needs: [],
  check(ctx, report) {
    for (const doc of ctx.documents) {
      if (!doc.data || !isInForce(doc.type, doc.status)) continue;
      // A field the template filled with a placeholder (a customer called "Customer name").
      for (const [field, placeholder] of Object.entries(doc.type?.template_values ?? {})) {
        if (own(doc.data, field) !== placeholder) continue;
        report({
          doc,
          field: [field],
          message: `${doc.id ?? 'this document'} is ${doc.status} and still gives the template's ${field} "${placeholder}"`,
          hint: `write the real ${field} in its place, then have it approved again`,
        });
      }
      const guidance = doc.type?.template_text;
      if (!guidance?.length) continue;
      const wanted = new Set(guidance.map(plain));
      const lines = splitLines(doc.fm.body);
      // Every guidance line asks (What…, How…): a line without such a word is not read closer.
      const found = shownLines(lines).filter((i) => ASKS.test(lines[i]!) && wanted.has(plain(lines[i]!)));
      if (found.length === 0) continue;
      const first = lines[found[0]!]!.trim();
      report({
        doc,
        at: { line: doc.fm.bodyStartLine + found[0]!, column: 1 },
        message: `${doc.id ?? 'this document'} is ${doc.status} and still holds the template's guidance "${first.length > 60 ? `${first.slice(0, 57)}…` : first}"${found.length > 1 ? ` (and ${found.length - 1} more line${found.length > 2 ? 's' : ''})` : ''}`,
        hint: 'write what the section says for your organisation in its place, then have it approved again',
      });
    }
  },
});

const ASKS = /\b(?:what|which|how|when|who|where|why)\b/i;
