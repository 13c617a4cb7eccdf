import { nameKey, RolesIndex, samePerson, type Person } from './roles.js';
import type { RoleCode, WorkType } from './types.js';
import { aType } from '../strings.js';
import { parseDate, parseInstant } from '../dates.js';

/**
 * Who may do what, in one place. Static rules, history rules, `sms set-status` and the reports all
 * ask these pure predicates, so they cannot disagree. Type-specific meaning (which field names the
 * requester, which values exempt a document) comes from the type model, not from code.
 */

/** The policy settings of sms.config.yaml (`history:`). */
export interface PolicySettings {
  attribution: readonly ('author' | 'committer' | 'trailer')[];
  /** Committers whose Approved-by trailers are trusted (a forge's merge identity). */
  trustedCommitters: readonly string[];
  requireSigned: 'none' | 'approvals' | 'all';
  requesterMayApprove: boolean;
  /** The first approval of the roles document may come from someone it names as SM or MGT. */
  rolesBootstrap: boolean;
}

const SIGNED_RANK = { none: 0, approvals: 1, all: 2 } as const;

/**
 * The stricter of two versions of the settings: what either would refuse, the other refuses too.
 * A decision committed now is judged in CI by the settings committed, and by an uncommitted edit
 * of them once that is committed: only what both allow is sure to count.
 */
export function stricterSettings(a: PolicySettings, b: PolicySettings): PolicySettings {
  return {
    attribution: a.attribution.filter((x) => b.attribution.includes(x)),
    trustedCommitters: a.trustedCommitters.filter((t) => b.trustedCommitters.some((u) => sameIdentity(t, u))),
    requireSigned: SIGNED_RANK[a.requireSigned] >= SIGNED_RANK[b.requireSigned] ? a.requireSigned : b.requireSigned,
    requesterMayApprove: a.requesterMayApprove && b.requesterMayApprove,
    rolesBootstrap: a.rolesBootstrap && b.rolesBootstrap,
  };
}

/** One version of a document, as far as the policy needs it. */
export interface VersionFacts {
  status?: string;
  /** Fingerprint of the content without lifecycle bookkeeping. */
  contentHash?: string;
  /** The front-matter fields the policy looks at (approval and countersignature fields among them). */
  fields?: Readonly<Record<string, string>>;
}

/**
 * Whether a version says something new that a repeated approval ("updated" again) approves: its
 * content, or the other party's signature on an agreement (a countersignature that came after the
 * approval goes in with a re-approval, as approval fields change only when a document is approved).
 */
export function revised(t: WorkType, before: VersionFacts, after: VersionFacts): boolean {
  if (before.contentHash !== after.contentHash) return true;
  const cs = t.countersign;
  return Boolean(cs && [cs.field, cs.date, cs.ref].some((f) => before.fields?.[f] !== after.fields?.[f]));
}

/** Whether entering `status` is an approval (it then needs an approver with an approving role). */
export function isApprovingStatus(t: WorkType, status: string | undefined): boolean {
  return status !== undefined && t.approving.includes(status);
}

/**
 * Roles that may move a document of this type into `status` (empty: anyone with write access).
 * The Service Manager may take every decision that needs authority: the standard gives the SM
 * "decision-making authority on all activities" (ISO/IEC TR 29110-5-3, 3.34).
 */
export function rolesFor(t: WorkType, status: string): RoleCode[] {
  const roles = t.authority[status] ?? [];
  return roles.length === 0 || roles.includes('SM') ? roles : [...roles, 'SM'];
}

/**
 * The roles a person may act in when doing the work of a task: their own, and the Control
 * Manager's for a Service Manager, whom the standard allows to act as CM (ISO/IEC TR 29110-5-3, 3).
 */
export function actingRoles(roles: readonly string[]): string[] {
  return roles.includes('SM') && !roles.includes('CM') ? [...roles, 'CM'] : [...roles];
}

/** A decision needs authority: an approval, or another status the task tables reserve to a role (a rejection). */
export function needsAuthority(t: WorkType, status: string): boolean {
  return rolesFor(t, status).length > 0;
}

/**
 * Whether a change from `before` to `after` approves the document: it enters an approving status,
 * or stays in an approving status that its lifecycle lets repeat (`updated → updated`) with new
 * content, which is a re-approval of that content.
 */
