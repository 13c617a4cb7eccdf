import { addDays, parseDate } from '../dates.js';
import { isInForce } from '../model/policy.js';
import { ownString } from '../repo/values.js';
import { defineRule } from './registry.js';

export default defineRule({
  id: 'agreement-expired',
  description: 'Agreements in force have not passed their end date (and warn when it is near).',
  help:
    'An agreement in force (approved or updated) past its end date is either renewed without a record or no longer ' +
    'valid. The rule also warns expiry_warning_days (60 by default) before the end date so the renewal can start.',
  severity: 'warning',
  needs: [],
  check(ctx, report) {
    const soon = addDays(ctx.today, ctx.config.expiryWarningDays);
    for (const doc of ctx.documents) {
      // Only an agreement in force can expire; a draft or a retired one is not relied on.
      const agreement = doc.type?.agreement;
      if (!doc.data || !agreement || !isInForce(doc.type, doc.status)) continue;
      const end = parseDate(ownString(doc.data, agreement.end));
      if (end === undefined) continue;
      if (end < ctx.today) {
        report({
          doc,
          field: [agreement.end],
          message: `agreement ended on ${end} but is still ${doc.status}`,
          hint: 'renew it (new end date) or set its status to retired',
        });
      } else if (end <= soon) {
        report({
          doc,
          field: [agreement.end],
          message: `agreement ends on ${end}, within ${ctx.config.expiryWarningDays} days`,
          hint: 'start the renewal with the other party',
        });
      }
    }
  },
});
