import { hash } from 'node:crypto';
import { parseFrontMatter } from '../repo/frontmatter.js';
import { valuesAtPath } from '../repo/values.js';
import { detach } from '../strings.js';
import { withoutLastSection } from '../markdown.js';

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
  /**
   * Full front matter, kept for the roles document (people and their roles at the time) and for
   * the types that keep their history (`history_data`: records reports read as they stood then).
   */
  data?: Record<string, unknown>;
}

/**
 * Fields that record where a document is in its lifecycle rather than what it says: changing them
 * is not an edit of approved content.
 */
export const BOOKKEEPING: ReadonlySet<string> = new Set([
  // A document's ID names it; a renumbering leaves what it says as it was (and is followed).
  'id',
  // Its type key says which lifecycle judges it: a custom type renamed changes the key and nothing
  // it says, and a change of type is status-transition's to judge.
  'type',
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
  /** Sections per type key written later in the lifecycle, left out of the content hash (`later_sections`). */
  laterSections?: Readonly<Record<string, readonly string[]>>;
  /** Type keys whose full data is kept as well (`history_data`). */
  dataTypes?: readonly string[];
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
  const type = get('type');
  // A section a type writes after its approval, last (a post-implementation review), is not part
  // of the content the approval covered. Own keys only, as for `tracked`.
  const later = type !== undefined && opts.laterSections && Object.hasOwn(opts.laterSections, type) ? opts.laterSections[type] : undefined;
  const body = later?.length ? withoutLastSection(fm.body, later) : fm.body;
  const state: DocState = { fields: {}, contentHash: hashContent(fm.yamlText, body, opts.bookkeeping) };
  const id = get('id');
  if (id !== undefined) state.id = id;
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
  if (fm.data && state.type !== undefined && (state.type === opts.rolesType || opts.dataTypes?.includes(state.type))) state.data = fm.data;
  return state;
}

/**
 * Content fingerprint: front-matter lines of bookkeeping keys are left out, trailing blanks of
 * the rest removed, and the rest and the body hashed. Runs of lines kept as they are go in as one
 * slice each, not a string per line: front matter of 100,000 lines is hashed without 100,000
 * strings.
 */
export function hashContent(yamlText: string, body: string, bookkeeping: ReadonlySet<string> = BOOKKEEPING): string {
  const pieces: string[] = [];
  let runFrom = -1;
  let runTo = -1;
  const flush = (): void => {
    if (runFrom >= 0) pieces.push(yamlText.slice(runFrom, runTo));
    runFrom = -1;
  };
  let skipping = false;
  for (let pos = 0; pos <= yamlText.length;) {
    const nl = yamlText.indexOf('\n', pos);
    const end = nl < 0 ? yamlText.length : nl;
    const keyEnd = topLevelKeyEnd(yamlText, pos, end);
    if (keyEnd >= 0) skipping = bookkeeping.has(yamlText.slice(pos, keyEnd));
    else if (end > pos && !isBlankOrDash(yamlText.charCodeAt(pos))) skipping = false;
    if (skipping) flush();
    else {
      let trimmed = end;
      while (trimmed > pos && isBlank(yamlText.charCodeAt(trimmed - 1))) trimmed--;
      if (trimmed !== end) {
        flush();
        pieces.push(yamlText.slice(pos, trimmed));
      } else {
        if (runFrom < 0) runFrom = pos;
        runTo = end;
      }
    }
    pos = end + 1;
  }
  flush();
  // The one-shot hash(): the same digest as createHash().update()…, without a Hash object per version.
  return hash('sha1', `${pieces.join('\n')}\0${body.replace(/\r\n/g, '\n').trimEnd()}`, 'hex').slice(0, 16);
}

const isBlank = (c: number): boolean => c === 32 || c === 9;
const isBlankOrDash = (c: number): boolean => c === 32 || c === 9 || c === 45;

/** Where the key of a top-level `key:` line between `from` and `to` ends, or -1. */
function topLevelKeyEnd(text: string, from: number, to: number): number {
  const c0 = text.charCodeAt(from);
  if (from >= to || !((c0 >= 65 && c0 <= 90) || (c0 >= 97 && c0 <= 122) || c0 === 95)) return -1;
  let i = from + 1;
  while (i < to) {
    const c = text.charCodeAt(i);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || c === 45) i++;
    else break;
  }
  const keyEnd = i;
  while (i < to && isBlank(text.charCodeAt(i))) i++;
  return i < to && text.charCodeAt(i) === 58 ? keyEnd : -1;
}
