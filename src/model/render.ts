import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import { packagePath } from '../paths.js';
import type { WorkType } from './types.js';
import { addMonths } from '../dates.js';
import { lastReportingPeriod } from '../period.js';
import { oneLine } from '../strings.js';

export interface TemplateContext {
  id: string;
  title: string;
  org: string;
  /** The person creating the document: e-mail or name from the git identity. */
  me: string;
  manager: { name: string; email?: string; ref: string };
  firstService?: string;
  firstAgreement?: string;
  changeRequest?: string;
  today: string;
  now: string;
  /** The time zone service hours are counted in (an agreement's calendar). */
  timezone?: string;
  /** Values a type fills in from the repository (a review's minutes from the review pack). */
  prefill?: Record<string, unknown>;
  /**
   * The period a performance report covers by default: the last one ended at the reporting cadence of
   * the agreement it names (as `sms report performance` takes it), so that it is the period the audit asks for.
   */
  reportPeriod?: { since: string; until: string };
}

/**
 * A private Handlebars environment: templates write Markdown and YAML, so HTML escaping is off and
 * every value that lands in front matter goes through the `yaml` helper (a JSON string is a valid
 * YAML double-quoted scalar, so titles with quotes, colons or newlines stay one safe value).
 */
const hbs = Handlebars.create();
hbs.registerHelper(
  'yaml',
  (v: unknown) => new hbs.SafeString(v === undefined || v === null ? 'null' : JSON.stringify(typeof v === 'string' ? v : String(v))),
);

/** Replaces line breaks and other control characters with spaces: a value meant for one line stays on one. */
hbs.registerHelper('line', (v: unknown) => (typeof v === 'string' ? oneLine(v) : ''));
/** A YAML scalar written plain when it reads back as the same string, else double-quoted. */
hbs.registerHelper('plain', (v: unknown) => {
  const s = typeof v === 'string' ? v : '';
  return new hbs.SafeString(/^[A-Za-z][A-Za-z0-9_-]*$/.test(s) && !YAML_WORDS.test(s) ? s : JSON.stringify(s));
});
const YAML_WORDS = /^(?:true|false|null|yes|no|on|off|y|n)$/i;

/**
 * Custom types from the config have no template file: front matter plus their required sections.
 * Section names, the type key and the status are data passed to this fixed template, never part
 * of its source, so a section named `{{#each` is a heading like any other.
 */
const GENERIC_TEMPLATE =
  '---\nid: {{yaml id}}\ntype: {{plain typeKey}}\ntitle: {{yaml title}}\nstatus: {{plain initialStatus}}\n---\n\n# {{line title}}\n\n{{#each sections}}## {{line this}}\n\n{{/each}}';

const compiled = new Map<string, HandlebarsTemplateDelegate>();

export function renderTemplate(type: WorkType, ctx: TemplateContext, templateDir = packagePath('templates')): string {
  // A custom type never takes a shipped template, even when it replaces a built-in type's key.
  const file = type.custom ? `custom:${type.key}` : `${templateDir}/${type.key}.md.hbs`;
  let tpl = compiled.get(file);
  if (!tpl) {
    let source: string;
    try {
      source = type.custom ? GENERIC_TEMPLATE : readFileSync(file, 'utf8');
    } catch {
      source = GENERIC_TEMPLATE;
    }
    tpl = hbs.compile(source, { noEscape: true, strict: false });
    // Custom types share one template (what differs is data), so every compiled template is kept.
    compiled.set(file, tpl);
  }
  const today = ctx.today;
  return tpl({
    periodStart: addMonths(today, -12),
    periodEnd: today,
    reportPeriod: lastReportingPeriod(undefined, today),
    reviewInputs: [],
    carriedActions: [],
    ...ctx,
    ...ctx.prefill,
    typeKey: type.key,
    initialStatus: type.initial[0] ?? type.statuses[0],
    timezone: ctx.timezone ?? 'UTC',
    sections: type.sections,
    inOneMonth: addMonths(today, 1),
    inThreeMonths: addMonths(today, 3),
    inOneYear: addMonths(today, 12),
    inTwoYears: addMonths(today, 24),
    oneMonthAgo: addMonths(today, -1),
    oneYearAgo: addMonths(today, -12),
  });
}
