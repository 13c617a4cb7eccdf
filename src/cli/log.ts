import { smsError } from '../errors.js';
import { load, openConfig } from '../load.js';
import { logEntry, type LogDecision } from '../history/log-entry.js';
import type { DocState } from '../history/extract.js';
import { assessEvent } from '../history/timeline.js';
import { isDecision } from '../model/policy.js';
import type { CliIO } from './io.js';
import { progress } from './progress.js';
import { forTerminal } from '../formatters/terminal.js';

export interface LogOptions {
  id: string;
  format: 'text' | 'json';
}

export async function logCommand(io: CliIO, opts: LogOptions): Promise<number> {
  const config = openConfig(io.cwd);
  const reading = progress(io, 'Reading history');
  const loaded = await load(config, { history: 'all', onProgress: reading.update, env: io.env });
  reading.done();
  const timeline = loaded.timeline!;
  // The document's own events, and the commits that gave it another ID (its log would end
  // without a word otherwise).
  const events = timeline.byId.has(opts.id)
    ? timeline.events.filter((e) => e.id === opts.id || (e.before?.id === opts.id && e.after?.id !== undefined && e.after.id !== opts.id))
    : undefined;
  if (!events?.length) {
    const file = loaded.repository.documents.find((d) => d.id === opts.id)?.file;
    throw file ? smsError('ID_NOT_COMMITTED', { id: opts.id, file }) : smsError('ID_NOT_IN_HISTORY', { id: opts.id });
  }
  let previous: DocState | undefined;
  const entries = events.map((e) => {
    const entry = logEntry(e, previous ?? e.before, opts.id);
    previous = e.after ?? e.before ?? previous;
    const t = e.after?.type ? loaded.config.typeByKey.get(e.after.type) : undefined;
    const to = e.after?.status;
    // A clean merge decided nothing: its sides' commits did, and are listed with their decisions.
    if (t && to && !e.merged && isDecision(t, e.before, e.after)) {
      const a = assessEvent(e, t, loaded.config.history);
      entry.decision = {
        approvers: a.people.map((p) => ({
          name: p.name,
          ...(p.email ? { email: p.email } : {}),
          roles: p.roles.filter((r) => a.allowed.includes(r)),
          attribution: a.how.get(p)!,
        })),
        bootstrap: a.bootstrap,
        selfAsserted: a.evidence.filter((x) => x.how === 'self-asserted').map((x) => x.ref),
        ...(e.commit.signature ? { signed: e.commit.signature.status === 'G' } : {}),
      };
    }
    return entry;
  });
  if (opts.format === 'json') {
    io.stdout.write(`${JSON.stringify({ id: opts.id, entries }, null, 2)}\n`);
    return 0;
  }
  // Titles, names, file names and commit subjects come from the repository: each is made one line of
  // text without control characters, so none can paint a line of its own (a fake "Approved-by:").
  const line = (text: string): unknown => io.stdout.write(`${forTerminal(text)}\n`);
  line(`${opts.id}: ${events.at(-1)!.after?.title ?? events.at(-1)!.before?.title ?? ''}`);
  io.stdout.write('\n');
  for (const e of entries) {
    const status =
      e.statusBefore && e.statusAfter && e.statusBefore !== e.statusAfter
        ? `${e.statusBefore} → ${e.statusAfter}`
        : e.statusAfter
          ? `${e.statusAfter}`
          : `(was ${e.statusBefore ?? '?'})`;
    // The author is what anyone can set; who committed, when it was someone else, is said beside it.
    // So is the author's date: a commit made on another day says when.
    const committedOn = e.committer.date?.slice(0, 10);
    const committedBy =
      e.committer.email.toLowerCase() !== e.author.email.toLowerCase()
        ? `committed by ${e.committer.name}${committedOn ? ` on ${committedOn}` : ''}`
        : committedOn && committedOn !== e.date.slice(0, 10)
          ? `committed on ${committedOn}`
          : '';
    // An approver written in (or replaced) in a commit that decides nothing is an edit, not an approval.
    const approvedBy = !e.approvedBy
      ? ''
      : e.decision
        ? `approved_by ${e.approvedBy}`
        : `approved_by ${e.approvedByBefore ? `${e.approvedByBefore} → ` : ''}${e.approvedBy}, no decision in this commit`;
    const extra = [
      committedBy,
      e.renamedFrom ? `renamed from ${e.renamedFrom}` : '',
      e.idBefore ? `id changed from ${e.idBefore}` : '',
      e.idAfter ? `id changed to ${e.idAfter}` : '',
      e.takesOverId ? "the ID given to another document: the entries above are the deleted one's" : '',
      e.titleBefore !== undefined ? `title was "${e.titleBefore}"` : '',
      approvedBy,
      e.approvedByTrailers.length ? `Approved-by: ${e.approvedByTrailers.join(', ')}` : '',
      e.decision ? decisionText(e.decision) : '',
    ]
      .filter(Boolean)
      .join('; ');
    line(
      `${e.date.slice(0, 10)}  ${e.commit.slice(0, 7)}  ${forTerminal(e.author.name).padEnd(18)}  ${e.event.padEnd(8)}  ${forTerminal(status).padEnd(20)}  ${e.subject}${extra ? `  [${extra}]` : ''}`,
    );
  }
  return 0;
}

function decisionText(d: LogDecision): string {
  const who = d.approvers.length
    ? `decided by ${d.approvers.map((a) => `${a.name} (${a.roles.join('/')}, by ${a.attribution})`).join(', ')}`
    : 'no one with the deciding role';
  return [who, d.bootstrap ? 'roles bootstrap' : '', d.selfAsserted.length ? `self-asserted: ${d.selfAsserted.join(', ')}` : '']
    .filter(Boolean)
    .join('; ');
}
