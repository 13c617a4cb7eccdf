import { createHash } from 'node:crypto';
import { parseFrontMatter } from '../repo/frontmatter.js';
import { detach } from '../strings.js';

/** What the history rules need from one version of a document. */
export interface DocState {
  id?: string;
  type?: string;
  status?: string;
  approvedBy?: string;
  requestedBy?: string;
  changeType?: string;
  title?: string;
  /** Hash of the content without lifecycle bookkeeping: equal hashes mean no real edit. */
  contentHash: string;
  /** Full front matter, kept only for roles documents (people and their roles at the time). */
  data?: Record<string, unknown>;
}

/**
 * Fields that record where a document is in its lifecycle rather than what it says: changing them
 * is not an edit of approved content.
 */
export const BOOKKEEPING = new Set(['status', 'approved_by', 'approved_on', 'reviewed_on', 'next_review', 'version', 'deployed_on']);

const WANTED: Record<string, keyof DocState> = {
  id: 'id',
  type: 'type',
  status: 'status',
  approved_by: 'approvedBy',
  requested_by: 'requestedBy',
  change_type: 'changeType',
  title: 'title',
};

/**
 * Extracts a document's lifecycle fields. parseFrontMatter reads most front matter with its fast
 * path and falls back to the `yaml` parser for the rest, so every version of every document in
 * history is read the same way as the working tree.
 */
export function extractState(text: string): DocState {
  const fm = parseFrontMatter(text);
  const data = fm.data ?? {};
  const state: DocState = { contentHash: hashContent(fm.yamlText, fm.body) };
  for (const [key, field] of Object.entries(WANTED)) {
    const v = Object.prototype.hasOwnProperty.call(data, key) ? data[key] : undefined;
    if (typeof v === 'string') (state as unknown as Record<string, unknown>)[field] = detach(v);
  }
  if (state.type === 'roles' && fm.data) state.data = fm.data;
  return state;
}

/** Content fingerprint: front-matter lines of bookkeeping keys are left out, the rest and the body hashed. */
export function hashContent(yamlText: string, body: string): string {
  const kept: string[] = [];
  let skipping = false;
  for (const line of yamlText.split('\n')) {
    const m = /^([A-Za-z_][A-Za-z0-9_-]*)[ \t]*:/.exec(line);
    if (m) skipping = BOOKKEEPING.has(m[1]!);
    else if (line !== '' && line[0] !== ' ' && line[0] !== '\t' && line[0] !== '-') skipping = false;
    if (!skipping) kept.push(line.replace(/[ \t]+$/, ''));
  }
  return createHash('sha1')
    .update(kept.join('\n'))
    .update('\0')
    .update(body.replace(/\r\n/g, '\n').replace(/\s+$/, ''))
    .digest('hex')
    .slice(0, 16);
}
