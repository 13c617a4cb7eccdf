#!/usr/bin/env node
'use strict';
// This file is CommonJS (bin/package.json says so), and so is the bundle it runs (dist/sms.cjs):
// Node then loads the program without starting its ES module loader, which costs about 15 ms of
// every start (ADR 0008).
const { existsSync, lstatSync, mkdirSync, readFileSync } = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..') + path.sep;

/**
 * Node's compile cache (V8 code cache on disk) spares recompiling sms and its dependencies on every
 * start. Node's default place is one directory in the OS temp directory shared by every user, where
 * someone else could plant cache files that this process would then load; so the cache goes into a
 * directory of this user's own, created private, and is used only when it is a real directory owned
 * by this user that no one else can write to. NODE_COMPILE_CACHE still chooses another place and
 * NODE_DISABLE_COMPILE_CACHE=1 turns it off. The cache never goes near the SMS repository; failing to
 * create it (read-only or missing temp directory) just leaves it off. The modules it needs are
 * required here, not at the top, so that `sms --version` does not load them.
 */
function enableCompileCache() {
  const module = require('node:module');
  const os = require('node:os');
  // Either variable means Node has already decided: the cache is on there, or off.
  if (typeof module.enableCompileCache !== 'function' || process.env.NODE_COMPILE_CACHE || process.env.NODE_DISABLE_COMPILE_CACHE) return;
  try {
    const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
    // On Windows the temp directory is the user's own already.
    const dir = path.join(os.tmpdir(), uid === undefined ? 'sms-compile-cache' : `sms-compile-cache-${uid}`);
    try {
      mkdirSync(dir, { mode: 0o700 });
    } catch (err) {
      if (err.code !== 'EEXIST') return;
    }
    const st = lstatSync(dir);
    if (!st.isDirectory() || (uid !== undefined && (st.uid !== uid || (st.mode & 0o022) !== 0))) return;
    module.enableCompileCache(dir);
  } catch {
    // The cache is only an optimisation.
  }
}

/** A module sms needs cannot be found: a package never installed, or a build only partly there. */
function missingModule(err) {
  process.stderr.write(`sms: a module sms needs is missing (${String(err.message).split('\n')[0]}); run "npm install" in ${root}\n`);
  process.exit(2);
}

const isMissing = (err) => err?.code === 'MODULE_NOT_FOUND' || err?.code === 'ERR_MODULE_NOT_FOUND';

/**
 * The CLI's run(): from the bundle the build makes (dist/sms.cjs), or, where it made none (see
 * scripts/bundle.mjs), from the compiled modules themselves.
 */
async function loadCli() {
  if (existsSync(path.join(root, 'dist', 'sms.cjs'))) return require('../dist/sms.cjs').run;
  if (existsSync(path.join(root, 'dist', 'cli', 'run.js'))) return (await import('../dist/cli/run.js')).run;
  // A clone that was never built (npm builds it as "prepare" on install).
  process.stderr.write(`sms: this copy of sms is not built (no dist/ in ${root}); run "npm install" there, or "npm run build"\n`);
  process.exit(2);
}

async function main(argv) {
  // `sms … | head`: once the reader has gone, further output has nowhere to go. That is not a
  // failure of sms: the run finishes quietly (files it writes are still written) and exits 0.
  let brokenPipe = false;
  let streamFailed = false;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err) => {
      if (err.code === 'EPIPE') brokenPipe = true;
      else streamFailed = true;
    });
  }
  enableCompileCache();
  let code;
  try {
    const run = await loadCli();
    code = await run(argv, {
      cwd: process.cwd(),
      env: process.env,
      stdout: process.stdout,
      stderr: process.stderr,
      stdin: process.stdin,
    });
  } catch (err) {
    // Packages are loaded when a command first needs them, so a missing one shows only here.
    if (isMissing(err)) missingModule(err);
    throw err;
  }
  process.exitCode = streamFailed ? 2 : brokenPipe ? 0 : code;
}

const argv = process.argv.slice(2);
// `sms --version` is answered before the CLI's modules load: scripts call it often, and loading
// them is most of what it would otherwise cost.
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  process.stdout.write(`${JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).version}\n`);
} else {
  main(argv).catch((err) => {
    // What is left is a fault in sms itself: Node reports it as it would an uncaught exception.
    process.nextTick(() => {
      throw err;
    });
  });
}
