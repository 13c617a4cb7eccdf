import type { Formatter } from './types.js';

/**
 * The documented JSON contract: { diagnostics: Diagnostic[], errorCount, warningCount, fileCount }.
 * Add fields, never rename them: scripts depend on this shape.
 */
export const json: Formatter = (result) =>
  `${JSON.stringify(
    {
      diagnostics: result.diagnostics,
      errorCount: result.errorCount,
      warningCount: result.warningCount,
      fileCount: result.fileCount,
      ...(result.hiddenWarningCount !== undefined ? { hiddenWarningCount: result.hiddenWarningCount } : {}),
    },
    null,
    2,
  )}\n`;
