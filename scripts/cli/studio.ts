/**
 * `bots studio`: wiring only; the server and the pages are in `scripts/studio/` (loaded when the
 * command runs).
 *
 * Test hook: `BOTS_POLLY_ENDPOINT` points the Polly client at another endpoint (as `bots ssml preview`).
 * @module
 */
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { REGION_PATTERN } from '../deploy/targets.js';
import { colors, EXIT, UserError } from './output.js';
import { findProjectRoot } from './project-root.js';

interface StudioFlags {
  port: string;
  offline?: boolean;
  region?: string;
  profile?: string;
  inMemory?: boolean;
  dataDir?: string;
  json?: boolean;
}

/** Registers `studio` on the program. */
export function registerStudio(program: Command): void {
  program
    .command('studio')
    .description('Serve a local web app for prompt authors: edit, lint, hear and compare prompts, phonemes, chat, tuning report')
    .option('--port <port>', 'TCP port on 127.0.0.1 (0: any free port)', '4590')
    .option('--offline', 'preview with eSpeak NG even when AWS credentials exist (an approximation, no word timings)')
    .option('--region <region>', "AWS region for Polly (default: the bot's first target region, then AWS_REGION)")
    .option('--profile <profile>', 'AWS shared config profile for Polly')
    .addOption(new Option('--in-memory', 'chat: a throwaway emulator (nothing written to .bots/local)').conflicts(['dataDir']))
    .option('--data-dir <dir>', 'chat: the emulator data folder (default .bots/local, shared with bots chat and bots tune)')
    .option('--json', 'print { url, port } as one JSON line when listening (for scripts)')
    .addHelpText(
      'after',
      [
        '',
        'Serves http://127.0.0.1:<port>/ (loopback only) until Ctrl-C. Nothing to build: plain HTML and JavaScript.',
        '',
        'In the page: every prompt per locale with its voice and lint findings (line and column), an editor',
        "with SSML completion for the voice's engine, save back to ssml/ (atomic; refused when the file changed",
        'on disk since it was opened), play with word timings (Polly speech marks; the eSpeak NG offline',
        'approximation has none), two voices or engines side by side, the X-SAMPA/IPA phoneme table of the',
        'language, a chat with the local bot (text or voice channel) and the latest tuning report.',
        '',
        'Audio: Amazon Polly when AWS credentials exist, else eSpeak NG (sudo apt-get install espeak-ng);',
        'renders are cached in .bots/preview-cache like bots ssml preview.',
        '',
        'Exit codes: 0 stopped with Ctrl-C, 1 the server could not start (port in use), 2 usage error.',
        '',
        'Examples:',
        '  bots studio',
        '  bots studio --port 8080 --offline',
        '  bots studio --in-memory --json',
        '',
        'Docs: docs/studio.md',
      ].join('\n'),
    )
    .action(async (flags: StudioFlags, cmd: Command) => {
      const root = findProjectRoot(cmd.optsWithGlobals().dir);
      const port = Number(flags.port);
      if (!/^\d+$/.test(flags.port) || port > 65535) throw new UserError(`--port must be a TCP port from 0 to 65535, not "${flags.port}".`, EXIT.usage);
      if (flags.region && !REGION_PATTERN.test(flags.region)) throw new UserError(`--region: "${flags.region}" is not an AWS region name (e.g. us-east-1).`, EXIT.usage);
      const { startStudio } = await import('../studio/server.js');
      let studio;
      try {
        studio = await startStudio({
          root,
          port,
          ...(flags.offline ? { offline: true } : {}),
          ...(flags.region ? { region: flags.region } : {}),
          ...(flags.profile ? { profile: flags.profile } : {}),
          ...(flags.inMemory ? { local: { dataDir: null } } : flags.dataDir ? { local: { dataDir: resolve(flags.dataDir) } } : {}),
          ...(process.env.BOTS_POLLY_ENDPOINT ? { pollyEndpoint: process.env.BOTS_POLLY_ENDPOINT } : {}),
        });
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EADDRINUSE') throw new UserError(`Port ${port} on 127.0.0.1 is in use (another bots studio?): pass --port <n>, or --port 0 for any free port.`, EXIT.failure);
        if (code === 'EACCES') throw new UserError(`Port ${port} needs privileges: pass --port 1024 or above.`, EXIT.failure);
        throw err;
      }
      if (flags.json) process.stdout.write(`${JSON.stringify({ url: studio.url, port: studio.port })}\n`);
      else process.stdout.write(`${colors.bold('bots studio')} on ${colors.green(studio.url)} (127.0.0.1 only). Ctrl-C to stop.\n`);
      await new Promise<void>((done) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          void studio.close().finally(done);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      process.exitCode = EXIT.ok;
    });
}
