import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { fastExtract, fullExtract, extractState, hashContent } from '../src/history/extract.js';
import { parseFrontMatter } from '../src/repo/frontmatter.js';

describe('history front-matter extraction', () => {
  const scalarish = fc.oneof(
    fc.string({ maxLength: 20 }),
    fc.constantFrom('draft', 'approved', 'RFC-0001', 'yes', 'no', 'null', '~', '1.10', '0x1F', '.inf', 'a: b', 'x #y', '"q"', "it's", '- a', '[a]', '{}', '#c', '2026-01-01', '-x', '', ' lead', 'trail ', 'tab\there', 'back\\slash', 'ünï'),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
  );
  const KEYS = ['id', 'type', 'status', 'approved_by', 'requested_by', 'change_type', 'title', 'services', 'version', 'priority'];

  it('agrees with the full YAML parse whenever it answers (random front matter)', () => {
    let answered = 0;
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...KEYS), fc.oneof(scalarish, fc.array(scalarish, { maxLength: 3 })), { maxKeys: 8 }), fc.string({ maxLength: 40 }), fc.boolean(), (data, body, quoteStyle) => {
        const yamlText = stringify(data, { defaultStringType: quoteStyle ? 'QUOTE_DOUBLE' : 'PLAIN', defaultKeyType: 'PLAIN' });
        const text = `---\n${yamlText}---\n${body}`;
        const fast = fastExtract(text);
        if (fast === undefined) return;
        if (parseFrontMatter(text).issues.some((i) => i.severity === 'error')) return;
        answered++;
        expect(fast).toEqual(fullExtract(text));
      }),
      { numRuns: 2000 },
    );
    // The comparison is only worth something if the fast path really answers often.
    expect(answered).toBeGreaterThan(100);
  });

  it('agrees on hand-written edge cases, or falls back', () => {
    const cases = [
      '---\nid: RFC-0001 # comment\nstatus: "approved"\ntitle: \'It\'\'s here\'\n---\nbody',
      '---\nid: RFC-0001\nstatus: yes\n---\n',
      '---\nid: RFC-0001\nstatus: ~\n---\n',
      '---\nid: RFC-0001\ntitle: a: b\n---\n',
      '---\nid: RFC-0001\ntitle: first\n  continued\n---\n',
      '---\nid: RFC-0001\nstatus: "a\\x41"\n---\n',
      '---\r\nid: RFC-0001\r\nstatus: draft\r\n---\r\nbody\r\n',
      '\uFEFF---\nid: RFC-0001\nstatus: draft\n---\n',
    ];
    for (const c of cases) expect(extractState(c), c).toEqual(fullExtract(c));
    expect(fastExtract(cases[0]!)).toBeDefined();
    expect(fastExtract(cases[6]!)).toBeDefined();
  });

  it('the content hash ignores bookkeeping fields and sees real edits', () => {
    const a = hashContent('id: X\nstatus: draft\ntitle: T\nversion: "1"', 'Body');
    expect(hashContent('id: X\nstatus: approved\napproved_by: b@x\napproved_on: "2026-01-01"\ntitle: T\nversion: "2"', 'Body')).toBe(a);
    expect(hashContent('id: X\nstatus: draft\ntitle: T2\nversion: "1"', 'Body')).not.toBe(a);
    expect(hashContent('id: X\nstatus: draft\ntitle: T\nversion: "1"', 'Body changed')).not.toBe(a);
  });
});
