#!/usr/bin/env node
// The least any `sms validate` must do on a repository, as a floor for the start-up benchmark:
// list the Markdown files below the current directory, read each one, and ask git for HEAD's
// tree (to compare the documents with what was committed), waiting for both. No sms code, no
// parsing, no rules; the time it takes beside `node -e 0` is start-up that no code of sms causes.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const tree = new Promise((resolve, reject) => {
  const git = spawn('git', ['ls-tree', '-r', '-z', 'HEAD'], { stdio: ['ignore', 'pipe', 'ignore'] });
  const chunks = [];
  git.stdout.on('data', (b) => chunks.push(b));
  git.on('error', reject);
  git.on('close', () => resolve(Buffer.concat(chunks)));
});
const files = [];
const walk = (dir) => {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === '.git' || e.name === 'node_modules') continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.isFile() && e.name.endsWith('.md')) files.push(p);
  }
};
walk('.');
let bytes = 0;
for (const f of files) bytes += readFileSync(f).length;
const listed = (await tree).length;
process.stdout.write(`${files.length} files, ${bytes} bytes; HEAD's tree ${listed} bytes\n`);
