import path from 'node:path';
import { formatInstant } from '../dates.js';
import { forTerminal } from '../formatters/terminal.js';
import { SmsError, smsError, suggest } from '../errors.js';
import { commit, gitDirectory, gitIdentity, workTreeRoot, type Identity } from '../git/git.js';
import { verifySignatures } from '../git/history.js';
import { openConfig } from '../load.js';
import {
  assessApproval,
  authorityProblem,
  checkAuthority,
  isApprovingStatus,
  isSelfApproval,
  exemptionGap,
  exemptionGapText,
  leavesExemption,
  namesApprover,
  needsAuthority,
  selfApprovalApplies,
  stricterSettings,
  signatoryOf,
  unsignedTermChanges,
  requesterWithdrawnBySelf,
  asRequestedBy,
  type CommitIdentities,
} from '../model/policy.js';
import { RolesIndex, type Person } from '../model/roles.js';
import { isAllowedTransition, type WorkType } from '../model/types.js';
import { committedSettings, headVersion, nextCommitBasis, type CommitBasis } from '../history/read.js';
import {
  loadRepository,
  readDocument,
  readDocumentFile,
  type LoadedRepository,
  type LoadIssue,
  type SmsDocument,
} from '../repo/documents.js';
import { exemptionModels } from '../repo/models.js';
import { editFrontMatter, type FrontMatterEdit } from '../repo/edit.js';
import { ownString } from '../repo/values.js';
import { modelsAtEvents } from '../rules/history-support.js';
import { RULES, ruleById } from '../rules/index.js';
import { noLooserThan, settingFor } from '../rules/registry.js';
import type { SmsConfig } from '../repo/config.js';
import { validate } from '../validate.js';
import type { Diagnostic } from '../diagnostic.js';
import { nowStamp, today, type CliIO } from './io.js';
import { parsePerson } from './person.js';
import { holdSignals } from './signals.js';
import { replaceFile, withFileLock } from './write.js';

export interface SetStatusOptions {
  id: string;
  status: string;
  commit: boolean;
  as?: string;
}

/**
 * How a rule is configured: refuse (error), go on with a warning, or stay quiet. `set-status`
 * refuses exactly what `validate` would report as an error, so the two never disagree.
 */
function ruleLevel(config: SmsConfig, id: string): 'off' | 'warning' | 'error' {
  const rule = ruleById(id)!;
  const setting = settingFor(rule, config.rules);
  return setting === 'off' ? 'off' : setting === 'warn' ? 'warning' : setting === 'error' ? 'error' : rule.severity;
}

/**
 * Moves a document to a new status. Refuses what the lifecycle forbids and what the policy makes
 * an error; changes only the lines it must, so comments, key order and line endings stay.
 */
