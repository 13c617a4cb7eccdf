import { readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type Handlebars from 'handlebars';
import { isTimeZone, zoneOffset } from '../calendar.js';
import { parseInstant } from '../dates.js';
import { smsError } from '../errors.js';
import { forTerminal } from '../formatters/terminal.js';
import { escapeMarkdown, unescapeMarkdown } from '../markdown.js';
import { linkPath, packagePath } from '../paths.js';
import { counted } from '../strings.js';
import { readRegularFile } from '../repo/files.js';
import { mermaidBars, mermaidPie, svgBars } from './charts.js';
import type { ChartSpec } from './define.js';

export type ReportFormat = 'md' | 'html' | 'json';

type HandlebarsEnv = typeof Handlebars;

// Handlebars is CommonJS and loaded on first use: only its runtime when the shipped templates,
// precompiled by the build, are rendered; the compiler too when a repository has templates of its own.
const require = createRequire(import.meta.url);

/**
 * The shipped report templates, precompiled by `npm run build` (scripts/build-model.mjs): one
 * module per template, `<kind>.<md|html>.cjs`, and the style partial once per format,
 * `style.<md|html>.cjs`.
 */
export const PRECOMPILED_TEMPLATES = packagePath('dist', 'report-templates');
/** The partial that every HTML template includes as `{{> style}}`, from templates/reports/style.css. */
export const STYLE_PARTIAL = 'style';

/**
 * Compile options of a report template: Markdown is escaped by escapeMarkdown, not as HTML. A
 * partial given as text is compiled with the options of the template that includes it, so the
 * style partial takes its template's format too.
 */
export function templateOptions(format: string): CompileOptions {
  return format === 'md' ? { noEscape: true, strict: false } : { strict: false };
}

/** Every string in a value through `f`, mapping keys included; numbers, booleans and structure unchanged. */
function mapStrings(v: unknown, f: (s: string) => string): unknown {
  if (typeof v === 'string') return f(v);
  if (Array.isArray(v)) return v.map((x) => mapStrings(x, f));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [f(k), mapStrings(x, f)]));
  return v;
}

