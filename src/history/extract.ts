import { hash } from 'node:crypto';
import { parseFrontMatter } from '../repo/frontmatter.js';
import { valuesAtPath } from '../repo/values.js';
import { detach } from '../strings.js';

/** What the history rules need from one version of a document. */
export interface DocState {
  id?: string;
  type?: string;
  status?: string;
  title?: string;
  /** String values of the front-matter fields the policy looks at (approval fields, requester, …). */
  fields: Record<string, string>;
  /** Values of the type's tracked list fields (e.g. the change requests a schedule lists), by field path. */
  lists?: Record<string, string[]>;
  /** Hash of the content without lifecycle bookkeeping: equal hashes mean no real edit. */
  contentHash: string;
  /** Full front matter, kept only for the roles document (people and their roles at the time). */
  data?: Record<string, unknown>;
}

/**
 * Fields that record where a document is in its lifecycle rather than what it says: changing them
 * is not an edit of approved content.
 */
export const BOOKKEEPING: ReadonlySet<string> = new Set([
  'status',
  'approved_by',
  'approved_on',
  'reviewed_on',
  'next_review',
  'version',
  'deployed_on',
  // How a deployed change went, and what its post-implementation review concluded, are recorded
  // after its approval (CO.3.4, CO.3.5).
  'outcome',
  'review_outcome',
]);

export interface ExtractOptions {
  /** Front-matter fields to keep as strings in `fields`. */
  fields: readonly string[];
  /** The type key of the roles document, whose full data is kept. */
  rolesType?: string;
  /** Tracked list fields per type key: their values are kept for every version. */
  tracked?: Readonly<Record<string, readonly string[]>>;
  /** Bookkeeping fields left out of the content hash (default BOOKKEEPING; types add their countersign fields). */
  bookkeeping?: ReadonlySet<string>;
}

/**
 * Extracts a document's lifecycle fields. parseFrontMatter reads most front matter with its fast
 * path and falls back to the `yaml` parser for the rest, so every version of every document in
 * history is read the same way as the working tree.
 */
export function extractState(text: string, opts: ExtractOptions): DocState {
  const fm = parseFrontMatter(text);
  const data = fm.data ?? {};
  const get = (key: string): string | undefined => {
    const v = Object.prototype.hasOwnProperty.call(data, key) ? data[key] : undefined;
    return typeof v === 'string' ? detach(v) : undefined;
  };
  const state: DocState = { fields: {}, contentHash: hashContent(fm.yamlText, fm.body, opts.bookkeeping) };
  const id = get('id');
  if (id !== undefined) state.id = id;
  const type = get('type');
  if (type !== undefined) state.type = type;
  const status = get('status');
  if (status !== undefined) state.status = status;
  const title = get('title');
  if (title !== undefined) state.title = title;
  for (const key of opts.fields) {
    const v = get(key);
    if (v !== undefined) state.fields[key] = v;
  }
  // Own keys only: a document whose type is "constructor" must not find Object's constructor here.
  const tracked =
    state.type !== undefined && fm.data && opts.tracked && Object.hasOwn(opts.tracked, state.type) ? opts.tracked[state.type] : undefined;
  if (tracked) {
    state.lists = {};
    for (const path of tracked) state.lists[path] = valuesAtPath(fm.data!, path).map((v) => detach(v.value));
  }
  if (opts.rolesType !== undefined && state.type === opts.rolesType && fm.data) state.data = fm.data;
  return state;
}

/** Trailing spaces and tabs removed, by a backwards scan (a regular expression is quadratic on long runs). */
function trimTrailingBlanks(line: string): string {
  let end = line.length;
  while (end > 0 && (line.charCodeAt(end - 1) === 32 || line.charCodeAt(end - 1) === 9)) end--;
  return end === line.length ? line : line.slice(0, end);
}

/** Content fingerprint: front-matter lines of bookkeeping keys are left out, the rest and the body hashed. */
export function hashContent(yamlText: string, body: string, bookkeeping: ReadonlySet<string> = BOOKKEEPING): string {
  const kept: string[] = [];
  let skipping = false;
  for (const line of yamlText.split('\n')) {
    const key = topLevelKey(line);
    if (key !== undefined) skipping = bookkeeping.has(key);
    else if (line !== '' && line[0] !== ' ' && line[0] !== '\t' && line[0] !== '-') skipping = false;
    if (!skipping) kept.push(trimTrailingBlanks(line));
  }
  // The one-shot hash(): the same digest as createHash().update()…, without a Hash object per version.
  return hash('sha1', `${kept.join('\n')}\0${body.replace(/\r\n/g, '\n').trimEnd()}`, 'hex').slice(0, 16);
}

/** `key` of a top-level `key:` line, or undefined. */
function topLevelKey(line: string): string | undefined {
  const c0 = line.charCodeAt(0);
  if (!((c0 >= 65 && c0 <= 90) || (c0 >= 97 && c0 <= 122) || c0 === 95)) return undefined;
  let i = 1;
  while (i < line.length) {
    const c = line.charCodeAt(i);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || c === 45) i++;
    else break;
  }
  const keyEnd = i;
  while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
  return line[i] === ':' ? line.slice(0, keyEnd) : undefined;
}
