import { smsError } from '../errors.js';
import type { Identity } from '../git/git.js';
import { hasControlCharacter } from '../strings.js';

/** A plausible e-mail address: one @, no spaces or angle brackets, a dot in the domain. */
export const EMAIL = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>".]+$/;

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
