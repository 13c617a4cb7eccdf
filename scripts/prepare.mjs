#!/usr/bin/env node
// npm's "prepare" step: builds dist/ wherever sms is installed from source rather than from a
// packed tarball: `npm install` in a clone, `npm install -g` of a clone, `npm install git+…`
// (npm installs the dev dependencies of a git dependency, then runs prepare), `npm pack`, and the
// pre-commit framework (which runs `npm install` and then `npm pack` in its clone of the hook).
//
// It writes nothing to standard output: the pre-commit framework takes the whole standard output
// of `npm pack` as the tarball's file name. The compiler's output goes to standard error.
//
// A build that is already newer than every input is kept, so the second prepare of one install
// (pre-commit runs `npm install` and then `npm pack`) does not compile again.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stamp = path.join(root, 'dist', '.prepared');
const INPUTS = [
  'src',
  'model',
  'schemas',
  'templates/reports',
  'scripts/check-model.mjs',
  'scripts/build-model.mjs',
  'scripts/bundle.mjs',
  'tsconfig.json',
  'package.json',
];

function newest(p) {
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  let max = s.mtimeMs;
  for (const e of readdirSync(p)) max = Math.max(max, newest(path.join(p, e)));
  return max;
}

if (existsSync(stamp) && existsSync(path.join(root, 'dist', 'cli', 'run.js'))) {
  const built = statSync(stamp).mtimeMs;
  if (INPUTS.every((i) => !existsSync(path.join(root, i)) || newest(path.join(root, i)) <= built)) process.exit(0);
}

// `npm install -g .` of a fresh clone links the clone and runs this with nothing installed in it:
// install its dependencies (the compiler is a dev dependency) from the lockfile first. Inside a
// lifecycle script npm passes its own settings down as npm_config_* variables; a nested install
// must not inherit "global" or the global prefix.
const resolveTsc = () => createRequire(path.join(root, 'package.json')).resolve('typescript/bin/tsc');
let tsc;
try {
  tsc = resolveTsc();
} catch {
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (/^npm_config_(global|location|prefix|omit|production|only)$/i.test(k)) delete env[k];
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['ci', '--include=dev', '--ignore-scripts', '--no-audit', '--no-fund'], {
    cwd: root,
    env,
    stdio: ['ignore', 2, 2],
    shell: process.platform === 'win32',
  });
  try {
    if (r.status !== 0) throw new Error('npm ci failed');
    tsc = resolveTsc();
  } catch {
    process.stderr.write(
      'sms: cannot build dist/: its dependencies could not be installed; run "npm ci" in this folder, then "npm run build"\n',
    );
    process.exit(1);
  }
}

// stdout of every step goes to our stderr (file descriptor 2).
for (const args of [[tsc, '-p', 'tsconfig.json'], ['scripts/check-model.mjs'], ['scripts/build-model.mjs'], ['scripts/bundle.mjs']]) {
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 2, 2] });
  if (r.status !== 0) {
    process.stderr.write(`sms: the build step "${path.basename(args[0])}" failed (exit code ${r.status ?? r.signal})\n`);
    process.exit(1);
  }
}
writeFileSync(stamp, `${new Date().toISOString()}\n`);
