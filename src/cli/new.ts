import path from 'node:path';
import { isMap, parse, parseDocument } from 'yaml';
import { SmsError } from '../diagnostic.js';
import { loadConfig, type SmsConfig } from '../repo/config.js';
import { formatId, type WorkType } from '../model/types.js';
import { renderTemplate, type TemplateContext } from '../model/render.js';
import { parseFrontMatter } from '../repo/frontmatter.js';
import { nextNumber, scanIds, slugify } from '../repo/ids.js';
import { gitIdentity } from '../git/git.js';
import { loadRepository } from '../repo/documents.js';
import { RolesIndex } from '../model/roles.js';
import { today, type CliIO } from './io.js';
import { writeExclusive } from './write.js';

export interface NewOptions {
  type: string;
  title: string;
  set: string[];
}

const PROTECTED = new Set(['id', 'type']);

export async function newCommand(io: CliIO, opts: NewOptions): Promise<number> {
  const config = loadConfig(io.cwd);
  const type = requireType(config, opts.type);
  const sets = opts.set.map(parseSet);
  const title = cleanTitle(opts.title) || `New ${type.title.toLowerCase()}`;
  const ids = scanIds(config);

  let id: string;
  let rel: string;
  if (type.id.singleton) {
    id = type.id.singleton;
    rel = `${type.folder}/${type.key}.md`;
    if (ids.has(id))
      throw new SmsError(
        'FILE_EXISTS',
        `a ${type.key} document (${id}) already exists; there is only one per repository`,
        `edit it instead: grep -rl "id: ${id}" ${type.folder}`,
      );
  } else {
    id = formatId(type, nextNumber(type, ids));
    const slug = slugify(title);
    rel = `${type.folder}/${id}${slug ? `-${slug}` : ''}.md`;
  }

  const ctx = await templateContext(io, config, { id, title });
  let text = renderTemplate(type, ctx);
  if (sets.length) text = applySets(text, sets);
  writeExclusive(path.join(config.root, ...rel.split('/')), text);
  io.stdout.write(`${rel}\n`);
  return 0;
}

export function requireType(config: SmsConfig, key: string): WorkType {
  const type = config.typeByKey.get(key);
  if (!type) {
    throw new SmsError(
      'UNKNOWN_TYPE',
      `unknown type "${key}"; valid types: ${config.types.map((t) => t.key).join(', ')}`,
      'run "sms types" for details',
    );
  }
  return type;
}

/** Titles become one line of text: control characters and newlines cannot reach a file. */
function cleanTitle(title: string): string {
  return title
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 300);
}

function parseSet(s: string): [string, unknown] {
  const eq = s.indexOf('=');
  const key = eq > 0 ? s.slice(0, eq).trim() : '';
  if (!/^[a-z_][a-z0-9_]*$/.test(key)) throw new SmsError('USAGE', `--set needs key=value with a lower-case field name, got "${s}"`);
  if (PROTECTED.has(key)) throw new SmsError('USAGE', `--set cannot change "${key}"; sms assigns it`);
  const raw = s.slice(eq + 1);
  let value: unknown;
  try {
    value = raw === '' ? '' : parse(raw, { version: '1.2', schema: 'core', maxAliasCount: 0 });
  } catch {
    value = raw;
  }
  return [key, value];
}

/** Sets fields in the rendered front matter; the template's comments and order are kept. */
function applySets(text: string, sets: [string, unknown][]): string {
  const fm = parseFrontMatter(text);
  const doc = parseDocument(fm.yamlText, { version: '1.2' });
  if (!isMap(doc.contents)) return text;
  for (const [k, v] of sets) doc.set(k, v);
  return `---\n${String(doc)}---\n${fm.body}`;
}

export async function templateContext(io: CliIO, config: SmsConfig, doc: { id: string; title: string }): Promise<TemplateContext> {
  const loaded = loadRepository(config);
  const rolesDoc = loaded.documents.find((d) => d.type?.key === 'roles');
  const roles = RolesIndex.fromData(rolesDoc?.data);
  const sm = roles.people.find((p) => p.roles.includes('SM'));
  let identity;
  try {
    identity = await gitIdentity(io.cwd);
  } catch {
    identity = undefined;
  }
  const first = (key: string): string | undefined => loaded.documents.find((d) => d.type?.key === key && d.id)?.id;
  const now = new Date();
  const day = today(io);
  return {
    ...doc,
    org: config.organisation,
    me: identity?.email ?? sm?.email ?? sm?.name ?? '',
    manager: { name: sm?.name ?? '', email: sm?.email, ref: sm?.email ?? sm?.name ?? '' },
    firstService: first('service'),
    firstAgreement: first('customer-agreement'),
    changeRequest: loaded.documents.filter((d) => d.type?.key === 'change-request' && d.id).pop()?.id,
    today: day,
    now: `${day}T${now.toISOString().slice(11, 19)}Z`,
  };
}
