import { authorityProblem, checkAuthority, isApprovingStatus, rolesFor } from '../model/policy.js';
import { ownString } from '../repo/values.js';
import { defineRule } from './registry.js';

export default defineRule({
  id: 'approval-authority',
  description: 'An approved document names in `approved_by` a person whose role may approve that type.',
  help:
    'Each approving status of a type names the roles that may approve it (the task tables of ISO/IEC TR 29110-5-3, ' +
    'e.g. the Control Manager approves change requests in CO.2.1; "sms types --format md" lists them). The person in ' +
    'approved_by must be in the roles document with one of those roles on the day in approved_on. "sms set-status" ' +
    'records both fields for you. What Git history proves about the approval is checked by approval-evidence.',
  severity: 'error',
  needs: [],
  check(ctx, report) {
    for (const doc of ctx.documents) {
      if (!doc.data || !doc.type || !isApprovingStatus(doc.type, doc.status)) continue;
      const status = doc.status!;
      const allowed = rolesFor(doc.type, status);
      if (allowed.length === 0) continue;
      const by = ownString(doc.data, 'approved_by');
      if (by === undefined || by.trim() === '') {
        report({
          doc,
          field: ['status'],
          message: `status "${status}" needs "approved_by": a person holding ${allowed.join(', ')}`,
          hint: 'use "sms set-status" to approve, which records the approver',
        });
        continue;
      }
      const on = ownString(doc.data, 'approved_on');
      const check = checkAuthority(ctx.roles, by, doc.type, status, on);
      if (!check.ok) report({ doc, field: ['approved_by'], message: authorityProblem(check, `approver "${by}"`, doc.type, status, on) });
    }
  },
});
