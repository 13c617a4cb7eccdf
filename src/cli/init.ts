import { copyFileSync, existsSync, readdirSync, rmdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { smsError } from '../errors.js';
import { EMAIL, parsePerson } from './person.js';
import { hasControlCharacter } from '../strings.js';
import { toPosixRelative } from '../paths.js';
import { builtInTypes, formatId, type WorkType } from '../model/types.js';
import { renderTemplate, type TemplateContext } from '../model/render.js';
import { slugify } from '../repo/ids.js';
import { commit, git, gitAvailable, gitIdentity, initRepository, workTreeRoot, type Identity } from '../git/git.js';
import { CONFIG_FILE } from '../repo/config.js';
import { isTimeZone } from '../calendar.js';
import { today, type CliIO } from './io.js';
import { forTerminal } from '../formatters/terminal.js';
import { ciFiles, defaultSpec, dependencySpec, ownPackage, renderInit, writeLockfile, yamlString, type PlannedFile } from './ci.js';
import { ioError, makeDirs, withFileLock, writeExclusive } from './write.js';

export interface InitOptions {
  dir: string;
  yes: boolean;
  org?: string;
  manager?: string;
  service?: string;
  sample: boolean;
  force: boolean;
  git: boolean;
  /** The CI to write, at the root of the git repository: GitHub Actions, GitLab CI or none. */
  ci?: 'github' | 'gitlab' | 'none';
  /** What CI installs as sms (package.json devDependency): a git URL, a tarball or name@version. */
  cliSpec?: string;
  /** GitHub: also upload SARIF to code scanning. */
  sarif?: boolean;
  /** Run npm to write package-lock.json (CI runs npm ci, which needs it). */
  install?: boolean;
  /** The time zone service hours, days and months are counted in (IANA name); else this machine's. */
  timezone?: string;
}

/** The governance starter set: created in draft, to be filled in and approved. */
const STARTER_TYPES = ['scope', 'roles', 'policy', 'customer-experience-approach', 'document-procedure', 'change-procedure'];

export async function initCommand(io: CliIO, opts: InitOptions): Promise<number> {
  const dir = path.resolve(io.cwd, opts.dir);
  if (opts.sample) {
    // The sample is one fictional organisation with its own people and history: these would be ignored.
    const ignored = [
      ...(opts.org !== undefined ? ['--org'] : []),
      ...(opts.manager !== undefined ? ['--manager'] : []),
      ...(opts.service !== undefined ? ['--service'] : []),
      ...(opts.timezone !== undefined ? ['--timezone'] : []),
      ...(opts.git ? [] : ['--no-git']),
      ...(opts.force ? ['--force'] : []),
    ];
    if (ignored.length) throw smsError('SAMPLE_OPTIONS', { options: ignored });
  }
  checkTarget(dir, opts.force && !opts.sample);
  if (opts.sample) {
    const { createSample } = await import('./sample.js');
    return createSample(io, dir, { ci: opts.ci, cliSpec: opts.cliSpec, sarif: opts.sarif, install: opts.install });
  }
  const ctx = { cwd: io.cwd, env: io.env };
  if (opts.git && !(await gitAvailable(ctx))) {
    throw smsError('GIT_MISSING');
  }
  const ci = opts.ci ?? 'github';
  // Where the git repository starts: an SMS in a subfolder of an existing repository gets its CI at
  // the repository root (the only place GitHub and GitLab read it), working in the subfolder.
  const existingTop = await repositoryRoot(dir, opts.git, io);
  const top = existingTop ?? dir;
  // The git identity names the Service Manager by default, with --no-git too where git is there.
  const identity = opts.git || (await gitAvailable(ctx)) ? await gitIdentity(ctx).catch(() => undefined) : undefined;
  const answers = await gatherAnswers(io, opts, dir, identity, ci);
  const files = starterFiles(answers, io, dir, ci, top);
  const pkg = ownPackage();
  if (ci !== 'none') {
    const spec = dependencySpec(answers.cliSpec!, pkg.name, io.cwd, dir, top);
    files.push(
      ...ciFiles({ ci, sarif: Boolean(opts.sarif), dir, top, branch: await defaultBranch(existingTop, io), spec, org: answers.org }),
    );
  }

  let createdRoot: string | undefined;
  try {
    createdRoot = makeDirs(dir);
  } catch (err) {
    throw ioError(err, dir);
  }
  const written: string[] = [];
  const skipped: string[] = [];
  const label = (abs: string): string => toPosixRelative(dir, abs);
  let lockWritten = false;
  try {
    // One init at a time per folder: a second one racing this waits for nothing, finds the folder
    // taken (busy, or no longer empty) and exits 2 having written nothing.
    await withFileLock(path.join(dir, CONFIG_FILE), async () => {
      checkTarget(dir, opts.force);
      const createdDirs: string[] = [];
      // Said once everything stands: a failed first commit takes the whole scaffold back.
      const notes: string[] = [];
      let createdRepository = false;
      try {
        for (const f of files) {
          if (existsSync(f.abs)) {
            skipped.push(label(f.abs));
            continue;
          }
          if (f.copyFrom) {
            const createdDir = makeDirs(path.dirname(f.abs));
            if (createdDir) createdDirs.push(createdDir);
            copyFileSync(f.copyFrom, f.abs);
            io.written?.push(f.abs);
          } else {
            const createdDir = writeExclusive(f.abs, f.content, io);
            if (createdDir) createdDirs.push(createdDir);
          }
          written.push(label(f.abs));
        }
        notes.push(
          `Created the SMS of ${forTerminal(answers.org)} in ${forTerminal(path.relative(io.cwd, dir)) || '.'} (${written.length} files)\n`,
        );
        if (opts.sarif && ci !== 'github')
          notes.push(
            `--sarif applies to GitHub only (code scanning)${ci === 'gitlab' ? ': the GitLab job writes a Code Quality report instead' : ''}\n`,
          );
        if (skipped.length)
          notes.push(`Skipped ${skipped.length} existing file(s), left as they were:\n${skipped.map((s) => `  ${s}\n`).join('')}`);
        if (skipped.includes('package.json') && ci !== 'none') {
          notes.push(
            `package.json was already there: add "${pkg.name}": ${JSON.stringify(dependencySpec(answers.cliSpec!, pkg.name, io.cwd, dir, top).value)} to its devDependencies for CI\n`,
          );
        }
        const include = written.find((w) => w.endsWith('sms.gitlab-ci.yml'));
        if (include) {
          const fromTop = toPosixRelative(top, path.join(dir, include));
          notes.push(`GitLab reads only .gitlab-ci.yml: add "include: [{ local: ${yamlString(fromTop)} }]" to it to run the sms job\n`);
        }
        if (ci !== 'none' && written.includes('package.json')) {
          lockWritten = opts.install !== false && (await writeLockfile(io, dir));
          if (lockWritten) {
            written.push('package-lock.json');
            io.written?.push(path.join(dir, 'package-lock.json'));
          } else
            notes.push(
              'package-lock.json was not written: run "npm install" in the SMS folder and commit package-lock.json before you push (CI runs npm ci)\n',
            );
        }
        if (opts.git) {
          const here = { cwd: dir, env: io.env };
          const inside = await workTreeRoot(here);
          if (!inside) {
            // A .git that is not a repository yet (git init takes it over) is not this run's to remove.
            const hadGit = existsSync(path.join(dir, '.git'));
            await initRepository(here);
            createdRepository = !hadGit;
            const author: Identity = identity ?? answers.manager;
            // Only the files this run wrote: anything that was already in the folder (with --force) is
            // left for the user to review and commit.
            try {
              await commit({
                ...here,
                message: `Initialise the service management system of ${answers.org}\n\nCreated by sms init.`,
                author,
                paths: written,
              });
            } catch (err) {
              throw smsError('INIT_COMMIT_FAILED', { reason: err instanceof Error ? err.message : String(err) });
            }
            notes.push(
              `Initialised a git repository and committed the ${written.length} new files as ${forTerminal(author.name)} <${forTerminal(author.email)}>\n`,
            );
          } else {
            notes.push('The directory is inside an existing git repository: review and commit the new files yourself\n');
          }
        }
      } catch (err) {
        // Nothing half-made: remove what this run created (its files, folders and the repository
        // it started) before failing; whatever was there before is left as it was.
        if (createdRepository) rmSync(path.join(dir, '.git'), { recursive: true, force: true });
        for (const f of [...written].reverse()) rmSync(path.join(dir, ...f.split('/')), { force: true });
        // Its folders go only where empty: someone else may have saved a file into one meanwhile.
        for (const d of createdDirs.reverse()) removeEmptyTree(d);
        written.length = 0;
        io.written?.splice(0);
        throw err;
      }
      for (const n of notes) io.stdout.write(n);
    });
  } catch (err) {
    // Folders this run created are removed only while empty: a racing init may be writing into them.
    if (createdRoot && written.length === 0) removeEmptyUpTo(dir, createdRoot);
    throw err;
  }
  io.stdout.write('Next: fill in governance/ and procedures/, then run "sms validate"\n');
  return 0;
}

/** Removes the empty folders of a tree, deepest first; a folder holding anything stays. */
function removeEmptyTree(d: string): void {
  let entries;
  try {
    entries = readdirSync(d, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) if (e.isDirectory()) removeEmptyTree(path.join(d, e.name));
  try {
    rmdirSync(d);
  } catch {
    // not empty (someone else's file), or gone: leave it
  }
}

/** The root of the git repository `dir` will be in, or undefined when it will start its own. */
async function repositoryRoot(dir: string, useGit: boolean, io: CliIO): Promise<string | undefined> {
  let probe = dir;
  while (!existsSync(probe) && path.dirname(probe) !== probe) probe = path.dirname(probe);
  if (useGit) return workTreeRoot({ cwd: probe, env: io.env });
  // Without git: the nearest folder with a .git entry, read from the file system only.
  for (let d = probe; ; d = path.dirname(d)) {
    if (existsSync(path.join(d, '.git'))) return d;
    if (path.dirname(d) === d) return undefined;
  }
}

/**
 * The branch whose pushes CI checks in full: the remote's default branch when the clone knows it,
 * else the current branch when it looks like a main line (init may run on a feature branch), else main.
 */
async function defaultBranch(top: string | undefined, io: CliIO): Promise<string> {
  if (!top) return 'main';
  const ask = async (args: string[]): Promise<string> => {
    const r = await git(args, { cwd: top, env: io.env, okCodes: [1, 128] }).catch(() => undefined);
    return r?.code === 0 ? r.stdout.trim() : '';
  };
  const remote = (await ask(['symbolic-ref', '--quiet', '--short', 'refs/remotes/origin/HEAD'])).replace(/^origin\//, '');
  const current = await ask(['symbolic-ref', '--quiet', '--short', 'HEAD']);
  const name = remote || (['main', 'master', 'trunk', 'develop'].includes(current) ? current : '');
  return /^[\w./-]+$/.test(name) ? name : 'main';
}

interface Answers {
  org: string;
  manager: Identity;
  service: string;
  /** What CI installs as sms; undefined when no CI is written. */
  cliSpec?: string;
  timezone: string;
}

function checkTarget(dir: string, force: boolean): void {
  if (!existsSync(dir)) return;
  if (!statSync(dir).isDirectory()) throw smsError('NOT_A_DIRECTORY', { dir });
  // The .git folder and this run's own lock do not make a folder "not empty".
  const entries = readdirSync(dir).filter((e) => e !== '.git' && e !== `.${CONFIG_FILE}.lock`);
  if (entries.length > 0 && !force) {
    throw smsError('NOT_EMPTY', { dir });
  }
}

async function gatherAnswers(io: CliIO, opts: InitOptions, dir: string, identity: Identity | undefined, ci: string): Promise<Answers> {
  const fallbackOrg =
    path
      .basename(dir)
      .replace(/[-_]+/g, ' ')
      .replace(/\b\w/g, (c) => c.toUpperCase()) || 'My Organisation';
  const interactive = !opts.yes && Boolean(io.stdin?.isTTY) && Boolean(io.stdout.isTTY);
  let org = clean(opts.org);
  let manager = opts.manager ? parsePerson(opts.manager, '--manager') : undefined;
  let service = clean(opts.service);
  let cliSpec = opts.cliSpec?.trim() || defaultSpec();
  let timezone = opts.timezone?.trim();
  if (timezone !== undefined && !isTimeZone(timezone)) throw smsError('INIT_TIMEZONE', { value: forTerminal(timezone).slice(0, 64) });
  const machine = localZone(io);
  const machineZone = machine.zone;
  if (interactive) {
    const questions: Question[] = [];
    if (!org) questions.push({ key: 'org', text: `Organisation name (${fallbackOrg}): ` });
    if (!manager) {
      questions.push({ key: 'name', text: `Service manager name${identity ? ` (${identity.name})` : ''}: ` });
      questions.push({
        key: 'email',
        text: `Service manager e-mail${identity ? ` (${identity.email})` : ''}: `,
        // An empty answer takes the default; anything else must be an address.
        check: (a) => a === '' || EMAIL.test(a),
        retry: 'That is not an e-mail address (name@example.org); try again: ',
      });
    }
    if (!service) questions.push({ key: 'service', text: 'First service (Service desk): ' });
    if (!timezone)
      questions.push({
        key: 'timezone',
        text: `Time zone of your service hours (${machineZone}): `,
        check: (a) => a === '' || isTimeZone(a),
        retry: 'That is not a time zone name (such as Europe/Berlin or America/New_York); try again: ',
      });
    if (!cliSpec && ci !== 'none')
      questions.push({
        key: 'spec',
        text: 'Where CI installs sms from (git URL with a tag, .tgz path, or name@version): ',
        check: (a) => a !== '',
        retry: 'CI needs one (or run sms init with --ci none); try again: ',
      });
    const answers = await ask(io, questions);
    const got = (k: string): string => clean(answers[questions.findIndex((q) => q.key === k)]) ?? '';
    org ||= got('org') || fallbackOrg;
    if (!manager) {
      const name = got('name') || identity?.name || '';
      const email = got('email') || identity?.email || '';
      if (email && !EMAIL.test(email)) throw smsError('EMAIL_FORMAT', { value: forTerminal(email).slice(0, 100) });
      if (name && email) manager = { name, email };
    }
    service ||= got('service') || 'Service desk';
    timezone ||= got('timezone') || undefined;
    cliSpec ||= got('spec') || undefined;
  }
  // With no terminal to ask on and no --yes, say which answers were taken as defaults: a name made
  // from the folder's would otherwise end up in every document title unremarked.
  if (!interactive && !opts.yes) {
    const taken = [
      ...(org ? [] : [`organisation "${forTerminal(fallbackOrg)}" (from the folder name)`]),
      ...(service ? [] : ['first service "Service desk"']),
      ...(timezone ? [] : [`time zone "${machineZone}" (${machine.why})`]),
    ];
    if (taken.length)
      io.stderr.write(
        `sms: no terminal to ask on: took ${listed(taken)}; give ${listed([...(org ? [] : ['--org']), ...(service ? [] : ['--service']), ...(timezone ? [] : ['--timezone'])])} to choose, or --yes to take the defaults without this note\n`,
      );
  }
  manager ??= identity;
  if (!manager) {
    throw smsError('NO_MANAGER');
  }
  // The git identity (the default) is written into the roles document as it is: checked like --manager.
  if (hasControlCharacter(manager.name) || hasControlCharacter(manager.email))
    throw smsError('PERSON_CONTROL', { flag: opts.manager ? '--manager' : 'the Service Manager (git config user.name and user.email)' });
  if (!EMAIL.test(manager.email)) throw smsError('EMAIL_FORMAT', { value: forTerminal(manager.email).slice(0, 100) });
  if (ci !== 'none' && !cliSpec) throw smsError('CLI_SPEC_NEEDED');
  return {
    org: org || fallbackOrg,
    manager,
    service: service || 'Service desk',
    cliSpec: ci !== 'none' ? cliSpec : undefined,
    timezone: canonicalZone(timezone || machineZone),
  };
}

/** A time zone name as the platform spells it (europe/berlin is Europe/Berlin, US/Eastern America/New_York). */
function canonicalZone(tz: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone: tz }).resolvedOptions().timeZone ?? tz;
}

/** "a", "a and b", "a, b and c". */
const listed = (items: string[]): string => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);

