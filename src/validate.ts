import { existsSync } from 'node:fs';
import path from 'node:path';
import { compareDiagnostics, type Diagnostic } from './diagnostic.js';
import type { Loaded } from './load.js';
import { RolesIndex } from './model/roles.js';
import { SchemaSet } from './model/schemas.js';
import type { SmsDocument } from './repo/documents.js';
import { exemptionModels } from './repo/models.js';
import { RULES } from './rules/index.js';
import { runRule, type RuleContext } from './rules/registry.js';

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

/** Runs every registered rule that is on and can run with what was loaded. */
export function validate(loaded: Loaded, options: ValidateOptions): ValidationResult {
  const ctx = buildRuleContext(loaded, options.today, options.exists);
  let diagnostics: Diagnostic[] = [];
  for (const rule of RULES) for (const d of runRule(rule, ctx)) diagnostics.push(d);
  let fileCount = loaded.repository.documents.length + new Set(loaded.repository.issues.map((i) => i.file)).size;
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
