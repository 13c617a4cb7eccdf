import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SmsError, smsError, suggest } from './errors.js';
import { processModel } from './model/processes.js';
import { CONFIG_FILE, loadConfig, parseConfig, type SmsConfig } from './repo/config.js';
import { loadRepository, type LoadedRepository } from './repo/documents.js';
import { RULES } from './rules/index.js';
import { noLooserThan, type ChangeSet } from './rules/registry.js';
import type { Timeline } from './history/timeline.js';
import type { HeldBack, ZoneChange } from './history/read.js';
import type { RepositoryState } from './git/git.js';

/**
 * The one load edge: configuration, documents and, when a command needs it, Git history. Every
 * command (validate, log, report) loads through here, so they read the repository the same way.
 *
 * History modes:
 * - `none`: documents only;
 * - `worktree`: uncommitted changes against HEAD, when there is a repository with commits
 *   (`sms validate` without flags);
 * - `staged`: the documents as staged in the index instead of the working tree, and their
 *   changes against HEAD (`sms validate --staged`, for pre-commit hooks);
 * - `base`: the commits `base..HEAD` (`--base`), which must exist;
 * - `all`: every commit (`--history`, `sms log`), in a repository that must exist;
 * - `all-if-available`: every commit when there is a repository with commits (reports).
 */
export type HistoryMode = 'none' | 'worktree' | 'staged' | 'base' | 'all' | 'all-if-available';

export interface LoadOptions {
  history: HistoryMode;
  base?: string;
  /** Called now and then while history is read, with the number of commits so far. */
  onProgress?(commits: number): void;
  /** The environment git runs with (the user's); repository-selecting variables are removed from it. */
  env?: NodeJS.ProcessEnv;
  /**
   * Read the repository as it stood at this instant (epoch ms): the documents of the last commit
   * before it, and history up to that commit. Only with the history modes `all`/`all-if-available`.
   */
  asOf?: number;
  /**
   * Changes the documents read from the working tree before their uncommitted changes are compared
   * with HEAD (modes `worktree` and `none`): standard input in place of the file it stands for.
   */
  adjust?(repository: LoadedRepository): void;
}

export interface Loaded {
  config: SmsConfig;
  repository: LoadedRepository;
  timeline?: Timeline;
  changes?: ChangeSet;
  /** The commit the documents were read from, when not the working tree. */
  revision?: string;
  /** HEAD when history was read (the documents are the working tree's, which may differ from it). */
  head?: string;
  /** Set when read as of an instant before the first commit: when that commit was made (ms). */
  historyBegins?: number;
  /** Read as of an instant: commits dated before it that a commit dated after it held back. */
  heldBack?: HeldBack;
  /** With history (no base): the time zones sms.config.yaml gave along the main line, oldest first. */
  zones?: ZoneChange[];
}

/** Loads sms.config.yaml from `cwd` upward and checks its rule settings against the registry. */
export function openConfig(cwd: string): SmsConfig {
  return checkedConfig(loadConfig(cwd));
}

/** sms.config.yaml as staged: an error in it says it is the staged version, which the working tree may not show. */
export function openStagedConfig(text: string, root: string): SmsConfig {
  try {
    return checkedConfig(parseConfig(text, root));
  } catch (err) {
    if (err instanceof SmsError && err.code.startsWith('CONFIG_')) throw smsError('CONFIG_STAGED', { text: err.message });
    throw err;
  }
}

/** The text of sms.config.yaml in the working tree; undefined when it cannot be read now. */
function configTextOnDisk(config: SmsConfig): string | undefined {
  try {
    return readFileSync(path.join(config.root, CONFIG_FILE), 'utf8');
  } catch {
    return undefined;
  }
}

/** A configuration whose rule and task keys are known ones (typos are located errors). */
function checkedConfig(config: SmsConfig): SmsConfig {
  checkRuleSettings(config);
  if (Object.keys(config.notApplicable).length) checkNotApplicable(config);
  return config;
}

/** Every key under `not_applicable:` names a process or a task of the standard; a typo is a located error. */
function checkNotApplicable(config: SmsConfig): void {
  const known = new Set<string>();
  for (const p of processModel().processes) {
    known.add(p.code);
    for (const t of p.tasks) known.add(t.id);
  }
  for (const key of Object.keys(config.notApplicable)) {
    if (!known.has(key))
      throw smsError('CONFIG_UNKNOWN_TASK', { ...config.locate(['not_applicable', key], 'key'), key, suggestion: suggest(key, known) });
  }
}

/** Every key under `rules:` names a rule (or an alias a rule took over); a typo is a located error. */
export function checkRuleSettings(config: SmsConfig): void {
  const known = new Set<string>();
  for (const r of RULES) {
    known.add(r.id);
    for (const a of r.aliases ?? []) known.add(a);
  }
  for (const key of Object.keys(config.rules)) {
    if (!known.has(key))
      throw smsError('CONFIG_UNKNOWN_RULE', { ...config.locate(['rules', key], 'key'), key, suggestion: suggest(key, known) });
  }
}