/**
 * This machine's time zone, the default for the organisation's: TZ where it names one (a POSIX rule
 * such as CET-1CEST does not), else the platform's, else UTC; and where it came from, in words.
 */
function localZone(io: CliIO): { zone: string; why: string } {
  const tz = io.env.TZ;
  if (isTimeZone(tz)) return { zone: tz, why: "this machine's" };
  if (tz !== undefined && tz !== '') return { zone: 'UTC', why: `TZ="${forTerminal(tz).slice(0, 64)}" names no time zone sms knows` };
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return isTimeZone(zone) ? { zone, why: "this machine's" } : { zone: 'UTC', why: 'this machine names none' };
}

/** An answer or flag value as one line of text: control characters cannot reach the files. */
function clean(s: string | undefined): string | undefined {
  return s === undefined ? undefined : forTerminal(s).trim();
}

interface Question {
  key: string;
  text: string;
  /** Whether an answer is acceptable; a refused answer is asked again with `retry`. */
  check?: (answer: string) => boolean;
  retry?: string;
}

/**
 * Asks each question on the terminal and collects the answers line by line, so answers typed
 * ahead (or pasted) are kept. End of input leaves the remaining answers empty (their defaults);
 * Ctrl+C cancels before anything is written.
 */
async function ask(io: CliIO, questions: Question[]): Promise<string[]> {
  const { createInterface } = await import('node:readline');
  const rl = createInterface({ input: io.stdin!, output: io.stdout as NodeJS.WritableStream, terminal: true });
  const queued: string[] = [];
  let waiting: ((line: string | undefined) => void) | undefined;
  let closed = false;
  let cancelled = false;
  const deliver = (line: string | undefined): void => {
    const w = waiting;
    waiting = undefined;
    w?.(line);
  };
  rl.on('line', (line) => (waiting ? deliver(line) : queued.push(line)));
  rl.on('SIGINT', () => {
    cancelled = true;
    rl.close();
  });
  rl.on('close', () => {
    closed = true;
    deliver(undefined);
  });
  const next = async (prompt: string): Promise<string | undefined> => {
    rl.setPrompt(prompt);
    rl.prompt();
    return queued.length ? queued.shift() : closed ? undefined : new Promise<string | undefined>((resolve) => (waiting = resolve));
  };
  const answers: string[] = [];
  for (const q of questions) {
    if (cancelled) break;
    let line = await next(q.text);
    // Asked again until acceptable; at the end of input the last answer stands and is refused
    // afterwards, before anything is written.
    for (let tries = 0; line !== undefined && q.check && !q.check(line.trim()) && tries < 5 && !cancelled; tries++) {
      const again = await next(q.retry ?? q.text);
      if (again === undefined) break;
      line = again;
    }
    answers.push(line ?? '');
  }
  rl.close();
  io.stdout.write('\n');
  if (cancelled) throw smsError('CANCELLED');
  return answers;
}