export function isApproval(t: WorkType, before: VersionFacts | undefined, after: VersionFacts | undefined): boolean {
  const to = after?.status;
  if (!to || !t.approving.includes(to)) return false;
  const from = before?.status;
  if (from !== to) return true;
  return Boolean(before && after && revised(t, before, after) && (t.transitions[to] ?? []).includes(to));
}

/**
 * Whether a change takes a decision that needs authority: an approval, or a move into another
 * status the task tables reserve to a role (a rejection), a document created straight into one
 * included (a test report is born published).
 */
export function isDecision(t: WorkType, before: VersionFacts | undefined, after: VersionFacts | undefined): boolean {
  const to = after?.status;
  if (!to) return false;
  return isApproval(t, before, after) || (needsAuthority(t, to) && before?.status !== to && t.statuses.includes(to));
}

/** Whether a record in this status is finished: the status has no way out (an incident closed). */
export function isFinished(t: WorkType, status: string | undefined): boolean {
  return status !== undefined && t.statuses.includes(status) && (t.transitions[status] ?? []).length === 0;
}

/**
 * The fields a record is measured by (`sealed`) whose values differ between two versions, each
 * version's values as history keeps them (by field, strings only). Values are compared for what they
 * say: an instant written with another offset or to the millisecond is the same instant, and a
 * list in another order holds the same items.
 */
export function sealedChanges(
  t: WorkType,
  before: Readonly<Record<string, readonly string[]>> | undefined,
  after: Readonly<Record<string, readonly string[]>> | undefined,
): string[] {
  const meaning = (vs: readonly string[]): string =>
    JSON.stringify(
      vs
        .map((v) => {
          const instant = parseInstant(v);
          return instant !== undefined ? `@${instant}` : v;
        })
        .sort(),
    );
  // The same strings in the same order say the same thing: most versions leave these fields alone.
  const same = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((v, i) => v === b[i]);
  return (t.sealed ?? []).filter((f) => {
    const a = before?.[f] ?? [];
    const b = after?.[f] ?? [];
    return !same(a, b) && meaning(a) !== meaning(b);
  });
}

/** Whether a change keeps the document in an approving status but edits its content without re-approval. */
export function isEditOfApprovedContent(t: WorkType, before: VersionFacts | undefined, after: VersionFacts | undefined): boolean {
  const s = after?.status;
  if (!before || !s || s !== before.status || !t.approving.includes(s)) return false;
  return before.contentHash !== after.contentHash && !(t.transitions[s] ?? []).includes(s);
}

export type AuthorityCheck =
  { ok: true; person: Person } | { ok: false; reason: 'unknown' | 'ended' | 'role'; person?: Person; allowed: RoleCode[] };

/**
 * May the person named `who` move a document of type `t` into `status` on `day`? People who left
 * keep an `until` date so their earlier approvals still count; after it they hold no role.
 */
export function checkAuthority(
  roles: RolesIndex,
  who: string,
  t: WorkType,
  status: string,
  day: string | undefined,
  strict = false,
): AuthorityCheck {
  const allowed = rolesFor(t, status);
  const person = strict ? roles.resolveStrict(who) : roles.resolve(who);
  if (!person) return { ok: false, reason: 'unknown', allowed };
  if (person.until && (day === undefined || day > person.until)) return { ok: false, reason: 'ended', person, allowed };
  if (!roles.holdsAny(person, allowed)) return { ok: false, reason: 'role', person, allowed };
  return { ok: true, person };
}

/** One line that says why an authority check failed, for findings and refusals alike. */
export function authorityProblem(
  check: Exclude<AuthorityCheck, { ok: true }>,
  who: string,
  t: WorkType,
  status: string,
  day?: string,
): string {
  const roleList = check.allowed.join(', ');
  switch (check.reason) {
    case 'unknown':
      return `${who} is not in the roles document, so cannot hold ${roleList}`;
    case 'ended':
      return `${check.person!.name} held their roles until ${check.person!.until}, but this ${day ? `is dated ${day}` : 'has no date'}`;
    case 'role':
      return `${check.person!.name} holds ${check.person!.roles.join(', ') || 'no role'}; moving ${aType(t.key)} to "${status}" needs ${roleList}`;
  }
}

/** The value of a front-matter field as a string, or undefined. */
function field(fields: Readonly<Record<string, unknown>> | undefined, key: string): string | undefined {
  const v = fields && Object.prototype.hasOwnProperty.call(fields, key) ? fields[key] : undefined;
  return typeof v === 'string' ? v : undefined;
}

