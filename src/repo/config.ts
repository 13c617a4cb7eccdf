import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Position, RuleSetting } from '../diagnostic.js';
import { smsError, suggest } from '../errors.js';
import { isTimeZone } from '../calendar.js';
import { builtInTypes, normaliseType, type WorkType } from '../model/types.js';
import { configValidator, createAjv, SchemaSet, type ErrorObject } from '../model/schemas.js';
import type { PolicySettings } from '../model/policy.js';
import { accessReason, readRegularFile } from './files.js';
import { parseYamlMapping } from './frontmatter.js';
import { globToRegExp } from './glob.js';

export const CONFIG_FILE = 'sms.config.yaml';
const MAX_CONFIG_BYTES = 1024 * 1024;

export type HistoryOptions = PolicySettings;

/** The loaded, validated configuration with every default applied. */
export interface SmsConfig {
  root: string;
  organisation: string;
  /** The organisation's time zone (IANA), for today, period boundaries and calendars without one. */
  timezone?: string;
  types: WorkType[];
  typeByKey: Map<string, WorkType>;
  /** Folders (relative, POSIX, no trailing slash) whose .md files are documents. */
  documentFolders: string[];
  ignore: RegExp[];
  rules: Record<string, RuleSetting>;
  expiryWarningDays: number;
  maxFileSize: number;
  extraFields: Record<string, Record<string, unknown>>;
  history: HistoryOptions;
  /** Tasks or processes that do not apply, with the justification (the audit shows them as such). */
  notApplicable: Record<string, string>;
  /** URL templates for links to documents and commits in reports. */
  links: { document?: string; commit?: string };
  /** Where a setting is in sms.config.yaml, for located errors found after loading (e.g. rule ids). */
  locate(path: readonly (string | number)[], part?: 'key' | 'value'): Position;
}

interface RawConfig {
  organisation: string;
  not_applicable?: Record<string, string>;
  links?: { document?: string; commit?: string };
  timezone?: string;
  folders?: Record<string, string>;
  ignore?: string[];
  /** "warning" is the word findings and `sms rules` use; it means "warn". */
  rules?: Record<string, RuleSetting | 'warning'>;
  review_months?: Record<string, number>;
  expiry_warning_days?: number;
  max_file_size?: number;
  extra_fields?: Record<string, Record<string, unknown>>;
  custom_types?: Partial<WorkType>[];
  history?: RawHistory;
}

/** Walks up from `cwd` to the directory holding sms.config.yaml. */
export function findRoot(cwd: string): string {
  let dir = path.resolve(cwd);
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE);
    if (existsSync(candidate)) {
      if (statSync(candidate).isFile()) return dir;
      // A directory or a FIFO by that name is a broken repository, not a missing configuration.
      throw smsError('CONFIG_UNREADABLE', { reason: `${candidate} is not a regular file` });
    }
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw smsError('CONFIG_NOT_FOUND', { dir: path.resolve(cwd) });
    }
    dir = parent;
  }
}

export function loadConfig(cwd: string): SmsConfig {
  const root = findRoot(cwd);
  const file = path.join(root, CONFIG_FILE);
  // Read like a document: a regular file only, within a limit, so an odd file cannot hang sms.
  const read = readRegularFile(file, MAX_CONFIG_BYTES);
  if (!('bytes' in read)) {
    const reason =
      read.reason === 'size'
        ? `it is larger than ${MAX_CONFIG_BYTES / 1024 / 1024} MB`
        : read.reason === 'type'
          ? `it is ${read.kind}, not a regular file`
          : read.reason === 'access'
            ? accessReason(read.code)
            : 'it was removed';
    throw smsError('CONFIG_UNREADABLE', { reason });
  }
  return parseConfig(read.bytes.toString('utf8'), root);
}

/**
 * Parses and validates config text; every problem is reported with its line and column. A
 * configuration read from history (`fromHistory`: a pull request's base, HEAD's settings) skips the
 * checks of custom type definitions that an earlier version of sms did not make: a base accepted
 * then still judges the pull request, rather than falling back to the defaults and letting the
 * pull request judge itself.
 */
