/**
 * A copy of a string that does not keep its parent alive. V8 represents a substring of 13 or more
 * characters as a slice of the original, so a status read from a blob, or a name from the git log
 * stream, would otherwise keep the whole blob or stream chunk in memory for the rest of the run.
 */
export function detach(s: string): string {
  return s.length < 13 ? s : Buffer.from(s, 'utf8').toString('utf8');
}

/** A work-product type key as a noun: "incident", "roles document" (a plural-looking key reads as one document). */
export function typeNoun(key: string): string {
  return key.endsWith('s') ? `${key} document` : key;
}

/** A count with its noun: "1 incident", "2 incidents". */
export function counted(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The indefinite article for a word: "an incident", "a change-request". */
export function article(word: string): 'a' | 'an' {
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}

/** A type key as a noun with its article, for messages: "an incident", "a roles document". */
export function aType(key: string): string {
  return `${article(key)} ${typeNoun(key)}`;
}

/**
 * C0 and C1 control characters (NEL included) and the Unicode line and paragraph separators: what
 * can end a line, move the cursor or start a terminal sequence. A character-class body, for regexps.
 */
export const LINE_CONTROLS = '\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029';

/** Bidirectional marks, embeddings, overrides and isolates: they change the order text is shown in. */
export const BIDI_MARKS = '\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069';

const LINE_CONTROL_RUNS = new RegExp(`[${LINE_CONTROLS}]+`, 'g');
const CONTROL_OR_BIDI = new RegExp(`[${LINE_CONTROLS}${BIDI_MARKS}]`);

/** A value meant for one line, kept on one: each run of control characters and line breaks becomes a space. */
export function oneLine(s: string): string {
  return s.replace(LINE_CONTROL_RUNS, ' ');
}

/** Whether a string holds a character that could move the cursor, paint or forge a line, or reorder what is shown. */
export function hasControlCharacter(s: string): boolean {
  return CONTROL_OR_BIDI.test(s);
}
