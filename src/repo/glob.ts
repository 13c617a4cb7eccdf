/**
 * Minimal glob matching for `ignore` patterns: `**` spans folders, `*` and `?` stay within one.
 * A pattern without a slash matches a name at any depth, as in .gitignore; so does one whose only
 * slash ends it (`site/`, a folder, written the .gitignore way), which would otherwise match nothing.
 */
export function globToRegExp(pattern: string): RegExp {
  const glob = pattern.length > 1 && pattern.endsWith('/') ? pattern.slice(0, -1) : pattern;
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const slash = glob[i + 2] === '/';
        re += slash ? '(?:.*/)?' : '.*';
        i += slash ? 2 : 1;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  const anchored = glob.includes('/') ? `^${re.replace(/^\//, '')}` : `(?:^|/)${re}`;
  return new RegExp(`${anchored}(?:/.*)?$`);
}

export function matchesAny(file: string, patterns: RegExp[]): boolean {
  return patterns.some((p) => p.test(file));
}
