import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { smsError } from '../errors.js';
import { parsePerson } from './person.js';
import { packagePath } from '../paths.js';
import { builtInTypes, formatId, type WorkType } from '../model/types.js';
import { renderTemplate, type TemplateContext } from '../model/render.js';
import { slugify } from '../repo/ids.js';
import { commit, gitAvailable, gitIdentity, initRepository, workTreeRoot, type Identity } from '../git/git.js';
import { CONFIG_FILE } from '../repo/config.js';
import { today, type CliIO } from './io.js';
import { version } from '../version.js';
import { ioError, withFileLock, writeExclusive } from './write.js';

export interface InitOptions {
  dir: string;
  yes: boolean;
  org?: string;
  manager?: string;
  service?: string;
  sample: boolean;
  force: boolean;
  git: boolean;
}

/** The governance starter set: created in draft, to be filled in and approved. */
const STARTER_TYPES = ['scope', 'roles', 'policy', 'customer-experience-approach', 'document-procedure', 'change-procedure'];

export async function initCommand(io: CliIO, opts: InitOptions): Promise<number> {
  const dir = path.resolve(io.cwd, opts.dir);
  checkTarget(dir, opts.force && !opts.sample);
  if (opts.sample) {
    const { createSample } = await import('./sample.js');
    return createSample(io, dir);
  }
  const ctx = { cwd: io.cwd, env: io.env };
  if (opts.git && !(await gitAvailable(ctx))) {
    throw smsError('GIT_MISSING');
  }
  const identity = opts.git ? await gitIdentity(ctx).catch(() => undefined) : undefined;
  const answers = await gatherAnswers(io, opts, dir, identity);
  const files = starterFiles(answers, io);

  let createdRoot: string | undefined;
  try {
    createdRoot = mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw ioError(err, dir);
  }
  const written: string[] = [];
  const skipped: string[] = [];
  try {
    // One init at a time per folder: a second one racing this waits for nothing, finds the folder
    // taken (busy, or no longer empty) and exits 2 having written nothing.
    await withFileLock(path.join(dir, CONFIG_FILE), async () => {
      checkTarget(dir, opts.force);
      const createdDirs: string[] = [];
      try {
        for (const [rel, content] of files) {
          const abs = path.join(dir, ...rel.split('/'));
          if (existsSync(abs)) {
            skipped.push(rel);
            continue;
          }
          const createdDir = writeExclusive(abs, content, io);
          written.push(rel);
          if (createdDir) createdDirs.push(createdDir);
        }
      } catch (err) {
        // Nothing half-written: remove what this run created before failing.
        for (const f of [...written].reverse()) rmSync(path.join(dir, ...f.split('/')), { force: true });
        for (const d of createdDirs.reverse()) rmSync(d, { recursive: true, force: true });
        written.length = 0;
        io.written?.splice(0);
        throw err;
      }
      io.stdout.write(`Created the SMS of ${answers.org} in ${path.relative(io.cwd, dir) || '.'} (${written.length} files)\n`);
      if (skipped.length)
        io.stdout.write(`Skipped ${skipped.length} existing file(s), left as they were:\n${skipped.map((s) => `  ${s}\n`).join('')}`);
      if (opts.git) {
        const here = { cwd: dir, env: io.env };
        const top = await workTreeRoot(here);
        if (!top) {
          await initRepository(here);
          const author: Identity = identity ?? answers.manager;
          // Only the files this run wrote: anything that was already in the folder (with --force) is
          // left for the user to review and commit.
          await commit({
            ...here,
            message: `Initialise the service management system of ${answers.org}\n\nCreated by sms init.`,
            author,
            paths: written,
          });
          io.stdout.write(
            `Initialised a git repository and committed the ${written.length} new files as ${author.name} <${author.email}>\n`,
          );
        } else {
          io.stdout.write('The directory is inside an existing git repository: review and commit the new files yourself\n');
        }
      }
    });
  } catch (err) {
    // Folders this run created are removed only while empty: a racing init may be writing into them.
    if (createdRoot && written.length === 0) removeEmptyUpTo(dir, createdRoot);
    throw err;
  }
  io.stdout.write('Next: fill in governance/ and procedures/, then run "sms validate"\n');
  return 0;
}

