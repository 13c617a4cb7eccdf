import { isApproval, isDecision, namesApprover, needsAuthority, signingRequired, type EvidenceRef } from '../model/policy.js';
import type { Person } from '../model/roles.js';
import { commitDay, decisionDay, type DocEvent } from '../history/timeline.js';
import { assess, commitLabel, eventDoc } from './history-support.js';
import { defineRule } from './registry.js';

export default defineRule({
  id: 'approval-evidence',
  description:
    'The commit that approves (or rejects) a document is attributable to someone who held a deciding role at that time, and approved_by agrees.',
  help:
    'Git history is the evidence of a decision. The commit that moves a document into an approving status, or into ' +
    'another status that needs authority (a rejection; a test report created published, a warning), must come from someone who held one of the deciding roles ' +
    'in the roles document in force before that commit: its last version approved by a commit that itself counts here ' +
    '(an edit of a roles document kept "updated" by someone without a deciding role grants nothing; a roles document set back to ' +
    'draft grants nothing new; the very first approval of the roles document may come from a person it names as SM ' +
    "or MGT, and is marked as the bootstrap). The commit's author and committer count as its approver; an " +
    'Approved-by trailer counts only when it names the signer of a signature git verified, or in a commit made by a committer listed in ' +
    'history.trusted_committers, otherwise it is self-asserted and ignored. With history.require_signed: approvals ' +
    'only a verified signature counts (but for the commits already in history at the commit whose sms.config.yaml ' +
    'turned it on). approved_by must name the approver. A decision is judged on the day of its ' +
    "commit in the organisation's time zone: its author date's, or its committer date where that is later and the " +
    'author committed it too (git commit --date moves only the author date). See "History rules" in the README.',
  severity: 'error',
  needs: ['commits'],
  check(ctx, report) {
    for (const e of ctx.changes!.events) {
      const t = e.after?.type ? ctx.config.typeByKey.get(e.after.type) : undefined;
      const status = e.after?.status;
      // A clean merge of approved changes: each was judged in its side's commit, not by who merged.
      if (!t || !status || e.merged) continue;
      if (!isDecision(t, e.before, e.after) || !needsAuthority(t, status)) continue;
      const approval = isApproval(t, e.before, e.after);
      // A record created straight into a status that needs authority but approves nothing (a test
      // report is born published): whoever did the work often commits it and the deciding role
      // merges it, so a warning, not an error.
      const bornDecided = !approval && e.before === undefined;
      const a = assess(ctx, e, t);
      if (a.people.length === 0) {
        report({
          ...eventDoc(ctx, e),
          field: ['status'],
          message: `${e.id} was ${!e.before ? `created as "${status}"` : e.before.status === status ? `edited while "${status}", which approves it again,` : `moved to "${status}"`} in ${commitLabel(e)}, but ${noApprover(a.evidence, a.allowed, e.roles.people.length === 0, e, signingRequired(e.commit, ctx.config.history))}`,
          hint: hintFor(a.evidence, a.allowed, signingRequired(e.commit, ctx.config.history)),
          ...(bornDecided ? { severity: 'warning' as const } : {}),
        });
        continue;
      }
      const named = e.after!.fields.approved_by;
      if (approval && named && !namesApprover(a, e.roles, named, { data: e.after!.data })) {
        report({
          ...eventDoc(ctx, e),
          field: ['approved_by'],
          message: `approved_by says "${named}", but ${e.id} was approved by ${a.people.map((p) => p.name).join(', ')} (${commitLabel(e)})`,
          hint: 'approved_by must name the person whose commit approved it',
        });
      }
    }
  },
});

function noApprover(
  evidence: EvidenceRef[],
  allowed: string[],
  noRoles: boolean,
  e: Pick<DocEvent, 'commit' | 'rolesSince' | 'bootstrapSpent'> & { roles: { resolve(r: string): Person | undefined } },
  signed: string,
): string {
  const counted = evidence.filter((x) => x.counts);
  const held = counted
    .map((x) => e.roles.resolve(x.ref))
    .filter((p): p is Person => Boolean(p))
    .map((p) => `${p.name} held ${p.roles.join(', ') || 'no role'}${p.until ? ` until ${p.until}` : ''}`);
  const parts = [
    `no one in that commit (${[...new Set(counted.map((x) => x.ref))].join(', ') || 'nobody'}) held ${allowed.join(' or ')} in the roles document in force at that time`,
  ];
  if (held.length) parts.push(`(${[...new Set(held)].join('; ')})`);
  else if (noRoles && e.bootstrapSpent)
    parts.push(
      '(no approval of the roles document had come into force on this line of history; another line approved one of its own while none was in force too, so neither counts: history cannot tell which came first)',
    );
  else if (noRoles) parts.push('(no approval of the roles document had come into force yet)');
  const asserted = evidence.filter((x) => x.how === 'self-asserted');
  if (asserted.length) {
    parts.push(
      `; the Approved-by trailer${asserted.length > 1 ? 's' : ''} naming ${asserted.map((x) => x.ref).join(', ')} ${asserted.length > 1 ? 'are' : 'is'} self-asserted: neither a verified signature of the person named nor a trusted committer vouches for it`,
    );
  }
  if (signed !== 'none' && evidence.every((x) => x.how !== 'signature'))
    parts.push(`; it has no verified signature (history.require_signed: ${signed})`);
  const day = decisionDay(e);
  if (day !== commitDay(e.commit)) {
    const after = day === e.rolesSince ? `the roles change of ${day}` : `a commit dated ${day} under it`;
    parts.push(`; the commit is dated ${commitDay(e.commit)} but comes after ${after}, so it counts from that day`);
  }
  return parts.join(' ').replaceAll(' ;', ';');
}

function hintFor(evidence: EvidenceRef[], allowed: string[], signed: string): string {
  if (signed !== 'none') return `the decision must be committed with a verified signature of someone with ${allowed.join('/')}`;
  if (evidence.some((x) => x.how === 'self-asserted')) {
    return `commit it as someone with ${allowed.join('/')}, sign the commit, or merge it through a committer listed in history.trusted_committers`;
  }
  return `the decision must be committed by someone with ${allowed.join('/')}`;
}
