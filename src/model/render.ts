import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import { packagePath } from '../paths.js';
import type { WorkType } from './types.js';
import { addMonths } from '../dates.js';

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
  /** Values a type fills in from the repository (a review's minutes from the review pack). */
  prefill?: Record<string, unknown>;
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

const compiled = new Map<string, HandlebarsTemplateDelegate>();

export function renderTemplate(type: WorkType, ctx: TemplateContext, templateDir = packagePath('templates')): string {
  // A custom type never takes a shipped template, even when it replaces a built-in type's key.
  const file = type.custom ? `custom:${type.key}` : `${templateDir}/${type.key}.md.hbs`;
  let tpl = compiled.get(file);
  if (!tpl) {
    let source: string;
    try {
      source = type.custom ? genericTemplate(type) : readFileSync(file, 'utf8');
    } catch {
      source = genericTemplate(type);
    }
    tpl = hbs.compile(source, { noEscape: true, strict: false });
    // Custom types differ per repository: only shipped templates are cached.
    if (!type.custom) compiled.set(file, tpl);
  }
  const today = ctx.today;
  return tpl({
    periodStart: addMonths(today, -12),
    periodEnd: today,
    reviewInputs: [],
    carriedActions: [],
    ...ctx,
    ...ctx.prefill,
    inOneMonth: addMonths(today, 1),
    inThreeMonths: addMonths(today, 3),
    inOneYear: addMonths(today, 12),
    inTwoYears: addMonths(today, 24),
    oneMonthAgo: addMonths(today, -1),
    oneYearAgo: addMonths(today, -12),
  });
}

/** Custom types from the config have no template file: front matter plus their required sections. */
function genericTemplate(type: WorkType): string {
  const sections = type.sections.map((s) => `## ${s}\n\n`).join('');
  return `---\nid: {{yaml id}}\ntype: ${type.key}\ntitle: {{yaml title}}\nstatus: ${type.initial[0] ?? type.statuses[0]}\n---\n\n# {{title}}\n\n${sections}`;
}
