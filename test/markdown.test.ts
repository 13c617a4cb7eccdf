import { describe, expect, it } from 'vitest';
import { headingsOf, lines, shownLines, withoutLastSection } from '../src/markdown.js';

const texts = (body: string): string[] => headingsOf(body).map((h) => h.text);

describe('fenced code, as CommonMark closes it', () => {
  it('only a fence of the same character, at least as long, with nothing after it but spaces, closes a fence', () => {
    // Each heading a CommonMark renderer (micromark) shows, and only those.
    expect(texts('```\n~~~\n## A\n```\n## B\n'), 'a tilde fence inside a backtick one').toEqual(['B']);
    expect(texts('~~~\n```\n## A\n~~~\n## B\n'), 'a backtick fence inside a tilde one').toEqual(['B']);
    expect(texts('````\n```\n## A\n````\n## B\n'), 'a shorter fence').toEqual(['B']);
    expect(texts('```\n``` text\n## A\n```\n## B\n'), 'a fence with an info string').toEqual(['B']);
    expect(texts('```\n    ```\n## A\n```\n## B\n'), 'a fence indented four spaces').toEqual(['B']);
    expect(texts('```\n## A\n`````  \t\n## B\n'), 'a longer fence, spaces and a tab after it').toEqual(['B']);
  });

  it('a fence is opened by three or more backticks or tildes after at most three spaces; a backtick one takes no backtick after it', () => {
    expect(texts('    ```\n## A\n'), 'indented four spaces: code, not a fence').toEqual(['A']);
    expect(texts('``` a`b\n## A\n```\n## B\n'), 'a backtick in a backtick fence info string: text').toEqual(['A']);
    expect(texts('~~~ a`b\n## A\n~~~\n## B\n'), 'a backtick in a tilde fence info string').toEqual(['B']);
    expect(texts('   ```\n## A\n```\n## B\n'), 'indented three spaces').toEqual(['B']);
  });

  it('a fence never closed runs to the end of the text', () => {
    expect(texts('```\n## A\n~~~\n## B\n')).toEqual([]);
  });

  it('the lines a reader sees leave out a fence up to its own closer', () => {
    expect(shownLines(lines('```\n~~~\nhidden\n```\nshown'))).toEqual([4]);
  });
});

describe('withoutLastSection', () => {
  const body = '\n## Purpose\n\nUpgrade.\n\n## Plan and rollback\n\nRoll back by snapshot.\n';
  const names = ['Post-implementation review'];
  const review = (text: string): string => `${body}\n## Post-implementation review\n\n${text}`;

  it('leaves out a review whose code holds heading-like lines, inside fences it closes', () => {
    expect(withoutLastSection(review('Went as planned.\n\n````\n```\n## Scope\n```\n````\n'), names)).toBe(body);
    expect(withoutLastSection(review('~~~\n```\n## Scope\n~~~\n'), names)).toBe(body);
  });

  it('keeps a review that shows another heading behind what only looks like a fence or its closer', () => {
    const text = review('Notes:\n\n```text\n~~~\n```\n\n## Plan and rollback (revised)\n\nSkip the backup.\n\n~~~\n');
    expect(withoutLastSection(text, names)).toBe(text);
    const notAFence = review('``` a`b\n## Plan and rollback (revised)\n```\n');
    expect(withoutLastSection(notAFence, names)).toBe(notAFence);
  });

  it('keeps a review whose fence a renderer reads otherwise: in an HTML block or comment, or ended with the list item it opens in', () => {
    for (const text of [
      '1. x\n   ```\n## Plan and rollback (revised)\n\n```\n',
      '<div>\n```\n\n## Plan and rollback (revised)\n\n```\n',
      '<!--\n```\n-->\n## Plan and rollback (revised)\n```\n',
    ]) {
      const reviewed = review(text);
      expect(withoutLastSection(reviewed, names), text).toBe(reviewed);
    }
    // Code in a list item, indented with it, and an HTML comment of its own: still the review.
    expect(withoutLastSection(review('1. Ran:\n   ```\n   ## not a heading\n   ```\n<!-- done -->\n'), names)).toBe(body);
  });

  it('keeps a review holding a heading after a carriage return alone, or a setext heading over a line that only looks blank', () => {
    for (const text of [
      'Note.\r## Plan and rollback\rRollback: none.\n',
      'Plan and rollback\n\u00a0\n---\n',
      'Text.\n\nPlan and rollback\n\f\n---\n',
    ]) {
      const reviewed = review(text);
      expect(withoutLastSection(reviewed, names), JSON.stringify(text)).toBe(reviewed);
    }
  });

  it('keeps a review holding a fence it never closes', () => {
    const text = review('~~~\n```\nnotes\n');
    expect(withoutLastSection(text, names)).toBe(text);
  });
});
