import { isAllowedTransition } from '../model/types.js';
import { commitLabel, eventDoc } from './history-support.js';
import { defineRule } from './registry.js';

export default defineRule({
  id: 'status-transition',
  description: 'Every status change in history is an allowed transition; a new document starts in an initial status.',
  help:
    'The lifecycles of ISO/IEC TR 29110-5-3 (which task moves a work product from which status to which) are data of ' +
    'each type; "sms types --format md" draws them. Every status change in the checked commits (or, by default, in ' +
    'your uncommitted changes) must be one of them, and a new document must start in an initial status. A type ' +
    'decides who may approve a document, so a document keeps its type once it has left its first status, and never ' +
    'changes it in the commit that changes its status.',
  severity: 'error',
  needs: ['changes'],
  check(ctx, report) {
    for (const e of ctx.changes!.events) {
      const t = e.after?.type ? ctx.config.typeByKey.get(e.after.type) : undefined;
      const to = e.after?.status;
      if (!t || !to || !t.statuses.includes(to)) continue;
      const from = e.before?.status;
      // A type decides who may approve a document: a new type in the commit that moves it, or
      // once it has left its first status, would let the document choose its own judge.
      const was = e.before?.type;
      if (was && was !== t.key) {
        const old = ctx.config.typeByKey.get(was);
        if (from !== to || (from && old && !old.initial.includes(from))) {
          report({
            ...eventDoc(ctx, e),
            field: ['type'],
            message: `${e.id} changed its type from "${was}" to "${t.key}" (${commitLabel(e)}); a document keeps its type once it has left its first status, and never changes it with its status`,
            hint: 'change the type back, or create a new document of the other type',
          });
          continue;
        }
      }
      if (!e.before) {
        if (!t.initial.includes(to)) {
          report({
            ...eventDoc(ctx, e),
            field: ['status'],
            message: `${e.id} appeared already "${to}" (${commitLabel(e)}); a new ${t.key} starts as ${t.initial.map((s) => `"${s}"`).join(' or ')}`,
            hint: `create it as ${t.initial[0]} and change its status in a later commit`,
          });
        }
      } else if (from && from !== to && t.statuses.includes(from) && !isAllowedTransition(t, from, to)) {
        const allowed = t.transitions[from] ?? [];
        report({
          ...eventDoc(ctx, e),
          field: ['status'],
          message: `${e.id} went from "${from}" to "${to}" (${commitLabel(e)}), which the ${t.key} lifecycle does not allow`,
          hint: allowed.length ? `from "${from}" it may go to ${allowed.join(', ')}` : `"${from}" is a final status`,
        });
      }
    }
  },
});
