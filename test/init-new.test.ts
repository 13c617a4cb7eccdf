import { describe, expect, it, vi } from 'vitest';
import { chmodSync, existsSync, readFileSync, readdirSync, writeFileSync, mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { parse } from 'yaml';
import { BIN, CONFIG, agreementDoc, gitRepo, md, rfc, sms, smsInProcess, testEnv, tmp, gitIn, baseSms, writeFiles } from './helpers.js';

const BASE_FILES = { 'sms.config.yaml': CONFIG };
const INC = (id: string): string => md({ id, type: 'incident', title: id, status: 'opened' }, '\n## Description\n');

const MANAGER = ['--manager', 'Ana Costa <ana@acme.example>'];
/** Where the CI that init writes installs sms from (no npm run: that is test/install.test.ts). */
const CI = ['--cli-spec', 'git+https://git.example.org/acme/sms.git#v0.1.0', '--no-install'];

function listFiles(dir: string, base = ''): string[] {
  return readdirSync(path.join(dir, base), { withFileTypes: true }).flatMap((e) => {
    const rel = base ? `${base}/${e.name}` : e.name;
    if (e.name === '.git') return [];
    return e.isDirectory() ? listFiles(dir, rel) : [rel];
  });
}

// Most commands here run in-process (the same code below bin/sms.js); init, new, types and the
// launcher's own --version run through the binary at least once, and init also on a terminal.
describe('sms init', () => {
  it('scaffolds the starter set, commits it, and the result validates with exit 0', async () => {
    const dir = path.join(tmp(), 'acme-sms');
    const r = sms(['init', dir, '--yes', '--org', 'Acme IT', ...MANAGER, ...CI], path.dirname(dir));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(listFiles(dir).sort()).toEqual([
      '.github/workflows/sms.yml',
      '.gitignore',
      'README.md',
      'catalogue/SVC-0001-service-desk.md',
      'governance/customer-experience-approach.md',
      'governance/policy.md',
      'governance/roles.md',
      'governance/scope.md',
      'package.json',
      'procedures/change-procedure.md',
      'procedures/document-procedure.md',
      'sms.config.yaml',
    ]);
    expect(readFileSync(path.join(dir, 'governance/roles.md'), 'utf8')).toContain('email: "ana@acme.example"');
    expect(readFileSync(path.join(dir, 'governance/policy.md'), 'utf8')).toMatch(/^status: draft$/m);
    const workflow = readFileSync(path.join(dir, '.github/workflows/sms.yml'), 'utf8');
    expect(workflow).toContain('fetch-depth: 0');
    expect(workflow).toContain('${{ github.event_name }}');
    expect(workflow).toContain('range=(--base "origin/$BASE_REF")');
    expect(workflow).toContain('npx --no-install sms validate "${range[@]}" --format github');
    expect(gitIn(dir, ['log', '--format=%an|%s'])).toMatch(/^Ana Costa\|Initialise the service management system of Acme IT/);
    expect(gitIn(dir, ['status', '--porcelain'])).toBe('');
    const v = await smsInProcess(['validate'], dir);
    expect(v.stdout).toContain('no problems');
    expect(v.code).toBe(0);
    const h = await smsInProcess(['validate', '--history'], dir);
    expect(h.stdout).toContain('no problems');
    expect(h.code).toBe(0);
    // The policy's starter objectives are measurable: the first review pack rates each (no data yet), none "not measured".
    const review = await smsInProcess(['report', 'review', '--format', 'json'], dir);
    expect(review.code, review.stderr).toBe(0);
    expect(JSON.parse(review.stdout).objectives.map((o: { id: string; rag: string }) => [o.id, o.rag])).toEqual([
      ['RESOLVE', 'no data'],
      ['RESPOND', 'no data'],
      ['SATISFY', 'no data'],
    ]);
  });

  it('on a terminal it asks for the organisation, the Service Manager (defaulting to the git identity), the first service and the time zone', () => {
    const dir = path.join(tmp(), 'tty');
    // script(1) gives the command a real pseudo-terminal; the answers are typed into it.
    const r = spawnSync('script', ['-qec', `${process.execPath} ${BIN} init ${dir} ${CI.join(' ')}`, '/dev/null'], {
      // "Berlin" is no time zone name: asked again.
      input: 'Acme IT\n\n\nHelpdesk\nBerlin\nEurope/Berlin\n',
      env: testEnv({ TZ: 'America/New_York' }),
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Organisation name/);
    expect(r.stdout).toMatch(/Service manager name \(Ana Costa\)/);
    expect(r.stdout).toMatch(/Time zone of your service hours \(America\/New_York\)/);
    expect(r.stdout).toMatch(/That is not a time zone name/);
    expect(readFileSync(path.join(dir, 'sms.config.yaml'), 'utf8')).toContain('organisation: "Acme IT"');
    expect(readFileSync(path.join(dir, 'sms.config.yaml'), 'utf8')).toMatch(/^timezone: "Europe\/Berlin"$/m);
    expect(readFileSync(path.join(dir, 'governance/roles.md'), 'utf8')).toContain('email: "ana@acme.example"');
    expect(existsSync(path.join(dir, 'catalogue/SVC-0001-helpdesk.md'))).toBe(true);
  });

  it('--no-git --yes takes the Service Manager from the git identity, as without --no-git', async () => {
    const parent = tmp();
    const dir = path.join(parent, 'nogit');
    const r = await smsInProcess(
      ['init', dir, '--yes', ...CI, '--ci', 'none', '--no-git'],
      parent,
      testEnv({ GIT_AUTHOR_NAME: 'Ann Admin', GIT_AUTHOR_EMAIL: 'ann@acme.example' }),
    );
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(path.join(dir, 'governance/roles.md'), 'utf8')).toContain('email: "ann@acme.example"');
    expect(existsSync(path.join(dir, '.git'))).toBe(false);
  });

  it('the README and sms.config.yaml it writes point to commands that do what they say', async () => {
    const parent = tmp();
    for (const ci of ['none', 'github', 'gitlab']) {
      const dir = path.join(parent, ci);
      expect((await smsInProcess(['init', dir, '--yes', ...MANAGER, ...CI, '--ci', ci, '--no-git'], parent)).code).toBe(0);
      const readme = readFileSync(path.join(dir, 'README.md'), 'utf8');
      // Without CI, nothing else runs validate.
      expect(readme).toMatch(ci === 'none' ? /^sms validate +# before you push\n/m : /^sms validate +# before you push; CI runs it too\n/m);
      // A squash merge would leave history unable to show who approved: where to turn it off.
      expect(readme).toContain('never by squashing');
      const setting = {
        none: undefined,
        github: 'turn off "Allow squash merging"',
        gitlab: 'set "Squash commits when merging" to "Do not allow"',
      }[ci];
      if (setting) expect(readme).toContain(setting);
      else expect(readme).not.toMatch(/settings/);
      const config = readFileSync(path.join(dir, 'sms.config.yaml'), 'utf8');
      expect(config).toContain('(run "sms rules" for the rule list)');
      const rules = await smsInProcess(['rules'], dir);
      for (const id of Object.keys((parse(config) as { rules: Record<string, string> }).rules))
        expect(rules.stdout).toMatch(new RegExp(`^${id} `, 'm'));
    }
  });

  // A provider in Berlin: the file server is down from 08:00 to 09:00 on Monday 2 February 2026, the first
  // hour of its Mon-Fri 08:00-18:00 service hours. Worked by hand: 1 service hour to resolve; February has
  // 20 working days, 12,000 service minutes, 60 of them down: 99.50 %. Counted in UTC, as a new organisation's
  // hours used to be, the outage (07:00-08:00 UTC) fell before the hours began: 0 h and 100 %.
  it("takes this machine's time zone for the organisation (or --timezone): a new agreement's hours and its figures count in it", async () => {
    const dir = path.join(tmp(), 'berlin');
    const at = (day: string): NodeJS.ProcessEnv => testEnv({ TZ: 'Europe/Berlin', SMS_TODAY: day });
    const run = async (args: string[], day: string): Promise<string> => {
      const r = await smsInProcess(args, dir, at(day));
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      return r.stdout;
    };
    expect(
      (await smsInProcess(['init', dir, '--yes', '--org', 'Acme IT', ...MANAGER, ...CI, '--ci', 'none'], tmp(), at('2026-01-05'))).code,
    ).toBe(0);
    expect(readFileSync(path.join(dir, 'sms.config.yaml'), 'utf8')).toMatch(/^timezone: "Europe\/Berlin"$/m);
    for (const id of ['ROLES', 'SVC-0001']) await run(['set-status', id, 'approved', '--commit'], '2026-01-05');
    const sla = path.join(dir, (await run(['new', 'customer-agreement', 'Kaiser Bakery'], '2026-01-05')).trim().split('\n').at(-1)!);
    const text = readFileSync(sla, 'utf8');
    expect(text).toContain('  timezone: "Europe/Berlin"\n');
    writeFileSync(
      sla,
      text.replace(
        /^customer: .*$/m,
        'customer: "Kaiser Bakery"\ncustomer_approval_ref: "contract 1"\ncustomer_approved_by: "Karl Kaiser"',
      ),
    );
    gitIn(dir, ['add', '--all'], at('2026-01-05'));
    gitIn(dir, ['commit', '-qm', 'Agreement with Kaiser Bakery'], at('2026-01-05'));
    await run(['set-status', 'SLA-0001', 'approved', '--commit'], '2026-01-05');
    const times = ['opened=2026-02-02T08:00:00+01:00', 'responded=2026-02-02T08:05:00+01:00', 'resolved=2026-02-02T09:00:00+01:00'];
    const outage = ['outage_start=2026-02-02T08:00:00+01:00', 'outage_end=2026-02-02T09:00:00+01:00'];
    await run(
      ['new', 'incident', 'File server down', '--set', 'priority=P2', ...[...times, ...outage].flatMap((f) => ['--set', f])],
      '2026-02-02',
    );
    gitIn(dir, ['add', '--all'], at('2026-02-02'));
    gitIn(dir, ['commit', '-qm', 'INC-0001'], at('2026-02-02'));
    const report = JSON.parse(
      await run(['report', 'performance', '--agreement', 'SLA-0001', '--period', '2026-02', '--format', 'json'], '2026-03-02'),
    );
    expect(report.incidents.items.map((i: { id: string; resolutionHours: number }) => [i.id, i.resolutionHours])).toEqual([
      ['INC-0001', 1],
    ]);
    expect(
      report.availability.months.map((m: { serviceMinutes: number; downtimeMinutes: number; percent: number }) => [
        m.serviceMinutes,
        m.downtimeMinutes,
        m.percent,
      ]),
    ).toEqual([[12000, 60, 99.5]]);
    // --timezone chooses another; a name that is none is refused before anything is written.
    const ny = path.join(tmp(), 'ny');
    expect(
      (
        await smsInProcess(
          ['init', ny, '--yes', '--timezone', 'America/New_York', ...MANAGER, ...CI, '--ci', 'none'],
          tmp(),
          at('2026-01-05'),
        )
      ).code,
    ).toBe(0);
    expect(readFileSync(path.join(ny, 'sms.config.yaml'), 'utf8')).toMatch(/^timezone: "America\/New_York"$/m);
    const bad = await smsInProcess(
      ['init', path.join(tmp(), 'mars'), '--yes', '--timezone', 'Mars/Olympus', ...MANAGER, ...CI, '--ci', 'none'],
      tmp(),
      at('2026-01-05'),
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      'sms: --timezone "Mars/Olympus" is not a time zone name; nothing was written\n     give an IANA name such as Europe/Berlin, America/New_York or UTC\n',
    );
  });

  // The agreement promises monthly reports. On 3 June, the report the tool offers is May's, the period the
  // audit asks for; a new performance report used to cover 3 May to 3 June, which the audit never accepts.
  it("a new performance report covers the last period ended at its agreement's reporting cadence, as the audit asks", async () => {
    const dir = path.join(tmp(), 'acme');
    const at = (day: string): NodeJS.ProcessEnv => testEnv({ SMS_TODAY: day });
    const run = async (args: string[], day: string): Promise<string> => {
      const r = await smsInProcess(args, dir, at(day));
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      return r.stdout;
    };
    const commitAll = (message: string, day: string): void => {
      gitIn(dir, ['add', '--all'], at(day));
      gitIn(dir, ['commit', '-qm', message], at(day));
    };
    const created = async (args: string[], day: string): Promise<string> =>
      path.join(dir, (await run(['new', ...args], day)).trim().split('\n').at(-1)!);
    expect(
      (await smsInProcess(['init', dir, '--yes', '--org', 'Acme IT', ...MANAGER, ...CI, '--ci', 'none'], tmp(), at('2026-05-04'))).code,
    ).toBe(0);
    for (const id of ['ROLES', 'SVC-0001']) await run(['set-status', id, 'approved', '--commit'], '2026-05-04');
    const sla = await created(['customer-agreement', 'Kaiser Bakery'], '2026-05-04');
    writeFileSync(
      sla,
      readFileSync(sla, 'utf8')
        .replace(
          /^customer: .*$/m,
          'customer: "Kaiser Bakery"\ncustomer_approval_ref: "contract 1"\ncustomer_approved_by: "Karl Kaiser"\nreporting: monthly',
        )
        .replace(/^start: .*$/m, 'start: "2026-05-01"'),
    );
    commitAll('Agreement with Kaiser Bakery', '2026-05-04');
    await run(['set-status', 'SLA-0001', 'approved', '--commit'], '2026-05-04');
    const report = await created(['performance-report', 'Kaiser Bakery, May 2026'], '2026-06-03');
    expect(readFileSync(report, 'utf8')).toMatch(/^period_start: "2026-05-01"\nperiod_end: "2026-05-31"\nagreements: \[SLA-0001\]$/m);
    commitAll('Performance report for May', '2026-06-03');
    await run(['set-status', 'PR-0001', 'approved', '--commit'], '2026-06-03');
    const audit = JSON.parse(
      await run(['report', 'audit', '--format', 'json', '--since', '2026-05-01', '--until', '2026-06-30'], '2026-07-15'),
    );
    type Task = { id: string; verdict: string; obligations: { instances: { ok: boolean; subject?: string }[] }[] };
    const re24 = (audit.processes as { tasks: Task[] }[]).flatMap((p) => p.tasks).find((t) => t.id === 'RE.2.4')!;
    // May is the one month owed by 15 July, and its report is the one made.
    expect(re24.obligations.flatMap((o) => o.instances.map((i) => i.ok))).toEqual([true]);
    expect(re24.verdict).toBe('conformant');
    expect((audit.findings as { id: string }[]).filter((f) => f.id.startsWith('RE.2.4'))).toEqual([]);
    // A quarterly agreement named with --set: the last quarter ended.
    writeFileSync(sla, readFileSync(sla, 'utf8').replace('reporting: monthly', 'reporting: quarterly'));
    const quarterly = await created(['performance-report', 'Kaiser Bakery, Q2', '--set', 'agreements=[SLA-0001]'], '2026-07-15');
    expect(readFileSync(quarterly, 'utf8')).toMatch(/^period_start: "2026-04-01"\nperiod_end: "2026-06-30"\n/m);
  });

  it('--sample with an option it cannot honour (your organisation, no git, --force) is refused, and nothing is written', async () => {
    const parent = tmp();
    const r = await smsInProcess(
      ['init', '--sample', 'demo', '--no-git', '--org', 'Foo IT', ...MANAGER, '--service', 'Web', '--timezone', 'UTC'],
      parent,
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'sms: --sample creates the fictional organisation Harbour Lane IT, with its own people, time zone and Git history into a new folder: --org, --manager, --service, --timezone, --no-git cannot be used with it; nothing was written\n' +
        '     leave them out to create the sample, or leave out --sample to create your own organisation\n',
    );
    expect(readdirSync(parent)).toEqual([]);
    const forced = await smsInProcess(['init', '--sample', 'demo', '--force'], parent);
    expect(forced.code).toBe(2);
    expect(forced.stderr).toMatch(/^sms: --sample creates .*: --force cannot be used with it; nothing was written\n/);
    expect(readdirSync(parent)).toEqual([]);
  });

  it('writes a time zone as the platform spells it, and says where a default came from when TZ names none', async () => {
    const parent = tmp();
    const spelled = await smsInProcess(['init', 'a', '--yes', ...MANAGER, ...CI, '--ci', 'none', '--timezone', 'europe/berlin'], parent);
    expect(spelled.code, spelled.stderr).toBe(0);
    expect(readFileSync(path.join(parent, 'a/sms.config.yaml'), 'utf8')).toMatch(/^timezone: "Europe\/Berlin"$/m);
    // A POSIX rule in TZ is no IANA name: UTC, and the note says why, not "this machine's".
    const posix = await smsInProcess(
      ['init', 'b', '--org', 'B', '--service', 'Desk', ...MANAGER, ...CI, '--ci', 'none'],
      parent,
      testEnv({ TZ: 'EST5' }),
    );
    expect(posix.code, posix.stderr).toBe(0);
    expect(posix.stderr).toBe(
      'sms: no terminal to ask on: took time zone "UTC" (TZ="EST5" names no time zone sms knows); give --timezone to choose, or --yes to take the defaults without this note\n',
    );
    expect(readFileSync(path.join(parent, 'b/sms.config.yaml'), 'utf8')).toMatch(/^timezone: "UTC"$/m);
  });

  it('with no terminal and no --yes, it says which answers it took as defaults', async () => {
    const parent = tmp();
    const r = await smsInProcess(['init', 'acme-it', ...MANAGER, '--ci', 'none', '--no-install'], parent);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe(
      'sms: no terminal to ask on: took organisation "Acme It" (from the folder name), first service "Service desk" and time zone "UTC" (this machine\'s); give --org, --service and --timezone to choose, or --yes to take the defaults without this note\n',
    );
    expect(readFileSync(path.join(parent, 'acme-it/sms.config.yaml'), 'utf8')).toMatch(/^organisation: "?Acme It"?$/m);
    const named = await smsInProcess(
      ['init', 'other', ...MANAGER, '--org', 'Acme IT', '--service', 'Mail', '--timezone', 'UTC', '--ci', 'none', '--no-install'],
      parent,
    );
    expect(named.code, named.stderr).toBe(0);
    expect(named.stderr).toBe('');
  });

  it('refuses a non-empty directory and writes nothing', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'notes.txt'), 'mine');
    const r = await smsInProcess(['init', dir, '--yes', ...MANAGER, ...CI], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is not empty; nothing was written/);
    expect(r.stderr.split('\n').filter(Boolean).length).toBeLessThanOrEqual(2);
    expect(readdirSync(dir)).toEqual(['notes.txt']);
  });

  it('--force writes only the missing files and lists the ones it skipped', async () => {
    const dir = tmp();
    writeFiles(dir, { 'governance/policy.md': 'my own policy\n' });
    const r = await smsInProcess(['init', dir, '--yes', '--force', '--no-git', ...MANAGER, ...CI], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Skipped 1 existing file(s)');
    expect(r.stdout).toContain('governance/policy.md');
    expect(readFileSync(path.join(dir, 'governance/policy.md'), 'utf8')).toBe('my own policy\n');
    expect(existsSync(path.join(dir, 'governance/scope.md'))).toBe(true);
    expect(existsSync(path.join(dir, '.git'))).toBe(false);
  });

  it('without a manager and without a git identity: one clear line, exit 2, nothing written', async () => {
    const dir = path.join(tmp(), 'new');
    const env = testEnv();
    for (const k of ['GIT_AUTHOR_NAME', 'GIT_AUTHOR_EMAIL', 'GIT_COMMITTER_NAME', 'GIT_COMMITTER_EMAIL']) delete env[k];
    const r = await smsInProcess(['init', dir, '--yes'], path.dirname(dir), env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no Service Manager given and no git identity/);
    expect(existsSync(dir)).toBe(false);
  });

  it('without git installed: exit 2 with a hint, nothing written', () => {
    const dir = path.join(tmp(), 'new');
    const bin = tmp('sms-bin-');
    symlinkSync(process.execPath, path.join(bin, 'node'));
    const r = sms(['init', dir, '--yes', ...MANAGER, ...CI], path.dirname(dir), testEnv({ PATH: bin }));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/git is not installed/);
    expect(existsSync(dir)).toBe(false);
  });

  it('a file where the directory should be: exit 2, no stack trace', async () => {
    const parent = tmp();
    writeFileSync(path.join(parent, 'taken'), 'x');
    const r = await smsInProcess(['init', path.join(parent, 'taken'), '--yes', ...MANAGER, ...CI], parent);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is a file, not a directory/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a file in the way of a folder it must create: exit 2, and what it had written is removed', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'governance'), 'a file, not a folder');
    const r = await smsInProcess(['init', dir, '--yes', '--force', '--no-git', ...MANAGER, ...CI], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/a file is in the way/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(dir).sort()).toEqual(['governance']);
  });

  it('a first commit that fails takes back only what init wrote: a file someone else saved in its folders meanwhile stays', async () => {
    const parent = tmp();
    const env = testEnv();
    const hooks = path.join(parent, 'hooks');
    mkdirSync(hooks);
    // Another writer (here a hook) saves a file of their own into a folder init created, then the commit fails.
    writeFileSync(
      path.join(hooks, 'pre-commit'),
      '#!/bin/sh\necho "mine" > governance/bob-notes.md\necho "pre-commit: rejected" >&2\nexit 1\n',
      {
        mode: 0o755,
      },
    );
    gitIn(parent, ['config', '--global', 'core.hooksPath', hooks], env);
    const dir = path.join(parent, 'acme');
    const r = await smsInProcess(['init', dir, '--yes', '--org', 'Acme IT', ...MANAGER, ...CI], parent, env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/pre-commit: rejected/);
    expect(readFileSync(path.join(dir, 'governance/bob-notes.md'), 'utf8')).toBe('mine\n');
    // Nothing of init's own is left.
    const left: string[] = [];
    const walk = (d: string): void => {
      for (const e of readdirSync(d, { withFileTypes: true })) (e.isDirectory() ? walk : (f: string) => left.push(f))(path.join(d, e.name));
    };
    walk(dir);
    expect(left.map((f) => path.relative(dir, f))).toEqual([path.join('governance', 'bob-notes.md')]);
  });

  it('--sample whose CI commit fails (signing): exit 2, the sample is removed, and init --sample can run again', async () => {
    const parent = tmp();
    const env = testEnv();
    gitIn(parent, ['config', '--global', 'commit.gpgsign', 'true'], env);
    gitIn(parent, ['config', '--global', 'gpg.program', '/bin/false'], env);
    const dir = path.join(parent, 'sample');
    const r = await smsInProcess(['init', dir, '--sample', ...CI], parent, env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^sms: the sample could not be created in .*: .*gpg failed to sign the data.*; what this run created was removed\n/,
    );
    expect(r.stdout).not.toMatch(/Created the sample/);
    expect(existsSync(dir)).toBe(false);
    gitIn(parent, ['config', '--global', 'commit.gpgsign', 'false'], env);
    const again = await smsInProcess(['init', dir, '--sample', ...CI], parent, env);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/Created the sample/);
  });

  it('a first commit that fails (signing): exit 2, what it created is removed, and init can run again', async () => {
    const parent = tmp();
    const env = testEnv();
    gitIn(parent, ['config', '--global', 'commit.gpgsign', 'true'], env);
    gitIn(parent, ['config', '--global', 'gpg.program', '/bin/false'], env);
    const dir = path.join(parent, 'acme');
    const r = await smsInProcess(['init', dir, '--yes', '--org', 'Acme IT', ...MANAGER, ...CI], parent, env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^sms: the first commit failed \(git commit failed: error: gpg failed to sign the data\); the files and the git repository this run created were removed, nothing was changed\n/,
    );
    expect(r.stdout).not.toMatch(/Created the SMS/);
    expect(existsSync(dir)).toBe(false);
    // A folder that was there stays, empty as it was.
    mkdirSync(dir);
    expect((await smsInProcess(['init', dir, '--yes', '--org', 'Acme IT', ...MANAGER, ...CI], parent, env)).code).toBe(2);
    expect(readdirSync(dir)).toEqual([]);
    gitIn(parent, ['config', '--global', 'commit.gpgsign', 'false'], env);
    const again = await smsInProcess(['init', dir, '--yes', '--org', 'Acme IT', ...MANAGER, ...CI], parent, env);
    expect(again.code, again.stderr).toBe(0);
    expect(gitIn(dir, ['status', '--porcelain'], env)).toBe('');
  });

  it('rejects a malformed --manager', async () => {
    const dir = tmp();
    const r = await smsInProcess(['init', dir, '--yes', '--manager', 'just a name'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--manager must look like "Name <email>"/);
  });
});

