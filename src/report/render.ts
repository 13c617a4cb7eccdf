import { readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { escapeMarkdown } from '../markdown.js';
import { packagePath } from '../paths.js';
import { readRegularFile } from '../repo/files.js';
import { mermaidBars, mermaidPie, svgBars } from './charts.js';
import type { ChartSpec } from './define.js';

export type ReportFormat = 'md' | 'html' | 'json';

/** Every string in a value escaped for Markdown, mapping keys included; numbers, booleans and structure unchanged. */
function escapeDeep(v: unknown): unknown {
  if (typeof v === 'string') return escapeMarkdown(v);
  if (Array.isArray(v)) return v.map(escapeDeep);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [escapeMarkdown(k), escapeDeep(x)]));
  return v;
}

function helpers(env: typeof Handlebars): void {
  env.registerHelper('num', (v: unknown, unit?: unknown) =>
    typeof v === 'number' ? `${Number.isInteger(v) ? v : v.toFixed(1)}${typeof unit === 'string' ? unit : ''}` : '–',
  );
  // A number with exactly `digits` decimals (availability is stated to two: 99.98, never "100.0").
  env.registerHelper('fixed', (v: unknown, digits: unknown, unit?: unknown) =>
    typeof v === 'number' ? `${v.toFixed(typeof digits === 'number' ? digits : 2)}${typeof unit === 'string' ? unit : ''}` : '–',
  );
  env.registerHelper('day', (v: unknown) => (typeof v === 'string' ? v.slice(0, 10) : '–'));
  env.registerHelper('join', (v: unknown, sep?: unknown) => (Array.isArray(v) ? v.join(typeof sep === 'string' ? sep : ', ') : ''));
  env.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  env.registerHelper('short', (v: unknown) => (typeof v === 'string' ? v.slice(0, 7) : ''));
  env.registerHelper('yesno', (v: unknown) => (v ? 'yes' : 'no'));
  // The items of a list whose `key` is `value`, so that separators between them come out right.
  env.registerHelper('where', (list: unknown, key: unknown, value: unknown) =>
    Array.isArray(list) ? list.filter((x) => x && typeof x === 'object' && (x as Record<string, unknown>)[String(key)] === value) : [],
  );
  env.registerHelper('slug', (v: unknown) =>
    String(v ?? '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-'),
  );
  // A value as a quoted CSS string (running headers in @page rules): inside <style> HTML escaping
  // does not apply, so quotes, backslashes, line breaks and "<" are CSS-escaped instead.
  env.registerHelper(
    'cssString',
    (v: unknown) =>
      new env.SafeString(
        `"${String(v ?? '')
          .slice(0, 120)
          .replace(/[\\"<>\r\n\f]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `)}"`,
      ),
  );
}

/** Draws each chart for the output format: Mermaid for Markdown (GitHub and GitLab render it), SVG for HTML. */
export function drawCharts(charts: readonly ChartSpec[], format: ReportFormat): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of charts) {
    if (format === 'md')
      out[c.id] =
        c.kind === 'pie'
          ? mermaidPie(c.title, Object.fromEntries(c.bars.map((b) => [b.label, b.value])))
          : mermaidBars(c.title, c.yLabel ?? '', c.bars);
    else out[c.id] = svgBars(c.title, c.yLabel ?? '', c.bars);
  }
  return out;
}

/**
 * Renders report data with the report's template: from `.sms/templates/reports/` in the SMS
 * repository when present (templates are data of the repository), else the shipped one. The
 * Handlebars environment is private, keeps prototype access off and has no file or process
 * helpers, because a repository's templates are written by whoever opened the pull request.
 */
export function renderReport(name: string, format: ReportFormat, data: object, charts: readonly ChartSpec[], root: string): string {
  if (format === 'json') return `${JSON.stringify(data, null, 2)}\n`;
  const drawn = drawCharts(charts, format);
  const { env, tpl } = compiled(format, readTemplate(root, `${name}.${format}.hbs`), readTemplate(root, 'style.css'));
  if (format === 'md') return normaliseNewlines(tpl({ ...(escapeDeep(data) as object), charts: drawn }));
  const safe = Object.fromEntries(Object.entries(drawn).map(([k, v]) => [k, new env.SafeString(v)]));
  return normaliseNewlines(tpl({ ...data, charts: safe }));
}

const cache = new Map<string, { env: typeof Handlebars; tpl: HandlebarsTemplateDelegate }>();

/**
 * A template compiled in its own private environment, kept by its exact source (a library caller
 * rendering many reports compiles each template once; a changed override is a new entry).
 */
function compiled(format: 'md' | 'html', source: string, style: string): { env: typeof Handlebars; tpl: HandlebarsTemplateDelegate } {
  const key = `${format}\0${style}\0${source}`;
  let hit = cache.get(key);
  if (!hit) {
    const env = Handlebars.create();
    helpers(env);
    env.registerPartial('style', style);
    // Markdown is escaped by escapeDeep before rendering; HTML by Handlebars itself.
    const tpl = env.compile(source, format === 'md' ? { noEscape: true, strict: false } : { strict: false });
    if (cache.size >= 16) cache.delete(cache.keys().next().value!);
    hit = { env, tpl };
    cache.set(key, hit);
  }
  return hit;
}

/**
 * A repository's own template when it is a regular file inside `.sms/templates/reports/`, else the
 * shipped one. A symbolic link is never followed, nor a folder link out of the repository: it
 * could point at any file the user can read (a private key), which would then be copied into the
 * report.
 */
function readTemplate(root: string, name: string): string {
  const own = path.join(root, '.sms', 'templates', 'reports', name);
  try {
    if (realpathSync(own).startsWith(realpathSync(root) + path.sep)) {
      // Opened without following a final link, and only when it is a regular file of sane size.
      const read = readRegularFile(own, MAX_TEMPLATE_BYTES);
      if ('bytes' in read) return read.bytes.toString('utf8');
    }
  } catch {
    // no override
  }
  return readFileSync(packagePath('templates', 'reports', name), 'utf8');
}

const MAX_TEMPLATE_BYTES = 1024 * 1024;

/** Templates leave blank runs around block helpers; one blank line is enough. */
function normaliseNewlines(s: string): string {
  return `${s.replace(/\n{3,}/g, '\n\n').trim()}\n`;
}
