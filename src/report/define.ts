import type { Bar } from './charts.js';
import type { Period, ReportContext } from './context.js';

/** A chart as data; the renderer draws it as Mermaid (Markdown) or inline SVG (HTML). */
export interface ChartSpec {
  /** Name under which templates find it: `{{{charts.<id>}}}`. */
  id: string;
  kind: 'bars' | 'pie';
  title: string;
  yLabel?: string;
  bars: Bar[];
}

/** Options a report may take besides the period. */
export interface ReportOptions {
  agreement?: string;
}

/** The period flags as given; a report fills in what is missing with its own defaults. */
export interface PeriodFlags {
  since?: string;
  until?: string;
}

/**
 * One report kind. Adding a report is one module exporting `defineReport({...})`, one line in
 * REPORTS and its templates (`templates/reports/<kind>.md.hbs`, `.html.hbs`).
 */
export interface ReportDefinition<D extends object = object> {
  kind: string;
  description: string;
  /** Read the whole Git history (when there is one) before building. */
  needsHistory: boolean;
  /**
   * The report's verdicts rest on Git history (who approved and did what, and when): without a
   * repository with commits it is refused rather than built from front-matter claims.
   */
  requiresHistory?: boolean;
  /** A report of one agreement (`--agreement`). */
  needsAgreement?: boolean;
  /** The period to report on, from the flags given and today. */
  period(ctx: ReportContext, flags: PeriodFlags, options?: ReportOptions): Period;
  build(ctx: ReportContext, period: Period, options: ReportOptions): D;
  charts(data: D): ChartSpec[];
  /**
   * With `--until`, build from the repository as it stood at the end of that day (the last commit
   * before it, and history up to it), so that the report is the same whenever it is run again.
   */
  asOf?: boolean;
  /**
   * With a period that ends before today, validate the repository as it stood at the end of that
   * day (the last commit by then, and history up to it) for the report's findings, while the rest
   * is built from today's documents and their history: a lapse put right since is still found, a
   * fault made since is not.
   */
  validatesAsOf?: boolean;
  /**
   * The period may reach past today (a schedule of planned changes); other reports refuse a future end.
   * Its context's `today` is today, not the end of the period.
   */
  forwardLooking?: boolean;
  /** The report's rows as CSV (`--format csv`), for reports that have a natural table. */
  csv?(data: D): string;
}

export function defineReport<D extends object>(def: ReportDefinition<D>): ReportDefinition<D> {
  return def;
}