/** What the policy needs of a model an exemption rests on (see repo/models.ts for the listing). */
export interface ModelStanding {
  /** Why it does not count (no proving change that went the whole way, a since that is no date); undefined when it counts. */
  unproven?: string;
  /** The day it was agreed, when the listing gives one. */
  since?: string;
}

/** Per exempt type (its key), the models listed for it, by model ID. */
export type ExemptionModels = ReadonlyMap<string, ReadonlyMap<string, ModelStanding>>;

/** Whether the document's field values claim the exemption from the requester check (e.g. a pre-approved change). */
export function claimsExemption(t: WorkType, fields: Readonly<Record<string, unknown>> | undefined): boolean {
  for (const [key, values] of Object.entries(t.self_approval_exempt ?? {})) {
    const v = field(fields, key);
    if (v !== undefined && values.includes(v)) return true;
  }
  return false;
}

/**
 * Whether the document is exempt from the requester check: it claims the exemption and, where the
 * type wants a model behind it (a pre-approved change), names a listed model that is proven and was
 * agreed by `day`, the day of the approval (unknown: only a model with no `since` counts).
 */
export function isExemptFromSelfApproval(
  t: WorkType,
  fields: Readonly<Record<string, unknown>> | undefined,
  models: ExemptionModels,
  day: string | undefined,
): boolean {
  return claimsExemption(t, fields) && exemptionGap(t, fields, models, day) === undefined;
}

/** Why a document's claim to the exemption does not hold. */
export type ExemptionGap =
  | { kind: 'no-model'; field: string }
  | { kind: 'not-listed'; model: string }
  | { kind: 'unproven'; model: string; why: string }
  | { kind: 'before-agreed'; model: string; since: string; day?: string };

/** What keeps a document that claims the exemption from having it (undefined: nothing, or it claims none). */
export function exemptionGap(
  t: WorkType,
  fields: Readonly<Record<string, unknown>> | undefined,
  models: ExemptionModels,
  day: string | undefined,
): ExemptionGap | undefined {
  if (!t.exemption_model || !claimsExemption(t, fields)) return undefined;
  const id = field(fields, t.exemption_model.field);
  if (id === undefined) return { kind: 'no-model', field: t.exemption_model.field };
  const model = models.get(t.key)?.get(id);
  if (!model) return { kind: 'not-listed', model: id };
  if (model.unproven !== undefined) return { kind: 'unproven', model: id, why: model.unproven };
  if (model.since !== undefined && (day === undefined || day < model.since))
    return { kind: 'before-agreed', model: id, since: model.since, day };
  return undefined;
}

/** An exemption gap in words, after "not exempt:". */
export function exemptionGapText(gap: ExemptionGap): string {
  switch (gap.kind) {
    case 'no-model':
      return `it names no model (${gap.field})`;
    case 'not-listed':
      return `model ${gap.model} is not listed`;
    case 'unproven':
      return `model ${gap.model} does not count: ${gap.why}`;
    case 'before-agreed':
      return `${gap.day ? `it was approved on ${gap.day}` : 'it has no approval day'}, and model ${gap.model} was agreed since ${gap.since}`;
  }
}

/**
 * Whether an approval also takes the document out of its exemption (a pre-approved change made a
 * normal one, or moved to a model that does not count, after its first approval): the requester
 * check its first approval was spared is due at this one.
 */
export function leavesExemption(
  t: WorkType,
  from: string | undefined,
  before: Readonly<Record<string, unknown>> | undefined,
  after: Readonly<Record<string, unknown>> | undefined,
  exemption: { models: ExemptionModels; day: string | undefined },
): boolean {
  // Leaving it includes moving to a model that does not count (one the business never agreed).
  const exempt = (fields: Readonly<Record<string, unknown>> | undefined): boolean =>
    isExemptFromSelfApproval(t, fields, exemption.models, exemption.day);
  return from !== undefined && t.approving.includes(from) && exempt(before) && !exempt(after);
}

/**
 * Whether the requester check applies to a move into `to`: the first approval of a type that names
 * a requester. Later decisions (an approval to deploy after testing) are someone else's concern.
 * With `from` unknown (a document as it is now) the first approving status stands for it.
 */
export function selfApprovalApplies(t: WorkType, to: string | undefined, from?: string): boolean {
  if (!t.requester || !to || !t.approving.includes(to)) return false;
  return from === undefined ? to === t.approving[0] : !t.approving.includes(from);
}

