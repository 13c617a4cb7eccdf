import { isFinished, isInForce } from '../model/policy.js';
import type { DocEvent } from '../history/timeline.js';
import { commitLabel, eventDoc } from './history-support.js';
import { defineRule } from './registry.js';

export default defineRule({
  id: 'record-deleted',
  description: 'A record, or a document that was ever more than a draft, is not deleted or moved out of the folders sms reads.',
  help:
    'Git keeps a deleted file, but sms reads the documents of the working tree: an open incident that breached its ' +
    'target, a complaint, a rejected change request or an agreement that owed reports would leave the reports and the ' +
    'audit without a word. Every document deleted (or moved where sms does not read it, or given another type) is ' +
    'reported, with the commit, unless it was only ever a draft or it is back under its ID by the end. A renumbering in ' +
    'place is no deletion. A closed record is reported by closed-record-changed instead. To take a document out of force, ' +
    'move it to a status that ends it (retired, rejected, closed) and say why in its text.',
  severity: 'warning',
  needs: ['changes'],
  check(ctx, report) {
    // Per ID: its last event, and whether any version was more than a draft or was finished.
    const last = new Map<string, DocEvent>();
    const evidence = new Map<string, string>();
    const finished = new Set<string>();
    for (const e of ctx.changes!.events) {
      last.set(e.id, e);
      for (const state of [e.before, e.after]) {
        if (state?.id !== e.id || state.status === undefined || state.status === 'draft') continue;
        evidence.set(e.id, state.status);
        const t = state.type ? ctx.config.typeByKey.get(state.type) : undefined;
        if (t?.sealed?.length && isFinished(t, state.status)) finished.add(e.id);
      }
    }
    for (const [id, e] of last) {
      if (e.after || !e.before || ctx.byId.has(id) || finished.has(id)) continue;
      const t = e.before.type ? ctx.config.typeByKey.get(e.before.type) : undefined;
      const was = evidence.get(id);
      if (!t || was === undefined) continue;
      const status = e.before.status ?? was;
      // The statuses that end it from where it was, as what to do instead.
      const ends = (t.transitions[status] ?? []).filter((s) => isFinished(t, s) && !isInForce(t, s));
      report({
        ...eventDoc(ctx, e),
        message: `${id} was deleted while it was ${status} (${commitLabel(e)})`,
        hint:
          'keep it: it is evidence of what happened (git checkout its last version back)' +
          (ends.length
            ? `, and to end it, sms set-status ${id} ${ends[0]} with the reason in its text`
            : ', and say in its text what was wrong with it'),
      });
    }
  },
});
