import { SmsError } from '../diagnostic.js';
import { loadConfig } from '../repo/config.js';
import { loadHistory } from '../history/read.js';
import type { DocEvent } from '../history/timeline.js';
import type { CliIO } from './io.js';

export interface LogOptions {
  id: string;
  format: 'text' | 'json';
}

/** The JSON shape of `sms log --format json` (a public interface: add fields, never rename). */
export interface LogEntry {
  commit: string;
  date: string;
  author: { name: string; email: string };
  committer: { name: string; email: string };
  subject: string;
  path: string;
  renamedFrom?: string;
  event: 'created' | 'changed' | 'renamed' | 'deleted' | 'readded';
  statusBefore?: string;
  statusAfter?: string;
  approvedBy?: string;
  approvedByTrailers: string[];
}

export function logEntry(e: DocEvent): LogEntry {
  const event = !e.after ? 'deleted' : e.readded ? 'readded' : !e.before ? 'created' : e.oldPath ? 'renamed' : 'changed';
  const entry: LogEntry = {
    commit: e.commit.sha,
    date: e.commit.date,
    author: { name: e.commit.authorName, email: e.commit.authorEmail },
    committer: { name: e.commit.committerName, email: e.commit.committerEmail },
    subject: e.commit.subject,
    path: e.path,
    event,
    approvedByTrailers: e.commit.approvedBy,
  };
  if (e.oldPath) entry.renamedFrom = e.oldPath;
  if (e.before?.status) entry.statusBefore = e.before.status;
  if (e.after?.status) entry.statusAfter = e.after.status;
  if (e.after?.approvedBy && e.after.approvedBy !== e.before?.approvedBy) entry.approvedBy = e.after.approvedBy;
  return entry;
}

export async function logCommand(io: CliIO, opts: LogOptions): Promise<number> {
  const config = loadConfig(io.cwd);
  const { timeline } = await loadHistory(config, { all: true });
  const events = timeline.byId.get(opts.id);
  if (!events) throw new SmsError('NOT_FOUND', `no document with id ${opts.id} in the history of this repository`, 'IDs are case-sensitive, e.g. RFC-0007');
  const entries = events.map(logEntry);
  if (opts.format === 'json') {
    io.stdout.write(`${JSON.stringify({ id: opts.id, entries }, null, 2)}\n`);
    return 0;
  }
  io.stdout.write(`${opts.id}: ${events.at(-1)!.after?.title ?? events.at(-1)!.before?.title ?? ''}\n\n`);
  for (const e of entries) {
    const status = e.statusBefore && e.statusAfter && e.statusBefore !== e.statusAfter ? `${e.statusBefore} → ${e.statusAfter}` : e.statusAfter ? `${e.statusAfter}` : `(was ${e.statusBefore ?? '?'})`;
    const extra = [e.renamedFrom ? `renamed from ${e.renamedFrom}` : '', e.approvedBy ? `approved_by ${e.approvedBy}` : '', e.approvedByTrailers.length ? `Approved-by: ${e.approvedByTrailers.join(', ')}` : ''].filter(Boolean).join('; ');
    io.stdout.write(`${e.date.slice(0, 10)}  ${e.commit.slice(0, 7)}  ${e.author.name.padEnd(18)}  ${e.event.padEnd(8)}  ${status.padEnd(20)}  ${e.subject}${extra ? `  [${extra}]` : ''}\n`);
  }
  return 0;
}
