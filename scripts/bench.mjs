#!/usr/bin/env node
// npm run bench: measures sms as whole processes against baselines measured in the same run, and
// writes docs/benchmarks.md. Repositories are generated deterministically under .bench/.
//   node scripts/bench.mjs [--quick]   (--quick: skip the 10k-document/50k-commit history variant and reports at 100k documents)
//   node scripts/bench.mjs --only startup|hostile|reports-at-scale   (one section, replaced in docs/benchmarks.md;
//                                       --startup is the same as --only startup)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BENCH = path.join(ROOT, '.bench');
const BIN = path.join(ROOT, 'bin', 'sms.js');
const FLOOR = path.join(ROOT, 'scripts', 'startup-floor.mjs');
const QUICK = process.argv.includes('--quick');
const STARTUP_ONLY = process.argv.includes('--startup');
const DOC = path.join(ROOT, 'docs', 'benchmarks.md');
const GEN_VERSION = '5';
mkdirSync(BENCH, { recursive: true });

// ---- helpers ---------------------------------------------------------------------------------
function rng(seed) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};
function time(cmd, args, opts = {}) {
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { maxBuffer: 1 << 30, ...opts });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.error) throw r.error;
  return { ms, r };
}
function timeN(n, cmd, args, opts) {
  const runs = [];
  let last;
  for (let i = 0; i < n; i++) {
    last = time(cmd, args, opts);
    runs.push(last.ms);
  }
  return { ms: median(runs), runs, r: last.r };
}
/** Peak RSS (KB) of a command, from GNU time. */
function peakRss(cmd, args, opts) {
  if (!existsSync('/usr/bin/time')) return undefined;
  const r = spawnSync('/usr/bin/time', ['-f', '%M', cmd, ...args], { ...opts, maxBuffer: 1 << 30 });
  const m = /(\d+)\s*$/.exec(r.stderr.toString());
  return m ? Number(m[1]) : undefined;
}
const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
/** The 1-minute load average: other tenants of this machine show in it, and in every timing. */
const load = () => os.loadavg()[0].toFixed(1);
const P = ['P1', 'P2', 'P3', 'P4'];
const people = Array.from({ length: 8 }, (_, i) => ({
  name: `Person ${i}`,
  email: `p${i}@bench.example`,
  roles: i === 0 ? ['SM', 'MGT'] : i === 1 ? ['CM'] : i === 2 ? ['IM', 'RM'] : ['PT'],
}));
const rolesDoc = `---\nid: ROLES\ntype: roles\ntitle: Roles\nstatus: draft\npeople:\n${people.map((p) => `  - name: ${p.name}\n    email: ${p.email}\n    roles: [${p.roles.join(', ')}]`).join('\n')}\n---\n\n## Responsibilities\n\n## Training and development\n`;
const svc = (i) =>
  `---\nid: SVC-${String(i).padStart(4, '0')}\ntype: service\ntitle: Service ${i}\nstatus: draft\nowner: p0@bench.example\n---\n\n## Description\n\n## Service hours\n\n## Quality measures\n\n## How to use\n`;
const pad = (n) => String(n).padStart(4, '0');
const sla = `---\nid: SLA-0001\ntype: customer-agreement\ntitle: Bench customer\nstatus: approved\ncustomer: Bench customer\nservices: [SVC-0001, SVC-0002, SVC-0003, SVC-0004, SVC-0005]\nstart: "2020-01-01"\nreview: "2030-01-01"\nend: "2030-12-31"\nowner: p0@bench.example\navailability: 99.5\napproved_by: p0@bench.example\napproved_on: "2020-01-01"\ntargets:\n  P1: { resolution_hours: 4 }\n  P2: { resolution_hours: 8 }\n  P3: { resolution_hours: 40 }\n  P4: { resolution_hours: 120 }\n---\n\n## Scope\n\n## Service hours\n\n## Targets\n\n## Communication\n\n## Responsibilities\n`;
const incident = (n, r, status = 'opened', broken = false) =>
  `---\nid: INC-${pad(n)}\ntype: incident\ntitle: Incident ${n}\nstatus: ${status}\npriority: ${broken ? 'P9' : P[Math.floor(r() * 4)]}\nopened: "2026-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 9)}T08:00:00Z"\nreported_by: p${3 + Math.floor(r() * 5)}@bench.example\nservices: [SVC-000${1 + Math.floor(r() * 5)}]\n---\n\n## Description\n\nSomething broke (${n}).\n\n## Restoration steps\n\n## Solution\n`;
const change = (n, r, status = 'draft', extra = '') =>
  `---\nid: RFC-${pad(n)}\ntype: change-request\ntitle: Change ${n}\nstatus: ${status}\nchange_type: ${['normal', 'emergency', 'pre-approved'][Math.floor(r() * 3)]}\npriority: ${P[Math.floor(r() * 4)]}\nrequested_by: p${3 + Math.floor(r() * 5)}@bench.example\nservices: [SVC-000${1 + Math.floor(r() * 5)}]\n${extra}---\n\n## Purpose\n\nChange number ${n}.\n\n## Business impact\n\n## Scope\n`;
const ci = (n, r) =>
  `---\nid: CI-${pad(n)}\ntype: configuration-item\ntitle: Item ${n}\nstatus: stored\nci_type: ${['hardware', 'software', 'document'][Math.floor(r() * 3)]}\nowner: p1@bench.example\nservices: [SVC-000${1 + Math.floor(r() * 5)}]\n---\n\n## Description\n\nItem ${n}.\n`;