/** The helpers every report template may call, shipped or the repository's own. */
export function registerReportHelpers(env: HandlebarsEnv): void {
  env.registerHelper('num', (v: unknown, unit?: unknown) =>
    typeof v === 'number' ? `${Number.isInteger(v) ? v : v.toFixed(1)}${typeof unit === 'string' ? unit : ''}` : '–',
  );
  // A number with exactly `digits` decimals (availability is stated to two: 99.98, never "100.0").
  env.registerHelper('fixed', (v: unknown, digits: unknown, unit?: unknown) =>
    typeof v === 'number' ? `${v.toFixed(typeof digits === 'number' ? digits : 2)}${typeof unit === 'string' ? unit : ''}` : '–',
  );
  env.registerHelper('day', (v: unknown) => (typeof v === 'string' ? v.slice(0, 10) : '–'));
  // A document's path as a link target (see linkPath): Markdown hands templates escaped text.
  env.registerHelper('href', (v: unknown) => (typeof v === 'string' ? linkPath(unescapeMarkdown(v)) : ''));
  // An instant as the wall clock of the report's time zone read it ("2025-12-09 10:00"), so that a
  // reader compares it with what the customer saw; the JSON keeps the instant itself.
  // Markdown reports hand templates escaped text ("America/New\_York"): read the value itself.
  env.registerHelper('local', (v: unknown, tz: unknown) => {
    const ms = parseInstant(typeof v === 'string' ? unescapeMarkdown(v) : v);
    const zone = typeof tz === 'string' ? unescapeMarkdown(tz) : undefined;
    if (ms === undefined || zone === undefined || !isTimeZone(zone)) return typeof v === 'string' ? v : '–';
    return new Date(ms + zoneOffset(ms, zone)).toISOString().slice(0, 16).replace('T', ' ');
  });
  env.registerHelper('join', (v: unknown, sep?: unknown) => (Array.isArray(v) ? v.join(typeof sep === 'string' ? sep : ', ') : ''));
  env.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  // A count with its noun: "1 compliment", "2 compliments". Not named `count`: rows print a field
  // of that name, and a helper is found before a field.
  env.registerHelper('plural', (n: unknown, one: unknown, many: unknown) =>
    counted(typeof n === 'number' ? n : 0, String(one), String(many)),
  );
  // The noun alone, where the count is set apart (bold): "**1** gap", "**2** gaps".
  env.registerHelper('noun', (n: unknown, one: unknown, many: unknown) => (n === 1 ? String(one) : String(many)));
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
 * The shipped templates come precompiled; when the repository has its own template or style,
 * both are compiled here, with the same helpers and options.
 */
export function renderReport(name: string, format: ReportFormat, data: object, charts: readonly ChartSpec[], root: string): string {
  if (format === 'json') return reportJson(name, data);
  const drawn = drawCharts(charts, format);
  const { env, tpl } = compiled(name, format, ownTemplate(root, `${name}.${format}.hbs`), ownTemplate(root, 'style.css'));
  // Markdown reports hand templates escaped text; the controls go first (see withoutControls).
  if (format === 'md')
    return normaliseNewlines(tpl({ ...(mapStrings(data, (s) => escapeMarkdown(withoutControls(s))) as object), charts: drawn }));
  const safe = Object.fromEntries(Object.entries(drawn).map(([k, v]) => [k, new env.SafeString(v)]));
  return normaliseNewlines(tpl({ ...(mapStrings(data, withoutControls) as object), charts: safe }));
}

/**
 * Text of report data without escape sequences, control characters, bidirectional overrides or line
 * and paragraph separators (see forTerminal; tabs and line breaks stay). Text from documents reaches a report read in a terminal, an editor and a browser, where
 * these would clear the screen or hide or reorder what a reader of the evidence sees. Done value by
 * value, before any escaping: an unterminated sequence in one value takes nothing after it, and an
 * ESC cannot take the backslash of a Markdown escape with it.
 */
function withoutControls(s: string): string {
  return forTerminal(s, true).replace(/[\u2028\u2029]/g, ' ');
}

/**
 * Report data as JSON. An audit of over a hundred thousand documents comes close to the longest
 * string V8 can make (about 537 million characters; the audit of 100,000 generated documents is
 * 373 million), and past it JSON.stringify throws a RangeError: that is said as what it is.
 */
export function reportJson(name: string, data: object): string {
  try {
    return `${JSON.stringify(data, null, 2)}\n`;
  } catch (err) {
    if (err instanceof RangeError && /invalid string length/i.test(err.message))
      throw smsError('REPORT_TOO_LARGE', { kind: name, format: 'json' });
    throw err;
  }
}

const cache = new Map<string, { env: HandlebarsEnv; tpl: HandlebarsTemplateDelegate }>();

/**
 * A template in its own private environment. The shipped ones come precompiled and need only the
 * Handlebars runtime; when the repository has its own template or style, both are compiled here
 * with the same helpers and options. Kept by exact source (a library caller rendering many reports
 * compiles each template once; a changed override is a new entry).
 */
function compiled(
  name: string,
  format: 'md' | 'html',
  ownSource: string | undefined,
  ownStyle: string | undefined,
): { env: HandlebarsEnv; tpl: HandlebarsTemplateDelegate } {
  const shipped = ownSource === undefined && ownStyle === undefined;
  const key = shipped ? `shipped\0${name}\0${format}` : `${format}\0${ownStyle ?? ''}\0${ownSource ?? name}`;
  let hit = cache.get(key);
  if (!hit) {
    const env = (require(shipped ? 'handlebars/runtime' : 'handlebars') as HandlebarsEnv).create();
    registerReportHelpers(env);
    let tpl: HandlebarsTemplateDelegate;
    if (shipped) {
      const spec = (k: string): TemplateSpecification => require(path.join(PRECOMPILED_TEMPLATES, `${k}.cjs`)) as TemplateSpecification;
      env.registerPartial(STYLE_PARTIAL, env.template(spec(`${STYLE_PARTIAL}.${format}`)));
      tpl = env.template(spec(`${name}.${format}`));
    } else {
      env.registerPartial(STYLE_PARTIAL, ownStyle ?? shippedTemplate('style.css'));
      tpl = env.compile(ownSource ?? shippedTemplate(`${name}.${format}.hbs`), templateOptions(format));
    }
    if (cache.size >= 16) cache.delete(cache.keys().next().value!);
    hit = { env, tpl };
    cache.set(key, hit);
  }
  return hit;
}

/**
 * A repository's own template when it is a regular file inside `.sms/templates/reports/`. A
 * symbolic link is never followed, nor a folder link out of the repository: it could point at any
 * file the user can read (a private key), which would then be copied into the report.
 */
function ownTemplate(root: string, name: string): string | undefined {
  const own = path.join(root, '.sms', 'templates', 'reports', name);
  try {
    if (realpathSync(own).startsWith(realpathSync(root) + path.sep)) {
      // Opened without following a final link, and only when it is a regular file of sane size.
      const read = readRegularFile(own, MAX_TEMPLATE_BYTES);
      // Written by whoever opened the pull request, like the documents: without the controls they lose.
      if ('bytes' in read) return withoutControls(read.bytes.toString('utf8'));
    }
  } catch {
    // no override
  }
  return undefined;
}

function shippedTemplate(name: string): string {
  return readFileSync(packagePath('templates', 'reports', name), 'utf8');
}

const MAX_TEMPLATE_BYTES = 1024 * 1024;

/** Templates leave blank runs around block helpers; one blank line is enough. */
function normaliseNewlines(s: string): string {
  return `${s.replace(/\n{3,}/g, '\n\n').trim()}\n`;
}
