/**
 * The local contact simulator behind `bots call`, flow-driven conversation tests and
 * `bench:flows`: the flows of `flows/` run by {@link runContact} on the embedded local defaults.
 *
 * - The Lex V2 bots the flows name (`{{bot:Name}}`) are deployed from the definitions into the
 *   in-process Lex emulator and reached through the real `@aws-sdk/client-lex-runtime-v2`
 *   (`openLexTarget`, as `bots chat` and `bots test`), with the fulfillment Lambda as code hook.
 * - "Invoke AWS Lambda function" runs the project's Connect customer lookup in-process, on the same
 *   embedded DynamoDB (dynalite with the sample customers) as the bot's code hook, so the contact
 *   record it writes is the one the code hook reads.
 * - Hours of operation, queues, prompts and numbers come from `flows/instance.yaml`; the clock is
 *   the caller's (`at`).
 *
 * @see https://docs.aws.amazon.com/connect/latest/APIReference/flow-language.html
 * @module
 */
import type { Diagnostic } from '../definitions/diagnostics.js';
import type { YamlSource } from '../definitions/source.js';
import { resolvePlaceholders } from '../conversation/placeholders.js';
import { openLexTarget, type LexTarget, type LexTargetOptions } from '../conversation/target.js';
import { loadFlows } from './load.js';
import type { ContactFlow, FlowInstance } from './model.js';
import { findReferences } from './references.js';
import { flowForNumber, runContact, type Caller, type ContactChannel, type ContactFaults, type ContactPath, type InputRequest, type TranscriptEntry } from './interpreter.js';

/** The simulator cannot start: the flows do not load, or a bot they name cannot be served. `hint` says the fix. */
export class SimulatorError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(hint ? `${message} ${hint}` : message);
    this.name = 'SimulatorError';
  }
}

/** Options of {@link openContactSimulator}. */
export interface SimulatorOptions {
  /** Project root (the folder holding `bots/` and `flows/`). */
  root: string;
  /** The emulator data folder (default `null`: everything in memory, nothing written). */
  dataDir?: string | null;
  /** Deploy the definitions into the local emulator first (default true). */
  deploy?: boolean;
  progress?: LexTargetOptions['progress'];
  /** The in-process fulfillment's log level (default `ERROR`). */
  fulfillmentLogLevel?: LexTargetOptions['fulfillmentLogLevel'];
  /**
   * Bots already open (in-process local targets, e.g. `bots test`'s): used instead of opening new
   * ones, and left open by `close()`.
   */
  targets?: ReadonlyMap<string, LexTarget>;
}

/** One simulated contact. */
export interface CallOptions {
  /** The dialled number, E.164: picks the flow (`instance.yaml` `phoneNumbers[].flow`) unless `flow` is given. */
  to: string;
  /** The caller's number, E.164. */
  from: string;
  flow?: string;
  channel?: ContactChannel;
  /** The time of the call (hours of operation); default now. */
  at?: Date;
  /** Keys for each "Get customer input" in turn; none left = no key pressed (the block times out). */
  dtmf?: readonly string[];
  /**
   * What the caller says to the bot, turn by turn; the call ends (the caller hangs up) when the
   * list runs out while the bot waits. `{otp}` is the last passcode the local SMS outbox holds
   * for `from`; an empty string is silence.
   */
  say?: readonly string[];
  /** Instead of dtmf/say: a caller that answers each request (interactive `bots call`). */
  caller?: Caller;
  faults?: ContactFaults;
  contactId?: string;
  onTranscript?: (entry: TranscriptEntry) => void;
}

/** An open simulator: call as often as needed, then close. */
export interface ContactSimulator {
  flows: readonly ContactFlow[];
  instance: FlowInstance;
  /** The Lex target of each bot the flows name. */
  targets: ReadonlyMap<string, LexTarget>;
  /**
   * Runs one contact.
   * @throws ContactFlowError when no flow answers `to` or a flow is broken; Error for an `{otp}` with no code texted yet
   */
  call(opts: CallOptions): Promise<ContactPath>;
  /** Stops the emulator and the embedded backends. Idempotent. */
  close(): Promise<void>;
}

/**
 * The caller of a scripted call: keys and words from lists, in order.
 * @param resolve - applied to each spoken turn just before it is said (placeholders).
 */
