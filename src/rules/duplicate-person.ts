import { addressKey, entriesByPerson, nameKey } from '../model/roles.js';
import { defineRule } from './registry.js';

export default defineRule({
  id: 'duplicate-person',
  description:
    'The roles document lists each person once: no two entries share an e-mail address or a name, as a reader sees them (any case, spacing or Unicode form).',
  help:
    'Approvals, requesters and separation of duties are checked by person. Two entries for one person (the same ' +
    'address written in another case, or the same name) would let a reference resolve to one entry while the roles of the ' +
    'other go unseen, e.g. Control Manager in one entry and Incident Manager in the other. List each person once with all ' +
    'their roles; two people who share a name need names that tell them apart. Names and addresses are compared as a ' +
    'reader sees them: in any case, with any run of spaces (a no-break space too) as one, without invisible characters, ' +
    'and however Unicode composes them. An entry whose roles have ended (until, before today) records a past term: ' +
    'someone who left and came back may keep it beside the entry they hold now.',
  severity: 'error',
  needs: [],
  check(ctx, report) {
    const rolesDoc = ctx.rolesDoc;
    if (!rolesDoc) return;
    // An entry whose roles have ended (until) records a past term: someone who left and came back
    // has it beside the entry they hold now.
    for (const entries of entriesByPerson(ctx.roles.people.filter((p) => !p.until || p.until >= ctx.today))) {
      entries.forEach((p, k) => {
        const before = entries.slice(0, k);
        const byAddress = p.email ? before.find((q) => q.email !== undefined && addressKey(q.email) === addressKey(p.email!)) : undefined;
        const earlier = byAddress ?? before.find((q) => nameKey(q.name) === nameKey(p.name));
        if (!earlier) return;
        report({
          doc: rolesDoc,
          field: ['people', p.index, byAddress ? 'email' : 'name'],
          message: `${p.name} is listed twice: entry ${p.index + 1} has the ${byAddress ? `address of entry ${earlier.index + 1} (${earlier.email})` : `name of entry ${earlier.index + 1}`}; one person's roles must be in one entry`,
          hint: 'merge the entries into one with all the roles; give two people who share a name names that tell them apart',
        });
      });
    }
  },
});
