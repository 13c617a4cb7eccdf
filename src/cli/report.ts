import path from 'node:path';
import { SmsError } from '../diagnostic.js';
import { loadConfig } from '../repo/config.js';
import { own } from '../repo/documents.js';
import { addDays, addMonths } from '../rules/context.js';
import { docsOfType, loadReportContext, str, type Period, type ReportContext } from '../report/context.js';
import { renderReport, type ReportFormat } from '../report/render.js';
import { mermaidBars, mermaidPie, svgBars, type Bar } from '../report/charts.js';
import { today, type CliIO } from './io.js';
import { writeAtomic } from './write.js';

export type ReportKind = 'review' | 'audit' | 'performance' | 'changes';

export interface ReportOptions {
  kind: ReportKind;
  format: ReportFormat;
  since?: string;
  until?: string;
  out?: string;
  agreement?: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export async function reportCommand(io: CliIO, opts: ReportOptions): Promise<number> {
  for (const [flag, v] of [
    ['--since', opts.since],
    ['--until', opts.until],
  ] as const) {
    if (v !== undefined && (!DATE.test(v) || Number.isNaN(Date.parse(v))))
      throw new SmsError('USAGE', `${flag} needs a date as YYYY-MM-DD, got "${v}"`);
  }
  if (opts.kind === 'performance' && !opts.agreement)
    throw new SmsError('USAGE', 'sms report performance needs --agreement <SLA id>', 'e.g. sms report performance --agreement SLA-0001');
  const config = loadConfig(io.cwd);
  const day = today(io);
  const ctx = await loadReportContext(config, opts.until ?? day, opts.kind !== 'changes');
  const { data, charts } = await build(ctx, opts, day);
  const text = renderReport(opts.kind, opts.format, data, charts, config.root);
  if (opts.out) {
    writeAtomic(path.resolve(io.cwd, opts.out), text);
    io.stderr.write(`wrote ${opts.out}\n`);
  } else io.stdout.write(text);
  return 0;
}

async function build(ctx: ReportContext, opts: ReportOptions, day: string): Promise<{ data: object; charts: Record<string, string> }> {
  const md = opts.format === 'md';
  const bars = (title: string, y: string, b: Bar[]): string => (md ? mermaidBars(title, y, b) : svgBars(title, y, b));
  switch (opts.kind) {
    case 'review': {
      const { buildReview } = await import('../report/review.js');
      const data = buildReview(ctx, period(opts, defaultReviewSince(ctx, opts.until ?? day), day));
      return {
        data,
        charts: {
          incidentsPerMonth: bars(
            'Incidents per month',
            'incidents',
            data.incidents.perMonth.map((m) => ({ label: m.month, value: m.count })),
          ),
          resolution: bars(
            'Median hours to resolve against target, by priority',
            'hours',
            data.incidents.priorities.map((p) => ({ label: p.priority, value: p.medianHours ?? 0, target: p.targetHours })),
          ),
          changesByType: bars(
            'Changes by type',
            'changes',
            Object.entries(data.changes.byType).map(([label, value]) => ({ label, value })),
          ),
          changesByOutcome: md
            ? mermaidPie('Changes by outcome', data.changes.byOutcome)
            : svgBars(
                'Changes by outcome',
                'changes',
                Object.entries(data.changes.byOutcome).map(([label, value]) => ({ label, value })),
              ),
        },
      };
    }
    case 'audit': {
      const { buildAudit } = await import('../report/audit.js');
      const data = buildAudit(ctx);
      return {
        data,
        charts: {
          evidence: bars(
            'Tasks with evidence, by process',
            'tasks',
            data.processes.map((p) => ({ label: p.code, value: p.tasks.filter((t) => t.evidenced).length, target: p.tasks.length })),
          ),
        },
      };
    }
    case 'performance': {
      const { buildPerformance } = await import('../report/performance.js');
      const until = opts.until ?? day;
      const data = buildPerformance(ctx, opts.agreement!, period(opts, addDays(addMonths(until, -3), 1), day));
      return {
        data,
        charts: {
          resolution: bars(
            'Median hours to resolve against target, by priority',
            'hours',
            data.targets.map((t) => ({ label: t.priority, value: t.medianHours ?? 0, target: t.targetHours })),
          ),
        },
      };
    }
    case 'changes': {
      const { buildChanges } = await import('../report/changes.js');
      const since = opts.since ?? addDays(day, -30);
      const until = opts.until ?? addDays(day, 365);
      return { data: buildChanges(ctx, checkPeriod({ since, until })), charts: {} };
    }
  }
}

function period(opts: ReportOptions, defaultSince: string, day: string): Period {
  return checkPeriod({ since: opts.since ?? defaultSince, until: opts.until ?? day });
}

function checkPeriod(p: Period): Period {
  if (p.since > p.until) throw new SmsError('USAGE', `the period is empty: --since ${p.since} is after --until ${p.until}`);
  return p;
}

/** Since the end of the last approved improvement report, else the last 12 months. */
function defaultReviewSince(ctx: ReportContext, until: string): string {
  const last = docsOfType(ctx, 'improvement-report')
    .filter((d) => d.status === 'approved' && d.data && typeof own(d.data, 'period_end') === 'string')
    .map((d) => str(d, 'period_end')!)
    .filter((e) => e < until)
    .sort()
    .pop();
  return last ? addDays(last, 1) : addDays(addMonths(until, -12), 1);
}