// ---- static repositories ---------------------------------------------------------------------
function staticRepo(n) {
  const dir = path.join(BENCH, `static-${n}`);
  const marker = path.join(dir, '.gen');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === GEN_VERSION) return dir;
  rmSync(dir, { recursive: true, force: true });
  const r = rng(n);
  const files = { 'sms.config.yaml': 'organisation: Bench\n', 'governance/roles.md': rolesDoc };
  for (let i = 1; i <= 5; i++) files[`catalogue/SVC-${pad(i)}-s.md`] = svc(i);
  let broken = 0;
  for (let i = 1; i <= n; i++) {
    const k = i % 10;
    const bad = i % 100 === 7;
    if (bad) broken++;
    if (k < 4) files[`incidents/INC-${pad(i)}-x.md`] = incident(i, r, 'opened', bad);
    else if (k < 7) files[`changes/RFC-${pad(i)}-x.md`] = bad ? change(i, r).replace('priority: P', 'priority: X') : change(i, r);
    else files[`configuration/CI-${pad(i)}-x.md`] = bad ? ci(i, r).replace('ci_type: ', 'ci_type: x') : ci(i, r);
  }
  for (const [f, c] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    writeFileSync(path.join(dir, f), c);
  }
  writeFileSync(path.join(dir, '.broken'), String(broken));
  writeFileSync(marker, GEN_VERSION);
  return dir;
}

/** Draft-07 translation of the sms schemas (base merged in, additionalProperties for unevaluatedProperties). */
function remarkSetup(dir) {
  const common = JSON.parse(readFileSync(path.join(ROOT, 'schemas', 'common.schema.json'), 'utf8'));
  const fix = (o) =>
    JSON.parse(JSON.stringify(o).replaceAll('common.schema.json#/$defs/', '#/definitions/').replaceAll('#/$defs/', '#/definitions/'));
  const out = path.join(dir, '.remark-schemas');
  mkdirSync(out, { recursive: true });
  const schemas = {};
  for (const [type, folder] of [
    ['incident', 'incidents'],
    ['change-request', 'changes'],
    ['configuration-item', 'configuration'],
    ['service', 'catalogue'],
    ['roles', 'governance'],
  ]) {
    const s = JSON.parse(readFileSync(path.join(ROOT, 'schemas', `${type}.schema.json`), 'utf8'));
    const base = common.$defs.base;
    const merged = fix({
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      required: [...base.required, ...(s.required ?? [])],
      properties: { ...base.properties, ...s.properties },
      additionalProperties: false,
      definitions: common.$defs,
    });
    delete merged.definitions.base;
    writeFileSync(path.join(out, `${type}.json`), JSON.stringify(merged));
    schemas[`./.remark-schemas/${type}.json`] = [`${folder}/**/*.md`];
  }
  writeFileSync(
    path.join(dir, '.remarkrc.json'),
    JSON.stringify({ plugins: ['remark-frontmatter', ['remark-lint-frontmatter-schema', { schemas }]] }),
  );
}

