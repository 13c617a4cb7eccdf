import { suggest } from '../errors.js';
import type { ErrorObject } from '../model/schemas.js';
import { withoutMethodKeys } from '../repo/values.js';
import { defineRule } from './registry.js';

/** A hostile document can violate a schema thousands of times; a few are enough to act on. */
const MAX_ERRORS_PER_DOCUMENT = 20;

/** Fields with their own rules; their schema errors would only repeat those findings. */
const OWN_RULE_FIELDS = new Set(['/id', '/type', '/status']);

export default defineRule({
  id: 'schema',
  description: "Front matter matches its type's JSON Schema (one finding per violated field, at that field).",
  help:
    'Each type has a JSON Schema (schemas/<type>.schema.json, draft 2020-12) for its front matter: required fields, ' +
    'allowed values, dates as YYYY-MM-DD, timestamps with a time zone, no unknown fields. Fields of your own are ' +
    'declared under extra_fields in sms.config.yaml. Each violated field is reported once, at its line.',
  severity: 'error',
  needs: [],
  check(ctx, report) {
    for (const doc of ctx.documents) {
      if (!doc.data || !doc.type) continue;
      const validate = ctx.schemas.validator(doc.type);
      // Keys named toString or valueOf would make the validator itself throw: reported here, left out there.
      const checked = withoutMethodKeys(doc.data);
      for (const p of checked.removed) {
        report({
          doc,
          field: p,
          part: 'key',
          message: `"${p.join('.')}" is not allowed: no field may be named toString or valueOf`,
          hint: 'rename or remove the field',
        });
      }
      if (validate(checked.value)) continue;
      const seen = new Set<string>();
      let count = checked.removed.length;
      for (const e of validate.errors ?? []) {
        if (OWN_RULE_FIELDS.has(e.instancePath) && e.keyword !== 'required') continue;
        const f = describeSchemaError(doc.data, e, () => ctx.schemas.fieldNames(doc.type!));
        if (!f || seen.has(f.key)) continue;
        seen.add(f.key);
        if (++count > MAX_ERRORS_PER_DOCUMENT) {
          report({ doc, field: [], message: `more schema problems in this document were not listed (limit ${MAX_ERRORS_PER_DOCUMENT})` });
          break;
        }
        report({ doc, field: f.path, part: f.part, message: f.message, hint: f.hint });
      }
    }
  },
});

function pathOf(instancePath: string): string[] {
  return instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** A schema error in words, as validate and sms new give it: where, and what the value must be. */
export function describeSchemaError(
  data: unknown,
  e: ErrorObject,
  /** The fields the front matter may have at its top level, to suggest one for a field not known. */
  known?: () => readonly string[],
): { key: string; path: (string | number)[]; part?: 'key'; message: string; hint?: string } | undefined {
  const p = pathOf(e.instancePath).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  const name = p.length ? p.join('.') : 'front matter';
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required': {
      const field = String(params.missingProperty);
      return {
        key: `req:${name}:${field}`,
        path: p,
        part: 'key',
        message: `missing required field "${p.length ? `${name}.` : ''}${field}"`,
      };
    }
    case 'unevaluatedProperties':
    case 'additionalProperties': {
      const field = String(params.unevaluatedProperty ?? params.additionalProperty);
      const like = p.length === 0 && known ? suggest(field, known()) : undefined;
      return {
        key: `extra:${name}:${field}`,
        path: [...p, field],
        part: 'key',
        message: `unknown field "${p.length ? `${name}.` : ''}${field}"${like ? `; did you mean "${like}"?` : ''}`,
        hint: p.length === 0 ? 'check the spelling, or declare the field under extra_fields in sms.config.yaml' : undefined,
      };
    }
    case 'enum':
      return {
        key: `v:${name}`,
        path: p,
        message: `"${name}" must be one of: ${(params.allowedValues as unknown[]).map(String).join(', ')}`,
      };
    case 'const':
      return { key: `v:${name}`, path: p, message: `"${name}" must be ${JSON.stringify(params.allowedValue)}` };
    case 'pattern': {
      if (e.schemaPath.endsWith('/$defs/dateTime/pattern')) {
        // With its offset written otherwise (+0200, +02), or none: the form it must have, as the format says it.
        const offset = /[+-]\d\d:\d\d$/.exec(String(valueAt(data, p)))?.[0];
        if (offset === undefined)
          return {
            key: `v:${name}`,
            path: p,
            message: `"${name}" must be a valid ${formatName('date-time')}`,
            hint: 'write the offset with a colon (+02:00), or the time in UTC with Z',
          };
        return {
          key: `v:${name}`,
          path: p,
          message: `"${name}" has the UTC offset ${offset}, which no time zone uses: offsets run from -12:00 to +14:00`,
          hint: 'write the time with the offset of the zone it was read in (e.g. +01:00), or in UTC with Z',
        };
      }
      // The pattern of the shared docId definition: said in words, not as a regular expression.
      if (!e.schemaPath.endsWith('/$defs/docId/pattern')) break;
      const actual = valueAt(data, p);
      return {
        key: `v:${name}`,
        path: p,
        message: `"${name}" must be a document ID such as SVC-0001 (capital letters and digits, a dash and 4 to 9 digits), not ${JSON.stringify(actual)}`,
      };
    }
    case 'type': {
      const actual = valueAt(data, p);
      const quoted = typeof actual === 'number' || typeof actual === 'boolean';
      return {
        key: `v:${name}`,
        path: p,
        message: `"${name}" must be ${article(String(params.type))}, found ${actual === null ? 'an empty value' : Array.isArray(actual) ? 'a list' : typeof actual}`,
        hint: quoted ? `YAML read this as a ${typeof actual}; put the value in quotes to keep it as written` : undefined,
      };
    }
    case 'format':
      return { key: `v:${name}`, path: p, message: `"${name}" must be a valid ${formatName(String(params.format))}` };
    case 'if':
    case 'allOf':
    case 'anyOf':
    case 'oneOf':
      return undefined;
  }
  return { key: `v:${name}:${e.keyword}`, path: p, message: `"${name}" ${e.message ?? 'is invalid'}` };
}

function valueAt(data: unknown, p: (string | number)[]): unknown {
  let v = data;
  for (const k of p) {
    if (!v || typeof v !== 'object' || !Object.prototype.hasOwnProperty.call(v, k)) return undefined;
    v = (v as Record<string, unknown>)[k as string];
  }
  return v;
}

function article(t: string): string {
  return t === 'array' ? 'a list' : t === 'object' ? 'a mapping' : t === 'integer' ? 'an integer' : `a ${t}`;
}

export function formatName(f: string): string {
  return f === 'date'
    ? 'date (YYYY-MM-DD)'
    : f === 'date-time'
      ? 'date-time (YYYY-MM-DDThh:mm:ssZ, with a time zone)'
      : f === 'email'
        ? 'e-mail address'
        : f;
}
