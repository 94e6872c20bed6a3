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
  .description(
    'Amazon Lex V2 bots for Amazon Connect as code: YAML and SSML definitions, validated, tested and deployed ' +
      'to a local Lex V2 emulator or to AWS regions, with tools for prompts, tuning and new languages.',
  )
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

/** One line per command in `bots --help` (each command's own --help has the full description). */
const SUMMARIES: Record<string, string> = {
  validate: 'check the definitions, SSML and contact flows',
  export: 'write a bot as a Lex V2 LexJson zip',
  import: 'turn a LexJson export into definition files',
  local: 'run the local Lex V2 emulator (serve, reset)',
  deploy: 'deploy to the local emulator or AWS regions',
  ssml: 'lint, phonemes and audio preview of prompts',
  chat: 'talk to a bot in the terminal',
  test: 'run the conversation tests',
  eval: 'measure the NLU per intent',
  tune: 'missed utterances and where they belong',
  translate: 'draft new locales with Amazon Translate',
  studio: 'local web app for prompt authors',
  call: 'simulate a contact through the contact flow',
};

for (const cmd of program.commands) {
  cmd.exitOverride();
  const summary = SUMMARIES[cmd.name()];
  if (summary) cmd.summary(summary);
}

program.addHelpText(
  'after',
  [
    '',
    'Workflows:',
    '  try it, no AWS account     npx bots deploy && npx bots chat',
    '  change the bot             edit intents/; npx bots validate && npx bots test',
    '  prompts                    npx bots ssml preview goodbye; npx bots studio',
    '  ship to AWS                npx bots deploy --region us-east-1',
    '  learn from callers         npx bots tune --region us-east-1, then --apply',
    '  a new language             npx bots translate --to de_DE (then review)',
    '',
    'Every command has --help and exits 0 (ok), 1 (findings, failure) or 2 (usage).',
    'Colour only on a terminal, never with NO_COLOR; --json for CI.',
    '',
    'Docs: README.md, docs/definitions.md, docs/deploy.md, docs/emulator.md,',
    '  docs/conversations.md, docs/prompts.md, docs/tuning.md, docs/locales.md,',
    '  docs/flows.md, docs/fulfillment.md, docs/rules.md',
  ].join('\n'),
);

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
