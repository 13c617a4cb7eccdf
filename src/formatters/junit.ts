import type { Diagnostic } from '../diagnostic.js';
import type { Formatter } from './types.js';

const xml = (s: string): string =>
  s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');

/** One test suite per file, one failing test case per finding; a clean run is one passing case. */
export const junit: Formatter = (result) => {
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of result.diagnostics) byFile.set(d.file, [...(byFile.get(d.file) ?? []), d]);
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="sms validate" tests="${Math.max(1, result.diagnostics.length)}" failures="${result.diagnostics.length}">`,
  ];
  if (byFile.size === 0) {
    out.push(
      '  <testsuite name="sms validate" tests="1" failures="0" errors="0">',
      '    <testcase classname="sms" name="validate"/>',
      '  </testsuite>',
    );
  }
  for (const [file, list] of byFile) {
    out.push(`  <testsuite name="${xml(file)}" tests="${list.length}" failures="${list.length}" errors="0">`);
    for (const d of list) {
      out.push(
        `    <testcase classname="${xml(file)}" name="${xml(`${d.line}:${d.column} ${d.rule}`)}">`,
        `      <failure type="${xml(d.severity)}" message="${xml(d.message)}">${xml(`${d.file}:${d.line}:${d.column} ${d.severity} ${d.message} (${d.rule})`)}</failure>`,
        '    </testcase>',
      );
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
};
