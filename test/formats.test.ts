import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { baseSms, rfc, sms, smsInProcess, testEnv, tmp } from './helpers.js';
import { FORMATTERS, FORMAT_NAMES } from '../src/formatters/index.js';
import { loadFormatter } from '../src/formatters/load.js';

const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (a: Ajv2020) => Ajv2020;

/** A repository with one error (schema), one warning (unknown-person) and an odd file name. */
function fixture(): string {
  const dir = tmp();
  baseSms(dir, {
    'changes/RFC-0001-a.md': rfc({ priority: 'P9' }),
    'changes/RFC-0002-b, c: d.md': rfc({ id: 'RFC-0002', requested_by: 'zoe@x.example' }),
  });
  return dir;
}

// The stylish tests run the binary: whether output is a terminal, and colour, are the process's.
// The machine formats run in-process, the same code below bin/sms.js.
describe('output formats', () => {
  it('the CLI loads each formatter on its own, the very one the library exports', async () => {
    expect(FORMAT_NAMES.sort()).toEqual(['github', 'gitlab', 'json', 'junit', 'sarif', 'stylish']);
    for (const name of FORMAT_NAMES) expect(await loadFormatter(name), name).toBe(FORMATTERS[name]);
    expect(() => loadFormatter('toString')).toThrow(/unknown format/);
  });

  it('stylish: grouped by file, line:col, severity, rule, a code frame, summary; no colour off a TTY', () => {
    const r = sms(['validate'], fixture());
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('changes/RFC-0001-a.md\n  7:11    error    "priority" must be one of: P1, P2, P3, P4  schema');
    expect(r.stdout).toMatch(/> 7 \| priority: "P9"\n\s+\|\s+\^/);
    expect(r.stdout).toContain('warning  "requested_by" names "zoe@x.example"');
    expect(r.stdout).toMatch(/✖ 2 problems \(1 error, 1 warning\) in \d+ files checked\n$/);
    expect(r.stdout).not.toMatch(/\u001b\[/);
  });

  it('stylish: colour when forced, none with NO_COLOR or --no-color', () => {
    const dir = fixture();
    const env = testEnv({ FORCE_COLOR: '1' });
    delete env.NO_COLOR;
    expect(sms(['validate'], dir, env).stdout).toMatch(/\u001b\[31m/);
    expect(sms(['validate', '--no-color'], dir, env).stdout).not.toMatch(/\u001b\[/);
  });

  it('json: the documented contract', async () => {
    const r = await smsInProcess(['validate', '--format', 'json'], fixture());
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['diagnostics', 'errorCount', 'warningCount', 'fileCount']);
    expect(out.errorCount).toBe(1);
    expect(out.warningCount).toBe(1);
    expect(out.diagnostics[0]).toEqual({
      file: 'changes/RFC-0001-a.md',
      line: 7,
      column: 11,
      rule: 'schema',
      severity: 'error',
      message: '"priority" must be one of: P1, P2, P3, P4',
      docId: 'RFC-0001',
    });
  });

  it('github: well-formed workflow commands, escaped properties, and a step summary', async () => {
    const dir = fixture();
    const summary = path.join(tmp(), 'summary.md');
    writeFileSync(summary, '# earlier step\n');
    const r = await smsInProcess(['validate', '--format', 'github'], dir, testEnv({ GITHUB_STEP_SUMMARY: summary }));
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    for (const l of lines) expect(l).toMatch(/^::(error|warning) file=[^,:]+,line=\d+,col=\d+,title=[a-z-]+::.+$/);
    expect(lines[0]).toBe('::error file=changes/RFC-0001-a.md,line=7,col=11,title=schema::"priority" must be one of: P1, P2, P3, P4');
    expect(lines[1]).toContain('file=changes/RFC-0002-b%2C c%3A d.md');
    const md = readFileSync(summary, 'utf8');
    expect(md.startsWith('# earlier step\n## sms validate')).toBe(true);
    expect(md).toContain(String.raw`| changes/RFC\-0001\-a\.md | 7 | error | schema |`);
  });

  it('github: control characters in a file name are percent-encoded in file=, never written raw', async () => {
    const dir = tmp();
    // ESC ] … BEL sets a window title, ESC [ paints, U+009B is the 8-bit CSI, U+202E reverses text.
    baseSms(dir, { 'changes/RFC-0001-\u001b]0;TITLE\u0007\u001b[31mred\u009b2J\u202e.md': rfc({ priority: 'P9' }) });
    const r = await smsInProcess(['validate', '--format', 'github'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
    expect(r.stdout.trimEnd()).toBe(
      '::error file=changes/RFC-0001-%1B]0;TITLE%07%1B[31mred%C2%9B2J%E2%80%AE.md,line=7,col=11,title=schema::"priority" must be one of: P1, P2, P3, P4',
    );
  });

  it('github: the step summary shows Markdown from documents literally: no link, image, HTML, code, emphasis or mention', async () => {
    const dir = tmp();
    const status =
      '[All checks passed - click to approve](https://phish.example/login) ![x](https://tracker.example/p.png) <img src=x> `code` **bold** ~~gone~~ @octocat www.phish.example a\\|b | c';
    baseSms(dir, { 'changes/RFC-0001-a_b.md': rfc({ status }) });
    const summary = path.join(tmp(), 'summary.md');
    const r = await smsInProcess(['validate', '--format', 'github'], dir, testEnv({ GITHUB_STEP_SUMMARY: summary }));
    expect(r.code).toBe(1);
    const row = readFileSync(summary, 'utf8')
      .split('\n')
      .find((l) => l.includes('status-value'));
    const cell = String.raw`status "\[All checks passed \- click to approve\]\(https\://phish\.example/login\) \!\[x\]\(https\://tracker\.example/p\.png\) \<img src=x\> \`code\` \*\*bold\*\* \~\~gone\~\~ @${'\u200d'}octocat www\.phish\.example a\\\|b \| c" is not a change\-request status`;
    expect(row).toContain(String.raw`| changes/RFC\-0001\-a\_b\.md | 5 | error | status-value | ${cell}`);
    // Every character Markdown could read as syntax has a backslash before it.
    const bare = row!.replace(/\\[\\`*_{}[\]()#+\-.!|<>~&:$]/g, '');
    expect(bare.slice(1, -1).replace(/ \| /g, '')).not.toMatch(/[\\`*_{}[\]()#+.!|<>~&$]/);
  });

  it('junit: parses as XML with one case per finding, failing for errors only', async () => {
    const r = await smsInProcess(['validate', '--format', 'junit'], fixture());
    expect(XMLValidator.validate(r.stdout)).toBe(true);
    const x = new XMLParser({ ignoreAttributes: false }).parse(r.stdout);
    expect(x.testsuites['@_tests']).toBe('2');
    expect(x.testsuites['@_failures']).toBe('1');
    const clean = tmp();
    baseSms(clean);
    const ok = await smsInProcess(['validate', '--format', 'junit'], clean);
    expect(XMLValidator.validate(ok.stdout)).toBe(true);
    expect(ok.code).toBe(0);
  });

  it('junit: a file name with a line break, a carriage return or a tab reaches a parser unchanged in every attribute', async () => {
    const dir = tmp();
    const name = 'changes/RFC-0001-new\nline\rcr\ttab.md';
    baseSms(dir, { [name]: rfc({ priority: 'P9' }) });
    const r = await smsInProcess(['validate', '--format', 'junit'], dir);
    expect(XMLValidator.validate(r.stdout)).toBe(true);
    // An XML parser normalises attribute values (XML 1.0, 3.3.3): a literal tab, line feed or
    // carriage return becomes a space, a character reference stays what it names. fast-xml-parser
    // skips that step, so it is done here, on the attribute values, before parsing.
    const normalised = r.stdout.replace(/="[^"]*"/g, (a) => a.replace(/\r\n|[\t\n\r]/g, ' '));
    const x = new XMLParser({ ignoreAttributes: false, htmlEntities: true }).parse(normalised);
    const suite = x.testsuites.testsuite;
    expect(suite['@_name']).toBe(name);
    expect(suite.testcase['@_classname']).toBe(name);
    expect(suite.testcase['@_file']).toBe(name);
  });

  it('sarif: valid against the SARIF 2.1.0 schema', async () => {
    const r = await smsInProcess(['validate', '--format', 'sarif'], fixture());
    const schema = JSON.parse(readFileSync(path.join(__dirname, 'fixtures', 'sarif-2.1.0.json'), 'utf8'));
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const log = JSON.parse(r.stdout);
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(log.runs[0].results).toHaveLength(2);
    expect(log.runs[0].results[0].locations[0].physicalLocation.region).toEqual({ startLine: 7, startColumn: 11 });
    const rules = log.runs[0].tool.driver.rules as {
      id: string;
      fullDescription?: { text: string };
      help?: { text: string; markdown: string };
    }[];
    const ids = rules.map((x) => x.id);
    expect(ids).toContain('separation-of-duties');
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of rules) {
      expect(rule.fullDescription?.text.length, rule.id).toBeGreaterThan(40);
      expect(rule.help?.text.length, rule.id).toBeGreaterThan(40);
      expect(rule.help?.markdown, rule.id).toContain(rule.id);
    }
    for (const res of log.runs[0].results as { ruleId: string; ruleIndex: number }[]) expect(ids[res.ruleIndex]).toBe(res.ruleId);
  });

  it('--output writes the report to a file and nothing to stdout', async () => {
    const dir = fixture();
    const out = path.join(tmp(), 'report.sarif');
    const r = await smsInProcess(['validate', '--format', 'sarif', '--output', out], dir);
    expect(r.stdout).toBe('');
    expect(existsSync(out)).toBe(true);
    expect(JSON.parse(readFileSync(out, 'utf8')).version).toBe('2.1.0');
    expect(r.code).toBe(1);
  });

  it('an unknown format is a usage error (exit 2)', async () => {
    const r = await smsInProcess(['validate', '--format', 'xml'], fixture());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Allowed choices are stylish, json, github, junit, sarif, gitlab/);
  });
});
