import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { smsError } from '../errors.js';
import { packagePath, toPosixRelative } from '../paths.js';
import { editFrontMatter } from '../repo/edit.js';
import { commit, git, gitAvailable, gitIdentity, type Identity } from '../git/git.js';
import { ciFiles, defaultSpec, dependencySpec, ownPackage, writeLockfile } from './ci.js';
import type { CliIO } from './io.js';
import { makeDirs } from './write.js';

interface Step {
  path: string;
  status?: string;
  drop?: string[];
  set?: Record<string, unknown>;
  /** Body sections as they stood at this step: a heading's text replaced, or the section left out (null). */
  sections?: Record<string, string | null>;
}

interface SampleHistory {
  organisation: string;
  people: Record<string, Identity>;
  commits: { date: string; author: string; message: string; steps: Step[] }[];
}

export interface SampleOptions {
  /** The CI to add after the history: the same files `sms init` writes. */
  ci?: 'github' | 'gitlab' | 'none';
  cliSpec?: string;
  sarif?: boolean;
  install?: boolean;
}

/**
 * Creates the sample organisation by replaying sample-sms/history.yaml through one
 * `git fast-import`: its backdated commits by the people of its roles document, in one process.
 * With a place to install sms from (--cli-spec, or this package's own repository), one more commit
 * adds the CI that `sms init` writes (a package.json pinning sms and the workflow), made now by
 * whoever runs the command: the sample's people never pinned a version of sms that did not exist.
 */
export async function createSample(io: CliIO, dir: string, opts: SampleOptions = {}): Promise<number> {
  const ctx = { cwd: io.cwd, env: io.env };
  if (!(await gitAvailable(ctx))) {
    throw smsError('GIT_MISSING');
  }
  const ci = opts.ci ?? 'github';
  const specText = ci === 'none' ? undefined : opts.cliSpec?.trim() || defaultSpec();
  // A bad spec is refused before anything is written.
  const spec = specText ? dependencySpec(specText, ownPackage().name, io.cwd, dir, dir) : undefined;
  const history = parse(readFileSync(packagePath('sample-sms', 'history.yaml'), 'utf8')) as SampleHistory;
  const stream = fastImportStream(history, (p) => readFileSync(packagePath('sample-sms', 'files', ...p.split('/')), 'utf8'));
  // Nothing half-made: on any failure what this run created goes (the folder, or, where it was
  // there already (empty: init refuses any other), what was put into it), and what it would have
  // said is printed only once everything stands.
  const existed = existsSync(dir);
  makeDirs(dir);
  const notes: string[] = [];
  try {
    await git(['init', '--quiet', '--initial-branch=main'], { cwd: dir, env: io.env });
    await git(['fast-import', '--quiet', '--done'], { cwd: dir, env: io.env, input: stream });
    await git(['reset', '--hard', '--quiet'], { cwd: dir, env: io.env });
    const where = path.relative(io.cwd, dir) || '.';
    notes.push(`Created the sample organisation "${history.organisation}" in ${where} with ${history.commits.length} commits of history\n`);
    if (ci !== 'none' && spec && (ci === 'github' || ci === 'gitlab')) {
      const files = ciFiles({ ci, sarif: Boolean(opts.sarif), dir, top: dir, branch: 'main', spec, org: history.organisation });
      const written: string[] = [];
      for (const f of files) {
        makeDirs(path.dirname(f.abs));
        if (f.copyFrom) copyFileSync(f.copyFrom, f.abs);
        else writeFileSync(f.abs, f.content);
        written.push(toPosixRelative(dir, f.abs));
      }
      if (opts.install !== false && (await writeLockfile(io, dir))) written.push('package-lock.json');
      else
        notes.push(
          'package-lock.json was not written: run "npm install" in the sample and commit package-lock.json before you push (CI runs npm ci)\n',
        );
      const author = (await gitIdentity({ cwd: dir, env: io.env }).catch(() => undefined)) ?? history.people.maria!;
      await commit({
        cwd: dir,
        env: io.env,
        author,
        paths: written,
        message: 'Run sms validate in CI, with sms pinned in package.json\n\nAdded by sms init --sample.',
      });
      notes.push(`Added the CI (${written.join(', ')}) in a commit by ${author.name}\n`);
    } else if (ci !== 'none') {
      notes.push(
        'No CI was added: pass --cli-spec (a git URL with a tag, a .tgz file, or name@version you published) to add the workflow and the package.json that pins sms\n',
      );
    }
  } catch (err) {
    if (existed) for (const entry of readdirSync(dir)) rmSync(path.join(dir, entry), { recursive: true, force: true });
    else rmSync(dir, { recursive: true, force: true });
    throw smsError('SAMPLE_FAILED', {
      dir,
      reason: `${err instanceof Error ? err.message : String(err)}; what this run created was removed`,
    });
  }
  for (const n of notes) io.stdout.write(n);
  io.stdout.write('Try: sms validate --history, sms log RFC-0003, sms report review\n');
  return 0;
}

