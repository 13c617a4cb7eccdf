#!/usr/bin/env node
// Evidence for docs/decisions/0001-front-matter-split-here.md: how gray-matter 4.0.3 behaves on
// hostile and realistic front matter, and how fast it is compared with sms's own parseFrontMatter.
//
//   npm install --prefix /tmp/adr-deps gray-matter@4.0.3
//   npm run build        # once, if dist/ is missing
//   node scripts/decisions/front-matter.mjs /tmp/adr-deps [--docs 10000] [--runs 7]
//
// The dependency prefix can also be given as ADR_DEPS. gray-matter (and the js-yaml 3 it brings)
// are loaded from that prefix, never from this repository; `yaml` and parseFrontMatter are this
// repository's own. Prints Markdown tables.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import YAML from 'yaml';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const prefix = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--')) ?? process.env.ADR_DEPS;
if (!prefix) {
  console.error('usage: node scripts/decisions/front-matter.mjs <dependency prefix> [--docs N] [--runs R]  (or set ADR_DEPS)');
  process.exit(2);
}
const DOCS = option('--docs', 10000);
const RUNS = option('--runs', 7);

const requireDeps = createRequire(path.join(path.resolve(prefix), 'package.json'));
const matter = requireDeps('gray-matter');
const grayVersion = requireDeps('gray-matter/package.json').version;
const jsYamlVersion = createRequire(requireDeps.resolve('gray-matter'))('js-yaml/package.json').version;
const yamlVersion = createRequire(path.join(ROOT, 'package.json'))('yaml/package.json').version;
const dist = path.join(ROOT, 'dist', 'repo', 'frontmatter.js');
if (!existsSync(dist)) {
  console.error('dist/repo/frontmatter.js is missing: run npm run build first');
  process.exit(2);
}
const { parseFrontMatter, parseYamlBlock } = await import(pathToFileURL(dist).href);
const { fastParseMapping } = await import(pathToFileURL(path.join(ROOT, 'dist', 'repo', 'fastyaml.js')).href);

// gray-matter's documented way to use another YAML parser.
const yamlEngine = { parse: (s) => YAML.parse(s, { version: '1.2', uniqueKeys: true, merge: false }), stringify: (o) => YAML.stringify(o) };

const out = [];
const say = (s = '') => out.push(s);
const cell = (v) => String(v).replace(/\|/g, '\\|').replace(/\n/g, '\\n');
const show = (v) => (v instanceof Date ? `Date(${v.toISOString()})` : JSON.stringify(v));

// ---- behaviour --------------------------------------------------------------------------------
const tmp = mkdtempSync(path.join(os.tmpdir(), 'sms-adr-fm-'));
let markerNo = 0;
/** A JavaScript front matter whose evaluation writes a marker file: the side effect proves execution. */
function jsDoc(lang) {
  const marker = path.join(tmp, `executed-${++markerNo}`);
  const text = `---${lang}\n{ title: (require('fs').writeFileSync(${JSON.stringify(marker)}, 'ran'), 'Hello') }\n---\nBody\n`;
  return { text, marker };
}
function attempt(fn) {
  try {
    return { value: fn() };
  } catch (err) {
    return { error: String(err.message ?? err).split('\n')[0] };
  }
}
const refuse = () => {
  throw new Error('JavaScript front matter refused');
};

say('## Behaviour');
say();
say(`gray-matter ${grayVersion} (default engine js-yaml ${jsYamlVersion}); sms parseFrontMatter (yaml ${yamlVersion}).`);
say();
say('| check | input | gray-matter | sms parseFrontMatter |');
say('|---|---|---|---|');

