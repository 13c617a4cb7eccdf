import { assessEvent, type DocEvent } from '../history/timeline.js';
import { isApproval } from '../model/policy.js';
import type { ApprovalAssessment, ExemptionModels, ModelStanding } from '../model/policy.js';
import { own, records, stringValues } from '../repo/values.js';
import { approvalFields, type WorkType } from '../model/types.js';
import type { FindingInput, RuleContext } from './registry.js';

/** Whether the change is not committed yet: in the working tree, or staged for the next commit. */
export function uncommitted(e: Pick<DocEvent, 'commit'>): boolean {
  return e.commit.sha === 'WORKTREE' || e.commit.sha === 'INDEX';
}

/** How a finding names the commit it is about. */
export function commitLabel(e: Pick<DocEvent, 'commit'>): string {
  if (e.commit.sha === 'INDEX') return 'staged change';
  return e.commit.sha === 'WORKTREE'
    ? 'uncommitted change'
    : `commit ${e.commit.sha.slice(0, 7)} by ${e.commit.authorName} <${e.commit.authorEmail}> on ${e.commit.date.slice(0, 10)}`;
}

/** The approval fields (approved_by, approved_on, a countersignature) the change sets to another value. */
export function changedApprovalFields(t: WorkType, e: Pick<DocEvent, 'before' | 'after'>): string[] {
  return approvalFields(t).filter((f) => e.before?.fields[f] !== e.after?.fields[f]);
}

/** Points a history finding at the document as it is now (by id), or at its last known path. */
export function eventDoc(ctx: RuleContext, e: DocEvent): Pick<FindingInput, 'doc' | 'file' | 'docId'> {
  const doc = ctx.byId.get(e.id)?.[0];
  return doc ? { doc, docId: e.id } : { file: e.path, docId: e.id };
}

/** What history proves about the approval or decision in an event (policy.assessApproval with the rule context's settings). */
export function assess(ctx: RuleContext, e: DocEvent, t: WorkType): ApprovalAssessment {
  return assessEvent(e, t, ctx.config.history);
}

/**
 * The models an approval in history could rest on, for each event: those its listing (the change
 * procedure) named in an approved version committed before the approving commit, each agreed by
 * the business (its first listing approved by one of `agreed_by`, not by the Control Manager
 * alone). A model listed later, in the approving commit itself, or only in a draft does not make
 * an earlier approval exempt; one retired since still covers what was approved under it. Where
 * the model is still listed, its entry in the working tree says whether it is proven and since when.
 */
export function modelsAtEvents(ctx: RuleContext, events: readonly DocEvent[]): (e: DocEvent) => ExemptionModels {
  interface Listing {
    type: WorkType;
    field: string;
    path: string;
    agreedBy: readonly string[];
  }
  const listings = new Map<string, Listing>();
  for (const t of ctx.config.types) {
    const m = t.exemption_model;
    const type = m && ctx.config.typeByKey.get(m.listed_in.type);
    if (m && type)
      listings.set(type.key, { type, field: m.listed_in.field, path: `${m.listed_in.field}[].id`, agreedBy: m.listed_in.agreed_by });
  }
  if (listings.size === 0) return () => ctx.models;
  const inForce = (l: Listing, status: string | undefined): boolean => status !== undefined && l.type.approving.includes(status);
  // Per listing document, the models of its last approved version so far: before its first event in
  // the range, what it was then (that event's `before`), and without one, as it is now.
  const agreed = new Map<string, Set<string>>();
  const seen = new Set<string>();
  for (const e of events) {
    const l = listings.get(e.before?.type ?? e.after?.type ?? '');
    if (!l || seen.has(e.id)) continue;
    seen.add(e.id);
    if (e.before && inForce(l, e.before.status)) agreed.set(e.id, new Set(e.before.lists?.[l.path] ?? []));
  }
  for (const d of ctx.documents) {
    const l = d.type && listings.get(d.type.key);
    if (!l || !d.id || seen.has(d.id) || !inForce(l, d.status)) continue;
    agreed.set(d.id, new Set(records(own(d.data, l.field)).flatMap((r) => stringValues(own(r, 'id')))));
  }
  // A new version: a draft leaves the last approved one's models agreed; an approved one keeps those
  // it still lists, and adds new ones only when one of the business approved it.
  const settle = (p: DocEvent): void => {
    const l = listings.get(p.after?.type ?? p.before?.type ?? '')!;
    if (!p.after) {
      agreed.delete(p.id);
      return;
    }
    if (!inForce(l, p.after.status)) return;
    const listed = p.after.lists?.[l.path] ?? [];
    const before = agreed.get(p.id) ?? new Set<string>();
    const byBusiness =
      isApproval(l.type, p.before, p.after) &&
      assessEvent(p, l.type, ctx.config.history).people.some((who) => who.roles.some((r) => l.agreedBy.includes(r)));
    agreed.set(p.id, new Set(listed.filter((id) => byBusiness || before.has(id))));
  };
  const at = new Map<DocEvent, ExemptionModels>();
  let view: ExemptionModels | undefined;
  let commit: string | undefined;
  let pending: DocEvent[] = [];
  for (const e of events) {
    // A listing's new version counts from the next commit on: never for an approval in its own commit.
    if (e.commit.sha !== commit) {
      if (pending.length) view = undefined;
      pending.forEach(settle);
      pending = [];
      commit = e.commit.sha;
    }
    if (listings.has(e.after?.type ?? e.before?.type ?? '') && !e.merged) pending.push(e);
    view ??= viewOf(ctx.models, new Set([...agreed.values()].flatMap((ids) => [...ids])));
    at.set(e, view);
  }
  return (e) => at.get(e) ?? ctx.models;
}

/** The working tree's models narrowed to those listed then; one retired since stands with nothing against it. */
function viewOf(models: ExemptionModels, listed: ReadonlySet<string>): ExemptionModels {
  const out = new Map<string, Map<string, ModelStanding>>();
  for (const [key, byId] of models) out.set(key, new Map([...listed].map((id) => [id, byId.get(id) ?? {}])));
  return out;
}
