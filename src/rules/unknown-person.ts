import { own, stringValues } from '../repo/values.js';
import { defineRule } from './registry.js';

export default defineRule({
  id: 'unknown-person',
  description: 'Every person a document names (requested_by, approved_by, owner, …) is in the roles document.',
  help:
    'People are named by the e-mail address or exact name the roles document gives them, so that their roles can be ' +
    'checked. A name the roles document does not know is probably a typo or someone who was never given a role.',
  severity: 'warning',
  needs: [],
  check(ctx, report) {
    if (!ctx.rolesDoc) return;
    for (const doc of ctx.documents) {
      if (!doc.data || !doc.type) continue;
      for (const field of doc.type.people) {
        const raw = own(doc.data, field);
        stringValues(raw).forEach((v, i) => {
          if (ctx.roles.resolve(v)) return;
          report({
            doc,
            field: Array.isArray(raw) ? [field, i] : [field],
            message: `"${field}" names "${v}", who is not in the roles document (${ctx.rolesDoc!.file})`,
            hint: 'use the e-mail address or exact name the roles document gives them, or add them there',
          });
        });
      }
    }
  },
});
