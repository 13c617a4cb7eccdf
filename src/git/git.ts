import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SmsError, smsError } from '../errors.js';

/**
 * The only place that runs git. Every call passes an argument array (never a shell string) and
 * fails with one SmsError. Git reads the repository at `cwd` only: variables that would point it
 * at another repository, index or object store, or inject configuration (as inside a git hook:
 * GIT_DIR, GIT_INDEX_FILE, GIT_CONFIG_PARAMETERS, …), are removed from the environment it gets.
 */
export interface GitContext {
  cwd: string;
  /** The caller's environment (the user's, or a test's); repository-selecting variables are removed. */
  env?: NodeJS.ProcessEnv;
}

export interface GitOptions extends GitContext {
  /** Variables set for this call only (identity, dates). */
  set?: Record<string, string>;
  input?: string;
  /** Accept these non-zero exit codes instead of failing. */
  okCodes?: number[];
  /** The call runs the repository's hooks (a commit), which get the caller's transport setting. */
  runsHooks?: boolean;
}

export interface GitResult {
  stdout: string;
  stderr: string;
  code: number;
}

/** Variables that select another repository, index or object store, add configuration, or change how pathspecs are read. */
const REPOSITORY_VARIABLES = [
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_INDEX_FILE',
  'GIT_OBJECT_DIRECTORY',
  'GIT_ALTERNATE_OBJECT_DIRECTORIES',
  'GIT_COMMON_DIR',
  'GIT_NAMESPACE',
  'GIT_PREFIX',
  'GIT_CONFIG',
  'GIT_CONFIG_PARAMETERS',
  'GIT_CONFIG_COUNT',
  'GIT_EXTERNAL_DIFF',
  'GIT_DIFF_OPTS',
  'GIT_REPLACE_REF_BASE',
  'GIT_SHALLOW_FILE',
  'GIT_GRAFT_FILE',
  'GIT_QUARANTINE_PATH',
  // How pathspecs are read: sms passes --literal-pathspecs where it gives folders, and git refuses
  // that together with any of these.
  'GIT_GLOB_PATHSPECS',
  'GIT_NOGLOB_PATHSPECS',
  'GIT_ICASE_PATHSPECS',
  'GIT_LITERAL_PATHSPECS',
];

const FIXED = {
  GIT_TERMINAL_PROMPT: '0',
  GIT_PAGER: 'cat',
  PAGER: 'cat',
  LC_ALL: 'C',
  GIT_CONFIG_NOSYSTEM: '1',
  // Never take a lock or refresh the index just to read: `sms validate` writes nothing, .git included.
  GIT_OPTIONAL_LOCKS: '0',
  // `git replace` objects would let a repository show history that is not what was committed.
  GIT_NO_REPLACE_OBJECTS: '1',
  // So would grafts (.git/info/grafts, which git still reads): an empty grafts file instead, which
  // git for Windows opens as its null device.
  GIT_GRAFT_FILE: '/dev/null',
  // Which makes git (2.18 and later) print a deprecation hint about grafts on every run: it would
  // be the first line of stderr, shown instead of the reason a commit failed. Given as
  // configuration by environment so that git run by a hook gets it too.
  GIT_CONFIG_COUNT: '1',
  GIT_CONFIG_KEY_0: 'advice.graftFileDeprecated',
  GIT_CONFIG_VALUE_0: 'false',
  // No transport at all, whatever protocol.*.allow the repository sets: in a partial clone git
  // fetches a missing object from the promisor remote on its own, which runs the repository's
  // remote.<name>.uploadpack (or ssh) and writes a pack into .git. Reading must report the object
  // missing instead. A commit's hooks get the caller's setting back (see gitEnv).
  GIT_ALLOW_PROTOCOL: '',
};

/**
 * Configuration that makes reading plumbing: no fsmonitor hook, no pager, no signature program,
 * no external diff or text conversion. Given with -c, which overrides the repository's own config.
 */
