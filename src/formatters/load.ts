import type { Formatter } from './types.js';

// Each formatter is loaded only when asked for: a run of sms validate prints in one format.
// FORMATTERS (index.ts), for the library, holds them all.
const LOADERS: Record<string, () => Promise<Formatter>> = {
  stylish: async () => (await import('./stylish.js')).stylish,
  json: async () => (await import('./json.js')).json,
  github: async () => (await import('./github.js')).github,
  junit: async () => (await import('./junit.js')).junit,
  sarif: async () => (await import('./sarif.js')).sarif,
  gitlab: async () => (await import('./gitlab.js')).gitlab,
};

/** The formatter of one output format, loaded on first use. */
export function loadFormatter(name: string): Promise<Formatter> {
  const load = Object.prototype.hasOwnProperty.call(LOADERS, name) ? LOADERS[name] : undefined;
  if (!load) throw new Error(`unknown format "${name}"`);
  return load();
}
