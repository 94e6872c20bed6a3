/**
 * `bots local serve`: the Lex V2 emulator as a standing server (like DynamoDB Local), and
 * `bots local reset`: clear its data directory.
 * @module
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { parseFaults, type FaultConfig } from '../emulator/faults.js';
import { DEFAULT_DATA_DIR } from '../emulator/models/store.js';
import { colors, EXIT, UserError } from './output.js';
import { findProjectRoot } from './project-root.js';

/** Environment variable with fault rules for `bots local serve` (same syntax as `--fault`). */
export const FAULTS_ENV = 'BOTS_LOCAL_FAULTS';

/** Default port of `bots local serve`. */
export const DEFAULT_PORT = 4566;

/**
 * Files an emulator data directory may hold (the emulator's, and the local fulfillment backends':
 * SMS outbox, OTP hash key, the folder's own .gitignore); `reset` refuses folders with anything else.
 */
const DATA_FILE = /^(models\.json|utterances\.jsonl|models\.json\.\d+\.\d+\.tmp|conversation-logs?\.jsonl|sms-outbox\.jsonl|otp-hash\.key|\.gitignore)$/;

interface ServeOptions {
  port: string;
  host: string;
  dataDir?: string;
  inMemory?: boolean;
  fault?: string[];
  buildDelay: string;
  region: string;
  conversationLog?: string;
  quiet?: boolean;
}

/** The data directory: `--data-dir`, else `.bots/local` in the project (or the working directory outside one). */
function dataDirOf(opt: string | undefined, projectDir: string | undefined): string {
  if (opt) return resolve(opt);
  let root = process.cwd();
  try {
    root = findProjectRoot(projectDir);
  } catch {
    // Outside a project: the working directory.
  }
  return isAbsolute(DEFAULT_DATA_DIR) ? DEFAULT_DATA_DIR : join(root, DEFAULT_DATA_DIR);
}

function wholeNumber(text: string, flag: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw new UserError(`${flag} must be a whole number, not "${text}".`, EXIT.usage);
  return n;
}

