/**
 * `bots import <export>`: turn a LexJson export (zip or folder) into definition files, write them
 * all or none, and print what could not be modelled. A `.json` file in the Flow language (a contact
 * flow exported from the Connect console) goes to `import-flow.ts` instead.
 * @module
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { readExport } from '../lex/export.js';
import { importExport, type ImportReport } from '../lex/import.js';
import { writeFilesAtomically } from '../lex/write-files.js';
import { colors, errColors, EXIT, UserError } from './output.js';
import { findProjectRoot } from './project-root.js';

interface ImportOptions {
  out?: string;
  force?: boolean;
  json?: boolean;
  name?: string;
}

/** Keys listed per resource in the human-readable report; --json has them all. */
const KEYS_SHOWN = 8;

/** Registers `import` on the program. */
export function registerImport(program: Command): void {
  program
    .command('import')
    .description('Turn a Lex V2 LexJson export (.zip or folder) into bots/, intents/ and slot-types/ files, or a contact flow exported from Amazon Connect (.json) into flows/')
    .argument('<export>', 'a LexJson .zip exported from the Lex console, the unzipped folder, or a flow .json exported from the Connect flow designer')
    .option('--out <dir>', 'project folder to write into (default: the project folder found like validate does, else the current folder)')
    .option('--force', 'overwrite files that already exist')
    .option('--json', 'print the files written and the report as JSON')
    .option('--name <flow>', 'contact flows: the flow\'s name when the export has no Metadata.name')
    .addHelpText(
      'after',
      [
        '',
        'Existing files are never overwritten without --force: when any would be, the conflicting files are',
        'listed and nothing is written. Files are written all or none.',
        '',
        'Settings the definition format does not model are kept verbatim under `lex:` in the resource they',
        'belong to, so that `bots export` gives the same export back. The report lists those keys, and any',
        'export file that was not understood (e.g. ConversationFlow.json, the console canvas layout).',
        '',
        'A contact flow (.json with Version 2019-10-30, StartAction, Actions) is written to flows/<Name>.json',
        'as exported, Metadata included; the ARNs and phone numbers of resources the project names (bots/,',
        'flows/instance.yaml, the console\'s display names) become {{kind:Name}} references; the rest is kept',
        'and listed (docs/flows.md#import).',
        '',
        'Exit codes: 0 imported, 1 refused (existing files) or failure, 2 usage error.',
        'Format: https://docs.aws.amazon.com/lexv2/latest/dg/import-export-format.html',
        '',
        'Examples:',
        '  bots import ~/Downloads/MyBot-DRAFT-ABCDEFGHIJ-LexJson.zip',
        '  bots import exported/MyBot --out ../my-bots --force',
        '  bots import ~/Downloads/SelfServiceInbound.json',
      ].join('\n'),
    )
    .action(async (source: string, opts: ImportOptions, cmd: Command) => {
      if (source.toLowerCase().endsWith('.json')) {
        const text = await readFile(resolve(source), 'utf8').catch((err: NodeJS.ErrnoException) => {
          throw new UserError(err.code === 'ENOENT' ? `${source} does not exist.` : err.message);
        });
        const { importFlowFile } = await import('./import-flow.js');
        return importFlowFile(source, text, outDir(opts.out, cmd.optsWithGlobals().dir), opts);
      }
      let files: Map<string, string>;
      try {
        files = await readExport(resolve(source));
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        throw new UserError(code === 'ENOENT' ? `${source} does not exist.` : err instanceof Error ? err.message : String(err));
      }
      let result;
      try {
        result = importExport(files);
      } catch (err) {
        throw new UserError(`Cannot import ${source}: ${err instanceof Error ? err.message : String(err)}`);
      }
      const dir = outDir(opts.out, cmd.optsWithGlobals().dir);
      const { written, conflicts } = await writeFilesAtomically(dir, result.files, { force: opts.force });
      const refused = conflicts.length > 0 && !opts.force;

      if (opts.json) {
        process.stdout.write(`${JSON.stringify({ out: dir, imported: !refused, written, conflicts, report: result.report }, null, 2)}\n`);
      } else if (!refused) {
        process.stdout.write(formatReport(result.report, dir, written));
      }
      if (refused) {
        if (!opts.json) {
          process.stderr.write(`${errColors.red('These files exist already:')}\n${conflicts.map((c) => `  ${c}\n`).join('')}`);
        }
        throw new UserError(`Nothing written to ${dir}: ${conflicts.length} file${conflicts.length === 1 ? '' : 's'} would be overwritten. Pass --force to overwrite, or --out <dir> to import elsewhere.`);
      }
      process.exitCode = EXIT.ok;
    });
}

function outDir(out: string | undefined, dir: string | undefined): string {
  if (out) return resolve(out);
  if (dir) return findProjectRoot(dir);
  try {
    return findProjectRoot();
  } catch {
    return process.cwd();
  }
}

/** The human-readable import report. */
export function formatReport(report: ImportReport, dir: string, written: string[]): string {
  const lines = [`${colors.green('✔')} Imported bot ${colors.bold(report.bot)} (${report.locales.join(', ')}) into ${dir}: ${written.length} files`];
  for (const w of written) lines.push(`  ${w}`);
  if (report.kept.length) {
    lines.push('', colors.bold('Kept verbatim under lex: (settings the definition format does not model)'));
    for (const k of report.kept) {
      lines.push(`  ${k.resource} ${colors.dim(`(${k.file})`)}: ${k.keys.length} key${k.keys.length === 1 ? '' : 's'}`);
      for (const key of k.keys.slice(0, KEYS_SHOWN)) lines.push(`    ${key}`);
      if (k.keys.length > KEYS_SHOWN) lines.push(colors.dim(`    ... and ${k.keys.length - KEYS_SHOWN} more (--json lists all)`));
    }
  }
  if (report.unknownFiles.length) {
    lines.push('', colors.yellow(colors.bold('Files not understood, not imported:')));
    for (const f of report.unknownFiles) lines.push(`  ${f}`);
  }
  if (report.notes.length) {
    lines.push('', colors.bold('Notes:'));
    for (const n of report.notes) lines.push(`  ${n}`);
  }
  if (report.lossy.length) {
    lines.push('', colors.yellow(colors.bold('Not reproduced by bots export:')));
    for (const l of report.lossy) lines.push(`  ${l.file}: ${l.keys.join(', ')}`);
  }
  return `${lines.join('\n')}\n`;
}
