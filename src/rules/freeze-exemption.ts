import { needsAuthority } from '../model/policy.js';
import { samePerson } from '../model/roles.js';
import { own, ownString, records, stringValues } from '../repo/values.js';
import { assess, commitLabel, eventDoc } from './history-support.js';
import { defineRule } from './registry.js';

const EXEMPTIONS = 'key_business_events[].allowed_changes';

export default defineRule({
  id: 'freeze-exemption',
  description:
    "A change let go ahead during a key business event (allowed_changes) was let through by someone with authority over the change schedule, not by the change's own requester.",
  help:
    "A key business event's allowed_changes exempts the changes it names from the freeze, so adding one is a " +
    'decision about the change schedule (WP.12), which the Change Manager keeps. The commit that adds a change there, ' +
    "to a schedule in a status that needs authority, must come from someone holding that status's deciding role " +
    'in the roles document in force before the commit (its author or committer, as for approvals), and not from ' +
    'the person who requested the change (its requested_by), unless history.requester_may_approve is set. An ' +
    'exemption added to a draft schedule is decided by whoever approves the schedule. Exemptions are judged while ' +
    'they still stand in the schedule. See "History rules" in the README.',
  severity: 'error',
  needs: ['commits'],
  check(ctx, report) {
    // The exemptions the schedule grants now: one withdrawn since lets nothing through any more.
    const standing = new Set(
      ctx.documents
        .filter((d) => d.type?.key === 'change-schedule')
        .flatMap((d) => records(own(d.data, 'key_business_events')))
        .flatMap((e) => stringValues(own(e, 'allowed_changes'))),
    );
    if (standing.size === 0) return;
    for (const e of ctx.changes!.events) {
      const t = e.after?.type ? ctx.config.typeByKey.get(e.after.type) : undefined;
      const status = e.after?.status;
      // A clean merge put its sides' changes together: each was judged in its own commit.
      if (t?.key !== 'change-schedule' || !status || e.merged || !needsAuthority(t, status)) continue;
      const before = new Set(e.before?.lists?.[EXEMPTIONS] ?? []);
      const added = [...new Set(e.after!.lists?.[EXEMPTIONS] ?? [])].filter((id) => !before.has(id) && standing.has(id));
      if (added.length === 0) continue;
      const a = assess(ctx, e, t);
      for (const id of added) {
        if (a.people.length === 0) {
          report({
            ...eventDoc(ctx, e),
            field: ['key_business_events'],
            message: `${id} was let go ahead during a key business event (allowed_changes) in ${commitLabel(e)}, but no one in that commit held ${a.allowed.join(' or ')} in the roles document in force`,
            hint: 'have the Change Manager add the exemption in a commit of their own',
          });
          continue;
        }
        const change = ctx.byId.get(id)?.find((d) => d.type?.key === 'change-request');
        const requester = change?.type?.requester ? ownString(change.data, change.type.requester) : undefined;
        if (ctx.config.history.requesterMayApprove || !requester) continue;
        if (a.people.every((p) => samePerson(e.roles, requester, p.email ?? p.name))) {
          report({
            ...eventDoc(ctx, e),
            field: ['key_business_events'],
            message: `${id} was let go ahead during a key business event (allowed_changes) by its own requester, ${a.people.map((p) => p.name).join(', ')} (${commitLabel(e)})`,
            hint: 'someone other than the requester, with authority over the change schedule, decides an exemption from a freeze',
          });
        }
      }
    }
  },
});
