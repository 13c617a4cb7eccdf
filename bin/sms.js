#!/usr/bin/env node
import { lstatSync, mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Node's compile cache (V8 code cache on disk) spares recompiling sms and its dependencies on every
 * start. Node's default place is one directory in the OS temp directory shared by every user, where
 * someone else could plant cache files that this process would then load; so the cache goes into a
 * directory of this user's own, created private, and is used only when it is a real directory owned
 * by this user that no one else can write to. NODE_COMPILE_CACHE still chooses another place and
 * NODE_DISABLE_COMPILE_CACHE=1 turns it off. The cache never goes near the SMS repository; failing to
 * create it (read-only or missing temp directory) just leaves it off. The modules it needs are
 * imported here, not at the top, so that `sms --version` does not load them.
 */
async function enableCompileCache() {
  const [{ default: module }, { default: os }, { default: path }] = await Promise.all([
    import('node:module'),
    import('node:os'),
    import('node:path'),
  ]);
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

/** A package sms needs was never installed (dist/ is there, node_modules/ is not complete). */
function missingModule(err) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  process.stderr.write(`sms: a module sms needs is missing (${String(err.message).split('\n')[0]}); run "npm install" in ${root}\n`);
  process.exit(2);
}

/**
 * The CLI's run(): from the bundle the build makes (dist/sms.js), or, where it made none (see
 * scripts/bundle.mjs), from the compiled modules themselves.
 */
async function loadCli() {
  const root = fileURLToPath(new URL('..', import.meta.url));
  for (const [entry, pattern] of [
    ['../dist/sms.js', /dist[\\/]sms\.js(?:'|$)/],
    ['../dist/cli/run.js', /dist[\\/]cli[\\/]run\.js(?:'|$)/],
  ]) {
    try {
      return (await import(entry)).run;
    } catch (err) {
      if (err?.code !== 'ERR_MODULE_NOT_FOUND') throw err;
      // This entry is not there: try the next. Anything else missing is a dependency that was
      // never installed.
      if (pattern.test(String(err.url ?? err.message).split(' imported from ')[0])) continue;
      missingModule(err);
    }
  }
  // A clone that was never built (npm builds it as "prepare" on install).
  process.stderr.write(`sms: this copy of sms is not built (no dist/ in ${root}); run "npm install" there, or "npm run build"\n`);
  process.exit(2);
}

const argv = process.argv.slice(2);
// `sms --version` is answered before the CLI's modules load: scripts call it often, and loading
// them is most of what it would otherwise cost.
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  process.stdout.write(`${JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version}\n`);
} else {
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
  await enableCompileCache();
  const run = await loadCli();
  let code;
  try {
    code = await run(argv, {
      cwd: process.cwd(),
      env: process.env,
      stdout: process.stdout,
      stderr: process.stderr,
      stdin: process.stdin,
    });
  } catch (err) {
    // Packages are loaded when a command first needs them, so a missing one shows only here.
    if (err?.code === 'ERR_MODULE_NOT_FOUND') missingModule(err);
    throw err;
  }
  process.exitCode = streamFailed ? 2 : brokenPipe ? 0 : code;
}
