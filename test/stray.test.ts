import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  BIN,
  addCommit,
  baseSms,
  gitIn,
  incidentDoc,
  rfc,
  sms,
  smsInProcess,
  testEnv,
  tmp,
  writeFiles,
  type CliResult,
  type Finding,
} from './helpers.js';

const incident = incidentDoc;

/** The file `sms new` creates (its last line of output), with nothing on standard error. */
async function created(dir: string, args: string[]): Promise<string> {
  const r = await smsInProcess(['new', ...args], dir);
  expect(r.stderr).toBe('');
  return r.stdout.trim().split('\n').at(-1)!;
}

const findings = (r: CliResult): Finding[] => (JSON.parse(r.stdout) as { diagnostics: Finding[] }).diagnostics;
const strays = (r: CliResult): [string, number, string][] =>
  findings(r)
    .filter((d) => d.rule === 'stray-document')
    .map((d) => [d.file, d.line, d.severity]);

describe('documents outside the folders sms reads (stray-document)', () => {
  it('a change request in a mistyped folder is a warning at its type, located; other Markdown is left alone', async () => {
    const dir = tmp();
    baseSms(dir, {
      // The folder is `changes`: this one is read by nothing.
      'change/RFC-0001-upgrade-mail.md': rfc(),
      'README.md': '# Acme IT\n\nOur service management system.\n',
      // Front matter of a site generator: a type sms knows, but no id.
      'docs/service.md': '---\ntype: service\ntitle: About our services\n---\n',
      // A type sms does not know.
      'docs/post.md': '---\nid: p1\ntype: blog\n---\n',
      // A site generator's page with a type and an id of its own, not in the type's scheme (SVC-0001).
      'site/content/services/mail.md': '---\ntype: service\nid: mail\ntitle: Mail\n---\n',
      // Another repository inside this one (a submodule or a worktree) is its own business.
      'vendor/other-sms/.git': 'gitdir: ../../.git/modules/other-sms\n',
      'vendor/other-sms/incidents/RFC-0005.md': rfc({ id: 'RFC-0005' }),
      // Ignored on purpose, in a package, hidden: not part of the SMS.
      'archive/RFC-0002-old.md': rfc({ id: 'RFC-0002' }),
      'node_modules/pkg/RFC-0003.md': rfc({ id: 'RFC-0003' }),
      '.drafts/RFC-0004.md': rfc({ id: 'RFC-0004' }),
      // A folder written the .gitignore way ("notes/") is ignored as "notes/**" is, here and in a
      // document folder.
      'notes/RFC-0006.md': rfc({ id: 'RFC-0006' }),
      'changes/drafts/RFC-0007-broken.md': rfc({ id: 'RFC-0007', priority: 'P9' }),
      'sms.config.yaml': 'organisation: Acme IT\nignore: ["archive/**", "notes/", "changes/drafts/"]\n',
    });
    const r = await smsInProcess(['validate', '--no-git', '--format', 'json'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // Line 3: `type:` (md writes id, then type).
    expect(strays(r)).toEqual([['change/RFC-0001-upgrade-mail.md', 3, 'warning']]);
    const d = findings(r).find((f) => f.rule === 'stray-document')!;
    expect(d.docId).toBe('RFC-0001');
    expect(d.message).toBe(
      'RFC-0001 (type change-request) is outside the folders sms reads, so nothing checks it and no report counts it; documents of this type go in changes/',
    );
    expect(findings(r).filter((f) => f.rule !== 'stray-document')).toEqual([]);
    // Named as a folder, its stray documents are what is reported.
    const scoped = await smsInProcess(['validate', '--no-git', '--format', 'json', 'change'], dir);
    expect(strays(scoped)).toEqual([['change/RFC-0001-upgrade-mail.md', 3, 'warning']]);
  });

  it('a document saved with another Markdown extension (.MD, .markdown) is not read: reported in its folder and outside, and sms new skips its number', async () => {
    const dir = tmp();
    baseSms(dir, {
      // Saved by an editor that chose the extension: in the right folder, read by nothing.
      'incidents/INC-0001-mail-down.MD': incident(),
      'incidents/2026/INC-0002-printer.markdown': incident({ id: 'INC-0002', title: 'Printer' }),
      'change/RFC-0001-upgrade-mail.mdown': rfc(),
      // Not a document's front matter, ignored, hidden: left alone as a .md file would be.
      'incidents/README.markdown': '# Incidents\n',
      'incidents/old/INC-0003-x.MD': incident({ id: 'INC-0003' }),
      'incidents/.INC-0004-x.MD': incident({ id: 'INC-0004' }),
      // Not Markdown.
      'incidents/INC-0005-export.txt': incident({ id: 'INC-0005' }),
      'sms.config.yaml': 'organisation: Acme IT\nignore: ["incidents/old/"]\n',
    });
    const r = await smsInProcess(['validate', '--no-git', '--format', 'json'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(strays(r)).toEqual([
      ['change/RFC-0001-upgrade-mail.mdown', 3, 'warning'],
      ['incidents/2026/INC-0002-printer.markdown', 3, 'warning'],
      ['incidents/INC-0001-mail-down.MD', 3, 'warning'],
    ]);
    const message = (file: string): [string, string | undefined] => {
      const d = findings(r).find((f) => f.file === file)!;
      return [d.message, (d as Finding & { hint?: string }).hint];
    };
    expect(message('incidents/INC-0001-mail-down.MD')).toEqual([
      'INC-0001 (type incident) is in a file sms does not read (documents end in .md), so nothing checks it and no report counts it',
      'rename it to incidents/INC-0001-mail-down.md (git mv, once it is committed)',
    ]);
    expect(message('change/RFC-0001-upgrade-mail.mdown')).toEqual([
      'RFC-0001 (type change-request) is in a file sms does not read (documents end in .md), so nothing checks it and no report counts it; documents of this type go in changes/',
      'move it to changes/RFC-0001-upgrade-mail.md (git mv, once it is committed), or add it to ignore in sms.config.yaml if it is not part of the SMS',
    ]);
    // Their numbers are taken: renamed, each would be a duplicate (an ignored file's too, as for .md).
    expect(await created(dir, ['incident', 'Backup failed'])).toBe('incidents/INC-0004-backup-failed.md');
  });

  it('a stray copy of a document sms reads, or one whose .md name is taken, is not told to move or rename over it', async () => {
    const dir = tmp();
    baseSms(dir, {
      'incidents/INC-0001-mail-down.md': incident(),
      // An editor's second save of the same record, and an old copy in a folder nothing reads.
      'incidents/INC-0001-mail-down.MD': incident(),
      'backup/INC-0001-mail-down.md': incident(),
      // Another record under a name whose .md form is taken by INC-0002.
      'incidents/INC-0002-printer.md': incident({ id: 'INC-0002', title: 'Printer' }),
      'incidents/INC-0002-printer.markdown': incident({ id: 'INC-0003', title: 'Scanner' }),
    });
    const r = await smsInProcess(['validate', '--no-git', '--format', 'json'], dir);
    expect(r.stderr).toBe('');
    const hints = Object.fromEntries(
      findings(r)
        .filter((d) => d.rule === 'stray-document')
        .map((d) => [d.file, (d as Finding & { hint?: string }).hint]),
    );
    expect(hints).toEqual({
      'backup/INC-0001-mail-down.md':
        'INC-0001 is read from incidents/INC-0001-mail-down.md: remove this file if it is a copy, or give it the next free ID (sms new) if it is another record',
      'incidents/INC-0001-mail-down.MD':
        'INC-0001 is read from incidents/INC-0001-mail-down.md: remove this file if it is a copy, or give it the next free ID (sms new) if it is another record',
      'incidents/INC-0002-printer.markdown':
        'rename it to a free name ending in .md (incidents/INC-0002-printer.md is another file), with git mv once it is committed',
    });
  });

  it('a type whose folder is the SMS root, and a .md name that is ignored: renamed in place, not moved to ./ or to an ignored name', async () => {
    const dir = tmp();
    baseSms(dir, {
      'sms.config.yaml': 'organisation: Acme IT\nfolders: { incident: . }\nignore: ["sub/INC-0003-c.md"]\n',
      'INC-0001-a.MD': incident(),
      'sub/INC-0002-b.markdown': incident({ id: 'INC-0002' }),
      'sub/INC-0003-c.markdown': incident({ id: 'INC-0003' }),
    });
    const r = await smsInProcess(['validate', '--no-git', '--format', 'json'], dir);
    expect(r.stderr).toBe('');
    const said = findings(r)
      .filter((d) => d.rule === 'stray-document')
      .map((d) => [
        d.file,
        d.message.replace(/^.* so nothing checks it and no report counts it/, '…'),
        (d as Finding & { hint?: string }).hint,
      ]);
    expect(said).toEqual([
      ['INC-0001-a.MD', '…', 'rename it to INC-0001-a.md (git mv, once it is committed)'],
      ['sub/INC-0002-b.markdown', '…', 'rename it to sub/INC-0002-b.md (git mv, once it is committed)'],
      [
        'sub/INC-0003-c.markdown',
        '…',
        'rename it to a name ending in .md that ignore in sms.config.yaml does not match (sub/INC-0003-c.md is ignored), with git mv once it is committed',
      ],
    ]);
  });

  it('sms new keeps the number of a document saved as .MD that cannot be read as one (not UTF-8, broken YAML)', async () => {
    const dir = tmp();
    baseSms(dir, {
      'incidents/INC-0001-a.md': incident(),
      'incidents/printer.MD': incident({ id: 'INC-0002' }).replace('status:', 'status: [unclosed\nx:'),
      'incidents/scanner.markdown': Buffer.concat([Buffer.from(incident({ id: 'INC-0003' })), Buffer.from([0xe9])]),
    });
    expect(await created(dir, ['incident', 'N'])).toBe('incidents/INC-0004-n.md');
  });

  it('sms new gives no number a stray document holds: moved to its folder, it would be a duplicate', async () => {
    const dir = tmp();
    baseSms(dir, { 'change/RFC-0001-upgrade-mail.md': rfc() });
    expect(await created(dir, ['change-request', 'Backup'])).toBe('changes/RFC-0002-backup.md');
  });

  it('with standard input at a path sms does not read, what is read is judged as the working tree would judge it there: a stray, not a document', async () => {
    const dir = tmp();
    baseSms(dir, { 'change/RFC-0001-upgrade-mail.md': rfc() });
    const check = (file: string, input: string): CliResult => {
      const p = spawnSync(process.execPath, [BIN, 'validate', '--no-git', '--format', 'json', '-', '--stdin-filepath', file], {
        cwd: dir,
        env: testEnv(),
        input,
        encoding: 'utf8',
      });
      expect(p.stderr).toBe('');
      return { code: p.status ?? -1, stdout: p.stdout, stderr: p.stderr };
    };
    // The file on disk at that path is not what is checked: standard input's RFC-0002 is the stray.
    const r = check('change/RFC-0001-upgrade-mail.md', rfc({ id: 'RFC-0002', priority: 'P9' }));
    expect(findings(r).map((f) => [f.file, f.rule, f.docId])).toEqual([['change/RFC-0001-upgrade-mail.md', 'stray-document', 'RFC-0002']]);
    expect(r.code).toBe(0);
    // In its folder but saved as .MD, the same.
    const md = check('changes/RFC-0003-backup.MD', rfc({ id: 'RFC-0003' }));
    expect(findings(md).map((f) => [f.file, f.rule, f.docId])).toEqual([['changes/RFC-0003-backup.MD', 'stray-document', 'RFC-0003']]);
    // At a path sms reads, it is a document, checked by every rule (the priority P9 here).
    const read = check('changes/RFC-0003-backup.md', rfc({ id: 'RFC-0003', priority: 'P9' }));
    expect(findings(read).map((f) => f.rule)).toEqual(['schema']);
    expect(read.code).toBe(1);
    // Where sms reads nothing at all (not Markdown, a hidden folder, an ignored path), nothing is judged.
    writeFileSync(path.join(dir, 'sms.config.yaml'), 'organisation: Acme IT\nignore: ["changes/drafts/**"]\n');
    for (const file of ['changes/notes.txt', 'changes/.old/RFC-0001-a.md', 'changes/drafts/RFC-0001-a.md', '.git/RFC-0001-a.md']) {
      const none = check(file, rfc({ priority: 'P9' }));
      expect(findings(none), file).toEqual([]);
      expect(none.code, file).toBe(0);
    }
  });

  it('a document in a folder of a type configured elsewhere names that folder; a link is not followed', async () => {
    const dir = tmp();
    baseSms(dir, {
      'sms.config.yaml': 'organisation: Acme IT\nfolders: { incident: tickets }\n',
      'incidents/INC-0001-mail-down.md': incident(),
      // Another type's folder is read: a document there is checked (and its type judged).
      'changes/INC-0002-printer.md': incident({ id: 'INC-0002' }),
    });
    mkdirSync(path.join(dir, 'elsewhere'));
    symlinkSync('../incidents/INC-0001-mail-down.md', path.join(dir, 'elsewhere/link.md'));
    const r = await smsInProcess(['validate', '--no-git', '--format', 'json'], dir);
    expect(strays(r)).toEqual([['incidents/INC-0001-mail-down.md', 3, 'warning']]);
    expect(findings(r).find((f) => f.rule === 'stray-document')!.message).toContain('documents of this type go in tickets/');
  });

  it('a record a branch added in the old folder, merged after the folder was renamed, is reported by every mode', () => {
    const dir = tmp();
    const env = testEnv();
    baseSms(dir, { 'incidents/INC-0001-mail-down.md': incident() });
    gitIn(dir, ['init', '-q', '-b', 'main'], env);
    gitIn(dir, ['config', 'commit.gpgsign', 'false'], env);
    addCommit(dir, { files: {}, date: '2026-01-01T09:00:00Z', message: 'SMS' }, env);
    gitIn(dir, ['checkout', '-q', '-b', 'side'], env);
    addCommit(
      dir,
      { files: { 'incidents/INC-0002-printer.md': incident({ id: 'INC-0002', title: 'Printer' }) }, date: '2026-01-02T09:00:00Z' },
      env,
    );
    gitIn(dir, ['checkout', '-q', 'main'], env);
    // The folder renamed with its documents, as the configuration now says.
    renameSync(path.join(dir, 'incidents'), path.join(dir, 'tickets'));
    writeFileSync(path.join(dir, 'sms.config.yaml'), 'organisation: Acme IT\nfolders: { incident: tickets }\n');
    addCommit(dir, { files: {}, date: '2026-01-03T09:00:00Z', message: 'Incidents live in tickets/' }, env);
    const before = gitIn(dir, ['rev-parse', 'HEAD'], env).trim();
    // Without directory rename detection (off in this repository's git), the merge is clean and the
    // branch's file stays where the branch put it; with it, git flags the file and the person
    // merging may choose the same.
    gitIn(dir, ['-c', 'merge.directoryRenames=false', 'merge', '-q', '--no-edit', 'side'], {
      ...env,
      GIT_AUTHOR_DATE: '2026-01-04T09:00:00Z',
      GIT_COMMITTER_DATE: '2026-01-04T09:00:00Z',
    });
    const expected = [['incidents/INC-0002-printer.md', 3, 'warning']];
    for (const mode of [[], ['--history'], ['--base', before]]) {
      const r = sms(['validate', ...mode, '--format', 'json'], dir, env);
      expect(r.stderr, mode.join(' ')).toBe('');
      expect(strays(r), mode.join(' ')).toEqual(expected);
    }
  });

  it('--staged looks at what is staged: a stray file staged is reported, one only on disk is not', () => {
    const dir = tmp();
    const env = testEnv();
    baseSms(dir, {});
    gitIn(dir, ['init', '-q', '-b', 'main'], env);
    gitIn(dir, ['config', 'commit.gpgsign', 'false'], env);
    addCommit(dir, { files: {}, message: 'SMS' }, env);
    writeFiles(dir, {
      'change/RFC-0001-upgrade-mail.md': rfc(),
      'notes/RFC-0002-draft.md': rfc({ id: 'RFC-0002' }),
      // Not UTF-8: not read as a document here, as in the working tree.
      'change/RFC-0003-latin.md': Buffer.concat([Buffer.from(rfc({ id: 'RFC-0003' })), Buffer.from([0xe9])]),
      // In its folder, saved as .MD: staged, it is looked at as in the working tree.
      'changes/RFC-0004-backup.MD': rfc({ id: 'RFC-0004' }),
    });
    gitIn(dir, ['add', 'change', 'changes'], env);
    const r = sms(['validate', '--staged', '--format', 'json'], dir, env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(strays(r)).toEqual([
      ['change/RFC-0001-upgrade-mail.md', 3, 'warning'],
      ['changes/RFC-0004-backup.MD', 3, 'warning'],
    ]);
  });
});
