import { defineRule } from './registry.js';

export default defineRule({
  id: 'duplicate-id',
  description: 'Every document ID is unique across the repository (catches two branches that created the same ID).',
  help:
    'Two documents with one ID make every reference to it ambiguous. It usually happens when two branches both ran ' +
    '"sms new" and were merged. Give one of them a new ID with "sms new" and move its content over.',
  severity: 'error',
  needs: [],
  check(ctx, report) {
    for (const [id, docs] of ctx.byId) {
      if (docs.length < 2) continue;
      for (const doc of docs) {
        const others = docs.filter((d) => d !== doc).map((d) => d.file);
        report({
          doc,
          field: ['id'],
          message: `id "${id}" is also used by ${others.join(', ')}`,
          hint: 'give one of them a new ID with "sms new" (for example after merging two branches that both created it)',
        });
      }
    }
  },
});
