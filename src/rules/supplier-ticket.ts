import { parseInstant } from '../dates.js';
import { own, ownString } from '../repo/values.js';
import { defineRule } from './registry.js';

const TICKET_TIMES = ['supplier_opened', 'supplier_responded', 'supplier_resolved'] as const;

export default defineRule({
  id: 'supplier-ticket',
  description:
    "An incident's supplier ticket times name the supplier agreement they measure, start with the ticket's opening and fall while the incident was open.",
  help:
    "A supplier agreement's response and resolution targets are measured on the supplier's ticket " +
    '(supplier_opened, supplier_responded, supplier_resolved), not on our answer to the customer. The ' +
    'performance report uses those times only for the agreement the incident names (supplier_agreement), ' +
    "from the ticket's opening, and only when the ticket was raised while the incident was open. Times " +
    'that miss any of these are silently not the ones measured, so the supplier would be judged on our ' +
    'own times: name the supplier agreement, record when the ticket was raised, or correct the times.',
  severity: 'warning',
  needs: [],
  check(ctx, report) {
    for (const doc of ctx.documents) {
      if (doc.type?.key !== 'incident' || !doc.data) continue;
      const given = TICKET_TIMES.filter((k) => ownString(doc.data, k) !== undefined);
      if (given.length === 0) continue;
      // Present in any form: a value that is not an ID is the schema's to report.
      if (own(doc.data, 'supplier_agreement') === undefined) {
        report({
          doc,
          field: [given[0]!],
          message: `${given.join(', ')} without supplier_agreement: no supplier agreement is measured on these times`,
          hint: 'name the supplier agreement the ticket was raised under (supplier_agreement: SUP-…)',
        });
      }
      const ticket = parseInstant(ownString(doc.data, 'supplier_opened'));
      if (ownString(doc.data, 'supplier_opened') === undefined) {
        report({
          doc,
          field: [given[0]!],
          message: `${given.join(', ')} without supplier_opened: the supplier is measured on the incident's own times`,
          hint: 'record when the ticket was raised with the supplier (supplier_opened)',
        });
        continue;
      }
      // A ticket after its own repair is a date-order error; one raised after we resolved the
      // incident, with no repair of the supplier's recorded, is not the supplier's part of it.
      const resolved = parseInstant(ownString(doc.data, 'resolved') ?? ownString(doc.data, 'closed'));
      if (ticket !== undefined && resolved !== undefined && ownString(doc.data, 'supplier_resolved') === undefined && ticket > resolved) {
        report({
          doc,
          field: ['supplier_opened'],
          message: "supplier_opened is after the incident was resolved: the supplier is measured on the incident's own times",
          hint: 'check supplier_opened, or record when the supplier repaired it (supplier_resolved)',
        });
      }
    }
  },
});
