import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { packagePath } from '../paths.js';

export const ROLE_CODES = ['SM', 'CM', 'IM', 'RM', 'MGT', 'PT', 'CUS', 'SUP'] as const;
export type RoleCode = (typeof ROLE_CODES)[number];

export interface IdScheme {
  singleton?: string;
  prefix?: string;
  digits?: number;
}

/**
 * A dependency of a document on another one (the standard prescribes no order of tasks, only the status each input must have): while the
 * document is in one of `when` (any status when omitted), the ID in `field` must name a document of
 * `type` in one of `statuses`.
 */
export interface Requirement {
  when?: string[];
  field: string;
  type: string;
  statuses: string[];
  /** The task of the standard the requirement comes from, for messages. */
  clause?: string;
  /** A value of the target document that still satisfies the requirement but deserves a warning. */
  warn?: { field: string; equals: string; message: string };
}

/**
 * Where the models behind an exemption are listed, and what proves one: a pre-approved change names
 * its model in `field`; the document of type `listed_in.type` lists the models in `listed_in.field`
 * (`{ id, title, proven_by, since? }`); `proven_by` names a document of the exempt type in one of
 * `proof.statuses`, with every field of `proof.where` holding one of its values and `proof.done`
 * (the day the pass ended) no later than the model's `since`.
 */
export interface ExemptionModel {
  field: string;
  /** `agreed_by`: the roles (the business) whose approval of the listing's version that first lists a model agrees it. */
  listed_in: { type: string; field: string; agreed_by: RoleCode[] };
  proof: { statuses: string[]; where: Record<string, string[]>; done: string };
}

/** Dates of an agreement's life, by field name. */
export interface AgreementDates {
  start: string;
  review: string;
  end: string;
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
  /** The field naming who asked for the document (its approver should be someone else). */
  requester?: string;
  /** Field values that exempt a document from the requester check (e.g. pre-approved changes). */
  self_approval_exempt?: Record<string, string[]>;
  /** The model an exemption must rest on (a pre-approved change's model); without it the values alone exempt. */
  exemption_model?: ExemptionModel;
  /** The roles document: its people grant the roles every approval is checked against. */
  grants_roles?: boolean;
  /**
   * (A nonconformity) the field listing the commits whose history findings a document of this type
   * records: in one of its approving statuses (verified), those findings are warnings.
   */
  records_findings?: string;
  /** (Roles document) role pairs one person should not hold together. */
  role_conflicts?: [RoleCode, RoleCode][];
  /** (Roles document) manager role -> the practitioner area the same person must not work in. */
  manager_areas?: Partial<Record<RoleCode, string>>;
  /** Set for agreements: which fields hold its start, review and end dates. */
  agreement?: AgreementDates;
  /** List fields whose values are followed through history (when an ID first appeared in them). */
  tracked?: string[];
  /** Fields a record is measured by: fixed once it is in a status with no way out (an incident closed). */
  sealed?: string[];
  /** Every version's front matter is kept from history: reports read a record as it stood on a past day. */
  history_data?: boolean;
  /** Sections written after the approval as the last section (a post-implementation review): not an edit of approved content. */
  later_sections?: string[];
  /** A record type beyond the 21 work products: the FitSM / ISO/IEC 20000 requirements it serves. */
  extension?: { serves: string[] };
  /** The practitioner's work a document records: its area and the fields naming who did it. */
  acts?: { area: string; fields: string[] };
  /** The other party's signatory, recorded beside the provider's approval (agreements). */
  countersign?: { field: string; date: string; ref: string; roles: RoleCode[]; terms?: string[] };
  /** Fields stamped with the current time when the document enters a status (status -> field). */
  stamps?: Record<string, string>;
  /** Fields that record a later step (a change's deployment), with the statuses in which they may be set. */
  step_fields?: Record<string, string[]>;
  requires?: Requirement[];
  /** The guidance lines of the type's template, taken from it at build time (template-text rule). */
  template_text?: string[];
  /** Fields the template fills with a placeholder for the author to replace (template-text rule). */
  placeholder_fields?: string[];
  /** (Taken at build time from the template) each placeholder field's placeholder. */
  template_values?: Record<string, string>;
  custom?: boolean;
}

/**
 * What a type says about who decides what: its lifecycle, the roles its decisions need, who asked
 * for a document and who did the work in it, and what grants roles. A pull request is judged by
 * these as its base defines them (see withPolicyOf).
 */
