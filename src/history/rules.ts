import type { SmsConfig } from '../repo/config.js';
import type { Rule } from '../rules/context.js';
import type { CliIO } from '../cli/io.js';

/** Rules that read Git history; none yet. */
export async function historyRules(_config: SmsConfig, _opts: { base?: string; all: boolean; io: CliIO }): Promise<Rule[]> {
  return [];
}
