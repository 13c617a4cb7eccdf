import type { ReportDefinition } from './define.js';

export type { ChartSpec, PeriodFlags, ReportDefinition, ReportOptions } from './define.js';

interface ReportEntry {
  kind: string;
  description: string;
  /** The period it covers without --since, --until or --period, as `sms report --help` says it. */
  defaultPeriod: string;
  load(): Promise<ReportDefinition>;
}

/** The report registry. Builders are imported only when their report is asked for. */
export const REPORTS: readonly ReportEntry[] = [
  {
    kind: 'review',
    description: 'management review input (WP.07)',
    defaultPeriod: 'the last complete quarter; --until alone: from the start of its quarter',
    load: async () => (await import('./review.js')).default as unknown as ReportDefinition,
  },
  {
    kind: 'audit',
    description: 'ISO/IEC TR 29110-5-3 conformance evidence',
    defaultPeriod: 'every record, up to today',
    load: async () => (await import('./audit.js')).default as unknown as ReportDefinition,
  },
  {
    kind: 'performance',
    description: 'service performance of one agreement (WP.19)',
    defaultPeriod:
      "the last complete month, quarter or year, as the agreement's reporting: says; --until alone: from the start of that period",
    load: async () => (await import('./performance.js')).default as unknown as ReportDefinition,
  },
  {
    kind: 'changes',
    description: 'the change schedule (WP.12)',
    defaultPeriod: 'from 30 days ago to a year ahead; --until alone: the 12 months up to it',
    load: async () => (await import('./changes.js')).default as unknown as ReportDefinition,
  },
];

export const REPORT_KINDS = REPORTS.map((r) => r.kind);

/** The default periods, one line per report, for help text. */
export function defaultPeriods(): string {
  const width = Math.max(...REPORTS.map((r) => r.kind.length));
  return REPORTS.map((r) => `  ${r.kind.padEnd(width)}  ${r.defaultPeriod}`).join('\n');
}
