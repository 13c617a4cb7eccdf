import { existsSync } from 'node:fs';
import path from 'node:path';
import { compareDiagnostics, type Diagnostic } from './diagnostic.js';
import type { SmsConfig } from './repo/config.js';
import { loadRepository, type LoadedRepository, type SmsDocument } from './repo/documents.js';
import { RolesIndex } from './model/roles.js';
import { SchemaSet } from './model/schemas.js';
import { STATIC_RULES } from './rules/index.js';
import type { Rule, RuleContext } from './rules/context.js';

export interface ValidationResult {
  diagnostics: Diagnostic[];
  errorCount: number;
  warningCount: number;
  fileCount: number;
}

export interface ValidateOptions {
  /** Repository-relative POSIX paths to report on; cross-file rules still see every document. */
  only?: string[];
  today: string;
  /** Rules that need more than the working tree (history); they run after the static ones. */
  extraRules?: Rule[];
  /** The repository, when the caller has read it already. */
  loaded?: LoadedRepository;
}

export function buildContext(config: SmsConfig, documents: SmsDocument[], today: string): RuleContext {
  const byId = new Map<string, SmsDocument[]>();
  for (const d of documents) {
    if (!d.id) continue;
    const list = byId.get(d.id);
    if (list) list.push(d);
    else byId.set(d.id, [d]);
  }
  const rolesDoc = documents.find((d) => d.type?.key === 'roles' && d.data);
  return {
    config,
    documents,
    byId,
    roles: RolesIndex.fromData(rolesDoc?.data),
    rolesDoc,
    schemas: new SchemaSet(config.extraFields, Object.keys(config.extraFields).length > 0 || config.types.some((t) => t.custom)),
    today,
    exists: (rel) => existsSync(path.join(config.root, ...rel.split('/'))),
  };
}

/** Runs every enabled rule over the repository and applies the configured severities. */
export function validateRepository(config: SmsConfig, options: ValidateOptions): ValidationResult {
  const loaded = options.loaded ?? loadRepository(config);
  const ctx = buildContext(config, loaded.documents, options.today);
  let diagnostics = [...loaded.diagnostics];
  for (const rule of [...STATIC_RULES, ...(options.extraRules ?? [])]) {
    if (config.rules[rule.id] === 'off') continue;
    diagnostics.push(...rule.check(ctx));
  }
  diagnostics = applySeverities(diagnostics, config);
  let fileCount = loaded.documents.length + new Set(loaded.diagnostics.map((d) => d.file)).size;
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

export function applySeverities(diagnostics: Diagnostic[], config: SmsConfig): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    const setting = config.rules[d.rule];
    if (setting === 'off') continue;
    out.push(setting === 'warn' ? { ...d, severity: 'warning' } : setting === 'error' ? { ...d, severity: 'error' } : d);
  }
  return out;
}
