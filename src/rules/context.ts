import type { Diagnostic, Position, Severity } from '../diagnostic.js';
import type { SmsConfig } from '../repo/config.js';
import type { SmsDocument } from '../repo/documents.js';
import type { RolesIndex } from '../model/roles.js';
import type { SchemaSet } from '../model/schemas.js';

/** Everything a rule may look at. Rules are pure: they read this and return findings. */
export interface RuleContext {
  config: SmsConfig;
  documents: SmsDocument[];
  byId: Map<string, SmsDocument[]>;
  roles: RolesIndex;
  rolesDoc?: SmsDocument;
  schemas: SchemaSet;
  /** Today as YYYY-MM-DD (injected so results are reproducible). */
  today: string;
  /** Whether a repository-relative path names an existing file or folder. */
  exists(relPath: string): boolean;
}

export interface Rule {
  id: string;
  description: string;
  defaultSeverity: Severity;
  check(ctx: RuleContext): Diagnostic[];
}

/** Builds a finding located at a field of a document's front matter. */
export function at(doc: SmsDocument, rule: string, severity: Severity, pos: Position, message: string, hint?: string): Diagnostic {
  const d: Diagnostic = { file: doc.file, line: pos.line, column: pos.column, rule, severity, message };
  if (doc.id) d.docId = doc.id;
  if (hint) d.hint = hint;
  return d;
}

/** Values of a field as a list of strings (a scalar field counts as a one-item list). */
export function stringValues(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

/**
 * Values at a field path like `services` or `changes[].change_request`, each with the YAML path
 * that locates it.
 */
export function valuesAtPath(data: Record<string, unknown>, fieldPath: string): { value: string; path: (string | number)[] }[] {
  const out: { value: string; path: (string | number)[] }[] = [];
  const walk = (node: unknown, parts: string[], at: (string | number)[]): void => {
    if (parts.length === 0) {
      if (typeof node === 'string') out.push({ value: node, path: at });
      else if (Array.isArray(node)) node.forEach((v, i) => typeof v === 'string' && out.push({ value: v, path: [...at, i] }));
      return;
    }
    if (!node || typeof node !== 'object' || Array.isArray(node)) return;
    const [head, ...rest] = parts;
    const many = head!.endsWith('[]');
    const key = many ? head!.slice(0, -2) : head!;
    if (!Object.prototype.hasOwnProperty.call(node, key)) return;
    const child = (node as Record<string, unknown>)[key];
    if (many) {
      if (Array.isArray(child)) child.forEach((c, i) => walk(c, rest, [...at, key, i]));
    } else walk(child, rest, [...at, key]);
  };
  walk(data, fieldPath.split('.'), []);
  return out;
}

/** Parses YYYY-MM-DD or an ISO date-time to epoch ms; undefined when it is not a valid date. */
export function toTime(v: unknown): number | undefined {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(v)) return undefined;
  const t = Date.parse(v.length === 10 ? `${v}T00:00:00Z` : v);
  return Number.isNaN(t) ? undefined : t;
}

export function addMonths(date: string, months: number): string {
  const d = new Date(`${date.slice(0, 10)}T00:00:00Z`);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date.slice(0, 10)}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** A document is in force while its status is one of its type's approving statuses. */
export function inForce(doc: SmsDocument): boolean {
  return Boolean(doc.type && doc.status && doc.type.approving.includes(doc.status));
}
