import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument, stringify } from 'yaml';
import { ROOT } from './helpers.js';
import { fastLocate, fastParseMapping } from '../src/repo/fastyaml.js';
import { extractState, hashContent } from '../src/history/extract.js';
import { parseFrontMatter, parseYamlBlock, parseYamlMapping } from '../src/repo/frontmatter.js';

describe('history front-matter extraction', () => {
  const scalarish = fc.oneof(
    fc.string({ maxLength: 20 }),
    fc.constantFrom(
      'draft',
      'approved',
      'RFC-0001',
      'yes',
      'no',
      'null',
      '~',
      '1.10',
      '0x1F',
      '.inf',
      'a: b',
      'x #y',
      '"q"',
      "it's",
      '- a',
      '[a]',
      '{}',
      '#c',
      '2026-01-01',
      '-x',
      '',
      ' lead',
      'trail ',
      'tab\there',
      'back\\slash',
      'ünï',
    ),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
  );
  const OPTS = { fields: ['approved_by', 'approved_on', 'requested_by', 'change_type'], rolesType: 'roles' };
  const KEYS = ['id', 'type', 'status', 'approved_by', 'requested_by', 'change_type', 'title', 'services', 'version', 'priority'];
  const FIELDS: Record<string, string> = {
    id: 'id',
    type: 'type',
    status: 'status',
    approved_by: 'approvedBy',
    requested_by: 'requestedBy',
    change_type: 'changeType',
    title: 'title',
  };

  /** What extractState must return, computed with yaml directly (undefined when yaml reports an error). */
  const reference = (text: string): Record<string, string> | undefined => {
    const fm = parseFrontMatter(text);
    const y = parseDocument(fm.yamlText, {
      version: '1.2',
      schema: 'core',
      uniqueKeys: true,
      merge: false,
      resolveKnownTags: false,
      strict: true,
    });
    if (y.errors.length) return undefined;
    const data = (y.toJS() ?? {}) as Record<string, unknown>;
    const out: Record<string, string> = {};
    for (const [k, f] of Object.entries(FIELDS)) if (typeof data[k] === 'string') out[f] = data[k] as string;
    return out;
  };
  const fields = (s: ReturnType<typeof extractState>): Record<string, string> => {
    const { contentHash: _h, data: _d, fields: f, ...rest } = s;
    const out: Record<string, string> = { ...(rest as Record<string, string>) };
    if (f.approved_by !== undefined) out.approvedBy = f.approved_by;
    if (f.requested_by !== undefined) out.requestedBy = f.requested_by;
    if (f.change_type !== undefined) out.changeType = f.change_type;
    return out;
  };

  it('reads the same lifecycle fields as yaml does (random front matter)', () => {
    let compared = 0;
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom(...KEYS), fc.oneof(scalarish, fc.array(scalarish, { maxLength: 3 })), { maxKeys: 8 }),
        fc.string({ maxLength: 40 }),
        fc.boolean(),
        (data, body, quoteStyle) => {
          const text = `---\n${stringify(data, { defaultStringType: quoteStyle ? 'QUOTE_DOUBLE' : 'PLAIN', defaultKeyType: 'PLAIN' })}---\n${body}`;
          const want = reference(text);
          if (!want) return;
          compared++;
          expect(fields(extractState(text, OPTS))).toEqual(want);
        },
      ),
      { numRuns: 1000 },
    );
    expect(compared).toBeGreaterThan(500);
  });

  it('reads the same fields as yaml on hand-written edge cases', () => {
    const cases = [
      "---\nid: RFC-0001 # comment\nstatus: \"approved\"\ntitle: 'It''s here'\n---\nbody",
      '---\nid: RFC-0001\nstatus: yes\n---\n',
      '---\nid: RFC-0001\nstatus: ~\n---\n',
      '---\nid: RFC-0001\ntitle: first\n  continued\n---\n',
      '---\nid: RFC-0001\nstatus: "a\\x41"\n---\n',
      '---\r\nid: RFC-0001\r\nstatus: draft\r\n---\r\nbody\r\n',
      '\uFEFF---\nid: RFC-0001\nstatus: draft\n---\n',
    ];
    for (const c of cases) expect(fields(extractState(c, OPTS)), c).toEqual(reference(c) ?? {});
  });

  it('the content hash ignores bookkeeping fields and sees real edits', () => {
    const a = hashContent('id: X\nstatus: draft\ntitle: T\nversion: "1"', 'Body');
    expect(hashContent('id: X\nstatus: approved\napproved_by: b@x\napproved_on: "2026-01-01"\ntitle: T\nversion: "2"', 'Body')).toBe(a);
    expect(hashContent('id: X\nstatus: draft\ntitle: T2\nversion: "1"', 'Body')).not.toBe(a);
    expect(hashContent('id: X\nstatus: draft\ntitle: T\nversion: "1"', 'Body changed')).not.toBe(a);
  });

  it('the content hash is the SHA-1 of the kept lines, a NUL and the body, as it always was', () => {
    // Pinned: the digest of this input as computed with createHash().update() before crypto.hash().
    expect(hashContent('kind: X\nstatus: draft\ntitle: Café ✓\nversion: "1"', 'Body \uD800 ünïcode\r\n\r\n')).toBe('b46ef31c98614b82');
    // The ID is bookkeeping as the status is: a renumbering says nothing new.
    expect(hashContent('id: X\nstatus: draft\ntitle: Café ✓', 'Body')).toBe(hashContent('id: Y\ntitle: Café ✓', 'Body'));
    // Any text, lone surrogates included: hash() encodes strings as UTF-8 as update() does.
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (title, body) => {
        const front = `title: ${title.replace(/[\r\n]/g, '')}`.replace(/[ \t]+$/, '');
        const want = createHash('sha1').update(front).update('\0').update(body.replace(/\r\n/g, '\n').trimEnd()).digest('hex');
        expect(hashContent(front, body)).toBe(want.slice(0, 16));
      }),
      { numRuns: 500 },
    );
  });
});

