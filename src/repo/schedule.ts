import type { SmsDocument } from './documents.js';
import { parseDate } from '../dates.js';
import { own, ownString, records, stringValues } from './values.js';

/**
 * A key business event of the change schedule (WP.12). It runs from its date to its last day
 * (`until`, else the same day) and protects the services and configuration items it names (every
 * change when it names none), except the changes agreed to go ahead during it.
 */
export interface KeyBusinessEvent {
  date: string;
  until?: string;
  event: string;
  services: string[];
  configurationItems: string[];
  allowedChanges: string[];
  /** The services and items it names, together. */
  protects: string[];
}

/**
 * The change schedule's key business events, by date. One without a day it starts on protects no
 * day (validation reports it): read as starting on no day, it would cover all time before its end.
 */
export function keyBusinessEvents(schedule: Readonly<Record<string, unknown>>): KeyBusinessEvent[] {
  return records(own(schedule, 'key_business_events'))
    .filter((e) => parseDate(ownString(e, 'date')) !== undefined)
    .map((e) => {
      const date = parseDate(ownString(e, 'date'))!;
      const until = parseDate(ownString(e, 'until'));
      const services = stringValues(own(e, 'services'));
      const configurationItems = stringValues(own(e, 'configuration_items'));
      return {
        date,
        ...(until && until > date ? { until } : {}),
        event: ownString(e, 'event') ?? '',
        services,
        configurationItems,
        allowedChanges: stringValues(own(e, 'allowed_changes')),
        protects: [...services, ...configurationItems],
      };
    })
    .sort((a, b) => (a.date < b.date ? -1 : 1));
}

export const lastDayOf = (e: KeyBusinessEvent): string => e.until ?? e.date;

/** The first key business event that a change deployed on `day` would fall in, if any. */
export function eventOn(
  events: readonly KeyBusinessEvent[],
  change: Pick<SmsDocument, 'id' | 'data'>,
  day: string,
): KeyBusinessEvent | undefined {
  return events.find((e) => {
    if (day < e.date || day > lastDayOf(e) || (change.id !== undefined && e.allowedChanges.includes(change.id))) return false;
    if (e.protects.length === 0) return true;
    // A change that does not say which services (or items) it touches cannot show that it stays
    // clear of an event protecting some: leaving impacted_cis out must not be the way through.
    const covers = (protectedOnes: string[], touched: string[]) =>
      protectedOnes.length > 0 && (touched.length === 0 || protectedOnes.some((x) => touched.includes(x)));
    return (
      covers(e.services, stringValues(own(change.data, 'services'))) ||
      covers(e.configurationItems, stringValues(own(change.data, 'impacted_cis')))
    );
  });
}

/** How a change on a key business event is said: `what` is "planned", "deployed", "emergency change"… */
export function clashText(e: KeyBusinessEvent, what: string): string {
  return e.until
    ? `${what} during a key business event: ${e.event} (${e.date} to ${e.until})`
    : `${what} on a key business event: ${e.event}`;
}

/** One planned deployment of a change in the schedule, with its place in `changes`. */
export interface ScheduledDeployment {
  planned: string;
  window?: string;
  index: number;
}

/**
 * The schedule's planned deployments by change request. A change may be listed once per stage (a
 * pilot, then everyone): every entry is a planned deployment of its own. The same entry written
 * twice is one.
 */
export function scheduledChanges(schedule: Readonly<Record<string, unknown>>): Map<string, ScheduledDeployment[]> {
  const out = new Map<string, ScheduledDeployment[]>();
  const raw = own(schedule, 'changes');
  for (const [index, c] of (Array.isArray(raw) ? raw : []).entries()) {
    if (!c || typeof c !== 'object' || typeof (c as Record<string, unknown>).change_request !== 'string') continue;
    const r = c as Record<string, unknown>;
    // Only text is a day or a window: anything else (a mapping, a number) is a schema error, not a plan.
    const entry = {
      planned: typeof r.planned_date === 'string' ? r.planned_date : '',
      window: typeof r.window === 'string' ? r.window : undefined,
      index,
    };
    const list = out.get(String(r.change_request));
    if (!list) out.set(String(r.change_request), [entry]);
    else if (!list.some((e) => e.planned === entry.planned && e.window === entry.window)) list.push(entry);
  }
  return out;
}
