#!/usr/bin/env node
// npm run fuzz -- --runs N [--seed S]: runs the property test of test/property.test.ts (generated
// hostile repositories through every rule, formatter and report) for N inputs instead of the few
// the test suite uses. On a failure it prints the seed and path that replay it:
//   SMS_FUZZ_SEED=<seed> SMS_FUZZ_PATH=<path> npx vitest run test/property.test.ts
import { spawnSync } from 'node:child_process';
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
const env = { ...process.env, SMS_FUZZ_RUNS: runs, ...(seed ? { SMS_FUZZ_SEED: seed } : {}) };
const started = Date.now();
console.log(`fuzz: ${runs} generated repositories${seed ? `, seed ${seed}` : ''}`);
const vitest = path.join(ROOT, 'node_modules', 'vitest', 'vitest.mjs');
const r = spawnSync(process.execPath, [vitest, 'run', 'test/property.test.ts', '--testTimeout', '0', '--reporter', 'default'], {
  cwd: ROOT,
  env,
  stdio: 'inherit',
});
console.log(`fuzz: ${r.status === 0 ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(r.status ?? 2);
