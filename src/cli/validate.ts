import { appendFileSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { EXIT_FINDINGS, EXIT_OK } from '../diagnostic.js';
import { SmsError, smsError } from '../errors.js';
import { load, openConfig, openStagedConfig, type HistoryMode } from '../load.js';
import { isOutside, packagePath, toPosixRelative } from '../paths.js';
import {
  decodeDocument,
  isDocumentPath,
  mayBeStray,
  readDocument,
  readDocumentFile,
  strayDocument,
  type LoadedRepository,
} from '../repo/documents.js';
import { workTreeRoot } from '../git/git.js';
import { findRoot, type SmsConfig } from '../repo/config.js';
import { validate, type ValidationResult } from '../validate.js';
import { RULES } from '../rules/index.js';
import { loadFormatter } from '../formatters/load.js';
import { NO_PAINT, type Paint } from '../formatters/types.js';
import { version } from '../version.js';
import { progress } from './progress.js';
import { today, useColor, type CliIO } from './io.js';
import { writeOutput } from './write.js';

export interface ValidateCommandOptions {
  paths: string[];
  format: string;
  output?: string;
  maxWarnings?: number;
  quiet: boolean;
  base?: string;
  history: boolean;
  staged?: boolean;
  git: boolean;
  color?: boolean;
  /** With the path "-": the path the document read from standard input has in the repository. */
  stdinFilepath?: string;
}

/**
 * The configuration for --staged: the working tree's, or, where an unfinished edit there does not
 * read, the staged one, which is what the commit carries (load() judges by the staged one anyway).
 */
async function openConfigForCommit(io: CliIO): Promise<SmsConfig> {
  try {
    return openConfig(io.cwd);
  } catch (err) {
    if (!(err instanceof SmsError) || !err.code.startsWith('CONFIG_') || err.code === 'CONFIG_NOT_FOUND') throw err;
    const root = findRoot(io.cwd);
    const { stagedConfigText } = await import('../history/read.js');
    const text = await stagedConfigText(root, io.env);
    if (text === undefined) throw err;
    return openStagedConfig(text, root);
  }
}

/** The formats read by CI systems, which attach findings to files by their path from the repository root. */
const CI_FORMATS = new Set(['github', 'sarif', 'junit', 'gitlab']);

export async function validateCommand(io: CliIO, opts: ValidateCommandOptions): Promise<number> {
  const config = opts.staged ? await openConfigForCommit(io) : openConfig(io.cwd);
  const day = today(io, config.timezone);
  const stdin = opts.paths.includes('-');
  if (opts.staged && (!opts.git || opts.base !== undefined || opts.history)) {
    throw smsError('USAGE', { text: '--staged checks the index against HEAD; it cannot be combined with --base, --history or --no-git' });
  }
  if (opts.base !== undefined && opts.history)
    throw smsError('USAGE', { text: '--base checks the commits of a pull request, --history every commit: choose one' });
  if (!opts.git && (opts.base !== undefined || opts.history))
    throw smsError('USAGE', { text: `--no-git reads no history: it cannot be combined with ${opts.history ? '--history' : '--base'}` });
  if (stdin && opts.paths.length > 1)
    throw smsError('STDIN_USAGE', { text: '"-" reads one document from standard input: give no other paths with it' });
  if (stdin && opts.stdinFilepath === undefined) {
    throw smsError('STDIN_USAGE', { text: '"-" needs --stdin-filepath <path>: the path the document has in the repository' });
  }
  if (!stdin && opts.stdinFilepath !== undefined) throw smsError('STDIN_USAGE', { text: '--stdin-filepath goes with the path "-"' });
  if (stdin && opts.staged) throw smsError('STDIN_USAGE', { text: '"-" checks standard input, --staged the index: choose one' });
  const stdinFile = stdin ? repoRelative(config.root, io.cwd, opts.stdinFilepath!) : undefined;
  // A document read from standard input stands in for the file at its path: without --base or
  // --history, its change from HEAD is judged as that file's would be (an editor says what CI will).
  const mode: HistoryMode = !opts.git
    ? 'none'
    : opts.staged
      ? 'staged'
      : opts.base !== undefined
        ? 'base'
        : opts.history
          ? 'all'
          : 'worktree';
  const stdinBytes = stdin ? await readStdin(io, config.maxFileSize) : undefined;
  let stood = false;
  const standIn = (repo: LoadedRepository): void => {
    stood = true;
    if (stdinFile === undefined) return;
    repo.documents = repo.documents.filter((d) => d.file !== stdinFile);
    repo.issues = repo.issues.filter((i) => i.file !== stdinFile);
    // What is on disk at that path is not what is checked.
    if (repo.outside) repo.outside = repo.outside.filter((d) => d.file !== stdinFile);
    // mayBeStray is false wherever a document is read.
    if (mayBeStray(config, stdinFile)) {
      // No document is read at that path: standard input is judged as the file there would be (an
      // editor then says what CI will say), a stray document or nothing (as over max_file_size).
      const doc = typeof stdinBytes === 'number' ? undefined : strayDocument(stdinFile, stdinBytes!, config);
      if (doc) repo.outside = [...(repo.outside ?? []), doc];
    } else if (isDocumentPath(config, stdinFile)) {
      const text = decodeDocument(stdinFile, stdinBytes!, config.maxFileSize, repo.issues);
      if (text !== undefined) repo.documents.push(readDocument(stdinFile, text, config));
    }
    // Elsewhere (not Markdown, a hidden folder, an ignored path) sms reads nothing: nothing is judged.
  };
  const reading = progress(io, 'Reading history');
  const loaded = await load(config, { history: mode, base: opts.base, onProgress: reading.update, env: io.env, adjust: standIn });
  reading.done();
  // The modes that compare the working tree with HEAD did it before comparing; the others read commits.
  if (!stood) standIn(loaded.repository);
  const only = stdinFile !== undefined ? [stdinFile] : opts.paths.length ? reportScope(config, io, opts.paths, loaded) : undefined;
  const full = validate(loaded, { only, today: day });
  const shown: ValidationResult = opts.quiet
    ? {
        ...full,
        diagnostics: full.diagnostics.filter((d) => d.severity === 'error'),
        warningCount: 0,
        ...(full.warningCount > 0 ? { hiddenWarningCount: full.warningCount } : {}),
      }
    : full;

  // Computed once, and only for the formats that need it: where the SMS sits in its repository.
  let pathPrefix = '';
  let repositoryRoot: string | undefined;
  if (CI_FORMATS.has(opts.format) && opts.git) {
    repositoryRoot = await workTreeRoot({ cwd: config.root, env: io.env }).catch(() => undefined);
    if (repositoryRoot) {
      const rel = toPosixRelative(repositoryRoot, config.root);
      pathPrefix = rel && !isOutside(rel) ? `${rel}/` : '';
    }
  }

  const formatter = await loadFormatter(opts.format);
  const toFile = opts.output !== undefined;
  const paint = opts.format === 'stylish' && !toFile && useColor(io, 'stdout', opts.color) ? await chalkPaint() : NO_PAINT;
  const text = formatter(shown, {
    paint,
    // The text that was checked (for --staged, the staged version), not necessarily what is on disk.
    source: (file) => {
      const doc = loaded.repository.documents.find((d) => d.file === file);
      if (doc) return doc.text;
      // Read as documents are read: never a FIFO or device, never more than the file limit.
      return readDocumentFile(path.join(config.root, file), config.maxFileSize);
    },
    rules: RULES,
    version: version(),
    docsUrl: docsUrl(),
    pathPrefix,
    repositoryRoot,
  });
  if (toFile) writeOutput(io, opts.output!, text);
  else io.stdout.write(text);
  if (opts.format === 'github' && io.env.GITHUB_STEP_SUMMARY) {
    const { githubSummary } = await import('../formatters/github.js');
    try {
      appendFileSync(io.env.GITHUB_STEP_SUMMARY, githubSummary(shown, { pathPrefix }));
    } catch {
      io.stderr.write('sms: could not append to $GITHUB_STEP_SUMMARY; the findings above are complete\n');
    }
  }
  if (full.errorCount > 0) return EXIT_FINDINGS;
  if (opts.maxWarnings !== undefined && full.warningCount > opts.maxWarnings) {
    io.stderr.write(
      `sms: ${full.warningCount} warning${full.warningCount === 1 ? '' : 's'}, more than --max-warnings ${opts.maxWarnings}\n`,
    );
    return EXIT_FINDINGS;
  }
  return EXIT_OK;
}

function repoRelative(root: string, cwd: string, p: string): string {
  const abs = path.resolve(cwd, p);
  let rel = toPosixRelative(root, abs);
  // A path typed through a symbolic link above the repository (macOS's /tmp, a linked projects
  // folder) names a file inside it: the folder it is in is compared with links resolved. The
  // file itself is not resolved, so a linked document keeps its own name.
  if (isOutside(rel)) rel = toPosixRelative(root, path.join(realFolder(path.dirname(abs)), path.basename(abs)));
  if (isOutside(rel)) throw smsError('OUTSIDE_REPOSITORY', { path: p, root });
  return rel;
}

/** A folder with symbolic links resolved, as far up as it exists; the path as given where nothing does. */
function realFolder(dir: string): string {
  const rest: string[] = [];
  for (let at = dir; ;) {
    try {
      return path.join(realpathSync(at), ...rest);
    } catch {
      const up = path.dirname(at);
      if (up === at) return dir;
      rest.unshift(path.basename(at));
      at = up;
    }
  }
}

/**
 * The repository paths to report on. A file must exist (on disk, or staged for --staged); a folder
 * stands for every document and unreadable file under it.
 */
function reportScope(
  config: SmsConfig,
  io: CliIO,
  paths: string[],
  loaded: { repository: { documents: { file: string }[]; issues: { file: string }[]; outside?: { file: string }[] } },
): string[] {
  const known = [
    ...loaded.repository.documents.map((d) => d.file),
    ...loaded.repository.issues.map((i) => i.file),
    ...(loaded.repository.outside ?? []).map((d) => d.file),
  ];
  const scope = new Set<string>();
  for (const p of paths) {
    const rel = repoRelative(config.root, io.cwd, p);
    let isDir = false;
    try {
      isDir = statSync(path.resolve(io.cwd, p)).isDirectory();
    } catch {
      // Not on disk: for --staged it may still be a staged document (a file deleted after staging).
      if (!known.includes(rel)) throw smsError('PATH_NOT_FOUND', { path: p });
    }
    if (isDir) {
      const under = rel === '' ? '' : `${rel}/`;
      for (const f of known) if (f.startsWith(under)) scope.add(f);
    } else scope.add(rel);
  }
  return [...scope];
}

/** Reads standard input, up to one byte more than the size limit (the size rule reports the rest). */
async function readStdin(io: CliIO, limit: number): Promise<Uint8Array | number> {
  if (!io.stdin) throw smsError('STDIN_USAGE', { text: '"-" reads standard input, and there is none' });
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of io.stdin) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += b.length;
    if (size <= limit) chunks.push(b);
  }
  return size > limit ? size : Buffer.concat(chunks);
}

/**
 * Where the rules are documented, for SARIF's helpUri: docs/rules.md at this version's tag in the
 * repository package.json names (GitHub or GitLab), or none.
 */
function docsUrl(): string | undefined {
  try {
    const pkg = JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as {
      version: string;
      repository?: string | { url?: string };
    };
    const url = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
    const m = url
      ? /^(?:git\+)?(?:https:\/\/|ssh:\/\/git@|git@)(github\.com|gitlab\.com)[/:]([\w.-]+\/[\w.-]+?)(?:\.git)?\/?$/.exec(url)
      : null;
    if (!m) return undefined;
    return `https://${m[1]}/${m[2]}/${m[1] === 'gitlab.com' ? '-/' : ''}blob/v${pkg.version}/docs/rules.md`;
  } catch {
    return undefined;
  }
}

async function chalkPaint(): Promise<Paint> {
  const { Chalk } = await import('chalk');
  const c = new Chalk({ level: 1 });
  return { red: c.red, yellow: c.yellow, dim: c.dim, bold: c.bold, underline: c.underline, green: c.green };
}
