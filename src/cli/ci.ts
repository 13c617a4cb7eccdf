import { existsSync, readFileSync, statSync } from 'node:fs';
import { spawn } from 'node:child_process';
import path from 'node:path';
import Handlebars from 'handlebars';
import { smsError } from '../errors.js';
import { isOutside, packagePath, toPosixRelative } from '../paths.js';
import { slugify } from '../repo/ids.js';
import { version } from '../version.js';
import { forTerminal } from '../formatters/terminal.js';
import { BIDI_MARKS, LINE_CONTROLS } from '../strings.js';
import type { CliIO } from './io.js';

/*
 * The CI that sms writes beside an SMS (sms init, and sms init --sample): a private package.json
 * pinning sms, the GitHub workflow or GitLab job that installs it with npm ci, and its lockfile.
 */

/** This package's name and repository, as its package.json says. */
export function ownPackage(): { name: string; repository?: string } {
  const pkg = JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { name: string; repository?: string | { url?: string } };
  return { name: pkg.name, repository: typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url };
}

/**
 * Where CI installs sms from when --cli-spec is not given: this package's own repository at the tag
 * of this version, when package.json names one. Never a bare registry name: nobody may have
 * published it, and whoever registers it later would have their code run by every CI.
 */
export function defaultSpec(): string | undefined {
  const url = ownPackage().repository;
  if (!url || !/^(git\+)?(https|ssh):\/\//.test(url)) return undefined;
  return `${url.startsWith('git+') ? url : `git+${url}`}#v${version()}`;
}

export interface Dependency {
  /** The package name the dependency is installed under. */
  name: string;
  /** The spec in package.json. */
  value: string;
  /** A tarball outside the repository is copied into the SMS folder, so CI has it. */
  copyFrom?: string;
  copyTo?: string;
  git: boolean;
}

/** Turns --cli-spec into a package.json dependency: a git URL, a tarball path or name@version. */
export function dependencySpec(spec: string, ownName: string, cwd: string, dir: string, top: string): Dependency {
  const s = spec.trim();
  if (s === '' || /[\s\u0000-\u001f"]/.test(s)) throw smsError('CLI_SPEC_INVALID', { value: forTerminal(spec).slice(0, 200) });
  if (/^(git\+(https|ssh|file|http):\/\/|git:\/\/|(github|gitlab|bitbucket):)/.test(s)) return { name: ownName, value: s, git: true };
  if (/\.(tgz|tar\.gz)$/.test(s) || s.startsWith('file:')) {
    const abs = path.resolve(cwd, s.replace(/^file:/, ''));
    if (!existsSync(abs) || !statSync(abs).isFile()) throw smsError('CLI_SPEC_INVALID', { value: forTerminal(spec).slice(0, 200) });
    const inRepo = !isOutside(toPosixRelative(top, abs));
    const target = inRepo ? abs : path.join(dir, '.sms', path.basename(abs));
    const rel = toPosixRelative(dir, target);
    return {
      name: ownName,
      value: `file:${rel}`,
      git: false,
      ...(inRepo ? {} : { copyFrom: abs, copyTo: target }),
    };
  }
  const m = /^((?:@[a-z0-9][\w.~-]*\/)?[a-z0-9][\w.~-]*)@(\d+\.\d+\.\d+[\w.+-]*)$/.exec(s);
  if (m) return { name: m[1]!, value: m[2]!, git: false };
  if (/^\d+\.\d+\.\d+[\w.+-]*$/.test(s)) return { name: ownName, value: s, git: false };
  throw smsError('CLI_SPEC_INVALID', { value: forTerminal(spec).slice(0, 200) });
}

export interface PlannedFile {
  abs: string;
  content: string;
  copyFrom?: string;
}

/**
 * Where the GitHub workflow goes: `sms.yml`, unless that already runs another SMS of the repository
 * (a second one in another subfolder): GitHub runs every workflow file, so the second gets its own,
 * named after its folder. An `sms.yml` for this same folder is left as it is (init --force).
 */
function githubWorkflow(top: string, workdir: string, workdirYaml: string): string {
  const dir = path.join(top, '.github', 'workflows');
  const first = path.join(dir, 'sms.yml');
  if (!existsSync(first) || !workdir) return first;
  let text: string;
  try {
    text = readFileSync(first, 'utf8');
  } catch {
    return first;
  }
  if (text.includes(`working-directory: ${workdirYaml}\n`)) return first;
  return path.join(dir, `sms-${slugify(workdir.replace(/\//g, '-')) || 'sms'}.yml`);
}

/** The CI configuration, the private package.json that pins sms, and what git should ignore. */
export function ciFiles(o: {
  ci: 'github' | 'gitlab';
  sarif: boolean;
  dir: string;
  top: string;
  branch: string;
  spec: Dependency;
  org: string;
}): PlannedFile[] {
  const workdir = toPosixRelative(o.top, o.dir);
  checkCiFolder(workdir);
  const inSub = (f: string): string => (workdir ? `${workdir}/${f}` : f);
  const data = {
    workdir,
    workdirYaml: yamlString(workdir),
    workdirShell: shellWord(workdir),
    branch: o.branch,
    sarif: o.sarif && o.ci === 'github',
    lockfile: yamlString(inSub('package-lock.json')),
    sarifPath: yamlString(inSub('sms.sarif')),
  };
  const files: PlannedFile[] = [];
  if (o.ci === 'github') files.push({ abs: githubWorkflow(o.top, workdir, data.workdirYaml), content: renderInit('sms.yml.hbs', data) });
  else {
    // GitLab reads one file at the root; when it exists, the job goes beside the SMS for an include.
    const root = path.join(o.top, '.gitlab-ci.yml');
    const target = existsSync(root) ? path.join(o.dir, 'sms.gitlab-ci.yml') : root;
    files.push({ abs: target, content: renderInit('gitlab-ci.yml.hbs', data) });
  }
  const pkg = {
    name: `${slugify(o.org) || 'service-management'}-sms`.slice(0, 200),
    private: true,
    description: `The service management system of ${o.org}; package.json pins the sms that CI runs.`,
    scripts: { validate: 'sms validate' },
    devDependencies: { [o.spec.name]: o.spec.value },
    ...(o.spec.git ? { allowScripts: { [o.spec.name]: true } } : {}),
    engines: { node: '>=22' },
  };
  files.push({ abs: path.join(o.dir, 'package.json'), content: `${JSON.stringify(pkg, null, 2)}\n` });
  files.push({ abs: path.join(o.dir, '.gitignore'), content: 'node_modules/\nsms.sarif\ngl-code-quality-report.json\n' });
  if (o.spec.copyFrom) files.push({ abs: o.spec.copyTo!, content: '', copyFrom: o.spec.copyFrom });
  return files;
}

// Characters the CI reads with a meaning of its own even inside a quoted value: `$` (GitHub's
// `${{ }}` expressions, variables), glob characters and `\` (the lockfile path is a glob pattern for
// the npm cache), and control characters, line breaks and bidirectional marks (they could end a
// comment line or hide what the file says).
const CI_UNSAFE = new RegExp(`[$\\\\*?[\\]{}!${LINE_CONTROLS}${BIDI_MARKS}]`);

/**
 * The SMS folder's path (from the repository root) goes into YAML values, a shell command
 * (GitLab's script) and the npm cache's lockfile pattern. YAML and the shell are handled by
 * quoting; a path that quoting cannot make safe is refused before anything is written.
 */
function checkCiFolder(workdir: string): void {
  const bad = CI_UNSAFE.exec(workdir);
  // A pattern that starts with # is a comment line in setup-node's list of lockfile patterns.
  const comment = workdir.split('/').some((segment) => segment.startsWith('#'));
  if (!bad && !comment) return;
  const what = !bad ? 'a # at the start of a folder name' : /^[\x21-\x7e]$/.test(bad[0]) ? `"${bad[0]}"` : 'a control character';
  throw smsError('CI_FOLDER_NAME', { folder: forTerminal(workdir).slice(0, 200), what });
}

/** A path as a YAML value: plain when it reads back as the same string, otherwise double-quoted. */
export function yamlString(s: string): string {
  const plain =
    /^[A-Za-z0-9_][\w./-]*$/.test(s) && !/^(?:true|false|null|yes|no|on|off|y|n|[-+]?[\d._]+(?:e[-+]?\d+)?|0x[\da-f]+|0o[0-7]+)$/i.test(s);
  // JSON's string syntax is a YAML double-quoted scalar.
  return plain ? s : JSON.stringify(s);
}

/** A path as one POSIX shell word: single-quoted unless plain, and never read as an option. */
export function shellWord(s: string): string {
  const word = s.startsWith('-') ? `./${s}` : s;
  return /^[\w./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

export function renderInit(name: string, data: object): string {
  return Handlebars.create().compile(readFileSync(packagePath('templates', 'init', name), 'utf8'), { noEscape: true })(data, {
    helpers: { yaml: (v: unknown) => JSON.stringify(String(v)) },
  });
}

/**
 * Runs npm to pin the exact sms in package-lock.json (CI's npm ci needs it). Only the lockfile is
 * written: nothing is installed and no package script runs. A failure (offline, no npm) is not
 * fatal: the user is told to run npm install.
 */
/**
 * What npm's error output says went wrong, in one line: its first statement and its last (the
 * cause git or the registry gave), without the exit code, the command and the log file's name.
 */
export function npmReason(stderr: string): string {
  const said = stderr
    .split('\n')
    .map((l) => l.replace(/^npm (error|ERR!)\s*/, '').trim())
    .filter((l) => l !== '' && !/^(code|errno|syscall|command|path|A complete log)\b/.test(l));
  const first = said[0];
  const last = said.at(-1);
  return first === undefined ? '' : first === last ? first : `${first}: ${last}`;
}

export async function writeLockfile(io: CliIO, dir: string): Promise<boolean> {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  return new Promise((resolve) => {
    const child = spawn(npm, ['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
      cwd: dir,
      env: { ...io.env, GIT_TERMINAL_PROMPT: '0' },
      stdio: ['ignore', 'ignore', 'pipe'],
      shell: process.platform === 'win32',
    });
    let err = '';
    child.stderr!.on('data', (b: Buffer) => (err += b.toString('utf8')));
    child.on('error', () => resolve(false));
    child.on('close', (code) => {
      if (code !== 0) {
        const why = npmReason(err);
        if (why) io.stderr.write(`sms: npm could not resolve the sms dependency: ${forTerminal(why).slice(0, 300)}\n`);
      }
      resolve(code === 0 && existsSync(path.join(dir, 'package-lock.json')));
    });
  });
}
