#!/usr/bin/env node
// Writes sample-sms/: the fictional provider "Harbour Lane IT" shipped for `sms init --sample`.
// Deterministic: the same script always writes the same files and history. Run `npm run build`
// first (the performance reports' figures are computed with sms's own service-level code from
// dist/), then this script, and commit its output; `sms init --sample` replays sample-sms/history.yaml.
//
// The records live in scripts/sample/: governance and agreements, changes and configuration items,
// incidents and problems, feedback, risks, audit and training, reports and reviews. Each file is
// written once in its final text; the history steps give its earlier versions (status, fields and
// sections as they were) and who committed them when, in Berlin local time.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { P, events, files, isWorkingDay, dayOf } from './sample/lib.mjs';
import { ORG } from './sample/governance.mjs';
import './sample/changes.mjs';
import './sample/incidents.mjs';
import './sample/records.mjs';
import { FIGURES_END, FIGURES_START, PR_LIST } from './sample/reports.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const root = path.join(repoRoot, 'sample-sms');

// --- the performance reports' figures, from the incident records -------------------------------------
const dist = (p) => import(new URL(`../dist/${p}`, import.meta.url).href);
const { loadConfig } = await dist('repo/config.js');
const { loadRepository } = await dist('repo/documents.js');
const { agreementView } = await dist('repo/sla.js');
const { measureIncidents, compliance, availability } = await dist('report/sla.js');

const scratch = mkdtempSync(path.join(tmpdir(), 'sms-sample-'));
const writeAll = (dir) => {
  for (const [p, text] of files) {
    const abs = path.join(dir, ...p.split('/'));
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, text);
  }
};
writeAll(scratch);
const config = loadConfig(scratch);
const { documents } = loadRepository(config);
const inputs = { documents, timezone: config.timezone };
const views = new Map(documents.map((d) => [d.id, agreementView(d, config.timezone)]).filter(([, v]) => v));
const fmtH = (h) => (h === undefined ? '–' : `${h} h`);
const pct = (x) => (x === undefined ? '–' : `${x.toFixed(2)}%`);
for (const pr of PR_LIST) {
  const period = { since: pr.start, until: pr.end };
  const parts = [];
  for (const id of pr.agreements) {
    const a = views.get(id);
    if (!a) throw new Error(`${pr.id}: no agreement ${id}`);
    const rows = compliance(measureIncidents(inputs, period, a), a).filter(
      (c) => c.responseTargetHours !== undefined || c.resolutionTargetHours !== undefined,
    );
    const lines = [
      `**${id}** (${a.party ?? ''}): response and resolution in the agreement's clock`,
      '',
      '| Priority | Response target | Opened | Answered in time | Resolution target | Resolved | Resolved in time | Breaches |',
      '|---|---:|---:|---:|---:|---:|---:|---:|',
      ...rows.map(
        (c) =>
          `| ${c.priority} | ${fmtH(c.responseTargetHours)} | ${c.responded} | ${c.responseMet} | ${fmtH(c.resolutionTargetHours)} | ${c.resolved} | ${c.resolutionMet} | ${c.breaches} |`,
      ),
      '',
      `| Service | Month | Availability | Target | Downtime ${a.availabilityClock === '24x7' ? 'around the clock' : 'in service hours'} |`,
      '|---|---|---:|---:|---:|',
      ...availability(inputs, a, period).map(
        (r) =>
          `| ${r.service} | ${r.since.slice(0, 7)} | ${r.percent === undefined ? (r.note ?? '–') : pct(r.percent)} | ${pct(r.targetPercent)} | ${r.downtimeMinutes} min |`,
      ),
    ];
    parts.push(lines.join('\n'));
  }
  const text = files.get(pr.path);
  files.set(pr.path, text.replace(`${FIGURES_START}\n${FIGURES_END}`, `${FIGURES_START}\n\n${parts.join('\n\n')}\n\n${FIGURES_END}`));
}
rmSync(scratch, { recursive: true, force: true });

// --- the history, checked ----------------------------------------------------------------------------------
const all = [...events].sort((a, b) => Date.parse(a.date) - Date.parse(b.date));
const clashes = all.filter((c, i) => i > 0 && Date.parse(c.date) === Date.parse(all[i - 1].date));
if (clashes.length) throw new Error(`two commits at the same time:\n${clashes.map((c) => `  ${c.date} ${c.message}`).join('\n')}`);
const lastStep = new Map();
for (const c of all) {
  if (c.steps.length === 0) throw new Error(`commit without steps: ${c.message}`);
  for (const s of c.steps) {
    if (!files.has(s.path)) throw new Error(`"${c.message}" writes ${s.path}, which the sample does not have`);
    lastStep.set(s.path, s);
  }
}
const unfinished = [...files.keys()].filter((p) => {
  const s = lastStep.get(p);
  return !s || s.status || s.set || s.drop?.length || s.sections;
});
if (unfinished.length) throw new Error(`not added, or not left in the final text by their last commit:\n  ${unfinished.join('\n  ')}`);
// Numbered records are created in the order of their numbers.
const firstSeen = new Map();
for (const c of all) for (const s of c.steps) if (!firstSeen.has(s.path)) firstSeen.set(s.path, c.date);
const byPrefix = new Map();
for (const [p, date] of firstSeen) {
  const m = /\/([A-Z]+)-(\d{4})-/.exec(p);
  if (m) byPrefix.set(m[1], [...(byPrefix.get(m[1]) ?? []), [Number(m[2]), Date.parse(date), p]]);
}
for (const [prefix, list] of byPrefix) {
  list.sort((a, b) => a[0] - b[0]);
  list.forEach(([n, t, p], i) => {
    if (n !== i + 1) throw new Error(`${prefix}: numbers are not consecutive at ${p}`);
    if (i > 0 && t < list[i - 1][1]) throw new Error(`${p} is created before ${list[i - 1][2]}`);
  });
}
const lastDay = dayOf(all.at(-1).date);
if (!isWorkingDay(lastDay) || lastDay > '2026-11-27') throw new Error(`the history ends on ${lastDay}`);

// --- output ------------------------------------------------------------------------------------------------
rmSync(path.join(root, 'files'), { recursive: true, force: true });
writeAll(path.join(root, 'files'));
const history = {
  organisation: ORG,
  people: P,
  commits: all.map((c) => ({
    date: c.date,
    author: c.author,
    message: c.message,
    steps: c.steps.map((s) => ({
      path: s.path,
      ...(s.status ? { status: s.status } : {}),
      ...(s.drop?.length ? { drop: s.drop } : {}),
      ...(s.set ? { set: s.set } : {}),
      ...(s.sections ? { sections: s.sections } : {}),
    })),
  })),
};
writeFileSync(
  path.join(root, 'history.yaml'),
  `# Backdated history of the sample organisation, replayed by "sms init --sample". Written by
# scripts/build-sample.mjs. Each step writes files/<path>: its final text, or that text with the status
# set, the listed fields dropped or set and the listed sections replaced (null: not written yet).
${stringify(history, { lineWidth: 0 })}`,
);
console.log(`sample-sms: ${files.size} files, ${all.length} commits from ${dayOf(all[0].date)} to ${lastDay}`);
