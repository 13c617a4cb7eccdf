import {
  chmodSync,
  closeSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
  type Stats,
} from 'node:fs';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import path from 'node:path';
import { SmsError, smsError } from '../errors.js';
import { kindOf } from '../repo/files.js';
import type { CliIO } from './io.js';

/** Writes a whole file or nothing: a temporary sibling renamed into place. */
export function writeAtomic(file: string, content: string, io?: CliIO, mode?: number): void {
  const dir = path.dirname(file);
  // A short name, so a file whose own name is near the length limit can still be written.
  const tmp = path.join(dir, `.${path.basename(file).slice(0, 64)}.${process.pid}.${Date.now()}.tmp`);
  try {
    makeDirs(dir);
    writeFileSync(tmp, content, { flag: 'wx', mode: mode ?? 0o666 });
    if (mode !== undefined) chmodSync(tmp, mode);
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw ioError(err, file);
  }
  io?.written?.push(file);
}

/**
 * Creates a file that must not exist yet (O_EXCL): never overwrites, even in a race. Returns the
 * first folder it had to create, so a caller can undo the whole write.
 */
export function writeExclusive(file: string, content: string, io?: CliIO): string | undefined {
  let fd: number;
  let createdDir: string | undefined;
  try {
    createdDir = makeDirs(path.dirname(file));
  } catch (err) {
    throw ioError(err, file);
  }
  try {
    fd = openSync(file, 'wx');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw smsError('FILE_EXISTS', { file });
    throw ioError(err, file);
  }
  try {
    writeSync(fd, content);
  } catch (err) {
    closeSync(fd);
    rmSync(file, { force: true });
    throw ioError(err, file);
  }
  closeSync(fd);
  io?.written?.push(file);
  return createdDir;
}

/**
 * `mkdir -p`, returning the first folder it created (undefined when all were there), as a
 * recursive mkdirSync does. Node's own loops for ever where a folder cannot be made under a parent
 * that exists (/proc/x); here each folder is made once, from the nearest one that exists, and a
 * failure is the error of that folder.
 */
export function makeDirs(dir: string): string | undefined {
  const missing: string[] = [];
  for (let d = path.resolve(dir); !existsSync(d); d = path.dirname(d)) {
    missing.unshift(d);
    if (path.dirname(d) === d) break;
  }
  for (const d of missing) {
    try {
      mkdirSync(d);
    } catch (err) {
      // Made by someone else meanwhile: as good, where it is a folder.
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || !statSync(d).isDirectory()) throw err;
    }
  }
  return missing[0];
}

export function ioError(err: unknown, file: string): SmsError {
  const code = (err as NodeJS.ErrnoException).code ?? 'error';
  const reason =
    code === 'EACCES' || code === 'EPERM'
      ? 'permission denied'
      : code === 'ENOTDIR' || code === 'EEXIST'
        ? 'a file is in the way where a directory is needed'
        : code === 'ENOSPC'
          ? 'no space left on the device'
          : code === 'ENAMETOOLONG'
            ? 'the file name is too long'
            : code === 'EROFS'
              ? 'the file system is read-only'
              : code === 'ENOENT'
                ? 'a folder on the way cannot be made there (a symbolic link to nothing, or a system folder such as /proc): choose another path'
                : code;
  return smsError('WRITE_FAILED', { file, reason });
}

/**
 * Writes a command's output file (`--output`): a new file, or a regular file replaced atomically
 * (keeping its permissions). Anything else at that path is refused, never replaced: a device, a
 * FIFO or socket, a directory, or a symbolic link (which could point anywhere). Folders created
 * for the file are removed again when the write fails, so a failed run leaves nothing behind.
 */
export function writeOutput(io: CliIO, given: string, content: string): void {
  const file = path.resolve(io.cwd, given);
  if (/[/\\]$/.test(given)) throw smsError('OUTPUT_NOT_REGULAR', { file: given, what: 'a folder (the path ends with a slash)' });
  let st: Stats | undefined;
  try {
    st = lstatSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') throw ioError(err, file);
  }
  if (st && !st.isFile()) throw smsError('OUTPUT_NOT_REGULAR', { file: given, what: kindOf(st) });
  const dir = path.dirname(file);
  // The first folder that does not exist yet: a recursive mkdir that fails half-way says nothing
  // about what it created, so this is where cleaning up stops.
  let firstNew: string | undefined;
  for (let d = dir; !existsSync(d); d = path.dirname(d)) {
    firstNew = d;
    if (path.dirname(d) === d) break;
  }
  try {
    makeDirs(dir);
    writeAtomic(file, content, io, st ? st.mode & 0o7777 : undefined);
  } catch (err) {
    if (firstNew) removeEmptyUpTo(dir, firstNew);
    throw err instanceof SmsError ? err : ioError(err, file);
  }
}

/**
 * Removes `dir` and its parents up to `top` (inclusive), stopping at the first that is not empty;
 * folders that were never created (the mkdir failed before them) are passed over.
 */
function removeEmptyUpTo(dir: string, top: string): void {
  for (let d = dir; d.startsWith(top); d = path.dirname(d)) {
    try {
      rmdirSync(d);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENAMETOOLONG') return;
    }
    if (d === top) return;
  }
}

