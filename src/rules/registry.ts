import type { Diagnostic, Position, RuleSetting, Severity } from '../diagnostic.js';
import type { SmsConfig } from '../repo/config.js';
import type { LoadIssue, SmsDocument } from '../repo/documents.js';
import type { RolesIndex } from '../model/roles.js';
import type { ExemptionModels } from '../model/policy.js';
import type { SchemaSet } from '../model/schemas.js';
import type { CommitLink, DocEvent, UnrecordedChange } from '../history/timeline.js';

/**
 * What a rule needs beyond the documents of the working tree:
 * - `changes`: how documents changed, either uncommitted changes against HEAD (the default of
 *   `sms validate`) or commits (`--base`, `--history`);
 * - `commits`: committed history only (approvals are judged once they are committed).
 */
export type RuleNeed = 'changes' | 'commits';

/** Document changes read from Git: which kind, and the per-document events. */
export interface ChangeSet {
  mode: 'worktree' | 'commits';
  events: DocEvent[];
  /** The commits read, parents before children (see Timeline.graph). */
  graph?: readonly CommitLink[];
  /** With a base: documents the pull request changes without a commit of its own (see UnrecordedChange). */
  unrecorded?: readonly UnrecordedChange[];
  /** With a base: files the base reads as documents and the pull request's configuration does not. */
  outOfScope?: readonly string[];
  /** With a base: the keys of the types its configuration defines. */
  baseTypes?: readonly string[];
  /**
   * With a base: by document id, the content (its hash) as last approved before the base, for
   * documents approved there that the pull request edits (it may differ from the base's content).
   */
  approvedAtBase?: ReadonlyMap<string, string>;
}

/** Everything a rule may look at. Rules are pure: they read this and report findings. */
export interface RuleContext {
  config: SmsConfig;
  documents: SmsDocument[];
  byId: Map<string, SmsDocument[]>;
  /** The roles document of the working tree, and its people. */
  roles: RolesIndex;
  rolesDoc?: SmsDocument;
  /** The models exemptions rest on (pre-approved change models), as the working tree lists them. */
  models: ExemptionModels;
  schemas: SchemaSet;
  /** Today as YYYY-MM-DD (injected so results are reproducible). */
  today: string;
  /** Whether a repository-relative path names an existing file or folder. */
  exists(relPath: string): boolean;
  /** Files the reader could not use as documents (size, encoding, links, file type). */
  loadIssues: readonly LoadIssue[];
  /** Markdown files sms does not read (outside the document folders, or not ending in .md) whose front matter is that of a document. */
  outside?: readonly SmsDocument[];
  /** Document changes from Git, when the command read them. */
  changes?: ChangeSet;
}

/** What a rule reports; the registry fills in the rule id, the severity and the document. */
export interface FindingInput {
  /** The document the finding is about: gives the file, the docId and locates `field`. */
  doc?: SmsDocument;
  /** The file, when there is no parsed document (or the document is gone). */
  file?: string;
  docId?: string;
  /** A front-matter path to point at, located only when the finding is reported. */
  field?: readonly (string | number)[];
  part?: 'key' | 'value';
  /** An exact position, when the rule knows it (a body line, a parser error). */
  at?: Position;
  message: string;
  hint?: string;
  /** A finding milder than the rule's default (e.g. a reference to a retired document warns). */
  severity?: Severity;
  /** The commit a finding of history is about (see Diagnostic.commit). */
  commit?: string;
}

export type Report = (finding: FindingInput) => void;

export interface RuleDefinition {
  /** Stable id: a public interface (config keys, JSON, SARIF). Add, never rename. */
  id: string;
  /** One line: what the rule checks. */
  description: string;
  /** What the rule checks, why, where the requirement comes from and how to fix a finding. */
  help: string;
  severity: Severity;
  needs: readonly RuleNeed[];
  /** Earlier config keys that still set this rule's severity when it has no setting of its own. */
  aliases?: readonly string[];
  /**
   * True when a finding is about how the record stands among others (a reference to a record
   * deleted since, an incident two agreements cover), not about what the record itself says or
   * who decided it: the audit does not hold such a finding against the record as evidence.
   */
  relational?: boolean;
  check(ctx: RuleContext, report: Report): void;
}

/** Declares a rule (ESLint's shape): the registry runs `check` and stamps every finding. */
export function defineRule(rule: RuleDefinition): RuleDefinition {
  return rule;
}

/** The configured setting of a rule: its own key first, then an alias it took over from an older rule. */
export function settingFor(rule: RuleDefinition, rules: Readonly<Record<string, RuleSetting>>): RuleSetting | undefined {
  if (Object.prototype.hasOwnProperty.call(rules, rule.id)) return rules[rule.id];
  for (const a of rule.aliases ?? []) if (Object.prototype.hasOwnProperty.call(rules, a)) return rules[a];
  return undefined;
}

const RANK: Record<RuleSetting, number> = { off: 0, warn: 1, error: 2 };

/**
 * Rule settings no looser than `base`'s: each rule keeps `head`'s setting unless `base` judged it
 * more strictly, and then takes `base`'s (its default, where `base` left it at that). With
 * `--base` a pull request is judged this way, so it cannot switch off the rules that judge it;
 * once merged, its settings are the base of the next one.
 */
export function noLooserThan(
  rules: readonly RuleDefinition[],
  head: Readonly<Record<string, RuleSetting>>,
  base: Readonly<Record<string, RuleSetting>>,
): Record<string, RuleSetting> {
  const out: Record<string, RuleSetting> = { ...head };
  for (const rule of rules) {
    const byDefault = RANK[rule.severity === 'error' ? 'error' : 'warn'];
    const h = settingFor(rule, head);
    const b = settingFor(rule, base);
    if ((b === undefined ? byDefault : RANK[b]) <= (h === undefined ? byDefault : RANK[h])) continue;
    // An old name that is also a rule of its own keeps its setting for that rule.
    for (const key of [rule.id, ...(rule.aliases ?? []).filter((a) => !rules.some((r) => r.id === a))]) delete out[key];
    if (b !== undefined) out[rule.id] = b;
  }
  return out;
}

/** Whether a rule can run with what the command loaded. */
export function canRun(rule: RuleDefinition, ctx: RuleContext): boolean {
  if (rule.needs.includes('commits')) return ctx.changes?.mode === 'commits';
  if (rule.needs.includes('changes')) return ctx.changes !== undefined;
  return true;
}

/** Runs one rule and returns its findings, with the configured severity applied. */
export function runRule(rule: RuleDefinition, ctx: RuleContext): Diagnostic[] {
  const setting = settingFor(rule, ctx.config.rules);
  if (setting === 'off' || !canRun(rule, ctx)) return [];
  const out: Diagnostic[] = [];
  const report: Report = (f) => {
    const doc = f.doc;
    const pos = f.at ?? (doc && f.field ? doc.fm.locate(f.field, f.part) : { line: 1, column: 1 });
    const severity: Severity = setting === 'warn' ? 'warning' : setting === 'error' ? 'error' : (f.severity ?? rule.severity);
    const d: Diagnostic = {
      file: f.file ?? doc?.file ?? 'sms.config.yaml',
      line: pos.line,
      column: pos.column,
      rule: rule.id,
      severity,
      message: f.message,
    };
    const docId = f.docId ?? doc?.id;
    if (docId) d.docId = docId;
    if (f.hint) d.hint = f.hint;
    if (f.commit) d.commit = f.commit;
    out.push(d);
  };
  rule.check(ctx, report);
  return out;
}
