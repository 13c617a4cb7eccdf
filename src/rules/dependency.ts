import { own, valuesAtPath } from '../repo/values.js';
import { defineRule } from './registry.js';
import { aType } from '../strings.js';

export default defineRule({
  id: 'dependency',
  description: 'A build is final only with a published test report; the change schedule lists only approved change requests.',
  help:
    'The standard prescribes no order of tasks, only the status each input must have: a build becomes final only after its test report is published (CO.3.2), and the change schedule ' +
    'lists approved changes (WP.12). These requirements are data of each type (requires: in model/types.yaml).',
  severity: 'error',
  needs: [],
  check(ctx, report) {
    for (const doc of ctx.documents) {
      if (!doc.data || !doc.type?.requires) continue;
      for (const r of doc.type.requires) {
        if (r.when && !(doc.status && r.when.includes(doc.status))) continue;
        const clause = r.clause ? ` (${r.clause})` : '';
        const values = valuesAtPath(doc.data, r.field);
        if (values.length === 0 && r.when) {
          report({
            doc,
            field: own(doc.data, r.field) === undefined ? ['status'] : [r.field],
            message: `${aType(doc.type.key)} can be ${doc.status} only when "${r.field}" names ${aType(r.type)} that is ${r.statuses.join(' or ')}${clause}`,
            hint: `set ${r.field} to the ID of that ${r.type}`,
          });
          continue;
        }
        for (const { value, path } of values) {
          const target = ctx.byId.get(value)?.[0];
          // A missing or mistyped target is broken-reference's finding.
          if (!target || target.type?.key !== r.type) continue;
          if (!target.status || !r.statuses.includes(target.status)) {
            report({
              doc,
              field: path,
              message: r.when
                ? `${aType(doc.type.key)} can be ${doc.status} only when ${value} is ${r.statuses.join(' or ')}, but it is ${target.status ?? 'without status'}${clause}`
                : `"${r.field}" lists ${value}, which is ${target.status ?? 'without status'}; only ${aType(r.type)} that is ${r.statuses.join(' or ')} belongs here${clause}`,
            });
          } else if (r.warn && target.data && own(target.data, r.warn.field) === r.warn.equals) {
            report({ doc, field: path, message: `${value} ${r.warn.message}`, severity: 'warning' });
          }
        }
      }
    }
  },
});