export const READ_CONFIG = [
  '-c',
  'core.fsmonitor=false',
  '-c',
  'core.untrackedCache=false',
  '-c',
  'core.quotePath=false',
  '-c',
  'log.showSignature=false',
  '-c',
  'diff.external=',
  '-c',
  'core.pager=cat',
];

/** The environment a git process gets: the caller's, cleaned, plus fixed and per-call settings. */
export function gitEnv(base: NodeJS.ProcessEnv | undefined, set?: Record<string, string>, runsHooks = false): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...(base ?? process.env) };
  for (const k of Object.keys(env)) {
    if (REPOSITORY_VARIABLES.includes(k) || /^GIT_CONFIG_(KEY|VALUE)_\d+$/.test(k)) delete env[k];
  }
  const out: NodeJS.ProcessEnv = { ...env, ...FIXED, ...set };
  // A hook may fetch (a pre-commit framework installing its hooks): it gets what the caller had.
  if (runsHooks) {
    if (env.GIT_ALLOW_PROTOCOL === undefined) delete out.GIT_ALLOW_PROTOCOL;
    else out.GIT_ALLOW_PROTOCOL = env.GIT_ALLOW_PROTOCOL;
  }
  return out;
}

/** Spawns git with the cleaned environment; the one place a git process starts. */
export function spawnGit(
  args: string[],
  ctx: GitContext,
  stdio: ('pipe' | 'ignore')[],
  set?: Record<string, string>,
  runsHooks = false,
): ChildProcess {
  return spawn('git', args, { cwd: ctx.cwd, env: gitEnv(ctx.env, set, runsHooks), stdio: stdio as ['pipe', 'pipe', 'pipe'] });
}

export function git(args: string[], opts: GitOptions): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = spawnGit(args, opts, ['pipe', 'pipe', 'pipe'], opts.set, opts.runsHooks);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout!.on('data', (b: Buffer) => out.push(b));
    child.stderr!.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e: NodeJS.ErrnoException) =>
      reject(e.code === 'ENOENT' ? gitMissing() : smsError('GIT_START', { reason: e.message })),
    );
    child.on('close', (code) => {
      const result = { stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), code: code ?? 1 };
      if (result.code === 0 || opts.okCodes?.includes(result.code)) resolve(result);
      else reject(smsError('GIT_FAILED', { command: subcommand(args), reason: firstLine(result.stderr) || `exit code ${result.code}` }));
    });
    child.stdin!.on('error', () => undefined);
    child.stdin!.end(opts.input ?? '');
  });
}

/** The git subcommand of an argument list, skipping `-c key=value` pairs. */
function subcommand(args: string[]): string {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-c') i++;
    else if (!args[i]!.startsWith('-')) return args[i]!;
  }
  return 'command';
}

export function gitMissing(): SmsError {
  return smsError('GIT_MISSING');
}

/** The first line of git's stderr that says something: advice (`hint:` lines) is passed over. */
export function firstLine(s: string): string {
  for (const l of s.split('\n')) if (l.trim() !== '' && !l.startsWith('hint:')) return l.trim();
  return '';
}

export async function gitAvailable(ctx: GitContext): Promise<boolean> {
  try {
    await git(['--version'], ctx);
    return true;
  } catch (err) {
    if (err instanceof SmsError && err.code === 'GIT_MISSING') return false;
    throw err;
  }
}

export interface Identity {
  name: string;
  email: string;
}

/** The git identity of the caller (GIT_AUTHOR_* or user.name / user.email), or undefined when either is missing. */
export async function gitIdentity(ctx: GitContext): Promise<Identity | undefined> {
  const env = ctx.env ?? process.env;
  const get = async (key: string): Promise<string> => (await git(['config', '--get', key], { ...ctx, okCodes: [1] })).stdout.trim();
  const name = env.GIT_AUTHOR_NAME || (await get('user.name'));
  const email = env.GIT_AUTHOR_EMAIL || (await get('user.email'));
  return name && email ? { name, email } : undefined;
}

/** Where a directory stands in git: see repositoryState. */
export interface RepositoryState {
  /** The top of the work tree; undefined outside a repository. */
  top?: string;
  /** The commit HEAD points at; undefined before the first commit. */
  head?: string;
  /** Whether the clone is shallow (history cut off); known inside a repository. */
  shallow?: boolean;
}

