import { smsError } from '../errors.js';
import { load, openConfig } from '../load.js';
import { logEntry } from '../history/log-entry.js';
import type { CliIO } from './io.js';
import { progress } from './progress.js';

export interface LogOptions {
  id: string;
  format: 'text' | 'json';
}

export async function logCommand(io: CliIO, opts: LogOptions): Promise<number> {
  const config = openConfig(io.cwd);
  const reading = progress(io, 'Reading history');
  const { timeline } = await load(config, { history: 'all', onProgress: reading.update, env: io.env });
  reading.done();
  const events = timeline!.byId.get(opts.id);
  if (!events) throw smsError('ID_NOT_IN_HISTORY', { id: opts.id });
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