export function parseConfig(text: string, root: string, fromHistory = false): SmsConfig {
  const parsed = parseYamlMapping(text, 1);
  // A document's unknown tag is read as plain text with a warning; the configuration is exact, so
  // any finding of the YAML reader refuses it.
  const fatal = parsed.issues;
  if (fatal.length > 0 || !parsed.data) {
    const i = fatal[0] ?? { line: 1, column: 1, message: 'empty configuration', severity: 'error', hint: undefined };
    const text =
      i.severity === 'error' ? i.message : `${i.message.replace(/; the value was read as plain text$/, '')}${i.hint ? `: ${i.hint}` : ''}`;
    throw smsError('CONFIG_INVALID', { line: i.line, column: i.column, text: `${text}${more(fatal.length)}` });
  }
  const validate = configValidator();
  if (!validate(parsed.data)) {
    const all = validate.errors ?? [];
    // A oneOf fails with the failures of its branches: one problem, said once.
    const errors = all.filter(
      (x) => !(/\/oneOf\/\d+\//.test(x.schemaPath) && all.some((o) => o.keyword === 'oneOf' && o.instancePath === x.instancePath)),
    );
    const e = errors[0]!;
    const at = e.instancePath.split('/').slice(1).map(unescapePointer);
    const extra = e.keyword === 'additionalProperties' ? (e.params as { additionalProperty: string }).additionalProperty : undefined;
    const pos = extra ? parsed.locate([...at, extra], 'key') : parsed.locate(at);
    const where = extra ? `"${extra}"` : at.length ? `"${at.join('.')}"` : 'the configuration';
    const def = /^#\/\$defs\/(\w+)\/(?:pattern|oneOf)$/.exec(e.schemaPath)?.[1];
    const what = extra ? 'is not a known setting' : ((def && SCHEMA_MEANS[def]) ?? ajvText(e));
    throw smsError('CONFIG_INVALID', { ...pos, text: `${where} ${what}${more(errors.length)}` });
  }
  const raw = parsed.data as unknown as RawConfig;
  if (raw.timezone !== undefined && !isTimeZone(raw.timezone)) {
    throw smsError('CONFIG_INVALID', {
      ...parsed.locate(['timezone']),
      text: `"timezone" is "${raw.timezone}", not a known time zone (use an IANA name such as Europe/Berlin)`,
    });
  }
  checkPatterns(raw, parsed.locate);
  if (fromHistory) return resolveConfig(raw, root, parsed.locate);
  checkCustomTypes(raw, parsed.locate);
  const config = resolveConfig(raw, root, parsed.locate);
  checkFieldSchemas(raw, config);
  return config;
}

/**
 * Every regular expression in the schemas the configuration brings (`pattern`, the keys of
 * `patternProperties`) must compile, or the first document checked against it would end the run
 * with an unexplained failure.
 */
function checkPatterns(raw: RawConfig, locate: SmsConfig['locate']): void {
  const walk = (node: unknown, at: (string | number)[]): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach((v, i) => walk(v, [...at, i]));
    for (const [k, v] of Object.entries(node)) {
      const compile = (pattern: string, where: (string | number)[], part: 'key' | 'value'): void => {
        try {
          new RegExp(pattern, 'u');
        } catch (err) {
          const reason = (err as Error).message.replace(/^Invalid regular expression: /, '');
          throw smsError('CONFIG_INVALID', {
            ...locate(where, part),
            text: `"${where.join('.')}" is not a regular expression (${reason})`,
          });
        }
      };
      if (k === 'pattern' && typeof v === 'string') compile(v, [...at, k], 'value');
      if (k === 'patternProperties' && v && typeof v === 'object' && !Array.isArray(v))
        for (const p of Object.keys(v)) compile(p, [...at, k, p], 'key');
      walk(v, [...at, k]);
    }
  };
  walk(raw.extra_fields, ['extra_fields']);
  (raw.custom_types ?? []).forEach((t, i) => walk((t as { fields?: unknown }).fields, ['custom_types', i, 'fields']));
}

/**
 * What the schema cannot say about a custom type, checked once here so that every command refuses
 * the same mistakes where they are written: a lifecycle naming statuses the type does not have
 * would let `sms new` write documents that validate then rejects.
 */
