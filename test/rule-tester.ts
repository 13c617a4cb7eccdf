import { expect, it } from 'vitest';
import { parseConfig } from '../src/repo/config.js';
import { readDocument } from '../src/repo/documents.js';
import { buildRuleContext } from '../src/validate.js';
import { runRule, type ChangeSet, type RuleDefinition } from '../src/rules/registry.js';
import type { Diagnostic } from '../src/diagnostic.js';
import type { Loaded } from '../src/load.js';

/** One case of a rule table: a repository in memory and what the rule must report on it. */
export interface RuleCase {
  name: string;
  files: Record<string, string>;
  config?: string;
  today?: string;
  /** Document changes, for rules that read history. */
  changes?: (loaded: Loaded) => ChangeSet;
  /** Expected findings as [file, line] (line optional); [] for a valid case. */
  errors?: [string, number?][];
  /** Text every finding's message must contain. */
  message?: RegExp;
}

/** A repository built in memory from files: the same reader and context as on disk, no file system. */
export function memoryRepository(files: Record<string, string>, configText = 'organisation: Acme IT\n'): Loaded {
  const config = parseConfig(configText, '/in-memory');
  const documents = Object.entries(files)
    .filter(([f]) => f.endsWith('.md') && config.documentFolders.some((d) => d === '.' || f.startsWith(`${d}/`)))
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([f, text]) => readDocument(f, text, config));
  return { config, repository: { documents, issues: [] } };
}

/** Runs one rule over an in-memory repository. */
export function runInMemory(rule: RuleDefinition, c: Omit<RuleCase, 'name'>): Diagnostic[] {
  const loaded = memoryRepository(c.files, c.config);
  if (c.changes) loaded.changes = c.changes(loaded);
  const paths = Object.keys(c.files);
  const exists = (rel: string): boolean => paths.some((p) => p === rel || p.startsWith(`${rel}/`));
  return runRule(rule, buildRuleContext(loaded, c.today ?? '2026-06-01', exists));
}

/**
 * ESLint's RuleTester in small: `valid` cases must produce no finding of the rule, `invalid` ones
 * exactly the listed findings. Runs in milliseconds, without processes or files.
 */
export function ruleTester(rule: RuleDefinition, tables: { valid: RuleCase[]; invalid: RuleCase[] }): void {
  for (const c of tables.valid) {
    it(`${rule.id} valid: ${c.name}`, () => {
      expect(runInMemory(rule, c).map((d) => `${d.file}:${d.line} ${d.message}`)).toEqual([]);
    });
  }
  for (const c of tables.invalid) {
    it(`${rule.id} invalid: ${c.name}`, () => {
      const found = runInMemory(rule, c);
      const expected = c.errors ?? [];
      expect(found.map((d) => [d.file, ...(expected.find((e) => e[0] === d.file)?.[1] !== undefined ? [d.line] : [])])).toEqual(
        expected.map(([f, l]) => (l === undefined ? [f] : [f, l])),
      );
      for (const d of found) {
        expect(d.rule).toBe(rule.id);
        if (c.message) expect(d.message).toMatch(c.message);
      }
    });
  }
}
