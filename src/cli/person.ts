import { smsError } from '../errors.js';
import type { Identity } from '../git/git.js';

/** A plausible e-mail address: one @, no spaces or angle brackets, a dot in the domain. */
export const EMAIL = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>".]+$/;

/** Parses "Name <email>" as given to --manager or --as. */
export function parsePerson(s: string, flag: string): Identity {
  const m = /^\s*([^<>]*?)\s*<([^<>\s]+)>\s*$/.exec(s);
  if (!m || !m[1] || !EMAIL.test(m[2]!)) throw smsError('PERSON_FORMAT', { flag, value: s });
  return { name: m[1], email: m[2]! };
}