/**
 * Whether `approver` approves their own request: they are the person in the type's requester
 * field or, when the document names no requester the roles document lists, whoever drafted it. Off with
 * `history.requester_may_approve: true`; pre-approved changes and other exempt values never count.
 */
export function isSelfApproval(
  roles: RolesIndex,
  t: WorkType,
  fields: Readonly<Record<string, unknown>> | undefined,
  approver: string,
  settings: Pick<PolicySettings, 'requesterMayApprove'>,
  exemption: { models: ExemptionModels; day: string | undefined },
  drafter?: string,
): boolean {
  if (settings.requesterMayApprove || !t.requester || isExemptFromSelfApproval(t, fields, exemption.models, exemption.day)) return false;
  const requester = field(fields, t.requester);
  // The drafter counts only when no requester the roles document lists is named: a Control Manager
  // who writes up someone else's verbal request (as the standard expects) may still decide on it,
  // but naming as requester an address no one holds (`ben+rfc@…`) does not hide who drafted it.
  if (requester && samePerson(roles, requester, approver)) return true;
  if (requester && roles.resolve(requester)) return false;
  return drafter !== undefined && samePerson(roles, drafter, approver);
}

/** The identities of a commit, and its signature when it was verified by git. */
export interface CommitIdentities {
  authorName: string;
  authorEmail: string;
  committerName: string;
  committerEmail: string;
  approvedBy: readonly string[];
  /** Git's verification of the commit's signature (`%G?`: G good and trusted, others not), when checked. */
  signature?: { status: string; signer: string };
  /** The `require_signed` level history holds the commit to (see signingHeldTo), where it was read. */
  signingInForce?: PolicySettings['requireSigned'];
}

/**
 * What `require_signed` asks of a commit: the setting, but no more than history holds the commit
 * to (HistoryCommit.signingInForce, see signingHeldTo).
 */
export function signingRequired(
  commit: Pick<CommitIdentities, 'signingInForce'>,
  settings: Pick<PolicySettings, 'requireSigned'>,
): PolicySettings['requireSigned'] {
  const then = commit.signingInForce;
  return then !== undefined && SIGNED_RANK[then] < SIGNED_RANK[settings.requireSigned] ? then : settings.requireSigned;
}

/**
 * How an identity came to count (or not) as the approver:
 * - `author`, `committer`: the commit's own identities (claimed by whoever made the commit);
 * - `signature`: the signer of a signature git verified (G);
 * - `trusted-trailer`: an Approved-by trailer naming the signer of a verified signature, or one in a
 *   commit by a trusted committer;
 * - `self-asserted`: an Approved-by trailer nothing vouches for: it never counts.
 */
export type Attribution = 'author' | 'committer' | 'signature' | 'trusted-trailer' | 'self-asserted';

export interface EvidenceRef {
  how: Attribution;
  ref: string;
  /** Whether this identity may count as the approver under the settings. */
  counts: boolean;
}

function sameIdentity(a: string, b: string): boolean {
  const email = (s: string): string => (/<([^<>]+)>\s*$/.exec(s)?.[1] ?? s).trim().toLowerCase();
  return email(a) === email(b);
}

/** A `require_signed` level. */
export type Signing = PolicySettings['requireSigned'];

/**
 * Per `require_signed` level: the commits that turned it on; whether any commit asked for it; and
 * whether one asked for it with no lower level before it (a configuration that came with it).
 */
export type SigningTurnOns = Record<'approvals' | 'all', { on: string[]; asked: boolean; fromTheStart: boolean }>;

/**
 * The commits that turned a `require_signed` level on, by level: each commit whose configuration
 * asks for it while every parent's configuration asked for less. A parent with no configuration
 * at the SMS's path says nothing (the SMS may have been elsewhere), so a configuration that came
 * with the setting (or a root commit with it) turns nothing on: history then holds every commit to
 * it, whatever was turned on later. `levelOf` gives each commit's configured level (undefined: none
 * there); `candidates` must include every commit whose configuration differs from its parents'.
 */