export async function setStatusCommand(io: CliIO, opts: SetStatusOptions): Promise<number> {
  const config = openConfig(io.cwd);
  let zone = config.timezone;
  let day = today(io, zone);
  const repository = loadRepository(config);
  const { documents, issues } = repository;
  const matches = documents.filter((d) => d.id === opts.id);
  if (matches.length === 0) throw notFound(opts.id, documents, issues);
  if (matches.length > 1) throw smsError('ID_DUPLICATE', { id: opts.id, files: matches.map((d) => d.file) });
  const doc = matches[0]!;
  const type = doc.type;
  if (!doc.data || !type) throw smsError('DOCUMENT_UNUSABLE', { file: doc.file });
  // Committed through a link, the change would be to the file it points to, which git keeps apart
  // from the document's path: the commit would prove nothing about the document (rule symlink).
  if (opts.commit && doc.linked) throw smsError('LINKED_DOCUMENT', { file: doc.file });
  const from = doc.status ?? '';
  const to = opts.status;
  if (!type.statuses.includes(to)) {
    const suggestion = suggest(to, type.statuses);
    throw smsError('NOT_A_STATUS', { status: to, type: type.key, statuses: type.statuses, ...(suggestion ? { suggestion } : {}) });
  }
  if (from === to) {
    // A lifecycle that allows "updated" → "updated" re-approves an edited document; history counts
    // it as an approval only when the content changed (policy.isApproval), so neither does this.
    const again = (type.transitions[from] ?? []).includes(to) && isApprovingStatus(type, to);
    if (!again || !(await (await import('../history/read.js')).changedSinceHead(config, doc, io.env)))
      throw smsError('ALREADY_IN_STATUS', { id: opts.id, status: to, again });
  }
  if (!isAllowedTransition(type, from, to))
    throw smsError('TRANSITION_NOT_ALLOWED', { type: type.key, from, to, allowed: type.transitions[from] ?? [] });

  // Outside a repository, or without a git identity, the commit would fail after the write: refuse
  // before writing anything.
  // --as does not help here: it names the approver, not who makes the commit.
  if (opts.commit && !(await workTreeRoot({ cwd: config.root, env: io.env })))
    throw smsError('NOT_A_REPOSITORY_TO_COMMIT', { dir: config.root });
  const me = opts.commit ? await gitIdentity({ cwd: io.cwd, env: io.env }) : undefined;
  if (opts.commit && !me) throw smsError('NO_GIT_IDENTITY_TO_COMMIT');
  const who = await actor(io, opts);
  const whoRef = `${who.name} <${who.email}>`;
  const updates: [string, string][] = [['status', to]];
  const approving = isApprovingStatus(type, to);
  const warnings: string[] = [];
  // Set when the approval was committed without a signature git verifies, where only such a signature counts.
  let unsigned: SmsError | undefined;
  // History (the roles in force, who drafted the document) is read only for a decision that needs
  // authority; for other moves plain `validate` compares with HEAD's tree, and so does this, which
  // a shallow clone can answer. A document HEAD lacks at its path may have been moved: history
  // follows it by id.
  const basis = needsAuthority(type, to) ? await nextCommitBasis(config, opts.id, io.env) : undefined;
  const atHead = basis ?? (await headVersion(config, doc.file, io.env));
  const head = atHead && !atHead.inHead && !basis ? await nextCommitBasis(config, opts.id, io.env) : atHead;
  // Judged by the settings as committed in HEAD, which CI reads, or by the working tree's where
  // they are stricter: an uncommitted edit that trusts a committer or switches a rule off does not
  // change how the commit will be judged.
  const committed = head ? await committedSettings(config, io.env) : undefined;
  // The commit will be dated, as history dates a decision, in the time zone of the configuration it
  // is judged with: HEAD's, whatever an uncommitted edit of it says; and so is a time it stamps.
  if (committed?.timezone !== undefined) {
    zone = committed.timezone;
    day = today(io, zone);
  }
  const judged: SmsConfig = committed
    ? { ...config, history: stricterSettings(config.history, committed.history), rules: noLooserThan(RULES, config.rules, committed.rules) }
    : config;
  const enforce = (rule: string, err: SmsError): void => {
    const level = ruleLevel(judged, rule);
    if (level === 'error') throw err;
    if (level === 'warning') warnings.push(err.message);
  };
  // `validate --history` judges the commit that records this change against HEAD, not the working
  // tree: a document HEAD lacks is created by it, and a decision counts only by the roles in force
  // after HEAD. Refused here, it would otherwise fail CI after the commit, with no way back short
  // of rewriting history.
  if (head && !head.inHead && !type.initial.includes(to)) {
    const initial = type.initial.map((s) => `"${s}"`).join(' or ');
    enforce('status-transition', smsError('NOT_COMMITTED_YET', { id: opts.id, file: doc.file, status: to, initial }));
  }
  if (head?.status !== undefined && head.status !== from && head.status !== to && !isAllowedTransition(type, head.status, to))
    enforce('status-transition', smsError('HEAD_TRANSITION', { id: opts.id, head: head.status, to }));
  if (needsAuthority(type, to)) {
    const rolesDoc = documents.find((d) => d.type?.grants_roles);
    // The day the approval is recorded for is the day a model behind an exemption must be agreed by.
    // The commit is judged by the models the business agreed on HEAD's line, as validate --history
    // judges it, not by the working tree's list, which may hold an entry no one has agreed yet.
    const listed = exemptionModels(config.types, documents);
    const models = basis
      ? modelsAtEvents(
          { config, documents: asCommitted(documents, basis), models: listed },
          basis.timeline.events,
          basis.timeline.graph,
          true,
        )()
      : listed;
    const exemption = { models, day };
    const roles = RolesIndex.fromData(rolesDoc?.data);
    const check = checkAuthority(roles, whoRef, type, to, day);
    const level = ruleLevel(judged, 'approval-authority');
    if (!check.ok && level === 'error') throw smsError('AUTHORITY', { text: authorityProblem(check, whoRef, type, to, day) });
    if (!check.ok && level === 'warning') warnings.push(authorityProblem(check, whoRef, type, to, day));
    const person = check.ok ? check.person : roles.resolve(whoRef);
    // A self-approval, judged as the rule is set: refused, or a warning naming who asked for it.
    // Where the document claims an exemption that does not hold (a pre-approved change), why not.
    const gap = exemptionGap(type, doc.data ?? undefined, exemption.models, exemption.day);
    const notExempt = gap ? exemptionGapText(gap) : undefined;
    // Drafted: the drafter counts as requester, the document naming none or one the roles document does not list (`unlisted`).
    const selfApproval = (name: string, drafted: boolean, unlisted?: string): void => {
      const level = ruleLevel(judged, 'self-approval');
      if (level === 'error')
        throw smsError('SELF_APPROVAL', { person: name, id: opts.id, drafted, ...(unlisted ? { unlisted } : {}), notExempt });
      const which = unlisted
        ? `, which names as requester ${unlisted}, whom the roles document does not list,`
        : ', which names no requester,';
      if (level === 'warning')
        warnings.push(
          `${name} ${drafted ? 'drafted' : 'requested'} ${opts.id}${drafted ? which : ''} and approves it (self-approval${notExempt ? `; not exempt: ${notExempt}` : ''})`,
        );
    };
    let selfFlagged = false;
    if (
      selfApprovalApplies(type, to, from) &&
      isSelfApproval(roles, type, doc.data, person ? (person.email ?? person.name) : whoRef, judged.history, exemption)
    ) {
      selfFlagged = true;
      selfApproval(person?.name ?? who.name, false);
    }
    const approvedBy = person?.email ?? who.email;
    if (basis) {
      const { problem, people } = historyProblem(
        basis,
        type,
        to,
        day,
        judged,
        { id: opts.id, data: doc.data },
        {
          who,
          me,
          approvedBy: approving ? approvedBy : undefined,
          as: opts.as,
          approveRoles: rolesDoc?.id && rolesDoc.type ? `set-status ${rolesDoc.id} ${rolesDoc.type.approving[0]}` : undefined,
        },
      );
      if (problem) enforce('approval-evidence', problem);
      // The self-approval rule of history judges the approvers the commit proves, by the roles in
      // force, against the document in HEAD and as committed, with the drafter standing for the
      // requester when none is named: the same inputs here, so an approval by the person who drafted
      // an unnamed request is refused as history would report it.
      const maker = me ?? who;
      const drafter = basis.createdBy ?? (basis.inHead ? undefined : maker);
      const drafterRef = drafter ? `${drafter.name} <${drafter.email}>` : undefined;
      const selfIn = (fields: Readonly<Record<string, unknown>> | undefined): boolean =>
        fields !== undefined &&
        people.length > 0 &&
        people.every((p) => isSelfApproval(basis.roles, type, fields, p.email ?? p.name, judged.history, exemption, drafterRef));
      // Also when this approval takes the change out of the exemption its first approval had.
      const applies =
        selfApprovalApplies(type, to, basis.status) ||
        leavesExemption(type, basis.status, basis.headFields, doc.data ?? undefined, exemption);
      // Requesters who took their own name off it in an earlier commit (see requesterWithdrawnBySelf).
      const earlier = (basis.timeline.byId.get(opts.id) ?? []).flatMap((e) => requesterWithdrawnBySelf(type, e) ?? []);
      if (
        !selfFlagged &&
        applies &&
        (selfIn(doc.data) || selfIn(basis.headFields) || earlier.some((r) => selfIn(asRequestedBy(type, doc.data ?? undefined, r))))
      ) {
        const requester = type.requester !== undefined ? ownString(doc.data, type.requester) : undefined;
        const listed = requester !== undefined && basis.roles.resolve(requester) !== undefined;
        // Named and listed, the approver is that requester; else the drafter stands for one.
        selfApproval(people.map((p) => p.name).join(', '), !listed, listed ? undefined : requester);
      }
      // Changed terms put in force without the other party's signature of them: what
      // joint-approval reports of the commit that records it, until a version of the same terms
      // records the new signature (the commit this one would be, judged alone).
      const history = basis.timeline.byId.get(opts.id) ?? [];
      const versions = [history[0]?.before?.data, ...history.map((e) => e.after?.data)];
      const unsignedTerms = approving ? unsignedTermChanges(type, versions, doc.data ?? undefined, signatoryOf(basis.roles)) : [];
      if (unsignedTerms.length)
        enforce(
          'joint-approval',
          smsError('TERMS_UNSIGNED', { id: opts.id, terms: unsignedTerms.join(', '), field: type.countersign!.date }),
        );
    }
    if (approving) updates.push(['approved_by', approvedBy], ['approved_on', day]);
  }
  const stamp = type.stamps?.[to];
  if (stamp && ownString(doc.data, stamp) === undefined) updates.push([stamp, formatInstant(nowStamp(io, zone))]);

  // `validate` judges the document as it will be written, and its errors there are errors in what
  // set-status records, whether the move makes them or they were there before: an approval of a
  // document that names no requester, say, cannot be fixed afterwards without editing approved
  // content. Refused before anything is written, naming what validate would report.
  const { errors: found, guidance } = problemsAfter(config, repository, doc, { set: updates, after: 'status' }, day);
  // What validate would warn of once the move is made, and did not before (an agreement approved
  // without the other party's signatory), and the template's guidance still in a document being
  // approved: allowed, and said.
  // A rule set-status has already spoken for (judging the commit as history will) is not said twice.
  const said = (rule: string): boolean => warnings.some((w) => w.endsWith(`(${rule})`) || w.endsWith(`(rule ${rule})`));
  for (const w of guidance) if (!said(w.rule)) warnings.push(`${w.message} (rule ${w.rule})`);
  if (found.length > 0) {
    const first = found[0]!;
    // A time set-status writes itself (closed: now) that comes before another: the other one is
    // what to look at, and sms validate on the file as it is would not show it.
    const stamped = stamp && updates.some(([k]) => k === stamp) && first.rule === 'date-order' ? first.message : undefined;
    const other = stamped?.startsWith(`"${stamp}" (`) ? /is before "([a-z_]+)"/.exec(stamped)?.[1] : undefined;
    throw smsError('DOCUMENT_HAS_ERRORS', {
      id: opts.id,
      to,
      file: doc.file,
      count: found.length,
      first: `line ${first.line}: ${first.message} (rule ${first.rule})`,
      ...(other ? { stamped: { field: stamp!, other } } : {}),
    });
  }

  const abs = path.join(config.root, ...doc.file.split('/'));
  // Held while the document may be changed and not yet committed: see holdSignals.
  const { interrupt, release } = holdSignals();
  await withFileLock(abs, async () => {
    // Read again as the loader reads (a FIFO swapped in meanwhile cannot make this wait).
    const original = readDocumentFile(abs, config.maxFileSize);
    if (original !== doc.text) throw smsError('DOCUMENT_CHANGED', { file: doc.file });
    const edited = editFrontMatter(original, { set: updates, after: 'status' }, doc.file);
    replaceFile(abs, edited, io);
    // Said once the change stands: a refused commit puts the document back.
    // Statuses, names and the file name come from the repository: one line each, no control characters.
    const done = (): void =>
      void io.stdout.write(`${forTerminal(`${opts.id}: ${from} → ${to}${approving ? ` (approved by ${who.name})` : ''}`)}\n`);
    if (!opts.commit) done();
    else {
      const message = `${opts.id}: ${from} → ${to}\n\n${doc.title ?? ''}\n\nSms-Status: ${from} -> ${to}\n${approving ? `Approved-by: ${whoRef}\n` : ''}`;
      const ctx = { cwd: config.root, env: io.env };
      try {
        // One sms commit at a time in a repository: two runs staging and committing at once make
        // each other's git fail on the index lock, too late to put everything back.
        const gitDir = await gitDirectory(ctx);
        const sha = await withFileLock(
          path.join(gitDir ?? config.root, 'sms-commit'),
          () => commit({ ...ctx, message, author: me!, paths: [doc.file], signal: interrupt }),
          { waitMs: 60_000, what: 'committing in this repository', signal: interrupt },
        );
        done();
        io.stdout.write(`committed ${sha.slice(0, 7)}\n`);
        // Signing is the repository's to do (commit.gpgsign); where only a verified signature counts,
        // whether it did is known only now. The commit stands: said, with how to sign it.
        if (approving && judged.history.requireSigned !== undefined && judged.history.requireSigned !== 'none') {
          const signature = (await verifySignatures(ctx, [sha])).get(sha);
          if (signature?.status !== 'G') unsigned = smsError('COMMIT_UNSIGNED', { sha: sha.slice(0, 7), id: opts.id });
        }
      } catch (err) {
        // The commit was refused (a hook, signing): put the document back as it was; commit() has
        // put the index back.
        replaceFile(abs, original);
        io.written?.pop();
        if (err instanceof SmsError && err.code === 'INDEX_NOT_RESTORED')
          throw smsError('COMMIT_FAILED_STAGED', { file: doc.file, reason: err.message });
        // Interrupted: whatever failed (git ended by the same signal, the wait for the lock) was
        // caused by it; that the change is undone is what the user needs to know.
        if (interrupt.aborted) throw smsError('INTERRUPTED', { file: doc.file });
        // Another run's commit lock: no commit was tried, so there is nothing of git's to fix.
        if (err instanceof SmsError && err.code === 'BUSY') throw err;
        throw smsError('COMMIT_FAILED', { file: doc.file, reason: (err as Error).message });
      }
    }
  }).finally(release);
  // Left to commit by hand in someone else's name: history counts who makes the commit, not the field.
  if (approving && opts.as && !opts.commit) {
    const mine = await gitIdentity({ cwd: io.cwd, env: io.env }).catch(() => undefined);
    if (!mine || mine.email.toLowerCase() !== who.email.toLowerCase())
      warnings.push(
        `approved_by names ${who.name}: commit the change as ${who.name} (author or committer), or through a committer listed in history.trusted_committers with an Approved-by trailer; a commit by anyone else does not count as the approval (rule approval-evidence)`,
      );
  }
  for (const w of warnings) io.stderr.write(`sms: warning: ${forTerminal(w)}\n`);
  io.stdout.write(`${forTerminal(doc.file)}\n`);
  if (unsigned) {
    io.stderr.write(`sms: ${unsigned.message}\n${unsigned.hint ? `     ${unsigned.hint}\n` : ''}`);
    return 1;
  }
  // A signal that came too late to stop the commit (git was not signalled with sms): it stands.
  if (interrupt.aborted) {
    io.stderr.write('sms: interrupted after the commit was made; the change stands\n');
    return 130;
  }
  return 0;
}

