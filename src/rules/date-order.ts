import { parseDateOrInstant } from '../dates.js';
import { own, ownString } from '../repo/values.js';
import { defineRule } from './registry.js';

export default defineRule({
  id: 'date-order',
  description: 'Dates are in order: an incident is not closed before it opened, an agreement does not end before it starts.',
  help:
    'Each type lists pairs of date fields that must be in order (see "sms types --format md"): opened before resolved ' +
    'before closed for incidents, start before review before end for agreements, and so on. Timestamps are compared ' +
    'as instants, so offsets such as +02:00 are taken into account.',
  severity: 'error',
  needs: [],
  check(ctx, report) {
    for (const doc of ctx.documents) {
      if (!doc.data || !doc.type) continue;
      for (const [earlier, later] of doc.type.dates) {
        for (const { at, name, x, y } of pairs(doc.data, earlier, later)) {
          const a = parseDateOrInstant(x);
          const b = parseDateOrInstant(y);
          if (a !== undefined && b !== undefined && b < a)
            report({ doc, field: [...at, keyOf(later)], message: `"${name(later)}" (${y}) is before "${name(earlier)}" (${x})` });
        }
      }
    }
  },
});

/**
 * The two dates of a pair, once for the document (`opened`, `closed`) or once per item of a list
 * (`key_business_events[].date`, `key_business_events[].until`), with the path of the mapping
 * that holds them.
 */
function pairs(data: Readonly<Record<string, unknown>>, earlier: string, later: string) {
  const list = listOf(earlier);
  if (list === undefined || list !== listOf(later))
    return [{ at: [], name: (f: string) => f, x: ownString(data, earlier), y: ownString(data, later) }];
  const items = own(data, list);
  return (Array.isArray(items) ? items : []).flatMap((item: unknown, i) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? [
          {
            at: [list, i],
            name: (f: string) => `${list}[${i}].${keyOf(f)}`,
            x: ownString(item as Record<string, unknown>, keyOf(earlier)),
            y: ownString(item as Record<string, unknown>, keyOf(later)),
          },
        ]
      : [],
  );
}

const listOf = (field: string): string | undefined => (field.includes('[].') ? field.slice(0, field.lastIndexOf('[].')) : undefined);
const keyOf = (field: string): string => (field.includes('[].') ? field.slice(field.lastIndexOf('[].') + 3) : field);
