import { approversOf, evidenceOf, isApproval, rolesFor } from '../model/policy.js';
import { samePerson, type Person } from '../model/roles.js';
import { commitLabel, eventDoc } from './history-support.js';
import { defineRule } from './registry.js';

export default defineRule({
  id: 'approval-evidence',
  description:
    'The commit that approves a document is attributable to someone who held an approving role at that time, and approved_by agrees.',
  help:
    'Git history is the evidence of an approval: the commit that moves a document into an approving status must ' +
    'come from someone who held one of the approving roles in the roles document as it was before that commit, ' +
    'judged by the identities history.attribution allows (commit author, committer, Approved-by trailers). ' +
    'approved_by must then name that person. See "History rules" in the README for the trust model.',
  severity: 'error',
  needs: ['commits'],
  check(ctx, report) {
    const settings = ctx.config.history;
    for (const e of ctx.changes!.events) {
      const t = e.after?.type ? ctx.config.typeByKey.get(e.after.type) : undefined;
      if (!t || !isApproval(t, e.before, e.after)) continue;
      const status = e.after!.status!;
      const allowed = rolesFor(t, status);
      if (allowed.length === 0) continue;
      const evidence = evidenceOf(e.commit, settings);
      const day = e.commit.date.slice(0, 10);
      const { people } = approversOf(e.roles, t, status, evidence, day);
      if (people.length === 0) {
        const who = evidence.map((x) => x.ref);
        const held = who
          .map((w) => e.roles.resolve(w))
          .filter((p): p is Person => Boolean(p))
          .map((p) => `${p.name} held ${p.roles.join(', ') || 'no role'}${p.until && p.until < day ? ` until ${p.until}` : ''}`);
        const none = e.roles.people.length === 0 ? ' (there was no roles document yet)' : '';
        report({
          ...eventDoc(ctx, e),
          field: ['status'],
          message: `${e.id} was moved to "${status}" in ${commitLabel(e)}, but no one in that commit (${who.join(', ') || 'nobody'}) held ${allowed.join(' or ')} in the roles document at that time${held.length ? ` (${held.join('; ')})` : none}`,
          hint: `the approval must be committed by someone with ${allowed.join('/')}, or carry an "Approved-by: Name <email>" trailer`,
        });
        continue;
      }
      const named = e.after!.fields.approved_by;
      if (named && !people.some((p) => samePerson(e.roles, named, p.email ?? p.name))) {
        report({
          ...eventDoc(ctx, e),
          field: ['approved_by'],
          message: `approved_by says "${named}", but ${e.id} was approved in ${commitLabel(e)} by ${people.map((p) => p.name).join(', ')}`,
          hint: 'approved_by must name the person whose commit approved it',
        });
      }
    }
  },
});
