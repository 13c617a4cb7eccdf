import { zonedInstant } from '../calendar.js';
import { addDays, parseDate } from '../dates.js';
import { namedPeriod } from '../period.js';
import { SmsError, smsError } from '../errors.js';
import { load, openConfig } from '../load.js';
import { processModel } from '../model/processes.js';
import { forTerminal } from '../formatters/terminal.js';
import { inZoneOfPeriod, reportContext, type ReportContext } from '../report/context.js';
import { REPORTS } from '../report/registry.js';
import { renderReport, type ReportFormat } from '../report/render.js';
import { validate } from '../validate.js';
import { version } from '../version.js';
import { today, type CliIO } from './io.js';
import { progress } from './progress.js';
import { writeOutput } from './write.js';

export interface ReportCommandOptions {
  kind: string;
  format: ReportFormat | 'csv';
  since?: string;
  until?: string;
  output?: string;
  agreement?: string;
  /** A named period: 2026-10, 2026-Q3 or 2026. */
  period?: string;
}

/** parse → load → validate → build → render → write. */
export async function reportCommand(io: CliIO, opts: ReportCommandOptions): Promise<number> {
  for (const [flag, v] of [
    ['--since', opts.since],
    ['--until', opts.until],
  ] as const) {
    if (v !== undefined && parseDate(v) === undefined) throw smsError('FLAG_DATE', { flag, value: v });
  }
  if (opts.period !== undefined) {
    if (opts.since !== undefined || opts.until !== undefined) throw smsError('PERIOD_WITH_DATES');
    const named = namedPeriod(opts.period);
    if (!named) throw smsError('FLAG_PERIOD', { value: opts.period.slice(0, 40) });
    opts = { ...opts, since: named.since, until: named.until };
  }
  const entry = REPORTS.find((r) => r.kind === opts.kind)!;
  const def = await entry.load();
  if (opts.format === 'csv' && !def.csv) throw smsError('FORMAT_UNSUPPORTED', { kind: def.kind, format: 'csv', formats: 'md, html, json' });
  if (def.needsAgreement && !opts.agreement) throw smsError('AGREEMENT_NEEDED');
  if (!def.needsAgreement && opts.agreement !== undefined)
    io.stderr.write(`sms: warning: ${smsError('AGREEMENT_NOT_TAKEN', { kind: def.kind }).message}\n`);
  const config = openConfig(io.cwd);
  const day = today(io, config.timezone);
  const reading = progress(io, 'Reading history');
  const loaded = await load(config, {
    history: def.requiresHistory ? 'all' : def.needsHistory ? 'all-if-available' : 'none',
    onProgress: reading.update,
    env: io.env,
    // The end of the --until day in the organisation's time zone: commits after it are not read.
    asOf: def.asOf && opts.until ? zonedInstant(addDays(opts.until, 1), 0, config.timezone ?? 'UTC') : undefined,
  }).catch((e: unknown) => {
    reading.done();
    // A report resting on history is not built from front-matter claims alone.
    if (def.requiresHistory && e instanceof SmsError && (e.code === 'NOT_A_REPOSITORY' || e.code === 'NO_COMMITS'))
      throw smsError('HISTORY_NEEDED', { kind: def.kind, dir: config.root });
    throw e;
  });
  reading.done();
  if (def.requiresHistory && loaded.timeline?.commitCount === 0) throw smsError('HISTORY_NEEDED', { kind: def.kind, dir: config.root });
  // Date checks (overdue reviews, expiry) are judged as of the end of the period asked for; a
  // forward-looking report's period ends in the future, so it judges as of today (what is late now).
  const asOf = def.forwardLooking ? day : (opts.until ?? day);
  let findings = validate(loaded, { today: asOf });
  let validatedAsOf: ReportContext['validatedAsOf'];
  if (def.validatesAsOf && asOf < day && loaded.timeline) {
    // The findings of an earlier day are those of the repository as it stood then.
    const then = progress(io, `Reading history up to ${asOf}`);
    const past = await load(config, {
      history: 'all',
      onProgress: then.update,
      env: io.env,
      asOf: zonedInstant(addDays(asOf, 1), 0, config.timezone ?? 'UTC'),
    }).finally(() => then.done());
    // With nothing committed by then there was nothing to validate: an empty repository's
    // findings ("no roles document") would be about a repository that did not exist yet.
    findings = past.revision ? validate(past, { today: asOf }) : { diagnostics: [], errorCount: 0, warningCount: 0, fileCount: 0 };
    validatedAsOf = {
      day: asOf,
      ...(past.revision ? { revision: past.revision } : {}),
      ...(past.heldBack ? { heldBack: past.heldBack } : {}),
    };
  }
  const ctx = {
    ...reportContext(loaded, findings, asOf, processModel(), { toolVersion: version(), generated: day }),
    ...(validatedAsOf ? { validatedAsOf } : {}),
  };
  const period = def.period({ ...ctx, today: day }, { since: opts.since, until: opts.until }, { agreement: opts.agreement });
  if (period.since > period.until) throw smsError('PERIOD_EMPTY', period);
  if (period.until > day && !def.forwardLooking) throw smsError('PERIOD_FUTURE', { until: period.until, today: day });
  const data = def.build(inZoneOfPeriod(ctx, loaded.zones, period.until), period, { agreement: opts.agreement });
  const text =
    opts.format === 'csv'
      ? def.csv!(data)
      : renderReport(def.kind, opts.format, data, opts.format === 'json' ? [] : def.charts(data), config.root);
  if (opts.output) {
    writeOutput(io, opts.output, text);
    io.stderr.write(`wrote ${opts.output}\n`);
  } else io.stdout.write(io.stdout.isTTY ? forTerminal(text, true) : text);
  return 0;
}