export function signingTurnOns(
  candidates: Iterable<string>,
  levelOf: (sha: string) => Signing | undefined,
  parentsOf: (sha: string) => readonly string[],
): SigningTurnOns {
  const level = (): { on: string[]; asked: boolean; fromTheStart: boolean } => ({ on: [], asked: false, fromTheStart: false });
  const out: SigningTurnOns = { approvals: level(), all: level() };
  for (const sha of candidates) {
    const mine = levelOf(sha);
    if (mine === undefined) continue;
    const parents = parentsOf(sha).map(levelOf);
    for (const l of ['approvals', 'all'] as const) {
      if (SIGNED_RANK[mine] < SIGNED_RANK[l]) continue;
      out[l].asked = true;
      if (parents.length === 0 || parents.some((x) => x === undefined)) out[l].fromTheStart = true;
      else if (parents.every((x) => SIGNED_RANK[x!] < SIGNED_RANK[l])) out[l].on.push(sha);
    }
  }
  return out;
}

/**
 * What history holds a commit to: a level is asked of every commit but those that were already
 * in history when it was turned on, in every commit that turned it on (ancestors of each). A commit
 * made on a branch begun earlier and merged after is not, whichever parent order the merge has; an
 * approval made while the setting was off between two turn-ons is not either. A level no commit
 * asked for is not held (the setting now caps it anyway, see signingRequired).
 */
export function signingHeldTo(sha: string, turnOns: SigningTurnOns, isAncestor: (ancestor: string, of: string) => boolean): Signing {
  for (const l of ['all', 'approvals'] as const) {
    const { on, asked, fromTheStart } = turnOns[l];
    if (asked && (fromTheStart || on.length === 0 || !on.every((t) => t !== sha && isAncestor(sha, t)))) return l;
  }
  return 'none';
}

/** Whether git verified a good, trusted signature on the commit. */
export function isSigned(commit: CommitIdentities): boolean {
  return commit.signature?.status === 'G';
}

/**
 * The identities of a commit that may count as evidence of who approved in it. With
 * `require_signed: approvals` only a verified signature counts (and a trailer naming its signer, or
 * the trailers of a commit a trusted committer signed).
 */
export function evidenceOf(
  commit: CommitIdentities,
  settings: Pick<PolicySettings, 'attribution' | 'trustedCommitters' | 'requireSigned'>,
): EvidenceRef[] {
  const out: EvidenceRef[] = [];
  const signed = isSigned(commit);
  const committer = `${commit.committerName} <${commit.committerEmail}>`;
  const signedOnly = settings.requireSigned !== undefined && signingRequired(commit, settings) !== 'none';
  // A committer is typed text: where only signatures count, the trusted committer must be the one
  // who signed, not merely named as committer in a commit someone else signed.
  const trustedCommitter =
    (settings.trustedCommitters ?? []).some((t) => sameIdentity(t, committer)) &&
    (!signedOnly || (signed && sameIdentity(committer, commit.signature!.signer)));
  for (const a of settings.attribution) {
    if (a === 'author') out.push({ how: 'author', ref: `${commit.authorName} <${commit.authorEmail}>`, counts: !signedOnly });
    if (a === 'committer') out.push({ how: 'committer', ref: committer, counts: !signedOnly });
    if (a === 'trailer') {
      for (const t of commit.approvedBy) {
        // A signature proves who signed, not whom they name: a trailer it covers counts only for
        // the signer. A trusted committer (a forge's merge identity) vouches for every trailer.
        const trusted = (signed && sameIdentity(t, commit.signature!.signer)) || trustedCommitter;
        out.push({ how: trusted ? 'trusted-trailer' : 'self-asserted', ref: t, counts: trusted });
      }
    }
  }
  if (signed && commit.signature!.signer) out.push({ how: 'signature', ref: commit.signature!.signer, counts: true });
  // A trailer naming someone the commit already counts for (`set-status --commit` names its own
  // author) asserts nothing beyond that: it is not listed as self-asserted beside them.
  return out.filter((x) => x.how !== 'self-asserted' || !out.some((y) => y.counts && sameIdentity(x.ref, y.ref)));
}

/** People who, by a commit's evidence and the roles at that time, may have approved the move into `status`. */
export function approversOf(
  roles: RolesIndex,
  t: WorkType,
  status: string,
  evidence: readonly EvidenceRef[],
  day: string | undefined,
): { people: Person[]; allowed: RoleCode[]; how: Map<Person, Attribution> } {
  const allowed = rolesFor(t, status);
  const people: Person[] = [];
  const how = new Map<Person, Attribution>();
  for (const ev of evidence) {
    if (!ev.counts) continue;
    // What a signature vouches for is the key's address: a known name beside another address is
    // someone else.
    const check = checkAuthority(roles, ev.ref, t, status, day, ev.how === 'signature' || ev.how === 'trusted-trailer');
    if (check.ok && !people.includes(check.person)) {
      people.push(check.person);
      how.set(check.person, ev.how);
    }
  }
  return { people, allowed, how };
}

