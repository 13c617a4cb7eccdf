import { createHash } from 'node:crypto';
import type { Formatter } from './types.js';
import { repoPath } from './types.js';

/**
 * GitLab's Code Quality report (artifacts:reports:codequality): a JSON array of issues with
 * description, check_name, fingerprint, severity (info, minor, major, critical, blocker) and
 * location { path (from the repository root), lines: { begin } }.
 *
 * GitLab compares merge requests by fingerprint: a finding that only moved to another line must
 * keep it, so the fingerprint hashes the rule, file, document id and message, not the line.
 * GitLab shows one issue per fingerprint, so identical findings in one file are numbered.
 */
export const gitlab: Formatter = (result, ctx) => {
  const seen = new Map<string, number>();
  const issues = result.diagnostics.map((d) => {
    const path = repoPath(ctx, d.file);
    const key = JSON.stringify([d.rule, path, d.docId ?? '', d.message]);
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return {
      type: 'issue',
      description: d.hint ? `${d.message} (hint: ${d.hint})` : d.message,
      check_name: d.rule,
      fingerprint: createHash('md5')
        .update(n === 0 ? key : `${key}#${n}`)
        .digest('hex'),
      severity: d.severity === 'error' ? 'major' : 'minor',
      location: { path, lines: { begin: d.line } },
    };
  });
  return `${JSON.stringify(issues, null, 2)}\n`;
};
