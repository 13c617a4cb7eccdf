import { closeSync, fstatSync, openSync, readSync, readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type { WorkType } from '../model/types.js';
import type { SmsConfig } from './config.js';
import { parseFrontMatter, type ParsedFrontMatter } from './frontmatter.js';
import { matchesAny } from './glob.js';
import { own } from './values.js';

/** A Markdown document of the SMS: its text, parsed front matter and resolved type. */
export interface SmsDocument {
  file: string;
  text: string;
  fm: ParsedFrontMatter;
  data: Record<string, unknown> | null;
  type?: WorkType;
  id?: string;
  status?: string;
  title?: string;
}

/** A file the reader could not use as a document; reported by the rule of the same id. */
export interface LoadIssue {
  rule: 'file-size' | 'file-encoding' | 'symlink';
  file: string;
  message: string;
  hint?: string;
}

export interface LoadedRepository {
  documents: SmsDocument[];
  /** Problems with files that could not be read as documents (size, encoding, symlinks). */
  issues: LoadIssue[];
}

const BINARY_SNIFF_BYTES = 8000;
// ignoreBOM keeps a byte order mark in the text, so the text is the file's exact content (its git blob id can be computed).
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Reads every document under the configured folders. Never writes, never follows links out of the root. */
export function loadRepository(config: SmsConfig): LoadedRepository {
  const root = realpathSync(config.root);
  const documents: SmsDocument[] = [];
  const issues: LoadIssue[] = [];
  const visitedDirs = new Set<string>();
  const seenFiles = new Set<string>();
  const fileDiag = (file: string, rule: LoadIssue['rule'], message: string, hint?: string): void => {
    issues.push(hint ? { rule, file, message, hint } : { rule, file, message });
  };

  const visitFile = (rel: string, abs: string): void => {
    if (seenFiles.has(abs)) return;
    seenFiles.add(abs);
    const text = decodeDocument(rel, readLimited(abs, config.maxFileSize), config.maxFileSize, issues);
    if (text !== undefined) documents.push(readDocument(rel, text, config));
  };

  const walk = (relDir: string): void => {
    const absDir = path.join(root, relDir);
    let real: string;
    try {
      real = realpathSync(absDir);
    } catch {
      return;
    }
    if (visitedDirs.has(real)) return;
    visitedDirs.add(real);
    let entries;
    try {
      entries = readdirSync(absDir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const rel = relDir === '.' ? entry.name : `${relDir}/${entry.name}`;
      if (matchesAny(rel, config.ignore)) continue;
      const abs = path.join(root, rel);
      if (entry.isSymbolicLink()) {
        let target: string;
        try {
          target = realpathSync(abs);
        } catch (err) {
          const loop = (err as NodeJS.ErrnoException).code === 'ELOOP';
          if (entry.name.endsWith('.md') || loop) {
            fileDiag(rel, 'symlink', loop ? 'symbolic link loop; it was not followed' : 'symbolic link points to nothing; it was skipped');
          }
          continue;
        }
        if (target !== root && !target.startsWith(root + path.sep)) {
          fileDiag(
            rel,
            'symlink',
            'symbolic link points outside the repository; it was not followed',
            'copy the file into the repository instead of linking it',
          );
          continue;
        }
        const st = statSync(target);
        if (st.isDirectory()) walk(rel);
        else if (st.isFile() && entry.name.endsWith('.md')) visitFile(rel, target);
        continue;
      }
      if (entry.isDirectory()) walk(rel);
      else if (entry.isFile() && entry.name.endsWith('.md')) visitFile(rel, abs);
    }
  };

  for (const folder of config.documentFolders) walk(folder);
  documents.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { documents, issues };
}

/**
 * A document's text from its bytes (or its size, when it was over the limit and not read), or
 * undefined with a load issue for a file that is too large, binary or not UTF-8. Shared by the
 * working-tree reader and the readers of the index and of history, so all judge files alike.
 */
export function decodeDocument(file: string, bytes: Uint8Array | number, limit: number, issues: LoadIssue[]): string | undefined {
  if (typeof bytes === 'number' || bytes.length > limit) {
    const size = typeof bytes === 'number' ? bytes : bytes.length;
    issues.push({
      rule: 'file-size',
      file,
      message: `file is ${formatBytes(size)}, over the ${formatBytes(limit)} limit; it was skipped`,
      hint: 'split the document, or raise max_file_size in sms.config.yaml',
    });
    return undefined;
  }
  if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) {
    issues.push({
      rule: 'file-encoding',
      file,
      message: 'file looks binary (it contains NUL bytes); it was skipped',
      hint: 'documents must be UTF-8 Markdown text',
    });
    return undefined;
  }
  try {
    return decoder.decode(bytes);
  } catch {
    issues.push({ rule: 'file-encoding', file, message: 'file is not valid UTF-8; it was skipped', hint: 're-save the file as UTF-8' });
    return undefined;
  }
}

/** Parses one document's text; pure, so history readers can reuse it on blobs. */
export function readDocument(file: string, text: string, config: Pick<SmsConfig, 'typeByKey'>): SmsDocument {
  const fm = parseFrontMatter(text);
  const data = fm.data;
  const doc: SmsDocument = { file, text, fm, data };
  if (data) {
    const type = own(data, 'type');
    if (typeof type === 'string') doc.type = config.typeByKey.get(type);
    const id = own(data, 'id');
    if (typeof id === 'string') doc.id = id;
    const status = own(data, 'status');
    if (typeof status === 'string') doc.status = status;
    const title = own(data, 'title');
    if (typeof title === 'string') doc.title = title;
  }
  return doc;
}

let shared: Buffer | undefined;

/**
 * The file's bytes (a view of a buffer reused for every file: decode before the next read), or its
 * size when that is over the limit. One read of limit + 1 bytes tells both, so a file costs open,
 * read and close; the size is looked up only for an oversized file.
 */
function readLimited(abs: string, limit: number): Buffer | number {
  if (!shared || shared.length < limit + 1) shared = Buffer.allocUnsafe(limit + 1);
  const fd = openSync(abs, 'r');
  try {
    let n = 0;
    for (;;) {
      const want = limit + 1 - n;
      const got = readSync(fd, shared, n, want, n);
      n += got;
      if (n > limit) return fstatSync(fd).size;
      // A regular file returns less than asked only at its end: no extra read to find it.
      if (got < want) break;
    }
    return shared.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;
}
