import { spawn } from 'node:child_process';
import { SmsError } from '../diagnostic.js';

/**
 * The only place that runs git. Every call passes an argument array (never a shell string), runs
 * with a fixed environment that disables pagers, prompts and signing, and fails with one SmsError.
 */
export interface GitOptions {
  cwd: string;
  env?: Record<string, string | undefined>;
  input?: string;
  /** Accept these non-zero exit codes instead of failing. */
  okCodes?: number[];
}

export interface GitResult {
  stdout: string;
  stderr: string;
  code: number;
}

const BASE_ENV = {
  GIT_TERMINAL_PROMPT: '0',
  GIT_PAGER: 'cat',
  PAGER: 'cat',
  LC_ALL: 'C',
  GIT_CONFIG_NOSYSTEM: '1',
};

export function gitEnv(extra?: Record<string, string | undefined>): NodeJS.ProcessEnv {
  return { ...process.env, ...BASE_ENV, ...extra };
}

export function git(args: string[], opts: GitOptions): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd: opts.cwd, env: gitEnv(opts.env), stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e: NodeJS.ErrnoException) =>
      reject(e.code === 'ENOENT' ? gitMissing() : new SmsError('GIT', `git could not be started: ${e.message}`)),
    );
    child.on('close', (code) => {
      const result = { stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), code: code ?? 1 };
      if (result.code === 0 || opts.okCodes?.includes(result.code)) resolve(result);
      else reject(new SmsError('GIT', `git ${args[0]} failed: ${firstLine(result.stderr) || `exit code ${result.code}`}`));
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(opts.input ?? '');
  });
}

export function gitMissing(): SmsError {
  return new SmsError('GIT_MISSING', 'git is not installed or not on PATH', 'install git (e.g. apt-get install git), or pass --no-git');
}

function firstLine(s: string): string {
  return (
    s
      .trim()
      .split('\n')
      .filter((l) => l.trim() !== '')[0]
      ?.trim() ?? ''
  );
}

export async function gitAvailable(cwd: string): Promise<boolean> {
  try {
    await git(['--version'], { cwd });
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

/** The configured git identity (user.name / user.email), or undefined when either is missing. */
export async function gitIdentity(cwd: string): Promise<Identity | undefined> {
  const get = async (key: string): Promise<string> => (await git(['config', '--get', key], { cwd, okCodes: [1] })).stdout.trim();
  const name = process.env.GIT_AUTHOR_NAME || (await get('user.name'));
  const email = process.env.GIT_AUTHOR_EMAIL || (await get('user.email'));
  return name && email ? { name, email } : undefined;
}

/** The top of the work tree containing cwd, or undefined outside a repository. */
export async function workTreeRoot(cwd: string): Promise<string | undefined> {
  const r = await git(['rev-parse', '--show-toplevel'], { cwd, okCodes: [128] });
  return r.code === 0 ? r.stdout.trim() : undefined;
}

export async function hasCommits(cwd: string): Promise<boolean> {
  const r = await git(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], { cwd, okCodes: [1, 128] });
  return r.code === 0;
}

export async function isShallow(cwd: string): Promise<boolean> {
  return (await git(['rev-parse', '--is-shallow-repository'], { cwd })).stdout.trim() === 'true';
}

/**
 * Resolves a user-supplied revision to a commit id. `--end-of-options` makes "--output=x" or "-c"
 * a revision name, never an option.
 */
export async function verifyCommit(cwd: string, ref: string): Promise<string> {
  if (ref.length === 0 || ref.length > 256 || /[\u0000-\u001f\u007f]/.test(ref)) {
    throw new SmsError('BAD_REF', `"${ref.replace(/[\u0000-\u001f\u007f]/g, '?')}" is not a valid revision`);
  }
  const r = await git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], { cwd, okCodes: [1, 128] });
  if (r.code !== 0) {
    throw new SmsError(
      'BAD_REF',
      `"${ref}" is not a commit in this repository`,
      'check the branch name; in CI fetch it first (e.g. git fetch origin main)',
    );
  }
  return r.stdout.trim();
}

export async function initRepository(cwd: string): Promise<void> {
  await git(['init', '--quiet', '--initial-branch=main'], { cwd });
}

export interface CommitOptions {
  cwd: string;
  message: string;
  author: Identity;
  committer?: Identity;
  date?: string;
  /** Paths to stage before committing; all changes when omitted. */
  paths?: string[];
}

/** Stages and commits with a given identity and (optionally) a fixed date; signing is disabled. */
export async function commit(o: CommitOptions): Promise<string> {
  if (o.paths) await git(['add', '--', ...o.paths], { cwd: o.cwd });
  else await git(['add', '--all'], { cwd: o.cwd });
  const c = o.committer ?? o.author;
  const env: Record<string, string> = {
    GIT_AUTHOR_NAME: o.author.name,
    GIT_AUTHOR_EMAIL: o.author.email,
    GIT_COMMITTER_NAME: c.name,
    GIT_COMMITTER_EMAIL: c.email,
  };
  if (o.date) {
    env.GIT_AUTHOR_DATE = o.date;
    env.GIT_COMMITTER_DATE = o.date;
  }
  await git(['-c', 'commit.gpgsign=false', 'commit', '--quiet', '--no-verify', '--allow-empty', '-F', '-'], {
    cwd: o.cwd,
    env,
    input: o.message,
  });
  return (await git(['rev-parse', 'HEAD'], { cwd: o.cwd })).stdout.trim();
}
