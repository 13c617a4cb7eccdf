#!/usr/bin/env node
// Evidence for docs/decisions/0002-git-streamed-directly.md: reading a whole history the way sms
// does (one streamed `git log -z --raw`, one long-lived `git cat-file --batch`) against simple-git.
//
//   npm install --prefix /tmp/adr-deps simple-git@4
//   npm run build        # once, if dist/ is missing
//   node scripts/decisions/git-history.mjs /tmp/adr-deps [--commits 5000] [--docs 500] [--runs 5] [--slow-runs 3] [--keep]
//
// The dependency prefix can also be given as ADR_DEPS. A repository is generated with
// `git fast-import` in a temporary directory and removed afterwards (unless --keep). Each approach
// runs in its own Node process, under GNU time when /usr/bin/time exists, so its peak memory is its
// own. Prints Markdown tables.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SELF = fileURLToPath(import.meta.url);

// The same git log as sms runs (src/git/history.ts).
const RS = '\x1e';
const US = '\x1f';
const LOG_ARGS = [
  '-c',
  'core.quotePath=false',
  'log',
  '-z',
  '--raw',
  '--no-abbrev',
  '--no-renames',
  '--no-color',
  '--no-ext-diff',
  '--diff-merges=dense-combined',
  '--topo-order',
  '--reverse',
  `--format=${RS}%H${US}%P${US}%an${US}%ae${US}%cn${US}%ce${US}%aI${US}%(trailers:key=Approved-by,valueonly,separator=%x1d)${US}%s`,
  'HEAD',
  '--',
];
const isDocument = (p) => p.endsWith('.md');
const NULL_SHA = /^0+$/;

/** Blob ids (old and new) of the documents changed in a buffered `git log -z --raw` output. */
function blobsOfLog(text, want) {
  let commits = 0;
  for (const record of text.split(RS)) {
    if (record === '') continue;
    commits++;
    const nul = record.indexOf('\0');
    if (nul < 0) continue;
    const tokens = record.slice(nul + 1).split('\0');
    for (let i = 0; i < tokens.length; i++) {
      const meta = tokens[i].replace(/^\n+/, '');
      if (!meta.startsWith(':')) continue;
      const file = tokens[++i] ?? '';
      if (!isDocument(file)) continue;
      const parts = meta.replace(/^:+/, '').split(' ');
      want(parts[2]);
      want(parts[3]);
    }
  }
  return commits;
}

// ---- worker: one approach, one process ----------------------------------------------------------
async function worker(approach, repo, prefix) {
  const seen = new Set();
  let bytes = 0;
  let commits;
  let processes;
  let buffered = 0;
  const t0 = process.hrtime.bigint();
  if (approach === 'sms') {
    const { streamLog, BlobReader } = await import(pathToFileURL(path.join(ROOT, 'dist', 'git', 'history.js')).href);
    const reader = new BlobReader(repo);
    const reads = [];
    const want = (blob) => {
      if (blob && !seen.has(blob)) {
        seen.add(blob);
        reads.push(reader.read(blob).then((b) => (bytes += b.length)));
      }
    };
    commits = await streamLog({
      cwd: repo,
      range: ['HEAD'],
      onCommit(c) {
        for (const ch of c.changes) {
          if (!isDocument(ch.path)) continue;
          want(ch.oldBlob);
          want(ch.newBlob);
        }
      },
    });
    await Promise.all(reads);
    reader.close();
    processes = 2;
  } else {
    const { simpleGit } = createRequire(path.join(path.resolve(prefix), 'package.json'))('simple-git');
    const ids = [];
    const want = (blob) => {
      if (blob && !NULL_SHA.test(blob) && !seen.has(blob)) {
        seen.add(blob);
        ids.push(blob);
      }
    };
    if (approach === 'simple-git-per-blob') {
      // The usual simple-git code: git.raw() for the log, one catFile() call per blob.
      const git = simpleGit({ baseDir: repo });
      const log = await git.raw(LOG_ARGS);
      buffered = Buffer.byteLength(log);
      commits = blobsOfLog(log, want);
      await Promise.all(ids.map((id) => git.catFile(['-p', id]).then((s) => (bytes += Buffer.byteLength(s)))));
      processes = 1 + ids.length;
    } else if (approach === 'simple-git-one-shot') {
      // The best simple-git 4 allows: all ids written to stdin once (input plugin) to a single
      // `cat-file --batch`, whose whole output comes back as one buffer after the log has ended.
      let input = '';
      const git = simpleGit({ baseDir: repo, input: (commands) => (commands.includes('--batch') ? input : undefined) });
      const log = await git.raw(LOG_ARGS);
      commits = blobsOfLog(log, want);
      input = `${ids.join('\n')}\n`;
      const out = await git.binaryCatFile(['--batch']);
      buffered = Buffer.byteLength(log) + out.length;
      let at = 0;
      while (at < out.length) {
        const nl = out.indexOf(10, at);
        const size = Number(out.toString('latin1', at, nl).split(' ')[2]);
        bytes += size;
        at = nl + 1 + size + 1;
      }
      processes = 2;
    } else {
      throw new Error(`unknown approach ${approach}`);
    }
  }
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  console.log(JSON.stringify({ ms, commits, blobs: seen.size, bytes, processes, buffered, maxRssKb: process.resourceUsage().maxRSS }));
}

