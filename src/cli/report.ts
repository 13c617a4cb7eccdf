import { parseDate } from '../dates.js';
import { smsError } from '../errors.js';
import { load, openConfig } from '../load.js';
import { processModel } from '../model/processes.js';
import { reportContext } from '../report/context.js';
import { REPORTS } from '../report/registry.js';
import { renderReport, type ReportFormat } from '../report/render.js';
import { validate } from '../validate.js';
import { today, type CliIO } from './io.js';
import { progress } from './progress.js';
import { writeOutput } from './write.js';

export interface ReportCommandOptions {
  kind: string;
  format: ReportFormat;
  since?: string;
  until?: string;
  output?: string;
  agreement?: string;
}

/** parse → load → validate → build → render → write. */
export async function reportCommand(io: CliIO, opts: ReportCommandOptions): Promise<number> {
  for (const [flag, v] of [
    ['--since', opts.since],
    ['--until', opts.until],
  ] as const) {
    if (v !== undefined && parseDate(v) === undefined) throw smsError('FLAG_DATE', { flag, value: v });
  }
  const entry = REPORTS.find((r) => r.kind === opts.kind)!;
  const def = await entry.load();
  if (def.needsAgreement && !opts.agreement) throw smsError('AGREEMENT_NEEDED');
  const config = openConfig(io.cwd);
  const day = today(io, config.timezone);
  const reading = progress(io, 'Reading history');
  const loaded = await load(config, { history: def.needsHistory ? 'all-if-available' : 'none', onProgress: reading.update, env: io.env });
  reading.done();
  // Date checks (overdue reviews, expiry) are judged as of the end of the period asked for.
  const asOf = opts.until ?? day;
  const findings = validate(loaded, { today: asOf });
  const ctx = reportContext(loaded, findings, asOf, processModel());
  const period = def.period({ ...ctx, today: day }, { since: opts.since, until: opts.until });
  if (period.since > period.until) throw smsError('PERIOD_EMPTY', period);
  const data = def.build(ctx, period, { agreement: opts.agreement });
  const text = renderReport(def.kind, opts.format, data, opts.format === 'json' ? [] : def.charts(data), config.root);
  if (opts.output) {
    writeOutput(io, opts.output, text);
    io.stderr.write(`wrote ${opts.output}\n`);
  } else io.stdout.write(text);
  return 0;
}
