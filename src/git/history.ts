import { createHash, randomBytes } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import { smsError } from '../errors.js';
import { git, gitMissing, READ_CONFIG, spawnGit, type GitContext } from './git.js';
import { detach } from '../strings.js';

/** One commit of history with the document blobs it changed. */
export interface HistoryCommit {
  sha: string;
  parents: string[];
  authorName: string;
  authorEmail: string;
  committerName: string;
  committerEmail: string;
  /** The author date (what git log shows; the one sms judges by). */
  date: string;
  /**
   * The day the commit counts from as a decision, in the organisation's time zone (see stampDays),
   * where history was read with the configuration; else the day its author date gives.
   */
  day?: string;
  /** The committer date; absent where a commit is made up rather than read (a planned commit). */
  committerDate?: string;
  /**
   * Set by the history reader on a commit off the main line it read (the first parents of its
   * newest commit): the main-line commit whose merge brought it there, with that commit's dates.
   * Until then its changes were on a branch, whatever dates it carries itself.
   */
  mergedBy?: { sha: string; date: string; committerDate?: string };
  /**
   * Set by the history reader: the instant (ISO, UTC) this commit stands at on the main line, no
   * earlier than any main-line commit before the one that brought it there (see stampMerges).
   */
  standsAt?: string;
  /**
   * Set by the history reader: the day (in the organisation's time zone) of the latest committer
   * date among the commits under this one (see stampNotBefore). A commit is made after its parents.
   */
  notBefore?: string;
  /** Values of `Approved-by:` trailers. */
  approvedBy: string[];
  subject: string;
  changes: FileChange[];
  /** Set when the signature was verified (only for commits where it matters). */
  signature?: SignatureCheck;
  /**
   * Set by the history reader: the `require_signed` level history holds this commit to (see
   * signingHeldTo); unset where history was not read for it.
   */
  signingInForce?: 'none' | 'approvals' | 'all';
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
  /**
   * Set by the history reader on a merge's change whose result is the clean three-way merge of its
   * parents' versions: it holds both sides' changes and nothing of the merge's own.
   */
  merged?: true;
  /** With `merged`: the blob the merge's other side (second parent) had. */
  theirs?: string;
}

const NULL_SHA = /^0+$/;
/** Fields of each commit's header, in the order of FORMAT, each ended by NUL. */
const HEADER_FIELDS = 10;

export interface LogOptions extends GitContext {
  /** Revision range arguments, already verified (e.g. ['<sha>..HEAD'] or ['HEAD']). */
  range: string[];
  /**
   * Folders or files (from the top of the work tree, taken literally) to limit the log to: every
   * commit that changed them (both sides of merges), each commit's parents the nearest such
   * commits on its lines, merges that join nothing of them left out (`--full-history
   * --simplify-merges --parents`). All paths without.
   */
  paths?: string[];
  onCommit(commit: HistoryCommit): void;
}

/** `git log` options for raw, NUL-separated changes: full ids, no rename guessing, no program of the repository's run. */
const RAW_LOG = ['-z', '--raw', '--no-abbrev', '--no-renames', '--no-color', '--no-ext-diff', '--no-textconv', '--no-show-signature'];

/**
 * Streams `git log` oldest first. Every commit reachable from the range is listed (both sides of
 * merges); each ordinary commit is compared with its parent, and a merge only for what the merge
 * itself changed (dense combined diff), so a status changed by an "evil merge" is seen and a
 * branch's changes are not counted twice. No pathspec is given: limiting git log to the document
 * folders made it three times slower (a pathspec-limited tree diff per commit, measured), so
 * callers keep the paths they want. %an/%ae are used, never %aN/%aE: .mailmap is a file of the
 * repository being checked.
 *
 * Every field is ended by NUL, which git does not allow in names, e-mails or messages, and each
 * record starts with a marker drawn at random for this run: no author name or subject can make
 * the parser read a field that is not there.
 */