describe('fast front-matter parser', () => {
  const yamlParse = (t: string): unknown => {
    const d = parseDocument(t, { version: '1.2', schema: 'core', uniqueKeys: true, merge: false, resolveKnownTags: false, strict: true });
    return d.errors.length || d.warnings.length ? undefined : d.toJS({ maxAliasCount: 50 });
  };
  const scalar = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.constantFrom(
      'yes',
      'no',
      'on',
      'null',
      '~',
      'true',
      'True',
      '1.10',
      '0.5',
      '007',
      '-1',
      '+1',
      '1e3',
      '0x1F',
      '0o17',
      '.inf',
      '.NaN',
      'a: b',
      'a #b',
      'a#b',
      "it's",
      '"q"',
      '- a',
      '[a]',
      '{}',
      '2026-01-01',
      '-x',
      'x,y',
      'ünï',
      'a  b',
      '@x',
      '`x',
      '%x',
      '!x',
      '&a',
      '*a',
      '?x',
      ':x',
      'a\u00a0',
      '\u00a0',
      'a\u00a0#b',
      'a\u2003',
      'b #c',
      'x]',
      'null',
      'TRUE',
    ),
    fc.string({ unit: 'binary', maxLength: 8 }),
    fc.integer({ min: -1000, max: 100000 }),
    fc.double({ noNaN: true, noDefaultInfinity: true, min: 0, max: 1000 }),
    fc.boolean(),
    fc.constant(null),
  );
  const KEYS = ['id', 'type', 'title', 'status', 'services', 'priority', 'version', 'availability', 'security', 'cis', 'a_b', 'x-y'];
  const styles = ['PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE'] as const;

  it('returns what yaml returns whenever it answers (generated YAML in every scalar and list style)', () => {
    let answered = 0;
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom(...KEYS), fc.oneof(scalar, fc.array(scalar, { maxLength: 4 })), { maxKeys: 8 }),
        fc.constantFrom(...styles),
        fc.boolean(),
        (data, style, flow) => {
          const text = stringify(data, {
            defaultStringType: style,
            defaultKeyType: 'PLAIN',
            flowCollectionPadding: false,
            collectionStyle: flow ? 'flow' : 'block',
          } as never);
          const fast = fastParseMapping(text);
          if (fast === undefined) return;
          answered++;
          expect(fast).toEqual(yamlParse(text));
        },
      ),
      { numRuns: 3000 },
    );
    expect(answered).toBeGreaterThan(100);
  });

  it('returns what yaml returns for flow sequences of flow mappings (the shape of a change schedule or a roles list written on one line)', () => {
    const leaf = fc.oneof(fc.constantFrom('Ana', 'SVC-0001', 'a b', 'ana@acme.example', '2026-01-01', 'Tuesday 19:00–22:00', 'P1'), scalar);
    const entry = fc.dictionary(fc.constantFrom(...KEYS), fc.oneof(leaf, fc.array(leaf, { maxLength: 3 })), { maxKeys: 4 });
    let answered = 0;
    let withMappings = 0;
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom(...KEYS), fc.oneof(leaf, entry, fc.array(fc.oneof(leaf, entry), { maxLength: 4 })), {
          minKeys: 1,
          maxKeys: 5,
        }),
        fc.constantFrom(...styles),
        fc.boolean(),
        (data, style, padding) => {
          // A block mapping at the top, each value written in flow style on its key's line.
          const text = Object.entries(data)
            .map(
              ([k, v]) =>
                `${k}: ${stringify(v, {
                  defaultStringType: style,
                  defaultKeyType: 'PLAIN',
                  flowCollectionPadding: padding,
                  collectionStyle: 'flow',
                  lineWidth: 0,
                } as never).trimEnd()}`,
            )
            .join('\n');
          const fast = fastParseMapping(text);
          if (fast === undefined) return;
          answered++;
          if (text.includes('{') && text.includes(': ')) withMappings++;
          expect(fast, text).toEqual(yamlParse(text));
        },
      ),
      { numRuns: 3000 },
    );
    expect(answered).toBeGreaterThan(500);
    expect(withMappings).toBeGreaterThan(200);
  });

  it('returns what yaml returns on arbitrary text, or declines', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.string({ maxLength: 30 }),
            fc.constantFrom(
              'id: X',
              'a: [b, c]',
              'a:',
              '  - x',
              '- y',
              'b: # c',
              '# c',
              'c: "d" # e',
              "d: 'e''f'",
              'e: {}',
              'f: [',
              'g: a: b',
              '  h: 1',
              'null: 1',
              'Null: 2',
              '~: 3',
              'TRUE: x',
              'true: y',
              'False: z',
              'i: [a, b #c]',
              'i: [a, b] #c',
              'j: a\u00a0',
              'j: "a"\u00a0',
              'k: [a\u00a0, b]',
              'l: {\u00a0}',
              'm: a\u00a0#c',
              'n: 0x1F',
              'o: 1e3',
              'p: [{ a: b }, { c: [d, e] }]',
              'p: [{a: b},{c: "d, e"}]',
              'q: { a: b, a: c }',
              'q: { a: b c, d: 1 }',
              'q: {a:b}',
              'q: { a: }',
              'q: { a: b, }',
              'q: { a: [b, [c]] }',
              'q: { a: { b: c } }',
              'q: { null: 1 }',
              'q: { __proto__: 1 }',
              'r: [{ a: b }] # c',
              'r: [{ a: b }]x',
              '- { a: b }',
              's: { a: b:, c: d }',
              's: { a: x #y }',
            ),
          ),
          { maxLength: 8 },
        ),
        (ls) => {
          const text = ls.join('\n');
          const fast = fastParseMapping(text);
          if (fast === undefined) return;
          expect(fast).toEqual(yamlParse(text));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('returns what yaml returns for nested mappings and lists of mappings, in any indentation', () => {
    // Mostly values the fast reader takes, so that nesting, not an odd scalar, decides the answer.
    const leaf = fc.oneof(
      fc.constantFrom('Ana', 'SVC-0001', 'a b', 'ana@acme.example', '2026-01-01', 'P1'),
      fc.nat({ max: 100_000 }),
      scalar,
    );
    const { value } = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        leaf,
        // Empty lists are written as [] on a line of their own, which the fast reader leaves to yaml.
        fc.array(fc.oneof(leaf, tie('mapping')), { minLength: 1, maxLength: 3 }),
        tie('mapping'),
      ),
      mapping: fc.dictionary(fc.constantFrom(...KEYS), tie('value'), { minKeys: 1, maxKeys: 4 }),
    }));
    let answered = 0;
    let nested = 0;
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom(...KEYS), value as fc.Arbitrary<unknown>, { minKeys: 1, maxKeys: 6 }),
        fc.constantFrom(...styles),
        fc.integer({ min: 1, max: 4 }),
        fc.boolean(),
        (data, style, indent, indentSeq) => {
          const text = stringify(data, {
            defaultStringType: style,
            defaultKeyType: 'PLAIN',
            collectionStyle: 'block',
            indent,
            indentSeq,
          } as never);
          const fast = fastParseMapping(text);
          if (fast === undefined) return;
          answered++;
          if (/^ +\S/m.test(text)) nested++;
          expect(fast, text).toEqual(yamlParse(text));
        },
      ),
      { numRuns: 3000 },
    );
    expect(answered).toBeGreaterThan(400);
    expect(nested).toBeGreaterThan(250);
  });

  it('returns what yaml returns on arbitrary indented lines, or declines', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.constantFrom('', ' ', '  ', '   ', '    ', '      '),
            fc.oneof(
              fc.string({ maxLength: 12 }),
              fc.constantFrom(
                'a:',
                'b: 1',
                'c: x # y',
                'name: Ana',
                'roles:',
                '- SM',
                '- name: Ana',
                '-   email: a@b',
                '- - x',
                '-',
                '- # c',
                '- [a, b]',
                '- {}',
                '# c',
                'd: [x]',
                'e: {}',
                'f: "g"',
                'a: b: c',
                'more text',
                '? k',
                '- |',
                '&x y: 1',
                'targets:',
                'P1:',
                '__proto__: 1',
                'null: 1',
                'true:',
              ),
            ),
          ),
          { maxLength: 10 },
        ),
        (ls) => {
          const text = ls.map(([indent, line]) => indent + line).join('\n');
          const fast = fastParseMapping(text);
          if (fast === undefined) return;
          expect(fast, text).toEqual(yamlParse(text));
        },
      ),
      { numRuns: 5000 },
    );
  });

  /**
   * Where a finding points: what parseYamlMapping says (fastLocate where it vouches, else yaml)
   * must be what yaml alone says, for every top-level key, a key that is not there, and both parts.
   */
  const sameLocations = (text: string): number => {
    const data = fastParseMapping(text);
    if (data === undefined) return 0;
    let vouched = 0;
    const ours = parseYamlMapping(text, 3);
    const theirs = parseYamlBlock(text, 3);
    for (const key of [...Object.keys(data), 'not_there']) {
      for (const part of ['key', 'value'] as const) {
        if (fastLocate(text, key, part)) vouched++;
        expect(ours.locate([key], part), `${part} of ${key} in\n${text}`).toEqual(theirs.locate([key], part));
      }
    }
    return vouched;
  };

  it('places a top-level key and its value where yaml does (generated nested YAML, comments and blank lines)', () => {
    const leaf = fc.oneof(fc.constantFrom('Ana', 'SVC-0001', 'a b', '2026-01-01'), fc.nat({ max: 1000 }), scalar);
    const value = fc.oneof(
      leaf,
      fc.array(leaf, { maxLength: 3 }),
      fc.array(fc.dictionary(fc.constantFrom(...KEYS), leaf, { minKeys: 1, maxKeys: 3 }), { minLength: 1, maxLength: 2 }),
      fc.dictionary(fc.constantFrom(...KEYS), leaf, { minKeys: 1, maxKeys: 3 }),
    );
    let vouched = 0;
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom(...KEYS), value, { minKeys: 1, maxKeys: 6 }),
        fc.constantFrom(...styles),
        fc.integer({ min: 1, max: 4 }),
        fc.boolean(),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom('', '# c', '  # c', '   ')), { maxLength: 2 }),
        (data, style, indent, indentSeq, extra) => {
          const lines = stringify(data, {
            defaultStringType: style,
            defaultKeyType: 'PLAIN',
            collectionStyle: 'block',
            indent,
            indentSeq,
          } as never)
            .trimEnd()
            .split('\n');
          for (const [at, line] of extra) lines.splice(at % (lines.length + 1), 0, line);
          vouched += sameLocations(lines.join('\n'));
        },
      ),
      { numRuns: 2000 },
    );
    expect(vouched).toBeGreaterThan(3000);
    // Each way a value is placed is among those vouched for: on the key's line, and nested below it.
    expect(fastLocate('a: 1\nb:\n  - x\nc:\n- y\nd:\n  e: 2', 'b', 'value')).toEqual({ line: 2, column: 2 });
    expect(fastLocate('a: 1\nb:\n  - x\nc:\n- y\nd:\n  e: 2', 'c', 'value')).toEqual({ line: 4, column: 0 });
    expect(fastLocate('a: 1\nb:\n  - x\nc:\n- y\nd:\n  e: 2', 'd', 'value')).toEqual({ line: 6, column: 2 });
    expect(fastLocate('a:   "1" # c', 'a', 'value')).toEqual({ line: 0, column: 5 });
    for (const t of ['a: 1\nb:\n  - x\nc:\n- y\nd:\n  e: 2', 'a:   "1" # c']) sameLocations(t);
  });

  it('places a top-level key and its value where yaml does (arbitrary lines), or leaves it to yaml', () => {
    const line = fc.oneof(
      {
        weight: 4,
        arbitrary: fc.constantFrom('a: 1', 'b:', '  - x', '- y', '  c: 2', 'd: [p] # q', 'e: "f"', 'g: # h', '# i', '', '  ', 'j:   k'),
      },
      { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
    );
    let vouched = 0;
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 8 }), (ls) => {
        vouched += sameLocations(ls.join('\n'));
      }),
      { numRuns: 3000 },
    );
    expect(vouched).toBeGreaterThan(1000);
  });

  it('answers for every document and the configuration of the sample organisation, agreeing with yaml', () => {
    const walk = (d: string): string[] =>
      readdirSync(d, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? walk(path.join(d, e.name)) : e.name.endsWith('.md') && e.name !== 'README.md' ? [path.join(d, e.name)] : [],
      );
    const files = walk(path.join(ROOT, 'sample-sms', 'files'));
    expect(files.length).toBeGreaterThan(50);
    // Every one, because one that needs yaml makes every command that reads the repository load it.
    for (const f of files) {
      const fm = parseFrontMatter(readFileSync(f, 'utf8'));
      const v = fastParseMapping(fm.yamlText);
      expect(v, f).toBeDefined();
      expect(v, f).toEqual(yamlParse(fm.yamlText));
    }
    const config = readFileSync(path.join(ROOT, 'sample-sms', 'files', 'sms.config.yaml'), 'utf8');
    expect(fastParseMapping(config)).toBeDefined();
    expect(fastParseMapping(config)).toEqual(yamlParse(config));
  });

  it('reads the shapes of the sample: lists of mappings with their own lists, nested mappings, indentless lists', () => {
    expect(
      fastParseMapping(
        'people:\n  - name: Ana\n    roles:\n      - SM\n    until: 2026-01-01\n  - name: Bo\n    roles: [PT]\ntargets:\n  P1:\n    hours: 4\nlist:\n- a\n- b: 1\n  c:\n  - d\n',
      ),
    ).toEqual({
      people: [
        { name: 'Ana', roles: ['SM'], until: '2026-01-01' },
        { name: 'Bo', roles: ['PT'] },
      ],
      targets: { P1: { hours: 4 } },
      list: ['a', { b: 1, c: ['d'] }],
    });
  });

  it('agrees with yaml on the cases it once got wrong: null/TRUE keys, a comment inside a flow list, trailing no-break spaces, block keys over 1024 characters', () => {
    const cases = [
      'null: 1\nNull: 2',
      'null: 1\n~: 2',
      'TRUE: 1\ntrue: 2',
      'false: 1',
      'b: [a, b #c]',
      'b: [a, b #c]\n',
      'title: a\u00a0',
      'title: a\u00a0\u00a0',
      'title: "a"\u00a0',
      'title: a\u2003',
      'title: a\u00a0# c',
      'b: [a\u00a0, b]',
      'e: {\u00a0}',
    ];
    for (const c of cases) {
      const fast = fastParseMapping(c);
      if (fast !== undefined) expect(fast, JSON.stringify(c)).toEqual(yamlParse(c));
    }
    // Each of these was answered wrongly before; now each is either answered right or declined.
    expect(fastParseMapping('null: 1\nNull: 2')).toBeUndefined();
    expect(fastParseMapping('TRUE: 1\ntrue: 2')).toBeUndefined();
    expect(fastParseMapping('b: [a, b #c]')).toBeUndefined();
    expect(fastParseMapping('title: a\u00a0')).toEqual({ title: 'a\u00a0' });
    // A block key over 1024 characters is an error in yaml; in a flow mapping it is not.
    const long = 'a'.repeat(1025);
    for (const c of [`${long}: b`, `k:\n  ${long}: b`, `k:\n- ${long}: b`, `k:\n- x: 1\n  ${long}: b`, `${long}:`])
      expect(fastParseMapping(c), c.slice(-20)).toBeUndefined();
    expect(fastParseMapping(`${'a'.repeat(1024)}: b`)).toEqual({ ['a'.repeat(1024)]: 'b' });
    expect(fastParseMapping(`k: [{ ${long}: b }]`)).toEqual(yamlParse(`k: [{ ${long}: b }]`));
  });

  it('answers for long lines of spaces as yaml does (the scan is linear; a backtracking pattern took minutes here)', () => {
    const spaces = ' '.repeat(150_000);
    for (const c of [
      `title: a${spaces}b`,
      `title: a${spaces}`,
      `title: a${spaces}#c`,
      `title: "a"${spaces}x`,
      `title: [a,${spaces}b${spaces}]${spaces}`,
      `title: ${'1'.repeat(100_000)}x`,
      `title: ${'1'.repeat(100_000)}`,
    ]) {
      const fast = fastParseMapping(c);
      if (fast !== undefined) expect(fast).toEqual(yamlParse(c));
    }
    expect(fastParseMapping(`title: a${spaces}b`)).toEqual({ title: `a${spaces}b` });
  });

  it('sixty thousand keys: answered, or declined for a duplicate, which the front-matter reader reports at its line', () => {
    const keys = Array.from({ length: 60_000 }, (_, i) => `k${i}: v`).join('\n');
    expect(Object.keys(fastParseMapping(keys)!)).toHaveLength(60_000);
    expect(fastParseMapping(`${keys}\nk5: again`)).toBeUndefined();
    const block = parseYamlBlock(`${keys}\nk5: again`, 2);
    expect(block.issues).toEqual([expect.objectContaining({ rule: 'yaml-syntax', line: 60_002, message: 'Map keys must be unique' })]);
  });

  it('finds a duplicate key whenever yaml does (generated mappings, nested, with null, boolean and number keys)', () => {
    const key = fc.constantFrom(
      'a',
      'b',
      'null',
      'Null',
      '~',
      'TRUE',
      'true',
      '1',
      '01',
      '1.0',
      '"a"',
      "'a'",
      '.nan',
      '.NaN',
      '? a',
      '"null"',
      '-0',
      '0',
    );
    const line = fc.oneof(
      key.map((k) => `${k}: x`),
      key.map((k) => `  ${k}: y`),
      key.map((k) => `${k}:`),
      key.map((k) => `{${k}: 1, ${k}: 2}`),
      fc.tuple(key, key).map(([a, b]) => `c: {${a}: 1, ${b}: 2}`),
      fc.constantFrom('- z', 'd: [e: 1, e: 2]', '# c'),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 6 }), (ls) => {
        const text = ls.join('\n');
        const yamlSays = parseDocument(text, { version: '1.2', schema: 'core', uniqueKeys: true, merge: false, strict: true });
        const ours = parseYamlBlock(text, 1);
        // Where the text has no other error, both must see a duplicate or neither.
        if (yamlSays.errors.some((e) => e.code !== 'DUPLICATE_KEY')) return;
        expect(
          ours.issues.some((i) => i.message === 'Map keys must be unique'),
          text,
        ).toBe(yamlSays.errors.length > 0);
      }),
      { numRuns: 1000 },
    );
  });

  it('a repeated key found by the fast reader is the finding parseYamlBlock makes, at the same line', () => {
    const line = fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom('a: 1', 'b: [x, y]', 'a: "q"', 'c:', '  - p', '# c', '', 'b: 2 # c', "d: 'e'") },
      { weight: 1, arbitrary: fc.string({ maxLength: 10 }) },
    );
    let duplicates = 0;
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 8 }), (ls) => {
        const yamlText = ls.join('\n');
        const fast = parseFrontMatter(`---\n${yamlText}\n---\n`);
        const slow = parseYamlBlock(yamlText, 2);
        if (!fast.issues.some((i) => i.message === 'Map keys must be unique')) return;
        duplicates++;
        expect(fast.data).toBeNull();
        expect(fast.issues).toEqual(slow.issues);
      }),
      { numRuns: 1000 },
    );
    expect(duplicates).toBeGreaterThan(50);
  });

  it('YAML nested more than 64 levels is refused by a linear scan; brackets in text, quotes and comments are not nesting', () => {
    expect(parseYamlBlock(`a: 1\nid: ${'['.repeat(30_000)}${']'.repeat(30_000)}`, 2).issues).toEqual([
      expect.objectContaining({ rule: 'yaml-syntax', line: 3, message: 'YAML nested more than 64 levels deep; it was not read' }),
    ]);
    expect(parseYamlBlock(`${'- '.repeat(100)}x`, 2).issues[0]?.message).toMatch(/nested more than 64/);
    expect(parseYamlBlock(`a: ${'{b: '.repeat(100)}1${'}'.repeat(100)}`, 2).issues[0]?.message).toMatch(/nested more than 64/);
    const b = '['.repeat(100);
    for (const text of [
      `t: a${b}`,
      `t: "${b}"`,
      `t: '${b}'`,
      `t: x # ${b}`,
      `t: 1\n# ${b}`,
      `t: ["${b}", '${b}'] # ${b}`,
      `t: [${'['.repeat(60)}${']'.repeat(60)}]`,
    ]) {
      const r = parseYamlBlock(text, 2);
      expect(r.issues, text).toEqual([]);
      expect(r.data, text).toEqual(parseDocument(text, { version: '1.2' }).toJS());
    }
  });

  it('a quote inside plain text in a flow collection is text: brackets in a later quoted string are not nesting, brackets after it are', () => {
    const deepText = `'${'['.repeat(70)}'`;
    for (const text of [
      `a: [x'y]\nb: ${deepText}\nc: 1`,
      `a: [x"y]\nb: "${'['.repeat(70)}"\nc: 1`,
      `a: {k: x'y}\nb: '${'{'.repeat(70)}'\nc: 1`,
    ]) {
      const r = parseYamlBlock(text, 1);
      expect(r.issues, text).toEqual([]);
      expect(r.data, text).toEqual(yamlParse(text));
      expect(r.locate(['c'], 'value'), text).toEqual({ line: 3, column: 4 });
    }
    // The other way round: what yaml nests must be counted, whatever quotes stand before it.
    for (const before of ["x'y, ", 'x"y, ', "a:'x", '!t ', '&a ', "? 'k': "]) {
      const text = `a: [${before}${'['.repeat(70)}${']'.repeat(70)}]`;
      expect(parseYamlBlock(text, 1).issues[0]?.message, text).toMatch(/nested more than 64/);
    }
  });

  it('what yaml read is measured too: tabs, block scalars, JSON-style keys, indentation and aliases cannot carry deep nesting past the scan', () => {
    const br = (n: number): string => `${'['.repeat(n)}${']'.repeat(n)}`;
    const chain = (per: number, links: number, sep: string): string =>
      `a0: &a0 1\n${Array.from({ length: links }, (_, k) => `a${k + 1}: &a${k + 1}${sep}${'['.repeat(per)}*a${k}${']'.repeat(per)}`).join('\n')}\n`;
    const cases: [string, string, number][] = [
      ['a tab after the colon', `a:\t${br(100)}`, 1],
      ['a tab after a dash', `a:\n-\t${br(100)}`, 2],
      ['a quote at the start of a block-scalar line', `a: |\n  "\nb: ${br(100)}\nc: |\n  "\n`, 3],
      ['a quote at the start of a continuation line', `a: x\n  'y\nb: ${br(100)}\nc: x\n  'z\n`, 3],
      ['a JSON-style key', `a: {"k":"x, "}\nb: ${br(100)}\nc: "d"\n`, 2],
      ['an explicit key in a flow sequence', `a: [? 'x, ']\nb: ${br(100)}\nc: 'd'\n`, 2],
      ['one more space of indentation per level', `${Array.from({ length: 253 }, (_, i) => `${' '.repeat(i)}a:`).join('\n')} 1\n`, 66],
      ['aliases of aliases, each 63 levels', chain(63, 5, ' '), 6],
      ['an alias that refers to the node holding it', 'a: &a [ *a ]\n', 1],
    ];
    for (const [what, text, line] of cases) {
      const r = parseYamlBlock(text, 1);
      expect(r.data, what).toBeNull();
      expect(r.issues, what).toEqual([
        expect.objectContaining({
          rule: 'yaml-syntax',
          severity: 'error',
          line,
          message: 'YAML nested more than 64 levels deep; it was not read',
        }),
      ]);
    }
    // Brackets that are text of a block scalar are not nesting; the key after the scalar is read again.
    const notes = `notes: |\n${Array.from({ length: 70 }, (_, i) => `  [step ${i} of the migration, see ticket`).join('\n')}\nb: 1\n`;
    expect(parseYamlBlock(notes, 1).issues).toEqual([]);
    expect(parseYamlBlock(notes, 1).data).toEqual(yamlParse(notes));
    const after = `- note: >-\n${Array.from({ length: 70 }, (_, i) => `    [x ${i}`).join('\n')}\n\n  other: ${br(70)}\n`;
    expect(parseYamlBlock(after, 1).issues[0]).toEqual(
      expect.objectContaining({ line: 73, message: 'YAML nested more than 64 levels deep; it was not read' }),
    );
    // Nesting that the scan misses (a document marker, a tab) is measured on yaml's syntax tree
    // before anything recurses: twice in one process, as when two files hold it, which used to
    // abort the process.
    for (let round = 0; round < 2; round++) {
      for (const text of [`--- ${br(1500)}\n`, `a:\t${br(5000)}`]) {
        expect(parseYamlBlock(text, 1).issues, text.slice(0, 12)).toEqual([
          expect.objectContaining({ line: 1, message: 'YAML nested more than 64 levels deep; it was not read' }),
        ]);
      }
    }
    // Aliases past 16 are refused at the 17th (column 72 of line 2): yaml's own counting takes minutes on a few hundred.
    const aliases = (k: number, m: number): string =>
      `e: &e []\nb: &b [${Array(k).fill('*e').join(', ')}]\nc: [${Array(m).fill('*b').join(', ')}]\n`;
    expect(parseYamlBlock(aliases(400, 400), 1).issues).toEqual([
      expect.objectContaining({ line: 2, column: 72, message: 'YAML with more than 16 aliases (*name); it was not read' }),
    ]);
    expect(parseYamlBlock(aliases(8, 8), 1).issues).toEqual([]);
    // Block scalars after a quoted or anchored key, or opening a line of their own, and comments
    // after a tab, are text too.
    const B = '['.repeat(70);
    const text3 = (indent: string): string => Array.from({ length: 3 }, () => `${indent}${B}`).join('\n');
    for (const ok of [
      `"notes": |\n${text3('  ')}\nb: 1\n`,
      `'notes': >-\n${text3('  ')}\nb: 1\n`,
      `&k key: |\n${text3('  ')}\nb: 1\n`,
      `key:\n  |\n${text3('  ')}\nb: 1\n`,
      `key:\t|\n${text3('  ')}\nb: 1\n`,
      `key: [a,\t# ${B}\n  b]\n`,
    ]) {
      expect(parseYamlBlock(ok, 1).issues, ok.slice(0, 12)).toEqual([]);
      expect(parseYamlBlock(ok, 1).data, ok.slice(0, 12)).toEqual(yamlParse(ok));
    }
    // Sharing is not nesting: the same anchor used many times, within the limit, is read.
    const shared = `a: &x ${br(30)}\nb: [${Array.from({ length: 16 }, () => '*x').join(', ')}]\n`;
    expect(parseYamlBlock(shared, 1).issues).toEqual([]);
    expect(parseYamlBlock(chain(20, 3, ' '), 1).issues).toEqual([]);
  });

  it('the nesting scan refuses whatever yaml nests more than 64 levels deep, wherever quotes, tags and colons stand (generated)', () => {
    const depth = (v: unknown): number =>
      v !== null && typeof v === 'object' ? 1 + Math.max(0, ...Object.values(v as object).map(depth)) : 0;
    const junk = fc.constantFrom("x'y", 'x"y', "a:'b", 'a:b', "'q'", '"q"', "'it''s'", '!t', '&a', '!t "s"', '? k', 'k: v', '#c', '', ' ');
    let deep = 0;
    fc.assert(
      fc.property(fc.array(junk, { maxLength: 4 }), fc.integer({ min: 55, max: 75 }), fc.constantFrom('[', '{'), (parts, k, open) => {
        const close = open === '[' ? ']' : '}';
        const inner = open === '[' ? `${open.repeat(k)}${close.repeat(k)}` : `${'{k: '.repeat(k)}1${'}'.repeat(k)}`;
        const text = `a: [${parts.join(', ')}${parts.length ? ', ' : ''}${inner}]`;
        const want = parseDocument(text, { version: '1.2', schema: 'core', uniqueKeys: false });
        if (want.errors.length) return;
        const got = parseYamlBlock(text, 1);
        if (depth(want.toJS({ maxAliasCount: -1 })) > 65) {
          deep++;
          expect(got.issues[0]?.message, text).toMatch(/nested more than 64/);
        }
      }),
      { numRuns: 600 },
    );
    expect(deep).toBeGreaterThan(100);
  });

  it('the nesting scan never refuses what yaml reads (generated nested YAML with brackets, quotes and # in its text)', () => {
    const leaf = fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.constantFrom('[[[', ']]', '{x}', '# c', 'a: [b', "'", '"', '- [', '? {'),
      fc.integer(),
    );
    const tree = fc.letrec((tie) => ({
      v: fc.oneof(
        { depthSize: 'medium' },
        leaf,
        fc.array(tie('v'), { maxLength: 3 }),
        fc.dictionary(fc.string({ maxLength: 4 }), tie('v'), { maxKeys: 3 }),
      ),
    })).v;
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('a', 'b', 'c'), tree, { minKeys: 1 }), fc.boolean(), (data, flow) => {
        const text = stringify(data, { collectionStyle: flow ? 'flow' : 'block' } as never);
        const want = parseDocument(text, { version: '1.2', schema: 'core', uniqueKeys: true, strict: true });
        if (want.errors.length) return;
        expect(parseYamlBlock(text, 1).data, text).toEqual(want.toJS());
      }),
      { numRuns: 500 },
    );
  });

  it('declines __proto__ keys and duplicate keys, so yaml reports them', () => {
    expect(fastParseMapping('__proto__: x')).toBeUndefined();
    expect(fastParseMapping('a: 1\na: 2')).toBeUndefined();
    expect(fastParseMapping('a:\n  __proto__: x')).toBeUndefined();
    expect(fastParseMapping('a:\n  - b: 1\n    b: 2')).toBeUndefined();
    // Runaway nesting is left to yaml, which reports it instead of overflowing the stack.
    const deep = Array.from({ length: 2000 }, (_, i) => `${' '.repeat(i)}k:`).join('\n');
    expect(fastParseMapping(deep)).toBeUndefined();
    const ok = Array.from({ length: 20 }, (_, i) => `${' '.repeat(i)}k:`).join('\n');
    expect(fastParseMapping(ok)).toEqual(yamlParse(ok));
    expect(fastParseMapping('a: 1\nb: [x, "y, z"]\nc:\n  - p\n  - q')).toEqual({ a: 1, b: ['x', 'y, z'], c: ['p', 'q'] });
  });
});