/**
 * Where cwd stands, in one git process: undefined when git is not installed; else the top of the
 * work tree, whether the clone is shallow and the commit HEAD points at. Start-up pays for every
 * process, so this replaces asking four times.
 */
export async function repositoryState(ctx: GitContext): Promise<RepositoryState | undefined> {
  let r: GitResult;
  try {
    r = await git(['rev-parse', '--show-toplevel', '--is-shallow-repository', '--verify', '--quiet', 'HEAD^{commit}'], {
      ...ctx,
      okCodes: [1, 128],
    });
  } catch (err) {
    if (err instanceof SmsError && err.code === 'GIT_MISSING') return undefined;
    throw err;
  }
  // A repository git will not read (owned by another user, not in safe.directory) is not "no
  // repository": checks would silently be skipped, so it is an error with git's own remedy.
  if (r.code === 128 && /dubious ownership/.test(r.stderr)) {
    const remedy = /git config --global --add safe\.directory \S.*/.exec(r.stderr)?.[0];
    throw smsError('GIT_REFUSED', {
      reason: firstLine(r.stderr).replace(/^fatal: /, ''),
      remedy: remedy ?? 'git config --global --add safe.directory <repository>',
    });
  }
  if (r.code === 128) return {};
  const [top, shallow, head] = r.stdout.split('\n');
  if (r.code === 1) await headIsUnborn(ctx);
  return { top: top || undefined, head: r.code === 0 && head ? head : undefined, shallow: shallow === 'true' };
}

/**
 * When HEAD names no commit: fine on a branch with no commit yet (or a HEAD that names something
 * else, such as a tree), but a HEAD whose object is missing is a damaged clone, not an empty
 * repository: reading it as one would report every document as new, or skip the comparison.
 */
async function headIsUnborn(ctx: GitContext): Promise<void> {
  const h = await git(['rev-parse', '--verify', '--quiet', 'HEAD'], { ...ctx, okCodes: [1, 128] });
  if (h.code !== 0) return;
  const object = h.stdout.trim();
  if ((await git(['cat-file', '-e', object], { ...ctx, okCodes: [1, 128] })).code !== 0) throw smsError('GIT_OBJECT_MISSING', { object });
}

/** The git directory of the repository containing cwd (absolute), or undefined outside one. */
export async function gitDirectory(ctx: GitContext): Promise<string | undefined> {
  const r = await git(['rev-parse', '--absolute-git-dir'], { ...ctx, okCodes: [128] });
  // Only the one line end git adds is removed: a path may itself end in a space or a line break.
  return r.code === 0 ? r.stdout.replace(/\n$/, '') : undefined;
}

/**
 * The commits a shallow clone's history stops at (git lists them without their parents, as if
 * each began the history); none in a full clone.
 */
export async function shallowBoundary(ctx: GitContext): Promise<Set<string>> {
  const r = await git(['rev-parse', '--git-path', 'shallow'], ctx);
  const file = path.resolve(ctx.cwd, r.stdout.replace(/\n$/, ''));
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    // No such file: the clone is not shallow.
  }
  return new Set(text.split('\n').filter(Boolean));
}

/** The top of the work tree containing cwd, or undefined outside a repository. */
export async function workTreeRoot(ctx: GitContext): Promise<string | undefined> {
  const r = await git(['rev-parse', '--show-toplevel'], { ...ctx, okCodes: [128] });
  return r.code === 0 ? r.stdout.trim() : undefined;
}

export async function hasCommits(ctx: GitContext): Promise<boolean> {
  const r = await git(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], { ...ctx, okCodes: [1, 128] });
  return r.code === 0;
}

/**
 * Resolves a user-supplied revision to a commit id. `--end-of-options` makes "--output=x" or "-c"
 * a revision name, never an option.
 */
