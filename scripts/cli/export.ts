/**
 * `bots export <bot>`: validate, then write the bot as a LexJson zip (or folder) for the Lex console,
 * CloudFormation `BotFileS3Location` or `StartImport`.
 * @module
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { loadProject } from '../definitions/load.js';
import type { Bot } from '../definitions/model.js';
import { intentMessages } from '../definitions/walk.js';
import { exportBot, zipFiles } from '../lex/export.js';
import { validateProject } from '../validate/index.js';
import { formatStylish } from '../validate/reporters.js';
import { colors, errColors, EXIT, UserError } from './output.js';
import { findProjectRoot } from './project-root.js';

interface ExportOptions {
  out?: string;
  outDir?: string;
  force?: boolean;
  json?: boolean;
}

/** Registers `export` on the program. */
export function registerExport(program: Command): void {
  program
    .command('export')
    .description('Validate a bot and write it as a Lex V2 LexJson export (the zip the Lex console imports)')
    .argument('<bot>', 'bot name: the file bots/<bot>.yaml')
    .addOption(new Option('--out <file>', 'zip file to write (default: <bot>-DRAFT-LexJson.zip in the current folder)').conflicts('outDir'))
    .addOption(new Option('--out-dir <folder>', 'write the export unzipped into this folder instead of a zip').conflicts('out'))
    .option('--force', 'export even when validation finds errors in the files the bot uses')
    .option('--json', 'print what was written as JSON')
    .addHelpText(
      'after',
      [
        '',
        'The bot is validated first; errors in its files stop the export (warnings do not).',
        'Each file is generated from the definitions, with the `lex:` passthrough of each resource merged over it.',
        '',
        'Exit codes: 0 exported, 1 validation errors or failure, 2 usage error.',
        'Format: https://docs.aws.amazon.com/lexv2/latest/dg/import-export-format.html',
        '',
        'Examples:',
        '  bots export SelfService',
        '  bots export SelfService --out build/SelfService.zip',
        '  bots export SelfService --out-dir build/SelfService',
      ].join('\n'),
    )
    .action(async (botName: string, opts: ExportOptions, cmd: Command) => {
      const root = findProjectRoot(cmd.optsWithGlobals().dir);
      const { project, diagnostics } = await loadProject(root);
      const all = validateProject(project, diagnostics);
      const bot = project.bots.find((b) => b.name === botName);
      const relevant = bot ? all.filter((d) => filesOf(bot).has(d.file)) : all.filter((d) => d.file === `bots/${botName}.yaml`);
      const errors = relevant.filter((d) => d.severity === 'error');
      const warnings = relevant.filter((d) => d.severity === 'warning');

      if (errors.length && (!bot || !opts.force)) {
        if (opts.json) process.stdout.write(`${JSON.stringify({ bot: botName, exported: false, diagnostics: relevant }, null, 2)}\n`);
        else process.stderr.write(`${formatStylish(relevant, errColors)}\n`);
        throw new UserError(
          bot
            ? `Not exporting ${botName}: validation found ${errors.length} error${errors.length === 1 ? '' : 's'} in its files. Fix them, or pass --force to export anyway.`
            : `bots/${botName}.yaml does not load; fix the errors above.`,
        );
      }

      let files: Map<string, string>;
      try {
        files = exportBot(project, botName);
      } catch (err) {
        throw new UserError(err instanceof Error ? err.message : String(err));
      }
      const target = opts.outDir ? resolve(opts.outDir) : resolve(opts.out ?? `${botName}-DRAFT-LexJson.zip`);
      if (opts.outDir) {
        for (const [rel, text] of files) {
          const path = join(target, rel);
          await mkdir(dirname(path), { recursive: true });
          await writeFile(path, text);
        }
      } else {
        await mkdir(dirname(target), { recursive: true });
        await writeFile(target, zipFiles(files));
      }

      if (opts.json) {
        const summary = { bot: botName, exported: true, out: target, format: opts.outDir ? 'folder' : 'zip', files: [...files.keys()].sort(), diagnostics: relevant };
        process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
      } else {
        if (relevant.length) process.stderr.write(`${formatStylish(relevant, errColors)}\n`);
        const b = project.bots.find((x) => x.name === botName)!;
        const intents = b.locales.reduce((n, l) => n + l.intents.length, 0);
        process.stdout.write(
          `${colors.green('✔')} Exported ${botName} (${b.locales.map((l) => l.localeId).join(', ')}; ${intents} intents, ${files.size} files) to ${target}\n`,
        );
        if (errors.length) process.stdout.write(colors.yellow(`  exported with --force despite ${errors.length} validation error(s)\n`));
        else if (warnings.length) process.stdout.write(colors.dim(`  ${warnings.length} validation warning(s); run bots validate for details\n`));
      }
      process.exitCode = EXIT.ok;
    });
}

/** Project files a bot is made of: its bot file, intent and slot type files, and the SSML prompts its messages use. */
function filesOf(bot: Bot): Set<string> {
  const files = new Set([bot.file]);
  for (const locale of bot.locales) {
    for (const intent of locale.intents) {
      files.add(intent.file);
      for (const { message } of intentMessages(intent)) if (message.kind === 'ssml') files.add(`ssml/${locale.localeId}/${message.id}.ssml`);
    }
    for (const st of locale.slotTypes) files.add(st.file);
  }
  return files;
}
