import { own } from '../repo/values.js';
import { clashText, eventOn, keyBusinessEvents, lastDayOf, scheduledChanges } from '../repo/schedule.js';
import type { SmsDocument } from '../repo/documents.js';
import { addDays, addMonths, leadingWeekday, weekdayOf } from '../dates.js';
import { defineReport } from './define.js';
import { docsOfType, inPeriod, str, type Period, type ReportContext } from './context.js';

/**
 * The change schedule view (WP.12): approved changes with their planned dates, windows and key
 * business events; a planned or deployment date on a key business event is flagged (emergency changes
 * too, in their own words).
 */
export function buildChanges(ctx: ReportContext, period: Period) {
  const schedule = docsOfType(ctx, 'change-schedule')[0];
  const data = schedule?.data ?? {};
  const texts = (k: string): string[] => {
    const v = own(data, k);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  };
  const events = keyBusinessEvents(data);
  const during = (d: SmsDocument, when: string) => eventOn(events, d, when);
  const scheduled = scheduledChanges(data);
  // A view that holds today is the one used to run the schedule: it also keeps what is late (planned
  // before the period and still not deployed) and what was approved but never given a date.
  const current = period.since <= ctx.today && ctx.today <= period.until;
  const entries = [];
  for (const d of docsOfType(ctx, 'change-request')) {
    const listed = scheduled.get(d.id!);
    const planned: { planned: string; window?: string }[] = listed ?? [{ planned: str(d, 'planned_date') ?? '' }];
    const days = planned.map((s) => s.planned || (str(d, 'planned_date') ?? ''));
    const deployedOn = str(d, 'deployed_on');
    const requested = str(d, 'planned_date');
    const approvedOn = str(d, 'approved_on');
    // Two records of one plan that disagree: which day will the people deploying follow?
    const disagrees = listed !== undefined && requested !== undefined && !days.includes(requested);
    // A staged change is deployed on the day of one of its stages; any other day is not the plan.
    const offPlan = deployedOn !== undefined && days.some((x) => x !== '') && !days.includes(deployedOn);
    const open = d.status === 'approved' || d.status === 'updated';
    const pending = open && deployedOn === undefined;
    // A deployment in the period shows there even when it was planned outside it (on the row of
    // the stage it was closest to), so a view of a freeze's month shows what went in during it.
    const deployedInPeriod = inPeriod(deployedOn, period);
    const stageOfDeployment = days.reduce(
      (best, x, i) => (deployedOn !== undefined && x !== '' && x <= deployedOn && (best < 0 || x > days[best]!) ? i : best),
      -1,
    );
    for (const [i, s] of planned.entries()) {
      const when = days[i]!;
      if (!(open || listed)) continue;
      const deploymentRow = deployedInPeriod && i === Math.max(0, stageOfDeployment);
      if (!inPeriod(when, period) && !deploymentRow && !(current && pending && when <= period.until)) continue;
      // Windows are free text; only one that opens with a weekday name says which day it means.
      const named = s.window === undefined ? undefined : leadingWeekday(s.window);
      const actual = weekdayOf(when);
      // A rejected change will never be deployed: its entry is flagged by its status instead.
      const overdue = when !== '' && when < ctx.today && deployedOn === undefined && d.status !== 'rejected';
      const changeType = str(d, 'change_type') ?? 'normal';
      // An emergency may have to go ahead during an event, but the clash stays in view, worded as
      // such: the type alone (one word in the request) must not make it disappear.
      const emergency = changeType === 'emergency';
      const clash = when ? during(d, when) : undefined;
      // A deployment on the planned day is already judged by the planned date's check.
      const deployedClash = deployedOn && deployedOn !== when ? during(d, deployedOn) : undefined;
      entries.push({
        id: d.id!,
        title: d.title ?? '',
        changeType,
        status: d.status ?? '',
        planned: when,
        deployedOn,
        window: s.window,
        inSchedule: Boolean(listed),
        warnings: [
          ...(listed ? [] : ['not in the change schedule']),
          ...(open ? [] : [`status is ${d.status}`]),
          ...(clash ? [clashText(clash, emergency ? 'emergency change' : 'planned')] : []),
          ...(disagrees ? [`the change request plans it for ${requested}`] : []),
          ...(named && actual && named !== actual ? [`the window says ${named}; ${when} is a ${actual}`] : []),
          ...(approvedOn && when && when < approvedOn ? [`planned for ${when}, before its approval on ${approvedOn}`] : []),
          ...(overdue ? ['planned date passed, not deployed'] : []),
          ...(offPlan ? [`deployed on ${deployedOn}, not on the planned day`] : []),
          ...(deployedClash ? [clashText(deployedClash, emergency ? 'emergency change deployed' : 'deployed')] : []),
        ],
      });
    }
  }
  // Undated changes last: they are what is still to be planned.
  const order = (p: string) => p || '\uffff';
  entries.sort((a, b) =>
    order(a.planned) < order(b.planned) ? -1 : order(a.planned) > order(b.planned) ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
  );
  return {
    kind: 'changes' as const,
    organisation: ctx.config.organisation,
    period,
    schedule: schedule ? { id: schedule.id!, title: schedule.title ?? '', status: schedule.status ?? '' } : undefined,
    changeWindows: texts('change_windows'),
    maintenanceWindows: texts('maintenance_windows'),
    keyBusinessEvents: events.filter((e) => lastDayOf(e) >= period.since && e.date <= period.until),
    changes: entries,
  };
}

export type ChangesData = ReturnType<typeof buildChanges>;

export default defineReport({
  kind: 'changes',
  description: 'The change schedule (WP.12) and what is missing from it.',
  forwardLooking: true,
  needsHistory: false,
  period(ctx, flags) {
    // Without --until: a year ahead of today; the start defaults relative to the end the user gave.
    const until = flags.until ?? addDays(ctx.today, 365);
    return { since: flags.since ?? (flags.until ? addDays(addMonths(flags.until, -12), 1) : addDays(ctx.today, -30)), until };
  },
  build: (ctx, period) => buildChanges(ctx, period),
  charts: () => [],
});
