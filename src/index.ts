/**
 * The library behind the `sms` command: load an SMS repository, validate it with the rule
 * registry, build reports and format results, from a program instead of the command line.
 *
 * ```js
 * import { openConfig, load, validate, FORMATTERS, NO_PAINT, RULES, version } from 'sms-cli';
 * const config = openConfig(process.cwd());
 * const result = validate(await load(config, { history: 'none' }), { today: '2026-06-30' });
 * process.stdout.write(FORMATTERS.json(result, { paint: NO_PAINT, source: () => undefined, rules: RULES, version: version() }));
 * ```
 */
export { run } from './cli/run.js';
export type { CliIO } from './cli/io.js';
export { version } from './version.js';
export { ERRORS, SmsError, type ErrorCode } from './errors.js';
export {
  EXIT_FINDINGS,
  EXIT_OK,
  EXIT_USAGE,
  compareDiagnostics,
  type Diagnostic,
  type Position,
  type RuleSetting,
  type Severity,
} from './diagnostic.js';
export { loadConfig, parseConfig, findRoot, CONFIG_FILE, type SmsConfig } from './repo/config.js';
export { loadRepository, readDocument, type LoadedRepository, type LoadIssue, type SmsDocument } from './repo/documents.js';
export { parseFrontMatter, type ParsedFrontMatter } from './repo/frontmatter.js';
export { editFrontMatter, type FrontMatterEdit } from './repo/edit.js';
export { load, openConfig, checkRuleSettings, type HistoryMode, type Loaded, type LoadOptions } from './load.js';
export { validate, buildRuleContext, type ValidationResult, type ValidateOptions } from './validate.js';
export { RULES, ruleById } from './rules/index.js';
export {
  defineRule,
  runRule,
  settingFor,
  type RuleContext,
  type RuleDefinition,
  type FindingInput,
  type Report,
} from './rules/registry.js';
export { FORMATTERS, FORMAT_NAMES } from './formatters/index.js';
export { NO_PAINT, type Formatter, type FormatContext, type Paint } from './formatters/types.js';
export { builtInTypes, type WorkType, type RoleCode, ROLE_CODES } from './model/types.js';
export { processModel, type ProcessesModel } from './model/processes.js';
export { RolesIndex, type Person } from './model/roles.js';
export * as policy from './model/policy.js';
export { REPORTS, REPORT_KINDS } from './report/registry.js';
export { defineReport, type ReportDefinition, type ChartSpec } from './report/define.js';
export { inZoneOfPeriod, reportContext, type ReportContext, type Period } from './report/context.js';
export { renderReport, type ReportFormat } from './report/render.js';
