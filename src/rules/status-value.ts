import { own } from '../repo/values.js';
import { defineRule } from './registry.js';
import { article } from '../strings.js';

export default defineRule({
  id: 'status-value',
  description: "The `status` is one of the type's status codes.",
  help:
    'Statuses are the work-product status codes of ISO/IEC TR 29110-5-3 Table 14 (lower case), plus the few this ' +
    'tool adds where the standard leaves a gap; "sms types --format md" lists them per type.',
  severity: 'error',
  needs: [],
  check(ctx, report) {
    for (const doc of ctx.documents) {
      if (!doc.data || !doc.type) continue;
      const s = own(doc.data, 'status');
      const allowed = doc.type.statuses.join(', ');
      if (s === undefined) report({ doc, field: [], message: `missing "status" (one of: ${allowed})` });
      else if (s === null)
        report({ doc, field: ['status'], message: `status is empty (in YAML "~" and "null" mean no value); expected one of: ${allowed}` });
      else if (typeof s !== 'string') report({ doc, field: ['status'], message: `"status" must be one of: ${allowed}` });
      else if (!doc.type.statuses.includes(s))
        report({
          doc,
          field: ['status'],
          message: `status "${s}" is not ${article(doc.type.key)} ${doc.type.key} status; expected one of: ${allowed}`,
        });
    }
  },
});
