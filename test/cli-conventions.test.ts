import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BIN, addCommit, baseSms, commitFiles, gitRepo, rfc, sms, smsInProcess, testEnv, tmp, writeFiles } from './helpers.js';

const run = smsInProcess;
import { forTerminal } from '../src/formatters/terminal.js';
import { useColor, type CliIO } from '../src/cli/io.js';

const ESC = '\u001b';
/** What a hostile document might carry: clear screen, a window title (OSC), a hyperlink, 8-bit CSI, bidi override. */
const HOSTILE = `${ESC}[2J${ESC}]0;pwned\u0007${ESC}]8;;https://evil.example\u0007x${ESC}]8;;\u0007\u009b31m\u202e`;

function hasControl(s: string): boolean {
  return /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(s);
}

describe('paths and standard input', () => {
  it('a path that does not exist is a usage error (exit 2, one line), not "no problems"', async () => {
    const dir = tmp();
    baseSms(dir);
    const r = await run(['validate', 'does-not-exist.md'], dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^sms: does-not-exist\.md does not exist\n/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a folder reports on the files under it', async () => {
    const dir = tmp();
    baseSms(dir, { 'changes/RFC-0001-a.md': rfc({ priority: 'P9' }) });
    const json = async (args: string[]): Promise<{ diagnostics: { file: string }[]; fileCount: number }> =>
      JSON.parse((await run(args, dir)).stdout);
    expect((await json(['validate', 'changes', '--format', 'json'])).diagnostics.map((d) => d.file)).toEqual(['changes/RFC-0001-a.md']);
    const clean = await json(['validate', 'governance', '--format', 'json']);
    expect(clean.diagnostics).toEqual([]);
    expect(clean.fileCount).toBe(1);
  });

  it('- reads one document from standard input, checked as the file --stdin-filepath names', () => {
    const dir = tmp();
    baseSms(dir, { 'changes/RFC-0001-a.md': rfc() });
    const run = (args: string[], input: string): { status: number | null; stdout: string; stderr: string } =>
      spawnSync(process.execPath, [BIN, 'validate', ...args], { cwd: dir, env: testEnv(), input, encoding: 'utf8' });
    const bad = run(['-', '--stdin-filepath', 'changes/RFC-0001-a.md', '--format', 'json'], rfc({ priority: 'P9' }));
    expect(bad.status).toBe(1);
    const out = JSON.parse(bad.stdout);
    expect(out.diagnostics.map((d: { file: string; rule: string }) => [d.file, d.rule])).toEqual([['changes/RFC-0001-a.md', 'schema']]);
    expect(out.fileCount).toBe(1);
    // The file on disk is valid: only standard input was checked.
    expect(run(['-', '--stdin-filepath', 'changes/RFC-0001-a.md'], rfc()).status).toBe(0);
    // A new document, not on disk yet: cross-file rules see it (a duplicate id).
    const dup = run(['-', '--stdin-filepath', 'changes/RFC-0009-b.md', '--format', 'json'], rfc());
    expect(JSON.parse(dup.stdout).diagnostics.map((d: { rule: string }) => d.rule)).toContain('duplicate-id');
    const missing = run(['-'], rfc());
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^sms: "-" needs --stdin-filepath <path>/);
  });

  it('- is compared with HEAD as the file would be: an edit of an approved document in an editor is the error CI will give', () => {
    const dir = tmp();
    const R = 'changes/RFC-0001-a.md';
    const approved = rfc({ status: 'approved', approved_by: 'ben@acme.example', approved_on: '2026-01-02' });
    const edited = approved.replace('## Purpose\n', '## Purpose\n\nSomething else.\n');
    baseSms(dir, { [R]: approved });
    commitFiles(dir);
    const check = (args: string[], input = ''): { status: number | null; rules: string[] } => {
      const r = spawnSync(process.execPath, [BIN, 'validate', '--format', 'json', ...args], {
        cwd: dir,
        env: testEnv(),
        input,
        encoding: 'utf8',
      });
      return { status: r.status, rules: (JSON.parse(r.stdout) as { diagnostics: { rule: string }[] }).diagnostics.map((d) => d.rule) };
    };
    const stdin = ['-', '--stdin-filepath', R];
    const viaStdin = check(stdin, edited);
    expect(viaStdin.rules).toContain('modified-after-approval');
    expect(viaStdin.status).toBe(1);
    writeFileSync(path.join(dir, R), edited);
    expect(check([R])).toEqual(viaStdin);
    // What is compared is standard input, not the file on disk: the approved text is no edit.
    expect(check(stdin, approved).rules).not.toContain('modified-after-approval');
  });
});

