/**
 * Reporters for diagnostics: `stylish` (people), `json` (CI scripts), `sarif` (GitHub code scanning).
 * @module
 */
import type { Diagnostic } from '../definitions/diagnostics.js';
import type { RuleMeta } from './rule.js';

type Colors = { red(s: string): string; yellow(s: string): string; dim(s: string): string; underline(s: string): string; bold(s: string): string; green(s: string): string };

/** Output formats of `bots validate`. */
export type ReportFormat = 'stylish' | 'json' | 'sarif';

/** Human-readable report grouped by file, like ESLint's stylish formatter. */
export function formatStylish(diagnostics: readonly Diagnostic[], c: Colors): string {
  const lines: string[] = [];
  let file = '';
  for (const d of diagnostics) {
    if (d.file !== file) {
      if (file) lines.push('');
      file = d.file;
      lines.push(c.underline(file));
    }
    const sev = d.severity === 'error' ? c.red('error  ') : c.yellow('warning');
    lines.push(`  ${c.dim(`${d.file}:${d.line}:${d.column}`)}  ${sev}  ${d.message}  ${c.dim(d.ruleId)}`);
    if (d.hint) lines.push(`      ${c.dim('fix:')} ${d.hint}`);
  }
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  if (lines.length) lines.push('');
  const summary = `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
  lines.push(errors ? c.red(c.bold(`✖ ${summary}`)) : warnings ? c.yellow(c.bold(`⚠ ${summary}`)) : c.green(`✔ ${summary}`));
  return lines.join('\n');
}

/** JSON report: `{ summary: {errors, warnings}, diagnostics: Diagnostic[] }`. */
export function formatJson(diagnostics: readonly Diagnostic[], extra: Record<string, unknown> = {}): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  return JSON.stringify({ ...extra, summary: { errors, warnings: diagnostics.length - errors }, diagnostics }, null, 2);
}

/**
 * SARIF 2.1.0 log for GitHub code scanning (`github/codeql-action/upload-sarif`).
 * @see https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning
 */
export function formatSarif(diagnostics: readonly Diagnostic[], rules: readonly RuleMeta[], version: string): string {
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'bots validate',
            semanticVersion: version,
            rules: rules.map((r) => ({
              id: r.id,
              name: r.id.replace(/[/-](\w)/g, (_, ch: string) => ch.toUpperCase()),
              shortDescription: { text: r.description },
              fullDescription: { text: `${r.description} Source: ${r.source}` },
              ...(r.source.startsWith('http') ? { helpUri: r.source } : {}),
              help: { text: `See ${r.source}` },
              defaultConfiguration: { level: r.severity === 'error' ? 'error' : 'warning' },
            })),
          },
        },
        results: diagnostics.map((d) => ({
          ruleId: d.ruleId,
          ...(index.has(d.ruleId) ? { ruleIndex: index.get(d.ruleId) } : {}),
          level: d.severity === 'error' ? 'error' : 'warning',
          message: { text: d.hint ? `${d.message} Fix: ${d.hint}` : d.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: d.file, uriBaseId: '%SRCROOT%' },
                region: { startLine: d.line, startColumn: d.column },
              },
            },
          ],
        })),
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}