// ---- repository ---------------------------------------------------------------------------------
function rng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pad = (n) => String(n).padStart(4, '0');

/** `commits` linear commits over `docs` change requests: each commit creates or edits one or two documents. */
function generate(dir, commits, docs) {
  const r = rng(commits * 7 + docs);
  const people = ['ana', 'jonas', 'tom', 'mia', 'lee'].map((n) => ({
    name: n[0].toUpperCase() + n.slice(1),
    email: `${n}@harbourlane.example`,
  }));
  const statuses = ['draft', 'submitted', 'approved', 'deployed', 'closed'];
  const state = [];
  const text = (d) =>
    `---\nid: RFC-${pad(d.n)}\ntype: change-request\ntitle: "Change ${d.n}"\nstatus: ${statuses[d.status]}\nversion: "1.${d.rev}"\n` +
    `change_type: normal\npriority: P${1 + (d.n % 4)}\nrequested_by: ${people[d.n % 5].email}\nrequested_on: 2025-0${1 + (d.n % 9)}-1${d.n % 9}\n` +
    `services: [SVC-000${1 + (d.n % 5)}]\nconfiguration_items:\n  - CI-${pad(d.n)}\nrisk: low\n---\n\n# Change ${d.n}\n\n## Purpose\n\n` +
    `${'Replace the component and record the result. '.repeat(10 + (d.n % 20))}\n\n## Notes\n\n` +
    Array.from({ length: d.rev }, (_, k) => `- Revision ${k + 1}: reviewed and updated.\n`).join('');
  const out = [];
  const data = (s) => `data ${Buffer.byteLength(s)}\n${s}\n`;
  let t = Date.parse('2024-01-01T00:00:00Z') / 1000;
  out.push(`commit refs/heads/main\nmark :1\ncommitter Ana <ana@harbourlane.example> ${t} +0000\n${data('start')}`);
  out.push(`M 100644 inline sms.config.yaml\n${data('organisation: Harbour Lane IT\n')}\n`);
  for (let c = 2; c <= commits; c++) {
    t += 600 + Math.floor(r() * 3000);
    const ops = [];
    const touch = c % 10 === 0 ? 2 : 1;
    let subject = '';
    for (let k = 0; k < touch; k++) {
      let d;
      if (state.length < docs && (state.length < 5 || r() < (docs / commits) * 1.5 || commits - c <= docs - state.length)) {
        d = { n: state.length + 1, status: 0, rev: 0 };
        state.push(d);
        subject ||= `Create RFC-${pad(d.n)}`;
      } else {
        d = state[Math.floor(r() * state.length)];
        if (r() < 0.3 && d.status < statuses.length - 1) d.status++;
        else d.rev++;
        subject ||= `Update RFC-${pad(d.n)}`;
      }
      ops.push(`M 100644 inline changes/RFC-${pad(d.n)}.md\n${data(text(d))}`);
    }
    const p = people[c % 5];
    out.push(
      `commit refs/heads/main\nmark :${c}\ncommitter ${p.name} <${p.email}> ${t} +0000\n${data(subject)}from :${c - 1}\n${ops.join('')}\n`,
    );
  }
  out.push('done\n');
  execFileSync('git', ['init', '-q', '-b', 'main', dir]);
  execFileSync('git', ['fast-import', '--quiet', '--done'], { cwd: dir, input: out.join(''), maxBuffer: 1 << 30 });
  execFileSync('git', ['reset', '-q', '--hard', 'main'], { cwd: dir });
  return state.length;
}

