import path from 'node:path';
import { existsSync, lstatSync, realpathSync, rmdirSync } from 'node:fs';
import { parse } from 'yaml';
import { SmsError, smsError, suggest } from '../errors.js';
import type { SmsConfig } from '../repo/config.js';
import { openConfig } from '../load.js';
import { SchemaSet } from '../model/schemas.js';
import { editFrontMatter } from '../repo/edit.js';
import { formatId, type WorkType } from '../model/types.js';
import { renderTemplate, type TemplateContext } from '../model/render.js';
import { parseFrontMatter } from '../repo/frontmatter.js';
import { idsInFileNames, nextNumber, scanIds, slugify } from '../repo/ids.js';
import { deletedPaths } from '../git/history.js';
import { withoutMethodKeys } from '../repo/values.js';
import { gitIdentity } from '../git/git.js';
import { loadRepository } from '../repo/documents.js';
import { RolesIndex } from '../model/roles.js';
import { formatInstant } from '../dates.js';
import { lastReportingPeriod } from '../period.js';
import { nowStamp, today, type CliIO } from './io.js';
import { ioError, makeDirs, withFileLock, writeExclusive } from './write.js';
import { forTerminal } from '../formatters/terminal.js';
import { aType, oneLine } from '../strings.js';
import { describeSchemaError } from '../rules/schema.js';

export interface NewOptions {
  type: string;
  title: string;
  set: string[];
}

const PROTECTED = new Set(['id', 'type']);

export async function newCommand(io: CliIO, opts: NewOptions): Promise<number> {
  const config = openConfig(io.cwd);
  const type = requireType(config, opts.type);
  const sets = opts.set.map(parseSet);
  // A new document starts where its lifecycle starts; later steps are set-status's (each a commit
  // that history can judge). A typo or a later status is refused before anything is written.
  const status = sets.find(([k]) => k === 'status')?.[1];
  if (status !== undefined && !(typeof status === 'string' && type.initial.includes(status)))
    throw smsError('SET_STATUS', {
      value: forTerminal(String(status)).slice(0, 60),
      type: type.key,
      starts: type.initial,
      statuses: type.statuses,
    });
  const title = cleanTitle(opts.title) || `New ${type.title.toLowerCase()}`;
  const folder = path.join(config.root, ...type.folder.split('/'));
  checkInsideRepository(config.root, folder, type.folder);
  let created: string | undefined;
  try {
    created = makeDirs(folder);
  } catch (err) {
    throw ioError(err, folder);
  }
  // The minutes of a management review start from the review pack: read (with history) before the
  // ID lock is taken.
  const prefill = type.key === 'management-review' && !type.custom ? await reviewPrefill(io, config) : undefined;
  // A deleted document's number stays its own: history names it, and a new document under it would
  // be taken for that one put back (IDs of files git history shows deleted in the type's folder).
  const gone = type.id.singleton ? [] : await deletedIds(config, type, io.env);
  try {
    // IDs are allocated under a lock on the type's folder, so parallel runs never pick the same
    // number (the file names differ by their slug, so an exclusive create alone would not see it).
    const rel = await withFileLock(
      path.join(folder, 'ids'),
      async () => {
        const ids = scanIds(config);
        let id: string;
        let rel: string;
        if (type.id.singleton) {
          id = type.id.singleton;
          rel = `${type.folder}/${type.key}.md`;
          if (ids.has(id))
            throw smsError('SINGLETON_EXISTS', {
              type: type.key,
              id,
              folder: type.folder,
              ...(existsSync(path.join(config.root, rel)) ? { file: rel } : {}),
            });
        } else {
          id = formatId(type, nextNumber(type, [...ids, ...gone]));
          const slug = slugify(title);
          rel = `${type.folder}/${id}${slug ? `-${slug}` : ''}.md`;
        }
        const named = sets.find(([k]) => k === 'agreements')?.[1];
        const agreement = Array.isArray(named) && typeof named[0] === 'string' ? named[0] : undefined;
        const ctx = { ...(await templateContext(io, config, { id, title, agreement })), prefill };
        let text = renderTemplate(type, ctx);
        if (sets.length) text = editFrontMatter(text, { set: sets }, rel);
        checkAgainstSchema(config, type, text, rel);
        writeExclusive(path.join(config.root, ...rel.split('/')), text, io);
        return rel;
      },
      { waitMs: 15_000 },
    );
    await sayErrors(io, config, rel);
    io.stdout.write(`${rel}\n`);
    return 0;
  } catch (err) {
    if (created) rmdirQuietly(created);
    throw err;
  }
}

/**
 * What `sms validate` will report as errors in the new document, said now rather than first in CI:
 * an incident on a service that several customers' agreements cover must name the customer's, for
 * one. The document is written all the same: it is a draft to be filled in.
 */