export async function load(config: SmsConfig, opts: LoadOptions): Promise<Loaded> {
  if (opts.asOf !== undefined && (opts.history === 'all' || opts.history === 'all-if-available')) {
    const asOf = await loadAsOf(config, opts, opts.asOf);
    if (asOf) return asOf;
  }
  if (opts.history === 'staged') {
    const { readStaged } = await import('./history/read.js');
    const staged = await readStaged(config, opts.env);
    // Judged by the configuration as staged (see readStaged). Where it differs from the working
    // tree's, the index is read again with it: its folders, ignored paths and types decide what is
    // a document and how it is read.
    if (staged.configText === undefined || staged.configText === configTextOnDisk(config)) {
      return { config, repository: staged.repository, changes: { mode: 'worktree', events: staged.events } };
    }
    const stagedConfig = openStagedConfig(staged.configText, config.root);
    const again = await readStaged(stagedConfig, opts.env);
    return { config: stagedConfig, repository: again.repository, changes: { mode: 'worktree', events: again.events } };
  }
  if (opts.history === 'worktree') {
    const history = await import('./history/read.js');
    // Git is asked first and answers while the documents are read.
    const asked = history.headDocumentBlobs(config, opts.env);
    // Should reading the documents fail, git's answer is no longer wanted (nor its failure).
    asked.catch(() => undefined);
    const repository = loadRepository(config);
    opts.adjust?.(repository);
    const head = await asked;
    const loaded: Loaded = { config, repository };
    if (head) loaded.changes = { mode: 'worktree', events: await history.readWorktreeChanges(config, repository, head, opts.env) };
    return loaded;
  }
  if (opts.history === 'none') {
    const repository = loadRepository(config);
    opts.adjust?.(repository);
    return { config, repository };
  }
  if (opts.history === 'base' && opts.base === undefined) throw smsError('USAGE', { text: 'history mode "base" needs a base revision' });
  const git = await import('./git/git.js');
  const history = await import('./history/read.js');
  // The documents are read while git log walks the commits, before it answers (about 0.1 s of
  // 20,000 commits); until then git is asked what it needs to start.
  let logStarted!: () => void;
  const started = new Promise<void>((resolve) => (logStarted = resolve));
  const read = (async () => {
    let state: RepositoryState | undefined;
    if (opts.history === 'all-if-available') {
      state = await git.repositoryState({ cwd: config.root, env: opts.env });
      if (!state?.top || !state.head) return undefined;
    }
    return history.loadHistory(
      config,
      { base: opts.history === 'base' ? opts.base : undefined, progress: opts.onProgress, state, logStarted },
      opts.env,
    );
  })();
  // A failure of git is reported after one of reading the documents, as before; it must not
  // count as unhandled meanwhile.
  const settled = read.then(
    () => undefined,
    () => undefined,
  );
  await Promise.race([started, settled]);
  const repository = loadRepository(config);
  const loaded: Loaded = { config, repository };
  const loadedHistory = await read;
  if (!loadedHistory) return loaded;
  const { timeline, settings, head, baseRules, unrecorded, outOfScope, types, baseTypes, approvedAtBase, zones } = loadedHistory;
  // With a base, the trust settings are those of the base revision, and no rule is looser than
  // there (see loadHistory).
  loaded.config = {
    ...config,
    history: settings,
    rules: baseRules ? noLooserThan(RULES, config.rules, baseRules) : config.rules,
    ...(types ? { types, typeByKey: new Map(types.map((t) => [t.key, t])) } : {}),
  };
  // The documents were read with the pull request's types; their lifecycle and authority are the
  // base's too, so that static rules judge as the history rules do.
  if (types) for (const d of repository.documents) if (d.type) d.type = loaded.config.typeByKey.get(d.type.key) ?? d.type;
  loaded.head = head;
  loaded.timeline = timeline;
  if (zones) loaded.zones = zones;
  const graph = timeline.graph ? { graph: timeline.graph } : {};
  loaded.changes = unrecorded
    ? { mode: 'commits', events: timeline.events, ...graph, unrecorded, outOfScope, approvedAtBase, ...(baseTypes ? { baseTypes } : {}) }
    : { mode: 'commits', events: timeline.events, ...graph };
  return loaded;
}

/** The repository as it stood at an instant, or undefined when there is no git history to read it from. */
async function loadAsOf(config: SmsConfig, opts: LoadOptions, asOf: number): Promise<Loaded | undefined> {
  const git = await import('./git/git.js');
  const history = await import('./history/read.js');
  const ctx = { cwd: config.root, env: opts.env };
  const state = await git.repositoryState(ctx);
  if (!state?.top) {
    if (opts.history === 'all') throw smsError('NOT_A_REPOSITORY', { dir: config.root });
    return undefined;
  }
  const { sha: commit, heldBack } = await history.commitAsOf(config, asOf, opts.env, state);
  if (!commit) {
    // The repository has history, all of it after this instant: nothing existed yet, which is
    // not the same as having no history to read.
    const historyBegins = await history.firstCommitTime(config, opts.env);
    return {
      config,
      repository: { documents: [], issues: [] },
      changes: { mode: 'commits', events: [] },
      ...(historyBegins !== undefined ? { historyBegins } : {}),
      ...(heldBack ? { heldBack } : {}),
    };
  }
  // The documents of that commit are read while git log walks its history. A failure of either is
  // reported once both are asked, the revision's first, as when they ran one after the other.
  const revision = history.readRevision(config, commit, opts.env, state);
  const walked = history.loadHistory(config, { head: commit, progress: opts.onProgress, state }, opts.env);
  revision.catch(() => undefined);
  walked.catch(() => undefined);
  const repository = await revision;
  const { timeline, settings, zones } = await walked;
  return {
    config: { ...config, history: settings },
    repository,
    timeline,
    changes: { mode: 'commits', events: timeline.events, ...(timeline.graph ? { graph: timeline.graph } : {}) },
    revision: commit,
    ...(heldBack ? { heldBack } : {}),
    ...(zones ? { zones } : {}),
  };
}
