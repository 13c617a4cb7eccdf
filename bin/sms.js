#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

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
  let run;
  try {
    ({ run } = await import('../dist/cli/run.js'));
  } catch (err) {
    if (err?.code !== 'ERR_MODULE_NOT_FOUND') throw err;
    const root = fileURLToPath(new URL('..', import.meta.url));
    // A clone that was never built (npm builds it as "prepare" on install), or one whose
    // dependencies were never installed.
    const unbuilt = /dist[\\/]cli[\\/]run\.js/.test(String(err.url ?? err.message).split(' imported from ')[0]);
    process.stderr.write(
      unbuilt
        ? `sms: this copy of sms is not built (no dist/ in ${root}); run "npm install" there, or "npm run build"\n`
        : `sms: a module sms needs is missing (${String(err.message).split('\n')[0]}); run "npm install" in ${root}\n`,
    );
    process.exit(2);
  }
  const code = await run(argv, {
    cwd: process.cwd(),
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
  });
  process.exitCode = streamFailed ? 2 : brokenPipe ? 0 : code;
}
