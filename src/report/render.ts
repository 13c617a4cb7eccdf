import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { packagePath } from '../paths.js';

export type ReportFormat = 'md' | 'html' | 'json';

/**
 * Escapes text from documents for Markdown: every ASCII punctuation that Markdown or GitHub's
 * HTML handling could act on is backslash-escaped, and line breaks become spaces (table cells).
 * HTML escaping would be wrong here ("R&D" must not become "R&amp;D").
 */
export function escapeMarkdown(s: string): string {
  return s.replace(/[\r\n]+/g, ' ').replace(/([\\`*_{}[\]()#+!|<>~&$])/g, '\\$1');
}

/** Every string in a value, escaped; numbers, booleans and structure unchanged. */
function escapeDeep(v: unknown): unknown {
  if (typeof v === 'string') return escapeMarkdown(v);
  if (Array.isArray(v)) return v.map(escapeDeep);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, escapeDeep(x)]));
  return v;
}

function helpers(env: typeof Handlebars): void {
  env.registerHelper('num', (v: unknown, unit?: unknown) =>
    typeof v === 'number' ? `${Number.isInteger(v) ? v : v.toFixed(1)}${typeof unit === 'string' ? unit : ''}` : '–',
  );
  env.registerHelper('day', (v: unknown) => (typeof v === 'string' ? v.slice(0, 10) : '–'));
  env.registerHelper('join', (v: unknown, sep?: unknown) => (Array.isArray(v) ? v.join(typeof sep === 'string' ? sep : ', ') : ''));
  env.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  env.registerHelper('short', (v: unknown) => (typeof v === 'string' ? v.slice(0, 7) : ''));
  env.registerHelper('yesno', (v: unknown) => (v ? 'yes' : 'no'));
}

/**
 * Renders report data with the report's template: from `.sms/templates/reports/` in the SMS
 * repository when present (templates are data of the repository), else the shipped one. The
 * Handlebars environment is private, keeps prototype access off and has no file or process
 * helpers, because a repository's templates are written by whoever opened the pull request.
 */
export function renderReport(name: string, format: ReportFormat, data: object, charts: Record<string, string>, root: string): string {
  if (format === 'json') return `${JSON.stringify(data, null, 2)}\n`;
  const env = Handlebars.create();
  helpers(env);
  const file = templateFile(root, `${name}.${format}.hbs`);
  const style = templateFile(root, 'style.css');
  env.registerPartial('style', readFileSync(style, 'utf8'));
  if (format === 'md') {
    const tpl = env.compile(readFileSync(file, 'utf8'), { noEscape: true, strict: false });
    return normaliseNewlines(tpl({ ...(escapeDeep(data) as object), charts }));
  }
  const tpl = env.compile(readFileSync(file, 'utf8'), { strict: false });
  const safe = Object.fromEntries(Object.entries(charts).map(([k, v]) => [k, new env.SafeString(v)]));
  return normaliseNewlines(tpl({ ...data, charts: safe }));
}

function templateFile(root: string, name: string): string {
  const own = path.join(root, '.sms', 'templates', 'reports', name);
  return existsSync(own) ? own : packagePath('templates', 'reports', name);
}

/** Templates leave blank runs around block helpers; one blank line is enough. */
function normaliseNewlines(s: string): string {
  return `${s.replace(/\n{3,}/g, '\n\n').trim()}\n`;
}
