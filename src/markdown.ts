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

/**
 * Follows fenced code blocks through a text, line by line, as CommonMark reads them. A fence opens
 * with three or more backticks or tildes after at most three spaces (a backtick fence's info
 * string holds no backtick), and only a run of the same character, at least as long, with nothing
 * but spaces or tabs after it, closes it. Read any looser, a text could hide a heading a renderer
 * shows behind a fence the renderer has already closed.
 */
export class Fences {
  /** The open fence's character code, and the length of its opening run (0: none is open). */
  private char = 0;
  private length = 0;

  /** Whether `line`, the next line of the text, is code: a fence, or a line inside one. */
  code(line: string): boolean {
    let i = 0;
    while (i < 3 && line.charCodeAt(i) === 32) i++;
    const c = line.charCodeAt(i);
    let run = 0;
    if (c === 96 || c === 126) while (line.charCodeAt(i + run) === c) run++;
    if (this.length > 0) {
      if (c === this.char && run >= this.length) {
        let rest = i + run;
        while (rest < line.length && isSpace(line.charCodeAt(rest))) rest++;
        if (rest === line.length) this.length = 0;
      }
      return true;
    }
    if (run < 3 || (c === 96 && line.includes('`', i + run))) return false;
    this.char = c;
    this.length = run;
    return true;
  }

  /** Whether a fence is still open after the last line: it runs to the end of the text. */
  get open(): boolean {
    return this.length > 0;
  }
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
  const fences = new Fences();
  const ls = lines(body);
  for (let i = 0; i < ls.length; i++) {
    const line = ls[i]!;
    if (!fences.code(line) && line.length > 0) {
      const h = headingOf(line, i);
      if (h) out.push(h);
    }
  }
  return out;
}

/** Indexes of the lines a reader sees: not inside a fenced code block or an HTML comment. */
export function shownLines(ls: readonly string[]): number[] {
  const shown: number[] = [];
  const fences = new Fences();
  let comment = false;
  ls.forEach((line, i) => {
    if (comment) {
      if (line.includes('-->')) comment = false;
      return;
    }
    if (fences.code(line)) return;
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
  // A carriage return alone ends a line for a renderer, not for this scan: a heading after one is unseen here.
  if (ls.slice(start).some((l) => l.includes('\r'))) return body;
  const fences = new Fences();
  // An HTML block or comment open: a renderer reads a fence line in it as HTML, not as a fence.
  let html: 'comment' | 'block' | undefined;
  // How far the open fence's opener was indented: inside a list item, a line indented less ends
  // the item and the fence with it, where this scan would read on inside the fence.
  let indent = 0;
  for (let i = start + 1; i < ls.length; i++) {
    const line = ls[i]!;
    if (HTML_HEADING.test(line)) return body;
    if (html) {
      if (FENCE_LIKE.test(line)) return body;
      if (html === 'comment' ? line.includes('-->') : blank(line)) html = undefined;
      continue;
    }
    const open = fences.open;
    if (fences.code(line)) {
      if (!open) indent = line.length - line.trimStart().length;
      else if (fences.open && !blank(line) && line.length - line.trimStart().length < indent) return body;
      continue;
    }
    if (NESTED_HEADING.test(line) || (SETEXT.test(line) && !blank(ls[i - 1]!) && i > start + 1)) return body;
    if (HTML_START.test(line)) {
      const comment = line.lastIndexOf('<!--');
      html = comment < 0 ? 'block' : line.indexOf('-->', comment) < 0 ? 'comment' : undefined;
    }
  }
  if (fences.open) return body;
  return ls.slice(0, start).join('\n');
}

/** A blank line as CommonMark reads it: spaces and tabs only (a no-break space or a form feed is text). */
const blank = (line: string): boolean => /^[ \t]*$/.test(line);
/** A line a renderer could read as a fence (CommonMark's opener, without its other conditions). */
const FENCE_LIKE = /^ {0,3}(?:`{3,}|~{3,})/;
/** A line that starts an HTML block (or comment) in CommonMark: `<` and a tag, a closing tag or a declaration. */
const HTML_START = /^ {0,3}<[A-Za-z/!?]/;

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
