import { own } from '../repo/values.js';
import {
  createdAt,
  docsOfType,
  findingOf,
  firstEntered,
  inForce,
  inPeriod,
  num,
  statusAt,
  str,
  type Period,
  type ReportContext,
} from './context.js';
import { incidentFacts, PRIORITIES, resolutionStats, targetFor, type IncidentFact } from './incidents.js';
import { countBy, DAY, median, monthsBetween, round1 } from './stats.js';
import { addDays, addMonths } from '../dates.js';
import { defineReport } from './define.js';

const OUTCOME: Record<string, string> = { draft: 'pending', approved: 'approved', updated: 'deployed', rejected: 'rejected' };

export interface ChangeFact {
  id: string;
  title: string;
  changeType: string;
  status: string;
  outcome: string;
  requested?: string;
  approved?: string;
  deployed?: string;
  daysToApproval?: number;
  daysToDeployment?: number;
}

/**
 * Input to the management review and the improvement report (WP.07). A pure function of the
 * context and the period: the same repository and period give the same data.
 */
export function buildReview(ctx: ReportContext, period: Period) {
  const services = docsOfType(ctx, 'service').map((d) => ({
    id: d.id!,
    title: d.title ?? '',
    status: statusAt(ctx, d, period.until) ?? d.status ?? '',
    owner: str(d, 'owner') ?? '',
    availabilityTarget: num(d, 'availability_target'),
  }));

  const soon = addDays(period.until, ctx.config.expiryWarningDays);
  const agreements = [...docsOfType(ctx, 'customer-agreement'), ...docsOfType(ctx, 'supplier-agreement')].map((d) => {
    const end = str(d, 'end');
    const review = str(d, 'review');
    const active = inForce(d) && (str(d, 'start') ?? '') <= period.until && (!end || end >= period.until);
    return {
      id: d.id!,
      title: d.title ?? '',
      kind: d.type!.key === 'customer-agreement' ? 'customer' : 'supplier',
      party: str(d, 'customer') ?? str(d, 'supplier') ?? '',
      status: d.status ?? '',
      start: str(d, 'start'),
      review,
      end,
      active,
      expiringSoon: active && Boolean(end && end <= soon),
      reviewOverdue: active && Boolean(review && review < period.until),
    };
  });

  const changes = changeFacts(ctx, period);
  const toApproval = changes.map((c) => c.daysToApproval).filter((x): x is number => x !== undefined);
  const toDeployment = changes.map((c) => c.daysToDeployment).filter((x): x is number => x !== undefined);

  const incidents = incidentFacts(ctx, period);
  const slas = docsOfType(ctx, 'customer-agreement').filter(inForce);
  const priorities = PRIORITIES.map((p) => {
    const items = incidents.filter((i) => i.priority === p);
    // The resolution targets of the agreements in force; one value when they all agree.
    const targets = [...new Set(slas.map((s) => targetFor(s, p)).filter((t): t is number => t !== undefined))].sort((a, b) => a - b);
    return {
      priority: p,
      ...resolutionStats(items),
      targetHours: targets.length === 1 ? targets[0] : undefined,
      targets,
      breaches: items.filter((i) => i.breach).length,
    };
  });

  const feedback = docsOfType(ctx, 'feedback');
  const fbInPeriod = feedback.filter((d) => inPeriod(str(d, 'received'), period));
  const previous = docsOfType(ctx, 'improvement-report')
    .filter((d) => d.status === 'approved' && (str(d, 'period_end') ?? '') < period.since)
    .sort((a, b) => ((str(a, 'period_end') ?? '') < (str(b, 'period_end') ?? '') ? -1 : 1))
    .pop();
  const previousActions = previous ? actionsOf(previous.data ? own(previous.data, 'actions') : undefined) : [];

  const findings = ctx.findings.diagnostics;
  const overdue = findings.filter((d) => d.rule === 'review-overdue' || d.rule === 'agreement-expired');

  const contributors = new Map<string, { name: string; email: string; commits: number }>();
  const seen = new Set<string>();
  for (const e of ctx.timeline?.events ?? []) {
    if (!inPeriod(e.commit.date, period) || seen.has(e.commit.sha)) continue;
    seen.add(e.commit.sha);
    const key = e.commit.authorEmail.toLowerCase();
    const c = contributors.get(key) ?? { name: e.commit.authorName, email: e.commit.authorEmail, commits: 0 };
    c.commits++;
    contributors.set(key, c);
  }

  return {
    kind: 'review' as const,
    organisation: ctx.config.organisation,
    period,
    history: Boolean(ctx.timeline),
    services,
    agreements,
    changes: {
      total: changes.length,
      byType: countBy(changes, (c) => c.changeType, ['normal', 'emergency', 'pre-approved']),
      byOutcome: countBy(changes, (c) => c.outcome, ['pending', 'approved', 'deployed', 'rejected']),
      leadTimes: {
        daysToApprovalMedian: round1(median(toApproval)),
        daysToDeploymentMedian: round1(median(toDeployment)),
        approvals: toApproval.length,
        deployments: toDeployment.length,
      },
      items: changes,
    },
    incidents: {
      total: incidents.length,
      open: incidents.filter((i) => i.open).length,
      byPriority: countBy(incidents, (i) => i.priority, PRIORITIES),
      byService: Object.fromEntries(
        Object.entries(
          countBy(
            incidents.flatMap((i) => i.services.map((s) => ({ s }))),
            (x) => x.s,
          ),
        ).sort(([a], [b]) => (a < b ? -1 : 1)),
      ),
      resolution: resolutionStats(incidents),
      priorities,
      breaches: incidents.filter((i) => i.breach).map(breachOf),
      perMonth: monthsBetween(period.since, period.until).map((month) => ({
        month,
        count: incidents.filter((i) => i.opened.startsWith(month)).length,
      })),
      items: incidents,
    },
    feedback: {
      total: fbInPeriod.length,
      byKind: countBy(fbInPeriod, (d) => str(d, 'kind') ?? 'comment', ['compliment', 'complaint', 'comment']),
      open: feedback
        .filter((d) => str(d, 'handling') !== 'closed')
        .map((d) => ({
          id: d.id!,
          title: d.title ?? '',
          kind: str(d, 'kind') ?? '',
          handling: str(d, 'handling') ?? '',
          received: str(d, 'received') ?? '',
        })),
    },
    previousReport: previous ? { id: previous.id!, title: previous.title ?? '', periodEnd: str(previous, 'period_end') } : undefined,
    previousActions,
    overdueReviews: overdue.map(findingOf),
    findings: {
      errorCount: ctx.findings.errorCount,
      warningCount: ctx.findings.warningCount,
      items: findings.slice(0, 200).map(findingOf),
    },
    contributors: [...contributors.values()].sort((a, b) => b.commits - a.commits || (a.name < b.name ? -1 : 1)),
  };
}