/**
 * The errors `validate` (without history) would report in the document once the edit is made, and
 * its template-text finding: the move that puts a document in force is what makes that one apply.
 */
function problemsAfter(
  config: SmsConfig,
  repository: LoadedRepository,
  doc: SmsDocument,
  edit: FrontMatterEdit,
  day: string,
): { errors: Diagnostic[]; guidance: Diagnostic[] } {
  const edited = readDocument(doc.file, editFrontMatter(doc.text, edit, doc.file), config);
  const documents = repository.documents.map((d) => (d === doc ? edited : d));
  const result = validate({ config, repository: { ...repository, documents } }, { only: [doc.file], today: day });
  const warnings = result.diagnostics.filter((d) => d.severity === 'warning');
  // The document as it is now is validated only where a warning may be one it already had.
  const before = warnings.some((d) => d.rule !== 'template-text')
    ? new Set(validate({ config, repository }, { only: [doc.file], today: day }).diagnostics.map((d) => `${d.rule}\0${d.message}`))
    : new Set<string>();
  return {
    errors: result.diagnostics.filter((d) => d.severity === 'error'),
    guidance: warnings.filter((d) => d.rule === 'template-text' || !before.has(`${d.rule}\0${d.message}`)),
  };
}

async function actor(io: CliIO, opts: SetStatusOptions): Promise<Identity> {
  if (opts.as) return parsePerson(opts.as, '--as');
  const me = await gitIdentity({ cwd: io.cwd, env: io.env }).catch(() => undefined);
  if (!me) throw smsError('NO_GIT_IDENTITY');
  return me;
}

