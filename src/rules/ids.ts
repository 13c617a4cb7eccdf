import type { Diagnostic } from '../diagnostic.js';
import { idExample, idPattern } from '../model/types.js';
import { own } from '../repo/documents.js';
import { at, type Rule } from './context.js';

export const idFormat: Rule = {
  id: 'id-format',
  description: "The `id` follows the type's ID scheme (e.g. RFC-0001, or the singleton's fixed ID).",
  defaultSeverity: 'error',
  check(ctx) {
    const out: Diagnostic[] = [];
    for (const doc of ctx.documents) {
      if (!doc.data || !doc.type) continue;
      const id = own(doc.data, 'id');
      if (id === undefined) {
        out.push(at(doc, 'id-format', 'error', doc.fm.locate([]), 'missing "id"', `give it an ID like ${idExample(doc.type)}`));
      } else if (typeof id !== 'string' || !idPattern(doc.type).test(id)) {
        out.push(
          at(
            doc,
            'id-format',
            'error',
            doc.fm.locate(['id']),
            `id "${String(id)}" does not match the ${doc.type.key} scheme (${idExample(doc.type)})`,
            'use "sms new" to get the next free ID',
          ),
        );
      }
    }
    return out;
  },
};

export const duplicateId: Rule = {
  id: 'duplicate-id',
  description: 'Every document ID is unique across the repository (catches two branches that created the same ID).',
  defaultSeverity: 'error',
  check(ctx) {
    const out: Diagnostic[] = [];
    for (const [id, docs] of ctx.byId) {
      if (docs.length < 2) continue;
      for (const doc of docs) {
        const others = docs.filter((d) => d !== doc).map((d) => d.file);
        out.push(
          at(
            doc,
            'duplicate-id',
            'error',
            doc.fm.locate(['id']),
            `id "${id}" is also used by ${others.join(', ')}`,
            'give one of them a new ID with "sms new" (for example after merging two branches that both created it)',
          ),
        );
      }
    }
    return out;
  },
};

export const statusValue: Rule = {
  id: 'status-value',
  description: "The `status` is one of the type's status codes.",
  defaultSeverity: 'error',
  check(ctx) {
    const out: Diagnostic[] = [];
    for (const doc of ctx.documents) {
      if (!doc.data || !doc.type) continue;
      const s = own(doc.data, 'status');
      const allowed = doc.type.statuses.join(', ');
      if (s === undefined) out.push(at(doc, 'status-value', 'error', doc.fm.locate([]), `missing "status" (one of: ${allowed})`));
      else if (s === null)
        out.push(
          at(
            doc,
            'status-value',
            'error',
            doc.fm.locate(['status']),
            `status is empty (in YAML "~" and "null" mean no value); expected one of: ${allowed}`,
          ),
        );
      else if (typeof s !== 'string' || !doc.type.statuses.includes(s)) {
        out.push(
          at(
            doc,
            'status-value',
            'error',
            doc.fm.locate(['status']),
            `status "${String(s)}" is not a ${doc.type.key} status; expected one of: ${allowed}`,
          ),
        );
      }
    }
    return out;
  },
};
