import { parseDateOrInstant } from '../dates.js';
import { ownString } from '../repo/values.js';
import { defineRule } from './registry.js';

export default defineRule({
  id: 'date-order',
  description: 'Dates are in order: an incident is not closed before it opened, an agreement does not end before it starts.',
  help:
    'Each type lists pairs of date fields that must be in order (see "sms types --format md"): opened before resolved ' +
    'before closed for incidents, start before review before end for agreements, and so on. Timestamps are compared ' +
    'as instants, so offsets such as +02:00 are taken into account.',
  severity: 'error',
  needs: [],
  check(ctx, report) {
    for (const doc of ctx.documents) {
      if (!doc.data || !doc.type) continue;
      for (const [earlier, later] of doc.type.dates) {
        const x = ownString(doc.data, earlier);
        const y = ownString(doc.data, later);
        const a = parseDateOrInstant(x);
        const b = parseDateOrInstant(y);
        if (a !== undefined && b !== undefined && b < a)
          report({ doc, field: [later], message: `"${later}" (${y}) is before "${earlier}" (${x})` });
      }
    }
  },
});
