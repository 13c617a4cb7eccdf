import { roleConflicts } from '../model/policy.js';
import { rolesType } from '../model/types.js';
import { defineRule } from './registry.js';

export default defineRule({
  id: 'separation-of-duties',
  description: 'No person is both Control Manager and Incident Manager, or manager and practitioner in one area.',
  help:
    'ISO/IEC TR 29110-5-3 §3: the Control Manager should not also be the Incident Manager, and no individual should be ' +
    'manager and practitioner in the same area (the CM and a change design, build or test practitioner; by analogy ' +
    'the IM and incident handling). The role pairs and areas are data of the roles type. The standard says "should" ' +
    'and "where possible": set the rule to warn if your organisation is too small to separate them.',
  severity: 'error',
  needs: [],
  check(ctx, report) {
    const doc = ctx.rolesDoc;
    if (!doc) return;
    const type = rolesType(ctx.config.types);
    for (const p of ctx.roles.people) {
      if (p.until && p.until < ctx.today) continue;
      for (const message of roleConflicts(p, type)) report({ doc, field: ['people', p.index, 'roles'], message });
    }
  },
});