const POLICY_ATTRIBUTES = [
  'initial',
  'transitions',
  'approving',
  'authority',
  'requester',
  'self_approval_exempt',
  'exemption_model',
  'grants_roles',
  'records_findings',
  'role_conflicts',
  'manager_areas',
  'countersign',
  'acts',
] as const;

/**
 * The types, each with the policy attributes of the type of the same key in `base` where it has
 * one: a pull request that redefines a type (custom_types) is judged by the base's definition, as
 * its rule and trust settings are. Its other attributes (statuses, fields, sections, folder) stay,
 * so its documents are still read as it defines them. Its review interval is the shorter of the
 * two: a pull request that lengthens it (review_months) would hide the reviews already overdue.
 */
export function withPolicyOf(types: readonly WorkType[], base: ReadonlyMap<string, WorkType>): WorkType[] {
  return types.map((t) => {
    const b = base.get(t.key);
    if (!b) return t;
    const out: Record<string, unknown> = { ...t };
    for (const k of POLICY_ATTRIBUTES) {
      if (b[k] === undefined) delete out[k];
      else out[k] = b[k];
    }
    if (b.review_months > 0 && !(t.review_months > 0 && t.review_months <= b.review_months)) out.review_months = b.review_months;
    return out as unknown as WorkType;
  });
}

/** Front-matter fields that record an approval; set by `sms set-status`, evidence in history. */
export const APPROVAL_FIELDS = ['approved_by', 'approved_on'] as const;

/** The approval fields of a type: the provider's, and the other party's signatory where it countersigns. */
export function approvalFields(t: WorkType): string[] {
  return t.countersign ? [...APPROVAL_FIELDS, t.countersign.field, t.countersign.date, t.countersign.ref] : [...APPROVAL_FIELDS];
}

let builtIn: WorkType[] | undefined;

/**
 * The built-in types, read once. The build validates model/types.yaml against its schema and
 * writes it as dist/types.json, which loads without a YAML parser on every command; the YAML file
 * is the source and is read directly when the JSON copy is missing (e.g. running from sources).
 */
export function builtInTypes(): WorkType[] {
  if (!builtIn) {
    let raw: Partial<WorkType>[];
    try {
      raw = JSON.parse(readFileSync(packagePath('dist', 'types.json'), 'utf8')) as Partial<WorkType>[];
    } catch {
      // Only then is yaml needed, so it is not loaded otherwise.
      const { parse } = createRequire(import.meta.url)('yaml') as typeof import('yaml');
      raw = parse(readFileSync(packagePath('model', 'types.yaml'), 'utf8')) as Partial<WorkType>[];
    }
    builtIn = raw.map(normaliseType);
  }
  return builtIn;
}

/**
 * A lookup table keyed by status (or field): without a prototype, so a document whose status is
 * "constructor" or "__proto__" finds nothing instead of one of Object's own members.
 */
function table<T>(o: Record<string, T> | undefined): Record<string, T> {
  return Object.assign(Object.create(null) as Record<string, T>, o);
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
    transitions: table(t.transitions),
    approving: t.approving ?? [],
    authority: table(t.authority),
    sections: t.sections ?? [],
    refs: table(t.refs),
    people: t.people ?? [],
    dates: t.dates ?? [],
    review_months: t.review_months ?? 0,
    requester: t.requester,
    self_approval_exempt: t.self_approval_exempt && table(t.self_approval_exempt),
    exemption_model: t.exemption_model,
    grants_roles: t.grants_roles,
    records_findings: t.records_findings,
    role_conflicts: t.role_conflicts,
    manager_areas: t.manager_areas,
    agreement: t.agreement,
    tracked: t.tracked,
    sealed: t.sealed,
    history_data: t.history_data,
    later_sections: t.later_sections,
    extension: t.extension,
    acts: t.acts,
    countersign: t.countersign,
    stamps: t.stamps && table(t.stamps),
    step_fields: t.step_fields && table(t.step_fields),
    requires: t.requires,
    template_text: t.template_text,
    template_values: t.template_values,
    custom: t.custom,
  };
}

/** The regular expression an ID of this type must match. */
/** The most digits an ID's number may have (sms new stops numbering there). */
export const MAX_ID_DIGITS = 9;

export function idPattern(t: WorkType): RegExp {
  if (t.id.singleton) return new RegExp(`^${escapeRe(t.id.singleton)}$`);
  return new RegExp(`^${escapeRe(t.id.prefix ?? '')}-\\d{${t.id.digits ?? 4},${MAX_ID_DIGITS}}$`);
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

/** The type whose document lists people and their roles, if the configuration has one. */
export function rolesType(types: readonly WorkType[]): WorkType | undefined {
  return types.find((t) => t.grants_roles);
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