async function sayErrors(io: CliIO, config: SmsConfig, rel: string): Promise<void> {
  const [{ load }, { validate }] = await Promise.all([import('../load.js'), import('../validate.js')]);
  let diagnostics;
  try {
    const loaded = await load(config, { history: 'none', env: io.env });
    diagnostics = validate(loaded, { only: [rel], today: today(io, config.timezone) }).diagnostics;
  } catch (err) {
    // The document is written: what stops the check (another document, the configuration) is said, not failed on.
    if (!(err instanceof SmsError)) throw err;
    io.stderr.write(`sms: ${rel} was written, but could not be checked: ${forTerminal(err.message)}\n`);
    return;
  }
  for (const d of diagnostics) {
    if (d.severity !== 'error') continue;
    io.stderr.write(`sms: ${rel}:${d.line}:${d.column}: ${forTerminal(d.message)} (${d.rule})\n`);
    if (d.hint) io.stderr.write(`     ${forTerminal(d.hint)}\n`);
  }
}

/** IDs in the names of files git history shows deleted from a type's folder; none without git or history. */
async function deletedIds(config: SmsConfig, type: WorkType, env: NodeJS.ProcessEnv | undefined): Promise<string[]> {
  try {
    return idsInFileNames(await deletedPaths({ cwd: config.root, env }, type.folder));
  } catch (err) {
    if (err instanceof SmsError && err.code === 'GIT_MISSING') return [];
    throw err;
  }
}

/**
 * The type folder (or, when it does not exist yet, the nearest folder above it that does) must
 * resolve inside the repository. The reader does not follow a link out of it, so a document
 * written there would be neither checked nor seen when the next ID is chosen (the same ID would be
 * issued again). Checked before the ID lock, which is itself a file in that folder.
 */
function checkInsideRepository(root: string, folder: string, rel: string): void {
  let probe = folder;
  while (probe !== root && !lexists(probe)) probe = path.dirname(probe);
  const realRoot = realpathSync(root);
  let real: string;
  try {
    real = realpathSync(probe);
  } catch (err) {
    // A link to nothing, or a loop: the folder cannot be created there.
    throw ioError(err, folder);
  }
  if (real !== realRoot && !real.startsWith(realRoot + path.sep)) throw smsError('FOLDER_LINK_OUTSIDE', { folder: rel, dir: real });
  // Inside, but in git's own folder (a link to .git/hooks): a document there would be a hook or a ref.
  const gitDir = path.join(realRoot, '.git');
  if (real === gitDir || real.startsWith(gitDir + path.sep)) throw smsError('FOLDER_IN_GIT', { folder: rel, dir: real });
}

