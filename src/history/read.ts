import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { SmsError, smsError } from '../errors.js';
import {
  BlobReader,
  blobId,
  headBlobsHere,
  indexBlobs,
  pathCommits,
  movedFrom,
  latestCommitted,
  blobsAt,
  mergeSides,
  renamesBetween,
  streamLog,
  treeBlobs,
  verifySignatures,
  type FileChange,
  type HistoryCommit,
} from '../git/history.js';
import {
  git,
  gitDirectory,
  gitMissing,
  shallowBoundary,
  hasCommits,
  READ_CONFIG,
  repositoryState,
  verifyCommit,
  workTreeRoot,
  type GitContext,
  type RepositoryState,
} from '../git/git.js';
import { decodeDocument, isDocumentPath, mayBeStray, readDocument, strayDocument, type LoadedRepository } from '../repo/documents.js';
import { APPROVAL_FIELDS, approvalFields, rolesType, withPolicyOf, type WorkType } from '../model/types.js';
import {
  isApproval,
  isDecision,
  isEditOfApprovedContent,
  revised,
  signingHeldTo,
  signingRequired,
  signingTurnOns,
  type PolicySettings,
  type Signing,
} from '../model/policy.js';
import { RolesIndex } from '../model/roles.js';
import { CONFIG_FILE, historySettings, historySettingsOf, parseConfig, type SmsConfig } from '../repo/config.js';
import type { RuleSetting } from '../diagnostic.js';
import { toPosixRelative } from '../paths.js';
import { parseFrontMatter } from '../repo/frontmatter.js';
import { own as ownValue, valuesAtPath } from '../repo/values.js';
import { BOOKKEEPING, extractState, type DocState, type ExtractOptions } from './extract.js';
import {
  assessEvent,
  assignRoles,
  buildTimeline,
  commitDay,
  gitInstant,
  mainLine,
  renumbered,
  stampDay,
  stampDays,
  stampMerges,
  stampNotBefore,
  type DocEvent,
  type Timeline,
  type UnrecordedChange,
} from './timeline.js';
import { ancestors, followMoves, type OutsideChanges } from './moves.js';
import { parseInstant } from '../dates.js';

export interface HistoryScope {
  /** Check commits <base>..HEAD. */
  base?: string;
  /** Read history up to this commit instead of HEAD. */
  head?: string;
  /** Called now and then with the number of commits read (progress display). */
  progress?(commits: number): void;
  /** Where the repository stands, when the caller has asked git already (one process fewer). */
  state?: RepositoryState;
  /**
   * Called once git log has started, before it answers: it walks every commit first (oldest first
   * needs them all), which is time the caller can use.
   */
  logStarted?(): void;
}

export interface LoadedHistory {
  timeline: Timeline;
  /** Path prefix of the SMS root inside the git work tree ('' when they are the same). */
  prefix: string;
  /**
   * The `history:` settings that judge this history: with a base, those of sms.config.yaml at the
   * base, so a pull request cannot loosen the trust rules it is judged by.
   */
  settings: PolicySettings;
  /** The commit HEAD pointed at when the history was read; undefined before the first commit. */
  head?: string;
  /** With a base: the rule settings of sms.config.yaml at the base (see noLooserThan). */
  baseRules?: Record<string, RuleSetting>;
  /** With a base: documents the pull request changes without a commit of its own. */
  unrecorded?: UnrecordedChange[];
  /** With a base: files at HEAD the base's configuration reads as documents and the pull request's does not. */
  outOfScope?: string[];
  /** With a base that has a configuration: the types, with the lifecycles and authority the base gives them (withPolicyOf). */
  types?: WorkType[];
  /** With a base that has a configuration: the keys of the types it defines. */
  baseTypes?: string[];
  /** With a base: see approvedBeforeBase. */
  approvedAtBase?: Map<string, string>;
  /** Without a base: the time zones sms.config.yaml gave along the main line (see zonesOfMainLine). */
  zones?: ZoneChange[];
}

/** sms.config.yaml's time zone from an instant on (ms): the commit that set it, on the main line. */
export interface ZoneChange {
  at: number;
  timezone: string;
}

/** What to keep of each document version: the fields the policy and the rules look at. */
export function extractOptions(config: SmsConfig): ExtractOptions {
  // reviewed_on too: the audit names who recorded a review (the author of the commit that set it);
  // and an agreement's reporting cadence and start, which the audit holds it to as they were at
  // each time (a deleted agreement's too).
  // How a change was deployed and went, so that one deleted since is still counted as it stood.
  const fields = new Set<string>([...APPROVAL_FIELDS, 'reviewed_on', 'reporting', 'start', 'change_type', 'deployed_on', 'outcome']);
  const bookkeeping = new Set(BOOKKEEPING);
  for (const t of config.types) {
    if (t.requester) fields.add(t.requester);
    for (const f of approvalFields(t)) {
      fields.add(f);
      bookkeeping.add(f);
    }
    for (const k of Object.keys(t.self_approval_exempt ?? {})) fields.add(k);
    if (t.exemption_model) {
      fields.add(t.exemption_model.field);
      // What proves a model, so that a change as committed can be judged as proof (set-status).
      for (const k of [...Object.keys(t.exemption_model.proof.where), t.exemption_model.proof.done]) fields.add(k);
    }
  }
  // Sealed fields are followed as tracked ones are: each version's values, by field.
  const tracked = Object.fromEntries(
    config.types
      .filter((t) => t.tracked?.length || t.sealed?.length)
      .map((t) => [t.key, [...new Set([...(t.tracked ?? []), ...(t.sealed ?? [])])]]),
  );
  const dataTypes = config.types.filter((t) => t.history_data).map((t) => t.key);
  const laterSections = Object.fromEntries(config.types.filter((t) => t.later_sections?.length).map((t) => [t.key, t.later_sections!]));
  return { fields: [...fields], rolesType: rolesType(config.types)?.key, dataTypes, laterSections, bookkeeping, tracked };
}

/** The top of the work tree, HEAD's commit (undefined before the first) and whether the clone is shallow, from one git process; exit 2 outside a repository. */
async function whereRepository(ctx: GitContext, known?: RepositoryState): Promise<{ top: string; head?: string; shallow: boolean }> {
  const state = known ?? (await repositoryState(ctx));
  if (!state) throw gitMissing();
  if (!state.top) throw smsError('NOT_A_REPOSITORY', { dir: ctx.cwd });
  return { top: state.top, head: state.head, shallow: state.shallow === true };
}

/**
 * Reads the history of the SMS documents: one streamed `git log` and one `git cat-file --batch`
 * for every distinct blob, each parsed once. Never writes anything.
 */
