import { smsError } from '../errors.js';
import { addDays, addMonths } from '../dates.js';
import { sectionText } from '../markdown.js';
import { defineReport } from './define.js';
import { docsOfType, list, num, str, type Period, type ReportContext } from './context.js';
import { incidentFacts, PRIORITIES, resolutionStats, targetFor } from './incidents.js';
import { HOUR, round1 } from './stats.js';

/**
 * A service performance report (WP.19) for one customer agreement: each target against what the
 * incident records show, the previous report's actions, and proposed actions.
 */
export function buildPerformance(ctx: ReportContext, agreementId: string, period: Period) {
  const sla = ctx.byId.get(agreementId);
  if (!sla || sla.type?.key !== 'customer-agreement') {
    throw smsError('NOT_AN_AGREEMENT', { id: agreementId });
  }
  const services = list(sla, 'services');
  const incidents = incidentFacts(ctx, period, (d) => list(d, 'services').some((s) => services.includes(s)));
  const targets = PRIORITIES.map((p) => {
    const items = incidents.filter((i) => i.priority === p);
    const target = targetFor(sla, p);
    const stats = resolutionStats(items);
    const within = items.filter((i) => !i.breach && !i.open).length;
    return {
      priority: p,
      targetHours: target,
      ...stats,
      withinTarget: within,
      breaches: items.filter((i) => i.breach).length,
      compliance: items.length && target !== undefined ? round1((within / items.length) * 100) : undefined,
    };
  });

  // Availability from P1 incidents: the time they were open, merged where they overlap, clipped to the period.
  const start = Date.parse(`${period.since}T00:00:00Z`);
  const end = Date.parse(`${period.until}T23:59:59Z`) + 1000;
  const outages = incidents
    .filter((i) => i.priority === 'P1')
    .map((i) => [Math.max(start, Date.parse(i.opened)), Math.min(end, i.resolved ? Date.parse(i.resolved) : end)] as [number, number])
    .filter(([a, b]) => b > a)
    .sort((a, b) => a[0] - b[0]);
  let down = 0;
  let cursor = start;
  for (const [a, b] of outages) {
    const from = Math.max(a, cursor);
    if (b > from) down += b - from;
    cursor = Math.max(cursor, b);
  }
  const measured = Math.round((1 - down / (end - start)) * 100_000) / 1000;
  const availabilityTarget = num(sla, 'availability');

  const previous = docsOfType(ctx, 'performance-report')
    .filter((d) => d.status === 'approved' && list(d, 'agreements').includes(agreementId) && (str(d, 'period_end') ?? '') < period.since)
    .sort((a, b) => ((str(a, 'period_end') ?? '') < (str(b, 'period_end') ?? '') ? -1 : 1))
    .pop();

  const proposed: string[] = [];
  for (const t of targets)
    if (t.breaches)
      proposed.push(`Review the handling of ${t.priority} incidents: ${t.breaches} of ${t.count} over the ${t.targetHours} h target.`);
  if (availabilityTarget !== undefined && measured < availabilityTarget)
    proposed.push(`Availability was ${measured}% against ${availabilityTarget}%: analyse the P1 incidents of the period.`);
  if (incidents.some((i) => i.open)) proposed.push(`Close the ${incidents.filter((i) => i.open).length} incident(s) still open.`);

  return {
    kind: 'performance' as const,
    organisation: ctx.config.organisation,
    period,
    agreement: {
      id: sla.id!,
      title: sla.title ?? '',
      customer: str(sla, 'customer') ?? '',
      services,
      status: sla.status ?? '',
      serviceHours: str(sla, 'service_hours'),
    },
    availability: {
      targetPercent: availabilityTarget,
      measuredPercent: measured,
      downtimeHours: round1(down / HOUR),
      basis: 'P1 incidents of the agreement services, open time merged and clipped to the period',
    },
    targets,
    incidents: { total: incidents.length, open: incidents.filter((i) => i.open).length, items: incidents },
    previousReport: previous
      ? {
          id: previous.id!,
          title: previous.title ?? '',
          periodEnd: str(previous, 'period_end'),
          proposedActions: sectionText(previous.fm.body, 'Proposed actions'),
        }
      : undefined,
    proposedActions: proposed,
  };
}

export type PerformanceData = ReturnType<typeof buildPerformance>;

export default defineReport({
  kind: 'performance',
  description: 'A service performance report (WP.19) for one agreement.',
  needsHistory: true,
  needsAgreement: true,
  period(ctx, flags) {
    const until = flags.until ?? ctx.today;
    return { since: flags.since ?? addDays(addMonths(until, -3), 1), until };
  },
  build: (ctx, period, options) => buildPerformance(ctx, options.agreement!, period),
  charts: (data) => [
    {
      id: 'resolution',
      kind: 'bars',
      title: 'Median hours to resolve against target, by priority',
      yLabel: 'hours',
      bars: data.targets.map((t) => ({ label: t.priority, value: t.medianHours ?? 0, target: t.targetHours })),
    },
  ],
});
