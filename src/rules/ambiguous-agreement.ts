import { localDate } from '../calendar.js';
import { agreementView, customerAgreementOf, type AgreementView } from '../repo/sla.js';
import { own, stringValues } from '../repo/values.js';
import { defineRule } from './registry.js';

export default defineRule({
  id: 'ambiguous-agreement',
  description:
    'An incident whose services two customer agreements in force cover names its agreement; a named agreement covers its services.',
  help:
    'Service levels are reported per agreement (RE.2.4), to that customer only. An incident is measured against the ' +
    'customer agreement it names (agreement: SLA-0001); without one it is inferred when exactly one customer ' +
    "agreement in force on the day it opened covers one of its services, and no other customer's agreement for it is " +
    "still a draft. When two or more do (two customers sharing a service), or another customer's is being negotiated, " +
    'sms cannot tell whose incident it is, so it is counted for no one until it names its ' +
    "agreement. A named agreement must cover at least one of the incident's services, and its term (start to end) " +
    'must include the day the incident was opened. The reports also read from history whether it was approved and ' +
    "not retired that day: an incident naming an agreement not in force is measured against its customer's " +
    'agreement in force then, and listed.',
  severity: 'error',
  relational: true,
  needs: [],
  check(ctx, report) {
    const agreements = ctx.documents.map((d) => agreementView(d, ctx.config.timezone)).filter((a): a is AgreementView => a !== undefined);
    if (agreements.length === 0) return;
    const day = (ms: number): string => localDate(ms, ctx.config.timezone ?? 'UTC');
    for (const doc of ctx.documents) {
      if (doc.type?.key !== 'incident' || !doc.data) continue;
      const a = customerAgreementOf(doc, agreements, day);
      if (a.how === 'ambiguous') {
        report({
          doc,
          field: ['services'],
          message: a.pending
            ? `its services are covered by ${a.candidates.map((c) => `${c.id} ${c.party}`.trim()).join(', ')}, in force, and by ${a.pending.map((c) => `${c.id} ${c.party}`.trim()).join(', ')}, still a draft: it counts for none of them`
            : `its services are covered by ${a.candidates.length} customer agreements in force (${a.candidates.map((c) => `${c.id} ${c.party}`.trim()).join(', ')}): it counts for none of them`,
          hint: `name the agreement it belongs to, e.g. agreement: ${a.candidates[0]!.id}`,
        });
      } else if (a.how === 'not-in-force') {
        const named = agreements.find((g) => g.id === a.id && g.kind === 'customer');
        report({
          doc,
          field: ['agreement'],
          message: `${a.id} was not in force on ${a.day}, when the incident was opened (its term: ${named?.start ?? '…'} to ${named?.end ?? '…'}): it sets this incident no target`,
          hint: a.agreement
            ? `name the agreement in force then, agreement: ${a.agreement.id}`
            : 'name the agreement in force when it was opened, or correct opened',
        });
      } else if (a.how === 'named') {
        const services = stringValues(own(doc.data, 'services'));
        if (services.length && !services.some((s) => a.agreement.services.includes(s))) {
          report({
            doc,
            field: ['agreement'],
            message: `${a.agreement.id} does not cover ${services.join(', ')}`,
            hint: `check the agreement, or the incident's services`,
          });
        }
      }
    }
  },
});
