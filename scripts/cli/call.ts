/**
 * `bots call`: a local contact simulator. A contact dials a number, runs through the contact flow of
 * `flows/` that answers it (language, hours of operation, the customer lookup Lambda, the Lex bot,
 * routing on the bot's `nextAction`) and the path it took is printed at the end.
 * Wiring only; the work is in `scripts/flows/simulator.ts` and `scripts/flows/interpreter.ts`.
 * @module
 */
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import type { Caller, ContactFaults } from '../flows/interpreter.js';
import { colors, errColors, EXIT, UserError } from './output.js';
import { findProjectRoot } from './project-root.js';

interface CallFlags {
  to: string;
  from: string;
  flow?: string;
  dtmf: string[];
  say: string[];
  chat?: boolean;
  at?: string;
  fault: string[];
  json?: boolean;
  dataDir?: string;
}

const E164 = /^\+[1-9]\d{6,14}$/;
const collect = (v: string, prev: string[]) => [...prev, v];

/** Registers `call` on the program. */
export function registerCall(program: Command): void {
  program
    .command('call')
    .description('Simulate a contact: dial a number, run the contact flow with the local bot, print the path taken')
    .requiredOption('--to <e164>', 'the number dialled, e.g. +18005550100 (picks the flow from flows/instance.yaml)')
    .requiredOption('--from <e164>', "the caller's number, e.g. +12025550143 (a sample customer) or any other")
    .option('--flow <name>', 'start in this flow instead of the one the number rings')
    .option('--dtmf <keys>', 'keys for the next "Get customer input" block (repeat for each; none = no key pressed)', collect, [])
    .option('--say <text>', 'what the caller says to the bot, one turn each (repeat); {otp} = the last passcode texted to --from; "" = silence', collect, [])
    .option('--chat', 'a chat contact instead of a voice call (plain-text answers; the number is only a claim)')
    .option('--at <iso-time>', 'the time of the call, for hours of operation (default now), e.g. 2026-12-01T21:30:00-05:00')
    .option('--fault <rule>', 'inject a fault (repeat): lambda:<Name>:error|timeout|invalid, queue:<Name>:full, bot:<Name>:error', collect, [])
    .option('--json', 'print the path as JSON (no live transcript)')
    .option('--data-dir <dir>', 'keep the local emulator state in this folder (default: in memory)')
    .addHelpText(
      'after',
      [
        '',
        'On a terminal with no --say the call is interactive: type what the caller says when the bot listens,',
        'and the keys when a menu asks (Enter alone = no key); Ctrl-D hangs up. With --say (or input piped in,',
        'one turn per line) the call is scripted and ends when the caller has nothing more to say.',
        '',
        'Everything runs locally: the bots the flows name are deployed into the in-process Lex emulator and',
        'reached through the Lex Runtime V2 SDK; the customer lookup Lambda runs in-process on the embedded',
        'DynamoDB with the sample customers (fulfillment/data/customers.json); hours, queues and numbers come',
        'from flows/instance.yaml. Printed numbers keep only their last two digits.',
        '',
        'Exit codes: 0 the contact ended as the flow says (queue, callback, disconnect, caller hang-up),',
        '1 the simulator stopped it (a block not simulated, a loop, a broken flow), 2 usage error.',
        '',
        'Examples:',
        '  bots call --to +18005550100 --from +13125550188 --dtmf 1 --say "talk to an agent"     # VIP',
        '  bots call --to +18005550101 --from +12025550199 --say "quiero hablar con un agente"  # Spanish line',
        '  bots call --to +18005550100 --from +12025550143 --dtmf 1 --at 2026-12-06T23:00:00-05:00  # after hours',
        '  bots call --to +18005550100 --from +12025550143 --dtmf 1 --say agent --fault lambda:CustomerLookup:error',
        '  bots call --to +18005550100 --from +12025550143 --chat',
        '',
        'Docs: docs/flows.md',
      ].join('\n'),
    )
    .action(async (flags: CallFlags, cmd: Command) => {
      const root = findProjectRoot(cmd.optsWithGlobals().dir);
      for (const [name, v] of [['--to', flags.to], ['--from', flags.from]] as const) {
        if (!E164.test(v)) throw new UserError(`${name}: "${v}" is not an E.164 number (e.g. +18005550100).`, EXIT.usage);
      }
      for (const k of flags.dtmf) if (!/^[0-9*#]{1,20}$/.test(k)) throw new UserError(`--dtmf: "${k}" is not keys a phone has (0-9, * and #).`, EXIT.usage);
      let at: Date | undefined;
      if (flags.at !== undefined) {
        at = new Date(flags.at);
        if (!/^\d{4}-\d{2}-\d{2}T/.test(flags.at) || Number.isNaN(at.getTime())) throw new UserError(`--at: "${flags.at}" is not an ISO 8601 time; write e.g. 2026-12-01T21:30:00-05:00.`, EXIT.usage);
      }
      const faults = parseCallFaults(flags.fault);
      const { openContactSimulator, SimulatorError } = await import('../flows/simulator.js');
      const { ContactFlowError } = await import('../flows/interpreter.js');
      const { formatPath, formatTranscriptEntry, pathToJson, completed } = await import('../flows/path-report.js');
      const { PlainProgress } = await import('../deploy/progress.js');
      const { resolve } = await import('node:path');
      const interactive = Boolean(process.stdin.isTTY) && !flags.say.length && !flags.json;
      const piped = !process.stdin.isTTY && !flags.say.length;

      let sim;
      try {
        sim = await openContactSimulator({ root, dataDir: flags.dataDir ? resolve(flags.dataDir) : null, ...(interactive ? { progress: new PlainProgress(process.stderr) } : {}) });
      } catch (err) {
        if (err instanceof SimulatorError) throw new UserError(err.message);
        throw err;
      }
      const rl = interactive || piped ? createInterface({ input: process.stdin, ...(interactive ? { output: process.stdout, terminal: true } : { terminal: false }) }) : undefined;
      const lines = rl?.[Symbol.asyncIterator]();
      rl?.on('SIGINT', () => rl.close());
      const keys = [...flags.dtmf];
      const ask = async (prompt: string): Promise<string | undefined> => {
        if (interactive) process.stdout.write(colors.bold(prompt));
        const r = await lines!.next();
        return r.done ? undefined : String(r.value).trim();
      };
      try {
        if (!flags.json) {
          const flowName = flags.flow ?? sim.instance.phoneNumbers.find((p) => p.number === flags.to)?.flow ?? '?';
          process.stdout.write(`${colors.bold(`Calling ${flags.to} (${flowName}) from ${flags.from.slice(0, 2)}…${flags.from.slice(-2)}${flags.chat ? ', chat' : ''}${at ? ` at ${at.toISOString()}` : ''}`)}\n`);
        }
        const path = await sim.call({
          to: flags.to,
          from: flags.from,
          ...(flags.flow ? { flow: flags.flow } : {}),
          channel: flags.chat ? 'CHAT' : 'VOICE',
          ...(at ? { at } : {}),
          faults,
          ...(rl
            ? {
                caller: {
                  async respond(req): ReturnType<Caller['respond']> {
                    if (req.kind === 'dtmf') {
                      if (keys.length) return keys.shift()!;
                      if (!interactive) return null;
                      const k = await ask('keys> ');
                      return k === undefined ? undefined : k === '' ? null : k;
                    }
                    for (;;) {
                      const said = await ask('caller> ');
                      if (said === undefined) return undefined;
                      if (said) return said;
                      if (!interactive) return null;
                    }
                  },
                } satisfies Caller,
              }
            : { dtmf: flags.dtmf, say: flags.say }),
          ...(flags.json ? {} : { onTranscript: (e) => { if (!(interactive && e.from === 'caller')) process.stdout.write(`  ${formatTranscriptEntry(e, colors)}\n`); } }),
        });
        if (flags.json) process.stdout.write(`${JSON.stringify(pathToJson(path), null, 2)}\n`);
        else process.stdout.write(`\n${formatPath(path, colors)}\n`);
        process.exitCode = completed(path) ? EXIT.ok : EXIT.failure;
      } catch (err) {
        if (err instanceof ContactFlowError) throw new UserError(`${err.message} Run bots validate.`);
        if (err instanceof Error && /passcode was texted|needs the caller/.test(err.message)) throw new UserError(`--say: ${err.message}`, EXIT.usage);
        throw err;
      } finally {
        rl?.close();
        await sim.close();
        if (!flags.json && process.exitCode === EXIT.failure) process.stderr.write(`${errColors.red('the simulator stopped the contact before the flow ended it')}\n`);
      }
    });
}

/**
 * `--fault` rules: `lambda:<Name>:error|timeout|invalid`, `queue:<Name>:full`, `bot:<Name>:error`.
 * @throws UserError (usage) for any other rule
 */
export function parseCallFaults(rules: readonly string[]): ContactFaults {
  const out: { lambda: Record<string, 'error' | 'timeout' | 'invalid'>; queuesAtCapacity: string[]; bot: Record<string, 'error'> } = { lambda: {}, queuesAtCapacity: [], bot: {} };
  for (const rule of rules) {
    const [kind, name, what] = rule.split(':');
    if (kind === 'lambda' && name && (what === 'error' || what === 'timeout' || what === 'invalid')) out.lambda[name] = what;
    else if (kind === 'queue' && name && what === 'full') out.queuesAtCapacity.push(name);
    else if (kind === 'bot' && name && what === 'error') out.bot[name] = 'error';
    else throw new UserError(`--fault: "${rule}" is not a fault rule; use lambda:<Name>:error|timeout|invalid, queue:<Name>:full or bot:<Name>:error.`, EXIT.usage);
  }
  return out;
}
