import { existsSync } from 'node:fs';
import path from 'node:path';
import { compareDiagnostics, type Diagnostic } from './diagnostic.js';
import type { Loaded } from './load.js';
import { RolesIndex } from './model/roles.js';
import { SchemaSet } from './model/schemas.js';
import type { SmsDocument } from './repo/documents.js';
import type { DocEvent } from './history/timeline.js';
import { exemptionModels } from './repo/models.js';
import { RULES } from './rules/index.js';
import { runRule, type RuleContext } from './rules/registry.js';
import { uncommitted } from './rules/history-support.js';

export interface ValidationResult {
  diagnostics: Diagnostic[];
  errorCount: number;
  warningCount: number;
  fileCount: number;
  /** With --quiet: the warnings found and not shown (they still count for --max-warnings). */
  hiddenWarningCount?: number;
}

export interface ValidateOptions {
  /** Repository-relative POSIX paths to report on; cross-file rules still see every document. */
  only?: string[];
  today: string;
  /** Whether a repository path exists (in-memory repositories pass their own). */
  exists?: (relPath: string) => boolean;
}

/**
 * The context every rule reads: documents indexed by id, the roles, the schemas, the changes. A
 * caller that validates many times with one configuration may pass the compiled schemas along.
 */
export function buildRuleContext(loaded: Loaded, today: string, exists?: (relPath: string) => boolean, schemas?: SchemaSet): RuleContext {
  const { config } = loaded;
  const documents = loaded.repository.documents;
  const byId = new Map<string, SmsDocument[]>();
  for (const d of documents) {
    if (!d.id) continue;
    const list = byId.get(d.id);
    if (list) list.push(d);
    else byId.set(d.id, [d]);
  }
  const rolesDoc = documents.find((d) => d.type?.grants_roles && d.data);
  return {
    config,
    documents,
    byId,
    roles: RolesIndex.fromData(rolesDoc?.data),
    rolesDoc,
    models: exemptionModels(config.types, documents),
    schemas: schemas ?? new SchemaSet(config.extraFields, Object.keys(config.extraFields).length > 0 || config.types.some((t) => t.custom)),
    today,
    exists: exists ?? ((rel) => existsSync(path.join(config.root, ...rel.split('/')))),
    loadIssues: loaded.repository.issues,
    outside: loaded.repository.outside,
    changes: loaded.changes,
  };
}

/**
 * Errors of history recorded as nonconformities. A commit cannot be undone once pushed: a finding
 * about it would fail every run after it. A document whose type records findings (a nonconformity's
 * `commits`) and names the commit takes it over: once in an approving status (verified, by SM or
 * MGT, which approval-evidence proves) with no error of its own, the error is a warning that names
 * it; before, its hint says what is still to do. A commit is named by its full id: the first few
 * characters of one can be matched by a commit made to match them (a few minutes of hashing for 7).
 */
function recorded(diagnostics: Diagnostic[], documents: readonly SmsDocument[], events: readonly DocEvent[] = []): Diagnostic[] {
  // Each recording document as last committed: an edit not committed yet (a status set to
  // verified in the working tree) records nothing, as CI, which reads commits, would not see it.
  const committed = new Map<string, DocEvent>();
  for (const e of events) if (e.after?.id && !uncommitted(e)) committed.set(e.after.id, e);
  const records: { doc: SmsDocument; status?: string; commits: string[] }[] = [];
  for (const doc of documents) {
    const field = doc.type?.records_findings;
    const version = doc.id !== undefined ? committed.get(doc.id)?.after : undefined;
    const list = field !== undefined ? version?.data?.[field] : undefined;
    if (!Array.isArray(list)) continue;
    const commits = list.filter((c): c is string => typeof c === 'string' && /^([0-9a-f]{40}|[0-9a-f]{64})$/.test(c));
    if (commits.length) records.push({ doc, ...(version!.status !== undefined ? { status: version!.status } : {}), commits });
  }
  if (records.length === 0) return diagnostics;
  // The IDs a document had before it was renumbered: its findings under them are its own too.
  const earlierIds = new Map<string, Set<string>>();
  for (const e of events) {
    const from = e.before?.id;
    const to = e.after?.id;
    if (from && to && from !== to) earlierIds.set(to, new Set([...(earlierIds.get(to) ?? []), from, ...(earlierIds.get(from) ?? [])]));
  }
  const holds = (doc: SmsDocument): boolean => {
    const ids = new Set([...(doc.id ? [doc.id] : []), ...(doc.id ? (earlierIds.get(doc.id) ?? []) : [])]);
    return !diagnostics.some((x) => x.severity === 'error' && (x.file === doc.file || (x.docId !== undefined && ids.has(x.docId))));
  };
  return diagnostics.map((d) => {
    if (d.severity !== 'error' || d.commit === undefined) return d;
    const by = records.filter((r) => r.commits.includes(d.commit!));
    if (by.length === 0) return d;
    const name = (doc: SmsDocument): string => doc.id ?? doc.file;
    // Verified, and no error found in the nonconformity itself (a verification no SM or MGT made).
    const verified = by.filter((r) => r.doc.type!.approving.includes(r.status ?? ''));
    const holding = verified.find((r) => holds(r.doc));
    if (holding)
      return { ...d, severity: 'warning' as const, message: `${d.message} (recorded as ${name(holding.doc)}, ${holding.status})` };
    if (verified.length)
      return {
        ...d,
        hint: `recorded as ${name(verified[0]!.doc)}, whose ${verified[0]!.status} status does not hold: see its own findings`,
      };
    const open = by[0]!;
    return {
      ...d,
      hint: `recorded as ${name(open.doc)} (${open.status ?? 'no status'}, as committed): once it is ${open.doc.type!.approving.join(' or ')} in a commit, this is a warning`,
    };
  });
}

/** Runs every registered rule that is on and can run with what was loaded. */
export function validate(loaded: Loaded, options: ValidateOptions): ValidationResult {
  const ctx = buildRuleContext(loaded, options.today, options.exists);
  let diagnostics: Diagnostic[] = [];
  for (const rule of RULES) for (const d of runRule(rule, ctx)) diagnostics.push(d);
  let fileCount = loaded.repository.documents.length + new Set(loaded.repository.issues.map((i) => i.file)).size;
  // Before --only narrows them: a nonconformity's own findings decide, whichever files are reported.
  diagnostics = recorded(diagnostics, loaded.repository.documents, loaded.changes?.events);
  if (options.only) {
    const only = new Set(options.only);
    diagnostics = diagnostics.filter((d) => only.has(d.file));
    fileCount = only.size;
  }
  diagnostics.sort(compareDiagnostics);
  return {
    diagnostics,
    errorCount: diagnostics.filter((d) => d.severity === 'error').length,
    warningCount: diagnostics.filter((d) => d.severity === 'warning').length,
    fileCount,
  };
}