export function streamLog(opts: LogOptions): Promise<number> {
  const marker = `SMS${randomBytes(12).toString('hex')}`;
  const format = `%x00${marker}%x00%H%x00%P%x00%an%x00%ae%x00%cn%x00%ce%x00%aI%x00%(trailers:key=Approved-by,valueonly,separator=%x1f)%x00%s%x00%cI%x00`;
  const args = [
    ...READ_CONFIG,
    'log',
    ...RAW_LOG,
    '--no-mailmap',
    '--diff-merges=dense-combined',
    '--topo-order',
    '--reverse',
    `--format=${format}`,
    ...(opts.paths ? ['--full-history', '--simplify-merges', '--parents'] : []),
    ...opts.range,
    '--',
    ...(opts.paths ?? []).map((p) => `:(top,literal)${p}`),
  ];
  const start = `\0${marker}\0`;
  return new Promise((resolve, reject) => {
    // Into a pipe, git writes each commit on its own (a write, a wake-up and a chunk of about 450
    // bytes each); GIT_FLUSH=0 has it fill its buffer first: a tenth of the chunks, and about 15% less
    // time to read 20,000 commits (measured). The records are read as they come either way.
    const child = spawnGit(args, opts, ['ignore', 'pipe', 'pipe'], { GIT_FLUSH: '0' });
    let buffer = '';
    let count = 0;
    let stderr = '';
    let failed: Error | undefined;
    const flush = (final: boolean): void => {
      let at = buffer.indexOf(start);
      while (at >= 0) {
        const next = buffer.indexOf(start, at + start.length);
        if (next < 0 && !final) break;
        const record = buffer.slice(at + start.length, next < 0 ? undefined : next);
        try {
          opts.onCommit(parseRecord(record));
        } catch (err) {
          failed ??= err as Error;
        }
        count++;
        at = next;
      }
      buffer = at >= 0 ? buffer.slice(at) : '';
    };
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (chunk: string) => {
      buffer += chunk;
      flush(false);
    });
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('error', (e: NodeJS.ErrnoException) => reject(e.code === 'ENOENT' ? gitMissing() : e));
    child.on('close', (code) => {
      if (code !== 0) return reject(smsError('GIT_FAILED', { command: 'log', reason: stderr.trim().split('\n')[0] || `exit ${code}` }));
      flush(true);
      if (failed) return reject(failed);
      resolve(count);
    });
  });
}

function parseRecord(record: string): HistoryCommit {
  const fields: string[] = [];
  let pos = 0;
  for (let i = 0; i < HEADER_FIELDS; i++) {
    const nul = record.indexOf('\0', pos);
    if (nul < 0) throw smsError('GIT_FAILED', { command: 'log', reason: 'its output was cut short' });
    fields.push(record.slice(pos, nul));
    pos = nul + 1;
  }
  const [sha, parents, authorName, authorEmail, committerName, committerEmail, date, trailers, subject, committerDate] = fields;
  const changes: FileChange[] = [];
  const tokens = record.slice(pos).split('\0');
  for (let i = 0; i < tokens.length; i++) {
    const meta = tokens[i]!.replace(/^\n+/, '');
    if (!meta.startsWith(':')) continue;
    changes.push(parseRaw(meta, tokens[++i] ?? ''));
  }
  return {
    sha: detach(sha!),
    parents: parents ? parents.split(' ').filter(Boolean).map(detach) : [],
    authorName: detach(authorName!),
    authorEmail: detach(authorEmail!),
    committerName: detach(committerName!),
    committerEmail: detach(committerEmail!),
    date: detach(date!),
    approvedBy: trailers
      ? trailers
          .split('\x1f')
          .map((t) => detach(t.trim()))
          .filter(Boolean)
      : [],
    subject: detach(subject!),
    committerDate: detach(committerDate!),
    changes,
  };
}

/**
 * `:old new oldsha newsha X` or, for merges, `::m1 m2 m new1 new2 new XX` (result mode and sha
 * last). A submodule (mode 160000) names a commit of another repository, not a file: no blob.
 */
function parseRaw(meta: string, path: string): FileChange {
  const colons = /^:+/.exec(meta)![0].length;
  const parts = meta.slice(colons).split(' ');
  const parentCount = colons;
  const modes = parts.slice(0, parentCount + 1);
  const shas = parts.slice(parentCount + 1, parentCount + 1 + parentCount + 1);
  const blob = (sha: string | undefined, mode: string | undefined): string | undefined =>
    sha && !NULL_SHA.test(sha) && mode !== GITLINK ? detach(sha) : undefined;
  return { path: detach(path), oldBlob: blob(shas[0], modes[0]), newBlob: blob(shas.at(-1), modes.at(-1)) };
}

const GITLINK = '160000';

