import { mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, realpathSync } from 'node:fs';
import { spawnSync, execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from '../src/cli/run.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BIN = path.join(ROOT, 'bin', 'sms.js');

const made: string[] = [];
/** Removes the folders tmp() made; test/setup.ts runs it after each test of every file. */
export function removeTemporaryFolders(): void {
  while (made.length) rmSync(made.pop()!, { recursive: true, force: true });
}

/** A fresh temporary directory, removed after the test. */
export function tmp(prefix = 'sms-test-'): string {
  const d = realpathSync(mkdtempSync(path.join(tmpdir(), prefix)));
  made.push(d);
  return d;
}

/** An environment with a fixed git identity and no user or system git configuration. */
export function testEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const home = tmp('sms-home-');
  return {
    PATH: process.env.PATH,
    HOME: home,
    GIT_CONFIG_GLOBAL: path.join(home, '.gitconfig'),
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'Ana Costa',
    GIT_AUTHOR_EMAIL: 'ana@acme.example',
    GIT_COMMITTER_NAME: 'Ana Costa',
    GIT_COMMITTER_EMAIL: 'ana@acme.example',
    SMS_TODAY: '2026-06-01',
    // The time zone sms init takes for a new organisation when none is given: the same on every machine.
    TZ: 'UTC',
    NO_COLOR: '1',
    // Every commit and merge would start \`git maintenance run --auto\`, a second process the
    // tests never need (sms removes these variables from the environment its own git gets).
    GIT_CONFIG_COUNT: '2',
    GIT_CONFIG_KEY_0: 'maintenance.auto',
    GIT_CONFIG_VALUE_0: 'false',
    GIT_CONFIG_KEY_1: 'gc.auto',
    GIT_CONFIG_VALUE_1: '0',
    // A commit made without a date of its own (by git in a test, or by sms set-status --commit and sms init) is
    // made at noon of the pinned today, not at the machine's time: a commit dated after today is a finding.
    ...pinnedDates(extra.SMS_TODAY ?? '2026-06-01'),
    ...extra,
  };
}

const pinnedDates = (today: string): Record<string, string> => ({
  GIT_AUTHOR_DATE: `${today}T12:00:00Z`,
  GIT_COMMITTER_DATE: `${today}T12:00:00Z`,
});