/** What history proves about one approval: who, how, and whether it was the roles bootstrap. */
export interface ApprovalAssessment {
  people: Person[];
  allowed: RoleCode[];
  evidence: EvidenceRef[];
  /** How each approver was attributed. */
  how: Map<Person, Attribution>;
  /** The first approval of the roles document, judged against the roles it names itself. */
  bootstrap: boolean;
}

/**
 * Judges an approving commit against the roles in force before it (the last approved roles
 * document). The one exception is the bootstrap: while no roles document has ever been approved,
 * the roles document itself may be approved by someone it names as Service Manager or Management.
 */
export function assessApproval(
  rolesInForce: RolesIndex,
  t: WorkType,
  status: string,
  commit: CommitIdentities,
  day: string,
  settings: PolicySettings,
  doc: { data?: Record<string, unknown> },
): ApprovalAssessment {
  const evidence = evidenceOf(commit, settings);
  if (t.grants_roles && rolesInForce.people.length === 0 && settings.rolesBootstrap) {
    const own = RolesIndex.fromData(doc.data);
    const allowed: RoleCode[] = ['SM', 'MGT'];
    const people: Person[] = [];
    const how = new Map<Person, Attribution>();
    for (const ev of evidence) {
      if (!ev.counts) continue;
      const p = own.resolve(ev.ref);
      if (p && own.holdsAny(p, allowed) && !people.includes(p)) {
        people.push(p);
        how.set(p, ev.how);
      }
    }
    return { people, allowed, evidence, how, bootstrap: people.length > 0 };
  }
  const { people, allowed, how } = approversOf(rolesInForce, t, status, evidence, day);
  return { people, allowed, evidence, how, bootstrap: false };
}

/**
 * Whether `approvedBy` (the document's approved_by) names one of the approvers history found in
 * the approving commit. In the bootstrap the names resolve against the roles document approved.
 */
export function namesApprover(
  a: ApprovalAssessment,
  rolesInForce: RolesIndex,
  approvedBy: string,
  doc: { data?: Record<string, unknown> },
): boolean {
  const names = a.bootstrap ? RolesIndex.fromData(doc.data) : rolesInForce;
  return a.people.some((p) => samePerson(names, approvedBy, p.email ?? p.name));
}

const ROLE_NAMES: Record<string, string> = {
  SM: 'Service Manager',
  CM: 'Control Manager',
  IM: 'Incident Manager',
  RM: 'Relationship Manager',
  MGT: 'Management',
  PT: 'Practitioner',
  CUS: 'Customer',
  SUP: 'Supplier',
};

/** A role's full name with its code, e.g. "Control Manager (CM)". */
export function roleName(code: string): string {
  return ROLE_NAMES[code] ? `${ROLE_NAMES[code]} (${code})` : code;
}

/**
 * What one person's declared roles break of the separation of duties in the roles type's data:
 * two roles that should not be combined, or a manager role with practitioner work in its own area.
 */
export function roleConflicts(p: Person, rolesType: WorkType | undefined): string[] {
  const out: string[] = [];
  for (const [a, b] of rolesType?.role_conflicts ?? []) {
    if (p.roles.includes(a) && p.roles.includes(b)) {
      out.push(`${p.name} is both ${roleName(a)} and ${roleName(b)}; the standard says these should not be combined`);
    }
  }
  for (const [role, area] of Object.entries(rolesType?.manager_areas ?? {})) {
    if (p.roles.includes(role as RoleCode) && area && p.practitionerAreas.includes(area)) {
      out.push(`${p.name} is ${roleName(role)} and also a practitioner in the ${area} area`);
    }
  }
  return out;
}

/** A document's fields with `requester` as its requester: how a requester taken off it is judged. */
export function asRequestedBy(
  t: WorkType,
  fields: Readonly<Record<string, unknown>> | undefined,
  requester: string,
): Readonly<Record<string, unknown>> {
  return { ...fields, ...(t.requester ? { [t.requester]: requester } : {}) };
}

/**
 * The requester a change of a document takes off it where the commit's author is that requester,
 * one the roles document then in force lists: someone who asked for a change and took their name
 * off the request (before approving it) still asked for it. A requester corrected by someone else,
 * or one no entry of the roles document names (a typo), is not one.
 */
