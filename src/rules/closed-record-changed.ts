import { isFinished, sealedChanges } from '../model/policy.js';
import { commitLabel, eventDoc } from './history-support.js';
import { defineRule } from './registry.js';

const shown = (values: readonly string[] | undefined): string => (values?.length ? values.join(', ') : 'nothing');

export default defineRule({
  id: 'closed-record-changed',
  description: 'A closed record keeps the values it is measured by: priority, times, services and agreement.',
  help:
    'A closed incident is what was confirmed when it was closed (IN.2.5). Changing its priority, its opened, responded, ' +
    'resolved or outage times, its services or its agreement afterwards, or deleting it, would change the service-level ' +
    'figures after the fact, for instance turn a breach into a met target. Each change is compared with the record as it ' +
    'was first closed, so a detour through another or a missing status hides nothing; the same instant written with ' +
    'another offset, or a list in another order, is no change. Reports measure such a record as it was closed and say ' +
    'what changed. Links (change requests, a problem) and text may still be added. To correct a mistake, say so in the ' +
    'record and in the performance report, where the customer sees it.',
  severity: 'warning',
  needs: ['changes'],
  check(ctx, report) {
    // Per record, its measured values when it was first closed.
    const closing = new Map<string, Readonly<Record<string, readonly string[]>>>();
    for (const e of ctx.changes!.events) {
      const key = e.after?.type ?? e.before?.type;
      const t = key ? ctx.config.typeByKey.get(key) : undefined;
      if (!t?.sealed?.length) continue;
      // Without the earlier history (an uncommitted change), the version it changes was closed already.
      const was = closing.get(e.id) ?? (isFinished(t, e.before?.status) ? (e.before!.lists ?? {}) : undefined);
      if (!e.after) {
        if (was !== undefined)
          report({
            ...eventDoc(ctx, e),
            message: `${e.id} was deleted after it was closed (${commitLabel(e)})`,
            hint: 'a closed record is evidence of what happened: keep it, and say in its text what was wrong with it',
          });
        continue;
      }
      const s = e.after.status;
      if (!isFinished(t, s)) continue;
      if (was === undefined) {
        closing.set(e.id, e.after.lists ?? {});
        continue;
      }
      closing.set(e.id, was);
      const fields = sealedChanges(t, was, e.after.lists);
      // Reported where it changed: in this commit, or on the way back from another status.
      const here = e.before?.status !== s || sealedChanges(t, e.before?.lists, e.after.lists).length > 0;
      if (fields.length === 0 || !here) continue;
      const what = fields.map((f) => `${f} from ${shown(was[f])} to ${shown(e.after!.lists?.[f])}`).join('; ');
      report({
        ...eventDoc(ctx, e),
        field: [fields[0]!],
        message: `${e.id} was changed after it was ${s} (${commitLabel(e)}): ${what}`,
        hint: `reports measure it as it was ${s}; leave these values as they were and explain a correction in the record's text`,
      });
    }
  },
});
