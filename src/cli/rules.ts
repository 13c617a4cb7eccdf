import { openConfig } from '../load.js';
import { SmsError } from '../errors.js';
import { RULES } from '../rules/index.js';
import { settingFor, type RuleDefinition } from '../rules/registry.js';
import type { SmsConfig } from '../repo/config.js';
import type { CliIO } from './io.js';

/** The JSON shape of `sms rules --format json` (a public interface: add fields, never rename). */
export interface RuleInfo {
  id: string;
  description: string;
  help: string;
  defaultSeverity: 'error' | 'warning';
  /** The severity in this repository's sms.config.yaml ("off" when switched off); absent outside a repository. */
  setting?: 'off' | 'warning' | 'error';
  needs: string[];
  aliases: string[];
}

export function ruleInfo(r: RuleDefinition, config?: SmsConfig): RuleInfo {
  const info: RuleInfo = {
    id: r.id,
    description: r.description,
    help: r.help,
    defaultSeverity: r.severity,
    needs: [...r.needs],
    aliases: [...(r.aliases ?? [])],
  };
  if (config) {
    const s = settingFor(r, config.rules);
    info.setting = s === 'off' ? 'off' : s === 'warn' ? 'warning' : s === 'error' ? 'error' : r.severity;
  }
  return info;
}

export async function rulesCommand(io: CliIO, opts: { format: 'table' | 'json' | 'md' }): Promise<number> {
  let config: SmsConfig | undefined;
  try {
    config = openConfig(io.cwd);
  } catch (err) {
    if (!(err instanceof SmsError && err.code === 'CONFIG_NOT_FOUND')) throw err;
  }
  const infos = RULES.map((r) => ruleInfo(r, config));
  if (opts.format === 'json') io.stdout.write(`${JSON.stringify(infos, null, 2)}\n`);
  else if (opts.format === 'md') io.stdout.write(rulesMarkdown(infos));
  else {
    const width = Math.max(...infos.map((i) => i.id.length));
    const lines = infos.map((i) => `${i.id.padEnd(width)}  ${(i.setting ?? i.defaultSeverity).padEnd(7)}  ${i.description}`);
    io.stdout.write(
      `${lines.join('\n')}\n\nSet a rule to off, warn (or warning) or error under rules: in sms.config.yaml. "sms rules --format json" gives each rule's full explanation (help).\n`,
    );
  }
  return 0;
}

/** The README's rule table (between its rules markers), generated from the registry. */
export function rulesMarkdown(infos: readonly RuleInfo[]): string {
  const cell = (s: string): string => s.replace(/\|/g, '\\|');
  const rows = infos.map(
    (i) => `| \`${i.id}\` | ${i.defaultSeverity} | ${i.needs.length ? i.needs.join(', ') : 'documents'} | ${cell(i.description)} |`,
  );
  return ['| Rule | Default | Reads | Checks |', '|---|---|---|---|', ...rows, ''].join('\n');
}
