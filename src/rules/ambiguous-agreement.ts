import { localDate } from '../calendar.js';
import { agreementView, customerAgreementOf, type AgreementView } from '../repo/sla.js';
import { own, stringValues } from '../repo/values.js';
import { defineRule } from './registry.js';

export default defineRule({
  id: 'ambiguous-agreement',
  description:
    "An incident whose services two customer agreements in force cover (or one in force and another customer's still a draft) names its agreement; a named agreement covers its services.",
  help:
    'Service levels are reported per agreement (RE.2.4), to that customer only. An incident is measured against the ' +
    'customer agreement it names (agreement: SLA-0001); without one it is inferred when exactly one customer ' +
    "agreement in force on the day it opened covers one of its services, and no other customer's agreement for it is " +
    "still a draft. When two or more do (two customers sharing a service), or another customer's is being negotiated, " +
    'sms cannot tell whose incident it is, so it is counted for no one until it names its ' +
    "agreement. A named agreement must cover at least one of the incident's services. Whether it was in force on " +
    'the day the incident opened is read from history by the reports (its status and term then; a renewal does not ' +
    "move its past term): an incident naming an agreement not in force then is measured against its customer's " +
    'agreement in force that day, and listed. A customer is one however its agreements write its name, in any case ' +
    'and punctuation and with or without a legal form (a renewal for "Alpha GmbH" is Alpha\'s), unless agreements ' +
    'name two customers told apart by their legal form alone ("Alpha GmbH" and "Alpha AG").',
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
