import { needsAuthority } from '../model/policy.js';
import { samePerson } from '../model/roles.js';
import type { DocEvent } from '../history/timeline.js';
import { own, ownString, records, stringValues } from '../repo/values.js';
import { assess, commitLabel, eventDoc } from './history-support.js';
import { defineRule, type FindingInput, type RuleContext } from './registry.js';

/**
 * The exemptions a version of the schedule grants, as "event\0change" keys: an exemption is for
 * one event as it stood when it was decided (its days, what it protects, its name), so moving it
 * to another event, or widening the event it is in, is a decision of its own. Each with the index
 * of its event in key_business_events.
 */
function exemptions(data: Readonly<Record<string, unknown>> | null | undefined): Map<string, number> {
  const out = new Map<string, number>();
  const events = own(data, 'key_business_events');
  for (const [i, raw] of (Array.isArray(events) ? events : []).entries()) {
    const [e] = records([raw]);
    if (!e) continue;
    const event = JSON.stringify([
      ownString(e, 'date'),
      ownString(e, 'until'),
      ownString(e, 'event'),
      stringValues(own(e, 'services')),
      stringValues(own(e, 'configuration_items')),
    ]);
    for (const id of stringValues(own(e, 'allowed_changes'))) out.set(`${event}\0${id}`, i);
  }
  return out;
}

const changeOf = (key: string): string => key.slice(key.indexOf('\0') + 1);

export default defineRule({
  id: 'freeze-exemption',
  description:
    "A change let go ahead during a key business event (allowed_changes) was let through by someone with authority over the change schedule, not by the change's own requester.",
  help:
    "A key business event's allowed_changes exempts the changes it names from the freeze, so adding one is a " +
    'decision about the change schedule (WP.12), which the Change Manager keeps. The commit that adds a change there, ' +
    "to a schedule in a status that needs authority, must come from someone holding that status's deciding role " +
    'in the roles document in force before the commit (its author or committer, as for approvals), and not from ' +
    "anyone who has been the change's requester (its requested_by) by then, unless history.requester_may_approve is " +
    'set. An exemption added while the schedule needs no authority (a draft) is judged against the commit that next ' +
    'puts the schedule in a status that does. An exemption is for one event as it stood: moving it to another event, ' +
    "or changing the event's days or what it protects, is decided anew. Each exemption standing in the schedule is " +
    'judged by the last commit that decided it: withdrawn and added again by the Change Manager, it is theirs. A ' +
    'schedule created already in force with exemptions (a repository imported in one commit) is a warning, as ' +
    'approval-evidence does for it. See "History rules" in the README.',
  severity: 'error',
  needs: ['commits'],
  check(ctx, report) {
    const schedules = ctx.documents.filter((d) => d.type?.key === 'change-schedule');
    const standing = new Map(schedules.flatMap((d) => [...exemptions(d.data)]));
    if (standing.size === 0) return;
    // Everyone who has been each change's requester, commit by commit.
    const requesters = new Map<string, Set<string>>();
    // The finding (if any) of the last commit that decided each exemption; undefined when it held.
    const decided = new Map<string, FindingInput | undefined>();
    // Exemptions added while the schedule needed no authority, not yet decided.
    const pending = new Set<string>();
    const settings = ctx.config.history;
    // A change request's requester counts from its commit on, whatever order the commit's
    // documents come in: one created and exempted in one commit is its requester's already.
    const askedIn = new Map<string, [string, string][]>();
    for (const e of ctx.changes!.events) {
      const t = e.after?.type ? ctx.config.typeByKey.get(e.after.type) : undefined;
      const r = t?.requester ? e.after?.fields[t.requester] : undefined;
      if (r) askedIn.set(e.commit.sha, [...(askedIn.get(e.commit.sha) ?? []), [e.id, r]]);
    }
    let commit: string | undefined;
    for (const e of ctx.changes!.events) {
      if (e.commit.sha !== commit) {
        commit = e.commit.sha;
        for (const [id, r] of askedIn.get(commit) ?? []) requesters.set(id, (requesters.get(id) ?? new Set()).add(r));
      }
      const t = e.after?.type ? ctx.config.typeByKey.get(e.after.type) : undefined;
      if (t?.key !== 'change-schedule' || e.merged) continue;
      const before = exemptions(e.before?.data);
      const after = exemptions(e.after?.data);
      for (const k of [...decided.keys()]) if (!after.has(k)) decided.delete(k);
      for (const k of [...pending]) if (!after.has(k)) pending.delete(k);
      const added = [...after.keys()].filter((k) => !before.has(k));
      const status = e.after?.status;
      if (!status || !needsAuthority(t, status)) {
        for (const k of added) pending.add(k);
        continue;
      }
      const toJudge = [...new Set([...added, ...pending])];
      pending.clear();
      if (toJudge.length === 0) continue;
      const a = assess(ctx, e, t);
      // Created already in force: whoever did the work often commits it (approval-evidence warns too).
      const born = e.before === undefined ? { severity: 'warning' as const } : {};
      for (const k of toJudge) decided.set(k, judge(ctx, e, k, a, requesters, settings.requesterMayApprove, born));
    }
    for (const [k, i] of standing) {
      const finding = decided.get(k);
      // Pointed at the list that grants it now.
      if (finding) report({ ...finding, field: ['key_business_events', i, 'allowed_changes'] });
    }
  },
});

function judge(
  ctx: RuleContext,
  e: DocEvent,
  key: string,
  a: ReturnType<typeof assess>,
  requesters: ReadonlyMap<string, ReadonlySet<string>>,
  requesterMayApprove: boolean,
  born: { severity?: 'warning' },
): FindingInput | undefined {
  const id = changeOf(key);
  const where = { ...eventDoc(ctx, e), field: ['key_business_events'], ...born };
  if (a.people.length === 0) {
    return {
      ...where,
      message: `${id} was let go ahead during a key business event (allowed_changes) in ${commitLabel(e)}, but no one in that commit held ${a.allowed.join(' or ')} in the roles document in force`,
      hint: 'have the Change Manager add the exemption in a commit of their own',
    };
  }
  // Everyone who had been its requester by then, and whoever it names now (with --base, history
  // before the base is not read).
  const change = ctx.byId.get(id)?.find((d) => d.type?.key === 'change-request');
  const now = change?.type?.requester ? ownString(change.data, change.type.requester) : undefined;
  const asked = [...(requesters.get(id) ?? []), ...(now ? [now] : [])];
  if (requesterMayApprove || asked.length === 0) return undefined;
  if (!a.people.every((p) => asked.some((r) => samePerson(e.roles, r, p.email ?? p.name)))) return undefined;
  return {
    ...where,
    message: `${id} was let go ahead during a key business event (allowed_changes) by its own requester, ${a.people.map((p) => p.name).join(', ')} (${commitLabel(e)})`,
    hint: 'someone other than the requester, with authority over the change schedule, decides an exemption from a freeze',
  };
}