/**
 * What each merge of a range changed against each of its parents (`git log -m`, one process), by
 * merge and then by parent; a parent the merge matches entirely has no entry (git prints nothing
 * for it). The paths a merge took unchanged from one side are those its diff against that side
 * lacks. The "(from <parent>)" of git's one-line header names the side; only that header (which
 * starts with two object ids) and raw entries (which start with ":") are read, so no commit subject
 * can pass for either.
 */
export async function mergeSides(ctx: GitContext, range: string[]): Promise<Map<string, Map<string, FileChange[]>>> {
  const r = await git(
    [...READ_CONFIG, 'log', ...RAW_LOG, '--merges', '--diff-merges=separate', '--no-decorate', '--pretty=oneline', ...range, '--'],
    ctx,
  );
  const out = new Map<string, Map<string, FileChange[]>>();
  const tokens = r.stdout.split('\0');
  let side: FileChange[] | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!.replace(/^\n+/, '');
    if (token.startsWith(':')) {
      side?.push(parseRaw(token, tokens[++i] ?? ''));
      continue;
    }
    const head = /^([0-9a-f]{40,64}) \(from ([0-9a-f]{40,64})\)/.exec(token);
    if (!head) continue;
    const bySide = out.get(head[1]!) ?? new Map<string, FileChange[]>();
    out.set(head[1]!, bySide);
    side = [];
    bySide.set(head[2]!, side);
  }
  return out;
}

/**
 * The files renamed from one commit to another as git's rename detection (the default similarity,
 * the one a merge uses) pairs them: by new path, the old path and its blob. One tree diff of the
 * whole repository, so that a file renamed from another folder is found too.
 */
export async function renamesBetween(ctx: GitContext, from: string, to: string): Promise<Map<string, { path: string; blob: string }>> {
  const r = await git(
    [...READ_CONFIG, 'diff-tree', '-r', '-z', '-M', '--diff-filter=R', '--no-abbrev', '--no-ext-diff', '--no-textconv', from, to, '--'],
    ctx,
  );
  const out = new Map<string, { path: string; blob: string }>();
  const tokens = r.stdout.split('\0');
  for (let i = 0; i + 2 < tokens.length; i++) {
    if (!tokens[i]!.startsWith(':')) continue;
    const blob = tokens[i]!.split(' ')[2];
    const [oldPath, newPath] = [tokens[i + 1]!, tokens[i + 2]!];
    i += 2;
    if (blob && !NULL_SHA.test(blob)) out.set(detach(newPath), { path: detach(oldPath), blob: detach(blob) });
  }
  return out;
}

/** The blobs at exact paths (from the top of the work tree) in a commit: pathspecs taken literally. */
export async function blobsAt(ctx: GitContext, rev: string, paths: string[]): Promise<Map<string, string>> {
  const r = await git([...READ_CONFIG, '--literal-pathspecs', 'ls-tree', '-r', '-z', '--full-tree', rev, '--', ...paths], ctx);
  return parseEntries(r.stdout);
}

/**
 * The blobs of a tree (`HEAD`, a commit) under some folders, by path relative to cwd. Plumbing:
 * reads objects only, runs no filter, hook or fsmonitor, and touches neither the index nor the
 * working tree.
 */
export async function treeBlobs(ctx: GitContext, rev: string, folders: string[]): Promise<Map<string, string>> {
  const r = await git([...READ_CONFIG, 'ls-tree', '-r', '-z', '--full-tree', rev, '--', ...folders], ctx);
  return parseEntries(r.stdout);
}

/**
 * HEAD's blobs under some folders of `ctx.cwd`, keyed by path relative to it, in one git process
 * that needs no other question first (where the work tree's top is, whether HEAD exists): without
 * --full-tree, ls-tree reads pathspecs and prints paths relative to the current directory.
 * Undefined when git cannot answer (git fails as it does outside a repository or before the first
 * commit); the caller then asks why, so that other failures still surface.
 */
export async function headBlobsHere(ctx: GitContext, folders: string[]): Promise<Map<string, string> | undefined> {
  // Literal: a folder named like pathspec magic (":(top)") must not reach outside the folder.
  // HEAD^{commit}: HEAD must be a commit, as everywhere else (a HEAD naming a tree is no commit).
  const r = await git([...READ_CONFIG, '--literal-pathspecs', 'ls-tree', '-r', '-z', 'HEAD^{commit}', '--', ...folders], {
    ...ctx,
    okCodes: [128],
  });
  return r.code === 0 ? parseEntries(r.stdout) : undefined;
}

