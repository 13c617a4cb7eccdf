import path from 'node:path';
import { Fences, lines } from '../markdown.js';
import type { Position } from '../diagnostic.js';
import type { SmsDocument } from '../repo/documents.js';
import { valuesAtPath } from '../repo/values.js';
import { defineRule, type Report, type RuleContext } from './registry.js';
import { aType } from '../strings.js';

/** Statuses after which a document should no longer be relied on. */
const INACTIVE = new Set(['retired', 'rejected']);

/** A hostile body can hold two hundred thousand broken links; a few are enough to act on. */
const MAX_LINK_FINDINGS_PER_DOCUMENT = 50;

export default defineRule({
  id: 'broken-reference',
  description: 'Every ID reference and every relative Markdown link resolves; references to retired documents warn.',
  help:
    'Fields that name other documents (services, impacted_cis, change_request, …; see "sms types --format md") must ' +
    'name an existing document of the expected type, and relative links in the body must point at files inside the ' +
    'repository. A reference to a retired or rejected document is a warning (it is probably out of date), except from a ' +
    'document at the end of its lifecycle, such as a closed incident or a deployed change, which records how things were.',
  severity: 'error',
  relational: true,
  needs: [],
  check(ctx, report) {
    for (const doc of ctx.documents) {
      if (doc.data && doc.type) idReferences(ctx, doc, report);
      linkReferences(ctx, doc, report);
    }
  },
});

/**
 * A document at the end of its lifecycle (a closed incident, a deployed change, a published test
 * report): what it names was right when it was written, so a reference to something retired since
 * is history, not a mistake.
 */
function finished(doc: SmsDocument): boolean {
  const status = doc.status;
  if (!status || !doc.type) return false;
  const next = doc.type.transitions[status];
  return doc.type.statuses.includes(status) && (next === undefined || next.every((s) => s === status));
}

/** The type keys a reference field accepts (one key, or several separated by |). */
export function expectedTypes(spec: string | undefined): string[] {
  return spec ? spec.split('|') : [];
}

function idReferences(ctx: RuleContext, doc: SmsDocument, report: Report): void {
  const fields: [string, string | undefined][] = [...Object.entries(doc.type!.refs), ['related', undefined]];
  for (const [field, spec] of fields) {
    const expected = expectedTypes(spec);
    for (const { value, path: p } of valuesAtPath(doc.data!, field)) {
      const targets = ctx.byId.get(value);
      if (!targets) {
        report({
          doc,
          field: p,
          message: `"${field}" refers to ${value}, which does not exist`,
          hint: 'check the ID, or create the document with "sms new"',
        });
        continue;
      }
      const target = targets[0]!;
      if (expected.length && target.type && !expected.includes(target.type.key)) {
        report({
          doc,
          field: p,
          message: `"${field}" refers to ${value}, which is ${aType(target.type.key)}, not ${expected.map(aType).join(' or ')}`,
        });
      } else if (target.status && INACTIVE.has(target.status) && !finished(doc)) {
        report({ doc, field: p, message: `"${field}" refers to ${value}, which is ${target.status}`, severity: 'warning' });
      }
    }
  }
}

/**
 * Relative Markdown links `[text](target)` in the body must point at files inside the repository.
 * Scanned by hand, once per line: a regular expression over `[` … `](` backtracks quadratically on
 * a line of thousands of brackets.
 */
function linkReferences(ctx: RuleContext, doc: SmsDocument, report: Report): void {
  const body = doc.fm.body;
  // Most bodies have no link at all: skip the line-by-line scan for them.
  if (!body.includes('](')) return;
  const ls = lines(body);
  const fences = new Fences();
  let count = 0;
  const broken = (at: Position, message: string): boolean => {
    if (++count > MAX_LINK_FINDINGS_PER_DOCUMENT) {
      report({ doc, at, message: `more broken links in this document were not listed (limit ${MAX_LINK_FINDINGS_PER_DOCUMENT})` });
      return false;
    }
    report({ doc, at, message });
    return true;
  };
  for (let i = 0; i < ls.length; i++) {
    const line = ls[i]!;
    if (fences.code(line) || !line.includes('](')) continue;
    for (const link of linksIn(line)) {
      const target = link.target;
      if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#') || target.startsWith('/')) continue;
      let rel = target.split('#')[0]!.split('?')[0]!;
      try {
        rel = decodeURI(rel);
      } catch {
        // keep the raw text: a malformed escape is reported as a missing file below
      }
      if (!rel) continue;
      const joined = path.posix.normalize(path.posix.join(path.posix.dirname(doc.file), rel));
      const at = { line: doc.fm.bodyStartLine + i, column: link.column };
      if (joined === '..' || joined.startsWith('../')) {
        if (!broken(at, `link "${target}" points outside the repository`)) return;
      } else if (!ctx.exists(joined)) {
        if (!broken(at, `link "${target}" points to ${joined}, which does not exist`)) return;
      }
    }
  }
}

/** Links of one line, outside inline code spans: the target and the 1-based column of the `[`. */
export function linksIn(line: string): { target: string; column: number }[] {
  const out: { target: string; column: number }[] = [];
  let open = -1;
  let code = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '`') code = !code;
    else if (code) continue;
    else if (c === '[') open = i;
    else if (c === ']' && line[i + 1] === '(' && open >= 0) {
      const parsed = linkTarget(line, i + 2);
      if (parsed) {
        out.push({ target: parsed.target, column: open > 0 && line[open - 1] === '!' ? open : open + 1 });
        i = parsed.end - 1;
      }
      open = -1;
    }
  }
  return out;
}

/** `target)`, `<target>)` or `target "title")` from `from`; undefined when it is not a link. */
function linkTarget(line: string, from: number): { target: string; end: number } | undefined {
  let i = from;
  while (line[i] === ' ' || line[i] === '\t') i++;
  const angle = line[i] === '<';
  if (angle) i++;
  const start = i;
  while (i < line.length && line[i] !== ')' && line[i] !== ' ' && line[i] !== '\t' && line[i] !== '>') i++;
  if (i === start) return undefined;
  const target = line.slice(start, i);
  if (angle && line[i] === '>') i++;
  while (line[i] === ' ' || line[i] === '\t') i++;
  if (line[i] === '"') {
    const close = line.indexOf('"', i + 1);
    if (close < 0) return undefined;
    i = close + 1;
    while (line[i] === ' ' || line[i] === '\t') i++;
  }
  return line[i] === ')' ? { target, end: i + 1 } : undefined;
}