describe('command line', () => {
  it('sms without a command prints the help on stderr and exits 2; --help prints it on stdout and exits 0', async () => {
    const none = await run([], tmp());
    expect(none.code).toBe(2);
    expect(none.stdout).toBe('');
    expect(none.stderr).toMatch(/^Usage: sms \[options\] \[command\]/);
    const help = await run(['--help'], tmp());
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: sms/);
    expect((await run(['report'], tmp())).code).toBe(2);
  });

  it("sms report --help gives each report's default period, and the review takes the one it gives", async () => {
    const help = (await run(['report', '--help'], tmp())).stdout;
    expect(help).not.toMatch(/improvement report/);
    for (const line of [
      'review       the last complete quarter; --until alone: from the start of its quarter',
      'audit        every record, up to today',
      "performance  the last complete month, quarter or year, as the agreement's reporting: says; --until alone: from the start of that period",
      'changes      from 30 days ago to a year ahead; --until alone: the 12 months up to it',
    ])
      expect(help).toContain(`\n  ${line}\n`);
    const dir = tmp();
    baseSms(dir);
    for (const [args, period] of [
      [[], { since: '2026-07-01', until: '2026-09-30' }],
      [['--until', '2026-11-15'], { since: '2026-10-01', until: '2026-11-15' }],
    ] as const) {
      const r = await run(['report', 'review', '--format', 'json', ...args], dir, testEnv({ SMS_TODAY: '2026-12-01' }));
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout).period).toMatchObject(period);
    }
  });

  it('FORCE_COLOR as Node reads it (0 and false turn colour off), and NO_COLOR wins', async () => {
    const dir = tmp();
    baseSms(dir, { 'changes/RFC-0001-a.md': rfc({ priority: 'P9' }) });
    const coloured = async (extra: Record<string, string>): Promise<boolean> => {
      const env = testEnv(extra);
      if (!('NO_COLOR' in extra)) delete env.NO_COLOR;
      return /\u001b\[/.test((await run(['validate'], dir, env)).stdout);
    };
    expect(await coloured({ FORCE_COLOR: '1' })).toBe(true);
    expect(await coloured({ FORCE_COLOR: 'true' })).toBe(true);
    expect(await coloured({ FORCE_COLOR: '3' })).toBe(true);
    expect(await coloured({ FORCE_COLOR: '0' })).toBe(false);
    expect(await coloured({ FORCE_COLOR: 'false' })).toBe(false);
    expect(await coloured({ FORCE_COLOR: '1', NO_COLOR: '1' })).toBe(false);
  });

  it('a terminal with TERM=dumb gets no colour unless FORCE_COLOR asks for it', () => {
    const io = (env: Record<string, string>) => ({ env, stdout: { isTTY: true }, stderr: { isTTY: true } }) as unknown as CliIO;
    expect(useColor(io({ TERM: 'xterm-256color' }), 'stdout')).toBe(true);
    expect(useColor(io({ TERM: 'dumb' }), 'stdout')).toBe(false);
    expect(useColor(io({ TERM: 'dumb', FORCE_COLOR: '1' }), 'stderr')).toBe(true);
  });

  it('an sms.config.yaml that is a directory, or carries a !! tag, is refused as it is, not passed over', async () => {
    const dir = tmp();
    mkdirSync(path.join(dir, 'sms.config.yaml'));
    const r = await run(['types'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^sms: sms.config.yaml: cannot be read \(.*sms.config.yaml is not a regular file\)/);
    const tagged = tmp();
    writeFileSync(path.join(tagged, 'sms.config.yaml'), 'organisation: !!js/function "x"\n');
    const t = await run(['validate', '--no-git'], tagged);
    expect(t.code).toBe(2);
    expect(t.stderr).toMatch(/^sms: sms.config.yaml:1:15: Unresolved tag: tag:yaml.org,2002:js\/function: remove the !! tag\n/);
  });

  it('a broken pipe (sms … | head) ends quietly with exit 0', async () => {
    const child = spawn(process.execPath, [BIN, 'completion', 'bash'], { env: testEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    // The reader goes away before sms writes anything.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});

describe('document text never reaches the terminal raw', () => {
  it('forTerminal strips escape sequences, C0/C1 controls and bidi overrides, keeping tabs and text', () => {
    expect(forTerminal(`a${HOSTILE}b\tc`)).toBe('axb\tc');
    expect(forTerminal('line one\r\nline two')).toBe('line one line two');
    expect(forTerminal('line one\r\nline two', true)).toBe('line one\nline two');
    expect(forTerminal('Müller & Söhne — café')).toBe('Müller & Söhne — café');
  });

  it('stylish messages, hints and file names, sms log and error messages', async () => {
    const dir = tmp();
    const env = testEnv({ FORCE_COLOR: '1' });
    delete env.NO_COLOR;
    baseSms(dir);
    gitRepo(dir, [{ files: {} }], env);
    addCommit(
      dir,
      {
        files: { 'changes/RFC-0001-a.md': rfc({ title: `Upgrade ${HOSTILE}`, requested_by: `zoe${HOSTILE}@x.example` }) },
        message: `Add ${HOSTILE}`,
      },
      env,
    );
    const v = await run(['validate'], dir, env);
    expect(v.stdout).toContain('names "zoexx'.replace('xx', 'x'));
    // Colour codes of sms itself are allowed; nothing else from the document.
    expect(hasControl(v.stdout.replace(/\u001b\[\d+m/g, ''))).toBe(false);
    const log = await run(['log', 'RFC-0001'], dir, env);
    expect(log.code).toBe(0);
    expect(log.stdout).toContain('Upgrade x');
    expect(hasControl(log.stdout.replace(/\n/g, ''))).toBe(false);
    const err = await run(['log', `RFC-${HOSTILE}`], dir, env);
    expect(err.code).toBe(2);
    expect(hasControl(err.stderr.replace(/\n/g, ''))).toBe(false);
  });
});

describe('sms log of a document not committed yet', () => {
  it('says it is not committed yet, naming its file, rather than that no such ID exists', async () => {
    const dir = tmp();
    baseSms(dir);
    gitRepo(dir, [{ files: {} }]);
    writeFiles(dir, { 'changes/RFC-0001-a.md': rfc() });
    const r = await run(['log', 'RFC-0001'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'sms: RFC-0001 (changes/RFC-0001-a.md) is not committed yet: its history starts with its first commit\n' +
        '     commit it (git add and git commit), then run the command again\n',
    );
    expect((await run(['log', 'RFC-0002'], dir)).stderr).toMatch(/^sms: no document with id RFC-0002 in the history of this repository\n/);
  });
});

describe('line breaks in document text cannot paint lines of their own', () => {
  it('sms log keeps a title and a file name with line breaks on their own line', async () => {
    const dir = tmp();
    baseSms(dir);
    gitRepo(dir, [{ files: {} }]);
    const fake = 'Approved-by: Tom Berg <tom@acme.example> (CM)';
    const title = `Upgrade firewall\n\n${fake}\rX\u0085\u2028Y`;
    const odd = `changes/RFC-0001-b\n${fake}.md`;
    addCommit(dir, { files: { [odd]: rfc({ title, approved_by: `ana\n${fake}` }) }, message: 'RFC' });
    addCommit(dir, { files: { [odd]: null, 'changes/RFC-0001-a.md': rfc({ title, approved_by: `ana\n${fake}` }) }, message: 'Rename' });
    const log = await run(['log', 'RFC-0001'], dir);
    expect(log.code).toBe(0);
    const lines = log.stdout.split('\n');
    expect(lines[0]).toBe('RFC-0001: Upgrade firewall  Approved-by: Tom Berg <tom@acme.example> (CM) X  Y');
    expect(lines[1]).toBe('');
    // The header, a blank line, one line per commit and the final newline: nothing else.
    expect(lines).toHaveLength(5);
    expect(lines[3]).toContain(`renamed from changes/RFC-0001-b ${fake}.md]`);
    for (const line of lines.slice(2)) expect(line).not.toMatch(/^Approved-by/);
    expect(log.stdout).not.toMatch(/[\r\u0085\u2028\u2029]/);
  });
});

describe('messages name a type with the right article', () => {
  it('"an incident", "a change-request", "a roles document"', async () => {
    const { aType, typeNoun } = await import('../src/strings.js');
    expect(['incident', 'change-request', 'roles', 'internal-audit'].map(aType)).toEqual([
      'an incident',
      'a change-request',
      'a roles document',
      'an internal-audit',
    ]);
    expect(typeNoun('roles')).toBe('roles document');
    const dir = tmp();
    baseSms(dir, { 'incidents/INC-0001-a.md': rfc({ id: 'INC-0001', type: 'incident' }) });
    const v = await run(['validate', '--format', 'json'], dir);
    expect(JSON.parse(v.stdout).diagnostics.map((d: { message: string }) => d.message)).toContainEqual(
      expect.stringMatching(/^status "draft" is not an incident status; expected one of: /),
    );
    gitRepo(dir, [{ files: {} }]);
    const r = await run(['set-status', 'INC-0001', 'bogus'], dir);
    expect(r.stderr).toMatch(/^sms: "bogus" is not an incident status/);
  });
});

describe('answers and values are checked before anything is written', () => {
  it('interactive init asks again for an e-mail address that is not one', () => {
    const dir = path.join(tmp(), 'tty');
    const r = spawnSync('script', ['-qec', `${process.execPath} ${BIN} init ${dir} --ci none`, '/dev/null'], {
      input: 'Acme IT\nAna Costa\nana at acme\nana@acme.example\nHelpdesk\n',
      env: testEnv(),
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(r.stdout).toMatch(/not an e-mail address/);
    expect(r.status).toBe(0);
    expect(readFileSync(path.join(dir, 'governance/roles.md'), 'utf8')).toContain('email: "ana@acme.example"');
  });

  it('init: a directory name with escape sequences is printed without them; a --manager with control characters is refused', () => {
    const parent = tmp();
    const CI = ['--cli-spec', 'git+https://git.example.org/acme/sms.git#v0.1.0', '--no-install'];
    const manager = ['--manager', 'Ana Costa <ana@acme.example>'];
    const name = `dir${ESC}]0;TITLE\u0007${ESC}[2J`;
    const ok = sms(['init', '--yes', '--org', 'Acme IT', ...manager, ...CI, '--', name], parent);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^Created the SMS of Acme IT in dir \(12 files\)\n/);
    expect(hasControl(ok.stdout.replace(/\n/g, ''))).toBe(false);
    // Without --yes and --org, the note on the organisation taken from the folder's name is clean too.
    const noted = sms(['init', ...manager, ...CI, '--', `${name}2`], parent);
    expect(noted.code).toBe(0);
    expect(noted.stderr).toMatch(/^sms: no terminal to ask on: took organisation "[^"]+" \(from the folder name\)/);
    expect(hasControl(noted.stderr.replace(/\n/g, ''))).toBe(false);

    for (const who of [
      `Ana ${ESC}[31mCosta <ana@acme.example>`,
      'Ana\nApproved-by: Tom <ana@acme.example>',
      `Ana <ana${ESC}@acme.example>`,
    ]) {
      const bad = sms(['init', '--yes', '--org', 'Acme IT', '--manager', who, ...CI, 'acme'], parent);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/^sms: --manager contains a control character or line break; nothing was written\n {5}\S[^\n]*\n$/);
      expect(existsSync(path.join(parent, 'acme'))).toBe(false);
    }
  });

  it('set-status --as with a line break or an escape sequence in the name is refused before anything is written', async () => {
    const dir = tmp();
    baseSms(dir, { 'changes/RFC-0001-a.md': rfc({ status: 'draft' }) });
    gitRepo(dir, [{ files: {} }]);
    const before = readFileSync(path.join(dir, 'changes/RFC-0001-a.md'), 'utf8');
    // A right-to-left mark shows the name in another order than it is written.
    for (const who of [
      `Ana Costa${ESC}[2J <ana@acme.example>`,
      'Ana Costa\nApproved-by: Tom <ana@acme.example>',
      'Ana\u200f Costa <ana@acme.example>',
    ]) {
      const r = await run(['set-status', 'RFC-0001', 'approved', '--as', who], dir);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^sms: --as contains a control character or line break; nothing was written\n/);
      expect(readFileSync(path.join(dir, 'changes/RFC-0001-a.md'), 'utf8')).toBe(before);
    }
  });

  it('new --set with a YAML value front matter cannot hold says what is wrong with it, and that nothing was written', async () => {
    const dir = tmp();
    baseSms(dir);
    const cases: [string, string][] = [
      ['change_type=!!binary aGk=', 'change_type: "!!binary aGk=" reads as binary data (!!binary)'],
      ['priority=!!set {P1}', 'priority: "!!set {P1}" reads as a set (!!set)'],
      ['approved_on=!!timestamp 2026-01-01', 'approved_on: "!!timestamp 2026-01-01" reads as a timestamp (!!timestamp)'],
      ['services=[SVC-0001, !!omap [a: 1]]', 'services: "[SVC-0001, !!omap [a: 1]]" reads as an ordered mapping (!!omap or !!pairs)'],
      ['priority=.nan', 'priority: ".nan" reads as a number that is not finite'],
    ];
    for (const [set, what] of cases) {
      const r = await smsInProcess(['new', 'change-request', 'x', '--set', set], dir);
      expect(r.code, set).toBe(2);
      expect(r.stderr).toBe(
        `sms: --set ${what}, which front matter cannot hold; nothing was written\n` +
          `     give text, a number, true or false, a [list] or a {mapping}; to keep text as written, quote it: --set 'key="text"'\n`,
      );
      expect(existsSync(path.join(dir, 'changes'))).toBe(false);
    }
  });

  it('new --set with a value the schema refuses writes nothing (exit 2)', async () => {
    const dir = tmp();
    baseSms(dir);
    const r = await smsInProcess(['new', 'change-request', 'x', '--set', 'priority=P9'], dir);
    expect(r.code).toBe(2);
    // Worded as validate words the same finding.
    expect(r.stderr).toMatch(/^sms: changes\/RFC-0001-x\.md was not created: "priority" must be one of: P1, P2, P3, P4\n/);
    expect(existsSync(path.join(dir, 'changes'))).toBe(false);
    const id = await smsInProcess(['new', 'change-request', 'x', '--set', 'services=[SVC-001]'], dir);
    expect(id.code).toBe(2);
    expect(id.stderr).toMatch(
      /"services\.0" must be a document ID such as SVC-0001 \(capital letters and digits, a dash and 4 to 9 digits\), not "SVC-001"/,
    );
  });

  it('messages a user meets: an ID typo in plain words, a misspelt status with a suggestion, a singleton named by its file, --agreement where it means nothing', async () => {
    const dir = tmp();
    baseSms(dir, { 'changes/RFC-0001-a.md': rfc({ services: ['SVC-001'] }) });
    const v = await smsInProcess(['validate', '--format', 'json'], dir);
    const messages = (JSON.parse(v.stdout) as { diagnostics: { rule: string; message: string }[] }).diagnostics.map((d) => d.message);
    expect(messages).toContain(
      '"services.0" must be a document ID such as SVC-0001 (capital letters and digits, a dash and 4 to 9 digits), not "SVC-001"',
    );
    expect(messages.join('\n')).not.toMatch(/must match pattern/);
    const status = await smsInProcess(['set-status', 'RFC-0001', 'aproved'], dir);
    expect(status.code).toBe(2);
    expect(status.stderr).toMatch(/^sms: "aproved" is not a change-request status; did you mean "approved"\? Expected one of: /);
    expect((await smsInProcess(['new', 'roles'], dir)).stderr).toMatch(/\n\s+edit it instead: governance\/roles\.md\n/);
    // Passed over silently before: now said, and the report still made (scripts keep working).
    for (const kind of ['review', 'changes']) {
      const r = await smsInProcess(['report', kind, '--agreement', 'SLA-0001'], dir);
      expect(r.code, kind).toBe(0);
      expect(r.stdout).toMatch(/^# /);
      expect(r.stderr).toBe(
        `sms: warning: --agreement is for the performance report; the ${kind} report covers every agreement, and the option is ignored\n`,
      );
    }
  });
});

describe('shell completion', () => {
  /** Completes `line` (the cursor at its end) with the generated bash script, in a real bash. */
  function bashComplete(script: string, words: string[], cwd: string): string[] {
    const file = path.join(tmp(), 'sms.bash');
    writeFileSync(file, script);
    const bin = tmp('sms-path-');
    writeFileSync(path.join(bin, 'sms'), `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} "$@"\n`, {
      mode: 0o755,
    });
    const cmd = `source ${JSON.stringify(file)}; COMP_WORDS=(${words.map((w) => JSON.stringify(w)).join(' ')}); COMP_CWORD=${words.length - 1}; _sms; printf '%s\\n' "\${COMPREPLY[@]}"`;
    const r = spawnSync('bash', ['-c', cmd], { cwd, env: { ...testEnv(), PATH: `${bin}:${process.env.PATH}` }, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    return r.stdout.split('\n').filter(Boolean);
  }

  it('bash: commands, options, choices, and the repository type keys (custom types included)', () => {
    const script = sms(['completion', 'bash'], tmp()).stdout;
    const dir = tmp();
    baseSms(dir, {
      'sms.config.yaml':
        'organisation: Acme IT\ncustom_types:\n  - key: risk\n    title: Risk\n    folder: risks\n    id: { prefix: RISK, digits: 4 }\n    statuses: [open, closed]\n    initial: [open]\n    transitions: { open: [closed] }\n',
    });
    expect(bashComplete(script, ['sms', 'va'], dir)).toEqual(['validate']);
    expect(bashComplete(script, ['sms', 'validate', '--format', ''], dir)).toEqual([
      'stylish',
      'json',
      'github',
      'junit',
      'sarif',
      'gitlab',
    ]);
    expect(bashComplete(script, ['sms', 'validate', '--st'], dir)).toEqual(['--staged', '--stdin-filepath']);
    expect(bashComplete(script, ['sms', 'report', ''], dir)).toEqual(['review', 'audit', 'performance', 'changes']);
    expect(bashComplete(script, ['sms', 'init', '--ci', 'g'], dir)).toEqual(['github', 'gitlab']);
    expect(bashComplete(script, ['sms', 'new', 'ri'], dir)).toEqual(['risk']);
    expect(bashComplete(script, ['sms', 'new', 'inc'], dir)).toEqual(['incident']);
    // The title after the type is free text: no type keys there.
    expect(bashComplete(script, ['sms', 'new', 'incident', 'ri'], dir)).toEqual([]);
  });

  const shells: [string, string[]][] = [
    ['zsh', ['-n']],
    ['fish', ['--no-execute']],
  ];
  for (const [shell, check] of shells) {
    const present = spawnSync(shell, ['--version']).status === 0;
    // CI installs both shells (.ci/run sets SMS_CI_TOOLS): there, a missing shell fails the test.
    const run = present || process.env.SMS_CI_TOOLS ? it : it.skip;
    run(`${shell}: the script parses${present ? '' : ` (skipped: ${shell} is not installed)`}`, () => {
      const file = path.join(tmp(), `sms.${shell}`);
      writeFileSync(file, sms(['completion', shell], tmp()).stdout);
      const r = spawnSync(shell, [...check, file], { encoding: 'utf8' });
      expect(r.error, `${shell} must be installed`).toBeUndefined();
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      if (shell === 'fish') {
        // fish can also complete a command line non-interactively.
        const done = spawnSync('fish', ['-c', `source ${file}; complete -C 'sms validate --format '; complete -C 'sms re'`], {
          encoding: 'utf8',
        });
        expect(done.stdout.split('\n').map((l) => l.split('\t')[0])).toEqual(
          expect.arrayContaining(['github', 'gitlab', 'json', 'junit', 'sarif', 'stylish', 'report']),
        );
      }
    });
  }
});