describe('the front-matter split', () => {
  /** The split as it was written first: every line cut out, its CR dropped, the YAML lines joined by LF. */
  function lineByLine(text: string): { yamlText: string; closeLine: number; body: string } | undefined {
    const lineAt = (from: number): { line: string; next: number } => {
      const nl = text.indexOf('\n', from);
      const end = nl < 0 ? text.length : nl;
      return {
        line: text.charCodeAt(end - 1) === 13 ? text.slice(from, end - 1) : text.slice(from, end),
        next: nl < 0 ? text.length + 1 : nl + 1,
      };
    };
    if (!/^---[ \t]*$/.test(lineAt(0).line)) return undefined;
    const lines: string[] = [];
    let pos = lineAt(0).next;
    let lineNo = 1;
    while (pos <= text.length) {
      const { line, next } = lineAt(pos);
      lineNo++;
      if (/^(---|\.\.\.)[ \t]*$/.test(line))
        return { yamlText: lines.join('\n'), closeLine: lineNo, body: text.slice(Math.min(next, text.length)) };
      lines.push(line);
      pos = next;
    }
    return undefined;
  }

  it('gives the YAML, the body and their lines exactly as a line-by-line split, for any mix of LF, CRLF, lone CR and delimiters', () => {
    const piece = fc.constantFrom('---', '...', '----', '- a', '.x', 'k: v', '', ' ', '\r', '\r\r', 'a\rb', '# c', '--- x');
    const sep = fc.constantFrom('\n', '\r\n', '\r\r\n');
    const doc = fc
      .tuple(fc.array(fc.tuple(piece, sep), { maxLength: 12 }), fc.boolean(), fc.boolean())
      .map(([parts, crOpen, lfEnd]) => `---${crOpen ? '\r' : ''}${parts.map(([p, s]) => `${s}${p}`).join('')}${lfEnd ? '\n' : ''}`);
    fc.assert(
      fc.property(doc, (text) => {
        const want = lineByLine(text);
        const got = parseFrontMatter(text);
        if (!want) {
          expect(got.data).toBeNull();
          return;
        }
        // Blank YAML is reported as empty front matter, with no YAML text kept.
        expect(got.yamlText).toBe(want.yamlText.trim() === '' ? '' : want.yamlText);
        expect(got.bodyStartLine).toBe(want.closeLine + 1);
        expect(got.body).toBe(want.body);
      }),
      { numRuns: 3000, seed: 20261130 },
    );
  });
});

