import type { Diagnostic } from '../diagnostic.js';
import { own } from '../repo/documents.js';
import { at, type Rule } from './context.js';

export const unknownType: Rule = {
  id: 'unknown-type',
  description: 'The `type` field names a known document type.',
  defaultSeverity: 'error',
  check(ctx) {
    const out: Diagnostic[] = [];
    for (const doc of ctx.documents) {
      if (!doc.data || doc.type) continue;
      const t = own(doc.data, 'type');
      const hint = 'run "sms types" to list the type keys';
      if (t === undefined)
        out.push(
          at(doc, 'unknown-type', 'error', doc.fm.locate([]), 'missing "type": sms cannot tell what kind of document this is', hint),
        );
      else out.push(at(doc, 'unknown-type', 'error', doc.fm.locate(['type']), `unknown type "${String(t)}"`, hint));
    }
    return out;
  },
};