export function requesterWithdrawnBySelf(
  t: WorkType,
  e: {
    before?: { fields: Readonly<Record<string, string>> };
    after?: { fields: Readonly<Record<string, string>> };
    commit: { authorName: string; authorEmail: string };
    roles: RolesIndex;
  },
): string | undefined {
  if (t.requester === undefined) return undefined;
  const from = e.before?.fields[t.requester];
  if (from === undefined || from === e.after?.fields[t.requester] || !e.roles.resolve(from)) return undefined;
  return samePerson(e.roles, from, `${e.commit.authorName} <${e.commit.authorEmail}>`) ? from : undefined;
}

/**
 * A term's value as text in which writing it another way changes nothing: the keys of a mapping and
 * the items of a list in any order (services listed in another order are the same services).
 */
export function termValue(v: unknown): string {
  const canonical = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map((i) => JSON.stringify(canonical(i))).sort();
    if (x && typeof x === 'object')
      return Object.fromEntries(
        Object.keys(x)
          .sort()
          .map((k) => [k, canonical((x as Record<string, unknown>)[k])]),
      );
    return x ?? null;
  };
  return JSON.stringify(canonical(v));
}

type Version = Readonly<Record<string, unknown>>;

/**
 * The terms (the type's countersign.terms) that `after`, a version put in force, puts in force
 * without the other party's signature of them. `earlier` are the document's versions before it,
 * oldest first, whatever their status. Compared with:
 * - the version that first recorded the signature `after` records, where an earlier one did: a
 *   signature is of the terms it was first recorded with, so one taken off and put back, or kept
 *   from the version before, signs nothing new;
 * - else, where `after` records no signature or one dated before the last signature in force (the
 *   other party cannot have signed the new terms before it signed the old ones), the version that
 *   first recorded the latest signature, or, with none ever recorded, the last version in force.
 * Signatures are compared by who signed and when, as a reader reads them. Empty where the type has
 * no countersigned terms, nothing in them changed, or a new signature is recorded.
 */
export function unsignedTermChanges(
  t: WorkType,
  earlier: readonly (Version | undefined)[],
  after: Version | undefined,
  who: Signatory = nameKey,
): string[] {
  const cs = t.countersign;
  if (!cs?.terms || !after) return [];
  const versions = earlier.filter((v): v is Version => v !== undefined);
  const mine = countersignatureOf(t, after, who);
  if (recordsNewSignature(t, versions, after, who)) return [];
  // The terms signed: those of the version that first recorded this signature, else the latest one
  // recorded; with none ever recorded, the version last in force.
  const latest = [...versions].reverse().find((v) => countersignatureOf(t, v, who) !== undefined);
  const signature = versions.some((v) => countersignatureOf(t, v, who) === mine) ? mine : latest && countersignatureOf(t, latest, who);
  const against =
    signature !== undefined
      ? versions.find((v) => countersignatureOf(t, v, who) === signature)
      : [...versions].reverse().find((v) => versionInForce(t, v));
  if (!against) return [];
  return cs.terms.filter((k) => valueOf(against, k) !== valueOf(after, k));
}

/**
 * Whether `after` records a signature of the other party that none of `earlier` recorded, dated no
 * earlier than the last signature recorded in a version in force (see unsignedTermChanges).
 */
export function recordsNewSignature(
  t: WorkType,
  earlier: readonly (Version | undefined)[],
  after: Version,
  who: Signatory = nameKey,
): boolean {
  const cs = t.countersign;
  const mine = countersignatureOf(t, after, who);
  if (!cs || mine === undefined) return false;
  const versions = earlier.filter((v): v is Version => v !== undefined);
  if (versions.some((v) => countersignatureOf(t, v, who) === mine)) return false;
  // No earlier than the signature of the last version in force that recorded one: the terms it
  // replaces were signed then (a date mistyped in an earlier version and put right does not count).
  const lastSigned = [...versions].reverse().find((v) => versionInForce(t, v) && countersignatureOf(t, v, who) !== undefined);
  const before = lastSigned ? parseDate(ownValue(lastSigned, cs.date)) : undefined;
  const mineOn = parseDate(ownValue(after, cs.date));
  return before === undefined || (mineOn !== undefined && mineOn >= before);
}

/** A field's value as termValue writes it. */
const valueOf = (d: Readonly<Record<string, unknown>>, k: string): string => termValue(ownValue(d, k));

/** Who a signatory is: the same text for every way of naming one person (see signatoryOf). */
export type Signatory = (ref: string) => string;

