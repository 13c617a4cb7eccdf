import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Ajv2020, ErrorObject } from 'ajv/dist/2020.js';
import { packagePath } from '../paths.js';
import { boundedRegExp } from './bounded-regexp.js';
import type { WorkType } from './types.js';

export type { ErrorObject };

/**
 * A compiled front-matter check: true when the data is valid, otherwise `errors` holds ajv's error
 * objects. Both ajv's own compiled functions and the standalone ones generated at build time are
 * this; only the former also carry `schema` and `schemaEnv`.
 */
export interface Validator {
  (data: unknown): boolean;
  errors?: null | ErrorObject[];
}

// ajv, ajv-formats and the generated validators are CommonJS. Loading them with require() on first
// use keeps validator() and configValidator() synchronous (as their callers are) and keeps commands
// that never validate from paying for them.
const require = createRequire(import.meta.url);

/** Where `npm run build` writes the standalone validators: one export per type key, plus CONFIG_EXPORT. */
export const PRECOMPILED_FILE = packagePath('dist', 'validators.cjs');
/** Not a valid type key (those are lower-case words joined by hyphens), so it can never clash with one. */
export const CONFIG_EXPORT = 'sms.config';

let precompiled: Record<string, Validator> | undefined;

function precompiledValidator(key: string): Validator {
  precompiled ??= require(PRECOMPILED_FILE) as Record<string, Validator>;
  const v = Object.prototype.hasOwnProperty.call(precompiled, key) ? precompiled[key] : undefined;
  if (!v) throw new Error(`no precompiled validator for "${key}" in ${PRECOMPILED_FILE}; run "npm run build"`);
  return v;
}

const readSchema = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(packagePath('schemas', name), 'utf8')) as Record<string, unknown>;

/**
 * A strict draft 2020-12 validator with formats; every error is collected so users see them all at
 * once. `source` keeps the generated code, which the build turns into the standalone validators:
 * the same options at build and at run time give the same error objects from both.
 */
export function createAjv(options: { validateSchema?: boolean; source?: boolean; boundedPatterns?: boolean } = {}): Ajv2020 {
  const { Ajv2020: Ajv } = require('ajv/dist/2020') as typeof import('ajv/dist/2020.js');
  const addFormats = require('ajv-formats') as (a: Ajv2020) => Ajv2020;
  // strictRequired is the one strict check left off: type schemas require fields (owner, …) that
  // the shared base declares through allOf, which that check cannot see.
  const ajv = new Ajv({
    strict: true,
    strictRequired: false,
    allErrors: true,
    allowUnionTypes: true,
    validateSchema: options.validateSchema ?? true,
    code: { source: options.source ?? false, ...(options.boundedPatterns ? { regExp: boundedRegExp } : {}) },
  });
  // ajv-formats also sets code.formats, so standalone code requires the formats module instead of
  // failing to serialise the format functions.
  addFormats(ajv);
  ajv.addSchema(readSchema('common.schema.json'));
  return ajv;
}

/**
 * The front-matter validator of each type. Shipped types use the validators precompiled at build
 * time; a type whose schema the configuration changes (extra fields) or brings (custom types) is
 * compiled with ajv on first use. Extra fields are merged into the type's own `properties` so
 * `unevaluatedProperties: false` still catches typos.
 */
export class SchemaSet {
  private ajv: Ajv2020 | undefined;
  private readonly cache = new Map<string, Validator>();
  /**
   * The shipped schemas are checked against the 2020-12 meta-schema at build time and by the test
   * suite; schemas from the configuration (extra fields, custom types) are checked when compiled.
   */
  constructor(
    private readonly extraFields: Record<string, Record<string, unknown>> = {},
    private readonly userSchemas = Object.keys(extraFields).length > 0,
  ) {}

  validator(type: WorkType): Validator {
    let v = this.cache.get(type.key);
    if (!v) {
      v = this.compiledAtRunTime(type) ? this.compiler().compile(this.schemaFor(type)) : precompiledValidator(type.key);
      this.cache.set(type.key, v);
    }
    return v;
  }

  /** Whether the configuration changes this type's schema, so the precompiled validator does not apply. */
  compiledAtRunTime(type: WorkType): boolean {
    return Boolean(type.custom) || Object.prototype.hasOwnProperty.call(this.extraFields, type.key);
  }

  schemaFor(type: WorkType): Record<string, unknown> {
    const schema = type.custom ? customSchema(type) : readSchema(`${type.key}.schema.json`);
    const extra = this.extraFields[type.key];
    if (extra) schema.properties = { ...(schema.properties as object), ...extra };
    return schema;
  }

  /**
   * The fields a type's front matter may have at its top level: the base ones, its own and those
   * of extra_fields. Read from the schema files only when asked (a field not known, to suggest one).
   */
  fieldNames(type: WorkType): string[] {
    const base = (readSchema('common.schema.json').$defs as { base?: { properties?: object } } | undefined)?.base?.properties;
    return [...Object.keys(base ?? {}), ...Object.keys((this.schemaFor(type).properties as object | undefined) ?? {})];
  }

  private compiler(): Ajv2020 {
    // Patterns from the configuration may backtrack without end: see boundedRegExp.
    this.ajv ??= createAjv({ validateSchema: this.userSchemas, boundedPatterns: true });
    return this.ajv;
  }
}

function customSchema(type: WorkType & { fields?: Record<string, unknown> }): Record<string, unknown> {
  return {
    $id: `https://schemas.sms.invalid/${type.key}.schema.json`,
    type: 'object',
    allOf: [{ $ref: 'common.schema.json#/$defs/base' }],
    properties: { ...(type.fields ?? {}) },
    unevaluatedProperties: false,
  };
}

/** The validator of sms.config.yaml, precompiled at build time like the shipped type schemas. */
export function configValidator(): Validator {
  return precompiledValidator(CONFIG_EXPORT);
}
