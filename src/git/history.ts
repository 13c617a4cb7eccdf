import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { SmsError } from '../diagnostic.js';
import { git, gitEnv, gitMissing } from './git.js';
import { detach } from '../strings.js';

/** One commit of history with the document blobs it changed. */
export interface HistoryCommit {
  sha: string;
  parents: string[];
  authorName: string;
  authorEmail: string;
  committerName: string;
  committerEmail: string;
  date: string;
  /** Values of `Approved-by:` trailers. */
  approvedBy: string[];
  subject: string;
  changes: FileChange[];
}

/**
 * A changed path. For ordinary commits `oldBlob` is the version in the parent; for merge commits
 * only paths that differ from every parent are listed (changes made in the merge itself), and
 * `oldBlob` is the first parent's version. A missing blob means the path did not exist.
 */
export interface FileChange {
  path: string;
  oldBlob?: string;
  newBlob?: string;
}

const RS = '\x1e';
const US = '\x1f';
const GS = '\x1d';
const NULL_SHA = /^0+$/;
const FORMAT = `${RS}%H${US}%P${US}%an${US}%ae${US}%cn${US}%ce${US}%aI${US}%(trailers:key=Approved-by,valueonly,separator=${GS})${US}%s`;

export interface LogOptions {
  cwd: string;
  /** Revision range arguments, already verified (e.g. ['<sha>..HEAD'] or ['HEAD']). */
  range: string[];
  onCommit(commit: HistoryCommit): void;
}

/**
 * Streams `git log` oldest first. Every commit reachable from the range is listed (both sides of
 * merges); each ordinary commit is compared with its parent, and a merge only for what the merge
 * itself changed (dense combined diff), so a status changed by an "evil merge" is seen and a
 * branch's changes are not counted twice. No pathspec is given: limiting git log to the document
 * folders made it three times slower (a pathspec-limited tree diff per commit, measured), so
 * callers keep the paths they want. %an/%ae are used, never %aN/%aE: .mailmap is a file of the
 * repository being checked.
 */
export function streamLog(opts: LogOptions): Promise<number> {
  const args = [
    '-c',
    'core.quotePath=false',
    'log',
    '-z',
    '--raw',
    '--no-abbrev',
    '--no-renames',
    '--no-color',
    '--no-ext-diff',
    '--diff-merges=dense-combined',
    '--topo-order',
    '--reverse',
    `--format=${FORMAT}`,
    ...opts.range,
    '--',
  ];
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd: opts.cwd, env: gitEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let buffer = '';
    let count = 0;
    let stderr = '';
    let failed: Error | undefined;
    const flush = (final: boolean): void => {
      let start = buffer.indexOf(RS);
      while (start >= 0) {
        const next = buffer.indexOf(RS, start + 1);
        if (next < 0 && !final) break;
        const record = buffer.slice(start + 1, next < 0 ? undefined : next);
        try {
          opts.onCommit(parseRecord(record));
        } catch (err) {
          failed ??= err as Error;
        }
        count++;
        start = next;
      }
      buffer = start >= 0 ? buffer.slice(start) : '';
    };
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffer += chunk;
      flush(false);
    });
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('error', (e: NodeJS.ErrnoException) => reject(e.code === 'ENOENT' ? gitMissing() : e));
    child.on('close', (code) => {
      if (code !== 0) return reject(new SmsError('GIT', `git log failed: ${stderr.trim().split('\n')[0] ?? `exit ${code}`}`));
      flush(true);
      if (failed) return reject(failed);
      resolve(count);
    });
  });
}

function parseRecord(record: string): HistoryCommit {
  const nul = record.indexOf('\0');
  const header = (nul < 0 ? record : record.slice(0, nul)).split(US);
  const [sha, parents, authorName, authorEmail, committerName, committerEmail, date, trailers, ...subject] = header;
  const changes: FileChange[] = [];
  if (nul >= 0) {
    const tokens = record.slice(nul + 1).split('\0');
    for (let i = 0; i < tokens.length; i++) {
      const meta = tokens[i]!.replace(/^\n+/, '');
      if (!meta.startsWith(':')) continue;
      const path = tokens[++i] ?? '';
      changes.push(parseRaw(meta, path));
    }
  }
  return {
    sha: detach(sha!),
    parents: parents ? parents.split(' ').filter(Boolean).map(detach) : [],
    authorName: detach(authorName ?? ''),
    authorEmail: detach(authorEmail ?? ''),
    committerName: detach(committerName ?? ''),
    committerEmail: detach(committerEmail ?? ''),
    date: detach(date ?? ''),
    approvedBy: trailers
      ? trailers
          .split(GS)
          .map((t) => detach(t.trim()))
          .filter(Boolean)
      : [],
    subject: detach(subject.join(US)),
    changes,
  };
}

