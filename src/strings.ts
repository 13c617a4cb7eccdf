/**
 * A copy of a string that does not keep its parent alive. V8 represents a substring of 13 or more
 * characters as a slice of the original, so a status read from a blob, or a name from the git log
 * stream, would otherwise keep the whole blob or stream chunk in memory for the rest of the run.
 */
export function detach(s: string): string {
  return s.length < 13 ? s : Buffer.from(s, 'utf8').toString('utf8');
}
