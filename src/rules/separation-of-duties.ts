import { roleConflicts, roleName } from '../model/policy.js';
import { ownString } from '../repo/values.js';
import { rolesType, type RoleCode } from '../model/types.js';
import { entriesByPerson } from '../model/roles.js';
import { defineRule } from './registry.js';

export default defineRule({
  id: 'separation-of-duties',
  description:
    'No person is both Control Manager and Incident Manager, or manager and practitioner in one area (declared or by what they did).',
  help:
    'ISO/IEC TR 29110-5-3 §3: the Control Manager should not also be the Incident Manager, and no individual should be ' +
    'manager and practitioner in the same area (the CM and a change design, build or test practitioner; by analogy ' +
    'the IM and incident handling). Checked on the roles document (declared roles and practitioner_areas) and on ' +
    'what people did: a Control Manager named as the designer, builder or tester of a change (designed_by, built_by, ' +
    'performed_by). The role pairs and areas are data of the types. The standard says "should" ' +
    'and "where possible": set the rule to warn if your organisation is too small to separate them.',
  severity: 'error',
  needs: [],
  check(ctx, report) {
    const type = rolesType(ctx.config.types);
    const rolesDoc = ctx.rolesDoc;
    if (rolesDoc) {
      // Per person, not per entry: someone listed twice holds the roles of both entries.
      for (const entries of entriesByPerson(ctx.roles.people.filter((p) => !p.until || p.until >= ctx.today))) {
        const last = entries.at(-1)!;
        const person = {
          ...last,
          roles: [...new Set(entries.flatMap((p) => p.roles))],
          practitionerAreas: [...new Set(entries.flatMap((p) => p.practitionerAreas))],
        };
        for (const message of roleConflicts(person, type)) report({ doc: rolesDoc, field: ['people', last.index, 'roles'], message });
      }
    }
    // From what people did, not only what they declared: a manager who designed, built or tested.
    const managers = Object.entries(type?.manager_areas ?? {});
    for (const doc of ctx.documents) {
      const acts = doc.type?.acts;
      if (!doc.data || !acts) continue;
      const role = managers.find(([, area]) => area === acts.area)?.[0];
      if (!role) continue;
      for (const field of acts.fields) {
        const who = ownString(doc.data, field);
        const person = who ? ctx.roles.resolve(who) : undefined;
        if (!person || !person.roles.includes(role as RoleCode)) continue;
        report({
          doc,
          field: [field],
          message: `${person.name} is ${roleName(role)} and did a practitioner's work in the ${acts.area} area here (${field}); the standard says no one should be manager and practitioner in the same area`,
          hint: `let a practitioner do it, or, if your organisation is too small, set separation-of-duties to warn and record why`,
        });
      }
    }
  },
});