/**
 * Documents changed in the working tree against HEAD (staged or not), with their HEAD blob, and
 * untracked files (no blob); paths relative to cwd.
 */
export async function workingTreeChanges(cwd: string, paths: string[]): Promise<FileChange[]> {
  const diff = await git(
    ['-c', 'core.quotePath=false', 'diff', '--raw', '-z', '--no-renames', '--no-ext-diff', '--relative', 'HEAD', '--', ...paths],
    { cwd },
  );
  const untracked = await git(['-c', 'core.quotePath=false', 'ls-files', '-z', '--others', '--exclude-standard', '--', ...paths], { cwd });
  const changes: FileChange[] = [];
  const tokens = diff.stdout.split('\0');
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]!.startsWith(':')) changes.push(parseRaw(tokens[i]!, tokens[++i] ?? ''));
  }
  for (const p of untracked.stdout.split('\0').filter(Boolean)) changes.push({ path: p });
  return changes;
}

/** `:old new oldsha newsha X` or, for merges, `::m1 m2 m new1 new2 new XX` (result sha last). */
function parseRaw(meta: string, path: string): FileChange {
  const colons = /^:+/.exec(meta)![0].length;
  const parts = meta.slice(colons).split(' ');
  const parentCount = colons;
  const shas = parts.slice(parentCount + 1, parentCount + 1 + parentCount + 1);
  const oldSha = shas[0];
  const newSha = shas[shas.length - 1];
  return {
    path: detach(path),
    oldBlob: oldSha && !NULL_SHA.test(oldSha) ? detach(oldSha) : undefined,
    newBlob: newSha && !NULL_SHA.test(newSha) ? detach(newSha) : undefined,
  };
}

/**
 * One `git cat-file --batch` process for every blob read: requests are written as they come and
 * answers parsed in order, so thousands of blobs cost one process, not thousands.
 */
export class BlobReader {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly pending: { resolve(b: Buffer | undefined): void; reject(e: Error): void }[] = [];
  private chunks: Buffer[] = [];
  private outgoing: string[] = [];
  private length = 0;
  private closed = false;
  private error?: Error;

  constructor(cwd: string) {
    this.child = spawn('git', ['cat-file', '--batch'], { cwd, env: gitEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.on('error', (e: NodeJS.ErrnoException) => this.fail(e.code === 'ENOENT' ? gitMissing() : e));
    this.child.stdin.on('error', () => undefined);
    this.child.stdout.on('data', (b: Buffer) => {
      this.chunks.push(b);
      this.length += b.length;
      this.drain();
    });
    this.child.on('close', () => {
      this.closed = true;
      this.fail(new SmsError('GIT', 'git cat-file ended unexpectedly'));
    });
  }

  /** Reads an object by id (or `rev:path`); undefined when it does not exist. */
  read(spec: string): Promise<Buffer | undefined> {
    if (this.error) return Promise.reject(this.error);
    if (/[\n\r]/.test(spec)) return Promise.resolve(undefined);
    return new Promise((resolve, reject) => {
      this.pending.push({ resolve, reject });
      // Requests made in the same tick go out as one write: thousands of tiny writes cost more
      // than reading the blobs.
      if (this.outgoing.length === 0) setImmediate(() => this.flush());
      this.outgoing.push(spec);
    });
  }

  private flush(): void {
    if (this.outgoing.length === 0 || this.closed) return;
    this.child.stdin.write(`${this.outgoing.join('\n')}\n`);
    this.outgoing = [];
  }

  close(): void {
    this.flush();
    if (!this.closed) this.child.stdin.end();
  }

  private fail(err: Error): void {
    this.error ??= err;
    for (const p of this.pending.splice(0)) p.reject(err);
  }

  private drain(): void {
    let buf = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.length);
    this.chunks = [buf];
    for (;;) {
      const nl = buf.indexOf(10);
      if (nl < 0 || this.pending.length === 0) break;
      const header = buf.subarray(0, nl).toString('utf8');
      if (header.endsWith(' missing') || header.endsWith(' ambiguous')) {
        buf = buf.subarray(nl + 1);
        this.pending.shift()!.resolve(undefined);
        continue;
      }
      const size = Number(header.slice(header.lastIndexOf(' ') + 1));
      if (buf.length < nl + 1 + size + 1) break;
      const content = buf.subarray(nl + 1, nl + 1 + size);
      buf = buf.subarray(nl + 1 + size + 1);
      this.pending.shift()!.resolve(Buffer.from(content));
    }
    this.chunks = buf.length ? [buf] : [];
    this.length = buf.length;
  }
}