const executions = [
  ['a1', 'js', 'no options', (t) => matter(t)],
  ['a2', 'js', "{ language: 'yaml' }", (t) => matter(t, { language: 'yaml' })],
  ['a3', 'js', 'engines: { yaml: yaml 2 }', (t) => matter(t, { engines: { yaml: yamlEngine } })],
  ['a4', 'javascript', 'engines: { js: refuse }', (t) => matter(t, { engines: { js: refuse } })],
  [
    'a5',
    'javascript',
    "{ language: 'yaml', engines: { yaml: yaml 2, js: refuse } }",
    (t) => matter(t, { language: 'yaml', engines: { yaml: yamlEngine, js: refuse } }),
  ],
  ['a6', 'js', 'engines: { js: refuse, javascript: refuse }', (t) => matter(t, { engines: { js: refuse, javascript: refuse } })],
];
for (const [id, lang, opts, run] of executions) {
  const g = jsDoc(lang);
  const r = attempt(() => run(g.text));
  const gray = existsSync(g.marker)
    ? `**executed** (marker written; data ${show(r.value?.data)})`
    : `not executed (${r.error ?? 'no error'})`;
  const s = jsDoc(lang);
  const p = parseFrontMatter(s.text);
  const issue = p.issues[0];
  const sms = `${existsSync(s.marker) ? '**executed**' : 'not executed'}; ${issue ? `${issue.severity} ${issue.line}:${issue.column} ${issue.rule}` : 'no finding'}`;
  say(`| (${id}) code in front matter | \`---${lang}\`, ${cell(opts)} | ${cell(gray)} | ${cell(sms)} |`);
}

// (b) cache and shared objects
{
  const text = '---\nid: RFC-0001\nstatus: draft\n---\nBody\n';
  const first = matter(text);
  first.data.status = 'approved';
  const second = matter(text);
  const withOptions = matter(text, {});
  const gray = `second call returns status ${show(second.data.status)}; same data object: ${second.data === first.data}; with \`{}\` options: ${show(withOptions.data.status)}`;
  const a = parseFrontMatter(text);
  a.data.status = 'approved';
  const b = parseFrontMatter(text);
  const sms = `second call returns status ${show(b.data.status)}; same data object: ${a.data === b.data}`;
  say(`| (b) cache | same text parsed twice, first result's \`data.status\` set to "approved" | ${cell(gray)} | ${cell(sms)} |`);
}

// (c) dates
{
  const text = '---\napproved_on: 2024-01-01\n---\n';
  const gray = `${show(matter(text, {}).data.approved_on)} (with yaml 2 as engine: ${show(matter(text, { engines: { yaml: yamlEngine } }).data.approved_on)})`;
  say(`| (c) dates | \`approved_on: 2024-01-01\` | ${cell(gray)} | ${cell(show(parseFrontMatter(text).data.approved_on))} |`);
}

// (d) positions
{
  const text = '---\nid: RFC-0001\ntitle: Example\nservices:\n  - SVC-0001\n  - SVC-9999\n---\nBody\n';
  const g = matter(text, {});
  const p = parseFrontMatter(text);
  const at = p.locate(['services', 1]);
  const gray = `result keys: ${Object.keys(g).join(', ')}; no line or column anywhere`;
  const sms = `locate(['services', 1]) = line ${at.line}, column ${at.column}; body starts on line ${p.bodyStartLine}`;
  say(`| (d) positions | \`services[1]\` on line 6 | ${cell(gray)} | ${cell(sms)} |`);
}

// (e) delimiters
{
  const cases = [
    ['(e1) leading blank line', '\n---\nid: RFC-0001\nstatus: draft\n---\nBody\n'],
    ['(e2) `----` as closing line', '---\nid: RFC-0001\nstatus: draft\n----\nBody\n'],
    ['(e3) no closing line', '---\nid: RFC-0001\nstatus: draft\n'],
  ];
  for (const [label, text] of cases) {
    const r = attempt(() => matter(text, {}));
    const gray = r.error ? `error: ${r.error}` : `data ${show(r.value.data)}, content ${show(r.value.content)}, no warning`;
    const p = parseFrontMatter(text);
    const issue = p.issues[0];
    const sms = issue ? `${issue.severity} ${issue.line}:${issue.column} ${issue.rule}: ${issue.message}` : `data ${show(p.data)}`;
    say(`| ${label} | ${cell(show(text))} | ${cell(gray)} | ${cell(sms)} |`);
  }
}
rmSync(tmp, { recursive: true, force: true });

