import type { DocState } from '../history/extract.js';
import { assessEvent, commitDay, eventsByCommit, type CommitLink, type DocEvent } from '../history/timeline.js';
import { isApproval, type ApprovalAssessment, type ExemptionModels, type ModelStanding } from '../model/policy.js';
import { listedModels, modelStanding, type ProofRecord } from '../repo/models.js';
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
    : `commit ${e.commit.sha.slice(0, 7)} by ${e.commit.authorName} <${e.commit.authorEmail}> on ${commitDay(e.commit)}`;
}

/** The approval fields (approved_by, approved_on, a countersignature) the change sets to another value. */
export function changedApprovalFields(t: WorkType, e: Pick<DocEvent, 'before' | 'after'>): string[] {
  return approvalFields(t).filter((f) => e.before?.fields[f] !== e.after?.fields[f]);
}

/** Points a history finding at the document as it is now (by id), or at its last known path. */
export function eventDoc(ctx: RuleContext, e: DocEvent): Pick<FindingInput, 'doc' | 'file' | 'docId' | 'commit'> {
  const doc = ctx.byId.get(e.id)?.[0];
  const commit = uncommitted(e) ? {} : { commit: e.commit.sha };
  return doc ? { doc, docId: e.id, ...commit } : { file: e.path, docId: e.id, ...commit };
}

/** What history proves about the approval or decision in an event (policy.assessApproval with the rule context's settings). */
export function assess(ctx: RuleContext, e: DocEvent, t: WorkType): ApprovalAssessment {
  return assessEvent(e, t, ctx.config.history);
}

/** A proof only of the type it must be (a change request proves a change-request model). */
const typed = (p: ProofRecord | undefined, t: WorkType): ProofRecord | undefined => (p?.type?.key === t.key ? p : undefined);

/**
 * The models an approval in history could rest on, for each event: the entries its listing (the
 * change procedure) had in an approved version committed before the approving commit, each as the
 * business agreed it: an entry added or changed (title, proving change, since) counts only from a
 * version approved by one of `agreed_by`, not by the Control Manager alone. A model listed later,
 * in the approving commit itself, or only in a draft does not make an earlier approval exempt; one
 * retired since still covers what was approved under it. Before the first change of the listing in
 * the range read (`--base`), its list as it stood then is taken as agreed: who agreed it lies
 * outside the range. `whole` says the events are the whole history: a listing none of them has was
 * never committed, and agrees nothing. Called without an event, the result is what HEAD's line
 * agreed: what the next commit will be judged by. A model's proof (the change it names) is read
 * as it stood on the same line of history: corrected since, it does not undo an earlier approval.
 */
