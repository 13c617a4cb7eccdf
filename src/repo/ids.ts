import type { SmsConfig } from './config.js';
import { smsError } from '../errors.js';
import { MAX_ID_DIGITS, type WorkType } from '../model/types.js';
import { readOutsideDocuments, walkDocumentFiles, type LoadIssue } from './documents.js';
import { readHead } from './files.js';
import { MAX_FRONT_MATTER_BYTES } from './frontmatter.js';

const FILE_ID = /^([A-Z][A-Z0-9]*-\d+)/;
const ID_VALUE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * Every document ID in the working tree, from front matter and from file names, found by a light
 * scan (no YAML parsing) so `sms new` stays fast on large repositories. File names count too, so a
 * broken file still keeps its number from being reused, and so do ignored files. The walk is the
 * document reader's: only regular files are opened, so a FIFO or a link to a device cannot make
 * `sms new` wait or read without end.
 */
export function scanIds(config: SmsConfig): Set<string> {
  const ids = new Set<string>();
  const issues: LoadIssue[] = [];
  const fromName = (rel: string): void => {
    const m = FILE_ID.exec(rel.slice(rel.lastIndexOf('/') + 1));
    if (m) ids.add(m[1]!);
  };
  const fromFile = (rel: string, abs: string): void => {
    fromName(rel);
    const head = readHead(abs, MAX_FRONT_MATTER_BYTES + 8);
    if (!('bytes' in head)) return;
    const id = idInFrontMatter(head.bytes.toString('utf8'));
    if (id !== undefined) ids.add(id);
  };
  const read = walkDocumentFiles(config, issues, fromFile, { ignore: false });
  // Files that were not read (a FIFO, an unreadable file, a link out) still hold the number in their name.
  for (const i of issues) fromName(i.file);
  // So does a document saved as .MD or .markdown, read by nothing until it is renamed, and scanned
  // as lightly as a .md file: one that cannot be read as a document still keeps its number.
  for (const o of read.others) fromFile(o.rel, o.abs);
  // A document in the wrong folder (stray-document) is moved to its folder, not given a twin.
  for (const d of readOutsideDocuments(config, read)) if (d.id) ids.add(d.id);
  return ids;
}

/**
 * The value of the first top-level `id:` line at the start of `text`, read line by line: in the
 * front matter, or anywhere in the head of a file whose front matter is broken (a blank line
 * before it, no opening line), so that such a file still keeps its number.
 */
export function idInFrontMatter(text: string): string | undefined {
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let lineNo = 0;
  let opened = false;
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos);
    const end = nl < 0 ? text.length : nl;
    const line = text.slice(pos, text.charCodeAt(end - 1) === 13 ? end - 1 : end);
    pos = end + 1;
    if (lineNo++ === 0 && line.trimEnd() === '---') {
      opened = true;
      continue;
    }
    if (opened && (line === '---' || line === '...')) return undefined;
    if (!line.startsWith('id:')) continue;
    let v = line.slice(3);
    const hash = v.indexOf('#');
    if (hash >= 0) v = v.slice(0, hash);
    v = v.trim();
    if ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'"))) v = v.slice(1, -1);
    return ID_VALUE.test(v) ? v : undefined;
  }
  return undefined;
}

/** The IDs in file names (`INC-0007-printer.md`): of deleted files, as `sms new` names them. */
export function idsInFileNames(paths: Iterable<string>): string[] {
  const out: string[] = [];
  for (const rel of paths) {
    const m = FILE_ID.exec(rel.slice(rel.lastIndexOf('/') + 1));
    if (m) out.push(m[1]!);
  }
  return out;
}

/**
 * The next number after the highest existing ID of the type; numbers are never reused. Numbers are
 * compared exactly (a hand-made ID may have more digits than a double holds); when the next one
 * would not fit the ID scheme, nothing can be numbered and the highest ID is named.
 */
export function nextNumber(type: WorkType, ids: Iterable<string>): number {
  const re = new RegExp(`^${type.id.prefix}-(\\d+)$`);
  let max = 0n;
  let highest = '';
  for (const id of ids) {
    const m = re.exec(id);
    if (m && BigInt(m[1]!) > max) {
      max = BigInt(m[1]!);
      highest = id;
    }
  }
  const limit = 10n ** BigInt(MAX_ID_DIGITS) - 1n;
  if (max >= limit) throw smsError('ID_EXHAUSTED', { id: highest, type: type.key, limit: `${type.id.prefix}-${limit}` });
  return Number(max) + 1;
}

/**
 * A file-name-safe slug: letters and digits of any script are kept (so "Störung Drucker" stays
 * readable), everything else, path separators and dots included, becomes a single hyphen.
 */
export function slugify(title: string, max = 60): string {
  const slug = title
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  const cut = [...slug].slice(0, max).join('').replace(/-+$/, '');
  return cut;
}
