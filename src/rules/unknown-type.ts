import { suggest } from '../errors.js';
import { own } from '../repo/values.js';
import { defineRule } from './registry.js';

export default defineRule({
  id: 'unknown-type',
  description: 'The `type` field names a known document type.',
  help:
    'Every document says what it is with `type:`, one of the type keys listed by "sms types" (the 21 work products and ' +
    'the custom types of sms.config.yaml). Without a known type no other check can apply to the document.',
  severity: 'error',
  needs: [],
  check(ctx, report) {
    const hint = 'run "sms types" to list the type keys';
    for (const doc of ctx.documents) {
      if (!doc.data || doc.type) continue;
      const t = own(doc.data, 'type');
      if (t === undefined) report({ doc, field: [], message: 'missing "type": sms cannot tell what kind of document this is', hint });
      else if (typeof t !== 'string') report({ doc, field: ['type'], message: '"type" must be a type key (text)', hint });
      else {
        const s = suggest(t, ctx.config.typeByKey.keys());
        report({ doc, field: ['type'], message: `unknown type "${t}"${s ? `; did you mean "${s}"?` : ''}`, hint });
      }
    }
  },
});