// ---- main ---------------------------------------------------------------------------------------
async function main() {
  const args = process.argv.slice(2);
  if (args[0] === '--worker') return worker(args[1], args[2], args[3]);
  const option = (name, fallback) => {
    const i = args.indexOf(name);
    return i >= 0 ? Number(args[i + 1]) : fallback;
  };
  const prefix = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--')) ?? process.env.ADR_DEPS;
  if (!prefix) {
    console.error(
      'usage: node scripts/decisions/git-history.mjs <dependency prefix> [--commits N] [--docs N] [--runs R] [--slow-runs R] [--keep]',
    );
    process.exit(2);
  }
  if (!existsSync(path.join(ROOT, 'dist', 'git', 'history.js'))) {
    console.error('dist/git/history.js is missing: run npm run build first');
    process.exit(2);
  }
  const COMMITS = option('--commits', 5000);
  const DOCS = option('--docs', 500);
  const RUNS = option('--runs', 5);
  const SLOW_RUNS = option('--slow-runs', 3);
  const sgMain = createRequire(path.join(path.resolve(prefix), 'package.json')).resolve('simple-git');
  const sgVersion = JSON.parse(readFileSync(path.join(path.dirname(sgMain), '..', 'package.json'), 'utf8')).version;

  const dir = mkdtempSync(path.join(os.tmpdir(), 'sms-adr-git-'));
  try {
    const g0 = process.hrtime.bigint();
    const made = generate(dir, COMMITS, DOCS);
    const genMs = Number(process.hrtime.bigint() - g0) / 1e6;
    const logBytes = execFileSync('git', LOG_ARGS, { cwd: dir, maxBuffer: 1 << 30 }).length;
    const gnuTime = existsSync('/usr/bin/time');
    const run = (approach) => {
      const cmd = [process.execPath, SELF, '--worker', approach, dir, path.resolve(prefix)];
      const res = gnuTime
        ? spawnSync('/usr/bin/time', ['-f', 'maxrss=%M', ...cmd], { maxBuffer: 1 << 30 })
        : spawnSync(cmd[0], cmd.slice(1), { maxBuffer: 1 << 30 });
      if (res.status !== 0) throw new Error(`${approach} failed: ${res.stderr}`);
      const result = JSON.parse(res.stdout.toString().trim().split('\n').pop());
      const m = /maxrss=(\d+)/.exec(res.stderr.toString());
      return { ...result, treeMaxRssKb: m ? Number(m[1]) : undefined };
    };
    const approaches = [
      ['sms: one streamed `git log` + one `git cat-file --batch` (dist/git/history.js)', 'sms', RUNS],
      ['simple-git: `git.raw(log)` + one `git.catFile(["-p", id])` per blob', 'simple-git-per-blob', SLOW_RUNS],
      ['simple-git: `git.raw(log)` + one `cat-file --batch` fed all ids at once (input plugin)', 'simple-git-one-shot', RUNS],
    ];
    const results = approaches.map(() => []);
    const most = Math.max(RUNS, SLOW_RUNS);
    for (let k = 0; k < most; k++) {
      // Rotate the order so that no approach always runs first (page cache, other tenants).
      for (let j = 0; j < approaches.length; j++) {
        const i = (j + k) % approaches.length;
        if (results[i].length < approaches[i][2]) results[i].push(run(approaches[i][1]));
      }
    }
    const ref = results[0][0];
    for (const [i, rs] of results.entries()) {
      for (const x of rs) {
        if (x.commits !== ref.commits || x.blobs !== ref.blobs || x.bytes !== ref.bytes) {
          throw new Error(
            `${approaches[i][1]} read ${x.commits} commits / ${x.blobs} blobs / ${x.bytes} bytes, sms ${ref.commits} / ${ref.blobs} / ${ref.bytes}`,
          );
        }
      }
    }
    const median = (xs) => {
      const s = [...xs].sort((a, b) => a - b);
      return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    };
    const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
    const mb = (kb) => `${(kb / 1024).toFixed(0)} MB`;
    const gitVersion = execFileSync('git', ['--version']).toString().trim();
    const out = [];
    out.push(
      `Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}); Node ${process.version}; ${gitVersion}; simple-git ${sgVersion} (default maxConcurrentProcesses 5).`,
      '',
      `Repository: ${COMMITS.toLocaleString('en')} linear commits over ${made} Markdown documents, generated with git fast-import in ${fmt(genMs)}; ` +
        `${ref.blobs.toLocaleString('en')} distinct document blobs (${(ref.bytes / 2 ** 20).toFixed(1)} MiB); the log output is ${(logBytes / 2 ** 20).toFixed(1)} MiB.`,
      '',
      'Time is measured inside a fresh Node process for each run, from the first git call to the last byte (Node start-up excluded); ' +
        "peak memory is that process's maxRSS, and with GNU time also the largest process of its tree (Node or a git child). Medians over the runs shown.",
      '',
      '| approach | git processes | median time | runs | peak RSS, Node process (median) | largest process in tree (median) | output held in memory at once |',
      '|---|---|---|---|---|---|---|',
    );
    approaches.forEach(([label], i) => {
      const rs = results[i];
      const tree = rs.every((x) => x.treeMaxRssKb) ? mb(median(rs.map((x) => x.treeMaxRssKb))) : 'n/a';
      const size = `${(rs[0].buffered / 2 ** 20).toFixed(1)} MiB`;
      const held = {
        sms: 'one pipe chunk at a time',
        'simple-git-per-blob': `the whole log (${size}), then each blob`,
        'simple-git-one-shot': `the whole log, then all blobs (${size} in all)`,
      }[approaches[i][1]];
      out.push(
        `| ${label} | ${rs[0].processes.toLocaleString('en')} | ${fmt(median(rs.map((x) => x.ms)))} | ${rs.map((x) => fmt(x.ms)).join(', ')} | ${mb(median(rs.map((x) => x.maxRssKb)))} | ${tree} | ${held} |`,
      );
    });
    const sms = median(results[0].map((x) => x.ms));
    out.push(
      '',
      `Ratios to sms: ${approaches.map(([, id], i) => `${id} ${(median(results[i].map((x) => x.ms)) / sms).toFixed(1)}×`).join('; ')}.`,
    );
    console.log(out.join('\n'));
  } finally {
    if (args.includes('--keep')) console.error(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

await main();