export async function loadHistory(config: SmsConfig, scope: HistoryScope, env?: NodeJS.ProcessEnv): Promise<LoadedHistory> {
  const cwd = config.root;
  const ctx: GitContext = { cwd, env };
  const { top, head, shallow } = await whereRepository(ctx, scope.state);
  let opts = extractOptions(config);
  if (!head) {
    if (scope.base !== undefined) throw smsError('BAD_REF', { ref: scope.base });
    return { timeline: buildTimeline([], () => undefined), prefix: '', settings: config.history };
  }
  let range = [scope.head ?? 'HEAD'];
  let baseSha: string | undefined;
  if (scope.base !== undefined) {
    baseSha = await verifyCommit(ctx, scope.base);
    if (shallow) {
      const mb = await git(['merge-base', '--', baseSha, 'HEAD'], { ...ctx, okCodes: [1, 128] });
      if (mb.code !== 0) throw smsError('SHALLOW_BASE', { base: scope.base });
    }
    range = [`${baseSha}..HEAD`];
  } else if (shallow) {
    throw smsError('SHALLOW_HISTORY');
  }
  const prefix = toPosixRelative(top, cwd);
  const withPrefix = (p: string): string => (prefix ? `${prefix}/${p}` : p);
  /** A path from the top of the work tree, relative to the SMS root (only for paths under it). */
  const relative = (p: string): string => (prefix ? p.slice(prefix.length + 1) : p);
  const isDocument = (p: string): boolean => (!prefix || p.startsWith(`${prefix}/`)) && isDocumentPath(config, relative(p));

  const reader = new BlobReader(ctx);
  const states = new Map<string, Promise<DocState | undefined>>();
  const want = (blob: string | undefined): void => {
    if (blob && !states.has(blob)) {
      const state = reader.read(blob).then((b) => {
        if (!b) throw smsError('GIT_OBJECT_MISSING', { object: blob });
        return b.length <= config.maxFileSize && !b.subarray(0, 8000).includes(0) ? extractState(b.toString('utf8'), opts) : undefined;
      });
      // Awaited later, after other awaits: a failure must not count as unhandled meanwhile.
      state.catch(() => undefined);
      states.set(blob, state);
    }
  };
  const commits: HistoryCommit[] = [];
  // Markdown and configuration files changed elsewhere: where the SMS was before a move (see followMoves).
  const outside: OutsideChanges = new Map();
  const maybeMoved = (p: string): boolean => p.endsWith('.md') || p === CONFIG_FILE || p.endsWith(`/${CONFIG_FILE}`);
  try {
    // With a base, its configuration judges the pull request where the pull request could loosen
    // what judges it: read first, so that the fields its types judge by are kept from every version.
    let baseText = baseSha ? (await reader.read(`${baseSha}:${withPrefix(CONFIG_FILE)}`))?.toString('utf8') : undefined;
    let baseConfig = baseText === undefined ? undefined : configOrUndefined(baseText, config.root);
    if (baseConfig) opts = extractOptions({ ...config, types: [...withPolicyOf(config.types, baseConfig.typeByKey), ...baseConfig.types] });
    reader.batch(LOG_BATCH);
    const logged = streamLog({
      ...ctx,
      range,
      onCommit(c) {
        // One look at each path: a document (kept, relative to the SMS root), or a file of another
        // root that may be where the SMS was before a move.
        const documents: FileChange[] = [];
        const elsewhere: FileChange[] = [];
        for (const ch of c.changes) {
          if (isDocument(ch.path)) {
            documents.push(prefix ? { ...ch, path: relative(ch.path) } : ch);
            want(ch.oldBlob);
            want(ch.newBlob);
          } else if (maybeMoved(ch.path)) elsewhere.push(ch);
        }
        if (elsewhere.length) outside.set(commits.length, elsewhere);
        c.changes = documents;
        stampDay(c, config.timezone);
        commits.push(c);
        if (commits.length % 2000 === 0) scope.progress?.(commits.length);
      },
    }).finally(() => reader.endBatch());
    scope.logStarted?.();
    await logged;
    stampMerges(commits);
    // A pull request's commits are made on top of its base, which the log of base..HEAD leaves out.
    const read = new Set(commits.map((c) => c.sha));
    const under = baseSha ? [...new Set(commits.flatMap((c) => c.parents))].filter((p) => !read.has(p)) : [];
    stampNotBefore(commits, config.timezone, await latestCommitted(ctx, under));
    // A folder renamed through sms.config.yaml (its files moved with it) held documents under its
    // old name: read with today's folders alone, each would seem to appear in the move commit
    // already closed or approved.
    const earlier = await earlierFolders(reader, commits, outside, withPrefix(CONFIG_FILE), baseText, config);
    const zones = baseSha ? undefined : await zonesOfMainLine(reader, commits, outside, withPrefix(CONFIG_FILE), config);
    const underRoot = (p: string): boolean => !prefix || p.startsWith(`${prefix}/`);
    const inScope = (scopes: readonly FolderScope[], p: string): boolean =>
      underRoot(p) && scopes.some((f) => isDocumentPath(f, relative(p)));
    // Any folder that some configuration read named: where the SMS may have been before a move.
    const everEarlier = [...new Set(earlier.flat())];
    const wasDocument = (p: string): boolean => isDocument(p) || inScope(everEarlier, p);
    if (everEarlier.length) {
      for (const [index, list] of outside) {
        const kept: FileChange[] = [];
        for (const ch of list) {
          if (!inScope(earlier[index]!, ch.path)) {
            kept.push(ch);
            continue;
          }
          commits[index]!.changes.push({ ...ch, path: relative(ch.path) });
          want(ch.oldBlob);
          want(ch.newBlob);
        }
        outside.set(index, kept);
      }
    }
    const moved = followMoves(commits, outside, CONFIG_FILE, withPrefix(CONFIG_FILE), (rel) => wasDocument(withPrefix(rel)));
    for (const blob of moved.blobs) want(blob);
    // Signatures turned on later are not asked of what history held before (see stampSigning),
    // read wherever the SMS's configuration was.
    if (!baseSha && config.history.requireSigned !== 'none') {
      const paths = [withPrefix(CONFIG_FILE), ...moved.roots.map((r) => (r ? `${r}/${CONFIG_FILE}` : CONFIG_FILE))];
      await stampSigning(reader, commits, outside, paths, config.root);
    }
    // Where the SMS's root is at the base: where the pull request moved it from, if it did.
    let baseAt = withPrefix;
    if (baseSha && baseText === undefined && moved.roots.length > 0) {
      const root = moved.roots.at(-1)!;
      baseAt = (p: string): string => (root ? `${root}/${p}` : p);
      baseText = (await reader.read(`${baseSha}:${baseAt(CONFIG_FILE)}`))?.toString('utf8');
      baseConfig = baseText === undefined ? undefined : configOrUndefined(baseText, config.root);
    }
    const types = baseConfig ? withPolicyOf(config.types, baseConfig.typeByKey) : config.types;
    const judging: SmsConfig = baseConfig ? { ...config, types, typeByKey: new Map(types.map((t) => [t.key, t])) } : config;
    const stateOf = (blob: string): Promise<DocState | undefined> => {
      want(blob);
      return states.get(blob)!;
    };
    const textOf = async (blob: string): Promise<string> => {
      const b = await reader.read(blob);
      if (!b) throw smsError('GIT_OBJECT_MISSING', { object: blob });
      return b.toString('utf8');
    };
    const linksOf = (type: string | undefined): readonly string[] =>
      type !== undefined && judging.typeByKey.has(type) ? Object.keys(judging.typeByKey.get(type)!.refs) : [];
    const sealedOf = (type: string | undefined): readonly string[] =>
      (type !== undefined ? judging.typeByKey.get(type)?.sealed : undefined) ?? [];
    let initialRoles: { data: Record<string, unknown>; since?: string } | undefined;
    let settings = config.history;
    let baseRules: Record<string, RuleSetting> | undefined;
    let outOfScope: string[] = [];
    if (baseSha) {
      // The configuration at the base judges the pull request where it could loosen what judges
      // it: trust settings, rule settings, where the roles in force are kept, and (above) the
      // lifecycles and authority of its types. Where the base has no valid configuration there
      // (none yet), the defaults judge it, not what the pull request says.
      settings = (baseText !== undefined && historySettingsOf(baseText)) || historySettings(undefined);
      initialRoles = await rolesAtBase(
        ctx,
        reader,
        baseSha,
        { config: baseConfig ?? config, judging, settings, baseAt, shallow },
        { stateOf, textOf, linksOf, sealedOf },
      );
      baseRules = baseConfig?.rules ?? {};
      if (baseConfig) outOfScope = await leftOutOfScope(ctx, baseConfig, isDocument, baseAt, prefix);
    }
    await markCleanMerges(ctx, commits, { isDocument: wasDocument, relative, withPrefix, stateOf, textOf, linksOf, sealedOf });
    const resolved = new Map<string, DocState | undefined>();
    await Promise.all([...states].map(async ([blob, p]) => resolved.set(blob, await p)));
    const timeline = buildTimeline(commits, (b) => resolved.get(b), initialRoles?.data, rolesType(judging.types), initialRoles?.since);
    await attachSignatures(ctx, judging, settings, timeline);
    // With the signatures known, each roles version comes into force only by an approval that
    // holds, along each line of history.
    assignRoles(
      timeline,
      rolesType(judging.types),
      (e, t) => assessEvent(e, t, settings).people.length > 0,
      initialRoles?.data,
      initialRoles?.since,
      commits,
    );
    if (!baseSha) return { timeline, prefix, settings, head, ...(zones?.length ? { zones } : {}) };
    // The configuration too: a merge that quietly keeps an older one changes what judges the SMS.
    const checked = (p: string): boolean => wasDocument(p) || p === withPrefix(CONFIG_FILE);
    const unrecorded = await droppedByMerges(ctx, range, commits, {
      isDocument: checked,
      relative,
      withPrefix,
      stateOf,
      textOf,
      linksOf,
      sealedOf,
    });
    const approvedAtBase = await approvedBeforeBase(ctx, reader, baseSha, timeline.events, judging, opts, baseAt);
    return {
      timeline,
      prefix,
      settings,
      head,
      baseRules,
      unrecorded,
      outOfScope,
      approvedAtBase,
      ...(baseConfig ? { types, baseTypes: baseConfig.types.map((t) => t.key) } : {}),
    };
  } finally {
    reader.close();
  }
}

/**
 * The files at HEAD, by path relative to the SMS root, that the base's configuration reads as
 * documents (at the base's root, `baseAt`) and HEAD's does not: a pull request that renames a
 * document folder in sms.config.yaml, or ignores one, or moves the SMS without some of its folders,
 * takes them out of every check, for itself and for every pull request after it.
 */
async function leftOutOfScope(
  ctx: GitContext,
  base: SmsConfig,
  isDocument: (p: string) => boolean,
  baseAt: (p: string) => string,
  prefix: string,
): Promise<string[]> {
  const atHead = await blobsAt(
    ctx,
    'HEAD',
    base.documentFolders.map((f) => (f === '.' ? baseAt('') || '.' : baseAt(f))),
  );
  const top = baseAt(''); // "" or "root/"
  const out: string[] = [];
  for (const p of atHead.keys()) {
    // Relative to the SMS as it is now ("../" where the pull request moved the SMS away from it).
    if (isDocumentPath(base, p.slice(top.length)) && !isDocument(p)) out.push(path.posix.relative(prefix, p));
  }
  return out.sort();
}

/** How droppedByMerges names paths and reads document versions. */
interface MergeCheck {
  /** Whether a path from the top of the work tree names a file the check is about (a document, the configuration). */
  isDocument(p: string): boolean;
  /** A path from the top of the work tree, relative to the SMS root. */
  relative(p: string): string;
  withPrefix(p: string): string;
  stateOf(blob: string): Promise<DocState | undefined>;
  textOf(blob: string): Promise<string>;
  /** The fields of a type that name other documents (its refs): links a merge must not drop either. */
  linksOf(type: string | undefined): readonly string[];
  /** The fields a finished record of a type is measured by (its sealed fields): a merge must not drop a change of them either. */
  sealedOf(type: string | undefined): readonly string[];
}

/**
 * What the merges of a pull request dropped. Git lists a merge as changing only the paths that
 * differ from every side of it, so a merge that keeps one side's version of a document (a roles
 * document from before a role was taken away), or one side's lack of it, shows no change, and no
 * other rule sees it; nor does one that keeps it with a line of its own added. Each path the result
 * differs in from a side that had changed it since the sides diverged (its version differs from
 * every merge base's) is judged as a three-way merge judges it: the result must hold that side's
 * change (see changeKept). A document the merge took away from one path but carried, with that
 * change, to another (a renamed folder) was moved, not dropped.
 */