function lexists(p: string): boolean {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

/** Removes a folder this run created, if it is still empty. */
function rmdirQuietly(dir: string): void {
  try {
    rmdirSync(dir);
  } catch {
    // not empty or already gone: leave it
  }
}

/** A new document must pass its type's schema: a bad --set value is refused before anything is written. */
function checkAgainstSchema(config: SmsConfig, type: WorkType, text: string, rel: string): void {
  const data = parseFrontMatter(text).data;
  const schemas = new SchemaSet(config.extraFields, Object.keys(config.extraFields).length > 0 || config.types.some((t) => t.custom));
  const validate = schemas.validator(type);
  const checked = withoutMethodKeys(data);
  if (checked.removed.length)
    throw smsError('USAGE', {
      text: `${rel} was not created: "${checked.removed[0]!.join('.')}" is not allowed (no field may be named toString or valueOf)`,
    });
  if (data && validate(checked.value)) return;
  const e = validate.errors?.[0];
  const where = e ? e.instancePath.slice(1).replace(/\//g, '.') || 'front matter' : 'front matter';
  const unknown = e?.keyword === 'unevaluatedProperties' || e?.keyword === 'additionalProperties';
  if (unknown && e.instancePath === '') {
    const field = String(
      (e.params as Record<string, unknown>).unevaluatedProperty ?? (e.params as Record<string, unknown>).additionalProperty,
    );
    const like = suggest(field, schemas.fieldNames(type));
    throw smsError('USAGE', {
      text: `${rel} was not created: ${aType(type.key)} has no field "${field}"${like ? `; did you mean "${like}"?` : '; check the spelling, or declare the field under extra_fields in sms.config.yaml'}`,
    });
  }
  // A reference the template could not fill (no change request yet to name): say which to give.
  const refType = type.refs[where];
  const value = data ? (data as Record<string, unknown>)[where] : undefined;
  if (refType && (value === null || value === undefined || value === ''))
    throw smsError('USAGE', {
      text: `${rel} was not created: "${where}" must name ${aType(refType.split('|')[0]!)}; give it with --set ${where}=<ID>`,
    });
  // Worded as validate words the same finding.
  const said = e ? describeSchemaError(checked.value, e) : undefined;
  throw smsError('USAGE', { text: `${rel} was not created: ${said?.message ?? `"${where}" is invalid`}` });
}

export function requireType(config: SmsConfig, key: string): WorkType {
  const type = config.typeByKey.get(key);
  if (!type) {
    throw smsError('UNKNOWN_TYPE', { key, known: config.types.map((t) => t.key), suggestion: suggest(key, config.typeByKey.keys()) });
  }
  return type;
}

/** Titles become one line of text: control characters and newlines cannot reach a file. */
function cleanTitle(title: string): string {
  return oneLine(title).replace(/\s+/g, ' ').trim().slice(0, 300);
}

function parseSet(s: string): [string, unknown] {
  const eq = s.indexOf('=');
  const key = eq > 0 ? s.slice(0, eq).trim() : '';
  if (!/^[a-z_][a-z0-9_]*$/.test(key)) throw smsError('SET_FORMAT', { value: s });
  if (PROTECTED.has(key)) throw smsError('SET_PROTECTED', { key });
  const raw = s.slice(eq + 1);
  let value: unknown;
  try {
    // logLevel: no Node process warning for an unknown tag; the value is checked against the schema.
    value = raw === '' ? '' : parse(raw, { version: '1.2', schema: 'core', maxAliasCount: 0, logLevel: 'error' });
  } catch {
    value = raw;
  }
  const what = unwritable(value);
  if (what) throw smsError('SET_VALUE', { key, value: forTerminal(raw).slice(0, 100), what });
  return [key, value];
}

/**
 * What a --set value read as, when front matter cannot hold it: YAML's known tags make binary
 * data, sets, ordered maps and timestamps, and .nan/.inf are numbers JSON (and the schemas) have
 * no place for. Only text, finite numbers, booleans, null, lists and mappings are written.
 */
function unwritable(value: unknown): string | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : 'a number that is not finite';
  if (Array.isArray(value)) return value.map(unwritable).find(Boolean);
  if (value instanceof Uint8Array) return 'binary data (!!binary)';
  if (value instanceof Set) return 'a set (!!set)';
  if (value instanceof Map) return 'an ordered mapping (!!omap or !!pairs)';
  if (value instanceof Date) return 'a timestamp (!!timestamp)';
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype)
    return Object.values(value as Record<string, unknown>)
      .map(unwritable)
      .find(Boolean);
  return 'a value of another kind';
}

async function reviewPrefill(io: CliIO, config: SmsConfig): Promise<Record<string, unknown>> {
  const [{ load }, { validate }, { reportContext }, { minutesPrefill }, { processModel }, { version }] = await Promise.all([
    import('../load.js'),
    import('../validate.js'),
    import('../report/context.js'),
    import('../report/review.js'),
    import('../model/processes.js'),
    import('../version.js'),
  ]);
  const day = today(io, config.timezone);
  const loaded = await load(config, { history: 'all-if-available', env: io.env });
  const ctx = reportContext(loaded, validate(loaded, { today: day }), day, processModel(), { toolVersion: version(), generated: day });
  return minutesPrefill(ctx, day);
}

export async function templateContext(
  io: CliIO,
  config: SmsConfig,
  doc: { id: string; title: string; agreement?: string },
): Promise<TemplateContext> {
  const loaded = loadRepository(config);
  const rolesDoc = loaded.documents.find((d) => d.type?.grants_roles);
  const roles = RolesIndex.fromData(rolesDoc?.data);
  const sm = roles.people.find((p) => p.roles.includes('SM'));
  let identity;
  try {
    identity = await gitIdentity({ cwd: io.cwd, env: io.env });
  } catch {
    identity = undefined;
  }
  const first = (key: string): string | undefined => loaded.documents.find((d) => d.type?.key === key && d.id)?.id;
  // The agreement a new performance report names: the one given with --set agreements=[…], else the first.
  const reportedId = doc.agreement ?? first('customer-agreement');
  const reported = reportedId === undefined ? undefined : loaded.documents.find((d) => d.id === reportedId);
  const day = today(io, config.timezone);
  return {
    ...doc,
    org: config.organisation,
    me: identity?.email ?? sm?.email ?? sm?.name ?? '',
    manager: { name: sm?.name ?? '', email: sm?.email, ref: sm?.email ?? sm?.name ?? '' },
    firstService: first('service'),
    firstAgreement: first('customer-agreement'),
    changeRequest: loaded.documents.filter((d) => d.type?.key === 'change-request' && d.id).pop()?.id,
    today: day,
    // Service hours are counted in a time zone: the organisation's (else UTC), written out to be checked.
    timezone: config.timezone,
    reportPeriod: lastReportingPeriod(reported?.data?.reporting, day),
    now: formatInstant(nowStamp(io, config.timezone)),
  };
}
