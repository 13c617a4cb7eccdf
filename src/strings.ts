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

/** The indefinite article for a word: "an incident", "a change-request". */
export function article(word: string): 'a' | 'an' {
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}

/** A type key as a noun with its article, for messages: "an incident", "a roles document". */
export function aType(key: string): string {
  return `${article(key)} ${typeNoun(key)}`;
}