/**
 * The blobs of the index (what is staged) under some folders: `git ls-files --stage`, which only
 * reads it; `indexFile` reads that index file instead of the repository's default one.
 */
export async function indexBlobs(ctx: GitContext, folders: string[], indexFile?: string): Promise<Map<string, string>> {
  const r = await git([...READ_CONFIG, '--literal-pathspecs', 'ls-files', '--stage', '-z', '--', ...folders], {
    ...ctx,
    set: indexFile ? { GIT_INDEX_FILE: indexFile } : undefined,
  });
  return parseEntries(r.stdout);
}

/** `mode type sha\tpath` (ls-tree) or `mode sha stage\tpath` (ls-files --stage) entries, blobs only. */
function parseEntries(out: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const entry of out.split('\0')) {
    const tab = entry.indexOf('\t');
    if (tab < 0) continue;
    const meta = entry.slice(0, tab).split(' ');
    const path = entry.slice(tab + 1);
    const sha = meta.find((m) => /^[0-9a-f]{40,64}$/.test(m));
    if (sha && !meta.includes('tree') && !meta.includes('commit') && meta[0] !== GITLINK) map.set(path, sha);
  }
  return map;
}

/** Git's object id of some content as a blob (what `git hash-object` prints, without running filters). */
export function blobId(content: Buffer, algorithm: 'sha1' | 'sha256' = 'sha1'): string {
  return createHash(algorithm).update(`blob ${content.length}\0`).update(content).digest('hex');
}

/**
 * One `git cat-file --batch` process for every blob read: requests are written as they come and
 * answers parsed in order, so thousands of blobs cost one process, not thousands.
 */
export class BlobReader {
  /** Started on the first read: a reader that is never asked costs no process. */
  private child?: ChildProcess;
  /** Requests in the order they were written; `max`: a larger object is answered with its size. */
  private readonly pending: { resolve(b: Buffer | number | undefined): void; reject(e: Error): void; max: number }[] = [];
  /** Output not consumed yet, and its length. Chunks are joined only for one object's content. */
  private chunks: Buffer[] = [];
  private length = 0;
  /** The object whose content is arriving: its size, whether it is kept, and how many bytes are still to come. */
  private body?: { size: number; keep: boolean; left: number };
  private outgoing: string[] = [];
  /** While set, requests go out in batches of this many (see `batch`). */
  private batchSize = 0;
  private closed = false;
  private error?: Error;

  constructor(private readonly ctx: GitContext) {}

  private start(): ChildProcess {
    const child = spawnGit([...READ_CONFIG, 'cat-file', '--batch'], this.ctx, ['pipe', 'pipe', 'pipe']);
    child.on('error', (e: NodeJS.ErrnoException) => this.fail(e.code === 'ENOENT' ? gitMissing() : e));
    child.stdin!.on('error', () => undefined);
    child.stdout!.on('data', (b: Buffer) => {
      this.chunks.push(b);
      this.length += b.length;
      this.drain();
    });
    // Kept to name the object when git gives up on one it would have to fetch (a partial clone,
    // with transports off): that is a missing object, not a broken git.
    let stderr = '';
    child.stderr!.on('data', (b: Buffer) => {
      if (stderr.length < 4096) stderr += b.toString('utf8');
    });
    child.on('close', () => {
      this.closed = true;
      const missing = /could not fetch ([0-9a-f]{40,64}) from promisor remote/.exec(stderr);
      this.fail(
        missing
          ? smsError('GIT_OBJECT_MISSING', { object: missing[1]! })
          : smsError('GIT_FAILED', { command: 'cat-file', reason: 'it ended unexpectedly' }),
      );
    });
    return child;
  }

  /** Reads an object by id (or `rev:path`); undefined when it does not exist. */
  read(spec: string): Promise<Buffer | undefined> {
    return this.request(spec, Infinity) as Promise<Buffer | undefined>;
  }

  /**
   * Reads an object unless it is larger than `max` bytes; then only its size, and its content is
   * dropped as it arrives instead of being held (a repository can hold blobs of any size).
   */
  readUpTo(spec: string, max: number): Promise<Buffer | number | undefined> {
    return this.request(spec, max);
  }

