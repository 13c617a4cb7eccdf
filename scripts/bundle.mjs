#!/usr/bin/env node
// The last build step: bundles the command-line program (dist/cli/run.js and the modules of dist/
// it imports) into dist/sms.cjs, with one chunk (dist/sms-*.cjs) for each part loaded lazily, so
// that a start does not resolve and link about a hundred modules one by one (ADR 0006). The bundle
// is CommonJS, like bin/sms.js, so that running it never starts Node's ES module loader (ADR 0008).
// Packages in node_modules stay outside the bundle and load as before. The chunks sit in dist/
// itself, where the modules they come from find the package root one level up. The library entry
// (dist/index.js) is not bundled.
//
// Without rolldown (a dev dependency with a native part, which some platform may lack) nothing
// is bundled and bin/sms.js loads dist/cli/run.js as it is: slower to start, same behaviour.
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = path.join(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'), 'dist');
// What an earlier build bundled goes first: a stale bundle must never outlive the code it was made of.
// That includes the ES module bundle (sms.js, sms-*.js) that builds made before ADR 0008.
for (const f of readdirSync(dist)) if (/^sms(-.*)?\.c?js$/.test(f)) rmSync(path.join(dist, f));

let rolldown;
try {
  ({ rolldown } = await import('rolldown'));
} catch (err) {
  process.stderr.write(
    `sms: not bundling the command-line program (rolldown cannot be loaded: ${String(err?.message ?? err).split('\n')[0]}); bin/sms.js will load dist/cli/run.js\n`,
  );
  process.exit(0);
}
const bundle = await rolldown({
  input: { sms: path.join(dist, 'cli', 'run.js') },
  platform: 'node',
  // Relative imports are sms's own modules; everything else (packages, node: built-ins) stays an import.
  external: (id) => !id.startsWith('.') && !path.isAbsolute(id),
  logLevel: 'warn',
});
try {
  await bundle.write({ dir: dist, format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: 'sms-[name]-[hash].cjs' });
} finally {
  await bundle.close();
}
