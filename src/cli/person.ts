import { smsError } from '../errors.js';
import type { Identity } from '../git/git.js';

/** A plausible e-mail address: one @, no spaces or angle brackets, a dot in the domain. */
export const EMAIL = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>".]+$/;

// Control characters and line breaks, as C0, C1, NEL, U+2028/U+2029 and bidirectional marks.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** Whether a name or address holds a character that could move the cursor, paint a line or forge one. */
export function hasControlCharacter(s: string): boolean {
  return CONTROL.test(s);
}

/**
 * Parses "Name <email>" as given to --manager or --as. A person goes into the roles document, front
 * matter, commit messages (an Approved-by trailer) and the terminal: one with a control character
 * or line break is refused rather than cleaned, so what is written is what was given.
 */
export function parsePerson(s: string, flag: string): Identity {
  if (hasControlCharacter(s)) throw smsError('PERSON_CONTROL', { flag });
  const m = /^\s*([^<>]*?)\s*<([^<>\s]+)>\s*$/.exec(s);
  if (!m || !m[1] || !EMAIL.test(m[2]!)) throw smsError('PERSON_FORMAT', { flag, value: s });
  return { name: m[1], email: m[2]! };
}
