import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The installed package's root (holds model/, schemas/, templates/, sample-sms/). */
export const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const packagePath = (...parts: string[]): string => path.join(packageRoot, ...parts);

/** Repository-relative POSIX path, as every Diagnostic and every printed path uses. */
export function toPosixRelative(root: string, abs: string): string {
  return path.relative(root, abs).split(path.sep).join('/');
}

/**
 * Whether a path from toPosixRelative leaves the folder it is relative to: it is ".." or starts
 * with "../" (a folder named "..sms" is inside), or is absolute (another drive on Windows).
 */
export function isOutside(rel: string): boolean {
  return rel === '..' || rel.startsWith('../') || path.isAbsolute(rel);
}

/**
 * A path relative to the repository as a link target, in Markdown and HTML alike: each segment
 * percent-encoded (a space, a parenthesis, a colon), so that no file name breaks a link or reads as
 * a URL scheme.
 */
export function linkPath(p: string): string {
  return p
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/[()!*']/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
}
