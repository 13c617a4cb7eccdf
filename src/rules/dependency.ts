import type { Diagnostic } from '../diagnostic.js';
import { own } from '../repo/documents.js';
import { at, valuesAtPath, type Rule } from './context.js';

/**
 * Dependencies between work products that the task tables imply (DOMAIN.md §8.8): the standard
 * prescribes no order of tasks, only which status an input must have.
 */
export const dependency: Rule = {
  id: 'dependency',
  description: 'A build is final only with a published test report; the change schedule lists only approved change requests.',
  defaultSeverity: 'error',
  check(ctx) {
    const out: Diagnostic[] = [];
    for (const doc of ctx.documents) {
      if (!doc.data || !doc.type) continue;
      if (doc.type.key === 'service-change-build' && doc.status === 'final') {
        const tr = own(doc.data, 'test_report');
        const report = typeof tr === 'string' ? ctx.byId.get(tr)?.[0] : undefined;
        if (!report || report.status !== 'published') {
          out.push(
            at(
              doc,
              'dependency',
              'error',
              doc.fm.locate(tr === undefined ? ['status'] : ['test_report']),
              'a build can be final only when a published test report exists for it (CO.3.2)',
              'set test_report to the ID of the published test report',
            ),
          );
        } else if (report.data && own(report.data, 'outcome') === 'fail') {
          out.push(
            at(
              doc,
              'dependency',
              'warning',
              doc.fm.locate(['test_report']),
              `test report ${String(tr)} records a failed test, yet the build is final`,
            ),
          );
        }
      }
      if (doc.type.key === 'change-schedule') {
        for (const { value, path } of valuesAtPath(doc.data, 'changes[].change_request')) {
          const rfc = ctx.byId.get(value)?.[0];
          if (rfc?.type?.key === 'change-request' && rfc.status !== 'approved' && rfc.status !== 'updated') {
            out.push(
              at(
                doc,
                'dependency',
                'error',
                doc.fm.locate(path),
                `the schedule lists ${value}, which is ${rfc.status ?? 'without status'}; only approved changes are scheduled`,
              ),
            );
          }
        }
      }
    }
    return out;
  },
};