/** A diagnostic as `sms validate --format json` prints it (the fields the tests look at). */
export interface Finding {
  file: string;
  line: number;
  column: number;
  rule: string;
  severity: string;
  message: string;
  docId?: string;
  hint?: string;
  commit?: string;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real binary as a user would. */
export function sms(args: string[], cwd: string, env: NodeJS.ProcessEnv = testEnv()): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Runs a CLI entry point in-process with its output captured. */
async function captured(entry: typeof run, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await entry(args, {
    cwd,
    env,
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
  });
  return { code, stdout, stderr };
}

/** Runs the CLI in-process (same code path below the bin launcher). */
export function smsInProcess(args: string[], cwd: string, env: NodeJS.ProcessEnv = testEnv()): Promise<CliResult> {
  return captured(run, args, cwd, env);
}

/**
 * Runs the built bundle in-process: dist/sms.cjs, the program bin/sms.js loads, without the
 * launcher's process around it. For tests of what the build makes, at the cost of a call rather
 * than of starting Node; the launcher itself is tested through the binary.
 */
export function smsBuilt(args: string[], cwd: string, env: NodeJS.ProcessEnv = testEnv()): Promise<CliResult> {
  const { run: built } = createRequire(import.meta.url)(path.join(ROOT, 'dist', 'sms.cjs')) as { run: typeof run };
  return captured(built, args, cwd, env);
}

export function writeFiles(dir: string, files: Record<string, string | Buffer>): void {
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(dir, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
}

export interface Person {
  name: string;
  email: string;
}

export interface CommitSpec {
  files: Record<string, string | null>;
  author?: Person;
  committer?: Person;
  date?: string;
  message?: string;
}

/** Runs git with a fixed identity, no signing and the given date. */
export function gitIn(dir: string, args: string[], env: NodeJS.ProcessEnv = testEnv()): string {
  return execFileSync('git', args, { cwd: dir, env, encoding: 'utf8' });
}

/** Makes the files already in `dir` the one commit of a new repository (fixed identity and date). */
export function commitFiles(dir: string, date = '2026-01-01T09:00:00Z'): void {
  const env = testEnv({ GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date });
  execFileSync('sh', ['-c', 'git init -q -b main && git add -A && git -c commit.gpgsign=false commit -q -m records'], { cwd: dir, env });
}

/**
 * Builds a real repository commit by commit; null content deletes the file. The result is the
 * history `addCommit` makes one commit at a time (the same commit IDs), written by one
 * `git fast-import` where that gives the same commits: one shell running four git processes, not
 * three per commit.
 */
export function gitRepo(dir: string, commits: CommitSpec[], env: NodeJS.ProcessEnv = testEnv()): string[] {
  const init = 'git init -q -b main && git config commit.gpgsign false';
  const stream = commits.length > 1 && readdirSync(dir).every((f) => f === '.git') ? fastImportStream(commits) : undefined;
  if (!stream) {
    execFileSync('sh', ['-c', init], { cwd: dir, env });
    return commits.map((c) => addCommit(dir, c, env));
  }
  const marks = path.join(dir, '.git', 'sms-test-marks');
  const script = `${init} && git fast-import --quiet --done --export-marks="$1" && git reset --hard -q`;
  execFileSync('sh', ['-c', script, 'sh', marks], { cwd: dir, env, input: stream.text });
  // addCommit writes each file, creating its folders, and deletes files but never folders.
  for (const d of stream.folders) mkdirSync(path.join(dir, d), { recursive: true });
  const shas = new Map(
    readFileSync(marks, 'utf8')
      .trim()
      .split('\n')
      .map((l) => l.split(' ') as [string, string]),
  );
  rmSync(marks);
  return commits.map((_, i) => shas.get(`:${i + 1}`)!);
}

/** An ISO date as git reads it from GIT_AUTHOR_DATE, in fast-import's raw form; undefined for any other form. */
function rawDate(iso: string): string | undefined {
  const m = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|([+-])(\d\d):(\d\d))$/.exec(iso);
  if (!m || Number.isNaN(Date.parse(iso))) return undefined;
  return `${Math.floor(Date.parse(iso) / 1000)} ${m[1] === 'Z' ? '+0000' : `${m[2]}${m[3]}${m[4]}`}`;
}

/** The message `git commit -m` stores: trailing spaces and surplus blank lines removed, one final newline. */
function cleanMessage(message: string): string {
  const lines = message.split('\n').map((l) => l.trimEnd());
  const kept = lines.filter((l, i) => l !== '' || (i > 0 && lines[i - 1] !== ''));
  while (kept[0] === '') kept.shift();
  while (kept.at(-1) === '') kept.pop();
  return kept.length ? `${kept.join('\n')}\n` : '';
}

/**
 * The commits as a fast-import stream, or undefined where the stream could differ from what
 * `git add --all` and `git commit` make: paths git would not take as written, files that change how
 * git reads other files (.gitignore, .gitattributes), dates git would read in local time.
 */
function fastImportStream(commits: CommitSpec[]): { text: string; folders: Set<string> } | undefined {
  const out: string[] = [];
  const tree = new Set<string>();
  const folders = new Set<string>();
  const data = (s: string): string => `data ${Buffer.byteLength(s)}\n${s}\n`;
  for (const [i, c] of commits.entries()) {
    const author = c.author ?? { name: 'Ana Costa', email: 'ana@acme.example' };
    const committer = c.committer ?? author;
    const when = rawDate(c.date ?? '2026-01-01T10:00:00Z');
    const message = cleanMessage(c.message ?? 'change');
    if (!when || !message) return undefined;
    const person = (p: Person): string | undefined => (/[<>\n]/.test(p.name + p.email) ? undefined : `${p.name} <${p.email}> ${when}`);
    if (!person(author) || !person(committer)) return undefined;
    out.push('commit refs/heads/main\n', `mark :${i + 1}\n`, `author ${person(author)}\n`, `committer ${person(committer)}\n`);
    out.push(data(message));
    if (i > 0) out.push(`from :${i}\n`);
    for (const [rel, content] of Object.entries(c.files)) {
      const parts = rel.split('/');
      if (
        parts.some(
          (p) => p === '' || p === '.' || p === '..' || p === '.git' || /^\.git(ignore|attributes|modules)$/.test(p) || /[\n\\"]/.test(p),
        )
      )
        return undefined;
      if (content === null) {
        if (tree.delete(rel)) out.push(`D ${rel}\n`);
        continue;
      }
      if (typeof content !== 'string' || [...tree].some((f) => f.startsWith(`${rel}/`) || rel.startsWith(`${f}/`))) return undefined;
      tree.add(rel);
      for (let n = 1; n < parts.length; n++) folders.add(parts.slice(0, n).join('/'));
      out.push(`M 100644 inline ${rel}\n`, data(content));
    }
    out.push('\n');
  }
  out.push('done\n');
  return { text: out.join(''), folders };
}

export function addCommit(dir: string, c: CommitSpec, env: NodeJS.ProcessEnv = testEnv()): string {
  for (const [rel, content] of Object.entries(c.files)) {
    if (content === null) rmSync(path.join(dir, rel), { force: true });
    else writeFiles(dir, { [rel]: content });
  }
  const author = c.author ?? { name: 'Ana Costa', email: 'ana@acme.example' };
  const committer = c.committer ?? author;
  const date = c.date ?? '2026-01-01T10:00:00Z';
  const e = {
    ...env,
    GIT_AUTHOR_NAME: author.name,
    GIT_AUTHOR_EMAIL: author.email,
    GIT_COMMITTER_NAME: committer.name,
    GIT_COMMITTER_EMAIL: committer.email,
    GIT_AUTHOR_DATE: date,
    GIT_COMMITTER_DATE: date,
  };
  // One process from here, three from the shell: a child of this large process costs far more to start.
  const script = 'git add --all && git commit -q --allow-empty -m "$1" && git rev-parse HEAD';
  return execFileSync('sh', ['-c', script, 'sh', c.message ?? 'change'], { cwd: dir, env: e, encoding: 'utf8' }).trim();
}

/** Front matter plus body, the way documents are written. */
export function md(front: Record<string, unknown> | string, body = ''): string {
  const fm =
    typeof front === 'string'
      ? front
      : Object.entries(front)
          // A field set to undefined is left out, as YAML would have no way to write it.
          .filter(([, v]) => v !== undefined)
          .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
          .join('\n');
  return `---\n${fm}\n---\n${body}`;
}

export const PEOPLE = {
  ana: { name: 'Ana Costa', email: 'ana@acme.example' },
  ben: { name: 'Ben Okafor', email: 'ben@acme.example' },
  cleo: { name: 'Cleo Park', email: 'cleo@acme.example' },
};

export const CONFIG = 'organisation: Acme IT\n';

/** A roles document: Ana SM+MGT, Ben CM, Cleo IM+PT. */
export function rolesDoc(
  people = [
    { ...PEOPLE.ana, roles: ['SM', 'MGT'] },
    { ...PEOPLE.ben, roles: ['CM'] },
    { ...PEOPLE.cleo, roles: ['IM', 'PT'] },
  ],
  status = 'draft',
  approvedBy?: string,
): string {
  const list = people.map((p) => `  - name: ${p.name}\n    email: ${p.email}\n    roles: [${p.roles.join(', ')}]`).join('\n');
  const approval = approvedBy ? `approved_by: ${approvedBy}\napproved_on: "2026-01-01"\n` : '';
  return `---\nid: ROLES\ntype: roles\ntitle: Roles\nstatus: ${status}\n${approval}people:\n${list}\n---\n\n## Responsibilities\n\n## Training and development\n`;
}

/** Commits that give a history its approved roles document: drafted, then approved by Ana (the bootstrap). */
export function rolesCommits(date = '2026-01-01'): CommitSpec[] {
  return [
    { files: { 'governance/roles.md': rolesDoc() }, author: PEOPLE.ana, date: `${date}T08:00:00Z`, message: 'Roles: draft' },
    {
      files: { 'governance/roles.md': rolesDoc(undefined, 'approved', PEOPLE.ana.email) },
      author: PEOPLE.ana,
      date: `${date}T08:30:00Z`,
      message: 'Roles: approved',
    },
  ];
}

export const SERVICE = md(
  { id: 'SVC-0001', type: 'service', title: 'Service desk', status: 'draft', owner: 'ana@acme.example' },
  '\n## Description\n\n## Service hours\n\n## Quality measures\n\n## How to use\n',
);

/**
 * The change procedure (CHGPROC), approved by Ana (SM), listing the pre-approved change models
 * (`{ id, title, proven_by, since }`); `fields` overrides its front matter.
 */
export function changeProcedure(models: unknown[], fields: Record<string, unknown> = {}, body = '\n# Change procedure\n'): string {
  return md(
    {
      id: 'CHGPROC',
      type: 'change-procedure',
      title: 'Change procedure',
      status: 'approved',
      owner: 'ana@acme.example',
      approved_by: 'ana@acme.example',
      approved_on: '2026-04-10',
      ...fields,
      pre_approved_models: models,
    },
    body,
  );
}

/** RFC-0001 as a normal change that went the whole way: approved to deploy, deployed successfully. */
export function provenChange(fields: Record<string, unknown> = {}): string {
  return rfc({
    status: 'updated',
    approved_by: 'ben@acme.example',
    approved_on: '2026-03-01',
    deployed_on: '2026-04-01',
    outcome: 'successful',
    ...fields,
  });
}

export function rfc(fields: Record<string, unknown> = {}, body = '\n## Purpose\n\n## Business impact\n\n## Scope\n'): string {
  return md(
    {
      id: 'RFC-0001',
      type: 'change-request',
      title: 'Upgrade mail',
      status: 'draft',
      change_type: 'normal',
      priority: 'P2',
      requested_by: 'cleo@acme.example',
      ...fields,
    },
    body,
  );
}

/** Incident INC-0001, open, P2 on SVC-0001, with its type's sections; `fields` add or replace. */
export function incidentDoc(fields: Record<string, unknown> = {}): string {
  return md(
    {
      id: 'INC-0001',
      type: 'incident',
      title: 'Mail down',
      status: 'opened',
      priority: 'P2',
      opened: '2026-05-01T08:00:00Z',
      reported_by: 'cleo@acme.example',
      services: ['SVC-0001'],
      ...fields,
    },
    '\n## Description\n\n## Restoration steps\n\n## Solution\n',
  );
}

/** Customer agreement SLA-0001 with Bakery for SVC-0001, approved, with every section its type needs; `fields` add or replace. */
export function agreementDoc(fields: Record<string, unknown> = {}): string {
  return md(
    {
      id: 'SLA-0001',
      type: 'customer-agreement',
      title: 'Gold',
      status: 'approved',
      customer: 'Bakery',
      services: ['SVC-0001'],
      start: '2026-01-01',
      review: '2026-12-01',
      owner: PEOPLE.ana.email,
      ...fields,
    },
    '\n## Scope\n\n## Service hours\n\n## Targets\n\n## Communication\n\n## Responsibilities\n',
  );
}

/** A minimal valid SMS: config, roles, one service. */
export function baseSms(dir: string, extra: Record<string, string | Buffer> = {}): void {
  writeFiles(dir, {
    'sms.config.yaml': CONFIG,
    'governance/roles.md': rolesDoc(),
    'catalogue/SVC-0001-service-desk.md': SERVICE,
    ...extra,
  });
}
