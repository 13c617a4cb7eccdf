import { agreementView } from '../repo/sla.js';
import { defineRule } from './registry.js';

export default defineRule({
  id: 'agreement-calendar',
  description: "An agreement's service-hour calendar is well formed (known time zone, days, from before to, holidays as dates).",
  help:
    "Response and resolution targets are measured in the agreement's service hours: calendar: { timezone: " +
    'Europe/Berlin, days: [mon, tue, wed, thu, fri], from: "08:00", to: "18:00", holidays: [2026-12-25] }. A target ' +
    'may run around the clock instead (clock: 24x7). Without a calendar every target is measured in clock hours, ' +
    'which is reported as a warning when a target asks for the calendar. The time zone is an IANA name; without one ' +
    'the timezone of sms.config.yaml applies.',
  severity: 'error',
  needs: [],
  check(ctx, report) {
    for (const doc of ctx.documents) {
      const a = agreementView(doc, ctx.config.timezone);
      if (!a) continue;
      for (const p of a.calendarProblems) report({ doc, field: ['calendar', ...p.path], message: p.message });
      if (a.calendarProblems.length) continue;
      const missing = Object.entries(a.targets)
        .filter(([, t]) => t.clockMissing)
        .map(([prio]) => prio);
      if (missing.length && a.inForce) {
        report({
          doc,
          field: ['targets'],
          severity: 'warning',
          message: `targets ${missing.join(', ')} are measured in service hours, but the agreement has no calendar: they are measured around the clock`,
          hint: 'add calendar: { timezone, days, from, to, holidays }, or set clock: 24x7 on targets that run around the clock',
        });
      }
    }
  },
});
