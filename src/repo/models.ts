import { parseDate } from '../dates.js';
import type { ExemptionModels, ModelStanding } from '../model/policy.js';
import type { WorkType } from '../model/types.js';
import type { SmsDocument } from './documents.js';
import { own, ownString } from './values.js';

/** What proves a model is read from a change: its ID, type, status and front matter (a document, or a version of it in history). */
export interface ProofRecord {
  id?: string;
  type?: { key: string };
  status?: string;
  data?: Readonly<Record<string, unknown>> | null;
}

/** One model an exemption may rest on (a pre-approved change model), as its listing document gives it. */
export interface ExemptionModelEntry extends ModelStanding {
  id: string;
  /** The document that lists it, and the entry's index in its list field. */
  doc: SmsDocument;
  index: number;
  provenBy?: string;
  /** A later entry with the same ID: the first one counts. */
  duplicate?: boolean;
}

/** Each entry of every model list, in document order, duplicates included (for the rule that reports them). */
export function modelEntries(t: WorkType, documents: readonly SmsDocument[]): ExemptionModelEntry[] {
  const m = t.exemption_model;
  if (!m) return [];
  const out: ExemptionModelEntry[] = [];
  const seen = new Set<string>();
  const proof = proofLookup(t, documents);
  for (const doc of documents) {
    if (doc.type?.key !== m.listed_in.type || !doc.data) continue;
    // Whether the listing was approved when a change relied on it is history's to say (see
    // modelsAtEvents): a revision in progress leaves the working tree's list a draft.
    for (const { id, entry, index } of listedModels(doc.data, m.listed_in.field)) {
      out.push({
        id,
        doc,
        index,
        provenBy: ownString(entry, 'proven_by'),
        duplicate: seen.has(id) || undefined,
        ...modelStanding(t, entry, proof),
      });
      seen.add(id);
    }
  }
  return out;
}

/** The entries of a model list field that name an ID, with their index in the list (duplicates included). */
export function listedModels(
  data: Readonly<Record<string, unknown>> | null | undefined,
  field: string,
): { id: string; entry: Record<string, unknown>; index: number }[] {
  const list = own(data, field);
  if (!Array.isArray(list)) return [];
  const out: { id: string; entry: Record<string, unknown>; index: number }[] = [];
  list.forEach((raw: unknown, index) => {
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return;
    const entry = raw as Record<string, unknown>;
    const id = ownString(entry, 'id');
    if (id !== undefined) out.push({ id, entry, index });
  });
  return out;
}

/** A lookup of the documents of the exempt type by ID (the changes that may prove a model). */
export function proofLookup(t: WorkType, documents: readonly SmsDocument[]): (id: string) => SmsDocument | undefined {
  const proofs = new Map<string, SmsDocument>();
  for (const d of documents) if (d.type?.key === t.key && d.id && !proofs.has(d.id)) proofs.set(d.id, d);
  return (id) => proofs.get(id);
}

/** Whether one entry of a model list counts (proven, a real `since`), and since when. */
export function modelStanding(
  t: WorkType,
  entry: Readonly<Record<string, unknown>>,
  proof: (id: string) => ProofRecord | undefined,
): ModelStanding {
  const provenBy = ownString(entry, 'proven_by');
  const since = parseDate(ownString(entry, 'since'));
  const why = unproven(t, provenBy === undefined ? undefined : proof(provenBy), provenBy, since, own(entry, 'since'));
  return { ...(since !== undefined ? { since } : {}), ...(why !== undefined ? { unproven: why } : {}) };
}

/** The models of every type that has them, first entry of each ID. */
export function exemptionModels(types: readonly WorkType[], documents: readonly SmsDocument[]): ExemptionModels {
  const out = new Map<string, Map<string, ExemptionModelEntry>>();
  for (const t of types) {
    if (!t.exemption_model) continue;
    const byId = new Map<string, ExemptionModelEntry>();
    for (const e of modelEntries(t, documents)) if (!e.duplicate) byId.set(e.id, e);
    out.set(t.key, byId);
  }
  return out;
}

/** Why the document a model names does not prove it (undefined: it does). */
function unproven(
  t: WorkType,
  proof: ProofRecord | undefined,
  provenBy: string | undefined,
  since: string | undefined,
  sinceGiven: unknown,
): string | undefined {
  const { statuses, where, done } = t.exemption_model!.proof;
  if (provenBy === undefined) return 'it names no change that proved it (proven_by)';
  // A since that is no day agrees the model on no day (never on every day).
  if (sinceGiven !== undefined && since === undefined)
    return `its since (${JSON.stringify(sinceGiven) ?? 'none'}) is not a date (YYYY-MM-DD)`;
  if (!proof?.data) return `there is no ${t.key} ${provenBy}`;
  if (!proof.status || !statuses.includes(proof.status))
    return `${provenBy} is ${proof.status ? `"${proof.status}"` : 'in no status'}, not through the whole process (${statuses.join(' or ')})`;
  for (const [key, values] of Object.entries(where)) {
    const v = ownString(proof.data, key);
    if (v === undefined || !values.includes(v))
      return `${provenBy} has ${key} ${v === undefined ? 'not set' : `"${v}"`}, where a proof needs ${values.join(' or ')}`;
  }
  const ended = parseDate(ownString(proof.data, done));
  if (ended === undefined) return `${provenBy} records no ${done}`;
  if (since !== undefined && ended > since)
    return `${provenBy} was only done on ${ended} (${done}), after the model was agreed (since ${since})`;
  return undefined;
}