export function modelsAtEvents(
  ctx: Pick<RuleContext, 'config' | 'documents' | 'models'>,
  events: readonly DocEvent[],
  graph?: readonly CommitLink[],
  whole = false,
): (e?: DocEvent) => ExemptionModels {
  interface Listing {
    exempt: WorkType;
    type: WorkType;
    field: string;
    agreedBy: readonly string[];
  }
  const listings = new Map<string, Listing>();
  for (const exempt of ctx.config.types) {
    const m = exempt.exemption_model;
    const type = m && ctx.config.typeByKey.get(m.listed_in.type);
    if (m && type) listings.set(type.key, { exempt, type, field: m.listed_in.field, agreedBy: m.listed_in.agreed_by });
  }
  if (listings.size === 0) return () => ctx.models;
  // Validation and the audit report ask this of the same history in one run: read it once.
  const known = modelsRead.get(events);
  if (known && known.config === ctx.config && known.documents === ctx.documents && known.graph === graph && known.whole === whole)
    return known.at;
  // The first entry of each ID counts, as in the working tree (see modelEntries).
  const entries = (l: Listing, data: Readonly<Record<string, unknown>> | undefined): Map<string, Record<string, unknown>> => {
    const out = new Map<string, Record<string, unknown>>();
    for (const { id, entry } of listedModels(data, l.field)) if (!out.has(id)) out.set(id, entry);
    return out;
  };
  // Per listing document, its agreed entries by model ID; before anything in the range, its list as it stood.
  type Agreed = ReadonlyMap<string, { listing: Listing; models: ReadonlyMap<string, Record<string, unknown>> }>;
  const initial = new Map<string, { listing: Listing; models: ReadonlyMap<string, Record<string, unknown>> }>();
  const seen = new Set<string>();
  for (const e of events) {
    const l = listings.get(e.before?.type ?? e.after?.type ?? '');
    if (!l || seen.has(e.id)) continue;
    seen.add(e.id);
    if (e.before) initial.set(e.id, { listing: l, models: entries(l, e.before.data) });
  }
  for (const d of whole ? [] : ctx.documents) {
    const l = d.type && listings.get(d.type.key);
    if (l && d.id && !seen.has(d.id)) initial.set(d.id, { listing: l, models: entries(l, d.data ?? undefined) });
  }
  // A listing's new version: a draft leaves the last approved version's entries agreed; an
  // approved one keeps those it still lists as they were, and adds or changes entries only when
  // one of the business approved it. Copy on write: a state is shared by every commit it holds for.
  const settle = (state: Agreed, p: DocEvent): Agreed => {
    const l = listings.get(p.after?.type ?? p.before?.type ?? '')!;
    if (p.after && (!p.after.status || !l.type.approving.includes(p.after.status))) return state;
    const next = new Map(state);
    if (!p.after) {
      next.delete(p.id);
      return next;
    }
    const before = state.get(p.id)?.models ?? new Map<string, Record<string, unknown>>();
    const byBusiness =
      isApproval(l.type, p.before, p.after) &&
      assessEvent(p, l.type, ctx.config.history).people.some((who) => who.roles.some((r) => l.agreedBy.includes(r)));
    const models = new Map<string, Record<string, unknown>>();
    for (const [id, entry] of entries(l, p.after.data)) {
      const was = before.get(id);
      if (byBusiness) models.set(id, entry);
      else if (was && JSON.stringify(was) === JSON.stringify(entry)) models.set(id, was);
    }
    next.set(p.id, { listing: l, models });
    return next;
  };
  // Where two lines of history meet, what either agreed stands (the first parent's entry where both have one).
  const unionAgreed = (states: readonly Agreed[]): Agreed => {
    const out = new Map(states[0]);
    for (const other of states.slice(1)) {
      if (other === states[0]) continue;
      for (const [id, v] of other) {
        const mine = out.get(id);
        out.set(id, mine ? { listing: mine.listing, models: new Map([...v.models, ...mine.models]) } : v);
      }
    }
    return out;
  };
  // The changes a model names as its proof, as they stood on each line of history: an approval is
  // judged by its proof as it was then, not as edited since. Before anything in the range, as they stand.
  const provers = new Set<string>();
  const listingData = [...events.flatMap((e) => [e.before, e.after]), ...ctx.documents];
  for (const d of listingData) {
    const l = d?.type === undefined ? undefined : listings.get(typeof d.type === 'string' ? d.type : d.type.key);
    for (const entry of l ? entries(l, d!.data ?? undefined).values() : []) {
      const id = entry.proven_by;
      if (typeof id === 'string') provers.add(id);
    }
  }
  const asProof = (s: DocState): ProofRecord => ({
    id: s.id,
    type: s.type === undefined ? undefined : { key: s.type },
    status: s.status,
    data: s.fields,
  });
  const initialProofs = new Map<string, ProofRecord>();
  const provenSeen = new Set<string>();
  for (const e of events) {
    if (!provers.has(e.id) || provenSeen.has(e.id)) continue;
    provenSeen.add(e.id);
    if (e.before) initialProofs.set(e.id, asProof(e.before));
  }
  for (const d of whole ? [] : ctx.documents)
    if (d.id && provers.has(d.id) && !provenSeen.has(d.id) && !initialProofs.has(d.id)) initialProofs.set(d.id, d);
  interface State {
    agreed: Agreed;
    proofs: ReadonlyMap<string, ProofRecord>;
  }
  const union = (states: readonly State[]): State => {
    const proofs = new Map<string, ProofRecord>();
    for (const st of [...states].reverse()) for (const [id, p] of st.proofs) proofs.set(id, p);
    return { agreed: unionAgreed(states.map((st) => st.agreed)), proofs };
  };
  const views = new WeakMap<State, ExemptionModels>();
  const viewOf = (state: State): ExemptionModels => {
    let view = views.get(state);
    if (view) return view;
    const out = new Map<string, Map<string, ModelStanding>>();
    const proof = (id: string): ProofRecord | undefined => state.proofs.get(id);
    for (const { listing, models } of state.agreed.values()) {
      const byId = out.get(listing.exempt.key) ?? new Map<string, ModelStanding>();
      for (const [id, entry] of models)
        if (!byId.has(id))
          byId.set(
            id,
            modelStanding(listing.exempt, entry, (p) => typed(proof(p), listing.exempt)),
          );
      out.set(listing.exempt.key, byId);
    }
    views.set(state, (view = out));
    return view;
  };
  // Without the graph, the commits follow one another in the order of the events.
  const { byCommit, ordered } = eventsByCommit(events);
  const linear: CommitLink[] = ordered.map((c, i) => ({ sha: c.sha, parents: i ? [ordered[i - 1]!.sha] : [] }));
  // Each commit is judged by what was agreed on its own parents' lines, before it: a listing's new
  // version counts from its children on, never for an approval in its own commit.
  const at = new Map<DocEvent, ExemptionModels>();
  const after = new Map<string, State>();
  const start: State = { agreed: initial, proofs: initialProofs };
  let last: State = start;
  for (const c of graph ?? linear) {
    const parents = c.parents.map((p) => after.get(p) ?? start);
    const before = parents.length === 0 ? start : parents.length === 1 ? parents[0]! : union(parents);
    let state = before;
    for (const e of byCommit.get(c.sha) ?? []) {
      at.set(e, viewOf(before));
      if (e.merged) continue;
      const agreed = listings.has(e.after?.type ?? e.before?.type ?? '') ? settle(state.agreed, e) : state.agreed;
      if (agreed !== state.agreed) state = { ...state, agreed };
      if (provers.has(e.id)) {
        const proofs = new Map(state.proofs);
        if (e.after) proofs.set(e.id, asProof(e.after));
        else proofs.delete(e.id);
        state = { ...state, proofs };
      }
    }
    after.set(c.sha, state);
    last = state;
  }
  // Changes not in a commit of the graph (not committed yet) are judged by what HEAD's line agreed.
  const answer = (e?: DocEvent): ExemptionModels => (e && at.get(e)) ?? viewOf(last);
  modelsRead.set(events, { config: ctx.config, documents: ctx.documents, graph, whole, at: answer });
  return answer;
}

/** The last answer of modelsAtEvents for a list of events, and what it was asked with. */
const modelsRead = new WeakMap<
  readonly DocEvent[],
  {
    config: RuleContext['config'];
    documents: RuleContext['documents'];
    graph: readonly CommitLink[] | undefined;
    whole: boolean;
    at: (e?: DocEvent) => ExemptionModels;
  }
>();