/** The file's text at a step: its final text, or that text with the status, fields and sections changed. */
export function stageText(finalText: string, step: Step): string {
  const text = step.sections ? withSections(finalText, step.sections, step.path) : finalText;
  if (!step.status && !step.drop && !step.set) return text;
  const set: [string, unknown][] = [
    ...(step.status ? [['status', step.status] as [string, unknown]] : []),
    ...Object.entries(step.set ?? {}),
  ];
  return editFrontMatter(text, { set, remove: step.drop, after: 'status' }, step.path);
}

/**
 * The text with the named `## ` sections replaced (or removed, for null). The sample's history
 * keeps one final text per file; a record's earlier versions are that text with later sections
 * (a solution, a post-implementation review) not yet written.
 */
function withSections(text: string, sections: Record<string, string | null>, file: string): string {
  const fmEnd = text.indexOf('\n---\n', 4);
  if (!text.startsWith('---\n') || fmEnd < 0) throw smsError('SAMPLE_FAILED', { dir: 'sample-sms', reason: `${file} has no front matter` });
  const head = text.slice(0, fmEnd + 5);
  const lines = text.slice(fmEnd + 5).split('\n');
  const out: string[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < lines.length;) {
    const heading = /^## (.+)$/.exec(lines[i]!)?.[1];
    if (heading === undefined || !Object.prototype.hasOwnProperty.call(sections, heading)) {
      out.push(lines[i++]!);
      continue;
    }
    seen.add(heading);
    let end = i + 1;
    while (end < lines.length && !/^#{1,2} /.test(lines[end]!)) end++;
    const replacement = sections[heading];
    if (replacement !== null && replacement !== undefined) out.push(`## ${heading}`, '', replacement.trim(), '');
    i = end;
  }
  const unknown = Object.keys(sections).filter((h) => !seen.has(h));
  if (unknown.length) throw smsError('SAMPLE_FAILED', { dir: 'sample-sms', reason: `${file} has no section "${unknown[0]}"` });
  return head + out.join('\n').replace(/\n{3,}/g, '\n\n');
}

/** git's "+hhmm" for the offset an ISO timestamp carries (UTC when it has none). */
function gitOffset(iso: string): string {
  const m = /([+-])(\d\d):(\d\d)$/.exec(iso);
  return m ? `${m[1]}${m[2]}${m[3]}` : '+0000';
}

function fastImportStream(history: SampleHistory, read: (p: string) => string): string {
  const out: string[] = [];
  const data = (s: string): string => `data ${Buffer.byteLength(s)}\n${s}\n`;
  history.commits.forEach((c, i) => {
    const who = history.people[c.author];
    if (!who) throw smsError('SAMPLE_FAILED', { dir: 'sample-sms', reason: `its history names an unknown person "${c.author}"` });
    // Backdated in the local time the people worked in, so git log shows their working hours.
    const when = `${Math.floor(Date.parse(c.date) / 1000)} ${gitOffset(c.date)}`;
    out.push('commit refs/heads/main\n', `mark :${i + 1}\n`);
    out.push(`author ${who.name} <${who.email}> ${when}\n`, `committer ${who.name} <${who.email}> ${when}\n`, data(c.message));
    if (i > 0) out.push(`from :${i}\n`);
    for (const step of c.steps) out.push(`M 100644 inline ${step.path}\n`, data(stageText(read(step.path), step)));
    out.push('\n');
  });
  out.push('done\n');
  return out.join('');
}
