#!/usr/bin/env node
// Before and after for docs/decisions/0004-precompiled-schemas.md, measured in one run: builds the
// commit before the start-up work (or the ref given) in a temporary clone that shares this
// checkout's node_modules, builds this checkout, creates the sample organisation, then times the
// everyday commands of both builds in turns. Prints a Markdown table.
//   node scripts/decisions/0004-startup.mjs [base-ref] [--runs N]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const RUNS = runsAt >= 0 ? Number(args[runsAt + 1]) : 15;
const BASE = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--runs') ?? '33dfd88';
const UNTIL = '2026-11-30';

const work = mkdtempSync(path.join(os.tmpdir(), 'sms-adr-0004-'));
try {
  const base = path.join(work, 'base');
  execFileSync('git', ['clone', '-q', '--no-checkout', ROOT, base]);
  execFileSync('git', ['checkout', '-q', BASE], { cwd: base });
  const deps = (dir) => JSON.stringify(JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).dependencies);
  if (deps(base) !== deps(ROOT))
    console.error(`note: ${BASE} has other dependencies than this checkout; both run with this one's node_modules`);
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(base, 'node_modules'), 'dir');
  for (const dir of [base, ROOT]) execFileSync('npm', ['run', 'build', '--silent'], { cwd: dir, stdio: 'ignore' });

  const sample = path.join(work, 'sample');
  execFileSync(process.execPath, [path.join(ROOT, 'bin', 'sms.js'), 'init', '--sample', sample], { stdio: 'ignore' });
  const one = execFileSync('git', ['ls-files', 'changes'], { cwd: sample }).toString().trim().split('\n').sort()[0];
  const env = { ...process.env, SMS_TODAY: UNTIL, NO_COLOR: '1' };
  delete env.NODE_COMPILE_CACHE;
  delete env.NODE_DISABLE_COMPILE_CACHE;

  const commands = [
    ['`sms --version`', ['--version']],
    ['`sms validate`', ['validate'], 2.5],
    [`\`sms validate ${one}\``, ['validate', one], 2.5],
    [`\`sms report review --until ${UNTIL}\``, ['report', 'review', '--until', UNTIL], 4],
  ];
  const runs = [{ label: '`node -e 0`', args: ['-e', '0'], times: [] }];
  for (const [label, a] of commands) {
    for (const [which, dir] of [
      ['before', base],
      ['after', ROOT],
    ]) {
      runs.push({ label, which, args: [path.join(dir, 'bin', 'sms.js'), ...a], times: [] });
    }
  }
  for (const r of runs) {
    const p = spawnSync(process.execPath, r.args, { cwd: sample, env });
    if (p.status !== 0) throw new Error(`${r.label} (${r.which}) exited with ${p.status}: ${p.stderr}`);
  }
  const loadBefore = os.loadavg()[0].toFixed(1);
  for (let i = 0; i < RUNS; i++) {
    for (const r of runs) {
      const t = process.hrtime.bigint();
      spawnSync(process.execPath, r.args, { cwd: sample, env, stdio: 'ignore' });
      r.times.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
  }
  // CPU time (user + system, with git's processes) from GNU time, in separate runs: it shows the
  // work done when other tenants stretch wall times. Hundredths of a second, hence the mean.
  const cpu = existsSync('/usr/bin/time');
  for (let i = 0; cpu && i < RUNS; i++) {
    for (const r of runs) {
      const p = spawnSync('/usr/bin/time', ['-f', '%U %S', process.execPath, ...r.args], {
        cwd: sample,
        env,
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      const m = /([\d.]+) ([\d.]+)\s*$/.exec(p.stderr.toString());
      (r.cpu ??= []).push(m ? (Number(m[1]) + Number(m[2])) * 1000 : NaN);
    }
  }
  const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const range = (xs) => `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}`;
  const node = median(runs[0].times);
  const git = execFileSync('git', ['--version']).toString().trim();
  const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT }).toString().trim();
  console.log(
    `${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), Node ${process.version}, ${git}; before: ${BASE}, after: ${head}; ` +
      `median of ${RUNS} runs each, all commands in turns; load average (1 min) ${loadBefore} before and ${os.loadavg()[0].toFixed(1)} after.\n`,
  );
  const nodeCpu = cpu ? mean(runs[0].cpu) : NaN;
  console.log(
    `\`node -e 0\`: ${node.toFixed(0)} ms (range ${range(runs[0].times)} ms)${cpu ? `, CPU time ${nodeCpu.toFixed(0)} ms` : ''}\n`,
  );
  console.log(
    '| command | before: wall, median (× node, range) | after: wall, median (× node, range) | target | CPU time, mean: before → after |',
  );
  console.log('|---|---|---|---|---|');
  for (const [label, , target] of commands) {
    const [b, a] = runs.filter((r) => r.label === label);
    const cell = (xs) => `${median(xs).toFixed(0)} ms, ${(median(xs) / node).toFixed(2)}× (${range(xs)})`;
    const verdict = target ? `≤ ${target}×: ${median(a.times) / node <= target ? 'met' : 'NOT met'}` : '';
    const cpuCell = cpu ? `${mean(b.cpu).toFixed(0)} → ${mean(a.cpu).toFixed(0)} ms` : 'n/a';
    console.log(`| ${label} | ${cell(b.times)} | ${cell(a.times)} | ${verdict} | ${cpuCell} |`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
