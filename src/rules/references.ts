import path from 'node:path';
import type { Diagnostic, Position } from '../diagnostic.js';
import type { SmsDocument } from '../repo/documents.js';
import { at, valuesAtPath, type Rule, type RuleContext } from './context.js';

/** Statuses after which a document should no longer be relied on. */
const INACTIVE = new Set(['retired', 'rejected']);

export const brokenReference: Rule = {
  id: 'broken-reference',
  description: 'Every ID reference and every relative Markdown link resolves; references to retired documents warn.',
  defaultSeverity: 'error',
  check(ctx) {
    const out: Diagnostic[] = [];
    for (const doc of ctx.documents) {
      if (doc.data && doc.type) out.push(...idReferences(ctx, doc));
      out.push(...linkReferences(ctx, doc));
    }
    return out;
  },
};

function idReferences(ctx: RuleContext, doc: SmsDocument): Diagnostic[] {
  const out: Diagnostic[] = [];
  const fields: [string, string | undefined][] = [...Object.entries(doc.type!.refs), ['related', undefined]];
  for (const [field, expected] of fields) {
    for (const { value, path: p } of valuesAtPath(doc.data!, field)) {
      const targets = ctx.byId.get(value);
      // Locating costs a full YAML parse of the document: only do it for a finding.
      const pos = (): Position => doc.fm.locate(p);
      if (!targets) {
        out.push(
          at(
            doc,
            'broken-reference',
            'error',
            pos(),
            `"${field}" refers to ${value}, which does not exist`,
            'check the ID, or create the document with "sms new"',
          ),
        );
        continue;
      }
      const target = targets[0]!;
      if (expected && target.type && target.type.key !== expected) {
        out.push(
          at(doc, 'broken-reference', 'error', pos(), `"${field}" refers to ${value}, which is a ${target.type.key}, not a ${expected}`),
        );
      } else if (target.status && INACTIVE.has(target.status)) {
        out.push(at(doc, 'broken-reference', 'warning', pos(), `"${field}" refers to ${value}, which is ${target.status}`));
      }
    }
  }
  return out;
}

const LINK = /!?\[[^\]\n]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;
const FENCE = /^\s{0,3}(```|~~~)/;

/** Relative Markdown links in the body must point at files inside the repository. */
function linkReferences(ctx: RuleContext, doc: SmsDocument): Diagnostic[] {
  const out: Diagnostic[] = [];
  // Most bodies have no link at all: skip the line-by-line scan for them.
  if (!doc.fm.body.includes('](')) return out;
  const lines = doc.fm.body.split(/\r?\n/);
  let fenced = false;
  lines.forEach((line, i) => {
    if (FENCE.test(line)) {
      fenced = !fenced;
      return;
    }
    if (fenced) return;
    const plain = line.replace(/`[^`]*`/g, (m) => ' '.repeat(m.length));
    for (const m of plain.matchAll(LINK)) {
      const target = m[1]!;
      if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#') || target.startsWith('/')) continue;
      let rel = target.split('#')[0]!.split('?')[0]!;
      try {
        rel = decodeURI(rel);
      } catch {
        // keep the raw text: a malformed escape is reported as a missing file below
      }
      if (!rel) continue;
      const joined = path.posix.normalize(path.posix.join(path.posix.dirname(doc.file), rel));
      const pos = { line: doc.fm.bodyStartLine + i, column: (m.index ?? 0) + 1 };
      if (joined === '..' || joined.startsWith('../')) {
        out.push(at(doc, 'broken-reference', 'error', pos, `link "${target}" points outside the repository`));
      } else if (!ctx.exists(joined)) {
        out.push(at(doc, 'broken-reference', 'error', pos, `link "${target}" points to ${joined}, which does not exist`));
      }
    }
  });
  return out;
}
