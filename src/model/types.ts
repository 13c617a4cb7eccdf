import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { packagePath } from '../paths.js';

export const ROLE_CODES = ['SM', 'CM', 'IM', 'RM', 'MGT', 'PT', 'CUS', 'SUP'] as const;
export type RoleCode = (typeof ROLE_CODES)[number];

export interface IdScheme {
  singleton?: string;
  prefix?: string;
  digits?: number;
}

/** One work-product type, exactly as model/types.yaml (or a custom type in the config) defines it. */
export interface WorkType {
  key: string;
  wp: string;
  title: string;
  process: 'GO' | 'CO' | 'RE' | 'IN' | 'X';
  kind: 'specification' | 'record';
  folder: string;
  id: IdScheme;
  statuses: string[];
  initial: string[];
  transitions: Record<string, string[]>;
  approving: string[];
  authority: Record<string, RoleCode[]>;
  sections: string[];
  refs: Record<string, string>;
  people: string[];
  dates: [string, string][];
  review_months: number;
  custom?: boolean;
}

let builtIn: WorkType[] | undefined;

/**
 * The 21 built-in types, read once from model/types.yaml. The build also writes it as
 * dist/types.json, which loads without a YAML parser on every command; the YAML file is the
 * source and is read directly when the JSON copy is missing (e.g. running from sources).
 */
export function builtInTypes(): WorkType[] {
  if (!builtIn) {
    let raw: Partial<WorkType>[];
    try {
      raw = JSON.parse(readFileSync(packagePath('dist', 'types.json'), 'utf8')) as Partial<WorkType>[];
    } catch {
      raw = parse(readFileSync(packagePath('model', 'types.yaml'), 'utf8')) as Partial<WorkType>[];
    }
    builtIn = raw.map(normaliseType);
  }
  return builtIn;
}

export function normaliseType(t: Partial<WorkType>): WorkType {
  return {
    key: t.key!,
    wp: t.wp ?? 'custom',
    title: t.title ?? t.key!,
    process: t.process ?? 'X',
    kind: t.kind ?? 'record',
    folder: t.folder ?? t.key!,
    id: t.id ?? {},
    statuses: t.statuses ?? [],
    initial: t.initial ?? [],
    transitions: t.transitions ?? {},
    approving: t.approving ?? [],
    authority: t.authority ?? {},
    sections: t.sections ?? [],
    refs: t.refs ?? {},
    people: t.people ?? [],
    dates: t.dates ?? [],
    review_months: t.review_months ?? 0,
    custom: t.custom,
  };
}

/** The regular expression an ID of this type must match. */
export function idPattern(t: WorkType): RegExp {
  if (t.id.singleton) return new RegExp(`^${escapeRe(t.id.singleton)}$`);
  return new RegExp(`^${escapeRe(t.id.prefix ?? '')}-\\d{${t.id.digits ?? 4},}$`);
}

export function idExample(t: WorkType): string {
  return t.id.singleton ?? `${t.id.prefix}-${'1'.padStart(t.id.digits ?? 4, '0')}`;
}

export function formatId(t: WorkType, n: number): string {
  return t.id.singleton ?? `${t.id.prefix}-${String(n).padStart(t.id.digits ?? 4, '0')}`;
}

export function isAllowedTransition(t: WorkType, from: string, to: string): boolean {
  return from === to || (t.transitions[from] ?? []).includes(to);
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