async function droppedByMerges(ctx: GitContext, range: string[], commits: HistoryCommit[], m: MergeCheck): Promise<UnrecordedChange[]> {
  const sides = await mergeSides(ctx, range);
  if (sides.size === 0) return [];
  const bySha = new Map(commits.map((c) => [c.sha, c]));
  const out: UnrecordedChange[] = [];
  // Asked only for a path a side has where no merge base has it: few merges, few paths.
  const renames = new Map<string, ReturnType<typeof renamesBetween>>();
  const renamed = (from: string, to: string): ReturnType<typeof renamesBetween> => {
    const key = `${from} ${to}`;
    if (!renames.has(key)) renames.set(key, renamesBetween(ctx, from, to));
    return renames.get(key)!;
  };
  for (const [sha, bySide] of sides) {
    const merge = bySha.get(sha);
    if (!merge || merge.parents.length < 2) continue;
    // Against each parent: the documents the merge's result differs from that parent in.
    const diff = merge.parents.map(
      (p) => new Map((bySide.get(p) ?? []).filter((ch) => m.isDocument(ch.path)).map((ch) => [m.relative(ch.path), ch])),
    );
    for (let b = 0; b < diff.length; b++) {
      if (diff[b]!.size === 0) continue;
      const others = merge.parents.filter((_, i) => i !== b);
      const bases = [...new Set((await Promise.all(others.map((o) => mergeBases(ctx, o, merge.parents[b]!)))).flat())];
      const paths = [...diff[b]!.keys()].map((p) => m.withPrefix(p));
      const atBases = await Promise.all(bases.map((mb) => blobsAt(ctx, mb, paths)));
      for (const [p, ch] of diff[b]!) {
        const theirs = ch.oldBlob;
        let before = atBases.map((t) => t.get(m.withPrefix(p)));
        // A path side b has and no merge base has may be a document side b renamed (a slug fixed,
        // an ID renumbered): git's merge changes it from its version at the old path, and so is it
        // judged here. Judged from nothing, a rename would keep every line the other side changed.
        if (theirs !== undefined && bases.length && before.every((v) => v === undefined))
          before = await Promise.all(bases.map(async (mb) => (await renamed(mb, merge.parents[b]!)).get(m.withPrefix(p))?.blob));
        // Side b did not change it since they diverged: the result is another side's business.
        if (bases.length ? before.includes(theirs) : theirs === undefined) continue;
        // The other sides' versions: where the result differs from one, its old blob; else the result.
        const otherVersions = diff.flatMap((d, i) => (i === b ? [] : [d.has(p) ? d.get(p)!.oldBlob : ch.newBlob]));
        const kept =
          ch.newBlob !== undefined && theirs !== undefined
            ? await changeKept(before, theirs, ch.newBlob, m, p === CONFIG_FILE, otherVersions)
            : false;
        if (kept === true) continue;
        // Kept only in lines the merge wrote itself: words cannot show the meaning was kept.
        if (kept) {
          out.push({ path: p, kind: 'resolved', merge, side: merge.parents[b]!, lines: kept });
          continue;
        }
        const kind = ch.newBlob === undefined ? 'removed' : theirs === undefined ? 'restored' : 'older';
        if (kind === 'removed') {
          // Where another side renamed the document since a merge base, git's merge carried side b's change there.
          const movedTo = new Set<string>();
          for (const o of others)
            for (const mb of bases)
              for (const [to, from] of await renamed(mb, o))
                if (from.path === m.withPrefix(p) && m.isDocument(to)) movedTo.add(m.relative(to));
          if (await carriedElsewhere(before, theirs!, diff[b]!, m, movedTo)) continue;
        }
        out.push({ path: p, kind, merge, side: merge.parents[b]! });
      }
    }
  }
  return out.sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
}

/**
 * Whether `result` holds the change one side made from a merge base's version to `theirs`, as a
 * merge keeps it:
 * - what decides (the status, the approval and other fields the policy reads, who holds which
 *   role, the documents it names, and every setting of sms.config.yaml), compared as values: every value that side set is
 *   in the result and every value it took away is gone, however the lines are written (spaces,
 *   quotes, comments), and a list item belongs to its person, not to its line;
 * - the body, line by line: every line that side added is there as often, every line it removed
 *   is gone as often (trailing spaces and blank lines left out, order not compared). A conflict
 *   resolved by hand writes a line of the merge's own (in no side's version: git's combined diff
 *   of the merge shows it). A line of that side's missing from the result may have been resolved
 *   into one: a line of the merge's own that holds at least half of its words, every word the side
 *   brought (in its lines, not in the lines it removed), and none the side took away, where it
 *   brought or took away any. Those own lines are returned: words cannot show that the meaning
 *   was kept, so such a merge is shown for review (merge-resolution), not passed in silence.
 * Other front-matter fields (a title, a version number both sides raised) are the merge's to
 * settle. Against any merge base (criss-cross merges have several); a side that added the file
 * changed it from nothing.
 */
async function changeKept(
  bases: (string | undefined)[],
  theirs: string,
  result: string,
  m: MergeCheck,
  config: boolean,
  /** The other sides' versions; without them no line counts as the merge's own. */
  others: (string | undefined)[] = [],
): Promise<boolean | string[]> {
  const version = (blob: string | undefined): Promise<Version> => versionOf(blob, m, config);
  const t = await version(theirs);
  const r = await version(result);
  const o = others.length ? await Promise.all(others.map(version)) : undefined;
  // Lines of the merge's own: more often in the result than in any side's version.
  const own = o
    ? [...r.lines]
        .filter(([line, n]) => n > Math.max(t.lines.get(line) ?? 0, ...o.map((v) => v.lines.get(line) ?? 0)))
        .map(([line]) => ({ line, words: words(line) }))
    : [];
  for (const base of bases.length ? bases : [undefined]) {
    const b = await version(base);
    // People are followed from the merge base by email, or by name where the email changed.
    const facts = (data: Record<string, unknown>): Set<string> => {
      const out = new Set<string>();
      factsOf(data, '', out, personKeys(b.data.people));
      return out;
    };
    const [tf, bf, rf] = [facts(t.data), facts(b.data), facts(r.data)];
    let kept = [...tf].every((f) => bf.has(f) || rf.has(f)) && [...bf].every((f) => tf.has(f) || !rf.has(f));
    const missing: string[] = [];
    const removed = new Set<string>();
    const added = new Set<string>();
    for (const line of kept ? new Set([...t.lines.keys(), ...b.lines.keys()]) : []) {
      const change = (t.lines.get(line) ?? 0) - (b.lines.get(line) ?? 0);
      const made = (r.lines.get(line) ?? 0) - (b.lines.get(line) ?? 0);
      if (change < 0) for (const w of words(line)) removed.add(w);
      if (change > 0) for (const w of words(line)) added.add(w);
      if (change > 0 && made < change) missing.push(line);
      else if (change < 0 && made > change) {
        kept = false;
        break;
      }
    }
    if (!kept) continue;
    if (missing.length === 0) return true;
    const takenAway = [...removed].filter((w) => !added.has(w));
    const resolvedIn = new Set<string>();
    const covered = missing.every((line) => {
      const mine = words(line);
      const brought = [...mine].filter((w) => !removed.has(w));
      // A change of order or punctuation alone brings and takes away no word: no line can be shown to hold it.
      if (brought.length === 0 && takenAway.length === 0) return false;
      const into = own.find(
        (x) =>
          brought.every((w) => x.words.has(w)) &&
          !takenAway.some((w) => x.words.has(w)) &&
          [...mine].filter((w) => x.words.has(w)).length * 2 >= mine.size,
      );
      if (into) resolvedIn.add(into.line);
      return into !== undefined;
    });
    if (covered) return [...resolvedIn];
  }
  return false;
}

/** A document's version as the merge check compares it: what decides, as values, and its body's lines, counted. */
interface Version {
  data: Record<string, unknown>;
  lines: Map<string, number>;
}

async function versionOf(blob: string | undefined, m: MergeCheck, config: boolean): Promise<Version> {
  if (blob === undefined) return { data: {}, lines: new Map() };
  const text = await m.textOf(blob);
  const fm = parseFrontMatter(config ? `---\n${text}\n---\n` : text);
  const lines = new Map<string, number>();
  if (config) return { data: fm.data ?? {}, lines };
  for (const line of fm.body.split(/\r?\n/)) if (line.trim()) lines.set(line.trimEnd(), (lines.get(line.trimEnd()) ?? 0) + 1);
  const s = await m.stateOf(blob);
  // The documents it names (a configuration item's change requests, an incident's services): a
  // set of IDs per field, so an ID one side added is kept and one it removed stays out.
  const links: Record<string, string[]> = {};
  for (const f of m.linksOf(s?.type)) {
    links[`→${f}`] = valuesAtPath(fm.data ?? {}, f).map((v) => v.value);
    // A list of entries that name documents (the schedule's changes, each with its date and
    // window): each whole entry is a value, so a reschedule one side made is not lost either.
    const list = /^([^.[\]]+)\[\]\./.exec(f)?.[1];
    const items = list !== undefined && fm.data ? ownValue(fm.data, list) : undefined;
    if (Array.isArray(items)) links[`→${list}[]`] = items.map((item) => stableJson(item));
  }
  // What a record is measured by (an incident's priority and times): a raised priority dropped by a
  // merge would lower the targets it is measured against as surely as a change made in a commit.
  // An instant written with another offset is the same instant.
  for (const f of m.sealedOf(s?.type))
    links[`=${f}`] = valuesAtPath(fm.data ?? {}, f).map((v) => {
      const ms = parseInstant(v.value);
      return ms === undefined ? v.value : new Date(ms).toISOString();
    });
  return { data: { status: s?.status, ...s?.fields, people: s?.data?.people, ...links }, lines };
}

/**
 * Marks the document changes of two-parent merges whose result is what a clean three-way merge of
 * the parents gives (`FileChange.merged`): each side's change was made, and judged, in that side's
 * commits, and the merge only put them together, so it is no decision of whoever merged. Such a
 * result must equal, line for line, the merge of both sides' changes from their one merge base
 * (overlapping or adjacent changes are a conflict, as for git), both sides must have it in the
 * result's status (each side's content approved as it stands, where that status approves), and it
 * must hold exactly the values that decide (status, approval fields, each person's roles) that
 * both sides' changes give: a line moved to another person is no clean merge, however the lines
 * align. Anything else (a line, a value or a role of the merge's own, a conflict resolved,
 * criss-cross merges with several bases) stays the merge's change, judged as any commit's. Asked only of merges that list a document as
 * changed against every parent (git's dense combined diff): one merge-base and two tree listings
 * per such merge.
 */
