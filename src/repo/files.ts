import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';

/**
 * Reading files that someone else put in the repository. A `.md` name promises nothing: it may be
 * a FIFO (reading waits forever), a device (`/dev/zero` never ends), a socket, or a file of a
 * gigabyte. So a file is opened without following a final symbolic link and without blocking,
 * checked with fstat (the open file itself, so it cannot be swapped in between) to be a regular
 * file within the size limit, and only then read, at most limit + 1 bytes.
 */

/** Why a file was not read. */
export type Unread =
  { reason: 'size'; size: number } | { reason: 'type'; kind: string } | { reason: 'access'; code: string } | { reason: 'gone' };

export type ReadResult = { bytes: Buffer } | Unread;

// Not every platform has these flags; where one is missing, the fstat check still refuses odd files.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

let shared: Buffer | undefined;

/**
 * The file's bytes when it is a regular file of at most `limit` bytes, else why not; a larger file
 * is not read at all. The bytes are a view of a buffer reused for every call: decode them before
 * the next read.
 */
export function readRegularFile(abs: string, limit: number): ReadResult {
  const opened = openRegular(abs);
  if ('reason' in opened) return opened;
  const { fd, size } = opened;
  try {
    if (size > limit) return { reason: 'size', size };
    if (!shared || shared.length < limit) shared = Buffer.allocUnsafe(limit);
    // The size fstat gave, so a file costs one read; a file that grows meanwhile is read as it was.
    return { bytes: shared.subarray(0, readInto(fd, shared, size)) };
  } catch (err) {
    return { reason: 'access', code: errorCode(err) };
  } finally {
    closeSync(fd);
  }
}

/** At most the first `max` bytes of a regular file (for a quick look at the front matter), or why not. */
export function readHead(abs: string, max: number): ReadResult {
  const opened = openRegular(abs);
  if ('reason' in opened) return opened;
  try {
    const buf = Buffer.allocUnsafe(Math.min(max, opened.size));
    return { bytes: buf.subarray(0, readInto(opened.fd, buf, buf.length)) };
  } catch (err) {
    return { reason: 'access', code: errorCode(err) };
  } finally {
    closeSync(opened.fd);
  }
}

function openRegular(abs: string): { fd: number; size: number } | Unread {
  let fd: number;
  try {
    fd = openSync(abs, OPEN_FLAGS);
  } catch (err) {
    const code = errorCode(err);
    // ELOOP: the path became a symbolic link after it was listed; it is not followed.
    if (code === 'ELOOP') return { reason: 'type', kind: 'a symbolic link' };
    return code === 'ENOENT' ? { reason: 'gone' } : { reason: 'access', code };
  }
  let st: Stats;
  try {
    st = fstatSync(fd);
  } catch (err) {
    closeSync(fd);
    return { reason: 'access', code: errorCode(err) };
  }
  if (!st.isFile()) {
    closeSync(fd);
    return { reason: 'type', kind: kindOf(st) };
  }
  return { fd, size: st.size };
}

function readInto(fd: number, buf: Buffer, want: number): number {
  let n = 0;
  while (n < want) {
    const got = readSync(fd, buf, n, want - n, n);
    if (got === 0) break;
    n += got;
  }
  return n;
}

/** What a file system entry is, for messages ("it is a FIFO"). */
export function kindOf(
  st: Pick<Stats, 'isDirectory' | 'isFIFO' | 'isSocket' | 'isCharacterDevice' | 'isBlockDevice' | 'isSymbolicLink'>,
): string {
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isDirectory()) return 'a directory';
  if (st.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

export function errorCode(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' ? code : 'error';
}

/** A file system error code in words, for one-line messages. */
export function accessReason(code: string): string {
  return code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EIO' ? 'input/output error' : code;
}
