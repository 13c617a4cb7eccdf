import { readFileSync } from 'node:fs';
import { packagePath } from './paths.js';

let cached: string | undefined;

/** The installed package's version, read once from its package.json. */
export function version(): string {
  cached ??= (JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { version: string }).version;
  return cached;
}