// ---- timing -------------------------------------------------------------------------------------
function rng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const r = rng(20240101);
const pick = (xs) => xs[Math.floor(r() * xs.length)];
const int = (lo, hi) => lo + Math.floor(r() * (hi - lo + 1));
const pad = (n) => String(n).padStart(4, '0');
const date = () => `202${int(3, 6)}-${String(int(1, 12)).padStart(2, '0')}-${String(int(1, 28)).padStart(2, '0')}`;
const person = () => `${pick(['ana', 'jonas', 'tom', 'mia', 'lee', 'sam'])}@harbourlane.example`;
const words =
  'the backup mail server firewall customer change restore agreement service incident schedule review test network laptop vendor advisory migration window rollback owner risk impact'.split(
    ' ',
  );
const sentence = (n) => {
  const w = Array.from({ length: n }, () => pick(words));
  return `${w[0][0].toUpperCase()}${w[0].slice(1)} ${w.slice(1).join(' ')}.`;
};

/** A change-request-like document: 15–25 keys (dates, flow and block lists, quoted strings, comments) and a 2–6 KB body. */
function makeDoc(i) {
  const lines = [
    `id: RFC-${pad(i % 10000)}`,
    'type: change-request',
    `title: "${sentence(int(3, 8)).replace(/\.$/, '')}: phase ${int(1, 4)}"`,
    `status: ${pick(['draft', 'submitted', 'approved', 'deployed', 'closed'])}`,
    `version: "1.${int(0, 9)}"`,
    `change_type: ${pick(['normal', 'emergency', 'pre-approved'])}`,
    `priority: ${pick(['P1', 'P2', 'P3', 'P4'])}`,
    `requested_by: ${person()}`,
    `requested_on: ${date()}`,
    `services: [SVC-${pad(int(1, 9))}, SVC-${pad(int(10, 20))}]`,
    '# configuration items touched by the change',
    'configuration_items:',
    ...Array.from({ length: int(1, 4) }, () => `  - CI-${pad(int(1, 300))}`),
    `risk: ${pick(['low', 'medium', 'high'])}`,
    `impact: '${sentence(int(4, 9))}'`,
    `planned_start: ${date()}`,
    `planned_end: ${date()}`,
    `tags: [${Array.from({ length: int(1, 4) }, () => pick(words)).join(', ')}]`,
  ];
  const optional = [
    `approved_by: ${person()}`,
    `approved_on: ${date()}`,
    `review_due: ${date()}`,
    `deployed_on: ${date()}`,
    `estimate_hours: ${int(1, 40)}`,
    `customer_visible: ${pick(['true', 'false'])}`,
    `rollback_plan: "${sentence(int(5, 12))}"`,
    `related: [INC-${pad(int(1, 999))}]`,
  ];
  for (const o of optional) if (lines.length < 25 && r() < 0.6) lines.push(o);
  if (i % 10 === 0) {
    // One document in ten has a nested list of mappings, as roles and agreements do.
    lines.push(
      'approvals:',
      ...Array.from({ length: int(1, 3) }, () => `  - by: ${person()}\n    on: ${date()}\n    role: ${pick(['CM', 'SM'])}`),
    );
  }
  const body = [`# ${sentence(5)}`];
  const target = int(2000, 6000);
  let size = body[0].length;
  let section = 0;
  while (size < target) {
    const block =
      section % 4 === 1
        ? Array.from({ length: int(3, 6) }, () => `- ${sentence(int(4, 10))}`).join('\n')
        : section % 7 === 3
          ? `| step | owner | when |\n|---|---|---|\n| ${pick(words)} | ${person()} | ${date()} |\n| ${pick(words)} | ${person()} | ${date()} |`
          : Array.from({ length: int(3, 7) }, () => sentence(int(6, 16))).join(' ');
    const part = `${section % 3 === 0 ? `\n## ${sentence(3).replace(/\.$/, '')}\n\n` : '\n'}${block}\n`;
    body.push(part);
    size += part.length;
    section++;
  }
  return `---\n${lines.join('\n')}\n---\n${body.join('')}`;
}
const docs = Array.from({ length: DOCS }, (_, i) => makeDoc(i + 1));
const bytes = docs.reduce((n, d) => n + Buffer.byteLength(d), 0);
const keyCounts = docs.map((d) => Object.keys(parseFrontMatter(d).data ?? {}).length);

