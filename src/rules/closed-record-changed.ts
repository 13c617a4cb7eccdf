import { isFinished, sealedChanges } from '../model/policy.js';
import { commitLabel, eventDoc } from './history-support.js';
import { defineRule } from './registry.js';

const shown = (values: readonly string[] | undefined): string => (values?.length ? values.join(', ') : 'nothing');

export default defineRule({
  id: 'closed-record-changed',
  description: 'A closed record keeps the values it is measured by: priority, times, services and agreement.',
  help:
    'A closed incident is what was confirmed when it was closed (IN.2.5). Changing its priority, its opened, responded, ' +
    'resolved or outage times, its services or its agreement afterwards would change the service-level figures after ' +
    'the fact, for instance turn a breach into a met target. Reports measure such a record as it was closed and say what ' +
    'changed. Links (change requests, a problem) may still be added. To correct a mistake, say so in the record ' +
    'and in the performance report, where the customer sees it.',
  severity: 'warning',
  needs: ['changes'],
  check(ctx, report) {
    for (const e of ctx.changes!.events) {
      const s = e.after?.status;
      const t = e.after?.type ? ctx.config.typeByKey.get(e.after.type) : undefined;
      if (!t?.sealed?.length || !e.before || e.before.status !== s || !isFinished(t, s)) continue;
      const fields = sealedChanges(t, e.before.lists, e.after!.lists);
      if (fields.length === 0) continue;
      const what = fields.map((f) => `${f} from ${shown(e.before!.lists?.[f])} to ${shown(e.after!.lists?.[f])}`).join('; ');
      report({
        ...eventDoc(ctx, e),
        field: [fields[0]!],
        message: `${e.id} was changed after it was ${s} (${commitLabel(e)}): ${what}`,
        hint: `reports measure it as it was ${s}; leave these values as they were and explain a correction in the record's text`,
      });
    }
  },
});