function checkCustomTypes(raw: RawConfig, locate: SmsConfig['locate']): void {
  // A key is named by the mapping that holds it, the text saying which key.
  const refuse = (at: (string | number)[], text: string, part?: 'key'): never => {
    const where = part === 'key' ? at.slice(0, -1) : at;
    throw smsError('CONFIG_INVALID', { ...locate(at, part), text: `"${where.join('.')}" ${text}` });
  };
  const custom = raw.custom_types ?? [];
  const customKeys = new Set(custom.map((t) => t.key!));
  const keys = new Set([...builtInTypes().map((t) => t.key), ...customKeys]);
  // A built-in type a custom one replaces gives up its ids with it.
  const kept = builtInTypes().filter((b) => !customKeys.has(b.key));
  custom.forEach((t, i) => {
    const at = ['custom_types', i];
    const first = custom.findIndex((o) => o.key === t.key);
    if (first < i)
      refuse([...at, 'key'], `is "${t.key}", which custom_types.${first} defines already: give each custom type a key of its own`);
    // Two types with one id scheme would claim each other's documents.
    const prefix = t.id?.prefix;
    const byPrefix = prefix === undefined ? undefined : kept.find((b) => b.id.prefix === prefix);
    if (byPrefix)
      refuse(
        [...at, 'id', 'prefix'],
        `is "${prefix}", the prefix of ${byPrefix.key} IDs: choose another prefix, or give the type the key ${byPrefix.key} to replace that type`,
      );
    const singleton = t.id?.singleton;
    const bySingleton = singleton === undefined ? undefined : kept.find((b) => b.id.singleton === singleton);
    if (bySingleton)
      refuse(
        [...at, 'id', 'singleton'],
        `is "${singleton}", the id of the ${bySingleton.key} document: choose another id, or give the type the key ${bySingleton.key} to replace that type`,
      );
    const statuses = t.statuses ?? [];
    const notAStatus = `not one of the type's statuses (${statuses.join(', ')}): add it to statuses or correct it`;
    const status = (s: string, where: (string | number)[]): void => {
      if (!statuses.includes(s)) refuse(where, `is "${s}", ${notAStatus}`);
    };
    const statusKey = (s: string, where: (string | number)[]): void => {
      if (!statuses.includes(s)) refuse([...where, s], `has the key "${s}", ${notAStatus}`, 'key');
    };
    (t.initial ?? []).forEach((s, j) => status(s, [...at, 'initial', j]));
    for (const [from, to] of Object.entries(t.transitions ?? {})) {
      statusKey(from, [...at, 'transitions']);
      to.forEach((s, j) => status(s, [...at, 'transitions', from, j]));
    }
    (t.approving ?? []).forEach((s, j) => status(s, [...at, 'approving', j]));
    // The role codes themselves are an enum of the schema.
    for (const s of Object.keys(t.authority ?? {})) statusKey(s, [...at, 'authority']);
    for (const [field, target] of Object.entries(t.refs ?? {})) {
      if (keys.has(target)) continue;
      const suggestion = suggest(target, keys);
      refuse(
        [...at, 'refs', field],
        `is "${target}", not a type key${suggestion ? `; did you mean "${suggestion}"?` : ' (run "sms types" to list them)'}`,
      );
    }
    for (const field of Object.keys((t as { fields?: object }).fields ?? {}))
      if ((CORE_FIELDS as readonly string[]).includes(field))
        refuse(
          [...at, 'fields', field],
          `redefines "${field}", a field every document has (${CORE_FIELDS.join(', ')}): give the field another name`,
          'key',
        );
  });
}

/** The front-matter fields sms itself reads from every document: a type's own fields cannot redefine them. */
const CORE_FIELDS = ['id', 'type', 'title', 'status'] as const;

/**
 * Every field schema the configuration brings (a custom type's `fields`, `extra_fields`) must be a
 * JSON Schema that ajv compiles as sms compiles it (strict, draft 2020-12): otherwise the first
 * document of that type would end the run with ajv's error, far from its cause. ajv is loaded only
 * when the configuration has such fields.
 */
function checkFieldSchemas(raw: RawConfig, config: SmsConfig): void {
  const schemas: [(string | number)[], unknown][] = [];
  for (const [key, fields] of Object.entries(raw.extra_fields ?? {}))
    for (const [name, schema] of Object.entries(fields)) schemas.push([['extra_fields', key, name], schema]);
  (raw.custom_types ?? []).forEach((t, i) => {
    for (const [name, schema] of Object.entries((t as { fields?: Record<string, unknown> }).fields ?? {}))
      schemas.push([['custom_types', i, 'fields', name], schema]);
  });
  if (schemas.length === 0) return;
  const meta = createAjv({ boundedPatterns: true });
  for (const [at, schema] of schemas) {
    if (!meta.validateSchema(schema as object)) {
      const e = meta.errors![0]!;
      const where = [...at, ...e.instancePath.split('/').slice(1).map(unescapePointer)];
      throw smsError('CONFIG_INVALID', {
        ...config.locate(where),
        text: `"${where.join('.')}" is not valid in a JSON Schema: ${ajvText(e)}`,
      });
    }
  }
  // Each type the configuration changes is compiled as a run compiles it, by the same SchemaSet, its
  // fields in place: a reference resolves (or does not) against the type's schema, as it will when
  // a document is checked.
  const set = new SchemaSet(config.extraFields, true);
  for (const t of config.types) {
    if (!set.compiledAtRunTime(t)) continue;
    try {
      set.validator(t);
    } catch (err) {
      const at = t.custom
        ? ['custom_types', (raw.custom_types ?? []).findIndex((c) => c.key === t.key), 'fields']
        : ['extra_fields', t.key];
      throw smsError('CONFIG_INVALID', {
        ...config.locate(at, 'key'),
        text: `"${at.join('.')}" holds a JSON Schema sms cannot use (${(err as Error).message}): field schemas are read as strict JSON Schema 2020-12, in the type's schema`,
      });
    }
  }
}