async function markCleanMerges(ctx: GitContext, commits: HistoryCommit[], m: MergeCheck): Promise<void> {
  for (const c of commits) {
    const changes = c.changes.filter((ch) => ch.oldBlob !== undefined && ch.newBlob !== undefined);
    if (c.parents.length !== 2 || changes.length === 0) continue;
    const bases = await mergeBases(ctx, c.parents[0]!, c.parents[1]!);
    if (bases.length !== 1) continue;
    const paths = changes.map((ch) => m.withPrefix(ch.path));
    const [atBase, atTheirs] = await Promise.all([blobsAt(ctx, bases[0]!, paths), blobsAt(ctx, c.parents[1]!, paths)]);
    for (const ch of changes) {
      const base = atBase.get(m.withPrefix(ch.path));
      const theirs = atTheirs.get(m.withPrefix(ch.path));
      if (base === undefined || theirs === undefined) continue;
      // Both sides must hold the document in the status the result has. A side still in draft
      // brings content no approval saw, and the merge that puts it under the other side's
      // approval decides that it is approved: a change request's draft edit, a role added.
      const [o, t, r] = await Promise.all([ch.oldBlob!, theirs, ch.newBlob!].map((b) => m.stateOf(b)));
      if (r?.status === undefined || o?.status !== r.status || t?.status !== r.status) continue;
      if (await cleanlyMerged(base, ch.oldBlob!, theirs, ch.newBlob!, m)) {
        ch.merged = true;
        ch.theirs = theirs;
      }
    }
  }
}

/** Whether `result` is the clean three-way merge of `ours` and `theirs` from `base` (see markCleanMerges). */
async function cleanlyMerged(base: string, ours: string, theirs: string, result: string, m: MergeCheck): Promise<boolean> {
  const [b, o, t, r] = await Promise.all([base, ours, theirs, result].map((blob) => m.textOf(blob)));
  const merged = merge3(b!.split('\n'), o!.split('\n'), t!.split('\n'));
  const lines = r!.split('\n');
  if (!merged || merged.length !== lines.length || merged.some((line, i) => line !== lines[i])) return false;
  const [vb, vo, vt, vr] = await Promise.all([base, ours, theirs, result].map((blob) => versionOf(blob, m, false)));
  const keys = personKeys(vb!.data.people);
  const facts = (v: Version): Set<string> => {
    const out = new Set<string>();
    factsOf(v.data, '', out, keys);
    return out;
  };
  const [fb, fo, ft, fr] = [facts(vb!), facts(vo!), facts(vt!), facts(vr!)];
  const expected = new Set([...fb].filter((f) => fo.has(f) && ft.has(f)));
  for (const side of [fo, ft]) for (const f of side) if (!fb.has(f)) expected.add(f);
  return expected.size === fr.size && [...fr].every((f) => expected.has(f));
}

/**
 * The three-way merge of two versions' lines from their base (diff3: the regions where base, ours
 * and theirs agree are kept; between them, the side that changed a region wins, or both where
 * they made the same change); undefined where both changed one region differently (a conflict),
 * or where the versions are too long to compare here.
 */
function merge3(base: string[], ours: string[], theirs: string[]): string[] | undefined {
  const toOurs = matches(base, ours);
  const toTheirs = matches(base, theirs);
  if (!toOurs || !toTheirs) return undefined;
  const same = (x: string[], y: string[]): boolean => x.length === y.length && x.every((line, i) => line === y[i]);
  const out: string[] = [];
  let [i, io, it] = [0, 0, 0];
  for (;;) {
    let k = i;
    while (k < base.length && (toOurs[k] === undefined || toTheirs[k] === undefined)) k++;
    const [ko, kt] = k < base.length ? [toOurs[k]!, toTheirs[k]!] : [ours.length, theirs.length];
    const [was, o, t] = [base.slice(i, k), ours.slice(io, ko), theirs.slice(it, kt)];
    if (same(o, was)) out.push(...t);
    else if (same(t, was) || same(o, t)) out.push(...o);
    else return undefined;
    if (k >= base.length) return out;
    out.push(base[k]!);
    [i, io, it] = [k + 1, ko + 1, kt + 1];
  }
}

/** For each line of `a`, the line of `b` a longest common subsequence matches it with; undefined for long versions. */
function matches(a: string[], b: string[]): (number | undefined)[] | undefined {
  const out: (number | undefined)[] = new Array<number | undefined>(a.length).fill(undefined);
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) out[pre] = pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) {
    out[a.length - 1 - suf] = b.length - 1 - suf;
    suf++;
  }
  const [n, w] = [a.length - pre - suf, b.length - pre - suf];
  // Documents are small; a quadratic table beyond this size is not worth it (the merge is then judged).
  if (n * w > 4_000_000) return undefined;
  const len = new Uint32Array((n + 1) * (w + 1));
  for (let x = n - 1; x >= 0; x--)
    for (let y = w - 1; y >= 0; y--)
      len[x * (w + 1) + y] =
        a[pre + x] === b[pre + y] ? len[(x + 1) * (w + 1) + y + 1]! + 1 : Math.max(len[(x + 1) * (w + 1) + y]!, len[x * (w + 1) + y + 1]!);
  let [x, y] = [0, 0];
  while (x < n && y < w) {
    if (a[pre + x] === b[pre + y]) out[pre + x++] = pre + y++;
    else if (len[(x + 1) * (w + 1) + y]! >= len[x * (w + 1) + y + 1]!) x++;
    else y++;
  }
  return out;
}

/** JSON with the keys of every mapping in order, so that two writings of one entry compare equal. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

/** The words of a line (letters and digits, with the dots, dashes and the like inside them: 7.2.4, 2026-12-10, RFC-0015). */
function words(line: string): Set<string> {
  return new Set(line.match(/[\p{L}\p{N}]+(?:[._@:/-][\p{L}\p{N}]+)*/gu) ?? []);
}

/** The key of an item of a list of objects: what names it (email, id, name), else its place. */
function itemKey(o: Record<string, unknown>, i: number): string {
  const key = [o.email, o.id, o.name, o.key].find((k) => typeof k === 'string') as string | undefined;
  return key ? JSON.stringify(key.toLowerCase()) : String(i);
}

/**
 * Keys for the people of a roles document, as the merge base names them: a person whose email one
 * side changed is still found by name (and one whose name changed, by email), so a role taken away
 * on one side and an email changed on the other are two changes to one person.
 */
function personKeys(basePeople: unknown): (o: Record<string, unknown>, i: number) => string {
  const byEmail = new Map<string, string>();
  const byName = new Map<string, string>();
  (Array.isArray(basePeople) ? basePeople : []).forEach((p: unknown, i: number) => {
    if (p === null || typeof p !== 'object') return;
    const o = p as Record<string, unknown>;
    const key = itemKey(o, i);
    if (typeof o.email === 'string') byEmail.set(o.email.toLowerCase(), key);
    if (typeof o.name === 'string') byName.set(o.name, key);
  });
  return (o, i) =>
    (typeof o.email === 'string' ? byEmail.get(o.email.toLowerCase()) : undefined) ??
    (typeof o.name === 'string' ? byName.get(o.name) : undefined) ??
    itemKey(o, i);
}

/**
 * A value as facts to compare across versions: `path=value` for a scalar, `path∋value` for each
 * item of a list of scalars (a set: its order and line do not matter), and the items of a list of
 * objects under the key that names them (`keyOf`), so that a role belongs to its person.
 */
function factsOf(value: unknown, path: string, out: Set<string>, keyOf: (o: Record<string, unknown>, i: number) => string = itemKey): void {
  if (value === undefined) return;
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      if (v !== null && typeof v === 'object' && !Array.isArray(v))
        factsOf(v, `${path}[${keyOf(v as Record<string, unknown>, i)}]`, out, keyOf);
      else out.add(`${path}∋${JSON.stringify(v)}`);
    });
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) factsOf(v, path ? `${path}.${k}` : k, out, keyOf);
  } else out.add(`${path}=${JSON.stringify(value)}`);
}

/**
 * Whether the merge, leaving out a document that side b had changed, put it at another path with
 * b's change in it (git carrying a change to a renamed file or folder): the same id, or a path
 * another side renamed it to (`movedTo`: a renumbering), in a version the merge holds where side b
 * had none or another.
 */
async function carriedElsewhere(
  bases: (string | undefined)[],
  theirs: string,
  againstB: Map<string, FileChange>,
  m: MergeCheck,
  movedTo: ReadonlySet<string>,
): Promise<boolean> {
  const id = (await m.stateOf(theirs))?.id;
  for (const [p, ch] of againstB) {
    if (!ch.newBlob || (!movedTo.has(p) && (!id || (await m.stateOf(ch.newBlob))?.id !== id))) continue;
    if ((await changeKept(bases, theirs, ch.newBlob, m, false)) === true) return true;
  }
  return false;
}

/** The merge bases of two commits (more than one after criss-cross merges; none without shared history). */
async function mergeBases(ctx: GitContext, a: string, b: string): Promise<string[]> {
  const r = await git(['merge-base', '--all', '--', a, b], { ...ctx, okCodes: [1] });
  return r.code === 0 ? r.stdout.split('\n').filter(Boolean).slice(0, 8) : [];
}

type FolderScope = Pick<SmsConfig, 'documentFolders' | 'ignore'>;

/**
 * Per commit (by index in `commits`), the document folders that the versions of sms.config.yaml
 * around it named and `config` does not: the version of each parent (the base's, or none, for a
 * parent outside the history read) and the one it committed. Each comes with the `ignore` of the
 * version that named it and of `config`: what was ignored then, or is now, stays out. A folder is
 * read only while a configuration in force named it: a record moved into it later has left the
 * SMS, and a file put there later is no version of a record.
 */
