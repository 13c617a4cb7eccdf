import { own } from '../repo/values.js';
import { defineRule } from './registry.js';

export default defineRule({
  id: 'step-field',
  description: 'A field that records a later step (a change’s deployment) is set only once the document has reached that step.',
  help:
    'Some fields record a step that comes later in a lifecycle: a change request’s deployed_on, outcome and ' +
    'review_outcome record its deployment and review, which come after its approval to deploy (the move to updated, ' +
    'CO.3.2). Set while the change is still only approved, they say it was deployed without that approval. Move the ' +
    'document to the status first (sms set-status RFC-0001 updated, by someone who may), or remove the field. Each ' +
    'type lists its step fields in step_fields (see "sms types --format md").',
  severity: 'warning',
  needs: [],
  check(ctx, report) {
    for (const doc of ctx.documents) {
      const steps = doc.type?.step_fields;
      if (!doc.data || !steps || doc.status === undefined) continue;
      for (const [field, statuses] of Object.entries(steps)) {
        const v = own(doc.data, field);
        if (v === undefined || v === null || v === '' || statuses.includes(doc.status)) continue;
        const wanted = statuses.map((s) => `"${s}"`).join(' or ');
        report({
          doc,
          field: [field],
          part: 'key',
          message: `"${field}" is set while the ${doc.type!.key} is "${doc.status}": it records a step that comes only in ${wanted}`,
          hint: `move it to ${wanted} first (sms set-status ${doc.id ?? '<id>'} ${statuses[0]}), or remove "${field}"`,
        });
      }
    }
  },
});
