/**
 * The little Markdown this tool needs: ATX headings, sections, fenced code, escaping. Every scan is
 * linear in the text (bodies are untrusted and may be a megabyte of spaces), so lines are split
 * once and trimmed by hand rather than by regular expressions that can backtrack.
 */

export interface Heading {
  level: number;
  /** Heading text with surrounding whitespace and closing #s removed. */
  text: string;
  /** 0-based line index in the body. */
  line: number;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9;
}

/** Splits text into lines (LF or CRLF) without a regular expression. */
export function lines(text: string): string[] {
  const out = text.split('\n');
  for (let i = 0; i < out.length; i++) {
    const l = out[i]!;
    if (l.charCodeAt(l.length - 1) === 13) out[i] = l.slice(0, -1);
  }
  return out;
}

/** A fence opener/closer: up to three spaces, then ``` or ~~~. */
export function isFence(line: string): boolean {
  let i = 0;
  while (i < 3 && line.charCodeAt(i) === 32) i++;
  return line.startsWith('```', i) || line.startsWith('~~~', i);
}

/** The heading on a line, or undefined. */
export function headingOf(line: string, index = 0): Heading | undefined {
  let i = 0;
  while (i < 3 && line.charCodeAt(i) === 32) i++;
  let level = 0;
  while (line.charCodeAt(i + level) === 35 && level < 7) level++;
  if (level < 1 || level > 6) return undefined;
  const after = i + level;
  if (after < line.length && !isSpace(line.charCodeAt(after))) return undefined;
  let start = after;
  while (start < line.length && isSpace(line.charCodeAt(start))) start++;
  let end = line.length;
  while (end > start && isSpace(line.charCodeAt(end - 1))) end--;
  // An optional closing sequence of #s, preceded by a space.
  let hashes = end;
  while (hashes > start && line.charCodeAt(hashes - 1) === 35) hashes--;
  if (hashes < end && (hashes === start || isSpace(line.charCodeAt(hashes - 1)))) {
    end = hashes;
    while (end > start && isSpace(line.charCodeAt(end - 1))) end--;
  }
  return { level, text: line.slice(start, end), line: index };
}

/** Headings of a Markdown body, ignoring fenced code. */
export function headingsOf(body: string): Heading[] {
  const out: Heading[] = [];
  let fenced = false;
  const ls = lines(body);
  for (let i = 0; i < ls.length; i++) {
    const line = ls[i]!;
    if (isFence(line)) fenced = !fenced;
    else if (!fenced && line.length > 0) {
      const h = headingOf(line, i);
      if (h) out.push(h);
    }
  }
  return out;
}

/** Indexes of the lines a reader sees: not inside a fenced code block or an HTML comment. */
export function shownLines(ls: readonly string[]): number[] {
  const shown: number[] = [];
  let fence = false;
  let comment = false;
  ls.forEach((line, i) => {
    if (comment) {
      if (line.includes('-->')) comment = false;
      return;
    }
    if (isFence(line)) {
      fence = !fence;
      return;
    }
    if (fence) return;
    const open = line.lastIndexOf('<!--');
    if (open >= 0 && line.indexOf('-->', open) < 0) {
      comment = true;
      return;
    }
    shown.push(i);
  });
  return shown;
}

/** Heading text for comparison: leading numbering ("3.", "2.1") dropped, lower case. */
export function normaliseHeading(h: string): string {
  // Anchored and without nested quantifiers over the same characters: linear in the heading.
  return h
    .replace(/^\d+(?:\.\d+)*\.?[ \t]+/, '')
    .trim()
    .toLowerCase();
}

/** Normalised heading texts of a body, for required-section checks. */
export function headingTexts(body: string): string[] {
  return headingsOf(body).map((h) => normaliseHeading(h.text));
}

/** Plain text of one section (the lines under a heading until the next heading), trimmed. */
export function sectionText(body: string, heading: string): string {
  const ls = lines(body);
  const want = normaliseHeading(heading);
  const hs = headingsOf(body);
  const at = hs.findIndex((h) => normaliseHeading(h.text) === want);
  if (at < 0) return '';
  const next = hs[at + 1];
  return ls
    .slice(hs[at]!.line + 1, next ? next.line : ls.length)
    .join('\n')
    .trim();
}

/** A setext underline: a line of = or - under a paragraph line makes it a heading of level 1 or 2. */
const SETEXT = /^ {0,3}(?:=+|-+)[ \t]*$/;
/** A level 1 or 2 ATX heading inside a list item or a block quote. */
const NESTED_HEADING = /^[ \t>*+\-\d.)]*#{1,2}(?:[ \t]|$)/;
/** An HTML heading, which Markdown renderers pass through. */
const HTML_HEADING = /<\s*h[1-6]\b/i;

/**
 * The body without its last section when that is one of `names` (a heading of level 1 or 2 and
 * everything after it): what a type writes after its approval (a post-implementation review)
 * comes last. Nothing is left out where that section holds anything a reader could take for
 * another section (a heading of level 1 or 2 in any form: ATX, setext, HTML, inside a list or a
 * quote) or a fence it does not close: what was approved stays what is compared.
 */
export function withoutLastSection(body: string, names: readonly string[]): string {
  const want = new Set(names.map(normaliseHeading));
  const start = headingsOf(body).find((h) => h.level <= 2 && want.has(normaliseHeading(h.text)))?.line;
  if (start === undefined) return body;
  const ls = lines(body);
  let fenced = false;
  for (let i = start + 1; i < ls.length; i++) {
    const line = ls[i]!;
    if (HTML_HEADING.test(line)) return body;
    if (isFence(line)) fenced = !fenced;
    else if (!fenced && (NESTED_HEADING.test(line) || (SETEXT.test(line) && ls[i - 1]!.trim().length > 0 && i > start + 1))) return body;
  }
  if (fenced) return body;
  return ls.slice(0, start).join('\n');
}

/**
 * Escapes text for Markdown: every ASCII punctuation that Markdown, GitHub's HTML handling or a
 * template could act on is backslash-escaped, and line breaks become spaces (table cells).
 * HTML escaping would be wrong here ("R&D" must not become "R&amp;D").
 */
export function escapeMarkdown(s: string): string {
  return s.replace(/[\r\n]+/g, ' ').replace(/([\\`*_{}[\]()#+!|<>~&$])/g, '\\$1');
}

/** The value escapeMarkdown was given (line breaks aside): for a helper that reads a value, not shows it. */
export function unescapeMarkdown(s: string): string {
  return s.replace(/\\([\\`*_{}[\]()#+!|<>~&$])/g, '$1');
}

/**
 * A line as a reader sees it: without a list, quote or emphasis marker around it, invisible
 * characters, doubled spaces, closing punctuation or case. Rewrapping the guidance in a list item
 * or dropping its full stop leaves it the guidance.
 */
export function readerLine(line: string): string {
  return line
    .replace(/[\u200b-\u200d\u2060\ufeff\u00ad]/g, '')
    .trim()
    .replace(/^(?:>\s*)+/, '')
    .replace(/^(?:[-*+]|\d+[.)])\s+/, '')
    .replace(/^[*_]+|[*_]+$/g, '')
    .replace(/\s+/g, ' ')
    .replace(/[\s.:;!?]+$/, '')
    .toLowerCase();
}