async function earlierFolders(
  reader: BlobReader,
  commits: readonly HistoryCommit[],
  outside: OutsideChanges,
  at: string,
  baseText: string | undefined,
  config: SmsConfig,
): Promise<FolderScope[][]> {
  const BASE = 'base';
  const changes = new Map<number, FileChange>();
  const blobs = new Set<string>();
  for (const [index, list] of outside)
    for (const ch of list)
      if (ch.path === at) {
        changes.set(index, ch);
        for (const b of [ch.oldBlob, ch.newBlob]) if (b) blobs.add(b);
      }
  const out: FolderScope[][] = commits.map(() => []);
  if (blobs.size === 0 && baseText === undefined) return out;
  const scopes = new Map<string, FolderScope | undefined>();
  const scopeOf = (text: string | undefined): FolderScope | undefined => {
    const version = text === undefined ? undefined : configOrUndefined(text, config.root);
    const folders = version?.documentFolders.filter((f) => !config.documentFolders.includes(f)) ?? [];
    return version && folders.length ? { documentFolders: folders, ignore: [...version.ignore, ...config.ignore] } : undefined;
  };
  await Promise.all([...blobs].map(async (b) => scopes.set(b, scopeOf((await reader.read(b))?.toString('utf8')))));
  if (baseText !== undefined) scopes.set(BASE, scopeOf(baseText));
  // Oldest first, as read: each commit's parents come before it where the history read has them.
  const versionAfter = new Map<string, string | undefined>();
  const initial = baseText !== undefined ? BASE : undefined;
  commits.forEach((c, index) => {
    const change = changes.get(index);
    const before = c.parents.length ? c.parents.map((p) => (versionAfter.has(p) ? versionAfter.get(p) : initial)) : [initial];
    const after = change ? change.newBlob : before[0];
    versionAfter.set(c.sha, after);
    const keys = new Set([...before, change?.oldBlob, after]);
    for (const k of keys) {
      const scope = k === undefined ? undefined : scopes.get(k);
      if (scope) out[index]!.push(scope);
    }
  });
  return out;
}

/**
 * The time zone sms.config.yaml gave along the main line (see mainLine), oldest first: one entry
 * per commit there that set another zone, from the instant it stands at (HistoryCommit.standsAt: a
 * change dated back on top of later work counts from that work, and a branch's change from its
 * merge). A version that is not valid changes nothing; no zone is UTC. Reports count a past period
 * in the zone committed by its end, so that changing `timezone` does not re-count every period
 * before the change.
 */
async function zonesOfMainLine(
  reader: BlobReader,
  commits: readonly HistoryCommit[],
  outside: OutsideChanges,
  at: string,
  config: SmsConfig,
): Promise<ZoneChange[]> {
  const index = new Map(commits.map((c, k) => [c.sha, k]));
  const zones: ZoneChange[] = [];
  for (const c of mainLine(commits)) {
    const change = outside.get(index.get(c.sha)!)?.find((ch) => ch.path === at);
    // A merge lists only what differs from every side of it: a branch's edit of the configuration
    // merged cleanly is not among its changes, so a merge's version is read from the merge itself.
    const merge = c.parents.length > 1;
    if (!merge && !change) continue;
    const bytes = merge ? await reader.read(`${c.sha}:${at}`) : change!.newBlob ? await reader.read(change!.newBlob) : undefined;
    const version = bytes === undefined ? undefined : configOrUndefined(bytes.toString('utf8'), config.root);
    if (bytes !== undefined && !version) continue;
    const timezone = version?.timezone ?? 'UTC';
    const when = gitInstant(c.standsAt ?? c.committerDate ?? c.date);
    if (when !== undefined && zones.at(-1)?.timezone !== timezone) zones.push({ at: when, timezone });
  }
  return zones;
}

/**
 * Sets on each commit the `require_signed` level history holds it to (HistoryCommit.signingInForce,
 * see signingTurnOns and signingHeldTo). Each commit's configured level is read where its
 * configuration changed (at any of `paths`, where the SMS has been: a move keeps the level it had),
 * and at a merge whose parents' levels differ; else it is its parent's. A version that is not
 * valid changes nothing.
 */
async function stampSigning(
  reader: BlobReader,
  commits: readonly HistoryCommit[],
  outside: OutsideChanges,
  paths: readonly string[],
  root: string,
): Promise<void> {
  const levels = new Map<string, Signing | undefined>();
  // Which of `paths` holds the SMS's configuration at each commit (its index; none yet: past the
  // last). Once the SMS is at a newer place, a file left at an older one is not its configuration.
  const where = new Map<string, number>();
  /** The level a version gives; `kept` where it is not valid. */
  const levelOf = (bytes: Buffer | undefined, kept: Signing | undefined): Signing | undefined => {
    if (bytes === undefined) return undefined;
    const version = configOrUndefined(bytes.toString('utf8'), root);
    return version ? version.history.requireSigned : kept;
  };
  for (const [k, c] of commits.entries()) {
    const fromParents = c.parents.map((p) => levels.get(p));
    let at = Math.min(paths.length, ...c.parents.map((p) => where.get(p) ?? paths.length));
    const changes = (outside.get(k) ?? []).filter((ch) => paths.indexOf(ch.path) >= 0 && paths.indexOf(ch.path) <= at);
    let level = fromParents[0];
    if (c.parents.length > 1 && (changes.length > 0 || new Set(fromParents).size > 1)) {
      let bytes: Buffer | undefined;
      for (const [i, path] of paths.entries()) {
        if (i > at) break;
        if ((bytes = await reader.read(`${c.sha}:${path}`))) {
          at = i;
          break;
        }
      }
      level = levelOf(bytes, level);
    } else if (changes.length > 0) {
      // A move deletes the configuration at one path and adds it at another: the one added at the
      // newest place counts.
      const added = changes.filter((ch) => ch.newBlob).sort((a, b) => paths.indexOf(a.path) - paths.indexOf(b.path))[0];
      if (added) at = paths.indexOf(added.path);
      level = levelOf(added ? await reader.read(added.newBlob!) : undefined, level);
    }
    levels.set(c.sha, level);
    where.set(c.sha, at);
  }
  const bySha = new Map(commits.map((c) => [c.sha, c]));
  const turnOns = signingTurnOns(
    levels.keys(),
    (sha) => levels.get(sha),
    (sha) => bySha.get(sha)?.parents ?? [],
  );
  // The commits already in history at each turn-on: its ancestors.
  const index = new Map(commits.map((c, k) => [c.sha, k]));
  const before = new Map<string, Set<string>>();
  for (const t of new Set([...turnOns.approvals.on, ...turnOns.all.on])) before.set(t, ancestors(commits, index.get(t)!));
  for (const c of commits) c.signingInForce = signingHeldTo(c.sha, turnOns, (a, t) => before.get(t)?.has(a) ?? false);
}

/** A configuration read from history; undefined where it is not valid (the defaults then judge). */
function configOrUndefined(text: string, root: string): SmsConfig | undefined {
  try {
    return parseConfig(text, root, true);
  } catch {
    return undefined;
  }
}

/**
 * The roles in force at the base, judged as `validate --history` judges them: each approval of the
 * roles document, in the history of its folder up to the base, by the roles in force before it,
 * signatures verified where they matter. A version that no one entitled approved (a role someone
 * gave themselves in an edit kept "updated") puts nothing in force, however it is labelled. Only
 * the folder is read (every folder a version of the configuration kept the roles in, so a move
 * of the folder is followed, and where the whole SMS was before it moved, as followMoves follows
 * it), not the whole history: one path-limited `git log`.
 */
async function rolesAtBase(
  ctx: GitContext,
  reader: BlobReader,
  baseSha: string,
  at: { config: SmsConfig; judging: SmsConfig; settings: PolicySettings; baseAt: (p: string) => string; shallow: boolean },
  m: Pick<MergeCheck, 'stateOf' | 'textOf' | 'linksOf' | 'sealedOf'>,
): Promise<{ data: Record<string, unknown>; since?: string } | undefined> {
  const t = rolesType(at.judging.types);
  if (!t) return undefined;
  const here = at.baseAt(CONFIG_FILE);
  // Where the SMS was before a move that landed before the base: its roles were approved there.
  const configs = [here, ...(await movedFrom(ctx, baseSha, here)).map((r) => (r ? `${r}/${CONFIG_FILE}` : CONFIG_FILE))];
  const within = (config: string, p: string): string => `${config.slice(0, -CONFIG_FILE.length)}${p}`;
  // The roles folders each version of the configuration named, today's root's first.
  const folders = configs.map((config) => new Set([within(config, rolesType(at.config.types)?.folder ?? t.folder)]));
  for (const [i, config] of configs.entries()) {
    for (const c of await pathCommits(ctx, baseSha, config, 200)) {
      const text = (await reader.read(`${c.sha}:${config}`))?.toString('utf8');
      const earlier = text === undefined ? undefined : configOrUndefined(text, at.config.root);
      const folder = earlier && rolesType(earlier.types)?.folder;
      if (folder) folders[i]!.add(within(config, folder));
    }
  }
  const root = at.baseAt('');
  const relative = (p: string): string => p.slice(root.length);
  const hereFolders = [...folders[0]!];
  const commits: HistoryCommit[] = [];
  const outside: OutsideChanges = new Map();
  await streamLog({
    ...ctx,
    range: [baseSha],
    paths: [...new Set(folders.flatMap((f) => [...f])), ...configs],
    onCommit: (c) => {
      const documents: FileChange[] = [];
      const elsewhere: FileChange[] = [];
      for (const ch of c.changes) {
        if (ch.path.endsWith('.md') && hereFolders.some((f) => ch.path.startsWith(`${f}/`)))
          documents.push({ ...ch, path: relative(ch.path) });
        else elsewhere.push(ch);
      }
      if (elsewhere.length) outside.set(commits.length, elsewhere);
      c.changes = documents;
      commits.push(c);
    },
  });
  followMoves(commits, outside, CONFIG_FILE, here, (rel) => rel.endsWith('.md'));
  const states = new Map<string, DocState | undefined>();
  const blobs = new Set(commits.flatMap((c) => c.changes.flatMap((ch) => [ch.oldBlob, ch.newBlob])).filter((b): b is string => !!b));
  await Promise.all([...blobs].map(async (b) => states.set(b, await m.stateOf(b))));
  // Only the roles document's versions: the folder's other documents decide nothing here.
  const isRoles = (b: string | undefined): boolean => b !== undefined && states.get(b)?.type === t.key;
  for (const c of commits) c.changes = c.changes.filter((ch) => isRoles(ch.oldBlob) || isRoles(ch.newBlob));
  // A shallow clone starts the folder's history at a commit whose parents it lacks: the roles
  // document as that commit holds it cannot be proven here and is taken as labelled (an
  // approving status puts it in force), as it was before this check; what follows is judged.
  let start: { data: Record<string, unknown>; since: string } | undefined;
  stampDays(commits, at.config.timezone);
  stampNotBefore(commits, at.config.timezone);
  if (at.shallow && commits.length > 0 && (await shallowBoundary(ctx)).has(commits[0]!.sha)) {
    const first = commits.shift()!;
    const s = first.changes.map((ch) => (ch.newBlob ? states.get(ch.newBlob) : undefined)).find((x) => x?.type === t.key);
    if (s?.data && s.status && t.approving.includes(s.status)) start = { data: s.data, since: commitDay(first) };
  }
  await markCleanMerges(ctx, commits, { ...m, isDocument: () => true, relative, withPrefix: at.baseAt });

  if (at.settings.requireSigned !== 'none') await stampSigningAtBase(ctx, reader, baseSha, commits, configs, at.config.root);
  const timeline = buildTimeline(commits, (b) => states.get(b), start?.data, t, start?.since);
  await attachSignatures(ctx, at.judging, at.settings, timeline);
  assignRoles(timeline, t, (e, type) => assessEvent(e, type, at.settings).people.length > 0, start?.data, start?.since, commits);
  return timeline.rolesData ? { data: timeline.rolesData, ...(timeline.rolesSince ? { since: timeline.rolesSince } : {}) } : undefined;
}

