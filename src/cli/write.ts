import { mkdirSync, renameSync, rmSync, writeFileSync, openSync, closeSync, writeSync } from 'node:fs';
import path from 'node:path';
import { SmsError } from '../diagnostic.js';

/** Writes a whole file or nothing: a temporary sibling renamed into place. */
export function writeAtomic(file: string, content: string): void {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(tmp, content);
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw ioError(err, file);
  }
}

/**
 * Creates a file that must not exist yet (O_EXCL): never overwrites, even in a race. Returns the
 * first folder it had to create, so a caller can undo the whole write.
 */
export function writeExclusive(file: string, content: string): string | undefined {
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
    if ((err as NodeJS.ErrnoException).code === 'EEXIST')
      throw new SmsError('FILE_EXISTS', `${file} already exists; it was not overwritten`);
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
  return createdDir;
}

export function ioError(err: unknown, file: string): SmsError {
  const code = (err as NodeJS.ErrnoException).code ?? 'error';
  const why =
    code === 'EACCES' || code === 'EPERM'
      ? 'permission denied'
      : code === 'ENOTDIR' || code === 'EEXIST'
        ? 'a file is in the way where a directory is needed'
        : code === 'ENOSPC'
          ? 'no space left on the device'
          : code;
  return new SmsError('IO', `cannot write ${file}: ${why}`);
}
