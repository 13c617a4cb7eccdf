import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { idPattern, type WorkType } from '../model/types.js';
import type { SmsConfig } from './config.js';
import { accessReason, errorCode, kindOf, readRegularFile } from './files.js';
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
  /** Read through a symbolic link (to the file or a folder above it): git records the link, not this text. */
  linked?: boolean;
}

/** A file the reader could not use as a document; reported by the rule of the same id. */
export interface LoadIssue {
  rule: 'file-size' | 'file-encoding' | 'symlink' | 'file-type' | 'file-access';
  file: string;
  message: string;
  hint?: string;
}

export interface LoadedRepository {
  documents: SmsDocument[];
  /** Problems with files that could not be read as documents (size, encoding, links, file type, access). */
  issues: LoadIssue[];
  /**
   * Markdown files sms does not read whose front matter is that of a document (a type sms knows
   * and an id of its scheme; see strayDocument): outside the folders sms reads, or saved with
   * another Markdown extension (otherMarkdownName). Nothing checks them and no report counts them.
   */
  outside?: SmsDocument[];
}

const BINARY_SNIFF_BYTES = 8000;
// ignoreBOM keeps a byte order mark in the text, so the text is the file's exact content (its git blob id can be computed).
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Reads every document under the configured folders. Never writes, never follows links out of the root. */
export function loadRepository(config: SmsConfig): LoadedRepository {
  const documents: SmsDocument[] = [];
  const issues: LoadIssue[] = [];
  const walked = walkDocumentFiles(config, issues, (rel, abs, linked) => {
    const read = readRegularFile(abs, config.maxFileSize);
    let text: string | undefined;
    if ('bytes' in read) text = decodeDocument(rel, read.bytes, config.maxFileSize, issues);
    else if (read.reason === 'size') text = decodeDocument(rel, read.size, config.maxFileSize, issues);
    else unreadable(rel, read, issues);
    if (text === undefined) return;
    const doc = readDocument(rel, text, config);
    if (linked) doc.linked = true;
    documents.push(doc);
  });
  documents.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { documents, issues, outside: readOutsideDocuments(config, walked) };
}

/** The extensions editors and other tools give Markdown; sms reads `.md` only (and in that spelling). */
const MARKDOWN_EXTENSION = /\.(?:md|markdown|mdown|mkdn|mkd|mdwn|mdtxt|mdtext)$/i;

/** A Markdown file name sms does not read as a document: `.MD`, `.markdown` and the like. */
export function otherMarkdownName(name: string): boolean {
  return !name.endsWith('.md') && MARKDOWN_EXTENSION.test(name);
}

/** What walkDocumentFiles read, and the files in the folders it passed over as otherMarkdownName. */
export interface WalkedFolders {
  dirs: ReadonlySet<string>;
  files: ReadonlySet<string>;
  others: readonly { rel: string; abs: string }[];
}

/**
 * The stray documents of the working tree (see strayDocument), sorted by path; `read` is what
 * walkDocumentFiles read, so that a folder read through a link is not taken for a stray one.
 */
export function readOutsideDocuments(config: SmsConfig, read: WalkedFolders): SmsDocument[] {
  const outside: SmsDocument[] = [];
  const visit = (rel: string, abs: string): void => {
    const file = readRegularFile(abs, config.maxFileSize);
    const doc = 'bytes' in file ? strayDocument(rel, file.bytes, config) : undefined;
    if (doc) outside.push(doc);
  };
  for (const { rel, abs } of read.others) visit(rel, abs);
  walkOutsideFolders(config, read, visit);
  return outside.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/**
 * The file read as a document when its front matter is one: a type sms knows and an id in that
 * type's scheme (INC-0001, POLICY). Other Markdown (a README, the pages of a site generator,
 * which may name a `type` and an `id` of their own) is not one, nor is a file that is not UTF-8
 * (decoded as the reader decodes documents). The same for the working tree and the index.
 */
export function strayDocument(file: string, bytes: Uint8Array, config: Pick<SmsConfig, 'typeByKey'>): SmsDocument | undefined {
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    return undefined;
  }
  if (!text.startsWith('---') && !text.startsWith('\uFEFF---')) return undefined;
  const doc = readDocument(file, text, config);
  return doc.type && doc.id !== undefined && idPattern(doc.type).test(doc.id) ? doc : undefined;
}

