import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { SmsError } from '../diagnostic.js';
import { packagePath } from '../paths.js';
import { builtInTypes, formatId, type WorkType } from '../model/types.js';
import { renderTemplate, type TemplateContext } from '../model/render.js';
import { slugify } from '../repo/ids.js';
import { commit, gitAvailable, gitIdentity, initRepository, workTreeRoot, type Identity } from '../git/git.js';
import { CONFIG_FILE } from '../repo/config.js';
import { today, type CliIO } from './io.js';
import { version } from './run.js';
import { writeExclusive } from './write.js';

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
  if (opts.git && !(await gitAvailable(io.cwd))) {
    throw new SmsError(
      'GIT_MISSING',
      'git is not installed or not on PATH; nothing was written',
      'install git, or run "sms init --no-git"',
    );
  }
  const identity = opts.git ? await gitIdentity(io.cwd).catch(() => undefined) : undefined;
  const answers = await gatherAnswers(io, opts, dir, identity);
  const files = starterFiles(answers, io);

  const written: string[] = [];
  const skipped: string[] = [];
  const createdDirs: string[] = [];
  try {
    for (const [rel, content] of files) {
      const abs = path.join(dir, ...rel.split('/'));
      if (existsSync(abs)) {
        skipped.push(rel);
        continue;
      }
      const createdDir = writeExclusive(abs, content);
      written.push(abs);
      if (createdDir) createdDirs.push(createdDir);
    }
  } catch (err) {
    // Nothing half-written: remove what this run created before failing.
    for (const f of written.reverse()) rmSync(f, { force: true });
    for (const d of createdDirs.reverse()) rmSync(d, { recursive: true, force: true });
    throw err;
  }

  io.stdout.write(`Created the SMS of ${answers.org} in ${path.relative(io.cwd, dir) || '.'} (${written.length} files)\n`);
  if (skipped.length)
    io.stdout.write(`Skipped ${skipped.length} existing file(s), left as they were:\n${skipped.map((s) => `  ${s}\n`).join('')}`);

  if (opts.git) {
    const top = await workTreeRoot(dir);
    if (!top) {
      await initRepository(dir);
      const author: Identity = identity ?? answers.manager;
      await commit({ cwd: dir, message: `Initialise the service management system of ${answers.org}\n\nCreated by sms init.`, author });
      io.stdout.write(`Initialised a git repository and committed as ${author.name} <${author.email}>\n`);
    } else {
      io.stdout.write('The directory is inside an existing git repository: review and commit the new files yourself\n');
    }
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
  if (!statSync(dir).isDirectory()) throw new SmsError('IO', `${dir} is a file, not a directory; nothing was written`);
  const entries = readdirSync(dir).filter((e) => e !== '.git');
  if (entries.length > 0 && !force) {
    throw new SmsError(
      'NOT_EMPTY',
      `${dir} is not empty; nothing was written`,
      'use an empty directory, or --force to add only the missing files (existing files are never overwritten)',
    );
  }
}

export function parsePerson(s: string): Identity {
  const m = /^\s*(.*?)\s*<([^<>\s]+@[^<>\s]+)>\s*$/.exec(s);
  if (!m || !m[1]) throw new SmsError('USAGE', `--manager must look like "Name <email>", got "${s}"`);
  return { name: m[1], email: m[2]! };
}

async function gatherAnswers(io: CliIO, opts: InitOptions, dir: string, identity?: Identity): Promise<Answers> {
  const fallbackOrg =
    path
      .basename(dir)
      .replace(/[-_]+/g, ' ')
      .replace(/\b\w/g, (c) => c.toUpperCase()) || 'My Organisation';
  const interactive = !opts.yes && Boolean(io.stdin?.isTTY) && Boolean(io.stdout.isTTY);
  let org = opts.org?.trim();
  let manager = opts.manager ? parsePerson(opts.manager) : undefined;
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
    throw new SmsError(
      'GIT_IDENTITY',
      'no Service Manager given and no git identity configured; nothing was written',
      'pass --manager "Name <email>", or set git config user.name and user.email',
    );
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
  if (cancelled) throw new SmsError('USAGE', 'cancelled; nothing was written');
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
