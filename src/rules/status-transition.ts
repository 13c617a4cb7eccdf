import { isAllowedTransition } from '../model/types.js';
import { commitLabel, eventDoc, uncommitted } from './history-support.js';
import { defineRule } from './registry.js';
import { aType, typeNoun } from '../strings.js';

export default defineRule({
  id: 'status-transition',
  description: 'Every status change in history is an allowed transition; a new document starts in an initial status.',
  help:
    'The lifecycles of ISO/IEC TR 29110-5-3 (which task moves a work product from which status to which) are data of ' +
    'each type; "sms types --format md" draws them. Every status change in the checked commits (or, by default, in ' +
    'your uncommitted changes) must be one of them, and a new document must start in an initial status. A type ' +
    'decides who may approve a document, so a document keeps its type once it has left its first status, and changes ' +
    'status only under the type it was created as: to change what a draft is, create a new document of the other type.',
  severity: 'error',
  needs: ['changes'],
  check(ctx, report) {
    const firstType = new Map<string, string>();
    const known = (k: string | undefined): string | undefined => (k && ctx.config.typeByKey.has(k) ? k : undefined);
    // Types there already: built in, defined at the base, or held by a document earlier in the
    // checked history. A type removed from the configuration was renamed only into a new one;
    // into a type that was there, its documents changed type.
    const existing = new Set<string>(ctx.changes!.baseTypes ?? []);
    for (const t of ctx.config.types) if (!t.custom) existing.add(t.key);
    for (const e of ctx.changes!.events) {
      // A deleted document is forgotten: an id added again starts afresh.
      if (!e.after || e.readded) firstType.delete(e.id);
      const t = e.after?.type ? ctx.config.typeByKey.get(e.after.type) : undefined;
      const to = e.after?.status;
      if (!t || !to || !t.statuses.includes(to)) continue;
      const from = e.before?.status;
      // A type decides who may approve a document, so a document does not choose a new one to be
      // judged by: no type change once it has left its first status, and no status change under
      // another type than the one it was created as (or first seen as in the checked history).
      // A type this configuration no longer has, left for a new one, was renamed (its documents
      // moved to the new key); two documents sharing an id are duplicate-id's to report, not one
      // document's history.
      const was = e.readded ? undefined : e.before?.type;
      const old = was ? ctx.config.typeByKey.get(was) : undefined;
      const renamed = was !== undefined && !old && !existing.has(t.key);
      const first = (renamed ? t.key : firstType.get(e.id)) ?? known(was) ?? was ?? t.key;
      firstType.set(e.id, first);
      if (e.before?.type) existing.add(e.before.type);
      existing.add(t.key);
      const single = (ctx.byId.get(e.id)?.length ?? 0) <= 1;
      // Of a type the configuration no longer has, only the new type's first statuses are known.
      const left = old ? !old.initial.includes(from ?? '') : !renamed && !t.initial.includes(from ?? '');
      if (single && was && was !== t.key && from && left) {
        report({
          ...eventDoc(ctx, e),
          field: ['type'],
          message: `${e.id} changed its type from "${was}" to "${t.key}" (${commitLabel(e)}) after leaving its first status; a document keeps its type once it has moved on`,
          hint: 'change the type back, or create a new document of the other type',
        });
        continue;
      }
      if (single && e.before && !e.readded && first !== t.key && from !== to) {
        report({
          ...eventDoc(ctx, e),
          field: ['type'],
          message: `${e.id} moved to "${to}" as ${aType(t.key)} (${commitLabel(e)}), but was created as ${aType(first)}; a document changes status only under the type it was created as`,
          hint: 'change the type back, or create a new document of the other type',
        });
        continue;
      }
      // An id added again as another type is a new document, not the old one continued.
      if (!e.before || (e.readded && e.before.type !== t.key)) {
        if (!t.initial.includes(to)) {
          report({
            ...eventDoc(ctx, e),
            field: ['status'],
            message: `${e.id} appeared already "${to}" (${commitLabel(e)}); a new ${typeNoun(t.key)} starts as ${t.initial.map((s) => `"${s}"`).join(' or ')}`,
            hint:
              `create it as ${t.initial[0]} and change its status in a later commit` +
              (uncommitted(e)
                ? ''
                : "; a squash merge puts a pull request's commits into one by whoever merges it: merge with a merge commit, or rebase"),
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
