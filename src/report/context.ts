import type { SmsConfig } from '../repo/config.js';
import { loadRepository, own, type SmsDocument } from '../repo/documents.js';
import { validateRepository, type ValidationResult } from '../validate.js';
import { stringValues } from '../rules/context.js';
export { inForce } from '../rules/context.js';
import type { Timeline, DocEvent } from '../history/timeline.js';

/** Everything a report builder reads; builders are pure functions of this. */
export interface ReportContext {
  config: SmsConfig;
  documents: SmsDocument[];
  byId: Map<string, SmsDocument>;
  timeline?: Timeline;
  findings: ValidationResult;
  today: string;
}

export interface Period {
  since: string;
  until: string;
}

/** Reads the repository once and its history once (when there is one), and validates both. */
export async function loadReportContext(config: SmsConfig, today: string, withHistory: boolean): Promise<ReportContext> {
  const loaded = loadRepository(config);
  let timeline: Timeline | undefined;
  const extraRules = [];
  if (withHistory) {
    const { gitAvailable, workTreeRoot, hasCommits } = await import('../git/git.js');
    if ((await gitAvailable(config.root)) && (await workTreeRoot(config.root)) && (await hasCommits(config.root))) {
      const { loadHistory } = await import('../history/read.js');
      const { timelineRules } = await import('../history/rules.js');
      timeline = (await loadHistory(config, { all: true })).timeline;
      extraRules.push(...timelineRules(config, timeline.events));
    }
  }
  const findings = validateRepository(config, { today, extraRules, loaded });
  const byId = new Map<string, SmsDocument>();
  for (const d of loaded.documents) if (d.id && !byId.has(d.id)) byId.set(d.id, d);
  return { config, documents: loaded.documents, byId, timeline, findings, today };
}

export function docsOfType(ctx: ReportContext, key: string): SmsDocument[] {
  return ctx.documents.filter((d) => d.type?.key === key && d.data && d.id);
}

export function str(d: SmsDocument, key: string): string | undefined {
  const v = d.data ? own(d.data, key) : undefined;
  return typeof v === 'string' ? v : undefined;
}

export function num(d: SmsDocument, key: string): number | undefined {
  const v = d.data ? own(d.data, key) : undefined;
  return typeof v === 'number' ? v : undefined;
}

export function list(d: SmsDocument, key: string): string[] {
  return stringValues(d.data ? own(d.data, key) : undefined);
}

/** Events of a document up to the end of `until` (commit dates are UTC ISO). */
export function eventsUntil(ctx: ReportContext, id: string, until: string): DocEvent[] {
  return (ctx.timeline?.byId.get(id) ?? []).filter((e) => e.commit.date.slice(0, 10) <= until);
}

/** A document's status at the end of a day, from history; its current status without history. */
export function statusAt(ctx: ReportContext, d: SmsDocument, until: string): string | undefined {
  if (!ctx.timeline) return d.status;
  const evs = eventsUntil(ctx, d.id!, until);
  if (evs.length === 0) return ctx.timeline.byId.has(d.id!) ? undefined : d.status;
  return evs.at(-1)!.after?.status;
}

/** When the document first entered a status, from history. */
export function firstEntered(ctx: ReportContext, id: string, status: string): DocEvent | undefined {
  return ctx.timeline?.byId.get(id)?.find((e) => e.after?.status === status && e.before?.status !== status);
}

export function createdAt(ctx: ReportContext, id: string): string | undefined {
  return ctx.timeline?.byId.get(id)?.[0]?.commit.date;
}

export function inPeriod(date: string | undefined, p: Period): boolean {
  if (!date) return false;
  const d = date.slice(0, 10);
  return d >= p.since && d <= p.until;
}
