import { idExample, idPattern } from '../model/types.js';
import { own } from '../repo/values.js';
import { defineRule } from './registry.js';

export default defineRule({
  id: 'id-format',
  description: "The `id` follows the type's ID scheme (e.g. RFC-0001, or the singleton's fixed ID).",
  help:
    'ISO/IEC TR 29110-5-3 asks for a unique identifier on agreements, change requests, incidents, reports and more. ' +
    'Numbered types use PREFIX-0001 (see "sms types"); singletons such as the policy use a fixed ID. "sms new" assigns the next free one.',
  severity: 'error',
  needs: [],
  check(ctx, report) {
    for (const doc of ctx.documents) {
      if (!doc.data || !doc.type) continue;
      const id = own(doc.data, 'id');
      if (id === undefined) report({ doc, field: [], message: 'missing "id"', hint: `give it an ID like ${idExample(doc.type)}` });
      else if (typeof id !== 'string')
        report({
          doc,
          field: ['id'],
          message: `"id" must be text like ${idExample(doc.type)}`,
          hint: 'use "sms new" to get the next free ID',
        });
      else if (!idPattern(doc.type).test(id)) {
        report({
          doc,
          field: ['id'],
          message: `id "${id}" does not match the ${doc.type.key} scheme (${idExample(doc.type)})`,
          hint: 'use "sms new" to get the next free ID',
        });
      }
    }
  },
});
