import { isFinished } from '../model/policy.js';
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
    'reported, with the commit, unless it was only ever a draft or it is back under its ID by the end; so is one whose ' +
    'file now holds something else (a link). A renumbering is no deletion: in place, or with the file renamed in the ' +
    'same commit to a document of the same type that says the same; nor is a file still there whose front matter no ' +
    'longer reads, which its own error reports. A closed record is reported by closed-record-changed ' +
    'instead. The reports list an incident deleted by the end of their period and measure one deleted after it as it ' +
    'stood. To take a document out of force, move it through its lifecycle to a status that ends it and say why in its text.',
  severity: 'warning',
  needs: ['changes'],
  check(ctx, report) {
    // Per ID, as its events go: the last status that was more than a draft, whether history saw it
    // closed (then closed-record-changed reports its deletion), and a deletion not undone yet.
    const evidence = new Map<string, string>();
    const closed = new Set<string>();
    const pending = new Map<string, DocEvent>();
    const reportDeletion = (id: string, e: DocEvent, reusedBy?: DocEvent): void => {
      const t = e.before?.type ? ctx.config.typeByKey.get(e.before.type) : undefined;
      const was = evidence.get(id);
      if (!t || was === undefined || (t.sealed?.length && (closed.has(id) || isFinished(t, e.before!.status)))) return;
      const status = e.before!.status ?? was;
      report({
        ...eventDoc(ctx, reusedBy ?? e),
        message:
          `${id} was deleted while it was ${status}${status === was ? '' : `, after it had been ${was}`} (${commitLabel(e)})` +
          (reusedBy ? `, and its ID given to another document (${commitLabel(reusedBy)})` : ''),
        hint: 'keep it: it is evidence of what happened (git checkout its last version back); if it should not count, say why in its text and end it through its lifecycle',
      });
    };
    for (const e of ctx.changes!.events) {
      const gone = pending.get(e.id);
      // Put back as it was is no deletion; another document under the ID does not undo one.
      const reused = gone !== undefined && e.after?.id === e.id && e.after.contentHash !== gone.before!.contentHash;
      if (gone && e.after?.id === e.id) pending.delete(e.id);
      if (reused) {
        reportDeletion(e.id, gone, e);
        evidence.delete(e.id);
        closed.delete(e.id);
      }
      for (const state of reused ? [e.after] : [e.before, e.after]) {
        if (state?.id !== e.id || state.status === undefined || state.status === 'draft') continue;
        evidence.set(e.id, state.status);
      }
      const t = e.after?.type ? ctx.config.typeByKey.get(e.after.type) : undefined;
      if (t?.sealed?.length && isFinished(t, e.after?.status)) closed.add(e.id);
      // Gone: deleted, or what is at its path now is no document of that ID (a link, say).
      if (e.before && e.after?.id !== e.id) pending.set(e.id, e);
    }
    // A file still there whose front matter no longer reads (a tab, a lost closing line) is being
    // edited, not deleted: its own error says what is wrong, and "check it out again" would lose the edit.
    const unreadable = new Set(ctx.documents.filter((d) => d.id === undefined).map((d) => d.file));
    for (const [id, e] of pending) if (!ctx.byId.has(id) && !unreadable.has(e.path)) reportDeletion(id, e);
  },
});