export function scriptedCaller(script: { dtmf?: readonly string[]; say?: readonly string[] }, resolve: (text: string) => string = (t) => t): Caller {
  const keys = [...(script.dtmf ?? [])];
  const words = [...(script.say ?? [])];
  return {
    async respond(req: InputRequest) {
      if (req.kind === 'dtmf') return keys.length ? keys.shift()! : null;
      if (!words.length) return undefined;
      const w = words.shift()!;
      return w === '' ? null : resolve(w);
    },
  };
}

/**
 * Loads the flows and starts the local bots they name.
 * @throws SimulatorError when `flows/` has no flows or `instance.yaml`, a flow has an error `bots validate` reports, or a bot cannot be deployed locally
 * @example
 * const sim = await openContactSimulator({ root: '.' });
 * const path = await sim.call({ to: '+18005550100', from: '+13125550188', dtmf: ['1'], say: ['agent please'] });
 * await sim.close();
 */
export async function openContactSimulator(opts: SimulatorOptions): Promise<ContactSimulator> {
  const diagnostics: Diagnostic[] = [];
  const project = await loadFlows(opts.root, new Map<string, YamlSource>(), diagnostics);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) {
    throw new SimulatorError(`The flows have ${errors.length} error(s): ${errors.slice(0, 3).map((d) => `${d.file}:${d.line}:${d.column} ${d.message}`).join('; ')}.`, 'Run bots validate and fix them.');
  }
  if (!project.flows.length) throw new SimulatorError(`There are no flows in ${opts.root}/flows.`, 'Add a contact flow (flows/<Name>.json); docs/flows.md shows the format.');
  if (!project.instance) throw new SimulatorError('flows/instance.yaml is missing: the simulator needs the queues, hours and numbers the flows name.', 'Add it; docs/flows.md shows the format.');
  const instance = project.instance;

  const botNames = new Set<string>();
  for (const f of project.flows) for (const r of findReferences(f.content).references) if (r.kind === 'bot') botNames.add(r.name);
  const targets = new Map<string, LexTarget>();
  const opened: LexTarget[] = [];
  const close = async () => {
    for (const t of opened.splice(0).reverse()) await t.close();
  };
  try {
    for (const bot of botNames) {
      const given = opts.targets?.get(bot);
      if (given) {
        targets.set(bot, given);
        continue;
      }
      // env {} keeps the emulator in this process, so the lookup Lambda shares the code hook's DynamoDB.
      const target = await openLexTarget({
        root: opts.root,
        bot,
        local: { dataDir: opts.dataDir ?? null },
        deploy: opts.deploy ?? true,
        env: {},
        fulfillmentLogLevel: opts.fulfillmentLogLevel ?? 'ERROR',
        ...(opts.progress ? { progress: opts.progress } : {}),
      });
      targets.set(bot, target);
      opened.push(target);
    }
  } catch (err) {
    await close();
    if (err instanceof Error && err.name === 'LexTargetError') throw new SimulatorError(err.message);
    throw err;
  }
  // The Lambdas live in the bots' in-process fulfillment; any of them serves (they share nothing else).
  const first = [...targets.values()][0];

  return {
    flows: project.flows,
    instance,
    targets,
    async call(c) {
      const from = c.from;
      const lastCodeTo = first?.lastCodeTo;
      const resolve = (text: string) => resolvePlaceholders(text, { sessionId: c.contactId ?? '', phone: from, ...(lastCodeTo ? { lastCodeTo } : {}) });
      const caller = c.caller ?? scriptedCaller({ ...(c.dtmf ? { dtmf: c.dtmf } : {}), ...(c.say ? { say: c.say } : {}) }, resolve);
      const connect = first?.connectLambda;
      return runContact({
        flows: project.flows,
        instance,
        to: c.to,
        from,
        ...(c.flow ? { flow: c.flow } : {}),
        channel: c.channel ?? 'VOICE',
        caller,
        ...(c.at ? { now: () => c.at! } : {}),
        lambdas: connect ? { connect } : {},
        bot: (name) => {
          const t = targets.get(name);
          return t ? { runtime: t.runtime, botId: t.botId, botAliasId: t.botAliasId, localeIds: t.localeIds } : undefined;
        },
        ...(c.faults ? { faults: c.faults } : {}),
        ...(c.contactId ? { contactId: c.contactId } : {}),
        ...(c.onTranscript ? { onTranscript: c.onTranscript } : {}),
      });
    },
    close,
  };
}

/** The flow a dialled number reaches, for messages ("+1800... rings SelfServiceInbound"). */
export function flowOfNumber(sim: Pick<ContactSimulator, 'instance'>, to: string): string | undefined {
  return flowForNumber(sim.instance, to);
}
