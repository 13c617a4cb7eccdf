import { SmsError } from '../diagnostic.js';
import { BlobReader, streamLog, type HistoryCommit } from '../git/history.js';
import { git, hasCommits, isShallow, verifyCommit, workTreeRoot } from '../git/git.js';
import type { SmsConfig } from '../repo/config.js';
import { toPosixRelative } from '../paths.js';
import { extractState, type DocState } from './extract.js';
import { buildTimeline, type Timeline } from './timeline.js';

export interface HistoryScope {
  /** Check commits <base>..HEAD. */
  base?: string;
  /** Check every commit reachable from HEAD. */
  all?: boolean;
  /** Called now and then with the number of commits read (progress display). */
  progress?(commits: number): void;
}

export interface LoadedHistory {
  timeline: Timeline;
  /** Path prefix of the SMS root inside the git work tree ('' when they are the same). */
  prefix: string;
}

const SHALLOW_HINT =
  'fetch the full history: "git fetch --unshallow", or fetch-depth: 0 in GitHub Actions (actions/checkout), GIT_DEPTH: 0 in GitLab CI';

/**
 * Reads the history of the SMS documents: one streamed `git log` and one `git cat-file --batch`
 * for every distinct blob, each parsed once. Never writes anything.
 */
export async function loadHistory(config: SmsConfig, scope: HistoryScope): Promise<LoadedHistory> {
  const cwd = config.root;
  const top = await workTreeRoot(cwd);
  if (!top)
    throw new SmsError(
      'GIT',
      `${cwd} is not inside a git repository; history cannot be checked`,
      'run "git init" and commit, or leave out --base/--history',
    );
  if (!(await hasCommits(cwd))) return { timeline: buildTimeline([], () => undefined), prefix: '' };
  const shallow = await isShallow(cwd);
  let range = ['HEAD'];
  let baseSha: string | undefined;
  if (scope.base !== undefined) {
    baseSha = await verifyCommit(cwd, scope.base);
    if (shallow) {
      const mb = await git(['merge-base', '--', baseSha, 'HEAD'], { cwd, okCodes: [1, 128] });
      if (mb.code !== 0)
        throw new SmsError(
          'SHALLOW',
          `this clone is shallow and does not reach ${scope.base}: the commits since it cannot all be checked`,
          SHALLOW_HINT,
        );
    }
    range = [`${baseSha}..HEAD`];
  } else if (shallow) {
    throw new SmsError('SHALLOW', 'this clone is shallow: the full history needed by --history is not present', SHALLOW_HINT);
  }
  const prefix = toPosixRelative(top, cwd);
  const withPrefix = (p: string): string => (prefix ? `${prefix}/${p}` : p);
  const folders = config.documentFolders.map((f) => (f === '.' ? (prefix ? `${prefix}/` : '') : `${withPrefix(f)}/`));
  const isDocument = (p: string): boolean => p.endsWith('.md') && folders.some((f) => p.startsWith(f));

  const reader = new BlobReader(cwd);
  const states = new Map<string, Promise<DocState | undefined>>();
  const want = (blob: string | undefined): void => {
    if (blob && !states.has(blob)) {
      states.set(
        blob,
        reader
          .read(blob)
          .then((b) =>
            b && b.length <= config.maxFileSize && !b.subarray(0, 8000).includes(0) ? extractState(b.toString('utf8')) : undefined,
          ),
      );
    }
  };
  const commits: HistoryCommit[] = [];
  try {
    await streamLog({
      cwd,
      range,
      onCommit(c) {
        c.changes = c.changes.filter((ch) => isDocument(ch.path));
        if (prefix) c.changes = c.changes.map((ch) => ({ ...ch, path: ch.path.slice(prefix.length + 1) }));
        for (const ch of c.changes) {
          want(ch.oldBlob);
          want(ch.newBlob);
        }
        commits.push(c);
        if (commits.length % 2000 === 0) scope.progress?.(commits.length);
      },
    });
    let initialRoles: Record<string, unknown> | undefined;
    if (baseSha) initialRoles = await rolesAt(reader, baseSha, config, withPrefix);
    const resolved = new Map<string, DocState | undefined>();
    await Promise.all([...states].map(async ([blob, p]) => resolved.set(blob, await p)));
    return { timeline: buildTimeline(commits, (b) => resolved.get(b), initialRoles), prefix };
  } finally {
    reader.close();
  }
}

/** The roles document as it was at a commit, found at the path the working tree keeps it. */
async function rolesAt(
  reader: BlobReader,
  sha: string,
  config: SmsConfig,
  withPrefix: (p: string) => string,
): Promise<Record<string, unknown> | undefined> {
  const t = config.typeByKey.get('roles');
  const candidates = [t ? `${t.folder}/roles.md` : 'governance/roles.md'];
  for (const c of candidates) {
    const b = await reader.read(`${sha}:${withPrefix(c)}`);
    if (!b) continue;
    const s = extractState(b.toString('utf8'));
    if (s.type === 'roles') return s.data;
  }
  return undefined;
}
