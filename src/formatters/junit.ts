import type { Diagnostic } from '../diagnostic.js';
import type { Formatter } from './types.js';
import { repoPath } from './types.js';

/**
 * Text for element content. A carriage return is written as a reference: a parser reads a literal
 * one as a line feed (XML 1.0, 2.11).
 */
const xml = (s: string): string =>
  s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r/g, '&#13;');

/**
 * Text for an attribute value. A parser turns a literal tab, line feed or carriage return there into
 * a space (XML 1.0, 3.3.3), so a file name with one would name a file that does not exist; as
 * character references they are kept.
 */
const attr = (s: string): string => xml(s).replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');

/**
 * One test suite per file, one test case per finding. An error is a failing case; a warning is a
 * passing case with the finding in its <system-out>: `sms validate` exits 0 on warnings, and a
 * dashboard must not turn red on a run that passed. A clean run is one passing case. Paths are
 * relative to the repository root.
 */
export const junit: Formatter = (result, ctx) => {
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of result.diagnostics) byFile.set(d.file, [...(byFile.get(d.file) ?? []), d]);
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="sms validate" tests="${Math.max(1, result.diagnostics.length)}" failures="${errors}" errors="0">`,
  ];
  if (byFile.size === 0) {
    out.push(
      '  <testsuite name="sms validate" tests="1" failures="0" errors="0" skipped="0">',
      '    <testcase classname="sms" name="validate"/>',
      '  </testsuite>',
    );
  }
  for (const [file, list] of byFile) {
    const where = attr(repoPath(ctx, file));
    const failures = list.filter((d) => d.severity === 'error').length;
    out.push(`  <testsuite name="${where}" tests="${list.length}" failures="${failures}" errors="0" skipped="0">`);
    for (const d of list) {
      const text = xml(
        `${repoPath(ctx, d.file)}:${d.line}:${d.column} ${d.severity} ${d.message} (${d.rule})${d.hint ? ` hint: ${d.hint}` : ''}`,
      );
      out.push(`    <testcase classname="${where}" name="${attr(`${d.line}:${d.column} ${d.rule}`)}" file="${where}">`);
      if (d.severity === 'error') out.push(`      <failure type="${attr(d.rule)}" message="${attr(d.message)}">${text}</failure>`);
      else out.push(`      <system-out>${text}</system-out>`);
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
};
