import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction, type ErrorObject } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { packagePath } from '../paths.js';
import type { WorkType } from './types.js';

export type { ErrorObject };

// ajv-formats is CommonJS; under NodeNext its default export arrives wrapped.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (a: Ajv2020) => Ajv2020;

const readSchema = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(packagePath('schemas', name), 'utf8')) as Record<string, unknown>;

/** A strict draft 2020-12 validator with formats; every error is collected so users see them all at once. */
export function createAjv(options: { validateSchema?: boolean } = {}): Ajv2020 {
  // strictRequired is the one strict check left off: type schemas require fields (owner, …) that
  // the shared base declares through allOf, which that check cannot see.
  const ajv = new Ajv2020({
    strict: true,
    strictRequired: false,
    allErrors: true,
    allowUnionTypes: true,
    validateSchema: options.validateSchema ?? true,
  });
  addFormats(ajv);
  ajv.addSchema(readSchema('common.schema.json'));
  return ajv;
}

/**
 * Compiles the front-matter schema of each type on first use. Extra fields from the config are
 * merged into the type's own `properties` so `unevaluatedProperties: false` still catches typos.
 */
export class SchemaSet {
  private readonly ajv: Ajv2020;
  private readonly cache = new Map<string, ValidateFunction>();
  /**
   * The shipped schemas are checked against the 2020-12 meta-schema by the test suite; checking
   * them again on every run costs more than validating thousands of documents, so it is done only
   * when the configuration brings schemas of its own (extra fields, custom types).
   */
  constructor(
    private readonly extraFields: Record<string, Record<string, unknown>> = {},
    userSchemas = Object.keys(extraFields).length > 0,
  ) {
    this.ajv = createAjv({ validateSchema: userSchemas });
  }

  validator(type: WorkType): ValidateFunction {
    let v = this.cache.get(type.key);
    if (!v) {
      v = this.ajv.compile(this.schemaFor(type));
      this.cache.set(type.key, v);
    }
    return v;
  }

  schemaFor(type: WorkType): Record<string, unknown> {
    const schema = type.custom ? customSchema(type) : readSchema(`${type.key}.schema.json`);
    const extra = this.extraFields[type.key];
    if (extra) schema.properties = { ...(schema.properties as object), ...extra };
    return schema;
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

/** The config schema ships with sms and is meta-validated by the tests, not on every run. */
export function configValidator(): ValidateFunction {
  return createAjv({ validateSchema: false }).compile(readSchema('config.schema.json'));
}
