import { parseDate } from '../dates.js';
import { isInForce } from '../model/policy.js';
import { ownString } from '../repo/values.js';
import { clashText, eventOn, keyBusinessEvents, scheduledChanges } from '../repo/schedule.js';
import type { SmsDocument } from '../repo/documents.js';
import { defineRule } from './registry.js';

export default defineRule({
  id: 'change-freeze',
  description:
    'An approved change (or a stage of it) still to be deployed is not planned during a key business event of the change schedule that protects what it touches.',
  help:
    'The change schedule (WP.12) names key business events (a Christmas trade, a year-end closing) during which ' +
    'the services and configuration items they name must not be changed. An approved change not yet deployed (a ' +
    'deployed_on still ahead is a plan), or a stage of it planned after its deployment, whose planned day, in the ' +
    'schedule or on the change request, falls in such an event, and that touches what it ' +
    'protects (or does not say what it touches), is reported before the day comes. Move it, or name it in the ' +
    "event's allowed_changes when it was agreed to go ahead. `sms report changes` shows the same clashes, and " +
    'deployments that already happened during an event.',
  severity: 'warning',
  needs: [],
  check(ctx, report) {
    const schedule = ctx.documents.find((d) => d.type?.key === 'change-schedule' && d.data);
    if (!schedule?.data) return;
    const events = keyBusinessEvents(schedule.data);
    if (events.length === 0) return;
    const scheduled = scheduledChanges(schedule.data);
    for (const d of ctx.documents) {
      if (d.type?.key !== 'change-request' || !d.data || !d.id || !isInForce(d.type, d.status)) continue;
      // A deployment counts once its day has come: a deployed_on still ahead is a plan, not a way
      // out of the freeze.
      const deployed = parseDate(ownString(d.data, 'deployed_on'));
      const deployedOn = deployed !== undefined && deployed <= ctx.today ? deployed : undefined;
      const requested = parseDate(ownString(d.data, 'planned_date'));
      // Each planned deployment: the schedule's entries (a stage without a day takes the request's),
      // else the day the change request gives; located where the day is written. Only the
      // schedule's entries are stages: a change deployed without them has nothing still to come.
      const stages = scheduled.get(d.id);
      if (deployedOn !== undefined && !stages) continue;
      const plans: { day: string | undefined; doc: SmsDocument; field: (string | number)[] }[] = (
        stages ?? [{ planned: '', index: -1 }]
      ).map((s) =>
        s.planned !== ''
          ? { day: parseDate(s.planned), doc: schedule, field: ['changes', s.index, 'planned_date'] }
          : { day: requested, doc: d, field: ['planned_date'] },
      );
      const emergency = ownString(d.data, 'change_type') === 'emergency';
      for (const p of plans) {
        // A day gone by without a deployment is late, which the changes report says; not a clash to
        // prevent. A deployed change has stages still to come only after its deployment (a pilot,
        // then everyone).
        if (p.day === undefined || p.day < ctx.today || (deployedOn !== undefined && p.day <= deployedOn)) continue;
        const e = eventOn(events, d, p.day);
        if (!e) continue;
        report({
          doc: p.doc,
          field: p.field,
          message: `${d.id} is ${clashText(e, emergency ? 'an emergency change planned' : 'planned')}`,
          hint: "plan it for another day, or name it in the event's allowed_changes if it was agreed to go ahead",
        });
      }
    }
  },
});
