import { SmsError } from '../diagnostic.js';
import { loadConfig } from '../repo/config.js';
import { loadHistory } from '../history/read.js';
import { logEntry } from '../history/log-entry.js';
import type { CliIO } from './io.js';

export interface LogOptions {
  id: string;
  format: 'text' | 'json';
}

export async function logCommand(io: CliIO, opts: LogOptions): Promise<number> {
  const config = loadConfig(io.cwd);
  const { timeline } = await loadHistory(config, { all: true });
  const events = timeline.byId.get(opts.id);
  if (!events)
    throw new SmsError(
      'NOT_FOUND',
      `no document with id ${opts.id} in the history of this repository`,
      'IDs are case-sensitive, e.g. RFC-0007',
    );
  const entries = events.map(logEntry);
  if (opts.format === 'json') {
    io.stdout.write(`${JSON.stringify({ id: opts.id, entries }, null, 2)}\n`);
    return 0;
  }
  io.stdout.write(`${opts.id}: ${events.at(-1)!.after?.title ?? events.at(-1)!.before?.title ?? ''}\n\n`);
  for (const e of entries) {
    const status =
      e.statusBefore && e.statusAfter && e.statusBefore !== e.statusAfter
        ? `${e.statusBefore} → ${e.statusAfter}`
        : e.statusAfter
          ? `${e.statusAfter}`
          : `(was ${e.statusBefore ?? '?'})`;
    const extra = [
      e.renamedFrom ? `renamed from ${e.renamedFrom}` : '',
      e.approvedBy ? `approved_by ${e.approvedBy}` : '',
      e.approvedByTrailers.length ? `Approved-by: ${e.approvedByTrailers.join(', ')}` : '',
    ]
      .filter(Boolean)
      .join('; ');
    io.stdout.write(
      `${e.date.slice(0, 10)}  ${e.commit.slice(0, 7)}  ${e.author.name.padEnd(18)}  ${e.event.padEnd(8)}  ${status.padEnd(20)}  ${e.subject}${extra ? `  [${extra}]` : ''}\n`,
    );
  }
  return 0;
}
