import {
  asRequestedBy,
  isApproval,
  isExemptFromSelfApproval,
  isSelfApproval,
  leavesExemption,
  requesterWithdrawnBySelf,
  selfApprovalApplies,
} from '../model/policy.js';
import { parseDate } from '../dates.js';
import { decisionDay } from '../history/timeline.js';
import { ownString } from '../repo/values.js';
import { assess, commitLabel, eventDoc, modelsAtEvents } from './history-support.js';
import { defineRule } from './registry.js';

export default defineRule({
  id: 'self-approval',
  description: 'A document that names a requester (a change request) is not approved by that requester.',
  help:
    'Good practice beyond the standard (which does not require it, and in an organisation with one Control Manager ' +
    'cannot always be met): whoever asked for a change should not also approve it. A warning by default. The requester is the ' +
    'field the type names (requested_by for change requests), and with history one who took their own name off it in an earlier commit; ' +
    'with no requester named, or one the roles document does not list (an address no one holds), whoever drafted it in Git. ' +
    'Pre-approved changes are exempt (they were approved once as a model) when they name a model the change procedure ' +
    'lists, proven and agreed by the day of the approval (rule pre-approved-model; until version 0.2 the label ' +
    'change_type: pre-approved exempted a change on its own). A later approval that makes it a normal change is checked ' +
    'as its first approval would have been. Checked on approved_by in the working ' +
    'tree and, with --base/--history, on the commit that approved, against the document both before and after that commit ' +
    '(renaming the requester or making the change pre-approved in the approving commit does not help); one approval ' +
    "is one finding, the commit's once it is committed. " +
    'history.requester_may_approve: true switches it ' +
    'off. Until version 0.2 these findings were reported as separation-of-duties, and a separation-of-duties setting ' +
    'in sms.config.yaml still applies to this rule when it has no setting of its own.',
  severity: 'warning',
  needs: [],
  aliases: ['separation-of-duties'],
  check(ctx, report) {
    const settings = ctx.config.history;
    // With history, the commit that approved is the finding; the working tree's approved_by says
    // the same thing again unless the approval is not committed yet.
    const reported = new Set<string>();
    // The approvals history found exempt under the models agreed then, by document: approved_by as
    // the approving commit recorded it. The working tree does not judge them again against today's
    // list of models (a model retired since, a revision of the change procedure in progress).
    const exemptThen = new Map<string, string | undefined>();
    if (ctx.changes?.mode === 'commits') {
      const modelsAt = modelsAtEvents(ctx, ctx.changes.events, ctx.changes.graph);
      // Requesters who took their own name off a document in an earlier commit than its approval
      // (see requesterWithdrawnBySelf), by id.
      const withdrawn = new Map<string, string[]>();
      for (const e of ctx.changes.events) {
        const t = e.after?.type ? ctx.config.typeByKey.get(e.after.type) : undefined;
        const earlier = withdrawn.get(e.id) ?? [];
        const off = t ? requesterWithdrawnBySelf(t, e) : undefined;
        if (off !== undefined) withdrawn.set(e.id, [...earlier, off]);
        if (!t || e.merged || !isApproval(t, e.before, e.after)) continue;
        const exemption = { models: modelsAt(e), day: decisionDay(e) };
        if (isExemptFromSelfApproval(t, e.after!.fields, exemption.models, exemption.day))
          exemptThen.set(e.id, e.after!.fields.approved_by);
        const applies =
          selfApprovalApplies(t, e.after!.status, e.before?.status) ||
          leavesExemption(t, e.before?.status, e.before?.fields, e.after!.fields, exemption);
        if (!applies) continue;
        const { people } = assess(ctx, e, t);
        if (people.length === 0) continue;
        const drafter = e.createdBy ? `${e.createdBy.name} <${e.createdBy.email}>` : undefined;
        const selfIn = (fields: Readonly<Record<string, unknown>>): boolean =>
          people.every((p) => isSelfApproval(e.roles, t, fields, p.email ?? p.name, settings, exemption, drafter));
        // Judged on the document as it was before the approving commit too: the commit that approves
        // may also rename the requester or make the change pre-approved.
        if (
          !selfIn(e.after!.fields) &&
          !(e.before && selfIn(e.before.fields)) &&
          !earlier.some((r) => selfIn(asRequestedBy(t, e.after!.fields, r)))
        )
          continue;
        reported.add(e.id);
        report({
          ...eventDoc(ctx, e),
          field: ['approved_by'],
          message: `${e.id} was approved by ${people.map((p) => p.name).join(', ')}, who also requested or drafted it (${commitLabel(e)})`,
          hint: 'another person with the approving role must approve it (pre-approved changes under a proven model are exempt; history.requester_may_approve switches this off)',
        });
      }
    }
    for (const doc of ctx.documents) {
      if (!doc.data || !doc.type || !selfApprovalApplies(doc.type, doc.status) || (doc.id && reported.has(doc.id))) continue;
      const by = ownString(doc.data, 'approved_by');
      if (doc.id && by !== undefined && exemptThen.has(doc.id) && exemptThen.get(doc.id) === by) continue;
      const exemption = { models: ctx.models, day: parseDate(ownString(doc.data, 'approved_on')) };
      if (by === undefined || !isSelfApproval(ctx.roles, doc.type, doc.data, by, settings, exemption)) continue;
      report({
        doc,
        field: ['approved_by'],
        message: `the requester (${ownString(doc.data, doc.type.requester!)}) approved their own ${doc.type.key}`,
        hint: 'another person with the approving role must approve it (pre-approved changes under a proven model are exempt)',
      });
    }
  },
});
