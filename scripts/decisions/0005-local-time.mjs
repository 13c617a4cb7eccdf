#!/usr/bin/env node
// ADR 0005: compares the wall-clock time read from the platform's local time (TZ pointed at the
// zone) with the one read from an Intl formatter, for every zone the platform lists, and times
// both ways at start-up. Needs `npm run build` first; prints Markdown.
//   node scripts/decisions/0005-local-time.mjs
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { wallByFormatter, wallByLocalTime } = await import(pathToFileURL(path.join(ROOT, 'dist', 'calendar.js')).href);
const zones = Intl.supportedValuesOf('timeZone');
const START = 0;
const END = Date.UTC(2100, 0, 1);
const iso = (ms) => (ms === undefined ? 'none' : new Date(ms).toISOString());

// 1. Instants spread over 1970-2100: a step of 6 days 7 h 13 min 17 s walks through hours, minutes and seconds.
const STEP = 6 * 86_400_000 + 7 * 3_600_000 + 13 * 60_000 + 17_000;
let spread = 0;
const differ = [];
for (const tz of zones)
  for (let ms = START; ms < END; ms += STEP) {
    spread++;
    const fast = wallByLocalTime(ms, tz);
    if (fast !== wallByFormatter(ms, tz)) differ.push(`${tz} at ${iso(ms)}: ${iso(fast)}`);
  }

// 2. Every change of offset from 1970 to 2100 (found on a 3-day grid, then to the second), and the
//    instants a second and an hour either side of it.
let changes = 0;
let around = 0;
for (const tz of zones) {
  const offset = (ms) => wallByFormatter(ms, tz) - ms;
  const grid = 3 * 86_400_000;
  let prev = offset(START);
  for (let ms = START + grid; ms < END; ms += grid) {
    const now = offset(ms);
    if (now === prev) continue;
    let lo = ms - grid;
    let hi = ms;
    while (hi - lo > 1000) {
      const mid = Math.floor((lo + hi) / 2000) * 1000;
      if (mid <= lo || mid >= hi) break;
      if (offset(mid) === prev) lo = mid;
      else hi = mid;
    }
    changes++;
    for (const d of [-3_600_000, -1000, 0, 1000, 3_600_000]) {
      around++;
      if (wallByLocalTime(hi + d, tz) !== wallByFormatter(hi + d, tz)) differ.push(`${tz} at ${iso(hi + d)} (change)`);
    }
    prev = now;
  }
}

// 3. Start-up cost of one lookup each way, in fresh processes.
const calendar = pathToFileURL(path.join(ROOT, 'dist', 'calendar.js')).href;
const RUNS = 15;
function timed(fn) {
  const code = `const c = await import(${JSON.stringify(calendar)}); const t = performance.now(); c.${fn}(Date.UTC(2026, 10, 30, 12), 'Europe/Berlin'); console.log(performance.now() - t);`;
  const xs = [];
  for (let i = 0; i < RUNS; i++) {
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' });
    xs.push(Number(r.stdout.trim()));
  }
  xs.sort((a, b) => a - b);
  return `${xs[Math.floor(xs.length / 2)].toFixed(2)} ms (${xs[0].toFixed(2)}–${xs[xs.length - 1].toFixed(2)})`;
}

console.log(`Node ${process.version}, ICU ${process.versions.icu}, time-zone data ${process.versions.tz}; ${zones.length} zones.\n`);
console.log('| comparison | instants | differences |');
console.log('|---|---|---|');
console.log(`| spread over 1970–2100 (step 6 d 7 h 13 min 17 s) | ${spread} | ${differ.filter((d) => !d.endsWith('(change)')).length} |`);
console.log(`| ${changes} changes of offset, ±1 s and ±1 h | ${around} | ${differ.filter((d) => d.endsWith('(change)')).length} |`);
for (const d of differ.slice(0, 20)) console.log(`\n- ${d}`);
console.log(`\n| first lookup in a fresh process (median of ${RUNS}, range) | time |`);
console.log('|---|---|');
console.log(`| Intl formatter (\`wallByFormatter\`) | ${timed('wallByFormatter')} |`);
console.log(`| local time with TZ (\`wallByLocalTime\`) | ${timed('wallByLocalTime')} |`);
