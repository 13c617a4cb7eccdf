import { DAY_MS, formatInstant } from '../dates.js';
import { gitInstant, inClockOffset, LAST_DAY, type DocEvent } from '../history/timeline.js';
import { commitLabel, eventDoc, uncommitted } from './history-support.js';
import { defineRule } from './registry.js';

/** When a commit counts from: the later of its author and committer dates (as the reports read it). */
function datedAt(e: DocEvent): number | undefined {
  const dates = [e.commit.date, e.commit.committerDate].map(gitInstant);
  const known = dates.filter((ms): ms is number => ms !== undefined);
  return known.length ? Math.max(...known) : undefined;
}

/** The UTC day of an instant, as the finding names it (the same for both commits it compares). */
const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export default defineRule({
  id: 'commit-date',
  description:
    'No commit that changes a document is dated more than a day after a commit made on top of it, or, with none on top of it, after today.',
  help:
    "A commit's dates are whatever its author and committer set (git commit --date, a machine's clock). The reports " +
    'count a change from the later of them (for a commit made on a branch, from the later of the dates of the merge ' +
    'that brought it into the main line), and never count a later change of the same document from an earlier ' +
    'day: one commit dated ahead moves its changes, and the changes made after it, into a later period (out of the ' +
    "period's review, past an agreement's deadline or out of it). A commit dated more than a day after a commit made " +
    'on top of it (directly or further up: steps back of less than a day each add up) is reported, once where the ' +
    'dates turn back (the last commit still dated a day after one on top of it, not every commit under it); clocks a ' +
    'few hours apart stay quiet. A commit with no commit on top of it yet is ' +
    'reported when it is dated after the end of the day after today (the day of the run, or SMS_TODAY; the margin ' +
    'leaves room for every time zone); a review pack read as of a day names the commits it held back. A date shown in ' +
    'a time zone offset no clock has (git takes +99:59) is reported too; the instant git keeps is what counts. Fix the clock of ' +
    'the machine that made it, and say in the next commit when the change was really made.',
  severity: 'warning',
  needs: ['commits'],
  check(ctx, report) {
    const first = new Map<string, DocEvent>();
    for (const e of ctx.changes!.events) if (!uncommitted(e) && !first.has(e.commit.sha)) first.set(e.commit.sha, e);
    const dated = new Map([...first].map(([sha, e]) => [sha, datedAt(e)]));
    // The earliest date among the commits made on top of each commit, and on top of those: one commit
    // dated ahead of a commit on top of it by less than a day, many times over, is ahead by their sum.
    // Events come parents first; walked the other way, a commit's own value is known before its parents'.
    const earliest = new Map<string, { at: number; sha: string }>();
    for (const e of [...first.values()].reverse()) {
      const at = dated.get(e.commit.sha);
      const above = earliest.get(e.commit.sha);
      const low = at === undefined || (above && above.at < at) ? above : { at, sha: e.commit.sha };
      if (!low) continue;
      // History is read with each commit's parents among the commits that changed documents.
      for (const p of e.commit.parents) {
        const known = earliest.get(p);
        if (!known || low.at < known.at) earliest.set(p, low);
      }
    }
    const flagged = new Set<string>();
    for (const sha of first.keys()) {
      const at = dated.get(sha);
      const low = earliest.get(sha);
      if (at !== undefined && low && at - low.at > DAY_MS) flagged.add(sha);
    }
    // One finding where the dates turn back, not one for every commit under it: of the commits dated
    // ahead of something on top of them, those with none such directly on top of them. One commit whose
    // clock read 2001 would otherwise put every earlier commit in the wrong.
    const under = new Set([...flagged].flatMap((sha) => first.get(sha)!.commit.parents));
    const ahead = new Map<string, string>();
    for (const sha of flagged) {
      if (under.has(sha)) continue;
      const low = earliest.get(sha)!;
      ahead.set(sha, `after commit ${low.sha.slice(0, 7)}, made on top of it, which is dated ${dayOf(low.at)}`);
    }
    // A commit with nothing on top of it has no later commit to date it: today does. In every time zone today ends
    // by noon UTC of the next day; the limit, the midnight UTC after that, also leaves a clock some hours fast behind it.
    const limit = Date.parse(`${ctx.today}T00:00:00Z`) + 2 * DAY_MS;
    const below = new Set([...first.values()].flatMap((e) => e.commit.parents));
    for (const sha of first.keys()) {
      const at = dated.get(sha);
      if (!below.has(sha) && at !== undefined && at >= limit) ahead.set(sha, `after today (${ctx.today}), with no commit on top of it`);
    }
    // A date shown in an offset no clock has (past ±23:59, which git takes): set by hand.
    for (const e of first.values()) {
      const odd = [e.commit.date, e.commit.committerDate].find((v) => v !== undefined && !inClockOffset(v));
      if (odd === undefined) continue;
      const at = gitInstant(odd);
      // An offset within the zones clocks use: it is the date itself that cannot be read (a year past 9999).
      const offset = /[+-](\d\d):?(\d\d)$/.exec(odd);
      const usualOffset = offset !== null && Number(offset[1]) * 60 + Number(offset[2]) <= 14 * 60 && Number(offset[2]) < 60;
      report({
        ...eventDoc(ctx, e),
        at: { line: 1, column: 1 },
        message:
          at === undefined && usualOffset
            ? `${commitLabel(e)} has the date "${odd}", which names no day sms can read: it counts as ${LAST_DAY}, by which every role given an end (until) has ended, and no report counts its changes in a period`
            : `${commitLabel(e)} has the date "${odd}", in a time zone offset no clock has${at === undefined ? `, naming no instant: it counts as ${LAST_DAY}` : `: it stands for ${formatInstant(at)}, which is what counts`}`,
        hint: "check the clock and time zone of the machine that made it (or the --date it was given); the next commit's message can say when the change was made",
      });
    }
    for (const [sha, why] of ahead) {
      const e = first.get(sha)!;
      const day = dayOf(dated.get(sha)!);
      report({
        ...eventDoc(ctx, e),
        at: { line: 1, column: 1 },
        message: `${commitLabel(e)} is dated ${day}, ${why}: the reports count its changes, and later changes of the documents it touched, from ${day}`,
        hint: "check the clock of the machine that made it (or the --date it was given); the next commit's message can say when the change was made",
      });
    }
  },
});
