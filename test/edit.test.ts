import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { chmodSync, lstatSync, mkdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Document, isMap, parse, visit } from 'yaml';
import { editFrontMatter } from '../src/repo/edit.js';
import { SmsError } from '../src/errors.js';
import { PEOPLE, baseSms, gitIn, gitRepo, incidentDoc, rfc, smsInProcess, testEnv, tmp } from './helpers.js';

const doc = (fm: string, body = 'body\n'): string => `---\nid: RFC-0001\nstatus: draft\n${fm}\n---\n${body}`;
const APPROVE = {
  set: [
    ['status', 'approved'],
    ['approved_by', 'tom@acme.example'],
    ['approved_on', '2026-06-01'],
  ] as const,
  after: 'status',
};
const frontOf = (text: string): string => text.split('---\n')[1]!;

describe('the front-matter editor', () => {
  // Each input with the exact front matter it must become: only the value changes, comments and layout stay.
  const CASES: [string, string, string][] = [
    [
      'an empty value with a trailing comment (this once wrote "tom@…# set on approval")',
      'approved_by:   # set on approval',
      'id: RFC-0001\nstatus: approved\napproved_on: "2026-06-01"\napproved_by: tom@acme.example   # set on approval\n',
    ],
    [
      'a block list (this once wrote the key a second time)',
      'approved_by:\n  - a@x\n  - b@x\nnext: 1',
      'id: RFC-0001\nstatus: approved\napproved_on: "2026-06-01"\napproved_by: tom@acme.example\nnext: 1\n',
    ],
    [
      'a block list at the indentation of its key',
      'approved_by:\n- a@x\n- b@x\nnext: 1',
      'id: RFC-0001\nstatus: approved\napproved_on: "2026-06-01"\napproved_by: tom@acme.example\nnext: 1\n',
    ],
    [
      'a flow list with a comment',
      'approved_by: [a@x, b@x]  # who',
      'id: RFC-0001\nstatus: approved\napproved_on: "2026-06-01"\napproved_by: tom@acme.example  # who\n',
    ],
    [
      'a nested mapping',
      'approved_by:\n  name: a\n  email: b\nnext: 1',
      'id: RFC-0001\nstatus: approved\napproved_on: "2026-06-01"\napproved_by: tom@acme.example\nnext: 1\n',
    ],
    [
      'a literal block scalar',
      'approved_by: |\n  text\n  more\nnext: 1',
      'id: RFC-0001\nstatus: approved\napproved_on: "2026-06-01"\napproved_by: tom@acme.example\nnext: 1\n',
    ],
    [
      'a single-quoted value with a comment keeps quoting',
      "approved_by: 'old' # c",
      'id: RFC-0001\nstatus: approved\napproved_on: "2026-06-01"\napproved_by: "tom@acme.example" # c\n',
    ],
    [
      'a plain value continued on the next line',
      'approved_by: old\n  continued\nnext: 1',
      'id: RFC-0001\nstatus: approved\napproved_on: "2026-06-01"\napproved_by: tom@acme.example\nnext: 1\n',
    ],
    ['a ~ value', 'approved_by: ~', 'id: RFC-0001\nstatus: approved\napproved_on: "2026-06-01"\napproved_by: tom@acme.example\n'],
    [
      'a comment line after a list',
      'approved_by:\n  - a # c\n# kept\nnext: 1',
      'id: RFC-0001\nstatus: approved\napproved_on: "2026-06-01"\napproved_by: tom@acme.example\n# kept\nnext: 1\n',
    ],
  ];
  it.each(CASES)('%s', (_name, fm, want) => {
    const out = editFrontMatter(doc(fm), APPROVE);
    expect(frontOf(out)).toBe(want);
    expect(out.endsWith('---\nbody\n')).toBe(true);
  });

  it('refuses what it cannot do safely, naming the file and the reason', () => {
    // An anchor used elsewhere: changing the value would change the other field too.
    expect(() => editFrontMatter(doc('approved_by: &a old\nother: *a'), APPROVE, 'changes/x.md')).toThrow(
      'changes/x.md was not changed: the field "other" would not read back as intended',
    );
    expect(() => editFrontMatter(doc('a: 1\na: 2'), APPROVE, 'changes/x.md')).toThrow(
      'changes/x.md was not changed: its front matter is not valid YAML',
    );
    expect(() => editFrontMatter('no front matter\n', APPROVE, 'x.md')).toThrow('x.md was not changed: it has no closed front matter');
  });

  it('CRLF line endings and a byte order mark stay', () => {
    const crlf = `\uFEFF${doc('approved_by:   # c\nnext: 1')}`.replace(/\n/g, '\r\n');
    const out = editFrontMatter(crlf, APPROVE);
    expect(out.startsWith('\uFEFF---\r\n')).toBe(true);
    expect(out.replace(/\r\n/g, '')).not.toContain('\n');
    expect(out).toContain('approved_by: tom@acme.example   # c\r\n');
  });

  it('property: any front matter, any edit: refused, or every field reads back as intended and untouched lines stay', () => {
    const scalar = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom('a # b', '#x', 'x:', '- y', "it's", 'null', '1.10', '"q"', '', ' lead', 'R&D', '[a]'),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
    );
    const value = fc.oneof(
      scalar,
      fc.array(scalar, { maxLength: 3 }),
      fc.dictionary(fc.constantFrom('name', 'email'), scalar, { maxKeys: 2 }),
    );
    const KEYS = ['id', 'status', 'approved_by', 'approved_on', 'title', 'services', 'notes'];
    let answered = 0;
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom(...KEYS), value, { minKeys: 1, maxKeys: 7 }),
        fc.constantFrom('PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL'),
        fc.boolean(),
        fc.array(fc.boolean(), { maxLength: 20 }),
        fc.array(fc.tuple(fc.constantFrom('status', 'approved_by', 'approved_on', 'extra'), value), { minLength: 1, maxLength: 3 }),
        fc.option(fc.constantFrom('notes', 'services', 'title')),
        (data, style, flow, comments, sets, remove) => {
          // Nested lists and mappings in flow or block style; the root stays a block mapping, as in documents.
          const yd = new Document(data);
          visit(yd, { Collection: (_k, node) => void (node.flow = flow) });
          if (isMap(yd.contents)) yd.contents.flow = false;
          let fm = yd.toString({ defaultStringType: style } as never);
          // Comments after some lines (inside a block scalar they are text, which is fine: yaml decides).
          fm = fm
            .split('\n')
            .map((l, i) => (comments[i] && l.trim() !== '' ? `${l} # c${i}` : l))
            .join('\n');
          const text = `---\n${fm}---\n# Body\n`;
          const original = parse(fm, { version: '1.2' }) as Record<string, unknown> | null;
          if (!original || typeof original !== 'object' || Array.isArray(original)) return;
          const edit = { set: sets.filter(([k]) => k !== remove), remove: remove ? [remove] : [], after: 'status' };
          let out: string;
          try {
            out = editFrontMatter(text, edit);
          } catch (err) {
            expect(err).toBeInstanceOf(SmsError);
            expect((err as SmsError).code).toBe('EDIT_UNSAFE');
            return;
          }
          answered++;
          expect(out.endsWith('---\n# Body\n')).toBe(true);
          const got = parse(frontOf(out), { version: '1.2' }) as Record<string, unknown>;
          const want: Record<string, unknown> = { ...original };
          for (const k of edit.remove) delete want[k];
          for (const [k, v] of edit.set) want[k] = v;
          expect(got).toEqual(want);
          // The line of every top-level key that was not touched is still there, byte for byte.
          const touched = new Set([...edit.set.map(([k]) => k), ...edit.remove]);
          for (const line of fm.split('\n')) {
            const key = /^([a-z_]+):/.exec(line)?.[1];
            if (key && !touched.has(key)) expect(out).toContain(`${line}\n`);
          }
        },
      ),
      { numRuns: 200 },
    );
    expect(answered).toBeGreaterThan(180);
  });
});

