import { addMonths, parseDate } from '../dates.js';
import { isInForce } from '../model/policy.js';
import { ownString } from '../repo/values.js';
import { defineRule } from './registry.js';
import { aType } from '../strings.js';

export default defineRule({
  id: 'review-overdue',
  description: 'Documents in force are reviewed on time: periodic reviews (policy/plan yearly by default) and agreement review dates.',
  help:
    'The standard asks for the policy and plan to be reviewed at least yearly (WP.14) and for agreements to be ' +
    'reviewed (RE.2); the review interval of each type is in "sms types" and can be changed with review_months in ' +
    'sms.config.yaml. A document counts as reviewed on the later of reviewed_on and approved_on; next_review, when ' +
    'set, is the due date where it is no later than the interval makes it: it can bring a review forward, not put it ' +
    'off. Agreements are due on their own review date.',
  severity: 'warning',
  needs: [],
  check(ctx, report) {
    for (const doc of ctx.documents) {
      if (!doc.data || !doc.type || !isInForce(doc.type, doc.status)) continue;
      const agreement = doc.type.agreement;
      if (agreement) {
        const review = parseDate(ownString(doc.data, agreement.review));
        if (review !== undefined && review < ctx.today) {
          report({
            doc,
            field: [agreement.review],
            message: `agreement review was due on ${review}`,
            hint: 'review it with the other party and set the next review date',
          });
        }
        continue;
      }
      const months = doc.type.review_months;
      const reviewed = parseDate(ownString(doc.data, 'reviewed_on'));
      const approved = parseDate(ownString(doc.data, 'approved_on'));
      const last = [reviewed, approved]
        .filter((v): v is string => v !== undefined)
        .sort()
        .pop();
      const due = months > 0 && last ? addMonths(last, months) : undefined;
      // next_review brings a review forward; it cannot put off one the type's interval asks for
      // (anyone may edit it, as bookkeeping, without approving the document again).
      const next = parseDate(ownString(doc.data, 'next_review'));
      if (next !== undefined && (due === undefined || next <= due)) {
        if (next < ctx.today) {
          report({
            doc,
            field: ['next_review'],
            message: `review was due on ${next}`,
            hint: 'review the document, then update reviewed_on and next_review',
          });
        }
        continue;
      }
      if (!due || !last) continue;
      if (due < ctx.today) {
        report({
          doc,
          field: [reviewed ? 'reviewed_on' : 'approved_on'],
          message: `last reviewed ${last}; ${aType(doc.type.key)} is reviewed every ${months} months, so it was due on ${due}`,
          hint: 'review the document and set reviewed_on',
        });
      }
    }
  },
});
