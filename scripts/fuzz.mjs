#!/usr/bin/env node
// npm run fuzz -- --runs N [--seed S] [--record]: runs the property test of test/property.test.ts
// (generated hostile repositories through every rule, formatter and report) for N inputs instead
// of the few the test suite uses. On a failure it prints the seed and path that replay it:
//   SMS_FUZZ_SEED=<seed> SMS_FUZZ_PATH=<path> npx vitest run test/property.test.ts
// --record writes the run (inputs, time, result, commit) into docs/benchmarks.md.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1];
  if (v === undefined || !/^\d+$/.test(v)) {
    console.error(`fuzz: ${name} needs a whole number`);
    process.exit(2);
  }
  return v;
};
const runs = option('--runs') ?? '1000';
const seed = option('--seed');
// Without a seed of its own the run still has one, so that a failure can be replayed.
const usedSeed = seed ?? String(Math.floor(Math.random() * 2 ** 31));
const env = { ...process.env, SMS_FUZZ_RUNS: runs, SMS_FUZZ_SEED: usedSeed };
const started = Date.now();
// The code under test is what is checked out now (a commit made during a long run is not it).
const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT }).toString().trim();
console.log(`fuzz: ${runs} generated repositories, seed ${usedSeed}`);
const vitest = path.join(ROOT, 'node_modules', 'vitest', 'vitest.mjs');
const r = spawnSync(process.execPath, [vitest, 'run', 'test/property.test.ts', '--testTimeout', '0', '--reporter', 'default'], {
  cwd: ROOT,
  env,
  stdio: 'inherit',
});
const seconds = (Date.now() - started) / 1000;
console.log(`fuzz: ${r.status === 0 ? 'passed' : 'FAILED'} in ${seconds.toFixed(1)} s`);
if (args.includes('--record')) record(r.status === 0, seconds);
process.exit(r.status ?? 2);

/** Replaces (or adds) the fuzz section of docs/benchmarks.md; `npm run bench` keeps it. */
function record(passed, seconds) {
  const file = path.join(ROOT, 'docs', 'benchmarks.md');
  const section = [
    '## Property test at length (npm run fuzz)',
    '',
    'The property of `test/property.test.ts` (generated repositories of hostile documents: random YAML values at every',
    'field any schema declares, control characters, huge and deeply nested values, broken front matter, odd file names',
    'and a generated history) through every rule, every formatter and every report in Markdown, HTML and JSON: no',
    'exception, every finding at a line of its file, JSON, SARIF and JUnit XML that parse.',
    '',
    '| inputs | seed | time | result | commit | machine |',
    '|---|---|---|---|---|---|',
    `| ${Number(runs).toLocaleString('en')} | ${usedSeed} | ${(seconds / 60).toFixed(1)} min | ${passed ? 'passed' : 'FAILED'} | ${commit} | ${os.cpus().length} cores, Node ${process.version} |`,
  ];
  const old = existsSync(file) ? readFileSync(file, 'utf8').trimEnd().split('\n') : ['# Benchmarks'];
  const start = old.indexOf(section[0]);
  if (start < 0) old.push('', ...section);
  else {
    let end = old.findIndex((l, i) => i > start && l.startsWith('## '));
    if (end < 0) end = old.length;
    old.splice(start, end - start, ...section, ...(end < old.length ? [''] : []));
  }
  writeFileSync(file, `${old.join('\n')}\n`);
  console.log('fuzz: recorded in docs/benchmarks.md');
}