describe('sms set-status edits the document safely', () => {
  const F = 'changes/RFC-0001-a.md';
  const approve = (dir: string) =>
    smsInProcess(
      ['set-status', 'RFC-0001', 'approved', '--as', `${PEOPLE.ben.name} <${PEOPLE.ben.email}>`],
      dir,
      testEnv({ GIT_AUTHOR_NAME: PEOPLE.ben.name, GIT_AUTHOR_EMAIL: PEOPLE.ben.email }),
    );

  it('closing a record whose resolved time is later than now names the closing time set-status records as the cause', async () => {
    const dir = tmp();
    const I = 'incidents/INC-0001-mail.md';
    // Resolved "tomorrow" by the clock: a local time written with Z, say.
    baseSms(dir, { [I]: incidentDoc({ opened: '2026-04-30T08:00:00Z', resolved: '2026-05-02T00:30:00Z' }) });
    const before = readFileSync(path.join(dir, I), 'utf8');
    const r = await smsInProcess(['set-status', 'INC-0001', 'closed'], dir, testEnv({ SMS_TODAY: '2026-05-01' }));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/"closed" \(2026-05-01T[0-9:]+Z\) is before "resolved" \(2026-05-02T00:30:00Z\)/);
    expect(r.stderr).toMatch(
      /\n\s+"closed" is the time set-status records \(now\): check "resolved" \(a local time needs its offset, such as \+01:00, not Z\), or write "closed" yourself, then run the command again\n$/,
    );
    expect(readFileSync(path.join(dir, I), 'utf8')).toBe(before);
  });

  it('a trailing comment on the field: valid YAML with the comment kept', async () => {
    const dir = tmp();
    baseSms(dir, {
      [F]: rfc().replace('requested_by: "cleo@acme.example"', 'requested_by: "cleo@acme.example"\napproved_by:   # set on approval'),
    });
    const r = await approve(dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const text = readFileSync(path.join(dir, F), 'utf8');
    expect(text).toContain('approved_by: ben@acme.example   # set on approval\n');
    expect((await smsInProcess(['validate', '--format', 'json', '--no-git'], dir)).code).toBe(0);
  });

  it('a list in the field: replaced by the value, not written a second time', async () => {
    const dir = tmp();
    baseSms(dir, {
      [F]: rfc().replace(
        'requested_by: "cleo@acme.example"',
        'requested_by: "cleo@acme.example"\napproved_by:\n  - x@acme.example\n  - y@acme.example',
      ),
    });
    expect((await approve(dir)).code).toBe(0);
    const text = readFileSync(path.join(dir, F), 'utf8');
    expect(text.match(/^approved_by:/gm)).toHaveLength(1);
    expect(parse(frontOf(text))).toMatchObject({ status: 'approved', approved_by: PEOPLE.ben.email });
  });

  it('a symbolically linked document stays a link; its target is edited', async () => {
    const dir = tmp();
    baseSms(dir, { 'store/RFC-0001-a.md': rfc() });
    mkdirSync(path.join(dir, 'changes'));
    symlinkSync('../store/RFC-0001-a.md', path.join(dir, F));
    expect((await approve(dir)).code).toBe(0);
    expect(lstatSync(path.join(dir, F)).isSymbolicLink()).toBe(true);
    expect(readlinkSync(path.join(dir, F))).toBe('../store/RFC-0001-a.md');
    expect(readFileSync(path.join(dir, 'store/RFC-0001-a.md'), 'utf8')).toMatch(/^status: "?approved"?$/m);
  });

  it('--commit on a linked document is refused before anything is written: git would commit the link, not the approval', async () => {
    const dir = tmp();
    baseSms(dir, { 'store/RFC-0001-a.md': rfc() });
    mkdirSync(path.join(dir, 'changes'));
    symlinkSync('../store/RFC-0001-a.md', path.join(dir, F));
    gitRepo(dir, [{ files: {}, date: '2026-01-01T09:00:00Z' }]);
    const head = gitIn(dir, ['rev-parse', 'HEAD']);
    const before = readFileSync(path.join(dir, 'store/RFC-0001-a.md'), 'utf8');
    const env = testEnv({
      GIT_AUTHOR_NAME: PEOPLE.ben.name,
      GIT_AUTHOR_EMAIL: PEOPLE.ben.email,
      GIT_COMMITTER_NAME: PEOPLE.ben.name,
      GIT_COMMITTER_EMAIL: PEOPLE.ben.email,
    });
    const r = await smsInProcess(['set-status', 'RFC-0001', 'approved', '--commit'], dir, env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /changes\/RFC-0001-a\.md is read through a symbolic link: git would record the link, not this change; nothing was changed/,
    );
    expect(r.stdout).toBe('');
    expect(readFileSync(path.join(dir, 'store/RFC-0001-a.md'), 'utf8')).toBe(before);
    expect(gitIn(dir, ['rev-parse', 'HEAD'])).toBe(head);
  });

  it('a document that cannot be read is named, with the reason, instead of "no document with id"', async () => {
    const dir = tmp();
    baseSms(dir, { [F]: rfc().replace('title: "Upgrade mail"', 'title: [unclosed') });
    const broken = await approve(dir);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(
      /^sms: changes\/RFC-0001-a\.md, named after RFC-0001, could not be read \(line \d+: .+\); no other document has that id\n/,
    );
    expect(broken.stderr).not.toMatch(/case-sensitive/);
    const outside = tmp();
    writeFileSync(path.join(outside, 'RFC-0001-a.md'), rfc());
    const linked = tmp();
    baseSms(linked);
    mkdirSync(path.join(linked, 'changes'));
    symlinkSync(path.join(outside, 'RFC-0001-a.md'), path.join(linked, F));
    const r = await approve(linked);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^sms: changes\/RFC-0001-a\.md, named after RFC-0001, could not be read \(.*outside/);
    expect(readFileSync(path.join(outside, 'RFC-0001-a.md'), 'utf8')).toBe(rfc());
  });

  it('a 0600 document stays 0600', async () => {
    const dir = tmp();
    baseSms(dir, { [F]: rfc() });
    chmodSync(path.join(dir, F), 0o600);
    expect((await approve(dir)).code).toBe(0);
    expect(statSync(path.join(dir, F)).mode & 0o777).toBe(0o600);
    expect(readFileSync(path.join(dir, F), 'utf8')).toMatch(/^status: "?approved"?$/m);
  });

  it('a document locked by another run is left as it is', async () => {
    const dir = tmp();
    baseSms(dir, { [F]: rfc() });
    // A pre-existing lock makes set-status give up at once: what it read is not what it may write.
    writeFileSync(path.join(dir, 'changes/.RFC-0001-a.md.lock'), '');
    const r = await approve(dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^sms: another sms run is changing .*RFC-0001-a\.md; nothing was changed/);
    expect(readFileSync(path.join(dir, F), 'utf8')).toBe(rfc());
  });
});
