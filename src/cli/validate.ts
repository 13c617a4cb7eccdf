import { appendFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { EXIT_FINDINGS, EXIT_OK } from '../diagnostic.js';
import { smsError } from '../errors.js';
import { load, openConfig, type HistoryMode } from '../load.js';
import { toPosixRelative } from '../paths.js';
import { validate, type ValidationResult } from '../validate.js';
import { RULES } from '../rules/index.js';
import { FORMATTERS } from '../formatters/index.js';
import { githubSummary } from '../formatters/github.js';
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
}

export async function validateCommand(io: CliIO, opts: ValidateCommandOptions): Promise<number> {
  const config = openConfig(io.cwd);
  const day = today(io);
  const only = opts.paths.length ? opts.paths.map((p) => repoRelative(config.root, io.cwd, p)) : undefined;
  if (opts.staged && (!opts.git || opts.base !== undefined || opts.history)) {
    throw smsError('USAGE', { text: '--staged checks the index against HEAD; it cannot be combined with --base, --history or --no-git' });
  }
  const mode: HistoryMode = !opts.git
    ? 'none'
    : opts.staged
      ? 'staged'
      : opts.base !== undefined
        ? 'base'
        : opts.history
          ? 'all'
          : 'worktree';
  const reading = progress(io, 'Reading history');
  const loaded = await load(config, { history: mode, base: opts.base, onProgress: reading.update, env: io.env });
  reading.done();
  const full = validate(loaded, { only, today: day });
  const shown: ValidationResult = opts.quiet
    ? { ...full, diagnostics: full.diagnostics.filter((d) => d.severity === 'error'), warningCount: 0 }
    : full;

  const formatter = FORMATTERS[opts.format]!;
  const toFile = opts.output !== undefined;
  const paint = opts.format === 'stylish' && !toFile && useColor(io, 'stdout', opts.color) ? await chalkPaint() : NO_PAINT;
  const text = formatter(shown, {
    paint,
    // The text that was checked (for --staged, the staged version), not necessarily what is on disk.
    source: (file) => {
      const doc = loaded.repository.documents.find((d) => d.file === file);
      if (doc) return doc.text;
      try {
        return readFileSync(path.join(config.root, file), 'utf8');
      } catch {
        return undefined;
      }
    },
    rules: RULES,
    version: version(),
  });
  if (toFile) writeOutput(io, opts.output!, text);
  else io.stdout.write(text);
  if (opts.format === 'github' && io.env.GITHUB_STEP_SUMMARY) {
    try {
      appendFileSync(io.env.GITHUB_STEP_SUMMARY, githubSummary(shown));
    } catch {
      io.stderr.write('sms: could not append to $GITHUB_STEP_SUMMARY; the findings above are complete\n');
    }
  }
  if (full.errorCount > 0) return EXIT_FINDINGS;
  if (opts.maxWarnings !== undefined && full.warningCount > opts.maxWarnings) {
    io.stderr.write(`sms: ${full.warningCount} warnings, more than --max-warnings ${opts.maxWarnings}\n`);
    return EXIT_FINDINGS;
  }
  return EXIT_OK;
}

function repoRelative(root: string, cwd: string, p: string): string {
  const abs = path.resolve(cwd, p);
  const rel = toPosixRelative(root, abs);
  if (rel.startsWith('../') || rel === '..' || path.isAbsolute(rel)) throw smsError('OUTSIDE_REPOSITORY', { path: p, root });
  return rel;
}

async function chalkPaint(): Promise<Paint> {
  const { Chalk } = await import('chalk');
  const c = new Chalk({ level: 1 });
  return { red: c.red, yellow: c.yellow, dim: c.dim, bold: c.bold, underline: c.underline, green: c.green };
}
