import type { Diagnostic } from '../diagnostic.js';
import { own } from '../repo/documents.js';
import { addDays, addMonths, at, inForce, toTime, type Rule } from './context.js';

export const dateOrder: Rule = {
  id: 'date-order',
  description: 'Dates are in order: an incident is not closed before it opened, an agreement does not end before it starts.',
  defaultSeverity: 'error',
  check(ctx) {
    const out: Diagnostic[] = [];
    for (const doc of ctx.documents) {
      if (!doc.data || !doc.type) continue;
      for (const [earlier, later] of doc.type.dates) {
        const a = toTime(own(doc.data, earlier));
        const b = toTime(own(doc.data, later));
        if (a !== undefined && b !== undefined && b < a) {
          out.push(
            at(
              doc,
              'date-order',
              'error',
              doc.fm.locate([later]),
              `"${later}" (${String(own(doc.data, later))}) is before "${earlier}" (${String(own(doc.data, earlier))})`,
            ),
          );
        }
      }
    }
    return out;
  },
};

const AGREEMENTS = new Set(['customer-agreement', 'supplier-agreement']);

export const reviewOverdue: Rule = {
  id: 'review-overdue',
  description: 'Documents in force are reviewed on time: periodic reviews (policy/plan yearly by default) and agreement review dates.',
  defaultSeverity: 'warning',
  check(ctx) {
    const out: Diagnostic[] = [];
    for (const doc of ctx.documents) {
      if (!doc.data || !doc.type || !inForce(doc)) continue;
      if (AGREEMENTS.has(doc.type.key)) {
        const review = own(doc.data, 'review');
        if (typeof review === 'string' && review < ctx.today) {
          out.push(
            at(
              doc,
              'review-overdue',
              'warning',
              doc.fm.locate(['review']),
              `agreement review was due on ${review}`,
              'review it with the other party and set the next review date',
            ),
          );
        }
        continue;
      }
      const next = own(doc.data, 'next_review');
      if (typeof next === 'string') {
        if (next < ctx.today)
          out.push(
            at(
              doc,
              'review-overdue',
              'warning',
              doc.fm.locate(['next_review']),
              `review was due on ${next}`,
              'review the document, then update reviewed_on and next_review',
            ),
          );
        continue;
      }
      const months = doc.type.review_months;
      if (months <= 0) continue;
      const last = [own(doc.data, 'reviewed_on'), own(doc.data, 'approved_on')]
        .filter((v): v is string => typeof v === 'string' && toTime(v) !== undefined)
        .sort()
        .pop();
      if (!last) continue;
      const due = addMonths(last, months);
      if (due < ctx.today) {
        out.push(
          at(
            doc,
            'review-overdue',
            'warning',
            doc.fm.locate([own(doc.data, 'reviewed_on') ? 'reviewed_on' : 'approved_on']),
            `last reviewed ${last}; a ${doc.type.key} is reviewed every ${months} months, so it was due on ${due}`,
            'review the document and set reviewed_on',
          ),
        );
      }
    }
    return out;
  },
};

export const agreementExpired: Rule = {
  id: 'agreement-expired',
  description: 'Agreements in force have not passed their end date (and warn when it is near).',
  defaultSeverity: 'warning',
  check(ctx) {
    const out: Diagnostic[] = [];
    const soon = addDays(ctx.today, ctx.config.expiryWarningDays);
    for (const doc of ctx.documents) {
      // Only an agreement in force can expire; a draft or a retired one is not relied on.
      if (!doc.data || !doc.type || !AGREEMENTS.has(doc.type.key) || !inForce(doc)) continue;
      const end = own(doc.data, 'end');
      if (typeof end !== 'string' || toTime(end) === undefined) continue;
      if (end < ctx.today)
        out.push(
          at(
            doc,
            'agreement-expired',
            'warning',
            doc.fm.locate(['end']),
            `agreement ended on ${end} but is still ${doc.status ?? 'in force'}`,
            'renew it (new end date) or set its status to retired',
          ),
        );
      else if (end <= soon)
        out.push(
          at(
            doc,
            'agreement-expired',
            'warning',
            doc.fm.locate(['end']),
            `agreement ends on ${end}, within ${ctx.config.expiryWarningDays} days`,
            'start the renewal with the other party',
          ),
        );
    }
    return out;
  },
};