  private request(spec: string, max: number): Promise<Buffer | number | undefined> {
    if (this.error) return Promise.reject(this.error);
    if (/[\n\r]/.test(spec)) return Promise.resolve(undefined);
    this.child ??= this.start();
    return new Promise((resolve, reject) => {
      this.pending.push({ resolve, reject, max });
      // Requests made in the same tick go out as one write: thousands of tiny writes cost more
      // than reading the blobs.
      if (this.outgoing.length === 0 && !this.batchSize) setImmediate(() => this.flush());
      this.outgoing.push(spec);
      if (this.batchSize && this.outgoing.length >= this.batchSize) this.flush();
    });
  }

  /**
   * Sends requests in batches of `size` until `endBatch`, for a caller that asks for objects as
   * another stream arrives and awaits none of them meanwhile. git log writes each commit on its
   * own, so one write per tick was one write per commit or two: 7,822 writes, about 0.3 s of a
   * 3 s history read of 20,000 commits.
   */
  batch(size: number): void {
    this.batchSize = size;
  }

  /** Sends what is queued, and each later request in the tick it is made, as before `batch`. */
  endBatch(): void {
    this.batchSize = 0;
    this.flush();
  }

  private flush(): void {
    if (this.outgoing.length === 0 || this.closed || !this.child) return;
    this.child.stdin!.write(`${this.outgoing.join('\n')}\n`);
    this.outgoing = [];
  }

  close(): void {
    this.flush();
    if (!this.closed) this.child?.stdin!.end();
  }

  private fail(err: Error): void {
    this.error ??= err;
    for (const p of this.pending.splice(0)) p.reject(err);
  }

  /** Answers requests in order as their output arrives: `<id> <type> <size>` LF content LF, or `<spec> missing` LF. */
  private drain(): void {
    while (this.pending.length > 0) {
      if (!this.body) {
        const header = this.line();
        if (header === undefined) return;
        if (header.endsWith(' missing') || header.endsWith(' ambiguous')) {
          this.pending.shift()!.resolve(undefined);
          continue;
        }
        const size = Number(header.slice(header.lastIndexOf(' ') + 1));
        if (!Number.isSafeInteger(size) || size < 0) {
          this.fail(smsError('GIT_FAILED', { command: 'cat-file', reason: 'it answered in an unexpected form' }));
          this.child?.kill();
          return;
        }
        this.body = { size, keep: size <= this.pending[0]!.max, left: size + 1 };
      }
      const body = this.body;
      if (body.keep) {
        if (this.length < body.size + 1) return;
        const content = this.take(body.size + 1).subarray(0, body.size);
        this.body = undefined;
        this.pending.shift()!.resolve(content);
      } else {
        const n = Math.min(this.length, body.left);
        this.take(n, false);
        body.left -= n;
        if (body.left > 0) return;
        this.body = undefined;
        this.pending.shift()!.resolve(body.size);
      }
    }
  }

  /** The next line without its LF, once all of it has arrived. */
  private line(): string | undefined {
    let before = 0;
    for (const chunk of this.chunks) {
      const nl = chunk.indexOf(10);
      if (nl >= 0) {
        const line = this.take(before + nl + 1);
        return line.toString('utf8', 0, line.length - 1);
      }
      before += chunk.length;
    }
    return undefined;
  }

  /** Consumes `n` bytes of output: copied into a buffer of their own (not a view that keeps a whole chunk alive), or dropped. */
  private take(n: number, keep = true): Buffer {
    const out = keep ? Buffer.allocUnsafe(n) : Buffer.alloc(0);
    let at = 0;
    while (at < n) {
      const chunk = this.chunks[0]!;
      const k = Math.min(chunk.length, n - at);
      if (keep) chunk.copy(out, at, 0, k);
      at += k;
      if (k === chunk.length) this.chunks.shift();
      else this.chunks[0] = chunk.subarray(k);
    }
    this.length -= n;
    return out;
  }
}

/**
 * Configuration for verifying signatures: git's own verification with the standard programs. A
 * repository's config could otherwise name any program as gpg.program and have it run.
 */
const VERIFY_CONFIG = ['-c', 'gpg.program=gpg', '-c', 'gpg.ssh.program=ssh-keygen', '-c', 'gpg.x509.program=gpgsm'];

export interface SignatureCheck {
  /** git's %G?: G good and trusted; B bad; U good, unknown validity; X/Y expired; R revoked key; E cannot check; N none. */
  status: string;
  /** Who signed, as git reports it (%GS: the key's user id, or the principal of an SSH allowed signers file). */
  signer: string;
}