/** Registers `local serve` and `local reset` on the program. */
export function registerLocal(program: Command): void {
  const local = program
    .command('local')
    .description('Run the local Lex V2 emulator (models and runtime API) that the AWS SDK and CLI can use with an endpoint override');

  local
    .command('serve')
    .description('Start the emulator and keep it running until Ctrl-C, SIGTERM, or the end of the process that started it (npm run, npx)')
    .option('-p, --port <port>', 'port to listen on (0 picks a free one)', String(DEFAULT_PORT))
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .addOption(new Option('--data-dir <dir>', `folder for the emulator's state (default ${DEFAULT_DATA_DIR} in the project)`).conflicts('inMemory'))
    .option('--in-memory', 'keep nothing on disk')
    .option('--fault <rule...>', `inject faults (also from $${FAULTS_ENV}): throttle:<Op|*>[:N], error:<Op|*>[:N], latency:<Op|*>:<ms>, fail-build[:N], retry-after:<s>`)
    .option('--build-delay <ms>', 'how long BuildBotLocale stays Building', '50')
    .option('--region <region>', 'region for unsigned requests (signed requests use their own)', 'us-east-1')
    .option('--conversation-log <file>', 'append one Lex conversation-log JSON record per runtime turn to this file')
    .option('-q, --quiet', 'do not print one line per request')
    .addHelpText(
      'after',
      [
        '',
        'Resources are kept per region (the region the SDK signs for), in the data folder, and shared',
        'with other processes using the same folder (a deploy in one terminal, a chat in another).',
        '',
        'Examples:',
        '  bots local serve',
        '  bots local serve --port 0 --in-memory',
        '  bots local serve --fault throttle:CreateBot:2 --fault latency:*:100',
        `  ${FAULTS_ENV}=fail-build bots local serve`,
        '',
        'Then: aws lexv2-models list-bots --endpoint-url http://127.0.0.1:4566 --region us-east-1',
        'Docs: docs/emulator.md',
      ].join('\n'),
    )
    .action(async (opts: ServeOptions, cmd: Command) => {
      let faults: FaultConfig = {};
      try {
        faults = parseFaults([...(process.env[FAULTS_ENV] ? [process.env[FAULTS_ENV]] : []), ...(opts.fault ?? [])]);
      } catch (err) {
        throw new UserError(err instanceof Error ? err.message : String(err), EXIT.usage);
      }
      const dataDir = opts.inMemory ? null : dataDirOf(opts.dataDir, cmd.optsWithGlobals().dir);
      const port = wholeNumber(opts.port, '--port');
      // Loaded here so that other commands do not pay for the emulator's runtime and NLU modules.
      const { startEmulator } = await import('../emulator/server.js');
      const { startLocalFulfillment } = await import('../emulator/local-fulfillment.js');
      // Code hooks run the project's fulfillment Lambdas in-process, on their embedded local backends.
      const fulfillment = await startLocalFulfillment({ dataDir: dataDir ?? mkdtempSync(join(tmpdir(), 'bots-local-')) });
      const conversationLogFile = opts.conversationLog ? resolve(opts.conversationLog) : dataDir ? join(dataDir, 'conversation-logs.jsonl') : undefined;
      let emulator;
      try {
        emulator = await startEmulator({
          dataDir,
          port,
          host: opts.host,
          faults,
          buildDelayMs: wholeNumber(opts.buildDelay, '--build-delay'),
          region: opts.region,
          runtime: { codeHooks: fulfillment.codeHooks, conversationLogFile },
          log: opts.quiet ? undefined : (line) => process.stdout.write(`${colors.dim(new Date().toISOString())} ${line}\n`),
        });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new UserError(`Port ${port} is in use. Pick another with --port, or --port 0 for a free one.`);
        throw err;
      }
      const { endpoint } = emulator;
      process.stdout.write(
        [
          `${colors.green('✔')} Lex V2 emulator listening on ${colors.bold(endpoint)}`,
          `  data: ${dataDir ?? 'in memory'}`,
          `  pid: ${process.pid}`,
          `  faults: ${Object.keys(faults).length ? JSON.stringify(faults) : 'none'}`,
          '',
          `  AWS_ACCESS_KEY_ID=x AWS_SECRET_ACCESS_KEY=x aws lexv2-models list-bots --endpoint-url ${endpoint} --region ${opts.region}`,
          `  new LexModelsV2Client({ endpoint: '${endpoint}', region: '${opts.region}' })`,
          '',
          'Press Ctrl-C to stop.',
          '',
        ].join('\n'),
      );
      await new Promise<void>((done) => {
        // Started through npm run / npx, this process is the child of npm, which does not pass SIGTERM
        // on: when the process that started it goes away, the emulator stops too instead of holding the port.
        // npm runs the command through `sh -c`, so the shell may outlive npm: watch the grandparent too.
        const parent = process.ppid;
        const starters = [parent, parentOf(parent)].filter((p): p is number => p !== undefined && p > 1);
        const orphaned = setInterval(() => {
          if (process.ppid !== parent || starters.some((p) => !running(p))) stop();
        }, 500);
        orphaned.unref();
        const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
        const stop = () => {
          clearInterval(orphaned);
          for (const s of signals) process.off(s, stop);
          // A close that hangs (a client holding a connection open) must not keep the port: exit after 5 s.
          setTimeout(() => process.exit(EXIT.ok), 5000).unref();
          void emulator.close().then(() => fulfillment.close()).finally(done);
        };
        for (const s of signals) process.on(s, stop);
      });
      process.stdout.write('Emulator stopped.\n');
      process.exitCode = EXIT.ok;
    });

  local
    .command('reset')
    .description("Delete the emulator's data folder (all bots, versions, aliases and recorded utterances)")
    .option('--data-dir <dir>', `folder to clear (default ${DEFAULT_DATA_DIR} in the project)`)
    .addHelpText('after', '\nStop `bots local serve` first, or it writes its in-memory state back on the next change.')
    .action((opts: { dataDir?: string }, cmd: Command) => {
      const dir = dataDirOf(opts.dataDir, cmd.optsWithGlobals().dir);
      if (!existsSync(dir)) {
        process.stdout.write(`Nothing to reset: ${dir} does not exist.\n`);
        return;
      }
      if (!statSync(dir).isDirectory()) throw new UserError(`${dir} is not a folder.`);
      const foreign = readdirSync(dir).filter((f) => !DATA_FILE.test(f));
      // Refuse folders that hold anything else, so a mistyped --data-dir cannot delete real files.
      if (foreign.length) throw new UserError(`${dir} does not look like an emulator data folder (it holds ${foreign.slice(0, 3).join(', ')}); not deleting it.`);
      rmSync(dir, { recursive: true, force: true });
      process.stdout.write(`${colors.green('✔')} Cleared ${dir}\n`);
    });
}

/** The parent pid of `pid` from /proc (Linux), or undefined. */
function parentOf(pid: number): number | undefined {
  try {
    // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so split after the last ")".
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return Number.isInteger(ppid) ? ppid : undefined;
  } catch {
    return undefined;
  }
}

/** Whether `pid` runs (an exited process not yet reaped, a zombie, does not). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}