/**
 * What a definition of the configuration's schema asks for, in words: its regular expression, or
 * ajv's "must match exactly one schema in oneOf", says it to no one.
 */
const SCHEMA_MEANS: Record<string, string> = {
  idScheme:
    'must have either singleton (one document, e.g. { singleton: PLAN }) or prefix (numbered, e.g. { prefix: ACR, digits: 4 }), not both',
  folder:
    'must be a folder inside the repository: a relative path without a ".." segment, an inner "." or an empty one, not in .git, without control characters',
  text: 'must not contain control characters or bidirectional marks',
};

/** ajv's message for an error, with the values an enum allows (its "one of the allowed values" names none). */
function ajvText(e: ErrorObject): string {
  if (e.keyword === 'enum') return `must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
  return e.message ?? 'is invalid';
}

function more(n: number): string {
  return n > 1 ? ` (and ${n - 1} more problem${n > 2 ? 's' : ''})` : '';
}

function unescapePointer(s: string): string {
  return s.replace(/~1/g, '/').replace(/~0/g, '~');
}

function resolveConfig(raw: RawConfig, root: string, locate: SmsConfig['locate']): SmsConfig {
  // A type that replaces a built-in one keeps what its records are measured by (an incident's
  // sealed fields) unless it says otherwise: customising the incident type must not switch off
  // the protection of closed incidents unawares.
  const builtIn = new Map(builtInTypes().map((t) => [t.key, t]));
  const custom = (raw.custom_types ?? []).map((t) => ({
    ...normaliseType({ ...t, custom: true, sealed: t.sealed ?? (t.key !== undefined ? builtIn.get(t.key)?.sealed : undefined) }),
    fields: (t as { fields?: unknown }).fields,
  }));
  // A custom type with the key of a built-in one replaces it for this repository: a repository that
  // defined, say, its own `risk` type before sms shipped one keeps working as it did.
  const customKeys = new Set(custom.map((t) => t.key));
  const types = [...builtInTypes().filter((t) => !customKeys.has(t.key)), ...custom].map((t) => ({
    ...t,
    folder: normaliseFolder(raw.folders?.[t.key] ?? t.folder),
    review_months: raw.review_months?.[t.key] ?? t.review_months,
  }));
  const typeByKey = new Map(types.map((t) => [t.key, t]));
  for (const section of ['folders', 'review_months', 'extra_fields'] as const) {
    for (const key of Object.keys(raw[section] ?? {})) {
      if (!typeByKey.has(key))
        throw smsError('CONFIG_UNKNOWN_TYPE', { ...locate([section, key], 'key'), key, suggestion: suggest(key, typeByKey.keys()) });
    }
  }
  const folders = [...new Set(types.map((t) => t.folder))].sort();
  // A folder nested in another is already covered by the walk of its parent.
  const documentFolders = folders.filter((f) => !folders.some((o) => o !== f && f.startsWith(`${o}/`)));
  return {
    root,
    organisation: raw.organisation,
    timezone: raw.timezone,
    types,
    typeByKey,
    documentFolders,
    ignore: (raw.ignore ?? []).map(globToRegExp),
    rules: Object.fromEntries(Object.entries(raw.rules ?? {}).map(([k, v]) => [k, v === 'warning' ? 'warn' : v])),
    expiryWarningDays: raw.expiry_warning_days ?? 60,
    maxFileSize: raw.max_file_size ?? 1024 * 1024,
    extraFields: raw.extra_fields ?? {},
    history: historySettings(raw.history),
    notApplicable: raw.not_applicable ?? {},
    links: raw.links ?? {},
    locate,
  };
}

function normaliseFolder(f: string): string {
  return f.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '') || '.';
}

interface RawHistory {
  attribution?: HistoryOptions['attribution'];
  trusted_committers?: string[];
  require_signed?: HistoryOptions['requireSigned'];
  requester_may_approve?: boolean;
  roles_bootstrap?: boolean;
}

/** The `history:` settings with their defaults. */
export function historySettings(raw: RawHistory | undefined): HistoryOptions {
  return {
    attribution: raw?.attribution ?? ['author', 'committer', 'trailer'],
    trustedCommitters: raw?.trusted_committers ?? [],
    requireSigned: raw?.require_signed ?? 'none',
    requesterMayApprove: raw?.requester_may_approve ?? false,
    rolesBootstrap: raw?.roles_bootstrap ?? true,
  };
}

/**
 * The `history:` settings of another version of sms.config.yaml (the base of a pull request), or
 * undefined when that text is not a valid configuration.
 */
export function historySettingsOf(text: string): HistoryOptions | undefined {
  const parsed = parseYamlMapping(text, 1);
  if (!parsed.data || parsed.issues.some((i) => i.severity === 'error') || !configValidator()(parsed.data)) return undefined;
  return historySettings((parsed.data as unknown as RawConfig).history);
}