// ---- history repositories (git fast-import) ----------------------------------------------------
function historyRepo(docs, commits, { shard = false } = {}) {
  // shard: documents in folders of 1,000 (incidents/042/INC-42000-x.md), as a large repository
  // would keep them; one flat folder of 50,000 files makes every commit rewrite a huge tree.
  const dir = path.join(BENCH, `history-${docs}-${commits}${shard ? '-scale' : ''}`);
  const marker = path.join(dir, '.git', 'sms-bench-gen');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === GEN_VERSION) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: dir });
  const r = rng(docs * 31 + commits);
  const out = [];
  const data = (s) => `data ${Buffer.byteLength(s)}\n${s}\n`;
  let mark = 0;
  let t = Date.parse('2020-01-01T00:00:00Z') / 1000;
  const state = new Map(); // id -> { path, kind, status, n, rev }
  const ids = [];
  const head = { main: 0 };
  const emit = (branch, who, msg, ops, from, merge) => {
    mark++;
    t += 600 + Math.floor(r() * 3000);
    const p = people[who];
    out.push(
      `commit refs/heads/${branch}\nmark :${mark}\nauthor ${p.name} <${p.email}> ${t} +0000\ncommitter ${p.name} <${p.email}> ${t} +0000\n${data(msg)}`,
    );
    if (from) out.push(`from :${from}\n`);
    if (merge) out.push(`merge :${merge}\n`);
    for (const op of ops) out.push(op);
    out.push('\n');
    return mark;
  };
  const base = [
    'M 100644 inline sms.config.yaml\n' + data('organisation: Bench\n'),
    'M 100644 inline governance/roles.md\n' + data(rolesDoc),
  ];
  for (let i = 1; i <= 5; i++) base.push(`M 100644 inline catalogue/SVC-${pad(i)}-s.md\n` + data(svc(i)));
  // The scale variant has a customer agreement too, so the performance report has one to report on.
  if (shard) base.push('M 100644 inline agreements/customers/SLA-0001-x.md\n' + data(sla));
  head.main = emit('main', 0, 'start', base);
  let next = 1;
  let made = 1;
  const textOf = (d) =>
    (d.kind === 'inc'
      ? incident(d.n, rng(d.n), d.status)
      : change(d.n, rng(d.n), d.status, d.status !== 'draft' ? `approved_by: p1@bench.example\napproved_on: "2026-01-01"\n` : '')) +
    (d.rev ? `\nRevision ${d.rev}.\n` : '');
  const step = () => {
    // Mostly: create a document, edit a draft, move one along its lifecycle; sometimes rename.
    // The list of ids is kept alongside the map (copying the keys at every step is quadratic at 100k documents).
    const roll = r();
    if (next <= docs && (roll < (docs / commits) * 1.2 || ids.length < 10)) {
      const n = next++;
      const kind = n % 2 ? 'inc' : 'rfc';
      const d = {
        id: `${kind === 'inc' ? 'INC' : 'RFC'}-${pad(n)}`,
        kind,
        n,
        status: kind === 'inc' ? 'opened' : 'draft',
        rev: 0,
        path: `${kind === 'inc' ? 'incidents' : 'changes'}/${shard ? `${String(Math.floor(n / 1000)).padStart(3, '0')}/` : ''}${kind === 'inc' ? 'INC' : 'RFC'}-${pad(n)}-x.md`,
      };
      state.set(d.id, d);
      ids.push(d.id);
      return { who: 3 + (n % 5), msg: `Create ${d.id}`, ops: [`M 100644 inline ${d.path}\n` + data(textOf(d))] };
    }
    const d = state.get(ids[Math.floor(r() * ids.length)]);
    // Deployed change requests are not edited again; they only move (content unchanged).
    if (r() < 0.03 || (d.kind === 'rfc' && d.status === 'updated')) {
      const old = d.path;
      d.path = d.path.replace(/-x(\d*)\.md$/, (_, k) => `-x${Number(k || 0) + 1}.md`);
      return { who: 3, msg: `Rename ${d.id}`, ops: [`D ${old}\n`, `M 100644 inline ${d.path}\n` + data(textOf(d))] };
    }
    let who = 3 + (d.n % 5);
    if (d.kind === 'inc') {
      if (d.status === 'opened' || (d.status === 'updated' && r() < 0.5)) d.status = 'updated';
      else if (d.status === 'updated') d.status = 'closed';
      else d.rev++;
    } else if (d.status === 'draft' && r() < 0.5) d.rev++;
    else if (d.status === 'draft') {
      d.status = 'approved';
      who = 1;
    } else if (d.status === 'approved') {
      d.status = 'updated';
      who = 1;
    } else d.rev++;
    return { who, msg: `Update ${d.id}`, ops: [`M 100644 inline ${d.path}\n` + data(textOf(d))] };
  };
  while (made < commits) {
    if (made % 100 === 50 && made + 6 < commits) {
      // A short side branch of four commits, merged back with --no-ff. Main has not moved since the
      // fork, so the merge's tree is the side's: its changes are replayed onto main's tree (a merge
      // with no changes of its own would drop them, which no real merge of this shape does).
      const fork = head.main;
      let side = fork;
      const replay = [];
      for (let i = 0; i < 4; i++) {
        const s = step();
        side = emit('side', s.who, s.msg, s.ops, side);
        replay.push(...s.ops);
        made++;
      }
      head.main = emit('main', 0, 'Merge side', replay, head.main, side);
      made++;
      continue;
    }
    const s = step();
    head.main = emit('main', s.who, s.msg, s.ops, head.main);
    made++;
  }
  out.push('done\n');
  execFileSync('git', ['fast-import', '--quiet', '--done'], { cwd: dir, input: out.join(''), maxBuffer: 1 << 30 });
  execFileSync('git', ['reset', '--hard', '-q', 'main'], { cwd: dir });
  execFileSync('git', ['branch', '-D', 'side'], { cwd: dir, stdio: 'ignore' });
  writeFileSync(marker, GEN_VERSION);
  return dir;
}

/** The raw-git floor: the same git log as sms, then cat-file --batch of the same blobs, output discarded. */
function gitFloor(dir) {
  const logArgs = [
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
    '--format=%x1e%H%x1f%P%x1f%an%x1f%ae%x1f%cn%x1f%ce%x1f%aI%x1f%(trailers:key=Approved-by,valueonly,separator=%x1d)%x1f%s',
    'HEAD',
    '--',
  ];
  const raw = execFileSync('git', logArgs, { cwd: dir, maxBuffer: 1 << 30 }).toString();
  const blobs = new Set();
  // The blobs sms reads: those of .md files in the document folders.
  const tokens = raw.split('\0');
  for (let i = 0; i < tokens.length; i++) {
    if (!tokens[i].replace(/^\n+/, '').startsWith(':')) continue;
    const p = tokens[i + 1] ?? '';
    if (p.endsWith('.md') && /^(catalogue|changes|configuration|governance|incidents)\//.test(p)) {
      for (const m of tokens[i].matchAll(/ ([0-9a-f]{40})/g)) if (!/^0+$/.test(m[1])) blobs.add(m[1]);
    }
    i++;
  }
  const list = path.join(BENCH, 'blobs.txt');
  writeFileSync(list, [...blobs].join('\n') + '\n');
  const log = timeN(3, 'git', logArgs, { cwd: dir, stdio: ['ignore', 'ignore', 'ignore'] });
  const cat = timeN(3, 'sh', ['-c', `git cat-file --batch < "${list}" > /dev/null`], { cwd: dir });
  return { ms: log.ms + cat.ms, log: log.ms, cat: cat.ms, blobs: blobs.size };
}

function perFile(dir, docs) {
  const files = execFileSync('git', ['ls-files', 'changes', 'incidents'], { cwd: dir }).toString().trim().split('\n');
  const sample = files.filter((_, i) => i % Math.ceil(files.length / 30) === 0).slice(0, 30);
  const t = time('sh', ['-c', sample.map((f) => `git log --format=%H -- '${f}' > /dev/null`).join('; ')], { cwd: dir });
  return { perFileMs: t.ms / sample.length, extrapolatedMs: (t.ms / sample.length) * docs, sample: sample.length };
}

// ---- start-up on the sample organisation --------------------------------------------------------
const SAMPLE_UNTIL = '2026-11-30';
const STARTUP_RUNS = 15;
const STARTUP_HEADING = '## Start-up on the sample';