/**
 * Verifies the signatures of the given commits only (never every commit of a range), a few
 * hundred per git process, with the signature programs fixed to git's defaults.
 */
export async function verifySignatures(ctx: GitContext, shas: readonly string[]): Promise<Map<string, SignatureCheck>> {
  const out = new Map<string, SignatureCheck>();
  for (let i = 0; i < shas.length; i += 200) {
    const chunk = shas.slice(i, i + 200);
    const r = await git(
      [...READ_CONFIG, ...VERIFY_CONFIG, 'log', '--no-walk=unsorted', '--format=%H%x00%G?%x00%GS%x00', ...chunk, '--'],
      ctx,
    );
    const fields = r.stdout.split('\0');
    for (let j = 0; j + 2 < fields.length; j += 3) {
      out.set(fields[j]!.replace(/^\n+/, ''), { status: fields[j + 1]!, signer: fields[j + 2]! });
    }
  }
  return out;
}

/**
 * Commits that last changed a path (from the top of the work tree, whatever the current directory
 * is), newest first (at most `max`), for finding an earlier version.
 */
export async function pathCommits(ctx: GitContext, rev: string, path: string, max: number): Promise<{ sha: string; date: string }[]> {
  const r = await git(
    [...READ_CONFIG, 'log', `--max-count=${max}`, '--format=%H %aI', '--no-renames', rev, '--', `:(top,literal)${path}`],
    ctx,
  );
  return r.stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [sha, date] = line.split(' ');
      return { sha: sha!, date: date ?? '' };
    });
}

/**
 * For each commit, the latest committer date among it and the commits under it, as an instant
 * (ms): one `git log` of dates per commit (commits git cannot read are left out).
 */
export async function latestCommitted(ctx: GitContext, shas: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  await Promise.all(
    shas.map(async (sha) => {
      const r = await git([...READ_CONFIG, 'log', '--format=%ct', sha, '--'], { ...ctx, okCodes: [128] });
      let latest = -Infinity;
      for (const line of r.stdout.split('\n')) if (line) latest = Math.max(latest, Number(line) * 1000);
      if (Number.isFinite(latest)) out.set(sha, latest);
    }),
  );
  return out;
}

/**
 * Where a file was moved from, up to `rev`: the folder of the file of the same name that the commit
 * adding it deleted (a move of the folder holding it), then where that one came from, the latest
 * move first. Paths are from the top of the work tree; '' is the top itself. Only a commit with one
 * parent moves: a merge brings the move its branch made.
 */
export async function movedFrom(ctx: GitContext, rev: string, file: string): Promise<string[]> {
  const name = file.slice(file.lastIndexOf('/') + 1);
  const roots: string[] = [];
  let here = file;
  let at = rev;
  // Bounded: each step reads two git commands, and a move back and forth would otherwise not end.
  for (let hops = 0; hops < 20; hops++) {
    const added = await git(
      [...READ_CONFIG, 'log', '-1', '--format=%H %P', '--no-renames', '--diff-filter=A', at, '--', `:(top,literal)${here}`],
      ctx,
    );
    const [sha, ...parents] = added.stdout.trim().split(' ');
    if (!sha || parents.length !== 1) break;
    const deleted = await git(
      [...READ_CONFIG, 'diff-tree', '-r', '-z', '--no-renames', '--name-only', '--diff-filter=D', parents[0]!, sha],
      ctx,
    );
    const from = deleted.stdout.split('\0').find((p) => p !== here && (p === name || p.endsWith(`/${name}`)));
    if (from === undefined) break;
    roots.push(from.slice(0, -name.length).replace(/\/$/, ''));
    here = from;
    at = parents[0]!;
  }
  return roots;
}

/**
 * Paths under a folder (relative to `ctx.cwd`) that commits reachable from HEAD deleted or renamed
 * away; none outside a repository or before the first commit.
 */
export async function deletedPaths(ctx: GitContext, folder: string): Promise<string[]> {
  const r = await git(
    [
      ...READ_CONFIG,
      'log',
      '--no-renames',
      '--diff-filter=D',
      '--name-only',
      '--relative',
      '--format=',
      'HEAD',
      '--',
      `:(literal)${folder}`,
    ],
    { ...ctx, okCodes: [128] },
  );
  return r.code === 0 ? r.stdout.split('\n').filter(Boolean) : [];
}
