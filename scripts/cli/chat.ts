/**
 * `bots chat`: talk to a bot in the terminal, against the local emulator or a deployed alias.
 * Wiring only; the work is in `scripts/conversation/chat.ts`.
 * @module
 */
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { REGION_PATTERN } from '../deploy/targets.js';
import { colors, errColors, EXIT, UserError } from './output.js';
import { findProjectRoot } from './project-root.js';
import { assertBotLocales } from './locales.js';

interface ChatFlags {
  bot?: string;
  locale?: string;
  region?: string;
  alias?: string;
  profile?: string;
  debug?: boolean;
  voice?: boolean;
  attr?: string[];
  caller?: string;
  sessionId?: string;
  inMemory?: boolean;
  dataDir?: string;
  deploy: boolean;
}

/** Registers `chat` on the program. */
export function registerChat(program: Command): void {
  program
    .command('chat')
    .description('Talk to a bot in the terminal (local emulator by default, or a deployed alias)')
    .option('--bot <name>', 'bot (default: the only or first bot in bots/)')
    .option('--locale <id>', "locale, e.g. es_US (default: the bot's first locale)")
    .option('--region <region>', 'talk to the deployed alias in this AWS region')
    .option('--alias <name>', "alias name (default: the bot's alias in its definition, e.g. live)")
    .option('--profile <profile>', 'AWS shared config profile')
    .option('--debug', 'per turn: top interpretations with confidence, slots, dialog action, session attributes')
    .option('--voice', 'a voice contact through Connect: SSML answers, shown as a caller hears them')
    .option('--attr <key=value...>', 'session attributes to start with, as a Connect flow sets them')
    .option('--caller <e164>', "the caller's number: runs the Connect customer lookup first (local), like --attr phoneNumber=...")
    .option('--session-id <id>', 'Lex session id (default: a new one)')
    .addOption(new Option('--in-memory', 'local: a throwaway emulator (nothing written to .bots/local)').conflicts(['dataDir']))
    .option('--data-dir <dir>', 'local: the emulator data folder (default .bots/local)')
    .option('--no-deploy', 'local: do not deploy the definitions first')
    .addHelpText(
      'after',
      [
        '',
        'One line is one user turn; type digits as a caller would key them (DTMF). Commands: /attr key=value,',
        '/attrs, /debug, /new, /help, /quit. With input piped in, each line is a turn and the chat ends at the',
        'end of the input (for scripts and tests).',
        '',
        'Local target (default): deploys the definitions into the emulator first and runs the fulfillment',
        'Lambdas in-process; every text the local SMS outbox receives (the passcode) is shown.',
        '',
        'Examples:',
        '  bots chat',
        '  bots chat --locale fr_CA --debug',
        '  bots chat --voice --caller +12025550143',
        "  printf 'what is my balance\\n202-555-0143\\n' | bots chat --in-memory",
        '  bots chat --region us-east-1 --alias live --attr contactId=test-1',
        '',
        'Docs: docs/conversations.md',
      ].join('\n'),
    )
    .action(async (flags: ChatFlags, cmd: Command) => {
      const root = findProjectRoot(cmd.optsWithGlobals().dir);
      if (flags.region && !REGION_PATTERN.test(flags.region)) throw new UserError(`--region: "${flags.region}" is not an AWS region name (e.g. us-east-1).`, EXIT.usage);
      if (flags.caller && !/^\+[1-9]\d{6,14}$/.test(flags.caller)) throw new UserError(`--caller: "${flags.caller}" is not an E.164 number (e.g. +12025550143).`, EXIT.usage);
      const { runChat, parseAttributes } = await import('../conversation/chat.js');
      const { openLexTarget, LexTargetError } = await import('../conversation/target.js');
      const { PlainProgress } = await import('../deploy/progress.js');
      let attributes: Record<string, string>;
      try {
        attributes = parseAttributes(flags.attr ?? []);
      } catch (err) {
        throw new UserError(`--attr: ${(err as Error).message} Use --attr key=value.`, EXIT.usage);
      }
      const bot = flags.bot ?? (await defaultBot(root));
      await assertBotLocales(root, bot, flags.locale ? [flags.locale] : []);
      let target;
      try {
        target = await openLexTarget({
          root,
          bot,
          ...(flags.locale ? { localeId: flags.locale } : {}),
          ...(flags.region ? { region: flags.region } : {}),
          ...(flags.alias ? { alias: flags.alias } : {}),
          ...(flags.profile ? { profile: flags.profile } : {}),
          ...(flags.inMemory ? { local: { dataDir: null } } : flags.dataDir ? { local: { dataDir: resolve(flags.dataDir) } } : {}),
          deploy: flags.deploy,
          ...(process.stdin.isTTY ? { progress: new PlainProgress(process.stderr) } : {}),
        });
      } catch (err) {
        if (err instanceof LexTargetError) throw new UserError(err.message);
        throw err;
      }
      try {
        const interactive = Boolean(process.stdin.isTTY);
        const r = await runChat({
          target,
          input: process.stdin,
          output: process.stdout,
          interactive,
          debug: flags.debug ?? false,
          voice: flags.voice ?? false,
          attributes,
          ...(flags.caller ? { caller: flags.caller } : {}),
          ...(flags.sessionId ? { sessionId: flags.sessionId } : {}),
          paint: colors,
        });
        if (r.errors) process.stderr.write(`${errColors.red(`${r.errors} turn(s) failed`)}\n`);
        process.exitCode = r.errors ? EXIT.failure : EXIT.ok;
      } finally {
        await target.close();
      }
    });
}

/** The bot when `--bot` is not given: the first in bots/ (sorted by the loader). */
async function defaultBot(root: string): Promise<string> {
  const { loadProject } = await import('../definitions/load.js');
  const { project } = await loadProject(root);
  const first = project.bots[0];
  if (!first) throw new UserError(`No bots in ${root}/bots: add a bot file first.`);
  return first.name;
}