/**
 * The documents as HEAD has them, where proof is read from (the change that proved a model): each one
 * history has, with its status and fields as last committed; one never committed, or deleted since,
 * proves nothing. An uncommitted edit of the proving change does not make the model count.
 */
function asCommitted(documents: readonly SmsDocument[], basis: CommitBasis): SmsDocument[] {
  return documents.flatMap((d) => {
    const last = d.id ? basis.timeline.byId.get(d.id)?.at(-1)?.after : undefined;
    return last ? [{ ...d, status: last.status, data: { ...last.fields } }] : [];
  });
}

/**
 * Why `validate --history` would reject the commit that records this decision, judged by the
 * policy exactly as the history rule judges a commit: made by the git identity with --commit (its
 * Approved-by trailer naming the approver), else by the person deciding, who commits it by hand.
 */
function historyProblem(
  basis: CommitBasis,
  type: WorkType,
  to: string,
  day: string,
  config: SmsConfig,
  doc: { id?: string; data?: Record<string, unknown> },
  p: { who: Identity; me?: Identity; approvedBy?: string; as?: string; approveRoles?: string },
): { problem?: SmsError; people: Person[] } {
  const maker = p.me ?? p.who;
  const makerRef = `${maker.name} <${maker.email}>`;
  const signed = config.history.requireSigned !== 'none';
  const commit: CommitIdentities = {
    authorName: maker.name,
    authorEmail: maker.email,
    committerName: maker.name,
    committerEmail: maker.email,
    approvedBy: p.me && p.approvedBy ? [`${p.who.name} <${p.who.email}>`] : [],
    // Whether the commit will carry a good signature is known only once it is made; with signing
    // required, it is judged as signed by its maker, and commit-signature reports it if it is not.
    ...(signed ? { signature: { status: 'G', signer: makerRef } } : {}),
  };
  const decided = basis.rolesSince !== undefined && basis.rolesSince > day ? basis.rolesSince : day;
  const a = assessApproval(basis.roles, type, to, commit, decided, config.history, doc);
  const counted = a.people.length > 0 && (p.approvedBy === undefined || namesApprover(a, basis.roles, p.approvedBy, doc));
  return { problem: counted ? undefined : evidenceProblem(), people: a.people };

  function evidenceProblem(): SmsError {
    if (p.me && p.as) return smsError('AS_NOT_EVIDENCE', { as: `${p.who.name} <${p.who.email}>`, committer: makerRef });
    const bootstrap = basis.roles.people.length === 0;
    if (bootstrap && !type.grants_roles)
      return basis.rolesRefused
        ? smsError('ROLES_NOT_EVIDENCED', { id: doc.id ?? '', status: to })
        : smsError('NO_ROLES_IN_FORCE', { id: doc.id ?? '', status: to, approveRoles: p.approveRoles });
    // With the bootstrap off, no commit can approve the first roles document: history finds no one
    // holding a role (no roles document had been approved yet), whoever makes or signs it.
    if (bootstrap && !config.history.rolesBootstrap) return smsError('ROLES_BOOTSTRAP_OFF', { id: doc.id ?? '', status: to });
    const check = checkAuthority(bootstrap ? RolesIndex.fromData(doc.data) : basis.roles, makerRef, type, to, decided);
    if (!check.ok) return smsError('ROLE_NOT_IN_FORCE', { text: authorityProblem(check, makerRef, type, to, decided) });
    // The maker holds the role, but history's settings do not let their commit count (or the
    // approver it counts is not the one approved_by would name).
    return smsError('NOT_COUNTED', { who: makerRef, attribution: config.history.attribution.join(', ') || 'nothing' });
  }
}

/**
 * Why no document has the id: a file named after it that could not be read (its front matter does
 * not parse, a link that leads outside the repository, ...) is the likely one, and says why, as
 * validate would; else the id is simply not there.
 */
function notFound(id: string, documents: readonly SmsDocument[], issues: readonly LoadIssue[]): SmsError {
  const named = (file: string): boolean => {
    const base = file.slice(file.lastIndexOf('/') + 1);
    return base === `${id}.md` || base.startsWith(`${id}-`);
  };
  const issue = issues.find((i) => named(i.file));
  if (issue) return smsError('DOCUMENT_NOT_READ', { id, file: issue.file, reason: issue.message });
  const doc = documents.find((d) => d.id === undefined && named(d.file));
  if (doc) {
    const problem = doc.fm.issues.find((i) => i.severity === 'error');
    const reason = problem ? `line ${problem.line}: ${problem.message}` : 'its front matter has no id';
    return smsError('DOCUMENT_NOT_READ', { id, file: doc.file, reason });
  }
  return smsError('ID_NOT_FOUND', { id });
}