interface Answers {
  org: string;
  manager: Identity;
  service: string;
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

async function gatherAnswers(io: CliIO, opts: InitOptions, dir: string, identity?: Identity): Promise<Answers> {
  const fallbackOrg =
    path
      .basename(dir)
      .replace(/[-_]+/g, ' ')
      .replace(/\b\w/g, (c) => c.toUpperCase()) || 'My Organisation';
  const interactive = !opts.yes && Boolean(io.stdin?.isTTY) && Boolean(io.stdout.isTTY);
  let org = opts.org?.trim();
  let manager = opts.manager ? parsePerson(opts.manager, '--manager') : undefined;
  let service = opts.service?.trim();
  if (interactive) {
    const questions: { key: 'org' | 'name' | 'email' | 'service'; text: string }[] = [];
    if (!org) questions.push({ key: 'org', text: `Organisation name (${fallbackOrg}): ` });
    if (!manager) {
      questions.push({ key: 'name', text: `Service manager name${identity ? ` (${identity.name})` : ''}: ` });
      questions.push({ key: 'email', text: `Service manager e-mail${identity ? ` (${identity.email})` : ''}: ` });
    }
    if (!service) questions.push({ key: 'service', text: 'First service (Service desk): ' });
    const answers = await ask(
      io,
      questions.map((q) => q.text),
    );
    const got = (k: string): string => (answers[questions.findIndex((q) => q.key === k)] ?? '').trim();
    org ||= got('org') || fallbackOrg;
    if (!manager) {
      const name = got('name') || identity?.name || '';
      const email = got('email') || identity?.email || '';
      if (name && email) manager = { name, email };
    }
    service ||= got('service') || 'Service desk';
  }
  manager ??= identity;
  if (!manager) {
    throw smsError('NO_MANAGER');
  }
  return { org: org || fallbackOrg, manager, service: service || 'Service desk' };
}

/**
 * Asks each question on the terminal and collects the answers line by line, so answers typed
 * ahead (or pasted) are kept. End of input leaves the remaining answers empty (their defaults);
 * Ctrl+C cancels before anything is written.
 */
async function ask(io: CliIO, questions: string[]): Promise<string[]> {
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
  const answers: string[] = [];
  for (const q of questions) {
    if (cancelled) break;
    rl.setPrompt(q);
    rl.prompt();
    const line = queued.length
      ? queued.shift()
      : closed
        ? undefined
        : await new Promise<string | undefined>((resolve) => (waiting = resolve));
    answers.push(line ?? '');
  }
  rl.close();
  io.stdout.write('\n');
  if (cancelled) throw smsError('CANCELLED');
  return answers;
}

function starterFiles(a: Answers, io: CliIO): [string, string][] {
  const types = new Map(builtInTypes().map((t) => [t.key, t]));
  const day = today(io);
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
  const init = (name: string, data: object): string =>
    Handlebars.create().compile(readFileSync(packagePath('templates', 'init', name), 'utf8'), { noEscape: true })(data, {
      helpers: { yaml: (v: unknown) => JSON.stringify(String(v)) },
    });
  const files: [string, string][] = [
    [CONFIG_FILE, init('sms.config.yaml.hbs', { org: a.org })],
    ['README.md', init('README.md.hbs', { org: a.org, pkg: 'sms-cli' })],
    ['.github/workflows/sms.yml', init('sms.yml.hbs', { pkg: 'sms-cli', version: version() })],
  ];
  for (const key of STARTER_TYPES) {
    const t = types.get(key)!;
    const title = key === 'policy' ? `${a.org} service delivery policy and SMS plan` : `${a.org}: ${t.title.toLowerCase()}`;
    files.push([`${t.folder}/${t.key}.md`, renderTemplate(t, ctx(t, title))]);
  }
  files.push([`${serviceType.folder}/${serviceId}-${slugify(a.service)}.md`, renderTemplate(serviceType, ctx(serviceType, a.service))]);
  return files;
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