/**
 * stampSigning for the commits of the roles folder's history up to the base, which is read without
 * the rest of history: the commits that turned a level on are found among those that changed the
 * configuration (`git log --full-history` of its path), and whether each roles commit was already
 * in history at each of them is asked of git.
 */
async function stampSigningAtBase(
  ctx: GitContext,
  reader: BlobReader,
  baseSha: string,
  commits: readonly HistoryCommit[],
  configPaths: readonly string[],
  root: string,
): Promise<void> {
  const r = await git(
    [...READ_CONFIG, '--literal-pathspecs', 'log', '--full-history', '--format=%H %P', baseSha, '--', ...configPaths],
    ctx,
  );
  const parents = new Map<string, string[]>();
  for (const line of r.stdout.split('\n').filter(Boolean)) {
    const [sha, ...ps] = line.split(' ');
    parents.set(sha!, ps);
  }
  // Null: a version that is not valid, which changes nothing (its parent's level, as far as the log shows it).
  const raw = new Map<string, Signing | undefined | null>();
  for (const sha of new Set([...parents.keys(), ...[...parents.values()].flat()])) {
    // Where the SMS's configuration is at that commit: today's place, else where it was before the latest move.
    let text: string | undefined;
    for (const configPath of configPaths) {
      text = (await reader.read(`${sha}:${configPath}`))?.toString('utf8');
      if (text !== undefined) break;
    }
    raw.set(sha, text === undefined ? undefined : (configOrUndefined(text, root)?.history.requireSigned ?? null));
  }
  const levels = new Map<string, Signing | undefined>();
  for (const sha of raw.keys()) {
    let at: string | undefined = sha;
    for (let hops = 0; at !== undefined && raw.get(at) === null && hops < 100; hops++) at = parents.get(at)?.[0];
    const level = at === undefined ? undefined : raw.get(at);
    levels.set(sha, level === null ? undefined : level);
  }
  const turnOns = signingTurnOns(
    parents.keys(),
    (sha) => levels.get(sha),
    (sha) => parents.get(sha) ?? [],
  );
  const held = new Set<string>();
  for (const t of new Set([...turnOns.approvals.on, ...turnOns.all.on]))
    for (const c of commits) {
      const yes =
        c.sha !== t && (await git([...READ_CONFIG, 'merge-base', '--is-ancestor', c.sha, t], { ...ctx, okCodes: [1] })).code === 0;
      if (yes) held.add(`${c.sha} ${t}`);
    }
  for (const c of commits) c.signingInForce = signingHeldTo(c.sha, turnOns, (a, t) => held.has(`${a} ${t}`));
}

/**
 * Verifies signatures where they matter, and only there: the commits that approve or decide
 * (when a signature is required, or when they carry Approved-by trailers whose trust depends on
 * it), or every commit that changed a document with `require_signed: all`.
 */
async function attachSignatures(ctx: GitContext, config: SmsConfig, settings: PolicySettings, timeline: Timeline): Promise<void> {
  const wanted = new Map<string, HistoryCommit>();
  for (const e of timeline.events) {
    const required = signingRequired(e.commit, settings);
    if (required === 'all') {
      wanted.set(e.commit.sha, e.commit);
      continue;
    }
    const t = e.after?.type ? config.typeByKey.get(e.after.type) : undefined;
    if (t && isDecision(t, e.before, e.after) && (required === 'approvals' || e.commit.approvedBy.length > 0))
      wanted.set(e.commit.sha, e.commit);
  }
  if (wanted.size === 0) return;
  const checks = await verifySignatures(ctx, [...wanted.keys()]);
  for (const [sha, c] of wanted) c.signature = checks.get(sha) ?? { status: 'N', signer: '' };
}

/** How many earlier versions of one document approvedBeforeBase reads, at most. */
const APPROVAL_LOOKBACK = 100;

/**
 * With a base: for each document approved at the base whose content the pull request edits while
 * it stays approved, the content (its hash) as it was last approved before the base, found in the
 * document's history at its path there. A pull request that gives that content back (a revert of
 * an edit merged earlier) edits nothing that was approved; the content at the base may itself be
 * such an edit. A document whose approval is not found (moved since, or further back) is left out.
 */
async function approvedBeforeBase(
  ctx: GitContext,
  reader: BlobReader,
  baseSha: string,
  events: readonly DocEvent[],
  config: SmsConfig,
  opts: ExtractOptions,
  baseAt: (p: string) => string,
): Promise<Map<string, string>> {
  const first = new Map<string, DocEvent>();
  const edited = new Set<string>();
  for (const e of events) {
    if (!first.has(e.id)) first.set(e.id, e);
    const t = e.after?.type ? config.typeByKey.get(e.after.type) : undefined;
    if (t && isEditOfApprovedContent(t, e.before, e.after)) edited.add(e.id);
  }
  const out = new Map<string, string>();
  for (const id of edited) {
    const e = first.get(id)!;
    const t = e.before?.type ? config.typeByKey.get(e.before.type) : undefined;
    if (!t || !e.before?.status || !t.approving.includes(e.before.status)) continue;
    const file = baseAt(e.oldPath ?? e.path);
    // With parents as history simplification rewrites them: each commit's parents among those
    // that changed the file (none for the commit that created it). Only a line of single parents
    // is read as one version after another: at a merge, or past the lookback, the search gives up
    // and the base's content stands.
    const log = await git(
      [...READ_CONFIG, '--literal-pathspecs', 'log', '--parents', '--format=%H %P', `-n${APPROVAL_LOOKBACK}`, baseSha, '--', file],
      ctx,
    );
    const lines = log.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split(' '));
    const shas: string[] = [];
    let created = false;
    for (const [k, [sha, ...parents]] of lines.entries()) {
      shas.push(sha!);
      if (parents.length === 0) created = true;
      if (parents.length !== 1 || parents[0] !== lines[k + 1]?.[0]) break;
    }
    // Newest first: the version after this one is the approval when moving to it from this one
    // was one; before the commit that created the file there was none.
    let later: DocState | undefined;
    for (let k = 0; k < shas.length || (k === shas.length && created); k++) {
      const b = k < shas.length ? await reader.read(`${shas[k]}:${file}`) : undefined;
      const version = b && b.length <= config.maxFileSize ? extractState(b.toString('utf8'), opts) : undefined;
      if (later && isApproval(t, version, later)) {
        out.set(id, later.contentHash);
        break;
      }
      if (!version) break;
      later = version;
    }
  }
  return out;
}

/** How many blobs the history read asks for in one write while git log streams (about 40 KB). */
const LOG_BATCH = 1000;

/** How many blobs readBlobs asks for in one request. */
const BLOB_BATCH = 64;

/**
 * Blobs asked for a batch at a time (one write to cat-file each) instead of one round trip each,
 * and never all at once, so that many large files are not held in memory together; a blob over
 * `max` bytes is answered with its size and never held at all. A missing one is an error.
 */
async function readBlobs(reader: BlobReader, ids: string[], max: number): Promise<(Buffer | number)[]> {
  const out: (Buffer | number)[] = [];
  for (let i = 0; i < ids.length; i += BLOB_BATCH) {
    const batch = ids.slice(i, i + BLOB_BATCH);
    const got = await Promise.all(batch.map((id) => reader.readUpTo(id, max)));
    got.forEach((blob, k) => {
      if (blob === undefined) throw smsError('GIT_OBJECT_MISSING', { object: batch[k]! });
      out.push(blob);
    });
  }
  return out;
}

/**
 * The index a pre-commit hook must check. Git runs the hook with GIT_INDEX_FILE naming the index it
 * is about to commit: the repository's own index for a plain commit (".git/index", relative to
 * the top of the work tree, where hooks run), a temporary one in the git directory for
 * `git commit -a` (index.lock) or `git commit <paths>` (next-index-*.lock). Reading the default
 * index there would check something other than the commit. Only a regular file directly in this
 * repository's git directory is taken: a variable left over from another repository's hook (the
 * reason git's other variables are removed) is not read.
 */
function hookIndex(value: string, top: string, gitDir: string | undefined): string | undefined {
  if (!gitDir) return undefined;
  try {
    const file = realpathSync(path.resolve(top, value));
    return statSync(file).isFile() && path.dirname(file) === realpathSync(gitDir) ? file : undefined;
  } catch {
    return undefined;
  }
}

/** What stands for the commit of a change not committed yet: nobody made it, nothing vouches for it. */
function notCommitted(sha: 'WORKTREE' | 'INDEX'): HistoryCommit {
  return {
    sha,
    parents: [],
    authorName: '',
    authorEmail: '',
    committerName: '',
    committerEmail: '',
    date: '',
    approvedBy: [],
    subject: '',
    changes: [],
  };
}

/**
 * HEAD's blobs under the document folders, keyed by path relative to the SMS root; undefined
 * outside a repository, before the first commit, or without git. Asked of git before the
 * documents are read (see load), so that it answers while they are read: one process, and a
 * second one only when something is unusual.
 */
