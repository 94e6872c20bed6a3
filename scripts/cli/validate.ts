/**
 * `bots validate`: load, run every rule, print, and exit 0 (clean), 1 (errors) or 2 (usage).
 * @module
 */
import type { Command } from 'commander';
import { Option } from 'commander';
import { loadProject } from '../definitions/load.js';
import { ALL_RULES, validateProject } from '../validate/index.js';
import { formatJson, formatSarif, formatStylish, type ReportFormat } from '../validate/reporters.js';
import { colors, EXIT } from './output.js';
import { findProjectRoot } from './project-root.js';
import { writeFile } from 'node:fs/promises';

export const VERSION = '0.1.0';

/** Registers `validate` on the program. */
export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('Check every definition in bots/, intents/, slot-types/, ssml/ and flows/ against the format, the Lex V2 and Connect flow language rules and the project rules')
    .addOption(new Option('--format <format>', 'output format').choices(['stylish', 'json', 'sarif']).default('stylish'))
    .option('--fail-on-warnings', 'exit 1 when there are warnings, not only errors')
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('--rules', 'list the rules with their source and exit')
    .addHelpText('after', '\nExit codes: 0 clean, 1 errors (or warnings with --fail-on-warnings), 2 usage error.\nRules: docs/rules.md')
    .action(async (opts: { format: ReportFormat; failOnWarnings?: boolean; output?: string; rules?: boolean }, cmd: Command) => {
      if (opts.rules) {
        const out = opts.format === 'json' ? JSON.stringify(ALL_RULES, null, 2) : ALL_RULES.map((r) => `${r.id.padEnd(34)} ${r.severity.padEnd(8)} ${r.description}\n${' '.repeat(44)}${colors.dim(r.source)}`).join('\n');
        process.stdout.write(`${out}\n`);
        return;
      }
      const root = findProjectRoot(cmd.optsWithGlobals().dir);
      const { project, diagnostics } = await loadProject(root);
      const all = validateProject(project, diagnostics);
      const text =
        opts.format === 'json'
          ? formatJson(all, { bots: project.bots.map((b) => b.name) })
          : opts.format === 'sarif'
            ? formatSarif(all, ALL_RULES, VERSION)
            : formatStylish(all, opts.output ? plain : colors);
      if (opts.output) await writeFile(opts.output, `${text}\n`);
      else process.stdout.write(`${text}\n`);
      const errors = all.some((d) => d.severity === 'error');
      const warnings = all.some((d) => d.severity === 'warning');
      process.exitCode = errors || (opts.failOnWarnings && warnings) ? EXIT.failure : EXIT.ok;
    });
}

const id = (s: string) => s;
const plain = { red: id, yellow: id, dim: id, underline: id, bold: id, green: id };