/** The shipped sample organisation, created afresh by `sms init --sample` so it matches this build. */
function sampleRepo(env) {
  const dir = path.join(BENCH, 'sample');
  rmSync(dir, { recursive: true, force: true });
  const r = spawnSync(process.execPath, [BIN, 'init', '--sample', dir], { env });
  if (r.status !== 0) throw new Error(`sms init --sample failed: ${r.stderr}`);
  return dir;
}

/**
 * Whole-process times of the everyday commands on the sample, as ratios to bare Node measured in
 * the same rounds. The commands take turns within each round so a slow spell on this shared machine
 * hits all of them alike; one warm-up run each first checks the exit code and warms the page cache
 * and Node's compile cache, as the second and later runs of any user are.
 */
function startupOnSample() {
  const out = [];
  const env = { ...process.env, SMS_TODAY: SAMPLE_UNTIL, NO_COLOR: '1' };
  delete env.NODE_COMPILE_CACHE;
  delete env.NODE_DISABLE_COMPILE_CACHE;
  const dir = sampleRepo(env);
  const one = `changes/${execFileSync('git', ['ls-files', 'changes'], { cwd: dir }).toString().trim().split('\n').sort()[0].slice('changes/'.length)}`;
  const commits = execFileSync('git', ['rev-list', '--count', 'HEAD'], { cwd: dir }).toString().trim();
  const code = measuredCode();
  const files = JSON.parse(
    spawnSync(process.execPath, [BIN, 'validate', '--format', 'json'], { cwd: dir, env }).stdout.toString(),
  ).fileCount;
  const noCache = { ...env, NODE_DISABLE_COMPILE_CACHE: '1' };
  const withoutToday = { ...env };
  delete withoutToday.SMS_TODAY;
  const cmds = [
    { label: '`node -e 0` (baseline)', args: ['-e', '0'] },
    { label: '`sms --version`', args: [BIN, '--version'] },
    // Two floors for reading the targets: what reading the documents and HEAD's tree costs with
    // no sms code at all, and what loading the command-line program costs with no work.
    { label: 'floor: read every document and list HEAD, no sms code (`scripts/startup-floor.mjs`)', args: [FLOOR] },
    { label: '`sms validate --help` (loading the program, no work)', args: [BIN, 'validate', '--help'] },
    { label: '`sms validate`', args: [BIN, 'validate'], target: 2.5 },
    { label: `\`sms validate ${one}\``, args: [BIN, 'validate', one], target: 2.5 },
    // What a pre-commit hook runs (the index equals HEAD here, so every document is read from git).
    { label: '`sms validate --staged`', args: [BIN, 'validate', '--staged'] },
    // "Today" from the clock in the sample's time zone, as users run it; findings may depend on the date.
    { label: '`sms validate`, without `SMS_TODAY`', args: [BIN, 'validate'], env: withoutToday, okCodes: [0, 1] },
    { label: `\`sms report review --until ${SAMPLE_UNTIL}\``, args: [BIN, 'report', 'review', '--until', SAMPLE_UNTIL], target: 4 },
    { label: '`sms validate`, compile cache off', args: [BIN, 'validate'], env: noCache },
    { label: '`sms report review`, compile cache off', args: [BIN, 'report', 'review', '--until', SAMPLE_UNTIL], env: noCache },
  ];
  const loadBefore = load();
  for (const c of cmds) {
    const r = spawnSync(process.execPath, c.args, { cwd: dir, env: c.env ?? env });
    if (!(c.okCodes ?? [0]).includes(r.status)) throw new Error(`${c.label} exited with ${r.status}: ${r.stderr}`);
    c.runs = [];
  }
  for (let i = 0; i < STARTUP_RUNS; i++) {
    for (const c of cmds) c.runs.push(time(process.execPath, c.args, { cwd: dir, env: c.env ?? env, stdio: 'ignore' }).ms);
  }
  // CPU time (user + system, the command and its git processes) suffers far less than wall time
  // when other tenants keep the cores busy; GNU time counts it in hundredths of a second, so the
  // mean of the runs is given. Separate runs, so the wrapper does not add to the wall times.
  const cpu = existsSync('/usr/bin/time');
  for (let i = 0; cpu && i < STARTUP_RUNS; i++) {
    for (const c of cmds) {
      const r = spawnSync('/usr/bin/time', ['-f', '%U %S', process.execPath, ...c.args], {
        cwd: dir,
        env: c.env ?? env,
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      const m = /([\d.]+) ([\d.]+)\s*$/.exec(r.stderr.toString());
      (c.cpu ??= []).push(m ? (Number(m[1]) + Number(m[2])) * 1000 : NaN);
    }
  }
  const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const base = median(cmds[0].runs);
  const baseCpu = cpu ? mean(cmds[0].cpu) : NaN;
  out.push(STARTUP_HEADING);
  out.push('');
  out.push(
    `Code at ${code}. The sample organisation of \`sms init --sample\` (${files} documents, ${commits} commits), Node ${process.version}; median of ${STARTUP_RUNS} whole-process runs each, the commands taking turns; \`SMS_TODAY=${SAMPLE_UNTIL}\`. "Compile cache off" sets \`NODE_DISABLE_COMPILE_CACHE=1\`. The targets are on wall time; CPU time is given because it shows the work done even when other tenants stretch the wall times. Load average (1 min) before and after: ${loadBefore} and ${load()}.`,
  );
  out.push('');
  out.push('| command | median | ratio to `node -e 0` | target | CPU time, mean (ratio) |');
  out.push('|---|---|---|---|---|');
  for (const c of cmds) {
    const ms = median(c.runs);
    const ratio = ms / base;
    const target = c.target ? `≤ ${c.target}×: ${ratio <= c.target ? 'met' : 'NOT met'}` : '';
    const cpuCell = cpu ? `${fmt(mean(c.cpu))} (${(mean(c.cpu) / baseCpu).toFixed(2)}×)` : 'n/a';
    out.push(`| ${c.label} | ${fmt(ms)} | ${c === cmds[0] ? '1.00×' : `${ratio.toFixed(2)}×`} | ${target} | ${cpuCell} |`);
  }
  out.push('');
  return out;
}

/** The commit of sms measured, so numbers are never read as those of later code. */
function measuredCode() {
  const git = (args) => spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' });
  const head = git(['rev-parse', '--short', 'HEAD']);
  if (head.status !== 0) return 'an unknown commit (not a git checkout)';
  const inputs = [
    'bin',
    'src',
    'schemas',
    'templates',
    'model',
    'scripts/build-model.mjs',
    'scripts/check-model.mjs',
    'scripts/bundle.mjs',
    'package.json',
  ];
  const dirty = git(['diff', '--quiet', 'HEAD', '--', ...inputs]).status !== 0;
  return `commit ${head.stdout.trim()}${dirty ? ' with uncommitted changes' : ''}`;
}

// ---- hostile input and reports at scale (each section is a function: `--only <name>` runs it alone) ----

/** A repository of the roles document plus `files`, committed twice (added, then edited) so history reads every file. */
function smallHistoryRepo(name, files) {
  const dir = path.join(BENCH, `hostile-${name}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: 'Bench',
    GIT_AUTHOR_EMAIL: 'bench@bench.example',
    GIT_COMMITTER_NAME: 'Bench',
    GIT_COMMITTER_EMAIL: 'bench@bench.example',
    GIT_AUTHOR_DATE: '2026-01-01T10:00:00Z',
    GIT_COMMITTER_DATE: '2026-01-01T10:00:00Z',
  };
  const git = (...args) => execFileSync('git', ['-c', 'commit.gpgsign=false', ...args], { cwd: dir, env, stdio: 'ignore' });
  const write = (rel, content) => {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), content);
  };
  write('sms.config.yaml', 'organisation: Bench\n');
  write('governance/roles.md', rolesDoc);
  git('init', '-q', '-b', 'main');
  for (const [rel, content] of Object.entries(files)) if (typeof content === 'string') write(rel, content);
  git('add', '--all');
  git('commit', '-q', '-m', 'add');
  for (const [rel, content] of Object.entries(files)) if (typeof content === 'string') write(rel, `${content}\nEdited.\n`);
  git('add', '--all');
  git('commit', '-q', '-m', 'edit');
  for (const [rel, content] of Object.entries(files)) if (typeof content === 'function') content(path.join(dir, rel));
  return dir;
}

const MB = 1024 * 1024;

/**
 * Wall-clock and CPU time (user + system, of sms and the git processes it waits for, from GNU
 * time) of one run. On a machine shared with other work, CPU time is the steadier measure.
 */
function timeCpu(cmd, args, opts) {
  if (!existsSync('/usr/bin/time')) {
    const t = time(cmd, args, opts);
    return { ...t, cpu: t.ms };
  }
  const t = time('/usr/bin/time', ['-f', 'cpu %U %S', cmd, ...args], opts);
  const err = t.r.stderr.toString();
  const m = /cpu (\d+\.\d+) (\d+\.\d+)\s*$/.exec(err);
  const failed = /Command exited with non-zero status (\d+)/.exec(err);
  return { ms: t.ms, cpu: m ? (Number(m[1]) + Number(m[2])) * 1000 : t.ms, r: { ...t.r, status: failed ? Number(failed[1]) : t.r.status } };
}
/** Pads `head` with `unit` up to one megabyte (less a margin for what follows). */
const toMB = (head, unit, tail = '', size = MB) => head + unit.repeat(Math.floor((size - head.length - tail.length) / unit.length)) + tail;

/**
 * One pathological file of each kind the issue found, each timed as a whole `sms validate --history`
 * in its own repository and compared with the same run on a plain 1 MB document.
 */
function pathologicalSection(say) {
  const rfcHead = (extra = '') =>
    `---\nid: RFC-0001\ntype: change-request\ntitle: Plain\nstatus: draft\nchange_type: normal\npriority: P2\nrequested_by: p3@bench.example\n${extra}---\n\n## Purpose\n\n## Business impact\n\n## Scope\n\n`;
  const prose = 'The firewall firmware is upgraded during the maintenance window; see the vendor notes.\n';
  const FM_LIMIT = 32 * 1024;
  const keys = (n, dup) => Array.from({ length: n }, (_, i) => `k${i}: v`).join('\n') + (dup ? '\nk5: again\n' : '\n');
  const kinds = [
    ['a plain 1 MB document (baseline)', toMB(rfcHead(), prose)],
    ['`title: a` + 1 MB of spaces + `b` (over the front-matter limit)', toMB('---\nid: RFC-0001\ntitle: a', ' ', 'b\n---\n')],
    [
      '`title: a` + 28 KB of spaces + `b` (front matter at its 32 KB limit), 1 MB body',
      toMB(rfcHead(`title2: a${' '.repeat(FM_LIMIT - 4096)}b\n`), prose),
    ],
    ['a body of 1 MB of spaces (content hashing)', toMB(rfcHead(), ' ')],
    ['100,000 front-matter keys (over the limit)', `---\n${keys(100_000, true)}---\n`],
    ['3,000 front-matter keys and a duplicate (at the limit), 1 MB body', toMB(`---\n${keys(3_000, true)}---\n`, prose)],
    ['200,000 empty links `[](x)`', toMB(rfcHead(), '[](x)')],
    ['one line of 1 MB of `[`', toMB(rfcHead(), '[')],
    ['nesting 16,000 deep (at the limit), 1 MB body', toMB(`---\nid: ${'['.repeat(16_000)}${']'.repeat(16_000)}\n---\n`, prose)],
    [
      'an alias bomb (at the limit), 1 MB body',
      toMB(
        `---\n${Array.from({ length: 12 }, (_, i) =>
          i
            ? `a${i}: &a${i} [${Array(10)
                .fill(`*a${i - 1}`)
                .join(', ')}]`
            : 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]',
        ).join('\n')}\n---\n`,
        prose,
      ),
    ],
    ['1 MB of one `id:` line of spaces after the value', toMB('---\nid: RFC-0001', ' ', '\n---\n')],
  ];
  const cases = kinds.map(([label, content], i) => ({ label, dir: smallHistoryRepo(`k${i}`, { 'changes/RFC-0001-x.md': content }) }));
  // Odd files: a 1 GB file (sparse, so it costs no disk) and a FIFO, next to the plain document.
  for (const [name, label, make] of [
    ['huge', 'a 1 GB `.md` file (not read: over the file limit)', (p) => execFileSync('truncate', ['-s', '1G', p])],
    ['fifo', 'a FIFO named `.md` (not read: not a regular file)', (p) => execFileSync('mkfifo', [p])],
  ]) {
    const dir = smallHistoryRepo(name, { 'changes/RFC-0001-x.md': toMB(rfcHead(), prose), 'changes/odd.md': make });
    cases.push({ label: `${label}, beside the plain document`, dir });
  }
  // Round robin (a warm-up round, then five timed ones): load from other tenants of the machine
  // falls on every case alike instead of on whichever ran at the wrong moment.
  const args = [BIN, 'validate', '--history', '--format', 'json'];
  const times = cases.map(() => ({ wall: [], cpu: [] }));
  for (let round = 0; round < 6; round++) {
    for (const [i, c] of cases.entries()) {
      const t = timeCpu(process.execPath, args, { cwd: c.dir, timeout: 120_000 });
      if (t.r.status !== 0 && t.r.status !== 1)
        throw new Error(`${c.label}: sms validate exited ${t.r.status} ${t.r.signal ?? ''}: ${t.r.stderr}`);
      if (round > 0) {
        times[i].wall.push(t.ms);
        times[i].cpu.push(t.cpu);
      }
    }
  }
  const rows = cases.map((c, i) => ({ label: c.label, ms: median(times[i].cpu), wall: median(times[i].wall) }));
  const baseline = rows[0].ms;
  const slowest = rows.slice(1).reduce((a, b) => (b.ms > a.ms ? b : a));
  say('## Hostile input (one file of 1 MB of each kind, whole process)');
  say();
  say(
    'Each file is the only document of a repository that also holds the roles document, committed twice (added, then edited), and timed as `sms validate --history`, so both the working tree and history read it: median of 5 rounds run round robin over all cases after a warm-up round. The baseline is the same run on a plain 1 MB change request. Ratios are of CPU time (user + system of sms and its git processes, from GNU time), which other work on this shared machine disturbs far less than wall-clock time.',
  );
  say();
  say('| file | CPU time | ratio to the plain document (CPU) | wall clock | target |');
  say('|---|---|---|---|---|');
  for (const [i, row] of rows.entries()) {
    const ratio = row.ms / baseline;
    say(
      `| ${row.label} | ${fmt(row.ms)} | ${i === 0 ? '1.00× (baseline)' : `${ratio.toFixed(2)}×`} | ${fmt(row.wall)} | ${i === 0 ? '' : `≤ 2×: ${ratio <= 2 ? 'met' : 'NOT met'}`} |`,
    );
  }
  say();
  say(
    `Slowest: ${slowest.label}, ${(slowest.ms / baseline).toFixed(2)}× the plain document (target ≤ 2×: ${slowest.ms / baseline <= 2 ? 'met' : 'NOT met'}).`,
  );
  say();
}

/** `sms report review` and `audit` on the 2k-document history, against the raw-git floor. */
function reportsSection(say, dir = historyRepo(2000, 20_000)) {
  const loadBefore = load();
  const floor = gitFloor(dir);
  say('## sms report (2k documents / 20k commits)');
  say();
  // Run alone (--only reports), this section may come from another machine than the header's.
  say(
    `Code at ${measuredCode()}, Node ${process.version}, ${os.cpus().length} cores; median of 3 whole-process runs each, against the raw-git floor measured in the same run. Load average (1 min) at the start: ${loadBefore}.`,
  );
  say();
  say('| report | raw-git floor | sms report | ratio | target |');
  say('|---|---|---|---|---|');
  for (const kind of ['review', 'audit']) {
    // The generated history runs to the end of 2026; "today" is pinned there, as CI would pin it.
    const s = timeN(3, process.execPath, [BIN, 'report', kind, '--format', 'json', '--until', '2026-12-31'], {
      cwd: dir,
      env: { ...process.env, SMS_TODAY: '2026-12-31' },
    });
    if (s.r.status !== 0) throw new Error(`sms report ${kind} failed: ${s.r.stderr}`);
    const ratio = s.ms / floor.ms;
    say(`| ${kind} | ${fmt(floor.ms)} | ${fmt(s.ms)} | ${ratio.toFixed(2)}× | ≤ 2.5×: ${ratio <= 2.5 ? 'met' : 'NOT met'} |`);
  }
  say();
}

/** Reports on 100,000 documents against `validate --history` on the same repository. */
function reportsAtScaleSection(say) {
  const docs = Number(process.env.SMS_BENCH_SCALE_DOCS ?? 100_000);
  const commits = Math.round(docs * 1.5);
  const dir = historyRepo(docs, commits, { shard: true });
  const runs = Number(process.env.SMS_BENCH_SCALE_RUNS ?? 3);
  const validate = timeN(runs, process.execPath, [BIN, 'validate', '--history', '--format', 'json'], { cwd: dir });
  const found = JSON.parse(validate.r.stdout.toString());
  const rows = [];
  for (const [kind, extra] of [
    ['review', []],
    ['audit', []],
    ['performance', ['--agreement', 'SLA-0001']],
    ['changes', []],
  ]) {
    const args = [BIN, 'report', kind, '--format', 'json', '--until', '2026-12-31', ...extra];
    // The generated history runs to the end of 2026; "today" is pinned there, as CI would pin it.
    const opts = { cwd: dir, env: { ...process.env, SMS_TODAY: '2026-12-31' } };
    const t = timeN(runs, process.execPath, args, opts);
    if (t.r.status !== 0) throw new Error(`sms report ${kind} failed: ${t.r.stderr}`);
    rows.push({ kind, ms: t.ms, rss: peakRss(process.execPath, args, opts) });
  }
  const label = `${docs.toLocaleString('en')} docs / ${commits.toLocaleString('en')} commits`;
  say(`## sms report at scale (${label})`);
  say();
  say(
    `Each report as JSON (median of ${runs}), against \`sms validate --history\` on the same repository (${fmt(validate.ms)}; ${found.errorCount} errors found). Reports read the same history and validate it, then build. Documents are kept in folders of 1,000 (\`incidents/042/INC-42000-x.md\`).`,
  );
  say();
  say('| report | sms report | ratio to validate --history | peak RSS | target |');
  say('|---|---|---|---|---|');
  for (const row of rows) {
    const ratio = row.ms / validate.ms;
    say(
      `| ${row.kind} | ${fmt(row.ms)} | ${ratio.toFixed(2)}× | ${row.rss ? `${(row.rss / 1024).toFixed(0)} MB` : 'n/a'} | ≤ 2×: ${ratio <= 2 ? 'met' : 'NOT met'} |`,
    );
  }
  say();
}

const SECTIONS = {
  startup: (say) => {
    for (const l of startupOnSample()) say(l);
  },
  hostile: pathologicalSection,
  reports: (say) => reportsSection(say),
  'reports-at-scale': reportsAtScaleSection,
};
/** The heading scripts/fuzz.mjs writes its record under. */
const FUZZ_HEADING = '## Property test at length (npm run fuzz)';
const ONLY = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : STARTUP_ONLY ? 'startup' : undefined;
if (ONLY !== undefined) {
  // Runs one section and replaces it in docs/benchmarks.md, leaving the other sections as they are.
  if (!SECTIONS[ONLY]) {
    console.error(`bench: --only takes one of: ${Object.keys(SECTIONS).join(', ')}`);
    process.exit(2);
  }
  const lines = [];
  const say = (s = '') => {
    console.log(s);
    lines.push(s);
  };
  SECTIONS[ONLY](say);
  const file = DOC;
  const old = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const heading = lines.find((l) => l.startsWith('## '));
  const start = old.split('\n').findIndex((l) => l.split(' (')[0] === heading.split(' (')[0]);
  const all = old.trimEnd().split('\n');
  if (start < 0) all.push('', ...lines);
  else {
    let end = all.findIndex((l, i) => i > start && l.startsWith('## '));
    if (end < 0) end = all.length;
    all.splice(start, end - start, ...lines);
  }
  writeFileSync(file, `${all.join('\n').trimEnd()}\n`);
  console.log(`\nUpdated "${heading}" in docs/benchmarks.md`);
  process.exit(0);
}

// ---- run -------------------------------------------------------------------------------------
const lines = [];
const say = (s = '') => {
  console.log(s);
  lines.push(s);
};
const gitVersion = execFileSync('git', ['--version']).toString().trim();
say(
  `Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB; Node ${process.version}; ${gitVersion}; load average (1 min) at the start: ${load()}`,
);
say();

const nodeStart = timeN(20, process.execPath, ['-e', '0']);
const version = timeN(20, process.execPath, [BIN, '--version']);
say('## Start-up');
say();
say('| measure | median | target |');
say('|---|---|---|');
say(`| \`node -e 0\` (baseline) | ${fmt(nodeStart.ms)} | |`);
const versionVerdict = version.ms <= 80 ? 'met' : nodeStart.ms > 80 ? 'NOT met: bare Node alone takes longer here' : 'NOT met';
say(`| \`sms --version\` | ${fmt(version.ms)} (${fmt(version.ms - nodeStart.ms)} over bare Node) | ≤ 80 ms: ${versionVerdict} |`);
say();
for (const l of startupOnSample()) say(l);

say('## sms validate (working tree, whole process)');
say();
say('| documents | sms validate | remark-lint-frontmatter-schema | ratio | findings (sms schema / remark) | target |');
say('|---|---|---|---|---|---|');
for (const n of [1000, 10000]) {
  const dir = staticRepo(n);
  const s = timeN(5, process.execPath, [BIN, 'validate', '--format', 'json', '--no-git'], { cwd: dir });
  const res = JSON.parse(s.r.stdout.toString());
  const schemaErrors = res.diagnostics.filter((d) => d.rule === 'schema').length;
  remarkSetup(dir);
  const remarkBin = path.join(ROOT, 'node_modules', '.bin', 'remark');
  const rm = timeN(n > 1000 ? 1 : 3, remarkBin, ['.', '--quiet', '--no-stdout', '--ignore-pattern', '.remark-schemas'], { cwd: dir });
  const remarkFindings = (rm.r.stderr.toString().match(/frontmatter-schema/g) ?? []).length;
  const broken = Number(readFileSync(path.join(dir, '.broken'), 'utf8'));
  const ratio = rm.ms / s.ms;
  const target =
    n === 10000
      ? `≤ 1.0 s: ${s.ms <= 1000 ? 'met' : 'NOT met'}; ≥ 5×: ${ratio >= 5 ? 'met' : 'NOT met'}`
      : `≥ 5×: ${ratio >= 5 ? 'met' : 'NOT met'}`;
  say(
    `| ${n.toLocaleString('en')} | ${fmt(s.ms)} | ${fmt(rm.ms)} | ${ratio.toFixed(1)}× faster | ${schemaErrors} / ${remarkFindings} (${broken} broken documents) | ${target} |`,
  );
}
say();

const variants = QUICK
  ? [[2000, 20000]]
  : [
      [2000, 20000],
      [10000, 50000],
    ];
// --quick skips the 10k-document history variant; its row from the last full run stays in the file.
const previousRows = existsSync(DOC)
  ? readFileSync(DOC, 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('| 10,000 docs / 50,000 commits'))
  : [];
say('## sms validate --history (whole process)');
say();
say(
  '| repository | raw-git floor (log + cat-file) | sms validate --history | ratio to floor | per-file approach (extrapolated) | sms vs per-file | peak RSS (largest of sms and its git processes) | targets |',
);
say('|---|---|---|---|---|---|---|---|');
const historyDirs = [];
for (const [docs, commits] of variants) {
  const dir = historyRepo(docs, commits);
  historyDirs.push(dir);
  const floor = gitFloor(dir);
  const s = timeN(3, process.execPath, [BIN, 'validate', '--history', '--format', 'json'], { cwd: dir });
  const res = JSON.parse(s.r.stdout.toString());
  const rss = peakRss(process.execPath, [BIN, 'validate', '--history', '--format', 'json'], { cwd: dir });
  const pf = perFile(dir, docs);
  const ratio = s.ms / floor.ms;
  const speedup = pf.extrapolatedMs / s.ms;
  const rssMb = rss ? rss / 1024 : undefined;
  say(
    `| ${docs.toLocaleString('en')} docs / ${commits.toLocaleString('en')} commits (${floor.blobs.toLocaleString('en')} blobs; ${res.errorCount} errors found) | ${fmt(floor.ms)} (${fmt(floor.log)} + ${fmt(floor.cat)}) | ${fmt(s.ms)} | ${ratio.toFixed(2)}× | ${fmt(pf.extrapolatedMs)} (${pf.perFileMs.toFixed(1)} ms × ${docs}, sample of ${pf.sample}) | ${speedup.toFixed(0)}× faster | ${rssMb ? `${rssMb.toFixed(0)} MB` : 'n/a'} | ≤ 2.0×: ${ratio <= 2 ? 'met' : 'NOT met'}; ≥ 100×: ${speedup >= 100 ? 'met' : 'NOT met'}; ≤ 300 MB: ${rssMb !== undefined && rssMb <= 300 ? 'met' : 'NOT met'} |`,
  );
}
if (QUICK) {
  for (const row of previousRows) {
    say(row.includes('not rerun by --quick') ? row : row.replace(/ \|$/, ' (an earlier full run; not rerun by --quick) |'));
  }
}
say();

if (process.env.SMS_BENCH_REPORT !== '0' && historyDirs[0]) reportsSection(say, historyDirs[0]);

pathologicalSection(say);
if (!QUICK) reportsAtScaleSection(say);

const doc = `# Benchmarks

Produced by \`npm run bench\` (\`node scripts/bench.mjs\` after a build). Every number is a whole
process measured on this machine in the same run as its baseline; times are medians (5 runs for
\`validate\`, 3 for history and reports, 20 for start-up, 15 for start-up on the sample; remark at
10k documents once). The repositories are generated deterministically under \`.bench/\`;
\`node scripts/bench.mjs --only startup\` (or \`--startup\`) reruns only the start-up-on-the-sample
section, \`--only reports\` (2k documents), \`--only hostile\` and \`--only reports-at-scale\` theirs, and \`--quick\` skips the 10k-document history variant, keeping its row from the last full run.

- The remark comparison validates the same generated documents against the same schemas, translated
  to draft-07 for remark-lint-frontmatter-schema (which uses ajv's draft-07 class): base fields
  merged in, \`additionalProperties: false\` standing for \`unevaluatedProperties: false\`. Both
  tools must find the deliberately broken documents (1 in 100) for the run to mean anything.
- The raw-git floor is the same \`git log\` that sms runs plus one \`git cat-file --batch\` of the
  same blobs, run one after the other with their output discarded.
- The per-file approach is \`git log -- <path>\` once per document, timed on a sample and
  extrapolated to all documents.
- Peak RSS comes from GNU time (\`/usr/bin/time -f %M\`).
- Timings on this shared machine vary by up to about 15% from run to run (page cache, other
  tenants), and far more while other tenants keep both cores busy: the load averages recorded
  below tell such a run apart. A ratio close to its target can land on either side of it.

${lines.join('\n')}
Load average (1 min) at the end of the run: ${load()}.
`;
// The long property-test run is recorded by `npm run fuzz -- --record`, not measured here: keep it.
const previous = existsSync(DOC) ? readFileSync(DOC, 'utf8') : '';
const fuzzAt = previous.indexOf(`\n${FUZZ_HEADING}`);
const fuzzSection =
  fuzzAt < 0
    ? ''
    : previous
        .slice(fuzzAt + 1)
        .split(/\n(?=## )/)[0]
        .trimEnd();
writeFileSync(DOC, fuzzSection ? `${doc.trimEnd()}\n\n${fuzzSection}\n` : doc);
console.log('\nWrote docs/benchmarks.md');