/**
 * Whether a file is looked at for a stray document: a `.md` file outside the document folders, not
 * hidden, not in a package folder, not ignored; or one of another Markdown extension that would be
 * a document under its name (otherMarkdownName), in the folders or outside them. The same for the
 * working tree and the index.
 */
export function mayBeStray(config: Pick<SmsConfig, 'ignore' | 'documentFolders'>, rel: string): boolean {
  const other = otherMarkdownName(rel);
  const inFolders = config.documentFolders.some((f) => f === '.' || rel.startsWith(`${f}/`));
  if (other && inFolders) return underDocumentFolder(config, rel);
  if (!(other || rel.endsWith('.md')) || inFolders) return false;
  const parts = rel.split('/');
  for (let i = 0; i < parts.length; i++) {
    if (parts[i]!.startsWith('.') || parts[i] === 'node_modules' || matchesAny(parts.slice(0, i + 1).join('/'), config.ignore))
      return false;
  }
  return true;
}

/**
 * Visits the regular `.md` files under the root outside the document folders that mayBeStray
 * lets through. Folders are pruned as the files would be; links are not followed (a link to a
 * document is read where it points, if anywhere).
 */
function walkOutsideFolders(config: SmsConfig, read: WalkedFolders, visit: (rel: string, abs: string) => void): void {
  if (config.documentFolders.includes('.')) return;
  // The walk starts at the real root and follows no link, so each path it meets is a real one.
  const root = realpathSync(config.root);
  // A folder or file read as documents through a link (a document folder that links here) is no
  // stray; nor is a folder with a .git of its own (a submodule, a worktree: another repository).
  const skipped = (rel: string): boolean =>
    config.documentFolders.includes(rel) ||
    rel.endsWith('/node_modules') ||
    rel === 'node_modules' ||
    matchesAny(rel, config.ignore) ||
    read.dirs.has(path.join(root, rel));
  const walk = (relDir: string): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(path.join(root, relDir), { withFileTypes: true });
    } catch {
      return;
    }
    if (relDir !== '.' && entries.some((e) => e.name === '.git')) return;
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name.includes('\uFFFD')) continue;
      const rel = relDir === '.' ? entry.name : `${relDir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!skipped(rel)) walk(rel);
      } else if (entry.isFile() && mayBeStray(config, rel) && !read.files.has(path.join(root, rel))) visit(rel, path.join(root, rel));
    }
  };
  walk('.');
}

/** The load issue for a file that could not be read (its type or its permissions); nothing for one that vanished. */
export function unreadable(
  file: string,
  why: { reason: 'type'; kind: string } | { reason: 'access'; code: string } | { reason: 'gone' },
  issues: LoadIssue[],
): void {
  if (why.reason === 'type') {
    issues.push({
      rule: 'file-type',
      file,
      message: `${file.endsWith('.md') ? 'file' : 'entry'} is ${why.kind}, not a regular file; it was not read`,
      hint: 'documents must be regular files: remove it or rename it so it does not end in .md',
    });
  } else if (why.reason === 'access') {
    issues.push({
      rule: 'file-access',
      file,
      message: `file cannot be read (${accessReason(why.code)}); it was not checked`,
      hint: 'give the user running sms read permission, or add the file to ignore in sms.config.yaml',
    });
  }
}

export interface WalkOptions {
  /** Apply the `ignore` globs of the configuration (the ID scan counts ignored files too). */
  ignore?: boolean;
}

/**
 * Whether a Markdown file at this path (relative to the SMS root) is one the reader takes as a
 * document, as walkDocumentFiles decides: under a configured document folder (which may itself be
 * named like a hidden one), with nothing below that folder hidden (a dot-folder or dot-file) or
 * matched by `ignore`. The same files are documents in history.
 */
export function isDocumentPath(config: Pick<SmsConfig, 'ignore' | 'documentFolders'>, rel: string): boolean {
  return rel.endsWith('.md') && underDocumentFolder(config, rel);
}

/** Under a document folder, with nothing below it hidden or ignored (isDocumentPath, whatever the extension). */
function underDocumentFolder(config: Pick<SmsConfig, 'ignore' | 'documentFolders'>, rel: string): boolean {
  const folder = config.documentFolders.find((f) => f === '.' || rel.startsWith(`${f}/`));
  if (folder === undefined) return false;
  const parts = rel.split('/');
  for (let i = folder === '.' ? 0 : folder.split('/').length; i < parts.length; i++) {
    if (parts[i]!.startsWith('.') || matchesAny(parts.slice(0, i + 1).join('/'), config.ignore)) return false;
  }
  return true;
}

/**
 * Visits every `.md` file under the configured document folders (skipping hidden entries and,
 * unless told otherwise, ignored paths) with its repository-relative POSIX path, the absolute
 * path to open, and whether a symbolic link led to it. Links are followed only inside the root,
 * after every real folder. Whatever cannot be visited becomes one load issue (a link out of the
 * root, a FIFO or device, an unreadable folder, a name that is not UTF-8) and the walk goes on.
 * Shared by the document reader and the ID scan of `sms new`, so both see the same files.
 * Returns the real folders it walked, the files it visited, and the regular files of another
 * Markdown extension it passed over (otherMarkdownName), for the stray documents.
 */
export function walkDocumentFiles(
  config: SmsConfig,
  issues: LoadIssue[],
  visit: (rel: string, abs: string, linked: boolean) => void,
  opts: WalkOptions = {},
): WalkedFolders {
  const root = realpathSync(config.root);
  const ignore = opts.ignore === false ? [] : config.ignore;
  const visitedDirs = new Set<string>();
  const seenFiles = new Set<string>();
  const others: { rel: string; abs: string }[] = [];
  const diag = (file: string, rule: LoadIssue['rule'], message: string, hint?: string): void => {
    issues.push(hint ? { rule, file, message, hint } : { rule, file, message });
  };
  const visitFile = (rel: string, abs: string, linked: boolean): void => {
    if (seenFiles.has(abs)) return;
    seenFiles.add(abs);
    visit(rel, abs, linked);
  };

  const links: { rel: string; abs: string; isMd: boolean }[] = [];
  /** A symbolic link met in the walk: followed only inside the root, and only to a folder or a document. */
  const followLink = ({ rel, abs, isMd }: { rel: string; abs: string; isMd: boolean }): void => {
    let target: string;
    try {
      target = realpathSync(abs);
    } catch (err) {
      const loop = (err as NodeJS.ErrnoException).code === 'ELOOP';
      if (isMd || loop) {
        diag(rel, 'symlink', loop ? 'symbolic link loop; it was not followed' : 'symbolic link points to nothing; it was skipped');
      }
      return;
    }
    if (target !== root && !target.startsWith(root + path.sep)) {
      diag(
        rel,
        'symlink',
        'symbolic link points outside the repository; it was not followed',
        'copy the file into the repository instead of linking it',
      );
      return;
    }
    let st;
    try {
      st = statSync(target);
    } catch (err) {
      if (isMd) unreadable(rel, { reason: 'access', code: errorCode(err) }, issues);
      return;
    }
    if (st.isDirectory()) walk(rel, true);
    else if (isMd) {
      if (st.isFile()) visitFile(rel, target, true);
      else unreadable(rel, { reason: 'type', kind: `a symbolic link to ${kindOf(st)}` }, issues);
    }
  };

  const walk = (relDir: string, linked: boolean): void => {
    const absDir = path.join(root, relDir);
    let real: string;
    try {
      real = realpathSync(absDir);
    } catch {
      // A configured folder that does not exist yet holds no documents.
      return;
    }
    if (visitedDirs.has(real)) return;
    visitedDirs.add(real);
    let entries: Dirent[];
    try {
      entries = readdirSync(absDir, { withFileTypes: true });
    } catch (err) {
      const code = errorCode(err);
      if (code !== 'ENOENT' && code !== 'ENOTDIR') {
        diag(
          relDir,
          'file-access',
          `folder cannot be read (${accessReason(code)}); the documents in it were not checked`,
          'give the user running sms read permission, or add the folder to ignore in sms.config.yaml',
        );
      }
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const undecodable = undecodableNames(absDir, entries);
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const rel = relDir === '.' ? entry.name : `${relDir}/${entry.name}`;
      const shown = undecodable.get(entry.name);
      if (shown !== undefined) {
        // The name cannot be written in a report, nor opened by the name decoding gave it.
        if (entry.isDirectory() || shown.endsWith('.md'))
          diag(
            relDir === '.' ? shown : `${relDir}/${shown}`,
            'file-access',
            `${entry.isDirectory() ? 'folder' : 'file'} name is not valid UTF-8; it was not read`,
            'rename it (file names are UTF-8 text, as git and the reports expect)',
          );
        continue;
      }
      if (matchesAny(rel, ignore)) continue;
      const abs = path.join(root, rel);
      const isMd = entry.name.endsWith('.md');
      // Links are followed after every real folder has been walked: a document is then read under
      // its own name, and a link to it (already read) adds nothing.
      if (entry.isSymbolicLink()) {
        links.push({ rel, abs, isMd });
        continue;
      }
      if (entry.isDirectory()) walk(rel, linked);
      else if (isMd) {
        if (entry.isFile()) visitFile(rel, abs, linked);
        else unreadable(rel, { reason: 'type', kind: kindOf(entry) }, issues);
      } else if (entry.isFile() && otherMarkdownName(entry.name)) others.push({ rel, abs });
    }
  };

  for (const folder of config.documentFolders) {
    // A configured folder reached through a link (the folder itself, or a folder above it in the
    // root) is a link like any other: followed only inside the root, its documents marked linked.
    const abs = path.join(root, folder);
    let real: string | undefined;
    try {
      real = realpathSync(abs);
    } catch {
      real = undefined;
    }
    if (real !== undefined && real !== abs) links.push({ rel: folder, abs, isMd: false });
    else walk(folder, false);
  }
  for (let i = 0; i < links.length; i++) followLink(links[i]!);
  return { dirs: visitedDirs, files: seenFiles, others };
}

/**
 * Names in a folder listing that are not valid UTF-8, with a printable form (`caf\xE9.md`). Node
 * decodes such names with U+FFFD, which opens nothing; the folder is listed again as bytes only
 * when a listed name contains U+FFFD, so the common case costs nothing.
 */
function undecodableNames(absDir: string, entries: Dirent[]): Map<string, string> {
  const out = new Map<string, string>();
  if (!entries.some((e) => e.name.includes('\uFFFD'))) return out;
  let raw: Buffer[];
  try {
    raw = readdirSync(absDir, { encoding: 'buffer' });
  } catch {
    return out;
  }
  for (const name of raw) {
    try {
      decoder.decode(name);
    } catch {
      out.set(name.toString('utf8'), printable(name));
    }
  }
  return out;
}

/** Bytes as text, every byte that is not printable ASCII written as \xHH. */
function printable(name: Buffer): string {
  let s = '';
  for (const b of name)
    s += b >= 0x20 && b < 0x7f && b !== 0x5c ? String.fromCharCode(b) : `\\x${b.toString(16).toUpperCase().padStart(2, '0')}`;
  return s;
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

/**
 * A document file's text read the way the loader reads it (through links inside the repository,
 * a regular file within the limit, UTF-8), or undefined when it no longer is one. For commands
 * that read a document again before changing it.
 */
export function readDocumentFile(abs: string, limit: number): string | undefined {
  let real: string;
  try {
    real = realpathSync(abs);
  } catch {
    return undefined;
  }
  const read = readRegularFile(real, limit);
  if (!('bytes' in read)) return undefined;
  try {
    return decoder.decode(read.bytes);
  } catch {
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

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;
}