describe('the content fingerprint', () => {
  /** The fingerprint as it was written first: one string per line. */
  function lineByLine(yamlText: string, body: string, bookkeeping: ReadonlySet<string>): string {
    const kept: string[] = [];
    let skipping = false;
    for (const line of yamlText.split('\n')) {
      const m = /^([A-Za-z_][A-Za-z0-9_-]*)[ \t]*:/.exec(line);
      if (m) skipping = bookkeeping.has(m[1]!);
      else if (line !== '' && line[0] !== ' ' && line[0] !== '\t' && line[0] !== '-') skipping = false;
      if (!skipping) kept.push(line.replace(/[ \t]+$/, ''));
    }
    return createHash('sha1')
      .update(`${kept.join('\n')}\0${body.replace(/\r\n/g, '\n').trimEnd()}`)
      .digest('hex')
      .slice(0, 16);
  }

  it('is the same as a line-by-line fingerprint for any mix of bookkeeping keys, continuation lines, blanks and trailing spaces', () => {
    const bookkeeping = new Set(['status', 'approved_by', 'version']);
    const line = fc.constantFrom(
      'status: draft',
      'status : x',
      'approved_by:',
      'version: "2"  ',
      'title: T',
      'title: T \t',
      '  - a',
      '- b',
      '',
      ' ',
      '\t',
      '# c',
      'x-y: 1',
      '_k: v',
      '9: n',
      'status',
      'a b: c',
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 14 }), fc.string({ maxLength: 8 }), (lines, body) => {
        const yamlText = lines.join('\n');
        expect(hashContent(yamlText, body, bookkeeping)).toBe(lineByLine(yamlText, body, bookkeeping));
      }),
      { numRuns: 5000, seed: 20261130 },
    );
  });
});
