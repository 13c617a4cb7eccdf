import { rolesType } from '../model/types.js';
import { defineRule } from './registry.js';

export default defineRule({
  id: 'required-role',
  description: 'The roles document exists and names a Service Manager (SM), the minimum role (GO.1.2).',
  help:
    'ISO/IEC TR 29110-5-3 GO.1.2: a Service Manager is the minimum role every organisation assigns; the other roles ' +
    '(Control Manager, Incident Manager, …) are added as needed. Without a roles document no approval can be checked.',
  severity: 'error',
  needs: [],
  check(ctx, report) {
    const type = rolesType(ctx.config.types);
    const hasRolesDoc = type !== undefined && ctx.documents.some((d) => d.type?.key === type.key);
    if (!hasRolesDoc) {
      report({
        file: 'sms.config.yaml',
        at: { line: 1, column: 1 },
        message: `no roles document (type: ${type?.key ?? 'roles'}): people and approvals cannot be checked`,
        hint: `create one with "sms new ${type?.key ?? 'roles'}"`,
      });
    } else if (ctx.rolesDoc && !ctx.roles.people.some((p) => p.roles.includes('SM'))) {
      report({
        doc: ctx.rolesDoc,
        field: ['people'],
        message: 'no one holds the Service Manager (SM) role, the minimum every organisation must assign',
      });
    }
  },
});