/**
 * Signatories as the roles document knows them: a person listed there by name or by address is
 * one signatory however a version names them; anyone else by their text as a reader reads it.
 */
export function signatoryOf(roles: RolesIndex): Signatory {
  return (ref) => {
    const p = personAsRead(roles, ref);
    return nameKey(p ? (p.email ?? p.name) : ref);
  };
}

/**
 * The person of the roles document a reference names as a reader would read it: the name or the
 * address in any case, spacing or with invisible characters. A signatory written "sam clarke" is
 * Sam Clarke, for every check of who signed.
 */
export function personAsRead(roles: RolesIndex, ref: string): Person | undefined {
  const k = nameKey(ref);
  return roles.resolve(ref) ?? roles.people.find((x) => nameKey(x.name) === k || (x.email !== undefined && nameKey(x.email) === k));
}

/**
 * Whether an organisation and an agreement's party are one party: whatever the case, spacing and
 * punctuation, and with or without its legal form ("Bluebell Bakery" for "Bluebell Bakery GmbH") —
 * unless `parties`, the parties every agreement names (customers and suppliers), tells two apart by
 * their legal form alone ("Müller GmbH" and "Müller AG"): then the legal form must match too. Who
 * may sign or confirm for a party, and which agreement is a party's, are both asked here, so a
 * signature the rules accept is never one the reports refuse.
 */
export function sameParty(organisation: string, party: string, parties: readonly string[]): boolean {
  if (companyName(organisation, true) === companyName(party, true)) return true;
  if (companyName(organisation) !== companyName(party)) return false;
  // The legal forms the agreements give this name ("Bakery" and "Bakery GmbH" are one party).
  const forms = new Set(
    parties
      .filter((p) => companyName(p) === companyName(party) && companyName(p, true) !== companyName(p))
      .map((p) => companyName(p, true)),
  );
  return forms.size <= 1;
}

/**
 * A company's name as a reader reads it (see nameKey), without punctuation and (unless `withForm`)
 * its legal form.
 */
function companyName(name: string, withForm = false): string {
  const words = nameKey(name)
    .replace(/[.,&()'"]/g, ' ')
    .split(' ')
    .filter(Boolean);
  while (!withForm && words.length > 1 && LEGAL_FORMS.has(words.at(-1)!)) words.pop();
  return words.join(' ');
}

const LEGAL_FORMS = new Set([
  'gmbh',
  'ag',
  'kg',
  'ug',
  'ltd',
  'limited',
  'llc',
  'inc',
  'corp',
  'plc',
  'co',
  'sa',
  'sarl',
  'srl',
  'spa',
  'bv',
  'nv',
  'ab',
  'as',
  'aps',
  'oy',
  'pty',
  'lp',
  'llp',
  'ek',
]);

/**
 * The other party's signature a version records: who signed (see Signatory) and when, as one text
 * read as a reader reads it (any case, spacing or invisible character, see nameKey); undefined where
 * it names no signatory. The reference to the evidence is not part of it: rewording it signs nothing new.
 */
export function countersignatureOf(t: WorkType, d: Readonly<Record<string, unknown>>, who: Signatory = nameKey): string | undefined {
  const cs = t.countersign;
  if (!cs) return undefined;
  const signatory = ownValue(d, cs.field);
  const date = ownValue(d, cs.date);
  if (typeof signatory !== 'string' || nameKey(signatory) === '') return undefined;
  return `${who(signatory)}\0${typeof date === 'string' ? nameKey(date) : termValue(date)}`;
}

/** Whether a version, as its front matter gives its status, is in force. */
const versionInForce = (t: WorkType, v: Version): boolean => isInForce(t, typeof v.status === 'string' ? v.status : undefined);

/** A field's own value (never one inherited from Object.prototype). */
const ownValue = (d: Readonly<Record<string, unknown>>, k: string): unknown =>
  Object.prototype.hasOwnProperty.call(d, k) ? d[k] : undefined;

/** The terms the other party signs for (countersign.terms) a version gives, as one text. */
export function signedTermsOf(t: WorkType, d: Readonly<Record<string, unknown>>): string {
  return (t.countersign?.terms ?? []).map((k) => valueOf(d, k)).join('\0');
}

/** A document is in force while its status is one of its type's approving statuses. */
export function isInForce(t: WorkType | undefined, status: string | undefined): boolean {
  return Boolean(t && status && t.approving.includes(status));
}