export async function headDocumentBlobs(config: SmsConfig, env?: NodeJS.ProcessEnv): Promise<Map<string, string> | undefined> {
  const ctx: GitContext = { cwd: config.root, env };
  try {
    const blobs = await headBlobsHere(ctx, config.documentFolders);
    if (blobs) return blobs;
  } catch (err) {
    if (err instanceof SmsError && err.code === 'GIT_MISSING') return undefined;
    throw err;
  }
  // ls-tree failed: outside a repository or before the first commit is no error (there is nothing
  // to compare with); anything else is reported as reading the tree reports it.
  const state = await repositoryState(ctx);
  if (!state?.top || !state.head) return undefined;
  const prefix = toPosixRelative(state.top, config.root);
  const withPrefix = (p: string): string => (prefix ? `${prefix}/${p}` : p);
  const full = await treeBlobs(
    ctx,
    'HEAD',
    config.documentFolders.map((f) => (f === '.' ? withPrefix('') || '.' : withPrefix(f))),
  );
  const blobs = new Map<string, string>();
  for (const [p, sha] of full) if (!prefix || p.startsWith(`${prefix}/`)) blobs.set(prefix ? p.slice(prefix.length + 1) : p, sha);
  return blobs;
}

/**
 * A document's status in HEAD, read from HEAD's tree at its path (as plain `validate` compares the
 * working tree with HEAD): no history, so a shallow clone answers too. `inHead` is false where HEAD
 * has no document at that path (it may have been moved: only history can follow it by id).
 * Undefined outside a repository; before the first commit, nothing is in HEAD.
 */
export async function headVersion(
  config: SmsConfig,
  file: string,
  env?: NodeJS.ProcessEnv,
): Promise<{ status?: string; inHead: boolean } | undefined> {
  const state = await repositoryState({ cwd: config.root, env });
  if (!state?.top) return undefined;
  const sha = state.head ? (await headDocumentBlobs(config, env))?.get(file) : undefined;
  if (!sha) return { inHead: false };
  const reader = new BlobReader({ cwd: config.root, env });
  try {
    const blob = await reader.read(sha);
    if (!blob) throw smsError('GIT_OBJECT_MISSING', { object: sha });
    const { status } = extractState(blob.toString('utf8'), extractOptions(config));
    return status !== undefined ? { status, inHead: true } : { inHead: true };
  } finally {
    reader.close();
  }
}

/** The settings of sms.config.yaml as HEAD has it: see committedSettings. */
export interface CommittedSettings {
  history: PolicySettings;
  rules: Record<string, RuleSetting>;
  /** Where HEAD has a configuration: the time zone it counts days in (UTC without one). */
  timezone?: string;
}

/**
 * The `history:` and `rules:` settings of sms.config.yaml as committed in HEAD: `validate
 * --history` in CI reads the committed file, so an uncommitted edit of it cannot loosen how the
 * next commit is judged. Read from HEAD's tree alone, which a shallow clone has too. Undefined
 * outside a repository or before the first commit; where HEAD has no valid configuration there, the
 * defaults (as for the base of a pull request).
 */
export async function committedSettings(config: SmsConfig, env?: NodeJS.ProcessEnv): Promise<CommittedSettings | undefined> {
  const ctx: GitContext = { cwd: config.root, env };
  let blobs: Map<string, string> | undefined;
  try {
    blobs = await headBlobsHere(ctx, [CONFIG_FILE]);
  } catch (err) {
    if (err instanceof SmsError && err.code === 'GIT_MISSING') return undefined;
    throw err;
  }
  if (!blobs) return undefined;
  const sha = blobs.get(CONFIG_FILE);
  let committed: SmsConfig | undefined;
  if (sha) {
    const reader = new BlobReader(ctx);
    try {
      const text = await reader.read(sha);
      if (!text) throw smsError('GIT_OBJECT_MISSING', { object: sha });
      committed = configOrUndefined(text.toString('utf8'), config.root);
    } finally {
      reader.close();
    }
  }
  return {
    history: committed?.history ?? historySettings(undefined),
    rules: committed?.rules ?? {},
    ...(committed ? { timezone: committed.timezone ?? 'UTC' } : {}),
  };
}

/** What the next commit will be judged against: see nextCommitBasis. */
export interface CommitBasis {
  /** The roles in force after HEAD: the last approved roles document in its history. */
  roles: RolesIndex;
  /** The day the commit that put them in force was decided. */
  rolesSince?: string;
  /** Set when the history holds an approval of the roles document that did not hold (see Timeline.rolesRefused). */
  rolesRefused?: true;
  /** The document's status in HEAD; undefined when HEAD does not have it (the next commit creates it). */
  status?: string;
  inHead: boolean;
  /** The policy fields of the document in HEAD (its requester): history judges a self-approval on them too. */
  headFields?: Readonly<Record<string, string>>;
  /** Who drafted the document: the author of the commit that created it, as the self-approval rule counts it. */
  createdBy?: { name: string; email: string };
  /** The whole history read, for what else the next commit is judged by (the models agreed on HEAD's line). */
  timeline: Pick<Timeline, 'events' | 'graph' | 'byId'>;
}

/**
 * The history the next commit will be judged by, as `validate --history` will judge it: the roles
 * in force after HEAD (never the working tree's, which a commit cannot use before it is approved
 * and committed) and the document's status in HEAD, followed by id. Undefined outside a
 * repository or without git, where there is no history.
 */
export async function nextCommitBasis(config: SmsConfig, id: string, env?: NodeJS.ProcessEnv): Promise<CommitBasis | undefined> {
  const state = await repositoryState({ cwd: config.root, env });
  if (!state?.top) return undefined;
  const { timeline } = await loadHistory(config, { state }, env);
  const lastEvent = timeline.byId.get(id)?.at(-1);
  const last = lastEvent?.after;
  return {
    roles: timeline.roles,
    ...(timeline.rolesSince !== undefined ? { rolesSince: timeline.rolesSince } : {}),
    ...(timeline.rolesRefused ? { rolesRefused: true as const } : {}),
    ...(last?.status !== undefined ? { status: last.status } : {}),
    inHead: last !== undefined,
    ...(last ? { headFields: last.fields } : {}),
    ...(lastEvent?.createdBy ? { createdBy: lastEvent.createdBy } : {}),
    timeline,
  };
}

/**
 * Whether a document's content (all but its status, approval and other bookkeeping fields) differs
 * from its version in HEAD, as history will judge the commit: true when HEAD lacks it, or outside
 * a repository (nothing to compare with).
 */
export async function changedSinceHead(
  config: SmsConfig,
  doc: { file: string; text: string; type?: WorkType },
  env?: NodeJS.ProcessEnv,
): Promise<boolean> {
  const sha = (await headDocumentBlobs(config, env))?.get(doc.file);
  if (!sha) return true;
  const reader = new BlobReader({ cwd: config.root, env });
  try {
    const head = await reader.read(sha);
    if (!head) throw smsError('GIT_OBJECT_MISSING', { object: sha });
    const opts = extractOptions(config);
    const before = extractState(head.toString('utf8'), opts);
    const after = extractState(doc.text, opts);
    return doc.type ? revised(doc.type, before, after) : before.contentHash !== after.contentHash;
  } finally {
    reader.close();
  }
}

/**
 * Uncommitted changes: each document of the working tree whose content differs from its version
 * in HEAD (or that HEAD does not have, which must start in an initial status). Compared by git
 * blob id computed here from the text already read, against `git ls-tree HEAD` (`head`, from
 * headDocumentBlobs): plumbing that runs no clean filter, fsmonitor or hook and never refreshes or
 * writes the index. Approvals are checked once they are committed.
 */
export async function readWorktreeChanges(
  config: SmsConfig,
  repository: LoadedRepository,
  head: Map<string, string>,
  env?: NodeJS.ProcessEnv,
): Promise<DocEvent[]> {
  const opts = extractOptions(config);
  const reader = new BlobReader({ cwd: config.root, env });
  const commit = notCommitted('WORKTREE');
  const events: DocEvent[] = [];
  try {
    for (const doc of repository.documents) {
      const old = head.get(doc.file);
      if (old === blobId(Buffer.from(doc.text, 'utf8'))) continue;
      let before: DocState | undefined;
      if (old) {
        const blob = await reader.read(old);
        if (!blob) throw smsError('GIT_OBJECT_MISSING', { object: old });
        before = extractState(blob.toString('utf8'), opts);
      }
      const after = extractState(doc.text, opts);
      const id = after.id ?? before?.id;
      if (!id) continue;
      events.push({ id, commit, path: doc.file, before, after, roles: RolesIndex.fromData(undefined) });
    }
    // A document of HEAD no longer in the working tree where sms reads it: deleted, or moved away.
    // One still on disk is not (a file sms could not read, or a folder an uncommitted edit ignores).
    const read = new Set([...repository.documents.map((d) => d.file), ...repository.issues.map((i) => i.file)]);
    const gone = [...head.keys()].filter((f) => !read.has(f) && isDocumentPath(config, f) && !onDisk(path.join(config.root, f)));
    return withDeletions(events, await deletions(reader, head, gone, opts, commit));
  } finally {
    reader.close();
  }
}

const onDisk = (file: string): boolean => statSync(file, { throwIfNoEntry: false }) !== undefined;

/**
 * The changes with the deletions added, paired as history pairs them (see buildTimeline): a deleted
 * document and a new one with its ID are one document moved (git mv), and a deleted document and a
 * new one that says the same but for its ID are one document renumbered and renamed.
 */
function withDeletions(events: DocEvent[], deleted: DocEvent[]): DocEvent[] {
  const out = [...events];
  for (const d of deleted) {
    const moved = out.findIndex((e) => !e.before && e.id === d.id);
    if (moved >= 0) {
      out[moved] = { ...out[moved]!, before: d.before, oldPath: d.path };
      continue;
    }
    // One new document holding it, held by no other deletion.
    const same = out.filter((e) => !e.before && renumbered(d.before!, e.after));
    if (same.length === 1 && deleted.filter((o) => renumbered(o.before!, same[0]!.after)).length === 1)
      out[out.indexOf(same[0]!)] = { ...same[0]!, before: d.before, oldPath: d.path };
    else out.push(d);
  }
  return out;
}

