import { pathToFileURL } from 'node:url';
import type { Formatter } from './types.js';
import { repoPath } from './types.js';

/**
 * SARIF 2.1.0, as GitHub code scanning accepts it. Result locations are relative to the repository
 * root under the base id %SRCROOT%, which originalUriBaseIds resolves to the repository's folder
 * when it is known, so a subfolder SMS still annotates the right files.
 */
export const sarif: Formatter = (result, ctx) => {
  const ruleIds = ctx.rules.map((r) => r.id);
  const srcroot = ctx.repositoryRoot ? pathToFileURL(ctx.repositoryRoot).href.replace(/\/?$/, '/') : undefined;
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'sms',
            version: ctx.version,
            informationUri: 'https://www.iso.org/standard/72924.html',
            rules: ctx.rules.map((r) => ({
              id: r.id,
              name: r.id,
              shortDescription: { text: r.description },
              fullDescription: { text: r.help ?? r.description },
              help: {
                text: r.help ?? r.description,
                markdown: `**${r.id}**: ${r.help ?? r.description}\n\nSet it to off, warn or error under \`rules:\` in sms.config.yaml; \`sms rules --format md\` lists every rule.`,
              },
              ...(ctx.docsUrl ? { helpUri: `${ctx.docsUrl}#${r.id}` } : {}),
              ...(r.severity ? { defaultConfiguration: { level: r.severity } } : {}),
            })),
          },
        },
        ...(srcroot ? { originalUriBaseIds: { '%SRCROOT%': { uri: srcroot } } } : {}),
        results: result.diagnostics.map((d) => ({
          ruleId: d.rule,
          ...(ruleIds.includes(d.rule) ? { ruleIndex: ruleIds.indexOf(d.rule) } : {}),
          level: d.severity === 'error' ? 'error' : 'warning',
          message: { text: d.hint ? `${d.message} (hint: ${d.hint})` : d.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: repoPath(ctx, d.file).split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' },
                region: { startLine: d.line, startColumn: d.column },
              },
            },
          ],
        })),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};