/**
 * Replaces an existing file's content atomically. A symbolic link is kept and its target edited
 * (the link is never replaced by a copy), and the file keeps its permissions.
 */
export function replaceFile(file: string, content: string, io?: CliIO): void {
  let real: string;
  let mode: number;
  try {
    real = realpathSync(file);
    mode = statSync(real).mode & 0o7777;
  } catch (err) {
    throw ioError(err, file);
  }
  writeAtomic(real, content, io, mode);
}

/**
 * How old a lock must be before another run may take it over when its holder cannot be told: a
 * lock made by an older sms (empty), or one held from another host sharing the repository.
 */
const STALE_LOCK_MS = 120_000;

/** Who holds a lock: written into the lock file, so that other runs can tell whether it is still held. */
interface LockHolder {
  pid: number;
  host: string;
  token: string;
}

function readHolder(lock: string): LockHolder | undefined {
  try {
    const h = JSON.parse(readFileSync(lock, 'utf8')) as Partial<LockHolder> | null;
    if (h && Number.isInteger(h.pid) && (h.pid as number) > 0 && typeof h.host === 'string' && typeof h.token === 'string')
      return h as LockHolder;
  } catch {
    // Empty (an older sms, or a run between creating the file and writing it), unreadable or not ours.
  }
  return undefined;
}

/**
 * Whether a lock no longer protects anything. Its holder's process is what counts: a pre-commit
 * hook or a signing prompt may keep a live run busy for any length of time, and taking its lock
 * then would let two runs use git's index at once. Only when the holder cannot be checked (no
 * holder recorded, or another host) is the lock's age the guide.
 */
function isStale(lock: string, holder: LockHolder | undefined): boolean {
  if (holder && holder.host === hostname()) {
    if (holder.pid === process.pid) return false;
    try {
      process.kill(holder.pid, 0);
      return false;
    } catch (err) {
      // EPERM: the process exists but belongs to someone else.
      return (err as NodeJS.ErrnoException).code === 'ESRCH';
    }
  }
  try {
    return Date.now() - statSync(lock).mtimeMs > STALE_LOCK_MS;
  } catch {
    // Gone meanwhile: nothing to take over, the next attempt simply takes it.
    return false;
  }
}

/**
 * Removes a stale lock, unless another run took it over between the check and now: the lock is
 * first moved aside (atomic), and put back if what was moved is no longer the stale one.
 */
function removeStale(lock: string, stale: LockHolder | undefined): boolean {
  const aside = `${lock}.${process.pid}.${Date.now()}.stale`;
  try {
    renameSync(lock, aside);
  } catch {
    return false;
  }
  const moved = readHolder(aside);
  if (moved?.token !== stale?.token && !isStale(aside, moved)) {
    try {
      // link, not rename: never replaces a lock a third run has made meanwhile.
      linkSync(aside, lock);
    } catch {
      // A third run holds the lock now; the one moved aside is released, as its holder will find.
    }
  }
  rmSync(aside, { force: true });
  return true;
}

/**
 * Runs `fn` while holding an exclusive lock on `file` (a hidden `.name.lock` beside it, created with
 * O_EXCL and naming this process), so two runs cannot both read the same version and both write.
 * A lock whose holder has ended (a crashed or killed run) is taken over at once; otherwise waits up
 * to `waitMs` for the other run to finish, then refuses, naming the lock file. `what` says what the
 * other run is doing ("changing <file>" unless given); `signal` stops the waiting.
 */
export async function withFileLock<T>(
  file: string,
  fn: () => Promise<T>,
  opts: { waitMs?: number; what?: string; signal?: AbortSignal } = {},
): Promise<T> {
  const lock = path.join(path.dirname(file), `.${path.basename(file)}.lock`);
  const mine: LockHolder = { pid: process.pid, host: hostname(), token: randomUUID() };
  const take = (): boolean => {
    let fd: number;
    try {
      fd = openSync(lock, 'wx');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw ioError(err, lock);
      return false;
    }
    try {
      writeSync(fd, JSON.stringify(mine));
    } catch (err) {
      closeSync(fd);
      rmSync(lock, { force: true });
      throw ioError(err, lock);
    }
    closeSync(fd);
    return true;
  };
  const deadline = Date.now() + (opts.waitMs ?? 0);
  let held = take();
  for (;;) {
    if (held) break;
    const holder = readHolder(lock);
    // Taken over at once, without waiting: nothing will ever release it.
    if (isStale(lock, holder) && removeStale(lock, holder)) {
      held = take();
      continue;
    }
    if (Date.now() >= deadline) {
      const by = holder && (holder.host === hostname() ? `process ${holder.pid}` : `process ${holder.pid} on ${holder.host}`);
      throw smsError('BUSY', { what: opts.what ?? `changing ${file}`, lock, holder: by });
    }
    await new Promise((r) => setTimeout(r, 20 + Math.random() * 30));
    opts.signal?.throwIfAborted();
    held = take();
  }
  try {
    return await fn();
  } finally {
    // Only this run's own lock: one taken over meanwhile is another run's now.
    if (readHolder(lock)?.token === mine.token) rmSync(lock, { force: true });
  }
}