function starterFiles(a: Answers, io: CliIO, dir: string, provider: string, top: string): PlannedFile[] {
  const workdir = toPosixRelative(top, dir);
  const ci = {
    gitlab: provider === 'gitlab',
    ciFile: provider === 'github' ? '.github/workflows/sms.yml' : provider === 'gitlab' ? '.gitlab-ci.yml' : undefined,
    cliSpec: a.cliSpec,
    workdir,
  };
  const types = new Map(builtInTypes().map((t) => [t.key, t]));
  const day = today(io, a.timezone);
  const serviceType = types.get('service')!;
  const serviceId = formatId(serviceType, 1);
  const ctx = (type: WorkType, title: string): TemplateContext => ({
    id: type.id.singleton ?? serviceId,
    title,
    org: a.org,
    me: a.manager.email,
    manager: { name: a.manager.name, email: a.manager.email, ref: a.manager.email },
    firstService: serviceId,
    today: day,
    now: `${day}T09:00:00Z`,
  });
  const files: [string, string][] = [
    [CONFIG_FILE, renderInit('sms.config.yaml.hbs', { org: a.org, timezone: a.timezone })],
    ['README.md', renderInit('README.md.hbs', { org: a.org, ...ci })],
  ];
  for (const key of STARTER_TYPES) {
    const t = types.get(key)!;
    const title = key === 'policy' ? `${a.org} service delivery policy and SMS plan` : `${a.org}: ${t.title.toLowerCase()}`;
    files.push([`${t.folder}/${t.key}.md`, renderTemplate(t, ctx(t, title))]);
  }
  files.push([`${serviceType.folder}/${serviceId}-${slugify(a.service)}.md`, renderTemplate(serviceType, ctx(serviceType, a.service))]);
  return files.map(([rel, content]) => ({ abs: path.join(dir, ...rel.split('/')), content }));
}

/** Removes `dir` and its parents up to `top` (inclusive), stopping at the first that is not empty. */
function removeEmptyUpTo(dir: string, top: string): void {
  for (let d = dir; d.startsWith(top); d = path.dirname(d)) {
    try {
      rmdirSync(d);
    } catch {
      return;
    }
    if (d === top) return;
  }
}
