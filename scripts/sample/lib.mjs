// Helpers of the sample organisation's build (scripts/build-sample.mjs): local Berlin times, the
// working-hours check, documents as front matter plus sections, and history steps.
import { stringify } from 'yaml';

export const TZ = 'Europe/Berlin';

/** Public holidays in Hamburg, and the two days the provider and its customers agreed to close. */
export const HOLIDAYS = [
  '2025-01-01',
  '2025-04-18',
  '2025-04-21',
  '2025-05-01',
  '2025-05-29',
  '2025-06-09',
  '2025-10-03',
  '2025-10-31',
  '2025-12-24',
  '2025-12-25',
  '2025-12-26',
  '2025-12-31',
  '2026-01-01',
  '2026-04-03',
  '2026-04-06',
  '2026-05-01',
  '2026-05-14',
  '2026-05-25',
  '2026-10-03',
  '2026-10-31',
  '2026-12-24',
  '2026-12-25',
  '2026-12-26',
  '2026-12-31',
  '2027-01-01',
  '2027-03-26',
  '2027-03-29',
  '2027-05-06',
  '2027-05-17',
  '2027-12-24',
];

const offsetAt = (utcMs) => {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: TZ, timeZoneName: 'longOffset' })
    .formatToParts(new Date(utcMs))
    .find((p) => p.type === 'timeZoneName').value;
  const m = /GMT([+-])(\d\d):(\d\d)/.exec(name);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
};

/** 'YYYY-MM-DD HH:MM' in Berlin → ISO 8601 with the offset in force then ('…T09:30:00+01:00'). */
export function at(local) {
  const m = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d)$/.exec(local);
  if (!m) throw new Error(`not a local time: ${local}`);
  const naive = Date.parse(`${m[1]}T${m[2]}:00Z`);
  let off = offsetAt(naive - 60 * 60_000);
  off = offsetAt(naive - off * 60_000);
  const sign = off >= 0 ? '+' : '-';
  const hh = String(Math.floor(Math.abs(off) / 60)).padStart(2, '0');
  const mm = String(Math.abs(off) % 60).padStart(2, '0');
  return `${m[1]}T${m[2]}:00${sign}${hh}:${mm}`;
}

export const dayOf = (iso) => iso.slice(0, 10);
const WEEKDAY = (date) => new Date(`${date}T12:00:00Z`).getUTCDay();

/** Whether a local time falls in service hours: Monday to Friday 08:00–18:00, not a holiday. */
export function inServiceHours(iso) {
  const date = dayOf(iso);
  const hm = iso.slice(11, 16);
  const wd = WEEKDAY(date);
  return wd >= 1 && wd <= 5 && !HOLIDAYS.includes(date) && hm >= '08:00' && hm < '18:00';
}

export function isWorkingDay(date) {
  const wd = WEEKDAY(date);
  return wd >= 1 && wd <= 5 && !HOLIDAYS.includes(date);
}

export function assertServiceHours(iso, what) {
  if (!inServiceHours(iso)) throw new Error(`${what}: ${iso} is outside Mon–Fri 08:00–18:00 or on a holiday`);
}

export const P = {
  maria: { name: 'Maria Santos', email: 'maria@harbourlane.example' },
  tom: { name: 'Tom Becker', email: 'tom@harbourlane.example' },
  priya: { name: 'Priya Nair', email: 'priya@harbourlane.example' },
  jonas: { name: 'Jonas Weber', email: 'jonas@harbourlane.example' },
  lea: { name: 'Lea Fischer', email: 'lea@harbourlane.example' },
};

/** Customer and supplier contacts: the people of the roles document outside the provider. */
export const C = {
  sam: { name: 'Sam Clarke', email: 'sam.clarke@bluebell-bakery.example', org: 'Bluebell Bakery', role: 'CUS' },
  eva: { name: 'Eva Brandt', email: 'eva.brandt@bluebell-bakery.example', org: 'Bluebell Bakery', role: 'CUS' },
  helena: { name: 'Dr. Helena Kessler', email: 'h.kessler@kessler-legal.example', org: 'Kessler Legal', role: 'CUS' },
  markus: { name: 'Markus Roth', email: 'm.roth@kessler-legal.example', org: 'Kessler Legal', role: 'CUS' },
  anna: { name: 'Anna Lenz', email: 'anna.lenz@cloudmail.example', org: 'CloudMail', role: 'SUP' },
  piet: { name: 'Piet de Vries', email: 'p.devries@fibrenet.example', org: 'FibreNet', role: 'SUP' },
};

export const slug = (t) =>
  t
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

const fm = (data) => `---\n${stringify(data, { lineWidth: 0 })}---\n`;

/** A document: front matter, the title as heading, then `## ` sections. */
export const doc = (data, sections) =>
  `${fm(data)}\n# ${data.title}\n\n${sections
    .filter(([, t]) => t !== undefined && t !== null)
    .map(([h, t]) => `## ${h}\n\n${t.trim()}\n`)
    .join('\n')}`;

/** A Markdown table from a header row and rows. */
export const table = (head, rows) =>
  [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');

// --- the sample being built -----------------------------------------------------------------------
export const files = new Map();
export const events = [];

export const put = (p, text) => {
  if (files.has(p)) throw new Error(`written twice: ${p}`);
  files.set(p, text);
};

/**
 * One commit. `when` is a local Berlin time; outside service hours only with { anyTime: true }
 * (a P1 incident, an emergency change, a change window). Steps: final(path) or stage(path, …).
 */
export function commit(when, who, message, steps, opts = {}) {
  const date = at(when);
  if (!opts.anyTime) assertServiceHours(date, `commit "${message}"`);
  if (!P[who]) throw new Error(`unknown author ${who}`);
  events.push({ date, author: who, message, steps: steps.flat() });
}

export const final = (p) => ({ path: p });
/** The file at an earlier step: its status, fields set or dropped, sections replaced or left out. */
export const stage = (p, status, o = {}) => ({ path: p, status, drop: o.drop, set: o.set, sections: o.sections });

export const APPROVAL = ['approved_by', 'approved_on'];
