import { parseInstant } from '../dates.js';
import { ownString } from '../repo/values.js';
import { defineRule } from './registry.js';

const YEAR_MS = 366 * 86_400_000;

export default defineRule({
  id: 'outage-record',
  description: 'An outage recorded on an incident has a start and an end within reason, and ends by the time the incident is resolved.',
  help:
    'Availability is computed from outage records (outage_start, outage_end on incidents), not from how long ' +
    'tickets stayed open. An outage needs both ends once the incident is resolved; an end before the start, an ' +
    'outage longer than a year or one that ends after the incident was resolved is probably a typo.',
  severity: 'warning',
  needs: [],
  check(ctx, report) {
    for (const doc of ctx.documents) {
      if (doc.type?.key !== 'incident' || !doc.data) continue;
      const start = parseInstant(ownString(doc.data, 'outage_start'));
      const end = parseInstant(ownString(doc.data, 'outage_end'));
      const resolved = parseInstant(ownString(doc.data, 'resolved') ?? ownString(doc.data, 'closed'));
      if (end !== undefined && start === undefined) report({ doc, field: ['outage_end'], message: 'outage_end without outage_start' });
      if (start !== undefined && end === undefined && resolved !== undefined) {
        report({ doc, field: ['outage_start'], message: 'the incident is resolved but its outage has no end (outage_end)' });
      }
      if (start !== undefined && end !== undefined && end - start > YEAR_MS)
        report({ doc, field: ['outage_end'], message: 'the outage lasted more than a year' });
      if (end !== undefined && resolved !== undefined && end > resolved) {
        report({
          doc,
          field: ['outage_end'],
          message: 'the outage ends after the incident was resolved',
          hint: 'check outage_end and resolved',
        });
      }
    }
  },
});
