import type { SmsDocument } from '../repo/documents.js';
import { own } from '../repo/values.js';
import { docsOfType, inForce, list, str, type Period, type ReportContext } from './context.js';
import { HOUR, hoursBetween, median, percentile, round1 } from './stats.js';

export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'];

/** One incident as the reports see it. */
export interface IncidentFact {
  id: string;
  title: string;
  priority: string;
  services: string[];
  opened: string;
  resolved?: string;
  /** Hours from opened to resolved; undefined while unresolved at the end of the period. */
  resolutionHours?: number;
  agreement?: string;
  targetHours?: number;
  breach: boolean;
  /** Unresolved at the end of the period. */
  open: boolean;
}

/** Resolution target of an agreement for a priority (hours), if it states one. */
export function targetFor(sla: SmsDocument, priority: string): number | undefined {
  const targets = sla.data ? own(sla.data, 'targets') : undefined;
  if (!targets || typeof targets !== 'object' || !Object.prototype.hasOwnProperty.call(targets, priority)) return undefined;
  const t = (targets as Record<string, unknown>)[priority];
  const h = t && typeof t === 'object' ? (t as Record<string, unknown>).resolution_hours : undefined;
  return typeof h === 'number' ? h : undefined;
}

/**
 * The agreement that applies to an incident: the first customer agreement (by ID) in force that
 * covers one of its services and whose start..end contains the day the incident opened.
 */
export function applicableAgreement(ctx: ReportContext, services: string[], opened: string): SmsDocument | undefined {
  const day = opened.slice(0, 10);
  return agreementsInForce(ctx).find(
    (s) =>
      list(s, 'services').some((x) => services.includes(x)) && (str(s, 'start') ?? '') <= day && (!str(s, 'end') || day <= str(s, 'end')!),
  );
}

const inForceCache = new WeakMap<ReportContext, SmsDocument[]>();

/** Customer agreements in force, by ID: worked out once per report, not once per incident. */
function agreementsInForce(ctx: ReportContext): SmsDocument[] {
  let list = inForceCache.get(ctx);
  if (!list) {
    list = docsOfType(ctx, 'customer-agreement')
      .filter(inForce)
      .sort((a, b) => (a.id! < b.id! ? -1 : 1));
    inForceCache.set(ctx, list);
  }
  return list;
}

/** Incidents opened in the period, with resolution time against the applicable agreement. */
export function incidentFacts(ctx: ReportContext, period: Period, filter?: (d: SmsDocument) => boolean): IncidentFact[] {
  const endOfPeriod = `${period.until}T23:59:59Z`;
  const out: IncidentFact[] = [];
  for (const d of docsOfType(ctx, 'incident')) {
    const opened = str(d, 'opened');
    if (!opened || Number.isNaN(Date.parse(opened))) continue;
    const day = opened.slice(0, 10);
    if (day < period.since || day > period.until) continue;
    if (filter && !filter(d)) continue;
    const priority = str(d, 'priority') ?? 'P?';
    const services = list(d, 'services');
    let resolved = str(d, 'resolved') ?? str(d, 'closed');
    if (resolved && (Number.isNaN(Date.parse(resolved)) || resolved > endOfPeriod)) resolved = undefined;
    const sla = applicableAgreement(ctx, services, opened);
    const target = sla ? targetFor(sla, priority) : undefined;
    const hours = resolved ? round1(hoursBetween(opened, resolved)) : undefined;
    const elapsed = (Date.parse(endOfPeriod) - Date.parse(opened)) / HOUR;
    const breach = target !== undefined && (hours !== undefined ? hours > target : elapsed > target);
    out.push({
      id: d.id!,
      title: d.title ?? '',
      priority,
      services,
      opened,
      resolved,
      resolutionHours: hours,
      agreement: sla?.id,
      targetHours: target,
      breach,
      open: !resolved,
    });
  }
  return out.sort((a, b) => (a.opened < b.opened ? -1 : a.opened > b.opened ? 1 : a.id < b.id ? -1 : 1));
}

export interface ResolutionStats {
  count: number;
  resolved: number;
  medianHours?: number;
  p90Hours?: number;
}

export function resolutionStats(items: IncidentFact[]): ResolutionStats {
  const hours = items.map((i) => i.resolutionHours).filter((h): h is number => h !== undefined);
  return { count: items.length, resolved: hours.length, medianHours: round1(median(hours)), p90Hours: round1(percentile(hours, 90)) };
}