describe('sms new', () => {
  // Two customers' agreements cover the service desk: an incident on it counts for neither until it names
  // the customer's, which validate reports as an error. new says so when it writes the file, not CI later.
  it('says what validate will report as an error in the new document, and still writes it', async () => {
    const dir = tmp();
    baseSms(dir, {
      'agreements/customers/SLA-0001-bakery.md': agreementDoc(),
      'agreements/customers/SLA-0002-law.md': agreementDoc({ id: 'SLA-0002', customer: 'Law office' }),
    });
    const r = await smsInProcess(['new', 'incident', 'VPN down', '--set', 'services=[SVC-0001]'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('incidents/INC-0001-vpn-down.md\n');
    expect(r.stderr).toBe(
      'sms: incidents/INC-0001-vpn-down.md:10:11: its services are covered by 2 customer agreements in force (SLA-0001 Bakery, SLA-0002 Law office): it counts for none of them (ambiguous-agreement)\n' +
        '     name the agreement it belongs to, e.g. agreement: SLA-0001\n',
    );
    const v = await smsInProcess(['validate', 'incidents/INC-0001-vpn-down.md', '--format', 'json'], dir);
    expect(
      (JSON.parse(v.stdout) as { diagnostics: { rule: string; severity: string }[] }).diagnostics
        .filter((d) => d.severity === 'error')
        .map((d) => d.rule),
    ).toEqual(['ambiguous-agreement']);
    // Named, it is quiet.
    const named = await smsInProcess(['new', 'incident', 'VPN down', '--set', 'services=[SVC-0001]', '--set', 'agreement=SLA-0002'], dir);
    expect([named.code, named.stderr, named.stdout]).toEqual([0, '', 'incidents/INC-0002-vpn-down.md\n']);
  });

  // In Auckland (UTC+13 in December) it is 00:16 on 3 December while UTC says 11:16 on the 2nd: the day
  // is Auckland's, and the instant is the clock's, not the 3rd at 11:16 UTC (a day ahead).
  it("stamps a new incident's opened with the clock's instant, on today in the organisation's time zone", async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date('2026-12-02T11:16:20Z'));
      const dir = tmp();
      baseSms(dir, { 'sms.config.yaml': `${CONFIG}timezone: Pacific/Auckland\n` });
      const opened = async (env: NodeJS.ProcessEnv): Promise<string> => {
        const r = await smsInProcess(['new', 'incident', 'Printer offline'], dir, env);
        expect(r.code, r.stderr).toBe(0);
        return /^opened: "(.*)"$/m.exec(readFileSync(path.join(dir, r.stdout.trim()), 'utf8'))![1]!;
      };
      expect(await opened(testEnv({ SMS_TODAY: '' }))).toBe('2026-12-02T11:16:20Z');
      // With today pinned to 1 June: that day at the clock's time of day in Auckland (UTC+12 in June).
      expect(await opened(testEnv({ SMS_TODAY: '2026-06-01' }))).toBe('2026-05-31T12:16:20Z');
    } finally {
      vi.useRealTimers();
    }
  });

  it('a check it cannot finish (a pattern too slow on another document) is said, and the written document stands: exit 0', async () => {
    const dir = tmp();
    baseSms(dir, {
      'sms.config.yaml': `${CONFIG}extra_fields:\n  change-request: { ticket: { type: string, pattern: "(a+)+$" } }\n`,
      'changes/RFC-0001-old.md': rfc({ ticket: `${'a'.repeat(40)}!` }),
    });
    const r = await smsInProcess(['new', 'incident', 'Printer offline'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('incidents/INC-0001-printer-offline.md\n');
    expect(r.stderr).toMatch(
      /^sms: incidents\/INC-0001-printer-offline\.md was written, but could not be checked: the pattern "\(a\+\)\+\$" in sms\.config\.yaml took more than 2 s on a value of 41 characters/,
    );
    expect(existsSync(path.join(dir, 'incidents/INC-0001-printer-offline.md'))).toBe(true);
  });

  it('writes the next free ID, a safe slug, and prints the path as its last line', () => {
    const dir = tmp();
    baseSms(dir, { 'changes/RFC-0007-old.md': '---\nid: RFC-0007\n---\n', 'changes/RFC-0009-broken.md': 'not even front matter' });
    const r = sms(['new', 'change-request', '../../etc/passwd: Upgrade / mail'], dir);
    expect(r.code).toBe(0);
    const last = r.stdout.trim().split('\n').pop()!;
    expect(last).toBe('changes/RFC-0010-etc-passwd-upgrade-mail.md');
    const text = readFileSync(path.join(dir, last), 'utf8');
    expect(text).toMatch(/^id: "RFC-0010"$/m);
    expect(text).toContain('title: "../../etc/passwd: Upgrade / mail"');
    expect(text).toContain('requested_by: "ana@acme.example"');
  });

  it("never gives a deleted document's number again: the next ID is past those git history shows deleted", async () => {
    const dir = tmp();
    gitRepo(dir, [
      { files: { ...BASE_FILES, 'incidents/INC-0001-a.md': INC('INC-0001'), 'incidents/INC-0002-b.md': INC('INC-0002') } },
      { files: { 'incidents/INC-0002-b.md': null } },
    ]);
    const r = await smsInProcess(['new', 'incident', 'Printer jams'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n').pop()).toBe('incidents/INC-0003-printer-jams.md');
    // Outside a repository, the working tree is all there is.
    const plain = tmp();
    writeFiles(plain, { ...BASE_FILES, 'incidents/INC-0001-a.md': INC('INC-0001') });
    const p = await smsInProcess(['new', 'incident', 'Printer jams'], plain);
    expect(p.stdout.trim().split('\n').pop()).toBe('incidents/INC-0002-printer-jams.md');
  });

  it('next IDs are exact past what a double holds, and stop with a clear message where the ID scheme ends', async () => {
    const dir = tmp();
    baseSms(dir, { 'changes/RFC-99999999999999999999-big.md': '---\nid: RFC-99999999999999999999\n---\n' });
    for (const title of ['Next', 'Next again']) {
      const r = await smsInProcess(['new', 'change-request', title], dir);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(
        'sms: RFC-99999999999999999999 is the highest change-request ID, and the next number does not fit the ID scheme (at most RFC-999999999); nothing was written\n' +
          '     if that ID is a mistake, give its document a free number within the scheme (sms validate reports it under id-format), then run sms new again\n',
      );
    }
    expect(readdirSync(path.join(dir, 'changes')).filter((f) => f.endsWith('.md'))).toEqual(['RFC-99999999999999999999-big.md']);

    // Up to the end of the scheme, numbers count exactly.
    const edge = tmp();
    baseSms(edge, { 'incidents/INC-999999998-a.md': '---\nid: INC-999999998\n---\n' });
    expect((await smsInProcess(['new', 'incident', 'b'], edge)).stdout).toBe('incidents/INC-999999999-b.md\n');
    expect((await smsInProcess(['new', 'incident', 'c'], edge)).code).toBe(2);
    const v = await smsInProcess(['validate', '--format', 'json'], edge);
    expect(JSON.parse(v.stdout).diagnostics.filter((d: { rule: string }) => /id/.test(d.rule))).toEqual([]);
  });

  it('keeps Unicode titles readable in the file name', async () => {
    const dir = tmp();
    baseSms(dir);
    const r = await smsInProcess(['new', 'incident', 'Störung', 'Drucker', '3.OG'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe('incidents/INC-0001-störung-drucker-3-og.md');
  });

  it('--set fills fields (YAML values) and the result passes validate', async () => {
    const dir = tmp();
    baseSms(dir);
    const r = await smsInProcess(
      ['new', 'change-request', 'Add VPN', '--set', 'priority=P1', '--set', 'services=[SVC-0001]', '--set', 'change_type=emergency'],
      dir,
    );
    expect(r.code).toBe(0);
    const text = readFileSync(path.join(dir, r.stdout.trim()), 'utf8');
    expect(text).toMatch(/^priority: P1$/m);
    expect(text).toMatch(/^services: \[SVC-0001\]$/m);
    expect(text).toMatch(/^change_type: emergency$/m);
    const v = await smsInProcess(['validate', '--format', 'json'], dir);
    expect(JSON.parse(v.stdout).errorCount).toBe(0);
  });

  it('unknown type: the list of valid types, exit 2', async () => {
    const dir = tmp();
    baseSms(dir);
    const r = await smsInProcess(['new', 'ticket', 'x'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown type "ticket"; valid types: business-goals, configuration-item/);
  });

  it('refuses a second singleton and never overwrites', async () => {
    const dir = tmp();
    baseSms(dir, { 'governance/policy.md': '---\nid: POLICY\ntype: policy\n---\nmine\n' });
    const r = await smsInProcess(['new', 'policy'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/already exists/);
    expect(readFileSync(path.join(dir, 'governance/policy.md'), 'utf8')).toContain('mine');
  });

  it('--set cannot change the id, and a bad --set is a usage error', async () => {
    const dir = tmp();
    baseSms(dir);
    expect((await smsInProcess(['new', 'incident', 'x', '--set', 'id=INC-9999'], dir)).code).toBe(2);
    const r = await smsInProcess(['new', 'incident', 'x', '--set', 'no-equals'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--set needs key=value/);
    // A field the type does not have is named, with what to do.
    const unknown = await smsInProcess(['new', 'incident', 'x', '--set', 'colour=red'], dir);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^sms: incidents\/INC-0001-x\.md was not created: an incident has no field "colour"/);
    expect(unknown.stderr).toMatch(/extra_fields in sms\.config\.yaml/);
    expect(existsSync(path.join(dir, 'incidents'))).toBe(false);
    // A typo of a field it has: the field is suggested.
    const typoField = await smsInProcess(['new', 'incident', 'x', '--set', 'priorty=P1'], dir);
    expect(typoField.code).toBe(2);
    expect(typoField.stderr).toMatch(/an incident has no field "priorty"; did you mean "priority"\?\n/);
    // A status that is a typo, or one its lifecycle does not start in: refused, nothing written.
    const typo = await smsInProcess(['new', 'change-request', 'x', '--set', 'status=aproved'], dir);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(
      /^sms: --set status=aproved: "aproved" is not a change-request status \(draft, approved, rejected, updated\); nothing was written/,
    );
    const later = await smsInProcess(['new', 'change-request', 'x', '--set', 'status=approved'], dir);
    expect(later.code).toBe(2);
    expect(later.stderr).toMatch(
      /^sms: --set status=approved: a new change-request starts as "draft"; nothing was written\n.*sms set-status/,
    );
    expect(existsSync(path.join(dir, 'changes'))).toBe(false);
    // A date in another form: the form it must have.
    const when = await smsInProcess(['new', 'incident', 'z', '--set', 'opened=04/03/2026'], dir);
    expect(when.code).toBe(2);
    expect(when.stderr).toMatch(/was not created: "opened" must be a valid date-time \(YYYY-MM-DDThh:mm:ssZ, with a time zone\)/);
    // A test report with no change request to name: the field to give, not a type error.
    const bare = tmp();
    baseSms(bare);
    const orphan = await smsInProcess(['new', 'test-report', 'y'], bare);
    expect(orphan.code).toBe(2);
    expect(orphan.stderr).toMatch(/was not created: "change_request" must name a change-request; give it with --set change_request=<ID>/);
    const made = await smsInProcess(['new', 'change-request', 'x', '--set', 'status=draft'], dir);
    expect(made.code).toBe(0);
    // The review written after the deployment has its place, last, where it is not an edit of the approved plan.
    const headings = [...readFileSync(path.join(dir, made.stdout.trim()), 'utf8').matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    expect(headings.at(-1)).toBe('Post-implementation review');
    // A new test report is a failed test until someone records that it passed.
    const tr = await smsInProcess(['new', 'test-report', 'y', '--set', 'change_request=RFC-0001'], dir);
    expect(tr.code, tr.stderr).toBe(0);
    expect(readFileSync(path.join(dir, tr.stdout.trim()), 'utf8')).toMatch(/^outcome: fail #/m);
  });

  it('a file where the type folder should be: exit 2, nothing written', async () => {
    const dir = tmp();
    baseSms(dir);
    writeFileSync(path.join(dir, 'incidents'), 'oops');
    const r = await smsInProcess(['new', 'incident', 'x'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot write .*incidents/);
  });

  it('a type folder that is a symbolic link out of the repository: exit 2, nothing written there, as the reader does not follow it', async () => {
    const top = tmp();
    const dir = path.join(top, 'sms');
    const outside = path.join(top, 'outside');
    mkdirSync(outside);
    mkdirSync(dir);
    baseSms(dir);
    symlinkSync('../outside', path.join(dir, 'incidents'));
    // A folder above the type folder counts too: agreements/customers is reached through it.
    symlinkSync('../outside', path.join(dir, 'agreements'));
    for (const type of ['incident', 'customer-agreement']) {
      const r = sms(['new', type, 'First'], dir);
      expect(r.code, type).toBe(2);
      expect(r.stderr).toMatch(
        /^sms: (incidents|agreements\/customers) leads through a symbolic link to a folder outside the repository \([^\n]*outside\); nothing was written\n {5}\S[^\n]*\n$/,
      );
      expect(readdirSync(outside)).toEqual([]);
    }
    // A link that stays inside the repository is followed, as the reader follows it.
    const inside = tmp();
    baseSms(inside);
    mkdirSync(path.join(inside, 'records'));
    symlinkSync('records', path.join(inside, 'incidents'));
    expect(sms(['new', 'incident', 'First'], inside).stdout).toBe('incidents/INC-0001-first.md\n');
    expect(sms(['new', 'incident', 'Second'], inside).stdout).toBe('incidents/INC-0002-second.md\n');
    expect(readdirSync(path.join(inside, 'records')).filter((f) => f.endsWith('.md'))).toEqual(['INC-0001-first.md', 'INC-0002-second.md']);
  });

  it('outside an SMS repository: exit 2 with a clear message', async () => {
    const dir = tmp();
    mkdirSync(path.join(dir, 'x'));
    const r = await smsInProcess(['new', 'incident', 'x'], path.join(dir, 'x'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no sms.config.yaml found/);
  });
});

describe('sms types', () => {
  it('lists the 21 work products and the 6 extensions, as a table and as JSON', async () => {
    const dir = tmp();
    const t = sms(['types'], dir);
    expect(t.code).toBe(0);
    expect(t.stdout).toMatch(/WP\.11\s+change-request\s+RFC-0001\s+changes\s+draft, approved, rejected, updated/);
    const j = JSON.parse((await smsInProcess(['types', '--format', 'json'], dir)).stdout);
    expect(j).toHaveLength(27);
    expect(j.filter((x: { extension?: unknown }) => x.extension).map((x: { key: string }) => x.key)).toContain('management-review');
    expect(j.find((x: { key: string }) => x.key === 'change-request').transitions.draft).toEqual(['approved', 'rejected']);
  });

  it('docs/types.md is the generated reference, up to date', async () => {
    const dir = tmp();
    const md = (await smsInProcess(['types', '--format', 'md'], dir)).stdout;
    expect(readFileSync(path.join(__dirname, '..', 'docs', 'types.md'), 'utf8')).toBe(md);
  });

  it("each type's state diagram draws every transition its list gives, a status that follows itself included", async () => {
    const dir = tmp();
    const md = (await smsInProcess(['types', '--format', 'md'], dir)).stdout;
    const types = JSON.parse((await smsInProcess(['types', '--format', 'json'], dir)).stdout) as {
      key: string;
      transitions: Record<string, string[]>;
    }[];
    const diagrams = new Map(
      [...md.matchAll(/\(`([a-z-]+)`\)\n[^]*?```mermaid\n([^]*?)```/g)].map((m) => [
        m[1],
        m[2].split('\n').filter((l) => l.includes(' --> ')),
      ]),
    );
    for (const t of types) {
      const want = Object.entries(t.transitions).flatMap(([from, to]) => to.map((s) => `  ${from} --> ${s}`));
      expect(
        diagrams.get(t.key)?.filter((l) => !l.startsWith('  [*]')),
        t.key,
      ).toEqual(want);
    }
    // WP.02: a configuration record updated again.
    expect(diagrams.get('configuration-item')).toContain('  updated --> updated');
  });
});

describe('help and version', () => {
  it.each(['init', 'new', 'types', 'validate', 'log', 'set-status', 'report'])('%s --help shows an example', async (cmd) => {
    const r = await smsInProcess([cmd, '--help'], tmp());
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Examples:\n\s+\$ sms /);
  });

  it('--version prints the package version; an unknown option exits 2', async () => {
    const r = sms(['--version'], tmp());
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    expect((await smsInProcess(['validate', '--bogus'], tmp())).code).toBe(2);
  });
});

describe('custom types from the configuration', () => {
  it('sms new writes a custom type with its sections; validate checks its statuses and fields', async () => {
    const dir = tmp();
    baseSms(dir);
    writeFiles(dir, {
      'sms.config.yaml': [
        'organisation: Acme IT',
        'custom_types:',
        '  - key: risk',
        '    title: Risk register entry',
        '    folder: risks',
        '    id: { prefix: RISK, digits: 4 }',
        '    statuses: [open, treated, closed]',
        '    initial: [open]',
        '    transitions: { open: [treated, closed], treated: [closed] }',
        '    sections: [Description, Treatment]',
        '    fields: { likelihood: { enum: [low, medium, high] } }',
        '',
      ].join('\n'),
    });
    const r = await smsInProcess(['new', 'risk', 'Data centre flood', '--set', 'likelihood=low'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe('risks/RISK-0001-data-centre-flood.md');
    const text = readFileSync(path.join(dir, 'risks/RISK-0001-data-centre-flood.md'), 'utf8');
    expect(text).toMatch(/^status: open$/m);
    expect(text).toContain('## Treatment');
    expect((await smsInProcess(['validate'], dir)).code).toBe(0);
    writeFileSync(
      path.join(dir, 'risks/RISK-0001-data-centre-flood.md'),
      text.replace('likelihood: low', 'likelihood: extreme').replace('status: open', 'status: gone'),
    );
    const v = JSON.parse((await smsInProcess(['validate', '--format', 'json'], dir)).stdout) as { diagnostics: { rule: string }[] };
    expect(v.diagnostics.map((d) => d.rule).sort()).toEqual(['schema', 'status-value']);
    expect(JSON.parse((await smsInProcess(['types', '--format', 'json'], dir)).stdout).map((t: { key: string }) => t.key)).toContain(
      'risk',
    );
  });
});

describe('no write permission', () => {
  // Permissions do not bind root, so the binary runs as the unprivileged user "nobody".
  const canDrop = process.getuid?.() === 0 && existsSync('/usr/bin/setpriv');
  const asNobody = (args: string[], cwd: string): ReturnType<typeof spawnSync> =>
    spawnSync('/usr/bin/setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, BIN, ...args], {
      cwd,
      env: testEnv({ HOME: '/tmp' }),
      encoding: 'utf8',
    });

  (canDrop ? it : it.skip)('init and new in a directory the user may not write: one clear line, exit 2, nothing written', (ctx) => {
    // The checkout itself must be readable by that user (a clone in a private directory is not).
    const probe = spawnSync(
      '/usr/bin/setpriv',
      ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '-e', `require('fs').accessSync(${JSON.stringify(BIN)})`],
      { encoding: 'utf8' },
    );
    if (probe.status !== 0) ctx.skip();
    const parent = tmp();
    chmodSync(parent, 0o755);
    const r = asNobody(['init', path.join(parent, 'sms'), '--yes', '--no-git', ...MANAGER, ...CI], '/tmp');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^sms: cannot write .*: permission denied/);
    expect(String(r.stderr).trim().split('\n').length).toBeLessThanOrEqual(2);
    expect(readdirSync(parent)).toEqual([]);

    baseSms(parent);
    chmodSync(parent, 0o755);
    for (const d of ['governance', 'catalogue']) chmodSync(path.join(parent, d), 0o755);
    const n = asNobody(['new', 'incident', 'x'], parent);
    expect(n.status).toBe(2);
    expect(n.stderr).toMatch(/^sms: cannot write .*incidents.*: permission denied/);
    expect(existsSync(path.join(parent, 'incidents'))).toBe(false);
  });
});
