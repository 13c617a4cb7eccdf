import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { SmsConfig } from './config.js';
import type { WorkType } from '../model/types.js';

const ID_LINE = /^id:[ \t]*["']?([A-Za-z0-9][A-Za-z0-9._-]*)["']?[ \t]*(?:#.*)?$/m;
const FILE_ID = /^([A-Z][A-Z0-9]*-\d+)/;

/**
 * Every document ID in the working tree, from front matter and from file names, found by a light
 * scan (no YAML parsing) so `sms new` stays fast on large repositories. File names count too, so a
 * broken file still keeps its number from being reused.
 */
export function scanIds(config: SmsConfig): Set<string> {
  const ids = new Set<string>();
  const seen = new Set<string>();
  const walk = (abs: string): void => {
    let entries;
    try {
      entries = readdirSync(abs, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const p = path.join(abs, e.name);
      if (e.isDirectory()) {
        if (!seen.has(p)) {
          seen.add(p);
          walk(p);
        }
      } else if (e.name.endsWith('.md')) {
        const fromName = FILE_ID.exec(e.name);
        if (fromName) ids.add(fromName[1]!);
        try {
          if (statSync(p).size > config.maxFileSize) continue;
          const head = readFileSync(p, 'utf8').slice(0, 4096);
          const m = ID_LINE.exec(head);
          if (m) ids.add(m[1]!);
        } catch {
          // unreadable files are reported by validate; here they just hold no ID
        }
      }
    }
  };
  for (const folder of config.documentFolders) walk(path.join(config.root, folder));
  return ids;
}

/** The next number after the highest existing ID of the type; numbers are never reused. */
export function nextNumber(type: WorkType, ids: Iterable<string>): number {
  const re = new RegExp(`^${type.id.prefix}-(\\d+)$`);
  let max = 0;
  for (const id of ids) {
    const m = re.exec(id);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return max + 1;
}

/**
 * A file-name-safe slug: letters and digits of any script are kept (so "Störung Drucker" stays
 * readable), everything else, path separators and dots included, becomes a single hyphen.
 */
export function slugify(title: string, max = 60): string {
  const slug = title
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  const cut = [...slug].slice(0, max).join('').replace(/-+$/, '');
  return cut;
}