/** The value with every Date written back as the YYYY-MM-DD text it came from. */
const undate = (v) =>
  v instanceof Date
    ? v.toISOString().slice(0, 10)
    : Array.isArray(v)
      ? v.map(undate)
      : v && typeof v === 'object'
        ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, undate(x)]))
        : v;
const hasDate = (v) => v instanceof Date || (v !== null && typeof v === 'object' && Object.values(v).some(hasDate));

// Every parser must read every document; compare what they read with sms's result.
const parsers = [
  ['gray-matter, default engine (js-yaml 3)', (d) => matter(d, {}).data],
  ['gray-matter, `yaml` 2 as engine', (d) => matter(d, { engines: { yaml: yamlEngine } }).data],
  ['sms `parseFrontMatter`', (d) => parseFrontMatter(d).data],
  [
    '`yaml` 2 with positions, every document (sms without its fast path; front matter split beforehand)',
    (_, i) => parseYamlBlock(yamlTexts[i], 2).data,
  ],
];
const SMS = 2;
const yamlTexts = docs.map((d) => parseFrontMatter(d).yamlText);
const reference = docs.map((d) => parseFrontMatter(d).data);
const agreement = parsers.map(([, parse]) => {
  let same = 0;
  let sameButDates = 0;
  let dates = 0;
  docs.forEach((d, i) => {
    const data = parse(d, i);
    if (isDeepStrictEqual(data, reference[i])) same++;
    if (isDeepStrictEqual(undate(data), reference[i])) sameButDates++;
    if (hasDate(data)) dates++;
  });
  return { same, sameButDates, dates };
});
const fastPath = docs.filter((d) => fastParseMapping(parseFrontMatter(d).yamlText) !== undefined).length;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const times = parsers.map(() => []);
for (let run = 0; run <= RUNS; run++) {
  // Run 0 warms up; the order rotates so that no parser always runs first.
  for (let k = 0; k < parsers.length; k++) {
    const idx = (k + run) % parsers.length;
    const parse = parsers[idx][1];
    const t0 = process.hrtime.bigint();
    let sink = 0;
    for (let i = 0; i < DOCS; i++) sink += parse(docs[i], i) ? 1 : 0;
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (sink !== DOCS) throw new Error(`${parsers[idx][0]} read ${sink} of ${DOCS} documents`);
    if (run > 0) times[idx].push(ms);
  }
}

say();
say('## Timing');
say();
say(
  `${DOCS.toLocaleString('en')} generated documents, ${(bytes / 2 ** 20).toFixed(1)} MiB; front matter with ${Math.min(...keyCounts)}–${Math.max(...keyCounts)} keys ` +
    `(dates, flow and block lists, quoted strings, comments; one in ten with a nested list of mappings) and a 2–6 KB Markdown body. ` +
    `Median of ${RUNS} runs after one warm-up run, in one process; ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), Node ${process.version}.`,
);
say();
say(
  '| parser | median for all documents | per document | runs (ms) | data equal to sms | equal once Dates are turned back into text | documents with a Date |',
);
say('|---|---|---|---|---|---|---|');
const base = median(times[SMS]);
parsers.forEach(([name], i) => {
  const m = median(times[i]);
  const rel = i === SMS ? '' : ` (${(m / base).toFixed(2)}× sms)`;
  say(
    `| ${name} | ${m.toFixed(0)} ms${rel} | ${((m * 1000) / DOCS).toFixed(1)} µs | ${times[i].map((t) => t.toFixed(0)).join(', ')} | ${agreement[i].same} / ${DOCS} | ${agreement[i].sameButDates} / ${DOCS} | ${agreement[i].dates} |`,
  );
});
say();
say(`sms's strict fast path read ${fastPath} of ${DOCS} documents; the others went through \`yaml\`'s full parser.`);
console.log(out.join('\n'));