export async function verifyCommit(ctx: GitContext, ref: string): Promise<string> {
  if (ref.length === 0 || ref.length > 256 || /[\u0000-\u001f\u007f]/.test(ref)) {
    throw smsError('BAD_REF_SYNTAX', { ref: ref.replace(/[\u0000-\u001f\u007f]/g, '?') });
  }
  const r = await git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], { ...ctx, okCodes: [1, 128] });
  if (r.code !== 0) throw smsError('BAD_REF', { ref });
  return r.stdout.trim();
}

export async function initRepository(ctx: GitContext): Promise<void> {
  await git(['init', '--quiet', '--initial-branch=main'], ctx);
}

export interface CommitOptions extends GitContext {
  message: string;
  author: Identity;
  committer?: Identity;
  date?: string;
  /** Paths to stage and commit; nothing else of the index is committed. */
  paths: string[];
  /** Once aborted, no commit is started: the index is put back as when the commit fails. */
  signal?: AbortSignal;
}

/**
 * Stages exactly `paths` and commits them. The repository's own controls apply: its hooks run and
 * its commit.gpgsign decides about signing, so a commit made by sms is no easier than one made by hand.
 * When the commit fails, the index entries of `paths` are put back as they were (a change the user
 * had staged stays staged); if even that fails, the error is INDEX_NOT_RESTORED.
 */
export async function commit(o: CommitOptions): Promise<string> {
  const saved = await indexEntries(o, o.paths);
  await git(['add', '--', ...o.paths], o);
  const c = o.committer ?? o.author;
  const set: Record<string, string> = {
    GIT_AUTHOR_NAME: o.author.name,
    GIT_AUTHOR_EMAIL: o.author.email,
    GIT_COMMITTER_NAME: c.name,
    GIT_COMMITTER_EMAIL: c.email,
  };
  if (o.date) {
    set.GIT_AUTHOR_DATE = o.date;
    set.GIT_COMMITTER_DATE = o.date;
  }
  try {
    o.signal?.throwIfAborted();
    await git(['commit', '--quiet', '-F', '-', '--', ...o.paths], { ...o, set, input: o.message, runsHooks: true });
  } catch (err) {
    try {
      await restoreIndex(o, saved);
    } catch (e) {
      throw smsError('INDEX_NOT_RESTORED', { reason: (err as Error).message, restore: (e as Error).message });
    }
    throw err;
  }
  return (await git(['rev-parse', 'HEAD'], o)).stdout.trim();
}

/** What the index holds for some paths: their entries as `update-index --index-info` reads them, and the paths it lacks. */
interface IndexEntries {
  entries: string;
  absent: string[];
}

async function indexEntries(ctx: GitContext, paths: string[]): Promise<IndexEntries> {
  // --full-name: update-index --index-info reads paths from the top of the work tree.
  const listed = (await git(['--literal-pathspecs', 'ls-files', '--stage', '-z', '--full-name', '--', ...paths], ctx)).stdout;
  const prefix = (await git(['rev-parse', '--show-prefix'], ctx)).stdout.replace(/\n$/, '');
  const have = new Set(listed.split('\0').map((l) => l.slice(l.indexOf('\t') + 1)));
  return { entries: listed, absent: paths.filter((p) => !have.has(prefix + p)) };
}

/**
 * Puts index entries back. Another git process (a concurrent commit, an editor's) may hold the
 * index lock for a moment, so each step is tried again for a few seconds; each is one atomic
 * write of the index.
 */
async function restoreIndex(ctx: GitContext, saved: IndexEntries): Promise<void> {
  const steps: (() => Promise<unknown>)[] = [];
  if (saved.entries) steps.push(() => git(['update-index', '-z', '--index-info'], { ...ctx, input: saved.entries }));
  if (saved.absent.length) steps.push(() => git(['--literal-pathspecs', 'update-index', '--force-remove', '--', ...saved.absent], ctx));
  for (const step of steps) {
    for (let attempt = 1; ; attempt++) {
      try {
        await step();
        break;
      } catch (err) {
        if (attempt >= 50) throw err;
        await new Promise((r) => setTimeout(r, 20 + Math.random() * 80));
      }
    }
  }
}
