/**
 * The `bots` command line: wiring only. Each command parses its flags, calls a capability and prints.
 * @module
 */
import { Command, CommanderError } from 'commander';
import { registerDeploy } from './deploy.js';
import { registerExport } from './export.js';
import { registerImport } from './import.js';
import { registerLocal } from './local.js';
import { errColors, EXIT, UserError } from './output.js';
import { registerValidate, VERSION } from './validate.js';
import { registerSsml } from './ssml.js';
import { registerChat } from './chat.js';
import { registerTest } from './test.js';
import { registerEval } from './eval.js';
import { registerTune } from './tune.js';
import { registerTranslate } from './translate.js';
import { registerStudio } from './studio.js';
import { registerCall } from './call.js';
import { registerFlows } from './flows.js';

const program = new Command('bots')
  .description('Amazon Lex V2 bots as code for Amazon Connect: validate, export and import definitions.')
  .version(VERSION)
  .option('-C, --dir <project>', 'project folder (default: the nearest folder holding bots/)')
  .showSuggestionAfterError()
  .exitOverride()
  .configureOutput({ outputError: (str, write) => write(errColors.red(str)) });

registerValidate(program);
registerExport(program);
registerImport(program);
registerLocal(program);
registerDeploy(program);
registerSsml(program);
registerChat(program);
registerTest(program);
registerEval(program);
registerTune(program);
registerTranslate(program);
registerStudio(program);
registerCall(program);
registerFlows(program);

for (const cmd of program.commands) cmd.exitOverride();

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    // help and --version exit 0; every other parse error is a usage error.
    process.exitCode = err.exitCode === 0 ? EXIT.ok : EXIT.usage;
  } else if (err instanceof UserError) {
    process.stderr.write(`${errColors.red('error:')} ${err.message}\n`);
    process.exitCode = err.exitCode;
  } else {
    process.stderr.write(`${errColors.red('internal error:')} ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = EXIT.failure;
  }
}