export type ReviewData = ReturnType<typeof buildReview>;

function breachOf(i: IncidentFact) {
  return {
    id: i.id,
    title: i.title,
    priority: i.priority,
    services: i.services,
    agreement: i.agreement,
    resolutionHours: i.resolutionHours,
    targetHours: i.targetHours,
    open: i.open,
  };
}

function actionsOf(v: unknown) {
  if (!Array.isArray(v)) return [];
  return v
    .filter((a): a is Record<string, unknown> => Boolean(a) && typeof a === 'object')
    .map((a) => ({
      id: typeof a.id === 'string' ? a.id : '',
      action: typeof a.action === 'string' ? a.action : '',
      owner: typeof a.owner === 'string' ? a.owner : '',
      due: typeof a.due === 'string' ? a.due : '',
      status: typeof a.status === 'string' ? a.status : '',
    }));
}

/** Change requests requested, decided or deployed in the period, with their lead times. */
export function changeFacts(ctx: ReportContext, period: Period): ChangeFact[] {
  const out: ChangeFact[] = [];
  for (const d of docsOfType(ctx, 'change-request')) {
    const requested = createdAt(ctx, d.id!);
    const approvedEv = firstEntered(ctx, d.id!, 'approved');
    const approved = approvedEv?.commit.date ?? (str(d, 'approved_on') ? `${str(d, 'approved_on')}T00:00:00Z` : undefined);
    const deployedEv = firstEntered(ctx, d.id!, 'updated');
    const deployed = str(d, 'deployed_on') ? `${str(d, 'deployed_on')}T00:00:00Z` : deployedEv?.commit.date;
    const rejected = firstEntered(ctx, d.id!, 'rejected')?.commit.date;
    if (![requested, approved, deployed, rejected].some((x) => inPeriod(x, period))) continue;
    const status = statusAt(ctx, d, period.until) ?? d.status ?? '';
    const inRange = (x: string | undefined): string | undefined => (x && x.slice(0, 10) <= period.until ? x : undefined);
    const a = inRange(approved);
    const dep = inRange(deployed);
    out.push({
      id: d.id!,
      title: d.title ?? '',
      changeType: str(d, 'change_type') ?? 'normal',
      status,
      outcome: Object.hasOwn(OUTCOME, status) ? OUTCOME[status]! : status,
      requested,
      approved: a,
      deployed: dep,
      daysToApproval: requested && a ? round1(Math.max(0, (Date.parse(a) - Date.parse(requested)) / DAY)) : undefined,
      daysToDeployment: a && dep ? round1(Math.max(0, (Date.parse(dep) - Date.parse(a)) / DAY)) : undefined,
    });
  }
  return out.sort((x, y) => (x.id < y.id ? -1 : 1));
}

/** Since the end of the last approved improvement report, else the last 12 months. */
function defaultSince(ctx: ReportContext, until: string): string {
  const last = docsOfType(ctx, 'improvement-report')
    .filter((d) => d.status === 'approved' && typeof str(d, 'period_end') === 'string')
    .map((d) => str(d, 'period_end')!)
    .filter((e) => e < until)
    .sort()
    .pop();
  return last ? addDays(last, 1) : addDays(addMonths(until, -12), 1);
}

export default defineReport({
  kind: 'review',
  description: 'Input to the management review and the improvement report (WP.07).',
  needsHistory: true,
  period(ctx, flags) {
    const until = flags.until ?? ctx.today;
    return { since: flags.since ?? defaultSince(ctx, until), until };
  },
  build: (ctx, period) => buildReview(ctx, period),
  charts: (data) => [
    {
      id: 'incidentsPerMonth',
      kind: 'bars',
      title: 'Incidents per month',
      yLabel: 'incidents',
      bars: data.incidents.perMonth.map((m) => ({ label: m.month, value: m.count })),
    },
    {
      id: 'resolution',
      kind: 'bars',
      title: 'Median hours to resolve against target, by priority',
      yLabel: 'hours',
      bars: data.incidents.priorities.map((p) => ({ label: p.priority, value: p.medianHours ?? 0, target: p.targetHours })),
    },
    {
      id: 'changesByType',
      kind: 'bars',
      title: 'Changes by type',
      yLabel: 'changes',
      bars: Object.entries(data.changes.byType).map(([label, value]) => ({ label, value })),
    },
    {
      id: 'changesByOutcome',
      kind: 'pie',
      title: 'Changes by outcome',
      yLabel: 'changes',
      bars: Object.entries(data.changes.byOutcome).map(([label, value]) => ({ label, value })),
    },
  ],
});
