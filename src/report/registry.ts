import type { ReportDefinition } from './define.js';

export type { ChartSpec, PeriodFlags, ReportDefinition, ReportOptions } from './define.js';

interface ReportEntry {
  kind: string;
  description: string;
  load(): Promise<ReportDefinition>;
}

/** The report registry. Builders are imported only when their report is asked for. */
export const REPORTS: readonly ReportEntry[] = [
  {
    kind: 'review',
    description: 'management review input (WP.07)',
    load: async () => (await import('./review.js')).default as unknown as ReportDefinition,
  },
  {
    kind: 'audit',
    description: 'ISO/IEC TR 29110-5-3 conformance evidence',
    load: async () => (await import('./audit.js')).default as unknown as ReportDefinition,
  },
  {
    kind: 'performance',
    description: 'service performance of one agreement (WP.19)',
    load: async () => (await import('./performance.js')).default as unknown as ReportDefinition,
  },
  {
    kind: 'changes',
    description: 'the change schedule (WP.12)',
    load: async () => (await import('./changes.js')).default as unknown as ReportDefinition,
  },
];

export const REPORT_KINDS = REPORTS.map((r) => r.kind);