/** Deletion events for documents of HEAD that the next commit will not have, read as HEAD has them. */
async function deletions(
  reader: BlobReader,
  head: ReadonlyMap<string, string>,
  files: readonly string[],
  opts: ExtractOptions,
  commit: HistoryCommit,
): Promise<DocEvent[]> {
  const blobs = await readBlobs(
    reader,
    files.map((f) => head.get(f)!),
    Infinity,
  );
  const events: DocEvent[] = [];
  files.forEach((file, i) => {
    const before = extractState((blobs[i] as Buffer).toString('utf8'), opts);
    if (before.id) events.push({ id: before.id, commit, path: file, before, roles: RolesIndex.fromData(undefined) });
  });
  return events;
}

/**
 * The documents as staged in the index (what the next commit will contain) and how they differ
 * from HEAD, for a pre-commit check: a file fixed only in the working tree is still wrong in the
 * commit. Read with plumbing (`ls-files --stage`, `cat-file`): nothing is refreshed or written.
 */
/**
 * sms.config.yaml as staged for the next commit (the index a hook is given included); undefined
 * where it is not staged. Plumbing only, as readStaged.
 */
export async function stagedConfigText(root: string, env?: NodeJS.ProcessEnv): Promise<string | undefined> {
  const ctx: GitContext = { cwd: root, env };
  const hookValue = env?.GIT_INDEX_FILE || undefined;
  const { top } = await whereRepository(ctx);
  const index = hookValue !== undefined ? hookIndex(hookValue, top, await gitDirectory(ctx)) : undefined;
  const sha = (await indexBlobs(ctx, [CONFIG_FILE], index)).get(CONFIG_FILE);
  if (!sha) return undefined;
  const reader = new BlobReader(ctx);
  try {
    const text = await reader.read(sha);
    if (!text) throw smsError('GIT_OBJECT_MISSING', { object: sha });
    return text.toString('utf8');
  } finally {
    reader.close();
  }
}

export async function readStaged(
  config: SmsConfig,
  env?: NodeJS.ProcessEnv,
): Promise<{ repository: LoadedRepository; events: DocEvent[]; configText?: string }> {
  const ctx: GitContext = { cwd: config.root, env };
  // The configuration as staged is what the commit carries: an edit of it left unstaged (a rule
  // turned off, a folder ignored) must not decide how the commit is judged.
  // The whole root, not only the document folders: a document staged elsewhere is reported too
  // (stray-document).
  const listed = ['.'];
  // The questions go to git at once: a pre-commit hook waits for all of them. Both listings are
  // relative to the SMS root. Where the repository stands is awaited first, so that outside a
  // repository that is what is said. In a hook the index to read may be another file (see
  // hookIndex), known only once git has said where its directory is.
  const hookValue = env?.GIT_INDEX_FILE || undefined;
  const where = whereRepository(ctx);
  const gitDir = hookValue !== undefined ? gitDirectory(ctx) : undefined;
  const inHead = headDocumentBlobs(config, env);
  let indexed = hookValue === undefined ? indexBlobs(ctx, listed) : undefined;
  for (const p of [where, gitDir, inHead, indexed]) p?.catch(() => undefined);
  const { top, head: headCommit } = await where;
  if (hookValue !== undefined) indexed = indexBlobs(ctx, listed, hookIndex(hookValue, top, await gitDir!));
  const staged = await indexed!;
  const head = (headCommit ? await inHead : undefined) ?? new Map<string, string>();
  const opts = extractOptions(config);
  const reader = new BlobReader(ctx);
  const repository: LoadedRepository = { documents: [], issues: [] };
  const events: DocEvent[] = [];
  const commit = notCommitted('INDEX');
  try {
    const configBlob = staged.get(CONFIG_FILE);
    if (!configBlob) throw smsError('CONFIG_NOT_STAGED', {});
    const text = await reader.read(configBlob);
    if (!text) throw smsError('GIT_OBJECT_MISSING', { object: configBlob });
    const configText = text.toString('utf8');
    const files = [...staged.keys()].filter((f) => isDocumentPath(config, f)).sort();
    const blobs = await readBlobs(
      reader,
      files.map((f) => staged.get(f)!),
      config.maxFileSize,
    );
    const changed: { file: string; text: string; old?: string }[] = [];
    files.forEach((file, i) => {
      const text = decodeDocument(file, blobs[i]!, config.maxFileSize, repository.issues);
      if (text === undefined) return;
      repository.documents.push(readDocument(file, text, config));
      const old = head.get(file);
      if (old !== staged.get(file)) changed.push({ file, text, old });
    });
    const strays = [...staged.keys()].filter((f) => mayBeStray(config, f)).sort();
    const strayBlobs = await readBlobs(
      reader,
      strays.map((f) => staged.get(f)!),
      config.maxFileSize,
    );
    repository.outside = [];
    strays.forEach((file, i) => {
      const bytes = strayBlobs[i];
      const doc = Buffer.isBuffer(bytes) ? strayDocument(file, bytes, config) : undefined;
      if (doc) repository.outside!.push(doc);
    });
    const olds = await readBlobs(
      reader,
      changed.flatMap((c) => (c.old ? [c.old] : [])),
      Infinity,
    );
    let o = 0;
    for (const { file, text, old } of changed) {
      const before: DocState | undefined = old ? extractState((olds[o++] as Buffer).toString('utf8'), opts) : undefined;
      const after = extractState(text, opts);
      const id = after.id ?? before?.id;
      if (id) events.push({ id, commit, path: file, before, after, roles: RolesIndex.fromData(undefined) });
    }
    // Staged for deletion (or moved where sms does not read).
    const gone = [...head.keys()].filter((f) => !staged.has(f) && isDocumentPath(config, f));
    return { repository, events: withDeletions(events, await deletions(reader, head, gone, opts, commit)), configText };
  } finally {
    reader.close();
  }
}

/** Commits on the main line dated before an instant, but made on top of a commit dated after it. */
export interface HeldBack {
  /** The commit dated after the instant, and its date (ISO, UTC). */
  by: string;
  date: string;
  /** How many commits made on top of it are dated before the instant. */
  commits: number;
}

/**
 * The commit that was HEAD's state at an instant: the newest commit on HEAD's main line that
 * stood before it, or undefined when there was none yet; and the commits a commit dated after the
 * instant held back, which the view does not include although their own dates are before it.
 */
export async function commitAsOf(
  config: SmsConfig,
  beforeMs: number,
  env?: NodeJS.ProcessEnv,
  state?: RepositoryState,
): Promise<{ sha?: string; heldBack?: HeldBack }> {
  const ctx: GitContext = { cwd: config.root, env };
  if (!(state ? state.head !== undefined : await hasCommits(ctx))) return {};
  // The main line (first parents): a branch merged later was not there yet, however its commits
  // are dated. Along it, a commit stands at the later of its author and committer dates, and no
  // earlier than the commits it was made on: one backdated on top of later work does not take that
  // work back in time. The newest commit standing before the instant is the repository then.
  const r = await git([...READ_CONFIG, 'log', '--first-parent', '--format=%H %at %ct', 'HEAD', '--'], ctx);
  const line = r.stdout.split('\n').filter(Boolean).reverse();
  let found: string | undefined;
  let standsAt = -Infinity;
  let setBy: { sha: string; ms: number } | undefined;
  let heldBack: HeldBack | undefined;
  for (const entry of line) {
    const [sha, authored, committed] = entry.split(' ') as [string, string, string];
    const own = Math.max(Number(authored) * 1000, Number(committed) * 1000);
    if (own > standsAt) {
      standsAt = own;
      setBy = { sha, ms: own };
    }
    if (standsAt < beforeMs) found = sha;
    // Past the instant, a commit whose own dates are before it was held back by the one dated after.
    else if (own < beforeMs && setBy) {
      heldBack ??= { by: setBy.sha, date: new Date(setBy.ms).toISOString(), commits: 0 };
      heldBack.commits++;
    }
  }
  return { ...(found ? { sha: found } : {}), ...(heldBack ? { heldBack } : {}) };
}

/** When the first commit reachable from HEAD was made (ms), or undefined with no commits. */
export async function firstCommitTime(config: SmsConfig, env?: NodeJS.ProcessEnv): Promise<number | undefined> {
  const r = await git([...READ_CONFIG, 'log', '--max-parents=0', '--format=%ct', 'HEAD', '--'], { cwd: config.root, env });
  const times = r.stdout.split('\n').filter(Boolean).map(Number).filter(Number.isFinite);
  return times.length ? Math.min(...times) * 1000 : undefined;
}

/**
 * The documents as they were in a commit (plumbing: ls-tree and cat-file), judged like the working
 * tree's (size, encoding). Used to build a report "as of" a past date, so that running it again
 * later gives the same result whatever was committed since.
 */
export async function readRevision(
  config: SmsConfig,
  rev: string,
  env?: NodeJS.ProcessEnv,
  state?: RepositoryState,
): Promise<LoadedRepository> {
  const ctx: GitContext = { cwd: config.root, env };
  const top = state ? state.top : await workTreeRoot(ctx);
  if (!top) throw smsError('NOT_A_REPOSITORY', { dir: config.root });
  const prefix = toPosixRelative(top, config.root);
  const withPrefix = (p: string): string => (prefix ? `${prefix}/${p}` : p);
  const tree = await treeBlobs(
    ctx,
    rev,
    config.documentFolders.map((f) => (f === '.' ? withPrefix('') || '.' : withPrefix(f))),
  );
  const reader = new BlobReader(ctx);
  const repository: LoadedRepository = { documents: [], issues: [] };
  try {
    const files = [...tree.keys()]
      .map((p) => (prefix ? p.slice(prefix.length + 1) : p))
      .filter((f) => isDocumentPath(config, f))
      .sort();
    const blobs = await readBlobs(
      reader,
      files.map((f) => tree.get(withPrefix(f))!),
      config.maxFileSize,
    );
    files.forEach((file, i) => {
      const text = decodeDocument(file, blobs[i]!, config.maxFileSize, repository.issues);
      if (text !== undefined) repository.documents.push(readDocument(file, text, config));
    });
  } finally {
    reader.close();
  }
  return repository;
}
