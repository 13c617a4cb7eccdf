import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { smsError } from '../errors.js';
import { packagePath } from '../paths.js';
import { editFrontMatter } from '../repo/edit.js';
import { git, gitAvailable, type Identity } from '../git/git.js';
import type { CliIO } from './io.js';

interface Step {
  path: string;
  status?: string;
  drop?: string[];
  set?: Record<string, unknown>;
}

interface SampleHistory {
  organisation: string;
  people: Record<string, Identity>;
  commits: { date: string; author: string; message: string; steps: Step[] }[];
}

/**
 * Creates the sample organisation by replaying sample-sms/history.yaml through one
 * `git fast-import`: 144 backdated commits by the people of its roles document, in one process.
 */
export async function createSample(io: CliIO, dir: string): Promise<number> {
  if (!(await gitAvailable({ cwd: io.cwd, env: io.env }))) {
    throw smsError('GIT_MISSING');
  }
  const history = parse(readFileSync(packagePath('sample-sms', 'history.yaml'), 'utf8')) as SampleHistory;
  const stream = fastImportStream(history, (p) => readFileSync(packagePath('sample-sms', 'files', ...p.split('/')), 'utf8'));
  mkdirSync(dir, { recursive: true });
  try {
    await git(['init', '--quiet', '--initial-branch=main'], { cwd: dir, env: io.env });
    await git(['fast-import', '--quiet', '--done'], { cwd: dir, env: io.env, input: stream });
    await git(['reset', '--hard', '--quiet'], { cwd: dir, env: io.env });
  } catch (err) {
    throw smsError('SAMPLE_FAILED', { dir, reason: (err as Error).message });
  }
  io.stdout.write(
    `Created the sample organisation "${history.organisation}" in ${path.relative(io.cwd, dir) || '.'} with ${history.commits.length} commits of history\n`,
  );
  io.stdout.write('Try: sms validate --history, sms log RFC-0003, sms report review\n');
  return 0;
}

/** The file's text at a step: its final text, or that text with the status and fields changed. */
export function stageText(finalText: string, step: Step): string {
  if (!step.status && !step.drop && !step.set) return finalText;
  const set: [string, unknown][] = [
    ...(step.status ? [['status', step.status] as [string, unknown]] : []),
    ...Object.entries(step.set ?? {}),
  ];
  return editFrontMatter(finalText, { set, remove: step.drop, after: 'status' }, step.path);
}

function fastImportStream(history: SampleHistory, read: (p: string) => string): string {
  const out: string[] = [];
  const data = (s: string): string => `data ${Buffer.byteLength(s)}\n${s}\n`;
  history.commits.forEach((c, i) => {
    const who = history.people[c.author];
    if (!who) throw smsError('SAMPLE_FAILED', { dir: 'sample-sms', reason: `its history names an unknown person "${c.author}"` });
    const when = `${Math.floor(Date.parse(c.date) / 1000)} +0000`;
    out.push('commit refs/heads/main\n', `mark :${i + 1}\n`);
    out.push(`author ${who.name} <${who.email}> ${when}\n`, `committer ${who.name} <${who.email}> ${when}\n`, data(c.message));
    if (i > 0) out.push(`from :${i}\n`);
    for (const step of c.steps) out.push(`M 100644 inline ${step.path}\n`, data(stageText(read(step.path), step)));
    out.push('\n');
  });
  out.push('done\n');
  return out.join('');
}
