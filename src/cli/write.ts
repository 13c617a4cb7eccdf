import {
  chmodSync,
  closeSync,
  existsSync,
  lstatSync,
  mkdirSync,
  openSync,
  realpathSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
  type Stats,
} from 'node:fs';
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
    mkdirSync(dir, { recursive: true });
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
    createdDir = mkdirSync(path.dirname(file), { recursive: true });
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
    mkdirSync(dir, { recursive: true });
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

/** How long a lock may be held before another run may take it over (a crashed run leaves one behind). */
const STALE_LOCK_MS = 120_000;

/**
 * Runs `fn` while holding an exclusive lock on `file` (a hidden `.name.lock` beside it, created with
 * O_EXCL), so two runs cannot both read the same version and both write. Waits up to `waitMs` for
 * another run to finish, then refuses; a lock older than two minutes is taken over (a crashed
 * run's).
 */
export async function withFileLock<T>(file: string, fn: () => Promise<T>, opts: { waitMs?: number } = {}): Promise<T> {
  const lock = path.join(path.dirname(file), `.${path.basename(file)}.lock`);
  const take = (): boolean => {
    try {
      closeSync(openSync(lock, 'wx'));
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw ioError(err, lock);
      return false;
    }
  };
  const deadline = Date.now() + (opts.waitMs ?? 0);
  let held = take();
  while (!held && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 20 + Math.random() * 30));
    held = take();
  }
  if (!held) {
    let stale: boolean;
    try {
      stale = Date.now() - statSync(lock).mtimeMs > STALE_LOCK_MS;
    } catch {
      stale = true;
    }
    if (stale) {
      rmSync(lock, { force: true });
      held = take();
    }
    if (!held) throw smsError('BUSY', { file });
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { force: true });
  }
}
