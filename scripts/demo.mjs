#!/usr/bin/env node
// The README's first command: creates the sample organisation in a temporary directory and runs
// sms on it as a user would. Exits with the exit code of `sms validate`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'sms.js');
const dir = path.join(mkdtempSync(path.join(tmpdir(), 'sms-demo-')), 'harbour-lane-it');
const sms = (args, cwd) => {
  process.stdout.write(`\n$ sms ${args.join(' ')}\n`);
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, stdio: 'inherit' });
  return r.status ?? 2;
};

if (sms(['init', '--sample', dir], process.cwd()) !== 0) process.exit(2);
const code = sms(['validate', '--history'], dir);
for (const args of [
  ['log', 'RFC-0003'],
  ['report', 'review', '--until', '2026-11-23'],
])
  sms(args, dir);
process.stdout.write(`\nThe sample organisation is in ${dir}\n`);
process.exit(code);
